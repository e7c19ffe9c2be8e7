//! Anki notes as questions. The note type decides which field is asked and which answers, as
//! its first card template shows them: the first field on the question side is the front, the
//! first field only on the answer side is the back, and the answer side's other fields are
//! notes (`Basic`: Front/Back; `Basic (and reversed card)` asks its first card's way round; a
//! type with fields Word/Meaning/Example asks Word). A cloze field (`{{cloze:Text}}`, or any
//! front holding `{{c1::...}}`) becomes a prompt with blanks whose answers are the bullets.
//!
//! The back's list items are its bullets (any other lines are then notes); with no list, its
//! lines are; a back of one line is split into sentences.

use super::cloze;
use super::html;
use super::read::{NoteType, RawNote};
use crate::bank::import::{Card, Origin, Skipped, bullets_from_lines, short};

/// Which fields of a note type play which part.
#[derive(Debug, PartialEq)]
struct Roles {
    front: usize,
    back: Option<usize>,
    extra: Vec<usize>,
}

/// Template words that are not fields.
const SPECIAL: &[&str] = &[
    "FrontSide",
    "Tags",
    "Deck",
    "Subdeck",
    "Card",
    "CardFlag",
    "Type",
    "CardID",
];

/// The fields a template shows, in order (`{{Front}}`, `{{text:Back}}`, `{{cloze:Text}}`);
/// conditionals (`{{#Extra}}`) and special words are left out.
fn shown(template: &str, fields: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        rest = &rest[open + 2..];
        let Some(close) = rest.find("}}") else { break };
        let inside = rest[..close].trim();
        rest = &rest[close + 2..];
        if inside.starts_with(['#', '^', '/', '!']) {
            continue;
        }
        let field = inside.rsplit(':').next().unwrap_or(inside).trim();
        if SPECIAL.contains(&field) {
            continue;
        }
        if let Some(i) = fields.iter().position(|f| f == field)
            && !out.contains(&i)
        {
            out.push(i);
        }
    }
    out
}

/// The roles of a note type's fields, from its first template, else from the fields' names,
/// else by position.
fn roles(t: &NoteType) -> Roles {
    let q = shown(&t.qfmt, &t.fields);
    let a: Vec<usize> = shown(&t.afmt, &t.fields)
        .into_iter()
        .filter(|i| !q.contains(i))
        .collect();
    let named = |names: &[&str]| {
        t.fields
            .iter()
            .position(|f| names.iter().any(|n| f.eq_ignore_ascii_case(n)))
    };
    let front = q
        .first()
        .copied()
        .or_else(|| named(&["Front", "Text", "Question", "Q"]))
        .unwrap_or(0);
    if t.cloze {
        let extra = if a.is_empty() {
            named(&["Back Extra", "Extra"]).into_iter().collect()
        } else {
            a
        };
        return Roles {
            front,
            back: None,
            extra,
        };
    }
    let back = a
        .first()
        .copied()
        .or_else(|| named(&["Back", "Answer", "A"]))
        .or_else(|| (t.fields.len() > 1).then_some(usize::from(front == 0)))
        .filter(|&b| b != front);
    let extra = a.into_iter().filter(|&i| Some(i) != back).collect();
    Roles { front, back, extra }
}

/// A note as a card, or why it cannot be one. `deck` is its deck's name; media references
/// dropped are added to `media`.
pub fn card(
    note: &RawNote,
    t: Option<&NoteType>,
    deck: &str,
    media: &mut usize,
) -> Result<Card, Skipped> {
    let at = Origin::Note(note.id);
    let fields = match &note.fields {
        Ok(f) => f,
        Err(size) => {
            return Err(Skipped::new(
                at,
                format!(
                    "its fields hold {} KiB, more than the {} KiB grill reads a note (pictures \
                     pasted into the text?); skipped",
                    size >> 10,
                    super::read::FIELDS_CAP >> 10
                ),
            ));
        }
    };
    let fallback = NoteType {
        fields: (0..fields.len())
            .map(|i| format!("field {}", i + 1))
            .collect(),
        ..NoteType::default()
    };
    let t = t.unwrap_or(&fallback);
    let roles = roles(t);
    let get = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
    let name = |i: usize| {
        t.fields
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("field {}", i + 1))
    };
    let mut notes = Vec::new();
    for &i in &roles.extra {
        let text = html::parse(get(i));
        *media += text.media;
        notes.extend(text.lines.into_iter().map(|l| l.text));
    }
    let back = roles.back.map(get);
    let Some((prompt, bullets, others)) = ask_and_answer(get(roles.front), back, media) else {
        return Err(Skipped::new(
            at,
            format!(
                "note type `{}` has no answer field and `{}` holds no cloze deletion; skipped",
                t.name,
                name(roles.front)
            ),
        ));
    };
    notes.splice(0..0, others);
    if prompt.trim().is_empty() {
        return Err(Skipped::new(
            at,
            format!(
                "no question text: its `{}` field is empty or only media; skipped",
                name(roles.front)
            ),
        ));
    }
    if bullets.iter().all(|b| b.trim().is_empty()) {
        let field = roles.back.map_or_else(|| name(roles.front), name);
        return Err(Skipped::new(
            at,
            format!(
                "no usable bullet for `{}`: its `{field}` field is empty or only media; skipped",
                short(&prompt)
            ),
        ));
    }
    Ok(Card {
        chapter: deck
            .split("::")
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
            .collect(),
        prompt,
        bullets,
        notes,
        tags: note.tags.split_whitespace().map(str::to_string).collect(),
        id: None,
        at,
    })
}

