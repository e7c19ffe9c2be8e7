//! Preparing a reference is linear in its length: a bullet of tens of thousands of words (a
//! pasted document) takes time in proportion to it, not to its square, and `bank validate`
//! warns about such a bullet.

use std::time::{Duration, Instant};

use grill::scoring::Scorer;

use crate::common::grill;

/// A bullet of `n` words of every kind: distinct made-up words (each a keyword of its own),
/// real words repeated, code names, compounds and negations.
fn bullet(n: usize) -> String {
    let real = [
        "thread",
        "lock",
        "memory",
        "faster",
        "iterates",
        "not",
        "never",
        "no-op",
        "I/O",
        "thread-safe",
        "data",
        "the",
        "dictionary",
    ];
    (0..n)
        .map(|i| match i % 4 {
            0 => real[i / 4 % real.len()].to_string(),
            1 => format!("`fn_{i}`"),
            _ => {
                // "zq" and base 26: not a word of English, never the same twice.
                let mut w = String::from("zq");
                let mut k = i;
                while k > 0 {
                    w.push((b'a' + (k % 26) as u8) as char);
                    k /= 26;
                }
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fastest of three runs of preparing a bullet of `n` words and scoring an answer to it.
fn fastest(n: usize) -> Duration {
    let scorer = Scorer::fixed(&[]);
    let bullets = vec![bullet(n)];
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let reference = scorer.knowing(&bullets).prepare(Some("What?"), &bullets);
            let a = scorer.assess(&reference, "threads share memory under a lock, not data");
            assert!(a.score > 0.0);
            start.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn preparing_a_bullet_is_linear_in_its_length() {
    let (short, long) = (fastest(10_000), fastest(40_000));
    // Four times the words: about four times the time when linear, sixteen when quadratic
    // (40,000 words took 5 s before, most of it comparing each keyword with every other).
    assert!(
        long < short * 8,
        "10,000 words: {short:?}, 40,000 words: {long:?}"
    );
    assert!(long < Duration::from_secs(10), "40,000 words: {long:?}");
}

#[test]
fn validate_warns_about_a_bullet_longer_than_an_idea() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let long = vec!["word"; 150].join(" ");
    std::fs::write(
        &path,
        format!("# basics: Basics\nQ1. What?\n- Short.\n- {long}\nQ2. Why?\n- Short.\n"),
    )
    .unwrap();
    let out = grill()
        .args(["bank", "validate"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(stdout.contains("valid: 2 questions"), "{stdout}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("warning: question 1, bullet 2: 150 words"),
        "{stderr}"
    );
    // The built-in bank has no such bullet.
    let out = grill().args(["bank", "export"]).output().unwrap();
    let bank = dir.path().join("built-in.json");
    std::fs::write(&bank, out.stdout).unwrap();
    grill()
        .args(["bank", "validate"])
        .arg(&bank)
        .assert()
        .success()
        .stderr("");
}
