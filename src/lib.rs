//! grill: a terminal mock-interview simulator.
//!
//! The flow mirrors the modules: a [`bank`] of questions is drawn from and asked by the
//! `session` engine, each answer is scored by the pure `scoring` module, sessions are kept by
//! `history`, summed up by `readiness` and rendered by `view`. [`run`] is the whole program
//! behind `main`, so tests can call it too.

pub mod bank;
pub mod batch;
pub mod cli;
pub mod commands;
pub mod config;
pub mod error;
pub mod fsrs;
pub mod history;
pub mod output;
pub mod pager;
pub mod practice;
pub mod readiness;
pub mod scoring;
pub mod session;
pub mod time;
pub mod ui;
pub mod view;
pub mod voice;
pub mod words;

use std::io::Write;

use commands::Context;
use config::{Command, Config};
pub use error::{Error, Exit, Result};

/// Runs grill with checked arguments (see [`config::Config::from_cli`]), writing results to
/// `out`. Returns the exit status.
pub fn run(config: Config, out: &mut dyn Write) -> Result<Exit> {
    let ctx = Context {
        bank_path: config.bank,
        color: config.color,
    };
    let exit = match &config.command {
        Command::Start(plan) => commands::start::run(&ctx, plan, out)?,
        Command::Study(plan) => commands::study::run(&ctx, plan, out)?,
        Command::Review(plan) => commands::review::run(&ctx, plan, out)?,
        Command::Score(plan) => commands::score::run(&ctx, plan, out)?,
        Command::Report(plan) => commands::report::run(&ctx, plan, out)?,
        Command::Schedule(plan) => commands::schedule::run(&ctx, plan, out)?,
        Command::Undo(plan) => commands::undo::run(&ctx, plan, out)?,
        Command::History(plan) => commands::history::run(&ctx, plan, out)?,
        Command::Bank(plan) => commands::bank::run(&ctx, plan, out)?,
        Command::Transcribe(plan) => commands::voice::transcribe(plan, out)?,
        Command::Voice(plan) => commands::voice::run(&ctx, plan, out)?,
        Command::Completions(shell) => commands::completions::run(*shell, out)?,
        Command::Man { command, dir } => commands::man::run(command, dir.as_deref(), out)?,
    };
    out.flush()?;
    Ok(exit)
}
