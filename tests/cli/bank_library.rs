//! The bank library end to end: `grill bank add`, `library` (and `--json`), `remove`, names
//! checked, `--replace`, and `--bank NAME` / `GRILL_BANK=NAME` picking an added bank.

use std::path::Path;

use crate::common::{grill_at, grill_in, run};

const SQL: &str = "title: SQL interview\n# joins: Joins\nQ1. What does a LEFT JOIN keep?\n- every left row\nQ2. And an INNER JOIN?\n- only matching rows\n";

/// grill with its history in `home`: (exit code, stdout, stderr).
fn at(home: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = grill_in(home, 80);
    cmd.args(args);
    run(&mut cmd)
}

#[test]
fn add_list_use_replace_and_remove() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("SQL Interview.txt");
    std::fs::write(&file, SQL).unwrap();
    let f = file.to_str().unwrap();

    // The name comes from the file's name when none is given.
    let (code, out, err) = at(home.path(), &["bank", "add", f]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "Added `sql-interview` in the library: \"SQL interview\", 2 questions in 1 chapter.\nUse it with `grill --bank sql-interview` (or GRILL_BANK=sql-interview).\n"
    );
    let copy = home.path().join("banks/sql-interview.json");
    assert!(copy.is_file());
    assert!(
        std::fs::read_to_string(&copy)
            .unwrap()
            .starts_with("{\n  \"format\": 1,")
    );

    let (code, out, _) = at(home.path(), &["bank", "library"]);
    assert_eq!(code, 0);
    let rows: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(rows[0], "NAME QUESTIONS LAST PRACTISED TITLE");
    assert_eq!(
        rows[1],
        "python* 200 never Python developer interview guide"
    );
    assert_eq!(rows[2], "modern* 29 never Modern Python (3.12-3.14)");
    assert_eq!(rows[3], "sql-interview 2 never SQL interview");

    let (_, out, _) = at(home.path(), &["bank", "library", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["banks"][0]["name"], "python");
    assert_eq!(doc["banks"][0]["built_in"], true);
    assert_eq!(doc["banks"][1]["name"], "modern");
    assert_eq!(doc["banks"][1]["built_in"], true);
    assert_eq!(doc["banks"][2]["name"], "sql-interview");
    assert_eq!(doc["banks"][2]["questions"], 2);
    assert_eq!(doc["banks"][2]["last_practised"], serde_json::Value::Null);
    assert_eq!(doc["banks"][2]["path"], copy.display().to_string());

    // --bank NAME (any case) and GRILL_BANK=NAME pick it up.
    let (code, out, err) = at(home.path(), &["--bank", "SQL-Interview", "bank", "list"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("What does a LEFT JOIN keep?"), "{out}");
    let (_, out, _) = run(grill_in(home.path(), 80)
        .env("GRILL_BANK", "sql-interview")
        .args(["bank", "chapters"]));
    assert!(out.contains("SQL interview: 2 questions"), "{out}");
    // An empty GRILL_BANK is unset (the built-in bank), and a --bank beside it counts.
    let (code, out, err) = run(grill_in(home.path(), 80)
        .env("GRILL_BANK", "")
        .args(["bank", "chapters"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("200 questions"), "{out}");
    let (code, out, err) = run(grill_in(home.path(), 80).env("GRILL_BANK", "").args([
        "--bank",
        "sql-interview",
        "bank",
        "chapters",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("SQL interview: 2 questions"), "{out}");
    // `score --batch` reads --bank (and GRILL_BANK) as every command does: a library name, a
    // built-in one, a file.
    let batch = dir.path().join("b.jsonl");
    std::fs::write(
        &batch,
        "{\"id\": 1, \"question\": 1, \"answer\": \"every left row\"}\n",
    )
    .unwrap();
    let b = batch.to_str().unwrap();
    for bank in ["sql-interview", f] {
        let (code, out, err) = at(home.path(), &["--bank", bank, "score", "--batch", b]);
        assert_eq!(code, 0, "{bank}: {err}");
        assert!(out.contains("\"score\":100"), "{bank}: {out}");
    }
    let (code, out, err) = run(grill_in(home.path(), 80)
        .env("GRILL_BANK", "python")
        .args(["score", "--batch", b]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"score\":0"), "Q1 of the Python bank: {out}");
    // The built-in one by name too.
    let (_, out, _) = at(home.path(), &["--bank", "python", "bank", "chapters"]);
    assert!(out.contains("200 questions"), "{out}");
    let (_, out, _) = at(home.path(), &["--bank", "modern", "bank", "chapters"]);
    assert!(
        out.contains("Modern Python (3.12-3.14): 29 questions"),
        "{out}"
    );

    // A session with it shows in the library as practised.
    grill_at(home.path(), 80)
        .args(["--bank", "sql-interview", "-n", "1", "--seed", "1"])
        .write_stdin("every left row\n")
        .assert()
        .success();
    let (_, out, _) = at(home.path(), &["bank", "library", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["banks"][2]["sessions"], 1);
    assert!(doc["banks"][2]["last_practised"].is_string(), "{out}");

    replace_and_remove(home.path(), &file);
}

/// The library of `add_list_use_replace_and_remove`, after one session of `sql-interview`:
/// adding again needs --replace, and removing keeps the session.
fn replace_and_remove(home: &Path, file: &Path) {
    let f = file.to_str().unwrap();
    // The same name again needs --replace; the history is kept.
    let (code, _, err) = at(home, &["bank", "add", f, "--name", "sql-interview"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("a bank named `sql-interview` is already in the library; add --replace"),
        "{err}"
    );
    std::fs::write(
        file,
        SQL.replace("every left row", "every row of the left table"),
    )
    .unwrap();
    let (code, out, _) = at(
        home,
        &["bank", "add", f, "--name", "sql-interview", "--replace"],
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("Replaced `sql-interview`"), "{out}");
    let (_, out, _) = at(home, &["--bank", "sql-interview", "bank", "show", "1"]);
    assert!(out.contains("every row of the left table"), "{out}");

    // Removing keeps the history, and the name is gone.
    let (code, out, _) = at(home, &["bank", "remove", "sql-interview"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.replace('\n', " "),
        "Removed `sql-interview` (\"SQL interview\") from the library; the history keeps its 1 session. "
    );
    assert_eq!(crate::common::history(home).len(), 1);
    let (code, _, err) = at(home, &["--bank", "sql-interview", "bank", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no bank named `sql-interview` in the library (it has: python, modern)"),
        "{err}"
    );
    let (code, _, err) = at(home, &["bank", "remove", "sql-interview"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = at(home, &["bank", "remove", "python"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`python` is a built-in bank and cannot be removed"),
        "{err}"
    );
}

#[test]
fn bad_names_and_bad_files_are_refused_with_the_flag_and_nothing_is_added() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sql.txt");
    std::fs::write(&file, SQL).unwrap();
    let f = file.to_str().unwrap();
    for (name, expected) in [
        ("../x", "--name: `../x` looks like a path"),
        (".hidden", "--name: `.hidden` looks like a path"),
        ("a b", "--name: `a b` is not a bank name"),
        ("python", "--name: `python` is the name of a built-in bank"),
        ("Modern", "--name: `modern` is the name of a built-in bank"),
        ("", "--name: the name is empty"),
    ] {
        let (code, out, err) = at(home.path(), &["bank", "add", f, "--name", name]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty());
        assert!(err.contains(expected), "{name}: {err}");
    }
    // A file named as a built-in bank says so, not that no name can be made of it.
    let python = dir.path().join("Python.txt");
    std::fs::write(&python, SQL).unwrap();
    let (code, _, err) = at(home.path(), &["bank", "add", python.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`python`, is a built-in bank's"), "{err}");
    let (code, _, err) = at(home.path(), &["bank", "import", f, "--add", "a/b"]);
    assert_eq!(code, 2);
    assert!(err.contains("--add: `a/b` looks like a path"), "{err}");
    // A bank with problems is not added: every problem with its line.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "title: Bad\n# a: A\nQ1. p\n- ok\nQ1. again\n- dup\n").unwrap();
    let (code, _, err) = at(home.path(), &["bank", "add", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.txt:5: duplicate question id 1 (first at line 3)"),
        "{err}"
    );
    assert!(!home.path().join("banks").exists());
    // A file no name can be made from needs --name.
    let odd = dir.path().join("!!!.txt");
    std::fs::write(&odd, SQL).unwrap();
    let (code, _, err) = at(home.path(), &["bank", "add", odd.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("give one with --name NAME"), "{err}");
    // An unknown --bank lists what there is.
    let (code, _, err) = at(home.path(), &["--bank", "nope", "bank", "list"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "no bank named `nope` in the library (it has: python, modern); `grill bank library` lists them"
        ),
        "{err}"
    );
    // A folder of that name is a path, and said to be a folder, not an unknown name.
    std::fs::create_dir(dir.path().join("adir")).unwrap();
    let mut cmd = grill_in(home.path(), 80);
    cmd.current_dir(dir.path())
        .args(["--bank", "adir", "bank", "list"]);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 2);
    assert!(err.contains("adir is a folder, not a bank file"), "{err}");
}

#[test]
fn import_add_puts_an_anki_deck_in_the_library_in_one_step() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("deck.apkg");
    grill_at(home.path(), 80)
        .args(["bank", "export", "--format", "apkg", "-o"])
        .arg(&deck)
        .assert()
        .success();
    let (code, out, err) = at(
        home.path(),
        &["bank", "import", deck.to_str().unwrap(), "--add", "py2"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.replace('\n', " ").starts_with(
            "Added `py2` in the library: \"Python developer interview guide (py2)\", 200 questions in 10"
        ),
        "{out}"
    );
    // The built-in bank has its title: the copy gets its own, and its own history.
    assert!(err.contains("`python` has the title"), "{err}");
    let (_, out, _) = at(home.path(), &["--bank", "py2", "bank", "chapters"]);
    assert!(
        out.contains("Python developer interview guide (py2): 200 questions"),
        "{out}"
    );
    // At 40 columns the library still fits.
    let mut cmd = grill_in(home.path(), 40);
    cmd.args(["bank", "library"]);
    let (_, out, _) = run(&mut cmd);
    assert!(out.lines().all(|l| grill::output::width(l) <= 40), "{out}");
}

#[test]
fn an_anki_package_given_to_bank_says_how_to_add_it() {
    let home = tempfile::tempdir().unwrap();
    let deck = home.path().join("deck.apkg");
    grill_at(home.path(), 80)
        .args(["bank", "export", "--format", "apkg", "-o"])
        .arg(&deck)
        .assert()
        .success();
    let (code, _, err) = at(
        home.path(),
        &["--bank", deck.to_str().unwrap(), "bank", "list"],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("is an Anki package (a zip), not a bank file: add it to the library with `grill bank add"),
        "{err}"
    );
}

/// Sessions are kept by a bank's title, so a second bank of one title (two Anki decks both
/// called "Default") is given its name beside the title: its history stays its own.
#[test]
fn a_second_bank_of_one_title_gets_its_own_title_and_history() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sql.txt");
    std::fs::write(&file, SQL).unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = at(home.path(), &["bank", "add", f]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("title"), "{err}");
    let (code, out, err) = at(home.path(), &["bank", "add", f, "--name", "sql2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"SQL interview (sql2)\""), "{out}");
    assert!(
        err.contains("`sql` has the title \"SQL interview\" too"),
        "{err}"
    );
    // Refused (the name is taken), it says nothing of a title.
    let (code, _, err) = at(home.path(), &["bank", "add", f, "--name", "sql2"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("title"), "{err}");
    // Replacing it keeps the title it was given, and its history with it.
    let (code, _, err) = at(
        home.path(),
        &["bank", "add", f, "--name", "sql2", "--replace"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("title changed"), "{err}");
    // A session of one is not the other's.
    grill_at(home.path(), 80)
        .args(["--bank", "sql", "-n", "1", "--seed", "1"])
        .write_stdin("every left row\n")
        .assert()
        .success();
    let (_, out, _) = at(home.path(), &["bank", "library", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["banks"][2]["name"], "sql");
    assert_eq!(doc["banks"][2]["sessions"], 1);
    assert_eq!(doc["banks"][3]["name"], "sql2");
    assert_eq!(doc["banks"][3]["sessions"], 0);
    // A built-in bank's title is taken too.
    let python = dir.path().join("python.json");
    let (_, json, _) = at(home.path(), &["bank", "export"]);
    std::fs::write(&python, json).unwrap();
    let p = python.to_str().unwrap();
    let (code, out, err) = at(home.path(), &["bank", "add", p, "--name", "mine"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"Python developer interview guide (mine)\""),
        "{out}"
    );
}

/// A library entry that is damaged or a folder (a FIFO alike) is named for what it is: its
/// first problem in the list, "is a folder" for --bank and remove (not "no bank named"), and
/// adding over a folder says to move it away rather than failing to write.
#[cfg(unix)]
#[test]
fn damaged_entries_are_named_for_what_they_are() {
    let home = tempfile::tempdir().unwrap();
    let banks = home.path().join("banks");
    std::fs::create_dir_all(banks.join("dir.json")).unwrap();
    std::fs::write(banks.join("broken.json"), "{\"format\":1, bad").unwrap();
    let h = home.path();
    let (code, out, _) = at(h, &["bank", "library"]);
    assert_eq!(code, 0);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("broken.json:1:14: JSON syntax error"),
        "{out}"
    );
    assert!(flat.contains("dir.json is a folder"), "{out}");
    assert!(flat.contains("move it away"), "{out}");
    for args in [
        &["--bank", "dir", "bank", "list"][..],
        &["bank", "remove", "dir"],
    ] {
        let (code, _, err) = at(h, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains("no bank named"), "{args:?}: {err}");
        assert!(err.contains("dir.json"), "{args:?}: {err}");
    }
    let file = home.path().join("d.txt");
    std::fs::write(&file, SQL).unwrap();
    let f = file.to_str().unwrap();
    let (code, _, err) = at(h, &["bank", "add", f, "--name", "dir", "--replace"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("move it away"), "{err}");
    // The damaged file itself is replaced as the list advises.
    let (code, _, err) = at(h, &["bank", "add", f, "--name", "broken", "--replace"]);
    assert_eq!(code, 0, "{err}");
}

/// `bank add` warns as `bank validate` does: a long bullet is worth splitting.
#[test]
fn bank_add_warns_about_a_long_bullet() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("long.txt");
    let long = vec!["word"; 150].join(" ");
    std::fs::write(&file, format!("title: L\n# a: A\nQ1. Why?\n- {long}\n")).unwrap();
    let (code, _, err) = at(home.path(), &["bank", "add", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: question 1, bullet 1: 150 words"),
        "{err}"
    );
}
