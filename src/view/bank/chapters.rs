//! `grill bank chapters`: each chapter with its question count.

use std::io::{self, Write};

use crate::bank::Bank;
use crate::output::{self, Theme};

/// Each chapter's number, id, title and question count; titles wrap by words to `width`, and
/// go below the row when fewer than 16 columns are left beside it.
pub fn render(bank: &Bank, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let id_w = bank
        .chapters
        .iter()
        .map(|c| output::width(&c.id))
        .max()
        .unwrap_or(2)
        .max(2);
    let fixed = 2 + 2 + id_w + 2 + 9 + 2;
    let beside = width >= fixed + 16;
    writeln!(
        out,
        "{}",
        theme
            .bold(&format!(
                " #  {}  QUESTIONS  {}",
                output::pad("ID", id_w),
                if beside { "TITLE" } else { "" }
            ))
            .trim_end()
    )?;
    for (i, c) in bank.chapters.iter().enumerate() {
        let row = format!(
            "{:>2}  {}  {:>9}",
            i + 1,
            output::pad(&c.id, id_w),
            c.questions.len()
        );
        if beside {
            let lines = output::wrap(&c.title, width - fixed);
            writeln!(out, "{row}  {}", lines[0])?;
            for line in &lines[1..] {
                writeln!(out, "{}{line}", " ".repeat(fixed))?;
            }
        } else {
            writeln!(out, "{row}")?;
            for line in output::wrap(&c.title, width.saturating_sub(4)) {
                writeln!(out, "    {line}")?;
            }
        }
    }
    let total = format!(
        "{}: {} questions",
        output::visible(&bank.title),
        bank.question_count()
    );
    for line in output::wrap(&total, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}
