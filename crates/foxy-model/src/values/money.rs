//! Exact decimals: [`Money`] for amounts, [`Measure`] for weights and sizes.
//!
//! Both are built from the exact text of a number (`19.99`, `"19.990"`,
//! `1e2`) into a [`rust_decimal::Decimal`], never through `f64`, and write
//! back the text and the kind (number or string) they were read from.

use std::fmt;
use std::str::FromStr;

use foxy_proto::{Number, Value};
use rust_decimal::Decimal;

use crate::error::{ModelError, clip};
use crate::values::{FieldValue, wrong_type};

/// How a number was written: as a JSON number or as text.
#[derive(Debug, Clone)]
pub(crate) enum Written {
    /// A JSON number, with its exact text.
    Number(Number),
    /// A string (JSON string or XML text), exactly as given.
    Text(String),
}

impl Written {
    /// The value this form writes.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Written::Number(n) => Value::Number(n.clone()),
            Written::Text(s) => Value::String(s.clone()),
        }
    }

    /// The text as written.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Written::Number(n) => n.as_str(),
            Written::Text(s) => s,
        }
    }
}

/// Text that is not an exact decimal number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a decimal number: {text:?}")]
pub struct DecimalError {
    /// The rejected text (truncated to 40 characters).
    pub text: String,
}

/// Parses decimal text exactly (JSON number grammar, surrounding spaces allowed).
pub(crate) fn parse_decimal(text: &str) -> Result<Decimal, DecimalError> {
    let trimmed = text.trim();
    let err = || DecimalError { text: clip(text) };
    if !Number::is_valid(trimmed) {
        return Err(err());
    }
    if trimmed.contains(['e', 'E']) {
        Decimal::from_scientific(trimmed).map_err(|_| err())
    } else {
        Decimal::from_str_exact(trimmed).map_err(|_| err())
    }
}

macro_rules! exact_decimal {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Equality compares the decimal value (`0` equals `"0.00"`); the
        /// written form is kept only to write the value back unchanged.
        #[derive(Clone)]
        pub struct $name {
            value: Decimal,
            written: Written,
        }

        impl $name {
            /// A value from a decimal; it is written as a JSON number.
            pub fn from_decimal(value: Decimal) -> $name {
                let written = Number::from_str(&value.to_string())
                    .map_or_else(|_| Written::Text(value.to_string()), Written::Number);
                $name { value, written }
            }

            /// The exact decimal value.
            pub fn value(&self) -> Decimal {
                self.value
            }

            /// The text the value is written with (`19.990`).
            pub fn as_str(&self) -> &str {
                self.written.as_str()
            }

            /// Whether the value was given as text (`"19.99"`) rather than a number.
            pub fn is_text(&self) -> bool {
                matches!(self.written, Written::Text(_))
            }
        }

        impl FromStr for $name {
            type Err = DecimalError;

            /// Parses decimal text; it is written back as a JSON number with this exact text.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let value = parse_decimal(s)?;
                let written = Number::from_str(s.trim())
                    .map_err(|_| DecimalError { text: clip(s) })?;
                Ok($name { value, written: Written::Number(written) })
            }
        }

        impl FieldValue for $name {
            fn from_value(field: &str, value: &Value) -> Result<Self, ModelError> {
                let (text, written) = match value {
                    Value::Number(n) => (n.as_str(), Written::Number(n.clone())),
                    Value::String(s) => (s.as_str(), Written::Text(s.clone())),
                    other => return Err(wrong_type(field, "a decimal number", other)),
                };
                let value = parse_decimal(text).map_err(|e| ModelError::NotADecimal {
                    field: field.to_owned(),
                    text: e.text,
                })?;
                Ok($name { value, written })
            }

            fn to_value(&self) -> Value {
                self.written.to_value()
            }
        }

        impl From<Decimal> for $name {
            fn from(value: Decimal) -> Self {
                $name::from_decimal(value)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name { value: Decimal::from(value), written: Written::Number(Number::from(value)) }
            }
        }

        impl From<i32> for $name {
            fn from(value: i32) -> Self {
                $name::from(i64::from(value))
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value == other.value
            }
        }

        impl Eq for $name {}

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match &self.written {
                    Written::Number(n) => write!(f, "{}({n})", stringify!($name)),
                    Written::Text(s) => write!(f, "{}({s:?})", stringify!($name)),
                }
            }
        }
    };
}

exact_decimal! {
    /// An amount of money (a price, a total, a price modifier), exact to the last digit.
    ///
    /// ```
    /// use foxy_model::Money;
    /// let price: Money = "19.990".parse().unwrap();
    /// assert_eq!(price.as_str(), "19.990");
    /// assert_eq!(price, Money::from_decimal("19.99".parse().unwrap()));
    /// assert!("12abc".parse::<Money>().is_err());
    /// ```
    Money
}

exact_decimal! {
    /// A non-money decimal quantity: a weight, a length, a weight modifier.
    Measure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbers_and_text_and_writes_them_back() {
        let n = Money::from_value("price", &Value::Number("19.990".parse().expect("number")))
            .expect("money");
        assert_eq!(n.value(), Decimal::new(19990, 3));
        assert_eq!(
            n.to_value(),
            Value::Number("19.990".parse().expect("number"))
        );
        let s = Money::from_value("price", &Value::from("5")).expect("money");
        assert!(s.is_text());
        assert_eq!(s.to_value(), Value::from("5"));
        assert_eq!(s, Money::from(5));
        let e = Money::from_value("price", &Value::from("1e3")).expect("money");
        assert_eq!(e.value(), Decimal::from(1000));
    }

    #[test]
    fn rejects_non_numbers_naming_the_field() {
        let err = Money::from_value("total_tax", &Value::from("12abc")).expect_err("bad");
        assert_eq!(
            err,
            ModelError::NotADecimal {
                field: "total_tax".into(),
                text: "12abc".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "field total_tax: not a decimal number: \"12abc\""
        );
        let err = Measure::from_value("weight", &Value::Bool(true)).expect_err("bad");
        assert!(matches!(err, ModelError::WrongType { ref field, .. } if field == "weight"));
        assert!("".parse::<Money>().is_err());
        assert!("0x10".parse::<Money>().is_err());
    }

    #[test]
    fn precision_is_never_lost() {
        let m: Money = "0.1000000000000000000000000001".parse().expect("fits");
        assert_eq!(m.value().to_string(), "0.1000000000000000000000000001");
        assert!(
            "0.10000000000000000000000000000001"
                .parse::<Money>()
                .is_err()
        );
    }
}
