//! Choosing what to practise next from the history, as a spaced-repetition tool does.
//!
//! The rule, also in the README ("What to practise next"):
//!
//! 1. Only sessions of the same bank count (matched by bank title, since the content hash changes
//!    whenever a bank is edited but question ids stay), and only answers actually given: a
//!    question drawn but never reached (`unanswered`) is still unseen.
//! 2. Every given answer is a review for the FSRS scheduler ([`crate::fsrs`]), oldest first, at
//!    the time it was given (for records older than that field, when its session ended). Its rating is the candidate's own rating where there is one,
//!    else grill's score mapped by [`rating_for_score`]: below 50 *again*, 50 to 74 *hard*, 75 to
//!    89 *good*, 90 and above *easy*. This gives each seen question a memory state (stability,
//!    difficulty) and a due time.
//! 3. `--focus weak` ([`weak`]): the questions known least first. Seen questions whose latest
//!    rating was again or hard, lowest stability first; then the other seen questions, lowest
//!    retrievability first; then unseen questions, round-robin over the chapters (the first
//!    unseen question of each chapter, then the second...).
//! 4. `--focus due` ([`queue`]): due and overdue questions, lowest retrievability first; then new
//!    questions (round-robin over the chapters) up to what is left of the day's limit of new
//!    questions (`--new`, counted across sessions by the day of their first answer); then the
//!    seen questions closest to due; then the remaining new questions.
//! 5. Ties go to the lower latest score, then the lower question id, so a plan is the same for
//!    the same input.
//!
//! The formulas are grill's own ([`crate::fsrs`]); the `fsrs` crate only fits the candidate's own
//! weights to the review log ([`optimize`]).

pub mod optimize;
pub mod schedule;

use std::collections::HashMap;

use crate::bank::Bank;
use crate::fsrs::{Rating, Scheduler};
use crate::history::record::{Outcome, SessionRecord};

pub use crate::history::cards::{
    GOOD, Seen, counted_score, observe, rating_figure, rating_for_score, rating_of,
};

/// New questions allowed a day with `--focus due` unless `--new` says otherwise.
pub const NEW_PER_DAY: usize = 10;

/// Whether `session` was drawn from `bank` (by title; see the module doc).
pub fn same_bank(bank: &Bank, session: &SessionRecord) -> bool {
    session.bank.title == bank.title
}

/// The history of every question of `bank` that was answered in `sessions` (other banks'
/// sessions, unanswered items and questions no longer in the bank are left out).
pub fn seen<'a>(
    bank: &Bank,
    sessions: impl IntoIterator<Item = &'a SessionRecord>,
    scheduler: &Scheduler,
) -> HashMap<u32, Seen> {
    let mut ordered: Vec<&SessionRecord> = sessions
        .into_iter()
        .filter(|s| same_bank(bank, s))
        .collect();
    // Oldest first, so "latest" is the last one written; the store already sorts this way, but
    // callers may pass any order.
    ordered.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
    seen_after(bank, &HashMap::new(), ordered, scheduler)
}

/// The cards of `bank`'s questions as the history's database keeps them (worked out at the
/// default retention), timed for `scheduler`, without the questions the bank no longer holds.
pub fn from_cards(
    bank: &Bank,
    cards: HashMap<u32, Seen>,
    scheduler: &Scheduler,
) -> HashMap<u32, Seen> {
    let index = bank.index();
    cards
        .into_iter()
        .filter(|(q, _)| index.get(*q).is_some())
        .map(|(q, mut seen)| {
            seen.memory = scheduler.retimed(&seen.memory);
            (q, seen)
        })
        .collect()
}

/// `prior` with the answers of `sessions` (newer than everything `prior` counted) folded in, as
/// [`seen`] folds them.
pub fn seen_after<'a>(
    bank: &Bank,
    prior: &HashMap<u32, Seen>,
    sessions: impl IntoIterator<Item = &'a SessionRecord>,
    scheduler: &Scheduler,
) -> HashMap<u32, Seen> {
    let mut out = prior.clone();
    let index = bank.index();
    for s in sessions.into_iter().filter(|s| same_bank(bank, s)) {
        fold(&mut out, &index, s, scheduler);
    }
    out
}

