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
use crate::history::record::{RatedBy, SessionKind, SessionRecord};
use crate::history::{Store, UndoTarget};
use crate::output;
use crate::practice::{self, Outlook};
use crate::session::decision::Decision;
use crate::session::input::Rater;
use crate::session::review::{self, Change, Reviewed};
use crate::session::signals;
use crate::ui::piped::LineRatings;
use crate::ui::terminal::TerminalSource;
use crate::view::rating;

use super::Context;

/// Runs `grill review`.
pub fn run(ctx: &Context, plan: &ReviewPlan, out: &mut dyn Write) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let store = super::open_store(ctx)?;
    let Some(mut record) = pick(ctx, &store, plan, out)? else {
        return Ok(Exit::Ok);
    };
    let study = record.kind == SessionKind::Study;
    // Each rating is one entry in the review log, written at once: a review never writes back
    // the session it read, so what another grill saved meanwhile stays.
    let mut failed: Option<Error> = None;
    let mut save = |r: &SessionRecord, change: Change| {
        let done = match change {
            Change::Added(k) => {
                let item = &r.items[k];
                let by = item.rated_by.unwrap_or(RatedBy::You);
                let rating = item.rating.expect("a rated answer");
                store
                    .rate(&r.id, k, rating, by, crate::time::now())
                    .map(drop)
            }
            // `u`: the rating this review gave is the answer's latest in the log.
            Change::Undone(k) => store.undo(UndoTarget::Answer(&r.id, k)).map(drop),
        };
        match done {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    };
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let done: Reviewed = if interactive {
        let mut term = TerminalSource::new(signals::stop_flag(), err)?;
        review::review(
            &mut record,
            &mut |heading, item, notice| {
                if let Some(n) = notice {
                    Rater::notice(&mut term, n);
                }
                Rater::rate(&mut term, heading, item, study)
            },
            &mut save,
        )
    } else {
        rate_piped(&mut record, study, err, &mut save)?
    };
    if let Some(e) = failed {
        return Err(e);
    }
    summary(ctx, &store, &record, &done, out)?;
    Ok(Exit::Ok)
}

/// The session to review: the one given, else the latest with unrated answers. None (after
/// saying why on `out`) when there is nothing to rate.
fn pick(
    ctx: &Context,
    store: &Store,
    plan: &ReviewPlan,
    out: &mut dyn Write,
) -> Result<Option<SessionRecord>> {
    let record: SessionRecord = match &plan.session {
        Some(sel) => store.pick(sel)?,
        None => match store.latest_unrated()? {
            Some(id) => store.pick(&id)?,
            None if store.count()? == 0 => {
                output::write_wrapped(
                    out,
                    "No sessions saved yet, so nothing to rate. Start a mock interview with \
                     `grill`; its answers can be rated at the end, or later with `grill review`.",
                )?;
                return Ok(None);
            }
            None => {
                output::write_wrapped(
                    out,
                    "Every answer in the history has a rating. To change one, give its session: \
                     `grill review N` (see `grill history`).",
                )?;
                return Ok(None);
            }
        },
    };
    let picked = review::to_review(&record).len();
    if picked == 0 {
        output::write_wrapped(
            out,
            &format!(
                "Session {} has no answers to rate (nothing was answered).",
                record.id
            ),
        )?;
        return Ok(None);
    }
    let err = ctx.stderr_theme();
    output::note_wrapped(
        &format!(
            "Session {}: {picked} answer{} to rate.",
            record.id,
            plural(picked)
        ),
        |row| err.dim(row),
    );
    Ok(Some(record))
}

/// Piped input: each rating screen goes to stderr and its rating is read from a line of stdin.
/// A bad line is an input error that says how many ratings before it were saved.
fn rate_piped(
    record: &mut SessionRecord,
    study: bool,
    err: output::Theme,
    save: &mut dyn FnMut(&SessionRecord, Change) -> bool,
) -> Result<Reviewed> {
    let width = output::stdout_width().min(100);
    let mut lines = LineRatings::new(BufReader::new(std::io::stdin()), "<stdin>");
    let mut bad: Option<Error> = None;
    let mut stopped = false;
    let done = review::review(
        record,
        &mut |heading, item, notice| {
            if let Some(n) = notice {
                // The line before took nothing back.
                output::note(format_args!("{}: {n}", lines.place()));
            }
            output::note("");
            for row in rating::screen(item, heading, study, err, width) {
                output::note(row);
            }
            let d = match lines.next(review::enter(item)) {
                Ok(d) => d,
                Err(e) => {
                    bad = Some(e);
                    Decision::Stop
                }
            };
            stopped = d == Decision::Stop;
            d
        },
        save,
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
    // Lines after the pass went over every answer: said, not dropped in silence.
    let extra = if stopped { 0 } else { lines.left_over() };
    if extra > 0 {
        output::note(format_args!(
            "{} {extra} line{} after the last answer to rate {} not used",
            err.warn("warning:"),
            plural(extra),
            if extra == 1 { "was" } else { "were" }
        ));
    }
    Ok(done)
}

/// What was rated, what is left, and today's queue when the session is of the current bank.
fn summary(
    ctx: &Context,
    store: &Store,
    record: &SessionRecord,
    done: &Reviewed,
    out: &mut dyn Write,
) -> Result<()> {
    let counts = rating_counts(record);
    let skipped = if done.skipped > 0 {
        format!(" ({} skipped)", done.skipped)
    } else {
        String::new()
    };
    output::write_wrapped(
        out,
        &format!(
            "Rated {} answer{} of session {}{skipped}; its ratings now: {counts}.",
            done.rated,
            plural(done.rated),
            record.id
        ),
    )?;
    if done.left > 0 {
        output::write_wrapped(
            out,
            &format!(
                "{} left without a rating; `grill review {}` goes on later.",
                done.left, record.id
            ),
        )?;
    }
    if let Ok(bank) = ctx.bank()
        && practice::same_bank(&bank, record)
    {
        let scheduler = store.scheduler(crate::fsrs::DEFAULT_RETENTION)?;
        let o = Outlook::of_bank(
            &bank,
            &super::seen(store, &bank, &scheduler)?,
            &scheduler,
            crate::time::now(),
            practice::NEW_PER_DAY,
        );
        output::write_wrapped(out, &format!("Today: {} (`grill study`).", o.sentence()))?;
    }
    Ok(())
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
