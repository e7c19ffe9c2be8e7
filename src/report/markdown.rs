//! The readiness report as Markdown, to paste into notes: a table per chapter, the rule, the
//! bullets most often missed, the weakest questions and what to practise next.

use std::fmt::Write;

use super::model::{PRACTICE_WINDOW, Readiness, plural, whole};
use super::spark::sparkline;
use super::text::span_line;

/// Trend points listed per chapter.
const TREND_POINTS: usize = 6;

/// Escapes text for a table cell: pipes would end the cell, line breaks the row.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}

fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), |m| format!("{m:.1}"))
}

/// Renders the report as Markdown.
pub fn render(r: &Readiness) -> String {
    let mut md = String::new();
    // Writing to a String cannot fail; `let _` keeps that visible without unwrap.
    let _ = render_into(r, &mut md);
    md
}

fn render_into(r: &Readiness, md: &mut String) -> std::fmt::Result {
    writeln!(md, "# Readiness: {}", r.bank)?;
    writeln!(md)?;
    if let Some(empty) = r.empty {
        writeln!(md, "{}", empty.message(&r.sessions, &r.bank))?;
        return Ok(());
    }
    writeln!(md, "{}.", span_line(r))?;
    writeln!(md)?;
    writeln!(md, "| # | Chapter | Seen | Score | Trend | Verdict |")?;
    writeln!(md, "|--:|---|--:|--:|---|---|")?;
    for c in &r.chapters {
        let points: Vec<f64> = c.trend.iter().map(|p| p.mean).collect();
        let skip = points.len().saturating_sub(TREND_POINTS);
        let numbers: Vec<String> = points[skip..].iter().map(|m| whole(*m)).collect();
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
            "| {} | {} (`{}`) | {}/{} | {} | {} | {} |",
            c.number,
            cell(&c.title),
            c.id,
            c.seen,
            c.questions,
            score(c.mean),
            trend,
            c.verdict.label()
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
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }

    if r.chapters.iter().any(|c| !c.missed.is_empty()) {
        writeln!(md)?;
        writeln!(md, "## Bullets most often missed")?;
        writeln!(md)?;
        for c in r.chapters.iter().filter(|c| !c.missed.is_empty()) {
            for b in &c.missed {
                writeln!(
                    md,
                    "- **{}** Q{}: {} (missed {} of {})",
                    c.id, b.question, b.bullet, b.missed, b.answers
                )?;
            }
        }
    }

    if !r.weakest.is_empty() {
        writeln!(md)?;
        writeln!(md, "## Weakest questions")?;
        writeln!(md)?;
        writeln!(md, "| Q | Chapter | Latest | Answers | Last | Prompt |")?;
        writeln!(md, "|--:|---|--:|--:|---|---|")?;
        for q in &r.weakest {
            writeln!(
                md,
                "| {} | `{}` | {} | {} | {} | {} |",
                q.id,
                q.chapter,
                whole(q.latest),
                q.attempts,
                q.last_seen,
                cell(&q.prompt)
            )?;
        }
    }

    let p = &r.practice;
    if !p.questions.is_empty() {
        writeln!(md)?;
        writeln!(md, "## What to practise next")?;
        writeln!(md)?;
        let chapters: Vec<String> = p
            .chapters
            .iter()
            .map(|c| format!("{} ({})", c.title, c.questions))
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
            let why = match (q.latest, &q.due) {
                (Some(s), Some(d)) => format!("latest {}, due {d}", whole(s)),
                _ => "unseen".to_string(),
            };
            writeln!(md, "- Q{} (`{}`): {} — {why}", q.id, q.chapter, q.prompt)?;
        }
        writeln!(md)?;
        writeln!(md, "Practise them with `{}`.", p.command)?;
    }
    Ok(())
}
