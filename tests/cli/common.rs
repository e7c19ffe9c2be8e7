//! The one way the integration tests run grill, and helpers the areas share.
//!
//! Every run gets the same environment, so output is the same on every machine: its own
//! `GRILL_HOME` (fresh, or given), `TZ=UTC`, `NO_COLOR=1`, a fixed `COLUMNS`, no inherited
//! `GRILL_BANK` and no standard input unless the test gives one. [`grill_in`] builds it as a
//! `std::process::Command` (for spawning, pipes and full disks); [`grill`] and [`grill_at`] wrap
//! the same command in `assert_cmd` for tests that assert on the output; [`grill_tty`] leaves
//! standard input to a pseudo-terminal.

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The terminal width a run gets unless the test chooses one.
pub const COLUMNS: u16 = 80;

/// grill with `home` as its history, fixed time zone, no colour, a `columns`-wide terminal and
/// no inherited `GRILL_BANK`; standard input is left unset.
fn environment(home: &Path, columns: u16) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_grill"));
    cmd.env("GRILL_HOME", home)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns.to_string())
        .env_remove("GRILL_BANK");
    cmd
}

/// grill with its own history in `home` and no standard input: the same output on every
/// machine.
pub fn grill_in(home: &Path, columns: u16) -> Command {
    let mut cmd = environment(home, columns);
    cmd.stdin(Stdio::null());
    cmd
}

/// grill for a pseudo-terminal, which gives it standard input (a null one set here would
/// replace the terminal's).
pub fn grill_tty(home: &Path) -> Command {
    let mut cmd = environment(home, COLUMNS);
    cmd.env("TERM", "xterm-256color");
    cmd
}

/// [`grill_in`] as an `assert_cmd` command, holding the fresh history it runs with (if any) so
/// that it outlives the run. Derefs to `assert_cmd::Command`.
pub struct Grill {
    cmd: assert_cmd::Command,
    _home: Option<tempfile::TempDir>,
}

/// grill with a fresh, empty history of its own, removed when the command is dropped.
pub fn grill() -> Grill {
    let home = tempfile::tempdir().unwrap();
    Grill {
        cmd: assert_cmd::Command::from_std(grill_in(home.path(), COLUMNS)),
        _home: Some(home),
    }
}

/// grill with its history in `home`.
pub fn grill_at(home: &Path, columns: u16) -> Grill {
    Grill {
        cmd: assert_cmd::Command::from_std(grill_in(home, columns)),
        _home: None,
    }
}

impl Deref for Grill {
    type Target = assert_cmd::Command;
    fn deref(&self) -> &Self::Target {
        &self.cmd
    }
}

impl DerefMut for Grill {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.cmd
    }
}

/// Runs a command: (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The widths every text view is checked at: a narrow split pane, half a laptop screen, a
/// wide terminal.
pub const WIDTHS: [usize; 3] = [40, 60, 100];

/// Asserts that `view`, rendered for a `width`-column terminal, fits it: no line is wider than
/// `width` columns, and no word is broken across lines.
///
/// A broken word shows as a token (text between spaces) that is not a whole word of the same
/// view rendered without a width limit (`reference`): `interrupte` from `interrupted`, `(1`
/// from `(1),`, a lone `,`. Allowed: a token cut on purpose (ending in `…`), a whole word less
/// its closing punctuation (a narrow layout leaves out what followed it), bars and sparklines
/// (sized to the room), a piece of a word
/// that is itself wider than `width` (it cannot fit whole), and the words in `extra`, which a
/// narrow layout adds (labels of a stacked layout).
pub fn assert_fits(what: &str, view: &str, reference: &str, width: usize, extra: &[&str]) {
    let whole: std::collections::HashSet<&str> = reference.split_whitespace().collect();
    for (n, line) in view.lines().enumerate() {
        let w = grill::output::width(line);
        assert!(
            w <= width,
            "{what} at {width} columns: line {} is {w} columns:\n{line}\n\n{view}",
            n + 1
        );
        for token in line.split_whitespace() {
            let fine = whole.contains(token)
                || extra.contains(&token)
                // Bars and sparklines (block elements) are sized to the room, not words.
                || token.chars().all(|c| ('\u{2580}'..='\u{259f}').contains(&c))
                // A narrow layout may drop what followed a comma (`latest 60, due …`).
                || [",", ".", ";", ":"]
                    .iter()
                    .any(|p| whole.contains(format!("{token}{p}").as_str()))
                || token.ends_with('…')
                || whole
                    .iter()
                    .any(|w| grill::output::width(w) > width && w.contains(token));
            assert!(
                fine,
                "{what} at {width} columns: `{token}` on line {} is not a whole word:\n{line}\n\n{view}",
                n + 1
            );
        }
    }
}

/// The sessions saved in `home` (empty when it has none yet), oldest first, as their records
/// (what `grill history export` and `history show --json` print).
pub fn saved(home: &Path) -> Vec<serde_json::Value> {
    history(home)
        .iter()
        .map(|s| serde_json::to_value(s).unwrap())
        .collect()
}

/// The sessions saved in `home`, read from its database, oldest first.
pub fn history(home: &Path) -> Vec<grill::history::record::SessionRecord> {
    grill::history::Store::open(home)
        .unwrap()
        .all_sessions()
        .unwrap()
}

/// The fixture sessions (`tests/fixtures/home/sessions/*.json`, the files an earlier grill
/// wrote), read from their files, oldest first.
pub fn fixture_sessions() -> Vec<grill::history::record::SessionRecord> {
    let mut paths: Vec<_> = std::fs::read_dir(fixtures().join("home/sessions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| grill::history::read_record(p).unwrap())
        .collect()
}

/// A temporary GRILL_HOME with the fixture session files copied into `sessions/`, as an earlier
/// grill left them; the first grill run moves them into its database.
pub fn fixture_files() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixtures().join("home/sessions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    home
}

/// A temporary GRILL_HOME holding the fixture sessions in its database (moved in already, so
/// no command of the test says so).
pub fn fixture_home() -> tempfile::TempDir {
    let home = fixture_files();
    let mut store = grill::history::Store::open(home.path()).unwrap();
    assert_eq!(store.take_migration().map(|m| m.moved), Some(5));
    home
}

/// A folder on a tmpfs of a set size, mounted for one test (and unmounted when dropped), to
/// fill a disk for real. Mounting needs root; where it fails the test says why and skips.
pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    /// A tmpfs of `kib` KiB, or `None` (after printing why) where one cannot be mounted.
    pub fn mount(kib: usize) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0700"),
                "tmpfs",
            ])
            .arg(dir.path())
            .stdin(Stdio::null())
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk { dir }),
            Ok(o) => {
                eprintln!(
                    "skipped: cannot mount a small tmpfs to fill ({}); run the tests as root to check a full disk",
                    String::from_utf8_lossy(&o.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipped: cannot run mount ({e}); a full disk is not checked here");
                None
            }
        }
    }

    /// The folder on the small disk.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes the disk `kib` KiB (room again, for the rest of the test).
    pub fn grow(&self, kib: usize) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,size={kib}k"), "tmpfs"])
            .arg(self.dir.path())
            .status()
            .unwrap()
            .success();
        assert!(ok, "remount the tmpfs at {kib} KiB");
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        // Lazily, so a file still open (a grill killed mid-test) cannot keep it mounted.
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}
