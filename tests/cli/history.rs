//! `grill history`: list, show, export and import, end to end through the binary with a
//! temporary `GRILL_HOME` (see `tests/fixtures/README.md` for the fixture sessions).

use std::path::Path;
use std::process::{Command, Stdio};

use grill::bank::Bank;

use crate::common;

use crate::common::{fixture_home, fixtures, run};

fn grill(home: &Path) -> Command {
    common::grill_in(home, 100)
}

#[test]
fn list_shows_number_date_bank_questions_score_and_status() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
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
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let (code, out, err) = run(grill(&home).env_remove("COLUMNS").arg("history"));
    assert_eq!(code, 0, "{err}");
    assert!(out.lines().next().unwrap().ends_with("  ID"), "{out}");
    assert!(out.contains("20261108-183000-c3c3"), "{out}");
    assert_eq!(out.lines().filter(|l| l.contains("-090000-")).count(), 2);
}

#[test]
fn list_in_a_narrow_terminal_stays_within_it() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
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
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
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
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let (code, out, err) = run(grill(&home).args(["history", "show", "nope"]));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("no session `nope`"), "{err}");
    assert!(err.contains("grill history"), "{err}");
}

#[test]
fn export_then_import_into_an_empty_home_round_trips() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
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
    // The same records (how each rating was given stays behind: imported ratings are logged as
    // imported).
    assert_eq!(saved(target.path()), saved(&home));

    // Again: every session is already there.
    let (code, out, _) = run(grill(target.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0);
    assert!(
        out.contains("Imported 0 sessions")
            && out.contains("5 already in the history were skipped"),
        "{out}"
    );
    assert_eq!(saved(target.path()).len(), 5);
}

#[test]
fn import_merges_and_reads_stdin_and_single_session_files() {
    let home = tempfile::tempdir().unwrap();
    let one = fixtures().join("home/sessions/20261101-090000-a1a1.json");
    let (code, out, err) = run(grill(home.path()).args(["history", "import"]).arg(&one));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Imported 1 session from"), "{out}");
    // A full export through stdin: four new, one skipped.
    let (_, exported, _) =
        run(grill(crate::common::fixture_home().path()).args(["history", "export"]));
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
    assert!(!home.path().join("grill.db").exists());
}

