//! `grill start` (and `grill` with no command): the mock interview.
//!
//! Turns the arguments into a plan (durations, chapters, the drawn questions), picks the answer
//! source (the terminal, or piped input), runs the engine, saves the record after every answer
//! and at the end, and prints the report (or the record as JSON) on stdout.

use crate::words::plural;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::bank::Bank;
use crate::config::{Answers, DEFAULT_TIME, StartPlan};
use crate::error::{Error, Exit, Result};
use crate::history::record::{BankRef, SessionKind, SessionRecord, SessionStatus, Settings};
use crate::history::{SessionWriter, Store};
use crate::output;
use crate::practice;
use crate::scoring::Scorer;
use crate::session::clock::{Clock, SystemClock};
use crate::session::engine::{self, Engine};
use crate::session::input::AnswerSource;
use crate::session::plan::{Feedback, Focus, Pace, SessionPlan};
use crate::session::questions::Fixed;
use crate::session::review::Change;
use crate::session::{draw, durations, review, signals};
use crate::ui;
use crate::view::dry_run::{self as dry_run_view, Draw};
use crate::view::json::{DryRun, QuestionRow, VIEW_FORMAT};
use crate::view::session::{self as session_report, Ended, Extras};
use crate::voice::Speech;

use super::Context;

/// The answer to "Start the clock?".
enum Ready {
    /// Start.
    Go,
    /// No, Esc or q: leave without asking anything.
    NotNow,
    /// Ctrl-C, or a signal that ends grill: leave, with the interrupted exit status.
    Interrupted,
}

/// Shows what the session will be and asks (dialoguer) whether to start the clock.
fn ready_to_start(
    drawn: &Drawn,
    plan: &StartPlan,
    bank: &Bank,
    today: Option<practice::Outlook>,
    theme: output::Theme,
) -> Result<Ready> {
    let n = drawn.ids.len();
    let chapters = if drawn.chapters.len() == bank.chapters.len() {
        "all chapters".to_string()
    } else {
        drawn.chapters.join(", ")
    };
    let total = plan.limits.total.map_or(String::new(), |t| {
        format!(", {} in all", durations::human(t))
    });
    let width = usize::from(console::Term::stderr().size().1).max(20) - 1;
    let about = format!(
        "{n} question{} from {chapters}, {} each{total}. Type your answer; Enter on an empty \
         line or Ctrl-D submits; Ctrl-C ends the session and keeps your answers.",
        plural(n),
        durations::human(plan.limits.per_question),
    );
    output::note(format_args!(
        "{}",
        theme.bold(&output::truncate(
            &format!("Mock interview: {}", bank.title),
            width
        ))
    ));
    for line in output::wrap(&about, width) {
        output::note(format_args!("{}", theme.dim(&line)));
    }
    if let Some(o) = today {
        // The day's allowance of new questions limits the spaced-repetition draw only: a
        // random or weak interview is told what the study queue has left, not given it as a
        // limit of its own.
        let line = if plan.focus == Focus::Due {
            format!("Today: {} (untimed practice: `grill study`).", o.sentence())
        } else {
            format!("Today: {} (`grill study`).", o.queue_sentence())
        };
        for line in output::wrap(&line, width) {
            output::note(format_args!("{}", theme.dim(&line)));
        }
    }
    let answer = dialoguer::Confirm::new()
        .with_prompt("Start the clock?")
        .default(true)
        .interact_on_opt(&console::Term::stderr());
    match answer {
        Ok(Some(true)) => Ok(Ready::Go),
        // No, Esc or q: not now.
        Ok(Some(false) | None) => Ok(Ready::NotNow),
        // Ctrl-C is a key to dialoguer, which raises SIGINT; with the stop flag's handler in
        // place it comes back here, as does a SIGTERM (the wait for a key is cut short).
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
            let term = console::Term::stderr();
            let _ = term.show_cursor();
            // End the prompt's line, so the message (and the shell's prompt) start on their own.
            let _ = term.write_line("");
            let _ = term.write_line(
                &theme.dim("interrupted before the first question; nothing was asked or saved"),
            );
            Ok(Ready::Interrupted)
        }
        Err(e) => Err(Error::Failed(format!("cannot read the terminal: {e}"))),
    }
}

/// The questions to ask and where they came from.
struct Drawn {
    ids: Vec<u32>,
    chapters: Vec<String>,
    retry_of: Option<String>,
}

