//! Saved sessions: the record format and the store that keeps them.
//!
//! Each session is one JSON file, `sessions/<id>.json`, under the grill data directory. One file
//! per session makes saving atomic (write a temporary file, then rename it) and append-only in
//! effect: saving a session never rewrites another, so a crash or a full disk while saving
//! cannot damage earlier sessions. A session's first save only ever creates its file (see
//! `SessionFile`), so two sessions that drew the same id still get a file each. Files are
//! private to their owner: answers are personal.

pub mod export;
pub mod record;

use crate::words::plural;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use record::{RECORD_FORMAT, SessionRecord};

/// The environment variable that overrides the data directory (tests and portable setups).
pub const HOME_ENV: &str = "GRILL_HOME";

/// Where sessions are kept.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// Sessions read from the store, and the files that could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Readable sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
    /// One message per unreadable file, with its path and line; those files are left untouched.
    pub problems: Vec<String>,
}

impl Store {
    /// The store in `GRILL_HOME`, or in the platform's data directory.
    pub fn open_default() -> Result<Store> {
        if let Some(home) = std::env::var_os(HOME_ENV).filter(|v| !v.is_empty()) {
            return Ok(Store::at(home));
        }
        directories::ProjectDirs::from("", "", "grill")
            .map(|d| Store::at(d.data_dir()))
            .ok_or_else(|| {
                Error::Failed(format!(
                    "cannot find a data directory for history (no home directory?); set {HOME_ENV} to a folder"
                ))
            })
    }

    /// A store rooted at `root` (created on first save).
    pub fn at(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// The data directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder holding one file per session.
    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// The file of session `id`.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.json"))
    }

