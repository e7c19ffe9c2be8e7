//! Related senses: a prose keyword the answer misses may still be met, for `RELATED_CREDIT` of
//! a match, by a word that shares one of its WordNet senses or is derivationally or similar-to
//! related to one ("quicker" for "faster", "outcome" for "result"): the idea in other words,
//! less certainly than a synonym of the bank's own.
//!
//! Two steps: when a question is prepared, [`related_keys`] lists for each keyword the keys of
//! the words that meet it so; when an answer is assessed, [`meet`] looks them up among its
//! words, only in a bullet the answer already meets directly ([`on_topic`]), and only in a
//! sentence that meets it directly too ([`Sentences`]): padding cannot help. Unrelated text
//! before or after an answer ("the shop was closed, so I tasted the soup") meets any bullet's
//! common words by some sense ("store", "tests"); a sense counts only beside the bullet's own
//! words.

use super::MatchKind;
use super::analyzer::Analyzer;
use super::claims::{Stop, bare, scan};
use super::index::AnswerIndex;
use super::keywords::Keyword;
use super::matching::Hit;
use super::terms::{hash, lemma};
use super::wordnet::{self, ADJ, Entry, NOUN, VERB};

/// Credit for an answer word that shares a WordNet sense with a missed prose keyword, or is
/// derivationally or similar-to related to it ("quicker" for "faster"): the idea in other
/// words, less certainly than a synonym of the bank's own.
pub const RELATED_CREDIT: f64 = 0.75;

