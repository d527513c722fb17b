//! Filters: `<property>=<value>` in the forms Foxy's conventions describe.
//!
//! - exact: `first_name=John`
//! - partial, with the `*` wildcard: `first_name=Jo*n`
//! - range, numbers or dates, inclusive: `order_total=10..100`,
//!   `transaction_date=2015-01-01..2015-12-31`
//! - on a zoomed child: `items:item_options:name=color`
//! - with an operator: `total_order:greaterthan=50`
//! - on a keyed property: `attributes:name[color]=red`

use std::fmt;
use std::str::FromStr;

use super::{QueryError, RESERVED, check_name};

/// A comparison operator written after the property (`total_order:greaterthan=50`).
///
/// Exhaustive on purpose: these are the operators of Foxy's query
/// conventions, and the bindings that expose this enum (uniffi's
/// `FilterOperator`) match it without a fallback, so an operator added here
/// fails their build instead of failing a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `:not`: anything but the value.
    Not,
    /// `:greaterthan`.
    GreaterThan,
    /// `:greaterthanorequal`.
    GreaterThanOrEqual,
    /// `:lessthan`.
    LessThan,
    /// `:lessthanorequal`.
    LessThanOrEqual,
    /// `:isdefined`: the value is `true` or `false`.
    IsDefined,
    /// `:in`: one of a comma-separated list.
    In,
}

impl Operator {
    const ALL: [Operator; 7] = [
        Operator::Not,
        Operator::GreaterThan,
        Operator::GreaterThanOrEqual,
        Operator::LessThan,
        Operator::LessThanOrEqual,
        Operator::IsDefined,
        Operator::In,
    ];

    /// The operator as written in a query.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::Not => "not",
            Operator::GreaterThan => "greaterthan",
            Operator::GreaterThanOrEqual => "greaterthanorequal",
            Operator::LessThan => "lessthan",
            Operator::LessThanOrEqual => "lessthanorequal",
            Operator::IsDefined => "isdefined",
            Operator::In => "in",
        }
    }

    /// The operator written as `text` (`greaterthan`), if it is one.
    pub fn parse(text: &str) -> Option<Operator> {
        Operator::ALL.into_iter().find(|op| op.as_str() == text)
    }

    /// Whether the operator orders values (greater or less than).
    pub fn is_ordering(self) -> bool {
        matches!(
            self,
            Operator::GreaterThan
                | Operator::GreaterThanOrEqual
                | Operator::LessThan
                | Operator::LessThanOrEqual
        )
    }
}

/// What a filter compares against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterValue {
    /// An exact value.
    Exact(String),
    /// A pattern where `*` matches any run of characters.
    Partial(String),
    /// An inclusive range `from..to` of numbers or dates.
    Range {
        /// The lower bound.
        from: String,
        /// The upper bound.
        to: String,
    },
}

impl fmt::Display for FilterValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterValue::Exact(v) | FilterValue::Partial(v) => f.write_str(v),
            FilterValue::Range { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

/// One filter: a property (perhaps of a zoomed child), an optional key and
/// operator, and a value.
///
/// ```
/// use foxy_proto::query::{Filter, Operator};
/// let f = Filter::eq("name", "color").on("items:item_options").unwrap();
/// assert_eq!(f.key(), "items:item_options:name");
/// let f = Filter::compare("total_order", Operator::GreaterThan, "50").unwrap();
/// assert_eq!(f.key(), "total_order:greaterthan");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    path: Vec<String>,
    property: String,
    index: Option<String>,
    operator: Option<Operator>,
    value: FilterValue,
}

impl Filter {
    fn build(property: &str, value: FilterValue) -> Result<Filter, QueryError> {
        check_name(property, property)?;
        if RESERVED.contains(&property) {
            return Err(QueryError::ReservedName {
                name: property.to_owned(),
            });
        }
        Ok(Filter {
            path: Vec::new(),
            property: property.to_owned(),
            index: None,
            operator: None,
            value,
        })
    }

    /// Exact match: `first_name=John`.
    ///
    /// The property name is checked when the query is encoded; use
    /// [`Filter::try_eq`] to check it now.
    pub fn eq(property: &str, value: impl Into<String>) -> Filter {
        Filter {
            path: Vec::new(),
            property: property.to_owned(),
            index: None,
            operator: None,
            value: FilterValue::Exact(value.into()),
        }
    }

    /// Exact match, checking the property name.
    pub fn try_eq(property: &str, value: impl Into<String>) -> Result<Filter, QueryError> {
        Filter::build(property, FilterValue::Exact(value.into()))
    }

    /// Partial match with `*` wildcards: `first_name=Jo*n`.
    pub fn partial(property: &str, pattern: impl Into<String>) -> Result<Filter, QueryError> {
        let pattern = pattern.into();
        if !pattern.contains('*') {
            return Err(QueryError::InvalidFilter {
                text: pattern,
                reason: "a partial match needs a * wildcard",
            });
        }
        Filter::build(property, FilterValue::Partial(pattern))
    }

    /// Inclusive range of numbers or dates: `order_total=10..100`.
    pub fn range(
        property: &str,
        from: impl fmt::Display,
        to: impl fmt::Display,
    ) -> Result<Filter, QueryError> {
        let (from, to) = (from.to_string(), to.to_string());
        if from.is_empty() || to.is_empty() || from.contains("..") || to.contains("..") {
            return Err(QueryError::InvalidFilter {
                text: format!("{from}..{to}"),
                reason: "a range needs two bounds",
            });
        }
        Filter::build(property, FilterValue::Range { from, to })
    }

