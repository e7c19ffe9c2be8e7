//! The end-of-session report, a study sheet: per chapter and overall, every question with its
//! score, rating and missed bullets, what to do next, the seed and the tips. (The screen shown
//! after each answer is `session::rating`.)
//!
//! Rendering only: text goes to the `Write` it is given, so tests render into a `Vec<u8>`.

use crate::words::plural;
use std::io::{self, Write};
use std::time::Duration;

use crate::history::cards::counted_score;
use crate::history::record::{ItemRecord, Outcome, SessionRecord, SessionStatus};
use crate::output::{self, Theme};
use crate::readiness::whole;
use crate::scoring::Status;
use crate::session::durations::human;

/// What the report says besides the record.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// A command that asks the same questions again.
    pub rerun: Option<String>,
    /// The session's id when it was saved to the history.
    pub saved_as: Option<String>,
    /// The bank's study tips.
    pub tips: Vec<String>,
    /// Today's due and new questions after this session, when the history could be read.
    pub today: Option<crate::practice::Outlook>,
}

/// One chapter's line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ChapterSummary {
    /// The chapter id.
    pub chapter: String,
    /// Questions put to the candidate (not counting unanswered ones).
    pub asked: usize,
    /// Questions never answered.
    pub unanswered: usize,
    /// Questions submitted with an empty answer (counted in `asked`, scored 0).
    pub skipped: usize,
    /// Questions whose time ran out with nothing typed (counted in `asked`, scored 0).
    pub blank: usize,
    /// Mean score of the asked questions, when there are any.
    pub mean: Option<f64>,
    /// Bullets covered in the asked questions.
    pub covered: usize,
    /// Bullets of the asked questions.
    pub bullets: usize,
    /// Time spent.
    pub time: Duration,
    /// Answers the candidate rated.
    pub rated: usize,
    /// Mean of the asked questions as readiness counts them: a rated answer as its rating's
    /// figure (again 25 ... easy 95), an unrated one as its score.
    pub yours: Option<f64>,
}

fn reached(i: &ItemRecord) -> bool {
    i.outcome != Outcome::Unanswered
}

fn summarise<'a>(name: &str, items: impl Iterator<Item = &'a ItemRecord>) -> ChapterSummary {
    let mut s = ChapterSummary {
        chapter: name.to_string(),
        asked: 0,
        unanswered: 0,
        skipped: 0,
        blank: 0,
        mean: None,
        covered: 0,
        bullets: 0,
        time: Duration::ZERO,
        rated: 0,
        yours: None,
    };
    let mut sum = 0.0;
    let mut counted = 0.0;
    for i in items {
        s.time += Duration::from_millis(i.time_used_ms);
        if !reached(i) {
            s.unanswered += 1;
            continue;
        }
        s.asked += 1;
        if i.skipped() {
            s.skipped += 1;
        }
        if i.outcome == Outcome::TimedOut && i.answer.trim().is_empty() {
            s.blank += 1;
        }
        sum += i.score();
        counted += counted_score(i);
        s.rated += usize::from(i.rating.is_some());
        s.bullets += i.assessment.bullets.len();
        s.covered += i
            .assessment
            .bullets
            .iter()
            .filter(|b| b.status() == Status::Covered)
            .count();
    }
    if s.asked > 0 {
        s.mean = Some(sum / s.asked as f64);
    }
    if s.rated > 0 {
        s.yours = Some(counted / s.asked as f64);
    }
    s
}

/// One summary per chapter drawn from, in the order of the session's chapters (then any other
/// chapter in order of appearance), and the overall summary.
pub fn summaries(record: &SessionRecord) -> (Vec<ChapterSummary>, ChapterSummary) {
    let mut order: Vec<&str> = Vec::new();
    for c in record.settings.chapters.iter().map(String::as_str) {
        if record.items.iter().any(|i| i.chapter == c) && !order.contains(&c) {
            order.push(c);
        }
    }
    for i in &record.items {
        if !order.contains(&i.chapter.as_str()) {
            order.push(&i.chapter);
        }
    }
    let rows = order
        .iter()
        .map(|c| summarise(c, record.items.iter().filter(|i| i.chapter == *c)))
        .collect();
    (rows, summarise("Overall", record.items.iter()))
}

