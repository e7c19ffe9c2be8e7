//! Opening an Anki package (`.apkg`, `.colpkg`): the zip, the collection inside it (SQLite,
//! zstd-compressed in `collection.anki21b`), and its note types, decks and notes, as plain data
//! for `notes` to turn into questions.
//!
//! The archive is untrusted, so every step is bounded. Entry names are checked before anything
//! is read (one that climbs out with `..` or is absolute refuses the archive, though grill never
//! writes an entry to disk by its name); the collection is inflated through a cap, so a small
//! zip that inflates to gigabytes stops at [`COLLECTION_CAP`]; the inflated file must start with
//! SQLite's header; it is opened read-only with `trusted_schema` off, and the tables read must be
//! tables (a view could run any query); queries are plain scans; a note's fields are capped at
//! [`FIELDS_CAP`] and the notes at [`NOTES_CAP`].

use std::collections::HashMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use serde::Deserialize;

use super::proto;
use crate::error::{Error, Result};

/// The largest collection grill inflates: far above a text deck of 100,000 notes.
pub const COLLECTION_CAP: u64 = 256 << 20;
/// The most bytes a note's fields may hold together; a larger note is skipped and reported.
pub const FIELDS_CAP: usize = 1 << 20;
/// The most notes a package may hold.
pub const NOTES_CAP: usize = 200_000;

/// A note type: its name, whether it is a cloze type, its fields and its first card template.
#[derive(Debug, Clone, Default)]
pub struct NoteType {
    /// Its name ("Basic", "Cloze", ...).
    pub name: String,
    /// Cloze type (kind 1).
    pub cloze: bool,
    /// Field names, by position.
    pub fields: Vec<String>,
    /// The first template's question format.
    pub qfmt: String,
    /// The first template's answer format.
    pub afmt: String,
}

/// One note as stored: its id, note type id, tags, fields and deck.
#[derive(Debug, Clone)]
pub struct RawNote {
    /// The note's id.
    pub id: i64,
    /// Its note type's id.
    pub mid: i64,
    /// Tags, space-separated.
    pub tags: String,
    /// Fields split at `\x1f`, or their size in bytes when it is over [`FIELDS_CAP`].
    pub fields: std::result::Result<Vec<String>, usize>,
    /// The deck of its first card (its home deck when the card sits in a filtered deck).
    pub deck: Option<i64>,
}

/// What a collection holds, read.
#[derive(Debug, Default)]
pub struct Collection {
    /// The entry it was read from (`collection.anki21b`, ...).
    pub entry: String,
    /// Note types by id.
    pub note_types: HashMap<i64, NoteType>,
    /// Deck names by id, `::` between levels.
    pub decks: HashMap<i64, String>,
    /// Notes, oldest first.
    pub notes: Vec<RawNote>,
}

/// The collection entries grill reads, newest format first: a package written by Anki 2.1.50+
/// holds `collection.anki21b` beside a stub `collection.anki2` that only says to update Anki.
const ENTRIES: &[&str] = &[
    "collection.anki21b",
    "collection.anki21",
    "collection.anki2",
];

fn bad(name: &str, what: impl std::fmt::Display) -> Error {
    Error::input(format!("{name}: {what}"))
}

/// Reads the package at `path`; `name` is how messages call it.
pub fn open(path: &Path, name: &str) -> Result<Collection> {
    let file = File::open(path).map_err(|e| Error::read(path, e))?;
    let mut zip = zip::ZipArchive::new(file).map_err(|e| {
        bad(
            name,
            format!("not a readable zip archive ({e}); an Anki package (.apkg, .colpkg) is a zip"),
        )
    })?;
    check_names(&zip, name)?;
    let Some(entry) = ENTRIES
        .iter()
        .find(|e| zip.index_for_name(e).is_some())
        .copied()
    else {
        return Err(bad(
            name,
            "a zip with no collection.anki2, collection.anki21 or collection.anki21b inside: \
             not an Anki package (export the deck from Anki with File > Export, \
             \"Anki Deck Package\")",
        ));
    };
    let db = tempfile::NamedTempFile::new()
        .map_err(|e| Error::Failed(format!("cannot create a temporary file: {e}")))?;
    inflate(&mut zip, entry, db.path(), name)?;
    let mut collection = read_db(db.path(), name, entry)?;
    collection.entry = entry.to_string();
    Ok(collection)
}

