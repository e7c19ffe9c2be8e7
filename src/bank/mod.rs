//! The question bank: the model, loading it from the embedded default or a user's file, and the
//! chapter selector shared by every command.
//!
//! Two file formats hold a bank: the canonical JSON (`json`) and a plain-text format a person can
//! write in an editor (`text`). Both report every problem at once with its line, so a user fixes a
//! bank in one pass instead of one error per run.

pub mod anki;
mod controls;
pub mod csv;
pub mod import;
pub mod json;
pub mod library;
pub mod markdown;
pub mod text;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Problem, Result};

/// The version of the bank file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A bullet of more words than this gets a warning from `grill bank validate`: a bullet is one
/// idea (the longest in the built-in banks has 23 words, in the four dev sets' references 53),
/// and an answer meets a small share of a long one. Scoring stays linear in its length.
pub const LONG_BULLET_WORDS: usize = 100;

/// The heading over a question's notes wherever they are shown (never scored).
pub const NOTES_HEADING: &str = "Also worth knowing";

/// The default bank, compiled into the binary so grill works with no files around it.
pub const EMBEDDED_JSON: &str = include_str!("../../data/python-developer.json");

/// A question bank: chapters of questions, each with reference bullets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bank {
    /// The bank's title, shown in reports and saved with every session.
    pub title: String,
    /// An optional one-paragraph description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The chapters, in order.
    pub chapters: Vec<Chapter>,
    /// General study tips, shown at the end of a report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tips: Vec<String>,
    /// The bank's own synonym groups for the scorer (each group: words that mean the same).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<Vec<String>>,
}

/// A chapter: an id (a slug), a title and its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chapter {
    /// A short slug such as `concurrency`, used by `--chapter`.
    pub id: String,
    /// A human title.
    pub title: String,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

/// A question: its id (unique in the bank), its prompt, its reference bullets and any notes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// A positive number, unique within the bank.
    pub id: u32,
    /// The question as asked.
    pub prompt: String,
    /// The reference answer, one idea per bullet.
    pub bullets: Vec<String>,
    /// What an interviewer would also expect to hear, beyond the reference; shown after it,
    /// never scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Other wordings of a bullet that meet it as well as the bullet's own ("takes a function
    /// or returns one" for "Accepts or returns functions"), by bullet number (from 1): what a
    /// candidate naturally says where the guide's words differ. Scored, never shown as the
    /// reference. Absent from banks before issue 21.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alternatives: BTreeMap<u32, Vec<String>>,
    /// Labels carried from where the question came from (an Anki note's tags) and back to it:
    /// single words, never scored or shown in an interview. Added in format 1 as an optional
    /// field, so older grills read such a bank and ignore them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A question together with the chapter it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct Located<'a> {
    /// The chapter's index in the bank (0-based).
    pub chapter_index: usize,
    /// The chapter.
    pub chapter: &'a Chapter,
    /// The question.
    pub question: &'a Question,
}

/// The questions of a bank by id (`Bank::index`).
pub struct Index<'a>(FxHashMap<u32, Located<'a>>);

impl<'a> Index<'a> {
    /// The question with this id, if the bank has it.
    pub fn get(&self, id: u32) -> Option<Located<'a>> {
        self.0.get(&id).copied()
    }
}

impl Bank {
    /// The embedded default bank (the cleaned Python developer guide).
    pub fn embedded() -> Bank {
        // The embedded bank is grill's own canonical export, checked whole by the test suite
        // (`json::parse` with every line-aware check gives the same bank), so it is read by
        // plain deserialisation: the line index that user files need for their messages was a
        // fifth of `grill score -q`'s start-up. A failure here is a build defect.
        serde_json::from_str(EMBEDDED_JSON).expect("the embedded bank is valid")
    }

