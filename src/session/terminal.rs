//! Answers typed in a terminal under a live countdown.
//!
//! Following `shared/notes/terminal-input.md`: crossterm event polling in one thread (no
//! reader thread that cannot be cancelled), a guard that turns raw mode and bracketed paste on
//! and restores them on every way out (including a panic), and a screen on stderr redrawn as a
//! whole frame of rows wrapped by us at width - 1, so the terminal never wraps on its own.
//!
//! The screen is the alternate screen: each frame is drawn at fixed rows, so a resize (which
//! reflows whatever the terminal holds) never leaves stale rows behind, and the shell's screen
//! comes back untouched for the report.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::{cursor, queue, style, terminal};

use crate::fsrs::Rating;
use crate::history::record::ItemRecord;
use crate::output::{self, Theme};

use super::durations::clock_face;
use super::editor::Editor;
use super::input::{AnswerSource, Ask, Ending, Flow, Rater, Reply};
use super::rating::Key as RateKey;

/// Whether this process has the terminal in raw mode (for the panic hook).
static RAW: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Puts the terminal back as it was: bracketed paste off, the main screen, cursor shown,
/// raw mode off. Safe to call twice; errors are ignored because there is nothing left to do.
fn restore() {
    if RAW.swap(false, Ordering::SeqCst) {
        let mut err = io::stderr();
        let _ = crossterm::execute!(
            err,
            event::DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
    }
}

/// Raw mode, bracketed paste and the alternate screen for as long as it lives.
struct Guard;

impl Guard {
    fn enter() -> io::Result<Guard> {
        HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                // Restore first, or the panic message lands on a raw alternate screen.
                restore();
                previous(info);
            }));
        });
        terminal::enable_raw_mode()?;
        RAW.store(true, Ordering::SeqCst);
        let guard = Guard; // from here on, Drop restores even if the next step fails
        crossterm::execute!(
            io::stderr(),
            terminal::EnterAlternateScreen,
            event::EnableBracketedPaste
        )?;
        Ok(guard)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// What a key or paste did to the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Nothing visible changed.
    None,
    /// The text or cursor changed, or the terminal was resized: redraw.
    Redraw,
    /// Submit the answer.
    Submit,
    /// Ctrl-C: end the session.
    Interrupt,
    /// Enter before anything was typed: ignored in an interview (a stray Enter must not throw
    /// a question away), the flashcard's "show me" in study.
    EnterOnEmpty,
}

/// Whether Enter would submit the answer now: something is typed and the cursor is on the
/// answer's last line, which is empty.
fn enter_submits(editor: &Editor) -> bool {
    !editor.is_empty() && editor.on_empty_line() && editor.on_last_line()
}

/// A key press of Enter (not a release, no modifiers that make it something else).
fn is_enter(event: &Event) -> bool {
    matches!(event, Event::Key(k) if k.code == KeyCode::Enter && k.kind != KeyEventKind::Release)
}

/// Where terminal events come from: crossterm in a terminal, a script in tests.
pub trait Events {
    /// The next event, waiting at most `wait` for it; `None` when none came.
    fn next(&mut self, wait: Duration) -> io::Result<Option<Event>>;
}

/// The terminal's events, through crossterm.
struct Terminal;

impl Events for Terminal {
    fn next(&mut self, wait: Duration) -> io::Result<Option<Event>> {
        if event::poll(wait)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }
}

/// How long to look for more input after an event: a burst (a paste, keys typed faster than
/// the screen is redrawn) arrives within it; a person's next key never does. With crossterm's
/// `use-dev-tty` a zero wait never looks for input, hence 1 ms.
const BURST_GAP: Duration = Duration::from_millis(1);

/// Applies every event already waiting, and the ones that follow within [`BURST_GAP`] of each
/// other, waiting up to `first_wait` for the first. Returns the first decisive action (submit,
/// interrupt), else whether to redraw.
///
/// An Enter that would submit is a line break instead when more input follows it within the
/// burst: that is a blank line inside text pasted without bracketed paste (a person's Enter
/// is never followed by another key within a millisecond or two).
pub fn handle_burst(
    editor: &mut Editor,
    events: &mut dyn Events,
    first_wait: Duration,
) -> io::Result<Action> {
    let mut result = Action::None;
    let mut pending = events.next(first_wait)?;
    while let Some(event) = pending.take() {
        let mut upcoming = None;
        let action = if is_enter(&event) && enter_submits(editor) {
            upcoming = events.next(BURST_GAP)?;
            if upcoming.is_some() {
                editor.newline();
                Action::Redraw
            } else {
                Action::Submit
            }
        } else {
            apply(editor, &event)
        };
        match action {
            Action::None => {}
            Action::Redraw => result = Action::Redraw,
            decisive => return Ok(decisive),
        }
        pending = match upcoming {
            Some(e) => Some(e),
            None => events.next(BURST_GAP)?,
        };
    }
    Ok(result)
}

