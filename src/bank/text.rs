//! The plain-text bank format, in the guide's own shape, for people writing banks in an editor:
//!
//! ```text
//! title: My bank
//! # basics: Language basics
//! Q1. What is a closure?
//! - A function that captures variables of its enclosing scope.
//! - Captured names are looked up when the function runs.
//! > Closures bind late: `[lambda: i for i in range(3)]` all return 2.
//! ## Synonyms
//! - closure, closures
//! ## Tips
//! - Say it aloud.
//! ```
//!
//! Indented lines continue the item above, so long bullets can be wrapped by hand. An indented
//! line starting with `| ` under a bullet is another wording of it, which meets it as well
//! (`alternatives`). Lines starting with `> ` after a question's bullets are its notes: shown
//! after the reference, never scored.

use super::{BANK_HINT, Bank, Chapter, FORMAT_VERSION, Lines, Question, check};
use crate::error::{Error, Problem, Result};

/// Trims and folds runs of white space, so both formats hold the same text and round-trip.
pub fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A title from a file name, for banks that give none.
pub fn title_from_name(name: &str) -> String {
    let stem = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let t = stem
        .trim_matches(|c| c == '<' || c == '>')
        .replace(['-', '_'], " ");
    if t.trim().is_empty() {
        "Untitled bank".into()
    } else {
        t
    }
}

/// A chapter id made from a title: lowercase words joined by `-`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Header,
    Chapter,
    Tips,
    Synonyms,
}

/// Where the last indented continuation line should go.
#[derive(Clone, Copy)]
enum Last {
    None,
    Prompt,
    Bullet,
    /// An alternative wording of the question's last bullet.
    Alternative,
    Note,
    Tip,
    Synonym,
    Description,
}

/// The state of one pass over a text bank: what has been read so far, and where continuation
/// lines go. One method per kind of line, so each rule reads on its own.
struct Parser {
    problems: Vec<Problem>,
    title: String,
    description: String,
    chapters: Vec<Chapter>,
    lines: Lines,
    tips: Vec<String>,
    synonym_lines: Vec<String>,
    section: Section,
    last: Last,
}

/// Parses the text format, reporting every problem with its line.
pub fn parse(text: &str, name: &str) -> Result<Bank> {
    let mut p = Parser {
        problems: Vec::new(),
        title: String::new(),
        description: String::new(),
        chapters: Vec::new(),
        lines: Lines::default(),
        tips: Vec::new(),
        synonym_lines: Vec::new(),
        section: Section::Header,
        last: Last::None,
    };
    for (i, raw) in text.lines().enumerate() {
        p.line(i + 1, raw);
    }
    p.finish(name)
}

