//! Output lines, written through serde (see `json`): a scored line `{"id", "score", "bullets"}` or an error
//! line `{"id", "error"}`, with C1 controls escaped (see `output::escape_c1`).
//!
//! A bullet is written through [`BulletView`], the borrowed view of a [`BulletAssessment`] that
//! `grill score --json` writes its bullets through too: a field added to `BulletAssessment` does
//! not compile until `BulletView` places it, and `KeywordMatch` is written as it serializes
//! itself, so both outputs carry every field.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::scoring::{Assessment, BulletAssessment, KeywordMatch, Status};

/// Which output a bullet is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A batch line: no bullet text or band (the batch's author has the reference).
    Batch,
    /// `grill score --json`: with the bullet's text and band.
    Score,
}

/// One bullet's assessment as grill's JSON outputs show it, borrowed.
#[derive(Serialize)]
pub struct BulletView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    bullet: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    coverage: f64,
    weight: f64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    opposite: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    contradicted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    wording: Option<&'a str>,
    matched: &'a [KeywordMatch],
    missed: &'a [String],
}

impl<'a> BulletView<'a> {
    fn new(b: &'a BulletAssessment, shape: Shape) -> BulletView<'a> {
        // Taken apart whole (no `..`), so that a new field cannot be left out unnoticed.
        let BulletAssessment {
            bullet,
            coverage,
            weight,
            opposite,
            contradicted,
            wording,
            matched,
            missed,
        } = b;
        let score = shape == Shape::Score;
        BulletView {
            bullet: score.then_some(bullet.as_str()),
            status: score.then(|| b.status()),
            coverage: *coverage,
            weight: *weight,
            // `score --json` has never shown "opposite" (its table does): left out there, so
            // its output stays as it was.
            opposite: *opposite && !score,
            contradicted: *contradicted,
            wording: wording.as_deref(),
            matched,
            missed,
        }
    }
}

/// An assessment's bullets, serialized as a sequence of [`BulletView`]s (nothing collected).
#[derive(Clone, Copy)]
pub struct Bullets<'a> {
    bullets: &'a [BulletAssessment],
    shape: Shape,
}

impl<'a> Bullets<'a> {
    /// The bullets as `grill score --json` shows them: with their text and band.
    pub fn with_text(bullets: &'a [BulletAssessment]) -> Bullets<'a> {
        Bullets {
            bullets,
            shape: Shape::Score,
        }
    }

    /// The bullets as a batch line shows them.
    fn batch(bullets: &'a [BulletAssessment]) -> Bullets<'a> {
        Bullets {
            bullets,
            shape: Shape::Batch,
        }
    }
}

impl Serialize for Bullets<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.bullets.iter().map(|b| BulletView::new(b, self.shape)))
    }
}

/// A scored batch line.
#[derive(Serialize)]
struct ScoredLine<'a> {
    id: &'a Value,
    score: f64,
    bullets: Bullets<'a>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
}

/// A batch line that could not be scored.
#[derive(Serialize)]
struct ErrorLine<'a> {
    id: &'a Value,
    error: &'a str,
}

/// The output line (ending in a newline) of a scored line.
pub(super) fn scored_line(id: &Value, a: &Assessment) -> Vec<u8> {
    line(&ScoredLine {
        id,
        score: a.score,
        bullets: Bullets::batch(&a.bullets),
        notes: &a.notes,
    })
}

/// The output line (ending in a newline) of a line that could not be scored.
pub(super) fn error_line(id: &Value, error: &str) -> Vec<u8> {
    line(&ErrorLine { id, error })
}

/// A line's result is written here first, then copied out at its size.
const SCRATCH_MAX: usize = 1 << 20;

thread_local! {
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(Vec::with_capacity(4096));
}

