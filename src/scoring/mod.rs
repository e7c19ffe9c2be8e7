//! Scoring an answer against a question's reference bullets by fuzzy keyword coverage.
//!
//! Pure: no I/O, no clock, no randomness, so the same input always gives the same score.
//! README's "How the score is computed" says what each rule does and why; this says where.
//!
//! # Reading text
//! A text is split into tokens ([`tokens`]), each made a term ([`terms`]: a prose word's key
//! is the stem of its lemma, an irregular form's base ([`wordnet`]) or a **comparative**'s
//! adjective ([`comparatives`]); stopwords marked ([`stopwords`])) by the [`analyzer`], which
//! knows the references' words and the synonym groups ([`synonyms`]). A bullet's keywords
//! ([`keywords`]) are its terms that are not stopwords, with synonym phrases and compounds
//! ([`compounds`]) kept whole; an answer is indexed ([`index`]), and [`matching`] finds how it
//! meets a keyword: exactly, by stem, by synonym, by a part of a code name or compound, or as
//! a **typo** ([`typos`]).
//!
//! # Preparing a question: [`Scorer::prepare`], once per question
//! The steps, in order, each in the module of its rule:
//! 1. **Prompt scene**: [`prompt::PromptWords::read`] reads what the prompt says, its question
//!    and the scene it may set before asking.
//! 2. **Verdicts**: [`choice::Choice::of_bullet`]: a bullet that is only a choice ("Yes.") has
//!    no keywords. Every other bullet's keywords come from [`keywords`], less its
//!    **negation** words ([`negation::drop_negation_words`]) (`Scorer::keywords_of`).
//! 3. **Shared keywords**: [`shared::bullets_naming`] counts the bullets naming each keyword.
//! 4. Per bullet (`Scorer::prepare_bullet`): the **prompt scene**'s factor of each keyword
//!    ([`prompt::PromptWords::factors`]), its weight ([`weights::Frequencies::weigh`]: IDF
//!    times that factor over the bullets naming it), its **related senses**
//!    ([`related::related_keys`]), the bullet's **negation** ([`negation::of_bullet`]) and
//!    leading **verdict** ([`choice::lead`]), each one more keyword of the bullet's mean
//!    weight, and which of its keywords it negates (**claims**: [`claims::scope`]); the
//!    bullet's mass is the sum of those weights.
//!    Each bullet's other wordings (**alternatives**: [`alternatives::of_bank`]) are prepared
//!    the same way, beside it.
//! 5. **Examples**: a bullet that only gives an example ([`examples::is_example`]) weighs
//!    [`examples::EXAMPLE_WEIGHT`] of its mass.
//! 6. **Verdicts**: a choice bullet weighs [`choice::choice_mass`].
//!
//! # Assessing an answer: [`Scorer::assess`], once per answer
//! 1. The answer is indexed, and its negations are looked for when a step asks
//!    ([`negation::AnswerNegation`]).
//! 2. Per bullet, what it met is tallied (`Tally`), for the bullet and each of its other
//!    wordings, the best kept ([`alternatives::best`]): a choice bullet by the answer's
//!    **verdict** ([`choice::verdict`], `Tally::of_choice`); any other (`Tally::of_keywords`)
//!    keyword by keyword, directly ([`matching`], **typos** included: [`typos`]) or else by a
//!    **related sense** ([`related::meet`], only in a bullet the answer is
//!    [`related::on_topic`] for, and in a sentence that meets it directly:
//!    [`related::Sentences`]), a word the answer only negates meeting nothing
//!    ([`negation::AnswerNegation::only_negates`]); then its leading **verdict**
//!    ([`choice::verdict`]) and its **negation** ([`negation::AnswerNegation::hit`]). Its
//!    coverage is the share of its weight met.
//!    A bullet the answer **contradicts** ([`claims::contradicted`], by the keywords it meets
//!    either way, reading the answer once with [`claims::Polarity::of`] when a bullet is met
//!    enough to ask), or whose sequence it names the other way round (**order**:
//!    [`order::steps`] when preparing, [`order::reversed`]), is met by nothing.
//! 3. **Lists**: an answer that is a bare list of terms ([`lists::is_list`]; not when the
//!    reference is one, [`lists::expected`]) has each coverage times [`lists::LIST_CREDIT`],
//!    and a note says why.
//! 4. **Pooling**: the coverages by the bullets' weights ([`pooling::weight`],
//!    [`pooling::Pool`]), less [`claims::CONTRADICTION_COST`] of each contradicted bullet's
//!    weight, make the score ([`pooling::score`]); a wrong **verdict** costs
//!    [`OPPOSITE_SHARE`] of it ([`choice::with_verdict`]).
//!
//! # Adding a rule
//! Give it a module named after the rule, as the rules above have: its constants, its step
//! functions (one for preparing and one for assessing when it needs both) and their unit
//! tests beside them. Call the steps here, where the others are called (`prepare`,
//! `prepare_bullet`, `Tally::of_keywords`, `assess`), and list them above. What a prepared
//! bullet needs from the rule is a field of `PreparedBullet`; what an answer meets of it goes
//! into the bullet's `Tally` as one more keyword of some weight, met by a [`matching::Hit`]
//! or missed, so that coverage and pooling need no change. A rule about single words, how one
//! is keyed or how it meets a keyword, belongs in [`terms`] or [`matching`] instead. Then
//! measure it on the four dev sets (README, "Agreement with human graders") and keep README's
//! "How the score is computed" true.

