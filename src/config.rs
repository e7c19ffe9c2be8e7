//! The configuration layer: turns the parsed command line ([`crate::cli::Cli`]) into a typed,
//! checked [`Config`]. Every check of an interview's arguments happens here, before anything is
//! loaded or asked, so commands receive values they can use as they are (durations as
//! [`Duration`], retention in range, where answers come from).
//!
//! This and `cli` are the only modules that read `cli`'s types (besides `completions` and
//! `man`, which generate from clap's definition of the command line); `lib::run` takes a
//! `Config`. Chapter selectors stay words here: they are resolved against the bank once it is
//! loaded, so an unknown chapter is found by the command.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::bank::{ExportFormat, Format, library};
use crate::cli;
use crate::error::{Error, Result};
use crate::fsrs::Rating;
use crate::output::{self, ColorChoice};
use crate::readiness::{ReportFormat, Thresholds};
use crate::session::durations;
use crate::session::plan::{Feedback, Focus, Limits};
use crate::voice::{Speech, SpeechFrom};

mod schedule;
pub use schedule::SchedulePlan;

/// What grill is to do, checked.
#[derive(Debug)]
pub struct Config {
    /// `--color`.
    pub color: ColorChoice,
    /// `--bank`, when given.
    pub bank: Option<PathBuf>,
    /// Whether the output may go through a pager (see [`Command::pages`]): `main` starts one
    /// only when this is set and stdout is a terminal.
    pub pager: bool,
    /// The command, with its checked options.
    pub command: Command,
}

/// A command and its options.
#[derive(Debug)]
pub enum Command {
    /// `grill start`, or `grill` with no command.
    Start(StartPlan),
    /// `grill study`.
    Study(StudyPlan),
    /// `grill review`.
    Review(ReviewPlan),
    /// `grill score`.
    Score(ScorePlan),
    /// `grill report`.
    Report(ReportPlan),
    /// `grill schedule`.
    Schedule(SchedulePlan),
    /// `grill undo`.
    Undo(UndoPlan),
    /// `grill history`.
    History(HistoryPlan),
    /// `grill bank`.
    Bank(BankPlan),
    /// `grill transcribe FILE`.
    Transcribe(crate::voice::TranscribePlan),
    /// `grill voice ...`.
    Voice(crate::voice::VoicePlan),
    /// `grill completions SHELL`.
    Completions(clap_complete::Shell),
    /// `grill man [COMMAND] [--dir DIR]`.
    Man {
        /// The command whose page to print.
        command: Vec<String>,
        /// The folder to write every page to.
        dir: Option<PathBuf>,
    },
}

impl Command {
    /// Whether the command's output is long enough to page: the listings, replays and reports.
    /// Never a command that asks something in the terminal (the interview, `history delete`),
    /// which the pager would be reading too, nor what is meant for files (completions, man
    /// pages, batch scores).
    pub fn pages(&self) -> bool {
        match self {
            // Not `--optimize`, which may ask in the terminal.
            Command::Report(_) | Command::Schedule(SchedulePlan::Show { .. }) => true,
            Command::History(h) => matches!(
                h,
                HistoryPlan::List { .. } | HistoryPlan::Show { .. } | HistoryPlan::Export
            ),
            Command::Bank(b) => b.pages(),
            _ => false,
        }
    }
}

/// Where a session's answers come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answers {
    /// The terminal when stdin and stderr are one, else stdin (no `--answers`).
    Terminal,
    /// Standard input (`--answers -`), even in a terminal.
    Stdin,
    /// A file (`--answers FILE`), read whole before the session starts.
    File(PathBuf),
}

impl Answers {
    fn from_flag(flag: Option<&Path>) -> Answers {
        match flag {
            None => Answers::Terminal,
            Some(p) if p == Path::new("-") => Answers::Stdin,
            Some(p) => Answers::File(p.to_path_buf()),
        }
    }
}

