//! The content of the built-in banks: corrections of the default bank that the scorer must keep
//! apart from the errors they correct.

use std::collections::HashSet;

use grill::bank::Bank;
use serde_json::Value;

use crate::bank::{Change, corrections};
use crate::common::grill;

/// The highest score (0-100) a guide bullet that stated an error may get, scored as an answer
/// against the bullet that corrects it.
const WRONG_MEETS_AT_MOST: f64 = 35.0;

/// The lower-case words of a text: its runs of letters and digits.
fn words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Scores each `(prompt, reference bullet, answer)` through `grill score --batch -`; the scores
/// (0-100), in order.
fn scores(cases: &[(String, String, String)]) -> Vec<f64> {
    if cases.is_empty() {
        return Vec::new(); // grill refuses an empty batch
    }
    let input: String = cases
        .iter()
        .enumerate()
        .map(|(i, (prompt, reference, answer))| {
            serde_json::json!({
                "id": i.to_string(),
                "prompt": prompt,
                "reference": [reference],
                "answer": answer,
            })
            .to_string()
                + "\n"
        })
        .collect();
    let out = grill()
        .args(["score", "--batch", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), cases.len());
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            assert_eq!(l["id"], i.to_string(), "{l}");
            l["score"]
                .as_f64()
                .unwrap_or_else(|| panic!("a score: {l}"))
        })
        .collect()
}

/// A correction listed as `wrong` in data/CORRECTIONS.md states the fact positively, in its own
/// words, so that the guide's error, given as an answer, does not meet it: whatever the scorer
/// makes of a negation, "Faster numeric operations than lists" must not score against "Each read
/// converts the raw value...". A part of a split made only of the guide's own words keeps what
/// the guide had right ("Useful for DSLs." out of "Useful for DSLs or tracking declaration
/// order."), so the guide meets it, as it should.
#[test]
fn a_wrong_guide_bullet_does_not_meet_its_positive_correction() {
    let bank = Bank::embedded();
    let mut cases = Vec::new();
    let mut labels = Vec::new();
    for c in corrections() {
        let Change::Bullet {
            was,
            now,
            wrong: true,
        } = &c.change
        else {
            continue;
        };
        let prompt = &bank.find(c.id).unwrap().question.prompt;
        let guide_words = words(was);
        for part in now {
            if words(part).is_subset(&guide_words) {
                continue;
            }
            cases.push((prompt.clone(), part.clone(), was.clone()));
            labels.push(format!("Q{}: {was:?} against {part:?}", c.id));
        }
    }
    for id in [38, 111, 113] {
        assert!(
            labels.iter().any(|l| l.starts_with(&format!("Q{id}: "))),
            "Q{id} is a `wrong` correction, checked here"
        );
    }
    let failures: Vec<String> = scores(&cases)
        .iter()
        .zip(&labels)
        .filter(|(s, _)| **s >= WRONG_MEETS_AT_MOST)
        .map(|(s, l)| format!("{l} scores {s}"))
        .collect();
    assert!(
        failures.is_empty(),
        "the guide's error meets its correction:\n{}",
        failures.join("\n")
    );
}
