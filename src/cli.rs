//! Command-line arguments (clap derive). The `///` comments here are the `--help` text.
//!
//! Nothing outside this module and `config` reads raw flags: commands get typed, checked values.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod voice;
pub use voice::{SpeechArgs, TranscribeArgs, VoiceArgs, VoiceCommand};

pub use crate::bank::{ExportFormat, Format};
pub use crate::output::ColorChoice;
pub use crate::readiness::ReportFormat;
pub use crate::session::plan::{Feedback, Focus};

const EXAMPLES: &str = "\
Examples:
  grill                          a 10-question mock interview, 3 minutes a question
  grill -n 5 --chapter concurrency --time 90s
  grill study                    untimed: the questions due today, then new ones
  grill review                   rate your latest answers against the whole reference
  grill score -q 6 -a 'pass does nothing; continue skips; break exits the loop'
  grill report                   readiness across all saved sessions
  grill bank list --chapter 3    browse the questions of chapter 3
  grill bank search decorator    the questions that mention decorators

Exit codes:
  0    ok
  1    failure (the work ran but something failed, such as saving the history)
  2    bad input or usage (nothing was done)
  130  interrupted (Ctrl-C or SIGTERM; what was done so far is kept)";

/// A timed mock interview in the terminal: random questions, a live countdown, fuzzy
/// self-scoring against reference answers, and readiness reports across sessions.
#[derive(Debug, Parser)]
#[command(name = "grill", version, after_help = EXAMPLES)]
pub struct Cli {
    /// The bank to use: a library name (`grill bank library`) or a bank file (JSON or text
    /// format; a value with `/` or `.` is always a file); default: the built-in Python bank.
    #[arg(long, global = true, value_name = "NAME|PATH", env = "GRILL_BANK")]
    pub bank: Option<PathBuf>,

    /// When to use colour: auto (a terminal, no NO_COLOR, TERM not dumb), always or never.
    #[arg(long, global = true, value_name = "WHEN", default_value = "auto")]
    pub color: ColorChoice,

    /// Never page long output (in a terminal, lists, replays and reports go through $PAGER,
    /// by default `less -FRX`).
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// The command; none starts a mock interview.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the interview, when no command is given.
    #[command(flatten)]
    pub start: StartArgs,
}

impl Cli {
    /// Parses `std::env::args`, exiting with clap's message and code 2 on a usage error.
    pub fn parse_args() -> Cli {
        Cli::parse_from_iter(std::env::args_os()).unwrap_or_else(|e| e.exit())
    }

    /// Parses arguments. Interview options given with another command are an error rather
    /// than silently ignored (`grill -n 5 report`). clap's `args_conflicts_with_subcommands`
    /// would also reject the global `--bank` and `--color` before a command, so this is checked here.
    pub fn parse_from_iter<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        use clap::{CommandFactory, FromArgMatches, parser::ValueSource};
        let mut cmd = Cli::command();
        // An empty GRILL_BANK is unset, as an empty GRILL_HOME or GRILL_NOW is; clap would take
        // it for an empty `--bank`, even beside a `--bank` given.
        if std::env::var_os("GRILL_BANK").is_some_and(|v| v.is_empty()) {
            cmd = cmd.mut_arg("bank", |a| a.env(None::<&str>));
        }
        let matches = cmd.try_get_matches_from_mut(args)?;
        if let Some(sub) = matches.subcommand_name() {
            let misplaced = cmd.get_arguments().find_map(|arg| {
                let id = arg.get_id().as_str();
                let is_start_arg = !arg.is_global_set() && arg.get_long().is_some();
                (is_start_arg && matches.value_source(id) == Some(ValueSource::CommandLine))
                    .then(|| arg.get_long().unwrap_or(id).to_string())
            });
            if let Some(flag) = misplaced {
                return Err(cmd.error(
                    clap::error::ErrorKind::ArgumentConflict,
                    format!(
                        "--{flag} is an interview option: use it with `grill start` or with no command, not with `grill {sub}`"
                    ),
                ));
            }
        }
        Cli::from_arg_matches(&matches)
    }
}

// The domain's enums take clap's value parsing here, so that nothing below `cli` and
// `config` depends on clap (their help texts are the variants' docs there).
macro_rules! value_enum {
    ($ty:ty { $($variant:path => $name:literal: $help:literal),+ $(,)? }) => {
        impl ValueEnum for $ty {
            fn value_variants<'a>() -> &'a [Self] {
                &[$($variant),+]
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(match self {
                    $($variant => clap::builder::PossibleValue::new($name).help($help)),+
                })
            }
        }
    };
}

