//! whisper.cpp's model files: the header, the tensors whisper.cpp creates for it, checking a
//! file the way whisper.cpp loads it ([`inspect`]), and writing one ([`write_ggml`]).
//!
//! A ggml file (the layout of whisper.cpp's `models/convert-pt-to-ggml.py`), all little-endian:
//! 12 `i32` (magic `0x67676d6c`, `n_vocab`, `n_audio_ctx`, `n_audio_state`, `n_audio_head`,
//! `n_audio_layer`, `n_text_ctx`, `n_text_state`, `n_text_head`, `n_text_layer`, `n_mels`,
//! `ftype`); the mel filters (`i32` rows, `i32` columns, then `f32`s); the vocabulary (`i32`
//! count, then each token as `i32` length and raw bytes); then tensors to the end of the file,
//! each `i32` dimensions, `i32` name length, `i32` type, the dimensions innermost first, the
//! name, and the data. whisper.cpp refuses a file whose tensors are not exactly the set it
//! creates, with those shapes and types; [`inspect`] makes the same checks, so a file that
//! passes loads.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Seek, SeekFrom, Write};
use std::path::Path;

use super::Reader;
use super::ctranslate2::{Ct2Model, Ct2Type};
use super::mel::{N_FFT, mel_filters};
use super::plan::Plan;
use crate::error::{Error, Result};

/// `ggml` in the magic number of a whisper.cpp model file.
pub const GGML_MAGIC: u32 = 0x6767_6d6c;

/// What whisper.cpp reads from a model's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hparams {
    /// Tokens the model knows (51864 for English-only models, 51865 multilingual, 51866 for
    /// large-v3).
    pub n_vocab: u32,
    /// Audio positions (1500 for Whisper's 30 s windows).
    pub n_audio_ctx: u32,
    /// Width of the encoder.
    pub n_audio_state: u32,
    /// Encoder attention heads.
    pub n_audio_head: u32,
    /// Encoder layers.
    pub n_audio_layer: u32,
    /// Text positions (448).
    pub n_text_ctx: u32,
    /// Width of the decoder.
    pub n_text_state: u32,
    /// Decoder attention heads.
    pub n_text_head: u32,
    /// Decoder layers.
    pub n_text_layer: u32,
    /// Mel bands of the input features (80, or 128 for large-v3).
    pub n_mels: u32,
    /// The weights' type: 0 float32, 1 float16, larger for quantized files (plus 1000 times
    /// the quantization version).
    pub ftype: u32,
}

impl Hparams {
    /// Whisper's name for the model's size: tiny, base, small, medium or large, with `.en`
    /// for an English-only model (as whisper.cpp names them).
    pub fn model_name(&self) -> String {
        let size = match self.n_audio_layer {
            4 => "tiny",
            6 => "base",
            12 => "small",
            24 => "medium",
            32 => "large",
            _ => "unknown size",
        };
        let en = if self.is_multilingual() { "" } else { ".en" };
        format!("{size}{en}")
    }

    /// Whether the model knows more than English (whisper.cpp's test: 51865 tokens or more).
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51865
    }

    /// The ggml type of the big weight matrices, from `ftype` (ggml's `ggml_ftype_to_ggml_type`).
    fn weight_type(&self) -> Result<GgmlType, String> {
        let t = match self.ftype % 1000 {
            0 => GgmlType::F32,
            1 => GgmlType::F16,
            2 => GgmlType::Q4_0,
            3 => GgmlType::Q4_1,
            7 => GgmlType::Q8_0,
            8 => GgmlType::Q5_0,
            9 => GgmlType::Q5_1,
            10 => GgmlType::Q2K,
            11 => GgmlType::Q3K,
            12 => GgmlType::Q4K,
            13 => GgmlType::Q5K,
            14 => GgmlType::Q6K,
            other => {
                return Err(format!(
                    "its weight type (ftype {other}) is not one whisper.cpp reads"
                ));
            }
        };
        Ok(t)
    }
}

/// The tensor types a whisper.cpp model may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(non_camel_case_types)]
enum GgmlType {
    F32,
    F16,
    Q4_0,
    Q4_1,
    Q5_0,
    Q5_1,
    Q8_0,
    Q2K,
    Q3K,
    Q4K,
    Q5K,
    Q6K,
}

