//! Cart signing (HMAC product verification) of links and HTML: wraps
//! `foxy_proto::signing`.

use napi::Env;
use napi_derive::napi;

use foxy_proto::signing::{self, FailureReason, Secret};

use crate::errors::sync;

/// One field of a cart link that failed verification.
#[napi(object)]
pub struct FieldFailure {
    /// The field name as written (with any `2:` prefix), without its signature.
    pub name: String,
    /// Why it failed: `unsigned`, `mismatch` or `missing_code`.
    pub reason: String,
}

/// The outcome of `verifyUrl`.
#[napi(object)]
pub struct UrlVerification {
    /// True when no field failed.
    pub valid: bool,
    /// How many signable fields were examined.
    pub checked: u32,
    /// The fields that failed, in query order.
    pub failures: Vec<FieldFailure>,
}

/// Signs every product field of a cart link (`https://STORE/cart?code=..&price=..`)
/// with the store secret. Throws `FOXY_INVALID_INPUT` when a product has fields
/// to sign but no `code`.
#[napi]
pub fn sign_url(env: &Env, secret: String, url: String) -> napi::Result<String> {
    sync(env, || Ok(signing::sign_url(&Secret::new(secret), &url)?))
}

/// Checks the signatures of a cart link's product fields.
#[napi]
pub fn verify_url(env: &Env, secret: String, url: String) -> napi::Result<UrlVerification> {
    sync(env, || {
        let report = signing::verify_url(&Secret::new(secret), &url)?;
        Ok(UrlVerification {
            valid: report.is_valid(),
            checked: u32::try_from(report.checked).unwrap_or(u32::MAX),
            failures: report
                .failures
                .into_iter()
                .map(|f| FieldFailure {
                    name: f.name,
                    reason: reason_name(f.reason).to_owned(),
                })
                .collect(),
        })
    })
}

/// Signs the cart links (`<a href>`) and cart forms of an HTML fragment.
#[napi]
pub fn sign_html(env: &Env, secret: String, html: String) -> napi::Result<String> {
    sync(env, || Ok(signing::sign_html(&Secret::new(secret), &html)?))
}

fn reason_name(reason: FailureReason) -> &'static str {
    match reason {
        FailureReason::Unsigned => "unsigned",
        FailureReason::Mismatch => "mismatch",
        FailureReason::MissingCode => "missing_code",
        _ => "unknown",
    }
}
