//! `grill schedule --optimize`: fitting the candidate's own FSRS weights to a review log drawn
//! from known weights (`practice::optimize::simulate`, imported as a year of study sessions),
//! too few reviews, keeping them (`--yes`, or y at the prompt in a terminal) or not (piped
//! without `--yes`), `grill schedule` saying they are in use, `--reset`, and `--json`.

use std::path::Path;

use grill::fsrs::{DEFAULT_WEIGHTS, Scheduler};
use grill::history::cards::Answers;
use grill::history::record::{
    BankRef, Feedback, Focus, ItemRecord, Outcome, SessionKind, SessionRecord, SessionStatus,
    Settings,
};
use grill::practice::optimize;
use serde_json::Value;

use crate::common;

/// The moment every run of these tests is as of: after the simulated year.
const NOW: &str = "2027-01-10T12:00:00Z";

/// A candidate who forgets faster than FSRS-6's defaults expect.
fn truth() -> Scheduler {
    let mut w = DEFAULT_WEIGHTS;
    (w[0], w[1], w[2], w[3]) = (0.1, 0.5, 0.9, 3.0);
    (w[8], w[20]) = (1.2, 0.3);
    Scheduler {
        weights: w,
        ..Scheduler::default()
    }
}

/// A simulated review log of `questions` of the built-in bank over `days` days of 2026.
fn log(questions: u32, days: i64) -> Vec<(u32, Answers)> {
    let start = "2026-01-01T09:00:00Z".parse().unwrap();
    optimize::simulate(&truth(), questions, days, 11, start)
}

/// `log` as study sessions of the built-in bank, one a day, imported into a new history.
fn home_with(log: &[(u32, Answers)]) -> tempfile::TempDir {
    let bank = grill::bank::Bank::embedded();
    let mut days: std::collections::BTreeMap<jiff::civil::Date, Vec<(jiff::Timestamp, u32, _)>> =
        Default::default();
    for (q, answers) in log {
        for &(at, rating) in answers {
            let day = at.to_zoned(jiff::tz::TimeZone::UTC).date();
            days.entry(day).or_default().push((at, *q, rating));
        }
    }
    let sessions: Vec<SessionRecord> = days
        .into_values()
        .enumerate()
        .map(|(n, mut answers)| {
            answers.sort_by_key(|a| (a.0, a.1));
            let mut s = SessionRecord::begin(
                SessionKind::Study,
                BankRef {
                    title: bank.title.clone(),
                    hash: bank.content_hash(),
                },
                answers[0].0,
                n as u64,
                Settings {
                    questions: answers.len(),
                    chapters: vec![],
                    time_limit_secs: 0,
                    total_limit_secs: None,
                    feedback: Feedback::Each,
                    focus: Focus::Due,
                    retry_of: None,
                    input: "stdin".into(),
                },
            );
            s.id = format!("sim-{n:04}");
            s.status = SessionStatus::Complete;
            s.ended_at = answers.last().unwrap().0;
            s.items = answers
                .into_iter()
                .map(|(at, q, rating)| ItemRecord {
                    question_id: q,
                    chapter: "c".into(),
                    prompt: format!("question {q}"),
                    answer: "an answer".into(),
                    outcome: Outcome::Answered,
                    time_used_ms: 1000,
                    assessment: serde_json::from_value(
                        serde_json::json!({"score": 50.0, "bullets": []}),
                    )
                    .unwrap(),
                    notes: vec![],
                    rating: Some(rating),
                    rated_by: None,
                    answered_at: Some(at),
                    spoken: None,
                })
                .collect();
            s
        })
        .collect();
    let home = tempfile::tempdir().unwrap();
    let store = grill::history::Store::open(home.path()).unwrap();
    store.import(&sessions, NOW.parse().unwrap()).unwrap();
    home
}

/// grill as of [`NOW`] with its history in `home`, no terminal.
fn at(home: &Path) -> common::Grill {
    let mut g = common::grill_at(home, 100);
    g.env("GRILL_NOW", NOW);
    g
}

