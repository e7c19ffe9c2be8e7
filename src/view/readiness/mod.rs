//! The readiness report (`grill report`) in each of its forms, all from one
//! [`crate::readiness::Readiness`] model: `text` for the terminal, `json`, `markdown` and the
//! `html` page.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

/// The forms of `grill report` on stdout (`cli` gives it clap's value parsing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// For the terminal (bars and colour when it is one).
    #[default]
    Text,
    /// Machine-readable.
    Json,
    /// To paste into notes.
    Markdown,
}
