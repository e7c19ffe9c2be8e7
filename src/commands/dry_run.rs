//! `grill start --dry-run`: the questions a draw would ask, in order, without asking them.
//!
//! With the seed it prints, the same options ask exactly these questions, so answers can be
//! written beforehand and piped in (`--answers FILE`, one answer per question, separated by
//! lines of `---`).

use std::io::Write;

use crate::bank::Bank;
use crate::error::Result;
use crate::output::Theme;
use crate::view::dry_run::{Draw, Drawn};
use crate::view::json::{DryRun, QuestionRow, VIEW_FORMAT};

/// Prints the drawn questions as a table, or as JSON.
pub fn print(
    bank: &Bank,
    draw: Draw,
    json: bool,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let rows = draw
        .ids
        .iter()
        .map(|&id| {
            let l = bank.question(id)?;
            Ok(QuestionRow {
                id,
                chapter: &l.chapter.id,
                chapter_number: l.chapter_index + 1,
                prompt: &l.question.prompt,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    if json {
        return crate::view::json::write(
            &DryRun {
                format: VIEW_FORMAT,
                seed: draw.seed,
                retry_of: draw.retry_of,
                questions: rows,
            },
            out,
        );
    }
    crate::view::dry_run::render(&Drawn { rows: &rows, draw }, theme, width, out)?;
    Ok(())
}
