//! The integration tests: one binary (one link) with a module per area, all running grill
//! through `common`.

mod common;

mod anki;
mod apkg;
mod architecture;
mod bank;
mod bank_content;
mod bank_import;
mod bank_library;
mod bank_props;
mod batch;
mod conventions;
mod escapes;
mod help;
mod history;
mod notes;
mod optimize;
mod preparation;
mod pty;
mod report;
mod report_history;
mod score;
mod session;
mod store;
mod streams;
mod study;
mod undo;
mod voice;
mod widths;