    /// Loads a bank file in either format, choosing by extension and then by content.
    pub fn load(path: &Path) -> Result<Bank> {
        if is_zip(path) {
            let shown = path.display();
            return Err(Error::input(format!(
                "{shown} is an Anki package (a zip), not a bank file: add it to the library with \
                 `grill bank add {shown} --name NAME` and use `--bank NAME`, or see it with \
                 `grill bank import {shown}`"
            )));
        }
        let text = crate::error::read_text_file(path, "a bank file")?;
        let name = if path == Path::new("-") {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let parsed = Bank::parse(&text, &name, format_of(path, &text));
        // A table or notes given where a bank goes: say how to bring it in, not only which of
        // its lines grill's formats cannot read.
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let kind = match ext.as_deref() {
            Some("csv" | "tsv") => "a CSV table",
            Some("md" | "markdown") => "Markdown notes",
            _ => return parsed,
        };
        parsed.map_err(|e| match e {
            Error::Invalid { file, problems, .. } => Error::Invalid {
                hint: format!(
                    "{file} is read as a bank file, in grill's own formats; if it is {kind}, \
                     add it to the library with `grill bank add {file} --name NAME` and use \
                     `--bank NAME`, or see what grill makes of it with `grill bank import {file}`"
                ),
                file,
                problems,
            },
            other => other,
        })
    }

    /// Parses bank text in the given format; `name` is used in error messages.
    pub fn parse(text: &str, name: &str, format: Format) -> Result<Bank> {
        if text.trim().is_empty() {
            return Err(Error::Invalid {
                file: name.to_string(),
                problems: vec![Problem::whole("the file is empty")],
                hint: BANK_HINT.to_string(),
            });
        }
        let parsed = match format {
            Format::Json => json::parse(text, name),
            Format::Text => text::parse(text, name),
        };
        let controls = controls::problems(text, format == Format::Json);
        if controls.is_empty() {
            return parsed;
        }
        // Reported with the parser's own problems, so one run lists everything to fix.
        let (mut problems, hint) = match parsed {
            Ok(_) => (Vec::new(), BANK_HINT.to_string()),
            Err(Error::Invalid { problems, hint, .. }) => (problems, hint),
            Err(other) => return Err(other),
        };
        problems.extend(controls);
        problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        Err(Error::Invalid {
            file: name.to_string(),
            problems,
            hint,
        })
    }

    /// Every question with its chapter, in bank order.
    pub fn questions(&self) -> impl Iterator<Item = Located<'_>> {
        self.chapters
            .iter()
            .enumerate()
            .flat_map(|(chapter_index, chapter)| {
                chapter.questions.iter().map(move |question| Located {
                    chapter_index,
                    chapter,
                    question,
                })
            })
    }

    /// What `grill bank validate` warns about in a bank that loads: bullets longer than
    /// [`LONG_BULLET_WORDS`] words, each named by its question and number.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = Vec::new();
        for l in self.questions() {
            for (i, b) in l.question.bullets.iter().enumerate() {
                let words = b.split_whitespace().count();
                if words > LONG_BULLET_WORDS {
                    warnings.push(format!(
                        "question {}, bullet {}: {words} words; a bullet is one idea, and an \
                         answer meets little of one over {LONG_BULLET_WORDS} words: split it",
                        l.question.id,
                        i + 1
                    ));
                }
            }
        }
        warnings
    }

    /// The number of questions in the bank.
    pub fn question_count(&self) -> usize {
        self.chapters.iter().map(|c| c.questions.len()).sum()
    }

    /// Finds a question by id. This walks the bank: a loop over many ids wants `index`.
    pub fn find(&self, id: u32) -> Option<Located<'_>> {
        self.questions().find(|l| l.question.id == id)
    }

    /// Every question by id, so that looking up each item of a long history costs the same
    /// whatever the size of the bank (`find` walks it: items times questions).
    pub fn index(&self) -> Index<'_> {
        let mut map = FxHashMap::default();
        map.reserve(self.questions().count());
        for l in self.questions() {
            // Ids are unique in a valid bank; if not, the first wins, as with `find`.
            map.entry(l.question.id).or_insert(l);
        }
        Index(map)
    }

    /// Finds a question by id, or explains which ids exist.
    pub fn question(&self, id: u32) -> Result<Located<'_>> {
        self.find(id).ok_or_else(|| {
            let (lo, hi) = self
                .questions()
                .map(|l| l.question.id)
                .fold((u32::MAX, 0), |(lo, hi), id| (lo.min(id), hi.max(id)));
            Error::input(format!(
                "no question {id} in the bank \"{}\"; its ids run from {lo} to {hi} \
                 (see `grill bank list`)",
                self.title
            ))
        })
    }

    /// Resolves a chapter selector: a chapter id or its number (1-based), case-insensitively.
    /// An unknown selector is an error that lists the valid ones and suggests the nearest.
    pub fn chapter_index(&self, selector: &str) -> Result<usize> {
        let wanted = selector.trim();
        if let Ok(n) = wanted.parse::<usize>()
            && (1..=self.chapters.len()).contains(&n)
        {
            return Ok(n - 1);
        }
        if let Some(i) = self
            .chapters
            .iter()
            .position(|c| c.id.eq_ignore_ascii_case(wanted))
        {
            return Ok(i);
        }
        let lower = wanted.to_lowercase();
        let nearest = self
            .chapters
            .iter()
            .map(|c| (strsim::jaro_winkler(&lower, &c.id.to_lowercase()), &c.id))
            .filter(|(s, _)| *s > 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| format!("did you mean `{id}`? "))
            .unwrap_or_default();
        let valid: Vec<String> = self
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} ({})", c.id, i + 1))
            .collect();
        Err(Error::input(format!(
            "unknown chapter `{wanted}`; {nearest}valid chapters: {}",
            valid.join(", ")
        )))
    }

    /// Resolves several selectors, keeping bank order and dropping repeats. Empty means all.
    pub fn chapter_indices(&self, selectors: &[String]) -> Result<Vec<usize>> {
        if selectors.is_empty() {
            return Ok((0..self.chapters.len()).collect());
        }
        let mut out = Vec::new();
        for s in selectors {
            let i = self.chapter_index(s)?;
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out.sort_unstable();
        Ok(out)
    }

    /// A stable 64-bit FNV-1a hash of the canonical JSON, as 16 hex digits.
    ///
    /// Saved with each session so history can tell which version of a bank a score came from.
    /// FNV is stable across Rust versions, unlike `DefaultHasher`.
    pub fn content_hash(&self) -> String {
        let canonical = json::to_string(self);
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in canonical.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}

/// The two bank file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The canonical JSON format.
    Json,
    /// The plain-text format (`# Chapter`, `Q1. prompt`, `- bullet`).
    Text,
}

