//! The voice commands end to end: `grill transcribe` on spoken answers and silence, a missing
//! or wrong model, `grill voice import-model` and `grill voice check`, and the recorder on a
//! default input that ALSA's `file` plugin feeds from a file.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use grill::voice::Samples;

use crate::{ANSWERS, OFFICIAL_TINY_EN_BYTES, grill, model, run, speak, wer, words};

#[test]
fn the_conversion_gives_a_model_of_the_official_size_that_whisper_loads() {
    let Some(model) = model() else { return };
    let bytes = std::fs::metadata(model).unwrap().len();
    assert_eq!(bytes, OFFICIAL_TINY_EN_BYTES, "{}", model.display());
    let home = tempfile::tempdir().unwrap();
    let (_, out, err) = run(grill(home.path())
        .args(["voice", "check", "--model"])
        .arg(model));
    assert!(
        out.contains("ok: tiny.en (4 layers, 384 wide, f16"),
        "{out}{err}"
    );
    assert!(out.contains("from --model"), "{out}");
}

#[test]
fn spoken_answers_are_transcribed_with_their_key_terms() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut total = 0.0;
    for (name, text, hint, terms) in ANSWERS {
        let wav = speak(dir.path(), name, text);
        let started = Instant::now();
        let mut cmd = grill(dir.path());
        cmd.arg("transcribe").arg(&wav).arg("--model").arg(model);
        if let Some(hint) = hint {
            cmd.arg("--hint").arg(hint);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        let heard = out.trim();
        let rate = wer(text, heard);
        total += rate;
        eprintln!(
            "{name}: {:.0}% of words wrong, in {:.1} s\n  said:  {text}\n  heard: {heard}",
            rate * 100.0,
            started.elapsed().as_secs_f64()
        );
        assert_eq!(out.lines().count(), 1, "one line: {out}");
        let heard_words = words(heard);
        for term in terms {
            assert!(
                heard_words
                    .iter()
                    .any(|w| w == term || w == &format!("{term}s")),
                "{name}: {term:?} not heard in {heard:?}"
            );
        }
        // A robotic voice, but nothing like noise: a broken model or wrong features give
        // nonsense far beyond this.
        assert!(rate < 0.5, "{name}: {heard:?}");
    }
    eprintln!("mean word error rate {:.0}%", total / 3.0 * 100.0);
}

#[test]
fn silence_is_blank_not_words() {
    let Some(model) = model() else { return };
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("silence.wav");
    Samples::new(vec![0.0; 16_000 * 3]).write_wav(&wav).unwrap();
    let (code, out, err) = run(grill(dir.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(model));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("nothing was said in"), "{err}");
    // Quiet hiss, well above the silence threshold: Whisper hears no words in it either.
    let hiss: Vec<f32> = (0..16_000 * 3)
        .map(|i: u32| ((i.wrapping_mul(2_654_435_761) >> 16) as f32 / 65_536.0 - 0.5) * 0.02)
        .collect();
    Samples::new(hiss).write_wav(&wav).unwrap();
    let (code, out, err) = run(grill(dir.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(model));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "", "{err}");
}

#[test]
fn a_missing_or_wrong_model_is_bad_input_that_says_what_to_do() {
    let home = tempfile::tempdir().unwrap();
    let wav = home.path().join("a.wav");
    Samples::new(vec![0.1; 1600]).write_wav(&wav).unwrap();
    // The default place, in the data folder.
    let (code, _, err) = run(grill(home.path()).arg("transcribe").arg(&wav));
    assert_eq!(code, 2, "{err}");
    let default = home.path().join("models").join("ggml-tiny.en.bin");
    assert!(
        err.contains(&format!("no speech model at {}", default.display()))
            && err.contains("grill voice import-model"),
        "{err}"
    );
    // GRILL_WHISPER_MODEL, then --model over it.
    let (code, _, err) = run(grill(home.path())
        .env("GRILL_WHISPER_MODEL", "/nowhere/env.bin")
        .arg("transcribe")
        .arg(&wav));
    assert_eq!(code, 2);
    assert!(
        err.contains("/nowhere/env.bin (from GRILL_WHISPER_MODEL)"),
        "{err}"
    );
    let (code, _, err) = run(grill(home.path())
        .env("GRILL_WHISPER_MODEL", "/nowhere/env.bin")
        .args(["transcribe", "--model", "/nowhere/flag.bin"])
        .arg(&wav));
    assert_eq!(code, 2);
    assert!(err.contains("/nowhere/flag.bin (from --model)"), "{err}");
    // A file that is not a model, and a model cut short.
    let text = home.path().join("notes.bin");
    std::fs::write(&text, "not a model").unwrap();
    let (code, _, err) = run(grill(home.path())
        .arg("transcribe")
        .arg(&wav)
        .arg("--model")
        .arg(&text));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a usable whisper.cpp model"), "{err}");
    if let Some(model) = model() {
        let cut = home.path().join("cut.bin");
        let bytes = std::fs::read(model).unwrap();
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
        let (code, _, err) = run(grill(home.path())
            .arg("transcribe")
            .arg(&wav)
            .arg("--model")
            .arg(&cut));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("cut short"), "{err}");
        // Not a WAV file: bad input, before the model is loaded.
        let (code, _, err) = run(grill(home.path())
            .arg("transcribe")
            .arg(&text)
            .arg("--model")
            .arg(model));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is not a WAV file"), "{err}");
    }
}

