//! Cloze deletions (`{{c1::answer}}`, `{{c2::answer::hint}}`) as a question: the text with
//! every deletion blanked (`[...]`, or `[hint]` as Anki shows it) is the prompt, and the text of
//! each deletion is a bullet. One question a note, whatever its cloze numbers: an interview asks
//! for everything that is blanked at once.
//!
//! Deletions may nest (`{{c1::a {{c2::b}} c}}`): the outer one is blanked whole, its answer
//! reads with the inner deletions filled in. Image occlusion masks (`{{c1::image-occlusion:...}}`)
//! are shapes on a picture, not text: counted as media, never answers.

/// A cloze field split into its prompt and answers (both still HTML).
#[derive(Debug, PartialEq)]
pub struct Cloze {
    /// The field with each deletion replaced by `[...]` or `[hint]`.
    pub prompt: String,
    /// The text of each deletion, in order, repeats dropped.
    pub answers: Vec<String>,
    /// Image occlusion masks found.
    pub masks: usize,
}

/// The position of a deletion in a field: where it starts, where its content starts and where
/// it ends (after the closing `}}`).
struct Span {
    start: usize,
    content: usize,
    end: usize,
}

/// Splits a field with cloze deletions; `None` when it has none.
pub fn split(field: &str) -> Option<Cloze> {
    let mut prompt = String::new();
    let mut answers: Vec<String> = Vec::new();
    let mut masks = 0;
    let mut at = 0;
    let mut found = false;
    while let Some(span) = next(field, at) {
        found = true;
        prompt.push_str(&field[at..span.start]);
        let inner = &field[span.content..span.end - 2];
        let (answer, hint) = answer_and_hint(inner);
        if answer.trim_start().starts_with("image-occlusion:") {
            masks += 1;
        } else {
            prompt.push_str(&format!("[{}]", hint.unwrap_or("...")));
            let answer = reveal(answer);
            if !answer.trim().is_empty() && !answers.contains(&answer) {
                answers.push(answer);
            }
        }
        at = span.end;
    }
    prompt.push_str(&field[at..]);
    found.then_some(Cloze {
        prompt,
        answers,
        masks,
    })
}

/// The next deletion at or after byte `from`.
fn next(field: &str, from: usize) -> Option<Span> {
    let mut search = from;
    loop {
        let start = search + field.get(search..)?.find("{{c")?;
        let after = &field[start + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !after[digits..].starts_with("::") {
            search = start + 3;
            continue;
        }
        let content = start + 3 + digits + 2;
        match closing(field, content) {
            Some(end) => {
                return Some(Span {
                    start,
                    content,
                    end,
                });
            }
            // No closing braces: the rest is text.
            None => return None,
        }
    }
}

/// The byte after the `}}` that closes a deletion whose content starts at `from`, counting
/// nested `{{` ... `}}`.
fn closing(field: &str, from: usize) -> Option<usize> {
    let bytes = field.as_bytes();
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        if bytes[i] == b'{' && bytes[i + 1] == b'{' {
            depth += 1;
            i += 2;
        } else if bytes[i] == b'}' && bytes[i + 1] == b'}' {
            if depth == 0 {
                return Some(i + 2);
            }
            depth -= 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    None
}

/// A deletion's content split at its hint: the last `::` outside nested braces.
fn answer_and_hint(inner: &str) -> (&str, Option<&str>) {
    let bytes = inner.as_bytes();
    let mut depth = 0usize;
    let mut split = None;
    let mut i = 0;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'{', b'{') => {
                depth += 1;
                i += 2;
            }
            (b'}', b'}') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            (b':', b':') if depth == 0 => {
                split = Some(i);
                i += 2;
            }
            _ => i += 1,
        }
    }
    match split {
        Some(i) => (&inner[..i], Some(&inner[i + 2..])),
        None => (inner, None),
    }
}

/// A deletion's answer with the deletions nested in it filled in.
fn reveal(answer: &str) -> String {
    let mut out = String::new();
    let mut at = 0;
    while let Some(span) = next(answer, at) {
        out.push_str(&answer[at..span.start]);
        let (inner, _) = answer_and_hint(&answer[span.content..span.end - 2]);
        out.push_str(&reveal(inner));
        at = span.end;
    }
    out.push_str(&answer[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_become_blanks_and_answers() {
        let c =
            split("The {{c1::GIL}} lets one {{c2::thread::unit}} run {{c1::GIL}} code.").unwrap();
        assert_eq!(c.prompt, "The [...] lets one [unit] run [...] code.");
        assert_eq!(c.answers, ["GIL", "thread"]);
        assert!(split("no deletions {{c::x}} {{Front}}").is_none());
    }

    #[test]
    fn nested_deletions_and_masks() {
        let c = split("{{c1::a {{c2::b::h}} c}} and {{c3::image-occlusion:rect:left=.1}}").unwrap();
        assert_eq!(c.prompt, "[...] and ");
        assert_eq!(c.answers, ["a b c"]);
        assert_eq!(c.masks, 1);
    }

    #[test]
    fn unclosed_deletions_are_text() {
        assert!(split("{{c1::never closed").is_none());
        let c = split("{{c1::x}} then {{c2::open").unwrap();
        assert_eq!(c.prompt, "[...] then {{c2::open");
        assert_eq!(split("{{c1::}}").unwrap().answers, Vec::<String>::new());
    }
}
