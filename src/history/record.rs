//! The saved form of a session. This is a file format: fields may be added, never renamed or
//! removed, and `format` says which version wrote it.

use serde::{Deserialize, Deserializer, Serialize, de};

use crate::fsrs::Rating;
use crate::scoring::Assessment;

/// When a session shows scores. Saved in every record (`Settings`), so a file format:
/// variants may be added, never renamed.
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

/// The version of the session record this build writes.
///
/// 2: items may carry the candidate's own `rating` and the question's `notes` (format 1 records
/// load with neither), and a session may be of `kind` `study` (`grill study`; a record without
/// the field is an interview, so older records load unchanged).
pub const RECORD_FORMAT: u32 = 2;

/// One mock-interview session, complete or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The record format version (`RECORD_FORMAT`).
    pub format: u32,
    /// What kind of session: a timed interview (the default, left out of the file) or untimed
    /// study.
    #[serde(default, skip_serializing_if = "SessionKind::is_interview")]
    pub kind: SessionKind,
    /// A unique id that sorts by start time, such as `20261124-063512-7f3a09c2e41b` (older
    /// grills wrote 4 random hex digits).
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

/// What kind of session a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    /// A timed mock interview (`grill`, `grill start`).
    #[default]
    Interview,
    /// Untimed study of the due queue (`grill study`).
    Study,
}

impl SessionKind {
    /// Whether this is an interview (the default, not written to the file).
    pub fn is_interview(&self) -> bool {
        *self == SessionKind::Interview
    }
}

impl SessionRecord {
    /// A session's record before its first answer: a fresh id, in progress, started (and last
    /// saved) `now`, of the current format.
    pub fn begin(
        kind: SessionKind,
        bank: BankRef,
        now: jiff::Timestamp,
        seed: u64,
        settings: Settings,
    ) -> SessionRecord {
        SessionRecord {
            format: RECORD_FORMAT,
            kind,
            id: super::new_id(now, rand::random()),
            started_at: now,
            ended_at: now,
            status: SessionStatus::InProgress,
            bank,
            seed,
            settings,
            items: vec![],
        }
    }

    /// Whether nothing at all was typed in the session (older grills saved such sessions), and
    /// nothing rated: in `grill study` an answer left empty to see the reference, then rated,
    /// is a review worth keeping.
    pub fn is_empty(&self) -> bool {
        !self
            .items
            .iter()
            .any(|i| i.has_answer() || i.rating.is_some())
    }
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
    #[serde(deserialize_with = "limit_secs")]
    pub time_limit_secs: u64,
    /// The whole-session limit, in seconds.
    #[serde(default, deserialize_with = "optional_limit_secs")]
    pub total_limit_secs: Option<u64>,
    /// When scores were shown.
    pub feedback: Feedback,
    /// How questions were drawn.
    pub focus: Focus,
    /// The session whose questions were asked again (`--retry`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_of: Option<String>,
    /// Where answers came from: "terminal", "stdin" or "file"; "voice" (spoken in the terminal,
    /// `--voice`) or "audio" (recordings, `--answers-audio`).
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
    #[serde(deserialize_with = "time_used_ms")]
    pub time_used_ms: u64,
    /// The score and the per-bullet evidence.
    pub assessment: Assessment,
    /// The question's notes as they were (never scored), so a replay shows them after the
    /// reference even if the bank changes. Absent in records of questions without notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The candidate's own rating of the answer, once given (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<Rating>,
    /// How the rating was given: a key of yours, grill's suggestion taken, or imported. Kept in
    /// the history's review log, not in the record's file format (an exported record imports
    /// its ratings as imported).
    #[serde(skip)]
    pub rated_by: Option<RatedBy>,
    /// When the answer was given. Absent in older records, whose answers count as given when
    /// their session ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<jiff::Timestamp>,
    /// How the answer was spoken, when it was (`--voice`, `--answers-audio`): absent for a
    /// typed answer, and in older records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spoken: Option<Spoken>,
}

/// A spoken answer: the recording's length and, when the candidate corrected the transcript
/// before submitting it, what the transcription gave (the answer is what was submitted). The
/// audio itself is not kept here (`--keep-audio DIR` keeps it as files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spoken {
    /// The recording's length, in milliseconds.
    pub audio_ms: u64,
    /// The transcript as Whisper gave it, when the submitted answer differs from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transcript: Option<String>,
}