/// A mock interview, checked: what `grill start` is to do.
#[derive(Debug, Clone)]
pub struct StartPlan {
    /// `--time` and `--total`.
    pub limits: Limits,
    /// `-n`: how many questions to draw.
    pub questions: usize,
    /// `-c`: chapter ids or numbers, resolved against the bank once it is loaded.
    pub chapters: Vec<String>,
    /// `--seed`, when given.
    pub seed: Option<u64>,
    /// `--feedback`.
    pub feedback: Feedback,
    /// `--focus`.
    pub focus: Focus,
    /// `--new`: new questions allowed a day with `--focus due`.
    pub new_per_day: usize,
    /// `--retention`, within 0.5 to 0.99.
    pub retention: f64,
    /// `--answers`.
    pub answers: Answers,
    /// `--json`.
    pub json: bool,
    /// `--dry-run`.
    pub dry_run: bool,
    /// `--retry`: a past session's id, prefix or number.
    pub retry: Option<String>,
    /// `--voice` or `--answers-audio`: answers spoken instead of typed.
    pub speech: Option<Speech>,
}

/// `grill study`, checked.
#[derive(Debug, Clone)]
pub struct StudyPlan {
    /// `-c`: chapter ids or numbers, resolved against the bank once it is loaded.
    pub chapters: Vec<String>,
    /// `--new`.
    pub new_per_day: usize,
    /// `--retention`, within 0.5 to 0.99.
    pub retention: f64,
    /// `--answers`.
    pub answers: Answers,
    /// `--voice` or `--answers-audio`: answers spoken instead of typed.
    pub speech: Option<Speech>,
}

/// `grill review`.
#[derive(Debug, Clone)]
pub struct ReviewPlan {
    /// The session to review (id, prefix or number); none: the latest with unrated answers.
    pub session: Option<String>,
}

/// `grill undo`.
#[derive(Debug, Clone)]
pub struct UndoPlan {
    /// `--json`.
    pub json: bool,
}

/// `grill report`, checked: thresholds in range, `--since` a real date, `--last` at least 1,
/// the `--html` path writable as far as can be told before the work is done.
#[derive(Debug, Clone)]
pub struct ReportPlan {
    /// `--last`.
    pub last: Option<usize>,
    /// `--since`.
    pub since: Option<jiff::civil::Date>,
    /// `-c`: chapter ids or numbers, resolved against the bank once it is loaded.
    pub chapters: Vec<String>,
    /// `--format`.
    pub format: ReportFormat,
    /// `--html`: a file in a folder that exists.
    pub html: Option<PathBuf>,
    /// `--ready`, `--close` and `--min-questions`.
    pub thresholds: Thresholds,
}

/// `grill score`, checked: one answer to one question, or a batch file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScorePlan {
    /// `--question ID` with `--answer` or `--answer-file`.
    One {
        /// The bank question.
        question: u32,
        /// The answer, or where to read it.
        answer: AnswerText,
        /// `--json`.
        json: bool,
    },
    /// `--batch FILE` (`-` for stdin).
    Batch {
        /// The JSON Lines file.
        path: PathBuf,
        /// `--jobs`, by default the number of cores.
        jobs: usize,
    },
}

/// Where `grill score` finds the one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerText {
    /// `--answer TEXT`.
    Given(String),
    /// `--answer-file FILE` (`-` for stdin).
    File(PathBuf),
}

/// The most threads `--jobs` may ask for.
pub const MAX_JOBS: usize = 1024;

impl ScorePlan {
    /// Checks `grill score`'s options: a batch, or a question and an answer.
    pub fn from_args(args: cli::ScoreArgs) -> Result<ScorePlan> {
        if let Some(path) = args.batch {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let jobs = match args.jobs {
                // Each thread has its own stack: tens of thousands exhaust memory and abort.
                Some(n) if n == 0 || n > MAX_JOBS => {
                    return Err(Error::input(format!(
                        "--jobs {n}: give 1 to {MAX_JOBS} threads (1 scores on this thread \
                         alone; more than this machine's cores, {cores}, only adds overhead)"
                    )));
                }
                Some(n) => n,
                None => cores.min(MAX_JOBS),
            };
            return Ok(ScorePlan::Batch { path, jobs });
        }
        let Some(question) = args.question else {
            return Err(Error::input(
                "give the question with --question ID, or a batch file with --batch FILE",
            ));
        };
        let answer = match (args.answer, args.answer_file) {
            (Some(text), _) => AnswerText::Given(text),
            (None, Some(path)) => AnswerText::File(path),
            (None, None) => {
                return Err(Error::input(
                    "give the answer with --answer TEXT or --answer-file FILE (- reads stdin)",
                ));
            }
        };
        Ok(ScorePlan::One {
            question,
            answer,
            json: args.json,
        })
    }
}

