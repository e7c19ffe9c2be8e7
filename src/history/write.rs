//! Every write to the history, each one transaction that changes only what it is about: a
//! running session's save ([`SessionWriter`]: its new answers, its new ratings, its status), a
//! rating ([`Store::rate`]), a deletion ([`Store::delete`]) and an import ([`Store::import`],
//! which merges: an answer or rating already there is kept, a copy further along adds what it
//! adds, a different session under the same id is a conflict). Each refreshes the cards of the
//! questions it touched, in the same transaction.

use std::collections::BTreeSet;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::error::{Error, Result};
use crate::fsrs::Rating;

use super::cards::Touched;
use super::record::{ItemRecord, Outcome, RatedBy, SessionRecord, SessionStatus};
use super::{Store, db, nanos, new_id};

/// A write transaction taken at once (`BEGIN IMMEDIATE`): two grills writing queue on the busy
/// timeout instead of one failing when it tries to turn a read into a write.
pub(super) fn begin<'c>(conn: &'c Connection, path: &Path) -> Result<Transaction<'c>> {
    Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
        .map_err(|e| db::failed(path, &e))
}

/// A value of one of the record's enums as the database keeps it: its name in the record.
pub(super) fn name_of<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => unreachable!("the record's enums serialize as strings, not {other:?}"),
    }
}

/// The session a running command saves: made by its first save (under a fresh id if another
/// session already has the drawn one), then brought up to date by each later save, which
/// writes only the answers and ratings that are new since the last.
#[derive(Debug)]
pub struct SessionWriter<'a> {
    store: &'a Store,
    id: Option<String>,
    /// The rating of each answer as last written (`None`: written unrated).
    written: Vec<Option<Rating>>,
}

impl<'a> SessionWriter<'a> {
    /// How many fresh ids to try before giving up; with 48 random bits a second clash is
    /// already unheard of.
    const TRIES: usize = 8;

    /// A writer for a session not saved yet.
    pub fn new(store: &'a Store) -> Self {
        SessionWriter {
            store,
            id: None,
            written: Vec::new(),
        }
    }

    /// The id the session is saved under, once saved.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Saves what `record` holds that was not saved yet, at `now` (the time its new ratings are
    /// logged with): one transaction, so it is all there or none of it. Fails, saving nothing,
    /// when the session was deleted by another grill since the last save.
    pub fn save(&mut self, record: &SessionRecord, now: jiff::Timestamp) -> Result<()> {
        let conn = self.store.writer()?;
        let path = self.store.db_path();
        let tx = begin(conn, &path)?;
        let id = match &self.id {
            None => self.insert_new(&tx, &path, record)?,
            Some(id) => {
                update_session(&tx, &path, id, record)?;
                id.clone()
            }
        };
        let mut written = self.written.clone();
        let mut touched = Touched::default();
        for (p, item) in record.items.iter().enumerate() {
            let new = p >= written.len();
            if new {
                let at = insert_answer(&tx, &path, &id, p, item, record.ended_at)?;
                written.push(None);
                touched.append(item, at, &id, p);
            }
            if item.rating.is_some() && item.rating != written[p] {
                let by = item.rated_by.unwrap_or(RatedBy::You);
                log_rating(
                    &tx,
                    &path,
                    &id,
                    p,
                    item.rating.unwrap_or(Rating::Good),
                    by,
                    now,
                )?;
                written[p] = item.rating;
                if !new {
                    touched.rerate(item.question_id, &id, p);
                }
            }
        }
        touched.apply(&tx, &path, &record.bank.title)?;
        tx.commit().map_err(|e| db::failed(&path, &e))?;
        self.id = Some(id);
        self.written = written;
        Ok(())
    }

    /// Takes back the latest rating of answer `position` in the log (`u` on a rating screen),
    /// once `record` has the answer's rating from before it: the log's latest is marked undone
    /// and the question's card made again. Nothing to do when that rating was never written
    /// (the session not saved yet, or its save failed) or was taken back already (`grill undo`
    /// in another terminal).
    pub fn undo(&mut self, record: &SessionRecord, position: usize) -> Result<()> {
        let (Some(id), Some(item)) = (self.id.clone(), record.items.get(position)) else {
            return Ok(());
        };
        if self.written.get(position) == Some(&item.rating) {
            return Ok(());
        }
        self.store.undo(super::UndoTarget::Answer(&id, position))?;
        if let Some(w) = self.written.get_mut(position) {
            *w = item.rating;
        }
        Ok(())
    }