/// Applies one terminal event to the answer. Pure, so the key bindings are unit-tested.
pub fn apply(editor: &mut Editor, event: &Event) -> Action {
    match event {
        Event::Paste(text) => {
            // Bracketed paste arrives whole, so a blank line inside it never submits.
            editor.insert_str(text);
            Action::Redraw
        }
        Event::Resize(..) => Action::Redraw,
        Event::Key(key) => apply_key(editor, key),
        _ => Action::None,
    }
}

fn apply_key(editor: &mut Editor, key: &KeyEvent) -> Action {
    if key.kind == KeyEventKind::Release {
        return Action::None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c') if ctrl => return Action::Interrupt,
        KeyCode::Char('d') if ctrl => return Action::Submit,
        KeyCode::Char('w') if ctrl => editor.delete_word(),
        KeyCode::Char('u') if ctrl => editor.delete_to_start(),
        KeyCode::Char('a') if ctrl => editor.home(),
        KeyCode::Char('e') if ctrl => editor.end(),
        KeyCode::Char('h') if ctrl => editor.backspace(),
        // A line feed: in raw mode crossterm reports the byte 0x0A as Ctrl-J, which is what a
        // paste without bracketed paste sends for each line break when its lines end in `\n`.
        // It is always a line break, never a submit, so a blank line in such a paste does not
        // end the answer (Enter or Ctrl-D does).
        KeyCode::Char('j') if ctrl => editor.newline(),
        KeyCode::Char('\n') => editor.newline(),
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            return Action::None;
        }
        KeyCode::Char(c) => editor.insert_char(c),
        KeyCode::Enter => {
            // An empty last line after some text submits; Enter before anything is typed is
            // ignored, so a stray Enter does not throw a question away (Ctrl-D skips one).
            // On a blank line higher up (the cursor moved back), Enter is a line break.
            if editor.is_empty() {
                return Action::EnterOnEmpty;
            }
            if enter_submits(editor) {
                return Action::Submit;
            }
            editor.newline();
        }
        KeyCode::Tab => editor.insert_char('\t'),
        KeyCode::Backspace => editor.backspace(),
        KeyCode::Delete => editor.delete(),
        KeyCode::Left => editor.left(),
        KeyCode::Right => editor.right(),
        KeyCode::Up => editor.up(),
        KeyCode::Down => editor.down(),
        KeyCode::Home => editor.home(),
        KeyCode::End => editor.end(),
        _ => return Action::None,
    }
    Action::Redraw
}

/// A frame: the rows to draw (each at most width - 1 columns) and where the cursor goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Styled rows, top to bottom.
    pub rows: Vec<String>,
    /// The cursor's (row, column).
    pub cursor: (usize, usize),
}

const HELP: &str = "Enter on an empty line or Ctrl-D: submit · Ctrl-C: stop";
const HELP_SHORT: &str = "blank line/^D: submit · ^C: stop";
const STUDY_HELP: &str = "Enter on an empty line: submit (at once: show the reference) · Ctrl-D on an empty answer or Ctrl-C: stop";
const STUDY_HELP_SHORT: &str = "blank line: submit/show · ^C: stop";

/// Wraps a prompt, keeping code spans whole across rows in colour (where backticks vanish).
fn prompt_rows(prompt: &str, cols: usize, theme: Theme) -> Vec<String> {
    let mut open = false;
    output::wrap(prompt, cols)
        .into_iter()
        .map(|line| {
            let mut l = line;
            if theme.color {
                if open {
                    l.insert(0, '`');
                }
                if l.matches('`').count() % 2 == 1 {
                    l.push('`');
                    open = !open;
                }
            }
            theme.code_spans(&l)
        })
        .collect()
}

/// Composes the frame for a question: header with the question number and countdown, the
/// prompt, the answer (scrolled so the cursor shows), and a line of help. Fits `width` x
/// `height`.
pub fn compose(
    ask: &Ask,
    editor: &Editor,
    remaining: Duration,
    dims: (usize, usize),
    theme: Theme,
) -> Frame {
    compose_with(ask, editor, remaining, dims, theme, None)
}

