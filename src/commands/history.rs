//! `grill history`: list, replay, export and import saved sessions.
//!
//! The listing and the replay are rendered by pure functions (sessions in, text out) so tests
//! need no store; export and import use one JSON document with a format version, so a history
//! can move between machines and a newer grill's export is recognised rather than misread.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{HistoryPlan, ShowForm};
use crate::error::{Error, Exit, Result};
use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, Outcome, RECORD_FORMAT, SessionRecord, SessionStatus};
use crate::history::{self, Store};
use crate::output::{self, Theme};
use crate::readiness::whole;
use crate::scoring::Status;
use crate::session::durations;
use crate::words::plural;

use super::Context;
use crate::bank::NOTES_HEADING;

/// The version of the export document this build writes.
pub const EXPORT_FORMAT: u32 = 1;
/// The `kind` that marks an export document, so other JSON files are told apart.
pub const EXPORT_KIND: &str = "grill-history";

/// `grill history export`: every session, with a format version.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    /// `EXPORT_FORMAT`.
    pub format: u32,
    /// Always `EXPORT_KIND`.
    pub kind: String,
    /// When it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<jiff::Timestamp>,
    /// The sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
}

/// Runs a `grill history` subcommand.
pub fn run(ctx: &Context, plan: &HistoryPlan, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    let tz = jiff::tz::TimeZone::system();
    match plan {
        HistoryPlan::Path => {
            writeln!(out, "{}", Store::open_default()?.sessions_dir().display())?;
        }
        HistoryPlan::List { json } => {
            let sessions = load(ctx)?;
            if *json {
                super::json::write(&super::json::history_list(&sessions), out)?;
            } else {
                list(&sessions, theme, list_width(), &tz, out)?;
            }
        }
        HistoryPlan::Show { id, form } => {
            let sessions = load(ctx)?;
            let s = history::find(&sessions, id)?;
            match form {
                // The record as saved: `history import` takes it back.
                ShowForm::Json => super::json::write(s, out)?,
                ShowForm::Markdown => {
                    out.write_all(crate::report::sheet::markdown(s, &tz).as_bytes())?
                }
                ShowForm::Text => {
                    let number = sessions.iter().position(|x| x.id == s.id).map(|i| i + 1);
                    show(s, number, theme, output::stdout_width(), &tz, out)?;
                }
            }
        }
        HistoryPlan::Export => {
            let sessions = load(ctx)?;
            let n = sessions.len();
            out.write_all(export(sessions, jiff::Timestamp::now())?.as_bytes())?;
            output::note(format_args!(
                "{}",
                ctx.stderr_theme()
                    .dim(&format!("exported {n} session{}", plural(n)))
            ));
        }
        HistoryPlan::Import(file) => {
            let text = crate::error::read_text_file(file, "a history export")?;
            let name = if file == Path::new("-") {
                "<stdin>".to_string()
            } else {
                file.display().to_string()
            };
            let sessions = parse_import(&text, &name)?;
            import(&Store::open_default()?, &sessions, &name, out)?;
        }
        HistoryPlan::Rate {
            session,
            question,
            rating,
        } => rate(ctx, session, *question, *rating, out)?,
        HistoryPlan::Delete { sessions, yes } => {
            let store = Store::open_default()?;
            let loaded = load(ctx)?;
            let mut ids: Vec<String> = Vec::new();
            // Every selector is resolved before anything is deleted, so list numbers given
            // together mean what `grill history` showed, and one typo deletes nothing.
            for sel in sessions {
                let id = history::find(&loaded, sel)?.id.clone();
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            delete(&store, &ids, *yes, out)?;
        }
        HistoryPlan::PruneEmpty { yes } => prune_empty(ctx, *yes, out)?,
    }
    Ok(Exit::Ok)
}

/// `grill history prune --empty`: deletes the sessions in which nothing was answered.
fn prune_empty(ctx: &Context, yes: bool, out: &mut dyn Write) -> Result<()> {
    let store = Store::open_default()?;
    let ids: Vec<String> = load(ctx)?
        .iter()
        .filter(|s| s.is_empty())
        .map(|s| s.id.clone())
        .collect();
    if ids.is_empty() {
        writeln!(
            out,
            "no empty sessions in {}",
            store.sessions_dir().display()
        )?;
        Ok(())
    } else {
        delete(&store, &ids, yes, out)
    }
}

/// `grill history rate`: saves the candidate's rating of one answer.
fn rate(ctx: &Context, session: &str, qid: u32, rating: Rating, out: &mut dyn Write) -> Result<()> {
    let store = Store::open_default()?;
    let sessions = load(ctx)?;
    let mut record = history::find(&sessions, session)?.clone();
    let asked: Vec<String> = record
        .items
        .iter()
        .map(|i| format!("Q{}", i.question_id))
        .collect();
    let item = record
        .items
        .iter_mut()
        .find(|i| i.question_id == qid)
        .ok_or_else(|| {
            Error::input(format!(
                "session {} did not ask Q{qid}; it asked {}",
                record.id,
                asked.join(", ")
            ))
        })?;
    if item.outcome == Outcome::Unanswered {
        return Err(Error::input(format!(
            "Q{qid} was not answered in session {}; there is nothing to rate",
            record.id
        )));
    }
    let suggested = crate::practice::rating_for_score(item.score());
    item.rating = Some(rating);
    store.replace(&record)?;
    writeln!(
        out,
        "rated Q{qid} of session {} {rating} (grill's score {} suggested {suggested})",
        record.id,
        whole(
            record
                .items
                .iter()
                .find(|i| i.question_id == qid)
                .map_or(0.0, ItemRecord::score)
        ),
    )?;
    Ok(())
}

/// Deletes the sessions `ids` after asking (in a terminal, unless `yes`).
fn delete(store: &Store, ids: &[String], yes: bool, out: &mut dyn Write) -> Result<()> {
    let n = ids.len();
    if !yes {
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Err(Error::input(format!(
                "deleting {n} session{} needs --yes when grill cannot ask in a terminal",
                plural(n)
            )));
        }
        let prompt = format!("Delete {n} session{} ({})?", plural(n), ids.join(", "));
        let answer = dialoguer::Confirm::new()
            .with_prompt(output::visible(&prompt).into_owned())
            .default(false)
            .interact_on_opt(&console::Term::stderr());
        match answer {
            Ok(Some(true)) => {}
            Ok(_) => {
                writeln!(out, "nothing deleted")?;
                return Ok(());
            }
            Err(e) => {
                let _ = console::Term::stderr().show_cursor();
                return Err(Error::Failed(format!(
                    "nothing deleted: cannot read the terminal ({e})"
                )));
            }
        }
    }
    for (done, id) in ids.iter().enumerate() {
        store.delete(id).map_err(|e| {
            Error::Failed(format!(
                "{e}; {done} of {n} sessions were deleted before it"
            ))
        })?;
        writeln!(out, "deleted {id}")?;
    }
    Ok(())
}

