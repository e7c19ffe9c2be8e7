//! The history: every session, answer and rating, kept in one SQLite database, `grill.db`,
//! under the data directory (`GRILL_HOME`, else the platform's data folder).
//!
//! Saving never rewrites what it did not change: a session is a row, each answer a row written
//! once, and ratings an append-only review log (an answer's rating is its latest entry). Saving
//! an answer, rating one, deleting a session and importing are each one transaction, so two
//! grills working on the same session (a review while the session still runs, parallel `history
//! rate`s, an import) never lose each other's writes, and a kill at any moment leaves the last
//! committed state. Each question's scheduling state (its [`cards::Seen`] card) is kept up to date
//! in the transaction that changes it, so the due queue and the "Today:" line read one row a
//! question, however long the history.
//!
//! The parts: `db` (opening, schema, migrations), `legacy` (the `sessions/*.json` files of
//! earlier grills, moved in on first use and never changed), `write` (saving a running session,
//! rating, deleting, importing), `undo` (taking a rating back), `read` (finding and reading sessions, the list, streaming),
//! `cards` (the fold that makes a question's card, and the review log it is made from),
//! `weights` (the candidate's own FSRS weights, and the scheduler every command makes from
//! them), `record` (the session record, also the export's format), `export` (the portable JSON
//! document).

pub mod cards;
pub mod db;
pub mod export;
mod legacy;
mod read;
pub mod record;
mod undo;
pub mod weights;
mod write;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::words::plural;

pub use legacy::{parse_record, read_record};
pub use read::{Detail, Selection, Summary};
pub use undo::{UndoTarget, Undone};
pub use write::{Imported, Progress, RatedAnswer, SessionWriter};

/// The environment variable that overrides the data directory (tests and portable setups).
pub const HOME_ENV: &str = "GRILL_HOME";

/// The database's file name in the data directory.
pub const DB_FILE: &str = "grill.db";

/// The history of one data directory.
///
/// Opening it reads nothing but the schema version; a history that does not exist yet is
/// empty, and the database is made on the first write (or when there are session files of an
/// earlier grill to move in), so commands that only read never create files.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    db: OnceCell<Connection>,
    /// Whether this process checked the database before its first write (`writer`).
    checked: std::cell::Cell<bool>,
    /// What moving the session files of an earlier grill in did, when this opening did it.
    migrated: Option<Migration>,
}

/// What moving `sessions/*.json` into the database did, reported once by the command that did
/// it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Migration {
    /// Sessions moved in (or merged into ones already there).
    pub moved: usize,
    /// One message per file that could not be read (its path, line and what is wrong); those
    /// files are left as they are.
    pub problems: Vec<String>,
}

impl Migration {
    /// "Moved 12 sessions from …/sessions into …/grill.db (the files are left as they are)."
    pub fn sentence(&self, store: &Store) -> String {
        format!(
            "Moved {} session{} from {} into {} (the files are left as they are).",
            self.moved,
            plural(self.moved),
            store.legacy_dir().display(),
            store.db_path().display()
        )
    }
}

impl Store {
    /// The history in `GRILL_HOME`, or in the platform's data directory.
    pub fn open_default() -> Result<Store> {
        Store::open(data_dir()?)
    }

    /// The history in the data directory `root`. Fails when `root` is not a folder, or its
    /// database cannot be used (damaged, another program's, a newer grill's); moves the session
    /// files of an earlier grill in when there are new ones.
    pub fn open(root: impl Into<PathBuf>) -> Result<Store> {
        let root = root.into();
        if root.exists() && !root.is_dir() {
            return Err(Error::input(format!(
                "the data directory {} is not a folder; set {HOME_ENV} to a folder (grill makes \
                 it if it is missing)",
                root.display()
            )));
        }
        let mut store = Store {
            root,
            db: OnceCell::new(),
            checked: std::cell::Cell::new(false),
            migrated: None,
        };
        if store.db_path().exists() {
            store.connect(false)?;
        }
        store.migrated = legacy::migrate(&store)?;
        Ok(store)
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.root.join(DB_FILE)
    }

    /// The folder of an earlier grill's session files.
    pub fn legacy_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// What this opening moved in from an earlier grill's files, once.
    pub fn take_migration(&mut self) -> Option<Migration> {
        self.migrated.take()
    }

    /// The database, when it exists (none: the history is empty).
    fn reader(&self) -> Option<&Connection> {
        self.db.get()
    }

    /// The database, made (with the data directory) if it does not exist yet.
    /// Before this process first writes, the database is checked (`PRAGMA quick_check`): a
    /// damaged one is never written to. SQLite finds damage only on the pages a statement
    /// reads, so a write beside a bad page went in; the check reads every page once (0.4 s for
    /// a 570 MB history of 30,000 sessions, milliseconds for a usual one).
    fn writer(&self) -> Result<&Connection> {
        let conn = self.made()?;
        if !self.checked.get() {
            let found = db::quick_check(conn).map_err(|e| db::failed(&self.db_path(), &e))?;
            if let Some(found) = found {
                return Err(db::damaged(&self.db_path(), &found));
            }
            self.checked.set(true);
        }
        Ok(conn)
    }

