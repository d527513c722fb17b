//! The rules that keep secrets out of a cassette.
//!
//! A [`Scrubber`] replaces, with [`SCRUBBED`]:
//! - the credentials of the `Authorization` header (the scheme stays:
//!   `Bearer [scrubbed]`); of the other request headers only those that
//!   matter to a replay are kept (`Accept`, `Content-Type`,
//!   `FOXY-API-VERSION`, `If-Match`, `If-None-Match`); `Set-Cookie` answers
//!   are scrubbed and connection headers dropped;
//! - the value of every secret field ([`DEFAULT_FIELDS`]: `access_token`,
//!   `refresh_token`, `client_secret`, `api_token`, passwords, store secrets
//!   such as `webhook_key`, card numbers and security codes) in query
//!   strings, form bodies (the token requests, the legacy API's `api_token`),
//!   JSON bodies (token responses, payment methods, the store) and XML
//!   bodies (the legacy API's answers, HAL+XML), and the `code` of a token
//!   request;
//! - any later occurrence of a secret value it has scrubbed once (a client
//!   secret echoed somewhere else is caught too).
//!
//! A scrubbed token response still replays: the client receives the access
//! token `[scrubbed]` and sends `Authorization: Bearer [scrubbed]`, which
//! the matcher ignores.

use http::{HeaderMap, Request, Response, header};
use percent_encoding::{NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use super::text::{scrub_json, scrub_xml};

/// What every scrubbed value becomes.
pub const SCRUBBED: &str = "[scrubbed]";

/// The fields scrubbed by default (compared without regard to case).
pub const DEFAULT_FIELDS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "api_token",
    "password",
    "customer_password",
    "password_hash",
    "unified_order_entry_password",
    "webhook_key",
    "store_secret",
    "secret",
    "cc_number",
    "card_number",
    "cc_cvv2",
    "cvv",
    "cvv2",
];

/// The request headers a cassette keeps (`Authorization` scrubbed).
const KEPT_REQUEST_HEADERS: &[&str] = &[
    "accept",
    "content-type",
    "foxy-api-version",
    "if-match",
    "if-none-match",
    "authorization",
];

/// The response headers a cassette drops: they describe the connection or
/// the moment, not the answer (the body's length changes when scrubbed).
const DROPPED_RESPONSE_HEADERS: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "date",
];

/// Secret values shorter than this are not looked for elsewhere.
const MIN_LEARNED: usize = 8;

/// Scrubs requests and responses; remembers the secret values it met.
#[derive(Clone)]
pub struct Scrubber {
    fields: Vec<String>,
    learned: Vec<String>,
}

impl std::fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scrubber")
            .field("fields", &self.fields)
            .field("learned", &self.learned.len())
            .finish()
    }
}

impl Default for Scrubber {
    fn default() -> Self {
        Scrubber::new()
    }
}

impl Scrubber {
    /// The default rules ([`DEFAULT_FIELDS`]).
    pub fn new() -> Scrubber {
        Scrubber {
            fields: DEFAULT_FIELDS.iter().map(|f| (*f).to_owned()).collect(),
            learned: Vec::new(),
        }
    }

    /// Also scrubs the field `name` (any case) wherever it appears.
    pub fn with_field(mut self, name: impl Into<String>) -> Scrubber {
        self.fields.push(name.into().to_ascii_lowercase());
        self
    }

    /// Also scrubs this literal value wherever it appears (a secret known
    /// in advance, of any length but empty).
    pub fn with_secret(mut self, value: impl Into<String>) -> Scrubber {
        let value = value.into();
        if !value.is_empty() {
            self.learned.push(value);
        }
        self
    }

