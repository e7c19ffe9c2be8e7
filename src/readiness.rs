//! The readiness report as data: every figure computed from the saved sessions, before any
//! rendering, so the text, JSON, Markdown and HTML forms cannot disagree.
//!
//! The rules (also in the README, "Readiness report"):
//! - Sessions count when they were drawn from the current bank (same title); other banks'
//!   sessions are left out and counted in `sessions.other_banks`. Answers to questions that are
//!   no longer in the bank are left out and counted in `left_out_answers`.
//! - A question is seen when it was answered at least once (an `unanswered` item, drawn but
//!   never reached, does not count). Its score is the score of its latest answer.
//! - A chapter's score is the mean of its seen questions' latest scores, rounded to a whole
//!   number (halves up); the verdict applies the thresholds to that rounded figure, the one
//!   every form shows.
//! - Overall, the same mean over every seen question of the chosen chapters; its verdict is "not
//!   enough data" while any chosen chapter has too little data, since an interview can ask any of
//!   them.
//! - The forecast counts the seen questions of the chosen chapters falling due on each of the
//!   next days, as `grill schedule` does; the command makes it from the history's cards
//!   ([`Builder::forecast_from`]), so `--last` and `--since` do not hide what falls due.

use std::collections::HashMap;

use serde::Serialize;

use crate::bank::Bank;
use crate::error::{Error, Result};
use crate::history::record::{Outcome, SessionRecord};
use crate::practice;
use crate::scoring::Status;
use crate::words::plural;

/// The forms of `grill report` on stdout (`cli` gives it clap's value parsing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    /// For the terminal (bars and colour when it is one).
    #[default]
    Text,
    /// Machine-readable.
    Json,
    /// To paste into notes.
    Markdown,
}

/// The version of the JSON report (`grill report --format json`); fields may be added, never
/// renamed or removed.
pub const REPORT_FORMAT: u32 = 1;
/// How many questions the "weakest" list holds.
pub const WEAKEST: usize = 5;
/// How many often-missed bullets each chapter lists.
pub const MISSED_PER_CHAPTER: usize = 3;
/// How many questions "what to practise next" lists.
pub const PRACTICE_QUESTIONS: usize = 5;
/// How many of the planned questions decide the chapters to practise.
pub const PRACTICE_WINDOW: usize = 10;

/// The verdict thresholds, checked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// "ready" at this score and above.
    pub ready: f64,
    /// "close" at this score and above (below `ready`); "not yet" below it.
    pub close: f64,
    /// A chapter with fewer answered questions has "not enough data".
    pub min_questions: usize,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            ready: 75.0,
            close: 50.0,
            min_questions: 3,
        }
    }
}

impl Thresholds {
    /// Checks the thresholds: each from 0 to 100, `close` not above `ready`.
    pub fn new(ready: f64, close: f64, min_questions: usize) -> Result<Thresholds> {
        for (flag, v) in [("--ready", ready), ("--close", close)] {
            if !(0.0..=100.0).contains(&v) {
                return Err(Error::input(format!(
                    "{flag} {v} is not a score; give a number from 0 to 100"
                )));
            }
        }
        if close > ready {
            return Err(Error::input(format!(
                "--close {close} is above --ready {ready}; \"close\" must start at or below \"ready\" (defaults: --ready 75 --close 50)"
            )));
        }
        Ok(Thresholds {
            ready,
            close,
            min_questions,
        })
    }

    /// The verdict for `answered` questions with mean score `mean`.
    pub fn verdict(&self, answered: usize, mean: Option<f64>) -> Verdict {
        match mean {
            Some(m) if answered >= self.min_questions.max(1) => {
                if m >= self.ready {
                    Verdict::Ready
                } else if m >= self.close {
                    Verdict::Close
                } else {
                    Verdict::NotYet
                }
            }
            _ => Verdict::NotEnoughData,
        }
    }

