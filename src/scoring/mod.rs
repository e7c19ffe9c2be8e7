//! Scoring an answer against a question's reference bullets by fuzzy keyword coverage.
//!
//! Pure: no I/O, no clock, no randomness, so the same input always gives the same score.
//!
//! Each bullet's keywords ([`keywords`]) are its words that are not stopwords, stemmed, with code
//! names kept whole ([`tokens`]) and synonym phrases recognized ([`synonyms`]). A keyword weighs
//! its inverse document frequency over the references the [`Scorer`] was built from, so specific
//! terms count more than generic ones, and little when the question's prompt already says it.
//! An answer word matches a keyword exactly, by stem, by synonym, by a part of a code name, or
//! within a typo tolerance ([`fuzzy`]). A bullet's coverage is the weighted share of its
//! keywords matched; the answer's score is the bullets' mean coverage on a square-root curve.

pub mod fuzzy;
pub mod fxhash;
pub mod keywords;
pub mod stopwords;
pub mod synonyms;
pub mod tokens;

use fxhash::{FxHasher, FxMap, FxSet};
use std::hash::{BuildHasher, BuildHasherDefault};

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use keywords::{Analyzer, Keyword};

/// A bullet at or above this coverage counts as covered.
pub const COVERED: f64 = 0.7;
/// A bullet at or above this coverage (and below `COVERED`) counts as partly covered.
pub const PARTLY: f64 = 0.3;

/// The scorer: keyword weights learned from a set of references, plus synonym groups.
#[derive(Debug, Clone)]
pub struct Scorer {
    analyzer: Analyzer,
    /// In how many references each keyword appears: words by key, synonym groups by number.
    df_words: FxMap<String, u32>,
    df_concepts: FxMap<u32, u32>,
    /// How many references the weights were learned from.
    references: usize,
}

/// A question's bullets made ready for scoring many answers: keywords and their weights.
#[derive(Debug, Clone)]
pub struct Reference {
    bullets: Vec<PreparedBullet>,
    /// Whether some keyword needs the answer's every token: a compound, or code that is a
    /// stopword in prose (`is`).
    all_tokens: bool,
}

#[derive(Debug, Clone)]
struct PreparedBullet {
    text: String,
    keywords: Vec<(Keyword, f64)>,
}

/// How much a keyword the prompt already says weighs, relative to one it does not.
/// Repeating the question is not an answer, but a bullet made only of the prompt's words
/// must still be coverable.
pub const PROMPT_WEIGHT: f64 = 0.1;

/// The score curve's exponent: the score is `100 * coverage^CURVE`, a square root. Human
/// graders give a partial answer more than its bare share (half the keywords is not half as
/// good an answer), and against graded answers the square root agrees with them better than
/// a straight line (Pearson r 0.60 against 0.56 on the Mohler data, both halves alike).
pub const CURVE: f64 = 0.5;

/// The result of scoring one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0 to 100 (a saved record with anything else is refused).
    #[serde(deserialize_with = "crate::history::record::score_0_to_100")]
    pub score: f64,
    /// One entry per reference bullet, in order.
    pub bullets: Vec<BulletAssessment>,
}

/// How well one bullet was covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulletAssessment {
    /// The bullet's text.
    pub bullet: String,
    /// 0 to 1 (a saved record with anything else is refused).
    #[serde(deserialize_with = "crate::history::record::coverage_0_to_1")]
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

impl Reference {
    /// The first bullet (0-based) with no keywords at all ("a b", "the"): nothing in it can be
    /// covered, so scoring against it says nothing.
    pub fn empty_bullet(&self) -> Option<usize> {
        self.bullets.iter().position(|b| b.keywords.is_empty())
    }
}

