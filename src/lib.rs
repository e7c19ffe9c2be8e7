//! grill: a terminal mock-interview simulator.
//!
//! The flow mirrors the modules: a [`bank`] of questions is drawn from and asked by the
//! `session` engine, each answer is scored by the pure `scoring` module, sessions are kept by
//! `history` and summed up by `report`. [`run`] is the whole program behind `main`, so tests
//! can call it too.

pub mod bank;
pub mod cli;
pub mod commands;
pub mod error;
pub mod fsrs;
pub mod history;
pub mod output;
pub mod pager;
pub mod practice;
pub mod report;
pub mod scoring;
pub mod session;

use std::io::Write;

use cli::{Cli, Command};
use commands::Context;
pub use error::{Error, Exit, Result};

/// Runs grill with parsed arguments, writing results to `out`. Returns the exit status.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Exit> {
    let ctx = Context {
        bank_path: cli.bank.clone(),
        color: cli.color,
    };
    let exit = match &cli.command {
        None => commands::start::run(&ctx, &cli.start, out)?,
        Some(Command::Start(args)) => commands::start::run(&ctx, args, out)?,
        Some(Command::Study(args)) => commands::study::run(&ctx, args, out)?,
        Some(Command::Review(args)) => commands::review::run(&ctx, args, out)?,
        Some(Command::Score(args)) => commands::score::run(&ctx, args, out)?,
        Some(Command::Report(args)) => commands::report::run(&ctx, args, out)?,
        Some(Command::History(args)) => commands::history::run(&ctx, args, out)?,
        Some(Command::Bank(args)) => commands::bank::run(&ctx, &args.command, out)?,
        Some(Command::Completions { shell }) => commands::completions::run(*shell, out)?,
        Some(Command::Man { command, dir }) => commands::man::run(command, dir.as_deref(), out)?,
    };
    out.flush()?;
    Ok(exit)
}
