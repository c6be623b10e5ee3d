//! A calendar date as a day count, which is all time-expression arithmetic needs.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A proleptic Gregorian calendar date, stored as days since 1970-01-01.
///
/// Day arithmetic ("three days ago", "last Friday") is integer arithmetic on the count;
/// conversion to and from year-month-day uses Howard Hinnant's civil-date algorithms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

/// Days in a month of a year, or 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, when it exists (and lies within years −9999–9999).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(-9999..=9999).contains(&year) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        Some(Date { days: days as i32 })
    }

    /// The date `days` days after 1970-01-01 (before it when negative).
    pub fn from_days(days: i32) -> Date {
        Date { days }
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = i64::from(self.days) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        (year, month, day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.ymd().0
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.ymd().1
    }

    /// The day of the month.
    pub fn day(self) -> u32 {
        self.ymd().2
    }

    /// Day of the week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        (self.days + 3).rem_euclid(7) as u32
    }

    /// The date `n` days later (earlier when negative), saturating at the ends of `i32`.
    pub fn add_days(self, n: i64) -> Date {
        let days = (i64::from(self.days) + n).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        Date { days: days as i32 }
    }

    /// The same day `n` months later (earlier when negative), clamped to the month's last day.
    pub fn add_months(self, n: i32) -> Date {
        let (y, m, d) = self.ymd();
        let (y2, m2) = shift_month(y, m, n);
        Date::from_ymd(y2, m2, d.min(days_in_month(y2, m2))).unwrap_or(self)
    }

    /// The Monday of this date's week.
    pub fn monday(self) -> Date {
        self.add_days(-i64::from(self.weekday()))
    }

    /// ISO 8601 week-numbering year and week (1–53).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(3 - i64::from(self.weekday()));
        let year = thursday.year();
        let jan1 = Date::from_ymd(year, 1, 1).unwrap_or(thursday);
        let week = (thursday.days - jan1.days) / 7 + 1;
        (year, week as u32)
    }

    /// Reads `YYYY-MM-DD`, also at the start of an RFC 3339 date-time
    /// (`2024-03-26T10:00:00Z`), as publication dates come.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        Date::from_ymd(year, month, day)
    }
}

/// `(year, month)` shifted by `n` months.
pub(crate) fn shift_month(year: i32, month: u32, n: i32) -> (i32, u32) {
    let idx = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(n);
    let y = idx.div_euclid(12).clamp(-9999, 9999) as i32;
    let m = idx.rem_euclid(12) as u32 + 1;
    (y, m)
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse_iso(&s).ok_or_else(|| serde::de::Error::custom(format!("not a date: {s}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_across_eras() {
        for days in (-800_000..800_000).step_by(997) {
            let d = Date::from_days(days);
            let (y, m, dd) = d.ymd();
            assert_eq!(Date::from_ymd(y, m, dd), Some(d));
        }
    }

    #[test]
    fn known_dates() {
        let d = Date::from_ymd(2024, 3, 22).expect("valid");
        assert_eq!(d.to_string(), "2024-03-22");
        assert_eq!(d.weekday(), 4); // a Friday
        assert_eq!(Date::from_ymd(2024, 2, 30), None);
        assert_eq!(Date::from_ymd(2024, 2, 29).map(|d| d.weekday()), Some(3));
        assert_eq!(
            Date::parse_iso("2024-03-26T10:00:00Z"),
            Date::from_ymd(2024, 3, 26)
        );
        assert_eq!(d.iso_week(), (2024, 12));
        assert_eq!(
            Date::from_ymd(2021, 1, 3).map(Date::iso_week),
            Some((2020, 53))
        );
        assert_eq!(
            Date::from_ymd(2024, 3, 31).map(|d| d.add_months(-1)),
            Date::from_ymd(2024, 2, 29)
        );
    }
}
