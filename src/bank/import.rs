//! Banks from other formats: what every importer hands back (a [`Bank`] and a [`Report`] of
//! what it left out), the one place that turns cards into a valid bank ([`build`]), and the
//! splitting of an answer into bullets that the importers share.
//!
//! An importer reads its format into [`Card`]s: a prompt, bullets, notes, tags and the chapter
//! path it was found under (an Anki deck `Parent::Child`, a Markdown heading), each with its
//! place in the file (a line or an Anki note id). [`build`] then does what every format needs
//! alike: chapters in order of first appearance with ids made from their titles, question ids,
//! text cleaned of control characters and folded white space, and a last check that the result
//! is a bank grill accepts. What cannot become a question is skipped with its place and reason;
//! a file with nothing usable is an error listing them.

use std::collections::HashMap;
use std::path::Path;

use super::{Bank, Chapter, Question, text};
use crate::error::{Error, Problem, Result};
use crate::words::plural;

/// Where in its file a card or a skipped item was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A 1-based line of a text file.
    Line(usize),
    /// An Anki note, by its id.
    Note(i64),
    /// The file as a whole.
    Whole,
}

/// A question as an importer read it, before [`build`] makes it part of a bank.
#[derive(Debug, Clone, PartialEq)]
pub struct Card {
    /// The chapter path (an Anki deck's `::` parts, a heading); empty for none.
    pub chapter: Vec<String>,
    /// The question.
    pub prompt: String,
    /// The reference answer, one idea a bullet.
    pub bullets: Vec<String>,
    /// Shown after the reference, never scored.
    pub notes: Vec<String>,
    /// Tags, one word each.
    pub tags: Vec<String>,
    /// A question number the file gave (`Q12.`), kept when every card has a distinct one.
    pub id: Option<u32>,
    /// Where it was read.
    pub at: Origin,
}

/// Something an importer could not turn into (part of) a question, with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Where.
    pub at: Origin,
    /// What was wrong, in words a user can act on.
    pub reason: String,
}

impl Skipped {
    /// A skipped item at `at`.
    pub fn new(at: Origin, reason: impl Into<String>) -> Skipped {
        Skipped {
            at,
            reason: reason.into(),
        }
    }

    /// `file:line: reason`, `file: note 123: reason` or `file: reason`.
    pub fn display_in(&self, source: &str) -> String {
        match self.at {
            Origin::Line(n) => format!("{source}:{n}: {}", self.reason),
            Origin::Note(id) => format!("{source}: note {id}: {}", self.reason),
            Origin::Whole => format!("{source}: {}", self.reason),
        }
    }

    fn problem(&self) -> Problem {
        match self.at {
            Origin::Line(n) => Problem::at(n, &self.reason),
            Origin::Note(id) => Problem::whole(format!("note {id}: {}", self.reason)),
            Origin::Whole => Problem::whole(&self.reason),
        }
    }
}

/// What an import left out or changed, for the user to read beside the bank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The format that was read, in words ("Anki package (collection.anki21b)").
    pub format: String,
    /// Items that did not become questions, or parts of questions that were dropped.
    pub skipped: Vec<Skipped>,
    /// Media references dropped (images, sounds, videos): grill banks hold text only.
    pub media: usize,
    /// Other things worth knowing (renumbered questions, cards merged into one question).
    pub remarks: Vec<String>,
}

/// A bank read from another format, with what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The bank, valid.
    pub bank: Bank,
    /// What was left out.
    pub report: Report,
}

/// Reads a bank from a file in any format grill knows, telling them apart by content: a zip is
/// an Anki package (whatever its extension); a file starting with `{` is grill's JSON; Anki's
/// `#separator:`/`#html:` header lines mean its plain-text export; grill's text format is what
/// reads as one (or says `format: 1`); then `.csv`/`.tsv`/`.md` decide, and else the first line:
/// a heading or a `Q:` is Markdown, a separated row is CSV. `-` reads standard input.
pub fn read_file(path: &Path) -> Result<Imported> {
    let name = crate::error::source_name(path);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let Some(head) = head(path)? else {
        // Missing, a folder, unreadable: `read_file_bytes` says which in words.
        let e = crate::error::read_file_bytes(path, "a bank file").err();
        return Err(e.unwrap_or_else(|| Error::input(format!("{name} cannot be opened"))));
    };
    if head.starts_with(super::anki::ZIP_MAGIC) {
        if path == Path::new("-") {
            let bytes = crate::error::read_file_bytes(path, "a bank file")?;
            let mut tmp = tempfile::NamedTempFile::new()
                .map_err(|e| Error::Failed(format!("cannot create a temporary file: {e}")))?;
            std::io::Write::write_all(&mut tmp, &bytes).map_err(|e| Error::write(tmp.path(), e))?;
            return super::anki::import(tmp.path(), &name);
        }
        return super::anki::import(path, &name);
    }
    if head.starts_with(b"SQLite format 3") {
        return Err(Error::input(format!(
            "{name} is an SQLite database (an Anki collection file itself?); export the deck from \
             Anki with File > Export as an \"Anki Deck Package\" (.apkg) and import that"
        )));
    }
    if ext == "apkg" || ext == "colpkg" {
        return Err(Error::input(format!(
            "{name} is not a zip archive, so it is not an Anki package (.{ext} files are zips); \
             export the deck from Anki again"
        )));
    }
    let text = crate::error::read_text_file(path, "a bank file")?;
    read_text(&text, &name, &ext)
}

