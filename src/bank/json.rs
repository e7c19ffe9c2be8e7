//! The canonical JSON bank format.
//!
//! serde_json reports lines only for syntax errors, but a user fixing a duplicate id wants its line
//! too. So the file is read as an order-preserving `Value`, and a small scanner builds a tree of
//! the line where every value (and every object key) starts. Walking the `Value` and that tree
//! together, matching object members by key, gives each chapter, question and bullet its line.
//! Matching by key rather than by position matters when a key is repeated: serde_json keeps only
//! the last value, and the scanner reports the repeat as a problem at its line.

use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

use super::{BANK_HINT, Bank, Chapter, FORMAT_VERSION, Lines, Question, check};
use crate::error::{Error, Problem, Result};

/// What a question's `"alternatives"` must look like.
const ALTERNATIVES_SHAPE: &str = r#""alternatives" must be an object from bullet numbers to arrays of other wordings, such as {"2": ["...", "..."]}"#;

/// Parses a JSON bank, reporting every problem with its line.
pub fn parse(text: &str, name: &str) -> Result<Bank> {
    let invalid = |problems| Error::Invalid {
        file: name.to_string(),
        problems,
        hint: BANK_HINT.to_string(),
    };
    let root: Value = serde_json::from_str(text).map_err(|e| {
        invalid(vec![Problem {
            line: Some(e.line()),
            column: Some(e.column()),
            message: format!(
                "JSON syntax error: {}",
                crate::error::without_position(&e.to_string())
            ),
        }])
    })?;
    let mut problems = Vec::new();
    let tree = Scanner::new(text).value(&mut problems);
    let mut lines_of = HashMap::new();
    index_lines(&root, &tree, &mut lines_of);
    let mut reader = Reader {
        lines_of,
        problems,
        lines: Lines::default(),
    };
    let Some(obj) = root.as_object() else {
        return Err(invalid(vec![Problem::at(
            reader.line(&root),
            "a bank file holds one JSON object: {\"format\": 1, \"title\": ..., \"chapters\": [...]}",
        )]));
    };
    reader.format(&root, obj);
    let title = reader.string_field(&root, "title", "\"title\"");
    let description = reader.string_field(&root, "description", "\"description\"");
    let chapters = reader.chapters(&root, obj);
    let tips = reader.string_list(obj.get("tips"), "\"tips\"");
    let synonyms = reader.synonyms(obj);
    let bank = Bank {
        title: if title.is_empty() {
            super::text::title_from_name(name)
        } else {
            title
        },
        description: (!description.is_empty()).then_some(description),
        chapters,
        tips,
        synonyms,
    };
    let mut problems = reader.problems;
    problems.extend(check(&bank, &reader.lines));
    problems.sort_by_key(|p| p.line.unwrap_or(usize::MAX));
    problems.dedup();
    if problems.is_empty() {
        Ok(bank)
    } else {
        Err(invalid(problems))
    }
}

/// One walk over a parsed bank: the line of every value, the problems found so far and the
/// lines of what has been read (for `check`). One method per level of the file.
struct Reader {
    lines_of: HashMap<*const Value, usize>,
    problems: Vec<Problem>,
    lines: Lines,
}

impl Reader {
    /// The line where `v` starts in the file.
    fn line(&self, v: &Value) -> usize {
        self.lines_of
            .get(&(v as *const Value))
            .copied()
            .unwrap_or(1)
    }

    fn problem(&mut self, v: &Value, message: impl Into<String>) {
        self.problems.push(Problem::at(self.line(v), message));
    }

    /// `"format"`: present and the version this grill reads.
    fn format(&mut self, root: &Value, obj: &Map<String, Value>) {
        match obj.get("format") {
            None => self.problem(
                root,
                format!("missing \"format\": add \"format\": {FORMAT_VERSION}"),
            ),
            Some(v) if v.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
            Some(v) => self.problem(
                v,
                format!(
                    "unknown format version {v}; this grill reads format {FORMAT_VERSION} \
                     (a newer grill may read this file)"
                ),
            ),
        }
    }

