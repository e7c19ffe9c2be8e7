//! Claims, not words: an answer that meets a bullet's words but says the opposite ("`is`
//! does not check identity" for "`is` checks identity", "sets use hash tables" for "sets do
//! not use hash tables") **contradicts** it. A contradicted bullet is met by nothing and costs
//! the score `CONTRADICTION_COST` of its weight, so a wrong claim in the reference's words
//! scores below saying nothing about it; the evidence shows it as contradicted.
//!
//! Telling a contradiction from words is guesswork, so the test is strict, and ordinary
//! matching keeps its own negation rule ([`super::negation`]): a bullet is contradicted only
//! when the answer meets at least `CLAIM_COVER` of its keyword weight, and
//! - the bullet negates ("the terminals are not connected") and no sentence of the answer that
//!   holds those words negates anything ("the terminals are connected"); or
//! - the bullet does not negate and at least half the weight the answer meets is said the
//!   other way round: negated (in a negated part of a clause, and nowhere un-negated) where the
//!   bullet states it ("Sets do not use hash tables"), or stated where the bullet negates it
//!   with "without" ("Maintains references without preventing garbage collection").
//!
//! A negation negates the rest of its clause (up to a comma, a full stop, a semicolon, a colon
//! or a word of contrast: "but", "however", "although", "whereas", "instead", "rather", "yet",
//! "though"), not what came before it: "Terminal 4 is connected and it is not separated by a
//! gap" negates "separated" and "gap" only. "not only", "not all", "not every", "not always"
//! and "not just" negate nothing (they limit a claim, not deny it); "without", "never", "no
//! longer", "cannot" and "none of" do, and two negations in a row cancel ("never not").
//! A condition ("by default", "unless", "until", "except", or "without" after a negation) frees
//! its clause from the negation: "Closures can't modify captured variables by default, you need
//! `nonlocal`" says how to, not that it cannot ([`Hedges`]).
//! "instead of" and "rather than" make their sentence one that denies something (so it does
//! not contradict a bullet that negates: "yields values instead of building the whole list"
//! for "does not build the whole list"), but negate no word, as their reach is not told by
//! words alone ("instead of recursion, it is by iteration").
//!
//! The steps: preparing a bullet, [`scope`] (which keywords it negates, whether it negates
//! anything); assessing an answer, per bullet [`contradicted`], by the keywords it meets either
//! way, reading the answer once ([`Polarity::of`]) only when a bullet is met enough to ask.

use rustc_hash::FxHashMap;

use super::negation::{is_negation, none_of};

/// The share of a contradicted bullet's weight taken off the pooled share of the reference.
pub const CONTRADICTION_COST: f64 = 0.5;

/// The least share of a bullet's keyword weight an answer must meet to contradict it: it must
/// make the same claim, the other way round.
pub const CLAIM_COVER: f64 = 0.75;

/// The least share of the weight of the words that tell a claim's way, of those the answer
/// meets, that it must say the other way round. Less than half: an answer negates the
/// predicate, not the subject before it ("The linked lists cannot be of variable length" of
/// "The linked lists can be of variable length" turns two of four words), and often restates
/// some words the right way after ("...; their length is fixed"). 0.5 let such answers keep a
/// full score; 0.34 took a full answer's "doesn't enforce foreign keys by default, you have to
/// run `PRAGMA foreign_keys = ON`" for a contradiction (README, issue 21's table).
pub const FLIPPED_SHARE: f64 = 0.4;

