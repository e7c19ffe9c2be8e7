//! Comparatives: an adjective's comparative or superlative ("denser", "densest") means the
//! adjective ("dense"), so it takes the adjective's key and the two meet.
//!
//! WordNet's adjective detachment rules undo the ending ("-er", "-est", "-r", "-st") when what
//! is left is an adjective, unless the word is a noun or verb of its own: "number" is not
//! "numb" + "er", "matter" stays. The comparatives of one-syllable adjectives that are also
//! nouns or verbs but mostly adjectives ("lower", "longer", "cooler") are in the exception
//! lists the generator writes ([`super::wordnet::irregular`]), which are looked up first
//! ([`super::terms::lemma`]).

use super::wordnet::{self, ADJ, NOUN, VERB};

/// The adjective a case-folded comparative or superlative is of ("denser" is "dense",
/// "quickest" "quick"), or None: for a word that is none, or that is a noun or verb of its own
/// ("number", "matter", "computer").
pub fn adjective(word: &str) -> Option<String> {
    // The detachment first: it fails for most words ending so ("computer"), sparing the
    // second lookup.
    if !(word.ends_with("er") || word.ends_with("est")) {
        return None;
    }
    let base = wordnet::detach(word, ADJ)?;
    (!wordnet::is(word, NOUN | VERB)).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comparative_or_superlative_is_its_adjective() {
        assert_eq!(adjective("denser").as_deref(), Some("dense"));
        assert_eq!(adjective("quicker").as_deref(), Some("quick"));
        assert_eq!(adjective("faster").as_deref(), Some("fast"));
        assert_eq!(adjective("densest").as_deref(), Some("dense"));
    }

    #[test]
    fn a_noun_or_verb_of_its_own_or_another_word_is_no_comparative() {
        // "number" is not "numb" + "er", nor "matter" "matt" + "er".
        assert_eq!(adjective("number"), None);
        assert_eq!(adjective("matter"), None);
        assert_eq!(adjective("computer"), None);
        assert_eq!(adjective("xyzzyer"), None);
        assert_eq!(adjective("dense"), None);
        assert_eq!(adjective("iterates"), None);
        // A noun too, but mostly the adjective: the exception lists say so, not this rule.
        assert_eq!(adjective("warmer"), None);
    }
}
