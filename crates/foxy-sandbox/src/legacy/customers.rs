//! `customer_get`, `customer_save`, `customer_list`, `customer_address_get`
//! and `customer_address_save` over the hAPI's customers and addresses.
//!
//! A customer's `customer_*` address fields are its default billing address,
//! its `shipping_*` fields its default shipping address (named `Me` when
//! `customer_save` creates it). Passwords are stored as a SHA-256 hash
//! (`customer_password_hash_type` `sha256`) or as the hash given.

use foxy_proto::datafeed::xml::Element;
use foxy_proto::legacy::{ApiRequest, ApiResponse, CustomerAddress};
use foxy_proto::{Map, Value};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::{LegacyCtx, id_param, list_answer, list_params, param, success};
use crate::db::{self, Record};
use crate::error::ApiError;
use crate::feed;
use crate::input::{self, Mode};
use crate::kinds;

fn is_guest(c: &Record) -> bool {
    c.props.get("is_anonymous").and_then(Value::as_bool) == Some(true)
}

fn by_email(conn: &Connection, email: &str) -> Result<Option<Record>, ApiError> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT r.id FROM records r JOIN props p ON p.record_id = r.id \
             WHERE r.kind = 'customers' AND p.name = 'email' AND lower(p.val) = lower(?1) \
             ORDER BY r.id LIMIT 1",
            [email],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|i| db::load(conn, &kinds::CUSTOMERS, i)).transpose()
}

/// The customer named by `customer_id` or `customer_email` (guests excluded).
fn lookup(conn: &Connection, call: &ApiRequest) -> Result<Option<Record>, ApiError> {
    let found = match (
        id_param(call, "customer_id")?,
        param(call, "customer_email"),
    ) {
        (Some(id), _) => db::find(conn, id)?.filter(|r| r.kind.key == kinds::CUSTOMERS.key),
        (None, Some(email)) => by_email(conn, email)?,
        (None, None) => {
            return Err(ApiError::bad_request(
                "customer_id or customer_email is required",
            ));
        }
    };
    Ok(found.filter(|c| !is_guest(c)))
}

fn find(conn: &Connection, call: &ApiRequest) -> Result<Record, ApiError> {
    lookup(conn, call)?.ok_or_else(|| ApiError::not_found("Customer not found"))
}

pub(super) fn get(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let customer = find(conn, call)?;
    let mut answer = success("Customer Found");
    answer.customer = Some(feed::customer(conn, &customer)?);
    Ok(answer)
}

const BILLING: &[(&str, &str)] = &[
    ("customer_company", "company"),
    ("customer_address1", "address1"),
    ("customer_address2", "address2"),
    ("customer_city", "city"),
    ("customer_state", "region"),
    ("customer_postal_code", "postal_code"),
    ("customer_country", "country"),
    ("customer_phone", "phone"),
];
const SHIPPING: &[(&str, &str)] = &[
    ("shipping_first_name", "first_name"),
    ("shipping_last_name", "last_name"),
    ("shipping_company", "company"),
    ("shipping_address1", "address1"),
    ("shipping_address2", "address2"),
    ("shipping_city", "city"),
    ("shipping_state", "region"),
    ("shipping_postal_code", "postal_code"),
    ("shipping_country", "country"),
    ("shipping_phone", "phone"),
];

fn save_address(
    conn: &Connection,
    customer: &Record,
    flag: &str,
    name: &str,
    fields: &[(&str, String)],
) -> Result<(), ApiError> {
    let existing = db::children(conn, "customers", customer.id, &kinds::CUSTOMER_ADDRESSES)?
        .into_iter()
        .find(|a| a.props.get(flag).and_then(Value::as_bool) == Some(true));
    let mut body = Map::new();
    for (field, value) in fields {
        body.insert((*field).to_owned(), Value::from(value.as_str()));
    }
    match existing {
        Some(addr) => {
            let props = input::apply(
                conn,
                &kinds::CUSTOMER_ADDRESSES,
                Some(&addr.props),
                &body,
                Mode::Patch,
            )?;
            db::update(conn, addr.id, &props)
        }
        None => {
            body.insert("address_name".into(), Value::from(name));
            body.insert(flag.to_owned(), Value::Bool(true));
            let props = input::apply(conn, &kinds::CUSTOMER_ADDRESSES, None, &body, Mode::Create)?;
            db::insert(
                conn,
                &kinds::CUSTOMER_ADDRESSES,
                Some(("customers", customer.id)),
                &props,
            )
            .map(|_| ())
        }
    }
}

