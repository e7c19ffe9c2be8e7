//! Cards in CSV or TSV as a bank: Anki's "Notes in Plain Text" export, with its header lines
//! (`#separator:tab`, `#html:true`, `#columns:...`, `#tags column:3`, `#deck column:4`,
//! `#notetype column:N`, `#guid column:N`, `#deck:NAME`, `#tags:a b`), and a plain
//! `question,answer` table with or without a header row (`question`/`front`/`prompt`,
//! `answer`/`back`, and optionally `chapter`/`deck`, `tags`, `notes`/`extra`).
//!
//! Quoted fields may hold the separator, doubled quotes and line breaks (the `csv` crate reads
//! them); the separator comes from the header, else from the first row (the most frequent of tab,
//! comma, semicolon and `|` outside quotes). An answer's lines are its bullets (its list items
//! when it is HTML), one line is split into sentences, and a cloze front (`{{c1::...}}`) is asked
//! with blanks. A row that cannot be read is reported with its line.

use super::anki::html;
use super::import::{Card, Imported, Origin, Report, Skipped, build, bullets_from_lines};
use crate::error::{Error, Problem, Result};

/// The settings Anki's header lines give, and where the rows start.
#[derive(Debug, Default)]
struct Header {
    separator: Option<u8>,
    html: Option<bool>,
    columns: Vec<String>,
    tags_column: Option<usize>,
    deck_column: Option<usize>,
    skip_columns: Vec<usize>,
    deck: Option<String>,
    tags: Vec<String>,
    /// Lines the header took (the rows' line numbers start after them).
    lines: usize,
}

/// Whether the file starts with Anki's plain-text header (`#separator:`, `#html:`...).
pub fn has_anki_header(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| header_line(l).is_some())
}

fn header_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix('#')?;
    let (k, v) = rest.split_once(':')?;
    let key = k.trim().to_ascii_lowercase();
    let known = [
        "separator",
        "html",
        "columns",
        "tags column",
        "deck column",
        "notetype column",
        "guid column",
        "deck",
        "notetype",
        "tags",
    ];
    known
        .contains(&key.as_str())
        .then(|| (key, v.trim_end_matches(['\r', '\n']).to_string()))
}

fn read_header(text: &str) -> Header {
    let mut h = Header::default();
    for line in text.lines() {
        let Some((key, value)) = header_line(line) else {
            break;
        };
        h.lines += 1;
        let column = || {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .map(|n| n - 1)
        };
        match key.as_str() {
            "separator" => h.separator = separator(value.trim()),
            "html" => h.html = Some(value.trim().eq_ignore_ascii_case("true")),
            "columns" => {
                h.columns = value
                    .split(['\t', ',', ';'])
                    .map(|c| c.trim().to_string())
                    .collect()
            }
            "tags column" => h.tags_column = column(),
            "deck column" => h.deck_column = column(),
            "notetype column" | "guid column" => h.skip_columns.extend(column()),
            "deck" => h.deck = Some(value.trim().to_string()),
            "tags" => h.tags = value.split_whitespace().map(str::to_string).collect(),
            _ => {}
        }
    }
    h
}

fn separator(name: &str) -> Option<u8> {
    match name.to_ascii_lowercase().as_str() {
        "tab" | "\\t" | "\t" => Some(b'\t'),
        "comma" | "," => Some(b','),
        "semicolon" | ";" => Some(b';'),
        "space" | " " => Some(b' '),
        "pipe" | "|" => Some(b'|'),
        "colon" | ":" => Some(b':'),
        _ => None,
    }
}

/// The separator used most on the first row, outside quotes (tab on a tie, as `.tsv` files and
/// Anki use it).
pub fn sniff(row: &str) -> Option<u8> {
    let mut counts = [(b'\t', 0usize), (b',', 0), (b';', 0), (b'|', 0)];
    let mut quoted = false;
    for b in row.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(s, n)| (*n, *s == b'\t'))
        .map(|(s, _)| *s)
}

/// What each column holds.
#[derive(Debug, Default, PartialEq)]
struct Columns {
    front: usize,
    back: usize,
    deck: Option<usize>,
    tags: Option<usize>,
    notes: Vec<usize>,
}

