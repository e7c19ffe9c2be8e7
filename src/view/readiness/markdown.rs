//! The readiness report as Markdown, to paste into notes: a table per chapter, the rule, the
//! bullets most often missed, the weakest questions, where your ratings and grill's scores
//! disagree, what to practise next and how many questions fall due on each of the next days.

use std::fmt::Write;

use super::text::{forecast_line, span_line};
use crate::readiness::{PRACTICE_WINDOW, Readiness, verdict_with_basis, whole};
use crate::view::spark::sparkline;
use crate::words::plural;

/// Trend points listed per chapter.
const TREND_POINTS: usize = 6;

// User text (bank titles, prompts, bullets, chapter ids) goes through `text`, `cell` or
// `code`: a report is pasted into notes, wikis and pull requests, where a bank's
// `<img onerror=...>` would run as HTML and `[x](javascript:...)` would be a live link.

/// User text for prose: control characters made visible (`output::visible`), line breaks
/// joined, HTML-significant characters written as entities and Markdown syntax characters
/// escaped (so no link, image, autolink or emphasis comes from it). Code spans written with
/// backticks in the bank stay code spans: their content is shown literally by any renderer.
pub fn text(s: &str) -> String {
    escape(s, false)
}

/// Like [`text`], for a table cell: a pipe would end the cell, so it is escaped too (GFM
/// honours `\|` inside code spans in tables as well).
pub fn cell(s: &str) -> String {
    escape(s, true)
}

/// User text as one code span (a chapter id, a command), whatever backticks it holds.
pub fn code(s: &str) -> String {
    code_span(&one_line(s), false)
}

/// A code span around `s`: the fence is one backtick longer than the longest run inside, and a
/// space keeps a backtick at either end from joining the fence. In a table cell (`pipes`), a
/// pipe is escaped as GFM asks even inside code.
fn code_span(s: &str, pipes: bool) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    let s = if pipes {
        s.replace('|', "\\|")
    } else {
        s.to_string()
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// [`code`] for a table cell.
fn code_cell(s: &str) -> String {
    code_span(&one_line(s), true)
}

fn one_line(s: &str) -> String {
    crate::output::visible(s).replace('\n', " ")
}

fn escape(s: &str, pipes: bool) -> String {
    let s = one_line(s);
    let mut out = String::with_capacity(s.len() + 8);
    let mut rest = s.as_str();
    while let Some(open) = rest.find('`') {
        escape_plain(&rest[..open], pipes, &mut out);
        let after = &rest[open + 1..];
        match after.find('`') {
            // Text between two backticks is a code span, as the bank writes code: written as a
            // span of our own, so its content is shown literally.
            Some(close) if close > 0 => {
                out.push_str(&code_span(&after[..close], pipes));
                rest = &after[close + 1..];
            }
            // A backtick with no partner (or two in a row) is text.
            _ => {
                out.push_str("\\`");
                rest = after;
            }
        }
    }
    escape_plain(rest, pipes, &mut out);
    out
}

/// Text outside code spans: HTML-significant characters as entities (no tag, no autolink) and
/// the punctuation of links and emphasis backslash-escaped (`[x](javascript:...)` is no link).
fn escape_plain(s: &str, pipes: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' if !pipes => out.push('|'),
            '\\' | '[' | ']' | '*' | '_' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
}

fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), whole)
}

/// Renders the report as Markdown.
pub fn render(r: &Readiness, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut md = String::new();
    // Writing to a String cannot fail; `let _` keeps that visible without unwrap.
    let _ = render_into(r, &mut md);
    out.write_all(md.as_bytes())
}

fn render_into(r: &Readiness, md: &mut String) -> std::fmt::Result {
    writeln!(md, "# Readiness: {}", text(&r.bank))?;
    writeln!(md)?;
    if let Some(empty) = r.empty {
        writeln!(md, "{}", text(&empty.message(&r.sessions, &r.bank)))?;
        return Ok(());
    }
    writeln!(md, "{}.", text(&span_line(r)))?;
    writeln!(md)?;
    table(r, md)?;
    missed(r, md)?;
    weakest(r, md)?;
    disagreements(r, md)?;
    practise(r, md)?;
    forecast(r, md)
}