impl Scorer {
    /// A scorer whose keyword weights come from these references (each a question's bullets),
    /// with extra synonym groups (a bank's own) on top of the built-in ones.
    pub fn new<'a, I>(references: I, synonyms: &[Vec<String>]) -> Scorer
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let mut analyzer = Analyzer::new(synonyms);
        let references: Vec<&[String]> = references.into_iter().collect();
        // Stems first, once per distinct word: answers mostly use the references' words.
        for b in references.iter().flat_map(|r| r.iter()) {
            analyzer.learn(b);
        }
        let mut df_words: FxMap<String, u32> = FxMap::default();
        let mut df_concepts: FxMap<u32, u32> = FxMap::default();
        // Each keyword counts once per reference; hashes tell repeats apart without copying
        // every key (a collision among one reference's few keywords is vanishingly unlikely);
        // a set, not a list, so a reference with a million bullets stays linear.
        let mut seen: FxSet<u64> = FxSet::default();
        for bullets in &references {
            seen.clear();
            for b in bullets.iter() {
                analyzer.keyword_keys(b, |concept, key| {
                    let h = match concept {
                        Some(c) => u64::from(c) | (1 << 63),
                        None => fx_hash(key),
                    };
                    if !seen.insert(h) {
                        return;
                    }
                    match concept {
                        Some(c) => *df_concepts.entry(c).or_default() += 1,
                        None => match df_words.get_mut(key) {
                            Some(n) => *n += 1,
                            None => {
                                df_words.insert(key.to_string(), 1);
                            }
                        },
                    }
                });
            }
        }
        Scorer {
            analyzer,
            df_words,
            df_concepts,
            references: references.len(),
        }
    }

    /// A scorer for a bank: weights over all its questions, its synonym groups.
    pub fn for_bank(bank: &Bank) -> Scorer {
        Scorer::new(
            bank.questions().map(|l| l.question.bullets.as_slice()),
            &bank.synonyms,
        )
    }

    /// Inverse document frequency: a keyword in every reference weighs `ln 2`, one in a single
    /// reference of N weighs `ln(1 + N)`. A keyword of no known reference counts as the rarest.
    fn idf(&self, k: &Keyword) -> f64 {
        let n = self.references.max(1) as f64;
        let df = match k.concept {
            Some(c) => self.df_concepts.get(&c),
            None => self.df_words.get(&k.stem),
        };
        let df = df.copied().unwrap_or(0).max(1) as f64;
        (1.0 + n / df).ln()
    }

    /// Works out the keywords and weights of a question's bullets once, for many answers.
    pub fn prepare(&self, prompt: Option<&str>, bullets: &[String]) -> Reference {
        let prompt = prompt.map(|p| self.analyzer.prompt(p));
        let in_prompt = |k: &Keyword| {
            prompt
                .as_ref()
                .and_then(|p| p.find(k, false))
                .is_some_and(|h| h.credit >= 1.0)
        };
        let bullets = bullets
            .iter()
            .map(|b| {
                let keywords = self
                    .analyzer
                    .keywords(b)
                    .into_iter()
                    .map(|k| {
                        let damp = if in_prompt(&k) { PROMPT_WEIGHT } else { 1.0 };
                        let w = self.idf(&k) * damp;
                        (k, w)
                    })
                    .collect();
                PreparedBullet {
                    text: b.clone(),
                    keywords,
                }
            })
            .collect::<Vec<PreparedBullet>>();
        let all_tokens = bullets.iter().any(|b| {
            b.keywords
                .iter()
                .any(|(k, _)| k.compound.is_some() || k.code_stop)
        });
        Reference {
            bullets,
            all_tokens,
        }
    }

    /// Scores `answer` against a prepared reference.
    pub fn assess(&self, reference: &Reference, answer: &str) -> Assessment {
        let index = self.analyzer.answer_for(answer, reference.all_tokens);
        let mut total = 0.0;
        let mut counted = 0usize;
        let bullets: Vec<BulletAssessment> = reference
            .bullets
            .iter()
            .map(|b| {
                let mut matched = Vec::new();
                let mut missed = Vec::new();
                let (mut got, mut all) = (0.0, 0.0);
                for (k, w) in &b.keywords {
                    all += w;
                    match index.find(k, true) {
                        Some(hit) => {
                            got += w * hit.credit;
                            matched.push(KeywordMatch {
                                keyword: k.display.clone(),
                                word: hit.word,
                                how: hit.how,
                            });
                        }
                        None => missed.push(k.display.clone()),
                    }
                }
                // A bullet with no keywords (all stopwords) says nothing to cover: it does not
                // count towards the score.
                let coverage = if all > 0.0 {
                    counted += 1;
                    (got / all).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                total += coverage;
                BulletAssessment {
                    bullet: b.text.clone(),
                    coverage: round(coverage, 1000.0),
                    matched,
                    missed,
                }
            })
            .collect();
        let mean = if counted == 0 {
            0.0
        } else {
            total / counted as f64
        };
        Assessment {
            score: round(100.0 * mean.powf(CURVE), 100.0),
            bullets,
        }
    }

    /// Scores `answer` against `bullets`; `prompt` (when known) earns the answer little.
    pub fn score(&self, prompt: Option<&str>, bullets: &[String], answer: &str) -> Assessment {
        self.assess(&self.prepare(prompt, bullets), answer)
    }
}

fn fx_hash(s: &str) -> u64 {
    BuildHasherDefault::<FxHasher>::default().hash_one(s)
}

/// Rounds to a fixed number of decimals (`scale` 100 keeps two), so saved and printed
/// figures are tidy and equal inputs print equal text.
fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests;
