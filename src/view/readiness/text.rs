//! The readiness report for the terminal: a table with bars and sparklines, then the bullets most
//! often missed, the weakest questions, where your ratings and grill's scores disagree, what to
//! practise next and how many questions fall due on each of the next days.
//!
//! Writes to any `Write` and does no other I/O; width and colour come from the caller, so tests
//! render it plain at a fixed width.

use std::io::{self, Write};

use crate::output::{self, Theme};
use crate::readiness::{
    ChapterReadiness, PracticeQuestion, Readiness, Verdict, verdict_with_basis, whole,
};
use crate::view::spark::sparkline;
use crate::words::plural;

/// Sparkline points shown per chapter.
const TREND_POINTS: usize = 8;
/// The widest bar drawn, and the narrowest worth drawing (narrower terminals get none).
const BAR_MAX: usize = 30;
const BAR_MIN: usize = 6;
/// The fewest columns a prompt is cut to beside its figures (weakest questions, what to
/// practise); with less room it goes on the lines below.
const PROMPT_MIN: usize = 16;

/// Colours `text` by verdict.
pub fn paint_verdict(theme: Theme, verdict: Verdict, text: &str) -> String {
    match verdict {
        Verdict::Ready => theme.good(text),
        Verdict::Close => theme.warn(text),
        Verdict::NotYet => theme.bad(text),
        Verdict::NotEnoughData => theme.dim(text),
    }
}

/// A score as a whole number (halves up, as everywhere), or a dash when there is none.
fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), whole)
}

/// The first line: which sessions the report covers.
pub fn span_line(r: &Readiness) -> String {
    let s = &r.sessions;
    let mut line = format!("{} session{}", s.used, plural(s.used));
    match (&s.first, &s.last) {
        (Some(a), Some(b)) if a == b => line.push_str(&format!(" on {a}")),
        (Some(a), Some(b)) => line.push_str(&format!(", {a} to {b}")),
        _ => {}
    }
    if s.filtered_out > 0 {
        line.push_str(&format!(
            "; {} older left out by --last/--since",
            s.filtered_out
        ));
    }
    if s.other_banks > 0 {
        line.push_str(&if s.other_banks == 1 {
            "; 1 session of another bank not included".to_string()
        } else {
            format!("; {} sessions of other banks not included", s.other_banks)
        });
    }
    if r.left_out_answers > 0 {
        line.push_str(&format!(
            "; {} answer{} to questions no longer in the bank left out",
            r.left_out_answers,
            plural(r.left_out_answers)
        ));
    }
    line
}

