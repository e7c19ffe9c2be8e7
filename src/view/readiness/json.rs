//! The readiness report as JSON (`grill report --format json`): the model itself, with its
//! `format` version, for scripts and dashboards.

use std::io::Write;

use crate::readiness::Readiness;

/// Writes the report as pretty-printed JSON, ending in a newline. A serialisation failure is
/// an error, never a half-written report.
pub fn render(r: &Readiness, out: &mut dyn Write) -> crate::Result<()> {
    out.write_all(crate::output::json("the report", r)?.as_bytes())?;
    Ok(())
}
