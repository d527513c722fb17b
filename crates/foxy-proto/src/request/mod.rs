//! Building requests: headers, URL with query, body.
//!
//! Every request carries `FOXY-API-VERSION: 1`, an `Accept` header for the
//! chosen response format, a `User-Agent` naming the SDK, and (when a token
//! is given) `Authorization: Bearer <token>`. hrefs taken from links are used
//! exactly as given; relative ones are resolved against the document's base.
//!
//! ```
//! use foxy_proto::{MediaType, auth::Secret, query::Query, request::RequestBuilder};
//! let request = RequestBuilder::get("https://api.foxycart.com/stores/8/customers")
//!     .query(Query::new().fields("first_name,last_name").unwrap())
//!     .accept(MediaType::HalXml)
//!     .bearer(Secret::new("token"))
//!     .build()
//!     .unwrap();
//! assert_eq!(request.headers()["accept"], "application/hal+xml");
//! assert_eq!(request.uri(), "https://api.foxycart.com/stores/8/customers?fields=first_name,last_name");
//! ```

mod body;
mod document;
mod wire;

use http::{HeaderValue, Method, Request, header};

pub use body::{Body, BodyFormat, Multipart, Part};
pub use document::{patch_document, put_document, zoom_for};
pub use wire::to_http1;

use crate::auth::Secret;
use crate::media::MediaType;
use crate::query::{Query, QueryError};
use crate::resource::Resource;
use crate::value::Map;

/// The `FOXY-API-VERSION` header every request carries.
pub const API_VERSION_HEADER: &str = "FOXY-API-VERSION";

/// [`API_VERSION_HEADER`] as `http` writes every header name: lowercase.
const API_VERSION_NAME: &str = "foxy-api-version";

/// A request that cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// The href is not a URI, or a relative href has no usable base.
    #[error("invalid URI {href:?}")]
    InvalidUri {
        /// The href (never contains secrets: tokens travel in headers).
        href: String,
    },
    /// The query is invalid (for example limit 301).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A header value with characters a header cannot carry.
    #[error("invalid value for header {name}")]
    InvalidHeader {
        /// The header name.
        name: &'static str,
    },
    /// `Accept` must name one of the three hypermedia formats.
    #[error("cannot ask for {0} responses; expected hal+json, hal+xml or siren")]
    UnsupportedAccept(MediaType),
    /// A body format other than json, xml, form or multipart.
    #[error("unknown body format {0:?}; expected json, xml, form or multipart")]
    UnknownBodyFormat(String),
    /// A body that the chosen format cannot express.
    #[error("cannot encode the body as {format}: {reason}")]
    Body {
        /// The body format.
        format: &'static str,
        /// Why.
        reason: String,
    },
}

/// Resolves `href` against `base`: absolute hrefs are returned unchanged.
pub fn resolve_href(base: &str, href: &str) -> Result<String, RequestError> {
    let invalid = || RequestError::InvalidUri {
        href: href.chars().take(200).collect(),
    };
    if is_plain_absolute(href) || url::Url::parse(href).is_ok() {
        return Ok(href.to_owned());
    }
    let base = url::Url::parse(base).map_err(|_| invalid())?;
    base.join(href).map(String::from).map_err(|_| invalid())
}

/// Whether `href` is an absolute `http`/`https` URL that `url::Url::parse`
/// certainly accepts, checked without parsing it: a lowercase scheme, a host
/// of lowercase ASCII letters, digits and hyphens in non-empty labels (no
/// `xn--` label, whose Punycode IDNA would check; an all-digit last label
/// only as a dotted-quad IPv4 address), an optional port up to 65535, then
/// only unreserved, reserved and `%` characters. Anything else is left to
/// the full parse, so the result is the same, only cheaper for the hrefs
/// the API hands out.
fn is_plain_absolute(href: &str) -> bool {
    let Some(rest) = href
        .strip_prefix("https://")
        .or_else(|| href.strip_prefix("http://"))
    else {
        return false;
    };
    // Byte scans, not `str` searchers: this runs for every request.
    let rest = rest.as_bytes();
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let (host, port) = match authority.iter().position(|&b| b == b':') {
        Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
        None => (authority, None),
    };
    if let Some(port) = port {
        let digits = !port.is_empty() && port.len() <= 5 && port.iter().all(|b| b.is_ascii_digit());
        if !digits || decimal(port) > 65_535 {
            return false;
        }
    }
    plain_host(host) && tail.iter().all(|&b| URL_BYTES[usize::from(b)])
}

