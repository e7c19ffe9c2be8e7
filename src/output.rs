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

    /// The columns `s` takes once [`Theme::code_spans`] has rendered it: in colour the
    /// backticks go and take none; in plain text they stay and take one each.
    pub fn span_width(&self, s: &str) -> usize {
        let s = visible(s);
        let ticks = if self.color {
            s.matches('`').count()
        } else {
            0
        };
        width(&s) - ticks
    }

    /// `s` cut to at most `max` columns as this theme shows it (see [`Theme::span_width`]),
    /// ending in `…` when cut, at a word boundary when one is close ([`clip`]); the text is
    /// still to be rendered by [`Theme::code_spans`]. In colour a code span the cut falls in
    /// is closed before the `…`, so the ellipsis is never shown as code.
    pub fn clip(&self, s: &str, max: usize) -> String {
        clip(s, max, if self.color { 0 } else { 1 })
    }

    /// `s` with its code spans rendered, cut to at most `max` columns as shown: how a prompt or
    /// a bullet is fitted into a row, so that rows with and without backticks are cut to the
    /// same width.
    pub fn code_spans_cut(&self, s: &str, max: usize) -> String {
        self.code_spans(&self.clip(s, max))
    }

    /// [`Theme::code_spans_cut`] padded with spaces to exactly `cols` columns as shown: a cell
    /// of a table whose next column must line up in colour and in plain text alike.
    pub fn code_spans_cell(&self, s: &str, cols: usize) -> String {
        let cut = self.clip(s, cols);
        let pad = cols.saturating_sub(self.span_width(&cut));
        format!("{}{}", self.code_spans(&cut), " ".repeat(pad))
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

/// Cuts `s` to at most `max` columns, ending in `…` when cut, anywhere (a label: a chapter id,
/// a bank title, a message). Prompts and bullets, which may hold code spans, are cut by
/// [`Theme::code_spans_cut`] instead: by the columns the theme shows, after a whole word when
/// one is close.
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

/// Cuts `s` to at most `max` columns, each backtick counting `tick` columns (0 where code spans
/// are shown in colour, 1 where the backticks stay), ending in `…` when cut: the cutting behind
/// [`Theme::clip`].
///
/// The cut falls between words when the last word boundary that fits leaves at least two thirds
/// of the room used (the ellipsis then follows the last whole word, without the space or a `,`,
/// `;` or `:` before it); otherwise, as with one long word, it falls between grapheme clusters
/// (mid-word). A code span left open by the cut is closed before the `…` when backticks take no
/// room, and a backtick left dangling at the end is dropped.
fn clip(s: &str, max: usize, tick: usize) -> String {
    let s = visible(s);
    let w_of = |g: &str| {
        if g == "`" {
            tick
        } else {
            UnicodeWidthStr::width(g)
        }
    };
    if s.graphemes(true).map(w_of).sum::<usize>() <= max {
        return s.into_owned();
    }
    if max == 0 {
        return String::new();
    }
    // The longest prefix that leaves a column for the `…`, and the last word boundary in it:
    // before a space, or at the end of the prefix when a space comes next.
    let room = max - 1;
    let (mut end, mut used) = (0, 0);
    let mut boundary: Option<(usize, usize)> = None;
    let mut next_is_space = false;
    for (i, g) in s.grapheme_indices(true) {
        let space = g.chars().all(char::is_whitespace);
        let gw = w_of(g);
        if used + gw > room {
            next_is_space = space;
            break;
        }
        if space {
            boundary = Some((i, used));
        }
        end = i + g.len();
        used += gw;
    }
    if next_is_space {
        boundary = Some((end, used));
    }
    if let Some((at, w)) = boundary
        && w > 0
        && w * 3 >= room * 2
    {
        end = at;
    }
    let trim = |t: &str| {
        t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
            .to_string()
    };
    let mut out = trim(&s[..end]);
    if out.matches('`').count() % 2 == 1 && out.ends_with('`') {
        out.pop();
        out = trim(&out);
    }
    if out.is_empty() {
        // Only spaces and punctuation fitted: cut mid-word after all.
        out = s[..end].to_string();
    }
    if tick == 0 && out.matches('`').count() % 2 == 1 {
        out.push('`');
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

    /// What a rendered row shows: its text without escape codes, and its columns.
    fn shown(rendered: &str) -> (String, usize) {
        let text = console::strip_ansi_codes(rendered).to_string();
        let w = width(&text);
        (text, w)
    }

    #[test]
    fn clip_ends_at_a_word_when_a_boundary_is_in_the_last_third() {
        let plain = Theme::plain();
        // 21 columns of text fit before the `…`: "How does asyncio even"; the last space, after
        // 16 columns, is within the last third, so the cut falls there.
        assert_eq!(
            plain.clip("How does asyncio event loop function?", 22),
            "How does asyncio…"
        );
        // A space right after the room counts as a boundary too.
        assert_eq!(plain.clip("one two three four", 8), "one two…");
        // The space and a comma before the `…` go.
        assert_eq!(
            plain.clip("Compare lists, tuples and sets", 16),
            "Compare lists…"
        );
        // Text that fits is left whole, and nothing fits in no room at all.
        assert_eq!(plain.clip("short", 5), "short");
        assert_eq!(plain.clip("short", 0), "");
    }

    #[test]
    fn clip_cuts_mid_word_when_no_boundary_is_close() {
        let plain = Theme::plain();
        // The only space is after 8 of 19 columns: too far back, so the word is cut.
        assert_eq!(
            plain.clip("Describe supercalifragilistic things", 20),
            "Describe supercalif…"
        );
        assert_eq!(plain.clip("abcdefghijklmnop", 10), "abcdefghi…");
        // Wide characters are counted as two columns and never split.
        let cut = plain.clip("数据结构与算法是面试中最常见的题目之一", 10);
        assert_eq!(cut, "数据结构…");
        assert!(width(&cut) <= 10);
        // Controls are shown, never sent, as `truncate` shows them.
        assert_eq!(plain.clip("\u{1b}]0;pwned now", 8), "\\u{1b}]…");
    }

    #[test]
    fn code_spans_cut_measures_what_the_theme_shows() {
        let colour = Theme { color: true };
        let plain = Theme::plain();
        // In colour backticks take no room: a prompt with code spans is cut to the same
        // columns as the same prompt without them (it was cut shorter by one column a
        // backtick, since the raw text was cut before the spans were rendered).
        for max in [8, 12, 16, 22, 30] {
            let ticks =
                shown(&colour.code_spans_cut("When to use `threading` or `asyncio` here?", max));
            let none = shown(&colour.code_spans_cut("When to use threading or asyncio here?", max));
            assert_eq!(ticks, none, "at {max}");
            assert!(ticks.1 <= max, "{ticks:?} at {max}");
        }
        // In plain text the backticks stay, so they count.
        let cut = plain.code_spans_cut("Compare `multiprocessing` to `threading`.", 22);
        assert_eq!(cut, "Compare `multiprocess…");
        assert_eq!(width(&cut), 22);
        // A code span the cut falls in is closed before the `…` in colour; a backtick left
        // dangling at the end goes.
        assert_eq!(
            colour.clip("call `functools.lru_cache` on it", 12),
            "call `functo`…"
        );
        let (text, w) = shown(&colour.code_spans_cut("call `functools.lru_cache` on it", 12));
        assert_eq!((text.as_str(), w), ("call functo…", 12));
        // The `…` itself is not shown as code.
        let rendered = colour.code_spans_cut("call `functools.lru_cache` on it", 12);
        assert!(rendered.ends_with("\u{1b}[0m…"), "{rendered:?}");
        assert_eq!(plain.clip("ab `cdefgh`", 5), "ab…");
        assert_eq!(plain.span_width("a `b`"), 5);
        assert_eq!(colour.span_width("a `b`"), 3);
    }

    #[test]
    fn code_spans_cell_is_as_wide_as_its_column_in_either_theme() {
        for theme in [Theme::plain(), Theme { color: true }] {
            for prompt in [
                "What is `set`?",
                "What is a set?",
                "Explain `asyncio.Queue` use.",
            ] {
                for cols in [10, 14, 20] {
                    let (text, w) = shown(&theme.code_spans_cell(prompt, cols));
                    assert_eq!(
                        w, cols,
                        "{text:?} in {cols} columns, colour {}",
                        theme.color
                    );
                }
            }
        }
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