value_enum!(ColorChoice {
    ColorChoice::Auto => "auto": "Colour in a terminal, unless NO_COLOR is set or TERM is dumb",
    ColorChoice::Always => "always": "Always colour",
    ColorChoice::Never => "never": "Never colour",
});
value_enum!(Feedback {
    Feedback::End => "end": "Only in the final report",
    Feedback::Each => "each": "After each answer, with the per-bullet evidence",
});
value_enum!(Focus {
    Focus::Random => "random": "At random, spread evenly over the chosen chapters",
    Focus::Weak => "weak": "The questions known least first: failed, then least recalled, then unseen",
    Focus::Due => "due": "Spaced repetition: due questions, then new ones up to a daily limit, then the closest to due",
});
value_enum!(ReportFormat {
    ReportFormat::Text => "text": "For the terminal (bars and colour when it is one)",
    ReportFormat::Json => "json": "Machine-readable",
    ReportFormat::Markdown => "markdown": "To paste into notes",
});
value_enum!(Format {
    Format::Json => "json": "The canonical JSON format",
    Format::Text => "text": "The plain-text format (`# Chapter`, `Q1. prompt`, `- bullet`)",
});
value_enum!(ExportFormat {
    ExportFormat::Json => "json": "The canonical JSON format",
    ExportFormat::Text => "text": "The plain-text format (`# Chapter`, `Q1. prompt`, `- bullet`)",
    ExportFormat::Apkg => "apkg": "An Anki package (binary: --output FILE or redirect stdout)",
});

/// grill's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a timed mock interview (the default command).
    #[command(after_help = "Examples:
  grill start                              10 questions from all chapters, 3 minutes each
  grill start -n 4 -c oop -c 7 --time 2m30s --feedback each
  grill start --seed 42                    the same questions as another session with seed 42
  grill start --total 30m                  stop after 30 minutes, whatever is left
  grill start --focus weak                 the questions you know least first
  grill start --focus due --new 5          due questions, then at most 5 new ones today
  grill start --answers answers.txt        answers from a file, separated by lines of ---
  grill start -n 3 --seed 7 --dry-run      which questions seed 7 draws, without asking them")]
    Start(StartArgs),

    /// Untimed study: the questions due today, then new ones; answer, see the reference, rate.
    #[command(after_help = "Examples:
  grill study                        due questions, then up to 10 new ones a day
  grill study -c concurrency --new 3
  grill study --answers answers.txt  answers from a file (see below)

In a terminal: type an answer and press Enter on an empty line (Enter at once shows the
reference, as with a flashcard), then rate it: 1-4 or a/h/g/e (again, hard, good, easy), Enter
for grill's suggestion. q at the rating, Ctrl-C, or Ctrl-D on an empty answer ends.
Piped or --answers: answers separated by lines of ---; a last line `rating: good` in an answer
rates it (else it counts with grill's suggestion).")]
    Study(StudyArgs),

    /// Rate the answers of a saved session against the whole reference answer.
    #[command(after_help = "Examples:
  grill review                       the latest session with answers not yet rated
  grill review 3                     session 3 of `grill history` (or an id, or its prefix)
  printf 'good\\nagain\\n\\n' | grill review   ratings from stdin, one a line

Keys: 1-4 or a/h/g/e (again, hard, good, easy); Enter takes grill's suggestion (or keeps a
rating given before); s skips; u takes back the rating before and shows that answer again; q
stops (ratings given so far are saved). Piped: one a line, the same words (again, 3, skip,
undo, q), an empty line for grill's suggestion.")]
    Review(ReviewArgs),

    /// Take back the last rating you gave, in any session; again to step further back.
    #[command(after_help = "Examples:
  grill undo                         the last rating given (grill review, study, an interview)
  grill undo && grill undo           the last two
  grill undo --json                  what was taken back, for scripts