/// Whether `path` is a file starting as a zip does (never reads standard input).
fn is_zip(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    // Only a regular file is opened to look: a FIFO would block until a writer came.
    path != Path::new("-")
        && matches!(
            crate::error::file_kind(path, "a bank file"),
            Ok(crate::error::FileKind::Regular)
        )
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok()
        && head == anki::ZIP_MAGIC
}

/// What `grill bank export` writes: grill's two formats, or an Anki package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// The canonical JSON format.
    Json,
    /// The plain-text format.
    Text,
    /// An Anki package (`.apkg`), binary.
    Apkg,
}

/// Picks the format from the extension, or from the first character when the extension says nothing.
pub fn format_of(path: &Path, text: &str) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
        Some(e)
            if ["txt", "md", "text", "bank"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x)) =>
        {
            Format::Text
        }
        _ => {
            if text.trim_start().starts_with('{') {
                Format::Json
            } else {
                Format::Text
            }
        }
    }
}

/// The bullet an `"alternatives"` key names, of a question (or inline reference: `of`) with
/// `bullets` bullets, or what is wrong with the key: a key is a bullet number written as
/// counted, from 1 ("1", not "01" or "+1": those would name one bullet twice, one of them
/// silently dropped).
pub fn alternatives_key(key: &str, bullets: usize, of: &str) -> std::result::Result<u32, String> {
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "\"alternatives\" key `{key}` is not a bullet number; keys are bullet numbers from 1 (\"1\", \"2\")"
        ));
    }
    let beyond = || {
        format!(
            "\"alternatives\" names bullet `{key}`, but the {of} has {bullets} bullet{}; keys are bullet numbers from 1",
            crate::words::plural(bullets)
        )
    };
    match key.parse::<u32>() {
        Ok(n) if n >= 1 && n.to_string() == key => {
            if n as usize <= bullets {
                Ok(n)
            } else {
                Err(beyond())
            }
        }
        // Too large for a number at all.
        Err(_) if !key.starts_with('0') => Err(beyond()),
        _ => Err(format!(
            "\"alternatives\" names bullet `{key}`; write a bullet number as counted, from 1 (`1`, not `01` or `0`)"
        )),
    }
}

