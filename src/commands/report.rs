//! `grill report`.

use std::io::Write;

use crate::cli::ReportArgs;
use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill report`.
pub fn run(_ctx: &Context, _args: &ReportArgs, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill report` is not built yet".into()))
}
