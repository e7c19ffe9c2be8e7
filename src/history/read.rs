//! Reading the history: finding a session by id, id prefix or number, reading one session
//! whole, the list's one-line summaries, every session in order one at a time (a report or an
//! export never holds more than one), and each question's card.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{Error, Result};
use crate::fsrs::{Memory, Phase, Rating};
use crate::words::plural;

use super::cards::Seen;
use super::record::{BankRef, ItemRecord, RatedBy, SessionRecord, SessionStatus, Spoken};
use super::{Store, db};

/// A session a selector named: its id and its number in the list (1 = oldest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// The session's id.
    pub id: String,
    /// Its number, as `grill history` lists it.
    pub number: usize,
}

/// One line of `grill history`: what the list shows of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The session's id.
    pub id: String,
    /// When it started.
    pub started_at: jiff::Timestamp,
    /// When it ended (or was last saved).
    pub ended_at: jiff::Timestamp,
    /// The bank's title.
    pub bank: String,
    /// How it ended.
    pub status: SessionStatus,
    /// Questions drawn (items recorded).
    pub questions: usize,
    /// Questions answered (given, timed out or cut short).
    pub answered: usize,
    /// The mean score of the answered questions; none when nothing was answered.
    pub score: Option<f64>,
    /// The draw's seed.
    pub seed: u64,
}

impl Summary {
    /// What the list shows of `s` (the database works the same figures out in SQL).
    pub fn of(s: &SessionRecord) -> Summary {
        let scores: Vec<f64> = s
            .items
            .iter()
            .filter(|i| i.outcome != super::record::Outcome::Unanswered)
            .map(ItemRecord::score)
            .collect();
        Summary {
            id: s.id.clone(),
            started_at: s.started_at,
            ended_at: s.ended_at,
            bank: s.bank.title.clone(),
            status: s.status,
            questions: s.drawn(),
            answered: scores.len(),
            score: (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            seed: s.seed,
        }
    }
}

/// A value of one of the record's enums from its name in the database.
fn parse_name<T: serde::de::DeserializeOwned>(name: &str) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A JSON column.
fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A time column written by `Timestamp::to_string`.
fn parse_time(text: &str) -> rusqlite::Result<jiff::Timestamp> {
    text.parse().map_err(|e: jiff::Error| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// A time column in nanoseconds.
pub(super) fn from_nanos(ns: i64) -> rusqlite::Result<jiff::Timestamp> {
    jiff::Timestamp::from_nanosecond(i128::from(ns)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Integer, Box::new(e))
    })
}

const SESSION_QUERY: &str = "SELECT id, format, kind, started_at, ended_at, status, bank_title,
    bank_hash, seed, settings FROM sessions WHERE id = ?1";

/// A session's row, without its answers.
fn session_row(r: &rusqlite::Row) -> rusqlite::Result<SessionRecord> {
    Ok(SessionRecord {
        id: r.get(0)?,
        format: r.get(1)?,
        kind: parse_name(&r.get::<_, String>(2)?)?,
        started_at: parse_time(&r.get::<_, String>(3)?)?,
        ended_at: parse_time(&r.get::<_, String>(4)?)?,
        status: parse_name(&r.get::<_, String>(5)?)?,
        bank: BankRef {
            title: r.get(6)?,
            hash: r.get(7)?,
        },
        seed: r.get::<_, i64>(8)? as u64,
        settings: parse_json(&r.get::<_, String>(9)?)?,
        items: Vec::new(),
    })
}

/// How much of each session to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Everything the record holds.
    Whole,
    /// What figures are made of: scores, ratings, times, prompts and each bullet's text and
    /// coverage; the answers' text (an answer given reads as "…", none as empty), their notes
    /// and the words each bullet matched or missed are left out. A report reads this, and
    /// reads it far faster.
    Figures,
}

/// An assessment read for its figures: each bullet's text and coverage (the other fields are
/// skipped by the parser, not kept).
#[derive(serde::Deserialize)]
struct FiguresOnly {
    score: f64,
    bullets: Vec<BulletFigures>,
}

#[derive(serde::Deserialize)]
struct BulletFigures {
    bullet: String,
    coverage: f64,
    #[serde(default)]
    weight: f64,
    #[serde(default)]
    opposite: bool,
}