The answer counts with the rating it had before (or grill's score, if none), and its question's
schedule is what it was before that rating. On a rating screen, u does the same for the rating
given before in that run. Ratings that came in with `grill history import` are not undone.")]
    Undo(UndoArgs),

    /// Score an answer, or a JSON Lines file of answers, against reference bullets.
    #[command(after_help = "Examples:
  grill score -q 6 -a 'pass is a no-op; continue skips to the next iteration'
  grill score -q 121 --answer-file my-answer.txt --json
  echo 'the GIL lets one thread run bytecode' | grill score -q 121 --answer-file -
  grill score --batch answers.jsonl > scores.jsonl

Batch lines: {\"id\": \"a1\", \"question\": 6, \"answer\": \"...\"} or
             {\"id\": \"a2\", \"reference\": [\"bullet\", ...], \"prompt\": \"...\", \"answer\": \"...\"}
             (optional with a reference: \"alternatives\": {\"1\": [\"other wording\", ...]})")]
    Score(ScoreArgs),

    /// Show readiness across saved sessions, per chapter.
    #[command(after_help = "Examples:
  grill report
  grill report --last 5 --chapter concurrency
  grill report --since 2026-11-01 --format markdown > progress.md
  grill report --html report.html
  grill report --ready 80 --close 60")]
    Report(ReportArgs),

    /// Show when every question you have answered is due, and the next two weeks' forecast.
    #[command(after_help = "Examples:
  grill schedule                     every seen question, soonest due first
  grill schedule --chapter oop       one chapter
  grill schedule --json | jq '.questions[] | select(.is_due) | .id'
  GRILL_NOW=2026-12-10T09:00:00Z grill schedule   as of another time
  grill schedule --optimize          fit your own FSRS weights, compare, ask to keep them
  grill schedule --optimize --yes    keep them without asking, if they predict better
  grill schedule --optimize --reset  back to FSRS-6's default weights

States: learning (answered, not yet remembered for a day), review (scheduled in days),
relearning (forgotten after a review). Stability is the days until recall falls to 90%;
difficulty runs from 1 to 10.

--optimize fits FSRS's 21 weights to the bank's review log (the fsrs crate's optimiser) on 4 of
every 5 questions answered, and tests them, the defaults and your own weights in use (if any)
on the 5th: log loss and RMSE of the predicted recalls. They are kept only if their log loss is
lower than the others' and you say so: y at the prompt in a terminal, or --yes (piped or with
--json, nothing is kept without it). A fit needs 80 answers given a day or more after the
question's answer before; with fewer it says how many more (exit status 0). The weights are
yours: grill schedules every bank with them.")]
    Schedule(ScheduleArgs),

    /// List, replay, export and import saved sessions.
    #[command(after_help = "Examples:
  grill history
  grill history show 3
  grill history list --json | jq '.sessions[].score'
  grill history export > sessions.json
  grill history import sessions.json")]
    History(HistoryArgs),

    /// Browse, check, add, import and export question banks.
    #[command(after_help = "Examples:
  grill bank chapters
  grill bank list --chapter concurrency
  grill bank show 57
  grill bank search 'context manager'
  grill bank validate my-bank.txt
  grill bank export --format text > python.txt
  grill bank add interview-deck.apkg --name sql      keep a copy in the library
  grill --bank sql                                   an interview from it
  grill bank library                                 the banks you have
  grill bank export --format apkg -o python.apkg     to study in Anki")]
    Bank(BankArgs),

    /// Transcribe a spoken answer (WAV) to text, offline, with Whisper (voice builds).
    #[command(after_help = "Examples:
  grill transcribe answer.wav                     the text on stdout
  grill transcribe answer.wav --hint 'What is the difference between a list and a tuple?'
  grill transcribe answer.wav --model ~/models/ggml-base.en.bin
  sox -d -r 16000 -c 1 answer.wav trim 0 30 && grill transcribe answer.wav

Needs a grill built with `--features voice` and a speech model (see `grill voice check`).")]
    Transcribe(TranscribeArgs),

    /// Answer aloud: check the speech model and microphone, import a model (voice builds).
    #[command(after_help = "Examples:
  grill voice check                                which model and microphone grill would use
  grill voice import-model ./faster-whisper-tiny.en   convert a faster-whisper model")]
    Voice(VoiceArgs),

    /// Print a shell completion script to stdout.
    #[command(after_help = "Examples:
  source <(grill completions bash)                       in ~/.bashrc
  grill completions zsh > ~/.zfunc/_grill                with fpath+=(~/.zfunc) before compinit
  grill completions fish > ~/.config/fish/completions/grill.fish
  grill completions powershell >> $PROFILE")]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },

    /// Print grill's man page (roff) to stdout, or write every page to a folder.
    #[command(after_help = "Examples:
  grill man | man -l -                                   read it now
  grill man bank search | man -l -                       the page of one command
  grill man --dir ~/.local/share/man/man1                install grill.1, grill-start.1, ...")]
    Man {
        /// The command whose page to print (`bank search`); none prints grill(1).
        #[arg(value_name = "COMMAND")]
        command: Vec<String>,

        /// Write the pages of grill and of every command to this folder instead.
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
}

/// Options of a mock interview.
#[derive(Debug, Clone, Args, Default)]
pub struct StartArgs {
    /// How many questions to ask.
    #[arg(
        short = 'n',
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true,
        value_parser = whole::<usize>
    )]
    pub questions: usize,

    /// Draw only from this chapter (id or number 1-10); repeat for several.
    #[arg(short, long = "chapter", value_name = "C")]
    pub chapters: Vec<String>,

    /// Time limit per question, such as 90s, 3m or 2m30s; a bare number is seconds (90 = 90s).
    #[arg(
        short,
        long,
        value_name = "DURATION",
        default_value = "3m",
        allow_hyphen_values = true
    )]
    pub time: String,

    /// Time limit for the whole session (like --time; a bare number is seconds); when it runs
    /// out, the current answer is submitted.
    #[arg(long, value_name = "DURATION", allow_hyphen_values = true)]
    pub total: Option<String>,

    /// Seed for the random draw: the same seed and bank give the same questions.
    #[arg(long, value_name = "S", allow_negative_numbers = true, value_parser = whole::<u64>)]
    pub seed: Option<u64>,

    /// When to show scores: at the end (like a real interview) or after each answer.
    #[arg(long, value_name = "WHEN", default_value = "end")]
    pub feedback: Feedback,

    /// Read answers from this file (or - for stdin), separated by lines of `---`.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Print the session record as JSON instead of the report (with --dry-run, the drawn
    /// questions as JSON).
    #[arg(long)]
    pub json: bool,

    /// Print the questions this draw would ask (id, chapter, prompt), in order, and exit
    /// without asking them: write piped answers for them, then run with the same --seed.
    #[arg(long)]
    pub dry_run: bool,

    /// How to choose questions: random; weak (the questions you know least first: failed,
    /// then least recalled, then unseen); or due (spaced repetition: due questions, then new ones
    /// up to --new a day, then those closest to due).
    #[arg(long, value_name = "HOW", default_value = "random")]
    pub focus: Focus,

    /// New (never answered) questions the spaced-repetition queue introduces a day, with
    /// --focus due (and `grill study`). A question first answered in any session, a random
    /// interview too, counts as introduced that day; random and weak interviews are not limited
    /// by it.
    #[arg(long = "new", value_name = "N", default_value_t = crate::practice::NEW_PER_DAY, value_parser = whole::<usize>)]
    pub new_per_day: usize,

    /// The chance of recall at which a question falls due (FSRS's desired retention), 0.5 to
    /// 0.99.
    #[arg(long, value_name = "R", default_value_t = crate::fsrs::DEFAULT_RETENTION)]
    pub retention: f64,

    /// Ask the questions of a past session again (its id, see `grill history`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["focus", "chapters", "questions", "seed"])]
    pub retry: Option<String>,

    /// Answering aloud.
    #[command(flatten)]
    pub speech: SpeechArgs,
}

