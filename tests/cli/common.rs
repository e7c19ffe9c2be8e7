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

/// The sessions saved in `home` (empty when it has none yet), in file-name order.
pub fn saved(home: &Path) -> Vec<serde_json::Value> {
    let dir = home.join("sessions");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}

/// A temporary GRILL_HOME holding a copy of the fixture sessions.
pub fn fixture_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixtures().join("home/sessions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    home
}
