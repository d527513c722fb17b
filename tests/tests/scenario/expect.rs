//! What a step expects (`props`, `no_props`, `links`, `no_links`,
//! `embedded`, `count`, `total_items`, `error`, `status`) checked against
//! its outcome, with the README's equality (numbers by exact decimal value).

use foxy::{Map, Resource, Value};

use super::calls::{Done, Outcome};

const EXPECT_KEYS: &[&str] = &[
    "props",
    "no_props",
    "links",
    "no_links",
    "embedded",
    "count",
    "total_items",
    "error",
    "status",
];

/// Checks `expected` against `outcome`; gives the resource to save.
pub fn check(expected: &Map, outcome: Outcome) -> Result<Option<Resource>, String> {
    if let Some(key) = expected.keys().find(|k| !EXPECT_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown expect key `{key}`"));
    }
    let done = match (expected.get("error"), outcome) {
        (Some(kind), Ok(_)) => {
            return Err(format!(
                "expected an error `{}`, the call succeeded",
                text(kind)
            ));
        }
        (Some(kind), Err(error)) => return check_error(expected, kind, &error).map(|()| None),
        (None, Err(error)) => {
            return Err(format!("failed with `{}`: {error}", error.kind().code()));
        }
        (None, Ok(done)) => done,
    };
    match done {
        Done::Count(count) => {
            if let Some(want) = expected.get("count") {
                same("count", want, &Value::from(count as u64))?;
            }
            Ok(None)
        }
        Done::Resource(resource) => check_resource(expected, &resource).map(|()| Some(*resource)),
    }
}

fn check_error(expected: &Map, kind: &Value, error: &foxy::Error) -> Result<(), String> {
    let got = error.kind().code();
    if kind.as_str() != Some(got) {
        return Err(format!(
            "expected error `{}`, got `{got}`: {error}",
            text(kind)
        ));
    }
    if let Some(status) = expected.get("status") {
        let got = error.status().map(|s| s.as_u16());
        if status.as_i64_lenient() != got.map(i64::from) {
            return Err(format!(
                "expected status {}, got {got:?}: {error}",
                text(status)
            ));
        }
    }
    Ok(())
}

fn check_resource(expected: &Map, resource: &Resource) -> Result<(), String> {
    for (name, want) in object(expected, "props")? {
        let got = resource
            .property(name)
            .ok_or_else(|| format!("property `{name}` is absent"))?;
        same(&format!("property `{name}`"), want, got)?;
    }
    for name in list(expected, "no_props")? {
        if resource.property(&name).is_some() {
            return Err(format!("property `{name}` is present"));
        }
    }
    for rel in list(expected, "links")? {
        if resource.link(rel.as_str()).is_none() {
            return Err(format!("no link `{rel}`"));
        }
    }
    for rel in list(expected, "no_links")? {
        if resource.link(rel.as_str()).is_some() {
            return Err(format!("link `{rel}` is present"));
        }
    }
    for (rel, want) in object(expected, "embedded")? {
        let got = resource.embedded(rel.as_str()).len();
        same(
            &format!("embedded `{rel}` count"),
            want,
            &Value::from(got as u64),
        )?;
    }
    if let Some(want) = expected.get("count") {
        let got: usize = resource.embedded.values().map(Vec::len).sum();
        same("member count", want, &Value::from(got as u64))?;
    }
    if let Some(want) = expected.get("total_items") {
        let got = resource
            .property("total_items")
            .ok_or("property `total_items` is absent")?;
        same("total_items", want, got)?;
    }
    Ok(())
}

fn object<'a>(expected: &'a Map, key: &str) -> Result<Vec<(&'a String, &'a Value)>, String> {
    match expected.get(key) {
        None => Ok(Vec::new()),
        Some(value) => Ok(value
            .as_object()
            .ok_or_else(|| format!("`{key}` is not an object"))?
            .iter()
            .collect()),
    }
}

fn list(expected: &Map, key: &str) -> Result<Vec<String>, String> {
    match expected.get(key) {
        None => Ok(Vec::new()),
        Some(value) => value
            .as_array()
            .ok_or_else(|| format!("`{key}` is not a list"))?
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| format!("`{key}` has a non-string"))
            })
            .collect(),
    }
}

fn same(what: &str, want: &Value, got: &Value) -> Result<(), String> {
    if equal(want, got) {
        Ok(())
    } else {
        Err(format!(
            "{what}: expected {}, got {}",
            text(want),
            text(got)
        ))
    }
}

/// JSON equality; two numbers or decimal strings compare by exact decimal value.
fn equal(want: &Value, got: &Value) -> bool {
    if let (Some(a), Some(b)) = (decimal(want), decimal(got)) {
        return a == b;
    }
    match (want, got) {
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => want == got,
    }
}

/// The canonical text of a decimal number or numeric string (`"24.990"` → `24.99`).
fn decimal(value: &Value) -> Option<String> {
    let text = match value {
        Value::Number(n) => n.as_str().to_owned(),
        Value::String(s) => s.trim().to_owned(),
        _ => return None,
    };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let valid = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !valid(whole) || !valid(fraction) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let mut out = if whole.is_empty() {
        "0".to_owned()
    } else {
        whole.to_owned()
    };
    if !fraction.is_empty() {
        out = format!("{out}.{fraction}");
    }
    if negative && out != "0" {
        out = format!("-{out}");
    }
    Some(out)
}

fn text(value: &Value) -> String {
    String::from_utf8_lossy(&foxy::proto::codec::json::to_vec(value)).into_owned()
}
