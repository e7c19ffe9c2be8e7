//! Using grill as a library: load a bank, score an answer, print the evidence.
//!
//! Run with `cargo run --example score_answer -- 6 "pass does nothing, continue skips, break exits"`.

use std::process::ExitCode;

use grill::bank::Bank;
use grill::scoring::Scorer;

const USAGE: &str = "usage: cargo run --example score_answer -- QUESTION_ID ANSWER...\n\
                     example: cargo run --example score_answer -- 6 \"pass does nothing, continue skips\"";

fn main() -> ExitCode {
    // Errors are printed with Display and grill's exit codes, not returned from `main`, which
    // would print their Debug form (`Error: Input("...")`).
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(u8::try_from(e.exit().code()).unwrap_or(1))
        }
    }
}

fn run() -> Result<(), grill::Error> {
    let mut args = std::env::args().skip(1);
    let id: u32 = args
        .next()
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| grill::Error::input(USAGE))?;
    let answer = args.collect::<Vec<_>>().join(" ");
    if answer.trim().is_empty() {
        return Err(grill::Error::input(USAGE));
    }

    let bank = Bank::embedded();
    let question = bank.question(id)?.question;
    let scorer = Scorer::for_bank(&bank);
    let assessment = scorer.score(Some(&question.prompt), &question.bullets, &answer);

    println!("Q{}. {}", question.id, question.prompt);
    for b in &assessment.bullets {
        let words: Vec<&str> = b.matched.iter().map(|m| m.word.as_str()).collect();
        println!(
            "{:>4.0}%  {}  (matched: {})",
            b.coverage * 100.0,
            b.bullet,
            words.join(", ")
        );
    }
    println!("score: {:.0}/100", assessment.score);
    Ok(())
}
