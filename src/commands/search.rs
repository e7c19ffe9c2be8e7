//! `grill bank search TEXT`: the questions whose prompt or bullets hold every word of TEXT.
//!
//! Words are read by the scorer's own analyzer, so a search finds what an answer would be
//! credited for: word forms ("iterators" finds "iteration"), synonyms ("global interpreter lock"
//! finds "GIL"), parts of code names and typos ("decroator"). The query plays the answer's part
//! and each prompt or bullet the reference's, because typos are forgiven on the answer's side
//! only, and here the typos are the searcher's.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::output::{self, Theme};
use crate::scoring::KeywordMatch;
use crate::scoring::keywords::Analyzer;
use crate::scoring::tokens::tokenize;
use crate::words::plural;

use super::json::VIEW_FORMAT;

/// Where in a question a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The prompt.
    Prompt,
    /// A reference bullet.
    Bullet,
}

/// A prompt or bullet that holds some of the searched words.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    /// In the prompt or in a bullet.
    #[serde(rename = "in")]
    pub place: Place,
    /// The bullet's number (1-based); none for the prompt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bullet: Option<usize>,
    /// The prompt's or bullet's text.
    pub text: &'a str,
    /// Each of its words that a searched word met: the text's word as `keyword`, the searched
    /// word as `word`, and how they met.
    pub matched: Vec<KeywordMatch>,
}

/// A question that holds every searched word.
#[derive(Debug, Clone, Serialize)]
pub struct Found<'a> {
    /// The question id.
    pub id: u32,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The chapter's number (1-based).
    pub chapter_number: usize,
    /// The prompt.
    pub prompt: &'a str,
    /// The prompt and bullets with hits, in question order.
    pub hits: Vec<Hit<'a>>,
    /// How well it matched: the searched words' best credits summed (exact 1, typo 0.9, ...).
    #[serde(skip)]
    rank: f64,
}

/// `grill bank search --json`.
#[derive(Debug, Serialize)]
struct SearchJson<'a> {
    format: u32,
    query: &'a str,
    bank: &'a str,
    results: &'a [Found<'a>],
}

/// Searches the `chosen` chapters of `bank` for `query`; best matches first, then bank order.
pub fn search<'a>(bank: &'a Bank, query: &str, chosen: &[usize]) -> Result<Vec<Found<'a>>> {
    // The same analyzer the scorer builds: the bank's synonyms, and its words learned so that
    // a real word of the bank is never taken for a typo of another.
    let mut analyzer = Analyzer::new(&bank.synonyms);
    for l in bank.questions() {
        analyzer.learn(&l.question.prompt);
        for b in &l.question.bullets {
            analyzer.learn(b);
        }
    }
    let index = analyzer.answer(query);
    let wanted: Vec<String> = index.words.iter().map(|t| t.norm.to_string()).collect();
    if wanted.is_empty() {
        return Err(Error::input(format!(
            "bank search {query:?}: nothing to search for (only common words such as \"the\" or \"is\"); \
             give a word that a question would use, such as a name or a term"
        )));
    }
    let mut found = Vec::new();
    for l in bank
        .questions()
        .filter(|l| chosen.contains(&l.chapter_index))
    {
        // The best credit each searched word earned in this question.
        let mut best: HashMap<String, f64> = HashMap::new();
        let mut hits = Vec::new();
        let texts = std::iter::once((Place::Prompt, None, l.question.prompt.as_str())).chain(
            l.question
                .bullets
                .iter()
                .enumerate()
                .map(|(i, b)| (Place::Bullet, Some(i + 1), b.as_str())),
        );
        for (place, bullet, text) in texts {
            let mut matched = Vec::new();
            for kw in analyzer.keywords(text) {
                let Some(hit) = index.find(&kw, true) else {
                    continue;
                };
                for t in tokenize(&hit.word) {
                    let e = best.entry(t.norm.to_string()).or_insert(0.0);
                    *e = e.max(hit.credit);
                }
                matched.push(KeywordMatch {
                    keyword: kw.display,
                    word: hit.word,
                    how: hit.how,
                });
            }
            if !matched.is_empty() {
                hits.push(Hit {
                    place,
                    bullet,
                    text,
                    matched,
                });
            }
        }
        if wanted.iter().all(|w| best.contains_key(w)) {
            found.push(Found {
                id: l.question.id,
                chapter: &l.chapter.id,
                chapter_number: l.chapter_index + 1,
                prompt: &l.question.prompt,
                hits,
                rank: wanted.iter().map(|w| best[w]).sum(),
            });
        }
    }
    // Stable: equal ranks keep bank order. A hit in the prompt says the question is about it.
    let in_prompt = |f: &Found| f.hits.first().is_some_and(|h| h.place == Place::Prompt);
    found.sort_by(|a, b| {
        b.rank
            .total_cmp(&a.rank)
            .then(in_prompt(b).cmp(&in_prompt(a)))
    });
    Ok(found)
}

