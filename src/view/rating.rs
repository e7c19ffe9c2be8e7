//! The rating screen: the answer, its score, the whole reference answer with each bullet
//! marked covered, partly or missed and the words that matched or were missing, the question's
//! notes, and the prompt line that lists the choices. Rows in, rows out: the terminal and the
//! piped sources (`ui`) only move them.

use crate::history::record::{ItemRecord, Outcome};
use crate::output::{self, Theme};
use crate::scoring::{BulletAssessment, Status};
use crate::session::decision::Decision;
use crate::session::review::suggestion;

use super::evidence::{self, Form};

/// The screen of one answer to rate: `heading` (such as "Question 2/5 · concurrency"), the
/// prompt, the answer, the score, the whole reference answer with each bullet marked covered,
/// partly or missed and the words that matched or were missing, then the question's notes. Every row fits
/// `width` (at least 40 columns are assumed usable; narrower is clamped).
pub fn screen(
    item: &ItemRecord,
    heading: &str,
    study: bool,
    theme: Theme,
    width: usize,
) -> Vec<String> {
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
        // An empty answer given in study (Enter at once) asks for the reference; in an
        // interview (Ctrl-D) it skips the question; one the clock ended is just none (the
        // score's line says why).
        let none = match item.outcome {
            Outcome::TimedOut | Outcome::Cut => "(none)",
            _ if study => "(none: the reference straight away)",
            _ => "(none: skipped)",
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
        "Score {}/100{how} · grill suggests: {}",
        crate::readiness::whole(item.score()),
        suggestion(item).name()
    );
    for l in output::wrap(&score, w) {
        rows.push(t.score(item.score(), &l));
    }
    for l in super::evidence::notes(&item.assessment, w) {
        rows.push(t.warn(&l));
    }
    // Looked at again: the rating given before is on screen, and Enter keeps it.
    if let Some(r) = item.rating {
        for l in output::wrap(&format!("Rated {} before; Enter keeps it", r.name()), w) {
            rows.push(t.bold(&l));
        }
    }
    for l in output::wrap("Reference answer (✓ covered, ~ partly, ✗ missed):", w) {
        rows.push(t.bold(&l));
    }
    for b in &item.assessment.bullets {
        bullet_rows(b, t, w, &mut rows);
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

/// One bullet of the reference: marked covered, partly or missed, with the words that matched
/// (and for a bullet partly covered, the ones missing) under it.
fn bullet_rows(b: &BulletAssessment, t: Theme, w: usize, rows: &mut Vec<String>) {
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
    // For a bullet missed whole, its own text says what was missing.
    for e in evidence::lines(b, Form::Brief, b.status() == Status::Partly) {
        for l in output::wrap(&output::visible(&e), w.saturating_sub(6)) {
            rows.push(format!("      {}", t.dim(&l)));
        }
    }
}

/// The line that asks for a rating, as long as fits `width`: the keys, what Enter does (`enter`:
/// grill's suggestion, or keeping the rating given before), and the other choices
/// (`s: skip · u: undo · q: stop`, or just their keys when narrow).
pub fn prompt(enter: Decision, width: usize) -> String {
    let (long, short) = match enter {
        Decision::Accept(r) => (
            format!("{} (grill's suggestion)", r.name()),
            r.name().to_string(),
        ),
        Decision::Rate(r) => (r.name().to_string(), r.name().to_string()),
        Decision::Skip => ("keep the rating".to_string(), "keep".to_string()),
        Decision::Stop => ("stop".to_string(), "stop".to_string()),
        Decision::Undo => ("undo".to_string(), "undo".to_string()),
    };
    let others = Decision::others();
    let keys: Vec<String> = crate::session::decision::CHOICES
        .iter()
        .map(|c| c.key.to_string())
        .collect();
    [
        format!("Your rating? 1 again · 2 hard · 3 good · 4 easy · Enter: {long} · {others}"),
        format!("Rate 1-4 (again/hard/good/easy) · Enter: {short} · {others}"),
        format!("1-4/a h g e · Enter: {short} · {others}"),
        format!("1-4 · Enter: {short} · {others}"),
        format!("1-4 · Enter: {short} · {}", keys.join("/")),
    ]
    .into_iter()
    .find(|p| output::width(p) <= width)
    .unwrap_or_else(|| format!("1-4 · Enter: {short}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::fsrs::Rating;

    use crate::session::review::sample_item as item;

    #[test]
    fn the_screen_says_why_a_bare_list_of_terms_scores_low() {
        let it = item(
            "namespaces identifiers objects module dictionaries scope lookup LEGB local enclosing global builtin",
        );
        assert!(
            !it.assessment.notes.is_empty(),
            "a list: {:?}",
            it.assessment
        );
        let rows = screen(
            &it,
            "Question 1/1 · fundamentals",
            false,
            Theme::plain(),
            60,
        );
        let text = rows.join("\n");
        assert!(
            text.contains("Note: a list of terms: say what they do and how"),
            "{text}"
        );
        // Not on an answer in sentences.
        let rows = screen(
            &item("Namespaces map names to objects."),
            "Q",
            false,
            Theme::plain(),
            60,
        );
        assert!(!rows.join("\n").contains("Note:"));
    }

    #[test]
    fn the_screen_shows_answer_score_and_every_reference_bullet_within_the_width() {
        let bank = Bank::embedded();
        let bullets = bank.questions().nth(4).unwrap().question.bullets.clone();
        let it = item("something half right\n\nand a second paragraph");
        for width in [40, 60, 100] {
            for theme in [Theme::plain(), Theme { color: true }] {
                let rows = screen(&it, "Question 2/3 · basics", false, theme, width);
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
        let rows = screen(&item(""), "Question 1/1 · x", true, Theme::plain(), 60).join("\n");
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
    fn an_empty_answer_in_an_interview_is_a_skip_and_in_study_the_reference_at_once() {
        let it = item("");
        let interview = screen(&it, "Question 1/1", false, Theme::plain(), 60).join("\n");
        assert!(interview.contains("(none: skipped)"), "{interview}");
        assert!(!interview.contains("straight away"), "{interview}");
        let study = screen(&it, "Study", true, Theme::plain(), 60).join("\n");
        assert!(
            study.contains("(none: the reference straight away)"),
            "{study}"
        );
    }

    #[test]
    fn an_empty_answer_the_clock_ended_is_not_said_to_ask_for_the_reference() {
        for outcome in [Outcome::TimedOut, Outcome::Cut] {
            let mut it = item("");
            it.outcome = outcome;
            let rows = screen(&it, "Review 1/1", false, Theme::plain(), 60).join("\n");
            assert!(rows.contains("Your answer:\n  (none)\n"), "{rows}");
            assert!(!rows.contains("straight away"), "{rows}");
        }
    }

    #[test]
    fn control_characters_from_answers_are_made_visible() {
        let rows = screen(
            &item("evil \u{1b}]0;title\u{7}"),
            "Q",
            false,
            Theme::plain(),
            60,
        )
        .join("\n");
        assert!(!rows.contains('\u{1b}'), "{rows}");
    }

    #[test]
    fn the_prompt_names_the_suggestion_and_fits() {
        for w in [39, 59, 100] {
            for r in Rating::ALL {
                let p = prompt(Decision::Accept(r), w);
                assert!(output::width(&p) <= w, "{p}");
                assert!(p.contains(&format!("Enter: {}", r.name())), "{p}");
                // Narrow, the other choices are their keys; else their labels too.
                if w < 40 {
                    assert!(p.ends_with(" · s/u/q"), "{w}: {p}");
                } else {
                    assert!(p.ends_with("s: skip · u: undo · q: stop"), "{w}: {p}");
                }
            }
            // A rated answer: Enter keeps its rating, and the prompt says so.
            let p = prompt(Decision::Skip, w);
            assert!(output::width(&p) <= w, "{p}");
            assert!(p.contains("Enter: keep"), "{w}: {p}");
        }
    }

    #[test]
    fn a_rated_answer_shows_its_rating_and_enter_keeps_it() {
        let mut it = item("an answer");
        it.rating = Some(Rating::Easy);
        let rows = screen(&it, "Review 1/1", false, Theme::plain(), 60).join("\n");
        assert!(rows.contains("Rated easy before; Enter keeps it"), "{rows}");
        assert_eq!(crate::session::review::enter(&it), Decision::Skip);
        it.rating = None;
        let rows = screen(&it, "Review 1/1", false, Theme::plain(), 60).join("\n");
        assert!(!rows.contains("Rated "), "{rows}");
        assert!(matches!(
            crate::session::review::enter(&it),
            Decision::Accept(_)
        ));
    }
}
