//! The readiness report (`grill report`) in each of its forms, all from one
//! [`crate::readiness::Readiness`] model: `text` for the terminal, `json`, `markdown` and the
//! `html` page.

pub mod html;
pub mod json;
pub mod markdown;
pub mod text;
