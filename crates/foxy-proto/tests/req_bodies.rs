//! Snapshot tests: each body format, PATCH, and the embedded cart PUT.

use foxy_proto::auth::Secret;
use foxy_proto::codec::{self, json};
use foxy_proto::request::{Body, BodyFormat, Multipart, Part, RequestBuilder, to_http1};
use foxy_proto::{Link, Map, MediaType, Resource, Value};

const CART: &str = "https://api.foxycart.com/carts/32";

fn wire(builder: RequestBuilder) -> String {
    let request = builder
        .bearer(Secret::new("secret-token"))
        .build()
        .expect("valid request");
    to_http1(&request, true).replace("\r\n", "\n")
}

fn customer() -> Value {
    json::parse_value(br#"{"first_name":"Grace","last_name":"Hopper & Co","total":19.990,"is_anonymous":false,"tax_id":null}"#)
        .expect("valid json")
}

#[test]
fn json_body() {
    let body = Body::from_value(BodyFormat::Json, &customer()).expect("valid");
    let text = wire(RequestBuilder::post(
        "https://api.foxycart.com/stores/8/customers",
        body,
    ));
    assert!(text.contains("Content-Type: application/json\n"));
    assert!(text.contains(r#""total":19.990"#), "exact number kept");
    insta::assert_snapshot!("body_json", text);
}

#[test]
fn xml_body() {
    let body = Body::from_value(BodyFormat::Xml, &customer()).expect("valid");
    let text = wire(RequestBuilder::post(
        "https://api.foxycart.com/stores/8/customers",
        body,
    ));
    assert!(text.contains("Content-Type: application/xml\n"));
    insta::assert_snapshot!("body_xml", text);
}

#[test]
fn form_body() {
    let body = Body::from_value(BodyFormat::Form, &customer()).expect("valid");
    let text = wire(RequestBuilder::post(
        "https://api.foxycart.com/stores/8/customers",
        body,
    ));
    assert!(text.ends_with(
        "first_name=Grace&last_name=Hopper+%26+Co&total=19.990&is_anonymous=false&tax_id="
    ));
    insta::assert_snapshot!("body_form", text);
}

#[test]
fn multipart_body_derived_boundary() {
    let body = Body::from_value(BodyFormat::Multipart, &customer()).expect("valid");
    let first = wire(RequestBuilder::post(
        "https://api.foxycart.com/stores/8/customers",
        body.clone(),
    ));
    let again = wire(RequestBuilder::post(
        "https://api.foxycart.com/stores/8/customers",
        body,
    ));
    assert_eq!(first, again, "the boundary is deterministic");
    insta::assert_snapshot!("body_multipart", first);
}

#[test]
fn multipart_body_given_boundary_with_file() {
    let multipart = Multipart::new(vec![
        Part::text("name", "logo"),
        Part::file(
            "file",
            "logo \"1\".png",
            "image/png",
            vec![0x89, b'P', b'N', b'G'],
        ),
    ])
    .with_boundary("XyZ");
    let (content_type, bytes) = multipart.encode().expect("valid");
    assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
    assert_eq!(
        bytes,
        b"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nlogo\r\n\
--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"logo %221%22.png\"\r\n\
Content-Type: image/png\r\n\r\n\x89PNG\r\n--XyZ--\r\n"
            .to_vec()
    );
}

#[test]
fn patch_sends_only_the_given_properties() {
    let mut changes = Map::new();
    changes.insert("first_name".into(), Value::from("new"));
    let text = wire(RequestBuilder::patch(
        "https://api.foxycart.com/customers/8",
        &changes,
    ));
    assert!(text.ends_with("\n\n{\"first_name\":\"new\"}"));
    insta::assert_snapshot!("body_patch", text);
}

/// The seed body, with what a server adds (links, dates) at every level,
/// as a client holding a fetched cart would have it.
fn fetched_cart(seed: &[u8]) -> Resource {
    let mut cart = codec::parse(MediaType::HalJson, seed).expect("seed parses");
    decorate(&mut cart, CART);
    cart
}

fn decorate(resource: &mut Resource, href: &str) {
    resource.add_link("self", Link::new(href).titled("This"));
    resource.add_link("fx:store", Link::new("https://api.foxycart.com/stores/8"));
    resource.set_property("date_created", "2012-02-29T13:55:09-0800");
    resource.set_property("date_modified", Value::Null);
    for (rel, children) in resource.embedded.iter_mut() {
        for (i, child) in children.iter_mut().enumerate() {
            let name = rel.fx_name().unwrap_or("x").to_owned();
            decorate(child, &format!("https://api.foxycart.com/{name}/{i}"));
        }
    }
}

#[test]
fn embedded_cart_put_matches_the_published_body() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let seed = std::fs::read(dir.join("seeds/cart.put-embedded.request.json")).expect("seed");
    let cart = fetched_cart(&seed);
    let request = RequestBuilder::put(CART, &cart)
        .bearer(Secret::new("secret-token"))
        .build()
        .expect("valid request");
    assert_eq!(
        request.uri(),
        "https://api.foxycart.com/carts/32?zoom=attributes,items,items:item_options"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    let sent = json::parse_value(request.body()).expect("body is JSON");
    let expected = json::parse_value(&seed).expect("seed is JSON");
    assert_eq!(sent, expected, "exact numbers, same members");
    let text = to_http1(&request, true).replace("\r\n", "\n");
    assert!(!text.contains("date_created") && !text.contains("_links"));
    insta::assert_snapshot!("cart_put_embedded", text);
}

#[test]
fn put_zoom_follows_what_is_embedded() {
    let mut item = Resource::new().with_property("name", "Sprocket");
    item.embed("fx:attributes", Resource::new().with_property("name", "a"));
    let mut cart = Resource::new();
    cart.embed("fx:items", item);
    cart.embed(
        "fx:custom_fields",
        Resource::new().with_property("name", "gift"),
    );
    let request = RequestBuilder::put(CART, &cart).build().expect("valid");
    assert_eq!(
        request.uri(),
        "https://api.foxycart.com/carts/32?zoom=items,items:attributes,custom_fields"
    );
}
