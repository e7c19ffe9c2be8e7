//! One module per command: each turns typed arguments into work on the library modules and
//! writes results to the `out` it is given (stdout in the binary).

pub mod bank;
pub mod batch;
pub mod completions;
pub mod dry_run;
pub mod history;
pub mod man;
pub mod report;
pub mod review;
pub mod score;
pub mod search;
pub mod start;
pub mod study;
pub mod voice;

use std::path::PathBuf;

use crate::bank::Bank;
use crate::config::Answers;
use crate::error::{Error, Result, read_text_file};
use crate::output::ColorChoice;
use crate::output::Theme;

/// What every command may need besides its own arguments.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--bank`, when given.
    pub bank_path: Option<PathBuf>,
    /// `--color`.
    pub color: ColorChoice,
}

impl Context {
    /// The bank to work on: `--bank` or the embedded one.
    pub fn bank(&self) -> Result<Bank> {
        Bank::load_or_default(self.bank_path.as_deref())
    }

    /// Styling for results on stdout.
    pub fn stdout_theme(&self) -> Theme {
        Theme::stdout(self.color)
    }

    /// Styling for the interactive screen and messages on stderr.
    pub fn stderr_theme(&self) -> Theme {
        Theme::stderr(self.color)
    }
}

/// The text of `--answers FILE`, read whole before a session starts (none for the terminal or
/// stdin); its problems name the flag.
pub fn answers_file(answers: &Answers) -> Result<Option<String>> {
    match answers {
        Answers::File(p) => read_text_file(p, "an answers file")
            .map(Some)
            .map_err(|e| match e {
                Error::Input(m) => Error::input(format!("--answers: {m}")),
                other => other,
            }),
        Answers::Terminal | Answers::Stdin => Ok(None),
    }
}

/// Where a session's answers come from: the terminal, or else the answers file or stdin, which
/// is said on stderr in the words `note` makes of "the file" or "stdin".
pub fn answer_source(
    interactive: bool,
    answers_file: Option<String>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    err: Theme,
    note: impl Fn(&str) -> String,
) -> Result<Box<dyn crate::session::input::AnswerSource>> {
    use crate::session::input::PipedSource;
    if interactive {
        return Ok(Box::new(crate::session::terminal::TerminalSource::new(
            stop, err,
        )?));
    }
    let (reader, kind): (Box<dyn std::io::BufRead + Send>, _) = match answers_file {
        Some(text) => (Box::new(std::io::Cursor::new(text)), "file"),
        None => (Box::new(std::io::BufReader::new(std::io::stdin())), "stdin"),
    };
    let from = if kind == "file" { "the file" } else { "stdin" };
    crate::output::note_wrapped(&note(from), |row| err.dim(row));
    Ok(Box::new(PipedSource::new(
        reader,
        kind,
        stop,
        err,
        Box::new(std::io::stderr()),
    )))
}
