//! `grill bank`: browse, check, import and export question banks, and the library of banks
//! usable by name (`library`); `transfer` reads other formats and writes Anki packages.

mod library;
mod transfer;

use std::io::Write;

use crate::bank::Bank;
use crate::config::BankPlan;
use crate::error::{Exit, Result};
use crate::output::{self, Theme};

use super::Context;
use crate::view::bank as view;
use crate::view::json::{BankSearch, VIEW_FORMAT};
use crate::view::search::Results;

/// What is worth fixing in a bank that loads (long bullets, bullets and wordings with nothing
/// to score), on stderr: the bank is still valid, and the exit status stays 0. `bank validate`
/// and `bank add` say the same.
pub fn warn(bank: &Bank) {
    let scorer = crate::scoring::Scorer::for_bank(bank);
    let unscorable = scorer.unscorable(bank);
    let warnings = bank
        .warnings()
        .into_iter()
        .chain(unscorable.iter().map(view::unscorable));
    for w in warnings {
        output::note(format_args!("warning: {}", output::visible(&w)));
    }
}

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
                output::visible(&crate::error::source_name(path)),
                crate::words::plural(q),
                crate::words::plural(c)
            )?;
            warn(&bank);
        }
        BankPlan::List { chapters, json } => {
            let bank = ctx.bank()?;
            let chosen = bank.chapter_indices(chapters)?;
            if *json {
                crate::view::json::write(&crate::view::json::bank_list(&bank, &chosen), out)?;
            } else {
                list(&bank, &chosen, output::stdout_width(), theme, out)?;
            }
        }
        BankPlan::Show { id, json } => {
            let bank = ctx.bank()?;
            if *json {
                crate::view::json::write(&crate::view::json::bank_show(&bank, *id)?, out)?;
            } else {
                show(&bank, *id, output::stdout_width(), theme, out)?;
            }
        }
        BankPlan::Chapters { json } => {
            let bank = ctx.bank()?;
            if *json {
                crate::view::json::write(&crate::view::json::bank_chapters(&bank), out)?;
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
            search(&bank, text, &chosen, *json, theme, out)?;
        }
        BankPlan::Export { format, output } => {
            let bank = ctx.bank()?;
            let theme = ctx.stderr_theme();
            return transfer::export(&bank, *format, output.as_deref(), theme, out);
        }
        BankPlan::Import {
            file,
            format,
            add,
            replace,
        } => {
            let theme = ctx.stderr_theme();
            return match add {
                Some(name) => library::add(file, Some(name), *replace, theme, out),
                None => transfer::import(file, *format, theme, out),
            };
        }
        BankPlan::Add {
            file,
            name,
            replace,
        } => return library::add(file, name.as_deref(), *replace, ctx.stderr_theme(), out),
        BankPlan::Library { json } => return library::list(*json, theme, out),
        BankPlan::Remove(name) => return library::remove(name, out),
    }
    Ok(Exit::Ok)
}

/// `grill bank list`'s table (see [`view::list`]).
pub fn list(
    bank: &Bank,
    chosen: &[usize],
    width: usize,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<()> {
    view::list::render(&view::list::Listing { bank, chosen }, theme, width, out)?;
    Ok(())
}

/// `grill bank show ID` (see [`view::show`]); an unknown id is bad input.
pub fn show(bank: &Bank, id: u32, width: usize, theme: Theme, out: &mut dyn Write) -> Result<()> {
    view::show::render(&bank.question(id)?, theme, width, out)?;
    Ok(())
}

/// `grill bank chapters` (see [`view::chapters`]).
pub fn chapters(bank: &Bank, width: usize, theme: Theme, out: &mut dyn Write) -> Result<()> {
    view::chapters::render(bank, theme, width, out)?;
    Ok(())
}

/// Runs `grill bank search`: the results as text or JSON.
fn search(
    bank: &Bank,
    query: &str,
    chosen: &[usize],
    json: bool,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<()> {
    let found = crate::scoring::search::search(bank, query, chosen)?;
    if json {
        return crate::view::json::write(
            &BankSearch {
                format: VIEW_FORMAT,
                query,
                bank: &bank.title,
                results: &found,
            },
            out,
        );
    }
    let results = Results {
        found: &found,
        query,
    };
    crate::view::search::render(&results, theme, output::stdout_width(), out)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank;

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
            text.contains("\n  - A `yield from` expression evaluates\n    to the subgenerator's return value.\n"),
            "{text}"
        );
        let text = render(|o| chapters(&bank, 40, Theme::plain(), o));
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        assert!(text.contains("\n    Language fundamentals\n"), "{text}");
    }
}
