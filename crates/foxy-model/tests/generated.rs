//! The generated model against the description and the conformance corpus.
//!
//! - The `RELATIONS` table is the description as the generator saw it: the same relations,
//!   properties, types and links (a stale generation fails here as well as in
//!   `cargo xtask codegen --check`).
//! - Every relation the corpus mentions has an entry, and a type when it is a resource or a
//!   collection (that it is described at all is foxy-schema's own corpus test).
//! - Every corpus document of a described relation, and every resource embedded in one, is read
//!   through its generated type: each typed getter succeeds, each present property written back
//!   with its typed setter leaves the resource unchanged, and the resource written as HAL+JSON
//!   equals the original document.

use std::collections::BTreeSet;
use std::path::Path;

use foxy_model::generated::{self, RELATIONS};
use foxy_model::typed::{
    RelationKind, TypedCollection, TypedResource, ValueType, read_property, write_property,
};
use foxy_proto::codec::{self, json};
use foxy_proto::{MediaType, Resource, Value};
use foxy_schema::{Kind, PropertyType};

fn description() -> &'static foxy_schema::Schema {
    match foxy_schema::schema() {
        Ok(s) => s,
        Err(e) => panic!("the description does not load: {e}"),
    }
}

fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    json::parse_value(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every `(folder, file stem, document)` of foxy-elements.
fn corpus(dir: &Path) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for folder in ["collections", "documents"] {
        let base = dir.join("foxy-elements").join(folder);
        for path in foxy_proto::testing::files_with_extensions(&base, &[".json"]) {
            let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            out.push((folder.to_owned(), stem, read_json(&path)));
        }
    }
    assert!(out.len() > 70, "only {} corpus files", out.len());
    out
}

#[test]
fn the_table_is_the_description() {
    let s = description();
    let names: Vec<&str> = s.iter().map(|r| r.name.as_str()).collect();
    let table: Vec<&str> = RELATIONS.iter().map(|r| r.name).collect();
    assert_eq!(
        table, names,
        "RELATIONS is stale: run `cargo xtask codegen`"
    );
    for (info, r) in RELATIONS.iter().zip(s.iter()) {
        let kind = match r.kind {
            Kind::Resource => RelationKind::Resource,
            Kind::Collection { .. } => RelationKind::Collection,
            Kind::Action => RelationKind::Action,
            Kind::External => RelationKind::External,
        };
        assert_eq!(info.kind, kind, "{}", r.name);
        assert_eq!(info.family, r.family, "{}", r.name);
        assert_eq!(info.alias_of, r.alias_of.as_deref(), "{}", r.name);
        assert_eq!(info.member, r.member(), "{}", r.name);
        let has_type = match r.kind {
            Kind::Resource | Kind::Collection { .. } => true,
            Kind::Action => !r.properties.is_empty(),
            Kind::External => false,
        };
        assert_eq!(info.type_name.is_some(), has_type, "{}", r.name);
        if r.alias_of.is_none() {
            let props: Vec<(&str, ValueType)> =
                info.properties.iter().map(|p| (p.name, p.ty)).collect();
            let described: Vec<(&str, ValueType)> = r
                .properties
                .iter()
                .map(|p| {
                    let ty = match p.ty {
                        PropertyType::String => ValueType::Text,
                        PropertyType::Integer => ValueType::Integer,
                        PropertyType::Decimal => ValueType::Decimal,
                        PropertyType::Boolean => ValueType::Boolean,
                        PropertyType::Date => ValueType::Date,
                        PropertyType::DateTime => ValueType::DateTime,
                        PropertyType::Enum => ValueType::Enum,
                        PropertyType::Json => ValueType::Json,
                    };
                    (p.name.as_str(), ty)
                })
                .collect();
            if has_type {
                assert_eq!(props, described, "{}: properties", r.name);
                let links: Vec<(&str, &str)> =
                    info.links.iter().map(|l| (l.rel, l.target)).collect();
                let described: Vec<(&str, &str)> = r
                    .links
                    .iter()
                    .map(|l| (l.rel.as_str(), l.target.as_str()))
                    .collect();
                assert_eq!(links, described, "{}: links", r.name);
            }
        }
        assert_eq!(generated::relation(&r.curie()), Some(info));
    }
    let types = RELATIONS.iter().filter(|r| r.type_name.is_some()).count();
    println!(
        "relations: {}; with a generated type: {types}",
        RELATIONS.len()
    );
    assert!(types >= 160, "only {types} relations have a type");
}

