//! Scripted mock interviews end to end: the binary with piped answers and a temporary
//! `GRILL_HOME`, checking the report, the saved record, the seed and the error cases.

use std::path::Path;

use predicates::prelude::*;
use serde_json::Value;

use super::common::saved;

use crate::common;

fn grill(home: &Path) -> common::Grill {
    common::grill_at(home, 80)
}

fn json_of(out: &[u8]) -> Value {
    serde_json::from_slice(out).unwrap_or_else(|e| {
        panic!("not JSON ({e}):\n{}", String::from_utf8_lossy(out));
    })
}

fn question_ids(record: &Value) -> Vec<u64> {
    record["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["question_id"].as_u64().unwrap())
        .collect()
}

fn outcomes(record: &Value) -> Vec<&str> {
    record["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["outcome"].as_str().unwrap())
        .collect()
}

#[test]
fn a_piped_session_prints_the_report_and_saves_the_record() {
    let home = tempfile::tempdir().unwrap();
    let out = grill(home.path())
        .args(["-n", "3", "--seed", "42", "-c", "1", "-c", "concurrency"])
        .write_stdin("first answer\nover two lines\n---\nsecond answer\n---\nthird\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("Question 1/3"))
        .stderr(predicate::str::contains("Question 3/3"))
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(out).unwrap();
    assert!(
        report.contains("Mock interview: 3 answered of 3"),
        "{report}"
    );
    assert!(
        report.lines().any(|l| l.starts_with("fundamentals ")),
        "{report}"
    );
    assert!(
        report.lines().any(|l| l.starts_with("concurrency ")),
        "{report}"
    );
    assert!(
        report.lines().any(|l| l.starts_with("Overall ")),
        "{report}"
    );
    assert!(report.contains("Questions"), "{report}");
    assert!(
        report.contains(
            // Too long for one line at 80 columns: the command gets a line of its own.
            "Seed 42. Same questions again:\n  grill -n 3 -c fundamentals -c concurrency --seed 42\n"
        ),
        "{report}"
    );
    assert!(report.contains("Tips"), "{report}");
    assert!(
        !report.contains('\u{1b}'),
        "piped output is plain: {report}"
    );

    let records = saved(home.path());
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["status"], "complete");
    assert_eq!(r["seed"], 42);
    assert_eq!(r["settings"]["input"], "stdin");
    assert_eq!(r["settings"]["time_limit_secs"], 180);
    assert_eq!(
        r["settings"]["chapters"],
        serde_json::json!(["fundamentals", "concurrency"])
    );
    assert!(report.contains(&format!(
        "Saved to the history as {}.",
        r["id"].as_str().unwrap()
    )));
    let answers: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["answer"].as_str().unwrap())
        .collect();
    assert_eq!(
        answers,
        ["first answer\nover two lines", "second answer", "third"]
    );
    assert_eq!(outcomes(r), ["answered"; 3]);
    for item in r["items"].as_array().unwrap() {
        assert!(item["time_used_ms"].is_u64());
        assert!(!item["assessment"]["bullets"].as_array().unwrap().is_empty());
    }
}

#[test]
fn extra_answers_are_reported_and_spaced_separators_and_empty_blocks_work() {
    let home = tempfile::tempdir().unwrap();
    let out = grill(home.path())
        .args(["-n", "3", "--seed", "42"])
        .write_stdin("first\n --- \n---\nthird\n---\nfourth\n---\nfifth\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: 2 answers after the last question were not used",
        ))
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(out).unwrap();
    // The empty block between separators is an answer given as empty: a skip.
    assert!(
        report.contains("Mock interview: 2 answered, 1 skipped of 3"),
        "{report}"
    );
    assert!(report.contains("(skipped)"), "{report}");
    let r = &saved(home.path())[0];
    let answers: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["answer"].as_str().unwrap())
        .collect();
    assert_eq!(answers, ["first", "", "third"]);
    assert_eq!(outcomes(r), ["answered"; 3]);
    // Exactly as many answers as questions: no warning.
    grill(home.path())
        .args(["-n", "2", "--seed", "42"])
        .write_stdin("a\n---\nb\n---\n")
        .assert()
        .success()
        .stderr(predicate::str::contains("not used").not());
}