/// Column roles from names (a header row or `#columns:`), or `None` when the names are not
/// column names.
fn by_names(names: &[String]) -> Option<Columns> {
    let find = |words: &[&str]| {
        names
            .iter()
            .position(|n| words.iter().any(|w| n.trim().eq_ignore_ascii_case(w)))
    };
    let front = find(&["question", "front", "prompt", "q", "text", "term"])?;
    let back = find(&["answer", "back", "a", "reference", "bullets", "definition"])?;
    let deck = find(&["chapter", "deck", "section", "category", "topic"]);
    let tags = find(&["tags", "tag"]);
    let notes = find(&["notes", "note", "extra", "back extra", "comments"])
        .into_iter()
        .collect();
    Some(Columns {
        front,
        back,
        deck,
        tags,
        notes,
    })
}

/// Parses CSV/TSV cards; `tab` says the file's extension was `.tsv` (a tie goes to tab anyway).
pub fn parse(text: &str, name: &str) -> Result<Imported> {
    let header = read_header(text);
    let body: String = text.split_inclusive('\n').skip(header.lines).collect();
    let first_row = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = header
        .separator
        .or_else(|| sniff(first_row))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let html = header.html.unwrap_or_else(|| looks_like_html(&body));
    let mut report = Report {
        format: format!(
            "{} ({}-separated{})",
            if header.lines > 0 {
                "Anki's notes in plain text"
            } else {
                "a CSV table"
            },
            sep_name(sep),
            if html { ", HTML" } else { "" }
        ),
        ..Report::default()
    };
    let mut columns = if header.columns.is_empty() {
        None
    } else {
        by_names(&header.columns)
    };
    if let Some((line, what)) = bad_quote(&body, sep) {
        return Err(Error::Invalid {
            file: name.to_string(),
            problems: vec![Problem::at(
                line + header.lines,
                format!(
                    "{what}; close the cell with `\"` (a quote inside a quoted cell is written \
                     twice, `\"\"`)"
                ),
            )],
            hint: super::import::IMPORT_HINT.to_string(),
        });
    }
    let mut lines = LineCounter::new(&body);
    let mut cards = Vec::new();
    let mut first = true;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| lines.at(p.byte())) + header.lines;
                report.skipped.push(Skipped::new(
                    Origin::Line(line),
                    format!("cannot read this row ({e}); skipped"),
                ));
                continue;
            }
        };
        // From the byte offset: the `csv` crate's own line count is one short after a CRLF
        // line ending (a Windows file).
        let line = record.position().map_or(1, |p| lines.at(p.byte())) + header.lines;
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if first {
            first = false;
            if columns.is_none()
                && let Some(c) = by_names(&cells)
            {
                columns = Some(c);
                continue;
            }
        }
        let cols = columns.get_or_insert_with(|| positional(&header, cells.len()));
        match row(&cells, cols, &header, html, line) {
            Ok(card) => cards.push(card),
            Err(skip) => report.skipped.push(skip),
        }
    }
    let bank = build(cards, header.deck.clone(), name, &mut report)?;
    Ok(Imported { bank, report })
}

/// The line of each byte offset of a text, for offsets asked in order (a counter over the
/// text once, not a count from its start for each row).
struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    /// The line (from 1) of the row at byte `offset`: at or after the last asked, else counted
    /// afresh. The `csv` crate starts a row after a CRLF at its `\n`, hence the skip.
    fn at(&mut self, offset: u64) -> usize {
        let mut offset = (offset as usize).min(self.text.len());
        while matches!(self.text.get(offset), Some(b'\r' | b'\n')) {
            offset += 1;
        }
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        self.line += self.text[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.offset = offset;
        self.line
    }
}

