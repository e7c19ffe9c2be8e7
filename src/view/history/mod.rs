//! The history views: the list of saved sessions (`list`) and the replay of one (`show`),
//! with the figures both use. Sessions in, text out: no store, no clock.

pub mod list;
pub mod show;

use crate::history::record::{Outcome, SessionRecord, SessionStatus};
use crate::output;
use crate::session::durations;

/// The status in words.
pub fn status_label(s: SessionStatus) -> &'static str {
    match s {
        SessionStatus::InProgress => "in progress",
        SessionStatus::Complete => "complete",
        SessionStatus::TimeUp => "time up",
        SessionStatus::Interrupted => "interrupted",
    }
}

/// A session's score: the mean of its answered questions (unanswered ones were never reached,
/// so they say nothing about what was known); none when nothing was answered.
pub fn session_score(s: &SessionRecord) -> Option<f64> {
    let scores: Vec<f64> = s
        .items
        .iter()
        .filter(|i| i.outcome != Outcome::Unanswered)
        .map(|i| i.score())
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

pub(crate) fn answered(s: &SessionRecord) -> usize {
    s.answered()
}

pub(crate) fn when(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// Joins `parts` with `sep` into lines of at most `width` columns, breaking only between parts
/// (so a separator never starts a line).
pub(crate) fn join_wrapped(parts: &[String], sep: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in parts {
        if !line.is_empty()
            && output::width(&line) + output::width(sep) + output::width(part) > width
        {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push_str(sep);
        }
        line.push_str(part);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Milliseconds in the one duration format of every view (`45s`, `3m`, `2m30s`, `1h05m`).
pub(crate) fn duration(ms: u64) -> String {
    durations::human(std::time::Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::record::{ItemRecord, Outcome};
    use crate::output::Theme;

    #[test]
    fn facts_break_between_parts() {
        let parts: Vec<String> = ["2026-11-12 08:00 to 08:30", "Fixture bank", "time up"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            join_wrapped(&parts, " · ", 40),
            ["2026-11-12 08:00 to 08:30 · Fixture bank", "time up"]
        );
    }

    fn session_with_answers(answers: &[(&str, Outcome)]) -> SessionRecord {
        let bank = crate::bank::Bank::embedded();
        let scorer = crate::scoring::Scorer::for_bank(&bank);
        let mut r = crate::session::engine::tests::template(
            &bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.id = "20261124-063512-7f3a".into();
        r.status = SessionStatus::Complete;
        r.items = bank
            .questions()
            .zip(answers)
            .map(|(l, &(answer, outcome))| ItemRecord {
                question_id: l.question.id,
                chapter: l.chapter.id.clone(),
                prompt: l.question.prompt.clone(),
                answer: answer.into(),
                outcome,
                time_used_ms: 3_000,
                assessment: scorer.score(Some(&l.question.prompt), &l.question.bullets, answer),
                notes: l.question.notes.clone(),
                rating: None,
                rated_by: None,
                answered_at: None,
                spoken: None,
            })
            .collect();
        r
    }

    fn shown(s: &SessionRecord) -> String {
        let mut buf = Vec::new();
        let tz = jiff::tz::TimeZone::UTC;
        let replay = show::Replay {
            session: s,
            number: Some(1),
            tz: &tz,
        };
        show::render(&replay, Theme::plain(), 80, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn show_keeps_blank_lines_inside_an_answer_and_marks_skipped_ones() {
        let s = session_with_answers(&[
            ("para one\n\npara two", Outcome::Answered),
            ("", Outcome::Answered),
        ]);
        let out = shown(&s);
        assert!(
            out.contains("  Answer:\n    para one\n\n    para two\n"),
            "{out}"
        );
        assert!(out.contains("skipped (empty answer) after 3s"), "{out}");
        assert!(!out.contains("score 0 · skipped"), "{out}");
    }

    #[test]
    fn show_says_an_answer_was_spoken_and_what_was_heard_before_correcting() {
        let mut s = session_with_answers(&[
            ("a generator yields lazily", Outcome::Answered),
            ("typed", Outcome::Answered),
            ("as heard", Outcome::Answered),
        ]);
        s.items[0].spoken = Some(crate::history::record::Spoken {
            audio_ms: 6_400,
            transcript: Some("a generator yields lazy Lee".into()),
        });
        s.items[2].spoken = Some(crate::history::record::Spoken {
            audio_ms: 2_000,
            transcript: None,
        });
        let out = shown(&s);
        assert!(
            out.contains(
                "  Answer (spoken, 6s):\n    a generator yields lazily\n    as heard, before \
                 correcting: a generator yields lazy Lee\n"
            ),
            "{out}"
        );
        assert_eq!(out.matches("  Answer:\n").count(), 1, "{out}");
        assert!(
            out.contains("  Answer (spoken, 2s):\n    as heard\n  "),
            "{out}"
        );
        // In the record: absent for typed answers, the transcript only when corrected.
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text.matches("\"spoken\"").count(), 2, "{text}");
        assert_eq!(text.matches("\"transcript\"").count(), 1, "{text}");
        assert_eq!(crate::history::parse_record(&text).unwrap(), s);
    }

    #[test]
    fn show_lists_notes_after_the_reference_and_records_keep_them() {
        let mut s =
            session_with_answers(&[("a pass", Outcome::Answered), ("b", Outcome::Answered)]);
        s.items[0].notes = vec![
            "First note with `code`.".into(),
            "A second note long enough to wrap at eighty columns, so its next line is indented \
             under the text."
                .into(),
        ];
        let out = shown(&s);
        let (first, second) = out.split_once("\n2/2").unwrap();
        assert!(
            first.ends_with(
                "\n  Also worth knowing:\n    - First note with `code`.\n    - A second note long enough \
                 to wrap at eighty columns, so its next line is\n      indented under the text.\n"
            ),
            "{out}"
        );
        assert!(!second.contains("Also worth knowing"), "{out}");
        // Saved with the session, and absent from the file when there are none.
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(text.matches("\"notes\"").count(), 1, "{text}");
        assert_eq!(crate::history::parse_record(&text).unwrap(), s);
    }

    #[test]
    fn list_without_a_width_limit_prints_every_column() {
        let s = crate::history::Summary::of(&session_with_answers(&[("a", Outcome::Answered)]));
        let mut buf = Vec::new();
        let tz = jiff::tz::TimeZone::UTC;
        let listing = list::Listing {
            sessions: std::slice::from_ref(&s),
            tz: &tz,
        };
        list::render(&listing, Theme::plain(), usize::MAX, &mut buf).unwrap();
        let out = String::from_utf8(buf).unwrap();
        assert!(out.lines().next().unwrap().ends_with("  ID"), "{out}");
        assert!(out.contains("  20261124-063512-7f3a"), "{out}");
        // Narrow, the id goes (the number still selects a session).
        let mut buf = Vec::new();
        let listing = list::Listing {
            sessions: &[s],
            tz: &tz,
        };
        list::render(&listing, Theme::plain(), 60, &mut buf).unwrap();
        assert!(!String::from_utf8(buf).unwrap().contains("7f3a"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(5_400), "5s");
        assert_eq!(duration(95_000), "1m35s");
        assert_eq!(duration(180_000), "3m");
    }
}
