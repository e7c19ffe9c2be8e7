//! `grill schedule --optimize` in words: how the fitted weights and the defaults predicted the
//! held-out reviews (or how many more reviews a fit needs), what became of the fitted weights,
//! and `--reset`; and the JSON form of each.

use std::io::{self, Write};

use serde::Serialize;

use crate::history::weights::Fit;
use crate::output::{self, Theme};
use crate::practice::optimize::{Counts, HOLD_OUT_EVERY, MIN_TEST, MIN_TRAIN, Optimized};
use crate::words::plural;

/// What became of the fitted weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Too few reviews: nothing was fitted.
    TooFew,
    /// They predicted no better than the defaults: not kept.
    NotBetter,
    /// Kept; the history's cards were worked out again with them.
    Kept {
        /// How many cards there are now.
        cards: usize,
    },
    /// The candidate said no at the prompt.
    Declined,
    /// Not in a terminal and no `--yes`: not kept.
    NeedsYes,
}

impl Decision {
    /// Its name in the JSON form.
    pub fn name(self) -> &'static str {
        match self {
            Decision::TooFew => "too-few",
            Decision::NotBetter => "not-better",
            Decision::Kept { .. } => "kept",
            Decision::Declined => "declined",
            Decision::NeedsYes => "needs-yes",
        }
    }
}

fn para(
    text: &str,
    paint: impl Fn(&str) -> String,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    for l in output::wrap(text, width) {
        writeln!(out, "{}", paint(&l))?;
    }
    Ok(())
}

/// How `(now - before) / before` reads: "-4.6%".
fn change(before: f64, now: f64) -> String {
    if before == 0.0 {
        return String::new();
    }
    format!("{:+.1}%", (now - before) / before * 100.0)
}

/// The comparison (or why there is none) for the review log of `bank`.
pub fn render(
    bank: &str,
    optimized: &Optimized,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let bank = output::visible(bank);
    let c = match optimized {
        Optimized::TooFew(few) => {
            let n = &few.counts;
            let text = format!(
                "Not enough reviews to fit your own FSRS weights yet. A fit needs {} answers given \
                 a day or more after the question's answer before: {MIN_TRAIN} on the questions it \
                 fits on and {MIN_TEST} on the ones it holds out to test on (every \
                 {HOLD_OUT_EVERY}th question answered). The review log of {bank} has {} ({} + {}). \
                 At least {} more review{} needed: keep studying (`grill study`).",
                MIN_TRAIN + MIN_TEST,
                n.trained_on + n.tested_on,
                n.trained_on,
                n.tested_on,
                few.more_needed,
                if few.more_needed == 1 { " is" } else { "s are" },
            );
            return para(&text, |l| l.to_string(), width, out);
        }
        Optimized::Fitted(c) => c,
    };
    para(
        &format!("Your own FSRS weights, fitted to the review log of {bank}"),
        |l| t.bold(l),
        width,
        out,
    )?;
    let n = &c.counts;
    let text = format!(
        "Fitted on {} review{} of {} question{}; the weights below are tested on {} review{} of \
         {} other question{} (every {HOLD_OUT_EVERY}th answered, held out). A review here is an \
         answer given a day or more after the question's answer before.",
        n.trained_on,
        plural(n.trained_on),
        n.questions - n.held_out,
        plural(n.questions - n.held_out),
        n.tested_on,
        plural(n.tested_on),
        n.held_out,
        plural(n.held_out),
    );
    para(&text, |l| t.dim(l), width, out)?;
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        t.bold(&format!("{:<16} {:>8} {:>8}", "", "LOG LOSS", "RMSE"))
    )?;
    let row = |name: &str, f: &Fit| format!("{name:<16} {:>8.4} {:>8.4}", f.log_loss, f.rmse_bins);
    writeln!(out, "{}", row("default weights", &c.default))?;
    if let Some(current) = &c.current {
        writeln!(out, "{}", row("weights in use", current))?;
    }
    writeln!(out, "{}", row("fitted weights", &c.fitted))?;
    writeln!(
        out,
        "{}",
        t.dim(&format!(
            "{:<16} {:>8} {:>8}",
            "",
            change(c.default.log_loss, c.fitted.log_loss),
            change(c.default.rmse_bins, c.fitted.rmse_bins)
        ))
    )?;
    writeln!(out)?;
    // Coloured after wrapping: the wrapper shows control characters, never sends them.
    let verdict = if c.better() {
        "The fitted weights predict your recalls better (a lower log loss; lower is better)."
            .to_string()
    } else {
        let than = if c.fitted.log_loss < c.default.log_loss {
            "your own weights in use"
        } else {
            "the defaults"
        };
        format!(
            "The fitted weights predict your recalls no better than {than} (log loss; lower is better)."
        )
    };
    para(
        &verdict,
        |l| if c.better() { t.good(l) } else { l.to_string() },
        width,
        out,
    )
}

