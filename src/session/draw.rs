//! Choosing which questions a session asks.
//!
//! Questions are spread as evenly as possible over the chosen chapters, so that every chapter
//! in the report has data. The random generator is passed in: a seeded one makes the draw
//! reproducible (same seed, bank, chapters and count give the same questions in the same order),
//! and tests can use any seed.

use crate::words::plural;
use rand::Rng;
use rand::seq::SliceRandom;

use crate::bank::Bank;
use crate::error::{Error, Result};

/// The question ids of each chosen chapter (indices into `bank.chapters`), in bank order.
fn ids_by_chapter(bank: &Bank, chapters: &[usize]) -> Vec<Vec<u32>> {
    chapters
        .iter()
        .map(|&c| bank.chapters[c].questions.iter().map(|q| q.id).collect())
        .collect()
}

/// Checks that `n` questions can be drawn from `chapters`, or says how many there are.
pub fn check_count(bank: &Bank, chapters: &[usize], n: usize) -> Result<()> {
    if n == 0 {
        return Err(Error::input(
            "--questions 0: a session needs at least one question",
        ));
    }
    let held: usize = chapters
        .iter()
        .map(|&c| bank.chapters[c].questions.len())
        .sum();
    if n > held {
        let questions = |k: usize| format!("{k} question{}", plural(k));
        let scope = if chapters.len() == bank.chapters.len() {
            format!("the bank holds {}", questions(held))
        } else if let [c] = chapters {
            format!("chapter {} holds {}", bank.chapters[*c].id, questions(held))
        } else {
            let names: Vec<String> = chapters
                .iter()
                .map(|&c| {
                    let ch = &bank.chapters[c];
                    format!("{} {}", ch.id, ch.questions.len())
                })
                .collect();
            format!(
                "the chosen chapters hold {} ({})",
                questions(held),
                names.join(", ")
            )
        };
        // More chapters only help when some are left out.
        let more = if chapters.len() == bank.chapters.len() {
            ""
        } else {
            ", or choose more chapters"
        };
        return Err(Error::input(format!(
            "--questions {n}: {scope}; ask for {held} or fewer{more}"
        )));
    }
    Ok(())
}

/// How many questions each chapter gives: one round at a time, chapters in `priority` order,
/// skipping full chapters, until `n` are given. So counts differ by at most one unless a
/// chapter runs out. `caps` is each chapter's size; the caller has checked `n <= sum(caps)`.
fn quotas(caps: &[usize], n: usize, priority: &[usize]) -> Vec<usize> {
    let mut q = vec![0; caps.len()];
    let mut given = 0;
    while given < n {
        let before = given;
        for &c in priority {
            if given < n && q[c] < caps[c] {
                q[c] += 1;
                given += 1;
            }
        }
        if given == before {
            break; // every chapter full: cannot happen after check_count, but never loop forever
        }
    }
    q
}

/// Draws `n` questions at random without repeats, spread evenly over `chapters`, in a random
/// order.
pub fn random<R: Rng + ?Sized>(
    bank: &Bank,
    chapters: &[usize],
    n: usize,
    rng: &mut R,
) -> Result<Vec<u32>> {
    check_count(bank, chapters, n)?;
    let mut pools = ids_by_chapter(bank, chapters);
    // Which chapters get the extra question when `n` does not divide evenly is random too.
    let mut priority: Vec<usize> = (0..pools.len()).collect();
    priority.shuffle(rng);
    let caps: Vec<usize> = pools.iter().map(Vec::len).collect();
    let q = quotas(&caps, n, &priority);
    let mut drawn = Vec::with_capacity(n);
    for (pool, k) in pools.iter_mut().zip(q) {
        pool.shuffle(rng);
        drawn.extend_from_slice(&pool[..k]);
    }
    drawn.shuffle(rng);
    Ok(drawn)
}

/// Draws the first `n` questions of `order`, a ranking of every question of `chapters` (most in
/// need first, as `practice::weak` or `practice::queue` give them), in that order: the ranking
/// already spreads new questions over the chapters, and the neediest must not wait behind a
/// chapter quota.
pub fn ranked(bank: &Bank, chapters: &[usize], n: usize, order: &[u32]) -> Result<Vec<u32>> {
    check_count(bank, chapters, n)?;
    Ok(order.iter().take(n).copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::{HashMap, HashSet};

    fn chapter_counts(bank: &Bank, ids: &[u32]) -> HashMap<usize, usize> {
        let mut m = HashMap::new();
        for &id in ids {
            *m.entry(bank.find(id).unwrap().chapter_index).or_default() += 1;
        }
        m
    }

    #[test]
    fn same_seed_same_questions_in_the_same_order() {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        let a = random(&bank, &all, 10, &mut StdRng::seed_from_u64(42)).unwrap();
        let b = random(&bank, &all, 10, &mut StdRng::seed_from_u64(42)).unwrap();
        let c = random(&bank, &all, 10, &mut StdRng::seed_from_u64(43)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn no_repeats_and_spread_evenly() {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        for seed in 0..20 {
            let ids = random(&bank, &all, 13, &mut StdRng::seed_from_u64(seed)).unwrap();
            assert_eq!(ids.len(), 13);
            assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 13);
            let counts = chapter_counts(&bank, &ids);
            // 13 over 10 chapters: every chapter once, three of them twice.
            assert_eq!(counts.len(), 10, "{counts:?}");
            assert!(counts.values().all(|&k| k == 1 || k == 2), "{counts:?}");
        }
        // Two chosen chapters: only those, five each.
        let ids = random(&bank, &[2, 6], 10, &mut StdRng::seed_from_u64(1)).unwrap();
        let counts = chapter_counts(&bank, &ids);
        assert_eq!(counts.get(&2), Some(&5));
        assert_eq!(counts.get(&6), Some(&5));
    }

    #[test]
    fn a_small_chapter_gives_all_it_has_and_the_rest_come_from_others() {
        assert_eq!(quotas(&[2, 10, 10], 12, &[0, 1, 2]), vec![2, 5, 5]);
        assert_eq!(quotas(&[3, 3], 6, &[1, 0]), vec![3, 3]);
        assert_eq!(quotas(&[5, 5, 5], 4, &[2, 0, 1]), vec![1, 1, 2]);
    }

    #[test]
    fn too_many_questions_says_how_many_there_are() {
        let bank = Bank::embedded();
        let n = bank.chapters[0].questions.len();
        let err = random(&bank, &[0], n + 1, &mut StdRng::seed_from_u64(0))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "chapter {} holds {n} questions",
                bank.chapters[0].id
            )),
            "{err}"
        );
        let two = bank.chapters[0].questions.len() + bank.chapters[1].questions.len();
        let err = random(&bank, &[0, 1], two + 1, &mut StdRng::seed_from_u64(0))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!("chosen chapters hold {two} questions")),
            "{err}"
        );
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        let err = random(&bank, &all, 9999, &mut StdRng::seed_from_u64(0))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains(&format!(
                "the bank holds {} questions",
                bank.question_count()
            )),
            "{err}"
        );
        assert!(random(&bank, &all, 0, &mut StdRng::seed_from_u64(0)).is_err());
    }

    #[test]
    fn ranked_takes_the_first_of_the_ranking_in_order() {
        let bank = Bank::embedded();
        let c0: Vec<u32> = bank.chapters[0].questions.iter().map(|q| q.id).collect();
        let order: Vec<u32> = c0.iter().rev().copied().collect();
        let ids = ranked(&bank, &[0], 3, &order).unwrap();
        assert_eq!(ids, order[..3]);
        assert!(ranked(&bank, &[0], c0.len() + 1, &order).is_err());
    }
}