/// Like [`compose`], with a notice (such as "time's up") in place of the help line.
pub fn compose_with(
    ask: &Ask,
    editor: &Editor,
    remaining: Duration,
    (width, height): (usize, usize),
    theme: Theme,
    notice: Option<&str>,
) -> Frame {
    let t = theme;
    let w = width.max(20) - 1;
    let h = height.max(6);
    let mut rows = Vec::new();

    // Header: "Question 3/10 · concurrency" ... "2:41 left".
    let face = clock_face(remaining);
    let clock = if ask.untimed {
        "no clock".to_string()
    } else if ask.session_ends {
        format!("session ends in {face}")
    } else {
        format!("{face} left")
    };
    let secs = remaining.as_secs_f64();
    let clock_styled = if ask.untimed {
        t.dim(&clock)
    } else if secs <= 10.0 {
        t.bad(&t.bold(&clock))
    } else if secs <= 30.0 {
        t.warn(&t.bold(&clock))
    } else {
        t.bold(&clock)
    };
    let number = format!("Question {}/{}", ask.number, ask.count);
    let chapter = format!(" · {}", output::visible(ask.chapter));
    let room = w.saturating_sub(output::width(&clock) + 1);
    // In a narrow terminal the chapter goes first, then the word "Question".
    let short = format!("{}/{}", ask.number, ask.count);
    let (left, left_plain_w) = if output::width(&number) + output::width(&chapter) <= room {
        (
            format!("{}{}", t.bold(&number), t.dim(&chapter)),
            output::width(&number) + output::width(&chapter),
        )
    } else if output::width(&number) <= room {
        (t.bold(&number), output::width(&number))
    } else {
        (t.bold(&short), output::width(&short))
    };
    let gap = w.saturating_sub(left_plain_w + output::width(&clock));
    rows.push(format!("{left}{}{clock_styled}", " ".repeat(gap)));

    // The prompt, at most about half the rows left.
    let mut prompt = prompt_rows(ask.prompt, w, t);
    let max_prompt = ((h - 4) / 2).max(1);
    if prompt.len() > max_prompt {
        prompt.truncate(max_prompt);
        if let Some(last) = prompt.last_mut() {
            last.push_str(&t.dim(" …"));
        }
    }
    rows.extend(prompt);
    rows.push(t.dim(&"─".repeat(w)));

    // The answer, in the rows left above the help line.
    let indent = 2;
    let (answer, (cr, cc)) = editor.layout(w - indent);
    let avail = h.saturating_sub(rows.len() + 1).max(1);
    let top_row = rows.len();
    let (shown, cursor_row) = if answer.len() <= avail {
        (answer.clone(), cr)
    } else {
        let win = avail.saturating_sub(1).max(1);
        let top = (cr + 1).saturating_sub(win).min(answer.len() - win);
        let mut shown: Vec<String> = Vec::with_capacity(avail);
        if top > 0 {
            shown.push(t.dim(&format!("… {top} rows above")));
            shown.extend(answer[top..top + win].iter().cloned());
            (shown, cr - top + 1)
        } else {
            shown.extend(answer[..win].iter().cloned());
            shown.push(t.dim(&format!("… {} rows below", answer.len() - win)));
            (shown, cr)
        }
    };
    let cursor = (top_row + cursor_row, indent + cc);
    for r in shown {
        rows.push(format!("{}{r}", " ".repeat(indent)));
    }
    while rows.len() < h - 1 {
        rows.push(String::new());
    }
    match notice {
        Some(n) => rows.push(t.warn(&t.bold(&output::truncate(n, w)))),
        None => {
            let (long, short) = if ask.untimed {
                (STUDY_HELP, STUDY_HELP_SHORT)
            } else {
                (HELP, HELP_SHORT)
            };
            let help = if output::width(long) <= w {
                long
            } else {
                short
            };
            rows.push(t.dim(&output::truncate(help, w)));
        }
    }
    Frame { rows, cursor }
}

/// The terminal's size, or 80x24 when it reports none (some pseudo-terminals say 0x0).
fn size() -> (usize, usize) {
    match terminal::size() {
        Ok((w, h)) if w > 0 && h > 0 => (usize::from(w), usize::from(h)),
        _ => (80, 24),
    }
}

