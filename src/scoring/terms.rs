//! A word's analysis: a token of text made a [`Term`], with the key keywords are told apart by
//! (a prose word's lemma, stemmed; a code name as written) and whether it is a stopword.
//!
//! A prose word's key is the Snowball stem of its WordNet lemma ([`lemma`]: an irregular form's
//! base from WordNet's exception lists, then a comparative's adjective, [`super::comparatives`]),
//! so "ran" meets "run" and "denser" "dense". Stemming is the slowest step of analyzing an
//! answer, so keys are remembered per thread (`Memo`), as are the parts of code names.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::comparatives;
use super::stopwords::is_stopword;
use super::wordnet;

/// One token of a text, analyzed.
#[derive(Debug, Clone, PartialEq)]
pub struct Term<'a> {
    /// As written.
    pub surface: Cow<'a, str>,
    /// Case-folded.
    pub norm: Cow<'a, str>,
    /// The stem of a word; a code name as is.
    pub key: Cow<'a, str>,
    /// A code name.
    pub code: bool,
    /// A stopword (or a lone letter), not a keyword; kept for phrase matching.
    pub stop: bool,
    /// The synonym group of this word alone.
    pub concept: Option<u32>,
    /// Whether a synonym phrase may start at this word (false saves a lookup per word).
    pub phrase: bool,
    /// A word the references use (in the lexicon): a real word there is nobody's typo.
    pub known: bool,
    /// The hyphen or slash joining this word to the one before ("no-op"), if any.
    pub sep: Option<char>,
}

impl Term<'_> {
    /// The same term, owning its text.
    pub fn into_owned(self) -> Term<'static> {
        Term {
            surface: Cow::Owned(self.surface.into_owned()),
            norm: Cow::Owned(self.norm.into_owned()),
            key: Cow::Owned(self.key.into_owned()),
            code: self.code,
            stop: self.stop,
            concept: self.concept,
            phrase: self.phrase,
            known: self.known,
            sep: self.sep,
        }
    }
}

/// The Fx hash of a string.
pub(super) fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// The English Snowball stemmer.
pub(super) fn stemmer() -> Stemmer {
    // A function pointer inside: creating one is free, and it keeps `Analyzer: Clone + Debug`.
    Stemmer::create(Algorithm::English)
}

/// The lemma of a case-folded prose word, by WordNet's morphology, for its stem: an irregular
/// form from the exception lists ("ran" is "run", "children" "child", "better" "good"; the
/// generator adds comparatives that are also nouns or verbs but mostly adjectives, "lower"
/// "low" and "longer" "long"), then a comparative's adjective ([`comparatives::adjective`]:
/// "denser" is "dense", "number" stays); else the word unchanged. The noun and verb rules are
/// left to the stemmer, which undoes the same regular endings ("boxes", "iterated") without a
/// lookup: every word of every answer goes through here.
pub fn lemma(word: &str) -> Cow<'_, str> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(word);
    }
    if let Some(l) = wordnet::irregular(word) {
        return Cow::Owned(l.to_string());
    }
    match comparatives::adjective(word) {
        Some(base) => Cow::Owned(base),
        None => Cow::Borrowed(word),
    }
}

/// The key of a prose word (the stem of its WordNet lemma, so "ran" meets "run" and "children"
/// "child"; or itself for a stopword) and whether it is a stopword. A lone letter is a
/// stopword too ("a", the "s" of "Python's"); a lone digit is not.
pub(super) fn word_key(stemmer: &Stemmer, norm: &str) -> (String, bool) {
    if is_lone_letter(norm) || is_stopword(norm) {
        (norm.to_string(), true)
    } else if is_logarithm(norm) {
        // Prose writes "log n" as one word too ("logn", "nlogn"): its key is "log"'s.
        (stemmer.stem("log").into_owned(), false)
    } else {
        (stemmer.stem(&lemma(norm)).into_owned(), false)
    }
}

/// What a thread remembers of the words it has analyzed. Each map depends on the word alone,
/// so one memory serves every analyzer: answers repeat their own words (and typos) from line
/// to line, and stemming is a good part of analyzing one.
#[derive(Default)]
struct Memo {
    /// Keys of words outside every lexicon, as `word_key` makes them (`None` when the key is
    /// the word itself, as for stopwords), and whether each is a stopword.
    keys: FxHashMap<Box<str>, (Option<Box<str>>, bool)>,
    /// Plain stems of joined compounds ("noop", "threadsafe").
    stems: FxHashMap<Box<str>, Box<str>>,
    /// The parts of code names, as `code_parts` makes them.
    parts: FxHashMap<Box<str>, Rc<[CodePart]>>,
}

/// A part of a code name: case-folded, as a key, and whether it is a dunder's.
pub(super) type CodePart = (String, String, bool);

