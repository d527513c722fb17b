//! Blocking and async clients for the Foxy.io hypermedia API.
//!
//! Every decision (authentication, retries, pagination, errors) is made by
//! [`foxy_proto`]; this crate only moves bytes through a [`Transport`] or an
//! [`AsyncTransport`] and sleeps when told to.

pub mod transport;

pub use transport::{AsyncTransport, Timeouts, Transport, TransportPolicy};