/// A quoted cell that goes wrong, and the line where it opens: one never closed (the `csv`
/// crate reads it to the end of the file, every row after it one cell), or one whose closing
/// quote has more text after it (`"oops` closed by the quote of a later row, `E?,"e"`, taking
/// the rows between). A quote opens a cell only at its start (after the separator or a line
/// break); inside a quoted cell a doubled quote is a quote.
fn bad_quote(text: &str, sep: u8) -> Option<(usize, &'static str)> {
    const NEVER: &str = "a quote opens a cell here and is never closed, so every line after it \
        would be read into this one cell";
    const AFTER: &str = "a quoted cell opens here and its closing quote has more text after it \
        (a quote left open, closed by one of a later row?), so the lines between would be read \
        into this one cell";
    let (mut line, mut opened) = (1, None);
    let mut at_start = true;
    let mut bytes = text.bytes().peekable();
    while let Some(b) = bytes.next() {
        match opened {
            Some(_) if b == b'"' && bytes.peek() == Some(&b'"') => {
                bytes.next();
            }
            Some(at) if b == b'"' => {
                // Text after the closing quote is a mistake only when the cell took lines with
                // it: on one line (`"GIL" means what?,...`) the crate reads it as written.
                let more = !matches!(bytes.peek(), None | Some(b'\r' | b'\n'))
                    && bytes.peek() != Some(&sep);
                if more && at != line {
                    return Some((at, AFTER));
                }
                opened = None;
            }
            Some(_) => {}
            None if b == b'"' && at_start => opened = Some(line),
            None => {}
        }
        at_start = opened.is_none() && (b == sep || b == b'\n');
        if b == b'\n' {
            line += 1;
        }
    }
    opened.map(|at| (at, NEVER))
}

/// Column roles by position: the first free column asks, the next answers, the rest are notes;
/// `#tags column` and `#deck column` as the header says.
fn positional(h: &Header, width: usize) -> Columns {
    let taken = |i: usize| {
        Some(i) == h.tags_column || Some(i) == h.deck_column || h.skip_columns.contains(&i)
    };
    let mut free = (0..width.max(2)).filter(|&i| !taken(i));
    let front = free.next().unwrap_or(0);
    let back = free.next().unwrap_or(1);
    Columns {
        front,
        back,
        deck: h.deck_column,
        tags: h.tags_column,
        notes: free.collect(),
    }
}

/// One row as a card.
fn row(
    cells: &[String],
    c: &Columns,
    h: &Header,
    html: bool,
    line: usize,
) -> Result<Card, Skipped> {
    let at = Origin::Line(line);
    let cell = |i: usize| cells.get(i).map(String::as_str).unwrap_or("");
    if cells.len() < 2 || cell(c.back).trim().is_empty() && cell(c.front).trim().is_empty() {
        return Err(Skipped::new(
            at,
            "one column only: expected a question and its answer separated by the file's \
             separator (quote a cell that holds it); skipped",
        ));
    }
    let lines = |raw: &str| -> Vec<String> {
        if html {
            html::parse(raw).lines.into_iter().map(|l| l.text).collect()
        } else {
            raw.lines().map(str::to_string).collect()
        }
    };
    let front = cell(c.front);
    let (prompt, bullets, mut notes) = match super::anki::cloze_split(front) {
        Some((prompt, answers)) => (prompt, answers, lines(cell(c.back))),
        None => {
            let prompt = lines(front).join(" ");
            let back = if html {
                let parsed = html::parse(cell(c.back));
                let (items, rest) = parsed.items_or_lines();
                (bullets_from_lines(&items), rest)
            } else {
                (bullets_from_lines(&lines(cell(c.back))), Vec::new())
            };
            (prompt, back.0, back.1)
        }
    };
    for &i in &c.notes {
        notes.extend(lines(cell(i)));
    }
    let mut tags: Vec<String> = h.tags.clone();
    if let Some(t) = c.tags {
        tags.extend(cell(t).split_whitespace().map(str::to_string));
    }
    let chapter = c
        .deck
        .map(|d| cell(d).split("::").map(str::to_string).collect())
        .unwrap_or_default();
    Ok(Card {
        chapter,
        prompt,
        bullets,
        notes,
        tags,
        id: None,
        at,
    })
}