impl From<FiguresOnly> for crate::scoring::Assessment {
    fn from(f: FiguresOnly) -> Self {
        crate::scoring::Assessment {
            score: f.score,
            bullets: f
                .bullets
                .into_iter()
                .map(|b| crate::scoring::BulletAssessment {
                    wording: None,
                    bullet: b.bullet,
                    coverage: b.coverage,
                    weight: b.weight,
                    opposite: b.opposite,
                    contradicted: false,
                    matched: Vec::new(),
                    missed: Vec::new(),
                })
                .collect(),
            notes: Vec::new(),
        }
    }
}

/// The answers' columns, with each answer's latest rating and its source.
const ANSWER_QUERY: &str = "
    SELECT a.question_id, a.chapter, a.prompt, a.answer, a.outcome, a.time_used_ms,
           a.assessment, a.notes, a.answered_at, r.rating, r.source, a.spoken_ms, a.transcript
    FROM answers a
    LEFT JOIN reviews r ON r.id = (
        SELECT id FROM reviews x
        WHERE x.session_id = a.session_id AND x.position = a.position AND x.undone = 0
        ORDER BY x.id DESC LIMIT 1)
    WHERE a.session_id = ?1
    ORDER BY a.position";

fn answer_row(r: &rusqlite::Row, detail: Detail) -> rusqlite::Result<ItemRecord> {
    let rating: Option<String> = r.get(9)?;
    let source: Option<String> = r.get(10)?;
    let text = |i| r.get_ref(i).and_then(|v| v.as_str().map_err(Into::into));
    let (answer, assessment, notes) = match detail {
        Detail::Whole => (r.get(3)?, parse_json(text(6)?)?, parse_json(text(7)?)?),
        Detail::Figures => (
            // Whether there was an answer, not what it said: "…" or nothing.
            if text(3)?.trim().is_empty() {
                String::new()
            } else {
                "…".to_string()
            },
            parse_json::<FiguresOnly>(text(6)?)?.into(),
            Vec::new(),
        ),
    };
    Ok(ItemRecord {
        question_id: r.get(0)?,
        chapter: r.get(1)?,
        prompt: r.get(2)?,
        answer,
        outcome: parse_name(&r.get::<_, String>(4)?)?,
        time_used_ms: r.get::<_, i64>(5)?.max(0) as u64,
        assessment,
        notes,
        answered_at: r
            .get::<_, Option<String>>(8)?
            .as_deref()
            .map(parse_time)
            .transpose()?,
        rating: rating.as_deref().and_then(Rating::parse),
        rated_by: source.as_deref().and_then(RatedBy::parse),
        spoken: r
            .get::<_, Option<i64>>(11)?
            .map(|ms| -> rusqlite::Result<Spoken> {
                Ok(Spoken {
                    audio_ms: ms.max(0) as u64,
                    // Like the answer, read only for the whole record.
                    transcript: match detail {
                        Detail::Whole => r.get(12)?,
                        Detail::Figures => None,
                    },
                })
            })
            .transpose()?,
    })
}

/// Session `id` read through `conn` (a transaction, to read inside a write), or none.
pub(super) fn record_in(
    conn: &Connection,
    path: &Path,
    id: &str,
    detail: Detail,
) -> Result<Option<SessionRecord>> {
    let read = || -> rusqlite::Result<Option<SessionRecord>> {
        let Some(mut record) = conn
            .prepare_cached(SESSION_QUERY)?
            .query_row([id], session_row)
            .optional()?
        else {
            return Ok(None);
        };
        let mut stmt = conn.prepare_cached(ANSWER_QUERY)?;
        record.items = stmt
            .query_map([id], |r| answer_row(r, detail))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(record))
    };
    read().map_err(|e| db::failed(path, &e))
}

