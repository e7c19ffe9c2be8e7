//! Streams that cannot be written: every command with stderr on `/dev/full` and with stdout a
//! pipe whose reader is gone. None may panic (exit 101), and a session's answers are saved
//! before anything is printed.
#![cfg(target_os = "linux")]

use std::path::Path;
use std::process::Stdio;

use crate::common;

use crate::common::{fixture_home, fixtures};

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    )
}

/// The write end of a pipe whose read end is already closed: every write fails with EPIPE.
fn closed_pipe() -> Stdio {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Stdio::from(writer)
}

/// Runs `args` with `input` on stdin; returns the exit code and stderr (when readable).
fn run_with(home: &Path, args: &[&str], input: &str, stdout: Stdio, stderr: Stdio) -> i32 {
    let mut child = common::grill_in(home, 80)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        // grill may have finished (or refused) before reading: a closed stdin is fine here.
        let _ = stdin.write_all(input.as_bytes());
    }
    child.wait().unwrap().code().unwrap_or(-1)
}

/// The answers of every saved session, joined.
fn saved_answers(home: &Path) -> String {
    crate::common::saved(home)
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Every command, with what it reads on stdin.
fn commands(dir: &Path) -> Vec<(Vec<String>, String)> {
    let bank = fixtures().join("bank.txt").display().to_string();
    let batch = dir.join("batch.jsonl");
    std::fs::write(
        &batch,
        "{\"question\": 6, \"answer\": \"pass does nothing\"}\nnot json\n",
    )
    .unwrap();
    let export = dir.join("export.json");
    std::fs::write(
        &export,
        std::fs::read_to_string(fixtures().join("home/sessions/20261101-090000-a1a1.json"))
            .unwrap(),
    )
    .unwrap();
    let html = dir.join("report.html").display().to_string();
    let s = |v: &[&str]| v.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        (s(&["bank", "list"]), String::new()),
        (s(&["bank", "show", "6"]), String::new()),
        (s(&["bank", "show", "999"]), String::new()),
        (s(&["bank", "chapters"]), String::new()),
        (s(&["bank", "export", "--format", "text"]), String::new()),
        (s(&["bank", "export", "--format", "json"]), String::new()),
        (s(&["bank", "validate", &bank]), String::new()),
        (
            s(&["score", "-q", "6", "--answer", "pass does nothing"]),
            String::new(),
        ),
        (
            s(&["score", "-q", "6", "--answer", "pass", "--json"]),
            String::new(),
        ),
        (
            s(&["score", "--batch", &batch.display().to_string()]),
            String::new(),
        ),
        (s(&["--bank", &bank, "report"]), String::new()),
        (
            s(&["--bank", &bank, "report", "--format", "json"]),
            String::new(),
        ),
        (
            s(&[
                "--bank", &bank, "report", "--format", "markdown", "--html", &html,
            ]),
            String::new(),
        ),
        (s(&["history"]), String::new()),
        (s(&["history", "show", "1"]), String::new()),
        (s(&["history", "export"]), String::new()),
        (
            s(&["history", "import", &export.display().to_string()]),
            String::new(),
        ),
        (
            s(&["history", "show", "1", "--format", "markdown"]),
            String::new(),
        ),
        (s(&["history", "show", "1", "--json"]), String::new()),
        (s(&["history", "--json"]), String::new()),
        (s(&["history", "--path"]), String::new()),
        (s(&["review", "1"]), "good\n".to_string()),
        (s(&["study", "--new", "1"]), "an answer\n".to_string()),
        (s(&["bank", "search", "generator"]), String::new()),
        (s(&["bank", "show", "6", "--json"]), String::new()),
        (
            s(&["start", "--dry-run", "-n", "3", "--seed", "1"]),
            String::new(),
        ),
        (s(&["completions", "bash"]), String::new()),
        (s(&["man"]), String::new()),
        (s(&["--bogus-flag"]), String::new()),
    ]
}

#[test]
fn no_command_panics_when_stderr_is_full_or_stdout_is_closed() {
    for broken in ["stderr", "stdout"] {
        let home = fixture_home();
        for (args, input) in commands(home.path()) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (out, err) = if broken == "stderr" {
                (Stdio::null(), dev_full())
            } else {
                (closed_pipe(), Stdio::null())
            };
            let code = run_with(home.path(), &args, &input, out, err);
            assert_ne!(code, 101, "grill {args:?} panicked with {broken} broken");
            assert_ne!(
                code, -1,
                "grill {args:?} died of a signal with {broken} broken"
            );
        }
    }
}

#[test]
fn a_session_is_saved_when_stderr_is_full() {
    let home = tempfile::tempdir().unwrap();
    for (i, extra) in [&[][..], &["--json"][..], &["--feedback", "each"][..]]
        .iter()
        .enumerate()
    {
        let marker = format!("MARKER{i} answer text");
        let mut args = vec!["-n", "1"];
        args.extend_from_slice(extra);
        let code = run_with(
            home.path(),
            &args,
            &format!("{marker}\n"),
            Stdio::null(),
            dev_full(),
        );
        assert_eq!(code, 0, "grill {args:?} 2>/dev/full");
        assert!(saved_answers(home.path()).contains(&marker), "{args:?}");
    }
}

#[test]
fn a_session_is_saved_when_stdout_is_closed_and_ends_quietly() {
    let home = tempfile::tempdir().unwrap();
    for (i, extra) in [&[][..], &["--json"][..]].iter().enumerate() {
        let marker = format!("MARKER{i} answer text");
        let mut args = vec!["-n", "1"];
        args.extend_from_slice(extra);
        let mut child = common::grill_in(home.path(), 80)
            .args(&args)
            .stdin(Stdio::piped())
            .stdout(closed_pipe())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            stdin.write_all(format!("{marker}\n").as_bytes()).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "grill {args:?}: {err}");
        assert!(
            !err.contains("error"),
            "a closed pipe is not an error: {err}"
        );
        assert!(saved_answers(home.path()).contains(&marker), "{args:?}");
    }
}

#[test]
fn a_failed_save_with_a_full_stdout_says_the_answers_are_lost() {
    // No history (GRILL_HOME is a file) and nowhere to print the JSON: exit 1, and stderr says so.
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("not-a-folder");
    std::fs::write(&home, "").unwrap();
    let mut child = common::grill_in(&home, 80)
        .args(["-n", "1"])
        .stdin(Stdio::piped())
        .stdout(dev_full())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let _ = child.stdin.take().unwrap().write_all(b"an answer\n");
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("could not print the session on stdout either"),
        "{err}"
    );
}

#[test]
fn an_error_with_stderr_full_keeps_its_exit_code() {
    let home = tempfile::tempdir().unwrap();
    let code = run_with(
        home.path(),
        &["bank", "show", "999"],
        "",
        Stdio::null(),
        dev_full(),
    );
    assert_eq!(code, 2);
}
