//! The query language as keyword arguments: `zoom=`, `filters=`, `order=`,
//! `limit=`, `offset=`, `fields=`, built into a `foxy_proto::query::Query`.
//!
//! Every check (a limit of 301, a reserved filter name, a malformed zoom
//! path) is the core's, and fails with `InvalidInputError` before any
//! request is sent.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString, PyTuple};

use foxy_proto::query::{Filter, Limit, Query, QueryError};

use crate::errors::client_error;
use crate::value::decimal_text;

/// The keyword arguments a query takes.
pub(crate) const QUERY_KEYWORDS: &[&str] =
    &["zoom", "filters", "order", "limit", "offset", "fields"];

/// A query from the keyword arguments of a call (`None`: an empty query).
pub(crate) fn from_kwargs(py: Python<'_>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Query> {
    let mut query = Query::new();
    let Some(kwargs) = kwargs else {
        return Ok(query);
    };
    let fail = |e: QueryError| client_error(py, foxy::Error::from(e));
    for (key, value) in kwargs.iter() {
        let key: String = key.extract()?;
        if value.is_none() {
            continue;
        }
        query = match key.as_str() {
            "zoom" => query.zoom(&list_text(&value, "zoom")?).map_err(fail)?,
            "order" => query.order(&list_text(&value, "order")?).map_err(fail)?,
            "fields" => query.fields(&list_text(&value, "fields")?).map_err(fail)?,
            "limit" => query.limit(Limit::new(whole(&value, "limit")?).map_err(fail)?),
            "offset" => query.offset(whole(&value, "offset")?),
            "filters" => {
                let filters = value.cast::<PyDict>().map_err(|_| {
                    PyTypeError::new_err("filters takes a dict of property names to values")
                })?;
                for (name, wanted) in filters.iter() {
                    let name: String = name.extract()?;
                    query = query.filter(filter(&name, &wanted).map_err(|e| e.into_py(py))?);
                }
                query
            }
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unexpected keyword argument {key:?}; a query takes {}",
                    QUERY_KEYWORDS.join(", ")
                )));
            }
        };
    }
    Ok(query)
}

/// A failure while reading one filter.
enum FilterFailure {
    Query(QueryError),
    Python(PyErr),
}

impl FilterFailure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            FilterFailure::Query(e) => client_error(py, foxy::Error::from(e)),
            FilterFailure::Python(e) => e,
        }
    }
}

impl From<PyErr> for FilterFailure {
    fn from(e: PyErr) -> Self {
        FilterFailure::Python(e)
    }
}

/// One filter: `name=value` as the API writes it (`"Jo*n"`, `"10..20"`),
/// a number, a bool, a date, or a `(low, high)` tuple for a range.
fn filter(name: &str, value: &Bound<'_, PyAny>) -> Result<Filter, FilterFailure> {
    if let Ok(pair) = value.cast::<PyTuple>() {
        if pair.len() != 2 {
            return Err(PyTypeError::new_err(format!(
                "the range filter {name:?} takes a (low, high) tuple"
            ))
            .into());
        }
        let low = filter_text(&pair.get_item(0)?)?;
        let high = filter_text(&pair.get_item(1)?)?;
        return Filter::range(name, low, high).map_err(FilterFailure::Query);
    }
    Filter::parse_pair(name, &filter_text(value)?).map_err(FilterFailure::Query)
}

/// The text of a filter value.
fn filter_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(if b.is_true() { "true" } else { "false" }.to_owned());
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_string());
    }
    if value.hasattr("isoformat")? {
        return value.call_method0("isoformat")?.extract();
    }
    decimal_text(value)
}

/// `"a,b"` from `"a,b"` or `["a", "b"]`.
fn list_text(value: &Bound<'_, PyAny>, name: &str) -> PyResult<String> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(s.to_string());
    }
    let parts = value
        .try_iter()
        .map_err(|_| PyTypeError::new_err(format!("{name} takes a str or a list of str")))?
        .map(|part| part?.extract::<String>())
        .collect::<PyResult<Vec<_>>>()?;
    Ok(parts.join(","))
}

/// A whole number ≥ 0 (`limit`, `offset`).
fn whole(value: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    if value.is_instance_of::<PyBool>() || !value.is_instance_of::<PyInt>() {
        return Err(PyTypeError::new_err(format!("{name} takes an int")));
    }
    let n: i128 = value.extract()?;
    u64::try_from(n).map_err(|_| {
        crate::errors::invalid_input(
            value.py(),
            format!("{name} must be a whole number ≥ 0, not {n}"),
        )
    })
}