/// A question's tag: one word of printable characters, as Anki's tags are (they are separated by
/// spaces there and in the text format).
pub fn is_tag(tag: &str) -> bool {
    !tag.is_empty() && !tag.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// What to do about an invalid bank; shown under the list of problems.
pub const BANK_HINT: &str = "Fix the lines above and check again with `grill bank validate FILE`; \
     `grill bank validate --help` describes both formats.";

/// Checks the rules both formats share and returns the problems, each at the line `line_of` gives.
///
/// `lines` gives, for chapter `c` and question `q`, the line of the chapter heading, of each
/// question and of each bullet, so messages point where the user must edit.
pub(crate) fn check(bank: &Bank, lines: &Lines) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen_q: HashMap<u32, usize> = HashMap::new();
    let mut seen_c: HashMap<String, usize> = HashMap::new();
    if bank.chapters.is_empty() {
        problems.push(Problem::whole("the bank has no chapters"));
    }
    for (ci, chapter) in bank.chapters.iter().enumerate() {
        check_chapter(chapter, lines.chapter(ci), &mut seen_c, &mut problems);
        for (qi, q) in chapter.questions.iter().enumerate() {
            check_question(q, lines, (ci, qi), &mut seen_q, &mut problems);
        }
    }
    for (gi, group) in bank.synonyms.iter().enumerate() {
        if group.len() < 2 || group.iter().any(|w| w.trim().is_empty()) {
            problems.push(Problem::at(
                lines.synonym(gi),
                "a synonym group needs two or more non-empty terms, separated by commas",
            ));
        }
        // The text format separates terms with commas, so a term holding one would come back
        // from `bank export --format text` as several terms.
        for term in group.iter().filter(|w| w.contains(',')) {
            problems.push(Problem::at(
                lines.synonym(gi),
                format!("synonym term `{term}` holds a comma, which separates terms; split it or reword it"),
            ));
        }
    }
    problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    problems
}

/// A chapter's id (a word of letters, digits, `-` and `_`, unique in any case), title and
/// questions, at its heading's line `cl`.
fn check_chapter(
    chapter: &Chapter,
    cl: usize,
    seen: &mut HashMap<String, usize>,
    problems: &mut Vec<Problem>,
) {
    let id = &chapter.id;
    if id.trim().is_empty() {
        problems.push(Problem::at(cl, "a chapter has an empty id"));
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        problems.push(Problem::at(
            cl,
            format!("chapter id `{id}` may hold only letters, digits, `-` and `_`"),
        ));
    } else if id.chars().all(|c| c.is_ascii_digit()) {
        problems.push(Problem::at(
            cl,
            format!(
                "chapter id `{id}` is a number, which `--chapter` would read as a position; use a word"
            ),
        ));
    } else if let Some(first) = seen.insert(id.to_lowercase(), cl) {
        problems.push(Problem::at(
            cl,
            format!("duplicate chapter id `{id}` (first at line {first})"),
        ));
    }
    if chapter.title.trim().is_empty() {
        problems.push(Problem::at(
            cl,
            format!("chapter `{id}` has an empty title"),
        ));
    }
    if chapter.questions.is_empty() {
        problems.push(Problem::at(cl, format!("chapter `{id}` has no questions")));
    }
}

/// A question's id (unique in the bank), prompt, bullets and notes; `at` is its chapter's and
/// its own index, for the lines of `lines`.
fn check_question(
    q: &Question,
    lines: &Lines,
    (ci, qi): (usize, usize),
    seen: &mut HashMap<u32, usize>,
    problems: &mut Vec<Problem>,
) {
    let ql = lines.question(ci, qi);
    // Id 0 stands for a missing or malformed id, which the parser has already reported.
    if q.id != 0
        && let Some(first) = seen.insert(q.id, ql)
    {
        problems.push(Problem::at(
            ql,
            format!("duplicate question id {} (first at line {first})", q.id),
        ));
    }
    if q.prompt.trim().is_empty() {
        problems.push(Problem::at(
            ql,
            format!("question {} has an empty prompt", q.id),
        ));
    }
    if q.bullets.is_empty() {
        problems.push(Problem::at(
            ql,
            format!("question {} has no reference bullets", q.id),
        ));
    }
    for (bi, b) in q.bullets.iter().enumerate() {
        if b.trim().is_empty() {
            problems.push(Problem::at(
                lines.bullet(ci, qi, bi),
                format!("question {} has an empty bullet", q.id),
            ));
        }
    }
    for (ni, note) in q.notes.iter().enumerate() {
        if note.trim().is_empty() {
            problems.push(Problem::at(
                lines.note(ci, qi, ni),
                format!("question {} has an empty note", q.id),
            ));
        }
    }
}

/// Source lines of each part of a parsed bank, for error messages.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    pub chapters: Vec<usize>,
    pub questions: Vec<Vec<usize>>,
    pub bullets: Vec<Vec<Vec<usize>>>,
    pub notes: Vec<Vec<Vec<usize>>>,
    pub synonyms: Vec<usize>,
}