/// `grill history`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryPlan {
    /// `--path`: where the history is kept.
    Path,
    /// `grill history [list]`.
    List {
        /// `--json`.
        json: bool,
    },
    /// `history show ID`.
    Show {
        /// The session's id, prefix or number.
        id: String,
        /// How to show it.
        form: ShowForm,
    },
    /// `history export`.
    Export,
    /// `history import FILE` (`-` for stdin).
    Import(PathBuf),
    /// `history rate SESSION QUESTION RATING`.
    Rate {
        /// The session's id, prefix or number.
        session: String,
        /// The question's bank id.
        question: u32,
        /// The rating.
        rating: Rating,
    },
    /// `history backup FILE`.
    Backup(PathBuf),
    /// `history delete SESSION...`.
    Delete {
        /// The sessions' ids, prefixes or numbers.
        sessions: Vec<String>,
        /// `--yes`: do not ask.
        yes: bool,
    },
    /// `history prune --empty`.
    PruneEmpty {
        /// `--yes`: do not ask.
        yes: bool,
    },
}

/// How `grill history show` shows a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShowForm {
    /// The replay, for the terminal.
    Text,
    /// A study sheet in Markdown.
    Markdown,
    /// The record as saved (`history import` takes it back).
    Json,
}

impl HistoryPlan {
    /// Checks `grill history`'s options: `--path` alone, `--json` only with the list or
    /// `show`, a rating word and a question id that parse.
    pub fn from_args(args: cli::HistoryArgs) -> Result<HistoryPlan> {
        use cli::HistoryCommand as H;
        if args.path {
            if args.command.is_some() {
                return Err(Error::input(
                    "--path prints where the history is kept: give it alone, as `grill history --path`",
                ));
            }
            return Ok(HistoryPlan::Path);
        }
        // `grill history --json` is the list's flag; `export` is JSON already, `import` prints none.
        if args.json
            && matches!(
                args.command,
                Some(H::Export | H::Import { .. } | H::Backup { .. })
            )
        {
            return Err(Error::input(
                "--json goes with `grill history list` or `history show`; `history export` always writes JSON",
            ));
        }
        Ok(match args.command {
            None => HistoryPlan::List { json: args.json },
            Some(H::List { json }) => HistoryPlan::List {
                json: json || args.json,
            },
            Some(H::Show { id, json, format }) => HistoryPlan::Show {
                id,
                form: if json || args.json {
                    ShowForm::Json
                } else if format == cli::ShowFormat::Markdown {
                    ShowForm::Markdown
                } else {
                    ShowForm::Text
                },
            },
            Some(H::Export) => HistoryPlan::Export,
            Some(H::Import { file }) => HistoryPlan::Import(file),
            Some(H::Rate {
                session,
                question,
                rating,
            }) => HistoryPlan::Rate {
                rating: rating_word(&rating)?,
                question: question_id(&question)?,
                session,
            },
            Some(H::Backup { file }) => HistoryPlan::Backup(file),
            Some(H::Delete { sessions, yes }) => HistoryPlan::Delete { sessions, yes },
            Some(H::Prune { empty: _, yes }) => HistoryPlan::PruneEmpty { yes },
        })
    }
}

/// A rating as `history rate` takes it: again, hard, good, easy, 1-4 or a, h, g, e.
fn rating_word(rating: &str) -> Result<Rating> {
    Rating::parse(rating).ok_or_else(|| {
        Error::input(format!(
            "rating `{rating}`: give again, hard, good or easy (or 1-4, or a, h, g, e)"
        ))
    })
}

