//! Going over answers already scored: grill's suggested rating, which answers a review pass
//! picks, the pass itself, and [`Ratings`], the one place a [`Decision`] is carried out (at the
//! rating screen after each answer, in the review pass at the end of an interview, and in
//! `grill review`), which keeps the run's ratings so `u` can take them back in order.

use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, RatedBy, SessionRecord};
use crate::practice;

use super::decision::Decision;

/// grill's suggestion for an answer: its score mapped by [`practice::rating_for_score`].
pub fn suggestion(item: &ItemRecord) -> Rating {
    practice::rating_for_score(item.score())
}

/// What Enter means for `item`: grill's suggestion for an answer not rated yet, and keeping the
/// rating it has for one rated already (a second look must not replace your rating with
/// grill's).
pub fn enter(item: &ItemRecord) -> Decision {
    match item.rating {
        Some(_) => Decision::Skip,
        None => Decision::Accept(suggestion(item)),
    }
}

/// What carrying out a decision did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The answer has the new rating: save the record.
    Rated,
    /// The answer was left as it was.
    Skipped,
    /// The candidate stopped: ask nothing more.
    Stopped,
    /// The rating of answer `k` given before in this run was taken back (the answer has the
    /// rating it had before it): mark it undone in the log, and show that answer again.
    Undone(usize),
    /// `u` with no rating given yet in this run: nothing changed, ask again.
    NothingToUndo,
}

/// What a rating screen says after `u` with nothing to take back: the first screen of a run,
/// or every rating of the run taken back already.
pub const NOTHING_TO_UNDO: &str = "Nothing to undo yet";

/// What the history must be told after a decision, for the caller that saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Answers or ratings were added (answer `k` was just answered or rated): save what is new.
    Added(usize),
    /// The latest rating of answer `k` was taken back: mark it undone in the review log.
    Undone(usize),
}

/// The ratings given in one run (an interview's feedback screens, a study session, a review
/// pass), newest last, with what each answer had before: what `u` takes back, in order.
/// [`Ratings::apply`] is the one place a [`Decision`] is carried out.
#[derive(Debug, Default)]
pub struct Ratings {
    given: Vec<(usize, Option<Rating>, Option<RatedBy>)>,
}

impl Ratings {
    /// Carries out `decision` on answer `k` of `record`.
    pub fn apply(&mut self, record: &mut SessionRecord, k: usize, decision: Decision) -> Applied {
        let mut rate = |record: &mut SessionRecord, r, by| {
            let item = &mut record.items[k];
            self.given.push((k, item.rating, item.rated_by));
            item.rating = Some(r);
            item.rated_by = Some(by);
            Applied::Rated
        };
        match decision {
            Decision::Rate(r) => rate(record, r, RatedBy::You),
            Decision::Accept(r) => rate(record, r, RatedBy::Suggestion),
            Decision::Skip => Applied::Skipped,
            Decision::Stop => Applied::Stopped,
            Decision::Undo => match self.given.pop() {
                Some((j, rating, by)) => {
                    record.items[j].rating = rating;
                    record.items[j].rated_by = by;
                    Applied::Undone(j)
                }
                None => Applied::NothingToUndo,
            },
        }
    }
}

/// What a review pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reviewed {
    /// Answers rated (and not taken back).
    pub rated: usize,
    /// Answers skipped (left as they were).
    pub skipped: usize,
    /// Answers the pass picked that are still without a rating at its end: skipped, or not
    /// reached because the pass was stopped. A pass over a session rated already leaves its
    /// answers with their earlier ratings.
    pub left: usize,
}

/// Which answers of `record` a review pass goes over: those with no rating yet, or every
/// answer when all are rated already (to change a rating).
pub fn to_review(record: &SessionRecord) -> Vec<usize> {
    let unrated: Vec<usize> = (0..record.items.len())
        .filter(|&k| record.items[k].rateable() && record.items[k].rating.is_none())
        .collect();
    if !unrated.is_empty() {
        return unrated;
    }
    (0..record.items.len())
        .filter(|&k| record.items[k].rateable())
        .collect()
}

