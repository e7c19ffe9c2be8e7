//! One module per command: each turns typed arguments into work on the library modules and
//! writes results to the `out` it is given (stdout in the binary).

pub mod bank;
pub mod batch;
pub mod completions;
pub mod dry_run;
pub mod history;
pub mod json;
pub mod man;
pub mod report;
pub mod review;
pub mod score;
pub mod search;
pub mod start;
pub mod study;

use std::path::PathBuf;

use crate::bank::Bank;
use crate::error::Result;
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
