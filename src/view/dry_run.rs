//! The questions `grill start --dry-run` would ask, as text: a numbered table (or, in a narrow
//! terminal, each question over its prompt) and how to ask them again. `commands::dry_run` finds
//! the questions.

use std::io::{self, Write};

use crate::output::{self, Theme};
use crate::view::json::QuestionRow;
use crate::words::plural;

/// What a draw chose.
#[derive(Debug, Clone, Copy)]
pub struct Draw<'a> {
    /// The question ids, in the order they would be asked (all in the bank).
    pub ids: &'a [u32],
    /// The seed of the draw.
    pub seed: u64,
    /// The session `--retry` asks again, if any.
    pub retry_of: Option<&'a str>,
    /// Whether the draw followed the history (`--focus weak` or `due`), so that answering
    /// anything in between may change it.
    pub from_history: bool,
}

/// The drawn questions, in the order they would be asked, and the draw they came from.
#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    /// One row per question of `draw.ids`.
    pub rows: &'a [QuestionRow<'a>],
    /// The draw.
    pub draw: Draw<'a>,
}

/// The drawn questions as text fitted to `width` columns: a table, or in a narrow terminal
/// each question's number, id and chapter over its prompt.
pub fn render(model: &Drawn, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (rows, draw) = (model.rows, model.draw);
    let width = width.max(20);
    let n = rows.len();
    let num_w = n.to_string().len();
    let id_w = rows
        .iter()
        .map(|r| r.id.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    let ch_w = rows
        .iter()
        .map(|r| output::width(&output::visible(r.chapter)))
        .max()
        .unwrap_or(7)
        .max(7);
    let indent = num_w + id_w + ch_w + 6;
    // Prompts wrap rather than being cut: this is the list answers are written from.
    if width >= indent + 24 {
        writeln!(
            out,
            "{}",
            theme.bold(&format!(
                "{:>num_w$}  {:>id_w$}  {}  PROMPT",
                "#",
                "ID",
                output::pad("CHAPTER", ch_w)
            ))
        )?;
        for (i, r) in rows.iter().enumerate() {
            for (j, line) in output::wrap(r.prompt, width - indent).iter().enumerate() {
                if j == 0 {
                    writeln!(
                        out,
                        "{:>num_w$}  {:>id_w$}  {}  {}",
                        i + 1,
                        r.id,
                        theme.dim(&output::pad(&output::visible(r.chapter), ch_w)),
                        theme.code_spans(line)
                    )?;
                } else {
                    writeln!(out, "{}{}", " ".repeat(indent), theme.code_spans(line))?;
                }
            }
        }
    } else {
        for (i, r) in rows.iter().enumerate() {
            let head = format!("{}. Q{} · {}", i + 1, r.id, r.chapter);
            writeln!(out, "{}", theme.bold(&output::truncate(&head, width)))?;
            for line in output::wrap(r.prompt, width - 3) {
                writeln!(out, "   {}", theme.code_spans(&line))?;
            }
        }
    }
    footer(draw, n, theme, width, out)
}

/// How to ask these questions again, and that nothing was asked or saved.
fn footer(draw: Draw, n: usize, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let seed = draw.seed;
    // Only a random draw is the seed's: a retry asks its session's questions and a draw from
    // the history ranks them, whatever the seed, so naming one would mislead.
    let random = !draw.from_history && draw.retry_of.is_none();
    let (lead, seed_flag) = if random {
        (format!("Seed {seed}. "), format!(" with --seed {seed}"))
    } else {
        (String::new(), String::new())
    };
    let until = if draw.from_history && draw.retry_of.is_none() {
        " (while the history stays as it is)"
    } else {
        ""
    };
    let footer = format!(
        "{lead}Nothing was asked or saved: the same options{seed_flag} ask these {n} \
         question{} in this order{until}; piped answers go one per question, separated by lines \
         of ---.",
        plural(n)
    );
    for line in output::wrap(&footer, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;

    #[test]
    fn the_list_fits_every_width_and_keeps_whole_prompts() {
        let bank = Bank::embedded();
        let ids = [32, 77, 150, 199];
        let rows: Vec<QuestionRow> = ids
            .iter()
            .map(|&id| {
                let l = bank.question(id).unwrap();
                QuestionRow {
                    id,
                    chapter: &l.chapter.id,
                    chapter_number: l.chapter_index + 1,
                    prompt: &l.question.prompt,
                }
            })
            .collect();
        for width in [40, 60, 100] {
            let mut buf = Vec::new();
            let draw = Draw {
                ids: &ids,
                seed: 7,
                retry_of: None,
                from_history: false,
            };
            let model = Drawn { rows: &rows, draw };
            render(&model, Theme::plain(), width, &mut buf).unwrap();
            let text = String::from_utf8(buf).unwrap();
            assert!(
                text.lines().all(|l| output::width(l) <= width),
                "{width}:\n{text}"
            );
            // Every word of every prompt is there, in order (wrapped, never cut).
            let words: Vec<&str> = text.split_whitespace().collect();
            for r in &rows {
                let first = r.prompt.split_whitespace().next().unwrap();
                assert!(words.contains(&first), "{width}: {first}");
            }
            assert!(text.contains("--seed 7"), "{width}:\n{text}");
        }
    }
}
