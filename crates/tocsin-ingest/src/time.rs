//! The few date conversions ingestion needs, without a date library.
//!
//! Only three shapes reach us: WARC-Date (W3C profile of ISO 8601, already almost RFC 3339),
//! HTTP `Date` (IMF-fixdate) and "now". A dependency for that would be more code than this.

use std::time::{SystemTime, UNIX_EPOCH};

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u32, |acc, d| {
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn valid_time(h: u32, mi: u32, s: u32) -> bool {
    h < 24 && mi < 60 && s <= 60
}

/// Normalises a WARC-Date to RFC 3339, or `None` when it is not a date.
///
/// Full date-times pass through unchanged (keeping fractional seconds and offsets); the
/// reduced precisions the W3C profile allows are padded to midnight UTC.
pub(crate) fn warc_date_to_rfc3339(raw: &str) -> Option<String> {
    let s = raw.trim();
    let b = s.as_bytes();
    let (y, m, d) = match b.len() {
        4 => return Some(format!("{:04}-01-01T00:00:00Z", digits(b)?)),
        7 if b[4] == b'-' => (digits(&b[..4])?, digits(&b[5..7])?, 1),
        10.. if b[4] == b'-' && b[7] == b'-' => {
            (digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
        }
        _ => return None,
    };
    if !valid_date(y, m, d) {
        return None;
    }
    if b.len() <= 10 {
        return Some(format!("{y:04}-{m:02}-{d:02}T00:00:00Z"));
    }
    // YYYY-MM-DDThh:mm then optional :ss(.frac), then Z or ±hh:mm.
    if b.len() < 17 || !matches!(b[10], b'T' | b't') || b[13] != b':' {
        return None;
    }
    let (h, mi) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let mut rest = &b[16..];
    let mut sec = 0;
    let mut frac = "";
    if rest.first() == Some(&b':') {
        sec = digits(rest.get(1..3)?)?;
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            frac = std::str::from_utf8(&rest[..=n]).ok()?;
            rest = &rest[n + 1..];
        }
    }
    if !valid_time(h, mi, sec) {
        return None;
    }
    let zone = match rest {
        b"Z" | b"z" => "Z".to_string(),
        [sign @ (b'+' | b'-'), oh1, oh2, b':', om1, om2] => {
            let (oh, om) = (digits(&[*oh1, *oh2])?, digits(&[*om1, *om2])?);
            if oh > 23 || om > 59 {
                return None;
            }
            format!("{}{oh:02}:{om:02}", char::from(*sign))
        }
        _ => return None,
    };
    Some(format!(
        "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{sec:02}{frac}{zone}"
    ))
}

/// Converts an HTTP `Date` in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`) to RFC 3339.
/// The obsolete RFC 850 and asctime forms give `None`: rare today, and a missing date is
/// better than a wrong one.
pub(crate) fn http_date_to_rfc3339(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m = MONTHS.iter().position(|n| n.eq_ignore_ascii_case(month))? as u32 + 1;
    let (d, y) = (digits(day.as_bytes())?, digits(year.as_bytes())?);
    let t = time.as_bytes();
    if t.len() != 8 || t[2] != b':' || t[5] != b':' {
        return None;
    }
    let (h, mi, s) = (digits(&t[..2])?, digits(&t[3..5])?, digits(&t[6..])?);
    if year.len() != 4 || !valid_date(y, m, d) || !valid_time(h, mi, s) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"))
}

/// The current time in RFC 3339 (UTC, whole seconds), for documents fetched live.
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warc_dates() {
        let ok = |s: &str| warc_date_to_rfc3339(s);
        assert_eq!(
            ok("2024-03-22T19:05:11Z").as_deref(),
            Some("2024-03-22T19:05:11Z")
        );
        assert_eq!(
            ok(" 2024-03-22T19:05:11.123456Z").as_deref(),
            Some("2024-03-22T19:05:11.123456Z")
        );
        assert_eq!(
            ok("2024-03-22T19:05Z").as_deref(),
            Some("2024-03-22T19:05:00Z")
        );
        assert_eq!(ok("2024-03-22").as_deref(), Some("2024-03-22T00:00:00Z"));
        assert_eq!(ok("2024").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(
            ok("2024-03-22T19:05:11+03:00").as_deref(),
            Some("2024-03-22T19:05:11+03:00")
        );
        for bad in [
            "",
            "yesterday",
            "2024-02-30T00:00:00Z",
            "2024-03-22T25:00:00Z",
            "2024-03-22T19:05:11",
        ] {
            assert_eq!(ok(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date_to_rfc3339("Sun, 06 Nov 1994 08:49:37 GMT").as_deref(),
            Some("1994-11-06T08:49:37Z")
        );
        assert_eq!(http_date_to_rfc3339("Sunday, 06-Nov-94 08:49:37 GMT"), None);
    }

    #[test]
    fn now_is_rfc3339_shaped() {
        let now = now_rfc3339();
        assert!(warc_date_to_rfc3339(&now).is_some(), "{now}");
    }
}
