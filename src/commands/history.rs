//! `grill history`: list, replay, export and import saved sessions.
//!
//! The listing and the replay are views (`view::history`, sessions in, text out) so tests
//! need no store; export and import use one JSON document with a format version, so a history
//! can move between machines and a newer grill's export is recognised rather than misread.

use std::io::{IsTerminal, Write};

use crate::config::{HistoryPlan, ShowForm};
use crate::error::{Error, Exit, Result};
use crate::fsrs::Rating;
use crate::history::export::{export, parse_import};
use crate::history::record::{RatedBy, SessionRecord};
use crate::history::{self, Detail, Store};
use crate::output;
use crate::readiness::whole;
use crate::words::plural;

use super::Context;
use crate::view::history as view;

/// Runs a `grill history` subcommand.
pub fn run(ctx: &Context, plan: &HistoryPlan, out: &mut dyn Write) -> Result<Exit> {
    let theme = ctx.stdout_theme();
    let tz = crate::time::zone();
    if let HistoryPlan::Path = plan {
        writeln!(
            out,
            "{}",
            history::data_dir()?.join(history::DB_FILE).display()
        )?;
        return Ok(Exit::Ok);
    }
    let store = super::open_store(ctx)?;
    match plan {
        HistoryPlan::Path => {}
        HistoryPlan::List { json } => {
            let sessions = store.summaries()?;
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
            let (s, number) = store.select(id)?;
            show(&s, number, *form, theme, &tz, out)?;
        }
        HistoryPlan::Export => {
            let sessions = store.all_sessions()?;
            let n = sessions.len();
            out.write_all(export(sessions, crate::time::now())?.as_bytes())?;
            output::note(format_args!(
                "{}",
                ctx.stderr_theme()
                    .dim(&format!("exported {n} session{}", plural(n)))
            ));
        }
        HistoryPlan::Import(file) => {
            let text = crate::error::read_text_file(file, "a history export")?;
            let name = crate::error::source_name(file);
            let sessions = parse_import(&text, &name)?;
            import(&store, &sessions, &name, out)?;
        }
        HistoryPlan::Rate {
            session,
            question,
            rating,
        } => rate(&store, session, *question, *rating, out)?,
        HistoryPlan::Backup(file) => {
            let n = store.count()?;
            store.backup(file)?;
            writeln!(
                out,
                "Copied the history ({n} session{}) to {}.",
                plural(n),
                file.display()
            )?;
        }
        HistoryPlan::Delete { sessions, yes } => {
            let ids = selected(&store, sessions)?;
            delete(&store, &ids, *yes, out)?;
        }
        HistoryPlan::PruneEmpty { yes } => prune_empty(&store, *yes, out)?,
    }
    Ok(Exit::Ok)
}

/// `grill history show`: the replay, the study sheet, or the record as saved.
fn show(
    s: &SessionRecord,
    number: usize,
    form: ShowForm,
    theme: output::Theme,
    tz: &jiff::tz::TimeZone,
    out: &mut dyn Write,
) -> Result<()> {
    match form {
        // The record as saved: `history import` takes it back.
        ShowForm::Json => crate::view::json::write(s, out)?,
        ShowForm::Markdown => {
            let sheet = crate::view::sheet::Sheet { session: s, tz };
            crate::view::sheet::render(&sheet, out)?
        }
        ShowForm::Text => {
            let replay = view::show::Replay {
                session: s,
                number: Some(number),
                tz,
            };
            view::show::render(&replay, theme, output::stdout_width(), out)?;
        }
    }
    Ok(())
}

/// The ids of the sessions `selectors` name, each once. Every selector is resolved before
/// anything is deleted, so list numbers given together mean what `grill history` showed, and
/// one typo deletes nothing.
fn selected(store: &Store, selectors: &[String]) -> Result<Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    for sel in selectors {
        let id = store.find(sel)?.id;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// `grill history prune --empty`: deletes the sessions in which nothing was answered.
fn prune_empty(store: &Store, yes: bool, out: &mut dyn Write) -> Result<()> {
    let mut ids: Vec<String> = Vec::new();
    store.each_session(None, Detail::Whole, &mut |s| {
        if s.is_empty() {
            ids.push(s.id);
        }
        Ok(())
    })?;
    if ids.is_empty() {
        writeln!(out, "no empty sessions in {}", store.db_path().display())?;
        Ok(())
    } else {
        delete(store, &ids, yes, out)
    }
}

/// `grill history rate`: saves the candidate's rating of one answer.
fn rate(store: &Store, session: &str, qid: u32, rating: Rating, out: &mut dyn Write) -> Result<()> {
    let record = store.pick(session)?;
    let Some(position) = record.items.iter().position(|i| i.question_id == qid) else {
        let asked: Vec<String> = record
            .items
            .iter()
            .map(|i| format!("Q{}", i.question_id))
            .collect();
        return Err(Error::input(format!(
            "session {} did not ask Q{qid}; it asked {}",
            record.id,
            asked.join(", ")
        )));
    };
    let rated = store.rate(
        &record.id,
        position,
        rating,
        RatedBy::You,
        crate::time::now(),
    )?;
    let suggested = crate::practice::rating_for_score(rated.score);
    writeln!(
        out,
        "rated Q{qid} of session {} {rating} (grill's score {} suggested {suggested})",
        record.id,
        whole(rated.score),
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
        // The ids on lines of their own: a prompt wider than the terminal is drawn twice.
        let listed = format!("To delete: {}", ids.join(", "));
        output::note_wrapped(&output::visible(&listed), |l| l.to_string());
        let prompt = format!("Delete {n} session{}?", plural(n));
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
    let done = store.import(sessions, crate::time::now()).map_err(|e| {
        Error::Failed(format!(
            "{e}\nNothing from {name} was imported; fix that and import the file again"
        ))
    })?;
    for (s, what) in sessions.iter().zip(done) {
        match what {
            history::Imported::Added => added += 1,
            history::Imported::AlreadyThere => skipped += 1,
            history::Imported::Updated { was, now } if was == now => updated.push(format!(
                "Updated {}: ratings the history lacked were added.",
                s.id
            )),
            history::Imported::Updated { was, now } => updated.push(format!(
                "Updated {}: {} answered, {} (the history had {}, {}).",
                s.id,
                now.answered,
                view::status_label(now.status),
                was.answered,
                view::status_label(was.status)
            )),
            history::Imported::Conflict(why) => conflicts.push(format!(
                "session {} in {name} was not imported: {why}",
                s.id
            )),
        }
    }
    let updates = if updated.is_empty() {
        String::new()
    } else {
        format!("; {} updated with what they lacked", updated.len())
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