pub mod alternatives;
pub mod analyzer;
pub mod assessment;
pub mod choice;
pub mod claims;
pub mod comparatives;
pub mod compounds;
pub mod examples;
pub mod index;
pub mod keywords;
pub mod lists;
pub mod matching;
pub mod negation;
pub mod notes;
pub mod order;
pub mod pooling;
pub mod prompt;
pub mod related;
pub mod search;
pub mod shared;
pub mod stopwords;
pub mod synonyms;
pub mod terms;
pub mod tokens;
pub mod typos;
pub mod weights;
pub mod wordnet;

use std::sync::Arc;

use std::cell::OnceCell;

use crate::bank::Bank;
use choice::{Choice, Verdict};
use index::AnswerIndex;
use keywords::{Analyzer, Keyword};
use matching::Hit;
use negation::AnswerNegation;
use pooling::Pool;
use prompt::PromptWords;
use weights::Frequencies;

// The scorer's figures and types keep their paths (`scoring::Assessment`, `scoring::NOISE_FLOOR`).
pub use assessment::{
    Assessment, BulletAssessment, COVERED, KeywordMatch, MatchKind, PARTLY, Status,
};
pub use choice::{CHOICE_MASS, OPPOSITE_SHARE};
pub use negation::NEGATION_WEIGHT;
pub use pooling::{BELOW_FLOOR, CURVE, NOISE_FLOOR, POOL_POWER};
pub use prompt::{PROMPT_SHARE_WEIGHT, PROMPT_WEIGHT, SCENE_WEIGHT};
pub use related::RELATED_CREDIT;
pub use weights::IDF_POWER;

/// The scorer: keyword weights (learned from a bank's references, or the fixed table for inline
/// references), plus synonym groups.
#[derive(Debug, Clone)]
pub struct Scorer {
    analyzer: Analyzer,
    /// In how many documents each keyword appears.
    frequencies: Arc<Frequencies>,
    /// A bank's other wordings of its bullets, by the bullet's text (`alternatives`).
    wordings: Arc<alternatives::Wordings>,
}

/// A question's bullets made ready for scoring many answers: keywords and their weights.
#[derive(Debug, Clone)]
pub struct Reference {
    bullets: Vec<PreparedBullet>,
    /// Whether the reference is itself a list of terms, so an answer may be one (`lists`).
    list: bool,
    /// Whether some keyword needs the answer's every token: a compound, or code that is a
    /// stopword in prose (`is`).
    all_tokens: bool,
}

