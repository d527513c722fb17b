//! Property tests: money and date text survive a read and write unchanged.

use foxy_model::{Count, Date, DateForm, FieldValue, Flag, Money};
use foxy_proto::{Number, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Decimal text in the JSON number grammar that fits a `Decimal` exactly.
fn decimal_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        prop_oneof![Just("0".to_owned()), "[1-9][0-9]{0,14}"],
        proptest::option::of("[0-9]{1,10}"),
    )
        .prop_map(|(negative, int, frac)| {
            let sign = if negative { "-" } else { "" };
            match frac {
                Some(frac) => format!("{sign}{int}.{frac}"),
                None => format!("{sign}{int}"),
            }
        })
}

proptest! {
    #[test]
    fn money_text_round_trips(text in decimal_text()) {
        let number = Value::Number(text.parse::<Number>().expect("grammar"));
        let string = Value::String(text.clone());
        let from_number = Money::from_value("price", &number).expect("number reads");
        let from_string = Money::from_value("price", &string).expect("text reads");
        prop_assert_eq!(from_number.to_value(), number);
        prop_assert_eq!(from_string.to_value(), string);
        prop_assert_eq!(from_number.as_str(), text.as_str());
        prop_assert_eq!(&from_number, &from_string);
        let exact = Decimal::from_str_exact(&text).expect("exact");
        prop_assert_eq!(from_number.value(), exact);
        // A value built from the decimal writes text that reads back to it.
        let rebuilt = Money::from_decimal(exact);
        let reread: Money = rebuilt.as_str().parse().expect("rebuilt text reads");
        prop_assert_eq!(reread.value(), exact);
    }

    #[test]
    fn counts_round_trip(n in any::<u64>(), as_text in any::<bool>()) {
        let value = if as_text { Value::String(n.to_string()) } else { Value::from(n) };
        let count = Count::from_value("quantity", &value).expect("reads");
        prop_assert_eq!(count.get(), n);
        prop_assert_eq!(count.to_value(), value);
    }

    #[test]
    fn flags_round_trip(b in any::<bool>(), form in 0u8..3) {
        let value = match form {
            0 => Value::Bool(b),
            1 => Value::from(i64::from(b)),
            _ => Value::String(if b { "true" } else { "false" }.to_owned()),
        };
        let flag = Flag::from_value("is_active", &value).expect("reads");
        prop_assert_eq!(flag.get(), b);
        prop_assert_eq!(flag.to_value(), value);
    }

    #[test]
    fn date_text_round_trips(
        year in 1u16..=9999,
        month in 1u8..=12,
        day in 1u8..=28,
        hour in 0u8..24,
        minute in 0u8..60,
        second in 0u8..60,
        frac in proptest::option::of("[0-9]{1,9}"),
        offset in -(23i16 * 60 + 59)..=(23 * 60 + 59),
        form in 0u8..5,
    ) {
        let date = format!("{year:04}-{month:02}-{day:02}");
        let clock = format!("{hour:02}:{minute:02}:{second:02}");
        let frac_text = frac.as_ref().map(|f| format!(".{f}")).unwrap_or_default();
        let sign = if offset < 0 { '-' } else { '+' };
        let (oh, om) = (offset.unsigned_abs() / 60, offset.unsigned_abs() % 60);
        let (text, expected_form) = match form {
            0 => (format!("{date}T{clock}{frac_text}{sign}{oh:02}{om:02}"), DateForm::FoxyOffset),
            1 => (format!("{date}T{clock}{frac_text}{sign}{oh:02}:{om:02}"), DateForm::Rfc3339),
            2 => (format!("{date}T{clock}{frac_text}Z"), DateForm::Rfc3339),
            3 => (date.clone(), DateForm::Day),
            _ => (format!("{date} {clock}"), DateForm::Legacy),
        };
        let value = Value::String(text.clone());
        let parsed = Date::from_value("date_created", &value).expect("reads");
        prop_assert_eq!(parsed.to_value(), value);
        prop_assert_eq!(parsed.as_str(), text.as_str());
        prop_assert_eq!(parsed.form(), expected_form);
        prop_assert_eq!(parsed.ymd(), (year, month, day));
        if form != 3 {
            let (h, m, s, _) = parsed.hms_nano();
            prop_assert_eq!((h, m, s), (hour, minute, second));
        }
        if form <= 1 {
            // The same instant written in the other offset form compares equal.
            let other = if form == 0 {
                format!("{date}T{clock}{frac_text}{sign}{oh:02}:{om:02}")
            } else {
                format!("{date}T{clock}{frac_text}{sign}{oh:02}{om:02}")
            };
            prop_assert_eq!(&other.parse::<Date>().expect("other form"), &parsed);
            prop_assert_eq!(parsed.offset_minutes(), Some(offset));
        }
    }

    #[test]
    fn built_timestamps_read_back(
        year in 1u16..=9999,
        month in 1u8..=12,
        day in 1u8..=28,
        hour in 0u8..24,
        minute in 0u8..60,
        second in 0u8..60,
        offset in -(23i16 * 60 + 59)..=(23 * 60 + 59),
    ) {
        let built = Date::timestamp(year, month, day, hour, minute, second, offset).expect("valid");
        prop_assert_eq!(built.form(), DateForm::FoxyOffset);
        let reread: Date = built.as_str().parse().expect("reads");
        prop_assert_eq!(&reread, &built);
        prop_assert_eq!(reread.as_str(), built.as_str());
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,40}") {
        let value = Value::String(text);
        let _ = Money::from_value("price", &value);
        let _ = Date::from_value("date_created", &value);
        let _ = Count::from_value("quantity", &value);
        let _ = Flag::from_value("is_active", &value);
    }
}
