//! Items (the products in a cart or transaction) and their item options.
//!
//! An item carries its price, quantity and limits, shipping measures,
//! discount and subscription settings; its options (`color: red`) adjust
//! the price and weight. Both can be built in code for a cart PUT:
//!
//! ```
//! use foxy_model::{Item, ItemOption, Money};
//! let item = Item::new("Sprocket", Money::from(100), 2)
//!     .with_code("abc123")
//!     .with_option(ItemOption::new("size", "xl", 0, 2));
//! assert_eq!(item.quantity.as_ref().map(|q| q.get()), Some(2));
//! ```

use foxy_proto::Rel;

use crate::attribute::Attribute;
use crate::model::{Extras, model};
use crate::values::count::Count;
use crate::values::date::Date;
use crate::values::flag::Flag;
use crate::values::money::{Measure, Money};

model! {
    /// A product in a cart or transaction.
    pub struct Item (Rel::ITEMS) {
        required {}
        fields {
            /// The full API URI of the item's category.
            item_category_uri: String,
            /// The product name.
            name: String,
            /// The price of one unit, before options and discounts.
            price: Money,
            /// How many units.
            quantity: Count,
            /// The smallest quantity allowed (0: no limit).
            quantity_min: Count,
            /// The largest quantity allowed (0: no limit).
            quantity_max: Count,
            /// The weight of one unit.
            weight: Measure,
            /// The product code (SKU).
            code: String,
            /// The code of the parent item this one is bundled with.
            parent_code: String,
            /// The name of the item's discount.
            discount_name: String,
            /// The discount type (`quantity_amount`, `price_percentage`, ...).
            discount_type: String,
            /// The discount tiers (`incremental|2-1|5-2`).
            discount_details: String,
            /// How often the subscription renews (`1m`, `2w`, `1y`).
            subscription_frequency: String,
            /// When the subscription starts.
            subscription_start_date: Date,
            /// When the subscription next bills (computed by Foxy).
            subscription_next_transaction_date: Date,
            /// When the subscription ends.
            subscription_end_date: Date,
            /// Whether this line is a future subscription payment, not charged now.
            is_future_line_item: Flag,
            /// The name of the shipping address this item ships to (multiship).
            shipto: String,
            /// The product page URL.
            url: String,
            /// The product image URL.
            image: String,
            /// The length of one unit, for shipping.
            length: Measure,
            /// The width of one unit, for shipping.
            width: Measure,
            /// The height of one unit, for shipping.
            height: Measure,
            /// Minutes the item may stay in a cart (0: no expiry).
            expires: Count,
            /// When the item was created.
            date_created: Date,
            /// When the item was last modified.
            date_modified: Date,
        }
        embedded {
            /// The item's options, when zoomed (`items:item_options`).
            item_options: ItemOption = Rel::ITEM_OPTIONS,
            /// The item's attributes, when zoomed (`items:attributes`).
            attributes: Attribute = Rel::ATTRIBUTES,
        }
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
            /// `fx:item_options`: the item's options.
            item_options_link = Rel::ITEM_OPTIONS,
            /// `fx:attributes`: the item's attributes.
            attributes_link = Rel::ATTRIBUTES,
            /// `fx:item_category`: the item's category.
            item_category_link = Rel::ITEM_CATEGORY,
        }
        conditional_links {
            /// `fx:cart`: the cart, while the item is in one.
            cart_link = Rel::CART,
            /// `fx:transaction`: the transaction, once the item was bought.
            transaction_link = Rel::TRANSACTION,
            /// `fx:subscription`: the subscription, for a subscription item.
            subscription_link = Rel::SUBSCRIPTION,
        }
    }
}

/// The properties of an item built with [`Item::new`], in the order a cart PUT writes them.
const NEW_ITEM: &[&str] = &[
    "item_category_uri",
    "name",
    "price",
    "quantity",
    "quantity_min",
    "quantity_max",
    "weight",
    "code",
    "parent_code",
    "discount_name",
    "discount_type",
    "discount_details",
    "subscription_frequency",
    "subscription_start_date",
    "subscription_next_transaction_date",
    "subscription_end_date",
    "is_future_line_item",
    "shipto",
    "url",
    "image",
    "length",
    "width",
    "height",
    "expires",
];

impl Item {
    /// A new item with a name, unit price and quantity, ready for a cart PUT.
    ///
    /// Every property of a full item is written: those with a documented
    /// neutral value get it explicitly (no quantity limits, no expiry, zero
    /// dimensions, not a future line item, empty `parent_code`, `shipto`,
    /// `url` and `image`); the rest (category, weight, code, discount and
    /// subscription settings) are written as `null` until set.
    pub fn new(name: impl Into<String>, price: impl Into<Money>, quantity: u64) -> Item {
        Item {
            item_category_uri: None,
            name: Some(name.into()),
            price: Some(price.into()),
            quantity: Some(Count::new(quantity)),
            quantity_min: Some(Count::new(0)),
            quantity_max: Some(Count::new(0)),
            weight: None,
            code: None,
            parent_code: Some(String::new()),
            discount_name: None,
            discount_type: None,
            discount_details: None,
            subscription_frequency: None,
            subscription_start_date: None,
            subscription_next_transaction_date: None,
            subscription_end_date: None,
            is_future_line_item: Some(Flag::new(false)),
            shipto: Some(String::new()),
            url: Some(String::new()),
            image: Some(String::new()),
            length: Some(Measure::from(0)),
            width: Some(Measure::from(0)),
            height: Some(Measure::from(0)),
            expires: Some(Count::new(0)),
            date_created: None,
            date_modified: None,
            item_options: Vec::new(),
            attributes: Vec::new(),
            extras: Extras::declaring(NEW_ITEM),
        }
    }

