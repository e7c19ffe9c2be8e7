//! `grill undo`: takes back the last rating given anywhere in the history (a rating screen,
//! `grill review`, a piped `rating:` line, `history rate`) and says which, what the answer
//! counts with now and when its question is due. Repeated, it steps further back.

use std::io::Write;

use crate::config::UndoPlan;
use crate::error::{Exit, Result};
use crate::history::{UndoTarget, Undone};
use crate::output;
use crate::view::json::VIEW_FORMAT;
use crate::view::undo::Said;

use super::Context;

/// `grill undo --json`: what was taken back (null when nothing was), with the views' format.
#[derive(serde::Serialize)]
struct Json<'a> {
    format: u32,
    undone: Option<&'a Undone>,
}

/// Runs `grill undo`.
pub fn run(ctx: &Context, plan: &UndoPlan, out: &mut dyn Write) -> Result<Exit> {
    let store = super::open_store(ctx)?;
    let undone = store.undo(UndoTarget::Latest)?;
    if plan.json {
        crate::view::json::write(
            &Json {
                format: VIEW_FORMAT,
                undone: undone.as_ref(),
            },
            out,
        )?;
        return Ok(Exit::Ok);
    }
    let (now, tz) = (crate::time::now(), crate::time::zone());
    let said = undone.as_ref().map(|u| Said {
        given: crate::time::ago(u.at, now, &tz),
        due: u.due.map(|d| crate::time::relative(d, now, &tz)),
    });
    crate::view::undo::render(
        undone.as_ref().zip(said.as_ref()),
        ctx.stdout_theme(),
        output::stdout_width(),
        out,
    )?;
    Ok(Exit::Ok)
}
