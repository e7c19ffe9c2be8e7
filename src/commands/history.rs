//! `grill history`: list, replay, export and import saved sessions.
//!
//! The listing and the replay are views (`view::history`, sessions in, text out) so tests
//! need no store; export and import use one JSON document with a format version, so a history
//! can move between machines and a newer grill's export is recognised rather than misread.

use std::io::{IsTerminal, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::{HistoryPlan, ShowForm};
use crate::error::{Error, Exit, Result};
use crate::fsrs::Rating;
use crate::history::record::{ItemRecord, Outcome, RECORD_FORMAT, SessionRecord};
use crate::history::{self, Store};
use crate::output;
use crate::readiness::whole;
use crate::words::plural;

use super::Context;
use crate::view::history as view;

/// The version of the export document this build writes.
pub const EXPORT_FORMAT: u32 = 1;
/// The `kind` that marks an export document, so other JSON files are told apart.
pub const EXPORT_KIND: &str = "grill-history";

/// `grill history export`: every session, with a format version.
#[derive(Debug, Serialize, Deserialize)]
pub struct Export {
    /// `EXPORT_FORMAT`.
    pub format: u32,
    /// Always `EXPORT_KIND`.
    pub kind: String,
    /// When it was written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported_at: Option<jiff::Timestamp>,
    /// The sessions, oldest first.
    pub sessions: Vec<SessionRecord>,
}

/// Runs a `grill history` subcommand.
pub fn run(ctx: &Context, plan: &HistoryPlan, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    let tz = jiff::tz::TimeZone::system();
    match plan {
        HistoryPlan::Path => {
            writeln!(out, "{}", Store::open_default()?.sessions_dir().display())?;
        }
        HistoryPlan::List { json } => {
            let sessions = load(ctx)?;
            if *json {
                crate::view::json::write(&crate::view::json::history_list(&sessions), out)?;
            } else {
                let listing = view::list::Listing {
                    sessions: &sessions,
                    tz: &tz,
                };
                view::list::render(&listing, theme, list_width(), out)?;
            }
        }
        HistoryPlan::Show { id, form } => {
            let sessions = load(ctx)?;
            let s = history::find(&sessions, id)?;
            match form {
                // The record as saved: `history import` takes it back.
                ShowForm::Json => crate::view::json::write(s, out)?,
                ShowForm::Markdown => {
                    let sheet = crate::view::sheet::Sheet {
                        session: s,
                        tz: &tz,
                    };
                    crate::view::sheet::render(&sheet, out)?
                }
                ShowForm::Text => {
                    let number = sessions.iter().position(|x| x.id == s.id).map(|i| i + 1);
                    let replay = view::show::Replay {
                        session: s,
                        number,
                        tz: &tz,
                    };
                    view::show::render(&replay, theme, output::stdout_width(), out)?;
                }
            }
        }
        HistoryPlan::Export => {
            let sessions = load(ctx)?;
            let n = sessions.len();
            out.write_all(export(sessions, jiff::Timestamp::now())?.as_bytes())?;
            output::note(format_args!(
                "{}",
                ctx.stderr_theme()
                    .dim(&format!("exported {n} session{}", plural(n)))
            ));
        }
        HistoryPlan::Import(file) => {
            let text = crate::error::read_text_file(file, "a history export")?;
            let name = if file == Path::new("-") {
                "<stdin>".to_string()
            } else {
                file.display().to_string()
            };
            let sessions = parse_import(&text, &name)?;
            import(&Store::open_default()?, &sessions, &name, out)?;
        }
        HistoryPlan::Rate {
            session,
            question,
            rating,
        } => rate(ctx, session, *question, *rating, out)?,
        HistoryPlan::Delete { sessions, yes } => {
            let store = Store::open_default()?;
            let ids = selected(&load(ctx)?, sessions)?;
            delete(&store, &ids, *yes, out)?;
        }
        HistoryPlan::PruneEmpty { yes } => prune_empty(ctx, *yes, out)?,
    }
    Ok(Exit::Ok)
}

/// The ids of the sessions `selectors` name, each once. Every selector is resolved before
/// anything is deleted, so list numbers given together mean what `grill history` showed, and
/// one typo deletes nothing.
fn selected(loaded: &[SessionRecord], selectors: &[String]) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for sel in selectors {
        let id = history::find(loaded, sel)?.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// `grill history prune --empty`: deletes the sessions in which nothing was answered.
fn prune_empty(ctx: &Context, yes: bool, out: &mut dyn Write) -> Result<()> {
    let store = Store::open_default()?;
    let ids: Vec<String> = load(ctx)?
        .iter()
        .filter(|s| s.is_empty())
        .map(|s| s.id.clone())
        .collect();
    if ids.is_empty() {
        writeln!(
            out,
            "no empty sessions in {}",
            store.sessions_dir().display()
        )?;
        Ok(())
    } else {
        delete(&store, &ids, yes, out)
    }
}

/// `grill history rate`: saves the candidate's rating of one answer.
fn rate(ctx: &Context, session: &str, qid: u32, rating: Rating, out: &mut dyn Write) -> Result<()> {
    let store = Store::open_default()?;
    let sessions = load(ctx)?;
    let mut record = history::find(&sessions, session)?.clone();
    let asked: Vec<String> = record
        .items
        .iter()
        .map(|i| format!("Q{}", i.question_id))
        .collect();
    let item = record
        .items
        .iter_mut()
        .find(|i| i.question_id == qid)
        .ok_or_else(|| {
            Error::input(format!(
                "session {} did not ask Q{qid}; it asked {}",
                record.id,
                asked.join(", ")
            ))
        })?;
    if item.outcome == Outcome::Unanswered {
        return Err(Error::input(format!(
            "Q{qid} was not answered in session {}; there is nothing to rate",
            record.id
        )));
    }
    let suggested = crate::practice::rating_for_score(item.score());
    item.rating = Some(rating);
    store.replace(&record)?;
    writeln!(
        out,
        "rated Q{qid} of session {} {rating} (grill's score {} suggested {suggested})",
        record.id,
        whole(
            record
                .items
                .iter()
                .find(|i| i.question_id == qid)
                .map_or(0.0, ItemRecord::score)
        ),
    )?;
    Ok(())
}

/// Deletes the sessions `ids` after asking (in a terminal, unless `yes`).
fn delete(store: &Store, ids: &[String], yes: bool, out: &mut dyn Write) -> Result<()> {
    let n = ids.len();
    if !yes {
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Err(Error::input(format!(
                "deleting {n} session{} needs --yes when grill cannot ask in a terminal",
                plural(n)
            )));
        }
        let prompt = format!("Delete {n} session{} ({})?", plural(n), ids.join(", "));
        let answer = dialoguer::Confirm::new()
            .with_prompt(output::visible(&prompt).into_owned())
            .default(false)
            .interact_on_opt(&console::Term::stderr());
        match answer {
            Ok(Some(true)) => {}
            Ok(_) => {
                writeln!(out, "nothing deleted")?;
                return Ok(());
            }
            Err(e) => {
                let _ = console::Term::stderr().show_cursor();
                return Err(Error::Failed(format!(
                    "nothing deleted: cannot read the terminal ({e})"
                )));
            }
        }
    }
    for (done, id) in ids.iter().enumerate() {
        store.delete(id).map_err(|e| {
            Error::Failed(format!(
                "{e}; {done} of {n} sessions were deleted before it"
            ))
        })?;
        writeln!(out, "deleted {id}")?;
    }
    Ok(())
}

/// Imports `sessions` (already checked) into `store` and says what happened on `out`. Sessions
/// the history holds less far along are updated; a session whose id the history gives to a
/// different session is not imported and makes this an error (exit 1), as does a failure to
/// save, which says how many sessions had been saved before it.
pub fn import(
    store: &Store,
    sessions: &[SessionRecord],
    name: &str,
    out: &mut dyn Write,
) -> Result<()> {
    let (mut added, mut skipped) = (0, 0);
    let mut updated = Vec::new();
    let mut conflicts = Vec::new();
    for s in sessions {
        match store.import(s) {
            Ok(history::Imported::Added) => added += 1,
            Ok(history::Imported::AlreadyThere) => skipped += 1,
            Ok(history::Imported::Updated { was, now }) => updated.push(format!(
                "Updated {}: {} answered, {} (the history had {}, {}).",
                s.id,
                now.answered,
                view::status_label(now.status),
                was.answered,
                view::status_label(was.status)
            )),
            Ok(history::Imported::Conflict(why)) => conflicts.push(format!(
                "session {} in {name} was not imported: {why}",
                s.id
            )),
            Err(e) => {
                let mut done = format!("{added} session{} added", plural(added));
                if !updated.is_empty() {
                    done.push_str(&format!(" and {} updated", updated.len()));
                }
                return Err(Error::Failed(format!(
                    "{e}\n{done} from {name} before this; free the space or fix the folder and \
                     import the file again (sessions already in the history are skipped)"
                )));
            }
        }
    }
    let updates = if updated.is_empty() {
        String::new()
    } else {
        format!("; {} updated with a copy further along", updated.len())
    };
    writeln!(
        out,
        "Imported {added} session{} from {name}{updates}; {skipped} already in the history {} skipped.",
        plural(added),
        if skipped == 1 { "was" } else { "were" }
    )?;
    for line in &updated {
        writeln!(out, "{line}")?;
    }
    if !conflicts.is_empty() {
        return Err(Error::Failed(format!(
            "{}\nA different session already has that id in the history; to keep both, give the \
             one in {name} another id (letters, digits, - _ .) and import it again.",
            conflicts.join("\n")
        )));
    }
    Ok(())
}

/// The width the list is fitted to: the terminal's, or `COLUMNS` when set; with neither
/// (output to a file or a pipe), no limit, so every column is printed.
fn list_width() -> usize {
    if std::io::stdout().is_terminal() || std::env::var_os("COLUMNS").is_some() {
        output::stdout_width()
    } else {
        usize::MAX
    }
}

/// Loads every readable session from the default store, warning on stderr about each file that
/// cannot be read (with its path and line); those files are left as they are.
pub fn load(ctx: &Context) -> Result<Vec<SessionRecord>> {
    let loaded = Store::open_default()?.load()?;
    let theme = ctx.stderr_theme();
    for p in &loaded.problems {
        output::note(format_args!(
            "{} {} (skipped; fix or move the file, grill never changes it)",
            theme.warn("warning:"),
            output::visible(&p.to_string())
        ));
    }
    Ok(loaded.sessions)
}

/// The export document for `sessions`, pretty-printed, ending in a newline.
pub fn export(sessions: Vec<SessionRecord>, now: jiff::Timestamp) -> Result<String> {
    let doc = Export {
        format: EXPORT_FORMAT,
        kind: EXPORT_KIND.to_string(),
        exported_at: Some(now),
        sessions,
    };
    crate::output::json("the history export", &doc)
}

/// Parses a file to import: an export document, or a single session record (a file from the
/// sessions folder, or `grill start --json`). Every session is checked before any is saved.
pub fn parse_import(text: &str, name: &str) -> Result<Vec<SessionRecord>> {
    const HINT: &str = "import takes a file written by `grill history export`";
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        Error::input(format!(
            "{name}:{}:{}: corrupt JSON: {}; {HINT}",
            e.line(),
            e.column(),
            crate::error::without_position(&e.to_string())
        ))
    })?;
    let sessions = if value.get("kind").and_then(|k| k.as_str()) == Some(EXPORT_KIND) {
        if let Some(f) = value.get("format").and_then(|f| f.as_u64())
            && f > u64::from(EXPORT_FORMAT)
        {
            return Err(Error::input(format!(
                "{name}: written by a newer grill (export format {f}; this grill reads {EXPORT_FORMAT}); upgrade grill to import it"
            )));
        }
        let doc: Export = serde_json::from_str(text).map_err(|e| {
            Error::input(format!(
                "{name}:{}:{}: not a valid grill history export: {}",
                e.line(),
                e.column(),
                crate::error::without_position(&e.to_string())
            ))
        })?;
        doc.sessions
    } else if value.get("items").is_some() && value.get("id").is_some() {
        vec![
            history::parse_record(text)
                .map_err(|msg| Error::input(format!("{name}:{}", msg.trim_start())))?,
        ]
    } else {
        return Err(Error::input(format!(
            "{name}: not a grill history export (no \"kind\": \"{EXPORT_KIND}\"); {HINT}"
        )));
    };
    for (i, s) in sessions.iter().enumerate() {
        if s.format > RECORD_FORMAT {
            return Err(Error::input(format!(
                "{name}: session {} ({}) was written by a newer grill (record format {}; this grill reads {RECORD_FORMAT}); upgrade grill to import it",
                i + 1,
                s.id,
                s.format
            )));
        }
        // Ids become file names in the store: refuse anything that could leave the folder.
        if !crate::history::is_safe_id(&s.id) {
            return Err(Error::input(format!(
                "{name}: session {} has the id `{}`, which is not a safe file name (letters, digits, - _ . only); nothing was imported",
                i + 1,
                s.id
            )));
        }
    }
    Ok(sessions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_json_is_refused_with_a_hint() {
        let e = parse_import("{\"name\": \"left-pad\"}", "f.json").unwrap_err();
        assert!(
            e.to_string().contains("f.json: not a grill history export"),
            "{e}"
        );
        assert_eq!(e.exit(), Exit::BadInput);
        let e = parse_import("{\n  \"kind\": \"grill-history\",\n  oops", "f.json").unwrap_err();
        assert!(e.to_string().starts_with("f.json:3:"), "{e}");
        assert!(e.to_string().contains("corrupt JSON"), "{e}");
    }

    #[test]
    fn newer_exports_and_unsafe_ids_are_refused() {
        let e = parse_import(
            "{\"format\": 9, \"kind\": \"grill-history\", \"sessions\": []}",
            "f",
        )
        .unwrap_err();
        assert!(e.to_string().contains("newer grill"), "{e}");
        let doc = export(vec![], jiff::Timestamp::UNIX_EPOCH).unwrap();
        assert!(parse_import(&doc, "f").unwrap().is_empty());
    }
}