    /// Creates the data folder and its `sessions/` folder if they are missing, readable by the
    /// owner only on Unix (0700: answers are private). Folders that exist keep their permissions.
    pub fn create_dirs(&self) -> std::io::Result<PathBuf> {
        if let Some(parent) = self.root.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let dir = self.sessions_dir();
        for d in [&self.root, &dir] {
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            match builder.create(d) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
                other => other?,
            }
        }
        Ok(dir)
    }

    /// Saves a session that is not in the store yet, never replacing a file: the record is
    /// written in full to a temporary file and then given its name only if no `<id>.json`
    /// exists. Returns `None`, changing nothing, when the id is taken (by another session
    /// started at the same moment, or by an earlier import).
    pub fn create(&self, record: &SessionRecord) -> Result<Option<PathBuf>> {
        let (tmp, path) = self.write_temp(record)?;
        match tmp.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(path.parent());
                Ok(Some(path))
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(None),
            Err(e) => Err(Error::write(&path, e.error)),
        }
    }

    /// Saves a session atomically over its earlier save (an in-progress session is saved after
    /// every answer): written in full to a temporary file, flushed to disk, then renamed over
    /// `<id>.json`. On failure nothing in the store has changed.
    pub fn replace(&self, record: &SessionRecord) -> Result<PathBuf> {
        let (tmp, path) = self.write_temp(record)?;
        tmp.persist(&path)
            .map_err(|e| Error::write(&path, e.error))?;
        sync_dir(path.parent());
        Ok(path)
    }

    /// Writes `record` to a new temporary file beside its final name, returning both. The
    /// temporary file has a random name and is opened with `create_new` (0600 on Unix), so a
    /// file or symlink planted at a guessable name is never followed or overwritten; tempfile
    /// removes it again if anything fails before it is renamed.
    fn write_temp(&self, record: &SessionRecord) -> Result<(tempfile::NamedTempFile, PathBuf)> {
        if !is_safe_id(&record.id) {
            return Err(Error::input(format!(
                "session id `{}` is not a safe file name (letters, digits, - _ . only)",
                record.id
            )));
        }
        let dir = self
            .create_dirs()
            .map_err(|e| Error::write(&self.sessions_dir(), e))?;
        let path = self.path_of(&record.id);
        let json = crate::output::json("the session record", record)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{}.", record.id))
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Error::write(&dir, e))?;
        let written = (|| {
            let f = tmp.as_file_mut();
            f.write_all(json.as_bytes())?;
            f.sync_all()
        })();
        written.map_err(|e| Error::write(&path, e))?;
        Ok((tmp, path))
    }

    /// Deletes the session `id`: one `remove_file`, so it is gone whole or not at all, and no
    /// other session's file is touched.
    pub fn delete(&self, id: &str) -> Result<()> {
        if !is_safe_id(id) {
            return Err(Error::input(format!(
                "session id `{id}` is not a safe file name"
            )));
        }
        let path = self.path_of(id);
        std::fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
        sync_dir(path.parent());
        Ok(())
    }

    /// Reads every session, oldest first. Unreadable files are reported in `problems` (with the
    /// line where reading failed) and never modified, so a corrupt file can be fixed by hand.
    pub fn load(&self) -> Result<Loaded> {
        let dir = self.sessions_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Loaded::default()),
            Err(e) => return Err(Error::read(&dir, e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "json")
                    && !p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        paths.sort();
        let mut loaded = Loaded::default();
        for path in paths {
            match read_record(&path) {
                Ok(r) => loaded.sessions.push(r),
                Err(msg) => loaded.problems.push(msg),
            }
        }
        loaded
            .sessions
            .sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
        Ok(loaded)
    }

    /// Reads every session, oldest first, like [`Store::load`], and hands `warn` one message
    /// per file that could not be read (its path, line and what is wrong, and that it was
    /// skipped): the one wording every command warns with.
    pub fn load_warning(&self, warn: &mut dyn FnMut(&str)) -> Result<Vec<SessionRecord>> {
        let loaded = self.load()?;
        for p in &loaded.problems {
            warn(&format!(
                "{p} (skipped; fix or move the file, grill never changes it)"
            ));
        }
        Ok(loaded.sessions)
    }

    /// Imports one session: saved when its id is new; when the history holds the same session
    /// less far along (an in-progress save, then the full session printed after a failed final
    /// save), replaced by it; otherwise left as it is.
    pub fn import(&self, incoming: &SessionRecord) -> Result<Imported> {
        let path = self.path_of(&incoming.id);
        // Twice at most: a file that appears between the look and the save (a session started
        // meanwhile) is compared like any other.
        for _ in 0..2 {
            let stored = match fs::read_to_string(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    match self.create(incoming)? {
                        Some(_) => return Ok(Imported::Added),
                        None => continue,
                    }
                }
                Err(e) => {
                    return Ok(Imported::Conflict(format!(
                        "{} cannot be read ({e})",
                        path.display()
                    )));
                }
                Ok(text) => match parse_record(&text) {
                    Ok(r) => r,
                    Err(msg) => {
                        return Ok(Imported::Conflict(format!(
                            "{}:{msg}, and grill never changes a damaged file",
                            path.display()
                        )));
                    }
                },
            };
            if let Some(how) = different_session(&stored, incoming) {
                return Ok(Imported::Conflict(how));
            }
            let (was, now) = (Progress::of(&stored), Progress::of(incoming));
            if now.is_ahead_of(&was) {
                self.replace(incoming)?;
                return Ok(Imported::Updated { was, now });
            }
            return Ok(Imported::AlreadyThere);
        }
        Err(Error::write(
            &path,
            std::io::Error::other("the file keeps appearing and vanishing while importing"),
        ))
    }
}

/// What importing one session did.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    /// Its id was new: saved.
    Added,
    /// The history held the same session less far along: replaced.
    Updated {
        /// How far the copy in the history was.
        was: Progress,
        /// How far the imported one is.
        now: Progress,
    },
    /// The history holds it already, as far along or further: left alone.
    AlreadyThere,
    /// The history holds a different session under that id (or a file it cannot read): not
    /// imported; says how they differ.
    Conflict(String),
}

/// How far along a session is: questions answered, and how it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions with an answer (given, timed out or cut short).
    pub answered: usize,
    /// How it ended, or `InProgress`.
    pub status: record::SessionStatus,
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
        use record::SessionStatus::*;
        let stage = |p: &Progress| match p.status {
            InProgress => 0,
            Interrupted | TimeUp => 1,
            Complete => 2,
        };
        (self.answered, stage(self)) > (other.answered, stage(other))
    }
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

