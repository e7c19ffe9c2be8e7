//! What `grill undo` took back, in words: which rating of which answer, what the answer counts
//! with now, and when its question is due again.

use std::io::{self, Write};

use crate::history::Undone;
use crate::history::record::RatedBy;
use crate::output::{self, Theme};
use crate::practice;

/// The times of an undo said from now, which the command works out (views read no clock).
#[derive(Debug, Clone)]
pub struct Said {
    /// When the rating was given: "4 min ago".
    pub given: String,
    /// When the question is due now: "in 10 min", "3 days overdue".
    pub due: Option<String>,
}

/// Writes what was taken back, or (`None`) that there was nothing to take back.
pub fn render(
    undone: Option<(&Undone, &Said)>,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some((u, said)) = undone else {
        return write(
            out,
            t,
            width,
            "No rating to take back: none was given yet, or every one was taken back already. \
             (Ratings that came with `grill history import` are not undone.)",
            false,
        );
    };
    let whose = match u.by {
        RatedBy::Suggestion => "grill's suggestion, which you took",
        _ => "your rating",
    };
    let head = format!(
        "Took back {whose}, {}, of Q{} (answer {} of session {}, {}):",
        u.rating.name(),
        u.question_id,
        u.position + 1,
        u.session_id,
        said.given
    );
    write(out, t, width, &head, true)?;
    for l in output::wrap(&output::visible(&u.prompt), width.saturating_sub(2)) {
        writeln!(out, "  {l}")?;
    }
    let now = match u.now {
        Some(r) => format!("It counts as {} again, the rating it had before.", r.name()),
        None => format!(
            "It is unrated again: grill's score, {}, counts (as {}).",
            crate::readiness::whole(u.score),
            practice::rating_for_score(u.score).name()
        ),
    };
    write(out, t, width, &now, false)?;
    if let Some(due) = &said.due {
        // `time::relative` says "in 7 min", "tomorrow 09:14", "due now" or "3 days overdue".
        let when = if due.starts_with("due ") || due.ends_with("overdue") {
            due.clone()
        } else {
            format!("due {due}")
        };
        write(
            out,
            t,
            width,
            &format!("Q{} is {when}.", u.question_id),
            false,
        )?;
    }
    for l in output::wrap("`grill undo` again takes back the rating before it.", width) {
        writeln!(out, "{}", t.dim(&l))?;
    }
    Ok(())
}

/// `text` wrapped to `width`, bold when `strong`.
fn write(out: &mut dyn Write, t: Theme, width: usize, text: &str, strong: bool) -> io::Result<()> {
    for l in output::wrap(text, width) {
        if strong {
            writeln!(out, "{}", t.bold(&l))?;
        } else {
            writeln!(out, "{l}")?;
        }
    }
    Ok(())
}