    /// The rule in words, as every form of the report prints it.
    pub fn rule(&self) -> String {
        let n = self.min_questions.max(1);
        format!(
            "a chapter's score is the mean of its questions' latest scores: ready at {} and above, \
             close from {}, not yet below {}; fewer than {n} question{} answered: not enough data",
            num(self.ready),
            num(self.close),
            num(self.close),
            plural(n)
        )
    }
}

/// A threshold as written: no decimals when whole.
fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// A readiness verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// At or above the "ready" threshold.
    Ready,
    /// At or above the "close" threshold.
    Close,
    /// Below the "close" threshold.
    NotYet,
    /// Too few questions answered to judge.
    NotEnoughData,
}

impl Verdict {
    /// The verdict in at most 7 columns, for narrow terminals ("too few" for not enough data).
    pub fn short_label(self) -> &'static str {
        match self {
            Verdict::NotEnoughData => "too few",
            v => v.label(),
        }
    }

    /// The verdict in words.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Ready => "ready",
            Verdict::Close => "close",
            Verdict::NotYet => "not yet",
            Verdict::NotEnoughData => "not enough data",
        }
    }
}

/// A verdict in words, saying how much of the chapter it rests on when that is less than half:
/// `ready (3 of 20 seen)`. A full answer to every question is not needed for a verdict, but a
/// reader should not take "ready" on three questions for the whole chapter.
pub fn verdict_with_basis(verdict: Verdict, seen: usize, questions: usize) -> String {
    match verdict {
        Verdict::Ready | Verdict::Close | Verdict::NotYet if seen * 2 < questions => {
            format!("{} ({seen} of {questions} seen)", verdict.label())
        }
        v => v.label().to_string(),
    }
}

/// Which sessions and chapters a report covers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only the last N sessions (of this bank, after `since`).
    pub last: Option<usize>,
    /// Only sessions started on or after this day, in the report's time zone.
    pub since: Option<jiff::civil::Date>,
    /// Only these chapters (indices into the bank); empty means all.
    pub chapters: Vec<usize>,
}

/// Everything a report is built from besides the bank and the sessions.
#[derive(Debug, Clone)]
pub struct Options {
    /// Which sessions and chapters.
    pub filter: Filter,
    /// The verdict thresholds.
    pub thresholds: Thresholds,
    /// The time the report is made (for "what to practise next").
    pub now: jiff::Timestamp,
    /// The time zone dates are shown in.
    pub tz: jiff::tz::TimeZone,
}

/// The readiness report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readiness {
    /// `REPORT_FORMAT`.
    pub format: u32,
    /// The bank's title.
    pub bank: String,
    /// When the report was made.
    pub generated_at: jiff::Timestamp,
    /// Which sessions it covers.
    pub sessions: Span,
    /// Why the report is empty, when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub empty: Option<Empty>,
    /// The verdict thresholds.
    pub thresholds: Thresholds,
    /// The verdict rule in words.
    pub rule: String,
    /// One entry per chosen chapter, in bank order.
    pub chapters: Vec<ChapterReadiness>,
    /// The chosen chapters together.
    pub overall: Overall,
    /// The seen questions with the lowest latest scores, lowest first.
    pub weakest: Vec<QuestionStat>,
    /// What to practise next.
    pub practice: Practice,
    /// How many seen questions of the chosen chapters fall due on each of the next
    /// `practice::schedule::FORECAST_DAYS` days, today first (today counts the overdue ones).
    pub forecast: Vec<practice::schedule::ForecastDay>,
    /// Self-rated answers whose rating and grill's score disagree most, largest gap first.
    pub disagreements: Vec<Disagreement>,
    /// Answers left out because their question is no longer in the bank.
    pub left_out_answers: usize,
}

/// The sessions a report covers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    /// Sessions of this bank that passed the filter.
    pub used: usize,
    /// Sessions saved in all (every bank).
    pub saved: usize,
    /// Saved sessions of other banks.
    pub other_banks: usize,
    /// Sessions of this bank left out by `--last` or `--since`.
    pub filtered_out: usize,
    /// The day of the first session used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// The day of the last session used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
}

