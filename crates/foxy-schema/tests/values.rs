//! Which JSON values each property type accepts.

use foxy_schema::{Property, PropertyType};
use serde_json::{Value, json};

fn accepts(ty: PropertyType, value: Value) -> bool {
    ty.accepts(&value)
}

#[test]
fn numbers_as_numbers_or_text() {
    assert!(accepts(PropertyType::Integer, json!(12)));
    assert!(accepts(PropertyType::Integer, json!("-12")));
    assert!(!accepts(PropertyType::Integer, json!("1.5")));
    assert!(!accepts(PropertyType::Integer, json!(1.5)));
    assert!(accepts(PropertyType::Decimal, json!("10.00")));
    assert!(accepts(PropertyType::Decimal, json!(".5")));
    assert!(accepts(PropertyType::Decimal, json!(3)));
    assert!(!accepts(PropertyType::Decimal, json!("ten")));
    assert!(!accepts(PropertyType::Decimal, json!("1.")));
}

#[test]
fn booleans_dates_and_json() {
    assert!(accepts(PropertyType::Boolean, json!(true)));
    assert!(accepts(PropertyType::Boolean, json!("0")));
    assert!(accepts(PropertyType::Boolean, json!(1)));
    assert!(!accepts(PropertyType::Boolean, json!(2)));
    assert!(accepts(PropertyType::Date, json!("2020-03-29")));
    assert!(!accepts(PropertyType::Date, json!("2020-3-29")));
    assert!(accepts(
        PropertyType::DateTime,
        json!("2020-03-29T13:57:40-0700")
    ));
    assert!(accepts(
        PropertyType::DateTime,
        json!("2020-03-29T13:57:40+02:00")
    ));
    assert!(accepts(
        PropertyType::DateTime,
        json!("2020-03-29T13:57:40.123Z")
    ));
    assert!(!accepts(PropertyType::DateTime, json!("2020-03-29")));
    assert!(!accepts(
        PropertyType::DateTime,
        json!("2020-03-29T13:57:40-07")
    ));
    assert!(accepts(PropertyType::Json, json!({"a": 1})));
    assert!(accepts(PropertyType::Json, json!([1])));
    assert!(!accepts(PropertyType::String, json!(5)));
    assert!(!accepts(PropertyType::Date, json!(5)));
}

#[test]
fn enums_and_null() {
    let text =
        r#"{"name": "v", "type": "enum", "values": ["public", "private"], "nullable": true}"#;
    let p: Property = match serde_json::from_str(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    assert!(p.accepts(&json!("public")));
    assert!(!p.accepts(&json!("secret")));
    assert!(p.accepts(&Value::Null));
    let text = r#"{"name": "n", "type": "integer"}"#;
    let q: Property = match serde_json::from_str(text) {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    assert!(!q.accepts(&Value::Null));
}
