//! `grill report` over a history made through the binary at fixed times (`GRILL_NOW`): the
//! answers where the candidate's rating and grill's score disagree, and the forecast of what
//! falls due, in every form of the report (JSON, text, Markdown, the HTML page).

use std::path::Path;

use serde_json::Value;

use crate::common::{self, fixtures};

/// The time every history here is made at, and the report an hour later.
const MONDAY: &str = "2026-12-07T09:00:00Z";
const LATER: &str = "2026-12-07T10:00:00Z";

/// grill as of `now` with its history in `home`.
fn at(home: &Path, now: &str) -> common::Grill {
    let mut g = common::grill_at(home, 80);
    g.env("GRILL_NOW", now);
    g
}

fn stdout(g: &mut assert_cmd::Command) -> String {
    let out = g.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

/// Monday 09:00: three new questions of chapter 1 answered "I do not know" (grill scores them
/// 0 and suggests again) and rated again, good and easy; then one of chapter 2, rated good.
fn monday(home: &Path) {
    stdout(
        at(home, MONDAY)
            .args(["study", "--new", "3", "-c", "1"])
            .write_stdin(
                "I do not know\nrating: again\n---\nI do not know\nrating: good\n---\nI do not know\nrating: easy\n",
            ),
    );
    stdout(
        at(home, MONDAY)
            .args(["study", "--new", "4", "-c", "2"])
            .write_stdin("I do not know\nrating: good\n"),
    );
}

fn json(home: &Path, args: &[&str]) -> Value {
    let out = stdout(
        at(home, LATER)
            .args(["report", "--format", "json"])
            .args(args),
    );
    serde_json::from_str(&out).unwrap()
}

/// The report's page, written with `args`.
fn page(home: &Path, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.html");
    stdout(
        at(home, LATER)
            .args(["report", "--html"])
            .arg(&file)
            .args(args),
    );
    std::fs::read_to_string(&file).unwrap()
}

fn dues(v: &Value) -> Vec<u64> {
    v["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["due"].as_u64().unwrap())
        .collect()
}

#[test]
fn the_answers_whose_rating_and_score_disagree_are_in_every_form() {
    let home = tempfile::tempdir().unwrap();
    monday(home.path());
    let r = json(home.path(), &[]);
    let d = r["disagreements"].as_array().unwrap();
    // The one rated again agrees with grill; easy is furthest from a score of 0, then the goods.
    let rated: Vec<(&str, &str)> = d
        .iter()
        .map(|d| {
            (
                d["rating"].as_str().unwrap(),
                d["suggested"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rated,
        [("easy", "again"), ("good", "again"), ("good", "again")]
    );
    let html = page(home.path(), &[]);
    assert!(
        html.contains("<h2>Your rating and grill's score disagree most</h2>"),
        "{html}"
    );
    let md = stdout(at(home.path(), LATER).args(["report", "--format", "markdown"]));
    assert!(
        md.contains("## Your rating and grill's score disagree most"),
        "{md}"
    );
    let text = stdout(at(home.path(), LATER).arg("report"));
    for d in d {
        let (id, session) = (&d["id"], d["session"].as_str().unwrap());
        let prompt = d["prompt"].as_str().unwrap();
        let score = d["score"].as_f64().unwrap().round();
        let (rating, suggested) = (&d["rating"].as_str().unwrap(), &d["suggested"]);
        let suggested = suggested.as_str().unwrap();
        // Session, question, score and rating, as the text report says them.
        let line = format!(
            "<li>Q{id} scored <strong>{score}</strong> (grill suggests {suggested}), you rated <strong>{rating}</strong>: "
        );
        let item = html
            .lines()
            .find(|l| l.starts_with(&line))
            .unwrap_or_else(|| panic!("{line}\n{html}"));
        assert!(item.contains(&format!("(session <span class=\"id\">{session}</span>)")));
        assert!(
            item.contains(&grill::view::readiness::html::escape(prompt)),
            "{item}"
        );
        let row = format!("| {id} | {score} | {suggested} | {rating} | `{session}` | ");
        assert!(md.contains(&row), "{row}\n{md}");
        let said = format!("Q{id} scored {score} (grill suggests {suggested}), you rated {rating}");
        assert!(text.contains(&said), "{said}\n{text}");
    }
}

/// A control character as text, as `output::visible` shows it, never raw.
const CONTROLS: &str = "\u{1b}]0;pwned\u{7} \u{9b}2J";

#[test]
fn a_hostile_prompt_in_the_disagreements_is_escaped() {
    // A hand-made (or imported) record: its prompts hold markup and control characters, and
    // every answer is rated again, so those grill scored 50 and above disagree.
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    let name = "20261108-183000-c3c3.json";
    let src = fixtures().join("home/sessions").join(name);
    let mut record: Value = serde_json::from_str(&std::fs::read_to_string(src).unwrap()).unwrap();
    for item in record["items"].as_array_mut().unwrap() {
        let prompt = item["prompt"].as_str().unwrap().to_string();
        item["prompt"] =
            format!("{prompt} <script>alert(1)</script> <b onclick=x>{CONTROLS}").into();
        if item["outcome"] != "unanswered" {
            item["rating"] = "again".into();
        }
    }
    std::fs::write(dir.join(name), serde_json::to_string(&record).unwrap()).unwrap();
    let bank = fixtures().join("bank.txt");
    let g = |args: &[&str]| {
        let mut g = at(home.path(), LATER);
        g.arg("--bank").arg(&bank).args(args);
        g
    };
    let r: Value = serde_json::from_str(&stdout(&mut g(&["report", "--format", "json"]))).unwrap();
    assert!(!r["disagreements"].as_array().unwrap().is_empty(), "{r}");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("r.html");
    stdout(g(&["report", "--html"]).arg(&file));
    let html = std::fs::read_to_string(&file).unwrap();
    let section = &html[html
        .find("<h2>Your rating and grill's score disagree most</h2>")
        .expect("the section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=x&gt;\\u{1b}]0;pwned\\u{7} \\u{9b}2J"),
        "{section}"
    );
    let md = stdout(&mut g(&["report", "--format", "markdown"]));
    let md_section = &md[md
        .find("## Your rating and grill's score disagree most")
        .expect("the section")..];
    assert!(
        md_section.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b onclick=x&gt;"),
        "{md_section}"
    );
    for (what, shown) in [("HTML", &html), ("Markdown", &md)] {
        assert!(!shown.contains("<script"), "{what}: {shown}");
        assert!(!shown.contains("<b onclick"), "{what}: {shown}");
        let raw = shown
            .chars()
            .find(|c| c.is_control() && *c != '\n' && *c != '\t');
        assert_eq!(raw, None, "{what}: a raw control character");
    }
}

#[test]
fn the_forecast_counts_what_falls_due_each_day_in_the_json_and_the_page() {
    let home = tempfile::tempdir().unwrap();
    monday(home.path());
    // Rated again at 09:00: due at 09:10, today. Good (chapters 1 and 2): Wednesday. Easy: a
    // week later, the 15th.
    let r = json(home.path(), &[]);
    let want = [1, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0];
    assert_eq!(dues(&r), want, "{r}");
    assert_eq!(r["forecast"][0]["date"], "2026-12-07");
    assert_eq!(r["forecast"][13]["date"], "2026-12-20");
    assert_eq!(r["format"], 1);
    // The same days `grill schedule` forecasts.
    let s: Value =
        serde_json::from_str(&stdout(at(home.path(), LATER).args(["schedule", "--json"]))).unwrap();
    assert_eq!(r["forecast"], s["forecast"]);
    // --chapter keeps its chapters' questions only; --last chooses what is judged, not what
    // falls due.
    let ch1 = json(home.path(), &["--chapter", "1"]);
    assert_eq!(dues(&ch1), [1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    assert_eq!(dues(&json(home.path(), &["--last", "1"])), want);

    // The page: a column a day, its count and its bar's height against the busiest day's.
    let html = page(home.path(), &[]);
    assert!(html.contains("<h2>Due in the next 14 days</h2>"), "{html}");
    assert!(html.contains("<p>1 due today (overdue included), 4 in the next 14 days.</p>"));
    assert_eq!(html.matches("<span class=\"fill\"").count(), 14);
    let counts: Vec<u64> = html
        .split("<span class=\"count\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(counts, want);
    let heights: Vec<&str> = html
        .split("<span class=\"fill\" style=\"height: ")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert_eq!(heights[..3], ["50.0%", "0.0%", "100.0%"]);
    assert!(html.contains("<li class=\"today\" title=\"2026-12-07: 1 due\">"));
    assert!(html.contains("title=\"2026-12-15: 1 due\"><span class=\"count\">1</span>"));
    assert!(!html.contains("<script") && !html.contains("<svg class=\"chart forecast"));
    let page_ch1 = page(home.path(), &["--chapter", "1"]);
    assert!(page_ch1.contains("<p>1 due today (overdue included), 3 in the next 14 days.</p>"));

    // Text and Markdown: the day's bars, as `grill schedule` draws them.
    let text = stdout(at(home.path(), LATER).arg("report"));
    assert!(text.contains("\nDue in the next 14 days\n  1 due today (overdue included), 4 in the next 14 days.\n  Mon 12-07  "), "{text}");
    assert!(
        text.contains("  Wed 12-09  ████████████████████████████████████████ 2\n"),
        "{text}"
    );
    let md = stdout(at(home.path(), LATER).args(["report", "--format", "markdown"]));
    assert!(md.contains("## Due in the next 14 days\n\n1 due today (overdue included), 4 in the next 14 days.\n\n```text\n  Mon 12-07  "), "{md}");
}

#[test]
fn a_report_with_nothing_due_says_so() {
    // Only chapter 3, never answered: nothing of it is scheduled.
    let home = tempfile::tempdir().unwrap();
    monday(home.path());
    let r = json(home.path(), &["--chapter", "3"]);
    assert_eq!(dues(&r), [0; 14]);
    let text = stdout(at(home.path(), LATER).args(["report", "--chapter", "3"]));
    assert!(
        text.contains("Nothing falls due in the next 14 days."),
        "{text}"
    );
    assert!(!text.contains("Mon 12-07"), "{text}");
    let html = page(home.path(), &["--chapter", "3"]);
    assert!(html.contains("<p>Nothing falls due in the next 14 days.</p>"));
    assert!(!html.contains("<ol class=\"forecast\""));
}
