//! Cassettes: recorded HTTP exchanges, as pure data and pure functions.
//!
//! A cassette is a versioned JSON document (`{"version":1,"interactions":[...]}`)
//! holding every exchange a recording transport saw: the request (method,
//! URL, the headers that matter, body) and its outcome (status, headers and
//! body, or the transport failure). This module has no I/O: the transports
//! that write and serve cassettes live in the `foxy` crate.
//!
//! - [`format`]: the document ([`Cassette`], [`Interaction`]), its parsing
//!   (a corrupt file is a typed [`CassetteError`]) and conversion to and
//!   from `http` requests and outcomes.
//! - [`scrub`]: the rules that keep secrets out of a cassette ([`Scrubber`]):
//!   the `Authorization` header, `access_token`, `refresh_token`,
//!   `client_secret`, `api_token`, passwords, store secrets and card numbers
//!   in query strings and in form, JSON and XML bodies, each replaced by
//!   [`SCRUBBED`].
//! - [`matcher`]: which recording answers a request ([`Player`]): same
//!   method, path and query (parameters in any order); identical requests
//!   are served in recorded order; a request with no recording is a
//!   [`Miss`] naming it.

pub mod format;
pub mod matcher;
pub mod scrub;
mod text;

pub use format::{
    Cassette, CassetteError, Failure, FailureKind, Interaction, RecordedRequest, RecordedResponse,
    VERSION,
};
pub use matcher::{Miss, Player, RequestKey};
pub use scrub::{SCRUBBED, Scrubber};

#[cfg(test)]
mod tests;