impl GgmlType {
    fn from_id(id: u32) -> Option<GgmlType> {
        Some(match id {
            0 => GgmlType::F32,
            1 => GgmlType::F16,
            2 => GgmlType::Q4_0,
            3 => GgmlType::Q4_1,
            6 => GgmlType::Q5_0,
            7 => GgmlType::Q5_1,
            8 => GgmlType::Q8_0,
            10 => GgmlType::Q2K,
            11 => GgmlType::Q3K,
            12 => GgmlType::Q4K,
            13 => GgmlType::Q5K,
            14 => GgmlType::Q6K,
            _ => return None,
        })
    }

    fn id(self) -> u32 {
        match self {
            GgmlType::F32 => 0,
            GgmlType::F16 => 1,
            GgmlType::Q4_0 => 2,
            GgmlType::Q4_1 => 3,
            GgmlType::Q5_0 => 6,
            GgmlType::Q5_1 => 7,
            GgmlType::Q8_0 => 8,
            GgmlType::Q2K => 10,
            GgmlType::Q3K => 11,
            GgmlType::Q4K => 12,
            GgmlType::Q5K => 13,
            GgmlType::Q6K => 14,
        }
    }

    /// (values per block, bytes per block), as ggml's type traits.
    fn block(self) -> (u64, u64) {
        match self {
            GgmlType::F32 => (1, 4),
            GgmlType::F16 => (1, 2),
            GgmlType::Q4_0 => (32, 18),
            GgmlType::Q4_1 => (32, 20),
            GgmlType::Q5_0 => (32, 22),
            GgmlType::Q5_1 => (32, 24),
            GgmlType::Q8_0 => (32, 34),
            GgmlType::Q2K => (256, 84),
            GgmlType::Q3K => (256, 110),
            GgmlType::Q4K => (256, 144),
            GgmlType::Q5K => (256, 176),
            GgmlType::Q6K => (256, 210),
        }
    }

    fn name(self) -> &'static str {
        match self {
            GgmlType::F32 => "f32",
            GgmlType::F16 => "f16",
            GgmlType::Q4_0 => "q4_0",
            GgmlType::Q4_1 => "q4_1",
            GgmlType::Q5_0 => "q5_0",
            GgmlType::Q5_1 => "q5_1",
            GgmlType::Q8_0 => "q8_0",
            GgmlType::Q2K => "q2_k",
            GgmlType::Q3K => "q3_k",
            GgmlType::Q4K => "q4_k",
            GgmlType::Q5K => "q5_k",
            GgmlType::Q6K => "q6_k",
        }
    }
}

/// Which type whisper.cpp gives a tensor: float32 always, the weight type, or the
/// convolutions' type (float16 unless the whole model is float32).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    F32,
    Weight,
    Conv,
}

/// One tensor whisper.cpp creates: its name, its shape innermost first (ggml's `ne`), and its
/// type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Expected {
    pub(super) name: String,
    pub(super) ne: Vec<u32>,
    pub(super) slot: Slot,
}

