//! The analyzer: from text to [`Term`]s, with the lexicon of the references' words and the
//! synonym groups (built-in and a bank's own) it recognizes.
//!
//! The analyzer is built once per scorer; a bullet's keywords ([`super::keywords`]) and an
//! answer's index ([`super::index`]) are made from its terms.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::compounds::{any_weak, joined_norm, run_end};
use super::synonyms::{BUILT_IN, Keys, Synonyms};
use super::terms::{Term, cached_word_key, is_lone_letter, stemmer, word_key};
use super::tokens::{each_token, tokenize};

/// What the lexicon knows of a prose word.
#[derive(Debug, Clone)]
struct Lex {
    key: String,
    stop: bool,
    concept: Option<u32>,
    phrase: bool,
}

/// Tokenizes, stems and recognizes synonyms. Holds no state between texts.
#[derive(Debug, Clone)]
pub struct Analyzer {
    /// Shared, so that a scorer made for one inline reference (see `Scorer::knowing`) copies
    /// only its lexicon.
    pub(super) synonyms: Arc<Synonyms>,
    /// Known words (case-folded) with their key and whether they are stopwords: stemming is
    /// the slowest step of analyzing an answer, and answers repeat the references' words.
    lexicon: FxHashMap<String, Lex>,
}

impl Analyzer {
    /// An analyzer with the built-in synonym groups and `extra` ones on top.
    pub fn new(extra: &[Vec<String>]) -> Analyzer {
        let mut a = Analyzer {
            synonyms: Arc::new(Synonyms::default()),
            lexicon: FxHashMap::default(),
        };
        let groups = BUILT_IN
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .chain(extra.iter().cloned());
        for group in groups {
            let mut members: Vec<Keys> = Vec::new();
            for m in &group {
                let terms = a.raw_terms(m, false);
                // A compound member ("i/o", "read-only") is also met joined ("io", "readonly").
                if terms.len() >= 2 && run_end(&terms, 0) == terms.len() {
                    members.push(vec![stemmer().stem(&joined_norm(&terms)).into_owned()]);
                }
                members.push(terms.into_iter().map(|t| t.key.into_owned()).collect());
            }
            Arc::make_mut(&mut a.synonyms).add_group(members);
        }
        a
    }

    /// Adds the words of `text` to the lexicon.
    pub fn learn(&mut self, text: &str) {
        let stemmer = stemmer();
        for t in tokenize(text) {
            if !t.code && !self.lexicon.contains_key(t.norm.as_ref()) {
                let (key, stop) = word_key(&stemmer, &t.norm);
                let concept = if stop { None } else { self.synonyms.word(&key) };
                let phrase = self.synonyms.starts_phrase(&key);
                let lex = Lex {
                    key,
                    stop,
                    concept,
                    phrase,
                };
                self.lexicon.insert(t.norm.into_owned(), lex);
            }
        }
    }

    /// Terms; without synonym concepts when `concepts` is false (to build the synonym table).
    fn raw_terms<'a>(&'a self, text: &'a str, concepts: bool) -> Vec<Term<'a>> {
        let stemmer = stemmer();
        let mut terms = Vec::with_capacity(text.len() / 6 + 1);
        each_token(text, |t| {
            terms.push({
                let lex = (!t.code)
                    .then(|| self.lexicon.get(t.norm.as_ref()))
                    .flatten();
                let known = lex.is_some();
                let (key, stop, concept, phrase) = if let Some(lex) = lex {
                    (
                        Cow::Borrowed(lex.key.as_str()),
                        lex.stop,
                        lex.concept,
                        lex.phrase,
                    )
                } else {
                    let (key, stop) = if t.code {
                        // A lone letter in code (`a < b`, `T`, `x`) is a placeholder, not a name.
                        (t.norm.clone(), is_lone_letter(&t.norm))
                    } else {
                        cached_word_key(&stemmer, &t.norm)
                    };
                    let concept = (concepts && !stop)
                        .then(|| self.synonyms.word(&key))
                        .flatten();
                    let phrase = concepts && self.synonyms.starts_phrase(&key);
                    (key, stop, concept, phrase)
                };
                Term {
                    surface: t.surface,
                    norm: t.norm,
                    key,
                    code: t.code,
                    stop,
                    concept,
                    phrase,
                    known,
                    sep: t.sep,
                }
            })
        });
        terms
    }

    /// The key of a prose word as the analyzer would make it (the stem of its lemma), or None
    /// for a stopword or a word of a synonym group.
    pub fn word_key(&self, norm: &str) -> Option<String> {
        let (key, stop) = match self.lexicon.get(norm) {
            Some(l) => (l.key.clone(), l.stop),
            // Remembered: preparing a question asks this of every word sharing a sense with
            // each of its keywords, and the same words come up again and again.
            None => {
                let (key, stop) = cached_word_key(&stemmer(), &Cow::Borrowed(norm));
                (key.into_owned(), stop)
            }
        };
        (!stop && self.synonyms.word(&key).is_none()).then_some(key)
    }

