//! Content negotiation, rendering through `foxy_proto::codec`, caching headers and error documents.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use foxy_proto::{Map, MediaType, Rel, Resource, Value, codec};
use sha2::{Digest, Sha256};

use crate::error::{ApiError, ErrorShape, MESSAGE_CHARS, clip};
use crate::present::Pres;
use crate::state::AppState;

/// Picks the response media type from `Accept` (then a hypermedia `Content-Type`).
pub fn negotiate(headers: &HeaderMap) -> Result<MediaType, ApiError> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .trim();
    if accept.is_empty() || accept == "*/*" {
        let ct = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        return Ok(MediaType::parse(ct)
            .ok()
            .filter(|m| m.is_hypermedia())
            .unwrap_or(MediaType::HalJson));
    }
    let mut ranges: Vec<(f32, usize, &str)> = Vec::new();
    for (i, part) in accept.split(',').enumerate() {
        let mut params = part.split(';');
        let essence = params.next().unwrap_or("").trim();
        let q = params
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if q > 0.0 {
            ranges.push((q, i, essence));
        }
    }
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, essence) in ranges {
        let found = match essence.to_ascii_lowercase().as_str() {
            "*/*" | "application/*" | "application/json" => Some(MediaType::HalJson),
            "text/xml" | "application/xml" => Some(MediaType::HalXml),
            e => MediaType::parse(e).ok().filter(|m| m.is_hypermedia()),
        };
        if let Some(m) = found {
            return Ok(m);
        }
    }
    Err(ApiError::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "cannot answer in {accept:?}; acceptable: application/hal+json, application/hal+xml, application/vnd.siren+json"
        ),
    ))
}

/// Per-request context: state, base URL, response media type, query pairs.
pub struct Ctx {
    /// Shared state.
    pub state: AppState,
    /// Rendering context (base URL, store id).
    pub pres: Pres,
    /// Negotiated response media type.
    pub media: MediaType,
    /// Request path.
    pub path: String,
    /// Decoded query pairs in order.
    pub query: Vec<(String, String)>,
    /// Request headers.
    pub headers: HeaderMap,
}

/// The base URL the client used (`Host` header), or the bound address.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        });
    match host {
        Some(h) => format!("http://{h}"),
        None => format!("http://{}", state.bound),
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Ctx, ApiError> {
        let media = negotiate(&parts.headers)?;
        let query = url::form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Ok(Ctx {
            pres: Pres::new(base_url(state, &parts.headers), state.store_id),
            state: state.clone(),
            media,
            path: parts.uri.path().to_owned(),
            query,
            headers: parts.headers.clone(),
        })
    }
}

fn etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("W/\"{}\"", hex::encode(&digest[..20]))
}

/// Converts Foxy's date text (`2012-02-29T13:55:09-0800`) to an HTTP date.
pub fn http_date(text: &str) -> Option<String> {
    let parse = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second][offset_hour sign:mandatory][offset_minute]"
    );
    let at = time::OffsetDateTime::parse(text, &parse)
        .ok()?
        .to_offset(time::UtcOffset::UTC);
    let out = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    at.format(&out).ok()
}

impl Ctx {
    /// The request URL (path and query) on the sandbox's host.
    pub fn url(&self) -> String {
        let mut url = format!("{}{}", self.pres.base, self.path);
        if !self.query.is_empty() {
            url.push('?');
            url.push_str(&encode_query(&self.query));
        }
        url
    }

    /// 200 with the resource, `ETag`, `Last-Modified`; 304 when `If-None-Match` matches.
    pub fn ok(&self, res: &Resource, modified: Option<&str>) -> Result<Response, ApiError> {
        let bytes = write(self.media, res)?;
        let tag = etag(&bytes);
        let matched = self
            .headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(',').any(|t| {
                    let t = t.trim();
                    t == "*" || t.trim_start_matches("W/") == tag.trim_start_matches("W/")
                })
            });
        let mut resp = if matched {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            self.bytes(StatusCode::OK, bytes)
        };
        let h = resp.headers_mut();
        if let Ok(v) = HeaderValue::from_str(&tag) {
            h.insert(header::ETAG, v);
        }
        if let Some(v) = modified
            .and_then(http_date)
            .and_then(|d| HeaderValue::from_str(&d).ok())
        {
            h.insert(header::LAST_MODIFIED, v);
        }
        h.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, must-revalidate"),
        );
        Ok(resp)
    }

    /// A response of `status` with the resource (no caching headers).
    pub fn with_status(&self, status: StatusCode, res: &Resource) -> Result<Response, ApiError> {
        Ok(self.bytes(status, write(self.media, res)?))
    }

    /// 201 Created with `Location` and a `{self, message}` body.
    pub fn created(&self, href: &str, title: &str, message: String) -> Result<Response, ApiError> {
        let doc = crate::present::message(href, title, message);
        let mut resp = self.with_status(StatusCode::CREATED, &doc)?;
        if let Ok(v) = HeaderValue::from_str(href) {
            resp.headers_mut().insert(header::LOCATION, v);
        }
        Ok(resp)
    }

    fn bytes(&self, status: StatusCode, bytes: Vec<u8>) -> Response {
        let mut resp = (status, bytes).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.media.as_str()),
        );
        resp
    }
}

