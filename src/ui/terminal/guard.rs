//! The raw-mode guard: raw mode, bracketed paste and the alternate screen for as long as a
//! [`Guard`] lives, restored on every way out, a panic included.

use std::io;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, terminal};

/// Whether this process has the terminal in raw mode (for the panic hook).
static RAW: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Puts the terminal back as it was: bracketed paste off, the main screen, cursor shown, line
/// wrap on (a frame turns it off while drawing, and a panic may come mid-frame), raw mode off.
/// Safe to call twice; errors are ignored because there is nothing left to do.
fn restore() {
    if RAW.swap(false, Ordering::SeqCst) {
        let mut err = io::stderr();
        let _ = crossterm::execute!(
            err,
            event::DisableBracketedPaste,
            terminal::LeaveAlternateScreen,
            terminal::EnableLineWrap,
            cursor::Show
        );
        let _ = terminal::disable_raw_mode();
    }
}

/// Raw mode, bracketed paste and the alternate screen for as long as it lives.
pub(super) struct Guard;

impl Guard {
    pub(super) fn enter() -> io::Result<Guard> {
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