impl Memo {
    /// Past `STEM_CACHE_MAX` words in one of its maps, the memory is dropped and refilled, so
    /// a stream of ever new words cannot grow it without bound.
    fn make_room(&mut self) {
        if self.keys.len().max(self.stems.len()).max(self.parts.len()) >= STEM_CACHE_MAX {
            *self = Memo::default();
        }
    }
}

/// How many words each of a thread's memories (`Memo`) holds at most.
const STEM_CACHE_MAX: usize = 1 << 16;

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// `word_key`, remembered per thread. One lookup answers for stopwords too, and a key that is
/// the word itself is the word's own text, not a copy.
pub(super) fn cached_word_key<'a>(stemmer: &Stemmer, norm: &Cow<'a, str>) -> (Cow<'a, str>, bool) {
    if is_lone_letter(norm) {
        return (norm.clone(), true);
    }
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let key_of = |key: Option<&str>| key.map_or_else(|| norm.clone(), |k| Cow::Owned(k.into()));
        if let Some((key, stop)) = memo.keys.get(norm.as_ref()) {
            return (key_of(key.as_deref()), *stop);
        }
        let (key, stop) = word_key(stemmer, norm);
        let key = (key != norm.as_ref()).then(|| key.into_boxed_str());
        let found = (key_of(key.as_deref()), stop);
        memo.make_room();
        memo.keys.insert(norm.as_ref().into(), (key, stop));
        found
    })
}

/// The plain stem of a joined compound, remembered per thread.
pub(super) fn cached_stem(norm: &str) -> String {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(stem) = memo.stems.get(norm) {
            return stem.to_string();
        }
        let stem = stemmer().stem(norm).into_owned();
        memo.make_room();
        memo.stems.insert(norm.into(), stem.as_str().into());
        stem
    })
}

/// `code_parts`, remembered per thread.
pub(super) fn cached_code_parts(norm: &str) -> Rc<[CodePart]> {
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(parts) = memo.parts.get(norm) {
            return Rc::clone(parts);
        }
        let parts: Rc<[CodePart]> = code_parts(norm).into();
        memo.make_room();
        memo.parts.insert(norm.into(), Rc::clone(&parts));
        parts
    })
}

/// A single letter (not a digit): the article "a", the "s" of "Python's", or a placeholder
/// in code (`a < b < c`).
pub(super) fn is_lone_letter(norm: &str) -> bool {
    let mut chars = norm.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_ascii_digit())
}

/// Words joined by spaces.
pub(super) fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}

/// The first byte of a word (0 for an empty one).
pub(super) fn first_byte(s: &str) -> u8 {
    s.as_bytes().first().copied().unwrap_or(0)
}

/// The meaningful parts of a code name: its dotted segments (`asyncio`, `gather`), and a
/// dunder name without its underscores (`init` for `__init__`). Parts of two letters or
/// fewer name nothing on their own. Each is given case-folded, as a key (plain-word parts are
/// stemmed so prose meets them), and whether it is a dunder's.
/// A logarithm as big-O writes it without spaces ("logn", "nlogn", "log2n") is "log"; any
/// other segment is itself.
fn log_of(seg: &str) -> Cow<'_, str> {
    if is_logarithm(seg) {
        Cow::Borrowed("log")
    } else {
        Cow::Borrowed(seg)
    }
}

/// Whether a word is a logarithm as big-O writes it without spaces: "log" or "lg" between at
/// most two characters of a variable's letter (n, k, m, v, e, x) or a base's digits ("logn",
/// "nlogn", "log2n", "lgk"), not a word that holds "log" ("login", "logic", "blog").
pub(super) fn is_logarithm(w: &str) -> bool {
    let variable = |s: &str| s.len() <= 2 && s.bytes().all(|b| b"nkmvex0123456789".contains(&b));
    ["log", "lg"].iter().any(|l| {
        w.match_indices(l)
            .any(|(i, _)| i <= 1 && variable(&w[..i]) && variable(&w[i + l.len()..]))
    }) && w != "log"
        && w != "lg"
}

