//! The bank library: the built-in banks and the ones a user added (`grill bank add`), each
//! under a short name that `--bank NAME` and `GRILL_BANK` take.
//!
//! An added bank is a copy in grill's canonical JSON, `<data dir>/banks/NAME.json`, written
//! atomically (a temporary file renamed into place), so the original file can move or change
//! without breaking sessions that use it. This module knows only the folder it is given (the
//! command passes the history's data directory), so the bank layer stays free of the history.
//!
//! How `--bank VALUE` is read ([`choose`]): a value with a path separator or a dot (`./sql`,
//! `sql.txt`, `~/banks/sql.json`) or `-` is a file; otherwise a built-in name (`python`), then
//! an added bank's name, then a file of that name in the current folder; else an error that
//! lists the names there are.

use std::path::{Path, PathBuf};

use super::Bank;
use crate::error::{Error, Result};

/// A bank compiled into grill.
#[derive(Debug)]
pub struct BuiltIn {
    /// The name `--bank` takes.
    pub name: &'static str,
    /// The bank, in canonical JSON.
    pub json: &'static str,
}

/// The built-in banks, the default first. Another is one line here (and its name in
/// [`RESERVED`]); the test suite checks each one whole (`tests/cli/bank_content.rs`).
pub const BUILT_IN: &[BuiltIn] = &[
    BuiltIn {
        name: "python",
        json: super::EMBEDDED_JSON,
    },
    // Python 3.12-3.14 (data/MODERN.md says where each answer comes from).
    BuiltIn {
        name: "modern",
        json: include_str!("../../data/modern-python.json"),
    },
];

/// Names kept for built-in banks, present or coming, that no added bank may take.
pub const RESERVED: &[&str] = &["python", "modern"];

/// The longest name a library bank may have.
pub const NAME_MAX: usize = 40;

impl BuiltIn {
    /// The bank, read as `Bank::embedded` reads the default: by plain deserialisation, as
    /// built-in banks are checked whole by the test suite.
    pub fn bank(&self) -> Bank {
        serde_json::from_str(self.json).expect("a built-in bank is valid")
    }

    /// The built-in bank of this name (any case).
    pub fn find(name: &str) -> Option<&'static BuiltIn> {
        BUILT_IN.iter().find(|b| b.name.eq_ignore_ascii_case(name))
    }
}

/// Checks a library name and returns it in lower case: letters, digits, `-` and `_`, starting
/// with a letter or digit, at most [`NAME_MAX`] characters, not a built-in's name.
pub fn check_name(name: &str) -> Result<String> {
    let fix = "a name is 1 to 40 letters, digits, `-` or `_`, starting with a letter or digit, \
               such as `sql` or `system-design`";
    if name.is_empty() {
        return Err(Error::input(format!("--name: the name is empty; {fix}")));
    }
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Err(Error::input(format!(
            "--name: `{}` looks like a path; {fix} (grill keeps the file in its own folder)",
            name.escape_debug()
        )));
    }
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let ok_start = name.starts_with(|c: char| c.is_ascii_alphanumeric());
    if !ok_chars || !ok_start || name.chars().count() > NAME_MAX {
        return Err(Error::input(format!(
            "--name: `{}` is not a bank name; {fix}",
            name.escape_debug()
        )));
    }
    let lower = name.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str()) {
        return Err(Error::input(format!(
            "--name: `{lower}` is the name of a built-in bank; choose another name"
        )));
    }
    Ok(lower)
}

/// A name for a bank added without `--name`: its file name without extension, in lower case,
/// other characters as `-`; `None` when nothing usable is left.
pub fn name_from_path(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let mut name = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_matches('-').chars().take(NAME_MAX).collect();
    let name = name.trim_end_matches('-').to_string();
    check_name(&name).ok()
}

/// The folder of added banks.
#[derive(Debug, Clone)]
pub struct Library {
    dir: PathBuf,
}

/// The largest library bank, in bytes, that the list loads and checks whole (8 MB: ten times
/// the built-in bank as JSON).
pub const SUMMARY_WHOLE: usize = 8 * 1024 * 1024;