    /// A string member of `v`, cleaned; empty when absent, null or of another type (reported).
    fn string_field(&mut self, v: &Value, key: &str, what: &str) -> String {
        match v.get(key) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => super::text::clean(s),
            Some(other) => {
                self.problem(other, format!("{what} must be a string"));
                String::new()
            }
        }
    }

    /// `"chapters"`: required, an array.
    fn chapters(&mut self, root: &Value, obj: &Map<String, Value>) -> Vec<Chapter> {
        match obj.get("chapters") {
            Some(Value::Array(items)) => items.iter().map(|ch| self.chapter(ch)).collect(),
            None => {
                self.problem(
                    root,
                    "missing \"chapters\": a bank needs at least one chapter",
                );
                Vec::new()
            }
            Some(other) => {
                self.problem(other, "\"chapters\" must be an array");
                Vec::new()
            }
        }
    }

    /// One chapter, with the lines of its questions, bullets and notes.
    fn chapter(&mut self, ch: &Value) -> Chapter {
        self.lines.chapters.push(self.line(ch));
        let mut lines = QuestionLines::default();
        if !ch.is_object() {
            self.problem(
                ch,
                "a chapter must be an object with \"id\", \"title\" and \"questions\"",
            );
        }
        let id = self.string_field(ch, "id", "a chapter's \"id\"");
        let title = self.string_field(ch, "title", "a chapter's \"title\"");
        let questions = match ch.get("questions") {
            Some(Value::Array(qs)) => qs.iter().map(|q| self.question(q, &mut lines)).collect(),
            None | Some(Value::Null) => Vec::new(),
            Some(other) => {
                self.problem(other, "\"questions\" must be an array");
                Vec::new()
            }
        };
        self.lines.questions.push(lines.questions);
        self.lines.bullets.push(lines.bullets);
        self.lines.notes.push(lines.notes);
        Chapter {
            id,
            title,
            questions,
        }
    }

    /// One question; its lines go to `lines`.
    fn question(&mut self, q: &Value, lines: &mut QuestionLines) -> Question {
        lines.questions.push(self.line(q));
        let id = match q.get("id") {
            Some(v) => match v
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .filter(|&n| n > 0)
            {
                Some(n) => n,
                None => {
                    self.problem(
                        v,
                        format!("question id {v} is not a positive whole number (ids start at 1)"),
                    );
                    0
                }
            },
            None => {
                self.problem(q, "a question has no \"id\"");
                0
            }
        };
        let prompt = self.string_field(q, "prompt", "a question's \"prompt\"");
        let mut bl = Vec::new();
        let bullets = self.bullets(q.get("bullets"), &mut bl);
        lines.bullets.push(bl);
        let mut nl = Vec::new();
        let notes = self.note_list(q.get("notes"), &mut nl);
        lines.notes.push(nl);
        let alternatives = self.alternatives(q.get("alternatives"), bullets.len());
        let tags = self.string_list(q.get("tags"), "a question's \"tags\"");
        for tag in tags.iter().filter(|t| !super::is_tag(t)) {
            self.problem(
                q.get("tags").unwrap_or(q),
                format!("tag `{tag}` must be one word (no spaces) and not empty"),
            );
        }
        // An id of 0 marks "already reported" (see `check`); keep the question so later checks
        // still see its prompt and bullets.
        Question {
            id,
            prompt,
            bullets,
            notes,
            alternatives,
            tags,
        }
    }

    /// A question's `"alternatives"`: an object from bullet numbers (from 1, of the question's
    /// `bullets`) to arrays of non-empty strings, each problem at its line.
    fn alternatives(&mut self, v: Option<&Value>, bullets: usize) -> BTreeMap<u32, Vec<String>> {
        let mut out = BTreeMap::new();
        let map = match v {
            None | Some(Value::Null) => return out,
            Some(Value::Object(map)) => map,
            Some(other) => {
                self.problem(other, ALTERNATIVES_SHAPE);
                return out;
            }
        };
        for (key, wordings) in map {
            let n = match super::alternatives_key(key, bullets, "question") {
                Ok(n) => n,
                Err(problem) => {
                    self.problem(wordings, problem);
                    continue;
                }
            };
            let Value::Array(items) = wordings else {
                self.problem(wordings, ALTERNATIVES_SHAPE);
                continue;
            };
            let mut list = Vec::new();
            for item in items {
                match item.as_str().map(super::text::clean) {
                    Some(s) if !s.is_empty() => list.push(s),
                    _ => self.problem(item, "an alternative must be a non-empty string"),
                }
            }
            out.insert(n, list);
        }
        out
    }

    /// A question's `"bullets"`, with the line of each in `lines`.
    fn bullets(&mut self, v: Option<&Value>, lines: &mut Vec<usize>) -> Vec<String> {
        match v {
            Some(Value::Array(bs)) => bs
                .iter()
                .map(|b| {
                    lines.push(self.line(b));
                    match b.as_str() {
                        Some(s) => super::text::clean(s),
                        None => {
                            self.problem(b, "a bullet must be a string");
                            "-".into()
                        }
                    }
                })
                .collect(),
            None | Some(Value::Null) => Vec::new(),
            Some(other) => {
                self.problem(other, "\"bullets\" must be an array of strings");
                Vec::new()
            }
        }
    }

    /// A question's `"notes"`: like its bullets, each a string, with the line of each in `lines`.
    fn note_list(&mut self, v: Option<&Value>, lines: &mut Vec<usize>) -> Vec<String> {
        match v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|n| {
                    lines.push(self.line(n));
                    match n.as_str() {
                        Some(s) => super::text::clean(s),
                        None => {
                            self.problem(n, "a note must be a string");
                            // A stand-in, so the empty-note check does not report it again.
                            "-".into()
                        }
                    }
                })
                .collect(),
            Some(other) => {
                self.problem(other, "\"notes\" must be an array of strings");
                Vec::new()
            }
        }
    }

    /// `"synonyms"`: an array of groups, each an array of strings.
    fn synonyms(&mut self, obj: &Map<String, Value>) -> Vec<Vec<String>> {
        match obj.get("synonyms") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(groups)) => groups
                .iter()
                .map(|g| {
                    self.lines.synonyms.push(self.line(g));
                    self.string_list(Some(g), "a synonym group")
                })
                .collect(),
            Some(other) => {
                self.problem(other, "\"synonyms\" must be an array of arrays of strings");
                Vec::new()
            }
        }
    }

    fn string_list(&mut self, v: Option<&Value>, what: &str) -> Vec<String> {
        match v {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|i| match i.as_str() {
                    Some(s) => Some(super::text::clean(s)),
                    None => {
                        self.problem(i, format!("{what} must hold only strings"));
                        None
                    }
                })
                .collect(),
            Some(other) => {
                self.problem(other, format!("{what} must be an array of strings"));
                Vec::new()
            }
        }
    }
}

