//! The typed records of legacy API responses that the datafeed does not
//! already define: customers, customer addresses, categories, downloadables.
//! Transactions, subscriptions and attributes are the datafeed's records.

use crate::datafeed::fields::{field_read, field_ty, field_write, record};
use crate::datafeed::{Attribute, Customer, ShippingAddress};

record! {
    /// A customer (`<customer>`, or the top-level fields of `customer_get`).
    pub struct CustomerRecord = "customer" {
        /// The `customer_*` fields.
        customer: group(Customer),
        /// The `shipping_*` fields.
        shipping: group(ShippingAddress),
        /// `last_modified_date`.
        last_modified_date: text("last_modified_date"),
        /// `customer_password`: a hash, never the password itself.
        password_hash: text("customer_password"),
        /// `customer_password_salt`.
        password_salt: text("customer_password_salt"),
        /// `customer_password_hash_type`.
        password_hash_type: text("customer_password_hash_type"),
        /// `attributes/attribute`.
        attributes: list(Attribute, "attributes"),
    }
}

record! {
    /// A multi-ship address of a customer (`<customer_address>`).
    pub struct CustomerAddress = "customer_address" {
        /// `address_id`.
        id: number("address_id"),
        /// `customer_id`.
        customer_id: number("customer_id"),
        /// `address_name` (`Me` for the default shipping address).
        address_name: text("address_name"),
        /// `shipto_first_name`.
        first_name: text("shipto_first_name"),
        /// `shipto_last_name`.
        last_name: text("shipto_last_name"),
        /// `shipto_company`.
        company: text("shipto_company"),
        /// `shipto_address1`.
        address1: text("shipto_address1"),
        /// `shipto_address2`.
        address2: text("shipto_address2"),
        /// `shipto_city`.
        city: text("shipto_city"),
        /// `shipto_state`.
        state: text("shipto_state"),
        /// `shipto_postal_code`.
        postal_code: text("shipto_postal_code"),
        /// `shipto_country`.
        country: text("shipto_country"),
    }
}

record! {
    /// A product category (`<category>`).
    pub struct Category = "category" {
        /// `id`.
        id: number("id"),
        /// `code`.
        code: text("code"),
        /// `description`.
        description: text("description"),
        /// `product_delivery_type`.
        product_delivery_type: text("product_delivery_type"),
    }
}

record! {
    /// A downloadable product (`<downloadable>`).
    pub struct Downloadable = "downloadable" {
        /// `id`.
        id: number("id"),
        /// `category_id`.
        category_id: number("category_id"),
        /// `category_code`.
        category_code: text("category_code"),
        /// `product_name`.
        product_name: text("product_name"),
        /// `product_code`.
        product_code: text("product_code"),
        /// `product_price`.
        product_price: money("product_price"),
        /// `file_size`, as sent.
        file_size: text("file_size"),
        /// `upload_date`.
        upload_date: text("upload_date"),
    }
}
