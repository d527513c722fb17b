//! The embedded description loads and is consistent; lookups work; bad data gets typed errors.

use std::collections::HashSet;

use foxy_schema::{Kind, Method, PropertyType, Schema, SchemaError, schema};

fn loaded() -> &'static Schema {
    match schema() {
        Ok(s) => s,
        Err(e) => panic!("the description does not load: {e}"),
    }
}

#[test]
fn every_data_file_loads_and_is_consistent() {
    let s = loaded();
    let names: HashSet<&str> = s.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), s.len(), "duplicate relation names");
    for r in s.iter() {
        for link in &r.links {
            assert!(
                names.contains(link.target.as_str()),
                "{}: link {} -> {}",
                r.name,
                link.rel,
                link.target
            );
        }
        if let Kind::Collection { member } = &r.kind {
            assert!(
                names.contains(member.as_str()),
                "{}: member {member}",
                r.name
            );
        }
        let mut props = HashSet::new();
        for p in &r.properties {
            assert!(props.insert(&p.name), "{}.{} twice", r.name, p.name);
            assert_eq!(
                p.ty == PropertyType::Enum,
                !p.values.is_empty(),
                "{}.{}",
                r.name,
                p.name
            );
        }
        assert!(!r.description.is_empty(), "{} has no description", r.name);
        assert!(!r.methods.is_empty(), "{} allows no method", r.name);
        assert!(s.resolve(&r.name).is_some(), "{} does not resolve", r.name);
    }
    let properties: usize = s.iter().map(|r| r.properties.len()).sum();
    println!("relations described: {}, properties: {properties}", s.len());
    assert!(s.len() >= 180, "only {} relations", s.len());
}

#[test]
fn lookups_accept_short_curie_and_url_names() {
    let s = loaded();
    let short = s.relation("coupon_codes").map(|r| r.name.as_str());
    assert_eq!(short, Some("coupon_codes"));
    assert_eq!(
        s.relation("fx:coupon_codes").map(|r| r.curie()),
        Some("fx:coupon_codes".into())
    );
    assert!(
        s.relation("https://api.foxycart.com/rels/coupon_codes")
            .is_some()
    );
    assert!(s.relation("no_such_relation").is_none());
    let codes = s.relation("coupon_codes").map(|r| r.member());
    assert_eq!(codes, Some(Some("coupon_code")));
}

#[test]
fn facts_from_the_pages_are_kept() {
    let s = loaded();
    let code = s.relation("coupon_code").and_then(|r| r.property("code"));
    let code = code.map(|p| (p.ty, p.required, p.max_length));
    assert_eq!(code, Some((PropertyType::String, true, Some(50))));
    let price = s
        .relation("item")
        .and_then(|r| r.property("price"))
        .map(|p| (p.ty, p.required));
    assert_eq!(price, Some((PropertyType::Decimal, true)));
    let password = s.relation("customer").and_then(|r| r.property("password"));
    assert_eq!(
        password.map(|p| (p.write_only, p.read_only)),
        Some((true, false))
    );
    let id = s
        .relation("customer")
        .and_then(|r| r.property("id"))
        .map(|p| p.read_only);
    assert_eq!(id, Some(true));
    let tax_type = s.relation("tax").and_then(|r| r.property("type"));
    assert!(tax_type.is_some_and(|p| p.ty == PropertyType::Enum && p.required));
    assert!(tax_type.is_some_and(|p| p.values.iter().any(|v| v == "custom_tax_endpoint")));
    let card = s
        .relation("payment_method")
        .and_then(|r| r.property("cc_number"));
    assert_eq!(card.map(|p| p.write_only), Some(true));
    let expiring = s
        .relation("payment_methods_expiring")
        .and_then(|r| r.member());
    assert_eq!(expiring, Some("payment_method_expiring"));
}

#[test]
fn kinds_methods_links_and_aliases() {
    let s = loaded();
    let void = s
        .relation("fx:void")
        .map(|r| (r.kind.clone(), r.allows(Method::Post)));
    assert_eq!(void, Some((Kind::Action, true)));
    let transaction = s.relation("transaction");
    assert!(
        transaction.is_some_and(|t| t.link("fx:void").is_some() && t.link("capture").is_some())
    );
    let billing = s
        .resolve("default_billing_address")
        .map(|r| r.name.as_str());
    assert_eq!(billing, Some("customer_address"));
    let cart = s.relation("cart");
    assert!(cart.is_some_and(|c| c.zoom.iter().any(|z| z == "items:item_options")));
    assert!(
        s.relation("carts")
            .is_some_and(|c| !c.allows(Method::Delete))
    );
    assert_eq!(
        s.relation("store").and_then(|r| r.path.as_deref()),
        Some("stores/{id}")
    );
}

fn one(name: &str, text: &str) -> Result<Schema, SchemaError> {
    Schema::from_files([(name, text)])
}

const OK: &str = r#"{"name": "a", "kind": "resource", "description": "A.", "methods": ["GET"], "sources": ["corpus"]}"#;

#[test]
fn bad_data_gets_typed_errors() {
    assert!(matches!(one("x.json", "{"), Err(SchemaError::Parse { file, .. }) if file == "x.json"));
    let unknown_field = r#"{"relations": [{"name": "a", "kind": "resource", "description": "", "sources": ["corpus"], "colour": 1}]}"#;
    assert!(matches!(
        one("x.json", unknown_field),
        Err(SchemaError::Parse { .. })
    ));
    let twice = format!(r#"{{"relations": [{OK}, {OK}]}}"#);
    assert_eq!(
        one("x.json", &twice).err(),
        Some(SchemaError::Duplicate("a".into()))
    );
    let dangling = r#"{"relations": [{"name": "a", "kind": "resource", "description": "A.", "methods": ["GET"], "sources": ["corpus"], "links": {"b": "b"}}]}"#;
    assert!(
        matches!(one("x.json", dangling), Err(SchemaError::UnknownRelation { target, .. }) if target == "b")
    );
    let memberless = r#"{"relations": [{"name": "a", "kind": "collection", "description": "A.", "sources": ["corpus"]}]}"#;
    assert!(matches!(
        one("x.json", memberless),
        Err(SchemaError::BadRelation { .. })
    ));
    let empty_enum = r#"{"relations": [{"name": "a", "kind": "resource", "description": "A.", "sources": ["corpus"], "properties": [{"name": "p", "type": "enum"}]}]}"#;
    assert!(
        matches!(one("x.json", empty_enum), Err(SchemaError::BadProperty { property, .. }) if property == "p")
    );
    let cycle = r#"{"relations": [{"name": "a", "kind": "resource", "alias_of": "b", "description": "A.", "sources": ["corpus"]}, {"name": "b", "kind": "resource", "alias_of": "a", "description": "B.", "sources": ["corpus"]}]}"#;
    assert!(matches!(
        one("x.json", cycle),
        Err(SchemaError::BadRelation { .. })
    ));
    let bad_zoom = r#"{"relations": [{"name": "a", "kind": "resource", "description": "A.", "sources": ["corpus"], "zoom": ["a:nope"]}]}"#;
    assert!(
        matches!(one("x.json", bad_zoom), Err(SchemaError::UnknownRelation { target, .. }) if target == "nope")
    );
    assert!(one("x.json", &format!(r#"{{"relations": [{OK}]}}"#)).is_ok());
}
