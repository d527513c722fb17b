//! Every typed operation of both clients against the sandbox, in each of
//! the three media types. One scenario is written once (a macro) and run by
//! the blocking and the async client; both must give the same summary.

use foxy::model::{
    Attribute, Cart, CustomField, Customer, CustomerAddress, Item, ItemOption, Visibility,
};
use foxy::{Error, Filter, Map, MediaType, Query, Resource, Value};
use foxy_integration_tests::{CUSTOMER_WITH_CARD, asynchronous, background, blocking};
use foxy_sandbox::Config;

/// What a scenario observed, compared between the two clients.
#[derive(Debug, PartialEq, Eq)]
struct Summary {
    store_name: String,
    customer_found: bool,
    card_saved: bool,
    addresses: usize,
    put_items: usize,
    put_options: usize,
    put_attributes: usize,
    items_after_add: usize,
    options_after_add: usize,
    attributes_after_add: usize,
    custom_fields: usize,
    patched_name: Option<String>,
    session_has_id: bool,
    transaction_items: usize,
    transaction_total: String,
    deleted_is_404: bool,
}

fn map(pairs: &[(&str, Value)]) -> Map {
    let mut map = Map::new();
    for (k, v) in pairs {
        map.insert((*k).to_owned(), v.clone());
    }
    map
}

fn address() -> CustomerAddress {
    let resource = Resource::new()
        .with_property("address_name", "Home")
        .with_property("first_name", "Test")
        .with_property("last_name", "User")
        .with_property("address1", "1 Main St")
        .with_property("city", "Nashville")
        .with_property("region", "TN")
        .with_property("postal_code", "37211")
        .with_property("country", "US");
    CustomerAddress::from_resource(&resource).expect("an address")
}

