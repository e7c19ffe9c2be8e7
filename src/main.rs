//! The `grill` binary: parse arguments, check them, run (through the pager when the checked
//! command asks for one), print the error, exit with its code.

use std::io::Write;
use std::process::ExitCode;

use grill::config::Config;
use grill::{Exit, Result};

// mimalloc: the batch scorer allocates many small strings per answer; the system allocator cost
// about a fifth of `grill score --batch` time (measured with perf; see README, "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = grill::cli::Cli::parse_args();
    let err_theme = grill::output::Theme::stderr(cli.color);
    let result = Config::from_cli(cli).and_then(run_paged);
    let code = match result {
        Ok(exit) => exit.code(),
        // `grill bank export | head` closes the pipe early; that is not an error to report.
        Err(e) if e.is_broken_pipe() => 0,
        Err(e) => {
            // Through `note`: a closed terminal must not turn an error into a panic.
            grill::output::note(format_args!(
                "{} {}",
                err_theme.bad("error:"),
                grill::output::visible(&e.to_string())
            ));
            e.exit().code()
        }
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Runs the checked command, its stdout through the pager when `config.pager` says so and
/// stdout is a terminal. The pager is closed before this returns, so an error message is not
/// drawn over (or under) it.
fn run_paged(config: Config) -> Result<Exit> {
    let Some(mut pager) = grill::pager::Pager::start(config.pager) else {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        let out: &mut dyn Write = &mut stdout;
        return grill::run(config, out);
    };
    // Ctrl-C while reading is for the pager (less ignores it); grill must not die under it and
    // hand the terminal back to the shell while the pager still draws on it.
    let _ = grill::session::signals::stop_flag();
    let result = grill::run(config, pager.input());
    pager.finish();
    result
}