/// Why a report has no sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Empty {
    /// Nothing saved yet.
    NoHistory,
    /// Sessions are saved, but of other banks only.
    OtherBanksOnly,
    /// `--last`/`--since` left no session.
    FilteredOut,
}

impl Empty {
    /// What to tell the user.
    pub fn message(self, span: &Span, bank: &str) -> String {
        match self {
            Empty::NoHistory => {
                "No sessions saved yet. Start a mock interview with `grill` (or `grill start`); \
                 each session is saved, and `grill report` then shows your readiness."
                    .to_string()
            }
            Empty::OtherBanksOnly => format!(
                "No sessions of the bank \"{bank}\" yet ({} saved session{} of other banks). \
                 Start one with `grill` (or `grill start`), or choose their bank with `--bank`.",
                span.other_banks,
                plural(span.other_banks)
            ),
            Empty::FilteredOut => format!(
                "No session matches --last/--since ({} session{} of \"{bank}\" saved); widen the filter or drop it.",
                span.filtered_out,
                plural(span.filtered_out)
            ),
        }
    }
}

/// One chapter's readiness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChapterReadiness {
    /// 1-based chapter number.
    pub number: usize,
    /// The chapter id.
    pub id: String,
    /// The chapter title.
    pub title: String,
    /// Questions in the chapter.
    pub questions: usize,
    /// Questions answered at least once.
    pub seen: usize,
    /// Mean of the seen questions' latest scores, a whole number; none when nothing was seen.
    pub mean: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// The chapter's mean score in each of the last [`TREND_KEPT`] sessions that asked it,
    /// oldest first.
    pub trend: Vec<TrendPoint>,
    /// The bullets missed most often, most first.
    pub missed: Vec<MissedBullet>,
}

/// How many sessions a chapter's trend keeps, the latest: a bound on what a report holds
/// whatever the history's length. The terminal's sparkline and Markdown show fewer; the HTML
/// chart and `--json` show these, and README says a trend is the last 100 sessions.
pub const TREND_KEPT: usize = 100;

/// A chapter's mean score in one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    /// The session id.
    pub session: String,
    /// The session's day.
    pub date: String,
    /// The mean score of the chapter's answers in that session, a whole number.
    pub mean: f64,
    /// How many of the chapter's questions it answered.
    pub answered: usize,
}

/// A reference bullet and how often it was missed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissedBullet {
    /// The question it belongs to.
    pub question: u32,
    /// The bullet's text.
    pub bullet: String,
    /// Answers that missed it (coverage below the "partly" band).
    pub missed: usize,
    /// Answers to its question.
    pub answers: usize,
}

/// One question's standing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStat {
    /// The question id.
    pub id: u32,
    /// Its chapter id.
    pub chapter: String,
    /// Its prompt (as in the bank).
    pub prompt: String,
    /// The latest score.
    pub latest: f64,
    /// How many times it was answered.
    pub attempts: usize,
    /// The day it was last answered.
    pub last_seen: String,
}

/// The chosen chapters together.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overall {
    /// Questions in the chosen chapters.
    pub questions: usize,
    /// Of those, answered at least once.
    pub seen: usize,
    /// Mean of all their latest scores, one decimal.
    pub mean: Option<f64>,
    /// The verdict.
    pub verdict: Verdict,
    /// Chapter ids with too little data (why the overall verdict may be "not enough data").
    pub lacking: Vec<String>,
}

/// An answer whose self-rating and score disagree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The session id.
    pub session: String,
    /// The question id.
    pub id: u32,
    /// The question's prompt.
    pub prompt: String,
    /// grill's score.
    pub score: f64,
    /// The candidate's rating.
    pub rating: crate::fsrs::Rating,
    /// What grill's score suggested.
    pub suggested: crate::fsrs::Rating,
    /// The rating's figure minus the score: above 0, the candidate rated higher than grill.
    pub gap: f64,
}

/// How many disagreements the report lists.
pub const DISAGREEMENTS: usize = 5;

