//! Saved sessions: the record format and the store that keeps them.
//!
//! Each session is one JSON file, `sessions/<id>.json`, under the grill data directory. One file
//! per session makes saving atomic (write a temporary file, then rename it) and append-only in
//! effect: saving a session never rewrites another, so a crash or a full disk while saving
//! cannot damage earlier sessions, and two sessions finishing at once write different files.

pub mod record;

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

    /// Saves a session atomically: written in full to a temporary file, flushed to disk, then
    /// renamed over `<id>.json`. Saving the same id again replaces it (an in-progress session
    /// is saved after every answer). On failure nothing else in the store has changed.
    pub fn save(&self, record: &SessionRecord) -> Result<PathBuf> {
        if !is_safe_id(&record.id) {
            return Err(Error::input(format!(
                "session id `{}` is not a safe file name (letters, digits, - _ . only)",
                record.id
            )));
        }
        let dir = self.sessions_dir();
        fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        let path = self.path_of(&record.id);
        let tmp = dir.join(format!(".{}.{}.tmp", record.id, std::process::id()));
        let json =
            serde_json::to_string_pretty(record).expect("a session record always serializes");
        let written = (|| {
            let mut f = fs::File::create(&tmp)?;
            f.write_all(json.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            fs::rename(&tmp, &path)?;
            // Make the rename itself durable; not every platform can open a folder, so ignore that.
            if let Ok(d) = fs::File::open(&dir) {
                let _ = d.sync_all();
            }
            Ok(())
        })();
        written.map_err(|e: std::io::Error| {
            let _ = fs::remove_file(&tmp);
            Error::write(&path, e)
        })?;
        Ok(path)
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

    /// Saves each session whose id is not in the store yet. Returns (added, skipped).
    pub fn import(&self, sessions: &[SessionRecord]) -> Result<(usize, usize)> {
        let mut added = 0;
        let mut skipped = 0;
        for s in sessions {
            if self.path_of(&s.id).exists() {
                skipped += 1;
            } else {
                self.save(s)?;
                added += 1;
            }
        }
        Ok((added, skipped))
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
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(text)
            && let Some(f) = v.get("format").and_then(|f| f.as_u64())
            && f > u64::from(RECORD_FORMAT)
        {
            return newer(f);
        }
        let what = if e.is_syntax() || e.is_eof() {
            "corrupt JSON"
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

/// A new session id that sorts by start time: `20261124-063512-7f3a`. The random suffix keeps
/// ids of sessions started in the same second apart.
pub fn new_id(started: jiff::Timestamp, salt: u16) -> String {
    let t = started.to_zoned(jiff::tz::TimeZone::UTC);
    format!("{}-{salt:04x}", t.strftime("%Y%m%d-%H%M%S"))
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
            if sessions.len() == 1 { "" } else { "s" }
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
    use crate::cli::{Feedback, Focus};
    use crate::scoring::Assessment;

    pub(crate) fn sample(id: &str, secs: i64) -> SessionRecord {
        let t = jiff::Timestamp::from_second(1_790_000_000 + secs).unwrap();
        SessionRecord {
            format: RECORD_FORMAT,
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
            }],
        }
    }

    #[test]
    fn saves_and_loads_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.save(&sample("b", 20)).unwrap();
        store.save(&sample("a", 10)).unwrap();
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
        store.save(&sample("good", 0)).unwrap();
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
        store.save(&sample("next", 5)).unwrap();
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
    fn failed_save_leaves_no_temporary_file_and_reports_the_path() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the data directory should be: creating `sessions/` fails.
        let blocker = dir.path().join("home");
        fs::write(&blocker, "").unwrap();
        let err = Store::at(&blocker).save(&sample("x", 0)).unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
    }

    #[test]
    fn unsafe_ids_are_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path().join("home"));
        for id in ["../escape", ".hidden", "", "a/b"] {
            assert!(store.save(&sample(id, 0)).is_err(), "{id:?}");
        }
        assert!(!dir.path().join("escape.json").exists());
        assert!(is_safe_id("20261124-063512-7f3a"));
    }

    #[test]
    fn import_skips_sessions_already_present() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::at(dir.path());
        store.save(&sample("a", 0)).unwrap();
        let (added, skipped) = store.import(&[sample("a", 0), sample("b", 1)]).unwrap();
        assert_eq!((added, skipped), (1, 1));
        assert_eq!(store.load().unwrap().sessions.len(), 2);
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
    fn ids_sort_by_time() {
        let a = new_id(jiff::Timestamp::from_second(1_790_000_000).unwrap(), 0xffff);
        let b = new_id(jiff::Timestamp::from_second(1_790_000_001).unwrap(), 0);
        assert!(a < b, "{a} {b}");
        assert_eq!(a.len(), "20260921-144320-ffff".len());
    }
}