/// Renders the report for a terminal `width` columns wide.
pub fn render(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let width = width.max(40);
    for line in output::wrap(&format!("Readiness: {}", r.bank), width) {
        writeln!(out, "{}", theme.bold(&line))?;
    }
    if let Some(empty) = r.empty {
        for line in output::wrap(&empty.message(&r.sessions, &r.bank), width) {
            writeln!(out, "{line}")?;
        }
        return Ok(());
    }
    for line in output::wrap(&span_line(r), width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    writeln!(out)?;
    table(r, theme, width, out)?;
    writeln!(out)?;
    for line in output::wrap(&format!("Rule: {}.", r.rule), width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    missed(r, theme, width, out)?;
    weakest(r, theme, width, out)?;
    disagreements(r, theme, width, out)?;
    practise(r, theme, width, out)?;
    forecast(r, theme, width, out)
}

/// The forecast in words, for every form: how many questions fall due today (the overdue
/// ones too) and in the whole forecast.
pub fn forecast_line(r: &Readiness) -> String {
    let days = r.forecast.len();
    let total: usize = r.forecast.iter().map(|d| d.due).sum();
    if total == 0 {
        return format!("Nothing falls due in the next {days} days.");
    }
    let today = r.forecast.first().map_or(0, |d| d.due);
    format!("{today} due today (overdue included), {total} in the next {days} days.")
}

/// How many questions fall due on each of the next days, as `grill schedule` draws it.
fn forecast(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if r.forecast.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let head = format!("Due in the next {} days", r.forecast.len());
    for line in output::wrap(&head, width) {
        writeln!(out, "{}", theme.bold(&line))?;
    }
    for line in output::wrap(&forecast_line(r), width.saturating_sub(2)) {
        writeln!(out, "  {line}")?;
    }
    if r.forecast.iter().any(|d| d.due > 0) {
        crate::view::schedule::forecast_bars(&r.forecast, theme, width, out)?;
    }
    Ok(())
}

/// Where the candidate's rating and grill's score disagree most.
fn disagreements(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if r.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    for line in output::wrap("Your rating and grill's score disagree most", width) {
        writeln!(out, "{}", theme.bold(&line))?;
    }
    for d in &r.disagreements {
        let repeated = r.disagreements.iter().filter(|o| o.id == d.id).count() > 1;
        let line = disagreement(d, repeated);
        for (i, l) in output::wrap(&line, width.saturating_sub(4))
            .iter()
            .enumerate()
        {
            writeln!(
                out,
                "{}{}",
                if i == 0 { "  " } else { "    " },
                theme.code_spans(l)
            )?;
        }
    }
    Ok(())
}

/// One disagreement in words. The same question answered in several sessions (`repeated`)
/// says which session, or the lines read as one repeated (a try-out saw two identical "Q149
/// scored 0 ..." lines).
fn disagreement(d: &crate::readiness::Disagreement, repeated: bool) -> String {
    let when = match session_time(&d.session) {
        Some(t) if repeated => format!(" on {t}"),
        _ if repeated => format!(" in session {}", d.session),
        _ => String::new(),
    };
    format!(
        "Q{}{when} scored {} (grill suggests {}), you rated {}: {}",
        d.id,
        whole(d.score),
        d.suggested,
        d.rating,
        d.prompt
    )
}

/// When a session started, from its id ("20261207-133952-..." is "2026-12-07 13:39"); none
/// for an id of another form (an imported session's).
fn session_time(id: &str) -> Option<String> {
    let b = id.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    (digits(0..8) && b.get(8) == Some(&b'-') && digits(9..13)).then(|| {
        format!(
            "{}-{}-{} {}:{}",
            &id[0..4],
            &id[4..6],
            &id[6..8],
            &id[9..11],
            &id[11..13]
        )
    })
}

/// The columns of the chapter table that fit a width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout {
    /// The chapter number column.
    number: bool,
    /// Columns for the chapter id (longer ids are cut with "…").
    id_w: usize,
    /// Columns for the bar; 0 for none.
    bar_w: usize,
    /// Columns for the trend sparkline; 0 for none.
    trend_w: usize,
    /// "too few" instead of "not enough data", and no "(3 of 20 seen)" after a verdict.
    short_verdict: bool,
    /// Columns for the long verdicts (at least "not enough data").
    verdict_w: usize,
}

impl Layout {
    /// The widest row.
    fn width(&self, seen_w: usize) -> usize {
        let verdict = if self.short_verdict {
            7
        } else {
            self.verdict_w
        };
        (if self.number { 4 } else { 0 })
            + self.id_w
            + 2
            + seen_w
            + 2
            + 5
            + if self.bar_w > 0 { 2 + self.bar_w } else { 0 }
            + if self.trend_w > 0 {
                2 + self.trend_w
            } else {
                0
            }
            + 2
            + verdict
    }

    /// Everything when it fits; in a narrower terminal the bar goes first, then the trend,
    /// then the verdicts get short words, then long chapter ids are cut, then the number goes.
    fn fit(width: usize, id_w: usize, seen_w: usize, trend_w: usize, verdict_w: usize) -> Layout {
        let mut l = Layout {
            number: true,
            id_w,
            bar_w: 0,
            trend_w,
            short_verdict: false,
            verdict_w: verdict_w.max("not enough data".len()),
        };
        let room = width.saturating_sub(l.width(seen_w) + 2);
        if room >= BAR_MIN {
            l.bar_w = room.min(BAR_MAX);
            return l;
        }
        if l.width(seen_w) <= width {
            return l;
        }
        l.trend_w = 0;
        if l.width(seen_w) <= width {
            return l;
        }
        l.short_verdict = true;
        if l.width(seen_w) <= width {
            return l;
        }
        let over = l.width(seen_w) - width;
        l.id_w = id_w.saturating_sub(over).max(ID_MIN.min(id_w));
        if l.width(seen_w) <= width {
            return l;
        }
        l.number = false;
        l
    }

    fn verdict(&self, v: Verdict) -> &'static str {
        if self.short_verdict {
            v.short_label()
        } else {
            v.label()
        }
    }
}