/// Formats of `grill history show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// For the terminal.
    Text,
    /// A study sheet in Markdown.
    Markdown,
}

/// Options of `grill study`.
#[derive(Debug, Clone, Args)]
pub struct StudyArgs {
    /// Study only this chapter (id or number 1-10); repeat for several.
    #[arg(short, long = "chapter", value_name = "C")]
    pub chapters: Vec<String>,

    /// New (never answered) questions introduced a day. A question first answered in any
    /// session, a random interview too, counts as introduced that day.
    #[arg(long = "new", value_name = "N", default_value_t = crate::practice::NEW_PER_DAY, value_parser = whole::<usize>)]
    pub new_per_day: usize,

    /// The chance of recall at which a question falls due (FSRS's desired retention), 0.5 to
    /// 0.99.
    #[arg(long, value_name = "R", default_value_t = crate::fsrs::DEFAULT_RETENTION)]
    pub retention: f64,

    /// Read answers from this file (or - for stdin), separated by lines of `---`.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Answering aloud.
    #[command(flatten)]
    pub speech: SpeechArgs,
}

/// Options of `grill review`.
#[derive(Debug, Clone, Args)]
pub struct ReviewArgs {
    /// The session: its id, a unique prefix of it, or its number in `grill history`. Default:
    /// the latest session with answers not yet rated.
    pub session: Option<String>,
}

