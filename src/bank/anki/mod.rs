//! Anki decks in and out. In: an `.apkg` (a shared deck) or `.colpkg` (a whole collection) is a
//! zip holding the collection, an SQLite database (`read`); each note becomes a question
//! (`notes`: the note type decides front and back; `cloze`; `html` turns fields into text and
//! lines). Out: a bank becomes an `.apkg` Anki imports (`write`), with stable GUIDs so that a
//! second import updates the notes.

mod cloze;
pub(crate) mod html;
mod notes;
mod proto;
mod read;
pub mod write;

use std::path::Path;

pub use read::{COLLECTION_CAP, FIELDS_CAP, NOTES_CAP};

use super::import::{Imported, Report, Skipped, build};
use crate::error::Result;
use crate::words::plural;

/// The first bytes of a zip file (a local file header).
pub const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// A field with cloze deletions as a prompt with blanks and its answers, both as text; `None`
/// when it has no deletion (for CSV exports of cloze notes).
pub(crate) fn cloze_split(field: &str) -> Option<(String, Vec<String>)> {
    let c = cloze::split(field)?;
    let answers = c.answers.iter().map(|a| html::parse(a).joined()).collect();
    Some((html::parse(&c.prompt).joined(), answers))
}

/// Reads the Anki package at `path` as a bank; `name` is how messages call the file.
pub fn import(path: &Path, name: &str) -> Result<Imported> {
    let collection = read::open(path, name)?;
    let mut report = Report {
        format: format!("an Anki package ({})", collection.entry),
        ..Report::default()
    };
    let mut cards = Vec::new();
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut cards_per_type: std::collections::HashMap<i64, usize> = Default::default();
    for note in &collection.notes {
        let deck = note
            .deck
            .and_then(|d| collection.decks.get(&d))
            .map(String::as_str)
            .unwrap_or("");
        let t = collection.note_types.get(&note.mid);
        match notes::card(note, t, deck, &mut report.media) {
            Ok(card) => {
                *cards_per_type.entry(note.mid).or_default() += 1;
                cards.push(card);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    report.skipped = skipped;
    if collection.notes.is_empty() {
        report.remarks.push("the collection holds no notes".into());
    }
    for (mid, n) in &cards_per_type {
        if let Some(t) = collection.note_types.get(mid)
            && t.fields.len() > 3
        {
            report.remarks.push(format!(
                "{n} note{} of type `{}` ({} fields): asked by its first card's question side, \
                 answered by the first field only its answer side shows, the other fields shown \
                 as notes",
                plural(*n),
                t.name,
                t.fields.len()
            ));
        }
    }
    let bank = build(cards, None, name, &mut report)?;
    Ok(Imported { bank, report })
}
