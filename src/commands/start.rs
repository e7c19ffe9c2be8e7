//! `grill start`.

use std::io::Write;

use crate::cli::StartArgs;
use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill start`.
pub fn run(_ctx: &Context, _args: &StartArgs, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill start` is not built yet".into()))
}