impl Parser {
    /// Reads line `n` (1-based).
    fn line(&mut self, n: usize, raw: &str) {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            return;
        }
        // Indented text continues the item above it, or words a bullet another way (`| `).
        if line.starts_with([' ', '\t']) && !line.trim_start().starts_with("- ") {
            let trimmed = line.trim();
            match trimmed.strip_prefix('|') {
                Some(rest) if rest.is_empty() || rest.starts_with(' ') => {
                    self.alternative(n, rest.trim());
                }
                _ => self.continuation(n, trimmed),
            }
            return;
        }
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("##") {
            self.section_heading(n, rest.trim());
        } else if let Some(rest) = line.strip_prefix('#') {
            self.chapter_heading(n, rest.trim());
        } else if let Some((qid, prompt)) = question_line(line) {
            self.question(n, qid, prompt);
        } else if line == ">" || line.starts_with("> ") {
            self.note(n, line[1..].trim().to_string());
        } else if line == "-" || line.starts_with("- ") {
            self.item(n, line[1..].trim().to_string());
        } else if self.section == Section::Chapter
            && let Some(words) = line.strip_prefix("tags:")
        {
            self.tags(n, words);
        } else if self.section == Section::Header
            && let Some((key, value)) = line.split_once(':')
            && ["title", "description", "format"].contains(&key.trim().to_lowercase().as_str())
        {
            self.header_field(n, &key.trim().to_lowercase(), value.trim());
        } else {
            let shown: String = line.chars().take(40).collect();
            self.problems.push(Problem::at(
                n,
                format!(
                    "cannot read `{shown}`: expected `# Chapter title`, `Q<n>. prompt`, `- bullet`{}",
                    if self.section == Section::Header { " or `title: ...`" } else { "" }
                ),
            ));
        }
    }

    /// The last question read, if any.
    fn last_question(&mut self) -> Option<&mut Question> {
        self.chapters
            .last_mut()
            .and_then(|c| c.questions.last_mut())
    }

    /// An indented line: appended to the item read last.
    fn continuation(&mut self, n: usize, more: &str) {
        let target = match self.last {
            Last::Prompt => self.last_question().map(|q| &mut q.prompt),
            Last::Bullet => self.last_question().and_then(|q| q.bullets.last_mut()),
            Last::Alternative => self.last_question().and_then(|q| {
                let last = u32::try_from(q.bullets.len()).ok()?;
                q.alternatives.get_mut(&last)?.last_mut()
            }),
            Last::Note => self.last_question().and_then(|q| q.notes.last_mut()),
            Last::Tip => self.tips.last_mut(),
            Last::Synonym => self.synonym_lines.last_mut(),
            Last::Description => Some(&mut self.description),
            Last::None => None,
        };
        match target {
            Some(t) => {
                t.push(' ');
                t.push_str(more);
            }
            None => self.problems.push(Problem::at(
                n,
                "an indented line continues nothing above it",
            )),
        }
    }

    /// `  | wording`: another wording of the bullet just read.
    fn alternative(&mut self, n: usize, wording: &str) {
        let after_bullet = matches!(self.last, Last::Bullet | Last::Alternative);
        let Some(q) = self.last_question().filter(|_| after_bullet) else {
            self.problems.push(Problem::at(
                n,
                "an alternative wording (`| ...`) must follow a bullet (`- ...`), indented",
            ));
            return;
        };
        if wording.is_empty() {
            self.problems
                .push(Problem::at(n, "an alternative wording is empty"));
            return;
        }
        let bullet = u32::try_from(q.bullets.len()).unwrap_or(u32::MAX);
        q.alternatives
            .entry(bullet)
            .or_default()
            .push(wording.to_string());
        self.last = Last::Alternative;
    }

    /// `## Tips` or `## Synonyms`.
    fn section_heading(&mut self, n: usize, name: &str) {
        self.section = if name.eq_ignore_ascii_case("tips") {
            Section::Tips
        } else if name.eq_ignore_ascii_case("synonyms") {
            Section::Synonyms
        } else {
            self.problems.push(Problem::at(
                n,
                format!(
                    "unknown section `## {name}`; the sections are `## Tips` and `## Synonyms`"
                ),
            ));
            Section::Tips
        };
        self.last = Last::None;
    }

    /// `# id: Title` or `# Title` (the id is then its slug).
    fn chapter_heading(&mut self, n: usize, heading: &str) {
        let (id, ctitle) = match heading.split_once(':') {
            Some((id, t)) if !id.trim().is_empty() && !id.trim().contains(char::is_whitespace) => {
                (id.trim().to_string(), t.trim().to_string())
            }
            _ => (slug(heading), heading.to_string()),
        };
        self.chapters.push(Chapter {
            id,
            title: ctitle,
            questions: Vec::new(),
        });
        self.lines.chapters.push(n);
        self.lines.questions.push(Vec::new());
        self.lines.bullets.push(Vec::new());
        self.lines.notes.push(Vec::new());
        self.section = Section::Chapter;
        self.last = Last::None;
    }

    /// `Q<n>. prompt`.
    fn question(&mut self, n: usize, qid: &str, prompt: &str) {
        if self.section == Section::Tips || self.section == Section::Synonyms {
            self.problems.push(Problem::at(
                n,
                "a question inside `## Tips` or `## Synonyms`; put it under a `# Chapter` heading",
            ));
            return;
        }
        if self.chapters.is_empty() {
            self.problems.push(Problem::at(
                n,
                "a question before any chapter heading; add a `# Chapter title` line above it",
            ));
            return;
        }
        // 0 marks an id already reported here (see `check`).
        let id = match qid.parse::<u32>() {
            Ok(0) => {
                self.problems.push(Problem::at(
                    n,
                    format!(
                        "question number `{qid}` is not a positive whole number (ids start at 1)"
                    ),
                ));
                0
            }
            Ok(v) => v,
            Err(_) => {
                self.problems.push(Problem::at(
                    n,
                    format!("question number `{qid}` is too large"),
                ));
                0
            }
        };
        let ch = self.chapters.last_mut().expect("checked above");
        ch.questions.push(Question {
            id,
            prompt: prompt.trim().to_string(),
            bullets: Vec::new(),
            notes: Vec::new(),
            alternatives: Default::default(),
            tags: Vec::new(),
        });
        self.lines
            .questions
            .last_mut()
            .expect("pushed with its chapter")
            .push(n);
        self.lines
            .bullets
            .last_mut()
            .expect("pushed with its chapter")
            .push(Vec::new());
        self.lines
            .notes
            .last_mut()
            .expect("pushed with its chapter")
            .push(Vec::new());
        self.last = Last::Prompt;
    }

    /// `> note`, after a question's bullets.
    fn note(&mut self, n: usize, item: String) {
        let in_chapter = self.section == Section::Chapter;
        match self.last_question() {
            Some(q) if in_chapter => {
                q.notes.push(item);
                self.lines
                    .notes
                    .last_mut()
                    .and_then(|v| v.last_mut())
                    .expect("pushed with its question")
                    .push(n);
                self.last = Last::Note;
            }
            _ => self.problems.push(Problem::at(
                n,
                "a note outside any question; put `> note` lines after a question's bullets",
            )),
        }
    }

    /// `- item`: a tip, a synonym line or a bullet, by section.
    fn item(&mut self, n: usize, item: String) {
        match self.section {
            Section::Tips => {
                self.tips.push(item);
                self.last = Last::Tip;
            }
            Section::Synonyms => {
                self.synonym_lines.push(item);
                self.lines.synonyms.push(n);
                self.last = Last::Synonym;
            }
            Section::Header | Section::Chapter => self.bullet(n, item),
        }
    }

    /// `- bullet` under a question.
    fn bullet(&mut self, n: usize, item: String) {
        let Some(q) = self.last_question() else {
            self.problems.push(Problem::at(
                n,
                "a bullet outside any question; put it under a `Q<n>. prompt` line",
            ));
            return;
        };
        let late = (!q.notes.is_empty()).then_some(q.id);
        q.bullets.push(item);
        if let Some(id) = late {
            self.problems.push(Problem::at(
                n,
                format!(
                    "a bullet after the notes of question {id}; notes (`> `) come after the bullets"
                ),
            ));
        }
        self.lines
            .bullets
            .last_mut()
            .and_then(|v| v.last_mut())
            .expect("pushed with its question")
            .push(n);
        self.last = Last::Bullet;
    }

    /// `tags: word word` after a question's bullets (its Anki tags, say).
    fn tags(&mut self, n: usize, words: &str) {
        match self.last_question() {
            Some(q) => q.tags.extend(words.split_whitespace().map(str::to_string)),
            None => self.problems.push(Problem::at(
                n,
                "tags outside any question; put a `tags: word word` line after a question's bullets",
            )),
        }
        self.last = Last::None;
    }

    /// `title:`, `description:` or `format:` in the header.
    fn header_field(&mut self, n: usize, key: &str, value: &str) {
        match key {
            "title" => self.title = value.to_string(),
            "description" => {
                self.description = value.to_string();
                self.last = Last::Description;
            }
            _ => {
                if value.parse::<u32>() != Ok(FORMAT_VERSION) {
                    self.problems.push(Problem::at(
                        n,
                        format!("unknown format version `{value}`; this grill reads format {FORMAT_VERSION}"),
                    ));
                }
            }
        }
    }

    /// Cleans the text read, checks the bank and returns it, or every problem found.
    fn finish(mut self, name: &str) -> Result<Bank> {
        for c in &mut self.chapters {
            c.title = clean(&c.title);
            for q in &mut c.questions {
                q.prompt = clean(&q.prompt);
                q.bullets.iter_mut().for_each(|b| *b = clean(b));
                q.notes.iter_mut().for_each(|n| *n = clean(n));
            }
        }
        let synonyms: Vec<Vec<String>> = self
            .synonym_lines
            .iter()
            .map(|l| l.split(',').map(clean).collect())
            .collect();
        let bank = Bank {
            title: if self.title.trim().is_empty() {
                title_from_name(name)
            } else {
                clean(&self.title)
            },
            description: (!self.description.trim().is_empty()).then(|| clean(&self.description)),
            chapters: self.chapters,
            tips: self.tips.iter().map(|t| clean(t)).collect(),
            synonyms,
        };
        let mut problems = self.problems;
        problems.extend(check(&bank, &self.lines));
        problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        if problems.is_empty() {
            Ok(bank)
        } else {
            Err(Error::Invalid {
                file: name.to_string(),
                problems,
                hint: BANK_HINT.to_string(),
            })
        }
    }
}

