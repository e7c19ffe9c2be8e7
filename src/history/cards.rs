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
/// counted, when it is the common case of a session going on), answers rated again (most
/// often a question's latest), and questions whose answers changed otherwise (a rating of an
/// earlier answer, a deletion).
#[derive(Debug, Default)]
pub(super) struct Touched {
    /// Appended answers, in order.
    appended: Vec<Appended>,
    /// Answers whose rating changed: question, session, position.
    rerated: Vec<(u32, String, usize)>,
    /// Questions whose cards must be made again from all their answers.
    changed: std::collections::BTreeSet<u32>,
}

/// An answer appended: its question, score and rating, when it was given (ns), and where it
/// is (session, position).
#[derive(Debug)]
struct Appended {
    question: u32,
    score: f64,
    rating: Option<Rating>,
    at_ns: i64,
    session: String,
    position: usize,
}

/// Which answer a card's latest is, and the scheduler's memory before it (none: it was the
/// first): a new rating of that answer is then one scheduler step, whatever the history's size.
#[derive(Debug, Clone, PartialEq)]
struct Latest {
    session: String,
    position: i64,
    before: Option<Memory>,
}

impl Touched {
    /// An answer added at `position` of session `session` (not an unanswered question, which
    /// changes no card).
    pub(super) fn append(&mut self, item: &ItemRecord, at_ns: i64, session: &str, position: usize) {
        if item.outcome != super::record::Outcome::Unanswered {
            self.appended.push(Appended {
                question: item.question_id,
                score: item.score(),
                rating: item.rating,
                at_ns,
                session: session.to_string(),
                position,
            });
        }
    }

    /// The rating of answer `position` of session `session`, to question `question`, changed
    /// (rated, rated again, or a rating taken back).
    pub(super) fn rerate(&mut self, question: u32, session: &str, position: usize) {
        self.rerated.push((question, session.to_string(), position));
    }

    /// A question whose answers changed some other way.
    pub(super) fn change(&mut self, question: u32) {
        self.changed.insert(question);
    }

    /// Whether nothing was touched.
    pub(super) fn is_empty(&self) -> bool {
        self.appended.is_empty() && self.rerated.is_empty() && self.changed.is_empty()
    }

    /// Brings the cards of the bank titled `bank` up to date: an appended answer newer than its
    /// card's latest updates the card in one step, and so does a new rating of a card's latest
    /// answer (both flat in history size); anything else makes the card again from all the
    /// question's answers.
    pub(super) fn apply(
        mut self,
        tx: &rusqlite::Transaction,
        path: &std::path::Path,
        bank: &str,
    ) -> crate::error::Result<()> {
        let scheduler = super::weights::scheduler_in(tx, path);
        let fail = |e: rusqlite::Error| super::db::failed(path, &e);
        for a in std::mem::take(&mut self.appended) {
            if self.changed.contains(&a.question) {
                continue;
            }
            let at = jiff::Timestamp::from_nanosecond(i128::from(a.at_ns))
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
            let (figure, rating) = counted(a.score, a.rating);
            let mut latest = Latest {
                session: a.session,
                position: a.position as i64,
                before: None,
            };
            match load(tx, bank, a.question).map_err(fail)? {
                None => {
                    let card = Seen::first(figure, rating, at, &scheduler);
                    store(tx, bank, a.question, Some((&card, Some(&latest)))).map_err(fail)?;
                }
                // Strictly newer: on a tie the whole fold orders by session, which one step
                // cannot know.
                Some((mut card, _)) if card.last_seen < at => {
                    latest.before = Some(card.memory);
                    card.update(figure, rating, at, &scheduler);
                    store(tx, bank, a.question, Some((&card, Some(&latest)))).map_err(fail)?;
                }
                // Not newer than what the card counted (an imported session): made again.
                Some(_) => {
                    self.changed.insert(a.question);
                }
            }
        }
        for (q, session, position) in std::mem::take(&mut self.rerated) {
            if !self.changed.contains(&q)
                && !rerate(tx, bank, q, &session, position, &scheduler).map_err(fail)?
            {
                self.changed.insert(q);
            }
        }
        refresh(tx, path, bank, &self.changed, &scheduler)
    }
}

/// The rating answer `a` counts with, as SQL: its latest rating not taken back (none:
/// unrated). One text for the fold and the one step, so both read the same rating.
macro_rules! latest_rating {
    () => {
        "(SELECT rating FROM reviews r WHERE r.session_id = a.session_id
           AND r.position = a.position AND r.undone = 0 ORDER BY r.id DESC LIMIT 1)"
    };
}

