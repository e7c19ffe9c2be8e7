//! Sessions answered aloud: `--answers-audio DIR` (a whole spoken interview, and study, with
//! no terminal), and `--voice` in a pseudo-terminal, recording from a default input that ALSA's
//! `file` plugin feeds from a spoken answer; then the fall-backs to typing (no model, no
//! microphone, a silent recording) and what the history keeps.

use std::path::{Path, PathBuf};
use std::process::Command;

use grill::voice::Samples;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

use crate::{ANSWERS, grill, model, run, speak, words};

/// A bank of the three questions [`ANSWERS`] answer, in that order.
const BANK: &str = "title: Spoken answers
# python: Python

Q1. What is a generator?
- A function that uses `yield` to produce values lazily.
- It does not build the whole list in memory.

Q2. What does a context manager do?
- Runs setup code when the `with` block starts.
- Runs cleanup code when it ends, even after an exception.

Q3. What is the difference between a list and a tuple?
- A list is mutable, a tuple is immutable.
- A tuple can be a dictionary key.
";

fn write_bank(dir: &Path) -> PathBuf {
    let bank = dir.join("spoken.txt");
    std::fs::write(&bank, BANK).unwrap();
    bank
}

/// The question ids an interview with these options asks, in order (`--dry-run --json`).
fn drawn(home: &Path, bank: &Path, args: &[&str]) -> Vec<usize> {
    let (code, out, err) = run(grill(home)
        .arg("--bank")
        .arg(bank)
        .args(args)
        .args(["--dry-run", "--json"]));
    assert_eq!(code, 0, "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_u64().unwrap() as usize)
        .collect()
}

/// Every term of `terms` is among the words of `text` (a plural too).
fn has_terms(text: &str, terms: &[&str]) -> bool {
    let heard = words(text);
    terms.iter().all(|t| {
        heard
            .iter()
            .any(|w| w == t || *w == format!("{t}s") || w.starts_with(t))
    })
}

/// The saved history, as `grill history show N --json` prints each session.
fn saved(home: &Path, n: usize) -> Value {
    let (code, out, err) = run(grill(home).args(["history", "show", &n.to_string(), "--json"]));
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_whole_interview_answered_from_recordings_is_transcribed_scored_and_saved_as_spoken() {
    let Some(model) = model() else { return };
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let audio = home.path().join("answers");
    std::fs::create_dir(&audio).unwrap();
    // The answers recorded in the order the session asks: 1.wav for its first question.
    let order = drawn(home.path(), &bank, &["-n", "3", "--seed", "11"]);
    for (i, id) in order.iter().enumerate() {
        speak(&audio, &(i + 1).to_string(), ANSWERS[id - 1].1);
    }
    let (code, out, err) = run(grill(home.path())
        .arg("--bank")
        .arg(&bank)
        .args(["-n", "3", "--seed", "11", "--json", "--model"])
        .arg(model)
        .arg("--answers-audio")
        .arg(&audio));
    assert_eq!(code, 0, "{err}");
    eprintln!("{err}");
    assert!(err.contains("answers spoken in"), "{err}");
    assert!(err.contains("1.wav ("), "{err}");
    let record: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(record["settings"]["input"], "audio");
    assert_eq!(record["status"], "complete");
    for (item, id) in record["items"].as_array().unwrap().iter().zip(&order) {
        let (name, _, _, terms) = ANSWERS[id - 1];
        let answer = item["answer"].as_str().unwrap();
        assert_eq!(item["outcome"], "answered", "{name}");
        assert!(has_terms(answer, terms), "{name}: {terms:?} in {answer:?}");
        assert!(
            item["spoken"]["audio_ms"].as_u64().unwrap() > 3_000,
            "{item}"
        );
        assert!(item["spoken"].get("transcript").is_none(), "taken as heard");
        assert!(
            item["assessment"]["score"].as_f64().unwrap() >= 50.0,
            "{name}: {item}"
        );
    }
    // Saved as it was printed, spoken notes and all; the replay says so.
    let kept = saved(home.path(), 1);
    assert_eq!(kept["items"], record["items"]);
    let (_, replay, _) = run(grill(home.path()).args(["history", "show", "1"]));
    assert_eq!(replay.matches("Answer (spoken, ").count(), 3, "{replay}");
}

#[test]
fn study_answers_from_recordings_and_leftovers_are_reported() {
    let Some(model) = model() else { return };
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let audio = home.path().join("answers");
    std::fs::create_dir(&audio).unwrap();
    // One new question a day: the first of the bank. A second recording is left over.
    speak(&audio, "1", ANSWERS[0].1);
    speak(&audio, "2", ANSWERS[1].1);
    // A recording not named by a number is named at the start, as never read.
    std::fs::copy(audio.join("2.wav"), audio.join("02.wav")).unwrap();
    let (code, _, err) = run(grill(home.path())
        .arg("--bank")
        .arg(&bank)
        .args(["study", "--new", "1", "--model"])
        .arg(model)
        .arg("--answers-audio")
        .arg(&audio));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 recording after the last question was not used (2.wav)"),
        "{err}"
    );
    let start = err.replace('\n', " ");
    assert!(start.contains("2 found"), "{err}");
    assert!(
        start.contains("not read, as not named by a question's number: 02.wav"),
        "{err}"
    );
    assert!(err.contains("`grill review` rates it"), "{err}");
    let r = saved(home.path(), 1);
    assert_eq!(r["kind"], "study");
    assert_eq!(r["settings"]["input"], "audio");
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    let answer = r["items"][0]["answer"].as_str().unwrap();
    assert!(has_terms(answer, ANSWERS[0].3), "{answer}");
    assert!(r["items"][0]["spoken"]["audio_ms"].as_u64().unwrap() > 3_000);
}

#[test]
fn recordings_missing_silent_or_broken_and_a_missing_model() {
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let audio = home.path().join("answers");
    std::fs::create_dir(&audio).unwrap();
    let interview = |audio: &Path, model: &Path| {
        let mut cmd = grill(home.path());
        cmd.arg("--bank")
            .arg(&bank)
            .args(["-n", "3", "--seed", "11", "--json", "--model"])
            .arg(model)
            .arg("--answers-audio")
            .arg(audio);
        run(&mut cmd)
    };
    // No model: bad input, before anything is asked; a folder that is not one, too.
    let (code, out, err) = interview(&audio, Path::new("/nowhere/model.bin"));
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty() && err.contains("no speech model at /nowhere/model.bin"),
        "{err}"
    );
    let (code, _, err) = interview(&home.path().join("none"), Path::new("/nowhere/model.bin"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--answers-audio:") && err.contains("is not a folder"),
        "{err}"
    );
    let Some(model) = model() else { return };
    // 1.wav silent, no 2.wav, 3.wav spoken: the first is an empty answer (a spoken one), the
    // second skipped, the third answered.
    Samples::new(vec![0.0; 16_000 * 2])
        .write_wav(&audio.join("1.wav"))
        .unwrap();
    let order = drawn(home.path(), &bank, &["-n", "3", "--seed", "11"]);
    speak(&audio, "3", ANSWERS[order[2] - 1].1);
    let (code, out, err) = interview(&audio, model);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1.wav (2.0 s, transcribed in"), "{err}");
    assert!(err.contains("nothing heard"), "{err}");
    assert!(err.contains("2.wav: none, skipped"), "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let answers: Vec<&str> = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["answer"].as_str().unwrap())
        .collect();
    assert_eq!(answers[..2], ["", ""]);
    assert!(
        has_terms(answers[2], ANSWERS[order[2] - 1].3),
        "{answers:?}"
    );
    assert_eq!(r["items"][0]["spoken"]["audio_ms"], 2000);
    assert!(r["items"][1].get("spoken").is_none());
    // A file that is not WAV: the session stops there as a broken input does (exit 1), the
    // answers before it kept.
    let broken = home.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    speak(&broken, "1", ANSWERS[order[0] - 1].1);
    std::fs::write(broken.join("2.wav"), "not audio").unwrap();
    let (code, out, err) = interview(&broken, model);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("is not a WAV file"), "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["status"], "interrupted");
    assert_eq!(r["items"][0]["outcome"], "answered");
    assert_eq!(r["items"][2]["outcome"], "unanswered");
}

/// A home folder whose ALSA setup (`.asoundrc`) plays `samples` as the default input, through
/// the `file` plugin (see `commands::the_recorder_records_the_default_input`).
fn microphone_playing(home: &Path, samples: &Samples) {
    let raw = home.join("input.raw");
    let pcm: Vec<u8> = samples
        .as_slice()
        .iter()
        .flat_map(|s| s.to_le_bytes())
        .collect();
    std::fs::write(&raw, &pcm).unwrap();
    std::fs::write(
        home.join(".asoundrc"),
        format!(
            "pcm.!default {{\n  type file\n  slave.pcm \"null\"\n  file \"/dev/null\"\n  \
             infile \"{}\"\n  format \"raw\"\n}}\n",
            raw.display()
        ),
    )
    .unwrap();
}

/// grill in a pseudo-terminal with `home` as its home and history, past "Start the clock?".
/// Recordings stop at `cap`: ALSA's `file` plugin plays its file (then silence) as fast as it is
/// read, so the length cap, not the time, is what ends them here.
fn interview_in_a_terminal(home: &Path, cap: &str, args: &[&str]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_grill"));
    cmd.env("GRILL_HOME", home)
        .env("HOME", home)
        .env("TZ", "UTC")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("TERM", "xterm-256color")
        .env("GRILL_VOICE_MAX_RECORDING", cap)
        .env_remove("GRILL_WHISPER_MODEL")
        .env_remove("GRILL_BANK")
        .args(args);
    let mut p = spawn_command(cmd, Some(120_000)).expect("grill in a pseudo-terminal");
    p.exp_string("Start the clock?").unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p
}

/// Ends the session at the review prompt and waits for grill to exit; its status.
fn decline_review_and_exit(p: &mut PtySession) -> i32 {
    p.exp_string("now? [Y/n]").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    let rest = p.exp_eof().unwrap();
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("grill did not exit normally: {other:?}\n{rest}"),
    }
}

fn the_session(home: &Path) -> grill::history::record::SessionRecord {
    let mut all = grill::history::Store::open(home)
        .unwrap()
        .all_sessions()
        .unwrap();
    assert_eq!(all.len(), 1);
    all.remove(0)
}

#[test]
fn voice_records_transcribes_into_the_editor_to_correct_and_keeps_the_audio_when_asked() {
    let Some(model) = model() else { return };
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let spoken = speak(home.path(), "spoken", ANSWERS[0].1);
    microphone_playing(home.path(), &Samples::read_wav(&spoken).unwrap());
    let kept = home.path().join("kept");
    let args = [
        "--bank",
        bank.to_str().unwrap(),
        "-n",
        "1",
        "--time",
        "3m",
        "--voice",
        "--model",
        model.to_str().unwrap(),
        "--keep-audio",
        kept.to_str().unwrap(),
    ];
    // The answer takes about 11 s to say; the recording stops at the cap of 15 s.
    let mut p = interview_in_a_terminal(home.path(), "15s", &args);
    p.exp_string("Question 1/1").unwrap();
    p.exp_string("Recording").unwrap();
    p.exp_string("Esc: type instead").unwrap();
    p.exp_string("Transcribing 15.0 s of speech").unwrap();
    // The transcript in the editor, to correct; one Enter (on the empty line below it) submits.
    p.exp_string("Correct what was heard").unwrap();
    p.send(" Corrected.\r\r").unwrap();
    p.flush().unwrap();
    let code = decline_review_and_exit(&mut p);
    assert_eq!(code, 0);
    let r = the_session(home.path());
    assert_eq!(r.settings.input, "voice");
    let item = &r.items[0];
    assert!(has_terms(&item.answer, ANSWERS[0].3), "{}", item.answer);
    let spoken = item.spoken.as_ref().expect("a spoken answer");
    assert_eq!(spoken.audio_ms, 15_000, "{spoken:?}");
    // The candidate's correction is the answer; what was heard is kept beside it.
    let heard = spoken.transcript.as_deref().expect("corrected, so kept");
    assert_eq!(item.answer, format!("{heard}\n Corrected.").trim_end());
    // --keep-audio: the session's folder, with 1.wav in it (what --answers-audio reads).
    let folders: Vec<_> = std::fs::read_dir(&kept).unwrap().flatten().collect();
    assert_eq!(folders.len(), 1);
    let wav = folders[0].path().join("1.wav");
    assert_eq!(Samples::read_wav(&wav).unwrap().duration().as_secs(), 15);
}

#[test]
fn without_a_model_or_a_microphone_or_with_silence_the_answer_is_typed() {
    let Some(model) = model() else { return };
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let bank = bank.to_str().unwrap();
    let model = model.to_str().unwrap();
    let typed = |home: &Path, args: &[&str], says: &str| {
        let mut p = interview_in_a_terminal(home, "2s", args);
        p.exp_string(says).unwrap();
        p.send("typed instead\r\r").unwrap();
        p.flush().unwrap();
        assert_eq!(decline_review_and_exit(&mut p), 0);
        let r = the_session(home);
        assert_eq!(r.items[0].answer, "typed instead");
        assert!(r.items[0].spoken.is_none());
        r
    };
    // No model: every answer is typed, the screen says so, and why comes after the session.
    let h = tempfile::tempdir().unwrap();
    let mut p = interview_in_a_terminal(
        h.path(),
        "2s",
        &[
            "--bank",
            bank,
            "-n",
            "1",
            "--voice",
            "--model",
            "/nowhere.bin",
        ],
    );
    p.exp_string("No speech model: type your answers").unwrap();
    p.send("typed instead\r\r").unwrap();
    p.flush().unwrap();
    p.exp_string("now? [Y/n]").unwrap();
    p.send("n").unwrap();
    p.flush().unwrap();
    p.exp_string(
        "note: no speech model, so the answers were typed: no speech model at /nowhere.bin",
    )
    .unwrap();
    p.exp_eof().unwrap();
    assert_eq!(the_session(h.path()).settings.input, "terminal");
    // A silent microphone: nothing heard (the recording stops at the cap), typed instead.
    let h = tempfile::tempdir().unwrap();
    microphone_playing(h.path(), &Samples::new(vec![0.0; 16_000 * 30]));
    let mut p = interview_in_a_terminal(
        h.path(),
        "2s",
        &["--bank", bank, "-n", "1", "--voice", "--model", model],
    );
    p.exp_string("Nothing was heard").unwrap();
    p.send("typed instead\r\r").unwrap();
    p.flush().unwrap();
    assert_eq!(decline_review_and_exit(&mut p), 0);
    assert_eq!(the_session(h.path()).items[0].answer, "typed instead");
    // No sound card (where the machine has none): no microphone, typed instead.
    if !crate::commands::has_capture_device() {
        let r = typed(
            home.path(),
            &["--bank", bank, "-n", "1", "--voice", "--model", model],
            "No microphone: type your answers",
        );
        assert_eq!(r.settings.input, "voice");
    }
}

#[test]
fn voice_needs_a_terminal_and_its_cap_a_duration() {
    let home = tempfile::tempdir().unwrap();
    let bank = write_bank(home.path());
    let (code, out, err) = run(grill(home.path())
        .arg("--bank")
        .arg(&bank)
        .args(["-n", "1", "--voice"]));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("--voice records answers in a terminal")
            && err.contains("--answers-audio DIR"),
        "{err}"
    );
    let (code, _, err) = run(grill(home.path())
        .env("GRILL_VOICE_MAX_RECORDING", "soon")
        .arg("--bank")
        .arg(&bank)
        .args(["-n", "1", "--voice"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("GRILL_VOICE_MAX_RECORDING"), "{err}");
}
