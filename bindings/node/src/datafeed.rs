//! The legacy XML datafeed (`FoxyData`, RC4 with the store secret): wraps
//! `foxy_proto::datafeed`. Amounts stay exact decimal strings.

use napi::Env;
use napi_derive::napi;

use foxy_proto::datafeed::{self, DetailOption, FoxyData, Transaction, TransactionDetail};
use foxy_proto::signing::Secret;

use crate::errors::sync;
use napi::bindgen_prelude::{Buffer, Either};

use crate::webhook::body_bytes;

/// The body a datafeed endpoint answers with to acknowledge a feed (`foxy`).
#[napi]
pub const DATAFEED_REPLY: &str = datafeed::REPLY;

/// A decoded `<foxydata>` document: the transactions, typed, and the whole
/// document as XML (for the fields not modelled here).
#[napi(object)]
pub struct Datafeed {
    /// `datafeed_version` (`XML FoxyCart Version 2.0`).
    pub datafeed_version: Option<String>,
    /// The transactions of a transaction datafeed.
    pub transactions: Vec<DatafeedTransaction>,
    /// How many subscriptions a subscription datafeed holds (details in `xml`).
    pub subscription_count: u32,
    /// The decrypted document.
    pub xml: String,
}

/// One `<transaction>` of a datafeed.
#[napi(object)]
pub struct DatafeedTransaction {
    /// `id`.
    pub id: Option<f64>,
    /// `store_id`.
    pub store_id: Option<f64>,
    /// `is_test`.
    pub is_test: Option<bool>,
    /// `transaction_date` as sent (`YYYY-MM-DD HH:MM:SS`).
    pub transaction_date: Option<String>,
    /// `customer_id`.
    pub customer_id: Option<f64>,
    /// `customer_first_name`.
    pub customer_first_name: Option<String>,
    /// `customer_last_name`.
    pub customer_last_name: Option<String>,
    /// `customer_email`.
    pub customer_email: Option<String>,
    /// `product_total` (exact decimal text).
    pub product_total: Option<String>,
    /// `tax_total` (exact decimal text).
    pub tax_total: Option<String>,
    /// `shipping_total` (exact decimal text).
    pub shipping_total: Option<String>,
    /// `order_total` (exact decimal text).
    pub order_total: Option<String>,
    /// The items (`transaction_details`).
    pub details: Vec<DatafeedItem>,
    /// The custom fields, by name.
    pub custom_fields: Vec<DatafeedCustomField>,
}

/// One `<transaction_detail>` (an item) of a datafeed transaction.
#[napi(object)]
pub struct DatafeedItem {
    /// `product_name`.
    pub product_name: Option<String>,
    /// `product_price`: unit price (exact decimal text).
    pub product_price: Option<String>,
    /// `product_quantity`.
    pub product_quantity: Option<f64>,
    /// `product_code`.
    pub product_code: Option<String>,
    /// `category_code`.
    pub category_code: Option<String>,
    /// The options (`transaction_detail_options`).
    pub options: Vec<DatafeedItemOption>,
}

/// One option of a datafeed item.
#[napi(object)]
pub struct DatafeedItemOption {
    /// `product_option_name`.
    pub name: Option<String>,
    /// `product_option_value`.
    pub value: Option<String>,
    /// `price_mod` (exact decimal text).
    pub price_mod: Option<String>,
}

/// One custom field of a datafeed transaction.
#[napi(object)]
pub struct DatafeedCustomField {
    /// `custom_field_name`.
    pub name: Option<String>,
    /// `custom_field_value`.
    pub value: Option<String>,
    /// `custom_field_is_hidden`.
    pub is_hidden: Option<bool>,
}

/// Decrypts a datafeed to its XML text. `body` is the raw POST body
/// (`FoxyData=...`) or the bare form value. Throws `FOXY_VERIFICATION` for
/// a wrong key.
#[napi]
pub fn decrypt_datafeed(
    env: &Env,
    body: Either<Buffer, String>,
    key: String,
) -> napi::Result<String> {
    sync(env, || {
        let value = datafeed::form_value(body_bytes(&body));
        Ok(datafeed::decrypt(value, &Secret::new(key))?)
    })
}

/// Decrypts and reads a datafeed (see `decryptDatafeed`).
#[napi]
pub fn decode_datafeed(
    env: &Env,
    body: Either<Buffer, String>,
    key: String,
) -> napi::Result<Datafeed> {
    sync(env, || {
        let value = datafeed::form_value(body_bytes(&body));
        let xml = datafeed::decrypt(value, &Secret::new(key))?;
        let data = FoxyData::parse(&xml)?;
        Ok(Datafeed {
            datafeed_version: data.datafeed_version,
            transactions: data.transactions.iter().map(transaction).collect(),
            subscription_count: u32::try_from(data.subscriptions.len()).unwrap_or(u32::MAX),
            xml,
        })
    })
}

/// Encrypts datafeed XML into a form value (URL-encoded RC4), as Foxy
/// posts it: for testing a datafeed endpoint.
#[napi]
pub fn encrypt_datafeed(env: &Env, xml: String, key: String) -> napi::Result<String> {
    sync(env, || Ok(datafeed::encrypt(&xml, &Secret::new(key))?))
}

fn transaction(t: &Transaction) -> DatafeedTransaction {
    DatafeedTransaction {
        id: t.id.map(|n| n as f64),
        store_id: t.store_id.map(|n| n as f64),
        is_test: t.is_test,
        transaction_date: t.transaction_date.clone(),
        customer_id: t.customer.id.map(|n| n as f64),
        customer_first_name: t.customer.first_name.clone(),
        customer_last_name: t.customer.last_name.clone(),
        customer_email: t.customer.email.clone(),
        product_total: t.product_total.map(|d| d.to_string()),
        tax_total: t.tax_total.map(|d| d.to_string()),
        shipping_total: t.shipping_total.map(|d| d.to_string()),
        order_total: t.order_total.map(|d| d.to_string()),
        details: t.details.iter().map(item).collect(),
        custom_fields: t
            .custom_fields
            .iter()
            .map(|f| DatafeedCustomField {
                name: f.name.clone(),
                value: f.value.clone(),
                is_hidden: f.is_hidden,
            })
            .collect(),
    }
}

fn item(d: &TransactionDetail) -> DatafeedItem {
    DatafeedItem {
        product_name: d.product_name.clone(),
        product_price: d.product_price.map(|p| p.to_string()),
        product_quantity: d.product_quantity.map(|n| n as f64),
        product_code: d.product_code.clone(),
        category_code: d.category_code.clone(),
        options: d.options.iter().map(option).collect(),
    }
}

fn option(o: &DetailOption) -> DatafeedItemOption {
    DatafeedItemOption {
        name: o.name.clone(),
        value: o.value.clone(),
        price_mod: o.price_mod.map(|p| p.to_string()),
    }
}
