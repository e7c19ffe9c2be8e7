//! Whisper models: reading and checking whisper.cpp's ggml files, and converting a CTranslate2
//! (faster-whisper) Whisper model folder into one.
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
//!
//! A CTranslate2 model folder holds `model.bin` (see CTranslate2's `src/models/model.cc` and
//! `python/ctranslate2/specs/model_spec.py`): `u32` binary version, the spec name and `u32`
//! revision, `u32` variable count, then each variable as name, `u8` rank, `u32` dimensions,
//! `u8` type, `u32` byte count and the data; then `u32` alias count and pairs of names. Strings
//! are `u16` length (with the terminating NUL) and bytes. Its Whisper spec fuses the attention
//! projections (query, key and value in one `linear_0` for self-attention; key and value in
//! one `linear_1` for cross-attention, with zero key biases where Whisper has none); [`convert`]
//! splits them back into whisper.cpp's names, computes the mel filters that whisper.cpp's
//! converter takes from `mel_filters.npz` ([`mel_filters`]), and writes the vocabulary from
//! `vocabulary.json` or `vocabulary.txt`. Weights are copied as they are (float16 stays
//! float16) or widened exactly (float16 to float32 for the tensors whisper.cpp keeps in
//! float32; bfloat16 to float32); nothing is rounded. From faster-whisper's tiny.en this gives
//! a file of exactly the size of whisper.cpp's `ggml-tiny.en.bin`, 77,704,715 bytes.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// `ggml` in the magic number of a whisper.cpp model file.
pub const GGML_MAGIC: u32 = 0x6767_6d6c;

/// The sample rate Whisper's features are computed at.
const SAMPLE_RATE: f64 = 16_000.0;
/// Whisper's FFT size: 25 ms windows at 16 kHz; 201 frequency bins.
const N_FFT: usize = 400;

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
enum Slot {
    F32,
    Weight,
    Conv,
}

/// One tensor whisper.cpp creates: its name, its shape innermost first (ggml's `ne`), and its
/// type.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Expected {
    name: String,
    ne: Vec<u32>,
    slot: Slot,
}

