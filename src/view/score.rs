//! The score table of one answer (`grill score`): a row per bullet with its status and how
//! much of it was met, its weight, the bullet with matched words highlighted, what matched and
//! what was missed; then the score with the share of the reference met.

use std::io::{self, Write};

use crate::output::{self, Theme};
use crate::scoring::{Assessment, BulletAssessment, Status};

use super::evidence::{self, Form};

/// What the table shows: one assessment under its heading (the question).
pub struct Scored<'a> {
    /// The heading, wrapped and bold: "Q12. What is ...".
    pub heading: &'a str,
    /// The scorer's verdict on the answer.
    pub assessment: &'a Assessment,
}

/// The columns the status and weight take before a bullet's text.
const STATUS_COLS: usize = 13;

/// Writes the table of one assessment, so that partial credit (several bullets met in part)
/// reads as what it is.
pub fn render(model: &Scored, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let text_cols = width.saturating_sub(STATUS_COLS + 1).max(20);
    for line in output::wrap(model.heading, width) {
        writeln!(out, "{}", theme.bold(&line))?;
    }
    writeln!(out)?;
    for b in &model.assessment.bullets {
        bullet(b, &theme, text_cols, out)?;
    }
    // What the scorer says of the answer as a whole ("a list of terms: ...").
    for line in super::evidence::notes(model.assessment, width) {
        writeln!(out, "{}", theme.warn(&line))?;
    }
    score_line(model.assessment, &theme, width, out)?;
    let note = format!(
        "Each bullet counts by its weight and the share of it met, a bullet left bare more than \
         one met again; the score grows as the square root of the share of the reference met above a {:.0}% noise floor, so partial \
         credit adds up.",
        crate::scoring::NOISE_FLOOR * 100.0
    );
    for line in output::wrap(&note, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}

/// One bullet's rows: status, then weight, beside the wrapped bullet with its hits painted;
/// then what matched and what was missed.
fn bullet(
    b: &BulletAssessment,
    theme: &Theme,
    text_cols: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let indent = " ".repeat(STATUS_COLS + 1);
    let (label, paint): (&str, fn(&Theme, &str) -> String) = match b.status() {
        // The answer says the bullet's opposite (`scoring::claims`).
        _ if b.contradicted => ("wrong", Theme::bad),
        Status::Covered => ("covered", Theme::good),
        Status::Partly => ("partly", Theme::warn),
        // Below the partly band but not nothing: the percentage says how much.
        Status::Missed if b.coverage > 0.0 => ("barely", Theme::bad),
        Status::Missed => ("missed", Theme::bad),
    };
    let hits: Vec<String> = b
        .matched
        .iter()
        .flat_map(|m| m.keyword.split_whitespace().map(bare_lower))
        .collect();
    let status = format!("{label:<7}{:>4.0}%", b.coverage * 100.0);
    let weight = format!("weight{:>4.0}%", b.weight * 100.0);
    let mut weight_shown = false;
    for (i, line) in output::wrap(&b.bullet, text_cols).iter().enumerate() {
        let lead = if i == 0 {
            paint(theme, &output::pad(&status, STATUS_COLS))
        } else if i == 1 {
            weight_shown = true;
            theme.dim(&output::pad(&weight, STATUS_COLS))
        } else {
            indent[1..].to_string()
        };
        let words: Vec<String> = line
            .split(' ')
            .map(|w| {
                if hits.contains(&bare_lower(w)) {
                    theme.hit(w)
                } else {
                    w.to_string()
                }
            })
            .collect();
        writeln!(out, " {lead}{}", words.join(" "))?;
    }
    let mut lists: Vec<String> = Vec::new();
    if !b.matched.is_empty() {
        let list: Vec<String> = b
            .matched
            .iter()
            .map(|m| evidence::describe(m, Form::Table))
            .collect();
        let label = match (&b.wording, b.contradicted) {
            (_, true) => "said the other way round: ".to_string(),
            // Met by another wording of the bullet: its words, so say which.
            (Some(w), false) => format!("matched (as \"{}\"): ", output::visible(w)),
            (None, false) => "matched: ".to_string(),
        };
        push_list(&mut lists, theme, &label, &list, text_cols);
    }
    if !b.missed.is_empty() {
        let label = if b.opposite {
            "missed (the answer opens with the opposite): "
        } else {
            "missed: "
        };
        push_list(&mut lists, theme, label, &b.missed, text_cols);
    }
    if lists.is_empty() && !weight_shown {
        lists.push(String::new());
    }
    for (i, line) in lists.iter().enumerate() {
        if i == 0 && !weight_shown {
            writeln!(
                out,
                " {}{line}",
                theme.dim(&output::pad(&weight, STATUS_COLS))
            )?;
        } else {
            writeln!(out, "{indent}{line}")?;
        }
    }
    Ok(())
}

/// "Score 44/100  " then the bar, with the counts beside it when they fit and on the next
/// lines otherwise; the bar shrinks to what a narrow terminal leaves.
fn score_line(a: &Assessment, theme: &Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let count = |f: &dyn Fn(&BulletAssessment) -> bool| a.bullets.iter().filter(|b| f(b)).count();
    let covered = count(&|b| b.status() == Status::Covered);
    let partly = count(&|b| b.status() == Status::Partly);
    let barely = count(&|b| b.status() == Status::Missed && b.coverage > 0.0);
    let missed = a.bullets.len() - covered - partly - barely;
    let met = a.met();
    let bands: Vec<String> = [
        (covered, "covered"),
        (partly, "partly"),
        (barely, "barely"),
        (missed, "missed"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let figure = format!("{}/100", crate::readiness::whole(a.score));
    let counts = format!(
        "{:.0}% of the reference met ({})",
        met * 100.0,
        bands.join(", ")
    );
    let head_w = "Score ".len() + figure.len() + 2;
    let bar_w = 20.min(width.saturating_sub(head_w)).max(5);
    let bar = theme.score(a.score, &output::bar(a.score / 100.0, bar_w));
    let figure = theme.score(a.score, &theme.bold(&figure));
    if head_w + bar_w + 2 + output::width(&counts) <= width {
        writeln!(out, "\nScore {figure}  {bar}  {counts}")
    } else {
        writeln!(out, "\nScore {figure}  {bar}")?;
        for line in output::wrap(&counts, width) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

/// Adds "label: item, item" to `lines`, wrapped to `cols`, dimmed.
fn push_list(lines: &mut Vec<String>, theme: &Theme, label: &str, items: &[String], cols: usize) {
    let text = format!("{label}{}", items.join(", "));
    for line in output::wrap(&text, cols) {
        lines.push(theme.dim(&line));
    }
}

/// A word without surrounding punctuation, lowercased, to find a keyword in a bullet's text.
fn bare_lower(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '*')
        .trim_end_matches("()")
        .trim_start_matches('*')
        .to_lowercase()
}
