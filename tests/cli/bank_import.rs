//! `grill bank import` end to end: a hand-built Anki package with HTML, cloze deletions,
//! sub-decks, tags and media; hostile archives (a zip bomb, `..` names, a collection that is
//! not SQLite, huge fields); CSV with quotes, line breaks and a byte-order mark; Markdown in
//! both styles, and a title over an introduction; and grill -> apkg -> grill on the built-in
//! bank.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::apkg::{self, BASIC, CLOZE, Note, VOCAB};
use crate::common::{grill_at, run};

/// Writes `bytes` to `name` in `dir`.
fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `grill bank import ARGS` in its own history: (exit code, stdout, stderr).
fn import(args: &[&str]) -> (i32, String, String) {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = crate::common::grill_in(home.path(), 80);
    cmd.args(["bank", "import"]).args(args);
    run(&mut cmd)
}

fn note(id: i64, mid: i64, deck: i64, tags: &str, fields: &[&str]) -> Note<'static> {
    Note {
        id,
        mid,
        deck,
        tags: Box::leak(tags.to_string().into_boxed_str()),
        fields: fields.iter().map(|s| s.to_string()).collect(),
    }
}

/// The hand-built deck: one note of each kind grill must read, and three it must report.
fn interview_deck() -> Vec<u8> {
    let decks = [
        (1, "Default"),
        (10, "Interview"),
        (11, "Interview::SQL"),
        (12, "Interview::SQL::Indexes"),
        (13, "Interview::Python"),
    ];
    let huge = "x".repeat(2 << 20);
    let notes = [
        note(
            1,
            BASIC,
            11,
            " sql joins ",
            &[
                "What does a <b>LEFT&nbsp;JOIN</b> keep?",
                "<div>It keeps:</div><ul><li>every row of the <i>left</i> table</li><li>matches, or <code>NULL</code>s</li></ul>",
            ],
        ),
        note(
            2,
            BASIC,
            12,
            "sql",
            &[
                "What is an index?<img src=\"diagram.png\">",
                "A lookup structure.<br>It speeds reads &amp; slows writes.<br>[sound:index.mp3]",
            ],
        ),
        note(
            3,
            CLOZE,
            13,
            "python",
            &[
                "The {{c1::GIL}} lets one {{c2::thread::unit}} run bytecode at a time",
                "CPython only",
            ],
        ),
        note(
            4,
            VOCAB,
            13,
            "python::generators",
            &[
                "Makes a generator. Pauses the function.",
                "yield",
                "&lt;code&gt; example",
            ],
        ),
        note(5, BASIC, 13, "", &["Empty back?", "<br>"]),
        note(6, BASIC, 13, "", &["<img src=\"only.png\">", "a picture"]),
        note(7, BASIC, 13, "", &["Huge?", &huge]),
    ];
    apkg::zip(&[
        ("collection.anki2", &apkg::collection(&decks, &notes)),
        ("media", b"{\"0\": \"diagram.png\"}"),
        ("0", b"not really a png"),
    ])
}

#[test]
fn a_hand_built_deck_becomes_a_bank_and_what_is_left_out_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // A misleading extension: the content says it is an Anki package.
    let deck = file(dir.path(), "interview.csv", &interview_deck());
    let (code, out, err) = import(&[deck.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "title: Interview
format: 1

# sql: SQL

Q1. What does a LEFT JOIN keep?
- every row of the left table
- matches, or `NULL`s
> It keeps:
tags: sql joins

# sql-indexes: SQL::Indexes

Q2. What is an index?
- A lookup structure.
- It speeds reads & slows writes.
tags: sql

# python: Python

Q3. The [...] lets one [unit] run bytecode at a time
- GIL
- thread
> CPython only
tags: python

Q4. yield
- Makes a generator.
- Pauses the function.
> <code> example
tags: python::generators
"
    );
    let name = deck.display().to_string();
    for line in [
        format!(
            "skipped: {name}: note 5: no usable bullet for `Empty back?`: its `Back` field is empty or only media; skipped"
        ),
        format!(
            "skipped: {name}: note 6: no question text: its `Front` field is empty or only media; skipped"
        ),
        format!(
            "skipped: {name}: note 7: its fields hold 2048 KiB, more than the 1024 KiB grill reads a note"
        ),
    ] {
        assert!(err.contains(&line), "{line}\n---\n{err}");
    }
    let flat = err.replace('\n', " ");
    assert!(flat.contains("read 4 questions in 3 chapters"), "{err}");
    assert!(flat.contains("dropped 3 media references"), "{err}");
}

