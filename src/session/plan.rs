//! What a session is to do, in the domain's own terms: when scores are shown and how questions
//! are drawn. These are saved in every session record (`Settings`), so they are a file format:
//! variants may be added, never renamed. `cli` gives them clap's value parsing; nothing here
//! knows about clap.

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
