//! The history's database, `grill.db`: opening it (WAL journal, a busy timeout, foreign keys),
//! its schema and the migrations that bring an older schema up to date, and the checks that
//! keep a damaged or foreign file from being written to.
//!
//! The schema is documented in README ("Where the history lives") for people who query it with
//! `sqlite3`; `PRAGMA user_version` is its version. Every migration runs in one transaction, so
//! a file is always at one version or the next, never between.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, Result};

/// The schema this build writes. Raised by one with every migration added to [`MIGRATIONS`].
pub const SCHEMA_VERSION: i64 = 2;

/// How long a write waits for another grill's write to finish before giving up. Writes are
/// single answers and ratings, milliseconds each, so this is only reached when something holds
/// the database for far longer (a `sqlite3` shell left in a transaction).
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The migrations, in order: `MIGRATIONS[n]` takes a database from version `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: the first schema.
    "
    CREATE TABLE sessions (
        id          TEXT PRIMARY KEY,
        format      INTEGER NOT NULL,
        kind        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        started_ns  INTEGER NOT NULL,
        ended_at    TEXT NOT NULL,
        status      TEXT NOT NULL,
        bank_title  TEXT NOT NULL,
        bank_hash   TEXT NOT NULL,
        seed        INTEGER NOT NULL,
        settings    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sessions_by_start ON sessions (started_ns, id);
    CREATE INDEX sessions_by_bank ON sessions (bank_title, started_ns);

    CREATE TABLE answers (
        session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        question_id  INTEGER NOT NULL,
        chapter      TEXT NOT NULL,
        prompt       TEXT NOT NULL,
        answer       TEXT NOT NULL,
        outcome      TEXT NOT NULL,
        time_used_ms INTEGER NOT NULL,
        score        REAL NOT NULL,
        assessment   TEXT NOT NULL,
        notes        TEXT NOT NULL,
        answered_at  TEXT,
        answered_ns  INTEGER NOT NULL,
        spoken_ms    INTEGER,
        transcript   TEXT,
        PRIMARY KEY (session_id, position)
    ) STRICT;
    CREATE INDEX answers_by_question ON answers (question_id, answered_ns);

    CREATE TABLE reviews (
        id          INTEGER PRIMARY KEY,
        session_id  TEXT NOT NULL,
        position    INTEGER NOT NULL,
        rating      TEXT NOT NULL,
        source      TEXT NOT NULL,
        at          TEXT NOT NULL,
        at_ns       INTEGER NOT NULL,
        undone      INTEGER NOT NULL DEFAULT 0,
        FOREIGN KEY (session_id, position)
            REFERENCES answers (session_id, position) ON DELETE CASCADE
    ) STRICT;
    CREATE INDEX reviews_by_answer ON reviews (session_id, position, id);
    CREATE INDEX reviews_by_time ON reviews (at_ns, id);

    CREATE TABLE cards (
        bank_title     TEXT NOT NULL,
        question_id    INTEGER NOT NULL,
        stability      REAL NOT NULL,
        difficulty     REAL NOT NULL,
        phase          TEXT NOT NULL,
        last_review_ns INTEGER NOT NULL,
        due_ns         INTEGER NOT NULL,
        reviews        INTEGER NOT NULL,
        lapses         INTEGER NOT NULL,
        latest_score   REAL NOT NULL,
        latest_rating  TEXT NOT NULL,
        first_seen_ns  INTEGER NOT NULL,
        last_seen_ns   INTEGER NOT NULL,
        attempts       INTEGER NOT NULL,
        PRIMARY KEY (bank_title, question_id)
    ) STRICT;

    CREATE TABLE legacy_files (
        name        TEXT PRIMARY KEY,
        session_id  TEXT,
        stamp       TEXT NOT NULL
    ) STRICT;

    CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) STRICT;
    ",
    // 1 -> 2: rating the latest answer of a question again costs the same at any history size.
    // A card keeps which answer is its latest and the memory before it, so a new rating of that
    // answer is one scheduler step from there; and the answers of a question are read from
    // the index alone when a card must be made again from all of them.
    "
    ALTER TABLE cards ADD COLUMN latest_session TEXT;
    ALTER TABLE cards ADD COLUMN latest_position INTEGER;
    ALTER TABLE cards ADD COLUMN before_stability REAL;
    ALTER TABLE cards ADD COLUMN before_difficulty REAL;
    ALTER TABLE cards ADD COLUMN before_phase TEXT;
    ALTER TABLE cards ADD COLUMN before_last_review_ns INTEGER;
    ALTER TABLE cards ADD COLUMN before_due_ns INTEGER;
    ALTER TABLE cards ADD COLUMN before_reviews INTEGER;
    ALTER TABLE cards ADD COLUMN before_lapses INTEGER;
    DROP INDEX answers_by_question;
    CREATE INDEX answers_by_question
        ON answers (question_id, answered_ns, session_id, position, outcome, score);
    ",
];

/// Opens (creating it when `create`) the database at `path` and brings its schema up to date.
///
/// A file that is not a grill database, or that SQLite finds damaged, is never written to: the
/// error names the problem and what to do.
pub fn open(path: &Path, create: bool) -> Result<Connection> {
    let flags = if create {
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| failed(path, &e))?;
    // A history on read-only media (a read-only mount, a backup disc): SQLite opens it read-only
    // on its own, but cannot keep a journal there; read it as it is, and let a write say why it
    // cannot be made.
    if conn
        .is_readonly(rusqlite::MAIN_DB)
        .map_err(|e| failed(path, &e))?
    {
        drop(conn);
        return read_only(path);
    }
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| failed(path, &e))?;
    // WAL: readers never wait for the writer, and a crash mid-write leaves the last committed
    // state. `synchronous = NORMAL` in WAL mode is still safe against corruption; a power cut
    // may lose the last commit, never an earlier one.
    match conn.pragma_update(None, "journal_mode", "WAL") {
        Ok(()) => {}
        // A database that can be written in a folder that cannot (a read-only copy of the
        // history, a folder made read-only): WAL needs its files beside it. Read it as it is,
        // as on read-only media, unless the last writer left changes in its WAL file, which
        // only a writable folder can bring in.
        Err(e) if !create && cannot_write_beside(&e) => {
            drop(conn);
            return read_only(path);
        }
        Err(e) => return Err(failed(path, &e)),
    }
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| failed(path, &e))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| failed(path, &e))?;
    // The query planner's stability guarantee: a statement keeps its plan whatever values are
    // bound to it. Without it SQLite (built with STAT4) compiles the statement again for every
    // new session id bound, which was a third of the time of a report.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )
    .map_err(|e| failed(path, &e))?;
    // 16 MB of page cache (the default is 2 MB): a report or an export reads every page once.
    conn.pragma_update(None, "cache_size", -16 * 1024)
        .map_err(|e| failed(path, &e))?;
    migrate(&conn, path)?;
    Ok(conn)
}

/// Whether SQLite failed for want of a file it could create or write beside the database.
fn cannot_write_beside(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
    )
}

/// Whether the database's WAL file holds changes not yet in the database itself.
fn wal_pending(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// Opens an existing database that cannot be written, for reading: `immutable`, so SQLite
/// neither needs its journal files nor locks (nothing can write to read-only media). A write
/// through it fails as read-only.
fn read_only(path: &Path) -> Result<Connection> {
    // The last writer's changes still in its WAL file are not in the database: read without
    // them, the history would look older than it is.
    if wal_pending(path) {
        return Err(Error::Failed(format!(
            "{} cannot be written, and its last changes are still in its WAL file, which only a \
             writable copy can bring in; make it (and its folder) writable once, or copy both \
             files somewhere writable and set GRILL_HOME there",
            path.display()
        )));
    }
    // A URI: the characters it gives a meaning to are escaped, or "%41" in a folder's name
    // would open another history, and "?" or "#" none.
    let escaped: String = path
        .display()
        .to_string()
        .chars()
        .map(|c| match c {
            '%' => "%25".to_string(),
            '?' => "%3f".to_string(),
            '#' => "%23".to_string(),
            c => c.to_string(),
        })
        .collect();
    let uri = format!("file:{escaped}?immutable=1");
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| failed(path, &e))?;
    let version = user_version(&conn, path)?;
    if version != SCHEMA_VERSION {
        return Err(Error::Failed(format!(
            "{} is read-only and at history schema {version}, which this grill cannot read \
             without changing it",
            path.display()
        )));
    }
    Ok(conn)
}

/// Brings the schema to [`SCHEMA_VERSION`], one migration a transaction. Two grills opening a
/// new database at once both try; the second finds the work done (the check runs inside the
/// write transaction).
fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let version = user_version(conn, path)?;
    if version > SCHEMA_VERSION {
        return Err(Error::Failed(format!(
            "{} was written by a newer grill (history schema {version}; this grill reads {SCHEMA_VERSION}); \
             upgrade grill to use it",
            path.display()
        )));
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    if version == 0 {
        foreign_check(conn, path)?;
    }
    for step in version..SCHEMA_VERSION {
        let mut conn_tx = unchecked_tx(conn, path)?;
        // Read again inside the write lock: another grill may have migrated meanwhile.
        let now = user_version(&conn_tx, path)?;
        if now > step {
            conn_tx.rollback().map_err(|e| failed(path, &e))?;
            continue;
        }
        conn_tx
            .execute_batch(MIGRATIONS[step as usize])
            .map_err(|e| failed(path, &e))?;
        conn_tx
            .pragma_update(None, "user_version", step + 1)
            .map_err(|e| failed(path, &e))?;
        conn_tx.set_drop_behavior(rusqlite::DropBehavior::Commit);
        conn_tx.commit().map_err(|e| failed(path, &e))?;
    }
    Ok(())
}

/// A write transaction taken at once (`BEGIN IMMEDIATE`), so two writers queue on the busy
/// timeout instead of failing when one tries to upgrade a read to a write.
fn unchecked_tx<'c>(conn: &'c Connection, path: &Path) -> Result<rusqlite::Transaction<'c>> {
    rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
        .map_err(|e| failed(path, &e))
}

/// The schema version a database says it has.
fn user_version(conn: &Connection, path: &Path) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| failed(path, &e))
}

/// A database at version 0 must be empty: a file with tables of its own is someone else's, and
/// grill does not add its tables to it.
fn foreign_check(conn: &Connection, path: &Path) -> Result<()> {
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| failed(path, &e))?;
    if tables > 0 {
        return Err(Error::Failed(format!(
            "{} is an SQLite database, but not grill's history (it has tables of its own and no \
             grill schema); move it away or set GRILL_HOME to another folder",
            path.display()
        )));
    }
    Ok(())
}

/// `PRAGMA integrity_check`: `None` when the database is sound, else SQLite's first findings.
pub fn integrity(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(if rows == ["ok"] {
        None
    } else {
        Some(rows.join("; "))
    })
}

/// `PRAGMA quick_check`: `integrity_check` without comparing indexes to their tables, so
/// linear in the database's size; `None` when sound, else SQLite's first findings.
pub fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows != ["ok"]).then(|| rows.join("; ")))
}

/// The database at `path` is damaged, as a check `found`: never written to.
pub fn damaged(path: &Path, found: &str) -> Error {
    let shown = path.display();
    Error::Failed(format!(
        "{shown} is damaged (SQLite's check: {found}); grill will not write to it. Keep a copy, \
         then try `sqlite3 {shown} .recover > recovered.sql`, or move it away to start a new \
         history"
    ))
}

/// An error of the database at `path`, worded for a person: what happened and what to do.
pub fn failed(path: &Path, e: &rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    let shown = path.display();
    let code = match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    };
    match code {
        Some(C::NotADatabase) => Error::Failed(format!(
            "{shown} is not an SQLite database (or is encrypted); grill will not write to it: \
             move it away to start a new history, or set GRILL_HOME to another folder"
        )),
        Some(C::DatabaseCorrupt) => Error::Failed(format!(
            "{shown} is damaged ({e}); grill will not write to it. Keep a copy, then try \
             `sqlite3 {shown} .recover > recovered.sql`, or move it away to start a new history"
        )),
        Some(C::DatabaseBusy | C::DatabaseLocked) => Error::Failed(format!(
            "{shown} is locked by another program for longer than {}s ({e}); close it (a \
             `sqlite3` shell in a transaction?) and try again",
            BUSY_TIMEOUT.as_secs()
        )),
        Some(C::DiskFull) => Error::Failed(format!(
            "cannot write {shown}: the disk is full; free some space and try again"
        )),
        Some(C::ReadOnly) => Error::Failed(format!(
            "cannot write {shown}: it (or its folder) is read-only; make it writable, or set \
             GRILL_HOME to a folder you can write"
        )),
        Some(C::CannotOpen | C::PermissionDenied) => Error::Failed(format!(
            "cannot open {shown} ({e}); check that its folder exists and is yours to write, or \
             set GRILL_HOME to another folder"
        )),
        _ => Error::Failed(format!("{shown}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_history_is_refused_while_its_wal_holds_changes_and_found_by_any_name() {
        // Read without the changes in its WAL file, the history would look older than it is.
        let dir = tempfile::tempdir().unwrap();
        // "%41" would be "A" in a URI, and "?" or "#" would end its path there.
        let folder = dir.path().join("per%41cent #1?");
        std::fs::create_dir(&folder).unwrap();
        let path = folder.join("grill.db");
        drop(open(&path, true).unwrap());
        let conn = read_only(&path).unwrap();
        assert_eq!(user_version(&conn, &path).unwrap(), SCHEMA_VERSION);
        drop(conn);
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        std::fs::write(&wal, b"pending").unwrap();
        let err = read_only(&path).unwrap_err().to_string();
        assert!(err.contains("still in its WAL file"), "{err}");
    }

    #[test]
    fn a_schema_1_database_is_brought_to_2_keeping_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grill.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute(
                "INSERT INTO cards VALUES ('b', 1, 2.5, 5.0, 'review', 0, 1, 1, 0, 80.0, 'good',
                 0, 0, 1)",
                [],
            )
            .unwrap();
        }
        let conn = open(&path, true).unwrap();
        assert_eq!(user_version(&conn, &path).unwrap(), 2);
        let row: (f64, Option<String>, Option<f64>) = conn
            .query_row(
                "SELECT stability, latest_session, before_stability FROM cards",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(row, (2.5, None, None));
        // The fold that makes a card again reads its answers from the index alone.
        let plan: Vec<String> = conn
            .prepare(&format!(
                "EXPLAIN QUERY PLAN {}",
                super::super::cards::ANSWERS
            ))
            .unwrap()
            .query_map(rusqlite::params!["b", 1], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter()
                .any(|p| p.contains("COVERING INDEX answers_by_question")),
            "{plan:?}"
        );
    }

    #[test]
    fn a_new_database_gets_the_schema_once_and_reopens_at_its_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grill.db");
        let conn = open(&path, true).unwrap();
        assert_eq!(user_version(&conn, &path).unwrap(), SCHEMA_VERSION);
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(conn);
        // Opening again migrates nothing and changes nothing.
        let conn = open(&path, false).unwrap();
        assert_eq!(user_version(&conn, &path).unwrap(), SCHEMA_VERSION);
        assert_eq!(integrity(&conn).unwrap(), None);
    }

    #[test]
    fn foreign_damaged_and_newer_files_are_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        // Not SQLite at all.
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
        let e = open(&junk, true).unwrap_err().to_string();
        assert!(e.contains("not an SQLite database"), "{e}");
        assert_eq!(std::fs::read(&junk).unwrap(), vec![b'x'; 8192]);
        // Someone else's database.
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
        let e = open(&other, true).unwrap_err().to_string();
        assert!(e.contains("not grill's history"), "{e}");
        // A newer grill's.
        let newer = dir.path().join("newer.db");
        Connection::open(&newer)
            .unwrap()
            .pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let e = open(&newer, true).unwrap_err().to_string();
        assert!(e.contains("newer grill"), "{e}");
        // Missing and not to be created.
        let e = open(&dir.path().join("none.db"), false)
            .unwrap_err()
            .to_string();
        assert!(e.contains("cannot open"), "{e}");
    }
}
