//! The session engine: the one loop behind every session, an interview (`grill start`) and
//! study (`grill study`) alike. It asks the questions its [`Questions`] source gives, one by
//! one within the plan's limits (an interview's countdown; study has none), scores each answer,
//! shows the feedback and carries out the candidate's decision there, and keeps the record up to
//! date. It knows nothing of terminals or files: the clock, the question source and the answer
//! source are passed in, and saving is the caller's `on_progress`.

use std::time::Duration;

use crate::bank::{Bank, Located};
use crate::error::{Exit, Result};
use crate::history::record::{ItemRecord, Outcome, RatedBy, SessionRecord, SessionStatus};
use crate::scoring::Scorer;
use crate::session::plan::{Feedback, Pace, SessionPlan};

use super::clock::Clock;
use super::input::{AnswerSource, Ask, Ending};
use super::questions::{Next, Questions};
use super::review::{Applied, Change, NOTHING_TO_UNDO, Ratings};

/// How long an untimed answer may take: no one studies one card for a year.
const NO_LIMIT: Duration = Duration::from_secs(365 * 24 * 3600);

/// A finished session: the record, and why it stopped early when the input failed.
#[derive(Debug)]
pub struct Finished {
    /// The complete record (for a fixed draw, every drawn question has an item).
    pub record: SessionRecord,
    /// A failure of the answer source that ended the session (the record keeps the answers).
    pub problem: Option<String>,
}

impl Finished {
    /// The exit status the session ends grill with: interrupted (130) when the candidate cut
    /// it short, a failure (1) when the input broke, else 0.
    pub fn exit(&self) -> Exit {
        if self.problem.is_some() {
            Exit::Failure
        } else if self.record.status == SessionStatus::Interrupted {
            Exit::Interrupted
        } else {
            Exit::Ok
        }
    }
}

/// What a session runs with: the bank its questions come from, the scorer, the plan (limits
/// and feedback) and the clock.
#[derive(Clone, Copy)]
pub struct Engine<'a> {
    /// The bank.
    pub bank: &'a Bank,
    /// The scorer, for the bank.
    pub scorer: &'a Scorer,
    /// How to ask.
    pub plan: SessionPlan,
    /// The clock: time limits, time used and timestamps all read it.
    pub clock: &'a dyn Clock,
}

/// The state of a running session.
struct Running {
    record: SessionRecord,
    /// `clock.elapsed()` at the start.
    start: Duration,
    /// Time on the feedback screens between questions (`Feedback::Each`): reading the
    /// reference and rating is not answering, so `--total` does not count it.
    reading: Duration,
    /// Why the session stopped before its questions ran out.
    stop: Option<SessionStatus>,
    problem: Option<String>,
    /// The ratings given on the feedback screens, for `u`.
    ratings: Ratings,
}

/// What comes after an answer.
enum After {
    /// The next question.
    Next,
    /// The session stops here.
    Stop,
}

