//! An answer's index: its words (and a prompt's, to tell what it already says) made ready for
//! looking up keywords, so that a long answer against many keywords stays linear.
//!
//! Built once per answer; [`super::matching`] looks a keyword up in it.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::analyzer::Analyzer;
use super::compounds::{joined_norm, run_end, surface_join};
use super::negation;
use super::terms::{Term, cached_code_parts, cached_stem, first_byte, hash};

/// Marks an index into an answer's stopwords, not its words, in its sequence of tokens.
const STOP_BIT: u32 = 1 << 31;

/// An answer's words, ready for matching keywords against.
#[derive(Debug, Clone, Default)]
pub struct AnswerIndex<'a> {
    /// The words that are not stopwords, in order.
    pub words: Vec<Term<'a>>,
    /// Hashes of each word's `norm` and `key`.
    pub(super) hashes: Vec<(u64, u64)>,
    /// The first word (index into `words`) with each `norm` hash, each `key` hash and each
    /// synonym group: a keyword finds its word in one lookup, not a scan of the answer, so a
    /// long answer against many keywords stays linear.
    pub(super) first_norm: FxHashMap<u64, u32>,
    pub(super) first_key: FxHashMap<u64, u32>,
    pub(super) first_concept: FxHashMap<u32, u32>,
    /// Synonym phrases found ("global interpreter lock"), with their words as written.
    pub phrases: Vec<(u32, String)>,
    /// Parts of the answer's code names: key, as written (case-folded), and the index of the word
    /// they came from.
    pub parts: Vec<(String, String, usize)>,
    /// The stopwords, kept for compounds written apart ("no op").
    pub(super) stops: Vec<Term<'a>>,
    /// Every token as written, in order: an index into `words`, or into `stops` with
    /// `STOP_BIT`.
    pub(super) seq: Vec<u32>,
    /// The words that may be typos (prose outside the lexicon), in order: their index and the
    /// first bytes of their `norm` and `key`.
    pub(super) typo_candidates: Vec<(u32, u8, u8)>,
    /// Whether a stopword in prose meets the same word as code (`is`); not in a prompt.
    pub(super) prose_meets_code: bool,
    /// Whether the answer may negate: false only when `negation::first_negation` finds nothing.
    pub may_negate: bool,
    /// How many of the tokens written are stopwords: an answer with many is no list of terms,
    /// which spares it the look (`super::lists`).
    pub stop_count: usize,
}

