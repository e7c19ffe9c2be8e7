//! Typo tolerance: whether an answer word is a plausible mistyping of a keyword.
//!
//! Hasty typing drops, doubles, swaps or fat-fingers letters ("decroator", "iteratr",
//! "dictonary"). Short words are left alone, because one letter there is another word
//! ("class"/"glass", "list"/"lost", "async"/"sync"), except that five letters take a swap of
//! neighbours or a dropped letter ("tupel", "uniqe"); longer words allow more edits.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
