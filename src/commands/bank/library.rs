//! `grill bank add`, `grill bank library` and `grill bank remove`: the library of banks usable by
//! name, kept in the data directory's `banks/` folder.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use crate::bank::import::{self, Imported};
use crate::bank::library::{BUILT_IN, Library, Summary, name_from_path};
use crate::error::{Error, Exit, Result};
use crate::output::{self, Theme};
use crate::view::bank::library::Entry;
use crate::words::plural;

/// The practice of one bank: when a session of it last started, and how many there are.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Practice {
    /// The latest start.
    pub last: Option<jiff::Timestamp>,
    /// Saved sessions.
    pub sessions: usize,
}

/// Practice per bank title, from the saved sessions (matched by title, as a changed bank keeps
/// its history): one grouped query of the history.
pub fn practice_by_title() -> Result<HashMap<String, Practice>> {
    let store = crate::history::Store::open_default()?;
    Ok(store
        .banks()?
        .into_iter()
        .map(|(title, sessions, last)| {
            (
                title,
                Practice {
                    last: Some(last),
                    sessions,
                },
            )
        })
        .collect())
}

/// `grill bank add FILE [--name NAME] [--replace]`, and `grill bank import FILE --add NAME`.
pub fn add(
    file: &Path,
    name: Option<&str>,
    replace: bool,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<Exit> {
    let name = match name {
        Some(n) => n.to_string(),
        None => name_from_path(file).ok_or_else(|| {
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            // A file named as a built-in bank ("python.csv") makes a name, but a taken one.
            if crate::bank::library::RESERVED.contains(&stem.to_ascii_lowercase().as_str()) {
                Error::input(format!(
                    "the file's name, `{}`, is a built-in bank's; give this one another with \
                     --name NAME",
                    stem.to_ascii_lowercase()
                ))
            } else {
                Error::input(format!(
                    "cannot make a library name from `{}`; give one with --name NAME (letters, \
                     digits, `-`, `_`)",
                    output::visible(&file.display().to_string())
                ))
            }
        })?,
    };
    let mut imported = import::read_file(file)?;
    report(&imported, &crate::error::source_name(file), theme);
    let library = super::super::library()?;
    let name = crate::bank::library::check_name(&name)?;
    // Sessions are kept by a bank's title: two banks of one title ("Default", Anki's deck
    // of that name) would share a history, one's answers showing as the other's.
    let retitled = title_taken(&library, &name, &imported.bank.title).map(|other| {
        let title = format!("{} ({name})", imported.bank.title);
        let note = format!(
            "note: `{other}` has the title \"{}\" too, and sessions are matched to a bank by its \
             title; this one is titled \"{}\", so their histories stay apart.",
            output::visible(&imported.bank.title),
            output::visible(&title)
        );
        imported.bank.title = title;
        note
    });
    let old = library.add(&name, &imported.bank, replace)?;
    // Said once it is added: an add refused (a name taken) retitles nothing.
    if let Some(note) = retitled {
        output::note_wrapped(&note, |s| theme.warn(s));
    }
    super::warn(&imported.bank);
    let bank = &imported.bank;
    let (q, c) = (bank.question_count(), bank.chapters.len());
    let verb = if old.is_some() { "Replaced" } else { "Added" };
    let line = format!(
        "{verb} `{name}` in the library: \"{}\", {q} question{} in {c} chapter{}. Use it with \
         `grill --bank {name}` (or GRILL_BANK={name}).",
        output::visible(&bank.title),
        plural(q),
        plural(c),
    );
    output::write_wrapped(out, &line)?;
    if let Some(old) = old.filter(|o| o.title != bank.title) {
        output::note_wrapped(
            &format!(
                "note: the title changed from \"{}\" to \"{}\"; sessions are matched to a bank by \
                 its title, so the earlier sessions stay under the old title.",
                output::visible(&old.title),
                output::visible(&bank.title)
            ),
            |s| theme.warn(s),
        );
    }
    Ok(Exit::Ok)
}

/// Why library bank `name` at `path` cannot be read, and what to do: its first problem (a
/// damaged file's line), then to add it again, or for what is no file to move it away.
fn unreadable(name: &str, e: &Error, path: &Path) -> String {
    let why = match e {
        Error::Invalid { file, problems, .. } if !problems.is_empty() => {
            problems[0].display_in(file)
        }
        _ => e.to_string().lines().next().unwrap_or("").to_string(),
    };
    if path.exists() && !path.is_file() {
        format!("cannot be read: {why}; move it away")
    } else {
        format!(
            "cannot be read: {why}; add it again with `grill bank add FILE --name {name} --replace`"
        )
    }
}

/// The name of another bank (built-in, or in `library` but `name`) titled `title`.
fn title_taken(library: &Library, name: &str, title: &str) -> Option<String> {
    if let Some(b) = BUILT_IN.iter().find(|b| b.bank().title == title) {
        return Some(b.name.to_string());
    }
    library
        .names()
        .ok()?
        .into_iter()
        .filter(|n| n != name)
        .find(|n| library.summary(n).is_ok_and(|b| b.title == title))
}

/// Tells the user on stderr what an import left out: each skipped item with its place, the
/// remarks, and a summary line.
pub fn report(imported: &Imported, source: &str, theme: Theme) {
    let r = &imported.report;
    for s in &r.skipped {
        output::note(format_args!(
            "{} {}",
            theme.warn("skipped:"),
            output::visible(&s.display_in(source))
        ));
    }
    for remark in &r.remarks {
        output::note_wrapped(&format!("note: {}", output::visible(remark)), |s| {
            theme.dim(s)
        });
    }
    if r.format.starts_with("grill") && r.skipped.is_empty() {
        return;
    }
    output::note_wrapped(&output::visible(&import::summary(imported, source)), |s| {
        theme.dim(s)
    });
}

/// `grill bank library [--json]`.
pub fn list(json: bool, theme: Theme, out: &mut dyn Write) -> Result<Exit> {
    let library = super::super::library()?;
    let practice = practice_by_title().unwrap_or_default();
    let entries = entries(&library, &practice)?;
    if json {
        crate::view::json::write(&crate::view::json::bank_library(&entries), out)?;
    } else {
        crate::view::bank::library::render(
            &entries,
            &jiff::tz::TimeZone::system(),
            theme,
            output::stdout_width(),
            out,
        )?;
    }
    Ok(Exit::Ok)
}

/// The built-in banks, then the added ones by name; an unreadable file is listed with its
/// problem.
fn entries(library: &Library, practice: &HashMap<String, Practice>) -> Result<Vec<Entry>> {
    let mut entries = Vec::new();
    let entry = |name: &str, built_in: bool, bank: Result<Summary>, path: Option<String>| match bank
    {
        Ok(b) => {
            let p = practice.get(&b.title).copied().unwrap_or_default();
            Entry {
                name: name.to_string(),
                built_in,
                questions: b.questions,
                chapters: b.chapters,
                title: b.title,
                last_practised: p.last,
                sessions: p.sessions,
                path,
                problem: None,
            }
        }
        Err(e) => Entry {
            name: name.to_string(),
            built_in,
            title: String::new(),
            questions: 0,
            chapters: 0,
            last_practised: None,
            sessions: 0,
            path,
            problem: Some(unreadable(name, &e, &library.path_of(name))),
        },
    };
    for b in BUILT_IN {
        let bank = b.bank();
        let summary = Summary {
            questions: bank.question_count(),
            chapters: bank.chapters.len(),
            title: bank.title,
        };
        entries.push(entry(b.name, true, Ok(summary), None));
    }
    for name in library.names()? {
        let path = library.path_of(&name).display().to_string();
        entries.push(entry(&name, false, library.summary(&name), Some(path)));
    }
    Ok(entries)
}

/// `grill bank remove NAME`.
pub fn remove(name: &str, out: &mut dyn Write) -> Result<Exit> {
    let library = super::super::library()?;
    let bank = library.remove(name)?;
    let sessions = practice_by_title()
        .unwrap_or_default()
        .get(&bank.title)
        .map_or(0, |p| p.sessions);
    let kept = if sessions == 0 {
        String::new()
    } else {
        format!(
            "; the history keeps its {sessions} session{}",
            plural(sessions)
        )
    };
    let line = format!(
        "Removed `{}` (\"{}\") from the library{kept}.",
        name.to_ascii_lowercase(),
        output::visible(&bank.title)
    );
    output::write_wrapped(out, &line)?;
    Ok(Exit::Ok)
}