impl Store {
    /// How many sessions the history holds.
    pub fn count(&self) -> Result<usize> {
        let Some(conn) = self.reader() else {
            return Ok(0);
        };
        conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// The session `selector` names: an id, a unique id prefix, or a number from `grill
    /// history` (1 = oldest).
    pub fn find(&self, selector: &str) -> Result<Selection> {
        let (id, number) = self.resolve(selector)?;
        let number = match number {
            Some(n) => n,
            None => self.number_of(&id)?,
        };
        Ok(Selection { id, number })
    }

    /// The number `grill history` gives session `id` (1 = oldest): counting the sessions before
    /// it, so it costs a read of the index of start times.
    fn number_of(&self, id: &str) -> Result<usize> {
        let Some(conn) = self.reader() else {
            return Ok(0);
        };
        conn.query_row(
            "SELECT count(*) FROM sessions WHERE (started_ns, id) <=
               (SELECT started_ns, id FROM sessions WHERE id = ?1)",
            [id],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as usize)
        .map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// The id of the session `selector` names ([`Store::find`]), with its number when the
    /// selector was one: without counting the sessions before it, which a rating need not.
    fn resolve(&self, selector: &str) -> Result<(String, Option<usize>)> {
        let sel = selector.trim();
        let none = || {
            let count = self.count().unwrap_or(0);
            Error::input(format!(
                "no session `{sel}` in the history ({count} session{}); see `grill history` for ids and numbers",
                plural(count)
            ))
        };
        let Some(conn) = self.reader() else {
            return Err(none());
        };
        let path = self.db_path();
        let fail = |e: rusqlite::Error| db::failed(&path, &e);
        if let Ok(n) = sel.parse::<usize>()
            && sel.len() < 8
            && (1..=self.count()?).contains(&n)
        {
            let id: String = conn
                .query_row(
                    "SELECT id FROM sessions ORDER BY started_ns, id LIMIT 1 OFFSET ?1",
                    [n as i64 - 1],
                    |r| r.get(0),
                )
                .map_err(fail)?;
            return Ok((id, Some(n)));
        }
        // Ids are letters, digits and `-_.`, all below DEL, so the ids starting with `sel` are
        // the index range [sel, sel + DEL): found without reading every id.
        let upper = format!("{sel}\u{7f}");
        let mut stmt = conn
            .prepare(
                "SELECT id FROM sessions WHERE id >= ?1 AND id < ?2
                 ORDER BY id = ?1 DESC, id LIMIT 3",
            )
            .map_err(fail)?;
        let ids: Vec<String> = stmt
            .query_map([sel, upper.as_str()], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(fail)?;
        match ids.as_slice() {
            [] => Err(none()),
            [first, ..] if first == sel || ids.len() == 1 => Ok((first.clone(), None)),
            _ => {
                let n: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM sessions WHERE id >= ?1 AND id < ?2",
                        [sel, upper.as_str()],
                        |r| r.get(0),
                    )
                    .map_err(fail)?;
                Err(Error::input(format!(
                    "`{sel}` matches {n} sessions; give more of the id (see `grill history`)"
                )))
            }
        }
    }

    /// Session `id` read whole, or none.
    pub fn session(&self, id: &str) -> Result<Option<SessionRecord>> {
        match self.reader() {
            None => Ok(None),
            Some(conn) => record_in(conn, &self.db_path(), id, Detail::Whole),
        }
    }

    /// The session `selector` names, read whole, with its number.
    pub fn select(&self, selector: &str) -> Result<(SessionRecord, usize)> {
        let s = self.find(selector)?;
        Ok((self.whole(&s.id)?, s.number))
    }

    /// The session `selector` names, read whole, without its number (a rating or a retry need
    /// not count the sessions before it).
    pub fn pick(&self, selector: &str) -> Result<SessionRecord> {
        self.whole(&self.resolve(selector)?.0)
    }

    /// Session `id` read whole; deleted since it was found, an error.
    fn whole(&self, id: &str) -> Result<SessionRecord> {
        self.session(id)?
            .ok_or_else(|| Error::input(format!("session {id} was deleted meanwhile")))
    }

    /// What `grill history` shows of every session, oldest first. The mean score is summed in
    /// Rust in answer order, as [`Summary::of`] sums it, so both give the same figure.
    pub fn summaries(&self) -> Result<Vec<Summary>> {
        let Some(conn) = self.reader() else {
            return Ok(Vec::new());
        };
        let sql = "
            SELECT s.id, s.started_at, s.ended_at, s.bank_title, s.status, s.seed,
                   a.score, a.outcome, s.kind, json_extract(s.settings, '$.questions')
            FROM sessions s LEFT JOIN answers a ON a.session_id = s.id
            ORDER BY s.started_ns, s.id, a.position";
        let read = || -> rusqlite::Result<Vec<Summary>> {
            let mut stmt = conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            let mut out: Vec<Summary> = Vec::new();
            let mut sums: Vec<f64> = Vec::new();
            // Per session, the questions an interview drew: one still in progress (its grill
            // killed outright) has recorded only those it reached (as `Summary::of` counts).
            let mut drawn: Vec<usize> = Vec::new();
            while let Some(r) = rows.next()? {
                let id = r.get_ref(0)?.as_str()?;
                if out.last().is_none_or(|s| s.id != id) {
                    let interview = r.get_ref(8)?.as_str()? == "interview";
                    let n = r.get::<_, Option<i64>>(9)?.unwrap_or(0);
                    drawn.push(if interview {
                        usize::try_from(n).unwrap_or(0)
                    } else {
                        0
                    });
                    out.push(Summary {
                        id: id.to_string(),
                        started_at: parse_time(r.get_ref(1)?.as_str()?)?,
                        ended_at: parse_time(r.get_ref(2)?.as_str()?)?,
                        bank: r.get(3)?,
                        status: parse_name(r.get_ref(4)?.as_str()?)?,
                        seed: r.get::<_, i64>(5)? as u64,
                        questions: 0,
                        answered: 0,
                        score: None,
                    });
                    sums.push(0.0);
                }
                let (Some(score), Some(outcome)) =
                    (r.get::<_, Option<f64>>(6)?, r.get::<_, Option<String>>(7)?)
                else {
                    continue;
                };
                let last = out.last_mut().expect("pushed above");
                last.questions += 1;
                if outcome != "unanswered" {
                    last.answered += 1;
                    *sums.last_mut().expect("pushed above") += score;
                }
            }
            for ((s, sum), drawn) in out.iter_mut().zip(sums).zip(drawn) {
                s.score = (s.answered > 0).then(|| sum / s.answered as f64);
                if s.status == SessionStatus::InProgress {
                    s.questions = s.questions.max(drawn);
                }
            }
            Ok(out)
        };
        read().map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// Calls `each` with every session whose id `ids` lists (all of them, oldest first, when
    /// `ids` is none), read whole one at a time, so a report or an export of any length holds
    /// one session at a time. Stops at the first error `each` returns.
    pub fn each_session(
        &self,
        ids: Option<&[String]>,
        detail: Detail,
        each: &mut dyn FnMut(SessionRecord) -> Result<()>,
    ) -> Result<()> {
        let Some(conn) = self.reader() else {
            return Ok(());
        };
        let path = self.db_path();
        // One read transaction: one lock for the whole walk, and one consistent snapshot while
        // other grills write.
        let tx = conn
            .unchecked_transaction()
            .map_err(|e| db::failed(&path, &e))?;
        let conn: &Connection = &tx;
        let all;
        let ids = match ids {
            Some(ids) => ids,
            None => {
                let mut stmt = conn
                    .prepare("SELECT id FROM sessions ORDER BY started_ns, id")
                    .map_err(|e| db::failed(&path, &e))?;
                all = stmt
                    .query_map([], |r| r.get::<_, String>(0))
                    .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(|e| db::failed(&path, &e))?;
                &all
            }
        };
        for id in ids {
            if let Some(record) = record_in(conn, &path, id, detail)? {
                each(record)?;
            }
        }
        Ok(())
    }

    /// Every session read whole, oldest first (an export; views that can work one session at a
    /// time use [`Store::each_session`]).
    pub fn all_sessions(&self) -> Result<Vec<SessionRecord>> {
        let mut all = Vec::new();
        self.each_session(None, Detail::Whole, &mut |s| {
            all.push(s);
            Ok(())
        })?;
        Ok(all)
    }

    /// The ids of the sessions, oldest first: those of the bank titled `bank` (all banks for
    /// none) that started at `since` or later, the last `last` of them.
    pub fn ids(
        &self,
        bank: Option<&str>,
        since: Option<jiff::Timestamp>,
        last: Option<usize>,
    ) -> Result<Vec<String>> {
        let Some(conn) = self.reader() else {
            return Ok(Vec::new());
        };
        let path = self.db_path();
        let since = since.map(super::nanos).transpose()?.unwrap_or(i64::MIN);
        let limit = last.map_or(-1, |n| n as i64);
        let mut stmt = conn
            .prepare(
                "SELECT id FROM (SELECT id, started_ns FROM sessions
                   WHERE started_ns >= ?1 AND (?3 IS NULL OR bank_title = ?3)
                   ORDER BY started_ns DESC, id DESC LIMIT ?2)
                 ORDER BY started_ns, id",
            )
            .map_err(|e| db::failed(&path, &e))?;
        stmt.query_map(params![since, limit, bank], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| db::failed(&path, &e))
    }

    /// Each bank title's sessions: how many, and when the latest started (one grouped query on
    /// the sessions' bank index).
    pub fn banks(&self) -> Result<Vec<(String, usize, jiff::Timestamp)>> {
        let Some(conn) = self.reader() else {
            return Ok(Vec::new());
        };
        let read = || -> rusqlite::Result<Vec<(String, usize, jiff::Timestamp)>> {
            let mut stmt = conn.prepare(
                "SELECT bank_title, count(*), max(started_ns) FROM sessions GROUP BY bank_title",
            )?;
            stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, i64>(1)? as usize,
                    from_nanos(r.get(2)?)?,
                ))
            })?
            .collect()
        };
        read().map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// How many sessions of the bank titled `bank` the history holds.
    pub fn count_of_bank(&self, bank: &str) -> Result<usize> {
        let Some(conn) = self.reader() else {
            return Ok(0);
        };
        conn.query_row(
            "SELECT count(*) FROM sessions WHERE bank_title = ?1",
            [bank],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| n as usize)
        .map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// The latest session with answers not rated yet.
    pub fn latest_unrated(&self) -> Result<Option<String>> {
        let Some(conn) = self.reader() else {
            return Ok(None);
        };
        conn.query_row(
            "SELECT s.id FROM sessions s WHERE EXISTS (
                 SELECT 1 FROM answers a WHERE a.session_id = s.id AND a.outcome != 'unanswered'
                 AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.session_id = a.session_id
                                 AND r.position = a.position AND r.undone = 0))
             ORDER BY s.started_ns DESC, s.id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| db::failed(&self.db_path(), &e))
    }

    /// The cards of the questions of the bank titled `bank`: one row each, however many
    /// sessions answered them.
    pub fn cards(&self, bank: &str) -> Result<HashMap<u32, Seen>> {
        let Some(conn) = self.reader() else {
            return Ok(HashMap::new());
        };
        let read = || -> rusqlite::Result<HashMap<u32, Seen>> {
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {CARD_COLUMNS} FROM cards WHERE bank_title = ?1"
            ))?;
            stmt.query_map([bank], card_row)?.collect()
        };
        read().map_err(|e| db::failed(&self.db_path(), &e))
    }
}