/// Refuses an archive with an entry name that is absolute or climbs out with `..`.
fn check_names(zip: &zip::ZipArchive<File>, name: &str) -> Result<()> {
    for entry in zip.file_names() {
        let entry = entry.map_err(|e| bad(name, format!("an entry name cannot be read ({e})")))?;
        let climbs = entry.split(['/', '\\']).any(|part| part == "..")
            || entry.starts_with(['/', '\\'])
            || entry.as_bytes().get(1) == Some(&b':');
        if climbs {
            return Err(bad(
                name,
                format!(
                    "the archive holds an entry named `{}`, a path outside the archive; an Anki \
                     package holds plain names only, so this file was not made by Anki and was \
                     not read",
                    entry.escape_debug()
                ),
            ));
        }
    }
    Ok(())
}

/// Copies the collection entry into `to`, decompressing zstd for `collection.anki21b`, never
/// more than [`COLLECTION_CAP`] bytes; then checks it is an SQLite database.
fn inflate(zip: &mut zip::ZipArchive<File>, entry: &str, to: &Path, name: &str) -> Result<()> {
    let mut file = zip
        .by_name(entry)
        .map_err(|e| bad(name, format!("cannot read {entry}: {e}")))?;
    if file.size() > COLLECTION_CAP {
        return Err(too_big(name, entry));
    }
    let mut out = File::create(to).map_err(|e| Error::write(to, e))?;
    let copied = if entry.ends_with('b') {
        let decoder = zstd::stream::read::Decoder::new(&mut file)
            .map_err(|e| bad(name, format!("cannot decompress {entry}: {e}")))?;
        copy_capped(decoder, &mut out)
    } else {
        copy_capped(&mut file, &mut out)
    };
    let copied = copied.map_err(|e| {
        bad(
            name,
            format!(
                "{entry} is damaged or not what it claims ({e}); export the deck from Anki again"
            ),
        )
    })?;
    if copied > COLLECTION_CAP {
        return Err(too_big(name, entry));
    }
    out.flush().map_err(|e| Error::write(to, e))?;
    let mut head = [0u8; 16];
    let header_ok = File::open(to)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && &head == b"SQLite format 3\0";
    if !header_ok {
        return Err(bad(
            name,
            format!(
                "{entry} inside is not an SQLite database, so this is not a deck Anki wrote; \
                 export it from Anki again"
            ),
        ));
    }
    Ok(())
}

fn too_big(name: &str, entry: &str) -> Error {
    bad(
        name,
        format!(
            "{entry} inflates to more than {} MiB, more than any text deck needs (a zip bomb?); \
             not read",
            COLLECTION_CAP >> 20
        ),
    )
}

/// Copies at most `COLLECTION_CAP + 1` bytes, returning how many were copied.
fn copy_capped(from: impl Read, to: &mut File) -> std::io::Result<u64> {
    std::io::copy(&mut from.take(COLLECTION_CAP + 1), to)
}

