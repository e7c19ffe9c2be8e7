//! Order: a bullet that says a sequence ("Visit the left subtree, then the root, then the
//! right subtree") is contradicted by an answer that names its steps the other way round
//! ("the right subtree, then the root, then the left"): the same words, the opposite claim.
//!
//! A bullet says a sequence when "then" or "followed by" parts it into steps. Each keyword
//! that is in one step only has that step's number ([`steps`]); a keyword in several
//! ("subtree") or none tells nothing of the order. An answer reverses the bullet
//! ([`reversed`]) when, of the pairs of those keywords it meets once each in different steps,
//! more are in the opposite order than in the bullet's, and at least two are.

use rustc_hash::FxHashMap;

use super::claims::{bare, scan};

/// The words that part a bullet into steps: "then", and "by" after "followed".
fn parts_steps(words: &[&str], i: usize) -> bool {
    let w = words[i];
    w.eq_ignore_ascii_case("then")
        || (w.eq_ignore_ascii_case("by") && i > 0 && words[i - 1].eq_ignore_ascii_case("followed"))
}

/// For each of a bullet's keywords (`displays`, as written; none for a keyword to leave out),
/// its step in the sequence the bullet says, when it is in one step only; empty when the
/// bullet says no sequence.
pub fn steps<'k>(
    bullet: &str,
    displays: impl Iterator<Item = Option<&'k str>>,
) -> Vec<Option<u32>> {
    let words: Vec<&str> = scan(bullet).into_iter().map(|(w, _)| w).collect();
    let mut step = 0;
    let mut of_word: Vec<u32> = Vec::with_capacity(words.len());
    for i in 0..words.len() {
        if parts_steps(&words, i) {
            step += 1;
        }
        of_word.push(step);
    }
    // "If ..., then ..." is a condition, not a sequence.
    let first_then = words.iter().position(|w| w.eq_ignore_ascii_case("then"));
    let conditional = words[..first_then.unwrap_or(0)].iter().any(|w| {
        ["if", "when", "whenever", "once"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
    });
    if step == 0 || conditional {
        return Vec::new();
    }
    // Through a map, so that a bullet of 40,000 words stays linear: per word, its one step, or
    // none when it is in several.
    let mut step_of: FxHashMap<String, Option<u32>> = FxHashMap::default();
    for (w, &s) in words.iter().zip(&of_word) {
        step_of
            .entry(w.to_lowercase())
            .and_modify(|e| {
                if *e != Some(s) {
                    *e = None;
                }
            })
            .or_insert(Some(s));
    }
    displays
        .map(|d| step_of.get(&bare(d?).to_lowercase()).copied().flatten())
        .collect()
}

/// Whether `answer`'s prose words (`answer_words`, in order) name the bullet's steps the
/// other way round: `met` gives, for each keyword with a step (from [`steps`]), the answer's
/// word that met it, if any (not by a related sense: too loose to place a step).
pub fn reversed<'m>(
    steps: &[Option<u32>],
    met: impl Iterator<Item = Option<&'m str>>,
    answer_words: &[&str],
) -> bool {
    // Only an answer that says a sequence the bullet's way ("..., then ...") is read for its
    // order, and none that orders in words read backwards ("the root after the left subtree",
    // "finally ..., first ..."): text order is then not the steps' order.
    let says = |list: &[&str]| {
        answer_words
            .iter()
            .any(|w| list.iter().any(|l| w.eq_ignore_ascii_case(l)))
    };
    let sequence = (0..answer_words.len()).any(|i| parts_steps(answer_words, i));
    if steps.is_empty()
        || !sequence
        || says(&[
            "after",
            "before",
            "preceded",
            "precedes",
            "following",
            "follows",
            "last",
            "lastly",
            "finally",
            "first",
            "prior",
            "until",
            "once",
        ])
    {
        return false;
    }
    // Each keyword met in a step, at its one place in the answer (words by their first
    // place, and whether they come again: one pass, whatever the lengths).
    let mut place: FxHashMap<String, (usize, bool)> = FxHashMap::default();
    for (i, w) in answer_words.iter().enumerate() {
        place
            .entry(w.to_lowercase())
            .and_modify(|e| e.1 = true)
            .or_insert((i, false));
    }
    let placed: Vec<(u32, usize)> = steps
        .iter()
        .zip(met)
        .filter_map(|(&step, word)| {
            let (step, word) = (step?, bare(word?));
            match place.get(&word.to_lowercase()) {
                Some(&(at, false)) => Some((step, at)),
                _ => None,
            }
        })
        .collect();
    let (mut same, mut opposite) = (0, 0);
    for (i, a) in placed.iter().enumerate() {
        for b in &placed[i + 1..] {
            // One answer word meeting two keywords ("solve" for "solve" and "solutions")
            // tells nothing of their order.
            if a.0 == b.0 || a.1 == b.1 {
                continue;
            }
            if (a.0 < b.0) == (a.1 < b.1) {
                same += 1;
            } else {
                opposite += 1;
            }
        }
    }
    opposite >= 2 && opposite > same
}

