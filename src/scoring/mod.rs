//! Scoring an answer against a question's reference bullets by fuzzy keyword coverage.
//!
//! Pure: no I/O, no clock, no randomness, so the same input always gives the same score.
//!
//! Each bullet's keywords ([`keywords`]) are its words that are not stopwords, stemmed
//! ([`terms`], by the [`analyzer`]), with code names kept whole ([`tokens`]), synonym phrases
//! recognized ([`synonyms`]) and compounds ([`compounds`]) kept whole when their parts mean
//! little alone. A keyword weighs
//! its inverse document frequency over the references the [`Scorer`] was built from, so specific
//! terms count more than generic ones, and little when the question's prompt already says it
//! (more when only the scene a long prompt sets before asking says it: [`prompt`]).
//! Prose words are stemmed from their WordNet lemma ([`wordnet`]: "ran" is "run"; a
//! comparative's adjective, [`comparatives`]: "denser" is "dense").
//! An answer is indexed ([`index`]), and a word of it matches a keyword ([`matching`]) exactly,
//! by stem, by synonym, by a part of a code name, or within a typo tolerance ([`typos`]); a
//! missed prose keyword may still be met, for part
//! credit, by a word sharing one of its WordNet senses ("quicker" for "faster"). A bullet's
//! coverage is the weighted share of its keywords matched; the answer's score is the bullets'
//! coverages pooled by a power mean below 1 (`POOL_POWER`: a bullet left bare costs more than
//! one covered again gains) weighted by keyword mass (each bullet weighs the summed weights of
//! its keywords, so a one-word bullet weighs less than a five-keyword one), above a noise floor,
//! on a square-root curve. A bullet that is only a choice ("Yes.", "B.") is
//! met by the answer's opening choice ([`choice`]); a bullet's negation ("not") is one more
//! keyword, met by any negation of the answer, and a word the answer only negates ("no gap")
//! meets no keyword of a bullet that does not negate ([`negation`]).

pub mod analyzer;
pub mod choice;
pub mod comparatives;
pub mod compounds;
pub mod index;
pub mod keywords;
pub mod matching;
pub mod negation;
pub mod prompt;
pub mod stopwords;
pub mod synonyms;
pub mod terms;
pub mod tokens;
pub mod typos;
pub mod wordnet;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

use crate::bank::Bank;
use choice::Choice;
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
    df_words: FxHashMap<String, u32>,
    df_concepts: FxHashMap<u32, u32>,
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
    /// Whether some bullet says a negation, so the answer's must be looked for.
    negations: bool,
}

#[derive(Debug, Clone)]
struct PreparedBullet {
    text: String,
    keywords: Vec<(Keyword, f64)>,
    /// The choice the bullet is, when it is only one ("Yes.", "B.").
    choice: Option<Choice>,
    /// For each keyword, the hashed keys of the words that meet it for `RELATED_CREDIT` (sorted;
    /// empty for keywords that are never met so: see `related_keys`). Hashes, since every word
    /// of an answer is looked up in them; a collision among a few dozen keys is negligible.
    related: Vec<Vec<u64>>,
    /// The bullet's negation as written ("not"), when it says one, and its weight: the answer
    /// must negate too (see `NEGATION_WEIGHT`).
    negation: Option<(String, f64)>,
    /// The choice a longer bullet opens with ("Yes, they could both be correct."), as written,
    /// and its weight: one more keyword of the bullet's mean weight.
    lead: Option<(Choice, String, f64)>,
    /// The bullet's weight in the answer's score: its keyword mass, the summed weights of its
    /// keywords (pooled coverage: the score is the share of the reference's keyword weight met).
    /// Weighing bullets equally instead lost on every dev set (see README, Scoring).
    mass: f64,
}

/// The share of its score an answer loses when it opens with the opposite of a choice bullet
/// ("No, …" where the reference says "Yes."): the rest of it may still explain something
/// right, but its verdict is wrong.
pub const OPPOSITE_SHARE: f64 = 0.5;

/// Credit for an answer word that shares a WordNet sense with a missed prose keyword, or is
/// derivationally or similar-to related to it ("quicker" for "faster"): the idea in other
/// words, less certainly than a synonym of the bank's own.
pub const RELATED_CREDIT: f64 = 0.75;

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