    /// Adds the session's row under its own id, or a fresh one when that is taken.
    fn insert_new(&self, tx: &Transaction, path: &Path, record: &SessionRecord) -> Result<String> {
        let mut id = record.id.clone();
        for _ in 0..Self::TRIES {
            if insert_session(tx, path, &id, record)? {
                return Ok(id);
            }
            id = new_id(record.started_at, rand::random());
        }
        Err(Error::Failed(format!(
            "cannot find a free session id in {} after {} tries",
            path.display(),
            Self::TRIES
        )))
    }
}

/// Adds a session's row (without its answers). False, changing nothing, when the id is taken.
fn insert_session(tx: &Transaction, path: &Path, id: &str, r: &SessionRecord) -> Result<bool> {
    let settings = serde_json::to_string(&r.settings).expect("settings always serialize");
    let done = tx.execute(
        "INSERT INTO sessions (id, format, kind, started_at, started_ns, ended_at, status,
                               bank_title, bank_hash, seed, settings)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO NOTHING",
        params![
            id,
            r.format,
            name_of(r.kind),
            r.started_at.to_string(),
            nanos(r.started_at)?,
            r.ended_at.to_string(),
            name_of(r.status),
            r.bank.title,
            r.bank.hash,
            // The seed is a u64; SQLite's integers are i64: the same 64 bits.
            r.seed as i64,
            settings,
        ],
    );
    Ok(done.map_err(|e| db::failed(path, &e))? == 1)
}

/// Brings a session's row up to date: its status, when it was last saved, its settings (a
/// study session's count grows). Fails when the row is gone.
fn update_session(tx: &Transaction, path: &Path, id: &str, r: &SessionRecord) -> Result<()> {
    let settings = serde_json::to_string(&r.settings).expect("settings always serialize");
    let n = tx
        .execute(
            "UPDATE sessions SET status = ?2, ended_at = ?3, settings = ?4 WHERE id = ?1",
            params![id, name_of(r.status), r.ended_at.to_string(), settings],
        )
        .map_err(|e| db::failed(path, &e))?;
    if n == 0 {
        return Err(gone(id));
    }
    Ok(())
}

/// The error for a session deleted by another grill while this one worked on it.
fn gone(id: &str) -> Error {
    Error::Failed(format!(
        "session {id} was deleted from the history meanwhile (`grill history delete` in another \
         terminal?), so this was not saved"
    ))
}

/// Adds answer `p` of session `id`; `ended` stands for when it was given in records older
/// than that field. Returns when it counts as given, in nanoseconds.
fn insert_answer(
    tx: &Transaction,
    path: &Path,
    id: &str,
    p: usize,
    item: &ItemRecord,
    ended: jiff::Timestamp,
) -> Result<i64> {
    // Ordered by when the answer was given; a record older than that field stands it in by
    // when its session ended, and keeps the field empty, so it reads back as it was.
    let at = item.answered_at.unwrap_or(ended);
    let at_ns = nanos(at)?;
    let assessment = serde_json::to_string(&item.assessment).expect("assessments serialize");
    let notes = serde_json::to_string(&item.notes).expect("notes serialize");
    let spoken = item.spoken.as_ref();
    tx.execute(
        "INSERT INTO answers (session_id, position, question_id, chapter, prompt, answer,
                              outcome, time_used_ms, score, assessment, notes, answered_at,
                              answered_ns, spoken_ms, transcript)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            p as i64,
            item.question_id,
            item.chapter,
            item.prompt,
            item.answer,
            name_of(item.outcome),
            i64::try_from(item.time_used_ms).unwrap_or(i64::MAX),
            item.score(),
            assessment,
            notes,
            item.answered_at.map(|t| t.to_string()),
            at_ns,
            spoken.map(|s| i64::try_from(s.audio_ms).unwrap_or(i64::MAX)),
            spoken.and_then(|s| s.transcript.as_deref()),
        ],
    )
    .map_err(|e| db::failed(path, &e))?;
    Ok(at_ns)
}

/// Appends a rating of answer `p` of session `id` to the review log.
fn log_rating(
    tx: &Transaction,
    path: &Path,
    id: &str,
    p: usize,
    rating: Rating,
    by: RatedBy,
    at: jiff::Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO reviews (session_id, position, rating, source, at, at_ns)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            p as i64,
            rating.name(),
            by.name(),
            at.to_string(),
            nanos(at)?
        ],
    )
    .map_err(|e| match e.sqlite_error_code() {
        // The answer is gone: its session was deleted meanwhile.
        Some(rusqlite::ErrorCode::ConstraintViolation) => gone(id),
        _ => db::failed(path, &e),
    })?;
    Ok(())
}

