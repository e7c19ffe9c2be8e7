//! `grill transcribe FILE` and `grill voice check|import-model`: speech to text and its model,
//! offline. Without the cargo feature `voice` both say how to get a voice build (exit 2).

#[cfg(not(feature = "voice"))]
pub use without_voice::{run, transcribe};

#[cfg(not(feature = "voice"))]
mod without_voice {
    use std::io::Write;

    use super::super::Context;
    use crate::error::{Error, Exit, Result};
    use crate::voice::{NOT_BUILT, TranscribePlan, VoicePlan};

    /// `grill transcribe`: a build without voice support says how to get one (exit 2).
    pub fn transcribe(_plan: &TranscribePlan, _out: &mut dyn Write) -> Result<Exit> {
        Err(Error::input(NOT_BUILT))
    }

    /// `grill voice`: a build without voice support says how to get one (exit 2).
    pub fn run(_ctx: &Context, _plan: &VoicePlan, _out: &mut dyn Write) -> Result<Exit> {
        Err(Error::input(NOT_BUILT))
    }
}

#[cfg(feature = "voice")]
pub use with_voice::{run, transcribe};

#[cfg(feature = "voice")]
mod with_voice {
    use std::io::Write;
    use std::path::{Path, PathBuf};
    use std::time::Instant;

    use super::super::Context;
    use crate::error::{Error, Exit, Result};
    use crate::output::{note, visible};
    use crate::voice::{
        ModelChoice, ModelOrigin, Samples, TranscribePlan, Transcriber, Transcript, VoicePlan,
        model, record,
    };

    /// `grill transcribe FILE`: the words on stdout, one line; nothing (and a note on stderr)
    /// when nothing was said.
    pub fn transcribe(plan: &TranscribePlan, out: &mut dyn Write) -> Result<Exit> {
        let choice = ModelChoice::resolve(plan.model.as_deref())?;
        if !choice.path.exists() {
            return Err(choice.missing());
        }
        let samples = Samples::read_wav(&plan.wav)?;
        let transcriber = Transcriber::load(&choice.path)?;
        let transcript = match &plan.hint {
            Some(hint) => transcriber.transcribe_with_hint(&samples, hint)?,
            None => transcriber.transcribe(&samples)?,
        };
        match transcript {
            Transcript::Text(text) => writeln!(out, "{}", visible(&text))?,
            Transcript::Blank => note(format_args!(
                "nothing was said in {} ({:.1} s of silence or noise)",
                crate::error::source_name(&plan.wav),
                samples.duration().as_secs_f64()
            )),
        }
        Ok(Exit::Ok)
    }

    /// `grill voice ...`.
    pub fn run(ctx: &Context, plan: &VoicePlan, out: &mut dyn Write) -> Result<Exit> {
        match plan {
            VoicePlan::Check { model } => check(ctx, model.as_deref(), out),
            VoicePlan::ImportModel { dir, output, force } => {
                import(ctx, dir, output.as_deref(), *force, out)
            }
        }
    }

    /// `grill voice check`: the model (and whether whisper.cpp loads it) and the microphone;
    /// exit 1 when either is missing.
    fn check(ctx: &Context, flag: Option<&Path>, out: &mut dyn Write) -> Result<Exit> {
        let theme = ctx.stdout_theme();
        let mut ok = true;
        let choice = ModelChoice::resolve(flag)?;
        writeln!(
            out,
            "{} {} ({})",
            theme.bold("Speech model:"),
            visible(&choice.path.display().to_string()),
            choice.origin_words()
        )?;
        let model = if choice.path.exists() {
            Transcriber::load(&choice.path).map(|t| t.info().summary())
        } else {
            Err(choice.missing())
        };
        match model {
            Ok(summary) => writeln!(
                out,
                "  {} {summary}, loads in whisper.cpp {}",
                theme.good("ok:"),
                whisper_rs::WHISPER_CPP_VERSION
            )?,
            Err(e) => {
                ok = false;
                writeln!(
                    out,
                    "  {} {}",
                    theme.bad("missing:"),
                    visible(&e.to_string())
                )?;
            }
        }
        writeln!(out, "{}", theme.bold("Microphone:"))?;
        match record::default_input() {
            Ok(input) => writeln!(
                out,
                "  {} {} ({}), records {}",
                theme.good("ok:"),
                visible(&input.name),
                visible(&input.id),
                input.format
            )?,
            Err(e) => {
                ok = false;
                writeln!(
                    out,
                    "  {} {}",
                    theme.bad("missing:"),
                    visible(&e.to_string())
                )?;
            }
        }
        Ok(if ok { Exit::Ok } else { Exit::Failure })
    }

    /// `grill voice import-model DIR`: converts, checks, and loads the result once in
    /// whisper.cpp; a file whisper.cpp refuses is removed again.
    fn import(
        ctx: &Context,
        dir: &Path,
        output: Option<&Path>,
        force: bool,
        out: &mut dyn Write,
    ) -> Result<Exit> {
        let started = Instant::now();
        let dir = model_dir(dir)?;
        let (output, is_default) = match output {
            Some(p) => (p.to_path_buf(), false),
            None => (crate::voice::default_model_path()?, true),
        };
        let converted = model::convert(&dir, &output, force)?;
        if let Err(e) = Transcriber::load(&converted.path) {
            let _ = std::fs::remove_file(&converted.path);
            return Err(Error::Failed(format!(
                "whisper.cpp refused the converted model, so it was removed: {e}"
            )));
        }
        let theme = ctx.stdout_theme();
        writeln!(
            out,
            "{} {}: {}, {} tensors checked against whisper.cpp's names, shapes and types, in {:.1} s",
            theme.good("Wrote"),
            visible(&converted.path.display().to_string()),
            converted.info.summary(),
            converted.info.tensors,
            started.elapsed().as_secs_f64()
        )?;
        let used = ModelChoice::resolve(None)?;
        if is_default && used.origin == ModelOrigin::Default {
            writeln!(out, "grill uses it for speech from now on.")?;
        } else if used.path != converted.path {
            writeln!(
                out,
                "To use it: --model {} (or set {})",
                visible(&converted.path.display().to_string()),
                crate::voice::MODEL_ENV
            )?;
        }
        Ok(Exit::Ok)
    }

    /// The model folder: `dir` if it holds model.bin, else its one subfolder that does (as
    /// in a Python package that ships its model in `model/`).
    fn model_dir(dir: &Path) -> Result<PathBuf> {
        if dir.join("model.bin").is_file() || !dir.is_dir() {
            return Ok(dir.to_path_buf());
        }
        let found: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::read(dir, e))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.join("model.bin").is_file())
            .collect();
        match found.as_slice() {
            [one] => Ok(one.clone()),
            [] => Ok(dir.to_path_buf()), // convert says what is missing
            _ => Err(Error::input(format!(
                "{} holds several model folders; give one of them",
                dir.display()
            ))),
        }
    }
}
