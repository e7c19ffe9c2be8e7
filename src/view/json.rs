//! JSON forms of the views that list or show things: `history list`, `bank list`, `bank show`,
//! `bank chapters`, `bank search` and `start --dry-run` (and the version `score --json` carries).
//!
//! Each document opens with `"format": VIEW_FORMAT`, as the report (`REPORT_FORMAT`), the
//! session record (`RECORD_FORMAT`) and the history export do, so a script can tell a layout it
//! knows from a newer one. `history show --json` prints the session record itself, which has its
//! own `format`.

use std::io::Write;

use serde::Serialize;

use crate::bank::Bank;
use crate::error::Result;
use crate::history::record::SessionStatus;
use crate::scoring::search::Found;

/// The version of these JSON views; fields may be added, never renamed or removed.
pub const VIEW_FORMAT: u32 = 1;

/// Writes `value` as pretty JSON and a newline.
pub fn write<T: Serialize>(value: &T, out: &mut dyn Write) -> Result<()> {
    out.write_all(crate::output::json("the view", value)?.as_bytes())?;
    Ok(())
}

/// `grill history list --json`.
#[derive(Debug, Serialize)]
pub struct HistoryList<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The sessions, oldest first, as `grill history` numbers them.
    pub sessions: Vec<SessionSummary<'a>>,
}

/// One row of `grill history`.
#[derive(Debug, Serialize)]
pub struct SessionSummary<'a> {
    /// The number `grill history show N` takes.
    pub number: usize,
    /// The session's id.
    pub id: &'a str,
    /// When it started.
    pub started_at: jiff::Timestamp,
    /// When it ended.
    pub ended_at: jiff::Timestamp,
    /// The bank's title.
    pub bank: &'a str,
    /// How it ended.
    pub status: SessionStatus,
    /// How many questions it drew.
    pub questions: usize,
    /// How many of them were answered (timed out and cut-short answers count).
    pub answered: usize,
    /// The mean score of the answered questions (0-100), or null when none was answered.
    pub score: Option<f64>,
    /// The seed of its draw.
    pub seed: u64,
}

/// The `history list --json` document for `sessions`.
pub fn history_list(sessions: &[crate::history::Summary]) -> HistoryList<'_> {
    HistoryList {
        format: VIEW_FORMAT,
        sessions: sessions
            .iter()
            .enumerate()
            .map(|(i, s)| SessionSummary {
                number: i + 1,
                id: &s.id,
                started_at: s.started_at,
                ended_at: s.ended_at,
                bank: &s.bank,
                status: s.status,
                questions: s.questions,
                answered: s.answered,
                score: s.score.map(|v| (v * 100.0).round() / 100.0),
                seed: s.seed,
            })
            .collect(),
    }
}

/// `grill bank library --json`.
#[derive(Debug, Serialize)]
pub struct BankLibrary<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// Built-in banks first, then added ones by name.
    pub banks: &'a [crate::view::bank::library::Entry],
}

/// The `bank library --json` document.
pub fn bank_library(banks: &[crate::view::bank::library::Entry]) -> BankLibrary<'_> {
    BankLibrary {
        format: VIEW_FORMAT,
        banks,
    }
}

/// `grill bank list --json`.
#[derive(Debug, Serialize)]
pub struct BankList<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The bank's title.
    pub bank: &'a str,
    /// The questions of the chosen chapters, in bank order.
    pub questions: Vec<QuestionRow<'a>>,
}

/// A question's id, chapter and prompt.
#[derive(Debug, Serialize)]
pub struct QuestionRow<'a> {
    /// The question id (`grill bank show ID`, `grill score -q ID`).
    pub id: u32,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The chapter's number (1-based), which `--chapter` also takes.
    pub chapter_number: usize,
    /// The prompt.
    pub prompt: &'a str,
}

/// The `bank list --json` document: the questions of the `chosen` chapters.
pub fn bank_list<'a>(bank: &'a Bank, chosen: &[usize]) -> BankList<'a> {
    BankList {
        format: VIEW_FORMAT,
        bank: &bank.title,
        questions: bank
            .questions()
            .filter(|l| chosen.contains(&l.chapter_index))
            .map(|l| QuestionRow {
                id: l.question.id,
                chapter: &l.chapter.id,
                chapter_number: l.chapter_index + 1,
                prompt: &l.question.prompt,
            })
            .collect(),
    }
}

