//! Answers spoken in the terminal (`--voice`, voice builds): each question is answered aloud.
//!
//! For each question grill records from the default input until Enter (or Ctrl-D), the
//! length cap (five minutes, [`crate::voice::MAX_RECORDING`]) or the countdown, which keeps running and whose expiry stops
//! the recording; Esc throws the recording away and the answer is typed instead. The recording
//! is transcribed on a thread while a spinner turns (Whisper, with the question as its hint),
//! and the transcript goes into the answer editor to correct; Enter on the empty line below it
//! submits, as for a typed answer. The saved answer notes that it was spoken
//! ([`Spoken`]: the recording's length, and the transcript when it was corrected).
//!
//! Nothing stops the session: no speech model, no microphone, a silent recording and a failed
//! transcription each put one short line on the screen and the answer is typed instead (no
//! model or no microphone: every answer from then on); the full message is printed once more
//! after the session, when the terminal is back. The recording is not kept unless
//! `--keep-audio DIR`, which keeps it as `DIR/<session start>/<question number>.wav`: the
//! layout `--answers-audio` reads, so a session can be scored again from its recordings.
//!
//! The screens are the terminal's frames ([`compose_status`]) and its keys come through
//! [`Events`], so the recording loop is tested with a script and a fake clock.

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use crate::history::record::{ItemRecord, Spoken};
use crate::output::{self, Theme};
use crate::session::decision::Decision;
use crate::session::input::{AnswerSource, Ask, Ending, Rater, Reply};
use crate::voice::{Pending, Recorder, Transcriber, Transcript};

use super::editor::Editor;
use super::terminal::{Events, Terminal, TerminalSource, compose_status, draw, size};

/// How often the recording and transcribing screens are redrawn (the level meter, the
/// spinner, the countdown).
const TICK: Duration = Duration::from_millis(100);

/// How long a notice about a spoken answer stays on the answer's screen.
const NOTICE_FOR: Duration = Duration::from_secs(8);

/// What records: the microphone ([`Recorder`]), or a script in tests.
pub trait Capture {
    /// How much has been recorded.
    fn elapsed(&self) -> Duration;
    /// The latest loudness, 0 to 1.
    fn level(&self) -> f32;
    /// Whether the length cap was reached.
    fn is_full(&self) -> bool;
}

impl Capture for Recorder {
    fn elapsed(&self) -> Duration {
        Recorder::elapsed(self)
    }
    fn level(&self) -> f32 {
        Recorder::level(self)
    }
    fn is_full(&self) -> bool {
        Recorder::is_full(self)
    }
}

/// How a recording ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// Enter, Ctrl-D or the length cap: transcribe it, then correct it.
    Done,
    /// The countdown ran out: transcribe it and submit it as it is.
    TimeUp,
    /// Esc: throw it away and type the answer.
    Type,
    /// Ctrl-C or a signal: the session stops.
    Interrupt,
}

/// What a key does while recording or transcribing: Enter or Ctrl-D finish, Esc types
/// instead, Ctrl-C stops; anything else is nothing.
fn key_take(event: &Event) -> Option<Take> {
    let Event::Key(k) = event else {
        return None;
    };
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    match k.code {
        KeyCode::Char('c') if ctrl => Some(Take::Interrupt),
        KeyCode::Char('d') if ctrl => Some(Take::Done),
        KeyCode::Enter => Some(Take::Done),
        KeyCode::Esc => Some(Take::Type),
        _ => None,
    }
}

/// A level meter of `cells` cells for a peak of 0 to 1, on a decibel scale (-60 dB empty).
fn meter(level: f32, cells: usize) -> String {
    let db = 20.0 * f64::from(level.max(1e-6)).log10();
    let lit = (((db + 60.0) / 60.0).clamp(0.0, 1.0) * cells as f64).round() as usize;
    format!("{}{}", "▮".repeat(lit), "▯".repeat(cells - lit))
}

