//! The rules: what a GET is answered with or sends, what an answer
//! stores, what a write makes outdated. Pure: time is passed in.

use std::sync::Arc;
use std::time::SystemTime;

use http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use http_cache_semantics::{AfterResponse, BeforeRequest, CacheOptions, CachePolicy};

use super::entry::Entry;
use super::key::{CacheKey, normalize, parent_of, resource_of};
use super::{Cache, CacheMode, seed};
use crate::meta::CacheStatus;

/// What to do with a request before it is sent.
#[derive(Debug)]
#[non_exhaustive]
pub enum Lookup {
    /// Not a read the cache takes part in (a write, HEAD, OPTIONS, a
    /// `no-store` request): sent as it is.
    Pass,
    /// Answered from the store: send nothing.
    Answer(Response<Vec<u8>>),
    /// Send it with `validators` added (none when nothing usable is
    /// stored), then hand the answer to [`Cache::after`].
    Send(Pending),
}

/// A GET on its way to the server.
#[derive(Debug)]
pub struct Pending {
    key: CacheKey,
    /// `If-None-Match` / `If-Modified-Since` for the stored entry.
    pub validators: HeaderMap,
    stored: Option<Arc<Entry>>,
}

/// A copy of `request` without its body and without the headers that
/// carry secrets (`Authorization`, `Proxy-Authorization`, `Cookie`): what
/// the rules and the stored policies see.
pub fn bare<B>(request: &Request<B>) -> Request<Vec<u8>> {
    let mut copy = Request::new(Vec::new());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    let mut headers = request.headers().clone();
    for secret in [
        header::AUTHORIZATION,
        header::PROXY_AUTHORIZATION,
        header::COOKIE,
    ] {
        headers.remove(secret);
    }
    *copy.headers_mut() = headers;
    copy
}

/// A private cache (the answers are the user's), heuristic freshness off.
fn options() -> CacheOptions {
    CacheOptions {
        shared: false,
        cache_heuristic: 0.0,
        ..CacheOptions::default()
    }
}

/// Whether `method` may change what the server holds.
pub(crate) fn is_write(method: &Method) -> bool {
    !matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

/// Whether the request's `Cache-Control` names `directive`.
fn asks(request: &Request<Vec<u8>>, directive: &str) -> bool {
    request
        .headers()
        .get_all(header::CACHE_CONTROL)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|d| d.trim().eq_ignore_ascii_case(directive))
}

impl Cache {
    /// Before sending `request` (seen through [`bare`]) at wall-clock `now`.
    pub fn before(&self, request: &Request<Vec<u8>>, now: SystemTime) -> Lookup {
        if request.method() != Method::GET || asks(request, "no-store") {
            return Lookup::Pass;
        }
        let key = CacheKey::of(&self.partition, request);
        let miss = |key| {
            Lookup::Send(Pending {
                key,
                validators: HeaderMap::new(),
                stored: None,
            })
        };
        let Some(entry) = self.store.get(&key) else {
            return miss(key);
        };
        if self.mode == CacheMode::PreferCached && !asks(request, "no-cache") {
            return Lookup::Answer(entry.response());
        }
        let Some(policy) = &entry.policy else {
            return miss(key);
        };
        match policy.before_request(request, now) {
            BeforeRequest::Fresh(parts) => {
                let mut answer = entry.response();
                *answer.headers_mut() = parts.headers;
                Lookup::Answer(answer)
            }
            BeforeRequest::Stale {
                request: revalidation,
                matches: true,
            } => {
                let mut validators = HeaderMap::new();
                for name in [header::IF_NONE_MATCH, header::IF_MODIFIED_SINCE] {
                    if let Some(value) = revalidation.headers.get(&name) {
                        validators.insert(name, value.clone());
                    }
                }
                Lookup::Send(Pending {
                    key,
                    validators,
                    stored: Some(entry),
                })
            }
            BeforeRequest::Stale { matches: false, .. } => miss(key),
        }
    }

