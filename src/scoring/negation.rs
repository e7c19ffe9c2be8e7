//! Negation: a reference bullet that says "not" ("the terminals are not connected") states the
//! opposite of the same words without it, so its negation is part of what an answer must say.
//! Stopword removal would drop it and let "the terminals are connected" cover the bullet.
//! The other way round, an answer word that comes only negated ("there is no gap") does not
//! meet a bullet that states it ("separated by the gap"), unless a condition frees its
//! clause ("cannot modify them by default": [`super::claims::Hedges`]).
//!
//! The scorer's steps for this rule, in the order they run: preparing a bullet,
//! [`drop_negation_words`] and [`of_bullet`]; assessing an answer, [`AnswerNegation`], whose
//! [`hit`](AnswerNegation::hit) meets a bullet's negation and whose
//! [`only_negates`](AnswerNegation::only_negates) keeps a negated word from meeting a bullet
//! that does not negate.

use std::cell::OnceCell;

use super::MatchKind;
use super::claims::{Hedges, Stop, is_hedge, is_or_not, is_without};
use super::keywords::Keyword;
use super::matching::Hit;

/// A negation's weight in a bullet that says one ("the terminals are not connected"),
/// relative to the mean weight of the bullet's keywords: an answer that does not negate says
/// the opposite with the same words.
pub const NEGATION_WEIGHT: f64 = 1.0;

/// Drops from a bullet's keywords its negations that are not stopwords ("cannot", "never",
/// "none of", the "won" of "won't"): they are met as the bullet's negation ([`of_bullet`]),
/// not also as words. Code (`None`) is no negation.
pub fn drop_negation_words(bullet: &str, keywords: &mut Vec<Keyword>) {
    let negations = negation_words(bullet);
    if !negations.is_empty() {
        keywords
            .retain(|k| k.code || !negations.iter().any(|n| n.eq_ignore_ascii_case(&k.display)));
    }
}

/// The bullet's negation as written ("not"), when it says one, and its weight: stopword
/// removal dropped it, and it comes back as a keyword of `NEGATION_WEIGHT` times the mean
/// weight of the bullet's keywords (`mean`), met by any negation of the answer. A bullet that
/// is only a negation ("Never.", "It doesn't.", no `mean`) is that keyword alone, of weight 1
/// (about a common word's).
pub fn of_bullet(bullet: &str, mean: Option<f64>) -> Option<(String, f64)> {
    let n = first_negation(bullet)?;
    Some((n.to_string(), NEGATION_WEIGHT * mean.unwrap_or(1.0)))
}

/// An answer's negations, looked for only when a bullet asks: most answers negate nothing,
/// and most bullets neither negate nor are met by a word the answer might negate.
#[derive(Debug)]
pub struct AnswerNegation<'a> {
    text: &'a str,
    /// False when the answer's tokens rule out a negation (`may_be_in`, `may_contract`).
    may_negate: bool,
    first: OnceCell<Option<&'a str>>,
    negated: OnceCell<Option<Negated<'a>>>,
}

impl<'a> AnswerNegation<'a> {
    /// The negations of `text`, not yet looked for; `may_negate` is the answer index's.
    pub fn new(text: &'a str, may_negate: bool) -> AnswerNegation<'a> {
        AnswerNegation {
            text,
            may_negate,
            first: OnceCell::new(),
            negated: OnceCell::new(),
        }
    }

    /// The answer's first negation as a match of a bullet's negation: any negation meets it.
    pub fn hit(&self) -> Option<Hit> {
        self.first().map(|word| Hit {
            credit: 1.0,
            how: MatchKind::Exact,
            word: word.to_string(),
        })
    }

    /// The answer's first negation, as written.
    pub fn first(&self) -> Option<&'a str> {
        *self
            .first
            .get_or_init(|| self.may_negate.then(|| first_negation(self.text)).flatten())
    }

    /// Whether the answer says `word` (as written) only negated ("there is no gap"): then it
    /// meets no keyword of a bullet that does not negate ("separated by the gap").
    pub fn only_negates(&self, word: &str) -> bool {
        self.negated
            .get_or_init(|| Negated::of(self.text, self.first()))
            .as_ref()
            .is_some_and(|n| n.only_negated(word))
    }
}

