//! Dates in every form Foxy writes, kept with their exact text.
//!
//! - `2012-02-29T13:55:09-0800`: Foxy's usual form (offset without colon);
//! - `2013-06-06T17:26:07-05:00`, `2021-01-01T10:00:00.250Z`: RFC 3339;
//! - `2018-01-01`: a calendar day;
//! - `2009-02-10 13:16:11`: the legacy form, local time without offset;
//! - `0000-00-00`: the "no date" placeholder some resources still carry.

use std::fmt;
use std::str::FromStr;

use foxy_proto::Value;

use crate::error::{ModelError, clip};
use crate::values::{FieldValue, wrong_type};

/// The form a [`Date`] is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `2012-02-29T13:55:09-0800`.
    FoxyOffset,
    /// `2012-02-29T13:55:09-08:00` or `...Z`, optionally with fractional seconds.
    Rfc3339,
    /// `2012-02-29`.
    Day,
    /// `2012-02-29 13:55:09`, local time without an offset.
    Legacy,
    /// `0000-00-00`: no date.
    Zero,
}

/// Text that is not in one of Foxy's date forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a date: {text:?}")]
pub struct DateError {
    /// The rejected text (truncated to 40 characters).
    pub text: String,
}

/// A date or timestamp, with the text it was written as.
///
/// Equality compares what the text means: two timestamps with offsets are
/// equal when they name the same instant, whatever their form.
#[derive(Clone)]
pub struct Date {
    text: String,
    form: DateForm,
    parts: Parts,
}

/// The calendar and clock fields of a date; all zero for [`DateForm::Zero`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Parts {
    year: u16,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_minutes: Option<i16>,
}

impl Parts {
    /// A key that orders and compares by meaning: UTC instant, day, or local time.
    fn key(&self, form: DateForm) -> (u8, i64, u32) {
        let days = days_from_civil(i64::from(self.year), self.month, self.day);
        let clock =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second);
        match form {
            DateForm::Zero => (0, 0, 0),
            DateForm::Day => (1, days, 0),
            DateForm::Legacy => (2, days * 86_400 + clock, self.nanosecond),
            DateForm::FoxyOffset | DateForm::Rfc3339 => {
                let offset = i64::from(self.offset_minutes.unwrap_or(0)) * 60;
                (3, days * 86_400 + clock - offset, self.nanosecond)
            }
        }
    }
}