/// What the library's list shows of a bank ([`Library::summary`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The bank's title.
    pub title: String,
    /// How many chapters it has.
    pub chapters: usize,
    /// How many questions, in all its chapters.
    pub questions: usize,
}

/// A bank `--bank` chose.
#[derive(Debug)]
pub enum Choice {
    /// A built-in bank.
    BuiltIn(&'static BuiltIn),
    /// An added bank, by name.
    Added(String),
    /// A file.
    Path(PathBuf),
}

impl Library {
    /// The library kept in `dir` (created on the first `add`).
    pub fn at(dir: impl Into<PathBuf>) -> Library {
        Library { dir: dir.into() }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of added bank `name`.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Whether bank `name` has been added: something is there under its name (a damaged
    /// entry, a folder or a FIFO too, so that what is wrong with it is said, not that it is
    /// missing, as `names` lists it).
    pub fn has(&self, name: &str) -> bool {
        std::fs::symlink_metadata(self.path_of(&name.to_ascii_lowercase())).is_ok()
    }

    /// An error for an entry under `path` that is not a file (a folder, a FIFO): what it is and
    /// to move it away, as neither adding nor removing a bank will touch it.
    fn not_a_file(path: &Path) -> Error {
        Error::input(format!(
            "the library holds {}, which is not a file grill wrote (a folder, a FIFO or a \
             device); move it away, then add the bank again",
            path.display()
        ))
    }

    /// The names of the added banks, sorted.
    pub fn names(&self) -> Result<Vec<String>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::read(&self.dir, e)),
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().to_str()?.strip_suffix(".json")?.to_string();
                check_name(&name).ok().filter(|n| *n == name)
            })
            .collect();
        names.sort();
        Ok(names)
    }

    /// Loads added bank `name`; a damaged file is reported with its path and lines.
    pub fn load(&self, name: &str) -> Result<Bank> {
        let path = self.path_of(&name.to_ascii_lowercase());
        let text = crate::error::read_text_file(&path, "a library bank")?;
        Bank::parse(&text, &path.display().to_string(), super::Format::Json)
    }

    /// Added bank `name`'s title and size, for listing. A bank of up to [`SUMMARY_WHOLE`]
    /// bytes is loaded and checked whole, so a damaged one is listed with its problem; a
    /// larger one is read without keeping its questions (a 30 MB one took 577 MB to list
    /// whole), and checked whole only when that fails, for [`Library::load`]'s message with
    /// its lines.
    pub fn summary(&self, name: &str) -> Result<Summary> {
        #[derive(serde::Deserialize)]
        struct Head {
            format: u32,
            title: String,
            chapters: Vec<Counted>,
        }
        #[derive(serde::Deserialize)]
        struct Counted {
            questions: Vec<serde::de::IgnoredAny>,
        }
        let path = self.path_of(&name.to_ascii_lowercase());
        let text = crate::error::read_text_file(&path, "a library bank")?;
        let head = (text.len() > SUMMARY_WHOLE)
            .then(|| serde_json::from_str::<Head>(&text).ok())
            .flatten();
        match head {
            Some(h) if h.format == super::FORMAT_VERSION => Ok(Summary {
                questions: h.chapters.iter().map(|c| c.questions.len()).sum(),
                chapters: h.chapters.len(),
                title: h.title,
            }),
            _ => {
                let bank = Bank::parse(&text, &path.display().to_string(), super::Format::Json)?;
                Ok(Summary {
                    questions: bank.question_count(),
                    chapters: bank.chapters.len(),
                    title: bank.title,
                })
            }
        }
    }

    /// Adds `bank` as `name` (checked with [`check_name`]); an existing bank of that name is
    /// replaced only with `replace`, and then returned.
    pub fn add(&self, name: &str, bank: &Bank, replace: bool) -> Result<Option<Bank>> {
        let name = check_name(name)?;
        let path = self.path_of(&name);
        let taken = || {
            Error::input(format!(
                "a bank named `{name}` is already in the library; add --replace to replace it \
                 (its history is kept), or choose another --name"
            ))
        };
        if path.exists() && !path.is_file() {
            return Err(Library::not_a_file(&path));
        }
        let old = if path.exists() {
            if !replace {
                return Err(taken());
            }
            self.load(&name).ok()
        } else {
            None
        };
        std::fs::create_dir_all(&self.dir).map_err(|e| Error::Io {
            action: crate::error::IoAction::Create,
            path: self.dir.clone(),
            source: e,
        })?;
        let mut tmp =
            tempfile::NamedTempFile::new_in(&self.dir).map_err(|e| Error::write(&self.dir, e))?;
        std::io::Write::write_all(&mut tmp, super::json::to_string(bank).as_bytes())
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::write(&path, e))?;
        let persisted = if replace {
            tmp.persist(&path).map(|_| ())
        } else {
            tmp.persist_noclobber(&path).map(|_| ())
        };
        persisted.map_err(|e| match e.error.kind() {
            // Another grill added the name between the look above and now.
            std::io::ErrorKind::AlreadyExists if !replace => taken(),
            _ => Error::write(&path, e.error),
        })?;
        Ok(old)
    }

    /// Removes added bank `name`, returning it (its history stays).
    pub fn remove(&self, name: &str) -> Result<Bank> {
        let lower = name.to_ascii_lowercase();
        if BuiltIn::find(&lower).is_some() {
            return Err(Error::input(format!(
                "`{lower}` is a built-in bank and cannot be removed"
            )));
        }
        if !self.has(&lower) {
            return Err(self.unknown(name));
        }
        let path = self.path_of(&lower);
        if path.is_dir() {
            return Err(Library::not_a_file(&path));
        }
        let bank = self.load(&lower).ok();
        std::fs::remove_file(&path).map_err(|e| Error::write(&path, e))?;
        Ok(bank.unwrap_or_else(|| Bank {
            title: lower,
            description: None,
            chapters: Vec::new(),
            tips: Vec::new(),
            synonyms: Vec::new(),
        }))
    }

    /// The error for a name that is neither built in nor added.
    pub fn unknown(&self, name: &str) -> Error {
        let mut names: Vec<String> = BUILT_IN.iter().map(|b| b.name.to_string()).collect();
        names.extend(self.names().unwrap_or_default());
        Error::input(format!(
            "no bank named `{}` in the library (it has: {}); `grill bank library` lists them, \
             `grill bank add FILE --name NAME` adds one",
            name.escape_debug(),
            names.join(", ")
        ))
    }
}