/// The question the command asks before keeping the weights.
/// Short, as a prompt wider than the terminal is drawn twice; [`PROMPT_NOTE`] goes above it.
pub const PROMPT: &str = "Keep the fitted weights?";

/// What keeping them means, on its own lines above the question.
pub const PROMPT_NOTE: &str = "Kept, they schedule every question from now on; `grill schedule --optimize --reset` goes back to the defaults.";

/// What became of the fitted weights, in a sentence or two.
pub fn render_decision(
    decision: Decision,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = match decision {
        Decision::TooFew => return Ok(()),
        Decision::NotBetter => {
            "Not kept: grill schedules with the weights it had before.".to_string()
        }
        Decision::Kept { cards } => format!(
            "Kept: grill schedules with your own weights from now on ({cards} card{} worked out \
             again with them). `grill schedule --optimize --reset` goes back to the defaults.",
            plural(cards)
        ),
        Decision::Declined => {
            "Not kept: grill schedules with the weights it had before.".to_string()
        }
        Decision::NeedsYes => "Not kept: pass --yes to keep them (grill asks only when it runs in \
                               a terminal)."
            .to_string(),
    };
    let kept = matches!(decision, Decision::Kept { .. });
    para(
        &text,
        |l| if kept { t.good(l) } else { l.to_string() },
        width,
        out,
    )
}

/// `grill schedule --optimize --json`: the comparison and what became of the weights, with the
/// views' format version. Fields without a fit (too few reviews) are null.
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The bank whose review log was fitted.
    pub bank: &'a str,
    /// Whether the log had enough reviews to fit.
    pub enough: bool,
    /// At least this many more reviews a fit needs (0 when enough).
    pub more_needed: usize,
    /// What the log holds, as the fit uses it.
    pub counts: Counts,
    /// The default weights on the held-out reviews.
    pub default: Option<Fit>,
    /// The fitted weights on the held-out reviews.
    pub fitted: Option<Fit>,
    /// Your own weights in use on the held-out reviews (null: the defaults are in use, or too
    /// few reviews).
    pub current: Option<Fit>,
    /// The fitted weights, w0..w20.
    pub weights: Option<[f64; 21]>,
    /// Whether the fitted weights predicted better (a lower log loss).
    pub better: bool,
    /// Whether they were kept.
    pub kept: bool,
    /// What became of them: too-few, not-better, kept, declined, needs-yes.
    pub decision: &'static str,
}

/// The JSON form of `optimized` and `decision`.
pub fn json<'a>(bank: &'a str, optimized: &Optimized, decision: Decision) -> Json<'a> {
    let (counts, more_needed, fit) = match optimized {
        Optimized::TooFew(f) => (f.counts, f.more_needed, None),
        Optimized::Fitted(c) => (c.counts, 0, Some(c)),
    };
    Json {
        format: super::json::VIEW_FORMAT,
        bank,
        enough: fit.is_some(),
        more_needed,
        counts,
        default: fit.map(|c| c.default),
        fitted: fit.map(|c| c.fitted),
        current: fit.and_then(|c| c.current),
        weights: fit.map(|c| c.weights),
        better: fit.is_some_and(|c| c.better()),
        kept: matches!(decision, Decision::Kept { .. }),
        decision: decision.name(),
    }
}

/// `grill schedule --optimize --reset`: the cards worked out again when own weights were
/// dropped (none: the defaults were in use already).
pub fn render_reset(
    cards: Option<usize>,
    t: Theme,
    width: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    let text = if let Some(cards) = cards {
        format!(
            "Back to FSRS-6's default weights ({cards} card{} worked out again with them).",
            plural(cards)
        )
    } else {
        "FSRS-6's default weights are in use already; nothing to reset.".to_string()
    };
    para(&text, |l| t.bold(l), width, out)
}

/// `grill schedule --optimize --reset --json`.
#[derive(Debug, Serialize)]
pub struct ResetJson {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// Whether own weights were dropped (false: the defaults were in use already).
    pub reset: bool,
    /// Cards in the history, worked out again with the default weights (null: nothing was
    /// reset).
    pub cards: Option<usize>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::optimize::{Comparison, TooFew};