    /// The database, made (with the data directory) if it does not exist yet, unchecked: for
    /// reading it whole, as a backup does (a damaged history is what one wants a copy of).
    fn made(&self) -> Result<&Connection> {
        match self.db.get() {
            Some(c) => Ok(c),
            None => {
                self.create_dir()?;
                self.connect(true)
            }
        }
    }

    fn connect(&self, create: bool) -> Result<&Connection> {
        let path = self.db_path();
        let new = create && !path.exists();
        if new {
            // Made first, empty and private (0600 on Unix: answers are personal), so SQLite
            // opens a file that is the owner's alone; its journal files take the same mode.
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::write(&path, e)),
            }
        }
        let conn = db::open(&path, create)?;
        Ok(self.db.get_or_init(|| conn))
    }

    /// Creates the data directory if it is missing, readable by the owner only on Unix (0700:
    /// answers are private). A folder that exists keeps its permissions.
    fn create_dir(&self) -> Result<()> {
        if let Some(parent) = self.root.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        match builder.create(&self.root) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && self.root.is_dir() => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::input(format!(
                "the data directory {} is not a folder; set {HOME_ENV} to a folder",
                self.root.display()
            ))),
            other => other.map_err(|e| Error::write(&self.root, e)),
        }
    }

    /// Makes sure the history can be written (the data directory and the database made if
    /// missing), so a command that will save later can warn now.
    pub fn ready(&self) -> Result<()> {
        let conn = self.writer()?;
        match conn.is_readonly(rusqlite::MAIN_DB) {
            Ok(false) => Ok(()),
            Ok(true) => Err(Error::Failed(format!(
                "cannot write {}: it is read-only (a read-only mount, file or folder); make it writable, \
                 or set GRILL_HOME to a folder you can write",
                self.db_path().display()
            ))),
            Err(e) => Err(db::failed(&self.db_path(), &e)),
        }
    }

    /// Checks the database with SQLite's `integrity_check`: `None` when it is sound (or there
    /// is none yet), else what SQLite found.
    pub fn check(&self) -> Result<Option<String>> {
        match self.reader() {
            None => Ok(None),
            Some(c) => db::integrity(c).map_err(|e| db::failed(&self.db_path(), &e)),
        }
    }

    /// Writes a consistent copy of the database to `to` while grill may be running elsewhere
    /// (SQLite's online backup), refusing to overwrite a file that exists.
    pub fn backup(&self, to: &Path) -> Result<()> {
        if to.exists() {
            return Err(Error::input(format!(
                "{} exists; give a new file name (grill does not overwrite a backup)",
                to.display()
            )));
        }
        // The path is the user's, not the history's: a missing folder is bad input (exit 2),
        // and no message points at GRILL_HOME, which has nothing to do with it.
        let folder = to.parent().filter(|p| !p.as_os_str().is_empty());
        if let Some(dir) = folder.filter(|d| !d.is_dir()) {
            return Err(Error::input(format!(
                "{}: there is no folder {}; create it, or give a file in a folder that exists",
                to.display(),
                dir.display()
            )));
        }
        // Not `writer`: a damaged history is what one most wants a copy of.
        let from = self.made()?;
        let failed = |e: rusqlite::Error| {
            Error::Failed(format!(
                "cannot write the backup {} ({e}); check that its folder is yours to write and \
                 has space",
                to.display()
            ))
        };
        let mut dest = Connection::open(to).map_err(failed)?;
        let backup = rusqlite::backup::Backup::new(from, &mut dest).map_err(failed)?;
        backup
            .run_to_completion(256, std::time::Duration::from_millis(5), None)
            .map_err(failed)?;
        Ok(())
    }
}

/// The data directory: `GRILL_HOME`, or the platform's data folder.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(home));
    }
    directories::ProjectDirs::from("", "", "grill")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| {
            Error::Failed(format!(
                "cannot find a data directory for the history (no home directory?); set {HOME_ENV} to a folder"
            ))
        })
}

/// Whether a session id is safe to keep and show: ids come from imported files too, and once
/// were file names.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A new session id that sorts by start time: `20261124-063512-7f3a09c2e41b`. The random
/// suffix (the low 48 bits of `salt`) keeps ids of sessions started in the same second apart,
/// here and on other machines whose history may be imported; the writer makes sure of it.
pub fn new_id(started: jiff::Timestamp, salt: u64) -> String {
    let t = started.to_zoned(jiff::tz::TimeZone::UTC);
    format!(
        "{}-{:012x}",
        t.strftime("%Y%m%d-%H%M%S"),
        salt & 0xffff_ffff_ffff
    )
}

/// A time as the database orders it: nanoseconds since 1970, which an `i64` holds until 2262.
/// A clock beyond that (or before 1678) is refused with a message rather than stored wrong.
pub fn nanos(t: jiff::Timestamp) -> Result<i64> {
    i64::try_from(t.as_nanosecond()).map_err(|_| {
        Error::Failed(format!(
            "the time {t} is beyond what the history can record (years 1678 to 2262); check the \
             system clock (or GRILL_NOW)"
        ))
    })
}

#[cfg(test)]
pub(crate) mod tests;
