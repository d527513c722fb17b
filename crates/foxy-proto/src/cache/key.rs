//! What a stored answer is filed under: partition, full URL and `Accept`.
//!
//! The key never holds a token: the bearer token travels in a header the
//! key does not read. Answers differ by the `Accept` sent (the three
//! hypermedia formats), so it is part of the key, which is all the `Vary`
//! Foxy needs; the stored policy checks any other `Vary` header.

use http::{Request, Uri, header};

/// Where an answer is stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey {
    /// Separates clients that share a store but not their data (for
    /// example two stores' credentials): never a secret.
    pub partition: String,
    /// The full URL, query included.
    pub url: String,
    /// The `Accept` header sent (empty when none).
    pub accept: String,
}

impl CacheKey {
    /// The key of a GET `request` in `partition`.
    pub fn of<B>(partition: &str, request: &Request<B>) -> CacheKey {
        let accept = request
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        CacheKey {
            partition: partition.to_owned(),
            url: request.uri().to_string(),
            accept: accept.to_owned(),
        }
    }

    /// The resource the URL names: the URL without query or fragment.
    pub fn resource(&self) -> &str {
        resource_of(&self.url)
    }
}

/// `url` without its query and fragment (`https://h/carts/5?zoom=items`
/// names the resource `https://h/carts/5`).
pub fn resource_of(url: &str) -> &str {
    match url.find(['?', '#']) {
        Some(at) => &url[..at],
        None => url,
    }
}

/// An href in the form request URIs are written in (`http::Uri`'s), so a
/// seeded entry's key matches a later GET of the same href; `None` when
/// the href is not an absolute URI.
pub fn normalize(href: &str) -> Option<String> {
    let uri: Uri = href.parse().ok()?;
    uri.scheme()?;
    uri.authority()?;
    Some(uri.to_string())
}

/// The resource one path segment up (`https://h/carts/5/items` →
/// `https://h/carts/5`); `None` at the root.
pub fn parent_of(resource: &str) -> Option<&str> {
    let after_scheme = resource.find("://")? + 3;
    let path_start = after_scheme + resource[after_scheme..].find('/')?;
    let trimmed = resource.trim_end_matches('/');
    let last = trimmed.rfind('/')?;
    (last > path_start).then(|| &trimmed[..last])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hold_url_and_accept_but_no_token() {
        let request = Request::get("https://api.test/carts/5?zoom=items")
            .header(header::ACCEPT, "application/hal+json")
            .header(header::AUTHORIZATION, "Bearer sekrit")
            .body(())
            .expect("request");
        let key = CacheKey::of("p", &request);
        assert_eq!(key.url, "https://api.test/carts/5?zoom=items");
        assert_eq!(key.accept, "application/hal+json");
        assert_eq!(key.resource(), "https://api.test/carts/5");
        assert!(!format!("{key:?}").contains("sekrit"));
    }

    #[test]
    fn parents_and_normal_forms() {
        assert_eq!(
            parent_of("https://h/carts/5/items"),
            Some("https://h/carts/5")
        );
        assert_eq!(parent_of("https://h/carts/5"), Some("https://h/carts"));
        assert_eq!(parent_of("https://h/carts"), None);
        assert_eq!(parent_of("https://h/"), None);
        assert_eq!(parent_of("nonsense"), None);
        assert_eq!(
            normalize("http://127.0.0.1:80/carts/1").as_deref(),
            Some("http://127.0.0.1:80/carts/1")
        );
        assert_eq!(normalize("/carts/1"), None);
    }
}
