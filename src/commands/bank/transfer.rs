//! `grill bank import` and `grill bank export`: banks from other formats, and out to grill's
//! formats or an Anki package.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::bank::{self, Bank, ExportFormat, Format};
use crate::error::{Error, Exit, Result};
use crate::output::{self, Theme};

/// `grill bank import FILE [--format F]`: the bank on stdout, what was left out on stderr.
pub fn import(file: &Path, format: Format, theme: Theme, out: &mut dyn Write) -> Result<Exit> {
    let imported = bank::import::read_file(file)?;
    super::library::report(&imported, &crate::error::source_name(file), theme);
    write_grill(&imported.bank, format, out)?;
    Ok(Exit::Ok)
}

/// A bank in one of grill's formats (through `visible`, as every text rendering goes; a
/// loaded bank holds no control characters).
fn write_grill(bank: &Bank, format: Format, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Json => out.write_all(bank::json::to_string(bank).as_bytes())?,
        Format::Text => out.write_all(output::visible(&bank::text::to_string(bank)).as_bytes())?,
    }
    Ok(())
}

/// `grill bank export [--format F] [--output FILE]`.
pub fn export(
    bank: &Bank,
    format: ExportFormat,
    output: Option<&Path>,
    theme: Theme,
    out: &mut dyn Write,
) -> Result<Exit> {
    if format == ExportFormat::Apkg && output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::input(
            "--format apkg writes a binary file, not text for the terminal: give --output \
             deck.apkg, or redirect stdout (`grill bank export --format apkg > deck.apkg`)",
        ));
    }
    let mut bytes = Vec::new();
    match format {
        ExportFormat::Json => write_grill(bank, Format::Json, &mut bytes)?,
        ExportFormat::Text => write_grill(bank, Format::Text, &mut bytes)?,
        ExportFormat::Apkg => {
            bank::anki::write::write(bank, jiff::Timestamp::now().as_millisecond(), &mut bytes)?
        }
    }
    let Some(path) = output else {
        out.write_all(&bytes)?;
        return Ok(Exit::Ok);
    };
    let example = match format {
        ExportFormat::Json => "bank.json",
        ExportFormat::Text => "bank.txt",
        ExportFormat::Apkg => "deck.apkg",
    };
    write_file(path, &bytes, example)?;
    let q = bank.question_count();
    let what = match format {
        ExportFormat::Apkg => format!(
            "an Anki package: in Anki, File > Import; importing a later export updates these \
             {q} notes instead of adding copies"
        ),
        _ => format!("{q} question{}", crate::words::plural(q)),
    };
    output::note_wrapped(
        &format!(
            "Wrote \"{}\" to {} ({what}).",
            output::visible(&bank.title),
            output::visible(&path.display().to_string())
        ),
        |s| theme.dim(s),
    );
    Ok(Exit::Ok)
}

/// Writes `bytes` to `path` whole: a temporary file beside it, renamed over it, with the mode
/// of the file it replaces. A symbolic link is written through, to the file it names; what is
/// not a file (a FIFO, `/dev/stdout`, a device) is written to as it is, never replaced.
/// `example` names a file of the format, for a folder given instead of one.
fn write_file(path: &Path, bytes: &[u8], example: &str) -> Result<()> {
    if path.is_dir() {
        return Err(Error::input(format!(
            "--output: {} is a folder; give a file name in it, such as {}",
            path.display(),
            path.join(example).display()
        )));
    }
    // Through a link to what it names (a dangling one is replaced, as a missing file is made).
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let existing = std::fs::metadata(&target).ok();
    // What is no file, and the system's names for open streams (`/dev/stdout` names the file
    // stdout was sent to, `>> log` and all), is written to as it is: appended, never replaced.
    let stream = path.starts_with("/dev") || path.starts_with("/proc");
    if stream || existing.as_ref().is_some_and(|m| !m.is_file()) {
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Error::write(path, e))?;
        return file
            .write_all(bytes)
            .and_then(|()| file.flush())
            .map_err(|e| Error::write(path, e));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    // A file the user asked for, not a private one: the replaced file's mode, or else the
    // usual one less the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Read and write bits only: never a setuid or sticky bit on a file of questions.
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::input(format!(
            "--output: the folder {} does not exist",
            dir.display()
        )),
        _ => Error::write(path, e),
    })?;
    tmp.write_all(bytes).map_err(|e| Error::write(path, e))?;
    // The umask narrowed the mode the file was made with; the replaced file's is kept whole.
    #[cfg(unix)]
    if let Some(meta) = &existing {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        let _ = tmp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode));
    }
    tmp.persist(&target)
        .map_err(|e| Error::write(path, e.error))?;
    Ok(())
}