#[test]
fn the_same_seed_asks_the_same_questions_in_the_same_order() {
    let home = tempfile::tempdir().unwrap();
    let run = |seed: &str| {
        let out = grill(home.path())
            .args(["-n", "5", "--seed", seed, "--json"])
            .write_stdin("")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        question_ids(&json_of(&out))
    };
    let a = run("1234");
    assert_eq!(a.len(), 5);
    assert_eq!(a, run("1234"));
    assert_ne!(a, run("1235"));
}

#[test]
fn fewer_answers_than_questions_leaves_the_rest_unanswered() {
    let home = tempfile::tempdir().unwrap();
    let out = grill(home.path())
        .args(["-n", "3", "--seed", "1"])
        .write_stdin("only one answer\n---\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let report = String::from_utf8(out).unwrap();
    assert!(report.contains("2 questions had no answer"), "{report}");
    let r = &saved(home.path())[0];
    assert_eq!(r["status"], "complete");
    assert_eq!(outcomes(r), ["answered", "unanswered", "unanswered"]);
}

#[test]
fn answers_from_a_file_and_feedback_after_each() {
    let home = tempfile::tempdir().unwrap();
    // Answer the question with its own reference bullets: it must score better than nothing.
    let first = grill(home.path())
        .args(["-n", "1", "--seed", "77", "--json"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let id = question_ids(&json_of(&first))[0];
    let shown = common::grill()
        .args(["bank", "show", &id.to_string()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let bullets: String = String::from_utf8(shown)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix("  - "))
        .collect::<Vec<_>>()
        .join("\n");
    let file = home.path().join("answers.txt");
    std::fs::write(&file, format!("{bullets}\n---\n")).unwrap();
    let out = grill(home.path())
        .args([
            "-n",
            "1",
            "--seed",
            "77",
            "--feedback",
            "each",
            "--json",
            "--answers",
        ])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicate::str::contains("Score "))
        .stderr(predicate::str::contains("✓ "))
        .get_output()
        .stdout
        .clone();
    let r = json_of(&out);
    assert_eq!(r["settings"]["input"], "file");
    assert_eq!(r["settings"]["feedback"], "each");
    assert_eq!(question_ids(&r), [id]);
    assert!(
        r["items"][0]["assessment"]["score"].as_f64().unwrap() > 50.0,
        "{r}"
    );
}

/// Bytes that are not UTF-8 become `�` in an answers file as in piped answers: a typed answer
/// is kept, whichever way it comes (a regular file was refused whole).
#[test]
fn answers_not_utf8_are_kept_from_a_file_as_from_a_pipe() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("answers.txt");
    std::fs::write(&file, b"caf\xe9 zone\n").unwrap();
    let from_file = grill(home.path())
        .args(["-n", "1", "--seed", "3", "--json", "--answers"])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let piped = grill(home.path())
        .args(["-n", "1", "--seed", "3", "--json"])
        .write_stdin(b"caf\xe9 zone\n".to_vec())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    for out in [from_file, piped] {
        assert_eq!(json_of(&out)["items"][0]["answer"], "caf\u{fffd} zone");
    }
}

#[test]
fn retry_asks_a_past_sessions_questions_again_in_order() {
    let home = tempfile::tempdir().unwrap();
    let first = grill(home.path())
        .args(["-n", "4", "--json"])
        .write_stdin("an answer\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let first = json_of(&first);
    let id = first["id"].as_str().unwrap();
    let again = grill(home.path())
        .args(["--retry", id, "--json"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let again = json_of(&again);
    assert_eq!(question_ids(&again), question_ids(&first));
    assert_eq!(again["settings"]["retry_of"], id);
    // By number too, as `grill history` lists sessions.
    grill(home.path())
        .args(["start", "--retry", "1", "--json"])
        .write_stdin("")
        .assert()
        .success();
}

#[test]
fn focus_weak_asks_failed_questions_first_and_a_corrupt_file_does_not_block_it() {
    let home = tempfile::tempdir().unwrap();
    // Answered, not just drawn: a question never answered still counts as unseen.
    let first = grill(home.path())
        .args(["-n", "4", "-c", "1", "-c", "2", "--focus", "weak", "--json"])
        .write_stdin("a\n---\nb\n---\nc\n---\nd\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let first = question_ids(&json_of(&first));
    // A damaged session file of an earlier grill: named once as it is moved in, never a block.
    std::fs::create_dir_all(home.path().join("sessions")).unwrap();
    std::fs::write(home.path().join("sessions").join("broken.json"), "{ nope").unwrap();
    let second = grill(home.path())
        .args(["-n", "4", "-c", "1", "-c", "2", "--focus", "weak", "--json"])
        .write_stdin("")
        .assert()
        .success()
        .stderr(predicate::str::contains("broken.json:1"))
        .get_output()
        .stdout
        .clone();
    let second = json_of(&second);
    assert_eq!(second["settings"]["focus"], "weak");
    let second = question_ids(&second);
    // Every answer of the first session scored (near) 0: those four come back first.
    let mut a = first.clone();
    let mut b = second.clone();
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b, "{first:?} {second:?}");
    // The corrupt file is left as it was.
    let kept = std::fs::read_to_string(home.path().join("sessions").join("broken.json")).unwrap();
    assert_eq!(kept, "{ nope");
}

#[test]
fn bad_input_exits_2_with_a_message_that_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--time", "3x"],
            "--time \"3x\": unexpected `x`; write a duration such as 90s",
        ),
        (&["--total", "soon"], "--total \"soon\""),
        (&["--time", "0s"], "must be longer than zero"),
        (
            &["-n", "500"],
            // Every chapter is in: no "choose more chapters".
            "--questions 500: the bank holds 200 questions; ask for 200 or fewer\n",
        ),
        (
            &["-n", "21", "-c", "1"],
            "chapter fundamentals holds 20 questions; ask for 20 or fewer, or choose more chapters",
        ),
        (&["-c", "concurrancy"], "did you mean `concurrency`?"),
        (
            &["--retry", "nosuch"],
            "--retry: no session `nosuch` in the history",
        ),
        (
            &["--answers", "/no/such/answers.txt"],
            "--answers: /no/such/answers.txt does not exist",
        ),
        (&["-n", "0"], "at least one question"),
        // Numbers say what they must be, not Rust's "invalid digit found in string".
        (
            &["-n", "-1"],
            "invalid value '-1' for '--questions <N>': a whole number of 0 or more",
        ),
        (
            &["--seed", "2.5"],
            "'--seed <S>': a whole number such as 5 (digits only)",
        ),
        (&["-n", "99999999999999999999999"], "too large a number"),
    ];
    for (args, message) in cases {
        grill(home.path())
            .args(*args)
            .write_stdin("an answer\n")
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(*message));
    }
    assert!(
        saved(home.path()).is_empty(),
        "nothing is saved on bad input"
    );
}

#[test]
fn when_saving_fails_the_session_is_printed_as_json_and_exit_is_1() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("not-a-folder");
    std::fs::write(&home, "").unwrap();
    let out = grill(&home)
        .args(["-n", "2", "--seed", "3"])
        .write_stdin("kept answer\n---\n")
        .assert()
        .code(1)
        // The reason is the history's, as the warning at the start gave it (it said "no data
        // directory" whatever the cause, a try-out found).
        .stderr(predicate::str::contains(
            "could not save the session to the history (the data directory",
        ))
        .stderr(predicate::str::contains("no data directory").not())
        .stderr(predicate::str::contains("printed on stdout as JSON"))
        // The candidate still sees the report, on stderr, so stdout stays JSON.
        .stderr(predicate::str::contains("Mock interview: 1 answered of 2"))
        .stderr(predicate::str::contains("Questions"))
        .get_output()
        .stdout
        .clone();
    let r = json_of(&out);
    assert_eq!(r["items"][0]["answer"], "kept answer");
    assert_eq!(r["seed"], 3);
}