/// Writes a frame in one go, inside a synchronized update so it never shows half drawn.
fn draw(frame: &Frame, height: usize) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::new();
    queue!(buf, terminal::BeginSynchronizedUpdate, cursor::Hide)?;
    for (i, row) in frame.rows.iter().enumerate() {
        let y = u16::try_from(i).unwrap_or(u16::MAX);
        queue!(
            buf,
            cursor::MoveTo(0, y),
            style::Print(row),
            terminal::Clear(terminal::ClearType::UntilNewLine)
        )?;
    }
    // Clear what an earlier, taller frame left below this one (not when the frame fills the
    // screen: the cursor would stop on the last row and wipe it).
    if frame.rows.len() < height {
        let below = u16::try_from(frame.rows.len()).unwrap_or(u16::MAX);
        queue!(
            buf,
            cursor::MoveTo(0, below),
            terminal::Clear(terminal::ClearType::FromCursorDown)
        )?;
    }
    let (r, c) = frame.cursor;
    queue!(
        buf,
        cursor::MoveTo(
            u16::try_from(c).unwrap_or(u16::MAX),
            u16::try_from(r).unwrap_or(u16::MAX)
        ),
        cursor::Show,
        terminal::EndSynchronizedUpdate
    )?;
    let mut err = io::stderr().lock();
    err.write_all(&buf)?;
    err.flush()
}

/// Answers typed in the terminal, with a live countdown.
pub struct TerminalSource {
    stop: Arc<AtomicBool>,
    theme: Theme,
    /// A notice for the next frames, and until when it shows.
    notice: Option<(String, Instant)>,
    _guard: Guard,
}

/// How long the "time's up" notice stays on the next question's screen.
const NOTICE_FOR: Duration = Duration::from_secs(3);

/// What the next question's screen says after question `number` timed out.
pub fn times_up_notice(number: usize, typed: bool) -> String {
    // Short enough for a 40-column terminal.
    if typed {
        format!("Time's up: answer to question {number} saved.")
    } else {
        format!("Time's up: question {number} had no answer.")
    }
}

