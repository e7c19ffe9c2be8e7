//! The mock interview: drawing questions, the clock, the answer sources (the terminal with a
//! live countdown, or piped input), the engine that runs a session, and the rating screen
//! (`rating`) where the candidate rates an answer against the whole reference.
//!
//! The engine (`engine`) sees time only through a [`clock::Clock`] and answers only through an
//! [`input::AnswerSource`], so whole sessions, time limits and interruptions included, run in
//! tests with no terminal and no waiting.

pub mod clock;
pub mod decision;
pub mod draw;
pub mod durations;
pub mod engine;
pub mod input;
pub mod plan;
pub mod questions;
pub mod review;
pub mod signals;
