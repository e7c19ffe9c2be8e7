//! A bank as an Anki package (`.apkg`) that Anki and AnkiDroid import: the legacy schema 11
//! collection (`collection.anki2`) that every Anki since 2.1 reads, written with the SQL and
//! JSON genanki writes (its `apkg_schema.py`, `apkg_col.py`, `model.py`, `deck.py`, `note.py`).
//!
//! One note a question on grill's own note type ("grill", fields Front, Back and Notes): the
//! prompt on the front, the bullets as an HTML list on the back, the notes under "Also worth
//! knowing". One sub-deck a chapter, `Bank title::Chapter title`. What makes a second import
//! update the first instead of adding a copy: each note's GUID is derived from the bank's title
//! and the question's id, and the note type and deck ids are fixed or derived, never random.

use std::io::{Cursor, Write};

use rusqlite::{Connection, params};
use serde_json::{Value, json};

use super::html::escape;
use crate::bank::{Bank, NOTES_HEADING};
use crate::error::{Error, Result};

/// grill's note type id: fixed, so every export uses the same note type in a collection.
pub const MODEL_ID: i64 = 1_607_392_319;

/// The note type's name in Anki.
pub const MODEL_NAME: &str = "grill";

/// The tables genanki creates (`apkg_schema.py`), as Anki 2.1's schema 11 has them.
const SCHEMA: &str = "
CREATE TABLE col (
    id integer primary key, crt integer not null, mod integer not null,
    scm integer not null, ver integer not null, dty integer not null,
    usn integer not null, ls integer not null, conf text not null,
    models text not null, decks text not null, dconf text not null, tags text not null
);
CREATE TABLE notes (
    id integer primary key, guid text not null, mid integer not null,
    mod integer not null, usn integer not null, tags text not null,
    flds text not null, sfld integer not null, csum integer not null,
    flags integer not null, data text not null
);
CREATE TABLE cards (
    id integer primary key, nid integer not null, did integer not null,
    ord integer not null, mod integer not null, usn integer not null,
    type integer not null, queue integer not null, due integer not null,
    ivl integer not null, factor integer not null, reps integer not null,
    lapses integer not null, left integer not null, odue integer not null,
    odid integer not null, flags integer not null, data text not null
);
CREATE TABLE revlog (
    id integer primary key, cid integer not null, usn integer not null,
    ease integer not null, ivl integer not null, lastIvl integer not null,
    factor integer not null, time integer not null, type integer not null
);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// The card's styling: readable on a phone, lists left-aligned.
const CSS: &str = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; \
background-color: white; }\n.card ul { text-align: left; display: inline-block; }\n\
.notes { margin-top: 1em; font-size: 16px; color: #555; }";

/// Writes `bank` as an `.apkg` to `out`; `now_ms` stamps the notes (Anki updates a note on
/// re-import when the incoming one is newer).
pub fn write(bank: &Bank, now_ms: i64, out: &mut dyn Write) -> Result<()> {
    let dir = tempfile::tempdir()
        .map_err(|e| Error::Failed(format!("cannot create a temporary folder: {e}")))?;
    let path = dir.path().join("collection.anki2");
    let failed =
        |e: rusqlite::Error| Error::Failed(format!("cannot write the Anki collection: {e}"));
    {
        let mut db = Connection::open(&path).map_err(failed)?;
        fill(&mut db, bank, now_ms).map_err(failed)?;
    }
    let collection = std::fs::read(&path).map_err(|e| Error::read(&path, e))?;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zipped = (|| -> zip::result::ZipResult<Vec<u8>> {
        zip.start_file("collection.anki2", options)?;
        zip.write_all(&collection)?;
        zip.start_file("media", options)?;
        zip.write_all(b"{}")?;
        Ok(zip.finish()?.into_inner())
    })()
    .map_err(|e| Error::Failed(format!("cannot write the Anki package: {e}")))?;
    out.write_all(&zipped)?;
    Ok(())
}

/// The collection's tables and rows.
fn fill(db: &mut Connection, bank: &Bank, now_ms: i64) -> rusqlite::Result<()> {
    let tx = db.transaction()?;
    tx.execute_batch(SCHEMA)?;
    let now = now_ms / 1000;
    let root = deck_id(&bank.title, "");
    let mut decks = serde_json::Map::new();
    decks.insert("1".into(), deck_json(1, "Default", ""));
    decks.insert(
        root.to_string(),
        deck_json(root, &bank.title, bank.description.as_deref().unwrap_or("")),
    );
    for c in &bank.chapters {
        let id = deck_id(&bank.title, &c.id);
        decks.insert(id.to_string(), deck_json(id, &deck_name(bank, c), ""));
    }
    let models = json!({ MODEL_ID.to_string(): model_json(now, root) });
    tx.execute(
        "INSERT INTO col VALUES(null, 1411124400, ?1, ?1, 11, 0, 0, 0, ?2, ?3, ?4, ?5, '{}')",
        params![
            now_ms,
            conf_json().to_string(),
            models.to_string(),
            Value::Object(decks).to_string(),
            dconf_json().to_string()
        ],
    )?;
    let mut next_id = now_ms;
    let mut due = 0;
    for c in &bank.chapters {
        let did = deck_id(&bank.title, &c.id);
        for q in &c.questions {
            let fields = [
                escape(&q.prompt),
                list(&q.bullets),
                if q.notes.is_empty() {
                    String::new()
                } else {
                    list(&q.notes)
                },
            ];
            let tags = if q.tags.is_empty() {
                String::new()
            } else {
                format!(" {} ", q.tags.join(" "))
            };
            let nid = next_id;
            next_id += 1;
            tx.execute(
                "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?)",
                params![
                    nid,
                    guid(&bank.title, q.id),
                    MODEL_ID,
                    now,
                    -1,
                    tags,
                    fields.join("\u{1f}"),
                    q.prompt,
                    0,
                    0,
                    ""
                ],
            )?;
            let cid = next_id;
            next_id += 1;
            due += 1;
            tx.execute(
                "INSERT INTO cards VALUES(?,?,?,0,?,-1,0,0,?,0,0,0,0,0,0,0,0,'')",
                params![cid, nid, did, now, due],
            )?;
        }
    }
    tx.commit()
}

/// `Bank title::Chapter title`, with `::` in either title (Anki's level separator) kept as a
/// level.
pub fn deck_name(bank: &Bank, chapter: &crate::bank::Chapter) -> String {
    format!("{}::{}", bank.title, chapter.title)
}

/// Items as an HTML list.
fn list(items: &[String]) -> String {
    let mut s = String::from("<ul>");
    for i in items {
        s.push_str("<li>");
        s.push_str(&escape(i));
        s.push_str("</li>");
    }
    s.push_str("</ul>");
    s
}

/// FNV-1a, 64 bits: stable across Rust versions and machines, as a GUID must be.
fn fnv(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The base-91 alphabet Anki and genanki write GUIDs in.
const BASE91: &[u8] =
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";

/// A question's note GUID: the same for the same bank title and question id in every export,
/// so Anki updates the note on a second import instead of adding another.
pub fn guid(title: &str, id: u32) -> String {
    let mut n = fnv(&format!("grill__{title}__{id}"));
    let mut out = Vec::new();
    while n > 0 {
        out.push(BASE91[(n % 91) as usize]);
        n /= 91;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A deck's id, derived from the bank's title and the chapter id (`""` for the bank's own
/// deck), in the range genanki suggests (2^30 to 2^31).
pub fn deck_id(title: &str, chapter: &str) -> i64 {
    let h = fnv(&format!("grill-deck__{title}__{chapter}"));
    (1i64 << 30) + i64::try_from(h % (1u64 << 30)).unwrap_or(0)
}

fn deck_json(id: i64, name: &str, desc: &str) -> Value {
    json!({
        "collapsed": false, "conf": 1, "desc": desc, "dyn": 0, "extendNew": 0,
        "extendRev": 50, "id": id, "lrnToday": [0, 0], "mod": 1425278051, "name": name,
        "newToday": [0, 0], "revToday": [0, 0], "timeToday": [0, 0], "usn": -1
    })
}

fn model_json(now: i64, deck: i64) -> Value {
    let field = |name: &str, ord: u32| {
        json!({"name": name, "ord": ord, "font": "Liberation Sans", "media": [],
               "rtl": false, "size": 20, "sticky": false})
    };
    json!({
        "css": CSS,
        "did": deck,
        "flds": [field("Front", 0), field("Back", 1), field("Notes", 2)],
        "id": MODEL_ID.to_string(),
        "latexPost": "\\end{document}",
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexsvg": false,
        "mod": now,
        "name": MODEL_NAME,
        "req": [[0, "all", [0]]],
        "sortf": 0,
        "tags": [],
        "tmpls": [{
            "name": "Card 1", "ord": 0, "qfmt": "{{Front}}",
            "afmt": format!("{{{{FrontSide}}}}\n\n<hr id=answer>\n\n{{{{Back}}}}{{{{#Notes}}}}<div class=notes><b>{NOTES_HEADING}</b>{{{{Notes}}}}</div>{{{{/Notes}}}}"),
            "bafmt": "", "bqfmt": "", "bfont": "", "bsize": 0, "did": null
        }],
        "type": 0,
        "usn": -1,
        "vers": []
    })
}

fn conf_json() -> Value {
    json!({
        "activeDecks": [1], "addToCur": true, "collapseTime": 1200, "curDeck": 1,
        "curModel": MODEL_ID.to_string(), "dueCounts": true, "estTimes": true, "newBury": true,
        "newSpread": 0, "nextPos": 1, "sortBackwards": false, "sortType": "noteFld", "timeLim": 0
    })
}

fn dconf_json() -> Value {
    json!({"1": {
        "autoplay": true, "id": 1,
        "lapse": {"delays": [10], "leechAction": 0, "leechFails": 8, "minInt": 1, "mult": 0},
        "maxTaken": 60, "mod": 0, "name": "Default",
        "new": {"bury": true, "delays": [1, 10], "initialFactor": 2500, "ints": [1, 4, 7],
                "order": 1, "perDay": 20, "separate": true},
        "replayq": true,
        "rev": {"bury": true, "ease4": 1.3, "fuzz": 0.05, "ivlFct": 1, "maxIvl": 36500,
                "minSpace": 1, "perDay": 100},
        "timer": 0, "usn": 0
    }})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_and_deck_ids_are_stable_and_distinct() {
        assert_eq!(guid("Python", 1), guid("Python", 1));
        assert_ne!(guid("Python", 1), guid("Python", 2));
        assert_ne!(guid("Python", 1), guid("Java", 1));
        assert!(guid("Python", 1).bytes().all(|b| BASE91.contains(&b)));
        let d = deck_id("Python", "oop");
        assert!(((1 << 30)..(1 << 31)).contains(&d));
        assert_ne!(d, deck_id("Python", "basics"));
    }
}
