//! The candidate's own FSRS weights (`grill schedule --optimize`): fitted to the review log with
//! the `fsrs` crate's optimiser (fsrs-rs), and tried against the default weights on questions
//! the fit never saw. Pure: a review log in, a comparison out; no clock, no store, no terminal.
//!
//! 1. **Items.** Each question's answers, oldest first, with the rating each counts with (the
//!    scheduler's: the candidate's own, else grill's suggestion from the score; see
//!    `history::cards::Answers`), become fsrs's items ([`items`]): one for every answer given a
//!    day or more after the question's answer before, holding the question's answers up to and
//!    including it. `delta_t` is the whole days (24 hours) since the answer before, as grill's
//!    scheduler counts them, 0 for the first answer and for answers on the same day (those
//!    change the memory but are not predicted, as in Anki). Items are ordered by when their last
//!    answer was given, because fsrs weighs recent ones more.
//! 2. **Split.** Every [`HOLD_OUT_EVERY`]th question answered (in id order: the 5th, 10th...)
//!    is held out with all its items; the optimiser fits on the other questions' items
//!    ([`split`]).
//! 3. **Enough?** The fit needs [`MIN_TRAIN`] items to fit on (below 64, fsrs-rs fits only the
//!    first four weights, below 8 none) and [`MIN_TEST`] held-out ones to test on; with fewer,
//!    [`optimize`] says how many more reviews are needed ([`TooFew`]).
//! 4. **Fit** (`fsrs::compute_parameters`, short-term memory on, one relearning step as grill's
//!    scheduler has), rounded to 4 decimals (as Anki keeps them) and held within
//!    [`crate::fsrs::WEIGHT_RANGES`].
//! 5. **Compare.** The default weights, the fitted ones and the candidate's own weights in use
//!    (if any) each predict the held-out items (`fsrs::FSRS::evaluate`): log loss (the
//!    optimiser's own measure; fsrs weighs recent reviews more) and RMSE over fsrs's bins. The
//!    fitted weights are [`Comparison::better`] when their log loss is lower than the defaults'
//!    and the weights' in use; the command keeps them only then, and only when the candidate
//!    agrees.
//!
//! [`simulate`] draws a review log from known weights, the ground truth the tests fit to.

use ::fsrs::{ComputeParametersInput, FSRS, FSRSItem, FSRSReview};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::fsrs::{DEFAULT_WEIGHTS, Rating, Scheduler, WEIGHT_RANGES};
use crate::history::cards::Answers;
use crate::history::weights::{Fit, WEIGHTS_FORMAT, Weights};

/// Every how many questions (in id order) one is held out to test the weights on.
pub const HOLD_OUT_EVERY: usize = 5;

/// Items (reviews a day or more after the answer before) the fit needs to fit on: fsrs-rs
/// fits all 21 weights from 64 on.
pub const MIN_TRAIN: usize = 64;

/// Held-out items the comparison needs, so that it says something.
pub const MIN_TEST: usize = 16;

const SECONDS_PER_DAY: i64 = 86_400;

/// One question's answers as fsrs's items, each with when its last answer was given (see the
/// module doc, step 1).
pub fn items(answers: &Answers) -> Vec<(jiff::Timestamp, FSRSItem)> {
    let mut reviews = Vec::with_capacity(answers.len());
    let mut out = Vec::new();
    let mut previous: Option<jiff::Timestamp> = None;
    for &(at, rating) in answers {
        // As the scheduler counts it: an answer older than the one before counts at that one.
        let at = previous.map_or(at, |p| at.max(p));
        let days = previous.map_or(0, |p| at.duration_since(p).as_secs() / SECONDS_PER_DAY);
        reviews.push(FSRSReview {
            rating: rating as u32,
            delta_t: u32::try_from(days).unwrap_or(u32::MAX),
        });
        if days > 0 {
            out.push((
                at,
                FSRSItem {
                    reviews: reviews.clone(),
                },
            ));
        }
        previous = Some(at);
    }
    out
}

/// The review log split into the items the weights are fitted on and the held-out ones they
/// are tested on, each ordered by when its last answer was given.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// Items of the questions fitted on.
    pub train: Vec<FSRSItem>,
    /// The question of each of `train` (fsrs groups a question's items by it).
    pub train_questions: Vec<i64>,
    /// Items of the held-out questions.
    pub test: Vec<FSRSItem>,
    /// What the log holds.
    pub counts: Counts,
}

/// What a review log holds, as the fit uses it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rated answers in the log.
    pub answers: usize,
    /// Questions answered.
    pub questions: usize,
    /// Of them held out.
    pub held_out: usize,
    /// Items the weights are fitted on: answers a day or more after the answer before, to the
    /// questions not held out.
    pub trained_on: usize,
    /// Items of the held-out questions they are tested on.
    pub tested_on: usize,
}

