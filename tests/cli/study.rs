//! Self-rating, `grill review`, `grill study` and history hygiene end to end: the binary with
//! piped input and a temporary `GRILL_HOME`, checking what is printed and what is saved.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

use super::common::saved;

use crate::common;

fn grill(home: &Path) -> common::Grill {
    common::grill_at(home, 80)
}

fn ratings(record: &Value) -> Vec<Option<String>> {
    record["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["rating"].as_str().map(String::from))
        .collect()
}

fn stdout_of(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

#[test]
fn a_session_in_which_nothing_was_typed_is_not_saved() {
    let home = tempfile::tempdir().unwrap();
    for input in ["", "\n---\n  \n---\n"] {
        grill(home.path())
            .args(["-n", "3"])
            .write_stdin(input)
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "Nothing was typed, so this session was not saved to the history.",
            ))
            .stdout(predicate::str::contains("Saved to the history").not());
    }
    assert!(saved(home.path()).is_empty());
    // One answer is enough to keep it.
    grill(home.path())
        .args(["-n", "3"])
        .write_stdin("\n---\nsomething\n")
        .assert()
        .success();
    assert_eq!(saved(home.path()).len(), 1);
}

#[test]
fn a_rating_line_after_a_piped_answer_is_saved_with_it() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(
        grill(home.path())
            .args(["-n", "2", "--seed", "7", "--feedback", "each"])
            .write_stdin("first answer\nrating: easy\n---\nsecond\n"),
    );
    let r = &saved(home.path())[0];
    assert_eq!(ratings(r), [Some("easy".to_string()), None]);
    assert_eq!(r["items"][0]["answer"], "first answer");
    // The report shows the rating and sends the candidate to `grill review` for the other.
    assert!(out.contains("· rated easy:"), "{out}");
    assert!(
        out.contains("Rate your 1 answer against the whole reference:\n      grill review\n"),
        "{out}"
    );
}

#[test]
fn feedback_each_on_piped_input_shows_the_whole_reference() {
    let home = tempfile::tempdir().unwrap();
    let out = grill(home.path())
        .args(["-n", "1", "--seed", "3", "--feedback", "each", "--json"])
        .write_stdin("an answer\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Reference answer"), "{err}");
    let flat = err.split_whitespace().collect::<Vec<_>>().join(" ");
    for b in record["items"][0]["assessment"]["bullets"]
        .as_array()
        .unwrap()
    {
        let bullet = b["bullet"].as_str().unwrap();
        let bullet = bullet.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&bullet), "{bullet}\n{err}");
    }
}

#[test]
fn review_rates_the_latest_unrated_session_from_stdin_and_saves_each_rating() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "3", "--seed", "11"])
        .write_stdin("one\n---\ntwo\n---\nthree\n")
        .assert()
        .success();
    // Two ratings, then the input ends: those two are saved, the third stays unrated.
    let out = grill(home.path())
        .arg("review")
        .write_stdin("good\n\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("Reference answer"))
        .stderr(predicate::str::contains("Review 1/3"))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("Rated 2 answers of session"), "{out}");
    // The counts are the session's, not this review's: said so.
    assert!(out.contains("; its ratings now:"), "{out}");
    assert!(out.contains("1 left without a rating"), "{out}");
    let r = &saved(home.path())[0];
    let score = r["items"][1]["assessment"]["score"].as_f64().unwrap();
    assert!(score < 50.0, "an answer of `two` scores low: {score}");
    // An empty line takes grill's suggestion: again, for a low score.
    assert_eq!(
        ratings(r),
        [Some("good".to_string()), Some("again".to_string()), None]
    );
    // The next review goes on with what is left.
    grill(home.path())
        .args(["review", "1"])
        .write_stdin("4\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("Review 1/1"));
    assert_eq!(ratings(&saved(home.path())[0])[2].as_deref(), Some("easy"));
    // Nothing left unrated: the default has nothing to do.
    grill(home.path())
        .arg("review")
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Every answer in the history has a rating",
        ));
}

