//! The old paths of the reports, kept so callers written against them (the integration tests)
//! go on working while they move: the readiness model is now [`crate::readiness`] and every
//! rendering lives in [`crate::view`]. New code imports from there.

pub use crate::readiness::{Filter, Options, Readiness, Thresholds, Verdict, build};
pub use crate::view::readiness::{ReportFormat, text};
pub use crate::view::{session, sheet, spark};

/// The readiness model under its old name.
pub mod model {
    pub use crate::readiness::*;
}

/// The Markdown form as a string (the view writes to a stream).
pub mod markdown {
    use crate::readiness::Readiness;
    pub use crate::view::readiness::markdown::{cell, code, text};

    /// The whole report as Markdown.
    pub fn render(r: &Readiness) -> String {
        let mut buf = Vec::new();
        // Writing to a Vec cannot fail, and the view writes UTF-8.
        let _ = crate::view::readiness::markdown::render(r, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }
}

/// The HTML page as a string (the view writes to a stream).
pub mod html {
    use crate::readiness::Readiness;
    pub use crate::view::readiness::html::escape;

    /// The whole page.
    pub fn render(r: &Readiness) -> String {
        let mut buf = Vec::new();
        // Writing to a Vec cannot fail, and the view writes UTF-8.
        let _ = crate::view::readiness::html::render(r, &mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }
}

/// The JSON form as a string (the view writes to a stream).
pub mod json {
    use crate::readiness::Readiness;

    /// The report as pretty-printed JSON, ending in a newline.
    pub fn to_string(r: &Readiness) -> crate::Result<String> {
        crate::output::json("the report", r)
    }
}
