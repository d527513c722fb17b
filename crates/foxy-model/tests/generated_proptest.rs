//! Property tests of the generated model: a value set through a typed setter reads back
//! through its getter, whatever form the property had before, and the setter keeps that form.

use foxy_model::Date;
use foxy_model::generated::{self, Attribute, AttributeVisibility, Cart, Item, Store};
use foxy_model::typed::{PropertyValue, TypedResource, ValueType, read_property, write_property};
use foxy_proto::{Number, Resource, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// A property's earlier value: absent, null, a JSON number or boolean, or text.
fn prior() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        Just(Some(Value::Number(Number::from(1u64)))),
        Just(Some(Value::Bool(true))),
        Just(Some(Value::String("1".into()))),
        Just(Some(Value::String("true".into()))),
    ]
}

fn with_prior(name: &str, prior: &Option<Value>) -> Resource {
    let mut r = Resource::new().with_property("before", 1i64);
    if let Some(v) = prior {
        r.set_property(name, v.clone());
    }
    r.with_property("after", "kept")
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, scale)| Decimal::new(m, scale))
}

fn date() -> impl Strategy<Value = Date> {
    (
        1u16..=9999,
        1u8..=12,
        1u8..=28,
        0u8..24,
        0u8..60,
        0u8..60,
        -720i16..=840,
        any::<bool>(),
    )
        .prop_map(|(y, mo, d, h, mi, s, off, day)| {
            let date = if day {
                Date::day(y, mo, d)
            } else {
                Date::timestamp(y, mo, d, h, mi, s, off)
            };
            date.unwrap_or_else(|e| panic!("a valid date: {e}"))
        })
}

/// The keys of a resource, to check a setter kept the property's position.
fn keys(r: &Resource) -> Vec<String> {
    r.properties.keys().cloned().collect()
}

proptest! {
    #[test]
    fn decimals_set_then_get(value in decimal(), prior in prior()) {
        let mut cart = Cart::from_resource(with_prior("total_order", &prior));
        cart.set_total_order(Some(value));
        prop_assert_eq!(cart.total_order(), Ok(Some(value)));
        // Exact, scale included.
        let read = cart.total_order().ok().flatten().map(|d| d.to_string());
        prop_assert_eq!(read, Some(value.to_string()));
        let was_text = matches!(prior, Some(Value::String(_)));
        let is_text = matches!(cart.as_resource().property("total_order"), Some(Value::String(_)));
        prop_assert_eq!(is_text, was_text);
        prop_assert_eq!(keys(cart.as_resource()).len(), 3);
        cart.set_total_order(None);
        prop_assert_eq!(cart.total_order(), Ok(None));
        prop_assert_eq!(cart.as_resource().property("total_order"), Some(&Value::Null));
    }

    #[test]
    fn integers_set_then_get(value in any::<i64>(), prior in prior()) {
        let mut item = Item::from_resource(with_prior("quantity", &prior));
        item.set_quantity(Some(value));
        prop_assert_eq!(item.quantity(), Ok(Some(value)));
        let was_text = matches!(prior, Some(Value::String(_)));
        let is_text = matches!(item.as_resource().property("quantity"), Some(Value::String(_)));
        prop_assert_eq!(is_text, was_text);
    }

    #[test]
    fn booleans_set_then_get_in_the_form_they_had(value in any::<bool>(), prior in prior()) {
        let mut store = Store::from_resource(with_prior("use_webhook", &prior));
        store.set_use_webhook(Some(value));
        prop_assert_eq!(store.use_webhook(), Ok(Some(value)));
        let written = store.as_resource().property("use_webhook").cloned();
        let kind_before = prior.as_ref().filter(|v| !v.is_null()).map(Value::kind);
        let kind_after = written.as_ref().map(Value::kind);
        prop_assert_eq!(kind_after, Some(kind_before.unwrap_or("boolean")));
        if let Some(Value::String(text)) = &prior {
            let written = written.as_ref().and_then(Value::as_str).unwrap_or("");
            prop_assert_eq!(written.len() == 1, text.len() == 1);
        }
    }

    #[test]
    fn text_dates_and_enums_set_then_get(
        text in ".{0,30}",
        when in date(),
        prior in prior(),
    ) {
        let mut r = with_prior("name", &prior);
        r.set_property("date_created", Value::Null);
        let mut attribute = Attribute::from_resource(r);
        attribute
            .set_name(Some(&text))
            .set_date_created(Some(when.clone()))
            .set_visibility(Some(AttributeVisibility::from(text.as_str())));
        prop_assert_eq!(attribute.name(), Ok(Some(text.as_str())));
        let read = attribute.date_created().ok().flatten();
        prop_assert_eq!(read.as_ref().map(Date::as_str), Some(when.as_str()));
        let visibility = attribute.visibility().ok().flatten();
        prop_assert_eq!(visibility.as_ref().map(AttributeVisibility::as_str), Some(text.as_str()));
        prop_assert_eq!(attribute.validate(), Ok(()));
    }

    #[test]
    fn every_described_property_sets_then_gets(
        pick in any::<proptest::sample::Index>(),
        text in "[a-z]{0,12}",
        n in any::<i64>(),
        d in decimal(),
        b in any::<bool>(),
        when in date(),
        prior in prior(),
    ) {
        let all: Vec<_> = generated::RELATIONS.iter().flat_map(|r| r.properties).collect();
        let p = *pick.get(&all);
        let value = match p.ty {
            ValueType::Text => PropertyValue::Text(text),
            ValueType::Enum => PropertyValue::Enum(text),
            ValueType::Integer => PropertyValue::Integer(n),
            ValueType::Decimal => PropertyValue::Decimal(d),
            ValueType::Boolean => PropertyValue::Boolean(b),
            ValueType::Date | ValueType::DateTime => PropertyValue::Date(when),
            ValueType::Json => PropertyValue::Json(Value::Array(vec![Value::from(n)])),
        };
        let mut r = with_prior(p.name, &prior);
        prop_assert_eq!(write_property(&mut r, p, Some(value.clone())), Ok(()));
        prop_assert_eq!(read_property(&r, p), Ok(Some(value)));
        prop_assert_eq!(r.property("after"), Some(&Value::from("kept")));
        // A value of another type is refused and changes nothing.
        let before = r.clone();
        let wrong = match p.ty {
            ValueType::Boolean => PropertyValue::Integer(n),
            _ => PropertyValue::Boolean(b),
        };
        prop_assert!(write_property(&mut r, p, Some(wrong)).is_err());
        prop_assert_eq!(r, before);
    }
}