/// The lines of one chapter's questions, and of each question's bullets and notes.
#[derive(Default)]
struct QuestionLines {
    questions: Vec<usize>,
    bullets: Vec<Vec<usize>>,
    notes: Vec<Vec<usize>>,
}

/// Gives `v` and everything inside it the line the scanner recorded for it.
fn index_lines(v: &Value, node: &Node, out: &mut std::collections::HashMap<*const Value, usize>) {
    out.insert(v as *const Value, node.line());
    match (v, node) {
        (Value::Array(items), Node::Array(_, nodes)) => {
            for (item, node) in items.iter().zip(nodes) {
                index_lines(item, node, out);
            }
        }
        (Value::Object(map), Node::Object(_, members)) => {
            // serde_json keeps the last value of a repeated key; so does collecting in order.
            let by_key: std::collections::HashMap<&str, &Node> =
                members.iter().map(|m| (m.key.as_str(), &m.value)).collect();
            for (key, item) in map {
                if let Some(node) = by_key.get(key.as_str()) {
                    index_lines(item, node, out);
                }
            }
        }
        _ => {}
    }
}

/// Where a JSON value starts, and the same for everything inside it.
#[derive(Debug)]
enum Node {
    Scalar(usize),
    Array(usize, Vec<Node>),
    Object(usize, Vec<Member>),
}

