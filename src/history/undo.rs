//! Taking a rating back. The review log is append-only, so an undo does not delete: it marks
//! the latest rating of an answer `undone`, and the answer counts with the rating before it
//! (or none). The question's card is made again from the log in the same transaction, so its
//! scheduling is what it was before the rating. Only ratings the candidate gave (a key or
//! grill's suggestion taken) are taken back; ratings that came with an import are not theirs
//! to undo here.

use rusqlite::{OptionalExtension, Transaction, params};

use crate::error::Result;
use crate::fsrs::Rating;

use super::Store;
use super::cards::Touched;
use super::db;
use super::record::RatedBy;
use super::write::begin;

/// Which rating to take back.
#[derive(Debug, Clone, Copy)]
pub enum UndoTarget<'a> {
    /// The latest rating given anywhere in the history (`grill undo`).
    Latest,
    /// The latest rating of answer `position` of session `id` (`u` on a rating screen).
    Answer(&'a str, usize),
}

/// A rating taken back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Undone {
    /// The session of the answer.
    pub session_id: String,
    /// The answer's position in the session, from 0.
    pub position: usize,
    /// The bank the session was on.
    pub bank: String,
    /// The question's id.
    pub question_id: u32,
    /// The question.
    pub prompt: String,
    /// grill's score of the answer.
    pub score: f64,
    /// The rating taken back, and who gave it.
    pub rating: Rating,
    /// Who gave it: you, or grill's suggestion taken.
    pub by: RatedBy,
    /// When it was given.
    pub at: jiff::Timestamp,
    /// The rating the answer counts with now (an earlier one), none when it is unrated again.
    pub now: Option<Rating>,
    /// When the question is due now, by its card made again.
    pub due: Option<jiff::Timestamp>,
}

impl Store {
    /// Takes back the rating `target` names: marks it undone in the review log and makes its
    /// question's card again, in one transaction. `None` when there is no rating to take back
    /// (none given, every one taken back already, or the answer's session is gone).
    pub fn undo(&self, target: UndoTarget) -> Result<Option<Undone>> {
        let conn = self.writer()?;
        let path = self.db_path();
        let fail = |e: rusqlite::Error| db::failed(&path, &e);
        let tx = begin(conn, &path)?;
        let Some((review_id, mut undone)) = latest(&tx, target).map_err(fail)? else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE reviews SET undone = 1 WHERE id = ?1",
            params![review_id],
        )
        .map_err(fail)?;
        undone.now = tx
            .query_row(
                "SELECT rating FROM reviews WHERE session_id = ?1 AND position = ?2
                 AND undone = 0 ORDER BY id DESC LIMIT 1",
                params![undone.session_id, undone.position as i64],
                |r| r.get::<_, String>(0),
            )
            .optional()
            .map_err(fail)?
            .and_then(|w| Rating::parse(&w));
        let mut touched = Touched::default();
        touched.rerate(undone.question_id, &undone.session_id, undone.position);
        touched.apply(&tx, &path, &undone.bank)?;
        undone.due = tx
            .query_row(
                "SELECT due_ns FROM cards WHERE bank_title = ?1 AND question_id = ?2",
                params![undone.bank, undone.question_id],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map_err(fail)?
            .and_then(|ns| jiff::Timestamp::from_nanosecond(i128::from(ns)).ok());
        tx.commit().map_err(fail)?;
        Ok(Some(undone))
    }
}

