//! `grill bank list`: a table of id, chapter and prompt.

use std::io::{self, Write};

use crate::bank::Bank;
use crate::output::{self, Theme};

/// The bank and the chapters (indices) to list.
pub struct Listing<'a> {
    /// The bank.
    pub bank: &'a Bank,
    /// The chapters chosen, by index.
    pub chosen: &'a [usize],
}

/// A table of id, chapter and prompt, with prompts cut to `width` columns.
pub fn render(model: &Listing, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (bank, chosen) = (model.bank, model.chosen);
    let id_w = bank
        .questions()
        .map(|l| l.question.id.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let ch_w = chosen
        .iter()
        .map(|&i| output::width(&bank.chapters[i].id))
        .max()
        .unwrap_or(7)
        .max(7);
    writeln!(
        out,
        "{}",
        theme.bold(&format!(
            "{:>id_w$}  {}  PROMPT",
            "ID",
            output::pad("CHAPTER", ch_w)
        ))
    )?;
    let room = width.saturating_sub(id_w + ch_w + 4).max(10);
    for l in bank
        .questions()
        .filter(|l| chosen.contains(&l.chapter_index))
    {
        writeln!(
            out,
            "{:>id_w$}  {}  {}",
            l.question.id,
            theme.dim(&output::pad(&l.chapter.id, ch_w)),
            theme.code_spans(&output::truncate(&l.question.prompt, room))
        )?;
    }
    Ok(())
}
