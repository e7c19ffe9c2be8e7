//! The default bank and the `grill bank` commands, end to end through the binary.

use std::path::{Path, PathBuf};

use grill::bank::{Bank, Format};
use predicates::prelude::*;

use crate::common::grill;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/banks")
        .join(name)
}

/// What one line of data/CORRECTIONS.md changes in a question of the default bank.
#[derive(Debug)]
pub(crate) enum Change {
    /// A bullet of the guide, reworded or split: the bullet as the guide had it, and the bullets
    /// (one, or several in a row) that the bank has in its place. `wrong` marks a guide bullet
    /// that stated an error and whose correction is restated positively, in its own words.
    Bullet {
        was: String,
        now: Vec<String>,
        wrong: bool,
    },
    /// A bullet the guide lacks.
    Added(String),
    /// A question's notes, which the guide never has: new ones (`was` is `None`) or a rewording
    /// of an earlier note of this bank (`was`), with the notes that stand in their place.
    Note {
        was: Option<String>,
        now: Vec<String>,
    },
}

/// One line of data/CORRECTIONS.md: the question and what changed in it.
#[derive(Debug)]
pub(crate) struct Correction {
    pub id: u32,
    pub change: Change,
}

/// The text after `keyword "`, up to the closing quote that ends the line, split into the
/// quoted parts of `"A" + "B"`.
fn quoted_parts(rest: &str, line: &str) -> Vec<String> {
    let body = rest
        .strip_suffix('"')
        .unwrap_or_else(|| panic!("the line ends with a quoted bullet: {line}"));
    body.split("\" + \"").map(str::to_string).collect()
}

/// The corrections listed in data/CORRECTIONS.md, from its lines that start with `- Q`:
///
/// - `- Q15: was "...(guide)..."; now "...(bank)..."`: a bullet reworded;
/// - `- Q86: was "..."; now "A" + "B" + "C"`: a bullet split into bullets A, B and C, in a row;
/// - `- Q38: wrong "..."; now "..."`: as `was`, for a guide bullet that stated an error;
/// - `- Q84: added "..."`: a bullet the guide lacks;
/// - `- Q44 note: added "..."` and `- Q121 note: was "..."; now "A" + "B"`: notes.
pub(crate) fn corrections() -> Vec<Correction> {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/CORRECTIONS.md"))
            .unwrap();
    text.lines()
        .filter_map(|l| l.strip_prefix("- Q").map(|rest| (l, rest)))
        .map(|(line, l)| {
            let (head, rest) = l
                .split_once(": ")
                .unwrap_or_else(|| panic!("`- QN: ...` or `- QN note: ...`: {line}"));
            let (id, note) = match head.strip_suffix(" note") {
                Some(id) => (id, true),
                None => (head, false),
            };
            let id = id
                .parse()
                .unwrap_or_else(|_| panic!("a question number: {line}"));
            let change = if let Some(added) = rest.strip_prefix("added \"") {
                let mut parts = quoted_parts(added, line);
                assert_eq!(
                    parts.len(),
                    1,
                    "one bullet or note per `added` line: {line}"
                );
                let text = parts.remove(0);
                if note {
                    Change::Note {
                        was: None,
                        now: vec![text],
                    }
                } else {
                    Change::Added(text)
                }
            } else {
                let (wrong, rest) = if let Some(r) = rest.strip_prefix("was \"") {
                    (false, r)
                } else if let Some(r) = rest.strip_prefix("wrong \"") {
                    (true, r)
                } else {
                    panic!("`was \"`, `wrong \"` or `added \"` after the colon: {line}")
                };
                let (was, now) = rest
                    .split_once("\"; now \"")
                    .unwrap_or_else(|| panic!("`; now \"...\"`: {line}"));
                let now = quoted_parts(now, line);
                let was = was.to_string();
                if note {
                    assert!(!wrong, "a note is never `wrong`: {line}");
                    Change::Note {
                        was: Some(was),
                        now,
                    }
                } else {
                    Change::Bullet { was, now, wrong }
                }
            };
            Correction { id, change }
        })
        .collect()
}

