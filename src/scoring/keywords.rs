//! From text to terms (stemmed, stopwords marked), from a bullet to its keywords, from an
//! answer to an index of its words, and the matching of one keyword against that index.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::rc::Rc;

use rust_stemmers::{Algorithm, Stemmer};

use super::MatchKind;
use super::fuzzy;
use super::negation;
use super::stopwords::is_stopword;
use super::synonyms::{BUILT_IN, Keys, Synonyms};
use super::tokens::{each_token, tokenize};
use super::wordnet;
use rustc_hash::{FxBuildHasher, FxHashMap};

/// Credit for a typo match: close to full, so hasty typing costs little (a full answer retyped
/// with 8-15 typos scores within 3 points of the clean one on the in-domain dev set), but a
/// clean answer still ranks above the same answer with typos.
pub const FUZZY_CREDIT: f64 = 0.95;
/// Credit for naming one of a code name's parts only (`lru_cache` for `functools.lru_cache`),
/// when the name has several: the answer named the thing, less precisely.
pub const PART_CREDIT: f64 = 0.75;

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

/// Words run together by hyphens or slashes: "no-op", "I/O", "thread-safe", "copy-on-write".
///
/// When a part is a stopword or two letters or fewer ("no", "op", "I", "in", "on") the parts
/// mean little alone, so the compound is one keyword, met by its joined form however the
/// answer writes it ("no-op", "noop", "no op"). When every part is a word of its own
/// ("thread-safe"), each part stays a keyword, as in prose, and the joined form
/// ("threadsafe", "thread-safety") meets every part too.
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// The parts run together, case-folded: "noop", "io", "threadsafe".
    pub norm: String,
    /// The stem of `norm`, for derived forms ("threadsafety" for "threadsafe").
    pub stem: String,
    /// One keyword for the whole compound, not one per part.
    pub whole: bool,
    /// For a whole compound, what naming only some of it earns partial credit for: its words
    /// of their own, and runs of short parts (the "I/O" of "I/O-bound").
    pub units: Vec<Unit>,
}

/// A meaningful piece of a whole compound.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A word of its own ("bound" in "I/O-bound"), matched as any word.
    Word(Term<'static>),
    /// Short parts run together ("io"), matched as a joined form.
    Run(String),
}

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
    hashes: (u64, u64),
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
fn hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// What the lexicon knows of a prose word.
#[derive(Debug, Clone)]
struct Lex {
    key: String,
    stop: bool,
    concept: Option<u32>,
    phrase: bool,
}

/// How one keyword was matched: the credit (0-1), the kind and the answer's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// 1 for an exact, stem or synonym match; less for typos and parts.
    pub credit: f64,
    /// How it matched.
    pub how: MatchKind,
    /// The answer's word(s), as written.
    pub word: String,
}

/// Tokenizes, stems and recognizes synonyms. Holds no state between texts.
#[derive(Debug, Clone)]
pub struct Analyzer {
    synonyms: Synonyms,
    /// Known words (case-folded) with their key and whether they are stopwords: stemming is
    /// the slowest step of analyzing an answer, and answers repeat the references' words.
    lexicon: FxHashMap<String, Lex>,
}

fn stemmer() -> Stemmer {
    // A function pointer inside: creating one is free, and it keeps `Analyzer: Clone + Debug`.
    Stemmer::create(Algorithm::English)
}