/// Whether the answer contradicts a bullet (see the module's doc): `met`, each keyword the
/// answer meets, either way (the answer's word as written, the keyword's weight, whether the
/// bullet negates it: see [`scope`]); `all`, the weight of all the bullet's keywords;
/// `negates`, whether the bullet says a negation; `polarity`, the answer read, asked for only
/// when the bullet is met enough to tell.
pub fn contradicted<'w, 'p: 'w>(
    negates: bool,
    met: impl Iterator<Item = (&'w str, f64, Option<bool>)> + Clone,
    all: f64,
    polarity: impl FnOnce() -> &'p Polarity<'p>,
) -> bool {
    let got: f64 = met.clone().map(|m| m.1).sum();
    if all <= 0.0 || got < CLAIM_COVER * all {
        return false;
    }
    let p = polarity();
    if negates {
        !met.clone().any(|(w, _, _)| p.in_negating_sentence(w))
    } else {
        // Of the words that tell a claim's way: not those a verb of prevention set aside,
        // unless the answer denies the verb itself ("doesn't prevent race conditions"), which
        // turns what it governs round with it.
        let verb_denied = met
            .clone()
            .any(|(w, _, negated)| negated == Some(false) && is_prevention(w) && p.only_negated(w));
        // A word of lack the bullet says too ("Omit `__init__.py` to allow ...") is its claim,
        // not a denial of it.
        let lack_denies = !met.clone().any(|(w, _, _)| is_lack(bare(w)));
        let (mut told, mut flipped) = (0.0, 0.0);
        for (w, weight, negated) in met {
            match negated {
                Some(n) => {
                    told += weight;
                    if p.denied(w, lack_denies) != n {
                        flipped += weight;
                    }
                }
                None if verb_denied => {
                    told += weight;
                    flipped += weight;
                }
                None => {}
            }
        }
        told > 0.0 && flipped >= FLIPPED_SHARE * told
    }
}

/// For each of a bullet's keywords (`displays`, as written), whether the bullet negates it
/// (none: set aside by a verb of prevention, it tells nothing of the claim's way); and whether
/// the bullet negates anything ("not just" does not).
pub fn scope<'k>(
    bullet: &str,
    displays: impl Iterator<Item = &'k str>,
) -> (Vec<Option<bool>>, bool) {
    // A word of lack in a bullet is what it names ("called for missing attributes"), not a
    // denial an answer must repeat: only an answer's lack words negate.
    let p = Polarity::read(bullet, true, false);
    // Through a map, so that a bullet of 40,000 words stays linear: per word, whether every
    // occurrence told is negated, or none is told.
    let mut only: FxHashMap<String, Option<bool>> = FxHashMap::default();
    for (&(w, negated, _), &aside) in p.words.iter().zip(&p.aside) {
        let e = only.entry(w.to_lowercase()).or_insert(None);
        if !aside {
            *e = Some(e.unwrap_or(true) && negated);
        }
    }
    let negated = displays
        .map(|d| {
            only.get(&bare(d).to_lowercase())
                .copied()
                .unwrap_or(Some(false))
        })
        .collect();
    (negated, p.negating.iter().any(|&n| n))
}

/// An answer's prose words (code in backticks left out), each with whether a negation before
/// it in its clause negates it and the sentence it is in; and which sentences negate anything.
/// Looked up by a scan: an answer is asked about the few words that met a bullet, and only
/// when it met most of one.
#[derive(Debug, Default)]
pub struct Polarity<'a> {
    words: Vec<(&'a str, bool, u32)>,
    negating: Vec<bool>,
    /// For each of `words`, whether it follows a verb of prevention in its clause (a bullet's
    /// only: "to avoid shell injection"); such words tell nothing of which way a claim goes.
    aside: Vec<bool>,
    /// For each of `words`, whether a word of lack negates it (not another negation).
    lacked: Vec<bool>,
}

/// Whether a word is "without", or a typo of it ("wihtout").
pub(super) fn is_without(word: &str) -> bool {
    (6..=8).contains(&word.len())
        && word.as_bytes()[0] | 0x20 == b'w'
        && (word.eq_ignore_ascii_case("without")
            || super::typos::is_typo("without", &word.to_ascii_lowercase()))
}

/// Whether a word says that something is not there or not done, as a negation does: "lacks",
/// "absent", "missing", "unable", "omits" ("Python lacks tail call optimization" denies "Python has
/// TCO"). Not "fails": it is as often the claim itself ("the call fails").
fn is_lack(word: &str) -> bool {
    let b = word.as_bytes();
    (4..=8).contains(&b.len())
        && matches!(b[0] | 0x20, b'l' | b'a' | b'm' | b'u' | b'o')
        && [
            "lack", "lacks", "lacked", "lacking", "absent", "missing", "unable", "omit", "omits",
            "omitted", "omitting",
        ]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(word))
}

/// Whether `word` is the "not" of "whether or not", or of an "or not" that ends its clause ("if
/// it is cached or not"): a choice left open, no denial ("evaluates whether or not to loop
/// after running the block"). `before` are the two words before it in its clause (the nearer
/// last), `ends` whether its clause ends after it; "mutable or not hashable" still denies.
pub(super) fn is_or_not(before: [Option<&str>; 2], word: &str, ends: bool) -> bool {
    let is = |w: Option<&str>, s: &str| w.is_some_and(|w| w.eq_ignore_ascii_case(s));
    word.eq_ignore_ascii_case("not") && is(before[1], "or") && (ends || is(before[0], "whether"))
}