impl Engine<'_> {
    /// Runs a session over the questions `questions` gives.
    ///
    /// `template` carries the id, bank, seed and settings (saved as they are: the limits are
    /// read from the plan, not from them); its times, status and items are filled in here.
    /// `on_progress` gets the record (status `InProgress`) and what changed after every answer,
    /// every rating and every rating taken back, so the caller can save it and a crash loses
    /// at most the answer being typed. The final record is returned, not passed to
    /// `on_progress`, so the caller can handle a failed final save.
    ///
    /// Fails only when a question is not in the bank, before anything is asked.
    pub fn run(
        &self,
        questions: &mut dyn Questions,
        template: SessionRecord,
        source: &mut dyn AnswerSource,
        on_progress: &mut dyn FnMut(&SessionRecord, Change),
    ) -> Result<Finished> {
        questions.check(self.bank)?;
        let mut run = self.begin(template);
        loop {
            let Some(next) = questions.next(&run.record, self.clock.timestamp()) else {
                // Every question was put: the source may say what it did not use.
                source.finished();
                break;
            };
            let Some((limit, session_ends)) = self.limit(&run) else {
                run.stop = Some(SessionStatus::TimeUp);
                break;
            };
            let l = self.bank.question(next.id)?;
            let ask = self.ask(&l, next, limit, session_ends, run.record.items.len());
            if let After::Stop = self.answer(&ask, &l, source, &mut run, questions, on_progress) {
                break;
            }
            // Stopping at the last answer's feedback ends an interview that is all answered.
            let all_asked = !questions.open_ended() && questions.unasked(&run.record).is_empty();
            if self.plan.feedback == Feedback::Each
                && let After::Stop = self.feedback(&ask, source, &mut run, all_asked, on_progress)
            {
                break;
            }
        }
        for id in questions.unasked(&run.record) {
            let l = self.bank.question(id)?;
            let item = score_item(
                self.scorer,
                &l,
                String::new(),
                Outcome::Unanswered,
                Duration::ZERO,
            );
            run.record.items.push(item);
        }
        run.record.status = run.stop.unwrap_or(SessionStatus::Complete);
        run.record.ended_at = self.clock.timestamp();
        Ok(Finished {
            record: run.record,
            problem: run.problem,
        })
    }

    /// The record of a session that starts now.
    fn begin(&self, template: SessionRecord) -> Running {
        let mut record = template;
        record.items.clear();
        record.status = SessionStatus::InProgress;
        record.started_at = self.clock.timestamp();
        record.ended_at = record.started_at;
        Running {
            record,
            start: self.clock.elapsed(),
            reading: Duration::ZERO,
            stop: None,
            problem: None,
            ratings: Ratings::default(),
        }
    }

    /// The time the next answer may take, and whether it is what is left of the whole session
    /// (`--total`); none when the session's time is up.
    fn limit(&self, run: &Running) -> Option<(Duration, bool)> {
        let limits = match self.plan.pace {
            Pace::Untimed => return Some((NO_LIMIT, false)),
            Pace::Timed(limits) => limits,
        };
        // A zero limit is refused when parsed; a second is the least a question gets regardless.
        let per_question = limits.per_question.max(Duration::from_secs(1));
        let answering = self
            .clock
            .elapsed()
            .saturating_sub(run.start)
            .saturating_sub(run.reading);
        match limits.total.map(|t| t.saturating_sub(answering)) {
            Some(Duration::ZERO) => None,
            Some(left) if left < per_question => Some((left, true)),
            _ => Some((per_question, false)),
        }
    }

    /// The question put to the candidate.
    fn ask<'b>(
        &'b self,
        l: &Located<'b>,
        next: Next,
        limit: Duration,
        session_ends: bool,
        answered: usize,
    ) -> Ask<'b> {
        Ask {
            number: answered + 1,
            count: next.count,
            chapter: &l.chapter.id,
            prompt: &l.question.prompt,
            limit,
            session_ends,
            untimed: self.plan.pace == Pace::Untimed,
            clock: self.clock,
            asked_at: self.clock.elapsed(),
        }
    }

    /// Puts `ask`, scores the answer and records it (saving through `on_progress`).
    fn answer(
        &self,
        ask: &Ask,
        l: &Located,
        source: &mut dyn AnswerSource,
        run: &mut Running,
        questions: &dyn Questions,
        on_progress: &mut dyn FnMut(&SessionRecord, Change),
    ) -> After {
        let t0 = self.clock.elapsed();
        let reply = source.answer(ask);
        let used = self.clock.elapsed().saturating_sub(t0);
        let (outcome, ends, failure) = judge(reply.ending, ask.session_ends);
        run.stop = run.stop.or(ends);
        if run.problem.is_none() {
            run.problem = failure;
        }
        // The input ran out: this and the remaining questions are unanswered, but every
        // question was put, so the session is complete.
        let Some(outcome) = outcome else {
            return After::Stop;
        };
        // A question left with nothing typed when the session was cut was never attempted:
        // it is unanswered (not seen), like the questions after it, and a queue does not
        // record it at all. An empty answer at a question's own time-out stays timed out: the
        // candidate saw it and could not answer.
        let outcome = if outcome == Outcome::Cut && reply.text.trim().is_empty() {
            if questions.open_ended() {
                return After::Stop;
            }
            Outcome::Unanswered
        } else {
            outcome
        };
        let mut item = score_item(self.scorer, l, reply.text, outcome, used);
        item.answered_at = Some(self.clock.timestamp());
        item.spoken = reply.spoken;
        if item.rateable() && reply.rating.is_some() {
            item.rating = reply.rating;
            item.rated_by = Some(RatedBy::You);
        }
        run.record.items.push(item);
        if questions.open_ended() {
            run.record.settings.questions = run.record.items.len();
        }
        run.record.ended_at = self.clock.timestamp();
        on_progress(&run.record, Change::Added(run.record.items.len() - 1));
        if run.stop.is_some() {
            After::Stop
        } else {
            After::Next
        }
    }

    /// Shows the feedback on the answer just recorded (`--feedback each`, study) and carries
    /// out the candidate's decision there; a rating is saved at once, so a Ctrl-C at the next
    /// question keeps it. `u` takes back the run's rating before and shows that answer again;
    /// from there the screens come forward again to this one.
    fn feedback(
        &self,
        ask: &Ask,
        source: &mut dyn AnswerSource,
        run: &mut Running,
        all_asked: bool,
        on_progress: &mut dyn FnMut(&SessionRecord, Change),
    ) -> After {
        let last = run.record.items.len() - 1;
        let mut k = last;
        loop {
            let t0 = self.clock.elapsed();
            let item = &run.record.items[k];
            // An earlier answer is shown as it was asked: its number, chapter and prompt.
            let again = Ask {
                number: k + 1,
                chapter: &item.chapter,
                prompt: &item.prompt,
                ..*ask
            };
            let decision = source.feedback(if k == last { ask } else { &again }, item);
            run.reading += self.clock.elapsed().saturating_sub(t0);
            match run.ratings.apply(&mut run.record, k, decision) {
                Applied::Rated => on_progress(&run.record, Change::Added(k)),
                Applied::Skipped => {}
                Applied::Stopped => {
                    // Stopping is how a study session ends; an interview stopped there is cut
                    // short, unless every question was asked (`all_asked`): then it is over.
                    run.stop = Some(match self.plan.pace {
                        Pace::Timed(_) if !all_asked => SessionStatus::Interrupted,
                        _ => SessionStatus::Complete,
                    });
                    return After::Stop;
                }
                Applied::Undone(j) => {
                    on_progress(&run.record, Change::Undone(j));
                    k = j;
                    continue;
                }
                Applied::NothingToUndo => {
                    source.notice(NOTHING_TO_UNDO);
                    continue;
                }
            }
            if k == last {
                return After::Next;
            }
            k += 1;
        }
    }
}

