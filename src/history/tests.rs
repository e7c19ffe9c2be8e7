//! The history's store, end to end on temporary folders: saving a running session answer by
//! answer, ratings as a log, deleting, importing by merge, moving an earlier grill's session
//! files in, finding sessions, and two stores (two grills) on one database at once.

use std::fs;

use super::record::*;
use super::*;
use crate::scoring::Assessment;

pub(crate) fn sample(id: &str, secs: i64) -> SessionRecord {
    let t = jiff::Timestamp::from_second(1_790_000_000 + secs).unwrap();
    SessionRecord {
        format: RECORD_FORMAT,
        kind: Default::default(),
        id: id.into(),
        started_at: t,
        ended_at: t,
        status: SessionStatus::Complete,
        bank: BankRef {
            title: "b".into(),
            hash: "00".into(),
        },
        seed: 7,
        settings: Settings {
            questions: 1,
            chapters: vec!["a".into()],
            time_limit_secs: 180,
            total_limit_secs: None,
            feedback: Feedback::End,
            focus: Focus::Random,
            retry_of: None,
            input: "stdin".into(),
        },
        items: vec![item(1, "x", 50.0)],
    }
}

pub(crate) fn item(question_id: u32, answer: &str, score: f64) -> ItemRecord {
    ItemRecord {
        question_id,
        chapter: "a".into(),
        prompt: "p".into(),
        answer: answer.into(),
        outcome: Outcome::Answered,
        time_used_ms: 5,
        assessment: Assessment {
            score,
            bullets: vec![],
            notes: Vec::new(),
        },
        notes: Vec::new(),
        rating: None,
        rated_by: None,
        answered_at: None,
        spoken: None,
    }
}

/// A session of `n` questions with the first `answered` answered, saved as a running session
/// would be.
fn partial(n: usize, answered: usize, status: SessionStatus) -> SessionRecord {
    let mut s = sample("p", 0);
    s.status = status;
    s.settings.questions = n;
    s.items = (0..n)
        .map(|k| {
            let mut i = item(k as u32 + 1, &format!("answer {k}"), 40.0);
            if k >= answered {
                i.outcome = Outcome::Unanswered;
                i.answer.clear();
            }
            i
        })
        .collect();
    if status == SessionStatus::InProgress {
        s.items.truncate(answered);
    }
    s
}

fn at(secs: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_790_000_000 + secs).unwrap()
}

fn ids(store: &Store) -> Vec<String> {
    store
        .summaries()
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect()
}

/// The entries of the review log of one answer, oldest first: (rating, source).
fn log(store: &Store, id: &str, position: usize) -> Vec<(String, String)> {
    let conn = store.reader().unwrap();
    let mut stmt = conn
        .prepare("SELECT rating, source FROM reviews WHERE session_id = ?1 AND position = ?2 ORDER BY id")
        .unwrap();
    stmt.query_map(rusqlite::params![id, position as i64], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

#[test]
fn an_empty_history_reads_as_empty_and_makes_no_files() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("home");
    let store = Store::open(&home).unwrap();
    assert_eq!(store.count().unwrap(), 0);
    assert!(store.summaries().unwrap().is_empty());
    assert!(store.latest_unrated().unwrap().is_none());
    assert!(store.find("1").is_err());
    assert!(!home.exists(), "reading makes nothing");
    store.ready().unwrap();
    assert!(home.join(DB_FILE).is_file());
}

#[test]
fn a_running_session_is_saved_answer_by_answer_and_reads_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut w = SessionWriter::new(&store);
    let mut r = partial(3, 1, SessionStatus::InProgress);
    w.save(&r, at(10)).unwrap();
    assert_eq!(store.session("p").unwrap().unwrap().items.len(), 1);
    r.items.push(item(2, "second", 80.0));
    r.items[0].rating = Some(crate::fsrs::Rating::Hard);
    r.items[0].rated_by = Some(RatedBy::You);
    w.save(&r, at(20)).unwrap();
    // Saving the same record again writes nothing new.
    w.save(&r, at(30)).unwrap();
    assert_eq!(log(&store, "p", 0), [("hard".into(), "you".into())]);
    r.status = SessionStatus::Complete;
    r.ended_at = at(40);
    w.save(&r, at(40)).unwrap();
    let back = store.session("p").unwrap().unwrap();
    assert_eq!(back.status, SessionStatus::Complete);
    assert_eq!(back.ended_at, at(40));
    assert_eq!(back.items.len(), 2);
    assert_eq!(back.items[0].rating, Some(crate::fsrs::Rating::Hard));
    assert_eq!(back.items[0].rated_by, Some(RatedBy::You));
    assert_eq!(back.items[1].answer, "second");
    assert_eq!(back.items[1].assessment.score, 80.0);
    assert_eq!(w.id(), Some("p"));
}

