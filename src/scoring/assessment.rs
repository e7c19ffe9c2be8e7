//! What scoring an answer gives: its [`Assessment`], a bullet's [`BulletAssessment`] and how
//! each keyword was met ([`KeywordMatch`], [`MatchKind`]). Saved in history records and printed
//! by every view, so its fields and their JSON are a stable format.

use serde::{Deserialize, Serialize};

use super::pooling::Pool;

/// A bullet at or above this coverage counts as covered.
pub const COVERED: f64 = 0.7;
/// A bullet at or above this coverage (and below `COVERED`) counts as partly covered.
pub const PARTLY: f64 = 0.3;

/// The result of scoring one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0 to 100 (a saved record with anything else is refused).
    #[serde(deserialize_with = "score_0_to_100")]
    pub score: f64,
    /// One entry per reference bullet, in order.
    pub bullets: Vec<BulletAssessment>,
    /// What the scorer says of the answer as a whole, as a reader should see it ("a list of
    /// terms: ..."). Absent in records from before it (issue 21).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Assessment {
    /// The share of the reference met, 0-1, as the score pools it: the power mean
    /// (`POOL_POWER`) of the bullets' coverages by their weights, so that the share shown beside
    /// the score is the one it grew from.
    pub fn met(&self) -> f64 {
        let mut pool = Pool::default();
        for b in &self.bullets {
            pool.add(b.weight, b.coverage);
        }
        pool.share()
    }
}

/// How well one bullet was covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletAssessment {
    /// The bullet's text.
    pub bullet: String,
    /// 0 to 1 (a saved record with anything else is refused).
    #[serde(deserialize_with = "coverage_0_to_1")]
    pub coverage: f64,
    /// This bullet's share of the score (the bullets' weights add up to 1): its keyword mass,
    /// the summed weights of its keywords, over the whole reference's. A bullet with nothing to
    /// score weighs 0. Records from before weights read as 0.
    #[serde(default)]
    pub weight: f64,
    /// A choice bullet ("Yes.") whose opposite the answer opens with ("No, …"): the score lost
    /// `OPPOSITE_SHARE` of itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub opposite: bool,
    /// A bullet the answer says the opposite of ("`is` does not check identity" for "`is`
    /// checks identity"): met by nothing, and it costs the score (see `scoring::claims`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub contradicted: bool,
    /// The bank's other wording of the bullet that the answer met best, when it met one better
    /// than the bullet's own words (`scoring::alternatives`): `matched` are its keywords then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<String>,
    /// The bullet's keywords that the answer matched, with the answer words that matched them.
    pub matched: Vec<KeywordMatch>,
    /// The bullet's keywords the answer did not match.
    pub missed: Vec<String>,
}

/// One keyword of a bullet and the answer word that matched it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeywordMatch {
    /// The keyword, as written in the bullet.
    pub keyword: String,
    /// The answer's word that matched it, as written in the answer.
    pub word: String,
    /// How it matched.
    pub how: MatchKind,
}

/// How an answer word matched a keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The same word.
    Exact,
    /// The same stem ("iterates" / "iteration").
    Stem,
    /// A synonym or abbreviation ("dict" / "dictionary").
    Synonym,
    /// Within the typo tolerance ("decroator" / "decorator").
    Fuzzy,
    /// A meaningful part of a code name (`lru_cache` in `functools.lru_cache`).
    Part,
    /// The same choice as a choice bullet ("Yes, because…" for "Yes.").
    Choice,
    /// A word sharing a WordNet sense with the keyword, or related to it ("quicker" for
    /// "faster").
    Related,
}

/// The three bands a bullet falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Coverage at or above `COVERED`.
    Covered,
    /// Coverage at or above `PARTLY`.
    Partly,
    /// Below `PARTLY`.
    Missed,
}

impl BulletAssessment {
    /// The band of this bullet's coverage.
    pub fn status(&self) -> Status {
        if self.coverage >= COVERED {
            Status::Covered
        } else if self.coverage >= PARTLY {
            Status::Partly
        } else {
            Status::Missed
        }
    }
}

/// Rounds to a fixed number of decimals (`scale` 100 keeps two), so saved and printed
/// figures are tidy and equal inputs print equal text.
pub(super) fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

// Saved assessments are read back from history files and imports, where a hand-edited or
// hostile file could hold any number: each figure is checked as it is read, and serde_json adds
// the line and column to the message.

/// Reads a score: finite, 0 to 100.
fn score_0_to_100<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    in_range(d, "score", 100.0)
}

/// Reads a bullet's coverage: finite, 0 to 1.
fn coverage_0_to_1<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    in_range(d, "coverage", 1.0)
}

fn in_range<'de, D: serde::Deserializer<'de>>(
    d: D,
    field: &str,
    max: f64,
) -> Result<f64, D::Error> {
    let v = f64::deserialize(d)?;
    if v.is_finite() && (0.0..=max).contains(&v) {
        Ok(v)
    } else {
        // A huge number is shown short: `1e308`, not 309 digits.
        let shown = if v.abs() >= 1e9 {
            format!("{v:e}")
        } else {
            v.to_string()
        };
        Err(serde::de::Error::custom(format!(
            "`{field}` is {shown}, which cannot be: it is always from 0 to {max}"
        )))
    }
}
