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
