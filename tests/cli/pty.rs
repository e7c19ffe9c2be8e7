//! The interview in a real pseudo-terminal: typing under the live countdown, expiry keeping
//! the partial answer, and Ctrl-C keeping the answers and exiting 130.
//!
//! Kept short (a few seconds) and tolerant of a loaded machine: generous expect timeouts, no
//! assertions about how long anything took.

use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;
use std::path::Path;

use crate::common;

const TIMEOUT_MS: u64 = 30_000;

/// grill in a pseudo-terminal with its own history, waiting at the "Start the clock?" prompt.
fn spawn_at_prompt(home: &Path, args: &[&str]) -> PtySession {
    let mut cmd = common::grill_tty(home);
    cmd.args(args);
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn grill in a pseudo-terminal")
}

/// grill in a pseudo-terminal, past the prompt: the clock is running on question 1.
fn spawn(home: &Path, args: &[&str]) -> PtySession {
    let mut p = spawn_at_prompt(home, args);
    // The clock starts only when the candidate is ready: Enter takes the default (yes).
    p.exp_string("Start the clock?").unwrap();
    keys(&mut p, "\r");
    p
}

fn the_record(home: &Path) -> Value {
    let saved = common::saved(home);
    assert_eq!(saved.len(), 1, "{saved:?}");
    saved.into_iter().next().unwrap()
}

/// Types `text` (a string, with `\r` for Enter) and makes sure it reaches grill now.
fn keys(p: &mut PtySession, text: &str) {
    p.send(text).unwrap();
    p.flush().unwrap();
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("grill did not exit normally: {other:?}"),
    }
}

#[test]
fn the_countdown_ticks_while_typing_and_expiry_keeps_the_partial_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "2", "--time", "3s", "--seed", "5"]);
    // The first frame: question number and the full limit.
    p.exp_string("Question 1/2").unwrap();
    p.exp_string("0:03 left").unwrap();
    keys(&mut p, "partial answ");
    // The typed text shows up in a frame, and the countdown moves on without it.
    p.exp_string("partial answ").unwrap();
    p.exp_regex(r"0:0[0-2] left").unwrap();
    // Time runs out: the next question comes without any Enter, saying why for a moment.
    p.exp_string("Question 2/2").unwrap();
    p.exp_string("Time's up: answer to question 1 saved.")
        .unwrap();
    p.send_control('d').unwrap(); // skip it
    // The review pass is offered; not now.
    p.exp_string("Review your 2 answers now? [Y/n]").unwrap();
    keys(&mut p, "n");
    p.exp_string("Mock interview").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);

    let r = the_record(home.path());
    assert_eq!(r["status"], "complete");
    assert_eq!(r["settings"]["input"], "terminal");
    assert_eq!(r["items"][0]["answer"], "partial answ");
    assert_eq!(r["items"][0]["outcome"], "timed-out");
    assert_eq!(r["items"][1]["outcome"], "answered");
}

#[test]
fn declining_to_start_asks_nothing_and_saves_nothing() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_at_prompt(home.path(), &["-n", "2", "--time", "1m"]);
    p.exp_string("2 questions from all chapters, 1m each")
        .unwrap();
    // What is due today, from the (empty) history: nothing due, and what the study queue still
    // introduces (a random interview is not limited by it).
    p.exp_string("Today: 0 due now; the study queue introduces 10 more new today")
        .unwrap();
    p.exp_string("Start the clock?").unwrap();
    keys(&mut p, "n");
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    assert!(common::history(home.path()).is_empty());
}