/// What to practise next, from the spaced-repetition queue (`practice::queue`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Practice {
    /// How many questions of the chosen chapters are due now.
    pub due_now: usize,
    /// How many new questions the day still allows (of `practice::NEW_PER_DAY`).
    pub new_left: usize,
    /// Chapters among the next questions of the plan, in plan order, with how many.
    pub chapters: Vec<PracticeChapter>,
    /// The next questions of the plan.
    pub questions: Vec<PracticeQuestion>,
    /// The command that practises them.
    pub command: String,
}

/// A chapter to practise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeChapter {
    /// The chapter id.
    pub id: String,
    /// The chapter title.
    pub title: String,
    /// How many of the next `PRACTICE_WINDOW` planned questions are in it.
    pub questions: usize,
}

/// A question to practise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PracticeQuestion {
    /// The question id.
    pub id: u32,
    /// Its chapter id.
    pub chapter: String,
    /// Its prompt.
    pub prompt: String,
    /// Its latest score; none when unseen.
    pub latest: Option<f64>,
    /// The day it was last answered; none when unseen.
    pub last_seen: Option<String>,
    /// FSRS retrievability now (0 to 1), none when unseen.
    pub recall: Option<f64>,
    /// FSRS stability in days, none when unseen.
    pub stability: Option<f64>,
    /// FSRS difficulty (1 to 10), none when unseen.
    pub difficulty: Option<f64>,
    /// When it is (or was) due, none when unseen.
    pub due_at: Option<jiff::Timestamp>,
    /// The day it is (or was) due, none when unseen.
    pub due: Option<String>,
    /// When it is due, said from the report's time: "in 7 min", "tomorrow 09:14", "3 days
    /// overdue"; none when unseen.
    pub due_in: Option<String>,
}

/// A score as a whole number, halves rounded up (`{:.0}` would round 82.5 to even, 82).
pub fn whole(v: f64) -> String {
    format!("{:.0}", v.round())
}

/// Rounds to two decimals.
fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Rounds to one decimal.
fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The mean as a whole number, halves up: the figure every form shows (`grill history` too),
/// so the verdict, which applies the thresholds to it, always agrees with what is read.
fn mean(values: impl IntoIterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| (sum / n as f64).round())
}

/// The sessions of `bank` that pass `filter`, oldest first, and the span they make.
pub fn select<'a>(
    bank: &Bank,
    sessions: &'a [SessionRecord],
    filter: &Filter,
    tz: &jiff::tz::TimeZone,
) -> (Vec<&'a SessionRecord>, Span) {
    let mut mine: Vec<&SessionRecord> = sessions
        .iter()
        .filter(|s| practice::same_bank(bank, s))
        .collect();
    mine.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
    let of_bank = mine.len();
    if let Some(since) = filter.since {
        mine.retain(|s| s.started_at.to_zoned(tz.clone()).date() >= since);
    }
    if let Some(n) = filter.last {
        let drop = mine.len().saturating_sub(n);
        mine.drain(..drop);
    }
    let day = |s: &&SessionRecord| day(s.started_at, tz);
    let span = Span {
        used: mine.len(),
        saved: sessions.len(),
        other_banks: sessions.len() - of_bank,
        filtered_out: of_bank - mine.len(),
        first: mine.first().map(day),
        last: mine.last().map(day),
    };
    (mine, span)
}

/// The day of `t` in `tz`, as YYYY-MM-DD.
pub fn day(t: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    t.to_zoned(tz.clone()).date().to_string()
}

/// Builds the report of `bank` from `sessions` (all saved sessions; the filter is applied here).
pub fn build(bank: &Bank, sessions: &[SessionRecord], opts: &Options) -> Readiness {
    let (used, span) = select(bank, sessions, &opts.filter, &opts.tz);
    let mut builder = Builder::new(bank, opts);
    for s in used {
        builder.add(s);
    }
    builder.finish(Counts {
        saved: span.saved,
        other_banks: span.other_banks,
        filtered_out: span.filtered_out,
    })
}

