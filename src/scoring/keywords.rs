//! A bullet's keywords: its words that are not stopwords, each once, with synonym phrases
//! ("global interpreter lock") and compounds that mean little apart ("no-op") kept as one
//! keyword, and code names with their meaningful parts.
//!
//! How an answer word meets a keyword is in [`super::matching`].

use rustc_hash::FxHashSet;

use super::compounds::{Compound, run_end, surface_join};
use super::stopwords::is_stopword;
use super::terms::{Term, code_parts, hash, join};

// `scoring::keywords::Analyzer` is where code outside the scorer finds the analyzer.
pub use super::analyzer::Analyzer;

/// A meaningful part of a code name: `lru_cache` of `functools.lru_cache`, `init` of
/// `__init__`.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// Case-folded, as written: typos are measured against it.
    pub norm: String,
    /// Stemmed when it is a plain word, so prose meets it ("decorators").
    pub key: String,
    /// A dunder's part that the references use as a word of their own: "new" of `__new__`,
    /// "call" of `__call__`, but not "init" or "repr". The bare word in prose is likely the
    /// word, not the method, so it earns only part credit; written as code (`new()`) it counts.
    pub ordinary: bool,
}

/// One keyword of a bullet.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// As written in the bullet (a phrase: its words joined by spaces).
    pub display: String,
    /// Case-folded (a phrase: its words joined by spaces).
    pub norm: String,
    /// The stem of a word, a code name as is (a phrase: its stems joined by spaces).
    pub stem: String,
    /// The key for weights and for telling keywords apart: the synonym group as `#n` when
    /// there is one (so "GIL" and "global interpreter lock" are one keyword), else `stem`.
    pub key: String,
    /// A code name.
    pub code: bool,
    /// Code that is a stopword in prose (`is`, `with`, `and`, the `from` of `yield from`):
    /// nobody types backticks, so the same word written as prose meets it.
    pub code_stop: bool,
    /// The synonym group, when it belongs to one.
    pub concept: Option<u32>,
    /// The meaningful parts of a code name (`functools`, `lru_cache`).
    pub parts: Vec<Part>,
    /// A phrase's words (not stopwords), matched one by one when the phrase is not there whole.
    pub components: Vec<Term<'static>>,
    /// The compound this keyword is, or is a part of.
    pub compound: Option<Box<Compound>>,
    /// Hashes of `norm` and `stem`, compared before the strings when scanning an answer.
    pub(super) hashes: (u64, u64),
}

impl Keyword {
    /// A compound whose parts mean little alone ("no-op", "I/O-bound"): one keyword, met by its
    /// joined form; `concept` is the synonym group of that form ("io" is "input/output").
    fn whole_compound(run: &[Term], c: Compound, concept: Option<u32>) -> Keyword {
        Keyword {
            display: surface_join(run),
            norm: c.norm.clone(),
            stem: c.stem.clone(),
            key: concept.map_or_else(|| c.stem.clone(), |n| format!("#{n}")),
            code: false,
            code_stop: false,
            concept,
            parts: Vec::new(),
            components: Vec::new(),
            hashes: (hash(&c.norm), hash(&c.stem)),
            compound: Some(Box::new(c)),
        }
    }

    /// A synonym phrase ("global interpreter lock"), its words kept to be met one by one.
    fn phrase(span: &[Term], concept: u32) -> Keyword {
        Keyword {
            display: surface_join(span),
            norm: join(span.iter().map(|t| t.norm.as_ref())),
            stem: join(span.iter().map(|t| t.key.as_ref())),
            key: format!("#{concept}"),
            code: false,
            code_stop: false,
            concept: Some(concept),
            parts: Vec::new(),
            components: span
                .iter()
                .filter(|t| !t.stop)
                .map(|t| t.clone().into_owned())
                .collect(),
            compound: None,
            hashes: (0, 0),
        }
    }
}