/// The bytes [`is_plain_absolute`] accepts after the authority: unreserved,
/// reserved and `%`.
const URL_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9'
            | b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'?' | b'#' | b'[' | b']' | b'@'
            | b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
            | b'%');
        b += 1;
    }
    table
};

/// The value of at most five ASCII digits.
fn decimal(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |n, &d| n * 10 + u32::from(d.wrapping_sub(b'0')))
}

/// A host [`is_plain_absolute`] accepts: a dotted-quad IPv4 address, or
/// lowercase LDH labels whose last one does not start with a digit.
fn plain_host(host: &[u8]) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    let labels = || host.split(|&b| b == b'.');
    let ldh = |label: &[u8]| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .iter()
                .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && label.first() != Some(&b'-')
            && label.last() != Some(&b'-')
            && !label.starts_with(b"xn--")
    };
    let last_start = host
        .iter()
        .rposition(|&b| b == b'.')
        .map_or(0, |dot| dot + 1);
    let last_is_name = host.get(last_start).is_some_and(u8::is_ascii_lowercase);
    if last_is_name {
        return labels().all(ldh);
    }
    let octet = |label: &[u8]| {
        !label.is_empty()
            && label.len() <= 3
            && label.iter().all(u8::is_ascii_digit)
            && (label == b"0" || label.first() != Some(&b'0'))
            && decimal(label) <= 255
    };
    labels().count() == 4 && labels().all(octet)
}

/// The `User-Agent`: `foxy-rs/<version>` and an optional suffix naming the
/// application or binding (`foxy-rs/0.1.0 my-app/2.0`).
///
/// Cheap to clone: the text and its header value are shared, the value
/// made (and checked) once.
#[derive(Clone, PartialEq, Eq)]
pub struct UserAgent {
    text: std::sync::Arc<str>,
    /// The header value, `None` when the text cannot be one.
    header: Option<HeaderValue>,
}

impl std::fmt::Debug for UserAgent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("UserAgent").field(&&*self.text).finish()
    }
}

impl UserAgent {
    fn of(text: String) -> UserAgent {
        UserAgent {
            header: HeaderValue::from_str(&text).ok(),
            text: text.into(),
        }
    }

    /// The SDK's own product token.
    pub fn sdk() -> UserAgent {
        static SDK: std::sync::LazyLock<UserAgent> = std::sync::LazyLock::new(|| {
            UserAgent::of(format!("foxy-rs/{}", env!("CARGO_PKG_VERSION")))
        });
        SDK.clone()
    }

    /// The SDK's product token followed by `suffix`.
    pub fn with_suffix(suffix: &str) -> UserAgent {
        let mut agent = UserAgent::sdk().text.to_string();
        if !suffix.trim().is_empty() {
            agent.push(' ');
            agent.push_str(suffix.trim());
        }
        UserAgent::of(agent)
    }

    /// The header text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn header_value(&self) -> Result<HeaderValue, RequestError> {
        self.header
            .clone()
            .ok_or(RequestError::InvalidHeader { name: "user-agent" })
    }
}

impl Default for UserAgent {
    fn default() -> Self {
        UserAgent::sdk()
    }
}

/// Sets (or replaces) `Authorization: Bearer <token>`, marked sensitive.
pub fn set_bearer(request: &mut Request<Vec<u8>>, token: &Secret) -> Result<(), RequestError> {
    // The formatted text becomes the value as it is (no second copy).
    let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose())).map_err(|_| {
        RequestError::InvalidHeader {
            name: "authorization",
        }
    })?;
    value.set_sensitive(true);
    request.headers_mut().insert(header::AUTHORIZATION, value);
    Ok(())
}

/// A request under construction.
#[derive(Debug, Clone)]
pub struct RequestBuilder {
    method: Method,
    href: String,
    base: Option<String>,
    query: Query,
    accept: MediaType,
    body: Option<Body>,
    bearer: Option<Secret>,
    /// `None`: [`UserAgent::sdk`].
    user_agent: Option<UserAgent>,
    error: Option<RequestError>,
}

impl RequestBuilder {
    /// A request with any method.
    pub fn new(method: Method, href: impl Into<String>) -> RequestBuilder {
        RequestBuilder {
            method,
            href: href.into(),
            base: None,
            query: Query::new(),
            accept: MediaType::HalJson,
            body: None,
            bearer: None,
            user_agent: None,
            error: None,
        }
    }

