//! Whisper models: reading and checking whisper.cpp's ggml files, and converting a CTranslate2
//! (faster-whisper) Whisper model folder into one.
//!
//! - [`ggml`]: whisper.cpp's file format: the header ([`Hparams`]), the tensors whisper.cpp
//!   creates for it, [`inspect`] (a file checked the way whisper.cpp loads it) and the writer.
//! - [`ctranslate2`]: reading a CTranslate2 model folder (`model.bin`, the vocabulary).
//! - [`plan`]: which CTranslate2 variable, or which part of a fused one, becomes each of
//!   whisper.cpp's tensors, checked before anything is written.
//! - [`mel`]: Whisper's mel filterbank, computed as librosa does ([`mel_filters`]).
//!
//! [`convert`] puts them together: read, plan, write beside the destination, check with
//! [`inspect`], rename into place. Weights are copied as they are (float16 stays float16) or
//! widened exactly (float16 to float32 for the tensors whisper.cpp keeps in float32; bfloat16
//! to float32); nothing is rounded. From faster-whisper's tiny.en this gives a file of exactly
//! the size of whisper.cpp's `ggml-tiny.en.bin`, 77,704,715 bytes.

mod ctranslate2;
mod ggml;
mod mel;
mod plan;

use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use ctranslate2::{Ct2Model, read_vocabulary};
use ggml::{WriteError, write_ggml};
use plan::plan_conversion;

pub use ggml::{GGML_MAGIC, Hparams, ModelInfo, f16_to_f32, inspect};
pub use mel::mel_filters;

/// Little-endian reading with a running offset and messages that name the file.
struct Reader<R> {
    inner: R,
    what: String,
}

impl<R: Read> Reader<R> {
    fn exact(&mut self, buf: &mut [u8], field: &str) -> Result<(), String> {
        self.inner.read_exact(buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                format!("{} ends inside {field} (the file is cut short)", self.what)
            } else {
                format!("cannot read {}: {e}", self.what)
            }
        })
    }

    fn u8(&mut self, field: &str) -> Result<u8, String> {
        let mut b = [0; 1];
        self.exact(&mut b, field)?;
        Ok(b[0])
    }

    fn u16(&mut self, field: &str) -> Result<u16, String> {
        let mut b = [0; 2];
        self.exact(&mut b, field)?;
        Ok(u16::from_le_bytes(b))
    }

    fn u32(&mut self, field: &str) -> Result<u32, String> {
        let mut b = [0; 4];
        self.exact(&mut b, field)?;
        Ok(u32::from_le_bytes(b))
    }

    fn bytes(&mut self, n: usize, field: &str) -> Result<Vec<u8>, String> {
        // Read in steps, so that a corrupt length fails at the end of the file instead of
        // allocating gigabytes first.
        let mut out = Vec::with_capacity(n.min(1 << 20));
        let got = (&mut self.inner)
            .take(n as u64)
            .read_to_end(&mut out)
            .map_err(|e| format!("cannot read {}: {e}", self.what))?;
        if got < n {
            return Err(format!(
                "{} ends inside {field} (the file is cut short)",
                self.what
            ));
        }
        Ok(out)
    }
}

/// What [`convert`] wrote.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The written file, checked with [`inspect`].
    pub info: ModelInfo,
    /// Where it was written.
    pub path: PathBuf,
}

/// Converts the CTranslate2 (faster-whisper) Whisper model in `dir` into a whisper.cpp ggml
/// file at `output`, then checks the result with [`inspect`]. The file is written beside
/// `output` under a temporary name and renamed into place only once it has passed, so a failed
/// conversion leaves nothing behind; an existing `output` is replaced only with `replace`.
pub fn convert(dir: &Path, output: &Path, replace: bool) -> Result<Converted> {
    let bad = |m: String| {
        Error::input(format!(
            "{} is not a CTranslate2 Whisper model grill can convert: {m}",
            dir.display()
        ))
    };
    if !dir.is_dir() {
        return Err(Error::input(format!(
            "{} is not a folder; give the folder that holds model.bin, vocabulary.txt and \
             config.json (a faster-whisper model)",
            dir.display()
        )));
    }
    let bin = dir.join("model.bin");
    if !bin.is_file() {
        return Err(bad("it has no model.bin".into()));
    }
    if output.exists() && !replace {
        return Err(Error::input(format!(
            "{} already exists; add --force to replace it",
            output.display()
        )));
    }
    let mut model = Ct2Model::open(&bin).map_err(bad)?;
    let vocab = read_vocabulary(dir).map_err(bad)?;
    let plan = plan_conversion(&mut model, &vocab).map_err(bad)?;
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::Io {
        action: crate::error::IoAction::Create,
        path: parent.clone(),
        source: e,
    })?;
    let tmp = tempfile::Builder::new()
        .prefix(".grill-model-")
        .suffix(".part")
        .tempfile_in(&parent)
        .map_err(|e| Error::write(&parent, e))?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, tmp.as_file());
        write_ggml(&mut model, &plan, &mut out).map_err(|e| match e {
            WriteError::Io(e) => Error::write(output, e),
            WriteError::Model(m) => bad(m),
        })?;
        out.flush().map_err(|e| Error::write(output, e))?;
    }
    // A model is no secret: readable by all, as a downloaded one would be (the temporary
    // file starts private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::write(output, e))?;
    let info = inspect(tmp.path()).map_err(|e| {
        Error::Failed(format!(
            "the converted model failed whisper.cpp's checks, so nothing was written: {e}"
        ))
    })?;
    let persist = if replace {
        tmp.persist(output).map_err(|e| e.error)
    } else {
        tmp.persist_noclobber(output).map_err(|e| e.error)
    };
    persist.map_err(|e| Error::write(output, e))?;
    Ok(Converted {
        info,
        path: output.to_path_buf(),
    })
}
