//! What the scorer says of an answer as a whole, where its reading is a guess a reader should
//! check (`Assessment::notes`, shown under the evidence in every view and in `--json`): a bare
//! list of terms ([`super::lists`]), bullets read as said the other way round (a contradiction
//! is told from words alone: [`super::claims`], [`super::order`]), and an answer met mostly by
//! related senses ([`super::related`]), which may not mean the same in the question's sense.

use super::assessment::{BulletAssessment, MatchKind};
use super::lists;

/// The least number of keywords met by related senses that can make most of an answer's
/// matches worth a note: one or two are a word chosen differently, not a reading to check.
const RELATED_NOTE_MIN: usize = 3;

/// The notes for an answer whose bullets came out as `bullets`; `list` when it was read as a
/// bare list of terms.
pub fn of(list: bool, bullets: &[BulletAssessment]) -> Vec<String> {
    let mut notes = Vec::new();
    if list {
        notes.push(lists::LIST_NOTE.to_string());
    }
    let turned: Vec<String> = bullets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.contradicted)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !turned.is_empty() {
        notes.push(format!(
            "{} {} read as said the other way round, a guess from the wording: check {} against the reference",
            if turned.len() == 1 { "bullet" } else { "bullets" },
            crate::words::and_list(&turned),
            if turned.len() == 1 { "it" } else { "them" },
        ));
    }
    let matched = bullets.iter().flat_map(|b| &b.matched);
    let related = matched
        .clone()
        .filter(|m| m.how == MatchKind::Related)
        .count();
    if related >= RELATED_NOTE_MIN && 2 * related >= matched.count() {
        notes.push(
            "most words met are related senses (~), not the reference's own: check they mean the same here"
                .to_string(),
        );
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::assessment::KeywordMatch;

    fn bullet(contradicted: bool, how: &[MatchKind]) -> BulletAssessment {
        BulletAssessment {
            bullet: "b".into(),
            coverage: 0.5,
            weight: 0.5,
            opposite: false,
            contradicted,
            wording: None,
            matched: how
                .iter()
                .map(|&how| KeywordMatch {
                    keyword: "k".into(),
                    word: "w".into(),
                    how,
                })
                .collect(),
            missed: Vec::new(),
        }
    }

    #[test]
    fn a_guess_a_reader_should_check_gets_a_note() {
        use MatchKind::{Exact, Related};
        assert!(of(false, &[bullet(false, &[Exact, Exact])]).is_empty());
        assert_eq!(of(true, &[])[0], lists::LIST_NOTE);
        let turned = of(false, &[bullet(true, &[Exact]), bullet(false, &[Exact])]);
        assert_eq!(
            turned,
            [
                "bullet 1 read as said the other way round, a guess from the wording: check it against the reference"
            ]
        );
        let both = of(
            false,
            &[bullet(true, &[]), bullet(false, &[]), bullet(true, &[])],
        );
        assert!(
            both[0].starts_with("bullets 1 and 3 read")
                && both[0].ends_with("check them against the reference")
        );
        // Most matches by related senses, and enough of them to be a reading, not a word.
        let related = |r: usize, e: usize| {
            let how: Vec<MatchKind> = std::iter::repeat_n(Related, r)
                .chain(std::iter::repeat_n(Exact, e))
                .collect();
            of(false, &[bullet(false, &how)]).len()
        };
        assert_eq!((related(3, 3), related(3, 4), related(2, 0)), (1, 0, 0));
    }

    #[test]
    fn the_scorer_notes_a_contradiction_in_its_assessment() {
        let s = crate::scoring::Scorer::fixed(&[]);
        let bullets = ["Sets use hash tables to store unique elements.".to_string()];
        let a = s.score(
            None,
            &bullets,
            "Sets do not use hash tables and cannot store unique elements.",
        );
        assert!(a.bullets[0].contradicted);
        assert!(
            a.notes
                .iter()
                .any(|n| n.starts_with("bullet 1 read as said the other way round"))
        );
        let a = s.score(
            None,
            &bullets,
            "Sets use hash tables to store unique elements.",
        );
        assert!(a.notes.is_empty());
    }
}
