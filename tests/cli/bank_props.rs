//! Properties of the two bank formats, over generated banks (with notes): every valid bank
//! survives JSON -> text -> JSON unchanged, and problems injected at known lines are reported at
//! exactly those lines, in both formats.

use grill::Error;
use grill::bank::{Bank, Chapter, Question, json, text};
use proptest::prelude::*;

/// Text that holds something besides white space, with the characters that have shifted line
/// numbers or split items before: quotes, backslashes, brackets, colons, commas, `#`, `-`, `>`,
/// and white space the formats fold (tabs, newlines).
fn words() -> impl Strategy<Value = String> {
    "[a-zA-Zé0-9`:{}\\[\\]\"\\\\,#>.()-][a-zA-Zé0-9 `:{}\\[\\]\"\\\\,#>.()\t\n-]{0,24}"
}

/// A synonym term, now and then with the comma that separates terms in the text format (which
/// makes the bank invalid).
fn term() -> impl Strategy<Value = String> {
    "[a-zA-Zé0-9`:\"#>.()-][a-zA-Zé0-9 `:\"#>.(),\t-]{0,12}"
}

/// A prompt, its bullets, its notes (often none) and its tags (often none).
type Generated = (String, Vec<String>, Vec<String>, Vec<String>);

fn question() -> impl Strategy<Value = Generated> {
    (
        words(),
        prop::collection::vec(words(), 1..4),
        prop::collection::vec(words(), 0..3),
        prop::collection::vec("[a-zA-Zé0-9:_#>-]{1,10}", 0..3),
    )
}

fn chapter() -> impl Strategy<Value = (String, Vec<Generated>)> {
    (words(), prop::collection::vec(question(), 1..4))
}

/// A valid bank: unique chapter ids and question ids (starting anywhere, with gaps).
fn bank() -> impl Strategy<Value = Bank> {
    (
        words(),
        prop::option::of(words()),
        prop::collection::vec(chapter(), 1..4),
        prop::collection::vec(words(), 0..3),
        prop::collection::vec(prop::collection::vec(term(), 2..4), 0..3),
        1u32..1000,
        prop::collection::vec(1u32..5, 12),
    )
        .prop_map(
            |(title, description, chapters, tips, synonyms, first, gaps)| {
                let mut next = first;
                let mut gap = gaps.iter().cycle();
                let chapters = chapters
                    .into_iter()
                    .enumerate()
                    .map(|(ci, (ctitle, questions))| Chapter {
                        id: format!("ch-{ci}"),
                        title: ctitle,
                        questions: questions
                            .into_iter()
                            .map(|(prompt, bullets, notes, tags)| {
                                let id = next;
                                next += gap.next().copied().unwrap_or(1);
                                Question {
                                    id,
                                    prompt,
                                    bullets,
                                    notes,
                                    alternatives: Default::default(),
                                    tags,
                                }
                            })
                            .collect(),
                    })
                    .collect();
                Bank {
                    title,
                    description,
                    chapters,
                    tips,
                    synonyms,
                }
            },
        )
}