/// One `"key": value` of an object, in document order (repeats included).
#[derive(Debug)]
struct Member {
    key: String,
    value: Node,
}

impl Node {
    fn line(&self) -> usize {
        match self {
            Node::Scalar(l) | Node::Array(l, _) | Node::Object(l, _) => *l,
        }
    }
}

/// A line-counting reader of JSON text that serde_json has already accepted, so it can be simple
/// about the grammar; it still never indexes out of bounds, whatever the text.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            at: 0,
            line: 1,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            match c {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.at += 1;
        }
    }

    /// Reads one value; each repeated object key is added to `problems` at its line.
    fn value(&mut self, problems: &mut Vec<Problem>) -> Node {
        self.skip_space();
        let line = self.line;
        match self.peek() {
            Some(b'{') => {
                self.at += 1;
                let mut members: Vec<Member> = Vec::new();
                let mut first_line: std::collections::HashMap<String, usize> =
                    std::collections::HashMap::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        None => break,
                        Some(b'}') => {
                            self.at += 1;
                            break;
                        }
                        Some(b',') => self.at += 1,
                        Some(_) => {
                            let key_line = self.line;
                            let key = self.string();
                            self.skip_space();
                            if self.peek() == Some(b':') {
                                self.at += 1;
                            }
                            let value = self.value(problems);
                            match first_line.get(&key) {
                                Some(first) => problems.push(Problem::at(
                                    key_line,
                                    format!(
                                        "key \"{key}\" is repeated (first at line {first}); give \
                                         each key once (only the last would be read)"
                                    ),
                                )),
                                None => {
                                    first_line.insert(key.clone(), key_line);
                                }
                            }
                            members.push(Member { key, value });
                        }
                    }
                }
                Node::Object(line, members)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.at += 1;
                            break;
                        }
                        Some(b',') => self.at += 1,
                        Some(_) => items.push(self.value(problems)),
                    }
                }
                Node::Array(line, items)
            }
            Some(b'"') => {
                self.string();
                Node::Scalar(line)
            }
            _ => {
                // A number, `true`, `false` or `null`: up to the next delimiter. The first byte
                // is taken whatever it is, so malformed text cannot stall the callers' loops.
                self.at += 1;
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b']' | b'}') || c.is_ascii_whitespace() {
                        break;
                    }
                    self.at += 1;
                }
                Node::Scalar(line)
            }
        }
    }

    /// Reads a string literal (the scanner is at its opening quote) and returns its value.
    fn string(&mut self) -> String {
        let start = self.at;
        self.at += 1;
        while let Some(c) = self.peek() {
            self.at += 1;
            match c {
                b'\\' => self.at += 1,
                b'"' => break,
                b'\n' => self.line += 1,
                _ => {}
            }
        }
        let end = self.at.min(self.text.len());
        self.text
            .get(start..end)
            .and_then(|raw| serde_json::from_str(raw).ok())
            .unwrap_or_default()
    }
}

#[derive(Serialize)]
struct Canonical<'a> {
    format: u32,
    #[serde(flatten)]
    bank: &'a Bank,
}

