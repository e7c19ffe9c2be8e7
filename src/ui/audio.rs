//! Answers recorded beforehand (`--answers-audio DIR`, voice builds): `DIR/1.wav` answers the
//! first question asked, `2.wav` the second, and so on, numbered in the order the session asks
//! (as `--dry-run` lists an interview's questions for a `--seed`). Each is transcribed offline
//! with the question as Whisper's hint and submitted as it was heard, with no terminal: like
//! piped answers, the questions and feedback go to the screen stream (stderr), and a whole
//! spoken session runs in a script or CI.
//!
//! A missing number is a skipped question (an empty answer) when a later one exists; past the
//! last file the answers have run out, and the remaining questions are unanswered. Files left
//! over after the last question are reported. A file that is not WAV, or a transcription that
//! fails, ends the session as a broken input does (the answers so far are kept, exit 1).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::history::record::{ItemRecord, Spoken};
use crate::output::{self, Theme};
use crate::session::decision::Decision;
use crate::session::input::{AnswerSource, Ask, Ending, Reply};
use crate::session::review::suggestion;
use crate::voice::{Samples, Transcriber, Transcript, answer_file};
use crate::words::plural;

use super::piped::{show_feedback, show_question};

/// Answers transcribed from the WAV files of a folder.
pub struct AudioSource {
    dir: PathBuf,
    transcriber: Transcriber,
    /// The highest number with a file, when the session started.
    last: usize,
    /// The highest question number asked.
    asked: usize,
    stop: Arc<AtomicBool>,
    theme: Theme,
    width: usize,
    screen: Box<dyn Write>,
}

/// The numbers of the `N.wav` files in `dir`, highest first.
fn numbered(dir: &Path) -> Vec<usize> {
    let mut found: Vec<usize> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let stem = name.to_str()?.strip_suffix(".wav")?;
            // `1.wav`, not `01.wav` or `+1.wav`: the name must be the number as grill writes it.
            let n: usize = stem.parse().ok()?;
            (n > 0 && n.to_string() == stem).then_some(n)
        })
        .collect();
    found.sort_unstable_by(|a, b| b.cmp(a));
    found
}

/// The `.wav` files of `dir` (any case) that are not named by a number as grill reads them
/// (`01.wav`, `2.WAV`, `answer.wav`), sorted: said at the start, as they are never read.
fn misnamed(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .filter(|name| {
            let lower = name.to_ascii_lowercase();
            lower.ends_with(".wav")
                && !name.strip_suffix(".wav").is_some_and(|stem| {
                    stem.parse::<usize>()
                        .is_ok_and(|n| n > 0 && n.to_string() == stem)
                })
        })
        .collect();
    names.sort();
    names
}

impl AudioSource {
    /// Answers from the recordings in `dir`, transcribed with `transcriber`; questions and
    /// feedback go to `screen`.
    pub fn new(
        dir: PathBuf,
        transcriber: Transcriber,
        stop: Arc<AtomicBool>,
        theme: Theme,
        screen: Box<dyn Write>,
    ) -> AudioSource {
        let last = numbered(&dir).first().copied().unwrap_or(0);
        AudioSource {
            dir,
            transcriber,
            last,
            asked: 0,
            stop,
            theme,
            width: output::stdout_width().min(100),
            screen,
        }
    }

    /// The folder's note for the start of the session, naming any `.wav` file it will not
    /// read.
    pub fn describe(&self) -> String {
        let count = numbered(&self.dir).len();
        let mut note = format!(
            "answers spoken in {} (1.wav for the first question asked, 2.wav for the second, \
             ...; {count} found), transcribed with {}",
            self.dir.display(),
            self.transcriber.info().summary()
        );
        let odd = misnamed(&self.dir);
        if !odd.is_empty() {
            note.push_str(&format!(
                "; not read, as not named by a question's number: {}",
                output::visible(&odd.join(", "))
            ));
        }
        note
    }