#[test]
fn review_refuses_a_line_that_is_not_a_rating_after_saving_the_ones_before() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "5"])
        .write_stdin("one\n---\ntwo\n")
        .assert()
        .success();
    grill(home.path())
        .arg("review")
        .write_stdin("hard\nsuperb\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>:2: `superb` is not a rating",
        ))
        .stderr(predicate::str::contains("1 rating before it was saved"));
    assert_eq!(
        ratings(&saved(home.path())[0]),
        [Some("hard".to_string()), None]
    );
    grill(home.path())
        .args(["review", "nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no session `nope`"));
}

#[test]
fn study_asks_new_questions_up_to_the_daily_limit_and_is_saved_as_study() {
    let home = tempfile::tempdir().unwrap();
    let out = grill(home.path())
        .args(["study", "--new", "2", "-c", "1"])
        .write_stdin("an answer\nrating: hard\n---\n\n---\nnever asked\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Study: 0 due now, 2 new left today",
        ))
        // The empty answer shows the reference at once.
        .stderr(predicate::str::contains(
            "(none: the reference straight away)",
        ))
        .stderr(predicate::str::contains(
            "1 answer after the last question was not used",
        ))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    // The empty answer is not rated: its "again" is grill's suggestion, and the summary says so.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Studied 2 questions: 0 reviewed, 2 new, 1 again (1 not rated: grill's suggestion)."
        ),
        "{out}"
    );
    assert!(
        out.contains("Nothing more is due, and today's new questions are used up."),
        "{out}"
    );
    let sessions = saved(home.path());
    assert_eq!(sessions.len(), 1);
    let r = &sessions[0];
    assert_eq!(r["kind"], "study");
    assert_eq!(r["status"], "complete");
    assert_eq!(ratings(r), [Some("hard".to_string()), None]);
    assert_eq!(r["items"][1]["answer"], "");
    // The day's new questions are used up: nothing to study, nothing saved; and when the
    // next one comes due (the "again" one, in minutes).
    let out = grill(home.path())
        .args(["study", "--new", "2", "-c", "1"])
        .write_stdin("more\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let words = String::from_utf8(out).unwrap();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Nothing is due and today's 2 new questions are used up. The next question is due in "
        ),
        "{words}"
    );
    assert_eq!(saved(home.path()).len(), 1);
    grill(home.path())
        .args(["study", "--new", "1", "-c", "1"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Nothing is due and today's 1 new question is used up.",
        ));
    // A study session feeds the history and the report like any other.
    grill(home.path())
        .arg("history")
        .assert()
        .success()
        .stdout(predicate::str::contains("2/2"));
    grill(home.path())
        .args(["report", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"due_now\""));
}

#[test]
fn study_with_nothing_answered_saves_nothing() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["study"])
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Nothing was studied, so no session was saved.",
        ));
    assert!(saved(home.path()).is_empty());
    grill(home.path())
        .args(["study", "--retention", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--retention 2"));
}

#[test]
fn history_show_writes_a_markdown_study_sheet() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "21"])
        .write_stdin("an answer with `code`\nrating: good\n---\n")
        .assert()
        .success();
    let md = stdout_of(grill(home.path()).args(["history", "show", "1", "--format", "markdown"]));
    let r = &saved(home.path())[0];
    assert!(md.starts_with("# Mock interview "), "{md}");
    assert!(md.contains("## 1. Q"), "{md}");
    assert!(md.contains(" · rated good\n"), "{md}");
    assert!(md.contains("```text\nan answer with `code`\n```"), "{md}");
    assert!(
        md.contains("## 2. Q") && md.contains(": not answered\n"),
        "{md}"
    );
    let bullets = r["items"][0]["assessment"]["bullets"].as_array().unwrap();
    let marked = md.matches("- **missed** ").count()
        + md.matches("- **partly** ").count()
        + md.matches("- **covered** ").count();
    assert_eq!(marked, bullets.len(), "{md}");
    grill(home.path())
        .args(["history", "show", "1", "--format", "markdown", "--json"])
        .assert()
        .code(2);
}