#[test]
fn a_limit_for_the_whole_session_is_recorded() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "1", "--time", "2m30s", "--total", "1h"])
        .write_stdin("x\n")
        .assert()
        .success();
    let r = &saved(home.path())[0];
    assert_eq!(r["settings"]["time_limit_secs"], 150);
    assert_eq!(r["settings"]["total_limit_secs"], 3600);
}

/// The saved file is written after every answer, so a session killed outright (power cut,
/// `kill -9`) keeps the answers given so far.
#[test]
fn answers_survive_a_crash_mid_session() {
    use std::io::Write as _;
    let home = tempfile::tempdir().unwrap();
    let mut child = common::grill_in(home.path(), 80)
        .args(["-n", "3", "--seed", "9"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"the first answer, about the GIL\n---\n")
        .unwrap();
    stdin.flush().unwrap();
    // Wait (up to 20 s on a loaded machine) for the first answer to reach the disk.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let record = loop {
        let records = saved(home.path());
        if let Some(r) = records.first()
            && r["items"].as_array().is_some_and(|i| !i.is_empty())
        {
            break r.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the first answer was never saved"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    drop(stdin);
    assert_eq!(record["status"], "in-progress");
    assert_eq!(
        record["items"][0]["answer"],
        "the first answer, about the GIL"
    );
    // What is on disk after the kill is still that record, readable.
    let after = saved(home.path());
    assert_eq!(after.len(), 1);
    assert_eq!(
        after[0]["items"][0]["answer"],
        "the first answer, about the GIL"
    );
    // The list counts the questions drawn, not only those reached (a try-out saw "1/1").
    let (code, list, err) =
        common::run(common::grill_in(home.path(), 100).args(["history", "list"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        list.contains("1/3") && list.contains("in progress"),
        "{list}"
    );
    // And so does its replay (a try-out saw "1 of 1 question answered" and "1/1").
    let (code, show, err) =
        common::run(common::grill_in(home.path(), 100).args(["history", "show", "1"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        show.contains("1 of 3 questions answered") && show.contains("1/3  Q"),
        "{show}"
    );
}

#[test]
fn sessions_finishing_at_once_are_all_saved() {
    let home = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..4)
        .map(|i| {
            let mut child = common::grill_in(home.path(), 80)
                .args(["-n", "2", "--seed", &i.to_string(), "--answers", "-"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            let mut stdin = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                use std::io::Write as _;
                let _ = stdin.write_all(format!("answer {i}\n---\nsecond {i}\n").as_bytes());
            });
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let records = saved(home.path());
    assert_eq!(records.len(), 4, "every session has its own file");
    let mut seeds: Vec<u64> = records
        .iter()
        .map(|r| r["seed"].as_u64().unwrap())
        .collect();
    seeds.sort_unstable();
    assert_eq!(seeds, [0, 1, 2, 3]);
    assert!(records.iter().all(|r| r["status"] == "complete"));
}

/// Runs a piped `--json` session with `answers` (joined by `---`) and returns the record.
fn piped(home: &Path, args: &[&str], answers: &[&str]) -> Value {
    let out = grill(home)
        .args(args)
        .arg("--json")
        .write_stdin(answers.join("\n---\n"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_of(&out)
}

#[test]
fn focus_due_stops_new_questions_at_the_daily_limit() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // An empty history: only three new questions today, so three are asked, with a note.
    grill(h)
        .args(["-n", "5", "--focus", "due", "--new", "3", "--json"])
        .write_stdin("x\n---\ny\n---\nz\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "only 3 questions are due or new today",
        ));
    let first = question_ids(&saved(h)[0]);
    assert_eq!(first.len(), 3);
    // The note counts only what is due or new: the seen questions closest to due are counted
    // apart, not as due or new.
    grill(h)
        .args(["-n", "5", "--focus", "due", "--new", "3", "--dry-run"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "nothing is due or new today (--new 3); asking the 3 seen closest to due",
        ));
    // The day's new questions are used up: the same three come back (closest to due), none new.
    let again = question_ids(&piped(
        h,
        &["-n", "5", "--focus", "due", "--new", "3"],
        &["x"; 5],
    ));
    let mut sorted = again.clone();
    sorted.sort_unstable();
    let mut want = first.clone();
    want.sort_unstable();
    assert_eq!(sorted, want);
    // Two more new ones allowed: the three seen, then two new.
    let more = question_ids(&piped(
        h,
        &["-n", "5", "--focus", "due", "--new", "5"],
        &["x"; 5],
    ));
    assert_eq!(more.len(), 5);
    assert_eq!(
        more.iter().filter(|id| !first.contains(id)).count(),
        2,
        "{more:?}"
    );
}

#[test]
fn focus_weak_asks_failed_questions_before_well_answered_and_unseen_ones() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let bank: Value = {
        let out = grill(h).args(["bank", "export"]).output().unwrap().stdout;
        json_of(&out)
    };
    let bullets = |id: u64| -> String {
        for ch in bank["chapters"].as_array().unwrap() {
            for q in ch["questions"].as_array().unwrap() {
                if q["id"].as_u64() == Some(id) {
                    let b: Vec<&str> = q["bullets"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|b| b.as_str().unwrap())
                        .collect();
                    return b.join(" ");
                }
            }
        }
        panic!("no question {id}");
    };
    // See which four questions seed 7 draws, then answer two from the reference, two badly.
    let ids = question_ids(&piped(h, &["-n", "4", "--seed", "7"], &[]));
    // Forget that session: a history of its own for what follows.
    for f in ["grill.db", "grill.db-wal", "grill.db-shm"] {
        let _ = std::fs::remove_file(h.join(f));
    }
    let answers: Vec<String> = ids
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            if i % 2 == 0 {
                bullets(id)
            } else {
                "no idea".into()
            }
        })
        .collect();
    let answers: Vec<&str> = answers.iter().map(String::as_str).collect();
    let first = piped(h, &["-n", "4", "--seed", "7"], &answers);
    let scores: Vec<f64> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["assessment"]["score"].as_f64().unwrap())
        .collect();
    assert!(scores[0] >= 75.0 && scores[2] >= 75.0, "{scores:?}");
    let weak = question_ids(&piped(h, &["-n", "3", "--focus", "weak"], &[]));
    // The two failed ones lead; the well-answered ones and unseen ones follow.
    let mut lead = weak[..2].to_vec();
    lead.sort_unstable();
    let mut failed = vec![ids[1], ids[3]];
    failed.sort_unstable();
    assert_eq!(lead, failed, "{weak:?} from {ids:?} scored {scores:?}");
    // Rated easy by the candidate, a failed answer no longer counts among the weakest.
    let session = first["id"].as_str().unwrap();
    grill(h)
        .args(["history", "rate", session, &ids[1].to_string(), "easy"])
        .assert()
        .success();
    let weak = question_ids(&piped(h, &["-n", "1", "--focus", "weak"], &[]));
    assert_eq!(
        weak,
        [ids[3]],
        "rated easy: {} is not the weakest now",
        ids[1]
    );
}

#[test]
fn piped_answers_with_bytes_that_are_not_utf8_are_kept_with_the_bad_bytes_replaced() {
    let home = tempfile::tempdir().unwrap();
    grill(home.path())
        .args(["-n", "2", "--seed", "3", "--json"])
        .write_stdin(&b"caf\xe9 first answer \xff\n---\nsecond answer\n"[..])
        .assert()
        .success();
    let records = saved(home.path());
    assert_eq!(records.len(), 1);
    let answers: Vec<&str> = records[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["answer"].as_str().unwrap())
        .collect();
    assert_eq!(
        answers,
        ["caf\u{fffd} first answer \u{fffd}", "second answer"]
    );
    assert_eq!(records[0]["status"], "complete");
}

#[test]
fn an_unsaved_session_offers_no_retry_that_would_fail() {
    let home = tempfile::tempdir().unwrap();
    // Nothing typed: not saved, so `--retry ID` could not find it. Only the seed is said.
    let out = grill(home.path())
        .args(["start", "--focus", "due", "-n", "5"])
        .write_stdin("")
        .assert()
        .success()
        .get_output()
        .clone();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(!report.contains("--retry"), "{report}");
    assert!(report.contains("\nSeed "), "{report}");
    assert!(saved(home.path()).is_empty());
    // Saved, the same report offers it, and it works.
    let record = piped(
        home.path(),
        &["start", "--focus", "due", "-n", "2"],
        &["a", "b"],
    );
    let id = record["id"].as_str().unwrap();
    grill(home.path())
        .args(["--retry", id, "--dry-run"])
        .assert()
        .success();
}