/// How many sessions the history holds besides those a report is built from: the report says
/// why it used what it used.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Sessions saved in all (every bank).
    pub saved: usize,
    /// Saved sessions of other banks.
    pub other_banks: usize,
    /// Sessions of this bank left out by `--last` or `--since`.
    pub filtered_out: usize,
}

/// A report made one session at a time, oldest first, so a history of any length is read
/// without holding it: what the report keeps per session is a trend point per chapter.
pub struct Builder<'a> {
    bank: &'a Bank,
    index: crate::bank::Index<'a>,
    opts: &'a Options,
    scheduler: crate::fsrs::Scheduler,
    seen: HashMap<u32, practice::Seen>,
    trends: HashMap<usize, std::collections::VecDeque<TrendPoint>>,
    missed: Tallies,
    left_out: usize,
    disagreements: Vec<Disagreement>,
    cards: Option<HashMap<u32, practice::Seen>>,
    used: usize,
    first: Option<String>,
    last: Option<String>,
}

impl<'a> Builder<'a> {
    /// A report of `bank` with `opts` (its filter's chapters; the sessions are chosen by the
    /// caller), before any session.
    pub fn new(bank: &'a Bank, opts: &'a Options) -> Builder<'a> {
        Builder {
            bank,
            index: bank.index(),
            opts,
            scheduler: crate::fsrs::Scheduler::default(),
            seen: HashMap::new(),
            trends: HashMap::new(),
            missed: HashMap::new(),
            left_out: 0,
            disagreements: Vec::new(),
            cards: None,
            used: 0,
            first: None,
            last: None,
        }
    }

    /// The same builder scheduling with `scheduler` (the history's own weights) instead of
    /// FSRS-6's defaults.
    pub fn with_scheduler(self, scheduler: crate::fsrs::Scheduler) -> Self {
        Builder { scheduler, ..self }
    }

    /// Counts session `s`, the next in time, of the report's bank (others are left out).
    pub fn add(&mut self, s: &SessionRecord) {
        if !practice::same_bank(self.bank, s) {
            return;
        }
        self.used += 1;
        let d = day(s.started_at, &self.opts.tz);
        self.first.get_or_insert_with(|| d.clone());
        self.last = Some(d);
        practice::fold(&mut self.seen, &self.index, s, &self.scheduler);
        self.walk(s);
        self.disagree(s);
    }

    /// Makes the forecast from `cards`, every question's memory as the history keeps it
    /// (`commands::seen`), rather than from the sessions the report covers: `--last` and
    /// `--since` choose what is judged, not what falls due. Without it (a report built from
    /// sessions alone) the forecast comes from those sessions, like "what to practise next".
    pub fn forecast_from(&mut self, cards: HashMap<u32, practice::Seen>) {
        self.cards = Some(cards);
    }

    /// The report, with the history's other sessions counted in `counts`.
    pub fn finish(mut self, counts: Counts) -> Readiness {
        let span = Span {
            used: self.used,
            saved: counts.saved,
            other_banks: counts.other_banks,
            filtered_out: counts.filtered_out,
            first: self.first.take(),
            last: self.last.take(),
        };
        self.report(span)
    }
}

/// (chapter, question, bullet text) -> (missed, answers, first-seen order).
type Tallies = HashMap<(usize, u32, String), (usize, usize, usize)>;