    /// The same item with a product code.
    pub fn with_code(mut self, code: impl Into<String>) -> Item {
        self.code = Some(code.into());
        self
    }

    /// The same item in a category (the category's full API URI).
    pub fn with_category(mut self, item_category_uri: impl Into<String>) -> Item {
        self.item_category_uri = Some(item_category_uri.into());
        self
    }

    /// The same item with a unit weight.
    pub fn with_weight(mut self, weight: impl Into<Measure>) -> Item {
        self.weight = Some(weight.into());
        self
    }

    /// The same item with an image URL.
    pub fn with_image(mut self, image: impl Into<String>) -> Item {
        self.image = Some(image.into());
        self
    }

    /// The same item with a discount: its name, type and tier details.
    pub fn with_discount(
        mut self,
        name: impl Into<String>,
        discount_type: impl Into<String>,
        details: impl Into<String>,
    ) -> Item {
        self.discount_name = Some(name.into());
        self.discount_type = Some(discount_type.into());
        self.discount_details = Some(details.into());
        self
    }

    /// The same item as a subscription renewing every `frequency` from `start`.
    pub fn with_subscription(mut self, frequency: impl Into<String>, start: Date) -> Item {
        self.subscription_frequency = Some(frequency.into());
        self.subscription_start_date = Some(start);
        self
    }

    /// The same item marked as a future line item (or not).
    pub fn future_line_item(mut self, future: bool) -> Item {
        self.is_future_line_item = Some(Flag::new(future));
        self
    }

    /// The same item with one more option (embedded under `fx:item_options`).
    pub fn with_option(mut self, option: ItemOption) -> Item {
        self.item_options.push(option);
        self
    }

    /// The same item with one more attribute (embedded under `fx:attributes`).
    pub fn with_attribute(mut self, attribute: Attribute) -> Item {
        self.attributes.push(attribute);
        self
    }
}

model! {
    /// An option of an item (`size: xl`), adjusting its price and weight.
    pub struct ItemOption (Rel::ITEM_OPTIONS) {
        required {}
        fields {
            /// The option's name (`size`).
            name: String,
            /// The option's value (`xl`).
            value: String,
            /// The amount the option adds to the unit price (may be negative).
            price_mod: Money,
            /// The amount the option adds to the unit weight (may be negative).
            weight_mod: Measure,
            /// When the option was created.
            date_created: Date,
            /// When the option was last modified.
            date_modified: Date,
        }
        embedded {}
        links {
            /// `fx:store`: the store.
            store_link = Rel::STORE,
        }
        conditional_links {
            /// `fx:item`: the item the option belongs to.
            item_link = Rel::ITEM,
            /// `fx:transaction`: the transaction, once the item was bought.
            transaction_link = Rel::TRANSACTION,
        }
    }
}

impl ItemOption {
    /// A new option, written as `name`, `value`, `price_mod`, `weight_mod`.
    pub fn new(
        name: impl Into<String>,
        value: impl Into<String>,
        price_mod: impl Into<Money>,
        weight_mod: impl Into<Measure>,
    ) -> ItemOption {
        ItemOption {
            name: Some(name.into()),
            value: Some(value.into()),
            price_mod: Some(price_mod.into()),
            weight_mod: Some(weight_mod.into()),
            date_created: None,
            date_modified: None,
            extras: Extras::declaring(&["name", "value", "price_mod", "weight_mod"]),
        }
    }
}

#[cfg(test)]
mod tests {
    use foxy_proto::Resource;

    use super::*;
    use crate::error::ModelError;

    #[test]
    fn negative_quantity_names_the_field() {
        let r = Resource::new()
            .with_property("name", "x")
            .with_property("quantity", -2i64);
        let err = Item::from_resource(&r).expect_err("negative");
        assert_eq!(
            err,
            ModelError::Negative {
                field: "quantity".into(),
                text: "-2".into()
            }
        );
    }

    #[test]
    fn embedded_errors_name_the_path() {
        let option = Resource::new().with_property("price_mod", "ten");
        let mut item = Resource::new();
        item.embed(Rel::ITEM_OPTIONS, Resource::new());
        item.embed(Rel::ITEM_OPTIONS, option);
        let err = Item::from_resource(&item).expect_err("bad option");
        assert_eq!(err.field(), "fx:item_options[1].price_mod");
    }

    #[test]
    fn text_numbers_are_accepted_and_kept() {
        let r = Resource::new()
            .with_property("price", "19.99")
            .with_property("quantity", "3")
            .with_property("is_future_line_item", "0");
        let item = Item::from_resource(&r).expect("reads");
        assert_eq!(item.price, Some("19.99".parse().expect("money")));
        assert_eq!(item.quantity.as_ref().map(Count::get), Some(3));
        assert_eq!(item.to_resource(), r);
    }
}
