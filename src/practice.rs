//! Choosing what to practise next from the history: unseen questions first, then by need, as in
//! spaced repetition.
//!
//! The rule, also in the README ("What to practise next"):
//!
//! 1. Only sessions of the same bank count (matched by bank title, since the content hash changes
//!    whenever a bank is edited but question ids stay), and only answers actually given: a
//!    question drawn but never reached (`unanswered`) is still unseen.
//! 2. Unseen questions come first, taken round-robin over the chosen chapters (the first unseen
//!    question of each chapter, then the second of each...), so the first N of a plan spread over
//!    the chapters as a random draw would.
//! 3. Seen questions follow, least likely to be recalled first. Recall is FSRS's retrievability
//!    `R(t, S) = (1 + t / (9·S))^-1`, with `t` the days since the question was last answered and
//!    `S` a stability in days taken from its latest score: below 50 counts as FSRS's "again"
//!    (S = 0.4 days), 50 to 74 "hard" (1.2), 75 to 89 "good" (3.2), 90 and above "easy" (15.7);
//!    these are FSRS-5's default first-review stabilities. Each earlier answer at 75 or more in an
//!    unbroken run just before a latest answer at 75 or more doubles S (at most 5 times), so a
//!    question known several times over comes back more rarely.
//! 4. Ties (equal recall, as for questions answered moments ago) go to the lower latest score,
//!    then the lower question id, so a plan is the same for the same input.
//!
//! The fsrs crate was not used: it brings a machine-learning stack (burn) for its optimiser,
//! while grill needs only the one formula above.

use std::collections::HashMap;

use crate::bank::Bank;
use crate::history::record::{Outcome, SessionRecord};

/// FSRS-5's default stabilities after a first review, in days, for grades again/hard/good/easy.
const STABILITY: [f64; 4] = [0.40255, 1.18385, 3.173, 15.69105];
/// The latest score at or above which an answer counts as "good" (and extends a run).
pub const GOOD: f64 = 75.0;
/// How many earlier good answers can double the stability.
const MAX_DOUBLINGS: u32 = 5;

/// What the history says about one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    /// The score of the latest answer.
    pub latest: f64,
    /// When the session of the latest answer ended.
    pub last_seen: jiff::Timestamp,
    /// How many answers were given, over all sessions.
    pub attempts: usize,
    /// How many answers at `GOOD` or more came in an unbroken run just before the latest one.
    pub good_run: u32,
}

impl Seen {
    /// Stability in days (see the module doc).
    pub fn stability(&self) -> f64 {
        let grade = if self.latest < 50.0 {
            0
        } else if self.latest < GOOD {
            1
        } else if self.latest < 90.0 {
            2
        } else {
            3
        };
        let doublings = if self.latest >= GOOD {
            self.good_run.min(MAX_DOUBLINGS)
        } else {
            0
        };
        STABILITY[grade] * f64::from(1u32 << doublings)
    }

    /// FSRS retrievability at `now`: the estimated chance of recalling the answer, 0 to 1.
    pub fn retrievability(&self, now: jiff::Timestamp) -> f64 {
        let days = now.duration_since(self.last_seen).as_secs_f64() / 86_400.0;
        retrievability(days.max(0.0), self.stability())
    }
}

/// FSRS's forgetting curve: `R(t, S) = (1 + t / (9·S))^-1`, `t` and `S` in days.
pub fn retrievability(days: f64, stability: f64) -> f64 {
    1.0 / (1.0 + days / (9.0 * stability))
}

/// Whether `session` was drawn from `bank` (by title; see the module doc).
pub fn same_bank(bank: &Bank, session: &SessionRecord) -> bool {
    session.bank.title == bank.title
}

/// The history of every question of `bank` that was answered in `sessions` (other banks'
/// sessions, unanswered items and questions no longer in the bank are left out).
pub fn seen(bank: &Bank, sessions: &[SessionRecord]) -> HashMap<u32, Seen> {
    let mut ordered: Vec<&SessionRecord> = sessions.iter().filter(|s| same_bank(bank, s)).collect();
    // Oldest first, so "latest" is the last one written; the store already sorts this way, but
    // callers may pass any order.
    ordered.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
    let mut out: HashMap<u32, Seen> = HashMap::new();
    for s in ordered {
        for item in &s.items {
            if item.outcome == Outcome::Unanswered || bank.find(item.question_id).is_none() {
                continue;
            }
            let score = item.score();
            match out.get_mut(&item.question_id) {
                Some(seen) => {
                    seen.good_run = if seen.latest >= GOOD {
                        seen.good_run + 1
                    } else {
                        0
                    };
                    seen.latest = score;
                    seen.last_seen = s.ended_at;
                    seen.attempts += 1;
                }
                None => {
                    out.insert(
                        item.question_id,
                        Seen {
                            latest: score,
                            last_seen: s.ended_at,
                            attempts: 1,
                            good_run: 0,
                        },
                    );
                }
            }
        }
    }
    out
}

