//! Single sign-on: the `fc_auth_token` and the checkout URL carrying it;
//! wraps `foxy_proto::sso`. Times are Unix seconds, passed in.

use napi::Env;
use napi_derive::napi;

use foxy_proto::signing::Secret;
use foxy_proto::sso;

use crate::errors::sync;
use crate::number::whole_number;

/// The parameters of a verified single sign-on URL.
#[napi(object)]
pub struct SsoParams {
    /// `fc_customer_id`.
    pub customer_id: f64,
    /// `timestamp`: when the link stops being valid (Unix seconds).
    pub timestamp: f64,
    /// `fcsid`, when the URL carries a session.
    pub fcsid: Option<String>,
}

/// `fc_auth_token`: lowercase hex SHA-1 of `<customerId>|<timestamp>|<secret>`.
#[napi]
pub fn sso_auth_token(
    env: &Env,
    secret: String,
    customer_id: f64,
    timestamp: f64,
) -> napi::Result<String> {
    sync(env, || {
        let customer = whole_number("customerId", customer_id)?;
        let timestamp = whole_number("timestamp", timestamp)?;
        Ok(sso::auth_token(&Secret::new(secret), customer, timestamp))
    })
}

/// The checkout URL that logs the customer in:
/// `https://STORE_DOMAIN/checkout?fc_customer_id=..&timestamp=..&fc_auth_token=..[&fcsid=..]`.
#[napi]
pub fn sso_checkout_url(
    env: &Env,
    store_domain: String,
    secret: String,
    customer_id: f64,
    timestamp: f64,
    fcsid: Option<String>,
) -> napi::Result<String> {
    sync(env, || {
        let customer = whole_number("customerId", customer_id)?;
        let timestamp = whole_number("timestamp", timestamp)?;
        let secret = Secret::new(secret);
        Ok(sso::checkout_url(
            &store_domain,
            &secret,
            customer,
            timestamp,
            fcsid.as_deref(),
        )?)
    })
}

/// Reads and checks a single sign-on checkout URL (or its query string) at
/// time `now`; throws `FOXY_VERIFICATION` for a wrong token or an expired link.
#[napi]
pub fn verify_sso_url(env: &Env, secret: String, url: String, now: f64) -> napi::Result<SsoParams> {
    sync(env, || {
        let now = whole_number("now", now)?;
        let params = sso::verify_checkout_url(&Secret::new(secret), &url, now)?;
        Ok(SsoParams {
            customer_id: params.customer_id as f64,
            timestamp: params.timestamp as f64,
            fcsid: params.fcsid,
        })
    })
}