/// m:ss.
fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// Records until a key, the cap (`max`, which `capture` enforces) or the countdown ends it,
/// drawing the screen each tick with `draw(status rows, footer)`.
pub fn record(
    ask: &Ask,
    capture: &dyn Capture,
    max: Duration,
    events: &mut dyn Events,
    stopped: &dyn Fn() -> bool,
    draw: &mut dyn FnMut(&[String], &str) -> io::Result<()>,
) -> io::Result<Take> {
    loop {
        if stopped() {
            return Ok(Take::Interrupt);
        }
        if !ask.untimed && ask.remaining().is_zero() {
            return Ok(Take::TimeUp);
        }
        if capture.is_full() {
            return Ok(Take::Done);
        }
        let status = [
            format!(
                "● Recording {}  {}",
                clock(capture.elapsed()),
                meter(capture.level(), 12)
            ),
            format!(
                "Speak your answer, then press Enter (at most {} a recording).",
                clock(max)
            ),
        ];
        draw(
            &status,
            "Enter: done, transcribe · Esc: type instead · Ctrl-C: stop",
        )?;
        if let Some(event) = events.next(TICK)?
            && let Some(take) = key_take(&event)
        {
            return Ok(take);
        }
    }
}

/// What waiting for a transcript gave.
enum Waited {
    /// The transcript, or why there is none.
    Done(crate::Result<Transcript>),
    /// Esc: the transcription was given up, the answer is typed.
    Type,
    /// Ctrl-C or a signal.
    Interrupt,
}

/// Waits for `pending` with a spinner; Esc gives it up (the answer is typed), Ctrl-C stops.
/// The countdown keeps running; once it has run out the transcript is still waited for, as
/// it is the answer.
fn wait(
    ask: &Ask,
    pending: Pending,
    audio: Duration,
    events: &mut dyn Events,
    stopped: &dyn Fn() -> bool,
    draw: &mut dyn FnMut(&[String], &str) -> io::Result<()>,
) -> io::Result<Waited> {
    const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    let mut turn = 0;
    while !pending.is_finished() {
        if stopped() {
            pending.cancel();
            return Ok(Waited::Interrupt);
        }
        let late = !ask.untimed && ask.remaining().is_zero();
        let status = [
            format!(
                "{} Transcribing {:.1} s of speech…",
                SPINNER[turn % SPINNER.len()],
                audio.as_secs_f64()
            ),
            if late {
                "Time's up: what you said is the answer.".to_string()
            } else {
                "Then correct the text, and submit it.".to_string()
            },
        ];
        turn += 1;
        draw(&status, "Esc: type instead · Ctrl-C: stop")?;
        match events.next(TICK)?.as_ref().and_then(key_take) {
            Some(Take::Interrupt) => {
                pending.cancel();
                return Ok(Waited::Interrupt);
            }
            Some(Take::Type) if !late => {
                pending.cancel();
                return Ok(Waited::Type);
            }
            _ => {}
        }
    }
    Ok(Waited::Done(pending.wait()))
}

/// What became of a question answered aloud.
enum Heard {
    /// The transcript, to correct, and how long the recording was.
    Text(String, Duration),
    /// The answer is typed instead, after this notice.
    Typed(String),
    /// The session stops before anything was said (Ctrl-C, a signal).
    Stopped,
}

/// Answers spoken in the terminal, with typing to fall back on.
pub struct VoiceSource {
    /// The terminal: typing, the editor, feedback and the review pass. `None` only while the
    /// source is dropped (it is dropped first, to restore the screen).
    terminal: Option<TerminalSource>,
    /// The loaded model; none when it could not be loaded.
    transcriber: Option<Transcriber>,
    /// Whether recording failed for want of a microphone: answers are typed from then on.
    no_microphone: bool,
    /// `--keep-audio DIR`, with the session's folder in it.
    keep_audio: Option<PathBuf>,
    /// The longest recording.
    max_recording: Duration,
    /// Messages to print once the terminal is back, each a line.
    problems: Vec<String>,
    /// A notice for the next question's screen.
    notice: Option<String>,
}