/// The tensors whisper.cpp's `whisper_model_load` creates for these hyperparameters, in the
/// order the official files hold them (PyTorch's state-dict order); it refuses a file with any
/// other name, a missing one, or another shape.
pub(super) fn expected_tensors(h: &Hparams) -> Vec<Expected> {
    let t = |name: String, ne: &[u32], slot| Expected {
        name,
        ne: ne.to_vec(),
        slot,
    };
    let mut all = Vec::new();
    let (s, m) = (h.n_audio_state, h.n_mels);
    all.push(t(
        "encoder.positional_embedding".into(),
        &[s, h.n_audio_ctx],
        Slot::F32,
    ));
    all.push(t("encoder.conv1.weight".into(), &[3, m, s], Slot::Conv));
    all.push(t("encoder.conv1.bias".into(), &[1, s], Slot::F32));
    all.push(t("encoder.conv2.weight".into(), &[3, s, s], Slot::Conv));
    all.push(t("encoder.conv2.bias".into(), &[1, s], Slot::F32));
    let block = |all: &mut Vec<Expected>, p: &str, s: u32, cross: bool| {
        let attns: &[&str] = if cross {
            &["attn", "cross_attn"]
        } else {
            &["attn"]
        };
        for a in attns {
            all.push(t(format!("{p}.{a}.query.weight"), &[s, s], Slot::Weight));
            all.push(t(format!("{p}.{a}.query.bias"), &[s], Slot::F32));
            all.push(t(format!("{p}.{a}.key.weight"), &[s, s], Slot::Weight));
            all.push(t(format!("{p}.{a}.value.weight"), &[s, s], Slot::Weight));
            all.push(t(format!("{p}.{a}.value.bias"), &[s], Slot::F32));
            all.push(t(format!("{p}.{a}.out.weight"), &[s, s], Slot::Weight));
            all.push(t(format!("{p}.{a}.out.bias"), &[s], Slot::F32));
            all.push(t(format!("{p}.{a}_ln.weight"), &[s], Slot::F32));
            all.push(t(format!("{p}.{a}_ln.bias"), &[s], Slot::F32));
        }
        all.push(t(format!("{p}.mlp.0.weight"), &[s, 4 * s], Slot::Weight));
        all.push(t(format!("{p}.mlp.0.bias"), &[4 * s], Slot::F32));
        all.push(t(format!("{p}.mlp.2.weight"), &[4 * s, s], Slot::Weight));
        all.push(t(format!("{p}.mlp.2.bias"), &[s], Slot::F32));
        all.push(t(format!("{p}.mlp_ln.weight"), &[s], Slot::F32));
        all.push(t(format!("{p}.mlp_ln.bias"), &[s], Slot::F32));
    };
    for i in 0..h.n_audio_layer {
        block(&mut all, &format!("encoder.blocks.{i}"), s, false);
    }
    all.push(t("encoder.ln_post.weight".into(), &[s], Slot::F32));
    all.push(t("encoder.ln_post.bias".into(), &[s], Slot::F32));
    let d = h.n_text_state;
    all.push(t(
        "decoder.positional_embedding".into(),
        &[d, h.n_text_ctx],
        Slot::F32,
    ));
    all.push(t(
        "decoder.token_embedding.weight".into(),
        &[d, h.n_vocab],
        Slot::Weight,
    ));
    for i in 0..h.n_text_layer {
        block(&mut all, &format!("decoder.blocks.{i}"), d, true);
    }
    all.push(t("decoder.ln.weight".into(), &[d], Slot::F32));
    all.push(t("decoder.ln.bias".into(), &[d], Slot::F32));
    all
}

/// A whisper.cpp model file, read and checked by [`inspect`].
#[derive(Debug, Clone)]
pub struct ModelInfo {
    /// The header.
    pub hparams: Hparams,
    /// Tokens in the file's vocabulary (whisper.cpp adds the special tokens after them).
    pub vocab_len: u32,
    /// How many tensors it holds (all of those whisper.cpp expects, and no other).
    pub tensors: usize,
    /// The file's size in bytes.
    pub bytes: u64,
    /// The weights' type, as whisper.cpp names it (f16, f32, q5_0, ...).
    pub weight_type: &'static str,
}

impl ModelInfo {
    /// One line for people: "tiny.en (4 layers, 384 wide, f16, 74.1 MiB)".
    pub fn summary(&self) -> String {
        let h = &self.hparams;
        format!(
            "{} ({} layers, {} wide, {}, {:.1} MiB)",
            h.model_name(),
            h.n_audio_layer,
            h.n_audio_state,
            self.weight_type,
            self.bytes as f64 / (1024.0 * 1024.0)
        )
    }
}

/// Reads and checks a whisper.cpp model file the way whisper.cpp loads it: the header, the mel
/// filters, the vocabulary, and every tensor's name, shape, type and size, against the tensors
/// whisper.cpp creates for that header. An error says what is wrong (exit 2: the file is bad
/// input).
pub fn inspect(path: &Path) -> Result<ModelInfo> {
    let file = File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::input(format!(
            "{} does not exist; check the path of the speech model",
            path.display()
        )),
        _ => Error::read(path, e),
    })?;
    if path.is_dir() {
        return Err(Error::input(format!(
            "{} is a folder, not a whisper.cpp model file (a folder holding model.bin is a \
             CTranslate2 model: convert it with `grill voice import-model {}`)",
            path.display(),
            path.display()
        )));
    }
    let bytes = file.metadata().map_err(|e| Error::read(path, e))?.len();
    let what = path.display().to_string();
    let mut r = Reader {
        inner: BufReader::new(file),
        what: what.clone(),
    };
    inspect_from(&mut r, bytes)
        .map_err(|m| Error::input(format!("{what} is not a usable whisper.cpp model: {m}")))
}

