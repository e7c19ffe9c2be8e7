//! A prompt's parts: the question it asks, and the scene it may set before asking.
//!
//! Short prompts are all question ("What does `pass` do?"). Longer ones, in school science or
//! a case study, describe a scene first and ask about it last: "Grace put eggshells in vinegar.
//! Small bubbles appeared ... Explain why Grace thinks she made a reaction." Repeating the
//! question's words is no answer, so they weigh little; the scene's words are the material an
//! answer has to pick out ("the bubbles"), so they weigh more (`SCENE_WEIGHT`).
//!
//! Sentences end at `.`, `?` or `!` before whitespace and a word that is not lowercase (so an
//! abbreviation before a capital ends one: "Ms." of "Ms. Teridann"), or at a line break before
//! such a word; a quotation stays in its sentence. The question is every
//! sentence that asks: one that ends with `?`, or opens with a word that can only be a verb
//! ("Explain ...", "Describe ..."), and the last one when no sentence ends with `?` ("Tell why
//! ..."). The rest is the scene, except its names (words capitalised inside a sentence:
//! "Grace", "Andre", "GIL"; not "Teridann" after "Ms.", which opens a sentence, nor a
//! quotation's first word), which count as the question's: an answer says "she", not the name.
//!
//! The scorer's step for this rule: [`PromptWords`], read once per question, gives each
//! keyword of a bullet its weight factor ([`PromptWords::factors`]): `PROMPT_WEIGHT` when the
//! prompt says it (more in a bullet made mostly of the prompt's words: [`damping`]), at least
//! `SCENE_WEIGHT` when only the scene says it.

use std::borrow::Cow;

use super::analyzer::Analyzer;
use super::index::AnswerIndex;
use super::keywords::Keyword;
use super::wordnet;

/// The sentences of `text`, in order, each with its closing punctuation. A sentence ends at
/// `.`, `?` or `!` before whitespace and a word that is not lowercase ("e.g. for" goes on), or
/// at a line break before such a word. A quotation stays in its sentence (`Kate said: "An
/// object has to move." Do you agree?` is one): what it claims is the question's.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = match c {
            '.' | '?' | '!' => i + c.len_utf8(),
            '\n' => i,
            _ => continue,
        };
        let rest = &text[end..];
        let next = rest.trim_start();
        if (rest.is_empty() || next.len() < rest.len()) && !next.starts_with(char::is_lowercase) {
            if !text[start..end].trim().is_empty() {
                out.push(text[start..end].trim());
            }
            start = end;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(text[start..].trim());
    }
    out
}

/// Whether a sentence opens with a word WordNet has as a verb, never as a noun: an
/// instruction ("Explain why ...", "Describe ..."), part of the question wherever it stands.
fn instructs(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or_default();
    let first = first
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    wordnet::entry(&first).is_some_and(|e| e.pos & wordnet::VERB != 0 && e.pos & wordnet::NOUN == 0)
}

/// The question part of `prompt` (see the module's notes): all of it when it is one sentence
/// or every sentence asks (borrowed then), else the sentences that ask, joined by spaces.
pub fn question(prompt: &str) -> Cow<'_, str> {
    let all = sentences(prompt);
    if all.len() <= 1 {
        return Cow::Borrowed(prompt);
    }
    // With no question mark anywhere, the last sentence asks ("Tell why Grace ...").
    let last = if all.iter().any(|s| s.ends_with('?')) {
        usize::MAX
    } else {
        all.len() - 1
    };
    let asking: Vec<&str> = all
        .iter()
        .enumerate()
        .filter(|(i, s)| *i == last || s.ends_with('?') || instructs(s))
        .map(|(_, s)| *s)
        .collect();
    if asking.len() == all.len() {
        Cow::Borrowed(prompt)
    } else {
        Cow::Owned(asking.join(" "))
    }
}

/// The names in `prompt`: words of two letters or more that start with a capital, other than a
/// sentence's first word or a quotation's ("It" of `said "It fizzed."`), without a possessive
/// or punctuation ("Diva" of "Diva's").
pub fn names(prompt: &str) -> impl Iterator<Item = &str> {
    sentences(prompt).into_iter().flat_map(|s| {
        s.split_whitespace()
            .skip(1)
            .filter(|w| !w.starts_with(['"', '“', '\'', '‘']))
            .filter_map(|w| {
                w.split(|c: char| !c.is_alphanumeric())
                    .find(|p| !p.is_empty())
            })
            .filter(|w| w.chars().count() > 1 && w.chars().next().is_some_and(char::is_uppercase))
    })
}

