//! Claims, not words: an answer that meets a bullet's words but says the opposite ("`is`
//! does not check identity" for "`is` checks identity", "sets use hash tables" for "sets do
//! not use hash tables") **contradicts** it. A contradicted bullet is met by nothing and costs
//! the score `CONTRADICTION_COST` of its weight, so a wrong claim in the reference's words
//! scores below saying nothing about it; the evidence shows it as contradicted.
//!
//! Telling a contradiction from words is guesswork, so the test is strict, and ordinary
//! matching keeps its own negation rule ([`super::negation`]): a bullet is contradicted only
//! when the answer meets at least `CLAIM_COVER` of its keyword weight, and
//! - the bullet negates ("the terminals are not connected") and no sentence of the answer that
//!   holds those words negates anything ("the terminals are connected"); or
//! - the bullet does not negate and at least half the weight the answer meets is said the
//!   other way round: negated (in a negated part of a clause, and nowhere un-negated) where the
//!   bullet states it ("Sets do not use hash tables"), or stated where the bullet negates it
//!   with "without" ("Maintains references without preventing garbage collection").
//!
//! A negation negates the rest of its clause (up to a comma, a full stop, a semicolon, a colon
//! or a word of contrast: "but", "however", "although", "whereas", "instead", "rather", "yet",
//! "though"), not what came before it: "Terminal 4 is connected and it is not separated by a
//! gap" negates "separated" and "gap" only. "not only", "not all", "not every", "not always"
//! and "not just" negate nothing (they limit a claim, not deny it); "without", "never", "no
//! longer", "cannot" and "none of" do, and two negations in a row cancel ("never not").
//!
//! The steps: assessing an answer, per keyword [`Claim::add`], per bullet
//! [`Claim::contradicted`], reading the answer once ([`Polarity::of`]) only when a bullet is
//! met enough to ask.

use rustc_hash::FxHashMap;

use super::negation::{is_negation, none_of};

/// The share of a contradicted bullet's weight taken off the pooled share of the reference.
pub const CONTRADICTION_COST: f64 = 0.5;

/// The least share of a bullet's keyword weight an answer must meet to contradict it: it must
/// make the same claim, the other way round.
pub const CLAIM_COVER: f64 = 0.75;

/// What an answer's keywords met of one bullet: the weight of all, and each word met with its
/// keyword's weight.
#[derive(Debug, Default)]
pub struct Claim {
    all: f64,
    /// Each word met, its keyword's weight and whether the bullet negates the keyword.
    met: Vec<(String, f64, bool)>,
}

impl Claim {
    /// A keyword of `weight`, which the bullet negates or not (`negated`: see [`scope`]), met
    /// by the answer's `word` (as written) or not.
    pub fn add(&mut self, weight: f64, negated: bool, word: Option<&str>) {
        self.all += weight;
        if let Some(w) = word {
            self.met.push((w.to_string(), weight, negated));
        }
    }

    /// Whether the answer contradicts the bullet (see the module's doc); `negates`: whether the
    /// bullet says a negation; `polarity`: the answer read, asked for only when needed.
    pub fn contradicted<'p>(&self, negates: bool, polarity: impl FnOnce() -> &'p Polarity) -> bool {
        let got: f64 = self.met.iter().map(|m| m.1).sum();
        if self.all <= 0.0 || got < CLAIM_COVER * self.all {
            return false;
        }
        let p = polarity();
        if negates {
            !self.met.iter().any(|(w, _, _)| p.in_negating_sentence(w))
        } else {
            let flipped: f64 = self
                .met
                .iter()
                .filter(|(w, _, negated)| p.only_negated(w) != *negated)
                .map(|m| m.1)
                .sum();
            flipped >= 0.5 * got
        }
    }
}