/// The canonical JSON of a bank: `format` first, pretty-printed, ending in a newline.
pub fn to_string(bank: &Bank) -> String {
    let mut s = serde_json::to_string_pretty(&Canonical {
        format: FORMAT_VERSION,
        bank,
    })
    .expect("a bank always serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match parse(text, "b.json") {
            Err(Error::Invalid { problems, .. }) => {
                problems.iter().map(|p| p.display_in("b.json")).collect()
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let p = problems("{\n  \"format\": 1,\n  \"title\": \"x\"\n  \"chapters\": []\n}");
        assert_eq!(p.len(), 1);
        assert!(p[0].starts_with("b.json:4:3: JSON syntax error"), "{p:?}");
    }

    #[test]
    fn semantic_problems_point_at_their_lines() {
        let text = r#"{
  "format": 1,
  "title": "t",
  "chapters": [
    {"id": "a", "title": "A", "questions": [
      {"id": 1, "prompt": "p", "bullets": ["x"]},
      {"id": 1, "prompt": "", "bullets": []},
      {"id": 2, "prompt": "q", "bullets": ["y",
         "  "]}
    ]},
    {"id": "b", "title": "B", "questions": []}
  ]
}"#;
        let p = problems(text);
        assert_eq!(
            p,
            vec![
                "b.json:7: duplicate question id 1 (first at line 6)",
                "b.json:7: question 1 has an empty prompt",
                "b.json:7: question 1 has no reference bullets",
                "b.json:9: question 2 has an empty bullet",
                "b.json:11: chapter `b` has no questions",
            ]
        );
    }

    #[test]
    fn question_id_zero_is_refused_at_its_line() {
        let p = problems(
            "{\"format\": 1, \"chapters\": [{\"id\": \"a\", \"title\": \"A\", \"questions\": [\n{\"id\": 1, \"prompt\": \"p\", \"bullets\": [\"b\"]},\n{\"id\":\n 0, \"prompt\": \"p\", \"bullets\": [\"b\"]}]}]}",
        );
        assert_eq!(
            p,
            vec!["b.json:4: question id 0 is not a positive whole number (ids start at 1)"]
        );
    }

    #[test]
    fn a_comma_in_a_synonym_term_is_refused_at_its_group() {
        let p = problems(
            "{\"format\": 1, \"chapters\": [{\"id\": \"a\", \"title\": \"A\", \"questions\": [\n{\"id\": 1, \"prompt\": \"p\", \"bullets\": [\"b\"]}]}],\n\"synonyms\": [[\"x\", \"y\"],\n [\"dict, map\", \"mapping\"]]}",
        );
        assert_eq!(
            p,
            vec![
                "b.json:4: synonym term `dict, map` holds a comma, which separates terms; split it or reword it"
            ]
        );
    }

    #[test]
    fn a_repeated_key_is_reported_and_later_lines_stay_right() {
        let text = r#"{
  "format": 1,
  "title": "first",
  "title": "second",
  "chapters": [
    {"id": "a", "title": "A", "questions": [
      {"id": 1, "prompt": "p", "bullets": ["x"]},
      {"id": 1, "prompt": "q",
       "prompt": "", "bullets": ["y",
         ""]}
    ]}
  ]
}"#;
        assert_eq!(
            problems(text),
            vec![
                "b.json:4: key \"title\" is repeated (first at line 3); give each key once (only the last would be read)",
                "b.json:8: duplicate question id 1 (first at line 7)",
                "b.json:8: question 1 has an empty prompt",
                "b.json:9: key \"prompt\" is repeated (first at line 8); give each key once (only the last would be read)",
                "b.json:10: question 1 has an empty bullet",
            ]
        );
    }

    #[test]
    fn unknown_format_version_is_reported_at_its_line() {
        let p = problems(
            "{\n\"format\": 7,\n\"chapters\": [{\"id\":\"a\",\"title\":\"A\",\"questions\":[{\"id\":1,\"prompt\":\"p\",\"bullets\":[\"b\"]}]}]}",
        );
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with("b.json:2: unknown format version 7"),
            "{p:?}"
        );
    }

    #[test]
    fn keys_with_colons_in_strings_do_not_shift_lines() {
        let text = "{\"format\": 1, \"title\": \"a: b {[\",\n\"chapters\": [\n{\"id\": \"c\", \"title\": \"C\", \"questions\": [\n{\"id\": 3, \"prompt\": \"\\\"q\\\"\", \"bullets\": [\"\"]}]}]}";
        assert_eq!(
            problems(text),
            vec!["b.json:4: question 3 has an empty bullet"]
        );
    }

    #[test]
    fn notes_load_after_bullets_and_bad_ones_are_reported_at_their_lines() {
        let ok = parse(
            r#"{"format": 1, "chapters": [{"id": "a", "title": "A", "questions": [
{"id": 1, "prompt": "p", "bullets": ["b"], "notes": ["n  one", "n two"]}]}]}"#,
            "b.json",
        )
        .unwrap();
        assert_eq!(ok.chapters[0].questions[0].notes, vec!["n one", "n two"]);
        let out = to_string(&ok);
        assert!(
            out.contains("\"bullets\": [\n            \"b\"\n          ],\n          \"notes\": ["),
            "{out}"
        );
        assert_eq!(parse(&out, "again").unwrap(), ok);
        let p = problems(
            "{\"format\": 1, \"chapters\": [{\"id\": \"a\", \"title\": \"A\", \"questions\": [\n{\"id\": 1, \"prompt\": \"p\", \"bullets\": [\"b\"], \"notes\": [\n\" \",\n3]},\n{\"id\": 2, \"prompt\": \"p\", \"bullets\": [\"b\"], \"notes\":\n\"n\"}]}]}",
        );
        assert_eq!(
            p,
            vec![
                "b.json:3: question 1 has an empty note",
                "b.json:4: a note must be a string",
                "b.json:6: \"notes\" must be an array of strings",
            ]
        );
    }

    #[test]
    fn alternatives_are_read_by_bullet_number_and_bad_ones_reported_at_their_lines() {
        let ok = parse(
            r#"{"format": 1, "chapters": [{"id": "a", "title": "A", "questions": [
{"id": 1, "prompt": "p", "bullets": ["b", "c"], "alternatives": {"2": ["other  c"]}}]}]}"#,
            "b.json",
        )
        .unwrap();
        let q = &ok.chapters[0].questions[0];
        assert_eq!(q.alternatives[&2], ["other c"]);
        assert_eq!(parse(&to_string(&ok), "b.json").unwrap(), ok);
        assert!(to_string(&ok).contains("\"alternatives\": {\n            \"2\": ["));
        // "01" and "+1" would be bullet 1 again, one of them dropped without a word.
        let twice = problems(
            "{\"format\": 1, \"chapters\": [{\"id\": \"a\", \"title\": \"A\", \"questions\": [\n{\"id\": 1, \"prompt\": \"p\", \"bullets\": [\"b\"], \"alternatives\": {\n\"1\": [\"x\"],\n\"01\": [\"y\"]}}]}]}",
        );
        assert_eq!(twice.len(), 1, "{twice:?}");
        assert!(
            twice[0].starts_with("b.json:4: \"alternatives\" names bullet `01`"),
            "{twice:?}"
        );
        assert_eq!(
            problems(
                "{\"format\": 1, \"chapters\": [{\"id\": \"a\", \"title\": \"A\", \"questions\": [\n{\"id\": 1, \"prompt\": \"p\", \"bullets\": [\"b\"], \"alternatives\": {\n\"3\": [\"x\"],\n\"1\": [\"\", 4]}},\n{\"id\": 2, \"prompt\": \"p\", \"bullets\": [\"b\"], \"alternatives\":\n[\"x\"]}]}]}"
            ),
            vec![
                "b.json:3: \"alternatives\" names bullet `3`, but the question has 1 bullet; keys are bullet numbers from 1",
                "b.json:4: an alternative must be a non-empty string",
                "b.json:6: \"alternatives\" must be an object from bullet numbers to arrays of other wordings, such as {\"2\": [\"...\", \"...\"]}",
            ]
        );
    }

    #[test]
    fn canonical_output_starts_with_format_and_reparses() {
        let bank = parse(
            r#"{"title":"t","format":1,"chapters":[{"id":"a","title":"A","questions":[{"id":1,"prompt":"p","bullets":["x  y"]}]}],"tips":["z"]}"#,
            "b.json",
        )
        .unwrap();
        let out = to_string(&bank);
        assert!(
            out.starts_with("{\n  \"format\": 1,\n  \"title\": \"t\""),
            "{out}"
        );
        assert_eq!(bank.chapters[0].questions[0].bullets[0], "x y");
        assert_eq!(parse(&out, "again").unwrap(), bank);
    }
}
