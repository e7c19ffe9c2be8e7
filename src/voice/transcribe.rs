//! Speech to text with whisper.cpp (through whisper-rs's safe API), offline.
//!
//! A [`Transcriber`] holds a loaded model (load it once: tiny.en takes about 0.1 s and 75 MB);
//! [`Transcriber::transcribe`] turns [`Samples`] into a [`Transcript`], and
//! [`Transcriber::spawn`] does it on a thread so that a screen can keep drawing (a spinner)
//! and cancel it. whisper.cpp's own log lines are kept off the terminal.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

use super::audio::Samples;
use super::model::{ModelInfo, inspect};
use crate::error::{Error, Result};

/// What was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transcript {
    /// The words, as one line of text (Whisper's segments joined by spaces).
    Text(String),
    /// Nothing was said: silent audio, or only Whisper's marks for non-speech
    /// (`[BLANK_AUDIO]`, `(silence)`, `[MUSIC]`, ...).
    Blank,
}

impl Transcript {
    /// The text, or `None` when blank.
    pub fn text(&self) -> Option<&str> {
        match self {
            Transcript::Text(t) => Some(t),
            Transcript::Blank => None,
        }
    }
}

/// A loaded Whisper model, ready to transcribe; cheap to clone and share between threads.
#[derive(Clone)]
pub struct Transcriber {
    ctx: Arc<WhisperContext>,
    path: PathBuf,
    info: ModelInfo,
}

impl std::fmt::Debug for Transcriber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transcriber")
            .field("path", &self.path)
            .field("model", &self.info.summary())
            .finish()
    }
}

impl Transcriber {
    /// Loads a whisper.cpp model file. It is first checked as whisper.cpp would
    /// ([`inspect`]), so a wrong or damaged file gets a message that says what is wrong
    /// (exit 2) rather than whisper.cpp's failure.
    pub fn load(path: &Path) -> Result<Transcriber> {
        let info = inspect(path)?;
        // whisper.cpp and ggml log every step of loading to stderr; this sends their lines
        // nowhere (whisper-rs without its `log` backends). Once per process.
        whisper_rs::install_logging_hooks();
        let mut params = WhisperContextParameters::default();
        params.use_gpu(false);
        let ctx = WhisperContext::new_with_params(path, params).map_err(|e| {
            Error::Failed(format!(
                "whisper.cpp could not load the speech model {} ({e}); check that it is a \
                 whisper.cpp model file and that there is memory for it",
                path.display()
            ))
        })?;
        Ok(Transcriber {
            ctx: Arc::new(ctx),
            path: path.to_path_buf(),
            info,
        })
    }

    /// The model's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the model is (size, language, weight type).
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// Transcribes 16 kHz mono audio. Silent audio is [`Transcript::Blank`] without running
    /// the model (Whisper invents words for silence).
    pub fn transcribe(&self, samples: &Samples) -> Result<Transcript> {
        self.run(samples, None, &Arc::new(AtomicBool::new(false)))
    }

    /// Like [`Transcriber::transcribe`], with a hint of what the audio is about: the words of
    /// the question, say. Whisper takes it as the text before the audio, which makes it spell
    /// the topic's words the way the hint does ("GIL", "asyncio").
    pub fn transcribe_with_hint(&self, samples: &Samples, hint: &str) -> Result<Transcript> {
        self.run(samples, Some(hint), &Arc::new(AtomicBool::new(false)))
    }

    /// Transcribes on a new thread; the caller polls [`Pending::is_finished`] (to draw a
    /// spinner), then takes the result with [`Pending::wait`], or gives up with
    /// [`Pending::cancel`].
    pub fn spawn(&self, samples: Samples, hint: Option<String>) -> Pending {
        let me = self.clone();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = cancel.clone();
        let handle = std::thread::Builder::new()
            .name("grill-transcribe".into())
            .spawn(move || me.run(&samples, hint.as_deref(), &flag));
        Pending { handle, cancel }
    }

