//! The engine's tests: a scripted candidate on a fake clock runs whole sessions, interviews
//! and study alike, with no terminal and no waiting.

use super::*;
use crate::history::record::{BankRef, RECORD_FORMAT, Settings};
use crate::session::clock::FakeClock;
use crate::session::decision::Decision;
use crate::session::plan::{Focus, Limits};
use crate::session::questions::Fixed;
use std::collections::VecDeque;

/// An interview's plan: a fixed draw, its limits and when to show scores.
struct Plan<'a> {
    questions: &'a [u32],
    limits: Limits,
    feedback: Feedback,
}

/// Runs the engine as an interview does: `plan`'s draw, against the clock.
fn run(
    bank: &Bank,
    scorer: &Scorer,
    plan: &Plan,
    template: SessionRecord,
    clock: &dyn Clock,
    source: &mut dyn AnswerSource,
    on_progress: &mut dyn FnMut(&SessionRecord),
) -> Result<Finished> {
    let engine = Engine {
        bank,
        scorer,
        plan: SessionPlan {
            pace: Pace::Timed(plan.limits),
            feedback: plan.feedback,
        },
        clock,
    };
    engine.run(
        &mut Fixed::new(plan.questions),
        template,
        source,
        &mut |r, _| on_progress(r),
    )
}

