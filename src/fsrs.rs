//! FSRS-6, the Free Spaced Repetition Scheduler, with its published default parameters.
//!
//! A question's memory is two numbers: its *stability* S (the days until the chance of recall
//! falls to 90%) and its *difficulty* D (1 to 10). Each rated answer updates them with FSRS's
//! formulas; the chance of recall t days after the last review is the *retrievability*
//! `R(t, S) = (1 + F·t/S)^-w20` with `F = 0.9^(-1/w20) - 1`, and a question is due when R falls to
//! the desired retention (0.9 unless `--retention` says otherwise).
//!
//! The formulas and the 21 default weights are FSRS-6's, as in the FSRS project's reference
//! scheduler (py-fsrs 6.3, `fsrs.scheduler`; the algorithm is described at
//! <https://github.com/open-spaced-repetition/fsrs4anki/wiki/The-Algorithm>). The state machine
//! is the reference one with one 10-minute learning step and one 10-minute relearning step, and
//! no interval fuzz (grill's draws must be reproducible): a new question rated *again* comes back
//! after 10 minutes (*hard*: 15), as does a known one rated *again*; *good* and *easy* move it to
//! review with an interval of whole days. The tests reproduce the reference scheduler's values.
//!
//! The `fsrs` crate was not used: it brings a machine-learning stack (burn) for its optimiser,
//! while grill needs only these formulas.

use jiff::{SignedDuration, Timestamp};

/// FSRS-6's default weights w0..w20 (py-fsrs 6.3 `DEFAULT_PARAMETERS`).
pub const DEFAULT_WEIGHTS: [f64; 21] = [
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835,
    0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

/// The retention grill schedules for unless told otherwise: due when recall falls to 90%.
pub const DEFAULT_RETENTION: f64 = 0.9;

/// The learning and relearning step: how soon a question rated *again* comes back.
pub const STEP: SignedDuration = SignedDuration::from_mins(10);

const MIN_STABILITY: f64 = 0.001;
const MAX_INTERVAL_DAYS: i64 = 36_500;
const SECONDS_PER_DAY: i64 = 86_400;

/// How well an answer was recalled: Anki's four buttons.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// Not recalled.
    Again = 1,
    /// Recalled with serious difficulty.
    Hard = 2,
    /// Recalled.
    Good = 3,
    /// Recalled with ease.
    Easy = 4,
}

impl Rating {
    /// All four, in order.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    fn grade(self) -> f64 {
        f64::from(self as u8)
    }

    /// The rating's name: again, hard, good or easy.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// Reads a rating as a person types it: its name, its first letter, or its number 1-4.
    pub fn parse(text: &str) -> Option<Rating> {
        match text.trim().to_ascii_lowercase().as_str() {
            "again" | "a" | "1" => Some(Rating::Again),
            "hard" | "h" | "2" => Some(Rating::Hard),
            "good" | "g" | "3" => Some(Rating::Good),
            "easy" | "e" | "4" => Some(Rating::Easy),
            _ => None,
        }
    }
}

impl std::fmt::Display for Rating {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a question stands in the scheduler's state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Rated once or more but not yet graduated (a first answer rated again or hard).
    Learning,
    /// Scheduled in whole days.
    Review,
    /// Forgotten after review; back after a short step.
    Relearning,
}

/// The scheduler's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scheduler {
    /// The 21 weights.
    pub weights: [f64; 21],
    /// The chance of recall at which a question falls due, between 0 and 1.
    pub retention: f64,
}

impl Default for Scheduler {
    fn default() -> Self {
        Scheduler {
            weights: DEFAULT_WEIGHTS,
            retention: DEFAULT_RETENTION,
        }
    }
}

/// What the scheduler knows of one question after its rated answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Days until recall falls to 90%.
    pub stability: f64,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f64,
    /// When it was last rated.
    pub last_review: Timestamp,
    /// When it is next due.
    pub due: Timestamp,
    /// Its phase.
    pub phase: Phase,
    /// How many rated answers it has had.
    pub reviews: u32,
    /// How many times it was forgotten once learnt: rated again while in review, as Anki
    /// counts lapses (an again while still learning is not one).
    pub lapses: u32,
}

