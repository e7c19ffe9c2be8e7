//! `grill score`.

use std::io::Write;

use crate::cli::ScoreArgs;
use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill score`.
pub fn run(_ctx: &Context, _args: &ScoreArgs, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill score` is not built yet".into()))
}
