//! Compounds: words run together by hyphens or slashes ("no-op", "I/O", "thread-safe"), how
//! a run of them is found among a text's terms, and what the answer may write for one.
//!
//! Whether a compound is one keyword or a keyword per word is decided here (`is_weak`); the
//! keywords are made in [`super::keywords`], and met in [`super::matching`].

use super::terms::{Term, stemmer};

/// Words run together by hyphens or slashes: "no-op", "I/O", "thread-safe", "copy-on-write".
///
/// When a part is a stopword or two letters or fewer ("no", "op", "I", "in", "on") the parts
/// mean little alone, so the compound is one keyword, met by its joined form however the
/// answer writes it ("no-op", "noop", "no op"). When every part is a word of its own
/// ("thread-safe"), each part stays a keyword, as in prose, and the joined form
/// ("threadsafe", "thread-safety") meets every part too.
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// The parts run together, case-folded: "noop", "io", "threadsafe".
    pub norm: String,
    /// The stem of `norm`, for derived forms ("threadsafety" for "threadsafe").
    pub stem: String,
    /// One keyword for the whole compound, not one per part.
    pub whole: bool,
    /// For a whole compound, what naming only some of it earns partial credit for: its words
    /// of their own, and runs of short parts (the "I/O" of "I/O-bound").
    pub units: Vec<Unit>,
}

/// A meaningful piece of a whole compound.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A word of its own ("bound" in "I/O-bound"), matched as any word.
    Word(Term<'static>),
    /// Short parts run together ("io"), matched as a joined form.
    Run(String),
}

impl Compound {
    /// The compound of a run of joined words.
    pub fn of(run: &[Term]) -> Compound {
        let norm = joined_norm(run);
        let stem = stemmer().stem(&norm).into_owned();
        let whole = any_weak(run);
        let mut units = Vec::new();
        if whole {
            let short = |t: &Term| t.norm.chars().count() <= 2;
            let mut j = 0;
            while j < run.len() {
                let k = j + run[j..].iter().take_while(|t| short(t)).count();
                if k > j + 1 && k - j < run.len() {
                    units.push(Unit::Run(joined_norm(&run[j..k])));
                } else if k == j {
                    if !is_weak(run, j) {
                        units.push(Unit::Word(run[j].clone().into_owned()));
                    }
                    j += 1;
                    continue;
                }
                j = k;
            }
        }
        Compound {
            norm,
            stem,
            whole,
            units,
        }
    }
}

/// A part of a compound that means little alone: a stopword, two letters or fewer ("op",
/// "I", "O"), the plural of one ("no-ops", "built-ins"), or a prefix before a hyphen
/// ("non-blocking", "re-export").
pub(super) fn is_weak(run: &[Term], j: usize) -> bool {
    let t = &run[j];
    let short = |w: &str| w.chars().count() <= 2;
    t.stop
        || short(&t.norm)
        || t.norm.strip_suffix('s').is_some_and(short)
        || (PREFIXES.contains(&t.norm.as_ref())
            && run.get(j + 1).is_some_and(|n| n.sep == Some('-')))
}

/// Prefixes that are written as a word before a hyphen but are not a word alone.
const PREFIXES: &[&str] = &[
    "anti", "co", "de", "inter", "intra", "multi", "non", "post", "pre", "re", "semi", "sub", "un",
];

/// Whether some part of a compound means little alone, making it one keyword.
pub(super) fn any_weak(run: &[Term]) -> bool {
    (0..run.len()).any(|j| is_weak(run, j))
}

/// Where the compound starting at `i` ends (exclusive): past the words joined to it by
/// hyphens or slashes; `i + 1` when there are none, or when `i` is inside a compound.
pub(super) fn run_end(terms: &[Term], i: usize) -> usize {
    if terms[i].sep.is_some() {
        return i + 1;
    }
    i + 1
        + terms[i + 1..]
            .iter()
            .take_while(|t| t.sep.is_some())
            .count()
}

/// A compound's parts run together, case-folded.
pub(super) fn joined_norm(run: &[Term]) -> String {
    run.iter().map(|t| t.norm.as_ref()).collect()
}

/// A compound as written: its parts with their hyphens and slashes, or spaces.
pub(super) fn surface_join(run: &[Term]) -> String {
    let mut s = String::new();
    for (i, t) in run.iter().enumerate() {
        if i > 0 {
            s.push(t.sep.unwrap_or(' '));
        }
        s.push_str(&t.surface);
    }
    s
}

/// Whether `word` is a derived form of a joined compound: a plural ("noops"), or, for one long
/// enough that its stem is telling, a short ending on that stem ("threadsafety").
pub(super) fn derived(word: &str, norm: &str, stem: &str) -> bool {
    let plural = word.len() == norm.len() + 1 && word.starts_with(norm) && word.ends_with('s');
    let ending = stem.len() >= 5
        && word.len() > stem.len()
        && word.len() <= stem.len() + 4
        && word.starts_with(stem)
        && word[stem.len()..].bytes().all(|b| b.is_ascii_lowercase());
    plural || ending
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::analyzer::Analyzer;

    /// The compound of the whole of `text`, a run of joined words.
    fn compound(text: &str) -> Compound {
        let a = Analyzer::new(&[]);
        let terms = a.terms(text);
        assert_eq!(run_end(&terms, 0), terms.len(), "{text} is one run");
        Compound::of(&terms)
    }

    #[test]
    fn a_run_ends_where_the_joining_marks_do() {
        let a = Analyzer::new(&[]);
        let terms = a.terms("a no-op and I/O-bound work");
        let ends: Vec<usize> = (0..terms.len()).map(|i| run_end(&terms, i)).collect();
        // "a", "no-op", "and", "I/O-bound", "work"; inside a run, a word is its own.
        assert_eq!(ends, vec![1, 3, 3, 4, 7, 6, 7, 8]);
        assert_eq!(surface_join(&terms[1..3]), "no-op");
        assert_eq!(joined_norm(&terms[4..7]), "iobound");
    }

    #[test]
    fn a_part_that_means_little_alone_makes_the_compound_one_keyword() {
        for text in ["no-op", "I/O", "built-ins", "non-blocking", "copy-on-write"] {
            assert!(compound(text).whole, "{text}");
        }
        for text in ["thread-safe", "read-write"] {
            assert!(!compound(text).whole, "{text}");
        }
    }

    #[test]
    fn a_whole_compound_is_met_in_part_by_its_words_and_runs_of_short_parts() {
        let c = compound("I/O-bound");
        assert_eq!((c.norm.as_str(), c.stem.as_str()), ("iobound", "iobound"));
        assert_eq!(c.units.len(), 2);
        assert_eq!(c.units[0], Unit::Run("io".to_string()));
        assert!(matches!(&c.units[1], Unit::Word(t) if t.norm == "bound"));
        // Parts that mean little alone are no units; a compound of words needs none.
        assert!(compound("no-op").units.is_empty());
        assert!(compound("thread-safe").units.is_empty());
    }

    #[test]
    fn derived_forms_of_a_joined_compound() {
        assert!(derived("noops", "noop", "noop"));
        assert!(derived("threadsafety", "threadsafe", "threadsaf"));
        assert!(!derived("threadsafeguards", "threadsafe", "threadsaf"));
        // A short stem says too little for an ending: "io" + "n" is not "I/O".
        assert!(!derived("ion", "io", "io"));
    }
}
