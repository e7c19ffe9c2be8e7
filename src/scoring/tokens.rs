//! Splitting text into tokens: Unicode-normalized (NFKC), case-folded words, with code names
//! (`sys.path`, `__init__`, `**kwargs`, `list.sort()`, `O(n)`) kept whole.
//!
//! Prose and code are mixed in interview answers, so the tokenizer cannot simply split on
//! punctuation: a dot inside `asyncio.gather` joins, a dot ending a sentence does not.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// As written (after NFKC normalization).
    pub surface: String,
    /// Case-folded; for code, the `*`/`**` prefix and `()` suffix are stripped, since
    /// "kwargs" and `**kwargs` name the same thing.
    pub norm: String,
    /// A code name: not stemmed, matched whole or by its parts.
    pub code: bool,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// NFKC-normalizes `text`; ASCII is already normal, which spares the common case a copy.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// Case-folds a token (full Unicode lowercase; ASCII without a second look).
fn fold(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// Splits `text` into tokens, in order. Punctuation, whitespace and backticks separate tokens;
/// text in backticks is code.
pub fn tokenize(text: &str) -> Vec<Token> {
    let text = normalize(text);
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let at = |i: usize| if i < n { chars[i] } else { ' ' };
    let mut tokens = Vec::new();
    let mut in_backticks = false;
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if c == '`' {
            in_backticks = !in_backticks;
            i += 1;
            continue;
        }
        let after_gap = i == 0 || !is_word(chars[i - 1]);
        let start = i;
        let mut j = i;
        if c == '*' && after_gap {
            // `*args`, `**kwargs`: the stars are part of the name.
            while at(j) == '*' {
                j += 1;
            }
            if !is_word(at(j)) {
                i = j;
                continue;
            }
        } else if c == '.'
            && (i == 0 || matches!(chars[i - 1], '`' | '(') || chars[i - 1].is_whitespace())
            && at(i + 1).is_alphabetic()
        {
            // `.pyc`, `.NET`: a leading dot names an extension or a platform.
            j += 1;
        } else if !is_word(c) {
            i += 1;
            continue;
        }
        loop {
            while is_word(at(j)) {
                j += 1;
            }
            if at(j) == '.' && is_word(at(j + 1)) {
                j += 1;
            } else if at(j) == ':' && at(j + 1) == ':' && is_word(at(j + 2)) {
                j += 2;
            } else {
                break;
            }
        }
        let mut call = false;
        let mut big_o = false;
        if at(j) == '(' && at(j + 1) == ')' {
            call = true;
            j += 2;
        } else if at(j) == '+' && at(j + 1) == '+' && !is_word(at(j + 2)) {
            j += 2; // C++
        } else if j == i + 1 && (c == 'O' || c == 'o') && at(j) == '(' {
            // Big-O notation, `O(n log n)`: one token, so "O(1)" is not "o" and "1".
            if let Some(len) = chars[j + 1..n.min(j + 16)].iter().position(|&c| c == ')')
                && !chars[j + 1..j + 1 + len].contains(&'(')
            {
                j += len + 2;
                big_o = true;
            }
        }
        let surface: String = chars[start..j].iter().collect();
        i = j;
        let body = surface.trim_start_matches('*');
        let body = body.strip_suffix("()").unwrap_or(body);
        let dotted = body.contains('.') || body.contains("::");
        let letters_only_segments = dotted
            && body
                .split('.')
                .all(|s| s.chars().count() == 1 && s.chars().all(char::is_alphabetic));
        if letters_only_segments {
            // "e.g", "i.e": abbreviations, not code.
            let norm = fold(&body.replace('.', ""));
            tokens.push(Token {
                surface,
                norm,
                code: false,
            });
            continue;
        }
        let numeric = body.chars().all(|c| c.is_ascii_digit() || c == '.');
        let camel = body
            .chars()
            .zip(body.chars().skip(1))
            .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
        let code = in_backticks
            || big_o
            || call
            || surface.starts_with('*')
            || surface.starts_with('.')
            || (dotted && !numeric)
            || body.contains('_')
            || camel;
        let mut norm = fold(body);
        if big_o {
            norm.retain(|c| !c.is_whitespace());
        }
        tokens.push(Token {
            surface,
            norm,
            code,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<(String, bool)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.norm, t.code))
            .collect()
    }

    fn n(s: &str, code: bool) -> (String, bool) {
        (s.to_string(), code)
    }

    #[test]
    fn code_names_stay_whole_and_sentence_dots_do_not_join() {
        assert_eq!(
            norms("Use sys.path. Then asyncio.gather(), `__init__` and **kwargs."),
            vec![
                n("use", false),
                n("sys.path", true),
                n("then", false),
                n("asyncio.gather", true),
                n("__init__", true),
                n("and", false),
                n("kwargs", true),
            ]
        );
        assert_eq!(
            norms("`list.sort()` sorts"),
            vec![n("list.sort", true), n("sorts", false)]
        );
        let t = tokenize("list.sort()");
        assert_eq!(t[0].surface, "list.sort()");
    }

    #[test]
    fn case_and_unicode_forms_fold_together() {
        // NFKC turns the "ﬁ" ligature into "fi"; full-width letters into ASCII.
        assert_eq!(norms("ﬁle ＰＡＴＨ Straße"), norms("file path straße"));
        assert_eq!(tokenize("Straße")[0].norm, "straße");
    }

    #[test]
    fn abbreviations_numbers_and_notation() {
        assert_eq!(
            norms("e.g. 3.5 O(n log n) C++ .pyc do...while"),
            vec![
                n("eg", false),
                n("3.5", false),
                n("o(nlogn)", true),
                n("c++", false),
                n(".pyc", true),
                n("do", false),
                n("while", false),
            ]
        );
        assert_eq!(
            norms("Python's object-oriented"),
            vec![
                n("python", false),
                n("s", false),
                n("object", false),
                n("oriented", false)
            ]
        );
    }

    #[test]
    fn camel_case_and_snake_case_are_code() {
        assert_eq!(
            norms("ValueError lru_cache plain"),
            vec![
                n("valueerror", true),
                n("lru_cache", true),
                n("plain", false)
            ]
        );
    }
}
