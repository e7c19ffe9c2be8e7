//! Where answers and ratings come from, for the engine's [`crate::session::input::AnswerSource`]:
//! the terminal (`terminal`: raw mode, a live countdown, the answer `editor`, the rating screen's
//! keys) and piped text (`piped`: answers separated by `---`, ratings one a line); in voice
//! builds, answers spoken in the terminal (`voice`, `--voice`) and recordings in a folder
//! (`audio`, `--answers-audio`). These are the adapters between a person and the session
//! engine; they draw their screens with `view` and carry out nothing themselves: the engine and
//! `session::review` do.

#[cfg(feature = "voice")]
pub mod audio;
pub mod editor;
pub mod piped;
pub mod terminal;
#[cfg(feature = "voice")]
pub mod voice;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::error::Result;
use crate::output::{self, Theme};
use crate::session::input::AnswerSource;
use crate::voice::Speech;

use piped::PipedSource;
use terminal::TerminalSource;

/// An answers file (`--answers FILE`): a regular file read whole before the session, or a FIFO
/// (or device) read as it comes, like standard input.
pub enum AnswersFile {
    /// The file's text.
    Text(String),
    /// A stream to read line by line.
    Stream(std::fs::File),
}

/// Where a session's answers come from: spoken (`speech`: `--voice`, in the terminal, or
/// `--answers-audio`), else the terminal when `interactive`, else the answers file or stdin,
/// which is said on stderr in the words `note` makes of "the file" or "stdin".
pub fn answer_source(
    interactive: bool,
    answers_file: Option<AnswersFile>,
    speech: Option<&Speech>,
    stop: Arc<AtomicBool>,
    err: Theme,
    note: impl Fn(&str) -> String,
) -> Result<Box<dyn AnswerSource>> {
    if let Some(speech) = speech {
        return spoken(interactive, speech, stop, err);
    }
    if interactive {
        return Ok(Box::new(TerminalSource::new(stop, err)?));
    }
    let (reader, kind): (Box<dyn std::io::BufRead + Send>, _) = match answers_file {
        Some(AnswersFile::Text(text)) => (Box::new(std::io::Cursor::new(text)), "file"),
        Some(AnswersFile::Stream(f)) => (Box::new(std::io::BufReader::new(f)), "file"),
        None => (Box::new(std::io::BufReader::new(std::io::stdin())), "stdin"),
    };
    let from = if kind == "file" { "the file" } else { "stdin" };
    output::note_wrapped(&note(from), |row| err.dim(row));
    Ok(Box::new(PipedSource::new(
        reader,
        kind,
        stop,
        err,
        Box::new(std::io::stderr()),
    )))
}

/// Answers spoken: recorded in the terminal (`--voice`; without a speech model they are typed,
/// and the screen says why), or transcribed from a folder of recordings (`--answers-audio`,
/// which needs the model: a missing one is bad input, exit 2).
#[cfg(feature = "voice")]
fn spoken(
    interactive: bool,
    speech: &Speech,
    stop: Arc<AtomicBool>,
    err: Theme,
) -> Result<Box<dyn AnswerSource>> {
    use crate::voice::{ModelChoice, SpeechFrom, Transcriber};
    let load = || -> Result<Transcriber> {
        let choice = ModelChoice::resolve(speech.model.as_deref())?;
        if !choice.path.exists() {
            return Err(choice.missing());
        }
        Transcriber::load(&choice.path)
    };
    match &speech.from {
        SpeechFrom::Files(dir) => {
            let source = audio::AudioSource::new(
                dir.clone(),
                load()?,
                stop,
                err,
                Box::new(std::io::stderr()),
            );
            output::note_wrapped(&source.describe(), |row| err.dim(row));
            Ok(Box::new(source))
        }
        SpeechFrom::Microphone { .. } if !interactive => Err(crate::error::Error::input(
            "--voice records answers in a terminal, and this is none (stdin or stderr is not \
             one); for answers recorded beforehand use --answers-audio DIR",
        )),
        SpeechFrom::Microphone { keep_audio } => {
            let model = load();
            let terminal = TerminalSource::new(stop, err)?;
            Ok(Box::new(voice::VoiceSource::new(
                terminal,
                model,
                keep_audio.clone(),
                speech.max_recording,
            )))
        }
    }
}

/// Without voice support, spoken answers are refused (the command line checks this first).
#[cfg(not(feature = "voice"))]
fn spoken(
    _interactive: bool,
    _speech: &Speech,
    _stop: Arc<AtomicBool>,
    _err: Theme,
) -> Result<Box<dyn AnswerSource>> {
    Err(crate::error::Error::input(crate::voice::NOT_BUILT))
}