impl Scheduler {
    /// A scheduler with the default weights and the given retention.
    pub fn with_retention(retention: f64) -> Self {
        Scheduler {
            retention,
            ..Scheduler::default()
        }
    }

    fn decay(&self) -> f64 {
        -self.weights[20]
    }

    fn factor(&self) -> f64 {
        0.9f64.powf(1.0 / self.decay()) - 1.0
    }

    /// The forgetting curve: the chance of recall `days` after a review, for stability `s`.
    pub fn retrievability_after(&self, days: f64, stability: f64) -> f64 {
        (1.0 + self.factor() * days.max(0.0) / stability).powf(self.decay())
    }

    /// The chance of recalling `memory` at `now`, from the real time elapsed (not whole days),
    /// so questions reviewed minutes apart still order by need.
    pub fn retrievability(&self, memory: &Memory, now: Timestamp) -> f64 {
        let days = now.duration_since(memory.last_review).as_secs_f64() / SECONDS_PER_DAY as f64;
        self.retrievability_after(days, memory.stability)
    }

    /// The memory after a first rated answer at `at`.
    pub fn first(&self, rating: Rating, at: Timestamp) -> Memory {
        let stability = self.weights[rating as usize - 1].max(MIN_STABILITY);
        let difficulty = self.initial_difficulty(rating).clamp(1.0, 10.0);
        let (phase, wait) = match rating {
            Rating::Again => (Phase::Learning, STEP),
            // The reference scheduler's "hard" on the first step waits one and a half steps.
            Rating::Hard => (Phase::Learning, STEP * 3 / 2),
            Rating::Good | Rating::Easy => (Phase::Review, self.interval(stability)),
        };
        Memory {
            stability,
            difficulty,
            last_review: at,
            due: at.saturating_add(wait).unwrap_or(at),
            phase,
            reviews: 1,
            lapses: 0,
        }
    }

    /// The memory after one more rated answer at `at`. A rating older than the last one (an
    /// imported session) counts as given at the last review.
    pub fn review(&self, memory: &Memory, rating: Rating, at: Timestamp) -> Memory {
        let at = at.max(memory.last_review);
        let days = at.duration_since(memory.last_review).as_secs() / SECONDS_PER_DAY;
        let (s, d) = (memory.stability, memory.difficulty);
        let stability = if days < 1 {
            self.short_term_stability(s, rating)
        } else {
            let r = self.retrievability_after(days as f64, s);
            match rating {
                Rating::Again => self.forget_stability(d, s, r),
                _ => self.recall_stability(d, s, r, rating),
            }
        }
        .max(MIN_STABILITY);
        let difficulty = self.next_difficulty(d, rating);
        let (phase, wait) = match (memory.phase, rating) {
            (_, Rating::Again) => match memory.phase {
                Phase::Review | Phase::Relearning => (Phase::Relearning, STEP),
                Phase::Learning => (Phase::Learning, STEP),
            },
            (Phase::Learning | Phase::Relearning, Rating::Hard) => (memory.phase, STEP * 3 / 2),
            _ => (Phase::Review, self.interval(stability)),
        };
        Memory {
            stability,
            difficulty,
            last_review: at,
            due: at.saturating_add(wait).unwrap_or(at),
            phase,
            reviews: memory.reviews.saturating_add(1),
            lapses: memory.lapses.saturating_add(u32::from(
                rating == Rating::Again && memory.phase == Phase::Review,
            )),
        }
    }

    /// `memory` as this scheduler would have timed it: the state and stability do not depend
    /// on the retention, but a question in review falls due when recall reaches it, so a
    /// memory worked out at another retention gets its due time again.
    pub fn retimed(&self, memory: &Memory) -> Memory {
        match memory.phase {
            Phase::Review => Memory {
                due: memory
                    .last_review
                    .saturating_add(self.interval(memory.stability))
                    .unwrap_or(memory.last_review),
                ..*memory
            },
            Phase::Learning | Phase::Relearning => *memory,
        }
    }

    /// Whole days until recall falls to the retention, at least 1.
    fn interval(&self, stability: f64) -> SignedDuration {
        let days = stability / self.factor() * (self.retention.powf(1.0 / self.decay()) - 1.0);
        let days = (days.round() as i64).clamp(1, MAX_INTERVAL_DAYS);
        SignedDuration::from_secs(days * SECONDS_PER_DAY)
    }

