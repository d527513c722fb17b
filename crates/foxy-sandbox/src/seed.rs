//! First-start data: a user, a store, a template set, item categories and customers.
//!
//! Seeding runs once per database (a `meta` flag); a file database keeps its
//! data across restarts. The seeded customers are documented in docs/SANDBOX.md.

use foxy_proto::{Map, Value};
use rusqlite::Connection;

use crate::config::Config;
use crate::db;
use crate::error::ApiError;
use crate::input::{Mode, apply};
use crate::kinds::{self, Kind};

/// Ids of what was seeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seeded {
    /// The store.
    pub store_id: i64,
    /// The store's owner.
    pub user_id: i64,
}

/// Email of the seeded customer whose default card charges successfully.
pub const CUSTOMER_WITH_CARD: &str = "grace.hopper@sandbox.test";
/// Email of the seeded customer without a payment method.
pub const CUSTOMER_WITHOUT_CARD: &str = "alan.turing@sandbox.test";
/// Email of the seeded customer whose card is declined.
pub const CUSTOMER_DECLINED_CARD: &str = "ada.lovelace@sandbox.test";

/// Coupon codes the sandbox knows, with their discount rule.
pub const COUPONS: &[(&str, &str, &str)] = &[
    ("SAVE5", "flat:5", "Five Off"),
    ("TENOFF", "percent:10", "Ten Percent Off"),
];

fn add(
    conn: &Connection,
    kind: &Kind,
    parent: Option<(&str, i64)>,
    pairs: &[(&str, Value)],
) -> Result<i64, ApiError> {
    let mut body = Map::new();
    for (k, v) in pairs {
        body.insert((*k).to_owned(), v.clone());
    }
    let props = apply(conn, kind, None, &body, Mode::Create)?;
    db::insert(conn, kind, parent, &props)
}

fn t(s: &str) -> Value {
    Value::from(s)
}

/// Seeds the database unless it already was; returns the store and user ids.
pub fn ensure(conn: &Connection, config: &Config) -> Result<Seeded, ApiError> {
    if let (Some(store), Some(user)) = (
        db::meta_get(conn, "store_id")?,
        db::meta_get(conn, "user_id")?,
    ) {
        let parse = |s: String| {
            s.parse::<i64>()
                .map_err(|_| ApiError::internal("corrupt meta table"))
        };
        let seeded = Seeded {
            store_id: parse(store)?,
            user_id: parse(user)?,
        };
        let mut store = db::load(conn, &kinds::STORES, seeded.store_id)?;
        store
            .props
            .insert("webhook_key".into(), t(&config.credentials.store_secret));
        db::update(conn, store.id, &store.props)?;
        return Ok(seeded);
    }
    let user_id = add(
        conn,
        &kinds::USERS,
        None,
        &[
            ("first_name", t("Sandbox")),
            ("last_name", t("Owner")),
            ("email", t("owner@sandbox.test")),
        ],
    )?;
    let store_id = add(
        conn,
        &kinds::STORES,
        Some(("users", user_id)),
        &[
            ("store_name", t("Sandbox Store")),
            ("store_domain", t("sandbox")),
            ("store_url", t("http://example.com/")),
            ("store_email", t("store@sandbox.test")),
            ("from_email", t("store@sandbox.test")),
            ("postal_code", t("37211")),
            ("region", t("TN")),
            ("country", t("US")),
            ("webhook_key", t(&config.credentials.store_secret)),
        ],
    )?;
    let store = Some(("stores", store_id));
    add(
        conn,
        &kinds::TEMPLATE_SETS,
        store,
        &[
            ("code", t("DEFAULT")),
            ("description", t("Default Template Set")),
        ],
    )?;
    for (code, name, delivery) in [
        ("DEFAULT", "Default Item Category", "notshipped"),
        ("SHIPPED", "Shipped Goods", "shipped"),
        ("DOWNLOAD", "Downloadable Goods", "downloaded"),
    ] {
        add(
            conn,
            &kinds::ITEM_CATEGORIES,
            store,
            &[
                ("code", t(code)),
                ("name", t(name)),
                ("item_delivery_type", t(delivery)),
            ],
        )?;
    }
    let customers = [
        (
            "Grace",
            "Hopper",
            CUSTOMER_WITH_CARD,
            Some(("Visa", "xxxxxxxxxxxx4242")),
        ),
        ("Alan", "Turing", CUSTOMER_WITHOUT_CARD, None),
        (
            "Ada",
            "Lovelace",
            CUSTOMER_DECLINED_CARD,
            Some(("MasterCard", "xxxxxxxxxxxx0002")),
        ),
    ];
    for (first, last, email, card) in customers {
        let id = add(
            conn,
            &kinds::CUSTOMERS,
            store,
            &[
                ("first_name", t(first)),
                ("last_name", t(last)),
                ("email", t(email)),
            ],
        )?;
        let parent = Some(("customers", id));
        add(
            conn,
            &kinds::CUSTOMER_ADDRESSES,
            parent,
            &[
                ("address_name", t("Default Billing Address")),
                ("first_name", t(first)),
                ("last_name", t(last)),
                ("address1", t("1234 Mulberry Dr.")),
                ("address2", t("#567")),
                ("city", t("MANHATTAN")),
                ("region", t("NY")),
                ("postal_code", t("10001")),
                ("country", t("US")),
                ("is_default_billing", Value::Bool(true)),
            ],
        )?;
        add(
            conn,
            &kinds::CUSTOMER_ADDRESSES,
            parent,
            &[
                ("address_name", t("Default Shipping Address")),
                ("first_name", t(first)),
                ("last_name", t(last)),
                ("address1", t("500 Congress Ave")),
                ("city", t("Austin")),
                ("region", t("TX")),
                ("postal_code", t("78767")),
                ("country", t("US")),
                ("is_default_shipping", Value::Bool(true)),
            ],
        )?;
        if let Some((cc_type, masked)) = card {
            add(
                conn,
                &kinds::PAYMENT_METHODS,
                parent,
                &[
                    ("save_cc", Value::Bool(true)),
                    ("cc_type", t(cc_type)),
                    ("cc_number_masked", t(masked)),
                    ("cc_exp_month", t("12")),
                    ("cc_exp_year", t("2030")),
                ],
            )?;
        }
    }
    db::meta_set(conn, "store_id", &store_id.to_string())?;
    db::meta_set(conn, "user_id", &user_id.to_string())?;
    db::meta_set(conn, "display_id", "1000")?;
    Ok(Seeded { store_id, user_id })
}
