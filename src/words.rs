//! How counts are spelt in messages and views: one plural rule, so "1 question" and
//! "2 questions" read the same everywhere.

/// "s" unless `n` is 1: `format!("{n} answer{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1), "");
        assert_eq!(plural(0), "s");
        assert_eq!(plural(2), "s");
    }
}