impl Builder<'_> {
    /// The session's trend point in each chapter it answered in, and its tallies of missed
    /// bullets; answers to questions no longer in the bank are counted as left out.
    fn walk(&mut self, s: &SessionRecord) {
        let mut per_chapter: HashMap<usize, Vec<f64>> = HashMap::new();
        for item in &s.items {
            if item.outcome == Outcome::Unanswered {
                continue;
            }
            let Some(loc) = self.index.get(item.question_id) else {
                self.left_out += 1;
                continue;
            };
            per_chapter
                .entry(loc.chapter_index)
                .or_default()
                .push(practice::counted_score(item));
            for b in &item.assessment.bullets {
                let order = self.missed.len();
                let e = self
                    .missed
                    .entry((loc.chapter_index, item.question_id, b.bullet.clone()))
                    .or_insert((0, 0, order));
                e.1 += 1;
                if b.status() == Status::Missed {
                    e.0 += 1;
                }
            }
        }
        // In chapter order, so the points of a session come out the same on every run.
        let mut chapters: Vec<_> = per_chapter.into_iter().collect();
        chapters.sort_by_key(|(ci, _)| *ci);
        for (ci, scores) in chapters {
            let trend = self.trends.entry(ci).or_default();
            if trend.len() == TREND_KEPT {
                trend.pop_front();
            }
            trend.push_back(TrendPoint {
                session: s.id.clone(),
                date: day(s.started_at, &self.opts.tz),
                mean: mean(scores.iter().copied()).unwrap_or(0.0),
                answered: scores.len(),
            });
        }
    }

    /// The session's answers whose self-rating disagrees with grill's score; only the largest
    /// gaps are kept, so a long history holds a bounded list.
    fn disagree(&mut self, s: &SessionRecord) {
        let chapters = &self.opts.filter.chapters;
        for i in &s.items {
            // Of the chosen chapters only (`--chapter`), as every other part of the report.
            let Some(loc) = self.index.get(i.question_id) else {
                continue;
            };
            if !chapters.is_empty() && !chapters.contains(&loc.chapter_index) {
                continue;
            }
            let Some(rating) = i.rating else { continue };
            // A card turned over without an answer (study's Enter, an empty answer) has no
            // score to disagree with.
            if i.answer.trim().is_empty() {
                continue;
            }
            let suggested = practice::rating_for_score(i.score());
            if rating != suggested {
                self.disagreements.push(Disagreement {
                    session: s.id.clone(),
                    id: i.question_id,
                    prompt: i.prompt.clone(),
                    score: i.score(),
                    rating,
                    suggested,
                    gap: round1(practice::rating_figure(rating) - i.score()),
                });
            }
        }
        if self.disagreements.len() > 4 * DISAGREEMENTS {
            largest_gaps(&mut self.disagreements);
        }
    }

    /// The report from what the sessions added.
    fn report(mut self, span: Span) -> Readiness {
        let opts = self.opts;
        let bank = self.bank;
        let empty = if span.used > 0 {
            None
        } else if span.saved == 0 {
            Some(Empty::NoHistory)
        } else if span.other_banks == span.saved {
            Some(Empty::OtherBanksOnly)
        } else {
            Some(Empty::FilteredOut)
        };
        let chosen: Vec<usize> = if opts.filter.chapters.is_empty() {
            (0..bank.chapters.len()).collect()
        } else {
            opts.filter.chapters.clone()
        };
        let th = opts.thresholds;
        let chapters: Vec<ChapterReadiness> = chosen
            .iter()
            .map(|&ci| {
                let trend = self.trends.remove(&ci).unwrap_or_default().into();
                chapter(bank, ci, &self.seen, &self.missed, trend, th)
            })
            .collect();
        let (overall, weakest) = overall(bank, &chosen, &self.seen, &chapters, opts);
        largest_gaps(&mut self.disagreements);
        let forecast = practice::schedule::forecast_of(
            bank,
            &chosen,
            self.cards.as_ref().unwrap_or(&self.seen),
            opts.now,
            &opts.tz,
        );
        Readiness {
            format: REPORT_FORMAT,
            bank: bank.title.clone(),
            generated_at: opts.now,
            sessions: span,
            empty,
            thresholds: th,
            rule: th.rule(),
            chapters,
            overall,
            weakest,
            practice: practice_next(bank, &chosen, &self.seen, &self.scheduler, opts),
            forecast,
            disagreements: self.disagreements,
            left_out_answers: self.left_out,
        }
    }
}

