//! Terminal styling shared by every rendering: colour on or off, code spans, widths, and
//! [`visible`], which every text rendering passes user text through.
//!
//! Colour follows `--color`, then `NO_COLOR` and `TERM=dumb`, then whether the stream is a
//! terminal, so piped output is always plain text.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{IsTerminal, Write};

use console::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Whether `TERM` says the terminal understands no escape codes (`TERM=dumb`, as in an
/// editor's shell buffer): then it gets no colour, as git and clap do (and no pager: see
/// `pager.rs`).
fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour in a terminal, unless NO_COLOR is set or TERM is dumb.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Styling decisions for one output stream.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    /// Whether escape codes may be written.
    pub color: bool,
}

impl Theme {
    /// Colour for stdout under the user's choice.
    pub fn stdout(choice: ColorChoice) -> Theme {
        Theme::decide(choice, std::io::stdout().is_terminal())
    }

    /// Colour for stderr (the interactive screen) under the user's choice.
    pub fn stderr(choice: ColorChoice) -> Theme {
        Theme::decide(choice, std::io::stderr().is_terminal())
    }

    fn decide(choice: ColorChoice, is_terminal: bool) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme {
            color: match choice {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => is_terminal && !no_color && !dumb_terminal(),
            },
        }
    }

    /// Plain text, for tests and files.
    pub fn plain() -> Theme {
        Theme { color: false }
    }

    fn paint(&self, style: Style, s: &str) -> String {
        if self.color {
            style.force_styling(true).apply_to(s).to_string()
        } else {
            s.to_string()
        }
    }

    /// Bold text (headings).
    pub fn bold(&self, s: &str) -> String {
        self.paint(Style::new().bold(), s)
    }
    /// Dim text (secondary details).
    pub fn dim(&self, s: &str) -> String {
        self.paint(Style::new().dim(), s)
    }
    /// Good news.
    pub fn good(&self, s: &str) -> String {
        self.paint(Style::new().green(), s)
    }
    /// A warning.
    pub fn warn(&self, s: &str) -> String {
        self.paint(Style::new().yellow(), s)
    }
    /// Bad news.
    pub fn bad(&self, s: &str) -> String {
        self.paint(Style::new().red(), s)
    }
    /// A highlighted match.
    pub fn hit(&self, s: &str) -> String {
        self.paint(Style::new().green().bold(), s)
    }

    /// Renders `code` spans: in colour, the backticks go and the code is cyan; in plain text,
    /// the backticks stay, since they are how plain text marks code.
    pub fn code_spans(&self, s: &str) -> String {
        let s = visible(s);
        if !self.color {
            return s.into_owned();
        }
        let mut out = String::new();
        for (i, part) in s.split('`').enumerate() {
            if i % 2 == 1 {
                out.push_str(&self.paint(Style::new().cyan(), part));
            } else {
                out.push_str(part);
            }
        }
        out
    }

    /// Styles a score from 0 to 100 by band.
    pub fn score(&self, score: f64, text: &str) -> String {
        if score >= 75.0 {
            self.good(text)
        } else if score >= 50.0 {
            self.warn(text)
        } else {
            self.bad(text)
        }
    }
}