/// The words of the prose of `text` (not of its code), as written, each with whether a clause
/// ended (",", ".", ";", ...) since the word before. Apostrophes come typed as ', ’, " or even ^
/// ("didn"t"), so they join a word's letters; a hyphen joins a compound. Bytes, not chars: any
/// non-ASCII byte counts as a letter.
fn prose_words(text: &str) -> impl Iterator<Item = (&str, bool)> {
    prose_stops(text).map(|(w, stop)| (w, stop != Stop::None))
}

/// [`prose_words`], each with what ended since the word before: a clause (",", ":") or a
/// sentence (".", ";", "!", "?", a line break).
fn prose_stops(text: &str) -> impl Iterator<Item = (&str, Stop)> {
    let bytes = text.as_bytes();
    let (mut at, mut code) = (0, false);
    std::iter::from_fn(move || {
        let mut clause = Stop::None;
        loop {
            while at < bytes.len() && !is_word_byte(bytes[at]) {
                match bytes[at] {
                    b'`' => code = !code,
                    // A full stop ends a sentence before a space or the end, as `claims`
                    // reads it: "os.path" is one name.
                    b'.' if !code && bytes.get(at + 1).is_none_or(|c| c.is_ascii_whitespace()) => {
                        clause = Stop::Sentence
                    }
                    b';' | b'!' | b'?' | b'\n' if !code => clause = Stop::Sentence,
                    b',' | b':' if !code && clause == Stop::None => clause = Stop::Clause,
                    _ => {}
                }
                at += 1;
            }
            if at >= bytes.len() {
                return None;
            }
            let start = at;
            while at < bytes.len() && is_word_byte(bytes[at]) {
                at += 1;
            }
            // Word bytes end on a char boundary: the bytes around them are ASCII.
            let word = text[start..at].trim_matches(joins);
            if !code && !word.is_empty() {
                return Some((word, clause));
            }
        }
    })
}

/// The first negation in `text`, as written ("not", "doesn't", "didn"t", the "none" of "none
/// of"), if any. Code (`None`) is not prose, and a compound ("no-op") is no negation.
pub fn first_negation(text: &str) -> Option<&str> {
    // Every negation has an "n": look at the words around the n's only, for most answers
    // negate nothing and every answer comes here.
    let b = text.as_bytes();
    let mut from = 0;
    // The backticks before `counted`: a word is code when an odd number come before it. Words
    // are looked at in order, so each byte is counted once, not once per negation in code
    // (an answer of many `not`s would take quadratic time).
    let (mut counted, mut ticks) = (0, 0);
    while let Some(off) = b[from..].iter().position(|&c| c | 0x20 == b'n') {
        let at = from + off;
        let start = b[..at]
            .iter()
            .rposition(|&c| !is_word_byte(c))
            .map_or(0, |p| p + 1);
        let end = b[at..]
            .iter()
            .position(|&c| !is_word_byte(c))
            .map_or(b.len(), |p| at + p);
        // Every negation starts with an "n" or ends with a "t" ("not", "cannot", "isn't"): most
        // words with an "n" are ruled out by their ends, before any trimming.
        let (first, last) = (b[start] | 0x20, b[end - 1] | 0x20);
        if first != b'n'
            && last != b't'
            && !joins(char::from(b[start]))
            && b[end - 1] < 0x80
            && !joins(char::from(b[end - 1]))
        {
            from = end.max(at + 1);
            continue;
        }
        let word = text[start..end].trim_matches(joins);
        from = end.max(at + 1);
        if word.contains('-') || !(is_negation(word) || none_of(word, next_word(&text[end..]))) {
            continue;
        }
        ticks += b[counted..start].iter().filter(|&&c| c == b'`').count();
        counted = start;
        if ticks % 2 == 0 {
            return Some(word);
        }
    }
    None
}

/// Whether `text` may hold a "n't", which needs an apostrophe however typed, ', ", ^ or ’ (whose
/// last byte is 0x99).
pub fn may_contract(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'\'', b'"', b'^', b).is_some() || memchr::memchr(0x99, b).is_some()
}