/// A finished session and what the report says besides it.
pub struct Ended<'a> {
    /// The session as recorded.
    pub record: &'a SessionRecord,
    /// The rerun command, where it was saved, the tips and today's outlook.
    pub extras: &'a Extras,
}

/// Writes the report of a finished session.
pub fn render(model: &Ended, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (record, extras) = (model.record, model.extras);
    let width = width.clamp(40, 100);
    let (rows, all) = summaries(record);
    heading(record, &all, theme, width, out)?;
    writeln!(out)?;
    table(&rows, &all, theme, width, out)?;
    questions(record, theme, width, out)?;
    next_steps(record, extras, theme, width, out)?;
    footer(record, extras, theme, width, out)
}

/// "Mock interview: 3 answered of 4, in 9m", then how the session ended when it did not
/// simply finish.
fn heading(
    record: &SessionRecord,
    all: &ChapterSummary,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let n = record.items.len();
    // Empty submissions and time-outs with nothing typed are counted apart: "2 answered, 1
    // skipped, 1 timed out blank of 4".
    let skipped = if all.skipped > 0 {
        format!(", {} skipped", all.skipped)
    } else {
        String::new()
    };
    let blank = if all.blank > 0 {
        format!(", {} timed out blank", all.blank)
    } else {
        String::new()
    };
    let head = format!(
        "Mock interview: {} answered{skipped}{blank} of {n}, in {}",
        all.asked - all.skipped - all.blank,
        human(all.time)
    );
    for line in output::wrap(&head, width) {
        writeln!(out, "{}", t.bold(&line))?;
    }
    // The question that was open when the session ended, when something had been typed (an
    // open question with nothing typed is recorded as unanswered).
    let cut = record.items.iter().position(|i| i.outcome == Outcome::Cut);
    let finished = record
        .items
        .iter()
        .filter(|i| matches!(i.outcome, Outcome::Answered | Outcome::TimedOut))
        .count();
    let status = match record.status {
        SessionStatus::Interrupted => Some(match cut {
            Some(k) => format!(
                "Ended early after {finished} question{}, during question {} (what was typed is kept); unanswered questions are not scored.",
                plural(finished),
                k + 1
            ),
            None => format!(
                "Ended early after {finished} question{}; unanswered questions are not scored.",
                plural(finished)
            ),
        }),
        SessionStatus::TimeUp => {
            let total = human(Duration::from_secs(
                record.settings.total_limit_secs.unwrap_or(0),
            ));
            Some(match cut {
                Some(k) => format!(
                    "The session's time ({total}) ran out during question {}; the answer being typed was kept.",
                    k + 1
                ),
                None => format!(
                    "The session's time ({total}) ran out after {finished} question{}.",
                    plural(finished)
                ),
            })
        }
        SessionStatus::InProgress => Some("The session did not finish.".to_string()),
        SessionStatus::Complete if all.unanswered > 0 => Some(format!(
            "{} question{} had no answer (the input ran out).",
            all.unanswered,
            plural(all.unanswered)
        )),
        SessionStatus::Complete => None,
    };
    if let Some(s) = status {
        for line in output::wrap(&s, width) {
            writeln!(out, "{}", t.warn(&line))?;
        }
    }
    Ok(())
}

/// The widths of the chapter table's columns (0: the column is left out).
struct Columns {
    name: usize,
    score: usize,
    bar: usize,
    yours: usize,
    covered: usize,
}