/// The first bytes of a file (none for standard input, which is read whole later); `None`
/// when it cannot be opened as a file.
fn head(path: &Path) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    if path == Path::new("-") {
        return Ok(Some(Vec::new()));
    }
    let mut head = Vec::new();
    // Only a regular file is opened to look: a FIFO would block until a writer came (the
    // whole read that follows refuses it with a message).
    if !matches!(
        crate::error::file_kind(path, "a bank file"),
        Ok(crate::error::FileKind::Regular)
    ) {
        return Ok(None);
    }
    match std::fs::File::open(path) {
        Ok(f) => {
            f.take(16)
                .read_to_end(&mut head)
                .map_err(|e| Error::read(path, e))?;
            Ok(Some(head))
        }
        _ => Ok(None),
    }
}

/// A text file in whichever text format it holds (see [`read_file`]).
pub fn read_text(text: &str, name: &str, ext: &str) -> Result<Imported> {
    let grill = |bank, format: &str| Imported {
        bank,
        report: Report {
            format: format.to_string(),
            ..Report::default()
        },
    };
    if text.trim_start().starts_with('{') {
        let bank = Bank::parse(text, name, super::Format::Json)?;
        return Ok(grill(bank, "grill's JSON format"));
    }
    if super::csv::has_anki_header(text) {
        return super::csv::parse(text, name);
    }
    let says_grill = text.lines().take(5).any(|l| {
        let l = l.trim().to_ascii_lowercase();
        l.starts_with("format:") || l.starts_with("title:")
    });
    match Bank::parse(text, name, super::Format::Text) {
        Ok(bank) => return Ok(grill(bank, "grill's text format")),
        Err(e) if says_grill => return Err(e),
        Err(_) => {}
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match ext {
        "csv" | "tsv" => super::csv::parse(text, name),
        "md" | "markdown" => super::markdown::parse(text, name),
        _ if super::markdown::looks_like(text) => super::markdown::parse(text, name),
        _ if super::csv::sniff(first).is_some() => super::csv::parse(text, name),
        _ => super::markdown::parse(text, name),
    }
}

/// What to do when an import finds nothing usable.
pub const IMPORT_HINT: &str = "`grill bank import --help` lists the formats grill reads and what \
     each needs; `grill bank import FILE` shows what it makes of a file without adding it.";

/// Turns cards into a valid bank. `title` is the bank's title when the file gave one; `name` is
/// the file's name for messages. Fails (exit 2) when no card is usable, listing why.
pub fn build(
    cards: Vec<Card>,
    title: Option<String>,
    name: &str,
    report: &mut Report,
) -> Result<Bank> {
    let mut kept = Vec::new();
    for card in cards {
        match tidy(card) {
            Ok(card) => kept.push(card),
            Err(skip) => report.skipped.push(skip),
        }
    }
    if kept.is_empty() {
        let mut problems: Vec<Problem> = report.skipped.iter().map(Skipped::problem).collect();
        if problems.is_empty() {
            problems.push(Problem::whole(format!(
                "no question found, reading it as {}",
                if report.format.is_empty() {
                    "text"
                } else {
                    &report.format
                }
            )));
        }
        return Err(Error::Invalid {
            file: name.to_string(),
            problems,
            hint: IMPORT_HINT.to_string(),
        });
    }
    let root = common_root(&kept);
    let title = title
        .map(|t| clean(&t))
        .filter(|t| !t.is_empty())
        .or_else(|| root.clone())
        // A file's name may hold what no title may (`e\x1b]0;x\x07.csv`, a line break).
        .or_else(|| Some(clean(&text::title_from_name(name))).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| "Imported questions".to_string());
    let depth = usize::from(root.is_some());
    number(&mut kept, report);
    let bank = Bank {
        chapters: chapters(kept, depth, &title),
        title,
        description: None,
        tips: Vec::new(),
        synonyms: Vec::new(),
    };
    verify(&bank, name)?;
    Ok(bank)
}

/// A card cleaned: text without control characters or runs of white space, empty bullets and
/// notes dropped, tags one word each; skipped when no prompt or no bullet is left.
fn tidy(mut card: Card) -> std::result::Result<Card, Skipped> {
    card.prompt = clean(&card.prompt);
    card.bullets = card.bullets.iter().map(|b| clean(b)).collect();
    card.bullets.retain(|b| !b.is_empty());
    card.notes = card.notes.iter().map(|n| clean(n)).collect();
    card.notes.retain(|n| !n.is_empty());
    let mut tags: Vec<String> = Vec::new();
    for t in card.tags.iter().flat_map(|t| t.split_whitespace()) {
        if super::is_tag(t) && !tags.iter().any(|x| x == t) {
            tags.push(t.to_string());
        }
    }
    card.tags = tags;
    card.chapter = card
        .chapter
        .iter()
        .map(|c| clean(c))
        .filter(|c| !c.is_empty())
        .collect();
    if card.prompt.is_empty() {
        return Err(Skipped::new(card.at, "no question text"));
    }
    if card.bullets.is_empty() {
        return Err(Skipped::new(
            card.at,
            format!("no usable answer for `{}`", short(&card.prompt)),
        ));
    }
    Ok(card)
}

/// The first part of the chapter path every card shares, when every card has one: the bank's
/// title (an Anki export of `Python::Basics`, `Python::OOP` is the bank "Python" with chapters
/// "Basics" and "OOP"; a deck with no sub-decks gives its name to the bank and its one chapter).
fn common_root(cards: &[Card]) -> Option<String> {
    let first = cards.first()?.chapter.first()?;
    let shared = cards.iter().all(|c| c.chapter.first() == Some(first));
    shared.then(|| first.clone())
}

/// Question ids: the file's own numbers when every card has a distinct positive one, else 1 to
/// N in file order (said in the report when the file had numbers).
fn number(cards: &mut [Card], report: &mut Report) {
    let mut seen = std::collections::HashSet::new();
    let own = cards
        .iter()
        .all(|c| c.id.is_some_and(|id| id > 0 && seen.insert(id)));
    if own {
        return;
    }
    if cards.iter().any(|c| c.id.is_some()) {
        report.remarks.push(format!(
            "the question numbers in the file were missing or repeated, so the questions are \
             numbered 1 to {} in file order",
            cards.len()
        ));
    }
    for (i, c) in cards.iter_mut().enumerate() {
        c.id = Some(u32::try_from(i + 1).unwrap_or(u32::MAX));
    }
}

/// Groups cards into chapters in order of first appearance, the path below `depth` parts
/// joined with `::` as the title (the bank's title for cards with none).
fn chapters(cards: Vec<Card>, depth: usize, bank_title: &str) -> Vec<Chapter> {
    let mut order: Vec<Chapter> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    for card in cards {
        let parts = card.chapter.get(depth..).unwrap_or_default();
        let title = if parts.is_empty() {
            bank_title.to_string()
        } else {
            parts.join("::")
        };
        let at = *index.entry(title.clone()).or_insert_with(|| {
            order.push(Chapter {
                id: chapter_id(&title, &mut ids),
                title: title.clone(),
                questions: Vec::new(),
            });
            order.len() - 1
        });
        order[at].questions.push(Question {
            id: card.id.unwrap_or(0),
            prompt: card.prompt,
            bullets: card.bullets,
            notes: card.notes,
            tags: card.tags,
            alternatives: Default::default(),
        });
    }
    order
}

/// A chapter id from its title: its slug, never a bare number (which `--chapter` reads as a
/// position) nor empty, made unique with `-2`, `-3`.
fn chapter_id(title: &str, taken: &mut HashMap<String, usize>) -> String {
    let mut base = text::slug(title);
    base = base.chars().take(48).collect::<String>();
    let base = base.trim_matches('-').to_string();
    let base = if base.is_empty() {
        "chapter".to_string()
    } else if base.chars().all(|c| c.is_ascii_digit()) {
        format!("ch-{base}")
    } else {
        base
    };
    let n = taken.entry(base.to_lowercase()).or_insert(0);
    *n += 1;
    let id = if *n == 1 {
        base.clone()
    } else {
        format!("{base}-{n}")
    };
    if *n > 1 {
        // `basics-2` might itself be a later title's slug: take it too.
        taken.insert(id.to_lowercase(), 1);
    }
    id
}

/// The checks every bank file gets, on the bank an import made: a failure here is grill's
/// fault, not the file's, and says so.
fn verify(bank: &Bank, name: &str) -> Result<()> {
    let json = super::json::to_string(bank);
    match super::Bank::parse(&json, name, super::Format::Json) {
        Ok(_) => Ok(()),
        Err(e) => Err(Error::Failed(format!(
            "grill made an invalid bank from {name} (a bug; please report it with the file): {e}"
        ))),
    }
}

/// Text as a bank holds it: control characters become spaces (a bank refuses them: they could
/// drive the terminal), runs of white space fold to one space, ends trimmed.
pub fn clean(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|&c| c != '\u{feff}' && c != '\u{200b}')
        .collect();
    text::clean(&spaced)
}

