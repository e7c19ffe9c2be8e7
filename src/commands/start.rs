//! `grill start`.

use std::io::Write;

use crate::error::{Error, Exit, Result};

use super::Context;

/// Runs `grill start`.
pub fn run(_ctx: &Context, _out: &mut dyn Write) -> Result<Exit> {
    Err(Error::Failed("`grill start` is not built yet".into()))
}