    fn run(
        &self,
        samples: &Samples,
        hint: Option<&str>,
        cancel: &Arc<AtomicBool>,
    ) -> Result<Transcript> {
        if samples.is_silent() {
            return Ok(Transcript::Blank);
        }
        let mut state = self.ctx.create_state().map_err(|e| {
            Error::Failed(format!("cannot start transcribing ({e}); is memory short?"))
        })?;
        // Greedy decoding: about three times faster than a beam search of 5, and on short
        // spoken answers it loses little (README.md, "Answering aloud", has the figures).
        let mut params = FullParams::new(SamplingStrategy::Greedy { best_of: 1 });
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
        params.set_n_threads(threads as i32);
        params.set_language(Some("en"));
        params.set_translate(false);
        params.set_no_context(true);
        params.set_print_special(false);
        params.set_print_progress(false);
        params.set_print_realtime(false);
        params.set_print_timestamps(false);
        params.set_suppress_blank(true);
        if let Some(hint) = hint.and_then(super::prompt_words) {
            params.set_initial_prompt(&hint);
        }
        let flag = cancel.clone();
        // Boxed on purpose: whisper-rs 0.16's `set_abort_callback_safe` boxes the closure as a
        // `Box<dyn FnMut>` but its C trampoline reads the pointer back as the closure's own
        // type `F`. With `F` itself a `Box<dyn FnMut() -> bool>` the two agree; with a plain
        // closure the callback reads garbage and aborts the encoder (whisper.cpp's error -6).
        let abort: Box<dyn FnMut() -> bool> = Box::new(move || flag.load(Ordering::Relaxed));
        params.set_abort_callback_safe(abort);
        let result = state.full(params, samples.as_slice());
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Failed("transcription cancelled".into()));
        }
        result.map_err(|e| Error::Failed(format!("transcription failed: {e}")))?;
        let mut parts = Vec::new();
        for segment in state.as_iter() {
            let text = segment
                .to_str_lossy()
                .map_err(|e| Error::Failed(format!("transcription failed: {e}")))?;
            parts.push(text.trim().to_string());
        }
        Ok(clean(&parts.join(" ")))
    }
}

/// A transcription running on its own thread.
#[derive(Debug)]
pub struct Pending {
    handle: std::io::Result<JoinHandle<Result<Transcript>>>,
    cancel: Arc<AtomicBool>,
}

impl Pending {
    /// Whether the result is ready (then [`Pending::wait`] returns at once).
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().map_or(true, |h| h.is_finished())
    }

    /// Asks whisper.cpp to stop at its next step; [`Pending::wait`] then returns an error.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Waits for the result.
    pub fn wait(self) -> Result<Transcript> {
        match self.handle {
            Ok(h) => h.join().unwrap_or_else(|_| {
                Err(Error::Failed("transcription failed (it panicked)".into()))
            }),
            Err(e) => Err(Error::Failed(format!(
                "cannot start a thread to transcribe on: {e}"
            ))),
        }
    }
}

/// Whisper's text with its marks for non-speech removed (`[BLANK_AUDIO]`, `[MUSIC]`,
/// `(silence)`, `(upbeat music)`: whole bracketed phrases), spaces tidied; blank if nothing is
/// left.
fn clean(text: &str) -> Transcript {
    let mut out = String::new();
    let mut depth_square = 0u32;
    let mut depth_round = 0u32;
    for c in text.chars() {
        match c {
            '[' => depth_square += 1,
            ']' if depth_square > 0 => depth_square -= 1,
            '(' => depth_round += 1,
            ')' if depth_round > 0 => depth_round -= 1,
            _ if depth_square == 0 && depth_round == 0 => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    // What is left may be stray punctuation around removed marks.
    if words.iter().all(|w| !w.chars().any(char::is_alphanumeric)) {
        return Transcript::Blank;
    }
    Transcript::Text(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_for_non_speech_are_blank() {
        assert_eq!(clean("[BLANK_AUDIO]"), Transcript::Blank);
        assert_eq!(clean(" (silence) "), Transcript::Blank);
        assert_eq!(clean("[MUSIC] [BLANK_AUDIO] ."), Transcript::Blank);
        assert_eq!(clean(""), Transcript::Blank);
        assert_eq!(
            clean(" A generator yields values lazily.  [BLANK_AUDIO]"),
            Transcript::Text("A generator yields values lazily.".into())
        );
        assert_eq!(
            clean("It uses (um) the GIL."),
            Transcript::Text("It uses the GIL.".into())
        );
    }
}