/// The columns of a card, as [`card_row`] reads them.
pub(super) const CARD_COLUMNS: &str = "question_id, stability, difficulty, phase, last_review_ns,
    due_ns, reviews, lapses, latest_score, latest_rating, first_seen_ns, last_seen_ns, attempts";

/// A card's row: its question and what the history has seen of it.
pub(super) fn card_row(r: &rusqlite::Row) -> rusqlite::Result<(u32, Seen)> {
    let seen = Seen {
        memory: Memory {
            stability: r.get(1)?,
            difficulty: r.get(2)?,
            phase: phase_of(&r.get::<_, String>(3)?),
            last_review: from_nanos(r.get(4)?)?,
            due: from_nanos(r.get(5)?)?,
            reviews: r.get(6)?,
            lapses: r.get(7)?,
        },
        latest: r.get(8)?,
        latest_rating: Rating::parse(&r.get::<_, String>(9)?).unwrap_or(Rating::Again),
        first_seen: from_nanos(r.get(10)?)?,
        last_seen: from_nanos(r.get(11)?)?,
        attempts: r.get::<_, i64>(12)? as usize,
    };
    Ok((r.get(0)?, seen))
}

/// A phase from its name in the `cards` table.
pub(super) fn phase_of(name: &str) -> Phase {
    match name {
        "learning" => Phase::Learning,
        "relearning" => Phase::Relearning,
        _ => Phase::Review,
    }
}