#[cfg(test)]
mod tests {
    use super::*;

    const IN_ORDER: &str = "Visit the left subtree, then the root, then the right subtree.";

    fn check(bullet: &str, keywords: &[&str], answer: &str) -> bool {
        let s = steps(bullet, keywords.iter().map(|k| Some(*k)));
        let words: Vec<&str> = scan(answer).into_iter().map(|(w, _)| w).collect();
        // Each keyword met by itself, as written, when the answer has it.
        let met = keywords
            .iter()
            .map(|k| words.iter().find(|w| w.eq_ignore_ascii_case(k)).copied());
        reversed(&s, met, &words)
    }

    #[test]
    fn a_keyword_has_the_step_it_is_in_when_it_is_in_one() {
        let all = |k: &'static [&'static str]| k.iter().copied().map(Some);
        let s = steps(
            IN_ORDER,
            all(&["Visit", "left", "subtree", "root", "right"]),
        );
        assert_eq!(s, [Some(0), Some(0), None, Some(1), Some(2)]);
        assert_eq!(
            steps("Sort, followed by a merge.", all(&["Sort", "merge"])),
            [Some(0), Some(1)]
        );
        assert_eq!(
            steps("Sort, then merge.", [None, Some("merge")].into_iter()),
            [None, Some(1)],
            "a keyword left out has no step"
        );
        assert!(steps("Lists are mutable.", all(&["Lists"])).is_empty());
    }

    #[test]
    fn steps_named_the_other_way_round_reverse_the_bullet() {
        let kw = ["Visit", "left", "subtree", "root", "right"];
        assert!(check(
            IN_ORDER,
            &kw,
            "Visit the right subtree, then the root, then the left subtree."
        ));
        assert!(!check(IN_ORDER, &kw, IN_ORDER));
        assert!(!check(
            IN_ORDER,
            &kw,
            "In-order goes left first: the left subtree, the root, and the right subtree last."
        ));
        // One answer word for keywords of two steps places neither before the other.
        assert!(!check(
            "Divide the problem, then combine the solutions.",
            &["Divide", "problem", "combine", "solutions", "solve"],
            "solve the smaller problem, then divide"
        ));
        // One pair the other way round is not enough; a word said twice tells nothing.
        assert!(!check(
            IN_ORDER,
            &kw,
            "the root, then the left, then the right"
        ));
        assert!(!check(
            IN_ORDER,
            &kw,
            "the right subtree comes after the root, and the left before the root, so left, root, right"
        ));
    }

    #[test]
    fn a_sequence_named_the_other_way_round_contradicts_its_bullet() {
        // Issue 21: in-order traversal stated backwards scored 84, in the reference's own words.
        let bullet = ["Visit the left subtree, then the root, then the right subtree.".to_string()];
        let prompt = Some("What is in-order traversal?");
        let scorer = crate::scoring::Scorer::fixed(&[]);
        let back = scorer.score(
            prompt,
            &bullet,
            "Visit the right subtree, then the root, then the left subtree.",
        );
        assert!(
            back.bullets[0].contradicted && back.score == 0.0,
            "{back:?}"
        );
        for right in [
            "Visit the left subtree, then the root, then the right subtree.",
            "left subtree first, the root next, and the right subtree last",
        ] {
            let a = scorer.score(prompt, &bullet, right);
            assert!(
                !a.bullets[0].contradicted && a.score > 80.0,
                "{right}: {a:?}"
            );
        }
        // Right answers whose words run against the steps' order (a review found these at 0):
        // "after", "before", "finally ... first", no "then" at all; and a bullet's "if ...
        // then" is a condition, not a sequence.
        let in_order = bullet[0].as_str();
        for (bullet, right) in [
            (
                in_order,
                "The right subtree is visited last, after the root, and the root after the left subtree.",
            ),
            (
                in_order,
                "Before visiting the right subtree you visit the root, and before the root the left subtree.",
            ),
            (
                in_order,
                "Finally the right subtree; just before it the root; and first of all the left subtree.",
            ),
            (
                "Search `sys.modules`, then built-ins, then paths in `sys.path`.",
                "Paths in sys.path are searched only after the built-in modules, and built-ins only after sys.modules.",
            ),
            (
                "If the load factor exceeds a threshold, then the table is resized.",
                "The table gets resized, then it is bigger: when the load factor exceeds the threshold.",
            ),
            (
                "Write a failing test, then write code to pass it, then refactor.",
                "You refactor only after the code passes, and you write code only after writing a failing test.",
            ),
        ] {
            let a = scorer.score(None, &[bullet.to_string()], right);
            assert!(!a.bullets[0].contradicted, "{right}: {a:?}");
        }
    }
}
