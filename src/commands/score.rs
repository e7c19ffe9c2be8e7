//! `grill score`: one answer against a bank question (a table or JSON), or a JSON Lines batch
//! (see [`crate::batch`]).

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::batch::{self, Bullets};
use crate::config::{AnswerText, ScorePlan};
use crate::error::{Error, Exit, Result, read_text_file};
use crate::output;
use crate::scoring::Scorer;
use crate::view::score as view;

use super::Context;

/// Runs `grill score`.
pub fn run(ctx: &Context, plan: &ScorePlan, out: &mut dyn Write) -> Result<Exit> {
    let (id, answer, json) = match plan {
        ScorePlan::Batch { path, jobs } => return run_batch(ctx, path, *jobs, out),
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
            format: crate::view::json::VIEW_FORMAT,
            question: id,
            prompt: &question.prompt,
            score: assessment.score,
            bullets: Bullets::with_text(&assessment.bullets),
            notes: &assessment.notes,
        };
        out.write_all(output::json("the score", &json)?.as_bytes())?;
    } else {
        let theme = ctx.stdout_theme();
        let heading = format!("Q{id}. {}", question.prompt);
        let model = view::Scored {
            heading: &heading,
            assessment: &assessment,
        };
        view::render(&model, theme, output::stdout_width(), out)?;
    }
    Ok(Exit::Ok)
}

#[derive(Serialize)]
struct SingleJson<'a> {
    /// The layout's version, as every JSON view has (`view::json::VIEW_FORMAT`).
    format: u32,
    question: u32,
    prompt: &'a str,
    score: f64,
    /// Each bullet through the view batch lines use too, with its text and band.
    bullets: Bullets<'a>,
    /// What the scorer says of the answer as a whole (new in issue 21; absent when nothing).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// Runs `grill score --batch PATH` on `jobs` threads: lines that could not be scored make a
/// failure, with a warning on stderr naming the first.
fn run_batch(ctx: &Context, path: &Path, jobs: usize, out: &mut dyn Write) -> Result<Exit> {
    // `--bank` as every command reads it: a library name, a built-in one or a file.
    let bank = ctx.bank_path.as_ref().map(|_| ctx.bank()).transpose()?;
    let options = batch::Options {
        bank: bank.as_ref(),
        jobs,
    };
    let summary = batch::run(&options, path, out)?;
    let Some(first) = summary.first_error else {
        return Ok(Exit::Ok);
    };
    out.flush()?;
    let theme = ctx.stderr_theme();
    output::note(format_args!(
        "{} {} of {} lines of {} could not be scored (their output lines have an \"error\"); the first: {}",
        theme.warn("warning:"),
        summary.errors,
        summary.lines,
        crate::error::source_name(path),
        output::visible(&first),
    ));
    Ok(Exit::Failure)
}
