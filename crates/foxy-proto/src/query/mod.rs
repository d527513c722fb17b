//! Foxy's query language: zoom, filters, order, limit, offset and fields.
//!
//! A [`Query`] is built from typed parts that can only hold valid values
//! (a [`Limit`] is always 1..=300) and is written exactly as Foxy's
//! conventions show, percent-encoded where a URI requires it:
//!
//! ```
//! use foxy_proto::query::{Filter, Limit, Query};
//! let q = Query::new()
//!     .zoom("items:item_options").unwrap()
//!     .filter(Filter::eq("first_name", "John"))
//!     .order("date_created desc").unwrap()
//!     .limit(Limit::new(50).unwrap());
//! assert_eq!(
//!     q.encode().unwrap(),
//!     "zoom=items,items:item_options&first_name=John&order=date_created%20desc&limit=50"
//! );
//! ```

mod filter;
mod order;
mod zoom;

use std::fmt;

use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};

pub use filter::{Filter, FilterValue, Operator};
pub use order::{Direction, Fields, Order, SortKey};
pub use zoom::Zoom;

/// Parameter names that are not filters.
pub(crate) const RESERVED: [&str; 5] = ["zoom", "order", "limit", "offset", "fields"];

/// Bytes escaped in a query name or value: everything but RFC 3986
/// unreserved characters and the sub-delimiters Foxy's syntax uses
/// (`*` `,` `:` `/` `@` `!` `$` `'` `(` `)`).
const QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one query name or value.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, QUERY).to_string()
}

/// Appends `text` percent-encoded as [`encode_component`] writes it.
fn push_encoded(out: &mut String, text: &str) {
    out.extend(utf8_percent_encode(text, QUERY));
}

/// A query that cannot be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    /// `limit` outside 1..=300.
    #[error("limit must be between 1 and {max}, got {given}", max = Limit::MAX)]
    LimitOutOfRange {
        /// The limit asked for.
        given: u64,
    },
    /// A property or relation name that is empty or has characters names cannot have.
    #[error("invalid name {name:?}")]
    InvalidName {
        /// The offending name or path.
        name: String,
    },
    /// A filter on a name the query language reserves (`limit`, `zoom`...).
    #[error("{name:?} is a query parameter, not a filter")]
    ReservedName {
        /// The reserved name.
        name: String,
    },
    /// A filter that cannot be read.
    #[error("invalid filter {text:?}: {reason}")]
    InvalidFilter {
        /// The filter text.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// An order clause that is not `field [asc|desc]`.
    #[error("invalid order {text:?}: expected field, field asc or field desc")]
    InvalidOrder {
        /// The clause.
        text: String,
    },
    /// A number parameter (`limit`, `offset`) that is not a number.
    #[error("{name} must be a whole number, got {text:?}")]
    InvalidNumber {
        /// The parameter.
        name: &'static str,
        /// The text given.
        text: String,
    },
    /// A filter or sort key on a name the relation does not describe
    /// ([`Query::check_names`]).
    #[error(
        "{relation} has no property {name:?} to {what} by; the valid ones are: {}",
        valid.join(", ")
    )]
    UnknownProperty {
        /// The relation queried (`coupons`).
        relation: String,
        /// The name asked for.
        name: String,
        /// `filter` or `order`.
        what: &'static str,
        /// The names it describes, sorted.
        valid: Vec<String>,
    },
}

/// Checks a property or relation name: ASCII letters, digits, `_`, `-`, `.`.
pub(crate) fn check_name(name: &str, context: &str) -> Result<(), QueryError> {
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(QueryError::InvalidName {
            name: context.chars().take(80).collect(),
        })
    }
}

/// A page size: 1 to 300 (Foxy's maximum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Limit(u32);

impl Limit {
    /// Foxy's maximum page size.
    pub const MAX: u32 = 300;

    /// The largest page size, as a limit.
    pub const MAX_LIMIT: Limit = Limit(Limit::MAX);

    /// Foxy's page size when none is asked for.
    pub const DEFAULT: Limit = Limit(20);

    /// A page size, refused outside 1..=300.
    pub fn new(limit: u64) -> Result<Limit, QueryError> {
        match u32::try_from(limit) {
            Ok(n) if (1..=Limit::MAX).contains(&n) => Ok(Limit(n)),
            _ => Err(QueryError::LimitOutOfRange { given: limit }),
        }
    }

