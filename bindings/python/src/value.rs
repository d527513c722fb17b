//! Conversions between `foxy_proto::Value` (and `foxy-model`'s typed
//! values) and Python objects.
//!
//! - JSON-like values: `null` ⇄ `None`, booleans, strings, lists, dicts;
//!   numbers keep their exact text: whole numbers become `int`, others
//!   `decimal.Decimal` (never `float`).
//! - Decimals (money, measures) ⇄ `decimal.Decimal`, never `float`.
//! - Dates ⇄ `datetime.datetime` (aware when the text has an offset, naive
//!   for the legacy local form), `datetime.date` for a calendar day, `None`
//!   for the `0000-00-00` placeholder. A value read from the API and not
//!   assigned again is written back with its original text, because the
//!   Python objects keep the Rust values and only convert on access.

use std::str::FromStr;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{IntoPyDict as _, PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

use foxy_model::{Date, DateForm};
use foxy_proto::{Map, Number, Value};

use crate::errors::invalid_input;

static DECIMAL: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// `decimal.Decimal`.
fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// The `datetime` module.
fn datetime_module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    DATETIME
        .get_or_try_init(py, || Ok::<_, PyErr>(py.import("datetime")?.unbind()))
        .map(|m| m.bind(py).clone())
}

/// A `decimal.Decimal` of exact decimal text.
pub(crate) fn decimal<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    decimal_type(py)?.call1((text,))
}

/// The exact decimal text of a Python number (`Decimal`, `int`, or a
/// `float` by its shortest repr) or of numeric text. `NaN` and infinities
/// are refused.
pub(crate) fn decimal_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    if obj.is_instance_of::<PyBool>() {
        return Err(PyTypeError::new_err(
            "expected a decimal number, not a bool",
        ));
    }
    let text = if obj.is_instance(decimal_type(py)?)? {
        if !obj.call_method0("is_finite")?.is_truthy()? {
            return Err(invalid_input(
                py,
                format!("{} is not a finite number", obj.repr()?),
            ));
        }
        // Plain notation: `Decimal("1E+2")` is written `100`.
        py.import("builtins")?
            .getattr("format")?
            .call1((obj, "f"))?
            .extract::<String>()?
    } else if obj.is_instance_of::<PyInt>() {
        obj.str()?.to_string()
    } else if obj.is_instance_of::<PyFloat>() {
        let text = obj.repr()?.to_string();
        if text.contains("inf") || text.contains("nan") {
            return Err(invalid_input(py, format!("{text} is not a finite number")));
        }
        text
    } else if let Ok(text) = obj.cast::<PyString>() {
        text.to_string()
    } else {
        return Err(PyTypeError::new_err(format!(
            "expected decimal.Decimal, int or str, not {}",
            obj.get_type().name()?
        )));
    };
    Ok(text.trim().to_owned())
}

/// A JSON-like value as a Python object (exact numbers: `int` or `Decimal`).
pub(crate) fn to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => number_to_py(py, n)?,
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => map_to_py(py, map)?.into_any(),
    })
}

/// A property map as a `dict`, in document order.
pub(crate) fn map_to_py<'py>(py: Python<'py>, map: &Map) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    for (key, value) in map {
        dict.set_item(key, to_py(py, value)?)?;
    }
    Ok(dict)
}

/// A number: `int` when its text is a whole number, else `Decimal`.
fn number_to_py<'py>(py: Python<'py>, n: &Number) -> PyResult<Bound<'py, PyAny>> {
    let text = n.as_str();
    let whole = text.bytes().all(|b| b.is_ascii_digit() || b == b'-');
    if whole {
        py.get_type::<PyInt>().call1((text,))
    } else {
        decimal(py, text)
    }
}