    /// A GET.
    pub fn get(href: impl Into<String>) -> RequestBuilder {
        RequestBuilder::new(Method::GET, href)
    }

    /// A POST with a body.
    pub fn post(href: impl Into<String>, body: Body) -> RequestBuilder {
        RequestBuilder::new(Method::POST, href).body(body)
    }

    /// A PUT of a whole document: links, `date_created` and `date_modified`
    /// are left out at every level, and the zoom is derived from what is
    /// embedded so the server creates the embedded resources too.
    pub fn put(href: impl Into<String>, document: &Resource) -> RequestBuilder {
        let mut builder = RequestBuilder::new(Method::PUT, href);
        for path in zoom_for(document).paths() {
            // A relation name that cannot be a zoom path is reported by `build`.
            if let Err(e) = builder.query.zoom.add(&path) {
                builder.error.get_or_insert(e.into());
            }
        }
        builder.body(Body::Json(put_document(document)))
    }

    /// A PATCH sending only the given properties.
    pub fn patch(href: impl Into<String>, changes: &Map) -> RequestBuilder {
        RequestBuilder::new(Method::PATCH, href).body(Body::Json(patch_document(changes)))
    }

    /// A DELETE.
    pub fn delete(href: impl Into<String>) -> RequestBuilder {
        RequestBuilder::new(Method::DELETE, href)
    }

    /// The base relative hrefs resolve against (the document's `self` href).
    pub fn base(mut self, base: impl Into<String>) -> RequestBuilder {
        self.base = Some(base.into());
        self
    }

    /// Adds a query; its parts are merged with any already set.
    pub fn query(mut self, query: Query) -> RequestBuilder {
        if self.query.is_empty() {
            // Nothing to merge with: the query as it is.
            self.query = query;
            return self;
        }
        // The zoom's paths were checked when it was built: merged as a tree.
        self.query.zoom.merge(query.zoom);
        self.query.filters.extend(query.filters);
        if !query.order.is_empty() {
            self.query.order = query.order;
        }
        if !query.fields.is_empty() {
            self.query.fields = query.fields;
        }
        self.query.limit = query.limit.or(self.query.limit);
        self.query.offset = query.offset.or(self.query.offset);
        self
    }

    /// The response format to ask for (hal+json by default).
    pub fn accept(mut self, media_type: MediaType) -> RequestBuilder {
        self.accept = media_type;
        self
    }

    /// The body.
    pub fn body(mut self, body: Body) -> RequestBuilder {
        self.body = Some(body);
        self
    }

    /// The access token.
    pub fn bearer(mut self, token: Secret) -> RequestBuilder {
        self.bearer = Some(token);
        self
    }