/// How much a keyword the prompt already says weighs, relative to one it does not.
/// Repeating the question is not an answer, but a bullet made only of the prompt's words
/// must still be coverable.
pub const PROMPT_WEIGHT: f64 = 0.1;

/// How much a keyword the prompt says weighs in a bullet made mostly of the prompt's words,
/// times the share of the bullet's keywords the prompt says (when that is more than
/// `PROMPT_WEIGHT`). Such a bullet ("Terminal 1 and the positive terminal are separated by the
/// gap" for "Why 1.5 V between terminal 1 and the positive terminal?") is a claim about the
/// prompt's things: an answer naming only its one new word ("there is a gap") has not said it.
pub const PROMPT_SHARE_WEIGHT: f64 = 0.3;

/// How much a keyword weighs that the prompt says only in the scene it sets before asking,
/// relative to one it does not say: the scene's things are what an answer must pick out ("the
/// bubbles" of eggshells in vinegar, for why Grace thinks she made a reaction), but the answer
/// did not find them alone. Tuned on SciEntsBank, the one dev set whose prompts set scenes:
/// 0.3 / 0.5 / 0.75 / 1 gave AUC 0.765 / 0.766 / 0.764 / 0.762, against 0.762 with the
/// question's weight (README, Scoring).
pub const SCENE_WEIGHT: f64 = 0.5;

/// The question of a prompt that sets a scene before asking; None for a prompt that is all
/// question (or no prompt).
pub fn scene_question(prompt: Option<&str>) -> Option<Cow<'_, str>> {
    prompt
        .map(question)
        .filter(|q| q.len() < prompt.map_or(0, str::len))
}

/// What a question's prompt says, read once per question: the scorer's step for the prompt's
/// weight on a bullet's keywords ([`PromptWords::factors`]), and the words that are no
/// evidence of a related sense ([`PromptWords::keys`]).
#[derive(Debug)]
pub struct PromptWords<'a> {
    /// The whole prompt, indexed only as written (see [`Analyzer::prompt`]).
    prompt: Option<AnswerIndex<'a>>,
    /// Its question, when it sets a scene before asking ([`scene_question`]).
    question: Option<AnswerIndex<'a>>,
    /// The scene's names, case-folded and sorted, as a keyword's `norm` is compared with them:
    /// by the word as written, since a name is no word to stem, and may be a synonym term
    /// ("GIL"). They weigh as the question's words: answers say "she".
    names: Vec<String>,
    /// The keys of the prompt's words, sorted, each once.
    keys: Vec<String>,
}

impl<'a> PromptWords<'a> {
    /// Reads `prompt`, whose question is `question` when it sets a scene ([`scene_question`]).
    pub fn read(
        analyzer: &'a Analyzer,
        prompt: Option<&'a str>,
        question: Option<&'a str>,
    ) -> PromptWords<'a> {
        let question_index = question.map(|q| analyzer.prompt(q));
        let mut scene_names: Vec<String> = match (prompt, question) {
            (Some(p), Some(_)) => names(p).map(str::to_lowercase).collect(),
            _ => Vec::new(),
        };
        scene_names.sort_unstable();
        let prompt = prompt.map(|p| analyzer.prompt(p));
        let mut keys: Vec<String> = prompt
            .as_ref()
            .map(|p| p.words.iter().map(|w| w.key.to_string()).collect())
            .unwrap_or_default();
        keys.sort();
        keys.dedup();
        PromptWords {
            prompt,
            question: question_index,
            names: scene_names,
            keys,
        }
    }

    /// Whether the prompt says `k` fully (a match of full credit, typos aside).
    pub fn says(&self, k: &Keyword) -> bool {
        self.prompt.as_ref().is_some_and(|p| fully(p, k))
    }

    /// Whether the prompt says `k` at all, even in part: a keyword whose related senses are
    /// then no evidence.
    pub fn mentions(&self, k: &Keyword) -> bool {
        self.prompt
            .as_ref()
            .is_some_and(|p| p.find(k, false).is_some())
    }

    /// Whether only the scene says `k`, not the question (nor as a name): for a keyword the
    /// prompt [`says`](Self::says).
    fn in_scene_only(&self, k: &Keyword) -> bool {
        self.question
            .as_ref()
            .is_some_and(|q| !fully(q, k) && self.names.binary_search(&k.norm).is_err())
    }

    /// The keys of the prompt's words, sorted: an answer word the question already says is
    /// no evidence of a related sense.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// The factor each of a bullet's keywords weighs by: 1 when the prompt does not say it,
    /// else [`damping`], or `SCENE_WEIGHT` if more when only the scene says it.
    pub fn factors(&self, keywords: &[Keyword]) -> Vec<f64> {
        let said: Vec<bool> = keywords.iter().map(|k| self.says(k)).collect();
        let damp = damping(&said);
        keywords
            .iter()
            .zip(said)
            .map(|(k, said)| {
                if !said {
                    1.0
                } else if self.in_scene_only(k) {
                    damp.max(SCENE_WEIGHT)
                } else {
                    damp
                }
            })
            .collect()
    }
}

