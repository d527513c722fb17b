//! The one place where Rust errors become Python exceptions: [`KINDS`], a
//! table keyed by `foxy::ErrorKind` (every variant of `foxy::Error` has
//! its row: its exception class), read by [`client_error`].
//!
//! ```text
//! FoxyError(Exception)                  code: the ErrorKind code ("api", "timeout"...)
//! ├── ApiError                          status, messages, logrefs, meta
//! │   └── RateLimitError                status 429 after the retries
//! ├── AuthError
//! │   └── TokenRejectedError            oauth_code, description: the API answered 401
//! ├── TransportError(ConnectionError)   may_have_been_sent (transaction after a charge)
//! ├── RequestTimeout(TimeoutError)      may_have_been_sent (always True; transaction after a charge)
//! ├── AmbiguousChargeError              may_have_been_sent (True), transaction, status, messages, logrefs
//! ├── LegacyApiError                    the legacy XML API refused or failed
//! ├── CartEndpointError                 the /cart endpoint refused or failed
//! ├── UsageError                        a client used in a way it cannot work (wrong driver)
//! ├── DecodeError(ValueError)
//! └── InvalidInputError(ValueError)
//!     ├── SignatureError                a signature or token does not match
//!     ├── MissingLinkError              a resource lacks the link to follow
//!     ├── PolicyError                   the transport policy refused the URL
//!     └── ConfigurationError            a client cannot be built as configured
//! ```
//!
//! The classes are created once, at import, with `type(...)` so that
//! `RequestTimeout` can subclass both `FoxyError` and the builtin
//! `TimeoutError`. Messages are the Rust errors' `Display` texts, which
//! never contain tokens or secrets. `foxy._foxy.error_kinds()` lists the
//! table (code, class name) for every `ErrorKind::ALL`, so a test proves
//! that no kind falls through to a catch-all.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use foxy::{Error, ErrorKind};

use crate::meta::ResponseMeta;

/// The exception classes, in the order of [`DEFINITIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Base,
    Api,
    RateLimit,
    Auth,
    Transport,
    Timeout,
    Decode,
    InvalidInput,
    Signature,
    TokenRejected,
    AmbiguousCharge,
    MissingLink,
    Policy,
    Configuration,
    LegacyApi,
    CartEndpoint,
    Usage,
}

/// Every `foxy::ErrorKind` and the class its errors raise (a refinement
/// may pick a subclass: `RateLimitError` for a 429, `TokenRejectedError`
/// for a rejected token, the cause's class for an ambiguous timeout).
const KINDS: &[(ErrorKind, Class)] = &[
    (ErrorKind::Api, Class::Api),
    (ErrorKind::Auth, Class::Auth),
    (ErrorKind::Input, Class::InvalidInput),
    (ErrorKind::Decode, Class::Decode),
    (ErrorKind::Model, Class::Decode),
    (ErrorKind::MissingLink, Class::MissingLink),
    (ErrorKind::Transport, Class::Transport),
    (ErrorKind::Timeout, Class::Timeout),
    (ErrorKind::Policy, Class::Policy),
    (ErrorKind::Legacy, Class::LegacyApi),
    (ErrorKind::CartEndpoint, Class::CartEndpoint),
    (ErrorKind::InvalidBaseUrl, Class::Configuration),
    (ErrorKind::InvalidTokenEndpoint, Class::Configuration),
    (ErrorKind::UnsupportedMediaType, Class::Configuration),
    (ErrorKind::NoCredentials, Class::Configuration),
    (ErrorKind::TransportSetup, Class::Transport),
    (ErrorKind::DriverMisuse, Class::Usage),
    (ErrorKind::Ambiguous, Class::AmbiguousCharge),
];

/// The class of a kind (`None`: a kind added to `foxy` after this table,
/// which `error_kinds()` reports and the tests refuse).
fn class_of(kind: ErrorKind) -> Option<Class> {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c)
}

/// The exception classes, created at import (indexed by [`Class`]).
static CLASSES: PyOnceLock<Vec<Py<PyType>>> = PyOnceLock::new();

