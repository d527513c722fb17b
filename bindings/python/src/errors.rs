//! The one place where Rust errors become Python exceptions.
//!
//! ```text
//! FoxyError(Exception)
//! ├── ApiError                     status, messages, logrefs, meta
//! │   └── RateLimitError           status 429 after the retries
//! ├── AuthError
//! │   └── TokenRejectedError       code, description: the API answered 401
//! ├── TransportError(ConnectionError)   may_have_been_sent (transaction after a charge)
//! ├── RequestTimeout(TimeoutError)      may_have_been_sent (always True; transaction after a charge)
//! ├── AmbiguousChargeError         may_have_been_sent (True), transaction, status, messages, logrefs
//! ├── DecodeError(ValueError)
//! └── InvalidInputError(ValueError)
//!     └── SignatureError           a signature or token does not match
//! ```
//!
//! The classes are created once, at import, with `type(...)` so that
//! `RequestTimeout` can subclass both `FoxyError` and the builtin
//! `TimeoutError`. Messages are the Rust errors' `Display` texts, which
//! never contain tokens or secrets.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use foxy::Error;

use crate::meta::ResponseMeta;

/// The exception classes, created at import.
struct Classes {
    base: Py<PyType>,
    api: Py<PyType>,
    rate_limit: Py<PyType>,
    auth: Py<PyType>,
    transport: Py<PyType>,
    timeout: Py<PyType>,
    decode: Py<PyType>,
    invalid_input: Py<PyType>,
    signature: Py<PyType>,
    token_rejected: Py<PyType>,
    ambiguous_charge: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

/// Name, bases (other classes of this list by index, or builtins by name), docstring.
const DEFINITIONS: &[(&str, &[Base], &str)] = &[
    (
        "FoxyError",
        &[Base::Builtin("Exception")],
        "Base class of every error raised by foxy.",
    ),
    (
        "ApiError",
        &[Base::Own(0)],
        "The API answered with an error status.\n\nAttributes: status (int), messages (list[str]: Foxy's fx:errors messages), logrefs (list[str]), meta (ResponseMeta | None: status, headers, url, attempts, elapsed, logref of the answer).",
    ),
    (
        "RateLimitError",
        &[Base::Own(1)],
        "The API kept answering 429 Too Many Requests after the client's retries.",
    ),
    (
        "AuthError",
        &[Base::Own(0)],
        "Authentication failed: the token endpoint refused the credentials, or the API rejected the token even after a refresh.",
    ),
    (
        "TransportError",
        &[Base::Own(0), Base::Builtin("ConnectionError")],
        "The connection failed.\n\nAttribute: may_have_been_sent (bool): whether the server can have processed the request (check before repeating a charge).",
    ),
    (
        "RequestTimeout",
        &[Base::Own(0), Base::Builtin("TimeoutError")],
        "No response arrived in time; the request may have been processed (may_have_been_sent is True).",
    ),
    (
        "DecodeError",
        &[Base::Own(0), Base::Builtin("ValueError")],
        "A document could not be decoded in its media type, or does not fit the typed model.",
    ),
    (
        "InvalidInputError",
        &[Base::Own(0), Base::Builtin("ValueError")],
        "The input was refused before any request was sent (a limit above 300, a bad URL, a missing link...).",
    ),
    (
        "SignatureError",
        &[Base::Own(7)],
        "A signature or token does not match (webhook, signed cart link, single sign-on).",
    ),
    (
        "TokenRejectedError",
        &[Base::Own(3)],
        "The API rejected the access token (401): it expired or was revoked, and no refresh could replace it.\n\nAttributes: code (str: the server's OAuth error code, such as 'invalid_token'), description (str | None).",
    ),
    (
        "AmbiguousChargeError",
        &[Base::Own(0)],
        "A charge may have gone through, and the operation failed afterwards (for example reading the transaction got a 500): never charge again without checking.\n\nAttributes: may_have_been_sent (True), transaction (str | None: the transaction's href when the API named it), status (int | None), messages (list[str]), logrefs (list[str]), meta (ResponseMeta | None).",
    ),
];

/// A base class of an exception.
enum Base {
    /// A class earlier in [`DEFINITIONS`].
    Own(usize),
    /// A builtin exception class.
    Builtin(&'static str),
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let builtins = py.import("builtins")?;
        let type_type = py.get_type::<PyType>();
        let mut made: Vec<Py<PyType>> = Vec::new();
        for (name, bases, doc) in DEFINITIONS {
            let bases = bases
                .iter()
                .map(|base| match base {
                    Base::Own(index) => Ok(made[*index].bind(py).clone().into_any()),
                    Base::Builtin(name) => builtins.getattr(*name),
                })
                .collect::<PyResult<Vec<_>>>()?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "foxy")?;
            namespace.set_item("__doc__", *doc)?;
            let class = type_type.call1((*name, PyTuple::new(py, bases)?, namespace))?;
            made.push(class.cast_into::<PyType>()?.unbind());
        }
        let mut made = made.into_iter();
        let mut next = || {
            made.next()
                .ok_or_else(|| PyRuntimeError::new_err("exception classes out of order"))
        };
        Ok::<_, PyErr>(Classes {
            base: next()?,
            api: next()?,
            rate_limit: next()?,
            auth: next()?,
            transport: next()?,
            timeout: next()?,
            decode: next()?,
            invalid_input: next()?,
            signature: next()?,
            token_rejected: next()?,
            ambiguous_charge: next()?,
        })
    })
}