#[test]
fn default_bank_has_200_questions_in_10_chapters_of_20() {
    let bank = Bank::embedded();
    let ids: Vec<&str> = bank.chapters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "fundamentals",
            "data-structures",
            "functions",
            "oop",
            "modules",
            "advanced",
            "concurrency",
            "testing",
            "files-data",
            "architecture"
        ]
    );
    for (i, c) in bank.chapters.iter().enumerate() {
        assert_eq!(c.questions.len(), 20, "chapter {}", c.id);
        let expected: Vec<u32> = (1..=20).map(|k| (i * 20 + k) as u32).collect();
        let got: Vec<u32> = c.questions.iter().map(|q| q.id).collect();
        assert_eq!(
            got, expected,
            "chapter {} holds its questions in order",
            c.id
        );
    }
    for l in bank.questions() {
        let n = l.question.bullets.len();
        assert!((3..=7).contains(&n), "Q{} has {n} bullets", l.question.id);
    }
    assert_eq!(bank.tips.len(), 4);
    assert_eq!(bank.find(200).unwrap().question.bullets.len(), 4);
}

#[test]
fn q6_has_exactly_the_four_reconstructed_bullets() {
    let bank = Bank::embedded();
    assert_eq!(
        bank.find(6).unwrap().question.bullets,
        [
            "`pass` is a no-op placeholder.",
            "`continue` skips to next loop iteration.",
            "`break` exits the nearest loop.",
            "Use `pass` in stubs, `continue` for filtering, `break` for termination.",
        ]
    );
}

#[test]
fn no_bullet_keeps_a_damaged_fragment_of_the_guide() {
    let bank = Bank::embedded();
    // Fragments from the damaged guide, where code lost its backticks and ran into words.
    let damaged = [
        "passis ",
        "continueskips",
        "breakexits",
        "__init__runs",
        "passin ",
        "continuefor ",
        "breakfor ",
        "locals()and",
        "globals()expose",
        "__pycache__for",
        "TabError.",
        "isfor ",
        "==invokes",
        "ischecks",
        "Breturns",
        "Aif ",
        "sys.pathfor",
        "__dict__mappings.-",
        "(\n",
        "yieldturns",
    ];
    for l in bank.questions() {
        let q = l.question;
        for text in std::iter::once(&q.prompt).chain(&q.bullets) {
            for frag in damaged {
                // At a word start only: "bypassing" is fine, "passin stubs" is not.
                let glued = text.match_indices(frag).any(|(i, _)| {
                    !text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|c| c.is_alphanumeric())
                });
                assert!(!glued, "Q{}: `{frag}` in {text:?}", q.id);
            }
            // Generally: backticks pair up, and outside code there is no glued code left.
            assert_eq!(
                text.matches('`').count() % 2,
                0,
                "Q{}: unbalanced backticks in {text:?}",
                q.id
            );
            for (i, prose) in text.split('`').enumerate().filter(|(i, _)| i % 2 == 0) {
                let _ = i;
                assert!(
                    !prose.contains("__"),
                    "Q{}: dunder name outside backticks in {text:?}",
                    q.id
                );
                assert!(
                    !prose.contains("()"),
                    "Q{}: call outside backticks in {text:?}",
                    q.id
                );
                assert!(
                    !prose.contains(".- ") && !prose.starts_with("- "),
                    "Q{}: glued bullets in {text:?}",
                    q.id
                );
            }
            assert_eq!(text.trim(), text, "Q{}: stray white space", q.id);
            assert!(!text.contains('\n'));
        }
    }
}

