//! Where the engine's next question comes from: a [`Fixed`] draw (an interview: drawn before
//! the first question, asked in order) or the live spaced-repetition queue, [`Due`] (`grill
//! study`: after every answer the queue is worked out again over the history and the session so
//! far, so an answer rated again comes back when it is due again).

use std::collections::HashMap;

use crate::bank::Bank;
use crate::error::Result;
use crate::fsrs::Scheduler;
use crate::history::record::SessionRecord;
use crate::practice::{self, Seen};

/// The next question to put, and how many the session holds in all counting it (the "10" of
/// "3/10": for a queue, those answered and those waiting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Next {
    /// The question's bank id.
    pub id: u32,
    /// Questions in the session: answered, this one, and those still waiting.
    pub count: usize,
}

/// A source of questions for the engine.
pub trait Questions {
    /// Checks every question the source will ask against the bank, before anything is asked.
    fn check(&self, bank: &Bank) -> Result<()>;
    /// The next question after the answers in `record`, at `now`; none when nothing is left.
    fn next(&mut self, record: &SessionRecord, now: jiff::Timestamp) -> Option<Next>;
    /// Questions meant to be asked that were not, once the session stopped (recorded as
    /// unanswered, so the report can show them); a queue has none.
    fn unasked(&self, record: &SessionRecord) -> Vec<u32>;
    /// Whether the session's length is what was answered (a queue), rather than what was drawn.
    fn open_ended(&self) -> bool;
}

/// Questions drawn before the session, asked in order.
#[derive(Debug, Clone, Copy)]
pub struct Fixed<'a> {
    ids: &'a [u32],
}

impl<'a> Fixed<'a> {
    /// The draw `ids`, in asking order.
    pub fn new(ids: &'a [u32]) -> Fixed<'a> {
        Fixed { ids }
    }
}

impl Questions for Fixed<'_> {
    fn check(&self, bank: &Bank) -> Result<()> {
        self.ids
            .iter()
            .try_for_each(|&id| bank.question(id).map(|_| ()))
    }

    fn next(&mut self, record: &SessionRecord, _now: jiff::Timestamp) -> Option<Next> {
        let id = *self.ids.get(record.items.len())?;
        Some(Next {
            id,
            count: self.ids.len(),
        })
    }

    fn unasked(&self, record: &SessionRecord) -> Vec<u32> {
        self.ids
            .get(record.items.len()..)
            .unwrap_or_default()
            .to_vec()
    }

    fn open_ended(&self) -> bool {
        false
    }
}

/// The spaced-repetition queue: due questions first, then new ones while the day allows.
pub struct Due<'a> {
    bank: &'a Bank,
    chapters: &'a [usize],
    prior: &'a HashMap<u32, Seen>,
    scheduler: &'a Scheduler,
    new_per_day: usize,
    tz: jiff::tz::TimeZone,
    /// The order new questions are introduced in, fixed when the session starts: round-robin
    /// over the chapters, as `start --focus due` draws them. (Worked out again after every
    /// answer, it would start over at the first chapter each time.)
    order: Vec<u32>,
}

impl<'a> Due<'a> {
    /// The queue of the `chapters` of `bank`, after what the history had seen before this
    /// session (`prior`), with `new_per_day` new questions a day counted in `tz`.
    pub fn new(
        bank: &'a Bank,
        chapters: &'a [usize],
        prior: &'a HashMap<u32, Seen>,
        scheduler: &'a Scheduler,
        new_per_day: usize,
        tz: jiff::tz::TimeZone,
    ) -> Due<'a> {
        Due {
            bank,
            chapters,
            prior,
            scheduler,
            new_per_day,
            tz,
            order: practice::unseen(bank, chapters, prior),
        }
    }

    /// What the history and this session so far have seen of every question.
    pub fn seen(&self, record: &SessionRecord) -> HashMap<u32, Seen> {
        practice::seen_after(self.bank, self.prior, [record], self.scheduler)
    }
}

impl Questions for Due<'_> {
    fn check(&self, _bank: &Bank) -> Result<()> {
        // The queue is made from the bank's own questions.
        Ok(())
    }

    fn next(&mut self, record: &SessionRecord, now: jiff::Timestamp) -> Option<Next> {
        let seen = self.seen(record);
        let left = self
            .new_per_day
            .saturating_sub(practice::new_today(&seen, now, &self.tz));
        let queue = practice::queue(self.bank, self.chapters, &seen, self.scheduler, now, 0);
        let new: Vec<u32> = self
            .order
            .iter()
            .filter(|q| !seen.contains_key(q))
            .take(left)
            .copied()
            .collect();
        let id = *queue.due.first().or(new.first())?;
        Some(Next {
            id,
            count: record.items.len() + queue.due.len() + new.len(),
        })
    }

    fn unasked(&self, _record: &SessionRecord) -> Vec<u32> {
        Vec::new()
    }

    fn open_ended(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_draw_is_asked_in_order_and_leaves_the_rest_unasked() {
        let bank = Bank::embedded();
        let ids = [3, 1, 2];
        let mut q = Fixed::new(&ids);
        q.check(&bank).unwrap();
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        let now = jiff::Timestamp::UNIX_EPOCH;
        assert_eq!(q.next(&r, now), Some(Next { id: 3, count: 3 }));
        assert_eq!(q.unasked(&r), [3, 1, 2]);
        r.items.push(crate::history::record::ItemRecord {
            question_id: 3,
            chapter: "fundamentals".into(),
            prompt: "p".into(),
            answer: "a".into(),
            outcome: crate::history::record::Outcome::Answered,
            time_used_ms: 0,
            assessment: crate::scoring::Scorer::for_bank(&bank).score(None, &["x".into()], "a"),
            notes: vec![],
            rating: None,
            rated_by: None,
            answered_at: None,
            spoken: None,
        });
        assert_eq!(q.next(&r, now), Some(Next { id: 1, count: 3 }));
        assert_eq!(q.unasked(&r), [1, 2]);
        assert!(!q.open_ended());
        assert!(Fixed::new(&[1, 999_999]).check(&bank).is_err());
    }
}
