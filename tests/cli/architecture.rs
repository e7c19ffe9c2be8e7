//! The house rules of ARCHITECTURE.md, checked on the source: every module imports only what
//! its row of the module table allows, commands do not import each other, every source file
//! opens with a `//!` doc and stays under 1,000 lines, and functions stay short.
//!
//! The table is read from ARCHITECTURE.md itself, so the document and the code cannot drift
//! apart: a new module needs its row, and a new import needs the table to allow it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every `.rs` file under `src/`, with its path relative to `src/`.
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src"), &root().join("src"), &mut out);
    out.sort();
    out
}

/// The top-level module a source file belongs to: `session/engine/mod.rs` is `session`,
/// `output.rs` is `output`; `main.rs` and `lib.rs` are the crate root.
fn module_of(rel: &str) -> String {
    let first = rel.split('/').next().unwrap();
    first.trim_end_matches(".rs").to_string()
}

/// The code of a file without its unit tests (tests may import anything).
fn without_tests(rel: &str, text: &str) -> String {
    if rel.ends_with("/tests.rs") || rel.contains("/tests/") {
        return String::new();
    }
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text.to_string(),
    }
}

/// The top-level modules of grill a piece of code names (`crate::bank::...`).
fn imports(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // `crate::Result` and friends are the crate root's re-exports of `error`.
        if name.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
            found.insert(name);
        } else if !name.is_empty() {
            found.insert("error".to_string());
        }
    }
    found
}

/// The module table of ARCHITECTURE.md: each module's row and the modules it may import
/// (`None`: everything).
fn table() -> BTreeMap<String, Option<BTreeSet<String>>> {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = doc
        .find("| module | holds | may import |")
        .expect("ARCHITECTURE.md has the module table");
    let mut rows = BTreeMap::new();
    for line in doc[start..].lines().skip(2) {
        if !line.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (names, may) = (cells[1], cells[3]);
        let ticked = |cell: &str| -> Vec<String> {
            cell.split('`')
                .skip(1)
                .step_by(2)
                .map(|n| n.trim_end_matches(".rs").trim_end_matches('/').to_string())
                .collect()
        };
        let allowed = if may.starts_with("everything") {
            None
        } else {
            Some(ticked(may).into_iter().collect())
        };
        for name in ticked(names) {
            rows.insert(name, allowed.clone());
        }
    }
    rows
}

#[test]
fn every_module_imports_only_what_the_architecture_table_allows() {
    let table = table();
    let mut modules = BTreeSet::new();
    let mut wrong = Vec::new();
    for (rel, text) in sources() {
        let module = module_of(&rel);
        modules.insert(module.clone());
        let row = table.get(&module).unwrap_or_else(|| {
            panic!("src/{rel}: module `{module}` has no row in ARCHITECTURE.md's module table")
        });
        let Some(allowed) = row else { continue };
        for used in imports(&without_tests(&rel, &text)) {
            if used != module && !allowed.contains(&used) {
                wrong.push(format!(
                    "src/{rel} imports `{used}`, which `{module}` may not"
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for name in table.keys() {
        assert!(
            modules.contains(name),
            "ARCHITECTURE.md lists `{name}`, which is not a module of src/"
        );
    }
}

#[test]
fn commands_do_not_import_each_other() {
    let commands: Vec<String> = sources()
        .iter()
        .filter_map(|(rel, _)| rel.strip_prefix("commands/"))
        .filter(|f| *f != "mod.rs")
        .map(|f| f.trim_end_matches(".rs").to_string())
        .collect();
    for (rel, text) in sources() {
        let Some(own) = rel.strip_prefix("commands/") else {
            continue;
        };
        let code = without_tests(&rel, &text);
        for other in commands.iter().filter(|c| format!("{c}.rs") != own) {
            for pattern in [format!("super::{other}::"), format!("commands::{other}::")] {
                assert!(
                    !code.contains(&pattern),
                    "src/{rel} uses `{pattern}`: a step two commands share belongs in the \
                     domain module it is about"
                );
            }
        }
    }
}

#[test]
fn every_source_file_has_a_module_doc_and_stays_under_1000_lines() {
    for (rel, text) in sources() {
        assert!(
            text.trim_start().starts_with("//!"),
            "src/{rel} does not open with a //! doc"
        );
        let lines = text.lines().count();
        assert!(lines <= 1000, "src/{rel} has {lines} lines (at most 1,000)");
    }
}

/// The functions of `text` and their lengths in lines, from `fn` to the closing brace at the
/// same indent.
fn functions(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let code = line.trim_start();
        let indent = &line[..line.len() - code.len()];
        let after_fn = [
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "fn ",
            "const fn ",
        ]
        .iter()
        .find_map(|p| code.strip_prefix(p));
        let Some(rest) = after_fn else { continue };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // A declaration without a body (in a trait) ends on its own line.
        if code.ends_with(';') {
            continue;
        }
        let close = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == close) {
            found.push((name, end + 2));
        }
    }
    found
}

#[test]
fn functions_stay_short() {
    // Pure layout code (tables, charts) may run to 120 lines; list it here by file and name.
    const LAYOUT: &[(&str, &str)] = &[];
    let mut long = Vec::new();
    for (rel, text) in sources() {
        for (name, n) in functions(&text) {
            let layout = LAYOUT.contains(&(rel.as_str(), name.as_str()));
            let limit = if layout { 120 } else { 100 };
            if n > limit {
                long.push(format!(
                    "src/{rel}: fn {name} is {n} lines (at most {limit})"
                ));
            }
        }
    }
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_checks_see_what_they_check() {
    // The parsers above find what they look for, so a passing test means something.
    let code =
        "use crate::bank::Bank;\nfn f() -> crate::Result<()> {\n    crate::output::note(1)\n}\n";
    let found: Vec<String> = imports(code).into_iter().collect();
    assert_eq!(found, ["bank", "error", "output"]);
    assert_eq!(functions(code), [("f".to_string(), 3)]);
    assert_eq!(module_of("session/engine/mod.rs"), "session");
    assert_eq!(module_of("output.rs"), "output");
    assert!(without_tests("a.rs", "x\n#[cfg(test)]\nmod tests { crate::y }").ends_with("x\n"));
    let table = table();
    assert_eq!(table.get("main"), Some(&None), "main may import everything");
    assert!(table.len() > 10, "{table:?}");
}
