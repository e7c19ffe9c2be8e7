//! Choice bullets: a reference bullet that is only a choice ("Yes.", "False", "Agree.", "B.",
//! "3)") has no keywords to cover, but it is the answer's verdict. It is met when the answer
//! states the same choice near its start ("Yes, because…", "I agree…", "B. The…"); an answer
//! that opens with the other choice ("No, …", "I don't agree", "A.") states the opposite.

/// A choice a bullet names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// Yes / true / agree (`true`) or no / false / disagree (`false`).
    Polar(bool),
    /// An option named by one letter or a short number, case-folded ("b", "3").
    Option(String),
}

/// Words that state a polar choice, and which.
const POLAR: &[(&str, bool)] = &[
    ("yes", true),
    ("yeah", true),
    ("yep", true),
    ("true", true),
    ("agree", true),
    ("agrees", true),
    ("no", false),
    ("nope", false),
    ("false", false),
    ("disagree", false),
    ("disagrees", false),
];

/// Words that turn the polar word after them around ("not true", "I don't agree").
const NEGATORS: &[&str] = &[
    "not", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "never", "isn't", "isnt",
    "can't", "cant", "won't", "wont",
];

/// How far into the answer, in words, a choice is looked for: an answer states its verdict
/// first ("Yes, …", "I think B", "I do not agree"), and a "no" further on is just a word.
pub const CHOICE_WORDS: usize = 4;

/// Words after a bare "A" or "I" that make it an option rather than the article or the
/// pronoun ("A because …", "A is hotter").
const AFTER_OPTION: &[&str] = &[
    "because", "is", "was", "has", "had", "will", "would", "since", "as", "so", "and", "got",
];

impl Choice {
    /// The choice a bullet is, when it is nothing but one: a polar word, a letter or a number
    /// of up to two digits, with any punctuation around it ("Yes.", "(b)", "3.").
    pub fn of_bullet(text: &str) -> Option<Choice> {
        let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() || bare.contains(|c: char| !c.is_alphanumeric()) {
            return None;
        }
        let lower = bare.to_lowercase();
        if let Some((_, polar)) = POLAR.iter().find(|(w, _)| *w == lower) {
            return Some(Choice::Polar(*polar));
        }
        let mut chars = lower.chars();
        let first = chars.next()?;
        let option = (first.is_ascii_alphabetic() && chars.next().is_none())
            || (lower.len() <= 2 && lower.bytes().all(|b| b.is_ascii_digit()));
        option.then_some(Choice::Option(lower))
    }

    /// The polar choice a longer bullet opens with ("Yes, they could both be correct.", "No,
    /// string is an insulator."), with the word as written: the bullet's verdict, before the
    /// reason.
    pub fn leading(text: &str) -> Option<(Choice, &str)> {
        let text = text.trim_start();
        let end = text.find(|c: char| !c.is_alphanumeric())?;
        let (word, rest) = text.split_at(end);
        // A verdict stands apart ("Yes," "No."), and a reason follows it.
        if !rest.starts_with([',', '.', ';', ':', '!']) || !rest.contains(char::is_alphanumeric) {
            return None;
        }
        let lower = word.to_lowercase();
        let (_, polar) = POLAR.iter().find(|(p, _)| *p == lower)?;
        Some((Choice::Polar(*polar), word))
    }

    /// What the answer states, near its start, of the same sort as this choice: the first polar
    /// word (turned around by a negator right before it), or the first option letter or number;
    /// with that word as written.
    pub fn stated_in<'a>(&self, answer: &'a str) -> Option<(Choice, &'a str)> {
        let words = first_words(answer, CHOICE_WORDS);
        for (i, (w, next)) in words.iter().enumerate() {
            let lower = w.to_lowercase();
            match self {
                Choice::Polar(_) => {
                    if let Some((_, polar)) = POLAR.iter().find(|(p, _)| *p == lower) {
                        let negated = words[i.saturating_sub(2)..i]
                            .iter()
                            .any(|(n, _)| NEGATORS.contains(&n.to_lowercase().as_str()));
                        return Some((Choice::Polar(*polar != negated), *w));
                    }
                }
                Choice::Option(_) => {
                    if is_option(w, next.as_deref()) {
                        return Some((Choice::Option(lower), *w));
                    }
                }
            }
        }
        None
    }
}

