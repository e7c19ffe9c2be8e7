//! What a session is to do, in the domain's own terms: when scores are shown, how questions
//! are drawn, and the time limits. `Feedback` and `Focus` are saved in every session record, so
//! they live with the record (`history::record`) and are re-exported here. `cli` gives them
//! clap's value parsing; nothing here knows about clap. The engine takes its limits from a
//! [`SessionPlan`], never from the saved record.

pub use crate::history::record::{Feedback, Focus};

/// The time a session allows: for each question, and (`--total`) for the whole session. The
/// engine reads these, not the seconds saved in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Time allowed for one answer.
    pub per_question: std::time::Duration,
    /// Time allowed for the whole session, when there is such a limit.
    pub total: Option<std::time::Duration>,
}

/// How the clock bears on a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// An interview: a countdown for every answer, within these limits.
    Timed(Limits),
    /// `grill study`: no clock on screen and no limit. Enter on an empty answer shows the
    /// reference at once, and stopping at the rating screen ends the session as finished.
    Untimed,
}

/// How the engine is to ask: against the clock or not, and when to show scores. Which
/// questions it asks comes from a [`crate::session::questions::Questions`] source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPlan {
    /// The time limits, or none.
    pub pace: Pace,
    /// When to show scores.
    pub feedback: Feedback,
}
