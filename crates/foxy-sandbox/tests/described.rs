//! Every relation the sandbox serves (every one the walk from the API home
//! reaches) against its description: OPTIONS answers its methods, a method it
//! does not allow is a 405 with `Allow`, and a create or update without a
//! required property or with an over-long string is a 400 naming the property.
//! One check per relation; failures are reported by relation name.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use std::collections::BTreeSet;

use common::walk::walk;
use common::{Client, start_with};
use foxy_proto::{Map, Value, codec};
use foxy_sandbox::Config;
use foxy_sandbox::described::{seed::sample, validate::LENIENT};
use foxy_schema::{Kind, Method, PropertyType, Relation, Schema};

fn methods(r: &Relation) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = ["OPTIONS".to_owned()].into();
    for (m, name) in [
        (Method::Get, "GET"),
        (Method::Post, "POST"),
        (Method::Put, "PUT"),
        (Method::Patch, "PATCH"),
        (Method::Delete, "DELETE"),
    ] {
        if r.allows(m) {
            set.insert(name.to_owned());
            if m == Method::Get {
                set.insert("HEAD".to_owned());
            }
        }
    }
    set
}

fn body(map: &Map) -> String {
    String::from_utf8(codec::json::to_vec(&Value::Object(map.clone()))).unwrap()
}

/// The 400 of `send`, naming `property`, or what went wrong.
fn refused(c: &Client, method: &str, href: &str, map: &Map, property: &str) -> Result<(), String> {
    let r = c.json(method, href, &body(map));
    if r.status != 400 {
        return Err(format!(
            "{method} {href} answered {} instead of 400",
            r.status
        ));
    }
    let message = r.error_message();
    if !message.contains(property) {
        return Err(format!(
            "{method} {href}: the 400 does not name {property}: {message}"
        ));
    }
    Ok(())
}

/// Where a write to `relation` goes: (method, href, described properties).
fn write_target<'a>(
    schema: &'a Schema,
    relation: &'a Relation,
    href: &str,
) -> Option<(&'static str, String, &'a Relation)> {
    let resolved = schema.resolve(&relation.name)?;
    match &resolved.kind {
        Kind::Collection { member } if resolved.allows(Method::Post) => {
            Some(("POST", href.to_owned(), schema.resolve(member)?))
        }
        Kind::Resource if relation.allows(Method::Patch) => {
            Some(("PATCH", href.to_owned(), resolved))
        }
        _ => None,
    }
}

fn check(
    c: &Client,
    schema: &Schema,
    relation: &Relation,
    href: &str,
    counts: &mut [usize; 3],
) -> Vec<String> {
    let mut fails = Vec::new();
    let href = href.split('?').next().unwrap_or(href).to_owned();
    let resolved = schema.resolve(&relation.name).unwrap_or(relation);
    // OPTIONS.
    let r = c.send("OPTIONS", &href, &[], Vec::new());
    let allow: BTreeSet<String> = r
        .header("allow")
        .unwrap_or_default()
        .split(',')
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .collect();
    if r.status != 200 {
        fails.push(format!("OPTIONS {href} answered {}", r.status));
    } else if allow != methods(relation) && allow != methods(resolved) {
        fails.push(format!(
            "OPTIONS {href} allows {allow:?}, the description {:?}",
            methods(relation)
        ));
    }
    // A method it does not allow.
    let refused_method = ["DELETE", "PUT", "PATCH", "POST", "GET"]
        .into_iter()
        .find(|m| !allow.contains(*m) && !methods(relation).contains(*m));
    if let Some(m) = refused_method {
        counts[0] += 1;
        let r = c.send(
            m,
            &href,
            &[("content-type", "application/json")],
            b"{}".to_vec(),
        );
        if r.status != 405 || r.header("allow").is_none() {
            fails.push(format!(
                "{m} {href} answered {} (Allow {:?})",
                r.status,
                r.header("allow")
            ));
        }
    }
    if relation.kind == Kind::External {
        return fails;
    }
    let Some((method, target, described)) = write_target(schema, relation, &href) else {
        return fails;
    };
    let base = if method == "POST" {
        sample(described, 1)
    } else {
        Map::new()
    };
    // A missing required property (a create only).
    let required = described
        .properties
        .iter()
        .find(|p| p.required && !LENIENT.contains(&(described.name.as_str(), p.name.as_str())));
    if let (Some(p), "POST") = (required, method) {
        counts[1] += 1;
        let mut map = base.clone();
        map.shift_remove(&p.name);
        if let Err(e) = refused(c, method, &target, &map, &p.name) {
            fails.push(format!("without required {}: {e}", p.name));
        }
    }
    // An over-long string.
    let long = described.properties.iter().find(|p| {
        p.max_length.is_some()
            && !p.read_only
            && matches!(
                p.ty,
                PropertyType::String | PropertyType::Enum | PropertyType::Json
            )
    });
    if let Some(p) = long {
        counts[2] += 1;
        let mut map = base;
        let n = p.max_length.unwrap_or(0) as usize + 1;
        map.insert(p.name.clone(), Value::from("x".repeat(n)));
        if let Err(e) = refused(c, method, &target, &map, &p.name) {
            fails.push(format!("over-long {}: {e}", p.name));
        }
    }
    fails
}

#[test]
fn every_served_relation_answers_options_405_and_validation() {
    let sb = start_with(Config::default().with_examples(true));
    let c = Client::authed(&sb);
    let schema = foxy_schema::schema().expect("the description loads");
    let w = walk(&c, schema);
    assert!(
        w.errors.is_empty(),
        "the walk failed:\n{}",
        w.errors.join("\n")
    );
    let mut failing = Vec::new();
    let mut counts = [0; 3];
    for (name, href) in &w.reached {
        let relation = schema.relation(name).unwrap();
        if name == "token" {
            continue; // the OAuth endpoint is not a hypermedia resource
        }
        let fails = check(&c, schema, relation, href, &mut counts);
        if !fails.is_empty() {
            failing.push(format!("{name}:\n    {}", fails.join("\n    ")));
        }
    }
    println!(
        "{} relations checked (OPTIONS each; a refused method on {}, a missing required \
         property on {}, an over-long string on {}), {} failing",
        w.reached.len() - 1,
        counts[0],
        counts[1],
        counts[2],
        failing.len()
    );
    assert!(
        failing.is_empty(),
        "{} relations fail:\n{}",
        failing.len(),
        failing.join("\n")
    );
}