fn ok(g: &mut assert_cmd::Command) -> String {
    let out = g.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json(g: &mut assert_cmd::Command) -> Value {
    serde_json::from_str(&ok(g)).unwrap()
}

/// The cards of `grill schedule --json` (a run's clock moves on from GRILL_NOW, so not `now`
/// or the recall): each question's state, due time and memory.
fn cards(home: &Path) -> Vec<Value> {
    let s = json(at(home).args(["schedule", "--json"]));
    s["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            let keys = [
                "id",
                "state",
                "due_at",
                "stability",
                "difficulty",
                "reviews",
                "lapses",
            ];
            keys.iter().map(|k| q[*k].clone()).collect()
        })
        .collect()
}

#[test]
fn too_few_reviews_say_how_many_more_are_needed_and_keep_nothing() {
    let empty = tempfile::tempdir().unwrap();
    let out = words(&ok(at(empty.path()).args([
        "schedule",
        "--optimize",
        "--yes",
    ])));
    assert!(out.contains("Not enough reviews to fit"), "{out}");
    assert!(
        out.contains("has 0 (0 + 0). At least 80 more reviews are needed"),
        "{out}"
    );
    assert!(!empty.path().join("grill.db").exists(), "nothing written");

    let small = log(12, 90);
    let few = match optimize::optimize(&small, None).unwrap() {
        optimize::Optimized::TooFew(f) => f,
        other => panic!("12 questions are too few: {other:?}"),
    };
    assert!(few.more_needed > 0 && few.counts.trained_on > 0, "{few:?}");
    let home = home_with(&small);
    let out = words(&ok(at(home.path()).args([
        "schedule",
        "--optimize",
        "--yes",
    ])));
    assert!(
        out.contains(&format!(
            "At least {} more reviews are needed",
            few.more_needed
        )),
        "{out}"
    );
    let j = json(at(home.path()).args(["schedule", "--optimize", "--json"]));
    assert_eq!(j["format"], 1);
    assert_eq!(
        (j["enough"].clone(), j["kept"].clone()),
        (false.into(), false.into())
    );
    assert_eq!(j["more_needed"], few.more_needed);
    assert_eq!(j["counts"]["trained_on"], few.counts.trained_on);
    assert_eq!(j["decision"], "too-few");
    assert!(j["fitted"].is_null());
    let s = json(at(home.path()).args(["schedule", "--json"]));
    assert!(s["own_weights"].is_null(), "{s}");
}

