//! The query language of the conventions: limit/offset, zoom, filters, order and fields.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::str::FromStr;

use foxy_proto::{Map, Value};
use rust_decimal::Decimal;

use crate::error::{ApiError, excerpt};
use crate::kinds::{Kind, Ty};

/// Default page size.
pub const DEFAULT_LIMIT: usize = 20;
/// Largest page size the API allows.
pub const MAX_LIMIT: usize = 300;
/// Largest page start accepted: far beyond any store, and small enough that
/// `offset + limit` never overflows.
pub const MAX_OFFSET: usize = 1_000_000_000;

/// Requested embedded children: zoom name → nested zooms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Zoom(pub BTreeMap<String, Zoom>);

impl std::ops::Deref for Zoom {
    type Target = BTreeMap<String, Zoom>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Zoom {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

/// One filter: `path:field[:operator]=value`.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Child relations to walk first (`items:item_options:name` → `[items, item_options]`).
    pub path: Vec<String>,
    /// The property compared.
    pub field: String,
    /// The raw condition (`Jo*n`, `10..100`, exact text).
    pub value: String,
    /// The operator written after the field (`total_order:greaterthan=50`), if any.
    pub op: Option<Op>,
}

/// A filter operator (`field:greaterthan=value`): foxy-proto's, the one the clients send.
pub use foxy_proto::query::Operator as Op;

/// The operators the sandbox evaluates (every one foxy-proto knows today).
const EVALUATED: [Op; 7] = [
    Op::Not,
    Op::GreaterThan,
    Op::GreaterThanOrEqual,
    Op::LessThan,
    Op::LessThanOrEqual,
    Op::IsDefined,
    Op::In,
];

/// A parsed query string.
#[derive(Debug, Clone)]
pub struct Query {
    /// Page size.
    pub limit: usize,
    /// Page start.
    pub offset: usize,
    /// Embedded children to include.
    pub zoom: Zoom,
    /// Filters in request order.
    pub filters: Vec<Filter>,
    /// Sort keys: field and descending flag.
    pub order: Vec<(String, bool)>,
    /// Properties to keep (`fields=`), if given.
    pub fields: Option<Vec<String>>,
}

fn number(name: &str, v: &str) -> Result<usize, ApiError> {
    v.trim().parse().map_err(|_| {
        ApiError::bad_request(format!(
            "{name} must be a non-negative integer, got {:?}",
            excerpt(v)
        ))
    })
}

/// Resolves the kind a filter path leads to.
pub fn kind_at(kind: &'static Kind, path: &[String]) -> Option<&'static Kind> {
    path.iter()
        .try_fold(kind, |k, seg| k.child(seg).map(|c| c.kind))
}

impl Query {
    /// Parses query pairs for a resource of `kind`, validating every name.
    pub fn parse(pairs: &[(String, String)], kind: &'static Kind) -> Result<Query, ApiError> {
        let mut q = Query {
            limit: DEFAULT_LIMIT,
            offset: 0,
            zoom: Zoom::default(),
            filters: Vec::new(),
            order: Vec::new(),
            fields: None,
        };
        for (name, value) in pairs {
            match name.as_str() {
                "limit" => {
                    q.limit = number("limit", value)?;
                    if q.limit == 0 || q.limit > MAX_LIMIT {
                        return Err(ApiError::bad_request(format!(
                            "limit must be between 1 and {MAX_LIMIT}, got {}",
                            excerpt(value)
                        )));
                    }
                }
                "offset" => {
                    q.offset = number("offset", value)?;
                    if q.offset > MAX_OFFSET {
                        return Err(ApiError::bad_request(format!(
                            "offset must be between 0 and {MAX_OFFSET}, got {}",
                            excerpt(value)
                        )));
                    }
                }
                "zoom" => {
                    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let mut node = &mut q.zoom;
                        for seg in part.split(':') {
                            node = node.entry(seg.to_owned()).or_default();
                        }
                    }
                }
                "fields" => {
                    q.fields = Some(value.split(',').map(|f| f.trim().to_owned()).collect());
                }
                "order" => {
                    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                        let mut words = part.split_whitespace();
                        let field = words.next().unwrap_or_default().to_owned();
                        let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
                            None | Some("asc") => false,
                            Some("desc") => true,
                            Some(other) => {
                                return Err(ApiError::bad_request(format!(
                                    "order direction must be asc or desc, got {:?}",
                                    excerpt(other)
                                )));
                            }
                        };
                        if kind.type_of(&field).is_none() {
                            return Err(ApiError::bad_request(format!(
                                "cannot order {} by unknown field {:?}",
                                kind.plural,
                                excerpt(&field)
                            )));
                        }
                        q.order.push((field, desc));
                    }
                }
                _ => {
                    let mut segs: Vec<String> = name.split(':').map(str::to_owned).collect();
                    let op = match segs.as_slice() {
                        [_, .., last] => Op::parse(last),
                        _ => None,
                    };
                    if op.is_some() {
                        segs.pop();
                    }
                    let field = segs.pop().unwrap_or_default();
                    let target = kind_at(kind, &segs);
                    let typed = target.and_then(|k| k.type_of(&field));
                    let Some(ty) = typed else {
                        return Err(ApiError::bad_request(format!(
                            "unknown filter {:?} for {}",
                            excerpt(name),
                            kind.plural
                        )));
                    };
                    check_value(ty, &field, value, op)?;
                    q.filters.push(Filter {
                        path: segs,
                        field,
                        value: value.clone(),
                        op,
                    });
                }
            }
        }
        Ok(q)
    }

    /// The filters that apply directly to this level (no path).
    pub fn own_filters(&self) -> impl Iterator<Item = &Filter> {
        self.filters.iter().filter(|f| f.path.is_empty())
    }

    /// The filters under a child relation, with that segment removed.
    pub fn child_filters(&self, rel: &str) -> Vec<Filter> {
        self.filters
            .iter()
            .filter(|f| f.path.first().map(String::as_str) == Some(rel))
            .map(|f| Filter {
                path: f.path[1..].to_vec(),
                field: f.field.clone(),
                value: f.value.clone(),
                op: f.op,
            })
            .collect()
    }
}