/// What one rating given through [`Store::rate`] was about.
#[derive(Debug, Clone, PartialEq)]
pub struct RatedAnswer {
    /// The question's bank id.
    pub question_id: u32,
    /// grill's score of the answer.
    pub score: f64,
}

impl Store {
    /// Rates answer `position` of session `id` (one more entry in the review log, given `by`
    /// at `now`) and refreshes its question's card. Fails, saving nothing, when the answer is
    /// not there (its session was deleted meanwhile) or was never given.
    pub fn rate(
        &self,
        id: &str,
        position: usize,
        rating: Rating,
        by: RatedBy,
        now: jiff::Timestamp,
    ) -> Result<RatedAnswer> {
        let conn = self.writer()?;
        let path = self.db_path();
        let tx = begin(conn, &path)?;
        let found: Option<(u32, f64, String, String)> = tx
            .query_row(
                "SELECT a.question_id, a.score, a.outcome, s.bank_title
                 FROM answers a JOIN sessions s ON s.id = a.session_id
                 WHERE a.session_id = ?1 AND a.position = ?2",
                params![id, position as i64],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()
            .map_err(|e| db::failed(&path, &e))?;
        let Some((question_id, score, outcome, bank)) = found else {
            return Err(gone(id));
        };
        if outcome == name_of(Outcome::Unanswered) {
            return Err(Error::input(format!(
                "Q{question_id} was not answered in session {id}; there is nothing to rate"
            )));
        }
        log_rating(&tx, &path, id, position, rating, by, now)?;
        let mut touched = Touched::default();
        touched.rerate(question_id, id, position);
        touched.apply(&tx, &path, &bank)?;
        tx.commit().map_err(|e| db::failed(&path, &e))?;
        Ok(RatedAnswer { question_id, score })
    }

    /// Deletes session `id` with its answers and ratings, in one transaction, and refreshes the
    /// cards of its questions. Fails when there is no such session.
    pub fn delete(&self, id: &str) -> Result<()> {
        let conn = self.writer()?;
        let path = self.db_path();
        let tx = begin(conn, &path)?;
        let bank: Option<String> = tx
            .query_row("SELECT bank_title FROM sessions WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| db::failed(&path, &e))?;
        let Some(bank) = bank else {
            return Err(Error::input(format!(
                "no session {id} in the history (deleted meanwhile?)"
            )));
        };
        let questions: BTreeSet<u32> = {
            let mut stmt = tx
                .prepare("SELECT DISTINCT question_id FROM answers WHERE session_id = ?1")
                .map_err(|e| db::failed(&path, &e))?;
            stmt.query_map([id], |r| r.get(0))
                .and_then(|rows| rows.collect())
                .map_err(|e| db::failed(&path, &e))?
        };
        tx.execute("DELETE FROM sessions WHERE id = ?1", [id])
            .map_err(|e| db::failed(&path, &e))?;
        let mut touched = Touched::default();
        questions.into_iter().for_each(|q| touched.change(q));
        touched.apply(&tx, &path, &bank)?;
        tx.commit().map_err(|e| db::failed(&path, &e))
    }

    /// Imports `sessions` in one transaction, merging each into the history (see the module
    /// doc); their ratings enter the review log as imported, at `now`. Returns what happened to
    /// each, in order. A failure (a full disk) imports nothing.
    pub fn import(
        &self,
        sessions: &[SessionRecord],
        now: jiff::Timestamp,
    ) -> Result<Vec<Imported>> {
        let conn = self.writer()?;
        let path = self.db_path();
        let tx = begin(conn, &path)?;
        let mut done = Vec::with_capacity(sessions.len());
        for s in sessions {
            done.push(merge_at(&tx, &path, s, RatedBy::Imported, Some(now))?);
        }
        tx.commit().map_err(|e| db::failed(&path, &e))?;
        Ok(done)
    }
}

/// What importing one session did.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// Its id was new: saved.
    Added,
    /// The history held the same session less far along, or without some of its ratings: what
    /// it lacked was added.
    Updated {
        /// How far the copy in the history was.
        was: Progress,
        /// How far it is now.
        now: Progress,
    },
    /// The history holds it already, with everything this copy has: left alone.
    AlreadyThere,
    /// The history holds a different session under that id: not imported; says how they
    /// differ.
    Conflict(String),
}

/// How far along a session is: questions answered, and how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions with an answer (given, timed out or cut short).
    pub answered: usize,
    /// How it ended, or `InProgress`.
    pub status: SessionStatus,
}