    /// The `User-Agent`.
    pub fn user_agent(mut self, agent: UserAgent) -> RequestBuilder {
        self.user_agent = Some(agent);
        self
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// Builds the request, or says why it cannot be sent.
    pub fn build(self) -> Result<Request<Vec<u8>>, RequestError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if !self.accept.is_hypermedia() {
            return Err(RequestError::UnsupportedAccept(self.accept));
        }
        let uri = match &self.base {
            Some(base) => self.query.apply_to_owned(resolve_href(base, &self.href)?)?,
            None => self.query.apply_to(&self.href)?,
        };
        // Parsed from the text itself (no copy); on failure the text is
        // written again, from the same parts, for the error.
        let text = || -> Result<String, RequestError> {
            match &self.base {
                Some(base) => Ok(self.query.apply_to_owned(resolve_href(base, &self.href)?)?),
                None => Ok(self.query.apply_to(&self.href)?),
            }
        };
        let parsed = match http::Uri::try_from(uri) {
            Ok(parsed) if parsed.scheme().is_some() && parsed.host().is_some() => parsed,
            Ok(_) => return Err(RequestError::InvalidUri { href: text()? }),
            Err(_) => {
                return Err(RequestError::InvalidUri {
                    href: text()?.chars().take(200).collect(),
                });
            }
        };
        let (content_type, bytes) = match &self.body {
            Some(body) => {
                let (content_type, bytes) = body.encode()?;
                (Some(content_type), bytes)
            }
            None => (None, Vec::new()),
        };
        // The headers in the order the `http` builder appended them, from
        // static names and values where they are constants.
        let mut headers = http::HeaderMap::with_capacity(6);
        headers.insert(
            http::HeaderName::from_static(API_VERSION_NAME),
            HeaderValue::from_static("1"),
        );
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(self.accept.as_str()),
        );
        let agent = match &self.user_agent {
            Some(agent) => agent.header_value()?,
            None => UserAgent::sdk().header_value()?,
        };
        headers.insert(header::USER_AGENT, agent);
        let mut request = Request::new(bytes);
        *request.method_mut() = self.method;
        *request.uri_mut() = parsed;
        *request.headers_mut() = headers;
        if let Some(content_type) = content_type {
            let value =
                HeaderValue::from_str(&content_type).map_err(|_| RequestError::InvalidHeader {
                    name: "content-type",
                })?;
            request.headers_mut().insert(header::CONTENT_TYPE, value);
        }
        if let Some(token) = &self.bearer {
            set_bearer(&mut request, token)?;
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Limit;

    #[test]
    fn relative_hrefs_resolve_and_absolute_are_kept() {
        assert_eq!(
            resolve_href("https://api.test/stores/8", "carts?x=1").expect("valid"),
            "https://api.test/stores/carts?x=1"
        );
        assert_eq!(
            resolve_href("https://api.test/stores/8", "/carts").expect("valid"),
            "https://api.test/carts"
        );
        assert_eq!(
            resolve_href("https://ignored.test/", "https://API.test/a/../b").expect("valid"),
            "https://API.test/a/../b"
        );
        assert!(resolve_href("not a base", "carts").is_err());
    }

    #[test]
    fn the_quick_check_of_absolute_hrefs_agrees_with_the_full_parse() {
        let accepted = [
            "https://api.foxycart.com/carts/1?zoom=items,items:item_options#x",
            "http://127.0.0.1:27431/carts/331",
            "http://localhost:8080",
            "https://a-b.c0.example/x%20y/~z;p=1?q=a&b=%2F",
            "http://10.0.0.255:65535/",
        ];
        let refused = [
            "HTTPS://api.test/",
            "https://API.test/",
            "https://xn--nxasmq6b.example/",
            "https://xn--a.example/",
            "http://1.2.3/",
            "http://1.2.3.4.5/",
            "http://256.1.1.1/",
            "http://01.1.1.1/",
            "http://0x7f.1/",
            "http://a..b/",
            "http://-a.b/",
            "http://a:/",
            "http://a:65536/",
            "http://a:1x/",
            "http://user@a/",
            "http:///x",
            "https://",
            "https://a b/",
            "https://a/b c",
            "https://a/\\b",
            "https://a/<b>",
            "https://a/\u{e9}",
            "ftp://a/",
            "carts/1",
        ];
        for href in accepted {
            assert!(is_plain_absolute(href), "{href}");
            assert!(url::Url::parse(href).is_ok(), "{href}");
            assert_eq!(
                resolve_href("https://base.test/", href).as_deref(),
                Ok(href)
            );
        }
        for href in refused {
            assert!(!is_plain_absolute(href), "{href}");
            // Left to the full parse, which decides as before.
            let parsed = url::Url::parse(href).is_ok();
            assert_eq!(
                resolve_href("https://base.test/", href).is_ok_and(|r| r == href),
                parsed,
                "{href}"
            );
        }
    }

    #[test]
    fn every_request_carries_the_required_headers() {
        let request = RequestBuilder::get("https://api.test/")
            .bearer(Secret::new("t0k"))
            .build()
            .expect("valid");
        let h = request.headers();
        assert_eq!(h["foxy-api-version"], "1");
        assert_eq!(h["accept"], "application/hal+json");
        assert_eq!(h["authorization"], "Bearer t0k");
        assert!(h["authorization"].is_sensitive());
        assert!(
            h["user-agent"]
                .to_str()
                .is_ok_and(|ua| ua.starts_with("foxy-rs/"))
        );
        assert!(h.get("content-type").is_none());
    }

    #[test]
    fn bad_input_is_refused_before_sending() {
        let err = RequestBuilder::get("carts").build().expect_err("an error");
        assert!(matches!(err, RequestError::InvalidUri { .. }));
        let err = RequestBuilder::get("https://api.test/")
            .accept(MediaType::Json)
            .build()
            .expect_err("an error");
        assert!(matches!(err, RequestError::UnsupportedAccept(_)));
        assert!(Limit::new(301).is_err());
        assert_eq!(
            UserAgent::with_suffix("my-app/2").as_str(),
            concat!("foxy-rs/", env!("CARGO_PKG_VERSION"), " my-app/2")
        );
    }
}
