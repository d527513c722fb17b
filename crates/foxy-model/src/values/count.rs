//! Whole non-negative numbers: quantities, limits, page sizes and offsets.
//!
//! A [`Count`] accepts a JSON number (`2`) or numeric text (`"2"`, as the
//! carts collection sends `total_items` and as HAL+XML sends everything),
//! rejects negative numbers with an error naming the field, and writes back
//! the form it was read in.

use std::fmt;

use foxy_proto::{Number, Value};

use crate::error::{ModelError, clip};
use crate::values::FieldValue;
use crate::values::money::Written;

/// A whole number that is zero or more, kept with its written form.
///
/// Equality compares the number only (`2` equals `"2"`).
#[derive(Clone)]
pub struct Count {
    value: u64,
    written: Written,
}

impl Count {
    /// A count written as a JSON number.
    pub fn new(value: u64) -> Count {
        Count {
            value,
            written: Written::Number(Number::from(value)),
        }
    }

    /// The number.
    pub fn get(&self) -> u64 {
        self.value
    }

    /// Whether the count was given as text (`"5"`) rather than a number.
    pub fn is_text(&self) -> bool {
        matches!(self.written, Written::Text(_))
    }
}

impl From<u64> for Count {
    fn from(value: u64) -> Self {
        Count::new(value)
    }
}

impl From<u32> for Count {
    fn from(value: u32) -> Self {
        Count::new(u64::from(value))
    }
}

impl FieldValue for Count {
    fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
        let (text, written) = match value {
            Value::Number(n) => (n.as_str(), Written::Number(n.clone())),
            Value::String(s) => (s.as_str(), Written::Text(s.clone())),
            other => {
                return Err(ModelError::WrongType {
                    field: field.to_owned(),
                    expected: "a whole number",
                    found: other.kind(),
                });
            }
        };
        let trimmed = text.trim();
        if let Ok(value) = trimmed.parse::<u64>() {
            return Ok(Count { value, written });
        }
        if trimmed.len() > 1
            && trimmed
                .strip_prefix('-')
                .is_some_and(|d| d.bytes().all(|b| b == b'0'))
        {
            // `-0` is zero.
            return Ok(Count { value: 0, written });
        }
        // A negative whole number is a distinct mistake from text that is no number at all.
        let negative = trimmed
            .strip_prefix('-')
            .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
        if negative {
            Err(ModelError::Negative {
                field: field.to_owned(),
                text: clip(trimmed),
            })
        } else {
            Err(ModelError::NotAnInteger {
                field: field.to_owned(),
                text: clip(text),
            })
        }
    }

    fn to_value(&self) -> Value {
        self.written.to_value()
    }
}

impl PartialEq for Count {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl Eq for Count {}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.written.as_str())
    }
}

impl fmt::Debug for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.written {
            Written::Number(n) => write!(f, "Count({n})"),
            Written::Text(s) => write!(f, "Count({s:?})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_text() {
        let n = Count::from_value("quantity", &Value::from(2i64)).expect("count");
        assert_eq!(n.get(), 2);
        assert_eq!(n.to_value(), Value::from(2i64));
        let t = Count::from_value("total_items", &Value::from("5")).expect("count");
        assert_eq!(t, Count::new(5));
        assert_eq!(t.to_value(), Value::from("5"));
    }

    #[test]
    fn negative_and_fractional_are_errors() {
        let err = Count::from_value("quantity", &Value::from(-1i64)).expect_err("negative");
        assert_eq!(
            err,
            ModelError::Negative {
                field: "quantity".into(),
                text: "-1".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "field quantity: must not be negative, found -1"
        );
        let err = Count::from_value("quantity", &Value::from("1.5")).expect_err("fraction");
        assert!(matches!(err, ModelError::NotAnInteger { ref field, .. } if field == "quantity"));
        assert_eq!(
            Count::from_value("offset", &Value::from("-0")).map(|c| c.get()),
            Ok(0)
        );
        let err = Count::from_value("limit", &Value::Bool(true)).expect_err("bool");
        assert!(matches!(err, ModelError::WrongType { .. }));
    }
}