/// The first words of a long text, for messages.
pub fn short(s: &str) -> String {
    let cut: String = s.chars().take(50).collect();
    if cut.len() < s.len() {
        format!("{}...", cut.trim_end())
    } else {
        cut
    }
}

/// An answer's bullets from its lines: each line a bullet (list markers such as `- `, `* `,
/// `1.` dropped), or, for one line, its `•`-separated items or else each sentence.
pub fn bullets_from_lines(lines: &[String]) -> Vec<String> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| strip_marker(l).to_string())
        .filter(|l| !l.trim().is_empty())
        .collect();
    match lines.as_slice() {
        [one] if one.matches('•').count() >= 2 => one
            .split('•')
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect(),
        [one] => sentences(one),
        _ => lines,
    }
}

/// A list item's text without its marker: `- `, `* `, `+ `, `• `, `1. `, `1) `.
pub fn strip_marker(line: &str) -> &str {
    let t = line.trim_start();
    for m in ["- ", "* ", "+ ", "• ", "· ", "– "] {
        if let Some(rest) = t.strip_prefix(m) {
            return rest;
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r;
        }
    }
    t
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "etc", "vs", "cf", "approx", "mr", "mrs", "dr", "no", "fig",
];

/// A text split into sentences: after `.`, `!` or `?` followed by a space and a capital letter,
/// a digit or a backtick, unless the word before is an abbreviation (`e.g.`) or a single letter.
pub fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 2 < chars.len() {
        let c = chars[i];
        let next = chars[i + 2];
        if matches!(c, '.' | '!' | '?')
            && chars[i + 1] == ' '
            && (next.is_uppercase() || next.is_ascii_digit() || next == '`')
            && !(c == '.' && abbreviation_before(&chars[start..i]))
        {
            out.push(
                chars[start..=i]
                    .iter()
                    .collect::<String>()
                    .trim()
                    .to_string(),
            );
            start = i + 2;
            i += 2;
            continue;
        }
        i += 1;
    }
    let last: String = chars[start..].iter().collect();
    if !last.trim().is_empty() {
        out.push(last.trim().to_string());
    }
    out
}

