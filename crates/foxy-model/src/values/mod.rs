//! Typed property values that remember the form they were written in.
//!
//! Foxy writes the same fact in several ways: a price as `19.99` or
//! `"19.99"`, a boolean as `true` or `1`, and HAL+XML turns every scalar
//! into text. Each value type here accepts all of those forms, exposes the
//! typed value, and writes back exactly what it read, so an unchanged
//! resource round-trips byte for byte. Equality compares the typed value,
//! never the form.

pub mod count;
pub mod date;
pub mod flag;
pub mod money;

use foxy_proto::Value;

use crate::error::{ModelError, clip};

/// A property type a typed view can read from and write to a [`Value`].
pub trait FieldValue: Sized {
    /// Reads a non-null value; `field` names the property in errors.
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError>;
    /// The value to write back.
    fn to_value(&self) -> Value;
}

impl FieldValue for String {
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(wrong_type(field, "text", other)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.clone())
    }
}

impl FieldValue for Value {
    fn from_value(_field: &str, value: &Value) -> Result<Self, ModelError> {
        Ok(value.clone())
    }

    fn to_value(&self) -> Value {
        self.clone()
    }
}

/// Reads an optional property: absent and `null` both give `None`.
pub(crate) fn read_optional<T: FieldValue>(
    properties: &foxy_proto::Map,
    field: &str,
) -> Result<Option<T>, ModelError> {
    match properties.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => T::from_value(field, value).map(Some),
    }
}

/// The error for a value of the wrong kind.
pub(crate) fn wrong_type(field: &str, expected: &'static str, found: &Value) -> ModelError {
    ModelError::WrongType {
        field: field.to_owned(),
        expected,
        found: found.kind(),
    }
}

/// A short text form of any value, for error messages.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::String(s) => clip(s),
        Value::Number(n) => clip(n.as_str()),
        Value::Bool(b) => b.to_string(),
        other => other.kind().to_owned(),
    }
}
