//! A saved session record: any file gives a record or a message, never a panic; a record it
//! accepts renders in the list and the replay, and saves back to the same record.
#![no_main]

use grill::output::Theme;
use grill::view::history as view;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Ok(record) = grill::history::parse_record(data) {
        let tz = jiff::tz::TimeZone::UTC;
        let mut out = Vec::new();
        let summary = grill::history::Summary::of(&record);
        let listing = view::list::Listing {
            sessions: std::slice::from_ref(&summary),
            tz: &tz,
        };
        view::list::render(&listing, Theme::plain(), 80, &mut out).unwrap();
        let replay = view::show::Replay {
            session: &record,
            number: Some(1),
            tz: &tz,
        };
        view::show::render(&replay, Theme::plain(), 80, &mut out).unwrap();
        let saved = serde_json::to_string(&record).unwrap();
        assert_eq!(grill::history::parse_record(&saved).ok(), Some(record));
    }
});