/// Everything a session needs before the first question: the bank, the history (when it can
/// be opened), the seed and the drawn questions, and the answers file read whole.
struct Prepared {
    bank: Bank,
    store: Option<Store>,
    /// Why the history could not be opened, when it could not: the save fails for that reason.
    store_error: Option<String>,
    seed: u64,
    drawn: Drawn,
    answers_file: Option<crate::ui::AnswersFile>,
}

/// Runs a mock interview: prepare, ask (after "Start the clock?" in a terminal), offer the
/// review pass, then save and print.
pub fn run(ctx: &Context, plan: &StartPlan, out: &mut dyn Write) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let mut prepared = prepare(ctx, plan)?;
    if plan.dry_run {
        return dry_run(ctx, plan, &prepared, out);
    }
    // Warn now rather than after the interview if the history cannot be written; the session
    // still runs and is kept as JSON at the end (`save_failed`).
    if let Some(s) = &prepared.store
        && let Err(e) = s.ready()
    {
        output::note(format_args!(
            "{} cannot save to the history ({e}); the session will be kept as JSON at the end (on stdout, or in a file in a terminal)",
            err.warn("warning:"),
            e = output::visible(&e.to_string())
        ));
    }

    let interactive = plan.answers == Answers::Terminal
        && !plan.speech.as_ref().is_some_and(Speech::is_scripted)
        && std::io::stdin().is_terminal()
        && std::io::stderr().is_terminal();
    // In a terminal the clock starts when the candidate says so, not the moment grill starts.
    // The signal handler goes in first, so that Ctrl-C or SIGTERM at the prompt end grill
    // tidily (the prompt's line ended, exit 130) rather than killing it mid-line.
    let stop = signals::stop_flag();
    if interactive {
        let today = outlook(&prepared.bank, prepared.store.as_ref(), plan);
        match ready_to_start(&prepared.drawn, plan, &prepared.bank, today, err)? {
            Ready::Go => {}
            Ready::NotNow => return Ok(Exit::Ok),
            Ready::Interrupted => return Ok(Exit::Interrupted),
        }
    }
    let n = prepared.drawn.ids.len();
    let mut source = ui::answer_source(
        interactive,
        prepared.answers_file.take(),
        plan.speech.as_ref(),
        stop,
        err,
        |from| {
            format!(
                "{n} question{}; answers from {from}, separated by lines of ---",
                plural(n)
            )
        },
    )?;
    let mut file = prepared.store.as_ref().map(SessionWriter::new);
    let finished = interview(plan, &prepared, source.as_mut(), &mut file)?;
    let mut record = finished.record;
    if let Some(f) = &mut file {
        review_pass(plan, source.as_mut(), f, &mut record);
    }
    // Restores the terminal before anything is printed.
    drop(source);
    finish(ctx, plan, &prepared, file, record, finished.problem, out)
}

/// Loads the bank, resolves the chapters, reads the answers file, opens the history (a warning
/// when it cannot be, and the session goes on) and draws the questions.
fn prepare(ctx: &Context, plan: &StartPlan) -> Result<Prepared> {
    let bank = ctx.bank()?;
    let chapters = bank.chapter_indices(&plan.chapters)?;
    let answers_file = super::answers_file(&plan.answers)?;
    let (store, store_error) = match super::open_store(ctx) {
        Ok(s) => (Some(s), None),
        Err(e) => {
            output::note(format_args!(
                "{} {}",
                ctx.stderr_theme().warn("warning:"),
                output::visible(&e.to_string())
            ));
            (None, Some(e.to_string()))
        }
    };
    let seed = plan
        .seed
        .unwrap_or_else(|| rand::random_range(1..1_000_000u64));
    let mut rng = StdRng::seed_from_u64(seed);
    let drawn = draw_questions(&bank, &chapters, plan, store.as_ref(), &mut rng)?;
    Ok(Prepared {
        bank,
        store,
        store_error,
        seed,
        drawn,
        answers_file,
    })
}