impl TerminalSource {
    /// Takes over the terminal (raw mode, alternate screen) until dropped.
    pub fn new(stop: Arc<AtomicBool>, theme: Theme) -> crate::error::Result<TerminalSource> {
        let guard = Guard::enter().map_err(|e| {
            crate::error::Error::Failed(format!(
                "cannot take over the terminal for the interview ({e}); \
                 pipe the answers in or use --answers FILE instead"
            ))
        })?;
        Ok(TerminalSource {
            stop,
            theme,
            notice: None,
            _guard: guard,
        })
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    fn read_answer(&mut self, ask: &Ask, editor: &mut Editor) -> io::Result<Ending> {
        let now = Instant::now();
        let deadline = now.checked_add(ask.limit).unwrap_or(now);
        type Shown = (String, (usize, usize), Option<String>);
        let mut shown: Option<Shown> = None;
        let mut dirty = true;
        loop {
            if self.stopped() {
                return Ok(Ending::Interrupted);
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                // Keys typed just before the end are still waiting: take them, then submit.
                return Ok(match handle_burst(editor, &mut Terminal, BURST_GAP)? {
                    Action::Interrupt => Ending::Interrupted,
                    _ => Ending::TimedOut,
                });
            }
            let face = if ask.untimed {
                String::new()
            } else {
                clock_face(remaining)
            };
            let dims = size();
            let notice = self
                .notice
                .as_ref()
                .filter(|(_, until)| Instant::now() < *until)
                .map(|(n, _)| n.clone());
            let key = (face, dims, notice);
            if dirty || shown.as_ref() != Some(&key) {
                let frame =
                    compose_with(ask, editor, remaining, dims, self.theme, key.2.as_deref());
                draw(&frame, dims.1)?;
                shown = Some(key);
                dirty = false;
            }
            // Sleep until the countdown's next whole second (it shows whole seconds rounded
            // up), but wake at least 4 times a second to notice a SIGTERM.
            let to_tick = Duration::from_millis((remaining.as_millis() % 1000) as u64);
            let wait = to_tick
                .max(Duration::from_millis(1))
                .min(Duration::from_millis(250))
                .min(remaining);
            match handle_burst(editor, &mut Terminal, wait)? {
                // In study, Ctrl-D on an empty answer ends the session, as at a shell prompt.
                Action::Submit if ask.untimed && editor.is_empty() => {
                    return Ok(Ending::NoMoreInput);
                }
                Action::Submit => return Ok(Ending::Submitted),
                Action::EnterOnEmpty if ask.untimed => return Ok(Ending::Submitted),
                Action::Interrupt => return Ok(Ending::Interrupted),
                Action::Redraw => dirty = true,
                Action::None | Action::EnterOnEmpty => {}
            }
        }
    }

    /// Shows `lines` (scrollable) with `prompt` on the last row, and reads a rating.
    fn ask_rating(
        &mut self,
        lines: &[String],
        prompt: &str,
        suggested: Rating,
    ) -> io::Result<Option<Rating>> {
        let theme = self.theme;
        let mut offset = 0usize;
        let mut redraw = |delta: isize| -> io::Result<()> {
            let dims = size();
            offset = offset.saturating_add_signed(delta);
            let (frame, max) = scrolled_frame(lines, offset, prompt, dims, theme);
            offset = offset.min(max);
            draw(&frame, dims.1)
        };
        redraw(0)?;
        let stop = self.stop.clone();
        read_rating(
            &mut Terminal,
            suggested,
            &|| stop.load(Ordering::SeqCst),
            &mut redraw,
        )
    }
}

/// A screen of `lines` that may be taller than the terminal, from row `offset`, with `prompt`
/// on the last row; returns the frame and the largest useful offset.
pub fn scrolled_frame(
    lines: &[String],
    offset: usize,
    prompt: &str,
    (w, h): (usize, usize),
    theme: Theme,
) -> (Frame, usize) {
    let w = w.max(20) - 1;
    let h = h.max(4);
    let body = h - 1;
    let mut rows: Vec<String>;
    let max;
    if lines.len() <= body {
        rows = lines.to_vec();
        max = 0;
    } else {
        let shown = body - 1;
        max = lines.len() - shown;
        let top = offset.min(max);
        rows = lines[top..top + shown].to_vec();
        rows.push(theme.dim(&output::truncate(
            &format!(
                "rows {}-{} of {} · ↑/↓ PgUp/PgDn scroll",
                top + 1,
                top + shown,
                lines.len()
            ),
            w,
        )));
    }
    let help = output::truncate(prompt, w);
    let cursor = (rows.len(), output::width(&help).min(w));
    rows.push(theme.bold(&help));
    (Frame { rows, cursor }, max)
}

/// Reads keys from `events` until one rates the answer (`Some`) or stops (`None`; also when
/// `stopped` says a signal came). Keys that scroll and resizes call `redraw` with the rows to
/// scroll by.
pub fn read_rating(
    events: &mut dyn Events,
    suggested: Rating,
    stopped: &dyn Fn() -> bool,
    redraw: &mut dyn FnMut(isize) -> io::Result<()>,
) -> io::Result<Option<Rating>> {
    loop {
        if stopped() {
            return Ok(None);
        }
        match events.next(Duration::from_millis(250))? {
            Some(Event::Key(k)) => match super::rating::key(&k, suggested) {
                RateKey::Rate(r) => return Ok(Some(r)),
                RateKey::Stop => return Ok(None),
                RateKey::Scroll(d) => redraw(d)?,
                RateKey::Ignore => {}
            },
            Some(Event::Resize(..)) => redraw(0)?,
            _ => {}
        }
    }
}

/// Reads a yes-or-no answer: Enter, y: yes; n, q, Esc, Ctrl-C (or a signal): no.
pub fn read_yes_no(events: &mut dyn Events, stopped: &dyn Fn() -> bool) -> io::Result<bool> {
    loop {
        if stopped() {
            return Ok(false);
        }
        if let Some(Event::Key(k)) = events.next(Duration::from_millis(250))? {
            if k.kind == KeyEventKind::Release {
                continue;
            }
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            match k.code {
                KeyCode::Char('c') | KeyCode::Char('d') if ctrl => return Ok(false),
                KeyCode::Enter | KeyCode::Char('y') | KeyCode::Char('Y') => return Ok(true),
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Char('q') | KeyCode::Esc => {
                    return Ok(false);
                }
                _ => {}
            }
        }
    }
}

impl Rater for TerminalSource {
    fn confirm(&mut self, question: &str) -> bool {
        let dims = size();
        let (frame, _) = scrolled_frame(&[], 0, question, dims, self.theme);
        if draw(&frame, dims.1).is_err() {
            return false;
        }
        let stop = self.stop.clone();
        read_yes_no(&mut Terminal, &|| stop.load(Ordering::SeqCst)).unwrap_or(false)
    }

    fn rate(&mut self, heading: &str, item: &ItemRecord) -> Option<Rating> {
        let (w, _) = size();
        let lines = super::rating::screen(item, heading, self.theme, w.max(20) - 1);
        let suggested = super::rating::suggestion(item);
        let prompt = super::rating::prompt(suggested, w.max(20) - 1);
        self.ask_rating(&lines, &prompt, suggested).unwrap_or(None)
    }
}

impl AnswerSource for TerminalSource {
    fn kind(&self) -> &'static str {
        "terminal"
    }