/// A library-name error from `check_name` (which names `--name`) for another flag.
fn flag_error(flag: &str, e: Error) -> Error {
    match e {
        Error::Input(m) => Error::input(m.replacen("--name", flag, 1)),
        other => other,
    }
}

/// A question's bank id, as 57 or Q57.
fn question_id(question: &str) -> Result<u32> {
    question
        .trim()
        .trim_start_matches(['Q', 'q'])
        .parse()
        .map_err(|_| {
            Error::input(format!(
                "question `{question}`: give the question's id in the bank, such as 57 or Q57"
            ))
        })
}

/// `grill bank`: what to show of the bank, or which file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BankPlan {
    /// `bank list`.
    List {
        /// `-c`: chapter ids or numbers.
        chapters: Vec<String>,
        /// `--json`.
        json: bool,
    },
    /// `bank show ID`.
    Show {
        /// The question's id.
        id: u32,
        /// `--json`.
        json: bool,
    },
    /// `bank chapters`.
    Chapters {
        /// `--json`.
        json: bool,
    },
    /// `bank search TEXT...`.
    Search {
        /// The words searched for, joined by spaces.
        text: String,
        /// `-c`: chapter ids or numbers.
        chapters: Vec<String>,
        /// `--json`.
        json: bool,
    },
    /// `bank validate PATH`.
    Validate(PathBuf),
    /// `bank export`.
    Export {
        /// `--format`.
        format: ExportFormat,
        /// `--output`.
        output: Option<PathBuf>,
    },
    /// `bank import FILE`.
    Import {
        /// The file to read.
        file: PathBuf,
        /// `--format`: how to print it.
        format: Format,
        /// `--add NAME`, checked: add it to the library instead.
        add: Option<String>,
        /// `--replace`.
        replace: bool,
    },
    /// `bank add FILE`.
    Add {
        /// The file to read.
        file: PathBuf,
        /// `--name`, checked (none: made from the file's name).
        name: Option<String>,
        /// `--replace`.
        replace: bool,
    },
    /// `bank library`.
    Library {
        /// `--json`.
        json: bool,
    },
    /// `bank remove NAME`.
    Remove(String),
}

impl BankPlan {
    /// Whether its output is long enough to page (see [`Command::pages`]): the listings and
    /// a bank printed to stdout, never a binary package, nor what reports on stderr.
    pub fn pages(&self) -> bool {
        match self {
            BankPlan::Validate(_)
            | BankPlan::Import { .. }
            | BankPlan::Add { .. }
            | BankPlan::Remove(_) => false,
            BankPlan::Export { format, output } => {
                output.is_none() && *format != ExportFormat::Apkg
            }
            _ => true,
        }
    }

    /// `grill bank`'s subcommand as a plan: clap has checked the syntax; library names are
    /// checked here.
    pub fn from_command(command: cli::BankCommand) -> Result<BankPlan> {
        use cli::BankCommand as B;
        let name = |n: Option<String>| n.as_deref().map(library::check_name).transpose();
        Ok(match command {
            B::List { chapters, json } => BankPlan::List { chapters, json },
            B::Show { id, json } => BankPlan::Show { id, json },
            B::Chapters { json } => BankPlan::Chapters { json },
            B::Search {
                text,
                chapters,
                json,
            } => BankPlan::Search {
                text: text.join(" "),
                chapters,
                json,
            },
            B::Validate { path } => BankPlan::Validate(path),
            B::Export { format, output } => BankPlan::Export { format, output },
            B::Import {
                file,
                format,
                add,
                replace,
            } => BankPlan::Import {
                file,
                format,
                add: name(add).map_err(|e| flag_error("--add", e))?,
                replace,
            },
            B::Add {
                file,
                name: n,
                replace,
            } => BankPlan::Add {
                file,
                name: name(n)?,
                replace,
            },
            B::Library { json } => BankPlan::Library { json },
            B::Remove { name } => BankPlan::Remove(name),
        })
    }
}