/// Makes control characters in user text (a bank's titles, prompts and bullets, answers, file
/// names in messages) visible, so they cannot drive the terminal: an escape sequence from a
/// shared bank could otherwise retitle the window, clear the screen, write the clipboard
/// (OSC 52) or hide a link (OSC 8).
///
/// Every C0 control (U+0000-U+001F), DEL and every C1 control (U+0080-U+009F) becomes its
/// Rust-style escape, `\u{1b}` for ESC, except tab and newline, which keep their meaning; so
/// do the bidirectional and zero-width format characters that reorder or hide text (see
/// `is_hidden_control`).
/// Text renderings (terminal, plain text, Markdown, HTML) call this at the point of display;
/// JSON output does not, since serde escapes controls itself. Already-visible text is returned
/// as it is, so calling it twice is harmless.
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `value` as pretty-printed JSON ending in a newline, for stdout and saved files alike.
///
/// serde_json escapes C0 controls but writes C1 controls (U+0080-U+009F) raw, and some terminals
/// act on them; they can only stand inside JSON strings, so writing them as `\u0080`-style
/// escapes keeps the document equal in meaning. A value that cannot be serialised is an error
/// (exit 1) naming `what`, never a half-written or placeholder document.
pub fn json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> crate::Result<String> {
    let s = serde_json::to_string_pretty(value).map_err(|e| crate::Error::json(what, e))?;
    let mut bytes = escape_c1(s.into_bytes());
    bytes.push(b'\n');
    // Escaping replaces whole characters with ASCII, so the text stays UTF-8.
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// Writes each C1 control (U+0080-U+009F, `C2 80`-`C2 9F` in UTF-8) of a JSON document as a
/// `\u0080`-style escape; see [`json`]. In UTF-8 `C2` only ever leads a character, so the pair
/// is always the whole character.
pub fn escape_c1(json: Vec<u8>) -> Vec<u8> {
    // `contains` on bytes is a fast memchr: most documents have no `C2` at all.
    if !json.contains(&0xC2)
        || !json
            .windows(2)
            .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
    {
        return json;
    }
    let mut out = Vec::with_capacity(json.len() + 16);
    let mut i = 0;
    while i < json.len() {
        if json[i] == 0xC2 && json.get(i + 1).is_some_and(|b| (0x80..=0x9F).contains(b)) {
            out.extend_from_slice(format!("\\u{:04x}", json[i + 1]).as_bytes());
            i += 2;
        } else {
            out.push(json[i]);
            i += 1;
        }
    }
    out
}

/// A character that [`visible`] replaces: a control (`char::is_control` is exactly C0, DEL
/// and C1), or a format character that reorders or hides what is shown: the bidirectional
/// marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E,
/// U+2066-U+2069: "Trojan Source" text reads one way and is another), and the zero-width
/// space, word joiner and byte-order mark (U+200B, U+2060, U+FEFF). The zero-width joiners
/// (U+200C, U+200D) stay: emoji and several scripts need them.
fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Writes one line of messages to stderr (warnings, notes, the error in `main`).
///
/// A stderr that cannot be written (closed, `2>/dev/full`) must never stop a command or lose a
/// save, so a failed write is ignored: `eprintln!` would panic instead.
pub fn note(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A message of any length on stderr, wrapped to its width, each row styled by `paint`.
pub fn note_wrapped(text: &str, paint: impl Fn(&str) -> String) {
    for row in wrap(text, stderr_width()) {
        note(paint(&row));
    }
}

/// A message of any length on `out` (standard output), wrapped to its width.
pub fn write_wrapped(out: &mut dyn Write, text: &str) -> std::io::Result<()> {
    for row in wrap(text, stdout_width()) {
        writeln!(out, "{row}")?;
    }
    Ok(())
}

/// The width of stdout's terminal, or `COLUMNS`, or 80.
pub fn stdout_width() -> usize {
    terminal_width(&console::Term::stdout())
}

/// The width of stderr's terminal, or `COLUMNS`, or 80.
pub fn stderr_width() -> usize {
    terminal_width(&console::Term::stderr())
}

fn terminal_width(term: &console::Term) -> usize {
    if let Some((_, w)) = term.size_checked() {
        return usize::from(w).max(20);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 20)
        .unwrap_or(80)
}

/// Display width of a string, in terminal columns, as [`visible`] shows it.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(visible(s).as_ref())
}

// `truncate`, `pad` and `wrap` take user text (titles, prompts, answers) and so show it
// through `visible` themselves: most renderings reach the screen through one of them.

/// Cuts `s` to at most `max` columns, ending in `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    let s = visible(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pads `s` with spaces to `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let s = visible(s);
    let w = width(&s);
    if w >= cols {
        s.into_owned()
    } else {
        format!("{s}{}", " ".repeat(cols - w))
    }
}

/// Word-wraps `s` to lines of at most `cols` display columns.
///
/// Lines break between words; a word wider than a line (a long identifier, or CJK text, which
/// has no spaces) is split between grapheme clusters so that each piece fits: counting columns,
/// not characters, since a CJK character takes two columns.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(10);
    let s = visible(s);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0;
    for word in s.split_whitespace() {
        let word_w = width(word);
        if word_w > cols {
            // Fill the rest of the current line first when it has room for a useful piece, so
            // CJK text runs on as it would in a paragraph.
            if !line.is_empty() {
                if line_w + 1 + 4 > cols {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                } else {
                    line.push(' ');
                    line_w += 1;
                }
            }
            for g in word.graphemes(true) {
                let gw = UnicodeWidthStr::width(g);
                if line_w + gw > cols && line_w > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0;
                }
                line.push_str(g);
                line_w += gw;
            }
            continue;
        }
        if !line.is_empty() && line_w + 1 + word_w > cols {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            line_w += 1;
        }
        line.push_str(word);
        line_w += word_w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A bar of `cols` cells filled to `fraction` (0..=1), for scores in a terminal.
