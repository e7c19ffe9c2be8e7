//! Alternatives in the reference: a bank's bullet may list other wordings of itself
//! (`bank::Question::alternatives`: "takes a function as an argument or returns one" for
//! "Accepts or returns functions"), where a candidate's natural words differ from the guide's.
//! Each wording is prepared as a bullet of its own keywords, and an answer meets the bullet by
//! whichever of them it meets best ([`best`]); the bullet keeps its own weight in the score, so
//! alternatives add ways to meet an idea, never weight.
//!
//! The steps: building a bank's scorer, [`of_bank`] (each bullet's text to its wordings);
//! preparing a question, the scorer prepares each wording beside its bullet; assessing an
//! answer, [`best`] picks the tally that covers most.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::bank::Bank;

/// A bank's alternative wordings, by the text of the bullet they word another way. By text,
/// so every way a bank question reaches the scorer (`prepare` with its bullets) finds them;
/// two questions with the same bullet share its wordings.
pub type Wordings = FxHashMap<String, Vec<String>>;

/// Every bullet of `bank` with alternative wordings, by its text.
pub fn of_bank(bank: &Bank) -> Wordings {
    let mut out = Wordings::default();
    for l in bank.questions() {
        add(&mut out, &l.question.bullets, &l.question.alternatives);
    }
    out
}

/// Adds to `out` the `alternatives` of `bullets` (by bullet number, from 1, as a bank question
/// keeps them: an inline reference of a batch line gives them so too).
pub fn add(out: &mut Wordings, bullets: &[String], alternatives: &BTreeMap<u32, Vec<String>>) {
    for (&n, wordings) in alternatives {
        let Some(bullet) = (n as usize).checked_sub(1).and_then(|i| bullets.get(i)) else {
            continue;
        };
        let entry: &mut Vec<String> = out.entry(bullet.clone()).or_default();
        for w in wordings {
            if !entry.contains(w) {
                entry.push(w.clone());
            }
        }
    }
}

/// The index of the best of a bullet's tallies (its own first, then its wordings'), by the
/// share each covers: the first of equals, so the bullet's own wins a tie.
pub fn best(coverages: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (i, c) in coverages.enumerate() {
        if c > best.1 {
            best = (i, c);
        }
    }
    best.0
}

/// The tally at `pick` of a bullet's tallies (its own first), as the bullet's evidence: what
/// the answer met of that wording (named, `wordings` being the bullet's), and as missed only
/// the bullet's own words it met in no wording, since the candidate sees the bullet.
pub(super) fn shown(
    mut tallies: Vec<super::Tally>,
    pick: usize,
    wordings: &[super::PreparedBullet],
) -> super::Tally {
    if pick == 0 {
        return tallies.swap_remove(0);
    }
    let own = std::mem::take(&mut tallies[0].missed);
    let mut tally = tallies.swap_remove(pick);
    tally.missed = own
        .into_iter()
        .filter(|k| {
            !tally
                .matched
                .iter()
                .any(|m| m.keyword.eq_ignore_ascii_case(k))
        })
        .collect();
    // Say which wording: its words are not the bullet's, and "matched: classes" under a
    // bullet without "classes" reads as a mistake.
    tally.wording = wordings.get(pick - 1).map(|w| w.text.clone());
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordings_are_found_by_their_bullets_text() {
        let bank = crate::bank::text::parse(
            "# a: A\nQ1. Why?\n- Accepts or returns functions.\n  | takes a function or returns one\n  | a function that works on functions\n- Other.\n",
            "b.txt",
        )
        .unwrap();
        let w = of_bank(&bank);
        assert_eq!(w.len(), 1);
        assert_eq!(
            w["Accepts or returns functions."],
            [
                "takes a function or returns one",
                "a function that works on functions"
            ]
        );
    }

    #[test]
    fn an_answer_in_another_wording_meets_the_bullet() {
        let text = "# a: A\nQ1. What is a higher-order function?\n- Accepts or returns functions.\n  | takes a function as an argument or gives one back\n";
        let with = crate::bank::text::parse(text, "b.txt").unwrap();
        let mut without = with.clone();
        without.chapters[0].questions[0].alternatives.clear();
        let answer = "it takes a function as an argument, or gives one back";
        let q = &with.chapters[0].questions[0];
        let score = |bank: &Bank| {
            crate::scoring::Scorer::for_bank(bank)
                .score(Some(&q.prompt), &q.bullets, answer)
                .score
        };
        let (a, b) = (score(&with), score(&without));
        assert!(a > 90.0 && a > b + 30.0, "with {a}, without {b}");
        // The evidence names the wording it met: its words are not the bullet's.
        let met =
            crate::scoring::Scorer::for_bank(&with).score(Some(&q.prompt), &q.bullets, answer);
        assert_eq!(
            met.bullets[0].wording.as_deref(),
            Some("takes a function as an argument or gives one back")
        );
        // The bullet's own words still meet it in full, and then no wording is named.
        let own = crate::scoring::Scorer::for_bank(&with).score(
            Some(&q.prompt),
            &q.bullets,
            "accepts or returns functions",
        );
        assert_eq!(own.score, 100.0);
        assert_eq!(own.bullets[0].wording, None);
    }

    #[test]
    fn the_best_tally_wins_and_the_bullets_own_wins_a_tie() {
        assert_eq!(best([0.2, 0.9, 0.5].into_iter()), 1);
        assert_eq!(best([0.5, 0.5].into_iter()), 0);
        assert_eq!(best(std::iter::once(0.0)), 0);
    }

    #[test]
    fn another_wording_never_hides_a_contradiction_or_shows_its_own_words() {
        let text = "# a: A\nQ1. What does continue do?\n- `continue` skips to the next loop iteration.\n  | continue jumps to the next iteration of the loop\n- `break` exits the loop.\n";
        let bank = crate::bank::text::parse(text, "b.txt").unwrap();
        let q = &bank.chapters[0].questions[0];
        let scorer = crate::scoring::Scorer::for_bank(&bank);
        let a = scorer.score(
            Some(&q.prompt),
            &q.bullets,
            "continue does not skip to the next loop iteration; it jumps out of the loop",
        );
        assert!(a.bullets[0].contradicted, "{a:?}");
        assert_eq!(a.bullets[0].coverage, 0.0);
        // Met by the other wording: the words shown missing are the bullet's own.
        let a = scorer.score(
            Some(&q.prompt),
            &q.bullets,
            "it jumps to the next iteration",
        );
        assert!(a.bullets[0].coverage > 0.5, "{a:?}");
        for m in &a.bullets[0].missed {
            assert!(
                q.bullets[0].to_lowercase().contains(&m.to_lowercase()),
                "{m}"
            );
        }
    }
}
