//! Answering aloud: speech to text, offline, with Whisper (whisper.cpp) — built only with the
//! cargo feature `voice` (`cargo install --path . --features voice`); see README.md,
//! "Answering aloud".
//!
//! - [`model`]: whisper.cpp's model files: checking one ([`model::inspect`]) and converting a
//!   CTranslate2 (faster-whisper) model folder into one ([`model::convert`]).
//! - [`audio`]: [`Samples`], 16 kHz mono audio, from and to WAV files.
//! - [`transcribe`]: [`Transcriber`]: a loaded model turning [`Samples`] into a
//!   [`Transcript`], on the caller's thread or its own.
//! - [`record`]: [`Recorder`]: the default microphone until stopped or a length cap.
//!
//! The plans of the voice commands and of answering aloud in a session ([`Speech`]: `--voice`,
//! `--answers-audio`) are here in every build, so that the command line is the same with or
//! without the feature; without it, they say how to get a voice build ([`NOT_BUILT`]). The
//! interview's side (the screens, the fall-backs to typing) is `ui::voice` and `ui::audio`.

use std::path::PathBuf;

#[cfg(feature = "voice")]
pub mod audio;
#[cfg(feature = "voice")]
pub mod model;
#[cfg(feature = "voice")]
pub mod record;
#[cfg(feature = "voice")]
pub mod transcribe;

#[cfg(feature = "voice")]
pub use audio::Samples;
#[cfg(feature = "voice")]
pub use record::Recorder;
#[cfg(feature = "voice")]
pub use transcribe::{Pending, Transcriber, Transcript};

/// What a grill built without the `voice` feature says when asked to use it (exit 2).
pub const NOT_BUILT: &str = "this grill was built without voice support; build one with \
    `cargo install --path . --features voice` (it needs cmake, a C++ compiler and, on Linux, \
    libasound2-dev: see README.md, \"Answering aloud\")";

/// The longest recording of one answer, whatever the question's time limit, unless
/// [`MAX_RECORDING_ENV`] says otherwise.
pub const MAX_RECORDING: std::time::Duration = std::time::Duration::from_secs(5 * 60);

/// The environment variable that sets the longest recording (`90s`, `2m`), for a shorter cap
/// than [`MAX_RECORDING`]: the tests' microphone plays a file faster than time passes.
pub const MAX_RECORDING_ENV: &str = "GRILL_VOICE_MAX_RECORDING";

/// The environment variable that names the speech model file, when `--model` does not.
pub const MODEL_ENV: &str = "GRILL_WHISPER_MODEL";

/// The model's file name in grill's data folder, `<data>/models/ggml-tiny.en.bin`.
pub const DEFAULT_MODEL: &str = "ggml-tiny.en.bin";

/// `grill transcribe FILE [--model PATH]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscribePlan {
    /// The WAV file (`-` for standard input).
    pub wav: PathBuf,
    /// `--model`, when given.
    pub model: Option<PathBuf>,
    /// `--hint`: words the recording is about.
    pub hint: Option<String>,
}

/// Answers spoken instead of typed, in `grill start` and `grill study` (`--voice`,
/// `--answers-audio`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speech {
    /// Where the spoken answers come from.
    pub from: SpeechFrom,
    /// `--model`, when given.
    pub model: Option<PathBuf>,
    /// The longest recording of one answer ([`MAX_RECORDING`], or [`MAX_RECORDING_ENV`]).
    pub max_recording: std::time::Duration,
}

/// Where spoken answers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechFrom {
    /// `--voice`: recorded from the default input in the terminal, one answer a question.
    Microphone {
        /// `--keep-audio DIR`: keep each recording there as a WAV file.
        keep_audio: Option<PathBuf>,
    },
    /// `--answers-audio DIR`: recordings made beforehand, `DIR/1.wav` for the first question
    /// asked, `2.wav` for the second, and so on; no terminal.
    Files(PathBuf),
}

impl Speech {
    /// Whether the answers come from files (no terminal is used).
    pub fn is_scripted(&self) -> bool {
        matches!(self.from, SpeechFrom::Files(_))
    }
}

/// The file of the answer to the `number`th question asked (from 1), in an `--answers-audio`
/// folder: `DIR/3.wav`.
pub fn answer_file(dir: &std::path::Path, number: usize) -> PathBuf {
    dir.join(format!("{number}.wav"))
}