/// One bullet of a [`Reference`]: what each rule's `prepare` step found for it.
#[derive(Debug, Clone)]
struct PreparedBullet {
    text: String,
    keywords: Vec<(Keyword, f64)>,
    /// The choice the bullet is, when it is only one ("Yes.", "B.").
    choice: Option<Choice>,
    /// For each keyword, the hashed keys of the words that meet it for `RELATED_CREDIT` (sorted;
    /// empty for keywords that are never met so: see `related_keys`). Hashes, since every word
    /// of an answer is looked up in them; a collision among a few dozen keys is negligible.
    related: Vec<Vec<u64>>,
    /// The bullet's negation as written ("not"), when it says one, and its weight: the answer
    /// must negate too (see `NEGATION_WEIGHT`).
    negation: Option<(String, f64)>,
    /// For each keyword, whether the bullet negates it (none: set aside by a verb of
    /// prevention), and whether it negates anything (`claims::scope`).
    negated: Vec<Option<bool>>,
    negates: bool,
    /// For each keyword, its step in the sequence the bullet says ("..., then ..."), when it
    /// is in one step only; empty when the bullet says none (`order::steps`).
    steps: Vec<Option<u32>>,
    /// The choice a longer bullet opens with ("Yes, they could both be correct."), as written,
    /// and its weight: one more keyword of the bullet's mean weight.
    lead: Option<(Choice, String, f64)>,
    /// Its other wordings, each prepared as a bullet (`alternatives`).
    wordings: Vec<PreparedBullet>,
    /// The bullet's weight in the answer's score: its keyword mass, the summed weights of its
    /// keywords (pooled coverage: the score is the share of the reference's keyword weight met).
    /// Weighing bullets equally instead lost on every dev set (see README, Scoring).
    mass: f64,
}

/// A bank's bullet or alternative wording with nothing to score ([`Scorer::unscorable`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Unscorable {
    /// The question's id and the bullet's number (1-based).
    pub question: u32,
    pub bullet: usize,
    /// The wording's number among the bullet's alternatives (1-based) and its text; none for
    /// the bullet itself.
    pub wording: Option<(usize, String)>,
}

impl Reference {
    /// The first bullet (0-based) with nothing to score: no keywords ("a b", "the"), not a
    /// choice, no negation. It weighs nothing in the score.
    pub fn empty_bullet(&self) -> Option<usize> {
        self.bullets
            .iter()
            .position(|b| b.keywords.is_empty() && b.choice.is_none() && b.negation.is_none())
    }

    /// Whether no bullet has anything to score: an answer's score would say nothing.
    pub fn is_empty(&self) -> bool {
        self.bullets.iter().all(|b| b.mass <= 0.0)
    }
}

impl Scorer {
    /// A scorer whose keyword weights come from these references (each a question's bullets),
    /// with extra synonym groups (a bank's own) on top of the built-in ones.
    pub fn new<'a, I>(references: I, synonyms: &[Vec<String>]) -> Scorer
    where
        I: IntoIterator<Item = &'a [String]>,
    {
        let mut analyzer = Analyzer::new(synonyms);
        let references: Vec<&[String]> = references.into_iter().collect();
        // Stems first, once per distinct word: answers mostly use the references' words.
        for b in references.iter().flat_map(|r| r.iter()) {
            analyzer.learn(b);
        }
        let frequencies = Arc::new(Frequencies::count(&analyzer, &references));
        Scorer {
            analyzer,
            frequencies,
            wordings: Arc::default(),
        }
    }

    /// A scorer for inline references: keyword weights from the fixed table of English
    /// ([`Frequencies::table`]), not from other references, so a reference's scores depend on
    /// it alone; `synonyms` (a bank's own) on top of the built-in groups. Score a reference
    /// with [`Scorer::knowing`] its words.
    pub fn fixed(synonyms: &[Vec<String>]) -> Scorer {
        let analyzer = Analyzer::new(synonyms);
        let frequencies = Arc::new(Frequencies::table(&analyzer));
        Scorer {
            analyzer,
            frequencies,
            wordings: Arc::default(),
        }
    }