    /// Transcribes on a thread, so that Ctrl-C (which sets `stop`) is noticed at once.
    fn transcribe(&self, samples: Samples, hint: &str) -> Result<Transcript, Ending> {
        let pending = self.transcriber.spawn(samples, Some(hint.to_string()));
        while !pending.is_finished() {
            if self.stop.load(Ordering::SeqCst) {
                pending.cancel();
                return Err(Ending::Interrupted);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        pending
            .wait()
            .map_err(|e| Ending::Broken(format!("{e} ({})", self.dir.display())))
    }
}

impl AnswerSource for AudioSource {
    fn kind(&self) -> &'static str {
        "audio"
    }

    fn answer(&mut self, ask: &Ask) -> Reply {
        let t = self.theme;
        show_question(&mut self.screen, t, self.width, ask);
        self.asked = self.asked.max(ask.number);
        let reply = |text: String, ending, spoken| Reply {
            text,
            ending,
            rating: None,
            spoken,
        };
        if self.stop.load(Ordering::SeqCst) {
            return reply(String::new(), Ending::Interrupted, None);
        }
        let path = answer_file(&self.dir, ask.number);
        let name = format!("{}.wav", ask.number);
        if !path.exists() {
            if ask.number > self.last {
                return reply(String::new(), Ending::NoMoreInput, None);
            }
            let _ = writeln!(self.screen, "{}", t.dim(&format!("{name}: none, skipped")));
            return reply(String::new(), Ending::Submitted, None);
        }
        let samples = match Samples::read_wav(&path) {
            Ok(s) => s,
            Err(e) => return reply(String::new(), Ending::Broken(e.to_string()), None),
        };
        let audio = samples.duration();
        let started = Instant::now();
        let heard = match self.transcribe(samples, ask.prompt) {
            Ok(h) => h,
            Err(ending) => return reply(String::new(), ending, None),
        };
        let text = heard.text().unwrap_or_default().to_string();
        let said = if text.is_empty() {
            "nothing heard".to_string()
        } else {
            format!("\"{}\"", output::visible(&text))
        };
        let _ = writeln!(
            self.screen,
            "{}",
            t.dim(&format!(
                "{name} ({:.1} s, transcribed in {:.1} s): {said}",
                audio.as_secs_f64(),
                started.elapsed().as_secs_f64()
            ))
        );
        let spoken = Spoken {
            audio_ms: u64::try_from(audio.as_millis()).unwrap_or(u64::MAX),
            transcript: None,
        };
        reply(text, Ending::Submitted, Some(spoken))
    }

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Decision {
        let how = format!(
            "Not rated (counts as grill's suggestion, {}); `grill review` rates it.",
            suggestion(item).name()
        );
        show_feedback(&mut self.screen, self.theme, self.width, ask, item, &how);
        if self.stop.load(Ordering::SeqCst) {
            Decision::Stop
        } else {
            Decision::Skip
        }
    }

    fn finished(&mut self) {
        let mut extra: Vec<usize> = numbered(&self.dir)
            .into_iter()
            .filter(|&n| n > self.asked)
            .collect();
        extra.sort_unstable();
        if !extra.is_empty() {
            let names: Vec<String> = extra.iter().map(|n| format!("{n}.wav")).collect();
            let _ = writeln!(
                self.screen,
                "{} {} recording{} after the last question {} not used ({})",
                self.theme.warn("warning:"),
                extra.len(),
                plural(extra.len()),
                if extra.len() == 1 { "was" } else { "were" },
                names.join(", ")
            );
            let _ = self.screen.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_named_by_a_number_count() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "1.wav", "2.wav", "10.wav", "01.wav", "x.wav", "3.txt", "0.wav", "+4.wav",
        ] {
            std::fs::write(dir.path().join(name), b"").unwrap();
        }
        std::fs::create_dir(dir.path().join("5.wav")).unwrap();
        // A folder named like one is listed too: reading it then says it is no WAV file.
        assert_eq!(numbered(dir.path()), [10, 5, 2, 1]);
        assert_eq!(numbered(&dir.path().join("missing")), Vec::<usize>::new());
    }
}