impl Progress {
    /// How far along `s` is.
    pub fn of(s: &SessionRecord) -> Progress {
        Progress {
            answered: s.answered(),
            status: s.status,
        }
    }

    /// Whether this is further along than `other`: more answers, or as many and ended where
    /// `other` was still in progress, or complete where `other` ended early. Of two saves of
    /// one session, the later is never behind the earlier on either.
    pub fn is_ahead_of(&self, other: &Progress) -> bool {
        use SessionStatus::*;
        let stage = |p: &Progress| match p.status {
            InProgress => 0,
            Interrupted | TimeUp => 1,
            Complete => 2,
        };
        (self.answered, stage(self)) > (other.answered, stage(other))
    }
}

/// Merges a session of an earlier grill's file: its ratings count as given by the candidate
/// (`by`, unless the record says otherwise), when the session ended.
pub(super) fn merge(
    tx: &Transaction,
    path: &Path,
    s: &SessionRecord,
    by: RatedBy,
) -> Result<Imported> {
    merge_at(tx, path, s, by, None)
}

/// Merges `incoming` into the history inside `tx`: added whole when its id is new; otherwise,
/// when it is the same session, its answers and ratings the history lacks are added and its
/// status taken when it is further along. Ratings are logged as given `by` at `at` (none: when
/// the session ended).
fn merge_at(
    tx: &Transaction,
    path: &Path,
    incoming: &SessionRecord,
    by: RatedBy,
    at: Option<jiff::Timestamp>,
) -> Result<Imported> {
    let stored = super::read::record_in(tx, path, &incoming.id, super::read::Detail::Whole)?;
    let have = stored.as_ref().map_or(0, |s| s.items.len());
    if let Some(stored) = &stored
        && let Some(how) = different_session(stored, incoming)
    {
        return Ok(Imported::Conflict(how));
    }
    if stored.is_none() && !insert_session(tx, path, &incoming.id, incoming)? {
        return Err(Error::Failed(format!(
            "session {} appeared in the history while it was imported",
            incoming.id
        )));
    }
    let mut touched = Touched::default();
    for (p, item) in incoming.items.iter().enumerate() {
        if p >= have {
            let at = insert_answer(tx, path, &incoming.id, p, item, incoming.ended_at)?;
            touched.append(item, at, &incoming.id, p);
        }
        let rated_there = stored
            .as_ref()
            .and_then(|s| s.items.get(p))
            .is_some_and(|i| i.rating.is_some());
        if let Some(r) = item.rating
            && !rated_there
        {
            let by = item.rated_by.unwrap_or(by);
            log_rating(
                tx,
                path,
                &incoming.id,
                p,
                r,
                by,
                at.unwrap_or(incoming.ended_at),
            )?;
            if p < have {
                touched.rerate(item.question_id, &incoming.id, p);
            }
        }
    }
    let Some(stored) = stored else {
        touched.apply(tx, path, &incoming.bank.title)?;
        return Ok(Imported::Added);
    };
    let (was, now) = (Progress::of(&stored), Progress::of(incoming));
    let ahead = now.is_ahead_of(&was);
    if ahead {
        update_session(tx, path, &incoming.id, incoming)?;
    }
    let added = !touched.is_empty();
    touched.apply(tx, path, &incoming.bank.title)?;
    Ok(if ahead || added {
        Imported::Updated {
            was,
            now: if ahead { now } else { was },
        }
    } else {
        Imported::AlreadyThere
    })
}

/// Why `incoming` is not the session `stored` (both have the same id), or `None` when they are
/// saves of one session: same start, seed, bank and questions, as far as both go.
fn different_session(stored: &SessionRecord, incoming: &SessionRecord) -> Option<String> {
    if stored.started_at != incoming.started_at {
        return Some(format!(
            "the history's session with that id started at {}, this one at {}",
            stored.started_at, incoming.started_at
        ));
    }
    let asked = |s: &SessionRecord| s.items.iter().map(|i| i.question_id).collect::<Vec<_>>();
    let (a, b) = (asked(stored), asked(incoming));
    let common = a.len().min(b.len());
    if stored.seed != incoming.seed
        || stored.bank.hash != incoming.bank.hash
        || stored.settings.questions != incoming.settings.questions
        || a[..common] != b[..common]
    {
        return Some(
            "the history's session with that id started at the same time but asked other questions"
                .to_string(),
        );
    }
    None
}
