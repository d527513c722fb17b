//! The query language as a record: zoom, filters, order, fields, limit and
//! offset (`Query(zoom: ["items"], limit: 20)` in Swift).
//!
//! A query is checked by the core's `foxy_proto::query` when it is used: a
//! limit above 300, a bad name or a malformed filter fails with
//! `FoxyError.InvalidInput` before anything is sent.

use foxy::proto::query::{Filter as CoreFilter, Limit, Operator, Query as CoreQuery};

use crate::errors::FoxyResult;

// `foxy_proto::query::Operator` itself, exposed as `FilterOperator`: uniffi
// needs its variants spelled out to generate the glue, and matches them
// exhaustively, so this list cannot drift from the core's without a build
// error (no conversion is written by hand).
/// A comparison operator of a filter (`total_order:greaterthan=50`).
#[uniffi::remote(Enum)]
#[uniffi(name = "FilterOperator")]
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

/// What a filter compares the property against.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Condition {
    /// Exact match: `first_name=John`.
    Equals {
        /// The value.
        value: String,
    },
    /// Partial match with `*` wildcards: `first_name=Jo*`.
    Matches {
        /// The pattern (must contain `*`).
        pattern: String,
    },
    /// Inclusive range of numbers or dates: `total_order=10..100`.
    Between {
        /// The lower bound.
        from: String,
        /// The upper bound.
        to: String,
    },
    /// A comparison: `total_order:greaterthan=50`.
    Compare {
        /// The operator.
        operator: Operator,
        /// The value compared with.
        value: String,
    },
}

/// One filter of a query.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Filter {
    /// The property filtered on (`email`).
    pub property: String,
    /// What it is compared with.
    pub condition: Condition,
    /// The key of a keyed property (`attributes:name[color]=red` has key `color`).
    #[uniffi(default)]
    pub key: Option<String>,
    /// The zoomed child the filter applies to (`items:item_options`).
    #[uniffi(default)]
    pub on: Option<String>,
}

/// A query: what to embed, filter, order and page. Every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, uniffi::Record)]
pub struct Query {
    /// Zoom paths (`items`, `items:item_options`).
    #[uniffi(default)]
    pub zoom: Vec<String>,
    /// Filters, all of which must match.
    #[uniffi(default)]
    pub filters: Vec<Filter>,
    /// Sort clauses (`date_created desc`, `id`).
    #[uniffi(default)]
    pub order: Vec<String>,
    /// Only these properties in the answer (partial resources).
    #[uniffi(default)]
    pub fields: Vec<String>,
    /// Page size, 1 to 300.
    #[uniffi(default)]
    pub limit: Option<u64>,
    /// Index of the first member of the page.
    #[uniffi(default)]
    pub offset: Option<u64>,
}

impl Filter {
    /// The core filter (names and patterns checked there).
    fn to_core(&self) -> FoxyResult<CoreFilter> {
        let property = self.property.as_str();
        let mut filter = match &self.condition {
            Condition::Equals { value } => CoreFilter::try_eq(property, value.clone())?,
            Condition::Matches { pattern } => CoreFilter::partial(property, pattern.clone())?,
            Condition::Between { from, to } => CoreFilter::range(property, from, to)?,
            Condition::Compare { operator, value } => {
                CoreFilter::compare(property, *operator, value.clone())?
            }
        };
        if let Some(key) = &self.key {
            filter = filter.keyed(key)?;
        }
        if let Some(path) = &self.on {
            filter = filter.on(path)?;
        }
        Ok(filter)
    }
}

impl Query {
    /// The core query; invalid parts fail here, before any I/O.
    pub(crate) fn to_core(&self) -> FoxyResult<CoreQuery> {
        let mut query = CoreQuery::new();
        if !self.zoom.is_empty() {
            query = query.zoom(&self.zoom.join(","))?;
        }
        for filter in &self.filters {
            query = query.filter(filter.to_core()?);
        }
        if !self.order.is_empty() {
            query = query.order(&self.order.join(","))?;
        }
        if !self.fields.is_empty() {
            query = query.fields(&self.fields.join(","))?;
        }
        if let Some(limit) = self.limit {
            query = query.limit(Limit::new(limit)?);
        }
        if let Some(offset) = self.offset {
            query = query.offset(offset);
        }
        Ok(query)
    }

    /// The core query of an optional record (none: the empty query).
    pub(crate) fn core_of(query: Option<Query>) -> FoxyResult<CoreQuery> {
        query.unwrap_or_default().to_core()
    }
}

/// The query string Foxy receives for `query` (`zoom=items&limit=20`),
/// checked: for logs and tests.
#[uniffi::export]
pub fn encode_query(query: Query) -> FoxyResult<String> {
    Ok(query.to_core()?.encode()?)
}