fn mentioned_rels(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for key in ["_links", "_embedded"] {
                if let Some(Value::Object(rels)) = map.get(key) {
                    out.extend(
                        rels.keys()
                            .filter_map(|k| k.strip_prefix("fx:"))
                            .map(str::to_owned),
                    );
                }
            }
            map.values().for_each(|v| mentioned_rels(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| mentioned_rels(v, out)),
        _ => {}
    }
}

#[test]
fn every_corpus_relation_has_a_generated_entry() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let mut found = BTreeSet::new();
    for (_, _, doc) in corpus(&dir) {
        mentioned_rels(&doc, &mut found);
    }
    let mut missing = Vec::new();
    for rel in &found {
        match generated::relation(rel) {
            None => missing.push(format!("{rel}: no entry")),
            Some(info)
                if matches!(info.kind, RelationKind::Resource | RelationKind::Collection)
                    && info.type_name.is_none() =>
            {
                missing.push(format!("{rel}: no type"));
            }
            Some(_) => {}
        }
    }
    println!("corpus relations: {}", found.len());
    assert!(found.len() > 100, "only {} relations found", found.len());
    assert!(missing.is_empty(), "{missing:?}");
}

/// The relation whose type reads a corpus file's documents (as foxy-schema's corpus test maps
/// them), or `None` for a document that only embeds described resources.
fn relation_of_file(folder: &str, name: &str, doc: &Value) -> Option<String> {
    let s = description();
    let name = match (folder, name) {
        ("documents", "customerPortalSettings" | "customerPortalSettingsMinimal") => {
            "customer_portal_settings".to_owned()
        }
        ("documents", "store" | "user") => name.to_owned(),
        ("documents", "bookmark") => return None,
        // The collection documents: read as the collection relation itself.
        ("documents", n) => return Some(n.to_owned()),
        (_, n) if n.ends_with("_attributes") => "attribute".to_owned(),
        (_, "property_helpers") => {
            let message = doc
                .as_object()
                .and_then(|o| o.get("message"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let helper = message.split_whitespace().next().unwrap_or("");
            match helper.strip_prefix("fx:").unwrap_or(helper) {
                "payment_gateways" => "payment_gateway_types".to_owned(),
                "hosted_payment_gateways" => "hosted_payment_gateway_types".to_owned(),
                other => other.to_owned(),
            }
        }
        (_, n) => n.to_owned(),
    };
    let r = s.resolve(&name)?;
    Some(r.member().unwrap_or(&r.name).to_owned())
}

/// The relation whose type reads a resource embedded under `rel`.
fn embedded_relation(rel: &str) -> Option<String> {
    let r = description().resolve(rel)?;
    Some(r.member().unwrap_or(&r.name).to_owned())
}

/// Checks one resource as `relation`, then everything embedded in it; counts what it checked.
fn check(relation: &str, resource: &Resource, at: &str, out: &mut Vec<String>, n: &mut Counts) {
    n.resources += 1;
    match generated::validate(relation, resource) {
        None => out.push(format!("{at}: {relation} has no generated type")),
        Some(Err(e)) => out.push(format!("{at}: {relation}: {e}")),
        Some(Ok(())) => {}
    }
    if let Some(info) = generated::relation(relation) {
        // Aliases describe their target's properties.
        let info = info.alias_of.and_then(generated::relation).unwrap_or(info);
        let mut rewritten = resource.clone();
        for p in info.properties {
            if resource.property(p.name).is_none() {
                continue;
            }
            n.properties += 1;
            match read_property(resource, p) {
                Ok(value) => {
                    if let Err(e) = write_property(&mut rewritten, p, value) {
                        out.push(format!("{at}: {relation}.{}: {e}", p.name));
                    }
                }
                Err(e) => out.push(format!("{at}: {relation}.{}: {e}", p.name)),
            }
        }
        if &rewritten != resource {
            out.push(format!(
                "{at}: {relation}: writing the typed values back changed it"
            ));
        }
    }
    for (rel, children) in &resource.embedded {
        let Some(name) = rel.fx_name() else {
            continue;
        };
        let Some(child_relation) = embedded_relation(name) else {
            out.push(format!("{at}: embedded {name} is not described"));
            continue;
        };
        for (i, child) in children.iter().enumerate() {
            check(
                &child_relation,
                child,
                &format!("{at} > {name}[{i}]"),
                out,
                n,
            );
        }
    }
}

#[derive(Default)]
struct Counts {
    documents: usize,
    resources: usize,
    properties: usize,
}

/// Removes the `curies` a HAL+JSON document may carry: the writer puts the `fx` curie on the
/// top-level resource only (it is syntax, not part of the resource model).
fn without_curies(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| match (k.as_str(), v) {
                    ("_links", Value::Object(links)) => {
                        let mut links = links.clone();
                        links.shift_remove("curies");
                        (k.clone(), without_curies(&Value::Object(links)))
                    }
                    _ => (k.clone(), without_curies(v)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_curies).collect()),
        other => other.clone(),
    }
}

#[test]
fn every_corpus_document_round_trips_through_its_generated_type() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let (mut failures, mut n) = (Vec::new(), Counts::default());
    for (folder, name, doc) in corpus(&dir) {
        let items: Vec<&Value> = match (folder.as_str(), &doc) {
            ("collections", Value::Array(items)) => items.iter().collect(),
            _ => vec![&doc],
        };
        for (i, item) in items.into_iter().enumerate() {
            n.documents += 1;
            let at = format!("{folder}/{name}.json[{i}]");
            let resource = match codec::parse(MediaType::HalJson, &json::to_vec(item)) {
                Ok(r) => r,
                Err(e) => panic!("{at}: {e}"),
            };
            match relation_of_file(&folder, &name, item) {
                Some(relation) => check(&relation, &resource, &at, &mut failures, &mut n),
                None => {
                    for (rel, children) in &resource.embedded {
                        let name = rel.fx_name().unwrap_or_default();
                        match embedded_relation(name) {
                            Some(r) => children
                                .iter()
                                .for_each(|c| check(&r, c, &at, &mut failures, &mut n)),
                            None => failures.push(format!("{at}: embedded {name} not described")),
                        }
                    }
                }
            }
            let written = codec::write(MediaType::HalJson, &resource)
                .map_err(|e| e.to_string())
                .and_then(|b| json::parse_value(&b).map_err(|e| e.to_string()));
            match written {
                Ok(w) if without_curies(&w) == without_curies(item) => {}
                Ok(w) => failures.push(format!(
                    "{at}: written back, it differs:\n{}",
                    String::from_utf8_lossy(&json::to_vec(&without_curies(&w)))
                )),
                Err(e) => failures.push(format!("{at}: {e}")),
            }
        }
    }
    println!(
        "documents: {}; resources read through a generated type: {}; properties read and written back: {}",
        n.documents, n.resources, n.properties
    );
    assert!(n.documents > 300, "only {} documents", n.documents);
    assert!(n.properties > 3000, "only {} properties", n.properties);
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn first_of(dir: &Path, collection: &str) -> Resource {
    let all = read_json(&dir.join(format!("foxy-elements/collections/{collection}.json")));
    let Some(first) = all.as_array().and_then(|a| a.first()) else {
        panic!("{collection}: no document");
    };
    codec::parse(MediaType::HalJson, &json::to_vec(first)).expect("parses")
}

/// A typed round trip through the generated type itself, not the dispatch.
fn typed_round_trip<T: TypedResource + Clone>(resource: &Resource) -> T {
    let typed = T::from_resource(resource.clone());
    assert_eq!(typed.validate(), Ok(()), "{}", T::RELATION);
    assert_eq!(&typed.clone().into_resource(), resource, "{}", T::RELATION);
    typed
}

#[test]
fn typed_getters_links_and_embedded_resources_read_the_corpus() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let cart: generated::Cart = typed_round_trip(&first_of(&dir, "carts"));
    let view = cart.to_view().expect("the hand-written view reads it too");
    assert_eq!(
        cart.total_order().expect("decimal"),
        view.total_order.as_ref().map(|m| m.value())
    );
    assert_eq!(
        cart.total_order().expect("decimal").map(|d| d.to_string()),
        Some("158.99".into())
    );
    assert_eq!(cart.billing_first_name(), Ok(None));
    assert!(cart.create_session_href().is_some());
    assert_eq!(view.to_generated(), cart);

    let store: generated::Store = typed_round_trip(&first_of(&dir, "stores"));
    assert!(store.checkout_type().expect("enum").is_some());
    assert!(store.carts_href().is_some());

    let attribute: generated::Attribute = typed_round_trip(&first_of(&dir, "cart_attributes"));
    assert_eq!(
        attribute.visibility(),
        Ok(Some(generated::AttributeVisibility::Private))
    );

    // The corpus's collection documents are empty pages: fill one with the corpus's transactions.
    let doc = read_json(&dir.join("foxy-elements/documents/transactions.json"));
    let mut resource = codec::parse(MediaType::HalJson, &json::to_vec(&doc)).expect("parses");
    let all = read_json(&dir.join("foxy-elements/collections/transactions.json"));
    for t in all.as_array().unwrap_or_default() {
        let t = codec::parse(MediaType::HalJson, &json::to_vec(t)).expect("parses");
        resource.embed(foxy_proto::Rel::fx("transactions"), t);
    }
    let page: generated::Transactions = typed_round_trip(&resource);
    assert!(!page.members().is_empty());
    assert!(page.total_items().expect("counter").is_some());
    for t in page.members() {
        assert_eq!(t.validate(), Ok(()));
    }
}

