//! The JSON bank loader: any input gives a bank or a list of problems, never a panic; a bank it
//! accepts renders, and survives export to either format and back unchanged.
#![no_main]

use grill::bank::{Format, json, text};
use grill::output::Theme;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(bank) = grill::bank::Bank::parse(data, "fuzz.json", Format::Json) {
        let again = json::to_string(&bank);
        assert_eq!(json::parse(&again, "again.json").ok(), Some(bank.clone()));
        let as_text = text::to_string(&bank);
        assert_eq!(text::parse(&as_text, "again.txt").ok(), Some(bank.clone()));
        let mut out = Vec::new();
        let all: Vec<usize> = (0..bank.chapters.len()).collect();
        grill::commands::bank::list(&bank, &all, 80, Theme::plain(), &mut out).unwrap();
        grill::commands::bank::chapters(&bank, 80, Theme::plain(), &mut out).unwrap();
        if let Some(first) = bank.questions().next() {
            grill::commands::bank::show(&bank, first.question.id, 80, Theme::plain(), &mut out)
                .unwrap();
        }
    }
});
