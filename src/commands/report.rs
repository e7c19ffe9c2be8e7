//! `grill report`: readiness across saved sessions, in the terminal, as JSON or Markdown, and
//! optionally as a self-contained HTML page.
//!
//! The flags are checked in `config` (thresholds, `--last`, `--since`, the `--html` path); this
//! resolves the chapters against the bank into `readiness::Options` and decides where the rendered
//! bytes go; the renderers themselves do no I/O.

use std::io::Write;

use crate::bank::Bank;
use crate::config::ReportPlan;
use crate::error::{Error, Exit, Result};
use crate::history::{Detail, Store};
use crate::output;
use crate::readiness::ReportFormat;
use crate::readiness::{self, Filter, Options};
use crate::view::readiness as view;

use super::Context;

/// Runs `grill report`.
pub fn run(ctx: &Context, plan: &ReportPlan, out: &mut dyn Write) -> Result<Exit> {
    let bank = ctx.bank()?;
    let opts = options(&bank, plan, crate::time::now(), crate::time::zone())?;
    let readiness = build(&super::open_store(ctx)?, &bank, &opts)?;
    match plan.format {
        ReportFormat::Text => {
            view::text::render(&readiness, ctx.stdout_theme(), output::stdout_width(), out)?
        }
        ReportFormat::Json => {
            view::json::render(&readiness, out)?;
            // JSON readers get a valid (empty) report on stdout; people get the hint on stderr.
            if let Some(empty) = readiness.empty {
                output::note(format_args!(
                    "{}",
                    output::visible(&empty.message(&readiness.sessions, &readiness.bank))
                ));
            }
        }
        ReportFormat::Markdown => view::markdown::render(&readiness, out)?,
    }
    if let Some(path) = &plan.html {
        // The page is made whole before the file is written, as before.
        let mut page = Vec::new();
        view::html::render(&readiness, &mut page)?;
        std::fs::write(path, page).map_err(|e| Error::write(path, e))?;
        output::note(format_args!(
            "{} {}",
            ctx.stderr_theme().dim("HTML report written to"),
            output::visible(&path.display().to_string())
        ));
    }
    Ok(Exit::Ok)
}

/// The report of `bank` from the history, read one session at a time: the store picks the
/// sessions the filter keeps (`--since`, `--last`), so a long history is never held whole.
fn build(store: &Store, bank: &Bank, opts: &Options) -> Result<readiness::Readiness> {
    let since = opts
        .filter
        .since
        .map(|d| d.to_zoned(opts.tz.clone()).map(|z| z.timestamp()))
        .transpose()
        .map_err(|e| Error::input(format!("--since: {e}")))?;
    let ids = store.ids(Some(&bank.title), since, opts.filter.last)?;
    let of_bank = store.count_of_bank(&bank.title)?;
    let saved = store.count()?;
    let mut builder = readiness::Builder::new(bank, opts);
    store.each_session(Some(&ids), Detail::Figures, &mut |s| {
        builder.add(&s);
        Ok(())
    })?;
    // The forecast is `grill schedule`'s, from every answer, whatever --last and --since keep.
    builder.forecast_from(super::seen(
        store,
        bank,
        &crate::fsrs::Scheduler::default(),
    )?);
    Ok(builder.finish(readiness::Counts {
        saved,
        other_banks: saved - of_bank,
        filtered_out: of_bank - ids.len(),
    }))
}

/// The checked flags as `readiness::Options`: the chapters resolved against the bank (an unknown
/// one is bad input, exit 2), with the time and time zone the report is made in.
pub fn options(
    bank: &Bank,
    plan: &ReportPlan,
    now: jiff::Timestamp,
    tz: jiff::tz::TimeZone,
) -> Result<Options> {
    let chapters = if plan.chapters.is_empty() {
        Vec::new()
    } else {
        bank.chapter_indices(&plan.chapters)?
    };
    Ok(Options {
        filter: Filter {
            last: plan.last,
            since: plan.since,
            chapters,
        },
        thresholds: plan.thresholds,
        now,
        tz,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan() -> ReportPlan {
        ReportPlan {
            last: None,
            since: None,
            chapters: vec![],
            format: ReportFormat::Text,
            html: None,
            thresholds: readiness::Thresholds::default(),
        }
    }

    fn check(p: ReportPlan) -> Result<Options> {
        options(
            &Bank::embedded(),
            &p,
            jiff::Timestamp::UNIX_EPOCH,
            jiff::tz::TimeZone::UTC,
        )
    }

    #[test]
    fn an_unknown_chapter_is_an_input_error_with_a_suggestion() {
        let e = check(ReportPlan {
            chapters: vec!["concurency".into()],
            ..plan()
        })
        .unwrap_err();
        assert!(e.to_string().contains("did you mean `concurrency`"), "{e}");
        assert_eq!(e.exit(), Exit::BadInput);
    }

    #[test]
    fn a_plan_becomes_options() {
        let o = check(ReportPlan {
            since: Some(jiff::civil::date(2026, 11, 1)),
            last: Some(2),
            chapters: vec!["7".into()],
            ..plan()
        })
        .unwrap();
        assert_eq!(o.filter.since, Some(jiff::civil::date(2026, 11, 1)));
        assert_eq!(o.filter.chapters, [6]);
        assert_eq!(o.filter.last, Some(2));
    }
}