    fn initial_difficulty(&self, rating: Rating) -> f64 {
        let w = &self.weights;
        w[4] - (w[5] * (rating.grade() - 1.0)).exp() + 1.0
    }

    fn next_difficulty(&self, d: f64, rating: Rating) -> f64 {
        let w = &self.weights;
        let delta = -w[6] * (rating.grade() - 3.0);
        // Linear damping: the harder a question already is, the less a lapse adds.
        let damped = d + (10.0 - d) * delta / 9.0;
        // Mean reversion towards the difficulty of a first "easy".
        let target = self.initial_difficulty(Rating::Easy);
        (w[7] * target + (1.0 - w[7]) * damped).clamp(1.0, 10.0)
    }

    fn short_term_stability(&self, s: f64, rating: Rating) -> f64 {
        let w = &self.weights;
        let mut increase = (w[17] * (rating.grade() - 3.0 + w[18])).exp() * s.powf(-w[19]);
        if rating != Rating::Again {
            increase = increase.max(1.0);
        }
        s * increase
    }

    fn recall_stability(&self, d: f64, s: f64, r: f64, rating: Rating) -> f64 {
        let w = &self.weights;
        let hard_penalty = if rating == Rating::Hard { w[15] } else { 1.0 };
        let easy_bonus = if rating == Rating::Easy { w[16] } else { 1.0 };
        s * (1.0
            + w[8].exp()
                * (11.0 - d)
                * s.powf(-w[9])
                * (((1.0 - r) * w[10]).exp() - 1.0)
                * hard_penalty
                * easy_bonus)
    }

