//! The interview's screen as frames: rows wrapped by us at width - 1 (so the terminal never
//! wraps on its own) with the cursor's place, composed purely so layouts are tested at any
//! size, and drawn in one synchronized update.

use std::io::{self, Write};
use std::time::Duration;

use crossterm::{cursor, queue, style, terminal};

use crate::output::{self, Theme};
use crate::session::durations::clock_face;
use crate::session::input::Ask;
use crate::ui::editor::Editor;

/// A frame: the rows to draw (each at most width - 1 columns) and where the cursor goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Styled rows, top to bottom.
    pub rows: Vec<String>,
    /// The cursor's (row, column).
    pub cursor: (usize, usize),
}

const HELP: &str = "Enter on an empty line or Ctrl-D: submit · Ctrl-C: stop";
const HELP_SHORT: &str = "blank line/^D: submit · ^C: stop";
const STUDY_HELP: &str = "Enter on an empty line: submit (at once: show the reference) · Ctrl-D on an empty answer or Ctrl-C: stop";
const STUDY_HELP_SHORT: &str = "blank line: submit/show · ^C: stop";

/// Wraps a prompt into at most `max_rows` rows, keeping code spans whole across rows in colour
/// (where backticks vanish). A prompt with more rows is cut on its last row ([`cut_row`]).
fn prompt_rows(prompt: &str, cols: usize, max_rows: usize, theme: Theme) -> Vec<String> {
    let lines = output::wrap(prompt, cols);
    let max_rows = max_rows.max(1);
    let mut open = false;
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let mut l = line.clone();
        if theme.color && open {
            l.insert(0, '`');
        }
        if i + 1 == max_rows && lines.len() > max_rows {
            let rest = format!("{l} {}", lines[i + 1..].join(" "));
            rows.push(cut_row(&l, &rest, cols, theme));
            break;
        }
        if theme.color && l.matches('`').count() % 2 == 1 {
            l.push('`');
            open = !open;
        }
        rows.push(theme.code_spans(&l));
    }
    rows
}

/// The last row of a prompt cut to its rows, its wrapped `line` (`rest` is the prompt from
/// there on) followed by a dim " …". When the line is too wide for the " …", the rest is cut as
/// [`Theme::clip`] cuts (after a whole word when one ends close to the cut, closing a code span
/// it falls in), so the row stays within `cols`.
fn cut_row(line: &str, rest: &str, cols: usize, theme: Theme) -> String {
    // In colour the rest may fit after all, its backticks taking no room.
    if theme.span_width(rest) <= cols {
        return theme.code_spans(rest);
    }
    let kept = if theme.span_width(line) + 2 <= cols {
        let mut l = line.to_string();
        if theme.color && l.matches('`').count() % 2 == 1 {
            l.push('`');
        }
        l
    } else {
        let clipped = theme.clip(rest, cols.saturating_sub(1));
        clipped.strip_suffix('…').unwrap_or(&clipped).to_string()
    };
    format!("{}{}", theme.code_spans(&kept), theme.dim(" …"))
}

/// Composes the frame for a question: header with the question number and countdown, the
/// prompt, the answer (scrolled so the cursor shows), and a line of help. Fits `width` x
/// `height`.
pub fn compose(
    ask: &Ask,
    editor: &Editor,
    remaining: Duration,
    dims: (usize, usize),
    theme: Theme,
) -> Frame {
    compose_with(ask, editor, remaining, dims, theme, None)
}

/// Like [`compose`], with a notice (such as "time's up") in place of the help line.
pub fn compose_with(
    ask: &Ask,
    editor: &Editor,
    remaining: Duration,
    (width, height): (usize, usize),
    theme: Theme,
    notice: Option<&str>,
) -> Frame {
    let t = theme;
    let w = width.max(20) - 1;
    let h = height.max(6);
    let mut rows = top(ask, remaining, w, h, t);

    // The answer, in the rows left above the help line.
    let indent = 2;
    let (answer, (cr, cc)) = editor.layout(w - indent);
    let avail = h.saturating_sub(rows.len() + 1).max(1);
    let top_row = rows.len();
    let (shown, cursor_row) = scrolled(answer, cr, avail, t);
    let cursor = (top_row + cursor_row, indent + cc);
    for r in shown {
        rows.push(format!("{}{r}", " ".repeat(indent)));
    }
    while rows.len() < h - 1 {
        rows.push(String::new());
    }
    rows.push(footer(ask, notice, w, t));
    Frame { rows, cursor }
}