#[test]
fn a_record_reads_back_exactly_as_it_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut r = sample("exact", 3);
    r.kind = SessionKind::Study;
    r.seed = u64::MAX;
    r.started_at = "2026-11-24T06:35:12.123456789Z".parse().unwrap();
    r.items[0].answered_at = Some(r.started_at);
    r.items[0].notes = vec!["a note".into()];
    r.items[0].rating = Some(crate::fsrs::Rating::Easy);
    r.items[0].rated_by = Some(RatedBy::Suggestion);
    // A spoken answer, corrected before it was submitted, and one taken as heard.
    r.items[0].spoken = Some(crate::history::record::Spoken {
        audio_ms: 6_400,
        transcript: Some("a generator yields values lazy".into()),
    });
    r.items.push(item(2, "typed as heard", 40.0));
    r.items[1].spoken = Some(crate::history::record::Spoken {
        audio_ms: 1,
        transcript: None,
    });
    SessionWriter::new(&store).save(&r, at(0)).unwrap();
    assert_eq!(store.session("exact").unwrap().unwrap(), r);
}

#[test]
fn a_session_never_takes_the_id_of_another() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut first = SessionWriter::new(&store);
    first.save(&sample("same", 0), at(0)).unwrap();
    let mut second = SessionWriter::new(&store);
    second.save(&sample("same", 1), at(1)).unwrap();
    let other = second.id().unwrap().to_string();
    assert_ne!(other, "same");
    assert_eq!(store.count().unwrap(), 2);
    // Later saves go to each one's own row.
    let mut r = sample("same", 1);
    r.status = SessionStatus::Interrupted;
    second.save(&r, at(2)).unwrap();
    assert_eq!(
        store.session("same").unwrap().unwrap().status,
        SessionStatus::Complete
    );
    assert_eq!(
        store.session(&other).unwrap().unwrap().status,
        SessionStatus::Interrupted
    );
}

#[test]
fn ratings_are_a_log_whose_latest_entry_counts_and_deleted_sessions_refuse_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    SessionWriter::new(&store)
        .save(&sample("s", 0), at(0))
        .unwrap();
    use crate::fsrs::Rating::*;
    store.rate("s", 0, Again, RatedBy::You, at(1)).unwrap();
    store
        .rate("s", 0, Good, RatedBy::Suggestion, at(2))
        .unwrap();
    assert_eq!(
        log(&store, "s", 0),
        [
            ("again".into(), "you".into()),
            ("good".into(), "suggestion".into())
        ]
    );
    assert_eq!(
        store.session("s").unwrap().unwrap().items[0].rating,
        Some(Good)
    );
    let card = &store.cards("b").unwrap()[&1];
    assert_eq!(card.latest_rating, Good);
    assert_eq!(card.attempts, 1);
    store.delete("s").unwrap();
    let e = store
        .rate("s", 0, Easy, RatedBy::You, at(3))
        .unwrap_err()
        .to_string();
    assert!(e.contains("deleted from the history meanwhile"), "{e}");
    assert!(store.cards("b").unwrap().is_empty(), "no answers, no card");
    assert!(store.delete("s").is_err());
}

#[test]
fn cards_follow_every_answer_of_a_question_oldest_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = sample("a", 0);
    a.items = vec![item(1, "x", 20.0), item(2, "y", 95.0)];
    let mut b = sample("b", 86_400 * 3);
    b.items = vec![item(1, "x again", 85.0)];
    SessionWriter::new(&store).save(&b, at(0)).unwrap();
    SessionWriter::new(&store).save(&a, at(0)).unwrap();
    let cards = store.cards("b").unwrap();
    // The same as folding the sessions in memory, whatever order they were saved in.
    let bank_like = crate::practice::seen_after(
        &fake_bank(),
        &Default::default(),
        [&a, &b],
        &crate::fsrs::Scheduler::default(),
    );
    assert_eq!(cards, bank_like);
    assert_eq!(cards[&1].attempts, 2);
    assert_eq!(cards[&1].latest, 85.0);
    assert!(store.cards("another bank").unwrap().is_empty());
}

