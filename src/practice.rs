//! Choosing what to practise next from the history: unseen questions first, then weak ones and
//! those not seen for longest.
//!
//! PLACEHOLDER IMPLEMENTATION (unseen first, then bank order); the real rule comes with
//! `grill report`. The signature of `plan` is a contract the session's `--focus weak` uses.

use crate::bank::Bank;
use crate::history::record::SessionRecord;

/// Question ids of the chosen chapters (indices into `bank.chapters`), most in need of practice
/// first, judged from `sessions` at time `now`. Every question of those chapters appears once.
pub fn plan(
    bank: &Bank,
    chapters: &[usize],
    sessions: &[SessionRecord],
    now: jiff::Timestamp,
) -> Vec<u32> {
    let _ = now;
    let seen: std::collections::HashSet<u32> = sessions
        .iter()
        .flat_map(|s| s.items.iter().map(|i| i.question_id))
        .collect();
    let mut ids: Vec<u32> = bank
        .questions()
        .filter(|l| chapters.contains(&l.chapter_index))
        .map(|l| l.question.id)
        .collect();
    ids.sort_by_key(|id| seen.contains(id));
    ids
}
