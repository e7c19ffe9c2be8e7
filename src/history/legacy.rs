//! The session files of earlier grills (`sessions/<id>.json`, one JSON record a file) and how
//! they move into the database: on first use, and again whenever files are added to that
//! folder, every file not moved before is read and merged in one transaction, and remembered by
//! name (with its size and time) so that running twice, or two grills at once, moves each
//! session once. The files are never changed; one that cannot be read is named once, and tried
//! again only if it changes.

use std::collections::HashMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use rusqlite::{OptionalExtension, params};

use crate::error::Result;

use super::record::{RECORD_FORMAT, SessionRecord};
use super::{Migration, Store, db, write};

/// The largest session file read: far beyond any session grill writes (a 200-question session
/// with long answers is well under a megabyte), and small enough that `/dev/zero` or a runaway
/// file cannot exhaust memory.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The `meta` key holding the folder's stamp when it was last looked through.
const STAMP_KEY: &str = "legacy_stamp";

/// Moves the session files not moved before into the database. `None` when there was nothing
/// new to look at (the common case: one `stat` of the folder).
pub(super) fn migrate(store: &Store) -> Result<Option<Migration>> {
    let dir = store.legacy_dir();
    let Some(stamp) = stamp_of(&dir) else {
        return Ok(None);
    };
    if let Some(conn) = store.reader()
        && stored_stamp(conn, store)? == Some(stamp.clone())
    {
        return Ok(None);
    }
    let files = list(&dir);
    if files.is_empty() && store.reader().is_none() {
        // An empty folder: nothing to move, and no reason to make a database yet.
        return Ok(None);
    }
    let conn = store.writer()?;
    let path = store.db_path();
    let tx = write::begin(conn, &path)?;
    let known: HashMap<String, String> = {
        let mut stmt = tx
            .prepare("SELECT name, stamp FROM legacy_files")
            .map_err(|e| db::failed(&path, &e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|rows| rows.collect())
            .map_err(|e| db::failed(&path, &e))?
    };
    let mut report = Migration::default();
    for (name, file_stamp) in files {
        if known.get(&name) == Some(&file_stamp) {
            continue;
        }
        let file = dir.join(&name);
        let moved = match read_record(&file) {
            Ok(record) if !super::is_safe_id(&record.id) => {
                report.problems.push(format!(
                    "{}: the session id `{}` is not a safe id (letters, digits, - _ . only)",
                    file.display(),
                    record.id
                ));
                None
            }
            Ok(record) => {
                write::merge(&tx, &path, &record, super::record::RatedBy::You)?;
                report.moved += 1;
                Some(record.id)
            }
            Err(problem) => {
                report.problems.push(problem);
                None
            }
        };
        tx.execute(
            "INSERT OR REPLACE INTO legacy_files (name, session_id, stamp) VALUES (?1, ?2, ?3)",
            params![name, moved, file_stamp],
        )
        .map_err(|e| db::failed(&path, &e))?;
    }
    tx.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
        params![STAMP_KEY, stamp],
    )
    .map_err(|e| db::failed(&path, &e))?;
    tx.commit().map_err(|e| db::failed(&path, &e))?;
    Ok((report.moved > 0 || !report.problems.is_empty()).then_some(report))
}

/// The stamp of the folder (its modification time): it changes when files are added, removed
/// or renamed. `None` when there is no such folder.
fn stamp_of(dir: &Path) -> Option<String> {
    let meta = fs::metadata(dir).ok().filter(|m| m.is_dir())?;
    Some(format!("{:?}", meta.modified().ok()))
}

fn stored_stamp(conn: &rusqlite::Connection, store: &Store) -> Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [STAMP_KEY], |r| {
        r.get(0)
    })
    .optional()
    .map_err(|e| db::failed(&store.db_path(), &e))
}

/// The session files of the folder, by name, with a stamp of each (size and time), sorted.
/// Hidden files (an earlier grill's `.ID.XXXXXX.tmp`) are left out.
fn list(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let json = Path::new(&name).extension().is_some_and(|x| x == "json");
            if !json || name.starts_with('.') {
                return None;
            }
            let stamp = e
                .metadata()
                .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
                .unwrap_or_default();
            Some((name, stamp))
        })
        .collect();
    files.sort();
    files
}

/// Reads one session file, or says what is wrong with it and where. Only a regular file of at
/// most [`MAX_FILE`] bytes is read: a FIFO, a device or a link to one is named, not opened (it
/// could block or never end).
pub fn read_record(path: &Path) -> std::result::Result<SessionRecord, String> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "{shown}: not a regular file (a FIFO, a device or a folder), so not read"
        ));
    }
    if meta.len() > MAX_FILE {
        return Err(format!(
            "{shown}: {} bytes, larger than any session file ({MAX_FILE} at most), so not read",
            meta.len()
        ));
    }
    let mut text = String::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_string(&mut text))
        .map_err(|e| format!("{shown}: cannot read: {e}"))?;
    parse_record(&text).map_err(|msg| format!("{shown}:{msg}"))
}

/// Parses a session record; the error starts with `line:column: ` when the place is known.
pub fn parse_record(text: &str) -> std::result::Result<SessionRecord, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let newer = |f: u64| {
        format!(
            " written by a newer grill (record format {f}; this grill reads {RECORD_FORMAT}); upgrade grill to read it"
        )
    };
    let record = serde_json::from_str::<SessionRecord>(text).map_err(|e| {
        // A newer grill's file gets a useful message rather than a complaint about some field
        // this build does not know. Checked only on failure, so the happy path parses once.
        let value = serde_json::from_str::<serde_json::Value>(text).ok();
        if let Some(f) = value
            .as_ref()
            .and_then(|v| v.get("format"))
            .and_then(|f| f.as_u64())
            && f > u64::from(RECORD_FORMAT)
        {
            return newer(f);
        }
        let ours = value.is_some_and(|v| v.get("format").is_some() && v.get("items").is_some());
        let what = if e.is_syntax() || e.is_eof() {
            "corrupt JSON"
        } else if ours {
            // A session record with a missing field or an impossible value.
            "invalid session record"
        } else {
            "not a grill session record"
        };
        format!(
            "{}:{}: {what}: {}",
            e.line(),
            e.column(),
            crate::error::without_position(&e.to_string())
        )
    })?;
    if record.format > RECORD_FORMAT {
        return Err(newer(u64::from(record.format)));
    }
    Ok(record)
}
