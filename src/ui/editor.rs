//! The answer being typed: a multi-line text buffer with a cursor, and its layout on screen
//! (word-wrapped rows and where the cursor falls). Pure, so editing and wrapping are tested
//! without a terminal.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// A multi-line text with a cursor. `col` counts chars, not bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    lines: Vec<Vec<char>>,
    row: usize,
    col: usize,
}

impl Default for Editor {
    fn default() -> Self {
        Editor::new()
    }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// The column where the grapheme ending at `col` starts, so a letter with its combining
/// accent, or an emoji built of several code points, is deleted as the one thing it looks like.
fn grapheme_start(line: &[char], col: usize) -> usize {
    let before: String = line[..col].iter().collect();
    let last = before
        .graphemes(true)
        .next_back()
        .map_or(0, |g| g.chars().count());
    col - last
}

impl Editor {
    /// An empty answer.
    pub fn new() -> Editor {
        Editor {
            lines: vec![Vec::new()],
            row: 0,
            col: 0,
        }
    }

    /// The answer as typed, without surrounding blank space.
    pub fn text(&self) -> String {
        let lines: Vec<String> = self.lines.iter().map(|l| l.iter().collect()).collect();
        lines.join("\n").trim().to_string()
    }

    /// Nothing typed at all (spaces count as nothing).
    pub fn is_empty(&self) -> bool {
        self.lines
            .iter()
            .all(|l| l.iter().all(|c| c.is_whitespace()))
    }

    /// The cursor's line holds nothing but spaces.
    pub fn on_empty_line(&self) -> bool {
        self.lines[self.row].iter().all(|c| c.is_whitespace())
    }

    /// The cursor is on the answer's last line.
    pub fn on_last_line(&self) -> bool {
        self.row + 1 == self.lines.len()
    }

    /// Types one character (control characters are dropped; a tab becomes spaces).
    pub fn insert_char(&mut self, c: char) {
        if c == '\t' {
            for _ in 0..4 {
                self.insert_char(' ');
            }
        } else if c == '\n' {
            self.newline();
        } else if !c.is_control() {
            self.lines[self.row].insert(self.col, c);
            self.col += 1;
        }
    }

    /// Inserts pasted text; line breaks in any convention become new lines.
    pub fn insert_str(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        for c in s.chars() {
            self.insert_char(c);
        }
    }

    /// Splits the line at the cursor.
    pub fn newline(&mut self) {
        let rest = self.lines[self.row].split_off(self.col);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    /// Deletes the character (the whole grapheme) before the cursor, joining lines at the
    /// start of one.
    pub fn backspace(&mut self) {
        if self.col > 0 {
            let start = grapheme_start(&self.lines[self.row], self.col);
            self.lines[self.row].drain(start..self.col);
            self.col = start;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = self.lines[self.row].len();
            self.lines[self.row].extend(line);
        }
    }

    /// Deletes the character under the cursor, joining the next line at the end of one.
    pub fn delete(&mut self) {
        if self.col < self.lines[self.row].len() {
            self.lines[self.row].remove(self.col);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].extend(next);
        }
    }

    /// Deletes the word before the cursor (Ctrl-W).
    pub fn delete_word(&mut self) {
        if self.col == 0 {
            self.backspace();
            return;
        }
        let line = &mut self.lines[self.row];
        let mut start = self.col;
        while start > 0 && line[start - 1] == ' ' {
            start -= 1;
        }
        while start > 0 && line[start - 1] != ' ' {
            start -= 1;
        }
        line.drain(start..self.col);
        self.col = start;
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U).
    pub fn delete_to_start(&mut self) {
        self.lines[self.row].drain(..self.col);
        self.col = 0;
    }

    /// Moves the cursor one character left, to the end of the line above at a line's start.
    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = self.lines[self.row].len();
        }
    }

    /// Moves the cursor one character right, to the start of the next line at a line's end.
    pub fn right(&mut self) {
        if self.col < self.lines[self.row].len() {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    /// Moves to the line above, keeping the column where it can.
    pub fn up(&mut self) {
        if self.row > 0 {
            self.row -= 1;
            self.col = self.col.min(self.lines[self.row].len());
        }
    }

    /// Moves to the line below, keeping the column where it can.
    pub fn down(&mut self) {
        if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = self.col.min(self.lines[self.row].len());
        }
    }

    /// Moves to the start of the line.
    pub fn home(&mut self) {
        self.col = 0;
    }

    /// Moves to the end of the line.
    pub fn end(&mut self) {
        self.col = self.lines[self.row].len();
    }

    /// Lays the text out in rows of at most `cols` columns, wrapping at spaces where it can.
    /// Returns the rows and the cursor's (row, column) among them.
    pub fn layout(&self, cols: usize) -> (Vec<String>, (usize, usize)) {
        let cols = cols.max(1);
        let mut rows = Vec::new();
        let mut cursor = (0, 0);
        for (r, line) in self.lines.iter().enumerate() {
            let segments = wrap_chars(line, cols);
            for (k, &(start, end)) in segments.iter().enumerate() {
                let last = k + 1 == segments.len();
                if r == self.row && start <= self.col && (self.col < end || last) {
                    let col: usize = line[start..self.col].iter().map(|&c| char_width(c)).sum();
                    cursor = (rows.len(), col);
                }
                rows.push(line[start..end].iter().collect());
            }
        }
        (rows, cursor)
    }
}