/// A bank titled "b" holding questions 1 and 2, as the samples are.
fn fake_bank() -> crate::bank::Bank {
    crate::bank::Bank::parse(
        "title: b\n# a: A\nQ1. p\n- x\nQ2. p\n- y\n",
        "b.txt",
        crate::bank::Format::Text,
    )
    .unwrap()
}

#[test]
fn import_merges_answers_and_ratings_and_never_takes_any_away() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    // In the history: the session half done, its first answer rated by the candidate.
    let mut saved = partial(4, 2, SessionStatus::InProgress);
    saved.items[0].rating = Some(crate::fsrs::Rating::Easy);
    SessionWriter::new(&store).save(&saved, at(0)).unwrap();
    // Imported: the whole session (printed after a failed final save), with another rating of
    // the first answer and a rating of the third.
    let mut full = partial(4, 3, SessionStatus::Complete);
    full.items[0].rating = Some(crate::fsrs::Rating::Again);
    full.items[2].rating = Some(crate::fsrs::Rating::Good);
    let done = store.import(&[full.clone()], at(50)).unwrap();
    assert_eq!(
        done,
        [Imported::Updated {
            was: Progress {
                answered: 2,
                status: SessionStatus::InProgress
            },
            now: Progress {
                answered: 3,
                status: SessionStatus::Complete
            }
        }]
    );
    let now = store.session("p").unwrap().unwrap();
    assert_eq!(now.status, SessionStatus::Complete);
    assert_eq!(now.items.len(), 4);
    // The history's own rating is kept; the new one is added, as imported.
    assert_eq!(now.items[0].rating, Some(crate::fsrs::Rating::Easy));
    assert_eq!(log(&store, "p", 2), [("good".into(), "imported".into())]);
    // Importing it again adds nothing; an earlier copy neither.
    assert_eq!(
        store.import(&[full], at(60)).unwrap(),
        [Imported::AlreadyThere]
    );
    assert_eq!(
        store
            .import(&[partial(4, 1, SessionStatus::InProgress)], at(60))
            .unwrap(),
        [Imported::AlreadyThere]
    );
    // A different session under the id is a conflict, and the history's is left alone.
    let mut other = partial(4, 2, SessionStatus::Complete);
    other.seed = 99;
    assert!(matches!(
        store.import(&[other], at(70)).unwrap()[0],
        Imported::Conflict(_)
    ));
    assert_eq!(store.session("p").unwrap().unwrap(), now);
    // A new id is added whole.
    assert_eq!(
        store.import(&[sample("new", 9)], at(80)).unwrap(),
        [Imported::Added]
    );
}

#[test]
fn session_files_of_an_earlier_grill_move_in_once_and_are_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    fs::create_dir_all(&sessions).unwrap();
    let good = serde_json::to_string_pretty(&sample("20261101-100000-aaaa", 0)).unwrap();
    fs::write(sessions.join("20261101-100000-aaaa.json"), &good).unwrap();
    let bad = "{\n  \"format\": 1,\n  \"id\": oops\n}";
    fs::write(sessions.join("bad.json"), bad).unwrap();
    fs::write(sessions.join(".20261101-100000-aaaa.Xyz.tmp"), "half").unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.take_migration().unwrap();
    assert_eq!(m.moved, 1);
    assert_eq!(m.problems.len(), 1);
    assert!(m.problems[0].contains("bad.json:3:"), "{:?}", m.problems);
    assert!(m.problems[0].contains("corrupt JSON"), "{:?}", m.problems);
    assert_eq!(ids(&store), ["20261101-100000-aaaa"]);
    assert_eq!(fs::read_to_string(sessions.join("bad.json")).unwrap(), bad);
    assert_eq!(
        fs::read_to_string(sessions.join("20261101-100000-aaaa.json")).unwrap(),
        good
    );
    drop(store);
    // Opened again: nothing new, nothing said.
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.take_migration(), None);
    // A file added later moves in; the others are not read again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let later = serde_json::to_string(&sample("20261102-100000-bbbb", 99)).unwrap();
    fs::write(sessions.join("20261102-100000-bbbb.json"), later).unwrap();
    drop(store);
    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(
        store.take_migration().map(|m| (m.moved, m.problems.len())),
        Some((1, 0))
    );
    assert_eq!(store.count().unwrap(), 2);
}

