//! `grill score`.

use std::io::Write;

use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill score`.
pub fn run(_ctx: &Context, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill score` is not built yet".into()))
}
