//! One module per command: each turns typed arguments into work on the library modules and
//! writes results to the `out` it is given (stdout in the binary).

pub mod bank;
pub mod completions;
pub mod history;
pub mod man;
pub mod report;
pub mod review;
pub mod schedule;
pub mod score;
pub mod start;
pub mod study;
pub mod undo;
pub mod voice;

use std::path::PathBuf;

use crate::bank::Bank;
use crate::config::Answers;
use crate::error::{Error, Result};
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
    /// The bank to work on: the one `--bank` names (a library name or a file; see
    /// `bank::library::choose`), or the built-in Python bank.
    pub fn bank(&self) -> Result<Bank> {
        match &self.bank_path {
            None => Ok(Bank::embedded()),
            Some(value) => crate::bank::library::load(value, library().ok().as_ref()),
        }
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

/// The library of added banks: `banks/` in the data directory (`GRILL_HOME` or the platform's).
pub fn library() -> Result<crate::bank::library::Library> {
    Ok(crate::bank::library::Library::at(
        crate::history::data_dir()?.join("banks"),
    ))
}

/// `--answers FILE`: a regular file read whole before a session starts, a FIFO (or device)
/// opened to be read as it comes; none for the terminal or stdin. Its problems name the flag.
pub fn answers_file(answers: &Answers) -> Result<Option<crate::ui::AnswersFile>> {
    use crate::error::FileKind;
    use crate::ui::AnswersFile;
    let Answers::File(p) = answers else {
        return Ok(None);
    };
    let flag = |e: Error| match e {
        Error::Input(m) => Error::input(format!("--answers: {m}")),
        other => other,
    };
    match crate::error::file_kind(p, "an answers file").map_err(flag)? {
        // Not UTF-8 bytes become `�`, as in answers piped in (README).
        FileKind::Regular => crate::error::read_text_file_lossy(p, "an answers file")
            .map(|t| Some(AnswersFile::Text(t)))
            .map_err(flag),
        FileKind::Stream => std::fs::File::open(p)
            .map(|f| Some(AnswersFile::Stream(f)))
            .map_err(|e| Error::read(p, e)),
    }
}

/// The history, opened; when opening it moved an earlier grill's session files in, says so
/// once on stderr, with a warning for each file that could not be read (those files are left
/// as they are).
pub fn open_store(ctx: &Context) -> Result<crate::history::Store> {
    let mut store = crate::history::Store::open_default()?;
    if let Some(m) = store.take_migration() {
        let theme = ctx.stderr_theme();
        if m.moved > 0 {
            crate::output::note_wrapped(&m.sentence(&store), |row| theme.dim(row));
        }
        for problem in &m.problems {
            crate::output::note(format_args!(
                "{} {} (skipped; fix or move the file, grill never changes it)",
                theme.warn("warning:"),
                crate::output::visible(problem)
            ));
        }
    }
    Ok(store)
}

/// What the history has seen of every question of `bank`, timed for `scheduler`: one card a
/// question, read from the history's database.
pub fn seen(
    store: &crate::history::Store,
    bank: &Bank,
    scheduler: &crate::fsrs::Scheduler,
) -> Result<std::collections::HashMap<u32, crate::practice::Seen>> {
    Ok(crate::practice::from_cards(
        bank,
        store.cards(&bank.title)?,
        scheduler,
    ))
}