/// `--dry-run`: prints the drawn questions instead of asking them, as a table or as JSON. With
/// the seed it prints, the same options ask exactly these questions, so answers can be written
/// beforehand and piped in.
fn dry_run(
    ctx: &Context,
    plan: &StartPlan,
    prepared: &Prepared,
    out: &mut dyn Write,
) -> Result<Exit> {
    let bank = &prepared.bank;
    let draw = Draw {
        ids: &prepared.drawn.ids,
        seed: prepared.seed,
        retry_of: prepared.drawn.retry_of.as_deref(),
        from_history: plan.focus != Focus::Random,
    };
    let rows = draw
        .ids
        .iter()
        .map(|&id| {
            let l = bank.question(id)?;
            Ok(QuestionRow {
                id,
                chapter: &l.chapter.id,
                chapter_number: l.chapter_index + 1,
                prompt: &l.question.prompt,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if plan.json {
        let doc = DryRun {
            format: VIEW_FORMAT,
            seed: draw.seed,
            retry_of: draw.retry_of,
            questions: rows,
        };
        crate::view::json::write(&doc, out)?;
    } else {
        let drawn = dry_run_view::Drawn { rows: &rows, draw };
        dry_run_view::render(&drawn, ctx.stdout_theme(), output::stdout_width(), out)?;
    }
    Ok(Exit::Ok)
}

/// Runs the engine over the drawn questions, saving the record after every answer.
fn interview(
    plan: &StartPlan,
    prepared: &Prepared,
    source: &mut dyn AnswerSource,
    file: &mut Option<SessionWriter<'_>>,
) -> Result<engine::Finished> {
    let Prepared { bank, drawn, .. } = prepared;
    let clock = SystemClock::new();
    let template = SessionRecord::begin(
        SessionKind::Interview,
        BankRef {
            title: bank.title.clone(),
            hash: bank.content_hash(),
        },
        clock.timestamp(),
        prepared.seed,
        Settings {
            questions: drawn.ids.len(),
            chapters: drawn.chapters.clone(),
            time_limit_secs: plan.limits.per_question.as_secs(),
            total_limit_secs: plan.limits.total.map(|t| t.as_secs()),
            feedback: plan.feedback,
            focus: plan.focus,
            retry_of: drawn.retry_of.clone(),
            input: source.kind().to_string(),
        },
    );
    let scorer = Scorer::for_bank(bank);
    let engine = Engine {
        bank,
        scorer: &scorer,
        plan: SessionPlan {
            pace: Pace::Timed(plan.limits),
            feedback: plan.feedback,
        },
        clock: &clock,
    };
    engine.run(
        &mut Fixed::new(&drawn.ids),
        template,
        source,
        &mut |record, change| {
            // Saved after every answer so that a crash keeps them. A failure here cannot be
            // shown without garbling the screen; the final save below reports it. Nothing is
            // saved while nothing has been typed (such a session is not kept at all).
            if record.is_empty() {
                return;
            }
            if let Some(f) = file {
                let _ = keep(f, record, change);
            }
        },
    )
}

/// Saves what `change` says changed in `record`: what is new, or a rating taken back.
fn keep(file: &mut SessionWriter<'_>, record: &SessionRecord, change: Change) -> Result<()> {
    match change {
        Change::Added(_) => file.save(record, crate::time::now()),
        Change::Undone(k) => file.undo(record, k),
    }
}

/// In a terminal, at the end of a session that showed no scores yet: offers to go over the
/// answers against the reference and rate them, saving each rating as it is given.
fn review_pass(
    plan: &StartPlan,
    source: &mut dyn AnswerSource,
    file: &mut SessionWriter<'_>,
    record: &mut SessionRecord,
) {
    if let Some(rater) = source.rater()
        && plan.feedback == Feedback::End
        && matches!(
            record.status,
            SessionStatus::Complete | SessionStatus::TimeUp
        )
        && !record.is_empty()
        && record.unrated() > 0
        && file.save(record, crate::time::now()).is_ok()
    {
        let n = record.unrated();
        let question = format!("Review your {n} answer{} now? [Y/n] ", plural(n));
        if rater.confirm(&question) {
            review::review(
                record,
                &mut |heading, item, notice| {
                    if let Some(n) = notice {
                        rater.notice(n);
                    }
                    rater.rate(heading, item, false)
                },
                &mut |r, change| keep(file, r, change).is_ok(),
            );
        }
    }
}

/// Saves the finished session (unless nothing was typed), then prints the report or the
/// record as JSON; when the save fails, [`save_failed`] keeps the answers on stdout.
fn finish(
    ctx: &Context,
    plan: &StartPlan,
    prepared: &Prepared,
    mut file: Option<SessionWriter<'_>>,
    mut record: SessionRecord,
    problem: Option<String>,
    out: &mut dyn Write,
) -> Result<Exit> {
    let err = ctx.stderr_theme();
    let bank = &prepared.bank;
    if let Some(problem) = &problem {
        output::note(format_args!(
            "{} {}; the answers given so far are kept",
            err.bad("error:"),
            output::visible(problem)
        ));
    }
    let kept = !record.is_empty();
    if !kept {
        output::note_wrapped(
            "Nothing was typed, so this session was not saved to the history.",
            |row| err.dim(row),
        );
    }
    let saved = match &mut file {
        _ if !kept => Ok(()),
        Some(f) => f.save(&record, crate::time::now()),
        // The history could not be opened: the warning at the start said why.
        None => Err(Error::Failed(
            prepared
                .store_error
                .clone()
                .unwrap_or_else(|| "no data directory".into()),
        )),
    };
    // The id the session was saved under (a fresh one if another session had taken it).
    if let Some(id) = file.as_ref().and_then(|f| f.id()) {
        record.id = id.to_string();
    }
    let by_retry = plan.retry.is_some() || plan.focus != Focus::Random;
    let extras = Extras {
        // `--retry ID` needs the session saved; a random draw's seed repeats it regardless.
        rerun: (!by_retry || (kept && saved.is_ok()))
            .then(|| rerun_command(ctx, plan, &record, bank)),
        saved_as: kept.then(|| record.id.clone()),
        tips: bank.tips.clone(),
        today: if kept {
            outlook(bank, prepared.store.as_ref(), plan)
        } else {
            None
        },
    };
    if let Err(e) = saved {
        return Ok(save_failed(&e, &record, extras, err, out));
    }
    if plan.json {
        write_json(&record, out)?;
    } else {
        session_report::render(
            &Ended {
                record: &record,
                extras: &extras,
            },
            ctx.stdout_theme(),
            output::stdout_width(),
            out,
        )?;
    }
    Ok(
        if record.status == SessionStatus::Interrupted && problem.is_none() {
            Exit::Interrupted
        } else if problem.is_some() {
            Exit::Failure
        } else {
            Exit::Ok
        },
    )
}

/// The final save failed: the candidate still gets the report (on stderr, so stdout stays pure
/// JSON to redirect), without the tips, as the message about the lost save must stay in view;
/// the record goes to stdout as JSON, and grill exits with a failure.
fn save_failed(
    e: &Error,
    record: &SessionRecord,
    mut extras: Extras,
    err: output::Theme,
    out: &mut dyn Write,
) -> Exit {
    extras.saved_as = None;
    extras.tips.clear();
    let mut screen = std::io::stderr();
    let _ = session_report::render(
        &Ended {
            record,
            extras: &extras,
        },
        err,
        usize::from(console::Term::stderr().size().1).max(20),
        &mut screen,
    );
    output::note("");
    output::note(format_args!(
        "{} could not save the session to the history ({}).",
        err.bad("error:"),
        output::visible(&e.to_string())
    ));
    // In a terminal the JSON would scroll past, beyond keeping: a file keeps it instead.
    if std::io::stdout().is_terminal()
        && let Some(path) = keep_in_file(record)
    {
        let path = path.display().to_string();
        let path = output::visible(&path);
        output::note_wrapped(
            &format!(
                "Your answers are not lost: the session is kept in {path}. Add it to the \
                 history with `grill history import {path}` once the history can be written \
                 again (see the message above)."
            ),
            |row| row.to_string(),
        );
        return Exit::Failure;
    }
    output::note_wrapped(
        "The session is printed on stdout as JSON so your answers are not lost: keep it \
         (e.g. `> session.json`) and add it later with `grill history import session.json` \
         once the history can be written again (see the message above).",
        |row| row.to_string(),
    );
    // Flushed here, not by the caller: if stdout is closed too, the answers are lost and
    // that must not end quietly as a closed pipe otherwise does.
    if let Err(e) = write_json(record, out).and_then(|()| Ok(out.flush()?)) {
        output::note(format_args!(
            "{} could not print the session on stdout either ({e}); its answers are lost",
            err.bad("error:")
        ));
    }
    Exit::Failure
}

/// Writes the session's JSON to a new file named after it, in the current folder or else the
/// temporary one; its path, or none when neither can be written.
fn keep_in_file(record: &SessionRecord) -> Option<std::path::PathBuf> {
    let json = output::json("the session record", record).ok()?;
    let name: String = format!("grill-session-{}", record.id)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    for dir in [std::path::PathBuf::from("."), std::env::temp_dir()] {
        for n in 0..100 {
            let file = match n {
                0 => format!("{name}.json"),
                n => format!("{name}-{n}.json"),
            };
            let path = dir.join(file);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            // The owner's alone, as the history is: it holds the candidate's answers.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = match options.open(&path) {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(_) => break,
            };
            if file
                .write_all(json.as_bytes())
                .and_then(|()| file.sync_all())
                .is_ok()
            {
                return Some(path);
            }
            // A half-written file (ours: made just now) is no copy: leave none behind.
            let _ = std::fs::remove_file(&path);
            break;
        }
    }
    None
}

/// Today's due and new questions over the whole bank, from the history; none when the history
/// cannot be read (the start screen and the report then leave the line out).
fn outlook(bank: &Bank, store: Option<&Store>, plan: &StartPlan) -> Option<practice::Outlook> {
    let store = store?;
    let scheduler = store.scheduler(plan.retention).ok()?;
    let seen = super::seen(store, bank, &scheduler).ok()?;
    Some(practice::Outlook::of_bank(
        bank,
        &seen,
        &scheduler,
        crate::time::now(),
        plan.new_per_day,
    ))
}

fn write_json(record: &SessionRecord, out: &mut dyn Write) -> Result<()> {
    out.write_all(output::json("the session record", record)?.as_bytes())?;
    Ok(())
}

/// Chooses the questions: a past session's (`--retry`), the neediest (`--focus weak`) or at
/// random.
fn draw_questions(
    bank: &Bank,
    chapters: &[usize],
    plan: &StartPlan,
    store: Option<&Store>,
    rng: &mut StdRng,
) -> Result<Drawn> {
    let needs_history = plan.retry.is_some() || plan.focus != Focus::Random;
    let store = match store {
        Some(s) => s,
        None if !needs_history => {
            let ids = draw::random(bank, chapters, plan.questions, rng)?;
            return Ok(Drawn {
                ids,
                chapters: chapter_ids(bank, chapters),
                retry_of: None,
            });
        }
        None => {
            return Err(Error::Failed(
                "no history to read (no data directory); set GRILL_HOME".into(),
            ));
        }
    };
    if let Some(sel) = &plan.retry {
        return retry_draw(bank, store, sel);
    }
    let ids = match plan.focus {
        Focus::Random => draw::random(bank, chapters, plan.questions, rng)?,
        Focus::Weak | Focus::Due => ranked_draw(bank, chapters, plan, store)?,
    };
    Ok(Drawn {
        ids,
        chapters: chapter_ids(bank, chapters),
        retry_of: None,
    })
}

/// The chapters' ids, from their indices.
fn chapter_ids(bank: &Bank, idx: &[usize]) -> Vec<String> {
    idx.iter().map(|&c| bank.chapters[c].id.clone()).collect()
}

/// `--retry`: the questions of a past session, all of which must be in this bank.
fn retry_draw(bank: &Bank, store: &Store, sel: &str) -> Result<Drawn> {
    let past = store
        .pick(sel)
        .map_err(|e| Error::input(format!("--retry: {e}")))?;
    let ids: Vec<u32> = past.items.iter().map(|i| i.question_id).collect();
    if ids.is_empty() {
        // As `-n 0` is refused: an empty session would only add an empty record.
        return Err(Error::input(format!(
            "--retry {sel}: session {} asked no questions, so there is nothing to ask again; \
             a session needs at least one question",
            past.id
        )));
    }
    for &id in &ids {
        if bank.find(id).is_none() {
            return Err(Error::input(format!(
                "--retry {sel}: session {} asked question {id}, which is not in the bank \"{}\"; \
                 run it with the bank it used (\"{}\", --bank PATH)",
                past.id, bank.title, past.bank.title
            )));
        }
    }
    let mut idx: Vec<usize> = ids
        .iter()
        .filter_map(|&id| bank.find(id).map(|l| l.chapter_index))
        .collect();
    idx.sort_unstable();
    idx.dedup();
    Ok(Drawn {
        ids,
        chapters: chapter_ids(bank, &idx),
        retry_of: Some(past.id.clone()),
    })
}

/// `--focus weak` or `--focus due`: the questions in the order the history gives them.
fn ranked_draw(
    bank: &Bank,
    chapters: &[usize],
    plan: &StartPlan,
    store: &Store,
) -> Result<Vec<u32>> {
    let now = crate::time::now();
    let scheduler = store.scheduler(plan.retention)?;
    let seen = super::seen(store, bank, &scheduler)?;
    if plan.focus == Focus::Weak {
        let order = practice::weak(bank, chapters, &seen, &scheduler, now);
        draw::ranked(bank, chapters, plan.questions, &order)
    } else {
        let used = practice::new_today(&seen, now, &crate::time::zone());
        let left = plan.new_per_day.saturating_sub(used);
        let queue = practice::queue(bank, chapters, &seen, &scheduler, now, left);
        let order = queue.within_limit();
        if order.is_empty() {
            return Err(Error::input(format!(
                "--focus due: nothing is due and today's {} new questions are used up; \
                 come back later, or allow more with --new",
                plan.new_per_day
            )));
        }
        let n = plan.questions.min(order.len());
        // Due and new questions first; the rest of the draw (if any) is the seen questions
        // closest to due, which the note counts apart.
        let due_or_new = queue.due.len() + queue.new.len();
        if due_or_new < plan.questions {
            let rest = n - due_or_new;
            let more = if rest > 0 {
                format!(", then the {rest} seen closest to due")
            } else {
                String::new()
            };
            if due_or_new == 0 {
                output::note(format_args!(
                    "note: nothing is due or new today (--new {}); asking the {rest} seen \
                     closest to due",
                    plan.new_per_day
                ));
            } else {
                output::note(format_args!(
                    "note: only {due_or_new} question{} due or new today (--new {}); asking \
                     those{more}",
                    if due_or_new == 1 { " is" } else { "s are" },
                    plan.new_per_day
                ));
            }
        }
        draw::ranked(bank, chapters, n, &order)
    }
}

/// A command that asks the same questions again: by seed for a random draw, by `--retry`
/// otherwise (a weak-spot draw depends on the history, which changes).
fn rerun_command(ctx: &Context, plan: &StartPlan, record: &SessionRecord, bank: &Bank) -> String {
    let mut cmd = String::from("grill");
    if let Some(p) = &ctx.bank_path {
        cmd.push_str(&format!(" --bank {}", shell_word(&p.display().to_string())));
    }
    if plan.retry.is_some() || plan.focus != Focus::Random {
        cmd.push_str(&format!(" --retry {}", record.id));
    } else {
        cmd.push_str(&format!(" -n {}", record.items.len()));
        if record.settings.chapters.len() < bank.chapters.len() {
            for c in &record.settings.chapters {
                cmd.push_str(&format!(" -c {}", shell_word(c)));
            }
        }
        cmd.push_str(&format!(" --seed {}", record.seed));
    }
    // The same limits too: the same questions with more time are a different test.
    let time = Duration::from_secs(record.settings.time_limit_secs);
    if time != DEFAULT_TIME {
        cmd.push_str(&format!(" --time {}", flag_duration(time)));
    }
    if let Some(total) = record.settings.total_limit_secs {
        cmd.push_str(&format!(
            " --total {}",
            flag_duration(Duration::from_secs(total))
        ));
    }
    cmd
}

/// A duration as `--time` takes it: the short human form when it says the exact time
/// (`2m30s`), else seconds (`durations::human` drops the seconds of hour-long limits).
fn flag_duration(d: Duration) -> String {
    let human = durations::human(d);
    if durations::parse("", &human).is_ok_and(|p| p == d) {
        human
    } else {
        format!("{}s", d.as_secs())
    }
}

/// Quotes a word for a POSIX shell when it needs it.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=+,@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_written_as_time_takes_them() {
        assert_eq!(flag_duration(Duration::from_secs(90)), "1m30s");
        assert_eq!(flag_duration(Duration::from_secs(3600)), "1h00m");
        assert_eq!(flag_duration(Duration::from_secs(3605)), "3605s");
        assert_eq!(
            durations::parse("--time", &flag_duration(Duration::from_secs(3660))).unwrap(),
            Duration::from_secs(3660)
        );
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("oop"), "oop");
        assert_eq!(shell_word("my bank.txt"), "'my bank.txt'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
