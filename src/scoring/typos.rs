//! Typos: whether an answer word is a plausible mistyping of a keyword, and where the answer's
//! index looks for one when a keyword is not met otherwise.
//!
//! Hasty typing drops, doubles, swaps or fat-fingers letters ("decroator", "iteratr",
//! "dictonary"). Short words are left alone, because one letter there is another word
//! ("class"/"glass", "list"/"lost", "async"/"sync"), except that five letters take a swap of
//! neighbours or a dropped letter ("tupel", "uniqe"); longer words allow more edits. A word the
//! references use is nobody's typo, and a typo earns `FUZZY_CREDIT` of a match.

use super::MatchKind;
use super::index::AnswerIndex;
use super::keywords::Keyword;
use super::matching::Hit;
use super::terms::first_byte;

/// Credit for a typo match: close to full, so hasty typing costs little (a full answer retyped
/// with 8-15 typos scores within 3 points of the clean one on the in-domain dev set), but a
/// clean answer still ranks above the same answer with typos.
pub const FUZZY_CREDIT: f64 = 0.95;

/// Words shorter than this (in characters) must match exactly.
pub const MIN_FUZZY_LEN: usize = 6;

/// Words of this length, one short of `MIN_FUZZY_LEN`, take a typo that rarely makes another
/// word: two neighbouring letters swapped ("tabel" for "table"), or one letter dropped from a
/// keyword a letter longer ("uniqe" for "unique").
pub const SHORT_LEN: usize = MIN_FUZZY_LEN - 1;

/// The typos a word of `SHORT_LEN` letters may have (see there); the first letters agree.
fn short_typo(keyword: &str, word: &str) -> bool {
    // Bytes: these words are short, and a non-ASCII letter just makes them differ more.
    let (k, w) = (keyword.as_bytes(), word.as_bytes());
    if k.len() == w.len() {
        let diffs: Vec<usize> = (0..k.len()).filter(|&i| k[i] != w[i]).collect();
        return matches!(diffs[..], [i, j] if j == i + 1 && k[i] == w[j] && k[j] == w[i]);
    }
    // One letter dropped from the keyword: the word is the keyword less one letter.
    k.len() == w.len() + 1 && (0..k.len()).any(|i| k[..i] == w[..i] && k[i + 1..] == w[i..])
}

/// How many edits (optimal string alignment distance) a word of this length may have.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..MIN_FUZZY_LEN => 0,
        6..=8 => 1,
        9..=12 => 2,
        _ => 3,
    }
}

/// QWERTY neighbours: a substituted letter is a typo only when the keys touch. "thread" and
/// "threat" differ by one letter, but `d` and `t` are far apart, so that is another word.
fn adjacent(a: char, b: char) -> bool {
    const ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
    let pos = |c: char| {
        ROWS.iter()
            .enumerate()
            .find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)))
    };
    match (pos(a), pos(b)) {
        // Rows are staggered: a key touches two keys of the row below (at i-1 and i) and two of
        // the row above (at i and i+1).
        (Some((ra, ia)), Some((rb, ib))) => match rb - ra {
            0 => (ia - ib).abs() == 1,
            1 => ib == ia || ib == ia - 1,
            -1 => ib == ia || ib == ia + 1,
            _ => false,
        },
        _ => false,
    }
}

/// Whether `word` (from an answer) is within the typo tolerance of `keyword`. Both are
/// case-folded. Equal words are not typos (the caller matches them exactly first).
pub fn is_typo(keyword: &str, word: &str) -> bool {
    // Cheapest test first: this runs for every unmatched keyword against every answer word.
    if keyword.as_bytes().first() != word.as_bytes().first() {
        return false;
    }
    let (kl, wl) = (keyword.chars().count(), word.chars().count());
    let allowed = allowed_edits(kl.min(wl));
    if allowed == 0 {
        return kl.min(wl) == SHORT_LEN && short_typo(keyword, word);
    }
    if kl.abs_diff(wl) > allowed || keyword == word {
        return false;
    }
    // People rarely mistype the first letter, and requiring it keeps unrelated words of the
    // same length apart cheaply.
    if keyword.chars().next() != word.chars().next() {
        return false;
    }
    // Each letter of one word that the other lacks takes an edit of its own: a bound that
    // spares most edit distances (the dearest test, and one that allocates).
    if keyword.is_ascii()
        && word.is_ascii()
        && (missing_letters(keyword, word) > allowed || missing_letters(word, keyword) > allowed)
    {
        return false;
    }
    let d = strsim::osa_distance(keyword, word);
    if d > allowed {
        return false;
    }
    if d == 1 && kl == wl && allowed == 1 {
        // One edit between equal lengths of a middling word: a substitution or a swap. A swap
        // is a typo; a substitution only when the two keys touch. Longer words rarely turn
        // into other words by one letter, so there a misspelt vowel ("generater") is allowed;
        // from seven letters on, a vowel for another too.
        let diffs: Vec<(char, char)> = keyword
            .chars()
            .zip(word.chars())
            .filter(|(a, b)| a != b)
            .collect();
        if let [(a, b)] = diffs[..] {
            // Seven letters and more: a vowel for another inside the word is a misspelling
            // ("seperate", "dependancy"), as in longer words.
            let vowel = |c: char| "aeiou".contains(c);
            let vowels = kl >= 7 && vowel(a) && vowel(b);
            return adjacent(a, b) || vowels;
        }
    }
    true
}

