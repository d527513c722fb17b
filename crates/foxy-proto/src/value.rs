//! JSON-like property values that keep numbers as their exact decimal text.
//!
//! Foxy sends money as JSON numbers (`19.99`) and sometimes as strings
//! (`"19.99"`). Parsing a number into `f64` would change its value, so a
//! [`Number`] stores the text it was written with and only validates it.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;

/// An ordered map of property names to values; insertion order is kept.
pub type Map = IndexMap<String, Value>;

/// A property value: the JSON data model with exact numbers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// `null`, or an empty element in HAL+XML.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as its exact decimal text.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of values.
    Array(Vec<Value>),
    /// A nested object.
    Object(Map),
}

impl Value {
    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The object, if this is an object.
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The array, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// An integer read from a number or from a string holding one (`5` or `"5"`).
    pub fn as_i64_lenient(&self) -> Option<i64> {
        match self {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A scalar as text: a string as it is, a number exactly as written,
    /// `true`/`false`; `None` for `null`, arrays and objects.
    ///
    /// ```
    /// use foxy_proto::Value;
    /// assert_eq!(Value::from("19.99").scalar_text().as_deref(), Some("19.99"));
    /// assert_eq!(Value::Bool(true).scalar_text().as_deref(), Some("true"));
    /// assert_eq!(Value::Null.scalar_text(), None);
    /// ```
    pub fn scalar_text(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.as_str().to_owned()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Array(_) | Value::Object(_) => None,
        }
    }

    /// The name of this value's kind, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Self {
        Value::Number(n)
    }
}

impl From<i64> for Value {
    fn from(n: i64) -> Self {
        Value::Number(Number::from(n))
    }
}

impl From<u64> for Value {
    fn from(n: u64) -> Self {
        Value::Number(Number::from(n))
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Self {
        Value::Object(m)
    }
}

impl From<Vec<Value>> for Value {
    fn from(a: Vec<Value>) -> Self {
        Value::Array(a)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Self {
        o.map_or(Value::Null, Into::into)
    }
}

/// A number kept as its exact text, validated against the JSON number grammar.
///
/// ```
/// use foxy_proto::Number;
/// let price: Number = "19.990".parse().unwrap();
/// assert_eq!(price.as_str(), "19.990");
/// assert!("1e".parse::<Number>().is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(String);

/// The text given is not a JSON number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a number: {text:?}")]
pub struct NumberError {
    /// The rejected text (truncated to 40 characters).
    pub text: String,
}

impl Number {
    /// A number from text the caller has already matched against the JSON
    /// number grammar (the readers' scanners), without checking it again.
    pub(crate) fn from_checked(text: &str) -> Number {
        debug_assert!(Number::is_valid(text), "{text:?}");
        Number(text.to_owned())
    }

    /// The exact text of the number.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as `i64`, if it is an integer in range.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value as `u64`, if it is a non-negative integer in range.
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// Whether `text` matches the JSON number grammar.
    pub fn is_valid(text: &str) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        if b.first() == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => return false,
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let start = i;
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
        i == b.len()
    }
}

impl FromStr for Number {
    type Err = NumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if Number::is_valid(s) {
            Ok(Number(s.to_owned()))
        } else {
            Err(NumberError {
                text: s.chars().take(40).collect(),
            })
        }
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number(n.to_string())
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Self {
        Number(n.to_string())
    }
}

impl From<u32> for Number {
    fn from(n: u32) -> Self {
        Number(n.to_string())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_grammar() {
        for ok in ["0", "-0", "19.99", "1e10", "1.5E-3", "-12.000", "100"] {
            assert!(Number::is_valid(ok), "{ok}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "+1", "1.2.3", "NaN", "0x10", " 1",
        ] {
            assert!(!Number::is_valid(bad), "{bad}");
        }
    }

    #[test]
    fn number_keeps_text() {
        let n: Number = "19.990".parse().expect("valid");
        assert_eq!(n.to_string(), "19.990");
        assert_eq!("5".parse::<Number>().expect("valid").as_i64(), Some(5));
    }

    #[test]
    fn lenient_integers() {
        assert_eq!(Value::from("7").as_i64_lenient(), Some(7));
        assert_eq!(Value::from(7i64).as_i64_lenient(), Some(7));
        assert_eq!(Value::from("x").as_i64_lenient(), None);
    }
}