    fn text(write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
        let mut buf = Vec::new();
        write(&mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    fn words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn fitted(fitted_loss: f64) -> Optimized {
        Optimized::Fitted(Comparison {
            counts: Counts {
                answers: 5602,
                questions: 300,
                held_out: 60,
                trained_on: 3430,
                tested_on: 845,
            },
            default: Fit {
                log_loss: 0.4876,
                rmse_bins: 0.1242,
            },
            fitted: Fit {
                log_loss: fitted_loss,
                rmse_bins: 0.1016,
            },
            current: None,
            weights: crate::fsrs::DEFAULT_WEIGHTS,
        })
    }

    #[test]
    fn the_comparison_shows_both_fits_and_which_is_better_at_every_width() {
        for width in [40, 60, 100] {
            let out = text(|b| render("Python", &fitted(0.4652), Theme::plain(), width, b));
            for l in out.lines() {
                assert!(output::width(l) <= width, "{width}: {l:?}\n{out}");
            }
            assert!(out.contains("default weights    0.4876   0.1242"), "{out}");
            assert!(out.contains("fitted weights     0.4652   0.1016"), "{out}");
            assert!(out.contains("-4.6%   -18.2%"), "{out}");
            let w = words(&out);
            assert!(w.contains("Fitted on 3430 reviews of 240 questions"), "{w}");
            assert!(w.contains("845 reviews of 60 other questions"), "{w}");
            assert!(w.contains("predict your recalls better"), "{w}");
        }
        let worse = words(&text(|b| render("P", &fitted(0.5), Theme::plain(), 80, b)));
        assert!(worse.contains("no better than the defaults"), "{worse}");
        assert!(!worse.contains("weights in use"), "{worse}");
        let Optimized::Fitted(mut c) = fitted(0.4652) else {
            unreachable!()
        };
        c.current = Some(Fit {
            log_loss: 0.46,
            rmse_bins: 0.1,
        });
        let own = text(|b| render("P", &Optimized::Fitted(c), Theme::plain(), 80, b));
        assert!(own.contains("weights in use     0.4600   0.1000"), "{own}");
        assert!(
            words(&own).contains("no better than your own weights in use"),
            "{own}"
        );
    }

    #[test]
    fn in_colour_the_verdict_is_painted_not_shown_as_codes() {
        let colour = Theme::stdout(crate::output::ColorChoice::Always);
        let out = text(|b| render("Python", &fitted(0.4652), colour, 60, b));
        assert!(out.contains("\u{1b}["), "painted: {out:?}");
        assert!(!out.contains("\\u{1b}"), "codes shown as text: {out}");
    }

    #[test]
    fn too_few_reviews_say_how_many_more() {
        let few = TooFew::of(Counts {
            answers: 40,
            questions: 10,
            held_out: 2,
            trained_on: 20,
            tested_on: 5,
        })
        .unwrap();
        let out = words(&text(|b| {
            render("Python", &Optimized::TooFew(few), Theme::plain(), 60, b)
        }));
        assert!(
            out.contains("The review log of Python has 25 (20 + 5)"),
            "{out}"
        );
        assert!(out.contains("At least 55 more reviews are needed"), "{out}");
        let j = serde_json::to_value(json("Python", &Optimized::TooFew(few), Decision::TooFew))
            .unwrap();
        assert_eq!(j["enough"], false);
        assert_eq!(j["more_needed"], 55);
        assert!(j["fitted"].is_null() && j["weights"].is_null());
        assert_eq!(j["decision"], "too-few");
    }

    #[test]
    fn every_decision_is_said_and_named() {
        let said = |d| words(&text(|b| render_decision(d, Theme::plain(), 60, b)));
        assert_eq!(said(Decision::TooFew), "");
        assert!(said(Decision::NeedsYes).starts_with("Not kept: pass --yes to keep them"));
        assert!(said(Decision::Kept { cards: 3 }).contains("3 cards worked out again"));
        assert!(said(Decision::Declined).starts_with("Not kept"));
        assert!(said(Decision::NotBetter).starts_with("Not kept"));
        let j =
            serde_json::to_value(json("P", &fitted(0.4652), Decision::Kept { cards: 3 })).unwrap();
        assert_eq!(
            (j["better"].clone(), j["kept"].clone()),
            (true.into(), true.into())
        );
        assert_eq!(j["weights"].as_array().unwrap().len(), 21);
        assert_eq!(j["counts"]["tested_on"], 845);
    }
}
