//! Typed cart operations against the sandbox, in every response format:
//! the `ops::carts` module example (create a cart with an item, read it back
//! zoomed) does what it says, and collections read as typed pages.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use foxy::model::{Cart, Item};
use foxy::{ClientBuilder, MediaType, Query};
use foxy_sandbox::{Config, Sandbox};

#[test]
fn the_module_example_creates_a_cart_with_its_item() {
    let sb = Sandbox::start_background(Config::default()).expect("sandbox starts");
    let credentials = sb.credentials();
    for media in MediaType::RESPONSE_FORMATS {
        let client = ClientBuilder::new()
            .base_url(sb.base_url())
            .refresh_token(
                credentials.client_id.clone(),
                credentials.client_secret.clone(),
                credentials.refresh_token.clone(),
            )
            .media_type(media)
            .build()
            .expect("client");
        // The example in crates/foxy/src/ops/carts.rs, as written there.
        let cart = Cart::new().with_item(Item::new("Sprocket", 10, 2));
        let created = client
            .carts()
            .create_and_get(&cart, Query::new().zoom("items").expect("zoom"))
            .expect("created");
        assert_eq!(created.items.len(), 1, "{media}");
        assert_eq!(
            created.items[0].name.as_deref(),
            Some("Sprocket"),
            "{media}"
        );
        assert_eq!(
            created.total_item_price.map(|m| m.to_string()).as_deref(),
            Some("20"),
            "{media}"
        );

        let page = client.carts().list(Query::new()).expect("page");
        assert!(!page.members.is_empty(), "{media}");
        assert_eq!(
            page.total_items(),
            Some(page.members.len() as u64),
            "{media}"
        );
        assert_eq!(page.offset(), Some(0), "{media}");
        assert!(!page.has_more(), "{media}");
    }
}
