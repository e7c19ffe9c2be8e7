//! `grill bank library`: the banks usable by name, with their question counts and last practice.

use std::io::{self, Write};

use serde::Serialize;

use crate::output::{self, Theme};

/// One bank of the library, as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The name `--bank` takes.
    pub name: String,
    /// Built into grill (true) or added with `grill bank add`.
    pub built_in: bool,
    /// The bank's title (sessions are matched to a bank by it).
    pub title: String,
    /// How many questions it has.
    pub questions: usize,
    /// How many chapters.
    pub chapters: usize,
    /// When a session of it last started, if ever.
    pub last_practised: Option<jiff::Timestamp>,
    /// How many saved sessions drew from it.
    pub sessions: usize,
    /// The added bank's file (none for built-in banks).
    pub path: Option<String>,
    /// Why the file cannot be read, when it cannot (the row is listed all the same).
    pub problem: Option<String>,
}

/// The table: name, questions, last practised, then the title (below the row when fewer than
/// 12 columns are left beside it); unreadable banks get their problem on a line of their own.
pub fn render(
    entries: &[Entry],
    tz: &jiff::tz::TimeZone,
    theme: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let name_w = entries
        .iter()
        .map(|e| output::width(&e.name) + if e.built_in { 1 } else { 0 })
        .max()
        .unwrap_or(4)
        .max(4);
    let fixed = name_w + 2 + 9 + 2 + 14 + 2;
    let beside = width >= fixed + 12;
    let head = format!(
        "{}  QUESTIONS  LAST PRACTISED  {}",
        output::pad("NAME", name_w),
        if beside { "TITLE" } else { "" }
    );
    writeln!(out, "{}", theme.bold(head.trim_end()))?;
    for e in entries {
        let name = if e.built_in {
            format!("{}*", e.name)
        } else {
            e.name.clone()
        };
        let last = e.last_practised.map_or_else(
            || "never".to_string(),
            |t| t.to_zoned(tz.clone()).strftime("%Y-%m-%d").to_string(),
        );
        let row = format!(
            "{}  {:>9}  {}",
            output::pad(&output::visible(&name), name_w),
            e.questions,
            output::pad(&last, 14)
        );
        let title = output::visible(&e.title).into_owned();
        if beside {
            let lines = output::wrap(&title, width - fixed);
            writeln!(out, "{row}  {}", lines[0])?;
            for line in &lines[1..] {
                writeln!(out, "{}{line}", " ".repeat(fixed))?;
            }
        } else {
            writeln!(out, "{}", row.trim_end())?;
            for line in output::wrap(&title, width.saturating_sub(4)) {
                writeln!(out, "    {line}")?;
            }
        }
        if let Some(p) = &e.problem {
            for line in output::wrap(&output::visible(p), width.saturating_sub(4)) {
                writeln!(out, "    {}", theme.warn(&line))?;
            }
        }
    }
    let foot = "* built in. Use one with `grill --bank NAME`; add one with `grill bank add FILE`.";
    for line in output::wrap(foot, width) {
        writeln!(out, "{}", theme.dim(&line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, built_in: bool, last: Option<&str>) -> Entry {
        Entry {
            name: name.into(),
            built_in,
            title: "A title long enough to wrap at forty columns".into(),
            questions: 200,
            chapters: 10,
            last_practised: last.map(|t| t.parse().unwrap()),
            sessions: 0,
            path: None,
            problem: None,
        }
    }

    #[test]
    fn rows_fit_the_width_with_the_title_beside_or_below() {
        let entries = [
            entry("python", true, None),
            entry("sql", false, Some("2026-12-01T10:00:00Z")),
        ];
        for width in [40, 80] {
            let mut buf = Vec::new();
            render(
                &entries,
                &jiff::tz::TimeZone::UTC,
                Theme::plain(),
                width,
                &mut buf,
            )
            .unwrap();
            let text = String::from_utf8(buf).unwrap();
            assert!(text.lines().all(|l| output::width(l) <= width), "{text}");
            assert!(
                text.contains("python*") && text.contains("2026-12-01"),
                "{text}"
            );
            assert!(text.contains("never"), "{text}");
        }
    }
}
