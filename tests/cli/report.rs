//! `grill report` and the practice rule, from fixture history files.
//!
//! `tests/fixtures/home/sessions/` holds five hand-made sessions: four of the fixture bank
//! (`tests/fixtures/bank.txt`: chapters basics, data, async, extra) and one of another bank.
//! Latest scores: basics 95 75 70 85 80 (mean 81, ready), data 60 55 45 50 65 (55, close), async
//! 50 60 40 25 and 15 never reached (43.75, not yet), extra unseen (not enough data).

use std::path::Path;
use std::process::Command;

use grill::bank::Bank;
use grill::history::record::SessionRecord;
use grill::output::Theme;
use grill::readiness::{self, Filter, Options, Readiness, Thresholds, Verdict};

use crate::common;

use crate::common::{fixtures, run};
use grill::fsrs::Scheduler;

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

fn bank() -> Bank {
    Bank::load(&fixtures().join("bank.txt")).unwrap()
}

fn sessions() -> Vec<SessionRecord> {
    let sessions = crate::common::fixture_sessions();
    assert_eq!(sessions.len(), 5);
    sessions
}

fn now() -> jiff::Timestamp {
    "2026-11-24T12:00:00Z".parse().unwrap()
}

fn opts(filter: Filter, thresholds: Thresholds) -> Options {
    Options {
        filter,
        thresholds,
        now: now(),
        tz: jiff::tz::TimeZone::UTC,
    }
}

fn build(filter: Filter) -> Readiness {
    readiness::build(&bank(), &sessions(), &opts(filter, Thresholds::default()))
}

fn text(r: &Readiness, width: usize) -> String {
    let mut buf = Vec::new();
    grill::view::readiness::text::render(r, Theme::plain(), width, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn chapter<'a>(r: &'a Readiness, id: &str) -> &'a readiness::ChapterReadiness {
    r.chapters.iter().find(|c| c.id == id).unwrap()
}

/// `grill` with a temporary-free, read-only GRILL_HOME (report never writes) and UTC dates.
fn grill(home: &Path) -> Command {
    let mut cmd = common::grill_in(home, 80);
    cmd.arg("--bank").arg(fixtures().join("bank.txt"));
    cmd
}

#[test]
fn text_report_snapshot() {
    insta::assert_snapshot!(text(&build(Filter::default()), 80));
}

#[test]
fn json_report_snapshot() {
    insta::assert_snapshot!(grill::output::json("the report", &build(Filter::default())).unwrap());
}

#[test]
fn markdown_report_snapshot() {
    insta::assert_snapshot!(markdown(&build(Filter::default())));
}

#[test]
fn figures_use_each_questions_latest_score() {
    let r = build(Filter::default());
    let basics = chapter(&r, "basics");
    // Q1 scored 90 then 95: the 95 counts. (95 + 75 + 70 + 85 + 80) / 5.
    assert_eq!((basics.seen, basics.questions), (5, 5));
    assert_eq!(basics.mean, Some(81.0));
    assert_eq!(basics.verdict, Verdict::Ready);
    let data = chapter(&r, "data");
    assert_eq!(data.mean, Some(55.0));
    assert_eq!(data.verdict, Verdict::Close);
    // Q15 was drawn but never reached: not seen. (50 + 60 + 40 + 25) / 4 = 43.75, shown and
    // judged as 44.
    let asyn = chapter(&r, "async");
    assert_eq!((asyn.seen, asyn.mean), (4, Some(44.0)));
    assert_eq!(asyn.verdict, Verdict::NotYet);
    let extra = chapter(&r, "extra");
    assert_eq!((extra.seen, extra.mean), (0, None));
    assert_eq!(extra.verdict, Verdict::NotEnoughData);
    // Overall: 14 questions; not enough data while `extra` has none.
    assert_eq!((r.overall.seen, r.overall.questions), (14, 18));
    assert_eq!(r.overall.verdict, Verdict::NotEnoughData);
    assert_eq!(r.overall.lacking, ["extra"]);
    // The other bank's session is left out, and said to be.
    assert_eq!((r.sessions.used, r.sessions.other_banks), (4, 1));
}

