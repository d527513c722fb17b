//! What the server said besides the body: status, headers, `ETag`, final
//! URL, attempts, time taken, the cache's part and the error's `logref`.
//!
//! [`ResponseMeta`] is assembled by the [`Cached`](crate::cache::Cached)
//! machine around each call (the time comes from the driver's [`Now`]
//! readings, the attempts from the requests it saw go out) and travels in
//! the response's [`http::Extensions`] until the response is read. Values
//! read from it carry it in a [`Meta`], which every value compares equal
//! to: metadata describes one exchange, not the resource.
//!
//! [`Now`]: crate::step::Now

use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, Response, StatusCode, header};

/// What the cache did for a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CacheStatus {
    /// No cache took part (none configured, or not a cacheable read).
    #[default]
    Bypassed,
    /// Sent to the server and answered with a new body (stored when
    /// cacheable).
    Miss,
    /// Sent with a validator; the server answered 304 and the stored body
    /// was used.
    Revalidated,
    /// Answered from the cache without a request.
    Hit,
}

/// What one call's exchange with the server was, besides the body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The status the caller sees (200 for a revalidated or cached answer).
    pub status: StatusCode,
    /// The response headers (a cached answer's are the stored ones,
    /// updated by the 304 that revalidated them).
    pub headers: HeaderMap,
    /// The `ETag` header, when there is one.
    pub etag: Option<String>,
    /// The URL the last attempt was sent to (the cached one for a hit).
    pub url: String,
    /// Requests sent for this call (retries and a replay after a token
    /// rejection included; token requests not); 0 for a cache hit.
    pub attempts: u32,
    /// Time from the call's first step to its answer, on the driver's
    /// monotonic clock.
    pub elapsed: Duration,
    /// What the cache did.
    pub cache: CacheStatus,
    /// The first `logref` of the error document (`fx:errors`), when the
    /// answer was one.
    pub logref: Option<String>,
}

impl ResponseMeta {
    /// The metadata of `response` as it stands (no attempts, no time).
    pub fn of<B>(response: &Response<B>, url: impl Into<String>) -> ResponseMeta {
        ResponseMeta {
            status: response.status(),
            headers: response.headers().clone(),
            etag: response
                .headers()
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            url: url.into(),
            attempts: 0,
            elapsed: Duration::ZERO,
            cache: CacheStatus::Bypassed,
            logref: None,
        }
    }

    /// The metadata a driver left on `response`, if any.
    pub fn from_response<B>(response: &Response<B>) -> Option<&ResponseMeta> {
        let extensions = response.extensions();
        if let Some(meta) = extensions.get::<ResponseMeta>() {
            return Some(meta);
        }
        let recorded = extensions.get::<Recorded>()?;
        Some(
            recorded
                .full
                .get_or_init(|| recorded.with_headers(response)),
        )
    }

    /// Leaves `meta` on `response` for its reader, the headers taken from
    /// the response itself when they are asked for ([`ResponseMeta::from_response`]),
    /// or moved when its reader owns it ([`ResponseMeta::detach`]),
    /// instead of copied now. `meta.headers` is not read.
    pub(crate) fn record<B>(response: &mut Response<B>, mut meta: ResponseMeta) {
        meta.headers = HeaderMap::new();
        response.extensions_mut().insert(Recorded {
            meta,
            full: std::sync::OnceLock::new(),
        });
    }

    /// A copy of the metadata left on `response` ([`ResponseMeta::from_response`]
    /// cloned), made at once when nothing asked for it before.
    pub(crate) fn copied_from<B>(response: &Response<B>) -> Option<ResponseMeta> {
        let extensions = response.extensions();
        if let Some(meta) = extensions.get::<ResponseMeta>() {
            return Some(meta.clone());
        }
        let recorded = extensions.get::<Recorded>()?;
        Some(match recorded.full.get() {
            Some(full) => full.clone(),
            None => recorded.with_headers(response),
        })
    }

    /// The metadata left on `response`, taken off it, for a reader that
    /// owns the response: [`Detached::complete`] after reading the body
    /// moves the headers into it (when it was [`ResponseMeta::record`]ed)
    /// instead of copying them.
    pub(crate) fn detach<B>(response: &mut Response<B>) -> Option<Detached> {
        if let Some(meta) = response.extensions_mut().remove::<ResponseMeta>() {
            return Some(Detached(meta, false));
        }
        let recorded = response.extensions_mut().remove::<Recorded>()?;
        Some(match recorded.full.into_inner() {
            Some(full) => Detached(full, false),
            None => Detached(recorded.meta, true),
        })
    }
}

/// Metadata taken off a response ([`ResponseMeta::detach`]), whose headers
/// may still be the response's.
pub(crate) struct Detached(ResponseMeta, bool);

impl Detached {
    /// The metadata, its headers moved out of `response` if they are still
    /// there (the response keeps none then).
    pub(crate) fn complete<B>(self, response: &mut Response<B>) -> ResponseMeta {
        let Detached(mut meta, pending) = self;
        if pending {
            meta.headers = std::mem::take(response.headers_mut());
        }
        meta
    }
}

/// A [`ResponseMeta`] left on a response without its headers, which are
/// the response's own: copied into `full` the first time a reader asks.
#[derive(Clone)]
struct Recorded {
    /// Everything but the headers (left empty).
    meta: ResponseMeta,
    full: std::sync::OnceLock<ResponseMeta>,
}

