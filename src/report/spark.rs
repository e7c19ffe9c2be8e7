//! Sparklines: a run of scores as one line of block characters, for the terminal and Markdown.
//!
//! Heights are absolute (0 to 100 in eight steps), not scaled to the run's own range, so a high
//! flat line and a low flat line look different: the height itself means something.

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per score (0 to 100), oldest first; at most `max` of the latest scores.
pub fn sparkline(scores: &[f64], max: usize) -> String {
    let skip = scores.len().saturating_sub(max);
    scores[skip..]
        .iter()
        .map(|s| {
            let i = (s.clamp(0.0, 100.0) / 12.5).floor() as usize;
            LEVELS[i.min(LEVELS.len() - 1)]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_are_absolute_and_only_the_latest_are_kept() {
        assert_eq!(sparkline(&[0.0, 50.0, 100.0], 8), "▁▅█");
        assert_eq!(sparkline(&[12.4, 12.5, 99.9], 8), "▁▂█");
        assert_eq!(sparkline(&[0.0, 100.0, 100.0], 2), "██");
        assert_eq!(sparkline(&[], 8), "");
        assert_eq!(sparkline(&[-5.0, 500.0], 8), "▁█");
    }
}
