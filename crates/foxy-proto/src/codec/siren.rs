//! Siren (`application/vnd.siren+json`): class, properties, entities, links, actions.
//!
//! Reading: each link's `rel` array yields one model link per relation, with
//! `href`, `title` and `type` (a link's `class` has no place in the model and
//! is ignored). A sub-entity is read as an embedded resource under each of its
//! relations; an embedded *link* (a sub-entity with `href`) becomes a resource
//! whose `self` link carries `href`, `title` and `type`. The entity `title` is
//! ignored. Action fields keep `name`, `type`, `value` and `title`. An empty
//! collection page gets an empty member list under its own relation: the
//! relation it is embedded under, or the root entity's single `rel` (see
//! `empty_page`).
//!
//! Writing: relations are written in full (`https://api.foxycart.com/rels/..`),
//! one link object per model link. An embedded resource that holds nothing
//! but classes and a single plain `self` link is written as an embedded link.
//! A link's `templated` flag and `name` have no Siren form and are dropped.
//! The root entity has a `rel` only when it is an empty page with one empty
//! member list.

use super::Pointer;
use super::empty_page;
use super::error::{DecodeError, DecodeErrorKind, EncodeError};
use super::json::{JsonOut, MAX_DEPTH};
use crate::rel::Rel;
use crate::resource::{Action, ActionField, Link, Resource};
use crate::value::{Map, Value};

/// Parses a Siren document.
pub fn parse(bytes: &[u8]) -> Result<Resource, DecodeError> {
    from_value(super::json::parse_value(bytes)?)
}

/// Reads a resource from an already parsed JSON value.
pub fn from_value(value: Value) -> Result<Resource, DecodeError> {
    let mut ptr = Pointer::new();
    let (rels, mut res) = entity(value, &mut ptr, 0)?;
    // A single `rel` on the root entity is the document's own relation.
    if let [own] = rels.as_slice() {
        empty_page::restore(&mut res, Some(&Rel::from(own.as_str())));
    }
    Ok(res)
}

/// Writes a resource as indented Siren.
pub fn write(resource: &Resource) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(1024);
    let mut json = JsonOut::new(&mut out, true);
    write_entity(&mut json, resource, None, 0)?;
    out.push(b'\n');
    Ok(out)
}

fn wrong(ptr: &Pointer, expected: &'static str, found: &Value) -> DecodeError {
    ptr.error(DecodeErrorKind::WrongType {
        expected,
        found: found.kind(),
    })
}

/// Runs `f` with `field` pushed on the path.
fn at<T>(
    ptr: &mut Pointer,
    field: &str,
    f: impl FnOnce(&mut Pointer) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    let mark = ptr.push(field);
    let out = f(ptr)?;
    ptr.pop(mark);
    Ok(out)
}

fn array(value: Value, ptr: &Pointer) -> Result<Vec<Value>, DecodeError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(wrong(ptr, "array", &other)),
    }
}

fn strings(map: &mut Map, field: &str, ptr: &mut Pointer) -> Result<Vec<String>, DecodeError> {
    let Some(value) = map.swap_remove(field) else {
        return Ok(Vec::new());
    };
    at(ptr, field, |ptr| {
        array(value, ptr)?
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::String(s) => Ok(s),
                other => at(ptr, &i.to_string(), |ptr| Err(wrong(ptr, "string", &other))),
            })
            .collect()
    })
}

fn optional_string(
    map: &mut Map,
    field: &str,
    ptr: &mut Pointer,
) -> Result<Option<String>, DecodeError> {
    match map.swap_remove(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => at(ptr, field, |ptr| Err(wrong(ptr, "string", &other))),
    }
}

fn required_string(
    map: &mut Map,
    field: &'static str,
    ptr: &mut Pointer,
) -> Result<String, DecodeError> {
    optional_string(map, field, ptr)?.ok_or_else(|| ptr.error(DecodeErrorKind::MissingField(field)))
}

/// Reads the elements of an array member, each with its index on the path.
fn each<T>(
    map: &mut Map,
    field: &str,
    ptr: &mut Pointer,
    mut f: impl FnMut(Value, &mut Pointer) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let Some(value) = map.swap_remove(field) else {
        return Ok(Vec::new());
    };
    at(ptr, field, |ptr| {
        let items = array(value, ptr)?;
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let mark = ptr.push_index(i);
            out.push(f(item, ptr)?);
            ptr.pop(mark);
        }
        Ok(out)
    })
}