/// The rows above the answer: the header, the prompt (at most about half the rows left) and a
/// rule.
fn top(ask: &Ask, remaining: Duration, w: usize, h: usize, t: Theme) -> Vec<String> {
    let mut rows = vec![header(ask, remaining, w, t)];
    let max_prompt = ((h - 4) / 2).max(1);
    rows.extend(prompt_rows(ask.prompt, w, max_prompt, t));
    rows.push(t.dim(&"─".repeat(w)));
    rows
}

/// A question's frame with `status` rows (plain text: the first is shown in bold, each cut to
/// the width) where the answer goes, and `footer` on the last row: the screens of a spoken
/// answer (recording, transcribing). The cursor rests after the last status row's text.
pub fn compose_status(
    ask: &Ask,
    status: &[String],
    remaining: Duration,
    (width, height): (usize, usize),
    theme: Theme,
    footer: &str,
) -> Frame {
    let w = width.max(20) - 1;
    let h = height.max(6);
    let mut rows = top(ask, remaining, w, h, theme);
    let mut cursor = (rows.len() - 1, 0);
    for (i, line) in status
        .iter()
        .take(h.saturating_sub(rows.len() + 1))
        .enumerate()
    {
        let line = output::truncate(line, w - 2);
        cursor = (rows.len(), 2 + output::width(&line));
        let line = if i == 0 { theme.bold(&line) } else { line };
        rows.push(format!("  {line}"));
    }
    while rows.len() < h - 1 {
        rows.push(String::new());
    }
    rows.push(theme.dim(&output::truncate(footer, w)));
    Frame { rows, cursor }
}

/// The header row, `w` columns: "Question 3/10 · concurrency" ... "2:41 left".
fn header(ask: &Ask, remaining: Duration, w: usize, t: Theme) -> String {
    let face = clock_face(remaining);
    let clock = if ask.untimed {
        "no clock".to_string()
    } else if ask.session_ends {
        format!("session ends in {face}")
    } else {
        format!("{face} left")
    };
    let secs = remaining.as_secs_f64();
    let clock_styled = if ask.untimed {
        t.dim(&clock)
    } else if secs <= 10.0 {
        t.bad(&t.bold(&clock))
    } else if secs <= 30.0 {
        t.warn(&t.bold(&clock))
    } else {
        t.bold(&clock)
    };
    let number = format!("Question {}/{}", ask.number, ask.count);
    let chapter = format!(" · {}", output::visible(ask.chapter));
    let room = w.saturating_sub(output::width(&clock) + 1);
    // In a narrow terminal the chapter goes first, then the word "Question".
    let short = format!("{}/{}", ask.number, ask.count);
    let (left, left_plain_w) = if output::width(&number) + output::width(&chapter) <= room {
        (
            format!("{}{}", t.bold(&number), t.dim(&chapter)),
            output::width(&number) + output::width(&chapter),
        )
    } else if output::width(&number) <= room {
        (t.bold(&number), output::width(&number))
    } else {
        (t.bold(&short), output::width(&short))
    };
    let gap = w.saturating_sub(left_plain_w + output::width(&clock));
    format!("{left}{}{clock_styled}", " ".repeat(gap))
}

/// The answer's rows that fit in `avail` rows, scrolled so that the cursor's row `cr` shows,
/// with a line saying how many rows are hidden; and the cursor's row among them.
fn scrolled(answer: Vec<String>, cr: usize, avail: usize, t: Theme) -> (Vec<String>, usize) {
    if answer.len() <= avail {
        return (answer, cr);
    }
    let win = avail.saturating_sub(1).max(1);
    let top = (cr + 1).saturating_sub(win).min(answer.len() - win);
    let mut shown: Vec<String> = Vec::with_capacity(avail);
    if top > 0 {
        shown.push(t.dim(&format!("… {top} rows above")));
        shown.extend(answer[top..top + win].iter().cloned());
        (shown, cr - top + 1)
    } else {
        shown.extend(answer[..win].iter().cloned());
        shown.push(t.dim(&format!("… {} rows below", answer.len() - win)));
        (shown, cr)
    }
}

