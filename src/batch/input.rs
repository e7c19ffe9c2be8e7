//! Reading a batch: the input opened and checked, lines read in bounded chunks (a line over
//! `MAX_LINE` read past, not kept), and each line parsed into an item or an error.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, Result, UTF8_BOM};

/// The first chunk is small, so the first results come quickly; chunks then double up to
/// `CHUNK_MAX` bytes, large enough that threads rarely wait on each other.
const CHUNK_FIRST: usize = 16 << 10;
const CHUNK_MAX: usize = 1 << 20;
/// How much of the input is looked at for NUL bytes before anything is scored.
const SNIFF: usize = 64 << 10;

/// The longest line a batch scores. A real answer is a few kilobytes; analysing one costs tens
/// of times its size in memory, so a line of hundreds of megabytes (a file that is not a batch,
/// or hostile input) would exhaust it. Longer lines become error lines, read but not kept.
const MAX_LINE: usize = 1 << 20;

/// One batch line as read. Fields are loose JSON values so each wrong type gets its own message.
#[derive(Deserialize)]
struct RawLine {
    id: Option<Value>,
    question: Option<Value>,
    reference: Option<Value>,
    alternatives: Option<Value>,
    prompt: Option<Value>,
    answer: Option<Value>,
}

/// Where a line's bullets come from.
pub(super) enum Source {
    Question(u32),
    Inline {
        reference: Vec<String>,
        /// Other wordings of its bullets, by bullet number (from 1), as a bank question has.
        alternatives: BTreeMap<u32, Vec<String>>,
        prompt: Option<String>,
    },
}

pub(super) struct Item {
    /// 1-based, counting blank lines.
    pub line: usize,
    pub id: Value,
    pub source: Source,
    pub answer: String,
}

/// A parsed line, or its id and what is wrong with it.
pub(super) type Parsed = std::result::Result<Item, (Value, String)>;

/// What an inline reference's `"alternatives"` must look like, as a bank question's.
const ALTERNATIVES_SHAPE: &str = r#""alternatives" must be an object from bullet numbers to arrays of other wordings, such as {"2": ["...", "..."]}"#;

const LINE_SHAPE: &str = r#"each line must be a JSON object such as {"id": "a1", "question": 6, "answer": "..."} or {"reference": ["..."], "answer": "..."}"#;

/// Reads one line (without its line end) into an item; `None` for a blank line.
fn parse_raw(raw: &[u8], number: usize) -> Option<Parsed> {
    let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
    // Decoded line by line: a line that is not UTF-8 is an error line of its own, as the batch
    // contract says for any bad line, not a reason to refuse the whole file.
    match std::str::from_utf8(raw) {
        Ok(l) if l.trim().is_empty() => None,
        Ok(l) => Some(parse_line(l, number)),
        Err(e) => Some(Err((
            Value::from(number),
            format!(
                "line {number}: not valid UTF-8 text (at byte {} of the line); save the batch as UTF-8",
                e.valid_up_to() + 1
            ),
        ))),
    }
}

/// An inline reference's bullets: a non-empty array of non-empty strings, else none.
fn bullets(r: Value) -> Option<Vec<String>> {
    let b: Vec<String> = match r {
        Value::Array(a) => a
            .into_iter()
            .map(|b| match b {
                Value::String(s) => Some(s),
                _ => None,
            })
            .collect::<Option<_>>()?,
        _ => return None,
    };
    (!b.is_empty() && b.iter().all(|s| !s.trim().is_empty())).then_some(b)
}

/// An inline reference's `"alternatives"`, as a bank question's: an object from bullet numbers
/// (from 1, of its `bullets`, written as counted: "2", not "02") to arrays of non-empty strings.
fn wordings(v: Value, bullets: usize) -> std::result::Result<BTreeMap<u32, Vec<String>>, String> {
    let Value::Object(map) = v else {
        return Err(ALTERNATIVES_SHAPE.into());
    };
    let mut out = BTreeMap::new();
    for (key, wordings) in map {
        let n = crate::bank::alternatives_key(&key, bullets, "reference")?;
        let Value::Array(items) = wordings else {
            return Err(ALTERNATIVES_SHAPE.into());
        };
        let list = items
            .into_iter()
            .map(|w| match w {
                Value::String(s) if !s.trim().is_empty() => Ok(s),
                _ => Err(format!(
                    r#"an alternative of bullet {n} must be a non-empty string"#
                )),
            })
            .collect::<std::result::Result<Vec<_>, _>>()?;
        out.insert(n, list);
    }
    Ok(out)
}

