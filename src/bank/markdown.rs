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
//! A heading with text under it is a question unless questions follow under it (a `Q:` or
//! `Q<n>.` line, or a deeper heading) before the next heading at its level or above: then it is
//! a chapter (or the bank's title) and the text was its introduction (`# SQL`, a paragraph, then
//! `Q:` blocks). A heading that ends in `?`, or with a list right under it, is always a question.
//! Text before the first question is the bank's description (an introduction under a chapter
//! heading after that is reported: grill's chapters have no description); text after a
//! question's list is its notes. A list item's lines may wrap without indentation (Markdown's
//! lazy continuation), and a wrapped line holding `. - ` starts a new item there (copied text
//! often loses its line breaks that way). What cannot be placed is reported with its line.

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
    /// What a reader should know of how the file was read (`Report::remarks`).
    remarks: Vec<String>,
    skipped: Vec<Skipped>,
    headings: Vec<(usize, String)>,
    current: Option<Card>,
    answer: Answer,
    /// A heading waiting to see whether content (a question) or a heading (a chapter) follows.
    pending: Option<(usize, String, usize)>,
    /// `Q:` blocks: lines after it continue the prompt until `A:`.
    in_prompt: bool,
    description: Vec<String>,
    /// The question being read when it may yet be a chapter's heading over its introduction.
    intro: Option<Intro>,
}

/// A heading read as a question over text, kept as it was written until what follows decides:
/// questions under it make it a chapter and its text an introduction.
struct Intro {
    level: usize,
    heading: String,
    /// The text and list items under it (true for an item).
    parts: Vec<(bool, String)>,
    /// The line of the first.
    line: usize,
}

impl Intro {
    /// Its words as one paragraph: lines joined by spaces, list items by `; `.
    fn text(&self) -> String {
        let mut out = String::new();
        let mut last_item = false;
        for (item, t) in &self.parts {
            if !out.is_empty() {
                out.push_str(if *item && last_item { "; " } else { " " });
            }
            out.push_str(t);
            last_item = *item;
        }
        out
    }
}

