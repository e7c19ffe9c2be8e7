//! English stopwords: function words that carry no idea of their own, so they are not keywords.
//!
//! Besides the usual function words, a few generic verbs and hedges that reference answers
//! use to frame an idea rather than state one ("use `x` for ...", "includes", "based on",
//! "typically"): as keywords they clutter the evidence ("missed: Use") and reward filler.
//!
//! Words of comparison and quantity ("same", "more", "most", "few") are not stopwords, though
//! many lists have them: they are the claim ("in the same path", "more water"), as "different"
//! and "less" are. Nor are words of position and order ("above", "below", "before", "after",
//! "off", "under"): "the bulb is off", "the lock is taken before". "over", "up" and "down" stay
//! stopwords: mostly they are particles ("iterate over", "look up", "shut down").

/// Sorted, so a word is easy to find and a repeat shows (a test checks the order).
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "again",
    "against",
    "all",
    "allow",
    "allowed",
    "allowing",
    "allows",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "based",
    "be",
    "because",
    "been",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "commonly",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "eg",
    "either",
    "etc",
    "for",
    "from",
    "further",
    "generally",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "ie",
    "if",
    "in",
    "include",
    "included",
    "includes",
    "including",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "let",
    "lets",
    "like",
    "may",
    "me",
    "might",
    "must",
    "my",
    "myself",
    "neither",
    "no",
    "nor",
    "not",
    "of",
    "often",
    "on",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "provide",
    "provided",
    "provides",
    "providing",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "typically",
    "until",
    "up",
    "us",
    "use",
    "used",
    "uses",
    "using",
    "usually",
    "various",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Whether a case-folded word is a stopword: one hash lookup, not a binary search's string
/// comparisons (words outside the bank's references, in every answer, are looked up here).
pub fn is_stopword(word: &str) -> bool {
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| STOPWORDS.iter().copied().collect());
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_lookup_works() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "keep it sorted");
        assert!(is_stopword("the"));
        assert!(is_stopword("yourself"));
        assert!(!is_stopword("thread"));
        assert!(STOPWORDS.iter().all(|w| is_stopword(w)));
    }

    #[test]
    fn words_of_comparison_are_keywords() {
        for w in [
            "same",
            "more",
            "most",
            "few",
            "different",
            "less",
            "off",
            "before",
        ] {
            assert!(!is_stopword(w), "{w}");
        }
    }
}
