//! Answers and ratings read from a stream: a pipe, a file, `--answers`. One answer a block of
//! lines, blocks separated by lines of `---`, an optional last line `rating: WORD`; and for
//! `grill review`, one rating (or other decision) a line. No countdown: a pipe has no one to show
//! it to. The question and the rating screen go to a screen stream (stderr in the binary).

use std::io::{BufRead, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crate::fsrs::Rating;
use crate::history::record::ItemRecord;
use crate::output::{self, Theme};
use crate::session::decision::Decision;
use crate::session::input::{AnswerSource, Ask, Ending, Reply};
use crate::session::review::suggestion;
use crate::view::rating::screen as view_screen;
use crate::words::plural;

/// Whether a line separates answers: `---`, spaces around it allowed.
pub fn is_separator(line: &str) -> bool {
    line.trim() == "---"
}

/// The longest line of piped answers grill reads.
const MAX_LINE: u64 = 1024 * 1024;

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
                // A line is read to its end or to the cap, whichever comes first, so a stream
                // with no line breaks (`/dev/zero`) is an error, not all of memory.
                let read = (&mut reader).take(MAX_LINE + 1).read_until(b'\n', &mut buf);
                let read = match read {
                    Ok(n) if buf.len() as u64 > MAX_LINE => Err(std::io::Error::other(format!(
                        "a line is longer than {} MB after {n} bytes; answers are text, one \
                         answer per block of lines",
                        MAX_LINE / (1024 * 1024)
                    ))),
                    other => other,
                };
                let line = match read {
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
            width: output::stdout_width().min(100),
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
        show_question(&mut self.screen, t, self.width, ask);
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
        if let Some(found) = lines.last().and_then(|l| rating_line(l)) {
            match found {
                Ok(r) => {
                    // `rating: skip` leaves it unrated, as no line would.
                    rating = r;
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
            spoken: None,
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

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Decision {
        let how = match item.rating {
            Some(r) => format!("Rated {} (from the input).", r.name()),
            None => format!(
                "Not rated (counts as grill's suggestion, {}); a line `rating: WORD` at the end \
                 of an answer rates it.",
                suggestion(item).name()
            ),
        };
        show_feedback(&mut self.screen, self.theme, self.width, ask, item, &how);
        // The rating came with the answer (or none did): nothing more to decide here.
        if self.stop.load(Ordering::SeqCst) {
            Decision::Stop
        } else {
            Decision::Skip
        }
    }
}

/// Shows a question on `screen` (stderr in the binary), as piped sessions do: its number and
/// chapter, then the prompt wrapped to `width`. Errors writing to stderr are not worth losing
/// an answer over, so they are ignored.
pub fn show_question(screen: &mut dyn Write, t: Theme, width: usize, ask: &Ask) {
    let _ = writeln!(
        screen,
        "\n{} {}",
        t.bold(&format!("Question {}/{}", ask.number, ask.count)),
        t.dim(&format!("({})", output::visible(ask.chapter)))
    );
    for line in output::wrap(ask.prompt, width) {
        let _ = writeln!(screen, "{}", t.code_spans(&line));
    }
    let _ = screen.flush();
}

/// Shows the feedback on an answer after its question ([`show_question`]): the answer, its
/// score and the reference as the rating screen has them, then `how` it was rated.
pub fn show_feedback(
    screen: &mut dyn Write,
    t: Theme,
    width: usize,
    ask: &Ask,
    item: &ItemRecord,
    how: &str,
) {
    let heading = format!("Question {}/{} · {}", ask.number, ask.count, ask.chapter);
    // The heading and prompt were shown with the question: from the answer on. A rating
    // here came with this answer, not before it: the screen shows none, the line below says.
    let shown = ItemRecord {
        rating: None,
        ..item.clone()
    };
    for row in view_screen(&shown, &heading, ask.untimed, t, width)
        .into_iter()
        .skip_while(|r| !r.is_empty())
    {
        let _ = writeln!(screen, "{row}");
    }
    for l in output::wrap(how, width) {
        let _ = writeln!(screen, "{}", t.dim(&l));
    }
    let _ = screen.flush();
}

/// Reads a `rating: WORD` line of piped input (WORD: again, hard, good, easy, a/h/g/e or 1-4,
/// or `skip` for no rating; any case, spaces allowed). `None` when the line is not a rating
/// line at all; `Some(Ok(None))` for `skip`; `Some(Err)` with a message when it starts with
/// `rating:` but the word is not a rating.
pub fn rating_line(line: &str) -> Option<Result<Option<Rating>, String>> {
    let l = line.trim();
    let (head, rest) = l.split_once(':')?;
    if !head.trim().eq_ignore_ascii_case("rating") {
        return None;
    }
    Some(match Decision::from_word(rest) {
        Some(Decision::Rate(r)) => Ok(Some(r)),
        Some(Decision::Skip) => Ok(None),
        Some(Decision::Stop | Decision::Accept(_) | Decision::Undo) | None => Err(format!(
            "`{}` is not a rating ({})",
            output::visible(l),
            Decision::words()
        )),
    })
}

/// Decisions read one a line from a stream (`grill review` with piped input): a rating word (as
/// [`rating_line`] takes, with or without `rating:`), `skip`, an empty line for grill's
/// suggestion, or `q` to stop.
pub struct LineRatings<R> {
    reader: R,
    name: String,
    line: usize,
}

impl<R: BufRead> LineRatings<R> {
    /// Ratings from `reader`, called `name` in messages (`<stdin>`).
    pub fn new(reader: R, name: &str) -> Self {
        LineRatings {
            reader,
            name: name.to_string(),
            line: 0,
        }
    }

    /// Where the line read last is, as messages name it (`<stdin>:3`).
    pub fn place(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// How many lines with something on them are left in the input (read to its end, at most
    /// a thousand lines looked at), once every answer was gone over.
    pub fn left_over(&mut self) -> usize {
        let mut n = 0;
        let mut buf = Vec::new();
        for _ in 0..1000 {
            buf.clear();
            match (&mut self.reader)
                .take(MAX_LINE)
                .read_until(b'\n', &mut buf)
            {
                Ok(0) | Err(_) => break,
                Ok(_) if String::from_utf8_lossy(&buf).trim().is_empty() => {}
                Ok(_) => n += 1,
            }
        }
        n
    }

    /// The next decision: [`Decision::Stop`] at the end of input or `q`; an error (with
    /// `name:line`) for a line that is neither.
    pub fn next(&mut self, enter: Decision) -> crate::error::Result<Decision> {
        let mut buf = Vec::new();
        if self.reader.read_until(b'\n', &mut buf)? == 0 {
            return Ok(Decision::Stop);
        }
        self.line += 1;
        let text = String::from_utf8_lossy(&buf);
        let text = text.trim();
        if text.is_empty() {
            return Ok(enter);
        }
        let decision = match rating_line(text) {
            Some(found) => found.map(|r| r.map_or(Decision::Skip, Decision::Rate)),
            None => Decision::from_word(text).ok_or_else(|| {
                format!(
                    "`{}` is not a rating ({}; an empty line takes grill's suggestion, `undo` \
                     takes back the rating before, `q` stops)",
                    output::visible(text),
                    Decision::words()
                )
            }),
        };
        decision
            .map_err(|m| crate::error::Error::input(format!("{}:{}: {m}", self.name, self.line)))
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
            "my answer\nrating: easy\n---\nother\n\nRating: 1\n\n---\nthird\nrating: superb\n---\nfourth\nrating: skip\n",
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
        // `rating: skip` is taken off the answer, which stays unrated.
        let r = s.answer(&ask());
        assert_eq!((r.text.as_str(), r.rating), ("fourth", None));
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

    #[test]
    fn rating_lines_and_line_ratings() {
        assert_eq!(rating_line("rating: good"), Some(Ok(Some(Rating::Good))));
        assert_eq!(rating_line("  Rating:3 "), Some(Ok(Some(Rating::Good))));
        assert!(matches!(rating_line("rating: great"), Some(Err(_))));
        assert_eq!(rating_line("the rating is good"), None);
        assert_eq!(rating_line("note: x"), None);
        let mut r = LineRatings::new(std::io::Cursor::new("easy\n\nrating: 1\nq\n"), "<stdin>");
        assert_eq!(
            r.next(Decision::Accept(Rating::Hard)).unwrap(),
            Decision::Rate(Rating::Easy)
        );
        assert_eq!(
            r.next(Decision::Accept(Rating::Hard)).unwrap(),
            Decision::Accept(Rating::Hard)
        );
        assert_eq!(
            r.next(Decision::Accept(Rating::Hard)).unwrap(),
            Decision::Rate(Rating::Again)
        );
        assert_eq!(
            r.next(Decision::Accept(Rating::Hard)).unwrap(),
            Decision::Stop
        );
        let mut r = LineRatings::new(std::io::Cursor::new("good\nsuperb\n"), "<stdin>");
        r.next(Decision::Accept(Rating::Good)).unwrap();
        let e = r
            .next(Decision::Accept(Rating::Good))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("<stdin>:2: `superb` is not a rating"), "{e}");
        // `skip` (with or without `rating:`) leaves the answer as it is; the end is a stop.
        assert_eq!(rating_line("rating: skip"), Some(Ok(None)));
        assert!(matches!(rating_line("rating: q"), Some(Err(_))));
        let mut r = LineRatings::new(std::io::Cursor::new("skip\nRating: Skip\n"), "<stdin>");
        assert_eq!(
            r.next(Decision::Accept(Rating::Good)).unwrap(),
            Decision::Skip
        );
        assert_eq!(
            r.next(Decision::Accept(Rating::Good)).unwrap(),
            Decision::Skip
        );
        assert_eq!(
            r.next(Decision::Accept(Rating::Good)).unwrap(),
            Decision::Stop
        );
    }
}
