//! `grill score`: one answer against a bank question (a table or JSON), or a JSON Lines batch
//! (see [`super::batch`]).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::ScoreArgs;
use crate::error::{Error, Exit, Result, read_text_file};
use crate::output::{self, Theme};
use crate::scoring::{Assessment, KeywordMatch, MatchKind, Scorer, Status};

use super::Context;

/// Runs `grill score`.
pub fn run(ctx: &Context, args: &ScoreArgs, out: &mut dyn Write) -> Result<Exit> {
    if let Some(path) = &args.batch {
        let jobs = args
            .jobs
            .or_else(|| std::thread::available_parallelism().ok())
            .map_or(1, std::num::NonZeroUsize::get);
        return super::batch::run(ctx, path, jobs, out);
    }
    let Some(id) = args.question else {
        return Err(Error::input(
            "give the question with --question ID, or a batch file with --batch FILE",
        ));
    };
    let answer = match (&args.answer, &args.answer_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => read_text_file(path, "an answer file")?,
        (None, None) => {
            return Err(Error::input(
                "give the answer with --answer TEXT or --answer-file FILE (- reads stdin)",
            ));
        }
    };
    if answer.trim().is_empty() {
        let from = match &args.answer_file {
            Some(p) if p != Path::new("-") => format!("{} is empty", p.display()),
            Some(_) => "standard input was empty".to_string(),
            None => "the answer is empty".to_string(),
        };
        return Err(Error::input(format!(
            "{from}; there is nothing to score (write the answer, then score it)"
        )));
    }
    let bank = ctx.bank()?;
    let question = bank.question(id)?.question;
    let scorer = Scorer::for_bank(&bank);
    let assessment = scorer.score(Some(&question.prompt), &question.bullets, &answer);
    if args.json {
        let json = SingleJson {
            format: super::json::VIEW_FORMAT,
            question: id,
            prompt: &question.prompt,
            score: assessment.score,
            bullets: assessment
                .bullets
                .iter()
                .map(|b| BulletJson {
                    bullet: &b.bullet,
                    status: b.status(),
                    coverage: b.coverage,
                    weight: b.weight,
                    matched: &b.matched,
                    missed: &b.missed,
                })
                .collect(),
        };
        out.write_all(output::json("the score", &json)?.as_bytes())?;
    } else {
        let theme = ctx.stdout_theme();
        let text = render_table(
            &theme,
            &format!("Q{id}. {}", question.prompt),
            &assessment,
            output::stdout_width(),
        );
        out.write_all(text.as_bytes())?;
    }
    Ok(Exit::Ok)
}

#[derive(Serialize)]
struct SingleJson<'a> {
    /// The layout's version, as every JSON view has (`commands::json::VIEW_FORMAT`).
    format: u32,
    question: u32,
    prompt: &'a str,
    score: f64,
    bullets: Vec<BulletJson<'a>>,
}

#[derive(Serialize)]
struct BulletJson<'a> {
    bullet: &'a str,
    status: Status,
    coverage: f64,
    weight: f64,
    matched: &'a [KeywordMatch],
    missed: &'a [String],
}