/// Whether `index` meets `k` for full credit, typos not counted.
fn fully(index: &AnswerIndex, k: &Keyword) -> bool {
    index.find(k, false).is_some_and(|h| h.credit >= 1.0)
}

/// The weight factor of a bullet's keywords that the prompt says (`said`, one per keyword):
/// `PROMPT_WEIGHT`, or more in a bullet made mostly of the prompt's words.
pub fn damping(said: &[bool]) -> f64 {
    let share = said.iter().filter(|s| **s).count() as f64 / said.len().max(1) as f64;
    PROMPT_WEIGHT.max(PROMPT_SHARE_WEIGHT * share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_one_sentence_prompt_is_all_question() {
        let p = "What does `os.path.join()` return, e.g. for 3.5?";
        assert!(matches!(question(p), Cow::Borrowed(q) if q == p));
        assert!(matches!(question("Explain the GIL"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_question_is_what_asks_and_the_scene_is_left_out() {
        let p = "Grace put eggshells in vinegar. Small bubbles appeared. \
                 Explain why Grace thinks she made a reaction.";
        assert_eq!(question(p), "Explain why Grace thinks she made a reaction.");
        let p = "Topaz cannot be scratched by a penny. How hard is topaz? Explain how you know.";
        assert_eq!(question(p), "How hard is topaz? Explain how you know.");
        // With no question mark, the last sentence asks; with one, the last may be the scene's.
        let p = "The bulb is off. Tell why it is off.";
        assert_eq!(question(p), "Tell why it is off.");
        let p = "Why is the bulb off? Try to answer in terms of a gap.";
        assert_eq!(question(p), "Why is the bulb off?");
    }

    #[test]
    fn instructions_are_the_question_wherever_they_stand() {
        let p = "Explain the GIL. Give an example.";
        assert!(matches!(question(p), Cow::Borrowed(_)));
        let p = "Describe a closure. Closures capture variables. When is one created?";
        assert_eq!(question(p), "Describe a closure. When is one created?");
    }

    #[test]
    fn a_sentence_ends_at_a_line_break_but_a_quotation_stays_in_its_sentence() {
        let p = "Look at the table\nThe Bubbles rose. Kate said: \"Sound is made by moving.\" \
                 Do you agree?";
        assert_eq!(
            sentences(p),
            [
                "Look at the table",
                "The Bubbles rose.",
                "Kate said: \"Sound is made by moving.\" Do you agree?"
            ]
        );
        // "Sound" opens a quotation: no name. "Do" after it counts as one, but it is a stopword,
        // never a keyword.
        let names: Vec<&str> = names(p).collect();
        assert_eq!(names, ["Bubbles", "Do"]);
        // A line broken inside a sentence goes on.
        assert_eq!(sentences("the GIL\nlocks"), ["the GIL\nlocks"]);
        let names: Vec<&str> = super::names("Then Diva's cookies, (Andi) baked.").collect();
        assert_eq!(names, ["Diva", "Andi"]);
    }

    #[test]
    fn names_are_capitalised_words_inside_a_sentence() {
        let p = "Ms. Teridann made a chart. Then Grace and Andre tested Mineral X? The End.";
        let names: Vec<&str> = names(p).collect();
        // "Ms." ends a sentence, so "Teridann" opens one and is no name.
        assert_eq!(names, ["Grace", "Andre", "Mineral", "End"]);
    }

    /// Whether `part`'s words come in `whole`, in order (gaps allowed).
    fn words_within(part: &str, whole: &str) -> bool {
        let mut whole = whole.split_whitespace();
        part.split_whitespace().all(|w| whole.any(|v| v == w))
    }

    proptest! {
        #[test]
        fn the_question_and_the_names_are_the_prompts_own_words(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Grace", "Explain", "why", "Why", "Tell", "e.g.", "Ms.", "3.5", "os.path", "é",
                "É", "e\u{301}", "’", "🙂", "日本", "\u{301}", ".", "?", "!", "...", " ", "\n",
                "\t", "\u{a0}", "\"", ")", "`", "x",
            ]), 0..16),
            any in "\\PC{0,40}",
        ) {
            for p in [pieces.concat(), any] {
                let q = question(&p);
                prop_assert!(words_within(&q, &p), "{:?} -> {:?}", p, q);
                for name in names(&p) {
                    prop_assert!(p.contains(name), "{:?} -> {:?}", p, name);
                }
            }
        }
    }

    /// The prompt factors of the keywords of `bullet` under `prompt`, by keyword.
    fn factors(prompt: &str, bullet: &str) -> Vec<(String, f64)> {
        let a = crate::scoring::analyzer::Analyzer::new(&[]);
        let question = scene_question(Some(prompt));
        let words = PromptWords::read(&a, Some(prompt), question.as_deref());
        let keywords = a.keywords(bullet);
        let f = words.factors(&keywords);
        keywords.into_iter().map(|k| k.display).zip(f).collect()
    }

    #[test]
    fn only_a_prompt_that_sets_a_scene_has_a_scene_question() {
        assert_eq!(scene_question(None), None);
        assert_eq!(scene_question(Some("What does `pass` do?")), None);
        let grace = "Grace put eggshells in vinegar. Small bubbles appeared. Why?";
        assert_eq!(scene_question(Some(grace)).as_deref(), Some("Why?"));
    }

    #[test]
    fn a_keyword_the_prompt_says_weighs_little_and_one_of_the_scene_more() {
        let prompt =
            "Grace put eggshells in vinegar. Small bubbles appeared. Why did Grace think so?";
        let f = factors(prompt, "The bubbles show a gas, Grace thought.");
        let of = |w: &str| f.iter().find(|(k, _)| k == w).map(|(_, x)| *x).unwrap();
        assert_eq!(of("gas"), 1.0);
        // The scene's word weighs at least SCENE_WEIGHT; the question's and the names' less.
        assert_eq!(of("bubbles"), SCENE_WEIGHT);
        assert!(of("Grace") < SCENE_WEIGHT && of("thought") < SCENE_WEIGHT);
        assert_eq!(of("Grace"), of("thought"));
        // A prompt that is all question: no scene.
        let f = factors("What do bubbles in vinegar show?", "Bubbles show a gas.");
        assert_eq!(f[0], ("Bubbles".to_string(), damping(&[true, true, false])));
    }

    #[test]
    fn a_bullet_made_mostly_of_the_prompts_words_damps_them_less() {
        assert_eq!(damping(&[true, false, false, false, false]), PROMPT_WEIGHT);
        assert_eq!(
            damping(&[true, true, true, false]),
            PROMPT_SHARE_WEIGHT * 0.75
        );
        assert_eq!(damping(&[]), PROMPT_WEIGHT);
    }

    #[test]
    fn the_prompts_words_are_mentioned_and_keyed() {
        let a = crate::scoring::analyzer::Analyzer::new(&[]);
        let words = PromptWords::read(&a, Some("How do iterators work?"), None);
        let kw = a.keywords("An iterator and a generator.");
        assert!(words.says(&kw[0]) && words.mentions(&kw[0]));
        assert!(!words.says(&kw[1]) && !words.mentions(&kw[1]));
        assert!(words.keys().windows(2).all(|w| w[0] < w[1]));
        assert!(words.keys().contains(&kw[0].stem));
        let none = PromptWords::read(&a, None, None);
        assert!(!none.says(&kw[0]) && none.keys().is_empty());
    }
}