/// The keys of the words that meet prose keyword `k` for part credit: the words that have
/// one of the first few WordNet senses of its lemma among their own first few, or one of
/// the senses those are derivationally or similar-to related to. None for code names, for
/// synonym terms (built-in or the bank's own: their group says what meets them), for
/// phrases and whole compounds; never a stopword or a word of the prompt (`prompt_keys`,
/// sorted): the answer repeating the question's vocabulary is no evidence. Worked out once
/// per question, so that an answer's words are only compared by key: hashes, since every
/// word of an answer is looked up in them (a collision among a few dozen keys is negligible).
pub fn related_keys(analyzer: &Analyzer, k: &Keyword, prompt_keys: &[String]) -> Vec<u64> {
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
        if let Some(key) = analyzer.word_key(word)
            && key != k.stem
            && prompt_keys.binary_search(&key).is_err()
        {
            keys.push(hash(&key));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The WordNet entry of a prose word in any form: of its lemma, or else of the base form the
/// first fitting detachment rule gives ("iterates" is "iterate").
pub fn entry_of(word: &str) -> Option<Entry> {
    let lemma = lemma(word);
    wordnet::entry(&lemma).or_else(|| wordnet::entry(&wordnet::detach(&lemma, NOUN | VERB | ADJ)?))
}

/// Whether an answer is about a bullet: it meets some keyword of it directly (`direct`, one
/// hit or none per keyword). Related senses count only then: an answer about something else
/// meets any bullet's common words by some sense ("keep" is a sense of "maintain").
pub fn on_topic(direct: &[Option<Hit>]) -> bool {
    direct.iter().any(Option::is_some)
}

/// The sentences of an answer: its prose words, as written, each with the number of its
/// sentence (a full stop, question or exclamation mark, semicolon or line break ends one).
#[derive(Debug, Default)]
pub struct Sentences<'a> {
    words: Vec<(&'a str, u32)>,
}

impl<'a> Sentences<'a> {
    /// Reads the sentences of `text`.
    pub fn of(text: &'a str) -> Sentences<'a> {
        let mut n = 0;
        let words = scan(text)
            .into_iter()
            .map(|(w, stop)| {
                n += u32::from(stop == Stop::Sentence);
                (w, n)
            })
            .collect();
        Sentences { words }
    }

    /// The words (ASCII lower case) of the sentences that hold one of `direct` (as written,
    /// any case; a phrase's by its last word): a word shares a sentence with one of `direct`
    /// when it is among them. One pass over the answer, whatever its length: looking each
    /// candidate's sentences up in turn was cubic when an answer repeated its words.
    fn words_beside(&self, direct: &[&str]) -> rustc_hash::FxHashSet<String> {
        let direct: Vec<String> = direct
            .iter()
            .map(|d| bare(d).to_ascii_lowercase())
            .collect();
        let sentences: rustc_hash::FxHashSet<u32> = self
            .words
            .iter()
            .filter(|(w, _)| direct.iter().any(|d| w.eq_ignore_ascii_case(d)))
            .map(|&(_, s)| s)
            .collect();
        self.words
            .iter()
            .filter(|(_, s)| sentences.contains(s))
            .map(|(w, _)| w.to_ascii_lowercase())
            .collect()
    }
}

/// The first word of the answer whose key is among a missed keyword's related `keys` (from
/// [`related_keys`]) and that shares a sentence with a word that met the bullet directly
/// (`direct`, as written, in every form the answer writes them: none when the answer is not
/// [`on_topic`]), as a match of
/// `RELATED_CREDIT`. `sentences` reads the answer's, when asked.
pub fn meet<'s>(
    index: &AnswerIndex,
    keys: &[u64],
    direct: &[&str],
    sentences: impl FnOnce() -> &'s Sentences<'s>,
) -> Option<Hit> {
    if keys.is_empty() || direct.is_empty() {
        return None;
    }
    let mut candidates = index.find_keys(keys).peekable();
    candidates.peek()?;
    let beside = sentences().words_beside(direct);
    let w = candidates.find(|w| beside.contains(&bare(&w.surface).to_ascii_lowercase()))?;
    Some(Hit {
        credit: RELATED_CREDIT,
        how: MatchKind::Related,
        word: w.surface.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyword(a: &Analyzer, text: &str) -> Keyword {
        a.keywords(text).remove(0)
    }

    /// Whether `word` meets the related keys of `k` (made with the prompt's `prompt_keys`).
    fn meets(a: &Analyzer, k: &Keyword, prompt_keys: &[String], word: &str) -> bool {
        let keys = related_keys(a, k, prompt_keys);
        let text = format!("{word} direct");
        let s = Sentences::of(&text);
        meet(&a.answer(word), &keys, &["direct"], || &s).is_some()
    }

    #[test]
    fn a_word_sharing_a_sense_or_related_to_one_meets_a_prose_keyword() {
        let a = Analyzer::new(&[]);
        let faster = keyword(&a, "faster");
        assert!(meets(&a, &faster, &[], "quicker"));
        assert!(meets(&a, &keyword(&a, "result"), &[], "outcome"));
        assert!(!meets(&a, &faster, &[], "slower"));
        // Not the keyword's own key: that is a direct match.
        let keys = related_keys(&a, &faster, &[]);
        assert!(keys.binary_search(&hash(&faster.stem)).is_err());
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    }

    #[test]
    fn code_synonym_terms_and_the_prompts_words_have_no_related_words() {
        let a = Analyzer::new(&[]);
        let code = Keyword {
            code: true,
            ..keyword(&a, "faster")
        };
        assert!(related_keys(&a, &code, &[]).is_empty());
        assert!(related_keys(&a, &keyword(&a, "dictionary"), &[]).is_empty());
        let quick = a.word_key("quicker").unwrap();
        assert!(!meets(&a, &keyword(&a, "faster"), &[quick], "quicker"));
    }

    /// Phrases by their last word, any case; in a long answer that repeats a related word in
    /// sentences without the bullet's, only the sentence with it counts (read in one pass: the
    /// sentences of each candidate looked up in turn were cubic, 35 s for 140 KB).
    #[test]
    fn the_words_beside_a_direct_match_are_read_in_one_pass() {
        let text = "My shop. The Elements are kept in a SHOP of hashes.";
        let s = Sentences::of(text);
        let beside = s.words_beside(&["hash elements"]);
        assert!(beside.contains("shop") && beside.contains("the") && !beside.contains("my"));
        let a = Analyzer::new(&[]);
        let keys = related_keys(&a, &keyword(&a, "store"), &[]);
        let long = "I went to the shop. ".repeat(20_000) + "Sets keep elements in a shop.";
        let (idx, s) = (a.answer(&long), Sentences::of(&long));
        assert!(meet(&idx, &keys, &["elements"], || &s).is_some());
        let (idx, s) = (
            a.answer(&long[..long.len() - 30]),
            Sentences::of(&long[..long.len() - 30]),
        );
        assert!(meet(&idx, &keys, &["elements"], || &s).is_none());
    }

    #[test]
    fn a_related_word_counts_only_in_a_sentence_that_meets_the_bullet() {
        let a = Analyzer::new(&[]);
        let keys = related_keys(&a, &keyword(&a, "store"), &[]);
        // "shop" shares a sense with "store": beside the bullet's words, not in padding.
        for (text, met) in [
            ("sets keep elements in a shop of hashes", true),
            ("sets keep elements. I went to the shop.", false),
            ("I went to the shop. Sets keep elements.", false),
        ] {
            let (idx, s) = (a.answer(text), Sentences::of(text));
            let hit = meet(&idx, &keys, &["elements"], || &s);
            assert_eq!(hit.is_some(), met, "{text}");
        }
    }

    #[test]
    fn a_related_word_counts_only_in_a_bullet_the_answer_is_about() {
        let a = Analyzer::new(&[]);
        let keys = related_keys(&a, &keyword(&a, "faster"), &[]);
        let text = "it runs quicker";
        let (idx, s) = (a.answer(text), Sentences::of(text));
        let hit = meet(&idx, &keys, &["runs"], || &s).expect("on topic");
        assert_eq!(
            (hit.how, hit.credit, hit.word.as_str()),
            (MatchKind::Related, RELATED_CREDIT, "quicker")
        );
        assert!(meet(&idx, &keys, &[], || &s).is_none());
        assert!(meet(&idx, &[], &["runs"], || &s).is_none());
        let miss = Hit {
            credit: 1.0,
            how: MatchKind::Exact,
            word: "x".to_string(),
        };
        assert!(!on_topic(&[None, None]));
        assert!(on_topic(&[None, Some(miss)]));
    }

    #[test]
    fn a_word_in_any_form_has_its_entry() {
        assert!(entry_of("boxes").is_some_and(|e| e.pos & NOUN != 0));
        assert!(entry_of("iterates").is_some_and(|e| e.pos & VERB != 0));
        assert!(entry_of("denser").is_some_and(|e| e.pos & ADJ != 0));
        assert!(entry_of("qwertyuiop").is_none());
    }
}