/// Imports `sessions` (already checked) into `store` and says what happened on `out`. Sessions
/// the history holds less far along are updated; a session whose id the history gives to a
/// different session is not imported and makes this an error (exit 1), as does a failure to
/// save, which says how many sessions had been saved before it.
pub fn import(
    store: &Store,
    sessions: &[SessionRecord],
    name: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let (mut added, mut skipped) = (0, 0);
    let mut updated = Vec::new();
    let mut conflicts = Vec::new();
    for s in sessions {
        match store.import(s) {
            Ok(history::Imported::Added) => added += 1,
            Ok(history::Imported::AlreadyThere) => skipped += 1,
            Ok(history::Imported::Updated { was, now }) => updated.push(format!(
                "Updated {}: {} answered, {} (the history had {}, {}).",
                s.id,
                now.answered,
                status_label(now.status),
                was.answered,
                status_label(was.status)
            )),
            Ok(history::Imported::Conflict(why)) => conflicts.push(format!(
                "session {} in {name} was not imported: {why}",
                s.id
            )),
            Err(e) => {
                let mut done = format!("{added} session{} added", plural(added));
                if !updated.is_empty() {
                    done.push_str(&format!(" and {} updated", updated.len()));
                }
                return Err(Error::Failed(format!(
                    "{e}\n{done} from {name} before this; free the space or fix the folder and \
                     import the file again (sessions already in the history are skipped)"
                )));
            }
        }
    }
    let updates = if updated.is_empty() {
        String::new()
    } else {
        format!("; {} updated with a copy further along", updated.len())
    };
    writeln!(
        out,
        "Imported {added} session{} from {name}{updates}; {skipped} already in the history {} skipped.",
        plural(added),
        if skipped == 1 { "was" } else { "were" }
    )?;
    for line in &updated {
        writeln!(out, "{line}")?;
    }
    if !conflicts.is_empty() {
        return Err(Error::Failed(format!(
            "{}\nA different session already has that id in the history; to keep both, give the \
             one in {name} another id (letters, digits, - _ .) and import it again.",
            conflicts.join("\n")
        )));
    }
    Ok(())
}