/// Makes a rename in `dir` durable; not every platform can open a folder, so that is ignored.
fn sync_dir(dir: Option<&Path>) {
    if let Some(d) = dir.and_then(|d| fs::File::open(d).ok()) {
        let _ = d.sync_all();
    }
}

/// The file of the session being run. Its first save claims a new file, never replacing one:
/// if another session already has the drawn id (two started in the same second drew the same
/// random part), the session takes a fresh id. Later saves replace that file.
#[derive(Debug)]
pub struct SessionFile<'a> {
    store: &'a Store,
    id: Option<String>,
}

impl<'a> SessionFile<'a> {
    /// How many fresh ids to try before giving up; with 48 random bits a second clash is
    /// already unheard of.
    const TRIES: usize = 8;

    /// A session file in `store`, not yet claimed.
    pub fn new(store: &'a Store) -> Self {
        SessionFile { store, id: None }
    }

    /// The id the session is saved under, once saved.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Saves `record` under the session's id (see `id`; the record's own id is used only for
    /// the first save, and only if it is free).
    pub fn save(&mut self, record: &SessionRecord) -> Result<PathBuf> {
        if let Some(id) = &self.id {
            if *id == record.id {
                return self.store.replace(record);
            }
            let mut r = record.clone();
            r.id = id.clone();
            return self.store.replace(&r);
        }
        let mut r = record.clone();
        for _ in 0..Self::TRIES {
            if let Some(path) = self.store.create(&r)? {
                self.id = Some(r.id);
                return Ok(path);
            }
            r.id = new_id(r.started_at, rand::random());
        }
        Err(Error::Failed(format!(
            "cannot find a free session id in {} after {} tries",
            self.store.sessions_dir().display(),
            Self::TRIES
        )))
    }
}

/// Whether a session id can be a file name in the store: ids come from imported files too, and
/// `../x` must not leave the folder.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Reads one session file, or says what is wrong with it and where.
pub fn read_record(path: &Path) -> std::result::Result<SessionRecord, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    parse_record(&text).map_err(|msg| format!("{}:{msg}", path.display()))
}