/// `grill bank show ID --json`.
#[derive(Debug, Serialize)]
pub struct BankShow<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The question id.
    pub id: u32,
    /// The chapter's id.
    pub chapter: &'a str,
    /// The chapter's number (1-based).
    pub chapter_number: usize,
    /// The chapter's title.
    pub chapter_title: &'a str,
    /// The prompt.
    pub prompt: &'a str,
    /// The reference bullets, in order.
    pub bullets: &'a [String],
    /// The question's notes ("Also worth knowing"), never scored; absent when it has none.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub notes: &'a [String],
}

/// The `bank show --json` document for question `id`.
pub fn bank_show(bank: &Bank, id: u32) -> Result<BankShow<'_>> {
    let l = bank.question(id)?;
    Ok(BankShow {
        format: VIEW_FORMAT,
        id,
        chapter: &l.chapter.id,
        chapter_number: l.chapter_index + 1,
        chapter_title: &l.chapter.title,
        prompt: &l.question.prompt,
        bullets: &l.question.bullets,
        notes: &l.question.notes,
    })
}

/// `grill bank chapters --json`.
#[derive(Debug, Serialize)]
pub struct BankChapters<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The bank's title.
    pub bank: &'a str,
    /// How many questions the bank holds.
    pub questions: usize,
    /// The chapters, in order.
    pub chapters: Vec<ChapterRow<'a>>,
}

/// A chapter's number, id, title and size.
#[derive(Debug, Serialize)]
pub struct ChapterRow<'a> {
    /// 1-based.
    pub number: usize,
    /// The id `--chapter` takes.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// How many questions it holds.
    pub questions: usize,
}

/// The `bank chapters --json` document.
pub fn bank_chapters(bank: &Bank) -> BankChapters<'_> {
    BankChapters {
        format: VIEW_FORMAT,
        bank: &bank.title,
        questions: bank.question_count(),
        chapters: bank
            .chapters
            .iter()
            .enumerate()
            .map(|(i, c)| ChapterRow {
                number: i + 1,
                id: &c.id,
                title: &c.title,
                questions: c.questions.len(),
            })
            .collect(),
    }
}

/// `grill bank search --json`.
#[derive(Debug, Serialize)]
pub struct BankSearch<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The searched text, as given.
    pub query: &'a str,
    /// The bank's title.
    pub bank: &'a str,
    /// The questions found, best first.
    pub results: &'a [Found<'a>],
}

/// `grill start --dry-run --json`.
#[derive(Debug, Serialize)]
pub struct DryRun<'a> {
    /// `VIEW_FORMAT`.
    pub format: u32,
    /// The seed of the draw.
    pub seed: u64,
    /// The past session whose questions `--retry` asks again, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_of: Option<&'a str>,
    /// The questions, in the order they would be asked.
    pub questions: Vec<QuestionRow<'a>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_of<T: Serialize>(v: &T) -> serde_json::Value {
        let mut buf = Vec::new();
        write(v, &mut buf).unwrap();
        assert!(buf.ends_with(b"}\n"));
        serde_json::from_slice(&buf).unwrap()
    }

    #[test]
    fn bank_views_carry_the_format_and_the_same_facts_as_the_tables() {
        let bank = Bank::embedded();
        let list = json_of(&bank_list(&bank, &[6]));
        assert_eq!(list["format"], VIEW_FORMAT);
        let qs = list["questions"].as_array().unwrap();
        assert_eq!(qs.len(), bank.chapters[6].questions.len());
        assert!(qs.iter().all(|q| q["chapter"] == "concurrency"));
        assert!(qs.iter().all(|q| q["chapter_number"] == 7));

        let show = json_of(&bank_show(&bank, 6).unwrap());
        assert_eq!(show["format"], VIEW_FORMAT);
        assert_eq!(show["bullets"].as_array().unwrap().len(), 4);
        assert_eq!(show["bullets"][0], "`pass` is a no-op placeholder.");
        assert!(bank_show(&bank, 9999).is_err());

        let chapters = json_of(&bank_chapters(&bank));
        assert_eq!(chapters["questions"], 200);
        assert_eq!(chapters["chapters"][6]["id"], "concurrency");
        assert_eq!(chapters["chapters"][6]["number"], 7);
    }
}