impl Lines {
    fn chapter(&self, c: usize) -> usize {
        self.chapters.get(c).copied().unwrap_or(1)
    }
    fn question(&self, c: usize, q: usize) -> usize {
        self.questions
            .get(c)
            .and_then(|v| v.get(q))
            .copied()
            .unwrap_or_else(|| self.chapter(c))
    }
    fn bullet(&self, c: usize, q: usize, b: usize) -> usize {
        self.bullets
            .get(c)
            .and_then(|v| v.get(q))
            .and_then(|v| v.get(b))
            .copied()
            .unwrap_or_else(|| self.question(c, q))
    }
    fn note(&self, c: usize, q: usize, n: usize) -> usize {
        self.notes
            .get(c)
            .and_then(|v| v.get(q))
            .and_then(|v| v.get(n))
            .copied()
            .unwrap_or_else(|| self.question(c, q))
    }
    fn synonym(&self, g: usize) -> usize {
        self.synonyms.get(g).copied().unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alternatives_key_is_a_bullet_number_written_as_counted() {
        assert_eq!(alternatives_key("2", 3, "question"), Ok(2));
        let says = |key: &str| alternatives_key(key, 1, "question").unwrap_err();
        assert!(
            says("one").contains("`one` is not a bullet number"),
            "{}",
            says("one")
        );
        assert!(says("").contains("is not a bullet number"));
        assert!(says("-1").contains("is not a bullet number"));
        assert!(says("01").contains("as counted"), "{}", says("01"));
        assert!(says("0").contains("as counted"));
        assert!(
            says("3").contains("but the question has 1 bullet"),
            "{}",
            says("3")
        );
        let huge = says("99999999999999999999");
        assert!(huge.contains("but the question has 1 bullet"), "{huge}");
    }

    #[test]
    fn the_index_finds_what_find_finds() {
        let mut bank = Bank::embedded();
        // A repeated id (refused when a bank is read, but the struct allows it): first wins.
        let mut twin = bank.chapters[3].questions[0].clone();
        twin.id = bank.chapters[0].questions[1].id;
        bank.chapters[9].questions.push(twin);
        let index = bank.index();
        for id in 0..=202 {
            let (a, b) = (bank.find(id), index.get(id));
            assert_eq!(a.is_some(), (1..=200).contains(&id), "id {id}");
            assert_eq!(
                a.map(|l| (l.chapter_index, l.question.prompt.as_str())),
                b.map(|l| (l.chapter_index, l.question.prompt.as_str())),
                "id {id}"
            );
        }
    }

    #[test]
    fn the_embedded_bank_read_plainly_equals_the_checked_reading() {
        // `Bank::embedded` skips the line-aware checks for speed; this is what makes that safe.
        let checked = json::parse(EMBEDDED_JSON, "<embedded bank>").expect("valid");
        assert_eq!(Bank::embedded(), checked);
        assert_eq!(checked.question_count(), 200);
    }

    fn small() -> Bank {
        text::parse(
            "# basics: Basics\nQ1. What?\n- a\n# Loops\nQ2. Why?\n- b\n",
            "t",
        )
        .unwrap()
    }

    #[test]
    fn chapter_selector_takes_id_number_and_any_case() {
        let b = small();
        assert_eq!(b.chapter_index("basics").unwrap(), 0);
        assert_eq!(b.chapter_index("BASICS").unwrap(), 0);
        assert_eq!(b.chapter_index("2").unwrap(), 1);
        assert_eq!(b.chapter_index("loops").unwrap(), 1);
    }

    #[test]
    fn unknown_chapter_lists_valid_ones_and_suggests() {
        let err = small().chapter_index("basic").unwrap_err().to_string();
        assert!(err.contains("did you mean `basics`"), "{err}");
        assert!(err.contains("basics (1), loops (2)"), "{err}");
        let err = small().chapter_index("3").unwrap_err().to_string();
        assert!(err.contains("unknown chapter `3`"), "{err}");
    }

    #[test]
    fn content_hash_changes_with_content() {
        let a = small();
        let mut b = small();
        assert_eq!(a.content_hash(), b.content_hash());
        b.chapters[0].questions[0].bullets[0].push('!');
        assert_ne!(a.content_hash(), b.content_hash());
    }

    #[test]
    fn format_is_chosen_by_extension_then_content() {
        assert_eq!(format_of(Path::new("a.json"), "# x"), Format::Json);
        assert_eq!(format_of(Path::new("a.txt"), "{"), Format::Text);
        assert_eq!(format_of(Path::new("a"), "  {\"format\":1}"), Format::Json);
        assert_eq!(format_of(Path::new("-"), "# c\n"), Format::Text);
    }
}
