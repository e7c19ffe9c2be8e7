//! session (to be built).