impl Analyzer {
    /// An analyzer with the built-in synonym groups and `extra` ones on top.
    pub fn new(extra: &[Vec<String>]) -> Analyzer {
        let mut a = Analyzer {
            synonyms: Synonyms::default(),
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
            a.synonyms.add_group(members);
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
            if let Some((len, concept)) = terms[i]
                .phrase
                .then(|| self.synonyms.phrase_at(&keys[i..]))
                .flatten()
            {
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

    /// The compound of a run of joined words.
    fn compound(&self, run: &[Term]) -> Compound {
        let norm = joined_norm(run);
        let stem = stemmer().stem(&norm).into_owned();
        let whole = any_weak(run);
        let mut units = Vec::new();
        if whole {
            let short = |t: &Term| t.norm.chars().count() <= 2;
            let mut j = 0;
            while j < run.len() {
                let k = j + run[j..].iter().take_while(|t| short(t)).count();
                if k > j + 1 && k - j < run.len() {
                    units.push(Unit::Run(joined_norm(&run[j..k])));
                } else if k == j {
                    if !is_weak(run, j) {
                        units.push(Unit::Word(run[j].clone().into_owned()));
                    }
                    j += 1;
                    continue;
                }
                j = k;
            }
        }
        Compound {
            norm,
            stem,
            whole,
            units,
        }
    }

    /// The keywords of a bullet, in order, each once.
    pub fn keywords(&self, bullet: &str) -> Vec<Keyword> {
        let terms = self.terms(bullet);
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_ref()).collect();
        let mut out: Vec<Keyword> = Vec::new();
        // The compound of words of their own ("thread-safe") that the words at hand are in.
        let mut strong: Option<(usize, Box<Compound>)> = None;
        let mut i = 0;
        while i < terms.len() {
            if strong.as_ref().is_some_and(|(end, _)| i >= *end) {
                strong = None;
            }
            let end = run_end(&terms, i);
            if strong.is_none() && end - i >= 2 {
                let run = &terms[i..end];
                let c = self.compound(run);
                if !c.whole {
                    strong = Some((end, Box::new(c)));
                } else {
                    let concept = self.synonyms.word(&c.stem);
                    let kw = Keyword {
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
                    };
                    push_unique(&mut out, kw);
                    i = end;
                    continue;
                }
            }
            if let Some((len, concept)) = terms[i]
                .phrase
                .then(|| self.synonyms.phrase_at(&keys[i..]))
                .flatten()
            {
                let span = &terms[i..i + len];
                let kw = Keyword {
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
                };
                push_unique(&mut out, kw);
                i += len;
                continue;
            }
            let t = &terms[i];
            i += 1;
            if t.stop {
                continue;
            }
            push_unique(
                &mut out,
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
                                ordinary: dunder
                                    && self.lexicon.get(&norm).is_some_and(|l| !l.stop),
                                norm,
                                key,
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                    components: Vec::new(),
                    compound: strong.as_ref().map(|(_, c)| c.clone()),
                    hashes: (hash(&t.norm), hash(&t.key)),
                },
            );
        }
        out
    }

    /// Indexes an answer's words for matching.
    pub fn answer<'a>(&'a self, text: &'a str) -> AnswerIndex<'a> {
        self.answer_for(text, true)
    }

    /// Indexes a question's prompt, to tell which keywords it already says: only as written,
    /// so its prose "is" does not say the keyword `is`.
    pub fn prompt<'a>(&'a self, text: &'a str) -> AnswerIndex<'a> {
        AnswerIndex {
            prose_meets_code: false,
            ..self.answer_for(text, true)
        }
    }

    /// Indexes an answer's words for matching; its sequence of tokens, stopwords included, is
    /// kept only when `all_tokens`, for keywords that need it: compounds (see
    /// [`Keyword::compound`]) and code that is a stopword in prose ([`Keyword::code_stop`]).
    pub fn answer_for<'a>(&'a self, text: &'a str, all_tokens: bool) -> AnswerIndex<'a> {
        let terms = self.terms(text);
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_ref()).collect();
        let mut phrases = Vec::new();
        for i in 0..terms.len() {
            if let Some((len, concept)) = terms[i]
                .phrase
                .then(|| self.synonyms.phrase_at(&keys[i..]))
                .flatten()
            {
                phrases.push((concept, surface_join(&terms[i..i + len])));
            }
        }
        // Compounds are also words joined ("I/O" is "io"), so that a keyword written
        // joined meets them.
        let mut joined = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            let end = run_end(&terms, i);
            if end - i >= 2 {
                let run = &terms[i..end];
                let norm = joined_norm(run);
                let key = cached_stem(&norm);
                joined.push(Term {
                    surface: Cow::Owned(surface_join(run)),
                    known: self.lexicon.contains_key(&norm),
                    norm: Cow::Owned(norm),
                    concept: self.synonyms.word(&key),
                    key: Cow::Owned(key),
                    code: false,
                    stop: false,
                    phrase: false,
                    sep: None,
                });
            }
            i = end;
        }
        let mut parts = Vec::new();
        let mut words = Vec::new();
        let mut hashes = Vec::new();
        let mut typo_candidates = Vec::new();
        let n = if all_tokens { terms.len() } else { 0 };
        let mut stops = Vec::with_capacity(n);
        let mut seq = Vec::with_capacity(n);
        // Whether the answer may negate: looked for in this pass over its tokens, which are
        // at hand, rather than by a scan of its bytes (see `negation::may_be_in`).
        let written = terms.len();
        let mut may_negate = negation::may_contract(text);
        for (i, t) in terms.into_iter().chain(joined).enumerate() {
            may_negate = may_negate || (i < written && negation::may_be_in(&t.norm, t.code));
            if t.stop {
                if i < n {
                    seq.push(stops.len() as u32 | STOP_BIT);
                    stops.push(t);
                }
                continue;
            }
            // Joined compounds come last, outside the sequence of what was written.
            if i < n {
                seq.push(words.len() as u32);
            }
            hashes.push((hash(&t.norm), hash(&t.key)));
            if !t.code && !t.known {
                typo_candidates.push((words.len() as u32, first_byte(&t.norm), first_byte(&t.key)));
            }
            if t.code {
                for (norm, key, _) in cached_code_parts(&t.norm).iter() {
                    parts.push((key.clone(), norm.clone(), words.len()));
                }
            }
            words.push(t);
        }
        let sized = || FxHashMap::with_capacity_and_hasher(words.len(), Default::default());
        let (mut first_norm, mut first_key) = (sized(), sized());
        let mut first_concept = FxHashMap::default();
        for (i, (t, &(nh, kh))) in words.iter().zip(&hashes).enumerate().rev() {
            // In reverse, so the first word of each wins.
            first_norm.insert(nh, i as u32);
            first_key.insert(kh, i as u32);
            if let Some(c) = t.concept {
                first_concept.insert(c, i as u32);
            }
        }
        AnswerIndex {
            words,
            hashes,
            first_norm,
            first_key,
            first_concept,
            phrases,
            parts,
            stops,
            seq,
            typo_candidates,
            may_negate,
            prose_meets_code: true,
        }
    }
}

