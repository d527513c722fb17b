//! The seed cart in three media types, a cart PUT body built in code, and
//! bad input on a cart.

use foxy_model::{Attribute, Cart, Date, Item, ItemOption, Model, ModelError, Money, Visibility};
use foxy_proto::codec::{self, json};
use foxy_proto::{Link, MediaType, Resource, Value};

fn seed(name: &str) -> Option<Vec<u8>> {
    let dir = foxy_proto::testing::conformance_dir()?;
    let path = dir.join("seeds").join(name);
    Some(std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// The facts of a cart: typed fields and link targets, without what a media
/// type cannot carry (link titles, Siren classes and actions).
fn facts(cart: &Cart) -> Cart {
    let mut facts = cart.clone();
    for links in facts.extras.links.values_mut() {
        for link in links.iter_mut() {
            *link = Link::new(link.href.clone());
        }
    }
    facts.extras.class.clear();
    facts.extras.actions.clear();
    facts
}

#[test]
fn seed_cart_is_the_same_in_three_media_types() {
    let (Some(hal), Some(xml), Some(siren)) = (
        seed("cart.hal+json.json"),
        seed("cart.hal+xml.xml"),
        seed("cart.siren+json.json"),
    ) else {
        return;
    };
    let read = |media: MediaType, bytes: &[u8]| {
        let resource = codec::parse(media, bytes).unwrap_or_else(|e| panic!("{media:?}: {e}"));
        let cart = Cart::from_resource(&resource).unwrap_or_else(|e| panic!("{media:?}: {e}"));
        // Reading and writing back is lossless in every media type.
        assert_eq!(cart.to_resource(), resource, "{media:?} round trip");
        cart
    };
    let hal = read(MediaType::HalJson, &hal);
    let xml = read(MediaType::HalXml, &xml);
    let siren = read(MediaType::Siren, &siren);

    assert_eq!(facts(&hal), facts(&siren));
    // The published hal+xml example omits template_set_uri and language.
    assert_eq!(xml.template_set_uri, None);
    assert_eq!(xml.language, None);
    let mut hal_without = facts(&hal);
    hal_without.template_set_uri = None;
    hal_without.language = None;
    assert_eq!(facts(&xml), hal_without);

    // XML gives text, JSON numbers: the typed values agree, the forms differ.
    let total = |c: &Cart| c.total_order.clone().expect("total_order");
    assert_eq!(total(&hal), total(&xml));
    assert!(!total(&hal).is_text());
    assert!(total(&xml).is_text());
    assert_eq!(total(&hal).value(), rust_decimal::Decimal::ZERO);
    let created = hal.date_created.clone().expect("date_created");
    assert_eq!(created.unix_seconds(), Some(1_330_552_509));
    assert_eq!(xml.date_created, Some(created));
    assert_eq!(hal.date_modified, None);
    assert_eq!(xml.date_modified, None);
    assert_eq!(
        hal.customer_uri.as_deref(),
        Some("https://api.foxycart.com/customers/8")
    );
    for cart in [&hal, &xml, &siren] {
        let session = cart.create_session_link().expect("create_session");
        assert_eq!(session.href, "https://api.foxycart.com/carts/32/session");
        let items = cart.items_link().expect("items");
        assert_eq!(items.href, "https://api.foxycart.com/carts/32/items");
        assert!(cart.subscription_link().is_none());
        assert_eq!(cart.self_href(), Some("https://api.foxycart.com/carts/32"));
    }
}

fn put_cart() -> Result<Cart, Box<dyn std::error::Error>> {
    let category = "https://api.foxycart.com/item_categories/10";
    let subscription = Item::new("Example Subscription", "19.99".parse::<Money>()?, 1)
        .with_category(category)
        .with_weight(4)
        .with_code("xyz456")
        .with_discount(
            "Quantity Discount",
            "quantity_amount",
            "incremental|2-1|5-2|25-5",
        )
        .with_subscription("1m", Date::day(2018, 1, 1)?)
        .future_line_item(true)
        .with_option(ItemOption::new("color", "red", -10, 0));
    let sprocket = Item::new("Sprocket", Money::from(100), 2)
        .with_category(category)
        .with_weight(1)
        .with_code("abc123")
        .with_image("http://placecorgi.com/100/200")
        .with_option(ItemOption::new("size", "xl", 0, 2));
    Ok(Cart::new()
        .with_customer_uri("")
        .with_template_set_uri("")
        .with_attribute(Attribute::new(
            "cart attribute 1",
            "value 1",
            Visibility::Public,
        ))
        .with_attribute(Attribute::new(
            "cart attribute 2",
            "value 2",
            Visibility::Public,
        ))
        .with_item(subscription)
        .with_item(sprocket))
}

#[test]
fn cart_built_in_code_writes_the_published_put_body() {
    let Some(expected) = seed("cart.put-embedded.request.json") else {
        return;
    };
    let expected = json::parse_value(&expected).expect("seed parses");
    let cart = put_cart().expect("valid cart");
    let body = codec::write(MediaType::HalJson, &cart.to_resource()).expect("writes");
    let mut written = json::parse_value(&body).expect("written JSON parses");
    if let Value::Object(root) = &mut written {
        root.shift_remove("_links");
    }
    assert_eq!(
        written,
        expected,
        "{}",
        String::from_utf8_lossy(&json::to_vec_pretty(&written))
    );

    // And the published body reads back into the same cart.
    let resource = codec::parse(MediaType::HalJson, &json::to_vec(&expected)).expect("parses");
    let read = Cart::from_resource(&resource).expect("cart");
    assert_eq!(read.items.len(), 2);
    assert_eq!(
        read.items[0].price.as_ref().map(Money::as_str),
        Some("19.99")
    );
    assert_eq!(
        read.items[0].item_options[0].price_mod,
        Some(Money::from(-10))
    );
    assert_eq!(read.attributes[1].visibility, Some(Visibility::Public));
    assert_eq!(read.items, cart.items);
    assert_eq!(read.attributes, cart.attributes);
    assert_eq!(read.to_resource(), resource);
}

#[test]
fn bad_input_is_a_typed_error_naming_the_field() {
    let not_a_number = Resource::new().with_property("total_order", "12.3.4");
    match Cart::from_resource(&not_a_number) {
        Err(ModelError::NotADecimal { field, text }) => {
            assert_eq!(field, "total_order");
            assert_eq!(text, "12.3.4");
        }
        other => panic!("expected NotADecimal, got {other:?}"),
    }

    let mut negative = Resource::new();
    negative.embed(
        foxy_proto::Rel::ITEMS,
        Resource::new()
            .with_property("name", "Sprocket")
            .with_property("quantity", -1i64),
    );
    let err = Cart::from_resource(&negative).expect_err("negative quantity");
    assert_eq!(
        err,
        ModelError::Negative {
            field: "fx:items[0].quantity".into(),
            text: "-1".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "field fx:items[0].quantity: must not be negative, found -1"
    );

    let mut visibility = Resource::new();
    visibility.embed(
        foxy_proto::Rel::ATTRIBUTES,
        Resource::new()
            .with_property("name", "a")
            .with_property("visibility", "hidden"),
    );
    let err = Cart::from_resource(&visibility).expect_err("unknown visibility");
    assert_eq!(
        err,
        ModelError::UnknownVisibility {
            field: "fx:attributes[0].visibility".into(),
            text: "hidden".into()
        }
    );

    let bad_date = Resource::new().with_property("date_created", "2012-02-30T00:00:00Z");
    let err = Cart::from_resource(&bad_date).expect_err("no such day");
    assert_eq!(err.field(), "date_created");
    let bad_flag = Resource::new().with_property("use_customer_shipping_address", "yes");
    let err = Cart::from_resource(&bad_flag).expect_err("not a boolean");
    assert_eq!(err.field(), "use_customer_shipping_address");
}

#[test]
fn edits_keep_everything_else() {
    let Some(hal) = seed("cart.hal+json.json") else {
        return;
    };
    let resource = codec::parse(MediaType::HalJson, &hal).expect("parses");
    let mut cart = Cart::from_resource(&resource).expect("cart");
    cart.language = Some("german".to_owned());
    cart.billing_city = Some("Berlin".to_owned());
    let written = cart.to_resource();
    assert_eq!(written.links, resource.links);
    assert_eq!(written.property("language"), Some(&Value::from("german")));
    assert_eq!(
        written.property("billing_city"),
        Some(&Value::from("Berlin"))
    );
    // The new property goes after those read; the others keep their places.
    let keys: Vec<&str> = written.properties.keys().map(String::as_str).collect();
    let mut expected: Vec<&str> = resource.properties.keys().map(String::as_str).collect();
    expected.push("billing_city");
    assert_eq!(keys, expected);
    assert_eq!(
        written.property("total_order"),
        resource.property("total_order")
    );
}
