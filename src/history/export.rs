//! The history as one portable JSON document: `grill history export` writes it and `history
//! import` reads it back (or a single session record: a file of the sessions folder, or `grill
//! start --json`). The document carries a format version, so a newer grill's export is
//! recognised rather than misread, and every session is checked before any is saved.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

use super::record::{RECORD_FORMAT, SessionRecord};

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
            super::parse_record(text)
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
        if !super::is_safe_id(&s.id) {
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
    use crate::error::Exit;

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