#[test]
fn the_start_screen_says_what_the_days_new_questions_are_for() {
    let home = tempfile::tempdir().unwrap();
    // A random interview of 10 questions: every one met for the first time today.
    let answers = ["an answer"; 10].join("\n---\n");
    let out = common::grill_in(home.path(), 80)
        .args(["-n", "10", "--seed", "3"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .and_then(|mut c| {
            use std::io::Write;
            c.stdin.take().unwrap().write_all(answers.as_bytes())?;
            c.wait()
        })
        .unwrap();
    assert!(out.success());
    // The next random interview is not limited: the screen says what the study queue has left.
    let mut p = spawn_at_prompt(home.path(), &["-n", "5"]);
    p.exp_string("the study queue introduces 0 more new today (10 a day; 10 met")
        .unwrap();
    keys(&mut p, "n");
    p.exp_eof().unwrap();
    // A spaced-repetition interview is limited by it, and says so.
    let mut p = spawn_at_prompt(home.path(), &["-n", "5", "--focus", "due", "--new", "12"]);
    p.exp_string("Today: 0 due now, 2 new left today").unwrap();
    keys(&mut p, "n");
    p.exp_eof().unwrap();
}

#[test]
fn ctrl_c_at_the_start_prompt_ends_its_line_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_at_prompt(home.path(), &["-n", "2"]);
    p.exp_string("Start the clock?").unwrap();
    p.send_control('c').unwrap();
    p.flush().unwrap();
    // The message starts a line of its own: the prompt's line was ended first.
    p.exp_regex(
        r"\[Y/n\] ?(\x1b\[[0-9;?]*[a-zA-Z])*\r?\n(\x1b\[[0-9;?]*[a-zA-Z])*interrupted before the first question",
    )
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert!(common::history(home.path()).is_empty());
}

#[test]
fn ctrl_c_keeps_the_answers_restores_the_terminal_and_exits_130() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "3", "--time", "1m", "--seed", "8"]);
    p.exp_string("Question 1/3").unwrap();
    // Two lines, then Enter on the empty line submits.
    keys(&mut p, "first line\rsecond line\r\r");
    p.exp_string("Question 2/3").unwrap();
    keys(&mut p, "half an ans");
    p.exp_string("half an ans").unwrap();
    p.send_control('c').unwrap();
    // Back on the main screen, the report of what was answered.
    p.exp_string("Ended early").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);

    let r = the_record(home.path());
    assert_eq!(r["status"], "interrupted");
    assert_eq!(r["items"][0]["answer"], "first line\nsecond line");
    assert_eq!(r["items"][0]["outcome"], "answered");
    assert_eq!(r["items"][1]["answer"], "half an ans");
    assert_eq!(r["items"][1]["outcome"], "cut");
    assert_eq!(r["items"][2]["outcome"], "unanswered");
}

#[test]
fn a_paste_without_bracketed_paste_keeps_its_blank_line() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "2", "--time", "1m", "--seed", "3"]);
    p.exp_string("Question 1/2").unwrap();
    // A paste the terminal did not bracket arrives as keys in one burst, line breaks as Enter.
    keys(&mut p, "para one\r\rpara two");
    p.exp_string("para two").unwrap();
    // The candidate's own Enter, twice: a line break, then submit.
    keys(&mut p, "\r");
    std::thread::sleep(std::time::Duration::from_millis(100));
    keys(&mut p, "\r");
    p.exp_string("Question 2/2").unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Review your 2 answers now?").unwrap();
    keys(&mut p, "n");
    p.exp_string("Mock interview").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let r = the_record(home.path());
    assert_eq!(r["items"][0]["answer"], "para one\n\npara two");
    assert_eq!(r["items"][0]["outcome"], "answered");
    assert_eq!(r["items"][1]["answer"], "");
}

#[test]
fn ctrl_c_before_typing_anything_saves_nothing_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "2", "--time", "1m", "--seed", "4"]);
    p.exp_string("Question 1/2").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("Nothing was typed, so this session was not saved")
        .unwrap();
    p.exp_string("Mock interview: 0 answered of 2").unwrap();
    p.exp_string("Ended early after 0 questions").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
    assert!(
        common::history(home.path()).is_empty(),
        "a session in which nothing was typed is not saved"
    );
}

