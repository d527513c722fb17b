//! Resources built from fuzzer bytes, for the structure-aware targets.
//!
//! Every part of the model is reachable: classes, properties of every value
//! kind (numbers as valid JSON number text), links with every attribute,
//! relations around the shapes that matter (`fx:`, Foxy's base, `//`,
//! colons), embedded resources, actions, and collection pages with empty
//! member lists. Strings are arbitrary Unicode, often cleaned of the
//! characters XML cannot carry so that HAL+XML writes most documents.

use foxy_proto::rel::FX_BASE;
use foxy_proto::{Action, ActionField, Link, Map, Number, Rel, Resource, Value};
use libfuzzer_sys::arbitrary::{Result, Unstructured};

/// How deep embedded resources and nested values go.
const MAX_DEPTH: u32 = 3;

/// A resource from the fuzzer's bytes.
///
/// # Errors
/// When the bytes run out (the target then skips the input).
pub fn resource(u: &mut Unstructured<'_>) -> Result<Resource> {
    resource_at(u, MAX_DEPTH)
}

fn resource_at(u: &mut Unstructured<'_>, depth: u32) -> Result<Resource> {
    let mut r = Resource::new();
    for _ in 0..u.int_in_range(0..=2)? {
        r.class.push(text(u)?);
    }
    for _ in 0..u.int_in_range(0..=5)? {
        let key = key(u)?;
        let value = value(u, depth)?;
        r.properties.insert(key, value);
    }
    for _ in 0..u.int_in_range(0..=3)? {
        let rel = rel(u)?;
        let list = r.links.entry(rel).or_default();
        for _ in 0..u.int_in_range(0..=2)? {
            list.push(link(u)?);
        }
    }
    if depth > 0 {
        for _ in 0..u.int_in_range(0..=2)? {
            let rel = rel(u)?;
            let mut list = Vec::new();
            for _ in 0..u.int_in_range(0..=2)? {
                list.push(resource_at(u, depth - 1)?);
            }
            r.embedded.entry(rel).or_default().extend(list);
        }
    }
    for _ in 0..u.int_in_range(0..=1)? {
        r.actions.push(action(u, depth)?);
    }
    if u.ratio(1, 4)? {
        page(u, &mut r)?;
    }
    Ok(r)
}

/// Makes `r` a collection page: counters (`returned_items` often zero) and
/// possibly empty member lists.
fn page(u: &mut Unstructured<'_>, r: &mut Resource) -> Result<()> {
    let returned = match u.int_in_range(0..=3)? {
        0 => Value::from(0i64),
        1 => Value::from("0"),
        2 => Value::from(u.int_in_range(0..=3u64)?),
        _ => Value::String(text(u)?),
    };
    r.set_property("total_items", "0");
    r.set_property("returned_items", returned);
    r.set_property("limit", 20i64);
    r.set_property("offset", 0i64);
    if u.arbitrary()? {
        r.embedded.clear();
    }
    for _ in 0..u.int_in_range(0..=2)? {
        let rel = rel(u)?;
        r.embedded.entry(rel).or_default();
    }
    Ok(())
}

/// Arbitrary text, usually without the characters XML 1.0 cannot carry.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let raw: String = u.arbitrary()?;
    if u.ratio(1, 8)? {
        return Ok(raw);
    }
    Ok(raw
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || !(c < ' ' || c == '\u{fffe}' || c == '\u{ffff}')
        })
        .collect())
}

fn key(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0..=3)? {
        0 => u
            .choose(&[
                "link",
                "resource",
                "property",
                "item",
                "type",
                "name",
                "xmlns",
                "total_items",
                "returned_items",
                "_links",
                "_embedded",
            ])?
            .to_string(),
        1 => {
            let s = text(u)?;
            s.chars().filter(char::is_ascii_alphanumeric).collect()
        }
        _ => text(u)?,
    })
}

fn number(u: &mut Unstructured<'_>) -> Result<Number> {
    let text = match u.int_in_range(0..=2)? {
        0 => u.arbitrary::<i64>()?.to_string(),
        1 => format!("{}.{}", u.arbitrary::<u32>()?, u.arbitrary::<u16>()?),
        _ => format!(
            "-{}e{}{}",
            u.arbitrary::<u64>()?,
            u.choose(&["", "+", "-"])?,
            u.int_in_range(0..=400u32)?
        ),
    };
    // Every branch writes the JSON number grammar.
    Ok(text.parse().unwrap_or_else(|_| Number::from(0i64)))
}

fn value(u: &mut Unstructured<'_>, depth: u32) -> Result<Value> {
    let kinds = if depth > 0 { 6 } else { 4 };
    Ok(match u.int_in_range(0..=kinds - 1)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::Number(number(u)?),
        3 => Value::String(text(u)?),
        4 => {
            let mut items = Vec::new();
            for _ in 0..u.int_in_range(0..=3)? {
                items.push(value(u, depth - 1)?);
            }
            Value::Array(items)
        }
        _ => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=3)? {
                let key = key(u)?;
                let v = value(u, depth - 1)?;
                map.insert(key, v);
            }
            Value::Object(map)
        }
    })
}

/// A relation: a well-known one, Foxy's with an arbitrary name, a compact
/// form, or arbitrary text.
fn rel(u: &mut Unstructured<'_>) -> Result<Rel> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Rel::from(*u.choose(&[
            "self",
            "next",
            "curies",
            "fx:store",
            "fx:attributes",
            "fx://x",
            "https://api.foxycart.com/rels///x",
            "https://example.com/rels/other",
        ])?),
        1 => Rel::canonical(format!("{FX_BASE}{}", text(u)?)),
        2 => Rel::from(format!("fx:{}", text(u)?)),
        3 => Rel::canonical(format!("{}:{}", text(u)?, text(u)?)),
        _ => Rel::canonical(text(u)?),
    })
}

fn optional_text(u: &mut Unstructured<'_>) -> Result<Option<String>> {
    if u.arbitrary()? {
        Ok(Some(text(u)?))
    } else {
        Ok(None)
    }
}

fn link(u: &mut Unstructured<'_>) -> Result<Link> {
    Ok(Link {
        href: text(u)?,
        title: optional_text(u)?,
        templated: u.arbitrary()?,
        name: optional_text(u)?,
        media_type: optional_text(u)?,
    })
}

fn action(u: &mut Unstructured<'_>, depth: u32) -> Result<Action> {
    let mut fields = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        fields.push(ActionField {
            name: text(u)?,
            input_type: optional_text(u)?,
            value: if u.arbitrary()? {
                Some(value(u, depth)?)
            } else {
                None
            },
            title: optional_text(u)?,
        });
    }
    Ok(Action {
        name: text(u)?,
        class: if u.arbitrary()? {
            vec![text(u)?]
        } else {
            Vec::new()
        },
        method: optional_text(u)?,
        href: text(u)?,
        title: optional_text(u)?,
        media_type: optional_text(u)?,
        fields,
    })
}