/// A chapter's verdict, with how much of the chapter it rests on (`ready (3 of 20 seen)`) when
/// that is less than half, unless the terminal is narrow (the SEEN column says it too).
fn verdict_cell(l: &Layout, c: &ChapterReadiness) -> String {
    if l.short_verdict {
        l.verdict(c.verdict).to_string()
    } else {
        verdict_with_basis(c.verdict, c.seen, c.questions)
    }
}

/// The narrowest a chapter id is cut to.
const ID_MIN: usize = 10;

/// The table's columns fitted to `width`, from the widest cell of each.
fn table_layout(r: &Readiness, width: usize) -> (Layout, usize) {
    let id_w = r
        .chapters
        .iter()
        .map(|c| output::width(&c.id))
        .chain([7])
        .max()
        .unwrap_or(7);
    let seen_of = |seen: usize, total: usize| format!("{seen}/{total}");
    let seen_w = r
        .chapters
        .iter()
        .map(|c| seen_of(c.seen, c.questions).len())
        .chain([seen_of(r.overall.seen, r.overall.questions).len(), 4])
        .max()
        .unwrap_or(4);
    let trend_w = r
        .chapters
        .iter()
        .map(|c| c.trend.len().min(TREND_POINTS))
        .chain([5])
        .max()
        .unwrap_or(5);
    let verdict_w = r
        .chapters
        .iter()
        .map(|c| verdict_with_basis(c.verdict, c.seen, c.questions).len())
        .max()
        .unwrap_or(0);
    (Layout::fit(width, id_w, seen_w, trend_w, verdict_w), seen_w)
}

fn table(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (l, seen_w) = table_layout(r, width);
    let seen_of = |seen: usize, total: usize| format!("{seen}/{total}");
    let id_w = l.id_w;
    let bar_w = l.bar_w;
    let opt_col = |s: String, on: bool| {
        if on { format!("  {s}") } else { String::new() }
    };
    let number = |n: &str| {
        if l.number {
            format!("{n:>2}  ")
        } else {
            String::new()
        }
    };
    let id = |s: &str| output::pad(&output::truncate(s, id_w), id_w);
    writeln!(
        out,
        "{}",
        theme
            .bold(&format!(
                "{}{}  {:>seen_w$}  {:>5}{}{}  VERDICT",
                number("#"),
                output::pad("CHAPTER", id_w),
                "SEEN",
                "SCORE",
                opt_col(" ".repeat(bar_w), bar_w > 0),
                opt_col(output::pad("TREND", l.trend_w), l.trend_w > 0),
            ))
            .trim_end()
    )?;
    for c in &r.chapters {
        let trend: Vec<f64> = c.trend.iter().map(|p| p.mean).collect();
        let bar = output::bar(c.mean.unwrap_or(0.0) / 100.0, bar_w);
        writeln!(
            out,
            "{}{}  {:>seen_w$}  {:>5}{}{}  {}",
            number(&c.number.to_string()),
            id(&c.id),
            seen_of(c.seen, c.questions),
            score(c.mean),
            opt_col(paint_verdict(theme, c.verdict, &bar), bar_w > 0),
            opt_col(
                output::pad(&sparkline(&trend, TREND_POINTS), l.trend_w),
                l.trend_w > 0
            ),
            paint_verdict(theme, c.verdict, &verdict_cell(&l, c)),
        )?;
    }
    let o = &r.overall;
    let bar = output::bar(o.mean.unwrap_or(0.0) / 100.0, bar_w);
    writeln!(
        out,
        "{}",
        theme.bold(&format!(
            "{}{}  {:>seen_w$}  {:>5}{}{}  {}",
            number(""),
            id("overall"),
            seen_of(o.seen, o.questions),
            score(o.mean),
            opt_col(paint_verdict(theme, o.verdict, &bar), bar_w > 0),
            opt_col(" ".repeat(l.trend_w), l.trend_w > 0),
            paint_verdict(theme, o.verdict, l.verdict(o.verdict)),
        ))
    )?;
    table_notes(r, &l, theme, width, out)
}

/// What the table's overall row and short verdicts need said under it.
fn table_notes(
    r: &Readiness,
    l: &Layout,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let o = &r.overall;
    if !o.lacking.is_empty() && r.chapters.len() > 1 {
        let n = r.thresholds.min_questions.max(1);
        let note = format!(
            "Overall needs at least {n} answered question{} in every chapter; short: {}.",
            plural(n),
            o.lacking.join(", ")
        );
        for line in output::wrap(&note, width) {
            writeln!(out, "{}", theme.dim(&line))?;
        }
    }
    // The legend only when a row shows the short word.
    let too_few = std::iter::once(o.verdict)
        .chain(r.chapters.iter().map(|c| c.verdict))
        .any(|v| v == Verdict::NotEnoughData);
    if l.short_verdict && too_few {
        let n = r.thresholds.min_questions.max(1);
        let note = format!(
            "too few: {} (fewer than {n} answered).",
            Verdict::NotEnoughData.label()
        );
        for line in output::wrap(&note, width) {
            writeln!(out, "{}", theme.dim(&line))?;
        }
    }
    Ok(())
}

