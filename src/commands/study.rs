//! `grill study`: untimed practice of the spaced-repetition queue, one question at a time.
//!
//! The next question is always the head of [`practice::queue`] over the history *and* this
//! session so far: due questions first, then new ones while the day allows (`--new`). The
//! candidate answers (or presses Enter at once to see the reference, as with a flashcard),
//! sees the evidence and the whole reference, and rates the answer; the session is saved after
//! every answer and every rating, as a record of kind `study`, so it feeds the history, the
//! report and the scheduler like any interview.

use crate::words::plural;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use crate::bank::Bank;
use crate::config::{Answers, StudyPlan};
use crate::error::{Error, Exit, Result};
use crate::fsrs::{Rating, Scheduler};
use crate::history::record::{
    BankRef, ItemRecord, Outcome, SessionKind, SessionRecord, SessionStatus, Settings,
};
use crate::history::{self, Store};
use crate::output;
use crate::practice::{self, Outlook};
use crate::session::clock::{Clock, SystemClock};
use crate::session::input::{AnswerSource, Ask, Ending, Flow};
use crate::session::plan::{Feedback, Focus};
use crate::session::signals;

use super::Context;

/// How long an untimed answer may take: no one studies one card for a year.
const NO_LIMIT: Duration = Duration::from_secs(365 * 24 * 3600);

/// What the study loop works from: the bank and chapters, the history before this session
/// (and what it had seen), the scheduler and the day's allowance of new questions.
struct Study<'a> {
    bank: &'a Bank,
    chapters: &'a [usize],
    history: &'a [SessionRecord],
    seen_before: &'a std::collections::HashMap<u32, practice::Seen>,
    scheduler: &'a Scheduler,
    new_per_day: usize,
}

/// Saves the session file, keeping the first failure to report at the end.
struct Saver<'a> {
    file: history::SessionFile<'a>,
    failed: Option<Error>,
}

impl Saver<'_> {
    fn save(&mut self, record: &SessionRecord) {
        if let Err(e) = self.file.save(record) {
            self.failed.get_or_insert(e);
        }
    }
}

/// Runs `grill study`.
pub fn run(ctx: &Context, plan: &StudyPlan, out: &mut dyn Write) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let bank = ctx.bank()?;
    let chapters = bank.chapter_indices(&plan.chapters)?;
    let answers_file = super::answers_file(&plan.answers)?;
    let store = Store::open_default()?;
    let loaded = store.load()?;
    for p in &loaded.problems {
        output::note(format_args!("{} skipped {p}", err.warn("warning:")));
    }
    let history = loaded.sessions;
    let scheduler = Scheduler::with_retention(plan.retention);
    let clock = SystemClock::new();
    let seen_before = practice::seen(&bank, &history, &scheduler);
    let outlook = Outlook::at(
        &bank,
        &chapters,
        &seen_before,
        &scheduler,
        clock.timestamp(),
        plan.new_per_day,
    );
    if nothing_to_study(&outlook, plan, err, out)? {
        return Ok(Exit::Ok);
    }

    let interactive = plan.answers == Answers::Terminal
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    let mut source = super::answer_source(
        interactive,
        answers_file,
        signals::stop_flag(),
        err,
        |from| {
            format!(
                "answers from {from}, separated by lines of ---; a last line `rating: good` rates one"
            )
        },
    )?;
    let study = Study {
        bank: &bank,
        chapters: &chapters,
        history: &history,
        seen_before: &seen_before,
        scheduler: &scheduler,
        new_per_day: plan.new_per_day,
    };
    let mut record = new_record(&bank, &chapters, source.kind(), &clock);
    let mut saver = Saver {
        file: history::SessionFile::new(&store),
        failed: None,
    };
    let (exit, problem) = study_loop(&study, &clock, source.as_mut(), &mut record, &mut saver)?;
    // Restores the terminal before anything is printed.
    drop(source);
    if let Some(m) = &problem {
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
    record.status = if exit == Exit::Ok {
        SessionStatus::Complete
    } else {
        SessionStatus::Interrupted
    };
    record.ended_at = clock.timestamp();
    saver.save(&record);
    if let Some(id) = saver.file.id() {
        record.id = id.to_string();
    }
    finish(&study, &record, saver.failed, exit, &clock, ctx, out)
}