    /// A comparison: `total_order:greaterthan=50`.
    pub fn compare(
        property: &str,
        operator: Operator,
        value: impl Into<String>,
    ) -> Result<Filter, QueryError> {
        let mut filter = Filter::build(property, FilterValue::Exact(value.into()))?;
        filter.operator = Some(operator);
        Ok(filter)
    }

    /// Filters on a keyed property: `attributes:name[color]=red` is
    /// `Filter::eq("name", "red").keyed("color")?.on("attributes")?`.
    pub fn keyed(mut self, key: &str) -> Result<Filter, QueryError> {
        if key.is_empty() || key.contains(['[', ']']) {
            return Err(QueryError::InvalidName {
                name: key.to_owned(),
            });
        }
        self.index = Some(key.to_owned());
        Ok(self)
    }

    /// Applies the filter to a zoomed child (`items:item_options`).
    pub fn on(mut self, zoom_path: &str) -> Result<Filter, QueryError> {
        let mut path = Vec::new();
        for segment in zoom_path.split(':') {
            check_name(segment, zoom_path)?;
            path.push(segment.to_owned());
        }
        self.path = path;
        Ok(self)
    }

    /// The zoom path the filter applies to (empty for the collection itself).
    pub fn zoom_path(&self) -> &[String] {
        &self.path
    }

    /// The property filtered on (`name` in `items:name[color]:not`).
    pub fn property(&self) -> &str {
        &self.property
    }

    /// The value compared against.
    pub fn value(&self) -> &FilterValue {
        &self.value
    }

    /// The operator, if any.
    pub fn operator(&self) -> Option<Operator> {
        self.operator
    }

    /// The parameter name, before percent-encoding (`items:item_options:name`).
    pub fn key(&self) -> String {
        let mut key = String::new();
        for segment in &self.path {
            key.push_str(segment);
            key.push(':');
        }
        key.push_str(&self.property);
        if let Some(index) = &self.index {
            key.push('[');
            key.push_str(index);
            key.push(']');
        }
        if let Some(op) = self.operator {
            key.push(':');
            key.push_str(op.as_str());
        }
        key
    }

    /// Checks the names, for filters built with the unchecked [`Filter::eq`].
    pub(crate) fn validate(&self) -> Result<(), QueryError> {
        check_name(&self.property, &self.property)?;
        if self.path.is_empty() && RESERVED.contains(&self.property.as_str()) {
            return Err(QueryError::ReservedName {
                name: self.property.clone(),
            });
        }
        Ok(())
    }

    /// Parses `key` and `value` as they appear in a query (already decoded).
    pub fn parse_pair(key: &str, value: &str) -> Result<Filter, QueryError> {
        let mut segments: Vec<&str> = key.split(':').collect();
        let mut operator = None;
        if segments.len() > 1 {
            if let Some(op) = segments.last().and_then(|s| Operator::parse(s)) {
                operator = Some(op);
                segments.pop();
            }
        }
        let Some(last) = segments.pop() else {
            return Err(QueryError::InvalidName { name: key.into() });
        };
        let (property, index) = match last.split_once('[') {
            Some((name, rest)) => match rest.strip_suffix(']') {
                Some(index) => (name, Some(index)),
                None => return Err(QueryError::InvalidName { name: key.into() }),
            },
            None => (last, None),
        };
        let filter_value = match value.split_once("..") {
            Some((from, to)) if !from.is_empty() && !to.is_empty() && !to.contains("..") => {
                FilterValue::Range {
                    from: from.to_owned(),
                    to: to.to_owned(),
                }
            }
            _ if value.contains('*') => FilterValue::Partial(value.to_owned()),
            _ => FilterValue::Exact(value.to_owned()),
        };
        let mut filter = Filter::build(property, filter_value)?;
        filter.operator = operator;
        if let Some(index) = index {
            filter = filter.keyed(index)?;
        }
        if !segments.is_empty() {
            filter = filter.on(&segments.join(":"))?;
        }
        Ok(filter)
    }
}

impl FromStr for Filter {
    type Err = QueryError;

    /// Parses `KEY=VALUE` as given on a command line (`--filter first_name=John`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let Some((key, value)) = s.split_once('=') else {
            return Err(QueryError::InvalidFilter {
                text: s.to_owned(),
                reason: "expected KEY=VALUE",
            });
        };
        Filter::parse_pair(key, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let f: Filter = "items:item_options:name=color".parse().expect("valid");
        assert_eq!(f.zoom_path(), ["items", "item_options"]);
        assert_eq!(f.value(), &FilterValue::Exact("color".into()));
        let f: Filter = "order_total=10..100".parse().expect("valid");
        assert_eq!(
            f.value(),
            &FilterValue::Range {
                from: "10".into(),
                to: "100".into()
            }
        );
        let f: Filter = "first_name=Jo*n".parse().expect("valid");
        assert_eq!(f.value(), &FilterValue::Partial("Jo*n".into()));
        let f: Filter = "total_order:greaterthan=50".parse().expect("valid");
        assert_eq!(f.operator(), Some(Operator::GreaterThan));
        assert_eq!(f.key(), "total_order:greaterthan");
        let f: Filter = "attributes:name[color]=red".parse().expect("valid");
        assert_eq!(f.key(), "attributes:name[color]");
    }

    #[test]
    fn refuses_bad_filters() {
        assert!("first_name".parse::<Filter>().is_err());
        assert!("=x".parse::<Filter>().is_err());
        assert!("limit=5".parse::<Filter>().is_err());
        assert!("name[color=red".parse::<Filter>().is_err());
        assert!(Filter::partial("a", "exact").is_err());
        assert!(Filter::range("a", "", "3").is_err());
    }
}
