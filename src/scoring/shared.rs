//! Shared keywords: a keyword several bullets of a question name weighs its weight split among
//! them. Pooled over the reference it counts once, as a distinct keyword, and the words that
//! set the bullets apart ("morning" and "afternoon" in two bullets about the sun and shadows)
//! carry the ideas. Tuned on nothing: splitting by the square root of the count instead did no
//! better on any dev set (README, Scoring).

use rustc_hash::{FxHashMap, FxHashSet};

use super::choice::Choice;
use super::keywords::Keyword;

/// For each keyword of each bullet (`analysed`: a bullet's choice, when it is one, and its
/// keywords), how many of the reference's bullets name it: what its weight is divided by.
pub fn bullets_naming(analysed: &[(Option<Choice>, Vec<Keyword>)]) -> Vec<Vec<u32>> {
    let mut count: FxHashMap<&str, u32> = FxHashMap::default();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (_, keywords) in analysed {
        seen.clear();
        for k in keywords {
            // Once per bullet, even if the bullet repeats it.
            if seen.insert(k.key.as_str()) {
                *count.entry(k.key.as_str()).or_default() += 1;
            }
        }
    }
    analysed
        .iter()
        .map(|(_, keywords)| keywords.iter().map(|k| count[k.key.as_str()]).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::analyzer::Analyzer;

    fn naming(bullets: &[&str]) -> Vec<Vec<u32>> {
        let a = Analyzer::new(&[]);
        let analysed: Vec<(Option<Choice>, Vec<Keyword>)> =
            bullets.iter().map(|b| (None, a.keywords(b))).collect();
        bullets_naming(&analysed)
    }

    #[test]
    fn a_keyword_counts_each_bullet_that_names_it() {
        // "sun" and "shadow" in both, "morning" and "afternoon" in one each.
        let n = naming(&[
            "The sun casts a shadow in the morning.",
            "The sun casts a shadow in the afternoon.",
            "Clouds.",
        ]);
        assert_eq!(n, vec![vec![2, 2, 2, 1], vec![2, 2, 2, 1], vec![1]]);
    }

    #[test]
    fn a_bullet_naming_a_keyword_twice_counts_once() {
        let a = Analyzer::new(&[]);
        let dict = a.keywords("dict").remove(0);
        // Word forms and synonyms are one keyword: "dict" and "dictionary".
        let analysed = vec![
            (None, vec![dict.clone(), dict]),
            (None, a.keywords("A dictionary.")),
            (Some(Choice::Polar(true)), Vec::new()),
        ];
        assert_eq!(bullets_naming(&analysed), vec![vec![2, 2], vec![2], vec![]]);
    }
}
