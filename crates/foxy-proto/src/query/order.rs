//! Sort order (`order=field1,field2 asc,field3 desc`) and partial resources
//! (`fields=first_name,last_name`).

use std::fmt;
use std::str::FromStr;

use super::{QueryError, check_name};

/// A sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Ascending (Foxy's default when none is written).
    Asc,
    /// Descending.
    Desc,
}

impl Direction {
    /// `asc` or `desc`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }
}

/// One sort key: a field and an optional direction (written only when given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The field name.
    pub field: String,
    /// The direction; `None` leaves Foxy's default (ascending) implicit.
    pub direction: Option<Direction>,
}

/// The sort order: a list of keys.
///
/// ```
/// use foxy_proto::query::Order;
/// let order: Order = "field1,field2 asc,field3 desc".parse().unwrap();
/// assert_eq!(order.to_string(), "field1,field2 asc,field3 desc");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Order {
    keys: Vec<SortKey>,
}

impl Order {
    /// No explicit order.
    pub fn new() -> Order {
        Order::default()
    }

    /// Adds a key with Foxy's default direction.
    pub fn by(mut self, field: &str) -> Result<Order, QueryError> {
        check_name(field, field)?;
        self.keys.push(SortKey {
            field: field.to_owned(),
            direction: None,
        });
        Ok(self)
    }

    /// Adds a key ascending.
    pub fn asc(self, field: &str) -> Result<Order, QueryError> {
        self.directed(field, Direction::Asc)
    }

    /// Adds a key descending.
    pub fn desc(self, field: &str) -> Result<Order, QueryError> {
        self.directed(field, Direction::Desc)
    }

    fn directed(mut self, field: &str, direction: Direction) -> Result<Order, QueryError> {
        check_name(field, field)?;
        self.keys.push(SortKey {
            field: field.to_owned(),
            direction: Some(direction),
        });
        Ok(self)
    }

    /// The keys in order.
    pub fn keys(&self) -> &[SortKey] {
        &self.keys
    }

    /// Whether no key is set.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, key) in self.keys.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(&key.field)?;
            if let Some(direction) = key.direction {
                write!(f, " {}", direction.as_str())?;
            }
        }
        Ok(())
    }
}

impl FromStr for Order {
    type Err = QueryError;

    /// Parses `field1,field2 asc,field3 desc`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut order = Order::new();
        for part in s.split(',') {
            let mut words = part.split_whitespace();
            let field = words.next().unwrap_or_default();
            order = match (words.next(), words.next()) {
                (None, _) => order.by(field)?,
                (Some(d), None) if d.eq_ignore_ascii_case("asc") => order.asc(field)?,
                (Some(d), None) if d.eq_ignore_ascii_case("desc") => order.desc(field)?,
                _ => {
                    return Err(QueryError::InvalidOrder {
                        text: part.trim().to_owned(),
                    });
                }
            };
        }
        Ok(order)
    }
}

/// The properties to return (`fields=first_name,last_name`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fields(Vec<String>);

impl Fields {
    /// Fields from a list of names.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Fields, QueryError> {
        let mut out = Vec::new();
        for name in names {
            check_name(name, name)?;
            out.push(name.to_owned());
        }
        Ok(Fields(out))
    }

    /// The field names.
    pub fn names(&self) -> &[String] {
        &self.0
    }

    /// Whether no field is named.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(","))
    }
}

impl FromStr for Fields {
    type Err = QueryError;

    /// Parses `a,b,c`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Fields::new(s.split(',').map(str::trim))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_round_trips_and_refuses_junk() {
        let order = Order::new()
            .by("a")
            .and_then(|o| o.desc("b"))
            .expect("valid");
        assert_eq!(order.to_string(), "a,b desc");
        assert!("a sideways".parse::<Order>().is_err());
        assert!("a asc desc".parse::<Order>().is_err());
        assert!("a,,b".parse::<Order>().is_err());
    }

    #[test]
    fn fields_parse() {
        let fields: Fields = "first_name, last_name".parse().expect("valid");
        assert_eq!(fields.to_string(), "first_name,last_name");
        assert!("a,".parse::<Fields>().is_err());
    }
}
