//! `grill score --batch`: a JSON Lines file of answers, scored as a stream.
//!
//! The contract: one output object per input line, in input order, with "id" (echoed, or the
//! 1-based line number), "score" and "bullets"; a line that cannot be scored gets
//! `{"id": ..., "error": ...}` and the others are still scored, then the exit status is 1.
//!
//! Lines are read, scored and written in bounded chunks, so memory does not grow with the input
//! and the first results appear at once. With `--jobs` above 1, the calling thread reads,
//! parses and prepares one chunk while the threads score the one before (two chunks in flight,
//! so no thread waits for the slowest line of a chunk), and writes the results in input order;
//! what is shared between lines (the bank's scorer, the prepared references) is built on the
//! calling thread in line order, so the output does not depend on the number of threads.
//!
//! Inline references are weighted over the batch's own distinct references, which needs them
//! all before the first inline line is scored: at that line, the rest of a file is read once
//! more to collect them (parsed, the answers dropped), and the rest of standard input is first
//! copied to a temporary file. What stays in memory is the distinct references.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Arc, mpsc};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::bank::Bank;
use crate::error::{Error, Exit, Result, UTF8_BOM};
use crate::output;
use crate::scoring::{Assessment, Reference, Scorer};
use rustc_hash::{FxHashMap, FxHashSet};

use super::Context;

/// The first chunk is small, so the first results come quickly; chunks then double up to
/// `CHUNK_MAX` bytes, large enough that threads rarely wait on each other.
const CHUNK_FIRST: usize = 16 << 10;
const CHUNK_MAX: usize = 1 << 20;
/// A file at least this large gets a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 8 << 20;
/// How much of the input is looked at for NUL bytes before anything is scored.
const SNIFF: usize = 64 << 10;

/// One batch line as read. Fields are loose JSON values so each wrong type gets its own message.
#[derive(Deserialize)]
struct RawLine {
    id: Option<Value>,
    question: Option<Value>,
    reference: Option<Value>,
    prompt: Option<Value>,
    answer: Option<Value>,
}

/// Where a line's bullets come from.
enum Source {
    Question(u32),
    Inline {
        reference: Vec<String>,
        prompt: Option<String>,
    },
}

struct Item {
    /// 1-based, counting blank lines.
    line: usize,
    id: Value,
    source: Source,
    answer: String,
}

/// A parsed line, or its id and what is wrong with it.
type Parsed = std::result::Result<Item, (Value, String)>;

#[derive(Serialize)]
struct LineError<'a> {
    id: &'a Value,
    error: &'a str,
}

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
    let source = match (raw.question, raw.reference) {
        (Some(q), None) => match q.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if n > 0 => Source::Question(n),
            _ => {
                return Err(fail(format!(
                    r#""question" must be a bank question id (a positive whole number), not {q}"#
                )));
            }
        },
        (None, Some(r)) => match bullets(r) {
            Some(reference) => Source::Inline { reference, prompt },
            None => {
                return Err(fail(
                    r#""reference" must be a non-empty array of non-empty strings (the bullets)"#
                        .into(),
                ));
            }
        },
        (Some(_), Some(_)) => {
            return Err(fail(r#"give "question" or "reference", not both"#.into()));
        }
        (None, None) => {
            return Err(fail(
                r#"missing "question" (a bank question id) or "reference" (an array of bullets)"#
                    .into(),
            ));
        }
    };
    Ok(Item {
        line: number,
        id,
        source,
        answer,
    })
}

/// The longest line a batch scores. A real answer is a few kilobytes; analysing one costs tens
/// of times its size in memory, so a line of hundreds of megabytes (a file that is not a batch,
/// or hostile input) would exhaust it. Longer lines become error lines, read but not kept.
const MAX_LINE: usize = 1 << 20;