/// The header, the mel filters' shape and the vocabulary, up to the first tensor.
fn read_header(r: &mut Reader<BufReader<File>>) -> Result<(Hparams, u32), String> {
    let magic = r.u32("the header")?;
    if magic != GGML_MAGIC {
        return Err(format!(
            "it does not start with ggml's magic number (found {magic:#010x}); whisper.cpp's \
             model files are named like ggml-tiny.en.bin"
        ));
    }
    let mut v = [0u32; 11];
    for x in &mut v {
        *x = r.u32("the header")?;
    }
    let h = Hparams {
        n_vocab: v[0],
        n_audio_ctx: v[1],
        n_audio_state: v[2],
        n_audio_head: v[3],
        n_audio_layer: v[4],
        n_text_ctx: v[5],
        n_text_state: v[6],
        n_text_head: v[7],
        n_text_layer: v[8],
        n_mels: v[9],
        ftype: v[10],
    };
    check_hparams(&h)?;
    let n_mel = r.u32("the mel filters")?;
    let n_fft = r.u32("the mel filters")?;
    if n_mel != h.n_mels || n_fft as usize != N_FFT / 2 + 1 {
        return Err(format!(
            "its mel filters are {n_mel} x {n_fft}, not {} x {}",
            h.n_mels,
            N_FFT / 2 + 1
        ));
    }
    r.inner
        .seek_relative(i64::from(n_mel) * i64::from(n_fft) * 4)
        .map_err(|e| e.to_string())?;
    let vocab_len = r.u32("the vocabulary")?;
    if vocab_len == 0 || vocab_len > h.n_vocab {
        return Err(format!(
            "its vocabulary has {vocab_len} tokens for a model of {}",
            h.n_vocab
        ));
    }
    for _ in 0..vocab_len {
        let len = r.u32("the vocabulary")?;
        if len > 1024 {
            return Err(format!("a vocabulary token is {len} bytes long"));
        }
        r.inner
            .seek_relative(i64::from(len))
            .map_err(|e| e.to_string())?;
    }
    Ok((h, vocab_len))
}

fn inspect_from(r: &mut Reader<BufReader<File>>, bytes: u64) -> Result<ModelInfo, String> {
    let (h, vocab_len) = read_header(r)?;
    let wtype = h.weight_type()?;
    let expected: HashMap<String, Expected> = expected_tensors(&h)
        .into_iter()
        .map(|e| (e.name.clone(), e))
        .collect();
    let mut seen = HashSet::new();
    let mut pos = r.inner.stream_position().map_err(|e| e.to_string())?;
    while pos < bytes {
        let name = check_tensor(r, pos, &expected, wtype)?;
        if !seen.insert(name.clone()) {
            return Err(format!("it holds the tensor {name} twice"));
        }
        pos = r.inner.stream_position().map_err(|e| e.to_string())?;
        if pos > bytes {
            return Err(format!(
                "the file ends inside tensor {name} (the file is cut short)"
            ));
        }
    }
    if seen.len() != expected.len() {
        let mut missing: Vec<&str> = expected
            .keys()
            .filter(|k| !seen.contains(*k))
            .map(String::as_str)
            .collect();
        missing.sort_unstable();
        return Err(format!(
            "{} of its {} tensors are missing, such as {}",
            missing.len(),
            expected.len(),
            missing[0]
        ));
    }
    Ok(ModelInfo {
        hparams: h,
        vocab_len,
        tensors: seen.len(),
        bytes,
        weight_type: wtype.name(),
    })
}