#[test]
fn feedback_each_shows_the_reference_and_takes_a_rating_by_key() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(
        home.path(),
        &[
            "-n",
            "2",
            "--time",
            "1m",
            "--seed",
            "9",
            "--feedback",
            "each",
        ],
    );
    p.exp_string("Question 1/2").unwrap();
    keys(&mut p, "some answer\r\r");
    p.exp_string("Reference answer").unwrap();
    p.exp_string("q: stop").unwrap();
    keys(&mut p, "h");
    p.exp_string("Question 2/2").unwrap();
    keys(&mut p, "another\r\r");
    p.exp_string("q: stop").unwrap();
    // Enter takes grill's suggestion.
    keys(&mut p, "\r");
    p.exp_string("Mock interview").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let r = the_record(home.path());
    assert_eq!(r["items"][0]["rating"], "hard");
    let score = r["items"][1]["assessment"]["score"].as_f64().unwrap();
    let suggested = match score {
        s if s < 50.0 => "again",
        s if s < 75.0 => "hard",
        s if s < 90.0 => "good",
        _ => "easy",
    };
    assert_eq!(r["items"][1]["rating"], suggested);
}

#[test]
fn the_review_pass_at_the_end_takes_ratings_by_key() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn(home.path(), &["-n", "2", "--time", "1m", "--seed", "2"]);
    p.exp_string("Question 1/2").unwrap();
    keys(&mut p, "first\r\r");
    p.exp_string("Question 2/2").unwrap();
    keys(&mut p, "second\r\r");
    p.exp_string("Review your 2 answers now? [Y/n]").unwrap();
    keys(&mut p, "\r");
    p.exp_string("Review 1/2").unwrap();
    p.exp_string("Reference answer").unwrap();
    keys(&mut p, "4");
    p.exp_string("Review 2/2").unwrap();
    keys(&mut p, "a");
    p.exp_string("rated easy").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let r = the_record(home.path());
    assert_eq!(r["items"][0]["rating"], "easy");
    assert_eq!(r["items"][1]["rating"], "again");
}

/// grill with `args` in a pseudo-terminal whose pager copies what it gets to `file`.
fn paged(home: &Path, file: &Path, args: &[&str]) -> (i32, String) {
    let mut cmd = common::grill_tty(home);
    cmd.args(args)
        .env("PAGER", format!("tee {}", file.display()));
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn grill in a pseudo-terminal");
    let shown = p.exp_eof().unwrap();
    (exit_code(&p), shown)
}

#[test]
fn long_views_go_through_the_pager_in_a_terminal_only() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("paged.txt");
    let (code, shown) = paged(home.path(), &file, &["bank", "chapters"]);
    assert_eq!(code, 0);
    let got = std::fs::read_to_string(&file).expect("the pager ran");
    assert!(
        got.contains("QUESTIONS") && got.contains("concurrency"),
        "{got}"
    );
    assert!(shown.contains("concurrency"), "{shown}");
    std::fs::remove_file(&file).unwrap();

    // --no-pager, and commands that are not long views, write to the terminal directly.
    for args in [
        &["bank", "chapters", "--no-pager"][..],
        &["score", "-q", "6", "-a", "pass"],
    ] {
        let (code, shown) = paged(home.path(), &file, args);
        assert_eq!(code, 0, "{args:?}");
        assert!(!shown.is_empty(), "{args:?}");
        assert!(!file.exists(), "{args:?} went through the pager");
    }
    // Piped: never a pager.
    let out = common::grill_in(home.path(), common::COLUMNS)
        .args(["bank", "chapters"])
        .env("PAGER", format!("tee {}", file.display()))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("concurrency"));
    assert!(!file.exists());
    // A pager that cannot be started: the output still comes, on stdout.
    let mut cmd = common::grill_tty(home.path());
    cmd.args(["bank", "chapters"])
        .env("PAGER", "no-such-pager-anywhere");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
    p.exp_string("concurrency").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
}

