//! An example is not the point: a bullet that only gives an example of the point ("Example:
//! factory pattern multiplies input by constant", "e.g. ...", "For example ...") weighs
//! `EXAMPLE_WEIGHT` of its keyword mass, so a candidate who makes the point with an example of
//! their own loses little for not giving the guide's. Chosen over meeting it by any example,
//! which a lexical scorer cannot tell from a wrong one.

/// The share of its keyword mass an example bullet weighs.
pub const EXAMPLE_WEIGHT: f64 = 0.5;

/// Whether a bullet only gives an example: it opens with "Example", "Examples", "e.g.", "For
/// example", "For instance" or "Key examples".
pub fn is_example(bullet: &str) -> bool {
    let t = bullet.trim_start().to_lowercase();
    [
        "example",
        "e.g.",
        "eg.",
        "for example",
        "for instance",
        "key examples",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bullet_opening_with_an_example_is_one() {
        for b in [
            "Example factory pattern multiplies input by constant.",
            "Example: `def func(a, /, b, *, c): ...`.",
            "e.g. `[x async for x in agen()]`",
            "For example, a cache.",
            "Key examples: PEP 8 (style guide).",
        ] {
            assert!(is_example(b), "{b}");
        }
        assert!(!is_example("Utilize closures to capture state."));
        assert!(!is_example("Exemplary code."));
    }
}