    /// This scorer, knowing the words of `bullets` as a bank's scorer knows its bank's: a word
    /// the reference uses is nobody's typo. Cheap for a [`Scorer::fixed`], which knows none.
    pub fn knowing(&self, bullets: &[String]) -> Scorer {
        let mut scorer = self.clone();
        for b in bullets {
            scorer.analyzer.learn(b);
        }
        scorer
    }

    /// [`Scorer::knowing`] `bullets` and their `alternatives` (other wordings by bullet
    /// number, from 1, as a bank question gives them): an inline reference's own.
    pub fn knowing_wordings(
        &self,
        bullets: &[String],
        alternatives: &std::collections::BTreeMap<u32, Vec<String>>,
    ) -> Scorer {
        let mut scorer = self.knowing(bullets);
        if !alternatives.is_empty() {
            let mut wordings = alternatives::Wordings::default();
            alternatives::add(&mut wordings, bullets, alternatives);
            for w in wordings.values().flatten() {
                scorer.analyzer.learn(w);
            }
            scorer.wordings = Arc::new(wordings);
        }
        scorer
    }

    /// A scorer for a bank: weights over all its questions, its synonym groups.
    pub fn for_bank(bank: &Bank) -> Scorer {
        let mut scorer = Scorer::new(
            bank.questions().map(|l| l.question.bullets.as_slice()),
            &bank.synonyms,
        );
        let wordings = alternatives::of_bank(bank);
        // A word of a wording is nobody's typo either.
        for w in wordings.values().flatten() {
            scorer.analyzer.learn(w);
        }
        scorer.wordings = Arc::new(wordings);
        scorer
    }

    /// The bullets and alternative wordings of `bank` with nothing to score: only stopwords
    /// ("it is the"). No answer meets one; a bullet weighs nothing, a wording never helps.
    pub fn unscorable(&self, bank: &Bank) -> Vec<Unscorable> {
        let mut out = Vec::new();
        for l in bank.questions() {
            let q = l.question;
            let empty = |text: &String| {
                self.prepare(Some(&q.prompt), std::slice::from_ref(text))
                    .is_empty()
            };
            for (i, b) in q.bullets.iter().enumerate() {
                if empty(b) {
                    out.push(Unscorable {
                        question: q.id,
                        bullet: i + 1,
                        wording: None,
                    });
                }
            }
            for (&n, wordings) in &q.alternatives {
                for (j, w) in wordings.iter().enumerate() {
                    if empty(w) {
                        out.push(Unscorable {
                            question: q.id,
                            bullet: n as usize,
                            wording: Some((j + 1, w.clone())),
                        });
                    }
                }
            }
        }
        out
    }

    /// Works out the keywords and weights of a question's bullets once, for many answers.
    pub fn prepare(&self, prompt: Option<&str>, bullets: &[String]) -> Reference {
        let texts = bullets;
        let question = prompt::scene_question(prompt);
        let prompt = PromptWords::read(&self.analyzer, prompt, question.as_deref());
        let analysed: Vec<(Option<Choice>, Vec<Keyword>)> =
            bullets.iter().map(|b| self.keywords_of(b)).collect();
        let shared = shared::bullets_naming(&analysed);
        let mut bullets: Vec<PreparedBullet> = bullets
            .iter()
            .zip(analysed.into_iter().zip(shared))
            .map(|(b, ((choice, keywords), shared))| {
                let mut bullet = self.prepare_bullet(b, choice, keywords, &shared, &prompt);
                // Each other wording a bullet of its own, met in its place (`alternatives`).
                for w in self.wordings.get(b).into_iter().flatten() {
                    let (choice, keywords) = self.keywords_of(w);
                    let shared = vec![1; keywords.len()];
                    let wording = self.prepare_bullet(w, choice, keywords, &shared, &prompt);
                    bullet.wordings.push(wording);
                }
                bullet
            })
            .collect();
        // An example of the point weighs less than the point (`examples`).
        for b in bullets.iter_mut().filter(|b| examples::is_example(&b.text)) {
            b.mass *= examples::EXAMPLE_WEIGHT;
        }
        let choice_mass = choice::choice_mass(bullets.iter().map(|b| b.mass));
        for b in bullets.iter_mut().filter(|b| b.choice.is_some()) {
            b.mass = choice_mass;
        }
        let all_tokens = bullets.iter().any(|b| {
            b.keywords
                .iter()
                .any(|(k, _)| k.compound.is_some() || k.code_stop)
        });
        Reference {
            list: lists::expected(texts),
            bullets,
            all_tokens,
        }
    }

