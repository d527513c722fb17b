//! A breadth-first walk of the sandbox from the API home: every link of every
//! resource reached (one member per collection), each resource read in
//! HAL+JSON, HAL+XML and Siren, read into its generated typed model
//! (`foxy_model::generated`) and checked against foxy-schema's description.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use foxy_proto::{Resource, Value, codec};
use foxy_schema::{Kind, Relation, Schema};

use super::{Client, HAL, SIREN, XML};

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every relation reached, with one href that answered for it.
    pub reached: BTreeMap<String, String>,
    /// Everything that went wrong, one line each.
    pub errors: Vec<String>,
    /// How many documents were read (three per resource).
    pub reads: usize,
    /// How many resources were read zoomed with every relation they can embed.
    pub zooms: usize,
    /// Zoomable relations a zoomed read did not embed (`relation: zoom`).
    pub unzoomed: Vec<String>,
}

const PAGING: &[&str] = &["self", "first", "prev", "next", "last", "curies"];

/// JSON text of a foxy-proto value, read back with serde_json for the schema's checks.
fn to_json(v: &Value) -> serde_json::Value {
    serde_json::from_slice(&codec::json::to_vec(v)).unwrap_or(serde_json::Value::Null)
}

/// Reads `res` into the generated typed model of `relation` (every getter run).
fn typed(relation: &str, res: &Resource, what: &str, errors: &mut Vec<String>) {
    match foxy_model::generated::validate(relation, res) {
        None => errors.push(format!("{relation}: no typed model ({what})")),
        Some(Err(e)) => errors.push(format!("{relation}: the typed model refuses {what}: {e}")),
        Some(Ok(())) => {}
    }
}

/// Checks the properties of `res` against `relation`: each described, each
/// value of its type.
fn check_properties(relation: &Relation, res: &Resource, href: &str, errors: &mut Vec<String>) {
    for (name, value) in &res.properties {
        match relation.property(name) {
            None => errors.push(format!(
                "{}: property {name} is not described ({href})",
                relation.name
            )),
            Some(p) if !p.accepts(&to_json(value)) => errors.push(format!(
                "{}: property {name} = {} does not fit {:?} ({href})",
                relation.name,
                String::from_utf8_lossy(&codec::json::to_vec(value)),
                p.ty
            )),
            Some(_) => {}
        }
    }
}

/// Walks the sandbox `c` points at.
pub fn walk(c: &Client, schema: &Schema) -> Walk {
    let mut w = Walk::default();
    let mut queue: VecDeque<(String, String)> = VecDeque::new();
    let mut done: HashMap<String, bool> = HashMap::new();
    let mut seen_links: HashSet<(String, String)> = HashSet::new();
    let home = c.get("/");
    if home.status != 200 {
        w.errors.push(format!("GET / answered {}", home.status));
        return w;
    }
    push_links(&home.res(), &mut queue, &mut seen_links);
    while let Some((rel, href)) = queue.pop_front() {
        let Some(relation) = schema.relation(&rel) else {
            w.errors
                .push(format!("relation {rel} is not described ({href})"));
            continue;
        };
        let Some(resolved) = schema.resolve(&rel) else {
            w.errors.push(format!("relation {rel} has no type"));
            continue;
        };
        if let Some(ok) = done.get(&href) {
            if *ok {
                w.reached.entry(rel).or_insert(href);
            }
            continue;
        }
        let ok = match &resolved.kind {
            Kind::Action => {
                let r = c.send("OPTIONS", &href, &[], Vec::new());
                let allow = r.header("allow").unwrap_or_default();
                let ok = r.status == 200 && allow.contains("POST");
                if !ok {
                    w.errors.push(format!(
                        "action {rel}: OPTIONS {href} answered {} Allow {allow:?}",
                        r.status
                    ));
                }
                ok
            }
            Kind::External => {
                let r = c.get(&href);
                if r.status != 200 {
                    w.errors
                        .push(format!("external {rel}: GET {href} answered {}", r.status));
                }
                r.status == 200
            }
            Kind::Resource | Kind::Collection { .. } => read(
                c,
                schema,
                relation,
                resolved,
                &href,
                &mut w,
                &mut queue,
                &mut seen_links,
            ),
        };
        done.insert(href.clone(), ok);
        if ok {
            w.reached.entry(rel).or_insert(href);
        }
    }
    w
}

