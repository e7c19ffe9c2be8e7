//! The readiness report as JSON (`grill report --format json`): the model itself, with its
//! `format` version, for scripts and dashboards.

use super::model::Readiness;

/// The report as pretty-printed JSON, ending in a newline.
pub fn to_string(r: &Readiness) -> String {
    // The model holds only strings, numbers, options and lists, which always serialize; the
    // fallback is still valid JSON rather than a panic.
    let mut s = serde_json::to_string_pretty(r)
        .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
    s.push('\n');
    s
}