    /// A bullet's choice, when it is only one, else its keywords: a choice is scored as a
    /// choice, not by its word ("Agree.", "3.").
    fn keywords_of(&self, bullet: &str) -> (Option<Choice>, Vec<Keyword>) {
        if let Some(c) = Choice::of_bullet(bullet) {
            return (Some(c), Vec::new());
        }
        let mut keywords = self.analyzer.keywords(bullet);
        negation::drop_negation_words(bullet, &mut keywords);
        (None, keywords)
    }

    /// One bullet made ready: its keywords weighed (`shared`: how many bullets name each), the
    /// words of related senses that meet them, its negation and leading verdict, its mass.
    fn prepare_bullet(
        &self,
        text: &str,
        choice: Option<Choice>,
        keywords: Vec<Keyword>,
        shared: &[u32],
        prompt: &PromptWords,
    ) -> PreparedBullet {
        let factors = prompt.factors(&keywords);
        let keywords = self.frequencies.weigh(keywords, &factors, shared);
        // A word the prompt says, even in part, is no evidence of a related sense.
        let related = keywords
            .iter()
            .map(|(k, _)| {
                if prompt.mentions(k) {
                    Vec::new()
                } else {
                    related::related_keys(&self.analyzer, k, prompt.keys())
                }
            })
            .collect();
        let kw_mass: f64 = keywords.iter().map(|(_, w)| w).sum();
        // The negation and the verdict weigh as the bullet's mean keyword.
        let mean = (!keywords.is_empty()).then(|| kw_mass / keywords.len() as f64);
        let (negated, negates) =
            claims::scope(text, keywords.iter().map(|(k, _)| k.display.as_str()));
        // The question's words ("merge sort" for "... then merges") name the topic in any
        // order: they tell nothing of the steps'.
        let steps = order::steps(
            text,
            keywords
                .iter()
                .map(|(k, _)| (!prompt.mentions(k)).then_some(k.display.as_str())),
        );
        let negation = negation::of_bullet(text, mean);
        let lead = choice::lead(text, mean);
        PreparedBullet {
            text: text.to_string(),
            mass: kw_mass
                + negation.as_ref().map_or(0.0, |n| n.1)
                + lead.as_ref().map_or(0.0, |l| l.2),
            lead,
            negation,
            negated,
            negates,
            steps,
            keywords,
            choice,
            related,
            wordings: Vec::new(),
        }
    }