    fn answer(&mut self, ask: &Ask) -> Reply {
        let mut editor = Editor::new();
        let ending = match self.read_answer(ask, &mut editor) {
            Ok(e) => e,
            // The terminal failed (closed window, lost tty): keep what was typed.
            Err(_) if self.stopped() => Ending::Interrupted,
            Err(e) => Ending::Broken(format!("the terminal stopped working: {e}")),
        };
        // The next question comes at once after a time-out: say why on its screen for a
        // moment, without waiting for a key.
        self.notice = (ending == Ending::TimedOut && !ask.session_ends).then(|| {
            (
                times_up_notice(ask.number, !editor.is_empty()),
                Instant::now() + NOTICE_FOR,
            )
        });
        Reply {
            text: editor.text(),
            ending,
            rating: None,
        }
    }

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Flow {
        let heading = if ask.untimed {
            format!("Study · question {} · {}", ask.number, ask.chapter)
        } else {
            format!("Question {}/{} · {}", ask.number, ask.count, ask.chapter)
        };
        match self.rate(&heading, item) {
            Some(r) => Flow::Next(Some(r)),
            None => Flow::Stop,
        }
    }

    fn rater(&mut self) -> Option<&mut dyn Rater> {
        Some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }
    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }
    fn typed(e: &mut Editor, s: &str) {
        for c in s.chars() {
            assert_eq!(apply(e, &key(KeyCode::Char(c))), Action::Redraw);
        }
    }

    fn ask(limit: u64) -> Ask<'static> {
        Ask {
            number: 3,
            count: 10,
            chapter: "concurrency",
            prompt: "What does the GIL do, and when does `multiprocessing` help with CPU-bound work in CPython?",
            limit: Duration::from_secs(limit),
            session_ends: false,
            untimed: false,
        }
    }

    #[test]
    fn enter_on_an_empty_line_submits_but_not_before_anything_is_typed() {
        let mut e = Editor::new();
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::EnterOnEmpty);
        assert!(e.is_empty());
        typed(&mut e, "one");
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Redraw);
        typed(&mut e, "two");
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Redraw);
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Submit);
        assert_eq!(e.text(), "one\ntwo");
    }

    #[test]
    fn control_keys() {
        let mut e = Editor::new();
        assert_eq!(apply(&mut e, &ctrl('d')), Action::Submit);
        assert_eq!(apply(&mut e, &ctrl('c')), Action::Interrupt);
        typed(&mut e, "ab");
        apply(&mut e, &key(KeyCode::Enter));
        apply(&mut e, &key(KeyCode::Backspace)); // back across the line break
        typed(&mut e, "c");
        assert_eq!(e.text(), "abc");
        assert_eq!(apply(&mut e, &ctrl('x')), Action::None);
        let release = Event::Key(KeyEvent::new_with_kind(
            KeyCode::Char('z'),
            KeyModifiers::NONE,
            KeyEventKind::Release,
        ));
        assert_eq!(apply(&mut e, &release), Action::None);
        assert_eq!(e.text(), "abc");
    }

    #[test]
    fn a_line_feed_is_a_line_break_and_never_submits() {
        // `alpha\nbeta\n\ngamma` pasted without bracketed paste: each `\n` arrives as Ctrl-J.
        let mut e = Editor::new();
        typed(&mut e, "alpha");
        assert_eq!(apply(&mut e, &ctrl('j')), Action::Redraw);
        typed(&mut e, "beta");
        assert_eq!(apply(&mut e, &ctrl('j')), Action::Redraw);
        assert_eq!(apply(&mut e, &ctrl('j')), Action::Redraw);
        typed(&mut e, "gamma");
        assert_eq!(apply(&mut e, &key(KeyCode::Char('\n'))), Action::Redraw);
        assert_eq!(e.text(), "alpha\nbeta\n\ngamma");
        // Enter on the empty last line still submits.
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Submit);
    }

    #[test]
    fn a_paste_with_blank_lines_does_not_submit() {
        let mut e = Editor::new();
        let act = apply(&mut e, &Event::Paste("para one\n\npara two\n".into()));
        assert_eq!(act, Action::Redraw);
        assert_eq!(e.text(), "para one\n\npara two");
    }

    #[test]
    fn enter_on_a_blank_line_in_the_middle_is_a_line_break() {
        let mut e = Editor::new();
        apply(&mut e, &Event::Paste("one\n\ntwo".into()));
        apply(&mut e, &key(KeyCode::Up)); // onto the blank line
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Redraw);
        assert_eq!(e.text(), "one\n\n\ntwo");
        // At the end: the first Enter breaks the line, the second (on the empty last line)
        // submits.
        apply(&mut e, &key(KeyCode::Down));
        apply(&mut e, &key(KeyCode::Down));
        apply(&mut e, &key(KeyCode::End));
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Redraw);
        assert_eq!(apply(&mut e, &key(KeyCode::Enter)), Action::Submit);
        assert_eq!(e.text(), "one\n\n\ntwo");
    }

    /// Events in bursts: within a burst each event follows the last at once; between bursts
    /// `next` finds nothing (a pause longer than the burst gap).
    struct Bursts(std::collections::VecDeque<std::collections::VecDeque<Event>>);

    impl Bursts {
        fn of_keys(bursts: &[&str]) -> Bursts {
            Bursts(
                bursts
                    .iter()
                    .map(|b| {
                        b.chars()
                            .map(|c| match c {
                                '\r' => key(KeyCode::Enter),
                                c => key(KeyCode::Char(c)),
                            })
                            .collect()
                    })
                    .collect(),
            )
        }
    }

    impl Events for Bursts {
        fn next(&mut self, _wait: Duration) -> io::Result<Option<Event>> {
            let Some(burst) = self.0.front_mut() else {
                return Ok(None);
            };
            match burst.pop_front() {
                Some(e) => Ok(Some(e)),
                None => {
                    self.0.pop_front();
                    Ok(None)
                }
            }
        }
    }

    #[test]
    fn a_blank_line_in_a_paste_without_bracketed_paste_does_not_submit() {
        // tmux `paste-buffer` without -p: the text arrives as keys, line breaks as Enter.
        let mut e = Editor::new();
        let mut ev = Bursts::of_keys(&["para one\r\rpara two", "\r", "\r"]);
        let wait = Duration::from_millis(250);
        assert_eq!(handle_burst(&mut e, &mut ev, wait).unwrap(), Action::Redraw);
        assert_eq!(e.text(), "para one\n\npara two");
        // Then the candidate's own Enter twice: a line break, then submit.
        assert_eq!(handle_burst(&mut e, &mut ev, wait).unwrap(), Action::Redraw);
        assert_eq!(handle_burst(&mut e, &mut ev, wait).unwrap(), Action::Submit);
        assert_eq!(e.text(), "para one\n\npara two");
    }

    #[test]
    fn an_enter_that_ends_a_burst_still_submits() {
        // Typed fast enough to be read together, the final Enter on an empty line submits:
        // nothing follows it.
        let mut e = Editor::new();
        let mut ev = Bursts::of_keys(&["first line\rsecond line\r\r", "more"]);
        let wait = Duration::from_millis(250);
        assert_eq!(handle_burst(&mut e, &mut ev, wait).unwrap(), Action::Submit);
        assert_eq!(e.text(), "first line\nsecond line");
        // The keys typed one at a time, each its own burst: the same.
        let mut e = Editor::new();
        let keys: Vec<String> = "ab\r\r".chars().map(String::from).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let mut ev = Bursts::of_keys(&keys);
        let mut last = Action::None;
        for _ in 0..4 {
            last = handle_burst(&mut e, &mut ev, wait).unwrap();
        }
        assert_eq!(last, Action::Submit);
        assert_eq!(e.text(), "ab");
        // Ctrl-C in a burst ends at once.
        let mut e = Editor::new();
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('x')), ctrl('c')].into()].into());
        assert_eq!(
            handle_burst(&mut e, &mut ev, wait).unwrap(),
            Action::Interrupt
        );
    }

    #[test]
    fn the_frame_shows_number_chapter_countdown_and_fits_the_width() {
        let mut e = Editor::new();
        e.insert_str(&"a long answer that wraps ".repeat(20));
        for (w, h) in [(80, 24), (60, 20), (20, 6)] {
            let f = compose(
                &ask(180),
                &e,
                Duration::from_millis(160_400),
                (w, h),
                Theme::plain(),
            );
            assert_eq!(f.rows.len(), h.max(6), "{w}x{h}");
            for r in &f.rows {
                assert!(output::width(r) < w.max(20), "{w}x{h}: {r:?}");
            }
            assert!(f.rows[0].contains("3/10"), "{:?}", f.rows[0]);
            assert!(f.rows[0].ends_with("2:41 left"), "{:?}", f.rows[0]);
            assert!(f.cursor.0 < f.rows.len() - 1 && f.cursor.1 < w.max(20));
        }
        e.insert_str(&"and it goes on ".repeat(40));
        let f = compose(
            &ask(180),
            &e,
            Duration::from_secs(100),
            (60, 20),
            Theme::plain(),
        );
        for r in &f.rows[4..] {
            assert!(!r.starts_with("   "), "no row starts with a space: {r:?}");
        }
        assert!(f.rows[0].contains(" · concurrency"));
        assert!(
            f.rows.iter().any(|r| r.contains("rows above")),
            "{:#?}",
            f.rows
        );
        // The cursor is on the last typed row, after the last word.
        let row = &f.rows[f.cursor.0];
        assert!(row.trim_end().ends_with("goes on"), "{row:?}");
    }

    #[test]
    fn a_notice_replaces_the_help_line_and_fits() {
        let e = Editor::new();
        let n = times_up_notice(2, true);
        assert_eq!(n, "Time's up: answer to question 2 saved.");
        for w in [80, 40, 20] {
            let f = compose_with(
                &ask(180),
                &e,
                Duration::from_secs(100),
                (w, 12),
                Theme::plain(),
                Some(&n),
            );
            let last = f.rows.last().unwrap();
            assert!(last.starts_with("Time's up"), "{last}");
            if w >= 40 {
                assert_eq!(last, &n, "whole at {w} columns");
            }
            assert!(output::width(last) < w, "{last}");
            assert!(!f.rows.iter().any(|r| r.contains("submit")));
        }
        assert!(times_up_notice(1, false).contains("had no answer"));
    }

    #[test]
    fn the_countdown_turns_to_a_warning_in_the_last_30_seconds() {
        let e = Editor::new();
        let colour = Theme { color: true };
        let calm = compose(&ask(180), &e, Duration::from_secs(31), (80, 24), colour);
        let warn = compose(&ask(180), &e, Duration::from_secs(30), (80, 24), colour);
        assert!(!calm.rows[0].contains("\u{1b}[33m"), "{:?}", calm.rows[0]);
        assert!(warn.rows[0].contains("\u{1b}[33m"), "{:?}", warn.rows[0]);
        let mut ending = ask(180);
        ending.session_ends = true;
        let f = compose(
            &ending,
            &e,
            Duration::from_secs(5),
            (80, 24),
            Theme::plain(),
        );
        assert!(
            f.rows[0].ends_with("session ends in 0:05"),
            "{:?}",
            f.rows[0]
        );
    }

    #[test]
    fn a_rating_is_read_from_keys_ignoring_others_and_scrolling_on_arrows() {
        let mut ev = Bursts(
            vec![
                vec![
                    key(KeyCode::Char('x')),
                    key(KeyCode::Down),
                    key(KeyCode::Char('h')),
                ]
                .into(),
            ]
            .into(),
        );
        let mut scrolls = Vec::new();
        let got = read_rating(&mut ev, Rating::Good, &|| false, &mut |d| {
            scrolls.push(d);
            Ok(())
        })
        .unwrap();
        assert_eq!(got, Some(Rating::Hard));
        assert_eq!(scrolls, [1]);
        // Enter takes the suggestion; q stops; a signal stops.
        let mut ev = Bursts(vec![vec![key(KeyCode::Enter)].into()].into());
        let got = read_rating(&mut ev, Rating::Easy, &|| false, &mut |_| Ok(())).unwrap();
        assert_eq!(got, Some(Rating::Easy));
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('q'))].into()].into());
        assert_eq!(
            read_rating(&mut ev, Rating::Easy, &|| false, &mut |_| Ok(())).unwrap(),
            None
        );
        let mut ev = Bursts(vec![].into());
        assert_eq!(
            read_rating(&mut ev, Rating::Easy, &|| true, &mut |_| Ok(())).unwrap(),
            None
        );
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('z')), key(KeyCode::Enter)].into()].into());
        assert!(read_yes_no(&mut ev, &|| false).unwrap());
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('n'))].into()].into());
        assert!(!read_yes_no(&mut ev, &|| false).unwrap());
    }

    #[test]
    fn a_tall_screen_scrolls_and_keeps_the_prompt_on_the_last_row() {
        let lines: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
        let (f, max) = scrolled_frame(&lines, 0, "Your rating?", (40, 10), Theme::plain());
        assert_eq!(f.rows.len(), 10);
        assert_eq!(f.rows[0], "line 1");
        assert_eq!(f.rows[9], "Your rating?");
        assert!(f.rows[8].contains("rows 1-8 of 30"), "{:?}", f.rows);
        assert_eq!(max, 22);
        let (f, _) = scrolled_frame(&lines, 99, "p", (40, 10), Theme::plain());
        assert_eq!(f.rows[7], "line 30");
        let (f, max) = scrolled_frame(&lines[..3], 5, "p", (40, 10), Theme::plain());
        assert_eq!((f.rows.len(), max), (4, 0));
    }

    #[test]
    fn code_spans_stay_whole_across_prompt_rows() {
        let rows = prompt_rows(
            "call `functools.lru_cache` on it",
            12,
            Theme { color: true },
        );
        for r in &rows {
            assert!(!r.contains('`'), "{rows:?}");
        }
    }
}