fn pick(call: &ApiRequest, map: &[(&str, &'static str)]) -> Vec<(&'static str, String)> {
    map.iter()
        .filter_map(|(from, to)| call.get(from).map(|v| (*to, v.trim().to_owned())))
        .collect()
}

pub(super) fn save(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let existing = lookup(conn, call)?;
    if existing.is_none() && id_param(call, "customer_id")?.is_some() {
        return Err(ApiError::not_found("Customer not found"));
    }
    let password = param(call, "customer_password");
    let given_hash = param(call, "customer_password_hash");
    if existing.is_none() && password.is_none() && given_hash.is_none() {
        return Err(ApiError::bad_request(
            "customer_password or customer_password_hash is required for a new customer",
        ));
    }
    if let Some(email) = param(call, "customer_email").filter(|e| !e.contains('@')) {
        return Err(ApiError::bad_request(format!(
            "customer_email {email:?} is not an email address"
        )));
    }
    if let Some(country) = param(call, "customer_country").filter(|c| c.len() != 2) {
        return Err(ApiError::bad_request(format!(
            "customer_country {country:?} is not a 2 letter ISO code"
        )));
    }
    let mut body = Map::new();
    for (from, to) in [
        ("customer_first_name", "first_name"),
        ("customer_last_name", "last_name"),
        ("customer_email", "email"),
        ("customer_tax_id", "tax_id"),
    ] {
        if let Some(v) = call.get(from) {
            body.insert(to.to_owned(), Value::from(v.trim()));
        }
    }
    let (mut props, created) = match &existing {
        Some(c) => (
            input::apply(conn, &kinds::CUSTOMERS, Some(&c.props), &body, Mode::Patch)?,
            false,
        ),
        None => (
            input::apply(conn, &kinds::CUSTOMERS, None, &body, Mode::Create)?,
            true,
        ),
    };
    if let Some(password) = password {
        let hash = hex::encode(Sha256::digest(password.as_bytes()));
        props.insert("legacy_password_hash".into(), Value::from(hash));
        props.insert("legacy_password_salt".into(), Value::from(""));
        props.insert("legacy_password_hash_type".into(), Value::from("sha256"));
    } else if let Some(hash) = given_hash {
        let store = db::load(conn, &kinds::STORES, ctx.store_id)?;
        props.insert("legacy_password_hash".into(), Value::from(hash));
        props.insert(
            "legacy_password_salt".into(),
            Value::from(param(call, "customer_password_salt").unwrap_or_default()),
        );
        props.insert(
            "legacy_password_hash_type".into(),
            Value::from(store.text("customer_password_hash_type")),
        );
    }
    let id = match &existing {
        Some(c) => {
            db::update(conn, c.id, &props)?;
            c.id
        }
        None => db::insert(
            conn,
            &kinds::CUSTOMERS,
            Some(("stores", ctx.store_id)),
            &props,
        )?,
    };
    let customer = db::load(conn, &kinds::CUSTOMERS, id)?;
    let mut billing = pick(call, BILLING);
    if created && !billing.iter().any(|(f, _)| *f == "country") {
        let store = db::load(conn, &kinds::STORES, ctx.store_id)?;
        billing.push(("country", store.text("country")));
    }
    let first_last = [
        ("first_name", customer.text("first_name")),
        ("last_name", customer.text("last_name")),
    ];
    if !billing.is_empty() {
        billing.extend(first_last.iter().cloned());
        save_address(
            conn,
            &customer,
            "is_default_billing",
            "Default Billing Address",
            &billing,
        )?;
    }
    let shipping = pick(call, SHIPPING);
    if !shipping.is_empty() {
        save_address(conn, &customer, "is_default_shipping", "Me", &shipping)?;
    }
    let mut answer = success(if created {
        "Customer Created"
    } else {
        "Customer Updated"
    });
    answer
        .extra
        .push(Element::with_text("customer_id", id.to_string()));
    Ok(answer)
}

pub(super) fn list(
    conn: &Connection,
    ctx: &LegacyCtx,
    call: &ApiRequest,
) -> Result<ApiResponse, ApiError> {
    let (filters, page) = list_params(call)?;
    let all: Vec<Record> = db::children(conn, "stores", ctx.store_id, &kinds::CUSTOMERS)?
        .into_iter()
        .filter(|c| !is_guest(c))
        .collect();
    let (mut answer, shown) = list_answer(
        "Customers",
        "total_customers",
        &page,
        &all,
        |c| feed::customer(conn, c),
        |record| filters.iter().all(|f| f.matches_customer(record)),
    )?;
    answer.customers = shown;
    Ok(answer)
}

fn address_record(customer: &Record, a: &Record) -> CustomerAddress {
    let text = |n: &str| Some(a.text(n));
    let is_me = a.props.get("is_default_shipping").and_then(Value::as_bool) == Some(true);
    CustomerAddress {
        id: u64::try_from(a.id).ok(),
        customer_id: u64::try_from(customer.id).ok(),
        address_name: Some(if is_me {
            "Me".to_owned()
        } else {
            a.text("address_name")
        }),
        first_name: text("first_name"),
        last_name: text("last_name"),
        company: text("company"),
        address1: text("address1"),
        address2: text("address2"),
        city: text("city"),
        state: text("region"),
        postal_code: text("postal_code"),
        country: text("country"),
        ..CustomerAddress::default()
    }
}

fn find_address(
    conn: &Connection,
    customer: &Record,
    call: &ApiRequest,
) -> Result<Option<Record>, ApiError> {
    let addresses = db::children(conn, "customers", customer.id, &kinds::CUSTOMER_ADDRESSES)?;
    match (id_param(call, "address_id")?, param(call, "address_name")) {
        (Some(id), _) => Ok(addresses.into_iter().find(|a| a.id == id)),
        (None, Some(name)) if name.eq_ignore_ascii_case("me") => Ok(addresses
            .into_iter()
            .find(|a| a.props.get("is_default_shipping").and_then(Value::as_bool) == Some(true))),
        (None, Some(name)) => Ok(addresses
            .into_iter()
            .find(|a| a.text("address_name").eq_ignore_ascii_case(name))),
        (None, None) => Err(ApiError::bad_request(
            "address_id or address_name is required",
        )),
    }
}

pub(super) fn address_get(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let customer = find(conn, call)?;
    let address = find_address(conn, &customer, call)?
        .ok_or_else(|| ApiError::not_found("Customer address not found"))?;
    let mut answer = success("Customer Address Found");
    answer.customer_addresses = vec![address_record(&customer, &address)];
    Ok(answer)
}

pub(super) fn address_save(conn: &Connection, call: &ApiRequest) -> Result<ApiResponse, ApiError> {
    let customer = find(conn, call)?;
    let existing = find_address(conn, &customer, call)?;
    if existing.is_none() && id_param(call, "address_id")?.is_some() {
        return Err(ApiError::not_found("Customer address not found"));
    }
    let mut body = Map::new();
    for (from, to) in [
        ("shipto_first_name", "first_name"),
        ("shipto_last_name", "last_name"),
        ("shipto_company", "company"),
        ("shipto_address1", "address1"),
        ("shipto_address2", "address2"),
        ("shipto_city", "city"),
        ("shipto_state", "region"),
        ("shipto_postal_code", "postal_code"),
        ("shipto_country", "country"),
    ] {
        if let Some(v) = call.get(from) {
            body.insert(to.to_owned(), Value::from(v.trim()));
        }
    }
    let id = match existing {
        Some(addr) => {
            let props = input::apply(
                conn,
                &kinds::CUSTOMER_ADDRESSES,
                Some(&addr.props),
                &body,
                Mode::Patch,
            )?;
            db::update(conn, addr.id, &props)?;
            addr.id
        }
        None => {
            let name = param(call, "address_name").unwrap_or("Me");
            body.insert("address_name".into(), Value::from(name));
            let props = input::apply(conn, &kinds::CUSTOMER_ADDRESSES, None, &body, Mode::Create)?;
            db::insert(
                conn,
                &kinds::CUSTOMER_ADDRESSES,
                Some(("customers", customer.id)),
                &props,
            )?
        }
    };
    let address = db::load(conn, &kinds::CUSTOMER_ADDRESSES, id)?;
    let mut answer = success("Customer Address Saved");
    answer.customer_addresses = vec![address_record(&customer, &address)];
    Ok(answer)
}
