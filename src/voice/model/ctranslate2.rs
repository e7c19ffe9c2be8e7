//! Reading a CTranslate2 (faster-whisper) Whisper model folder: `model.bin`'s variables (where
//! each one's data is, read when asked) and the vocabulary.
//!
//! `model.bin` (see CTranslate2's `src/models/model.cc` and
//! `python/ctranslate2/specs/model_spec.py`): `u32` binary version, the spec name and `u32`
//! revision, `u32` variable count, then each variable as name, `u8` rank, `u32` dimensions,
//! `u8` type, `u32` byte count and the data; then `u32` alias count and pairs of names. Strings
//! are `u16` length (with the terminating NUL) and bytes. The vocabulary is `vocabulary.json`
//! (a list) or `vocabulary.txt` (a token a line), in GPT-2's byte-level spelling
//! ([`byte_decoder`] reads it back into bytes).

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::Reader;

/// CTranslate2's data types (`include/ctranslate2/types.h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ct2Type {
    F32,
    I8,
    I16,
    I32,
    F16,
    Bf16,
}

impl Ct2Type {
    fn from_id(id: u8) -> Option<Ct2Type> {
        Some(match id {
            0 => Ct2Type::F32,
            1 => Ct2Type::I8,
            2 => Ct2Type::I16,
            3 => Ct2Type::I32,
            4 => Ct2Type::F16,
            5 => Ct2Type::Bf16,
            _ => return None,
        })
    }

    /// Binary versions before 4 store the item size instead of the type (`get_dtype_from_item_size`).
    fn from_item_size(size: u8) -> Option<Ct2Type> {
        Some(match size {
            4 => Ct2Type::F32,
            2 => Ct2Type::F16,
            1 => Ct2Type::I8,
            _ => return None,
        })
    }

    fn size(self) -> u64 {
        match self {
            Ct2Type::F32 | Ct2Type::I32 => 4,
            Ct2Type::F16 | Ct2Type::Bf16 | Ct2Type::I16 => 2,
            Ct2Type::I8 => 1,
        }
    }
}

/// One variable of a CTranslate2 `model.bin`: where its data is, not the data.
#[derive(Debug, Clone)]
pub(super) struct Variable {
    pub(super) shape: Vec<u32>,
    pub(super) dtype: Ct2Type,
    offset: u64,
    bytes: u64,
}

/// A CTranslate2 Whisper model: its variables' places in `model.bin`.
pub(super) struct Ct2Model {
    path: PathBuf,
    file: BufReader<File>,
    pub(super) vars: BTreeMap<String, Variable>,
}

/// The newest `model.bin` binary version this reader knows (CTranslate2 4.x writes 6).
const CT2_MAX_BINARY_VERSION: u32 = 6;

impl Ct2Model {
    pub(super) fn open(path: &Path) -> Result<Ct2Model, String> {
        let file = File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let bytes = file
            .metadata()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .len();
        let mut r = Reader {
            inner: BufReader::new(file),
            what: path.display().to_string(),
        };
        let version = r.u32("the header")?;
        if !(2..=CT2_MAX_BINARY_VERSION).contains(&version) {
            return Err(format!(
                "its binary version is {version}; this grill reads CTranslate2 models of \
                 versions 2 to {CT2_MAX_BINARY_VERSION}"
            ));
        }
        let spec = ct2_string(&mut r, "the model's kind")?;
        let _revision = r.u32("the header")?;
        if spec != "WhisperSpec" {
            return Err(format!(
                "it is a CTranslate2 model of another kind ({spec}), not Whisper"
            ));
        }
        let count = r.u32("the variable count")?;
        let mut vars = BTreeMap::new();
        for _ in 0..count {
            let name = ct2_string(&mut r, "a variable's name")?;
            let rank = r.u8("a variable's rank")?;
            let mut shape = Vec::new();
            for _ in 0..rank {
                shape.push(r.u32("a variable's shape")?);
            }
            let (dtype, n_bytes) = if version >= 4 {
                let id = r.u8("a variable's type")?;
                let t = Ct2Type::from_id(id)
                    .ok_or_else(|| format!("variable {name} has an unknown type ({id})"))?;
                (t, u64::from(r.u32("a variable's size")?))
            } else {
                let size = r.u8("a variable's item size")?;
                let t = Ct2Type::from_item_size(size)
                    .ok_or_else(|| format!("variable {name} has an unknown item size ({size})"))?;
                (t, u64::from(r.u32("a variable's size")?) * u64::from(size))
            };
            let values: u64 = shape.iter().map(|&d| u64::from(d)).product();
            if values * dtype.size() != n_bytes {
                return Err(format!("variable {name} has the wrong size for its shape"));
            }
            let offset = r.inner.stream_position().map_err(|e| e.to_string())?;
            if offset + n_bytes > bytes {
                return Err(format!(
                    "{} ends inside variable {name} (the file is cut short)",
                    path.display()
                ));
            }
            r.inner
                .seek_relative(n_bytes as i64)
                .map_err(|e| e.to_string())?;
            vars.insert(
                name,
                Variable {
                    shape,
                    dtype,
                    offset,
                    bytes: n_bytes,
                },
            );
        }
        Ok(Ct2Model {
            path: path.to_path_buf(),
            file: r.inner,
            vars,
        })
    }