/// Parses Markdown notes into a bank.
pub fn parse(text: &str, name: &str) -> Result<Imported> {
    let mut r = Reader {
        cards: Vec::new(),
        remarks: Vec::new(),
        skipped: Vec::new(),
        headings: Vec::new(),
        current: None,
        answer: Answer::default(),
        pending: None,
        in_prompt: false,
        description: Vec::new(),
        intro: None,
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
        remarks: r.remarks,
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
                // A deeper heading under a heading's text: that heading is its chapter.
                if self.intro.as_ref().is_some_and(|i| level > i.level) {
                    self.intro_to_chapter();
                }
                self.close_question();
                self.close_pending(Some(level));
                self.pending = Some((level, text, n));
            }
            Block::Question(prompt, id, colon) => {
                // A question under a heading's text: that heading is its chapter.
                self.intro_to_chapter();
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
                // `A:` under a heading's text: the heading is asked.
                self.intro = None;
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
            // Text (not a list) under a heading that does not end in `?` may introduce a chapter.
            if matches!(block, Block::Text(_)) && !text.ends_with('?') {
                self.intro = Some(Intro {
                    level,
                    heading: text.clone(),
                    parts: Vec::new(),
                    line: n,
                });
            }
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
        if let Some(intro) = self.intro.as_mut()
            && let Block::Item(t) | Block::Text(t) = &block
        {
            intro
                .parts
                .push((matches!(block, Block::Item(_)), t.clone()));
        }
        match block {
            Block::Item(t) => self.answer.item(&t),
            Block::Text(t) => self.answer.text(&t),
            _ => {}
        }
    }

    /// The question being read, when it was a heading over text, becomes a chapter heading
    /// after all, its text an introduction: the bank's description before the first question,
    /// reported after it (a chapter has no description).
    fn intro_to_chapter(&mut self) {
        let Some(intro) = self.intro.take() else {
            return;
        };
        self.current = None;
        self.answer = Answer::default();
        self.headings.retain(|(l, _)| *l < intro.level);
        let text = intro.text();
        if self.cards.is_empty() {
            // Said, since a heading over text may have been meant as a question ("## Describe
            // the GIL" over its answer, before `Q:` blocks).
            let heading = super::import::short(&intro.heading);
            self.remarks.push(format!(
                "line {}: the text under `{heading}`, then questions: read as the bank's \
                 description, `{heading}` as a heading; end it with `?` to make it a question",
                intro.line,
            ));
            self.description.push(text);
        } else {
            self.skipped.push(Skipped::new(
                Origin::Line(intro.line),
                format!(
                    "text under the chapter heading `{}`, above its questions: a chapter has no \
                     description (only text before the first question is kept, as the bank's); \
                     ignored",
                    super::import::short(&intro.heading)
                ),
            ));
        }
        self.headings.push((intro.level, intro.heading));
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
        self.intro = None;
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

    /// Each question's (chapter, prompt, bullets), in order.
    fn questions(b: &Bank) -> Vec<(String, String, Vec<String>)> {
        b.chapters
            .iter()
            .flat_map(|c| {
                c.questions
                    .iter()
                    .map(|q| (c.title.clone(), q.prompt.clone(), q.bullets.clone()))
            })
            .collect()
    }

    #[test]
    fn a_top_heading_over_intro_text_is_the_title_and_the_text_the_description() {
        // The try-out's file: `# SQL` over a paragraph, then a `Q:` block.
        let (b, r) = bank(
            "# SQL\nSome description here.\n\nQ: What does a LEFT JOIN keep?\nA: Every row of the left table.\n",
        );
        assert_eq!(b.title, "SQL");
        assert_eq!(b.description.as_deref(), Some("Some description here."));
        assert_eq!(
            questions(&b),
            [(
                "SQL".into(),
                "What does a LEFT JOIN keep?".into(),
                vec!["Every row of the left table.".into()]
            )]
        );
        assert!(r.skipped.is_empty(), "{:?}", r.skipped);
        // Said, in case the heading was meant as a question ("## Describe the GIL").
        assert_eq!(r.remarks.len(), 1, "{:?}", r.remarks);
        assert!(
            r.remarks[0].starts_with("line 2: the text under `SQL`, then questions"),
            "{:?}",
            r.remarks
        );
        // Paragraphs, a list in the introduction, then `Q<n>.` lines, `**Q:**` or deeper
        // question headings: the same.
        for (text, description) in [
            (
                "# SQL\n\nSome description\nwrapped.\n\nAnd more.\n\nQ1. What does a LEFT JOIN keep?\n- Every row of the left table.\n",
                "Some description wrapped. And more.",
            ),
            (
                "# SQL\nThis bank covers:\n- joins\n- indexes\n\n**Q:** What does a LEFT JOIN keep?\n**A:** Every row of the left table.\n",
                "This bank covers: joins; indexes",
            ),
            (
                "# SQL\nSome description here.\n\n## What does a LEFT JOIN keep?\n- Every row of the left table.\n",
                "Some description here.",
            ),
            (
                "# SQL\nSome description here.\n\n## Explain what a LEFT JOIN keeps\nEvery row of the left table.\n",
                "Some description here.",
            ),
        ] {
            let (b, r) = bank(text);
            assert_eq!(b.title, "SQL", "{text}");
            assert_eq!(b.description.as_deref(), Some(description), "{text}");
            assert_eq!(b.question_count(), 1, "{text}");
            assert_eq!(
                b.chapters[0].questions[0].bullets,
                ["Every row of the left table."],
                "{text}"
            );
            assert!(r.skipped.is_empty(), "{text}: {:?}", r.skipped);
        }
    }

    #[test]
    fn chapter_headings_over_intro_text_stay_chapters() {
        // Several top headings, each over a paragraph: chapters. The text before the first
        // question is the description; a later chapter's has nowhere to go and is reported.
        let i = parse(
            "# Joins\nJoins combine rows.\n\nQ: What does a LEFT JOIN keep?\nA: Every left row.\n\n# Indexes\nIndexes speed reads.\n\nQ: What is an index?\nA: A lookup structure.\n",
            "n.md",
        )
        .unwrap();
        assert_eq!(i.bank.title, "n");
        assert_eq!(i.bank.description.as_deref(), Some("Joins combine rows."));
        let q = questions(&i.bank);
        assert_eq!(q.len(), 2);
        assert_eq!(
            (q[0].0.as_str(), q[0].1.as_str()),
            ("Joins", "What does a LEFT JOIN keep?")
        );
        assert_eq!(
            (q[1].0.as_str(), q[1].1.as_str()),
            ("Indexes", "What is an index?")
        );
        let s: Vec<String> = i
            .report
            .skipped
            .iter()
            .map(|s| s.display_in("n.md"))
            .collect();
        assert_eq!(
            s,
            [
                "n.md:8: text under the chapter heading `Indexes`, above its questions: a chapter has no description (only text before the first question is kept, as the bank's); ignored"
            ]
        );
        // A title over an introduction, over chapters with their own, over questions of each
        // style.
        let (b, r) = bank(
            "# SQL\nIntro.\n\n## Joins\nAbout joins.\n\nQ: What does a LEFT JOIN keep?\nA: Every left row.\n\n## Indexes\nAbout indexes.\n\n### What is an index?\n- a lookup structure\n\n### Explain a covering index\nIt holds every column asked for.\n\n## Views\nAbout views.\nQ7. What is a view?\n- a stored query\n",
        );
        assert_eq!(b.title, "SQL");
        assert_eq!(b.description.as_deref(), Some("Intro. About joins."));
        let titles: Vec<&str> = b.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Joins", "Indexes", "Views"]);
        let prompts: Vec<String> = questions(&b).into_iter().map(|q| q.1).collect();
        assert_eq!(
            prompts,
            [
                "What does a LEFT JOIN keep?",
                "What is an index?",
                "Explain a covering index",
                "What is a view?"
            ]
        );
        let lines: Vec<Origin> = r.skipped.iter().map(|s| s.at).collect();
        assert_eq!(lines, [Origin::Line(11), Origin::Line(20)]);
    }

    #[test]
    fn a_heading_over_text_is_still_a_question_when_nothing_says_otherwise() {
        for text in [
            // Alone, or followed by a heading at its level: a question answered in text.
            "# Explain a LEFT JOIN\nIt keeps every left row.\n",
            "## Explain a LEFT JOIN\nIt keeps every left row.\n## Explain an index\nA lookup structure.\n",
            // Asked (`?`), or answered in a list, or with `A:`: a question even when `Q:`
            // blocks or deeper headings follow.
            "## What does a LEFT JOIN keep?\nIt keeps every left row.\n\nQ: What is an index?\nA: A lookup structure.\n",
            "## What does a LEFT JOIN keep?\nIt keeps every left row.\n### What is an index?\n- A lookup structure.\n",
            "## Explain a LEFT JOIN\n- It keeps every left row.\n\nQ: What is an index?\nA: A lookup structure.\n",
            "## Explain a LEFT JOIN\nIn short:\nA: It keeps every left row.\n\nQ1. What is an index?\n- A lookup structure.\n",
        ] {
            let (b, r) = bank(text);
            assert_eq!(b.description, None, "{text}");
            let q = questions(&b);
            assert!(
                q[0].1.contains("LEFT JOIN") && q[0].2.iter().any(|b| b.contains("every left row")),
                "{text}: {q:?}"
            );
            assert_eq!(
                q.len(),
                1 + usize::from(text.contains("index")),
                "{text}: {q:?}"
            );
            assert!(r.skipped.is_empty(), "{text}: {:?}", r.skipped);
        }
    }
}