/// Encodes query pairs (`a=1&b=x+y`).
pub fn encode_query(pairs: &[(String, String)]) -> String {
    let mut ser = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        ser.append_pair(k, v);
    }
    ser.finish()
}

/// HAL+XML names embedded resources by their singular relation (`fx:cart` inside
/// a carts collection), as the published examples do; HAL+JSON uses the plural.
fn singular_rels(res: &Resource) -> Resource {
    let mut out = res.clone();
    out.embedded = res
        .embedded
        .iter()
        .map(|(rel, list)| {
            let singular = rel
                .fx_name()
                .and_then(|name| {
                    crate::kinds::ALL
                        .iter()
                        .find(|k| k.plural == name)
                        .map(|k| k.rel)
                        .or_else(|| crate::described::catalog().singular.get(name).copied())
                })
                .map_or_else(|| rel.clone(), Rel::fx);
            (singular, list.iter().map(singular_rels).collect())
        })
        .collect();
    out
}

fn write(media: MediaType, res: &Resource) -> Result<Vec<u8>, ApiError> {
    let adapted;
    let res = if media == MediaType::HalXml {
        adapted = singular_rels(res);
        &adapted
    } else {
        res
    };
    codec::write(media, res).map_err(|e| ApiError::internal(format!("cannot encode response: {e}")))
}

/// The bytes and media type of an error: an `fx:errors` document in `media`,
/// or an OAuth error in JSON. The message is clipped to [`MESSAGE_CHARS`].
pub fn error_body(err: &ApiError, media: MediaType) -> (Vec<u8>, MediaType) {
    let message = clip(&err.message, MESSAGE_CHARS);
    match err.shape {
        ErrorShape::OAuth(code) => {
            let mut m = Map::new();
            m.insert("error".into(), Value::from(code));
            m.insert("error_description".into(), Value::from(message.as_str()));
            (codec::json::to_vec(&Value::Object(m)), MediaType::Json)
        }
        ErrorShape::Hypermedia => {
            let entry = Resource::new()
                .with_property("logref", err.logref.as_str())
                .with_property("message", message.as_str());
            let mut doc = Resource::new().with_property("total", 1i64);
            doc.embed(Rel::ERRORS, entry);
            match codec::write(media, &doc) {
                Ok(b) => (b, media),
                Err(_) => (message.into_bytes(), MediaType::Json),
            }
        }
    }
}

/// The body of an error in the accepted media type.
pub fn error_response(err: &ApiError, media: MediaType) -> Response {
    let (bytes, content_type) = error_body(err, media);
    let mut resp = (err.status, bytes).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type.as_str()),
    );
    for (name, value) in &err.headers {
        h.insert(name.clone(), value.clone());
    }
    resp
}

/// Outermost middleware: renders parked [`ApiError`]s and bare framework errors
/// (405 with `Allow`, rejected extractors) as error documents.
pub async fn finish(req: Request, next: Next) -> Response {
    let media = negotiate(req.headers()).unwrap_or(MediaType::HalJson);
    finished(next.run(req).await, media).await
}

/// What [`finish`] does to a response, for a request that accepted `media`.
pub async fn finished(mut resp: Response, media: MediaType) -> Response {
    if let Some(err) = resp.extensions_mut().remove::<ApiError>() {
        return error_response(&err, media);
    }
    let status = resp.status();
    let ours = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| MediaType::parse(ct).is_ok());
    if (status.is_client_error() || status.is_server_error()) && !ours {
        let allow = resp.headers().get(header::ALLOW).cloned();
        let message = match status {
            StatusCode::METHOD_NOT_ALLOWED => format!(
                "method not allowed; allowed: {}",
                allow.as_ref().and_then(|a| a.to_str().ok()).unwrap_or("")
            ),
            _ => {
                let bytes =
                    axum::body::to_bytes(std::mem::replace(resp.body_mut(), Body::empty()), 4096)
                        .await
                        .unwrap_or_default();
                let text = clip(String::from_utf8_lossy(&bytes).trim(), 120);
                if text.is_empty() {
                    status.to_string()
                } else {
                    text
                }
            }
        };
        let mut err = ApiError::new(status, message);
        if let Some(a) = allow {
            err.headers.push((header::ALLOW, a));
        }
        return error_response(&err, media);
    }
    resp
}