    pub(super) fn var(&self, name: &str) -> Result<&Variable, String> {
        self.vars
            .get(name)
            .ok_or_else(|| format!("it has no variable {name}, which a Whisper model has"))
    }

    pub(super) fn read(&mut self, name: &str) -> Result<(Variable, Vec<u8>), String> {
        let v = self.var(name)?.clone();
        self.file
            .seek(SeekFrom::Start(v.offset))
            .map_err(|e| format!("cannot read {}: {e}", self.path.display()))?;
        let mut data = vec![0; v.bytes as usize];
        self.file
            .read_exact(&mut data)
            .map_err(|e| format!("cannot read {}: {e}", self.path.display()))?;
        Ok((v, data))
    }

    /// A scalar integer variable (`num_heads`), when present.
    pub(super) fn scalar(&mut self, name: &str) -> Result<Option<u32>, String> {
        if !self.vars.contains_key(name) {
            return Ok(None);
        }
        let (v, d) = self.read(name)?;
        let value = match (v.dtype, d.as_slice()) {
            (Ct2Type::I8, [a]) => u32::from(*a),
            (Ct2Type::I16, [a, b]) => u32::from(u16::from_le_bytes([*a, *b])),
            (Ct2Type::I32, [a, b, c, e]) => u32::from_le_bytes([*a, *b, *c, *e]),
            _ => return Err(format!("variable {name} is not a number")),
        };
        Ok(Some(value))
    }

    /// How many `{prefix}/layer_N` layers the model has.
    pub(super) fn layers(&self, prefix: &str) -> u32 {
        (0..)
            .take_while(|i| {
                self.vars
                    .contains_key(&format!("{prefix}/layer_{i}/ffn/linear_0/weight"))
            })
            .count() as u32
    }

    pub(super) fn dim(&self, name: &str, axis: usize) -> Result<u32, String> {
        let v = self.var(name)?;
        v.shape
            .get(axis)
            .copied()
            .ok_or_else(|| format!("variable {name} has too few dimensions"))
    }
}

fn ct2_string<R: Read>(r: &mut Reader<R>, field: &str) -> Result<String, String> {
    let len = r.u16(field)?;
    if len == 0 {
        return Err(format!("{} has an empty string in {field}", r.what));
    }
    let mut b = r.bytes(usize::from(len), field)?;
    b.pop(); // the terminating NUL
    String::from_utf8(b).map_err(|_| format!("{field} in {} is not text", r.what))
}

/// GPT-2's byte-level alphabet, reversed: the printable character that stands for each byte in
/// the vocabulary's token strings, mapped back to the byte (`bytes_to_unicode` in whisper.cpp's
/// converter and in OpenAI's tokenizer).
pub(super) fn byte_decoder() -> HashMap<char, u8> {
    let mut printable: Vec<u32> = (u32::from('!')..=u32::from('~'))
        .chain(0xa1..=0xac)
        .chain(0xae..=0xff)
        .collect();
    let mut chars = printable.clone();
    let mut n = 0;
    for b in 0..=255u32 {
        if !printable.contains(&b) {
            printable.push(b);
            chars.push(256 + n);
            n += 1;
        }
    }
    printable
        .into_iter()
        .zip(chars)
        .map(|(b, c)| (char::from_u32(c).expect("a valid char"), b as u8))
        .collect()
}

/// The model folder's vocabulary, one token a line in `vocabulary.txt` or a JSON list in
/// `vocabulary.json` (newer CTranslate2 converters), in GPT-2's byte-level spelling.
pub(super) fn read_vocabulary(dir: &Path) -> Result<Vec<String>, String> {
    let json = dir.join("vocabulary.json");
    if json.is_file() {
        let text = std::fs::read_to_string(&json)
            .map_err(|e| format!("cannot read {}: {e}", json.display()))?;
        return serde_json::from_str(&text)
            .map_err(|e| format!("{} is not a JSON list of tokens: {e}", json.display()));
    }
    let txt = dir.join("vocabulary.txt");
    let text = std::fs::read_to_string(&txt).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!(
            "it has no vocabulary.txt or vocabulary.json beside model.bin ({})",
            dir.display()
        ),
        _ => format!("cannot read {}: {e}", txt.display()),
    })?;
    let mut tokens: Vec<String> = text
        .split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect();
    if tokens.last().is_some_and(String::is_empty) {
        tokens.pop();
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_decoder_covers_every_byte_once() {
        let d = byte_decoder();
        assert_eq!(d.len(), 256);
        let mut bytes: Vec<u8> = d.values().copied().collect();
        bytes.sort_unstable();
        bytes.dedup();
        assert_eq!(bytes.len(), 256);
        assert_eq!(d[&'Ġ'], b' ');
        assert_eq!(d[&'a'], b'a');
        assert_eq!(d[&'Ċ'], b'\n');
    }
}
