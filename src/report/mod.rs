//! report (to be built).

pub mod session;