/// Whether a word of an answer's start names an option: a number of up to two digits, or a
/// single letter that cannot be read as the article "a" or the pronoun "I" (it is followed by
/// punctuation or a word like "because", or is another capital letter).
fn is_option(word: &str, next: Option<&str>) -> bool {
    if word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let mut chars = word.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if !c.is_ascii_alphabetic() {
        return false;
    }
    match next {
        // Punctuation or the end right after it: "A.", "x, x because", "It was C".
        None => true,
        Some(n) => {
            (c.is_ascii_uppercase() && !matches!(c, 'A' | 'I'))
                || AFTER_OPTION.contains(&n.to_lowercase().as_str())
        }
    }
}

/// The first `n` words of `text` (letters, digits and apostrophes), each with the word right
/// after it when only spaces separate them (`None` after punctuation or at the end).
fn first_words(text: &str, n: usize) -> Vec<(&str, Option<String>)> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let in_word = c.is_alphanumeric() || c == '\'' || c == '’';
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
                if spans.len() > n {
                    break;
                }
            }
            _ => {}
        }
    }
    if let Some(s) = start
        && spans.len() <= n
    {
        spans.push((s, text.len()));
    }
    let mut out = Vec::new();
    for (k, &(s, e)) in spans.iter().enumerate().take(n) {
        let word = text[s..e].trim_matches(|c| c == '\'' || c == '’');
        let next = spans.get(k + 1).and_then(|&(ns, ne)| {
            text[e..ns]
                .chars()
                .all(char::is_whitespace)
                .then(|| text[ns..ne].to_string())
        });
        if !word.is_empty() {
            out.push((word, next));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_that_are_only_a_choice() {
        assert_eq!(Choice::of_bullet("Yes."), Some(Choice::Polar(true)));
        assert_eq!(Choice::of_bullet("Disagree"), Some(Choice::Polar(false)));
        assert_eq!(Choice::of_bullet("(B)"), Some(Choice::Option("b".into())));
        assert_eq!(Choice::of_bullet("3."), Some(Choice::Option("3".into())));
        assert_eq!(Choice::of_bullet("40 meters."), None);
        assert_eq!(Choice::of_bullet("Sammy's."), None);
        assert_eq!(Choice::of_bullet("push"), None);
        assert_eq!(Choice::of_bullet("100."), None);
    }

    #[test]
    fn a_longer_bullet_may_open_with_a_choice() {
        let yes = Choice::Polar(true);
        let no = Choice::Polar(false);
        assert_eq!(
            Choice::leading("Yes, they could both be correct."),
            Some((yes, "Yes"))
        );
        assert_eq!(
            Choice::leading("No. String is an insulator."),
            Some((no, "No"))
        );
        assert_eq!(Choice::leading("No gas is produced."), None);
        assert_eq!(Choice::leading("Yes."), None);
        assert_eq!(Choice::leading("Truely, it is."), None);
    }

    #[test]
    fn an_answer_states_a_choice_at_its_start() {
        let yes = Choice::Polar(true);
        let said = |c: &Choice, a: &str| c.stated_in(a).map(|s| s.0);
        assert_eq!(said(&yes, "Yes, because it is"), Some(Choice::Polar(true)));
        assert_eq!(said(&yes, "No. It cannot"), Some(Choice::Polar(false)));
        assert_eq!(
            said(&yes, "I don't agree with her"),
            Some(Choice::Polar(false))
        );
        assert_eq!(said(&yes, "I do not agree"), Some(Choice::Polar(false)));
        assert_eq!(said(&yes, "I agree with her"), Some(Choice::Polar(true)));
        // Further on, "no" is just a word.
        assert_eq!(said(&yes, "The bulb is off so there is no current"), None);
        let b = Choice::Option("b".into());
        assert_eq!(said(&b, "B. because it"), Some(Choice::Option("b".into())));
        assert_eq!(said(&b, "x, x because"), Some(Choice::Option("x".into())));
        assert_eq!(said(&b, "I think C is"), Some(Choice::Option("c".into())));
        assert_eq!(
            said(&b, "A because it is"),
            Some(Choice::Option("a".into()))
        );
        assert_eq!(said(&b, "A lot of heat"), None);
        assert_eq!(said(&b, "I think so"), None);
    }
}
