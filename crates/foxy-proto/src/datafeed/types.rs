//! The typed records of the transaction datafeed: transactions and what
//! they hold (customer, items and their options, custom fields, discounts,
//! taxes, attributes, ship-to addresses).
//!
//! Money is kept as exact decimals ([`rust_decimal::Decimal`]), dates as the
//! text Foxy sends (`2007-05-04 20:53:57`). Every record keeps the elements it
//! does not model in `extra`, so re-encoding loses nothing.

use super::fields::{field_read, field_ty, field_write, group, record};

group! {
    /// The customer's contact details and billing address (`customer_*`).
    pub struct Customer {
        /// `customer_id` (0 for guests).
        id: number("customer_id"),
        /// `customer_first_name`.
        first_name: text("customer_first_name"),
        /// `customer_last_name`.
        last_name: text("customer_last_name"),
        /// `customer_company`.
        company: text("customer_company"),
        /// `customer_address1`.
        address1: text("customer_address1"),
        /// `customer_address2`.
        address2: text("customer_address2"),
        /// `customer_city`.
        city: text("customer_city"),
        /// `customer_state`.
        state: text("customer_state"),
        /// `customer_postal_code`.
        postal_code: text("customer_postal_code"),
        /// `customer_country` (ISO 3166 alpha-2).
        country: text("customer_country"),
        /// `customer_phone`.
        phone: text("customer_phone"),
        /// `customer_email`.
        email: text("customer_email"),
    }
}

group! {
    /// The default shipping address (`shipping_*`).
    pub struct ShippingAddress {
        /// `shipping_first_name`.
        first_name: text("shipping_first_name"),
        /// `shipping_last_name`.
        last_name: text("shipping_last_name"),
        /// `shipping_company`.
        company: text("shipping_company"),
        /// `shipping_address1`.
        address1: text("shipping_address1"),
        /// `shipping_address2`.
        address2: text("shipping_address2"),
        /// `shipping_city`.
        city: text("shipping_city"),
        /// `shipping_state`.
        state: text("shipping_state"),
        /// `shipping_postal_code`.
        postal_code: text("shipping_postal_code"),
        /// `shipping_country`.
        country: text("shipping_country"),
        /// `shipping_phone`.
        phone: text("shipping_phone"),
    }
}

record! {
    /// One transaction (`<transaction>`).
    pub struct Transaction = "transaction" {
        /// `id`.
        id: number("id"),
        /// `store_id`.
        store_id: number("store_id"),
        /// `store_version`.
        store_version: text("store_version"),
        /// `is_test`.
        is_test: flag("is_test"),
        /// `is_hidden`.
        is_hidden: flag("is_hidden"),
        /// `data_is_fed`.
        data_is_fed: flag("data_is_fed"),
        /// `transaction_date` as sent (`YYYY-MM-DD HH:MM:SS`).
        transaction_date: text("transaction_date"),
        /// `processor_response`.
        processor_response: text("processor_response"),
        /// The `customer_*` fields.
        customer: group(Customer),
        /// The `shipping_*` fields.
        shipping: group(ShippingAddress),
        /// `product_total`.
        product_total: money("product_total"),
        /// `tax_total`.
        tax_total: money("tax_total"),
        /// `shipping_total`.
        shipping_total: money("shipping_total"),
        /// `order_total`.
        order_total: money("order_total"),
        /// `custom_fields/custom_field`.
        custom_fields: list(CustomField, "custom_fields"),
        /// `discounts/discount`.
        discounts: list(Discount, "discounts"),
        /// `taxes/tax`.
        taxes: list(Tax, "taxes"),
        /// `attributes/attribute`.
        attributes: list(Attribute, "attributes"),
        /// `transaction_details/transaction_detail`: the items.
        details: list(TransactionDetail, "transaction_details"),
        /// `shipto_addresses/shipto_address` (multi-ship).
        shipto_addresses: list(ShiptoAddress, "shipto_addresses"),
    }
}

record! {
    /// One item of a transaction (`<transaction_detail>`).
    pub struct TransactionDetail = "transaction_detail" {
        /// `product_name`.
        product_name: text("product_name"),
        /// `product_price` (unit price).
        product_price: money("product_price"),
        /// `product_quantity`.
        product_quantity: number("product_quantity"),
        /// `product_weight`.
        product_weight: money("product_weight"),
        /// `product_code`.
        product_code: text("product_code"),
        /// `parent_code` (bundled items).
        parent_code: text("parent_code"),
        /// `category_code`.
        category_code: text("category_code"),
        /// `category_description`.
        category_description: text("category_description"),
        /// `product_delivery_type`.
        product_delivery_type: text("product_delivery_type"),
        /// `shipto` (multi-ship address name).
        shipto: text("shipto"),
        /// `sub_token_url` (subscription items).
        sub_token_url: text("sub_token_url"),
        /// `subscription_frequency`.
        subscription_frequency: text("subscription_frequency"),
        /// `subscription_startdate`.
        subscription_startdate: text("subscription_startdate"),
        /// `subscription_nextdate`.
        subscription_nextdate: text("subscription_nextdate"),
        /// `subscription_enddate`.
        subscription_enddate: text("subscription_enddate"),
        /// `transaction_detail_options/transaction_detail_option`.
        options: list(DetailOption, "transaction_detail_options"),
    }
}

