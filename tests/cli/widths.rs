//! Every text view fits the terminal: rendered at 40, 60 and 100 columns (`COLUMNS`), no line
//! is wider than the terminal and no word is broken across lines (see `common::assert_fits`).
//! Each view is compared with the same view at 1000 columns, whose words are all whole.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::common::{WIDTHS, assert_fits, fixtures, grill_in, run};

/// Runs `cmd` with `stdin` written to its standard input; its output.
fn fed(cmd: &mut Command, stdin: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

/// Runs grill with `args` at `width` columns with the fixture history; stdout.
fn view(home: &Path, width: usize, args: &[&str], stdin: Option<&str>) -> String {
    let mut cmd = grill_in(home, width as u16);
    cmd.args(args);
    let out = match stdin {
        None => run(&mut cmd),
        Some(text) => {
            let o = fed(&mut cmd, text);
            (
                o.status.code().unwrap_or(-1),
                String::from_utf8(o.stdout).unwrap(),
                String::from_utf8(o.stderr).unwrap(),
            )
        }
    };
    assert_eq!(out.0, 0, "grill {args:?} at {width}: {}", out.2);
    out.1
}

/// Checks `args` at every width against the same view at 1000 columns.
fn check(home: &Path, args: &[&str], stdin: Option<&str>, extra: &[&str]) {
    let reference = view(home, 1000, args, stdin);
    for width in WIDTHS {
        let shown = view(home, width, args, stdin);
        assert_fits(
            &format!("grill {}", args.join(" ")),
            &shown,
            &reference,
            width,
            extra,
        );
    }
}

fn home() -> tempfile::TempDir {
    crate::common::fixture_home()
}

#[test]
fn history_list_fits() {
    // Below 60 columns each session takes two lines, with words of its own.
    check(
        home().path(),
        &["history"],
        None,
        &["answered,", "score", "·"],
    );
}

#[test]
fn an_empty_history_fits() {
    for args in [&["history"][..], &["review"], &["report"]] {
        check(tempfile::tempdir().unwrap().path(), args, None, &[]);
    }
}

#[test]
fn history_show_fits() {
    check(home().path(), &["history", "show", "3"], None, &[]);
}

#[test]
fn schedule_fits() {
    let bank = fixtures().join("bank.txt");
    let bank = bank.to_str().unwrap();
    // The fixture's answers are weeks old: every question overdue, the forecast all today. The
    // narrow layout stacks each question on lines with words of their own.
    check(
        home().path(),
        &["--bank", bank, "schedule"],
        None,
        &[
            "·",
            "stability",
            "difficulty",
            "recall",
            "review,",
            "reviews,",
            "lapse",
            "lapses",
            "due",
        ],
    );
}

#[test]
fn report_fits() {
    let bank = fixtures().join("bank.txt");
    let bank = bank.to_str().unwrap();
    // Narrow, "not enough data" becomes "too few", explained under the table.
    check(
        home().path(),
        &["--bank", bank, "report"],
        None,
        &["too", "few", "few:", "(fewer", "than", "answered)."],
    );
}

#[test]
fn report_with_ratings_and_a_forecast_fits() {
    // A history made as of one Monday (GRILL_NOW): answers rated against grill's score, so the
    // report lists where they disagree, and questions falling due over the next days, so the
    // forecast has bars of several lengths.
    let home = tempfile::tempdir().unwrap();
    let now = "2026-12-07T09:00:00Z";
    let study = |args: &[&str], stdin: &str| {
        let o = fed(
            grill_in(home.path(), 80).env("GRILL_NOW", now).args(args),
            stdin,
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    study(
        &["study", "--new", "3", "-c", "1"],
        "I do not know\nrating: again\n---\nno idea\nrating: good\n---\nnot sure\nrating: easy\n",
    );
    study(&["study", "--new", "4", "-c", "2"], "pass\nrating: good\n");
    let shown = |width: usize| {
        let (code, out, err) = run(grill_in(home.path(), width as u16)
            .env("GRILL_NOW", "2026-12-07T10:00:00Z")
            .arg("report"));
        assert_eq!(code, 0, "{err}");
        out
    };
    let reference = shown(1000);
    assert!(reference.contains("disagree most"), "{reference}");
    assert!(reference.contains("Due in the next 14 days"), "{reference}");
    for width in WIDTHS {
        assert_fits(
            "grill report with ratings and a forecast",
            &shown(width),
            &reference,
            width,
            &["too", "few", "few:", "(fewer", "than", "answered)."],
        );
    }
}

#[test]
fn score_fits() {
    check(
        home().path(),
        &[
            "score",
            "-q",
            "57",
            "--answer",
            "yield suspends the generator and return raises StopIteration",
        ],
        None,
        &[],
    );
}

#[test]
fn bank_views_fit() {
    for args in [
        &["bank", "list", "-c", "functions"][..],
        &["bank", "show", "57"],
        &["bank", "chapters"],
        &["bank", "search", "generator"],
    ] {
        check(home().path(), args, None, &["QUESTIONS"]);
    }
}

#[test]
fn dry_run_fits() {
    let home = tempfile::tempdir().unwrap();
    let args = ["start", "-n", "5", "--seed", "7", "--dry-run"];
    // Narrow, each question takes two lines: `1. Q138 · concurrency`, then the prompt.
    let reference = view(home.path(), 1000, &args, None);
    let mut extra: Vec<String> = (1..=5).map(|n| format!("{n}.")).collect();
    extra.extend(
        reference
            .lines()
            .skip(1)
            .filter_map(|l| l.split_whitespace().nth(1))
            .map(|id| format!("Q{id}")),
    );
    extra.push("·".into());
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    for width in WIDTHS {
        let shown = view(home.path(), width, &args, None);
        assert_fits("grill start --dry-run", &shown, &reference, width, &extra);
    }
}

/// The id of the one session saved in `home`.
fn saved_id(home: &Path) -> String {
    crate::common::history(home)[0].id.clone()
}

#[test]
fn piped_session_report_fits() {
    let answers = "A list is mutable and a tuple is immutable, so tuples can be dict keys.\n---\nI do not know.\n---\nGenerators yield values lazily and keep their state between calls.\n";
    for width in WIDTHS {
        // A fresh history each time, so each report is of a first session.
        let wide_home = tempfile::tempdir().unwrap();
        let args = ["start", "-n", "3", "--seed", "42"];
        let reference = view(wide_home.path(), 1000, &args, Some(answers));
        let home = tempfile::tempdir().unwrap();
        let shown = view(home.path(), width, &args, Some(answers));
        // The session's id differs between the two runs: the reference's id stands in for it.
        let shown = shown.replace(&saved_id(home.path()), &saved_id(wide_home.path()));
        // A command too long for the width is broken between words with a shell continuation.
        assert_fits(
            "a piped session's report",
            &shown,
            &reference,
            width,
            &["\\"],
        );
    }
}

#[test]
fn a_cjk_bank_wraps_by_display_width() {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("cjk.txt");
    std::fs::write(
        &bank,
        "# 基础: 语言基础\nQ1. 列表和元组有什么区别？请说明可变性、性能以及各自适合的使用场景。\n- 列表是可变的，元组是不可变的，因此元组可以作为字典的键并且在多线程中更安全。\n- Tuples are immutable and hashable.\n",
    )
    .unwrap();
    let bank = bank.to_str().unwrap();
    for args in [
        &["--bank", bank, "bank", "show", "1"][..],
        &["--bank", bank, "bank", "chapters"],
        &["--bank", bank, "bank", "list"],
    ] {
        let reference = view(dir.path(), 1000, args, None);
        for width in WIDTHS {
            let shown = view(dir.path(), width, args, None);
            assert_fits("a CJK bank", &shown, &reference, width, &["QUESTIONS"]);
        }
    }
    // At 40 columns the 40-character bullet (80 columns) takes three lines, each up to 40 columns.
    let shown = view(dir.path(), 40, &["--bank", bank, "bank", "show", "1"], None);
    assert!(
        shown.contains("\n  - 列表是可变的，元组是不可变的，因此元\n    组可以"),
        "{shown}"
    );
}

/// stdout and stderr of grill with `args` and `stdin` at `width` columns.
fn both(home: &Path, width: usize, args: &[&str], stdin: &str) -> (String, String) {
    // One fixed clock: the runs at each width say the same times ("due in 10 min") as the
    // reference run, whenever they happen.
    let o = fed(
        grill_in(home, width as u16)
            .env("GRILL_NOW", "2026-12-01T12:00:00Z")
            .args(args),
        stdin,
    );
    assert!(o.status.success(), "grill {args:?} at {width}");
    (
        String::from_utf8(o.stdout).unwrap(),
        String::from_utf8(o.stderr).unwrap(),
    )
}

#[test]
fn review_and_study_messages_fit() {
    let runs = |width: usize| {
        let home = tempfile::tempdir().unwrap();
        let session = ["start", "-n", "2", "--seed", "42"];
        both(home.path(), width, &session, "an answer\n---\nanother\n");
        let id = saved_id(home.path());
        // Stopped after one rating: the summary says what is left.
        let review = both(home.path(), width, &["review"], "good\n");
        // The day's new questions used up: nothing to study.
        let nothing = both(home.path(), width, &["study", "--new", "2"], "");
        let study = both(home.path(), width, &["study", "--new", "3"], "an answer\n");
        // Nothing typed: nothing saved, and each says so.
        let unsaved = both(home.path(), width, &["study", "--new", "4"], "");
        let untyped = both(home.path(), width, &["-n", "1", "--seed", "9"], "");
        let id2 = saved_id_other_than(home.path(), &id);
        let mut out = Vec::new();
        for (o, e) in [review, nothing, study, unsaved, untyped] {
            out.push(o);
            out.push(e);
        }
        (out, id, id2)
    };
    let (reference, ref_id, ref_id2) = runs(1000);
    let reference = reference.join("\n");
    for width in WIDTHS {
        let (views, id, id2) = runs(width);
        for shown in views {
            let shown = shown.replace(&id, &ref_id).replace(&id2, &ref_id2);
            assert_fits("review and study", &shown, &reference, width, &[]);
        }
    }
}

/// The id of the session saved in `home` that is not `other`.
fn saved_id_other_than(home: &Path, other: &str) -> String {
    crate::common::history(home)
        .into_iter()
        .map(|s| s.id)
        .find(|s| s != other)
        .unwrap()
}