/// Reads note types, decks and notes from the collection database.
fn read_db(path: &Path, name: &str, entry: &str) -> Result<Collection> {
    let damaged = |e: rusqlite::Error| {
        bad(
            name,
            format!("{entry} cannot be read as an Anki collection ({e}); export the deck again"),
        )
    };
    let db = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    db.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;")
        .map_err(damaged)?;
    // Schema 18 declares names `COLLATE unicase` (Anki's case-insensitive order), and SQLite
    // refuses to read such a table without the collation.
    db.create_collation("unicase", |a, b| a.to_lowercase().cmp(&b.to_lowercase()))
        .map_err(damaged)?;
    let tables = tables(&db).map_err(damaged)?;
    for needed in ["col", "notes", "cards"] {
        if !tables.contains(&needed.to_string()) {
            return Err(bad(
                name,
                format!("{entry} has no `{needed}` table, so it is not an Anki collection"),
            ));
        }
    }
    let modern = ["notetypes", "fields", "templates", "decks"]
        .iter()
        .all(|t| tables.contains(&t.to_string()));
    let (note_types, decks) = if modern {
        (
            modern_note_types(&db).map_err(damaged)?,
            modern_decks(&db).map_err(damaged)?,
        )
    } else {
        legacy_types_and_decks(&db, name, &damaged)?
    };
    Ok(Collection {
        entry: String::new(),
        note_types,
        decks,
        notes: notes(&db, name, &damaged)?,
    })
}

/// The names of the database's tables (views are not tables: reading one could run anything).
fn tables(db: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?;
    let names = st.query_map([], |r| r.get::<_, String>(0))?;
    names.collect()
}

/// Schema 11 keeps note types and decks as JSON in the `col` row.
#[derive(Deserialize)]
struct LegacyModel {
    #[serde(default)]
    name: String,
    #[serde(default, rename = "type")]
    kind: i64,
    #[serde(default)]
    flds: Vec<LegacyField>,
    #[serde(default)]
    tmpls: Vec<LegacyTemplate>,
}

#[derive(Deserialize)]
struct LegacyField {
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct LegacyTemplate {
    #[serde(default)]
    qfmt: String,
    #[serde(default)]
    afmt: String,
}

#[derive(Deserialize)]
struct LegacyDeck {
    #[serde(default)]
    name: String,
}

/// How a database error is reported: the file, the entry and what to do.
type Damaged<'a> = &'a dyn Fn(rusqlite::Error) -> Error;

/// Note types and deck names by id.
type TypesAndDecks = (HashMap<i64, NoteType>, HashMap<i64, String>);

fn legacy_types_and_decks(db: &Connection, name: &str, damaged: Damaged) -> Result<TypesAndDecks> {
    let (models, decks) = db
        .query_row("SELECT models, decks FROM col LIMIT 1", [], |r| {
            Ok((text(r, 0)?, text(r, 1)?))
        })
        .map_err(damaged)?;
    let json_err = |what: &str, e: serde_json::Error| {
        bad(
            name,
            format!("the collection's {what} are not readable JSON ({e}); export the deck again"),
        )
    };
    let models: HashMap<String, LegacyModel> = if models.trim().is_empty() {
        HashMap::new()
    } else {
        serde_json::from_str(&models).map_err(|e| json_err("note types", e))?
    };
    let decks: HashMap<String, LegacyDeck> = if decks.trim().is_empty() {
        HashMap::new()
    } else {
        serde_json::from_str(&decks).map_err(|e| json_err("decks", e))?
    };
    let types = models
        .into_iter()
        .filter_map(|(id, m)| {
            let first = m.tmpls.into_iter().next();
            Some((
                id.parse().ok()?,
                NoteType {
                    name: m.name,
                    cloze: m.kind == 1,
                    fields: m.flds.into_iter().map(|f| f.name).collect(),
                    qfmt: first.as_ref().map(|t| t.qfmt.clone()).unwrap_or_default(),
                    afmt: first.map(|t| t.afmt).unwrap_or_default(),
                },
            ))
        })
        .collect();
    let decks = decks
        .into_iter()
        .filter_map(|(id, d)| Some((id.parse().ok()?, d.name)))
        .collect();
    Ok((types, decks))
}

/// Schema 18 (`collection.anki21b`) keeps note types in tables, settings as protobuf.
fn modern_note_types(db: &Connection) -> rusqlite::Result<HashMap<i64, NoteType>> {
    let mut types: HashMap<i64, NoteType> = HashMap::new();
    let mut st = db.prepare("SELECT id, name, config FROM notetypes")?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, text(r, 1)?, r.get::<_, Vec<u8>>(2)?))
    })?;
    for row in rows {
        let (id, name, config) = row?;
        let cloze = proto::number(&config, 1) == Some(1);
        types.insert(
            id,
            NoteType {
                name,
                cloze,
                ..NoteType::default()
            },
        );
    }
    let mut st = db.prepare("SELECT ntid, name FROM fields ORDER BY ntid, ord")?;
    for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, text(r, 1)?)))? {
        let (id, field) = row?;
        if let Some(t) = types.get_mut(&id) {
            t.fields.push(field);
        }
    }
    let mut st = db.prepare("SELECT ntid, config FROM templates ORDER BY ntid, ord")?;
    for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))? {
        let (id, config) = row?;
        if let Some(t) = types.get_mut(&id).filter(|t| t.qfmt.is_empty()) {
            t.qfmt = proto::text(&config, 1).unwrap_or_default();
            t.afmt = proto::text(&config, 2).unwrap_or_default();
        }
    }
    Ok(types)
}

