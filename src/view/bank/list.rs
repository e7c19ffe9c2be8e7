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
            theme.code_spans_cut(&l.question.prompt, room)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Format;

    /// The list at `width` columns in `theme`, as shown (escape codes removed).
    fn shown(bank: &Bank, theme: Theme, width: usize) -> Vec<String> {
        let mut buf = Vec::new();
        let listing = Listing { bank, chosen: &[0] };
        render(&listing, theme, width, &mut buf).unwrap();
        let out = String::from_utf8(buf).unwrap();
        console::strip_ansi_codes(&out)
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn prompts_with_code_spans_are_cut_to_the_same_width_as_prompts_without() {
        // Question 1 and 2 differ only by backticks, 3 and 4 likewise: in colour, where the
        // backticks are not shown, each pair is cut to the same text (the backticked one was cut
        // a column shorter per backtick, `When to use threadin…` beside `When to use threading
        // rather…`).
        let bank = Bank::parse(
            "title: t\n# concurrency: C\n\
             Q1. When to use `threading` rather than `asyncio` for sockets?\n- x\n\
             Q2. When to use threading rather than asyncio for sockets?\n- x\n\
             Q3. Compare `multiprocessing` to `threading`.\n- x\n\
             Q4. Compare multiprocessing to threading.\n- x\n",
            "t.txt",
            Format::Text,
        )
        .unwrap();
        for width in [40, 60, 100] {
            let rows = shown(&bank, Theme { color: true }, width);
            let prompt = |r: &String| r[r.find("  concurrency  ").unwrap() + 15..].to_string();
            assert_eq!(prompt(&rows[1]), prompt(&rows[2]), "{width}: {rows:#?}");
            assert_eq!(prompt(&rows[3]), prompt(&rows[4]), "{width}: {rows:#?}");
            for theme in [Theme::plain(), Theme { color: true }] {
                for r in shown(&bank, theme, width) {
                    assert!(output::width(&r) <= width, "{width}: {r:?}");
                }
            }
        }
        let rows = shown(&bank, Theme { color: true }, 40);
        // 23 columns for the prompt: cut after a whole word when one ends in the last third,
        // mid-word otherwise.
        assert!(rows[1].ends_with("  When to use threading…"), "{rows:#?}");
        assert!(rows[3].ends_with("  Compare multiprocessin…"), "{rows:#?}");
        let rows = shown(&bank, Theme::plain(), 40);
        assert!(rows[1].ends_with("  When to use `threading…"), "{rows:#?}");
    }
}
