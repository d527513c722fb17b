//! The codecs against Foxy's published documents (the shared conformance corpus).
//!
//! Every seed and foxy-elements document must parse, and for each of the nine
//! (X, Y) pairs of response formats, a document in X re-written as Y must read
//! back as `project(Y, project(X, model))`: no loss beyond what `project`
//! documents.

use std::path::Path;

use foxy_proto::codec::{self, hal_json, json};
use foxy_proto::testing::{conformance_dir, files_with_extensions};
use foxy_proto::{Collection, Link, MediaType, Rel, Resource, Value};

/// The media type of a seed file, from its name.
fn seed_media(path: &Path) -> MediaType {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    if name.ends_with(".xml") {
        MediaType::HalXml
    } else if name.contains("siren") {
        MediaType::Siren
    } else {
        MediaType::HalJson
    }
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every seed document (`.json` and `.xml`, request bodies included) as
/// (path, media type, model).
fn seeds(dir: &Path) -> Vec<(std::path::PathBuf, MediaType, Resource)> {
    files_with_extensions(&dir.join("seeds"), &[".json", ".xml"])
        .into_iter()
        .map(|path| {
            let media = seed_media(&path);
            let model = codec::parse(media, &read(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, media, model)
        })
        .collect()
}

/// Every document of the corpus as (name, media type, model).
fn corpus(dir: &Path) -> Vec<(String, MediaType, Resource)> {
    let mut docs = Vec::new();
    for (path, media, model) in seeds(dir) {
        docs.push((path.display().to_string(), media, model));
    }
    for path in files_with_extensions(&dir.join("foxy-elements/documents"), &[".json"]) {
        let model = codec::parse(MediaType::HalJson, &read(&path))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        docs.push((path.display().to_string(), MediaType::HalJson, model));
    }
    for path in files_with_extensions(&dir.join("foxy-elements/collections"), &[".json"]) {
        let all =
            json::parse_value(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let Value::Array(items) = all else {
            panic!("{}: not an array", path.display())
        };
        for (i, item) in items.into_iter().enumerate() {
            // Through bytes, so the HAL+JSON reader sees each document as sent.
            let bytes = json::to_vec(&item);
            let model = codec::parse(MediaType::HalJson, &bytes)
                .unwrap_or_else(|e| panic!("{}[{i}]: {e}", path.display()));
            docs.push((
                format!("{}[{i}]", path.display()),
                MediaType::HalJson,
                model,
            ));
        }
    }
    docs
}

fn round_trip(media: MediaType, model: &Resource, name: &str) -> Resource {
    let bytes = codec::write(media, model).unwrap_or_else(|e| panic!("{name}: write {media}: {e}"));
    codec::parse(media, &bytes).unwrap_or_else(|e| {
        panic!(
            "{name}: re-read {media}: {e}\n{}",
            String::from_utf8_lossy(&bytes)
        )
    })
}

#[test]
fn every_document_survives_all_nine_format_pairs() {
    let Some(dir) = conformance_dir() else { return };
    let docs = corpus(&dir);
    assert!(docs.len() > 350, "corpus too small: {}", docs.len());
    for (name, native, model) in &docs {
        assert_eq!(
            &codec::project(*native, model),
            model,
            "{name}: parse is not projected"
        );
        for x in MediaType::RESPONSE_FORMATS {
            // The document as it would be sent in X.
            let in_x = round_trip(x, model, name);
            let expected_x = codec::project(x, model);
            assert_eq!(in_x, expected_x, "{name}: {native} -> {x}");
            for y in MediaType::RESPONSE_FORMATS {
                let in_y = round_trip(y, &in_x, name);
                assert_eq!(in_y, codec::project(y, &expected_x), "{name}: {x} -> {y}");
            }
        }
    }
}

/// A value with every scalar as its text, as XML carries it; `null` and the
/// empty string are both empty text.
fn scalars_as_text(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(scalars_as_text).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), scalars_as_text(v)))
                .collect(),
        ),
        scalar => match scalar.scalar_text() {
            Some(text) if !text.is_empty() => Value::String(text),
            _ => Value::Null,
        },
    }
}

