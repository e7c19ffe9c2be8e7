//! The history store under real concurrency and damage, through the binary: several grill
//! processes on one session (parallel ratings, a review while the session runs, a review while
//! another grill imports or deletes), kill -9 at random moments, hostile paths and clocks.
//! Nothing saved may be lost, a deleted session stays deleted, and the database stays sound.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{self, history, run, saved};

fn grill(home: &Path) -> Command {
    common::grill_in(home, 80)
}

/// A piped interview of `n` questions (seed 11), with `answers` joined by separators; returns
/// the session's id.
fn interview(home: &Path, n: usize, answers: &[&str]) -> String {
    let mut cmd = grill(home);
    cmd.args(["-n", &n.to_string(), "--seed", "11", "--json"])
        .stdin(Stdio::piped());
    let out = fed(&mut cmd, &answers.join("\n---\n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let record: Value = serde_json::from_slice(&out.stdout).unwrap();
    record["id"].as_str().unwrap().to_string()
}

/// Runs `cmd` with `input` on its standard input.
fn fed(cmd: &mut Command, input: &str) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// The ratings of the session `id` in `home`, answer by answer.
fn ratings(home: &Path, id: &str) -> Vec<Option<String>> {
    history(home)
        .iter()
        .find(|s| s.id == id)
        .map(|s| {
            s.items
                .iter()
                .map(|i| i.rating.map(|r| r.name().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Waits (at most 30 s, polling) until `done` holds.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A grill started with piped standard input, whose standard error is read line by line on a
/// thread (so the pipe never fills) into a shared log.
struct Running {
    child: Child,
    stdin: Option<std::process::ChildStdin>,
    err: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Running {
    fn start(cmd: &mut Command) -> Running {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let err = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let log = err.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = log.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        Running { child, stdin, err }
    }

    fn send(&mut self, text: &str) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(text.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    fn said(&self, what: &str) -> bool {
        self.err.lock().unwrap().contains(what)
    }

    fn finish(mut self) -> (i32, String) {
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        // The reader thread ends with the pipe; give it a moment to take the last lines.
        std::thread::sleep(Duration::from_millis(50));
        (
            status.code().unwrap_or(-1),
            self.err.lock().unwrap().clone(),
        )
    }
}

#[test]
fn parallel_ratings_of_one_session_are_all_kept() {
    let home = tempfile::tempdir().unwrap();
    let id = interview(home.path(), 3, &["one", "two", "three"]);
    let questions: Vec<u32> = history(home.path())[0]
        .items
        .iter()
        .map(|i| i.question_id)
        .collect();
    for (round, rating) in ["good", "hard", "easy", "again", "good", "easy"]
        .iter()
        .enumerate()
    {
        // Three grills rate the three answers of the session at once.
        let children: Vec<Child> = questions
            .iter()
            .map(|q| {
                grill(home.path())
                    .args(["history", "rate", &id, &q.to_string(), rating])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            let status = c.wait().unwrap();
            let mut err = String::new();
            c.stderr.take().unwrap().read_to_string(&mut err).unwrap();
            assert!(status.success(), "round {round}: {err}");
        }
        let want = vec![Some(rating.to_string()); 3];
        assert_eq!(ratings(home.path(), &id), want, "round {round}");
    }
}

#[test]
fn a_review_while_the_session_runs_keeps_the_rating_and_every_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut session = Running::start(grill(home.path()).args(["-n", "3", "--seed", "5"]));
    session.send("the first answer\n---\n");
    wait_until("the first answer saved", || {
        history(home.path())
            .first()
            .is_some_and(|s| s.items.len() == 1)
    });
    // `review` picks the latest session with unrated answers: the running one.
    let out = fed(grill(home.path()).arg("review"), "good\n");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    session.send("the second\n---\nthe third\n");
    let (code, err) = session.finish();
    assert_eq!(code, 0, "{err}");
    let s = &history(home.path())[0];
    let answers: Vec<&str> = s.items.iter().map(|i| i.answer.as_str()).collect();
    assert_eq!(answers, ["the first answer", "the second", "the third"]);
    assert_eq!(s.items[0].rating.map(|r| r.name()), Some("good"));
    assert_eq!(
        s.status.to_owned(),
        grill::history::record::SessionStatus::Complete
    );
}

#[test]
fn a_review_open_while_another_grill_imports_keeps_both_ratings() {
    let home = tempfile::tempdir().unwrap();
    let id = interview(home.path(), 3, &["one", "two", "three"]);
    // A copy of the session with the third answer rated, as another machine would export it.
    let (_, exported, _) = run(grill(home.path()).args(["history", "export"]));
    let mut doc: Value = serde_json::from_str(&exported).unwrap();
    doc["sessions"][0]["items"][2]["rating"] = "hard".into();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copy.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let mut review = Running::start(grill(home.path()).args(["review", &id]));
    review.send("easy\n");
    wait_until("the first rating saved", || {
        ratings(home.path(), &id)[0].is_some()
    });
    let (code, out, err) = run(grill(home.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 updated"), "{out}");
    review.send("again\n");
    let (code, err) = review.finish();
    assert_eq!(code, 0, "{err}");
    // The review rated the first two; the import added the third's; nothing was put back.
    assert_eq!(
        ratings(home.path(), &id),
        [
            Some("easy".into()),
            Some("again".into()),
            Some("hard".into())
        ]
    );
}

#[test]
fn a_review_of_a_session_deleted_meanwhile_says_so_and_saves_nothing() {
    let home = tempfile::tempdir().unwrap();
    let id = interview(home.path(), 3, &["one", "two", "three"]);
    let mut review = Running::start(grill(home.path()).args(["review", &id]));
    review.send("good\n");
    wait_until("the first rating saved", || {
        ratings(home.path(), &id)[0].is_some()
    });
    let (code, _, err) = run(grill(home.path()).args(["history", "delete", "--yes", &id]));
    assert_eq!(code, 0, "{err}");
    review.send("easy\n");
    let (code, err) = review.finish();
    assert_ne!(code, 0, "{err}");
    assert!(err.contains("deleted from the history meanwhile"), "{err}");
    // The deleted session stays deleted.
    assert!(history(home.path()).is_empty());
}

#[test]
fn a_session_cut_by_kill_9_keeps_every_answer_it_reported_saved() {
    let home = tempfile::tempdir().unwrap();
    let rounds = 12;
    let mut kept_answers = 0;
    for round in 0..rounds {
        let mut s = Running::start(grill(home.path()).args(["-n", "6", "--seed", "3"]));
        // Answer question k, then wait until question k + 1 is asked: by then answer k was
        // saved (the engine saves before it asks the next). Kill at a different moment each
        // round: after some answers, while the next is being written.
        let answered = round % 5;
        for k in 1..=answered {
            s.send(&format!("round {round} answer {k}\n---\n"));
            let next = format!("Question {}/6", k + 1);
            wait_until(&next, || s.said(&next));
        }
        s.send(&format!("round {round} unfinished"));
        std::thread::sleep(Duration::from_millis((round as u64 * 7) % 30));
        s.child.kill().unwrap();
        let _ = s.child.wait();
        let store = grill::history::Store::open(home.path()).unwrap();
        assert_eq!(store.check().unwrap(), None, "round {round}: integrity");
        let all: String = history(home.path())
            .iter()
            .flat_map(|s| s.items.iter().map(|i| i.answer.clone()))
            .collect::<Vec<_>>()
            .join("\n");
        for k in 1..=answered {
            assert!(
                all.contains(&format!("round {round} answer {k}")),
                "round {round}: answer {k} was reported saved and is gone"
            );
        }
        kept_answers += answered;
    }
    assert!(kept_answers > 0);
}

#[test]
fn ratings_cut_by_kill_9_leave_a_sound_database_with_every_rating_reported() {
    let home = tempfile::tempdir().unwrap();
    let id = interview(home.path(), 2, &["one", "two"]);
    let q = history(home.path())[0].items[0].question_id.to_string();
    let mut reported = 0;
    for round in 0..15u64 {
        let rating = ["again", "hard", "good", "easy"][round as usize % 4];
        let mut c = grill(home.path())
            .args(["history", "rate", &id, &q, rating])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(round * 1500));
        let _ = c.kill();
        let status = c.wait().unwrap();
        let mut out = String::new();
        c.stdout.take().unwrap().read_to_string(&mut out).unwrap();
        let store = grill::history::Store::open(home.path()).unwrap();
        assert_eq!(store.check().unwrap(), None, "round {round}: integrity");
        if status.success() && out.starts_with("rated") {
            // Reported: it must be the rating now.
            reported += 1;
            assert_eq!(
                ratings(home.path(), &id)[0].as_deref(),
                Some(rating),
                "{round}"
            );
        }
    }
    // Some ran to the end before the kill came; the test saw both kinds.
    let _ = reported;
}

#[test]
#[cfg(unix)]
fn fifos_devices_and_endless_inputs_get_a_clear_error_and_never_hang() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Read whole: refused at once, naming the file and what to do.
    for args in [
        vec![
            "--bank".to_string(),
            fifo.display().to_string(),
            "bank".into(),
            "list".into(),
        ],
        vec![
            "--bank".into(),
            "/dev/zero".into(),
            "bank".into(),
            "list".into(),
        ],
        vec![
            "history".into(),
            "import".into(),
            fifo.display().to_string(),
        ],
        vec!["history".into(), "import".into(), "/dev/zero".into()],
    ] {
        let (code, _, err) = run(grill(home.path()).args(&args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("is a FIFO or a device"), "{args:?}: {err}");
    }
    // Read as a stream: a FIFO of answers works like standard input.
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "first\n---\nsecond\n").unwrap())
    };
    let (code, _, err) = run(grill(home.path())
        .args(["-n", "2", "--seed", "4", "--answers"])
        .arg(&fifo));
    writer.join().unwrap();
    assert_eq!(code, 0, "{err}");
    let answers: Vec<String> = history(home.path())[0]
        .items
        .iter()
        .map(|i| i.answer.clone())
        .collect();
    assert_eq!(answers, ["first", "second"]);
    // An endless stream with no line breaks stops at the line cap; what came before is kept.
    let (code, _, err) = run(grill(home.path()).args(["-n", "2", "--answers", "/dev/zero"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("longer than 1 MB"), "{err}");
    // A time zone file that is not one falls back to UTC, once, with a warning.
    let (code, _, err) = run(grill(home.path()).arg("history").env("TZ", "/dev/zero"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("TZ=/dev/zero is not a time zone file").count(),
        1,
        "{err}"
    );
}

#[test]
fn an_answers_file_with_a_line_over_1_mb_stops_with_the_answers_before_it_kept() {
    // A regular file is read whole, then a line at a time as a pipe is: the same line cap.
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("answers.txt");
    let long = "x".repeat(1024 * 1024 + 10);
    std::fs::write(&answers, format!("first answer\n---\n{long}\n---\nthird\n")).unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["-n", "3", "--seed", "7", "--answers"])
        .arg(&answers));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("error: cannot read answers: a line is longer than 1 MB"),
        "{err}"
    );
    let answers: Vec<String> = history(home.path())[0]
        .items
        .iter()
        .map(|i| i.answer.clone())
        .filter(|a| !a.is_empty())
        .collect();
    assert_eq!(answers, ["first answer"]);
}

#[test]
fn a_bad_home_a_damaged_database_and_an_absurd_clock_get_one_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    // GRILL_HOME a file.
    let file = dir.path().join("home");
    std::fs::write(&file, "x").unwrap();
    let (code, _, err) = run(grill(&file).arg("history"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a folder"), "{err}");
    // A damaged database: named, never written to.
    let home = dir.path().join("damaged");
    std::fs::create_dir(&home).unwrap();
    let junk = vec![0x5au8; 16 * 1024];
    std::fs::write(home.join("grill.db"), &junk).unwrap();
    let (code, _, err) = run(grill(&home).arg("history"));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("grill.db is not an SQLite database"), "{err}");
    assert_eq!(std::fs::read(home.join("grill.db")).unwrap(), junk);
    // A database damaged in a page no read needs: SQLite would write beside it, so grill
    // checks it before its first write, and writes nothing.
    let home = dir.path().join("bad-page");
    for _ in 0..4 {
        interview(
            &home,
            3,
            &["pass is a no-op", "a closure keeps its scope", "x"],
        );
    }
    let db = home.join("grill.db");
    let mut bytes = std::fs::read(&db).unwrap();
    let pages = bytes.len() / 4096;
    assert!(pages >= 6, "{pages} pages");
    let mid = pages / 2 * 4096;
    bytes[mid..mid + 4096].copy_from_slice(&b"GARBAGE!".repeat(512));
    std::fs::write(&db, &bytes).unwrap();
    let (code, _, err) = run(grill(&home).arg("undo"));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("grill.db is damaged") && err.contains(".recover"),
        "{err}"
    );
    let out = fed(grill(&home).args(["-n", "1", "--json"]), "kept answer\n");
    assert_eq!(out.status.code(), Some(1));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["items"][0]["answer"], "kept answer");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "never written to");
    // A copy of it can still be made: a damaged history is what one wants one of.
    let copy = dir.path().join("copy.db");
    let (code, _, err) = run(grill(&home).args(["history", "backup"]).arg(&copy));
    assert_eq!(code, 0, "{err}");
    assert!(copy.is_file());
    // A session at a time the history cannot hold: the answers are printed, not lost.
    let home = dir.path().join("far");
    let out = fed(
        grill(&home)
            .args(["-n", "1", "--json"])
            .env("GRILL_NOW", "9999-12-30T00:00:00Z"),
        "an answer from the far future\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("beyond what the history can record"), "{err}");
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        printed["items"][0]["answer"],
        "an answer from the far future"
    );
    // GRILL_NOW that is not a time: bad input, nothing done.
    let (code, _, err) = run(grill(&home).arg("history").env("GRILL_NOW", "tomorrow"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("GRILL_NOW"), "{err}");
}

#[test]
fn a_read_only_history_is_said_once_and_the_session_is_printed() {
    let Some(disk) = common::SmallDisk::mount(4096) else {
        return;
    };
    let home = disk.path().join("grill");
    interview(&home, 1, &["kept before"]);
    assert!(
        Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(disk.path())
            .status()
            .unwrap()
            .success()
    );
    let out = fed(grill(&home).args(["-n", "1", "--json"]), "an answer\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("read-only"), "{err}");
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["items"][0]["answer"], "an answer");
    // Reading still works.
    let (code, out, err) = run(grill(&home).arg("history"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1 session."), "{out}");
    let _ = saved(&home);
}