/// Adds the exception classes to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let c = classes(py)?;
    for class in [
        &c.base,
        &c.api,
        &c.rate_limit,
        &c.auth,
        &c.transport,
        &c.timeout,
        &c.decode,
        &c.invalid_input,
        &c.signature,
        &c.token_rejected,
        &c.ambiguous_charge,
    ] {
        let class = class.bind(py);
        module.add(class.name()?, class)?;
    }
    Ok(())
}

/// An instance of `class` with `message` and extra attributes, as a `PyErr`.
fn raise(
    py: Python<'_>,
    class: impl FnOnce(&Classes) -> &Py<PyType>,
    message: String,
    attributes: &[(&str, Bound<'_, PyAny>)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = class(classes(py)?).bind(py);
        let instance = class.call1((message.clone(),))?;
        for (name, value) in attributes {
            instance.setattr(*name, value)?;
        }
        Ok(PyErr::from_value(instance))
    };
    build().unwrap_or_else(|e| e)
}

/// `status`, `messages`, `logrefs` and `meta` of an API error (`None` and
/// empty lists for any other error).
fn api_attributes<'py>(
    py: Python<'py>,
    error: &Error,
) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
    let (status, messages, logrefs) = match error {
        Error::Api(api) => (Some(api.status.as_u16()), api.messages(), api.logrefs()),
        _ => (None, Vec::new(), Vec::new()),
    };
    Ok(vec![
        ("status", status.into_pyobject(py)?.into_any()),
        ("messages", PyList::new(py, messages)?.into_any()),
        ("logrefs", PyList::new(py, logrefs)?.into_any()),
        (
            "meta",
            ResponseMeta::of(error.meta()).into_pyobject(py)?.into_any(),
        ),
    ])
}

/// A client error as the matching Python exception.
pub(crate) fn client_error(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::Api(ref api) => {
            let status = api.status.as_u16();
            let attributes = match api_attributes(py, &error) {
                Ok(attributes) => attributes,
                Err(e) => return e,
            };
            if status == 429 {
                raise(py, |c| &c.rate_limit, message, &attributes)
            } else {
                raise(py, |c| &c.api, message, &attributes)
            }
        }
        Error::Auth(foxy::error::AuthError::Rejected { code, description }) => {
            let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
                Ok(vec![
                    ("code", code.into_pyobject(py)?.into_any()),
                    ("description", description.into_pyobject(py)?.into_any()),
                ])
            })();
            match attributes {
                Ok(attributes) => raise(py, |c| &c.token_rejected, message, &attributes),
                Err(e) => e,
            }
        }
        Error::Auth(_) => raise(py, |c| &c.auth, message, &[]),
        Error::Ambiguous { transaction, cause } => ambiguous(py, message, transaction, *cause),
        Error::Transport(failure) => {
            let sent = pyo3::types::PyBool::new(py, failure.may_have_been_sent())
                .to_owned()
                .into_any();
            raise(
                py,
                |c| &c.transport,
                message,
                &[("may_have_been_sent", sent)],
            )
        }
        Error::Timeout => {
            let sent = pyo3::types::PyBool::new(py, true).to_owned().into_any();
            raise(py, |c| &c.timeout, message, &[("may_have_been_sent", sent)])
        }
        Error::Decode(_) | Error::Model(_) => raise(py, |c| &c.decode, message, &[]),
        Error::Input(_)
        | Error::Policy(_)
        | Error::InvalidBaseUrl { .. }
        | Error::InvalidTokenEndpoint { .. }
        | Error::UnsupportedMediaType(_)
        | Error::NoCredentials
        | Error::MissingLink { .. } => raise(py, |c| &c.invalid_input, message, &[]),
        _ => raise(py, |c| &c.base, message, &[]),
    }
}

/// A failure after a charge may have gone through: a timeout or a
/// transport failure keeps its class (with `may_have_been_sent` and
/// `transaction`), anything else is `AmbiguousChargeError`.
fn ambiguous(py: Python<'_>, message: String, transaction: Option<String>, cause: Error) -> PyErr {
    let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
        let mut attributes = vec![
            (
                "may_have_been_sent",
                pyo3::types::PyBool::new(py, true).to_owned().into_any(),
            ),
            ("transaction", transaction.into_pyobject(py)?.into_any()),
        ];
        if !matches!(cause, Error::Timeout | Error::Transport(_)) {
            attributes.extend(api_attributes(py, &cause)?);
        }
        Ok(attributes)
    })();
    let attributes = match attributes {
        Ok(attributes) => attributes,
        Err(e) => return e,
    };
    match cause {
        Error::Timeout => raise(py, |c| &c.timeout, message, &attributes),
        Error::Transport(_) => raise(py, |c| &c.transport, message, &attributes),
        _ => raise(py, |c| &c.ambiguous_charge, message, &attributes),
    }
}

/// `InvalidInputError(message)`.
pub(crate) fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, |c| &c.invalid_input, message.into(), &[])
}

/// `DecodeError(message)`.
pub(crate) fn decode(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, |c| &c.decode, message.into(), &[])
}

/// `SignatureError(message)`.
pub(crate) fn signature(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, |c| &c.signature, message.into(), &[])
}

/// `FoxyError(message)`.
pub(crate) fn other(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, |c| &c.base, message.into(), &[])
}
