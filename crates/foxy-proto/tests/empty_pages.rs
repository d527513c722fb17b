//! Empty collection pages keep their empty member list in every format.

use foxy_proto::{Collection, MediaType, Rel, Resource, codec};

const ATTRIBUTES: &str = r#"{
  "_links": {"self": {"href": "https://api.foxy.test/stores/8/attributes"}},
  "_embedded": {"fx:attributes": []},
  "total_items": 0, "returned_items": 0, "limit": 20, "offset": 0
}"#;

fn via(media: MediaType, r: &Resource) -> Resource {
    let bytes = codec::write(media, r).expect("write");
    codec::parse(media, &bytes).expect("re-read")
}

fn to_hal_json(r: &Resource) -> String {
    String::from_utf8(codec::write(MediaType::HalJson, r).expect("hal+json")).expect("utf-8")
}

#[test]
fn an_empty_page_keeps_its_member_list_through_xml_and_siren() {
    let page = codec::parse(MediaType::HalJson, ATTRIBUTES.as_bytes()).expect("hal+json");
    assert_eq!(page.embedded.get(&Rel::ATTRIBUTES), Some(&Vec::new()));
    for media in [MediaType::HalXml, MediaType::Siren] {
        let back = via(media, &page);
        assert_eq!(
            back.embedded.keys().collect::<Vec<_>>(),
            [&Rel::ATTRIBUTES],
            "{media}"
        );
        assert!(back.embedded[0].is_empty(), "{media}");
        assert!(
            to_hal_json(&back).contains(r#""fx:attributes": []"#),
            "{media}: {}",
            to_hal_json(&back)
        );
    }
    // The writers name the member relation as the root's own relation.
    let xml =
        String::from_utf8(codec::write(MediaType::HalXml, &page).expect("xml")).expect("utf-8");
    assert!(
        xml.contains(r#"rel="https://api.foxycart.com/rels/attributes""#),
        "{xml}"
    );
}

#[test]
fn an_embedded_empty_page_keeps_its_member_list() {
    let page = codec::parse(MediaType::HalJson, ATTRIBUTES.as_bytes()).expect("hal+json");
    let mut store = Resource::new().with_property("store_name", "Demo");
    store.embed(Rel::ATTRIBUTES, page.clone());
    for media in [MediaType::HalXml, MediaType::Siren] {
        let back = via(media, &store);
        let inner = back.embedded(Rel::ATTRIBUTES);
        assert_eq!(inner.len(), 1, "{media}");
        assert_eq!(
            inner[0].embedded.get(&Rel::ATTRIBUTES),
            Some(&Vec::new()),
            "{media}"
        );
    }
}

#[test]
fn foxy_xml_of_an_empty_page_reads_with_its_member_list() {
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<resource href="https://api.foxy.test/stores/8/transactions" rel="https://api.foxycart.com/rels/transactions">
  <link rel="self" href="https://api.foxy.test/stores/8/transactions"/>
  <total_items>0</total_items>
  <returned_items>0</returned_items>
  <limit>20</limit>
  <offset>0</offset>
</resource>"#;
    let page = codec::parse(MediaType::HalXml, xml).expect("xml");
    assert_eq!(
        Collection::new(&page).members_rel(),
        Some(&Rel::TRANSACTIONS)
    );
    assert!(to_hal_json(&page).contains(r#""fx:transactions": []"#));
}

#[test]
fn only_empty_pages_gain_a_member_list() {
    // A cart names its own relation too, but is no collection page.
    let cart = br#"<resource href="https://api.foxy.test/carts/1" rel="https://api.foxycart.com/rels/cart">
  <total_order>0</total_order></resource>"#;
    assert!(
        codec::parse(MediaType::HalXml, cart)
            .expect("xml")
            .embedded
            .is_empty()
    );
    // A page that says it returned items, but has none embedded.
    let siren = br#"{"rel": ["https://api.foxycart.com/rels/carts"],
      "properties": {"total_items": 3, "returned_items": 3, "limit": 20, "offset": 0}}"#;
    assert!(
        codec::parse(MediaType::Siren, siren)
            .expect("siren")
            .embedded
            .is_empty()
    );
    // Two empty lists: no single member relation, so neither is kept.
    let mut two = codec::parse(MediaType::HalJson, ATTRIBUTES.as_bytes()).expect("hal+json");
    two.embedded.insert(Rel::ITEMS, Vec::new());
    for media in [MediaType::HalXml, MediaType::Siren] {
        let back = via(media, &two);
        assert!(back.embedded.is_empty(), "{media}");
        assert_eq!(back, codec::project(media, &two), "{media}");
    }
}