/// Splits `log` (questions in id order, as `Store::review_log` gives them) by question: every
/// [`HOLD_OUT_EVERY`]th is held out.
pub fn split(log: &[(u32, Answers)]) -> Split {
    let mut train = Vec::new();
    let mut test = Vec::new();
    let mut counts = Counts::default();
    let mut ids: Vec<&(u32, Answers)> = log.iter().filter(|(_, a)| !a.is_empty()).collect();
    ids.sort_by_key(|(q, _)| *q);
    for (n, (q, answers)) in ids.into_iter().enumerate() {
        counts.answers += answers.len();
        counts.questions += 1;
        let held_out = (n + 1) % HOLD_OUT_EVERY == 0;
        counts.held_out += usize::from(held_out);
        for (at, item) in items(answers) {
            if held_out {
                test.push((at, *q, item));
            } else {
                train.push((at, *q, item));
            }
        }
    }
    // Oldest last answer first; a question's items stay in order (a later one is longer).
    let by_time = |a: &(jiff::Timestamp, u32, FSRSItem), b: &(jiff::Timestamp, u32, FSRSItem)| {
        (a.0, a.1, a.2.reviews.len()).cmp(&(b.0, b.1, b.2.reviews.len()))
    };
    train.sort_by(by_time);
    test.sort_by(by_time);
    counts.trained_on = train.len();
    counts.tested_on = test.len();
    Split {
        train_questions: train.iter().map(|(_, q, _)| i64::from(*q)).collect(),
        train: train.into_iter().map(|(_, _, i)| i).collect(),
        test: test.into_iter().map(|(_, _, i)| i).collect(),
        counts,
    }
}

/// Too few reviews to fit: what the log holds and how many more reviews it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TooFew {
    /// What the log holds.
    pub counts: Counts,
    /// At least this many more answers given a day or more after the question's answer before.
    pub more_needed: usize,
}

impl TooFew {
    /// `None` when `counts` are enough to fit and test on.
    pub fn of(counts: Counts) -> Option<TooFew> {
        let short = MIN_TRAIN
            .saturating_sub(counts.trained_on)
            .max(MIN_TEST.saturating_sub(counts.tested_on))
            .max((MIN_TRAIN + MIN_TEST).saturating_sub(counts.trained_on + counts.tested_on));
        (short > 0).then_some(TooFew {
            counts,
            more_needed: short,
        })
    }
}

/// The fitted weights and how they and the defaults predicted the held-out reviews.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// What the log holds.
    pub counts: Counts,
    /// The default weights on the held-out reviews.
    pub default: Fit,
    /// The fitted weights on the held-out reviews.
    pub fitted: Fit,
    /// The candidate's own weights in use on the held-out reviews (none: the defaults are).
    pub current: Option<Fit>,
    /// The fitted weights, w0..w20.
    pub weights: [f64; 21],
}

impl Comparison {
    /// Whether the fitted weights predicted the held-out reviews better: a lower log loss than
    /// the defaults' and than the weights' in use.
    pub fn better(&self) -> bool {
        self.fitted.log_loss < self.default.log_loss
            && self
                .current
                .is_none_or(|c| self.fitted.log_loss < c.log_loss)
    }

    /// The weights to keep, fitted on `bank`'s log at `now`.
    pub fn to_keep(&self, bank: &str, now: jiff::Timestamp) -> Weights {
        Weights {
            format: WEIGHTS_FORMAT,
            weights: self.weights.to_vec(),
            fitted_at: now,
            bank: bank.to_string(),
            reviews: self.counts.answers,
            trained_on: self.counts.trained_on,
            tested_on: self.counts.tested_on,
            default: self.default,
            fitted: self.fitted,
        }
    }
}

/// What fitting a review log came to.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // one a command, never in a collection
pub enum Optimized {
    /// Too few reviews to fit.
    TooFew(TooFew),
    /// Fitted and compared.
    Fitted(Comparison),
}

fn failed(what: &str, e: ::fsrs::FSRSError) -> Error {
    Error::Failed(format!("fitting the FSRS weights failed: {what} ({e:?})"))
}

/// How well `weights` predict `items`.
pub fn evaluate(weights: &[f64; 21], items: &[FSRSItem]) -> Result<Fit> {
    let w: Vec<f32> = weights.iter().map(|&w| w as f32).collect();
    let model = FSRS::new(&w).map_err(|e| failed("the weights", e))?;
    let m = model
        .evaluate(items.to_vec(), |_| true)
        .map_err(|e| failed("testing on the held-out reviews", e))?;
    Ok(Fit {
        log_loss: f64::from(m.log_loss),
        rmse_bins: f64::from(m.rmse_bins),
    })
}