/// A Python object as a JSON-like value. Accepts `None`, `bool`, `int`,
/// `Decimal`, `float` (by its shortest repr), `str`, lists and tuples, dicts
/// with `str` keys, and `datetime`/`date` (ISO 8601 text).
pub(crate) fn from_py(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_string()));
    }
    if obj.is_instance_of::<PyInt>()
        || obj.is_instance_of::<PyFloat>()
        || obj.is_instance(decimal_type(py)?)?
    {
        let text = decimal_text(obj)?;
        let number = Number::from_str(&text)
            .map_err(|_| invalid_input(py, format!("{text:?} is not a JSON number")))?;
        return Ok(Value::Number(number));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key: String = key
                .extract()
                .map_err(|_| PyTypeError::new_err("dict keys must be str"))?;
            map.insert(key, from_py(&value)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let items = obj
            .try_iter()?
            .map(|item| from_py(&item?))
            .collect::<PyResult<Vec<_>>>()?;
        return Ok(Value::Array(items));
    }
    if obj.is_instance(&datetime_module(py)?.getattr("date")?)? {
        return Ok(Value::String(obj.call_method0("isoformat")?.extract()?));
    }
    Err(PyTypeError::new_err(format!(
        "cannot send a {} in a document",
        obj.get_type().name()?
    )))
}

/// A `dict` of properties as a property map.
pub(crate) fn map_from_py(dict: &Bound<'_, PyDict>) -> PyResult<Map> {
    match from_py(dict.as_any())? {
        Value::Object(map) => Ok(map),
        _ => Err(PyTypeError::new_err("expected a dict")),
    }
}

/// A date as `datetime`/`date` (see the module documentation).
pub(crate) fn date_to_py<'py>(py: Python<'py>, date: &Date) -> PyResult<Bound<'py, PyAny>> {
    let dt = datetime_module(py)?;
    let (year, month, day) = date.ymd();
    let (hour, minute, second, nanos) = date.hms_nano();
    match date.form() {
        DateForm::Zero => Ok(py.None().into_bound(py)),
        DateForm::Day => dt.getattr("date")?.call1((year, month, day)),
        DateForm::Legacy => {
            dt.getattr("datetime")?
                .call1((year, month, day, hour, minute, second, nanos / 1000))
        }
        DateForm::FoxyOffset | DateForm::Rfc3339 => {
            let offset = date.offset_minutes().unwrap_or(0);
            let delta = dt
                .getattr("timedelta")?
                .call((), Some(&[("minutes", offset)].into_py_dict(py)?))?;
            let tz = dt.getattr("timezone")?.call1((delta,))?;
            dt.getattr("datetime")?.call1((
                year,
                month,
                day,
                hour,
                minute,
                second,
                nanos / 1000,
                tz,
            ))
        }
    }
}

/// A `datetime` (aware: Foxy's `-0800` form, or RFC 3339 with fractional
/// seconds; naive: the legacy local form), a `date`, or date text.
pub(crate) fn date_from_py(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    let py = obj.py();
    let dt = datetime_module(py)?;
    let invalid = |e: foxy_model::DateError| invalid_input(py, e.to_string());
    let parse = |text: String| Date::from_str(&text).map_err(invalid);
    if let Ok(text) = obj.cast::<PyString>() {
        return parse(text.to_string());
    }
    if obj.is_instance(&dt.getattr("datetime")?)? {
        let offset = obj.call_method0("utcoffset")?;
        if offset.is_none() {
            return parse(
                obj.call_method1("strftime", ("%Y-%m-%d %H:%M:%S",))?
                    .extract()?,
            );
        }
        let micro: u32 = obj.getattr("microsecond")?.extract()?;
        if micro != 0 {
            return parse(obj.call_method0("isoformat")?.extract()?);
        }
        let seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
        let minutes = (seconds / 60.0).round() as i16;
        let part = |name: &str| -> PyResult<u16> { obj.getattr(name)?.extract() };
        let small = |name: &str| -> PyResult<u8> { obj.getattr(name)?.extract() };
        return Date::timestamp(
            part("year")?,
            small("month")?,
            small("day")?,
            small("hour")?,
            small("minute")?,
            small("second")?,
            minutes,
        )
        .map_err(invalid);
    }
    if obj.is_instance(&dt.getattr("date")?)? {
        return Date::day(
            obj.getattr("year")?.extract()?,
            obj.getattr("month")?.extract()?,
            obj.getattr("day")?.extract()?,
        )
        .map_err(invalid);
    }
    Err(PyTypeError::new_err(format!(
        "expected datetime.datetime, datetime.date or str, not {}",
        obj.get_type().name()?
    )))
}