/// The bullets' coverages are pooled by a power mean of this exponent (weighted by keyword
/// mass), not the plain mean: below 1 it weighs the bullets an answer leaves bare more than
/// those it covers over again, so half of each of two ideas beats one idea whole and the other
/// untouched. A one-bullet reference is unchanged.
pub const POOL_POWER: f64 = 0.75;

/// A choice bullet's weight, relative to the mean keyword mass of the reference's other
/// bullets: the verdict counts half as much as a typical bullet's idea (tuned: a full share
/// ranked SciEntsBank's choice lines above the others too often).
pub const CHOICE_MASS: f64 = 0.5;

/// How much a keyword the prompt already says weighs, relative to one it does not.
/// Repeating the question is not an answer, but a bullet made only of the prompt's words
/// must still be coverable.
pub const PROMPT_WEIGHT: f64 = 0.1;

/// How much a keyword the prompt says weighs in a bullet made mostly of the prompt's words,
/// times the share of the bullet's keywords the prompt says (when that is more than
/// `PROMPT_WEIGHT`). Such a bullet ("Terminal 1 and the positive terminal are separated by the
/// gap" for "Why 1.5 V between terminal 1 and the positive terminal?") is a claim about the
/// prompt's things: an answer naming only its one new word ("there is a gap") has not said it.
pub const PROMPT_SHARE_WEIGHT: f64 = 0.3;

/// How much a keyword weighs that the prompt says only in the scene it sets before asking
/// ([`prompt`]), relative to one it does not say: the scene's things are what an answer must
/// pick out ("the bubbles" of eggshells in vinegar, for why Grace thinks she made a reaction),
/// but the answer did not find them alone. Tuned on SciEntsBank, the one dev set whose prompts
/// set scenes: 0.3 / 0.5 / 0.75 / 1 gave AUC 0.765 / 0.766 / 0.764 / 0.762, against 0.762
/// with the question's weight (README, Scoring).
pub const SCENE_WEIGHT: f64 = 0.5;

/// The weight factor of a bullet's keywords that the prompt says (`said`, one per keyword):
/// `PROMPT_WEIGHT`, or more in a bullet made mostly of the prompt's words.
fn prompt_damping(said: &[bool]) -> f64 {
    let share = said.iter().filter(|s| **s).count() as f64 / said.len().max(1) as f64;
    PROMPT_WEIGHT.max(PROMPT_SHARE_WEIGHT * share)
}

/// For each keyword of each bullet, how many of the reference's bullets name it. A keyword several
/// bullets name weighs its weight split among them: pooled over the reference it counts once,
/// as a distinct keyword, and the words that set the bullets apart ("morning" and "afternoon"
/// in two bullets about the sun and shadows) carry the ideas. Tuned on nothing: splitting by
/// the square root of the count instead did no better on any dev set (README, Scoring).
fn bullets_naming(analysed: &[(Option<Choice>, Vec<Keyword>)]) -> Vec<Vec<u32>> {
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    for (_, keywords) in analysed {
        for (i, k) in keywords.iter().enumerate() {
            // Once per bullet, even if the bullet repeats it.
            if keywords[..i].iter().all(|o| o.key != k.key) {
                *count.entry(k.key.as_str()).or_default() += 1;
            }
        }
    }
    analysed
        .iter()
        .map(|(_, keywords)| keywords.iter().map(|k| count[k.key.as_str()]).collect())
        .collect()
}

/// The power the inverse document frequency is raised to: specific terms still weigh more than
/// generic ones, but less steeply than the bare IDF, which over a few dozen references (a batch,
/// a small bank) overrates words that are rare only there. Tuned on the four dev sets: 0.25 beat
/// 1 (the bare IDF) and 0.5 on every one (README, Scoring).
pub const IDF_POWER: f64 = 0.25;

/// The score curve's exponent: the score is `100 * coverage^CURVE`, a square root. Human
/// graders give a partial answer more than its bare share (half the keywords is not half as
/// good an answer), and against graded answers the square root agrees with them better than
/// a straight line (Pearson r 0.60 against 0.56 on the Mohler data, both halves alike).
pub const CURVE: f64 = 0.5;

