//! From parsed lines to output lines: the scorers and prepared references shared by the lines
//! (each made once, on the calling thread), a job per line, and the jobs scored on this thread
//! or handed to the pool's threads.
//!
//! What a line's score depends on is the line alone (and `--bank`): a bank question is scored
//! with the bank's scorer, an inline reference with a scorer of fixed weights knowing that
//! reference's words ([`Scorer::knowing`]). What is kept between lines is only a cache.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::Value;

use super::input::{Parsed, Source};
use super::output;
use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::scoring::{Reference, Scorer};

/// The scoring state shared by the lines: scorers and prepared references, each made once.
/// Shared (`Arc`) with the lines that use them, so chunks already handed to the threads are
/// scored while the next chunk's lines find theirs.
pub(super) struct Prepared {
    /// Whether `--bank` gave the bank; else it is the embedded one.
    given: bool,
    bank: Option<Bank>,
    bank_scorer: Option<Arc<Scorer>>,
    /// Where each of the bank's questions is (chapter, question), so that the first line of
    /// each question finds it at once: `Bank::find` walks the bank, which over many distinct
    /// questions of a large bank is quadratic.
    at: FxHashMap<u32, (usize, usize)>,
    /// The scorer of fixed weights for inline references (with `--bank`'s synonyms), made at
    /// the first inline line.
    inline_scorer: Option<Scorer>,
    by_question: FxHashMap<u32, Arc<Reference>>,
    /// Inline references met lately, each with its scorer, prepared: a cache of at most
    /// `INLINE_CACHE` references (emptied when full), so memory does not grow with the input.
    by_inline: HashMap<InlineKey, Ready>,
}

/// An inline reference as a line gives it: bullets, their other wordings, the prompt.
type InlineKey = (Vec<String>, BTreeMap<u32, Vec<String>>, Option<String>);

/// A scorer and a reference it prepared.
type Ready = (Arc<Scorer>, Arc<Reference>);

/// How many prepared inline references are kept for the lines that repeat them.
const INLINE_CACHE: usize = 4096;

/// What to do with one line once its reference is known.
pub(super) enum Job {
    Score {
        id: Value,
        answer: String,
        scorer: Arc<Scorer>,
        reference: Arc<Reference>,
    },
    Fail {
        id: Value,
        error: String,
    },
}

impl Prepared {
    /// Nothing prepared yet but the bank when `--bank` gave one (for its synonyms): otherwise
    /// the embedded one is loaded when a line names a question, so a batch of inline
    /// references starts fast.
    pub(super) fn new(bank: Option<&Bank>) -> Result<Prepared> {
        let mut prepared = Prepared {
            given: bank.is_some(),
            bank: bank.cloned(),
            bank_scorer: None,
            at: FxHashMap::default(),
            inline_scorer: None,
            by_question: FxHashMap::default(),
            by_inline: HashMap::new(),
        };
        if prepared.given {
            prepared.load_bank();
        }
        Ok(prepared)
    }

    /// Loads the bank (the embedded one unless `--bank` gave one), its scorer and the place of
    /// each question.
    fn load_bank(&mut self) {
        let bank = self.bank.take().unwrap_or_else(Bank::embedded);
        self.bank_scorer = Some(Arc::new(Scorer::for_bank(&bank)));
        for (c, chapter) in bank.chapters.iter().enumerate() {
            for (i, q) in chapter.questions.iter().enumerate() {
                // Ids are unique in a bank that loaded; the first wins, as with `find`.
                self.at.entry(q.id).or_insert((c, i));
            }
        }
        self.bank = Some(bank);
    }

    /// The scorer of inline references, made at the first: fixed weights, and the synonyms of
    /// `--bank` when it is given (loaded then), never those of a bank loaded because some other
    /// line names a question.
    fn inline_scorer(&mut self) -> &Scorer {
        let synonyms: &[Vec<String>] = match (self.given, &self.bank) {
            (true, Some(bank)) => &bank.synonyms,
            _ => &[],
        };
        self.inline_scorer
            .get_or_insert_with(|| Scorer::fixed(synonyms))
    }

    /// A chunk's lines made into jobs, in input order (none for a blank line).
    pub(super) fn jobs(&mut self, parsed: Vec<Option<Parsed>>) -> Result<Vec<Option<Job>>> {
        parsed
            .into_iter()
            .map(|p| p.map(|p| self.job(p)).transpose())
            .collect()
    }

