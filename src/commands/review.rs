//! `grill review [SESSION]`: rate the answers of a saved session against the whole reference.
//!
//! In a terminal, one screen per answer takes a key (1-4, a/h/g/e, Enter for grill's
//! suggestion, q to stop). With piped input, the screens go to stderr and the ratings are read
//! one a line from stdin (a rating word or 1-4, an empty line for grill's suggestion, `q` to
//! stop), so scripts and tests can rate too. Every rating is saved at once.

use crate::words::plural;
use std::io::{BufReader, IsTerminal, Write};

use crate::config::ReviewPlan;
use crate::error::{Error, Exit, Result};
use crate::fsrs::Scheduler;
use crate::history::record::SessionRecord;
use crate::history::{self, Store};
use crate::output;
use crate::practice::{self, Outlook};
use crate::session::input::Rater;
use crate::session::rating::{self, LineRatings, Reviewed};
use crate::session::signals;

use super::Context;

/// Runs `grill review`.
pub fn run(ctx: &Context, plan: &ReviewPlan, out: &mut dyn Write) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let store = Store::open_default()?;
    let sessions = super::history::load(ctx)?;
    let mut record: SessionRecord = match &plan.session {
        Some(sel) => history::find(&sessions, sel)?.clone(),
        None => match sessions.iter().rev().find(|s| s.unrated() > 0) {
            Some(s) => s.clone(),
            None => {
                writeln!(
                    out,
                    "Every answer in the history has a rating. To change one, give its session: \
                     `grill review N` (see `grill history`)."
                )?;
                return Ok(Exit::Ok);
            }
        },
    };
    let picked = rating::to_review(&record).len();
    if picked == 0 {
        writeln!(
            out,
            "Session {} has no answers to rate (nothing was answered).",
            record.id
        )?;
        return Ok(Exit::Ok);
    }
    output::note(format_args!(
        "{}",
        err.dim(&format!(
            "Session {}: {picked} answer{} to rate.",
            record.id,
            plural(picked)
        ))
    ));

    let mut failed: Option<Error> = None;
    let mut save = |r: &SessionRecord| {
        if failed.is_none()
            && let Err(e) = store.replace(r)
        {
            failed = Some(e);
        }
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let done: Reviewed = if interactive {
        let mut term = crate::session::terminal::TerminalSource::new(signals::stop_flag(), err)?;
        rating::review(
            &mut record,
            &mut |heading, item| Rater::rate(&mut term, heading, item),
            &mut save,
        )
    } else {
        let width = output::stdout_width().min(100);
        let mut lines = LineRatings::new(BufReader::new(std::io::stdin()), "<stdin>");
        let mut bad: Option<Error> = None;
        let done = rating::review(
            &mut record,
            &mut |heading, item| {
                output::note("");
                for row in rating::screen(item, heading, err, width) {
                    output::note(row);
                }
                match lines.next(rating::suggestion(item)) {
                    Ok(r) => r,
                    Err(e) => {
                        bad = Some(e);
                        None
                    }
                }
            },
            &mut save,
        );
        if let Some(e) = bad {
            // The ratings before the bad line are saved; say so with the error.
            return Err(Error::input(format!(
                "{e}\n{} rating{} before it {} saved",
                done.rated,
                plural(done.rated),
                if done.rated == 1 { "was" } else { "were" }
            )));
        }
        done
    };
    if let Some(e) = failed {
        return Err(e);
    }

    let counts = rating_counts(&record);
    writeln!(
        out,
        "Rated {} answer{} of session {} ({counts}).",
        done.rated,
        plural(done.rated),
        record.id
    )?;
    if done.left > 0 {
        writeln!(
            out,
            "{} left without a rating; `grill review {}` goes on later.",
            done.left, record.id
        )?;
    }
    if let Ok(bank) = ctx.bank()
        && practice::same_bank(&bank, &record)
    {
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        let sessions = store.load()?.sessions;
        let scheduler = Scheduler::default();
        let seen = practice::seen(&bank, &sessions, &scheduler);
        let o = Outlook::at(
            &bank,
            &all,
            &seen,
            &scheduler,
            jiff::Timestamp::now(),
            practice::NEW_PER_DAY,
        );
        writeln!(out, "Today: {} (`grill study`).", o.sentence())?;
    }
    Ok(Exit::Ok)
}

/// "again 1, hard 0, good 2, easy 0" over the rated answers of `record`.
fn rating_counts(record: &SessionRecord) -> String {
    crate::fsrs::Rating::ALL
        .iter()
        .map(|r| {
            let n = record.items.iter().filter(|i| i.rating == Some(*r)).count();
            format!("{} {n}", r.name())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
