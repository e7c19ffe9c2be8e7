//! grill's Anki packages checked by Anki's own library (the `anki` package from the Python
//! registry, through `scripts/anki-check.py`), and decks written by Anki itself and by genanki
//! read by `grill bank import`.
//!
//! These run where `import anki` works: `.ci/run` installs `anki` and `genanki` into
//! `target/anki-venv`, used when present; otherwise `python3`. Where neither has it, each test
//! prints why it is skipped and passes.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{grill_in, run};

/// The Python that has `anki` (and `genanki`), or why there is none.
fn python() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/anki-venv/bin/python");
    let candidates = [venv, PathBuf::from("python3")];
    for p in &candidates {
        let ok = Command::new(p)
            .args(["-c", "import anki, genanki"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Ok(p.clone());
        }
    }
    Err(
        "`python3 -c 'import anki, genanki'` fails (and there is no target/anki-venv): run \
         .ci/run, or `pip install anki genanki`, to run it"
            .into(),
    )
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/anki-check.py")
}

/// Runs the script; its stdout.
fn check(python: &Path, args: &[&str]) -> String {
    let out = Command::new(python)
        .arg(script())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "anki-check.py {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Imports `deck` into the collection in `folder` with Anki; what Anki says it did.
fn anki_import(python: &Path, folder: &Path, deck: &Path) -> serde_json::Value {
    let out = check(
        python,
        &["import", folder.to_str().unwrap(), deck.to_str().unwrap()],
    );
    serde_json::from_str(&out).unwrap()
}

fn export(home: &Path, bank: Option<&Path>, to: &Path) {
    let mut cmd = grill_in(home, 80);
    if let Some(b) = bank {
        cmd.arg("--bank").arg(b);
    }
    cmd.args(["bank", "export", "--format", "apkg", "-o"])
        .arg(to);
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn anki_imports_the_built_in_bank_with_its_decks_fields_and_tags() {
    let python = match python() {
        Ok(p) => p,
        Err(why) => return println!("skipped: {why}"),
    };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("python.apkg");
    export(home.path(), None, &deck);
    let r = anki_import(&python, &dir.path().join("col"), &deck);
    assert_eq!(r["new"], 200, "{r}");
    assert_eq!(r["notes"], 200);
    let bank = grill::bank::Bank::embedded();
    let mut decks: Vec<String> = bank
        .chapters
        .iter()
        .map(|c| format!("{}::{}", bank.title, c.title))
        .collect();
    decks.push(bank.title.clone());
    decks.push("Default".into());
    decks.sort();
    assert_eq!(r["decks"], serde_json::json!(decks));
    let guid = grill::bank::anki::write::guid(&bank.title, 6);
    let note = &r["by_guid"][&guid];
    assert_eq!(note["notetype"], "grill");
    assert_eq!(
        note["deck"],
        format!("{}::{}", bank.title, bank.chapters[0].title)
    );
    assert_eq!(
        note["fields"]["Front"],
        "How does <code>pass</code> differ from <code>continue</code> and <code>break</code>?"
    );
    let back = note["fields"]["Back"].as_str().unwrap();
    assert!(
        back.starts_with("<ul><li><code>pass</code> is a no-op placeholder.</li>"),
        "{back}"
    );
}

#[test]
fn importing_a_later_export_again_updates_the_notes_instead_of_adding_copies() {
    let python = match python() {
        Ok(p) => p,
        Err(why) => return println!("skipped: {why}"),
    };
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("sql.txt");
    let v1 = "title: SQL\n# joins: Joins\nQ1. LEFT JOIN?\n- every left row\nQ2. INNER JOIN?\n- matches only\ntags: sql\n";
    std::fs::write(&bank, v1).unwrap();
    let first = dir.path().join("v1.apkg");
    export(home.path(), Some(&bank), &first);
    let col = dir.path().join("col");
    let r = anki_import(&python, &col, &first);
    assert_eq!(
        (r["new"].as_u64(), r["notes"].as_u64()),
        (Some(2), Some(2)),
        "{r}"
    );
    // Anki updates a note when the incoming one is newer (to the second).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(
        &bank,
        v1.replace("every left row", "every row of the left table"),
    )
    .unwrap();
    let second = dir.path().join("v2.apkg");
    export(home.path(), Some(&bank), &second);
    let r = anki_import(&python, &col, &second);
    assert_eq!(r["new"], 0, "{r}");
    assert_eq!(r["notes"], 2, "{r}");
    assert!(r["updated"].as_u64().unwrap() >= 1, "{r}");
    let guid = grill::bank::anki::write::guid("SQL", 1);
    assert_eq!(
        r["by_guid"][&guid]["fields"]["Back"],
        "<ul><li>every row of the left table</li></ul>"
    );
    assert_eq!(
        r["by_guid"][&grill::bank::anki::write::guid("SQL", 2)]["tags"],
        serde_json::json!(["sql"])
    );
}

/// What grill must make of the reference notes in `scripts/anki-check.py`, whoever wrote the
/// package.
fn assert_reference_deck(out: &str, err: &str, with_vocab: bool) {
    assert!(out.starts_with("title: Interview\n"), "{out}");
    assert!(
        out.contains("Q1. What does a LEFT JOIN keep?\n- Every row of the left table\n- Matching rows of the right, or NULLs\n"),
        "{out}"
    );
    assert!(out.contains("# sql-indexes: SQL::Indexes\n"), "{out}");
    assert!(
        out.contains("- A lookup structure.\n- It speeds reads & slows writes.\n"),
        "{out}"
    );
    assert!(
        out.contains("Q3. The [...] lets one [unit] run bytecode\n- GIL\n- thread\n> CPython only\ntags: python\n"),
        "{out}"
    );
    assert_eq!(
        out.contains("Q4. yield\n- Makes a generator.\n- Pauses the function.\n"),
        with_vocab,
        "{out}"
    );
    assert!(err.contains("no question text: its `"), "{err}");
    assert!(err.contains("no usable bullet for `Empty back?`"), "{err}");
    assert!(err.contains("dropped 3 media references"), "{err}");
}

#[test]
fn decks_written_by_anki_itself_import_in_both_its_formats_and_as_a_collection_backup() {
    let python = match python() {
        Ok(p) => p,
        Err(why) => return println!("skipped: {why}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    for (name, make, entry) in [
        ("new.apkg", &["make-anki"][..], "collection.anki21b"),
        (
            "legacy.apkg",
            &["make-anki", "--legacy"][..],
            "collection.anki21",
        ),
        ("backup.colpkg", &["make-colpkg"][..], "collection.anki21b"),
    ] {
        let deck = dir.path().join(name);
        let mut args = vec![make[0], deck.to_str().unwrap()];
        args.extend(&make[1..]);
        check(&python, &args);
        let mut cmd = grill_in(home.path(), 200);
        cmd.args(["bank", "import"]).arg(&deck);
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(err.contains(entry), "{name}: {err}");
        assert_reference_deck(&out, &err, true);
    }
}

#[test]
fn a_deck_written_by_genanki_imports() {
    let python = match python() {
        Ok(p) => p,
        Err(why) => return println!("skipped: {why}"),
    };
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("genanki.apkg");
    check(&python, &["make-genanki", deck.to_str().unwrap()]);
    let home = tempfile::tempdir().unwrap();
    let mut cmd = grill_in(home.path(), 200);
    cmd.args(["bank", "import"]).arg(&deck);
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    assert_reference_deck(&out, &err, false);
}