/// The last row: the notice if there is one, else the keys' help, short when `w` is narrow.
fn footer(ask: &Ask, notice: Option<&str>, w: usize, t: Theme) -> String {
    match notice {
        Some(n) => t.warn(&t.bold(&output::truncate(n, w))),
        None => {
            let (long, short) = if ask.untimed {
                (STUDY_HELP, STUDY_HELP_SHORT)
            } else {
                (HELP, HELP_SHORT)
            };
            let help = if output::width(long) <= w {
                long
            } else {
                short
            };
            t.dim(&output::truncate(help, w))
        }
    }
}

/// The terminal's size, or 80x24 when it reports none (some pseudo-terminals say 0x0).
pub(crate) fn size() -> (usize, usize) {
    match terminal::size() {
        Ok((w, h)) if w > 0 && h > 0 => (usize::from(w), usize::from(h)),
        _ => (80, 24),
    }
}

/// Writes a frame in one go, inside a synchronized update so it never shows half drawn.
pub(crate) fn draw(frame: &Frame, height: usize) -> io::Result<()> {
    let buf = frame_bytes(frame, height)?;
    let mut err = io::stderr().lock();
    err.write_all(&buf)?;
    err.flush()
}

/// The bytes that draw `frame` on a screen of `height` rows. Line wrap is off while its rows
/// are written: frames are laid out for at least 20 columns, and a row wider than a narrower
/// terminal (or exactly as wide, on some terminals) would wrap onto the next row and scroll the
/// header away; with wrap off the terminal cuts it at the edge instead.
fn frame_bytes(frame: &Frame, height: usize) -> io::Result<Vec<u8>> {
    let mut buf: Vec<u8> = Vec::new();
    queue!(
        buf,
        terminal::BeginSynchronizedUpdate,
        cursor::Hide,
        terminal::DisableLineWrap
    )?;
    for (i, row) in frame.rows.iter().enumerate() {
        let y = u16::try_from(i).unwrap_or(u16::MAX);
        queue!(
            buf,
            cursor::MoveTo(0, y),
            style::Print(row),
            terminal::Clear(terminal::ClearType::UntilNewLine)
        )?;
    }
    // Clear what an earlier, taller frame left below this one (not when the frame fills the
    // screen: the cursor would stop on the last row and wipe it).
    if frame.rows.len() < height {
        let below = u16::try_from(frame.rows.len()).unwrap_or(u16::MAX);
        queue!(
            buf,
            cursor::MoveTo(0, below),
            terminal::Clear(terminal::ClearType::FromCursorDown)
        )?;
    }
    let (r, c) = frame.cursor;
    queue!(
        buf,
        cursor::MoveTo(
            u16::try_from(c).unwrap_or(u16::MAX),
            u16::try_from(r).unwrap_or(u16::MAX)
        ),
        cursor::Show,
        terminal::EnableLineWrap,
        terminal::EndSynchronizedUpdate
    )?;
    Ok(buf)
}

/// How many rows PgUp and PgDn move a [`scrolled_frame`] of `height` rows: the rows it shows
/// when it scrolls, less one kept in view, so a page follows on from the last.
pub fn page_rows(height: usize) -> isize {
    let shown = height.max(4) - 2;
    isize::try_from(shown.saturating_sub(1).max(1)).unwrap_or(isize::MAX)
}

