//! `grill score --batch` on one line (or a few): whatever the line holds, the command keeps the
//! batch contract (one JSON object out per non-blank line in) and never panics.
//!
//! It goes through `grill::run`, the whole program behind `main`, so no private parser has to be
//! made public for fuzzing; the batch is a file because that is what `--batch` reads.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// A folder for this process with a tiny bank (questions 1 and 2), so a line that names a
/// question is scored without loading the 200-question embedded bank each run.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("grill-fuzz-batch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("bank.txt"),
            "# a: A\nQ1. What is `x`?\n- `x` is a name.\n- It is bound by assignment.\n\
             Q2. Why?\n- Because.\n## Synonyms\n- name, identifier\n",
        )
        .unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let batch = dir().join("batch.jsonl");
    std::fs::write(&batch, data).unwrap();
    let cli = grill::cli::Cli::parse_from_iter([
        "grill".into(),
        "--color".into(),
        "never".into(),
        "--bank".into(),
        dir().join("bank.txt").into_os_string(),
        "score".into(),
        "--batch".into(),
        batch.into_os_string(),
    ])
    .unwrap();
    let mut out = Vec::new();
    let config = grill::config::Config::from_cli(cli).unwrap();
    if grill::run(config, &mut out).is_ok() {
        // Lossy: bytes that are not UTF-8 never make or remove a line break.
        let input = String::from_utf8_lossy(data);
        let lines_in = input.lines().filter(|l| !l.trim().is_empty()).count();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out.lines().count(),
            lines_in,
            "one output line per input line"
        );
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(v.get("id").is_some(), "every output line has an id: {line}");
            assert!(
                v.get("score").is_some() != v.get("error").is_some(),
                "{line}"
            );
        }
    }
});
