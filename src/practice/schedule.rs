//! The schedule (`grill schedule`): every seen question of the chosen chapters with its FSRS
//! state, when it is due (the time and from now), and the forecast of how many fall due on each
//! of the next days, as Anki's "future due" shows it.

use std::collections::HashMap;

use serde::Serialize;

use crate::bank::Bank;
use crate::fsrs::{Phase, Scheduler};

use super::Seen;

/// How many days the forecast covers, today included.
pub const FORECAST_DAYS: usize = 14;

/// The schedule of a bank at a moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// The bank's title.
    pub bank: String,
    /// When it was made.
    pub now: jiff::Timestamp,
    /// Every seen question of the chosen chapters, soonest due first.
    pub questions: Vec<Scheduled>,
    /// Questions due on each of the next days, today first (today counts the overdue ones).
    pub forecast: Vec<ForecastDay>,
    /// Questions of the chosen chapters never answered.
    pub unseen: usize,
}

/// One seen question's place in the schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scheduled {
    /// The question's id.
    pub id: u32,
    /// Its chapter's id.
    pub chapter: String,
    /// Its prompt.
    pub prompt: String,
    /// Its FSRS state: learning, review or relearning.
    pub state: &'static str,
    /// The rating its latest answer counted with.
    pub last_rating: crate::fsrs::Rating,
    /// When it is due.
    pub due_at: jiff::Timestamp,
    /// The same in the local zone, to the minute.
    pub due: String,
    /// The same, short for a table: month to minute this year ("12-09 14:05"), the date
    /// in another year ("2027-03-01").
    #[serde(skip)]
    pub due_short: String,
    /// The same said from now: "in 7 min", "tomorrow 09:14", "3 days overdue".
    pub due_in: String,
    /// Whether it is due now.
    pub is_due: bool,
    /// FSRS stability, in days.
    pub stability: f64,
    /// FSRS difficulty, 1 to 10.
    pub difficulty: f64,
    /// The chance of recalling it now, 0 to 1.
    pub recall: f64,
    /// Rated answers.
    pub reviews: u32,
    /// Of them rated again.
    pub lapses: u32,
}

/// One day of the forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastDay {
    /// The local day.
    pub date: jiff::civil::Date,
    /// Questions due that day (today: overdue ones too).
    pub due: usize,
}

/// `at` short for a table: month to minute in `now`'s year, the whole date in another.
fn short_date(at: jiff::Timestamp, now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let at = at.to_zoned(tz.clone());
    if at.year() == now.to_zoned(tz.clone()).year() {
        at.strftime("%m-%d %H:%M").to_string()
    } else {
        at.strftime("%Y-%m-%d").to_string()
    }
}

/// The name of a phase in the schedule.
pub fn state_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Learning => "learning",
        Phase::Review => "review",
        Phase::Relearning => "relearning",
    }
}