/// Schema 18's decks; their names separate levels with `\x1f` where the JSON had `::`.
fn modern_decks(db: &Connection) -> rusqlite::Result<HashMap<i64, String>> {
    let mut st = db.prepare("SELECT id, name FROM decks")?;
    let rows = st.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, text(r, 1)?.replace('\u{1f}', "::")))
    })?;
    rows.collect()
}

/// A text column read whatever its storage class (text or blob), invalid UTF-8 replaced.
fn text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// Every note, oldest first, with the deck of its first card; the fields of a note over
/// [`FIELDS_CAP`] are not loaded.
fn notes(db: &Connection, name: &str, damaged: Damaged) -> Result<Vec<RawNote>> {
    notes_or_sqlite_error(db, name).map_err(damaged)?
}

fn notes_or_sqlite_error(db: &Connection, name: &str) -> rusqlite::Result<Result<Vec<RawNote>>> {
    let mut decks: HashMap<i64, i64> = HashMap::new();
    let mut st = db.prepare(
        "SELECT nid, CASE WHEN odid != 0 THEN odid ELSE did END FROM cards ORDER BY nid, ord",
    )?;
    for row in st.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
        let (nid, did) = row?;
        decks.entry(nid).or_insert(did);
    }
    let cap = i64::try_from(FIELDS_CAP).unwrap_or(i64::MAX);
    let mut st = db.prepare(
        "SELECT id, mid, tags, CASE WHEN length(CAST(flds AS BLOB)) > ?1 THEN NULL ELSE flds END,
                length(CAST(flds AS BLOB))
         FROM notes ORDER BY id",
    )?;
    let rows = st.query_map([cap], |r| {
        let size: i64 = r.get::<_, Option<i64>>(4)?.unwrap_or(0);
        let fields = match r.get_ref(3)? {
            rusqlite::types::ValueRef::Null if size > cap => {
                Err(usize::try_from(size).unwrap_or(usize::MAX))
            }
            _ => Ok(text(r, 3)?.split('\u{1f}').map(str::to_string).collect()),
        };
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            text(r, 2)?,
            fields,
        ))
    })?;
    let mut notes = Vec::new();
    for row in rows {
        let (id, mid, tags, fields) = row?;
        if notes.len() == NOTES_CAP {
            return Ok(Err(bad(
                name,
                format!(
                    "more than {NOTES_CAP} notes; grill reads decks up to that size (split the \
                     deck in Anki and export a part)"
                ),
            )));
        }
        notes.push(RawNote {
            id,
            mid,
            tags,
            fields,
            deck: decks.get(&id).copied(),
        });
    }
    Ok(Ok(notes))
}