/// How many distinct letters of ASCII `a` are nowhere in ASCII `b` (at most: letters 64 apart
/// share a bit): a lower bound on the edits between them, since an edit (a substitution,
/// insertion, deletion or swap) removes at most one letter.
fn missing_letters(a: &str, b: &str) -> usize {
    let mask = |s: &str| s.bytes().fold(0u64, |m, c| m | 1 << (c & 63));
    (mask(a) & !mask(b)).count_ones() as usize
}

/// Whether `word` is a derived form of `keyword` typed in haste: it begins with the keyword,
/// or with a typo of it, and goes on for a short ending ("dynamicaly" for "dynamic",
/// "programaticaly" for "programmatic"). The stemmer cannot see these: the typo is in the ending
/// or before it.
pub fn is_derived_typo(keyword: &str, word: &str) -> bool {
    let kl = keyword.len();
    // Cheapest tests first: this runs for unmatched keywords against every answer word. People
    // rarely mistype a word's first three letters.
    if word.len() < kl + 2
        || word.len() > kl + 5
        || kl < MIN_FUZZY_LEN
        || keyword.as_bytes()[..3] != word.as_bytes()[..3]
        || !keyword.is_ascii()
        || !word.is_ascii()
    {
        return false;
    }
    word.starts_with(keyword) || is_typo(keyword, &word[..kl]) || is_typo(keyword, &word[..kl + 1])
}