/// Whether a token the analyzer made (case-folded, with whether it is code) may hold a
/// negation other than a "n't". With `may_contract`, false for a text and each of its tokens
/// only when `first_negation` finds nothing: most answers negate nothing, and their tokens are
/// at hand, which spares them the scan of their bytes. Such a negation is a word of ASCII
/// letters ("not", "dont") between bytes that are neither letters nor digits. A prose token is
/// letters and digits (or ends in "++"), so a negation in one is all of it; a code name may
/// join one to others ("x.not"), and big-O notation drops its spaces ("O(n not)" is
/// "o(nnot)"): any such may negate.
#[inline]
pub fn may_be_in(norm: &str, code: bool) -> bool {
    // Every token of every answer comes here: its ends rule out most. A negation starts with
    // "no" or "ne", or ends with "nt" or "ot" ("cannot").
    let b = norm.as_bytes();
    if code || b.last() == Some(&b'+') {
        return may_be_in_name(norm);
    }
    match b {
        [b'n', b'o' | b'e', ..] | [.., b'n' | b'o', b't'] => is_negation_word(b) || b == b"none",
        _ => false,
    }
}

/// Whether `word`, followed by `next`, is "none of": a negation ("none of the tools could
/// scratch it"). "None" alone is not one: in answers about Python it is mostly the value.
pub(super) fn none_of(word: &str, next: &str) -> bool {
    word.eq_ignore_ascii_case("none") && next.eq_ignore_ascii_case("of")
}

/// The word `rest` starts with, after spaces (empty when none), whole as `prose_words` makes
/// it: "of2" is not "of".
fn next_word(rest: &str) -> &str {
    let rest = rest.trim_start_matches([' ', '\t']);
    let len = rest.bytes().take_while(|&c| is_word_byte(c)).count();
    // Word bytes end on a char boundary: the byte after them is ASCII.
    rest[..len].trim_matches(joins)
}

/// The negations of `text`'s prose, as written, each followed by the stem of its "n't" when it
/// is a contraction ("won" of "won't": the tokenizer splits a word at its apostrophe). A
/// bullet's negation is met as one keyword of its own (see the scorer), so none of these is
/// also a plain keyword.
pub fn negation_words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut prose = prose_words(text).peekable();
    while let Some((w, _)) = prose.next() {
        if is_negation(w) || prose.peek().is_some_and(|&(n, c)| !c && none_of(w, n)) {
            out.push(w);
            if let Some(i) = w.find(['\'', '’', '"', '^']) {
                out.push(&w[..i]);
            }
        }
    }
    out
}

/// Whether a code name, or big-O notation, may hold a negation (see `may_be_in`): a part of
/// it may be "none" too, whose "of" comes after ("x_none of them": `first_negation` sees the
/// "none" apart from the "x_").
fn may_be_in_name(norm: &str) -> bool {
    norm.contains('(')
        || norm
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| part == "none" || is_negation(part))
}

/// Whether a byte is part of a word: a letter or digit (any non-ASCII byte counts as one), or
/// an apostrophe however typed (', ", ^: "didn"t"), or a hyphen (compounds).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80 || matches!(b, b'\'' | b'"' | b'^' | b'-')
}

/// The marks that join a word's letters but are not letters: trimmed off its ends.
fn joins(c: char) -> bool {
    matches!(c, '\'' | '’' | '"' | '^' | '-')
}

/// The words from `from` on, which a condition frees ([`Hedges`]), negated by nothing.
fn unhedge(words: &mut [(&str, bool)], from: Option<usize>) {
    if let Some(from) = from {
        for w in &mut words[from..] {
            w.1 = false;
        }
    }
}

/// How many words back a negation reaches: "not connected", "no gap", "isn't a loop".
pub const REACH: usize = 2;

/// An answer's prose words, each with whether a negation comes up to `REACH` words before it
/// in the same clause.
#[derive(Debug)]
pub struct Negated<'a> {
    words: Vec<(&'a str, bool)>,
    /// The negated words alone: a few, so most words are ruled out at a glance.
    negated: Vec<&'a str>,
}

