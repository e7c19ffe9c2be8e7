//! `grill study`: untimed practice of the spaced-repetition queue, one question at a time.
//!
//! The session engine runs it, like an interview, with the live queue as its question source
//! ([`Due`]: due questions first, then new ones while the day allows, `--new`, worked out again
//! after every answer) and no clock. The candidate answers (or presses Enter at once to see the
//! reference, as with a flashcard), sees the evidence and the whole reference, and rates the
//! answer; the session is saved after every answer and every rating, as a record of kind
//! `study`, so it feeds the history, the report and the scheduler like any interview.

use crate::words::plural;
use std::io::{IsTerminal, Write};

use crate::bank::Bank;
use crate::config::{Answers, StudyPlan};
use crate::error::{Error, Exit, Result};
use crate::fsrs::{Rating, Scheduler};
use crate::history::SessionWriter;
use crate::history::record::{BankRef, SessionKind, SessionRecord, Settings};
use crate::output;
use crate::practice::{self, Outlook};
use crate::scoring::Scorer;
use crate::session::clock::{Clock, SystemClock};
use crate::session::engine::Engine;
use crate::session::plan::{Feedback, Focus, Pace, SessionPlan};
use crate::session::questions::Due;
use crate::session::review::Change;
use crate::session::signals;
use crate::ui;
use crate::voice::Speech;

use super::Context;

/// Saves the session, keeping the first failure to report at the end.
struct Saver<'a> {
    file: SessionWriter<'a>,
    failed: Option<Error>,
}

impl Saver<'_> {
    /// Saves what is new in `record`; the first failure is kept to report.
    fn save(&mut self, record: &SessionRecord, now: jiff::Timestamp) {
        if let Err(e) = self.file.save(record, now) {
            self.failed.get_or_insert(e);
        }
    }

    /// Saves what `change` says changed in `record`.
    fn change(&mut self, record: &SessionRecord, change: Change, now: jiff::Timestamp) {
        match change {
            Change::Added(_) => self.save(record, now),
            Change::Undone(k) => {
                if let Err(e) = self.file.undo(record, k) {
                    self.failed.get_or_insert(e);
                }
            }
        }
    }
}

/// Runs `grill study`.
pub fn run(ctx: &Context, plan: &StudyPlan, out: &mut dyn Write) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let bank = ctx.bank()?;
    let chapters = bank.chapter_indices(&plan.chapters)?;
    let answers_file = super::answers_file(&plan.answers)?;
    let store = super::open_store(ctx)?;
    let scheduler = store.scheduler(plan.retention)?;
    let clock = SystemClock::new();
    let seen_before = super::seen(&store, &bank, &scheduler)?;
    let mut due = Due::new(
        &bank,
        &chapters,
        &seen_before,
        &scheduler,
        plan.new_per_day,
        crate::time::zone(),
    );
    let outlook = Outlook::at(
        &bank,
        &chapters,
        &seen_before,
        &scheduler,
        clock.timestamp(),
        plan.new_per_day,
    );
    let next = || next_due(&bank, &chapters, &seen_before, clock.timestamp());
    if nothing_to_study(&outlook, plan, next, err, out)? {
        return Ok(Exit::Ok);
    }

    let interactive = plan.answers == Answers::Terminal
        && !plan.speech.as_ref().is_some_and(Speech::is_scripted)
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    let mut source = ui::answer_source(
        interactive,
        answers_file,
        plan.speech.as_ref(),
        signals::stop_flag(),
        err,
        |from| {
            format!(
                "answers from {from}, separated by lines of ---; a last line `rating: good` rates one"
            )
        },
    )?;
    let mut saver = Saver {
        file: SessionWriter::new(&store),
        failed: None,
    };
    let scorer = Scorer::for_bank(&bank);
    let engine = Engine {
        bank: &bank,
        scorer: &scorer,
        plan: SessionPlan {
            pace: Pace::Untimed,
            feedback: Feedback::Each,
        },
        clock: &clock,
    };
    let template = new_record(&bank, &chapters, source.as_ref().kind(), &clock);
    let finished = engine.run(&mut due, template, source.as_mut(), &mut |r, change| {
        saver.change(r, change, clock.timestamp())
    })?;
    // Restores the terminal before anything is printed.
    drop(source);
    let exit = finished.exit();
    let mut record = finished.record;
    if let Some(m) = &finished.problem {
        output::note(format_args!(
            "{} {m}; the answers given so far are kept",
            err.bad("error:")
        ));
    }
    if record.items.is_empty() {
        output::note_wrapped(
            "Nothing was studied, so no session was saved.",
            str::to_string,
        );
        return Ok(exit);
    }
    saver.save(&record, clock.timestamp());
    if let Some(id) = saver.file.id() {
        record.id = id.to_string();
    }
    let after = due.seen(&record);
    let summary = Summary {
        bank: &bank,
        chapters: &chapters,
        seen_before: &seen_before,
        seen_after: &after,
        scheduler: &scheduler,
        new_per_day: plan.new_per_day,
    };
    finish(&summary, &record, saver.failed, exit, &clock, ctx, out)
}

