//! A list is not an explanation: an answer that is a bare list of terms ("hash, unique, O(1),
//! frozenset, immutable") names a reference's words without saying anything about them, and
//! earns `LIST_CREDIT` of what it meets. Written answers are 30-50% function words ("the",
//! "of", "is", "and"), the keyword lists of the probe set (`eval/`) 6%.
//!
//! An answer is a list when it has at least `MIN_WORDS` words, under `MAX_FUNCTION_SHARE` of
//! them function words (grill's stopwords), nothing between its words that makes clauses (a
//! full stop, colon, semicolon, arrow or line break: terse notes such as "Hash table, unique
//! elements; avg O(1) `in`; frozenset = immutable" are written thought, not a list), and its
//! words come one by one: separated by commas (at most 1.5 words a piece on average), or in a
//! single run with no comma at all, or with seven content words in a row somewhere. Numbers and
//! lone letters (`x`, `n`) are not words here. Short answers ("unlimited number", "O(log n)")
//! are never lists: an answer of five words says what it can.

use super::stopwords::is_stopword;

/// The share of its coverage a list of terms earns.
pub const LIST_CREDIT: f64 = 0.15;

/// What the evidence says of a list.
pub const LIST_NOTE: &str = "a list of terms: say what they do and how they relate";

/// Fewer words than this are never a list.
const MIN_WORDS: usize = 6;

/// A list has a smaller share of function words than this.
const MAX_FUNCTION_SHARE: f64 = 0.15;

/// Content words in a row, with no function word or comma between them, that make a list.
const LONG_RUN: usize = 8;

/// Whether an answer of `stops` stopwords and `words` other tokens (as the analyzer counts
/// them: code and numbers too) may be a list: most answers are ruled out by these counts,
/// which are at hand, before any look at their text.
pub fn may_be(stops: usize, words: usize) -> bool {
    stops + words >= MIN_WORDS && (stops as f64) < 2.0 * MAX_FUNCTION_SHARE * (stops + words) as f64
}

/// Whether a reference expects a list: its bullets, joined by commas, make one.
pub fn expected(bullets: &[String]) -> bool {
    is_list(&bullets.join(", "))
}

/// Whether `answer` is a bare list of terms (see the module's doc).
pub fn is_list(answer: &str) -> bool {
    let body = answer.trim();
    let body = body.strip_suffix('.').unwrap_or(body);
    if makes_clauses(body) {
        return false;
    }
    let (mut words, mut function, mut pieces, mut run, mut longest) = (0usize, 0usize, 1, 0, 0);
    let mut in_piece = 0;
    for raw in body.split_whitespace() {
        let comma = raw.ends_with(',');
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '`');
        if is_word(w) {
            words += 1;
            in_piece += 1;
            let lower = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
                std::borrow::Cow::Owned(w.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(w)
            };
            if is_stopword(&lower) {
                function += 1;
                run = 0;
            } else {
                run += 1;
                longest = longest.max(run);
            }
        }
        if comma && in_piece > 0 {
            pieces += 1;
            in_piece = 0;
            run = 0;
        }
    }
    if in_piece == 0 && pieces > 1 {
        pieces -= 1;
    }
    if words < MIN_WORDS || function as f64 >= MAX_FUNCTION_SHARE * words as f64 {
        return false;
    }
    (pieces >= MIN_WORDS && words as f64 <= 1.5 * pieces as f64) || longest >= LONG_RUN
}

/// Whether the text has what separates clauses: a full stop, colon, semicolon, question or
/// exclamation mark followed by a space, a spaced arrow, equals sign or colon, a line break.
fn makes_clauses(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        let next_space = b.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        let prev_space = i > 0 && b[i - 1] == b' ';
        match c {
            b'\n' => true,
            b'.' | b':' | b';' | b'!' | b'?' => next_space,
            b'=' => prev_space && next_space,
            b'-' => b.get(i + 1) == Some(&b'>'),
            _ => false,
        }
    })
}

/// Whether a piece of the answer counts as a word: it has a letter, and is not a number or a
/// lone letter other than "a" and "I" (a placeholder, `x`).
fn is_word(w: &str) -> bool {
    if !w.chars().any(char::is_alphabetic) {
        return false;
    }
    let mut chars = w.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => matches!(c, 'a' | 'A' | 'i' | 'I'),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_list_of_terms_is_a_list() {
        for list in [
            "hash, unique, membership, O(1), frozenset, immutable, hashable, algebra",
            "parser source syntax bytecode converts transforms executes AST .pyc",
            "& | operations unique membership tables set sets immutable hash - algebra O(1)",
            "first, @singledispatch, methods, register, use, pattern, generic, type",
        ] {
            assert!(is_list(list), "{list}");
        }
    }

    #[test]
    fn a_reference_of_terms_expects_a_list() {
        let terms: Vec<String> = [
            "hash",
            "unique",
            "membership",
            "frozenset",
            "immutable",
            "set",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert!(expected(&terms));
        assert!(!expected(&[
            "Sets use hash tables to store elements.".to_string()
        ]));
    }

    #[test]
    fn sentences_terse_notes_and_short_answers_are_not() {
        for answer in [
            "A set is a hash table of unique elements, so membership is O(1) on average.",
            "Hash table, unique hashable elements; avg O(1) `in`; frozenset = immutable.",
            "Source -> parser -> AST; compiler: AST -> bytecode (.pyc); PVM runs bytecode.",
            "Double-ended queue, O(1) append/pop both ends; appendleft/popleft/rotate",
            "Interpreted execution eases debugging. Dynamic typing infers types at runtime.",
            "unlimited number",
            "O(log n) time",
            "because 1.5 v minus 0 v equals 1.5 v",
            "bulb a affects bulb c. bulb c affects bulb a.",
            "heat makes gas particles move quicker",
            "simulate behaviour portions desired software product",
            "",
        ] {
            assert!(!is_list(answer), "{answer}");
        }
    }
}
