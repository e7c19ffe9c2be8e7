//! Matching: the best way an answer meets one keyword, looked up in the answer's index. An
//! answer word meets a keyword exactly, by stem, by synonym, as a part of a code name or a
//! compound, or as a typo ([`super::typos`]); of the weaker kinds the one of most credit wins.
//!
//! Related senses, a keyword's negation and verdicts are met by the scorer's own steps
//! ([`super::related`], [`super::negation`], [`super::choice`]), not here.

use super::MatchKind;
use super::compounds::{Compound, Unit, derived};
use super::index::AnswerIndex;
use super::keywords::{Keyword, Part};
use super::terms::{Term, hash, join};
use super::typos::{self, FUZZY_CREDIT};

/// Credit for naming one of a code name's parts only (`lru_cache` for `functools.lru_cache`),
/// when the name has several: the answer named the thing, less precisely.
pub const PART_CREDIT: f64 = 0.75;

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

impl AnswerIndex<'_> {
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
        // A typo (`typos`): of a prose word or a code name, as it allows.
        if let Some(hit) = self.find_keyword_typo(kw, allow_fuzzy) {
            candidates.push(hit);
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
            let mut words = self
                .words
                .iter()
                .enumerate()
                .filter(|(_, w)| w.key == p.key);
            // As code (`new()`) or called a dunder ("dunder new"), the word is the name: that
            // one first, wherever it is, so that adding words never lowers the credit (an
            // ordinary "copies" before `copy.copy` once took `__copy__`'s part at less). By
            // index, in one pass: the answer may write the word thousands of times.
            let named = words.clone().find(|&(i, w)| {
                !p.ordinary || w.code || (i > 0 && self.words[i - 1].norm == "dunder")
            });
            if let Some((_, w)) = named {
                found.push(w);
                full += 1;
            } else if let Some((_, _, i)) = self.parts.iter().find(|(k, _, _)| *k == p.key) {
                // A part of another code name in the answer (`functools` of `functools.cache`).
                found.push(&self.words[*i]);
                full += 1;
            } else if let Some((_, w)) = words.next() {
                // An ordinary word standing bare for the part: less credit.
                found.push(w);
            } else if allow_fuzzy && p.norm.chars().count() >= typos::SHORT_LEN {
                // Mistyped as prose would be, or inside a code name typed in haste
                // (`__getatr__`, `contextlib.contextmanger`).
                let w = self
                    .words
                    .iter()
                    .find(|w| !w.code && !w.known && typos::is_typo(&p.norm, &w.norm))
                    .or_else(|| {
                        self.parts
                            .iter()
                            .find(|(_, n, _)| typos::is_typo(&p.norm, n))
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
pub(super) mod tests {
    use super::*;
    use crate::scoring::analyzer::Analyzer;

    /// Each keyword of `bullet` that `answer` meets: as written, how, and by which words.
    pub(in crate::scoring) fn matched(
        bullet: &str,
        answer: &str,
    ) -> Vec<(String, MatchKind, String)> {
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

    /// How `answer` meets the keyword of `bullet` shown as `keyword`: kind, credit, words.
    pub(in crate::scoring) fn meets(
        bullet: &str,
        keyword: &str,
        answer: &str,
    ) -> Option<(MatchKind, f64, String)> {
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
}