impl Analyzer {
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
    /// [`Keyword::compound`](super::keywords::Keyword::compound)) and code that is a stopword
    /// in prose ([`Keyword::code_stop`](super::keywords::Keyword::code_stop)).
    pub fn answer_for<'a>(&'a self, text: &'a str, all_tokens: bool) -> AnswerIndex<'a> {
        let terms = self.terms(text);
        let phrases = self.phrases(&terms);
        let joined = self.joined(&terms);
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
        let mut stop_count = 0;
        for (i, t) in terms.into_iter().chain(joined).enumerate() {
            may_negate = may_negate || (i < written && negation::may_be_in(&t.norm, t.code));
            if t.stop {
                stop_count += usize::from(i < written);
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
            stop_count,
            prose_meets_code: true,
        }
    }

    /// The synonym phrases among `terms` ("global interpreter lock"), with their words as
    /// written.
    fn phrases(&self, terms: &[Term]) -> Vec<(u32, String)> {
        let keys: Vec<&str> = terms.iter().map(|t| t.key.as_ref()).collect();
        let mut phrases = Vec::new();
        for i in 0..terms.len() {
            if let Some((len, concept)) = self.phrase_at(terms, &keys, i) {
                phrases.push((concept, surface_join(&terms[i..i + len])));
            }
        }
        phrases
    }

    /// The compounds among `terms` as words joined ("I/O" is "io"), so that a keyword written
    /// joined meets them.
    fn joined<'t>(&self, terms: &[Term]) -> Vec<Term<'t>> {
        let mut joined = Vec::new();
        let mut i = 0;
        while i < terms.len() {
            let end = run_end(terms, i);
            if end - i >= 2 {
                let run = &terms[i..end];
                let norm = joined_norm(run);
                let key = cached_stem(&norm);
                joined.push(Term {
                    surface: Cow::Owned(surface_join(run)),
                    known: self.knows(&norm),
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
        joined
    }
}

impl AnswerIndex<'_> {
    /// Every form the answer writes of the words in `said` (as written): the surfaces of the
    /// words sharing a key with one of them ("module" and "modules"), `said` included.
    pub fn forms_of<'s>(&'s self, said: &[&'s str]) -> Vec<&'s str> {
        // A set: each said word may be written thousands of times in a long answer, and a list
        // of every time, searched for each word, was quadratic.
        let keys: rustc_hash::FxHashSet<u64> = self
            .hashes
            .iter()
            .zip(&self.words)
            .filter(|(_, w)| said.contains(&&*w.surface))
            .map(|(h, _)| h.1)
            .collect();
        let mut forms = said.to_vec();
        forms.extend(
            self.hashes
                .iter()
                .zip(&self.words)
                .filter(|(h, w)| keys.contains(&h.1) && !said.contains(&&*w.surface))
                .map(|(_, w)| &*w.surface),
        );
        forms.sort_unstable();
        forms.dedup();
        forms
    }

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

    /// The prose words (not code, not synonym terms) whose key's hash is in `keys` (sorted),
    /// in order.
    pub fn find_keys<'s>(&'s self, keys: &'s [u64]) -> impl Iterator<Item = &'s Term<'s>> {
        self.hashes
            .iter()
            .zip(&self.words)
            .filter(|(h, w)| !w.code && w.concept.is_none() && keys.binary_search(&h.1).is_ok())
            .map(|(_, w)| w)
    }

    /// The first word whose hash (`which`: 0 of its norm, 1 of its key) is `h` and that is
    /// `same`. The index names the first word with the hash; only when that word is a
    /// different one with an equal hash (vanishingly rare) are the words scanned.
    pub(super) fn first_with(
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

    /// The token at a place in the answer's sequence.
    pub(super) fn token(&self, i: usize) -> &Term<'_> {
        let s = self.seq[i];
        if s & STOP_BIT != 0 {
            &self.stops[(s & !STOP_BIT) as usize]
        } else {
            &self.words[s as usize]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_is_indexed_by_its_words_with_stopwords_only_when_asked() {
        let a = Analyzer::new(&[]);
        let text = "the no-op and `functools.lru_cache`";
        let all = a.answer_for(text, true);
        let words: Vec<&str> = all.words.iter().map(|t| t.norm.as_ref()).collect();
        // "no" is a stopword; the compound joined comes last, outside the sequence.
        assert_eq!(words, vec!["op", "functools.lru_cache", "noop"]);
        let seq: Vec<&str> = (0..all.seq.len())
            .map(|i| all.token(i).norm.as_ref())
            .collect();
        assert_eq!(seq, vec!["the", "no", "op", "and", "functools.lru_cache"]);
        assert_eq!(all.parts.len(), 2);
        let some = a.answer_for(text, false);
        assert!(some.seq.is_empty() && some.stops.is_empty());
        assert_eq!(some.words.len(), 3);
    }

    #[test]
    fn the_first_word_of_each_form_is_found_in_one_lookup() {
        let a = Analyzer::new(&[]);
        let idx = a.answer("iteration Iterates iterates");
        let find = |norm: &str| {
            idx.first_with(&idx.first_norm, hash(norm), 0, |w| w.norm == norm)
                .map(|w| w.surface.to_string())
        };
        assert_eq!(find("iterates").as_deref(), Some("Iterates"));
        assert_eq!(find("iterate"), None);
        let key = idx.words[0].key.to_string();
        let by_key = idx.first_with(&idx.first_key, hash(&key), 1, |w| w.key == key);
        assert_eq!(by_key.map(|w| w.surface.as_ref()), Some("iteration"));
    }

    #[test]
    fn synonym_phrases_and_typo_candidates_are_noted() {
        let mut a = Analyzer::new(&[]);
        a.learn("garbage");
        let idx = a.answer("the global interpreter lock and garbge or garbage");
        assert_eq!(idx.phrases.len(), 1);
        assert_eq!(idx.phrases[0].1, "global interpreter lock");
        // Prose outside the lexicon may be a typo; a known word is not.
        let candidates: Vec<&str> = idx
            .typo_candidates
            .iter()
            .map(|&(i, _, _)| idx.words[i as usize].norm.as_ref())
            .collect();
        assert!(candidates.contains(&"garbge") && !candidates.contains(&"garbage"));
    }

    #[test]
    fn an_answer_may_negate_only_when_a_token_could() {
        let a = Analyzer::new(&[]);
        assert!(!a.answer("the terminals are connected").may_negate);
        assert!(a.answer("they are not connected").may_negate);
        assert!(a.answer("it isn't").may_negate);
        // A prompt says a code word only as code.
        assert!(!a.prompt("What is it?").prose_meets_code);
        assert!(a.answer("What is it?").prose_meets_code);
    }

    #[test]
    fn a_related_key_finds_the_first_prose_word_with_it() {
        let a = Analyzer::new(&[]);
        let idx = a.answer("`quick` dict quicker quick");
        let keys = vec![hash("quick")];
        // Not the code `quick`, nor a synonym term.
        assert_eq!(
            idx.find_key(&keys).map(|w| w.surface.as_ref()),
            Some("quicker")
        );
        assert!(idx.find_key(&[hash("slow")]).is_none());
        assert!(!idx.is_empty() && a.answer("the a").is_empty());
    }
}