/// fsrs's fitted parameters as grill's weights: rounded to 4 decimals and within
/// [`WEIGHT_RANGES`] (an `f32` bound such as 0.8 reads as 0.800000011 otherwise).
fn to_weights(fitted: &[f32]) -> Result<[f64; 21]> {
    let w: [f32; 21] = fitted.try_into().map_err(|_| {
        Error::Failed(format!(
            "fitting the FSRS weights failed: fsrs gave {} parameters, not 21",
            fitted.len()
        ))
    })?;
    let mut out = [0.0; 21];
    for (i, (o, (low, high))) in out.iter_mut().zip(WEIGHT_RANGES).enumerate() {
        let v = (f64::from(w[i]) * 10_000.0).round() / 10_000.0;
        if !v.is_finite() {
            return Err(Error::Failed(format!(
                "fitting the FSRS weights failed: w{i} came out as {v}"
            )));
        }
        *o = v.clamp(low, high);
    }
    Ok(out)
}

/// Fits weights to `log` and compares them with the defaults and the `current` own weights in
/// use (if any) on the held-out questions (see the module doc).
pub fn optimize(log: &[(u32, Answers)], current: Option<&[f64; 21]>) -> Result<Optimized> {
    let split = split(log);
    if let Some(few) = TooFew::of(split.counts) {
        return Ok(Optimized::TooFew(few));
    }
    let fitted = ::fsrs::compute_parameters(ComputeParametersInput {
        train_set: split.train.clone(),
        card_ids: Some(split.train_questions.clone()),
        enable_short_term: true,
        num_relearning_steps: Some(1),
        ..ComputeParametersInput::default()
    })
    .map_err(|e| failed("the optimiser", e))?;
    let weights = to_weights(&fitted)?;
    Ok(Optimized::Fitted(Comparison {
        counts: split.counts,
        default: evaluate(&DEFAULT_WEIGHTS, &split.test)?,
        fitted: evaluate(&weights, &split.test)?,
        current: current.map(|w| evaluate(w, &split.test)).transpose()?,
        weights,
    }))
}

/// A review log drawn from known weights: `questions` questions met over the first half of
/// `days` days from `start` (one every so often), each reviewed when grill's default scheduler
/// says it is due (up to two hours late), until `days` are over. Whether each review is recalled
/// is drawn (seeded by `seed`) from the chance of recall that `truth` gives it; a recall is
/// rated hard, good or easy (15%, 75%, 10%), a miss again; a first answer again, hard, good or
/// easy (20%, 10%, 55%, 15%). The tests fit to it and check the weights come back closer to
/// `truth` than the defaults are.
pub fn simulate(
    truth: &Scheduler,
    questions: u32,
    days: i64,
    seed: u64,
    start: jiff::Timestamp,
) -> Vec<(u32, Answers)> {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let grill = Scheduler::default();
    let end = start
        .saturating_add(jiff::SignedDuration::from_secs(days * SECONDS_PER_DAY))
        .unwrap_or(start);
    let pick = |u: f64, odds: [f64; 4]| -> Rating {
        let mut acc = 0.0;
        for (r, p) in Rating::ALL.into_iter().zip(odds) {
            acc += p;
            if u < acc {
                return r;
            }
        }
        Rating::Easy
    };
    (1..=questions)
        .map(|q| {
            let offset = i64::from(q - 1) * days * SECONDS_PER_DAY / 2 / i64::from(questions);
            let mut at = start
                .saturating_add(jiff::SignedDuration::from_secs(offset))
                .unwrap_or(start);
            let rating = pick(rng.random(), [0.2, 0.1, 0.55, 0.15]);
            let (mut known, mut timed) = (truth.first(rating, at), grill.first(rating, at));
            let mut answers = vec![(at, rating)];
            loop {
                let late = jiff::SignedDuration::from_secs(rng.random_range(0..7_200));
                at = timed.due.saturating_add(late).unwrap_or(timed.due);
                if at >= end {
                    break;
                }
                let recalled = rng.random::<f64>() < truth.retrievability(&known, at);
                let rating = if recalled {
                    pick(rng.random(), [0.0, 0.15, 0.75, 0.1])
                } else {
                    Rating::Again
                };
                known = truth.review(&known, rating, at);
                timed = grill.review(&timed, rating, at);
                answers.push((at, rating));
            }
            (q, answers)
        })
        .collect()
}

#[cfg(test)]
mod tests;
