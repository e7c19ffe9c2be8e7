//! Where answers and ratings come from, for the engine's [`crate::session::input::AnswerSource`]:
//! the terminal (`terminal`: raw mode, a live countdown, the answer `editor`, the rating screen's
//! keys) and piped text (`piped`: answers separated by `---`, ratings one a line). These are the
//! adapters between a person and the session engine; they draw their screens with `view` and
//! carry out nothing themselves: the engine and `session::review` do.

pub mod editor;
pub mod piped;
pub mod terminal;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::error::Result;
use crate::output::{self, Theme};
use crate::session::input::AnswerSource;

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

/// Where a session's answers come from: the terminal when `interactive`, else the answers file
/// or stdin, which is said on stderr in the words `note` makes of "the file" or "stdin".
pub fn answer_source(
    interactive: bool,
    answers_file: Option<AnswersFile>,
    stop: Arc<AtomicBool>,
    err: Theme,
    note: impl Fn(&str) -> String,
) -> Result<Box<dyn AnswerSource>> {
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