fn push_links(
    res: &Resource,
    queue: &mut VecDeque<(String, String)>,
    seen: &mut HashSet<(String, String)>,
) {
    for (rel, links) in &res.links {
        let name = rel.fx_name().unwrap_or(rel.as_str()).to_owned();
        if PAGING.contains(&name.as_str()) {
            continue;
        }
        for link in links {
            if seen.insert((name.clone(), link.href.clone())) {
                queue.push_back((name.clone(), link.href.clone()));
            }
        }
    }
}

/// Reads a resource or collection in the three media types and checks it.
#[allow(clippy::too_many_arguments)]
fn read(
    c: &Client,
    schema: &Schema,
    relation: &Relation,
    resolved: &Relation,
    href: &str,
    w: &mut Walk,
    queue: &mut VecDeque<(String, String)>,
    seen: &mut HashSet<(String, String)>,
) -> bool {
    let mut docs = Vec::new();
    for media in [HAL, XML, SIREN] {
        let r = c.get_as(href, media);
        w.reads += 1;
        let ct = r.header("content-type").unwrap_or_default();
        if r.status != 200 || !ct.starts_with(media) {
            w.errors.push(format!(
                "{}: GET {href} as {media} answered {} {ct}",
                relation.name, r.status
            ));
            return false;
        }
        let parsed = foxy_proto::MediaType::parse(media)
            .map_err(|e| e.to_string())
            .and_then(|m| codec::parse(m, &r.body).map_err(|e| e.to_string()));
        match parsed {
            Ok(res) => {
                typed(
                    &relation.name,
                    &res,
                    &format!("{href} as {media}"),
                    &mut w.errors,
                );
                docs.push(res);
            }
            Err(e) => {
                w.errors.push(format!(
                    "{}: {href} as {media} does not parse: {e}",
                    relation.name
                ));
                return false;
            }
        }
    }
    let res = &docs[0];
    if docs[1].links.len() != res.links.len() || docs[2].properties.len() != res.properties.len() {
        w.errors.push(format!(
            "{}: the three media types disagree on {href}",
            relation.name
        ));
    }
    match &resolved.kind {
        Kind::Collection { member } => {
            let Some(member_rel) = schema.resolve(member) else {
                w.errors
                    .push(format!("{}: member {member} has no type", relation.name));
                return false;
            };
            for name in ["total_items", "returned_items", "limit", "offset"] {
                if res.property(name).is_none() {
                    w.errors
                        .push(format!("{}: collection {href} lacks {name}", relation.name));
                }
            }
            for list in res.embedded.values() {
                if let Some(first) = list.first() {
                    check_properties(member_rel, first, href, &mut w.errors);
                    typed(member, first, &format!("a member of {href}"), &mut w.errors);
                    if let Some(s) = first.self_href() {
                        if seen.insert((member.clone(), s.to_owned())) {
                            queue.push_back((member.clone(), s.to_owned()));
                        }
                    }
                }
            }
        }
        _ => {
            check_properties(resolved, res, href, &mut w.errors);
            push_links(res, queue, seen);
            if !resolved.zoom.is_empty() && !href.contains('?') {
                let zoomed = c.get(&format!("{href}?zoom={}", resolved.zoom.join(",")));
                if zoomed.status != 200 {
                    w.errors.push(format!(
                        "{}: zoom of {href} answered {}",
                        relation.name, zoomed.status
                    ));
                } else {
                    let doc = zoomed.res();
                    w.zooms += 1;
                    for name in resolved.zoom.iter().filter(|z| !z.contains(':')) {
                        if !doc.embedded.keys().any(|k| k.fx_name() == Some(name)) {
                            w.unzoomed.push(format!("{}: {name}", relation.name));
                        }
                    }
                }
            }
        }
    }
    true
}
