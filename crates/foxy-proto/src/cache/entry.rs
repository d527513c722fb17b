//! One stored answer: its RFC 9111 policy, status, headers and body.

use http::{HeaderMap, Response, StatusCode, header};
use http_cache_semantics::CachePolicy;

/// A stored answer to a GET.
///
/// A validated entry comes from a 200 and holds the policy that says
/// when it is fresh and how to revalidate it. A seeded entry was cut from
/// a resource embedded in another answer: it has no validator, so only a
/// cache-preferring client ([`CacheMode::PreferCached`]) answers from it.
///
/// [`CacheMode::PreferCached`]: super::CacheMode::PreferCached
#[derive(Clone)]
pub struct Entry {
    pub(crate) policy: Option<CachePolicy>,
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    size: usize,
}

/// What an entry costs beyond its body and headers (key, policy, index).
const OVERHEAD: usize = 512;

fn headers_size(headers: &HeaderMap) -> usize {
    headers
        .iter()
        .map(|(name, value)| name.as_str().len() + value.len() + 4)
        .sum()
}

impl Entry {
    /// An entry from its parts.
    pub(crate) fn new(
        policy: Option<CachePolicy>,
        status: StatusCode,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Entry {
        // The policy keeps a copy of the response headers and the request's.
        let copies = if policy.is_some() { 3 } else { 1 };
        let size = body.len() + copies * headers_size(&headers) + OVERHEAD;
        Entry {
            policy,
            status,
            headers,
            body,
            size,
        }
    }

    /// Bytes the entry takes, roughly (for the store's size bound).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether it was cut from an embedded resource (no validator).
    pub fn is_seeded(&self) -> bool {
        self.policy.is_none()
    }

    /// The stored `ETag`.
    pub fn etag(&self) -> Option<&str> {
        self.headers.get(header::ETAG)?.to_str().ok()
    }

    /// The stored body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// Whether the body names `resource` (an href without query) as a
    /// whole href: embedded there (a collection's member, a zoomed item),
    /// a write to it makes this entry outdated. A mere link to it counts
    /// too, which only costs a revalidation.
    pub fn mentions(&self, resource: &str) -> bool {
        let needle = resource.as_bytes();
        if needle.is_empty() || needle.len() > self.body.len() {
            return false;
        }
        self.body
            .windows(needle.len())
            .enumerate()
            .any(|(at, window)| {
                window == needle
                    && self
                        .body
                        .get(at + needle.len())
                        .is_none_or(|next| !(next.is_ascii_alphanumeric() || *next == b'/'))
            })
    }

    /// The stored answer as a response.
    pub(crate) fn response(&self) -> Response<Vec<u8>> {
        let mut response = Response::new(self.body.clone());
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("status", &self.status)
            .field("etag", &self.etag())
            .field("seeded", &self.is_seeded())
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}
