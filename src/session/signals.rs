//! Ctrl-C, SIGTERM and SIGHUP as a flag to poll rather than a sudden death, so a session that
//! is stopped still scores, reports and saves its answers and restores the terminal.
//!
//! In raw mode Ctrl-C arrives as a key, not a signal; the flag covers everything else (a
//! `kill`, a closed terminal window, Ctrl-C while reading a pipe).

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock};

static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// The stop flag, installing the signal handler on first use (a process can install only one).
pub fn stop_flag() -> Arc<AtomicBool> {
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let f = Arc::clone(&flag);
        if let Err(e) =
            ctrlc::set_handler(move || f.store(true, std::sync::atomic::Ordering::SeqCst))
        {
            crate::output::note(format_args!(
                "warning: cannot catch Ctrl-C ({e}); answers are still saved after each question"
            ));
        }
        flag
    })
    .clone()
}
