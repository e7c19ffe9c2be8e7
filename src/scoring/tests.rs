//! Behaviour and properties of the scorer as a whole, mostly on the embedded Python bank.

use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(Bank::embedded)
}

fn scorer() -> &'static Scorer {
    static SCORER: OnceLock<Scorer> = OnceLock::new();
    SCORER.get_or_init(|| Scorer::for_bank(bank()))
}

fn questions() -> Vec<&'static crate::bank::Question> {
    bank().questions().map(|l| l.question).collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// Mistypes every third word of five letters or more the way hasty typing does: a letter
/// dropped, two letters swapped, a letter doubled, in turn.
fn with_typos(text: &str) -> String {
    let mut n = 0;
    text.split(' ')
        .map(|w| {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() < 7 || !chars.iter().all(|c| c.is_ascii_alphabetic()) {
                return w.to_string();
            }
            n += 1;
            let mut c = chars.clone();
            match n % 9 {
                0 => {
                    c.remove(3);
                }
                3 => c.swap(2, 3),
                6 => c.insert(4, c[4]),
                _ => {}
            }
            c.into_iter().collect()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_bank_question_scores_its_own_bullets_at_least_95() {
    for q in questions() {
        let a = scorer().score(Some(&q.prompt), &q.bullets, &q.bullets.join("\n"));
        assert!(a.score >= 95.0, "Q{}: {}", q.id, a.score);
        assert!(a.bullets.iter().all(|b| b.missed.is_empty()), "Q{}", q.id);
    }
}

#[test]
fn a_full_answer_with_typos_scores_within_a_few_points_of_the_clean_one() {
    let mut worst: f64 = 0.0;
    let mut typos = 0;
    for q in questions() {
        let clean = q.bullets.join(" ");
        let typed = with_typos(&clean);
        typos += usize::from(typed != clean);
        let a = scorer().score(Some(&q.prompt), &q.bullets, &clean).score;
        let b = scorer().score(Some(&q.prompt), &q.bullets, &typed).score;
        assert!(b <= a, "Q{}: typos scored higher", q.id);
        worst = worst.max(a - b);
    }
    assert!(
        typos > 50,
        "the typo generator changed only {typos} answers"
    );
    assert!(worst <= 5.0, "a typo'd answer lost {worst} points");
}

#[test]
fn typos_in_an_answer_are_reported_as_such() {
    let bullets = strings(&[
        "A decorator wraps a function.",
        "The garbage collector frees cycles.",
    ]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(
        None,
        &bullets,
        "a decroator wraps functions; the garbge colector frees cycles",
    );
    let fuzzy: Vec<&str> = a
        .bullets
        .iter()
        .flat_map(|b| &b.matched)
        .filter(|m| m.how == MatchKind::Fuzzy)
        .map(|m| m.word.as_str())
        .collect();
    assert_eq!(fuzzy, vec!["decroator", "garbge colector"]);
    assert!(a.score > 90.0, "{}", a.score);
}

#[test]
fn specific_terms_weigh_more_than_generic_ones() {
    let refs: Vec<Vec<String>> = vec![
        strings(&["Use the GIL carefully."]),
        strings(&["Use a list."]),
        strings(&["Use a dict."]),
        strings(&["Use a set."]),
    ];
    let s = Scorer::new(refs.iter().map(Vec::as_slice), &[]);
    let specific = s.score(None, &refs[0], "the GIL").score;
    let generic = s.score(None, &refs[0], "use").score;
    assert!(specific > generic + 10.0, "{specific} vs {generic}");
}

#[test]
fn repeating_the_prompt_earns_little() {
    let bullets = strings(&["Decorators wrap a function to add behaviour."]);
    let prompt = "What do decorators do to a function?";
    let s = Scorer::new([bullets.as_slice()], &[]);
    let echo = s.score(Some(prompt), &bullets, prompt).score;
    let without_prompt = s.score(None, &bullets, prompt).score;
    let real = s
        .score(Some(prompt), &bullets, "they wrap it and add behaviour")
        .score;
    assert!(echo < 40.0, "{echo}");
    assert!(echo < without_prompt, "{echo} vs {without_prompt}");
    assert!(real > 80.0, "{real}");
}

#[test]
fn bank_synonyms_join_the_built_in_ones() {
    let bullets = strings(&["The borrow checker enforces aliasing rules."]);
    let plain = Scorer::new([bullets.as_slice()], &[]);
    let groups = vec![strings(&["borrowck", "borrow checker"])];
    let with_group = Scorer::new([bullets.as_slice()], &groups);
    let answer = "borrowck enforces it";
    assert!(
        with_group.score(None, &bullets, answer).score > plain.score(None, &bullets, answer).score
    );
    let m = &with_group.score(None, &bullets, answer).bullets[0].matched[0];
    assert_eq!(
        (m.keyword.as_str(), m.how),
        ("borrow checker", MatchKind::Synonym)
    );
}

#[test]
fn status_follows_the_thresholds() {
    let b = |coverage| BulletAssessment {
        wording: None,
        bullet: String::new(),
        coverage,
        weight: 1.0,
        opposite: false,
        contradicted: false,
        matched: vec![],
        missed: vec![],
    };
    assert_eq!(b(COVERED).status(), Status::Covered);
    assert_eq!(b(COVERED - 0.01).status(), Status::Partly);
    assert_eq!(b(PARTLY).status(), Status::Partly);
    assert_eq!(b(PARTLY - 0.01).status(), Status::Missed);
}

#[test]
fn assessments_round_trip_through_json() {
    let q = questions()[5];
    let a = scorer().score(
        Some(&q.prompt),
        &q.bullets,
        "pass is a no-op; continue skips",
    );
    let json = serde_json::to_string(&a).unwrap();
    assert!(json.contains(r#""how":"exact""#), "{json}");
    let back: Assessment = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
}

/// An answer made of words from a question's bullets, from other questions, and noise.
fn answer_words() -> impl Strategy<Value = (usize, Vec<String>)> {
    let n = questions().len();
    (0..n).prop_flat_map(|qi| {
        let own: Vec<String> = questions()[qi]
            .bullets
            .join(" ")
            .split(' ')
            .map(str::to_string)
            .collect();
        let other: Vec<String> = questions()[(qi + 7) % questions().len()]
            .bullets
            .join(" ")
            .split(' ')
            .map(str::to_string)
            .collect();
        let word = prop_oneof![
            proptest::sample::select(own),
            proptest::sample::select(other),
            "[a-zA-Z_.()*`]{1,12}",
        ];
        (Just(qi), proptest::collection::vec(word, 0..40))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn score_is_within_0_and_100(
        bullets in proptest::collection::vec("\\PC{0,60}", 0..6),
        answer in "\\PC{0,200}",
        prompt in proptest::option::of("\\PC{0,60}"),
    ) {
        let s = Scorer::new([bullets.as_slice()], &[]);
        let a = s.score(prompt.as_deref(), &bullets, &answer);
        prop_assert!((0.0..=100.0).contains(&a.score), "{}", a.score);
        prop_assert_eq!(a.bullets.len(), bullets.len());
        for b in &a.bullets {
            prop_assert!((0.0..=1.0).contains(&b.coverage));
        }
    }

    #[test]
    fn the_empty_answer_scores_0(qi in 0..200usize, blank in "[ \\t\\n]{0,5}") {
        let q = questions()[qi % questions().len()];
        let a = scorer().score(Some(&q.prompt), &q.bullets, &blank);
        prop_assert_eq!(a.score, 0.0);
        prop_assert!(a.bullets.iter().all(|b| b.matched.is_empty()));
    }

    #[test]
    fn generated_bullets_as_the_answer_score_at_least_95(
        bullets in proptest::collection::vec("[a-z]{1,10}( [a-zA-Z]{1,10}){0,8}", 1..6),
    ) {
        // A choice bullet ("b", "yes") is met only by the answer's start, not by repeating it.
        prop_assume!(bullets.iter().all(|b| choice::Choice::of_bullet(b).is_none()));
        let s = Scorer::new([bullets.as_slice()], &[]);
        let a = s.score(None, &bullets, &bullets.join(". "));
        prop_assert!(a.score >= 95.0 || a.bullets.iter().all(|b| b.matched.is_empty() && b.missed.is_empty()),
            "{:?}", a);
    }

    #[test]
    fn adding_a_bullets_idea_never_lowers_the_score((qi, words) in answer_words(), pick in 0..10usize) {
        // As a sentence of its own, of a question none of whose bullets negates: a claim the
        // reference negates elsewhere ("X cannot combine with Y") contradicts it (`claims`).
        let q = questions()[qi];
        prop_assume!(q.bullets.iter().all(|b| !claims::scope(b, std::iter::empty()).1));
        // Its own sentence only when the words leave no code span open: after a lone backtick
        // ("nO_` produce") the idea's full stop and words are code up to its first backtick, as
        // Markdown pairs them, and the "no" before it negated them (a CI run found this).
        let answer: String = words.join(" ").chars().filter(|&c| c != '`').collect();
        let idea = &q.bullets[pick % q.bullets.len()];
        let before = scorer().score(Some(&q.prompt), &q.bullets, &answer).score;
        let after = scorer().score(Some(&q.prompt), &q.bullets, &format!("{answer}. {idea}")).score;
        let before_it = scorer().score(Some(&q.prompt), &q.bullets, &format!("{idea}. {answer}")).score;
        prop_assert!(after >= before, "{} -> {}", before, after);
        prop_assert!(before_it >= before, "{} -> {}", before, before_it);
    }

    #[test]
    fn the_same_input_gives_the_same_score((qi, words) in answer_words()) {
        let q = questions()[qi];
        let answer = words.join(" ");
        let a = scorer().score(Some(&q.prompt), &q.bullets, &answer);
        let b = Scorer::for_bank(bank()).score(Some(&q.prompt), &q.bullets, &answer);
        prop_assert_eq!(a, b);
    }
}

/// A question's bullets typed as prose: nobody types backticks.
fn typed(q: &crate::bank::Question) -> String {
    q.bullets.join(" ").replace('`', "")
}

#[test]
fn every_bank_question_scores_its_bullets_typed_without_backticks_at_least_90() {
    let mut worst: Vec<(f64, u32)> = questions()
        .iter()
        .map(|q| {
            let a = scorer().score(Some(&q.prompt), &q.bullets, &typed(q));
            (a.score, q.id)
        })
        .collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    eprintln!("worst typed: {:?}", &worst[..8]);
    let low: Vec<_> = worst.iter().filter(|(s, _)| *s < 90.0).collect();
    assert!(low.is_empty(), "typed without backticks below 90: {low:?}");
}

fn question(id: u32) -> &'static crate::bank::Question {
    bank().find(id).expect("a bank question").question
}

#[test]
fn a_reference_typed_without_backticks_meets_its_code_words() {
    // Q14 "Explain chained comparisons": `a < b and b < c` typed as prose.
    let q = question(14);
    let a = scorer().score(Some(&q.prompt), &q.bullets, &typed(q));
    assert!(a.score >= 90.0, "{a:?}");
    // Q13: "Use `is` for singletons like `None`", typed.
    let q = question(13);
    let a = scorer().score(Some(&q.prompt), &q.bullets, "use is for None");
    let bullet = a
        .bullets
        .iter()
        .find(|b| b.bullet.contains("singletons"))
        .unwrap();
    assert!(
        bullet.matched.iter().any(|m| m.keyword == "is"),
        "{bullet:?}"
    );
    assert!(!bullet.missed.contains(&"is".to_string()), "{bullet:?}");
    // Q105: "... with `with` statements".
    let q = question(105);
    let a = scorer().score(
        Some(&q.prompt),
        &q.bullets,
        "with statements manage resources",
    );
    assert!(
        a.bullets
            .iter()
            .all(|b| !b.missed.contains(&"with".to_string())),
        "{a:?}"
    );
}

#[test]
fn single_letter_code_is_a_placeholder_and_the_article_a_earns_nothing() {
    let q = question(14);
    let a = scorer().score(Some(&q.prompt), &q.bullets, "a");
    assert_eq!(a.score, 0.0, "{a:?}");
    for b in &a.bullets {
        for letter in ["a", "b", "c"] {
            assert!(!b.missed.iter().any(|m| m == letter), "{b:?}");
        }
    }
    let bullets = strings(&["`T` is a type variable; `x` and `y` are names"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    assert_eq!(s.score(None, &bullets, "a T x y").score, 0.0);
}

#[test]
fn a_prompt_says_a_code_word_only_as_code() {
    // "with" in the prompt's prose does not make the keyword `with` weigh a tenth.
    let bullets = strings(&["Use `with` blocks"]);
    let s = Scorer::new([bullets.as_slice(), &strings(&["other blocks"])], &[]);
    let prose = s
        .score(Some("How to work with files?"), &bullets, "with")
        .score;
    let code = s
        .score(Some("What does `with` do?"), &bullets, "with")
        .score;
    assert!(prose > code + 20.0, "{prose} vs {code}");
}

#[test]
fn a_typo_in_a_code_name_that_is_a_plain_word_still_meets_it() {
    // Q51: "Apply via `@decorator` syntax above function definition."
    let q = question(51);
    let a = scorer().score(Some(&q.prompt), &q.bullets, "apply the decroator syntax");
    let bullet = a
        .bullets
        .iter()
        .find(|b| b.bullet.contains("@decorator"))
        .unwrap();
    let m = bullet.matched.iter().find(|m| m.keyword == "decorator");
    assert_eq!(
        m.map(|m| (m.word.as_str(), m.how)),
        Some(("decroator", MatchKind::Fuzzy)),
        "{bullet:?}"
    );
    // A dunder's part, within the same length rules.
    let bullets = strings(&["`__getattribute__` intercepts lookups"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let m = &s.score(None, &bullets, "getattribtue").bullets[0].matched;
    assert_eq!(m.first().map(|m| m.how), Some(MatchKind::Fuzzy), "{m:?}");
    assert!(s.score(None, &bullets, "getattribtue").score > 0.0);
}

#[test]
fn an_ordinary_word_alone_does_not_fully_meet_a_dunder() {
    // Q61: "`__new__` controls object creation if overridden." The bank's prose says "new".
    let q = question(61);
    let credit = |answer: &str| {
        let a = scorer().score(Some(&q.prompt), &q.bullets, answer);
        a.bullets
            .iter()
            .find(|b| b.bullet.contains("__new__"))
            .unwrap()
            .coverage
    };
    let bare = credit("new controls object creation");
    let dunder = credit("__new__ controls object creation");
    assert!(bare < dunder, "{bare} vs {dunder}");
    // Written as code, or called a dunder, it is the name.
    assert_eq!(credit("new() controls object creation"), dunder);
    assert_eq!(credit("dunder new controls object creation"), dunder);
    // A part that is not a word of its own ("init") is still clear alone.
    let bullets = strings(&["`__init__`"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    assert_eq!(s.score(None, &bullets, "the init method").score, 100.0);
}

#[test]
fn every_bullet_of_the_embedded_bank_has_a_keyword() {
    for q in questions() {
        let r = scorer().prepare(Some(&q.prompt), &q.bullets);
        assert_eq!(r.empty_bullet(), None, "Q{}: {:?}", q.id, q.bullets);
    }
    let empty = scorer().prepare(None, &strings(&["a b", "threads"]));
    assert_eq!(empty.empty_bullet(), Some(0));
}

#[test]
fn bullets_weigh_their_keyword_mass() {
    let bullets = strings(&[
        "Recursion.",
        "A recursive function calls itself on a smaller input until a base case stops it.",
    ]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(None, &bullets, "recursion");
    let (short, long) = (a.bullets[0].weight, a.bullets[1].weight);
    assert!(short < long / 3.0, "{short} vs {long}");
    assert!((short + long - 1.0).abs() < 0.002);
    // Covering the one-word bullet alone is a small share of the answer.
    assert!(a.score < 50.0, "{}", a.score);
    let b = s.score(
        None,
        &bullets,
        "a function calls itself on smaller input until a base case",
    );
    assert!(b.score > 80.0, "{}", b.score);
}

#[test]
fn irregular_forms_meet_their_lemma_but_code_names_stay_as_written() {
    let bullets = strings(&["Each child process runs to completion."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(
        None,
        &bullets,
        "the children processes ran until completion",
    );
    let how: Vec<(&str, MatchKind)> = a.bullets[0]
        .matched
        .iter()
        .map(|m| (m.word.as_str(), m.how))
        .collect();
    assert!(how.contains(&("children", MatchKind::Stem)), "{how:?}");
    assert!(how.contains(&("ran", MatchKind::Stem)), "{how:?}");
    assert_eq!(a.score, 100.0);
    // `children` in code is a name, not the plural of "child".
    let code = strings(&["Read `node.children` first."]);
    let s = Scorer::new([code.as_slice()], &[]);
    let a = s.score(None, &code, "read the child");
    assert!(
        a.bullets[0].missed.contains(&"node.children".to_string()),
        "{:?}",
        a.bullets[0]
    );
}

#[test]
fn a_word_of_a_related_sense_earns_part_credit_in_a_bullet_the_answer_is_about() {
    let bullets = strings(&["Heat makes the gas particles move faster."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(None, &bullets, "heat makes gas particles move quicker");
    let m = a.bullets[0]
        .matched
        .iter()
        .find(|m| m.keyword == "faster")
        .expect("faster met");
    assert_eq!((m.word.as_str(), m.how), ("quicker", MatchKind::Related));
    let exact = s.score(None, &bullets, "heat makes gas particles move faster");
    assert!(a.score < exact.score && a.score > 90.0, "{}", a.score);
    // Alone, a related word is no evidence: the answer is not about the bullet.
    let alone = s.score(None, &bullets, "quicker");
    assert!(
        alone.bullets[0].matched.is_empty(),
        "{:?}",
        alone.bullets[0]
    );
    // Never for a word of the prompt, nor for code names.
    let a = s.score(
        Some("Why do particles move faster?"),
        &bullets,
        "heat makes gas particles move quicker",
    );
    assert!(
        !a.bullets[0]
            .matched
            .iter()
            .any(|m| m.how == MatchKind::Related),
        "{:?}",
        a.bullets[0]
    );
}

#[test]
fn a_bullet_that_negates_needs_an_answer_that_negates() {
    let s = Scorer::new(
        [strings(&["the terminals are not connected"]).as_slice()],
        &[],
    );
    let bullets = strings(&["the terminals are not connected"]);
    let prompt = Some("What does a reading of 1.5 tell you?");
    let right = s.score(
        prompt,
        &bullets,
        "the terminals aren't connected to each other",
    );
    let wrong = s.score(
        prompt,
        &bullets,
        "the terminals are connected to each other",
    );
    assert_eq!(right.score, 100.0);
    assert!(wrong.score < 10.0, "{}", wrong.score);
    // The answer says the opposite: contradicted, its words met the other way meet nothing.
    assert!(wrong.bullets[0].contradicted, "{:?}", wrong.bullets[0]);
    assert!(wrong.bullets[0].missed.contains(&"not".to_string()));
    let m = &right.bullets[0].matched;
    assert!(
        m.iter().any(|k| k.keyword == "not" && k.word == "aren't"),
        "{m:?}"
    );
    // A bullet that does not negate asks for no negation.
    let plain = strings(&["the terminals are connected"]);
    assert_eq!(
        s.score(prompt, &plain, "the terminals are connected").score,
        100.0
    );
}

#[test]
fn prompt_words_weigh_more_in_a_bullet_made_mostly_of_them() {
    let mostly = strings(&["The positive terminal is separated by a gap"]);
    let little = strings(&[
        "A gap separates the positive terminal from the bulb, the switch and the battery",
    ]);
    let s = Scorer::new([mostly.as_slice(), little.as_slice()], &[]);
    let prompt = Some("Why is there a reading at the positive terminal?");
    // The ratio of a prompt word's weight to that of "gap", which is in both references as
    // "positive" is, so both have the same IDF.
    let ratio = |bullets: &[String]| {
        let r = s.prepare(prompt, bullets);
        let w = |name: &str| {
            r.bullets[0]
                .keywords
                .iter()
                .find(|(k, _)| k.display.eq_ignore_ascii_case(name))
                .map(|(_, w)| *w)
                .unwrap()
        };
        w("positive") / w("gap")
    };
    // "positive" and "terminal" are 2 of 4 keywords: 0.3 * 1/2; of 7 keywords: a tenth.
    assert!((ratio(&mostly) - 0.15).abs() < 1e-9, "{}", ratio(&mostly));
    assert!(
        (ratio(&little) - PROMPT_WEIGHT).abs() < 1e-9,
        "{}",
        ratio(&little)
    );
}

#[test]
fn a_keyword_several_bullets_name_is_split_among_them() {
    let bullets = strings(&[
        "In the morning the Sun is in the east so shadows point west.",
        "In the afternoon the Sun is in the west so shadows point east.",
    ]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let r = s.prepare(None, &bullets);
    let w = |b: usize, name: &str| {
        r.bullets[b]
            .keywords
            .iter()
            .find(|(k, _)| k.display.eq_ignore_ascii_case(name))
            .map(|(_, w)| *w)
            .unwrap()
    };
    // One reference: every keyword has the same IDF, so only the split tells them apart.
    assert!((w(0, "sun") / w(0, "morning") - 0.5).abs() < 1e-9);
    assert!((w(1, "shadows") / w(1, "afternoon") - 0.5).abs() < 1e-9);
    // The five words both bullets share cover 2.5 of each bullet's 3.5, not 5 of its 6.
    let a = s.assess(&r, "the sun is in the east and the shadows point west");
    let share = 2.5 / 3.5;
    let expected =
        100.0 * ((share - NOISE_FLOOR) / (1.0 - NOISE_FLOOR) + BELOW_FLOOR * share).sqrt();
    assert!(
        (a.score - expected).abs() < 0.01,
        "{} {}",
        a.score,
        expected
    );
}

#[test]
fn the_same_and_different_things_are_told_apart() {
    let bullets = strings(&["B and C are in the same path with the battery"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let same = s.score(
        None,
        &bullets,
        "bulbs B and C are on the same path as the battery",
    );
    let other = s.score(
        None,
        &bullets,
        "bulbs B and C are on different paths with the battery",
    );
    assert_eq!(same.score, 100.0);
    assert!(other.score < 90.0, "{}", other.score);
    assert_eq!(other.bullets[0].missed, vec!["same".to_string()]);
}

#[test]
fn a_bullet_that_opens_with_a_verdict_needs_the_same_verdict() {
    let bullets = strings(&["Yes, aluminum foil is a metal and all metals conduct."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let right = s.score(
        None,
        &bullets,
        "Yes, because aluminum foil is a metal and metals conduct",
    );
    let silent = s.score(
        None,
        &bullets,
        "Because aluminum foil is a metal and metals conduct",
    );
    let wrong = s.score(
        None,
        &bullets,
        "No, because aluminum foil is a metal and metals conduct",
    );
    assert_eq!(right.score, 100.0);
    assert!(
        right.bullets[0]
            .matched
            .iter()
            .any(|m| m.how == MatchKind::Choice)
    );
    assert!(silent.score < right.score, "{}", silent.score);
    assert_eq!(silent.bullets[0].missed, vec!["Yes".to_string()]);
    assert!(wrong.bullets[0].opposite);
    assert!((wrong.score - silent.score * (1.0 - OPPOSITE_SHARE)).abs() < 0.01);
}

#[test]
fn a_word_the_answer_only_negates_does_not_meet_a_bullet_that_states_it() {
    let bullets = strings(&["Terminal 1 and the positive terminal are separated by the gap"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let prompt = Some("Why 1.5 V between terminal 1 and the positive terminal?");
    let said = s.score(prompt, &bullets, "there is a gap");
    let denied = s.score(prompt, &bullets, "there is no gap");
    assert!(said.bullets[0].matched.iter().any(|m| m.keyword == "gap"));
    assert!(denied.bullets[0].missed.contains(&"gap".to_string()));
    assert!(
        denied.score < said.score / 2.0,
        "{} {}",
        denied.score,
        said.score
    );
    // A bullet that negates is met by the negated word, as before.
    let negating = strings(&["the terminals are not connected"]);
    let a = s.score(None, &negating, "the terminals are not connected");
    assert!(a.bullets[0].missed.is_empty(), "{:?}", a.bullets[0].missed);
}

#[test]
fn half_of_each_idea_beats_one_idea_whole_and_the_other_bare() {
    let bullets = strings(&["the pressure rises", "the volume shrinks"]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    // Both answers meet two of the four keywords, of equal weight: a plain mean ties them.
    let one_idea = s.score(None, &bullets, "the pressure rises");
    let both_halves = s.score(None, &bullets, "the pressure and the volume");
    assert_eq!(one_idea.bullets[0].coverage, 1.0);
    assert_eq!(both_halves.bullets[1].coverage, 0.5);
    let pooled = |share: f64| {
        100.0 * ((share - NOISE_FLOOR) / (1.0 - NOISE_FLOOR) + BELOW_FLOOR * share).sqrt()
    };
    assert!(
        (both_halves.score - pooled(0.5)).abs() < 0.01,
        "{}",
        both_halves.score
    );
    let power_mean = (0.5f64).powf(POOL_POWER.recip());
    assert!(
        (one_idea.score - pooled(power_mean)).abs() < 0.01,
        "{}",
        one_idea.score
    );
    assert!(both_halves.score > one_idea.score + 5.0);
}

/// The weight of keyword `name` in the first bullet of `bullets` prepared with `prompt`.
fn weight_of(s: &Scorer, prompt: Option<&str>, bullets: &[String], name: &str) -> f64 {
    s.prepare(prompt, bullets).bullets[0]
        .keywords
        .iter()
        .find(|(k, _)| k.display.eq_ignore_ascii_case(name))
        .map(|(_, w)| *w)
        .unwrap_or_else(|| panic!("no keyword {name}"))
}

#[test]
fn a_word_of_the_scene_a_prompt_sets_weighs_more_than_a_word_of_its_question() {
    let bullets = strings(&["The bubbles of gas showed a reaction with the vinegar."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    // "gas" is in no prompt: the other keywords' weights are measured against it.
    let ratio = |prompt: &str, name: &str| {
        weight_of(&s, Some(prompt), &bullets, name) / weight_of(&s, Some(prompt), &bullets, "gas")
    };
    let scene = "Her sister Grace put eggshells in vinegar. Small bubbles appeared. \
                 Explain why Grace thinks she made a reaction.";
    // The prompt says 3 of the bullet's 5 keywords: a prompt word weighs 0.3 * 3/5.
    let damp = prompt::damping(&[true, true, true, false, false]);
    assert!((damp - 0.18).abs() < 1e-9);
    assert!((ratio(scene, "bubbles") - SCENE_WEIGHT).abs() < 1e-9);
    assert!((ratio(scene, "vinegar") - SCENE_WEIGHT).abs() < 1e-9);
    // The question's own word weighs as a prompt word does.
    assert!((ratio(scene, "reaction") - damp).abs() < 1e-9);
    // Asked in one sentence, every word the prompt says is the question's.
    let one = "Why does Grace think the eggshells in vinegar, which made small bubbles, \
               made a reaction?";
    assert!((ratio(one, "bubbles") - damp).abs() < 1e-9);
    // So an answer that picks the bubbles out of the scene scores more.
    let answer = "it bubbled";
    assert!(
        s.score(Some(scene), &bullets, answer).score
            > s.score(Some(one), &bullets, answer).score + 5.0
    );
}

#[test]
fn a_name_in_the_scene_weighs_as_the_question_does() {
    let bullets = strings(&["Diva needs a controlled experiment with pure sugar."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let prompt = "Her friend Diva baked cookies with sugar. Why does she test pure sugar?";
    let w = |name: &str| weight_of(&s, Some(prompt), &bullets, name);
    // The prompt says 3 of the bullet's 6 keywords ("Diva", "pure", "sugar").
    let damp = prompt::damping(&[true, true, true, false, false, false]);
    assert!((w("Diva") / w("controlled") - damp).abs() < 1e-9);
    // "sugar" is a word of the question; "baked" of the scene, but not of the bullet.
    assert!((w("sugar") / w("controlled") - damp).abs() < 1e-9);
    // A name that is a synonym term, or a Python name, is a name too.
    let bullets = strings(&["The GIL lets one thread run bytecode."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let prompt = "Programs in CPython use the GIL. Explain why threads do not speed them up.";
    let w = |name: &str| weight_of(&s, Some(prompt), &bullets, name);
    // The prompt says 2 of the 5 keywords ("GIL", and "thread" in the question).
    let damp = prompt::damping(&[true, true, false, false, false]);
    assert!((w("GIL") / w("bytecode") - damp).abs() < 1e-9);
}

#[test]
fn comparatives_that_are_also_nouns_or_verbs_meet_their_adjective() {
    let bullets = strings(&["When the string is longer, the pitch will be lower."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(None, &bullets, "a long string makes a low pitch");
    assert!(a.bullets[0].missed.is_empty(), "{:?}", a.bullets[0]);
    let a = s.score(None, &bullets, "a short string makes a high pitch");
    assert!(
        a.bullets[0].missed.contains(&"lower".to_string()),
        "{:?}",
        a.bullets[0]
    );
}

#[test]
fn none_negates_as_no_does() {
    let bullets = strings(&["None of the tools could scratch topaz."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(None, &bullets, "topaz cannot be scratched by any tool");
    assert!(a.bullets[0].missed.is_empty(), "{:?}", a.bullets[0]);
    let a = s.score(None, &bullets, "the tools scratch topaz");
    assert!(
        a.bullets[0].missed.contains(&"None".to_string()),
        "{:?}",
        a.bullets[0]
    );
}

#[test]
fn the_stem_of_a_contraction_is_not_a_keyword() {
    let bullets = strings(&["The bulb isn't lit: it doesn't get current."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(None, &bullets, "x");
    let missed = &a.bullets[0].missed;
    for stem in ["isn", "doesn"] {
        assert!(!missed.contains(&stem.to_string()), "{missed:?}");
    }
    assert!(missed.contains(&"current".to_string()), "{missed:?}");
}

#[test]
fn a_bullet_that_is_only_a_negation_is_met_by_a_negation() {
    for bullet in ["Never.", "Cannot.", "It doesn't.", "None of them."] {
        let bullets = strings(&[bullet]);
        let s = Scorer::new([bullets.as_slice()], &[]);
        let r = s.prepare(None, &bullets);
        assert!(!r.is_empty() && r.empty_bullet().is_none(), "{bullet}");
        assert_eq!(
            s.assess(&r, "you should not, ever").score,
            100.0,
            "{bullet}"
        );
        assert_eq!(s.assess(&r, "always").score, 0.0, "{bullet}");
    }
}

#[test]
fn no_negation_of_a_bullet_is_also_a_plain_keyword() {
    let bullets = strings(&["The code won't compile: it does not block and cannot fail."]);
    let s = Scorer::new([bullets.as_slice()], &[]);
    let a = s.score(
        None,
        &bullets,
        "the code will not compile, it never blocks or fails",
    );
    let missed = &a.bullets[0].missed;
    assert!(missed.is_empty(), "{missed:?}");
    let a = s.score(None, &bullets, "the code compiles, blocks and fails");
    assert!(a.bullets[0].missed.contains(&"won't".to_string()));
    assert!(a.bullets[0].contradicted, "{:?}", a.bullets[0]);
}

#[test]
fn a_tally_weighs_each_keyword_by_its_credit_and_lists_the_misses() {
    let hit = |credit| Hit {
        credit,
        how: MatchKind::Fuzzy,
        word: "w".into(),
    };
    let mut t = Tally::default();
    t.add("a", 2.0, Some(hit(1.0)));
    t.add("b", 1.0, Some(hit(0.5)));
    t.add("c", 1.0, None);
    assert_eq!((t.got, t.all), (2.5, 4.0));
    assert_eq!(t.coverage(), 0.625);
    assert_eq!(t.missed, vec!["c".to_string()]);
    assert_eq!(t.matched.len(), 2);
    // Nothing to score: coverage 0, not a division by 0.
    assert_eq!(Tally::default().coverage(), 0.0);
}

#[test]
fn a_choice_bullet_is_met_whole_or_not_at_all() {
    let yes = Choice::Polar(true);
    let met = Tally::of_choice(&yes, "Yes.", "Yes, because");
    assert_eq!((met.coverage(), met.opposite), (1.0, false));
    assert_eq!(met.matched[0].how, MatchKind::Choice);
    let wrong = Tally::of_choice(&yes, "Yes.", "No, because");
    assert_eq!((wrong.coverage(), wrong.opposite), (0.0, true));
    assert_eq!(wrong.missed, vec!["Yes.".to_string()]);
    let silent = Tally::of_choice(&yes, "Yes.", "Because");
    assert_eq!((silent.coverage(), silent.opposite), (0.0, false));
}

#[test]
fn a_bullet_of_keywords_tallies_its_keywords_then_its_verdict_then_its_negation() {
    let s = Scorer::new([strings(&["x"]).as_slice()], &[]);
    let r = s.prepare(None, &strings(&["No, the terminals are not connected."]));
    let b = &r.bullets[0];
    assert!(b.lead.is_some() && b.negation.is_some());
    let answer = "No: the terminals are not connected";
    let index = s.analyzer.answer(answer);
    let negation = AnswerNegation::new(answer, true);
    let read = Read {
        answer,
        may_negate: true,
        polarity: OnceCell::new(),
        sentences: OnceCell::new(),
        words: OnceCell::new(),
    };
    let t = Tally::of_keywords(b, &index, &negation, &read);
    let order: Vec<(&str, MatchKind)> = t
        .matched
        .iter()
        .map(|m| (m.keyword.as_str(), m.how))
        .collect();
    // The bullet's first negation is its verdict's "No": one keyword as the verdict, and one as
    // the negation (met by the answer's first negation).
    assert_eq!(
        order,
        vec![
            ("terminals", MatchKind::Exact),
            ("connected", MatchKind::Exact),
            ("No", MatchKind::Choice),
            ("No", MatchKind::Exact),
        ]
    );
    assert_eq!(t.coverage(), 1.0);
    // The mass is the keywords' weights, the verdict's and the negation's.
    let keywords: f64 = b.keywords.iter().map(|(_, w)| w).sum();
    let mean = keywords / b.keywords.len() as f64;
    assert!((b.mass - (keywords + 2.0 * mean)).abs() < 1e-12);
}

#[test]
fn a_choice_bullet_has_no_keywords_and_its_negation_words_are_not_keywords() {
    let s = scorer();
    let (choice, keywords) = s.keywords_of("Agree.");
    assert_eq!((choice, keywords.len()), (Some(Choice::Polar(true)), 0));
    let (choice, keywords) = s.keywords_of("It cannot block.");
    let shown: Vec<&str> = keywords.iter().map(|k| k.display.as_str()).collect();
    assert_eq!((choice, shown), (None, vec!["block"]));
}

#[test]
fn a_negation_alone_meets_no_bullet() {
    // "I don't know" once met every bullet's negation ("cannot", "nothing", "not just").
    let bullets = [
        "Tuples cannot be changed.".to_string(),
        "`pass` does nothing.".to_string(),
    ];
    for answer in ["I don't know", "no idea", "not sure", "it is not used"] {
        let a = scorer().score(None, &bullets, answer);
        assert_eq!(a.score, 0.0, "{answer}: {a:?}");
    }
    // Nor beside the bullet's words when it only says the candidate is unsure.
    for answer in [
        "tuples? not sure",
        "Tuples hold values. No idea about the rest.",
    ] {
        let unsure = scorer().score(None, &bullets[..1], answer).score;
        let plain = scorer().score(None, &bullets[..1], "tuples").score;
        assert_eq!(unsure, plain, "{answer}");
    }
    // Beside the bullet's own words, the negation counts as before.
    let a = scorer().score(None, &bullets[..1], "tuples cannot be changed");
    assert_eq!(a.score, 100.0);
    // A bullet that is only a negation is still met by one.
    assert_eq!(
        scorer().score(None, &["Never.".to_string()], "never").score,
        100.0
    );
}

#[test]
fn what_a_verb_of_prevention_governs_is_met_either_way_but_denying_the_verb_contradicts() {
    // Correct answers that say a bullet's "avoid"/"prevent" without a negation (a review
    // found these at 0 under a first cut of the rule).
    for (bullet, answer) in [
        (
            "Stream large files to avoid memory pressure.",
            "Stream large files so memory pressure stays low.",
        ),
        (
            "Prevents blocking event loop.",
            "It keeps the event loop from blocking.",
        ),
        (
            "Slots prevent the creation of __dict__ and save memory.",
            "Slots stop the per-instance __dict__ being created, so they save memory.",
        ),
        (
            "Use `subprocess.run` with lists to avoid shell injection.",
            "Use subprocess.run with a list so nothing goes through the shell and input cannot inject commands.",
        ),
    ] {
        let a = scorer().score(None, &[bullet.to_string()], answer);
        assert!(
            !a.bullets[0].contradicted && a.score > 60.0,
            "{answer}: {a:?}"
        );
    }
    let bullet = ["A lock prevents race conditions.".to_string()];
    let a = scorer().score(None, &bullet, "A lock doesn't prevent race conditions.");
    assert!(a.bullets[0].contradicted, "{a:?}");
}