/// Runs `grill bank search`: the results as text or JSON.
pub fn run(
    bank: &Bank,
    query: &str,
    chosen: &[usize],
    json: bool,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<()> {
    let found = search(bank, query, chosen)?;
    if json {
        return super::json::write(
            &SearchJson {
                format: VIEW_FORMAT,
                query,
                bank: &bank.title,
                results: &found,
            },
            out,
        );
    }
    render(&found, query, theme, output::stdout_width(), out)
}

/// The results as text fitted to `width` columns: each question's id and chapter, its prompt,
/// the bullets with hits, and what matched (in colour, the matched words stand out too).
pub fn render(
    found: &[Found],
    query: &str,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> Result<()> {
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
            let text = output::describe_match(m);
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

    fn ids(query: &str) -> Vec<u32> {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        search(&bank, query, &all)
            .unwrap()
            .iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn finds_word_forms_typos_and_synonyms_like_the_scorer() {
        let mut sorted = ids("decorator");
        assert!(!sorted.is_empty());
        sorted.sort_unstable();
        // Another form of the word finds the same questions.
        let mut forms = ids("decorators");
        forms.sort_unstable();
        let typo = ids("decroator");
        assert_eq!(forms, sorted);
        // A typo meets the word as written, not its other forms ("decorated" is a form of
        // "decorator", nobody's typo of it): fewer questions, but every one about decorators.
        assert!(typo.iter().all(|id| sorted.contains(id)), "{typo:?}");
        let bank = Bank::embedded();
        for l in bank.questions() {
            if l.question.prompt.to_lowercase().contains("decorator") {
                assert!(typo.contains(&l.question.id), "{}", l.question.id);
            }
        }
        // "GIL" is a synonym of "global interpreter lock".
        let gil = ids("GIL");
        assert!(!gil.is_empty());
        assert!(
            gil.iter()
                .all(|id| ids("global interpreter lock").contains(id))
        );
    }

    #[test]
    fn every_word_must_be_there_and_stopwords_alone_are_refused() {
        let both = ids("decorator arguments");
        assert!(!both.is_empty());
        assert!(both.iter().all(|id| ids("decorator").contains(id)));
        assert!(both.len() < ids("decorator").len());
        assert!(ids("zzyzx").is_empty());
        let bank = Bank::embedded();
        let e = search(&bank, "the is a", &[0]).unwrap_err();
        assert_eq!(e.exit(), crate::Exit::BadInput);
    }

    #[test]
    fn the_text_shows_the_hit_and_fits_the_width() {
        let bank = Bank::embedded();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        let found = search(&bank, "decroator", &all).unwrap();
        let mut buf = Vec::new();
        render(&found, "decroator", Theme::plain(), 40, &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.lines().all(|l| output::width(l) <= 40), "{text}");
        assert!(text.contains("← \"decroator\" (typo)"), "{text}");
        assert!(text.contains(&format!("Q{} · ", found[0].id)), "{text}");
        let coloured = highlight("A decorator wraps", &["Decorator"], Theme { color: true });
        assert!(coloured.contains("\u{1b}["), "{coloured}");
        assert!(coloured.starts_with("A "), "{coloured}");
    }
}