impl Analyzer {
    /// The keywords of a bullet, in order, each once.
    pub fn keywords(&self, bullet: &str) -> Vec<Keyword> {
        let terms = self.terms(bullet);
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_ref()).collect();
        let mut out = Unique::default();
        // The compound of words of their own ("thread-safe") that the words at hand are in.
        let mut strong: Option<(usize, Compound)> = None;
        let mut i = 0;
        while i < terms.len() {
            if strong.as_ref().is_some_and(|(end, _)| i >= *end) {
                strong = None;
            }
            let end = run_end(&terms, i);
            if strong.is_none() && end - i >= 2 {
                let run = &terms[i..end];
                let c = Compound::of(run);
                if !c.whole {
                    strong = Some((end, c));
                } else {
                    let concept = self.synonyms.word(&c.stem);
                    out.push(Keyword::whole_compound(run, c, concept));
                    i = end;
                    continue;
                }
            }
            if let Some((len, concept)) = self.phrase_at(&terms, &keys, i) {
                out.push(Keyword::phrase(&terms[i..i + len], concept));
                i += len;
                continue;
            }
            let t = &terms[i];
            i += 1;
            if !t.stop {
                out.push(self.word(t, strong.as_ref().map(|(_, c)| c)));
            }
        }
        out.keywords
    }

    /// A word or code name, a keyword of its own; `strong` is the compound of words of their
    /// own it is part of ("safe" of "thread-safe").
    fn word(&self, t: &Term, strong: Option<&Compound>) -> Keyword {
        Keyword {
            display: t.surface.to_string(),
            norm: t.norm.to_string(),
            stem: t.key.to_string(),
            key: t
                .concept
                .map_or_else(|| t.key.to_string(), |c| format!("#{c}")),
            code: t.code,
            code_stop: t.code && is_stopword(&t.norm),
            concept: t.concept,
            parts: if t.code {
                code_parts(&t.norm)
                    .into_iter()
                    .map(|(norm, key, dunder)| Part {
                        ordinary: dunder && self.knows_word(&norm),
                        norm,
                        key,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            components: Vec::new(),
            compound: strong.map(|c| Box::new(c.clone())),
            hashes: (hash(&t.norm), hash(&t.key)),
        }
    }
}

/// Keywords in order, each key once: a set of the keys seen, so a bullet of thousands of
/// words stays linear.
#[derive(Default)]
struct Unique {
    keywords: Vec<Keyword>,
    seen: FxHashSet<String>,
}

impl Unique {
    fn push(&mut self, kw: Keyword) {
        if !self.seen.contains(&kw.key) {
            self.seen.insert(kw.key.clone());
            self.keywords.push(kw);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::matching::tests::meets;

    fn keys(kws: &[Keyword]) -> Vec<&str> {
        kws.iter().map(|k| k.display.as_str()).collect()
    }

    #[test]
    fn keywords_drop_stopwords_and_repeats_and_keep_phrases_whole() {
        let a = Analyzer::new(&[]);
        let kws = a.keywords("The GIL is the global interpreter lock; threads share the lock.");
        assert_eq!(keys(&kws), vec!["GIL", "threads", "share", "lock"]);
        let kws = a.keywords("Only one thread holds the global interpreter lock at a time.");
        assert_eq!(
            keys(&kws),
            vec!["one", "thread", "holds", "global interpreter lock", "time"]
        );
    }

    #[test]
    fn a_compound_with_a_part_that_means_little_alone_is_one_keyword() {
        let a = Analyzer::new(&[]);
        let kws = a.keywords("`pass` is a no-op placeholder for I/O, built-in and read-only.");
        assert_eq!(
            keys(&kws),
            vec![
                "pass",
                "no-op",
                "placeholder",
                "I/O",
                "built-in",
                "read-only"
            ]
        );
        // The plural of a short part is as short: "built-ins" is not "built" and "ins".
        assert_eq!(keys(&a.keywords("then built-ins")), vec!["built-ins"]);
        assert!(meets("then built-ins", "built-ins", "builtins").is_some());
        let kws = a.keywords("Copy-on-write with non-blocking I/O-bound calls");
        assert_eq!(
            keys(&kws),
            vec!["Copy-on-write", "non-blocking", "I/O-bound", "calls"]
        );
    }

    #[test]
    fn a_compound_of_words_keeps_its_words_and_is_also_met_joined() {
        let a = Analyzer::new(&[]);
        assert_eq!(
            keys(&a.keywords("A thread-safe queue")),
            vec!["thread", "safe", "queue"]
        );
        for answer in [
            "thread safe",
            "thread-safe",
            "Thread-Safe",
            "threadsafe",
            "thread-safety",
        ] {
            for keyword in ["thread", "safe"] {
                let hit = meets("A thread-safe queue", keyword, answer);
                assert!(hit.is_some_and(|h| h.1 == 1.0), "{answer} / {keyword}");
            }
        }
        assert!(meets("A thread-safe queue", "safe", "thread safeguards").is_none());
        // "auto-creates": "auto" is met by "automatically".
        assert!(meets("auto-creates keys", "auto", "automatically creates").is_some());
    }
}
