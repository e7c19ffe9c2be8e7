//! `grill start --dry-run`: the questions a draw would ask, in order, without asking them.
//!
//! With the seed it prints, the same options ask exactly these questions, so answers can be
//! written beforehand and piped in (`--answers FILE`, one answer per question, separated by
//! lines of `---`).

use std::io::Write;

use serde::Serialize;

use crate::bank::Bank;
use crate::error::Result;
use crate::output::{self, Theme};
use crate::words::plural;

use super::json::{QuestionRow, VIEW_FORMAT};

/// `grill start --dry-run --json`.
#[derive(Debug, Serialize)]
struct DryRun<'a> {
    format: u32,
    seed: u64,
    /// The past session whose questions `--retry` asks again, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_of: Option<&'a str>,
    questions: Vec<QuestionRow<'a>>,
}

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
        return super::json::write(
            &DryRun {
                format: VIEW_FORMAT,
                seed: draw.seed,
                retry_of: draw.retry_of,
                questions: rows,
            },
            out,
        );
    }
    render(&rows, draw, theme, width, out)
}

/// The drawn questions as text fitted to `width` columns: a table, or in a narrow terminal
/// each question's number, id and chapter over its prompt.
fn render(
    rows: &[QuestionRow],
    draw: Draw,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
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
fn footer(draw: Draw, n: usize, theme: Theme, width: usize, out: &mut dyn Write) -> Result<()> {
    let seed = draw.seed;
    // A retry asks its session's questions whatever the seed.
    let seed_flag = match draw.retry_of {
        Some(_) => String::new(),
        None => format!(" with --seed {seed}"),
    };
    let until = if draw.from_history && draw.retry_of.is_none() {
        " (while the history stays as it is)"
    } else {
        ""
    };
    let footer = format!(
        "Seed {seed}. Nothing was asked or saved: the same options{seed_flag} ask these {n} \
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
            render(&rows, draw, Theme::plain(), width, &mut buf).unwrap();
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
