//! The `grill` binary: parse arguments, run, print the error, exit with its code.

use std::process::ExitCode;

// mimalloc: the batch scorer allocates many small strings per answer; the system allocator cost
// about a fifth of `grill score --batch` time (measured with perf; see README, "Speed").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = grill::cli::Cli::parse_args();
    let err_theme = grill::output::Theme::stderr(cli.color);
    let mut pager = grill::pager::Pager::start(cli.pages());
    let mut stdout;
    let out: &mut dyn std::io::Write = match pager.as_mut() {
        Some(p) => p.input(),
        None => {
            stdout = std::io::BufWriter::new(std::io::stdout().lock());
            &mut stdout
        }
    };
    let result = grill::run(cli, out);
    // The pager closes first, so an error message is not drawn over (or under) it.
    if let Some(p) = pager {
        p.finish();
    }
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
