//! `grill schedule` as text: every seen question with its FSRS state and when it is due, as a
//! table when the terminal is wide enough and two or three lines a question when it is narrow,
//! then the forecast of the next days as bars.

use std::io::{self, Write};

use crate::output::{self, Theme};
use crate::practice::schedule::{ForecastDay, Schedule, Scheduled};
use crate::words::plural;

/// The widths of the table's two columns that vary: the chapter (at most 16) and the time
/// until due.
fn column_widths(questions: &[Scheduled]) -> (usize, usize) {
    let ch_w = questions
        .iter()
        .map(|q| output::width(&q.chapter))
        .chain([7])
        .max()
        .unwrap_or(7)
        .min(16);
    let in_w = questions
        .iter()
        .map(|q| output::width(&q.due_in))
        .chain([6])
        .max()
        .unwrap_or(6);
    (ch_w, in_w)
}

/// How wide the one-line table of `questions` is: the fixed columns and the two that vary.
fn table_width(questions: &[Scheduled]) -> usize {
    let (ch_w, in_w) = column_widths(questions);
    // Q, state, last, due (month to minute), stability, difficulty, recall, reviews,
    // lapses and the spaces.
    5 + 10 + 5 + 11 + 7 + 4 + 6 + 4 + 6 + 10 + ch_w + in_w
}

/// The schedule as text fitted to `width` columns.
pub fn render(s: &Schedule, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let t = theme;
    let head = format!(
        "Schedule: {} · {} seen, {} unseen",
        output::visible(&s.bank),
        s.questions.len(),
        s.unseen
    );
    for l in output::wrap(&head, width) {
        writeln!(out, "{}", t.bold(&l))?;
    }
    if s.questions.is_empty() {
        let none = "No question of these chapters answered yet, so nothing is scheduled. \
                    `grill study` introduces new questions; each answer schedules its question.";
        for l in output::wrap(none, width) {
            writeln!(out, "{l}")?;
        }
        return Ok(());
    }
    let due = s.questions.iter().filter(|q| q.is_due).count();
    for l in output::wrap(&format!("{due} due now, soonest first."), width) {
        writeln!(out, "{}", t.dim(&l))?;
    }
    writeln!(out)?;
    if table_width(&s.questions) <= width {
        table(&s.questions, t, out)?;
    } else {
        for q in &s.questions {
            stacked(q, t, width, out)?;
        }
    }
    writeln!(out)?;
    forecast(s, t, width, out)
}

/// The recall chance as a whole percentage.
fn percent(recall: f64) -> String {
    format!("{:.0}%", recall * 100.0)
}

/// One line a question, for wide terminals.
fn table(questions: &[Scheduled], t: Theme, out: &mut dyn Write) -> io::Result<()> {
    let (ch_w, in_w) = column_widths(questions);
    writeln!(
        out,
        "{}",
        t.bold(&format!(
            "{:<5} {:<ch_w$} {:<10} {:<5} {:<11} {:<in_w$} {:>7} {:>4} {:>6} {:>4} {:>6}",
            "Q", "CHAPTER", "STATE", "LAST", "DUE", "", "STAB", "DIFF", "RECALL", "REVS", "LAPSES"
        ))
        .trim_end()
    )?;
    for q in questions {
        let due_in = if q.is_due {
            t.warn(&output::pad(&q.due_in, in_w))
        } else {
            output::pad(&q.due_in, in_w)
        };
        writeln!(
            out,
            "{:<5} {} {:<10} {:<5} {:<11} {due_in} {:>6}d {:>4.1} {:>6} {:>4} {:>6}",
            format!("Q{}", q.id),
            output::pad(&output::truncate(&output::visible(&q.chapter), ch_w), ch_w),
            q.state,
            q.last_rating.name(),
            q.due_short,
            format!("{:.1}", q.stability),
            q.difficulty,
            percent(q.recall),
            q.reviews,
            q.lapses,
        )?;
    }
    Ok(())
}