/// The lines of the problems a parse reports (it must fail).
fn problem_lines(result: grill::Result<Bank>) -> Vec<usize> {
    match result {
        Err(Error::Invalid { problems, .. }) => {
            problems.iter().map(|p| p.line.unwrap_or(0)).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

/// A problem to plant in a question (after the first, whose id the duplicates reuse).
#[derive(Debug, Clone, Copy)]
enum Fault {
    None,
    EmptyPrompt,
    EmptyBullet,
    EmptyNote,
    IdZero,
    DuplicateId,
    /// JSON: a key given twice; text: a line that is none of the known kinds.
    Stray,
    /// JSON: a prompt that is not a string; text: a question number too large for an id.
    WrongKind,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        3 => Just(Fault::None),
        1 => Just(Fault::EmptyPrompt),
        1 => Just(Fault::EmptyBullet),
        1 => Just(Fault::EmptyNote),
        1 => Just(Fault::IdZero),
        1 => Just(Fault::DuplicateId),
        1 => Just(Fault::Stray),
        1 => Just(Fault::WrongKind),
    ]
}

/// A bank with faults, and the faults' places: `(bank, faults per question in bank order)`.
fn faulty() -> impl Strategy<Value = (Bank, Vec<Fault>, bool)> {
    bank().prop_flat_map(|b| {
        let n = b.question_count();
        (
            Just(b),
            prop::collection::vec(fault(), n..=n),
            any::<bool>(),
        )
    })
}

/// Writes the bank as pretty JSON by hand, one member per line, planting the faults; returns
/// the text and the lines where problems must be reported.
fn faulty_json(bank: &Bank, faults: &[Fault], repeat_title: bool) -> (String, Vec<usize>) {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let mut out: Vec<String> = Vec::new();
    let mut expected = Vec::new();
    out.push("{".into());
    out.push("  \"format\": 1,".into());
    out.push(format!("  \"title\": {},", q(&bank.title)));
    if repeat_title {
        out.push(format!("  \"title\": {},", q(&bank.title)));
        expected.push(out.len());
    }
    out.push("  \"chapters\": [".into());
    let first_id = bank.chapters[0].questions[0].id;
    let mut k = 0;
    for (ci, c) in bank.chapters.iter().enumerate() {
        out.push("    {".into());
        out.push(format!("      \"id\": {},", q(&c.id)));
        out.push(format!("      \"title\": {},", q(&c.title)));
        out.push("      \"questions\": [".into());
        for (qi, question) in c.questions.iter().enumerate() {
            let fault = if k == 0 { Fault::None } else { faults[k] };
            k += 1;
            out.push("        {".into());
            let open = out.len();
            match fault {
                Fault::IdZero => {
                    out.push("          \"id\":".into());
                    out.push("            0,".into());
                    expected.push(out.len());
                }
                Fault::DuplicateId => {
                    out.push(format!("          \"id\": {first_id},"));
                    expected.push(open);
                }
                _ => out.push(format!("          \"id\": {},", question.id)),
            }
            match fault {
                Fault::EmptyPrompt => {
                    out.push("          \"prompt\": \"\",".into());
                    expected.push(open);
                }
                Fault::Stray => {
                    out.push(format!("          \"prompt\": {},", q("first")));
                    out.push(format!("          \"prompt\": {},", q(&question.prompt)));
                    expected.push(out.len());
                }
                Fault::WrongKind => {
                    // Reported where the value is, and as an empty prompt at the question.
                    out.push("          \"prompt\": [1, 2],".into());
                    expected.extend([open, out.len()]);
                }
                _ => out.push(format!("          \"prompt\": {},", q(&question.prompt))),
            }
            out.push("          \"bullets\": [".into());
            let mut bullets: Vec<String> = question.bullets.iter().map(|b| q(b)).collect();
            let empty_at = matches!(fault, Fault::EmptyBullet).then(|| bullets.len() / 2);
            if let Some(i) = empty_at {
                bullets.insert(i, "\"  \"".into());
            }
            for (bi, b) in bullets.iter().enumerate() {
                let comma = if bi + 1 < bullets.len() { "," } else { "" };
                out.push(format!("            {b}{comma}"));
                if empty_at == Some(bi) {
                    expected.push(out.len());
                }
            }
            let mut notes: Vec<String> = question.notes.iter().map(|n| q(n)).collect();
            if matches!(fault, Fault::EmptyNote) {
                notes.push("\"\"".into());
            }
            if notes.is_empty() {
                out.push("          ]".into());
            } else {
                out.push("          ],".into());
                out.push("          \"notes\": [".into());
                for (ni, n) in notes.iter().enumerate() {
                    let comma = if ni + 1 < notes.len() { "," } else { "" };
                    out.push(format!("            {n}{comma}"));
                }
                if matches!(fault, Fault::EmptyNote) {
                    expected.push(out.len());
                }
                out.push("          ]".into());
            }
            let comma = if qi + 1 < c.questions.len() { "," } else { "" };
            out.push(format!("        }}{comma}"));
        }
        out.push("      ]".into());
        let comma = if ci + 1 < bank.chapters.len() {
            ","
        } else {
            ""
        };
        out.push(format!("    }}{comma}"));
    }
    out.push("  ]".into());
    out.push("}".into());
    expected.sort_unstable();
    (out.join("\n"), expected)
}

/// The same for the text format.
fn faulty_text(bank: &Bank, faults: &[Fault]) -> (String, Vec<usize>) {
    let one = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: Vec<String> = vec![format!("title: {}", one(&bank.title))];
    let mut expected = Vec::new();
    let first_id = bank.chapters[0].questions[0].id;
    let mut k = 0;
    for c in &bank.chapters {
        out.push(String::new());
        out.push(format!("# {}: {}", c.id, one(&c.title)));
        for question in &c.questions {
            let fault = if k == 0 { Fault::None } else { faults[k] };
            k += 1;
            let (id, prompt) = match fault {
                Fault::IdZero => ("0".to_string(), one(&question.prompt)),
                Fault::DuplicateId => (first_id.to_string(), one(&question.prompt)),
                Fault::EmptyPrompt => (question.id.to_string(), String::new()),
                Fault::WrongKind => ("99999999999".to_string(), one(&question.prompt)),
                _ => (question.id.to_string(), one(&question.prompt)),
            };
            out.push(format!("Q{id}. {prompt}"));
            if matches!(
                fault,
                Fault::IdZero | Fault::DuplicateId | Fault::EmptyPrompt | Fault::WrongKind
            ) {
                expected.push(out.len());
            }
            for (bi, b) in question.bullets.iter().enumerate() {
                if bi == 1 && matches!(fault, Fault::Stray) {
                    out.push("stray words here".into());
                    expected.push(out.len());
                }
                out.push(format!("- {}", one(b)));
                // A wrapped bullet: the continuation must not shift later lines.
                if bi == 0 {
                    out.push("  and more".into());
                }
            }
            if matches!(fault, Fault::EmptyBullet) {
                out.push("-".into());
                expected.push(out.len());
            }
            for (ni, n) in question.notes.iter().enumerate() {
                out.push(format!("> {}", one(n)));
                if ni == 0 {
                    out.push("\twrapped".into());
                }
            }
            if matches!(fault, Fault::EmptyNote) {
                out.push(">".into());
                expected.push(out.len());
            }
        }
    }
    (out.join("\n"), expected)
}

proptest! {
    #[test]
    fn every_valid_bank_survives_json_to_text_to_json(generated in bank()) {
        let source = json::to_string(&generated);
        let from_json = match json::parse(&source, "gen.json") {
            Ok(b) => b,
            Err(e) => {
                // The only invalid banks generated are those with a comma in a synonym term.
                prop_assert!(
                    generated.synonyms.iter().flatten().any(|t| t.contains(',')),
                    "{}\n{}", e, source
                );
                return Ok(());
            }
        };
        let as_text = text::to_string(&from_json);
        let from_text = text::parse(&as_text, "gen.txt")
            .unwrap_or_else(|e| panic!("its text export reads back: {e}\n{as_text}"));
        prop_assert_eq!(&from_text, &from_json);
        prop_assert_eq!(json::to_string(&from_text), json::to_string(&from_json));
    }

    #[test]
    fn json_problems_are_reported_at_the_lines_they_were_planted((b, faults, repeat) in faulty()) {
        let (source, expected) = faulty_json(&b, &faults, repeat);
        if expected.is_empty() {
            prop_assert!(json::parse(&source, "gen.json").is_ok(), "{}", source);
        } else {
            prop_assert_eq!(problem_lines(json::parse(&source, "gen.json")), expected, "{}", source);
        }
    }

    #[test]
    fn text_problems_are_reported_at_the_lines_they_were_planted((b, faults, _) in faulty()) {
        let (source, expected) = faulty_text(&b, &faults);
        if expected.is_empty() {
            prop_assert!(text::parse(&source, "gen.txt").is_ok(), "{}", source);
        } else {
            prop_assert_eq!(problem_lines(text::parse(&source, "gen.txt")), expected, "{}", source);
        }
    }
}
