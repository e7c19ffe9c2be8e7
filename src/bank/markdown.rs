//! Markdown question-and-answer notes as a bank. Two styles, mixed freely:
//!
//! ```text
//! # SQL                              headings above questions are chapters (`A::B` deep)
//! Q: What does a LEFT JOIN keep?     `Q:` then `A:` blocks; the answer's list items are its
//! A: Every row of the left table.    bullets, or else its lines, or else its sentences
//!
//! ## What is an index?               a heading followed by a list (or text) is a question
//! - A structure that speeds lookups.
//! - Costs writes and space.
//! Q12. What is a view?               `Q<n>.` lines, as grill's guide is written
//! - A stored query.
//! ```
//!
//! Text before the first question is the bank's description; text after a question's list is
//! its notes. A list item's lines may wrap without indentation (Markdown's lazy continuation),
//! and a wrapped line holding `. - ` starts a new item there (copied text often loses its line
//! breaks that way). What cannot be placed is reported with its line.

use super::Bank;
use super::import::{
    Card, Imported, Origin, Report, Skipped, build, bullets_from_lines, clean, strip_marker,
};
use crate::error::Result;

/// One line's kind.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Heading(usize, String),
    /// `Q:` (true) or `Q<n>.` (false, with its number).
    Question(String, Option<u32>, bool),
    Answer(String),
    Item(String),
    Text(String),
    Blank,
}

fn classify(line: &str, in_fence: bool) -> Block {
    let t = line.trim();
    if in_fence {
        return Block::Text(line.to_string());
    }
    if t.is_empty() {
        return Block::Blank;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
        return Block::Heading(
            hashes,
            t[hashes..].trim().trim_end_matches('#').trim().into(),
        );
    }
    for p in ["Q:", "Q.", "Question:", "**Q:**", "**Q**:"] {
        if let Some(rest) = strip_prefix_ignore_case(t, p) {
            return Block::Question(rest.trim().into(), None, true);
        }
    }
    for p in ["A:", "A.", "Answer:", "**A:**", "**A**:"] {
        if let Some(rest) = strip_prefix_ignore_case(t, p) {
            return Block::Answer(rest.trim().into());
        }
    }
    if let Some((n, prompt)) = numbered(t) {
        return Block::Question(prompt.into(), Some(n), false);
    }
    if strip_marker(t).len() < t.len() {
        return Block::Item(strip_marker(t).to_string());
    }
    Block::Text(t.to_string())
}

/// Whether a text reads as Markdown notes: one of its first 200 lines is a heading or a
/// question line (`Q:`, `Q12.`).
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .take(200)
        .any(|l| matches!(classify(l, false), Block::Heading(..) | Block::Question(..)))
}

fn strip_prefix_ignore_case<'a>(t: &'a str, p: &str) -> Option<&'a str> {
    let head = t.get(..p.len())?;
    head.eq_ignore_ascii_case(p).then(|| &t[p.len()..])
}

/// `Q12. prompt` -> (12, "prompt").
fn numbered(t: &str) -> Option<(u32, &str)> {
    let rest = t.strip_prefix(['Q', 'q'])?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let prompt = rest.get(digits..)?.strip_prefix('.')?;
    if digits == 0 || !prompt.starts_with(' ') {
        return None;
    }
    Some((rest[..digits].parse().ok()?, prompt.trim()))
}

/// An answer in the making: its items and its paragraphs, each with the line it started on.
#[derive(Default)]
struct Answer {
    items: Vec<String>,
    texts: Vec<String>,
    /// What the next lazy line continues: an item (true) or a paragraph (false).
    open: Option<bool>,
}

impl Answer {
    fn item(&mut self, text: &str) {
        self.items.push(text.to_string());
        self.open = Some(true);
    }

    fn text(&mut self, text: &str) {
        match self.open {
            Some(true) => push_words(self.items.last_mut(), text),
            Some(false) => push_words(self.texts.last_mut(), text),
            None => {
                self.texts.push(text.to_string());
                self.open = Some(false);
            }
        }
    }

    fn blank(&mut self) {
        self.open = None;
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty() && self.texts.is_empty()
    }

    /// Bullets and notes: the items (split where a wrapped line ran two together) and the
    /// paragraphs as notes; with no items, the paragraphs' lines or sentences.
    fn finish(self) -> (Vec<String>, Vec<String>) {
        let items: Vec<String> = self.items.iter().flat_map(|i| run_together(i)).collect();
        let texts: Vec<String> = self.texts.iter().flat_map(|t| run_together(t)).collect();
        if items.is_empty() {
            (bullets_from_lines(&texts), Vec::new())
        } else {
            (items, texts)
        }
    }
}

fn push_words(target: Option<&mut String>, more: &str) {
    if let Some(t) = target {
        t.push(' ');
        t.push_str(more);
    }
}