/// The chapter table with the overall row, the rule, and which chapters hold overall back.
fn table(r: &Readiness, md: &mut String) -> std::fmt::Result {
    writeln!(md, "| # | Chapter | Seen | Score | Trend | Verdict |")?;
    writeln!(md, "|--:|---|--:|--:|---|---|")?;
    for c in &r.chapters {
        let points: Vec<f64> = c.trend.iter().map(|p| p.mean).collect();
        // The same points as the sparkline, with the same `…` when older ones are left out.
        let skip = crate::view::spark::shown_from(points.len(), TREND_POINTS);
        let numbers: Vec<String> = (skip > 0)
            .then(|| "…".to_string())
            .into_iter()
            .chain(points[skip..].iter().map(|m| whole(*m)))
            .collect();
        let trend = if points.is_empty() {
            String::new()
        } else {
            format!(
                "{} {}",
                sparkline(&points, TREND_POINTS),
                numbers.join(" → ")
            )
        };
        writeln!(
            md,
            "| {} | {} ({}) | {}/{} | {} | {} | {} |",
            c.number,
            cell(&c.title),
            code_cell(&c.id),
            c.seen,
            c.questions,
            score(c.mean),
            trend,
            verdict_with_basis(c.verdict, c.seen, c.questions)
        )?;
    }
    let o = &r.overall;
    writeln!(
        md,
        "| | **Overall** | {}/{} | **{}** | | **{}** |",
        o.seen,
        o.questions,
        score(o.mean),
        o.verdict.label()
    )?;
    writeln!(md)?;
    writeln!(md, "**Rule:** {}.", r.rule)?;
    if !o.lacking.is_empty() && r.chapters.len() > 1 {
        let n = r.thresholds.min_questions.max(1);
        writeln!(md)?;
        writeln!(
            md,
            "Overall needs at least {n} answered question{} in every chapter; short: {}.",
            plural(n),
            o.lacking
                .iter()
                .map(|c| code(c))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    Ok(())
}

/// The bullets most often missed, by chapter.
fn missed(r: &Readiness, md: &mut String) -> std::fmt::Result {
    if r.chapters.iter().any(|c| !c.missed.is_empty()) {
        writeln!(md)?;
        writeln!(md, "## Bullets most often missed")?;
        writeln!(md)?;
        for c in r.chapters.iter().filter(|c| !c.missed.is_empty()) {
            for b in &c.missed {
                writeln!(
                    md,
                    "- **{}** Q{}: {} (missed {} of {})",
                    text(&c.id),
                    b.question,
                    text(&b.bullet),
                    b.missed,
                    b.answers
                )?;
            }
        }
    }
    Ok(())
}

/// The weakest questions, as a table.
fn weakest(r: &Readiness, md: &mut String) -> std::fmt::Result {
    if !r.weakest.is_empty() {
        writeln!(md)?;
        writeln!(md, "## Weakest questions")?;
        writeln!(md)?;
        writeln!(md, "| Q | Chapter | Latest | Answers | Last | Prompt |")?;
        writeln!(md, "|--:|---|--:|--:|---|---|")?;
        for q in &r.weakest {
            writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                q.id,
                code_cell(&q.chapter),
                whole(q.latest),
                q.attempts,
                cell(&q.last_seen),
                cell(&q.prompt)
            )?;
        }
    }
    Ok(())
}

/// The self-rated answers whose rating and grill's score disagree most, as a table.
fn disagreements(r: &Readiness, md: &mut String) -> std::fmt::Result {
    if r.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(md)?;
    writeln!(md, "## Your rating and grill's score disagree most")?;
    writeln!(md)?;
    writeln!(
        md,
        "| Q | Score | grill suggests | You rated | Session | Prompt |"
    )?;
    writeln!(md, "|--:|--:|---|---|---|---|")?;
    for d in &r.disagreements {
        writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            d.id,
            whole(d.score),
            d.suggested,
            d.rating,
            code_cell(&d.session),
            cell(&d.prompt)
        )?;
    }
    Ok(())
}

/// How many questions fall due on each of the next days: the terminal's bars in a code block,
/// which every Markdown renderer shows in a fixed-width font.
fn forecast(r: &Readiness, md: &mut String) -> std::fmt::Result {
    if r.forecast.is_empty() {
        return Ok(());
    }
    writeln!(md)?;
    writeln!(md, "## Due in the next {} days", r.forecast.len())?;
    writeln!(md)?;
    writeln!(md, "{}", forecast_line(r))?;
    if r.forecast.iter().all(|d| d.due == 0) {
        return Ok(());
    }
    let mut bars = Vec::new();
    // Writing to a Vec cannot fail; the bars hold dates and counts only, nothing to escape.
    let _ = crate::view::schedule::forecast_bars(
        &r.forecast,
        crate::output::Theme::plain(),
        FORECAST_WIDTH,
        &mut bars,
    );
    writeln!(md)?;
    writeln!(md, "```text\n{}```", String::from_utf8_lossy(&bars))
}

/// The width the forecast's bars are drawn for in Markdown.
const FORECAST_WIDTH: usize = 60;

/// What to practise next: the queue's head with why each question is in it.
fn practise(r: &Readiness, md: &mut String) -> std::fmt::Result {
    let p = &r.practice;
    if !p.questions.is_empty() {
        writeln!(md)?;
        writeln!(md, "## What to practise next")?;
        writeln!(md)?;
        let chapters: Vec<String> = p
            .chapters
            .iter()
            .map(|c| format!("{} ({})", text(&c.title), c.questions))
            .collect();
        writeln!(md, "{} due now, {} new left today.", p.due_now, p.new_left)?;
        writeln!(md)?;
        writeln!(
            md,
            "Chapters (of the next {PRACTICE_WINDOW} questions): {}.",
            chapters.join(", ")
        )?;
        writeln!(md)?;
        for q in &p.questions {
            let why = match (q.latest, &q.due, &q.due_in) {
                (Some(s), Some(d), Some(r)) => {
                    format!("latest {}, due {} ({})", whole(s), text(d), text(r))
                }
                _ => "unseen".to_string(),
            };
            writeln!(
                md,
                "- Q{} ({}): {} — {why}",
                q.id,
                code(&q.chapter),
                text(&q.prompt)
            )?;
        }
        writeln!(md)?;
        writeln!(md, "Practise them with {}.", code(&p.command))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_code_spans_are_our_own() {
        assert_eq!(
            text("<b>&[x](javascript:y) *a*_b_"),
            "&lt;b&gt;&amp;\\[x\\](javascript:y) \\*a\\*\\_b\\_"
        );
        assert_eq!(text("use `a<b` now"), "use `a<b` now");
        // A lone backtick is text; so is an empty pair.
        assert_eq!(text("a ` <b>"), "a \\` &lt;b&gt;");
        assert_eq!(text("``x"), "\\`\\`x");
        assert_eq!(text("line\nbreak \u{1b}"), "line break \\\\u{1b}");
        assert_eq!(cell("a|b `c|d`"), "a\\|b `c\\|d`");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(code("basics"), "`basics`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