/// The scenario, with `$call!` either returning the value or awaiting it.
macro_rules! scenario {
    ($client:expr, $call:ident, $tag:expr) => {{
        let client = $client;
        let home = $call!(client.home())?;
        assert!(home.link("fx:store").is_some(), "home has fx:store");
        let store = $call!(client.follow("fx:store").get(Query::new()))?;
        let store_name = store
            .property("store_name")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();

        // Customers.
        let by_email = Query::new().filter(Filter::eq("email", CUSTOMER_WITH_CARD));
        let found = $call!(client.customers().list(by_email))?;
        let grace = found.members.first().cloned().expect("the seeded customer");
        let card = $call!(client.customers().default_payment_method(&grace))?;
        let email = format!("{}.{}@it.test", $tag, std::process::id());
        let created = $call!(
            client
                .customers()
                .create(&Customer::new(email, "Test", "User"))
        )?;
        let customer = $call!(client.customers().get(&created, Query::new()))?;
        let renamed = map(&[("first_name", Value::from("Renamed"))]);
        let customer2 = $call!(client.customers().patch(&created, &renamed))?;
        assert_eq!(customer2.first_name.as_deref(), Some("Renamed"));
        $call!(client.customers().add_address(&customer, &address()))?;
        let addresses = $call!(client.customers().addresses(&customer, Query::new()))?;
        let card_change = map(&[
            ("cc_number", Value::from("4111111111111111")),
            ("cc_exp_month", Value::from("12")),
            ("cc_exp_year", Value::from("2031")),
            ("save_cc", Value::from(true)),
        ]);
        let saved = $call!(
            client
                .customers()
                .update_default_payment_method(&customer, &card_change)
        )?;
        assert!(
            saved
                .cc_number_masked
                .as_deref()
                .is_some_and(|m| m.ends_with("1111"))
        );
        let created_get = $call!(client.customers().create_and_get(
            &Customer::new(format!("b.{}", created.len()), "B", "C"),
            Query::new()
        ));
        // An invalid email may be refused by the sandbox; either way the call is typed.
        if let Ok(other) = created_get {
            let href = other
                .extras
                .link(&foxy::Rel::SELF)
                .expect("self")
                .href
                .clone();
            $call!(client.customers().delete(&href))?;
        }

        // Carts: create, read, PUT with embedded items, options, attributes.
        let zoom = Query::new().zoom("items,items:item_options,attributes")?;
        let href = $call!(client.carts().create(&Cart::new()))?;
        let cart = $call!(client.carts().get(&href, zoom.clone()))?;
        let mut full = cart.clone();
        full.items.push(
            Item::new("Sprocket", 10, 2)
                .with_code("SPR-1")
                .with_option(ItemOption::new("color", "red", 1, 0)),
        );
        full.attributes
            .push(Attribute::new("source", "it", Visibility::Public));
        let put = $call!(client.carts().put(&full))?;
        let put_items = put.items.len();
        let put_options = put.items.first().map_or(0, |i| i.item_options.len());
        let put_attributes = put.attributes.len();
        $call!(client.carts().add_item(&put, &Item::new("Widget", 5, 1)))?;
        let items = $call!(client.carts().items(&put, Query::new()))?;
        let first = items.members.first().cloned().expect("an item");
        $call!(
            client
                .carts()
                .add_item_option(&first, &ItemOption::new("size", "L", 0, 0))
        )?;
        let options = $call!(client.carts().item_options(&first, Query::new()))?;
        $call!(
            client
                .carts()
                .add_attribute(&put, &Attribute::new("more", "yes", Visibility::Private))
        )?;
        let attributes = $call!(client.carts().attributes(&put, Query::new()))?;
        $call!(
            client
                .carts()
                .add_custom_field(&put, &CustomField::new("gift_note", "hi", false))
        )?;
        let fields = $call!(client.carts().custom_fields(&put, Query::new()))?;
        let billing = map(&[("billing_first_name", Value::from("Ada"))]);
        let patched = $call!(client.carts().patch(&href, &billing))?;
        let session = $call!(client.carts().create_session(&put))?;
        let listed = $call!(client.carts().list(Query::new()))?;
        assert!(!listed.members.is_empty());

        // Charge, then read the transaction.
        let transaction = $call!(client.carts().charge(&put, &grace))?;
        let txn_href = transaction
            .extras
            .link(&foxy::Rel::SELF)
            .expect("self")
            .href
            .clone();
        let again = $call!(client.transactions().get_with_items(&txn_href))?;
        assert_eq!(
            again.items.len(),
            transaction.items.len(),
            "get_with_items vs charge"
        );
        let txn_items = $call!(client.transactions().items(&transaction, Query::new()))?;
        assert_eq!(
            txn_items.members.len(),
            transaction.items.len(),
            "items of the transaction"
        );
        let txns = $call!(client.transactions().list(Query::new()))?;
        assert!(!txns.members.is_empty());
        let plain = $call!(client.transactions().get(&txn_href, Query::new()))?;
        assert!(plain.items.is_empty(), "not zoomed");

        // Delete a cart and see it gone.
        let doomed = $call!(client.carts().create(&Cart::new()))?;
        $call!(client.carts().delete(&doomed))?;
        let gone = $call!(client.carts().get(&doomed, Query::new()));
        $call!(client.customers().delete(&created))?;

        Ok::<Summary, Error>(Summary {
            store_name,
            customer_found: found.members.len() == 1,
            card_saved: card.save_cc.is_some_and(|f| f.get()),
            addresses: addresses.members.len(),
            put_items,
            put_options,
            put_attributes,
            items_after_add: items.members.len(),
            options_after_add: options.members.len(),
            attributes_after_add: attributes.members.len(),
            custom_fields: fields.members.len(),
            patched_name: patched.billing_first_name,
            session_has_id: !session.session_id.is_empty(),
            transaction_items: transaction.items.len(),
            transaction_total: transaction
                .total_order
                .map(|m| m.to_string())
                .unwrap_or_default(),
            deleted_is_404: gone.err().and_then(|e| e.status())
                == Some(http::StatusCode::NOT_FOUND),
        })
    }};
}

macro_rules! now {
    ($e:expr) => {
        $e
    };
}

macro_rules! wait {
    ($e:expr) => {
        $e.await
    };
}

fn expected() -> Summary {
    Summary {
        store_name: "Sandbox Store".into(),
        customer_found: true,
        card_saved: true,
        addresses: 1,
        put_items: 1,
        put_options: 1,
        put_attributes: 1,
        items_after_add: 2,
        options_after_add: 2,
        attributes_after_add: 2,
        custom_fields: 1,
        patched_name: Some("Ada".into()),
        session_has_id: true,
        transaction_items: 2,
        transaction_total: String::new(),
        deleted_is_404: true,
    }
}

fn check(summary: Summary) -> Summary {
    let mut want = expected();
    want.transaction_total = summary.transaction_total.clone();
    assert_eq!(summary, want);
    summary
}

#[test]
fn every_operation_in_every_media_type_and_both_clients_agree() {
    let sandbox = background(Config::default());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for media in MediaType::RESPONSE_FORMATS {
        let client = blocking(&sandbox, media);
        let from_blocking = check(
            (|| scenario!(&client, now, format!("b{}", media.short_name())))()
                .unwrap_or_else(|e| panic!("blocking {media}: {e}")),
        );
        let client = asynchronous(sandbox.base_url(), sandbox.credentials(), media);
        let from_async = runtime
            .block_on(async { scenario!(&client, wait, format!("a{}", media.short_name())) })
            .unwrap_or_else(|e| panic!("async {media}: {e}"));
        assert_eq!(from_blocking, from_async, "{media}");
    }
}