/// Question ids of the chosen chapters (indices into `bank.chapters`), most in need of practice
/// first, judged from `sessions` at time `now`. Every question of those chapters appears once.
pub fn plan(
    bank: &Bank,
    chapters: &[usize],
    sessions: &[SessionRecord],
    now: jiff::Timestamp,
) -> Vec<u32> {
    let seen = seen(bank, sessions);
    let mut unseen: Vec<(usize, usize, u32)> = Vec::new();
    let mut known: Vec<(f64, f64, u32)> = Vec::new();
    for (ci, chapter) in bank.chapters.iter().enumerate() {
        if !chapters.contains(&ci) {
            continue;
        }
        let mut rank = 0;
        for q in &chapter.questions {
            match seen.get(&q.id) {
                None => {
                    unseen.push((rank, ci, q.id));
                    rank += 1;
                }
                Some(s) => known.push((s.retrievability(now), s.latest, q.id)),
            }
        }
    }
    unseen.sort();
    known.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then(a.1.total_cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    unseen
        .into_iter()
        .map(|(_, _, id)| id)
        .chain(known.into_iter().map(|(_, _, id)| id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Chapter, Question};
    use crate::cli::{Feedback, Focus};
    use crate::history::record::*;
    use crate::scoring::Assessment;

    fn bank() -> Bank {
        let q = |id| Question {
            id,
            prompt: format!("q{id}"),
            bullets: vec!["b".into()],
            notes: Vec::new(),
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
                    },
                    notes: Vec::new(),
                })
                .collect(),
        }
    }

    use Outcome::{Answered, Unanswered};

    #[test]
    fn unseen_first_spread_over_chapters_then_weakest() {
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
        let plan = plan(&bank(), &[0, 1], &sessions, at(0));
        // Unseen 3 (chapter a) and 5, 6 (chapter b), round-robin; then by need: 2 (20), 4 (55), 1 (80).
        assert_eq!(plan, [3, 5, 6, 2, 4, 1]);
    }

    #[test]
    fn long_unseen_good_answer_comes_before_a_fresh_weak_one() {
        let sessions = [
            session("old", 0, "T", &[(1, 90.0, Answered)]),
            session("new", 60, "T", &[(2, 30.0, Answered), (3, 30.0, Answered)]),
        ];
        // After 60 days an "easy" answer (S = 15.7) has R = 0.70; a "again" answer of today 1.0.
        let plan = plan(&bank(), &[0], &sessions, at(60));
        assert_eq!(plan, [1, 2, 3]);
    }

    #[test]
    fn unanswered_and_other_banks_do_not_count_as_seen() {
        let sessions = [
            session("x", 0, "Other", &[(1, 10.0, Answered)]),
            session("y", 0, "T", &[(2, 10.0, Unanswered), (3, 40.0, Answered)]),
        ];
        assert_eq!(plan(&bank(), &[0], &sessions, at(1)), [1, 2, 3]);
    }

    #[test]
    fn only_chosen_chapters_each_question_once() {
        let plan = plan(&bank(), &[1], &[], at(0));
        assert_eq!(plan, [4, 5, 6]);
    }

    #[test]
    fn latest_answer_counts_and_good_runs_lengthen_stability() {
        let sessions = [
            session("1", 0, "T", &[(1, 80.0, Answered), (2, 20.0, Answered)]),
            session("2", 1, "T", &[(1, 85.0, Answered), (2, 80.0, Answered)]),
        ];
        let seen = seen(&bank(), &sessions);
        assert_eq!(seen[&1].latest, 85.0);
        assert_eq!(seen[&1].attempts, 2);
        assert_eq!(seen[&1].good_run, 1);
        assert_eq!(seen[&2].good_run, 0);
        assert!((seen[&1].stability() - 2.0 * 3.173).abs() < 1e-9);
        assert!((seen[&2].stability() - 3.173).abs() < 1e-9);
    }

    #[test]
    fn retrievability_follows_the_fsrs_curve() {
        assert_eq!(retrievability(0.0, 1.0), 1.0);
        // At t = 9·S the curve is at one half.
        assert!((retrievability(9.0, 1.0) - 0.5).abs() < 1e-12);
        assert!(retrievability(30.0, 3.0) < retrievability(3.0, 3.0));
    }
}
