//! Rating an answer once it has been scored: the screen that shows the answer, the evidence per
//! bullet and the whole reference answer, the keys that give a rating in a terminal, and the
//! `rating: WORD` lines that give one on piped input.
//!
//! Rendering and key handling are pure (lines in, lines out; a key in, a decision out) so they
//! are unit-tested; the terminal (`terminal.rs`) and the line readers only move bytes.

use std::io::BufRead;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, Outcome, SessionRecord};
use crate::output::{self, Theme};
use crate::practice;
use crate::scoring::Status;

/// grill's suggestion for an answer: its score mapped by [`practice::rating_for_score`].
pub fn suggestion(item: &ItemRecord) -> Rating {
    practice::rating_for_score(item.score())
}

/// The screen of one answer to rate: `heading` (such as "Question 2/5 · concurrency"), the
/// prompt, the answer, the score, the whole reference answer with each bullet marked covered,
/// partly or missed and the words that matched or were missing, then the question's notes. Every row fits
/// `width` (at least 40 columns are assumed usable; narrower is clamped).
pub fn screen(item: &ItemRecord, heading: &str, theme: Theme, width: usize) -> Vec<String> {
    let t = theme;
    let w = width.max(30);
    let mut rows = Vec::new();
    let head = format!("{heading} · Q{}", item.question_id);
    for l in output::wrap(&output::visible(&head), w) {
        rows.push(t.bold(&l));
    }
    for l in output::wrap(&output::visible(&item.prompt), w) {
        rows.push(t.code_spans(&l));
    }
    rows.push(String::new());
    rows.push(t.dim("Your answer:"));
    let answer = output::visible(item.answer.trim());
    if answer.is_empty() {
        // An empty answer given (study's Enter at once, Ctrl-D) asks for the reference; one
        // the clock ended is just none (the score's line says why).
        let none = match item.outcome {
            Outcome::TimedOut | Outcome::Cut => "(none)",
            _ => "(none: the reference straight away)",
        };
        rows.push(format!("  {}", t.dim(none)));
    }
    for para in answer.lines() {
        if para.trim().is_empty() {
            rows.push(String::new());
            continue;
        }
        for l in output::wrap(para, w.saturating_sub(2)) {
            rows.push(format!("  {l}"));
        }
    }
    let how = match item.outcome {
        Outcome::TimedOut => " (time ran out)",
        Outcome::Cut => " (cut short)",
        _ => "",
    };
    rows.push(String::new());
    let score = format!(
        "Score {:.0}/100{how} · grill suggests: {}",
        item.score(),
        suggestion(item).name()
    );
    for l in output::wrap(&score, w) {
        rows.push(t.score(item.score(), &l));
    }
    for l in output::wrap("Reference answer (✓ covered, ~ partly, ✗ missed):", w) {
        rows.push(t.bold(&l));
    }
    for b in &item.assessment.bullets {
        let (mark, paint): (&str, fn(&Theme, &str) -> String) = match b.status() {
            Status::Covered => ("✓", Theme::good),
            Status::Partly => ("~", Theme::warn),
            Status::Missed => ("✗", Theme::bad),
        };
        for (k, l) in output::wrap(&output::visible(&b.bullet), w.saturating_sub(4))
            .iter()
            .enumerate()
        {
            let lead = if k == 0 { paint(&t, mark) } else { " ".into() };
            rows.push(format!("  {lead} {}", t.code_spans(l)));
        }
        let mut evidence = Vec::new();
        if !b.matched.is_empty() {
            let words: Vec<String> = b
                .matched
                .iter()
                .map(|m| match m.how.label() {
                    "" => m.keyword.clone(),
                    how => format!("{} ({how})", m.keyword),
                })
                .collect();
            evidence.push(format!("matched: {}", words.join(", ")));
        }
        // For a bullet missed whole, its own text says what was missing.
        if !b.missed.is_empty() && b.status() == Status::Partly {
            evidence.push(format!("missing: {}", b.missed.join(", ")));
        }
        for e in evidence {
            for l in output::wrap(&output::visible(&e), w.saturating_sub(6)) {
                rows.push(format!("      {}", t.dim(&l)));
            }
        }
    }
    if !item.notes.is_empty() {
        rows.push(String::new());
        rows.push(t.bold(crate::bank::NOTES_HEADING));
        for n in &item.notes {
            for (k, l) in output::wrap(&output::visible(n), w.saturating_sub(4))
                .iter()
                .enumerate()
            {
                rows.push(format!(
                    "  {} {}",
                    if k == 0 { "-" } else { " " },
                    t.code_spans(l)
                ));
            }
        }
    }
    rows
}