impl<'a> Negated<'a> {
    /// The words of `text` with their negation, or None when it negates nothing (most answers:
    /// then no list is made). `first` is `first_negation(text)`, which the caller may need too:
    /// the text is scanned for it once.
    pub fn of(text: &'a str, first: Option<&str>) -> Option<Negated<'a>> {
        first?;
        let mut words: Vec<(&'a str, bool)> = Vec::new();
        // A negation reaches to the end of its clause at most: "No, the gap is there".
        let mut since = usize::MAX;
        let mut prose = prose_stops(text).peekable();
        // "none of" negates as one word: its reach starts after the "of".
        let mut none = false;
        // Whether the clause negates yet, and its conditions ("cannot modify them by default":
        // the words are not denied, as `claims` reads them).
        let (mut negates, mut hedges) = (false, Hedges::default());
        // The two words before (the nearer first), and whether a clause ended before the
        // nearer, for "whether or not" (no denial).
        let (mut last, mut last_clause): ([Option<&str>; 2], bool) = ([None, None], false);
        while let Some((w, stop)) = prose.next() {
            if stop != Stop::None {
                let freed = hedges.close(words.len(), stop == Stop::Sentence);
                unhedge(&mut words, freed);
                negates = false;
            }
            let clause = stop != Stop::None;
            if clause {
                since = usize::MAX;
            }
            let of = std::mem::take(&mut none) && !clause;
            let next = prose.peek().filter(|n| n.1 == Stop::None).map(|n| n.0);
            none = next.is_some_and(|n| none_of(w, n));
            if is_hedge(w, next) || (negates && is_without(w)) {
                hedges.hedge(words.len());
            }
            let back = [
                last[1].filter(|_| !clause && !last_clause),
                last[0].filter(|_| !clause),
            ];
            let ends = prose.peek().is_none_or(|n| n.1 != Stop::None);
            let open = is_or_not(back, w, ends);
            last_clause = clause;
            last = [Some(w), last[0]];
            if (is_negation(w) && !open) || none || of {
                since = 0;
                negates = true;
            } else {
                since = since.saturating_add(1);
            }
            words.push((w, (1..=REACH).contains(&since)));
        }
        let freed = hedges.close(words.len(), true);
        unhedge(&mut words, freed);
        let negated = words.iter().filter(|w| w.1).map(|w| w.0).collect();
        Some(Negated { words, negated })
    }

    /// Whether `word` (as written in the text) occurs, and only negated.
    pub fn only_negated(&self, word: &str) -> bool {
        self.negated.contains(&word)
            && !self.words.iter().any(|&(w, negated)| !negated && w == word)
    }
}

/// Whether every negation of `text` only says the candidate does not know ("not sure", "no
/// idea", "don't know", "no clue"): an admission, not a claim, so it meets no bullet's
/// negation.
pub fn only_unsure(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .filter(|w| !w.is_empty())
        .peekable();
    let mut any = false;
    while let Some(w) = words.next() {
        if is_negation(w) {
            any = true;
            let unsure = words.peek().is_some_and(|n| {
                [
                    "sure", "idea", "know", "clue", "certain", "remember", "recall",
                ]
                .iter()
                .any(|u| n.eq_ignore_ascii_case(u))
            });
            if !unsure {
                return false;
            }
        }
    }
    any
}

pub(super) fn is_negation(word: &str) -> bool {
    // Every word of most answers comes here: reject by length first, compare without copying.
    if word.len() < 2 || word.len() > 12 {
        return false;
    }
    // Every negation starts with an "n" or ends with a "t" ("not", "never", "cannot", "isn't").
    let (first, last) = (
        word.as_bytes()[0] | 0x20,
        word.as_bytes()[word.len() - 1] | 0x20,
    );
    if first != b'n' && last != b't' {
        return false;
    }
    // "n't" however the apostrophe was typed: "isn't", "isn’t", "didn"t".
    if let Some(rest) = word.strip_suffix(['t', 'T'])
        && let Some(rest) = rest.strip_suffix(['\'', '’', '"', '^'])
        && rest.len() >= 2
        && rest.ends_with(['n', 'N'])
    {
        return true;
    }
    if word.len() > 8 {
        return false;
    }
    let mut buf = [0u8; 8];
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    is_negation_word(lower)
}

/// Whether a lowercase word (no apostrophe) is a negation: every prose token of an answer that
/// starts with "n" or ends with "t" comes here.
fn is_negation_word(lower: &[u8]) -> bool {
    matches!(
        lower,
        // Words that negate what follows them.
        b"cannot" | b"neither" | b"never" | b"no" | b"nobody" | b"nor" | b"not" | b"nothing"
            | b"nowhere"
            // Contractions with "n't" typed without the apostrophe ("dont", "isnt").
            | b"aint" | b"arent" | b"cant" | b"couldnt" | b"didnt" | b"doesnt" | b"dont"
            | b"hadnt" | b"hasnt" | b"havent" | b"isnt" | b"mustnt" | b"neednt" | b"shouldnt"
            | b"wasnt" | b"werent" | b"wont" | b"wouldnt"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::analyzer::Analyzer;
    use proptest::prelude::*;

    fn may(text: &str) -> bool {
        let tokens = crate::scoring::tokens::tokenize(text);
        may_contract(text) || tokens.iter().any(|t| may_be_in(&t.norm, t.code))
    }

    fn negated(text: &str) -> Option<Negated<'_>> {
        Negated::of(text, first_negation(text))
    }

    #[test]
    fn negations_are_found_however_the_apostrophe_is_typed() {
        assert_eq!(
            first_negation("the terminals are not connected"),
            Some("not")
        );
        assert_eq!(first_negation("They aren't connected"), Some("aren't"));
        assert_eq!(first_negation("it isn’t closed"), Some("isn’t"));
        assert_eq!(
            first_negation("bulbs A and C didn\"t go out"),
            Some("didn\"t")
        );
        assert_eq!(first_negation("it dont matter"), Some("dont"));
        assert_eq!(first_negation("you shouldn’t"), Some("shouldn’t"));
        assert_eq!(first_negation("There is no gap."), Some("no"));
        assert_eq!(first_negation("it never returns"), Some("never"));
    }

    #[test]
    fn negation_words_are_every_negation_of_the_prose_with_contraction_stems() {
        assert_eq!(
            negation_words("It won't block, cannot fail; none of `not` is never"),
            ["won't", "won", "cannot", "none", "never"]
        );
        assert!(negation_words("None is returned; nonetheless it is").is_empty());
        // "of2" is not "of", for `first_negation` as for the negated words.
        assert_eq!(first_negation("none of2 them"), None);
    }

    #[test]
    fn none_negates_only_in_none_of() {
        assert_eq!(
            first_negation("None of the tools could scratch it"),
            Some("None")
        );
        assert_eq!(first_negation("none  of them"), Some("none"));
        // The Python value, typed without backticks, is no negation.
        assert_eq!(first_negation("it returns None"), None);
        assert_eq!(first_negation("None is returned, often"), None);
        let n = negated("none of the tools scratch topaz").unwrap();
        assert!(n.only_negated("tools"));
        assert!(negated("None is returned, none left").is_none());
    }

    #[test]
    fn a_word_is_negated_by_a_negation_up_to_two_words_before_it() {
        let n = negated("there is no gap, so it isn't a loop; the gap is not here").unwrap();
        assert!(!n.only_negated("gap"), "the second gap is not negated");
        assert!(n.only_negated("loop"));
        assert!(n.only_negated("here"));
        assert!(!n.only_negated("there"));
        assert!(!n.only_negated("absent"));
        let n = negated("there is no way the gap closes").unwrap();
        assert!(!n.only_negated("gap"), "three words on");
        assert!(negated("the gap closes").is_none());
        let n = negated("No, the gap is there").unwrap();
        assert!(
            !n.only_negated("gap"),
            "a verdict before a comma negates nothing after it"
        );
    }

    #[test]
    fn words_that_only_look_like_negations_are_not() {
        assert_eq!(first_negation("the terminals are connected"), None);
        assert_eq!(first_negation("`pass` is a no-op"), None);
        assert_eq!(first_negation("returns `None` and notes the knot"), None);
        assert_eq!(first_negation("the current want"), None);
        assert_eq!(first_negation(""), None);
    }

    #[test]
    fn negations_in_code_are_skipped_and_a_text_of_many_is_read_in_linear_time() {
        assert_eq!(first_negation("`not` and `none of` then not"), Some("not"));
        assert_eq!(first_negation("`a` `not`` b` none of x"), Some("none"));
        assert_eq!(first_negation("`a` b `not` c `none of`"), None);
        // Every negation here is code: each used to count the backticks from the text's start,
        // so 60,000 of them took most of a minute (quadratic); once over the text, milliseconds.
        for negation in ["`not` ", "`none of` "] {
            let text = negation.repeat(60_000) + "but it is not";
            let t = std::time::Instant::now();
            assert_eq!(first_negation(&text), Some("not"));
            let took = t.elapsed();
            assert!(took.as_secs_f64() < 2.0, "{negation:?}: {took:?}");
        }
    }

    #[test]
    fn the_tokens_clear_most_texts_of_a_negation_but_not_one_that_has_one() {
        assert!(!may("the terminals are connected, in one loop"));
        assert!(!may("the knot notes want nothingness"));
        for text in [
            "not connected",
            "NOT",
            "x.not",
            "not_found",
            "O(not)",
            "it isn’t",
            "dont",
            "none of them",
            // "none" glued to a name: `first_negation` reads it as a word of its own.
            "x_none of them",
            "sys.None\tof them",
        ] {
            assert!(may(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn what_is_found_is_a_negation_and_a_last_none_is_not_one(
            before in "\\PC{0,20}",
            gap in proptest::sample::select(vec![" ", "\t", "\n", " \t ", "\u{a0}", "`", ""]),
            after in "\\PC{0,20}",
        ) {
            for none in ["none", "None", "NONE"] {
                let text = format!("{before}{none}{gap}of{after}");
                if let Some(word) = first_negation(&text) {
                    prop_assert!(
                        is_negation(word) || word.eq_ignore_ascii_case("none"),
                        "{:?} -> {:?}", text, word
                    );
                }
                let _ = negated(&text);
                // "none" at the very end, with no "of", adds no negation.
                let last = format!("{before} {none}");
                prop_assert_eq!(first_negation(&last), first_negation(&before), "{:?}", last);
            }
        }

        #[test]
        fn a_text_the_tokens_clear_negates_nothing(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "not", "No", "NOR", "dont", "cannot", "knot", "n", "o", "t", "x", "é", "ﬁ", "3",
                "_", ".", "::", " ", ",", "-", "`", "*", "()", "++", "O(", ")", "'", "’", "^", "NOT", "Ｎ", "A", "sys", "notFound",
                "none", "None", "of", "\t", "\n",
            ]), 0..12)
        ) {
            let text = pieces.concat();
            if !may(&text) {
                prop_assert_eq!(first_negation(&text), None, "{:?}", text);
            }
        }
    }

    fn displays(keywords: &[Keyword]) -> Vec<&str> {
        keywords.iter().map(|k| k.display.as_str()).collect()
    }

    #[test]
    fn a_bullets_negation_words_are_no_keywords_but_code_is() {
        let a = Analyzer::new(&[]);
        let bullet = "It cannot block and `None` never won't";
        let mut keywords = a.keywords(bullet);
        assert!(displays(&keywords).contains(&"cannot"));
        drop_negation_words(bullet, &mut keywords);
        assert_eq!(displays(&keywords), vec!["block", "None"]);
        // A bullet that does not negate keeps its keywords.
        let mut keywords = a.keywords("It blocks.");
        drop_negation_words("It blocks.", &mut keywords);
        assert_eq!(displays(&keywords), vec!["blocks"]);
    }

    #[test]
    fn a_bullets_negation_weighs_its_mean_keyword() {
        assert_eq!(
            of_bullet("The terminals are not connected.", Some(0.8)),
            Some(("not".to_string(), NEGATION_WEIGHT * 0.8))
        );
        // Only a negation: weight 1.
        assert_eq!(
            of_bullet("It doesn't.", None),
            Some(("doesn't".to_string(), 1.0))
        );
        assert_eq!(of_bullet("The terminals are connected.", Some(0.8)), None);
        assert_eq!(of_bullet("Return `None`.", Some(0.8)), None);
    }

    #[test]
    fn an_answers_negation_is_looked_for_once_and_only_if_it_may_negate() {
        let text = "there is no gap, but the bulb is on";
        let n = AnswerNegation::new(text, true);
        assert_eq!(n.first(), Some("no"));
        let hit = n.hit().expect("a negation");
        assert_eq!(
            (hit.how, hit.word.as_str(), hit.credit),
            (MatchKind::Exact, "no", 1.0)
        );
        // The index ruled a negation out: none is looked for.
        let ruled_out = AnswerNegation::new(text, false);
        assert_eq!(ruled_out.first(), None);
        assert!(ruled_out.hit().is_none() && !ruled_out.only_negates("gap"));
    }

    #[test]
    fn a_word_only_negated_is_told_from_one_also_stated() {
        let n = AnswerNegation::new("there is no gap, but the bulb is on", true);
        assert!(n.only_negates("gap"));
        assert!(!n.only_negates("bulb"));
        let both = AnswerNegation::new("no gap here; the gap is there", true);
        assert!(!both.only_negates("gap"));
        assert!(!AnswerNegation::new("the gap", true).only_negates("gap"));
    }
}
