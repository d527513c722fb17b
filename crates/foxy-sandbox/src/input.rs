//! Turning request properties into stored properties: coercion, validation, defaults.

use foxy_proto::{Map, Number, Value};
use rusqlite::Connection;

use crate::db;
use crate::error::ApiError;
use crate::kinds::{Def, Field, Kind, Ty, by_key, ref_id_name};
use crate::query::decimal;

/// How the body combines with the stored properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// POST: defaults plus the body; required fields must be given.
    Create,
    /// PUT: defaults plus the body (hidden fields kept).
    Replace,
    /// PATCH: stored properties plus the body.
    Patch,
}

/// The default value of a field.
pub fn default_of(field: &Field) -> Value {
    match field.default {
        Def::Null => Value::Null,
        Def::S(s) => Value::from(s),
        Def::N(n) => n.parse::<Number>().map_or(Value::Null, Value::Number),
        Def::B(b) => Value::Bool(b),
    }
}

/// Defaults for every stored field of a kind.
pub fn defaults(kind: &Kind) -> Map {
    let mut m = Map::new();
    for field in kind.fields {
        match field.ty {
            Ty::Ref(_) => {
                m.insert(ref_id_name(field.name), Value::Null);
            }
            _ => {
                m.insert(field.name.to_owned(), default_of(field));
            }
        }
    }
    m
}

/// Most extension properties one resource holds.
pub const MAX_EXTENSIONS: usize = 20;
/// Most characters of an extension property's text value.
pub const MAX_EXTENSION_TEXT: usize = 1000;

/// Whether `name` is an extension property: `x_` then lowercase letters,
/// digits and `_`, at most 64 characters. The sandbox keeps these as given,
/// standing for the fields of an API newer than the description (what a
/// client must carry through a PUT without knowing them).
pub fn is_extension(name: &str) -> bool {
    name.len() <= 64
        && name.strip_prefix("x_").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// Most extension links one resource holds.
pub const MAX_EXTENSION_LINKS: usize = 10;
/// Most characters of an extension link's href.
pub const MAX_LINK_HREF: usize = 2000;

/// Whether `rel` is an extension relation: `x:` then 1 to 64 lowercase
/// letters, digits and `_`. The sandbox keeps links under these as given,
/// standing for the links of an API newer than the description.
pub fn is_extension_rel(rel: &str) -> bool {
    rel.strip_prefix("x:").is_some_and(|rest| {
        (1..=64).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    })
}

/// Checks one `_links` entry of a request body under an `x:` relation:
/// `{"href": absolute http(s) URL}` to keep, `null` to remove.
pub fn link_edit(rel: &str, link: &Value) -> Result<(String, Option<String>), ApiError> {
    let shown = crate::error::excerpt(rel);
    if !is_extension_rel(rel) {
        return Err(ApiError::bad_request(format!(
            "_links {shown:?} is not an extension relation: x: then 1-64 lowercase letters, digits or _"
        )));
    }
    let bad = |what: &str| ApiError::bad_request(format!("_links {shown:?}: {what}"));
    let map = match link {
        Value::Null => return Ok((rel.to_owned(), None)),
        Value::Object(map) => map,
        _ => return Err(bad("must be one link object {\"href\": ...} or null")),
    };
    if let Some(other) = map.keys().find(|k| k.as_str() != "href") {
        return Err(bad(&format!(
            "an extension link holds only href, not {:?}",
            crate::error::excerpt(other)
        )));
    }
    let Some(Value::String(href)) = map.get("href") else {
        return Err(bad("href must be a URL (text)"));
    };
    if href.chars().count() > MAX_LINK_HREF {
        return Err(bad(&format!(
            "href is longer than {MAX_LINK_HREF} characters"
        )));
    }
    match url::Url::parse(href) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => {
            Ok((rel.to_owned(), Some(href.clone())))
        }
        _ => Err(bad(&format!(
            "href must be an absolute http or https URL, got {:?}",
            crate::error::excerpt(href)
        ))),
    }
}

/// An extension property's value as stored: text (at most
/// [`MAX_EXTENSION_TEXT`] characters), a number, a flag or null.
fn extension_value(name: &str, value: &Value) -> Result<Value, ApiError> {
    match value {
        Value::String(text) if text.chars().count() > MAX_EXTENSION_TEXT => {
            Err(ApiError::bad_request(format!(
                "{name} is longer than {MAX_EXTENSION_TEXT} characters"
            )))
        }
        Value::Array(_) | Value::Object(_) => Err(ApiError::bad_request(format!(
            "{name} is an extension property: text, a number, a flag or null"
        ))),
        other => Ok(other.clone()),
    }
}