#[test]
fn trend_is_the_chapters_mean_in_each_session() {
    let r = build(Filter::default());
    let asyn: Vec<(String, f64)> = chapter(&r, "async")
        .trend
        .iter()
        .map(|p| (p.date.clone(), p.mean))
        .collect();
    assert_eq!(
        asyn,
        [
            ("2026-11-01".to_string(), 25.0),
            ("2026-11-04".to_string(), 45.0),
            ("2026-11-08".to_string(), 25.0),
            ("2026-11-12".to_string(), 60.0),
        ]
    );
}

#[test]
fn a_trend_keeps_the_latest_sessions_only() {
    // A history of thousands of sessions makes a report of bounded size: each chapter's trend
    // is its last TREND_KEPT sessions.
    let base = sessions();
    let n = 2 * readiness::TREND_KEPT;
    let many: Vec<SessionRecord> = (0..n)
        .map(|k| {
            let mut s = base[k % base.len()].clone();
            s.id = format!("s{k:04}");
            s.started_at = "2026-01-01T00:00:00Z"
                .parse::<jiff::Timestamp>()
                .unwrap()
                .checked_add(jiff::SignedDuration::from_hours(k as i64))
                .unwrap();
            s
        })
        .collect();
    let r = readiness::build(
        &bank(),
        &many,
        &opts(Filter::default(), Thresholds::default()),
    );
    let trend = &chapter(&r, "async").trend;
    assert_eq!(trend.len(), readiness::TREND_KEPT);
    let last_async = many
        .iter()
        .rev()
        .find(|s| s.items.iter().any(|i| i.chapter == "async"))
        .unwrap();
    assert_eq!(trend.last().unwrap().session, last_async.id);
    assert!(trend.windows(2).all(|w| w[0].session < w[1].session));
}

#[test]
fn most_missed_bullets_and_weakest_questions() {
    let r = build(Filter::default());
    let top = &chapter(&r, "async").missed[0];
    assert_eq!(
        (top.question, top.bullet.as_str(), top.missed, top.answers),
        (11, "I/O releases the GIL.", 2, 2)
    );
    let weakest: Vec<(u32, f64)> = r.weakest.iter().map(|q| (q.id, q.latest)).collect();
    assert_eq!(
        weakest,
        [(14, 25.0), (13, 40.0), (8, 45.0), (9, 50.0), (11, 50.0)]
    );
}

#[test]
fn verdicts_at_just_below_and_without_enough_data() {
    let at = |ready: f64, min: usize| {
        let th = Thresholds::new(ready, 50.0, min).unwrap();
        let r = readiness::build(&bank(), &sessions(), &opts(Filter::default(), th));
        chapter(&r, "basics").verdict
    };
    // basics is exactly 81.0.
    assert_eq!(at(81.0, 3), Verdict::Ready);
    assert_eq!(at(81.1, 3), Verdict::Close);
    assert_eq!(at(81.0, 5), Verdict::Ready);
    assert_eq!(at(81.0, 6), Verdict::NotEnoughData);
}

#[test]
fn overall_verdict_over_the_chosen_chapters() {
    let r = build(Filter {
        chapters: vec![0, 1],
        ..Filter::default()
    });
    assert_eq!(r.chapters.len(), 2);
    // (405 + 275) / 10.
    assert_eq!(r.overall.mean, Some(68.0));
    assert_eq!(r.overall.verdict, Verdict::Close);
    assert_eq!(
        r.practice.command,
        "grill start --focus due --chapter basics --chapter data"
    );
}

#[test]
fn last_and_since_choose_sessions() {
    let r = build(Filter {
        last: Some(1),
        ..Filter::default()
    });
    assert_eq!((r.sessions.used, r.sessions.filtered_out), (1, 3));
    assert_eq!(chapter(&r, "basics").seen, 2);
    // 77.5, halves up.
    assert_eq!(chapter(&r, "basics").mean, Some(78.0));
    let r = build(Filter {
        since: Some(jiff::civil::date(2026, 11, 8)),
        ..Filter::default()
    });
    assert_eq!(r.sessions.used, 2);
    assert_eq!(r.sessions.first.as_deref(), Some("2026-11-08"));
    assert_eq!(chapter(&r, "async").seen, 2);
    // Both: since the 4th, then the last 2 of those.
    let r = build(Filter {
        since: Some(jiff::civil::date(2026, 11, 4)),
        last: Some(2),
        ..Filter::default()
    });
    assert_eq!(r.sessions.first.as_deref(), Some("2026-11-08"));
    let r = build(Filter {
        since: Some(jiff::civil::date(2026, 12, 1)),
        ..Filter::default()
    });
    assert_eq!(r.empty, Some(readiness::Empty::FilteredOut));
}

