//! The table of `grill history`: one line per session when the terminal is wide enough, two
//! when it is narrow.

use std::io::{self, Write};

use super::{join_wrapped, status_label, when};
use crate::history::Summary;
use crate::history::record::SessionStatus;
use crate::output::{self, Theme};
use crate::readiness::whole;
use crate::words::plural;

/// The sessions to list, oldest first, and the time zone their dates are shown in.
pub struct Listing<'a> {
    /// The saved sessions, numbered from 1 in this order.
    pub sessions: &'a [Summary],
    /// Where the dates are read.
    pub tz: &'a jiff::tz::TimeZone,
}

/// The table of `grill history`: number, date, bank, questions, score, status, id.
pub fn render(model: &Listing, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (sessions, tz) = (model.sessions, model.tz);
    if sessions.is_empty() {
        let hint = "No sessions saved yet. Start a mock interview with `grill` (or `grill start`); \
                    every session is kept here.";
        for line in output::wrap(hint, width) {
            writeln!(out, "{line}")?;
        }
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
    sessions: &[Summary],
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> io::Result<()> {
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
        .map(|s| output::width(&s.bank))
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
        let score = s.score;
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
            output::pad(&output::truncate(&s.bank, bank_w), bank_w),
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
    sessions: &[Summary],
    theme: Theme,
    width: usize,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> io::Result<()> {
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
        let score = s
            .score
            .map_or("no score".to_string(), |v| format!("score {}", whole(v)));
        let room = width.saturating_sub(indent.len());
        let facts = [
            output::truncate(&s.bank, room),
            format!("{} answered, {score}", asked(s)),
        ];
        let mut lines = join_wrapped(&facts, " · ", room);
        // The score is coloured once the line is laid out by its plain width.
        if let (Some(v), Some(last)) = (s.score, lines.last_mut()) {
            *last = last.replace(&score, &theme.score(v, &score));
        }
        for line in lines {
            writeln!(out, "{indent}{line}")?;
        }
    }
    Ok(())
}

/// Questions answered of those drawn, as `3/4`.
fn asked(s: &Summary) -> String {
    format!("{}/{}", s.answered, s.questions)
}