/// Reads one line into an item, or says what is wrong with it (and the id, when it has one).
fn parse_line(line: &str, number: usize) -> Parsed {
    let fallback = Value::from(number);
    let raw: RawLine = serde_json::from_str(line).map_err(|e| {
        let what = if line.trim_start().starts_with('{') {
            // serde's message ends "at line 1 column N"; the line is ours, the column is its.
            let msg = e.to_string();
            let what = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            format!("not valid JSON at column {} ({what})", e.column())
        } else {
            "not a JSON object".to_string()
        };
        (
            fallback.clone(),
            format!("line {number}: {what}; {LINE_SHAPE}"),
        )
    })?;
    let id = match raw.id {
        Some(Value::Null) | None => fallback,
        Some(v) => v,
    };
    let fail = |msg: String| (id.clone(), format!("line {number}: {msg}"));
    let answer = match raw.answer {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => {
            return Err(fail(r#"missing "answer" (the answer's text)"#.into()));
        }
        Some(_) => return Err(fail(r#""answer" must be a string"#.into())),
    };
    let prompt = match raw.prompt {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(_) => return Err(fail(r#""prompt" must be a string"#.into())),
    };
    let mut source = source(raw.question, raw.reference, prompt).map_err(fail)?;
    match (&mut source, raw.alternatives) {
        (_, None | Some(Value::Null)) => {}
        (
            Source::Inline {
                reference,
                alternatives,
                ..
            },
            Some(v),
        ) => {
            *alternatives = wordings(v, reference.len()).map_err(fail)?;
        }
        (Source::Question(q), Some(_)) => {
            return Err(fail(format!(
                r#""alternatives" go with an inline "reference"; question {q} has the bank's own (`grill bank show {q}`)"#
            )));
        }
    }
    Ok(Item {
        line: number,
        id,
        source,
        answer,
    })
}

/// Where a line's bullets come from: a bank question or an inline reference, exactly one.
fn source(
    question: Option<Value>,
    reference: Option<Value>,
    prompt: Option<String>,
) -> std::result::Result<Source, String> {
    match (question, reference) {
        (Some(q), None) => match q.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => Ok(Source::Question(n)),
            _ => {
                // A whole number past u64 is read as a float: "1e+23" is not what was written.
                let shown = match q.as_f64() {
                    Some(f) if q.is_f64() && f.fract() == 0.0 && f.abs() >= 1e15 => {
                        "a number that large".to_string()
                    }
                    _ => q.to_string(),
                };
                Err(format!(
                    r#""question" must be a bank question id (a positive whole number), not {shown}"#
                ))
            }
        },
        (None, Some(r)) => match bullets(r) {
            Some(reference) => Ok(Source::Inline {
                reference,
                alternatives: BTreeMap::new(),
                prompt,
            }),
            None => Err(
                r#""reference" must be a non-empty array of non-empty strings (the bullets)"#
                    .into(),
            ),
        },
        (Some(_), Some(_)) => Err(r#"give "question" or "reference", not both"#.into()),
        (None, None) => Err(
            r#"missing "question" (a bank question id) or "reference" (an array of bullets)"#
                .into(),
        ),
    }
}

type Reader = BufReader<Box<dyn Read>>;

/// Lines read together: their bytes end to end, and where each starts and ends.
#[derive(Default)]
pub(super) struct Chunk {
    data: Vec<u8>,
    /// 1-based line number, start and end (without the line end) in `data`, and whether the
    /// line was longer than `MAX_LINE` (then none of it is kept).
    lines: Vec<(usize, usize, usize, bool)>,
}

/// Reads one line into `buf` as `read_until` does, but keeps it only when it has at most
/// `MAX_LINE` bytes: a longer one is read to its end and dropped. Returns the bytes read (0 at
/// the end of the input) and whether the line was too long.
fn read_line_capped(reader: &mut Reader, buf: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let start = buf.len();
    let (mut read, mut long) = (0, false);
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (used, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), false),
        };
        if !long {
            if buf.len() - start + used <= MAX_LINE {
                buf.extend_from_slice(&available[..used]);
            } else {
                long = true;
                buf.truncate(start);
            }
        }
        reader.consume(used);
        read += used;
        if done {
            break;
        }
    }
    Ok((read, long))
}

impl Chunk {
    /// Reads whole lines until about `target` bytes are in; returns the bytes read (0 at the end;
    /// a line too long to keep counts, though its bytes are not in `data`).
    /// With `dry_stop`, also stops when what has arrived is used up, rather than wait for more
    /// (a pipe fed line by line gets its results line by line).
    pub(super) fn fill(
        &mut self,
        reader: &mut Reader,
        next_line: &mut usize,
        target: usize,
        dry_stop: bool,
    ) -> std::io::Result<u64> {
        self.data.clear();
        self.lines.clear();
        let mut read = 0;
        while self.data.len() < target {
            let start = self.data.len();
            let (n, long) = read_line_capped(reader, &mut self.data)?;
            if n == 0 {
                break;
            }
            read += n as u64;
            let end = if self.data.last() == Some(&b'\n') && !long {
                self.data.len() - 1
            } else {
                self.data.len()
            };
            *next_line += 1;
            self.lines.push((*next_line, start, end, long));
            if dry_stop && reader.buffer().is_empty() {
                break;
            }
        }
        Ok(read)
    }

    /// The chunk's lines parsed, in order (none for a blank line).
    pub(super) fn parse(&self, pool: Option<&rayon::ThreadPool>) -> Vec<Option<Parsed>> {
        par_map(pool, self.lines.clone(), |(n, s, e, long)| {
            if long {
                return Some(Err((
                    Value::from(n),
                    format!(
                        "line {n}: longer than {} MB; grill scores lines of up to {0} MB (is this a batch file?)",
                        MAX_LINE >> 20
                    ),
                )));
            }
            parse_raw(&self.data[s..e], n)
        })
    }
}

/// `f` over `items`, in order: on the pool's threads when there is one, else on this thread.
fn par_map<T: Send, U: Send>(
    pool: Option<&rayon::ThreadPool>,
    items: Vec<T>,
    f: impl Fn(T) -> U + Sync + Send,
) -> Vec<U> {
    match pool {
        Some(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
        None => items.into_iter().map(f).collect(),
    }
}

/// The batch's input as it is read, chunk by chunk, once.
pub(super) struct Lines {
    reader: Reader,
    /// The file's size, when known (not for standard input).
    pub size: Option<u64>,
    /// Bytes read so far (a byte-order mark counts).
    pub consumed: u64,
    /// Reading from a pipe, a FIFO or a terminal may wait for lines that are written only once
    /// the results so far have been read: then a chunk ends where the input runs dry, and
    /// every result is out before the next read. Only a regular file never waits.
    dry_stop: bool,
    /// The chunk last read.
    pub chunk: Chunk,
    next_line: usize,
    target: usize,
}

impl Lines {
    /// Opens `path` (`-` for stdin) as a batch: a folder, a missing file or a binary file is bad
    /// input, and a UTF-8 byte-order mark is skipped.
    pub(super) fn open(path: &Path) -> Result<Lines> {
        let name = crate::error::source_name(path);
        let (mut reader, size, regular) = open_input(path)?;
        // A NUL byte means the wrong file (an archive, an executable), not text with a bad line;
        // the start of the input tells, before anything is printed. (A NUL further on makes its
        // line an error line: no JSON holds a raw NUL.)
        if reader
            .fill_buf()
            .map_err(|e| Error::read(path, e))?
            .contains(&0)
        {
            return Err(Error::input(format!(
                "{name} is a binary file, not a batch file (it contains NUL bytes)"
            )));
        }
        // A UTF-8 byte-order mark (as Windows editors save "UTF-8") is not part of line 1. It
        // counts as read, for the progress bar.
        let bom = reader.buffer().starts_with(UTF8_BOM);
        if bom {
            reader.consume(UTF8_BOM.len());
        }
        Ok(Lines {
            reader,
            size,
            consumed: if bom { UTF8_BOM.len() as u64 } else { 0 },
            dry_stop: !regular,
            chunk: Chunk::default(),
            next_line: 0,
            target: CHUNK_FIRST,
        })
    }

    /// Whether the next read may wait for input that has not arrived.
    pub(super) fn may_wait(&self) -> bool {
        self.dry_stop && self.reader.buffer().is_empty()
    }

    /// Reads the next chunk into `chunk`; the bytes read, 0 at the end of the input.
    pub(super) fn next_chunk(&mut self) -> std::io::Result<u64> {
        let n = self.chunk.fill(
            &mut self.reader,
            &mut self.next_line,
            self.target,
            self.dry_stop,
        )?;
        self.consumed += n;
        if n > 0 {
            self.target = (self.target * 2).min(CHUNK_MAX);
        }
        Ok(n)
    }
}

/// A reader over the input of `path` (`-` for stdin), its size when known, and whether it is
/// a regular file (which never waits for more lines). A folder or a missing file is bad
/// input; a FIFO or a shell's `<(...)` is read as a pipe.
fn open_input(path: &Path) -> Result<(Reader, Option<u64>, bool)> {
    Ok(if path == Path::new("-") {
        let stdin: Box<dyn Read> = Box::new(std::io::stdin());
        // A chunk's worth at a time: standard input redirected from a file then reads in
        // full chunks, while a pipe gives what it holds (see `Chunk::fill`).
        (
            BufReader::with_capacity(CHUNK_MAX, stdin),
            None,
            stdin_is_file(),
        )
    } else {
        if path.is_dir() {
            return Err(Error::input(format!(
                "{} is a folder, not a batch file; give the path of a file",
                path.display()
            )));
        }
        let file = File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::input(format!(
                "{} does not exist; check the path of a batch file",
                path.display()
            )),
            _ => Error::read(path, e),
        })?;
        let meta = file.metadata().ok();
        let regular = meta.as_ref().is_some_and(std::fs::Metadata::is_file);
        (
            BufReader::with_capacity(SNIFF, Box::new(file) as Box<dyn Read>),
            meta.filter(|_| regular).map(|m| m.len()),
            regular,
        )
    })
}

/// Whether standard input is a regular file (`< file`), which never waits for more lines.
fn stdin_is_file() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .map(File::from)
            .and_then(|f| f.metadata())
            .is_ok_and(|m| m.is_file())
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(line: &str) -> String {
        match parse_raw(line.as_bytes(), 4) {
            Some(Err((_, e))) => e,
            _ => panic!("{line} parsed"),
        }
    }

    #[test]
    fn a_line_names_a_question_or_a_reference_and_says_what_is_wrong() {
        let item = parse_raw(br#"{"id": "a", "question": 6, "answer": "x"}"#, 1)
            .unwrap()
            .unwrap();
        assert!(matches!(item.source, Source::Question(6)));
        assert!(parse_raw(b"  \r", 2).is_none());
        assert_eq!(
            error(r#"{"question": 6, "reference": ["a"], "answer": "x"}"#),
            r#"line 4: give "question" or "reference", not both"#
        );
        assert!(error(r#"{"question": 0, "answer": "x"}"#).contains("positive whole number"));
        // Past u64 a number is read as a float; what was written is not "1e+23".
        let huge = error(r#"{"question": 99999999999999999999999, "answer": "x"}"#);
        assert!(huge.ends_with("not a number that large"), "{huge}");
        assert!(error(r#"{"question": 1.5, "answer": "x"}"#).ends_with("not 1.5"));
        assert!(error(r#"{"reference": [""], "answer": "x"}"#).contains("non-empty strings"));
        assert!(error(r#"{"answer": "x"}"#).starts_with(r#"line 4: missing "question""#));
        assert!(error("[1]").contains("not a JSON object"));
    }

    #[test]
    fn an_inline_reference_may_give_other_wordings_by_bullet_number() {
        let line =
            br#"{"reference": ["a", "b"], "alternatives": {"2": ["c", "d"]}, "answer": "x"}"#;
        let item = parse_raw(line, 1).unwrap().unwrap();
        let Source::Inline { alternatives, .. } = item.source else {
            panic!("inline")
        };
        assert_eq!(
            alternatives,
            BTreeMap::from([(2, vec!["c".into(), "d".into()])])
        );
        let none = br#"{"reference": ["a"], "alternatives": null, "answer": "x"}"#;
        assert!(parse_raw(none, 1).unwrap().is_ok());
        for (alternatives, says) in [
            (
                r#"{"3": ["c"]}"#,
                "names bullet `3`, but the reference has 2 bullets",
            ),
            (r#"{"02": ["c"]}"#, "names bullet `02`"),
            (r#"{"0": ["c"]}"#, "names bullet `0`"),
            (r#"["c"]"#, "must be an object from bullet numbers"),
            (r#"{"1": "c"}"#, "must be an object from bullet numbers"),
            (
                r#"{"1": [" "]}"#,
                "an alternative of bullet 1 must be a non-empty string",
            ),
            (
                r#"{"1": [4]}"#,
                "an alternative of bullet 1 must be a non-empty string",
            ),
        ] {
            let line = format!(
                r#"{{"reference": ["a", "b"], "alternatives": {alternatives}, "answer": "x"}}"#
            );
            let e = error(&line);
            assert!(
                e.starts_with("line 4: ") && e.contains(says),
                "{alternatives}: {e}"
            );
        }
        let e = error(r#"{"question": 6, "alternatives": {"1": ["c"]}, "answer": "x"}"#);
        assert!(e.contains("go with an inline \"reference\"") && e.contains("grill bank show 6"));
    }
}