/// Whether a word is a verb of keeping something from happening ("prevents", "avoid"). In a
/// bullet, what it governs is set aside: "to avoid shell injection" is met as well by "so input
/// cannot inject commands" as by "keeps injection out", so those words tell nothing of which
/// way the answer puts the claim. In an answer it makes its sentence one that denies (as a
/// bullet's "cannot" asks) but negates no word.
fn is_prevention(word: &str) -> bool {
    let b = word.as_bytes();
    if !(5..=11).contains(&b.len()) || !matches!(b[0] | 0x20, b'p' | b'a' | b'f' | b'd') {
        return false;
    }
    let w = word.to_ascii_lowercase();
    ["prevent", "avoid", "forbid", "prohibit", "disallow"]
        .iter()
        .any(|v| {
            w.strip_prefix(v)
                .is_some_and(|end| matches!(end, "" | "s" | "ed" | "ing" | "den"))
        })
}

/// Whether a word turns a clause round ("but it is").
fn is_contrast(word: &str) -> bool {
    // Every word of an answer that negates comes here: most are ruled out by length and
    // first letter.
    let b = word.as_bytes();
    if !(3..=8).contains(&b.len())
        || !matches!(
            b[0] | 0x20,
            b'b' | b'h' | b'a' | b't' | b'w' | b'i' | b'r' | b'y'
        )
    {
        return false;
    }
    [
        "but", "however", "although", "though", "whereas", "instead", "rather", "yet",
    ]
    .iter()
    .any(|c| c.eq_ignore_ascii_case(word))
}

/// Whether a word (with the `next` of its clause) makes its sentence a condition rather than a
/// denial: "by default", "unless", "until", "except" ("A closure cannot modify captured
/// variables by default; use `nonlocal`" says how to, not that it cannot).
pub(super) fn is_hedge(word: &str, next: Option<&str>) -> bool {
    let b = word.as_bytes();
    if !(2..=6).contains(&b.len()) || !matches!(b[0] | 0x20, b'b' | b'u' | b'e') {
        return false;
    }
    ["unless", "until", "except"]
        .iter()
        .any(|h| h.eq_ignore_ascii_case(word))
        || (word.eq_ignore_ascii_case("by")
            && next.is_some_and(|n| n.eq_ignore_ascii_case("default")))
}

/// Which words conditions free from a negation, as words are read one by one: a condition
/// ([`is_hedge`]) frees its own clause ("cannot modify them unless you declare them
/// `nonlocal`"), and the clause before it in the sentence when it opens its clause ("..., unless
/// you declare them"), and the clause after it when it is a clause of its own ("By default,
/// closures cannot ..."), but not the other clauses of its sentence: "await does not pause the
/// coroutine, it blocks the whole thread until the task completes" still denies pausing.
#[derive(Debug, Default)]
pub(super) struct Hedges {
    /// Where the current clause starts, and the one before it in the sentence (word indices).
    clause: usize,
    before: Option<usize>,
    /// From where words are freed when the current clause ends, if it is to be.
    from: Option<usize>,
    /// Whether a condition word is in the current clause (not only carried into it).
    here: bool,
    /// Whether the sentence had a condition.
    pub any: bool,
}

impl Hedges {
    /// A condition word, read with `len` words kept so far.
    pub(super) fn hedge(&mut self, len: usize) {
        let from = match self.before {
            Some(before) if len == self.clause => before,
            _ => self.clause,
        };
        self.from = Some(self.from.map_or(from, |f| f.min(from)));
        self.here = true;
        self.any = true;
    }

    /// A clause ends with `len` words kept (and a sentence, when `sentence`): where the words
    /// it frees start, if it frees any.
    pub(super) fn close(&mut self, len: usize, sentence: bool) -> Option<usize> {
        let freed = self.from.take();
        // A clause that is only its condition ("By default,") frees the next one too, and no
        // further: "Unless, no gap, ..." does not free the clause after "no gap".
        let alone = std::mem::take(&mut self.here)
            && freed.is_some_and(|f| f == self.clause)
            && len - self.clause <= 2;
        self.before = (!sentence).then_some(self.clause);
        self.clause = len;
        if alone && !sentence {
            self.from = Some(len);
        }
        if sentence {
            self.any = false;
        }
        freed
    }
}