/// A negation's weight in a bullet that says one ("the terminals are not connected"),
/// relative to the mean weight of the bullet's keywords: an answer that does not negate says
/// the opposite with the same words.
pub const NEGATION_WEIGHT: f64 = 1.0;

/// Whether `answer` states `choice` (Some(true), the match recorded under `keyword`), the other
/// choice (Some(false)) or none (None); a miss either way is recorded under `keyword`. Shared by
/// a bullet that is only a choice and a bullet that opens with one.
fn verdict(
    choice: &Choice,
    keyword: &str,
    answer: &str,
    matched: &mut Vec<KeywordMatch>,
    missed: &mut Vec<String>,
) -> Option<bool> {
    match choice.stated_in(answer) {
        Some((stated, word)) if stated == *choice => {
            matched.push(KeywordMatch {
                keyword: keyword.to_string(),
                word: word.to_string(),
                how: MatchKind::Choice,
            });
            Some(true)
        }
        other => {
            missed.push(keyword.to_string());
            other.map(|_| false)
        }
    }
}

/// The result of scoring one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// 0 to 100 (a saved record with anything else is refused).
    #[serde(deserialize_with = "score_0_to_100")]
    pub score: f64,
    /// One entry per reference bullet, in order.
    pub bullets: Vec<BulletAssessment>,
}