#[test]
#[cfg(unix)]
fn a_fifo_or_a_device_among_the_session_files_is_named_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let sessions = dir.path().join("sessions");
    fs::create_dir_all(&sessions).unwrap();
    let fifo = sessions.join("fifo.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", sessions.join("zero.json")).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.take_migration().unwrap();
    assert_eq!(m.moved, 0);
    assert_eq!(m.problems.len(), 2, "{:?}", m.problems);
    assert!(
        m.problems.iter().all(|p| p.contains("not a regular file")),
        "{:?}",
        m.problems
    );
}

#[test]
fn two_stores_on_one_database_keep_each_others_writes() {
    let dir = tempfile::tempdir().unwrap();
    let first = Store::open(dir.path()).unwrap();
    let mut r = partial(3, 1, SessionStatus::InProgress);
    let mut running = SessionWriter::new(&first);
    running.save(&r, at(1)).unwrap();
    // Another grill reviews the running session and rates its first answer.
    let other = Store::open(dir.path()).unwrap();
    other
        .rate("p", 0, crate::fsrs::Rating::Good, RatedBy::You, at(2))
        .unwrap();
    // The running session goes on: its next save adds its answer and keeps that rating.
    r.items.push(item(2, "two", 60.0));
    running.save(&r, at(3)).unwrap();
    let now = other.session("p").unwrap().unwrap();
    assert_eq!(now.items.len(), 2);
    assert_eq!(now.items[0].rating, Some(crate::fsrs::Rating::Good));
    // Deleted by the other while it runs: its next save fails and saves nothing.
    other.delete("p").unwrap();
    r.items.push(item(3, "three", 60.0));
    let e = running.save(&r, at(4)).unwrap_err().to_string();
    assert!(e.contains("deleted from the history meanwhile"), "{e}");
    assert_eq!(first.count().unwrap(), 0, "the deleted stays deleted");
}

#[test]
fn parallel_ratings_from_many_threads_are_all_logged() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut s = sample("s", 0);
    s.items = (1..=4).map(|q| item(q, "a", 50.0)).collect();
    SessionWriter::new(&store).save(&s, at(0)).unwrap();
    let path = dir.path().to_path_buf();
    let threads: Vec<_> = (0..4)
        .map(|k| {
            let path = path.clone();
            std::thread::spawn(move || {
                let store = Store::open(path).unwrap();
                for n in 0..5 {
                    store
                        .rate("s", k, crate::fsrs::Rating::Hard, RatedBy::You, at(n))
                        .unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    for k in 0..4 {
        assert_eq!(log(&store, "s", k).len(), 5);
    }
    assert_eq!(store.check().unwrap(), None);
}

#[test]
fn find_by_number_id_and_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    SessionWriter::new(&store)
        .save(&sample("20261102-100000-bbbb", 1), at(0))
        .unwrap();
    SessionWriter::new(&store)
        .save(&sample("20261101-100000-aaaa", 0), at(0))
        .unwrap();
    let sel = |s: &str| store.find(s).map(|x| (x.id, x.number));
    assert_eq!(sel("2").unwrap(), ("20261102-100000-bbbb".into(), 2));
    assert_eq!(sel("20261101").unwrap(), ("20261101-100000-aaaa".into(), 1));
    assert_eq!(sel("20261102-100000-bbbb").unwrap().1, 2);
    let e = sel("2026").unwrap_err().to_string();
    assert!(e.contains("matches 2 sessions"), "{e}");
    let e = sel("zzz").unwrap_err().to_string();
    assert!(e.contains("no session `zzz`"), "{e}");
    assert_eq!(
        ids(&store),
        ["20261101-100000-aaaa", "20261102-100000-bbbb"]
    );
}

#[test]
fn a_folder_that_is_a_file_and_a_clock_beyond_2262_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("home");
    fs::write(&file, "x").unwrap();
    let e = Store::open(&file).unwrap_err().to_string();
    assert!(e.contains("is not a folder"), "{e}");
    let store = Store::open(dir.path().join("h")).unwrap();
    let mut r = sample("far", 0);
    r.started_at = "9999-12-30T00:00:00Z".parse().unwrap();
    let e = SessionWriter::new(&store)
        .save(&r, at(0))
        .unwrap_err()
        .to_string();
    assert!(e.contains("beyond what the history can record"), "{e}");
}

#[test]
fn a_backup_is_a_database_with_every_session() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("h")).unwrap();
    SessionWriter::new(&store)
        .save(&sample("s", 0), at(0))
        .unwrap();
    let to = dir.path().join("copy").join(DB_FILE);
    // A folder that is not there is the user's input to fix (exit 2), named, with no word of
    // GRILL_HOME.
    let nowhere = dir.path().join("nowhere").join(DB_FILE);
    let e = store.backup(&nowhere).unwrap_err();
    assert_eq!(e.exit().code(), 2, "{e}");
    assert!(
        e.to_string().contains("there is no folder") && !e.to_string().contains("GRILL_HOME"),
        "{e}"
    );
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    store.backup(&to).unwrap();
    assert!(store.backup(&to).is_err(), "never over an existing file");
    let copy = Store::open(to.parent().unwrap()).unwrap();
    assert_eq!(
        copy.session("s").unwrap().unwrap(),
        store.session("s").unwrap().unwrap()
    );
}

