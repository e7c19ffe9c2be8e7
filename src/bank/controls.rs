//! Control characters in a bank file: refused with their line, since bank text reaches the
//! terminal and a shared bank could otherwise carry escape sequences that retitle the window,
//! clear the screen, write the clipboard (OSC 52) or hide a link (OSC 8).
//!
//! The raw file is scanned rather than the parsed bank, so every part of it (title, tips,
//! synonyms) is covered with its exact line in both formats: raw characters in either format,
//! and in JSON also the escapes that make them (`\u001b`, `\b`, `\f`, `\r`). Tab is allowed;
//! a line break is the format's own business.

use crate::error::Problem;
use crate::words::plural;

/// One problem per line that holds control characters, at the first one's column.
pub(crate) fn problems(text: &str, json: bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        // CRLF line endings are line breaks, not content.
        let line = line.strip_suffix('\r').unwrap_or(line);
        let found = if json { in_json_line(line) } else { raw(line) };
        if let Some(&(first_col, _)) = found.first() {
            let mut names: Vec<String> = Vec::new();
            for (_, c) in &found {
                let name = name(*c);
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            problems.push(Problem {
                line: Some(n + 1),
                column: Some(first_col),
                message: format!(
                    "{}: control character{} a terminal would act on (an escape sequence can \
                     retitle the window or write the clipboard); remove {}",
                    names.join(", "),
                    plural(names.len()),
                    if names.len() == 1 { "it" } else { "them" },
                ),
            });
        }
    }
    problems
}

/// A control character that must not be in bank text: C0 but tab, DEL, C1.
fn forbidden(c: char) -> bool {
    c.is_control() && c != '\t'
}

/// Raw control characters with their 1-based column.
fn raw(line: &str) -> Vec<(usize, char)> {
    line.chars()
        .enumerate()
        .filter(|&(_, c)| forbidden(c))
        .map(|(i, c)| (i + 1, c))
        .collect()
}

/// Raw control characters and JSON escapes of them (`\n` stays allowed: a line break in a
/// string is harmless), with their 1-based column.
fn in_json_line(line: &str) -> Vec<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if forbidden(c) {
            found.push((i + 1, c));
        } else if c == '\\' && i + 1 < chars.len() {
            let escaped = match chars[i + 1] {
                'b' => Some('\u{8}'),
                'f' => Some('\u{c}'),
                'r' => Some('\r'),
                'u' => chars
                    .get(i + 2..i + 6)
                    .map(|h| h.iter().collect::<String>())
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32),
                _ => None,
            };
            if let Some(e) = escaped.filter(|&e| forbidden(e) && e != '\n') {
                found.push((i + 1, e));
            }
            // Skip the escaped character, so `\\u001b` (a backslash, then text) is not read
            // as an escape.
            i += 1;
        }
        i += 1;
    }
    found
}

/// `U+001B (ESC)`: the code point and its usual name.
fn name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
        "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
        "ESC", "FS", "GS", "RS", "US",
    ];
    let code = u32::from(c);
    let label = match code {
        0..=31 => C0[code as usize],
        0x7f => "DEL",
        0x90 => "DCS",
        0x9b => "CSI",
        0x9c => "ST",
        0x9d => "OSC",
        _ => "C1 control",
    };
    format!("U+{code:04X} ({label})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_controls_are_found_with_line_and_column() {
        let p = problems("ok\r\nab\u{1b}]0;x\u{7}\n\tfine\nx\u{9b}2J\n", false);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!((p[0].line, p[0].column), (Some(2), Some(3)));
        assert!(p[0].message.contains("U+001B (ESC), U+0007 (BEL)"), "{p:?}");
        assert_eq!((p[1].line, p[1].column), (Some(4), Some(2)));
        assert!(p[1].message.contains("U+009B (CSI)"), "{p:?}");
    }

    #[test]
    fn json_escapes_of_controls_are_found_but_not_escaped_backslashes() {
        let text =
            "{\n\"a\": \"x\\u001B[2J\",\n\"b\": \"\\\\u001b and \\n\\t\",\n\"c\": \"\\r\"\n}";
        let p = problems(text, true);
        let lines: Vec<_> = p.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(4)], "{p:?}");
        assert!(p[0].message.contains("ESC"), "{p:?}");
        assert!(p[1].message.contains("CR"), "{p:?}");
    }
}