/// Every question matches the guide word for word, apart from backticks, white space and the
/// corrections listed in data/CORRECTIONS.md: with each corrected bullet put back as the guide had
/// it (a split bullet joined back into one, an added bullet taken out), the whole question (prompt
/// and every bullet) must equal the guide's. So a correction changes exactly the bullets it lists,
/// and any other drift fails. The guide has no notes, so every note of the bank must be listed
/// too, in order. The guide lives beside the project (`shared/`); a checkout without it still
/// runs the other bank tests.
#[test]
fn bank_matches_the_source_guide_apart_from_backticks_spacing_and_listed_corrections() {
    let guide =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_ef305c4d4c28342b.txt");
    let Ok(source) = std::fs::read_to_string(&guide) else {
        eprintln!("skipped: {} is not beside this checkout", guide.display());
        return;
    };
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '`' && *c != '-')
            .collect::<String>()
    };
    let bank = Bank::embedded();
    let corrections = corrections();
    assert!(
        corrections.iter().any(|c| c.id == 57),
        "the known Q57 error is corrected and listed"
    );
    for c in &corrections {
        if let Change::Bullet { was, now, .. } = &c.change {
            assert_ne!(
                norm(was),
                norm(&now.concat()),
                "Q{} is listed as corrected but only its backticks or spacing differ",
                c.id
            );
        }
    }
    let mut restored = 0;
    for l in bank.questions() {
        let q = l.question;
        let start = source
            .find(&format!("\nQ{}. ", q.id))
            .expect("question in guide")
            + 1;
        let end = source[start + 1..]
            .find("\nQ")
            .map_or(source.len(), |e| start + 1 + e);
        let mut block = source[start..end].to_string();
        if q.id == 200 {
            // The guide's last four lines are study tips, now the bank's `tips`.
            let tips_at = block.find("- Review chapters").unwrap();
            assert_eq!(norm(&block[tips_at..]), norm(&bank.tips.concat()));
            block.truncate(tips_at);
        }
        let mut bullets = q.bullets.clone();
        let mut notes: Vec<&String> = Vec::new();
        for c in corrections.iter().filter(|c| c.id == q.id) {
            match &c.change {
                Change::Bullet { was, now, .. } => {
                    let at = bullets
                        .windows(now.len())
                        .position(|w| w == now.as_slice())
                        .unwrap_or_else(|| {
                            panic!("Q{}: no bullets read {now:?} as CORRECTIONS.md lists", q.id)
                        });
                    bullets.splice(at..at + now.len(), [was.clone()]);
                }
                Change::Added(text) => {
                    let at = bullets.iter().position(|b| b == text).unwrap_or_else(|| {
                        panic!(
                            "Q{}: no bullet reads {text:?} as CORRECTIONS.md lists",
                            q.id
                        )
                    });
                    bullets.remove(at);
                }
                Change::Note { was, now } => {
                    if let Some(was) = was {
                        assert!(
                            !q.notes.contains(was),
                            "Q{}: the note {was:?} is listed as reworded but still there",
                            q.id
                        );
                    }
                    notes.extend(now);
                }
            }
            restored += 1;
        }
        let ours = format!("Q{}. {}{}", q.id, q.prompt, bullets.concat());
        assert_eq!(
            norm(&block),
            norm(&ours),
            "Q{} differs from the guide (apart from its listed corrections)",
            q.id
        );
        assert_eq!(
            q.notes.iter().collect::<Vec<_>>(),
            notes,
            "Q{}: the notes are exactly those CORRECTIONS.md lists, in its order",
            q.id
        );
    }
    assert_eq!(
        restored,
        corrections.len(),
        "every listed correction was found"
    );
}

#[test]
fn q57_reads_the_return_value_from_stop_iteration() {
    let bank = Bank::embedded();
    let bullets = bank.find(57).unwrap().question.bullets.join(" ");
    assert!(bullets.contains("`StopIteration.value`"), "{bullets}");
    assert!(!bullets.contains("generator.value"), "{bullets}");
}

#[test]
fn export_json_is_canonical_and_text_export_round_trips() {
    let json = grill().args(["bank", "export"]).output().unwrap();
    assert!(json.status.success());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["format"], 1);
    assert_eq!(value["chapters"].as_array().unwrap().len(), 10);
    let questions: usize = value["chapters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["questions"].as_array().unwrap().len())
        .sum();
    assert_eq!(questions, 200);
    assert_eq!(value["chapters"][0]["questions"][5]["id"], 6);
    assert_eq!(value["tips"].as_array().unwrap().len(), 4);

    let text = grill()
        .args(["bank", "export", "--format", "text"])
        .output()
        .unwrap();
    assert!(text.status.success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("python.txt");
    std::fs::write(&path, &text.stdout).unwrap();
    let again = grill()
        .arg("--bank")
        .arg(&path)
        .args(["bank", "export"])
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(
        String::from_utf8(again.stdout).unwrap(),
        String::from_utf8(json.stdout).unwrap()
    );
}

#[test]
fn example_bank_is_valid_and_usable_with_bank_flag() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rust-basics.txt");
    grill()
        .args(["bank", "validate"])
        .arg(&example)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid: 5 questions in 2 chapters"));
    grill()
        .arg("--bank")
        .arg(&example)
        .args(["bank", "show", "4"])
        .assert()
        .success()
        .stdout(predicate::str::contains("`From::from`"));
}