/// For each of a bullet's keywords (`displays`, as written), whether the bullet negates it;
/// and whether the bullet negates anything ("not just" does not).
pub fn scope<'k>(bullet: &str, displays: impl Iterator<Item = &'k str>) -> (Vec<bool>, bool) {
    let p = Polarity::of(bullet);
    let negated = displays.map(|d| p.only_negated(d)).collect();
    (negated, p.negating.iter().any(|&n| n))
}

/// An answer's prose words (code in backticks left out), each with whether a negation before
/// it in its clause negates it and the sentence it is in; and which sentences negate anything.
#[derive(Debug, Default)]
pub struct Polarity {
    /// Each word (lowercase): whether every occurrence is negated, and whether one is in a
    /// sentence that negates something. A map, so a bullet of 40,000 words stays linear.
    words: FxHashMap<String, (bool, bool)>,
    negating: Vec<bool>,
}

/// Whether a word is "without", or a typo of it ("wihtout").
fn is_without(word: &str) -> bool {
    (6..=8).contains(&word.len())
        && (word.eq_ignore_ascii_case("without")
            || super::typos::is_typo("without", &word.to_ascii_lowercase()))
}

/// Whether a word turns a clause round ("but it is").
fn is_contrast(word: &str) -> bool {
    [
        "but", "however", "although", "though", "whereas", "instead", "rather", "yet",
    ]
    .iter()
    .any(|c| c.eq_ignore_ascii_case(word))
}

impl Polarity {
    /// Reads `text`'s claims.
    pub fn of(text: &str) -> Polarity {
        let mut p = Polarity {
            words: FxHashMap::default(),
            negating: vec![false],
        };
        let mut words: Vec<(String, bool, usize)> = Vec::new();
        let tokens = scan(text);
        let (mut negated, mut since) = (false, usize::MAX);
        for (i, (w, stop)) in tokens.iter().enumerate() {
            match stop {
                Stop::Sentence => {
                    p.negating.push(false);
                    (negated, since) = (false, usize::MAX);
                }
                Stop::Clause => (negated, since) = (false, usize::MAX),
                Stop::None => {}
            }
            if is_contrast(w) {
                (negated, since) = (false, usize::MAX);
            }
            let next = tokens.get(i + 1).filter(|t| t.1 == Stop::None);
            let not_only = next.is_some_and(|n| {
                ["only", "all", "every", "always", "just", "necessarily"]
                    .iter()
                    .any(|q| n.0.eq_ignore_ascii_case(q))
            });
            let negation = (is_negation(w) && !not_only)
                || is_without(w)
                || next.is_some_and(|n| none_of(w, &n.0));
            let sentence = p.negating.len() - 1;
            if negation {
                // Two in a row cancel: "never not", "not without".
                negated = !(negated && since == 0);
                since = 0;
                p.negating[sentence] = true;
                continue;
            }
            since = since.saturating_add(1);
            words.push((w.to_lowercase(), negated, sentence));
        }
        for (w, negated, sentence) in words {
            let in_negating = p.negating[sentence];
            let e = p.words.entry(w).or_insert((true, false));
            e.0 &= negated;
            e.1 |= in_negating;
        }
        p
    }

    /// Whether `word` (as written, any case) occurs, every time negated.
    pub fn only_negated(&self, word: &str) -> bool {
        self.find(word).is_some_and(|e| e.0)
    }

    /// Whether `word` occurs in a sentence that negates something.
    pub fn in_negating_sentence(&self, word: &str) -> bool {
        self.find(word).is_some_and(|e| e.1)
    }

    /// What is known of `word`, or of a phrase's last word ("global interpreter lock"), or of
    /// a code name's prose form (`@property` as "property").
    fn find(&self, word: &str) -> Option<&(bool, bool)> {
        let last = word.split_whitespace().last().unwrap_or(word);
        let bare = last.trim_matches(|c: char| !c.is_alphanumeric());
        self.words.get(&bare.to_lowercase())
    }
}

/// What came before a word: nothing, the end of a clause or of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stop {
    None,
    Clause,
    Sentence,
}