impl VoiceSource {
    /// Answers spoken in `terminal`, transcribed with `model` (or, when it could not be loaded,
    /// typed, with the reason shown); recordings kept under `keep_audio` when given, none longer
    /// than `max_recording`.
    pub fn new(
        terminal: TerminalSource,
        model: crate::Result<Transcriber>,
        keep_audio: Option<PathBuf>,
        max_recording: Duration,
    ) -> VoiceSource {
        let stamp = jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("%Y%m%d-%H%M%S")
            .to_string();
        let mut source = VoiceSource {
            terminal: Some(terminal),
            transcriber: None,
            no_microphone: false,
            keep_audio: keep_audio.map(|d| d.join(stamp)),
            max_recording,
            problems: Vec::new(),
            notice: None,
        };
        match model {
            Ok(t) => source.transcriber = Some(t),
            Err(e) => {
                source
                    .problems
                    .push(format!("no speech model, so the answers were typed: {e}"));
                source.notice =
                    Some("No speech model: type your answers (why: after the session).".into());
            }
        }
        source
    }

    fn terminal(&mut self) -> &mut TerminalSource {
        self.terminal
            .as_mut()
            .expect("the terminal lives as long as the source")
    }

    /// Records, transcribes and waits, drawing the screens; an error is the terminal's.
    fn hear(&mut self, ask: &Ask, transcriber: &Transcriber) -> io::Result<Heard> {
        let rec = match Recorder::start(self.max_recording) {
            Ok(r) => r,
            Err(e) => {
                self.no_microphone = true;
                self.problems.push(format!("{e}; the answers were typed"));
                return Ok(Heard::Typed(
                    "No microphone: type your answers (why: after the session).".into(),
                ));
            }
        };
        let term = self.terminal.as_ref().expect("the terminal lives");
        let theme = term.theme();
        let stopped = || term.stopped();
        let mut screen = |status: &[String], footer: &str| paint(ask, status, footer, theme);
        let max = self.max_recording;
        let take = record(ask, &rec, max, &mut Terminal, &stopped, &mut screen)?;
        match take {
            Take::Interrupt => return Ok(Heard::Stopped),
            Take::Type => {
                return Ok(Heard::Typed(
                    "Recording dropped: type your answer.".to_string(),
                ));
            }
            Take::Done | Take::TimeUp => {}
        }
        let samples = match rec.stop() {
            Ok(s) => s,
            Err(e) => return Ok(Heard::Typed(format!("{e}: type your answer."))),
        };
        let audio = samples.duration();
        let kept = self.keep(ask.number, &samples);
        let pending = transcriber.spawn(samples, Some(ask.prompt.to_string()));
        let term = self.terminal.as_ref().expect("the terminal lives");
        let stopped = || term.stopped();
        let mut screen = |status: &[String], footer: &str| paint(ask, status, footer, theme);
        let waited = wait(ask, pending, audio, &mut Terminal, &stopped, &mut screen)?;
        Ok(match waited {
            Waited::Interrupt => Heard::Stopped,
            Waited::Type => Heard::Typed("Transcription dropped: type your answer.".into()),
            Waited::Done(Ok(Transcript::Text(t))) => Heard::Text(t, audio),
            Waited::Done(Ok(Transcript::Blank)) => Heard::Typed(format!(
                "Nothing was heard{}: type your answer (is the microphone muted?).",
                kept.map_or(String::new(), |p| format!(" in {p}"))
            )),
            Waited::Done(Err(e)) => {
                self.problems.push(format!(
                    "question {}: {e}; the answer was typed",
                    ask.number
                ));
                Heard::Typed(format!("{e}: type your answer."))
            }
        })
    }

    /// `--keep-audio`: writes the recording as `<number>.wav` in the session's folder; where it
    /// went, or none (a failure is kept to print after the session).
    fn keep(&mut self, number: usize, samples: &crate::voice::Samples) -> Option<String> {
        let dir = self.keep_audio.clone()?;
        let path = crate::voice::answer_file(&dir, number);
        let written = std::fs::create_dir_all(&dir)
            .map_err(|e| crate::Error::write(&dir, e))
            .and_then(|()| samples.write_wav(&path));
        match written {
            Ok(()) => Some(path.display().to_string()),
            Err(e) => {
                self.problems
                    .push(format!("--keep-audio: question {number} was not kept: {e}"));
                None
            }
        }
    }
}

/// Draws a question's screen with `status` rows and `footer`.
fn paint(ask: &Ask, status: &[String], footer: &str, theme: Theme) -> io::Result<()> {
    let dims = size();
    let frame = compose_status(ask, status, ask.remaining(), dims, theme, footer);
    draw(&frame, dims.1)
}