#[test]
fn unknown_properties_and_links_survive_setters() {
    let mut r = Resource::new()
        .with_property("mystery", "kept")
        .with_property("total_order", "10.50")
        .with_link(
            foxy_proto::Rel::fx("brand_new"),
            foxy_proto::Link::new("https://x.test/n"),
        );
    r.embed(foxy_proto::Rel::fx("brand_new_things"), Resource::new());
    let mut cart = generated::Cart::from_resource(r.clone());
    cart.set_total_order(Some("11.500".parse().expect("decimal")))
        .set_customer_email(Some("a@b.test"));
    let back = cart.into_resource();
    assert_eq!(back.property("mystery"), r.property("mystery"));
    assert_eq!(back.property("total_order"), Some(&Value::from("11.500")));
    assert_eq!(back.links, r.links);
    assert_eq!(back.embedded, r.embedded);
    let keys: Vec<&str> = back.properties.keys().map(String::as_str).collect();
    assert_eq!(keys, ["mystery", "total_order", "customer_email"]);
}

#[test]
fn wrong_types_are_errors_naming_the_property_and_new_enum_values_are_kept() {
    let r = Resource::new()
        .with_property("total_order", "lots")
        .with_property("customer_email", 5i64);
    let cart = generated::Cart::from_resource(r);
    assert_eq!(
        cart.total_order().map_err(|e| e.field().to_owned()),
        Err("total_order".into())
    );
    assert_eq!(
        cart.customer_email().map_err(|e| e.field().to_owned()),
        Err("customer_email".into())
    );
    assert!(cart.validate().is_err());
    let attribute = generated::Attribute::from_resource(
        Resource::new().with_property("visibility", "friends_only"),
    );
    let visibility = attribute.visibility().expect("never an error");
    assert_eq!(
        visibility,
        Some(generated::AttributeVisibility::Other("friends_only".into()))
    );
    assert_eq!(
        visibility.map(|v| v.to_string()),
        Some("friends_only".into())
    );
}

