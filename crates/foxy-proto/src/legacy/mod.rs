//! The legacy XML API (pure part): request building and answer parsing.
//!
//! Every call is a `POST` to `https://STORE/api` with the form fields
//! `api_token` (the store secret), `api_action` ([`Action`]) and the action's
//! parameters ([`ApiRequest`]); the answer is a `<foxydata>` document
//! ([`ApiResponse`]) with a `result`, `messages`, and for lists `statistics`
//! and the records. [`ApiResponse::to_xml`] writes answers for the sandbox.
//!
//! ```
//! use foxy_proto::legacy::{Action, ApiRequest, ApiResponse, ApiResult};
//! use foxy_proto::signing::Secret;
//!
//! let request = ApiRequest::new("https://example.foxycart.com", Secret::new("key"), Action::CategoryList)?;
//! assert_eq!(request.to_http()?.method(), http::Method::POST);
//!
//! let answer = ApiResponse::parse("<foxydata><result>ERROR</result><messages><message>Invalid token</message></messages></foxydata>")?;
//! assert_eq!(answer.result, ApiResult::Error);
//! assert!(answer.into_success().is_err());
//! # Ok::<(), foxy_proto::legacy::LegacyError>(())
//! ```

mod action;
mod calls;
mod filter;
mod machine;
mod page;
mod records;
mod request;
mod response;
mod store_calls;

pub use action::Action;
pub use calls::{LegacyCall, Listing, Lookup};
pub use filter::{Bound, Filter, FilterError, wildcard_match};
pub use machine::{LegacyMachine, read_answer};
pub use page::{DEFAULT_PAGE_SIZE, Page, sub_token};
pub use records::{Category, CustomerAddress, CustomerRecord, Downloadable};
pub use request::ApiRequest;
pub use response::{ApiResponse, ApiResult, Statistics};
pub use store_calls::{AttributeTarget, StoreIncludes};

use crate::datafeed::DatafeedError;

/// Why a legacy API request could not be built or an answer not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LegacyError {
    /// The store URL has no scheme or host.
    #[error("invalid store url {0:?}")]
    InvalidUrl(String),
    /// An `api_action` this API does not have.
    #[error("unknown api_action {0:?}")]
    UnknownAction(String),
    /// A required form field is absent.
    #[error("missing {0} field")]
    MissingParameter(&'static str),
    /// A body or field is not UTF-8.
    #[error("the body is not valid utf-8")]
    Encoding,
    /// The answer is not a well-formed `<foxydata>` document.
    #[error("invalid answer: {0}")]
    Document(#[from] DatafeedError),
    /// The answer's HTTP status is not a success and its body not a
    /// `<foxydata>` document.
    #[error("the legacy api answered http {0}")]
    Status(u16),
    /// The answer's result is `ERROR` (or another non-success value).
    #[error("the api answered with an error: {}", messages.join("; "))]
    Api {
        /// The answer's messages.
        messages: Vec<String>,
    },
}
