//! `grill history`: list, replay, export and import saved sessions.
//!
//! The listing and the replay are rendered by pure functions (sessions in, text out) so tests
//! need no store; export and import use one JSON document with a format version, so a history
//! can move between machines and a newer grill's export is recognised rather than misread.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cli::{HistoryArgs, HistoryCommand};
use crate::error::{Error, Exit, Result};
use crate::history::record::{ItemRecord, Outcome, RECORD_FORMAT, SessionRecord, SessionStatus};
use crate::history::{self, Store};
use crate::output::{self, Theme};
use crate::report::model::{plural, whole};
use crate::scoring::{MatchKind, Status};

use super::Context;

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
pub fn run(ctx: &Context, args: &HistoryArgs, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    let tz = jiff::tz::TimeZone::system();
    match &args.command {
        None | Some(HistoryCommand::List) => {
            let sessions = load(ctx)?;
            list(&sessions, theme, list_width(), &tz, out)?;
        }
        Some(HistoryCommand::Show { id }) => {
            let sessions = load(ctx)?;
            let s = history::find(&sessions, id)?;
            let number = sessions.iter().position(|x| x.id == s.id).map(|i| i + 1);
            show(s, number, theme, output::stdout_width(), &tz, out)?;
        }
        Some(HistoryCommand::Export) => {
            let sessions = load(ctx)?;
            let n = sessions.len();
            out.write_all(export(sessions, jiff::Timestamp::now()).as_bytes())?;
            eprintln!(
                "{}",
                ctx.stderr_theme()
                    .dim(&format!("exported {n} session{}", plural(n)))
            );
        }
        Some(HistoryCommand::Import { file }) => {
            let text = crate::error::read_text_file(file, "a history export")?;
            let name = if file == Path::new("-") {
                "<stdin>".to_string()
            } else {
                file.display().to_string()
            };
            let sessions = parse_import(&text, &name)?;
            let store = Store::open_default()?;
            let (added, skipped) = store.import(&sessions)?;
            writeln!(
                out,
                "Imported {added} session{} from {name}; {skipped} already in the history {} skipped.",
                plural(added),
                if skipped == 1 { "was" } else { "were" }
            )?;
        }
    }
    Ok(Exit::Ok)
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
        eprintln!(
            "{} {p} (skipped; fix or move the file, grill never changes it)",
            theme.warn("warning:")
        );
    }
    Ok(loaded.sessions)
}

/// The export document for `sessions`, pretty-printed, ending in a newline.
pub fn export(sessions: Vec<SessionRecord>, now: jiff::Timestamp) -> String {
    let doc = Export {
        format: EXPORT_FORMAT,
        kind: EXPORT_KIND.to_string(),
        exported_at: Some(now),
        sessions,
    };
    // Session records always serialize (strings, numbers, lists); the fallback keeps it a panic-free path.
    let mut s = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    s.push('\n');
    s
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
    s.items
        .iter()
        .filter(|i| i.outcome != Outcome::Unanswered)
        .count()
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
    let id_w = sessions
        .iter()
        .map(|s| output::width(&s.id))
        .max()
        .unwrap_or(2);
    let asked = |s: &SessionRecord| format!("{}/{}", answered(s), s.items.len());
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
    // Everything but the bank and id columns. The id goes when the terminal is too narrow for
    // it and a readable bank name: `history show` takes the number too.
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
            format!("  {}", theme.dim(&s.id))
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
                Some(v) => theme.score(v, &format!("{v:>5.1}")),
                None => format!("{:>5}", "–"),
            },
            status,
        );
        writeln!(out, "{}", line.trim_end())?;
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

fn duration(ms: u64) -> String {
    let secs = ms / 1000;
    if secs >= 60 {
        format!("{}m{:02}s", secs / 60, secs % 60)
    } else {
        format!("{secs}s")
    }
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

/// Replays one session: each question, the answer given, its score and the per-bullet evidence.
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
        Some(n) => format!("Session {n}: {}", s.id),
        None => format!("Session {}", s.id),
    };
    writeln!(out, "{}", theme.bold(&title))?;
    let mut facts = vec![
        format!(
            "{} to {}",
            when(s.started_at, tz),
            s.ended_at.to_zoned(tz.clone()).strftime("%H:%M")
        ),
        s.bank.title.clone(),
        status_label(s.status).to_string(),
        format!("seed {}", s.seed),
        format!("{} a question", duration(s.settings.time_limit_secs * 1000)),
    ];
    if let Some(total) = s.settings.total_limit_secs {
        facts.push(format!("{} in all", duration(total * 1000)));
    }
    if let Some(r) = &s.settings.retry_of {
        facts.push(format!("retry of {r}"));
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
        score.map_or_else(|| "–".to_string(), |v| format!("{v:.1}"))
    )?;
    for (i, item) in s.items.iter().enumerate() {
        writeln!(out)?;
        let head = format!(
            "{}/{}  Q{} ({})",
            i + 1,
            s.items.len(),
            item.question_id,
            item.chapter
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
                let found: Vec<String> = b
                    .matched
                    .iter()
                    .map(|m| {
                        let how = match m.how {
                            MatchKind::Exact => "",
                            MatchKind::Stem => " (word form)",
                            MatchKind::Synonym => " (synonym)",
                            MatchKind::Fuzzy => " (typo)",
                            MatchKind::Part => " (part of a name)",
                            MatchKind::Choice => " (choice)",
                            MatchKind::Related => " (related sense)",
                        };
                        if m.word.eq_ignore_ascii_case(&m.keyword) {
                            format!("{}{how}", m.keyword)
                        } else {
                            format!("{} ← \"{}\"{how}", m.keyword, m.word)
                        }
                    })
                    .collect();
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
        let doc = export(vec![], jiff::Timestamp::UNIX_EPOCH);
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
        let mut r =
            crate::session::engine::tests::template(&bank, 60, None, crate::cli::Feedback::End);
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
    }
}
