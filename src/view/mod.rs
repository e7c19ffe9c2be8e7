//! Every view: a model in, bytes out. Each family renders with one signature,
//! `render(model, theme, width, out)` writing to `&mut dyn Write` (the Markdown, HTML and JSON
//! forms take no theme or width), does no I/O of its own beyond `out` and reads no clock, so it
//! is tested on its own. Commands build the model, pick the view and decide where the bytes go.

pub mod bank;
pub mod dry_run;
pub mod evidence;
pub mod history;
pub mod json;
pub mod rating;
pub mod readiness;
pub mod schedule;
pub mod score;
pub mod search;
pub mod session;
pub mod sheet;
pub mod spark;
pub mod undo;
