//! Saved sessions: the record format, where history lives, saving and loading.

pub mod record;