#[test]
fn study_reveals_the_reference_on_an_empty_answer_and_moves_on_after_a_rating() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_at_prompt(home.path(), &["study", "--new", "2", "-c", "1"]);
    p.exp_string("Study: 0 due now, 2 new left today").unwrap();
    p.exp_string("no clock").unwrap();
    // Enter at once: the reference straight away, as with a flashcard.
    keys(&mut p, "\r");
    p.exp_string("(none: the reference straight away)").unwrap();
    p.exp_string("Reference answer").unwrap();
    p.exp_string("q: stop").unwrap();
    keys(&mut p, "g");
    // The next question, after the rating.
    p.exp_string("Question 2/2").unwrap();
    keys(&mut p, "an answer\r\r");
    p.exp_string("q: stop").unwrap();
    keys(&mut p, "q");
    p.exp_string("Studied 2 questions: 0 reviewed, 2 new")
        .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let r = the_record(home.path());
    assert_eq!(r["kind"], "study");
    assert_eq!(r["items"][0]["answer"], "");
    assert_eq!(r["items"][0]["rating"], "good");
    assert_eq!(r["items"][1]["answer"], "an answer");
    assert!(r["items"][1].get("rating").is_none(), "{r}");
}

#[test]
fn u_at_a_study_rating_screen_takes_back_the_rating_before_and_shows_that_answer() {
    let home = tempfile::tempdir().unwrap();
    let mut p = spawn_at_prompt(home.path(), &["study", "--new", "2", "-c", "1"]);
    p.exp_string("no clock").unwrap();
    keys(&mut p, "first\r\r");
    p.exp_string("u: undo").unwrap();
    keys(&mut p, "g");
    p.exp_string("Question 2/2").unwrap();
    keys(&mut p, "second\r\r");
    p.exp_string("u: undo").unwrap();
    // u: the first answer's screen again, its good taken back (Enter is grill's again).
    keys(&mut p, "u");
    p.exp_string("question 1 ").unwrap();
    p.exp_string("first").unwrap();
    p.exp_string("u: undo").unwrap();
    keys(&mut p, "e");
    // Then forward to the second's screen.
    p.exp_string("question 2 ").unwrap();
    p.exp_string("u: undo").unwrap();
    keys(&mut p, "h");
    p.exp_string("Studied 2 questions").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
    let r = the_record(home.path());
    assert_eq!(r["items"][0]["rating"], "easy");
    assert_eq!(r["items"][1]["rating"], "hard");
}

#[test]
fn a_dumb_terminal_gets_no_colour_and_no_pager() {
    let home = tempfile::tempdir().unwrap();
    // The same command in a capable terminal is coloured, so the check can see colour.
    // NO_COLOR (set to anything but empty) turns it off in a capable terminal too, and
    // `--color never` always does.
    for (term, no_color, never, coloured) in [
        ("xterm-256color", None, false, true),
        ("dumb", None, false, false),
        ("xterm-256color", Some("1"), false, false),
        ("xterm-256color", Some(""), false, true),
        ("xterm-256color", None, true, false),
    ] {
        let mut cmd = common::grill_tty(home.path());
        cmd.args(["score", "-q", "6", "-a", "pass"])
            .env_remove("NO_COLOR")
            .env("TERM", term);
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        if never {
            cmd.args(["--color", "never"]);
        }
        let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
        let shown = p.exp_eof().unwrap();
        assert_eq!(exit_code(&p), 0, "{term}");
        assert!(shown.contains("Score "), "{term}: {shown:?}");
        assert_eq!(shown.contains('\u{1b}'), coloured, "{term}: {shown:?}");
    }
    // Nor a pager: less on a dumb terminal stops first at "WARNING: terminal is not fully
    // functional / Press RETURN to continue".
    let file = home.path().join("paged.txt");
    let (code, shown) = {
        let mut cmd = common::grill_tty(home.path());
        cmd.args(["bank", "chapters"])
            .env("TERM", "dumb")
            .env("PAGER", format!("tee {}", file.display()));
        let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
        let shown = p.exp_eof().unwrap();
        (exit_code(&p), shown)
    };
    assert_eq!(code, 0);
    assert!(shown.contains("concurrency"), "{shown}");
    assert!(!file.exists(), "a dumb terminal went through the pager");
}