/// Each validation problem, from a fixture bank, with its line; exit code 2.
#[test]
fn validate_reports_every_problem_with_its_line() {
    let cases: &[(&str, &[&str])] = &[
        (
            "problems.txt",
            &[
                "problems.txt:2: a bullet outside any question",
                "problems.txt:6: duplicate question id 1 (first at line 4)",
                "problems.txt:8: question 2 has an empty prompt",
                "problems.txt:10: question 3 has no reference bullets",
                "problems.txt:12: question 4 has an empty bullet",
                "problems.txt:13: chapter `empty` has no questions",
            ],
        ),
        (
            "problems.json",
            &[
                "problems.json:10: duplicate question id 1 (first at line 9)",
                "problems.json:11: question 2 has an empty prompt",
                "problems.json:12: question 3 has no reference bullets",
                "problems.json:14: question 4 has an empty bullet",
                "problems.json:18: chapter `empty` has no questions",
            ],
        ),
        ("future.json", &["future.json:2: unknown format version 2"]),
        ("future.txt", &["future.txt:2: unknown format version `3`"]),
        ("syntax.json", &["syntax.json:5:16: JSON syntax error"]),
        ("empty.txt", &["empty.txt: the file is empty"]),
        ("binary.json", &["binary.json is a binary file"]),
    ];
    for (file, expected) in cases {
        let out = grill()
            .args(["bank", "validate"])
            .arg(fixture(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8(out.stderr).unwrap();
        for e in *expected {
            assert!(err.contains(e), "{file}: missing `{e}` in:\n{err}");
        }
        assert!(!err.contains("panicked"), "{err}");
        // The same file through --bank fails the same way, before any work is done.
        let out = grill()
            .arg("--bank")
            .arg(fixture(file))
            .args(["bank", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{file} via --bank");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn bad_paths_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    grill()
        .args(["bank", "validate"])
        .arg(dir.path().join("nope.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    grill()
        .args(["bank", "validate"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
    grill()
        .arg("--bank")
        .arg(dir.path())
        .args(["bank", "chapters"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a folder"));
}

#[test]
fn chapter_selector_takes_ids_and_numbers_and_suggests_on_typos() {
    let by_number = grill()
        .args(["bank", "list", "--chapter", "7"])
        .output()
        .unwrap();
    let by_id = grill()
        .args(["bank", "list", "--chapter", "Concurrency"])
        .output()
        .unwrap();
    assert!(by_number.status.success());
    assert_eq!(by_number.stdout, by_id.stdout);
    let text = String::from_utf8(by_number.stdout).unwrap();
    assert_eq!(text.lines().count(), 21, "header and 20 questions:\n{text}");
    assert!(text.contains("121  concurrency"), "{text}");
    grill()
        .args(["bank", "list", "--chapter", "concurency"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("did you mean `concurrency`?")
                .and(predicate::str::contains("architecture (10)")),
        );
}

#[test]
fn list_cuts_prompts_to_the_terminal_width() {
    let out = grill()
        .env("COLUMNS", "50")
        .args(["bank", "list"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 201);
    for line in text.lines() {
        assert!(line.chars().count() <= 50, "{line:?}");
    }
}

#[test]
fn show_and_chapters_print_what_a_person_needs() {
    grill()
        .args(["bank", "show", "57"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("Q57.").and(predicate::str::contains("chapter 3 (functions)")),
        );
    grill()
        .args(["bank", "show", "999"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no question 999")
                .and(predicate::str::contains("from 1 to 200")),
        );
    grill()
        .args(["bank", "chapters"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains(" 7  concurrency")
                .and(predicate::str::contains("200 questions")),
        );
}

#[test]
fn help_has_a_description_and_examples_for_every_command() {
    for args in [
        &["--help"][..],
        &["start", "--help"],
        &["score", "--help"],
        &["report", "--help"],
        &["history", "--help"],
        &["bank", "--help"],
    ] {
        grill()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn text_format_is_read_by_extension_and_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# a: A\nQ1. p?\n- b\n";
    let path = dir.path().join("bank");
    std::fs::write(&path, text).unwrap();
    assert_eq!(grill::bank::format_of(&path, text), Format::Text);
    grill()
        .args(["bank", "validate"])
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn validate_counts_in_the_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.txt");
    // Windows line endings are fine too.
    std::fs::write(&path, "title: One\r\n# a: A\r\nQ1. What?\r\n- A thing.\r\n").unwrap();
    grill()
        .args(["bank", "validate"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "valid: 1 question in 1 chapter\n",
        ));
    // From standard input it is named as every message names it.
    grill()
        .args(["bank", "validate", "-"])
        .write_stdin(std::fs::read(&path).unwrap())
        .assert()
        .success()
        .stdout("<stdin>: valid: 1 question in 1 chapter\n");
}

#[test]
fn a_byte_order_mark_at_the_start_of_a_file_is_not_part_of_its_text() {
    // Windows editors save "UTF-8" with a byte-order mark (EF BB BF) first.
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rust-basics.txt");
    let text = std::fs::read(&example).unwrap();
    let json = grill()
        .args([
            "--bank",
            example.to_str().unwrap(),
            "bank",
            "export",
            "--format",
            "json",
        ])
        .output()
        .unwrap()
        .stdout;
    for (name, body) in [("bank.txt", &text), ("bank.json", &json)] {
        let path = dir.path().join(name);
        let mut marked = b"\xEF\xBB\xBF".to_vec();
        marked.extend_from_slice(body);
        std::fs::write(&path, marked).unwrap();
        grill()
            .args(["bank", "validate", path.to_str().unwrap()])
            .assert()
            .success()
            .stdout(predicate::str::contains("valid: 5 questions in 2 chapters"));
    }
    // An answers file: the mark is not part of the first answer.
    let answers = dir.path().join("answers.txt");
    std::fs::write(&answers, b"\xEF\xBB\xBFfirst answer\n").unwrap();
    let out = grill()
        .args(["-n", "1", "--json", "--answers", answers.to_str().unwrap()])
        .output()
        .unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["items"][0]["answer"], "first answer");
    // The same file piped in (`grill < answers.txt`).
    let out = grill()
        .args(["-n", "1", "--json"])
        .write_stdin(std::fs::read(&answers).unwrap())
        .output()
        .unwrap();
    let record: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(record["items"][0]["answer"], "first answer");
}

#[test]
fn validate_warns_about_a_bullet_or_alternative_with_nothing_to_score() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty-words.txt");
    std::fs::write(
        &path,
        "# basics: Basics\nQ1. What is a set?\n- Hash tables store unique keys.\n  | it is the\n  \
         | no duplicates kept\n- It is.\n",
    )
    .unwrap();
    let out = grill()
        .args(["bank", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    // Worth fixing, but the bank loads and scores: still valid.
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let warnings: Vec<&str> = stderr.lines().collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(
        warnings[0].starts_with("warning: question 1, bullet 2: nothing to score"),
        "{stderr}"
    );
    assert!(
        warnings[1].starts_with(
            "warning: question 1, bullet 1, alternative 1 (\"it is the\"): nothing to score"
        ),
        "{stderr}"
    );
    // The built-in banks have none.
    for bank in ["data/python-developer.json", "data/modern-python.json"] {
        let out = grill().args(["bank", "validate", bank]).output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{bank}: {out:?}"
        );
    }
}

/// `bank export -o` replaces a file whole, keeping its mode; writes through a link to what it
/// names; and writes into what is no file (a FIFO here; a device alike) instead of replacing it:
/// a try-out's `-o /dev/full`, run as root, replaced the device with a file.
#[cfg(unix)]
#[test]
fn export_output_keeps_links_modes_and_what_is_no_file() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let export = |to: &Path| {
        grill()
            .args(["bank", "export", "-o"])
            .arg(to)
            .output()
            .unwrap()
    };
    let json = grill().args(["bank", "export"]).output().unwrap().stdout;
    // A private file stays private.
    let private = dir.path().join("private.json");
    std::fs::write(&private, "old").unwrap();
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(export(&private).status.success());
    assert_eq!(std::fs::read(&private).unwrap(), json);
    let mode = std::fs::metadata(&private).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    // A link is written through and stays a link.
    let target = dir.path().join("target.json");
    std::fs::write(&target, "keep?").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(export(&link).status.success());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), json);
    // A FIFO is written into and stays a FIFO.
    let fifo = dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    assert!(export(&fifo).status.success());
    // Before the join: a replaced FIFO leaves its reader waiting.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), json);
    // A folder names a file of the format to give instead.
    let out = export(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a folder") && err.contains("bank.json"),
        "{err}"
    );
}

/// A CSV table or Markdown notes given to --bank: the lines grill's formats cannot read, and
/// how to bring the file in (`bank add`, `bank import`), as an Anki package gets.
#[test]
fn a_table_or_notes_given_as_a_bank_says_how_to_add_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, kind) in [
        ("cards.csv", "question,answer\nA?,a\n", "a CSV table"),
        ("notes.md", "Q: A?\nA: a\n", "Markdown notes"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = grill()
            .arg("--bank")
            .arg(&file)
            .args(["bank", "list"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(kind)
                && err.contains("grill bank add")
                && err.contains("grill bank import"),
            "{name}: {err}"
        );
    }
}
