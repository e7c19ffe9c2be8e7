//! `grill report`: readiness across saved sessions, in the terminal, as JSON or Markdown, and
//! optionally as a self-contained HTML page.
//!
//! This is the one place that turns `ReportArgs` into checked `report::Options` and decides where
//! the rendered bytes go; the renderers themselves do no I/O.

use std::io::Write;

use crate::bank::Bank;
use crate::cli::{ReportArgs, ReportFormat};
use crate::error::{Error, Exit, Result};
use crate::output;
use crate::report::{self, Filter, Options, Thresholds};

use super::Context;

/// Runs `grill report`.
pub fn run(ctx: &Context, args: &ReportArgs, out: &mut dyn Write) -> Result<Exit> {
    let bank = ctx.bank()?;
    let opts = options(
        &bank,
        args,
        jiff::Timestamp::now(),
        jiff::tz::TimeZone::system(),
    )?;
    // A bad --html path is found before any work is done or anything is printed.
    if let Some(path) = &args.html {
        check_html_path(path)?;
    }
    let sessions = super::history::load(ctx)?;
    let readiness = report::build(&bank, &sessions, &opts);
    match args.format {
        ReportFormat::Text => {
            report::text::render(&readiness, ctx.stdout_theme(), output::stdout_width(), out)?
        }
        ReportFormat::Json => {
            out.write_all(report::json::to_string(&readiness)?.as_bytes())?;
            // JSON readers get a valid (empty) report on stdout; people get the hint on stderr.
            if let Some(empty) = readiness.empty {
                output::note(format_args!(
                    "{}",
                    output::visible(&empty.message(&readiness.sessions, &readiness.bank))
                ));
            }
        }
        ReportFormat::Markdown => out.write_all(report::markdown::render(&readiness).as_bytes())?,
    }
    if let Some(path) = &args.html {
        std::fs::write(path, report::html::render(&readiness))
            .map_err(|e| Error::write(path, e))?;
        output::note(format_args!(
            "{} {}",
            ctx.stderr_theme().dim("HTML report written to"),
            output::visible(&path.display().to_string())
        ));
    }
    Ok(Exit::Ok)
}

/// `--html PATH` must name a file in a folder that exists.
fn check_html_path(path: &std::path::Path) -> Result<()> {
    let shown = output::visible(&path.display().to_string()).into_owned();
    if path.is_dir() {
        return Err(Error::input(format!(
            "--html {shown} is a folder; give a file name such as {shown}/report.html"
        )));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent
        && !dir.is_dir()
    {
        return Err(Error::input(format!(
            "--html {shown}: the folder {} does not exist; create it or write the report elsewhere",
            output::visible(&dir.display().to_string())
        )));
    }
    Ok(())
}

/// Turns the flags into checked options: thresholds in range, `--since` a real date, `--last`
/// at least 1, chapters known to the bank. Every mistake is bad input (exit 2).
pub fn options(
    bank: &Bank,
    args: &ReportArgs,
    now: jiff::Timestamp,
    tz: jiff::tz::TimeZone,
) -> Result<Options> {
    let thresholds = Thresholds::new(args.ready, args.close, args.min_questions)?;
    if args.last == Some(0) {
        return Err(Error::input(
            "--last 0 leaves no session; give 1 or more, or drop --last for all sessions",
        ));
    }
    let since = args
        .since
        .as_deref()
        .map(|s| {
            // jiff's own message describes its parser ("two digit integer as month"), not the
            // user's mistake, so only the expected shape is shown.
            s.trim().parse::<jiff::civil::Date>().map_err(|_| {
                Error::input(format!(
                    "--since `{s}` is not a date; write it as YYYY-MM-DD, such as 2026-11-01"
                ))
            })
        })
        .transpose()?;
    let chapters = if args.chapters.is_empty() {
        Vec::new()
    } else {
        bank.chapter_indices(&args.chapters)?
    };
    Ok(Options {
        filter: Filter {
            last: args.last,
            since,
            chapters,
        },
        thresholds,
        now,
        tz,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> ReportArgs {
        ReportArgs {
            last: None,
            since: None,
            chapters: vec![],
            format: ReportFormat::Text,
            html: None,
            ready: 75.0,
            close: 50.0,
            min_questions: 3,
        }
    }

    fn check(a: ReportArgs) -> Result<Options> {
        options(
            &Bank::embedded(),
            &a,
            jiff::Timestamp::UNIX_EPOCH,
            jiff::tz::TimeZone::UTC,
        )
    }

    #[test]
    fn bad_flags_are_input_errors_that_say_what_to_write() {
        let e = check(ReportArgs {
            since: Some("2026-13-01".into()),
            ..args()
        })
        .unwrap_err();
        assert!(
            e.to_string().contains("--since `2026-13-01` is not a date"),
            "{e}"
        );
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        assert_eq!(e.exit(), Exit::BadInput);
        let e = check(ReportArgs {
            last: Some(0),
            ..args()
        })
        .unwrap_err();
        assert!(e.to_string().contains("--last 0"), "{e}");
        let e = check(ReportArgs {
            chapters: vec!["concurency".into()],
            ..args()
        })
        .unwrap_err();
        assert!(e.to_string().contains("did you mean `concurrency`"), "{e}");
    }

    #[test]
    fn good_flags_become_options() {
        let o = check(ReportArgs {
            since: Some("2026-11-01".into()),
            last: Some(2),
            chapters: vec!["7".into()],
            ..args()
        })
        .unwrap();
        assert_eq!(o.filter.since, Some(jiff::civil::date(2026, 11, 1)));
        assert_eq!(o.filter.chapters, [6]);
        assert_eq!(o.filter.last, Some(2));
    }
}
