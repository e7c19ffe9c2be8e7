//! `grill score` as a user runs it: the table, JSON, the batch contract and bad input.

use std::io::Write;

use predicates::prelude::*;
use serde_json::Value;

use crate::common::grill;

fn file(content: &[u8]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(content).unwrap();
    f
}

/// Runs a batch given on stdin; returns the exit code and the output lines as JSON.
fn batch(input: &str) -> (i32, Vec<Value>, String) {
    let out = grill()
        .args(["score", "--batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    (
        out.status.code().unwrap(),
        lines,
        String::from_utf8(out.stderr).unwrap(),
    )
}

const GOOD: &str = "pass is a no-op placeholder; continue skips to the next loop iteration; \
                    break exits the nearest loop";

#[test]
fn the_table_shows_each_bullet_its_status_and_the_score() {
    let out = grill()
        .args(["score", "-q", "6", "-a", GOOD])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Q6. How does `pass` differ"), "{text}");
    assert_eq!(text.matches(" covered 100% ").count(), 3, "{text}");
    assert!(text.contains(" weight "), "{text}");
    assert!(text.contains("missed: "), "{text}");
    assert!(text.contains("\nScore "), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when piped");
}

#[test]
fn score_table_snapshot() {
    let out = grill()
        .args(["score", "-q", "6", "-a", GOOD])
        .output()
        .unwrap();
    assert!(out.status.success());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn partial_credit_reads_as_such_in_the_summary() {
    // Every bullet met in part: the summary gives the share met, not "0 covered".
    let answer = "pass does nothing as a placeholder; continue moves to the next loop; \
                  break exits; pass in stubs";
    let out = grill()
        .args(["score", "-q", "6", "-a", answer])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let summary = text.lines().find(|l| l.starts_with("Score ")).unwrap();
    assert!(summary.contains("% of the reference met ("), "{summary}");
    assert!(!summary.contains("0 covered"), "{summary}");
    assert!(text.contains("partly "), "{text}");
    assert!(text.contains("square root"), "{text}");
}

#[test]
fn colour_highlights_matched_words_when_asked() {
    let out = grill()
        .args(["--color", "always", "score", "-q", "6", "-a", "pass"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\u{1b}[32m\u{1b}[1m`pass`"), "{text:?}");
}

#[test]
fn json_has_the_score_and_every_bullet() {
    let out = grill()
        .args(["score", "-q", "6", "--json", "-a", GOOD])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["question"], 6);
    let score = v["score"].as_f64().unwrap();
    assert!(score > 60.0 && score <= 100.0, "{score}");
    let bullets = v["bullets"].as_array().unwrap();
    assert_eq!(bullets.len(), 4);
    assert_eq!(bullets[0]["status"], "covered");
    assert_eq!(bullets[0]["matched"][0]["how"], "exact");
    assert!(bullets[3]["missed"].as_array().unwrap().len() > 1);
}

#[test]
fn the_answer_can_come_from_a_file_or_stdin() {
    let f = file(GOOD.as_bytes());
    let from_file = grill()
        .args(["score", "-q", "6", "--json", "--answer-file"])
        .arg(f.path())
        .output()
        .unwrap();
    let from_stdin = grill()
        .args(["score", "-q", "6", "--json", "--answer-file", "-"])
        .write_stdin(GOOD)
        .output()
        .unwrap();
    let from_arg = grill()
        .args(["score", "-q", "6", "--json", "-a", GOOD])
        .output()
        .unwrap();
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, from_arg.stdout);
    assert_eq!(from_stdin.stdout, from_arg.stdout);
}

#[test]
fn batch_output_follows_the_contract() {
    let input = concat!(
        r#"{"id": "a1", "question": 6, "answer": "pass is a no-op"}"#,
        "\n\n",
        r#"{"question": 6, "answer": "break exits the loop", "grade": 5}"#,
        "\n",
        r#"{"id": 42, "reference": ["Arrays allow direct access."], "prompt": "Why arrays?", "answer": "direct access"}"#,
        "\n",
    );
    let (code, lines, stderr) = batch(input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "a1");
    // The id defaults to the line number, counting the blank line.
    assert_eq!(lines[1]["id"], 3);
    assert_eq!(lines[2]["id"], 42);
    for l in &lines {
        let score = l["score"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&score));
        for b in l["bullets"].as_array().unwrap() {
            let obj = b.as_object().unwrap();
            // Besides the four, only the optional keys README names, each when it says
            // something.
            let keys: Vec<&str> = obj
                .keys()
                .map(String::as_str)
                .filter(|k| !matches!(*k, "wording" | "contradicted" | "opposite"))
                .collect();
            assert_eq!(keys, ["coverage", "weight", "matched", "missed"]);
            if let Some(w) = obj.get("wording") {
                assert!(w.as_str().is_some_and(|w| !w.is_empty()), "{b}");
            }
            assert_ne!(
                obj.get("contradicted"),
                Some(&serde_json::Value::Bool(false))
            );
        }
        let weights: f64 = l["bullets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["weight"].as_f64().unwrap())
            .sum();
        assert!((weights - 1.0).abs() < 0.01, "{l}");
    }
    assert_eq!(lines[0]["bullets"].as_array().unwrap().len(), 4);
    assert!(lines[2]["score"].as_f64().unwrap() > 50.0);
}

#[test]
fn bad_batch_lines_get_an_error_and_the_rest_are_scored() {
    let input = concat!(
        r#"{"id": "ok", "question": 6, "answer": "pass"}"#,
        "\n",
        r#"{"id": "no-answer", "question": 6}"#,
        "\n",
        "{not json\n",
        r#"{"id": "unknown", "question": 9999, "answer": "x"}"#,
        "\n",
        r#"{"id": "neither", "answer": "x"}"#,
        "\n",
        "[1, 2]\n",
        r#"{"id": "last", "reference": ["A bullet."], "answer": "bullet"}"#,
        "\n",
    );
    let (code, lines, stderr) = batch(input);
    assert_eq!(code, 1);
    let ids: Vec<String> = lines.iter().map(|l| l["id"].to_string()).collect();
    assert_eq!(
        ids,
        [
            "\"ok\"",
            "\"no-answer\"",
            "3",
            "\"unknown\"",
            "\"neither\"",
            "6",
            "\"last\""
        ]
    );
    let err = |i: usize| lines[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(lines[0].get("score").is_some() && lines[6].get("score").is_some());
    assert!(
        err(1).contains("line 2") && err(1).contains("\"answer\""),
        "{}",
        err(1)
    );
    assert!(err(2).contains("line 3: not valid JSON"), "{}", err(2));
    assert!(err(3).contains("no question 9999"), "{}", err(3));
    assert!(err(4).contains("\"question\"") && err(4).contains("\"reference\""));
    assert!(err(5).contains("not a JSON object"), "{}", err(5));
    assert!(stderr.contains("5 of 7 lines"), "{stderr}");
}

#[test]
fn an_inline_line_scores_the_same_alone_as_in_a_batch() {
    // "data" is in every reference of the big batch; the weights come from a fixed table, not
    // from the batch, so that changes nothing.
    let line = r#"{"id": "x", "reference": ["Stacks keep data in order."], "answer": "data"}"#;
    let (_, alone, _) = batch(line);
    let mut big = String::from(line);
    for topic in ["Queues", "Heaps", "Tries", "Graphs"] {
        big.push_str(&format!(
            "\n{{\"reference\": [\"{topic} hold data.\"], \"answer\": \"\"}}"
        ));
    }
    let (_, crowd, _) = batch(&big);
    assert_eq!(alone[0], crowd[0]);
    assert!(alone[0]["score"].as_f64().unwrap() > 0.0);
}

#[test]
fn an_inline_reference_met_in_one_of_its_other_wordings_scores_as_a_bank_question_does() {
    // The bank's Q45 bullet and the other wording the bank gives it, inline: the wording
    // meets the bullet for a candidate's words, and the line names it; without it, or under
    // another bullet's number, the same answer meets less; and the line's score is the
    // reference's alone, as any inline line's.
    let answer = "it takes a function as an argument or returns one";
    let line = |alternatives: &str| {
        format!(
            r#"{{"id": "x", "reference": ["Accepts or returns functions.", "Used for decorators."], {alternatives}"answer": "{answer}"}}"#
        )
    };
    let with =
        line(r#""alternatives": {"1": ["takes a function as an argument or returns one"]}, "#);
    let (code, out, _) = batch(&format!(
        "{with}\n{}\n{}",
        line(""),
        line(r#""alternatives": {"2": ["takes a function as an argument or returns one"]}, "#)
    ));
    assert_eq!(code, 0);
    let bullet = &out[0]["bullets"][0];
    assert_eq!(bullet["coverage"], 1.0, "{}", out[0]);
    assert_eq!(
        bullet["wording"],
        "takes a function as an argument or returns one"
    );
    let score = |i: usize| out[i]["score"].as_f64().unwrap();
    assert!(score(0) > score(1) + 10.0, "{out:?}");
    assert!(out[1]["bullets"][0].get("wording").is_none());
    assert_eq!(
        out[1]["bullets"][0], out[2]["bullets"][0],
        "a wording of bullet 2 does not meet bullet 1"
    );
    assert!(out[2]["bullets"][1]["wording"].is_string());
    let (_, alone, _) = batch(&with);
    assert_eq!(alone[0], out[0]);
}

#[test]
fn batch_output_is_deterministic() {
    let input = (1..=30)
        .map(|q| {
            format!(r#"{{"question": {q}, "answer": "a function that iterates over a dict"}}"#)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (c1, a, _) = batch(&input);
    let (c2, b, _) = batch(&input);
    assert_eq!((c1, c2), (0, 0));
    assert_eq!(a, b);
    assert_eq!(a.len(), 30);
}

#[test]
fn bad_input_says_what_and_exits_2() {
    let empty = file(b"");
    let binary = file(b"{\"a\0\"}");
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["-q".into(), "9999".into(), "-a".into(), "x".into()],
            "no question 9999",
        ),
        (
            vec!["-q".into(), "6".into()],
            "give the answer with --answer",
        ),
        (
            vec!["-q".into(), "6".into(), "-a".into(), " ".into()],
            "the answer is empty",
        ),
        (
            vec![
                "-q".into(),
                "6".into(),
                "--answer-file".into(),
                empty.path().display().to_string(),
            ],
            "is empty",
        ),
        (
            vec!["--batch".into(), empty.path().display().to_string()],
            "is empty; a batch file holds one JSON object per line",
        ),
        (
            vec!["--batch".into(), binary.path().display().to_string()],
            "binary file",
        ),
        (
            vec!["--batch".into(), "/no/such/file.jsonl".into()],
            "does not exist",
        ),
        (
            vec!["--batch".into(), dir.path().display().to_string()],
            "is a folder",
        ),
    ];
    for (args, want) in cases {
        grill()
            .arg("score")
            .args(&args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(want).and(predicate::str::contains("panicked").not()));
    }
}

#[test]
fn evidence_keeps_compounds_whole_and_leaves_out_generic_words() {
    let out = grill()
        .args(["score", "-q", "6", "--json", "-a", "pass is a noop"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let bullets = v["bullets"].as_array().unwrap();
    let words = |b: &Value, field: &str| -> Vec<String> {
        b[field]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.get("keyword").unwrap_or(m).as_str().unwrap().to_string())
            .collect()
    };
    // "`pass` is a no-op placeholder.": "no-op" is one keyword, met by "noop".
    assert_eq!(words(&bullets[0], "matched"), vec!["pass", "no-op"]);
    assert_eq!(words(&bullets[0], "missed"), vec!["placeholder"]);
    // "Use `pass` in stubs, ...": "Use" is not a keyword to miss.
    let missed = words(&bullets[3], "missed");
    assert!(
        !missed.iter().any(|w| w.eq_ignore_ascii_case("use")),
        "{missed:?}"
    );
    assert!(missed.contains(&"stubs".to_string()), "{missed:?}");
}

#[test]
fn only_a_reference_with_nothing_to_score_makes_its_line_an_error() {
    let input = concat!(
        r#"{"id": "empty", "reference": ["a b", "The"], "answer": "a"}"#,
        "\n",
        r#"{"reference": ["Threads share memory.", "The"], "answer": "threads share memory"}"#,
        "\n",
        r#"{"id": "yes", "reference": ["Yes.", "Threads share memory."], "answer": "Yes, threads share memory."}"#,
        "\n",
        r#"{"id": "no", "reference": ["Yes.", "Threads share memory."], "answer": "No, threads share memory."}"#,
        "\n",
    );
    let (code, lines, _) = batch(input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 4);
    assert_eq!(
        lines[0],
        serde_json::json!({"id": "empty", "error": "line 1: the reference has no words to score against (every bullet is stopwords)"})
    );
    // A bullet of stopwords weighs nothing; the other one is fully covered.
    assert_eq!(lines[1]["score"], 100.0, "{}", lines[1]);
    assert_eq!(lines[1]["bullets"][1]["weight"], 0.0, "{}", lines[1]);
    // "Yes." is a choice: met by "Yes, …"; opening with "No" costs a share of the score.
    assert_eq!(lines[2]["score"], 100.0, "{}", lines[2]);
    assert_eq!(lines[2]["bullets"][0]["matched"][0]["how"], "choice");
    let no = lines[3]["score"].as_f64().unwrap();
    assert!(no > 0.0 && no < 50.0, "{}", lines[3]);
    assert_eq!(lines[3]["bullets"][0]["opposite"], true);
}

#[test]
fn a_batch_line_that_is_not_utf8_is_an_error_line_and_the_others_are_scored() {
    let mut input = Vec::new();
    input.extend_from_slice(b"{\"id\": \"a\", \"question\": 6, \"answer\": \"pass is a no-op\"}\n");
    input.extend_from_slice(b"{\"id\": \"b\", \"question\": 6, \"answer\": \"caf\xe9\"}\r\n");
    input.extend_from_slice(b"\n{\"id\": \"c\", \"question\": 6, \"answer\": \"continue\"}\n");
    let f = file(&input);
    let out = grill()
        .args(["score", "--batch"])
        .arg(f.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["score"].as_f64().unwrap() > 0.0, "{lines:?}");
    // The bad line's id cannot be read, so it is its line number.
    assert_eq!(lines[1]["id"], 2);
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.starts_with("line 2: not valid UTF-8"), "{error}");
    assert_eq!(lines[2]["id"], "c");
    assert!(lines[2]["score"].is_number(), "{lines:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("1 of 3 lines"), "{stderr}");
}