/// The schedule of the `chapters` of `bank` from what the history has `seen`, at `now` in `tz`.
pub fn schedule(
    bank: &Bank,
    chapters: &[usize],
    seen: &HashMap<u32, Seen>,
    scheduler: &Scheduler,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Schedule {
    let mut questions = Vec::new();
    let mut unseen = 0;
    for l in bank
        .questions()
        .filter(|l| chapters.contains(&l.chapter_index))
    {
        let Some(s) = seen.get(&l.question.id) else {
            unseen += 1;
            continue;
        };
        let m = &s.memory;
        questions.push(Scheduled {
            id: l.question.id,
            chapter: l.chapter.id.clone(),
            prompt: l.question.prompt.clone(),
            state: state_name(m.phase),
            last_rating: s.latest_rating,
            due_at: m.due,
            due: m
                .due
                .to_zoned(tz.clone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string(),
            due_short: short_date(m.due, now, tz),
            due_in: crate::time::relative(m.due, now, tz),
            is_due: s.is_due(now),
            stability: (m.stability * 100.0).round() / 100.0,
            difficulty: (m.difficulty * 100.0).round() / 100.0,
            recall: (s.retrievability(scheduler, now) * 1000.0).round() / 1000.0,
            reviews: m.reviews,
            lapses: m.lapses,
        });
    }
    questions.sort_by(|a, b| a.due_at.cmp(&b.due_at).then(a.id.cmp(&b.id)));
    let forecast = forecast(questions.iter().map(|q| q.due_at), now, tz);
    Schedule {
        bank: bank.title.clone(),
        now,
        questions,
        forecast,
        unseen,
    }
}

/// How many seen questions of the `chapters` of `bank` fall due on each of the next
/// [`FORECAST_DAYS`] local days, today first (today counts the overdue ones): the forecast of
/// [`schedule`] without the rest of the schedule, for the readiness report.
pub fn forecast_of(
    bank: &Bank,
    chapters: &[usize],
    seen: &HashMap<u32, Seen>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Vec<ForecastDay> {
    let dues = bank
        .questions()
        .filter(|l| chapters.contains(&l.chapter_index))
        .filter_map(|l| seen.get(&l.question.id))
        .map(|s| s.memory.due);
    forecast(dues, now, tz)
}

/// How many of the due times `dues` fall on each of the next [`FORECAST_DAYS`] local days.
fn forecast(
    dues: impl Iterator<Item = jiff::Timestamp>,
    now: jiff::Timestamp,
    tz: &jiff::tz::TimeZone,
) -> Vec<ForecastDay> {
    let today = now.to_zoned(tz.clone()).date();
    let mut days: Vec<ForecastDay> = (0..FORECAST_DAYS)
        .map(|d| ForecastDay {
            date: today
                .checked_add(jiff::Span::new().days(d as i64))
                .unwrap_or(today),
            due: 0,
        })
        .collect();
    for due in dues {
        let day = due.to_zoned(tz.clone()).date();
        let offset = (day - today).get_days().max(0) as usize;
        if let Some(d) = days.get_mut(offset) {
            d.due += 1;
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fsrs::Rating;

    #[test]
    fn a_short_date_keeps_the_year_only_when_it_is_another() {
        let at = |s: &str| s.parse::<jiff::Timestamp>().unwrap();
        let utc = jiff::tz::TimeZone::UTC;
        let now = at("2026-12-07T10:00:00Z");
        assert_eq!(
            short_date(at("2026-12-09T14:05:00Z"), now, &utc),
            "12-09 14:05"
        );
        assert_eq!(
            short_date(at("2027-03-01T08:00:00Z"), now, &utc),
            "2027-03-01"
        );
    }

    fn seen_at(rating: Rating, at: &str, scheduler: &Scheduler) -> Seen {
        Seen::first(60.0, rating, at.parse().unwrap(), scheduler)
    }

    #[test]
    fn every_seen_question_soonest_first_with_its_state_and_a_forecast() {
        let bank = Bank::embedded();
        let scheduler = Scheduler::default();
        let tz = jiff::tz::TimeZone::UTC;
        let now: jiff::Timestamp = "2026-12-07T10:00:00Z".parse().unwrap();
        let seen = HashMap::from([
            // Rated good a day ago: in review, due in a few days.
            (1, seen_at(Rating::Good, "2026-12-06T10:00:00Z", &scheduler)),
            // Rated again 5 minutes ago: learning, due in 5 minutes.
            (
                2,
                seen_at(Rating::Again, "2026-12-07T09:55:00Z", &scheduler),
            ),
            // Rated again long ago: overdue, due today in the forecast.
            (
                3,
                seen_at(Rating::Again, "2026-12-01T09:00:00Z", &scheduler),
            ),
        ]);
        let s = schedule(&bank, &[0], &seen, &scheduler, now, &tz);
        let ids: Vec<u32> = s.questions.iter().map(|q| q.id).collect();
        assert_eq!(ids, [3, 2, 1]);
        assert_eq!(s.questions[0].due_in, "6 days overdue");
        assert!(s.questions[0].is_due);
        assert_eq!(s.questions[1].state, "learning");
        assert_eq!(s.questions[1].due_in, "in 5 min");
        assert_eq!(s.questions[2].state, "review");
        assert!(!s.questions[2].is_due);
        assert_eq!(s.unseen, 17);
        assert_eq!(s.forecast.len(), FORECAST_DAYS);
        assert_eq!(
            s.forecast[0].due, 2,
            "the overdue one and the one due in 5 minutes"
        );
        assert_eq!(s.forecast.iter().map(|d| d.due).sum::<usize>(), 3);
        assert_eq!(s.forecast[1].date.to_string(), "2026-12-08");
        // The report's forecast is the same days, of the same chapters.
        assert_eq!(forecast_of(&bank, &[0], &seen, now, &tz), s.forecast);
        let other = forecast_of(&bank, &[1], &seen, now, &tz);
        assert_eq!(other.iter().map(|d| d.due).sum::<usize>(), 0);
    }
}