record! {
    /// A product option of an item (`<transaction_detail_option>`).
    pub struct DetailOption = "transaction_detail_option" {
        /// `product_option_name`.
        name: text("product_option_name"),
        /// `product_option_value`.
        value: text("product_option_value"),
        /// `price_mod`.
        price_mod: money("price_mod"),
        /// `weight_mod`.
        weight_mod: money("weight_mod"),
    }
}

record! {
    /// A checkout custom field (`<custom_field>`).
    pub struct CustomField = "custom_field" {
        /// `custom_field_name`.
        name: text("custom_field_name"),
        /// `custom_field_value`.
        value: text("custom_field_value"),
        /// `custom_field_is_hidden`.
        is_hidden: flag("custom_field_is_hidden"),
    }
}

record! {
    /// A discount or coupon applied (`<discount>`).
    pub struct Discount = "discount" {
        /// `code`.
        code: text("code"),
        /// `valid_categories`.
        valid_categories: text("valid_categories"),
        /// `name`.
        name: text("name"),
        /// `amount` (negative for a reduction).
        amount: money("amount"),
        /// `display`.
        display: text("display"),
        /// `coupon_discount_type`.
        coupon_discount_type: text("coupon_discount_type"),
        /// `coupon_discount_details`.
        coupon_discount_details: text("coupon_discount_details"),
    }
}

record! {
    /// A tax applied (`<tax>`).
    pub struct Tax = "tax" {
        /// `tax_rate`.
        rate: money("tax_rate"),
        /// `tax_name`.
        name: text("tax_name"),
        /// `tax_amount`.
        amount: money("tax_amount"),
    }
}

record! {
    /// A name/value attribute (`<attribute>`).
    pub struct Attribute = "attribute" {
        /// `name`.
        name: text("name"),
        /// `value`.
        value: text("value"),
    }
}

record! {
    /// A multi-ship address and its totals (`<shipto_address>`).
    pub struct ShiptoAddress = "shipto_address" {
        /// `address_name` (the ship-to name; `Me` for the customer).
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
        /// `shipto_shipping_service_description`.
        shipping_service_description: text("shipto_shipping_service_description"),
        /// `shipto_subtotal`.
        subtotal: money("shipto_subtotal"),
        /// `shipto_tax_total`.
        tax_total: money("shipto_tax_total"),
        /// `shipto_shipping_total`.
        shipping_total: money("shipto_shipping_total"),
        /// `shipto_total`.
        total: money("shipto_total"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datafeed::DatafeedError;
    use crate::datafeed::xml::Element;

    #[test]
    fn money_is_exact_and_unknowns_are_kept() {
        let xml = "<transaction><id>7</id><order_total>10.10</order_total><customer_ip>1.2.3.4</customer_ip>\
                   <transaction_details><transaction_detail><product_price>0.30</product_price>\
                   <product_quantity>3</product_quantity><gift_wrap>yes</gift_wrap></transaction_detail>\
                   </transaction_details></transaction>";
        let tx = Transaction::from_element(Element::parse(xml).expect("xml")).expect("typed");
        assert_eq!(tx.id, Some(7));
        assert_eq!(
            tx.order_total.map(|d| d.to_string()).as_deref(),
            Some("10.10")
        );
        assert_eq!(
            tx.details[0]
                .product_price
                .map(|d| d.to_string())
                .as_deref(),
            Some("0.30")
        );
        assert_eq!(tx.extra, [Element::with_text("customer_ip", "1.2.3.4")]);
        assert_eq!(
            tx.details[0].extra,
            [Element::with_text("gift_wrap", "yes")]
        );
        assert_eq!(
            Transaction::from_element(tx.to_element()).expect("again"),
            tx
        );
    }

    #[test]
    fn bad_numbers_are_typed_errors() {
        let xml = "<transaction><order_total>ten</order_total></transaction>";
        let err = Transaction::from_element(Element::parse(xml).expect("xml")).expect_err("bad");
        assert_eq!(
            err,
            DatafeedError::InvalidField {
                field: "order_total".into(),
                value: "ten".into()
            }
        );
        let xml = "<tax><tax_rate>1e5</tax_rate></tax>";
        assert!(Tax::from_element(Element::parse(xml).expect("xml")).is_err());
    }
}
