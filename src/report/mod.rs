//! Reports: the end-of-session report (`session`), one session as a Markdown study sheet
//! (`sheet`), and the readiness report across sessions
//! (`grill report`) with its renderings.
//!
//! `model` computes every readiness figure from the saved sessions; `text`, `json`, `markdown`
//! and `html` only turn that model into bytes (no I/O, no clock), so each is tested on its own
//! and the forms cannot disagree. `commands::report` decides where the bytes go.

pub mod html;
pub mod json;
pub mod markdown;
pub mod model;
pub mod session;
pub mod sheet;
pub mod spark;
pub mod text;

pub use model::{Filter, Options, Readiness, Thresholds, Verdict, build};
