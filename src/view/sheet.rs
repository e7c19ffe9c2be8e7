//! One session as a Markdown study sheet (`grill history show ID --format markdown`): each
//! question, the answer given, the score and rating, and the full reference with every bullet
//! marked covered, partly or missed.
//!
//! User text goes through [`crate::view::readiness::markdown::text`] (no HTML, links or emphasis from a bank or
//! an answer); answers are fenced code blocks, shown literally, with a fence longer than any
//! run of backticks inside them.

use crate::words::plural;
use std::fmt::Write;

use crate::history::record::{Outcome, SessionKind, SessionRecord};
use crate::output;
use crate::scoring::Status;
use crate::view::readiness::markdown::text;

/// One session and the time zone its times are shown in.
pub struct Sheet<'a> {
    /// The saved session.
    pub session: &'a SessionRecord,
    /// Where the times are read.
    pub tz: &'a jiff::tz::TimeZone,
}

/// Writes the study sheet.
pub fn render(model: &Sheet, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut md = String::new();
    // Built as a string first (fmt::Write), which cannot fail; only the stream can.
    let _ = render_into(model.session, model.tz, &mut md);
    out.write_all(md.as_bytes())
}

fn render_into(s: &SessionRecord, tz: &jiff::tz::TimeZone, md: &mut String) -> std::fmt::Result {
    let kind = match s.kind {
        SessionKind::Interview => "Mock interview",
        SessionKind::Study => "Study session",
    };
    writeln!(md, "# {kind} {}\n", text(&s.id))?;
    let answered = s.answered();
    writeln!(
        md,
        "{} · {} · {answered} of {} question{} answered\n",
        s.started_at.to_zoned(tz.clone()).strftime("%Y-%m-%d %H:%M"),
        text(&s.bank.title),
        s.items.len(),
        plural(s.items.len())
    )?;
    for (k, i) in s.items.iter().enumerate() {
        let verdict = match i.outcome {
            Outcome::Unanswered => "not answered".to_string(),
            _ if i.skipped() => "skipped".to_string(),
            _ => {
                let mut v = format!("score {}", crate::readiness::whole(i.score()));
                if i.outcome == Outcome::TimedOut {
                    v.push_str(" (timed out)");
                } else if i.outcome == Outcome::Cut {
                    v.push_str(" (cut short)");
                }
                v
            }
        };
        let rating = i
            .rating
            .map_or(String::new(), |r| format!(" · rated {}", r.name()));
        writeln!(
            md,
            "## {}. Q{} ({}): {verdict}{rating}\n",
            k + 1,
            i.question_id,
            text(&i.chapter)
        )?;
        writeln!(md, "{}\n", text(&i.prompt))?;
        if i.outcome != Outcome::Unanswered {
            writeln!(md, "**Your answer**\n")?;
            let answer = output::visible(i.answer.trim());
            if answer.is_empty() {
                writeln!(md, "*(empty)*\n")?;
            } else {
                let fence = "`".repeat(longest_backtick_run(&answer).max(2) + 1);
                writeln!(md, "{fence}text\n{answer}\n{fence}\n")?;
            }
        }
        writeln!(md, "**Reference**\n")?;
        for b in &i.assessment.bullets {
            let mark = match (i.outcome, b.status()) {
                (Outcome::Unanswered, _) => "",
                (_, Status::Covered) => "**covered** ",
                (_, Status::Partly) => "**partly** ",
                (_, Status::Missed) => "**missed** ",
            };
            let missing = if b.status() == Status::Partly && !b.missed.is_empty() {
                format!(" (missing: {})", text(&b.missed.join(", ")))
            } else {
                String::new()
            };
            writeln!(md, "- {mark}{}{missing}", text(&b.bullet))?;
        }
        writeln!(md)?;
        if !i.notes.is_empty() {
            writeln!(md, "**{}**\n", crate::bank::NOTES_HEADING)?;
            for n in &i.notes {
                writeln!(md, "- {}", text(n))?;
            }
            writeln!(md)?;
        }
    }
    Ok(())
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::history::record::ItemRecord;
    use crate::scoring::Scorer;

    /// A session of the first two questions: the first answered with its reference, the
    /// second not reached.
    fn sample(bank: &Bank) -> SessionRecord {
        let scorer = Scorer::for_bank(bank);
        let mut r = crate::session::engine::tests::template(
            bank,
            60,
            None,
            crate::session::plan::Feedback::End,
        );
        r.id = "20261130-120000-abc".into();
        let ls: Vec<_> = bank.questions().take(2).collect();
        let full = ls[0].question.bullets.join(" ");
        let answers = [
            (full.as_str(), Outcome::Answered),
            ("", Outcome::Unanswered),
        ];
        r.items = ls
            .iter()
            .zip(answers)
            .map(|(l, (a, o))| ItemRecord {
                question_id: l.question.id,
                chapter: l.chapter.id.clone(),
                prompt: l.question.prompt.clone(),
                answer: format!("{a} ```x```"),
                outcome: o,
                time_used_ms: 0,
                assessment: scorer.score(Some(&l.question.prompt), &l.question.bullets, a),
                notes: vec!["A note with <b>html</b>.".into()],
                rating: None,
                rated_by: None,
                answered_at: None,
                spoken: None,
            })
            .collect();
        r
    }

    #[test]
    fn a_half_score_rounds_up_in_every_view() {
        // A half is rounded up in every view alike (`{:.0}` rounds it to even: a try-out saw
        // 68 in the report and the sheet, 69 in `history show`).
        let mut half = sample(&Bank::embedded());
        half.items[0].assessment.score = 68.5;
        let views = {
            let (mut sheet, mut ended, mut replay) = (Vec::new(), Vec::new(), Vec::new());
            let tz = jiff::tz::TimeZone::UTC;
            render(
                &Sheet {
                    session: &half,
                    tz: &tz,
                },
                &mut sheet,
            )
            .unwrap();
            let extras = crate::view::session::Extras::default();
            let model = crate::view::session::Ended {
                record: &half,
                extras: &extras,
            };
            crate::view::session::render(&model, crate::output::Theme::plain(), 80, &mut ended)
                .unwrap();
            let model = crate::view::history::show::Replay {
                session: &half,
                number: None,
                tz: &tz,
            };
            crate::view::history::show::render(
                &model,
                crate::output::Theme::plain(),
                80,
                &mut replay,
            )
            .unwrap();
            [sheet, ended, replay].map(|v| String::from_utf8(v).unwrap())
        };
        for v in &views {
            assert!(v.contains("69") && !v.contains("68"), "{v}");
        }
    }

    #[test]
    fn the_sheet_has_each_question_answer_rating_and_marked_reference() {
        let bank = Bank::embedded();
        let ls: Vec<_> = bank.questions().take(2).collect();
        let mut r = sample(&bank);
        r.items[0].rating = Some(crate::fsrs::Rating::Good);
        let mut buf = Vec::new();
        let sheet = Sheet {
            session: &r,
            tz: &jiff::tz::TimeZone::UTC,
        };
        render(&sheet, &mut buf).unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(
            md.starts_with("# Mock interview 20261130-120000-abc\n"),
            "{md}"
        );
        assert!(md.contains(": score 100 · rated good\n"), "{md}");
        assert!(md.contains(": not answered\n"), "{md}");
        // The answer is fenced with more backticks than it holds.
        assert!(md.contains("````text\n"), "{md}");
        let covered = md.matches("- **covered** ").count();
        assert_eq!(covered, ls[0].question.bullets.len(), "{md}");
        // The unanswered question still lists its reference, unmarked.
        let second = md.split("## 2.").nth(1).unwrap();
        assert_eq!(
            second.matches("\n- ").count(),
            ls[1].question.bullets.len() + 1,
            "{second}"
        );
        assert!(!second.contains("**Your answer**"), "{second}");
        // Notes follow the reference, escaped.
        assert!(
            md.contains("**Also worth knowing**\n\n- A note with &lt;b&gt;html&lt;/b&gt;."),
            "{md}"
        );
    }
}