    /// Whether the field `name` is secret.
    pub fn is_secret(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.eq_ignore_ascii_case(name))
    }

    /// `url` with the values of secret query parameters (and known secret
    /// values) scrubbed.
    pub fn url(&self, url: &str) -> String {
        let url = match url.split_once('?') {
            Some((base, query)) => {
                let (query, _) = self.form(query, false);
                format!("{base}?{query}")
            }
            None => url.to_owned(),
        };
        let marker = utf8_percent_encode(SCRUBBED, NON_ALPHANUMERIC).to_string();
        self.replace_learned_with(url, &marker)
    }

    /// The request headers worth keeping, credentials scrubbed.
    pub fn request_headers(&self, headers: &HeaderMap) -> Vec<(String, String)> {
        headers
            .iter()
            .filter(|(name, _)| KEPT_REQUEST_HEADERS.contains(&name.as_str()))
            .map(|(name, value)| {
                let text = if *name == header::AUTHORIZATION {
                    let scheme = value
                        .to_str()
                        .ok()
                        .and_then(|v| v.split_whitespace().next())
                        .filter(|s| {
                            s.eq_ignore_ascii_case("bearer") || s.eq_ignore_ascii_case("basic")
                        })
                        .unwrap_or("");
                    format!("{scheme} {SCRUBBED}").trim_start().to_owned()
                } else {
                    self.replace_learned(String::from_utf8_lossy(value.as_bytes()).into_owned())
                };
                (name.as_str().to_owned(), text)
            })
            .collect()
    }

    /// The response headers but those of the connection, cookies scrubbed.
    pub fn response_headers(&self, headers: &HeaderMap) -> Vec<(String, String)> {
        headers
            .iter()
            .filter(|(name, _)| !DROPPED_RESPONSE_HEADERS.contains(&name.as_str()))
            .map(|(name, value)| {
                let text = if *name == header::SET_COOKIE || value.is_sensitive() {
                    SCRUBBED.to_owned()
                } else {
                    self.replace_learned(String::from_utf8_lossy(value.as_bytes()).into_owned())
                };
                (name.as_str().to_owned(), text)
            })
            .collect()
    }

    /// The request's body, scrubbed.
    pub fn request_body(&mut self, request: &Request<Vec<u8>>) -> Vec<u8> {
        self.body(content_type(request.headers()), request.body())
    }

    /// The response's body, scrubbed.
    pub fn response_body(&mut self, response: &Response<Vec<u8>>) -> Vec<u8> {
        self.body(content_type(response.headers()), response.body())
    }

    /// A body of the given content type, scrubbed: JSON and XML by their
    /// first character, form-encoded text by its content type (or, without
    /// one, by its look). Other bodies are kept as they are, but for known
    /// secret values.
    pub fn body(&mut self, content_type: Option<&str>, body: &[u8]) -> Vec<u8> {
        let Ok(text) = std::str::from_utf8(body) else {
            return body.to_vec();
        };
        let is_secret = |name: &str| self.is_secret(name);
        let trimmed = text.trim_start();
        let (scrubbed, found) = if trimmed.starts_with(['{', '[']) {
            scrub_json(text, &is_secret)
        } else if trimmed.starts_with('<') {
            scrub_xml(text, &is_secret)
        } else if is_form(content_type, text) {
            self.form(text, true)
        } else {
            (text.to_owned(), Vec::new())
        };
        for value in found {
            self.learn(value);
        }
        self.replace_learned(scrubbed).into_bytes()
    }

    /// Form-encoded `text` with secret values replaced (percent-encoded
    /// [`SCRUBBED`]); the `code` of a token request too when `body`.
    fn form(&self, text: &str, body: bool) -> (String, Vec<String>) {
        let grant = body
            && text
                .split('&')
                .any(|p| decode(p.split('=').next().unwrap_or("")) == "grant_type");
        let marker = utf8_percent_encode(SCRUBBED, NON_ALPHANUMERIC).to_string();
        let mut found = Vec::new();
        let pieces: Vec<String> = text
            .split('&')
            .map(|piece| {
                let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
                let decoded = decode(name);
                let secret = self.is_secret(&decoded) || (grant && decoded == "code");
                if secret && !value.is_empty() && decode(value) != SCRUBBED {
                    found.push(decode(value));
                    format!("{name}={marker}")
                } else {
                    piece.to_owned()
                }
            })
            .collect();
        (pieces.join("&"), found)
    }

    fn learn(&mut self, value: String) {
        if value.len() >= MIN_LEARNED && value != SCRUBBED && !self.learned.contains(&value) {
            self.learned.push(value);
        }
    }

    fn replace_learned(&self, text: String) -> String {
        self.replace_learned_with(text, SCRUBBED)
    }

    fn replace_learned_with(&self, mut text: String, marker: &str) -> String {
        for value in &self.learned {
            if text.contains(value.as_str()) {
                text = text.replace(value.as_str(), marker);
            }
        }
        text
    }
}

/// The `Content-Type` of a message, if it is text.
fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
}

/// Whether a body is form-encoded: by its content type, or, without one,
/// when it is one line of `name=value` pairs.
fn is_form(content_type: Option<&str>, text: &str) -> bool {
    match content_type {
        Some(ct) => ct
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded"),
        None => text.contains('=') && !text.contains(char::is_whitespace),
    }
}

/// A form-encoded name or value, decoded (`+` is a space).
fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}
