//! What a session is to do, in the domain's own terms: when scores are shown, how questions
//! are drawn, and the time limits. `Feedback` and `Focus` are saved in every session record
//! (`Settings`), so they are a file format: variants may be added, never renamed. `cli` gives
//! them clap's value parsing; nothing here knows about clap. The engine takes its limits from a
//! [`SessionPlan`], never from the saved record.

/// When a session shows scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feedback {
    /// Only in the final report.
    #[default]
    End,
    /// After each answer, with the per-bullet evidence.
    Each,
}

/// How a session draws its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Focus {
    /// At random, spread evenly over the chosen chapters.
    #[default]
    Random,
    /// The questions known least first: failed, then least recalled, then unseen.
    Weak,
    /// Spaced repetition: due questions, then new ones up to a daily limit, then the closest to
    /// due.
    Due,
}

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