/// The line that asks for a rating, as long as fits `width`: the keys, and what Enter gives.
pub fn prompt(suggested: Rating, width: usize) -> String {
    let s = suggested.name();
    [
        format!(
            "Your rating? 1 again · 2 hard · 3 good · 4 easy · Enter: {s} (grill's suggestion) · q: stop"
        ),
        format!("Rate 1-4 (again/hard/good/easy) · Enter: {s} · q: stop"),
        format!("1-4/a h g e · Enter: {s} · q: stop"),
    ]
    .into_iter()
    .find(|p| output::width(p) <= width)
    .unwrap_or_else(|| format!("1-4 · Enter: {s}"))
}

/// What a key does at the rating prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Rate the answer.
    Rate(Rating),
    /// Stop (q, Esc, Ctrl-C): the answer keeps no rating.
    Stop,
    /// Scroll the screen by this many rows (negative: up).
    Scroll(isize),
    /// Nothing.
    Ignore,
}

/// The meaning of a key at the rating prompt: 1-4 or a/h/g/e rate, Enter takes `suggested`,
/// q, Esc or Ctrl-C stop, arrows and page keys scroll. Pure, so the bindings are unit-tested.
pub fn key(k: &KeyEvent, suggested: Rating) -> Key {
    if k.kind == KeyEventKind::Release {
        return Key::Ignore;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('c') | KeyCode::Char('d') if ctrl => Key::Stop,
        _ if ctrl || k.modifiers.contains(KeyModifiers::ALT) => Key::Ignore,
        KeyCode::Enter => Key::Rate(suggested),
        KeyCode::Char('q') | KeyCode::Char('Q') | KeyCode::Esc => Key::Stop,
        KeyCode::Char(c) => Rating::parse(&c.to_string()).map_or(Key::Ignore, Key::Rate),
        KeyCode::Up => Key::Scroll(-1),
        KeyCode::Down => Key::Scroll(1),
        KeyCode::PageUp => Key::Scroll(-10),
        KeyCode::PageDown => Key::Scroll(10),
        _ => Key::Ignore,
    }
}

/// Reads a `rating: WORD` line of piped input (WORD: again, hard, good, easy, a/h/g/e or 1-4;
/// any case, spaces allowed). `None` when the line is not a rating line at all; `Some(Err)`
/// with a message when it starts with `rating:` but the word is not a rating.
pub fn rating_line(line: &str) -> Option<Result<Rating, String>> {
    let l = line.trim();
    let (head, rest) = l.split_once(':')?;
    if !head.trim().eq_ignore_ascii_case("rating") {
        return None;
    }
    Some(Rating::parse(rest).ok_or_else(|| {
        format!(
            "`{}` is not a rating (again, hard, good, easy, or 1-4)",
            output::visible(l)
        )
    }))
}

/// Ratings read one a line from a stream (`grill review` with piped input): a rating word (as
/// [`rating_line`] takes, with or without `rating:`), an empty line for grill's suggestion, or
/// `q` to stop.
pub struct LineRatings<R> {
    reader: R,
    name: String,
    line: usize,
}

impl<R: BufRead> LineRatings<R> {
    /// Ratings from `reader`, called `name` in messages (`<stdin>`).
    pub fn new(reader: R, name: &str) -> Self {
        LineRatings {
            reader,
            name: name.to_string(),
            line: 0,
        }
    }

    /// The next rating: `Ok(None)` at the end of input or `q`; an error (with `name:line`) for
    /// a line that is not a rating.
    pub fn next(&mut self, suggested: Rating) -> crate::error::Result<Option<Rating>> {
        let mut buf = Vec::new();
        if self.reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(None);
        }
        self.line += 1;
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim();
        if text.is_empty() {
            return Ok(Some(suggested));
        }
        if text.eq_ignore_ascii_case("q") {
            return Ok(None);
        }
        let word = rating_line(text).unwrap_or_else(|| {
            Rating::parse(text).ok_or_else(|| {
                format!(
                    "`{}` is not a rating (again, hard, good, easy, or 1-4; an empty line takes grill's suggestion)",
                    output::visible(text)
                )
            })
        });
        word.map(Some)
            .map_err(|m| crate::error::Error::input(format!("{}:{}: {m}", self.name, self.line)))
    }
}