fn object(value: Value, ptr: &Pointer) -> Result<Map, DecodeError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(wrong(ptr, "object", &other)),
    }
}

/// Reads an entity; returns its `rel` list (empty at the root) and the resource.
fn entity(
    value: Value,
    ptr: &mut Pointer,
    depth: usize,
) -> Result<(Vec<String>, Resource), DecodeError> {
    if depth > MAX_DEPTH {
        return Err(ptr.error(DecodeErrorKind::TooDeep(MAX_DEPTH)));
    }
    let mut map = object(value, ptr)?;
    let rels = strings(&mut map, "rel", ptr)?;
    if depth > 0 && rels.is_empty() {
        return Err(ptr.error(DecodeErrorKind::MissingField("rel")));
    }
    let mut res = Resource {
        class: strings(&mut map, "class", ptr)?,
        ..Resource::default()
    };
    if let Some(props) = map.swap_remove("properties") {
        res.properties = at(ptr, "properties", |ptr| object(props, ptr))?;
    }
    if let Some(href) = optional_string(&mut map, "href", ptr)? {
        let mut link = Link::new(href);
        link.title = optional_string(&mut map, "title", ptr)?;
        link.media_type = optional_string(&mut map, "type", ptr)?;
        res.add_link(Rel::SELF, link);
    }
    for (rels, link) in each(&mut map, "links", ptr, siren_link)? {
        for_each_rel(rels, link, |rel, link| res.add_link(rel, link));
    }
    for (rels, sub) in each(&mut map, "entities", ptr, |v, ptr| {
        entity(v, ptr, depth + 1)
    })? {
        for_each_rel(rels, sub, |rel, mut sub| {
            empty_page::restore(&mut sub, Some(&rel));
            res.embed(rel, sub);
        });
    }
    res.actions = each(&mut map, "actions", ptr, action)?;
    Ok((rels, res))
}

/// Hands `item` to `f` once per relation, cloning only for the second and later ones.
fn for_each_rel<T: Clone>(rels: Vec<String>, item: T, mut f: impl FnMut(Rel, T)) {
    let mut rels = rels.into_iter().peekable();
    while let Some(rel) = rels.next() {
        if rels.peek().is_some() {
            f(Rel::from(rel), item.clone());
        } else {
            f(Rel::from(rel), item);
            return;
        }
    }
}

fn siren_link(value: Value, ptr: &mut Pointer) -> Result<(Vec<String>, Link), DecodeError> {
    let mut map = object(value, ptr)?;
    let rels = strings(&mut map, "rel", ptr)?;
    if rels.is_empty() {
        return Err(ptr.error(DecodeErrorKind::MissingField("rel")));
    }
    let mut link = Link::new(required_string(&mut map, "href", ptr)?);
    link.title = optional_string(&mut map, "title", ptr)?;
    link.media_type = optional_string(&mut map, "type", ptr)?;
    Ok((rels, link))
}

fn action(value: Value, ptr: &mut Pointer) -> Result<Action, DecodeError> {
    let mut map = object(value, ptr)?;
    Ok(Action {
        name: required_string(&mut map, "name", ptr)?,
        class: strings(&mut map, "class", ptr)?,
        method: optional_string(&mut map, "method", ptr)?,
        href: required_string(&mut map, "href", ptr)?,
        title: optional_string(&mut map, "title", ptr)?,
        media_type: optional_string(&mut map, "type", ptr)?,
        fields: each(&mut map, "fields", ptr, |v, ptr| {
            let mut field = object(v, ptr)?;
            Ok(ActionField {
                name: required_string(&mut field, "name", ptr)?,
                input_type: optional_string(&mut field, "type", ptr)?,
                value: field.swap_remove("value"),
                title: optional_string(&mut field, "title", ptr)?,
            })
        })?,
    })
}

/// The `self` link of a resource that is nothing but an embedded link
/// (empty embedded lists, which are not written, do not count).
fn as_embedded_link(res: &Resource) -> Option<&Link> {
    if !res.properties.is_empty()
        || res.embedded.values().any(|list| !list.is_empty())
        || !res.actions.is_empty()
    {
        return None;
    }
    match res
        .links
        .iter()
        .filter(|(_, l)| !l.is_empty())
        .collect::<Vec<_>>()[..]
    {
        [(rel, list)] if *rel == Rel::SELF && list.len() == 1 => Some(&list[0]),
        _ => None,
    }
}

