//! Scoring an answer against a question's reference bullets by fuzzy keyword coverage.
//!
//! Pure: no I/O, no clock, no randomness, so the same input always gives the same score.
//!
//! PLACEHOLDER IMPLEMENTATION: plain word overlap, to be replaced by the real scorer
//! (stemming, synonyms, typo tolerance, IDF weights). The public types and the signatures of
//! `Scorer::new`, `Scorer::for_bank` and `Scorer::score` are a contract other modules use.

use serde::{Deserialize, Serialize};

use crate::bank::Bank;

/// A bullet at or above this coverage counts as covered.
pub const COVERED: f64 = 0.7;
/// A bullet at or above this coverage (and below `COVERED`) counts as partly covered.
pub const PARTLY: f64 = 0.3;

/// The scorer: keyword weights learned from a set of references, plus synonym groups.
#[derive(Debug, Clone)]
pub struct Scorer {
    _private: (),
}

/// The result of scoring one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0 to 100.
    pub score: f64,
    /// One entry per reference bullet, in order.
    pub bullets: Vec<BulletAssessment>,
}

/// How well one bullet was covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletAssessment {
    /// The bullet's text.
    pub bullet: String,
    /// 0 to 1.
    pub coverage: f64,
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

impl Scorer {
    /// A scorer whose keyword weights come from these references (each a question's bullets),
    /// with extra synonym groups (a bank's own) on top of the built-in ones.
    pub fn new<'a, I>(references: I, synonyms: &[Vec<String>]) -> Scorer
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let _ = (references.into_iter().count(), synonyms);
        Scorer { _private: () }
    }

    /// A scorer for a bank: weights over all its questions, its synonym groups.
    pub fn for_bank(bank: &Bank) -> Scorer {
        Scorer::new(
            bank.questions().map(|l| l.question.bullets.as_slice()),
            &bank.synonyms,
        )
    }

    /// Scores `answer` against `bullets`; `prompt` (when known) earns the answer little.
    pub fn score(&self, prompt: Option<&str>, bullets: &[String], answer: &str) -> Assessment {
        let _ = prompt;
        let words: std::collections::HashSet<String> = answer
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let bullets: Vec<BulletAssessment> = bullets
            .iter()
            .map(|b| {
                let kws: Vec<String> = b.split_whitespace().map(|w| w.to_lowercase()).collect();
                let (hit, miss): (Vec<String>, Vec<String>) =
                    kws.into_iter().partition(|k| words.contains(k));
                let n = hit.len() + miss.len();
                BulletAssessment {
                    bullet: b.clone(),
                    coverage: if n == 0 {
                        0.0
                    } else {
                        hit.len() as f64 / n as f64
                    },
                    matched: hit
                        .into_iter()
                        .map(|k| KeywordMatch {
                            word: k.clone(),
                            keyword: k,
                            how: MatchKind::Exact,
                        })
                        .collect(),
                    missed: miss,
                }
            })
            .collect();
        let score = if bullets.is_empty() {
            0.0
        } else {
            100.0 * bullets.iter().map(|b| b.coverage).sum::<f64>() / bullets.len() as f64
        };
        Assessment { score, bullets }
    }
}
