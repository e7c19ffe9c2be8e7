//! `grill schedule`: every seen question of the bank with its FSRS state and when it is due,
//! and the forecast of the next two weeks, from the history's cards.

use std::io::Write;

use crate::config::SchedulePlan;
use crate::error::{Exit, Result};
use crate::fsrs::Scheduler;
use crate::output;
use crate::practice::schedule;
use crate::view::json::VIEW_FORMAT;

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
    let bank = ctx.bank()?;
    let chapters = if plan.chapters.is_empty() {
        (0..bank.chapters.len()).collect()
    } else {
        bank.chapter_indices(&plan.chapters)?
    };
    let store = super::open_store(ctx)?;
    let scheduler = Scheduler::default();
    let seen = super::seen(&store, &bank, &scheduler)?;
    let s = schedule::schedule(
        &bank,
        &chapters,
        &seen,
        &scheduler,
        crate::time::now(),
        &crate::time::zone(),
    );
    if plan.json {
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
