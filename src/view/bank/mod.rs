//! The bank views of `grill bank`: the question list, one question, the chapters, the library.
//! The JSON shapes are in `view::json`.

pub mod chapters;
pub mod library;
pub mod list;
pub mod show;
