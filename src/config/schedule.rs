//! `grill schedule`'s plan, checked: the schedule, or `--optimize` (with `--yes`, or `--reset`).

use crate::cli;
use crate::error::{Error, Result};

/// `grill schedule`, checked: `--yes` and `--reset` only with `--optimize`, which fits on the
/// whole bank (no `--chapter`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchedulePlan {
    /// The schedule.
    Show {
        /// `-c`: chapter ids or numbers, resolved against the bank once it is loaded.
        chapters: Vec<String>,
        /// `--json`.
        json: bool,
    },
    /// `--optimize`: fit, compare, and keep if better and agreed.
    Optimize {
        /// `--yes`: keep without asking (if better).
        yes: bool,
        /// `--json`.
        json: bool,
    },
    /// `--optimize --reset`: back to the default weights.
    Reset {
        /// `--json`.
        json: bool,
    },
}

impl SchedulePlan {
    /// Checks `grill schedule`'s options.
    pub fn from_args(args: cli::ScheduleArgs) -> Result<SchedulePlan> {
        if !args.optimize {
            for (given, flag) in [(args.yes, "--yes"), (args.reset, "--reset")] {
                if given {
                    return Err(Error::input(format!(
                        "{flag} goes with --optimize (grill schedule --optimize {flag})"
                    )));
                }
            }
            return Ok(SchedulePlan::Show {
                chapters: args.chapters,
                json: args.json,
            });
        }
        if !args.chapters.is_empty() {
            return Err(Error::input(
                "--chapter: --optimize fits the weights to the reviews of every chapter \
                 (they are yours, not a chapter's); leave out --chapter",
            ));
        }
        Ok(if args.reset {
            SchedulePlan::Reset { json: args.json }
        } else {
            SchedulePlan::Optimize {
                yes: args.yes,
                json: args.json,
            }
        })
    }
}
