//! Searching a bank as the scorer reads words: the questions whose prompt or bullets hold
//! every word of a query (`grill bank search`).
//!
//! Words are read by the scorer's own analyzer, so a search finds what an answer would be
//! credited for: word forms ("iterators" finds "iteration"), synonyms ("global interpreter lock"
//! finds "GIL"), parts of code names and typos ("decroator"). The query plays the answer's part
//! and each prompt or bullet the reference's, because typos are forgiven on the answer's side
//! only, and here the typos are the searcher's.

use std::collections::HashMap;

use serde::Serialize;

use crate::bank::Bank;
use crate::error::{Error, Result};

use super::KeywordMatch;
use super::keywords::Analyzer;
use super::tokens::tokenize;

/// Where in a question a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The prompt.
    Prompt,
    /// A reference bullet.
    Bullet,
}

/// A prompt or bullet that holds some of the searched words.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    /// In the prompt or in a bullet.
    #[serde(rename = "in")]
    pub place: Place,
    /// The bullet's number (1-based); none for the prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bullet: Option<usize>,
    /// The prompt's or bullet's text.
    pub text: &'a str,
    /// Each of its words that a searched word met: the text's word as `keyword`, the searched
    /// word as `word`, and how they met.
    pub matched: Vec<KeywordMatch>,
}

/// A question that holds every searched word.
#[derive(Debug, Clone, Serialize)]
pub struct Found<'a> {
    /// The question id.
    pub id: u32,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The chapter's number (1-based).
    pub chapter_number: usize,
    /// The prompt.
    pub prompt: &'a str,
    /// The prompt and bullets with hits, in question order.
    pub hits: Vec<Hit<'a>>,
}

/// Searches the `chosen` chapters of `bank` for `query`; best matches first, then bank order.
pub fn search<'a>(bank: &'a Bank, query: &str, chosen: &[usize]) -> Result<Vec<Found<'a>>> {
    // The same analyzer the scorer builds: the bank's synonyms, and its words learned so that
    // a real word of the bank is never taken for a typo of another.
    let mut analyzer = Analyzer::new(&bank.synonyms);
    for l in bank.questions() {
        analyzer.learn(&l.question.prompt);
        for b in &l.question.bullets {
            analyzer.learn(b);
        }
    }
    let index = analyzer.answer(query);
    let wanted: Vec<String> = index.words.iter().map(|t| t.norm.to_string()).collect();
    if wanted.is_empty() {
        return Err(Error::input(format!(
            "bank search {query:?}: nothing to search for (only common words such as \"the\" or \"is\"); \
             give a word that a question would use, such as a name or a term"
        )));
    }
    let mut found = Vec::new();
    for l in bank
        .questions()
        .filter(|l| chosen.contains(&l.chapter_index))
    {
        // The best credit each searched word earned in this question.
        let mut best: HashMap<String, f64> = HashMap::new();
        let mut hits = Vec::new();
        let texts = std::iter::once((Place::Prompt, None, l.question.prompt.as_str())).chain(
            l.question
                .bullets
                .iter()
                .enumerate()
                .map(|(i, b)| (Place::Bullet, Some(i + 1), b.as_str())),
        );
        for (place, bullet, text) in texts {
            let mut matched = Vec::new();
            for kw in analyzer.keywords(text) {
                let Some(hit) = index.find(&kw, true) else {
                    continue;
                };
                for t in tokenize(&hit.word) {
                    let e = best.entry(t.norm.to_string()).or_insert(0.0);
                    *e = e.max(hit.credit);
                }
                matched.push(KeywordMatch {
                    keyword: kw.display,
                    word: hit.word,
                    how: hit.how,
                });
            }
            if !matched.is_empty() {
                hits.push(Hit {
                    place,
                    bullet,
                    text,
                    matched,
                });
            }
        }
        if wanted.iter().all(|w| best.contains_key(w)) {
            // How well it matched: the searched words' best credits summed (exact 1, typo 0.9, ...).
            let rank: f64 = wanted.iter().map(|w| best[w]).sum();
            found.push((
                rank,
                Found {
                    id: l.question.id,
                    chapter: &l.chapter.id,
                    chapter_number: l.chapter_index + 1,
                    prompt: &l.question.prompt,
                    hits,
                },
            ));
        }
    }
    // Stable: equal ranks keep bank order. A hit in the prompt says the question is about it.
    let in_prompt = |f: &Found| f.hits.first().is_some_and(|h| h.place == Place::Prompt);
    found.sort_by(|(ra, a), (rb, b)| rb.total_cmp(ra).then(in_prompt(b).cmp(&in_prompt(a))));
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(query: &str) -> Vec<u32> {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        search(&bank, query, &all)
            .unwrap()
            .iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn finds_word_forms_typos_and_synonyms_like_the_scorer() {
        let mut sorted = ids("decorator");
        assert!(!sorted.is_empty());
        sorted.sort_unstable();
        // Another form of the word finds the same questions.
        let mut forms = ids("decorators");
        forms.sort_unstable();
        let typo = ids("decroator");
        assert_eq!(forms, sorted);
        // A typo meets the word as written, not its other forms ("decorated" is a form of
        // "decorator", nobody's typo of it): fewer questions, but every one about decorators.
        assert!(typo.iter().all(|id| sorted.contains(id)), "{typo:?}");
        let bank = Bank::embedded();
        for l in bank.questions() {
            if l.question.prompt.to_lowercase().contains("decorator") {
                assert!(typo.contains(&l.question.id), "{}", l.question.id);
            }
        }
        // "GIL" is a synonym of "global interpreter lock".
        let gil = ids("GIL");
        assert!(!gil.is_empty());
        assert!(
            gil.iter()
                .all(|id| ids("global interpreter lock").contains(id))
        );
    }

    #[test]
    fn every_word_must_be_there_and_stopwords_alone_are_refused() {
        let both = ids("decorator arguments");
        assert!(!both.is_empty());
        assert!(both.iter().all(|id| ids("decorator").contains(id)));
        assert!(both.len() < ids("decorator").len());
        assert!(ids("zzyzx").is_empty());
        let bank = Bank::embedded();
        let e = search(&bank, "the is a", &[0]).unwrap_err();
        assert_eq!(e.exit(), crate::error::Exit::BadInput);
    }
}