    /// Finds or prepares the reference of a parsed line (loading the bank at the first line
    /// that names a question).
    fn job(&mut self, parsed: Parsed) -> Result<Job> {
        let item = match parsed {
            Ok(item) => item,
            Err((id, error)) => return Ok(Job::Fail { id, error }),
        };
        let line = item.line;
        let prepared = match item.source {
            Source::Question(q) => self.question(q, line)?,
            Source::Inline {
                reference,
                alternatives,
                prompt,
            } => self.inline((reference, alternatives, prompt), line),
        };
        Ok(match prepared {
            Ok((scorer, reference)) => Job::Score {
                id: item.id,
                answer: item.answer,
                scorer,
                reference,
            },
            Err(error) => Job::Fail { id: item.id, error },
        })
    }

    /// The bank's scorer and question `q` prepared, or why the line cannot be scored.
    fn question(&mut self, q: u32, line: usize) -> Result<Found> {
        if self.bank_scorer.is_none() {
            self.load_bank();
        }
        let (Some(bank), Some(scorer)) = (&self.bank, &self.bank_scorer) else {
            unreachable!("the bank was just loaded")
        };
        let reference = match self.by_question.get(&q) {
            Some(r) => Arc::clone(r),
            None => match self.at.get(&q) {
                Some(&(c, i)) => {
                    let question = &bank.chapters[c].questions[i];
                    let r = scorer.prepare(Some(&question.prompt), &question.bullets);
                    let r = Arc::new(r);
                    self.by_question.insert(q, Arc::clone(&r));
                    r
                }
                None => {
                    return Ok(Err(format!(
                        "line {line}: no question {q} in the bank \"{}\" (see `grill bank list`)",
                        bank.title
                    )));
                }
            },
        };
        Ok(Ok((Arc::clone(scorer), reference)))
    }

    /// An inline reference's scorer and the reference prepared, or why the line cannot be
    /// scored.
    fn inline(&mut self, key: InlineKey, line: usize) -> Found {
        let (scorer, r) = match self.by_inline.get(&key) {
            Some((s, r)) => (Arc::clone(s), Arc::clone(r)),
            None => {
                let scorer = Arc::new(self.inline_scorer().knowing_wordings(&key.0, &key.1));
                let r = Arc::new(scorer.prepare(key.2.as_deref(), &key.0));
                if self.by_inline.len() >= INLINE_CACHE {
                    self.by_inline.clear();
                }
                self.by_inline
                    .insert(key, (Arc::clone(&scorer), Arc::clone(&r)));
                (scorer, r)
            }
        };
        // A bullet with nothing to score just weighs nothing; only a reference with nothing to
        // score at all cannot give a score that means anything.
        if r.is_empty() {
            return Err(format!(
                "line {line}: the reference has no words to score against (every bullet is stopwords)"
            ));
        }
        Ok((scorer, r))
    }
}

/// A line's scorer and prepared reference, or the line's error.
type Found = std::result::Result<(Arc<Scorer>, Arc<Reference>), String>;

/// One line's output bytes, and its error when it could not be scored.
pub(super) type Scored = (Vec<u8>, Option<String>);

/// Each line's output bytes and error, in input order (none for a blank line).
pub(super) type Outputs = Vec<Option<Scored>>;

/// Scores one line; its output line, and its error if it has one.
fn score_line(job: Job) -> Scored {
    match job {
        Job::Fail { id, error } => (output::error_line(&id, &error), Some(error)),
        Job::Score {
            id,
            answer,
            scorer,
            reference,
        } => {
            let a = scorer.assess(&reference, &answer);
            (output::scored_line(&id, &a), None)
        }
    }
}

/// Scores a chunk's jobs on this thread.
pub(super) fn score_all(jobs: Vec<Option<Job>>) -> Outputs {
    jobs.into_iter().map(|j| j.map(score_line)).collect()
}

/// Hands a chunk's jobs to the pool, whose threads share its lines (and those of the other
/// chunk in flight) by work stealing; the results come back over a channel.
pub(super) fn launch(pool: &rayon::ThreadPool, jobs: Vec<Option<Job>>) -> mpsc::Receiver<Outputs> {
    let (tx, rx) = mpsc::channel();
    pool.spawn(move || {
        let outputs: Outputs = jobs.into_par_iter().map(|j| j.map(score_line)).collect();
        // The receiver is gone only when the batch already failed.
        let _ = tx.send(outputs);
    });
    rx
}

/// The threads for `--jobs N`; none for one job, which scores on this thread.
pub(super) fn thread_pool(jobs: usize) -> Result<Option<rayon::ThreadPool>> {
    if jobs <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map(Some)
        .map_err(|e| Error::input(format!("--jobs {jobs}: cannot start threads ({e})")))
}