/// Folds the answers of session `s` (newer than everything `seen` counted) into `seen`: each
/// answer given to a question the bank (`index`) still holds.
pub fn fold(
    seen: &mut HashMap<u32, Seen>,
    index: &crate::bank::Index,
    s: &SessionRecord,
    scheduler: &Scheduler,
) {
    for item in &s.items {
        if item.outcome == Outcome::Unanswered || index.get(item.question_id).is_none() {
            continue;
        }
        observe(
            seen,
            item,
            item.answered_at.unwrap_or(s.ended_at),
            scheduler,
        );
    }
}

/// The unseen questions of the chosen chapters, round-robin over the chapters in bank order,
/// and the seen ones, in bank order.
fn split(bank: &Bank, chapters: &[usize], seen: &HashMap<u32, Seen>) -> (Vec<u32>, Vec<u32>) {
    let mut unseen: Vec<(usize, usize, u32)> = Vec::new();
    let mut known = Vec::new();
    for &ci in chapters {
        let Some(chapter) = bank.chapters.get(ci) else {
            continue;
        };
        let mut rank = 0;
        for q in &chapter.questions {
            if seen.contains_key(&q.id) {
                known.push(q.id);
            } else {
                unseen.push((rank, ci, q.id));
                rank += 1;
            }
        }
    }
    unseen.sort_unstable();
    (unseen.into_iter().map(|(_, _, id)| id).collect(), known)
}

/// Sorts `ids` by `key`, then by lower latest score, then by id.
fn sort_by_need(ids: &mut [u32], seen: &HashMap<u32, Seen>, key: impl Fn(&Seen) -> f64) {
    ids.sort_by(|a, b| {
        let (sa, sb) = (&seen[a], &seen[b]);
        key(sa)
            .total_cmp(&key(sb))
            .then(sa.latest.total_cmp(&sb.latest))
            .then(a.cmp(b))
    });
}

/// Question ids of the chosen chapters (indices into `bank.chapters`) for `--focus weak`, the
/// least known first (see the module doc). Every question of those chapters appears once.
pub fn weak(
    bank: &Bank,
    chapters: &[usize],
    seen: &HashMap<u32, Seen>,
    scheduler: &Scheduler,
    now: jiff::Timestamp,
) -> Vec<u32> {
    let (unseen, known) = split(bank, chapters, seen);
    let (mut failing, mut rest): (Vec<u32>, Vec<u32>) = known
        .into_iter()
        .partition(|id| seen[id].latest_rating <= Rating::Hard);
    sort_by_need(&mut failing, seen, |s| s.stability());
    sort_by_need(&mut rest, seen, |s| s.retrievability(scheduler, now));
    failing.into_iter().chain(rest).chain(unseen).collect()
}

/// The spaced-repetition queue of the chosen chapters at `now` (see the module doc).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Queue {
    /// Due and overdue questions, lowest retrievability first.
    pub due: Vec<u32>,
    /// New questions within the day's limit.
    pub new: Vec<u32>,
    /// Seen questions not yet due, closest to due first.
    pub later: Vec<u32>,
    /// New questions beyond the day's limit.
    pub more_new: Vec<u32>,
}

impl Queue {
    /// What `--focus due` may ask: due, then new within the day's limit, then closest to due.
    pub fn within_limit(&self) -> Vec<u32> {
        [&self.due, &self.new, &self.later]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    }

    /// Every question in queue order.
    pub fn order(&self) -> Vec<u32> {
        [&self.due, &self.new, &self.later, &self.more_new]
            .into_iter()
            .flatten()
            .copied()
            .collect()
    }
}

