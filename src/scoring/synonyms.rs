//! Synonyms and abbreviations: the built-in groups common in programming talk, plus a bank's
//! own groups, as a lookup from stemmed words and phrases to a concept number.
//!
//! The built-in list is deliberately general (no domain beyond "talking about code"): a bank
//! adds its own terms in its `synonyms` section.

use rustc_hash::FxHashMap;

/// Built-in groups: words and phrases that mean the same in programming talk.
/// Multi-word entries are matched as phrases ("global interpreter lock" is one idea).
pub const BUILT_IN: &[&[&str]] = &[
    &["dict", "dictionary", "hashmap", "hash map"],
    &["func", "fn", "function"],
    &["arg", "args", "argument", "arguments"],
    &["kwargs", "keyword arguments", "keyword args"],
    &["param", "params", "parameter"],
    &["gil", "global interpreter lock"],
    &["oop", "object-oriented", "object oriented programming"],
    &["db", "database"],
    &["gc", "garbage collector", "garbage collection"],
    &["var", "variable"],
    &["str", "string"],
    &["int", "integer"],
    &["bool", "boolean"],
    &["attr", "attribute"],
    &["obj", "object"],
    &["repo", "repository"],
    &["config", "configuration"],
    &["env", "environment"],
    &["dir", "directory", "folder"],
    &["async", "asynchronous"],
    &["sync", "synchronous"],
    &["lib", "library"],
    &["pkg", "package"],
    &["len", "length"],
    &["api", "application programming interface"],
    &["cpu", "processor"],
    &["regex", "regexp", "regular expression"],
    &["ast", "abstract syntax tree"],
    &["vm", "virtual machine"],
    &["jit", "just-in-time", "just in time compiler"],
    &["auto", "automatic", "automatically"],
    &["os", "operating system"],
    &["io", "i/o", "input/output", "input and output"],
    &["mem", "memory"],
    &["impl", "implementation"],
    &[
        "init",
        "initialize",
        "initialise",
        "initialization",
        "initialisation",
    ],
    &["spec", "specification"],
    &["ptr", "pointer"],
    &["ref", "reference"],
    &["addr", "address"],
    &["seq", "sequence"],
    &["elem", "element"],
    &["idx", "index"],
    &["num", "number"],
    &["max", "maximum", "largest"],
    &["min", "minimum", "smallest"],
    &["avg", "average"],
    &["doc", "docs", "documentation"],
    &["info", "information"],
    &["msg", "message"],
    &["char", "character"],
    &["ctor", "constructor"],
    &["dtor", "destructor"],
    &["bst", "binary search tree"],
    &["dfs", "depth-first search"],
    &["bfs", "breadth-first search"],
    &["adt", "abstract data type"],
    &["lifo", "last in first out", "last-in-first-out"],
    &["fifo", "first in first out", "first-in-first-out"],
    &["o(1)", "constant time"],
    &["o(n)", "linear time"],
    &["o(logn)", "logarithmic time", "log time"],
    &["o(n^2)", "quadratic time"],
    &["cli", "command line", "command-line interface"],
    &["ui", "user interface"],
    &["http", "hypertext transfer protocol"],
    &["sql", "structured query language"],
    &[
        "orm",
        "object-relational mapper",
        "object relational mapping",
    ],
    &["tdd", "test-driven development"],
    &["ci", "continuous integration"],
    &["exe", "executable"],
    &["app", "application"],
    &["proc", "process"],
    &["thread pool", "threadpool"],
    &["mutex", "lock"],
    &["iterate", "loop over", "traverse"],
    &["immutable", "unchangeable", "read-only"],
    // "Unlimited number" in a reference, "as many as you want" in an answer (issue 21).
    &[
        "unlimited",
        "unbounded",
        "as many as you want",
        "as many as you like",
        "as many as needed",
        "any number of",
        "an arbitrary number of",
        "no limit",
        "no fixed limit",
    ],
    // The field's abbreviations, met by what they stand for and back (issue 21).
    &[
        "srp",
        "single responsibility principle",
        "single-responsibility principle",
        "single responsibility",
    ],
    &[
        "ocp",
        "open/closed principle",
        "open-closed principle",
        "open closed principle",
    ],
    &[
        "lsp",
        "liskov substitution principle",
        "liskov substitution",
    ],
    &[
        "isp",
        "interface segregation principle",
        "interface segregation",
    ],
    &[
        "dip",
        "dependency inversion principle",
        "dependency inversion",
    ],
    &[
        "tco",
        "tail call optimization",
        "tail-call optimization",
        "tail call optimisation",
        "tail call elimination",
    ],
    &["mro", "method resolution order"],
    &[
        "legb",
        "local enclosing global built-in",
        "local enclosing global builtin",
    ],
    &["eafp", "easier to ask forgiveness than permission"],
    &["lbyl", "look before you leap"],
    &["pep", "python enhancement proposal"],
    &["abc", "abstract base class"],
    &["lru", "least recently used"],
    &["ttl", "time to live"],
    &["repl", "read-eval-print loop", "read eval print loop"],
    &["wsgi", "web server gateway interface"],
    &["asgi", "asynchronous server gateway interface"],
    &[
        "ipc",
        "inter-process communication",
        "interprocess communication",
    ],
    &["rpc", "remote procedure call"],
    &["dsl", "domain-specific language"],
    &["venv", "virtual environment"],
    &["dunder", "double underscore"],
];