#[test]
fn history_show_says_a_study_session_is_untimed() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["study", "--new", "1"])
        .write_stdin("an answer\n")
        .assert()
        .success();
    let out = stdout_of(grill(home.path()).args(["history", "show", "1"]));
    assert!(out.contains("study (untimed)"), "{out}");
    assert!(!out.contains("a question"), "{out}");
}

#[test]
fn review_with_no_history_says_how_to_start() {
    let home = tempfile::tempdir().unwrap();
    let out = stdout_of(grill(home.path()).arg("review"));
    assert!(out.starts_with("No sessions saved yet"), "{out}");
}

#[test]
fn going_over_a_rated_session_again_and_stopping_early_leaves_nothing_unrated() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "5"])
        .write_stdin("one\n---\ntwo\n")
        .assert()
        .success();
    stdout_of(grill(home.path()).arg("review").write_stdin("good\ngood\n"));
    // Every answer is rated, so this pass goes over them all again; it stops after one, and
    // the other keeps its rating: nothing is left without one.
    let out = stdout_of(
        grill(home.path())
            .args(["review", "1"])
            .write_stdin("easy\n"),
    );
    assert!(out.contains("Rated 1 answer of session"), "{out}");
    assert!(!out.contains("left without a rating"), "{out}");
    assert_eq!(
        ratings(&saved(home.path())[0]),
        [Some("easy".to_string()), Some("good".to_string())]
    );
}

#[test]
fn history_show_says_how_each_answer_was_rated() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "21"])
        .write_stdin("an answer\nrating: good\n---\nanother\n")
        .assert()
        .success();
    let out = stdout_of(grill(home.path()).args(["history", "show", "1"]));
    let heads: Vec<&str> = out.lines().filter(|l| l.contains("  score ")).collect();
    assert_eq!(heads.len(), 2, "{out}");
    assert!(heads[0].ends_with(" · rated good"), "{out}");
    assert!(!heads[1].contains("rated"), "{out}");
    // A rating given later, with `history rate`, shows too.
    let q = saved(home.path())[0]["items"][1]["question_id"].to_string();
    grill(home.path())
        .args(["history", "rate", "1", &q, "again"])
        .assert()
        .success();
    let out = stdout_of(grill(home.path()).args(["history", "show", "1"]));
    assert!(out.contains(" · rated again"), "{out}");
}

#[test]
fn skip_leaves_an_answer_unrated_without_taking_the_suggestion() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "3", "--seed", "11"])
        .write_stdin("one\n---\ntwo\nrating: skip\n---\nthree\n")
        .assert()
        .success();
    // `rating: skip` is taken off the answer and rates nothing.
    let r = &saved(home.path())[0];
    assert_eq!(r["items"][1]["answer"], "two");
    assert_eq!(ratings(r), [None, None, None]);
    // Piped review: skip, a rating, skip (any case); the summary says what was skipped.
    let out = stdout_of(
        grill(home.path())
            .arg("review")
            .write_stdin("skip\ngood\nSKIP\n"),
    );
    assert!(out.contains("Rated 1 answer of session"), "{out}");
    assert!(out.contains("(2 skipped)"), "{out}");
    assert!(out.contains("2 left without a rating"), "{out}");
    assert_eq!(
        ratings(&saved(home.path())[0]),
        [None, Some("good".to_string()), None]
    );
    // The skipped answers are the ones the next review offers.
    grill(home.path())
        .arg("review")
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains("2 answers to rate"));
}