    fn forget_stability(&self, d: f64, s: f64, r: f64) -> f64 {
        let w = &self.weights;
        let long_term =
            w[11] * d.powf(-w[12]) * ((s + 1.0).powf(w[13]) - 1.0) * ((1.0 - r) * w[14]).exp();
        let short_term = s / (w[17] * w[18]).exp();
        long_term.min(short_term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::*;

    const T0: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    /// Replays `(rating, seconds since the previous review)` and returns, after each review,
    /// (stability, difficulty, seconds until due).
    fn replay(steps: &[(Rating, i64)]) -> Vec<(f64, f64, i64)> {
        let s = Scheduler::default();
        let mut t = Timestamp::from_second(T0).unwrap();
        let mut memory: Option<Memory> = None;
        let mut out = Vec::new();
        for &(rating, wait) in steps {
            t = t.saturating_add(SignedDuration::from_secs(wait)).unwrap();
            let m = match memory {
                None => s.first(rating, t),
                Some(m) => s.review(&m, rating, t),
            };
            out.push((m.stability, m.difficulty, m.due.duration_since(t).as_secs()));
            memory = Some(m);
        }
        out
    }

    fn assert_close(steps: &[(Rating, i64)], expected: &[(f64, f64, i64)]) {
        let got = replay(steps);
        assert_eq!(got.len(), expected.len());
        for (i, (g, e)) in got.iter().zip(expected).enumerate() {
            assert!(
                (g.0 - e.0).abs() < 5e-4 && (g.1 - e.1).abs() < 5e-4 && g.2 == e.2,
                "step {i} of {steps:?}: got {g:?}, reference {e:?}"
            );
        }
    }

    // Reference values: py-fsrs 6.3.2 (`pip install fsrs==6.3.2`), Scheduler(learning_steps=
    // (10 min,), relearning_steps=(10 min,), enable_fuzzing=False), printed to 4 decimals.
    const DAY: i64 = 86_400;

    #[test]
    fn first_ratings_match_the_reference_scheduler() {
        assert_close(&[(Good, 0)], &[(2.3065, 2.1181, 2 * DAY)]);
        assert_close(&[(Again, 0)], &[(0.212, 6.4133, 600)]);
        assert_close(&[(Hard, 0)], &[(1.2931, 5.1122, 900)]);
        assert_close(&[(Easy, 0)], &[(8.2956, 1.0, 8 * DAY)]);
    }

    #[test]
    fn a_run_of_good_reviews_matches_the_reference_scheduler() {
        assert_close(
            &[
                (Good, 0),
                (Good, 3 * DAY),
                (Good, 10 * DAY),
                (Good, 30 * DAY),
            ],
            &[
                (2.3065, 2.1181, 2 * DAY),
                (13.8269, 2.1112, 14 * DAY),
                (47.452, 2.1043, 47 * DAY),
                (132.1682, 2.0975, 132 * DAY),
            ],
        );
    }

    #[test]
    fn a_lapse_relearns_after_ten_minutes_as_the_reference_does() {
        assert_close(
            &[(Good, 0), (Again, 5 * DAY), (Good, 600), (Good, 2 * DAY)],
            &[
                (2.3065, 2.1181, 2 * DAY),
                (0.6826, 7.3945, 600),
                (0.7355, 7.3823, DAY),
                (3.5664, 7.3702, 4 * DAY),
            ],
        );
        assert_close(
            &[(Easy, 0), (Hard, 20 * DAY), (Again, 40 * DAY), (Easy, 3600)],
            &[
                (8.2956, 1.0, 8 * DAY),
                (41.4629, 4.0106, 41 * DAY),
                (2.6865, 8.0166, 600),
                (4.5502, 7.339, 5 * DAY),
            ],
        );
    }

    #[test]
    fn learning_steps_and_same_day_reviews_match_the_reference_scheduler() {
        assert_close(
            &[
                (Again, 0),
                (Again, 600),
                (Hard, 900),
                (Good, DAY),
                (Easy, 7 * DAY),
            ],
            &[
                (0.212, 6.4133, 600),
                (0.0834, 8.8063, 600),
                (0.0834, 9.1928, 900),
                (0.5205, 9.1788, DAY),
                (4.4625, 8.8897, 4 * DAY),
            ],
        );
        assert_close(
            &[(Good, 0), (Good, 3600), (Good, 7200)],
            &[
                (2.3065, 2.1181, 2 * DAY),
                (2.3065, 2.1112, 2 * DAY),
                (2.3065, 2.1043, 2 * DAY),
            ],
        );
    }

    #[test]
    fn recall_is_ninety_percent_after_one_stability_and_due_then() {
        let s = Scheduler::default();
        assert!((s.retrievability_after(7.0, 7.0) - 0.9).abs() < 1e-12);
        assert_eq!(s.retrievability_after(0.0, 3.0), 1.0);
        // A lower retention waits longer.
        let t = Timestamp::from_second(T0).unwrap();
        let strict = s.first(Good, t);
        let loose = Scheduler::with_retention(0.8).first(Good, t);
        assert!(loose.due > strict.due, "{loose:?} vs {strict:?}");
    }

    #[test]
    fn ratings_read_as_names_letters_or_numbers() {
        for (i, r) in Rating::ALL.iter().enumerate() {
            assert_eq!(Rating::parse(r.name()), Some(*r));
            assert_eq!(Rating::parse(&r.name()[..1].to_uppercase()), Some(*r));
            assert_eq!(Rating::parse(&(i + 1).to_string()), Some(*r));
        }
        assert_eq!(Rating::parse("5"), None);
        assert_eq!(Rating::parse("okay"), None);
    }

    #[test]
    fn an_out_of_order_rating_counts_at_the_last_review() {
        let s = Scheduler::default();
        let t = Timestamp::from_second(T0).unwrap();
        let m = s.first(Good, t);
        let earlier = t.saturating_sub(SignedDuration::from_hours(5)).unwrap();
        let next = s.review(&m, Good, earlier);
        assert_eq!(next.last_review, t);
        assert_eq!(next.reviews, 2);
    }

    #[test]
    fn a_lapse_is_forgetting_a_learnt_question_not_a_miss_while_learning() {
        let s = Scheduler::default();
        let t = Timestamp::from_second(T0).unwrap();
        let later = |days: i64| {
            t.saturating_add(SignedDuration::from_hours(24 * days))
                .unwrap()
        };
        let learning = s.first(Again, t);
        assert_eq!(learning.lapses, 0);
        let still = s.review(&learning, Again, later(1));
        assert_eq!(still.lapses, 0);
        let learnt = s.review(&still, Good, later(2));
        assert_eq!(learnt.phase, Phase::Review);
        let forgot = s.review(&learnt, Again, later(9));
        assert_eq!((forgot.lapses, forgot.phase), (1, Phase::Relearning));
        assert_eq!(s.review(&forgot, Again, later(10)).lapses, 1);
    }
}
