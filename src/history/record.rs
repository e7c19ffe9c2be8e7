//! The saved form of a session. This is a file format: fields may be added, never renamed or
//! removed, and `format` says which version wrote it.

use serde::{Deserialize, Serialize};

use crate::cli::{Feedback, Focus};
use crate::scoring::Assessment;

/// The version of the session record this build writes.
pub const RECORD_FORMAT: u32 = 1;

/// One mock-interview session, complete or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The record format version (`RECORD_FORMAT`).
    pub format: u32,
    /// A unique id that sorts by start time, such as `20261124T063512Z-7f3a`.
    pub id: String,
    /// When the session started.
    pub started_at: jiff::Timestamp,
    /// When it ended (or when it was last saved, while in progress).
    pub ended_at: jiff::Timestamp,
    /// How it ended.
    pub status: SessionStatus,
    /// Which bank it drew from.
    pub bank: BankRef,
    /// The seed of the draw; `grill start --seed` with it draws the same questions.
    pub seed: u64,
    /// The settings it ran with.
    pub settings: Settings,
    /// The questions asked, in order, with answers and scores.
    pub items: Vec<ItemRecord>,
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionStatus {
    /// Still running (saved after each answer, so a crash loses nothing).
    InProgress,
    /// Every question was asked.
    Complete,
    /// The whole-session limit (`--total`) ran out.
    TimeUp,
    /// Ended early by Ctrl-C or a signal.
    Interrupted,
}

/// The bank a session drew from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BankRef {
    /// The bank's title.
    pub title: String,
    /// `Bank::content_hash` of the bank at the time.
    pub hash: String,
}

/// The settings of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Questions asked for.
    pub questions: usize,
    /// Chapter ids drawn from (all chapters of the bank when every one was chosen).
    pub chapters: Vec<String>,
    /// The per-question limit, in seconds.
    pub time_limit_secs: u64,
    /// The whole-session limit, in seconds.
    pub total_limit_secs: Option<u64>,
    /// When scores were shown.
    pub feedback: Feedback,
    /// How questions were drawn.
    pub focus: Focus,
    /// The session whose questions were asked again (`--retry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_of: Option<String>,
    /// Where answers came from: "terminal", "stdin" or "file".
    pub input: String,
}

/// One question of a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRecord {
    /// The question's id in the bank.
    pub question_id: u32,
    /// The id of its chapter.
    pub chapter: String,
    /// The prompt as asked (kept so a replay works if the bank changes).
    pub prompt: String,
    /// The answer as typed (possibly partial).
    pub answer: String,
    /// What happened to the answer.
    pub outcome: Outcome,
    /// Time spent on the question, in milliseconds.
    pub time_used_ms: u64,
    /// The score and the per-bullet evidence.
    pub assessment: Assessment,
    /// The question's notes as they were (never scored), so a replay shows them after the
    /// reference even if the bank changes. Absent in records of questions without notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What happened to an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Submitted by the candidate.
    Answered,
    /// The time limit ran out; what was typed was submitted.
    TimedOut,
    /// The session ended (Ctrl-C, `--total`) while this question was open; what was typed is kept.
    Cut,
    /// Never answered (the session ended before it, or the answer file ran out).
    Unanswered,
}

impl ItemRecord {
    /// The score, 0 to 100.
    pub fn score(&self) -> f64 {
        self.assessment.score
    }

    /// Whether the time limit ran out on this question.
    pub fn timed_out(&self) -> bool {
        self.outcome == Outcome::TimedOut
    }
}

impl ItemRecord {
    /// Whether the candidate submitted an empty answer (Ctrl-D at once, or an empty `---`
    /// block): scored 0, but shown as skipped rather than as an ordinary score.
    pub fn skipped(&self) -> bool {
        self.outcome == Outcome::Answered && self.answer.trim().is_empty()
    }
}
