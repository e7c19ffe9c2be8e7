//! One module per command: each turns typed arguments into work on the library modules and
//! writes results to the `out` it is given (stdout in the binary).

pub mod bank;
pub mod batch;
pub mod completions;
pub mod history;
pub mod man;
pub mod report;
pub mod review;
pub mod score;
pub mod search;
pub mod start;
pub mod study;

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
    let store = crate::history::Store::open_default()?;
    Ok(crate::bank::library::Library::at(
        store.root().join("banks"),
    ))
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

/// Every readable session of `store`, oldest first, warning on stderr about each file that
/// cannot be read (those files are left as they are).
pub fn load_history(
    ctx: &Context,
    store: &crate::history::Store,
) -> Result<Vec<crate::history::record::SessionRecord>> {
    let theme = ctx.stderr_theme();
    store.load_warning(&mut |problem| {
        crate::output::note(format_args!(
            "{} {}",
            theme.warn("warning:"),
            crate::output::visible(problem)
        ))
    })
}