/// The latest rating `target` names that is not undone, with its row id.
fn latest(tx: &Transaction, target: UndoTarget) -> rusqlite::Result<Option<(i64, Undone)>> {
    // Newest by when it was written (the row id), not by its time: a rating given under
    // GRILL_NOW or on a machine with a wrong clock is still the last one given.
    const SELECT: &str = "SELECT r.id, r.session_id, r.position, s.bank_title, a.question_id,
                                 a.prompt, a.score, r.rating, r.source, r.at
                          FROM reviews r
                          JOIN answers a ON a.session_id = r.session_id AND a.position = r.position
                          JOIN sessions s ON s.id = r.session_id
                          WHERE r.undone = 0 AND r.source IN ('you', 'suggestion')";
    let row = |r: &rusqlite::Row| -> rusqlite::Result<(i64, Undone)> {
        let word: String = r.get(7)?;
        let source: String = r.get(8)?;
        let at: String = r.get(9)?;
        let bad = |what: &str| {
            rusqlite::Error::FromSqlConversionFailure(
                7,
                rusqlite::types::Type::Text,
                format!("{what} is not one grill writes").into(),
            )
        };
        Ok((
            r.get(0)?,
            Undone {
                session_id: r.get(1)?,
                position: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                bank: r.get(3)?,
                question_id: r.get(4)?,
                prompt: r.get(5)?,
                score: r.get(6)?,
                rating: Rating::parse(&word).ok_or_else(|| bad("the rating"))?,
                by: RatedBy::parse(&source).ok_or_else(|| bad("the source"))?,
                at: at.parse().map_err(|_| bad("the time"))?,
                now: None,
                due: None,
            },
        ))
    };
    match target {
        UndoTarget::Latest => tx
            .query_row(&format!("{SELECT} ORDER BY r.id DESC LIMIT 1"), [], row)
            .optional(),
        UndoTarget::Answer(id, position) => tx
            .query_row(
                &format!(
                    "{SELECT} AND r.session_id = ?1 AND r.position = ?2 ORDER BY r.id DESC LIMIT 1"
                ),
                params![id, position as i64],
                row,
            )
            .optional(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{item, sample};
    use super::*;
    use crate::history::SessionWriter;
    use Rating::{Again, Easy, Good, Hard};

    fn at(secs: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(1_790_000_000 + secs).unwrap()
    }

    #[test]
    fn undo_steps_back_through_the_ratings_given_and_restores_the_cards() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut s = sample("s1", 0);
        s.items = vec![item(1, "x", 40.0), item(2, "y", 80.0)];
        SessionWriter::new(&store).save(&s, at(10)).unwrap();
        let before = store.cards("b").unwrap();
        store.rate("s1", 0, Good, RatedBy::You, at(100)).unwrap();
        store.rate("s1", 0, Easy, RatedBy::You, at(200)).unwrap();
        store
            .rate("s1", 1, Hard, RatedBy::Suggestion, at(300))
            .unwrap();
        assert_ne!(store.cards("b").unwrap(), before);
        let steps: Vec<(usize, Rating, RatedBy, Option<Rating>)> = (0..3)
            .map(|_| {
                let u = store.undo(UndoTarget::Latest).unwrap().unwrap();
                (u.position, u.rating, u.by, u.now)
            })
            .collect();
        assert_eq!(
            steps,
            [
                (1, Hard, RatedBy::Suggestion, None),
                (0, Easy, RatedBy::You, Some(Good)),
                (0, Good, RatedBy::You, None),
            ]
        );
        // Every rating taken back: the cards are as they were, the answers unrated.
        assert_eq!(store.cards("b").unwrap(), before);
        let back = store.select("s1").unwrap().0;
        assert!(back.items.iter().all(|i| i.rating.is_none()));
        assert_eq!(store.undo(UndoTarget::Latest).unwrap(), None);
    }

    #[test]
    fn undo_of_one_answer_leaves_the_others_and_imports_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut imported = sample("imp", 0);
        imported.items[0].rating = Some(Easy);
        store.import(&[imported], at(5)).unwrap();
        // A rating that came with an import is not one to take back.
        assert_eq!(store.undo(UndoTarget::Latest).unwrap(), None);
        let mut s = sample("s2", 50);
        s.items = vec![item(1, "x", 40.0), item(2, "y", 80.0)];
        SessionWriter::new(&store).save(&s, at(60)).unwrap();
        store.rate("s2", 1, Again, RatedBy::You, at(70)).unwrap();
        store.rate("s2", 0, Good, RatedBy::You, at(80)).unwrap();
        assert_eq!(store.undo(UndoTarget::Answer("s2", 5)).unwrap(), None);
        let u = store.undo(UndoTarget::Answer("s2", 1)).unwrap().unwrap();
        assert_eq!((u.question_id, u.rating, u.now), (2, Again, None));
        assert!(u.due.is_some());
        let back = store.select("s2").unwrap().0;
        assert_eq!(back.items[0].rating, Some(Good));
        assert_eq!(back.items[1].rating, None);
        assert_eq!(store.select("imp").unwrap().0.items[0].rating, Some(Easy));
    }

    #[test]
    fn a_writer_takes_back_only_what_it_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut s = sample("s3", 0);
        let mut w = SessionWriter::new(&store);
        s.items[0].rating = Some(Hard);
        w.save(&s, at(10)).unwrap();
        s.items[0].rating = Some(Good);
        w.save(&s, at(20)).unwrap();
        // `u`: the record has the rating from before; the log's good is marked undone.
        s.items[0].rating = Some(Hard);
        w.undo(&s, 0).unwrap();
        assert_eq!(store.select("s3").unwrap().0.items[0].rating, Some(Hard));
        // A later save logs nothing more: the record and the log agree.
        w.save(&s, at(30)).unwrap();
        let logged: i64 = store
            .reader()
            .unwrap()
            .query_row("SELECT count(*) FROM reviews WHERE undone = 0", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(logged, 1);
        // The record already as the log has it (a rating whose save failed): nothing undone.
        w.undo(&s, 0).unwrap();
        assert_eq!(store.select("s3").unwrap().0.items[0].rating, Some(Hard));
    }
}
