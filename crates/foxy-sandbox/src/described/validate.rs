//! Checking request bodies against the description: required properties,
//! lengths, ranges, enums and read-only properties, each refusal a 400 that
//! names the property.
//!
//! Lengths, ranges and required properties are checked for every kind;
//! enums and read-only properties only for the kinds generated from the
//! description (the hand-written kinds keep ignoring read-only input, which
//! the typed clients send back on a PUT).

use foxy_proto::{Map, Value, codec};
use foxy_schema::{Property, PropertyType, Relation};
use rust_decimal::Decimal;

use super::catalog;
use crate::error::{ApiError, excerpt};
use crate::input::Mode;
use crate::kinds::Kind;
use crate::query::decimal;

/// Required properties the hand-written kinds default instead of refusing
/// (documented sandbox behaviour the clients' tests rely on): `(relation, property)`.
pub const LENIENT: &[(&str, &str)] = &[
    ("customer_address", "address1"),
    ("item", "price"),
    ("webhook", "format"),
    ("webhook", "name"),
];

/// Names every kind renders itself; never refused, always ignored on input.
const OWN: &[&str] = &["id", "date_created", "date_modified"];

/// Checks `body` for a write to `kind`. Returns a copy of the body when JSON
/// values (objects, arrays) of `json` properties had to be turned into text.
pub fn check(
    kind: &Kind,
    existing: Option<&Map>,
    body: &Map,
    mode: Mode,
) -> Result<Option<Map>, ApiError> {
    let c = catalog();
    let Some(relation) = c.relation(kind) else {
        return Ok(None);
    };
    let strict = c.is_generated(kind);
    let mut converted: Option<Map> = None;
    for (name, value) in body {
        if OWN.contains(&name.as_str()) {
            continue;
        }
        let Some(p) = relation.property(name) else {
            continue;
        };
        if p.ty == PropertyType::Json && matches!(value, Value::Array(_) | Value::Object(_)) {
            let text = String::from_utf8_lossy(&codec::json::to_vec(value)).into_owned();
            converted
                .get_or_insert_with(|| body.clone())
                .insert(name.clone(), Value::String(text));
        }
        if strict && p.read_only && !value.is_null() && mode != Mode::Replace {
            let same = existing.and_then(|e| e.get(name)) == Some(value);
            if !same {
                return Err(ApiError::bad_request(format!(
                    "{name} is read only on a {}",
                    relation.name
                )));
            }
        }
        one(relation, p, value, strict)?;
    }
    if mode == Mode::Create {
        let lenient =
            |p: &&Property| !strict && LENIENT.contains(&(relation.name.as_str(), p.name.as_str()));
        for p in relation.properties.iter().filter(|p| p.required) {
            if lenient(&p) {
                continue;
            }
            if !given(body.get(&p.name)) {
                return Err(ApiError::bad_request(format!(
                    "{} is required to create a {}",
                    p.name, relation.name
                )));
            }
        }
    }
    Ok(converted)
}

fn given(value: Option<&Value>) -> bool {
    value.is_some_and(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    })
}

/// Checks one value against its property's length, range and (when strict) enum.
fn one(relation: &Relation, p: &Property, value: &Value, strict: bool) -> Result<(), ApiError> {
    let name = &p.name;
    if let (Value::String(s), Some(max)) = (value, p.max_length) {
        let n = s.chars().count();
        if n > max as usize {
            return Err(ApiError::bad_request(format!(
                "{name} is too long: a {} takes at most {max} characters, got {n}",
                relation.name
            )));
        }
    }
    if strict && p.ty == PropertyType::Enum {
        if let Value::String(s) = value {
            if !s.is_empty() && !p.values.iter().any(|v| v == s) {
                return Err(ApiError::bad_request(format!(
                    "{name} must be one of {}, got {:?}",
                    p.values.join(", "),
                    excerpt(s)
                )));
            }
        }
    }
    if matches!(p.ty, PropertyType::Integer | PropertyType::Decimal) {
        let text = match value {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.trim().to_owned(),
            _ => return Ok(()),
        };
        let Some(d) = decimal(&text) else {
            return Ok(());
        };
        if p.min.is_some_and(|min| d < Decimal::from(min)) {
            return Err(ApiError::bad_request(format!(
                "{name} must be at least {}, got {}",
                p.min.unwrap_or_default(),
                excerpt(&text)
            )));
        }
        if p.max.is_some_and(|max| d > Decimal::from(max)) {
            return Err(ApiError::bad_request(format!(
                "{name} must be at most {}, got {}",
                p.max.unwrap_or_default(),
                excerpt(&text)
            )));
        }
    }
    Ok(())
}