/// Options of `grill undo`.
#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Print what was taken back as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Options of `grill score`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["question", "batch"])))]
pub struct ScoreArgs {
    /// The bank question to score against.
    #[arg(short, long, value_name = "ID", value_parser = whole::<u32>)]
    pub question: Option<u32>,

    /// The answer text.
    #[arg(short, long, value_name = "TEXT", conflicts_with_all = ["answer_file", "batch"])]
    pub answer: Option<String>,

    /// Read the answer from this file (- for stdin).
    #[arg(long, value_name = "FILE", conflicts_with = "batch")]
    pub answer_file: Option<PathBuf>,

    /// Score a JSON Lines file (- for stdin); prints one JSON object per line.
    #[arg(long, value_name = "FILE", conflicts_with = "question")]
    pub batch: Option<PathBuf>,

    /// Score a batch on N threads, 1 to 1024 (default: the available cores; 1 is
    /// single-threaded).
    #[arg(short, long, value_name = "N", requires = "batch", value_parser = whole::<usize>)]
    pub jobs: Option<usize>,

    /// Print JSON instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// Options of `grill schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Only this chapter (id or number); repeat for several.
    #[arg(short, long = "chapter", value_name = "C")]
    pub chapters: Vec<String>,

    /// Print the schedule (or, with --optimize, the comparison) as JSON.
    #[arg(long)]
    pub json: bool,

    /// Fit your own FSRS weights to your reviews; keep them if they predict your recalls better.
    #[arg(long)]
    pub optimize: bool,

    /// With --optimize: keep the fitted weights, if better, without asking.
    #[arg(long, short)]
    pub yes: bool,

    /// With --optimize: go back to FSRS-6's default weights.
    #[arg(long)]
    pub reset: bool,
}

/// Options of `grill report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only the last N sessions.
    #[arg(long, value_name = "N", value_parser = whole::<usize>)]
    pub last: Option<usize>,

    /// Only sessions on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only this chapter (id or number); repeat for several.
    #[arg(short, long = "chapter", value_name = "C")]
    pub chapters: Vec<String>,

    /// Output format.
    #[arg(long, value_name = "FORMAT", default_value = "text")]
    pub format: ReportFormat,

    /// Also write a self-contained HTML page with charts to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// A chapter is "ready" at this mean score and above.
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = 75.0,
        allow_negative_numbers = true
    )]
    pub ready: f64,

    /// A chapter is "close" at this mean score and above (and "not yet" below).
    #[arg(
        long,
        value_name = "SCORE",
        default_value_t = 50.0,
        allow_negative_numbers = true
    )]
    pub close: f64,

    /// Fewest questions answered in a chapter before it gets a verdict.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = whole::<usize>)]
    pub min_questions: usize,
}

/// Options of `grill history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// What to do; with none, list the sessions.
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,

    /// Print the list (or with `show`, the session) as JSON, as `history list --json` does.
    #[arg(long)]
    pub json: bool,

    /// Print where the history is kept: the database file `grill.db` in $GRILL_HOME, else in
    /// the platform's data folder.
    #[arg(long)]
    pub path: bool,
}