impl Columns {
    /// YOURS shows when any answer is rated; a narrow terminal drops the bar, then COVERED.
    fn fit(rows: &[ChapterSummary], all: &ChapterSummary, t: Theme, width: usize) -> Columns {
        let mut covered = rows
            .iter()
            .chain([all])
            .map(|r| format!("{}/{}", r.covered, r.bullets).len())
            .max()
            .unwrap_or(3)
            .max("COVERED".len());
        let yours = if all.rated > 0 { 5 } else { 0 };
        let gap = |w: usize| if w > 0 { 2 + w } else { 0 };
        // The least room: an 8-column name, ASKED, a bare SCORE, YOURS, COVERED and TIME.
        if 8 + gap(5) + gap(5) + gap(yours) + gap(covered) + gap(6) > width {
            covered = 0;
        }
        let without_score = gap(5) + 2 + gap(covered) + gap(6) + gap(yours);
        let bar = if t.color && width >= without_score + 3 + 1 + 10 + 8 {
            10
        } else {
            0
        };
        let score = if bar > 0 { 3 + 1 + bar } else { 5 };
        let name = rows
            .iter()
            .map(|r| output::width(&r.chapter))
            .max()
            .unwrap_or(7)
            .max(7)
            .min(width.saturating_sub(without_score + score).max(8));
        Columns {
            name,
            score,
            bar,
            yours,
            covered,
        }
    }

    /// The heading line.
    fn heading(&self) -> String {
        let yours = if self.yours > 0 { "  YOURS" } else { "" };
        let covered = match self.covered {
            0 => String::new(),
            w => format!("  {:>w$}", "COVERED"),
        };
        format!(
            "{}  ASKED  {}{yours}{covered}  {:>6}",
            output::pad("CHAPTER", self.name),
            output::pad("SCORE", self.score),
            "TIME"
        )
    }

    /// One row: a chapter's, or the total (`total`, in bold).
    fn row(&self, r: &ChapterSummary, total: bool, t: Theme) -> String {
        let name = output::pad(&output::truncate(&r.chapter, self.name), self.name);
        let score = match r.mean {
            Some(m) if self.bar > 0 => format!(
                "{} {}",
                t.score(m, &format!("{:>3}", whole(m))),
                t.score(m, &output::bar(m / 100.0, self.bar))
            ),
            Some(m) => output::pad(&format!("{:>3}", whole(m)), self.score),
            None => output::pad("  -", self.score),
        };
        let yours = match (self.yours, r.yours) {
            (0, _) => String::new(),
            (_, Some(y)) => format!("  {}", t.score(y, &format!("{:>5}", whole(y)))),
            (_, None) => format!("  {:>5}", "-"),
        };
        let covered = match (self.covered, r.asked) {
            (0, _) => String::new(),
            (w, 0) => format!("  {:>w$}", "-"),
            (w, _) => format!("  {:>w$}", format!("{}/{}", r.covered, r.bullets)),
        };
        let asked = if r.unanswered > 0 {
            format!("{}/{}", r.asked, r.asked + r.unanswered)
        } else {
            r.asked.to_string()
        };
        format!(
            "{}  {asked:>5}  {score}{yours}{covered}  {:>6}",
            if total { t.bold(&name) } else { name },
            human(r.time)
        )
    }
}

/// The table: CHAPTER  ASKED  SCORE [bar]  YOURS  COVERED  TIME, a row per chapter and the
/// total. YOURS is the score with your ratings counted, as readiness counts them.
fn table(
    rows: &[ChapterSummary],
    all: &ChapterSummary,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let cols = Columns::fit(rows, all, t, width);
    writeln!(out, "{}", t.bold(&cols.heading()))?;
    for r in rows {
        writeln!(out, "{}", cols.row(r, false, t))?;
    }
    writeln!(out, "{}", cols.row(all, true, t))?;
    if all.rated > 0 {
        let note = format!(
            "YOURS counts your {} rating{} (again 25, hard 62.5, good 82.5, easy 95) in place of \
             grill's score, as readiness and the schedule do.",
            all.rated,
            plural(all.rated)
        );
        for l in output::wrap(&note, width) {
            writeln!(out, "{}", t.dim(&l))?;
        }
    }
    Ok(())
}

