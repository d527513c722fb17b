//! Every corpus document whose collection has a typed view reads into it and
//! writes back to the same JSON (modulo key order), with its properties in
//! the order they were read.

use std::path::Path;

use foxy_model::{
    ApiHome, AppliedCouponCode, Attribute, Cart, Collection, Coupon, CustomField, Customer,
    CustomerAddress, DefaultPaymentMethod, Discount, Item, ItemCategory, ItemOption, Model, Store,
    Subscription, TemplateSet, Transaction,
};
use foxy_proto::codec::{self, json};
use foxy_proto::{MediaType, Value};

/// Fields the round trip had to leave out, as (collection, property). It is
/// empty, and `skip_list_does_not_grow` fails as soon as anything is added.
const SKIPPED: &[(&str, &str)] = &[];

/// Properties of corpus documents no typed field reads, beyond the `id` and
/// `*_id` fields the demo data adds and the real API does not expose.
/// `untyped_list_does_not_grow` fails as soon as anything is added, and
/// `every_typed_collection_round_trips` fails when an entry is no longer met.
const UNTYPED: &[(&str, &str)] = &[("transactions", "type")];

/// Typed collections whose foxy-elements file is an empty array: they are
/// read (so a member added to the corpus is checked at once), but contribute
/// no document. The test fails if a collection not listed here is empty, or
/// one listed here is not.
const EMPTY_IN_CORPUS: &[&str] = &["coupon_attributes", "gift_card_attributes"];

type Check = fn(&Value) -> Result<(Value, Vec<String>), String>;

/// Reads `doc` as `T`, writes it back, and returns the written JSON and the
/// property names `T` left untyped.
fn round_trip<T: Model>(doc: &Value) -> Result<(Value, Vec<String>), String> {
    let resource =
        codec::parse(MediaType::HalJson, &json::to_vec(doc)).map_err(|e| e.to_string())?;
    let typed = T::from_resource(&resource).map_err(|e| e.to_string())?;
    let back = typed.to_resource();
    if back != resource {
        return Err(format!("resource changed:\n{back:?}\n!=\n{resource:?}"));
    }
    let read_order: Vec<&String> = resource.properties.keys().collect();
    let written_order: Vec<&String> = back.properties.keys().collect();
    if read_order != written_order {
        return Err(format!(
            "property order changed: {written_order:?} != {read_order:?}"
        ));
    }
    let bytes = codec::write(MediaType::HalJson, &back).map_err(|e| e.to_string())?;
    let written = json::parse_value(&bytes).map_err(|e| e.to_string())?;
    let untyped = typed.extras().properties.keys().cloned().collect();
    Ok((written, untyped))
}

/// Removes what the HAL+JSON writer adds on its own: the `fx` curie, when the
/// source (foxy-elements data) had none.
fn without_added_curies(original: &Value, mut written: Value) -> Value {
    let had_curies = original
        .as_object()
        .and_then(|o| o.get("_links"))
        .and_then(Value::as_object)
        .is_some_and(|links| links.contains_key("curies"));
    if !had_curies {
        if let Value::Object(root) = &mut written {
            if let Some(Value::Object(links)) = root.get_mut("_links") {
                links.shift_remove("curies");
            }
        }
    }
    written
}

fn without_skipped(collection: &str, value: &mut Value) {
    if let Value::Object(map) = value {
        for (c, field) in SKIPPED {
            if *c == collection {
                map.shift_remove(*field);
            }
        }
    }
}

