//! Keyword weights: a keyword weighs its inverse document frequency, flattened (`IDF_POWER`),
//! so specific terms count more than generic ones; times its prompt factor
//! ([`super::prompt`]), over the number of bullets naming it ([`super::shared`]).
//!
//! The document frequencies come from one of two places. A bank's scorer counts them over the
//! bank's questions (the bank is fixed, so a question's weights are too). Inline references
//! (a batch line's `"reference"`) take them from a fixed table of English, the glosses of
//! WordNet 3.0 (`data/wordnet/frequencies.txt`, made by `scripts/gen-frequencies.py`), so a
//! line's score never depends on the other lines of its batch.

use rustc_hash::{FxHashMap, FxHashSet};

use super::analyzer::Analyzer;
use super::keywords::Keyword;
use super::terms::hash;
use super::wordnet::find_line;

/// `key<TAB>documents` lines, sorted by key: in how many of WordNet 3.0's glosses (each
/// synset's definition and examples, one document) each keyword key appears, for the keys in
/// two or more; the first line, `!documents<TAB>N`, gives the number of glosses.
const TABLE: &str = include_str!("../../data/wordnet/frequencies.txt");

/// The first line's key in [`TABLE`]: `!` sorts before every key.
const TABLE_SIZE_KEY: &str = "!documents";

/// In how many of the table's documents `key` appears (at least 1: a key the table leaves out
/// counts as the rarest).
fn table_df(key: &str) -> u32 {
    find_line(TABLE, key, b'\t')
        .and_then(|l| l.split('\t').nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1)
}

/// The power the inverse document frequency is raised to: specific terms still weigh more than
/// generic ones, but less steeply than the bare IDF, which over a few dozen references (a batch,
/// a small bank) overrates words that are rare only there. Tuned on the four dev sets: 0.25 beat
/// 1 (the bare IDF) and 0.5 on every one (README, Scoring).
pub const IDF_POWER: f64 = 0.25;

/// In how many documents each keyword appears: a bank's references, or the fixed table.
#[derive(Debug, Clone, Default)]
pub struct Frequencies {
    /// Words by key (empty for the table, which is searched in place).
    words: FxHashMap<String, u32>,
    /// Synonym groups by number.
    concepts: FxHashMap<u32, u32>,
    /// How many documents they were counted over.
    references: usize,
    /// Whether words come from [`TABLE`] rather than `words`.
    table: bool,
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
            table: false,
        }
    }

    /// The fixed table's frequencies, for inline references: a word's from [`TABLE`], a
    /// synonym group's the most common of its one-word members' (the group is one keyword,
    /// however an answer words it; "lock" makes `mutex` as common as itself).
    pub fn table(analyzer: &Analyzer) -> Frequencies {
        let mut concepts: FxHashMap<u32, u32> = FxHashMap::default();
        for (key, concept) in analyzer.synonyms.singles() {
            let df = concepts.entry(concept).or_insert(1);
            *df = (*df).max(table_df(key));
        }
        Frequencies {
            words: FxHashMap::default(),
            concepts,
            references: table_df(TABLE_SIZE_KEY) as usize,
            table: true,
        }
    }

    /// Inverse document frequency, flattened by `IDF_POWER`: a keyword in every reference
    /// weighs `ln(2)^p`, one in a single reference of N `ln(1 + N)^p`. A keyword of no known
    /// reference counts as the rarest.
    pub fn idf(&self, k: &Keyword) -> f64 {
        let n = self.references.max(1) as f64;
        let df = match (k.concept, self.table) {
            (Some(c), _) => self.concepts.get(&c).copied(),
            (None, false) => self.words.get(&k.stem).copied(),
            (None, true) => Some(table_df(&k.stem)),
        };
        let df = df.unwrap_or(0).max(1) as f64;
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

    /// The table of document frequencies over `documents`, as [`TABLE`] holds it: each keyword
    /// key (not a stopword, not code) once per document, keys in one document left out.
    fn table_of<'a>(documents: impl Iterator<Item = &'a str>) -> String {
        let a = Analyzer::new(&[]);
        let mut df: FxHashMap<String, u32> = FxHashMap::default();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let mut n = 0;
        for d in documents {
            n += 1;
            seen.clear();
            for t in a.terms(d).iter().filter(|t| !t.stop && !t.code) {
                if !t.key.contains(['\t', '\n']) && seen.insert(t.key.to_string()) {
                    *df.entry(t.key.to_string()).or_default() += 1;
                }
            }
        }
        let mut rows: Vec<(String, u32)> = df.into_iter().filter(|(_, d)| *d >= 2).collect();
        rows.push((TABLE_SIZE_KEY.to_string(), n));
        rows.sort();
        rows.iter().map(|(k, d)| format!("{k}\t{d}\n")).collect()
    }

    /// Writes `data/wordnet/frequencies.txt` from the glosses in the file `$GRILL_GLOSSES`
    /// (one a line): `scripts/gen-frequencies.py` runs it.
    #[test]
    #[ignore = "a generator, run by scripts/gen-frequencies.py"]
    fn generate_frequency_table() {
        let path = std::env::var("GRILL_GLOSSES").expect("GRILL_GLOSSES: a file of glosses");
        let text = std::fs::read_to_string(path).unwrap();
        let out = concat!(env!("CARGO_MANIFEST_DIR"), "/data/wordnet/frequencies.txt");
        std::fs::write(out, table_of(text.lines())).unwrap();
    }

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

    #[test]
    fn the_table_is_sorted_and_weighs_common_english_words_less() {
        let keys: Vec<&str> = TABLE
            .lines()
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "unsorted table");
        assert_eq!(keys[0], TABLE_SIZE_KEY);
        assert!(table_df(TABLE_SIZE_KEY) > 100_000);
        for (i, line) in TABLE.lines().enumerate().step_by(101) {
            let (key, df) = line.split_once('\t').unwrap();
            assert_eq!(table_df(key).to_string(), df, "line {i}");
        }
        let a = Analyzer::new(&[]);
        let f = Frequencies::table(&a);
        let idf = |w: &str| f.idf(&keyword(&a, w));
        // "person" is in thousands of glosses, "pointer" in a few, `__init__` in none.
        assert!(
            idf("person") < idf("pointer"),
            "{} {}",
            idf("person"),
            idf("pointer")
        );
        assert!(idf("pointer") < idf("`__init__`"));
        assert_eq!(idf("`__init__`"), idf("qwertyuiopish"));
        // A synonym group is as common as its commonest one-word member, however it is worded.
        assert_eq!(idf("dict"), idf("dictionary"));
        assert_eq!(idf("GIL"), idf("global interpreter lock"));
    }
}
