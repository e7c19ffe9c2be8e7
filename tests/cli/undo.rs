//! Taking ratings back: `grill undo` (the last rating given, in any command; again to step
//! further back, the schedule restored each time) and `undo` at a piped `grill review`.

use std::path::Path;

use serde_json::Value;

use super::common::saved;
use crate::common;

/// grill as of `now` (GRILL_NOW) with its history in `home`.
fn at(home: &Path, now: &str) -> common::Grill {
    let mut g = common::grill_at(home, 80);
    g.env("GRILL_NOW", now);
    g
}

fn run_ok(g: &mut assert_cmd::Command) -> String {
    let out = g.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// The seen questions of the schedule as of `now`: id, state, due and reviews.
fn schedule(home: &Path, now: &str) -> Vec<(u64, String, String, u64)> {
    let out = run_ok(at(home, now).args(["schedule", "--json"]));
    let s: Value = serde_json::from_str(&out).unwrap();
    s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["id"].as_u64().unwrap(),
                q["state"].as_str().unwrap().to_string(),
                q["due_at"].as_str().unwrap().to_string(),
                q["reviews"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn ratings(home: &Path) -> Vec<Option<String>> {
    saved(home)[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["rating"].as_str().map(String::from))
        .collect()
}

#[test]
fn undo_takes_back_the_last_ratings_one_by_one_and_restores_the_schedule() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let now = "2026-12-07T09:00:00Z";
    // Study two new questions: the first rated good with its answer, the second left unrated.
    run_ok(
        at(h, now)
            .args(["study", "--new", "2", "-c", "1"])
            .write_stdin("an answer\nrating: good\n---\nanother\n"),
    );
    let studied = schedule(h, "2026-12-07T09:30:00Z");
    // Later, a review rates the unrated second easy; another goes over both (all rated now)
    // and changes the first to again, Enter keeping the second's easy.
    run_ok(
        at(h, "2026-12-07T09:05:00Z")
            .arg("review")
            .write_stdin("easy\n"),
    );
    run_ok(
        at(h, "2026-12-07T09:10:00Z")
            .args(["review", "1"])
            .write_stdin("again\n\n"),
    );
    assert_eq!(ratings(h), [Some("again".into()), Some("easy".into())]);
    assert_ne!(schedule(h, "2026-12-07T09:30:00Z"), studied);
    // The last rating given first: the first answer's again; it counts as good again.
    let out = run_ok(at(h, "2026-12-07T09:12:00Z").arg("undo"));
    assert!(out.contains("Took back your rating, again"), "{out}");
    assert!(out.contains("answer 1 of session"), "{out}");
    assert!(out.contains("2 min ago"), "{out}");
    assert!(out.contains("It counts as good again"), "{out}");
    assert_eq!(ratings(h), [Some("good".into()), Some("easy".into())]);
    // Then the second's easy: unrated again.
    let json = run_ok(at(h, "2026-12-07T09:13:00Z").args(["undo", "--json"]));
    let j: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(j["format"], 1);
    assert_eq!(j["undone"]["rating"], "easy");
    assert_eq!(j["undone"]["by"], "you");
    assert!(j["undone"]["now"].is_null(), "{j}");
    assert_eq!(j["undone"]["position"], 1);
    assert_eq!(ratings(h), [Some("good".into()), None]);
    // The schedule is the one study left.
    assert_eq!(schedule(h, "2026-12-07T09:30:00Z"), studied);
    // Then the study's own good; then nothing is left to take back.
    let out = run_ok(at(h, "2026-12-07T09:14:00Z").arg("undo"));
    assert!(out.contains("Took back your rating, good"), "{out}");
    assert_eq!(ratings(h), [None, None]);
    let out = run_ok(at(h, "2026-12-07T09:15:00Z").arg("undo"));
    assert!(out.contains("No rating to take back"), "{out}");
    let j: Value = serde_json::from_str(&run_ok(
        at(h, "2026-12-07T09:15:00Z").args(["undo", "--json"]),
    ))
    .unwrap();
    assert!(j["undone"].is_null(), "{j}");
}

#[test]
fn undo_at_a_piped_review_goes_back_one_answer() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    run_ok(
        common::grill_at(h, 80)
            .args(["-n", "3", "--seed", "4"])
            .write_stdin("one\n---\ntwo\n---\nthree\n"),
    );
    // good for the first, hard for the second, then undo: back to the second, now easy; then
    // the third again.
    let out = common::grill_at(h, 80)
        .arg("review")
        .write_stdin("good\nhard\nundo\neasy\nagain\n")
        .assert()
        .success()
        .get_output()
        .clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.matches("Review 2/3").count(), 2, "{err}");
    assert_eq!(
        ratings(h),
        [
            Some("good".into()),
            Some("easy".into()),
            Some("again".into())
        ]
    );
    // The log keeps the hard, marked undone: `grill undo` now takes back the third's again.
    let out = run_ok(common::grill_at(h, 80).args(["undo", "--json"]));
    let j: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["undone"]["rating"], "again");
    assert_eq!(j["undone"]["position"], 2);
}