/// Name, bases (other classes of this list, or builtins by name), docstring.
const DEFINITIONS: &[(&str, &[Base], &str)] = &[
    (
        "FoxyError",
        &[Base::Builtin("Exception")],
        "Base class of every error raised by foxy.\n\nAttribute: code (str: the kind of error, one of foxy.error_kinds()'s codes, such as 'api' or 'timeout').",
    ),
    (
        "ApiError",
        &[Base::Own(Class::Base)],
        "The API answered with an error status.\n\nAttributes: status (int), messages (list[str]: Foxy's fx:errors messages), logrefs (list[str]), meta (ResponseMeta | None: status, headers, url, attempts, elapsed, logref of the answer).",
    ),
    (
        "RateLimitError",
        &[Base::Own(Class::Api)],
        "The API kept answering 429 Too Many Requests after the client's retries.",
    ),
    (
        "AuthError",
        &[Base::Own(Class::Base)],
        "Authentication failed: the token endpoint refused the credentials, or the API rejected the token even after a refresh.",
    ),
    (
        "TransportError",
        &[Base::Own(Class::Base), Base::Builtin("ConnectionError")],
        "The connection failed (or the transport could not be set up).\n\nAttribute: may_have_been_sent (bool): whether the server can have processed the request (check before repeating a charge).",
    ),
    (
        "RequestTimeout",
        &[Base::Own(Class::Base), Base::Builtin("TimeoutError")],
        "No response arrived in time; the request may have been processed (may_have_been_sent is True).",
    ),
    (
        "DecodeError",
        &[Base::Own(Class::Base), Base::Builtin("ValueError")],
        "A document could not be decoded in its media type, or does not fit the typed model.",
    ),
    (
        "InvalidInputError",
        &[Base::Own(Class::Base), Base::Builtin("ValueError")],
        "The input was refused before any request was sent (a limit above 300, a bad URL, a missing link...).",
    ),
    (
        "SignatureError",
        &[Base::Own(Class::InvalidInput)],
        "A signature or token does not match (webhook, signed cart link, single sign-on).",
    ),
    (
        "TokenRejectedError",
        &[Base::Own(Class::Auth)],
        "The API rejected the access token (401): it expired or was revoked, and no refresh could replace it.\n\nAttributes: oauth_code (str: the server's OAuth error code, such as 'invalid_token'), description (str | None).",
    ),
    (
        "AmbiguousChargeError",
        &[Base::Own(Class::Base)],
        "A charge may have gone through, and the operation failed afterwards (for example reading the transaction got a 500): never charge again without checking.\n\nAttributes: may_have_been_sent (True), transaction (str | None: the transaction's href when the API named it), status (int | None), messages (list[str]), logrefs (list[str]), meta (ResponseMeta | None).",
    ),
    (
        "MissingLinkError",
        &[Base::Own(Class::InvalidInput)],
        "A resource on the way has no link of the relation to follow (a path the store does not have).",
    ),
    (
        "PolicyError",
        &[Base::Own(Class::InvalidInput)],
        "The transport policy refused the URL before any request (plain http to a remote host, another scheme).",
    ),
    (
        "ConfigurationError",
        &[Base::Own(Class::InvalidInput)],
        "A client cannot be built as configured (a bad base URL or token endpoint, an unsupported media type, no credentials).",
    ),
    (
        "LegacyApiError",
        &[Base::Own(Class::Base)],
        "The legacy XML API refused the request or failed.",
    ),
    (
        "CartEndpointError",
        &[Base::Own(Class::Base)],
        "The /cart endpoint refused the request or failed.",
    ),
    (
        "UsageError",
        &[Base::Own(Class::Base)],
        "The client was used in a way it cannot work (a blocking call on an async driver, or the reverse).",
    ),
];

/// A base class of an exception.
enum Base {
    /// A class earlier in [`DEFINITIONS`].
    Own(Class),
    /// A builtin exception class.
    Builtin(&'static str),
}

fn classes(py: Python<'_>) -> PyResult<&Vec<Py<PyType>>> {
    CLASSES.get_or_try_init(py, || {
        let builtins = py.import("builtins")?;
        let type_type = py.get_type::<PyType>();
        let mut made: Vec<Py<PyType>> = Vec::new();
        for (name, bases, doc) in DEFINITIONS {
            let bases = bases
                .iter()
                .map(|base| match base {
                    Base::Own(class) => made
                        .get(*class as usize)
                        .map(|c| c.bind(py).clone().into_any())
                        .ok_or_else(|| PyRuntimeError::new_err("exception classes out of order")),
                    Base::Builtin(name) => builtins.getattr(*name),
                })
                .collect::<PyResult<Vec<_>>>()?;
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "foxy")?;
            namespace.set_item("__doc__", *doc)?;
            namespace.set_item("code", "error")?;
            let class = type_type.call1((*name, PyTuple::new(py, bases)?, namespace))?;
            made.push(class.cast_into::<PyType>()?.unbind());
        }
        Ok::<_, PyErr>(made)
    })
}

