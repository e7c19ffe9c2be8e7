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
//!
//! The parts: `guard` (raw mode and its restoring), `keys` (what each key does, read through
//! the [`Events`] trait), `frame` (the screen's layout and drawing); this module is the answer
//! source that puts them together under the engine's clock.

mod frame;
mod guard;
mod keys;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::history::record::ItemRecord;
use crate::output::Theme;
use crate::session::decision::Decision;
use crate::session::durations::clock_face;
use crate::session::input::{AnswerSource, Ask, Ending, Rater, Reply};
use crate::session::review;
use crate::view::rating;

use super::editor::Editor;

pub use frame::{Frame, compose, compose_status, compose_with, page_rows, scrolled_frame};
pub(crate) use frame::{draw, size};
use guard::Guard;
use keys::BURST_GAP;
pub use keys::Terminal;
pub use keys::{
    Action, Events, RateKey, Scroll, apply, handle_burst, rating_key, read_rating, read_yes_no,
};

/// Answers typed in the terminal, with a live countdown.
pub struct TerminalSource {
    stop: Arc<AtomicBool>,
    theme: Theme,
    /// A notice for the next frames, and until when it shows.
    notice: Option<(String, Instant)>,
    /// A notice for the next rating screen, shown before its keys.
    rating_notice: Option<String>,
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
            rating_notice: None,
            _guard: guard,
        })
    }

    /// Reads an answer in `editor`, which may hold text already (a transcript to correct);
    /// otherwise as [`AnswerSource::answer`].
    pub fn answer_with(&mut self, ask: &Ask, mut editor: Editor) -> Reply {
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
            spoken: None,
        }
    }

    /// Shows `notice` in place of the help line for `how_long` (or until another notice).
    pub fn notify(&mut self, notice: String, how_long: Duration) {
        self.notice = Some((notice, Instant::now() + how_long));
    }

    /// Whether a stop was asked for (Ctrl-C, a signal).
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The theme of the screen.
    pub fn theme(&self) -> Theme {
        self.theme
    }

    fn read_answer(&mut self, ask: &Ask, editor: &mut Editor) -> io::Result<Ending> {
        type Shown = (String, (usize, usize), Option<String>);
        let mut shown: Option<Shown> = None;
        let mut dirty = true;
        loop {
            if self.stopped() {
                return Ok(Ending::Interrupted);
            }
            // By the engine's clock, not the system's, so the countdown is the engine's.
            let remaining = ask.remaining();
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
        layout: &dyn Fn(usize) -> (Vec<String>, String),
        enter: Decision,
    ) -> io::Result<Decision> {
        let theme = self.theme;
        let mut offset = 0usize;
        // The screen as laid out for a width: again when the terminal is resized, or the lines
        // wrapped for the old width are cut off at the new one.
        let mut laid: Option<(usize, Vec<String>, String)> = None;
        let mut redraw = |scroll: Scroll| -> io::Result<()> {
            let dims = size();
            let delta = match scroll {
                Scroll::Rows(n) => n,
                // A page is the rows shown, less one kept in view for context.
                Scroll::Pages(n) => n * page_rows(dims.1),
            };
            let (lines, prompt) = match &laid {
                Some((w, lines, prompt)) if *w == dims.0 => (lines, prompt),
                _ => {
                    let (lines, prompt) = layout(dims.0);
                    let l = laid.insert((dims.0, lines, prompt));
                    (&l.1, &l.2)
                }
            };
            offset = offset.saturating_add_signed(delta);
            let (frame, max) = scrolled_frame(lines, offset, prompt, dims, theme);
            offset = offset.min(max);
            draw(&frame, dims.1)
        };
        redraw(Scroll::Rows(0))?;
        let stop = self.stop.clone();
        read_rating(
            &mut Terminal,
            enter,
            &|| stop.load(Ordering::SeqCst),
            &mut redraw,
        )
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

    fn notice(&mut self, text: &str) {
        self.rating_notice = Some(text.to_string());
    }

    fn rate(&mut self, heading: &str, item: &ItemRecord, study: bool) -> Decision {
        let enter = review::enter(item);
        let notice = self.rating_notice.take();
        let theme = self.theme;
        let layout = |w: usize| {
            let lines = rating::screen(item, heading, study, theme, w.max(20) - 1);
            // A notice goes before the keys, which then take the variant that fits beside it.
            let prompt = match &notice {
                Some(n) => {
                    let room = (w.max(20) - 1).saturating_sub(crate::output::width(n) + 3);
                    format!("{n} · {}", rating::prompt(enter, room))
                }
                None => rating::prompt(enter, w.max(20) - 1),
            };
            (lines, prompt)
        };
        // A terminal that fails here cannot ask anything more: stop, keeping what was given.
        self.ask_rating(&layout, enter).unwrap_or(Decision::Stop)
    }
}

impl AnswerSource for TerminalSource {
    fn kind(&self) -> &'static str {
        "terminal"
    }

    fn answer(&mut self, ask: &Ask) -> Reply {
        self.answer_with(ask, Editor::new())
    }

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Decision {
        let heading = if ask.untimed {
            format!("Study · question {} · {}", ask.number, ask.chapter)
        } else {
            format!("Question {}/{} · {}", ask.number, ask.count, ask.chapter)
        };
        self.rate(&heading, item, ask.untimed)
    }

    fn notice(&mut self, text: &str) {
        Rater::notice(self, text);
    }

    fn rater(&mut self) -> Option<&mut dyn Rater> {
        Some(self)
    }
}