/// What an answer's ending means: the item's outcome (none when the input ran out before the
/// answer began), the status it ends the session with, and the input's failure to report.
fn judge(
    ending: Ending,
    session_ends: bool,
) -> (Option<Outcome>, Option<SessionStatus>, Option<String>) {
    match ending {
        Ending::Submitted => (Some(Outcome::Answered), None, None),
        Ending::TimedOut if session_ends => (Some(Outcome::Cut), Some(SessionStatus::TimeUp), None),
        Ending::TimedOut => (Some(Outcome::TimedOut), None, None),
        Ending::Interrupted => (Some(Outcome::Cut), Some(SessionStatus::Interrupted), None),
        Ending::Broken(msg) => (
            Some(Outcome::Cut),
            Some(SessionStatus::Interrupted),
            Some(msg),
        ),
        Ending::NoMoreInput => (None, None, None),
    }
}

/// Scores one answer. Unanswered questions are scored too (as empty answers), so every item
/// lists its bullets and the report can say what was missed.
fn score_item(
    scorer: &Scorer,
    l: &Located<'_>,
    answer: String,
    outcome: Outcome,
    used: Duration,
) -> ItemRecord {
    let assessment = scorer.score(Some(&l.question.prompt), &l.question.bullets, &answer);
    ItemRecord {
        question_id: l.question.id,
        chapter: l.chapter.id.clone(),
        prompt: l.question.prompt.clone(),
        answer,
        outcome,
        // At most what a record may hold, so that its export imports again (a study question
        // left open for a month).
        time_used_ms: u64::try_from(used.as_millis())
            .unwrap_or(u64::MAX)
            .min(crate::history::record::MAX_TIME_USED_MS),
        assessment,
        notes: l.question.notes.clone(),
        rating: None,
        rated_by: None,
        answered_at: None,
        spoken: None,
    }
}

#[cfg(test)]
pub(crate) mod tests;
