//! Inline references' weights: they are weighted over the batch's own distinct references, so at
//! the first inline line the rest of the batch is read once more to collect them all (a file
//! from where the first pass stands; standard input spooled to a temporary file first).

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use rustc_hash::FxHashSet;

use super::input::{CHUNK_MAX, Chunk, Input, Lines, Parsed, Reader, SNIFF, Source};
use crate::error::{Error, Result};

/// What the lines of the rest of the batch say about inline references' weights.
#[derive(Default)]
pub(super) struct Census {
    /// The distinct inline references, in order of first use.
    pub references: Vec<Vec<String>>,
    seen: FxHashSet<Vec<String>>,
    /// Whether some line names a bank question (so the bank's synonyms apply).
    pub question: bool,
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

/// Whether a chunk's parsed lines hold an inline reference.
pub(super) fn has_inline(parsed: &[Option<Parsed>]) -> bool {
    parsed
        .iter()
        .flatten()
        .flatten()
        .any(|i| matches!(i.source, Source::Inline { .. }))
}

/// The census of the whole batch, taken at its first inline reference: the chunk just read
/// (`parsed`) and the rest of the input, read a second time. Standard input is spooled to a
/// temporary file, which `lines` then reads on from.
pub(super) fn census(
    lines: &mut Lines,
    path: &Path,
    pool: Option<&rayon::ThreadPool>,
    parsed: &[Option<Parsed>],
) -> Result<Census> {
    let read_err = |e: std::io::Error| Error::read(path, e);
    let mut census = Census::default();
    census.add(parsed);
    match &lines.input {
        Input::File { path } => {
            let mut file = File::open(path).map_err(read_err)?;
            file.seek(SeekFrom::Start(lines.consumed))
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
            std::io::copy(&mut lines.reader, &mut spool).map_err(read_err)?;
            spool.seek(SeekFrom::Start(0)).map_err(read_err)?;
            count_rest(spool.try_clone().map_err(read_err)?, pool, &mut census)
                .map_err(read_err)?;
            spool.seek(SeekFrom::Start(0)).map_err(read_err)?;
            lines.reader = BufReader::with_capacity(SNIFF, Box::new(spool));
            lines.dry_stop = false;
        }
    }
    Ok(census)
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
