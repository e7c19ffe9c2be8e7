//! The voice commands in every build: they exist (help, completions and man pages do not
//! depend on the `voice` feature), and a build without the feature says how to get one. The
//! voice build's own tests are `tests/voice.rs` (`cargo test --features voice --test voice`).

use crate::common::{grill_in, run};

#[test]
fn voice_commands_exist_and_say_how_to_get_a_voice_build_when_not_built_with_it() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        &["transcribe", "answer.wav"][..],
        &["voice", "check"],
        &["voice", "import-model", "some-folder"],
    ] {
        let (code, out, err) = run(grill_in(home.path(), 80).args(args));
        if cfg!(feature = "voice") {
            // A voice build gets further: no such file or folder, no model, or no microphone.
            assert_ne!(code, 0, "{args:?}: {out}{err}");
            continue;
        }
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.contains("built without voice support")
                && err.contains("cargo install --path . --features voice"),
            "{args:?}: {err}"
        );
        // Nothing was created in the data folder.
        assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    }
    // Usage errors are clap's, as for every command.
    let (code, _, err) = run(grill_in(home.path(), 80).args(["transcribe"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("FILE.wav"), "{err}");
}

#[test]
fn answering_aloud_is_refused_without_a_voice_build_and_its_flags_go_together() {
    let home = tempfile::tempdir().unwrap();
    let audio = home.path().join("audio");
    std::fs::create_dir(&audio).unwrap();
    let audio = audio.to_str().unwrap();
    for args in [
        &["--voice"][..],
        &["-n", "2", "--answers-audio", audio],
        &["start", "--voice", "--keep-audio", "kept"],
        &["study", "--answers-audio", audio, "--model", "m.bin"],
    ] {
        let (code, out, err) = run(grill_in(home.path(), 80).args(args));
        if cfg!(feature = "voice") {
            continue;
        }
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
        assert!(
            err.contains("built without voice support")
                && err.contains("README.md, \"Answering aloud\""),
            "{args:?}: {err}"
        );
    }
    // Usage errors in every build: flags that need --voice, or one of the two; one way of
    // answering at a time.
    for (args, says) in [
        (&["--keep-audio", "kept"][..], "--voice"),
        (
            &["-n", "1", "--answers-audio", audio, "--keep-audio", "kept"],
            "--keep-audio keeps what --voice records",
        ),
        (&["study", "--model", "m.bin"], "--voice"),
        (&["--voice", "--answers", "a.txt"], "cannot be used with"),
        (
            &["--voice", "--answers-audio", audio],
            "cannot be used with",
        ),
        (
            &["study", "--answers-audio", audio, "--answers", "-"],
            "cannot be used with",
        ),
    ] {
        let (code, _, err) = run(grill_in(home.path(), 80).args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    // --voice with another command is an interview option in the wrong place.
    let (code, _, err) = run(grill_in(home.path(), 80).args(["--voice", "report"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--voice is an interview option"), "{err}");
    // Nothing was saved (a voice build got further: the runs above had no terminal or model).
    if !cfg!(feature = "voice") {
        assert!(!home.path().join("grill.db").exists());
    }
}