/// The sentence [`Polarity::read`] is in: where its words start, its conditions ([`Hedges`])
/// and whether "instead of" or a verb of prevention made it deny.
#[derive(Debug, Default)]
struct Sentence {
    start: usize,
    hedges: Hedges,
    denies: bool,
}

impl Sentence {
    /// A clause ends: the words its conditions free are negated by nothing, so they contradict
    /// no claim either way.
    fn clause(&mut self, p: &mut Polarity, sentence: bool) {
        if let Some(from) = self.hedges.close(p.words.len(), sentence) {
            for w in &mut p.words[from..] {
                w.1 = false;
            }
        }
    }

    /// Ends the sentence. In a bullet (not `lack`) with a condition, the sentence denies only
    /// if a word is still negated; an answer's still counts as one that denies (then it
    /// contradicts no bullet that negates: "tuples cannot be changed unless they hold lists"
    /// for "tuples cannot be changed").
    fn end(&mut self, p: &mut Polarity, lack: bool) {
        let hedged = self.hedges.any;
        self.clause(p, true);
        if hedged
            && !lack
            && let Some(n) = p.negating.last_mut()
        {
            *n = self.denies || p.words[self.start..].iter().any(|w| w.1);
        }
        let len = p.words.len();
        *self = Sentence {
            start: len,
            hedges: Hedges {
                clause: len,
                ..Hedges::default()
            },
            denies: false,
        };
    }
}

/// Whether two words in a row set what follows aside: "instead of" and "rather than" ("a
/// generator yields values instead of building the whole list" denies building it).
fn is_instead(word: &str, next: &str) -> bool {
    (word.eq_ignore_ascii_case("instead") && next.eq_ignore_ascii_case("of"))
        || (word.eq_ignore_ascii_case("rather") && next.eq_ignore_ascii_case("than"))
}

/// Whether the text has a "without" (or a typo of it), a word of lack ("lacks"), a verb of
/// prevention, "instead of" or "rather than": they negate, though the tokens' look for a
/// negation (`may_negate`) does not see them.
fn has_without(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    while let Some(w) = words.next() {
        if is_without(w)
            || is_lack(w)
            || is_prevention(w)
            || words.peek().is_some_and(|n| is_instead(w, n))
        {
            return true;
        }
    }
    false
}

