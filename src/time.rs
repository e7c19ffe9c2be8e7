//! The time of day and the time zone, for every command: [`now`] and [`zone`].
//!
//! `GRILL_NOW` runs grill as of another time (`GRILL_NOW=2026-12-10T09:00:00Z grill study`):
//! the clock starts there and runs on, so a week of spaced repetition can be tried (and tested)
//! in minutes, without editing files or waiting. The time zone is `TZ`'s, as the system reads
//! it, except that a `TZ` grill cannot use (a name it does not know, a path that is not a time
//! zone file: a FIFO or `/dev/zero` would never end) falls back to UTC with one warning.

use std::sync::OnceLock;
use std::time::Instant;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::error::{Error, Result};

/// The environment variable that sets grill's clock.
pub const NOW_ENV: &str = "GRILL_NOW";

/// The largest time zone file read (real ones are a few kilobytes).
const MAX_TZ_FILE: u64 = 1024 * 1024;

/// `GRILL_NOW` as read when grill started, and the instant it was read: its clock runs on from
/// there. `None` when it is not set.
fn shifted() -> Option<(Timestamp, Instant)> {
    static START: OnceLock<Option<(Timestamp, Instant)>> = OnceLock::new();
    *START.get_or_init(|| {
        let at = parse_now(std::env::var(NOW_ENV).ok()?.as_str()).ok()?;
        Some((at, Instant::now()))
    })
}

/// Reads a `GRILL_NOW` value: a time with its offset (`2026-12-10T09:00:00Z`,
/// `2026-12-10T10:00:00+01:00`), or a date (midnight UTC).
pub fn parse_now(text: &str) -> Result<Timestamp> {
    let t = text.trim();
    t.parse::<Timestamp>()
        .or_else(|_| {
            t.parse::<jiff::civil::Date>()
                .map_err(|e| e.to_string())
                .and_then(|d| {
                    d.to_zoned(TimeZone::UTC)
                        .map(|z| z.timestamp())
                        .map_err(|e| e.to_string())
                })
        })
        .map_err(|e| {
            Error::input(format!(
                "{NOW_ENV}={t:?} is not a time grill reads ({e}); write it as 2026-12-10T09:00:00Z, \
                 or unset it to use the system clock"
            ))
        })
}

/// Checks `GRILL_NOW` when it is set, so a bad value is bad input (exit 2) before anything is
/// done, rather than the system clock quietly used.
pub fn check_env() -> Result<()> {
    match std::env::var(NOW_ENV) {
        Ok(v) if !v.is_empty() => parse_now(&v).map(|_| ()),
        _ => Ok(()),
    }
}

/// The time now: the system's, or `GRILL_NOW`'s clock.
pub fn now() -> Timestamp {
    match shifted() {
        Some((at, since)) => at
            .checked_add(jiff::SignedDuration::try_from(since.elapsed()).unwrap_or_default())
            .unwrap_or(at),
        None => Timestamp::now(),
    }
}

/// The local time zone: `TZ`'s when grill can use it, else the system's, else UTC; a `TZ` it
/// cannot use is said once on stderr.
pub fn zone() -> TimeZone {
    static ZONE: OnceLock<TimeZone> = OnceLock::new();
    ZONE.get_or_init(|| match local_zone() {
        Ok(tz) => tz,
        Err(why) => {
            crate::output::note(format_args!(
                "warning: {why}; times are shown in UTC (set TZ to a zone name such as Europe/Paris)"
            ));
            TimeZone::UTC
        }
    })
    .clone()
}

/// The zone `TZ` names, checked: a path must be a regular file of a sensible size.
fn local_zone() -> std::result::Result<TimeZone, String> {
    if let Some(tz) = std::env::var_os("TZ").filter(|v| !v.is_empty()) {
        let text = tz.to_string_lossy();
        let path = text.strip_prefix(':').unwrap_or(&text);
        if path.starts_with('/') {
            let shown = crate::output::visible(path);
            match std::fs::metadata(path) {
                Ok(m) if m.is_file() && m.len() <= MAX_TZ_FILE => {}
                Ok(_) => return Err(format!("TZ={shown} is not a time zone file")),
                Err(e) => return Err(format!("TZ={shown} cannot be read ({e})")),
            }
        }
    }
    TimeZone::try_system().map_err(|e| format!("the time zone TZ gives cannot be used ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grill_now_takes_a_time_with_its_offset_or_a_date() {
        assert_eq!(
            parse_now("2026-12-10T09:00:00Z").unwrap(),
            "2026-12-10T09:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_now("2026-12-10T10:00:00+01:00").unwrap(),
            "2026-12-10T09:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(
            parse_now(" 2026-12-10 ").unwrap(),
            "2026-12-10T00:00:00Z".parse::<Timestamp>().unwrap()
        );
        let e = parse_now("next tuesday").unwrap_err();
        assert_eq!(e.exit(), crate::error::Exit::BadInput);
        assert!(e.to_string().contains("GRILL_NOW"), "{e}");
    }
}