    /// The terms of a text, with single-word synonym concepts.
    pub fn terms<'a>(&'a self, text: &'a str) -> Vec<Term<'a>> {
        self.raw_terms(text, true)
    }

    /// Calls `f` with the identity of each keyword of `text`: its synonym group, or else its
    /// key. Cheaper than `keywords`, for counting document frequencies over a whole bank.
    pub fn keyword_keys(&self, text: &str, mut f: impl FnMut(Option<u32>, &str)) {
        let terms = self.terms(text);
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_ref()).collect();
        let mut i = 0;
        while i < terms.len() {
            let end = run_end(&terms, i);
            if end - i >= 2 && any_weak(&terms[i..end]) {
                let stem = stemmer().stem(&joined_norm(&terms[i..end])).into_owned();
                let concept = self.synonyms.word(&stem);
                f(concept, if concept.is_some() { "" } else { &stem });
                i = end;
                continue;
            }
            if let Some((len, concept)) = self.phrase_at(&terms, &keys, i) {
                f(Some(concept), "");
                i += len;
                continue;
            }
            let t = &terms[i];
            i += 1;
            if !t.stop {
                f(t.concept, &t.key);
            }
        }
    }

    /// The synonym phrase that starts at `terms[i]` ("global interpreter lock"), if any: how
    /// many terms it takes, and its group. `keys` are the terms' keys.
    pub(super) fn phrase_at(
        &self,
        terms: &[Term],
        keys: &[&str],
        i: usize,
    ) -> Option<(usize, u32)> {
        terms[i]
            .phrase
            .then(|| self.synonyms.phrase_at(&keys[i..]))
            .flatten()
    }

    /// Whether the references use `norm` (case-folded) as a word: a real word there is
    /// nobody's typo.
    pub(super) fn knows(&self, norm: &str) -> bool {
        self.lexicon.contains_key(norm)
    }

    /// Whether the references use `norm` (case-folded) as a word of their own, not a stopword:
    /// "new", but not "init".
    pub(super) fn knows_word(&self, norm: &str) -> bool {
        self.lexicon.get(norm).is_some_and(|l| !l.stop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(a: &Analyzer, text: &str) -> Vec<(Option<u32>, String)> {
        let mut out = Vec::new();
        a.keyword_keys(text, |c, k| out.push((c, k.to_string())));
        out
    }

    #[test]
    fn terms_are_keyed_marked_and_grouped() {
        let a = Analyzer::new(&[]);
        let terms = a.terms("The dict iterates `os.path`");
        let got: Vec<(&str, &str, bool, bool)> = terms
            .iter()
            .map(|t| (t.norm.as_ref(), t.key.as_ref(), t.code, t.stop))
            .collect();
        assert_eq!(
            got,
            vec![
                ("the", "the", false, true),
                ("dict", "dict", false, false),
                ("iterates", "iter", false, false),
                ("os.path", "os.path", true, false),
            ]
        );
        // "dict" is in the built-in group of "dictionary".
        let dictionary = a.terms("dictionary");
        assert!(terms[1].concept.is_some() && terms[1].concept == dictionary[0].concept);
    }

    #[test]
    fn learned_words_are_known_and_nobodys_typo() {
        let mut a = Analyzer::new(&[]);
        assert!(!a.terms("decroator")[0].known);
        a.learn("A decroator and the `init` of it.");
        assert!(a.terms("decroator")[0].known);
        assert!(a.knows("decroator") && a.knows_word("decroator"));
        // A stopword is known, but not as a word of its own; code is not learned.
        assert!(a.knows("the") && !a.knows_word("the"));
        assert!(!a.knows("init"));
    }

    #[test]
    fn a_bank_synonym_group_joins_the_built_in_ones() {
        let groups = vec![vec!["borrowck".to_string(), "borrow checker".to_string()]];
        let a = Analyzer::new(&groups);
        let [(one, _)] = keys_of(&a, "borrowck")[..] else {
            panic!("one keyword");
        };
        assert!(one.is_some());
        assert_eq!(
            keys_of(&a, "the borrow checker"),
            vec![(one, String::new())]
        );
        assert_eq!(Analyzer::new(&[]).terms("borrowck")[0].concept, None);
    }

    #[test]
    fn a_word_key_is_none_for_stopwords_and_synonym_terms() {
        let a = Analyzer::new(&[]);
        assert_eq!(a.word_key("quicker").as_deref(), Some("quick"));
        assert_eq!(a.word_key("the"), None);
        assert_eq!(a.word_key("dictionary"), None);
    }

    #[test]
    fn keyword_keys_are_the_keys_of_the_keywords() {
        let a = Analyzer::new(&[]);
        let text = "Iterating the no-op; threads share the GIL with `os.path`";
        let got: Vec<String> = keys_of(&a, text)
            .into_iter()
            .map(|(c, k)| c.map_or(k, |c| format!("#{c}")))
            .collect();
        let want: Vec<String> = a.keywords(text).into_iter().map(|k| k.key).collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 6);
    }
}