/// Splits text where copying ran two list items together: at `- ` after a full stop or a
/// closing bracket (`...bytecode. - Python runs it`).
fn run_together(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i + 2 < b.len() {
        if b[i] == b'-' && b[i + 1] == b' ' && i > start {
            let before = text[start..i].trim_end();
            if before.ends_with(['.', ')', '!', '?', ':']) {
                out.push(before.to_string());
                start = i + 2;
            }
        }
        i += 1;
    }
    out.push(text[start..].trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

/// The reading of a whole file: questions found so far, the headings above, the question being
/// read and its answer.
struct Reader {
    cards: Vec<Card>,
    skipped: Vec<Skipped>,
    headings: Vec<(usize, String)>,
    current: Option<Card>,
    answer: Answer,
    /// A heading waiting to see whether content (a question) or a heading (a chapter) follows.
    pending: Option<(usize, String, usize)>,
    /// `Q:` blocks: lines after it continue the prompt until `A:`.
    in_prompt: bool,
    description: Vec<String>,
}

/// Parses Markdown notes into a bank.
pub fn parse(text: &str, name: &str) -> Result<Imported> {
    let mut r = Reader {
        cards: Vec::new(),
        skipped: Vec::new(),
        headings: Vec::new(),
        current: None,
        answer: Answer::default(),
        pending: None,
        in_prompt: false,
        description: Vec::new(),
    };
    let mut fence = false;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fence = !fence;
            continue;
        }
        r.line(n, classify(line, fence));
    }
    r.close_question();
    r.close_pending(None);
    if r.cards.is_empty() && r.skipped.is_empty() {
        r.skipped.push(Skipped::new(
            Origin::Whole,
            "no question found, reading it as Markdown notes: they need `Q:`/`A:` blocks, \
             `## question` headings over `- bullet` lists, or `Q1.` lines",
        ));
    }
    let mut report = Report {
        format: "Markdown notes".into(),
        skipped: r.skipped,
        ..Report::default()
    };
    let mut bank: Bank = build(r.cards, None, name, &mut report)?;
    let description = clean(&r.description.join(" "));
    bank.description = (!description.is_empty()).then_some(description);
    Ok(Imported { bank, report })
}

impl Reader {
    fn line(&mut self, n: usize, block: Block) {
        match block {
            Block::Heading(level, text) => {
                self.close_question();
                self.close_pending(Some(level));
                self.pending = Some((level, text, n));
            }
            Block::Question(prompt, id, colon) => {
                self.close_question();
                // A heading over `Q:` lines is their chapter.
                self.close_pending(Some(usize::MAX));
                self.open(n, prompt, id);
                self.in_prompt = colon;
            }
            Block::Answer(text) => {
                if self.current.is_none() {
                    self.skipped.push(Skipped::new(
                        Origin::Line(n),
                        "an answer (`A:`) with no question (`Q:`) above it; ignored",
                    ));
                    return;
                }
                self.in_prompt = false;
                self.answer.blank();
                if !text.is_empty() {
                    self.content(n, Block::Text(text));
                }
            }
            Block::Blank => {
                self.answer.blank();
                if self.in_prompt {
                    self.in_prompt = self.current.as_ref().is_some_and(|c| c.prompt.is_empty());
                }
            }
            other => self.content(n, other),
        }
    }

    /// An item or a line of text: part of the question being read, or the start of one under
    /// a heading, or the description before any question.
    fn content(&mut self, n: usize, block: Block) {
        if self.in_prompt
            && let (Block::Text(t), Some(c)) = (&block, self.current.as_mut())
        {
            c.prompt.push(' ');
            c.prompt.push_str(t);
            return;
        }
        if self.current.is_none()
            && let Some((level, text, line)) = self.pending.take()
        {
            self.headings.retain(|(l, _)| *l < level);
            self.open(line, text, None);
        }
        if self.current.is_none() {
            match block {
                Block::Text(t) if self.cards.is_empty() && self.headings.is_empty() => {
                    self.description.push(t)
                }
                _ => self.skipped.push(Skipped::new(
                    Origin::Line(n),
                    "text outside any question (under no `Q:`, `Q<n>.` or question heading); \
                     ignored",
                )),
            }
            return;
        }
        match block {
            Block::Item(t) => self.answer.item(&t),
            Block::Text(t) => self.answer.text(&t),
            _ => {}
        }
    }

    fn open(&mut self, line: usize, prompt: String, id: Option<u32>) {
        self.current = Some(Card {
            chapter: self.headings.iter().map(|(_, h)| h.clone()).collect(),
            prompt,
            bullets: Vec::new(),
            notes: Vec::new(),
            tags: Vec::new(),
            id,
            at: Origin::Line(line),
        });
        self.answer = Answer::default();
    }