#[test]
fn weak_plan_puts_failed_questions_before_unseen_ones() {
    let bank = bank();
    let sessions = sessions();
    let scheduler = Scheduler::default();
    let seen = grill::practice::seen(&bank, &sessions, &scheduler);
    let plan = grill::practice::weak(&bank, &[0, 1, 2, 3], &seen, &scheduler, now());
    assert_eq!(plan.len(), 18);
    // Every question whose latest answer rated again or hard comes before every unseen one.
    let failing = plan
        .iter()
        .take_while(|id| {
            seen.get(id)
                .is_some_and(|s| s.latest < grill::practice::GOOD)
        })
        .count();
    assert!(failing >= 3, "{plan:?}");
    let first_unseen = plan.iter().position(|id| !seen.contains_key(id)).unwrap();
    assert!(
        plan[first_unseen..].iter().all(|id| !seen.contains_key(id)),
        "{plan:?}"
    );
    // After the failed ones, the rest of the seen questions go from least to most recalled.
    let recall: Vec<f64> = plan[failing..first_unseen]
        .iter()
        .map(|id| seen[id].retrievability(&scheduler, now()))
        .collect();
    assert!(recall.windows(2).all(|w| w[0] <= w[1]), "{recall:?}");
    assert!(recall.len() >= 3, "{plan:?}");
}

#[test]
fn report_practises_the_due_queue_first() {
    let bank = bank();
    let sessions = sessions();
    let scheduler = Scheduler::default();
    let seen = grill::practice::seen(&bank, &sessions, &scheduler);
    let queue = grill::practice::queue(&bank, &[0, 1, 2, 3], &seen, &scheduler, now(), 10);
    assert!(!queue.due.is_empty());
    let r = build(Filter::default());
    let next: Vec<u32> = r.practice.questions.iter().map(|q| q.id).collect();
    assert_eq!(next, queue.order()[..5]);
    assert_eq!(r.practice.due_now, queue.due.len());
    // A due question carries its memory state and due date; it comes before any new one.
    let first = &r.practice.questions[0];
    assert!(first.stability.is_some() && first.difficulty.is_some() && first.due.is_some());
    assert!(first.due_at.unwrap() <= now());
}

#[test]
fn narrow_terminal_keeps_every_line_within_width() {
    let r = build(Filter::default());
    for width in [50, 60, 72] {
        let t = text(&r, width);
        for line in t.lines() {
            assert!(
                grill::output::width(line) <= width,
                "{width}: {line:?} is {} wide",
                grill::output::width(line)
            );
        }
    }
    // Bars make way for the figures in 50 columns; at 60 and 80 they are drawn.
    assert!(!text(&r, 50).contains('░'));
    assert!(text(&r, 60).contains('░'));
    assert!(text(&r, 80).contains('░'));
}

/// The fixture report with the embedded bank's long title and chapter ids.
fn with_long_names() -> Readiness {
    let mut r = build(Filter::default());
    r.bank = "Python developer interview guide".into();
    let ids = [
        "data-structures",
        "fundamentals",
        "architecture",
        "files-data",
    ];
    for (c, id) in r.chapters.iter_mut().zip(ids) {
        c.id = id.into();
        c.title = format!("{id} and more words in a long title");
    }
    for q in r.weakest.iter_mut() {
        q.chapter = "data-structures".into();
    }
    for q in r.practice.questions.iter_mut() {
        q.chapter = "data-structures".into();
    }
    r
}

#[test]
fn long_names_fit_40_60_and_100_columns() {
    let r = with_long_names();
    for width in [40, 60, 100] {
        for theme in [Theme::plain(), Theme { color: true }] {
            let mut buf = Vec::new();
            grill::view::readiness::text::render(&r, theme, width, &mut buf).unwrap();
            let out = String::from_utf8(buf).unwrap();
            let plain = console::strip_ansi_codes(&out);
            for line in plain.lines() {
                assert!(
                    grill::output::width(line) <= width,
                    "{width}: {line:?} is {} wide\n{plain}",
                    grill::output::width(line)
                );
            }
            // One line per chapter, with its verdict.
            for c in &r.chapters {
                let cut: String = c.id.chars().take(8).collect();
                let row = plain
                    .lines()
                    .find(|l| l.contains(&cut) && l.contains('/'))
                    .unwrap_or_else(|| panic!("{width}: no row for {}\n{plain}", c.id));
                let verdict = if width < 50 {
                    c.verdict.short_label()
                } else {
                    c.verdict.label()
                };
                assert!(row.trim_end().ends_with(verdict), "{width}: {row}");
            }
        }
    }
    let t40 = text(&r, 40);
    assert!(!t40.contains("TREND") && !t40.contains('░'), "{t40}");
    assert!(t40.contains("too few: not enough data"), "{t40}");
    let t60 = text(&r, 60);
    assert!(t60.contains("TREND"), "{t60}");
    assert!(text(&r, 100).contains('░'));
}

