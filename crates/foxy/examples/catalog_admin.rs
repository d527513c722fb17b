//! Typed navigation end to end against a local foxy-sandbox started
//! in-process: create a coupon, generate its codes and list them, read a
//! subscription and its transactions, refund a transaction and show the
//! refund's effect, and see a filter on an unknown property refused before
//! any request.
//!
//! Run with `cargo run -p foxy --example catalog_admin`.

use foxy::model::generated::{Coupon, Subscription, Transaction};
use foxy::model::typed::{TypedCollection as _, TypedResource as _};
use foxy::{Body, Client, Filter, Map, Query, Value};

/// A JSON object body.
fn body(pairs: &[(&str, Value)]) -> Body {
    let mut map = Map::new();
    for (name, value) in pairs {
        map.insert((*name).to_owned(), value.clone());
    }
    Body::Json(Value::Object(map))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = foxy_sandbox::Config::default().with_examples(true);
    let sandbox = foxy_sandbox::Sandbox::start_background(config)?;
    let credentials = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .refresh_token(
            credentials.client_id.clone(),
            credentials.client_secret.clone(),
            credentials.refresh_token.clone(),
        )
        .user_agent_suffix("foxy-example/catalog_admin")
        .build()?;

    // A coupon with generated codes.
    let coupons = client.store().coupons();
    let mut coupon = Coupon::new();
    coupon.set_name(Some("Spring sale"));
    let href = coupons.create(&coupon)?;
    println!("created coupon {href}");
    let coupon = client.nav::<Coupon>(&href);
    let generated = coupon.generate_codes(body(&[
        ("number_of_codes", Value::from(3u64)),
        ("prefix", Value::from("SPRING-")),
    ]))?;
    println!(
        "generate_codes: {}",
        generated
            .property("message")
            .and_then(Value::as_str)
            .unwrap_or("done")
    );
    let codes = coupon.coupon_codes().list(Query::new())?;
    println!(
        "the coupon has {} codes:",
        codes.total_items()?.unwrap_or(0)
    );
    for code in codes.members() {
        println!("  {}", code.code()?.unwrap_or("?"));
    }

    // A subscription, its transactions, and a refund of its last one.
    let page = client.store().subscriptions().list(Query::new())?;
    let Some(first) = page.members().into_iter().next() else {
        return Err("the sandbox has no subscription".into());
    };
    let subscription = client.nav::<Subscription>(first.self_href().unwrap_or_default());
    let read = subscription.get(Query::new())?;
    println!(
        "subscription {}: frequency {}, active {:?}",
        read.self_href().unwrap_or("?"),
        read.frequency()?.unwrap_or("?"),
        read.is_active()?
    );
    let transactions = subscription.transactions().list(Query::new())?;
    println!(
        "its fx:transactions list {} transaction(s)",
        transactions.total_items()?.unwrap_or(0)
    );
    let last = subscription.last_transaction().get(Query::new())?;
    let transaction = client.nav::<Transaction>(last.self_href().unwrap_or_default());
    println!(
        "last transaction {}: {} {}, status {}",
        last.self_href().unwrap_or("?"),
        last.total_order()?
            .map(|d| d.to_string())
            .unwrap_or_default(),
        last.currency_code()?.unwrap_or(""),
        last.status()?.unwrap_or("?")
    );
    // A refund may move money: it is sent once, never replayed automatically.
    transaction.refund(body(&[]))?;
    let after = transaction.get(Query::new())?;
    println!(
        "after the refund: status {}",
        after.status()?.unwrap_or("?")
    );
    for payment in transaction.payments().list(Query::new())?.members() {
        println!(
            "  payment {}: {}",
            payment.r#type()?.unwrap_or("?"),
            payment.amount()?.map(|d| d.to_string()).unwrap_or_default()
        );
    }

    // Queries are checked against the description before any request.
    let refused = coupons.list(Query::new().filter(Filter::eq("colour", "red")));
    match refused {
        Err(e) => println!("refused before any request: {e}"),
        Ok(_) => return Err("a filter on an unknown property was sent".into()),
    }
    sandbox.shutdown();
    Ok(())
}