/// What a review pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reviewed {
    /// Answers rated.
    pub rated: usize,
    /// Answers the pass did not reach that still have no rating (the pass was stopped). A
    /// pass over a session rated already leaves its answers with their earlier ratings.
    pub left: usize,
}

/// Which answers of `record` a review pass goes over: those with no rating yet, or every
/// answer when all are rated already (to change a rating).
pub fn to_review(record: &SessionRecord) -> Vec<usize> {
    let unrated: Vec<usize> = (0..record.items.len())
        .filter(|&k| record.items[k].rateable() && record.items[k].rating.is_none())
        .collect();
    if !unrated.is_empty() {
        return unrated;
    }
    (0..record.items.len())
        .filter(|&k| record.items[k].rateable())
        .collect()
}

/// Goes over the answers [`to_review`] picks, one screen each: `ask` gets a heading and the
/// answer and returns the rating given, or `None` to stop. `save` gets the record after every
/// rating, so stopping (or a crash) keeps the ratings given so far.
pub fn review(
    record: &mut SessionRecord,
    ask: &mut dyn FnMut(&str, &ItemRecord) -> Option<Rating>,
    save: &mut dyn FnMut(&SessionRecord),
) -> Reviewed {
    let picked = to_review(record);
    let mut done = Reviewed::default();
    for (n, &k) in picked.iter().enumerate() {
        let item = &record.items[k];
        let heading = format!(
            "Review {}/{} · question {} of the session · {}",
            n + 1,
            picked.len(),
            k + 1,
            item.chapter
        );
        match ask(&heading, item) {
            Some(r) => {
                record.items[k].rating = Some(r);
                done.rated += 1;
                save(record);
            }
            None => {
                done.left = picked[n..]
                    .iter()
                    .filter(|&&k| record.items[k].rating.is_none())
                    .count();
                break;
            }
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::scoring::Scorer;

    fn item(answer: &str) -> ItemRecord {
        let bank = Bank::embedded();
        let l = bank.questions().nth(4).unwrap();
        ItemRecord {
            question_id: l.question.id,
            chapter: l.chapter.id.clone(),
            prompt: l.question.prompt.clone(),
            answer: answer.into(),
            outcome: Outcome::Answered,
            time_used_ms: 1000,
            assessment: Scorer::for_bank(&bank).score(
                Some(&l.question.prompt),
                &l.question.bullets,
                answer,
            ),
            notes: vec!["Worth knowing: `x`.".into()],
            rating: None,
        }
    }

    #[test]
    fn the_screen_shows_answer_score_and_every_reference_bullet_within_the_width() {
        let bank = Bank::embedded();
        let bullets = bank.questions().nth(4).unwrap().question.bullets.clone();
        let it = item("something half right\n\nand a second paragraph");
        for width in [40, 60, 100] {
            for theme in [Theme::plain(), Theme { color: true }] {
                let rows = screen(&it, "Question 2/3 · basics", theme, width);
                let plain: Vec<String> = rows
                    .iter()
                    .map(|r| console::strip_ansi_codes(r).to_string())
                    .collect();
                for r in &plain {
                    assert!(output::width(r) <= width, "{width}: {r:?}");
                }
                let text = plain.join("\n");
                assert!(text.contains("something half right"), "{text}");
                assert!(text.contains("grill suggests: "), "{text}");
                // Every bullet of the reference, whole (words joined back across rows).
                let words: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                for b in &bullets {
                    let b = if theme.color {
                        b.replace('`', "")
                    } else {
                        b.clone()
                    };
                    let b: String = b.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(words.contains(&b), "{b}\n{text}");
                }
            }
        }
        let rows = screen(&item(""), "Question 1/1 · x", Theme::plain(), 60).join("\n");
        assert!(
            rows.contains("Also worth knowing\n  - Worth knowing: `x`."),
            "{rows}"
        );
        assert!(
            rows.contains("(none: the reference straight away)"),
            "{rows}"
        );
        assert!(rows.contains("✗ "), "{rows}");
    }

    #[test]
    fn an_empty_answer_the_clock_ended_is_not_said_to_ask_for_the_reference() {
        for outcome in [Outcome::TimedOut, Outcome::Cut] {
            let mut it = item("");
            it.outcome = outcome;
            let rows = screen(&it, "Review 1/1", Theme::plain(), 60).join("\n");
            assert!(rows.contains("Your answer:\n  (none)\n"), "{rows}");
            assert!(!rows.contains("straight away"), "{rows}");
        }
    }

    #[test]
    fn control_characters_from_answers_are_made_visible() {
        let rows = screen(&item("evil \u{1b}]0;title\u{7}"), "Q", Theme::plain(), 60).join("\n");
        assert!(!rows.contains('\u{1b}'), "{rows}");
    }

    #[test]
    fn keys_rate_stop_and_scroll() {
        let k = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let g = Rating::Good;
        assert_eq!(key(&k(KeyCode::Char('1')), g), Key::Rate(Rating::Again));
        assert_eq!(key(&k(KeyCode::Char('h')), g), Key::Rate(Rating::Hard));
        assert_eq!(key(&k(KeyCode::Char('4')), g), Key::Rate(Rating::Easy));
        assert_eq!(key(&k(KeyCode::Char('e')), g), Key::Rate(Rating::Easy));
        assert_eq!(
            key(&k(KeyCode::Enter), Rating::Hard),
            Key::Rate(Rating::Hard)
        );
        assert_eq!(key(&k(KeyCode::Char('q')), g), Key::Stop);
        assert_eq!(key(&k(KeyCode::Esc), g), Key::Stop);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(key(&ctrl_c, g), Key::Stop);
        assert_eq!(key(&k(KeyCode::Char('x')), g), Key::Ignore);
        assert_eq!(key(&k(KeyCode::Down), g), Key::Scroll(1));
    }

    #[test]
    fn the_prompt_names_the_suggestion_and_fits() {
        for w in [39, 59, 100] {
            for r in Rating::ALL {
                let p = prompt(r, w);
                assert!(output::width(&p) <= w, "{p}");
                assert!(p.contains(&format!("Enter: {}", r.name())), "{p}");
                assert!(p.contains("q: stop"), "{w}: {p}");
            }
        }
    }

    #[test]
    fn a_review_rates_the_unrated_answers_and_saves_after_each() {
        let bank = Bank::embedded();
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.items = vec![item("a"), item("b"), item("c")];
        r.items[1].rating = Some(Rating::Easy);
        r.items[2].outcome = Outcome::Unanswered;
        assert_eq!(to_review(&r), [0]);
        let mut saves = Vec::new();
        let got = review(&mut r, &mut |_, _| Some(Rating::Hard), &mut |s| {
            saves.push(s.items[0].rating)
        });
        assert_eq!(got, Reviewed { rated: 1, left: 0 });
        assert_eq!(saves, [Some(Rating::Hard)]);
        // All rated: a review goes over every answer, and stopping keeps what was rated; the
        // answer it did not reach keeps its earlier rating, so none is left without one.
        assert_eq!(to_review(&r), [0, 1]);
        let mut calls = 0;
        let got = review(
            &mut r,
            &mut |_, _| {
                calls += 1;
                (calls == 1).then_some(Rating::Again)
            },
            &mut |_| {},
        );
        assert_eq!(got, Reviewed { rated: 1, left: 0 });
        assert_eq!(r.items[0].rating, Some(Rating::Again));
        assert_eq!(r.items[1].rating, Some(Rating::Easy));
    }

    #[test]
    fn rating_lines_and_line_ratings() {
        assert_eq!(rating_line("rating: good"), Some(Ok(Rating::Good)));
        assert_eq!(rating_line("  Rating:3 "), Some(Ok(Rating::Good)));
        assert!(matches!(rating_line("rating: great"), Some(Err(_))));
        assert_eq!(rating_line("the rating is good"), None);
        assert_eq!(rating_line("note: x"), None);
        let mut r = LineRatings::new(std::io::Cursor::new("easy\n\nrating: 1\nq\n"), "<stdin>");
        assert_eq!(r.next(Rating::Hard).unwrap(), Some(Rating::Easy));
        assert_eq!(r.next(Rating::Hard).unwrap(), Some(Rating::Hard));
        assert_eq!(r.next(Rating::Hard).unwrap(), Some(Rating::Again));
        assert_eq!(r.next(Rating::Hard).unwrap(), None);
        let mut r = LineRatings::new(std::io::Cursor::new("good\nsuperb\n"), "<stdin>");
        r.next(Rating::Good).unwrap();
        let e = r.next(Rating::Good).unwrap_err().to_string();
        assert!(e.starts_with("<stdin>:2: `superb` is not a rating"), "{e}");
    }
}