/// Every question, as a study sheet: its score (and rating), the prompt wrapped, and the
/// bullets it missed or half covered.
fn questions(
    record: &SessionRecord,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", t.bold("Questions"))?;
    for i in &record.items {
        let tag = match i.outcome {
            Outcome::TimedOut => " (timed out)",
            Outcome::Cut => " (cut short)",
            Outcome::Unanswered => " (not answered)",
            _ if i.skipped() => " (skipped)",
            _ => "",
        };
        let rating = i
            .rating
            .map_or(String::new(), |r| format!(" · rated {}", r.name()));
        let mark = if !reached(i) || i.skipped() {
            "   –".to_string()
        } else {
            format!("{:>4}", whole(i.score()))
        };
        let text = format!(
            "Q{} {}{tag}{rating}: {}",
            i.question_id,
            output::visible(&i.chapter),
            output::visible(&i.prompt)
        );
        for (k, l) in output::wrap(&text, width.saturating_sub(6))
            .iter()
            .enumerate()
        {
            if k == 0 {
                writeln!(out, "{}  {}", t.score(i.score(), &mark), t.code_spans(l))?;
            } else {
                writeln!(out, "      {}", t.code_spans(l))?;
            }
        }
        if !reached(i) {
            continue;
        }
        for b in i
            .assessment
            .bullets
            .iter()
            .filter(|b| b.status() != Status::Covered)
        {
            let (mark, style): (&str, fn(&Theme, &str) -> String) = match b.status() {
                Status::Partly => ("~", Theme::warn),
                _ => ("✗", Theme::bad),
            };
            for (k, l) in output::wrap(&output::visible(&b.bullet), width.saturating_sub(8))
                .iter()
                .enumerate()
            {
                let lead = if k == 0 { style(&t, mark) } else { " ".into() };
                writeln!(out, "      {lead} {}", t.code_spans(l))?;
            }
        }
    }
    Ok(())
}

/// What to do next: each step in words, then its command on a line of its own (so a narrow
/// terminal never breaks a command or an id across lines).
fn next_steps(
    record: &SessionRecord,
    extras: &Extras,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut next: Vec<(String, String)> = Vec::new();
    let unrated = record.unrated();
    if let Some(id) = &extras.saved_as {
        if unrated > 0 {
            next.push((
                format!(
                    "Rate your {unrated} answer{} against the whole reference:",
                    plural(unrated)
                ),
                "grill review".into(),
            ));
        }
        next.push((
            "Every answer with its evidence:".into(),
            format!("grill history show {id}"),
        ));
    }
    if let Some(o) = extras.today {
        next.push((format!("{}:", o.sentence()), "grill study".into()));
    }
    if !next.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t.bold("What next"))?;
        for (what, command) in &next {
            for (k, l) in output::wrap(what, width.saturating_sub(4))
                .iter()
                .enumerate()
            {
                writeln!(out, "  {} {l}", if k == 0 { "-" } else { " " })?;
            }
            command_lines(command, 6, width, t, out)?;
        }
    }
    Ok(())
}

/// The seed with the command that asks the same questions again, where the session was
/// saved, and the bank's tips.
fn footer(
    record: &SessionRecord,
    extras: &Extras,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out)?;
    match &extras.rerun {
        // A draw that only the saved session can repeat (`--retry ID`), not saved.
        None => writeln!(out, "Seed {}.", record.seed)?,
        Some(rerun) => {
            let seed = format!("Seed {}. Same questions again:", record.seed);
            if output::width(&seed) + 1 + output::width(rerun) <= width {
                writeln!(out, "{seed} {}", t.bold(&output::visible(rerun)))?;
            } else {
                // The command on lines of its own, broken between words with a shell line
                // continuation, so it can still be copied and run as it is.
                writeln!(out, "{seed}")?;
                command_lines(rerun, 2, width, t, out)?;
            }
        }
    }
    if let Some(id) = &extras.saved_as {
        for line in output::wrap(&format!("Saved to the history as {id}."), width) {
            writeln!(out, "{}", t.dim(&line))?;
        }
    }
    if !extras.tips.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", t.bold("Tips"))?;
        for tip in &extras.tips {
            for (k, l) in output::wrap(tip, width.saturating_sub(4))
                .iter()
                .enumerate()
            {
                writeln!(
                    out,
                    "  {} {}",
                    if k == 0 { "-" } else { " " },
                    t.code_spans(l)
                )?;
            }
        }
    }
    Ok(())
}

