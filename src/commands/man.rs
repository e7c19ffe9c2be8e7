//! `grill man`: man pages in roff, from the same clap definitions as `--help` (clap_mangen).
//!
//! One page per command, as clap_mangen's SUBCOMMANDS section expects (`grill-bank(1)` is
//! referred to from `grill(1)`). The after-help text (examples, exit codes, formats) is laid out
//! in columns, so it goes into the page verbatim (no-fill) under its own headings rather than
//! clap_mangen's EXTRA section, which would run its lines together into one paragraph.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, roman};

use crate::cli::Cli;
use crate::error::{Error, Exit, Result};

/// Prints the page of `path` (a command's words, empty for grill itself), or with `dir` writes
/// every page there.
pub fn run(path: &[String], dir: Option<&Path>, out: &mut dyn Write) -> Result<Exit> {
    // clap's `help` command has no page of its own (clap_mangen leaves it out the same way).
    let mut root = Cli::command().disable_help_subcommand(true);
    // Building sets each subcommand's display name (`grill-bank-list`), the page's title.
    root.build();
    if let Some(dir) = dir {
        let written = write_all(&root, dir)?;
        writeln!(out, "wrote {written} man pages to {}", dir.display())?;
        return Ok(Exit::Ok);
    }
    let mut cmd = &root;
    for (i, word) in path.iter().enumerate() {
        cmd = cmd.find_subcommand(word).ok_or_else(|| {
            let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            Error::input(format!(
                "`grill {}` is not a command; pages exist for grill {}",
                path[..=i].join(" "),
                if names.is_empty() {
                    "and its commands".to_string()
                } else {
                    format!(
                        "{}{}",
                        path[..i]
                            .iter()
                            .map(|w| format!("{w} "))
                            .collect::<String>(),
                        names.join(" | ")
                    )
                }
            ))
        })?;
    }
    out.write_all(&page(cmd)?)?;
    Ok(Exit::Ok)
}

/// Writes the pages of `cmd` and of every command under it to `dir`; returns how many.
fn write_all(cmd: &clap::Command, dir: &Path) -> Result<usize> {
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::create_dir_all(dir).map_err(io(crate::error::IoAction::Create, dir))?;
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name());
    let file = dir.join(format!("{name}.1"));
    std::fs::write(&file, page(cmd)?).map_err(io(crate::error::IoAction::Write, &file))?;
    let mut written = 1;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        written += write_all(sub, dir)?;
    }
    Ok(written)
}

/// The roff page of one command.
fn page(cmd: &clap::Command) -> Result<Vec<u8>> {
    // Every page says which grill it documents (clap_mangen would name a command's own version).
    let man = Man::new(cmd.clone()).source(format!("grill {}", env!("CARGO_PKG_VERSION")));
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut buf)?;
    }
    if let Some(after) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) {
        buf.extend(after_help(&after.to_string()).render().as_bytes());
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut buf)?;
    }
    Ok(buf)
}

/// The after-help text as sections: a line ending in `:` at the margin heads a section
/// (`Examples:` becomes EXAMPLES, `Exit codes:` the usual EXIT STATUS); the lines under it are
/// kept as written.
fn after_help(text: &str) -> Roff {
    let mut roff = Roff::new();
    let mut open = false;
    for line in text.lines() {
        let heading = !line.starts_with(' ') && line.ends_with(':') && !line.is_empty();
        if heading {
            if open {
                roff.control("fi", [] as [&str; 0]);
            }
            let title = match line.trim_end_matches(':') {
                "Exit codes" => "EXIT STATUS".to_string(),
                other => other.to_uppercase(),
            };
            roff.control("SH", [title.as_str()]);
            roff.control("nf", [] as [&str; 0]);
            open = true;
            continue;
        }
        if !open {
            roff.control("SH", ["NOTES"]);
            roff.control("nf", [] as [&str; 0]);
            open = true;
        }
        roff.text([roman(line)]);
    }
    if open {
        roff.control("fi", [] as [&str; 0]);
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_of(path: &[&str]) -> String {
        let mut buf = Vec::new();
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        run(&path, None, &mut buf).unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn the_main_page_has_options_commands_examples_and_exit_codes() {
        let page = page_of(&[]);
        assert!(page.contains("\n.TH grill 1"), "{page}");
        for section in [
            ".SH OPTIONS",
            ".SH SUBCOMMANDS",
            ".SH EXAMPLES",
            ".SH \"EXIT STATUS\"",
        ] {
            assert!(page.contains(section), "{section} missing:\n{page}");
        }
        assert!(page.contains("grill\\-bank(1)"), "{page}");
        // Examples stay one per line: no-fill.
        assert!(page.contains(".SH EXAMPLES\n.nf\n"), "{page}");
        assert!(page.contains("130  interrupted"), "{page}");
    }

    #[test]
    fn each_command_has_a_page_and_unknown_ones_are_refused() {
        let page = page_of(&["bank", "search"]);
        assert!(page.contains("\n.TH grill-bank-search 1"), "{page}");
        assert!(
            page.contains(&format!("\"grill {}\"", env!("CARGO_PKG_VERSION"))),
            "{page}"
        );
        assert!(page.contains("\\-\\-json"), "{page}");
        let err = run(&["bank".into(), "frob".into()], None, &mut Vec::new()).unwrap_err();
        assert_eq!(err.exit(), Exit::BadInput);
        assert!(err.to_string().contains("grill bank frob"), "{err}");
        assert!(err.to_string().contains("search"), "{err}");
    }

    #[test]
    fn dir_writes_a_page_per_command() {
        let dir = tempfile::tempdir().unwrap();
        let mut out = Vec::new();
        run(&[], Some(dir.path()), &mut out).unwrap();
        for name in [
            "grill.1",
            "grill-start.1",
            "grill-bank.1",
            "grill-bank-search.1",
        ] {
            assert!(dir.path().join(name).is_file(), "{name}");
        }
    }
}