/// `resource` with what a comparison ignores: property scalars taken as text
/// (`text`), links reduced to their href (`href_only`).
fn compared(resource: &Resource, text: bool, href_only: bool) -> Resource {
    Resource {
        class: resource.class.clone(),
        properties: resource
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), if text { scalars_as_text(v) } else { v.clone() }))
            .collect(),
        links: resource
            .links
            .iter()
            .map(|(rel, links)| {
                let links = links.iter().map(|l| {
                    if href_only {
                        Link::new(l.href.clone())
                    } else {
                        l.clone()
                    }
                });
                (rel.clone(), links.collect())
            })
            .collect(),
        embedded: resource
            .embedded
            .iter()
            .map(|(rel, list)| {
                let list = list.iter().map(|r| compared(r, text, href_only));
                (rel.clone(), list.collect())
            })
            .collect(),
        actions: resource.actions.clone(),
        meta: Default::default(),
    }
}

/// HAL+JSON → HAL+XML → HAL+JSON and HAL+JSON → Siren → HAL+JSON give every
/// document of the corpus back: empty member lists included, scalars
/// compared as text through XML and links by href through Siren.
#[test]
fn every_document_comes_back_to_hal_json_unchanged() {
    let Some(dir) = conformance_dir() else { return };
    let docs = corpus(&dir);
    assert!(docs.len() > 350, "corpus too small: {}", docs.len());
    let mut empty_lists = 0;
    for (name, _, model) in &docs {
        // The document as HAL+JSON sends it.
        let hal = round_trip(MediaType::HalJson, model, name);
        empty_lists += hal.embedded.values().filter(|l| l.is_empty()).count();
        for (via, text, href_only) in [
            (MediaType::HalXml, true, false),
            (MediaType::Siren, false, true),
        ] {
            let there = round_trip(via, &hal, name);
            let back = round_trip(MediaType::HalJson, &there, name);
            assert_eq!(
                compared(&back, text, href_only),
                compared(&hal, text, href_only),
                "{name}: hal+json -> {via} -> hal+json"
            );
        }
    }
    // attributes, subscriptions and transactions are empty pages.
    assert!(empty_lists >= 3, "empty member lists seen: {empty_lists}");
}

#[test]
fn nested_structure_survives_hal_xml() {
    let Some(dir) = conformance_dir() else { return };
    let bytes = std::fs::read(dir.join("foxy-elements/collections/customer_portal_settings.json"))
        .expect("corpus file");
    let Value::Array(items) = json::parse_value(&bytes).expect("json") else {
        panic!("not an array")
    };
    let first = items.into_iter().next().expect("one document");
    let model = hal_json::from_value(first).expect("hal");
    let back = codec::parse(
        MediaType::HalXml,
        &codec::write(MediaType::HalXml, &model).expect("xml"),
    )
    .expect("re-read");
    let days = back
        .property("subscriptions")
        .and_then(|s| s.as_object())
        .and_then(|s| s.get("allowNextDateModification"))
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_object)
        .and_then(|o| o.get("allowedDays"))
        .and_then(Value::as_object)
        .and_then(|o| o.get("days"))
        .and_then(Value::as_array)
        .expect("nested arrays and objects kept");
    assert_eq!(days, [Value::from("1"), Value::from("3"), Value::from("5")]);
}

/// A cart's facts as all three published seeds state them: without the two
/// properties the hal+xml seed omits, with XML's scalar typing, and without
/// link titles and classes (the published Siren seed has neither titles nor
/// the HAL documents' classes).
fn facts(cart: &Resource) -> Resource {
    let mut r = codec::project(MediaType::HalXml, cart);
    r.properties.shift_remove("template_set_uri");
    r.properties.shift_remove("language");
    for links in r.links.values_mut() {
        for link in links {
            link.title = None;
        }
    }
    r
}

#[test]
fn the_three_seed_carts_state_the_same_facts() {
    let Some(dir) = conformance_dir() else { return };
    let seeds = dir.join("seeds");
    let read = |name: &str, media| {
        codec::parse(media, &std::fs::read(seeds.join(name)).expect("seed")).expect(name)
    };
    let hal = read("cart.hal+json.json", MediaType::HalJson);
    let xml = read("cart.hal+xml.xml", MediaType::HalXml);
    let siren = read("cart.siren+json.json", MediaType::Siren);

    // HAL+JSON and HAL+XML agree exactly, titles included, modulo XML typing.
    let mut hal_as_xml = codec::project(MediaType::HalXml, &hal);
    hal_as_xml.properties.shift_remove("template_set_uri");
    hal_as_xml.properties.shift_remove("language");
    assert_eq!(xml, hal_as_xml);
    // Siren keeps the JSON types: equal to HAL+JSON but for titles and class.
    assert_eq!(siren.class, ["cart"]);
    assert_eq!(siren.properties, hal.properties);
    assert_eq!(facts(&hal), facts(&xml));
    assert_eq!(facts(&hal), facts(&siren));
    assert_eq!(
        hal.link(Rel::STORE),
        Some(&Link::new("https://api.foxycart.com/stores/8").titled("This Store"))
    );
    assert_eq!(xml.self_href(), Some("https://api.foxycart.com/carts/32"));
    assert_eq!(hal.property("date_modified"), Some(&Value::Null));
    assert_eq!(xml.property("date_modified"), Some(&Value::Null));
    assert_eq!(xml.property("total_order"), Some(&Value::from("0")));
}

