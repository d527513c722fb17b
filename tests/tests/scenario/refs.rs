//! References to saved results (`$cart`, `$cart.link:fx:items`,
//! `$cart.prop:total_order`, `$page.member:0`), replaced recursively.

use foxy::{Map, Resource, Value};

use super::Run;

/// `value` with every string that is exactly a reference replaced.
pub fn substitute(run: &Run, value: &Value) -> Result<Value, String> {
    Ok(match value {
        Value::String(text) if text.starts_with('$') => resolve(run, text)?,
        Value::Array(list) => Value::Array(
            list.iter()
                .map(|v| substitute(run, v))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                out.insert(key.clone(), substitute(run, v)?);
            }
            Value::Object(out)
        }
        other => other.clone(),
    })
}

fn resolve(run: &Run, reference: &str) -> Result<Value, String> {
    let body = &reference[1..];
    let (name, part) = match body.split_once('.') {
        Some((name, part)) => (name, Some(part)),
        None => (body, None),
    };
    let saved = run
        .saved
        .get(name)
        .ok_or_else(|| format!("`{reference}`: nothing saved as `{name}`"))?;
    let missing = |what: &str| format!("`{reference}`: the saved `{name}` has no {what}");
    let href = |resource: &Resource, what: &str| {
        resource
            .self_href()
            .map(|h| Value::from(h.to_owned()))
            .ok_or_else(|| missing(what))
    };
    match part {
        None => href(saved, "self link"),
        Some(part) => {
            if let Some(rel) = part.strip_prefix("link:") {
                saved
                    .link(rel)
                    .map(|l| Value::from(l.href.clone()))
                    .ok_or_else(|| missing(&format!("link {rel}")))
            } else if let Some(prop) = part.strip_prefix("prop:") {
                saved
                    .property(prop)
                    .cloned()
                    .ok_or_else(|| missing(&format!("property {prop}")))
            } else if let Some(index) = part.strip_prefix("member:") {
                let index: usize = index
                    .parse()
                    .map_err(|_| format!("`{reference}`: not a member index"))?;
                let members: Vec<&Resource> = saved.embedded.values().flatten().collect();
                let member = members
                    .get(index)
                    .ok_or_else(|| missing(&format!("member {index}")))?;
                href(member, &format!("self link on member {index}"))
            } else {
                Err(format!("`{reference}`: unknown reference form"))
            }
        }
    }
}