impl Config {
    /// Checks the command line. Fails (exit 2) with a message naming the flag on bad input.
    pub fn from_cli(cli: cli::Cli) -> Result<Config> {
        crate::time::check_env()?;
        let command = match cli.command {
            None => Command::Start(StartPlan::from_args(&cli.start)?),
            Some(cli::Command::Start(args)) => Command::Start(StartPlan::from_args(&args)?),
            Some(cli::Command::Study(args)) => Command::Study(StudyPlan::from_args(&args)?),
            Some(cli::Command::Review(args)) => Command::Review(ReviewPlan {
                session: args.session,
            }),
            Some(cli::Command::Score(args)) => Command::Score(ScorePlan::from_args(args)?),
            Some(cli::Command::Report(args)) => Command::Report(ReportPlan::from_args(&args)?),
            Some(cli::Command::Undo(args)) => Command::Undo(UndoPlan { json: args.json }),
            Some(cli::Command::Schedule(args)) => Command::Schedule(SchedulePlan::from_args(args)?),
            Some(cli::Command::History(args)) => Command::History(HistoryPlan::from_args(args)?),
            Some(cli::Command::Bank(args)) => Command::Bank(BankPlan::from_command(args.command)?),
            Some(cli::Command::Transcribe(args)) => Command::Transcribe(args.plan()),
            Some(cli::Command::Voice(args)) => Command::Voice(args.plan()),
            Some(cli::Command::Completions { shell }) => Command::Completions(shell),
            Some(cli::Command::Man { command, dir }) => Command::Man { command, dir },
        };
        Ok(Config {
            color: cli.color,
            bank: cli.bank,
            pager: !cli.no_pager && command.pages(),
            command,
        })
    }
}

impl StartPlan {
    /// Checks an interview's options, in the order they were always checked: `--time`,
    /// `--total`, `--retention`.
    pub fn from_args(args: &cli::StartArgs) -> Result<StartPlan> {
        let per_question = durations::parse("--time", &args.time)?;
        let total = args
            .total
            .as_deref()
            .map(|t| durations::parse("--total", t))
            .transpose()?;
        Ok(StartPlan {
            limits: Limits {
                per_question,
                total,
            },
            questions: args.questions,
            chapters: args.chapters.clone(),
            seed: args.seed,
            feedback: args.feedback,
            focus: args.focus,
            new_per_day: args.new_per_day,
            retention: retention(args.retention)?,
            answers: Answers::from_flag(args.answers.as_deref()),
            json: args.json,
            dry_run: args.dry_run,
            retry: args.retry.clone(),
            speech: speech(&args.speech)?,
        })
    }
}

impl StudyPlan {
    /// Checks `grill study`'s options.
    pub fn from_args(args: &cli::StudyArgs) -> Result<StudyPlan> {
        Ok(StudyPlan {
            chapters: args.chapters.clone(),
            new_per_day: args.new_per_day,
            retention: retention(args.retention)?,
            answers: Answers::from_flag(args.answers.as_deref()),
            speech: speech(&args.speech)?,
        })
    }
}

/// `--voice` or `--answers-audio`, checked: a build with voice support, a folder of answers
/// that is a folder, a `GRILL_VOICE_MAX_RECORDING` that is a duration.
fn speech(args: &cli::SpeechArgs) -> Result<Option<Speech>> {
    // clap's `requires` takes --voice's default (false) as given, so it is checked here.
    if args.keep_audio.is_some() && !args.voice {
        return Err(Error::input(
            "--keep-audio keeps what --voice records; with --answers-audio the recordings are \
             already in their folder",
        ));
    }
    let Some(mut plan) = args.plan() else {
        return Ok(None);
    };
    if !cfg!(feature = "voice") {
        return Err(Error::input(crate::voice::NOT_BUILT));
    }
    if let Some(v) = std::env::var_os(crate::voice::MAX_RECORDING_ENV).filter(|v| !v.is_empty()) {
        let v = v.to_string_lossy();
        plan.max_recording =
            durations::parse(crate::voice::MAX_RECORDING_ENV, &v)?.min(crate::voice::MAX_RECORDING);
    }
    if let SpeechFrom::Files(dir) = &plan.from
        && !dir.is_dir()
    {
        return Err(Error::input(format!(
            "--answers-audio: {} is not a folder; give the folder that holds 1.wav, 2.wav, ... \
             (the answers to the questions in the order they are asked)",
            dir.display()
        )));
    }
    if let SpeechFrom::Microphone {
        keep_audio: Some(dir),
    } = &plan.from
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Error::input(format!(
            "--keep-audio: {} is not a folder",
            dir.display()
        )));
    }
    Ok(Some(plan))
}

