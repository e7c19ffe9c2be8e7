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

/// When `at` is, said from `now` in `tz` as a person would: "due now", "in 7 min", "in 3 h",
/// "tomorrow 09:14", "in 5 days", and back: "12 min overdue", "3 h overdue", "2 days overdue".
pub fn relative(at: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let secs = at.as_second().saturating_sub(now.as_second());
    let mins = secs.abs() / 60;
    let hours = mins / 60;
    let day_of = |t: Timestamp| t.to_zoned(tz.clone()).date();
    let days = (day_of(at) - day_of(now)).get_days();
    // Due is due from the second it is, not within a minute of it: the schedule's header
    // counts a question due from its exact time, and a line must not say "due now" of one
    // it does not count.
    if at <= now && mins < 1 {
        return "due now".to_string();
    }
    if mins < 1 {
        return "in under a minute".to_string();
    }
    if secs < 0 {
        return match (hours, days) {
            (0, _) => format!("{mins} min overdue"),
            (_, 0) => format!("{hours} h overdue"),
            (_, d) => format!("{} day{} overdue", -d, if d == -1 { "" } else { "s" }),
        };
    }
    let clock = at.to_zoned(tz.clone()).strftime("%H:%M").to_string();
    match (hours, days) {
        (0, _) => format!("in {mins} min"),
        (_, 0) => format!("in {hours} h, {clock}"),
        (_, 1) => format!("tomorrow {clock}"),
        (_, d) => format!("in {d} days"),
    }
}

/// How long ago `at` was, said from `now`: "just now", "4 min ago", "3 h ago", "2 days ago"
/// (calendar days in `tz`, as [`relative`] counts them).
pub fn ago(at: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let mins = now.as_second().saturating_sub(at.as_second()).max(0) / 60;
    let day_of = |t: Timestamp| t.to_zoned(tz.clone()).date();
    let days = (day_of(now) - day_of(at)).get_days();
    match (mins, mins / 60, days) {
        (0, _, _) => "just now".to_string(),
        (m, 0, _) => format!("{m} min ago"),
        (_, h, 0) => format!("{h} h ago"),
        (_, _, 1) => "yesterday".to_string(),
        (_, _, d) => format!("{d} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ago_says_how_long_ago_in_words() {
        let t = |s: &str| s.parse::<Timestamp>().unwrap();
        let now = t("2026-12-07T10:00:00Z");
        let utc = TimeZone::UTC;
        assert_eq!(ago(t("2026-12-07T09:59:30Z"), now, &utc), "just now");
        assert_eq!(ago(t("2026-12-07T09:56:00Z"), now, &utc), "4 min ago");
        assert_eq!(ago(t("2026-12-07T07:00:00Z"), now, &utc), "3 h ago");
        assert_eq!(ago(t("2026-12-06T07:00:00Z"), now, &utc), "yesterday");
        assert_eq!(ago(t("2026-12-04T12:00:00Z"), now, &utc), "3 days ago");
        // A time after now (another machine's clock) is not "in the future ago".
        assert_eq!(ago(t("2026-12-08T10:00:00Z"), now, &utc), "just now");
    }

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

    #[test]
    fn times_are_said_from_now_as_a_person_would() {
        let tz = TimeZone::UTC;
        let now: Timestamp = "2026-12-07T10:00:00Z".parse().unwrap();
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        let say = |t: &str| relative(at(t), now, &tz);
        // Due from its exact time: 20 s ahead is not due yet, 20 s ago is.
        assert_eq!(say("2026-12-07T10:00:20Z"), "in under a minute");
        assert_eq!(say("2026-12-07T09:59:40Z"), "due now");
        assert_eq!(say("2026-12-07T10:00:00Z"), "due now");
        assert_eq!(say("2026-12-07T10:07:00Z"), "in 7 min");
        assert_eq!(say("2026-12-07T13:30:00Z"), "in 3 h, 13:30");
        assert_eq!(say("2026-12-08T09:14:00Z"), "tomorrow 09:14");
        assert_eq!(say("2026-12-12T09:00:00Z"), "in 5 days");
        assert_eq!(say("2026-12-07T09:48:00Z"), "12 min overdue");
        assert_eq!(say("2026-12-07T07:00:00Z"), "3 h overdue");
        assert_eq!(say("2026-12-06T23:00:00Z"), "1 day overdue");
        assert_eq!(say("2026-12-04T12:00:00Z"), "3 days overdue");
    }
}
