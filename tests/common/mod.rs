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
