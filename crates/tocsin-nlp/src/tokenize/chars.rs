//! Character classes the tokenizer and sentence splitter share.
//!
//! ASCII goes through a 128-entry table (the fast path: most news bytes are ASCII); anything
//! else is decoded once and classified with a few range checks, so no Unicode tables are pulled
//! in.

/// Whitespace.
pub(crate) const WS: u8 = 0;
/// Uppercase ASCII letter.
pub(crate) const UP: u8 = 1;
/// Lowercase ASCII letter or `_`.
pub(crate) const LO: u8 = 2;
/// ASCII digit.
pub(crate) const DIG: u8 = 3;
/// ASCII punctuation.
pub(crate) const PUN: u8 = 4;
/// ASCII symbol (`$`, `%`, `+`, `<`…) and control characters.
pub(crate) const SYM: u8 = 5;

const fn build_table() -> [u8; 128] {
    let mut t = [SYM; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0b || b == 0x0c {
            WS
        } else if b.is_ascii_uppercase() {
            UP
        } else if b.is_ascii_lowercase() || b == b'_' {
            LO
        } else if b.is_ascii_digit() {
            DIG
        } else if matches!(
            b,
            b'.' | b','
                | b';'
                | b':'
                | b'!'
                | b'?'
                | b'\''
                | b'"'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'-'
                | b'/'
                | b'\\'
                | b'*'
                | b'&'
                | b'#'
                | b'@'
        ) {
            PUN
        } else {
            SYM
        };
        i += 1;
    }
    t
}

/// Class of each ASCII byte.
pub(crate) static ASCII: [u8; 128] = build_table();

/// Decodes the character starting at byte `i` of valid UTF-8, with its length in bytes.
///
/// Never panics: a truncated sequence (impossible for a `&str`) decodes as U+FFFD.
#[inline]
pub(crate) fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = bytes.get(i).copied().unwrap_or(0);
    if b0 < 0x80 {
        return (b0 as char, 1);
    }
    let cont = |k: usize| u32::from(bytes.get(i + k).copied().unwrap_or(0x80) & 0x3f);
    let (cp, len) = if b0 < 0xe0 {
        ((u32::from(b0 & 0x1f) << 6) | cont(1), 2)
    } else if b0 < 0xf0 {
        ((u32::from(b0 & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            (u32::from(b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    };
    (char::from_u32(cp).unwrap_or('\u{fffd}'), len)
}

/// Whitespace beyond ASCII: no-break and thin spaces, line and paragraph separators, and the
/// zero-width characters that scraped pages are full of (they separate nothing visible, so
/// they must never end up inside a token).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}')
}

/// Combining marks and joiners that continue a word even though `char::is_alphanumeric`
/// says no (Devanagari viramas, Arabic harakat, Hebrew points, ZWNJ in Persian).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05c7}'
        | '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0670}'
        | '\u{06d6}'..='\u{06ed}'
        | '\u{0900}'..='\u{0963}'
        | '\u{0966}'..='\u{0dff}'
        | '\u{0e00}'..='\u{0e7f}'
        | '\u{0f00}'..='\u{0fff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{1ab0}'..='\u{1aff}'
        | '\u{1dc0}'..='\u{1dff}'
        | '\u{200c}'..='\u{200d}'
        | '\u{20d0}'..='\u{20ff}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{fe20}'..='\u{fe2f}'
    )
}

/// Han ideographs: Chinese and Japanese write no spaces, and without a dictionary one
/// ideograph per token is the honest fallback.
#[inline]
pub(crate) fn is_ideograph(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}'
        | '\u{3005}'
        | '\u{3007}'
    )
}

/// A non-ASCII character that belongs inside a word (letters, digits, marks of any script).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || is_mark(c)) && !is_punct(c)
}

/// Apostrophes: ASCII `'`, the typographic right single quote `’` (what most news sites
/// print) and the modifier letter `ʼ`.
#[inline]
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}')
}

/// Non-ASCII punctuation (as opposed to symbols): quotes, dashes, ellipsis, CJK and Arabic
/// punctuation. Everything else that is neither space nor word is a symbol.
#[inline]
pub(crate) fn is_punct(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205e}'
        | '\u{00a1}' | '\u{00a7}' | '\u{00ab}' | '\u{00b6}' | '\u{00b7}' | '\u{00bb}' | '\u{00bf}'
        | '\u{037e}' | '\u{0387}'
        | '\u{055a}'..='\u{055f}'
        | '\u{0589}'
        | '\u{05be}' | '\u{05c0}' | '\u{05c3}' | '\u{05f3}' | '\u{05f4}'
        | '\u{060c}' | '\u{060d}' | '\u{061b}' | '\u{061f}' | '\u{066a}'..='\u{066d}' | '\u{06d4}'
        | '\u{0964}' | '\u{0965}'
        | '\u{0e4f}' | '\u{0e5a}' | '\u{0e5b}'
        | '\u{1361}'..='\u{1368}'
        | '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301f}'
        | '\u{30fb}'
        | '\u{fe50}'..='\u{fe6b}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}'
    )
}

/// Characters that end a sentence in some script: `.`, `!`, `?`, the ellipsis, CJK full stops,
/// the Arabic question mark, the Devanagari danda, the Urdu and Armenian full stops, the
/// Ethiopic full stop.
#[inline]
pub(crate) fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{2026}' | '\u{203c}' | '\u{2047}'
            ..='\u{2049}'
                | '\u{3002}'
                | '\u{ff01}'
                | '\u{ff0e}'
                | '\u{ff1f}'
                | '\u{ff61}'
                | '\u{061f}'
                | '\u{06d4}'
                | '\u{0964}'
                | '\u{0965}'
                | '\u{0589}'
                | '\u{1362}'
                | '\u{037e}'
    )
}

/// Closing quotes and brackets: they belong to the sentence they close.
#[inline]
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '\u{2019}'
            | '\u{201d}'
            | '\u{00bb}'
            | '\u{203a}'
            | '\u{300d}'
            | '\u{300f}'
            | '\u{3011}'
            | '\u{ff09}'
    )
}

/// Quotes that open or close depending on the spacing around them.
#[inline]
pub(crate) fn is_ambiguous_quote(c: char) -> bool {
    matches!(c, '"' | '\'')
}

/// Whether `c` starts with an uppercase letter in the sense sentence splitting needs: a
/// capital, or a letter of a script without case (which gives no evidence either way and so
/// must not block a split).
#[inline]
pub(crate) fn is_upper_or_caseless(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// Value of a decimal digit in any of the digit blocks news is written in (ASCII, Arabic-Indic,
/// Extended Arabic-Indic, Devanagari, Bengali, full-width).
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u32> {
    let cp = c as u32;
    for base in [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xff10] {
        if (base..base + 10).contains(&cp) {
            return Some(cp - base);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_round_trips_every_width() {
        for s in ["a", "é", "€", "𝄞"] {
            let (c, len) = decode(s.as_bytes(), 0);
            assert_eq!(c.to_string(), s);
            assert_eq!(len, s.len());
        }
    }

    #[test]
    fn digits_of_other_scripts_have_values() {
        assert_eq!(digit_value('٣'), Some(3));
        assert_eq!(digit_value('७'), Some(7));
        assert_eq!(digit_value('x'), None);
    }
}
