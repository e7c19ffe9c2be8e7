//! `grill score --batch` as a stream: the same bytes out on one thread or several, from a file,
//! stdin, a FIFO or `<(...)`, whole, in shards or line by line, and results before the input
//! ends.

use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use serde_json::Value;

use crate::common::{self, grill};

fn file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

/// A batch of every kind of line, long enough to span many chunks: bank questions, inline
/// references (first met well after the start), bad JSON, a question not in the bank, lines
/// that are not UTF-8, blank lines and CRLF ends.
fn mixed(lines: usize) -> Vec<u8> {
    let answers = [
        "pass is a no-op placeholder; continue skips to the next loop iteration",
        "the GIL lets one thread run bytecode at a time, threads share memory",
        "a decroator wraps a functon and returns a new one, used for logging",
        "",
    ];
    let mut out = Vec::new();
    for n in 0..lines {
        let a = answers[n % answers.len()];
        match n % 11 {
            _ if n < 700 && n % 11 < 9 => {
                write!(
                    out,
                    r#"{{"id": "q{n}", "question": {}, "answer": "{a} {n}"}}"#,
                    1 + n % 200
                )
                .unwrap();
            }
            0..=4 => {
                write!(
                    out,
                    r#"{{"id": "q{n}", "question": {}, "answer": "{a} {n}"}}"#,
                    1 + n % 200
                )
                .unwrap();
            }
            5 | 6 => {
                write!(
                    out,
                    r#"{{"id": {n}, "reference": ["Threads share memory {}.", "The data moves {}."], "prompt": "What do threads share?", "answer": "{a}"}}"#,
                    n % 13,
                    n % 7
                )
                .unwrap();
            }
            7 => out.extend_from_slice(
                b"{\"id\": \"bad\", \"question\": 6, \"answer\": \"caf\xe9\"}\r",
            ),
            8 => out.extend_from_slice(b"not json at all"),
            9 => write!(out, r#"{{"question": 99999, "answer": "{a}"}}"#).unwrap(),
            _ => {}
        }
        out.push(b'\n');
    }
    out
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, Vec<u8>, String) {
    let mut cmd = grill();
    cmd.arg("score").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input.to_vec());
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn one_thread_or_several_file_or_stdin_give_the_same_bytes() {
    let input = mixed(6000);
    let f = file(&input);
    let path = f.path().to_str().unwrap();
    let (code1, one, err1) = run(&["--batch", path, "--jobs", "1"], None);
    let (code2, two, err2) = run(&["--batch", path, "--jobs", "2"], None);
    let (code3, four, _) = run(&["--batch", path, "-j", "4"], None);
    let (code4, piped, err4) = run(&["--batch", "-", "--jobs", "2"], Some(&input));
    assert_eq!((code1, code2, code3, code4), (1, 1, 1, 1));
    assert!(one == two, "--jobs 2 differs from --jobs 1");
    assert!(one == four, "--jobs 4 differs from --jobs 1");
    assert!(one == piped, "stdin differs from the file");
    // One output line per line that is not blank, in order, ids echoed.
    let lines: Vec<Value> = String::from_utf8(one)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let expected = input
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(lines.len(), expected);
    assert_eq!(lines[0]["id"], "q0");
    assert!(lines[0]["score"].is_number());
    assert!(
        lines
            .iter()
            .any(|l| l["score"].as_f64().is_some_and(|s| s > 0.0))
    );
    let errors = lines.iter().filter(|l| l.get("error").is_some()).count();
    assert!(errors > 1000, "{errors}");
    assert!(lines.iter().any(|l| {
        l["error"]
            .as_str()
            .is_some_and(|e| e.contains("not valid UTF-8"))
    }));
    let inline = lines
        .iter()
        .filter(|l| l["id"].is_number() && l.get("score").is_some());
    assert!(inline.count() > 500);
    // The progress bar is for a terminal: into a pipe, stderr has only the summary.
    for err in [&err1, &err2, &err4] {
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("{errors} of {expected} lines")),
            "{err}"
        );
    }
}