#[test]
fn foreign_and_newer_files_get_clear_messages() {
    let err = parse_record("{\"hello\": 1}").unwrap_err();
    assert!(err.contains("not a grill session record"), "{err}");
    let err = parse_record("{\"format\": 99}").unwrap_err();
    assert!(err.contains("newer grill"), "{err}");
    // A newer record that this build could parse is refused all the same.
    let mut newer = sample("n", 0);
    newer.format = RECORD_FORMAT + 1;
    let err = parse_record(&serde_json::to_string(&newer).unwrap()).unwrap_err();
    assert!(err.contains("newer grill"), "{err}");
}

#[test]
fn a_time_on_one_question_over_30_days_is_refused() {
    let good = serde_json::to_string_pretty(&sample("n", 0)).unwrap();
    let month: u64 = 30 * 24 * 3600 * 1000;
    for (ms, ok) in [
        (month, true),
        (month + 1, false),
        (1_000_000_000_000, false),
    ] {
        let text = good.replacen("\"time_used_ms\": 5", &format!("\"time_used_ms\": {ms}"), 1);
        let parsed = parse_record(&text);
        assert_eq!(parsed.is_ok(), ok, "{ms}: {parsed:?}");
        if let Err(e) = parsed {
            assert!(e.contains(&format!("`time_used_ms` is {ms}")), "{e}");
        }
    }
}

#[test]
fn impossible_numbers_are_refused_with_their_line_and_field() {
    let good = serde_json::to_string_pretty(&sample("n", 0)).unwrap();
    let line_of = |text: &str, key: &str| {
        1 + text
            .lines()
            .position(|l| l.trim_start().starts_with(&format!("\"{key}\"")))
            .unwrap()
    };
    let cases = [
        (
            "\"score\": 50.0",
            "\"score\": 500.0",
            "score",
            "`score` is 500",
        ),
        (
            "\"score\": 50.0",
            "\"score\": 1e308",
            "score",
            "`score` is 1e308",
        ),
        (
            "\"score\": 50.0",
            "\"score\": -1e308",
            "score",
            "`score` is -1e308",
        ),
        (
            "\"score\": 50.0",
            "\"score\": -0.5",
            "score",
            "`score` is -0.5",
        ),
        (
            "\"time_limit_secs\": 180",
            "\"time_limit_secs\": 18446744073709551615",
            "time_limit_secs",
            "`time_limit_secs` is 18446744073709551615",
        ),
        (
            "\"total_limit_secs\": null",
            "\"total_limit_secs\": 90000",
            "total_limit_secs",
            "`total_limit_secs` is 90000",
        ),
        (
            "\"time_used_ms\": 5",
            "\"time_used_ms\": -5",
            "time_used_ms",
            "invalid value: integer `-5`",
        ),
    ];
    for (from, to, key, says) in cases {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        let err = parse_record(&bad).unwrap_err();
        let line = line_of(&bad, key);
        assert!(err.starts_with(&format!("{line}:")), "{to}: {err}");
        assert!(err.contains("invalid session record"), "{to}: {err}");
        assert!(err.contains(says), "{to}: {err}");
    }
    // Coverage too; and the bounds themselves are fine.
    let mut r = sample("n", 0);
    r.items[0].assessment.bullets = vec![crate::scoring::BulletAssessment {
        wording: None,
        bullet: "b".into(),
        coverage: 1.0,
        weight: 1.0,
        opposite: false,
        contradicted: false,
        matched: vec![],
        missed: vec![],
    }];
    r.items[0].assessment.score = 100.0;
    r.settings.total_limit_secs = Some(24 * 3600);
    let text = serde_json::to_string_pretty(&r).unwrap();
    assert_eq!(parse_record(&text).unwrap(), r);
    let bad = text.replacen("\"coverage\": 1.0", "\"coverage\": 1.5", 1);
    let err = parse_record(&bad).unwrap_err();
    assert!(
        err.starts_with(&format!("{}:", line_of(&bad, "coverage"))),
        "{err}"
    );
    assert!(err.contains("`coverage` is 1.5"), "{err}");
    // Moving such a file into the history skips it and names it with its line.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("sessions")).unwrap();
    let ok = serde_json::to_string(&sample("ok", 0)).unwrap();
    fs::write(dir.path().join("sessions/ok.json"), ok).unwrap();
    fs::write(dir.path().join("sessions/bad.json"), &bad).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.take_migration().unwrap();
    assert_eq!(m.moved, 1);
    assert!(
        m.problems[0].contains(&format!("bad.json:{}:", line_of(&bad, "coverage"))),
        "{:?}",
        m.problems
    );
}

