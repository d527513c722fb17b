//! The description against the conformance corpus: every relation the corpus mentions is
//! described, and every property the corpus shows is described with a type that accepts it.

use std::collections::BTreeSet;
use std::path::Path;

use foxy_schema::{Kind, Schema, schema};
use serde_json::Value;

fn loaded() -> &'static Schema {
    match schema() {
        Ok(s) => s,
        Err(e) => panic!("the description does not load: {e}"),
    }
}

/// Every `(name, document)` of the corpus: collection files (arrays) and single documents.
fn corpus_files(dir: &Path) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for folder in ["collections", "documents"] {
        let base = dir.join("foxy-elements").join(folder);
        for path in foxy_proto::testing::files_with_extensions(&base, &[".json"]) {
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
            let text = std::fs::read_to_string(&path);
            let (Some(name), Ok(text)) = (name, text) else {
                panic!("cannot read {}", path.display());
            };
            match serde_json::from_str(&text) {
                Ok(value) => out.push((folder.to_owned(), name, value)),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
    }
    assert!(
        !out.is_empty(),
        "no corpus documents under {}",
        dir.display()
    );
    out
}

fn mentioned_rels(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for key in ["_links", "_embedded"] {
                if let Some(Value::Object(rels)) = map.get(key) {
                    out.extend(rels.keys().filter(|k| k.starts_with("fx:")).cloned());
                }
            }
            map.values().for_each(|v| mentioned_rels(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| mentioned_rels(v, out)),
        _ => {}
    }
}

#[test]
fn every_relation_in_the_corpus_is_described() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let s = loaded();
    let mut found = BTreeSet::new();
    for (_, _, doc) in corpus_files(&dir) {
        mentioned_rels(&doc, &mut found);
    }
    let missing: Vec<&String> = found.iter().filter(|r| s.relation(r).is_none()).collect();
    println!(
        "relations described: {}; relations found in the corpus: {}; missing: {}",
        s.len(),
        found.len(),
        missing.len()
    );
    assert!(missing.is_empty(), "not described: {missing:?}");
}

/// The relation describing the members of a collection file or the document itself.
fn relation_of_file(s: &Schema, folder: &str, name: &str, doc: &Value) -> Option<String> {
    let name = match (folder, name) {
        ("documents", "customerPortalSettings" | "customerPortalSettingsMinimal") => {
            "customer_portal_settings"
        }
        ("documents", "store" | "user") => name,
        // Collection documents and the API home: their embedded resources are checked.
        ("documents", _) => return None,
        (_, n) if n.ends_with("_attributes") => "attribute",
        (_, "property_helpers") => {
            // Each helper names itself in `message` ("fx:countries property helper").
            let message = doc.get("message").and_then(Value::as_str).unwrap_or("");
            let helper = message.split_whitespace().next().unwrap_or("");
            return Some(
                match helper {
                    "fx:payment_gateways" => "payment_gateway_types",
                    "fx:hosted_payment_gateways" => "hosted_payment_gateway_types",
                    other => other,
                }
                .to_owned(),
            );
        }
        (_, n) => n,
    };
    let r = s.resolve(name)?;
    Some(r.member().unwrap_or(&r.name).to_owned())
}

/// Checks one resource against `relation`, then its embedded resources; appends mismatches.
fn check(s: &Schema, relation: &str, doc: &Value, at: &str, out: &mut Vec<String>, n: &mut usize) {
    let Value::Object(map) = doc else {
        return;
    };
    let Some(r) = s.resolve(relation) else {
        out.push(format!("{at}: relation {relation} is not described"));
        return;
    };
    for (key, value) in map.iter().filter(|(k, _)| !k.starts_with('_')) {
        *n += 1;
        match r.property(key) {
            None => out.push(format!("{at}: {}.{key} is not described", r.name)),
            Some(p) if !p.accepts(value) => out.push(format!(
                "{at}: {}.{key} is {:?}{} but the corpus has {value}",
                r.name,
                p.ty,
                if p.nullable { " (nullable)" } else { "" }
            )),
            Some(_) => {}
        }
    }
    check_embedded(s, doc, at, out, n);
}

/// Checks the embedded resources of `doc`, each against the relation it is embedded under.
fn check_embedded(s: &Schema, doc: &Value, at: &str, out: &mut Vec<String>, n: &mut usize) {
    if let Some(Value::Object(embedded)) = doc.get("_embedded") {
        for (rel, value) in embedded {
            let target = match s.resolve(rel) {
                Some(t) => match &t.kind {
                    Kind::Collection { member } => member.clone(),
                    _ => t.name.clone(),
                },
                None => {
                    out.push(format!("{at}: embedded {rel} is not described"));
                    continue;
                }
            };
            let items = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            for item in items {
                check(s, &target, item, &format!("{at} > {rel}"), out, n);
            }
        }
    }
}

#[test]
fn every_corpus_property_is_described_with_a_type_that_accepts_it() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let s = loaded();
    let (mut mismatches, mut checked, mut documents) = (Vec::new(), 0, 0);
    for (folder, name, doc) in corpus_files(&dir) {
        let items: Vec<&Value> = match &doc {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for (i, item) in items.into_iter().enumerate() {
            documents += 1;
            let at = format!("{folder}/{name}.json[{i}]");
            match relation_of_file(s, &folder, &name, item) {
                Some(rel) => check(s, &rel, item, &at, &mut mismatches, &mut checked),
                // Documents without a relation of their own: only their embedded resources.
                None => check_embedded(s, item, &at, &mut mismatches, &mut checked),
            }
        }
    }
    println!(
        "corpus resources: {documents}; property values checked: {checked}; mismatches: {}",
        mismatches.len()
    );
    for m in &mismatches {
        println!("  {m}");
    }
    assert!(checked > 1000, "only {checked} property values checked");
    assert!(
        mismatches.is_empty(),
        "{} mismatches (printed above)",
        mismatches.len()
    );
}

/// The checker itself finds a wrong type and an undescribed property.
#[test]
fn the_property_check_reports_wrong_types_and_unknown_properties() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let data = r#"{"relations": [
        {"name": "coupons", "kind": "collection", "member": "coupon", "description": "C.", "sources": ["corpus"]},
        {"name": "coupon", "kind": "resource", "description": "C.", "sources": ["corpus"],
         "properties": [{"name": "name", "type": "integer"}]}]}"#;
    let s = match Schema::from_files([("t.json", data)]) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    };
    let coupons = corpus_files(&dir)
        .into_iter()
        .find(|(_, n, _)| n == "coupons")
        .map(|(_, _, d)| d);
    let Some(Value::Array(items)) = coupons else {
        panic!("collections/coupons.json is not an array");
    };
    let (mut out, mut n) = (Vec::new(), 0);
    for item in &items {
        check(&s, "coupon", item, "coupons", &mut out, &mut n);
    }
    assert!(
        out.iter().any(|m| m.contains("coupon.name is Integer")),
        "{out:?}"
    );
    assert!(
        out.iter()
            .any(|m| m.contains("coupon.combinable is not described"))
    );
}