/// `value` as one line of JSON.
fn line(value: &impl Serialize) -> Vec<u8> {
    SCRATCH.with(|scratch| {
        let mut buf = scratch.borrow_mut();
        buf.clear();
        // The values are strings, numbers and JSON values (whose keys are strings): writing
        // them to a Vec cannot fail.
        let _ = super::json::write(&mut buf, value);
        // One allocation of the line's size, not a buffer grown by doubling (a bank answer's
        // line is about a kilobyte).
        let mut line = Vec::with_capacity(buf.len() + 1);
        line.extend_from_slice(&buf);
        line.push(b'\n');
        if buf.capacity() > SCRATCH_MAX {
            *buf = Vec::new();
        }
        // C1 controls from an answer or an id never reach a terminal raw (see output::json).
        crate::output::escape_c1(line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::MatchKind;
    use serde_json::json;

    fn assessment(opposite: bool) -> Assessment {
        Assessment {
            score: 37.5,
            bullets: vec![
                BulletAssessment {
                    wording: None,
                    bullet: "The GIL.".into(),
                    coverage: 0.333,
                    weight: 1.0,
                    opposite,
                    contradicted: opposite,
                    matched: vec![
                        KeywordMatch {
                            keyword: "say \"GIL\"\\".into(),
                            word: "tab\there, café \u{85}".into(),
                            how: MatchKind::Fuzzy,
                        },
                        KeywordMatch {
                            keyword: "x".into(),
                            word: "y".into(),
                            how: MatchKind::Related,
                        },
                    ],
                    missed: vec!["a\u{1}b".into(), "plain".into()],
                },
                BulletAssessment {
                    wording: None,
                    bullet: String::new(),
                    coverage: 0.0,
                    weight: 0.0,
                    opposite: false,
                    contradicted: false,
                    matched: Vec::new(),
                    missed: Vec::new(),
                },
            ],
            notes: if opposite {
                vec!["a \"note\"\u{85}".into()]
            } else {
                Vec::new()
            },
        }
    }

    /// An assessment as it serializes itself (scoring's own derive), every field in order.
    fn own(a: &Assessment) -> serde_json::Map<String, Value> {
        match serde_json::to_value(a).unwrap() {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_batch_line_is_the_assessment_as_it_serializes_itself_but_the_bullets_text() {
        for opposite in [true, false] {
            let a = assessment(opposite);
            for id in [json!(7), json!("q\"1"), json!({"k": [1, 2.5]})] {
                let bytes = scored_line(&id, &a);
                assert_eq!(bytes.last(), Some(&b'\n'));
                let line: Value = serde_json::from_slice(&bytes).unwrap();
                // What the assessment holds, field for field (and key order), with the id first.
                let mut want = serde_json::Map::from_iter([("id".to_string(), id.clone())]);
                want.extend(own(&a));
                for b in want["bullets"].as_array_mut().unwrap() {
                    b.as_object_mut().unwrap().shift_remove("bullet");
                }
                assert_eq!(line, Value::Object(want));
                // Compared as text too, so the order of the keys is checked (C1 escaped).
                let text = crate::output::escape_c1(line.to_string().into_bytes());
                assert_eq!(text, bytes.trim_ascii_end());
            }
        }
    }

    #[test]
    fn score_json_bullets_are_the_bullets_as_they_serialize_themselves_with_their_band() {
        for opposite in [true, false] {
            let a = assessment(opposite);
            let view = serde_json::to_value(Bullets::with_text(&a.bullets)).unwrap();
            let mut want = own(&a)["bullets"].clone();
            for (b, bullet) in want.as_array_mut().unwrap().iter_mut().zip(&a.bullets) {
                let b = b.as_object_mut().unwrap();
                let status = serde_json::to_value(bullet.status()).unwrap();
                b.shift_insert(1, "status".into(), status);
                // As `score --json` has always written it.
                b.shift_remove("opposite");
            }
            assert_eq!(view.to_string(), want.to_string());
        }
    }

    #[test]
    fn lines_escape_c1_controls_and_end_in_a_newline() {
        let line = scored_line(&json!("id\u{9b}"), &assessment(false));
        let text = String::from_utf8(line).unwrap();
        assert!(text.contains(r#""id\u009b""#), "{text}");
        assert!(text.contains(r"café \u0085"), "{text}");
        assert!(text.ends_with("]}\n") && text.matches('\n').count() == 1);
        assert_eq!(
            error_line(&json!(3), "line 3: bad \u{85}"),
            b"{\"id\":3,\"error\":\"line 3: bad \\u0085\"}\n"
        );
    }
}