/// The whole bank's figures and verdict over the chosen chapters, and its weakest questions.
fn overall(
    bank: &Bank,
    chosen: &[usize],
    seen: &HashMap<u32, practice::Seen>,
    chapters: &[ChapterReadiness],
    opts: &Options,
) -> (Overall, Vec<QuestionStat>) {
    let th = opts.thresholds;
    let mut stats: Vec<QuestionStat> = bank
        .questions()
        .filter(|l| chosen.contains(&l.chapter_index))
        .filter_map(|l| {
            seen.get(&l.question.id).map(|s| QuestionStat {
                id: l.question.id,
                chapter: l.chapter.id.clone(),
                prompt: l.question.prompt.clone(),
                latest: s.latest,
                attempts: s.attempts,
                last_seen: day(s.last_seen, &opts.tz),
            })
        })
        .collect();
    let overall_mean = mean(stats.iter().map(|q| q.latest));
    let lacking: Vec<String> = chapters
        .iter()
        .filter(|c| c.verdict == Verdict::NotEnoughData)
        .map(|c| c.id.clone())
        .collect();
    let overall = Overall {
        questions: chapters.iter().map(|c| c.questions).sum(),
        seen: stats.len(),
        mean: overall_mean,
        verdict: if lacking.is_empty() {
            th.verdict(stats.len(), overall_mean)
        } else {
            Verdict::NotEnoughData
        },
        lacking,
    };
    stats.sort_by(|a, b| a.latest.total_cmp(&b.latest).then(a.id.cmp(&b.id)));
    stats.truncate(WEAKEST);
    (overall, stats)
}