/// Goes over the answers [`to_review`] picks, one screen each: `ask` gets a heading, the
/// answer and a notice to show with it ([`NOTHING_TO_UNDO`] after a `u` that took nothing
/// back), and returns the candidate's decision. `save` gets the record and what changed after
/// every rating (and every rating taken back with `u`, which shows that answer again), so
/// stopping (or a crash) keeps the ratings given so far; when it returns false (the change
/// could not be saved), the pass stops.
pub fn review(
    record: &mut SessionRecord,
    ask: &mut dyn FnMut(&str, &ItemRecord, Option<&str>) -> Decision,
    save: &mut dyn FnMut(&SessionRecord, Change) -> bool,
) -> Reviewed {
    let picked = to_review(record);
    let mut ratings = Ratings::default();
    // What the pass last did to each picked answer: rated (true) or skipped (false).
    let mut did: Vec<Option<bool>> = vec![None; picked.len()];
    let mut n = 0;
    let mut notice = None;
    while n < picked.len() {
        let k = picked[n];
        let item = &record.items[k];
        let heading = format!(
            "Review {}/{} · question {} of the session · {}",
            n + 1,
            picked.len(),
            k + 1,
            item.chapter
        );
        let decision = ask(&heading, item, notice.take());
        match ratings.apply(record, k, decision) {
            Applied::Rated => {
                if !save(record, Change::Added(k)) {
                    break;
                }
                did[n] = Some(true);
                n += 1;
            }
            Applied::Skipped => {
                did[n] = Some(false);
                n += 1;
            }
            Applied::Stopped => break,
            Applied::Undone(j) => {
                if !save(record, Change::Undone(j)) {
                    break;
                }
                // Only this pass's ratings are taken back, so `j` is one of its answers.
                n = picked.iter().position(|&p| p == j).unwrap_or(n);
                did[n] = None;
            }
            Applied::NothingToUndo => notice = Some(NOTHING_TO_UNDO),
        }
    }
    Reviewed {
        rated: did.iter().filter(|d| **d == Some(true)).count(),
        skipped: did.iter().filter(|d| **d == Some(false)).count(),
        left: picked
            .iter()
            .filter(|&&k| record.items[k].rating.is_none())
            .count(),
    }
}

/// An answer to the fifth question of the built-in bank, scored, with a note: the item the
/// rating screens' tests show (here and in `view::rating`).
#[cfg(test)]
pub fn sample_item(answer: &str) -> ItemRecord {
    use crate::bank::Bank;
    use crate::history::record::Outcome;
    use crate::scoring::Scorer;
    let bank = Bank::embedded();
    let l = bank.questions().nth(4).unwrap();
    ItemRecord {
        question_id: l.question.id,
        chapter: l.chapter.id.clone(),
        prompt: l.question.prompt.clone(),
        answer: answer.into(),
        outcome: Outcome::Answered,
        time_used_ms: 1000,
        assessment: Scorer::for_bank(&bank).score(
            Some(&l.question.prompt),
            &l.question.bullets,
            answer,
        ),
        notes: vec!["Worth knowing: `x`.".into()],
        rating: None,
        rated_by: None,
        answered_at: None,
        spoken: None,
    }
}

#[cfg(test)]
mod tests {
    use super::sample_item as item;
    use super::*;
    use crate::bank::Bank;
    use crate::history::record::Outcome;

    /// A session record of three answers, "a", "b" and "c", none rated.
    fn three_answers() -> SessionRecord {
        let bank = Bank::embedded();
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.items = vec![item("a"), item("b"), item("c")];
        r
    }

    #[test]
    fn a_review_rates_the_unrated_answers_and_saves_after_each() {
        let mut r = three_answers();
        r.items[1].rating = Some(Rating::Easy);
        r.items[2].outcome = Outcome::Unanswered;
        assert_eq!(to_review(&r), [0]);
        let mut saves = Vec::new();
        let got = review(
            &mut r,
            &mut |_, _, _| Decision::Rate(Rating::Hard),
            &mut |s, _| {
                saves.push(s.items[0].rating);
                true
            },
        );
        assert_eq!(
            got,
            Reviewed {
                rated: 1,
                skipped: 0,
                left: 0
            }
        );
        assert_eq!(saves, [Some(Rating::Hard)]);
        // All rated: a review goes over every answer, and stopping keeps what was rated; the
        // answer it did not reach keeps its earlier rating, so none is left without one.
        assert_eq!(to_review(&r), [0, 1]);
        let mut calls = 0;
        let got = review(
            &mut r,
            &mut |_, _, _| {
                calls += 1;
                if calls == 1 {
                    Decision::Rate(Rating::Again)
                } else {
                    Decision::Stop
                }
            },
            &mut |_, _| true,
        );
        assert_eq!(
            got,
            Reviewed {
                rated: 1,
                skipped: 0,
                left: 0
            }
        );
        assert_eq!(r.items[0].rating, Some(Rating::Again));
        assert_eq!(r.items[1].rating, Some(Rating::Easy));
    }

