//! Going over answers already scored: grill's suggested rating, which answers a review pass
//! picks, the pass itself, and [`apply`], the one place a [`Decision`] is carried out (at the
//! rating screen after each answer, in the review pass at the end of an interview, and in
//! `grill review`).

use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, RatedBy, SessionRecord};
use crate::practice;

use super::decision::Decision;

/// grill's suggestion for an answer: its score mapped by [`practice::rating_for_score`].
pub fn suggestion(item: &ItemRecord) -> Rating {
    practice::rating_for_score(item.score())
}

/// What carrying out a decision did to an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The answer has the new rating: save the record.
    Rated,
    /// The answer was left as it was.
    Skipped,
    /// The candidate stopped: ask nothing more.
    Stopped,
}

/// Carries out `decision` on answer `k` of `record`.
pub fn apply(record: &mut SessionRecord, k: usize, decision: Decision) -> Applied {
    let rate = |record: &mut SessionRecord, r, by| {
        record.items[k].rating = Some(r);
        record.items[k].rated_by = Some(by);
        Applied::Rated
    };
    match decision {
        Decision::Rate(r) => rate(record, r, RatedBy::You),
        Decision::Accept(r) => rate(record, r, RatedBy::Suggestion),
        Decision::Skip => Applied::Skipped,
        Decision::Stop => Applied::Stopped,
    }
}

/// What a review pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reviewed {
    /// Answers rated.
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

/// Goes over the answers [`to_review`] picks, one screen each: `ask` gets a heading and the
/// answer and returns the candidate's decision. `save` gets the record and the answer just
/// rated after every rating, so stopping (or a crash) keeps the ratings given so far; when it
/// returns false (the rating could not be saved), the pass stops.
pub fn review(
    record: &mut SessionRecord,
    ask: &mut dyn FnMut(&str, &ItemRecord) -> Decision,
    save: &mut dyn FnMut(&SessionRecord, usize) -> bool,
) -> Reviewed {
    let picked = to_review(record);
    let mut done = Reviewed::default();
    for (n, &k) in picked.iter().enumerate() {
        let item = &record.items[k];
        let heading = format!(
            "Review {}/{} · question {} of the session · {}",
            n + 1,
            picked.len(),
            k + 1,
            item.chapter
        );
        let decision = ask(&heading, item);
        match apply(record, k, decision) {
            Applied::Rated => {
                if !save(record, k) {
                    break;
                }
                done.rated += 1;
            }
            Applied::Skipped => done.skipped += 1,
            Applied::Stopped => break,
        }
    }
    done.left = picked
        .iter()
        .filter(|&&k| record.items[k].rating.is_none())
        .count();
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::history::record::Outcome;
    use crate::scoring::Scorer;

    fn item(answer: &str) -> ItemRecord {
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

    #[test]
    fn a_review_rates_the_unrated_answers_and_saves_after_each() {
        let bank = Bank::embedded();
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.items = vec![item("a"), item("b"), item("c")];
        r.items[1].rating = Some(Rating::Easy);
        r.items[2].outcome = Outcome::Unanswered;
        assert_eq!(to_review(&r), [0]);
        let mut saves = Vec::new();
        let got = review(
            &mut r,
            &mut |_, _| Decision::Rate(Rating::Hard),
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
            &mut |_, _| {
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
        let bank = Bank::embedded();
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.items = vec![item("a"), item("b"), item("c")];
        let mut decisions =
            [Decision::Skip, Decision::Rate(Rating::Good), Decision::Skip].into_iter();
        let mut saves = 0;
        let got = review(
            &mut r,
            &mut |_, _| decisions.next().unwrap(),
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
        let got = review(&mut r, &mut |_, _| Decision::Skip, &mut |_, _| {
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
}