/// Splits a line into ranges of chars, each at most `cols` columns wide, breaking after a
/// space when there is one in the row (so no row starts with a space), else mid-word. An empty line is one empty range.
fn wrap_chars(line: &[char], cols: usize) -> Vec<(usize, usize)> {
    let n = line.len();
    let mut out = Vec::new();
    let mut start = 0;
    while start < n {
        let mut w = 0;
        let mut end = start;
        while end < n && w + char_width(line[end]) <= cols {
            w += char_width(line[end]);
            end += 1;
        }
        if end == n {
            out.push((start, n));
            return out;
        }
        if end == start {
            end = start + 1; // a character wider than the row
        } else if let Some(sp) = (start + 1..=end).rev().find(|&k| line[k - 1] == ' ') {
            end = sp;
        }
        out.push((start, end));
        start = end;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Editor {
        let mut e = Editor::new();
        e.insert_str(s);
        e
    }

    #[test]
    fn typing_lines_and_backspace_across_them() {
        let mut e = typed("ab\ncd");
        assert_eq!(e.text(), "ab\ncd");
        e.backspace();
        e.backspace();
        assert_eq!((e.row, e.col), (1, 0));
        e.backspace(); // joins with the line above
        assert_eq!(e.text(), "ab");
        assert_eq!((e.row, e.col), (0, 2));
        e.insert_char('x');
        assert_eq!(e.text(), "abx");
    }

    #[test]
    fn backspace_deletes_a_combining_accent_and_an_emoji_whole() {
        // "e" + COMBINING ACUTE ACCENT, then a family emoji joined by ZWJs (5 code points).
        let mut e = typed("cafe\u{301}");
        e.backspace();
        assert_eq!(e.text(), "caf");
        let mut e = typed("hi\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}");
        e.backspace();
        assert_eq!(e.text(), "hi");
        assert_eq!(e.col, 2);
    }

    #[test]
    fn paste_normalises_line_breaks_and_drops_control_characters() {
        let e = typed("one\r\ntwo\rthree\u{7}\tend");
        assert_eq!(e.text(), "one\ntwo\nthree    end");
    }

    #[test]
    fn moving_and_editing_in_the_middle() {
        let mut e = typed("hello world");
        e.home();
        e.right();
        e.delete();
        assert_eq!(e.text(), "hllo world");
        e.end();
        e.delete_word();
        assert_eq!(e.text(), "hllo");
        e.newline();
        e.insert_str("second");
        e.up(); // "hllo " is shorter than "second": the column is kept where it can be
        assert_eq!((e.row, e.col), (0, 5));
        e.end();
        e.delete(); // joins the next line
        assert_eq!(e.text(), "hllo second");
        e.end();
        e.delete_to_start();
        assert_eq!(e.text(), "");
        assert!(e.is_empty());
    }

    #[test]
    fn empty_line_detection() {
        let mut e = Editor::new();
        assert!(e.is_empty() && e.on_empty_line());
        e.insert_str("a");
        assert!(!e.on_empty_line());
        e.newline();
        assert!(e.on_empty_line() && !e.is_empty());
    }

    #[test]
    fn last_line_detection() {
        let mut e = typed("a\n\nb");
        assert!(e.on_last_line());
        e.up();
        assert!(e.on_empty_line() && !e.on_last_line());
        e.down();
        e.end();
        e.newline();
        assert!(e.on_empty_line() && e.on_last_line());
    }

    #[test]
    fn layout_wraps_at_spaces_and_tracks_the_cursor() {
        let e = typed("the quick brown fox");
        let (rows, cursor) = e.layout(10);
        assert_eq!(rows, vec!["the quick ", "brown fox"]);
        assert_eq!(cursor, (1, 9));
        assert!(rows.iter().all(|r| crate::output::width(r) <= 10));
        // A long word is split; the cursor at a row boundary starts the next row.
        let mut e = typed("abcdefghijkl");
        let (rows, cursor) = e.layout(5);
        assert_eq!(rows, vec!["abcde", "fghij", "kl"]);
        assert_eq!(cursor, (2, 2));
        for _ in 0..7 {
            e.left();
        }
        assert_eq!(e.layout(5).1, (1, 0));
        // Empty lines are rows too.
        let (rows, cursor) = typed("a\n\n").layout(5);
        assert_eq!(rows, vec!["a", "", ""]);
        assert_eq!(cursor, (2, 0));
    }

    #[test]
    fn wide_characters_count_two_columns() {
        let (rows, cursor) = typed("日本語のテキスト").layout(6);
        assert!(
            rows.iter().all(|r| crate::output::width(r) <= 6),
            "{rows:?}"
        );
        assert_eq!(rows.len(), 3);
        assert_eq!(cursor, (2, 4));
    }
}