    /// The page size.
    pub fn get(self) -> u32 {
        self.0
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A complete query: every part optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// Related resources to embed.
    pub zoom: Zoom,
    /// Filters, in the order given.
    pub filters: Vec<Filter>,
    /// Sort order.
    pub order: Order,
    /// Partial resource fields.
    pub fields: Fields,
    /// Page size.
    pub limit: Option<Limit>,
    /// Index of the first result.
    pub offset: Option<u64>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Query {
        Query::default()
    }

    /// Adds zoom paths (`items:item_options,customer`).
    pub fn zoom(mut self, paths: &str) -> Result<Query, QueryError> {
        for path in paths.split(',') {
            self.zoom.add(path.trim())?;
        }
        Ok(self)
    }

    /// Adds a filter.
    pub fn filter(mut self, filter: Filter) -> Query {
        self.filters.push(filter);
        self
    }

    /// Appends sort keys (`field1,field2 desc`).
    pub fn order(mut self, order: &str) -> Result<Query, QueryError> {
        let more: Order = order.parse()?;
        for key in more.keys() {
            self.order = match key.direction {
                None => self.order.by(&key.field)?,
                Some(Direction::Asc) => self.order.asc(&key.field)?,
                Some(Direction::Desc) => self.order.desc(&key.field)?,
            };
        }
        Ok(self)
    }

    /// Sets the fields to return (`first_name,last_name`).
    pub fn fields(mut self, fields: &str) -> Result<Query, QueryError> {
        self.fields = fields.parse()?;
        Ok(self)
    }

    /// Sets the page size.
    pub fn limit(mut self, limit: Limit) -> Query {
        self.limit = Some(limit);
        self
    }

    /// Sets the offset of the first result.
    pub fn offset(mut self, offset: u64) -> Query {
        self.offset = Some(offset);
        self
    }

    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.zoom.is_empty()
            && self.filters.is_empty()
            && self.order.is_empty()
            && self.fields.is_empty()
            && self.limit.is_none()
            && self.offset.is_none()
    }

    /// The `name=value` pairs, not yet encoded, in the order written.
    pub fn pairs(&self) -> Result<Vec<(String, String)>, QueryError> {
        let mut out = Vec::new();
        if !self.zoom.is_empty() {
            out.push(("zoom".to_owned(), self.zoom.to_string()));
        }
        for filter in &self.filters {
            filter.validate()?;
            out.push((filter.key(), filter.value().to_string()));
        }
        if !self.order.is_empty() {
            out.push(("order".to_owned(), self.order.to_string()));
        }
        if !self.fields.is_empty() {
            out.push(("fields".to_owned(), self.fields.to_string()));
        }
        if let Some(limit) = self.limit {
            out.push(("limit".to_owned(), limit.to_string()));
        }
        if let Some(offset) = self.offset {
            out.push(("offset".to_owned(), offset.to_string()));
        }
        Ok(out)
    }

    /// The query string without the leading `?` (empty when nothing is set).
    pub fn encode(&self) -> Result<String, QueryError> {
        let mut out = String::new();
        self.write_encoded(&mut out)?;
        Ok(out)
    }

    /// Appends the query string to `out`: the [`Query::pairs`], each name
    /// and value percent-encoded ([`encode_component`]), joined by `&`,
    /// written in place rather than pair by pair.
    fn write_encoded(&self, out: &mut String) -> Result<(), QueryError> {
        let start = out.len();
        // Every pair writes at least `name=`, so anything after `start`
        // means a pair before this one.
        let next = |out: &mut String, name: &str| {
            if out.len() > start {
                out.push('&');
            }
            push_encoded(out, name);
            out.push('=');
        };
        if !self.zoom.is_empty() {
            next(out, "zoom");
            self.zoom.write_paths(out, &mut push_encoded);
        }
        for filter in &self.filters {
            filter.validate()?;
            next(out, &filter.key());
            push_encoded(out, &filter.value().to_string());
        }
        if !self.order.is_empty() {
            next(out, "order");
            push_encoded(out, &self.order.to_string());
        }
        if !self.fields.is_empty() {
            next(out, "fields");
            push_encoded(out, &self.fields.to_string());
        }
        if let Some(limit) = self.limit {
            next(out, "limit");
            push_number(out, u64::from(limit.get()));
        }
        if let Some(offset) = self.offset {
            next(out, "offset");
            push_number(out, offset);
        }
        Ok(())
    }

