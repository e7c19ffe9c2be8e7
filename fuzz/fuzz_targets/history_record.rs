//! A saved session record: any file gives a record or a message, never a panic; a record it
//! accepts renders in the list and the replay, and saves back to the same record.
#![no_main]

use grill::output::Theme;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(record) = grill::history::parse_record(data) {
        let tz = jiff::tz::TimeZone::UTC;
        let mut out = Vec::new();
        grill::commands::history::list(
            std::slice::from_ref(&record),
            Theme::plain(),
            80,
            &tz,
            &mut out,
        )
        .unwrap();
        grill::commands::history::show(&record, Some(1), Theme::plain(), 80, &tz, &mut out)
            .unwrap();
        let saved = serde_json::to_string(&record).unwrap();
        assert_eq!(grill::history::parse_record(&saved).ok(), Some(record));
    }
});
