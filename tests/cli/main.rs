//! The integration tests: one binary (one link) with a module per area, all running grill
//! through `common`.

mod common;

mod bank;
mod bank_props;
mod batch;
mod conventions;
mod escapes;
mod help;
mod history;
mod notes;
mod pty;
mod report;
mod score;
mod session;
mod streams;
mod study;
mod voice;
mod widths;
