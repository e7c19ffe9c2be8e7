//! The readiness report as one self-contained HTML page (`grill report --html FILE`).
//!
//! Everything is inline: CSS in a `<style>` element and the charts as inline SVG drawn here, so
//! the page opens in any browser with no network and no scripts, and can be mailed or archived
//! as one file. Rendering returns a string; the command writes it.

use crate::words::plural;
use std::fmt::Write;

use super::text::{forecast_line, span_line};
use crate::readiness::{
    ChapterReadiness, PRACTICE_WINDOW, Readiness, Verdict, verdict_with_basis, whole,
};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::output::visible(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text and turns `code` spans into `<code>` elements, as the bank writes code.
fn rich(s: &str) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

fn class(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "ready",
        Verdict::Close => "close",
        Verdict::NotYet => "not-yet",
        Verdict::NotEnoughData => "no-data",
    }
}

fn score(mean: Option<f64>) -> String {
    mean.map_or_else(|| "–".to_string(), whole)
}

const STYLE: &str = r#"
:root { --fg: #1d2330; --muted: #5f6b7a; --bg: #ffffff; --card: #f5f7fa; --line: #d9dee5;
  --ready: #2e7d32; --close: #b7791f; --not-yet: #c62828; --no-data: #9aa4b1; --accent: #3056d3; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ee; --muted: #9aa4b1; --bg: #14171c; --card: #1d2229; --line: #333b46; --accent: #7b9cff; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.muted, .span, footer { color: var(--muted); }
.rule { background: var(--card); border-left: 4px solid var(--accent); padding: 8px 12px; }
.overall { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; font-size: 1.1rem; margin: 12px 0; }
.overall strong { font-size: 2rem; }
/* A pill is never broken, not even between its words: a table too narrow for it scrolls
   sideways in its own box (.scroll) rather than the pill wrapping inside. */
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; color: #fff; font-size: .85rem;
  white-space: nowrap; overflow-wrap: normal; }
.badge.ready { background: var(--ready); } .badge.close { background: var(--close); }
.badge.not-yet { background: var(--not-yet); } .badge.no-data { background: var(--no-data); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--card); padding: 0 3px; border-radius: 3px; }
svg.chart { display: block; width: 100%; height: auto; }
.scroll { overflow-x: auto; }
.bars { display: grid; grid-template-columns: fit-content(22rem) minmax(8rem, 1fr) auto; gap: 8px 12px;
  align-items: center; margin: 8px 0 16px; }