impl AnswerSource for VoiceSource {
    fn kind(&self) -> &'static str {
        if self.transcriber.is_some() {
            "voice"
        } else {
            "terminal"
        }
    }

    fn answer(&mut self, ask: &Ask) -> Reply {
        if let Some(n) = self.notice.take() {
            self.terminal().notify(n, NOTICE_FOR);
        }
        let transcriber = match &self.transcriber {
            Some(t) if !self.no_microphone => t.clone(),
            _ => return self.terminal().answer(ask),
        };
        let heard = match self.hear(ask, &transcriber) {
            Ok(h) => h,
            Err(_) if self.terminal().stopped() => Heard::Stopped,
            Err(e) => {
                return Reply {
                    text: String::new(),
                    ending: Ending::Broken(format!("the terminal stopped working: {e}")),
                    rating: None,
                    spoken: None,
                };
            }
        };
        match heard {
            Heard::Text(said, audio) => {
                let mut editor = Editor::new();
                editor.insert_str(&said);
                editor.newline();
                self.terminal().notify(
                    "Correct what was heard, then Enter on the empty line submits.".into(),
                    NOTICE_FOR,
                );
                let mut reply = self.terminal().answer_with(ask, editor);
                reply.spoken = Some(Spoken {
                    audio_ms: u64::try_from(audio.as_millis()).unwrap_or(u64::MAX),
                    transcript: (reply.text != said).then_some(said),
                });
                reply
            }
            Heard::Typed(notice) => {
                self.terminal().notify(notice, NOTICE_FOR);
                self.terminal().answer(ask)
            }
            Heard::Stopped => Reply {
                text: String::new(),
                ending: Ending::Interrupted,
                rating: None,
                spoken: None,
            },
        }
    }

    fn feedback(&mut self, ask: &Ask, item: &ItemRecord) -> Decision {
        self.terminal().feedback(ask, item)
    }

    fn notice(&mut self, text: &str) {
        AnswerSource::notice(self.terminal(), text);
    }

    fn rater(&mut self) -> Option<&mut dyn Rater> {
        Some(self.terminal() as &mut dyn Rater)
    }

    fn finished(&mut self) {
        self.terminal().finished();
    }
}

