//! Where answers come from. The engine asks an [`AnswerSource`] for each answer and never
//! touches a terminal itself: the terminal source (`terminal.rs`), the piped source here, and
//! scripted sources in tests all fit behind the same trait.

use crate::words::plural;
use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::fsrs::Rating;
use crate::history::record::ItemRecord;
use crate::output::Theme;
use crate::session::clock::Clock;

/// One question put to the candidate.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// 1-based position in the session.
    pub number: usize,
    /// How many questions the session has.
    pub count: usize,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The question.
    pub prompt: &'a str,
    /// Time allowed for this answer from when it was asked.
    pub limit: Duration,
    /// True when `limit` is what is left of the whole session (`--total`), not the
    /// per-question limit: when it runs out, the session ends.
    pub session_ends: bool,
    /// No clock at all (`grill study`): `limit` is not shown, Enter on an empty answer shows
    /// the reference at once, and Ctrl-D on an empty answer ends the study session.
    pub untimed: bool,
    /// The engine's clock: a countdown reads the time left from it (see [`Ask::remaining`]),
    /// so a fake clock expires a question in tests without waiting.
    pub clock: &'a dyn Clock,
    /// `clock.elapsed()` when the question was put.
    pub asked_at: Duration,
}

impl Ask<'_> {
    /// The time left for this answer, by the engine's clock.
    pub fn remaining(&self) -> Duration {
        let used = self.clock.elapsed().saturating_sub(self.asked_at);
        self.limit.saturating_sub(used)
    }
}

/// How an answer ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The candidate submitted it.
    Submitted,
    /// The time limit ran out; the text is what had been typed.
    TimedOut,
    /// Ctrl-C or a signal; the text is what had been typed.
    Interrupted,
    /// The input ran out before this answer began (piped input with fewer answers).
    NoMoreInput,
    /// The input failed (a read error, the terminal went away); the text is what was typed.
    Broken(String),
}

/// An answer and how it ended. Always carries whatever was typed, so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The answer text (possibly partial).
    pub text: String,
    /// How it ended.
    pub ending: Ending,
    /// A self-rating given with the answer (a `rating: WORD` line on piped input).
    pub rating: Option<Rating>,
}

/// What to do after showing feedback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on to the next question, with the rating the candidate gave, if any.
    Next(Option<Rating>),
    /// End the session (Ctrl-C or a signal while the feedback was shown).
    Stop,
}

/// A source of answers.
pub trait AnswerSource {
    /// Where the answers come from, as saved in the record: "terminal", "stdin" or "file".
    fn kind(&self) -> &'static str;
    /// Puts the question and returns the answer. Never fails: trouble is an [`Ending`], and
    /// whatever was typed comes back with it.
    fn answer(&mut self, ask: &Ask) -> Reply;
    /// Shows the answer just given with its score, evidence and the whole reference
    /// (`--feedback each`, `grill study`), and takes the candidate's rating when there is
    /// someone to ask.
    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Flow;
    /// Where ratings of answers already given can be asked for (the review pass at the end of a
    /// session in a terminal); none for piped input.
    fn rater(&mut self) -> Option<&mut dyn Rater> {
        None
    }
    /// Called once after the last question was answered (not when the session was cut short
    /// or the input ran out), so a source can say what it did not use.
    fn finished(&mut self) {}
}

/// Asks the candidate to rate answers already given, one screen each.
pub trait Rater {
    /// Asks a yes-or-no question (Enter or y: yes).
    fn confirm(&mut self, question: &str) -> bool;
    /// Shows `item` under `heading` and returns the rating given, or `None` to stop.
    fn rate(&mut self, heading: &str, item: &ItemRecord) -> Option<Rating>;
}

/// Whether a line separates answers: `---`, spaces around it allowed.
pub fn is_separator(line: &str) -> bool {
    line.trim() == "---"
}

/// How long the input may stay silent while the answers left over are counted (a pipe that
/// stays open must not hold up the report).
const LEFTOVER_WAIT: Duration = Duration::from_millis(300);

/// Answers read from a stream (a pipe, a file, `--answers`): one answer per question,
/// separated by lines containing only `---`. No countdown: a pipe has no one to show it to.
pub struct PipedSource {
    kind: &'static str,
    lines: Receiver<std::io::Result<String>>,
    ended: bool,
    stop: Arc<AtomicBool>,
    theme: Theme,
    width: usize,
    screen: Box<dyn Write>,
}

