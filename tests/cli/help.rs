//! The `--help` of grill and of every subcommand, nested ones (`history <sub>`, `bank <sub>`)
//! included, rendered at 100 columns and kept as snapshots: any change to a help text shows as
//! a snapshot diff to review. The commands are walked from clap's own tree, so a new one gets
//! a snapshot (and fails until it is accepted) without this file changing.

use clap::CommandFactory;

use crate::common::{grill_in, run};

/// The argument path of `cmd` and of every subcommand under it: `[]`, `["start"]`,
/// `["history", "show"]`, ...
fn paths(cmd: &clap::Command, prefix: &[String], out: &mut Vec<Vec<String>>) {
    out.push(prefix.to_vec());
    for sub in cmd.get_subcommands() {
        let mut path = prefix.to_vec();
        path.push(sub.get_name().to_string());
        paths(sub, &path, out);
    }
}

#[test]
fn every_help_matches_its_snapshot() {
    let mut all = Vec::new();
    paths(&grill::cli::Cli::command(), &[], &mut all);
    // grill, its commands, and the nested history and bank commands.
    assert!(
        all.iter().any(|p| p.len() == 2 && p[0] == "history"),
        "{all:?}"
    );
    assert!(
        all.iter().any(|p| p.len() == 2 && p[0] == "bank"),
        "{all:?}"
    );
    let home = tempfile::tempdir().unwrap();
    for path in all {
        let (code, out, err) = run(grill_in(home.path(), 100).args(&path).arg("--help"));
        assert_eq!(code, 0, "grill {path:?} --help: {err}");
        assert!(
            err.is_empty(),
            "grill {path:?} --help wrote to stderr: {err}"
        );
        let name = std::iter::once("grill")
            .chain(path.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("_");
        // An example is one line: a quote opened on it closes on it (a `\n` in a Rust string
        // once broke `printf 'good\nagain'` over three lines).
        for line in out.lines().filter(|l| l.trim_start().starts_with("printf")) {
            assert!(
                line.matches('\'').count() % 2 == 0,
                "grill {path:?} --help: an example broken over lines: {line}"
            );
        }
        insta::assert_snapshot!(name, out);
    }
}
