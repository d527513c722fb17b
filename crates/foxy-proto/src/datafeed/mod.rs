//! The legacy XML datafeed: `FoxyData` and `FoxySubscriptionData`.
//!
//! Foxy posts each transaction (and, daily, the subscriptions) to the store's
//! endpoint as a form field whose value is the URL-encoded RC4 encryption,
//! keyed with the store secret, of a `<foxydata>` XML document. The endpoint
//! decrypts it, and answers with the body `foxy` ([`REPLY`], [`reply`]).
//!
//! - [`decode`] / [`encode`]: form value ⇄ typed [`FoxyData`];
//! - [`decrypt`] / [`encrypt`]: form value ⇄ XML text;
//! - [`rc4`], [`url_decode`], [`url_encode`], [`form_value`]: the steps.
//!
//! ```
//! use foxy_proto::datafeed;
//! use foxy_proto::signing::Secret;
//!
//! let key = Secret::new("my-store-secret");
//! let body = b"FoxyData=%9C%D8%BC%D9%7F%D3%22l%2AN%EC%A9%97%CC%85%9Cc%D3%06%D4%B5%2B%AF%DA%B3H%A9h%C9s%E4%BBk%24%8B%B2%F1%21%EF%299%07%91%B3_q%BD%90v%AFN%01%9F%A7%D8%23SM%17uK%8D.%D3Sb%5E%B7%13%A6%BAq~o%A5V%CAe%8B%E6.%87%3F%D3%E7%F9%89%F5";
//! let xml = datafeed::decrypt(datafeed::form_value(body), &key)?;
//! assert!(xml.ends_with("<foxydata><transactions></transactions></foxydata>"));
//! assert!(datafeed::decode(datafeed::form_value(body), &key)?.transactions.is_empty());
//! # Ok::<(), datafeed::DatafeedError>(())
//! ```

mod codec;
pub(crate) mod fields;
mod form;
mod rc4;
mod subscription;
mod types;
pub mod xml;

pub use codec::{FoxyData, REPLY, decode, decrypt, encode, encrypt, reply};
pub use form::{FORM_FIELDS, form_value, url_decode, url_encode};
pub use rc4::{Rc4, rc4};
pub use subscription::{Subscription, TransactionTemplate};
pub use types::{
    Attribute, CustomField, Customer, DetailOption, Discount, ShippingAddress, ShiptoAddress, Tax,
    Transaction, TransactionDetail,
};

/// Why a datafeed could not be decrypted, parsed or encrypted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DatafeedError {
    /// The key is empty.
    #[error("the datafeed key is empty")]
    EmptyKey,
    /// The decrypted bytes are not a `<?xml ...?><foxydata>` document: the
    /// key is wrong (or the value is not a datafeed).
    #[error("wrong datafeed key: the decrypted data is not a foxydata document")]
    WrongKey,
    /// The decrypted document is not valid text in its declared encoding.
    #[error("the decrypted datafeed is not valid utf-8")]
    Encoding,
    /// The text is not well-formed XML.
    #[error("malformed xml: {0}")]
    Xml(String),
    /// The root element is not `<foxydata>`.
    #[error("the root element is not foxydata")]
    NotFoxyData,
    /// A number, amount or flag does not parse.
    #[error("invalid {field}: {value:?}")]
    InvalidField {
        /// The element name.
        field: String,
        /// Its text.
        value: String,
    },
}
