//! `grill schedule`: every seen question of the bank with its FSRS state and when it is due,
//! and the forecast of the next two weeks, from the history's cards (saying so when they are
//! worked out with the candidate's own weights). `--optimize` fits those weights to the bank's
//! review log (`practice::optimize`), shows how they and the defaults predict the held-out
//! reviews, and keeps them only if better and the candidate agrees (the prompt in a terminal,
//! else `--yes`); `--reset` goes back to the defaults.

use std::io::{IsTerminal, Write};

use crate::config::SchedulePlan;
use crate::error::{Error, Exit, Result};
use crate::output;
use crate::practice::optimize::{self, Optimized};
use crate::practice::schedule;
use crate::view::json::VIEW_FORMAT;
use crate::view::optimize::Decision;

use super::Context;

/// `grill schedule --json`: the schedule with the views' format version.
#[derive(serde::Serialize)]
struct Json<'a> {
    format: u32,
    #[serde(flatten)]
    schedule: &'a schedule::Schedule,
}

/// Runs `grill schedule`.
pub fn run(ctx: &Context, plan: &SchedulePlan, out: &mut dyn Write) -> Result<Exit> {
    match plan {
        SchedulePlan::Show { chapters, json } => show(ctx, chapters, *json, out),
        SchedulePlan::Optimize { yes, json } => fit(ctx, *yes, *json, out),
        SchedulePlan::Reset { json } => reset(ctx, *json, out),
    }
}

/// The schedule.
fn show(ctx: &Context, chapters: &[String], json: bool, out: &mut dyn Write) -> Result<Exit> {
    let bank = ctx.bank()?;
    let chapters = if chapters.is_empty() {
        (0..bank.chapters.len()).collect()
    } else {
        bank.chapter_indices(chapters)?
    };
    let store = super::open_store(ctx)?;
    let scheduler = store.scheduler(crate::fsrs::DEFAULT_RETENTION)?;
    let seen = super::seen(&store, &bank, &scheduler)?;
    let tz = crate::time::zone();
    let mut s = schedule::schedule(&bank, &chapters, &seen, &scheduler, crate::time::now(), &tz);
    s.own_weights = store.weights()?.map(|w| schedule::OwnWeights::of(&w, &tz));
    if json {
        crate::view::json::write(
            &Json {
                format: VIEW_FORMAT,
                schedule: &s,
            },
            out,
        )?;
    } else {
        crate::view::schedule::render(&s, ctx.stdout_theme(), output::stdout_width(), out)?;
    }
    Ok(Exit::Ok)
}

/// `--optimize`: fit, compare, and keep the weights if they are better and the candidate agrees.
fn fit(ctx: &Context, yes: bool, json: bool, out: &mut dyn Write) -> Result<Exit> {
    let bank = ctx.bank()?;
    let store = super::open_store(ctx)?;
    let log = store.review_log(&bank.title)?;
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if interactive {
        let answers: usize = log.iter().map(|(_, a)| a.len()).sum();
        output::note(ctx.stderr_theme().dim(&format!(
            "Fitting FSRS weights to {answers} answers of {}...",
            output::visible(&bank.title)
        )));
    }
    // Weights in use that this grill cannot read are about to be replaced: no comparison.
    let current = store.weights().ok().flatten().and_then(|w| w.array());
    let optimized = optimize::optimize(&log, current.as_ref())?;
    let (theme, width) = (ctx.stdout_theme(), output::stdout_width());
    if !json {
        crate::view::optimize::render(&bank.title, &optimized, theme, width, out)?;
    }
    let decision = match &optimized {
        Optimized::TooFew(_) => Decision::TooFew,
        Optimized::Fitted(c) if !c.better() => Decision::NotBetter,
        Optimized::Fitted(c) => {
            // `--json` is for scripts: it never asks.
            let agreed = if yes {
                true
            } else if interactive && !json {
                out.flush()?;
                ask()?
            } else {
                return finish(&bank.title, &optimized, Decision::NeedsYes, json, ctx, out);
            };
            if agreed {
                let cards = store.set_weights(Some(&c.to_keep(&bank.title, crate::time::now())))?;
                Decision::Kept { cards }
            } else {
                Decision::Declined
            }
        }
    };
    finish(&bank.title, &optimized, decision, json, ctx, out)
}

/// Says what became of the weights (the whole comparison too, as JSON).
fn finish(
    bank: &str,
    optimized: &Optimized,
    decision: Decision,
    json: bool,
    ctx: &Context,
    out: &mut dyn Write,
) -> Result<Exit> {
    if json {
        crate::view::json::write(&crate::view::optimize::json(bank, optimized, decision), out)?;
    } else {
        crate::view::optimize::render_decision(
            decision,
            ctx.stdout_theme(),
            output::stdout_width(),
            out,
        )?;
    }
    Ok(Exit::Ok)
}

/// Asks on the terminal whether to keep the weights (no, unless the candidate says yes).
fn ask() -> Result<bool> {
    output::note_wrapped(crate::view::optimize::PROMPT_NOTE, |l| l.to_string());
    let answer = dialoguer::Confirm::new()
        .with_prompt(crate::view::optimize::PROMPT)
        .default(false)
        .interact_on_opt(&console::Term::stderr());
    match answer {
        Ok(a) => Ok(a == Some(true)),
        Err(e) => {
            let _ = console::Term::stderr().show_cursor();
            Err(Error::Failed(format!(
                "the weights were not kept: cannot read the terminal ({e})"
            )))
        }
    }
}

/// `--optimize --reset`: back to the default weights (the cards worked out again with them).
fn reset(ctx: &Context, json: bool, out: &mut dyn Write) -> Result<Exit> {
    let store = super::open_store(ctx)?;
    // Stored weights this grill cannot use are dropped too: that is what the error says to do.
    let cards = match store.weights() {
        Ok(None) => None,
        _ => Some(store.set_weights(None)?),
    };
    if json {
        crate::view::json::write(
            &crate::view::optimize::ResetJson {
                format: VIEW_FORMAT,
                reset: cards.is_some(),
                cards,
            },
            out,
        )?;
    } else {
        crate::view::optimize::render_reset(
            cards,
            ctx.stdout_theme(),
            output::stdout_width(),
            out,
        )?;
    }
    Ok(Exit::Ok)
}
