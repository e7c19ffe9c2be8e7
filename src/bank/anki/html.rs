//! Anki's field HTML to a bank's plain text: tags stripped, entities decoded, line breaks and
//! list items kept as lines (so a back side becomes bullets), `<code>` as backticks (grill's
//! way of marking code), and media (`<img>`, `<audio>`, `[sound:...]`) dropped and counted.
//!
//! A small scanner rather than an HTML parser crate: Anki fields are short fragments, and what
//! matters here is where lines break, not the document tree. Malformed HTML (a `<` with no `>`)
//! is read as text; nothing in a field can make the scanner loop or index out of bounds.

/// A field's text, line by line, and how many media references it held.
#[derive(Debug, Default, PartialEq)]
pub struct Text {
    /// The lines, in order, without blank ones.
    pub lines: Vec<Line>,
    /// Images, sounds and videos dropped.
    pub media: usize,
}

/// One line of a field's text.
#[derive(Debug, PartialEq)]
pub struct Line {
    /// The text, white space folded.
    pub text: String,
    /// Whether it was a list item (`<li>`).
    pub item: bool,
}

impl Text {
    /// All the lines as one line (for a prompt).
    pub fn joined(&self) -> String {
        let parts: Vec<&str> = self.lines.iter().map(|l| l.text.as_str()).collect();
        parts.join(" ")
    }

    /// The list items when there are any, else every line.
    pub fn items_or_lines(&self) -> (Vec<String>, Vec<String>) {
        if self.lines.iter().any(|l| l.item) {
            let (items, rest): (Vec<&Line>, Vec<&Line>) = self.lines.iter().partition(|l| l.item);
            (
                items.iter().map(|l| l.text.clone()).collect(),
                rest.iter().map(|l| l.text.clone()).collect(),
            )
        } else {
            (
                self.lines.iter().map(|l| l.text.clone()).collect(),
                Vec::new(),
            )
        }
    }
}

/// Tags that start and end a line.
const BLOCKS: &[&str] = &[
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "hr",
    "br",
    "details",
    "summary",
    "figure",
    "figcaption",
];

/// Tags that are media references.
const MEDIA: &[&str] = &["img", "audio", "video", "object", "embed", "iframe", "svg"];

/// Reads a field's HTML.
pub fn parse(html: &str) -> Text {
    let mut s = Scanner::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        s.text(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            s.text(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let (closing, name) = tag_name(tag);
        if name.is_empty() {
            // `a < b>`: not a tag after all.
            s.text("<");
            s.text(tag);
            s.text(">");
            continue;
        }
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            rest = find_ignore_case(rest, &close).map_or("", |i| {
                rest[i..].find('>').map_or("", |g| &rest[i + g + 1..])
            });
            continue;
        }
        s.tag(&name, closing);
    }
    s.text(rest);
    s.finish()
}

/// Whether a tag is a closing one, and its lower-case name (empty when `tag` is no tag).
fn tag_name(tag: &str) -> (bool, String) {
    let (closing, body) = match tag.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, tag),
    };
    let name: String = body
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let starts_well = body.starts_with(|c: char| c.is_ascii_alphabetic());
    (closing, if starts_well { name } else { String::new() })
}

fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    lower.find(&needle.to_ascii_lowercase())
}

/// The lines read so far and the one being read.
#[derive(Default)]
struct Scanner {
    done: Vec<Line>,
    line: String,
    item: bool,
    pre: usize,
    media: usize,
}

impl Scanner {
    fn text(&mut self, raw: &str) {
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        let without_sounds = self.drop_sounds(&decoded);
        if self.pre > 0 {
            let mut parts = without_sounds.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first);
            }
            for part in parts {
                self.flush();
                self.line.push_str(part);
            }
        } else {
            self.line.push_str(&without_sounds);
        }
    }

    /// `[sound:file.mp3]` references, removed and counted.
    fn drop_sounds(&mut self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find("[sound:") {
            match rest[i..].find(']') {
                Some(end) => {
                    out.push_str(&rest[..i]);
                    self.media += 1;
                    rest = &rest[i + end + 1..];
                }
                None => break,
            }
        }
        out.push_str(rest);
        out
    }

    fn tag(&mut self, name: &str, closing: bool) {
        if name == "li" {
            self.flush();
            self.item = !closing;
        } else if name == "code" || name == "kbd" || name == "tt" {
            self.line.push('`');
        } else if BLOCKS.contains(&name) {
            if name == "pre" {
                self.pre = if closing {
                    self.pre.saturating_sub(1)
                } else {
                    self.pre + 1
                };
            }
            // A `<br>` inside a list item ends the line, not the item.
            let item = self.item && name == "br";
            self.flush();
            self.item = item;
        } else if name == "td" || name == "th" {
            self.line.push(' ');
        } else if !closing && MEDIA.contains(&name) {
            self.media += 1;
        }
    }

    fn flush(&mut self) {
        let text = fold(&self.line);
        if !text.trim().is_empty() {
            self.done.push(Line {
                text: text.trim().to_string(),
                item: self.item,
            });
        }
        self.line.clear();
    }

    fn finish(mut self) -> Text {
        self.flush();
        Text {
            lines: self.done,
            media: self.media,
        }
    }
}

