//! Long output through a pager in a terminal, as git does: `$PAGER` (default `less -FRX`:
//! quit at once when it fits on a screen, keep colours, leave the text on screen after).
//!
//! Only when stdout is a terminal, so pipes, files and scripts never meet a pager; `--no-pager`
//! or `PAGER=cat` turn it off. If the pager cannot be started, output goes to stdout as usual.

use std::io::{BufWriter, IsTerminal, Write};
use std::process::{Child, ChildStdin, Command, Stdio};

/// The pager when `PAGER` is unset.
const DEFAULT: &str = "less -FRX";

/// A running pager: what is written to [`Pager::input`] is shown by it.
#[derive(Debug)]
pub struct Pager {
    child: Child,
    input: BufWriter<ChildStdin>,
}

/// The pager's command words from `PAGER`: none when it is set to nothing or to `cat`.
/// Split at spaces (no shell quoting), so a missing program is seen when it is started rather
/// than by a shell that would swallow grill's output.
pub fn command_words(pager: Option<&str>) -> Option<Vec<String>> {
    let words: Vec<String> = pager
        .unwrap_or(DEFAULT)
        .split_whitespace()
        .map(String::from)
        .collect();
    match words.first().map(String::as_str) {
        None | Some("cat") => None,
        Some(_) => Some(words),
    }
}

impl Pager {
    /// Starts the pager when `wanted` and stdout is a terminal that is not dumb; none
    /// otherwise, or when it cannot be started. The caller keeps Ctrl-C from ending grill while
    /// a pager runs (`main` installs the stop flag's handler).
    pub fn start(wanted: bool) -> Option<Pager> {
        // less on a dumb terminal first stops at "WARNING: terminal is not fully functional".
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if !wanted || !std::io::stdout().is_terminal() || dumb {
            return None;
        }
        let words = command_words(std::env::var("PAGER").ok().as_deref())?;
        let mut cmd = Command::new(&words[0]);
        cmd.args(&words[1..]).stdin(Stdio::piped());
        // A bare `less` (PAGER=less) would show colour codes as text: give it git's defaults.
        if std::env::var_os("LESS").is_none() {
            cmd.env("LESS", "FRX");
        }
        let mut child = cmd.spawn().ok()?;
        let input = BufWriter::new(child.stdin.take()?);
        Some(Pager { child, input })
    }

    /// Where the output goes.
    pub fn input(&mut self) -> &mut dyn Write {
        &mut self.input
    }

    /// Ends the pager's input and waits until it is closed.
    pub fn finish(self) {
        let Pager { mut child, input } = self;
        // Flushing may fail if the pager was quit early; there is no one left to tell.
        drop(input);
        let _ = child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_is_less_unless_set_and_cat_or_empty_turns_it_off() {
        assert_eq!(command_words(None).unwrap(), ["less", "-FRX"]);
        assert_eq!(command_words(Some("most -s")).unwrap(), ["most", "-s"]);
        assert_eq!(command_words(Some("")), None);
        assert_eq!(command_words(Some("  ")), None);
        assert_eq!(command_words(Some("cat")), None);
    }
}
