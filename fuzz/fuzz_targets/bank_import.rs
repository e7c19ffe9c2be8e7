//! The importers of text formats (Markdown notes, CSV/TSV, Anki's plain-text export with its
//! HTML and cloze fields): any input gives a bank or a list of problems, never a panic, and a
//! bank they give is one grill accepts (its JSON export loads back unchanged).
#![no_main]

use grill::bank::{import, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    for ext in ["md", "csv", "tsv", "txt"] {
        if let Ok(imported) = import::read_text(data, "fuzz", ext) {
            let again = json::to_string(&imported.bank);
            assert_eq!(json::parse(&again, "again.json").ok(), Some(imported.bank));
        }
    }
});