#[test]
fn hostile_archives_are_refused_in_bounded_time_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = apkg::collection(&[(1, "Default")], &[note(1, BASIC, 1, "", &["Q?", "A."])]);
    // 300 MiB of zeros in ~2 MiB, claiming to be 1000 bytes.
    let deflated = apkg::deflate_bomb(300);
    // The same stream claiming its size (refused before reading), and lying about it (the
    // reader stops where the claim ends).
    let honest = apkg::raw_zip(&[("collection.anki2", 8, &deflated, 300 << 20)]);
    let lying = apkg::raw_zip(&[("collection.anki2", 8, &deflated, 1000)]);
    // 300 MiB of zeros zstd-compressed as a newer collection: stopped by grill's own cap.
    let mut zstd_bomb = zstd::stream::Encoder::new(Vec::new(), 1).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        std::io::Write::write_all(&mut zstd_bomb, &zeros).unwrap();
    }
    let zstd_bomb = zstd_bomb.finish().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb.apkg",
            honest,
            "collection.anki2 inflates to more than 256 MiB",
        ),
        (
            "liar.apkg",
            lying,
            "collection.anki2 is damaged or not what it claims",
        ),
        (
            "zstd.apkg",
            apkg::zip(&[("collection.anki21b", &zstd_bomb)]),
            "collection.anki21b inflates to more than 256 MiB",
        ),
        (
            "evil.apkg",
            apkg::raw_zip(&[
                ("../evil", 0, b"x", 1),
                ("collection.anki2", 0, &good, good.len() as u32),
            ]),
            "the archive holds an entry named `../evil`, a path outside the archive",
        ),
        (
            "abs.apkg",
            apkg::raw_zip(&[("/etc/evil", 0, b"x", 1)]),
            "entry named `/etc/evil`",
        ),
        (
            "text.apkg",
            apkg::zip(&[("collection.anki2", b"hello, not a database")]),
            "collection.anki2 inside is not an SQLite database",
        ),
        (
            "damaged.apkg",
            apkg::zip(&[("collection.anki2", &good[..good.len() / 2])]),
            "cannot be read as an Anki collection",
        ),
        (
            "nothing.apkg",
            apkg::zip(&[("readme.txt", b"hi")]),
            "a zip with no collection.anki2",
        ),
        (
            // A view that never ends where the notes should be: refused before any query.
            "view.apkg",
            apkg::zip(&[(
                "collection.anki2",
                &apkg::database(
                    "CREATE TABLE col (models text, decks text); CREATE TABLE cards (nid, did);
                     CREATE VIEW notes AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL
                     SELECT x + 1 FROM c) SELECT x AS id FROM c;",
                ),
            )]),
            "collection.anki2 has no `notes` table, so it is not an Anki collection",
        ),
        (
            "trunc.apkg",
            b"PK\x03\x04garbage".to_vec(),
            "not a readable zip archive",
        ),
        (
            "plain.apkg",
            b"Q: what?\nA: this".to_vec(),
            "is not a zip archive",
        ),
        (
            "col.anki2",
            good.clone(),
            "is an SQLite database (an Anki collection file itself?)",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = file(dir.path(), name, &bytes);
        let started = Instant::now();
        let (code, out, err) = import(&[path.to_str().unwrap()]);
        assert_eq!(code, 2, "{name}: {err}");
        assert!(out.is_empty(), "{name}: {out}");
        assert!(
            err.contains(expected),
            "{name}: expected `{expected}` in:\n{err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{name} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn csv_with_quotes_line_breaks_and_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let csv = file(
        dir.path(),
        "cards.csv",
        "\u{feff}question,answer,chapter,tags\n\
         \"What is a JOIN, exactly?\",\"It combines rows.\n- by a key\n- of two tables\",SQL,sql\n\
         lonely cell\n\
         \"Say \"\"cheese\"\"\",Smile. Then wait.,Photos,\n"
            .as_bytes(),
    );
    let (code, out, err) = import(&[csv.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let bank: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(bank["title"], "cards");
    let q = &bank["chapters"][0]["questions"][0];
    assert_eq!(bank["chapters"][0]["title"], "SQL");
    assert_eq!(q["prompt"], "What is a JOIN, exactly?");
    assert_eq!(
        q["bullets"],
        serde_json::json!(["It combines rows.", "by a key", "of two tables"])
    );
    assert_eq!(q["tags"], serde_json::json!(["sql"]));
    let q = &bank["chapters"][1]["questions"][0];
    assert_eq!(q["prompt"], "Say \"cheese\"");
    assert_eq!(q["bullets"], serde_json::json!(["Smile.", "Then wait."]));
    assert!(
        err.contains(&format!("skipped: {}:5: one column only", csv.display())),
        "{err}"
    );
    // A TSV without a header, and Anki's plain-text export with its header lines.
    let tsv = file(
        dir.path(),
        "cards.tsv",
        b"What is 2+2?\tFour\nWhat is 3+3?\tSix\n",
    );
    let (code, out, _) = import(&[tsv.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("Q2. What is 3+3?\n- Six\n"), "{out}");
    let anki = file(
        dir.path(),
        "notes.txt",
        b"#separator:tab\n#html:true\n#deck column:3\n#tags column:4\nFront<br>side\t<ol><li>one</li><li>two</li></ol>\tDeck::Sub\tt1 t2\n",
    );
    let (code, out, err) = import(&[anki.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Q1. Front side\n- one\n- two\ntags: t1 t2\n"),
        "{out}"
    );
    assert!(out.starts_with("title: Deck\n"), "{out}");
}

#[test]
fn markdown_in_both_styles_with_line_numbered_problems() {
    let dir = tempfile::tempdir().unwrap();
    let md = file(
        dir.path(),
        "notes.md",
        b"# Databases\n\n## Joins\n\nQ: What does a LEFT JOIN keep?\nA: Every left row. Matches or NULLs.\n\n## Indexes\n\n### What is an index?\n- speeds lookups\n- costs writes\n\n### What is a covering index?\n\n### What is a view?\nA stored query.\n",
    );
    let (code, out, err) = import(&[md.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "title: Databases\nformat: 1\n\n# joins: Joins\n\nQ1. What does a LEFT JOIN keep?\n- Every left row.\n- Matches or NULLs.\n\n# indexes: Indexes\n\nQ2. What is an index?\n- speeds lookups\n- costs writes\n\nQ3. What is a view?\n- A stored query.\n"
    );
    let name = md.display();
    assert!(
        err.contains(&format!(
            "skipped: {name}:14: nothing under the heading `What is a covering index?`"
        )),
        "{err}"
    );
    // Nothing usable: exit 2, every problem with its line.
    let bad = file(
        dir.path(),
        "bad.md",
        b"A: an answer first\n- and a stray item\n# Only a heading\n",
    );
    let (code, out, err) = import(&[bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let name = bad.display();
    for expected in [
        format!("{name}:1: an answer (`A:`) with no question (`Q:`) above it"),
        format!("{name}:2: text outside any question"),
        format!("{name}:3: nothing under the heading `Only a heading`"),
    ] {
        assert!(err.contains(&expected), "{expected}\n---\n{err}");
    }
}

#[test]
fn markdown_top_heading_over_intro_text_is_the_title_not_a_question() {
    // From a try-out: `# SQL` over a paragraph became a question `SQL` in a bank titled after
    // the file.
    let dir = tempfile::tempdir().unwrap();
    let md = file(
        dir.path(),
        "desc.md",
        b"# SQL\nSome description here.\n\nQ: What does a LEFT JOIN keep?\nA: Every row of the left table.\n",
    );
    let (code, out, err) = import(&[md.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "title: SQL\nformat: 1\ndescription: Some description here.\n\n# sql: SQL\n\nQ1. What does a LEFT JOIN keep?\n- Every row of the left table.\n"
    );
    assert!(!err.contains("skipped"), "{err}");
}

#[test]
fn the_seed_guide_reads_as_markdown_with_its_200_questions() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/000_ef305c4d4c28342b.txt");
    if !seed.exists() {
        println!("skipped: the seed guide is not at {}", seed.display());
        return;
    }
    let (code, out, err) = import(&[seed.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let bank: serde_json::Value = serde_json::from_str(&out).unwrap();
    let questions = bank["chapters"][0]["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 200);
    assert_eq!(questions[199]["id"], 200);
    assert_eq!(
        questions[2]["bullets"][1],
        "Compiler transforms AST to bytecode ( .pyc)."
    );
}

#[test]
fn grill_to_apkg_to_grill_keeps_every_question_bullet_note_and_tag() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("python.apkg");
    let home = tempfile::tempdir().unwrap();
    grill_at(home.path(), 80)
        .args(["bank", "export", "--format", "apkg", "--output"])
        .arg(&deck)
        .assert()
        .success();
    let (code, out, err) = import(&[deck.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let back = grill::bank::json::parse(&out, "back").unwrap();
    let original = grill::bank::Bank::embedded();
    assert_eq!(back.title, original.title);
    assert_eq!(back.chapters.len(), original.chapters.len());
    for (a, b) in original.chapters.iter().zip(&back.chapters) {
        assert_eq!(a.title, b.title);
        // Chapter ids come back as slugs of their titles: Anki keeps deck names only. A
        // bullet's alternative wordings are a scoring aid with no field in an Anki note, so
        // they stay behind (README says so); everything else comes back.
        let mut expected = a.questions.clone();
        for q in &mut expected {
            q.alternatives.clear();
        }
        assert_eq!(expected, b.questions, "chapter {}", a.title);
    }
    // A bank with tags and code keeps them too.
    let text = file(
        dir.path(),
        "t.txt",
        b"title: T\n# a: Alpha\nQ7. Why `x < y`?\n- Because `a & b`.\n> note <b>\ntags: t1 t::2\n",
    );
    let apkg = dir.path().join("t.apkg");
    grill_at(home.path(), 80)
        .args([
            "--bank",
            text.to_str().unwrap(),
            "bank",
            "export",
            "--format",
            "apkg",
            "-o",
        ])
        .arg(&apkg)
        .assert()
        .success();
    let (code, out, err) = import(&[apkg.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "title: T\nformat: 1\n\n# alpha: Alpha\n\nQ1. Why `x < y`?\n- Because `a & b`.\n> note <b>\ntags: t1 t::2\n"
    );
}

#[test]
fn missing_files_folders_and_text_with_no_question_say_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.apkg");
    let junk = file(dir.path(), "junk.txt", b"just some words\n");
    for (arg, expected) in [
        (
            missing.to_str().unwrap(),
            "nope.apkg does not exist; check the path of a bank file",
        ),
        (dir.path().to_str().unwrap(), "is a folder, not a bank file"),
        (
            junk.to_str().unwrap(),
            "no question found, reading it as Markdown notes: they need `Q:`/`A:` blocks",
        ),
    ] {
        let (code, out, err) = import(&[arg]);
        assert_eq!(code, 2, "{arg}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains(expected), "{arg}: {err}");
    }
}

#[test]
fn an_anki_package_is_not_written_to_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = crate::common::grill_tty(home.path());
    cmd.args(["--color", "never", "bank", "export", "--format", "apkg"]);
    let mut p = rexpect::session::spawn_command(cmd, Some(30_000)).unwrap();
    p.exp_string("--format apkg writes a binary file, not text for the terminal: give --output")
        .unwrap();
    match p.process().wait().unwrap() {
        rexpect::process::WaitStatus::Exited(_, code) => assert_eq!(code, 2),
        other => panic!("{other:?}"),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Any text, made of the pieces the importers look for, gives a valid bank or problems,
    /// never a panic (as the `bank_import` fuzz target checks at length).
    #[test]
    fn text_importers_never_panic_and_give_valid_banks(
        text in "(#{1,3} |Q: |A: |Q1\\. |- |\\* |1\\. |#separator:tab\n|#html:true\n|\\{\\{c1::|::|\\}\\}|<li>|</li>|<br>|<ul>|&amp;|&#|\t|,|;|\"|\n|\n\n|word |\\. - |`|\u{1b})*"
    ) {
        for ext in ["md", "csv", "txt"] {
            if let Ok(imported) = grill::bank::import::read_text(&text, "p", ext) {
                let json = grill::bank::json::to_string(&imported.bank);
                proptest::prop_assert_eq!(
                    grill::bank::json::parse(&json, "again").ok(),
                    Some(imported.bank)
                );
            }
        }
    }
}
