//! Errors and exit codes.
//!
//! Every error a user can cause says what was wrong, where (file:line, flag) and what to do.
//! Exit codes follow the house rule: 0 ok, 1 failure, 2 bad input or usage, 130 interrupted.

use crate::words::plural;
use std::fmt;
use std::path::{Path, PathBuf};

/// The process exit codes grill uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Ok = 0,
    /// The work ran but something failed (a batch line, saving history).
    Failure = 1,
    /// Bad input or usage: nothing was done.
    BadInput = 2,
    /// The user interrupted (Ctrl-C, SIGTERM); what was done so far is kept.
    Interrupted = 130,
}

impl Exit {
    /// The numeric process exit code.
    pub fn code(self) -> i32 {
        self as i32
    }
}

/// One problem found in an input file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known (JSON syntax errors).
    pub column: Option<usize>,
    /// What is wrong, in words a user can act on.
    pub message: String,
}

impl Problem {
    /// A problem at a line.
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Problem {
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }

    /// A problem of the whole file.
    pub fn whole(message: impl Into<String>) -> Self {
        Problem {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// Formats as `path:line:column: message` (the shape editors and compilers use).
    pub fn display_in(&self, source: &str) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{source}:{l}:{c}: {}", self.message),
            (Some(l), None) => format!("{source}:{l}: {}", self.message),
            _ => format!("{source}: {}", self.message),
        }
    }
}

/// The library's error type.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input or usage, fully described by the message (exit 2).
    #[error("{0}")]
    Input(String),
    /// A file with one or more problems (exit 2). Lists all of them.
    #[error("{}", render_problems(.file, .problems, .hint))]
    Invalid {
        /// The file (or `<embedded>`, `<stdin>`).
        file: String,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
        /// What to do about it.
        hint: String,
    },
    /// An I/O failure at a path we were told to use (exit 1 unless the path itself was bad input).
    #[error("{action} {}: {source}", .path.display())]
    Io {
        /// What we were doing.
        action: IoAction,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The work ran but failed (exit 1).
    #[error("{0}")]
    Failed(String),
    /// Writing results to stdout failed (a closed pipe is not reported: see `main`).
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
}

/// What grill was doing when an I/O error happened; it decides the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoAction {
    /// Reading a file the user named.
    Read,
    /// Writing a file.
    Write,
    /// Creating a folder.
    Create,
}

impl fmt::Display for IoAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            IoAction::Read => "cannot read",
            IoAction::Write => "cannot write",
            IoAction::Create => "cannot create",
        })
    }
}

fn render_problems(source: &str, problems: &[Problem], hint: &str) -> String {
    let mut out = String::new();
    let n = problems.len();
    out.push_str(&format!("{source} has {n} problem{}:", plural(n)));
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.display_in(source));
    }
    if !hint.is_empty() {
        out.push('\n');
        out.push_str(hint);
    }
    out
}

impl Error {
    /// A bad-input error.
    pub fn input(message: impl fmt::Display) -> Self {
        Error::Input(message.to_string())
    }

    /// An I/O error while reading `path`.
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action: IoAction::Read,
            path: path.to_path_buf(),
            source,
        }
    }

    /// An I/O error while writing `path`.
    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            action: IoAction::Write,
            path: path.to_path_buf(),
            source,
        }
    }

    /// A value that could not be turned into JSON (exit 1): never written half-way.
    pub fn json(what: &str, e: serde_json::Error) -> Self {
        Error::Failed(format!("cannot write {what} as JSON: {e}"))
    }

    /// True when stdout was closed early (`grill bank export | head`): not worth a message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }

    /// The exit code this error maps to.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Input(_) | Error::Invalid { .. } => Exit::BadInput,
            Error::Io { action, source, .. } => {
                // A path the user named that cannot be read is bad input; a failing disk is not.
                if *action == IoAction::Read
                    && matches!(
                        source.kind(),
                        std::io::ErrorKind::NotFound
                            | std::io::ErrorKind::PermissionDenied
                            | std::io::ErrorKind::IsADirectory
                            | std::io::ErrorKind::InvalidData
                    )
                {
                    Exit::BadInput
                } else {
                    Exit::Failure
                }
            }
            Error::Failed(_) | Error::Output(_) => Exit::Failure,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// serde_json ends its messages with " at line L column C"; we print the place ourselves.
pub fn without_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Reads a user-named text file with errors that say what to do. `what` names the file with
/// its article, as in "a bank file", for the messages.
///
/// Folders, missing files, binary files and non-UTF-8 files are all bad input (exit 2).
/// `-` reads standard input.
pub fn read_text_file(path: &Path, what: &str) -> Result<String> {
    let bytes = read_file_bytes(path, what)?;
    decode_text(bytes, &source_name(path), what)
}

