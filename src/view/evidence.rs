//! How a keyword match is put in words: the one place for every view (the score table, the
//! replay of a session, the rating screen and `bank search`). Each view shows matches in one of
//! three [`Form`]s, from the fullest to the briefest.

use crate::output;
use crate::scoring::{Assessment, BulletAssessment, KeywordMatch, MatchKind};

/// What the scorer says of an answer as a whole ("a list of terms: say what they do and how
/// they relate"), each as `Note: ...` rows wrapped to `width`: every view that shows the
/// evidence shows them, or a bare list of terms looks met word by word and scored low for no
/// reason.
pub fn notes(a: &Assessment, width: usize) -> Vec<String> {
    a.notes
        .iter()
        .flat_map(|n| output::wrap(&format!("Note: {}.", output::visible(n)), width))
        .collect()
}

/// How much of a match a view shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The replay and `bank search`: the keyword, the answer's word in quotes when it differs
    /// (`decorator ← "decroator" (typo)`; `faster ~ quicker (related sense)` for a related
    /// sense), and how they met.
    Quoted,
    /// The score table: the keyword alone when the answer said it as written; otherwise the
    /// answer's word and how they met, with short labels (`decorator ← decroator (typo)`).
    Table,
    /// The rating screen: the keyword and how it was met (`decorator (typo)`).
    Brief,
}

/// How a keyword was met, in words; empty for an exact match.
pub fn label(how: MatchKind) -> &'static str {
    match how {
        MatchKind::Exact => "",
        MatchKind::Stem => "word form",
        MatchKind::Synonym => "synonym",
        MatchKind::Fuzzy => "typo",
        MatchKind::Part => "part of a name",
        MatchKind::Choice => "choice",
        MatchKind::Related => "related sense",
    }
}

/// A match in words, in the `form` a view shows.
pub fn describe(m: &KeywordMatch, form: Form) -> String {
    let same_word = m.word.eq_ignore_ascii_case(&m.keyword);
    match form {
        Form::Brief => match label(m.how) {
            "" => m.keyword.clone(),
            how => format!("{} ({how})", m.keyword),
        },
        Form::Quoted => {
            let how = match label(m.how) {
                "" => String::new(),
                label => format!(" ({label})"),
            };
            if same_word {
                format!("{}{how}", m.keyword)
            } else if m.how == MatchKind::Related {
                format!("{} ~ {}{how}", m.keyword, m.word)
            } else {
                format!("{} ← \"{}\"{how}", m.keyword, m.word)
            }
        }
        Form::Table => {
            if m.how == MatchKind::Exact || same_word {
                return m.keyword.clone();
            }
            // The table's column is narrow: "part", not "part of a name".
            let how = match m.how {
                MatchKind::Exact => "exact",
                MatchKind::Part => "part",
                other => label(other),
            };
            if m.how == MatchKind::Related {
                // "faster ~ quicker": the answer said it in other words, credited in part.
                format!("{} ~ {} ({how})", m.keyword, m.word)
            } else {
                format!("{} ← {} ({how})", m.keyword, m.word)
            }
        }
    }
}

/// A bullet's evidence as lines to show under it: "matched: ..." (each match in `form`) and
/// "missing: ..." (when `missing` says to show what was missed).
pub fn lines(b: &BulletAssessment, form: Form, missing: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !b.matched.is_empty() {
        let words: Vec<String> = b.matched.iter().map(|m| describe(m, form)).collect();
        // Met by another wording of the bullet: its words, so say which.
        let by = match &b.wording {
            Some(w) => format!(" (as \"{}\")", output::visible(w)),
            None => String::new(),
        };
        out.push(format!("matched{by}: {}", words.join(", ")));
    }
    if missing && !b.missed.is_empty() {
        out.push(format!("missing: {}", b.missed.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(keyword: &str, word: &str, how: MatchKind) -> KeywordMatch {
        KeywordMatch {
            keyword: keyword.into(),
            word: word.into(),
            how,
        }
    }

    #[test]
    fn a_bullet_met_by_another_wording_names_it() {
        let mut b = BulletAssessment {
            bullet: "Ideal for CPU-intensive workloads.".into(),
            coverage: 1.0,
            weight: 1.0,
            opposite: false,
            contradicted: false,
            wording: Some("good for CPU-bound work".into()),
            matched: vec![m("good", "good", MatchKind::Exact)],
            missed: vec![],
        };
        assert_eq!(
            lines(&b, Form::Brief, true),
            ["matched (as \"good for CPU-bound work\"): good"]
        );
        b.wording = None;
        assert_eq!(lines(&b, Form::Brief, true), ["matched: good"]);
    }

    #[test]
    fn each_form_says_what_its_views_show() {
        let typo = m("decorator", "decroator", MatchKind::Fuzzy);
        assert_eq!(
            describe(&typo, Form::Quoted),
            "decorator ← \"decroator\" (typo)"
        );
        assert_eq!(describe(&typo, Form::Table), "decorator ← decroator (typo)");
        assert_eq!(describe(&typo, Form::Brief), "decorator (typo)");
        let related = m("faster", "quicker", MatchKind::Related);
        assert_eq!(
            describe(&related, Form::Quoted),
            "faster ~ quicker (related sense)"
        );
        assert_eq!(
            describe(&related, Form::Table),
            "faster ~ quicker (related sense)"
        );
        let exact = m("GIL", "gil", MatchKind::Exact);
        for form in [Form::Quoted, Form::Table, Form::Brief] {
            assert_eq!(describe(&exact, form), "GIL");
        }
        let part = m("loads", "json.loads", MatchKind::Part);
        assert_eq!(describe(&part, Form::Table), "loads ← json.loads (part)");
        assert_eq!(
            describe(&part, Form::Quoted),
            "loads ← \"json.loads\" (part of a name)"
        );
        // A word form spelled as the keyword: the keyword and how it was met.
        let stem = m("Lists", "lists", MatchKind::Stem);
        assert_eq!(describe(&stem, Form::Quoted), "Lists (word form)");
        assert_eq!(describe(&stem, Form::Table), "Lists");
    }

    #[test]
    fn every_kind_but_exact_has_a_label() {
        for how in [
            MatchKind::Stem,
            MatchKind::Synonym,
            MatchKind::Fuzzy,
            MatchKind::Part,
            MatchKind::Choice,
            MatchKind::Related,
        ] {
            assert!(!label(how).is_empty(), "{how:?}");
        }
        assert_eq!(label(MatchKind::Exact), "");
    }
}