#[test]
fn import_refuses_ids_that_are_not_safe_file_names() {
    let home = tempfile::tempdir().unwrap();
    let (_, exported, _) =
        run(grill(crate::common::fixture_home().path()).args(["history", "export"]));
    let evil = exported.replacen("\"20261101-090000-a1a1\"", "\"../../escape\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.json");
    std::fs::write(&file, evil).unwrap();
    let (code, _, err) = run(grill(home.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a safe file name"), "{err}");
    assert!(!home.path().join("grill.db").exists(), "all or nothing");
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

use crate::common::saved;

fn answers_of(record: &serde_json::Value) -> Vec<String> {
    record["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["outcome"] != "unanswered")
        .map(|i| i["answer"].as_str().unwrap().trim().to_string())
        .collect()
}

#[test]
fn sixteen_sessions_started_at_once_are_all_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for round in 0..3 {
        let children: Vec<_> = (0..16)
            .map(|k| {
                let file = dir.path().join(format!("a{k}.txt"));
                std::fs::write(
                    &file,
                    format!("round {round} session {k}\n---\nsecond {k}\n"),
                )
                .unwrap();
                grill(home.path())
                    .args(["-n", "2", "--json", "--answers"])
                    .arg(&file)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let mut printed = Vec::new();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            printed.push(record["id"].as_str().unwrap().to_string());
        }
        let sessions = saved(home.path());
        assert_eq!(sessions.len(), 16 * (round + 1));
        // Each session printed the id it was saved under, with its own answers.
        for (k, id) in printed.iter().enumerate() {
            let s = sessions.iter().find(|s| s["id"] == id.as_str()).unwrap();
            assert_eq!(
                answers_of(s),
                [format!("round {round} session {k}"), format!("second {k}")]
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn new_history_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let grill_home = home.path().join("grill");
    let answers = home.path().join("answers.txt");
    std::fs::write(&answers, "an answer\n").unwrap();
    let (code, _, err) = run(grill(&grill_home)
        .args(["-n", "1", "--answers"])
        .arg(&answers));
    assert_eq!(code, 0, "{err}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&grill_home), 0o700);
    // The database and SQLite's files beside it (the journal): the owner's alone.
    let files: Vec<_> = std::fs::read_dir(&grill_home)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files.iter().any(|f| f.ends_with("grill.db")), "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{}", f.display());
    }
}

#[test]
fn after_a_full_disk_importing_the_printed_session_restores_every_answer() {
    let Some(disk) = crate::common::SmallDisk::mount(256) else {
        return;
    };
    let home = disk.path().join("grill");
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.txt");
    // The third answer does not fit: the save after it, and the final save, fail.
    let third = "the GIL ".repeat(60_000);
    std::fs::write(&answers, format!("first\n---\nsecond\n---\n{third}\n")).unwrap();
    let (code, printed, err) = run(grill(&home)
        .args(["-n", "3", "--json", "--answers"])
        .arg(&answers));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("could not save the session"), "{err}");
    assert!(err.contains("the disk is full"), "{err}");
    let stored = saved(&home);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["status"], "in-progress");
    assert_eq!(answers_of(&stored[0]), ["first", "second"]);
    assert_eq!(
        grill::history::Store::open(&home).unwrap().check().unwrap(),
        None
    );

    // Room again: the printed session goes back in.
    disk.grow(16 * 1024);
    let file = dir.path().join("out.json");
    std::fs::write(&file, &printed).unwrap();
    let (code, out, err) = run(grill(&home).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported 0 sessions from")
            && out.contains("1 updated with what they lacked")
            && out.contains("3 answered, complete (the history had 2, in progress)"),
        "{out}"
    );
    let stored = saved(&home);
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["status"], "complete");
    assert_eq!(answers_of(&stored[0]), ["first", "second", third.trim()]);
    // Importing it again changes nothing.
    let (code, out, _) = run(grill(&home).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0);
    assert!(
        out.contains("1 already in the history was skipped"),
        "{out}"
    );
}

#[test]
fn an_import_that_fails_imports_nothing_and_says_so() {
    let (_, exported, _) =
        run(grill(crate::common::fixture_home().path()).args(["history", "export"]));
    let mut doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    // The third session is too big for the disk.
    doc["sessions"][2]["items"][0]["answer"] = "word ".repeat(100_000).into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("all.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let Some(disk) = crate::common::SmallDisk::mount(256) else {
        return;
    };
    let home = disk.path().join("grill");
    let (code, out, err) = run(grill(&home).args(["history", "import"]).arg(&file));
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("the disk is full"), "{err}");
    assert!(err.contains("Nothing from"), "{err}");
    assert!(err.contains("import the file again"), "{err}");
    assert!(saved(&home).is_empty(), "one transaction: none or all");
    // Once there is room, importing again adds them all.
    disk.grow(16 * 1024);
    let (code, out, err) = run(grill(&home).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Imported 5 sessions")
            && out.contains("0 already in the history were skipped"),
        "{out}"
    );
}

#[test]
fn a_different_session_under_an_id_in_the_history_is_a_conflict() {
    let home = fixture_home();
    let (_, exported, _) =
        run(grill(crate::common::fixture_home().path()).args(["history", "export"]));
    let mut doc: serde_json::Value = serde_json::from_str(&exported).unwrap();
    // Another machine's session that drew the same id.
    doc["sessions"][0]["started_at"] = "2026-11-01T09:00:00.5Z".into();
    doc["sessions"][0]["items"][0]["answer"] = "from the other machine".into();
    let before = saved(home.path());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("other.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let (code, out, err) = run(grill(home.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("Imported 0 sessions")
            && out.contains("4 already in the history were skipped"),
        "{out}"
    );
    assert!(
        err.contains("session 20261101-090000-a1a1 in") && err.contains("was not imported"),
        "{err}"
    );
    assert!(err.contains("started at"), "{err}");
    assert!(err.contains("another id"), "{err}");
    assert!(
        !err.contains("skipped"),
        "a conflict is not a duplicate: {err}"
    );
    assert_eq!(saved(home.path()), before);
}

#[test]
fn retrying_a_session_that_asked_no_questions_is_refused() {
    let home = fixture_home();
    let mut empty: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("home/sessions/20261109-120000-d4d4.json"))
            .unwrap(),
    )
    .unwrap();
    empty["id"] = "20261110-120000-e0e0".into();
    empty["status"] = "in-progress".into();
    empty["items"] = serde_json::json!([]);
    std::fs::write(
        home.path().join("sessions/20261110-120000-e0e0.json"),
        empty.to_string(),
    )
    .unwrap();
    let (code, out, err) = run(grill(home.path()).args(["--retry", "20261110-120000-e0e0"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("--retry 20261110-120000-e0e0") && err.contains("asked no questions"),
        "{err}"
    );
    assert_eq!(saved(home.path()).len(), 6, "nothing saved");
}

/// The readiness report of the fixture bank as JSON.
fn report_json(home: &Path) -> serde_json::Value {
    let bank = fixtures().join("bank.txt");
    let (code, out, err) = run(grill(home)
        .arg("--bank")
        .arg(&bank)
        .args(["report", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// Everything the history holds of its sessions, to compare before and after.
fn session_files(home: &Path) -> Vec<serde_json::Value> {
    saved(home)
}

#[test]
fn rate_saves_the_rating_and_readiness_uses_it() {
    let home = fixture_home();
    let h = home.path();
    let before = report_json(h);
    assert_eq!(before["disagreements"], serde_json::json!([]));
    // Q12 scored 60 (timed out) in the session of 2026-11-12: grill suggests hard.
    let (code, out, err) = run(grill(h).args(["history", "rate", "20261112", "Q12", "easy"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "rated Q12 of session 20261112-080000-e5e5 easy (grill's score 60 suggested hard)"
    );
    let saved = saved(h);
    let saved = saved
        .iter()
        .find(|s| s["id"] == "20261112-080000-e5e5")
        .unwrap();
    let q12 = saved["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["question_id"] == 12)
        .unwrap();
    assert_eq!(q12["rating"], "easy");
    let after = report_json(h);
    // Easy counts as 95 where the score was 60: the chapter's mean rises by 35 / its answers.
    let mean = |r: &serde_json::Value, ch: &str| {
        r["chapters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == ch)
            .unwrap()["mean"]
            .as_f64()
            .unwrap()
    };
    let ch = Bank::load(&fixtures().join("bank.txt"))
        .unwrap()
        .find(12)
        .unwrap()
        .chapter
        .id
        .clone();
    assert!(mean(&after, &ch) > mean(&before, &ch), "{after}");
    assert_eq!(after["disagreements"][0]["id"], 12);
    assert_eq!(after["disagreements"][0]["gap"], 35.0);
    // Numbers and letters work too; rating again moves it back below the score.
    let (code, _, err) = run(grill(h).args(["history", "rate", "5", "12", "1"]));
    assert_eq!(code, 0, "{err}");
    assert!(mean(&report_json(h), &ch) < mean(&before, &ch));
}

#[test]
fn rate_refuses_what_cannot_be_rated_with_exit_2() {
    let home = fixture_home();
    let h = home.path();
    let untouched = session_files(h);
    for (args, want) in [
        (
            &["20261112", "12", "great"][..],
            "rating `great`: give again, hard, good or easy",
        ),
        (
            &["20261112", "99", "good"],
            "did not ask Q99; it asked Q2, Q5, Q10, Q12",
        ),
        (&["20261112", "twelve", "good"], "question `twelve`"),
        (&["20261108", "15", "good"], "Q15 was not answered"),
        (&["nosuch", "1", "good"], "no session `nosuch`"),
    ] {
        let (code, _, err) = run(grill(h).args(["history", "rate"]).args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    assert_eq!(session_files(h), untouched);
}

#[test]
fn delete_removes_exactly_the_sessions_named() {
    let home = fixture_home();
    let h = home.path();
    let before = session_files(h);
    // Not a terminal and no --yes: refused, nothing deleted.
    let (code, _, err) = run(grill(h).args(["history", "delete", "2"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("needs --yes"), "{err}");
    // One bad selector among good ones: nothing deleted.
    let (code, _, _) = run(grill(h).args(["history", "delete", "2", "nosuch", "--yes"]));
    assert_eq!(code, 2);
    assert_eq!(session_files(h), before);
    let (code, out, err) = run(grill(h).args(["history", "delete", "2", "--yes"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "deleted 20261104-090000-b2b2");
    let after = session_files(h);
    let expected: Vec<serde_json::Value> = before
        .into_iter()
        .filter(|s| s["id"] != "20261104-090000-b2b2")
        .collect();
    assert_eq!(after, expected);
}

#[test]
fn prune_empty_deletes_only_sessions_with_nothing_typed() {
    let home = fixture_home();
    let h = home.path();
    // An empty session as older grills saved it (Ctrl-C before typing anything).
    let mut empty: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixtures().join("home/sessions/20261112-080000-e5e5.json")).unwrap(),
    )
    .unwrap();
    empty["id"] = "20261113-080000-ffff".into();
    for item in empty["items"].as_array_mut().unwrap() {
        item["outcome"] = "unanswered".into();
        item["answer"] = "".into();
    }
    std::fs::write(
        h.join("sessions/20261113-080000-ffff.json"),
        serde_json::to_string_pretty(&empty).unwrap(),
    )
    .unwrap();
    let before = session_files(h);
    let (code, out, err) = run(grill(h).args(["history", "prune", "--empty", "--yes"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "deleted 20261113-080000-ffff");
    assert_eq!(session_files(h).len(), before.len() - 1);
    let (code, out, _) = run(grill(h).args(["history", "prune", "--empty", "--yes"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("no empty sessions"), "{out}");
    // `prune` alone says what it needs.
    let (code, _, err) = run(grill(h).args(["history", "prune"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--empty"), "{err}");
}

#[test]
fn path_says_where_the_history_lives() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(grill(home.path()).args(["history", "--path"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        home.path().join("grill.db").display().to_string()
    );
}

#[test]
fn import_refuses_impossible_numbers_naming_their_line_and_field() {
    let (_, exported, _) =
        run(grill(crate::common::fixture_home().path()).args(["history", "export"]));
    // The third score of the export, the field holding it, and what grill says of it.
    let line = 1 + exported
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("\"score\""))
        .nth(2)
        .unwrap()
        .0;
    let dir = tempfile::tempdir().unwrap();
    for (value, says) in [
        ("500", "`score` is 500"),
        ("1e308", "`score` is 1e308"),
        ("-1e308", "`score` is -1e308"),
    ] {
        let lines: Vec<String> = exported
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    format!("{}\"score\": {value},", &l[..l.find('"').unwrap()])
                } else {
                    l.to_string()
                }
            })
            .collect();
        let file = dir.path().join("bad.json");
        std::fs::write(&file, lines.join("\n")).unwrap();
        let home = tempfile::tempdir().unwrap();
        let (code, out, err) = run(grill(home.path()).args(["history", "import"]).arg(&file));
        assert_eq!(code, 2, "{value}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(&format!("bad.json:{line}:")), "{value}: {err}");
        assert!(
            err.contains(says) && err.contains("0 to 100"),
            "{value}: {err}"
        );
        assert!(!home.path().join("grill.db").exists(), "nothing imported");
    }
}

#[test]
fn show_says_why_a_bare_list_of_terms_scored_low() {
    let home = tempfile::tempdir().unwrap();
    common::grill_at(home.path(), 80)
        .args(["-n", "1", "--seed", "3"])
        .write_stdin(
            "hash tables unique elements membership average constant frozenset immutable \
             hashable algebra\n",
        )
        .assert()
        .success();
    let (code, out, err) = run(grill(home.path()).args(["history", "show", "1"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Note: a list of terms: say what they do and how they relate."),
        "{out}"
    );
}

/// grill as a user for whom `folder` cannot be written though its database can: this user
/// with the folder made read-only, or as root (whom permissions do not stop), `nobody` via
/// `runuser`, the folder then theirs and read-only. None when neither can be arranged.
fn as_reader_of(folder: &Path) -> Option<Command> {
    use std::os::unix::fs::PermissionsExt;
    let uid = Command::new("id").arg("-u").output().ok()?;
    let root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let mut cmd = if root {
        let chown = Command::new("chown")
            .args(["-R", "nobody"])
            .arg(folder)
            .status()
            .ok()?;
        // The binary must be reachable by nobody: under a private folder it is not.
        let probe = Command::new("runuser")
            .args(["-u", "nobody", "--"])
            .arg(env!("CARGO_BIN_EXE_grill"))
            .arg("--version")
            .output()
            .ok()?;
        if !chown.success() || !probe.status.success() {
            return None;
        }
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"])
            .arg(env!("CARGO_BIN_EXE_grill"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_grill"))
    };
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).ok()?;
    cmd.env("GRILL_HOME", folder)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env_remove("GRILL_BANK")
        .stdin(Stdio::null());
    Some(cmd)
}

#[test]
fn a_history_whose_folder_cannot_be_written_is_still_read() {
    // A try-out made GRILL_HOME read-only: `history list`, `report` and `schedule` all failed
    // with "cannot write grill.db", though they only read.
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let answers = dir.path().join("answers.txt");
    std::fs::write(&answers, "an answer\n").unwrap();
    let (code, _, err) = run(grill(&home)
        .args(["-n", "1", "--seed", "2", "--answers"])
        .arg(&answers));
    assert_eq!(code, 0, "{err}");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let Some(_) = as_reader_of(&home) else {
        eprintln!("skipped: cannot arrange a folder this user cannot write");
        return;
    };
    for args in [&["history", "list"][..], &["report"], &["schedule"]] {
        let (code, out, err) = run(as_reader_of(&home).unwrap().args(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !out.is_empty() && !err.contains("cannot write"),
            "{args:?}: {err}"
        );
    }
    // A session still runs, and its failed save says why.
    let (code, out, err) = run(as_reader_of(&home)
        .unwrap()
        .args(["-n", "1", "--answers"])
        .arg(&answers));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("read-only"), "{err}");
    assert!(out.contains("\"answer\": \"an answer\""), "{out}");
}