/// Runs of white space (non-breaking spaces too) folded to one space.
fn fold(s: &str) -> String {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// Named entities Anki's editor and common decks write, beyond the five of XML.
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", ' '),
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("times", '×'),
    ("divide", '÷'),
    ("plusmn", '±'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("rarr", '→'),
    ("larr", '←'),
    ("harr", '↔'),
    ("rArr", '⇒'),
    ("lArr", '⇐'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("deg", '°'),
    ("micro", 'µ'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("shy", '\u{ad}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("infin", '∞'),
    ("sum", '∑'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("lambda", 'λ'),
    ("mu", 'μ'),
    ("pi", 'π'),
    ("sigma", 'σ'),
    ("theta", 'θ'),
    ("omega", 'ω'),
    ("Delta", 'Δ'),
    ("Sigma", 'Σ'),
    ("Omega", 'Ω'),
];

/// Decodes `&name;`, `&#123;` and `&#x7b;`; anything else stays as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1);
        let decoded = end.and_then(|e| entity(&rest[1..e]).map(|c| (c, e)));
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
    ENTITIES.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// Text as HTML for a field Anki shows: `&`, `<`, `>` escaped, and code in backticks as
/// `<code>` (read back as backticks by [`parse`]).
pub fn escape(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let parts: Vec<&str> = escaped.split('`').collect();
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        // No pair of backticks, or one left over: shown as written.
        return escaped;
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i % 2 == 1 { "<code>" } else { "</code>" });
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<(String, bool)> {
        parse(html)
            .lines
            .into_iter()
            .map(|l| (l.text, l.item))
            .collect()
    }

    #[test]
    fn breaks_divs_and_list_items_become_lines() {
        assert_eq!(
            lines(
                "Intro<br>second&nbsp;line<div>third</div><ul><li>a <b>bold</b></li><li>b<br>c</li></ul>tail"
            ),
            vec![
                ("Intro".into(), false),
                ("second line".into(), false),
                ("third".into(), false),
                ("a bold".into(), true),
                ("b".into(), true),
                ("c".into(), true),
                ("tail".into(), false),
            ]
        );
    }

    #[test]
    fn entities_code_media_and_scripts() {
        let t = parse(
            "x &lt; y &amp;&amp; <code>a&gt;b</code> &#8594; &#x41;<img src=\"a.png\">[sound:b.mp3]<script>alert(1)</script><style>p{}</style>&bogus; &",
        );
        assert_eq!(t.joined(), "x < y && `a>b` → A&bogus; &");
        assert_eq!(t.media, 2);
    }

    #[test]
    fn malformed_html_is_text_and_never_loops() {
        assert_eq!(parse("a < b and c<").joined(), "a < b and c<");
        assert_eq!(parse("<!-- never closed").joined(), "");
        assert_eq!(parse("1 <2> 3").joined(), "1 <2> 3");
        assert_eq!(
            parse("&#99999999999;&#x110000;").joined(),
            "&#99999999999;\u{fffd}"
        );
        assert_eq!(parse("<pre>a\n  b</pre>").joined(), "a b");
        assert_eq!(parse("<pre>a\n  b</pre>").lines.len(), 2);
    }

    #[test]
    fn escape_round_trips_through_parse() {
        for text in ["Use `pass` & `continue` <here>", "one ` tick", "plain"] {
            assert_eq!(parse(&escape(text)).joined(), text);
        }
        assert_eq!(escape("a `b` c"), "a <code>b</code> c");
    }
}