/// What `--bank VALUE` names (see the module's doc); `library` is `None` when there is no data
/// directory.
pub fn choose(value: &Path, library: Option<&Library>) -> Result<Choice> {
    let Some(s) = value.to_str() else {
        return Ok(Choice::Path(value.to_path_buf()));
    };
    if s == "-" || s.contains(['/', '\\', '.']) || s.contains(std::path::MAIN_SEPARATOR) {
        return Ok(Choice::Path(value.to_path_buf()));
    }
    if let Some(b) = BuiltIn::find(s) {
        return Ok(Choice::BuiltIn(b));
    }
    if let Some(lib) = library
        && lib.has(s)
    {
        return Ok(Choice::Added(s.to_ascii_lowercase()));
    }
    // Anything there (a folder, a FIFO) is a path, for the loader to say what it is.
    if value.exists() {
        return Ok(Choice::Path(value.to_path_buf()));
    }
    Err(match library {
        Some(lib) => lib.unknown(s),
        None => Error::input(format!(
            "--bank: no file `{s}`, and no library to look the name up in (no data directory); \
             give the path of a bank file"
        )),
    })
}

/// Loads the bank `--bank VALUE` names.
pub fn load(value: &Path, library: Option<&Library>) -> Result<Bank> {
    match choose(value, library)? {
        Choice::BuiltIn(b) => Ok(b.bank()),
        Choice::Added(name) => library
            .expect("an added bank was found in the library")
            .load(&name),
        Choice::Path(p) => Bank::load(&p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked_and_lower_cased() {
        assert_eq!(check_name("SQL_2").unwrap(), "sql_2");
        for bad in [
            "",
            "../x",
            "a/b",
            ".hidden",
            "-x",
            "a b",
            "é",
            &"x".repeat(41),
        ] {
            let e = check_name(bad).unwrap_err();
            assert_eq!(e.exit(), crate::error::Exit::BadInput, "{bad}");
            assert!(e.to_string().starts_with("--name: "), "{e}");
        }
        assert!(
            check_name("Python")
                .unwrap_err()
                .to_string()
                .contains("built-in")
        );
        assert!(check_name("modern").is_err());
        assert_eq!(
            name_from_path(Path::new("dir/My Deck (v2).apkg")).as_deref(),
            Some("my-deck-v2")
        );
        assert_eq!(name_from_path(Path::new("python.apkg")), None);
    }

    #[test]
    fn adds_of_one_name_at_once_add_it_once_and_tell_the_rest_it_is_taken() {
        let dir = tempfile::tempdir().unwrap();
        let lib = std::sync::Arc::new(Library::at(dir.path().join("banks")));
        let bank = super::super::text::parse("title: S\n# a: A\nQ1. p?\n- b\n", "s").unwrap();
        let results: Vec<Result<Option<Bank>>> = (0..8)
            .map(|_| {
                let (lib, bank) = (lib.clone(), bank.clone());
                std::thread::spawn(move || lib.add("race", &bank, false))
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap())
            .collect();
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
        for e in results.into_iter().filter_map(Result::err) {
            assert!(matches!(e, Error::Input(_)), "{e}");
            assert!(e.to_string().contains("already in the library"), "{e}");
        }
    }

    #[test]
    fn a_summary_counts_as_the_whole_bank_does_and_a_damaged_one_says_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::at(dir.path().join("banks"));
        let bank = Bank::embedded();
        lib.add("py", &bank, false).unwrap();
        let s = lib.summary("py").unwrap();
        assert_eq!(
            (s.title.as_str(), s.chapters, s.questions),
            (
                bank.title.as_str(),
                bank.chapters.len(),
                bank.question_count()
            )
        );
        std::fs::write(lib.path_of("bad"), "{\"format\": 1, bad").unwrap();
        let e = lib.summary("bad").unwrap_err().to_string();
        assert!(
            e.contains("bad.json:1:") && e.contains("JSON syntax error"),
            "{e}"
        );
        // A small bank is checked whole: a question without bullets is a problem, not a count.
        let broken = r#"{"format": 1, "title": "B", "chapters": [{"id": "a", "title": "A", "questions": [{"id": 1, "prompt": "p?", "bullets": []}]}]}"#;
        std::fs::write(lib.path_of("broken"), broken).unwrap();
        assert!(lib.summary("broken").is_err());
        // A newer format is not counted as if it were read: loaded whole, it says why not.
        std::fs::write(
            lib.path_of("new"),
            "{\"format\": 9, \"title\": \"N\", \"chapters\": []}",
        )
        .unwrap();
        assert!(lib.summary("new").is_err());
    }

    #[test]
    fn add_load_replace_remove() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::at(dir.path().join("banks"));
        let bank = super::super::text::parse("title: S\n# a: A\nQ1. p?\n- b\n", "s").unwrap();
        assert_eq!(lib.add("Sql", &bank, false).unwrap(), None);
        assert_eq!(lib.names().unwrap(), ["sql"]);
        assert_eq!(lib.load("SQL").unwrap(), bank);
        let e = lib.add("sql", &bank, false).unwrap_err().to_string();
        assert!(e.contains("--replace"), "{e}");
        assert_eq!(lib.add("sql", &bank, true).unwrap(), Some(bank.clone()));
        assert!(
            matches!(choose(Path::new("sql"), Some(&lib)).unwrap(), Choice::Added(n) if n == "sql")
        );
        assert!(matches!(
            choose(Path::new("PYTHON"), Some(&lib)).unwrap(),
            Choice::BuiltIn(_)
        ));
        assert!(matches!(
            choose(Path::new("sql.txt"), Some(&lib)).unwrap(),
            Choice::Path(_)
        ));
        assert_eq!(lib.remove("sql").unwrap(), bank);
        let e = choose(Path::new("sql"), Some(&lib))
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("no bank named `sql`") && e.contains("it has: python"),
            "{e}"
        );
        assert!(
            lib.remove("python")
                .unwrap_err()
                .to_string()
                .contains("built-in")
        );
    }
}
