//! Escape sequences from a bank or an answer never reach the terminal raw: `bank validate`
//! names each at its line, and every terminal, text, Markdown and HTML rendering shows them
//! as `\u{1b}`-style text (see `grill::output::visible`). JSON escapes them (C0 by serde, C1 by grill).

use std::path::Path;
use std::process::{Command, Stdio};

use grill::bank::Bank;
use grill::history::Store;
use grill::output::Theme;
use grill::readiness::{self, Filter, Options, Readiness, Thresholds};
use serde_json::Value;

use crate::common;

use crate::common::fixtures;

/// A view rendered to a string (views write to a stream; writing to a Vec cannot fail).
fn rendered(render: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    render(&mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn markdown(r: &Readiness) -> String {
    rendered(|b| grill::view::readiness::markdown::render(r, b))
}

fn html(r: &Readiness) -> String {
    rendered(|b| grill::view::readiness::html::render(r, b))
}

/// OSC 0 (window title), CSI 2J (clear screen), OSC 52 (clipboard), OSC 8 (hidden link), BEL
/// and the one-byte C1 CSI.
const PAYLOAD: &str = "\u{1b}]0;pwned\u{7} \u{1b}[2J \u{1b}]52;c;ZXZpbA==\u{7} \
                       \u{1b}]8;;http://evil/\u{1b}\\link\u{1b}]8;;\u{1b}\\ \u{7} \u{9b}2J";

/// Fails when `bytes` hold ESC, BEL or any other C0 control but tab and newline, DEL, or a C1
/// control (as UTF-8, or as a raw byte).
fn assert_clean(what: &str, bytes: &[u8]) {
    // Valid UTF-8 first: a raw C1 byte (0x9b alone) is not, and would hide from the char check.
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| {
        panic!(
            "{what}: not UTF-8 ({e}): {}",
            String::from_utf8_lossy(bytes)
        )
    });
    for (i, c) in text.char_indices() {
        let bad = c.is_control() && c != '\n' && c != '\t';
        assert!(
            !bad,
            "{what}: raw U+{:04X} at byte {i}:\n{}",
            u32::from(c),
            text.escape_debug()
        );
    }
}

fn grill(home: &Path) -> Command {
    common::grill_in(home, 80)
}

/// Runs and returns (code, stdout, stderr) as bytes, checked clean.
fn run_clean(what: &str, cmd: &mut Command) -> (i32, Vec<u8>, Vec<u8>) {
    let out = cmd.output().unwrap();
    assert_clean(&format!("{what} (stdout)"), &out.stdout);
    assert_clean(&format!("{what} (stderr)"), &out.stderr);
    (out.status.code().unwrap_or(-1), out.stdout, out.stderr)
}

/// The fixture bank with the payload in its title, a chapter title, every prompt and bullet and
/// the tips, as a bank file in `format`.
fn evil_bank_file(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let text = format!(
        "title: Evil {PAYLOAD} bank\n\n# basics: Basics {PAYLOAD}\nQ1. What does {PAYLOAD} `pass` do?\n- `pass` is a no-op {PAYLOAD}.\n- A plain bullet.\n\n## tips\n- Tip {PAYLOAD}\n"
    );
    let txt = dir.join("evil.txt");
    std::fs::write(&txt, text).unwrap();
    let json = serde_json::json!({
        "format": 1,
        "title": format!("Evil {PAYLOAD} bank"),
        "chapters": [{
            "id": "basics",
            "title": format!("Basics {PAYLOAD}"),
            "questions": [{
                "id": 1,
                "prompt": format!("What does {PAYLOAD} do?"),
                "bullets": [format!("A no-op {PAYLOAD}."), "A plain bullet."]
            }]
        }]
    });
    let js = dir.join("evil.json");
    std::fs::write(&js, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    (txt, js)
}

#[test]
fn bank_validate_names_each_control_character_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let (txt, js) = evil_bank_file(dir.path());
    for (file, lines) in [(&txt, vec![1, 3, 4, 5, 9]), (&js, vec![3, 7, 11, 13])] {
        let (code, out, err) = run_clean(
            "bank validate",
            grill(dir.path()).args(["bank", "validate"]).arg(file),
        );
        assert_eq!(code, 2);
        assert!(out.is_empty());
        let err = String::from_utf8(err).unwrap();
        let name = file.display().to_string();
        let found: Vec<usize> = err
            .lines()
            .filter(|l| l.contains("control character"))
            .map(|l| {
                let rest = l.trim_start().strip_prefix(&format!("{name}:")).unwrap();
                rest.split(':').next().unwrap().parse().unwrap()
            })
            .collect();
        assert_eq!(found, lines, "{err}");
        for want in ["U+001B (ESC)", "U+0007 (BEL)", "U+009B (CSI)"] {
            assert!(err.contains(want), "{want}: {err}");
        }
    }
}

#[test]
fn such_a_bank_is_refused_by_every_command_without_echoing_it_raw() {
    let dir = tempfile::tempdir().unwrap();
    let (txt, js) = evil_bank_file(dir.path());
    for bank in [&txt, &js] {
        for args in [
            &["bank", "list"][..],
            &["bank", "show", "1"],
            &["bank", "chapters"],
            &["bank", "export", "--format", "text"],
            &["score", "-q", "1", "--answer", "pass"],
            &["report", "--format", "markdown"],
            &["-n", "1"],
        ] {
            let (code, _, _) = run_clean(
                &format!("{args:?}"),
                grill(dir.path()).arg("--bank").arg(bank).args(args),
            );
            assert_eq!(code, 2, "{args:?}");
        }
    }
}

/// Answers carrying the payload, and HTML and link syntax for the Markdown report.
fn evil_answers() -> String {
    format!(
        "first {PAYLOAD} answer\n---\nsecond <img src=x onerror=alert(1)> [x](javascript:alert(1)) {PAYLOAD}\n"
    )
}

#[test]
fn a_session_with_escape_sequences_in_its_answers_shows_none_raw() {
    let home = tempfile::tempdir().unwrap();
    let html = home.path().join("r.html");
    for extra in [&["--feedback", "each"][..], &[]] {
        let (code, _, _) = run_clean(
            "session",
            grill(home.path())
                .args(["-n", "2", "--seed", "5"])
                .args(extra)
                .stdin(stdin_of(&evil_answers())),
        );
        assert_eq!(code, 0);
    }
    for args in [
        &["history"][..],
        &["history", "show", "1"],
        &["history", "show", "2"],
        &["report"],
        &["report", "--format", "markdown"],
    ] {
        let (code, out, _) = run_clean(&format!("{args:?}"), grill(home.path()).args(args));
        assert_eq!(code, 0, "{args:?}");
        if args.starts_with(&["history", "show"]) {
            let out = String::from_utf8(out).unwrap();
            assert!(out.contains("first \\u{1b}]0;pwned\\u{7}"), "{out}");
        }
    }
    run_clean(
        "report --html",
        grill(home.path()).args(["report", "--html"]).arg(&html),
    );
    assert_clean("the HTML report", &std::fs::read(&html).unwrap());
    // The saved record keeps the answer as typed, and every JSON output escapes it: C0 as
    // serde does (`\u001b`), C1 as grill does (`\u009b`), so no control reaches a terminal.
    let export = grill(home.path())
        .args(["history", "export"])
        .output()
        .unwrap()
        .stdout;
    assert_clean("history export", &export);
    let doc: Value = serde_json::from_slice(&export).unwrap();
    let answer = doc["sessions"][0]["items"][0]["answer"].as_str().unwrap();
    assert_eq!(answer, format!("first {PAYLOAD} answer"));
    assert!(String::from_utf8_lossy(&export).contains("\\u009b2J"));
    for args in [
        &["history", "show", "1", "--json"][..],
        &["history", "--json"],
        &["report", "--format", "json"],
    ] {
        let (code, out, _) = run_clean(&format!("{args:?}"), grill(home.path()).args(args));
        assert_eq!(code, 0, "{args:?}");
        serde_json::from_slice::<Value>(&out).unwrap();
    }
    // The history as a file to read (the export, a record): escaped, never raw.
    let (code, exported, _) = run_clean("export", grill(home.path()).args(["history", "export"]));
    assert_eq!(code, 0);
    assert_clean("the exported history", &exported);
}

fn stdin_of(text: &str) -> Stdio {
    let (reader, mut writer) = std::io::pipe().unwrap();
    use std::io::Write;
    writer.write_all(text.as_bytes()).unwrap();
    drop(writer);
    Stdio::from(reader)
}

#[test]
fn a_history_record_with_escape_sequences_everywhere_shows_none_raw() {
    // A hand-made (or imported) record: its bank title, chapter, prompts, bullets, matched
    // words and answers all carry the payload.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    let src = fixtures().join("home/sessions/20261108-183000-c3c3.json");
    let mut record: Value = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    poison(&mut record);
    std::fs::write(
        dir.join("20261108-183000-c3c3.json"),
        serde_json::to_string_pretty(&record).unwrap(),
    )
    .unwrap();
    let mut store = Store::open(home.path()).unwrap();
    assert_eq!(
        store.take_migration().map(|m| (m.moved, m.problems)),
        Some((1, vec![]))
    );
    for args in [&["history"][..], &["history", "show", "1"], &["report"]] {
        let (code, _, _) = run_clean(&format!("{args:?}"), grill(home.path()).args(args));
        assert_eq!(code, 0, "{args:?}");
    }
}

/// Appends the payload to every string in `v` but the record's id, times and enum values.
fn poison(v: &mut Value) {
    const KEEP: [&str; 10] = [
        "id",
        "started_at",
        "ended_at",
        "status",
        "outcome",
        "how",
        "input",
        "format",
        "feedback",
        "focus",
    ];
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if !KEEP.contains(&k.as_str()) {
                    poison(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(poison),
        Value::String(s) => s.push_str(PAYLOAD),
        _ => {}
    }
}

/// The fixture bank and sessions with `payload` in the bank's text (the title too, in the
/// sessions as well so they still count), built in memory as no bank file could hold it.
fn readiness_with(payload: &str) -> Readiness {
    let mut bank = Bank::load(&fixtures().join("bank.txt")).unwrap();
    bank.title.push_str(payload);
    for c in &mut bank.chapters {
        c.title.push_str(payload);
        for q in &mut c.questions {
            q.prompt.push_str(payload);
            for b in &mut q.bullets {
                b.push_str(payload);
            }
        }
    }
    let mut sessions = crate::common::fixture_sessions();
    for s in &mut sessions {
        if s.bank.title == "Fixture bank" {
            s.bank.title = bank.title.clone();
        }
        // The missed bullets come from the records, as they were scored.
        for i in &mut s.items {
            i.prompt.push_str(payload);
            for b in &mut i.assessment.bullets {
                b.bullet.push_str(payload);
            }
        }
    }
    let opts = Options {
        filter: Filter::default(),
        thresholds: Thresholds::default(),
        now: "2026-11-24T12:00:00Z".parse().unwrap(),
        tz: jiff::tz::TimeZone::UTC,
    };
    readiness::build(&bank, &sessions, &opts)
}

#[test]
fn report_renderings_show_bank_text_escaped() {
    let r = readiness_with(PAYLOAD);
    assert!(!r.chapters.is_empty() && !r.weakest.is_empty());
    for width in [40, 120] {
        let mut buf = Vec::new();
        grill::view::readiness::text::render(&r, Theme::plain(), width, &mut buf).unwrap();
        assert_clean("text report", &buf);
        assert!(String::from_utf8(buf).unwrap().contains("\\u{1b}]0;pwned"));
    }
    assert_clean("Markdown report", markdown(&r).as_bytes());
    assert_clean("HTML report", html(&r).as_bytes());
}

#[test]
fn bank_and_score_renderings_show_bank_text_escaped() {
    let mut bank = Bank::load(&fixtures().join("bank.txt")).unwrap();
    bank.title.push_str(PAYLOAD);
    for c in &mut bank.chapters {
        c.title.push_str(PAYLOAD);
        for q in &mut c.questions {
            q.prompt.push_str(PAYLOAD);
            for b in &mut q.bullets {
                b.push_str(PAYLOAD);
            }
        }
    }
    let mut buf = Vec::new();
    grill::commands::bank::list(&bank, &[0, 1], 80, Theme::plain(), &mut buf).unwrap();
    grill::commands::bank::show(&bank, 1, 80, Theme::plain(), &mut buf).unwrap();
    grill::commands::bank::chapters(&bank, 80, Theme::plain(), &mut buf).unwrap();
    assert_clean("bank list, show and chapters", &buf);
    let q = &bank.chapters[0].questions[0];
    let scorer = grill::scoring::Scorer::for_bank(&bank);
    let a = scorer.score(
        Some(&q.prompt),
        &q.bullets,
        &format!("pass no-op {PAYLOAD}"),
    );
    let mut table = Vec::new();
    let model = grill::view::score::Scored {
        heading: &q.prompt,
        assessment: &a,
    };
    grill::view::score::render(&model, Theme::plain(), 80, &mut table).unwrap();
    assert_clean("score table", &table);
}

#[test]
fn the_interview_screen_shows_prompt_chapter_and_typed_text_escaped() {
    use grill::session::input::Ask;
    use grill::ui::editor::Editor;
    let prompt = format!("What does {PAYLOAD} do?");
    let chapter = format!("basics{PAYLOAD}");
    let clock = grill::session::clock::SystemClock::new();
    let ask = Ask {
        number: 1,
        count: 2,
        chapter: &chapter,
        prompt: &prompt,
        limit: std::time::Duration::from_secs(60),
        session_ends: false,
        untimed: false,
        clock: &clock,
        asked_at: std::time::Duration::ZERO,
    };
    let mut editor = Editor::new();
    editor.insert_str(&format!("typed {PAYLOAD} pasted"));
    let frame = grill::ui::terminal::compose(
        &ask,
        &editor,
        std::time::Duration::from_secs(50),
        (200, 30),
        Theme::plain(),
    );
    assert_clean("the interview screen", frame.rows.join("\n").as_bytes());
    // What was pasted is on screen; the editor itself keeps no control characters.
    assert!(
        frame
            .rows
            .iter()
            .any(|r| r.contains("typed ") && r.contains("pasted")),
        "{:?}",
        frame.rows
    );
    assert!(!editor.text().contains('\u{1b}'));
}

/// Raw HTML, links, images and autolinks in a bank's text, outside and inside code spans, with
/// a lone backtick and table pipes.
const MARKUP: &str = " <img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](javascript:alert(2)) \
                      <https://evil.example/> <script>alert(3)</script> &lt;b&gt; a|b *em* \
                      `<b>code|</b> [y](javascript:z)` \\`<img src=y onerror=alert(4)>";

#[test]
fn the_markdown_report_passes_no_html_or_links_from_user_text() {
    use pulldown_cmark::{Event, Options as Md, Parser, Tag};
    let r = readiness_with(MARKUP);
    assert!(!r.weakest.is_empty() && !r.practice.questions.is_empty());
    let md = markdown(&r);
    let mut html = String::new();
    let parser = Parser::new_ext(&md, Md::ENABLE_TABLES | Md::ENABLE_STRIKETHROUGH);
    let events: Vec<Event> = parser.collect();
    for e in &events {
        match e {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in:\n{md}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                panic!("a link to {dest_url} in:\n{md}")
            }
            _ => {}
        }
    }
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    // The text is all there, shown as text, and the code span stayed code.
    for shown in [
        "&lt;img src=x onerror=alert(1)&gt; [x](javascript:alert(1))",
        "&lt;https://evil.example/&gt; &lt;script&gt;alert(3)&lt;/script&gt; &amp;lt;b&amp;gt; a|b *em*",
        "<code>&lt;b&gt;code|&lt;/b&gt; [y](javascript:z)</code>",
        "`&lt;img src=y onerror=alert(4)&gt;",
    ] {
        assert!(html.contains(shown), "{shown}\nnot in:\n{html}");
    }
    // Pipes in user text did not split the tables' cells.
    let rows = html.matches("<tr>").count();
    // Two headers, the chapters, the overall row and the weakest questions.
    assert_eq!(rows, 2 + r.chapters.len() + 1 + r.weakest.len(), "{html}");
    assert!(
        html.contains("Tuples suit fixed records. &lt;img"),
        "{html}"
    );
    for row in html.split("<tr>").skip(1) {
        let row = &row[..row.find("</tr>").unwrap()];
        let cells = row.matches("<td").count() + row.matches("<th").count();
        assert_eq!(cells, 6, "{row}");
    }
}

#[test]
fn score_json_and_batch_lines_escape_c1_controls() {
    let home = tempfile::tempdir().unwrap();
    let answer = format!("the GIL {PAYLOAD}");
    let (code, out, _) = run_clean(
        "score --json",
        grill(home.path()).args(["score", "-q", "121", "--json", "-a", &answer]),
    );
    assert_eq!(code, 0);
    serde_json::from_slice::<Value>(&out).unwrap();
    let line = serde_json::json!({"id": PAYLOAD, "reference": ["a thing"], "answer": answer});
    let (code, out, _) = run_clean(
        "score --batch",
        grill(home.path())
            .args(["score", "--batch", "-"])
            .stdin(stdin_of(&format!("{line}\n"))),
    );
    assert_eq!(code, 0);
    let back: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(back["id"], PAYLOAD);
}
