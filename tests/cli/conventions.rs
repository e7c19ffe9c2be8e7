//! Command-line conventions end to end: shell completions that load in real shells, the man
//! page, help with examples and exit codes on every command, `--json` on every view that
//! reports, `bank search` and `start --dry-run`.

use std::path::Path;
use std::process::{Command, Stdio};

use clap::CommandFactory;
use serde_json::Value;

use crate::common;

use crate::common::run;

fn grill(home: &Path) -> Command {
    common::grill_in(home, 100)
}

fn json(cmd: &mut Command) -> Value {
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0, "{cmd:?}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{cmd:?}: not JSON ({e}):\n{out}"))
}

/// Fails the test unless `shell` can be run here: a completion test that skipped a missing
/// shell would pass without checking anything. `.ci/run` installs bash, zsh and fish.
fn need(shell: &str) {
    let found = Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "{shell} is not installed, so its completions cannot be checked: install it \
         (`apt-get install -y {shell}`; `.ci/run` does)"
    );
}

#[test]
fn completions_are_printed_for_every_shell() {
    let home = tempfile::tempdir().unwrap();
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef grill"),
        ("fish", "complete -c grill"),
        ("elvish", "edit:completion:arg-completer[grill]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, out, err) = run(grill(home.path()).args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(mark), "{shell}: no {mark:?} in\n{out}");
        // The commands and flags come from the clap definitions.
        assert!(out.contains("dry-run") && out.contains("search"), "{shell}");
    }
    let (code, _, err) = run(grill(home.path()).args(["completions", "tcsh"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("possible values"), "{err}");
}

/// Loads the script `grill completions SHELL` prints into `shell`, then runs `check` there;
/// the shell's errors fail the test.
fn loads(shell: &str, check: &str) {
    let home = tempfile::tempdir().unwrap();
    let (_, script, _) = run(grill(home.path()).args(["completions", shell]));
    let file = home.path().join(format!("grill.{shell}"));
    std::fs::write(&file, script).unwrap();
    let script = match shell {
        "bash" => format!("source {}; {check}", file.display()),
        // compinit first, as in a user's .zshrc; -u skips the check of folder owners.
        "zsh" => format!(
            "autoload -U compinit && compinit -u -d {}/zcompdump && source {} && {check}",
            home.path().display(),
            file.display()
        ),
        _ => format!("source {}; and {check}", file.display()),
    };
    let out = Command::new(shell)
        .arg("-c")
        .arg(&script)
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path())
        .env("XDG_DATA_HOME", home.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{shell}: {stderr}");
    assert!(stderr.trim().is_empty(), "{shell}: {stderr}");
}

#[test]
fn bash_completions_load_and_register() {
    need("bash");
    loads("bash", "complete -p grill");
}

#[test]
fn zsh_completions_load_and_register() {
    need("zsh");
    loads("zsh", "(( $+functions[_grill] ))");
}

#[test]
fn fish_completions_load_and_register() {
    need("fish");
    loads("fish", "complete -c grill | string match -q '*dry-run*'");
}

#[test]
fn man_prints_roff_for_grill_and_each_command() {
    let home = tempfile::tempdir().unwrap();
    let (code, page, err) = run(grill(home.path()).arg("man"));
    assert_eq!(code, 0, "{err}");
    assert!(page.contains("\n.TH grill 1"), "{page}");
    assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
    let (code, page, _) = run(grill(home.path()).args(["man", "history", "show"]));
    assert_eq!(code, 0);
    assert!(page.contains("\n.TH grill-history-show 1"), "{page}");
    let (code, _, err) = run(grill(home.path()).args(["man", "nope"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn help_lists_exit_codes_and_every_command_has_examples() {
    let home = tempfile::tempdir().unwrap();
    let (_, help, _) = run(grill(home.path()).arg("--help"));
    for code in [
        "0    ok",
        "1    failure",
        "2    bad input or usage",
        "130  interrupted",
    ] {
        assert!(help.contains(code), "{code:?} missing:\n{help}");
    }
    // Every command, at every level, from the same definitions `--help` prints.
    fn check(cmd: &clap::Command, path: &str) {
        for sub in cmd.get_subcommands() {
            let path = format!("{path} {}", sub.get_name());
            let after = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(
                after.contains("Examples:\n") && after.contains(&format!("{path} ")),
                "{path} has no examples:\n{after}"
            );
            check(sub, &path);
        }
    }
    check(&grill::cli::Cli::command(), "grill");
    let (_, help, _) = run(grill(home.path()).args(["history", "show", "--help"]));
    assert!(help.contains("grill history show 3 --json"), "{help}");
    let (_, help, _) = run(grill(home.path()).args(["start", "--help"]));
    assert!(help.contains("a bare number is seconds"), "{help}");
}

#[test]
fn every_view_prints_json_with_a_format_version() {
    let home_dir = crate::common::fixture_home();
    let home = home_dir.path().to_path_buf();
    let list = json(grill(&home).args(["history", "list", "--json"]));
    assert_eq!(list["format"], 1);
    let sessions = list["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 5);
    assert_eq!(sessions[2]["number"], 3);
    assert_eq!(sessions[2]["id"], "20261108-183000-c3c3");
    assert!(
        sessions
            .iter()
            .all(|s| s["questions"].as_u64() >= s["answered"].as_u64())
    );
    assert_eq!(json(grill(&home).args(["history", "--json"])), list);

    let show = json(grill(&home).args(["history", "show", "3", "--json"]));
    assert_eq!(show["format"], 1);
    assert_eq!(show["id"], "20261108-183000-c3c3");
    assert!(!show["items"].as_array().unwrap().is_empty());

    let bank_list = json(grill(&home).args(["bank", "list", "-c", "oop", "--json"]));
    assert_eq!(bank_list["format"], 1);
    assert_eq!(bank_list["questions"].as_array().unwrap().len(), 20);
    assert!(
        bank_list["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["chapter"] == "oop")
    );
    let show = json(grill(&home).args(["bank", "show", "57", "--json"]));
    assert_eq!(
        (show["format"].clone(), show["id"].clone()),
        (1.into(), 57.into())
    );
    assert!(show["bullets"].as_array().is_some_and(|b| !b.is_empty()));
    let chapters = json(grill(&home).args(["bank", "chapters", "--json"]));
    assert_eq!(chapters["format"], 1);
    assert_eq!(chapters["chapters"].as_array().unwrap().len(), 10);
    let search = json(grill(&home).args(["bank", "search", "GIL", "--json"]));
    assert_eq!(search["format"], 1);
    assert!(!search["results"].as_array().unwrap().is_empty());
    let score = json(grill(&home).args(["score", "-q", "6", "-a", "pass does nothing", "--json"]));
    assert_eq!(score["format"], 1);
    assert_eq!(score["question"], 6);
    let dry = json(grill(&home).args(["start", "-n", "2", "--seed", "1", "--dry-run", "--json"]));
    assert_eq!(dry["format"], 1);
    assert_eq!(dry["questions"].as_array().unwrap().len(), 2);
}

#[test]
fn history_show_json_is_the_record_import_takes_back() {
    let from_dir = crate::common::fixture_home();
    let from = from_dir.path().to_path_buf();
    let (_, record, _) = run(grill(&from).args(["history", "show", "2", "--json"]));
    let to = tempfile::tempdir().unwrap();
    let file = to.path().join("one.json");
    std::fs::write(&file, &record).unwrap();
    let (code, out, err) = run(grill(to.path()).args(["history", "import"]).arg(&file));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Imported 1 session"), "{out}");
    let (_, again, _) = run(grill(to.path()).args(["history", "show", "1", "--json"]));
    assert_eq!(again, record);
}

#[test]
fn json_flags_are_refused_where_they_mean_nothing() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = run(grill(home.path()).args(["history", "--json", "export"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--json goes with"), "{err}");
    // Global options still go anywhere, including between `history` and its command.
    let fixtures_dir = crate::common::fixture_home();
    let fixtures = fixtures_dir.path().to_path_buf();
    let shown = json(grill(&fixtures).args(["history", "--color", "never", "--json", "show", "1"]));
    assert_eq!(shown["id"], "20261101-090000-a1a1");
}

#[test]
fn bank_search_lists_id_chapter_prompt_and_the_hit() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(grill(home.path()).args(["bank", "search", "decroator", "-c", "3"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Q51 · functions (chapter 3)\n  How to implement function decorators?"),
        "{out}"
    );
    assert!(out.contains("← \"decroator\" (typo)"), "{out}");
    assert!(!out.contains("(chapter 6)"), "{out}");
    assert!(out.trim_end().ends_with("match \"decroator\"."), "{out}");
    let (code, out, _) = run(grill(home.path()).args(["bank", "search", "qwzx"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("No question matches \"qwzx\""), "{out}");
    let (code, _, err) = run(grill(home.path()).args(["bank", "search", "the"]));
    assert_eq!(code, 2);
    assert!(err.contains("nothing to search for"), "{err}");
}

fn ids(v: &Value, list: &str, key: &str) -> Vec<u64> {
    v[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q[key].as_u64().unwrap())
        .collect()
}

#[test]
fn dry_run_lists_what_a_piped_run_with_the_same_seed_asks() {
    for args in [
        &["-n", "4", "--seed", "99"][..],
        &[
            "start", "-n", "3", "-c", "oop", "-c", "7", "--seed", "12345",
        ],
    ] {
        let home = tempfile::tempdir().unwrap();
        let dry = json(grill(home.path()).args(args).args(["--dry-run", "--json"]));
        let (_, text, _) = run(grill(home.path()).args(args).arg("--dry-run"));
        let drawn = ids(&dry, "questions", "id");
        for id in &drawn {
            assert!(
                text.lines()
                    .any(|l| l.split_whitespace().nth(1) == Some(&id.to_string())),
                "{id} not in\n{text}"
            );
        }
        // Nothing was saved by the dry runs.
        assert!(crate::common::history(home.path()).is_empty());

        let answers = vec!["an answer"; drawn.len()].join("\n---\n");
        let mut real = grill(home.path());
        real.args(args)
            .arg("--json")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = real.spawn().unwrap();
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), answers.as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let record: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(ids(&record, "items", "question_id"), drawn, "{args:?}");
    }
}

#[test]
fn the_replay_command_keeps_the_time_limits() {
    let home = tempfile::tempdir().unwrap();
    let answers = home.path().join("answers.txt");
    std::fs::write(&answers, "pass does nothing\n").unwrap();
    let (code, out, err) = run(grill(home.path())
        .args([
            "-n",
            "1",
            "--seed",
            "5",
            "--time",
            "90",
            "--total",
            "1h",
            "--answers",
        ])
        .arg(&answers));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("grill -n 1 --seed 5 --time 1m30s --total 1h00m"),
        "{out}"
    );
    // The default limit is left out.
    let (_, out, _) = run(grill(home.path())
        .args(["-n", "1", "--seed", "5", "--answers"])
        .arg(&answers));
    assert!(
        out.contains("grill -n 1 --seed 5\n") || out.contains("grill -n 1 --seed 5 \n"),
        "{out}"
    );
}
