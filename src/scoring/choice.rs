//! Choice bullets: a reference bullet that is only a choice ("Yes.", "False", "Agree.", "B.",
//! "3)") has no keywords to cover, but it is the answer's verdict. It is met when the answer
//! states the same choice near its start ("Yes, because…", "I agree…", "B. The…"); an answer
//! that opens with the other choice ("No, …", "I don't agree", "A.") states the opposite.
//!
//! The verdicts: a choice bullet weighs `CHOICE_MASS` of a mean bullet; a longer bullet that
//! opens with a verdict ("Yes, they could both be correct.") keeps it as one more keyword; an
//! answer that opens with the other choice loses `OPPOSITE_SHARE` of its score. The scorer's
//! steps for this rule, in the order they run: preparing, [`Choice::of_bullet`] (a choice
//! bullet has no keywords), [`lead`] and [`choice_mass`]; assessing, [`verdict`] for a choice
//! bullet or a bullet's lead, and [`with_verdict`] on the score.

use super::MatchKind;
use super::matching::Hit;

/// The share of its score an answer loses when it opens with the opposite of a choice bullet
/// ("No, …" where the reference says "Yes."): the rest of it may still explain something
/// right, but its verdict is wrong.
pub const OPPOSITE_SHARE: f64 = 0.5;

/// A choice bullet's weight, relative to the mean keyword mass of the reference's other
/// bullets: the verdict counts half as much as a typical bullet's idea (tuned: a full share
/// ranked SciEntsBank's choice lines above the others too often).
pub const CHOICE_MASS: f64 = 0.5;

/// The verdict a longer bullet opens with ("Yes, they could both be correct."), as written,
/// with its weight: one more keyword of the bullet's mean keyword weight (`mean`), met as a
/// choice bullet is. None for a bullet without keywords (`mean` None): it is only a choice,
/// or has nothing to give a reason with.
pub fn lead(bullet: &str, mean: Option<f64>) -> Option<(Choice, String, f64)> {
    let mean = mean?;
    Choice::leading(bullet).map(|(c, w)| (c, w.to_string(), mean))
}

/// A choice bullet's keyword mass: `CHOICE_MASS` times the mean mass of the bullets that have
/// any (`masses`: every bullet's; 1 when none has).
pub fn choice_mass(masses: impl Iterator<Item = f64>) -> f64 {
    let with_keywords: Vec<f64> = masses.filter(|m| *m > 0.0).collect();
    let mean_mass = if with_keywords.is_empty() {
        1.0
    } else {
        with_keywords.iter().sum::<f64>() / with_keywords.len() as f64
    };
    CHOICE_MASS * mean_mass
}

/// What an answer says of a choice that a bullet is or opens with.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The same choice: the match, with the answer's word.
    Same(Hit),
    /// The other choice: the bullet is missed, and the score loses `OPPOSITE_SHARE`.
    Opposite,
    /// No choice near the answer's start: the bullet's verdict is missed.
    Silent,
}

impl Verdict {
    /// The match, when the answer states the same choice.
    pub fn hit(self) -> Option<Hit> {
        match self {
            Verdict::Same(hit) => Some(hit),
            _ => None,
        }
    }
}

/// Whether `answer` states `choice` near its start (a match of kind `Choice`), the other
/// choice, or none.
pub fn verdict(choice: &Choice, answer: &str) -> Verdict {
    match choice.stated_in(answer) {
        Some((stated, word)) if stated == *choice => Verdict::Same(Hit {
            credit: 1.0,
            how: MatchKind::Choice,
            word: word.to_string(),
        }),
        Some(_) => Verdict::Opposite,
        None => Verdict::Silent,
    }
}

/// The score (0-100) of an answer that opens with the opposite of a verdict (`opposite`):
/// `OPPOSITE_SHARE` of it lost; else the score as it is.
pub fn with_verdict(score: f64, opposite: bool) -> f64 {
    if opposite {
        score * (1.0 - OPPOSITE_SHARE)
    } else {
        score
    }
}

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

    #[test]
    fn a_bullet_that_opens_with_a_verdict_keeps_it_at_its_mean_keyword_weight() {
        let (c, word, w) = lead("Yes, they could both be correct.", Some(0.7)).unwrap();
        assert_eq!((c, word.as_str(), w), (Choice::Polar(true), "Yes", 0.7));
        // No keywords to give a reason with, or no verdict first: none.
        assert!(lead("Yes, they could both be correct.", None).is_none());
        assert!(lead("They could both be correct.", Some(0.7)).is_none());
    }

    #[test]
    fn a_choice_bullet_weighs_half_the_mean_bullet_with_keywords() {
        assert_eq!(choice_mass([2.0, 4.0, 0.0].into_iter()), CHOICE_MASS * 3.0);
        // Only choice bullets (or none with keywords): half of 1.
        assert_eq!(choice_mass([0.0, 0.0].into_iter()), CHOICE_MASS);
        assert_eq!(choice_mass(std::iter::empty()), CHOICE_MASS);
    }

    #[test]
    fn an_answer_states_the_same_verdict_the_other_or_none() {
        let yes = Choice::Polar(true);
        let same = verdict(&yes, "I agree, because");
        assert_eq!(
            same.clone().hit().map(|h| (h.how, h.word, h.credit)),
            Some((MatchKind::Choice, "agree".to_string(), 1.0))
        );
        assert_eq!(verdict(&yes, "I don't agree"), Verdict::Opposite);
        assert_eq!(verdict(&yes, "It depends on the bulb"), Verdict::Silent);
        assert!(Verdict::Opposite.hit().is_none() && Verdict::Silent.hit().is_none());
        let b = Choice::Option("b".into());
        assert!(matches!(verdict(&b, "B. because"), Verdict::Same(_)));
        assert_eq!(verdict(&b, "C is"), Verdict::Opposite);
    }

    #[test]
    fn the_opposite_verdict_costs_its_share_of_the_score() {
        assert_eq!(with_verdict(80.0, false), 80.0);
        assert_eq!(with_verdict(80.0, true), 80.0 * (1.0 - OPPOSITE_SHARE));
    }
}
