//! `grill score`: one answer against a bank question (a table or JSON), or a JSON Lines batch.
//!
//! The batch contract: one output object per input line, in input order, with "id" (echoed, or
//! the 1-based line number), "score" and "bullets"; a line that cannot be scored gets
//! `{"id": ..., "error": ...}` and the others are still scored, then the exit status is 1.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bank::Bank;
use crate::config::{AnswerText, ScorePlan};
use crate::error::{Error, Exit, Result, read_file_bytes, read_text_file, refuse_binary};
use crate::output::{self, Theme};
use crate::scoring::{
    Assessment, BulletAssessment, KeywordMatch, MatchKind, Reference, Scorer, Status,
};

use super::Context;

/// A batch at least this long gets a progress bar (when stderr is a terminal).
const PROGRESS_MIN_LINES: usize = 20_000;

/// Runs `grill score`.
pub fn run(ctx: &Context, plan: &ScorePlan, out: &mut dyn Write) -> Result<Exit> {
    let (id, answer, json) = match plan {
        ScorePlan::Batch(path) => return run_batch(ctx, path, out),
        ScorePlan::One {
            question,
            answer,
            json,
        } => (*question, answer, *json),
    };
    let text = match answer {
        AnswerText::Given(text) => text.clone(),
        AnswerText::File(path) => read_text_file(path, "an answer file")?,
    };
    if text.trim().is_empty() {
        let from = match answer {
            AnswerText::File(p) if p != Path::new("-") => format!("{} is empty", p.display()),
            AnswerText::File(_) => "standard input was empty".to_string(),
            AnswerText::Given(_) => "the answer is empty".to_string(),
        };
        return Err(Error::input(format!(
            "{from}; there is nothing to score (write the answer, then score it)"
        )));
    }
    let answer = text;
    let bank = ctx.bank()?;
    let question = bank.question(id)?.question;
    let scorer = Scorer::for_bank(&bank);
    let assessment = scorer.score(Some(&question.prompt), &question.bullets, &answer);
    if json {
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
        serde_json::to_writer_pretty(&mut *out, &json).map_err(std::io::Error::from)?;
        writeln!(out)?;
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

/// One batch line as read. Fields are loose JSON values so each wrong type gets its own message.
#[derive(Deserialize)]
struct RawLine {
    id: Option<Value>,
    question: Option<Value>,
    reference: Option<Value>,
    prompt: Option<Value>,
    answer: Option<Value>,
}

/// Where a line's bullets come from.
enum Source {
    Question(u32),
    Inline {
        reference: Vec<String>,
        prompt: Option<String>,
    },
}

struct Item {
    /// 1-based, counting blank lines.
    line: usize,
    id: Value,
    source: Source,
    answer: String,
}

#[derive(Serialize)]
struct LineOut<'a> {
    id: &'a Value,
    score: f64,
    bullets: Vec<LineBullet<'a>>,
}

#[derive(Serialize)]
struct LineBullet<'a> {
    coverage: f64,
    weight: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    opposite: bool,
    matched: &'a [KeywordMatch],
    missed: &'a [String],
}

#[derive(Serialize)]
struct LineError<'a> {
    id: &'a Value,
    error: &'a str,
}

const LINE_SHAPE: &str = r#"each line must be a JSON object such as {"id": "a1", "question": 6, "answer": "..."} or {"reference": ["..."], "answer": "..."}"#;

