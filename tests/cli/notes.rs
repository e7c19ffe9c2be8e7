//! A question's notes end to end: loaded from a text bank, shown by `bank show` after the
//! reference, exported in both formats, never scored, saved with a session and shown by
//! `history show`.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

use crate::common;

const WITH_NOTES: &str = "title: Notes bank
# scope: Scope
Q1. What does `global` do?
- `global` binds a name at module level.
- It lets a function assign a module variable.
> Assigning a name anywhere in a function makes it local there, so reading it first raises
  `UnboundLocalError`.
> `nonlocal` does the same for an enclosing function's variable.
Q2. What is a closure?
- A function that captures variables of its enclosing scope.
";

fn grill(home: &Path) -> common::Grill {
    common::grill_at(home, 100)
}

fn stdout(cmd: &mut Command) -> String {
    String::from_utf8(cmd.assert().success().get_output().stdout.clone()).unwrap()
}

/// Writes the bank, and the same bank without its notes, into `dir`.
fn banks(dir: &Path) -> (String, String) {
    let with = dir.join("with.txt");
    let without = dir.join("without.txt");
    std::fs::write(&with, WITH_NOTES).unwrap();
    let bare: String = WITH_NOTES
        .lines()
        .filter(|l| !l.starts_with("> ") && !l.starts_with("  `Unbound"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&without, bare).unwrap();
    (
        with.to_string_lossy().into_owned(),
        without.to_string_lossy().into_owned(),
    )
}

#[test]
fn bank_show_lists_notes_after_the_reference() {
    let home = tempfile::tempdir().unwrap();
    let (with, _) = banks(home.path());
    // Wide enough that no note wraps (`bank show` wraps to the terminal).
    let out = stdout(
        grill(home.path())
            .env("COLUMNS", "200")
            .args(["--bank", &with, "bank", "show", "1"]),
    );
    assert!(
        out.ends_with(
            "  - It lets a function assign a module variable.\n\nAlso worth knowing\n  - Assigning \
             a name anywhere in a function makes it local there, so reading it first raises \
             `UnboundLocalError`.\n  - `nonlocal` does the same for an enclosing function's \
             variable.\n"
        ),
        "{out}"
    );
    let bare = stdout(grill(home.path()).args(["--bank", &with, "bank", "show", "2"]));
    assert!(!bare.contains("Also worth knowing"), "{bare}");
    let json = stdout(grill(home.path()).args(["--bank", &with, "bank", "show", "1", "--json"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["notes"].as_array().map(Vec::len), Some(2), "{json}");
    let json = stdout(grill(home.path()).args(["--bank", &with, "bank", "show", "2", "--json"]));
    assert!(!json.contains("\"notes\""), "{json}");
}

#[test]
fn notes_are_exported_in_both_formats_and_read_back() {
    let home = tempfile::tempdir().unwrap();
    let (with, _) = banks(home.path());
    let json = stdout(grill(home.path()).args(["--bank", &with, "bank", "export"]));
    let v: Value = serde_json::from_str(&json).unwrap();
    let notes = &v["chapters"][0]["questions"][0]["notes"];
    assert_eq!(notes.as_array().map(Vec::len), Some(2), "{json}");
    assert!(v["chapters"][0]["questions"][1].get("notes").is_none());
    let json_path = home.path().join("again.json");
    std::fs::write(&json_path, &json).unwrap();
    let text = stdout(grill(home.path()).args([
        "--bank",
        json_path.to_str().unwrap(),
        "bank",
        "export",
        "--format",
        "text",
    ]));
    assert!(
        text.contains("> `nonlocal` does the same for an enclosing function's variable.\n"),
        "{text}"
    );
    let text_path = home.path().join("again.txt");
    std::fs::write(&text_path, &text).unwrap();
    let json_again =
        stdout(grill(home.path()).args(["--bank", text_path.to_str().unwrap(), "bank", "export"]));
    assert_eq!(json_again, json);
}

#[test]
fn notes_are_never_scored() {
    let home = tempfile::tempdir().unwrap();
    let (with, without) = banks(home.path());
    // An answer made of the notes' words: they earn nothing, and are not among the bullets.
    let answer = "assigning a name makes it local, UnboundLocalError, nonlocal enclosing";
    let score = |bank: &str| -> Value {
        let out = stdout(grill(home.path()).args([
            "--bank", bank, "score", "-q", "1", "--answer", answer, "--json",
        ]));
        serde_json::from_str(&out).unwrap()
    };
    let (a, b) = (score(&with), score(&without));
    assert_eq!(a, b);
    assert_eq!(a["bullets"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_session_saves_the_notes_and_history_show_replays_them() {
    let home = tempfile::tempdir().unwrap();
    let (with, _) = banks(home.path());
    grill(home.path())
        .args(["--bank", &with, "-n", "2", "--seed", "1"])
        .write_stdin("global binds a module name\n---\na function capturing variables\n")
        .assert()
        .success();
    let out = stdout(grill(home.path()).args(["history", "show", "1"]));
    assert_eq!(out.matches("Also worth knowing:").count(), 1, "{out}");
    let (q1, _) = out.split_once("Also worth knowing:").unwrap();
    assert!(
        q1.contains("Q1 (scope)") && q1.contains("It lets a function assign"),
        "the notes follow Q1's reference: {out}"
    );
    assert!(
        out.contains("    - `nonlocal` does the same for an enclosing function's variable.\n"),
        "{out}"
    );
}