/// Lines that each carry an id (a line without one is named by its number in the input it was
/// read from): bank questions and inline references, with and without a prompt, repeated and
/// distinct.
fn with_ids(lines: usize) -> Vec<String> {
    (0..lines)
        .map(|n| match n % 4 {
            0 => format!(
                r#"{{"id": "q{n}", "question": {}, "answer": "the GIL lets one thread run {n}"}}"#,
                1 + n % 200
            ),
            1 => format!(
                r#"{{"id": "r{n}", "reference": ["The data is copied to the cache.", "Reads are fast {}."], "answer": "data copied, quick reads"}}"#,
                n % 5
            ),
            2 => format!(
                r#"{{"id": "s{n}", "reference": ["Stacks keep data{n} in order."], "prompt": "What is a stack?", "answer": "a stack keeps the data{n} in order, last in first out"}}"#
            ),
            _ => format!(
                r#"{{"id": "t{n}", "reference": ["A decorator wraps a function.", "It returns a new function."], "answer": "a decroator wraps a functon {n}"}}"#
            ),
        })
        .collect()
}

#[test]
fn a_batch_is_a_pure_map_whole_in_shards_or_line_by_line() {
    // A line's output depends on the line alone: inline weights come from a fixed table, not
    // from the batch, so a batch splits into shards (GNU parallel, Spark's `pipe()`) freely.
    let lines = with_ids(3000);
    let input = lines.join("\n") + "\n";
    let f = file(input.as_bytes());
    let (code, whole, err) = run(&["--batch", f.path().to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let whole = String::from_utf8(whole).unwrap();
    let out: Vec<&str> = whole.lines().collect();
    assert_eq!(out.len(), lines.len());
    // In shards of uneven sizes, on stdin, on one thread or two.
    let mut sharded = Vec::new();
    for (i, (a, b)) in [(0, 1), (1, 999), (999, 2000), (2000, 3000)]
        .iter()
        .enumerate()
    {
        let shard = lines[*a..*b].join("\n") + "\n";
        let jobs = if i % 2 == 0 { "1" } else { "2" };
        let (code, got, err) = run(&["--batch", "-", "-j", jobs], Some(shard.as_bytes()));
        assert_eq!(code, 0, "{err}");
        sharded.extend_from_slice(&got);
    }
    assert!(
        sharded == whole.as_bytes(),
        "the shards differ from the whole"
    );
    // Line by line: every kind of line, early and late.
    for n in (0..lines.len()).step_by(97).chain([1, 2, 3, 2998, 2999]) {
        let (code, got, err) = run(
            &["--batch", "-"],
            Some(format!("{}\n", lines[n]).as_bytes()),
        );
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            String::from_utf8(got).unwrap(),
            format!("{}\n", out[n]),
            "line {n}"
        );
    }
}

/// Waits for `child` at most `secs` seconds, reading its output meanwhile (then kills it and
/// fails): a read that never ends must fail the test, not hang it.
fn wait_for(child: std::process::Child, secs: u64) -> std::process::Output {
    let pid = child.id().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    match rx.recv_timeout(std::time::Duration::from_secs(secs)) {
        Ok(out) => out,
        Err(_) => {
            let _ = std::process::Command::new("kill").arg(&pid).status();
            panic!("still running after {secs} s");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_process_substitution_is_read_as_a_stream() {
    let lines = with_ids(2500);
    let input = lines.join("\n") + "\n";
    let f = file(input.as_bytes());
    let (code, want, err) = run(&["--batch", f.path().to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("batch.fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let home = tempfile::tempdir().unwrap();
    let child = common::grill_in(home.path(), common::COLUMNS)
        .args(["score", "--batch"])
        .arg(&fifo)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let writer = {
        let (fifo, input) = (fifo.clone(), input.clone());
        std::thread::spawn(move || std::fs::write(fifo, input).unwrap())
    };
    let out = wait_for(child, 60);
    writer.join().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == want, "the FIFO differs from the file");
    // A shell's `<(...)`: a pipe named /dev/fd/N, which cannot seek.
    let script = format!(
        "exec \"$0\" score --batch <(cat '{}')",
        f.path().to_str().unwrap()
    );
    let child = std::process::Command::new("bash")
        .args(["-c", &script, env!("CARGO_BIN_EXE_grill")])
        .env("GRILL_HOME", home.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_for(child, 60);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout == want, "<(...) differs from the file");
}

#[test]
fn results_come_out_while_stdin_is_still_open() {
    // On threads too: a chunk handed to them is written before the next read can wait.
    for jobs in ["1", "2"] {
        let home = tempfile::tempdir().unwrap();
        let mut child = common::grill_in(home.path(), common::COLUMNS)
            .args(["score", "--batch", "-", "--jobs", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        for n in 0..3 {
            writeln!(
                stdin,
                r#"{{"id": {n}, "question": 6, "answer": "pass is a no-op"}}"#
            )
            .unwrap();
            stdin.flush().unwrap();
            // The line's result is read back before the next line is written.
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            let v: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(v["id"], n, "--jobs {jobs}");
            assert!(v["score"].as_f64().unwrap() > 0.0);
        }
        drop(stdin);
        assert!(child.wait().unwrap().success());
    }
}

#[test]
fn jobs_must_be_a_positive_number_of_threads() {
    let f = file(br#"{"question": 6, "answer": "pass"}"#);
    for bad in ["0", "x", "-1"] {
        grill()
            .args(["score", "--batch"])
            .arg(f.path())
            .args(["--jobs", bad])
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn a_single_score_equals_the_batch_line_for_the_same_question_and_answer() {
    let answer = "pass is a noop placeholder, continue skips to the next iteraton of the loop";
    let (_, single, _) = run(&["-q", "6", "--json", "-a", answer], None);
    let single: Value = serde_json::from_slice(&single).unwrap();
    let line = serde_json::json!({"question": 6, "answer": answer}).to_string();
    let (code, batch, _) = run(&["--batch", "-"], Some(line.as_bytes()));
    assert_eq!(code, 0);
    let batch: Value = serde_json::from_slice(&batch).unwrap();
    assert_eq!(single["score"], batch["score"]);
    let bullets = single["bullets"].as_array().unwrap();
    assert_eq!(bullets.len(), batch["bullets"].as_array().unwrap().len());
    for (s, b) in bullets.iter().zip(batch["bullets"].as_array().unwrap()) {
        for field in ["coverage", "weight", "matched", "missed"] {
            assert_eq!(s[field], b[field], "{field}");
        }
    }
    assert!(single["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_byte_order_mark_at_the_start_is_not_part_of_the_first_line() {
    // Windows editors save "UTF-8" with a byte-order mark; the first line is still JSON. The
    // batch is longer than a first chunk.
    let mut plain = Vec::new();
    for n in 0..600 {
        write!(
            plain,
            "{{\"id\": {n}, \"reference\": [\"Threads share memory.\", \"Data{n} moves.\"], \"answer\": \"threads share data{n}\"}}\r\n"
        )
        .unwrap();
    }
    plain.extend_from_slice(
        b"{\"id\": \"q\", \"question\": 6, \"answer\": \"pass is a no-op\"}\r\n",
    );
    let mut marked = b"\xEF\xBB\xBF".to_vec();
    marked.extend_from_slice(&plain);
    let f = file(&plain);
    let (code, want, err) = run(&["--batch", f.path().to_str().unwrap()], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(String::from_utf8_lossy(&want).lines().count(), 601);
    let m = file(&marked);
    for jobs in ["1", "2"] {
        let (code, got, err) = run(&["--batch", m.path().to_str().unwrap(), "-j", jobs], None);
        assert_eq!(code, 0, "{err}");
        assert!(got == want, "{}", String::from_utf8_lossy(&got));
        let (code, got, err) = run(&["--batch", "-", "-j", jobs], Some(&marked));
        assert_eq!(code, 0, "{err}");
        assert!(got == want, "{}", String::from_utf8_lossy(&got));
    }
}

#[test]
fn a_line_over_a_megabyte_is_an_error_line_and_the_rest_is_scored() {
    // A long answer just under the limit is scored; one over it is read past, not kept.
    let under = format!(
        "{{\"id\": \"under\", \"question\": 6, \"answer\": \"{}\"}}\n",
        "pass ".repeat(200_000)
    );
    let over = format!(
        "{{\"id\": \"over\", \"answer\": \"{}\"}}\n",
        "x".repeat(3 << 20)
    );
    let mut input = Vec::new();
    input.extend_from_slice(under.as_bytes());
    input.extend_from_slice(over.as_bytes());
    input.extend_from_slice(b"{\"id\": \"after\", \"question\": 6, \"answer\": \"pass\"}\n");
    let f = file(&input);
    for (args, stdin) in [
        (vec!["--batch", f.path().to_str().unwrap()], None),
        (vec!["--batch", "-", "--jobs", "2"], Some(input.as_slice())),
    ] {
        let (code, out, err) = run(&args, stdin);
        assert_eq!(code, 1, "{err}");
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_slice(&l.unwrap().into_bytes()).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["id"], "under");
        assert!(lines[0]["score"].is_number());
        // The id of a line not kept is its number.
        assert_eq!(lines[1]["id"], 2);
        let e = lines[1]["error"].as_str().unwrap();
        assert!(e.starts_with("line 2: longer than 1 MB"), "{e}");
        assert_eq!(lines[2]["id"], "after");
        assert!(err.contains("1 of 3 lines"), "{err}");
    }
}