impl Drop for VoiceSource {
    fn drop(&mut self) {
        // The screen first, so that the messages land on the shell's screen and stay there.
        drop(self.terminal.take());
        for p in &self.problems {
            // Wrapped at words: the terminal would break a long note mid-word.
            output::note_wrapped(&format!("note: {}", output::visible(p)), str::to_string);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::clock::{Clock, FakeClock};
    use crossterm::event::KeyEvent;
    use std::cell::Cell;
    use std::collections::VecDeque;

    /// A recording that grows by a tick each time it is looked at.
    struct FakeCapture {
        looked: Cell<u32>,
        cap: u32,
    }

    impl Capture for FakeCapture {
        fn elapsed(&self) -> Duration {
            self.looked.set(self.looked.get() + 1);
            TICK * self.looked.get()
        }
        fn level(&self) -> f32 {
            0.5
        }
        fn is_full(&self) -> bool {
            self.looked.get() >= self.cap
        }
    }

    /// Keys, one a tick; each tick moves the fake clock on by a tick too.
    struct Keys {
        keys: VecDeque<Option<Event>>,
        clock: FakeClock,
    }

    impl Events for Keys {
        fn next(&mut self, wait: Duration) -> io::Result<Option<Event>> {
            self.clock.advance(wait);
            Ok(self.keys.pop_front().flatten())
        }
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Event> {
        Some(Event::Key(KeyEvent::new(code, modifiers)))
    }

    fn ask(clock: &FakeClock, limit: u64, untimed: bool) -> Ask<'_> {
        Ask {
            number: 1,
            count: 3,
            chapter: "generators",
            prompt: "What does `yield` do?",
            limit: Duration::from_secs(limit),
            session_ends: false,
            untimed,
            clock,
            asked_at: clock.elapsed(),
        }
    }

    /// Runs the recording loop over `keys`; how it ended, the screens drawn and the time it
    /// took on the fake clock.
    fn run(
        keys: Vec<Option<Event>>,
        limit: u64,
        untimed: bool,
    ) -> (Take, Vec<Vec<String>>, Duration) {
        let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
        let a = ask(&clock, limit, untimed);
        let capture = FakeCapture {
            looked: Cell::new(0),
            cap: 1000,
        };
        let mut events = Keys {
            keys: keys.into(),
            clock: clock.clone(),
        };
        let mut screens = Vec::new();
        let take = record(
            &a,
            &capture,
            Duration::from_secs(300),
            &mut events,
            &|| false,
            &mut |status, footer| {
                let mut s = status.to_vec();
                s.push(footer.to_string());
                screens.push(s);
                Ok(())
            },
        )
        .unwrap();
        (take, screens, clock.elapsed())
    }

    #[test]
    fn enter_or_ctrl_d_ends_the_recording_esc_types_instead_ctrl_c_stops() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let quiet = |n: usize| vec![None; n];
        let then = |mut v: Vec<Option<Event>>, k| {
            v.push(k);
            v
        };
        let (take, screens, _) = run(then(quiet(5), key(KeyCode::Enter, none)), 60, false);
        assert_eq!(take, Take::Done);
        assert_eq!(screens.len(), 6, "a screen a tick");
        assert!(
            screens[0][0].starts_with("● Recording 0:00"),
            "{:?}",
            screens[0]
        );
        assert!(screens[0][2].contains("Esc: type instead"));
        let ctrl_d = key(KeyCode::Char('d'), ctrl);
        assert_eq!(run(then(quiet(1), ctrl_d), 60, false).0, Take::Done);
        assert_eq!(run(vec![key(KeyCode::Esc, none)], 60, false).0, Take::Type);
        let ctrl_c = key(KeyCode::Char('c'), ctrl);
        assert_eq!(run(vec![ctrl_c], 60, false).0, Take::Interrupt);
        // Other keys do nothing (typing starts after the transcript is in the editor).
        let x = key(KeyCode::Char('x'), none);
        let (take, screens, _) = run(vec![x, key(KeyCode::Enter, none)], 60, false);
        assert_eq!((take, screens.len()), (Take::Done, 2));
    }

    #[test]
    fn the_countdown_stops_the_recording_but_study_has_none() {
        // A 2 s limit: twenty ticks of 100 ms, then the time is up.
        let (take, screens, used) = run(vec![None; 100], 2, false);
        assert_eq!(take, Take::TimeUp);
        assert_eq!(used, Duration::from_secs(2));
        assert_eq!(screens.len(), 20);
        // Untimed: only a key (or the cap) ends it.
        let mut keys = vec![None; 50];
        keys.push(key(KeyCode::Enter, KeyModifiers::NONE));
        let (take, _, used) = run(keys, 2, true);
        assert_eq!(take, Take::Done);
        assert!(used > Duration::from_secs(5));
    }

    #[test]
    fn the_cap_ends_the_recording_and_a_signal_stops_it() {
        let clock = FakeClock::at(jiff::Timestamp::UNIX_EPOCH);
        let a = ask(&clock, 60, false);
        let full = FakeCapture {
            looked: Cell::new(0),
            cap: 3,
        };
        let mut events = Keys {
            keys: VecDeque::new(),
            clock: clock.clone(),
        };
        let max = Duration::from_secs(300);
        let take = record(&a, &full, max, &mut events, &|| false, &mut |_, _| Ok(())).unwrap();
        assert_eq!(take, Take::Done);
        let take = record(&a, &full, max, &mut events, &|| true, &mut |_, _| Ok(())).unwrap();
        assert_eq!(take, Take::Interrupt);
    }

    #[test]
    fn the_meter_follows_the_level_in_decibels() {
        assert_eq!(meter(0.0, 12), "▯".repeat(12));
        assert_eq!(meter(1.0, 12), "▮".repeat(12));
        assert_eq!(meter(0.001, 12), "▯".repeat(12), "-60 dB is empty");
        assert_eq!(meter(0.0316, 12).matches('▮').count(), 6, "-30 dB is half");
        assert_eq!(clock(Duration::from_secs(75)), "1:15");
    }
}