fn missed(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if r.chapters.iter().all(|c| c.missed.is_empty()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", theme.bold("Bullets most often missed"))?;
    for c in r.chapters.iter().filter(|c| !c.missed.is_empty()) {
        writeln!(out, "  {}", output::visible(&c.id))?;
        for b in &c.missed {
            let head = format!("Q{:<4} {} of {}  ", b.question, b.missed, b.answers);
            let indent = 4 + output::width(&head);
            let lines = output::wrap(&b.bullet, width.saturating_sub(indent));
            for (i, line) in lines.iter().enumerate() {
                if i == 0 {
                    writeln!(out, "    {}{}", theme.dim(&head), theme.code_spans(line))?;
                } else {
                    writeln!(out, "{}{}", " ".repeat(indent), theme.code_spans(line))?;
                }
            }
        }
    }
    Ok(())
}

fn weakest(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if r.weakest.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", theme.bold("Weakest questions"))?;
    let ch_w = r
        .weakest
        .iter()
        .map(|q| output::width(&q.chapter))
        .max()
        .unwrap_or(0);
    let tail_of = |q: &crate::readiness::QuestionStat| {
        format!(
            "  ({} answer{}, last {})",
            q.attempts,
            plural(q.attempts),
            q.last_seen
        )
    };
    let tail_w = r.weakest.iter().map(|q| output::width(&tail_of(q))).max();
    // The prompts in one column, as wide as the widest needs or the room allows, so that
    // the answers and dates line up after them.
    let prompt_w = r
        .weakest
        .iter()
        .map(|q| theme.span_width(&output::visible(&q.prompt)))
        .max()
        .unwrap_or(0);
    for q in &r.weakest {
        let head = format!(
            "  {}  {:>3}  {}  ",
            output::pad(&format!("Q{}", q.id), 4),
            whole(q.latest),
            output::pad(&q.chapter, ch_w)
        );
        let mut tail = tail_of(q);
        let mut tail_room = tail_w.unwrap_or(0);
        // In a narrow terminal the prompt matters more than when it was answered.
        if width < output::width(&head) + tail_room + PROMPT_MIN {
            tail.clear();
            tail_room = 0;
        }
        let room = width.saturating_sub(output::width(&head) + tail_room);
        if room >= PROMPT_MIN {
            let prompt = if tail.is_empty() {
                theme.code_spans_cut(&q.prompt, room)
            } else {
                theme.code_spans_cell(&q.prompt, room.min(prompt_w))
            };
            writeln!(out, "{}{}{}", head, prompt, theme.dim(&tail))?;
        } else {
            // Too narrow for the prompt beside the figures: it goes on the next line.
            writeln!(out, "{}", head.trim_end())?;
            let prompt = theme.code_spans_cut(&q.prompt, width.saturating_sub(4));
            writeln!(out, "    {prompt}")?;
        }
    }
    Ok(())
}

/// Joins `units` with spaces into lines of at most `first` columns (the first line) and `rest`
/// (the others), breaking only between units; a unit wider than a line is cut with "…".
fn fill(units: &[String], first: usize, rest: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for unit in units {
        let cols = if lines.is_empty() { first } else { rest };
        if !line.is_empty() && output::width(&line) + 1 + output::width(unit) > cols {
            lines.push(std::mem::take(&mut line));
        }
        let cols = if lines.is_empty() { first } else { rest };
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&output::truncate(unit, cols));
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn practise(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let p = &r.practice;
    if p.questions.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", theme.bold("What to practise next"))?;
    let due = format!("{} due now, {} new left today", p.due_now, p.new_left);
    for line in output::wrap(&due, width.saturating_sub(2)) {
        writeln!(out, "  {line}")?;
    }
    // Each chapter with its count is one unit, never broken inside ("data (5),"), so a comma
    // never starts a line and an id is never split from its count.
    let last = p.chapters.len().saturating_sub(1);
    let units: Vec<String> = format!(
        "Chapters (of the next {} questions):",
        crate::readiness::PRACTICE_WINDOW
    )
    .split(' ')
    .map(str::to_string)
    .chain(p.chapters.iter().enumerate().map(|(i, c)| {
        let sep = if i < last { "," } else { "" };
        format!("{} ({}){sep}", output::visible(&c.id), c.questions)
    }))
    .collect();
    for (i, l) in fill(&units, width.saturating_sub(2), width.saturating_sub(4))
        .iter()
        .enumerate()
    {
        writeln!(out, "{}{l}", if i == 0 { "  " } else { "    " })?;
    }
    let ch_w = p
        .questions
        .iter()
        .map(|q| output::width(&q.chapter))
        .max()
        .unwrap_or(0);
    let why = |q: &PracticeQuestion, due: bool| match (q.latest, &q.due_in) {
        (Some(s), Some(d)) if due => format!("  latest {}, due {d}", whole(s)),
        (Some(s), _) => format!("  latest {}", whole(s)),
        _ => "  unseen".to_string(),
    };
    let why_w = |due: bool| {
        p.questions
            .iter()
            .map(|q| output::width(&why(q, due)))
            .max()
            .unwrap_or(0)
    };
    let head_w = 2 + 4 + 2 + ch_w + 2;
    // When it is due stays at 70 columns and more; below, the prompts shrink first, and it goes
    // only when they would be left too little room to stay on their rows.
    let due = width >= 70 || width.saturating_sub(head_w + why_w(true)) >= PROMPT_MIN;
    let whys: Vec<String> = p.questions.iter().map(|q| why(q, due)).collect();
    // Prompts get one column, as wide as the longest or what the terminal leaves.
    let room = width.saturating_sub(head_w + why_w(due));
    let prompt_w = p
        .questions
        .iter()
        .map(|q| theme.span_width(&q.prompt))
        .max()
        .unwrap_or(0)
        .min(room);
    for (q, why) in p.questions.iter().zip(&whys) {
        let head = format!(
            "  {}  {}  ",
            output::pad(&format!("Q{}", q.id), 4),
            output::pad(&q.chapter, ch_w)
        );
        if room >= PROMPT_MIN {
            writeln!(
                out,
                "{}{}{}",
                head,
                theme.code_spans_cell(&q.prompt, prompt_w),
                theme.dim(why)
            )?;
        } else {
            // Too narrow for the prompt beside the figures: it goes on the lines below.
            writeln!(out, "{}  {}", head.trim_end(), theme.dim(why.trim()))?;
            for line in output::wrap(&q.prompt, width.saturating_sub(4)) {
                writeln!(out, "    {}", theme.code_spans(&line))?;
            }
        }
    }
    let command = output::visible(&p.command);
    let run = format!("  Practise them with: {command}");
    if output::width(&run) <= width {
        writeln!(out, "  Practise them with: {}", theme.bold(&command))?;
    } else {
        writeln!(out, "  Practise them with:")?;
        writeln!(out, "    {}", theme.bold(&command))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_breaks_only_between_units() {
        let units: Vec<String> = [
            "Chapters:",
            "data-structures (1),",
            "testing (2),",
            "oop (3)",
        ]
        .map(String::from)
        .to_vec();
        let lines = fill(&units, 24, 22);
        assert_eq!(
            lines,
            ["Chapters:", "data-structures (1),", "testing (2), oop (3)"]
        );
        // A unit wider than the line is cut, not split over two lines.
        assert_eq!(fill(&units[1..2], 12, 12), ["data-struct…"]);
    }

    #[test]
    fn a_question_that_disagrees_in_several_sessions_names_each_session() {
        use crate::fsrs::Rating;
        let d = crate::readiness::Disagreement {
            session: "20261207-133952-744e3436bd37".into(),
            id: 149,
            prompt: "p".into(),
            score: 0.0,
            rating: Rating::Easy,
            suggested: Rating::Again,
            gap: 95.0,
        };
        assert_eq!(
            disagreement(&d, false),
            "Q149 scored 0 (grill suggests again), you rated easy: p"
        );
        assert!(disagreement(&d, true).starts_with("Q149 on 2026-12-07 13:39 scored 0"));
        let imported = crate::readiness::Disagreement {
            session: "old-1".into(),
            ..d
        };
        assert!(disagreement(&imported, true).starts_with("Q149 in session old-1 scored"));
        assert_eq!(session_time("2026120-1"), None);
    }
}
