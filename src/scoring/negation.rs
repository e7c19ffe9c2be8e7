//! Negation: a reference bullet that says "not" ("the terminals are not connected") states the
//! opposite of the same words without it, so its negation is part of what an answer must say.
//! Stopword removal would drop it and let "the terminals are connected" cover the bullet.

/// Words that negate what follows them.
const NEGATIONS: &[&str] = &[
    "cannot", "neither", "never", "no", "nobody", "nor", "not", "nothing", "nowhere",
];

/// Contractions with "n't", also as typed without the apostrophe ("dont", "isnt").
const CONTRACTIONS: &[&str] = &[
    "aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent",
    "isnt", "mustnt", "neednt", "shouldnt", "wasnt", "werent", "wont", "wouldnt",
];

/// The first negation in `text`, as written ("not", "doesn't", "didn"t"), if any.
pub fn first_negation(text: &str) -> Option<&str> {
    // Apostrophes come typed as ', ’, " or even ^ ("didn"t"), so they join a word's letters;
    // a hyphen joins a compound ("no-op" is no negation); code (`None`) is not prose.
    let joins = |c: char| matches!(c, '\'' | '’' | '"' | '^' | '-');
    text.split('`')
        .step_by(2)
        .flat_map(|prose| prose.split(move |c: char| !(c.is_alphanumeric() || joins(c))))
        .map(|w| w.trim_matches(joins))
        .find(|w| !w.contains('-') && is_negation(w))
}

fn is_negation(word: &str) -> bool {
    // "n't" however the apostrophe was typed: "isn't", "isn’t", "didn"t".
    if let Some(rest) = word.strip_suffix(['t', 'T'])
        && let Some(rest) = rest.strip_suffix(['\'', '’', '"', '^'])
        && rest.len() >= 2
        && rest.ends_with(['n', 'N'])
    {
        return true;
    }
    // Case-folded on the stack: every word of an answer may come here.
    let mut buf = [0u8; 12];
    if word.len() < 2 || word.len() > buf.len() || !word.is_ascii() {
        return false;
    }
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    let Ok(lower) = std::str::from_utf8(lower) else {
        return false;
    };
    NEGATIONS.binary_search(&lower).is_ok() || CONTRACTIONS.binary_search(&lower).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(first_negation("There is no gap."), Some("no"));
        assert_eq!(first_negation("it never returns"), Some("never"));
    }

    #[test]
    fn words_that_only_look_like_negations_are_not() {
        assert_eq!(first_negation("the terminals are connected"), None);
        assert_eq!(first_negation("`pass` is a no-op"), None);
        assert_eq!(first_negation("returns `None` and notes the knot"), None);
        assert_eq!(first_negation("the current want"), None);
        assert_eq!(first_negation(""), None);
    }
}
