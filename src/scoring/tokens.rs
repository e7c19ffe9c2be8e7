//! Splitting text into tokens: Unicode-normalized (NFKC), case-folded words, with code names
//! (`sys.path`, `__init__`, `**kwargs`, `list.sort()`, `O(n)`) kept whole.
//!
//! Prose and code are mixed in interview answers, so the tokenizer cannot simply split on
//! punctuation: a dot inside `asyncio.gather` joins, a dot ending a sentence does not.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// One token of a text. Borrowed from the text where it can be (ASCII text, already
/// lowercase), since scoring a batch tokenizes every answer and allocation is most of the cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// As written (after NFKC normalization).
    pub surface: Cow<'a, str>,
    /// Case-folded; for code, the `*`/`**` prefix and `()` suffix are stripped, since
    /// "kwargs" and `**kwargs` name the same thing.
    pub norm: Cow<'a, str>,
    /// A code name: not stemmed, matched whole or by its parts.
    pub code: bool,
    /// The hyphen or slash that joins this word to the one before it, with no space
    /// ("no-op", "I/O"): the two are parts of one compound. Never set next to code.
    pub sep: Option<char>,
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

/// Case-folds (full Unicode lowercase), borrowing when there is nothing to fold.
fn fold(s: Cow<'_, str>) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            s
        }
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// A token's place, in characters, and what the scanner saw around it.
struct Span {
    start: usize,
    end: usize,
    in_backticks: bool,
    call: bool,
    big_o: bool,
    /// A hyphen or slash right before this token and right after the previous one.
    sep: Option<char>,
}

/// Splits `text` into tokens, in order. Punctuation, whitespace and backticks separate tokens;
/// text in backticks is code.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // About one token per six bytes of prose: one allocation for most texts.
    let mut tokens = Vec::with_capacity(text.len() / 6 + 1);
    each_token(text, |t| tokens.push(t));
    tokens
}

/// Hands the tokens of `text` to `f` in order, as `tokenize` lists them, without the list.
pub fn each_token<'a>(text: &'a str, mut f: impl FnMut(Token<'a>)) {
    // A compound joins prose words only: `a/b` in code or `O(n)/O(1)` stays apart.
    let mut code_before = false;
    let mut emit = |mut t: Token<'a>| {
        if t.sep.is_some() && (t.code || code_before) {
            t.sep = None;
        }
        code_before = t.code;
        f(t);
    };
    if text.is_ascii() {
        // One byte per character: scan the bytes, slice the text.
        let b = text.as_bytes();
        scan(
            b.len(),
            |i| b.get(i).map_or(' ', |&c| c as char),
            |i| {
                let rest = b.get(i..).unwrap_or_default();
                i + rest
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                    .count()
            },
            |sp| emit(make(Cow::Borrowed(&text[sp.start..sp.end]), sp)),
        );
    } else {
        let text = normalize(text);
        let chars: Vec<char> = text.chars().collect();
        let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
        scan(
            chars.len(),
            at,
            |mut i| {
                while is_word(at(i)) {
                    i += 1;
                }
                i
            },
            |sp| {
                let surface: String = chars[sp.start..sp.end].iter().collect();
                emit(make(Cow::Owned(surface), sp));
            },
        );
    }
}

