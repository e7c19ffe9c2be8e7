//! The readiness report as JSON (`grill report --format json`): the model itself, with its
//! `format` version, for scripts and dashboards.

use super::model::Readiness;

/// The report as pretty-printed JSON, ending in a newline.
pub fn to_string(r: &Readiness) -> crate::Result<String> {
    crate::output::json("the report", r)
}