/// Counts the latest answer of question `q` again with the rating it has now, when answer
/// `position` of session `session` is that latest answer and its card knows the memory before
/// it: one scheduler step. `false` when it is not (an earlier answer, or a card kept before
/// grill knew its latest answer), for the caller to make the card again.
fn rerate(
    tx: &rusqlite::Transaction,
    bank: &str,
    q: u32,
    session: &str,
    position: usize,
    scheduler: &Scheduler,
) -> rusqlite::Result<bool> {
    use rusqlite::OptionalExtension;
    let Some((mut card, Some(latest))) = load(tx, bank, q)? else {
        return Ok(false);
    };
    if latest.session != session || latest.position != position as i64 {
        return Ok(false);
    }
    let answer: Option<(f64, Option<String>)> = tx
        .prepare_cached(concat!(
            "SELECT a.score, ",
            latest_rating!(),
            " FROM answers a WHERE a.session_id = ?1 AND a.position = ?2
                 AND a.outcome != 'unanswered'"
        ))?
        .query_row(rusqlite::params![session, position as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((score, own)) = answer else {
        return Ok(false);
    };
    let (figure, rating) = counted(score, own.as_deref().and_then(Rating::parse));
    let at = card.last_seen;
    card.memory = match &latest.before {
        None => scheduler.first(rating, at),
        Some(before) => scheduler.review(before, rating, at),
    };
    card.latest = figure;
    card.latest_rating = rating;
    store(tx, bank, q, Some((&card, Some(&latest))))?;
    Ok(true)
}

/// An answer's figure and the rating it counts with: its own rating's, else its score and
/// grill's suggestion.
fn counted(score: f64, own: Option<Rating>) -> (f64, Rating) {
    match own {
        Some(r) => (rating_figure(r), r),
        None => (score, rating_for_score(score)),
    }
}

/// The card of question `q` of the bank titled `bank`, if it has one, with its latest answer
/// where the card knows it (cards kept by schema 1 do not).
fn load(
    tx: &rusqlite::Transaction,
    bank: &str,
    q: u32,
) -> rusqlite::Result<Option<(Seen, Option<Latest>)>> {
    use rusqlite::OptionalExtension;
    tx.prepare_cached(&format!(
        "SELECT {}, latest_session, latest_position, before_stability, before_difficulty,
             before_phase, before_last_review_ns, before_due_ns, before_reviews, before_lapses
         FROM cards WHERE bank_title = ?1 AND question_id = ?2",
        super::read::CARD_COLUMNS
    ))?
    .query_row(rusqlite::params![bank, q], |r| {
        let (_, seen) = super::read::card_row(r)?;
        let (Some(session), Some(position)) = (
            r.get::<_, Option<String>>(13)?,
            r.get::<_, Option<i64>>(14)?,
        ) else {
            return Ok((seen, None));
        };
        let before = match r.get::<_, Option<f64>>(15)? {
            None => None,
            Some(stability) => Some(Memory {
                stability,
                difficulty: r.get(16)?,
                phase: super::read::phase_of(&r.get::<_, String>(17)?),
                last_review: super::read::from_nanos(r.get(18)?)?,
                due: super::read::from_nanos(r.get(19)?)?,
                reviews: r.get(20)?,
                lapses: r.get(21)?,
            }),
        };
        Ok((
            seen,
            Some(Latest {
                session,
                position,
                before,
            }),
        ))
    })
    .optional()
}

/// The answers of one question as the scheduler counts them, oldest first: every answer given
/// to question `?2` in a session of the bank titled `?1`, with its latest rating not taken back
/// (none: unrated). All but the bank and the rating come from the index `answers_by_question`.
pub(super) const ANSWERS: &str = concat!(
    "SELECT a.score, a.answered_ns, ",
    latest_rating!(),
    ", a.session_id, a.position
     FROM answers a JOIN sessions s ON s.id = a.session_id
     WHERE s.bank_title = ?1 AND a.question_id = ?2 AND a.outcome != 'unanswered'
     ORDER BY a.answered_ns, s.started_ns, s.id, a.position"
);

/// One answer as [`each_answer`] gives it.
struct Answer<'r> {
    /// When it was given.
    at: jiff::Timestamp,
    /// Its figure ([`counted`]).
    figure: f64,
    /// The rating it counts with.
    rating: Rating,
    /// Its session's id.
    session: &'r str,
    /// Its position in that session.
    position: i64,
}

/// Calls `f` with each answer of question `q` of the bank titled `bank` ([`ANSWERS`]).
fn each_answer(
    conn: &rusqlite::Connection,
    bank: &str,
    q: u32,
    mut f: impl FnMut(&Answer),
) -> rusqlite::Result<()> {
    let mut answers = conn.prepare_cached(ANSWERS)?;
    let mut rows = answers.query(rusqlite::params![bank, q])?;
    while let Some(r) = rows.next()? {
        let score: f64 = r.get(0)?;
        let at = jiff::Timestamp::from_nanosecond(i128::from(r.get::<_, i64>(1)?))
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH);
        let own = r.get_ref(2)?.as_str_or_null()?.and_then(Rating::parse);
        let (figure, rating) = counted(score, own);
        f(&Answer {
            at,
            figure,
            rating,
            session: r.get_ref(3)?.as_str()?,
            position: r.get(4)?,
        });
    }
    Ok(())
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
    scheduler: &Scheduler,
) -> crate::error::Result<()> {
    let run = || -> rusqlite::Result<()> {
        for &q in questions {
            let mut card: Option<Seen> = None;
            let mut latest: Option<Latest> = None;
            each_answer(tx, bank, q, |a| {
                let before = card.as_ref().map(|c| c.memory);
                match &mut card {
                    Some(c) => c.update(a.figure, a.rating, a.at, scheduler),
                    None => card = Some(Seen::first(a.figure, a.rating, a.at, scheduler)),
                }
                match &mut latest {
                    Some(l) => {
                        l.session.clear();
                        l.session.push_str(a.session);
                        l.position = a.position;
                        l.before = before;
                    }
                    None => {
                        latest = Some(Latest {
                            session: a.session.to_string(),
                            position: a.position,
                            before,
                        })
                    }
                }
            })?;
            store(tx, bank, q, card.as_ref().map(|c| (c, latest.as_ref())))?;
        }
        Ok(())
    };
    run().map_err(|e| super::db::failed(path, &e))
}