/// Reads the header of the tensor at `pos` and checks it against the one whisper.cpp expects
/// by that name, then moves past its data (perhaps past the end of the file, which the caller
/// checks); its name.
fn check_tensor(
    r: &mut Reader<BufReader<File>>,
    pos: u64,
    expected: &HashMap<String, Expected>,
    wtype: GgmlType,
) -> Result<String, String> {
    let n_dims = r.u32("a tensor's header")?;
    let name_len = r.u32("a tensor's header")?;
    let ttype = r.u32("a tensor's header")?;
    if !(1..=4).contains(&n_dims) || name_len == 0 || name_len > 256 {
        return Err(format!("a tensor header at byte {pos} is damaged"));
    }
    let mut ne = Vec::new();
    for _ in 0..n_dims {
        ne.push(r.u32("a tensor's shape")?);
    }
    let name = String::from_utf8(r.bytes(name_len as usize, "a tensor's name")?)
        .map_err(|_| format!("a tensor name at byte {pos} is not text"))?;
    let Some(want) = expected.get(&name) else {
        return Err(format!(
            "it holds a tensor whisper.cpp does not know, {name:?} (a model of another \
             kind, or of another size than its header says)"
        ));
    };
    if ne != want.ne {
        return Err(format!(
            "tensor {name} has shape {ne:?}, whisper.cpp expects {:?}",
            want.ne
        ));
    }
    let want_type = match want.slot {
        Slot::F32 => GgmlType::F32,
        Slot::Weight => wtype,
        Slot::Conv if wtype == GgmlType::F32 => GgmlType::F32,
        Slot::Conv => GgmlType::F16,
    };
    let got = GgmlType::from_id(ttype)
        .ok_or_else(|| format!("tensor {name} has an unknown type ({ttype})"))?;
    if got != want_type {
        return Err(format!(
            "tensor {name} is {}, whisper.cpp expects {} for this model",
            got.name(),
            want_type.name()
        ));
    }
    let values: u64 = ne.iter().map(|&n| u64::from(n)).product();
    let (per_block, block_bytes) = got.block();
    if !values.is_multiple_of(per_block) {
        return Err(format!(
            "tensor {name} does not fill whole {} blocks",
            got.name()
        ));
    }
    let data = values / per_block * block_bytes;
    let end = r.inner.stream_position().map_err(|e| e.to_string())? + data;
    r.inner
        .seek(SeekFrom::Start(end))
        .map_err(|e| e.to_string())?;
    Ok(name)
}

/// The header values whisper.cpp's graph can work with; a damaged header would otherwise make
/// it allocate absurd sizes.
pub(super) fn check_hparams(h: &Hparams) -> Result<(), String> {
    let sane = |v: u32, lo: u32, hi: u32| (lo..=hi).contains(&v);
    let ok = sane(h.n_vocab, 1, 1 << 20)
        && sane(h.n_audio_ctx, 1, 1 << 16)
        && sane(h.n_audio_state, 1, 1 << 16)
        && sane(h.n_audio_head, 1, 1024)
        && sane(h.n_audio_layer, 1, 1024)
        && sane(h.n_text_ctx, 1, 1 << 16)
        && sane(h.n_text_state, 1, 1 << 16)
        && sane(h.n_text_head, 1, 1024)
        && sane(h.n_text_layer, 1, 1024)
        && sane(h.n_mels, 1, 1024)
        && h.n_audio_state.is_multiple_of(h.n_audio_head)
        && h.n_text_state.is_multiple_of(h.n_text_head);
    if ok {
        Ok(())
    } else {
        Err(format!("its header is damaged or not Whisper's ({h:?})"))
    }
}