impl<'a> Polarity<'a> {
    /// Reads `text`'s claims; `may` is false when its tokens ruled out any negation (then
    /// there is nothing to read unless it says "without": no word is negated, no sentence
    /// negates).
    pub fn of(text: &'a str, may: bool) -> Polarity<'a> {
        Polarity::read(text, may, true)
    }

    /// [`Polarity::of`], with words of lack ("lacks", "missing") negating when `lack` (an
    /// answer), verbs of prevention ("avoid") when not (a bullet).
    fn read(text: &'a str, may: bool, lack: bool) -> Polarity<'a> {
        let mut p = Polarity {
            words: Vec::new(),
            negating: vec![false],
            aside: Vec::new(),
            lacked: Vec::new(),
        };
        if !may && !has_without(text) {
            return p;
        }
        let tokens = scan(text);
        p.words.reserve(tokens.len());
        let (mut negated, mut since, mut aside) = (false, usize::MAX, false);
        // Whether the negation in force is a word of lack's.
        let mut by_lack = false;
        let mut sentence = Sentence::default();
        for (i, &(w, stop)) in tokens.iter().enumerate() {
            match stop {
                Stop::Sentence => {
                    sentence.end(&mut p, lack);
                    p.negating.push(false);
                    (negated, since, aside) = (false, usize::MAX, false);
                }
                Stop::Clause => {
                    sentence.clause(&mut p, false);
                    (negated, since, aside) = (false, usize::MAX, false);
                }
                Stop::None => {}
            }
            if is_contrast(w) {
                (negated, since, aside) = (false, usize::MAX, false);
            }
            let next = tokens.get(i + 1).filter(|t| t.1 == Stop::None);
            // "by default", "unless", "until", "except", or "without" after a negation of its
            // clause ("cannot modify them without `nonlocal`"): a condition (`Hedges`).
            if is_hedge(w, next.map(|n| n.0)) || (negated && is_without(w)) {
                sentence.hedges.hedge(p.words.len());
            }
            let not_only = || {
                next.is_some_and(|n| {
                    ["only", "all", "every", "always", "just", "necessarily"]
                        .iter()
                        .any(|q| n.0.eq_ignore_ascii_case(q))
                })
            };
            // The two words before in the clause, for "whether or not".
            let back = |n: usize| {
                let j = i.checked_sub(n)?;
                tokens[j + 1..=i]
                    .iter()
                    .all(|t| t.1 == Stop::None)
                    .then(|| tokens[j].0)
            };
            let open = is_or_not([back(2), back(1)], w, next.is_none());
            let negation = (is_negation(w) && !not_only() && !open)
                || is_without(w)
                || (lack && is_lack(w))
                || next.is_some_and(|n| none_of(w, n.0));
            let sentence_no = p.negating.len() - 1;
            // "instead of" and "rather than" make a sentence one that denies something, but
            // how far they reach is not told by words alone ("instead of recursion it is by
            // iteration" states iteration): no word is negated by them.
            if next.is_some_and(|n| is_instead(w, n.0)) || (lack && is_prevention(w)) {
                p.negating[sentence_no] = true;
                sentence.denies = true;
            }
            if negation {
                // Two in a row cancel: "never not", "not without".
                negated = !(negated && since == 0);
                by_lack = negated && lack && is_lack(w) && !is_negation(w);
                since = 0;
                p.negating[sentence_no] = true;
                continue;
            }
            since = since.saturating_add(1);
            p.words.push((w, negated, sentence_no as u32));
            p.aside.push(aside);
            p.lacked.push(negated && by_lack);
            // In a bullet, what a verb of prevention governs is set aside (not when a negation
            // just came: "without preventing collection" keeps its negated words).
            if !lack && is_prevention(w) && !(negated && since == 1) {
                aside = true;
            }
        }
        sentence.end(&mut p, lack);
        p
    }

    /// The occurrences of `word` (as written, any case; a phrase's last word, "global
    /// interpreter lock"; a code name's prose form, `@property` as "property").
    fn find<'s>(&'s self, word: &str) -> impl Iterator<Item = &'s (&'a str, bool, u32)> {
        let bare = bare(word).to_string();
        self.words
            .iter()
            .filter(move |(w, _, _)| w.len() == bare.len() && w.eq_ignore_ascii_case(&bare))
    }

    /// Whether `word` occurs, every time negated.
    pub fn only_negated(&self, word: &str) -> bool {
        self.denied(word, true)
    }

    /// [`Polarity::only_negated`], counting a negation by a word of lack only when
    /// `lack_denies`.
    fn denied(&self, word: &str, lack_denies: bool) -> bool {
        let bare = bare(word);
        let mut seen = false;
        for (&(w, negated, _), &lacked) in self.words.iter().zip(&self.lacked) {
            if w.len() == bare.len() && w.eq_ignore_ascii_case(bare) {
                if !negated || (lacked && !lack_denies) {
                    return false;
                }
                seen = true;
            }
        }
        seen
    }

    /// Whether `word` occurs in a sentence that negates something.
    pub fn in_negating_sentence(&self, word: &str) -> bool {
        self.find(word).any(|&(_, _, s)| self.negating[s as usize])
    }
}

/// A word as [`Polarity`] keeps it: a phrase's last word, without the marks around it.
pub(super) fn bare(word: &str) -> &str {
    let last = word
        .rfind(char::is_whitespace)
        .map_or(word, |i| &word[i + 1..]);
    last.trim_matches(|c: char| !c.is_alphanumeric())
}

/// What came before a word: nothing, the end of a clause or of a sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Stop {
    None,
    Clause,
    Sentence,
}