impl Date {
    /// A timestamp written in Foxy's form (`2012-02-29T13:55:09-0800`);
    /// `offset_minutes` is the UTC offset (`-480` for `-0800`).
    pub fn timestamp(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> Result<Date, DateError> {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        let text = format!(
            "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{sign}{:02}{:02}",
            abs / 60,
            abs % 60
        );
        text.parse()
    }

    /// A calendar day written as `YYYY-MM-DD`.
    pub fn day(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        format!("{year:04}-{month:02}-{day:02}").parse()
    }

    /// The exact text of the date.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The form the date is written in.
    pub fn form(&self) -> DateForm {
        self.form
    }

    /// Whether this is the `0000-00-00` "no date" placeholder.
    pub fn is_zero(&self) -> bool {
        self.form == DateForm::Zero
    }

    /// Year, month and day.
    pub fn ymd(&self) -> (u16, u8, u8) {
        (self.parts.year, self.parts.month, self.parts.day)
    }

    /// Hour, minute, second and nanosecond (zero for a day).
    pub fn hms_nano(&self) -> (u8, u8, u8, u32) {
        let p = &self.parts;
        (p.hour, p.minute, p.second, p.nanosecond)
    }

    /// The UTC offset in minutes, for the two forms that carry one.
    pub fn offset_minutes(&self) -> Option<i16> {
        self.parts.offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z, for the two forms that name an instant.
    pub fn unix_seconds(&self) -> Option<i64> {
        match self.form {
            DateForm::FoxyOffset | DateForm::Rfc3339 => Some(self.parts.key(self.form).1),
            _ => None,
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Reads `count` ASCII digits at `at`.
fn digits(b: &[u8], at: usize, count: usize) -> Option<u32> {
    let slice = b.get(at..at + count)?;
    slice.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

fn parse(text: &str) -> Option<(DateForm, Parts)> {
    if text == "0000-00-00" || text == "0000-00-00 00:00:00" {
        return Some((DateForm::Zero, Parts::default()));
    }
    let b = text.as_bytes();
    let mut p = Parts {
        year: u16::try_from(digits(b, 0, 4)?).ok()?,
        month: u8::try_from(digits(b, 5, 2)?).ok()?,
        day: u8::try_from(digits(b, 8, 2)?).ok()?,
        ..Parts::default()
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if p.month == 0 || p.day == 0 || p.day > days_in_month(p.year, p.month) {
        return None;
    }
    if b.len() == 10 {
        return Some((DateForm::Day, p));
    }
    let separator = *b.get(10)?;
    p.hour = u8::try_from(digits(b, 11, 2)?).ok()?;
    p.minute = u8::try_from(digits(b, 14, 2)?).ok()?;
    p.second = u8::try_from(digits(b, 17, 2)?).ok()?;
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return None;
    }
    if p.hour > 23 || p.minute > 59 || p.second > 59 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        let count = i - start;
        if count == 0 || count > 9 {
            return None;
        }
        p.nanosecond = digits(b, start, count)? * 10u32.pow(u32::try_from(9 - count).ok()?);
    }
    let rest = &b[i..];
    match separator {
        b' ' if rest.is_empty() => Some((DateForm::Legacy, p)),
        b'T' | b't' => {
            let form = match rest {
                [b'Z' | b'z'] => {
                    p.offset_minutes = Some(0);
                    return Some((DateForm::Rfc3339, p));
                }
                [_, _, _, b':', _, _] => DateForm::Rfc3339,
                [_, _, _, _, _] => DateForm::FoxyOffset,
                _ => return None,
            };
            let sign: i16 = match rest[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours = digits(rest, 1, 2)?;
            let minutes = digits(rest, if form == DateForm::Rfc3339 { 4 } else { 3 }, 2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            p.offset_minutes = Some(sign * i16::try_from(hours * 60 + minutes).ok()?);
            Some((form, p))
        }
        _ => None,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (form, parts) = parse(s).ok_or_else(|| DateError { text: clip(s) })?;
        Ok(Date {
            text: s.to_owned(),
            form,
            parts,
        })
    }
}

impl FieldValue for Date {
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
        let text = value
            .as_str()
            .ok_or_else(|| wrong_type(field, "a date", value))?;
        text.parse().map_err(|e: DateError| ModelError::NotADate {
            field: field.to_owned(),
            text: e.text,
        })
    }

    fn to_value(&self) -> Value {
        Value::String(self.text.clone())
    }
}

impl PartialEq for Date {
    fn eq(&self, other: &Self) -> bool {
        self.parts.key(self.form) == other.parts.key(other.form)
    }
}

impl Eq for Date {}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({:?})", self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        text.parse().expect(text)
    }

    #[test]
    fn every_form() {
        let foxy = date("2012-02-29T13:55:09-0800");
        assert_eq!(foxy.form(), DateForm::FoxyOffset);
        assert_eq!(foxy.offset_minutes(), Some(-480));
        assert_eq!(foxy.unix_seconds(), Some(1_330_552_509));
        assert_eq!(foxy, date("2012-02-29T21:55:09Z"));
        assert_eq!(foxy, date("2012-02-29T16:55:09-05:00"));
        assert_eq!(
            date("2021-01-01T10:00:00.25Z").hms_nano(),
            (10, 0, 0, 250_000_000)
        );
        assert_eq!(date("2018-01-01").form(), DateForm::Day);
        let legacy = date("2009-02-10 13:16:11");
        assert_eq!(legacy.form(), DateForm::Legacy);
        assert_eq!(legacy.ymd(), (2009, 2, 10));
        assert!(date("0000-00-00").is_zero());
    }

    #[test]
    fn impossible_dates_are_errors() {
        for bad in [
            "",
            "2013-02-29",
            "2012-13-01",
            "2012-02-29T24:00:00Z",
            "2012-02-29T13:55:09",
            "2012-02-29T13:55:09+08",
            "12-02-29",
            "2012-02-29T13:55:09.Z",
            "tomorrow",
            "2012-02-29 13:55:09Z",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        let err = Date::from_value("date_created", &Value::from("soon")).expect_err("bad");
        assert_eq!(err.to_string(), "field date_created: not a date: \"soon\"");
    }

    #[test]
    fn constructors_write_foxy_forms() {
        let t = Date::timestamp(2012, 2, 29, 13, 55, 9, -480).expect("valid");
        assert_eq!(t.as_str(), "2012-02-29T13:55:09-0800");
        assert_eq!(Date::day(2018, 1, 1).expect("valid").as_str(), "2018-01-01");
        assert!(Date::day(2018, 2, 30).is_err());
    }
}
