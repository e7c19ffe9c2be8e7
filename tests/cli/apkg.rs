//! Anki packages built by hand for the import tests: a schema 11 collection written with
//! rusqlite (note types and decks as the JSON Anki 2.1 keeps in `col`), zipped with `zip`, and
//! zips written byte by byte for the hostile cases (names `zip` would refuse to write, sizes that
//! lie, a deflate stream that inflates far past what it claims).

use std::io::Write;

/// A note for [`collection`]: its id, note type id, deck id, tags and fields.
pub struct Note<'a> {
    pub id: i64,
    pub mid: i64,
    pub deck: i64,
    pub tags: &'a str,
    pub fields: Vec<String>,
}

/// The note type ids [`collection`] defines: Basic (Front, Back), Cloze (Text, Back Extra) and
/// a type whose template asks its second field (Meaning, Word, Example).
pub const BASIC: i64 = 1001;
pub const CLOZE: i64 = 1002;
pub const VOCAB: i64 = 1003;

/// A schema 11 collection with the three note types, `decks` (id, name) and `notes`.
pub fn collection(decks: &[(i64, &str)], notes: &[Note]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.anki2");
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer,
           ver integer, dty integer, usn integer, ls integer, conf text, models text,
           decks text, dconf text, tags text);
         CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer,
           usn integer, tags text, flds text, sfld integer, csum integer, flags integer,
           data text);
         CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer,
           mod integer, usn integer, type integer, queue integer, due integer, ivl integer,
           factor integer, reps integer, lapses integer, left integer, odue integer,
           odid integer, flags integer, data text);",
    )
    .unwrap();
    let model = |name: &str, kind: i64, fields: &[&str], qfmt: &str, afmt: &str| {
        serde_json::json!({"name": name, "type": kind,
            "flds": fields.iter().map(|f| serde_json::json!({"name": f})).collect::<Vec<_>>(),
            "tmpls": [{"qfmt": qfmt, "afmt": afmt}]})
    };
    let models = serde_json::json!({
        BASIC.to_string(): model("Basic", 0, &["Front", "Back"], "{{Front}}", "{{FrontSide}}<hr id=answer>{{Back}}"),
        CLOZE.to_string(): model("Cloze", 1, &["Text", "Back Extra"], "{{cloze:Text}}", "{{cloze:Text}}<br>{{Back Extra}}"),
        VOCAB.to_string(): model("Vocab", 0, &["Meaning", "Word", "Example"], "{{Word}}", "{{FrontSide}}{{Meaning}}{{#Example}}<br>{{Example}}{{/Example}}"),
    });
    let decks: serde_json::Map<String, serde_json::Value> = decks
        .iter()
        .map(|(id, name)| (id.to_string(), serde_json::json!({"id": id, "name": name})))
        .collect();
    db.execute(
        "INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?1, ?2, '{}', '{}')",
        (
            models.to_string(),
            serde_json::Value::Object(decks).to_string(),
        ),
    )
    .unwrap();
    for n in notes {
        db.execute(
            "INSERT INTO notes VALUES (?1, 'g' || ?1, ?2, 0, 0, ?3, ?4, '', 0, 0, '')",
            (n.id, n.mid, n.tags, n.fields.join("\u{1f}")),
        )
        .unwrap();
        db.execute(
            "INSERT INTO cards VALUES (?1 + 1, ?1, ?2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
            (n.id, n.deck),
        )
        .unwrap();
    }
    drop(db);
    std::fs::read(&path).unwrap()
}

/// A database holding what `sql` creates, as bytes.
pub fn database(sql: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(sql)
        .unwrap();
    std::fs::read(&path).unwrap()
}

/// A zip of `entries` (name, bytes), deflated, written with the `zip` crate.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A zip written byte by byte: each entry's name, method (0 stored, 8 deflated), raw data and
/// the uncompressed size it claims (which may lie); the CRC is never checked by a reader that
/// stops early, and is 0.
pub fn raw_zip(entries: &[(&str, u16, &[u8], u32)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, claimed) in entries {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&method.to_le_bytes());
            h.extend_from_slice(&[0; 4]); // time, date
            h.extend_from_slice(&0u32.to_le_bytes()); // crc
            h.extend_from_slice(&(data.len() as u32).to_le_bytes());
            h.extend_from_slice(&claimed.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A raw deflate stream of about `mib` MiB of zero bytes in a few KiB per MiB: one literal 0,
/// then back-references of 258 bytes at distance 1 in fixed-Huffman blocks, never ended (a
/// reader must stop on its own cap, not on the stream's end).
pub fn deflate_bomb(mib: usize) -> Vec<u8> {
    let mut bits = Bits::default();
    bits.push(0, 1); // not the final block
    bits.push(1, 2); // fixed Huffman (BTYPE 01, written low bit first)
    bits.push_code(0b0011_0000, 8); // literal 0
    for _ in 0..(mib << 20) / 258 {
        bits.push_code(0b1100_0101, 8); // length code 285: 258 bytes
        bits.push_code(0, 5); // distance code 0: distance 1
    }
    bits.bytes
}

#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    /// Pushes `n` bits of `value`, least significant first (header fields).
    fn push(&mut self, value: u32, n: u32) {
        for i in 0..n {
            self.bit((value >> i) & 1);
        }
    }

    /// Pushes a Huffman code of `n` bits, most significant first.
    fn push_code(&mut self, code: u32, n: u32) {
        for i in (0..n).rev() {
            self.bit((code >> i) & 1);
        }
    }

    fn bit(&mut self, b: u32) {
        if self.used == 0 {
            self.bytes.push(0);
        }
        *self.bytes.last_mut().unwrap() |= (b as u8) << self.used;
        self.used = (self.used + 1) % 8;
    }
}