#[test]
fn html_is_self_contained_with_a_bar_per_chapter_and_a_chart_each() {
    let r = build(Filter::default());
    let html = html(&r);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<style>"));
    assert!(!html.contains("<script"), "no scripts at all");
    assert!(
        !html.contains("http:") && !html.contains("https:"),
        "no URLs"
    );
    assert!(!html.contains("<link"), "no external stylesheets");
    assert!(!html.contains("<img"), "charts are inline SVG and CSS");
    // One bar chart (HTML bars, so text keeps its size on a phone), then one score-over-time
    // chart per chapter.
    assert_eq!(html.matches("<span class=\"bar ").count(), r.chapters.len());
    assert_eq!(html.matches("<div class=\"bars\"").count(), 1);
    assert!(html.contains("<span class=\"bar ready\" style=\"width: 81.0%\">"));
    assert_eq!(
        html.matches("<svg class=\"chart trend\"").count(),
        r.chapters.len()
    );
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    // Points: one per session that asked the chapter.
    let points: usize = r.chapters.iter().map(|c| c.trend.len()).sum();
    assert_eq!(html.matches("<circle class=\"dot").count(), points);
    assert!(html.contains(&grill::view::readiness::html::escape(&r.rule)));
    assert!(html.contains("What to practise next"));
}

#[test]
fn html_bar_chart_fits_a_phone_and_long_labels_are_cut_by_css() {
    let mut r = build(Filter::default());
    r.chapters[1].title = "Testing, debugging, profiling and code quality at scale".into();
    let html = html(&r);
    let labels: Vec<&str> = html
        .lines()
        .filter(|l| l.starts_with("<span class=\"bar-label\""))
        .collect();
    assert_eq!(labels.len(), r.chapters.len());
    // The whole title is in the page (its tooltip too); CSS cuts it with an ellipsis when the
    // column is too narrow, rather than the text shrinking with a scaled SVG.
    assert!(
        labels[1].starts_with(
            "<span class=\"bar-label\" title=\"Testing, debugging, profiling and code quality at scale\">Testing, debugging, profiling and code quality at scale</span>"
        ),
        "{}",
        labels[1]
    );
    assert!(html.contains(".bar-label { text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }"));
    // No fixed minimum width in a sideways-scrolling box; on a narrow screen each label goes
    // above its bar, and the weakest-questions table keeps dates and ids on one line.
    assert!(!html.contains("min-width: 600px"));
    assert!(html.contains("@media (max-width: 600px)"));
    assert!(html.contains(".track, .scale { grid-column: 1 / -1; }"));
    assert!(
        html.contains("<td class=\"nowrap wide\">2026-11-"),
        "{html}"
    );
    // Score-over-time cards: the verdict badge keeps its size when the title wraps.
    assert!(html.contains("figcaption .badge { flex: none; align-self: flex-start;"));
}

/// The page's CSS rules as (selector, declarations), nested ones (in `@media`) included and
/// comments left out: no brace appears in a value of grill's stylesheet.
fn css_rules(html: &str) -> Vec<(String, String)> {
    let mut css =
        html[html.find("<style>").unwrap() + 7..html.find("</style>").unwrap()].to_string();
    while let Some(open) = css.find("/*") {
        let close = open + css[open..].find("*/").unwrap() + 2;
        css.replace_range(open..close, "");
    }
    let mut rules = Vec::new();
    let mut selector: Option<String> = None;
    let mut text = String::new();
    for c in css.chars() {
        match c {
            '{' => selector = Some(std::mem::take(&mut text)),
            '}' => {
                if let Some(sel) = selector.take() {
                    rules.push((sel.trim().to_string(), text.trim().to_string()));
                }
                text.clear();
            }
            _ => text.push(c),
        }
    }
    rules
}