/// An exact decimal from a value or text.
pub fn decimal(text: &str) -> Option<Decimal> {
    let t = text.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

/// The decimal of a property value (numbers and numeric strings).
pub fn value_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Number(n) => decimal(n.as_str()),
        Value::String(s) => decimal(s),
        _ => None,
    }
}

fn check_value(ty: Ty, field: &str, value: &str, op: Option<Op>) -> Result<(), ApiError> {
    let bad = |what: &str| {
        Err(ApiError::bad_request(format!(
            "filter {field} expects {what}, got {:?}",
            excerpt(value)
        )))
    };
    match op {
        Some(o) if !EVALUATED.contains(&o) => {
            return Err(ApiError::bad_request(format!(
                "filter {field}: the operator {} is not supported",
                o.as_str()
            )));
        }
        Some(Op::IsDefined) => {
            return match value.to_ascii_lowercase().as_str() {
                "true" | "false" | "1" | "0" => Ok(()),
                _ => bad("true or false"),
            };
        }
        Some(o) if o.is_ordering() && (ty == Ty::Bool || value.contains("..")) => {
            return bad("a single number, date or text to compare with");
        }
        _ => {}
    }
    let parts: Vec<&str> = match (op, value.split_once("..")) {
        (Some(Op::In), _) => value.split(',').collect(),
        (_, Some((lo, hi))) => vec![lo, hi],
        (_, None) => vec![value],
    };
    for p in parts.into_iter().filter(|p| !p.is_empty()) {
        match ty {
            Ty::Int | Ty::Dec if decimal(p).is_none() => {
                return bad("a number or a range a..b");
            }
            Ty::Date if !crate::dates::valid_bound(p) => {
                return bad("a date, a date-time with an offset, or a range a..b of them");
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether a property map satisfies a filter's value under its operator.
pub fn matches_op(ty: Ty, props: &Map, field: &str, value: &str, op: Option<Op>) -> bool {
    let Some(op) = op else {
        return matches(ty, props, field, value);
    };
    let v = props.get(field).unwrap_or(&Value::Null);
    match op {
        Op::Not => !matches(ty, props, field, value),
        Op::In => value
            .split(',')
            .any(|one| matches(ty, props, field, one.trim())),
        Op::IsDefined => {
            let defined = !matches!(v, Value::Null) && text_of(v).is_none_or(|t| !t.is_empty());
            defined == matches!(value.to_ascii_lowercase().as_str(), "true" | "1")
        }
        Op::GreaterThan => versus(ty, v, value) == Some(Ordering::Greater),
        Op::GreaterThanOrEqual => versus(ty, v, value).is_some_and(Ordering::is_ge),
        Op::LessThan => versus(ty, v, value) == Some(Ordering::Less),
        Op::LessThanOrEqual => versus(ty, v, value).is_some_and(Ordering::is_le),
        // Refused by `check_value` before any record is read (the operator
        // list may be exhaustive or not, depending on foxy-proto).
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// How a value compares with a bound: numbers as exact decimals, date-times
/// as instants (any offsets), other dates by the prefix the bound gives,
/// text case-insensitively. `None` when the value has nothing to compare.
fn versus(ty: Ty, v: &Value, bound: &str) -> Option<Ordering> {
    match ty {
        Ty::Int | Ty::Dec => Some(value_decimal(v)?.cmp(&decimal(bound)?)),
        Ty::Bool => None,
        Ty::Date => {
            let actual = text_of(v).filter(|t| !t.is_empty())?;
            match (crate::dates::instant(&actual), crate::dates::instant(bound)) {
                (Some(a), Some(b)) => Some(a.cmp(&b)),
                _ => Some(prefix(&actual, bound).cmp(bound)),
            }
        }
        Ty::Str | Ty::Ref(_) => Some(
            text_of(v)
                .unwrap_or_default()
                .to_lowercase()
                .cmp(&bound.to_lowercase()),
        ),
    }
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(p) => rest = &rest[p + part.len()..],
                None => return false,
            }
        }
    }
    rest.is_empty()
}

/// Whether a property map satisfies `field=value` for a field of type `ty`.
pub fn matches(ty: Ty, props: &Map, field: &str, value: &str) -> bool {
    let v = props.get(field).unwrap_or(&Value::Null);
    match ty {
        Ty::Int | Ty::Dec => {
            let Some(actual) = value_decimal(v) else {
                return false;
            };
            match value.split_once("..") {
                Some((lo, hi)) => {
                    decimal(lo).is_none_or(|lo| actual >= lo)
                        && decimal(hi).is_none_or(|hi| actual <= hi)
                }
                None => decimal(value) == Some(actual),
            }
        }
        Ty::Bool => {
            let want = matches!(value.to_ascii_lowercase().as_str(), "1" | "true");
            v.as_bool() == Some(want)
        }
        Ty::Date => {
            let Some(actual) = text_of(v) else {
                return false;
            };
            match value.split_once("..") {
                Some((lo, hi)) => {
                    (lo.is_empty() || versus(ty, v, lo).is_some_and(Ordering::is_ge))
                        && (hi.is_empty() || versus(ty, v, hi).is_some_and(Ordering::is_le))
                }
                None if value.contains('*') => glob(value, &actual),
                None => match crate::dates::instant(value) {
                    Some(_) => versus(ty, v, value) == Some(Ordering::Equal),
                    None => actual.starts_with(value),
                },
            }
        }
        Ty::Str | Ty::Ref(_) => {
            let actual = text_of(v).unwrap_or_default().to_lowercase();
            let want = value.to_lowercase();
            if want.contains('*') {
                glob(&want, &actual)
            } else {
                actual == want
            }
        }
    }
}

fn prefix<'a>(text: &'a str, like: &str) -> &'a str {
    text.get(..like.len()).unwrap_or(text)
}

fn instant_of(v: &Value) -> Option<jiff::Timestamp> {
    crate::dates::instant(&text_of(v)?)
}

/// Compares two property maps by the `order=` keys.
pub fn compare(kind: &Kind, a: &Map, b: &Map, order: &[(String, bool)]) -> Ordering {
    for (field, desc) in order {
        let (x, y) = (
            a.get(field).unwrap_or(&Value::Null),
            b.get(field).unwrap_or(&Value::Null),
        );
        let ord = match kind.type_of(field) {
            Some(Ty::Int | Ty::Dec) => value_decimal(x).cmp(&value_decimal(y)),
            Some(Ty::Bool) => x.as_bool().cmp(&y.as_bool()),
            // Local times repeat an hour when daylight saving ends: order by instant.
            Some(Ty::Date) => match (instant_of(x), instant_of(y)) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => text_of(x).cmp(&text_of(y)),
            },
            _ => text_of(x)
                .map(|s| s.to_lowercase())
                .cmp(&text_of(y).map(|s| s.to_lowercase())),
        };
        let ord = if *desc { ord.reverse() } else { ord };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_order_by_instant_across_the_repeated_hour() {
        let kind = &crate::kinds::CARTS;
        let at = |t: &str| {
            let mut m = Map::new();
            m.insert("date_created".into(), Value::from(t));
            m
        };
        // 01:30 PDT comes before 01:10 PST on 2 November 2014 in Los Angeles.
        let first = at("2014-11-02T01:30:00-0700");
        let second = at("2014-11-02T01:10:00-0800");
        let order = [("date_created".to_owned(), false)];
        assert_eq!(compare(kind, &first, &second, &order), Ordering::Less);
        assert!(matches_op(
            Ty::Date,
            &second,
            "date_created",
            "2014-11-02T01:30:00-0700",
            Some(Op::GreaterThan)
        ));
    }

    #[test]
    fn globs_and_ranges() {
        assert!(glob("jo*n", "john"));
        assert!(glob("*ock*", "sprocket"));
        assert!(!glob("jo*n", "johnny"));
        let mut m = Map::new();
        m.insert(
            "total_order".into(),
            Value::Number("19.99".parse().expect("number")),
        );
        m.insert(
            "transaction_date".into(),
            Value::from("2015-06-01T10:00:00+0000"),
        );
        assert!(matches(Ty::Dec, &m, "total_order", "10..100"));
        assert!(!matches(Ty::Dec, &m, "total_order", "20.."));
        assert!(matches(Ty::Dec, &m, "total_order", "19.990"));
        assert!(matches(
            Ty::Date,
            &m,
            "transaction_date",
            "2015-01-01..2015-12-31"
        ));
        assert!(!matches(Ty::Date, &m, "transaction_date", "2016-01-01.."));
    }
}