/// The seed documents that are resource representations, as the loader
/// names them: every seed but the request bodies (`*.request.json`) and the
/// collection templates (`.txt`, not valid documents).
const SNAPSHOT_SEEDS: [&str; 4] = [
    "cart-with-addresses.hal+json.json",
    "cart.hal+json.json",
    "cart.hal+xml.xml",
    "cart.siren+json.json",
];

/// A snapshot name part from a seed file name:
/// `cart-with-addresses.hal+json.json` gives `cart_with_addresses_hal_json`.
fn slug(file_name: &str) -> String {
    let stem = file_name
        .strip_suffix(".json")
        .or_else(|| file_name.strip_suffix(".xml"))
        .unwrap_or(file_name);
    stem.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Each seed resource, read through the conformance loader in its own media
/// type, written in all three formats: `seed_<file>_as_<format>`.
#[test]
fn seed_documents_snapshot_in_all_three_formats() {
    let Some(dir) = conformance_dir() else { return };
    let mut seen = Vec::new();
    for (path, _, model) in seeds(&dir) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        if name.contains(".request.") {
            continue;
        }
        for media in MediaType::RESPONSE_FORMATS {
            let bytes = codec::write(media, &model)
                .unwrap_or_else(|e| panic!("{name}: write {media}: {e}"));
            let text = String::from_utf8(bytes).expect("utf-8");
            insta::assert_snapshot!(
                format!(
                    "seed_{}_as_{}",
                    slug(&name),
                    media.short_name().replace('+', "_")
                ),
                text
            );
        }
        seen.push(name);
    }
    assert_eq!(seen, SNAPSHOT_SEEDS, "the seed resources snapshotted");
}

/// The published collection templates, with their `...` placeholders filled in.
#[test]
fn collection_templates_read_in_all_three_formats() {
    let Some(dir) = conformance_dir() else { return };
    let seeds = dir.join("seeds");
    let template = |name: &str| std::fs::read_to_string(seeds.join(name)).expect("template");
    let json = template("carts.collection-template.hal+json.txt").replace("[...]", "[{\"id\": 1}]");
    let siren = template("carts.collection-template.siren+json.txt").replace(
        "[...]",
        r#"[{"rel": ["https://api.foxycart.com/rels/cart"], "properties": {"id": 1}}]"#,
    );
    let xml = template("carts.collection-template.hal+xml.txt").replace("\n  ...\n", "<id>1</id>");
    for (media, doc, rel) in [
        (MediaType::HalJson, json, Rel::CARTS),
        (MediaType::Siren, siren, Rel::CART),
        (MediaType::HalXml, xml, Rel::CART),
    ] {
        let page = codec::parse(media, doc.as_bytes()).unwrap_or_else(|e| panic!("{media}: {e}"));
        let c = Collection::new(&page);
        assert_eq!(c.total_items(), Ok(5), "{media}");
        assert_eq!(
            (c.returned_items(), c.limit(), c.offset()),
            (Ok(5), Ok(20), Ok(0))
        );
        assert_eq!(c.next(), Some("...?offset=0"), "{media}");
        assert_eq!(c.members_rel(), Some(&rel), "{media}");
        assert_eq!(c.members().map(<[Resource]>::len), Ok(1), "{media}");
    }
}

#[test]
fn foxy_elements_collections_read_as_collections() {
    let Some(dir) = conformance_dir() else { return };
    let bytes = std::fs::read(dir.join("foxy-elements/documents/transactions.json")).expect("doc");
    let page = codec::parse(MediaType::HalJson, &bytes).expect("hal");
    let c = Collection::new(&page);
    assert_eq!(c.total_items(), Ok(2345));
    assert_eq!(c.members_rel(), Some(&Rel::TRANSACTIONS));
    assert_eq!(c.members().map(<[Resource]>::len), Ok(0));
    assert_eq!(
        c.last(),
        Some("https://api.foxy.test/stores/8/transactions?offset=0")
    );
}
