//! The query language as an options object: wraps `foxy_proto::query`.
//! Every check (limit 1 to 300, names, filter syntax) is the core's.

use napi::Env;
use napi::bindgen_prelude::Either;
use napi_derive::napi;

use foxy_proto::query::{Filter, Query};

use crate::errors::{Outcome, sync};

/// What to ask of a collection or a resource: every part optional.
///
/// ```js
/// { zoom: ['items', 'items:item_options'], filters: { total_order: '10..' },
///   order: 'total_order desc', limit: 20, offset: 40, fields: ['id', 'total_order'] }
/// ```
#[napi(object)]
#[derive(Default)]
pub struct QueryOptions {
    /// Related resources to embed (`items`, `items:item_options`, `customer`).
    pub zoom: Option<Either<String, Vec<String>>>,
    /// Filters by property: `{ first_name: 'Jo*n', total_order: '10..20', 'items:name': 'Sprocket' }`.
    pub filters: Option<indexmap::IndexMap<String, String>>,
    /// Sort keys (`total_order desc`, `id`).
    pub order: Option<Either<String, Vec<String>>>,
    /// Page size, 1 to 300.
    pub limit: Option<f64>,
    /// Index of the first member.
    pub offset: Option<f64>,
    /// The properties to return (links always come back).
    pub fields: Option<Either<String, Vec<String>>>,
}

fn joined(names: Either<String, Vec<String>>) -> String {
    match names {
        Either::A(text) => text,
        Either::B(list) => list.join(","),
    }
}

/// Builds the core's `Query` (validated there) from the options.
pub(crate) fn to_query(options: Option<QueryOptions>) -> Outcome<Query> {
    let Some(options) = options else {
        return Ok(Query::new());
    };
    let mut query = Query::new();
    if let Some(zoom) = options.zoom {
        query = query.zoom(&joined(zoom))?;
    }
    for (key, value) in options.filters.unwrap_or_default() {
        query = query.filter(Filter::parse_pair(&key, &value)?);
    }
    if let Some(order) = options.order {
        query = query.order(&joined(order))?;
    }
    if let Some(fields) = options.fields {
        query = query.fields(&joined(fields))?;
    }
    if let Some(limit) = options.limit {
        query = query.set("limit", &limit.to_string())?;
    }
    if let Some(offset) = options.offset {
        query = query.set("offset", &offset.to_string())?;
    }
    Ok(query)
}

/// The query string the options encode to (without `?`). Throws
/// `FOXY_INVALID_INPUT` for what the API would refuse (limit 301, bad names).
#[napi]
pub fn encode_query(env: &Env, options: Option<QueryOptions>) -> napi::Result<String> {
    sync(env, || Ok(to_query(options)?.encode()?))
}