/// A text file read whole as [`read_text_file`] does, but with bytes that are not UTF-8
/// replaced by `�`, as answers coming through a pipe are: typed answers are kept, not refused.
pub fn read_text_file_lossy(path: &Path, what: &str) -> Result<String> {
    let bytes = read_file_bytes(path, what)?;
    refuse_binary(&bytes, &source_name(path), what)?;
    let text = bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes);
    Ok(String::from_utf8_lossy(text).into_owned())
}

/// The name of a user-named file in messages: its path, or `<stdin>` for `-`.
pub fn source_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The most grill reads of a file it reads whole (a bank, an answers file, a history export):
/// far beyond any real one, and a bound on what `/dev/zero` or a runaway file can take.
pub const MAX_WHOLE_FILE: u64 = 512 * 1024 * 1024;

/// What kind of file a path names, for reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file (or a link to one): it can be read whole, and again.
    Regular,
    /// A FIFO, a device or a socket: it can only be read as a stream, once, and may never end.
    Stream,
}

/// What kind of file `path` is; a folder or a missing file is bad input that names `what`.
pub fn file_kind(path: &Path, what: &str) -> Result<FileKind> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(Error::input(format!(
            "{} is a folder, not {what}; give the path of a file",
            path.display()
        ))),
        Ok(m) if m.is_file() => Ok(FileKind::Regular),
        Ok(_) => Ok(FileKind::Stream),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::input(format!(
            "{} does not exist; check the path of {what}",
            path.display()
        ))),
        Err(e) => Err(Error::read(path, e)),
    }
}

/// Reads a user-named file's bytes whole (`-` reads standard input), for callers that decode
/// it themselves. A folder, a missing file, a FIFO or a device (which grill would have to read
/// whole and might never end) are bad input (exit 2), as is anything over
/// [`MAX_WHOLE_FILE`].
pub fn read_file_bytes(path: &Path, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_big = || {
        Error::input(format!(
            "{} is larger than {} MB, more than {what} can be; check the file",
            source_name(path),
            MAX_WHOLE_FILE / (1024 * 1024)
        ))
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::stdin()
            .take(MAX_WHOLE_FILE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::read(path, e))?;
    } else {
        if file_kind(path, what)? == FileKind::Stream {
            return Err(Error::input(format!(
                "{} is a FIFO or a device, not a file; grill reads {what} whole, so save it to a \
                 regular file first",
                path.display()
            )));
        }
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_WHOLE_FILE + 1).read_to_end(&mut bytes))
            .map_err(|e| Error::read(path, e))?;
    }
    if bytes.len() as u64 > MAX_WHOLE_FILE {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Refuses a file holding NUL bytes: no text format grill reads has them, so it is the wrong
/// file (an archive, an executable), not text with a bad line.
pub fn refuse_binary(bytes: &[u8], name: &str, what: &str) -> Result<()> {
    if bytes.contains(&0) {
        return Err(Error::input(format!(
            "{name} is a binary file, not {what} (it contains NUL bytes)"
        )));
    }
    Ok(())
}

/// The UTF-8 byte-order mark that Windows editors put at the start of a file saved as
/// "UTF-8": not part of the text, so readers drop it.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

fn decode_text(mut bytes: Vec<u8>, name: &str, what: &str) -> Result<String> {
    refuse_binary(&bytes, name, what)?;
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        Error::input(format!(
            "{name}:{line}: not valid UTF-8 text; save {what} as UTF-8"
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_the_documented_numbers() {
        assert_eq!(Exit::Ok.code(), 0);
        assert_eq!(Exit::Failure.code(), 1);
        assert_eq!(Exit::BadInput.code(), 2);
        assert_eq!(Exit::Interrupted.code(), 130);
        assert_eq!(Error::input("x").exit(), Exit::BadInput);
        assert_eq!(Error::Failed("x".into()).exit(), Exit::Failure);
        // A value that cannot be written as JSON is a failure with a message, never a panic or
        // a placeholder document.
        // (A map with tuple keys cannot be JSON: keys must be strings.)
        let bad = serde_json::to_string(&std::collections::HashMap::from([((1, 2), 3)]));
        let e = Error::json("the test value", bad.unwrap_err());
        assert_eq!(e.exit(), Exit::Failure);
        assert!(
            e.to_string()
                .starts_with("cannot write the test value as JSON"),
            "{e}"
        );
    }

    #[test]
    fn problems_render_with_place_and_hint() {
        let e = Error::Invalid {
            file: "b.txt".into(),
            problems: vec![
                Problem::at(3, "empty bullet"),
                Problem::whole("no chapters"),
            ],
            hint: "fix it".into(),
        };
        assert_eq!(
            e.to_string(),
            "b.txt has 2 problems:\n  b.txt:3: empty bullet\n  b.txt: no chapters\nfix it"
        );
    }

    #[test]
    fn invalid_utf8_reports_its_line() {
        let err = decode_text(b"ok\nbad \xff\n".to_vec(), "f", "a bank file").unwrap_err();
        assert!(err.to_string().starts_with("f:2: not valid UTF-8"), "{err}");
        let err = decode_text(b"a\0b".to_vec(), "f", "a bank file").unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }
}
