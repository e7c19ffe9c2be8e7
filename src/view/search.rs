//! The results of `grill bank search` as text: each question found with the prompt and bullets
//! that matched, and what each searched word met. `scoring::search` does the searching.

use std::io::{self, Write};

use crate::output::{self, Theme};
use crate::scoring::search::{Found, Place};
use crate::view::evidence::{self, Form};
use crate::words::plural;

/// What a search found, best first, and what was searched for.
#[derive(Debug, Clone, Copy)]
pub struct Results<'a> {
    /// The questions found, in the order to show them.
    pub found: &'a [Found<'a>],
    /// The searched text, as given.
    pub query: &'a str,
}

/// The results as text fitted to `width` columns: each question's id and chapter, its prompt,
/// the bullets with hits, and what matched (in colour, the matched words stand out too).
pub fn render(model: &Results, theme: Theme, width: usize, out: &mut dyn Write) -> io::Result<()> {
    let (found, query) = (model.found, model.query);
    let width = width.max(20);
    for f in found {
        writeln!(
            out,
            "{}",
            theme.bold(&format!(
                "Q{} · {} (chapter {})",
                f.id,
                output::visible(f.chapter),
                f.chapter_number
            ))
        )?;
        let words: Vec<&str> = f
            .hits
            .iter()
            .flat_map(|h| h.matched.iter().map(|m| m.keyword.as_str()))
            .collect();
        for line in output::wrap(f.prompt, width - 2) {
            writeln!(out, "  {}", highlight(&line, &words, theme))?;
        }
        for h in f.hits.iter().filter(|h| h.place == Place::Bullet) {
            for (i, line) in output::wrap(h.text, width - 4).iter().enumerate() {
                let lead = if i == 0 { "  - " } else { "    " };
                writeln!(out, "{lead}{}", highlight(line, &words, theme))?;
            }
        }
        // Each word of the bank once, whatever its case ("Decorator" opening a bullet).
        let mut how: Vec<String> = Vec::new();
        for m in f.hits.iter().flat_map(|h| &h.matched) {
            let text = evidence::describe(m, Form::Quoted);
            if !how.iter().any(|h| h.eq_ignore_ascii_case(&text)) {
                how.push(text);
            }
        }
        for line in output::wrap(&format!("matched: {}", how.join(", ")), width - 2) {
            writeln!(out, "  {}", theme.dim(&line))?;
        }
        writeln!(out)?;
    }
    let summary = match found.len() {
        0 => format!(
            "No question matches {query:?}. A question must hold every word: try fewer words, or see `grill bank list`."
        ),
        n => format!(
            "{n} question{} match{} {query:?}.",
            plural(n),
            if n == 1 { "es" } else { "" }
        ),
    };
    for line in output::wrap(&summary, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}

/// Paints each occurrence of `words` (ignoring ASCII case) in `line` as a hit; plain text
/// is returned as it is.
fn highlight(line: &str, words: &[&str], theme: Theme) -> String {
    if !theme.color || words.is_empty() {
        return line.to_string();
    }
    // ASCII lowercasing keeps byte offsets, so positions found in `lower` slice `line`.
    let lower = line.to_ascii_lowercase();
    let words: Vec<String> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let mut out = String::new();
    let mut at = 0;
    while at < line.len() {
        let next = words
            .iter()
            .filter_map(|w| lower[at..].find(w.as_str()).map(|i| (at + i, w.len())))
            .min_by_key(|&(i, len)| (i, std::cmp::Reverse(len)));
        let Some((i, len)) = next else { break };
        out.push_str(&line[at..i]);
        out.push_str(&theme.hit(&line[i..i + len]));
        at = i + len;
    }
    out.push_str(&line[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Bank;
    use crate::scoring::search::search;

    #[test]
    fn the_text_shows_the_hit_and_fits_the_width() {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        let found = search(&bank, "decroator", &all).unwrap();
        let mut buf = Vec::new();
        let results = Results {
            found: &found,
            query: "decroator",
        };
        render(&results, Theme::plain(), 40, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        assert!(text.contains("← \"decroator\" (typo)"), "{text}");
        assert!(text.contains(&format!("Q{} · ", found[0].id)), "{text}");
        let coloured = highlight("A decorator wraps", &["Decorator"], Theme { color: true });
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        assert!(coloured.starts_with("A "), "{coloured}");
    }
}