/// The width the list is fitted to: the terminal's, or `COLUMNS` when set; with neither
/// (output to a file or a pipe), no limit, so every column is printed.
fn list_width() -> usize {
    if std::io::stdout().is_terminal() || std::env::var_os("COLUMNS").is_some() {
        output::stdout_width()
    } else {
        usize::MAX
    }
}

/// Loads every readable session from the default store, warning on stderr about each file that
/// cannot be read (with its path and line); those files are left as they are.
pub fn load(ctx: &Context) -> Result<Vec<SessionRecord>> {
    let loaded = Store::open_default()?.load()?;
    let theme = ctx.stderr_theme();
    for p in &loaded.problems {
        output::note(format_args!(
            "{} {} (skipped; fix or move the file, grill never changes it)",
            theme.warn("warning:"),
            output::visible(&p.to_string())
        ));
    }
    Ok(loaded.sessions)
}

/// The export document for `sessions`, pretty-printed, ending in a newline.
pub fn export(sessions: Vec<SessionRecord>, now: jiff::Timestamp) -> Result<String> {
    let doc = Export {
        format: EXPORT_FORMAT,
        kind: EXPORT_KIND.to_string(),
        exported_at: Some(now),
        sessions,
    };
    crate::output::json("the history export", &doc)
}

/// Parses a file to import: an export document, or a single session record (a file from the
/// sessions folder, or `grill start --json`). Every session is checked before any is saved.
pub fn parse_import(text: &str, name: &str) -> Result<Vec<SessionRecord>> {
    const HINT: &str = "import takes a file written by `grill history export`";
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::input(format!(
            "{name}:{}:{}: corrupt JSON: {}; {HINT}",
            e.line(),
            e.column(),
            crate::error::without_position(&e.to_string())
        ))
    })?;
    let sessions = if value.get("kind").and_then(|k| k.as_str()) == Some(EXPORT_KIND) {
        if let Some(f) = value.get("format").and_then(|f| f.as_u64())
            && f > u64::from(EXPORT_FORMAT)
        {
            return Err(Error::input(format!(
                "{name}: written by a newer grill (export format {f}; this grill reads {EXPORT_FORMAT}); upgrade grill to import it"
            )));
        }
        let doc: Export = serde_json::from_str(text).map_err(|e| {
            Error::input(format!(
                "{name}:{}:{}: not a valid grill history export: {}",
                e.line(),
                e.column(),
                crate::error::without_position(&e.to_string())
            ))
        })?;
        doc.sessions
    } else if value.get("items").is_some() && value.get("id").is_some() {
        vec![
            history::parse_record(text)
                .map_err(|msg| Error::input(format!("{name}:{}", msg.trim_start())))?,
        ]
    } else {
        return Err(Error::input(format!(
            "{name}: not a grill history export (no \"kind\": \"{EXPORT_KIND}\"); {HINT}"
        )));
    };
    for (i, s) in sessions.iter().enumerate() {
        if s.format > RECORD_FORMAT {
            return Err(Error::input(format!(
                "{name}: session {} ({}) was written by a newer grill (record format {}; this grill reads {RECORD_FORMAT}); upgrade grill to import it",
                i + 1,
                s.id,
                s.format
            )));
        }
        // Ids become file names in the store: refuse anything that could leave the folder.
        if !crate::history::is_safe_id(&s.id) {
            return Err(Error::input(format!(
                "{name}: session {} has the id `{}`, which is not a safe file name (letters, digits, - _ . only); nothing was imported",
                i + 1,
                s.id
            )));
        }
    }
    Ok(sessions)
}

