//! HAL+JSON (`application/hal+json`): `_links`, `_embedded` and properties.
//!
//! Reading: `_links` maps a relation to one link object or an array of them;
//! `curies` entries are consumed to expand compact relations (`fx` is always
//! known, so foxy-elements documents without curies still expand);
//! `_embedded` maps a relation to one resource or an array; embedded
//! resources inherit the curies of their parents. Link members other than
//! `href`, `templated`, `title`, `name` and `type` are ignored.
//!
//! Writing: `_links` first (the `fx` curie at the root when any Foxy relation
//! appears in the tree, then compact relations; one link as an object,
//! several as an array), `_embedded` (always arrays), then the properties.
//! Classes and actions have no HAL form and are not written.

use super::Pointer;
use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::json::{JsonOut, MAX_DEPTH};
use crate::rel::{FX_BASE, FX_CURIE, Rel};
use crate::resource::{Link, Resource};
use crate::value::Value;

type Curies = Vec<(String, String)>;

/// Parses a HAL+JSON document.
///
/// Documents are read straight into the resource; when that fast path gives
/// up (an error, or an unusual but valid layout), the document is parsed as a
/// [`Value`] and read by [`from_value`], which decides the result and
/// locates the error.
pub fn parse(bytes: &[u8]) -> Result<Resource, DecodeError> {
    match super::hal_json_read::parse(bytes) {
        Ok(resource) => Ok(resource),
        Err(super::json_read::Fail) => parse_located(bytes),
    }
}

/// Parses a HAL+JSON document through a [`Value`] tree (what [`parse`]
/// falls back to; public for the benches and the differential tests).
#[doc(hidden)]
pub fn parse_located(bytes: &[u8]) -> Result<Resource, DecodeError> {
    from_value(super::json::parse_value(bytes)?)
}

/// Reads a resource from an already parsed JSON value.
pub fn from_value(value: Value) -> Result<Resource, DecodeError> {
    let mut ptr = Pointer::new();
    resource(value, &[], &mut ptr, 0)
}

/// Writes a resource as indented HAL+JSON.
pub fn write(resource: &Resource) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(1024);
    let mut json = JsonOut::new(&mut out, true);
    let mut path = Pointer::new();
    write_resource(&mut json, resource, true, &mut path, 0)?;
    out.push(b'\n');
    Ok(out)
}

fn wrong(ptr: &Pointer, expected: &'static str, found: &Value) -> DecodeError {
    ptr.error(DecodeErrorKind::WrongType {
        expected,
        found: found.kind(),
    })
}

fn resource(
    value: Value,
    inherited: &[(String, String)],
    ptr: &mut Pointer,
    depth: usize,
) -> Result<Resource, DecodeError> {
    if depth > MAX_DEPTH {
        return Err(ptr.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
    }
    let Value::Object(mut map) = value else {
        return Err(wrong(ptr, "object", &value));
    };
    let links = map.shift_remove("_links");
    let embedded = map.shift_remove("_embedded");
    let mut res = Resource {
        properties: map,
        ..Resource::default()
    };
    let mut own_curies: Option<Curies> = None;
    if let Some(links) = links {
        let mark = ptr.push("_links");
        let Value::Object(mut links) = links else {
            return Err(wrong(ptr, "object", &links));
        };
        if let Some(curies) = links.shift_remove("curies") {
            let mark = ptr.push("curies");
            let mut all = inherited.to_vec();
            for_each_one_or_many(curies, ptr, |curie, ptr| {
                let link = link(curie, ptr)?;
                let name = link
                    .name
                    .ok_or_else(|| ptr.error(DecodeErrorKind::MissingField("curie name")))?;
                all.push((name, link.href));
                Ok(())
            })?;
            own_curies = Some(all);
            ptr.pop(mark);
        }
        let curies = own_curies.as_deref().unwrap_or(inherited);
        res.links.reserve(links.len());
        for (rel_text, value) in links {
            let mark = ptr.push(&rel_text);
            let list = res.links.entry(Rel::expand(&rel_text, curies)).or_default();
            for_each_one_or_many(value, ptr, |v, ptr| {
                list.push(link(v, ptr)?);
                Ok(())
            })?;
            ptr.pop(mark);
        }
        ptr.pop(mark);
    }
    if let Some(embedded) = embedded {
        let curies = own_curies.as_deref().unwrap_or(inherited);
        let mark = ptr.push("_embedded");
        let Value::Object(embedded) = embedded else {
            return Err(wrong(ptr, "object", &embedded));
        };
        for (rel_text, value) in embedded {
            let mark = ptr.push(&rel_text);
            let mut list = Vec::new();
            for_each_one_or_many(value, ptr, |v, ptr| {
                list.push(resource(v, curies, ptr, depth + 1)?);
                Ok(())
            })?;
            res.embedded
                .entry(Rel::expand(&rel_text, curies))
                .or_default()
                .extend(list);
            ptr.pop(mark);
        }
        ptr.pop(mark);
    }
    Ok(res)
}

/// Calls `f` on an object, or on each element of an array (with its index in the path).
fn for_each_one_or_many(
    value: Value,
    ptr: &mut Pointer,
    mut f: impl FnMut(Value, &mut Pointer) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    match value {
        Value::Object(_) => f(value, ptr),
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                let mark = ptr.push_index(i);
                f(item, ptr)?;
                ptr.pop(mark);
            }
            Ok(())
        }
        other => Err(wrong(ptr, "object or array", &other)),
    }
}