    /// Appends the query to `href`, after any query it already has.
    pub fn apply_to(&self, href: &str) -> Result<String, QueryError> {
        if self.is_empty() {
            return Ok(href.to_owned());
        }
        let (base, fragment) = match href.split_once('#') {
            Some((b, f)) => (b, Some(f)),
            None => (href, None),
        };
        let sep = match base.find('?') {
            None => "?",
            Some(i) if i + 1 == base.len() || base.ends_with('&') => "",
            Some(_) => "&",
        };
        let mut out = String::with_capacity(href.len() + 64);
        out.push_str(base);
        out.push_str(sep);
        let before = out.len();
        self.write_encoded(&mut out)?;
        if out.len() == before {
            // Nothing to add: the href as it was.
            out.truncate(base.len());
        }
        if let Some(fragment) = fragment {
            out.push('#');
            out.push_str(fragment);
        }
        Ok(out)
    }

    /// [`Query::apply_to`] of an href the caller hands over: returned as it
    /// is (no copy) when the query is empty.
    pub(crate) fn apply_to_owned(&self, href: String) -> Result<String, QueryError> {
        if self.is_empty() {
            return Ok(href);
        }
        self.apply_to(&href)
    }

    /// Parses a query string (with or without the leading `?`).
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut query = Query::new();
        for pair in text.trim_start_matches('?').split('&') {
            if pair.is_empty() {
                continue;
            }
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key);
            let value = decode(value);
            query = query.set(&key, &value)?;
        }
        Ok(query)
    }

    /// Sets one decoded parameter, as [`Query::parse`] reads it.
    pub fn set(self, key: &str, value: &str) -> Result<Query, QueryError> {
        match key {
            "zoom" => self.zoom(value),
            "order" => self.order(value),
            "fields" => self.fields(value),
            "limit" => Ok(self.limit(Limit::new(number("limit", value)?)?)),
            "offset" => Ok(self.offset(number("offset", value)?)),
            _ => Ok(self.filter(Filter::parse_pair(key, value)?)),
        }
    }
}

impl Query {
    /// Checks the names this query filters and sorts by on the collection or
    /// resource itself (filters on a zoomed child, `items:name`, are not
    /// checked) against `valid`, the names `relation` describes. The first
    /// unknown name fails, naming the valid ones.
    pub fn check_names(&self, relation: &str, valid: &[String]) -> Result<(), QueryError> {
        let fail = |name: &str, what| QueryError::UnknownProperty {
            relation: relation.to_owned(),
            name: name.chars().take(80).collect(),
            what,
            valid: valid.to_vec(),
        };
        for filter in self.filters.iter().filter(|f| f.zoom_path().is_empty()) {
            if !valid.iter().any(|v| *v == filter.property()) {
                return Err(fail(filter.property(), "filter"));
            }
        }
        for key in self.order.keys() {
            if !valid.contains(&key.field) {
                return Err(fail(&key.field, "order"));
            }
        }
        Ok(())
    }
}

