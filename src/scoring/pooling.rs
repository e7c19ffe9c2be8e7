//! Pooling: the bullets' coverages made one score. Each bullet weighs its share of the
//! reference's keyword mass; the coverages are pooled by a power mean below 1, so a bullet
//! left bare costs more than one covered again gains; the pooled share less a noise floor,
//! stretched back to 0-1, goes on a square-root curve.

/// The bullets' coverages are pooled by a power mean of this exponent (weighted by keyword
/// mass), not the plain mean: below 1 it weighs the bullets an answer leaves bare more than
/// those it covers over again, so half of each of two ideas beats one idea whole and the other
/// untouched. A one-bullet reference is unchanged.
pub const POOL_POWER: f64 = 0.75;

/// The share of the reference's keyword mass that is noise: the score counts coverage above
/// it, stretched back to 0-1. An answer about something else still meets a few common words
/// ("function", "data"), and the square-root curve would make that tiny share worth 7 points
/// on average (tuned on the dev sets: 4% took off-topic answers from 7.4 to 4.8 of 100, and 5%
/// with the flatter weights of `IDF_POWER`).
pub const NOISE_FLOOR: f64 = 0.05;

/// A trace of the raw share kept in the score, so that answers under the noise floor still rank
/// by what they met (a point at most) instead of all tying at 0: ties cost ranking figures such
/// as ROC AUC.
pub const BELOW_FLOOR: f64 = 0.002;

/// The score curve's exponent: the score is `100 * coverage^CURVE`, a square root. Human
/// graders give a partial answer more than its bare share (half the keywords is not half as
/// good an answer), and against graded answers the square root agrees with them better than
/// a straight line (Pearson r 0.60 against 0.56 on the Mohler data, both halves alike).
pub const CURVE: f64 = 0.5;

/// A bullet's weight in the score: its keyword mass over the reference's (`total`), 0 when
/// the reference has nothing to score.
pub fn weight(mass: f64, total: f64) -> f64 {
    if total > 0.0 { mass / total } else { 0.0 }
}

/// The bullets' coverages pooled by the power mean of `POOL_POWER`, weighted: add each bullet,
/// then take the share.
#[derive(Debug, Default, Clone, Copy)]
pub struct Pool {
    sum: f64,
}

impl Pool {
    /// Adds a bullet of `weight` (see [`weight`]) and `coverage` (0-1).
    pub fn add(&mut self, weight: f64, coverage: f64) {
        self.sum += weight * coverage.powf(POOL_POWER);
    }

    /// The share of the reference met, 0-1.
    pub fn share(&self) -> f64 {
        self.sum.max(0.0).powf(POOL_POWER.recip())
    }
}

/// The score, 0-100 (unrounded), of a pooled share: above the noise floor, stretched back to
/// 0-1, with a trace of the raw share, on the curve.
pub fn score(share: f64) -> f64 {
    let above = ((share - NOISE_FLOOR) / (1.0 - NOISE_FLOOR)).max(0.0) + BELOW_FLOOR * share;
    100.0 * above.clamp(0.0, 1.0).powf(CURVE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pooled(bullets: &[(f64, f64)]) -> f64 {
        let mut pool = Pool::default();
        for &(w, c) in bullets {
            pool.add(w, c);
        }
        pool.share()
    }

    #[test]
    fn a_bullet_weighs_its_share_of_the_mass() {
        assert_eq!(weight(1.0, 4.0), 0.25);
        assert_eq!(weight(3.0, 4.0), 0.75);
        // A reference with nothing to score: no bullet weighs anything (and no division by 0).
        assert_eq!(weight(0.0, 0.0), 0.0);
    }

    #[test]
    fn one_bullet_pools_to_its_own_coverage() {
        for c in [0.0, 0.3, 0.5, 1.0] {
            assert!((pooled(&[(1.0, c)]) - c).abs() < 1e-12, "{c}");
        }
    }

    #[test]
    fn half_of_each_of_two_ideas_beats_one_whole_and_one_bare() {
        let halves = pooled(&[(0.5, 0.5), (0.5, 0.5)]);
        let one = pooled(&[(0.5, 1.0), (0.5, 0.0)]);
        assert!((halves - 0.5).abs() < 1e-12, "{halves}");
        // The plain mean would tie them at 0.5.
        assert!(one < 0.45, "{one}");
    }

    #[test]
    fn the_noise_floor_takes_a_little_and_leaves_a_trace() {
        assert_eq!(score(0.0), 0.0);
        assert!((score(1.0) - 100.0).abs() < 1e-9);
        // Under the floor only the trace is left: a point at most, but above 0.
        let under = score(NOISE_FLOOR * 0.9);
        assert!(under > 0.0 && under < 1.0, "{under}");
        assert!(score(NOISE_FLOOR * 0.5) < under);
    }

    #[test]
    fn the_curve_gives_a_partial_share_more_than_its_bare_share() {
        // A quarter of the reference above the floor scores about half.
        let share = NOISE_FLOOR + 0.25 * (1.0 - NOISE_FLOOR);
        let s = score(share);
        assert!((s - 50.0).abs() < 0.5, "{s}");
    }
}