/// Reads every document of each collection with the hand-written view and the generated type:
/// `to_view` gives what the view reads, and `to_generated` gives the generated type back.
macro_rules! bridges {
    ($dir:expr, $($collection:literal: $view:ident => $generated:ident),* $(,)?) => {{
        let mut failures: Vec<String> = Vec::new();
        let mut n = 0;
        $(
            let all = read_json(&$dir.join(concat!("foxy-elements/collections/", $collection, ".json")));
            for (i, doc) in all.as_array().unwrap_or_default().iter().enumerate() {
                let resource = codec::parse(MediaType::HalJson, &json::to_vec(doc)).expect("parses");
                let handle = generated::$generated::from_resource(resource.clone());
                match (handle.to_view(), <foxy_model::$view as foxy_model::Model>::from_resource(&resource)) {
                    (Ok(a), Ok(b)) if a == b => {
                        if a.to_generated() != handle {
                            failures.push(format!("{}[{i}]: to_generated changed it", $collection));
                        }
                    }
                    (a, b) => failures.push(format!("{}[{i}]: {a:?} != {b:?}", $collection)),
                }
                n += 1;
            }
        )*
        (n, failures)
    }};
}

#[test]
fn hand_written_views_and_generated_types_convert_without_loss() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let (n, failures) = bridges!(dir,
        "carts": Cart => Cart,
        "items": Item => Item,
        "item_options": ItemOption => ItemOption,
        "cart_attributes": Attribute => Attribute,
        "custom_fields": CustomField => CustomField,
        "discounts": Discount => Discount,
        "applied_coupon_codes": AppliedCouponCode => AppliedCouponCode,
        "coupons": Coupon => Coupon,
        "customers": Customer => Customer,
        "customer_addresses": CustomerAddress => CustomerAddress,
        "payment_methods": DefaultPaymentMethod => PaymentMethod,
        "transactions": Transaction => Transaction,
        "subscriptions": Subscription => Subscription,
        "template_sets": TemplateSet => TemplateSet,
        "item_categories": ItemCategory => ItemCategory,
        "stores": Store => Store,
    );
    assert!(n >= 60, "only {n} documents");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every relation a resource links to or embeds, at every level, as Foxy short names.