    /// The answer to a GET sent as `pending` says: a 304 to a validated
    /// request becomes the stored answer (its headers updated), a 200 is
    /// stored and seeds what it embeds, a 404 or 410 drops the entry.
    pub fn after(
        &self,
        pending: Pending,
        request: &Request<Vec<u8>>,
        response: Response<Vec<u8>>,
        now: SystemTime,
    ) -> (Response<Vec<u8>>, CacheStatus) {
        let Pending { key, stored, .. } = pending;
        match (response.status(), stored) {
            (StatusCode::NOT_MODIFIED, Some(entry)) => {
                let answer = self.revalidated(key, &entry, request, &response, now);
                (answer, CacheStatus::Revalidated)
            }
            (StatusCode::OK, _) => {
                self.store_answer(key, request, &response, now);
                (response, CacheStatus::Miss)
            }
            (StatusCode::NOT_FOUND | StatusCode::GONE, _) => {
                self.store.remove(&key);
                (response, CacheStatus::Miss)
            }
            _ => (response, CacheStatus::Miss),
        }
    }

    fn revalidated(
        &self,
        key: CacheKey,
        entry: &Entry,
        request: &Request<Vec<u8>>,
        response: &Response<Vec<u8>>,
        now: SystemTime,
    ) -> Response<Vec<u8>> {
        let updated = entry.policy.as_ref().and_then(|policy| {
            match policy.after_response(request, response, now) {
                AfterResponse::NotModified(policy, parts) => Some((policy, parts.headers)),
                // The 304 names no validator the policy can match; the
                // server answered our tag, so the stored answer stands as is.
                AfterResponse::Modified(..) => None,
            }
        });
        let Some((policy, headers)) = updated else {
            return entry.response();
        };
        let fresh = Entry::new(Some(policy), entry.status, headers, entry.body.clone());
        let answer = fresh.response();
        self.store.put(key, Arc::new(fresh));
        answer
    }

    fn store_answer(
        &self,
        key: CacheKey,
        request: &Request<Vec<u8>>,
        response: &Response<Vec<u8>>,
        now: SystemTime,
    ) {
        let policy = CachePolicy::new_options(request, response, now, options());
        let headers = response.headers();
        let validated =
            headers.contains_key(header::ETAG) || headers.contains_key(header::LAST_MODIFIED);
        // Worth keeping: it can be revalidated, or it is fresh for a while.
        let useful = validated || !policy.is_stale(now);
        if !policy.is_storable() || !useful {
            self.store.remove(&key);
            return;
        }
        // Seeds have no validator: only a cache-preferring client uses them,
        // so only it pays for parsing the answer to cut them out.
        let seeds = match self.mode {
            CacheMode::PreferCached => seed::seeds(&key, response),
            CacheMode::Revalidate => Vec::new(),
        };
        let entry = Entry::new(
            Some(policy),
            response.status(),
            headers.clone(),
            response.body().clone(),
        );
        self.store.put(key, Arc::new(entry));
        for (key, entry) in seeds {
            // A seed never replaces a validated entry (it would lose its tag).
            if self.store.get(&key).is_none_or(|e| e.is_seeded()) {
                self.store.put(key, Arc::new(entry));
            }
        }
    }

    /// After a write (`response` is `None` when none arrived: it may still
    /// have reached the server): drops what it may have changed.
    pub fn after_write(&self, request: &Request<Vec<u8>>, response: Option<&Response<Vec<u8>>>) {
        let url = request.uri().to_string();
        let written = resource_of(&url).to_owned();
        let mut resources = vec![written.clone()];
        resources.extend(parent_of(&written).map(str::to_owned));
        if let Some(response) = response {
            for name in [header::LOCATION, header::CONTENT_LOCATION] {
                let named = response.headers().get(name).and_then(|v| v.to_str().ok());
                resources.extend(named.and_then(|href| absolute(&url, href)));
            }
            resources.extend(seed::self_href(response).and_then(|href| absolute(&url, &href)));
        }
        resources.sort();
        resources.dedup();
        self.store.invalidate(&self.partition, &resources);
    }
}

/// `href` resolved against `base`, as a resource in key form.
pub(crate) fn absolute(base: &str, href: &str) -> Option<String> {
    let resolved = crate::request::resolve_href(base, href).ok()?;
    normalize(&resolved).map(|url| resource_of(&url).to_owned())
}

/// `Content-Type` for a seeded answer of `media`.
pub(crate) fn content_type(media: crate::MediaType) -> HeaderValue {
    HeaderValue::from_static(media.as_str())
}