fn looks_like_html(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    [
        "<br", "<div", "<li>", "<ul>", "<p>", "&nbsp;", "<b>", "<i>", "<span",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

fn sep_name(sep: u8) -> &'static str {
    match sep {
        b'\t' => "tab",
        b',' => "comma",
        b';' => "semicolon",
        b'|' => "pipe",
        b' ' => "space",
        b':' => "colon",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_csv_with_quotes_newlines_and_a_header() {
        let i = parse(
            "Question,Answer,Tags\n\"What is a JOIN, really?\",\"Combines rows.\nBy a key.\",sql joins\nOnly one column\n\"Say \"\"hi\"\"\",Hello. Hi there.\n",
            "cards.csv",
        )
        .unwrap();
        let q = &i.bank.chapters[0].questions;
        assert_eq!(q[0].prompt, "What is a JOIN, really?");
        assert_eq!(q[0].bullets, ["Combines rows.", "By a key."]);
        assert_eq!(q[0].tags, ["sql", "joins"]);
        assert_eq!(q[1].prompt, "Say \"hi\"");
        assert_eq!(q[1].bullets, ["Hello.", "Hi there."]);
        let s: Vec<String> = i
            .report
            .skipped
            .iter()
            .map(|s| s.display_in("cards.csv"))
            .collect();
        assert_eq!(s.len(), 1);
        assert!(s[0].starts_with("cards.csv:4: one column only"), "{s:?}");
    }

    #[test]
    fn anki_plain_text_export_with_its_headers() {
        let i = parse(
            "#separator:tab\n#html:true\n#tags column:4\n#deck column:3\nWhat is <b>GIL</b>?\t<ul><li>one thread</li><li>at a time</li></ul>\tPy::Threads\tcpython\n{{c1::GIL}} blocks threads\textra<br>note\tPy::Threads\t\n",
            "notes.txt",
        )
        .unwrap();
        assert_eq!(i.bank.title, "Py");
        assert_eq!(i.bank.chapters[0].title, "Threads");
        let q = &i.bank.chapters[0].questions;
        assert_eq!(q[0].prompt, "What is GIL?");
        assert_eq!(q[0].bullets, ["one thread", "at a time"]);
        assert_eq!(q[0].tags, ["cpython"]);
        assert_eq!(q[1].prompt, "[...] blocks threads");
        assert_eq!(q[1].bullets, ["GIL"]);
        assert_eq!(q[1].notes, ["extra", "note"]);
    }

    /// The line of a skipped row, with LF or CRLF endings, after a cell over two lines and an
    /// empty line (the `csv` crate counts one short after a CRLF).
    #[test]
    fn skipped_rows_name_their_line_whatever_the_line_endings() {
        for eol in ["\n", "\r\n"] {
            let text = ["A?,a", "B?,\"b", "c\"", "", "C?", "D?,d", "E?"].join(eol) + eol;
            let i = parse(&text, "x.csv").unwrap();
            let lines: Vec<String> = i
                .report
                .skipped
                .iter()
                .map(|s| s.display_in("x.csv"))
                .map(|s| s.split(' ').next().unwrap().to_string())
                .collect();
            assert_eq!(lines, ["x.csv:5:", "x.csv:7:"], "{eol:?}");
        }
    }

    /// A quote never closed would read every row after it into one cell, and one closed by a
    /// later row's quote the rows between: an error at its line.
    #[test]
    fn a_quote_never_closed_is_an_error_at_its_line() {
        let never = "question,answer\nA?,a\nX?,\"oops\nD?,d\nE?,e\n";
        let e = parse(never, "uq.csv").unwrap_err().to_string();
        assert!(
            e.contains("uq.csv:3: a quote opens a cell here and is never closed"),
            "{e}"
        );
        let late = "question,answer\nA?,a\nX?,\"oops\nD?,d\nE?,\"e\"\n";
        let e = parse(late, "uq.csv").unwrap_err().to_string();
        assert!(
            e.contains("uq.csv:3: a quoted cell opens here and its closing quote"),
            "{e}"
        );
        // Doubled quotes, a cell over lines, CRLF, a quote inside an unquoted cell and text
        // after a quoted word on its own line are fine.
        assert_eq!(
            bad_quote("\"GIL\" means what?,global lock\nB?,b\n", b','),
            None
        );
        assert!(parse("\"GIL\" means what?,global lock\nB?,b\n", "g.csv").is_ok());
        assert_eq!(
            bad_quote("\"a\"\"b\",c\r\n\"d\ne\",f\nx\"y,z\n", b','),
            None
        );
        assert_eq!(bad_quote("a,b\"c\nd,\"e", b',').map(|b| b.0), Some(2));
        assert_eq!(bad_quote("a;\"b\n", b';').map(|b| b.0), Some(1));
    }

    #[test]
    fn the_separator_is_sniffed_outside_quotes() {
        assert_eq!(sniff("a;b;\"c,d,e\""), Some(b';'));
        assert_eq!(sniff("a\tb,c"), Some(b'\t'));
        assert_eq!(sniff("abc"), None);
    }
}