.bar-label { text-align: right; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.bar-value { white-space: nowrap; font-variant-numeric: tabular-nums; color: var(--muted); }
.track { position: relative; height: 20px; background: var(--card); border-radius: 3px; }
.track .bar { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 3px;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.bar.ready { background: var(--ready); } .bar.close { background: var(--close); }
.bar.not-yet { background: var(--not-yet); } .bar.no-data { background: var(--no-data); }
.mark { position: absolute; top: -3px; bottom: -3px; border-left: 1px dashed var(--muted); }
.scale { position: relative; height: 1.2em; color: var(--muted); font-size: .8rem; }
/* The lower threshold's name ends at its mark and the higher one's starts there, so the two
   never overlap however close the marks are. */
.scale span { position: absolute; white-space: nowrap; }
.scale .lo { transform: translateX(-100%); padding-right: 4px; } .scale .hi { padding-left: 4px; }
td.nowrap, .id { white-space: nowrap; }
@media (max-width: 600px) {
  main { padding: 16px 12px 32px; }
  /* Label and value on one line, the bar below at full width; dense placement puts each
     value beside its label although it follows the bar in the page. */
  .bars { grid-template-columns: 1fr auto; grid-auto-flow: dense; gap: 2px 10px; }
  .bar-label { grid-column: 1; text-align: left; white-space: normal; margin-top: 8px; }
  .bar-value { grid-column: 2; margin-top: 8px; align-self: end; }
  .track, .scale { grid-column: 1 / -1; }
  .bars > .blank { display: none; }
  th, td { padding: 4px 5px; }
  /* Room for the verdict's pill, which never wraps: a chapter id may break at its hyphens,
     the chapter's number goes (its id says which it is) and pills are a little narrower. */
  td .id { white-space: normal; font-size: .9em; }
  .badge { padding: 1px 7px; }
  /* How many answers and when: in the wide table only; the prompt needs the room. */
  .wide { display: none; }
  /* Only a word wider than its cell (a long identifier in code) breaks, and only there. */
  td:last-child { overflow-wrap: anywhere; }
  .trends { grid-template-columns: 1fr; }
}
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .axis { fill: var(--muted); font-size: 11px; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg .threshold { stroke: var(--muted); stroke-width: 1; stroke-dasharray: 4 3; }
svg .dot.ready { fill: var(--ready); } svg .dot.close { fill: var(--close); }
svg .dot.not-yet { fill: var(--not-yet); } svg .dot.no-data { fill: var(--no-data); }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
.trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(290px, 1fr)); gap: 14px; }
figure { margin: 0; background: var(--card); border-radius: 8px; padding: 10px 12px 6px; }
figcaption { font-weight: 600; display: flex; justify-content: space-between; align-items: flex-start; gap: 8px; }
figcaption .badge { flex: none; align-self: flex-start; font-weight: normal; margin-top: 2px; }
ul.missed li, ul.disagree li { margin: 4px 0; }
/* The forecast: a column a day, its bar's height the day's count against the busiest day's. */
.forecast { list-style: none; padding: 0; margin: 8px 0 16px; display: grid; grid-auto-flow: column;
  grid-auto-columns: minmax(0, 1fr); gap: 4px; align-items: end; }
.forecast li { display: flex; flex-direction: column; align-items: center; min-width: 0;
  font-variant-numeric: tabular-nums; }
.forecast .count { font-size: .8rem; }
.forecast .col { display: flex; align-items: flex-end; width: 100%; height: 120px; background: var(--card);
  border-radius: 3px; }
.forecast .fill { display: block; width: 100%; background: var(--accent); border-radius: 3px;
  print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.forecast .today .fill { background: var(--close); }
.forecast .wd, .forecast .md { font-size: .75rem; color: var(--muted); white-space: nowrap; }
@media (max-width: 600px) { .forecast { gap: 2px; } .forecast .wd, .forecast .md { font-size: .7rem; } }
@media print { body { font-size: 12px; } figure { break-inside: avoid; } }
"#;

/// Renders the whole page.
pub fn render(r: &Readiness, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut h = String::new();
    // Built as a string first (fmt::Write), which cannot fail; only the stream can.
    let _ = render_into(r, &mut h);
    out.write_all(h.as_bytes())
}

fn render_into(r: &Readiness, h: &mut String) -> std::fmt::Result {
    let title = format!("Readiness: {}", r.bank);
    writeln!(h, "<!DOCTYPE html>")?;
    writeln!(h, "<html lang=\"en\">")?;
    writeln!(
        h,
        "<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(h, "<title>{}</title>", escape(&title))?;
    writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>\n<main>")?;
    writeln!(h, "<h1>{}</h1>", escape(&title))?;
    if let Some(empty) = r.empty {
        writeln!(h, "<p>{}</p>", rich(&empty.message(&r.sessions, &r.bank)))?;
    } else {
        writeln!(h, "<p class=\"span\">{}.</p>", escape(&span_line(r)))?;
        overall(r, h)?;
        chapters(r, h)?;
        trends(r, h)?;
        missed(r, h)?;
        weakest(r, h)?;
        disagreements(r, h)?;
        practise(r, h)?;
        forecast(r, h)?;
    }
    writeln!(
        h,
        "<footer><p>Made by grill on {}.</p></footer>",
        escape(&r.generated_at.strftime("%Y-%m-%d %H:%M UTC").to_string())
    )?;
    writeln!(h, "</main>\n</body>\n</html>")
}

fn overall(r: &Readiness, h: &mut String) -> std::fmt::Result {
    let o = &r.overall;
    writeln!(
        h,
        "<div class=\"overall\"><span>Overall</span><strong>{}</strong><span class=\"badge {}\">{}</span><span class=\"muted\">{} of {} questions seen</span></div>",
        score(o.mean),
        class(o.verdict),
        o.verdict.label(),
        o.seen,
        o.questions
    )?;
    if !o.lacking.is_empty() && r.chapters.len() > 1 {
        let n = r.thresholds.min_questions.max(1);
        writeln!(
            h,
            "<p class=\"muted\">Overall needs at least {n} answered question{} in every chapter; short: {}.</p>",
            plural(n),
            escape(&o.lacking.join(", "))
        )?;
    }
    Ok(())
}

fn chapters(r: &Readiness, h: &mut String) -> std::fmt::Result {
    writeln!(h, "<section>\n<h2>Score per chapter</h2>")?;
    // The bars are HTML laid out by a CSS grid rather than an SVG of fixed proportions, so that
    // text keeps its size at any width: label, bar and value side by side on a wide screen,
    // the label above its bar on a phone (see `.bars` in STYLE).
    let marks: String = [r.thresholds.close, r.thresholds.ready]
        .iter()
        .map(|&v| format!("<span class=\"mark\" style=\"left: {}%\"></span>", pct(v)))
        .collect();
    writeln!(
        h,
        "<div class=\"bars\" role=\"img\" aria-label=\"Mean latest score per chapter\">"
    )?;
    // The thresholds' names over the track, so a bar's verdict can be read against them.
    write!(
        h,
        "<span class=\"bar-label blank\"></span><span class=\"scale\">"
    )?;
    for (side, label, v) in [
        ("lo", "close", r.thresholds.close),
        ("hi", "ready", r.thresholds.ready),
    ] {
        write!(
            h,
            "<span class=\"{side}\" style=\"left: {}%\">{label} {}</span>",
            pct(v),
            format_threshold(v)
        )?;
    }
    writeln!(h, "</span><span class=\"bar-value blank\"></span>")?;
    for c in &r.chapters {
        writeln!(
            h,
            "<span class=\"bar-label\" title=\"{title}\">{title}</span><span class=\"track\" title=\"{title}: {} ({})\"><span class=\"bar {}\" style=\"width: {}%\"></span>{marks}</span><span class=\"bar-value\">{} · {}</span>",
            score(c.mean),
            c.verdict.label(),
            class(c.verdict),
            pct(c.mean.unwrap_or(0.0)),
            score(c.mean),
            escape(&verdict_with_basis(c.verdict, c.seen, c.questions)),
            title = escape(&c.title),
        )?;
    }
    writeln!(h, "</div>")?;

    writeln!(
        h,
        "<div class=\"scroll\"><table>\n<thead><tr><th class=\"num wide\">#</th><th>Chapter</th><th class=\"num\">Seen</th><th class=\"num\">Score</th><th>Verdict</th></tr></thead>\n<tbody>"
    )?;
    for c in &r.chapters {
        writeln!(
            h,
            "<tr><td class=\"num wide\">{}</td><td>{} <span class=\"muted id\">({})</span></td><td class=\"num\">{}/{}</td><td class=\"num\">{}</td><td><span class=\"badge {}\">{}</span></td></tr>",
            c.number,
            escape(&c.title),
            escape(&c.id),
            c.seen,
            c.questions,
            score(c.mean),
            class(c.verdict),
            c.verdict.label()
        )?;
    }
    writeln!(h, "</tbody>\n</table></div>")?;
    writeln!(h, "<p class=\"rule\">Rule: {}.</p>", escape(&r.rule))?;
    writeln!(h, "</section>")
}

/// A score as a percentage of the track, for CSS.
fn pct(score: f64) -> String {
    format!("{:.1}", score.clamp(0.0, 100.0))
}

fn format_threshold(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// Geometry of one chapter's score-over-time chart.
const TREND_W: f64 = 300.0;
const TREND_H: f64 = 150.0;
const PAD_L: f64 = 30.0;
const PAD_R: f64 = 12.0;
const PAD_T: f64 = 10.0;
const PAD_B: f64 = 24.0;

fn trends(r: &Readiness, h: &mut String) -> std::fmt::Result {
    writeln!(h, "<section>\n<h2>Score over time</h2>")?;
    writeln!(
        h,
        "<p class=\"muted\">Each point is the chapter's mean score in one session, oldest on the left.</p>"
    )?;
    writeln!(h, "<div class=\"trends\">")?;
    for c in &r.chapters {
        trend_chart(r, c, h)?;
    }
    writeln!(h, "</div>\n</section>")
}

fn trend_chart(r: &Readiness, c: &ChapterReadiness, h: &mut String) -> std::fmt::Result {
    writeln!(
        h,
        "<figure>\n<figcaption><span>{}</span><span class=\"badge {}\">{}</span></figcaption>",
        escape(&c.title),
        class(c.verdict),
        c.verdict.label()
    )?;
    writeln!(
        h,
        "<svg class=\"chart trend\" viewBox=\"0 0 {TREND_W} {TREND_H}\" role=\"img\" aria-label=\"{} score over time\">",
        escape(&c.title)
    )?;
    let plot_w = TREND_W - PAD_L - PAD_R;
    let plot_h = TREND_H - PAD_T - PAD_B;
    let y_of = |s: f64| PAD_T + plot_h * (1.0 - s.clamp(0.0, 100.0) / 100.0);
    for s in [0.0, 50.0, 100.0] {
        let y = y_of(s);
        writeln!(
            h,
            "<line class=\"grid\" x1=\"{PAD_L}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\"/><text class=\"axis\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{s:.0}</text>",
            TREND_W - PAD_R,
            PAD_L - 5.0,
            y + 4.0
        )?;
    }
    for v in [r.thresholds.close, r.thresholds.ready] {
        let y = y_of(v);
        writeln!(
            h,
            "<line class=\"threshold\" x1=\"{PAD_L}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\"/>",
            TREND_W - PAD_R
        )?;
    }
    let n = c.trend.len();
    if n == 0 {
        writeln!(
            h,
            "<text class=\"axis\" x=\"{}\" y=\"{:.1}\" text-anchor=\"middle\">no answers yet</text>",
            PAD_L + plot_w / 2.0,
            // Between the grid lines, so no line runs through the words.
            y_of(25.0) + 4.0
        )?;
    } else {
        let x_of = |i: usize| {
            if n == 1 {
                PAD_L + plot_w / 2.0
            } else {
                PAD_L + plot_w * i as f64 / (n - 1) as f64
            }
        };
        let points: Vec<String> = c
            .trend
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x_of(i), y_of(p.mean)))
            .collect();
        if n > 1 {
            writeln!(
                h,
                "<polyline class=\"line\" points=\"{}\"/>",
                points.join(" ")
            )?;
        }
        for (i, p) in c.trend.iter().enumerate() {
            let v = r.thresholds.verdict(usize::MAX, Some(p.mean));
            writeln!(
                h,
                "<circle class=\"dot {}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\"><title>{}: {:.1} ({} answer{})</title></circle>",
                class(v),
                x_of(i),
                y_of(p.mean),
                escape(&p.date),
                p.mean,
                p.answered,
                plural(p.answered)
            )?;
        }
        let first = &c.trend[0].date;
        let last = &c.trend[n - 1].date;
        let base = TREND_H - 6.0;
        if n == 1 {
            writeln!(
                h,
                "<text class=\"axis\" x=\"{:.1}\" y=\"{base}\" text-anchor=\"middle\">{}</text>",
                x_of(0),
                escape(first)
            )?;
        } else {
            writeln!(
                h,
                "<text class=\"axis\" x=\"{PAD_L}\" y=\"{base}\">{}</text><text class=\"axis\" x=\"{}\" y=\"{base}\" text-anchor=\"end\">{}</text>",
                escape(first),
                TREND_W - PAD_R,
                escape(last)
            )?;
        }
    }
    writeln!(h, "</svg>\n</figure>")
}

fn missed(r: &Readiness, h: &mut String) -> std::fmt::Result {
    if r.chapters.iter().all(|c| c.missed.is_empty()) {
        return Ok(());
    }
    writeln!(
        h,
        "<section>\n<h2>Bullets most often missed</h2>\n<ul class=\"missed\">"
    )?;
    for c in r.chapters.iter().filter(|c| !c.missed.is_empty()) {
        for b in &c.missed {
            writeln!(
                h,
                "<li><strong>{}</strong> Q{}: {} <span class=\"muted\">(missed {} of {})</span></li>",
                escape(&c.title),
                b.question,
                rich(&b.bullet),
                b.missed,
                b.answers
            )?;
        }
    }
    writeln!(h, "</ul>\n</section>")
}

fn weakest(r: &Readiness, h: &mut String) -> std::fmt::Result {
    if r.weakest.is_empty() {
        return Ok(());
    }
    writeln!(
        h,
        "<section>\n<h2>Weakest questions</h2>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">Q</th><th>Chapter</th><th class=\"num\">Latest</th><th class=\"num wide\">Answers</th><th class=\"wide\">Last</th><th>Prompt</th></tr></thead>\n<tbody>"
    )?;
    for q in &r.weakest {
        writeln!(
            h,
            "<tr><td class=\"num\">{}</td><td class=\"nowrap\">{}</td><td class=\"num\">{}</td><td class=\"num wide\">{}</td><td class=\"nowrap wide\">{}</td><td>{}</td></tr>",
            q.id,
            escape(&q.chapter),
            whole(q.latest),
            q.attempts,
            escape(&q.last_seen),
            rich(&q.prompt)
        )?;
    }
    writeln!(h, "</tbody>\n</table></div>\n</section>")
}

fn practise(r: &Readiness, h: &mut String) -> std::fmt::Result {
    let p = &r.practice;
    if p.questions.is_empty() {
        return Ok(());
    }
    writeln!(h, "<section>\n<h2>What to practise next</h2>")?;
    let chapters: Vec<String> = p
        .chapters
        .iter()
        .map(|c| format!("{} ({})", escape(&c.title), c.questions))
        .collect();
    writeln!(
        h,
        "<p>{} due now, {} new left today. Chapters (of the next {PRACTICE_WINDOW} questions): {}.</p>\n<ul>",
        p.due_now,
        p.new_left,
        chapters.join(", ")
    )?;
    for q in &p.questions {
        let why = match (q.latest, &q.due, &q.due_in) {
            (Some(s), Some(d), Some(r)) => format!(
                "latest {}, due <span class=\"id\">{}</span> ({})",
                whole(s),
                escape(d),
                escape(r)
            ),
            _ => "unseen".to_string(),
        };
        writeln!(
            h,
            "<li>Q{} <span class=\"muted id\">({})</span>: {} <span class=\"muted\">— {why}</span></li>",
            q.id,
            escape(&q.chapter),
            rich(&q.prompt)
        )?;
    }
    writeln!(
        h,
        "</ul>\n<p>Practise them with <code>{}</code>.</p>\n</section>",
        escape(&p.command)
    )
}

fn disagreements(r: &Readiness, h: &mut String) -> std::fmt::Result {
    if r.disagreements.is_empty() {
        return Ok(());
    }
    writeln!(
        h,
        "<section>\n<h2>Your rating and grill's score disagree most</h2>\n<ul class=\"disagree\">"
    )?;
    for d in &r.disagreements {
        writeln!(
            h,
            "<li>Q{} scored <strong>{}</strong> (grill suggests {}), you rated <strong>{}</strong>: {} <span class=\"muted\">(session <span class=\"id\">{}</span>)</span></li>",
            d.id,
            whole(d.score),
            d.suggested,
            d.rating,
            rich(&d.prompt),
            escape(&d.session)
        )?;
    }
    writeln!(h, "</ul>\n</section>")
}

/// How many questions fall due on each of the next days: a column a day, as Anki's "future
/// due" draws it; HTML and CSS, so the labels keep their size on a phone.
fn forecast(r: &Readiness, h: &mut String) -> std::fmt::Result {
    if r.forecast.is_empty() {
        return Ok(());
    }
    let n = r.forecast.len();
    writeln!(h, "<section>\n<h2>Due in the next {n} days</h2>")?;
    writeln!(h, "<p>{}</p>", escape(&forecast_line(r)))?;
    let most = r.forecast.iter().map(|d| d.due).max().unwrap_or(0);
    if most == 0 {
        return writeln!(h, "</section>");
    }
    writeln!(
        h,
        "<ol class=\"forecast\" aria-label=\"Questions due on each of the next {n} days\">"
    )?;
    for (i, d) in r.forecast.iter().enumerate() {
        // A day with any due keeps a sliver of bar, so it never reads as none.
        let height = if d.due == 0 {
            0.0
        } else {
            (d.due as f64 * 100.0 / most as f64).max(2.0)
        };
        writeln!(
            h,
            "<li{} title=\"{}: {} due\"><span class=\"count\">{}</span><span class=\"col\"><span class=\"fill\" style=\"height: {height:.1}%\"></span></span><span class=\"wd\">{}</span><span class=\"md\">{}</span></li>",
            if i == 0 { " class=\"today\"" } else { "" },
            d.date,
            d.due,
            d.due,
            d.date.strftime("%a"),
            d.date.day()
        )?;
    }
    writeln!(h, "</ol>\n</section>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_code_spans() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(rich("use `a<b` now"), "use <code>a&lt;b</code> now");
    }
}