/// Merges request properties into stored ones for `kind`.
pub fn apply(
    conn: &Connection,
    kind: &Kind,
    existing: Option<&Map>,
    body: &Map,
    mode: Mode,
) -> Result<Map, ApiError> {
    let converted = crate::described::validate::check(kind, existing, body, mode)?;
    let body = converted.as_ref().unwrap_or(body);
    let mut props = match (mode, existing) {
        (Mode::Patch, Some(e)) => e.clone(),
        (Mode::Replace, Some(e)) => {
            // A PUT replaces what the client may write; what only the
            // server writes (hidden and read-only fields) stays as stored.
            let mut d = defaults(kind);
            for f in kind.fields.iter().filter(|f| f.hidden || f.read_only) {
                if let Some(v) = e.get(f.name) {
                    d.insert(f.name.to_owned(), v.clone());
                }
            }
            d
        }
        _ => defaults(kind),
    };
    if mode == Mode::Create {
        for name in kind.required {
            if !is_given(body.get(*name)) {
                return Err(ApiError::bad_request(format!(
                    "{name} is required to create a {}",
                    kind.rel
                )));
            }
        }
    }
    for (name, value) in body {
        if let Some(field) = kind.field(name) {
            if field.read_only {
                continue;
            }
            if let Ty::Ref(target) = field.ty {
                let id = reference(conn, target, name, value)?;
                props.insert(ref_id_name(name), id.map_or(Value::Null, Value::from));
            } else {
                props.insert(name.clone(), coerce(field, value)?);
            }
        } else if is_extension(name) {
            props.insert(name.clone(), extension_value(name, value)?);
        } else if let Some(base) = name.strip_suffix("_id") {
            let uri = format!("{base}_uri");
            if let Some(Field {
                ty: Ty::Ref(target),
                ..
            }) = kind.field(&uri)
            {
                let id = reference(conn, target, name, value)?;
                props.insert(name.clone(), id.map_or(Value::Null, Value::from));
            }
        }
    }
    if props.keys().filter(|name| is_extension(name)).count() > MAX_EXTENSIONS {
        return Err(ApiError::bad_request(format!(
            "a {} holds at most {MAX_EXTENSIONS} extension (x_) properties",
            kind.rel
        )));
    }
    // A PUT must carry the required fields again and a PATCH must not blank them.
    if mode != Mode::Create {
        for name in kind.required {
            if !is_given(props.get(*name)) {
                return Err(ApiError::bad_request(format!(
                    "{name} is required on a {} and cannot be empty",
                    kind.rel
                )));
            }
        }
    }
    Ok(props)
}

/// Whether a required field holds a value (not absent, null or blank).
fn is_given(value: Option<&Value>) -> bool {
    value.is_some_and(|v| match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    })
}

/// Resolves a `*_uri` (or `*_id`) input to the id of an existing resource.
fn reference(
    conn: &Connection,
    target: &str,
    name: &str,
    value: &Value,
) -> Result<Option<i64>, ApiError> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        other => {
            return Err(ApiError::bad_request(format!(
                "{name} must be a URI, got a {}",
                other.kind()
            )));
        }
    };
    let tail = text
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    let id: i64 = tail.parse().map_err(|_| {
        ApiError::bad_request(format!(
            "{name} does not name a resource: {:?}",
            crate::error::excerpt(&text)
        ))
    })?;
    let expected = format!("/{target}/");
    if text.contains('/') && !text.contains(&expected) {
        return Err(ApiError::bad_request(format!(
            "{name} must point to {target}, got {text:?}",
            text = crate::error::excerpt(&text)
        )));
    }
    let kind = by_key(target).ok_or_else(|| ApiError::internal("unknown reference kind"))?;
    match db::find(conn, id)? {
        Some(r) if r.kind.key == kind.key => Ok(Some(id)),
        _ => Err(ApiError::bad_request(format!(
            "{name}: {} {id} does not exist",
            kind.rel
        ))),
    }
}

/// Coerces one input value to a field's type.
pub fn coerce(field: &Field, value: &Value) -> Result<Value, ApiError> {
    let name = field.name;
    let bad =
        |what: &str| ApiError::bad_request(format!("{name} must be {what}, got {}", short(value)));
    let text = match value {
        Value::Null => return Ok(Value::Null),
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(_) | Value::Object(_) => return Err(bad("a single value")),
    };
    match field.ty {
        Ty::Str if name == "timezone" && crate::dates::zone(&text).is_none() => {
            Err(bad("an IANA time zone such as America/Los_Angeles"))
        }
        Ty::Str => Ok(match value {
            Value::String(s) => Value::String(s.clone()),
            _ => Value::String(text),
        }),
        Ty::Date if text.is_empty() => Ok(Value::Null),
        Ty::Date => crate::dates::normalize(&text)
            .map(Value::String)
            .ok_or_else(|| {
                bad("a date (2015-06-01) or a date-time with an offset (2015-06-01T10:00:00-0700)")
            }),
        Ty::Bool => match text.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Value::Bool(true)),
            "false" | "0" | "" => Ok(Value::Bool(false)),
            _ => Err(bad("true or false")),
        },
        Ty::Int => {
            let n: i64 = text.parse().map_err(|_| bad("an integer"))?;
            if n < 0 && name.starts_with("quantity") {
                return Err(ApiError::bad_request(format!(
                    "{name} cannot be negative, got {n}"
                )));
            }
            Ok(Value::from(n))
        }
        Ty::Dec => {
            if decimal(&text).is_none() {
                return Err(bad("a decimal number"));
            }
            let n: Number = text.parse().map_err(|_| bad("a decimal number"))?;
            Ok(Value::Number(n))
        }
        Ty::Ref(_) => Err(ApiError::internal("references are resolved separately")),
    }
}

fn short(v: &Value) -> String {
    match v {
        Value::String(s) => format!("{:?}", crate::error::excerpt(s)),
        Value::Number(n) => n.to_string(),
        other => other.kind().to_owned(),
    }
}