/// Whether the text before a full stop ends in an abbreviation or a lone letter (`J. Smith`).
fn abbreviation_before(before: &[char]) -> bool {
    let word: String = before
        .iter()
        .rev()
        .take_while(|c| !c.is_whitespace() && **c != '(')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    lower.chars().count() == 1 || ABBREVIATIONS.contains(&lower.as_str())
}

/// One line summing up an import for the user: how many questions came in, from what, and
/// what was dropped.
pub fn summary(imported: &Imported, source: &str) -> String {
    let bank = &imported.bank;
    let report = &imported.report;
    let (q, c) = (bank.question_count(), bank.chapters.len());
    let mut line = format!(
        "{source}: read {q} question{} in {c} chapter{} from {}",
        plural(q),
        plural(c),
        if report.format.is_empty() {
            "the file"
        } else {
            &report.format
        }
    );
    let s = report.skipped.len();
    if s > 0 {
        line.push_str(&format!("; skipped {s} item{} (listed above)", plural(s)));
    }
    if report.media > 0 {
        line.push_str(&format!(
            "; dropped {} media reference{} (images, sounds: a bank holds text only)",
            report.media,
            plural(report.media)
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A title made from a file's name holds none of its control characters or line breaks
    /// (a try-out's `e\x1b]0;PWN\x07x.csv` made a bank grill itself called invalid).
    #[test]
    fn a_title_from_a_file_name_is_cleaned() {
        for name in ["e\u{1b}]0;PWN\u{7}x.csv", "nl\nhere.csv", "\u{7}.csv"] {
            let i = read_text("question,answer\nA?,a\n", name, "csv").unwrap();
            assert!(!i.bank.title.is_empty(), "{name:?}");
            assert!(
                !i.bank.title.chars().any(char::is_control),
                "{name:?}: {:?}",
                i.bank.title
            );
        }
    }

    fn card(chapter: &[&str], prompt: &str, bullets: &[&str], at: usize) -> Card {
        Card {
            chapter: chapter.iter().map(|s| s.to_string()).collect(),
            prompt: prompt.into(),
            bullets: bullets.iter().map(|s| s.to_string()).collect(),
            notes: Vec::new(),
            tags: Vec::new(),
            id: None,
            at: Origin::Line(at),
        }
    }

    #[test]
    fn a_shared_root_deck_becomes_the_title_and_subdecks_the_chapters() {
        let mut report = Report::default();
        let bank = build(
            vec![
                card(&["Py", "Basics"], "What?", &["a"], 1),
                card(&["Py", "OOP::Deep"], "Why?", &["b"], 2),
                card(&["Py"], "Root?", &["c"], 3),
                card(&["Py", "Basics"], "How?", &["d\u{1b}[31m"], 4),
            ],
            None,
            "deck.apkg",
            &mut report,
        )
        .unwrap();
        assert_eq!(bank.title, "Py");
        let titles: Vec<_> = bank.chapters.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(titles, ["Basics", "OOP::Deep", "Py"]);
        let ids: Vec<_> = bank.chapters.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["basics", "oop-deep", "py"]);
        assert_eq!(bank.chapters[0].questions[1].id, 4);
        assert_eq!(bank.chapters[0].questions[1].bullets, ["d [31m"]);
    }

    #[test]
    fn cards_without_answers_are_skipped_and_nothing_usable_is_an_error() {
        let mut report = Report::default();
        let bank = build(
            vec![card(&[], "Q?", &["a"], 1), card(&[], "Empty?", &[" "], 5)],
            Some("T".into()),
            "f.csv",
            &mut report,
        )
        .unwrap();
        assert_eq!(bank.question_count(), 1);
        assert_eq!(
            report.skipped[0].display_in("f.csv"),
            "f.csv:5: no usable answer for `Empty?`"
        );
        let err = build(
            vec![card(&[], "", &["a"], 2)],
            None,
            "f.csv",
            &mut Report::default(),
        )
        .unwrap_err();
        assert_eq!(err.exit(), crate::error::Exit::BadInput);
        assert!(
            err.to_string().contains("f.csv:2: no question text"),
            "{err}"
        );
    }

    #[test]
    fn chapter_ids_are_unique_words() {
        let mut taken = HashMap::new();
        assert_eq!(chapter_id("Basics", &mut taken), "basics");
        assert_eq!(chapter_id("basics!", &mut taken), "basics-2");
        assert_eq!(chapter_id("Basics 2", &mut taken), "basics-2-2");
        assert_eq!(chapter_id("2024", &mut taken), "ch-2024");
        assert_eq!(chapter_id("???", &mut taken), "chapter");
    }

    #[test]
    fn own_numbers_are_kept_only_when_distinct() {
        let mut cards = vec![card(&[], "a", &["x"], 1), card(&[], "b", &["y"], 2)];
        cards[0].id = Some(7);
        cards[1].id = Some(9);
        let mut report = Report::default();
        number(&mut cards, &mut report);
        assert_eq!((cards[0].id, cards[1].id), (Some(7), Some(9)));
        cards[1].id = Some(7);
        number(&mut cards, &mut report);
        assert_eq!((cards[0].id, cards[1].id), (Some(1), Some(2)));
        assert_eq!(report.remarks.len(), 1);
    }

    #[test]
    fn answers_split_into_lines_or_sentences() {
        let lines = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            bullets_from_lines(&lines(&["- a", "2. b", "* c"])),
            ["a", "b", "c"]
        );
        assert_eq!(
            bullets_from_lines(&lines(&[
                "It runs. E.g. this works, i.e. fine. `x` too! 3 more"
            ])),
            [
                "It runs.",
                "E.g. this works, i.e. fine.",
                "`x` too!",
                "3 more"
            ]
        );
        assert_eq!(
            sentences("Use e.g. Python. Then J. Smith."),
            ["Use e.g. Python.", "Then J. Smith."]
        );
        assert_eq!(
            bullets_from_lines(&lines(&["• fast • safe • fun"])),
            ["fast", "safe", "fun"]
        );
    }
}