#[test]
fn q_at_the_last_answers_feedback_ends_a_complete_interview() {
    let home = tempfile::tempdir().unwrap();
    let args = [
        "-n",
        "1",
        "--time",
        "1m",
        "--seed",
        "9",
        "--feedback",
        "each",
    ];
    let mut p = spawn(home.path(), &args);
    p.exp_string("Question 1/1").unwrap();
    keys(&mut p, "some answer\r\r");
    p.exp_string("q: stop").unwrap();
    keys(&mut p, "q");
    p.exp_string("Mock interview").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0, "every question was answered");
    assert_eq!(the_record(home.path())["status"], "complete");
}

#[test]
fn in_a_terminal_a_session_that_cannot_be_saved_is_kept_in_a_file() {
    // The history cannot be opened (its folder is a file): the JSON would scroll past in a
    // terminal, so it goes to a file in the current folder, and the message names it.
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("not-a-folder");
    std::fs::write(&home, "").unwrap();
    let mut cmd = common::grill_tty(&home);
    cmd.args(["-n", "1", "--time", "1m", "--seed", "4"])
        .current_dir(dir.path());
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
    p.exp_string("Start the clock?").unwrap();
    keys(&mut p, "\r");
    p.exp_string("Question 1/1").unwrap();
    keys(&mut p, "an answer worth keeping\r\r");
    p.exp_string("could not save the session").unwrap();
    p.exp_string("kept in").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 1);
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    // The owner's alone, as the history is.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let record: Value = serde_json::from_slice(&std::fs::read(&kept[0]).unwrap()).unwrap();
    assert_eq!(record["items"][0]["answer"], "an answer worth keeping");
}

/// Sets the size of the terminal `tty` (a path such as /dev/pts/3), as a window resized does;
/// the kernel tells the programs on it (SIGWINCH).
fn resize(tty: &str, columns: u16, rows: u16) {
    let ok = std::process::Command::new("stty")
        .args([
            "-F",
            tty,
            "cols",
            &columns.to_string(),
            "rows",
            &rows.to_string(),
        ])
        .status()
        .unwrap()
        .success();
    assert!(ok, "stty -F {tty}");
}

#[test]
fn the_rating_screen_wraps_again_when_the_terminal_is_resized() {
    // A try-out narrowed the window at a rating screen: the answer and reference kept the old
    // width's lines, cut off at the new one.
    let home = tempfile::tempdir().unwrap();
    let words: Vec<String> = (1..=40).map(|n| format!("w{n:02}")).collect();
    let answers = home.path().join("answers.txt");
    std::fs::write(&answers, format!("{}\n", words.join(" "))).unwrap();
    let (code, _, err) = common::run(
        common::grill_in(home.path(), 100)
            .args(["-n", "1", "--seed", "3", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 0, "{err}");
    // Through a shell that says which terminal it is on, so that it can be resized.
    let tty = common::grill_tty(home.path());
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", "tty; exec \"$0\" review 1"])
        .arg(tty.get_program());
    for (k, v) in tty.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    cmd.env_remove("COLUMNS");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).unwrap();
    let (_, name) = p.exp_regex(r"/dev/pts/\d+").unwrap();
    resize(&name, 100, 30);
    p.exp_string("w24").unwrap();
    resize(&name, 40, 30);
    // At 40 columns (39 to write in, the answer indented by 2) a line holds nine words.
    p.exp_string("  w01 w02 w03 w04 w05 w06 w07 w08 w09\u{1b}[K")
        .unwrap();
    p.exp_string("  w10 w11").unwrap();
    keys(&mut p, "q");
    p.exp_eof().unwrap();
}
