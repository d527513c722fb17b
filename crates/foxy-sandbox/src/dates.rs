//! Dates: stored in UTC, written in the store's time zone, read with any offset.
//!
//! Foxy writes date-times with the store's offset at that instant
//! (`2014-04-21T13:40:45-0700` for a store in `America/Los_Angeles` in
//! summer, `-0800` in winter). The sandbox stores every date-time in UTC
//! (`...+0000`) and renders it through the store's `timezone` (the IANA
//! database is bundled). Input and filters take any offset: `-0700`,
//! `-07:00`, `Z`.

use jiff::Timestamp;
use jiff::fmt::strtime;
use jiff::tz::TimeZone;

/// Foxy's date-time layout.
const LAYOUT: &str = "%Y-%m-%dT%H:%M:%S%z";

/// The time zone of an IANA name (`America/Los_Angeles`), if known.
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name.trim()).ok()
}

/// The instant of a date-time with an offset: `2014-04-21T13:40:45-0700`,
/// `2014-04-21T13:40:45-07:00`, `2014-04-21T20:40:45Z`, with or without
/// fractional seconds. `None` for anything else (dates without a time too).
pub fn instant(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    if !t.contains('T') && !t.contains('t') {
        return None;
    }
    if let Ok(ts) = t.parse::<Timestamp>() {
        return Some(ts);
    }
    strtime::parse(LAYOUT, t).ok()?.to_timestamp().ok()
}

/// `at` in Foxy's layout with the offset `zone` has at that instant.
pub fn format_in(at: Timestamp, zone: &TimeZone) -> String {
    at.to_zoned(zone.clone()).strftime(LAYOUT).to_string()
}

/// The current instant in UTC, as stored.
pub fn now_utc_text() -> String {
    format_in(Timestamp::now(), &TimeZone::UTC)
}

/// A stored date value as written for a store in `zone`: date-times move to
/// the zone's offset; plain dates and other text are left as they are.
pub fn localize(text: &str, zone: &TimeZone) -> String {
    instant(text).map_or_else(|| text.to_owned(), |at| format_in(at, zone))
}

/// The start of a plain date (`2015-06-01`) in `zone`, in Foxy's layout;
/// `None` for anything that is not a plain date.
pub fn midnight(text: &str, zone: &TimeZone) -> Option<String> {
    let t = text.trim();
    if t.len() != 10 {
        return None;
    }
    let date = t.parse::<jiff::civil::Date>().ok()?;
    let at = date.to_zoned(zone.clone()).ok()?;
    Some(at.strftime(LAYOUT).to_string())
}

/// A date value from a client, as stored: a date-time with any offset
/// becomes UTC, a plain date (`2015-06-01`, or `0000-00-00` for "never") is
/// kept. Anything else is `None`.
pub fn normalize(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(at) = instant(t) {
        return Some(format_in(at, &TimeZone::UTC));
    }
    if t == "0000-00-00" || t.parse::<jiff::civil::Date>().is_ok() && t.len() == 10 {
        return Some(t.to_owned());
    }
    None
}

/// Whether a filter bound on a date is valid: a date-time with an offset, or
/// a prefix of the `YYYY-MM-DDTHH:MM:SS` layout made of digits and separators.
pub fn valid_bound(text: &str) -> bool {
    let t = text.trim();
    instant(t).is_some()
        || (t.len() <= 19
            && t.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '-' | 'T' | ':' | '*')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_follow_daylight_saving() {
        let la = zone("America/Los_Angeles").expect("zone");
        let winter = instant("2014-01-21T20:40:45+0000").expect("parses");
        let summer = instant("2014-04-21T20:40:45Z").expect("parses");
        assert_eq!(format_in(winter, &la), "2014-01-21T12:40:45-0800");
        assert_eq!(format_in(summer, &la), "2014-04-21T13:40:45-0700");
        assert_eq!(
            instant("2014-04-21T13:40:45-07:00"),
            instant("2014-04-21T13:40:45-0700")
        );
        assert_eq!(
            normalize("2014-04-21T22:40:45+0200").as_deref(),
            Some("2014-04-21T20:40:45+0000")
        );
        assert_eq!(normalize("2015-06-01").as_deref(), Some("2015-06-01"));
        assert_eq!(normalize("0000-00-00").as_deref(), Some("0000-00-00"));
        assert!(normalize("yesterday").is_none());
        assert!(normalize("2015-13-01").is_none());
        assert!(zone("Mars/Olympus_Mons").is_none());
        assert!(valid_bound("2015-06") && valid_bound("2015-06-01T10:00:00+0200"));
        assert!(!valid_bound("2020' OR '1'='1"));
    }
}
