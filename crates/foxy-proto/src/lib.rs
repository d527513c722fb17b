//! Sans-IO core of the Foxy.io SDK.
//!
//! `foxy-proto` never opens a socket, reads the clock or spawns a task. It turns
//! caller intent into [`http::Request<Vec<u8>>`] values and turns
//! [`http::Response<Vec<u8>>`] values into typed results. The transports and
//! clients in other crates only move bytes.
//!
//! The resource model ([`Resource`], [`Value`], [`Link`], [`Rel`]) is shared by
//! the three media types Foxy speaks: HAL+JSON, HAL+XML and Siren.

pub mod auth;
pub mod cache;
pub mod cart_endpoint;
pub mod cart_session;
pub mod cassette;
pub mod charge;
pub mod codec;
pub mod collection;
pub mod context;
pub mod created;
pub mod datafeed;
pub mod error;
pub mod flow;
pub mod form;
pub mod legacy;
pub mod media;
pub mod meta;
pub mod navigation;
pub mod paginate;
pub mod policy;
pub mod problem;
pub mod query;
pub mod rel;
pub mod request;
pub mod resource;
pub mod retry;
pub mod secret;
pub mod signing;
pub mod sso;
pub mod step;
pub mod value;
pub mod webhook;

pub use codec::{DecodeError, DecodeErrorKind, EncodeError};
pub use collection::{Collection, CollectionError};
pub use http;
pub use media::{MediaType, MediaTypeError};
pub use problem::{ApiProblem, ErrorEntry, ProblemError};
pub use rel::Rel;
pub use resource::{Action, ActionField, Link, Resource};
pub use secret::Secret;
pub use value::{Map, Number, NumberError, Value};

#[cfg(any(test, feature = "test-util"))]
pub mod replay;
#[cfg(any(test, feature = "test-util"))]
pub mod testing;