/// A question on lines of its own, for narrow terminals: what it is, when it is due, its
/// memory.
fn stacked(q: &Scheduled, t: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let head = format!(
        "Q{} {} · {} · {}",
        q.id,
        output::visible(&q.chapter),
        q.state,
        q.last_rating.name()
    );
    for l in output::wrap(&head, width) {
        writeln!(out, "{}", t.bold(&l))?;
    }
    let due = format!("due {} · {}", q.due_short, q.due_in);
    for l in output::wrap(&due, width.saturating_sub(2)) {
        let l = if q.is_due { t.warn(&l) } else { l };
        writeln!(out, "  {l}")?;
    }
    let memory = format!(
        "stability {:.1}d · difficulty {:.1} · recall {} · {} review{}, {} lapse{}",
        q.stability,
        q.difficulty,
        percent(q.recall),
        q.reviews,
        plural(q.reviews as usize),
        q.lapses,
        plural(q.lapses as usize)
    );
    for l in output::wrap(&memory, width.saturating_sub(2)) {
        writeln!(out, "  {}", t.dim(&l))?;
    }
    Ok(())
}

/// The next days: how many questions fall due each day, as bars scaled to the busiest day.
fn forecast(s: &Schedule, t: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let days = s.forecast.len();
    for l in output::wrap(
        &format!("Due in the next {days} days (today counts the overdue):"),
        width,
    ) {
        writeln!(out, "{}", t.bold(&l))?;
    }
    forecast_bars(&s.forecast, t, width, out)
}

/// One line a day, `  Mon 12-07  ████ 3`: the bars scaled to the busiest day and to `width`
/// (the readiness report draws its forecast with this too).
pub fn forecast_bars(
    days: &[ForecastDay],
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let most = days.iter().map(|d| d.due).max().unwrap_or(0).max(1);
    let count_w = most.to_string().len();
    // "  Mon 12-07  " then the bar, then the count.
    let room = width.saturating_sub(2 + 9 + 2 + 1 + count_w).clamp(1, 40);
    for d in days {
        let label = d.date.strftime("%a %m-%d").to_string();
        let cols = (d.due * room).div_ceil(most);
        let bar = "█".repeat(cols);
        writeln!(out, "  {label}  {} {:>count_w$}", t.good(&bar), d.due)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsrs::{Rating, Scheduler};
    use crate::practice::Seen;
    use std::collections::HashMap;

    fn sample() -> Schedule {
        let bank = crate::bank::Bank::embedded();
        let scheduler = Scheduler::default();
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        let seen = HashMap::from([
            (
                1,
                Seen::first(60.0, Rating::Good, at("2026-12-06T10:00:00Z"), &scheduler),
            ),
            (
                2,
                Seen::first(20.0, Rating::Again, at("2026-12-07T09:55:00Z"), &scheduler),
            ),
            (
                25,
                Seen::first(95.0, Rating::Easy, at("2026-11-20T09:00:00Z"), &scheduler),
            ),
        ]);
        crate::practice::schedule::schedule(
            &bank,
            &[0, 1],
            &seen,
            &scheduler,
            at("2026-12-07T10:00:00Z"),
            &jiff::tz::TimeZone::UTC,
        )
    }

    fn text(s: &Schedule, width: usize) -> String {
        let mut buf = Vec::new();
        render(s, Theme::plain(), width, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    /// The words of `text`, lines joined, to look for phrases a narrow layout wraps.
    fn words(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_schedule_fits_every_width_and_says_when_each_question_is_due() {
        let s = sample();
        for width in [40, 60, 100, 140] {
            let out = text(&s, width);
            for l in out.lines() {
                assert!(output::width(l) <= width, "{width}: {l:?}\n{out}");
            }
            let w = words(&out);
            assert!(w.contains("3 seen, 37 unseen"), "{out}");
            assert!(w.contains("in 5 min"), "{width}: {out}");
            assert!(w.contains("Q25"), "{out}");
            assert!(w.contains("Due in the next 14 days"), "{out}");
        }
        // Wide: a table with its heading; narrow: a question's memory on a line of its own.
        assert!(text(&s, 100).contains("STATE"));
        assert!(text(&s, 60).contains("stability "));
    }

    #[test]
    fn an_empty_schedule_says_how_to_begin() {
        let mut s = sample();
        s.questions.clear();
        let out = words(&text(&s, 60));
        assert!(out.contains("nothing is scheduled"), "{out}");
        assert!(out.contains("grill study"), "{out}");
    }
}
