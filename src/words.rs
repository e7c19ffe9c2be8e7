//! How counts are spelt in messages and views: one plural rule, so "1 question" and
//! "2 questions" read the same everywhere.

/// "s" unless `n` is 1: `format!("{n} answer{}", plural(n))`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Items as a reader lists them: "2", "2 and 4", "2, 4 and 5".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_joins_its_last_item_with_and() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&[])), "");
        assert_eq!(and_list(&s(&["2"])), "2");
        assert_eq!(and_list(&s(&["2", "4"])), "2 and 4");
        assert_eq!(and_list(&s(&["2", "4", "5"])), "2, 4 and 5");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1), "");
        assert_eq!(plural(0), "s");
        assert_eq!(plural(2), "s");
    }
}