impl AnswerIndex<'_> {
    /// A keyword met by a typo (the step of this rule in matching a keyword): a prose word, or
    /// code that is a plain word (`@decorator`), by [`Self::find_typo`]; a snake_case name
    /// mistyped (`capture_ouput`, `foriegn_keys`), by another code name of the answer: long and
    /// made of words, so one slip does not make another name. Dunders and dotted names go by
    /// their parts (`matching`). Typos count only when `allow_fuzzy`.
    pub(super) fn find_keyword_typo(&self, kw: &Keyword, allow_fuzzy: bool) -> Option<Hit> {
        if !kw.code || kw.norm.chars().all(char::is_alphabetic) {
            return self.find_typo(&kw.norm, &kw.stem, allow_fuzzy);
        }
        if !(allow_fuzzy
            && kw.parts.is_empty()
            && kw.norm.contains('_')
            && kw.norm.chars().all(|c| c.is_alphabetic() || c == '_'))
        {
            return None;
        }
        let w = self
            .words
            .iter()
            .find(|w| w.code && is_typo(&kw.norm, &w.norm))?;
        Some(Hit {
            credit: FUZZY_CREDIT,
            how: MatchKind::Fuzzy,
            word: w.surface.to_string(),
        })
    }

    /// A word keyword met by a typo only: for a keyword that `find_word` already found no
    /// exact, stem or synonym match for.
    pub(super) fn find_typo(&self, norm: &str, key: &str, allow_fuzzy: bool) -> Option<Hit> {
        if !allow_fuzzy || norm.chars().count() < SHORT_LEN {
            return None;
        }
        // Only prose words outside the lexicon (a word the references use is nobody's typo),
        // and only those starting as the keyword or its key does: every typo test wants the
        // first letter right.
        let (n0, k0) = (first_byte(norm), first_byte(key));
        let &(i, _, _) = self.typo_candidates.iter().find(|&&(i, wn, wk)| {
            let w = &self.words[i as usize];
            (wn == n0 && (is_typo(norm, &w.norm) || is_derived_typo(norm, &w.norm)))
                || (wk == k0 && is_typo(key, &w.key))
        })?;
        Some(Hit {
            credit: FUZZY_CREDIT,
            how: MatchKind::Fuzzy,
            word: self.words[i as usize].surface.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::analyzer::Analyzer;
    use crate::scoring::matching::tests::meets;

    /// (keyword, typed word, should match): tested in both directions.
    const PAIRS: &[(&str, &str, bool)] = &[
        ("decorator", "decroator", true),
        ("iterator", "iteratr", true),
        ("dictionary", "dictonary", true),
        ("garbage", "garbge", true),
        ("collector", "colector", true),
        ("generator", "generater", true),
        ("comprehension", "comprehnsion", true),
        ("inheritance", "inheritence", true),
        ("exception", "exceptoin", true),
        ("polymorphism", "polymorhpism", true),
        ("recursion", "recurison", true),
        ("separate", "seperate", true),
        ("class", "glass", false),
        ("list", "lost", false),
        ("async", "sync", false),
        // Five letters take a swap of neighbours (or a dropped letter), not a substitution.
        ("tuple", "tupel", true),
        ("tuple", "tupla", false),
        ("thread", "threat", false),
        ("insert", "invert", false),
        ("method", "module", false),
        ("mutable", "immutable", false),
        ("pointer", "printer", false),
        ("process", "progress", false),
        ("iterator", "generator", false),
    ];

    #[test]
    fn typo_table_in_both_directions() {
        for &(a, b, want) in PAIRS {
            assert_eq!(is_typo(a, b), want, "{a} / {b}");
            assert_eq!(is_typo(b, a), want, "{b} / {a}");
        }
    }

    #[test]
    fn short_words_and_equal_words_are_never_typos() {
        assert!(!is_typo("decorator", "decorator"));
        assert!(!is_typo("abcde", "abcdf"));
        assert_eq!(allowed_edits(5), 0);
        assert!(allowed_edits(6) < allowed_edits(12));
    }

    #[test]
    fn missing_letters_never_exceed_the_edit_distance() {
        let words = "decorator decroator iterator generator dictionary dictonary separate \
                     seperate abcdefgh hgfedcba process progress aaaaaa aaaaab thread_pool \
                     threadpool a";
        let words: Vec<&str> = words.split_whitespace().chain([""]).collect();
        for &a in &words {
            for &b in &words {
                let bound = missing_letters(a, b);
                assert!(bound <= strsim::osa_distance(a, b), "{a} / {b}");
            }
        }
        assert_eq!(missing_letters("decorator", "iterator"), 2);
    }

    #[test]
    fn keyboard_neighbours() {
        assert!(adjacent('s', 'd'));
        assert!(adjacent('e', 'd'));
        assert!(adjacent('d', 'e'));
        assert!(adjacent('b', 'g'));
        assert!(!adjacent('d', 't'));
        assert!(!adjacent('c', 'g'));
    }

    #[test]
    fn five_letter_words_take_a_swap_or_a_dropped_letter_only() {
        assert!(is_typo("table", "tabel"));
        assert!(is_typo("unique", "uniqe"));
        // Four letters left are too few to tell.
        assert!(!is_typo("queue", "queu"));
        // A substitution in a short word is another word.
        assert!(!is_typo("class", "clash"));
        assert!(!is_typo("while", "white"));
        // Swaps that are not neighbours, or two changes, are not typos.
        assert!(!is_typo("table", "tlbae"));
        assert!(!is_typo("stack", "stcka"));
    }

    #[test]
    fn derived_forms_typed_in_haste() {
        assert!(is_derived_typo("dynamic", "dynamicaly"));
        assert!(is_derived_typo("programmatic", "programaticaly"));
        // Too short a keyword, too long an ending, or another start.
        assert!(!is_derived_typo("list", "listings"));
        assert!(!is_derived_typo("dynamic", "dynamicallyish"));
        assert!(!is_derived_typo("dynamic", "dramatically"));
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

    #[test]
    fn a_code_name_that_is_a_plain_word_takes_a_typo_as_prose_does() {
        let hit = meets("`decorator` wraps", "decorator", "a decroator wraps");
        assert!(hit.is_some_and(|h| h.0 == MatchKind::Fuzzy), "decroator");
        // Other code must be written right, and no typo counts when none is allowed.
        assert!(meets("`os.path` joins", "os.path", "os.pth joins").is_none());
        let a = Analyzer::new(&[]);
        let kw = a.keywords("`decorator`").remove(0);
        assert!(
            a.answer("decroator")
                .find_keyword_typo(&kw, false)
                .is_none()
        );
    }
}
