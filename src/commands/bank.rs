//! `grill bank`: browse, check and export question banks.

use std::io::Write;

use crate::bank::{self, Bank, Format};
use crate::config::BankPlan;
use crate::error::{Exit, Result};
use crate::output::{self, Theme};

use super::Context;

/// Runs a `grill bank` subcommand.
pub fn run(ctx: &Context, plan: &BankPlan, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    match plan {
        BankPlan::Validate(path) => {
            let bank = Bank::load(path)?;
            let (q, c) = (bank.question_count(), bank.chapters.len());
            writeln!(
                out,
                "{}: valid: {q} question{} in {c} chapter{}",
                output::visible(&path.display().to_string()),
                crate::words::plural(q),
                crate::words::plural(c)
            )?;
        }
        BankPlan::List { chapters, json } => {
            let bank = ctx.bank()?;
            let chosen = bank.chapter_indices(chapters)?;
            if *json {
                super::json::write(&super::json::bank_list(&bank, &chosen), out)?;
            } else {
                list(&bank, &chosen, output::stdout_width(), theme, out)?;
            }
        }
        BankPlan::Show { id, json } => {
            let bank = ctx.bank()?;
            if *json {
                super::json::write(&super::json::bank_show(&bank, *id)?, out)?;
            } else {
                show(&bank, *id, output::stdout_width(), theme, out)?;
            }
        }
        BankPlan::Chapters { json } => {
            let bank = ctx.bank()?;
            if *json {
                super::json::write(&super::json::bank_chapters(&bank), out)?;
            } else {
                chapters(&bank, output::stdout_width(), theme, out)?;
            }
        }
        BankPlan::Search {
            text,
            chapters,
            json,
        } => {
            let bank = ctx.bank()?;
            let chosen = bank.chapter_indices(chapters)?;
            super::search::run(&bank, text, &chosen, *json, theme, out)?;
        }
        BankPlan::Export(format) => {
            let bank = ctx.bank()?;
            match format {
                Format::Json => out.write_all(bank::json::to_string(&bank).as_bytes())?,
                // A loaded bank holds no control characters (validation refuses them); shown
                // through `visible` all the same, as every text rendering is.
                Format::Text => {
                    out.write_all(output::visible(&bank::text::to_string(&bank)).as_bytes())?
                }
            }
        }
    }
    Ok(Exit::Ok)
}

/// A table of id, chapter and prompt, with prompts cut to `width` columns.
pub fn list(
    bank: &Bank,
    chosen: &[usize],
    width: usize,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<()> {
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

/// One question: its chapter, prompt and bullets, then its notes under "Also worth knowing",
/// wrapped by words to `width` columns.
pub fn show(bank: &Bank, id: u32, width: usize, theme: Theme, out: &mut dyn Write) -> Result<()> {
    let l = bank.question(id)?;
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

/// Each chapter's number, id, title and question count; titles wrap by words to `width`, and
/// go below the row when fewer than 16 columns are left beside it.
pub fn chapters(bank: &Bank, width: usize, theme: Theme, out: &mut dyn Write) -> Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: impl FnOnce(&mut Vec<u8>) -> Result<()>) -> String {
        let mut buf = Vec::new();
        f(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn list_cuts_prompts_to_width() {
        let bank = Bank::embedded();
        let text = render(|o| list(&bank, &[0], 40, Theme::plain(), o));
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        assert_eq!(text.lines().count(), 21);
    }

    #[test]
    fn show_prints_notes_after_the_bullets_under_their_heading() {
        let bank = bank::text::parse(
            "# a: A\nQ1. What?\n- ref one\n- ref two\n> a `note`\n> another\nQ2. Bare?\n- b\n",
            "t.txt",
        )
        .unwrap();
        let text = render(|o| show(&bank, 1, 100, Theme::plain(), o));
        assert!(
            text.ends_with(
                "  - ref one\n  - ref two\n\nAlso worth knowing\n  - a `note`\n  - another\n"
            ),
            "{text}"
        );
        let bare = render(|o| show(&bank, 2, 100, Theme::plain(), o));
        assert!(!bare.contains(bank::NOTES_HEADING), "{bare}");
    }

    #[test]
    fn show_prints_every_bullet() {
        let bank = Bank::embedded();
        let text = render(|o| show(&bank, 6, 100, Theme::plain(), o));
        assert!(
            text.contains("  - `pass` is a no-op placeholder."),
            "{text}"
        );
        assert_eq!(text.matches("\n  - ").count(), 4);
    }

    #[test]
    fn show_and_chapters_wrap_by_words_to_the_width() {
        let bank = Bank::embedded();
        let text = render(|o| show(&bank, 57, 40, Theme::plain(), o));
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        // The last bullet runs onto a continuation line under its text, broken between words.
        assert!(
            text.contains("\n    value of a `yield from` expression\n    in Python 3.3+.\n"),
            "{text}"
        );
        let text = render(|o| chapters(&bank, 40, Theme::plain(), o));
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        assert!(text.contains("\n    Language fundamentals\n"), "{text}");
    }
}
