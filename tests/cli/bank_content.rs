//! The content of the built-in banks: corrections of the default bank that the scorer must keep
//! apart from the errors they correct, and the "Modern Python" bank's shape.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

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

fn modern() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/modern-python.json")
}

#[test]
fn the_modern_bank_validates() {
    let out = grill()
        .args(["bank", "validate"])
        .arg(modern())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("valid: "), "{text}");
}

/// Each question of the modern bank: 3 to 5 bullets, each one short sentence of one fact, with
/// code in backticks; ids 1, 2, 3... in order; chapters with slug ids.
#[test]
fn the_modern_bank_has_short_one_sentence_bullets_and_numbered_questions() {
    let bank = Bank::load(&modern()).unwrap();
    let ids: Vec<u32> = bank.questions().map(|l| l.question.id).collect();
    let expected: Vec<u32> = (1..=ids.len() as u32).collect();
    assert_eq!(ids, expected, "ids run 1, 2, 3... through the chapters");
    assert!(
        (20..=30).contains(&ids.len()),
        "{} questions, about 20 to 30",
        ids.len()
    );
    for c in &bank.chapters {
        assert!(
            !c.id.is_empty()
                && c.id
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()),
            "chapter id {:?} is a slug",
            c.id
        );
    }
    assert!(!bank.tips.is_empty(), "the bank has study tips");
    for l in bank.questions() {
        let q = l.question;
        let n = q.bullets.len();
        assert!((3..=5).contains(&n), "Q{} has {n} bullets", q.id);
        for text in std::iter::once(&q.prompt).chain(&q.bullets).chain(&q.notes) {
            assert_eq!(text.trim(), text, "Q{}: stray white space", q.id);
            assert_eq!(
                text.matches('`').count() % 2,
                0,
                "Q{}: unbalanced backticks in {text:?}",
                q.id
            );
            for prose in text.split('`').step_by(2) {
                assert!(
                    !prose.contains("__") && !prose.contains("()"),
                    "Q{}: code outside backticks in {text:?}",
                    q.id
                );
            }
        }
        for b in &q.bullets {
            assert!(
                b.chars().count() < 160,
                "Q{}: a bullet of {} characters: {b:?}",
                q.id,
                b.chars().count()
            );
            assert!(b.ends_with('.'), "Q{}: {b:?} ends its sentence", q.id);
            // One sentence: outside code, no sentence ends before the last character.
            let body = &b[..b.len() - 1];
            for prose in body.split('`').step_by(2) {
                for end in [". ", "? ", "! "] {
                    assert!(
                        !prose.contains(end),
                        "Q{}: more than one sentence in {b:?}",
                        q.id
                    );
                }
            }
        }
    }
}

#[test]
fn the_modern_bank_round_trips_through_the_text_format() {
    let text = grill()
        .arg("--bank")
        .arg(modern())
        .args(["bank", "export", "--format", "text"])
        .output()
        .unwrap();
    assert!(text.status.success());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modern.txt");
    std::fs::write(&path, &text.stdout).unwrap();
    assert_eq!(Bank::load(&path).unwrap(), Bank::load(&modern()).unwrap());
    // The file is grill's own canonical JSON, as `bank export` writes it.
    let json = grill()
        .arg("--bank")
        .arg(modern())
        .args(["bank", "export"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(json.stdout).unwrap(),
        std::fs::read_to_string(modern()).unwrap()
    );
}
