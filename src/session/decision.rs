//! What the candidate can decide about an answer once it is scored: rate it with one of the four
//! FSRS grades (or take grill's suggestion), skip it, take back the rating before, or stop.
//! Every place that asks (the rating screen's keys, piped rating
//! lines, `rating:` lines of piped answers, the prompt that lists the keys) reads the choices from
//! here, and `review::Ratings::apply` is the one place that carries a decision out.
//!
//! A new choice: a variant of [`Decision`] and its row in [`CHOICES`] (key, word and label),
//! then what it does in `review::Ratings::apply`. Nothing else needs to change: the keys, the piped
//! words and the prompt follow from the table.

use crate::fsrs::Rating;

/// What the candidate decided about one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Rate the answer (again, hard, good or easy).
    Rate(Rating),
    /// Take grill's suggestion (Enter, or an empty piped line): a rating all the same, kept in
    /// the review log as grill's.
    Accept(Rating),
    /// Leave the answer as it is (unrated, or with its earlier rating) and go on, without
    /// taking grill's suggestion.
    Skip,
    /// Take back the rating given before this one in the same run and show that answer again.
    Undo,
    /// Stop asking; the decisions made so far are kept.
    Stop,
}

/// A choice besides the four grades and Enter (grill's suggestion): its key at the rating
/// screen, the words that give it on a piped line, and its label in the prompt.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    /// The decision.
    pub decision: Decision,
    /// The key that gives it (either case).
    pub key: char,
    /// The words a piped line may give it by (any case), the key included.
    pub words: &'static [&'static str],
    /// How the prompt names it: `s: skip`.
    pub label: &'static str,
}

/// The choices besides the grades, in the order the prompt lists them.
pub const CHOICES: &[Choice] = &[
    Choice {
        decision: Decision::Skip,
        key: 's',
        words: &["skip", "s"],
        label: "skip",
    },
    Choice {
        decision: Decision::Undo,
        key: 'u',
        words: &["undo", "u"],
        label: "undo",
    },
    Choice {
        decision: Decision::Stop,
        key: 'q',
        words: &["q", "quit", "stop"],
        label: "stop",
    },
];

impl Decision {
    /// The decision a key stands for at the rating screen: 1-4 or a/h/g/e rate, and the keys of
    /// [`CHOICES`]. Enter (grill's suggestion) and Esc or Ctrl-C (stop) are the terminal's own.
    pub fn from_key(c: char) -> Option<Decision> {
        let lower = c.to_ascii_lowercase();
        CHOICES
            .iter()
            .find(|choice| choice.key == lower)
            .map(|choice| choice.decision)
            .or_else(|| Rating::parse(&c.to_string()).map(Decision::Rate))
    }

    /// The decision a word of piped input stands for: a grade (again, hard, good, easy, a/h/g/e
    /// or 1-4) or a word of [`CHOICES`], in any case, spaces around it allowed.
    pub fn from_word(word: &str) -> Option<Decision> {
        let w = word.trim();
        CHOICES
            .iter()
            .find(|choice| choice.words.iter().any(|x| x.eq_ignore_ascii_case(w)))
            .map(|choice| choice.decision)
            .or_else(|| Rating::parse(w).map(Decision::Rate))
    }

    /// The choices besides the grades, as the prompt lists them: `s: skip · q: stop`.
    pub fn others() -> String {
        CHOICES
            .iter()
            .map(|c| format!("{}: {}", c.key, c.label))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The words a `rating:` line may give, for messages: `again, hard, good, easy, or 1-4;
    /// skip` (stopping and going back are for the rating screen and `grill review`).
    pub fn words() -> String {
        let mut words = vec!["again, hard, good, easy, or 1-4".to_string()];
        words.extend(
            CHOICES
                .iter()
                .filter(|c| !matches!(c.decision, Decision::Stop | Decision::Undo))
                .map(|c| c.words[0].to_string()),
        );
        words.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_grades_and_the_other_choices() {
        assert_eq!(Decision::from_key('1'), Some(Decision::Rate(Rating::Again)));
        assert_eq!(Decision::from_key('h'), Some(Decision::Rate(Rating::Hard)));
        assert_eq!(Decision::from_key('G'), Some(Decision::Rate(Rating::Good)));
        assert_eq!(Decision::from_key('4'), Some(Decision::Rate(Rating::Easy)));
        assert_eq!(Decision::from_key('s'), Some(Decision::Skip));
        assert_eq!(Decision::from_key('S'), Some(Decision::Skip));
        assert_eq!(Decision::from_key('q'), Some(Decision::Stop));
        assert_eq!(Decision::from_key('U'), Some(Decision::Undo));
        assert_eq!(Decision::from_key('x'), None);
        assert_eq!(Decision::from_key('5'), None);
    }

    #[test]
    fn words_give_grades_and_the_other_choices() {
        assert_eq!(
            Decision::from_word(" Easy "),
            Some(Decision::Rate(Rating::Easy))
        );
        assert_eq!(Decision::from_word("2"), Some(Decision::Rate(Rating::Hard)));
        assert_eq!(Decision::from_word("skip"), Some(Decision::Skip));
        assert_eq!(Decision::from_word("SKIP"), Some(Decision::Skip));
        assert_eq!(Decision::from_word("q"), Some(Decision::Stop));
        assert_eq!(Decision::from_word("Undo"), Some(Decision::Undo));
        assert_eq!(Decision::from_word("superb"), None);
        assert_eq!(Decision::from_word(""), None);
    }

    #[test]
    fn every_choice_has_its_own_key_and_words() {
        for (i, a) in CHOICES.iter().enumerate() {
            assert!(a.words.contains(&a.key.to_string().as_str()), "{a:?}");
            assert!(Rating::parse(&a.key.to_string()).is_none(), "{a:?}");
            for b in &CHOICES[i + 1..] {
                assert_ne!(a.key, b.key);
                assert!(a.words.iter().all(|w| !b.words.contains(w)));
            }
        }
        assert_eq!(Decision::others(), "s: skip · u: undo · q: stop");
        assert_eq!(Decision::words(), "again, hard, good, easy, or 1-4; skip");
    }
}