fn rels_of(resource: &Resource, out: &mut BTreeSet<String>) {
    out.extend(
        resource
            .links
            .keys()
            .filter_map(|r| r.fx_name())
            .map(str::to_owned),
    );
    for (rel, children) in &resource.embedded {
        out.extend(rel.fx_name().map(str::to_owned));
        children.iter().for_each(|c| rels_of(c, out));
    }
}

/// The seeds: the cart in the three media types and the body of a cart PUT.
#[test]
fn the_seed_carts_read_through_the_generated_cart_in_every_media_type() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let seeds = [
        ("cart.hal+json.json", MediaType::HalJson),
        ("cart-with-addresses.hal+json.json", MediaType::HalJson),
        ("cart.hal+xml.xml", MediaType::HalXml),
        ("cart.siren+json.json", MediaType::Siren),
        ("cart.put-embedded.request.json", MediaType::HalJson),
    ];
    let (mut failures, mut n, mut rels) = (Vec::new(), Counts::default(), BTreeSet::new());
    for (name, media) in seeds {
        let path = dir.join("seeds").join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let resource = codec::parse(media, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        rels_of(&resource, &mut rels);
        check("cart", &resource, name, &mut failures, &mut n);
        let cart: generated::Cart = typed_round_trip(&resource);
        assert!(cart.total_order().is_ok(), "{name}");
    }
    for rel in &rels {
        let typed = generated::relation(rel).is_some_and(|r| {
            r.type_name.is_some() || matches!(r.kind, RelationKind::Action | RelationKind::External)
        });
        if !typed {
            failures.push(format!("seeds: {rel} has no generated entry"));
        }
    }
    assert!(n.properties > 100, "only {} properties", n.properties);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