/// The tensors whisper.cpp's `whisper_model_load` creates for these hyperparameters, in the
/// order the official files hold them (PyTorch's state-dict order); it refuses a file with any
/// other name, a missing one, or another shape.
fn expected_tensors(h: &Hparams) -> Vec<Expected> {
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

fn inspect_from(r: &mut Reader<BufReader<File>>, bytes: u64) -> Result<ModelInfo, String> {
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
    let wtype = h.weight_type()?;
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
    let expected: HashMap<String, Expected> = expected_tensors(&h)
        .into_iter()
        .map(|e| (e.name.clone(), e))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut pos = r.inner.stream_position().map_err(|e| e.to_string())?;
    while pos < bytes {
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
        if !seen.insert(name.clone()) {
            return Err(format!("it holds the tensor {name} twice"));
        }
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
        pos = r.inner.stream_position().map_err(|e| e.to_string())? + data;
        if pos > bytes {
            return Err(format!(
                "the file ends inside tensor {name} (the file is cut short)"
            ));
        }
        r.inner
            .seek(SeekFrom::Start(pos))
            .map_err(|e| e.to_string())?;
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

/// The header values whisper.cpp's graph can work with; a damaged header would otherwise make
/// it allocate absurd sizes.
fn check_hparams(h: &Hparams) -> Result<(), String> {
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

/// Whisper's mel filterbank, `n_mels` x 201, as `librosa.filters.mel(sr=16000, n_fft=400,
/// n_mels=n_mels)` computes it (the Slaney mel scale, Slaney area normalisation) and as
/// whisper.cpp's converters copy it from Whisper's `mel_filters.npz`: computed in float64,
/// each triangle rounded to float32 before the normalisation and again after it, as librosa
/// does with its float32 weights array. For 80 bands this gives, bit for bit, the filters in
/// whisper.cpp's ggml files.
pub fn mel_filters(n_mels: usize) -> Vec<f32> {
    let n_freqs = N_FFT / 2 + 1;
    // librosa's Slaney scale: linear below 1 kHz, logarithmic above.
    let f_sp = 200.0 / 3.0;
    let min_log_hz = 1000.0;
    let min_log_mel = min_log_hz / f_sp;
    let logstep = 6.4f64.ln() / 27.0;
    let hz_to_mel = |f: f64| {
        if f >= min_log_hz {
            min_log_mel + (f / min_log_hz).ln() / logstep
        } else {
            f / f_sp
        }
    };
    let mel_to_hz = |m: f64| {
        if m >= min_log_mel {
            min_log_hz * (logstep * (m - min_log_mel)).exp()
        } else {
            f_sp * m
        }
    };
    // np.linspace(0, sr / 2, n_freqs): i * step, exact here (step 40 Hz).
    let step = (SAMPLE_RATE / 2.0) / (n_freqs - 1) as f64;
    let fft_freqs: Vec<f64> = (0..n_freqs).map(|i| i as f64 * step).collect();
    // np.linspace(min_mel, max_mel, n_mels + 2): i * step + start, the last one exact.
    let (lo, hi) = (hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2.0));
    let mel_step = (hi - lo) / (n_mels + 1) as f64;
    let mel_f: Vec<f64> = (0..n_mels + 2)
        .map(|i| {
            if i == n_mels + 1 {
                mel_to_hz(hi)
            } else {
                mel_to_hz(i as f64 * mel_step + lo)
            }
        })
        .collect();
    let mut out = Vec::with_capacity(n_mels * n_freqs);
    for i in 0..n_mels {
        let lower_width = mel_f[i + 1] - mel_f[i];
        let upper_width = mel_f[i + 2] - mel_f[i + 1];
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for &f in &fft_freqs {
            let lower = -(mel_f[i] - f) / lower_width;
            let upper = (mel_f[i + 2] - f) / upper_width;
            // np.maximum(0, x): +0.0 where x is -0.0 (f64::max may give either).
            let weight = lower.min(upper);
            let weight = if weight > 0.0 { weight as f32 } else { 0.0 };
            out.push((f64::from(weight) * enorm) as f32);
        }
    }
    out
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

/// CTranslate2's data types (`include/ctranslate2/types.h`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ct2Type {
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
struct Variable {
    shape: Vec<u32>,
    dtype: Ct2Type,
    offset: u64,
    bytes: u64,
}

/// A CTranslate2 Whisper model: its variables' places in `model.bin`.
struct Ct2Model {
    path: PathBuf,
    file: BufReader<File>,
    vars: BTreeMap<String, Variable>,
}

/// The newest `model.bin` binary version this reader knows (CTranslate2 4.x writes 6).
const CT2_MAX_BINARY_VERSION: u32 = 6;

impl Ct2Model {
    fn open(path: &Path) -> Result<Ct2Model, String> {
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

    fn var(&self, name: &str) -> Result<&Variable, String> {
        self.vars
            .get(name)
            .ok_or_else(|| format!("it has no variable {name}, which a Whisper model has"))
    }

    fn read(&mut self, name: &str) -> Result<(Variable, Vec<u8>), String> {
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
    fn scalar(&mut self, name: &str) -> Result<Option<u32>, String> {
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
    fn layers(&self, prefix: &str) -> u32 {
        (0..)
            .take_while(|i| {
                self.vars
                    .contains_key(&format!("{prefix}/layer_{i}/ffn/linear_0/weight"))
            })
            .count() as u32
    }

    fn dim(&self, name: &str, axis: usize) -> Result<u32, String> {
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
fn byte_decoder() -> HashMap<char, u8> {
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
fn read_vocabulary(dir: &Path) -> Result<Vec<String>, String> {
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

/// Where each whisper.cpp tensor comes from in the CTranslate2 model.
#[derive(Debug, Clone)]
struct Source {
    /// The CTranslate2 variable.
    var: String,
    /// Which of `of` equal row blocks of it (the fused attention projections), or 0 of 1.
    part: u32,
    of: u32,
}

struct Plan {
    hparams: Hparams,
    tokens: Vec<Vec<u8>>,
    tensors: Vec<(Expected, Source)>,
    /// Whether the weight matrices are written as float16 (else everything is float32).
    f16: bool,
}

fn plan_conversion(m: &mut Ct2Model, vocab: &[String]) -> Result<Plan, String> {
    if m.vars.keys().any(|k| k.ends_with("_scale")) {
        return Err(
            "its weights are quantized (int8), which whisper.cpp's files cannot \
                    hold; convert a float16 or float32 model (ct2-transformers-converter \
                    --quantization float16)"
                .into(),
        );
    }
    for flag in ["decoder/scale_embeddings", "decoder/alibi"] {
        if m.scalar(flag)?.unwrap_or(0) != 0 {
            return Err(format!("it sets {flag}, which Whisper models do not"));
        }
    }
    let n_audio_state = m.dim("encoder/conv1/weight", 0)?;
    let n_text_state = m.dim("decoder/embeddings/weight", 1)?;
    // Whisper's heads are 64 wide; CTranslate2 records the count as `num_heads` since its
    // spec revision 3.
    let n_audio_head = m.scalar("encoder/num_heads")?.unwrap_or(n_audio_state / 64);
    let n_text_head = m.scalar("decoder/num_heads")?.unwrap_or(n_text_state / 64);
    let h = Hparams {
        n_vocab: m.dim("decoder/embeddings/weight", 0)?,
        n_audio_ctx: m.dim("encoder/position_encodings/encodings", 0)?,
        n_audio_state,
        n_audio_head,
        n_audio_layer: m.layers("encoder"),
        n_text_ctx: m.dim("decoder/position_encodings/encodings", 0)?,
        n_text_state,
        n_text_head,
        n_text_layer: m.layers("decoder"),
        n_mels: m.dim("encoder/conv1/weight", 1)?,
        ftype: 1,
    };
    check_hparams(&h)?;
    if h.n_audio_layer == 0 || h.n_text_layer == 0 {
        return Err("it has no encoder or no decoder layers".into());
    }

    // The vocabulary: whisper.cpp's files hold the text tokens and <|endoftext|>; whisper.cpp
    // numbers the special tokens after them itself.
    if vocab.len() != h.n_vocab as usize {
        return Err(format!(
            "its vocabulary has {} tokens but the model {}",
            vocab.len(),
            h.n_vocab
        ));
    }
    let eot = 50256 + u32::from(h.is_multilingual());
    if vocab.get(eot as usize).map(String::as_str) != Some("<|endoftext|>") {
        return Err(format!(
            "its vocabulary does not have <|endoftext|> at {eot}, where whisper.cpp expects it"
        ));
    }
    let decoder = byte_decoder();
    let tokens = vocab[..=eot as usize]
        .iter()
        .map(|t| {
            if t == "<|endoftext|>" {
                return Ok(t.as_bytes().to_vec());
            }
            t.chars()
                .map(|c| decoder.get(&c).copied())
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| format!("its vocabulary token {t:?} is not GPT-2 byte-level text"))
        })
        .collect::<Result<Vec<_>, String>>()?;

    let mut tensors = Vec::new();
    let whole = |var: &str| Source {
        var: var.to_string(),
        part: 0,
        of: 1,
    };
    let split = |var: &str, part: u32, of: u32| Source {
        var: var.to_string(),
        part,
        of,
    };
    for e in expected_tensors(&h) {
        let n = &e.name;
        let src = if let Some(rest) = n.strip_prefix("encoder.blocks.") {
            let (i, t) = rest.split_once('.').ok_or("bad name")?;
            layer_source(&format!("encoder/layer_{i}"), t, whole, split)
        } else if let Some(rest) = n.strip_prefix("decoder.blocks.") {
            let (i, t) = rest.split_once('.').ok_or("bad name")?;
            layer_source(&format!("decoder/layer_{i}"), t, whole, split)
        } else {
            Some(whole(match n.as_str() {
                "encoder.positional_embedding" => "encoder/position_encodings/encodings",
                "encoder.conv1.weight" => "encoder/conv1/weight",
                "encoder.conv1.bias" => "encoder/conv1/bias",
                "encoder.conv2.weight" => "encoder/conv2/weight",
                "encoder.conv2.bias" => "encoder/conv2/bias",
                "encoder.ln_post.weight" => "encoder/layer_norm/gamma",
                "encoder.ln_post.bias" => "encoder/layer_norm/beta",
                "decoder.positional_embedding" => "decoder/position_encodings/encodings",
                "decoder.token_embedding.weight" => "decoder/embeddings/weight",
                "decoder.ln.weight" => "decoder/layer_norm/gamma",
                "decoder.ln.bias" => "decoder/layer_norm/beta",
                other => return Err(format!("no source for {other}")),
            }))
        }
        .ok_or_else(|| format!("no source for {n}"))?;
        // The source must hold exactly `of` blocks of this tensor's values.
        let v = m.var(&src.var)?;
        let values: u64 = v.shape.iter().map(|&d| u64::from(d)).product();
        let want: u64 = e.ne.iter().map(|&d| u64::from(d)).product();
        if values != want * u64::from(src.of) {
            return Err(format!(
                "variable {} has shape {:?}, which does not make {n} of shape {:?}",
                src.var,
                v.shape,
                e.ne.iter().rev().collect::<Vec<_>>()
            ));
        }
        if !matches!(v.dtype, Ct2Type::F16 | Ct2Type::F32 | Ct2Type::Bf16) {
            return Err(format!("variable {} is not floating point", src.var));
        }
        tensors.push((e, src));
    }
    // The key projections have no bias in Whisper: CTranslate2 fills theirs with zeros. A
    // model with real key biases cannot be written in whisper.cpp's layout.
    for prefix in (0..h.n_audio_layer)
        .map(|i| format!("encoder/layer_{i}/self_attention"))
        .chain((0..h.n_text_layer).flat_map(|i| {
            [
                format!("decoder/layer_{i}/self_attention"),
                format!("decoder/layer_{i}/attention"),
            ]
        }))
    {
        let (var, part, of) = if prefix.ends_with("self_attention") {
            (format!("{prefix}/linear_0/bias"), 1, 3)
        } else {
            (format!("{prefix}/linear_1/bias"), 0, 2)
        };
        let (_, data) = m.read(&var)?;
        let n = data.len() / of;
        if data[part * n..(part + 1) * n].iter().any(|&b| b != 0) {
            return Err(format!(
                "{var} has a non-zero key bias, which whisper.cpp's layout has no place for"
            ));
        }
    }
    let f16 = tensors
        .iter()
        .filter(|(e, _)| e.slot != Slot::F32)
        .all(|(_, s)| m.vars[&s.var].dtype == Ct2Type::F16);
    let mut hparams = h;
    hparams.ftype = u32::from(f16);
    Ok(Plan {
        hparams,
        tokens,
        tensors,
        f16,
    })
}

/// The source of a tensor of one encoder or decoder layer, from its name after
/// `{encoder,decoder}.blocks.N.`.
fn layer_source(
    layer: &str,
    tensor: &str,
    whole: impl Fn(&str) -> Source,
    split: impl Fn(&str, u32, u32) -> Source,
) -> Option<Source> {
    let (module, rest) = tensor.split_once('.')?;
    let ln = |side: &str, rest: &str| match rest {
        "weight" => Some(whole(&format!("{layer}/{side}/layer_norm/gamma"))),
        "bias" => Some(whole(&format!("{layer}/{side}/layer_norm/beta"))),
        _ => None,
    };
    match module {
        "attn" | "cross_attn" => {
            let (proj, what) = rest.split_once('.')?;
            let self_attn = module == "attn";
            let side = if self_attn {
                "self_attention"
            } else {
                "attention"
            };
            let var = |lin: u32| format!("{layer}/{side}/linear_{lin}/{what}");
            Some(match (self_attn, proj) {
                // Self-attention: query, key and value fused in linear_0; out is linear_1.
                (true, "query") => split(&var(0), 0, 3),
                (true, "key") => split(&var(0), 1, 3),
                (true, "value") => split(&var(0), 2, 3),
                (true, "out") => whole(&var(1)),
                // Cross-attention: query is linear_0; key and value fused in linear_1; out is
                // linear_2.
                (false, "query") => whole(&var(0)),
                (false, "key") => split(&var(1), 0, 2),
                (false, "value") => split(&var(1), 1, 2),
                (false, "out") => whole(&var(2)),
                _ => return None,
            })
        }
        "attn_ln" => ln("self_attention", rest),
        "cross_attn_ln" => ln("attention", rest),
        "mlp_ln" => ln("ffn", rest),
        "mlp" => {
            let (idx, what) = rest.split_once('.')?;
            let lin = match idx {
                "0" => 0,
                "2" => 1,
                _ => return None,
            };
            Some(whole(&format!("{layer}/ffn/linear_{lin}/{what}")))
        }
        _ => None,
    }
}

enum WriteError {
    Io(std::io::Error),
    Model(String),
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

fn write_ggml(m: &mut Ct2Model, plan: &Plan, out: &mut impl Write) -> Result<(), WriteError> {
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
    fn mel_filters_match_whispers_librosa_values() {
        let f = mel_filters(80);
        assert_eq!(f.len(), 80 * 201);
        // Values of Whisper's mel_filters.npz ("mel_80"), as whisper.cpp's ggml files hold
        // them: the first band's peak, and a band from the logarithmic part of the scale.
        assert_eq!(f[1].to_bits(), 0x3ccbaca4, "{}", f[1]); // 0.024863...
        assert_eq!(f[0].to_bits(), 0, "+0.0, as numpy gives");
        // Every band is a triangle with some weight; the bands cover the range in order.
        for band in f.chunks(201) {
            assert!(band.iter().any(|&w| w > 0.0));
        }
        let peak = |b: usize| {
            (0..201)
                .max_by(|&i, &j| f[b * 201 + i].total_cmp(&f[b * 201 + j]))
                .unwrap()
        };
        assert!((1..80).all(|b| peak(b) >= peak(b - 1)));
        assert_eq!(mel_filters(128).len(), 128 * 201);
    }

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