/// `grill history` subcommands.
#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// List the saved sessions.
    #[command(after_help = "Examples:
  grill history list
  grill history list --json > sessions-list.json")]
    List {
        /// Print JSON: number, id, dates, bank, status, questions answered and score per session.
        #[arg(long)]
        json: bool,
    },
    /// Replay a session: each question, the answer given, the score and the evidence.
    #[command(after_help = "Examples:
  grill history show 3                        by its number in `grill history`
  grill history show 20261124-063512-7f3a     by its id
  grill history show 3 --json > session.json  the saved record (`grill history import` takes it)
  grill history show 3 --format markdown > sheet.md   a study sheet to keep")]
    Show {
        /// The session's id or its number in `grill history`.
        id: String,
        /// Print the session's saved record as JSON (the same as `grill start --json`).
        #[arg(long)]
        json: bool,
        /// text (for the terminal) or markdown (a study sheet: each answer, its score and
        /// rating, the full reference with each bullet marked covered, partly or missed).
        #[arg(
            long,
            value_name = "FORMAT",
            default_value = "text",
            conflicts_with = "json"
        )]
        format: ShowFormat,
    },
    /// Write all sessions as JSON to stdout.
    #[command(after_help = "Examples:
  grill history export > sessions.json
  grill history export | jq '.sessions | length'")]
    Export,
    /// Merge sessions from an exported JSON file: new sessions are added, and answers and
    /// ratings the history lacks are added to the sessions it has.
    #[command(after_help = "Examples:
  grill history import sessions.json        a file from `grill history export`
  grill history import session.json         one record, from `grill start --json` or `history show --json`
  ssh laptop grill history export | grill history import -")]
    Import {
        /// The file written by `grill history export`.
        file: PathBuf,
    },
    /// Rate an answer yourself: again, hard, good or easy (or 1-4). Scheduling and readiness
    /// then use your rating instead of grill's score.
    #[command(after_help = "Examples:
  grill history rate 3 57 good             question 57 of session 3 (see `grill history`)
  grill history rate 20261130-2101 12 1    an id prefix; 1 is again")]
    Rate {
        /// The session: its id, a unique prefix of it, or its number in `grill history`.
        session: String,
        /// The question's id in the bank (57 or Q57).
        question: String,
        /// again, hard, good or easy; or 1-4; or a, h, g, e.
        rating: String,
    },
    /// Delete sessions (asks first in a terminal; --yes for scripts).
    #[command(after_help = "Examples:
  grill history delete 4
  grill history delete 20261130-210102 20261130-213344 --yes")]
    Delete {
        /// Sessions: ids, unique prefixes, or numbers in `grill history`.
        #[arg(required = true)]
        sessions: Vec<String>,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
    /// Copy the whole history to a new file, safely even while grill runs.
    ///
    /// The copy is made with SQLite's online backup, so it is consistent while other grills
    /// write. It is a database `sqlite3` opens; named grill.db in a folder that GRILL_HOME
    /// names, it is a history grill uses.
    #[command(after_help = "Examples:
  grill history backup ~/grill-backup-2026-12-07.db
  sqlite3 ~/grill-backup-2026-12-07.db 'select count(*) from sessions'")]
    Backup {
        /// The file to write; it must not exist yet.
        file: PathBuf,
    },
    /// Delete sessions in which nothing was answered (older grills saved them).
    #[command(after_help = "Examples:
  grill history prune --empty --yes")]
    Prune {
        /// Delete the sessions with no answer typed.
        #[arg(long, required = true)]
        empty: bool,
        /// Do not ask.
        #[arg(long, short)]
        yes: bool,
    },
}

/// The bank formats in brief, for `grill bank validate --help` (README.md has the long form).
const BANK_FORMATS: &str = "\
Text format (.txt, .md, or any file not starting with `{`):
  title: My bank                  optional header lines: title, description, format: 1
  # basics: Language basics       a chapter: `# id: Title`, or `# Title` (id made from it)
  Q1. What is a closure?          a question: Q<number>. prompt
  - Captures enclosing names.     a reference bullet; an indented line continues the one above
    | keeps the outer variables   another wording that meets the bullet too (indented `| `)
  > Closures bind late.           a note (after the bullets): shown, never scored
  ## Synonyms                     then `- dict, dictionary` (one group per line)
  ## Tips                         then `- tip` lines

JSON format (.json, or a file starting with `{`), as `grill bank export` prints it:
  {\"format\": 1, \"title\": \"...\", \"chapters\": [{\"id\": \"basics\", \"title\": \"...\",
    \"questions\": [{\"id\": 1, \"prompt\": \"...\", \"bullets\": [\"...\"], \"notes\": [\"...\"],
      \"alternatives\": {\"1\": [\"another wording of bullet 1\"]}}]}],
   \"tips\": [\"...\"], \"synonyms\": [[\"dict\", \"dictionary\"]]}

Question ids are unique numbers from 1; every chapter needs a question and every question a
bullet; bullets and notes are not empty; synonym terms hold no commas; a JSON key is given once.
Put code in backticks. A bullet of over 100 words gets a warning (one idea a bullet), and so
does a bullet or alternative of only common words (nothing to score); the bank is still valid.

Examples:
  grill bank validate my-bank.txt
  grill bank export --format text > start-from-this.txt";

/// Options of `grill bank`.
#[derive(Debug, Args)]
pub struct BankArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: BankCommand,
}

