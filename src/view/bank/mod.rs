//! The bank views of `grill bank`: the question list, one question, the chapters, the library.
//! The JSON shapes are in `view::json`.

pub mod chapters;
pub mod library;
pub mod list;
pub mod show;

use crate::scoring::Unscorable;

/// The warning `grill bank validate` gives for a bullet or wording with nothing to score.
pub fn unscorable(u: &Unscorable) -> String {
    match &u.wording {
        None => format!(
            "question {}, bullet {}: nothing to score (only common words like \"the\", \"is\"): \
             it weighs nothing; say what it claims in words of the topic",
            u.question, u.bullet
        ),
        Some((n, text)) => format!(
            "question {}, bullet {}, alternative {n} ({text:?}): nothing to score (only common \
             words): no answer can meet it; write the words a candidate would use",
            u.question, u.bullet
        ),
    }
}