    fn close_question(&mut self) {
        self.in_prompt = false;
        if let Some(mut card) = self.current.take() {
            let answer = std::mem::take(&mut self.answer);
            if answer.is_empty() {
                self.skipped.push(Skipped::new(
                    card.at,
                    format!(
                        "no answer under `{}`: add `A:` or `- bullet` lines",
                        super::import::short(&card.prompt)
                    ),
                ));
                return;
            }
            let (bullets, notes) = answer.finish();
            card.bullets = bullets;
            card.notes = notes;
            self.cards.push(card);
        }
    }

    /// A heading followed by another heading: a chapter when the next one is deeper; with
    /// nothing under it otherwise (the next at its level or above, `next`, or the end).
    fn close_pending(&mut self, next: Option<usize>) {
        if let Some((level, text, line)) = self.pending.take() {
            self.headings.retain(|(l, _)| *l < level);
            if next.is_some_and(|n| n > level) {
                self.headings.push((level, text));
            } else {
                self.skipped.push(Skipped::new(
                    Origin::Line(line),
                    format!(
                        "nothing under the heading `{}`: a question heading needs `- bullet` \
                         lines or text under it; ignored",
                        super::import::short(&text)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank(text: &str) -> (Bank, Report) {
        let i = parse(text, "notes.md").unwrap();
        (i.bank, i.report)
    }

    #[test]
    fn q_and_a_blocks_under_chapter_headings() {
        let (b, _) = bank(
            "Intro text.\n\n# SQL\n## Joins\nQ: What does a LEFT JOIN\nkeep?\nA: Every row of the left table. Matches from the right.\n\nQ: And INNER?\nA:\n- only matches\n- on the key\n\nA note.\n",
        );
        assert_eq!(b.title, "SQL");
        assert_eq!(b.description.as_deref(), Some("Intro text."));
        assert_eq!(b.chapters[0].title, "Joins");
        let q = &b.chapters[0].questions;
        assert_eq!(q[0].prompt, "What does a LEFT JOIN keep?");
        assert_eq!(
            q[0].bullets,
            ["Every row of the left table.", "Matches from the right."]
        );
        assert_eq!(q[1].bullets, ["only matches", "on the key"]);
        assert_eq!(q[1].notes, ["A note."]);
    }

    #[test]
    fn headings_with_lists_are_questions() {
        let (b, _) = bank(
            "# Databases\n\n## Indexes\n\n### What is an index?\n- speeds lookups\n- costs writes\n\n### What is a view?\nA stored query.\n",
        );
        assert_eq!(b.title, "Databases");
        assert_eq!(b.chapters.len(), 1);
        assert_eq!(b.chapters[0].title, "Indexes");
        let q = &b.chapters[0].questions;
        assert_eq!(q[0].prompt, "What is an index?");
        assert_eq!(q[0].bullets, ["speeds lookups", "costs writes"]);
        assert_eq!(q[1].bullets, ["A stored query."]);
    }

    #[test]
    fn numbered_questions_keep_numbers_and_mend_run_together_items() {
        let (b, _) = bank(
            "A guide.\nQ3. What?\n- Compiler makes bytecode (\n.pyc). - VM runs it.\n- Cached in\n__pycache__for reuse.\nQ5. Why?\npassis a no-op.- Use it in stubs.\n",
        );
        let q = &b.chapters[0].questions;
        assert_eq!((q[0].id, q[1].id), (3, 5));
        assert_eq!(
            q[0].bullets,
            [
                "Compiler makes bytecode ( .pyc).",
                "VM runs it.",
                "Cached in __pycache__for reuse."
            ]
        );
        assert_eq!(q[1].bullets, ["passis a no-op.", "Use it in stubs."]);
    }

    #[test]
    fn what_cannot_be_placed_is_reported_with_its_line() {
        let i = parse(
            "# Ch\n## Q one?\n- a\nA: stray\n## Empty?\n\n## Two?\nyes\n",
            "n.md",
        )
        .unwrap();
        let s: Vec<String> = i
            .report
            .skipped
            .iter()
            .map(|s| s.display_in("n.md"))
            .collect();
        assert_eq!(
            s,
            [
                "n.md:5: nothing under the heading `Empty?`: a question heading needs `- bullet` lines or text under it; ignored"
            ]
        );
        // `A:` after a heading question adds to its answer.
        assert_eq!(i.bank.chapters[0].questions[0].bullets, ["a"]);
        assert_eq!(i.bank.chapters[0].questions[0].notes, ["stray"]);
        let e = parse("A: nothing asked\n- x\n", "n.md")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("n.md:1: an answer (`A:`) with no question"),
            "{e}"
        );
        assert!(e.contains("n.md:2: text outside any question"), "{e}");
    }
}