/// `grill bank` subcommands.
#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// A table of the questions: id, chapter and prompt.
    #[command(after_help = "Examples:
  grill bank list
  grill bank list -c 3 -c oop
  grill bank list --json | jq -r '.questions[] | select(.chapter == \"oop\") | .prompt'")]
    List {
        /// Only this chapter (id or number); repeat for several.
        #[arg(short, long = "chapter", value_name = "C")]
        chapters: Vec<String>,
        /// Print JSON: every question's id, chapter and prompt.
        #[arg(long)]
        json: bool,
    },
    /// One question's prompt and reference bullets, then its notes.
    #[command(after_help = "Examples:
  grill bank show 57
  grill --bank my-bank.txt bank show 3 --json")]
    Show {
        /// The question id.
        id: u32,
        /// Print JSON: the id, chapter, prompt and bullets.
        #[arg(long)]
        json: bool,
    },
    /// Each chapter's id, number, title and question count.
    #[command(after_help = "Examples:
  grill bank chapters
  grill bank chapters --json")]
    Chapters {
        /// Print JSON: each chapter's number, id, title and question count.
        #[arg(long)]
        json: bool,
    },
    /// Find questions by words of their prompts and bullets, as the scorer reads words:
    /// word forms, synonyms and typos match too.
    #[command(after_help = "Examples:
  grill bank search decorator
  grill bank search 'global interpreter lock'      also finds GIL
  grill bank search generaters                     typos match too
  grill bank search -c concurrency thread --json")]
    Search {
        /// The words to find; a question matches when it has all of them.
        #[arg(required = true, value_name = "TEXT")]
        text: Vec<String>,
        /// Only this chapter (id or number); repeat for several.
        #[arg(short, long = "chapter", value_name = "C")]
        chapters: Vec<String>,
        /// Print JSON: each matching question with the lines that matched and how.
        #[arg(long)]
        json: bool,
    },
    /// Check a bank file and list every problem with its line.
    #[command(after_help = BANK_FORMATS)]
    Validate {
        /// The bank file (JSON or text format).
        path: PathBuf,
    },
    /// Print the bank (the built-in one, or --bank) as JSON, text or an Anki package.
    #[command(after_help = "Examples:
  grill bank export > python.json
  grill bank export --format text > start-from-this.txt
  grill --bank my-bank.txt bank export          my text bank as JSON
  grill bank export --format apkg -o python.apkg
  grill --bank sql bank export --format apkg > sql.apkg

An Anki package holds one note a question (front: the prompt; back: the bullets, then the
notes) in one sub-deck a chapter (`Bank title::Chapter title`), with the question's tags.
Exporting again and importing into Anki updates those notes instead of adding copies.")]
    Export {
        /// Output format.
        #[arg(long, value_name = "FORMAT", default_value = "json")]
        format: ExportFormat,
        /// Write to this file instead of stdout (replaced whole, never half-written).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read a bank from another format and print it in grill's (or add it to the library).
    #[command(after_help = IMPORT_FORMATS)]
    Import {
        /// The file: an Anki package (.apkg, .colpkg), CSV/TSV, Markdown, or a grill bank;
        /// `-` reads stdin.
        file: PathBuf,
        /// What to print.
        #[arg(
            long,
            value_name = "FORMAT",
            default_value = "text",
            conflicts_with = "add"
        )]
        format: Format,
        /// Add it to the library under this name instead of printing it.
        #[arg(long, value_name = "NAME")]
        add: Option<String>,
        /// With --add: replace a library bank of that name (its history is kept).
        #[arg(long, requires = "add")]
        replace: bool,
    },
    /// Check a bank in any format (see `grill bank import --help`) and keep a copy in the
    /// library, to use by name: `grill --bank NAME`.
    #[command(after_help = "Examples:
  grill bank add sql.txt                        added as `sql`
  grill bank add 'Interview deck.apkg' --name interview
  grill bank add sql-v2.txt --name sql --replace
  grill --bank sql                              an interview from it
  GRILL_BANK=sql grill study