/// The class object of `class`.
fn class_object(py: Python<'_>, class: Class) -> PyResult<&Bound<'_, PyType>> {
    classes(py)?
        .get(class as usize)
        .map(|c| c.bind(py))
        .ok_or_else(|| PyRuntimeError::new_err("exception class missing"))
}

/// Adds the exception classes and `error_kinds` to the module.
pub(crate) fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    for class in classes(py)? {
        let class = class.bind(py);
        module.add(class.name()?, class)?;
    }
    module.add_function(wrap_pyfunction!(error_kinds, module)?)?;
    Ok(())
}

/// Every kind of error the Rust client has, as `(code, class name)`: the
/// exception raised for it (`None` as the name: a kind this binding has
/// no row for, raised as `FoxyError`).
#[pyfunction]
fn error_kinds(py: Python<'_>) -> PyResult<Vec<(&'static str, Option<String>)>> {
    ErrorKind::ALL
        .iter()
        .map(|kind| {
            let name = match class_of(*kind) {
                Some(class) => Some(class_object(py, class)?.name()?.to_string()),
                None => None,
            };
            Ok((kind.code(), name))
        })
        .collect()
}

/// An instance of `class` with `message`, `code` and extra attributes, as a `PyErr`.
fn raise(
    py: Python<'_>,
    class: Class,
    code: &str,
    message: String,
    attributes: &[(&str, Bound<'_, PyAny>)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let instance = class_object(py, class)?.call1((message.clone(),))?;
        instance.setattr("code", code)?;
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

/// A client error as the exception of its kind's row in [`KINDS`].
pub(crate) fn client_error(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    let kind = error.kind();
    let code = kind.code();
    let class = class_of(kind).unwrap_or(Class::Base);
    match error {
        Error::Api(ref api) => {
            let attributes = match api_attributes(py, &error) {
                Ok(attributes) => attributes,
                Err(e) => return e,
            };
            let class = if api.status.as_u16() == 429 {
                Class::RateLimit
            } else {
                class
            };
            raise(py, class, code, message, &attributes)
        }
        Error::Auth(foxy::error::AuthError::Rejected {
            code: oauth,
            description,
        }) => {
            let attributes = (|| -> PyResult<Vec<(&str, Bound<'_, PyAny>)>> {
                Ok(vec![
                    ("oauth_code", oauth.into_pyobject(py)?.into_any()),
                    ("description", description.into_pyobject(py)?.into_any()),
                ])
            })();
            match attributes {
                Ok(attributes) => raise(py, Class::TokenRejected, code, message, &attributes),
                Err(e) => e,
            }
        }
        Error::Ambiguous { transaction, cause } => ambiguous(py, message, transaction, *cause),
        Error::Transport(ref failure) => {
            let sent = pyo3::types::PyBool::new(py, failure.may_have_been_sent())
                .to_owned()
                .into_any();
            raise(py, class, code, message, &[("may_have_been_sent", sent)])
        }
        Error::Timeout => {
            let sent = pyo3::types::PyBool::new(py, true).to_owned().into_any();
            raise(py, class, code, message, &[("may_have_been_sent", sent)])
        }
        _ if class == Class::Transport => {
            // The transport could not be set up: nothing was sent.
            let sent = pyo3::types::PyBool::new(py, false).to_owned().into_any();
            raise(py, class, code, message, &[("may_have_been_sent", sent)])
        }
        _ => raise(py, class, code, message, &[]),
    }
}

/// A failure after a charge may have gone through: a timeout or a
/// transport failure keeps its class (with `may_have_been_sent` and
/// `transaction`), anything else is `AmbiguousChargeError`; the code is
/// `ambiguous` in every case.
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
    let class = match cause {
        Error::Timeout => Class::Timeout,
        Error::Transport(_) => Class::Transport,
        _ => Class::AmbiguousCharge,
    };
    raise(py, class, ErrorKind::Ambiguous.code(), message, &attributes)
}

/// `InvalidInputError(message)`, code `input`: refused by the binding before the client.
pub(crate) fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(
        py,
        Class::InvalidInput,
        ErrorKind::Input.code(),
        message.into(),
        &[],
    )
}

/// `DecodeError(message)`, code `decode`.
pub(crate) fn decode(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(
        py,
        Class::Decode,
        ErrorKind::Decode.code(),
        message.into(),
        &[],
    )
}

/// `SignatureError(message)`, code `signature` (the helpers' checks, no client kind).
pub(crate) fn signature(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, Class::Signature, "signature", message.into(), &[])
}

/// `FoxyError(message)`, code `setup` (the binding's own runtime, sandbox, cassettes).
pub(crate) fn other(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, Class::Base, "setup", message.into(), &[])
}