/// Finds the tokens of a text of `n` characters, `at(i)` giving the i-th (a space past the end)
/// and `word_end(i)` the first place from `i` on that is not a word character, and hands each
/// token to `emit` in order.
fn scan(
    n: usize,
    at: impl Fn(usize) -> char,
    word_end: impl Fn(usize) -> usize,
    mut emit: impl FnMut(&Span),
) {
    // The token before, for the hyphen or slash that may join the next one to it.
    let mut last: Option<Span> = None;
    let mut in_backticks = false;
    let mut i = 0;
    while i < n {
        let c = at(i);
        if c == '`' {
            in_backticks = !in_backticks;
            i += 1;
            continue;
        }
        let before = if i == 0 { ' ' } else { at(i - 1) };
        let start = i;
        let mut j = i;
        if c == '*' && !is_word(before) {
            // `*args`, `**kwargs`: the stars are part of the name.
            while at(j) == '*' {
                j += 1;
            }
            if !is_word(at(j)) {
                i = j;
                continue;
            }
        } else if c == '.'
            && (matches!(before, '`' | '(') || before.is_whitespace())
            && at(i + 1).is_alphabetic()
        {
            // `.pyc`, `.NET`: a leading dot names an extension or a platform.
            j += 1;
        } else if !is_word(c) {
            i += 1;
            continue;
        }
        loop {
            j = word_end(j);
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
            let close = (j + 1..n.min(j + 16)).find(|&k| matches!(at(k), ')' | '('));
            if let Some(k) = close
                && at(k) == ')'
            {
                j = k + 1;
                big_o = true;
            }
        }
        let sep = (matches!(before, '-' | '/')
            && last.as_ref().is_some_and(|p: &Span| {
                p.end + 1 == start && !p.call && !p.big_o && p.in_backticks == in_backticks
            }))
        .then_some(before);
        let span = Span {
            start,
            end: j,
            in_backticks,
            call,
            big_o,
            sep,
        };
        emit(&span);
        last = Some(span);
        i = j;
    }
}

/// A token from its surface text: its case-folded form and whether it is code.
fn make<'a>(surface: Cow<'a, str>, sp: &Span) -> Token<'a> {
    // Most tokens are plain ASCII words: nothing to strip, and code only when camel-cased.
    if !sp.in_backticks
        && !sp.call
        && !sp.big_o
        && surface.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        let b = surface.as_bytes();
        if !b.iter().any(u8::is_ascii_uppercase) {
            return Token {
                norm: surface.clone(),
                surface,
                code: false,
                sep: sp.sep,
            };
        }
        let camel = b
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
        return Token {
            norm: Cow::Owned(surface.to_ascii_lowercase()),
            surface,
            code: camel,
            sep: sp.sep,
        };
    }
    let (from, to) = {
        let s: &str = &surface;
        let body = s.trim_start_matches('*');
        let body = if sp.call {
            &body[..body.len() - 2]
        } else {
            body
        };
        let from = s.len() - s.trim_start_matches('*').len();
        (from, from + body.len())
    };
    let body = &surface[from..to];
    let dotted = body.contains('.') || body.contains("::");
    let abbreviation = dotted
        && body
            .split('.')
            .all(|s| s.chars().count() == 1 && s.chars().all(char::is_alphabetic));
    let numeric = body.chars().all(|c| c.is_ascii_digit() || c == '.');
    let camel = body
        .chars()
        .zip(body.chars().skip(1))
        .any(|(a, b)| a.is_lowercase() && b.is_uppercase());
    let code = !abbreviation
        && (sp.in_backticks
            || sp.big_o
            || sp.call
            || surface.starts_with('*')
            || surface.starts_with('.')
            || (dotted && !numeric)
            || body.contains('_')
            || camel);
    let body: Cow<'a, str> = match &surface {
        Cow::Borrowed(s) => Cow::Borrowed(&s[from..to]),
        Cow::Owned(s) => Cow::Owned(s[from..to].to_string()),
    };
    let norm = if abbreviation {
        // "e.g", "i.e": abbreviations, not code.
        Cow::Owned(fold(body).replace('.', ""))
    } else if sp.big_o {
        let mut n = fold(body).into_owned();
        n.retain(|c| !c.is_whitespace());
        Cow::Owned(n)
    } else {
        fold(body)
    };
    Token {
        surface,
        norm,
        code,
        sep: sp.sep,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<(String, bool)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.norm.into_owned(), t.code))
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
    fn hyphens_and_slashes_join_prose_words_into_compounds() {
        let seps = |text: &str| -> Vec<(String, Option<char>)> {
            tokenize(text)
                .into_iter()
                .map(|t| (t.norm.into_owned(), t.sep))
                .collect()
        };
        let s = |w: &str, sep| (w.to_string(), sep);
        assert_eq!(
            seps("no-op I/O a - b"),
            vec![
                s("no", None),
                s("op", Some('-')),
                s("i", None),
                s("o", Some('/')),
                s("a", None),
                s("b", None),
            ]
        );
        // Never next to code.
        assert_eq!(
            seps("`sys.path`-c d/`e`"),
            vec![
                s("sys.path", None),
                s("c", None),
                s("d", None),
                s("e", None)
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