#[test]
fn fitted_weights_are_kept_only_with_yes_when_piped_and_reset_goes_back() {
    let log = log(200, 365);
    let answers: usize = log.iter().map(|(_, a)| a.len()).sum();
    let home = home_with(&log);
    let h = home.path();
    let before = cards(h);
    assert_eq!(before.len(), 200);

    // Piped, no --yes: the comparison, and nothing kept.
    let out = ok(at(h).args(["schedule", "--optimize"]));
    assert!(out.contains("LOG LOSS"), "{out}");
    assert!(out.contains("default weights"), "{out}");
    let w = words(&out);
    assert!(w.contains("predict your recalls better"), "{w}");
    assert!(w.contains("Not kept: pass --yes to keep them"), "{w}");
    assert_eq!(cards(h), before);
    assert!(json(at(h).args(["schedule", "--json"]))["own_weights"].is_null());

    // --json without --yes neither asks nor keeps.
    let j = json(at(h).args(["schedule", "--optimize", "--json"]));
    assert_eq!(
        (j["better"].clone(), j["kept"].clone()),
        (true.into(), false.into())
    );
    assert_eq!(j["decision"], "needs-yes");
    let (default, fitted) = (&j["default"], &j["fitted"]);
    assert!(
        fitted["log_loss"].as_f64() < default["log_loss"].as_f64(),
        "{j}"
    );
    assert_eq!(j["counts"]["answers"], answers);
    assert_eq!(j["counts"]["questions"], 200);
    assert_eq!(j["counts"]["held_out"], 40);
    assert_eq!(j["weights"].as_array().unwrap().len(), 21);
    for key in [
        "format",
        "bank",
        "enough",
        "more_needed",
        "counts",
        "default",
        "fitted",
    ] {
        assert!(j.get(key).is_some(), "{key}: {j}");
    }

    // --yes: kept, every card worked out again with them, and the schedule says so.
    let j = json(at(h).args(["schedule", "--optimize", "--yes", "--json"]));
    assert_eq!(
        (j["kept"].clone(), j["decision"].clone()),
        (true.into(), "kept".into())
    );
    let own = json(at(h).args(["schedule", "--json"]));
    assert_eq!(own["own_weights"]["reviews"], answers);
    assert_eq!(own["own_weights"]["fitted_on"], "2027-01-10");
    assert_ne!(cards(h), before, "the cards are made again");
    let text = words(&ok(at(h).arg("schedule")));
    assert!(
        text.contains("With your own FSRS weights, fitted on 2027-01-10 to"),
        "{text}"
    );
    // The report's forecast is the schedule's, timed with the same weights.
    let report = json(at(h).args(["report", "--format", "json"]));
    assert_eq!(
        report["forecast"], own["forecast"],
        "{}",
        report["forecast"]
    );
    // Fitted again with them in use: the same log fits the same weights, which are no better
    // than themselves, so nothing changes.
    let out = ok(at(h).args(["schedule", "--optimize", "--yes"]));
    assert!(out.contains("weights in use "), "{out}");
    let w = words(&out);
    assert!(w.contains("no better than your own weights in use"), "{w}");
    assert!(
        w.contains("Not kept: grill schedules with the weights it had before"),
        "{w}"
    );
    let j = json(at(h).args(["schedule", "--optimize", "--json"]));
    assert_eq!(j["current"]["log_loss"], j["fitted"]["log_loss"], "{j}");
    assert_eq!(j["decision"], "not-better");

    // --reset: the defaults again, the schedule as it was.
    let out = words(&ok(at(h).args(["schedule", "--optimize", "--reset"])));
    assert!(
        out.starts_with("Back to FSRS-6's default weights (200 cards"),
        "{out}"
    );
    assert_eq!(cards(h), before);
    assert!(!ok(at(h).arg("schedule")).contains("own FSRS weights"));
    let j = json(at(h).args(["schedule", "--optimize", "--reset", "--json"]));
    assert_eq!(
        j,
        serde_json::json!({"format": 1, "reset": false, "cards": null})
    );
}

#[test]
fn yes_and_reset_go_with_optimize_which_takes_no_chapter() {
    for (args, said) in [
        (&["schedule", "--yes"][..], "--yes goes with --optimize"),
        (&["schedule", "--reset"], "--reset goes with --optimize"),
        (
            &["schedule", "--optimize", "-c", "1"],
            "--chapter: --optimize fits",
        ),
    ] {
        let out = common::grill()
            .args(args)
            .assert()
            .code(2)
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(said), "{args:?}: {err}");
    }
}

#[test]
fn in_a_terminal_it_asks_and_keeps_them_only_on_yes() {
    use rexpect::session::spawn_command;
    let home = home_with(&log(200, 365));
    let h = home.path();
    let before = cards(h);
    for (key, said) in [
        ("n", "Not kept: grill schedules with the weights"),
        ("y", "Kept:"),
    ] {
        let mut cmd = common::grill_tty(h);
        cmd.env("GRILL_NOW", NOW).args(["schedule", "--optimize"]);
        let mut p = spawn_command(cmd, Some(60_000)).unwrap();
        p.exp_string("Fitting FSRS weights to").unwrap();
        p.exp_string("LOG LOSS").unwrap();
        p.exp_string("Keep the fitted weights").unwrap();
        p.send(key).unwrap();
        p.flush().unwrap();
        p.exp_string(said).unwrap();
        p.exp_eof().unwrap();
        if key == "n" {
            assert_eq!(cards(h), before, "declined: nothing changed");
        }
    }
    assert_ne!(cards(h), before);
    let own = json(at(h).args(["schedule", "--json"]));
    assert!(own["own_weights"]["reviews"].as_u64().unwrap() > 0, "{own}");
}