/// What the summary at the end compares: what was seen before the session and after it.
struct Summary<'a> {
    bank: &'a Bank,
    chapters: &'a [usize],
    seen_before: &'a std::collections::HashMap<u32, practice::Seen>,
    seen_after: &'a std::collections::HashMap<u32, practice::Seen>,
    scheduler: &'a Scheduler,
    new_per_day: usize,
}

/// When the next question of `chapters` that the history has `seen` comes due, said from
/// `now` ("in 7 min"), for a day with nothing left; none when none was seen.
fn next_due(
    bank: &Bank,
    chapters: &[usize],
    seen: &std::collections::HashMap<u32, practice::Seen>,
    now: jiff::Timestamp,
) -> Option<String> {
    bank.questions()
        .filter(|l| chapters.contains(&l.chapter_index))
        .filter_map(|l| seen.get(&l.question.id))
        .map(|s| s.memory.due)
        .min()
        .map(|due| crate::time::relative(due, now, &crate::time::zone()))
}

/// Says what today holds: on stderr when there is something to study, else (returning true)
/// on stdout that there is nothing, and when the next question comes due (`next_due`, said
/// from now, worked out only then), if one will.
fn nothing_to_study(
    outlook: &Outlook,
    plan: &StudyPlan,
    next_due: impl FnOnce() -> Option<String>,
    err: output::Theme,
    out: &mut dyn Write,
) -> Result<bool> {
    if outlook.due + outlook.new_left == 0 {
        let when = next_due().map_or_else(
            || "Come back later".to_string(),
            |w| {
                format!(
                    "The next question is due {w} (`grill schedule` lists them); come back then"
                )
            },
        );
        output::write_wrapped(
            out,
            &format!(
                "Nothing is due and today's {} new question{} {} used up. {when}, or allow \
                 more with --new.",
                plan.new_per_day,
                crate::words::plural(plan.new_per_day),
                if plan.new_per_day == 1 { "is" } else { "are" }
            ),
        )?;
        return Ok(true);
    }
    output::note_wrapped(
        &format!(
            "Study: {} (--new {}).",
            outlook.sentence(),
            plan.new_per_day
        ),
        |row| err.bold(row),
    );
    Ok(false)
}

/// A study session's record before its first answer.
fn new_record(bank: &Bank, chapters: &[usize], input: &str, clock: &dyn Clock) -> SessionRecord {
    SessionRecord::begin(
        SessionKind::Study,
        BankRef {
            title: bank.title.clone(),
            hash: bank.content_hash(),
        },
        clock.timestamp(),
        0,
        Settings {
            questions: 0,
            chapters: chapters
                .iter()
                .map(|&c| bank.chapters[c].id.clone())
                .collect(),
            time_limit_secs: 0,
            total_limit_secs: None,
            feedback: Feedback::Each,
            focus: Focus::Due,
            retry_of: None,
            input: input.to_string(),
        },
    )
}

/// Prints the summary (what was studied, what is still due, where it was saved), and the record
/// as JSON on stdout when it could not be saved.
fn finish(
    study: &Summary,
    record: &SessionRecord,
    save_failed: Option<Error>,
    exit: Exit,
    clock: &dyn Clock,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<Exit> {
    let studied = record.items.len();
    let new = record
        .items
        .iter()
        .filter(|i| !study.seen_before.contains_key(&i.question_id))
        .count();
    let again: Vec<_> = record
        .items
        .iter()
        .filter(|i| practice::rating_of(i) == Rating::Again)
        .collect();
    // An answer left unrated counts as grill's suggestion; say so, or "again" reads as a
    // rating the candidate gave.
    let unrated = again.iter().filter(|i| i.rating.is_none()).count();
    let again = match unrated {
        0 => format!("{} again", again.len()),
        n => format!("{} again ({n} not rated: grill's suggestion)", again.len()),
    };
    let after = Outlook::at(
        study.bank,
        study.chapters,
        study.seen_after,
        study.scheduler,
        clock.timestamp(),
        study.new_per_day,
    );
    let mut summary = vec![format!(
        "Studied {studied} question{}: {} reviewed, {new} new, {again}.",
        plural(studied),
        studied - new
    )];
    summary.push(if after.due + after.new_left == 0 {
        "Nothing more is due, and today's new questions are used up.".to_string()
    } else {
        format!("Still {}.", after.sentence())
    });
    if save_failed.is_none() {
        summary.push(format!(
            "Saved as {}; replay it with `grill history show {}`.",
            record.id, record.id
        ));
    }
    let width = output::stdout_width();
    for line in &summary {
        for l in output::wrap(line, width) {
            writeln!(out, "{l}")?;
        }
    }
    match save_failed {
        Some(e) => {
            output::note(format_args!(
                "{} could not save the study session ({e}); it is printed on stdout as JSON",
                ctx.stderr_theme().bad("error:")
            ));
            let json =
                serde_json::to_string_pretty(record).expect("a session record always serializes");
            writeln!(out, "{json}")?;
            Ok(Exit::Failure)
        }
        None => Ok(exit),
    }
}
