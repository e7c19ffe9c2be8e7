//! What the history knows of each question: its [`Seen`] card (the latest figure and rating,
//! how often and when it was answered, and the FSRS memory after every rated answer), and the
//! one fold that makes a card from answers, [`observe`]. The database keeps every question's card
//! up to date (`cards` table) in the transaction that changes it, so the due queue and the
//! "Today:" line read one row a question instead of the whole history; `practice::seen` folds
//! the same way over sessions in memory (a filtered report, the session being studied).

use std::collections::HashMap;

use crate::fsrs::{Memory, Rating, Scheduler};

use super::record::ItemRecord;

/// The score below which an answer rates *hard* rather than *good*.
pub const GOOD: f64 = 75.0;

/// grill's suggestion of a rating for a score: below 50 again, 50 to 74 hard, 75 to 89 good,
/// 90 and above easy.
pub fn rating_for_score(score: f64) -> Rating {
    if score < 50.0 {
        Rating::Again
    } else if score < GOOD {
        Rating::Hard
    } else if score < 90.0 {
        Rating::Good
    } else {
        Rating::Easy
    }
}

/// The rating an answer counts with: the candidate's own, else grill's suggestion.
pub fn rating_of(item: &ItemRecord) -> Rating {
    item.rating
        .unwrap_or_else(|| rating_for_score(item.score()))
}

/// The 0-100 figure a self-rating counts as in readiness: the middle of the score band that
/// [`rating_for_score`] maps to the same rating (again 25, hard 62.5, good 82.5, easy 95), so a
/// rating that agrees with grill changes a figure little, and one that disagrees moves it into
/// the candidate's band.
pub fn rating_figure(rating: Rating) -> f64 {
    match rating {
        Rating::Again => 25.0,
        Rating::Hard => 62.5,
        Rating::Good => 82.5,
        Rating::Easy => 95.0,
    }
}

/// The figure an answer counts with in readiness and verdicts: its self-rating's figure where
/// there is one, else grill's score.
pub fn counted_score(item: &ItemRecord) -> f64 {
    item.rating.map_or_else(|| item.score(), rating_figure)
}

/// What the history says about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    /// The latest answer's figure ([`counted_score`]: its self-rating's, else its score).
    pub latest: f64,
    /// The rating the latest answer counted with.
    pub latest_rating: Rating,
    /// When the latest answer was given.
    pub last_seen: jiff::Timestamp,
    /// When the question was first answered.
    pub first_seen: jiff::Timestamp,
    /// How many answers were given, over all sessions.
    pub attempts: usize,
    /// The scheduler's memory state after the latest answer.
    pub memory: Memory,
}

impl Seen {
    /// FSRS stability in days.
    pub fn stability(&self) -> f64 {
        self.memory.stability
    }

    /// FSRS retrievability at `now`: the estimated chance of recalling the answer, 0 to 1.
    pub fn retrievability(&self, scheduler: &Scheduler, now: jiff::Timestamp) -> f64 {
        scheduler.retrievability(&self.memory, now)
    }

    /// Whether the question is due at `now`.
    pub fn is_due(&self, now: jiff::Timestamp) -> bool {
        self.memory.due <= now
    }
}

/// Counts `item`, given at `at`, as the next answer to its question in `cards`: the first makes
/// the card, later ones update it. Answers must come oldest first.
pub fn observe(
    cards: &mut HashMap<u32, Seen>,
    item: &ItemRecord,
    at: jiff::Timestamp,
    scheduler: &Scheduler,
) {
    let (score, rating) = (counted_score(item), rating_of(item));
    match cards.get_mut(&item.question_id) {
        Some(seen) => seen.update(score, rating, at, scheduler),
        None => {
            cards.insert(item.question_id, Seen::first(score, rating, at, scheduler));
        }
    }
}

impl Seen {
    /// The card after a first answer at `at`, counted as `score` with `rating`.
    pub fn first(score: f64, rating: Rating, at: jiff::Timestamp, scheduler: &Scheduler) -> Seen {
        Seen {
            latest: score,
            latest_rating: rating,
            last_seen: at,
            first_seen: at,
            attempts: 1,
            memory: scheduler.first(rating, at),
        }
    }

    /// The card after one more answer.
    pub fn update(
        &mut self,
        score: f64,
        rating: Rating,
        at: jiff::Timestamp,
        scheduler: &Scheduler,
    ) {
        self.memory = scheduler.review(&self.memory, rating, at);
        self.latest = score;
        self.latest_rating = rating;
        self.last_seen = at;
        self.attempts += 1;
    }
}

/// What a write did to the cards: answers appended (each newer than what its question's card
/// counted, when it is the common case of a session going on), and questions whose answers
/// changed otherwise (a rating of an earlier answer, a deletion).
#[derive(Debug, Default)]
pub(super) struct Touched {
    /// Appended answers, in order: question, score, rating, when given (ns).
    appended: Vec<(u32, f64, Option<Rating>, i64)>,
    /// Questions whose cards must be made again from all their answers.
    changed: std::collections::BTreeSet<u32>,
}

impl Touched {
    /// An answer added (not an unanswered question, which changes no card).
    pub(super) fn append(&mut self, item: &ItemRecord, at_ns: i64) {
        if item.outcome != super::record::Outcome::Unanswered {
            self.appended
                .push((item.question_id, item.score(), item.rating, at_ns));
        }
    }

    /// A question whose answers changed some other way.
    pub(super) fn change(&mut self, question: u32) {
        self.changed.insert(question);
    }

    /// Whether nothing was touched.
    pub(super) fn is_empty(&self) -> bool {
        self.appended.is_empty() && self.changed.is_empty()
    }