Names are 1 to 40 letters, digits, `-` or `_` (case does not matter); `python` and `modern`
are kept for built-in banks. The copy is grill's JSON in the data folder (GRILL_HOME, or the
platform's data folder), under banks/NAME.json. Replacing a bank keeps its history: sessions
are matched to a bank by its title.")]
    Add {
        /// The bank file, in any format `grill bank import` reads.
        file: PathBuf,
        /// The name to use it by (default: made from the file name).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Replace a library bank of that name (its history is kept).
        #[arg(long)]
        replace: bool,
    },
    /// The banks you can use by name: built in and added, with their question counts and when
    /// each was last practised.
    #[command(after_help = "Examples:
  grill bank library
  grill bank library --json | jq -r '.banks[].name'")]
    Library {
        /// Print JSON: each bank's name, title, counts, last practice and file.
        #[arg(long)]
        json: bool,
    },
    /// Remove a bank from the library (its sessions stay in the history).
    #[command(after_help = "Examples:
  grill bank remove sql")]
    Remove {
        /// The library name.
        name: String,
    },
}

/// The formats `grill bank import` and `grill bank add` read, for their help.
const IMPORT_FORMATS: &str = "\
Formats, told apart by content (a zip is an Anki package whatever its name):
  Anki package     .apkg / .colpkg: each note a question; its note type says which field
                   asks and which answers; cloze deletions are asked as blanks; decks and
                   sub-decks become chapters; tags kept; images and sounds dropped (counted)
  Anki plain text  Anki's \"Notes in Plain Text\" export (#separator:tab, #html:true,
                   #tags column:N, #deck column:N headers)
  CSV / TSV        question,answer rows (a header row may name question, answer, chapter,
                   tags, notes); quoted cells may hold commas, quotes and line breaks
  Markdown         `Q:`/`A:` blocks, or `## question` headings over `- bullet` lists, or
                   `Q12.` lines; headings above questions are chapters
  grill            grill's JSON and text formats (`grill bank validate --help`)
An answer's list items are its bullets, else its lines, else its sentences. Whatever cannot
be read is listed with its line (or Anki note id) on stderr; the rest is imported.

Examples:
  grill bank import deck.apkg > deck.txt              look, edit, then `grill bank add deck.txt`
  grill bank import cards.csv --format json
  grill bank import notes.md --add interview          straight into the library
  grill bank import deck.apkg --add sql --replace";

/// A whole number of 0 or more for a flag (`-n 5`), with a message that says so: clap's own
/// for `-n -1` or `-n 2.5` is Rust's "invalid digit found in string".
fn whole<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    let t = s.trim();
    t.parse().map_err(|_| {
        if t.starts_with('-') {
            "a whole number of 0 or more, not below it".to_string()
        } else if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            "too large a number".to_string()
        } else {
            "a whole number such as 5 (digits only)".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_means_an_interview_with_defaults() {
        let cli = Cli::parse_from_iter(["grill"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.start.questions, 10);
        assert_eq!(cli.start.time, "3m");
        let cli = Cli::parse_from_iter(["grill", "-n", "3", "-c", "oop"]).unwrap();
        assert_eq!(cli.start.questions, 3);
        assert_eq!(cli.start.chapters, vec!["oop"]);
    }

    #[test]
    fn retry_rejects_the_options_it_would_ignore_and_score_needs_a_question_or_batch() {
        for extra in [["-n", "3"], ["--seed", "5"]] {
            let mut args = vec!["grill", "--retry", "1"];
            args.extend(extra);
            let err = Cli::parse_from_iter(args).unwrap_err();
            assert_eq!(
                err.kind(),
                clap::error::ErrorKind::ArgumentConflict,
                "{err}"
            );
        }
        let err = Cli::parse_from_iter(["grill", "score"])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--question") && err.contains("--batch"),
            "{err}"
        );
        // Negative values reach grill's own checks, which say what is wrong with them.
        let cli = Cli::parse_from_iter(["grill", "--time", "-1"]).unwrap();
        assert_eq!(cli.start.time, "-1");
    }

    #[test]
    fn global_options_go_anywhere_but_interview_options_only_with_start() {
        let cli = Cli::parse_from_iter([
            "grill", "--bank", "b.txt", "--color", "never", "bank", "chapters",
        ])
        .unwrap();
        assert_eq!(cli.bank.as_deref(), Some(std::path::Path::new("b.txt")));
        let err = Cli::parse_from_iter(["grill", "-n", "5", "report"]).unwrap_err();
        assert!(
            err.to_string()
                .contains("--questions is an interview option"),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
    }
}
