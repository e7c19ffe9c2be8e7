//! The replay of one session (`grill history show`): each question, the answer given, its
//! score and the per-bullet evidence, then the question's notes.

use std::io::{self, Write};

use super::{answered, duration, join_wrapped, session_score, status_label, when};
use crate::bank::NOTES_HEADING;
use crate::history::record::{ItemRecord, Outcome, SessionKind, SessionRecord};
use crate::output::{self, Theme};
use crate::readiness::whole;
use crate::scoring::{BulletAssessment, Status};
use crate::view::evidence::{self, Form};
use crate::words::plural;

/// One session to replay, with its number in the list when it has one.
pub struct Replay<'a> {
    /// The saved session.
    pub session: &'a SessionRecord,
    /// Its number in `grill history`, shown in the title.
    pub number: Option<usize>,
    /// Where the times are read.
    pub tz: &'a jiff::tz::TimeZone,
}

/// Replays one session; at least 40 columns wide.
pub fn render(model: &Replay, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let width = width.max(40);
    let s = model.session;
    heading(model, theme, width, out)?;
    for (i, item) in s.items.iter().enumerate() {
        writeln!(out)?;
        question(i, s.drawn(), item, theme, width, out)?;
        if item.outcome == Outcome::Unanswered {
            continue;
        }
        answer(item, theme, width, out)?;
        for l in crate::view::evidence::notes(&item.assessment, width.saturating_sub(2)) {
            writeln!(out, "  {}", theme.warn(&l))?;
        }
        for b in &item.assessment.bullets {
            bullet(b, theme, width, out)?;
        }
        notes(item, theme, width, out)?;
    }
    Ok(())
}

/// The title, the facts of the session (times, bank, status, limits) and its score.
fn heading(model: &Replay, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (s, tz) = (model.session, model.tz);
    let title = match model.number {
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
    if s.kind == SessionKind::Study {
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
        s.drawn(),
        plural(s.drawn()),
        score.map_or_else(|| "–".to_string(), whole)
    )
}

/// "2/4  Q9 (data)" with the score and outcome beside it (or under it when too long), then
/// the prompt.
fn question(
    i: usize,
    count: usize,
    item: &ItemRecord,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let head = format!(
        "{}/{}  Q{} ({})",
        i + 1,
        count,
        item.question_id,
        output::visible(&item.chapter)
    );
    let mut tail = if item.outcome == Outcome::Unanswered || item.skipped() {
        format!("  {}", outcome_text(item))
    } else {
        format!("  score {} · {}", whole(item.score()), outcome_text(item))
    };
    // The candidate's own rating, which scheduling and readiness use instead of the score.
    if let Some(r) = item.rating {
        tail.push_str(&format!(" · rated {}", r.name()));
    }
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
    Ok(())
}

/// The answer as given, indented; blank lines inside it are kept (they separate paragraphs).
/// A spoken answer says so, with what the transcription gave when it was corrected.
fn answer(item: &ItemRecord, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let label = match &item.spoken {
        Some(s) => format!("Answer (spoken, {}):", duration(s.audio_ms)),
        None => "Answer:".to_string(),
    };
    writeln!(out, "  {}", theme.dim(&label))?;
    if item.answer.trim().is_empty() {
        writeln!(out, "    {}", theme.dim("(empty)"))?;
    }
    for para in item.answer.trim().lines() {
        if para.trim().is_empty() {
            writeln!(out)?;
            continue;
        }
        for line in output::wrap(para, width.saturating_sub(4)) {
            writeln!(out, "    {line}")?;
        }
    }
    if let Some(heard) = item.spoken.as_ref().and_then(|s| s.transcript.as_deref()) {
        let heard = format!("as heard, before correcting: {heard}");
        for line in output::wrap(&heard, width.saturating_sub(4)) {
            writeln!(out, "    {}", theme.dim(&line))?;
        }
    }
    Ok(())
}

/// One reference bullet with its mark and coverage, then what matched and what is missing.
fn bullet(b: &BulletAssessment, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
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
    for e in evidence::lines(b, Form::Quoted, true) {
        for line in output::wrap(&e, width.saturating_sub(indent)) {
            writeln!(out, "{}{}", " ".repeat(indent), theme.dim(&line))?;
        }
    }
    Ok(())
}

/// The question's notes as a list, after the reference.
fn notes(item: &ItemRecord, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if item.notes.is_empty() {
        return Ok(());
    }
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
    Ok(())
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