/// The words and phrases of a group, already analyzed into keys (stems, or code names).
pub type Keys = Vec<String>;

/// A lookup from a word or a phrase to the concept (group) it belongs to.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    single: FxHashMap<String, u32>,
    /// Phrases by their first key, longest first, so "garbage collector" wins over "garbage".
    phrases: FxHashMap<String, Vec<(Keys, u32)>>,
    groups: u32,
}

impl Synonyms {
    /// Adds a group (each member analyzed into its keys). A member already known joins the
    /// group to the concept it belongs to, so a bank can extend a built-in group.
    pub fn add_group(&mut self, members: Vec<Keys>) {
        let members: Vec<Keys> = members.into_iter().filter(|m| !m.is_empty()).collect();
        if members.len() < 2 {
            return;
        }
        let existing = members.iter().find_map(|m| self.concept_of(m));
        let concept = existing.unwrap_or_else(|| {
            self.groups += 1;
            self.groups
        });
        for m in members {
            if m.len() == 1 {
                self.single.entry(m[0].clone()).or_insert(concept);
            } else {
                let list = self.phrases.entry(m[0].clone()).or_default();
                if !list.iter().any(|(k, _)| *k == m) {
                    list.push((m, concept));
                    list.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
                }
            }
        }
    }

    fn concept_of(&self, keys: &[String]) -> Option<u32> {
        if keys.len() == 1 {
            return self.single.get(&keys[0]).copied();
        }
        self.phrases
            .get(&keys[0])?
            .iter()
            .find(|(k, _)| k == keys)
            .map(|(_, c)| *c)
    }

    /// The concept of one word's key.
    pub fn word(&self, key: &str) -> Option<u32> {
        self.single.get(key).copied()
    }

    /// Every one-word member's key with its concept, in no order.
    pub fn singles(&self) -> impl Iterator<Item = (&str, u32)> {
        self.single.iter().map(|(k, c)| (k.as_str(), *c))
    }

    /// Whether some phrase starts with this key.
    pub fn starts_phrase(&self, key: &str) -> bool {
        self.phrases.contains_key(key)
    }

    /// The longest phrase starting at `keys[0]`: its length in keys and its concept.
    pub fn phrase_at<S: AsRef<str>>(&self, keys: &[S]) -> Option<(usize, u32)> {
        let first = keys.first()?;
        self.phrases
            .get(first.as_ref())?
            .iter()
            .find(|(k, _)| {
                k.len() <= keys.len() && k.iter().zip(keys).all(|(a, b)| a == b.as_ref())
            })
            .map(|(k, c)| (k.len(), *c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Keys {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn groups_merge_through_a_shared_member() {
        let mut s = Synonyms::default();
        s.add_group(vec![keys("dict"), keys("dictionari")]);
        s.add_group(vec![keys("dictionari"), keys("map")]);
        assert_eq!(s.word("dict"), s.word("map"));
        assert!(s.word("dict").is_some());
        assert_eq!(s.word("list"), None);
    }

    #[test]
    fn the_longest_phrase_wins() {
        let mut s = Synonyms::default();
        s.add_group(vec![keys("gc"), keys("garbag collector")]);
        s.add_group(vec![keys("trash"), keys("garbag")]);
        let text = keys("garbag collector run");
        assert_eq!(s.phrase_at(&text), Some((2, s.word("gc").unwrap())));
        assert_eq!(s.phrase_at(&keys("garbag truck")), None);
    }

    #[test]
    fn the_fields_abbreviations_meet_their_expansions() {
        let a = crate::scoring::analyzer::Analyzer::new(&[]);
        let concept = |text: &str| {
            let k = a.keywords(text);
            assert_eq!(k.len(), 1, "{text}: {k:?}");
            k[0].concept
        };
        for (short, long) in [
            ("SRP", "single responsibility principle"),
            ("TCO", "tail call optimization"),
            ("MRO", "method resolution order"),
            ("LEGB", "local enclosing global built-in"),
            ("LSP", "Liskov substitution principle"),
            ("GIL", "global interpreter lock"),
        ] {
            assert!(concept(short).is_some(), "{short}");
            assert_eq!(concept(short), concept(long), "{short} / {long}");
        }
    }

    #[test]
    fn unlimited_is_met_by_how_people_say_it() {
        // Issue 21: "as many as you want" for "Unlimited number" scored 0.
        let scorer = crate::scoring::Scorer::fixed(&[]);
        let bullets = ["Unlimited number".to_string()];
        let prompt = Some("How many elements can a linked list hold?");
        for answer in [
            "as many as you want",
            "there is no limit",
            "any number of nodes",
        ] {
            let a = scorer.score(prompt, &bullets, answer);
            assert!(a.score > 60.0, "{answer}: {a:?}");
        }
        assert_eq!(scorer.score(prompt, &bullets, "a fixed size").score, 0.0);
    }
}
