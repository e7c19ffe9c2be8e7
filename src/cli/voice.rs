//! The voice commands' arguments: `grill transcribe`, `grill voice`, and the interview's and
//! study's `--voice`, `--answers-audio`, `--keep-audio` and `--model`. They are defined in every
//! build, so that `--help`, completions and man pages do not depend on the `voice` feature;
//! without it they say how to get a voice build.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::voice::{Speech, SpeechFrom, TranscribePlan, VoicePlan};

/// Answering aloud in `grill start` and `grill study`.
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Answering aloud (voice builds)")]
pub struct SpeechArgs {
    /// Answer aloud: each answer is recorded from the default microphone until Enter (Esc:
    /// type instead), transcribed offline with Whisper, and put in the editor to correct.
    #[arg(long, group = "spoken", conflicts_with = "answers")]
    pub voice: bool,

    /// Answers recorded beforehand, with no terminal: DIR/1.wav answers the first question
    /// asked, 2.wav the second, and so on (WAV, any rate); they are transcribed and scored.
    #[arg(long, value_name = "DIR", group = "spoken", conflicts_with = "answers")]
    pub answers_audio: Option<PathBuf>,

    /// With --voice: keep the recordings, as DIR/<session start>/1.wav, 2.wav, ... (the layout
    /// --answers-audio reads); by default none is kept.
    #[arg(long, value_name = "DIR", requires = "voice")]
    pub keep_audio: Option<PathBuf>,

    /// The whisper.cpp speech model for --voice or --answers-audio (default:
    /// $GRILL_WHISPER_MODEL, else ggml-tiny.en.bin in the models folder of grill's data folder).
    #[arg(long, value_name = "PATH", requires = "spoken")]
    pub model: Option<PathBuf>,
}

impl SpeechArgs {
    /// How the answers are spoken; none when they are typed.
    pub fn plan(&self) -> Option<Speech> {
        let from = match (&self.answers_audio, self.voice) {
            (Some(dir), _) => SpeechFrom::Files(dir.clone()),
            (None, true) => SpeechFrom::Microphone {
                keep_audio: self.keep_audio.clone(),
            },
            (None, false) => return None,
        };
        Some(Speech {
            from,
            model: self.model.clone(),
            max_recording: crate::voice::MAX_RECORDING,
        })
    }
}

/// Options of `grill transcribe`.
#[derive(Debug, Args)]
pub struct TranscribeArgs {
    /// The recording: a WAV file of any rate and channels (- for stdin).
    #[arg(value_name = "FILE.wav")]
    pub file: PathBuf,

    /// The whisper.cpp model file (default: $GRILL_WHISPER_MODEL, else ggml-tiny.en.bin in
    /// the models folder of grill's data folder).
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,

    /// Words the recording is about, such as the question it answers: Whisper then hears and
    /// spells the topic's terms better ("tuple", "GIL").
    #[arg(long, value_name = "TEXT")]
    pub hint: Option<String>,
}

impl TranscribeArgs {
    /// The checked plan (nothing to check before the files are read).
    pub fn plan(self) -> TranscribePlan {
        TranscribePlan {
            wav: self.file,
            model: self.model,
            hint: self.hint,
        }
    }
}

/// Options of `grill voice`.
#[derive(Debug, Args)]
pub struct VoiceArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: VoiceCommand,
}

impl VoiceArgs {
    /// The checked plan.
    pub fn plan(self) -> VoicePlan {
        match self.command {
            VoiceCommand::Check { model } => VoicePlan::Check { model },
            VoiceCommand::ImportModel { dir, output, force } => {
                VoicePlan::ImportModel { dir, output, force }
            }
        }
    }
}

/// `grill voice` subcommands.
#[derive(Debug, Subcommand)]
pub enum VoiceCommand {
    /// Say which speech model and microphone grill would use, and what is missing.
    #[command(after_help = "Examples:
  grill voice check
  grill voice check --model ~/models/ggml-base.en.bin

Exit status 0 when both the model and a microphone are usable, 1 when one is missing.")]
    Check {
        /// The whisper.cpp model file to check (default: $GRILL_WHISPER_MODEL, else
        /// ggml-tiny.en.bin in the models folder of grill's data folder).
        #[arg(long, value_name = "PATH")]
        model: Option<PathBuf>,
    },
    /// Convert a faster-whisper (CTranslate2) Whisper model folder into whisper.cpp's model
    /// format, checked against the tensors whisper.cpp expects.
    #[command(after_help = "Examples:
  grill voice import-model ~/models/faster-whisper-tiny.en
  grill voice import-model ./model --output ~/models/ggml-tiny.en.bin

The folder holds model.bin, vocabulary.txt (or vocabulary.json) and config.json, in float16
or float32; scripts/voice-model.sh fetches faster-whisper's tiny.en and converts it.")]
    ImportModel {
        /// The model folder (or a folder with one such folder in it).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Where to write the model (default: ggml-tiny.en.bin in the models folder of
        /// grill's data folder, where grill looks for it).
        #[arg(long, short, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
    },
}