/// `grill voice ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VoicePlan {
    /// `grill voice check [--model PATH]`: which model and microphone grill would use.
    Check {
        /// `--model`, when given.
        model: Option<PathBuf>,
    },
    /// `grill voice import-model DIR [--output PATH] [--force]`.
    ImportModel {
        /// The CTranslate2 model folder.
        dir: PathBuf,
        /// Where to write the ggml file (default: where grill looks for its model).
        output: Option<PathBuf>,
        /// Replace an existing file.
        force: bool,
    },
}

/// Where the speech model comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelOrigin {
    /// `--model PATH`.
    Flag,
    /// `GRILL_WHISPER_MODEL`.
    Env,
    /// `<data>/models/ggml-tiny.en.bin`.
    Default,
}

/// The speech model grill would load, and why that one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelChoice {
    /// The file.
    pub path: PathBuf,
    /// Which setting chose it.
    pub origin: ModelOrigin,
}

impl ModelChoice {
    /// `--model` if given, else `GRILL_WHISPER_MODEL` if set (and not empty), else
    /// [`default_model_path`].
    pub fn resolve(flag: Option<&std::path::Path>) -> crate::Result<ModelChoice> {
        if let Some(p) = flag {
            return Ok(ModelChoice {
                path: p.to_path_buf(),
                origin: ModelOrigin::Flag,
            });
        }
        if let Some(p) = std::env::var_os(MODEL_ENV).filter(|v| !v.is_empty()) {
            return Ok(ModelChoice {
                path: PathBuf::from(p),
                origin: ModelOrigin::Env,
            });
        }
        Ok(ModelChoice {
            path: default_model_path()?,
            origin: ModelOrigin::Default,
        })
    }

    /// Why this file: "from --model", "from GRILL_WHISPER_MODEL", "the default".
    pub fn origin_words(&self) -> &'static str {
        match self.origin {
            ModelOrigin::Flag => "from --model",
            ModelOrigin::Env => "from GRILL_WHISPER_MODEL",
            ModelOrigin::Default => "the default, in grill's data folder",
        }
    }

    /// The error for a model file that is not there (exit 2), with how to get one.
    pub fn missing(&self) -> crate::Error {
        let how = match self.origin {
            ModelOrigin::Default => format!(
                "--model PATH or {MODEL_ENV} choose another file; to put one here, \
                 `grill voice import-model DIR` converts a faster-whisper model folder \
                 (scripts/voice-model.sh fetches tiny.en), or save whisper.cpp's \
                 {DEFAULT_MODEL} at this path"
            ),
            _ => "check the path, or unset it to use the default model".into(),
        };
        crate::Error::input(format!(
            "no speech model at {} ({}); {how}",
            self.path.display(),
            self.origin_words()
        ))
    }
}

/// `<data>/models/ggml-tiny.en.bin`, the data folder being the history's (`GRILL_HOME`, else
/// the platform's data folder).
pub fn default_model_path() -> crate::Result<PathBuf> {
    Ok(crate::history::data_dir()?
        .join("models")
        .join(DEFAULT_MODEL))
}

// What the interview relies on: a recorder and a transcriber can move to (and be shared with)
// the threads that draw the screen and transcribe.
#[cfg(feature = "voice")]
const _: () = {
    const fn send<T: Send>() {}
    const fn shared<T: Send + Sync>() {}
    send::<Recorder>();
    shared::<Transcriber>();
    send::<Pending>();
    shared::<Samples>();
};

/// The question as Whisper's prompt: plain words, none of the bank's marks (Whisper copies a
/// prompt's marks into what it hears: a backticked `bytearray` in the question gave
/// "`simunable`" in a transcript) and no NUL; `None` when nothing is left.
pub fn prompt_words(question: &str) -> Option<String> {
    let words = question.replace('\0', " ").replace('`', "");
    (!words.trim().is_empty()).then_some(words)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_prompt_is_the_question_without_its_marks() {
        assert_eq!(
            super::prompt_words("How do `bytearray` and `bytes` differ?").as_deref(),
            Some("How do bytearray and bytes differ?")
        );
        assert_eq!(super::prompt_words(" `` \0 "), None);
    }
}