/// The failures of one document, and the `UNTYPED` entries it met.
fn check_document(
    name: &str,
    original: &Value,
    check: Check,
) -> (Vec<String>, Vec<(&'static str, String)>) {
    let mut failures = Vec::new();
    let mut met = Vec::new();
    match check(original) {
        Ok((written, untyped)) => {
            let mut written = without_added_curies(original, written);
            let mut original = original.clone();
            without_skipped(name, &mut written);
            without_skipped(name, &mut original);
            if written != original {
                failures.push(format!(
                    "{name}: JSON changed\n{}\n!=\n{}",
                    String::from_utf8_lossy(&json::to_vec_pretty(&written)),
                    String::from_utf8_lossy(&json::to_vec_pretty(&original)),
                ));
            }
            for field in untyped {
                let demo_id = field == "id" || field.ends_with("_id");
                if demo_id {
                    continue;
                }
                match UNTYPED.iter().find(|(c, f)| *c == name && *f == field) {
                    Some((collection, _)) => met.push((*collection, field)),
                    None => failures.push(format!("{name}: property {field} is not typed")),
                }
            }
        }
        Err(e) => failures.push(format!("{name}: {e}")),
    }
    (failures, met)
}

fn read_json(path: &Path) -> Value {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    json::parse_value(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn skip_list_does_not_grow() {
    assert!(SKIPPED.is_empty(), "SKIPPED grew: {SKIPPED:?}");
}

#[test]
fn untyped_list_does_not_grow() {
    assert_eq!(
        UNTYPED,
        [("transactions", "type")],
        "UNTYPED changed: type the property instead of listing it"
    );
}

#[test]
fn every_typed_collection_round_trips() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let collections: &[(&str, Check)] = &[
        ("carts", round_trip::<Cart>),
        ("items", round_trip::<Item>),
        ("item_options", round_trip::<ItemOption>),
        ("cart_attributes", round_trip::<Attribute>),
        ("item_attributes", round_trip::<Attribute>),
        ("customer_attributes", round_trip::<Attribute>),
        ("store_attributes", round_trip::<Attribute>),
        ("shipment_attributes", round_trip::<Attribute>),
        ("coupon_attributes", round_trip::<Attribute>),
        ("gift_card_attributes", round_trip::<Attribute>),
        ("custom_fields", round_trip::<CustomField>),
        ("discounts", round_trip::<Discount>),
        ("applied_coupon_codes", round_trip::<AppliedCouponCode>),
        ("customers", round_trip::<Customer>),
        ("customer_addresses", round_trip::<CustomerAddress>),
        ("payment_methods", round_trip::<DefaultPaymentMethod>),
        ("transactions", round_trip::<Transaction>),
        ("subscriptions", round_trip::<Subscription>),
        ("coupons", round_trip::<Coupon>),
        ("template_sets", round_trip::<TemplateSet>),
        ("item_categories", round_trip::<ItemCategory>),
        ("stores", round_trip::<Store>),
    ];
    let mut failures = Vec::new();
    // The (collection, property) pairs left untyped by an UNTYPED entry.
    let mut met: Vec<(&str, String)> = Vec::new();
    let mut documents = 0;
    for (name, check) in collections {
        let path = dir
            .join("foxy-elements/collections")
            .join(format!("{name}.json"));
        let all = read_json(&path);
        let members = all
            .as_array()
            .unwrap_or_else(|| panic!("{name}: not an array"));
        assert_eq!(
            members.is_empty(),
            EMPTY_IN_CORPUS.contains(name),
            "{name}: {} members, and EMPTY_IN_CORPUS says otherwise",
            members.len()
        );
        for doc in members {
            documents += 1;
            let (doc_failures, untyped) = check_document(name, doc, *check);
            failures.extend(doc_failures);
            met.extend(untyped);
        }
    }
    for listed in EMPTY_IN_CORPUS {
        assert!(
            collections.iter().any(|(name, _)| name == listed),
            "EMPTY_IN_CORPUS lists {listed}, which is not checked"
        );
    }
    for (collection, field) in UNTYPED {
        if !met.iter().any(|(c, f)| c == collection && f == field) {
            failures.push(format!(
                "UNTYPED lists {collection}.{field}, which no document has left untyped"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(documents >= 70, "only {documents} documents checked");
}

#[test]
fn documents_round_trip() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let documents: &[(&str, Check)] = &[
        ("bookmark", round_trip::<ApiHome>),
        ("store", round_trip::<Store>),
        ("transactions", round_trip::<Collection<Transaction>>),
        ("subscriptions", round_trip::<Collection<Subscription>>),
        ("attributes", round_trip::<Collection<Attribute>>),
    ];
    let mut failures = Vec::new();
    for (name, check) in documents {
        let doc = read_json(
            &dir.join("foxy-elements/documents")
                .join(format!("{name}.json")),
        );
        failures.extend(check_document(name, &doc, *check).0);
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn seed_carts_round_trip() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    for name in ["cart.hal+json.json", "cart-with-addresses.hal+json.json"] {
        let doc = read_json(&dir.join("seeds").join(name));
        let (failures, _) = check_document(name, &doc, round_trip::<Cart>);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
    let bytes = std::fs::read(dir.join("seeds/cart-with-addresses.hal+json.json")).expect("seed");
    let resource = codec::parse(MediaType::HalJson, &bytes).expect("parses");
    let cart = Cart::from_resource(&resource).expect("cart");
    assert_eq!(cart.billing_city.as_deref(), Some("MANHATTAN"));
    assert_eq!(cart.shipping_postal_code.as_deref(), Some("78767"));
    assert_eq!(
        cart.use_customer_shipping_address.map(|f| f.get()),
        Some(true)
    );
}

#[test]
fn typed_values_are_read_from_the_corpus() {
    let Some(dir) = foxy_proto::testing::conformance_dir() else {
        return;
    };
    let carts = read_json(&dir.join("foxy-elements/collections/carts.json"));
    let first = carts.as_array().and_then(|a| a.first()).expect("a cart");
    let resource = codec::parse(MediaType::HalJson, &json::to_vec(first)).expect("parses");
    let cart = Cart::from_resource(&resource).expect("cart");
    assert_eq!(
        cart.total_order.as_ref().map(|m| m.as_str()),
        Some("158.99")
    );
    assert_eq!(
        cart.total_tax.as_ref().map(|m| m.value()),
        Some("12.3".parse().expect("decimal"))
    );
    assert_eq!(cart.billing_first_name, None);
    assert!(cart.create_session_link().is_ok());

    let subs = read_json(&dir.join("foxy-elements/collections/subscriptions.json"));
    let first = subs
        .as_array()
        .and_then(|a| a.first())
        .expect("a subscription");
    let resource = codec::parse(MediaType::HalJson, &json::to_vec(first)).expect("parses");
    let sub = Subscription::from_resource(&resource).expect("subscription");
    assert!(sub.end_date.as_ref().is_some_and(|d| d.is_zero()));
    assert!(sub.sub_token_url_link().is_some());

    let customers = read_json(&dir.join("foxy-elements/collections/customers.json"));
    let first = customers
        .as_array()
        .and_then(|a| a.first())
        .expect("a customer");
    let resource = codec::parse(MediaType::HalJson, &json::to_vec(first)).expect("parses");
    let customer = Customer::from_resource(&resource).expect("customer");
    assert!(customer.default_payment_method_link().is_ok());
    assert_eq!(customer.is_anonymous.map(|f| f.get()), Some(false));
}