/// How an answer's rating came to be: the review log's `source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RatedBy {
    /// The candidate chose it.
    You,
    /// The candidate took grill's suggestion (Enter, or an empty line).
    Suggestion,
    /// It came in with an imported session.
    Imported,
}

impl RatedBy {
    /// The word the database keeps.
    pub fn name(self) -> &'static str {
        match self {
            RatedBy::You => "you",
            RatedBy::Suggestion => "suggestion",
            RatedBy::Imported => "imported",
        }
    }

    /// The source a word names, as the database keeps it.
    pub fn parse(word: &str) -> Option<RatedBy> {
        [RatedBy::You, RatedBy::Suggestion, RatedBy::Imported]
            .into_iter()
            .find(|r| r.name() == word)
    }
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

impl SessionRecord {
    /// How many questions have an answer (given, timed out or cut short); unanswered ones were
    /// never reached.
    pub fn answered(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.outcome != Outcome::Unanswered)
            .count()
    }

    /// How many questions the session drew: its items, or for an interview still in progress
    /// (its grill killed outright) the questions it asked for, as it records only those it
    /// reached (`grill history` counts the same).
    pub fn drawn(&self) -> usize {
        if self.status == SessionStatus::InProgress && self.kind == SessionKind::Interview {
            self.items.len().max(self.settings.questions)
        } else {
            self.items.len()
        }
    }
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

impl SessionRecord {
    /// Answers given (not unanswered, not empty) that have no self-rating yet.
    pub fn unrated(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.rateable() && i.rating.is_none())
            .count()
    }
}

impl ItemRecord {
    /// Whether the answer can be rated: the candidate saw the question (an empty answer too:
    /// in study, Enter at once shows the reference).
    pub fn rateable(&self) -> bool {
        self.outcome != Outcome::Unanswered
    }

    /// Whether anything was typed: an answer with text, whatever its outcome.
    pub fn has_answer(&self) -> bool {
        self.outcome != Outcome::Unanswered && !self.answer.trim().is_empty()
    }

    /// Whether the candidate submitted an empty answer (Ctrl-D at once, or an empty `---`
    /// block): scored 0, but shown as skipped rather than as an ordinary score.
    pub fn skipped(&self) -> bool {
        self.outcome == Outcome::Answered && self.answer.trim().is_empty()
    }
}

// Every number read from a record is checked as it is read, so that a file holding an
// impossible one (hand-edited, damaged, or made to attack) is refused with the line of that
// number rather than shown as `500.0`, `inf` or a 300-digit figure, or breaking arithmetic on
// times. serde_json adds the line and column to these messages. Times need no check for sign:
// they are unsigned, and a negative one is refused by the parser.

/// The longest time limit grill accepts (`--time`, `--total`): a day.
const MAX_LIMIT_SECS: u64 = 24 * 3600;

fn limit_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    limit(d, "time_limit_secs")
}

fn optional_limit_secs<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    struct Total(#[serde(deserialize_with = "total_limit_secs")] u64);
    fn total_limit_secs<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        limit(d, "total_limit_secs")
    }
    Ok(Option::<Total>::deserialize(d)?.map(|t| t.0))
}

/// The longest time on one question a record may hold: 30 days. A timed question ends at its
/// limit (a day at most); an untimed study question left open could run past a day, never a
/// month. A hand-edited `10^12` showed as "answered in 277777h46m".
pub const MAX_TIME_USED_MS: u64 = 30 * 24 * 3600 * 1000;

fn time_used_ms<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v <= MAX_TIME_USED_MS {
        Ok(v)
    } else {
        Err(de::Error::custom(format!(
            "`time_used_ms` is {v}, which cannot be: no question takes more than 30 days ({MAX_TIME_USED_MS} ms)"
        )))
    }
}

fn limit<'de, D: Deserializer<'de>>(d: D, field: &str) -> Result<u64, D::Error> {
    let v = u64::deserialize(d)?;
    if v <= MAX_LIMIT_SECS {
        Ok(v)
    } else {
        Err(de::Error::custom(format!(
            "`{field}` is {v}, which cannot be: grill's time limits are at most a day ({MAX_LIMIT_SECS} seconds)"
        )))
    }
}