/// How many questions were new (first answered) on the day of `now` in `tz`.
pub fn new_today(
    seen: &HashMap<u32, Seen>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> usize {
    let today = now.to_zoned(tz.clone()).date();
    seen.values()
        .filter(|s| s.first_seen.to_zoned(tz.clone()).date() == today)
        .count()
}

/// The questions of the chosen chapters that `seen` has not seen, in the order new questions
/// are introduced: round-robin over the chapters (the first unseen question of each chapter,
/// then the second...), so a day of new questions spans the chapters.
pub fn unseen(bank: &Bank, chapters: &[usize], seen: &HashMap<u32, Seen>) -> Vec<u32> {
    split(bank, chapters, seen).0
}

/// The queue for `--focus due` and `grill study`: `new_left` is how many new questions the day
/// still allows.
pub fn queue(
    bank: &Bank,
    chapters: &[usize],
    seen: &HashMap<u32, Seen>,
    scheduler: &Scheduler,
    now: jiff::Timestamp,
    new_left: usize,
) -> Queue {
    let (mut unseen, known) = split(bank, chapters, seen);
    let (mut due, mut later): (Vec<u32>, Vec<u32>) =
        known.into_iter().partition(|id| seen[id].is_due(now));
    sort_by_need(&mut due, seen, |s| s.retrievability(scheduler, now));
    sort_by_need(&mut later, seen, |s| s.memory.due.as_second() as f64);
    let more_new = unseen.split_off(new_left.min(unseen.len()));
    Queue {
        due,
        new: unseen,
        later,
        more_new,
    }
}

/// How much practice today holds: questions due now, and new ones the day still allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Seen questions due at `now`.
    pub due: usize,
    /// New questions still allowed today (no more than the bank has unseen).
    pub new_left: usize,
    /// Questions answered for the first time today, in any session (they count against the
    /// day's allowance).
    pub met_today: usize,
    /// The day's allowance of new questions.
    pub per_day: usize,
}

impl Outlook {
    /// The outlook of the chosen chapters at `now`, with `new_per_day` new questions a day,
    /// counted as the report and `--focus due` count them.
    pub fn at(
        bank: &Bank,
        chapters: &[usize],
        seen: &HashMap<u32, Seen>,
        scheduler: &Scheduler,
        now: jiff::Timestamp,
        new_per_day: usize,
    ) -> Outlook {
        let met_today = new_today(seen, now, &crate::time::zone());
        let left = new_per_day.saturating_sub(met_today);
        let q = queue(bank, chapters, seen, scheduler, now, left);
        Outlook {
            due: q.due.len(),
            new_left: q.new.len(),
            met_today,
            per_day: new_per_day,
        }
    }

    /// Today's outlook of the whole bank at `now`, from what the history has seen: what the
    /// start screen, the end of a session and `grill review` say under "Today:".
    pub fn of_bank(
        bank: &Bank,
        seen: &HashMap<u32, Seen>,
        scheduler: &Scheduler,
        now: jiff::Timestamp,
        new_per_day: usize,
    ) -> Outlook {
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        Outlook::at(bank, &all, seen, scheduler, now, new_per_day)
    }

    /// "3 due now, 10 new left today", as the report says it.
    pub fn sentence(&self) -> String {
        format!("{} due now, {} new left today", self.due, self.new_left)
    }

