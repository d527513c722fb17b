//! The generic hypermedia resource (`foxy_proto::Resource`) as a JavaScript
//! class, and plain JSON values in and out of the core's exact `Value`.
//!
//! Numbers leave Rust as their exact decimal text (`"19.990"`), never as a
//! lossy JS number; JS numbers going in are written with the shortest text
//! that reads back as the same double.

use std::collections::HashMap;

use napi::Env;
use napi_derive::napi;

use foxy_proto::{Map, Number, Rel, Value};

use crate::codec::{media, write_text};
use crate::errors::{FoxyError, Outcome, sync};

/// What one call's exchange with the server was, besides the body: read
/// from the core value's `foxy::ResponseMeta` (`meta` of values read and of
/// API errors).
#[napi(object, object_from_js = false)]
pub struct ResponseMeta {
    /// The HTTP status the caller sees (200 for a revalidated or cached answer).
    pub status: u32,
    /// The response headers, lower-case names; repeated headers joined with ", ".
    pub headers: HashMap<String, String>,
    /// The `ETag` header, when there is one.
    pub etag: Option<String>,
    /// The URL the last attempt was sent to (the cached one for a hit).
    pub url: String,
    /// Requests sent for this call (retries included; 0 for a cache hit).
    pub attempts: u32,
    /// Seconds from the call's first step to its answer (monotonic clock).
    pub elapsed: f64,
    /// What the cache did: `bypassed`, `miss`, `revalidated` or `hit`.
    #[napi(ts_type = "'bypassed' | 'miss' | 'revalidated' | 'hit' | 'unknown'")]
    pub cache: String,
    /// The first `logref` of the error document (`fx:errors`), for an API error.
    pub logref: Option<String>,
}

impl ResponseMeta {
    /// The JavaScript metadata of a core value, when it was read from an answer.
    pub(crate) fn of(meta: Option<&foxy::ResponseMeta>) -> Option<ResponseMeta> {
        let meta = meta?;
        let mut headers: HashMap<String, String> = HashMap::new();
        for (name, value) in &meta.headers {
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            headers
                .entry(name.as_str().to_owned())
                .and_modify(|joined| {
                    joined.push_str(", ");
                    joined.push_str(&value);
                })
                .or_insert_with(|| value.clone());
        }
        let cache = match meta.cache {
            foxy::CacheStatus::Bypassed => "bypassed",
            foxy::CacheStatus::Miss => "miss",
            foxy::CacheStatus::Revalidated => "revalidated",
            foxy::CacheStatus::Hit => "hit",
            _ => "unknown",
        };
        Some(ResponseMeta {
            status: u32::from(meta.status.as_u16()),
            headers,
            etag: meta.etag.clone(),
            url: meta.url.clone(),
            attempts: meta.attempts,
            elapsed: meta.elapsed.as_secs_f64(),
            cache: cache.to_owned(),
            logref: meta.logref.clone(),
        })
    }
}

/// A hypermedia resource of any kind (HAL+JSON, HAL+XML or Siren), as read:
/// properties, links and embedded resources. Numbers come back as exact
/// decimal strings.
#[napi]
pub struct Resource {
    inner: foxy_proto::Resource,
}

impl From<foxy_proto::Resource> for Resource {
    fn from(inner: foxy_proto::Resource) -> Resource {
        Resource { inner }
    }
}

#[napi]
impl Resource {
    /// The href of the `self` link, or `null`.
    #[napi(getter)]
    pub fn href(&self) -> Option<String> {
        self.inner.self_href().map(str::to_owned)
    }

    /// What the server said besides the body (status, headers, etag, url,
    /// attempts, elapsed seconds, cache); `null` for a resource not read from an answer.
    #[napi(getter)]
    pub fn meta(&self) -> Option<ResponseMeta> {
        ResponseMeta::of(self.inner.meta())
    }

    /// One property (numbers as exact decimal strings); `null` when absent.
    #[napi]
    pub fn property(&self, name: String) -> Option<serde_json::Value> {
        self.inner.property(&name).map(to_json)
    }

    /// Every property, in document order (numbers as exact decimal strings).
    #[napi(getter)]
    pub fn properties(&self) -> serde_json::Value {
        to_json(&Value::Object(self.inner.properties.clone()))
    }

    /// The href of the first link of a relation (`fx:carts`, `next`, or a
    /// full relation URI), or `null`.
    #[napi]
    pub fn link(&self, rel: String) -> Option<String> {
        self.inner.link(rel.as_str()).map(|l| l.href.clone())
    }

    /// The first href of every relation, keyed by compact relation (`fx:store`).
    #[napi(getter)]
    pub fn links(&self) -> HashMap<String, String> {
        link_map(&self.inner.links)
    }

    /// The resources embedded under a relation (`fx:items`); empty when none.
    #[napi]
    pub fn embedded(&self, rel: String) -> Vec<Resource> {
        self.inner
            .embedded(rel.as_str())
            .iter()
            .cloned()
            .map(Resource::from)
            .collect()
    }

    /// The relations that have embedded resources (compact form).
    #[napi(getter)]
    pub fn embedded_rels(&self) -> Vec<String> {
        self.inner
            .embedded
            .keys()
            .map(|rel| rel.compact().into_owned())
            .collect()
    }

    /// The resource as a document: `hal+json` (default), `hal+xml` or `siren`.
    #[napi]
    pub fn write(&self, env: &Env, media_type: Option<String>) -> napi::Result<String> {
        sync(env, || {
            write_text(
                media(media_type.as_deref().unwrap_or("hal+json"))?,
                &self.inner,
            )
        })
    }

    /// `{ href, properties, links }` for `JSON.stringify` and `console.log`.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "href": self.href(),
            "properties": self.properties(),
            "links": self.links(),
        })
    }
}

impl Resource {
    /// The core resource.
    pub(crate) fn inner(&self) -> &foxy_proto::Resource {
        &self.inner
    }
}

/// The first href of every relation, keyed by compact relation.
pub(crate) fn link_map(
    links: &indexmap::IndexMap<Rel, Vec<foxy_proto::Link>>,
) -> HashMap<String, String> {
    links
        .iter()
        .filter_map(|(rel, list)| Some((rel.compact().into_owned(), list.first()?.href.clone())))
        .collect()
}

/// A core value as JSON; numbers as their exact text.
pub(crate) fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => serde_json::Value::String(n.as_str().to_owned()),
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Object(map) => {
            serde_json::Value::Object(map.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// A JSON value from JavaScript as a core value.
pub(crate) fn from_json(value: serde_json::Value) -> Outcome<Value> {
    Ok(match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => Value::Number(number_text(&n)?),
        serde_json::Value::String(s) => Value::String(s),
        serde_json::Value::Array(items) => {
            Value::Array(items.into_iter().map(from_json).collect::<Outcome<_>>()?)
        }
        serde_json::Value::Object(map) => Value::Object(object(map)?),
    })
}

/// A JSON object from JavaScript as a core property map.
pub(crate) fn object(map: serde_json::Map<String, serde_json::Value>) -> Outcome<Map> {
    map.into_iter()
        .map(|(k, v)| Ok((k, from_json(v)?)))
        .collect()
}

fn number_text(n: &serde_json::Number) -> Outcome<Number> {
    let finite = n.as_f64().is_none_or(f64::is_finite);
    if !finite {
        return Err(FoxyError::invalid_input("numbers must be finite"));
    }
    Ok(n.to_string().parse::<Number>()?)
}
