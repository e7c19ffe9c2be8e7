//! `grill history`: list, show, export and import, end to end through the binary with a
//! temporary `GRILL_HOME` (see `tests/fixtures/README.md` for the fixture sessions).

use std::path::Path;
use std::process::{Command, Stdio};

use grill::history::Store;

mod common;

use common::{fixtures, run};

fn grill(home: &Path) -> Command {
    common::grill_in(home, 100)
}

/// A temporary GRILL_HOME holding a copy of the fixture sessions.
fn fixture_home() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixtures().join("home/sessions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    home
}

#[test]
fn list_shows_number_date_bank_questions_score_and_status() {
    let home = fixtures().join("home");
    let (code, out, err) = run(grill(&home).arg("history"));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
    let (_, list, _) = run(grill(&home).args(["history", "list"]));
    assert_eq!(list, out);
}

#[test]
fn list_to_a_pipe_prints_every_column() {
    // Not a terminal and no COLUMNS: nothing to fit, so the id column stays (it used to be
    // dropped to fit a guessed 80 columns).
    let home = fixtures().join("home");
    let (code, out, err) = run(grill(&home).env_remove("COLUMNS").arg("history"));
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().next().unwrap().ends_with("  ID"), "{out}");
    assert!(out.contains("20261108-183000-c3c3"), "{out}");
    assert_eq!(out.lines().filter(|l| l.contains("-090000-")).count(), 2);
}

#[test]
fn list_in_a_narrow_terminal_stays_within_it() {
    let home = fixtures().join("home");
    let (_, out, _) = run(grill(&home).env("COLUMNS", "60").arg("history"));
    for line in out.lines() {
        assert!(grill::output::width(line) <= 60, "{line:?}");
    }
    assert!(out.contains("interrupted"), "{out}");
    for n in ["1", "3", "5"] {
        let (_, out, _) = run(grill(&home)
            .env("COLUMNS", "60")
            .args(["history", "show", n]));
        for line in out.lines() {
            assert!(grill::output::width(line) <= 60, "show {n}: {line:?}");
        }
    }
}

#[test]
fn empty_history_says_how_to_start() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = run(grill(home.path()).arg("history"));
    assert_eq!(code, 0);
    assert!(out.contains("No sessions saved yet"), "{out}");
    assert!(out.contains("`grill start`"), "{out}");
}

#[test]
fn show_replays_answers_scores_and_evidence() {
    let home = fixtures().join("home");
    let (code, out, err) = run(grill(&home).args(["history", "show", "3"]));
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!(out);
    // By id prefix too.
    let (code, by_id, _) = run(grill(&home).args(["history", "show", "20261108"]));
    assert_eq!(code, 0);
    assert_eq!(by_id, out);
}

#[test]
fn show_of_an_unknown_session_is_an_input_error() {
    let home = fixtures().join("home");
    let (code, out, err) = run(grill(&home).args(["history", "show", "nope"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no session `nope`"), "{err}");
    assert!(err.contains("grill history"), "{err}");
}

#[test]
fn export_then_import_into_an_empty_home_round_trips() {
    let home = fixtures().join("home");
    let (code, exported, err) = run(grill(&home).args(["history", "export"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("exported 5 sessions"), "{err}");
    let doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["kind"], "grill-history");
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 5);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sessions.json");
    std::fs::write(&file, &exported).unwrap();
    let target = tempfile::tempdir().unwrap();
    let (code, out, err) = run(grill(target.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported 5 sessions")
            && out.contains("0 already in the history were skipped"),
        "{out}"
    );
    let original = Store::at(&home).load().unwrap().sessions;
    let copied = Store::at(target.path()).load().unwrap().sessions;
    assert_eq!(copied, original);

    // Again: every session is already there.
    let (code, out, _) = run(grill(target.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0);
    assert!(
        out.contains("Imported 0 sessions")
            && out.contains("5 already in the history were skipped"),
        "{out}"
    );
    assert_eq!(Store::at(target.path()).load().unwrap().sessions.len(), 5);
}

#[test]
fn import_merges_and_reads_stdin_and_single_session_files() {
    let home = tempfile::tempdir().unwrap();
    let one = fixtures().join("home/sessions/20261101-090000-a1a1.json");
    let (code, out, err) = run(grill(home.path()).args(["history", "import"]).arg(&one));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported 1 session from"), "{out}");
    // A full export through stdin: four new, one skipped.
    let (_, exported, _) = run(grill(&fixtures().join("home")).args(["history", "export"]));
    let mut child = grill(home.path())
        .args(["history", "import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(exported.as_bytes())
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let out = String::from_utf8(done.stdout).unwrap();
    assert_eq!(done.status.code(), Some(0));
    assert!(
        out.contains("Imported 4 sessions from <stdin>; 1 already"),
        "{out}"
    );
}

#[test]
fn corrupt_and_foreign_files_are_refused_with_their_place() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["history", "import"])
        .arg(fixtures().join("bad/corrupt.json")));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("corrupt.json:8:"), "{err}");
    assert!(err.contains("corrupt JSON"), "{err}");
    assert!(err.contains("grill history export"), "{err}");

    let (code, _, err) = run(grill(home.path())
        .args(["history", "import"])
        .arg(fixtures().join("bad/foreign.json")));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("foreign.json: not a grill history export"),
        "{err}"
    );

    let (code, _, err) = run(grill(home.path()).args(["history", "import", "no-such-file.json"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("does not exist"), "{err}");

    // A export whose session lacks a field: the line of the session is named.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad-export.json");
    std::fs::write(
        &bad,
        "{\n  \"format\": 1,\n  \"kind\": \"grill-history\",\n  \"sessions\": [\n    {\"id\": \"x\"}\n  ]\n}\n",
    )
    .unwrap();
    let (code, _, err) = run(grill(home.path()).args(["history", "import"]).arg(&bad));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad-export.json:5:"), "{err}");
    assert!(err.contains("missing field"), "{err}");

    // Nothing was imported by any of these.
    assert!(!home.path().join("sessions").exists());
}

#[test]
fn import_refuses_ids_that_are_not_safe_file_names() {
    let home = tempfile::tempdir().unwrap();
    let (_, exported, _) = run(grill(&fixtures().join("home")).args(["history", "export"]));
    let evil = exported.replacen("\"20261101-090000-a1a1\"", "\"../../escape\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.json");
    std::fs::write(&file, evil).unwrap();
    let (code, _, err) = run(grill(home.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a safe file name"), "{err}");
    assert!(!home.path().join("sessions").exists(), "all or nothing");
}

#[test]
fn unreadable_files_in_the_store_are_warned_about_and_skipped() {
    let home = fixture_home();
    let bad = home.path().join("sessions/20261120-100000-dead.json");
    std::fs::copy(fixtures().join("bad/foreign.json"), &bad).unwrap();
    let (code, out, err) = run(grill(home.path()).arg("history"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning:"), "{err}");
    assert!(err.contains("20261120-100000-dead.json:"), "{err}");
    assert!(err.contains("not a grill session record"), "{err}");
    assert!(out.contains("5 sessions."), "{out}");
    // Export carries on too, with the readable sessions only.
    let (code, out, _) = run(grill(home.path()).args(["history", "export"]));
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["sessions"].as_array().unwrap().len(), 5);
}
