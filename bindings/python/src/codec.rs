//! The three codecs (`foxy_proto::codec`): HAL+JSON, HAL+XML and Siren,
//! with exact numbers. `parse`, `write` and `convert` between them.

use pyo3::prelude::*;

use foxy_proto::MediaType;
use foxy_proto::codec;

use crate::errors::{decode, invalid_input};
use crate::resource::Resource;
use crate::webhook::body_bytes;

/// A media type from its name (`hal+json`, `hal+xml`, `siren`, or the full type).
fn media(py: Python<'_>, name: &str) -> PyResult<MediaType> {
    MediaType::parse(name).map_err(|e| invalid_input(py, e.to_string()))
}

/// Parses a document (`bytes` or `str`) of a media type into a `Resource`.
#[pyfunction]
#[pyo3(signature = (data, media_type = "hal+json"))]
pub fn parse(py: Python<'_>, data: &Bound<'_, PyAny>, media_type: &str) -> PyResult<Resource> {
    let media = media(py, media_type)?;
    let bytes = body_bytes(data)?;
    let resource = py
        .detach(|| codec::parse(media, &bytes))
        .map_err(|e| decode(py, e.to_string()))?;
    Ok(Resource::from_core(resource))
}

/// Writes a `Resource` as a document of a media type (indented text).
#[pyfunction]
#[pyo3(signature = (resource, media_type = "hal+json"))]
pub fn write(py: Python<'_>, resource: PyRef<'_, Resource>, media_type: &str) -> PyResult<String> {
    let media = media(py, media_type)?;
    let bytes =
        codec::write(media, &resource.inner).map_err(|e| invalid_input(py, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| decode(py, e.to_string()))
}

/// Converts a document between media types: `convert(doc, from_="hal+json", to="siren")`.
#[pyfunction]
#[pyo3(signature = (data, *, from_, to))]
pub fn convert(py: Python<'_>, data: &Bound<'_, PyAny>, from_: &str, to: &str) -> PyResult<String> {
    let (from, to) = (media(py, from_)?, media(py, to)?);
    let bytes = body_bytes(data)?;
    let written = py.detach(|| {
        let resource = codec::parse(from, &bytes).map_err(|e| (true, e.to_string()))?;
        codec::write(to, &resource).map_err(|e| (false, e.to_string()))
    });
    match written {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| decode(py, e.to_string())),
        Err((true, message)) => Err(decode(py, message)),
        Err((false, message)) => Err(invalid_input(py, message)),
    }
}

/// Adds the codec functions to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(parse, module)?)?;
    module.add_function(wrap_pyfunction!(write, module)?)?;
    module.add_function(wrap_pyfunction!(convert, module)?)?;
    Ok(())
}