/// Lines read together: their bytes end to end, and where each starts and ends.
#[derive(Default)]
struct Chunk {
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
    fn fill(
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

    fn parse(&self, pool: Option<&rayon::ThreadPool>) -> Vec<Option<Parsed>> {
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

/// What the lines of the rest of the batch say about inline references' weights.
#[derive(Default)]
struct Census {
    /// The distinct inline references, in order of first use.
    references: Vec<Vec<String>>,
    seen: FxHashSet<Vec<String>>,
    /// Whether some line names a bank question (so the bank's synonyms apply).
    question: bool,
}

impl Census {
    fn add(&mut self, parsed: &[Option<Parsed>]) {
        for p in parsed.iter().flatten().flatten() {
            match &p.source {
                Source::Question(_) => self.question = true,
                Source::Inline { reference, .. } => {
                    if !self.seen.contains(reference) {
                        self.seen.insert(reference.clone());
                        self.references.push(reference.clone());
                    }
                }
            }
        }
    }
}

/// The scoring state shared by the lines: scorers and prepared references, each made once.
/// Shared (`Arc`) with the lines that use them, so chunks already handed to the threads are
/// scored while the next chunk's lines find theirs.
struct Prepared {
    bank: Option<Bank>,
    bank_scorer: Option<Arc<Scorer>>,
    /// Where each of the bank's questions is (chapter, question), so that the first line of
    /// each question finds it at once: `Bank::find` walks the bank, which over many distinct
    /// questions of a large bank is quadratic.
    at: FxHashMap<u32, (usize, usize)>,
    inline_scorer: Option<Arc<Scorer>>,
    by_question: FxHashMap<u32, Arc<Reference>>,
    by_inline: HashMap<(Vec<String>, Option<String>), Arc<Reference>>,
}

/// What to do with one line once its reference is known.
enum Job {
    Score {
        id: Value,
        answer: String,
        scorer: Arc<Scorer>,
        reference: Arc<Reference>,
    },
    Fail {
        id: Value,
        error: String,
    },
}

type Reader = BufReader<Box<dyn Read>>;

/// Where the lines come from, and how to read the rest of them a second time.
enum Input {
    File { path: std::path::PathBuf },
    Stdin,
}

/// One line's output bytes, and its error when it could not be scored.
type Scored = (Vec<u8>, Option<String>);

impl Prepared {
    /// Nothing prepared yet but the bank when --bank was given (for its synonyms): otherwise
    /// it is loaded when a line names a question, so a batch of inline references starts fast.
    fn new(ctx: &Context) -> Result<Prepared> {
        let mut prepared = Prepared {
            bank: None,
            bank_scorer: None,
            at: FxHashMap::default(),
            inline_scorer: None,
            by_question: FxHashMap::default(),
            by_inline: HashMap::new(),
        };
        if ctx.bank_path.is_some() {
            prepared.load_bank(ctx)?;
        }
        Ok(prepared)
    }

    /// Loads the bank, its scorer and the place of each question.
    fn load_bank(&mut self, ctx: &Context) -> Result<()> {
        let bank = ctx.bank()?;
        self.bank_scorer = Some(Arc::new(Scorer::for_bank(&bank)));
        for (c, chapter) in bank.chapters.iter().enumerate() {
            for (i, q) in chapter.questions.iter().enumerate() {
                // Ids are unique in a bank that loaded; the first wins, as with `find`.
                self.at.entry(q.id).or_insert((c, i));
            }
        }
        self.bank = Some(bank);
        Ok(())
    }

    /// A chunk's lines made into jobs, in input order (none for a blank line).
    fn jobs(&mut self, ctx: &Context, parsed: Vec<Option<Parsed>>) -> Result<Vec<Option<Job>>> {
        parsed
            .into_iter()
            .map(|p| p.map(|p| self.job(ctx, p)).transpose())
            .collect()
    }
}

/// Each line's output bytes and error, in input order (none for a blank line).
type Outputs = Vec<Option<Scored>>;

/// Scores a chunk's jobs on this thread.
fn score_all(jobs: Vec<Option<Job>>) -> Outputs {
    jobs.into_iter().map(|j| j.map(score_line)).collect()
}

/// How many chunks may be handed to the threads and not yet written: two, so that threads
/// done with one chunk's lines go on with the next chunk's instead of waiting for the slowest
/// line of the first (and the reading and parsing of the next chunk overlap the scoring).
const IN_FLIGHT: usize = 2;

/// The chunks handed to the threads, oldest first, each with how far the input had been read.
type Flight = std::collections::VecDeque<(mpsc::Receiver<Outputs>, u64)>;

/// Hands a chunk's jobs to the pool, whose threads share its lines (and those of the other
/// chunk in flight) by work stealing; the results come back over a channel.
fn launch(pool: &rayon::ThreadPool, jobs: Vec<Option<Job>>) -> mpsc::Receiver<Outputs> {
    let (tx, rx) = mpsc::channel();
    pool.spawn(move || {
        let outputs: Outputs = jobs.into_par_iter().map(|j| j.map(score_line)).collect();
        // The receiver is gone only when the batch already failed.
        let _ = tx.send(outputs);
    });
    rx
}

/// What has been written: lines, error lines and the first error.
#[derive(Default)]
struct Tally {
    lines: usize,
    errors: usize,
    first_error: Option<String>,
}

impl Tally {
    /// Writes a chunk's results in order, then flushes, so a reader of the output sees them
    /// at once, not when a buffer fills.
    fn write(&mut self, outputs: Outputs, out: &mut dyn Write) -> std::io::Result<()> {
        for (bytes, error) in outputs.into_iter().flatten() {
            self.lines += 1;
            if let Some(e) = error {
                self.errors += 1;
                self.first_error.get_or_insert(e);
            }
            out.write_all(&bytes)?;
        }
        out.flush()
    }
}

/// Runs `grill score --batch PATH` on `jobs` threads.
pub fn run(ctx: &Context, path: &Path, jobs: usize, out: &mut dyn Write) -> Result<Exit> {
    let name = crate::error::source_name(path);
    let (input, mut reader, size) = open_input(path)?;
    let read_err = |e: std::io::Error| Error::read(path, e);
    // A NUL byte means the wrong file (an archive, an executable), not text with a bad line;
    // the start of the input tells, before anything is printed. (A NUL further on makes its
    // line an error line: no JSON holds a raw NUL.)
    if reader.fill_buf().map_err(read_err)?.contains(&0) {
        return Err(Error::input(format!(
            "{name} is a binary file, not a batch file (it contains NUL bytes)"
        )));
    }
    // A UTF-8 byte-order mark (as Windows editors save "UTF-8") is not part of line 1. It
    // counts as read, since the rest of a file is read again from the bytes consumed.
    let bom = reader.buffer().starts_with(UTF8_BOM);
    if bom {
        reader.consume(UTF8_BOM.len());
    }
    let pool = thread_pool(jobs)?;
    let pool = pool.as_ref();

    let mut state = Prepared::new(ctx)?;

    let progress = progress_bar(size);

    let mut chunk = Chunk::default();
    let mut target = CHUNK_FIRST;
    let mut next_line = 0usize;
    let mut consumed = if bom { UTF8_BOM.len() as u64 } else { 0 };
    let mut tally = Tally::default();
    let mut flight = Flight::new();
    // Reading from a pipe or a terminal may wait for lines that are written only once the
    // results so far have been read: then a chunk ends where the input runs dry, and every
    // result is out before the next read.
    let mut dry_stop = matches!(input, Input::Stdin) && !stdin_is_file();
    let pumped = (|| -> Result<()> {
        loop {
            if dry_stop && reader.buffer().is_empty() {
                land(&mut flight, 0, &mut tally, out, progress.as_ref())?;
            }
            let n = chunk
                .fill(&mut reader, &mut next_line, target, dry_stop)
                .map_err(read_err)?;
            if n == 0 {
                break;
            }
            consumed += n;
            target = (target * 2).min(CHUNK_MAX);
            // With chunks in flight the pool is busy: this thread parses while the threads score.
            let parsed = chunk.parse(if flight.is_empty() { pool } else { None });

            let first_inline = state.inline_scorer.is_none()
                && parsed
                    .iter()
                    .flatten()
                    .flatten()
                    .any(|i| matches!(i.source, Source::Inline { .. }));
            if first_inline {
                let mut rest = Rest {
                    input: &input,
                    reader: &mut reader,
                    dry_stop: &mut dry_stop,
                    consumed,
                    path,
                };
                inline_scorer(ctx, &mut rest, pool, &parsed, &mut state)?;
            }

            let jobs = state.jobs(ctx, parsed)?;
            match pool {
                None => {
                    tally.write(score_all(jobs), out)?;
                    if let Some(bar) = &progress {
                        bar.set_position(consumed);
                    }
                }
                Some(pool) => {
                    flight.push_back((launch(pool, jobs), consumed));
                    land(
                        &mut flight,
                        IN_FLIGHT - 1,
                        &mut tally,
                        out,
                        progress.as_ref(),
                    )?;
                }
            }
        }
        Ok(())
    })();
    // What was handed to the threads is written even when the batch stops on an error.
    let landed = land(&mut flight, 0, &mut tally, out, progress.as_ref());
    pumped?;
    landed?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    finish(ctx, &name, tally, out)
}

/// Writes the results of the oldest chunks in flight, waiting for them, until at most `keep`
/// are left.
fn land(
    flight: &mut Flight,
    keep: usize,
    tally: &mut Tally,
    out: &mut dyn Write,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<()> {
    while flight.len() > keep {
        let Some((rx, consumed)) = flight.pop_front() else {
            break;
        };
        let outputs = rx.recv().map_err(|_| {
            Error::Failed("a scoring thread stopped before its lines were scored".into())
        })?;
        tally.write(outputs, out)?;
        if let Some(bar) = progress {
            bar.set_position(consumed);
        }
    }
    Ok(())
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

/// The exit status of the whole batch: an empty input is bad input; lines that could not be
/// scored make a failure, with a warning on stderr naming the first.
fn finish(ctx: &Context, name: &str, tally: Tally, out: &mut dyn Write) -> Result<Exit> {
    let Tally {
        lines,
        errors,
        first_error,
    } = tally;
    if lines == 0 {
        return Err(Error::input(format!(
            "{name} is empty; a batch file holds one JSON object per line, such as \
             {{\"question\": 6, \"answer\": \"...\"}}"
        )));
    }
    let Some(first) = first_error else {
        return Ok(Exit::Ok);
    };
    out.flush()?;
    let theme = ctx.stderr_theme();
    output::note(format_args!(
        "{} {errors} of {lines} lines of {name} could not be scored (their output lines have an \"error\"); the first: {}",
        theme.warn("warning:"),
        output::visible(&first),
    ));
    Ok(Exit::Failure)
}

/// The input of `path` (`-` for stdin) with a reader over it and its size when known. A
/// folder or a missing file is bad input.
fn open_input(path: &Path) -> Result<(Input, Reader, Option<u64>)> {
    Ok(if path == Path::new("-") {
        let stdin: Box<dyn Read> = Box::new(std::io::stdin());
        // A chunk's worth at a time: standard input redirected from a file then reads in
        // full chunks, while a pipe gives what it holds (see `Chunk::fill`).
        (
            Input::Stdin,
            BufReader::with_capacity(CHUNK_MAX, stdin),
            None,
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
        let size = file.metadata().ok().map(|m| m.len());
        (
            Input::File {
                path: path.to_path_buf(),
            },
            BufReader::with_capacity(SNIFF, Box::new(file) as Box<dyn Read>),
            size,
        )
    })
}

/// The threads for `--jobs N`; none for one job, which scores on this thread.
fn thread_pool(jobs: usize) -> Result<Option<rayon::ThreadPool>> {
    if jobs <= 1 {
        return Ok(None);
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map(Some)
        .map_err(|e| Error::input(format!("--jobs {jobs}: cannot start threads ({e})")))
}

/// A progress bar on stderr for a file big enough to wait for, when stderr is a terminal.
fn progress_bar(size: Option<u64>) -> Option<indicatif::ProgressBar> {
    size.filter(|&s| s >= PROGRESS_MIN_BYTES && std::io::stderr().is_terminal())
        .map(|s| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(s),
                indicatif::ProgressDrawTarget::stderr(),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} read, {eta} left",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        })
}

/// The batch's input past the first chunk, for the census of inline references.
struct Rest<'a> {
    input: &'a Input,
    reader: &'a mut Reader,
    dry_stop: &'a mut bool,
    /// Bytes read so far.
    consumed: u64,
    path: &'a Path,
}

/// At the first inline reference: counts every inline reference of the whole batch (reading
/// the rest of a file a second time, or spooling stdin to a temporary file to read on from),
/// loads the bank when a line names a question, and makes the scorer of inline references.
fn inline_scorer(
    ctx: &Context,
    rest: &mut Rest,
    pool: Option<&rayon::ThreadPool>,
    parsed: &[Option<Parsed>],
    state: &mut Prepared,
) -> Result<()> {
    let read_err = |e: std::io::Error| Error::read(rest.path, e);
    let mut census = Census::default();
    census.add(parsed);
    match rest.input {
        Input::File { path } => {
            let mut file = File::open(path).map_err(read_err)?;
            file.seek(SeekFrom::Start(rest.consumed))
                .map_err(read_err)?;
            count_rest(file, pool, &mut census).map_err(read_err)?;
        }
        Input::Stdin => {
            let mut spool = tempfile::tempfile().map_err(|e| {
                Error::input(format!(
                    "cannot make a temporary file for the rest of standard input ({e}); \
                     give the batch as a file instead"
                ))
            })?;
            std::io::copy(rest.reader, &mut spool).map_err(read_err)?;
            spool.seek(SeekFrom::Start(0)).map_err(read_err)?;
            count_rest(spool.try_clone().map_err(read_err)?, pool, &mut census)
                .map_err(read_err)?;
            spool.seek(SeekFrom::Start(0)).map_err(read_err)?;
            *rest.reader = BufReader::with_capacity(SNIFF, Box::new(spool));
            *rest.dry_stop = false;
        }
    }
    if census.question && state.bank.is_none() {
        state.load_bank(ctx)?;
    }
    let synonyms: &[Vec<String>] = state.bank.as_ref().map_or(&[], |b| &b.synonyms);
    state.inline_scorer = Some(Arc::new(Scorer::new(
        census.references.iter().map(Vec::as_slice),
        synonyms,
    )));
    Ok(())
}

/// Reads the rest of the batch for the census of its inline references.
fn count_rest(
    rest: impl Read + 'static,
    pool: Option<&rayon::ThreadPool>,
    census: &mut Census,
) -> std::io::Result<()> {
    let mut reader: Reader = BufReader::with_capacity(SNIFF, Box::new(rest));
    let mut chunk = Chunk::default();
    // Line numbers only name lines in messages, which the census drops.
    let mut n = 0;
    while chunk.fill(&mut reader, &mut n, CHUNK_MAX, false)? > 0 {
        census.add(&chunk.parse(pool));
    }
    Ok(())
}

impl Prepared {
    /// Finds or prepares the reference of a parsed line (loading the bank at the first line
    /// that names a question).
    fn job(&mut self, ctx: &Context, parsed: Parsed) -> Result<Job> {
        let item = match parsed {
            Ok(item) => item,
            Err((id, error)) => return Ok(Job::Fail { id, error }),
        };
        let line = item.line;
        match item.source {
            Source::Question(q) => {
                if self.bank.is_none() {
                    self.load_bank(ctx)?;
                }
                let (Some(bank), Some(scorer)) = (&self.bank, &self.bank_scorer) else {
                    unreachable!("the bank was just loaded")
                };
                let reference = match self.by_question.get(&q) {
                    Some(r) => Arc::clone(r),
                    None => match self.at.get(&q) {
                        Some(&(c, i)) => {
                            let question = &bank.chapters[c].questions[i];
                            let r = scorer.prepare(Some(&question.prompt), &question.bullets);
                            let r = Arc::new(r);
                            self.by_question.insert(q, Arc::clone(&r));
                            r
                        }
                        None => {
                            return Ok(Job::Fail {
                                id: item.id,
                                error: format!(
                                    "line {line}: no question {q} in the bank \"{}\" (see `grill bank list`)",
                                    bank.title
                                ),
                            });
                        }
                    },
                };
                Ok(Job::Score {
                    id: item.id,
                    answer: item.answer,
                    scorer: Arc::clone(scorer),
                    reference,
                })
            }
            Source::Inline { reference, prompt } => {
                let scorer = self
                    .inline_scorer
                    .as_ref()
                    .expect("built at the first line with a reference");
                let key = (reference, prompt);
                let r = match self.by_inline.get(&key) {
                    Some(r) => Arc::clone(r),
                    None => {
                        let r = Arc::new(scorer.prepare(key.1.as_deref(), &key.0));
                        self.by_inline.insert(key, Arc::clone(&r));
                        r
                    }
                };
                // A bullet with nothing to score just weighs nothing; only a reference with
                // nothing to score at all cannot give a score that means anything.
                if r.is_empty() {
                    return Ok(Job::Fail {
                        id: item.id,
                        error: format!(
                            "line {line}: the reference has no words to score against (every bullet is stopwords)"
                        ),
                    });
                }
                Ok(Job::Score {
                    id: item.id,
                    answer: item.answer,
                    scorer: Arc::clone(scorer),
                    reference: r,
                })
            }
        }
    }
}

/// Scores one line; its output line, and its error if it has one.
fn score_line(job: Job) -> Scored {
    SCRATCH.with(|scratch| {
        let mut buf = scratch.borrow_mut();
        buf.clear();
        let error = write_result(&mut buf, job);
        // One allocation of the line's size, not a buffer grown by doubling (a bank answer's
        // line is about a kilobyte).
        let mut line = Vec::with_capacity(buf.len() + 1);
        line.extend_from_slice(&buf);
        line.push(b'\n');
        if buf.capacity() > SCRATCH_MAX {
            *buf = Vec::new();
        }
        // C1 controls from an answer or an id never reach a terminal raw (see output::json).
        (crate::output::escape_c1(line), error)
    })
}

/// A line's result is written here first, then copied out at its size.
const SCRATCH_MAX: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(4096));
}

/// Writes one line's result (without its line end); its error if it has one.
fn write_result(buf: &mut Vec<u8>, job: Job) -> Option<String> {
    match job {
        Job::Fail { id, error } => {
            // Serializing values to a Vec cannot fail.
            let _ = serde_json::to_writer(
                &mut *buf,
                &LineError {
                    id: &id,
                    error: &error,
                },
            );
            Some(error)
        }
        Job::Score {
            id,
            answer,
            scorer,
            reference,
        } => {
            let a: Assessment = scorer.assess(&reference, &answer);
            write_line(buf, &id, &a);
            None
        }
    }
}

/// Writes one scored line as JSON: `{"id", "score", "bullets": [{"coverage", "weight",
/// "opposite" (only when true), "matched": [{"keyword", "word", "how"}], "missed"}]}`. By hand
/// rather than through derived serializers, which were a tenth of a batch's time; numbers, the
/// id and strings that need escaping still go through serde_json, so the bytes are the same.
fn write_line(buf: &mut Vec<u8>, id: &Value, a: &Assessment) {
    // Serializing to a Vec cannot fail.
    buf.extend_from_slice(b"{\"id\":");
    let _ = serde_json::to_writer(&mut *buf, id);
    buf.extend_from_slice(b",\"score\":");
    let _ = serde_json::to_writer(&mut *buf, &a.score);
    buf.extend_from_slice(b",\"bullets\":[");
    for (i, b) in a.bullets.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        buf.extend_from_slice(b"{\"coverage\":");
        let _ = serde_json::to_writer(&mut *buf, &b.coverage);
        buf.extend_from_slice(b",\"weight\":");
        let _ = serde_json::to_writer(&mut *buf, &b.weight);
        if b.opposite {
            buf.extend_from_slice(b",\"opposite\":true");
        }
        buf.extend_from_slice(b",\"matched\":[");
        for (j, m) in b.matched.iter().enumerate() {
            if j > 0 {
                buf.push(b',');
            }
            buf.extend_from_slice(b"{\"keyword\":");
            write_str(buf, &m.keyword);
            buf.extend_from_slice(b",\"word\":");
            write_str(buf, &m.word);
            buf.extend_from_slice(b",\"how\":");
            let _ = serde_json::to_writer(&mut *buf, &m.how);
            buf.push(b'}');
        }
        buf.extend_from_slice(b"],\"missed\":[");
        for (j, m) in b.missed.iter().enumerate() {
            if j > 0 {
                buf.push(b',');
            }
            write_str(buf, m);
        }
        buf.extend_from_slice(b"]}");
    }
    buf.extend_from_slice(b"]}");
}

/// A JSON string: copied between quotes when nothing in it needs escaping (the common case),
/// else escaped by serde_json.
fn write_str(buf: &mut Vec<u8>, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        buf.push(b'"');
        buf.extend_from_slice(s.as_bytes());
        buf.push(b'"');
    } else {
        let _ = serde_json::to_writer(&mut *buf, s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{BulletAssessment, KeywordMatch, MatchKind};
    use serde_json::json;

    #[test]
    fn a_line_written_by_hand_is_what_serde_json_writes() {
        let a = Assessment {
            score: 37.5,
            bullets: vec![
                BulletAssessment {
                    bullet: "unused".into(),
                    coverage: 0.333,
                    weight: 1.0,
                    opposite: true,
                    matched: vec![
                        KeywordMatch {
                            keyword: "say \"GIL\"\\".into(),
                            word: "tab\there, café".into(),
                            how: MatchKind::Fuzzy,
                        },
                        KeywordMatch {
                            keyword: "x".into(),
                            word: "y".into(),
                            how: MatchKind::Related,
                        },
                    ],
                    missed: vec!["a\u{1}b".into(), "plain".into()],
                },
                BulletAssessment {
                    bullet: String::new(),
                    coverage: 0.0,
                    weight: 0.0,
                    opposite: false,
                    matched: Vec::new(),
                    missed: Vec::new(),
                },
            ],
        };
        for id in [json!(7), json!("q\"1"), json!({"k": [1, 2.5]})] {
            let mut buf = Vec::new();
            write_line(&mut buf, &id, &a);
            let want = json!({
                "id": id,
                "score": 37.5,
                "bullets": [
                    {
                        "coverage": 0.333,
                        "weight": 1.0,
                        "opposite": true,
                        "matched": [
                            {"keyword": "say \"GIL\"\\", "word": "tab\there, café", "how": "fuzzy"},
                            {"keyword": "x", "word": "y", "how": "related"},
                        ],
                        "missed": ["a\u{1}b", "plain"],
                    },
                    {"coverage": 0.0, "weight": 0.0, "matched": [], "missed": []},
                ],
            });
            assert_eq!(String::from_utf8(buf).unwrap(), want.to_string());
        }
    }
}