pub fn bar(fraction: f64, cols: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0) * cols as f64).round() as usize).min(cols);
    format!("{}{}", "█".repeat(filled), "░".repeat(cols - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_c1_controls_and_keeps_the_rest() {
        let doc = serde_json::json!({"a": "x\u{9b}2J \u{85}é \u{a0}ü"});
        let out = json("a test", &doc).unwrap();
        // C1 escaped; other non-ASCII (é, the no-break space U+00A0, ü) kept as it is.
        assert!(out.contains(r"x\u009b2J \u0085é"), "{out}");
        assert!(out.contains("\u{a0}ü"), "{out}");
        assert!(
            !out.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
            "{out}"
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, doc);
        assert_eq!(escape_c1(b"plain".to_vec()), b"plain");
    }

    #[test]
    fn truncate_and_pad_count_columns() {
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn wrap_keeps_lines_within_width() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "the quick brown fox jumps over the lazy dog"
        );
        assert_eq!(wrap("abcdefghijklmnop", 10), vec!["abcdefghij", "klmnop"]);
    }

    #[test]
    fn wrap_measures_display_width_so_cjk_fits() {
        // Twenty CJK characters are 40 columns: at 10 columns, five to a line.
        let cjk = "数据结构与算法是面试中最常见的题目之一";
        let lines = wrap(cjk, 10);
        assert!(lines.iter().all(|l| width(l) <= 10), "{lines:?}");
        assert_eq!(lines.concat(), cjk);
        assert_eq!(lines[0], "数据结构与");
        // Mixed text: the CJK run continues the line after a Latin word.
        let lines = wrap("Python 列表和元组的区别是什么", 12);
        assert!(lines.iter().all(|l| width(l) <= 12), "{lines:?}");
        assert_eq!(lines[0], "Python 列表");
    }

    #[test]
    fn plain_theme_writes_no_escape_codes() {
        let t = Theme::plain();
        assert_eq!(t.code_spans("use `x`"), "use `x`");
        assert_eq!(t.bold("a"), "a");
        let c = Theme { color: true };
        assert!(c.code_spans("use `x`").contains('\u{1b}'));
        assert!(!c.code_spans("use `x`").contains('`'));
    }

    #[test]
    fn visible_spells_out_controls_but_tab_and_newline() {
        assert_eq!(
            visible("a\u{1b}]0;t\u{7}b\tc\nd\r\u{7f}\u{9b}2J"),
            "a\\u{1b}]0;t\\u{7}b\tc\nd\\u{d}\\u{7f}\\u{9b}2J"
        );
        assert!(matches!(visible("plain ✓ text"), Cow::Borrowed(_)));
        // Twice is the same as once, and widths count what is shown.
        let once = visible("\u{1b}[2J").into_owned();
        assert_eq!(visible(&once), once);
        assert_eq!(width("\u{1b}"), "\\u{1b}".len());
        assert_eq!(truncate("\u{1b}]0;pwned", 8), "\\u{1b}]…");
        assert_eq!(wrap("x \u{7}", 10), vec!["x \\u{7}"]);
    }

    #[test]
    fn visible_spells_out_the_characters_that_reorder_or_hide_text() {
        // A right-to-left override shows "answer" reversed on a terminal that does bidi.
        assert_eq!(visible("a\u{202e}rewsna"), "a\\u{202e}rewsna");
        for c in [
            '\u{61c}', '\u{200b}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{2066}', '\u{2069}',
            '\u{2060}', '\u{feff}',
        ] {
            assert_eq!(
                visible(&format!("x{c}y")),
                format!("x\\u{{{:x}}}y", u32::from(c))
            );
        }
        // Joiners, accents and right-to-left scripts as written stay as they are.
        for text in ["👩\u{200d}💻", "ми\u{200c}р", "café", "שלום"] {
            assert!(matches!(visible(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn bar_fills_in_proportion() {
        assert_eq!(bar(0.5, 4), "██░░");
        assert_eq!(bar(2.0, 2), "██");
    }
}
