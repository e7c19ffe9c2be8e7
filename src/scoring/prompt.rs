//! A prompt's parts: the question it asks, and the scene it may set before asking.
//!
//! Short prompts are all question ("What does `pass` do?"). Longer ones, in school science or
//! a case study, describe a scene first and ask about it last: "Grace put eggshells in vinegar.
//! Small bubbles appeared ... Explain why Grace thinks she made a reaction." Repeating the
//! question's words is no answer, so they weigh little; the scene's words are the material an
//! answer has to pick out ("the bubbles"), so they weigh more (`SCENE_WEIGHT` in the scorer).
//!
//! Sentences end at `.`, `?` or `!` before whitespace and a word that is not lowercase (so an
//! abbreviation before a capital ends one: "Ms." of "Ms. Teridann"), or at a line break before
//! such a word; a quotation stays in its sentence. The question is every
//! sentence that asks: one that ends with `?`, or opens with a word that can only be a verb
//! ("Explain ...", "Describe ..."), and the last one when no sentence ends with `?` ("Tell why
//! ..."). The rest is the scene, except its names (words capitalised inside a sentence:
//! "Grace", "Andre", "GIL"; not "Teridann" after "Ms.", which opens a sentence, nor a
//! quotation's first word), which count as the question's: an answer says "she", not the name.

use std::borrow::Cow;

use super::wordnet;

/// The sentences of `text`, in order, each with its closing punctuation. A sentence ends at
/// `.`, `?` or `!` before whitespace and a word that is not lowercase ("e.g. for" goes on), or
/// at a line break before such a word. A quotation stays in its sentence (`Kate said: "An
/// object has to move." Do you agree?` is one): what it claims is the question's.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '.' | '?' | '!' => i + c.len_utf8(),
            '\n' => i,
            _ => continue,
        };
        let rest = &text[end..];
        let next = rest.trim_start();
        if (rest.is_empty() || next.len() < rest.len()) && !next.starts_with(char::is_lowercase) {
            if !text[start..end].trim().is_empty() {
                out.push(text[start..end].trim());
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Whether a sentence opens with a word WordNet has as a verb, never as a noun: an
/// instruction ("Explain why ...", "Describe ..."), part of the question wherever it stands.
fn instructs(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or_default();
    let first = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    wordnet::entry(&first).is_some_and(|e| e.pos & wordnet::VERB != 0 && e.pos & wordnet::NOUN == 0)
}

/// The question part of `prompt` (see the module's notes): all of it when it is one sentence
/// or every sentence asks (borrowed then), else the sentences that ask, joined by spaces.
pub fn question(prompt: &str) -> Cow<'_, str> {
    let all = sentences(prompt);
    if all.len() <= 1 {
        return Cow::Borrowed(prompt);
    }
    // With no question mark anywhere, the last sentence asks ("Tell why Grace ...").
    let last = if all.iter().any(|s| s.ends_with('?')) {
        usize::MAX
    } else {
        all.len() - 1
    };
    let asking: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == last || s.ends_with('?') || instructs(s))
        .map(|(_, s)| *s)
        .collect();
    if asking.len() == all.len() {
        Cow::Borrowed(prompt)
    } else {
        Cow::Owned(asking.join(" "))
    }
}

/// The names in `prompt`: words of two letters or more that start with a capital, other than a
/// sentence's first word or a quotation's ("It" of `said "It fizzed."`), without a possessive
/// or punctuation ("Diva" of "Diva's").
pub fn names(prompt: &str) -> impl Iterator<Item = &str> {
    sentences(prompt).into_iter().flat_map(|s| {
        s.split_whitespace()
            .skip(1)
            .filter(|w| !w.starts_with(['"', '“', '\'', '‘']))
            .filter_map(|w| {
                w.split(|c: char| !c.is_alphanumeric())
                    .find(|p| !p.is_empty())
            })
            .filter(|w| w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_one_sentence_prompt_is_all_question() {
        let p = "What does `os.path.join()` return, e.g. for 3.5?";
        assert!(matches!(question(p), Cow::Borrowed(q) if q == p));
        assert!(matches!(question("Explain the GIL"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_question_is_what_asks_and_the_scene_is_left_out() {
        let p = "Grace put eggshells in vinegar. Small bubbles appeared. \
                 Explain why Grace thinks she made a reaction.";
        assert_eq!(question(p), "Explain why Grace thinks she made a reaction.");
        let p = "Topaz cannot be scratched by a penny. How hard is topaz? Explain how you know.";
        assert_eq!(question(p), "How hard is topaz? Explain how you know.");
        // With no question mark, the last sentence asks; with one, the last may be the scene's.
        let p = "The bulb is off. Tell why it is off.";
        assert_eq!(question(p), "Tell why it is off.");
        let p = "Why is the bulb off? Try to answer in terms of a gap.";
        assert_eq!(question(p), "Why is the bulb off?");
    }

    #[test]
    fn instructions_are_the_question_wherever_they_stand() {
        let p = "Explain the GIL. Give an example.";
        assert!(matches!(question(p), Cow::Borrowed(_)));
        let p = "Describe a closure. Closures capture variables. When is one created?";
        assert_eq!(question(p), "Describe a closure. When is one created?");
    }

    #[test]
    fn a_sentence_ends_at_a_line_break_but_a_quotation_stays_in_its_sentence() {
        let p = "Look at the table\nThe Bubbles rose. Kate said: \"Sound is made by moving.\" \
                 Do you agree?";
        assert_eq!(
            sentences(p),
            [
                "Look at the table",
                "The Bubbles rose.",
                "Kate said: \"Sound is made by moving.\" Do you agree?"
            ]
        );
        // "Sound" opens a quotation: no name. "Do" after it counts as one, but it is a stopword,
        // never a keyword.
        let names: Vec<&str> = names(p).collect();
        assert_eq!(names, ["Bubbles", "Do"]);
        // A line broken inside a sentence goes on.
        assert_eq!(sentences("the GIL\nlocks"), ["the GIL\nlocks"]);
        let names: Vec<&str> = super::names("Then Diva's cookies, (Andi) baked.").collect();
        assert_eq!(names, ["Diva", "Andi"]);
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let p = "Ms. Teridann made a chart. Then Grace and Andre tested Mineral X? The End.";
        let names: Vec<&str> = names(p).collect();
        // "Ms." ends a sentence, so "Teridann" opens one and is no name.
        assert_eq!(names, ["Grace", "Andre", "Mineral", "End"]);
    }

    /// Whether `part`'s words come in `whole`, in order (gaps allowed).
    fn words_within(part: &str, whole: &str) -> bool {
        let mut whole = whole.split_whitespace();
        part.split_whitespace().all(|w| whole.any(|v| v == w))
    }

    proptest! {
        #[test]
        fn the_question_and_the_names_are_the_prompts_own_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Grace", "Explain", "why", "Why", "Tell", "e.g.", "Ms.", "3.5", "os.path", "é",
                "É", "e\u{301}", "’", "🙂", "日本", "\u{301}", ".", "?", "!", "...", " ", "\n",
                "\t", "\u{a0}", "\"", ")", "`", "x",
            ]), 0..16),
            any in "\\PC{0,40}",
        ) {
            for p in [pieces.concat(), any] {
                let q = question(&p);
                prop_assert!(words_within(&q, &p), "{:?} -> {:?}", p, q);
                for name in names(&p) {
                    prop_assert!(p.contains(name), "{:?} -> {:?}", p, name);
                }
            }
        }
    }
}