    /// The day as an interview that is not limited by the allowance says it (random and weak
    /// draws take any question): what is due, and what the study queue still introduces.
    pub fn queue_sentence(&self) -> String {
        format!(
            "{} due now; the study queue introduces {} more new today ({} a day; {} met for \
             the first time today)",
            self.due, self.new_left, self.per_day, self.met_today
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Chapter, Question};
    use crate::history::record::*;
    use crate::history::record::{Feedback, Focus};
    use crate::scoring::Assessment;

    fn bank() -> Bank {
        let q = |id| Question {
            id,
            prompt: format!("q{id}"),
            bullets: vec!["b".into()],
            ..Default::default()
        };
        Bank {
            title: "T".into(),
            description: None,
            chapters: vec![
                Chapter {
                    id: "a".into(),
                    title: "A".into(),
                    questions: vec![q(1), q(2), q(3)],
                },
                Chapter {
                    id: "b".into(),
                    title: "B".into(),
                    questions: vec![q(4), q(5), q(6)],
                },
            ],
            tips: vec![],
            synonyms: vec![],
        }
    }

    fn at(day: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(1_790_000_000 + day * 86_400).unwrap()
    }

    fn session(id: &str, day: i64, title: &str, items: &[(u32, f64, Outcome)]) -> SessionRecord {
        SessionRecord {
            format: RECORD_FORMAT,
            kind: Default::default(),
            id: id.into(),
            started_at: at(day),
            ended_at: at(day),
            status: SessionStatus::Complete,
            bank: BankRef {
                title: title.into(),
                hash: "h".into(),
            },
            seed: 1,
            settings: Settings {
                questions: items.len(),
                chapters: vec![],
                time_limit_secs: 180,
                total_limit_secs: None,
                feedback: Feedback::End,
                focus: Focus::Random,
                retry_of: None,
                input: "file".into(),
            },
            items: items
                .iter()
                .map(|&(q, score, outcome)| ItemRecord {
                    question_id: q,
                    chapter: "a".into(),
                    prompt: String::new(),
                    answer: String::new(),
                    outcome,
                    time_used_ms: 0,
                    assessment: Assessment {
                        score,
                        bullets: vec![],
                        notes: Vec::new(),
                    },
                    notes: Vec::new(),
                    rating: None,
                    rated_by: None,
                    answered_at: None,
                    spoken: None,
                })
                .collect(),
        }
    }

    use Outcome::{Answered, Unanswered};

    fn weak_plan(sessions: &[SessionRecord], chapters: &[usize], now: jiff::Timestamp) -> Vec<u32> {
        let sch = Scheduler::default();
        let seen = seen(&bank(), sessions, &sch);
        weak(&bank(), chapters, &seen, &sch, now)
    }

    #[test]
    fn scores_map_to_ratings_at_the_documented_thresholds() {
        assert_eq!(rating_for_score(0.0), Rating::Again);
        assert_eq!(rating_for_score(49.9), Rating::Again);
        assert_eq!(rating_for_score(50.0), Rating::Hard);
        assert_eq!(rating_for_score(74.9), Rating::Hard);
        assert_eq!(rating_for_score(75.0), Rating::Good);
        assert_eq!(rating_for_score(89.9), Rating::Good);
        assert_eq!(rating_for_score(90.0), Rating::Easy);
    }

    #[test]
    fn weak_puts_failed_answers_first_then_seen_then_unseen_spread_over_chapters() {
        let sessions = [session(
            "s1",
            0,
            "T",
            &[
                (1, 80.0, Answered),
                (2, 20.0, Answered),
                (4, 55.0, Answered),
            ],
        )];
        // Failed: 2 (again, lowest stability) then 4 (hard); then 1 (good); then unseen 3
        // (chapter a) and 5, 6 (chapter b), round-robin.
        assert_eq!(weak_plan(&sessions, &[0, 1], at(0)), [2, 4, 1, 3, 5, 6]);
    }

    #[test]
    fn among_known_questions_the_least_recalled_comes_first() {
        let sessions = [
            session("old", 0, "T", &[(1, 80.0, Answered)]),
            session("new", 20, "T", &[(2, 80.0, Answered)]),
        ];
        // Both "good" once; question 1 was answered 20 days earlier, so it is recalled less.
        assert_eq!(weak_plan(&sessions, &[0], at(21)), [1, 2, 3]);
    }

    #[test]
    fn a_later_good_answer_takes_a_question_out_of_the_failed_ones() {
        let sessions = [
            session("1", 0, "T", &[(1, 10.0, Answered), (2, 10.0, Answered)]),
            session("2", 1, "T", &[(1, 95.0, Answered)]),
        ];
        let plan = weak_plan(&sessions, &[0], at(1));
        assert_eq!(plan, [2, 1, 3]);
        let sch = Scheduler::default();
        let seen = seen(&bank(), &sessions, &sch);
        assert_eq!(seen[&1].attempts, 2);
        assert_eq!(seen[&1].latest, 95.0);
        assert_eq!(seen[&1].latest_rating, Rating::Easy);
        assert!(seen[&1].stability() > seen[&2].stability());
    }

    #[test]
    fn unanswered_and_other_banks_do_not_count_as_seen() {
        let sessions = [
            session("x", 0, "Other", &[(1, 10.0, Answered)]),
            session("y", 0, "T", &[(2, 10.0, Unanswered), (3, 40.0, Answered)]),
        ];
        assert_eq!(weak_plan(&sessions, &[0], at(1)), [3, 1, 2]);
    }

    #[test]
    fn only_chosen_chapters_each_question_once() {
        assert_eq!(weak_plan(&[], &[1], at(0)), [4, 5, 6]);
    }

    #[test]
    fn the_queue_takes_due_then_new_up_to_the_limit_then_closest_to_due() {
        let sessions = [
            // Day 0: 1 good (due on day 2), 4 again (due after 10 minutes), 5 easy (due day 8).
            session(
                "1",
                0,
                "T",
                &[
                    (1, 80.0, Answered),
                    (4, 10.0, Answered),
                    (5, 95.0, Answered),
                ],
            ),
        ];
        let sch = Scheduler::default();
        let seen = seen(&bank(), &sessions, &sch);
        let q = queue(&bank(), &[0, 1], &seen, &sch, at(3), 1);
        // Day 3: 4 and 1 are due, 4 least recalled; one new (2, chapter a first); 5 later; then
        // the other new ones (6 before 3: round-robin puts chapter b's first unseen second).
        assert_eq!(q.due, [4, 1]);
        assert_eq!(q.new, [2]);
        assert_eq!(q.later, [5]);
        assert_eq!(q.more_new, [6, 3]);
        assert_eq!(q.order(), [4, 1, 2, 5, 6, 3]);
        assert_eq!(q.within_limit(), [4, 1, 2, 5]);
        // Minutes after the session only the "again" answer is due.
        let soon = at(0)
            .checked_add(jiff::SignedDuration::from_mins(11))
            .unwrap();
        let q = queue(&bank(), &[0, 1], &seen, &sch, soon, 0);
        assert_eq!(q.due, [4]);
        assert!(q.new.is_empty());
    }

    #[test]
    fn a_self_rating_overrides_the_score_in_scheduling_and_figures() {
        let mut sessions = [session(
            "1",
            0,
            "T",
            &[(1, 10.0, Answered), (2, 10.0, Answered)],
        )];
        sessions[0].items[0].rating = Some(Rating::Easy);
        assert_eq!(counted_score(&sessions[0].items[0]), 95.0);
        assert_eq!(counted_score(&sessions[0].items[1]), 10.0);
        let sch = Scheduler::default();
        let seen = seen(&bank(), &sessions, &sch);
        assert_eq!(seen[&1].latest_rating, Rating::Easy);
        assert_eq!(seen[&1].latest, 95.0);
        // Rated easy, question 1 is no longer among the failed: 2 leads, 1 follows.
        assert_eq!(weak(&bank(), &[0], &seen, &sch, at(0)), [2, 1, 3]);
        for r in Rating::ALL {
            assert_eq!(rating_for_score(rating_figure(r)), r);
        }
    }

    #[test]
    fn new_questions_are_counted_by_the_day_of_their_first_answer() {
        let sessions = [
            session("1", 0, "T", &[(1, 80.0, Answered)]),
            session(
                "2",
                1,
                "T",
                &[
                    (1, 80.0, Answered),
                    (2, 80.0, Answered),
                    (3, 10.0, Answered),
                ],
            ),
        ];
        let sch = Scheduler::default();
        let seen = seen(&bank(), &sessions, &sch);
        let utc = jiff::tz::TimeZone::UTC;
        assert_eq!(new_today(&seen, at(1), &utc), 2);
        assert_eq!(new_today(&seen, at(2), &utc), 0);
    }
}