impl ReportPlan {
    /// Checks `grill report`'s options; every mistake is bad input (exit 2), found before any
    /// work is done or anything is printed.
    pub fn from_args(args: &cli::ReportArgs) -> Result<ReportPlan> {
        let thresholds = Thresholds::new(args.ready, args.close, args.min_questions)?;
        if args.last == Some(0) {
            return Err(Error::input(
                "--last 0 leaves no session; give 1 or more, or drop --last for all sessions",
            ));
        }
        let since = args.since.as_deref().map(since_date).transpose()?;
        if let Some(path) = &args.html {
            check_html_path(path)?;
        }
        Ok(ReportPlan {
            last: args.last,
            since,
            chapters: args.chapters.clone(),
            format: args.format,
            html: args.html.clone(),
            thresholds,
        })
    }
}

/// `--since`: a date as YYYY-MM-DD.
fn since_date(s: &str) -> Result<jiff::civil::Date> {
    // jiff's own message describes its parser ("two digit integer as month"), not the user's
    // mistake, so only the expected shape is shown.
    s.trim().parse::<jiff::civil::Date>().map_err(|_| {
        Error::input(format!(
            "--since `{s}` is not a date; write it as YYYY-MM-DD, such as 2026-11-01"
        ))
    })
}

/// `--html PATH` must name a file in a folder that exists.
fn check_html_path(path: &Path) -> Result<()> {
    let shown = output::visible(&path.display().to_string()).into_owned();
    if path.is_dir() {
        return Err(Error::input(format!(
            "--html {shown} is a folder; give a file name such as {shown}/report.html"
        )));
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    if let Some(dir) = parent
        && !dir.is_dir()
    {
        return Err(Error::input(format!(
            "--html {shown}: the folder {} does not exist; create it or write the report elsewhere",
            output::visible(&dir.display().to_string())
        )));
    }
    Ok(())
}

/// `--retention`, refused outside 0.5 to 0.99 (FSRS schedules nonsense beyond them).
fn retention(r: f64) -> Result<f64> {
    if (0.5..=0.99).contains(&r) {
        Ok(r)
    } else {
        Err(Error::input(format!(
            "--retention {r}: give the chance of recall to schedule for, from 0.5 to 0.99 \
             (0.9 unless you have a reason)"
        )))
    }
}

/// The per-question limit when `--time` is not given (`3m` in `cli`).
pub const DEFAULT_TIME: Duration = Duration::from_secs(180);

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Result<Config> {
        let cli = cli::Cli::parse_from_iter(std::iter::once("grill").chain(args.iter().copied()))
            .expect("clap accepts these");
        Config::from_cli(cli)
    }

    fn start(args: &[&str]) -> Result<StartPlan> {
        match config(args)?.command {
            Command::Start(p) => Ok(p),
            other => panic!("not an interview: {other:?}"),
        }
    }

    #[test]
    fn only_long_views_page_and_no_pager_turns_it_off() {
        let pages = |args: &[&str]| {
            let mut all = vec!["grill"];
            all.extend(args);
            config(&all[1..]).unwrap().pager
        };
        assert!(pages(&["history"]));
        assert!(pages(&["history", "show", "1"]));
        assert!(pages(&["bank", "list"]));
        assert!(pages(&["report"]));
        assert!(!pages(&["history", "--no-pager"]));
        assert!(!pages(&["--no-pager", "bank", "search", "gil"]));
        assert!(!pages(&[]));
        assert!(!pages(&["start", "-n", "2"]));
        assert!(!pages(&["score", "-q", "6", "-a", "x"]));
        assert!(!pages(&["completions", "bash"]));
        assert!(!pages(&["bank", "validate", "b.txt"]));
        assert!(!pages(&["history", "delete", "1"]));
        assert!(!pages(&["history", "prune", "--empty"]));
        assert!(!pages(&["history", "import", "f.json"]));
    }

    #[test]
    fn an_interview_gets_durations_and_its_answer_source() {
        let p = start(&[
            "-n",
            "4",
            "--time",
            "2m30s",
            "--total",
            "30m",
            "--answers",
            "-",
        ])
        .unwrap();
        assert_eq!(p.limits.per_question, Duration::from_secs(150));
        assert_eq!(p.limits.total, Some(Duration::from_secs(1800)));
        assert_eq!(p.questions, 4);
        assert_eq!(p.answers, Answers::Stdin);
        let p = start(&["start", "--answers", "a.txt"]).unwrap();
        assert_eq!(p.limits.per_question, DEFAULT_TIME);
        assert_eq!(p.limits.total, None);
        assert_eq!(p.answers, Answers::File(PathBuf::from("a.txt")));
        assert_eq!(start(&[]).unwrap().answers, Answers::Terminal);
    }

    #[test]
    fn bad_flags_are_input_errors_naming_the_flag_in_the_old_order() {
        let e = start(&["--time", "0", "--total", "x", "--retention", "2"]).unwrap_err();
        assert!(
            matches!(&e, Error::Input(m) if m.starts_with("--time \"0\"")),
            "{e}"
        );
        let e = start(&["--total", "x", "--retention", "2"]).unwrap_err();
        assert!(
            matches!(&e, Error::Input(m) if m.starts_with("--total \"x\"")),
            "{e}"
        );
        let e = start(&["--retention", "0.3"]).unwrap_err();
        assert!(
            matches!(&e, Error::Input(m) if m.starts_with("--retention 0.3:")),
            "{e}"
        );
        let e = config(&["study", "--retention", "1"]).unwrap_err();
        assert!(
            matches!(&e, Error::Input(m) if m.starts_with("--retention 1:")),
            "{e}"
        );
        assert_eq!(e.exit().code(), 2);
    }

    fn report(args: &[&str]) -> Result<ReportPlan> {
        let mut all = vec!["report"];
        all.extend_from_slice(args);
        match config(&all)?.command {
            Command::Report(p) => Ok(p),
            other => panic!("not a report: {other:?}"),
        }
    }

    #[test]
    fn bad_report_flags_are_input_errors_that_say_what_to_write() {
        let e = report(&["--since", "2026-13-01"]).unwrap_err();
        assert!(
            e.to_string().contains("--since `2026-13-01` is not a date"),
            "{e}"
        );
        assert!(e.to_string().contains("YYYY-MM-DD"), "{e}");
        assert_eq!(e.exit(), crate::Exit::BadInput);
        let e = report(&["--last", "0"]).unwrap_err();
        assert!(e.to_string().contains("--last 0"), "{e}");
        let e = report(&["--ready", "60", "--close", "70"]).unwrap_err();
        assert!(
            e.to_string().contains("--close 70 is above --ready 60"),
            "{e}"
        );
        let dir = std::env::temp_dir();
        let e = report(&["--html", dir.to_str().unwrap()]).unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
        let e = report(&["--html", "no-such-folder-for-grill/r.html"]).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn good_report_flags_become_a_plan() {
        let p = report(&[
            "--since",
            "2026-11-01",
            "--last",
            "2",
            "-c",
            "7",
            "--format",
            "markdown",
        ])
        .unwrap();
        assert_eq!(p.since, Some(jiff::civil::date(2026, 11, 1)));
        assert_eq!(p.last, Some(2));
        assert_eq!(p.chapters, ["7"]);
        assert_eq!(p.format, ReportFormat::Markdown);
        assert_eq!(p.thresholds, Thresholds::default());
    }

    #[test]
    fn score_takes_a_batch_or_a_question_with_an_answer() {
        let plan = |args: &[&str]| -> Result<ScorePlan> {
            match config(args)?.command {
                Command::Score(p) => Ok(p),
                other => panic!("not score: {other:?}"),
            }
        };
        assert_eq!(
            plan(&["score", "--batch", "-", "--jobs", "3"]).unwrap(),
            ScorePlan::Batch {
                path: PathBuf::from("-"),
                jobs: 3
            }
        );
        assert!(matches!(
            plan(&["score", "--batch", "b.jsonl"]).unwrap(),
            ScorePlan::Batch { jobs, .. } if jobs >= 1
        ));
        // No thread, or so many that their stacks exhaust memory (a try-out's -j 30000
        // aborted after minutes): bad input, said with the flag.
        for (jobs, said) in [
            ("0", "--jobs 0: give 1 to 1024"),
            ("30000", "30000: give 1 to"),
        ] {
            let e = plan(&["score", "--batch", "-", "-j", jobs]).unwrap_err();
            assert!(e.to_string().contains(said), "{e}");
        }
        assert!(plan(&["score", "--batch", "-", "-j", "1024"]).is_ok());
        assert_eq!(
            plan(&["score", "-q", "6", "-a", "pass", "--json"]).unwrap(),
            ScorePlan::One {
                question: 6,
                answer: AnswerText::Given("pass".into()),
                json: true
            }
        );
        assert_eq!(
            plan(&["score", "-q", "6", "--answer-file", "a.txt"]).unwrap(),
            ScorePlan::One {
                question: 6,
                answer: AnswerText::File("a.txt".into()),
                json: false
            }
        );
        let e = plan(&["score", "-q", "6"]).unwrap_err();
        assert!(
            e.to_string().contains("give the answer with --answer TEXT"),
            "{e}"
        );
        assert_eq!(e.exit().code(), 2);
    }

    #[test]
    fn history_flags_are_checked_and_typed() {
        let plan = |args: &[&str]| -> Result<HistoryPlan> {
            let mut all = vec!["history"];
            all.extend_from_slice(args);
            match config(&all)?.command {
                Command::History(p) => Ok(p),
                other => panic!("not history: {other:?}"),
            }
        };
        assert_eq!(plan(&[]).unwrap(), HistoryPlan::List { json: false });
        assert_eq!(plan(&["--json"]).unwrap(), HistoryPlan::List { json: true });
        assert_eq!(plan(&["--path"]).unwrap(), HistoryPlan::Path);
        assert_eq!(
            plan(&["--json", "show", "3"]).unwrap(),
            HistoryPlan::Show {
                id: "3".into(),
                form: ShowForm::Json
            }
        );
        assert_eq!(
            plan(&["show", "3", "--format", "markdown"]).unwrap(),
            HistoryPlan::Show {
                id: "3".into(),
                form: ShowForm::Markdown
            }
        );
        assert_eq!(
            plan(&["rate", "3", "Q57", "h"]).unwrap(),
            HistoryPlan::Rate {
                session: "3".into(),
                question: 57,
                rating: Rating::Hard
            }
        );
        let e = plan(&["--path", "list"]).unwrap_err();
        assert!(e.to_string().contains("give it alone"), "{e}");
        let e = plan(&["--json", "export"]).unwrap_err();
        assert!(e.to_string().contains("always writes JSON"), "{e}");
        let e = plan(&["rate", "3", "57", "great"]).unwrap_err();
        assert!(e.to_string().contains("rating `great`"), "{e}");
        let e = plan(&["rate", "3", "x7", "good"]).unwrap_err();
        assert!(e.to_string().contains("question `x7`"), "{e}");
        assert_eq!(e.exit().code(), 2);
    }

    #[test]
    fn bank_subcommands_become_plans() {
        let plan = |args: &[&str]| match config(args).unwrap().command {
            Command::Bank(p) => p,
            other => panic!("not bank: {other:?}"),
        };
        assert_eq!(
            plan(&["bank", "search", "-c", "3", "context", "manager", "--json"]),
            BankPlan::Search {
                text: "context manager".into(),
                chapters: vec!["3".into()],
                json: true
            }
        );
        assert_eq!(
            plan(&["bank", "export", "--format", "text"]),
            BankPlan::Export {
                format: ExportFormat::Text,
                output: None
            }
        );
        assert_eq!(
            plan(&["bank", "validate", "b.txt"]),
            BankPlan::Validate("b.txt".into())
        );
    }
}
