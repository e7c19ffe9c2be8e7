//! `grill bank show ID`: one question with its chapter, bullets and notes.

use std::io::{self, Write};

use crate::bank::{self, Located};
use crate::output::{self, Theme};

/// One question: its chapter, prompt and bullets, then its notes under "Also worth knowing",
/// wrapped by words to `width` columns.
pub fn render(l: &Located, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let head = format!("Q{}. ", l.question.id);
    let indent = output::width(&head);
    // Code spans are styled after wrapping, over the lines joined, so a span that runs onto the
    // next line keeps its colour.
    let prompt = output::wrap(&l.question.prompt, width.saturating_sub(indent))
        .join(&format!("\n{}", " ".repeat(indent)));
    writeln!(
        out,
        "{}{}",
        theme.bold(&head),
        theme.bold(&theme.code_spans(&prompt))
    )?;
    let chapter = format!(
        "chapter {} ({}): {}",
        l.chapter_index + 1,
        l.chapter.id,
        l.chapter.title
    );
    for line in output::wrap(&chapter, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    writeln!(out)?;
    for b in &l.question.bullets {
        let text = output::wrap(b, width.saturating_sub(4)).join("\n    ");
        writeln!(out, "  - {}", theme.code_spans(&text))?;
    }
    if !l.question.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", theme.bold(bank::NOTES_HEADING))?;
        for n in &l.question.notes {
            let text = output::wrap(n, width.saturating_sub(4)).join("\n    ");
            writeln!(out, "  - {}", theme.code_spans(&text))?;
        }
    }
    Ok(())
}