/// The status in words.
pub fn status_label(s: SessionStatus) -> &'static str {
    match s {
        SessionStatus::InProgress => "in progress",
        SessionStatus::Complete => "complete",
        SessionStatus::TimeUp => "time up",
        SessionStatus::Interrupted => "interrupted",
    }
}

/// A session's score: the mean of its answered questions (unanswered ones were never reached,
/// so they say nothing about what was known); none when nothing was answered.
pub fn session_score(s: &SessionRecord) -> Option<f64> {
    let scores: Vec<f64> = s
        .items
        .iter()
        .filter(|i| i.outcome != Outcome::Unanswered)
        .map(|i| i.score())
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

fn answered(s: &SessionRecord) -> usize {
    s.answered()
}

fn when(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// The table of `grill history`: number, date, bank, questions, score, status, id.
pub fn list(
    sessions: &[SessionRecord],
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> Result<()> {
    if sessions.is_empty() {
        writeln!(
            out,
            "No sessions saved yet. Start a mock interview with `grill` (or `grill start`); every session is kept here."
        )?;
        return Ok(());
    }
    let num_w = sessions.len().to_string().len().max(1);
    let q_w = sessions
        .iter()
        .map(|s| asked(s).len())
        .chain([9])
        .max()
        .unwrap_or(9);
    // Everything but the bank and id columns; when there is no room left for 8 columns of
    // bank name, each session takes two lines instead.
    let fixed = num_w + 2 + 16 + 2 + 2 + q_w + 2 + 5 + 2 + "interrupted".len();
    if width < fixed + 8 {
        stacked(sessions, theme, width, tz, out)?;
    } else {
        table(sessions, theme, width, tz, out)?;
    }
    let footer = format!(
        "{} session{}. Replay one with `grill history show N`; readiness across them with `grill report`.",
        sessions.len(),
        plural(sessions.len())
    );
    for line in output::wrap(&footer, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}

/// The one-line-per-session table, for terminals wide enough for every column and a bank name
/// of at least 8 columns.
fn table(
    sessions: &[SessionRecord],
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> Result<()> {
    let num_w = sessions.len().to_string().len().max(1);
    let id_w = sessions
        .iter()
        .map(|s| output::width(&s.id))
        .max()
        .unwrap_or(2);
    let q_w = sessions
        .iter()
        .map(|s| asked(s).len())
        .chain([9])
        .max()
        .unwrap_or(9);
    let status_w = "interrupted".len();
    let bank_full = sessions
        .iter()
        .map(|s| output::width(&s.bank.title))
        .max()
        .unwrap_or(4)
        .max(4);
    let fixed = num_w + 2 + 16 + 2 + 2 + q_w + 2 + 5 + 2 + status_w;
    let show_id = width >= fixed + bank_full.min(16) + 2 + id_w;
    let room = width.saturating_sub(fixed + if show_id { 2 + id_w } else { 0 });
    let bank_w = bank_full.min(room.max(8));
    let id_head = if show_id { "  ID" } else { "" };
    writeln!(
        out,
        "{}",
        theme
            .bold(&format!(
                "{:>num_w$}  {}  {}  {:>q_w$}  {:>5}  {}{id_head}",
                "#",
                output::pad("DATE", 16),
                output::pad("BANK", bank_w),
                "QUESTIONS",
                "SCORE",
                output::pad("STATUS", status_w)
            ))
            .trim_end()
    )?;
    for (i, s) in sessions.iter().enumerate() {
        let score = session_score(s);
        let status = output::pad(status_label(s.status), status_w);
        let status = match s.status {
            SessionStatus::Complete => status,
            _ => theme.warn(&status),
        };
        let id = if show_id {
            format!("  {}", theme.dim(&output::visible(&s.id)))
        } else {
            String::new()
        };
        let line = format!(
            "{:>num_w$}  {}  {}  {:>q_w$}  {}  {}{id}",
            i + 1,
            when(s.started_at, tz),
            output::pad(&output::truncate(&s.bank.title, bank_w), bank_w),
            asked(s),
            match score {
                Some(v) => theme.score(v, &format!("{:>5}", whole(v))),
                None => format!("{:>5}", "–"),
            },
            status,
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Two lines per session, for narrow terminals: number, date and status, then the bank,
/// questions answered and score, broken between parts.
fn stacked(
    sessions: &[SessionRecord],
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> Result<()> {
    let num_w = sessions.len().to_string().len().max(1);
    let indent = " ".repeat(num_w + 2);
    for (i, s) in sessions.iter().enumerate() {
        let status = match s.status {
            SessionStatus::Complete => status_label(s.status).to_string(),
            _ => theme.warn(status_label(s.status)),
        };
        writeln!(
            out,
            "{}",
            theme.bold(&format!("{:>num_w$}  {}", i + 1, when(s.started_at, tz))) + "  " + &status
        )?;
        let score =
            session_score(s).map_or("no score".to_string(), |v| format!("score {}", whole(v)));
        let room = width.saturating_sub(indent.len());
        let facts = [
            output::truncate(&s.bank.title, room),
            format!("{} answered, {score}", asked(s)),
        ];
        let mut lines = join_wrapped(&facts, " · ", room);
        // The score is coloured once the line is laid out by its plain width.
        if let (Some(v), Some(last)) = (session_score(s), lines.last_mut()) {
            *last = last.replace(&score, &theme.score(v, &score));
        }
        for line in lines {
            writeln!(out, "{indent}{line}")?;
        }
    }
    Ok(())
}

/// Questions answered of those drawn, as `3/4`.
fn asked(s: &SessionRecord) -> String {
    format!("{}/{}", answered(s), s.items.len())
}

/// Joins `parts` with `sep` into lines of at most `width` columns, breaking only between parts
/// (so a separator never starts a line).
fn join_wrapped(parts: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        if !line.is_empty()
            && output::width(&line) + output::width(sep) + output::width(part) > width
        {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(part);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Milliseconds in the one duration format of every view (`45s`, `3m`, `2m30s`, `1h05m`).
fn duration(ms: u64) -> String {
    durations::human(std::time::Duration::from_millis(ms))
}

fn outcome_text(item: &ItemRecord) -> String {
    let d = duration(item.time_used_ms);
    match item.outcome {
        Outcome::Answered if item.skipped() => format!("skipped (empty answer) after {d}"),
        Outcome::Answered => format!("answered in {d}"),
        Outcome::TimedOut => format!("timed out after {d}"),
        Outcome::Cut => format!("cut short when the session ended, after {d}"),
        Outcome::Unanswered => "not answered".to_string(),
    }
}

/// Replays one session: each question, the answer given, its score and the per-bullet evidence,
/// then the question's notes.
pub fn show(
    s: &SessionRecord,
    number: Option<usize>,
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> Result<()> {
    let width = width.max(40);
    let title = match number {
        Some(n) => format!("Session {n}: {}", output::visible(&s.id)),
        None => format!("Session {}", output::visible(&s.id)),
    };
    writeln!(out, "{}", theme.bold(&title))?;
    let mut facts = vec![
        format!(
            "{} to {}",
            when(s.started_at, tz),
            s.ended_at.to_zoned(tz.clone()).strftime("%H:%M")
        ),
        output::visible(&s.bank.title).into_owned(),
        status_label(s.status).to_string(),
        format!("seed {}", s.seed),
        format!("{} a question", duration(s.settings.time_limit_secs * 1000)),
    ];
    if s.kind == crate::history::record::SessionKind::Study {
        // A study session has no seed and no clock.
        facts.truncate(facts.len() - 2);
        facts.push("study (untimed)".to_string());
    }
    if let Some(total) = s.settings.total_limit_secs {
        facts.push(format!("{} in all", duration(total * 1000)));
    }
    if let Some(r) = &s.settings.retry_of {
        facts.push(format!("retry of {}", output::visible(r)));
    }
    for line in join_wrapped(&facts, " · ", width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    let score = session_score(s);
    writeln!(
        out,
        "{} of {} question{} answered; score {}",
        answered(s),
        s.items.len(),
        plural(s.items.len()),
        score.map_or_else(|| "–".to_string(), whole)
    )?;
    for (i, item) in s.items.iter().enumerate() {
        writeln!(out)?;
        let head = format!(
            "{}/{}  Q{} ({})",
            i + 1,
            s.items.len(),
            item.question_id,
            output::visible(&item.chapter)
        );
        let tail = if item.outcome == Outcome::Unanswered || item.skipped() {
            format!("  {}", outcome_text(item))
        } else {
            format!("  score {} · {}", whole(item.score()), outcome_text(item))
        };
        if output::width(&head) + output::width(&tail) <= width {
            writeln!(
                out,
                "{}{}",
                theme.bold(&head),
                theme.score(item.score(), &tail)
            )?;
        } else {
            // Too long for one line: the outcome goes under the question number.
            writeln!(out, "{}", theme.bold(&head))?;
            for line in output::wrap(tail.trim_start(), width.saturating_sub(2)) {
                writeln!(out, "  {}", theme.score(item.score(), &line))?;
            }
        }
        for line in output::wrap(&item.prompt, width) {
            writeln!(out, "{}", theme.code_spans(&line))?;
        }
        if item.outcome == Outcome::Unanswered {
            continue;
        }
        writeln!(out, "  {}", theme.dim("Answer:"))?;
        if item.answer.trim().is_empty() {
            writeln!(out, "    {}", theme.dim("(empty)"))?;
        }
        // Blank lines inside the answer are kept: they separate its paragraphs.
        for para in item.answer.trim().lines() {
            if para.trim().is_empty() {
                writeln!(out)?;
                continue;
            }
            for line in output::wrap(para, width.saturating_sub(4)) {
                writeln!(out, "    {line}")?;
            }
        }
        for b in &item.assessment.bullets {
            let (mark, paint): (&str, fn(&Theme, &str) -> String) = match b.status() {
                Status::Covered => ("✓", Theme::good),
                Status::Partly => ("~", Theme::warn),
                Status::Missed => ("✗", Theme::bad),
            };
            let head = format!("  {mark} {:>3.0}%  ", b.coverage * 100.0);
            let indent = output::width(&head);
            for (j, line) in output::wrap(&b.bullet, width.saturating_sub(indent))
                .iter()
                .enumerate()
            {
                let lead = if j == 0 {
                    paint(&theme, &head)
                } else {
                    " ".repeat(indent)
                };
                writeln!(out, "{lead}{}", theme.code_spans(line))?;
            }
            let mut evidence = Vec::new();
            if !b.matched.is_empty() {
                let found: Vec<String> = b.matched.iter().map(output::describe_match).collect();
                evidence.push(format!("matched: {}", found.join(", ")));
            }
            if !b.missed.is_empty() {
                evidence.push(format!("missing: {}", b.missed.join(", ")));
            }
            for e in evidence {
                for line in output::wrap(&e, width.saturating_sub(indent)) {
                    writeln!(out, "{}{}", " ".repeat(indent), theme.dim(&line))?;
                }
            }
        }
        if !item.notes.is_empty() {
            writeln!(out, "  {}", theme.dim(&format!("{NOTES_HEADING}:")))?;
            for note in &item.notes {
                for (j, line) in output::wrap(note, width.saturating_sub(6))
                    .iter()
                    .enumerate()
                {
                    let lead = if j == 0 { "    - " } else { "      " };
                    writeln!(out, "{lead}{}", theme.code_spans(line))?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_json_is_refused_with_a_hint() {
        let e = parse_import("{\"name\": \"left-pad\"}", "f.json").unwrap_err();
        assert!(
            e.to_string().contains("f.json: not a grill history export"),
            "{e}"
        );
        assert_eq!(e.exit(), Exit::BadInput);
        let e = parse_import("{\n  \"kind\": \"grill-history\",\n  oops", "f.json").unwrap_err();
        assert!(e.to_string().starts_with("f.json:3:"), "{e}");
        assert!(e.to_string().contains("corrupt JSON"), "{e}");
    }

    #[test]
    fn newer_exports_and_unsafe_ids_are_refused() {
        let e = parse_import(
            "{\"format\": 9, \"kind\": \"grill-history\", \"sessions\": []}",
            "f",
        )
        .unwrap_err();
        assert!(e.to_string().contains("newer grill"), "{e}");
        let doc = export(vec![], jiff::Timestamp::UNIX_EPOCH).unwrap();
        assert!(parse_import(&doc, "f").unwrap().is_empty());
    }

    #[test]
    fn facts_break_between_parts() {
        let parts: Vec<String> = ["2026-11-12 08:00 to 08:30", "Fixture bank", "time up"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            join_wrapped(&parts, " · ", 40),
            ["2026-11-12 08:00 to 08:30 · Fixture bank", "time up"]
        );
    }

    fn session_with_answers(answers: &[(&str, Outcome)]) -> SessionRecord {
        let bank = crate::bank::Bank::embedded();
        let scorer = crate::scoring::Scorer::for_bank(&bank);
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.id = "20261124-063512-7f3a".into();
        r.status = SessionStatus::Complete;
        r.items = bank
            .questions()
            .zip(answers)
            .map(|(l, &(answer, outcome))| ItemRecord {
                question_id: l.question.id,
                chapter: l.chapter.id.clone(),
                prompt: l.question.prompt.clone(),
                answer: answer.into(),
                outcome,
                time_used_ms: 3_000,
                assessment: scorer.score(Some(&l.question.prompt), &l.question.bullets, answer),
                notes: l.question.notes.clone(),
                rating: None,
            })
            .collect();
        r
    }

    fn shown(s: &SessionRecord) -> String {
        let mut buf = Vec::new();
        show(
            s,
            Some(1),
            Theme::plain(),
            80,
            &jiff::tz::TimeZone::UTC,
            &mut buf,
        )
        .unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn show_keeps_blank_lines_inside_an_answer_and_marks_skipped_ones() {
        let s = session_with_answers(&[
            ("para one\n\npara two", Outcome::Answered),
            ("", Outcome::Answered),
        ]);
        let out = shown(&s);
        assert!(
            out.contains("  Answer:\n    para one\n\n    para two\n"),
            "{out}"
        );
        assert!(out.contains("skipped (empty answer) after 3s"), "{out}");
        assert!(!out.contains("score 0 · skipped"), "{out}");
    }

    #[test]
    fn show_lists_notes_after_the_reference_and_records_keep_them() {
        let mut s =
            session_with_answers(&[("a pass", Outcome::Answered), ("b", Outcome::Answered)]);
        s.items[0].notes = vec![
            "First note with `code`.".into(),
            "A second note long enough to wrap at eighty columns, so its next line is indented \
             under the text."
                .into(),
        ];
        let out = shown(&s);
        let (first, second) = out.split_once("\n2/2").unwrap();
        assert!(
            first.ends_with(
                "\n  Also worth knowing:\n    - First note with `code`.\n    - A second note long enough \
                 to wrap at eighty columns, so its next line is\n      indented under the text.\n"
            ),
            "{out}"
        );
        assert!(!second.contains("Also worth knowing"), "{out}");
        // Saved with the session, and absent from the file when there are none.
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text.matches("\"notes\"").count(), 1, "{text}");
        assert_eq!(history::parse_record(&text).unwrap(), s);
    }

    #[test]
    fn list_without_a_width_limit_prints_every_column() {
        let s = session_with_answers(&[("a", Outcome::Answered)]);
        let mut buf = Vec::new();
        let tz = jiff::tz::TimeZone::UTC;
        list(
            std::slice::from_ref(&s),
            Theme::plain(),
            usize::MAX,
            &tz,
            &mut buf,
        )
        .unwrap();
        let out = String::from_utf8(buf).unwrap();
        assert!(out.lines().next().unwrap().ends_with("  ID"), "{out}");
        assert!(out.contains("  20261124-063512-7f3a"), "{out}");
        // Narrow, the id goes (the number still selects a session).
        let mut buf = Vec::new();
        list(&[s], Theme::plain(), 60, &tz, &mut buf).unwrap();
        assert!(!String::from_utf8(buf).unwrap().contains("7f3a"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(5_400), "5s");
        assert_eq!(duration(95_000), "1m35s");
        assert_eq!(duration(180_000), "3m");
    }
}