fn optional_string(
    value: Option<Value>,
    ptr: &mut Pointer,
    field: &str,
) -> Result<Option<String>, DecodeError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => {
            let mark = ptr.push(field);
            let err = wrong(ptr, "string", &other);
            ptr.pop(mark);
            Err(err)
        }
    }
}

/// Reads one link object.
fn link(value: Value, ptr: &mut Pointer) -> Result<Link, DecodeError> {
    let Value::Object(mut map) = value else {
        return Err(wrong(ptr, "link object", &value));
    };
    let href = match optional_string(map.swap_remove("href"), ptr, "href")? {
        Some(href) => href,
        None => return Err(ptr.error(DecodeErrorKind::MissingField("href"))),
    };
    let templated = match map.swap_remove("templated") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(other) => {
            ptr.push("templated");
            return Err(wrong(ptr, "boolean", &other));
        }
    };
    Ok(Link {
        href,
        templated,
        title: optional_string(map.swap_remove("title"), ptr, "title")?,
        name: optional_string(map.swap_remove("name"), ptr, "name")?,
        media_type: optional_string(map.swap_remove("type"), ptr, "type")?,
    })
}

fn uses_fx(resource: &Resource) -> bool {
    resource.links.keys().any(|r| r.compact_name().is_some())
        || resource
            .embedded
            .iter()
            .any(|(rel, list)| rel.compact_name().is_some() || list.iter().any(uses_fx))
}

fn write_link(json: &mut JsonOut<'_>, link: &Link) {
    json.open(b'{');
    let mut first = true;
    json.str_member(&mut first, "href", &link.href);
    if link.templated {
        json.key(&mut first, "templated");
        json.value(&Value::Bool(true));
    }
    if let Some(title) = &link.title {
        json.str_member(&mut first, "title", title);
    }
    if let Some(name) = &link.name {
        json.str_member(&mut first, "name", name);
    }
    if let Some(media_type) = &link.media_type {
        json.str_member(&mut first, "type", media_type);
    }
    json.close(b'}', false);
}

fn write_resource(
    json: &mut JsonOut<'_>,
    res: &Resource,
    root: bool,
    path: &mut Pointer,
    depth: usize,
) -> Result<(), EncodeError> {
    if depth > MAX_DEPTH {
        return Err(EncodeError::TooDeep(MAX_DEPTH));
    }
    json.open(b'{');
    let mut first = true;
    let curie = root && uses_fx(res);
    let links = res.links.iter().filter(|(rel, _)| rel.as_str() != "curies");
    if curie || links.clone().next().is_some() {
        json.key(&mut first, "_links");
        json.open(b'{');
        let mut first_link = true;
        if curie {
            json.key(&mut first_link, "curies");
            json.open(b'[');
            let mut first_curie = true;
            json.item(&mut first_curie);
            // Foxy's own member order: name, href, templated.
            json.open(b'{');
            let mut f = true;
            json.str_member(&mut f, "name", FX_CURIE);
            json.str_member(&mut f, "href", &format!("{FX_BASE}{{rel}}"));
            json.key(&mut f, "templated");
            json.value(&Value::Bool(true));
            json.close(b'}', false);
            json.close(b']', false);
        }
        for (rel, list) in links {
            json.key(&mut first_link, &rel.compact());
            if let [only] = list.as_slice() {
                write_link(json, only);
            } else {
                json.open(b'[');
                let mut first_item = true;
                for link in list {
                    json.item(&mut first_item);
                    write_link(json, link);
                }
                json.close(b']', first_item);
            }
        }
        json.close(b'}', first_link);
    }
    if !res.embedded.is_empty() {
        json.key(&mut first, "_embedded");
        json.open(b'{');
        let mut first_rel = true;
        let mark = path.push("_embedded");
        for (rel, list) in &res.embedded {
            let compact = rel.compact();
            json.key(&mut first_rel, &compact);
            json.open(b'[');
            let rel_mark = path.push(&compact);
            let mut first_item = true;
            for (i, item) in list.iter().enumerate() {
                let item_mark = path.push_index(i);
                json.item(&mut first_item);
                write_resource(json, item, false, path, depth + 1)?;
                path.pop(item_mark);
            }
            path.pop(rel_mark);
            json.close(b']', first_item);
        }
        path.pop(mark);
        json.close(b'}', first_rel);
    }
    for (name, value) in &res.properties {
        if name == "_links" || name == "_embedded" {
            return Err(EncodeError::ReservedProperty {
                name: name.clone(),
                path: path.to_string(),
            });
        }
        json.key(&mut first, name);
        json.value(value);
    }
    json.close(b'}', first);
    Ok(())
}