impl PipedSource {
    /// Reads answers from `reader` on a background thread, so that a Ctrl-C (which sets
    /// `stop`) is noticed even while the pipe is silent. Questions and feedback go to `screen`.
    pub fn new(
        reader: impl BufRead + Send + 'static,
        kind: &'static str,
        stop: Arc<AtomicBool>,
        theme: Theme,
        screen: Box<dyn Write>,
    ) -> PipedSource {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = reader;
            let mut buf = Vec::new();
            let mut first = true;
            loop {
                buf.clear();
                let line = match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    // Decoded lossily: a stray byte that is not UTF-8 (a Latin-1 accent, a
                    // binary paste) must not cost the candidate the rest of the answer.
                    Ok(_) => {
                        let mut text: &[u8] = buf.strip_suffix(b"\n").unwrap_or(&buf);
                        // A file saved by a Windows editor starts with a byte-order mark.
                        if std::mem::take(&mut first) {
                            text = text.strip_prefix(crate::error::UTF8_BOM).unwrap_or(text);
                        }
                        Ok(String::from_utf8_lossy(text).into_owned())
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = line.is_err();
                if tx.send(line).is_err() || failed {
                    break;
                }
            }
        });
        PipedSource {
            kind,
            lines: rx,
            ended: false,
            stop,
            theme,
            width: crate::output::stdout_width().min(100),
            screen,
        }
    }

    fn next_line(&mut self) -> Option<std::result::Result<String, Ending>> {
        if self.ended {
            return None;
        }
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return Some(Err(Ending::Interrupted));
            }
            match self.lines.recv_timeout(Duration::from_millis(100)) {
                Ok(Ok(line)) => return Some(Ok(line)),
                Ok(Err(e)) => {
                    self.ended = true;
                    return Some(Err(Ending::Broken(format!("cannot read answers: {e}"))));
                }
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => {
                    self.ended = true;
                    return None;
                }
            }
        }
    }
}