    /// Scores `answer` against a prepared reference.
    pub fn assess(&self, reference: &Reference, answer: &str) -> Assessment {
        let index = self.analyzer.answer_for(answer, reference.all_tokens);
        let negation = AnswerNegation::new(answer, index.may_negate);
        let total_mass: f64 = reference.bullets.iter().map(|b| b.mass).sum();
        // A bare list of terms earns a share of what it meets (`lists`).
        let list = !reference.list
            && lists::may_be(index.stop_count, index.words.len())
            && lists::is_list(answer);
        let credit = if list { lists::LIST_CREDIT } else { 1.0 };
        // What the answer claims and its sentences, read when a bullet asks (`claims`,
        // `related`).
        let read = Read {
            answer,
            may_negate: index.may_negate,
            polarity: OnceCell::new(),
            sentences: OnceCell::new(),
            words: OnceCell::new(),
        };
        let mut pool = Pool::default();
        let (mut opposite, mut contradicted) = (false, 0.0);
        let bullets: Vec<BulletAssessment> = reference
            .bullets
            .iter()
            .map(|b| {
                let tally = match &b.choice {
                    Some(choice) => Tally::of_choice(choice, b.text.trim(), answer),
                    None if b.wordings.is_empty() => {
                        Tally::of_keywords(b, &index, &negation, &read)
                    }
                    None => {
                        // The bullet, or the other wording that the answer meets best; but a
                        // bullet whose own words the answer says the other way round is
                        // contradicted, and another wording met better must not hide it. (Not
                        // any wording's: written freely, they negate in ways the strict test
                        // misreads, and right answers lost to it.)
                        let tallies: Vec<Tally> = std::iter::once(b)
                            .chain(&b.wordings)
                            .map(|w| Tally::of_keywords(w, &index, &negation, &read))
                            .collect();
                        let pick = if tallies[0].contradicted {
                            0
                        } else {
                            alternatives::best(tallies.iter().map(Tally::coverage))
                        };
                        alternatives::shown(tallies, pick, &b.wordings)
                    }
                };
                let coverage = tally.coverage() * credit;
                let weight = pooling::weight(b.mass, total_mass);
                pool.add(weight, coverage);
                opposite |= tally.opposite;
                if tally.contradicted {
                    contradicted += weight;
                }
                BulletAssessment {
                    bullet: b.text.clone(),
                    coverage: assessment::round(coverage, 1000.0),
                    weight: assessment::round(weight, 1000.0),
                    opposite: tally.opposite,
                    contradicted: tally.contradicted,
                    wording: tally.wording,
                    matched: tally.matched,
                    missed: tally.missed,
                }
            })
            .collect();
        let share = (pool.share() - claims::CONTRADICTION_COST * contradicted).max(0.0);
        let score = choice::with_verdict(pooling::score(share), opposite);
        let notes = notes::of(list, &bullets);
        Assessment {
            score: assessment::round(score, 100.0),
            bullets,
            notes,
        }
    }

    /// Scores `answer` against `bullets`; `prompt` (when known) earns the answer little.
    pub fn score(&self, prompt: Option<&str>, bullets: &[String], answer: &str) -> Assessment {
        self.assess(&self.prepare(prompt, bullets), answer)
    }
}

/// An answer as the rules read it beyond its index, each part read once, when first asked.
struct Read<'a> {
    answer: &'a str,
    may_negate: bool,
    polarity: OnceCell<claims::Polarity<'a>>,
    sentences: OnceCell<related::Sentences<'a>>,
    /// Its prose words in order (`order`).
    words: OnceCell<Vec<&'a str>>,
}

/// What an answer met of one bullet: the weight of its keywords met (by their credit) and in
/// all, which were met and how, and whether it opens with the opposite verdict.
#[derive(Debug, Default)]
struct Tally {
    got: f64,
    all: f64,
    matched: Vec<KeywordMatch>,
    missed: Vec<String>,
    opposite: bool,
    /// The answer says the bullet's opposite (`claims`).
    contradicted: bool,
    /// The other wording met, when one was met better than the bullet (`alternatives`).
    wording: Option<String>,
}

impl Tally {
    /// A choice bullet: its one keyword, the choice, is met whole or not at all.
    fn of_choice(choice: &Choice, text: &str, answer: &str) -> Tally {
        let mut tally = Tally::default();
        tally.verdict(choice::verdict(choice, answer), text, 1.0);
        tally
    }