/// Appends `n` in decimal (digits need no encoding).
fn push_number(out: &mut String, n: u64) {
    use std::fmt::Write as _;
    // Writing to a `String` cannot fail.
    let _ = write!(out, "{n}");
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn number(name: &'static str, text: &str) -> Result<u64, QueryError> {
    text.trim().parse().map_err(|_| QueryError::InvalidNumber {
        name,
        text: text.chars().take(40).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_bounds() {
        assert!(Limit::new(0).is_err());
        assert_eq!(Limit::new(300).map(Limit::get), Ok(300));
        assert_eq!(
            Limit::new(301),
            Err(QueryError::LimitOutOfRange { given: 301 })
        );
        assert_eq!(
            Limit::new(301).map_err(|e| e.to_string()),
            Err("limit must be between 1 and 300, got 301".to_owned())
        );
    }

    #[test]
    fn parse_round_trip() {
        let text = "zoom=items,items:item_options&first_name=Jo*n&order_total=10..100\
                    &attributes:name%5Bcolor%5D=red&order=a,b%20desc&fields=a,b&limit=5&offset=10";
        let query = Query::parse(text).expect("valid");
        assert_eq!(query.encode().expect("valid"), text);
        assert!(Query::parse("limit=301").is_err());
        assert!(Query::parse("offset=-1").is_err());
    }

    #[test]
    fn appends_to_existing_query() {
        let q = Query::new().offset(20);
        assert_eq!(
            q.apply_to("https://api.test/carts?limit=5").expect("valid"),
            "https://api.test/carts?limit=5&offset=20"
        );
        assert_eq!(
            q.apply_to("https://api.test/carts").expect("valid"),
            "https://api.test/carts?offset=20"
        );
        assert_eq!(
            Query::new()
                .apply_to("https://x.test/a?b=1")
                .expect("valid"),
            "https://x.test/a?b=1"
        );
    }

    #[test]
    fn names_are_checked_against_the_described_ones() {
        let valid = vec!["id".to_owned(), "name".to_owned()];
        let ok = Query::new()
            .filter(Filter::eq("name", "x"))
            .filter(Filter::eq("colour", "red").on("items").expect("path"))
            .order("id desc")
            .expect("order");
        assert_eq!(ok.check_names("coupons", &valid), Ok(()));
        let bad = Query::new().filter(Filter::eq("colour", "red"));
        let err = bad.check_names("coupons", &valid).expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "coupons has no property \"colour\" to filter by; the valid ones are: id, name"
        );
        let bad = Query::new().order("colour").expect("order");
        assert!(matches!(
            bad.check_names("coupons", &valid),
            Err(QueryError::UnknownProperty { what: "order", .. })
        ));
    }

    /// The encoding as it was written before: pair by pair, then joined.
    fn encoded_pair_by_pair(query: &Query) -> Result<String, QueryError> {
        let pairs = query.pairs()?;
        let encoded: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        Ok(encoded.join("&"))
    }

    #[test]
    fn encoding_in_place_writes_the_pairs_as_before() {
        let queries = [
            Query::new(),
            Query::new().zoom("items").expect("zoom"),
            Query::new().offset(0),
            Query::new().limit(Limit::MAX_LIMIT).offset(u64::MAX),
            Query::parse(
                "zoom=items,items:item_options,customer&first_name=Jo*n&order_total=10..100\
                 &attributes:name%5Bcolor%5D=red&total_order:greaterthan=5&email=a%2Bb%26c\
                 &order=a,b%20desc&fields=a,b&limit=5&offset=10",
            )
            .expect("valid"),
            Query::new().filter(Filter::eq("note", "caf\u{e9} & #1 100%")),
            Query::new().filter(Filter::eq("zoom", "x")),
            Query::new()
                .zoom("items")
                .expect("zoom")
                .filter(Filter::eq("", "x")),
        ];
        for query in &queries {
            assert_eq!(query.encode(), encoded_pair_by_pair(query), "{query:?}");
            for href in [
                "https://api.test/carts",
                "https://api.test/carts?",
                "https://api.test/carts?a=1",
                "https://api.test/carts?a=1&",
                "https://api.test/carts#top",
                "https://api.test/carts?a=1#top",
            ] {
                let before = encoded_pair_by_pair(query).map(|q| {
                    if q.is_empty() {
                        return href.to_owned();
                    }
                    let (base, fragment) = match href.split_once('#') {
                        Some((b, f)) => (b, Some(f)),
                        None => (href, None),
                    };
                    let sep = match base.find('?') {
                        None => "?",
                        Some(i) if i + 1 == base.len() || base.ends_with('&') => "",
                        Some(_) => "&",
                    };
                    let mut out = format!("{base}{sep}{q}");
                    if let Some(fragment) = fragment {
                        out.push('#');
                        out.push_str(fragment);
                    }
                    out
                });
                assert_eq!(query.apply_to(href), before, "{query:?} {href}");
                assert_eq!(query.apply_to_owned(href.to_owned()), before);
            }
        }
    }

    #[test]
    fn encodes_reserved_bytes_in_values() {
        let q = Query::new().filter(Filter::eq("email", "a+b&c=d@x.test #1"));
        assert_eq!(
            q.encode().expect("valid"),
            "email=a%2Bb%26c%3Dd@x.test%20%231"
        );
        let q = Query::new().filter(Filter::eq("zoom", "x"));
        assert!(q.encode().is_err());
    }
}