#[test]
fn ids_sort_by_time_and_carry_48_random_bits() {
    let a = new_id(
        jiff::Timestamp::from_second(1_790_000_000).unwrap(),
        u64::MAX,
    );
    let b = new_id(jiff::Timestamp::from_second(1_790_000_001).unwrap(), 0);
    assert!(a < b, "{a} {b}");
    assert_eq!(a, "20260921-141320-ffffffffffff");
    assert_eq!(b, "20260921-141321-000000000000");
    assert!(is_safe_id(&a));
    assert!(!is_safe_id("../x"));
}

#[test]
fn sessions_saved_at_once_under_one_id_are_all_kept() {
    let dir = tempfile::tempdir().unwrap();
    Store::open(dir.path()).unwrap().ready().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|k| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let store = Store::open(path).unwrap();
                let mut r = sample("20261101-100000-same", k);
                r.items[0].answer = format!("answer {k}");
                let mut w = SessionWriter::new(&store);
                w.save(&r, at(k)).unwrap();
                w.id().unwrap().to_string()
            })
        })
        .collect();
    let mut ids: Vec<String> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8, "each its own id");
    let store = Store::open(dir.path()).unwrap();
    let mut answers: Vec<String> = store
        .all_sessions()
        .unwrap()
        .into_iter()
        .map(|s| s.items[0].answer.clone())
        .collect();
    answers.sort();
    assert_eq!(answers.len(), 8);
    assert_eq!(answers[0], "answer 0");
}

#[test]
fn an_unsafe_id_in_a_session_file_is_named_and_not_moved_in() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("sessions")).unwrap();
    let evil = serde_json::to_string(&sample("../../evil", 0)).unwrap();
    fs::write(dir.path().join("sessions/evil.json"), evil).unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let m = store.take_migration().unwrap();
    assert_eq!(m.moved, 0);
    assert!(m.problems[0].contains("not a safe id"), "{:?}", m.problems);
    assert_eq!(store.count().unwrap(), 0);
}

#[test]
fn cards_kept_step_by_step_equal_cards_made_from_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    use crate::fsrs::Rating::*;
    let mut sessions = Vec::new();
    for (k, (score, rating)) in [
        (30.0, None),
        (80.0, Some(Good)),
        (95.0, None),
        (55.0, Some(Again)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut s = sample(&format!("s{k}"), 86_400 * 2 * k as i64);
        s.items = vec![item(1, "a", score), item(2, "b", 100.0 - score)];
        s.items[0].rating = rating;
        let mut w = SessionWriter::new(&store);
        w.save(&s, at(0)).unwrap();
        sessions.push(s);
    }
    // A rating of an earlier answer, given later: the card is made again from every answer.
    store.rate("s1", 1, Easy, RatedBy::You, at(9)).unwrap();
    sessions[1].items[1].rating = Some(Easy);
    let folded = crate::practice::seen_after(
        &fake_bank(),
        &Default::default(),
        &sessions,
        &crate::fsrs::Scheduler::default(),
    );
    assert_eq!(store.cards("b").unwrap(), folded);
}