    /// A bullet of keywords: each met directly (`matching`, typos included) or else by a
    /// related sense, but not by a word the answer only negates unless the bullet negates
    /// too; then its leading verdict and its negation, each one more keyword.
    fn of_keywords(
        b: &PreparedBullet,
        index: &AnswerIndex,
        negation: &AnswerNegation,
        read: &Read,
    ) -> Tally {
        let answer = read.answer;
        let mut tally = Tally::default();
        let mut hits: Vec<Option<Hit>> = b
            .keywords
            .iter()
            .map(|(k, _)| index.find(k, true))
            .collect();
        // Related senses only beside the words that met the bullet directly, in any of the
        // forms the answer writes them: which form a match names is the first found, and
        // another sentence may hold it ("module" after "modules").
        let asks = hits
            .iter()
            .zip(&b.related)
            .any(|(h, r)| h.is_none() && !r.is_empty());
        let said: Vec<String> = if asks && related::on_topic(&hits) {
            hits.iter().flatten().map(|h| h.word.clone()).collect()
        } else {
            Vec::new()
        };
        let said: Vec<&str> = said.iter().map(String::as_str).collect();
        let direct = index.forms_of(&said);
        for (hit, related) in hits.iter_mut().zip(&b.related) {
            if hit.is_none() {
                *hit = related::meet(index, related, &direct, || {
                    read.sentences
                        .get_or_init(|| related::Sentences::of(read.answer))
                });
            }
        }
        // Whether the answer says the bullet's claim the other way round, by what it meets of
        // it either way.
        let met = hits
            .iter()
            .zip(&b.keywords)
            .zip(&b.negated)
            .filter_map(|((h, (_, w)), &n)| h.as_ref().map(|h| (h.word.as_str(), *w, n)));
        let all = b.keywords.iter().map(|(_, w)| w).sum();
        tally.contradicted = claims::contradicted(b.negates, met, all, || {
            read.polarity
                .get_or_init(|| claims::Polarity::of(read.answer, read.may_negate))
        });
        // The steps of a sequence named the other way round: the opposite claim too.
        if !b.steps.is_empty() && !tally.contradicted {
            let words = read.words.get_or_init(|| {
                claims::scan(read.answer)
                    .into_iter()
                    .map(|(w, _)| w)
                    .collect()
            });
            let met = hits.iter().map(|h| {
                h.as_ref()
                    .filter(|h| h.how != MatchKind::Related)
                    .map(|h| h.word.as_str())
            });
            tally.contradicted = order::reversed(&b.steps, met, words);
        }
        for ((k, w), hit) in b.keywords.iter().zip(hits) {
            // "there is no gap" does not say "separated by the gap".
            let hit = hit.filter(|h| b.negation.is_some() || !negation.only_negates(&h.word));
            tally.add(&k.display, *w, hit);
        }
        if let Some((choice, said, w)) = &b.lead {
            tally.verdict(choice::verdict(choice, answer), said, *w);
        }
        if let Some((said, w)) = &b.negation {
            // A negation alone says nothing of the claim ("I don't know" for "cannot be
            // changed"): it meets the bullet's negation beside one of its words, or when the
            // bullet is a negation and nothing else.
            // Nor does "not sure" or "no idea" beside them: an admission, not a claim.
            let beside = b.keywords.is_empty() || !tally.matched.is_empty();
            let hit = negation
                .hit()
                .filter(|_| beside && !negation::only_unsure(answer));
            tally.add(said, *w, hit);
        }
        if tally.contradicted {
            tally.got = 0.0;
        }
        tally
    }

    /// One keyword of `weight`, met by `hit` (for its credit) or missed.
    fn add(&mut self, keyword: &str, weight: f64, hit: Option<Hit>) {
        self.all += weight;
        match hit {
            Some(hit) => {
                self.got += weight * hit.credit;
                self.matched.push(KeywordMatch {
                    keyword: keyword.to_string(),
                    word: hit.word,
                    how: hit.how,
                });
            }
            None => self.missed.push(keyword.to_string()),
        }
    }

    /// A verdict as one keyword; the other choice marks the bullet's verdict opposite.
    fn verdict(&mut self, verdict: Verdict, keyword: &str, weight: f64) {
        self.opposite = verdict == Verdict::Opposite;
        self.add(keyword, weight, verdict.hit());
    }

    /// The share of the bullet's weight met, 0-1; 0 for a bullet with nothing to score (all
    /// stopwords): it weighs nothing.
    fn coverage(&self) -> f64 {
        if self.all > 0.0 {
            (self.got / self.all).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests;
