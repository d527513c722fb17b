//! The `/cart` endpoint client against the sandbox: sessions, signing,
//! quantity updates, and the same cart seen through the hAPI.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod legacy_support;

use foxy::Error;
use foxy::cart_link::{AsyncCartLink, CartLink};
use foxy::transport::{ReqwestTransport, UreqTransport};
use foxy_proto::Secret;
use foxy_proto::cart_endpoint::{CartEndpointError, CartMethod, Product};
use foxy_sandbox::Config;
use legacy_support::{Hapi, start};
use rust_decimal::Decimal;

fn sprocket() -> Product {
    Product::new("Sprocket", Decimal::new(1000, 2)).with_code("spr")
}

#[test]
fn a_session_cart_grows_and_shrinks() {
    let sb = start(Config::default());
    let mut cart = CartLink::new(UreqTransport::default(), sb.base_url());
    assert!(cart.session_id().is_none());
    let first = cart.add(sprocket().with_quantity(2)).unwrap();
    let fcsid = cart.session_id().unwrap().to_owned();
    assert_eq!(first.session_id, fcsid);
    assert_eq!(
        (first.item_count, first.total_price),
        (2, Decimal::new(2000, 2))
    );

    let second = cart
        .add_all([
            sprocket(),
            Product::new("Cog", Decimal::new(250, 2)).with_option("color", "red{p+1.25}"),
        ])
        .unwrap();
    assert_eq!(cart.session_id(), Some(fcsid.as_str()));
    assert_eq!(
        second.items.len(),
        2,
        "the same product raises the quantity"
    );
    assert_eq!(second.items[0].quantity, 3);
    let cog = &second.items[1];
    assert_eq!(
        (cog.price_each, cog.options[0].value.as_str()),
        (Decimal::new(375, 2), "red")
    );
    assert_eq!(second.total_price, Decimal::new(3375, 2));

    let updated = cart.set_quantity(cog.id, 0).unwrap();
    assert_eq!(updated.items.len(), 1);
    let emptied = cart.with_method(CartMethod::Post).empty().unwrap();
    assert!(emptied.items.is_empty());
    assert_eq!(emptied.session_id, fcsid);

    let hapi = Hapi::new(&sb);
    let (_, _, carts) = hapi.send(
        "GET",
        &format!("/stores/{}/carts?zoom=items", sb.store_id()),
        None,
    );
    assert_eq!(
        carts.embedded("fx:carts").len(),
        1,
        "the session cart is a store cart"
    );
}

#[test]
fn unknown_sessions_are_refused_then_forgotten() {
    let sb = start(Config::default());
    let mut cart =
        CartLink::new(UreqTransport::default(), sb.base_url()).with_session("fcsid_nope");
    let err = cart.add(sprocket()).unwrap_err();
    assert!(err.is_unknown_session(), "{err}");
    assert!(cart.session_id().is_none());
    assert_eq!(cart.add(sprocket()).unwrap().item_count, 1);
}

#[test]
fn signed_products_pass_and_tampering_fails() {
    let sb = start(Config::default().with_signed_carts(true));
    let secret = Secret::new(sb.credentials().store_secret.clone());
    let mut signed = CartLink::new(UreqTransport::default(), sb.base_url()).with_secret(secret);
    let ok = signed.add(sprocket().with_option("size", "xl")).unwrap();
    assert_eq!(ok.items[0].options[0].name, "size");

    let mut unsigned = CartLink::new(UreqTransport::default(), sb.base_url());
    match unsigned.add(sprocket()) {
        Err(Error::CartEndpoint(CartEndpointError::Rejected {
            status: 400,
            errors,
        })) => {
            assert!(errors.iter().any(|e| e.contains("price")), "{errors:?}");
        }
        other => panic!("unsigned products must be refused: {other:?}"),
    }
    let wrong = CartLink::new(UreqTransport::default(), sb.base_url())
        .with_secret(Secret::new("not the store secret"))
        .add(sprocket());
    assert!(matches!(
        wrong,
        Err(Error::CartEndpoint(CartEndpointError::Rejected {
            status: 400,
            ..
        }))
    ));
    let no_code = signed.add(Product::new("Nameless", Decimal::ONE));
    assert!(matches!(
        no_code,
        Err(Error::CartEndpoint(CartEndpointError::Sign(_)))
    ));
    assert_eq!(
        signed.view().unwrap().item_count,
        1,
        "refused requests add nothing"
    );
}

#[test]
fn the_async_client_keeps_its_session() {
    let sb = start(Config::default());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let transport = ReqwestTransport::new(foxy::Timeouts::default()).unwrap();
        let mut cart = AsyncCartLink::new(transport, sb.base_url());
        cart.add(sprocket()).await.unwrap();
        let again = cart.add(sprocket().with_subscription("1m")).await.unwrap();
        assert_eq!(again.items.len(), 2);
        assert_eq!(again.items[1].sub_frequency, "1m");
        assert_eq!(cart.view().await.unwrap().item_count, 2);
    });
}
