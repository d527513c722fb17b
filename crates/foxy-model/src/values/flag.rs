//! Booleans in every form Foxy uses: `true`/`false`, `1`/`0`, and text.
//!
//! The docs allow "True or false, 1 or 0" and HAL+XML gives text
//! (`"true"`, `"1"`), so a [`Flag`] reads all of them and writes back the
//! form it was read in.

use std::fmt;

use foxy_proto::{Number, Value};

use crate::error::ModelError;
use crate::values::{FieldValue, describe};

/// How a boolean was written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Form {
    /// A JSON boolean.
    Bool,
    /// A JSON number `1` or `0`, with its text.
    Number(Number),
    /// Text: `"true"`, `"false"`, `"1"` or `"0"`, exactly as given.
    Text(String),
}

/// A boolean kept with its written form; equality compares the boolean only.
#[derive(Clone)]
pub struct Flag {
    value: bool,
    form: Form,
}

impl Flag {
    /// A flag written as a JSON boolean.
    pub fn new(value: bool) -> Flag {
        Flag {
            value,
            form: Form::Bool,
        }
    }

    /// The boolean.
    pub fn get(&self) -> bool {
        self.value
    }
}

impl From<bool> for Flag {
    fn from(value: bool) -> Self {
        Flag::new(value)
    }
}

fn parse_text(text: &str) -> Option<bool> {
    match text.trim() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

impl FieldValue for Flag {
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
        let parsed = match value {
            Value::Bool(b) => Some((*b, Form::Bool)),
            Value::Number(n) => match n.as_str() {
                "1" => Some((true, Form::Number(n.clone()))),
                "0" => Some((false, Form::Number(n.clone()))),
                _ => None,
            },
            Value::String(s) => parse_text(s).map(|b| (b, Form::Text(s.clone()))),
            _ => None,
        };
        match parsed {
            Some((value, form)) => Ok(Flag { value, form }),
            None => Err(ModelError::NotABoolean {
                field: field.to_owned(),
                text: describe(value),
            }),
        }
    }

    fn to_value(&self) -> Value {
        match &self.form {
            Form::Bool => Value::Bool(self.value),
            Form::Number(n) => Value::Number(n.clone()),
            Form::Text(s) => Value::String(s.clone()),
        }
    }
}

impl PartialEq for Flag {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Flag {}

impl fmt::Debug for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Flag({})", self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_reads_and_writes_back() {
        let forms = [
            (Value::Bool(true), true),
            (Value::from(1i64), true),
            (Value::from(0i64), false),
            (Value::from("1"), true),
            (Value::from("0"), false),
            (Value::from("true"), true),
            (Value::from("false"), false),
        ];
        for (value, expected) in forms {
            let flag = Flag::from_value("is_future_line_item", &value).expect("flag");
            assert_eq!(flag.get(), expected, "{value:?}");
            assert_eq!(flag.to_value(), value);
        }
    }

    #[test]
    fn other_values_are_errors() {
        for bad in [Value::from(2i64), Value::from("yes"), Value::Array(vec![])] {
            let err = Flag::from_value("is_anonymous", &bad).expect_err("bad");
            assert!(
                matches!(err, ModelError::NotABoolean { ref field, .. } if field == "is_anonymous")
            );
        }
    }
}
