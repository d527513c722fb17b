//! The store's `/cart` endpoint, server-side (pure part): building requests,
//! reading them back, checking their signatures, and the JSON cart answer.
//!
//! A store's cart endpoint takes the parameters of a cart link
//! (`/cart?name=Sprocket&price=10.00&code=spr&output=json`) and answers with
//! the session's cart as JSON. The session id (`fcsid`) of the answer must be
//! sent with later requests to modify the same cart.
//!
//! - client side: [`CartRequest`] (with [`Product`]s) builds the request,
//!   optionally HMAC-signed with the store secret ([`crate::signing`]);
//!   [`CartSession::from_http`] reads the answer;
//! - server side: [`CartCommand::parse`] reads a request's parameters,
//!   [`check_signatures`] verifies them, [`CartSession::to_json`] and
//!   [`error_body`] write answers.
//!
//! ```
//! use foxy_proto::cart_endpoint::{CartCommand, CartRequest, Product};
//! use foxy_proto::signing::Secret;
//! use rust_decimal::Decimal;
//!
//! let secret = Secret::new("store-secret");
//! let request = CartRequest::new("https://example.foxycart.com")?
//!     .product(Product::new("Sprocket", Decimal::new(1000, 2)).with_code("spr").with_quantity(2));
//! let http = request.to_http(Some(&secret))?;
//! let query = http.uri().query().unwrap_or_default();
//! assert!(query.contains("price||"));
//!
//! let command = CartCommand::parse(query)?;
//! assert_eq!(command.products[0].name, "Sprocket");
//! assert_eq!(command.products[0].quantity, 2);
//! foxy_proto::cart_endpoint::check_signatures(&secret, query, true)?;
//! # Ok::<(), foxy_proto::cart_endpoint::CartEndpointError>(())
//! ```

mod command;
mod request;
mod session;

pub use command::{CartCommand, ProductInput, QuantityUpdate, check_signatures, split_modifiers};
pub use request::{CartMethod, CartRequest, Product};
pub use session::{CartItem, CartMessages, CartOption, CartSession, error_body};

use rust_decimal::Decimal;

use crate::signing::{FieldFailure, SignError};
use crate::value::{Map, Value};

/// The name of the session parameter (`fcsid`).
pub const SESSION_NAME: &str = "fcsid";

/// Why a cart request could not be built, read or accepted, or an answer not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CartEndpointError {
    /// The store URL has no scheme or host.
    #[error("invalid store url {0:?}")]
    InvalidUrl(String),
    /// A parameter is malformed (a price that is not a decimal, a quantity
    /// that is not a whole number, a product without a name...).
    #[error("invalid {field}: {reason}")]
    InvalidParameter {
        /// The parameter as written (with its product prefix).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The request could not be signed.
    #[error("cannot sign the cart request: {0}")]
    Sign(#[from] SignError),
    /// Signature verification failed (tampered, or unsigned while the store
    /// requires signed carts); nothing may be added.
    #[error("{} product field(s) failed signature verification: {}", failures.len(), failure_names(failures))]
    SignatureRejected {
        /// The fields that failed.
        failures: Vec<FieldFailure>,
    },
    /// The endpoint answered with an error.
    #[error("the cart endpoint answered {status}: {}", errors.join("; "))]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// The answer's error messages.
        errors: Vec<String>,
    },
    /// The answer is not a JSON cart.
    #[error("invalid cart answer: {0}")]
    InvalidResponse(String),
}

fn failure_names(failures: &[FieldFailure]) -> String {
    failures
        .iter()
        .map(|f| format!("{} ({:?})", f.name, f.reason))
        .collect::<Vec<_>>()
        .join(", ")
}

impl CartEndpointError {
    /// Whether the endpoint did not know the session sent (`404`).
    pub fn is_unknown_session(&self) -> bool {
        matches!(self, CartEndpointError::Rejected { status: 404, .. })
    }

    fn invalid(field: &str, reason: impl Into<String>) -> CartEndpointError {
        CartEndpointError::InvalidParameter {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }
}

// Readers of the JSON cart's members, shared by the session and item readers.

pub(crate) fn bad(what: &str) -> CartEndpointError {
    CartEndpointError::InvalidResponse(what.to_owned())
}

pub(crate) fn text(m: &Map, name: &str) -> String {
    match m.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.as_str().to_owned(),
        _ => String::new(),
    }
}

pub(crate) fn decimal(m: &Map, name: &str) -> Result<Decimal, CartEndpointError> {
    match m.get(name) {
        None | Some(Value::Null) => Some(Decimal::ZERO),
        Some(Value::Number(n)) => n.as_str().parse::<Decimal>().ok(),
        Some(Value::String(s)) if s.is_empty() => Some(Decimal::ZERO),
        Some(Value::String(s)) => s.parse::<Decimal>().ok(),
        Some(_) => None,
    }
    .ok_or_else(|| bad(&format!("{name} is not a decimal")))
}

pub(crate) fn integer(m: &Map, name: &str) -> Result<i64, CartEndpointError> {
    match m.get(name) {
        None | Some(Value::Null) => Ok(0),
        Some(v) => v
            .as_i64_lenient()
            .ok_or_else(|| bad(&format!("{name} is not an integer"))),
    }
}

pub(crate) fn strings(m: Option<&Map>, name: &str) -> Vec<String> {
    match m.and_then(|m| m.get(name)) {
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("message").and_then(Value::as_str).map(str::to_owned),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
