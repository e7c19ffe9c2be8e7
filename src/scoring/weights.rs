//! Keyword weights: a keyword weighs its inverse document frequency over the references the
//! scorer was built from, flattened (`IDF_POWER`), so specific terms count more than generic
//! ones; times its prompt factor ([`super::prompt`]), over the number of bullets naming it
//! ([`super::shared`]).

use rustc_hash::{FxHashMap, FxHashSet};

use super::analyzer::Analyzer;
use super::keywords::Keyword;
use super::terms::hash;

/// The power the inverse document frequency is raised to: specific terms still weigh more than
/// generic ones, but less steeply than the bare IDF, which over a few dozen references (a batch,
/// a small bank) overrates words that are rare only there. Tuned on the four dev sets: 0.25 beat
/// 1 (the bare IDF) and 0.5 on every one (README, Scoring).
pub const IDF_POWER: f64 = 0.25;

/// In how many references each keyword appears.
#[derive(Debug, Clone, Default)]
pub struct Frequencies {
    /// Words by key.
    words: FxHashMap<String, u32>,
    /// Synonym groups by number.
    concepts: FxHashMap<u32, u32>,
    /// How many references they were counted over.
    references: usize,
}

impl Frequencies {
    /// Counts the keywords of `references` (each a question's bullets), as `analyzer` reads
    /// them: each keyword once per reference.
    pub fn count(analyzer: &Analyzer, references: &[&[String]]) -> Frequencies {
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        let mut concepts: FxHashMap<u32, u32> = FxHashMap::default();
        // Each keyword counts once per reference; hashes tell repeats apart without copying
        // every key (a collision among one reference's few keywords is vanishingly unlikely);
        // a set, not a list, so a reference with a million bullets stays linear.
        let mut seen: FxHashSet<u64> = FxHashSet::default();
        for bullets in references {
            seen.clear();
            for b in bullets.iter() {
                analyzer.keyword_keys(b, |concept, key| {
                    let h = match concept {
                        Some(c) => u64::from(c) | (1 << 63),
                        None => hash(key),
                    };
                    if !seen.insert(h) {
                        return;
                    }
                    match concept {
                        Some(c) => *concepts.entry(c).or_default() += 1,
                        None => match words.get_mut(key) {
                            Some(n) => *n += 1,
                            None => {
                                words.insert(key.to_string(), 1);
                            }
                        },
                    }
                });
            }
        }
        Frequencies {
            words,
            concepts,
            references: references.len(),
        }
    }

    /// Inverse document frequency, flattened by `IDF_POWER`: a keyword in every reference
    /// weighs `ln(2)^p`, one in a single reference of N `ln(1 + N)^p`. A keyword of no known
    /// reference counts as the rarest.
    pub fn idf(&self, k: &Keyword) -> f64 {
        let n = self.references.max(1) as f64;
        let df = match k.concept {
            Some(c) => self.concepts.get(&c),
            None => self.words.get(&k.stem),
        };
        let df = df.copied().unwrap_or(0).max(1) as f64;
        (1.0 + n / df).ln().powf(IDF_POWER)
    }

    /// The weights of a bullet's keywords: each one's IDF, times its prompt factor
    /// (`factors`, one per keyword: [`super::prompt::PromptWords::factors`]), over how many
    /// bullets name it (`shared`: [`super::shared::bullets_naming`]).
    pub fn weigh(
        &self,
        keywords: Vec<Keyword>,
        factors: &[f64],
        shared: &[u32],
    ) -> Vec<(Keyword, f64)> {
        keywords
            .into_iter()
            .zip(factors.iter().zip(shared))
            .map(|(k, (factor, shared))| {
                let w = self.idf(&k) * factor / f64::from(*shared);
                (k, w)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    /// Frequencies over `refs`, and the analyzer that read them.
    fn counted(refs: &[Vec<String>]) -> (Analyzer, Frequencies) {
        let a = Analyzer::new(&[]);
        let refs: Vec<&[String]> = refs.iter().map(Vec::as_slice).collect();
        let f = Frequencies::count(&a, &refs);
        (a, f)
    }

    fn keyword(a: &Analyzer, text: &str) -> Keyword {
        a.keywords(text).remove(0)
    }

    #[test]
    fn a_keyword_of_fewer_references_weighs_more_but_not_steeply() {
        let refs = [
            strings(&["The GIL holds values.", "The GIL again."]),
            strings(&["A list of values."]),
            strings(&["A dict of values."]),
            strings(&["A set of values."]),
        ];
        let (a, f) = counted(&refs);
        let (gil, list, values) = (
            f.idf(&keyword(&a, "GIL")),
            f.idf(&keyword(&a, "list")),
            f.idf(&keyword(&a, "values")),
        );
        // "GIL" twice in one reference counts once: as rare as "list".
        assert_eq!(gil, list);
        assert!((gil - 5f64.ln().powf(IDF_POWER)).abs() < 1e-12, "{gil}");
        assert!(
            (values - 2f64.ln().powf(IDF_POWER)).abs() < 1e-12,
            "{values}"
        );
        assert!(gil > values && gil < 1.5 * values, "{gil} vs {values}");
        // A word of no reference counts as the rarest.
        assert_eq!(f.idf(&keyword(&a, "monad")), gil);
    }

    #[test]
    fn synonyms_are_counted_as_one_keyword() {
        let refs = [
            strings(&["A dict."]),
            strings(&["A dictionary."]),
            strings(&["A set."]),
        ];
        let (a, f) = counted(&refs);
        assert_eq!(
            f.idf(&keyword(&a, "dict")),
            f.idf(&keyword(&a, "dictionary"))
        );
        assert!(f.idf(&keyword(&a, "dict")) < f.idf(&keyword(&a, "set")));
    }

    #[test]
    fn a_weight_is_the_idf_times_the_factor_over_the_bullets_naming_it() {
        let (a, f) = counted(&[strings(&["threads share a lock"])]);
        let keywords = a.keywords("threads share a lock");
        let idf: Vec<f64> = keywords.iter().map(|k| f.idf(k)).collect();
        let w = f.weigh(keywords, &[1.0, 0.1, 1.0], &[1, 1, 2]);
        assert_eq!(w[0].1, idf[0]);
        assert_eq!(w[1].1, idf[1] * 0.1);
        assert_eq!(w[2].1, idf[2] / 2.0);
    }
}