pub(super) fn code_parts(norm: &str) -> Vec<CodePart> {
    let stemmer = stemmer();
    let mut parts: Vec<CodePart> = Vec::new();
    // Notation splits too (issue 21): `O(log n)` is "o(logn)", whose "logn" meets "log";
    // `a->b`, `n/s`, `x**2` part at their marks.
    let segments: Vec<&str> = norm
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|s| !s.is_empty())
        .collect();
    for seg in &segments {
        let seg = &log_of(seg);
        let bare = seg.trim_matches('_');
        if bare.chars().count() < 3 || is_stopword(bare) || (segments.len() == 1 && bare == *seg) {
            continue;
        }
        let key = if bare.chars().all(char::is_alphabetic) {
            stemmer.stem(bare).into_owned()
        } else {
            bare.to_string()
        };
        if !parts.iter().any(|p| p.1 == key) {
            let dunder = seg.len() > 4 && seg.starts_with("__") && seg.ends_with("__");
            parts.push((bare.to_string(), key, dunder));
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_word_keys_are_the_keys_and_the_memory_stays_bounded() {
        let stemmer = stemmer();
        let cached = |w: &str| {
            let (key, stop) = cached_word_key(&stemmer, &Cow::Borrowed(w));
            (key.into_owned(), stop)
        };
        for w in [
            "iterations",
            "the",
            "decroator",
            "x",
            "iterations",
            "the",
            "python",
        ] {
            assert_eq!(cached(w), word_key(&stemmer, w), "{w}");
        }
        for n in 0..STEM_CACHE_MAX + 10 {
            cached(&format!("word{n}"));
        }
        assert!(MEMO.with(|c| c.borrow().keys.len()) <= STEM_CACHE_MAX);
        assert_eq!(cached("running"), ("run".to_string(), false));
        assert_eq!(cached("the"), ("the".to_string(), true));
        for _ in 0..2 {
            assert_eq!(cached_stem("threadsafety"), stemmer.stem("threadsafety"));
            for name in ["functools.lru_cache", "__init__", "os.path.join", "x.y"] {
                assert_eq!(*cached_code_parts(name), code_parts(name), "{name}");
            }
        }
        assert!(!code_parts("functools.lru_cache").is_empty());
    }

    #[test]
    fn a_word_takes_its_lemma_irregular_or_comparative_then_as_it_is() {
        // Irregular forms, from the exception lists.
        assert_eq!(lemma("ran"), "run");
        assert_eq!(lemma("children"), "child");
        assert_eq!(lemma("better"), "good");
        assert_eq!(lemma("mice"), "mouse");
        // Comparatives, by detachment; or listed when the word is also a noun or verb but mostly
        // the adjective ("lower" is also a verb, "longer" and "cooler" nouns).
        assert_eq!(lemma("denser"), "dense");
        assert_eq!(lemma("lower"), "low");
        assert_eq!(lemma("longer"), "long");
        assert_eq!(lemma("cooler"), "cool");
        assert_eq!(lemma("warmer"), "warm");
        // A noun of its own stays, and regular endings are the stemmer's.
        assert_eq!(lemma("number"), "number");
        assert_eq!(lemma("boxes"), "boxes");
        // Short, capitalised or not ASCII: as it is.
        assert_eq!(lemma("ox"), "ox");
        assert_eq!(lemma("Ran"), "Ran");
    }

    #[test]
    fn a_prose_word_is_keyed_by_its_lemma_stemmed_and_stopwords_and_letters_stay() {
        let stemmer = stemmer();
        assert_eq!(
            word_key(&stemmer, "iterations"),
            ("iter".to_string(), false)
        );
        assert_eq!(word_key(&stemmer, "ran"), ("run".to_string(), false));
        assert_eq!(word_key(&stemmer, "denser"), ("dens".to_string(), false));
        assert_eq!(word_key(&stemmer, "the"), ("the".to_string(), true));
        // A lone letter is a stopword, a lone digit is not.
        assert_eq!(word_key(&stemmer, "s"), ("s".to_string(), true));
        assert!(!word_key(&stemmer, "3").1);
    }

    #[test]
    fn a_code_name_has_its_meaningful_parts() {
        let parts = |n: &str| -> Vec<(String, bool)> {
            code_parts(n)
                .into_iter()
                .map(|(norm, _, dunder)| (norm, dunder))
                .collect()
        };
        assert_eq!(
            parts("functools.lru_cache"),
            vec![
                ("functools".to_string(), false),
                ("lru_cache".to_string(), false)
            ]
        );
        assert_eq!(parts("__init__"), vec![("init".to_string(), true)]);
        // A plain name is its own only part; short segments name nothing.
        assert!(parts("lru_cache").is_empty());
        assert_eq!(parts("os.path"), vec![("path".to_string(), false)]);
    }

    #[test]
    fn notation_parts_at_its_marks_and_a_logarithm_is_log() {
        let keys =
            |norm: &str| -> Vec<String> { code_parts(norm).into_iter().map(|p| p.1).collect() };
        assert_eq!(keys("o(logn)"), ["log"]);
        assert_eq!(keys("o(nlogn)"), ["log"]);
        assert_eq!(keys("log(n)"), ["log"]);
        assert_eq!(keys("dict->list"), ["dict", "list"]);
        assert_eq!(keys("self.cache"), ["self", "cach"]);
        // A name of one segment has no parts; "logging" is no logarithm.
        assert!(keys("logging").is_empty());
        assert_eq!(keys("logging.getlogger"), ["log", "getlogg"]);
        // Words that hold "log" are not logarithms.
        assert_eq!(keys("user.login"), ["user", "login"]);
        assert_eq!(keys("is_logic.blog"), ["is_logic", "blog"]);
        for w in ["logn", "nlogn", "log2n", "lgn", "nlgn", "logk"] {
            assert!(is_logarithm(w), "{w}");
        }
        for w in ["log", "login", "logic", "blog", "catalog", "logs", "analog"] {
            assert!(!is_logarithm(w), "{w}");
        }
    }
}
