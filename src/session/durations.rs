//! Durations as people write them on the command line: `90s`, `3m`, `2m30s`, `1h`.
//!
//! Parsed here rather than with a crate because the accepted forms are few and the errors must
//! name the flag they came from.

use std::time::Duration;

use crate::error::{Error, Result};

/// Parses a duration given to `flag` (used in the error message), such as `90s`, `3m`, `2m30s`
/// or `1h`. A bare number is seconds. Zero is refused: a limit of nothing is surely a mistake.
pub fn parse(flag: &str, text: &str) -> Result<Duration> {
    let bad = |why: &str| {
        Error::input(format!(
            "{flag} {text:?}: {why}; write a duration such as 90s, 3m, 2m30s or 1h"
        ))
    };
    let s = text.trim().to_ascii_lowercase();
    if s.is_empty() {
        return Err(bad("empty duration"));
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let secs: u64 = s.parse().map_err(|_| bad("number too large"))?;
        return nonzero(secs, &bad);
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    let mut last_unit = 4; // units must come in order h, m, s, each at most once
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, factor) = match c {
            'h' => (0, 3600),
            'm' => (1, 60),
            's' => (2, 1),
            _ => return Err(bad(&format!("unexpected `{c}`"))),
        };
        if number.is_empty() {
            return Err(bad(&format!("`{c}` needs a number before it")));
        }
        if last_unit != 4 && rank <= last_unit {
            return Err(bad("units must come in the order h, m, s, each once"));
        }
        last_unit = rank;
        let n: u64 = number.parse().map_err(|_| bad("number too large"))?;
        number.clear();
        total = n
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| bad("too long"))?;
    }
    if !number.is_empty() {
        return Err(bad(&format!("`{number}` needs a unit (h, m or s)")));
    }
    nonzero(total, &bad)
}

/// The longest limit accepted: a day. Anything longer is surely a typo, and keeping limits
/// small keeps every deadline computation far from overflow.
const MAX_SECS: u64 = 24 * 3600;

fn nonzero(secs: u64, bad: &dyn Fn(&str) -> Error) -> Result<Duration> {
    if secs == 0 {
        Err(bad("must be longer than zero"))
    } else if secs > MAX_SECS {
        Err(bad("must be at most 24h"))
    } else {
        Ok(Duration::from_secs(secs))
    }
}

/// Formats a duration compactly for people: `45s`, `3m`, `2m30s`, `1h05m`.
pub fn human(d: Duration) -> String {
    let secs = d.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m{s:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

/// A countdown as a clock face: `2:41`, `0:05`, `1:02:03`. Rounds up, so `0:00` shows only at
/// the very end and the first frame of a 3-minute limit reads `3:00`.
pub fn clock_face(remaining: Duration) -> String {
    let secs = remaining.as_millis().div_ceil(1000) as u64;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        assert_eq!(parse("--time", "90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse("--time", "3m").unwrap(), Duration::from_secs(180));
        assert_eq!(parse("--time", "2m30s").unwrap(), Duration::from_secs(150));
        assert_eq!(parse("--time", "1h").unwrap(), Duration::from_secs(3600));
        assert_eq!(
            parse("--time", "1h2m3s").unwrap(),
            Duration::from_secs(3723)
        );
        assert_eq!(parse("--time", "45").unwrap(), Duration::from_secs(45));
        assert_eq!(parse("--time", " 2M ").unwrap(), Duration::from_secs(120));
    }

    #[test]
    fn errors_name_the_flag_and_the_fix() {
        for bad in ["", "3x", "m", "3m2", "0s", "30s2m", "2m2m", "-3m", "3 m"] {
            let err = parse("--total", bad).unwrap_err().to_string();
            assert!(err.starts_with("--total "), "{bad}: {err}");
            assert!(err.contains("such as 90s, 3m"), "{bad}: {err}");
        }
        assert!(
            parse("--time", "25h")
                .unwrap_err()
                .to_string()
                .contains("at most 24h")
        );
        assert!(
            parse("--time", "99999999999999999999h")
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(human(Duration::from_secs(45)), "45s");
        assert_eq!(human(Duration::from_secs(180)), "3m");
        assert_eq!(human(Duration::from_secs(150)), "2m30s");
        assert_eq!(human(Duration::from_secs(3900)), "1h05m");
        assert_eq!(clock_face(Duration::from_millis(160_500)), "2:41");
        assert_eq!(clock_face(Duration::from_secs(180)), "3:00");
        assert_eq!(clock_face(Duration::from_millis(1)), "0:01");
        assert_eq!(clock_face(Duration::ZERO), "0:00");
        assert_eq!(clock_face(Duration::from_secs(3723)), "1:02:03");
    }
}
