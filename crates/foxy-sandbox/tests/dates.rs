//! Dates in the store's time zone: stored in UTC, written with the store's
//! offset at each instant (daylight saving included), read with any offset,
//! and filtered by instant.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

mod common;

use common::{Client, start};

/// Creates an item (in `items`, a cart's items) whose subscription starts at `start`.
fn item_starting(c: &Client, items: &str, start: &str) -> String {
    c.create(
        items,
        &format!(r#"{{"name":"Plan","price":"5","subscription_start_date":"{start}"}}"#),
    )
}

/// The items collection of a new cart.
fn new_items(c: &Client, carts: &str) -> String {
    format!("{}/items", c.create(carts, "{}"))
}

#[test]
fn dates_render_in_the_store_zone_with_daylight_saving() {
    let sb = start();
    let c = Client::authed(&sb);
    let store = c.store();
    assert_eq!(c.get(&store).prop("timezone"), "America/Los_Angeles");
    let items = new_items(&c, &c.link(&store, "fx:carts"));
    let winter = item_starting(&c, &items, "2014-01-21T20:40:45Z");
    let summer = item_starting(&c, &items, "2014-04-21T20:40:45+0000");
    assert_eq!(
        c.get(&winter).prop("subscription_start_date"),
        "2014-01-21T12:40:45-0800"
    );
    assert_eq!(
        c.get(&summer).prop("subscription_start_date"),
        "2014-04-21T13:40:45-0700"
    );
    // Input in another offset names the same instant.
    let r = c.json(
        "PATCH",
        &summer,
        r#"{"subscription_start_date":"2014-04-21T22:40:45+02:00"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        c.get(&summer).prop("subscription_start_date"),
        "2014-04-21T13:40:45-0700"
    );
    // The dates the sandbox writes carry the store's offset, not +0000.
    let created = c.get(&winter).prop("date_created");
    assert!(
        created.ends_with("-0800") || created.ends_with("-0700"),
        "{created}"
    );

    // Another zone for the store moves every rendered date.
    let r = c.json("PATCH", &store, r#"{"timezone":"Europe/Paris"}"#);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        c.get(&winter).prop("subscription_start_date"),
        "2014-01-21T21:40:45+0100"
    );
    assert_eq!(
        c.get(&summer).prop("subscription_start_date"),
        "2014-04-21T22:40:45+0200"
    );
    let r = c.json("PATCH", &store, r#"{"timezone":"Mars/Olympus_Mons"}"#);
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.error_message().contains("time zone"));
    // Dates that are not dates are refused.
    for bad in ["yesterday", "2014-13-01", "2014-04-21T25:00:00Z"] {
        let r = c.json(
            "PATCH",
            &winter,
            &format!(r#"{{"subscription_start_date":"{bad}"}}"#),
        );
        assert_eq!(r.status, 400, "{bad}: {}", r.text());
    }
}

#[test]
fn date_filters_take_any_offset() {
    let sb = start();
    let c = Client::authed(&sb);
    let items = new_items(&c, &c.link(&c.store(), "fx:carts"));
    // 20:00 and 22:30 UTC on 21 April 2014 (13:00 and 15:30 in Los Angeles).
    let early = item_starting(&c, &items, "2014-04-21T20:00:00Z");
    let late = item_starting(&c, &items, "2014-04-21T22:30:00Z");
    let ids = |q: &str| -> Vec<String> {
        let r = c.get(&format!("{items}?{q}&limit=300"));
        assert_eq!(r.status, 200, "{q}: {}", r.text());
        r.res()
            .embedded("fx:items")
            .iter()
            .map(|m| m.self_href().unwrap().to_owned())
            .collect()
    };
    // 00:00 in +0200 on the 22nd is 22:00 UTC on the 21st.
    let q = "subscription_start_date:greaterthan=2014-04-22T00:00:00%2B0200";
    assert_eq!(ids(q), vec![late.clone()]);
    let q = "subscription_start_date:lessthanorequal=2014-04-22T00:00:00%2B02:00";
    assert_eq!(ids(q), vec![early.clone()]);
    // A range 21:00..23:00 in +0200 (19:00..21:00 UTC).
    let q = "subscription_start_date=2014-04-21T21:00:00%2B0200..2014-04-21T23:00:00%2B0200";
    assert_eq!(ids(q), vec![early.clone()]);
    // An exact instant in another offset.
    let q = "subscription_start_date=2014-04-21T15:30:00-0700";
    assert_eq!(ids(q), vec![late.clone()]);
    // A day prefix is the store's local day.
    assert_eq!(ids("subscription_start_date=2014-04-21"), vec![early, late]);
    // date_created: everything was created after 2000, nothing before.
    let all = ids("date_created:greaterthan=2000-01-01T00:00:00%2B0200");
    assert!(all.len() >= 2, "{all:?}");
    assert!(ids("date_created:lessthan=2000-01-01T00:00:00%2B0200").is_empty());
    // Bounds that are not dates are refused.
    for q in ["date_created:greaterthan=soon", "date_created=2014'--"] {
        let r = c.get(&format!("{items}?{q}"));
        assert_eq!(r.status, 400, "{q}: {}", r.text());
    }
}