/// Reads one line into an item, or says what is wrong with it (and the id, when it has one).
fn parse_line(line: &str, number: usize) -> std::result::Result<Item, (Value, String)> {
    let fallback = Value::from(number);
    let raw: RawLine = serde_json::from_str(line).map_err(|e| {
        let what = if line.trim_start().starts_with('{') {
            // serde's message ends "at line 1 column N"; the line is ours, the column is its.
            let msg = e.to_string();
            let what = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            format!("not valid JSON at column {} ({what})", e.column())
        } else {
            "not a JSON object".to_string()
        };
        (
            fallback.clone(),
            format!("line {number}: {what}; {LINE_SHAPE}"),
        )
    })?;
    let id = match raw.id {
        Some(Value::Null) | None => fallback,
        Some(v) => v,
    };
    let fail = |msg: String| (id.clone(), format!("line {number}: {msg}"));
    let answer = match raw.answer {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => {
            return Err(fail(r#"missing "answer" (the answer's text)"#.into()));
        }
        Some(_) => return Err(fail(r#""answer" must be a string"#.into())),
    };
    let prompt = match raw.prompt {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(fail(r#""prompt" must be a string"#.into())),
    };
    let source = match (raw.question, raw.reference) {
        (Some(q), None) => match q.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => Source::Question(n),
            _ => {
                return Err(fail(format!(
                    r#""question" must be a bank question id (a positive whole number), not {q}"#
                )));
            }
        },
        (None, Some(r)) => {
            let bullets: Option<Vec<String>> = r
                .as_array()
                .and_then(|a| a.iter().map(|b| b.as_str().map(str::to_string)).collect());
            match bullets {
                Some(b) if !b.is_empty() && b.iter().all(|s| !s.trim().is_empty()) => {
                    Source::Inline {
                        reference: b,
                        prompt,
                    }
                }
                _ => {
                    return Err(fail(
                        r#""reference" must be a non-empty array of non-empty strings (the bullets)"#
                            .into(),
                    ));
                }
            }
        }
        (Some(_), Some(_)) => {
            return Err(fail(r#"give "question" or "reference", not both"#.into()));
        }
        (None, None) => {
            return Err(fail(
                r#"missing "question" (a bank question id) or "reference" (an array of bullets)"#
                    .into(),
            ));
        }
    };
    Ok(Item {
        line: number,
        id,
        source,
        answer,
    })
}

fn run_batch(ctx: &Context, path: &Path, out: &mut dyn Write) -> Result<Exit> {
    let name = crate::error::source_name(path);
    // Read as bytes and decoded line by line: a line that is not UTF-8 is an error line of its
    // own, as the batch contract says for any bad line, not a reason to refuse the whole file.
    let bytes = read_file_bytes(path, "a batch file")?;
    refuse_binary(&bytes, &name, "a batch file")?;
    // Blank lines are skipped, but line numbers count them, so they match an editor's.
    let items: Vec<std::result::Result<Item, (Value, String)>> = bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter_map(|(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            match std::str::from_utf8(raw) {
                Ok(l) if l.trim().is_empty() => None,
                Ok(l) => Some(parse_line(l, i + 1)),
                Err(e) => Some(Err((
                    Value::from(i + 1),
                    format!(
                        "line {}: not valid UTF-8 text (at byte {} of the line); save the batch as UTF-8",
                        i + 1,
                        e.valid_up_to() + 1
                    ),
                ))),
            }
        })
        .collect();
    if items.is_empty() {
        return Err(Error::input(format!(
            "{name} is empty; a batch file holds one JSON object per line, such as \
             {{\"question\": 6, \"answer\": \"...\"}}"
        )));
    }

    // The bank is loaded only when a line names a question (or --bank was given for its
    // synonyms), so a batch of inline references starts fast.
    let needs_bank = ctx.bank_path.is_some()
        || items.iter().any(|i| {
            matches!(
                i,
                Ok(Item {
                    source: Source::Question(_),
                    ..
                })
            )
        });
    let bank: Option<Bank> = if needs_bank { Some(ctx.bank()?) } else { None };
    let synonyms: &[Vec<String>] = bank.as_ref().map_or(&[], |b| &b.synonyms);
    let bank_scorer = bank.as_ref().map(Scorer::for_bank);
    // Inline references get weights over the batch's own references, each counted once.
    let mut seen = std::collections::HashSet::new();
    let inline_refs: Vec<&[String]> = items
        .iter()
        .filter_map(|i| match i {
            Ok(Item {
                source: Source::Inline { reference, .. },
                ..
            }) if seen.insert(reference) => Some(reference.as_slice()),
            _ => None,
        })
        .collect();
    let inline_scorer = (!inline_refs.is_empty()).then(|| Scorer::new(inline_refs, synonyms));

    let progress =
        (items.len() >= PROGRESS_MIN_LINES && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(items.len() as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} answers, {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });

    let mut by_question: HashMap<u32, Reference> = HashMap::new();
    let mut by_inline: HashMap<(&[String], Option<&str>), Reference> = HashMap::new();
    let mut errors: Vec<String> = Vec::new();
    let mut write_error = |out: &mut dyn Write, id: &Value, msg: String| -> Result<()> {
        serde_json::to_writer(&mut *out, &LineError { id, error: &msg })
            .map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        errors.push(msg);
        Ok(())
    };
    let mut line_buf: Vec<u8> = Vec::with_capacity(4096);
    for (n, item) in items.iter().enumerate() {
        if let Some(bar) = &progress
            && n % 1000 == 0
        {
            bar.set_position(n as u64);
        }
        let item = match item {
            Ok(item) => item,
            Err((id, msg)) => {
                write_error(out, id, msg.clone())?;
                continue;
            }
        };
        let assessment: Assessment = match &item.source {
            Source::Question(q) => {
                let (Some(bank), Some(scorer)) = (&bank, &bank_scorer) else {
                    unreachable!("the bank is loaded when a line names a question")
                };
                if !by_question.contains_key(q) {
                    match bank.find(*q) {
                        Some(l) => {
                            let r = scorer.prepare(Some(&l.question.prompt), &l.question.bullets);
                            by_question.insert(*q, r);
                        }
                        None => {
                            let line = item.line;
                            write_error(
                                out,
                                &item.id,
                                format!(
                                    "line {line}: no question {q} in the bank \"{}\" (see `grill bank list`)",
                                    bank.title
                                ),
                            )?;
                            continue;
                        }
                    }
                }
                scorer.assess(&by_question[q], &item.answer)
            }
            Source::Inline { reference, prompt } => {
                let scorer = inline_scorer
                    .as_ref()
                    .expect("built when a line has a reference");
                let key = (reference.as_slice(), prompt.as_deref());
                let r = by_inline
                    .entry(key)
                    .or_insert_with(|| scorer.prepare(prompt.as_deref(), reference));
                if r.is_empty() {
                    let line = item.line;
                    write_error(
                        out,
                        &item.id,
                        format!(
                            "line {line}: the reference has no words to score against (every bullet is stopwords)"
                        ),
                    )?;
                    continue;
                }
                scorer.assess(r, &item.answer)
            }
        };
        let line = LineOut {
            id: &item.id,
            score: assessment.score,
            bullets: assessment
                .bullets
                .iter()
                .map(|b: &BulletAssessment| LineBullet {
                    coverage: b.coverage,
                    weight: b.weight,
                    opposite: b.opposite,
                    matched: &b.matched,
                    missed: &b.missed,
                })
                .collect(),
        };
        // One write per line: serde_json's many small writes through `dyn Write` cost more
        // than the scoring itself on large batches.
        line_buf.clear();
        serde_json::to_writer(&mut line_buf, &line).map_err(std::io::Error::from)?;
        line_buf.push(b'\n');
        out.write_all(&line_buf)?;
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if errors.is_empty() {
        return Ok(Exit::Ok);
    }
    out.flush()?;
    let theme = ctx.stderr_theme();
    output::note(format_args!(
        "{} {} of {} lines of {name} could not be scored (their output lines have an \"error\"); the first: {}",
        theme.warn("warning:"),
        errors.len(),
        items.len(),
        output::visible(&errors[0])
    ));
    Ok(Exit::Failure)
}