/// The prose words of `text` (code in backticks left out), each with what ended before it.
pub(super) fn scan(text: &str) -> Vec<(&str, Stop)> {
    let mut out = Vec::new();
    let (mut start, mut stop, mut code) = (None, Stop::None, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let part = c.is_alphanumeric() || (matches!(c, '\'' | '’' | '-') && start.is_some());
        if part && !code {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push((&text[s..i], stop));
            stop = Stop::None;
        }
        let spaced = chars.peek().is_none_or(|n| n.1.is_whitespace());
        match c {
            '`' => code = !code,
            _ if code => {}
            '.' | '!' | '?' if spaced => stop = Stop::Sentence,
            ';' | '\n' => stop = Stop::Sentence,
            ',' | ':' | '(' | ')' if stop == Stop::None => stop = Stop::Clause,
            _ => {}
        }
    }
    if let Some(s) = start.filter(|_| !code) {
        out.push((&text[s..], stop));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Polarity<'_> {
        Polarity::of(text, true)
    }

    /// Whether `met` (words, each of weight 1, none negated by the bullet) of a bullet of `all`
    /// contradicts it, read as `answer`.
    fn contradicts(negates: bool, met: &[&str], all: f64, answer: &Polarity) -> bool {
        contradicted(
            negates,
            met.iter().map(|w| (*w, 1.0, Some(false))),
            all,
            || answer,
        )
    }

    #[test]
    fn a_negation_negates_the_rest_of_its_clause() {
        let p = read("Sets do not use hash tables, and store elements");
        assert!(p.only_negated("tables") && p.only_negated("use"));
        assert!(!p.only_negated("Sets") && !p.only_negated("store"));
        let p = read("Terminal 4 is connected and it is not separated by a gap");
        assert!(!p.only_negated("connected") && p.only_negated("gap"));
        let p = read("it is not a copy but a view; never not sorted");
        assert!(p.only_negated("copy") && !p.only_negated("view"));
        assert!(!p.only_negated("sorted"));
        let p = read("not only lists, runs without a lock, none of the tools");
        assert!(!p.only_negated("lists") && p.only_negated("lock") && p.only_negated("tools"));
        assert!(!read("not every object can").only_negated("object"));
        assert!(read("copies wihtout data").only_negated("data"));
        assert!(read("Python lacks tail call optimization").only_negated("optimization"));
        assert!(read("Either omitting the base case").in_negating_sentence("case"));
        // A word of lack the bullet says too is its claim, not a denial of it.
        let omit = read("Omit the init file to allow packages spanning directories");
        let met = [("Omit", 1.0, Some(false)), ("packages", 1.0, Some(false))];
        let spanning = [
            ("spanning", 1.0, Some(false)),
            ("directories", 1.0, Some(false)),
        ];
        assert!(!contradicted(
            false,
            met.iter().chain(&spanning).copied(),
            4.0,
            || &omit
        ));
        assert!(contradicted(false, spanning.iter().copied(), 2.0, || &omit));
        // "whether or not" leaves a choice open: no denial (Mohler's correct do...while
        // answers read as contradicting "will execute at least once").
        let p = read("it evaluates whether or not to loop after running the block");
        assert!(!p.only_negated("loop") && !p.in_negating_sentence("block"));
        assert!(read("or, not the loop").only_negated("loop"));
        // An "or not" that ends its clause leaves a choice open too; one that goes on denies.
        assert!(!read("it checks if it is cached or not.").in_negating_sentence("cached"));
        assert!(read("Tuples are mutable or not hashable").only_negated("hashable"));
        // "instead of" and "rather than" negate no word: their reach is not in the words.
        let p = read("instead of using recursion it is by using iteration");
        assert!(!p.only_negated("iteration") && !p.only_negated("recursion"));
        // Code in backticks is not prose; a phrase is known by its last word.
        assert!(read("never `x`").words.is_empty());
        assert!(read("no global lock").only_negated("global interpreter lock"));
    }

    #[test]
    fn a_sentence_that_negates_anything_is_told_apart() {
        let p = read("The bulb is lit. The terminals are not connected");
        assert!(!p.in_negating_sentence("bulb") && p.in_negating_sentence("terminals"));
        // Without a negation the text is not read, but "without" is one.
        assert!(Polarity::of("the bulb is lit", false).words.is_empty());
        assert!(Polarity::of("copies without data", false).only_negated("data"));
        assert!(
            Polarity::of("lazily, instead of building a list", false).in_negating_sentence("list")
        );
    }

    #[test]
    fn a_claim_met_the_other_way_contradicts_its_bullet() {
        let stated = read("the terminals are connected");
        let denied = read("the terminals are not connected");
        let met = ["terminals", "connected"];
        // A bullet that negates, met by an answer that does not.
        assert!(contradicts(true, &met, 2.0, &stated));
        assert!(!contradicts(true, &met, 2.0, &denied));
        // "instead of" denies as "not" does: no contradiction of "does not build the list".
        let instead = Polarity::of("it yields instead of building the whole list", false);
        assert!(!contradicts(true, &["building", "list"], 2.0, &instead));
        // A bullet that does not negate, met by an answer that negates half of it.
        assert!(contradicts(false, &met, 2.0, &denied));
        assert!(!contradicts(false, &met, 2.0, &stated));
        // Too little of the bullet met to tell: nothing is read.
        let little = std::iter::once(("terminals", 1.0, Some(false)));
        assert!(!contradicted(true, little, 2.0, || unreachable!()));
        // What the bullet negates with "without", stated.
        let bullet = "references without preventing collection";
        assert_eq!(
            scope(
                bullet,
                ["references", "preventing", "collection"].into_iter()
            ),
            (vec![Some(false), Some(true), Some(true)], true)
        );
        assert!(!scope("coverage, not just percentages", std::iter::empty()).1);
        // A bullet's word of lack names what it is about; an answer's denies.
        assert!(
            !scope(
                "`__getattr__` called for missing attributes.",
                std::iter::empty()
            )
            .1
        );
        assert!(read("Python lacks tail calls").only_negated("calls"));
        // A bullet's verb of prevention sets aside what it governs, to its clause's end; an
        // answer's makes its sentence deny, and negates nothing.
        let avoid = "Use `subprocess.run` with lists to avoid shell injection, always.";
        assert_eq!(
            scope(avoid, ["lists", "avoid", "shell", "always"].into_iter()),
            (vec![Some(false), Some(false), None, Some(false)], false)
        );
        assert!(!read("it prevents deadlocks").only_negated("deadlocks"));
        assert!(read("it prevents deadlocks").in_negating_sentence("deadlocks"));
        assert!(is_prevention("Prevented") && !is_prevention("presenting"));
        // Stated the same way without a negation, or denied with one: told apart by the
        // words not set aside.
        let words = ["lock", "prevents", "race", "conditions"];
        let (n, _) = scope("A lock prevents race conditions.", words.into_iter());
        let met = |said: [&'static str; 4]| -> Vec<(&'static str, f64, Option<bool>)> {
            said.into_iter()
                .zip(n.clone())
                .map(|(w, n)| (w, 1.0, n))
                .collect()
        };
        let keeps = read("A lock keeps race conditions away.");
        let same = met(["lock", "keeps", "race", "conditions"]);
        assert!(!contradicted(false, same.iter().copied(), 4.0, || &keeps));
        let denied = read("A lock doesn't prevent race conditions.");
        let not = met(["lock", "prevent", "race", "conditions"]);
        assert!(contradicted(false, not.iter().copied(), 4.0, || &denied));
        // However the words weigh: the verb denied turns what it governs round.
        let heavy: Vec<_> = not
            .iter()
            .map(|&(w, _, n)| (w, if w == "lock" { 3.0 } else { 1.0 }, n))
            .collect();
        assert!(contradicted(false, heavy.iter().copied(), 6.0, || &denied));
        let met = [
            ("references", 1.0, Some(false)),
            ("preventing", 1.0, Some(true)),
            ("collection", 1.0, Some(true)),
        ];
        let keeps = read("references that keep objects alive, preventing collection");
        let lets = read("references without preventing collection");
        assert!(contradicted(false, met.iter().copied(), 3.0, || &keeps));
        assert!(!contradicted(false, met.iter().copied(), 3.0, || &lets));
    }

    #[test]
    fn denying_the_predicate_contradicts_though_the_subject_stands_and_words_come_back() {
        // The subject before the negation (the question's words here) stays as it is, and the
        // answer restates a word the other way after it: at half the telling words turned
        // (`FLIPPED_SHARE` 0.5) this kept a full score. As `score --batch` scores it.
        let bullet = ["The linked lists can be of variable length.".to_string()];
        let prompt = "What is the main advantage of linked lists over arrays?";
        let answer = "The linked lists cannot be of variable length; their length is fixed.";
        let a = crate::scoring::Scorer::fixed(&[]).score(Some(prompt), &bullet, answer);
        assert!(a.bullets[0].contradicted && a.score < 10.0, "{a:?}");
        // A caveat about a default, then what to do, is no contradiction of what to do.
        let bullet = ["Enable foreign keys via `PRAGMA foreign_keys = ON`.".to_string()];
        let answer = "SQLite doesn't enforce foreign keys by default, you have to run \
                      `PRAGMA foreign_keys = ON` on each connection.";
        let a = crate::scoring::Scorer::for_bank(&crate::bank::Bank::embedded())
            .score(None, &bullet, answer);
        assert!(!a.bullets[0].contradicted && a.score > 60.0, "{a:?}");
    }

    #[test]
    fn a_sentence_that_states_a_condition_denies_nothing() {
        // "by default", "unless", "until", "except", or "without" after a negation: how to,
        // not that it cannot.
        for answer in [
            "A closure cannot modify captured variables by default; use nonlocal to modify them.",
            "By default closures can't modify captured variables, you need nonlocal.",
            "A closure can't modify captured variables unless you declare them nonlocal.",
            "It cannot modify captured variables without nonlocal.",
        ] {
            let p = read(answer);
            assert!(!p.only_negated("captured"), "{answer}");
            assert!(
                p.in_negating_sentence("captured"),
                "{answer}: an answer's still denies"
            );
        }
        // A denial with no condition stays one: a condition frees its own clause, the one
        // before when it opens its clause, the one after when it is a clause alone, no other.
        let p = read("It cannot modify captured variables. Until then, wait.");
        assert!(p.only_negated("captured") && !p.only_negated("wait"));
        let p = read("await does not pause the coroutine, it blocks the thread until it ends.");
        assert!(p.only_negated("pause") && p.only_negated("coroutine"));
        let p = read("By default, closures cannot modify captured variables, and so on.");
        assert!(!p.only_negated("captured"));
        let p = read("Lists cannot be hashed, so sets cannot hold them, unless frozen.");
        assert!(p.only_negated("hashed") && !p.only_negated("hold"));
        // The negation module frees the same words, or a right answer loses them.
        let n = crate::scoring::negation::Negated::of(
            "await does not pause it, it blocks until done. It cannot modify them unless asked.",
            Some("not"),
        )
        .unwrap();
        assert!(n.only_negated("pause") && !n.only_negated("modify"));
        // As `claims` reads them: "wihtout" is "without", and "os.path" ends no sentence.
        for text in [
            "It cannot modify captured variables wihtout nonlocal.",
            "It cannot modify captured variables from os.path unless declared nonlocal.",
        ] {
            let n = crate::scoring::negation::Negated::of(text, Some("not")).unwrap();
            assert!(
                !n.only_negated("modify") && !read(text).only_negated("modify"),
                "{text}"
            );
        }
        let n = crate::scoring::negation::Negated::of("mutable or not hashable", Some("not"));
        assert!(n.unwrap().only_negated("hashable"));
        // A clause of its condition alone frees the next, and no further.
        let p = read("Unless asked, no gap, the terminals are not connected.");
        assert!(p.only_negated("connected"));
        assert!(is_hedge("Unless", None) && is_hedge("by", Some("Default")));
        assert!(!is_hedge("by", Some("design")) && !is_hedge("bypass", None));
        // A bullet's condition: neither its words nor the bullet negate.
        let (negated, negates) = scope(
            "Cannot modify captured variables without `nonlocal`.",
            ["modify", "captured"].into_iter(),
        );
        assert_eq!((negated, negates), (vec![Some(false), Some(false)], false));
        // End to end, on the built-in bank's question about closures: met, not contradicted.
        let bank = crate::bank::Bank::embedded();
        let q = bank.find(46).unwrap().question;
        let scorer = crate::scoring::Scorer::for_bank(&bank);
        let bullet = q
            .bullets
            .iter()
            .position(|b| b.contains("nonlocal"))
            .unwrap();
        for (answer, met) in [
            (
                "Closures can't modify captured variables by default, you need nonlocal.",
                true,
            ),
            (
                "You cannot use nonlocal to modify captured variables.",
                false,
            ),
        ] {
            let a = scorer.score(Some(&q.prompt), &q.bullets, answer);
            let b = &a.bullets[bullet];
            assert_eq!(!b.contradicted && b.coverage > 0.9, met, "{answer}: {b:?}");
            assert_eq!(b.contradicted, !met, "{answer}: {b:?}");
        }
    }
}
