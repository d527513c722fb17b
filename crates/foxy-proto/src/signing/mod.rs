//! HMAC product verification ("cart signing") of add-to-cart links and forms.
//!
//! Foxy checks every product field of a link or form against a signature:
//! the lowercase hex of HMAC-SHA256, keyed with the store secret, over
//! `code + parent_code + name + value` (see [`field_hash`]). The signature is
//! appended to the field name (`price||<hash>`), or to each choice's value for
//! `<select>` options and radio buttons (`red{p+1.50}||<hash>`). Fields the
//! customer edits are signed with the value `--OPEN--` and carry the `||open`
//! suffix on the name.
//!
//! - [`sign_url`] and [`verify_url`] handle a whole cart link;
//! - [`sign_html`] signs the cart links (`<a href>`) and cart forms
//!   (`<form action=".../cart">`) of an HTML fragment;
//! - [`sign_name`] and [`sign_value`] sign one field.
//!
//! Fields that Foxy never checks are left alone: see [`is_signable`].
//! A product with fields to sign but no `code` cannot be signed:
//! [`SignError::MissingCode`] is returned rather than leaving it unsigned.
//!
//! ```
//! use foxy_proto::signing::{Secret, sign_url, verify_url};
//!
//! let secret = Secret::new("1");
//! let signed = sign_url(&secret, "https://example.foxycart.com/cart?code=mycode&price=123.00")?;
//! assert!(signed.contains("price||aed2692b1b278b04b974c3c9822e597dc5da880561cf256ab20b2873a5346b66=123.00"));
//! assert!(verify_url(&secret, &signed)?.is_valid());
//!
//! let tampered = signed.replace("=123.00", "=1.00");
//! let report = verify_url(&secret, &tampered)?;
//! assert_eq!(report.failures[0].name, "price");
//! # Ok::<(), foxy_proto::signing::SignError>(())
//! ```

mod field;
mod html;
mod query;
mod scan;
mod secret;
mod url;

pub use field::{
    FieldName, OPEN_VALUE, Signature, field_hash, is_signable, sign_name, sign_value,
    split_signature,
};
pub use html::sign_html;
pub use secret::Secret;
pub use url::{FailureReason, FieldFailure, Verification, sign_url, verify_url};

pub(crate) use secret::{ct_eq, hmac_sha256, hmac_sha256_hex};

/// Why a link, form or HTML fragment could not be signed or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// A product has fields to sign but no `code` field to sign them with.
    #[error("product {product} has fields to sign but no code")]
    MissingCode {
        /// The product number (the `2` of `2:name`; `1` without a prefix).
        product: u32,
    },
    /// A query field does not decode to UTF-8 text.
    #[error("query field {field:?} is not valid percent-encoded utf-8")]
    InvalidEncoding {
        /// The raw field as it appears in the query.
        field: String,
    },
}