/// One scripted step of a candidate.
#[derive(Debug, Clone)]
pub enum Step {
    /// Types `text` in `secs` seconds and submits it (the limit is not enforced, as in a pipe).
    Type(&'static str, u64),
    /// Types `text`, then lets the time run out, watching the countdown (`Ask::remaining`)
    /// as a terminal does, a quarter second at a time.
    Idle(&'static str),
    /// Types `text` for `secs` seconds, then presses Ctrl-C.
    CtrlC(&'static str, u64),
    /// The input has run out.
    Eof,
    /// The terminal fails after `text` was typed.
    Fail(&'static str),
    /// Says `text` in `secs` seconds (the transcript, corrected to `text` when the second is
    /// given) and submits it.
    Say(&'static str, u64, Option<&'static str>),
}

/// A candidate that follows a script and moves a fake clock as it goes.
pub struct Scripted {
    pub clock: FakeClock,
    pub steps: VecDeque<Step>,
    pub asked: Vec<(usize, Duration, bool)>,
    pub feedback_shown: usize,
    /// How long the candidate reads each feedback screen.
    pub reading: Duration,
    pub stop_at_feedback: Option<usize>,
    pub rate_with: Option<crate::fsrs::Rating>,
    /// Decisions at the feedback screens, in order, before `rate_with` and `stop_at_feedback`.
    pub decisions: VecDeque<Decision>,
    /// The question number of each feedback screen shown.
    pub feedback_numbers: Vec<usize>,
    /// Each notice given, with the number of feedback screens shown before it.
    pub notices: Vec<(usize, String)>,
    pub finished: usize,
    /// The time left seen at each look while idle, per question idled.
    pub countdowns: Vec<Vec<Duration>>,
}

impl Scripted {
    pub fn new(clock: &FakeClock, steps: &[Step]) -> Scripted {
        Scripted {
            clock: clock.clone(),
            steps: steps.iter().cloned().collect(),
            asked: Vec::new(),
            feedback_shown: 0,
            reading: Duration::ZERO,
            stop_at_feedback: None,
            rate_with: None,
            decisions: VecDeque::new(),
            feedback_numbers: Vec::new(),
            notices: Vec::new(),
            finished: 0,
            countdowns: Vec::new(),
        }
    }
}

impl AnswerSource for Scripted {
    fn kind(&self) -> &'static str {
        "terminal"
    }
    fn answer(&mut self, ask: &Ask) -> crate::session::input::Reply {
        use crate::session::input::Reply;
        self.asked.push((ask.number, ask.limit, ask.session_ends));
        let reply = |text: &str, ending| Reply {
            text: text.to_string(),
            ending,
            rating: None,
            spoken: None,
        };
        match self.steps.pop_front().unwrap_or(Step::Eof) {
            Step::Type(t, secs) => {
                // Like a pipe, the script does not enforce the limit; Idle times out.
                self.clock.advance(Duration::from_secs(secs));
                reply(t, Ending::Submitted)
            }
            Step::Idle(t) => {
                let mut seen = vec![ask.remaining()];
                while !ask.remaining().is_zero() {
                    self.clock.advance(Duration::from_millis(250));
                    seen.push(ask.remaining());
                }
                self.countdowns.push(seen);
                reply(t, Ending::TimedOut)
            }
            Step::CtrlC(t, secs) => {
                self.clock.advance(Duration::from_secs(secs).min(ask.limit));
                reply(t, Ending::Interrupted)
            }
            Step::Eof => reply("", Ending::NoMoreInput),
            Step::Fail(t) => reply(t, Ending::Broken("terminal gone".into())),
            Step::Say(t, secs, heard) => {
                self.clock.advance(Duration::from_secs(secs));
                Reply {
                    spoken: Some(crate::history::record::Spoken {
                        audio_ms: secs * 1000,
                        transcript: heard.map(str::to_string),
                    }),
                    ..reply(t, Ending::Submitted)
                }
            }
        }
    }
    fn finished(&mut self) {
        self.finished += 1;
    }
    fn notice(&mut self, text: &str) {
        self.notices.push((self.feedback_shown, text.to_string()));
    }
    fn feedback(&mut self, ask: &Ask, _item: &ItemRecord) -> Decision {
        self.feedback_shown += 1;
        self.feedback_numbers.push(ask.number);
        self.clock.advance(self.reading);
        if let Some(d) = self.decisions.pop_front() {
            d
        } else if self.stop_at_feedback == Some(self.feedback_shown) {
            Decision::Stop
        } else {
            self.rate_with.map_or(Decision::Skip, Decision::Rate)
        }
    }
}

pub fn template(bank: &Bank, time: u64, total: Option<u64>, feedback: Feedback) -> SessionRecord {
    let t = jiff::Timestamp::UNIX_EPOCH;
    SessionRecord {
        format: RECORD_FORMAT,
        kind: Default::default(),
        id: "test".into(),
        started_at: t,
        ended_at: t,
        status: SessionStatus::InProgress,
        bank: BankRef {
            title: bank.title.clone(),
            hash: bank.content_hash(),
        },
        seed: 1,
        settings: Settings {
            questions: 3,
            chapters: vec![],
            time_limit_secs: time,
            total_limit_secs: total,
            feedback,
            focus: Focus::Random,
            retry_of: None,
            input: "terminal".into(),
        },
        items: vec![],
    }
}

/// A plan with a per-question limit of `secs` and no total.
fn plan_of(questions: &[u32], secs: u64, feedback: Feedback) -> Plan<'_> {
    Plan {
        questions,
        limits: Limits {
            per_question: Duration::from_secs(secs),
            total: None,
        },
        feedback,
    }
}

struct Run {
    finished: Finished,
    saves: Vec<SessionRecord>,
    source: Scripted,
    /// What each save was told changed (study runs only).
    changes: Vec<Change>,
}

fn run_script(steps: &[Step], time: u64, total: Option<u64>, feedback: Feedback) -> Run {
    run_scripted(steps, time, total, feedback, |_| {})
}

/// `run_script`, with the scripted candidate set up further by `setup`.
fn run_scripted(
    steps: &[Step],
    time: u64,
    total: Option<u64>,
    feedback: Feedback,
    setup: impl FnOnce(&mut Scripted),
) -> Run {
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let ids: Vec<u32> = bank.questions().take(3).map(|l| l.question.id).collect();
    let clock = FakeClock::at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let mut source = Scripted::new(&clock, steps);
    setup(&mut source);
    let mut saves = Vec::new();
    let plan = Plan {
        questions: &ids,
        limits: Limits {
            per_question: Duration::from_secs(time),
            total: total.map(Duration::from_secs),
        },
        feedback,
    };
    let finished = run(
        &bank,
        &scorer,
        &plan,
        template(&bank, time, total, feedback),
        &clock,
        &mut source,
        &mut |r| saves.push(r.clone()),
    )
    .unwrap();
    Run {
        finished,
        saves,
        source,
        changes: Vec::new(),
    }
}

fn outcomes(r: &SessionRecord) -> Vec<Outcome> {
    r.items.iter().map(|i| i.outcome).collect()
}

#[test]
fn a_spoken_answer_is_saved_with_its_note_and_scored_as_typed() {
    let run = run_script(
        &[
            Step::Say("a generator yields values lazily", 6, None),
            Step::Type("typed", 5),
            Step::Say("the GIL", 3, Some("the gill")),
        ],
        180,
        None,
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(outcomes(r), vec![Outcome::Answered; 3]);
    let spoken: Vec<_> = r.items.iter().map(|i| i.spoken.clone()).collect();
    assert_eq!(spoken[0].as_ref().map(|s| s.audio_ms), Some(6000));
    assert_eq!(spoken[1], None, "a typed answer has no note");
    assert_eq!(
        spoken[2].as_ref().and_then(|s| s.transcript.as_deref()),
        Some("the gill")
    );
    assert_eq!(
        r.items[2].answer, "the GIL",
        "the corrected text is the answer"
    );
    // Saved with it after each answer.
    assert!(run.saves[0].items[0].spoken.is_some());
}

#[test]
fn a_full_session_records_answers_times_and_saves_after_each() {
    let bank = Bank::embedded();
    let first = bank.questions().next().unwrap();
    let words = first.question.bullets[0].clone();
    let words: &'static str = Box::leak(words.into_boxed_str());
    let run = run_script(
        &[
            Step::Type(words, 40),
            Step::Type("no idea", 10),
            Step::Type("x", 5),
        ],
        180,
        None,
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(outcomes(r), vec![Outcome::Answered; 3]);
    assert_eq!(r.items[0].answer, words);
    assert_eq!(r.items[0].time_used_ms, 40_000);
    assert_eq!(r.items[1].time_used_ms, 10_000);
    assert!(r.items[0].score() > r.items[1].score());
    assert_eq!((r.ended_at - r.started_at).get_seconds(), 55);
    // Saved after every answer, in progress, with the answers so far.
    assert_eq!(run.saves.len(), 3);
    assert!(
        run.saves
            .iter()
            .all(|s| s.status == SessionStatus::InProgress)
    );
    assert_eq!(run.saves[0].items.len(), 1);
    assert_eq!(run.saves[2].items.len(), 3);
    assert_eq!(run.source.feedback_shown, 0);
}

#[test]
fn a_question_expires_by_the_fake_clock_through_the_countdown_without_waiting() {
    let wall = std::time::Instant::now();
    let run = run_script(
        &[Step::Idle("half an answer"), Step::Type("b", 5)],
        90,
        None,
        Feedback::End,
    );
    // The source watched `Ask::remaining`, which reads the engine's (fake) clock: it
    // started at the whole limit, fell a quarter second a look, and reached zero.
    let seen = &run.source.countdowns[0];
    assert_eq!(seen.first(), Some(&Duration::from_secs(90)));
    assert_eq!(seen.last(), Some(&Duration::ZERO));
    assert_eq!(seen.len(), 90 * 4 + 1);
    assert!(
        seen.windows(2)
            .all(|w| w[0] - w[1] == Duration::from_millis(250))
    );
    let items = &run.finished.record.items;
    assert_eq!(items[0].outcome, Outcome::TimedOut);
    assert_eq!(items[0].answer, "half an answer");
    assert_eq!(items[0].time_used_ms, 90_000);
    assert_eq!(items[1].outcome, Outcome::Answered);
    // Ninety seconds of interview took no real time.
    assert!(wall.elapsed() < Duration::from_secs(5));
}

#[test]
fn the_limits_come_from_the_plan_not_from_the_saved_settings() {
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let ids: Vec<u32> = bank.questions().take(3).map(|l| l.question.id).collect();
    let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
    let mut source = Scripted::new(&clock, &[Step::Idle(""), Step::Idle("b")]);
    let plan = Plan {
        questions: &ids,
        limits: Limits {
            per_question: Duration::from_secs(30),
            total: Some(Duration::from_secs(45)),
        },
        feedback: Feedback::End,
    };
    // The record says ten minutes a question and no total; the plan rules.
    let f = run(
        &bank,
        &scorer,
        &plan,
        template(&bank, 600, None, Feedback::End),
        &clock,
        &mut source,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(
        source.asked,
        vec![
            (1, Duration::from_secs(30), false),
            (2, Duration::from_secs(15), true)
        ]
    );
    assert_eq!(source.countdowns[1][0], Duration::from_secs(15));
    assert_eq!(f.record.status, SessionStatus::TimeUp);
    assert_eq!(
        outcomes(&f.record),
        vec![Outcome::TimedOut, Outcome::Cut, Outcome::Unanswered]
    );
    assert_eq!(f.record.settings.time_limit_secs, 600);
}

#[test]
fn time_running_out_keeps_the_partial_answer_and_goes_on() {
    let run = run_script(
        &[
            Step::Idle("half an answ"),
            Step::Type("b", 20),
            Step::Type("c", 1),
        ],
        90,
        None,
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(
        outcomes(r),
        vec![Outcome::TimedOut, Outcome::Answered, Outcome::Answered]
    );
    assert_eq!(r.items[0].answer, "half an answ");
    assert_eq!(r.items[0].time_used_ms, 90_000);
    assert!(r.items[0].timed_out());
}

#[test]
fn the_total_limit_shortens_the_last_question_and_ends_the_session() {
    // 100 s in all, 60 s a question: the second question gets the 40 s left, and when
    // they run out its answer is cut and the third is never asked.
    let run = run_script(
        &[
            Step::Type("a", 60),
            Step::Idle("partial"),
            Step::Type("c", 1),
        ],
        60,
        Some(100),
        Feedback::End,
    );
    assert_eq!(
        run.source.asked,
        vec![
            (1, Duration::from_secs(60), false),
            (2, Duration::from_secs(40), true)
        ]
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::TimeUp);
    assert_eq!(
        outcomes(r),
        vec![Outcome::Answered, Outcome::Cut, Outcome::Unanswered]
    );
    assert_eq!(r.items[1].answer, "partial");
    assert_eq!(r.items[2].time_used_ms, 0);
    assert_eq!(run.source.steps.len(), 1, "the third question is not asked");
}

#[test]
fn time_reading_feedback_does_not_count_against_the_total() {
    let run = run_scripted(
        &[Step::Type("a", 50), Step::Type("b", 45), Step::Type("c", 1)],
        60,
        Some(100),
        Feedback::Each,
        |s| s.reading = Duration::from_secs(30),
    );
    let asked = &run.source.asked;
    // 50 s of answering left after the first answer, though 80 s have gone by.
    assert_eq!(asked[1].1, Duration::from_secs(50));
    assert!(asked[1].2, "the session ends within the second question");
    // After the second, 5 s: the third is asked, not cut.
    assert_eq!(asked[2].1, Duration::from_secs(5));
    let r = &run.finished.record;
    assert_eq!(outcomes(r)[..2], [Outcome::Answered, Outcome::Answered]);
}

#[test]
fn total_spent_between_questions_ends_the_session_before_the_next() {
    let run = run_script(
        &[Step::Type("a", 50), Step::Type("b", 55), Step::Type("c", 1)],
        60,
        Some(100),
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::TimeUp);
    assert_eq!(
        outcomes(r),
        vec![Outcome::Answered, Outcome::Answered, Outcome::Unanswered]
    );
}

#[test]
fn interruption_keeps_the_answers_and_the_partial_one() {
    let run = run_script(
        &[Step::Type("first", 30), Step::CtrlC("typing whe", 12)],
        180,
        None,
        Feedback::Each,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Interrupted);
    assert_eq!(
        outcomes(r),
        vec![Outcome::Answered, Outcome::Cut, Outcome::Unanswered]
    );
    assert_eq!(r.items[1].answer, "typing whe");
    assert_eq!(r.items[1].time_used_ms, 12_000);
    // Feedback after the first answer only: none for the cut one.
    assert_eq!(run.source.feedback_shown, 1);
    assert_eq!(run.saves.len(), 2);
    assert_eq!(run.saves[1].items[1].answer, "typing whe");
}

#[test]
fn a_question_with_nothing_typed_when_the_session_is_cut_is_unanswered() {
    // Ctrl-C at the first question before typing anything: nothing was attempted.
    let run = run_script(&[Step::CtrlC("  ", 4)], 180, None, Feedback::End);
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Interrupted);
    assert_eq!(outcomes(r), vec![Outcome::Unanswered; 3]);
    // The session's total running out on an empty answer: the same.
    let run = run_script(
        &[Step::Type("a", 60), Step::Idle(""), Step::Type("c", 1)],
        60,
        Some(100),
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::TimeUp);
    assert_eq!(
        outcomes(r),
        vec![Outcome::Answered, Outcome::Unanswered, Outcome::Unanswered]
    );
    // A broken terminal with nothing typed: unanswered too.
    let run = run_script(&[Step::Fail("")], 180, None, Feedback::End);
    assert_eq!(outcomes(&run.finished.record)[0], Outcome::Unanswered);
}

#[test]
fn empty_answers_at_a_time_out_or_submitted_keep_their_outcome_with_score_0() {
    let run = run_script(
        &[Step::Idle(""), Step::Type("", 2), Step::Type("x", 1)],
        30,
        None,
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(
        outcomes(r),
        vec![Outcome::TimedOut, Outcome::Answered, Outcome::Answered]
    );
    assert_eq!(r.items[0].score(), 0.0);
    assert_eq!(r.items[1].score(), 0.0);
}

#[test]
fn the_source_hears_the_session_finished_only_after_the_last_answer() {
    let done = |steps: &[Step]| run_script(steps, 60, None, Feedback::End).source.finished;
    assert_eq!(
        done(&[Step::Type("a", 1), Step::Type("b", 1), Step::Type("c", 1)]),
        1
    );
    assert_eq!(
        done(&[Step::Type("a", 1), Step::Idle(""), Step::Idle("c")]),
        1
    );
    assert_eq!(done(&[Step::Type("a", 1), Step::Eof]), 0);
    assert_eq!(done(&[Step::Type("a", 1), Step::CtrlC("b", 1)]), 0);
}

#[test]
fn running_out_of_input_leaves_the_rest_unanswered_but_complete() {
    let run = run_script(
        &[Step::Type("only one", 3), Step::Eof],
        180,
        None,
        Feedback::End,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(
        outcomes(r),
        vec![Outcome::Answered, Outcome::Unanswered, Outcome::Unanswered]
    );
    // Unanswered items still list their bullets, all missed, so the report can show them.
    assert!(!r.items[1].assessment.bullets.is_empty());
    assert_eq!(r.items[1].score(), 0.0);
}

#[test]
fn a_broken_input_keeps_what_was_typed_and_says_why() {
    let run = run_script(&[Step::Fail("some text")], 180, None, Feedback::End);
    assert_eq!(run.finished.problem.as_deref(), Some("terminal gone"));
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Interrupted);
    assert_eq!(r.items[0].answer, "some text");
    assert_eq!(r.items[0].outcome, Outcome::Cut);
}

#[test]
fn stopping_at_the_feedback_prompt_ends_the_session() {
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let ids: Vec<u32> = bank.questions().take(3).map(|l| l.question.id).collect();
    let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
    let mut source = Scripted::new(&clock, &[Step::Type("a", 1), Step::Type("b", 1)]);
    source.stop_at_feedback = Some(1);
    let f = run(
        &bank,
        &scorer,
        &plan_of(&ids, 60, Feedback::Each),
        template(&bank, 60, None, Feedback::Each),
        &clock,
        &mut source,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(f.record.status, SessionStatus::Interrupted);
    assert_eq!(
        outcomes(&f.record),
        vec![Outcome::Answered, Outcome::Unanswered, Outcome::Unanswered]
    );
}

#[test]
fn stopping_at_the_last_answers_feedback_completes_the_interview() {
    // Every question asked and answered: `q` there ends the interview, not cuts it short (a
    // try-out found it saved as interrupted, exit 130, "Ended early after 3 questions").
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let ids: Vec<u32> = bank.questions().take(2).map(|l| l.question.id).collect();
    let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
    let mut source = Scripted::new(&clock, &[Step::Type("a", 1), Step::Type("b", 1)]);
    source.stop_at_feedback = Some(2);
    let f = run(
        &bank,
        &scorer,
        &plan_of(&ids, 60, Feedback::Each),
        template(&bank, 60, None, Feedback::Each),
        &clock,
        &mut source,
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(source.feedback_shown, 2);
    assert_eq!(f.record.status, SessionStatus::Complete);
    assert_eq!(
        outcomes(&f.record),
        vec![Outcome::Answered, Outcome::Answered]
    );
}

#[test]
fn a_rating_given_at_the_feedback_is_saved_with_the_answer_at_once() {
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let ids: Vec<u32> = bank.questions().take(2).map(|l| l.question.id).collect();
    let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
    let mut source = Scripted::new(&clock, &[Step::Type("a", 1), Step::CtrlC("b", 1)]);
    source.rate_with = Some(crate::fsrs::Rating::Hard);
    let mut saves = Vec::new();
    let f = run(
        &bank,
        &scorer,
        &plan_of(&ids, 60, Feedback::Each),
        template(&bank, 60, None, Feedback::Each),
        &clock,
        &mut source,
        &mut |r| saves.push(r.clone()),
    )
    .unwrap();
    assert_eq!(f.record.items[0].rating, Some(crate::fsrs::Rating::Hard));
    assert_eq!(f.record.items[1].rating, None);
    // The save right after the rating holds it, before the next question is asked.
    assert_eq!(saves[1].items.len(), 1);
    assert_eq!(saves[1].items[0].rating, Some(crate::fsrs::Rating::Hard));
}

#[test]
fn an_unknown_question_is_refused_before_anything_is_asked() {
    let bank = Bank::embedded();
    let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
    let mut source = Scripted::new(&clock, &[]);
    let err = run(
        &bank,
        &Scorer::for_bank(&bank),
        &plan_of(&[999_999], 60, Feedback::End),
        template(&bank, 60, None, Feedback::End),
        &clock,
        &mut source,
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("999999"), "{err}");
    assert!(source.asked.is_empty());
}

/// Runs the engine as `grill study` does: the live queue of chapter 1 with an empty
/// history and `new` new questions a day, untimed, with feedback after every answer.
fn study(new: usize, setup: impl FnOnce(&mut Scripted), steps: &[Step]) -> Run {
    study_in(&[0], new, setup, steps)
}

/// [`study`] over the chapters `chapters`.
fn study_in(
    chapters: &[usize],
    new: usize,
    setup: impl FnOnce(&mut Scripted),
    steps: &[Step],
) -> Run {
    let bank = Bank::embedded();
    let scorer = Scorer::for_bank(&bank);
    let scheduler = crate::fsrs::Scheduler::default();
    let clock = FakeClock::at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let mut source = Scripted::new(&clock, steps);
    setup(&mut source);
    let prior = Default::default();
    let mut due = crate::session::questions::Due::new(
        &bank,
        chapters,
        &prior,
        &scheduler,
        new,
        jiff::tz::TimeZone::UTC,
    );
    let engine = Engine {
        bank: &bank,
        scorer: &scorer,
        plan: SessionPlan {
            pace: Pace::Untimed,
            feedback: Feedback::Each,
        },
        clock: &clock,
    };
    let mut template = template(&bank, 0, None, Feedback::Each);
    template.settings.questions = 0;
    let mut saves = Vec::new();
    let mut changes = Vec::new();
    let finished = engine
        .run(&mut due, template, &mut source, &mut |r, change| {
            saves.push(r.clone());
            changes.push(change);
        })
        .unwrap();
    Run {
        finished,
        saves,
        source,
        changes,
    }
}

#[test]
fn study_asks_the_queue_untimed_until_nothing_is_left() {
    let run = study(
        2,
        |s| s.rate_with = Some(crate::fsrs::Rating::Good),
        &[Step::Type("a", 5), Step::Type("b", 5), Step::Type("c", 5)],
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    // Two new questions a day: the third answer is never asked for.
    assert_eq!(outcomes(r), vec![Outcome::Answered; 2]);
    assert_eq!(
        r.settings.questions, 2,
        "a queue's length is what was answered"
    );
    assert_eq!(run.source.steps.len(), 1);
    // No countdown: the limit is the untimed one, and the count is answered + waiting.
    assert!(run.source.asked.iter().all(|a| a.1 == NO_LIMIT && !a.2));
    assert_eq!(run.source.asked[0].0, 1);
    // The queue ran dry: the source hears the session finished, as after an interview.
    assert_eq!(run.source.finished, 1);
    // Saved after each answer and each rating.
    assert_eq!(run.saves.len(), 4);
    assert!(
        r.items
            .iter()
            .all(|i| i.rating == Some(crate::fsrs::Rating::Good))
    );
    // Distinct questions, in the queue's order (chapter 1's first two new ones).
    assert_ne!(r.items[0].question_id, r.items[1].question_id);
}

#[test]
fn stopping_study_at_the_rating_screen_finishes_it_and_a_skip_leaves_no_rating() {
    let run = study(
        5,
        |s| s.stop_at_feedback = Some(2),
        &[Step::Type("a", 5), Step::Type("b", 5), Step::Type("c", 5)],
    );
    let r = &run.finished.record;
    // Stopping is how study ends: complete, not interrupted, and nothing padded.
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(run.finished.exit(), Exit::Ok);
    assert_eq!(outcomes(r), vec![Outcome::Answered; 2]);
    assert_eq!(run.source.finished, 0);
    // The first feedback skipped (no rating to give): unrated, and no save for it.
    assert_eq!(r.items[0].rating, None);
    assert_eq!(run.saves.len(), 2);
}

#[test]
fn study_cut_before_anything_is_typed_records_nothing() {
    let run = study(5, |_| {}, &[Step::CtrlC(" ", 3)]);
    let r = &run.finished.record;
    assert!(r.items.is_empty());
    assert_eq!(r.status, SessionStatus::Interrupted);
    assert_eq!(run.finished.exit(), Exit::Interrupted);
    // A broken input after some text keeps it, cut, and says why.
    let run = study(5, |_| {}, &[Step::Type("a", 1), Step::Fail("half")]);
    let r = &run.finished.record;
    assert_eq!(outcomes(r), vec![Outcome::Answered, Outcome::Cut]);
    assert_eq!(r.items[1].answer, "half");
    assert_eq!(run.finished.exit(), Exit::Failure);
}

#[test]
fn a_skip_at_an_interviews_feedback_goes_on_without_a_rating() {
    let run = run_script(
        &[Step::Type("a", 1), Step::Type("b", 1), Step::Type("c", 1)],
        60,
        None,
        Feedback::Each,
    );
    let r = &run.finished.record;
    assert_eq!(r.status, SessionStatus::Complete);
    assert_eq!(run.source.feedback_shown, 3);
    assert!(r.items.iter().all(|i| i.rating.is_none()));
    assert_eq!(run.saves.len(), 3, "a skip saves nothing");
}

#[test]
fn study_introduces_new_questions_round_robin_over_the_chapters() {
    // Three chapters, four new questions a day: one from each chapter, then the first chapter's
    // second, as `start --focus due` draws them (not the first chapter's four).
    let run = study_in(
        &[0, 1, 2],
        4,
        |s| s.rate_with = Some(crate::fsrs::Rating::Good),
        &[
            Step::Type("a", 5),
            Step::Type("b", 5),
            Step::Type("c", 5),
            Step::Type("d", 5),
        ],
    );
    let bank = Bank::embedded();
    let chapters: Vec<usize> = run
        .finished
        .record
        .items
        .iter()
        .map(|i| bank.find(i.question_id).unwrap().chapter_index)
        .collect();
    assert_eq!(chapters, [0, 1, 2, 0]);
}

#[test]
fn undo_at_a_feedback_screen_takes_back_the_rating_before_and_asks_it_again() {
    use crate::fsrs::Rating::{Again, Easy, Good, Hard};
    let run = study(
        3,
        |s| {
            s.decisions = [
                // Nothing given yet: the same screen again.
                Decision::Undo,
                Decision::Rate(Good),
                Decision::Rate(Hard),
                // At the third answer: takes back the second's hard and shows it again...
                Decision::Undo,
                // ...and again: takes back the first's good.
                Decision::Undo,
                Decision::Rate(Easy),
                Decision::Skip,
                Decision::Rate(Again),
            ]
            .into();
        },
        &[Step::Type("a", 5), Step::Type("b", 5), Step::Type("c", 5)],
    );
    assert_eq!(run.source.feedback_numbers, [1, 1, 2, 3, 2, 1, 2, 3]);
    // Only the first `u`, with nothing to take back, says so (before the screen after it).
    assert_eq!(
        run.source.notices,
        [(1, crate::session::review::NOTHING_TO_UNDO.to_string())]
    );
    let ratings: Vec<_> = run.finished.record.items.iter().map(|i| i.rating).collect();
    // The second answer was skipped after its hard was taken back: unrated again.
    assert_eq!(ratings, [Some(Easy), None, Some(Again)]);
    use Change::{Added, Undone};
    assert_eq!(
        run.changes,
        [
            Added(0), // answered
            Added(0), // good
            Added(1),
            Added(1), // hard
            Added(2),
            Undone(1),
            Undone(0),
            Added(0), // easy
            Added(2), // again
        ]
    );
}