impl Assessment {
    /// The share of the reference met, 0-1, as the score pools it: the power mean
    /// (`POOL_POWER`) of the bullets' coverages by their weights, so that the share shown beside
    /// the score is the one it grew from.
    pub fn met(&self) -> f64 {
        let pooled: f64 = self
            .bullets
            .iter()
            .map(|b| b.weight * b.coverage.powf(POOL_POWER))
            .sum();
        pooled.max(0.0).powf(POOL_POWER.recip())
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

impl MatchKind {
    /// How the match is named in evidence; empty for an exact match.
    pub fn label(self) -> &'static str {
        match self {
            MatchKind::Exact => "",
            MatchKind::Stem => "word form",
            MatchKind::Synonym => "synonym",
            MatchKind::Fuzzy => "typo",
            MatchKind::Part => "part of a name",
            MatchKind::Choice => "choice",
            MatchKind::Related => "related sense",
        }
    }
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
    /// The first bullet (0-based) with nothing to score: no keywords ("a b", "the"), not a
    /// choice, no negation. It weighs nothing in the score.
    pub fn empty_bullet(&self) -> Option<usize> {
        self.bullets
            .iter()
            .position(|b| b.keywords.is_empty() && b.choice.is_none() && b.negation.is_none())
    }

    /// Whether no bullet has anything to score: an answer's score would say nothing.
    pub fn is_empty(&self) -> bool {
        self.bullets.iter().all(|b| b.mass <= 0.0)
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
        let mut df_words: FxHashMap<String, u32> = FxHashMap::default();
        let mut df_concepts: FxHashMap<u32, u32> = FxHashMap::default();
        // Each keyword counts once per reference; hashes tell repeats apart without copying
        // every key (a collision among one reference's few keywords is vanishingly unlikely);
        // a set, not a list, so a reference with a million bullets stays linear.
        let mut seen: FxHashSet<u64> = FxHashSet::default();
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

    /// Inverse document frequency, flattened by `IDF_POWER`: a keyword in every reference weighs
    /// `ln(2)^p`, one in a single reference of N `ln(1 + N)^p`. A keyword of no known reference
    /// counts as the rarest.
    fn idf(&self, k: &Keyword) -> f64 {
        let n = self.references.max(1) as f64;
        let df = match k.concept {
            Some(c) => self.df_concepts.get(&c),
            None => self.df_words.get(&k.stem),
        };
        let df = df.copied().unwrap_or(0).max(1) as f64;
        (1.0 + n / df).ln().powf(IDF_POWER)
    }

    /// Works out the keywords and weights of a question's bullets once, for many answers.
    pub fn prepare(&self, prompt: Option<&str>, bullets: &[String]) -> Reference {
        // A prompt that sets a scene before it asks: the scene's words weigh more than the
        // question's (`SCENE_WEIGHT`), its names excepted.
        let question = prompt
            .map(prompt::question)
            .filter(|q| q.len() < prompt.map_or(0, str::len));
        let question_index = question.as_deref().map(|q| self.analyzer.prompt(q));
        // Case-folded and sorted, as a keyword's `norm` is compared with them: by the word as
        // written, since a name is no word to stem, and may be a synonym term ("GIL").
        let mut names: Vec<String> = match (prompt, &question) {
            (Some(p), Some(_)) => prompt::names(p).map(str::to_lowercase).collect(),
            _ => Vec::new(),
        };
        names.sort_unstable();
        let prompt = prompt.map(|p| self.analyzer.prompt(p));
        let fully = |index: &index::AnswerIndex, k: &Keyword| {
            index.find(k, false).is_some_and(|h| h.credit >= 1.0)
        };
        let in_prompt = |k: &Keyword| prompt.as_ref().is_some_and(|p| fully(p, k));
        let in_scene_only = |k: &Keyword| {
            question_index
                .as_ref()
                .is_some_and(|q| !fully(q, k) && names.binary_search(&k.norm).is_err())
        };
        // An answer word the question already says is no evidence of a related sense.
        let mut prompt_keys: Vec<String> = prompt
            .as_ref()
            .map(|p| p.words.iter().map(|w| w.key.to_string()).collect())
            .unwrap_or_default();
        prompt_keys.sort();
        prompt_keys.dedup();
        let in_prompt_at_all =
            |k: &Keyword| prompt.as_ref().is_some_and(|p| p.find(k, false).is_some());
        // A choice is scored as a choice, not by its word ("Agree.", "3.").
        let analysed: Vec<(Option<Choice>, Vec<Keyword>)> = bullets
            .iter()
            .map(|b| match Choice::of_bullet(b) {
                Some(c) => (Some(c), Vec::new()),
                None => {
                    let mut keywords = self.analyzer.keywords(b);
                    // A negation that is not a stopword ("cannot", "never", "none of", the "won"
                    // of "won't") is met as the bullet's negation (below), not also as a word.
                    let negations = negation::negation_words(b);
                    if !negations.is_empty() {
                        keywords.retain(|k| {
                            k.code || !negations.iter().any(|n| n.eq_ignore_ascii_case(&k.display))
                        });
                    }
                    (None, keywords)
                }
            })
            .collect();
        let shared = bullets_naming(&analysed);
        let bullets = bullets
            .iter()
            .zip(analysed.into_iter().zip(shared))
            .map(|(b, ((choice, keywords), shared))| {
                let said: Vec<bool> = keywords.iter().map(&in_prompt).collect();
                let damp = prompt_damping(&said);
                let keywords: Vec<(Keyword, f64)> = keywords
                    .into_iter()
                    .zip(said.into_iter().zip(shared))
                    .map(|(k, (said, shared))| {
                        let factor = if !said {
                            1.0
                        } else if in_scene_only(&k) {
                            damp.max(SCENE_WEIGHT)
                        } else {
                            damp
                        };
                        let w = self.idf(&k) * factor / f64::from(shared);
                        (k, w)
                    })
                    .collect();
                let related = keywords
                    .iter()
                    .map(|(k, _)| {
                        if in_prompt_at_all(k) {
                            Vec::new()
                        } else {
                            self.related_keys(k, &prompt_keys)
                        }
                    })
                    .collect();
                let kw_mass: f64 = keywords.iter().map(|(_, w)| w).sum();
                // Stopword removal dropped the bullet's "not": it comes back as a keyword of
                // the bullet's mean weight, met by any negation of the answer. A bullet that is
                // only a negation ("Never.", "It doesn't.") is that keyword alone, of weight 1
                // (about a common word's).
                let negation = negation::first_negation(b).map(|n| {
                    let mean = if keywords.is_empty() {
                        1.0
                    } else {
                        kw_mass / keywords.len() as f64
                    };
                    (n.to_string(), NEGATION_WEIGHT * mean)
                });
                // A verdict before the reason ("Yes, they could both be correct.") is one more
                // keyword, met as a choice bullet is.
                let lead = if keywords.is_empty() {
                    None
                } else {
                    Choice::leading(b)
                        .map(|(c, w)| (c, w.to_string(), kw_mass / keywords.len() as f64))
                };
                PreparedBullet {
                    text: b.clone(),
                    mass: kw_mass
                        + negation.as_ref().map_or(0.0, |n| n.1)
                        + lead.as_ref().map_or(0.0, |l| l.2),
                    lead,
                    negation,
                    keywords,
                    choice,
                    related,
                }
            })
            .collect::<Vec<PreparedBullet>>();
        // A choice weighs as much as the mean bullet with keywords (1 when there is none).
        let with_keywords: Vec<f64> = bullets
            .iter()
            .filter(|b| b.mass > 0.0)
            .map(|b| b.mass)
            .collect();
        let mean_mass = if with_keywords.is_empty() {
            1.0
        } else {
            with_keywords.iter().sum::<f64>() / with_keywords.len() as f64
        };
        let mut bullets = bullets;
        for b in bullets.iter_mut().filter(|b| b.choice.is_some()) {
            b.mass = CHOICE_MASS * mean_mass;
        }
        let all_tokens = bullets.iter().any(|b| {
            b.keywords
                .iter()
                .any(|(k, _)| k.compound.is_some() || k.code_stop)
        });
        let negations = bullets.iter().any(|b| b.negation.is_some());
        Reference {
            bullets,
            all_tokens,
            negations,
        }
    }

    /// Scores `answer` against a prepared reference.
    pub fn assess(&self, reference: &Reference, answer: &str) -> Assessment {
        let index = self.analyzer.answer_for(answer, reference.all_tokens);
        let total_mass: f64 = reference.bullets.iter().map(|b| b.mass).sum();
        // The answer's first negation, looked for once at most: both uses below need it.
        let first_negation = std::cell::OnceCell::new();
        let first_negation = || {
            *first_negation.get_or_init(|| {
                index
                    .may_negate
                    .then(|| negation::first_negation(answer))
                    .flatten()
            })
        };
        let negated: std::cell::OnceCell<Option<negation::Negated>> = std::cell::OnceCell::new();
        let answer_negation = if reference.negations {
            first_negation()
        } else {
            None
        };
        let mut total = 0.0;
        let mut opposite_any = false;
        let bullets: Vec<BulletAssessment> = reference
            .bullets
            .iter()
            .map(|b| {
                let mut matched = Vec::new();
                let mut missed = Vec::new();
                let mut opposite = false;
                let coverage = if let Some(choice) = &b.choice {
                    let met = verdict(choice, b.text.trim(), answer, &mut matched, &mut missed);
                    opposite = met == Some(false);
                    if met == Some(true) { 1.0 } else { 0.0 }
                } else {
                    let (mut got, mut all) = (0.0, 0.0);
                    let direct: Vec<Option<matching::Hit>> = b
                        .keywords
                        .iter()
                        .map(|(k, _)| index.find(k, true))
                        .collect();
                    // Related senses count only in a bullet the answer is already about (some
                    // keyword met directly): an answer about something else meets any bullet's
                    // common words by some sense ("keep" is a sense of "maintain").
                    let on_topic = direct.iter().any(Option::is_some);
                    for (((k, w), related), hit) in b.keywords.iter().zip(&b.related).zip(direct) {
                        all += w;
                        let hit = hit.or_else(|| {
                            if related.is_empty() || !on_topic {
                                return None;
                            }
                            let w = index.find_key(related)?;
                            Some(matching::Hit {
                                credit: RELATED_CREDIT,
                                how: MatchKind::Related,
                                word: w.surface.to_string(),
                            })
                        });
                        // A bullet that does not negate is not met by a word the answer only
                        // negates ("there is no gap" for "separated by the gap").
                        let hit = hit.filter(|h| {
                            b.negation.is_some()
                                || !negated
                                    .get_or_init(|| negation::Negated::of(answer, first_negation()))
                                    .as_ref()
                                    .is_some_and(|n| n.only_negated(&h.word))
                        });
                        match hit {
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
                    if let Some((choice, said, w)) = &b.lead {
                        all += w;
                        let met = verdict(choice, said, answer, &mut matched, &mut missed);
                        if met == Some(true) {
                            got += w;
                        }
                        // The other verdict loses `OPPOSITE_SHARE`, as against a bullet that is
                        // only the choice.
                        opposite = met == Some(false);
                    }
                    if let Some((said, w)) = &b.negation {
                        all += w;
                        match answer_negation {
                            Some(word) => {
                                got += w;
                                matched.push(KeywordMatch {
                                    keyword: said.clone(),
                                    word: word.to_string(),
                                    how: MatchKind::Exact,
                                });
                            }
                            None => missed.push(said.clone()),
                        }
                    }
                    // A bullet with no keywords (all stopwords) says nothing to cover: it
                    // weighs nothing.
                    if all > 0.0 {
                        (got / all).clamp(0.0, 1.0)
                    } else {
                        0.0
                    }
                };
                opposite_any |= opposite;
                let weight = if total_mass > 0.0 {
                    b.mass / total_mass
                } else {
                    0.0
                };
                total += weight * coverage.powf(POOL_POWER);
                BulletAssessment {
                    bullet: b.text.clone(),
                    coverage: round(coverage, 1000.0),
                    weight: round(weight, 1000.0),
                    opposite,
                    matched,
                    missed,
                }
            })
            .collect();
        let total = total.max(0.0).powf(POOL_POWER.recip());
        let total = ((total - NOISE_FLOOR) / (1.0 - NOISE_FLOOR)).max(0.0) + BELOW_FLOOR * total;
        let mut score = 100.0 * total.clamp(0.0, 1.0).powf(CURVE);
        if opposite_any {
            score *= 1.0 - OPPOSITE_SHARE;
        }
        Assessment {
            score: round(score, 100.0),
            bullets,
        }
    }

    /// The keys of the words that meet prose keyword `k` for part credit: the words that have
    /// one of the first few WordNet senses of its lemma among their own first few, or one of
    /// the senses those are derivationally or similar-to related to. None for code names, for
    /// synonym terms (built-in or the bank's own: their group says what meets them), for
    /// phrases and whole compounds; never a stopword or a word of the prompt (`prompt_keys`,
    /// sorted): the answer repeating the question's vocabulary is no evidence. Worked out once
    /// per question, so that an answer's words are only compared by key.
    fn related_keys(&self, k: &Keyword, prompt_keys: &[String]) -> Vec<u64> {
        if k.code
            || k.concept.is_some()
            || !k.components.is_empty()
            || k.compound.as_deref().is_some_and(|c| c.whole)
        {
            return Vec::new();
        }
        let Some(e) = entry_of(&k.norm) else {
            return Vec::new();
        };
        let mut keys: Vec<u64> = Vec::new();
        for word in e.senses().chain(e.related()).flat_map(wordnet::members) {
            if let Some(key) = self.analyzer.word_key(word)
                && key != k.stem
                && prompt_keys.binary_search(&key).is_err()
            {
                keys.push(fx_hash(&key));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Scores `answer` against `bullets`; `prompt` (when known) earns the answer little.
    pub fn score(&self, prompt: Option<&str>, bullets: &[String], answer: &str) -> Assessment {
        self.assess(&self.prepare(prompt, bullets), answer)
    }
}

/// The WordNet entry of a prose word in any form: of its lemma, or else of the base form the
/// first fitting detachment rule gives ("iterates" is "iterate").
fn entry_of(word: &str) -> Option<wordnet::Entry> {
    use wordnet::{ADJ, NOUN, VERB};
    let lemma = terms::lemma(word);
    wordnet::entry(&lemma).or_else(|| wordnet::entry(&wordnet::detach(&lemma, NOUN | VERB | ADJ)?))
}

fn fx_hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// Rounds to a fixed number of decimals (`scale` 100 keeps two), so saved and printed
/// figures are tidy and equal inputs print equal text.
fn round(x: f64, scale: f64) -> f64 {
    (x * scale).round() / scale
}

#[cfg(test)]
mod tests;

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