/// Keeps the largest disagreements, largest gap first (then by session and question).
fn largest_gaps(out: &mut Vec<Disagreement>) {
    out.sort_by(|a, b| {
        b.gap
            .abs()
            .total_cmp(&a.gap.abs())
            .then(a.session.cmp(&b.session))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(DISAGREEMENTS);
}

/// One chapter's figures: its seen questions' latest scores, the verdict, its trend and its
/// most missed bullets.
fn chapter(
    bank: &Bank,
    ci: usize,
    seen: &HashMap<u32, practice::Seen>,
    missed: &Tallies,
    trend: Vec<TrendPoint>,
    th: Thresholds,
) -> ChapterReadiness {
    let c = &bank.chapters[ci];
    let latest: Vec<f64> = c
        .questions
        .iter()
        .filter_map(|q| seen.get(&q.id).map(|s| s.latest))
        .collect();
    let m = mean(latest.iter().copied());
    let mut bullets: Vec<(MissedBullet, usize)> = missed
        .iter()
        .filter(|((mc, _, _), (n, _, _))| *mc == ci && *n > 0)
        .map(|((_, q, text), &(n, answers, order))| {
            (
                MissedBullet {
                    question: *q,
                    bullet: text.clone(),
                    missed: n,
                    answers,
                },
                order,
            )
        })
        .collect();
    // Most missed first; then by question and the bullet's place in it, for a stable order.
    bullets.sort_by(|a, b| {
        b.0.missed
            .cmp(&a.0.missed)
            .then(a.0.question.cmp(&b.0.question))
            .then(a.1.cmp(&b.1))
    });
    ChapterReadiness {
        number: ci + 1,
        id: c.id.clone(),
        title: c.title.clone(),
        questions: c.questions.len(),
        seen: latest.len(),
        mean: m,
        verdict: th.verdict(latest.len(), m),
        trend,
        missed: bullets
            .into_iter()
            .take(MISSED_PER_CHAPTER)
            .map(|(b, _)| b)
            .collect(),
    }
}

fn practice_next(
    bank: &Bank,
    chosen: &[usize],
    seen: &HashMap<u32, practice::Seen>,
    scheduler: &crate::fsrs::Scheduler,
    opts: &Options,
) -> Practice {
    let new_left =
        practice::NEW_PER_DAY.saturating_sub(practice::new_today(seen, opts.now, &opts.tz));
    let queue = practice::queue(bank, chosen, seen, scheduler, opts.now, new_left);
    let plan = queue.order();
    let mut chapters: Vec<PracticeChapter> = Vec::new();
    for id in plan.iter().take(PRACTICE_WINDOW) {
        let Some(l) = bank.find(*id) else { continue };
        match chapters.iter_mut().find(|c| c.id == l.chapter.id) {
            Some(c) => c.questions += 1,
            None => chapters.push(PracticeChapter {
                id: l.chapter.id.clone(),
                title: l.chapter.title.clone(),
                questions: 1,
            }),
        }
    }
    let questions = plan
        .iter()
        .take(PRACTICE_QUESTIONS)
        .filter_map(|id| bank.find(*id))
        .map(|l| {
            let s = seen.get(&l.question.id);
            PracticeQuestion {
                id: l.question.id,
                chapter: l.chapter.id.clone(),
                prompt: l.question.prompt.clone(),
                latest: s.map(|s| s.latest),
                last_seen: s.map(|s| day(s.last_seen, &opts.tz)),
                recall: s.map(|s| round2(s.retrievability(scheduler, opts.now))),
                stability: s.map(|s| round2(s.memory.stability)),
                difficulty: s.map(|s| round2(s.memory.difficulty)),
                due_at: s.map(|s| s.memory.due),
                due: s.map(|s| day(s.memory.due, &opts.tz)),
                due_in: s.map(|s| crate::time::relative(s.memory.due, opts.now, &opts.tz)),
            }
        })
        .collect();
    let mut command = "grill start --focus due".to_string();
    if chosen.len() < bank.chapters.len() {
        for &ci in chosen {
            command.push_str(&format!(" --chapter {}", bank.chapters[ci].id));
        }
    }
    Practice {
        due_now: queue.due.len(),
        new_left: queue.new.len(),
        chapters,
        questions,
        command,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_thresholds_at_and_just_below() {
        let th = Thresholds::default();
        assert_eq!(th.verdict(3, Some(75.0)), Verdict::Ready);
        // Means are whole numbers, halves up, so 74.5 is shown as 75 and judged ready.
        assert_eq!(mean([74.0, 75.0]), Some(75.0));
        assert_eq!(th.verdict(3, mean([74.0, 75.0])), Verdict::Ready);
        assert_eq!(mean([74.0, 74.8]), Some(74.0));
        assert_eq!(th.verdict(3, Some(74.9)), Verdict::Close);
        assert_eq!(th.verdict(3, Some(50.0)), Verdict::Close);
        assert_eq!(th.verdict(3, Some(49.9)), Verdict::NotYet);
        assert_eq!(th.verdict(2, Some(100.0)), Verdict::NotEnoughData);
        assert_eq!(th.verdict(0, None), Verdict::NotEnoughData);
        // --min-questions 0 still needs one answer to have a mean.
        let th = Thresholds::new(75.0, 50.0, 0).unwrap();
        assert_eq!(th.verdict(1, Some(80.0)), Verdict::Ready);
    }

    #[test]
    fn invalid_thresholds_are_input_errors() {
        let e = Thresholds::new(60.0, 70.0, 3).unwrap_err();
        assert!(
            e.to_string().contains("--close 70 is above --ready 60"),
            "{e}"
        );
        assert_eq!(e.exit(), crate::Exit::BadInput);
        let e = Thresholds::new(120.0, 50.0, 3).unwrap_err();
        assert!(e.to_string().contains("--ready 120"), "{e}");
        let e = Thresholds::new(75.0, f64::NAN, 3).unwrap_err();
        assert!(e.to_string().contains("--close"), "{e}");
        assert!(Thresholds::new(50.0, 50.0, 3).is_ok());
    }

    #[test]
    fn rule_names_the_thresholds() {
        let th = Thresholds::new(80.0, 62.5, 4).unwrap();
        let rule = th.rule();
        assert!(rule.contains("ready at 80 and above"), "{rule}");
        assert!(rule.contains("close from 62.5"), "{rule}");
        assert!(rule.contains("fewer than 4 questions"), "{rule}");
    }
}