fn write_strings(json: &mut JsonOut<'_>, first: &mut bool, key: &str, items: &[&str]) {
    json.key(first, key);
    json.open(b'[');
    let mut first_item = true;
    for item in items {
        json.item(&mut first_item);
        json.string(item);
    }
    json.close(b']', first_item);
}

fn write_opt(json: &mut JsonOut<'_>, first: &mut bool, key: &str, value: Option<&String>) {
    if let Some(value) = value {
        json.str_member(first, key, value);
    }
}

fn write_entity(
    json: &mut JsonOut<'_>,
    res: &Resource,
    rel: Option<&Rel>,
    depth: usize,
) -> Result<(), EncodeError> {
    if depth > MAX_DEPTH {
        return Err(EncodeError::TooDeep(MAX_DEPTH));
    }
    json.open(b'{');
    let mut first = true;
    let classes: Vec<&str> = res.class.iter().map(String::as_str).collect();
    if !classes.is_empty() {
        write_strings(json, &mut first, "class", &classes);
    }
    if rel.is_none()
        && let Some(own) = empty_page::root_rel(res)
    {
        // The root's own relation, when an empty page needs it (`empty_page`).
        write_strings(json, &mut first, "rel", &[own.as_str()]);
    }
    if let Some(rel) = rel {
        write_strings(json, &mut first, "rel", &[rel.as_str()]);
        if let Some(link) = as_embedded_link(res) {
            json.str_member(&mut first, "href", &link.href);
            write_opt(json, &mut first, "title", link.title.as_ref());
            write_opt(json, &mut first, "type", link.media_type.as_ref());
            json.close(b'}', false);
            return Ok(());
        }
    }
    if !res.properties.is_empty() {
        json.key(&mut first, "properties");
        json.map(&res.properties);
    }
    if res.embedded.values().any(|l| !l.is_empty()) {
        json.key(&mut first, "entities");
        json.open(b'[');
        let mut first_item = true;
        for (rel, list) in &res.embedded {
            for sub in list {
                json.item(&mut first_item);
                write_entity(json, sub, Some(rel), depth + 1)?;
            }
        }
        json.close(b']', first_item);
    }
    if res.links.values().any(|l| !l.is_empty()) {
        json.key(&mut first, "links");
        json.open(b'[');
        let mut first_item = true;
        for (rel, list) in &res.links {
            for link in list {
                json.item(&mut first_item);
                json.open(b'{');
                let mut f = true;
                write_strings(json, &mut f, "rel", &[rel.as_str()]);
                json.str_member(&mut f, "href", &link.href);
                write_opt(json, &mut f, "title", link.title.as_ref());
                write_opt(json, &mut f, "type", link.media_type.as_ref());
                json.close(b'}', false);
            }
        }
        json.close(b']', first_item);
    }
    if !res.actions.is_empty() {
        json.key(&mut first, "actions");
        json.open(b'[');
        let mut first_item = true;
        for action in &res.actions {
            json.item(&mut first_item);
            write_action(json, action);
        }
        json.close(b']', first_item);
    }
    json.close(b'}', first);
    Ok(())
}

fn write_action(json: &mut JsonOut<'_>, action: &Action) {
    json.open(b'{');
    let mut f = true;
    json.str_member(&mut f, "name", &action.name);
    if !action.class.is_empty() {
        let classes: Vec<&str> = action.class.iter().map(String::as_str).collect();
        write_strings(json, &mut f, "class", &classes);
    }
    write_opt(json, &mut f, "method", action.method.as_ref());
    json.str_member(&mut f, "href", &action.href);
    write_opt(json, &mut f, "title", action.title.as_ref());
    write_opt(json, &mut f, "type", action.media_type.as_ref());
    if !action.fields.is_empty() {
        json.key(&mut f, "fields");
        json.open(b'[');
        let mut first_field = true;
        for field in &action.fields {
            json.item(&mut first_field);
            json.open(b'{');
            let mut g = true;
            json.str_member(&mut g, "name", &field.name);
            write_opt(json, &mut g, "type", field.input_type.as_ref());
            if let Some(value) = &field.value {
                json.key(&mut g, "value");
                json.value(value);
            }
            write_opt(json, &mut g, "title", field.title.as_ref());
            json.close(b'}', false);
        }
        json.close(b']', first_field);
    }
    json.close(b'}', false);
}