/// Parses a session record; the error starts with `line:column: ` when the place is known.
pub fn parse_record(text: &str) -> std::result::Result<SessionRecord, String> {
    let newer = |f: u64| {
        format!(
            " written by a newer grill (record format {f}; this grill reads {RECORD_FORMAT}); upgrade grill to read it"
        )
    };
    let record = serde_json::from_str::<SessionRecord>(text).map_err(|e| {
        // A newer grill's file gets a useful message rather than a complaint about some field
        // this build does not know. Checked only on failure: loading the history parses every
        // session file, and the happy path should parse each once.
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

/// A new session id that sorts by start time: `20261124-063512-7f3a09c2e41b`. The random
/// suffix (the low 48 bits of `salt`) keeps ids of sessions started in the same second apart,
/// here and on other machines whose history may be imported; `SessionFile` makes sure of it.
pub fn new_id(started: jiff::Timestamp, salt: u64) -> String {
    let t = started.to_zoned(jiff::tz::TimeZone::UTC);
    format!(
        "{}-{:012x}",
        t.strftime("%Y%m%d-%H%M%S"),
        salt & 0xffff_ffff_ffff
    )
}

/// Finds a session by id, unique id prefix, or number (1 = oldest, as `grill history` lists them).
pub fn find<'a>(sessions: &'a [SessionRecord], selector: &str) -> Result<&'a SessionRecord> {
    let sel = selector.trim();
    if let Ok(n) = sel.parse::<usize>()
        && (1..=sessions.len()).contains(&n)
        && sel.len() < 8
    {
        return Ok(&sessions[n - 1]);
    }
    if let Some(s) = sessions.iter().find(|s| s.id == sel) {
        return Ok(s);
    }
    let matches: Vec<&SessionRecord> = sessions.iter().filter(|s| s.id.starts_with(sel)).collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::input(format!(
            "no session `{sel}` in the history ({} session{}); see `grill history` for ids and numbers",
            sessions.len(),
            plural(sessions.len())
        ))),
        many => Err(Error::input(format!(
            "`{sel}` matches {} sessions; give more of the id (see `grill history`)",
            many.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::record::*;
    use super::*;
    use crate::history::record::{Feedback, Focus};
    use crate::scoring::Assessment;

    pub(crate) fn sample(id: &str, secs: i64) -> SessionRecord {
        let t = jiff::Timestamp::from_second(1_790_000_000 + secs).unwrap();
        SessionRecord {
            format: RECORD_FORMAT,
            kind: Default::default(),
            id: id.into(),
            started_at: t,
            ended_at: t,
            status: SessionStatus::Complete,
            bank: BankRef {
                title: "b".into(),
                hash: "00".into(),
            },
            seed: 7,
            settings: Settings {
                questions: 1,
                chapters: vec!["a".into()],
                time_limit_secs: 180,
                total_limit_secs: None,
                feedback: Feedback::End,
                focus: Focus::Random,
                retry_of: None,
                input: "stdin".into(),
            },
            items: vec![ItemRecord {
                question_id: 1,
                chapter: "a".into(),
                prompt: "p".into(),
                answer: "x".into(),
                outcome: Outcome::Answered,
                time_used_ms: 5,
                assessment: Assessment {
                    score: 50.0,
                    bullets: vec![],
                },
                notes: Vec::new(),
                rating: None,
            }],
        }
    }

    #[test]
    fn saves_and_loads_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create(&sample("b", 20)).unwrap().unwrap();
        store.create(&sample("a", 10)).unwrap().unwrap();
        let loaded = store.load().unwrap();
        assert!(loaded.problems.is_empty());
        let ids: Vec<&str> = loaded.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(loaded.sessions[1], sample("b", 20));
    }

    #[test]
    fn corrupt_file_is_reported_with_its_line_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create(&sample("good", 0)).unwrap().unwrap();
        let bad = store.path_of("bad");
        fs::write(&bad, "{\n  \"format\": 1,\n  \"id\": oops\n}").unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.sessions.len(), 1);
        assert_eq!(loaded.problems.len(), 1);
        assert!(
            loaded.problems[0].contains("bad.json:3:"),
            "{:?}",
            loaded.problems
        );
        assert!(
            loaded.problems[0].contains("corrupt JSON"),
            "{:?}",
            loaded.problems
        );
        assert_eq!(
            fs::read_to_string(&bad).unwrap(),
            "{\n  \"format\": 1,\n  \"id\": oops\n}"
        );
        // Saving another session leaves the corrupt file as it was.
        store.create(&sample("next", 5)).unwrap().unwrap();
        assert!(bad.exists());
    }

    #[test]
    fn foreign_and_newer_files_get_clear_messages() {
        let err = parse_record("{\"hello\": 1}").unwrap_err();
        assert!(err.contains("not a grill session record"), "{err}");
        let err = parse_record("{\"format\": 99}").unwrap_err();
        assert!(err.contains("newer grill"), "{err}");
        // A newer record that this build could parse is refused all the same.
        let mut newer = tests::sample("n", 0);
        newer.format = RECORD_FORMAT + 1;
        let err = parse_record(&serde_json::to_string(&newer).unwrap()).unwrap_err();
        assert!(err.contains("newer grill"), "{err}");
    }

    #[test]
    fn impossible_numbers_are_refused_with_their_line_and_field() {
        let good = serde_json::to_string_pretty(&sample("n", 0)).unwrap();
        let line_of = |text: &str, key: &str| {
            1 + text
                .lines()
                .position(|l| l.trim_start().starts_with(&format!("\"{key}\"")))
                .unwrap()
        };
        let cases = [
            (
                "\"score\": 50.0",
                "\"score\": 500.0",
                "score",
                "`score` is 500",
            ),
            (
                "\"score\": 50.0",
                "\"score\": 1e308",
                "score",
                "`score` is 1e308",
            ),
            (
                "\"score\": 50.0",
                "\"score\": -1e308",
                "score",
                "`score` is -1e308",
            ),
            (
                "\"score\": 50.0",
                "\"score\": -0.5",
                "score",
                "`score` is -0.5",
            ),
            (
                "\"time_limit_secs\": 180",
                "\"time_limit_secs\": 18446744073709551615",
                "time_limit_secs",
                "`time_limit_secs` is 18446744073709551615",
            ),
            (
                "\"total_limit_secs\": null",
                "\"total_limit_secs\": 90000",
                "total_limit_secs",
                "`total_limit_secs` is 90000",
            ),
            (
                "\"time_used_ms\": 5",
                "\"time_used_ms\": -5",
                "time_used_ms",
                "invalid value: integer `-5`",
            ),
        ];
        for (from, to, key, says) in cases {
            assert!(good.contains(from), "{from}");
            let bad = good.replacen(from, to, 1);
            let err = parse_record(&bad).unwrap_err();
            let line = line_of(&bad, key);
            assert!(err.starts_with(&format!("{line}:")), "{to}: {err}");
            assert!(err.contains("invalid session record"), "{to}: {err}");
            assert!(err.contains(says), "{to}: {err}");
        }
        // Coverage too; and the bounds themselves are fine.
        let mut r = sample("n", 0);
        r.items[0].assessment.bullets = vec![crate::scoring::BulletAssessment {
            bullet: "b".into(),
            coverage: 1.0,
            weight: 1.0,
            opposite: false,
            matched: vec![],
            missed: vec![],
        }];
        r.items[0].assessment.score = 100.0;
        r.settings.total_limit_secs = Some(24 * 3600);
        let text = serde_json::to_string_pretty(&r).unwrap();
        assert_eq!(parse_record(&text).unwrap(), r);
        let bad = text.replacen("\"coverage\": 1.0", "\"coverage\": 1.5", 1);
        let err = parse_record(&bad).unwrap_err();
        assert!(
            err.starts_with(&format!("{}:", line_of(&bad, "coverage"))),
            "{err}"
        );
        assert!(err.contains("`coverage` is 1.5"), "{err}");
        // Loading the history skips such a file and names it with its line.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create(&sample("ok", 0)).unwrap().unwrap();
        fs::write(store.path_of("bad"), &bad).unwrap();
        let loaded = store.load().unwrap();
        assert_eq!(loaded.sessions.len(), 1);
        assert!(
            loaded.problems[0].contains(&format!("bad.json:{}:", line_of(&bad, "coverage"))),
            "{:?}",
            loaded.problems
        );
    }

    #[test]
    fn failed_save_leaves_no_temporary_file_and_reports_the_path() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data directory should be: creating `sessions/` fails.
        let blocker = dir.path().join("home");
        fs::write(&blocker, "").unwrap();
        let err = Store::at(&blocker).replace(&sample("x", 0)).unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
    }

    #[test]
    fn unsafe_ids_are_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("home"));
        for id in ["../escape", ".hidden", "", "a/b"] {
            assert!(store.create(&sample(id, 0)).is_err(), "{id:?}");
            assert!(store.replace(&sample(id, 0)).is_err(), "{id:?}");
        }
        assert!(!dir.path().join("escape.json").exists());
        assert!(is_safe_id("20261124-063512-7f3a"));
    }

    #[test]
    fn import_skips_sessions_already_present() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.create(&sample("a", 0)).unwrap().unwrap();
        assert_eq!(
            store.import(&sample("a", 0)).unwrap(),
            Imported::AlreadyThere
        );
        assert_eq!(store.import(&sample("b", 1)).unwrap(), Imported::Added);
        assert_eq!(store.load().unwrap().sessions.len(), 2);
    }

    /// A session with `n` questions of which the first `answered` were answered, as saved
    /// mid-session (`InProgress`, only the questions asked so far) or at the end.
    fn partial(n: usize, answered: usize, status: SessionStatus) -> SessionRecord {
        let mut r = sample("s", 0);
        r.settings.questions = n;
        let item = r.items[0].clone();
        r.items = (0..n)
            .map(|k| ItemRecord {
                question_id: k as u32 + 1,
                answer: format!("answer {k}"),
                outcome: if k < answered {
                    Outcome::Answered
                } else {
                    Outcome::Unanswered
                },
                ..item.clone()
            })
            .collect();
        if status == SessionStatus::InProgress {
            r.items.truncate(answered);
        }
        r.status = status;
        r
    }

    #[test]
    fn import_replaces_the_same_session_saved_less_far_along() {
        // The full-disk case: the in-progress save had 2 answers, the final save failed and
        // the whole session was printed as JSON; importing that JSON brings the third answer.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store
            .create(&partial(3, 2, SessionStatus::InProgress))
            .unwrap()
            .unwrap();
        let full = partial(3, 3, SessionStatus::Complete);
        let got = store.import(&full).unwrap();
        let Imported::Updated { was, now } = got else {
            panic!("{got:?}")
        };
        assert_eq!((was.answered, now.answered), (2, 3));
        assert_eq!(store.load().unwrap().sessions, std::slice::from_ref(&full));
        // The older copy never replaces the newer one.
        for older in [
            partial(3, 2, SessionStatus::InProgress),
            partial(3, 3, SessionStatus::InProgress),
        ] {
            assert_eq!(store.import(&older).unwrap(), Imported::AlreadyThere);
        }
        assert_eq!(store.load().unwrap().sessions, [full]);
    }

    #[test]
    fn import_prefers_an_ended_session_over_its_in_progress_save() {
        let cases = [
            // (stored, incoming, replaced?)
            (
                (2, SessionStatus::InProgress),
                (2, SessionStatus::Interrupted),
                true,
            ),
            (
                (2, SessionStatus::Interrupted),
                (2, SessionStatus::Complete),
                true,
            ),
            (
                (2, SessionStatus::Interrupted),
                (3, SessionStatus::Complete),
                true,
            ),
            (
                (2, SessionStatus::Complete),
                (2, SessionStatus::Interrupted),
                false,
            ),
            (
                (3, SessionStatus::Complete),
                (2, SessionStatus::Complete),
                false,
            ),
        ];
        for ((a, sa), (b, sb), replaced) in cases {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::at(dir.path());
            store.create(&partial(3, a, sa)).unwrap().unwrap();
            let got = store.import(&partial(3, b, sb)).unwrap();
            assert_eq!(
                matches!(got, Imported::Updated { .. }),
                replaced,
                "{a} {sa:?} then {b} {sb:?}: {got:?}"
            );
            let kept = &store.load().unwrap().sessions[0];
            let expect = if replaced { (b, sb) } else { (a, sa) };
            assert_eq!((kept.answered(), kept.status), expect);
        }
    }

    #[test]
    fn a_different_session_with_the_same_id_is_a_conflict_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let stored = partial(3, 1, SessionStatus::InProgress);
        store.create(&stored).unwrap().unwrap();
        let mut later = partial(3, 3, SessionStatus::Complete);
        later.started_at += jiff::SignedDuration::from_secs(1);
        let mut other_questions = partial(3, 3, SessionStatus::Complete);
        other_questions.items[0].question_id = 99;
        for incoming in [later, other_questions] {
            let got = store.import(&incoming).unwrap();
            assert!(
                matches!(&got, Imported::Conflict(why) if why.contains("started at")),
                "{got:?}"
            );
        }
        assert_eq!(store.load().unwrap().sessions, [stored]);
        // A damaged file of that id is not overwritten either.
        fs::write(store.path_of("s"), "{").unwrap();
        let got = store
            .import(&partial(3, 3, SessionStatus::Complete))
            .unwrap();
        assert!(
            matches!(&got, Imported::Conflict(why) if why.contains("s.json:")),
            "{got:?}"
        );
        assert_eq!(fs::read_to_string(store.path_of("s")).unwrap(), "{");
    }

    #[test]
    fn a_session_never_takes_the_file_of_another_with_the_same_id() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let first = sample("20261124-063512-000000007f3a", 0);
        let mut second = first.clone();
        second.items[0].answer = "second".into();
        let mut a = SessionFile::new(&store);
        let mut b = SessionFile::new(&store);
        a.save(&first).unwrap();
        b.save(&second).unwrap();
        let (ida, idb) = (a.id().unwrap().to_string(), b.id().unwrap().to_string());
        assert_eq!(ida, first.id);
        assert_ne!(idb, ida);
        assert!(idb.starts_with("20260921-141320-"), "{idb}");
        // Later saves go to each session's own file, whatever id the record carries.
        second.items[0].answer = "second, edited".into();
        b.save(&second).unwrap();
        let loaded = store.load().unwrap().sessions;
        let answer = |id: &str| {
            loaded.iter().find(|s| s.id == id).unwrap().items[0]
                .answer
                .clone()
        };
        assert_eq!(answer(&ida), "x");
        assert_eq!(answer(&idb), "second, edited");
        assert_eq!(loaded.len(), 2);
    }

    #[test]
    fn sessions_saved_at_once_with_one_id_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        let ids: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..16)
                .map(|k| {
                    let store = &store;
                    scope.spawn(move || {
                        let mut r = sample("20261124-063512-000000000001", 0);
                        r.items[0].answer = format!("answer {k}");
                        let mut f = SessionFile::new(store);
                        f.save(&r).unwrap();
                        f.save(&r).unwrap();
                        f.id().unwrap().to_string()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let loaded = store.load().unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let mut answers: Vec<String> = loaded
            .sessions
            .iter()
            .map(|s| s.items[0].answer.clone())
            .collect();
        answers.sort();
        let mut expected: Vec<String> = (0..16).map(|k| format!("answer {k}")).collect();
        expected.sort();
        assert_eq!(answers, expected);
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 16, "{ids:?}");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_private_and_existing_folders_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("data/grill"));
        let path = store.create(&sample("a", 0)).unwrap().unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&store.sessions_dir()), 0o700);
        assert_eq!(mode(store.root()), 0o700);
        let path = store.replace(&sample("a", 1)).unwrap();
        assert_eq!(mode(&path), 0o600);
        // A folder the user made keeps the mode they gave it.
        let own = dir.path().join("own");
        fs::create_dir(&own).unwrap();
        fs::set_permissions(&own, fs::Permissions::from_mode(0o750)).unwrap();
        Store::at(&own).create(&sample("b", 0)).unwrap().unwrap();
        assert_eq!(mode(&own), 0o750);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_temporary_name_is_not_followed() {
        // Before, the temporary file was `.<id>.<pid>.tmp`: a link planted there made grill
        // write the session over the link's target.
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("home"));
        fs::create_dir_all(store.sessions_dir()).unwrap();
        let target = dir.path().join("victim");
        fs::write(&target, "precious").unwrap();
        let planted = store
            .sessions_dir()
            .join(format!(".a.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&target, &planted).unwrap();
        store.create(&sample("a", 0)).unwrap().unwrap();
        store.replace(&sample("a", 1)).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        assert!(fs::symlink_metadata(store.path_of("a")).unwrap().is_file());
        assert!(fs::symlink_metadata(&planted).unwrap().is_symlink());
    }

    #[test]
    fn find_by_number_id_and_prefix() {
        let s = vec![
            sample("20261101-100000-aaaa", 0),
            sample("20261102-100000-bbbb", 1),
        ];
        assert_eq!(find(&s, "2").unwrap().id, "20261102-100000-bbbb");
        assert_eq!(find(&s, "20261101").unwrap().id, "20261101-100000-aaaa");
        assert!(
            find(&s, "2026")
                .unwrap_err()
                .to_string()
                .contains("matches 2 sessions")
        );
        assert!(
            find(&s, "zzz")
                .unwrap_err()
                .to_string()
                .contains("no session `zzz`")
        );
    }

    #[test]
    fn ids_sort_by_time_and_carry_48_random_bits() {
        let a = new_id(
            jiff::Timestamp::from_second(1_790_000_000).unwrap(),
            u64::MAX,
        );
        let b = new_id(jiff::Timestamp::from_second(1_790_000_001).unwrap(), 0);
        assert!(a < b, "{a} {b}");
        assert_eq!(a, "20260921-141320-ffffffffffff");
        assert_eq!(b, "20260921-141321-000000000000");
        assert!(is_safe_id(&a));
    }
}
