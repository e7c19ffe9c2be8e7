//! Batch scoring (`grill score --batch`): a JSON Lines file of answers, scored as a stream.
//!
//! The contract: one output object per input line, in input order, with "id" (echoed, or the
//! 1-based line number), "score" and "bullets"; a line that cannot be scored gets
//! `{"id": ..., "error": ...}` and the others are still scored (the [`Summary`] counts them).
//!
//! A batch is a pure map: a line's output depends on that line alone (and `--bank`), never on
//! the other lines, so a file scored whole, in shards or line by line gives the same lines.
//! Inline references take their keyword weights from a fixed table (see
//! [`crate::scoring::Scorer::fixed`]), not from the batch.
//!
//! Lines are read, scored and written in bounded chunks, in one pass, so memory does not grow
//! with the input and the first results appear at once; any input that can be read once works
//! (a file, standard input, a FIFO, a shell's `<(...)`). With `jobs` above 1, the calling
//! thread reads, parses and prepares one chunk while the threads score the one before (two
//! chunks in flight, so no thread waits for the slowest line of a chunk), and writes the
//! results in input order.
//!
//! The parts: [`input`] reads and parses lines, [`pipeline`] prepares and scores them,
//! [`output`] writes them (its [`BulletView`] is shared with `grill score --json`) through
//! [`json`]'s serializer.

mod input;
mod json;
mod output;
mod pipeline;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::mpsc;

pub use output::{BulletView, Bullets};

use crate::error::{Error, Result};
use input::Lines;
use pipeline::{Outputs, Prepared};

/// How to run a batch.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The bank that `"question"` lines name, and whose synonyms apply; `None` for the
    /// embedded bank (then loaded only when a line names a question).
    pub bank: Option<&'a crate::bank::Bank>,
    /// Threads scoring lines; 1 scores on the calling thread.
    pub jobs: usize,
}

/// What was written: lines, error lines and the first error.
#[derive(Debug, Default)]
pub struct Summary {
    /// Output lines (one per input line that is not blank).
    pub lines: usize,
    /// Lines that could not be scored.
    pub errors: usize,
    /// The first of their errors.
    pub first_error: Option<String>,
}

/// A file at least this large gets a progress bar (when stderr is a terminal).
const PROGRESS_MIN_BYTES: u64 = 8 << 20;

/// How many chunks may be handed to the threads and not yet written: two, so that threads
/// done with one chunk's lines go on with the next chunk's instead of waiting for the slowest
/// line of the first (and the reading and parsing of the next chunk overlap the scoring).
const IN_FLIGHT: usize = 2;

/// The chunks handed to the threads, oldest first, each with how far the input had been read.
type Flight = std::collections::VecDeque<(mpsc::Receiver<Outputs>, u64)>;

/// Where results go: the output, counted, and the progress bar.
struct Sink<'a> {
    out: &'a mut dyn Write,
    summary: Summary,
    flight: Flight,
    progress: Option<indicatif::ProgressBar>,
}

impl Sink<'_> {
    /// Writes a chunk's results in order, then flushes, so a reader of the output sees them
    /// at once, not when a buffer fills.
    fn write(&mut self, outputs: Outputs, consumed: u64) -> Result<()> {
        for (bytes, error) in outputs.into_iter().flatten() {
            self.summary.lines += 1;
            if let Some(e) = error {
                self.summary.errors += 1;
                self.summary.first_error.get_or_insert(e);
            }
            self.out.write_all(&bytes)?;
        }
        self.out.flush()?;
        if let Some(bar) = &self.progress {
            bar.set_position(consumed);
        }
        Ok(())
    }

    /// Writes the results of the oldest chunks in flight, waiting for them, until at most
    /// `keep` are left.
    fn land(&mut self, keep: usize) -> Result<()> {
        while self.flight.len() > keep {
            let Some((rx, consumed)) = self.flight.pop_front() else {
                break;
            };
            let outputs = rx.recv().map_err(|_| {
                Error::Failed("a scoring thread stopped before its lines were scored".into())
            })?;
            self.write(outputs, consumed)?;
        }
        Ok(())
    }
}

/// Scores the batch at `path` (`-` for stdin), writing one line to `out` for each line that is
/// not blank. An input that cannot be read as a batch, or has no lines, is an error; lines
/// that cannot be scored are error lines, counted in the summary.
pub fn run(options: &Options, path: &Path, out: &mut dyn Write) -> Result<Summary> {
    let name = crate::error::source_name(path);
    let mut lines = Lines::open(path)?;
    let pool = pipeline::thread_pool(options.jobs)?;
    let mut state = Prepared::new(options.bank)?;
    let mut sink = Sink {
        out,
        summary: Summary::default(),
        flight: Flight::new(),
        progress: progress_bar(lines.size),
    };
    let pumped = pump(&mut lines, path, pool.as_ref(), &mut state, &mut sink);
    // What was handed to the threads is written even when the batch stops on an error.
    let landed = sink.land(0);
    pumped?;
    landed?;
    if let Some(bar) = sink.progress {
        bar.finish_and_clear();
    }
    if sink.summary.lines == 0 {
        return Err(Error::input(format!(
            "{name} is empty; a batch file holds one JSON object per line, such as \
             {{\"question\": 6, \"answer\": \"...\"}}"
        )));
    }
    Ok(sink.summary)
}

/// Reads, prepares and scores the chunks in turn, writing results as they land.
fn pump(
    lines: &mut Lines,
    path: &Path,
    pool: Option<&rayon::ThreadPool>,
    state: &mut Prepared,
    sink: &mut Sink,
) -> Result<()> {
    loop {
        if lines.may_wait() {
            sink.land(0)?;
        }
        if lines.next_chunk().map_err(|e| Error::read(path, e))? == 0 {
            return Ok(());
        }
        // With chunks in flight the pool is busy: this thread parses while the threads score.
        let parsed = lines
            .chunk
            .parse(if sink.flight.is_empty() { pool } else { None });
        let jobs = state.jobs(parsed)?;
        match pool {
            None => sink.write(pipeline::score_all(jobs), lines.consumed)?,
            Some(pool) => {
                sink.flight
                    .push_back((pipeline::launch(pool, jobs), lines.consumed));
                sink.land(IN_FLIGHT - 1)?;
            }
        }
    }
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