#[test]
fn a_second_look_at_a_rated_answer_shows_its_rating_and_enter_keeps_it() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "11"])
        .write_stdin("one\n---\ntwo\n")
        .assert()
        .success();
    let r = &saved(home.path())[0];
    let id = r["id"].as_str().unwrap().to_string();
    let q = r["items"][0]["question_id"].to_string();
    let q2 = r["items"][1]["question_id"].to_string();
    // The answer scored near 0: grill suggests again; the candidate says good.
    stdout_of(grill(home.path()).args(["history", "rate", &id, &q, "good"]));
    stdout_of(grill(home.path()).args(["history", "rate", &id, &q2, "easy"]));
    // Going over it again: the screen says how it was rated, and an empty line keeps that
    // rating rather than putting grill's suggestion in its place.
    let out = grill(home.path())
        .args(["review", &id])
        .write_stdin("\n\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("Rated good before; Enter keeps it"), "{err}");
    assert_eq!(ratings(&saved(home.path())[0])[0].as_deref(), Some("good"));
}

#[test]
fn rating_lines_left_over_after_a_piped_review_are_said() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "11"])
        .write_stdin("one\n---\ntwo\n")
        .assert()
        .success();
    grill(home.path())
        .arg("review")
        .write_stdin("good\nhard\neasy\n\nagain\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: 2 lines after the last answer to rate were not used",
        ));
    // Stopped with q: what follows it is not counted.
    grill(home.path())
        .args(["review", "1"])
        .write_stdin("q\ngood\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("not used").not());
}

/// grill at `now` (GRILL_NOW) with `home` as its history.
fn at(home: &Path, now: &str) -> common::Grill {
    let mut g = grill(home);
    g.env("GRILL_NOW", now);
    g
}

#[test]
fn a_week_of_study_runs_through_grill_now() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Monday 09:00: three new questions, rated again, good and easy.
    let monday = at(h, "2026-12-07T09:00:00Z")
        .args(["study", "--new", "3", "-c", "1"])
        .write_stdin("a\nrating: again\n---\nb\nrating: good\n---\nc\nrating: easy\n")
        .assert()
        .success();
    // A rating that came with the answer is this answer's, not one given before.
    let err = String::from_utf8_lossy(&monday.get_output().stderr).to_string();
    assert!(err.contains("Rated easy (from the input)"), "{err}");
    assert!(!err.contains("before"), "{err}");
    let first: Vec<u64> = saved(h)[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["question_id"].as_u64().unwrap())
        .collect();
    assert_eq!(first.len(), 3);
    let schedule = |now: &str| -> Value {
        let out = stdout_of(at(h, now).args(["schedule", "--json"]));
        serde_json::from_str(&out).unwrap()
    };
    // Five minutes later: the one rated again is due in about five minutes, nothing due now.
    let s = schedule("2026-12-07T09:05:00Z");
    assert_eq!(s["questions"][0]["id"], first[0]);
    assert_eq!(s["questions"][0]["state"], "learning");
    assert!(
        s["questions"][0]["due_in"]
            .as_str()
            .unwrap()
            .starts_with("in "),
        "{s}"
    );
    assert!(
        s["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["is_due"] == false)
    );
    // A quarter of an hour later it is due, and study asks it first (the day's new ones used).
    stdout_of(
        at(h, "2026-12-07T09:20:00Z")
            .args(["study", "--new", "3", "-c", "1"])
            .write_stdin("a again\nrating: good\n"),
    );
    assert_eq!(saved(h)[1]["items"][0]["question_id"], first[0]);
    // Thursday: the one rated good first comes due (days, not minutes); the easy one later.
    let s = schedule("2026-12-10T09:30:00Z");
    let due: Vec<u64> = s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["is_due"] == true)
        .map(|q| q["id"].as_u64().unwrap())
        .collect();
    assert!(due.contains(&first[1]), "{s}");
    assert!(!due.contains(&first[2]), "{s}");
    // The forecast counts what falls due each day: all three within the two weeks.
    let total: u64 = s["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["due"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 3, "{s}");
}
