//! Property helpers (countries, regions, time zones...) as static data, the
//! links of `/property_helpers`, and the external pages (receipts, checkout
//! links) as small HTML pages.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use foxy_proto::{Link, Map, Rel, Resource, Value};
use foxy_schema::Relation;

use super::{catalog, title_case};
use crate::error::ApiError;
use crate::render::Ctx;

/// The parent key of records under the property helpers (shipping methods, store versions).
pub const ROOT: &str = "property_helpers";

/// Static values of each helper: `(code, label)` pairs.
fn values(name: &str) -> &'static [(&'static str, &'static str)] {
    match name {
        "countries" => &[
            ("US", "United States"),
            ("CA", "Canada"),
            ("GB", "United Kingdom"),
            ("DE", "Germany"),
            ("FR", "France"),
        ],
        "regions" => &[
            ("CA", "California"),
            ("NY", "New York"),
            ("TN", "Tennessee"),
            ("TX", "Texas"),
            ("WA", "Washington"),
        ],
        "timezones" => &[
            ("America/Los_Angeles", "(GMT-08:00) Pacific Time"),
            ("America/New_York", "(GMT-05:00) Eastern Time"),
            ("Europe/London", "(GMT+00:00) London"),
            ("UTC", "(GMT+00:00) UTC"),
        ],
        "languages" => &[
            ("english", "English"),
            ("french", "French"),
            ("german", "German"),
        ],
        "language_strings" => &[("checkout_title", "Checkout"), ("cart_title", "Your Cart")],
        "locale_codes" => &[
            ("en_US", "English locale for the United States"),
            ("en_GB", "English locale for the United Kingdom"),
            ("fr_FR", "French locale for France"),
        ],
        "shipping_address_types" => &[
            ("residential", "Rate as Residential"),
            ("commercial", "Rate as Commercial"),
            (
                "determine_by_company",
                "Rate based on Company field (commercial if present)",
            ),
        ],
        "checkout_types" => &[
            (
                "default_account",
                "Allow guest and customer accounts, default to account",
            ),
            (
                "default_guest",
                "Allow guest and customer accounts, default to guest",
            ),
            ("account_only", "Allow customer accounts only"),
            ("guest_only", "Allow guests only"),
        ],
        "customer_password_hash_types" => &[
            ("phpass", "phpass"),
            ("sha256", "SHA-256"),
            ("bcrypt", "bcrypt"),
        ],
        "card_verification" => &[("visa", "CVV2"), ("mastercard", "CVC2")],
        "payment_gateway_types" => &[
            ("sandbox", "Sandbox test gateway"),
            ("stripe_connect", "Stripe"),
        ],
        "hosted_payment_gateway_types" => &[("paypal_ec", "PayPal Express Checkout")],
        _ => &[],
    }
}

/// GET a property helper.
pub async fn get(r: &'static Relation, ctx: Ctx) -> Result<Response, ApiError> {
    let b = &ctx.pres.base;
    let path = r.path.as_deref().unwrap_or(ROOT);
    let mut vals = Map::new();
    for (code, label) in values(&r.name) {
        vals.insert((*code).to_owned(), Value::from(*label));
    }
    let mut res = Resource::new()
        .with_link(
            Rel::SELF,
            Link::new(format!("{b}/{path}")).titled(title_case(&r.name)),
        )
        .with_link(
            Rel::PROPERTY_HELPERS,
            Link::new(format!("{b}/{ROOT}")).titled("Property Helpers"),
        )
        .with_link(
            Rel::STORE,
            Link::new(format!("{b}/stores/{}", ctx.pres.store_id)).titled("This Store"),
        );
    res.class = vec![r.name.clone()];
    for p in &r.properties {
        match p.name.as_str() {
            "id" => res.set_property("id", 1i64),
            "store_id" => res.set_property("store_id", ctx.pres.store_id),
            "message" => res.set_property("message", r.description.as_str()),
            "values" => res.set_property("values", Value::Object(vals.clone())),
            _ => {}
        }
    }
    ctx.ok(&res, None)
}

/// The links of `/property_helpers`: every helper and helper collection described.
pub fn home_links(base: &str) -> Vec<(Rel, Link)> {
    let Some(schema) = catalog().schema else {
        return Vec::new();
    };
    let Some(home) = schema.relation(ROOT) else {
        return Vec::new();
    };
    home.links
        .iter()
        .filter_map(|l| {
            let target = schema.relation(&l.target)?;
            let path = target.path.as_deref()?;
            Some((
                Rel::fx(&l.rel),
                Link::new(format!("{base}/{path}")).titled(title_case(&l.rel)),
            ))
        })
        .collect()
}

/// An external page (a receipt, a checkout link): a small HTML document.
pub fn external_page(r: &Relation, id: &str) -> Response {
    let id: String = id.chars().filter(char::is_ascii_digit).take(20).collect();
    let body = format!(
        "<!doctype html><html><head><title>{title}</title></head>\
         <body><h1>{title}</h1><p>{desc} (sandbox page for resource {id})</p></body></html>",
        title = title_case(&r.name),
        desc = r.description,
    );
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}
