//! `grill history`.

use std::io::Write;

use crate::cli::HistoryArgs;
use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill history`.
pub fn run(_ctx: &Context, _args: &HistoryArgs, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill history` is not built yet".into()))
}
