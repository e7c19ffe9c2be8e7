//! Key bindings: what a key, a paste or a burst of them does to the answer, and the keys of the
//! rating and yes-or-no prompts. Events come through the [`Events`] trait (crossterm in a
//! terminal, a script in tests), so every binding is tested without a terminal.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::session::decision::Decision;
use crate::ui::editor::Editor;

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
pub struct Terminal;

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
pub(super) const BURST_GAP: Duration = Duration::from_millis(1);

/// Applies every event already waiting, and the ones that follow within `BURST_GAP` of each
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

/// What a key does at the rating prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateKey {
    /// A decision about the answer.
    Decide(Decision),
    /// Scroll the screen.
    Scroll(Scroll),
    /// Nothing.
    Ignore,
}

/// How far to scroll a screen (negative: up): by rows (the arrows), or by pages (PgUp, PgDn),
/// which only the screen's height makes rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Rows(isize),
    Pages(isize),
}

/// The meaning of a key at the rating prompt: the keys of [`Decision::from_key`] (1-4, a/h/g/e,
/// s, q), Enter for `enter` (grill's suggestion, or keeping a rating given before), Esc or
/// Ctrl-C (or Ctrl-D) to stop, arrows and page keys to
/// scroll.
pub fn rating_key(k: &KeyEvent, enter: Decision) -> RateKey {
    if k.kind == KeyEventKind::Release {
        return RateKey::Ignore;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('c') | KeyCode::Char('d') if ctrl => RateKey::Decide(Decision::Stop),
        _ if ctrl || k.modifiers.contains(KeyModifiers::ALT) => RateKey::Ignore,
        KeyCode::Enter => RateKey::Decide(enter),
        KeyCode::Esc => RateKey::Decide(Decision::Stop),
        KeyCode::Char(c) => Decision::from_key(c).map_or(RateKey::Ignore, RateKey::Decide),
        KeyCode::Up => RateKey::Scroll(Scroll::Rows(-1)),
        KeyCode::Down => RateKey::Scroll(Scroll::Rows(1)),
        KeyCode::PageUp => RateKey::Scroll(Scroll::Pages(-1)),
        KeyCode::PageDown => RateKey::Scroll(Scroll::Pages(1)),
        _ => RateKey::Ignore,
    }
}

/// Reads keys from `events` until one decides about the answer (a stop too when `stopped`
/// says a signal came). Keys that scroll and resizes call `redraw` with the rows to scroll by.
pub fn read_rating(
    events: &mut dyn Events,
    enter: Decision,
    stopped: &dyn Fn() -> bool,
    redraw: &mut dyn FnMut(Scroll) -> io::Result<()>,
) -> io::Result<Decision> {
    loop {
        if stopped() {
            return Ok(Decision::Stop);
        }
        match events.next(Duration::from_millis(250))? {
            Some(Event::Key(k)) => match rating_key(&k, enter) {
                RateKey::Decide(d) => return Ok(d),
                RateKey::Scroll(d) => redraw(d)?,
                RateKey::Ignore => {}
            },
            Some(Event::Resize(..)) => redraw(Scroll::Rows(0))?,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsrs::Rating;

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
        let got = read_rating(
            &mut ev,
            Decision::Accept(Rating::Good),
            &|| false,
            &mut |d| {
                scrolls.push(d);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(got, Decision::Rate(Rating::Hard));
        assert_eq!(scrolls, [Scroll::Rows(1)]);
        // Enter takes the suggestion; q stops; a signal stops.
        let mut ev = Bursts(vec![vec![key(KeyCode::Enter)].into()].into());
        let got = read_rating(
            &mut ev,
            Decision::Accept(Rating::Easy),
            &|| false,
            &mut |_| Ok(()),
        )
        .unwrap();
        assert_eq!(got, Decision::Accept(Rating::Easy));
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('q'))].into()].into());
        assert_eq!(
            read_rating(
                &mut ev,
                Decision::Accept(Rating::Easy),
                &|| false,
                &mut |_| Ok(())
            )
            .unwrap(),
            Decision::Stop
        );
        let mut ev = Bursts(vec![].into());
        assert_eq!(
            read_rating(
                &mut ev,
                Decision::Accept(Rating::Easy),
                &|| true,
                &mut |_| Ok(())
            )
            .unwrap(),
            Decision::Stop
        );
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('z')), key(KeyCode::Enter)].into()].into());
        assert!(read_yes_no(&mut ev, &|| false).unwrap());
        let mut ev = Bursts(vec![vec![key(KeyCode::Char('n'))].into()].into());
        assert!(!read_yes_no(&mut ev, &|| false).unwrap());
    }

    #[test]
    fn keys_rate_skip_stop_and_scroll() {
        let k = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let g = Decision::Accept(Rating::Good);
        let rate = |r| RateKey::Decide(Decision::Rate(r));
        assert_eq!(rating_key(&k(KeyCode::Char('1')), g), rate(Rating::Again));
        assert_eq!(rating_key(&k(KeyCode::Char('h')), g), rate(Rating::Hard));
        assert_eq!(rating_key(&k(KeyCode::Char('4')), g), rate(Rating::Easy));
        assert_eq!(rating_key(&k(KeyCode::Char('e')), g), rate(Rating::Easy));
        assert_eq!(
            rating_key(&k(KeyCode::Enter), Decision::Accept(Rating::Hard)),
            RateKey::Decide(Decision::Accept(Rating::Hard))
        );
        let stop = RateKey::Decide(Decision::Stop);
        assert_eq!(rating_key(&k(KeyCode::Char('q')), g), stop);
        assert_eq!(rating_key(&k(KeyCode::Esc), g), stop);
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(rating_key(&ctrl_c, g), stop);
        assert_eq!(
            rating_key(&k(KeyCode::Char('s')), g),
            RateKey::Decide(Decision::Skip)
        );
        assert_eq!(rating_key(&k(KeyCode::Char('x')), g), RateKey::Ignore);
        assert_eq!(
            rating_key(&k(KeyCode::Down), g),
            RateKey::Scroll(Scroll::Rows(1))
        );
        assert_eq!(
            rating_key(&k(KeyCode::PageUp), g),
            RateKey::Scroll(Scroll::Pages(-1))
        );
    }
}