/// Makes every card of the history again (every bank's), with the weights stored now: after
/// the weights changed. Returns how many cards there are.
pub(super) fn rebuild_all(
    tx: &rusqlite::Transaction,
    path: &std::path::Path,
) -> crate::error::Result<usize> {
    let fail = |e: rusqlite::Error| super::db::failed(path, &e);
    let scheduler = super::weights::scheduler_in(tx, path);
    let mut by_bank: std::collections::BTreeMap<String, std::collections::BTreeSet<u32>> =
        std::collections::BTreeMap::new();
    {
        let mut stmt = tx
            .prepare(
                "SELECT s.bank_title, a.question_id FROM answers a
                   JOIN sessions s ON s.id = a.session_id WHERE a.outcome != 'unanswered'
                 UNION SELECT bank_title, question_id FROM cards",
            )
            .map_err(fail)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?)))
            .map_err(fail)?;
        for row in rows {
            let (bank, q) = row.map_err(fail)?;
            by_bank.entry(bank).or_default().insert(q);
        }
    }
    for (bank, questions) in &by_bank {
        refresh(tx, path, bank, questions, &scheduler)?;
    }
    tx.query_row("SELECT COUNT(*) FROM cards", [], |r| r.get::<_, i64>(0))
        .map(|n| n as usize)
        .map_err(fail)
}

/// One question's answers as the scheduler counts them: when each was given and the rating it
/// counts with, oldest first.
pub type Answers = Vec<(jiff::Timestamp, Rating)>;

impl super::Store {
    /// The review log of the bank titled `bank`, as its cards are made from it: for each
    /// question answered, its answers oldest first with the rating each counts with (its latest
    /// rating not taken back, else grill's suggestion from its score). Questions in id order.
    pub fn review_log(&self, bank: &str) -> crate::error::Result<Vec<(u32, Answers)>> {
        let Some(conn) = self.reader() else {
            return Ok(Vec::new());
        };
        let read = || -> rusqlite::Result<Vec<(u32, Answers)>> {
            let questions: Vec<u32> = conn
                .prepare(
                    "SELECT DISTINCT a.question_id FROM answers a
                       JOIN sessions s ON s.id = a.session_id
                     WHERE s.bank_title = ?1 AND a.outcome != 'unanswered'
                     ORDER BY a.question_id",
                )?
                .query_map([bank], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut log = Vec::with_capacity(questions.len());
            for q in questions {
                let mut answers = Vec::new();
                each_answer(conn, bank, q, |a| answers.push((a.at, a.rating)))?;
                log.push((q, answers));
            }
            Ok(log)
        };
        read().map_err(|e| super::db::failed(&self.db_path(), &e))
    }
}

/// Writes (or, for none, deletes) the card of question `q`, with its latest answer where
/// known.
fn store(
    tx: &rusqlite::Transaction,
    bank: &str,
    q: u32,
    card: Option<(&Seen, Option<&Latest>)>,
) -> rusqlite::Result<()> {
    let Some((c, latest)) = card else {
        tx.execute(
            "DELETE FROM cards WHERE bank_title = ?1 AND question_id = ?2",
            rusqlite::params![bank, q],
        )?;
        return Ok(());
    };
    let ns = |t: jiff::Timestamp| i64::try_from(t.as_nanosecond()).unwrap_or(i64::MAX);
    let m = &c.memory;
    let b = latest.and_then(|l| l.before.as_ref());
    tx.prepare_cached(
        "INSERT OR REPLACE INTO cards (bank_title, question_id, stability, difficulty, phase,
             last_review_ns, due_ns, reviews, lapses, latest_score, latest_rating,
             first_seen_ns, last_seen_ns, attempts, latest_session, latest_position,
             before_stability, before_difficulty, before_phase, before_last_review_ns,
             before_due_ns, before_reviews, before_lapses)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23)",
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
        latest.map(|l| l.session.as_str()),
        latest.map(|l| l.position),
        b.map(|b| b.stability),
        b.map(|b| b.difficulty),
        b.map(|b| phase_name(b.phase)),
        b.map(|b| ns(b.last_review)),
        b.map(|b| ns(b.due)),
        b.map(|b| b.reviews),
        b.map(|b| b.lapses),
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