    /// Brings the cards of the bank titled `bank` up to date: an appended answer newer than its
    /// card's latest updates the card in one step (flat in history size); anything else makes
    /// the card again from all the question's answers.
    pub(super) fn apply(
        mut self,
        tx: &rusqlite::Transaction,
        path: &std::path::Path,
        bank: &str,
    ) -> crate::error::Result<()> {
        let scheduler = Scheduler::default();
        let fail = |e: rusqlite::Error| super::db::failed(path, &e);
        for (q, score, rating, at_ns) in std::mem::take(&mut self.appended) {
            if self.changed.contains(&q) {
                continue;
            }
            let at = jiff::Timestamp::from_nanosecond(i128::from(at_ns))
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            let (figure, rating) = counted(score, rating);
            match load(tx, bank, q).map_err(fail)? {
                None => store(
                    tx,
                    bank,
                    q,
                    Some(&Seen::first(figure, rating, at, &scheduler)),
                )
                .map_err(fail)?,
                Some(mut card) if card.last_seen <= at => {
                    card.update(figure, rating, at, &scheduler);
                    store(tx, bank, q, Some(&card)).map_err(fail)?;
                }
                // Older than what the card counted (an imported session): made again.
                Some(_) => {
                    self.changed.insert(q);
                }
            }
        }
        refresh(tx, path, bank, &self.changed)
    }
}

/// An answer's figure and the rating it counts with: its own rating's, else its score and
/// grill's suggestion.
fn counted(score: f64, own: Option<Rating>) -> (f64, Rating) {
    match own {
        Some(r) => (rating_figure(r), r),
        None => (score, rating_for_score(score)),
    }
}

/// The card of question `q` of the bank titled `bank`, if it has one.
fn load(tx: &rusqlite::Transaction, bank: &str, q: u32) -> rusqlite::Result<Option<Seen>> {
    use rusqlite::OptionalExtension;
    tx.prepare_cached(&format!(
        "SELECT {} FROM cards WHERE bank_title = ?1 AND question_id = ?2",
        super::read::CARD_COLUMNS
    ))?
    .query_row(rusqlite::params![bank, q], super::read::card_row)
    .optional()
    .map(|c| c.map(|(_, seen)| seen))
}

/// Makes the cards of `questions` of the bank titled `bank` again from their answers and the
/// review log, inside the transaction that changed them: each answer given, oldest first,
/// counted with its latest rating (or grill's suggestion). A question with no answer left (its
/// sessions deleted) loses its card.
fn refresh(
    tx: &rusqlite::Transaction,
    path: &std::path::Path,
    bank: &str,
    questions: &std::collections::BTreeSet<u32>,
) -> crate::error::Result<()> {
    let scheduler = Scheduler::default();
    let run = || -> rusqlite::Result<()> {
        let mut answers = tx.prepare_cached(
            "SELECT a.score, a.answered_ns,
                    (SELECT rating FROM reviews r WHERE r.session_id = a.session_id
                       AND r.position = a.position AND r.undone = 0 ORDER BY r.id DESC LIMIT 1)
             FROM answers a JOIN sessions s ON s.id = a.session_id
             WHERE s.bank_title = ?1 AND a.question_id = ?2 AND a.outcome != 'unanswered'
             ORDER BY a.answered_ns, s.started_ns, s.id, a.position",
        )?;
        for &q in questions {
            let mut card: Option<Seen> = None;
            let mut rows = answers.query(rusqlite::params![bank, q])?;
            while let Some(r) = rows.next()? {
                let score: f64 = r.get(0)?;
                let at = jiff::Timestamp::from_nanosecond(i128::from(r.get::<_, i64>(1)?))
                    .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
                let own = r
                    .get::<_, Option<String>>(2)?
                    .as_deref()
                    .and_then(Rating::parse);
                let (figure, rating) = match own {
                    Some(r) => (rating_figure(r), r),
                    None => (score, rating_for_score(score)),
                };
                match &mut card {
                    Some(c) => c.update(figure, rating, at, &scheduler),
                    None => card = Some(Seen::first(figure, rating, at, &scheduler)),
                }
            }
            store(tx, bank, q, card.as_ref())?;
        }
        Ok(())
    };
    run().map_err(|e| super::db::failed(path, &e))
}

/// Writes (or, for none, deletes) the card of question `q`.
fn store(
    tx: &rusqlite::Transaction,
    bank: &str,
    q: u32,
    card: Option<&Seen>,
) -> rusqlite::Result<()> {
    let Some(c) = card else {
        tx.execute(
            "DELETE FROM cards WHERE bank_title = ?1 AND question_id = ?2",
            rusqlite::params![bank, q],
        )?;
        return Ok(());
    };
    let ns = |t: jiff::Timestamp| i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX);
    let m = &c.memory;
    tx.prepare_cached(
        "INSERT OR REPLACE INTO cards (bank_title, question_id, stability, difficulty, phase,
             last_review_ns, due_ns, reviews, lapses, latest_score, latest_rating,
             first_seen_ns, last_seen_ns, attempts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(rusqlite::params![
        bank,
        q,
        m.stability,
        m.difficulty,
        phase_name(m.phase),
        ns(m.last_review),
        ns(m.due),
        m.reviews,
        m.lapses,
        c.latest,
        c.latest_rating.name(),
        ns(c.first_seen),
        ns(c.last_seen),
        c.attempts as i64,
    ])?;
    Ok(())
}

/// A phase's name in the `cards` table.
pub fn phase_name(phase: crate::fsrs::Phase) -> &'static str {
    match phase {
        crate::fsrs::Phase::Learning => "learning",
        crate::fsrs::Phase::Review => "review",
        crate::fsrs::Phase::Relearning => "relearning",
    }
}
