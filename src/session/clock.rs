//! Time, injected: the real clock for sessions, a fake one that tests advance by hand, so
//! whole sessions with time limits run in tests without waiting.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A source of time for the engine (and, through [`super::input::Ask`], for the countdown).
pub trait Clock: std::fmt::Debug {
    /// Monotonic time since some fixed start; differences measure time used.
    fn elapsed(&self) -> Duration;
    /// The wall-clock time, for the record's start and end times.
    fn timestamp(&self) -> jiff::Timestamp;
}

/// The system's clocks.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock {
    start: Instant,
}

impl SystemClock {
    /// A clock whose `elapsed` counts from now.
    pub fn new() -> SystemClock {
        SystemClock {
            start: Instant::now(),
        }
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        SystemClock::new()
    }
}

impl Clock for SystemClock {
    fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
    fn timestamp(&self) -> jiff::Timestamp {
        crate::time::now()
    }
}

/// A clock that moves only when told to. Clones share the same time, so a scripted answer
/// source can advance the clock the engine reads.
#[derive(Debug, Clone)]
pub struct FakeClock {
    start: jiff::Timestamp,
    elapsed: Arc<Mutex<Duration>>,
}

impl FakeClock {
    /// A clock standing at `start`.
    pub fn at(start: jiff::Timestamp) -> FakeClock {
        FakeClock {
            start,
            elapsed: Arc::new(Mutex::new(Duration::ZERO)),
        }
    }

    /// Moves time forward by `d`.
    pub fn advance(&self, d: Duration) {
        let mut e = self.elapsed.lock().unwrap_or_else(|p| p.into_inner());
        *e += d;
    }
}

impl Clock for FakeClock {
    fn elapsed(&self) -> Duration {
        *self.elapsed.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn timestamp(&self) -> jiff::Timestamp {
        let e = jiff::SignedDuration::try_from(self.elapsed()).unwrap_or(jiff::SignedDuration::MAX);
        self.start.checked_add(e).unwrap_or(self.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_clock_moves_only_when_advanced_and_clones_share_it() {
        let t0 = jiff::Timestamp::from_second(1_790_000_000).unwrap();
        let c = FakeClock::at(t0);
        let other = c.clone();
        assert_eq!(c.elapsed(), Duration::ZERO);
        other.advance(Duration::from_secs(90));
        assert_eq!(c.elapsed(), Duration::from_secs(90));
        assert_eq!(c.timestamp().as_second(), 1_790_000_090);
    }
}