fn weights_doc(weights: [f64; 21]) -> weights::Weights {
    let fit = weights::Fit {
        log_loss: 0.5,
        rmse_bins: 0.1,
    };
    weights::Weights {
        format: weights::WEIGHTS_FORMAT,
        weights: weights.to_vec(),
        fitted_at: at(0),
        bank: "b".into(),
        reviews: 3,
        trained_on: 2,
        tested_on: 1,
        default: fit,
        fitted: fit,
    }
}

#[test]
fn stored_weights_make_every_card_again_and_every_later_save_uses_them() {
    use crate::fsrs::{Rating::*, Scheduler};
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut sessions = Vec::new();
    for (k, rating) in [None, Some(Good), Some(Hard)].into_iter().enumerate() {
        let mut s = sample(&format!("s{k}"), 86_400 * 3 * k as i64);
        s.items = vec![item(1, "a", 80.0), item(2, "b", 30.0)];
        s.items[0].rating = rating;
        SessionWriter::new(&store).save(&s, at(0)).unwrap();
        sessions.push(s);
    }
    let log = store.review_log("b").unwrap();
    let ratings: Vec<_> = log[0].1.iter().map(|(_, r)| *r).collect();
    assert_eq!((log.len(), ratings), (2, vec![Good, Good, Hard]));
    assert!(log[1].1.iter().all(|(_, r)| *r == Again), "score 30: again");

    let mut own = crate::fsrs::DEFAULT_WEIGHTS;
    (own[2], own[8], own[20]) = (0.6, 0.8, 0.5);
    let with = |weights| Scheduler {
        weights,
        ..Scheduler::default()
    };
    let fold = |s: &[SessionRecord], weights| {
        crate::practice::seen_after(&fake_bank(), &Default::default(), s, &with(weights))
    };
    assert_eq!(store.set_weights(Some(&weights_doc(own))).unwrap(), 2);
    assert_eq!(store.cards("b").unwrap(), fold(&sessions, own));
    assert_eq!(store.scheduler(0.8).unwrap().weights, own);
    assert_eq!(store.scheduler(0.8).unwrap().retention, 0.8);
    // A later save (the one-step update) works with them too.
    let mut s = sample("s3", 86_400 * 12);
    s.items = vec![item(1, "a", 95.0)];
    SessionWriter::new(&store).save(&s, at(0)).unwrap();
    sessions.push(s);
    assert_eq!(store.cards("b").unwrap(), fold(&sessions, own));

    assert_eq!(store.set_weights(None).unwrap(), 2);
    assert_eq!(
        store.cards("b").unwrap(),
        fold(&sessions, crate::fsrs::DEFAULT_WEIGHTS)
    );
    assert_eq!(store.scheduler(0.9).unwrap(), Scheduler::default());
}

#[test]
fn stored_weights_grill_cannot_use_are_refused_by_commands_but_never_lose_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    SessionWriter::new(&store)
        .save(&sample("a", 0), at(0))
        .unwrap();
    let conn = store.writer().unwrap();
    let put = |value: &str| {
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
            rusqlite::params![weights::KEY, value],
        )
        .unwrap();
    };
    let mut newer = serde_json::to_value(weights_doc(crate::fsrs::DEFAULT_WEIGHTS)).unwrap();
    newer["format"] = 99.into();
    let mut wide = serde_json::to_value(weights_doc(crate::fsrs::DEFAULT_WEIGHTS)).unwrap();
    wide["weights"][20] = 5.0.into();
    for (bad, said) in [
        ("not json".to_string(), "cannot be read"),
        (newer.to_string(), "newer grill (format 99"),
        (
            r#"{"format": 1, "weights": [1, 2]}"#.to_string(),
            "cannot be read",
        ),
        (wide.to_string(), "within FSRS-6's ranges"),
    ] {
        put(&bad);
        let e = store.scheduler(0.9).unwrap_err().to_string();
        assert!(e.contains("--optimize --reset") && e.contains(said), "{e}");
        assert!(store.weights().is_err());
        SessionWriter::new(&store)
            .save(&sample("b", 86_400), at(0))
            .unwrap();
    }
    store.set_weights(None).unwrap();
    assert_eq!(
        store.scheduler(0.9).unwrap(),
        crate::fsrs::Scheduler::default()
    );
}