pub(super) enum WriteError {
    Io(std::io::Error),
    Model(String),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

pub(super) fn write_ggml(
    m: &mut Ct2Model,
    plan: &Plan,
    out: &mut impl Write,
) -> Result<(), WriteError> {
    let h = &plan.hparams;
    let i32s = |out: &mut dyn Write, vals: &[u32]| -> std::io::Result<()> {
        for v in vals {
            out.write_all(&v.to_le_bytes())?;
        }
        Ok(())
    };
    i32s(
        out,
        &[
            GGML_MAGIC,
            h.n_vocab,
            h.n_audio_ctx,
            h.n_audio_state,
            h.n_audio_head,
            h.n_audio_layer,
            h.n_text_ctx,
            h.n_text_state,
            h.n_text_head,
            h.n_text_layer,
            h.n_mels,
            h.ftype,
        ],
    )?;
    let filters = mel_filters(h.n_mels as usize);
    i32s(out, &[h.n_mels, (N_FFT / 2 + 1) as u32])?;
    for f in filters {
        out.write_all(&f.to_le_bytes())?;
    }
    i32s(out, &[plan.tokens.len() as u32])?;
    for t in &plan.tokens {
        i32s(out, &[t.len() as u32])?;
        out.write_all(t)?;
    }
    for (e, src) in &plan.tensors {
        let (var, data) = m.read(&src.var).map_err(WriteError::Model)?;
        let n = data.len() / src.of as usize;
        let data = &data[src.part as usize * n..(src.part as usize + 1) * n];
        let as_f32 = e.slot == Slot::F32 || !plan.f16;
        let ttype = if as_f32 { GgmlType::F32 } else { GgmlType::F16 };
        i32s(out, &[e.ne.len() as u32, e.name.len() as u32, ttype.id()])?;
        i32s(out, &e.ne)?;
        out.write_all(e.name.as_bytes())?;
        match (var.dtype, as_f32) {
            (Ct2Type::F16, false) | (Ct2Type::F32, true) => out.write_all(data)?,
            (Ct2Type::F16, true) => {
                let mut buf = Vec::with_capacity(data.len() * 2);
                for c in data.chunks_exact(2) {
                    buf.extend_from_slice(
                        &f16_to_f32(u16::from_le_bytes([c[0], c[1]])).to_le_bytes(),
                    );
                }
                out.write_all(&buf)?;
            }
            (Ct2Type::Bf16, true) => {
                let mut buf = Vec::with_capacity(data.len() * 2);
                for c in data.chunks_exact(2) {
                    let bits = u32::from(u16::from_le_bytes([c[0], c[1]])) << 16;
                    buf.extend_from_slice(&f32::from_bits(bits).to_le_bytes());
                }
                out.write_all(&buf)?;
            }
            (t, _) => {
                return Err(WriteError::Model(format!(
                    "variable {} is {t:?}, which cannot be written as {}",
                    src.var,
                    ttype.name()
                )));
            }
        }
    }
    Ok(())
}

/// A float16's value as float32 (exact: every float16 is a float32).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let frac = u32::from(h & 0x3ff);
    let bits = match (exp, frac) {
        (0, 0) => sign,
        (0, _) => {
            // Subnormal: normalise the fraction.
            let shift = frac.leading_zeros() - 21;
            let frac = (frac << shift) & 0x3ff;
            sign | ((127 - 15 + 1 - shift) << 23) | (frac << 13)
        }
        (0x1f, _) => sign | 0x7f80_0000 | (frac << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (frac << 13),
    };
    f32::from_bits(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float16_widens_exactly() {
        assert_eq!(f16_to_f32(0x0000), 0.0);
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24)); // the smallest subnormal
        assert_eq!(f16_to_f32(0x03ff), 1023.0 * 2f32.powi(-24)); // the largest subnormal
        assert_eq!(f16_to_f32(0x0400), 2f32.powi(-14)); // the smallest normal
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert!(f16_to_f32(0x7e00).is_nan());
    }

    #[test]
    fn tiny_en_has_the_tensors_of_the_official_file() {
        let h = Hparams {
            n_vocab: 51864,
            n_audio_ctx: 1500,
            n_audio_state: 384,
            n_audio_head: 6,
            n_audio_layer: 4,
            n_text_ctx: 448,
            n_text_state: 384,
            n_text_head: 6,
            n_text_layer: 4,
            n_mels: 80,
            ftype: 1,
        };
        let all = expected_tensors(&h);
        // whisper.cpp: 5 + 2 + 2 + 2 around the layers, 15 a encoder layer, 24 a decoder one.
        assert_eq!(all.len(), 11 + 15 * 4 + 24 * 4);
        assert_eq!(h.model_name(), "tiny.en");
        // The size of ggml-tiny.en.bin from the header, mel filters and the vocabulary's
        // byte count (the 50,257 tokens of tiny.en take 320,827 bytes).
        let tensor_bytes: u64 = all
            .iter()
            .map(|e| {
                let n: u64 = e.ne.iter().map(|&d| u64::from(d)).product();
                let size = if e.slot == Slot::F32 { 4 } else { 2 };
                12 + 4 * e.ne.len() as u64 + e.name.len() as u64 + n * size
            })
            .sum();
        let fixed = 48 + 8 + 80 * 201 * 4 + 4;
        let vocab = 50257 * 4 + 320_827;
        assert_eq!(fixed + vocab + tensor_bytes, 77_704_715);
    }
}