#[test]
fn html_verdict_pills_never_wrap_inside() {
    // At 390 px a phone's chapter table once broke "not enough data" mid-word ("not enou /
    // gh data"): a rule for phones let the pill wrap, and the last cell broke anywhere.
    let html = html(&build(Filter::default()));
    let rules = css_rules(&html);
    let badge: Vec<&(String, String)> =
        rules.iter().filter(|(s, _)| s.contains(".badge")).collect();
    assert!(
        badge.iter().any(|(s, d)| s == ".badge"
            && d.contains("white-space: nowrap")
            && d.contains("overflow-wrap: normal")),
        "{badge:?}"
    );
    for (s, d) in &badge {
        for decl in d.split(';').map(str::trim) {
            if let Some(v) = decl.strip_prefix("white-space:") {
                assert_eq!(v.trim(), "nowrap", "{s} {{ {d} }}");
            }
            if let Some(v) = decl.strip_prefix("overflow-wrap:") {
                assert_eq!(v.trim(), "normal", "{s} {{ {d} }}");
            }
        }
    }
    // A table too narrow for its pills scrolls in its own box, not the page.
    assert!(
        rules
            .iter()
            .any(|(s, d)| s == ".scroll" && d.contains("overflow-x: auto"))
    );
    assert_eq!(
        html.matches("<table>").count(),
        html.matches("<div class=\"scroll\"><table>").count()
    );
    assert!(html.contains("<span class=\"badge no-data\">not enough data</span>"));
}

#[test]
fn html_escapes_the_banks_text() {
    let mut b = bank();
    b.title = "<script>alert(1)</script> & co".into();
    let mut s = sessions();
    for x in &mut s {
        x.bank.title = b.title.clone();
    }
    let r = readiness::build(&b, &s, &opts(Filter::default(), Thresholds::default()));
    let html = html(&r);
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
}

#[test]
fn binary_report_in_every_format() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let (code, out, err) = run(grill(&home).arg("report"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Readiness: Fixture bank\n4 sessions"),
        "{out}"
    );
    assert!(out.contains(" 1  basics"), "{out}");
    assert!(out.contains("Rule: a chapter's score is the mean"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour in a pipe");

    let (code, out, _) = run(grill(&home).args(["report", "--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["chapters"][0]["mean"], 81.0);
    assert_eq!(v["chapters"][2]["verdict"], "not-yet");

    let (code, out, _) = run(grill(&home).args(["report", "--format", "markdown"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("# Readiness: Fixture bank"), "{out}");
    assert!(
        out.contains("| 1 | Basics (`basics`) | 5/5 | 81 |"),
        "{out}"
    );
}

#[test]
fn binary_filters_and_thresholds() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let (code, out, err) = run(grill(&home).args([
        "report",
        "--chapter",
        "async",
        "--last",
        "2",
        "--ready",
        "40",
        "--close",
        "30",
    ]));
    assert_eq!(code, 0, "{err}");
    // The last two sessions asked async Q14 (25) and Q12 (60): 42.5, shown as 43 (halves up),
    // ready at 40 but too few.
    assert!(out.contains("2/5     43"), "{out}");
    assert!(out.contains("not enough data"), "{out}");
    assert!(!out.contains("basics"), "{out}");
    let flat = out.replace('\n', " ");
    assert!(
        flat.contains("ready at 40 and above, close from 30"),
        "{out}"
    );
    let (_, out, _) = run(grill(&home).args([
        "report",
        "--chapter",
        "async",
        "--since",
        "2026-11-04",
        "--min-questions",
        "2",
    ]));
    assert!(
        out.contains("3 sessions, 2026-11-04 to 2026-11-12"),
        "{out}"
    );
    assert!(out.contains(" 3  async     4/5     44"), "{out}");
}

#[test]
fn binary_rejects_bad_thresholds_and_dates() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    for (args, msg) in [
        (
            &["--ready", "60", "--close", "70"][..],
            "--close 70 is above --ready 60",
        ),
        (&["--ready", "101"][..], "--ready 101 is not a score"),
        (
            &["--since", "2026-02-30"][..],
            "--since `2026-02-30` is not a date",
        ),
        (&["--since", "yesterday"][..], "YYYY-MM-DD"),
        (&["--last", "0"][..], "--last 0"),
    ] {
        let (code, out, err) = run(grill(&home).arg("report").args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(msg), "{args:?}: {err}");
        assert!(out.is_empty());
    }
}

#[test]
fn binary_without_history_says_how_to_start() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, _) = run(grill(home.path()).arg("report"));
    assert_eq!(code, 0);
    assert!(out.contains("No sessions saved yet"), "{out}");
    assert!(out.contains("`grill` (or `grill start`)"), "{out}");
    // JSON readers still get JSON; the hint goes to stderr.
    let (code, out, err) = run(grill(home.path()).args(["report", "--format", "json"]));
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["empty"], "no-history");
    assert!(err.contains("grill start"), "{err}");
}

#[test]
fn binary_other_banks_only() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    let name = "20261109-120000-d4d4.json";
    std::fs::copy(fixtures().join("home/sessions").join(name), dir.join(name)).unwrap();
    let (code, out, _) = run(grill(home.path()).arg("report"));
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "No sessions of the bank \"Fixture bank\" yet (1 saved session of other banks)"
        ),
        "{out}"
    );
}