#[test]
fn a_new_rating_of_a_latest_answer_is_one_step_and_equals_the_whole_fold() {
    use crate::fsrs::Rating::*;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut sessions = Vec::new();
    for k in 0..3 {
        let mut s = sample(&format!("s{k}"), 86_400 * 3 * k as i64);
        s.items = vec![item(1, "a", 40.0 + 20.0 * k as f64), item(2, "b", 70.0)];
        SessionWriter::new(&store).save(&s, at(0)).unwrap();
        sessions.push(s);
    }
    let fold = |s: &[SessionRecord]| {
        let bank = crate::bank::Bank::parse(
            "title: b\n# a: A\nQ1. p\n- x\nQ2. p\n- y\nQ3. p\n- z\n",
            "b.txt",
            crate::bank::Format::Text,
        )
        .unwrap();
        crate::practice::seen_after(
            &bank,
            &Default::default(),
            s,
            &crate::fsrs::Scheduler::default(),
        )
    };
    // The latest answers rated, rated again and taken back: each the same as every answer
    // folded again.
    for (id, position, rating) in [("s2", 0, Again), ("s2", 0, Easy), ("s2", 1, Hard)] {
        store
            .rate(id, position, rating, RatedBy::You, at(9))
            .unwrap();
        sessions[2].items[position].rating = Some(rating);
        assert_eq!(
            store.cards("b").unwrap(),
            fold(&sessions),
            "{id} {position}"
        );
    }
    store.undo(UndoTarget::Answer("s2", 0)).unwrap().unwrap();
    sessions[2].items[0].rating = Some(Again);
    assert_eq!(store.cards("b").unwrap(), fold(&sessions));
    // The first answer of a question, rated while it is the only one.
    let mut s = sample("s3", 86_400 * 12);
    s.items = vec![item(3, "c", 90.0)];
    SessionWriter::new(&store).save(&s, at(0)).unwrap();
    sessions.push(s);
    store.rate("s3", 0, Hard, RatedBy::You, at(9)).unwrap();
    sessions[3].items[0].rating = Some(Hard);
    assert_eq!(store.cards("b").unwrap(), fold(&sessions));
    // An earlier answer rated: made again from every answer.
    store.rate("s0", 0, Easy, RatedBy::You, at(9)).unwrap();
    sessions[0].items[0].rating = Some(Easy);
    assert_eq!(store.cards("b").unwrap(), fold(&sessions));

    // One step, not a fold: an earlier answer's score changed behind grill's back is not seen
    // when the latest is rated, and is once the card is made again (a card from schema 1,
    // which does not know its latest answer).
    let conn = store.writer().unwrap();
    conn.execute(
        "UPDATE answers SET score = 0 WHERE session_id = 's1' AND position = 0",
        [],
    )
    .unwrap();
    sessions[1].items[0].assessment.score = 0.0;
    store.rate("s2", 0, Good, RatedBy::You, at(9)).unwrap();
    sessions[2].items[0].rating = Some(Good);
    assert_ne!(store.cards("b").unwrap()[&1], fold(&sessions)[&1]);
    conn.execute("UPDATE cards SET latest_session = NULL", [])
        .unwrap();
    store.rate("s2", 0, Good, RatedBy::You, at(9)).unwrap();
    assert_eq!(store.cards("b").unwrap(), fold(&sessions));
}

#[test]
fn an_answer_given_at_the_same_time_as_the_cards_latest_makes_the_card_again() {
    // The whole fold orders answers of the same time by their sessions' starts; one step
    // after the latest cannot know that order, so a tie is made again from every answer.
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut later = sample("sb", 100);
    later.items = vec![item(1, "a", 95.0)];
    SessionWriter::new(&store).save(&later, at(0)).unwrap();
    let mut earlier = sample("sa", 50);
    earlier.ended_at = later.ended_at;
    earlier.items = vec![item(1, "b", 20.0)];
    store
        .import(std::slice::from_ref(&earlier), at(200))
        .unwrap();
    let folded = crate::practice::seen_after(
        &fake_bank(),
        &Default::default(),
        &[earlier, later],
        &crate::fsrs::Scheduler::default(),
    );
    assert_eq!(store.cards("b").unwrap(), folded);
    assert_eq!(folded[&1].latest, 95.0);
}