/// The prompt, bullets and notes of a note's front and back: a cloze front's blanks and
/// deletions, else the front's text and the back's items (its other lines as notes); `None`
/// for a front without deletions and no back.
fn ask_and_answer(
    front: &str,
    back: Option<&str>,
    media: &mut usize,
) -> Option<(String, Vec<String>, Vec<String>)> {
    if let Some(c) = cloze::split(front) {
        *media += c.masks;
        let prompt = html::parse(&c.prompt);
        *media += prompt.media;
        let answers = c.answers.iter().map(|a| html::parse(a).joined()).collect();
        return Some((prompt.joined(), answers, Vec::new()));
    }
    let prompt = html::parse(front);
    *media += prompt.media;
    let back = html::parse(back?);
    *media += back.media;
    let (items, others) = back.items_or_lines();
    Some((prompt.joined(), bullets_from_lines(&items), others))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nt(fields: &[&str], qfmt: &str, afmt: &str, cloze: bool) -> NoteType {
        NoteType {
            name: "t".into(),
            cloze,
            fields: fields.iter().map(|s| s.to_string()).collect(),
            qfmt: qfmt.into(),
            afmt: afmt.into(),
        }
    }

    #[test]
    fn roles_follow_the_first_template() {
        let basic = nt(
            &["Front", "Back"],
            "{{Front}}",
            "{{FrontSide}}<hr id=answer>{{Back}}",
            false,
        );
        assert_eq!(
            roles(&basic),
            Roles {
                front: 0,
                back: Some(1),
                extra: vec![]
            }
        );
        let vocab = nt(
            &["Meaning", "Word", "Example", "Hidden"],
            "{{#Word}}{{text:Word}}{{/Word}}",
            "{{FrontSide}}{{Meaning}}<br>{{Example}}",
            false,
        );
        assert_eq!(
            roles(&vocab),
            Roles {
                front: 1,
                back: Some(0),
                extra: vec![2]
            }
        );
        let cloze = nt(
            &["Text", "Back Extra"],
            "{{cloze:Text}}",
            "{{cloze:Text}}<br>{{Back Extra}}",
            true,
        );
        assert_eq!(
            roles(&cloze),
            Roles {
                front: 0,
                back: None,
                extra: vec![1]
            }
        );
        let bare = nt(&["Q", "A"], "", "", false);
        assert_eq!(
            roles(&bare),
            Roles {
                front: 0,
                back: Some(1),
                extra: vec![]
            }
        );
    }

    fn note(fields: &[&str]) -> RawNote {
        RawNote {
            id: 42,
            mid: 1,
            tags: " sql  joins ".into(),
            fields: Ok(fields.iter().map(|s| s.to_string()).collect()),
            deck: Some(1),
        }
    }

    #[test]
    fn a_basic_note_gives_bullets_from_its_list_and_notes_from_the_rest() {
        let t = nt(&["Front", "Back"], "{{Front}}", "{{Back}}", false);
        let mut media = 0;
        let c = card(
            &note(&[
                "What is a <b>JOIN</b>?<img src=a.png>",
                "Combines rows:<ul><li>inner</li><li>outer</li></ul>",
            ]),
            Some(&t),
            "SQL::Joins",
            &mut media,
        )
        .unwrap();
        assert_eq!(c.prompt, "What is a JOIN?");
        assert_eq!(c.bullets, ["inner", "outer"]);
        assert_eq!(c.notes, ["Combines rows:"]);
        assert_eq!(c.chapter, ["SQL", "Joins"]);
        assert_eq!(c.tags, ["sql", "joins"]);
        assert_eq!(media, 1);
    }

    #[test]
    fn empty_backs_and_huge_notes_are_reported_with_the_note_id() {
        let t = nt(&["Front", "Back"], "{{Front}}", "{{Back}}", false);
        let mut media = 0;
        let e = card(&note(&["Q?", "<img src=x.png>"]), Some(&t), "D", &mut media).unwrap_err();
        assert_eq!(
            e.display_in("d.apkg"),
            "d.apkg: note 42: no usable bullet for `Q?`: its `Back` field is empty or only media; skipped"
        );
        let mut huge = note(&[]);
        huge.fields = Err(5 << 20);
        let e = card(&huge, Some(&t), "D", &mut media).unwrap_err();
        assert!(e.reason.contains("5120 KiB"), "{e:?}");
    }
}