/// A screen of `lines` that may be taller than the terminal, from row `offset`, with `prompt`
/// on the last row; returns the frame and the largest useful offset.
pub fn scrolled_frame(
    lines: &[String],
    offset: usize,
    prompt: &str,
    (w, h): (usize, usize),
    theme: Theme,
) -> (Frame, usize) {
    let w = w.max(20) - 1;
    let h = h.max(4);
    let body = h - 1;
    let mut rows: Vec<String>;
    let max;
    if lines.len() <= body {
        rows = lines.to_vec();
        max = 0;
    } else {
        let shown = body - 1;
        max = lines.len() - shown;
        let top = offset.min(max);
        rows = lines[top..top + shown].to_vec();
        rows.push(theme.dim(&output::truncate(
            &format!(
                "rows {}-{} of {} · ↑/↓ PgUp/PgDn scroll",
                top + 1,
                top + shown,
                lines.len()
            ),
            w,
        )));
    }
    let help = output::truncate(prompt, w);
    let cursor = (rows.len(), output::width(&help).min(w));
    rows.push(theme.bold(&help));
    (Frame { rows, cursor }, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::terminal::times_up_notice;

    fn ask(limit: u64) -> Ask<'static> {
        Ask {
            number: 3,
            count: 10,
            chapter: "concurrency",
            prompt: "What does the GIL do, and when does `multiprocessing` help with CPU-bound work in CPython?",
            limit: Duration::from_secs(limit),
            session_ends: false,
            untimed: false,
            clock: Box::leak(Box::new(crate::session::clock::FakeClock::at(
                jiff::Timestamp::UNIX_EPOCH,
            ))),
            asked_at: Duration::ZERO,
        }
    }

    #[test]
    fn the_frame_shows_number_chapter_countdown_and_fits_the_width() {
        let mut e = Editor::new();
        e.insert_str(&"a long answer that wraps ".repeat(20));
        for (w, h) in [(80, 24), (60, 20), (20, 6)] {
            let f = compose(
                &ask(180),
                &e,
                Duration::from_millis(160_400),
                (w, h),
                Theme::plain(),
            );
            assert_eq!(f.rows.len(), h.max(6), "{w}x{h}");
            for r in &f.rows {
                assert!(output::width(r) < w.max(20), "{w}x{h}: {r:?}");
            }
            assert!(f.rows[0].contains("3/10"), "{:?}", f.rows[0]);
            assert!(f.rows[0].ends_with("2:41 left"), "{:?}", f.rows[0]);
            assert!(f.cursor.0 < f.rows.len() - 1 && f.cursor.1 < w.max(20));
        }
        e.insert_str(&"and it goes on ".repeat(40));
        let f = compose(
            &ask(180),
            &e,
            Duration::from_secs(100),
            (60, 20),
            Theme::plain(),
        );
        for r in &f.rows[4..] {
            assert!(!r.starts_with("   "), "no row starts with a space: {r:?}");
        }
        assert!(f.rows[0].contains(" · concurrency"));
        assert!(
            f.rows.iter().any(|r| r.contains("rows above")),
            "{:#?}",
            f.rows
        );
        // The cursor is on the last typed row, after the last word.
        let row = &f.rows[f.cursor.0];
        assert!(row.trim_end().ends_with("goes on"), "{row:?}");
    }

    #[test]
    fn a_notice_replaces_the_help_line_and_fits() {
        let e = Editor::new();
        let n = times_up_notice(2, true);
        assert_eq!(n, "Time's up: answer to question 2 saved.");
        for w in [80, 40, 20] {
            let f = compose_with(
                &ask(180),
                &e,
                Duration::from_secs(100),
                (w, 12),
                Theme::plain(),
                Some(&n),
            );
            let last = f.rows.last().unwrap();
            assert!(last.starts_with("Time's up"), "{last}");
            if w >= 40 {
                assert_eq!(last, &n, "whole at {w} columns");
            }
            assert!(output::width(last) < w, "{last}");
            assert!(!f.rows.iter().any(|r| r.contains("submit")));
        }
        assert!(times_up_notice(1, false).contains("had no answer"));
    }

    #[test]
    fn the_countdown_turns_to_a_warning_in_the_last_30_seconds() {
        let e = Editor::new();
        let colour = Theme { color: true };
        let calm = compose(&ask(180), &e, Duration::from_secs(31), (80, 24), colour);
        let warn = compose(&ask(180), &e, Duration::from_secs(30), (80, 24), colour);
        assert!(!calm.rows[0].contains("\u{1b}[33m"), "{:?}", calm.rows[0]);
        assert!(warn.rows[0].contains("\u{1b}[33m"), "{:?}", warn.rows[0]);
        let mut ending = ask(180);
        ending.session_ends = true;
        let f = compose(
            &ending,
            &e,
            Duration::from_secs(5),
            (80, 24),
            Theme::plain(),
        );
        assert!(
            f.rows[0].ends_with("session ends in 0:05"),
            "{:?}",
            f.rows[0]
        );
    }

    #[test]
    fn rows_are_drawn_with_line_wrap_off_and_wrap_is_on_again_after() {
        // Below 20 columns a frame's rows are wider than the terminal: wrapped, they pushed
        // the header off the screen (a try-out at 18 columns).
        let frame = Frame {
            rows: vec!["a row wider than an 18-column terminal".into(), "x".into()],
            cursor: (1, 0),
        };
        let bytes = String::from_utf8(frame_bytes(&frame, 8).unwrap()).unwrap();
        let (off, on) = ("\u{1b}[?7l", "\u{1b}[?7h");
        let (off_at, on_at) = (bytes.find(off).unwrap(), bytes.rfind(on).unwrap());
        let row_at = bytes.find("a row wider").unwrap();
        assert!(off_at < row_at && row_at < on_at, "{bytes:?}");
        assert!(!bytes[on_at..].contains(off), "{bytes:?}");
    }

    #[test]
    fn a_tall_screen_scrolls_and_keeps_the_prompt_on_the_last_row() {
        let lines: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
        let (f, max) = scrolled_frame(&lines, 0, "Your rating?", (40, 10), Theme::plain());
        assert_eq!(f.rows.len(), 10);
        assert_eq!(f.rows[0], "line 1");
        assert_eq!(f.rows[9], "Your rating?");
        assert!(f.rows[8].contains("rows 1-8 of 30"), "{:?}", f.rows);
        assert_eq!(max, 22);
        let (f, _) = scrolled_frame(&lines, 99, "p", (40, 10), Theme::plain());
        assert_eq!(f.rows[7], "line 30");
        let (f, max) = scrolled_frame(&lines[..3], 5, "p", (40, 10), Theme::plain());
        assert_eq!((f.rows.len(), max), (4, 0));
        // A page is the rows shown less one: PgDn from the top shows row 8 first (a try-out
        // found 10 rows a page on a 28-row screen).
        assert_eq!(page_rows(10), 7);
        let (f, _) = scrolled_frame(
            &lines,
            page_rows(10) as usize,
            "p",
            (40, 10),
            Theme::plain(),
        );
        assert_eq!(f.rows[0], "line 8");
        assert_eq!((page_rows(30), page_rows(1)), (27, 1));
    }

    #[test]
    fn a_prompt_cut_to_its_rows_keeps_its_last_row_within_the_width() {
        // Two prompt rows on an 8-row screen; the second is full (39 of 39 columns), so the
        // " …" after it went past the width, and the terminal wrapped the row.
        let mut a = ask(180);
        a.prompt = "When would you reach for `concurrent.futures.ThreadPoolExecutor` rather \
                    than `multiprocessing.Pool` or plain `asyncio` tasks, and why?";
        for theme in [Theme::plain(), Theme { color: true }] {
            for (w, h) in [(40, 8), (41, 8), (60, 6), (20, 6)] {
                let f = compose(&a, &Editor::new(), Duration::from_secs(100), (w, h), theme);
                let rows: Vec<String> = f
                    .rows
                    .iter()
                    .map(|r| console::strip_ansi_codes(r).to_string())
                    .collect();
                for r in &rows {
                    assert!(output::width(r) < w, "{w}x{h}: {r:?}\n{rows:#?}");
                }
                let cut = rows.iter().find(|r| r.ends_with(" …"));
                assert!(cut.is_some(), "{w}x{h}: {rows:#?}");
                if theme.color {
                    assert!(!rows.iter().any(|r| r.contains('`')), "{rows:#?}");
                }
            }
        }
        let f = compose(
            &a,
            &Editor::new(),
            Duration::from_secs(100),
            (40, 8),
            Theme::plain(),
        );
        assert_eq!(f.rows[2], "`concurrent.futures.ThreadPoolExecuto …");
        // A last row with room for the " …" keeps its words, as it did.
        let f = compose(
            &a,
            &Editor::new(),
            Duration::from_secs(100),
            (40, 6),
            Theme::plain(),
        );
        assert_eq!(f.rows[1], "When would you reach for …");
    }

    #[test]
    fn a_prompt_that_fits_once_its_backticks_go_is_not_cut() {
        // Wrapped counting its backticks it takes two rows; in colour it fits on one.
        let rows = prompt_rows("`ab` `cd` `ef`", 12, 1, Theme { color: true });
        let shown: Vec<String> = rows
            .iter()
            .map(|r| console::strip_ansi_codes(r).to_string())
            .collect();
        assert_eq!(shown, ["ab cd ef"]);
        assert_eq!(
            prompt_rows("`ab` `cd` `ef`", 12, 1, Theme::plain()),
            ["`ab` `cd` …"]
        );
    }

    #[test]
    fn code_spans_stay_whole_across_prompt_rows() {
        let rows = prompt_rows(
            "call `functools.lru_cache` on it",
            12,
            10,
            Theme { color: true },
        );
        for r in &rows {
            assert!(!r.contains('`'), "{rows:?}");
        }
    }
}