/// Writes a command to copy, indented, on one line if it fits, else broken between words with
/// shell line continuations, so it can still be copied and run as it is.
fn command_lines(
    command: &str,
    indent: usize,
    width: usize,
    t: Theme,
    out: &mut dyn Write,
) -> io::Result<()> {
    let lines = output::wrap(command, width.saturating_sub(indent + 2));
    for (k, l) in lines.iter().enumerate() {
        let more = if k + 1 < lines.len() { " \\" } else { "" };
        writeln!(out, "{}{}{more}", " ".repeat(indent), t.bold(l))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::scoring::Scorer;
    use crate::session::engine::tests::template;
    use crate::session::plan::Feedback;

    fn item(
        bank: &Bank,
        scorer: &Scorer,
        id: u32,
        answer: &str,
        outcome: Outcome,
        ms: u64,
    ) -> ItemRecord {
        let l = bank.question(id).unwrap();
        ItemRecord {
            question_id: id,
            chapter: l.chapter.id.clone(),
            prompt: l.question.prompt.clone(),
            answer: answer.into(),
            outcome,
            time_used_ms: ms,
            assessment: scorer.score(Some(&l.question.prompt), &l.question.bullets, answer),
            notes: l.question.notes.clone(),
            rating: None,
            rated_by: None,
            answered_at: None,
            spoken: None,
        }
    }

    fn sample() -> (SessionRecord, Bank) {
        let bank = Bank::embedded();
        let scorer = Scorer::for_bank(&bank);
        let first = bank.chapters[0].questions[0].clone();
        let second = bank.chapters[6].questions[0].clone();
        let third = bank.chapters[6].questions[1].clone();
        let mut r = template(&bank, 180, None, Feedback::End);
        r.settings.chapters = vec![bank.chapters[0].id.clone(), bank.chapters[6].id.clone()];
        r.items = vec![
            item(
                &bank,
                &scorer,
                first.id,
                &first.bullets.join(" "),
                Outcome::Answered,
                60_000,
            ),
            item(
                &bank,
                &scorer,
                second.id,
                "no idea",
                Outcome::TimedOut,
                180_000,
            ),
            item(&bank, &scorer, third.id, "", Outcome::Unanswered, 0),
        ];
        r.status = SessionStatus::Complete;
        r.seed = 4242;
        (r, bank)
    }

    #[test]
    fn report_snapshot() {
        let (mut r, _) = sample();
        r.items[0].rating = Some(crate::fsrs::Rating::Good);
        insta::assert_snapshot!(text(&r, 80));
    }

    fn text(r: &SessionRecord, width: usize) -> String {
        let mut buf = Vec::new();
        let extras = Extras {
            rerun: Some("grill -n 3 --seed 4242".into()),
            saved_as: Some("20261124-063512-7f3a".into()),
            tips: vec!["Rehearse aloud.".into()],
            today: Some(crate::practice::Outlook {
                due: 2,
                new_left: 8,
                met_today: 2,
                per_day: 10,
            }),
        };
        render(
            &Ended {
                record: r,
                extras: &extras,
            },
            Theme::plain(),
            width,
            &mut buf,
        )
        .unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn summaries_count_per_chapter() {
        let (r, bank) = sample();
        let (rows, all) = summaries(&r);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].chapter, bank.chapters[0].id);
        assert_eq!(rows[0].asked, 1);
        assert_eq!(rows[0].mean, Some(100.0));
        assert_eq!(rows[0].covered, rows[0].bullets);
        assert_eq!(rows[1].asked, 1);
        assert_eq!(rows[1].unanswered, 1);
        assert_eq!(rows[1].time, Duration::from_secs(180));
        assert_eq!(all.asked, 2);
        assert_eq!(all.mean, Some(rows[1].mean.unwrap() / 2.0 + 50.0));
    }

    #[test]
    fn report_has_chapters_scores_missed_bullets_seed_and_tips() {
        let (r, bank) = sample();
        let out = text(&r, 80);
        assert!(
            out.contains("Mock interview: 2 answered of 3, in 4m"),
            "{out}"
        );
        assert!(out.contains("1 question had no answer"), "{out}");
        let ch0 = out
            .lines()
            .find(|l| l.starts_with(&bank.chapters[0].id))
            .unwrap();
        assert!(ch0.contains("100"), "{ch0}");
        let ch6 = out
            .lines()
            .find(|l| l.starts_with(&bank.chapters[6].id))
            .unwrap();
        assert!(ch6.contains(" 1/2 "), "{ch6}");
        assert!(out.contains("Questions"), "{out}");
        assert!(out.contains("(timed out)"), "{out}");
        // Every question has its line, the unanswered one too.
        for q in [
            &bank.chapters[0].questions[0],
            &bank.chapters[6].questions[0],
            &bank.chapters[6].questions[1],
        ] {
            assert!(out.contains(&format!("  Q{} ", q.id)), "Q{}\n{out}", q.id);
        }
        assert!(out.contains("(not answered)"), "{out}");
        assert!(out.contains("What next"), "{out}");
        assert!(
            out.contains("Rate your 2 answers against the whole reference:\n      grill review\n"),
            "{out}"
        );
        assert!(
            out.contains("      grill history show 20261124-063512-7f3a\n"),
            "{out}"
        );
        assert!(
            out.contains("2 due now, 8 new left today:\n      grill study\n"),
            "{out}"
        );
        let missed = &bank.chapters[6].questions[0].bullets[0];
        let start: String = missed.chars().take(20).collect();
        assert!(out.contains(&format!("✗ {start}")), "{out}");
        assert!(out.contains("Seed 4242. Same questions again: grill -n 3 --seed 4242"));
        assert!(out.contains("Saved to the history as 20261124-063512-7f3a."));
        assert!(out.contains("  - Rehearse aloud."));
        assert!(!out.contains('\u{1b}'), "plain text has no escape codes");
    }

    #[test]
    fn report_fits_a_narrow_terminal() {
        let (mut r, bank) = sample();
        // A long rerun command and a long chapter name, as the real ones can be.
        r.items[2].chapter = "a-very-long-chapter-name".into();
        r.items[2].outcome = Outcome::Answered;
        r.status = SessionStatus::Interrupted;
        let extras = Extras {
            rerun: Some("grill -n 3 -c fundamentals -c concurrency --seed 4242".into()),
            saved_as: Some("20261124T063512Z-7f3a".into()),
            tips: bank.tips.clone(),
            today: None,
        };
        for width in [40, 60, 100] {
            for theme in [Theme::plain(), Theme { color: true }] {
                let mut buf = Vec::new();
                render(
                    &Ended {
                        record: &r,
                        extras: &extras,
                    },
                    theme,
                    width,
                    &mut buf,
                )
                .unwrap();
                let out = String::from_utf8(buf).unwrap();
                let plain = console::strip_ansi_codes(&out);
                for l in plain.lines() {
                    assert!(
                        output::width(l) <= width,
                        "{} columns at {width} (colour {}): {l}\n{plain}",
                        output::width(l),
                        theme.color
                    );
                }
                // Every chapter row stays on one line, with its time at the end.
                for c in ["fundamentals", "concurrency", "a-very-long"] {
                    let row = plain.lines().find(|l| l.starts_with(&c[..8])).unwrap();
                    assert!(row.trim_end().ends_with(['m', 's']), "{row}\n{plain}");
                }
                let rerun = plain
                    .split("Same questions again:")
                    .nth(1)
                    .unwrap()
                    .split("Saved to")
                    .next()
                    .unwrap()
                    .replace("\\\n", " ");
                let rerun: Vec<&str> = rerun.split_whitespace().collect();
                assert_eq!(
                    rerun.join(" "),
                    "grill -n 3 -c fundamentals -c concurrency --seed 4242"
                );
            }
        }
        // The bar goes only when it does not fit.
        let bars = |width| {
            let mut buf = Vec::new();
            render(
                &Ended {
                    record: &r,
                    extras: &extras,
                },
                Theme { color: true },
                width,
                &mut buf,
            )
            .unwrap();
            String::from_utf8(buf).unwrap().contains('░')
        };
        assert!(bars(100) && !bars(40));
    }

    #[test]
    fn prompts_wrap_whole_and_ratings_show_at_every_width() {
        let (mut r, _) = sample();
        r.items[1].rating = Some(crate::fsrs::Rating::Hard);
        let prompt = r.items[1].prompt.clone();
        for width in [40, 55, 80] {
            let out = text(&r, width);
            for l in out.lines() {
                assert!(output::width(l) <= width, "{width}: {l}\n{out}");
            }
            let joined = out.split_whitespace().collect::<Vec<_>>().join(" ");
            let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(joined.contains(&prompt), "{width}: {prompt}\n{out}");
            assert!(joined.contains("(timed out) · rated hard:"), "{out}");
            assert!(!out.contains("Rate your 2"), "one answer is rated: {out}");
        }
    }

    #[test]
    fn the_chapter_table_shows_your_ratings_where_given() {
        let (mut r, _) = sample();
        r.items[0].rating = Some(crate::fsrs::Rating::Good);
        let wide = text(&r, 80);
        let row = wide
            .lines()
            .find(|l| l.starts_with("fundamentals"))
            .unwrap();
        // Scored 100, rated good: YOURS counts it as 82.5, shown as 83 (halves round up).
        assert!(row.contains(" 100 ") && row.contains(" 83 "), "{wide}");
        assert!(wide.contains("COVERED") && wide.contains("YOURS"), "{wide}");
        // Narrow: COVERED goes so that YOURS stays.
        let narrow = text(&r, 40);
        assert!(
            narrow.contains("YOURS") && !narrow.contains("COVERED"),
            "{narrow}"
        );
        // Nothing rated: no YOURS column.
        r.items[0].rating = None;
        let plain = text(&r, 80);
        assert!(
            !plain.contains("YOURS") && plain.contains("COVERED"),
            "{plain}"
        );
    }

    #[test]
    fn an_empty_submission_is_shown_as_skipped() {
        let (mut r, _) = sample();
        r.items[1].answer = "  ".into();
        r.items[1].outcome = Outcome::Answered;
        let out = text(&r, 80);
        assert!(
            out.contains("Mock interview: 1 answered, 1 skipped of 3"),
            "{out}"
        );
        let line = out.lines().find(|l| l.contains("(skipped)")).unwrap();
        assert!(line.starts_with("   –  Q"), "{line}");
    }

    #[test]
    fn a_time_out_with_nothing_typed_is_not_counted_as_answered() {
        let (mut r, _) = sample();
        r.items[1].answer = String::new();
        r.items[1].outcome = Outcome::TimedOut;
        let out = text(&r, 80);
        assert!(
            out.contains("Mock interview: 1 answered, 1 timed out blank of 3"),
            "{out}"
        );
    }

    #[test]
    fn ended_early_counts_the_questions_finished() {
        let (mut r, _) = sample();
        r.status = SessionStatus::Interrupted;
        // Answered, timed out, then a question open with nothing typed: unanswered.
        let out = text(&r, 80);
        assert!(out.contains("Ended early after 2 questions;"), "{out}");
        assert!(out.contains("Mock interview: 2 answered of 3"), "{out}");
        // With something typed in the open question, it is kept and said so.
        r.items[2].outcome = Outcome::Cut;
        r.items[2].answer = "half".into();
        let out = text(&r, 80);
        assert!(
            out.contains("Ended early after 2 questions, during question 3"),
            "{out}"
        );
        r.status = SessionStatus::TimeUp;
        r.settings.total_limit_secs = Some(600);
        let out = text(&r, 80);
        assert!(out.contains("ran out during question 3"), "{out}");
    }

    #[test]
    fn colour_adds_bars() {
        let (r, _) = sample();
        let mut buf = Vec::new();
        render(
            &Ended {
                record: &r,
                extras: &Extras::default(),
            },
            Theme { color: true },
            80,
            &mut buf,
        )
        .unwrap();
        let out = String::from_utf8(buf).unwrap();
        assert!(out.contains('█'), "{out}");
    }
}