/// `Q12. prompt` (or `q12.`) -> ("12", "prompt").
fn question_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix(['Q', 'q'])?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    if digits == 0 {
        return None;
    }
    let prompt = rest[digits..].strip_prefix('.')?;
    Some((&rest[..digits], prompt))
}

/// The bank in the text format; parsing it gives the same bank back.
pub fn to_string(bank: &Bank) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "title: {}\nformat: {FORMAT_VERSION}\n",
        bank.title
    ));
    if let Some(d) = &bank.description {
        out.push_str(&format!("description: {d}\n"));
    }
    for c in &bank.chapters {
        out.push_str(&format!("\n# {}: {}\n", c.id, c.title));
        for q in &c.questions {
            out.push_str(&format!("\nQ{}. {}\n", q.id, q.prompt));
            for (i, b) in q.bullets.iter().enumerate() {
                out.push_str(&format!("- {b}\n"));
                let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
                for a in q.alternatives.get(&n).into_iter().flatten() {
                    out.push_str(&format!("  | {a}\n"));
                }
            }
            for n in &q.notes {
                out.push_str(&format!("> {n}\n"));
            }
            if !q.tags.is_empty() {
                out.push_str(&format!("tags: {}\n", q.tags.join(" ")));
            }
        }
    }
    if !bank.synonyms.is_empty() {
        out.push_str("\n## Synonyms\n");
        for g in &bank.synonyms {
            out.push_str(&format!("- {}\n", g.join(", ")));
        }
    }
    if !bank.tips.is_empty() {
        out.push_str("\n## Tips\n");
        for t in &bank.tips {
            out.push_str(&format!("- {t}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "b.txt") {
            Err(Error::Invalid { problems, .. }) => {
                problems.iter().map(|p| p.display_in("b.txt")).collect()
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn parses_headings_questions_bullets_and_sections() {
        let bank = parse(
            "title: T\ndescription: about\n  more\n# basics: The basics\nQ1. What is `x`?\n- one\n- two\n  wrapped\n# Second Part\nQ7. Why?\n- three\n## Synonyms\n- dict, dictionary\n## Tips\n- rest\n",
            "b.txt",
        )
        .unwrap();
        assert_eq!(bank.title, "T");
        assert_eq!(bank.description.as_deref(), Some("about more"));
        assert_eq!(bank.chapters[0].id, "basics");
        assert_eq!(bank.chapters[1].id, "second-part");
        assert_eq!(bank.chapters[1].title, "Second Part");
        assert_eq!(
            bank.chapters[0].questions[0].bullets,
            vec!["one", "two wrapped"]
        );
        assert_eq!(bank.chapters[1].questions[0].id, 7);
        assert_eq!(
            bank.synonyms,
            vec![vec!["dict".to_string(), "dictionary".to_string()]]
        );
        assert_eq!(bank.tips, vec!["rest"]);
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let p = problems(
            "- stray\n# a: A\nQ1. \n- ok\nQ1. dup\n-\nQ2. none\n# b: B\nwhat is this\n## Other\n",
        );
        assert_eq!(
            p,
            vec![
                "b.txt:1: a bullet outside any question; put it under a `Q<n>. prompt` line",
                "b.txt:3: question 1 has an empty prompt",
                "b.txt:5: duplicate question id 1 (first at line 3)",
                "b.txt:6: question 1 has an empty bullet",
                "b.txt:7: question 2 has no reference bullets",
                "b.txt:8: chapter `b` has no questions",
                "b.txt:9: cannot read `what is this`: expected `# Chapter title`, `Q<n>. prompt`, `- bullet`",
                "b.txt:10: unknown section `## Other`; the sections are `## Tips` and `## Synonyms`",
            ]
        );
    }

    #[test]
    fn question_id_zero_is_refused_at_its_line() {
        assert_eq!(
            problems("# a: A\nQ1. p\n- b\nQ00. q\n- c\n"),
            vec!["b.txt:4: question number `00` is not a positive whole number (ids start at 1)"]
        );
    }

    #[test]
    fn unknown_format_version_and_question_outside_chapter() {
        let p = problems("format: 2\nQ1. x\n- y\n");
        assert_eq!(
            p[0],
            "b.txt:1: unknown format version `2`; this grill reads format 1"
        );
        assert!(
            p[1].starts_with("b.txt:2: a question before any chapter heading"),
            "{p:?}"
        );
    }

    #[test]
    fn notes_follow_the_bullets_and_wrap() {
        let bank = parse(
            "# a: A\nQ1. p?\n- b1\n> first note\n  wrapped\n>  second  note\nQ2. q?\n- b2\n",
            "b.txt",
        )
        .unwrap();
        let q = &bank.chapters[0].questions;
        assert_eq!(q[0].bullets, vec!["b1"]);
        assert_eq!(q[0].notes, vec!["first note wrapped", "second note"]);
        assert!(q[1].notes.is_empty());
    }

    #[test]
    fn misplaced_and_empty_notes_are_reported_at_their_lines() {
        assert_eq!(
            problems("> early\n# a: A\nQ1. p\n- b\n>\n> n\n- late\n## Tips\n> tip?\n"),
            vec![
                "b.txt:1: a note outside any question; put `> note` lines after a question's bullets",
                "b.txt:5: question 1 has an empty note",
                "b.txt:7: a bullet after the notes of question 1; notes (`> `) come after the bullets",
                "b.txt:9: a note outside any question; put `> note` lines after a question's bullets",
            ]
        );
    }

    #[test]
    fn alternatives_follow_their_bullet_and_bad_ones_are_reported_at_their_lines() {
        let text = "# a: A\nQ1. Why?\n- One.\n  | first wording\n  | second wording,\n    wrapped\n- Two.\n  | third\n";
        let bank = parse(text, "b.txt").unwrap();
        let q = &bank.chapters[0].questions[0];
        assert_eq!(q.bullets, ["One.", "Two."]);
        assert_eq!(
            q.alternatives[&1],
            ["first wording", "second wording, wrapped"]
        );
        assert_eq!(q.alternatives[&2], ["third"]);
        // Exported and read again, the same bank.
        assert_eq!(parse(&to_string(&bank), "b.txt").unwrap(), bank);
        assert_eq!(
            problems(
                "# a: A\nQ1. Why?\n  | before any bullet\n- One.\n  |\n> note\n  | after a note\n"
            ),
            vec![
                "b.txt:3: an alternative wording (`| ...`) must follow a bullet (`- ...`), indented",
                "b.txt:5: an alternative wording is empty",
                "b.txt:7: an alternative wording (`| ...`) must follow a bullet (`- ...`), indented",
            ]
        );
    }

    #[test]
    fn tags_follow_a_question_and_round_trip() {
        let bank = parse("# a: A\nQ1. p?\n- b\n> n\ntags: sql  joins::inner\n", "t").unwrap();
        assert_eq!(bank.chapters[0].questions[0].tags, ["sql", "joins::inner"]);
        assert_eq!(parse(&to_string(&bank), "y").unwrap(), bank);
        assert_eq!(
            problems("# a: A\ntags: early\nQ1. p\n- b\n"),
            vec![
                "b.txt:2: tags outside any question; put a `tags: word word` line after a question's bullets"
            ]
        );
    }

    #[test]
    fn text_export_round_trips() {
        let src = "title: T\n# a: A\nQ3. p?\n- b1\n- b2\n> n1\n## Synonyms\n- fn, func, function\n## Tips\n- t\n";
        let bank = parse(src, "x").unwrap();
        assert_eq!(bank.chapters[0].questions[0].notes, vec!["n1"]);
        assert_eq!(parse(&to_string(&bank), "y").unwrap(), bank);
    }
}