/// The prose words of `text` (code in backticks left out), each with what ended before it.
fn scan(text: &str) -> Vec<(String, Stop)> {
    let mut out = Vec::new();
    let (mut word, mut stop, mut code) = (String::new(), Stop::None, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let part = c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && !word.is_empty());
        if part && !code {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push((std::mem::take(&mut word), stop));
            stop = Stop::None;
        }
        let spaced = chars.peek().is_none_or(|n| n.is_whitespace());
        match c {
            '`' => code = !code,
            _ if code => {}
            '.' | '!' | '?' if spaced => stop = Stop::Sentence,
            ';' | '\n' => stop = Stop::Sentence,
            ',' | ':' | '(' | ')' if stop == Stop::None => stop = Stop::Clause,
            _ => {}
        }
    }
    if !word.is_empty() && !code {
        out.push((word, stop));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(met: &[(&str, f64)], all: f64) -> Claim {
        Claim {
            all,
            met: met
                .iter()
                .map(|(w, x)| (w.to_string(), *x, false))
                .collect(),
        }
    }

    #[test]
    fn a_negation_negates_the_rest_of_its_clause() {
        let p = Polarity::of("Sets do not use hash tables, and store elements");
        assert!(p.only_negated("tables") && p.only_negated("use"));
        assert!(!p.only_negated("Sets") && !p.only_negated("store"));
        let p = Polarity::of("Terminal 4 is connected and it is not separated by a gap");
        assert!(!p.only_negated("connected") && p.only_negated("gap"));
        let p = Polarity::of("it is not a copy but a view; never not sorted");
        assert!(p.only_negated("copy") && !p.only_negated("view"));
        assert!(!p.only_negated("sorted"));
        let p = Polarity::of("not only lists, runs without a lock, none of the tools");
        assert!(!p.only_negated("lists") && p.only_negated("lock") && p.only_negated("tools"));
        assert!(!Polarity::of("not every object can").only_negated("object"));
        assert!(Polarity::of("copies wihtout data").only_negated("data"));
        // Code in backticks is not prose.
        assert!(Polarity::of("never `x`").find("x").is_none());
    }

    #[test]
    fn a_sentence_that_negates_anything_is_told_apart() {
        let p = Polarity::of("The bulb is lit. The terminals are not connected");
        assert!(!p.in_negating_sentence("bulb") && p.in_negating_sentence("terminals"));
    }

    #[test]
    fn a_claim_met_the_other_way_contradicts_its_bullet() {
        let stated = Polarity::of("the terminals are connected");
        let denied = Polarity::of("the terminals are not connected");
        let met = claim(&[("terminals", 1.0), ("connected", 1.0)], 2.0);
        // A bullet that negates, met by an answer that does not.
        assert!(met.contradicted(true, || &stated));
        assert!(!met.contradicted(true, || &denied));
        // A bullet that does not negate, met by an answer that negates half of it.
        assert!(met.contradicted(false, || &denied));
        assert!(!met.contradicted(false, || &stated));
        // Too little of the bullet met to tell: nothing is read.
        let little = claim(&[("terminals", 1.0)], 2.0);
        assert!(!little.contradicted(true, || unreachable!()));
        // What the bullet negates with "without", stated.
        let bullet = "references without preventing collection";
        assert_eq!(
            scope(
                bullet,
                ["references", "preventing", "collection"].into_iter()
            ),
            (vec![false, true, true], true)
        );
        assert!(!scope("coverage, not just percentages", std::iter::empty()).1);
        let mut c = Claim::default();
        for (w, n) in [
            ("references", false),
            ("preventing", true),
            ("collection", true),
        ] {
            c.add(1.0, n, Some(w));
        }
        let keeps = Polarity::of("references that keep objects alive, preventing collection");
        let lets = Polarity::of("references without preventing collection");
        assert!(c.contradicted(false, || &keeps));
        assert!(!c.contradicted(false, || &lets));
    }
}
