//! Helpers shared by the integration tests that drive the binary with `std::process::Command`.
// Each test binary uses a different subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The grill binary with its own history in `home`, fixed time zone, no colour, a `columns`-wide
/// terminal, no inherited `GRILL_BANK` and no standard input: the same output on every machine.
pub fn grill_in(home: &Path, columns: u16) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_grill"));
    cmd.env("GRILL_HOME", home)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("COLUMNS", columns.to_string())
        .env_remove("GRILL_BANK")
        .stdin(Stdio::null());
    cmd
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