/// The key of a prose word (the stem of its WordNet lemma, so "ran" meets "run" and "children"
/// "child"; or itself for a stopword) and whether it is a stopword. A lone letter is a
/// stopword too ("a", the "s" of "Python's"); a lone digit is not.
fn word_key(stemmer: &Stemmer, norm: &str) -> (String, bool) {
    if is_lone_letter(norm) || is_stopword(norm) {
        (norm.to_string(), true)
    } else {
        (stemmer.stem(&wordnet::lemma(norm)).into_owned(), false)
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
type CodePart = (String, String, bool);

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
fn cached_word_key<'a>(stemmer: &Stemmer, norm: &Cow<'a, str>) -> (Cow<'a, str>, bool) {
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
fn cached_stem(norm: &str) -> String {
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
fn cached_code_parts(norm: &str) -> Rc<[CodePart]> {
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
fn is_lone_letter(norm: &str) -> bool {
    let mut chars = norm.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_ascii_digit())
}

/// A part of a compound that means little alone: a stopword, two letters or fewer ("op",
/// "I", "O"), the plural of one ("no-ops", "built-ins"), or a prefix before a hyphen
/// ("non-blocking", "re-export").
fn is_weak(run: &[Term], j: usize) -> bool {
    let t = &run[j];
    let short = |w: &str| w.chars().count() <= 2;
    t.stop
        || short(&t.norm)
        || t.norm.strip_suffix('s').is_some_and(short)
        || (PREFIXES.contains(&t.norm.as_ref())
            && run.get(j + 1).is_some_and(|n| n.sep == Some('-')))
}

/// Prefixes that are written as a word before a hyphen but are not a word alone.
const PREFIXES: &[&str] = &[
    "anti", "co", "de", "inter", "intra", "multi", "non", "post", "pre", "re", "semi", "sub", "un",
];

/// Whether some part of a compound means little alone, making it one keyword.
fn any_weak(run: &[Term]) -> bool {
    (0..run.len()).any(|j| is_weak(run, j))
}

/// Where the compound starting at `i` ends (exclusive): past the words joined to it by
/// hyphens or slashes; `i + 1` when there are none, or when `i` is inside a compound.
fn run_end(terms: &[Term], i: usize) -> usize {
    if terms[i].sep.is_some() {
        return i + 1;
    }
    i + 1
        + terms[i + 1..]
            .iter()
            .take_while(|t| t.sep.is_some())
            .count()
}

/// A compound's parts run together, case-folded.
fn joined_norm(run: &[Term]) -> String {
    run.iter().map(|t| t.norm.as_ref()).collect()
}

/// A compound as written: its parts with their hyphens and slashes, or spaces.
fn surface_join(run: &[Term]) -> String {
    let mut s = String::new();
    for (i, t) in run.iter().enumerate() {
        if i > 0 {
            s.push(t.sep.unwrap_or(' '));
        }
        s.push_str(&t.surface);
    }
    s
}

/// Whether `word` is a derived form of a joined compound: a plural ("noops"), or, for one long
/// enough that its stem is telling, a short ending on that stem ("threadsafety").
fn derived(word: &str, norm: &str, stem: &str) -> bool {
    let plural = word.len() == norm.len() + 1 && word.starts_with(norm) && word.ends_with('s');
    let ending = stem.len() >= 5
        && word.len() > stem.len()
        && word.len() <= stem.len() + 4
        && word.starts_with(stem)
        && word[stem.len()..].bytes().all(|b| b.is_ascii_lowercase());
    plural || ending
}

/// The first byte of a word (0 for an empty one).
fn first_byte(s: &str) -> u8 {
    s.as_bytes().first().copied().unwrap_or(0)
}

/// Marks an index into an answer's stopwords, not its words, in its sequence of tokens.
const STOP_BIT: u32 = 1 << 31;

fn join<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join(" ")
}

fn push_unique(out: &mut Vec<Keyword>, kw: Keyword) {
    if !out.iter().any(|k| k.key == kw.key) {
        out.push(kw);
    }
}

/// The meaningful parts of a code name: its dotted segments (`asyncio`, `gather`), and a
/// dunder name without its underscores (`init` for `__init__`). Parts of two letters or
/// fewer name nothing on their own. Each is given case-folded, as a key (plain-word parts are
/// stemmed so prose meets them), and whether it is a dunder's.
fn code_parts(norm: &str) -> Vec<CodePart> {
    let stemmer = stemmer();
    let mut parts: Vec<CodePart> = Vec::new();
    let segments: Vec<&str> = norm.split(['.', ':']).filter(|s| !s.is_empty()).collect();
    for seg in &segments {
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

/// An answer's words, ready for matching keywords against.
#[derive(Debug, Clone, Default)]
pub struct AnswerIndex<'a> {
    /// The words that are not stopwords, in order.
    pub words: Vec<Term<'a>>,
    /// Hashes of each word's `norm` and `key`.
    hashes: Vec<(u64, u64)>,
    /// The first word (index into `words`) with each `norm` hash, each `key` hash and each
    /// synonym group: a keyword finds its word in one lookup, not a scan of the answer, so a
    /// long answer against many keywords stays linear.
    first_norm: FxHashMap<u64, u32>,
    first_key: FxHashMap<u64, u32>,
    first_concept: FxHashMap<u32, u32>,
    /// Synonym phrases found ("global interpreter lock"), with their words as written.
    pub phrases: Vec<(u32, String)>,
    /// Parts of the answer's code names: key, as written (case-folded), and the index of the word
    /// they came from.
    pub parts: Vec<(String, String, usize)>,
    /// The stopwords, kept for compounds written apart ("no op").
    stops: Vec<Term<'a>>,
    /// Every token as written, in order: an index into `words`, or into `stops` with
    /// `STOP_BIT`.
    seq: Vec<u32>,
    /// The words that may be typos (prose outside the lexicon), in order: their index and the
    /// first bytes of their `norm` and `key`.
    typo_candidates: Vec<(u32, u8, u8)>,
    /// Whether a stopword in prose meets the same word as code (`is`); not in a prompt.
    prose_meets_code: bool,
    /// Whether the answer may negate: false only when `negation::first_negation` finds nothing.
    pub may_negate: bool,
}

impl AnswerIndex<'_> {
    /// Whether the answer has no words worth matching.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The first prose word (not code, not a synonym term) whose key's hash is in `keys`
    /// (sorted).
    pub fn find_key(&self, keys: &[u64]) -> Option<&Term<'_>> {
        self.hashes
            .iter()
            .zip(&self.words)
            .find(|(h, w)| !w.code && w.concept.is_none() && keys.binary_search(&h.1).is_ok())
            .map(|(_, w)| w)
    }

    /// The best match for `kw`, if any; typos count only when `allow_fuzzy`.
    pub fn find(&self, kw: &Keyword, allow_fuzzy: bool) -> Option<Hit> {
        if !kw.components.is_empty() {
            return self.find_phrase(kw, allow_fuzzy);
        }
        if let Some(c) = kw.compound.as_deref().filter(|c| c.whole) {
            return self.find_compound(kw, c, allow_fuzzy);
        }
        let words = (kw.norm.as_str(), kw.stem.as_str(), kw.hashes);
        if let Some(hit) = self.find_word(words, kw.concept, false, allow_fuzzy) {
            return Some(hit);
        }
        if kw.code_stop
            && self.prose_meets_code
            && let Some(w) = self.stops.iter().find(|w| w.norm == kw.norm)
        {
            return Some(Hit {
                credit: 1.0,
                how: MatchKind::Exact,
                word: w.surface.to_string(),
            });
        }
        // Otherwise the best of the weaker kinds, so that adding words to an answer can only
        // raise a keyword's credit.
        let mut candidates: Vec<Hit> = Vec::new();
        // The answer names parts of the keyword's code name.
        if let Some(hit) = self.find_parts(&kw.parts, allow_fuzzy) {
            candidates.push(hit);
        }
        // The keyword is a part of a code name in the answer (`sort` in `list.sort()`).
        if let Some((_, _, i)) = self.parts.iter().find(|(p, _, _)| *p == kw.stem) {
            candidates.push(Hit {
                credit: 1.0,
                how: MatchKind::Part,
                word: self.words[*i].surface.to_string(),
            });
        }
        // A typo: in prose, or in code that is a plain word (`@decorator`).
        if (!kw.code || kw.norm.chars().all(char::is_alphabetic))
            && let Some(hit) = self.find_typo(words.0, words.1, allow_fuzzy)
        {
            candidates.push(hit);
        }
        // A snake_case name mistyped (`capture_ouput`, `foriegn_keys`): long and made of words,
        // so one slip does not make another name. Dunders go by their parts (above).
        if allow_fuzzy
            && kw.code
            && kw.parts.is_empty()
            && kw.norm.contains('_')
            && kw.norm.chars().all(|c| c.is_alphabetic() || c == '_')
            && let Some(w) = self
                .words
                .iter()
                .find(|w| w.code && fuzzy::is_typo(&kw.norm, &w.norm))
        {
            candidates.push(Hit {
                credit: FUZZY_CREDIT,
                how: MatchKind::Fuzzy,
                word: w.surface.to_string(),
            });
        }
        // The keyword is a part of a compound ("safe" in "thread-safe") that the answer has
        // joined or derived ("threadsafe", "thread-safety").
        if let Some(c) = &kw.compound
            && let Some(hit) = self.find_joined(&c.norm, &c.stem)
        {
            candidates.push(Hit {
                how: MatchKind::Stem,
                ..hit
            });
        }
        candidates
            .into_iter()
            .reduce(|a, b| if b.credit > a.credit { b } else { a })
    }

    /// Parts of a code name in the answer: the more of them, the more credit; a part
    /// mistyped as prose would be ("__getatr__"), or an ordinary word standing bare for a
    /// dunder ("new" for `__new__`), earns less.
    fn find_parts(&self, parts: &[Part], allow_fuzzy: bool) -> Option<Hit> {
        let mut found: Vec<&Term> = Vec::new();
        let (mut full, mut typo) = (0usize, false);
        for p in parts {
            if let Some(w) = self.words.iter().find(|w| w.key == p.key) {
                found.push(w);
                // As code (`new()`) or called a dunder ("dunder new"), the word is the name.
                if !p.ordinary || w.code || self.after_dunder(w) {
                    full += 1;
                }
            } else if let Some((_, _, i)) = self.parts.iter().find(|(k, _, _)| *k == p.key) {
                // A part of another code name in the answer (`functools` of `functools.cache`).
                found.push(&self.words[*i]);
                full += 1;
            } else if allow_fuzzy && p.norm.chars().count() >= fuzzy::SHORT_LEN {
                // Mistyped as prose would be, or inside a code name typed in haste
                // (`__getatr__`, `contextlib.contextmanger`).
                let w = self
                    .words
                    .iter()
                    .find(|w| !w.code && !w.known && fuzzy::is_typo(&p.norm, &w.norm))
                    .or_else(|| {
                        self.parts
                            .iter()
                            .find(|(_, n, _)| fuzzy::is_typo(&p.norm, n))
                            .map(|(_, _, i)| &self.words[*i])
                    });
                if let Some(w) = w {
                    found.push(w);
                    typo = true;
                    full += 1;
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        let frac = full as f64 / parts.len() as f64;
        let credit = PART_CREDIT + (1.0 - PART_CREDIT) * frac;
        Some(Hit {
            credit: if typo { credit * FUZZY_CREDIT } else { credit },
            how: if typo {
                MatchKind::Fuzzy
            } else {
                MatchKind::Part
            },
            word: join(found.iter().map(|w| w.surface.as_ref())),
        })
    }

    /// Whether the answer word right before `w` is "dunder" ("dunder new").
    fn after_dunder(&self, w: &Term) -> bool {
        let Some(i) = self.words.iter().position(|x| std::ptr::eq(x, w)) else {
            return false;
        };
        i > 0 && self.words[i - 1].norm == "dunder"
    }

    /// The first word whose hash (`which`: 0 of its norm, 1 of its key) is `h` and that is
    /// `same`. The index names the first word with the hash; only when that word is a
    /// different one with an equal hash (vanishingly rare) are the words scanned.
    fn first_with(
        &self,
        index: &FxHashMap<u64, u32>,
        h: u64,
        which: usize,
        same: impl Fn(&Term) -> bool,
    ) -> Option<&Term<'_>> {
        let &i = index.get(&h)?;
        let w = &self.words[i as usize];
        if same(w) {
            return Some(w);
        }
        self.hashes
            .iter()
            .zip(&self.words)
            .skip(i as usize + 1)
            .find(|(hs, w)| (if which == 0 { hs.0 } else { hs.1 }) == h && same(w))
            .map(|(_, w)| w)
    }

    /// A word keyword: exact, stem, synonym, then typo.
    fn find_word(
        &self,
        (norm, key, (nh, kh)): (&str, &str, (u64, u64)),
        concept: Option<u32>,
        fuzzy: bool,
        allow_fuzzy: bool,
    ) -> Option<Hit> {
        let hit = |how, w: &Term, credit| Hit {
            credit,
            how,
            word: w.surface.to_string(),
        };
        if let Some(w) = self.first_with(&self.first_norm, nh, 0, |w| w.norm == norm) {
            return Some(hit(MatchKind::Exact, w, 1.0));
        }
        if let Some(w) = self.first_with(&self.first_key, kh, 1, |w| w.key == key) {
            return Some(hit(MatchKind::Stem, w, 1.0));
        }
        if let Some(c) = concept {
            if let Some(&i) = self.first_concept.get(&c) {
                return Some(hit(MatchKind::Synonym, &self.words[i as usize], 1.0));
            }
            if let Some((_, words)) = self.phrases.iter().find(|(pc, _)| *pc == c) {
                return Some(Hit {
                    credit: 1.0,
                    how: MatchKind::Synonym,
                    word: words.clone(),
                });
            }
        }
        if fuzzy {
            return self.find_typo(norm, key, allow_fuzzy);
        }
        None
    }

    /// A word keyword met by a typo only: for a keyword that `find_word` already found no
    /// exact, stem or synonym match for.
    fn find_typo(&self, norm: &str, key: &str, allow_fuzzy: bool) -> Option<Hit> {
        if !allow_fuzzy || norm.chars().count() < fuzzy::SHORT_LEN {
            return None;
        }
        // Only prose words outside the lexicon (a word the references use is nobody's typo),
        // and only those starting as the keyword or its key does: every typo test wants the
        // first letter right.
        let (n0, k0) = (first_byte(norm), first_byte(key));
        let &(i, _, _) = self.typo_candidates.iter().find(|&&(i, wn, wk)| {
            let w = &self.words[i as usize];
            (wn == n0 && (fuzzy::is_typo(norm, &w.norm) || fuzzy::is_derived_typo(norm, &w.norm)))
                || (wk == k0 && fuzzy::is_typo(key, &w.key))
        })?;
        Some(Hit {
            credit: FUZZY_CREDIT,
            how: MatchKind::Fuzzy,
            word: self.words[i as usize].surface.to_string(),
        })
    }

    /// The token at a place in the answer's sequence.
    fn token(&self, i: usize) -> &Term<'_> {
        let s = self.seq[i];
        if s & STOP_BIT != 0 {
            &self.stops[(s & !STOP_BIT) as usize]
        } else {
            &self.words[s as usize]
        }
    }

    /// A run of consecutive answer words, however written ("no-op", "noop", "no op", "I/O",
    /// "IO"), that spells a joined compound or a derived form of it.
    fn find_joined(&self, norm: &str, stem: &str) -> Option<Hit> {
        let first = *norm.as_bytes().first()?;
        let mut buf = String::new();
        let mut derived_hit = None;
        for i in 0..self.seq.len() {
            if self.token(i).norm.as_bytes().first() != Some(&first) {
                continue;
            }
            buf.clear();
            for k in i..self.seq.len() {
                let t = self.token(k);
                if t.code {
                    break;
                }
                buf.push_str(&t.norm);
                let exact = buf == norm;
                // A derived form ends inside a word: "thread safely", not "built into".
                if exact || (derived_hit.is_none() && !t.stop && derived(&buf, norm, stem)) {
                    let mut words = String::new();
                    for j in i..=k {
                        let t = self.token(j);
                        if j > i {
                            words.push(t.sep.unwrap_or(' '));
                        }
                        words.push_str(&t.surface);
                    }
                    let hit = Hit {
                        credit: 1.0,
                        how: if exact {
                            MatchKind::Exact
                        } else {
                            MatchKind::Stem
                        },
                        word: words,
                    };
                    if exact {
                        return Some(hit);
                    }
                    derived_hit = Some(hit);
                }
                if !norm.starts_with(buf.as_str()) && !stem.starts_with(buf.as_str()) {
                    break;
                }
            }
        }
        derived_hit
    }

    /// A whole compound: joined, derived, by synonym or typo, or else in part by its units.
    fn find_compound(&self, kw: &Keyword, c: &Compound, allow_fuzzy: bool) -> Option<Hit> {
        let words = (kw.norm.as_str(), kw.stem.as_str(), kw.hashes);
        if let Some(hit) = self.find_word(words, kw.concept, false, allow_fuzzy) {
            return Some(hit);
        }
        if let Some(hit) = self.find_joined(&c.norm, &c.stem) {
            return Some(hit);
        }
        let mut candidates: Vec<Hit> = Vec::new();
        if let Some(hit) = self.find_typo(words.0, words.1, allow_fuzzy) {
            candidates.push(hit);
        }
        let hits: Vec<Hit> = c
            .units
            .iter()
            .filter_map(|u| match u {
                Unit::Word(t) => {
                    let hashes = (hash(&t.norm), hash(&t.key));
                    self.find_word((&t.norm, &t.key, hashes), t.concept, true, allow_fuzzy)
                }
                Unit::Run(norm) => self.find_joined(norm, norm),
            })
            .collect();
        if !hits.is_empty() {
            let share = hits.iter().map(|h| h.credit).sum::<f64>() / c.units.len() as f64;
            candidates.push(Hit {
                credit: PART_CREDIT * share,
                how: MatchKind::Part,
                word: join(hits.iter().map(|h| h.word.as_str())),
            });
        }
        candidates
            .into_iter()
            .reduce(|a, b| if b.credit > a.credit { b } else { a })
    }

    /// A phrase keyword: the phrase or a synonym of it, or else its words one by one.
    fn find_phrase(&self, kw: &Keyword, allow_fuzzy: bool) -> Option<Hit> {
        let c = kw.concept?;
        if let Some((_, words)) = self.phrases.iter().find(|(pc, _)| *pc == c) {
            let how = if words.to_lowercase().replace(['-', '/'], " ") == kw.norm {
                MatchKind::Exact
            } else {
                MatchKind::Synonym
            };
            return Some(Hit {
                credit: 1.0,
                how,
                word: words.clone(),
            });
        }
        if let Some(w) = self.words.iter().find(|w| w.concept == Some(c)) {
            return Some(Hit {
                credit: 1.0,
                how: MatchKind::Synonym,
                word: w.surface.to_string(),
            });
        }
        let hits: Vec<Hit> = kw
            .components
            .iter()
            .filter_map(|t| {
                let hashes = (hash(&t.norm), hash(&t.key));
                self.find_word((&t.norm, &t.key, hashes), t.concept, !t.code, allow_fuzzy)
            })
            .collect();
        if hits.is_empty() {
            return None;
        }
        let credit = hits.iter().map(|h| h.credit).sum::<f64>() / kw.components.len() as f64;
        // The weakest kind among the words says how the phrase as a whole was matched.
        let how = hits
            .iter()
            .map(|h| h.how)
            .max_by_key(|h| kind_rank(*h))
            .unwrap_or(MatchKind::Exact);
        Some(Hit {
            credit,
            how,
            word: join(hits.iter().map(|h| h.word.as_str())),
        })
    }
}

fn kind_rank(k: MatchKind) -> u8 {
    match k {
        MatchKind::Exact => 0,
        MatchKind::Stem => 1,
        MatchKind::Synonym => 2,
        MatchKind::Part => 3,
        MatchKind::Fuzzy => 4,
        MatchKind::Choice => 5,
        MatchKind::Related => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(kws: &[Keyword]) -> Vec<&str> {
        kws.iter().map(|k| k.display.as_str()).collect()
    }

    fn matched(bullet: &str, answer: &str) -> Vec<(String, MatchKind, String)> {
        let a = Analyzer::new(&[]);
        let idx = a.answer(answer);
        a.keywords(bullet)
            .iter()
            .filter_map(|k| {
                idx.find(k, true)
                    .map(|h| (k.display.clone(), h.how, h.word))
            })
            .collect()
    }

    #[test]
    fn the_first_word_of_a_long_answer_that_meets_a_keyword_is_the_match() {
        // Filler first, then the words: the index finds them wherever they are, and of two
        // that meet a keyword the earlier one is reported, as a scan in order would.
        let mut answer = "lorem ipsum ".repeat(5000);
        answer.push_str("Threads iterate; THREAD iterations and dict");
        let got = matched("Threads iterate over a dictionary.", &answer);
        assert_eq!(
            got,
            vec![
                ("Threads".into(), MatchKind::Exact, "Threads".into()),
                ("iterate".into(), MatchKind::Exact, "iterate".into()),
                ("dictionary".into(), MatchKind::Synonym, "dict".into()),
            ]
        );
        let got = matched("The thread iterates.", "threading Thread iteration");
        assert_eq!(got[0], ("thread".into(), MatchKind::Exact, "Thread".into()));
        assert_eq!(
            got[1],
            ("iterates".into(), MatchKind::Stem, "iteration".into())
        );
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
    fn word_forms_synonyms_and_phrases_match() {
        let m = matched("iteration over a dictionary", "it iterates over a dict");
        assert_eq!(
            m,
            vec![
                ("iteration".into(), MatchKind::Stem, "iterates".into()),
                ("dictionary".into(), MatchKind::Synonym, "dict".into()),
            ]
        );
        let m = matched("The GIL limits threads", "the global interpreter lock");
        assert_eq!(
            m[0],
            (
                "GIL".into(),
                MatchKind::Synonym,
                "global interpreter lock".into()
            )
        );
        let m = matched("the global interpreter lock", "the GIL");
        assert_eq!(m[0].1, MatchKind::Synonym);
    }

    #[test]
    fn code_names_match_whole_or_by_part() {
        let m = matched("`functools.lru_cache` memoizes", "use lru_cache");
        assert_eq!(
            m,
            vec![(
                "functools.lru_cache".into(),
                MatchKind::Part,
                "lru_cache".into()
            )]
        );
        let m = matched("sort in place", "call list.sort()");
        assert_eq!(m[0], ("sort".into(), MatchKind::Part, "list.sort()".into()));
        let m = matched("`**kwargs` collects", "kwargs collect");
        assert_eq!(m[0].1, MatchKind::Exact);
        // `__init__` is not "init" exactly, but the part is clear.
        let m = matched("`__init__` sets up", "the init method");
        assert_eq!(m[0].1, MatchKind::Part);
    }

    /// How `answer` meets the keyword of `bullet` shown as `keyword`: kind, credit, words.
    fn meets(bullet: &str, keyword: &str, answer: &str) -> Option<(MatchKind, f64, String)> {
        let a = Analyzer::new(&[]);
        let kw = a
            .keywords(bullet)
            .into_iter()
            .find(|k| k.display == keyword);
        let kw = kw.unwrap_or_else(|| panic!("no keyword {keyword} in {bullet}"));
        a.answer(answer)
            .find(&kw, true)
            .map(|h| (h.how, h.credit, h.word))
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
    fn a_whole_compound_is_met_however_the_answer_writes_it() {
        for answer in ["a no-op", "a noop", "a no op", "a No-Op", "two no-ops"] {
            let (how, credit, _) = meets("a no-op placeholder", "no-op", answer)
                .unwrap_or_else(|| panic!("{answer} did not meet no-op"));
            assert_eq!(credit, 1.0, "{answer}");
            assert_ne!(how, MatchKind::Fuzzy, "{answer}");
        }
        for answer in ["I/O", "IO", "io", "i/o", "input/output", "input and output"] {
            let hit = meets("I/O operations", "I/O", answer);
            assert!(hit.is_some_and(|h| h.1 == 1.0), "{answer}");
        }
        // The other way round: an answer's compound meets a keyword written joined.
        assert!(meets("blocking IO", "IO", "blocking I/O").is_some());
        assert!(meets("copy-on-write", "copy-on-write", "copy on write").is_some());
        assert!(meets("non-blocking", "non-blocking", "nonblocking").is_some());
        assert!(meets("I/O-bound", "I/O-bound", "IO bound").is_some_and(|h| h.1 == 1.0));
        assert!(meets("no-op", "no-op", "no operation").is_none());
        assert!(meets("no-op", "no-op", "nothing, op").is_none());
    }

    #[test]
    fn naming_part_of_a_whole_compound_earns_part_credit() {
        let (how, credit, word) = meets("I/O-bound work", "I/O-bound", "lots of IO").unwrap();
        assert_eq!((how, word.as_str()), (MatchKind::Part, "IO"));
        assert!(credit > 0.0 && credit < 1.0, "{credit}");
        // "built into" is the word "built", not the compound "built-in".
        let (how, credit, _) = meets("built-in names", "built-in", "built into").unwrap();
        assert_eq!(how, MatchKind::Part);
        assert!(credit < 1.0);
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

    #[test]
    fn code_names_typed_in_haste_meet_by_their_parts() {
        let (how, credit, _) = meets("`__getattr__` runs", "__getattr__", "__getatr__ runs")
            .expect("a typo inside a dunder");
        assert_eq!(how, MatchKind::Fuzzy);
        assert!((credit - FUZZY_CREDIT).abs() < 1e-9, "{credit}");
        let hit = meets(
            "`contextlib.contextmanager` wraps",
            "contextlib.contextmanager",
            "use contextlib.contextmanger",
        );
        assert!(
            hit.is_some_and(|h| h.0 == MatchKind::Fuzzy),
            "contextmanger"
        );
        // Another name of the same module shares a part only.
        let (how, credit, _) = meets(
            "`functools.lru_cache` memoizes",
            "functools.lru_cache",
            "functools.cache",
        )
        .expect("functools");
        assert_eq!(how, MatchKind::Part);
        assert!(credit < 1.0);
        // Different names stay apart.
        assert!(meets("`__getattr__` runs", "__getattr__", "__setattr__ runs").is_none());
        let hit = meets(
            "`capture_output=True`",
            "capture_output",
            "capture_ouput=True",
        );
        assert!(
            hit.is_some_and(|h| h.0 == MatchKind::Fuzzy),
            "capture_ouput"
        );
        assert!(meets("`max_size` caps", "max_size", "max_side caps").is_none());
    }

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
    fn typos_match_but_known_words_do_not() {
        let a = Analyzer::new(&[]);
        let idx = a.answer("a decroator and the garbge colector");
        let kws = a.keywords("decorator; garbage collector");
        let hits: Vec<Hit> = kws.iter().filter_map(|k| idx.find(k, true)).collect();
        assert_eq!(hits.len(), 2, "{hits:?}");
        assert_eq!(hits[0].how, MatchKind::Fuzzy);
        assert!((hits[1].credit - FUZZY_CREDIT).abs() < 1e-9, "{hits:?}");
        // "decroator" is not a typo when the references use it as a word of their own.
        let mut a = a;
        a.learn("decroator");
        let idx = a.answer("a decroator and the garbge colector");
        let hits: Vec<Hit> = kws.iter().filter_map(|k| idx.find(k, true)).collect();
        assert_eq!(hits.len(), 1);
        assert!(
            !kws.iter().any(|k| idx.find(k, false).is_some()),
            "no typos when not allowed"
        );
    }
}
