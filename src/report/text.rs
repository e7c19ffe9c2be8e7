//! The readiness report for the terminal: a table with bars and sparklines, then the bullets most
//! often missed, the weakest questions and what to practise next.
//!
//! Writes to any `Write` and does no other I/O; width and colour come from the caller, so tests
//! render it plain at a fixed width.

use std::io::{self, Write};

use super::model::{Readiness, Verdict, plural, whole};
use super::spark::sparkline;
use crate::output::{self, Theme};

/// Sparkline points shown per chapter.
const TREND_POINTS: usize = 8;
/// The widest bar drawn, and the narrowest worth drawing (narrower terminals get none).
const BAR_MAX: usize = 30;
const BAR_MIN: usize = 6;

/// Colours `text` by verdict.
pub fn paint_verdict(theme: Theme, verdict: Verdict, text: &str) -> String {
    match verdict {
        Verdict::Ready => theme.good(text),
        Verdict::Close => theme.warn(text),
        Verdict::NotYet => theme.bad(text),
        Verdict::NotEnoughData => theme.dim(text),
    }
}

/// A score with one decimal, or a dash when there is none.
fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), |m| format!("{m:.1}"))
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
    writeln!(out, "{}", theme.bold(&format!("Readiness: {}", r.bank)))?;
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
    practise(r, theme, width, out)?;
    Ok(())
}

fn table(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
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
    // Everything but the bar: "NN  id  seen  score  " + "  trend  verdict".
    let fixed = 2 + 2 + id_w + 2 + seen_w + 2 + 5 + 2 + trend_w + 2 + "not enough data".len();
    let room = width.saturating_sub(fixed + 2);
    let bar_w = if room >= BAR_MIN {
        room.min(BAR_MAX)
    } else {
        0
    };
    let bar_col = |s: String| {
        if bar_w > 0 {
            format!("  {s}")
        } else {
            String::new()
        }
    };
    writeln!(
        out,
        "{}",
        theme
            .bold(&format!(
                "{:>2}  {}  {:>seen_w$}  {:>5}{}  {}  VERDICT",
                "#",
                output::pad("CHAPTER", id_w),
                "SEEN",
                "SCORE",
                bar_col(" ".repeat(bar_w)),
                output::pad("TREND", trend_w),
            ))
            .trim_end()
    )?;
    for c in &r.chapters {
        let trend: Vec<f64> = c.trend.iter().map(|p| p.mean).collect();
        let bar = output::bar(c.mean.unwrap_or(0.0) / 100.0, bar_w);
        writeln!(
            out,
            "{:>2}  {}  {:>seen_w$}  {:>5}{}  {}  {}",
            c.number,
            output::pad(&c.id, id_w),
            seen_of(c.seen, c.questions),
            score(c.mean),
            bar_col(paint_verdict(theme, c.verdict, &bar)),
            output::pad(&sparkline(&trend, TREND_POINTS), trend_w),
            paint_verdict(theme, c.verdict, c.verdict.label()),
        )?;
    }
    let o = &r.overall;
    let bar = output::bar(o.mean.unwrap_or(0.0) / 100.0, bar_w);
    writeln!(
        out,
        "{}",
        theme.bold(&format!(
            "{:>2}  {}  {:>seen_w$}  {:>5}{}  {}  {}",
            "",
            output::pad("overall", id_w),
            seen_of(o.seen, o.questions),
            score(o.mean),
            bar_col(paint_verdict(theme, o.verdict, &bar)),
            " ".repeat(trend_w),
            paint_verdict(theme, o.verdict, o.verdict.label()),
        ))
    )?;
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
    Ok(())
}

fn missed(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    if r.chapters.iter().all(|c| c.missed.is_empty()) {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", theme.bold("Bullets most often missed"))?;
    for c in r.chapters.iter().filter(|c| !c.missed.is_empty()) {
        writeln!(out, "  {}", c.id)?;
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
    for q in &r.weakest {
        let head = format!(
            "  {}  {:>3}  {}  ",
            output::pad(&format!("Q{}", q.id), 4),
            whole(q.latest),
            output::pad(&q.chapter, ch_w)
        );
        let mut tail = format!(
            "  ({} answer{}, last {})",
            q.attempts,
            plural(q.attempts),
            q.last_seen
        );
        // In a narrow terminal the prompt matters more than when it was answered.
        if width < output::width(&head) + output::width(&tail) + 16 {
            tail.clear();
        }
        let room = width.saturating_sub(output::width(&head) + output::width(&tail));
        let prompt = output::truncate(&q.prompt, room.max(12));
        writeln!(
            out,
            "{}{}{}",
            head,
            theme.code_spans(&prompt),
            theme.dim(&tail)
        )?;
    }
    Ok(())
}

fn practise(r: &Readiness, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let p = &r.practice;
    if p.questions.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "{}", theme.bold("What to practise next"))?;
    let chapters: Vec<String> = p
        .chapters
        .iter()
        .map(|c| format!("{} ({})", c.id, c.questions))
        .collect();
    let line = format!(
        "Chapters (of the next {} questions): {}",
        super::model::PRACTICE_WINDOW,
        chapters.join(", ")
    );
    for (i, l) in output::wrap(&line, width.saturating_sub(2))
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
    let whys: Vec<String> = p
        .questions
        .iter()
        .map(|q| match (q.latest, &q.last_seen) {
            // The day goes in narrow terminals, where the prompt needs the room more.
            (Some(s), Some(d)) if width >= 70 => format!("  latest {}, {d}", whole(s)),
            (Some(s), _) => format!("  latest {}", whole(s)),
            _ => "  unseen".to_string(),
        })
        .collect();
    let head_w = 2 + 4 + 2 + ch_w + 2;
    let why_w = whys.iter().map(|w| output::width(w)).max().unwrap_or(0);
    // Prompts get one column, as wide as the longest or what the terminal leaves.
    let prompt_w = p
        .questions
        .iter()
        .map(|q| output::width(&q.prompt))
        .max()
        .unwrap_or(0)
        .min(width.saturating_sub(head_w + why_w))
        .max(12);
    for (q, why) in p.questions.iter().zip(&whys) {
        let head = format!(
            "  {}  {}  ",
            output::pad(&format!("Q{}", q.id), 4),
            output::pad(&q.chapter, ch_w)
        );
        let prompt = output::truncate(&q.prompt, prompt_w);
        writeln!(
            out,
            "{}{}{}",
            head,
            theme.code_spans(&output::pad(&prompt, prompt_w)),
            theme.dim(why)
        )?;
    }
    writeln!(out, "  Practise them with: {}", theme.bold(&p.command))?;
    Ok(())
}