impl AnswerSource for PipedSource {
    fn kind(&self) -> &'static str {
        self.kind
    }

    fn answer(&mut self, ask: &Ask) -> Reply {
        let t = self.theme;
        // Errors writing to stderr are not worth losing an answer over.
        let _ = writeln!(
            self.screen,
            "\n{} {}",
            t.bold(&format!("Question {}/{}", ask.number, ask.count)),
            t.dim(&format!("({})", crate::output::visible(ask.chapter)))
        );
        for line in crate::output::wrap(ask.prompt, self.width) {
            let _ = writeln!(self.screen, "{}", t.code_spans(&line));
        }
        let _ = self.screen.flush();
        let mut lines: Vec<String> = Vec::new();
        let mut got_any = false;
        let ending = loop {
            match self.next_line() {
                None if got_any => break Ending::Submitted,
                None => break Ending::NoMoreInput,
                Some(Err(ending)) => break ending,
                Some(Ok(line)) => {
                    got_any = true;
                    if is_separator(&line) {
                        break Ending::Submitted;
                    }
                    lines.push(line.trim_end_matches('\r').to_string());
                }
            }
        };
        // The block's last non-blank line may rate the answer (`rating: good`).
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        let mut rating = None;
        if let Some(found) = lines.last().and_then(|l| super::rating::rating_line(l)) {
            match found {
                Ok(r) => {
                    rating = Some(r);
                    lines.pop();
                }
                Err(m) => {
                    let _ = writeln!(
                        self.screen,
                        "{} {m}; kept as part of the answer",
                        t.warn("warning:")
                    );
                }
            }
        }
        Reply {
            text: lines.join("\n").trim().to_string(),
            ending,
            rating,
        }
    }

    fn finished(&mut self) {
        // Count the answers (blocks with some text) still in the input.
        let mut extra = 0;
        let mut in_block = false;
        while !self.ended {
            match self.lines.recv_timeout(LEFTOVER_WAIT) {
                Ok(Ok(line)) if is_separator(&line) => in_block = false,
                Ok(Ok(line)) => {
                    if !in_block && !line.trim().is_empty() {
                        extra += 1;
                        in_block = true;
                    }
                }
                Ok(Err(_)) | Err(_) => self.ended = true,
            }
        }
        if extra > 0 {
            let _ = writeln!(
                self.screen,
                "{} {extra} answer{} after the last question {} not used",
                self.theme.warn("warning:"),
                plural(extra),
                if extra == 1 { "was" } else { "were" }
            );
            let _ = self.screen.flush();
        }
    }

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Flow {
        let heading = format!("Question {}/{} · {}", ask.number, ask.count, ask.chapter);
        // The heading and prompt were shown with the question: from the answer on.
        for row in super::rating::screen(item, &heading, self.theme, self.width)
            .into_iter()
            .skip_while(|r| !r.is_empty())
        {
            let _ = writeln!(self.screen, "{row}");
        }
        let how = match item.rating {
            Some(r) => format!("Rated {} (from the input).", r.name()),
            None => format!(
                "Not rated (counts as grill's suggestion, {}); a line `rating: WORD` at the end \
                 of an answer rates it.",
                super::rating::suggestion(item).name()
            ),
        };
        for l in crate::output::wrap(&how, self.width) {
            let _ = writeln!(self.screen, "{}", self.theme.dim(&l));
        }
        let _ = self.screen.flush();
        if self.stop.load(Ordering::SeqCst) {
            Flow::Stop
        } else {
            Flow::Next(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask() -> Ask<'static> {
        Ask {
            number: 1,
            count: 3,
            chapter: "basics",
            prompt: "Why?",
            limit: Duration::from_secs(60),
            session_ends: false,
            untimed: false,
            clock: Box::leak(Box::new(crate::session::clock::FakeClock::at(
                jiff::Timestamp::UNIX_EPOCH,
            ))),
            asked_at: Duration::ZERO,
        }
    }

    fn source(text: &'static str, stop: Arc<AtomicBool>) -> PipedSource {
        PipedSource::new(
            std::io::Cursor::new(text),
            "file",
            stop,
            Theme::plain(),
            Box::new(std::io::sink()),
        )
    }

    /// A screen the test can read afterwards.
    #[derive(Clone, Default)]
    struct Screen(Arc<std::sync::Mutex<Vec<u8>>>);

    impl Write for Screen {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn warning_after(text: &'static str, questions: usize) -> String {
        let screen = Screen::default();
        let mut s = PipedSource::new(
            std::io::Cursor::new(text),
            "stdin",
            Arc::default(),
            Theme::plain(),
            Box::new(screen.clone()),
        );
        for _ in 0..questions {
            s.answer(&ask());
        }
        s.finished();
        let out = String::from_utf8(screen.0.lock().unwrap().clone()).unwrap();
        out.lines()
            .filter(|l| l.starts_with("warning:"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn answers_left_over_after_the_last_question_are_reported() {
        assert_eq!(
            warning_after("a\n---\nb\n---\nc\n---\nd\n---\ne\nmore e\n", 3),
            "warning: 2 answers after the last question were not used"
        );
        assert_eq!(
            warning_after("a\n---\nb\n---\nc\n---\nd\n", 3),
            "warning: 1 answer after the last question was not used"
        );
        // A trailing separator or blank lines are not answers.
        assert_eq!(warning_after("a\n---\nb\n---\nc\n---\n\n  \n", 3), "");
        assert_eq!(warning_after("a\n---\nb\n---\nc\n", 3), "");
    }

    #[test]
    fn a_separator_may_have_spaces_around_it() {
        let mut s = source("one\n --- \ntwo\n\t---\nthree\n", Arc::default());
        assert_eq!(s.answer(&ask()).text, "one");
        assert_eq!(s.answer(&ask()).text, "two");
        assert_eq!(s.answer(&ask()).text, "three");
        // Not a separator: other text on the line.
        let mut s = source("a --- b\n---\n", Arc::default());
        assert_eq!(s.answer(&ask()).text, "a --- b");
    }

    #[test]
    fn answers_are_separated_by_dashes_and_may_span_lines() {
        let mut s = source(
            "first line\nsecond line\n---\n\n---  \nlast\r\n",
            Arc::default(),
        );
        let r = s.answer(&ask());
        assert_eq!(r.text, "first line\nsecond line");
        assert_eq!(r.ending, Ending::Submitted);
        // An empty answer between separators is an answer (given as empty), not the end.
        assert_eq!(s.answer(&ask()).text, "");
        let r = s.answer(&ask());
        assert_eq!((r.text.as_str(), r.ending), ("last", Ending::Submitted));
        assert_eq!(s.answer(&ask()).ending, Ending::NoMoreInput);
        assert_eq!(s.answer(&ask()).ending, Ending::NoMoreInput);
    }

    #[test]
    fn a_rating_line_at_the_end_of_an_answer_rates_it() {
        let mut s = source(
            "my answer\nrating: easy\n---\nother\n\nRating: 1\n\n---\nthird\nrating: superb\n",
            Arc::default(),
        );
        let r = s.answer(&ask());
        assert_eq!(
            (r.text.as_str(), r.rating),
            ("my answer", Some(Rating::Easy))
        );
        let r = s.answer(&ask());
        assert_eq!((r.text.as_str(), r.rating), ("other", Some(Rating::Again)));
        // Not a rating: kept in the answer (with a warning on the screen).
        let r = s.answer(&ask());
        assert_eq!((r.text.as_str(), r.rating), ("third\nrating: superb", None));
    }

    #[test]
    fn a_stop_request_ends_the_answer_as_interrupted() {
        let stop = Arc::new(AtomicBool::new(true));
        let mut s = source("a\n", stop);
        assert_eq!(s.answer(&ask()).ending, Ending::Interrupted);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced_and_the_answer_is_kept() {
        let mut s = PipedSource::new(
            std::io::Cursor::new(b"ok\ncaf\xe9 \xff\xfe and more\r\n---\nnext\n".to_vec()),
            "stdin",
            Arc::default(),
            Theme::plain(),
            Box::new(std::io::sink()),
        );
        let r = s.answer(&ask());
        assert_eq!(r.text, "ok\ncaf\u{fffd} \u{fffd}\u{fffd} and more");
        assert_eq!(r.ending, Ending::Submitted);
        assert_eq!(s.answer(&ask()).text, "next");
    }
}