#[test]
fn binary_warns_about_unreadable_files_and_carries_on() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("sessions");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(fixtures().join("home/sessions")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let bad = dir.join("20261120-100000-dead.json");
    std::fs::copy(fixtures().join("bad/corrupt.json"), &bad).unwrap();
    let before = std::fs::read(&bad).unwrap();
    let (code, out, err) = run(grill(home.path()).arg("report"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning:"), "{err}");
    assert!(err.contains("20261120-100000-dead.json:8:"), "{err}");
    assert!(out.contains("4 sessions"), "{out}");
    assert_eq!(std::fs::read(&bad).unwrap(), before, "never modified");
}

#[test]
fn binary_writes_the_html_page() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let (code, _, err) = run(grill(&home).args(["report", "--html"]).arg(&page));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("report.html"), "{err}");
    let html = std::fs::read_to_string(&page).unwrap();
    assert_eq!(html.matches("<span class=\"bar ").count(), 4);
    let (code, _, err) = run(grill(&home).args(["report", "--html"]).arg(dir.path()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a folder"), "{err}");
}

#[test]
fn binary_colour_only_when_asked_or_in_a_terminal() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let (_, out, _) = run(grill(&home).args(["--color", "always", "report"]));
    assert!(out.contains('\u{1b}'), "{out}");
    // Not asked: a pipe gets none, with or without NO_COLOR, and `never` means never. (A
    // terminal is coloured unless NO_COLOR or TERM=dumb: `pty.rs` checks those.)
    for args in [
        &["report"][..],
        &["--color", "never", "report"],
        &["--color", "auto", "report"],
    ] {
        let (code, out, _) = run(grill(&home).args(args).env_remove("NO_COLOR"));
        assert_eq!(code, 0);
        assert!(out.contains("Readiness"), "{args:?}: {out}");
        assert!(!out.contains('\u{1b}'), "{args:?}: {out}");
    }
    let (_, out, _) = run(grill(&home)
        .args(["--color", "never", "report"])
        .env("TERM", "xterm"));
    assert!(!out.contains('\u{1b}'), "{out}");
}

#[test]
fn self_ratings_count_in_readiness_and_the_largest_disagreements_are_listed() {
    use grill::fsrs::Rating;
    let before = build(Filter::default());
    let mut rated = sessions();
    // Q12 scored 20 on 2026-11-01 and 60 (timed out) later; Q1 scored 90 and 95.
    let find = |s: &mut Vec<SessionRecord>, day: &str, q: u32| {
        let s = s
            .iter_mut()
            .find(|s| s.started_at.to_string().starts_with(day))
            .unwrap();
        let i = s.items.iter().position(|i| i.question_id == q).unwrap();
        (s.id.clone(), i)
    };
    let (id12, i12) = find(&mut rated, "2026-11-12", 12);
    let (id1, i1) = find(&mut rated, "2026-11-04", 1);
    for s in rated.iter_mut() {
        if s.id == id12 {
            s.items[i12].rating = Some(Rating::Easy);
        }
        if s.id == id1 {
            s.items[i1].rating = Some(Rating::Good);
        }
    }
    let r = readiness::build(
        &bank(),
        &rated,
        &opts(Filter::default(), Thresholds::default()),
    );
    // Q12 counts as easy's 95 now, not its score 60: in scheduling and in its chapter's mean.
    let seen = grill::practice::seen(&bank(), &rated, &Scheduler::default());
    assert_eq!(
        (seen[&12].latest, seen[&12].latest_rating),
        (95.0, Rating::Easy)
    );
    let ch = bank().find(12).unwrap().chapter.id.clone();
    assert!(
        chapter(&r, &ch).mean > chapter(&before, &ch).mean,
        "{:?} vs {:?}",
        chapter(&r, &ch).mean,
        chapter(&before, &ch).mean
    );
    // Q12: easy (95) against a score of 60 (hard) is the largest gap; Q1: good (82.5) against 95.
    let gaps: Vec<(u32, Rating, Rating, f64)> = r
        .disagreements
        .iter()
        .map(|d| (d.id, d.rating, d.suggested, d.gap))
        .collect();
    assert_eq!(
        gaps,
        [
            (12, Rating::Easy, Rating::Hard, 35.0),
            (1, Rating::Good, Rating::Easy, -12.5)
        ]
    );
    let t = text(&r, 100);
    assert!(
        t.contains("Q12 scored 60 (grill suggests hard), you rated easy"),
        "{t}"
    );
    assert!(!text(&before, 100).contains("disagree"));
    // --chapter: only the chosen chapters' answers, as everywhere else in the report.
    let index = bank().find(1).unwrap().chapter_index;
    let only = readiness::build(
        &bank(),
        &rated,
        &opts(
            Filter {
                chapters: vec![index],
                ..Filter::default()
            },
            Thresholds::default(),
        ),
    );
    let ids: Vec<u32> = only.disagreements.iter().map(|d| d.id).collect();
    assert_eq!(ids, [1], "Q12 is in another chapter than Q1");
    // A card turned over without an answer (study's Enter) has no score to disagree with.
    let (id, i) = find(&mut rated, "2026-11-01", 12);
    let s = rated.iter_mut().find(|s| s.id == id).unwrap();
    s.items[i].rating = Some(Rating::Easy);
    let listed = |sessions: &[SessionRecord]| {
        readiness::build(
            &bank(),
            sessions,
            &opts(Filter::default(), Thresholds::default()),
        )
        .disagreements
        .iter()
        .any(|d| d.session == id)
    };
    assert!(listed(&rated));
    rated.iter_mut().find(|s| s.id == id).unwrap().items[i]
        .answer
        .clear();
    assert!(!listed(&rated));
}

#[test]
fn a_bad_html_path_is_refused_before_the_report_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let bank = fixtures().join("bank.txt");
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    for (path, want) in [
        (dir.path().to_path_buf(), "is a folder"),
        (dir.path().join("no/such/report.html"), "does not exist"),
    ] {
        let (code, out, err) = run(common::grill_in(&home, 100)
            .arg("--bank")
            .arg(&bank)
            .arg("report")
            .arg("--html")
            .arg(&path));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(want), "{err}");
        assert_eq!(out, "", "nothing is printed before the error");
    }
    let file = dir.path().join("r.html");
    let (code, out, err) = run(common::grill_in(&home, 100)
        .arg("--bank")
        .arg(&bank)
        .args(["report", "--html"])
        .arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Readiness"), "{out}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn a_verdict_on_under_half_a_chapter_says_what_it_rests_on() {
    let mut r = build(Filter::default());
    // basics: 5 of 5 seen, ready. Pretend the chapter had 20 questions.
    r.chapters[0].questions = 20;
    let shown = text(&r, 100);
    assert!(shown.contains("ready (5 of 20 seen)"), "{shown}");
    let md = markdown(&r);
    assert!(md.contains("| ready (5 of 20 seen) |"), "{md}");
    assert!(html(&r).contains("81 · ready (5 of 20 seen)"));
    // Half or more seen: the plain verdict.
    r.chapters[0].questions = 10;
    assert!(!text(&r, 100).contains("seen)"));
}

#[test]
fn the_too_few_legend_only_when_a_row_shows_it() {
    // At 40 columns verdicts are short; `extra` has no answers, so "too few" is shown and
    // explained.
    let all = text(&build(Filter::default()), 40);
    assert!(all.contains("too few: not enough data"), "{all}");
    // Without `extra` every chapter has a verdict: no legend for a word nobody sees.
    let judged = text(
        &build(Filter {
            chapters: vec![0, 1, 2],
            ..Filter::default()
        }),
        40,
    );
    assert!(!judged.contains("too few"), "{judged}");
}

/// The report as shown in `theme` at `width` columns, without its escape codes.
fn shown(r: &Readiness, theme: Theme, width: usize) -> String {
    let mut buf = Vec::new();
    grill::view::readiness::text::render(r, theme, width, &mut buf).unwrap();
    console::strip_ansi_codes(&String::from_utf8(buf).unwrap()).to_string()
}

#[test]
fn prompts_are_cut_to_the_columns_they_are_shown_in_with_or_without_code_spans() {
    // The weakest and the practice questions alternate one prompt with code spans and the
    // same prompt without: in colour the backticks are not shown, so both are cut alike (the
    // prompt with backticks was cut one column shorter for each, and padded as if they showed,
    // so the practice column after it came out of line).
    let ticked = "When to use `threading` rather than `asyncio` for waiting on many sockets?";
    let bare = ticked.replace('`', "");
    let mut r = build(Filter::default());
    for (i, q) in r.weakest.iter_mut().enumerate() {
        q.prompt = if i % 2 == 0 {
            ticked.into()
        } else {
            bare.clone()
        };
    }
    for (i, q) in r.practice.questions.iter_mut().enumerate() {
        q.prompt = if i % 2 == 0 {
            ticked.into()
        } else {
            bare.clone()
        };
    }
    let col = |line: &str, at: usize| grill::output::width(&line[..at]);
    for width in [40, 60, 100] {
        for theme in [Theme::plain(), Theme { color: true }] {
            let out = shown(&r, theme, width);
            let mut prompts = Vec::new();
            let mut after = Vec::new();
            for line in out.lines() {
                assert!(
                    grill::output::width(line) <= width,
                    "{width}: {line:?}\n{out}"
                );
                if let Some(at) = line.find("When to use") {
                    // The prompt as shown, up to its `…` (every one is cut at these widths).
                    // (At 40 columns the practice prompts are wrapped below their rows.)
                    let Some(end) = line[at..].find('…').map(|e| at + e + '…'.len_utf8())
                    else {
                        assert!(width < 60 && !line.contains("  latest"), "{line:?}\n{out}");
                        continue;
                    };
                    prompts.push(line[at..end].to_string());
                    if let Some(l) = line.find("  latest") {
                        after.push(col(line, l));
                    }
                }
            }
            let practice = if width < 60 {
                0
            } else {
                r.practice.questions.len()
            };
            assert_eq!(prompts.len(), r.weakest.len() + practice, "{width}\n{out}");
            // Nothing is cut mid-word where a word ends close to the cut.
            for p in &prompts {
                assert!(!p.contains("sock…") && !p.contains("asyn…"), "{width}: {p}");
            }
            if theme.color {
                let widths: Vec<usize> = prompts.iter().map(|p| grill::output::width(p)).collect();
                assert!(
                    prompts[..r.weakest.len()].windows(2).all(|w| w[0] == w[1])
                        && prompts[r.weakest.len()..].windows(2).all(|w| w[0] == w[1]),
                    "{width}: {prompts:#?} {widths:?}\n{out}"
                );
            }
            assert!(
                after.windows(2).all(|w| w[0] == w[1]),
                "{width}: {after:?}\n{out}"
            );
        }
    }
}

#[test]
fn when_it_is_due_stays_at_60_columns_while_the_prompts_can_shrink_for_it() {
    let mut r = build(Filter::default());
    for q in r.practice.questions.iter_mut() {
        q.due_in = Some("in 6 min".into());
    }
    // The chapters are short ("async", "data"): the prompts keep 20 columns beside
    // "latest 40, due in 6 min", so it is not dropped (it was below 70 columns).
    let t60 = shown(&r, Theme::plain(), 60);
    let rows: Vec<&str> = t60.lines().filter(|l| l.contains("  latest")).collect();
    assert_eq!(rows.len(), r.practice.questions.len(), "{t60}");
    for row in &rows {
        assert!(row.ends_with(", due in 6 min"), "{row}\n{t60}");
        assert!(grill::output::width(row) <= 60, "{row}");
    }
    // Overdue by days, it would leave the prompts under 16 columns: then it goes, as before.
    let t60 = text(&build(Filter::default()), 60);
    assert!(!t60.contains("days overdue"), "{t60}");
    assert!(text(&build(Filter::default()), 100).contains("due 20 days overdue"));
}