/// The table of one assessment: a row per bullet with its status and how much of it was met,
/// its weight in the score, the bullet with matched words highlighted, what matched and what
/// was missed; then the score with the share of the reference met, so that partial credit
/// (several bullets met in part) reads as what it is.
pub fn render_table(theme: &Theme, heading: &str, a: &Assessment, width: usize) -> String {
    const STATUS_COLS: usize = 13;
    let text_cols = width.saturating_sub(STATUS_COLS + 1).max(20);
    let mut s = String::new();
    for line in output::wrap(heading, width) {
        s.push_str(&theme.bold(&line));
        s.push('\n');
    }
    s.push('\n');
    let indent = " ".repeat(STATUS_COLS + 1);
    for b in &a.bullets {
        let (label, paint): (&str, fn(&Theme, &str) -> String) = match b.status() {
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
            s.push_str(&format!(" {lead}{}\n", words.join(" ")));
        }
        let mut lists: Vec<String> = Vec::new();
        if !b.matched.is_empty() {
            let list: Vec<String> = b.matched.iter().map(describe_match).collect();
            push_list(&mut lists, theme, "matched: ", &list, text_cols);
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
                s.push(' ');
                s.push_str(&theme.dim(&output::pad(&weight, STATUS_COLS)));
            } else {
                s.push_str(&indent);
            }
            s.push_str(line);
            s.push('\n');
        }
    }
    let covered = a
        .bullets
        .iter()
        .filter(|b| b.status() == Status::Covered)
        .count();
    let partly = a
        .bullets
        .iter()
        .filter(|b| b.status() == Status::Partly)
        .count();
    let barely = a
        .bullets
        .iter()
        .filter(|b| b.status() == Status::Missed && b.coverage > 0.0)
        .count();
    let missed = a.bullets.len() - covered - partly - barely;
    let met: f64 = a.bullets.iter().map(|b| b.weight * b.coverage).sum();
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
    let figure = format!("{}/100", crate::report::model::whole(a.score));
    let counts = format!(
        "{:.0}% of the reference met ({})",
        met * 100.0,
        bands.join(", ")
    );
    // "Score 44/100  " then the bar, with the counts beside it when they fit and on the next
    // lines otherwise; the bar shrinks to what a narrow terminal leaves.
    let head_w = "Score ".len() + figure.len() + 2;
    let bar_w = 20.min(width.saturating_sub(head_w)).max(5);
    let bar = theme.score(a.score, &output::bar(a.score / 100.0, bar_w));
    let figure = theme.score(a.score, &theme.bold(&figure));
    if head_w + bar_w + 2 + output::width(&counts) <= width {
        s.push_str(&format!("\nScore {figure}  {bar}  {counts}\n"));
    } else {
        s.push_str(&format!("\nScore {figure}  {bar}\n"));
        for line in output::wrap(&counts, width) {
            s.push_str(&line);
            s.push('\n');
        }
    }
    let note = format!(
        "Each bullet counts by its weight and the share of it met; the score grows as the \
         square root of the share of the reference met above a {:.0}% noise floor, so partial \
         credit adds up.",
        crate::scoring::NOISE_FLOOR * 100.0
    );
    for line in output::wrap(&note, width) {
        s.push_str(&theme.dim(&line));
        s.push('\n');
    }
    s
}

/// Adds "label: item, item" to `lines`, wrapped to `cols`, dimmed.
fn push_list(lines: &mut Vec<String>, theme: &Theme, label: &str, items: &[String], cols: usize) {
    let text = format!("{label}{}", items.join(", "));
    for line in output::wrap(&text, cols) {
        lines.push(theme.dim(&line));
    }
}

/// "keyword", or "keyword ← word (how)" when the answer said it differently.
fn describe_match(m: &KeywordMatch) -> String {
    if m.how == MatchKind::Exact || m.word.eq_ignore_ascii_case(&m.keyword) {
        return m.keyword.clone();
    }
    let how = match m.how {
        MatchKind::Exact => "exact",
        MatchKind::Stem => "word form",
        MatchKind::Synonym => "synonym",
        MatchKind::Fuzzy => "typo",
        MatchKind::Part => "part",
        MatchKind::Choice => "choice",
        MatchKind::Related => "related sense",
    };
    if m.how == MatchKind::Related {
        // "faster ~ quicker": the answer said it in other words, credited in part.
        return format!("{} ~ {} ({how})", m.keyword, m.word);
    }
    format!("{} ← {} ({how})", m.keyword, m.word)
}

/// A word without surrounding punctuation, lowercased, to find a keyword in a bullet's text.
fn bare_lower(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '*')
        .trim_end_matches("()")
        .trim_start_matches('*')
        .to_lowercase()
}