#[test]
fn import_model_refuses_what_it_cannot_convert_and_keeps_existing_files() {
    let home = tempfile::tempdir().unwrap();
    let empty = home.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&empty));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("it has no model.bin"), "{err}");
    let fake = home.path().join("fake");
    std::fs::create_dir(&fake).unwrap();
    std::fs::write(
        fake.join("model.bin"),
        b"\x06\x00\x00\x00\x05\x00Spec\x00\x03\x00\x00\x00",
    )
    .unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&fake));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a CTranslate2 Whisper model"), "{err}");
    // Nothing was left behind.
    assert!(!home.path().join("models").join("ggml-tiny.en.bin").exists());
    let existing = home.path().join("existing.bin");
    std::fs::write(&existing, "keep me").unwrap();
    let (code, _, err) = run(grill(home.path())
        .args(["voice", "import-model"])
        .arg(&fake)
        .arg("--output")
        .arg(&existing));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists; add --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
}

/// Whether this machine has a sound capture device the kernel shows.
pub(crate) fn has_capture_device() -> bool {
    std::fs::read_dir("/dev/snd").is_ok_and(|d| {
        d.flatten().any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with("pcmC") && n.ends_with('c')
        })
    })
}

#[test]
fn with_no_sound_card_voice_check_says_so_in_one_line_and_alsa_stays_quiet() {
    if has_capture_device() {
        eprintln!("skipped: this machine has a sound card");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = run(grill(home.path())
        .args(["voice", "check"])
        .env("HOME", home.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(
        err, "",
        "nothing on stderr: ALSA's messages are kept off it"
    );
    let mic: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Microphone:"))
        .collect();
    assert_eq!(mic.len(), 2, "{out}");
    assert!(
        mic[1].starts_with("  missing: cannot record from a microphone")
            && mic[1].contains("no sound capture device"),
        "{out}"
    );
    assert!(out.contains("missing: no speech model at"), "{out}");
}

/// Records from the default input for 2 s and writes it to `$GRILL_RECORD_TO`: run by
/// [`the_recorder_records_the_default_input`] in a child process whose ALSA setup plays a file
/// as the default input; does nothing otherwise.
#[test]
fn recorder_child() {
    let Some(to) = std::env::var_os("GRILL_RECORD_TO") else {
        return;
    };
    let rec = grill::voice::Recorder::start(Duration::from_secs(2)).expect("recording starts");
    let started = Instant::now();
    while !rec.is_full() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(rec.is_full(), "the cap stops the recording");
    assert!(rec.elapsed() >= Duration::from_secs(2));
    let samples = rec.stop().expect("recording stops");
    samples.write_wav(Path::new(&to)).unwrap();
}

#[test]
fn the_recorder_records_the_default_input() {
    if std::env::var_os("GRILL_RECORD_TO").is_some() {
        return;
    }
    // An ALSA setup (in $HOME/.asoundrc) whose default device plays a file as its input: the
    // `file` plugin reads raw samples from `infile` in place of what its slave (ALSA's null
    // device, which takes any format) captures. grill asks for 16 kHz mono f32 where the
    // device offers it, so the file holds that. (With a `plug` in between to convert formats,
    // the file plugin skips blocks of the file: it is a test tool, not a faithful source.)
    let home = tempfile::tempdir().unwrap();
    let dir = home.path();
    let spoken = speak(dir, "spoken", ANSWERS[0].1);
    let speech = Samples::read_wav(&spoken).unwrap();
    let raw = dir.join("input.raw");
    let pcm: Vec<u8> = speech
        .as_slice()
        .iter()
        .flat_map(|s| s.to_le_bytes())
        .collect();
    std::fs::write(&raw, &pcm).unwrap();
    std::fs::write(
        dir.join(".asoundrc"),
        format!(
            "pcm.!default {{\n  type file\n  slave.pcm \"null\"\n  file \"/dev/null\"\n  \
             infile \"{}\"\n  format \"raw\"\n}}\n",
            raw.display()
        ),
    )
    .unwrap();
    let out_wav = dir.join("recorded.wav");
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "commands::recorder_child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("HOME", dir)
        .env("GRILL_RECORD_TO", &out_wav)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{err}{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!err.contains("ALSA lib"), "{err}");
    let recorded = Samples::read_wav(&out_wav).unwrap();

    // Two seconds, as capped, of what the input played.
    assert_eq!(recorded.len(), 32_000);
    let same = recorded
        .as_slice()
        .iter()
        .zip(speech.as_slice())
        .filter(|(a, b)| (*a - *b).abs() < 1e-3)
        .count();
    assert_eq!(same, 32_000, "samples as played");
    if let Some(model) = model() {
        let (code, heard, err) = run(grill(dir)
            .arg("transcribe")
            .arg(&out_wav)
            .arg("--model")
            .arg(model));
        assert_eq!(code, 0, "{err}");
        assert!(
            words(&heard).iter().any(|w| w.starts_with("generator")),
            "{heard}"
        );
    }
}
