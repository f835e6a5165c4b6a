//! Calendar dates of publication.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar date (proleptic Gregorian), printed as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1000..=9999.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`, or an RFC 3339 timestamp (`2025-08-06T14:05:00Z`,
    /// `2025-08-06 14:05:00+03:00`) whose date part is taken as written, in
    /// the timezone the publisher gave. Returns `None` for anything else,
    /// including impossible dates such as `2025-02-30`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = &s[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)? as u8, num(8..10)? as u8);
        if b.len() > 10 && !valid_time(&s[10..]) {
            return None;
        }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1000 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }
}

/// `THH:MM[:SS[.frac]][Z|±HH:MM]` after the date.
fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    if !matches!(b[0], b'T' | b't' | b' ') || b.len() < 6 {
        return false;
    }
    let two = |i: usize, max: u8| -> bool {
        b.get(i..i + 2).is_some_and(|d| d.iter().all(u8::is_ascii_digit) && (d[0] - b'0') * 10 + (d[1] - b'0') <= max)
    };
    if !(two(1, 23) && b[3] == b':' && two(4, 59)) {
        return false;
    }
    let mut i = 6;
    if b.get(i) == Some(&b':') {
        if !two(i + 1, 60) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            i += digits;
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => two(i + 1, 23) && b.get(i + 3) == Some(&b':') && two(i + 4, 59) && i + 6 == b.len(),
        _ => false,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_dates_and_rfc3339() {
        for (s, d) in [
            ("2025-08-06", "2025-08-06"),
            ("2025-08-06T14:05:00Z", "2025-08-06"),
            ("2025-08-06T23:59:59.123+03:00", "2025-08-06"),
            ("2024-02-29 10:00", "2024-02-29"),
        ] {
            assert_eq!(Date::parse(s).map(|d| d.to_string()).as_deref(), Some(d), "{s}");
        }
    }

    #[test]
    fn rejects_bad_dates() {
        for s in ["", "2025-02-30", "2025-13-01", "06/08/2025", "2025-08-06T25:00", "2025-08-06junk", "2023-02-29"] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
    }
}
