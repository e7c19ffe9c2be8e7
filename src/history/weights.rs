//! The candidate's own FSRS weights: the 21 weights `grill schedule --optimize` fitted to the
//! review log and the candidate chose to keep, stored in the database's `meta` table (key
//! [`KEY`], a JSON document with its version, [`Weights`]), and the one place every scheduler
//! of grill is made from ([`Store::scheduler`], and [`scheduler_in`] inside a write).
//!
//! The cards the database keeps are worked out with these weights, so changing them (or going
//! back to the defaults) makes every card of the history again, in the same transaction
//! ([`Store::set_weights`]).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fsrs::{DEFAULT_RETENTION, Scheduler};

use super::{Store, db, write};

/// The `meta` key the weights are kept under.
pub const KEY: &str = "fsrs_weights";

/// The version of the stored document; fields may be added, never renamed or removed.
pub const WEIGHTS_FORMAT: u32 = 1;

/// How well a set of weights predicted the held-out reviews (`fsrs::ModelEvaluation`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// Log loss of the predicted recalls (fsrs weighs recent reviews more); lower is better.
    pub log_loss: f64,
    /// RMSE between predicted and actual recall over fsrs's bins; lower is better.
    pub rmse_bins: f64,
}

/// The weights kept, with what they were fitted on and how they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// [`WEIGHTS_FORMAT`].
    pub format: u32,
    /// w0..w20, in FSRS-6's order.
    pub weights: Vec<f64>,
    /// When they were fitted.
    pub fitted_at: jiff::Timestamp,
    /// The bank whose review log they were fitted on.
    pub bank: String,
    /// Rated answers in that log.
    pub reviews: usize,
    /// Reviews (a day or more after the question's previous answer) they were fitted on.
    pub trained_on: usize,
    /// Reviews of the held-out questions they were tested on.
    pub tested_on: usize,
    /// The defaults on the held-out reviews.
    pub default: Fit,
    /// These weights on the held-out reviews.
    pub fitted: Fit,
}

impl Weights {
    /// The 21 weights, checked: `None` when there are not 21 or one is outside what fsrs fits.
    pub fn array(&self) -> Option<[f64; 21]> {
        let w: [f64; 21] = self.weights.as_slice().try_into().ok()?;
        crate::fsrs::out_of_range(&w).is_none().then_some(w)
    }
}

/// What is wrong with a stored document, said with what to do.
fn unusable(path: &std::path::Path, what: &str) -> Error {
    Error::Failed(format!(
        "{}: the stored FSRS weights ({KEY} in its meta table) {what}; \
         `grill schedule --optimize --reset` goes back to the default weights",
        path.display()
    ))
}

/// The weights stored in `conn`, if any; a document this grill cannot use is an error (a newer
/// grill's is refused, not misread).
pub(super) fn read(conn: &Connection, path: &std::path::Path) -> Result<Option<Weights>> {
    let value: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [KEY], |r| r.get(0))
        .optional()
        .map_err(|e| db::failed(path, &e))?;
    let Some(value) = value else {
        return Ok(None);
    };
    let format = serde_json::from_str::<serde_json::Value>(&value)
        .ok()
        .and_then(|v| v.get("format")?.as_u64());
    if format.is_some_and(|f| f > u64::from(WEIGHTS_FORMAT)) {
        return Err(unusable(
            path,
            &format!(
                "were written by a newer grill (format {}; this grill reads {WEIGHTS_FORMAT}); \
                 upgrade grill to use them",
                format.unwrap_or_default()
            ),
        ));
    }
    let weights: Weights = serde_json::from_str(&value)
        .map_err(|e| unusable(path, &format!("cannot be read ({e})")))?;
    if weights.array().is_none() {
        return Err(unusable(path, "are not 21 numbers within FSRS-6's ranges"));
    }
    Ok(Some(weights))
}

/// The scheduler a write works out cards with: the stored weights, else the defaults, at the
/// default retention (cards are kept at it; other retentions retime them when read). Weights it
/// cannot use count as the defaults here, so a save never fails over them (and a typed answer
/// is never lost); the commands refuse them up front ([`Store::scheduler`]).
pub(super) fn scheduler_in(conn: &Connection, path: &std::path::Path) -> Scheduler {
    match read(conn, path).ok().flatten().and_then(|w| w.array()) {
        Some(weights) => Scheduler {
            weights,
            retention: DEFAULT_RETENTION,
        },
        None => Scheduler::default(),
    }
}

impl Store {
    /// The weights kept by `grill schedule --optimize`, if any.
    pub fn weights(&self) -> Result<Option<Weights>> {
        match self.reader() {
            None => Ok(None),
            Some(conn) => read(conn, &self.db_path()),
        }
    }

    /// The scheduler for this history at `retention`: the weights kept by `grill schedule
    /// --optimize`, else FSRS-6's defaults. Every command that schedules makes its scheduler
    /// here, so the cards it reads and the ones it works out agree.
    pub fn scheduler(&self, retention: f64) -> Result<Scheduler> {
        let weights = self.weights()?.and_then(|w| w.array());
        Ok(Scheduler {
            weights: weights.unwrap_or(crate::fsrs::DEFAULT_WEIGHTS),
            retention,
        })
    }

    /// Keeps `weights` (none: goes back to the defaults) and makes every card of the history
    /// again with them, in one transaction. Returns how many cards there are now.
    pub fn set_weights(&self, weights: Option<&Weights>) -> Result<usize> {
        let conn = self.writer()?;
        let path = self.db_path();
        let tx = write::begin(conn, &path)?;
        let fail = |e: rusqlite::Error| db::failed(&path, &e);
        match weights {
            Some(w) => {
                if w.array().is_none() {
                    return Err(Error::Failed(
                        "the fitted weights are not 21 numbers within FSRS-6's ranges; nothing \
                         was saved"
                            .to_string(),
                    ));
                }
                let json = serde_json::to_string(w)
                    .map_err(|e| Error::Failed(format!("cannot write the weights: {e}")))?;
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                    rusqlite::params![KEY, json],
                )
                .map_err(fail)?;
            }
            None => {
                tx.execute("DELETE FROM meta WHERE key = ?1", [KEY])
                    .map_err(fail)?;
            }
        }
        let cards = super::cards::rebuild_all(&tx, &path)?;
        tx.commit().map_err(fail)?;
        Ok(cards)
    }
}
