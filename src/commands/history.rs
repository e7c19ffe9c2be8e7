//! `grill history`: list, replay, export and import saved sessions.
//!
//! The listing and the replay are views (`view::history`, sessions in, text out) so tests
//! need no store; export and import use one JSON document with a format version, so a history
//! can move between machines and a newer grill's export is recognised rather than misread.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::config::{HistoryPlan, ShowForm};
use crate::error::{Error, Exit, Result};
use crate::fsrs::Rating;
use crate::history::export::{export, parse_import};
use crate::history::record::{ItemRecord, Outcome, SessionRecord};
use crate::history::{self, Store};
use crate::output;
use crate::readiness::whole;
use crate::words::plural;

use super::Context;
use crate::view::history as view;

/// Runs a `grill history` subcommand.
pub fn run(ctx: &Context, plan: &HistoryPlan, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    let tz = jiff::tz::TimeZone::system();
    match plan {
        HistoryPlan::Path => {
            writeln!(out, "{}", Store::open_default()?.sessions_dir().display())?;
        }
        HistoryPlan::List { json } => {
            let sessions = super::load_history(ctx, &Store::open_default()?)?;
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
            let sessions = super::load_history(ctx, &Store::open_default()?)?;
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
            let sessions = super::load_history(ctx, &Store::open_default()?)?;
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
            let ids = selected(
                &super::load_history(ctx, &Store::open_default()?)?,
                sessions,
            )?;
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
    let ids: Vec<String> = super::load_history(ctx, &Store::open_default()?)?
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
    let sessions = super::load_history(ctx, &Store::open_default()?)?;
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