impl Recorded {
    fn with_headers<B>(&self, response: &Response<B>) -> ResponseMeta {
        ResponseMeta {
            headers: response.headers().clone(),
            ..self.meta.clone()
        }
    }
}

/// Metadata carried by a value read from a response: compares equal to
/// every other `Meta`, so two reads of the same resource stay equal.
#[derive(Clone, Default)]
pub struct Meta(Option<Arc<ResponseMeta>>);

impl Meta {
    /// Metadata for a value read from a response described by `meta`.
    pub fn new(meta: ResponseMeta) -> Meta {
        Meta(Some(Arc::new(meta)))
    }

    /// The metadata, when the value was read from a response.
    pub fn get(&self) -> Option<&ResponseMeta> {
        self.0.as_deref()
    }

    /// Whether there is none (a value built by hand).
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl PartialEq for Meta {
    fn eq(&self, _other: &Meta) -> bool {
        true
    }
}

impl Eq for Meta {}

impl std::fmt::Debug for Meta {
    /// The status, URL and cache status only (headers are left out).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.get() {
            None => f.write_str("Meta(None)"),
            Some(m) => write!(f, "Meta({} {} {:?})", m.status, m.url, m.cache),
        }
    }
}

impl From<ResponseMeta> for Meta {
    fn from(meta: ResponseMeta) -> Meta {
        Meta::new(meta)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_reads_the_etag_and_never_breaks_equality() {
        let mut response = Response::new(Vec::<u8>::new());
        response
            .headers_mut()
            .insert(header::ETAG, http::HeaderValue::from_static("W/\"x\""));
        let meta = ResponseMeta::of(&response, "https://api.test/carts/1");
        assert_eq!(meta.etag.as_deref(), Some("W/\"x\""));
        assert_eq!(meta.status, StatusCode::OK);
        let a = Meta::new(meta);
        assert_eq!(a, Meta::default());
        assert!(format!("{a:?}").contains("carts/1"));
        response
            .extensions_mut()
            .insert(a.get().cloned().expect("meta"));
        assert!(ResponseMeta::from_response(&response).is_some());
    }

    #[test]
    fn recorded_meta_reads_the_headers_of_the_response() {
        let answer = || {
            let mut response = Response::new(br#"{"total":1}"#.to_vec());
            response
                .headers_mut()
                .insert(header::ETAG, http::HeaderValue::from_static("\"7\""));
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/hal+json"),
            );
            response
        };
        let reference = answer();
        let mut expected = ResponseMeta::of(&reference, "https://api.test/carts/1");
        expected.attempts = 2;
        let recorded = |meta: &ResponseMeta| {
            let mut response = answer();
            ResponseMeta::record(&mut response, meta.clone());
            response
        };
        // Asked by reference (then copied, then taken), copied, taken.
        let mut response = recorded(&expected);
        assert_eq!(ResponseMeta::from_response(&response), Some(&expected));
        assert_eq!(
            ResponseMeta::copied_from(&response).as_ref(),
            Some(&expected)
        );
        let detached = ResponseMeta::detach(&mut response).expect("recorded");
        assert_eq!(ResponseMeta::from_response(&response), None);
        assert_eq!(detached.complete(&mut response), expected);
        let response = recorded(&expected);
        assert_eq!(
            ResponseMeta::copied_from(&response).as_ref(),
            Some(&expected)
        );
        let mut response = recorded(&expected);
        let detached = ResponseMeta::detach(&mut response).expect("recorded");
        assert!(ResponseMeta::detach(&mut response).is_none());
        assert_eq!(detached.complete(&mut response), expected);
        assert!(response.headers().is_empty());
        // A meta inserted as it is is found as before.
        let mut plain = answer();
        plain.extensions_mut().insert(expected.clone());
        assert_eq!(ResponseMeta::from_response(&plain), Some(&expected));
        assert_eq!(ResponseMeta::copied_from(&plain).as_ref(), Some(&expected));
        let detached = ResponseMeta::detach(&mut plain).expect("inserted");
        assert_eq!(detached.complete(&mut plain), expected);
        assert!(!plain.headers().is_empty());
    }

    #[test]
    fn read_resources_and_api_errors_carry_the_recorded_meta_and_logref() {
        use crate::MediaType;
        use crate::error::read_resource;
        let mut ok = Response::new(br#"{"total":1}"#.to_vec());
        let recorded = ResponseMeta::of(&ok, "https://api.test/carts/1");
        ok.extensions_mut().insert(recorded);
        let read = read_resource(&ok, MediaType::HalJson).expect("read");
        assert_eq!(
            read.meta().map(|m| m.url.as_str()),
            Some("https://api.test/carts/1")
        );
        // Equality ignores it.
        assert_eq!(
            read,
            read_resource(
                &Response::new(br#"{"total":1}"#.to_vec()),
                MediaType::HalJson
            )
            .expect("read")
        );

        let body =
            r#"{"_embedded":{"fx:errors":[{"logref":"id-7","message":"no such cart"}]},"total":1}"#;
        let mut missing = Response::new(body.as_bytes().to_vec());
        *missing.status_mut() = StatusCode::NOT_FOUND;
        let recorded = ResponseMeta::of(&missing, "https://api.test/carts/9");
        missing.extensions_mut().insert(recorded);
        let err = read_resource(&missing, MediaType::HalJson).expect_err("404");
        let meta = err.meta().expect("meta");
        assert_eq!(meta.status, StatusCode::NOT_FOUND);
        assert_eq!(meta.logref.as_deref(), Some("id-7"));
        assert_eq!(meta.url, "https://api.test/carts/9");
    }
}
