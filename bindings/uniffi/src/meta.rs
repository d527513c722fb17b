//! [`ResponseMeta`]: what the server said besides the body, as a record,
//! read from the core value's `foxy::ResponseMeta` (no protocol logic here).

use std::collections::HashMap;
use std::time::Duration;

/// What the cache did for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CacheStatus {
    /// No cache took part.
    Bypassed,
    /// Sent to the server, answered with a new body.
    Miss,
    /// Sent with a validator, answered 304: the stored body was used.
    Revalidated,
    /// Answered from the cache without a request.
    Hit,
    /// A cache status this version of the binding does not know.
    Unknown,
}

/// What one call's exchange with the server was, besides the body: status,
/// headers, `ETag`, final URL, attempts, time taken, the cache's part and,
/// for an API error, the `logref` of its `fx:errors` document.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ResponseMeta {
    /// The HTTP status the caller sees (200 for a revalidated or cached answer).
    pub status: u16,
    /// The response headers, lower-case names; repeated headers joined with ", ".
    pub headers: HashMap<String, String>,
    /// The `ETag` header, when there is one.
    pub etag: Option<String>,
    /// The URL the last attempt was sent to (the cached one for a hit).
    pub url: String,
    /// Requests sent for this call (retries included; 0 for a cache hit).
    pub attempts: u32,
    /// Time from the call's first step to its answer (monotonic clock).
    pub elapsed: Duration,
    /// What the cache did.
    pub cache: CacheStatus,
    /// The first `logref` of the error document (`fx:errors`), for an API error.
    pub logref: Option<String>,
}

impl ResponseMeta {
    /// The record of a core value's metadata, when it was read from an answer.
    pub(crate) fn of(meta: Option<&foxy::ResponseMeta>) -> Option<ResponseMeta> {
        let meta = meta?;
        let mut headers: HashMap<String, String> = HashMap::new();
        for (name, value) in &meta.headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert_with(|| value.into_owned());
        }
        let cache = match meta.cache {
            foxy::CacheStatus::Bypassed => CacheStatus::Bypassed,
            foxy::CacheStatus::Miss => CacheStatus::Miss,
            foxy::CacheStatus::Revalidated => CacheStatus::Revalidated,
            foxy::CacheStatus::Hit => CacheStatus::Hit,
            _ => CacheStatus::Unknown,
        };
        Some(ResponseMeta {
            status: meta.status.as_u16(),
            headers,
            etag: meta.etag.clone(),
            url: meta.url.clone(),
            attempts: meta.attempts,
            elapsed: meta.elapsed,
            cache,
            logref: meta.logref.clone(),
        })
    }
}
