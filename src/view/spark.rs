//! Sparklines: a run of scores as one line of block characters, for the terminal and Markdown.
//!
//! Heights are absolute (0 to 100 in eight steps), not scaled to the run's own range, so a high
//! flat line and a low flat line look different: the height itself means something.

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per score (0 to 100), oldest first, in at most `max` columns: when there are
/// more scores than that, `…` and the latest `max - 1`, so a cut run is never mistaken for
/// the whole history.
pub fn sparkline(scores: &[f64], max: usize) -> String {
    let skip = shown_from(scores.len(), max);
    let mut out: String = if skip > 0 {
        "…".into()
    } else {
        String::new()
    };
    out.extend(scores[skip..].iter().map(|s| {
        let i = (s.clamp(0.0, 100.0) / 12.5).floor() as usize;
        LEVELS[i.min(LEVELS.len() - 1)]
    }));
    out
}

/// The index of the first of `len` points shown in `max` columns, one of which goes to `…`
/// when not all fit.
pub fn shown_from(len: usize, max: usize) -> usize {
    if len <= max {
        0
    } else {
        len - max.saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_are_absolute_and_only_the_latest_are_kept() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0], 8), "▁▅█");
        assert_eq!(sparkline(&[12.4, 12.5, 99.9], 8), "▁▂█");
        assert_eq!(sparkline(&[0.0, 100.0, 100.0], 3), "▁██");
        assert_eq!(sparkline(&[0.0, 50.0, 100.0, 100.0], 3), "…██");
        assert_eq!(sparkline(&[], 8), "");
        assert_eq!(sparkline(&[-5.0, 500.0], 8), "▁█");
    }
}