    #[test]
    fn skipping_leaves_an_answer_as_it_was_and_goes_on() {
        let mut r = three_answers();
        let mut decisions =
            [Decision::Skip, Decision::Rate(Rating::Good), Decision::Skip].into_iter();
        let mut saves = 0;
        let got = review(
            &mut r,
            &mut |_, _, _| decisions.next().unwrap(),
            &mut |_, _| {
                saves += 1;
                true
            },
        );
        assert_eq!(
            got,
            Reviewed {
                rated: 1,
                skipped: 2,
                left: 2
            }
        );
        assert_eq!(saves, 1, "only a rating is saved");
        let ratings: Vec<_> = r.items.iter().map(|i| i.rating).collect();
        assert_eq!(ratings, [None, Some(Rating::Good), None]);
        // Skipped answers are picked again by the next pass, without grill's suggestion.
        assert_eq!(to_review(&r), [0, 2]);
        // A rated answer skipped keeps its rating.
        r.items[0].rating = Some(Rating::Hard);
        r.items[2].rating = Some(Rating::Easy);
        let got = review(&mut r, &mut |_, _, _| Decision::Skip, &mut |_, _| {
            saves += 1;
            true
        });
        assert_eq!((got.skipped, got.left), (3, 0));
        let ratings: Vec<_> = r.items.iter().map(|i| i.rating).collect();
        assert_eq!(
            ratings,
            [Some(Rating::Hard), Some(Rating::Good), Some(Rating::Easy)]
        );
    }

    #[test]
    fn undo_in_a_pass_takes_back_the_rating_before_and_shows_that_answer_again() {
        let mut r = three_answers();
        let mut decisions = [
            Decision::Undo, // nothing to take back yet: the same screen
            Decision::Rate(Rating::Good),
            Decision::Undo, // at b: back to a, unrated again
            Decision::Rate(Rating::Hard),
            Decision::Accept(Rating::Easy),
            Decision::Skip,
        ]
        .into_iter();
        let mut shown = Vec::new();
        let mut notices = Vec::new();
        let mut changes = Vec::new();
        let got = review(
            &mut r,
            &mut |heading, item, notice| {
                shown.push((
                    heading.split(' ').nth(1).unwrap().to_string(),
                    item.answer.clone(),
                ));
                notices.push(notice.map(str::to_string));
                decisions.next().unwrap()
            },
            &mut |s, change| {
                changes.push((change, s.items[0].rating));
                true
            },
        );
        let answers: Vec<&str> = shown.iter().map(|(_, a)| a.as_str()).collect();
        assert_eq!(answers, ["a", "a", "b", "a", "b", "c"]);
        // The `u` that took nothing back says so on the screen after it, and only there.
        let notices: Vec<Option<&str>> = notices.iter().map(Option::as_deref).collect();
        assert_eq!(
            notices,
            [None, Some(NOTHING_TO_UNDO), None, None, None, None]
        );
        assert_eq!(
            shown[3].0, "1/3",
            "the screen it went back to keeps its number"
        );
        assert_eq!(
            changes,
            [
                (Change::Added(0), Some(Rating::Good)),
                (Change::Undone(0), None),
                (Change::Added(0), Some(Rating::Hard)),
                (Change::Added(1), Some(Rating::Hard)),
            ]
        );
        let ratings: Vec<_> = r.items.iter().map(|i| i.rating).collect();
        assert_eq!(ratings, [Some(Rating::Hard), Some(Rating::Easy), None]);
        assert_eq!(r.items[1].rated_by, Some(RatedBy::Suggestion));
        assert_eq!(
            got,
            Reviewed {
                rated: 2,
                skipped: 1,
                left: 1
            }
        );
    }
}
