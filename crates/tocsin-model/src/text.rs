//! Byte offsets snapped to character boundaries.
//!
//! Every stage cuts text at byte budgets (a sample for language detection, an analysis
//! limit, a window around a match), and slicing a `str` inside a character panics. The
//! standard library has these as `str` methods from Rust 1.91; the workspace still builds
//! with 1.85.

/// The largest character boundary at or before `index`, clamped to `s.len()`.
pub fn floor_char_boundary(s: &str, index: usize) -> usize {
    let mut i = index.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary at or after `index`, clamped to `s.len()`.
pub fn ceil_char_boundary(s: &str, index: usize) -> usize {
    let mut i = index.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snaps_inside_multibyte_characters_and_clamps_past_the_end() {
        let s = "aé😀b"; // a: 0, é: 1..3, 😀: 3..7, b: 7
        assert_eq!(floor_char_boundary(s, 2), 1);
        assert_eq!(ceil_char_boundary(s, 2), 3);
        assert_eq!(floor_char_boundary(s, 5), 3);
        assert_eq!(ceil_char_boundary(s, 5), 7);
        assert_eq!(floor_char_boundary(s, 3), 3);
        assert_eq!(floor_char_boundary(s, 100), s.len());
        assert_eq!(ceil_char_boundary(s, 100), s.len());
        assert_eq!(floor_char_boundary("", 4), 0);
    }
}