/// Says what today holds: on stderr when there is something to study, else (returning true)
/// on stdout that there is nothing.
fn nothing_to_study(
    outlook: &Outlook,
    plan: &StudyPlan,
    err: output::Theme,
    out: &mut dyn Write,
) -> Result<bool> {
    if outlook.due + outlook.new_left == 0 {
        output::write_wrapped(
            out,
            &format!(
                "Nothing is due and today's {} new questions are used up. Come back later, or \
                 allow more with --new.",
                plan.new_per_day
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

/// The question to ask next (the most needed due one, else a new one within the day's limit)
/// and how many are waiting in all, counting it; none when nothing is due or new.
fn head_of_queue(
    study: &Study,
    record: &SessionRecord,
    now: jiff::Timestamp,
) -> Option<(u32, usize)> {
    let seen = practice::seen(
        study.bank,
        study.history.iter().chain(std::iter::once(record)),
        study.scheduler,
    );
    let left = study.new_per_day.saturating_sub(practice::new_today(
        &seen,
        now,
        &jiff::tz::TimeZone::system(),
    ));
    let queue = practice::queue(
        study.bank,
        study.chapters,
        &seen,
        study.scheduler,
        now,
        left,
    );
    let next = *queue.due.first().or(queue.new.first())?;
    Some((next, queue.due.len() + queue.new.len()))
}

/// Asks the head of the queue until nothing is due or new, the input ends, or the candidate
/// stops; saves after every answer and rating. Returns the exit status and the input's failure.
fn study_loop(
    study: &Study,
    clock: &dyn Clock,
    source: &mut dyn AnswerSource,
    record: &mut SessionRecord,
    saver: &mut Saver,
) -> Result<(Exit, Option<String>)> {
    let scorer = crate::scoring::Scorer::for_bank(study.bank);
    let mut exit = Exit::Ok;
    let mut problem = None;
    loop {
        let Some((next, waiting)) = head_of_queue(study, record, clock.timestamp()) else {
            source.finished();
            break;
        };
        let l = study.bank.question(next)?;
        let ask = Ask {
            number: record.items.len() + 1,
            count: record.items.len() + waiting,
            chapter: &l.chapter.id,
            prompt: &l.question.prompt,
            limit: NO_LIMIT,
            session_ends: false,
            untimed: true,
            clock,
            asked_at: clock.elapsed(),
        };
        let t0 = clock.elapsed();
        let reply = source.answer(&ask);
        let used = clock.elapsed().saturating_sub(t0);
        let (outcome, stop_after) = match reply.ending {
            Ending::Submitted | Ending::TimedOut => (Outcome::Answered, false),
            Ending::NoMoreInput => break,
            Ending::Interrupted => {
                exit = Exit::Interrupted;
                (Outcome::Cut, true)
            }
            Ending::Broken(m) => {
                problem = Some(m);
                exit = Exit::Failure;
                (Outcome::Cut, true)
            }
        };
        // Cut short with nothing typed: the question was not studied.
        if stop_after && reply.text.trim().is_empty() {
            break;
        }
        let assessment = scorer.score(Some(&l.question.prompt), &l.question.bullets, &reply.text);
        record.items.push(ItemRecord {
            question_id: l.question.id,
            chapter: l.chapter.id.clone(),
            prompt: l.question.prompt.clone(),
            answer: reply.text,
            outcome,
            time_used_ms: u64::try_from(used.as_millis()).unwrap_or(u64::MAX),
            assessment,
            notes: l.question.notes.clone(),
            rating: reply.rating,
        });
        record.settings.questions = record.items.len();
        record.ended_at = clock.timestamp();
        saver.save(record);
        if stop_after {
            break;
        }
        match source.feedback(&ask, record.items.last().expect("just pushed")) {
            Flow::Next(Some(r)) => {
                record.items.last_mut().expect("just pushed").rating = Some(r);
                saver.save(record);
            }
            Flow::Next(None) => {}
            Flow::Stop => break,
        }
    }
    Ok((exit, problem))
}

/// Prints the summary (what was studied, what is still due, where it was saved), and the record
/// as JSON on stdout when it could not be saved.
fn finish(
    study: &Study,
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
    let again = record
        .items
        .iter()
        .filter(|i| practice::rating_of(i) == Rating::Again)
        .count();
    let seen = practice::seen(
        study.bank,
        study.history.iter().chain(std::iter::once(record)),
        study.scheduler,
    );
    let after = Outlook::at(
        study.bank,
        study.chapters,
        &seen,
        study.scheduler,
        clock.timestamp(),
        study.new_per_day,
    );
    let mut summary = vec![format!(
        "Studied {studied} question{}: {} reviewed, {new} new, {again} again.",
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
