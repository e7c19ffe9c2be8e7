//! Where answers come from, as the engine sees it: it asks an [`AnswerSource`] for each answer
//! and never touches a terminal itself. The terminal and the piped sources (`ui`) and scripted
//! sources in tests all fit behind the same trait.

use std::time::Duration;

use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, Spoken};
use crate::session::clock::Clock;
use crate::session::decision::Decision;

/// One question put to the candidate.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// 1-based position in the session.
    pub number: usize,
    /// How many questions the session has.
    pub count: usize,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The question.
    pub prompt: &'a str,
    /// Time allowed for this answer from when it was asked.
    pub limit: Duration,
    /// True when `limit` is what is left of the whole session (`--total`), not the
    /// per-question limit: when it runs out, the session ends.
    pub session_ends: bool,
    /// No clock at all (`grill study`): `limit` is not shown, Enter on an empty answer shows
    /// the reference at once, and Ctrl-D on an empty answer ends the study session.
    pub untimed: bool,
    /// The engine's clock: a countdown reads the time left from it (see [`Ask::remaining`]),
    /// so a fake clock expires a question in tests without waiting.
    pub clock: &'a dyn Clock,
    /// `clock.elapsed()` when the question was put.
    pub asked_at: Duration,
}

impl Ask<'_> {
    /// The time left for this answer, by the engine's clock.
    pub fn remaining(&self) -> Duration {
        let used = self.clock.elapsed().saturating_sub(self.asked_at);
        self.limit.saturating_sub(used)
    }
}

/// How an answer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The candidate submitted it.
    Submitted,
    /// The time limit ran out; the text is what had been typed.
    TimedOut,
    /// Ctrl-C or a signal; the text is what had been typed.
    Interrupted,
    /// The input ran out before this answer began (piped input with fewer answers).
    NoMoreInput,
    /// The input failed (a read error, the terminal went away); the text is what was typed.
    Broken(String),
}

/// An answer and how it ended. Always carries whatever was typed, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The answer text (possibly partial).
    pub text: String,
    /// How it ended.
    pub ending: Ending,
    /// A self-rating given with the answer (a `rating: WORD` line on piped input).
    pub rating: Option<Rating>,
    /// How the answer was spoken, when it was (saved with it).
    pub spoken: Option<Spoken>,
}

/// A source of answers.
pub trait AnswerSource {
    /// Where the answers come from, as saved in the record: "terminal", "stdin" or "file".
    fn kind(&self) -> &'static str;
    /// Puts the question and returns the answer. Never fails: trouble is an [`Ending`], and
    /// whatever was typed comes back with it.
    fn answer(&mut self, ask: &Ask) -> Reply;
    /// Shows the answer just given with its score, evidence and the whole reference
    /// (`--feedback each`, `grill study`), and returns the candidate's decision: a rating when
    /// there is someone to ask, [`Decision::Skip`] when there is not (piped input rates with a
    /// `rating:` line instead), [`Decision::Stop`] to end the session.
    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Decision;
    /// Something to show with the next feedback screen ([`super::review::NOTHING_TO_UNDO`]
    /// after a `u` that took nothing back). Ignored by sources that ask nothing.
    fn notice(&mut self, _text: &str) {}
    /// Where ratings of answers already given can be asked for (the review pass at the end of a
    /// session in a terminal); none for piped input.
    fn rater(&mut self) -> Option<&mut dyn Rater> {
        None
    }
    /// Called once after the last question was answered (not when the session was cut short
    /// or the input ran out), so a source can say what it did not use.
    fn finished(&mut self) {}
}

/// Asks the candidate to rate answers already given, one screen each.
pub trait Rater {
    /// Asks a yes-or-no question (Enter or y: yes).
    fn confirm(&mut self, question: &str) -> bool;
    /// Shows `item` (of a study session when `study`) under `heading` and returns the
    /// candidate's decision.
    fn rate(&mut self, heading: &str, item: &ItemRecord, study: bool) -> Decision;
    /// Something to show with the next rating screen, as [`AnswerSource::notice`].
    fn notice(&mut self, _text: &str) {}
}
