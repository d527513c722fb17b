//! Typed resources (`foxy-model`) as uniffi records: Swift structs, Kotlin
//! data classes, Python dataclasses.
//!
//! Every field is optional and defaults to `nil`/`null`, so an app builds a
//! record with only what it sets (`Item(name: "Sprocket", price: "10.00",
//! quantity: 2)`). The forms on the wire:
//!
//! - **money and measures are exact decimal strings** (`"10.50"`, never a
//!   float): parse them with `Decimal(string:)` / `BigDecimal(...)`; a
//!   string that is not a decimal number is refused with
//!   `FoxyError.InvalidInput` before anything is sent;
//! - counts are unsigned integers, flags booleans, dates the text Foxy sent
//!   (`2026-11-02T10:00:00-0700`);
//! - `href` is the `self` link, `links` the first href of every relation by
//!   its compact name (`fx:items`): the client follows them, so a record read
//!   from the API can be handed back to `items(cart:)` or `charge(...)`;
//! - `extra_json` holds, as a HAL+JSON object, every property and embedded
//!   resource the record does not model (discounts, password hashes, fields
//!   newer than this SDK): it is written back unchanged, so a PUT of a record
//!   read from the API keeps them.
//!
//! Going back to Rust, a record is written as a resource and read by the
//! core's typed model, which validates it; no value is interpreted here.

use std::collections::HashMap;

use foxy::model::{self as model, Count, Date, FieldValue, Flag, Measure, Money, Visibility};
use foxy::proto::{Link, Map, MediaType, Rel, Resource, Value, codec};

use crate::errors::{FoxyError, FoxyResult};

/// How a model value type crosses the boundary.
trait FfiField: FieldValue {
    /// The type the foreign side sees.
    type Ffi;
    /// Rust to foreign.
    fn to_ffi(&self) -> Self::Ffi;
    /// Foreign to Rust; `field` names the property in errors.
    fn from_ffi(field: &str, value: &Self::Ffi) -> FoxyResult<Self>;
}

impl FfiField for String {
    type Ffi = String;
    fn to_ffi(&self) -> String {
        self.clone()
    }
    fn from_ffi(_field: &str, value: &String) -> FoxyResult<String> {
        Ok(value.clone())
    }
}

impl FfiField for Money {
    type Ffi = String;
    fn to_ffi(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_ffi(field: &str, value: &String) -> FoxyResult<Money> {
        value
            .parse()
            .map_err(|e| FoxyError::input(format!("{field}: {e}")))
    }
}

impl FfiField for Measure {
    type Ffi = String;
    fn to_ffi(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_ffi(field: &str, value: &String) -> FoxyResult<Measure> {
        value
            .parse()
            .map_err(|e| FoxyError::input(format!("{field}: {e}")))
    }
}

impl FfiField for Count {
    type Ffi = u64;
    fn to_ffi(&self) -> u64 {
        self.get()
    }
    fn from_ffi(_field: &str, value: &u64) -> FoxyResult<Count> {
        Ok(Count::new(*value))
    }
}

impl FfiField for Flag {
    type Ffi = bool;
    fn to_ffi(&self) -> bool {
        self.get()
    }
    fn from_ffi(_field: &str, value: &bool) -> FoxyResult<Flag> {
        Ok(Flag::new(*value))
    }
}

impl FfiField for Date {
    type Ffi = String;
    fn to_ffi(&self) -> String {
        self.as_str().to_owned()
    }
    fn from_ffi(field: &str, value: &String) -> FoxyResult<Date> {
        value
            .parse()
            .map_err(|e| FoxyError::input(format!("{field}: {e}")))
    }
}

/// Who may see an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum AttributeVisibility {
    /// Visible to everyone, including the customer in the cart.
    Public,
    /// Visible only through the API and the admin.
    Private,
    /// Visible to the API and admin users with the right permissions.
    Restricted,
}

impl FfiField for Visibility {
    type Ffi = AttributeVisibility;
    fn to_ffi(&self) -> AttributeVisibility {
        match self {
            Visibility::Public => AttributeVisibility::Public,
            Visibility::Private => AttributeVisibility::Private,
            Visibility::Restricted => AttributeVisibility::Restricted,
        }
    }
    fn from_ffi(_field: &str, value: &AttributeVisibility) -> FoxyResult<Visibility> {
        Ok(match value {
            AttributeVisibility::Public => Visibility::Public,
            AttributeVisibility::Private => Visibility::Private,
            AttributeVisibility::Restricted => Visibility::Restricted,
        })
    }
}

/// Removes the property `name` and reads it as `K` (`null` reads as absent).
fn take<K: FfiField>(properties: &mut Map, name: &str) -> FoxyResult<Option<K::Ffi>> {
    match properties.shift_remove(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => Ok(Some(K::from_value(name, &value)?.to_ffi())),
    }
}

/// Writes the field `name` when it holds a value.
fn put<K: FfiField>(resource: &mut Resource, name: &str, value: Option<&K::Ffi>) -> FoxyResult<()> {
    if let Some(value) = value {
        resource.set_property(name, K::from_ffi(name, value)?.to_value());
    }
    Ok(())
}

/// The first href of every relation, by compact name (`fx:items`, `self`).
pub(crate) fn link_map(resource: &Resource) -> HashMap<String, String> {
    resource
        .links
        .iter()
        .filter_map(|(rel, links)| {
            let first = links.first()?;
            Some((rel.compact().into_owned(), first.href.clone()))
        })
        .collect()
}

/// Writes `links` (and `href` as `self`) onto `resource`, in a stable order.
fn set_links(resource: &mut Resource, href: Option<&String>, links: &HashMap<String, String>) {
    let mut sorted: Vec<(&String, &String)> = links.iter().collect();
    sorted.sort();
    for (rel, target) in sorted {
        resource
            .links
            .insert(Rel::from(rel.as_str()), vec![Link::new(target.clone())]);
    }
    if let Some(href) = href {
        resource
            .links
            .insert(Rel::SELF, vec![Link::new(href.clone())]);
    }
}

/// What a record does not model, as HAL+JSON text (links left out).
fn extra_json(mut rest: Resource) -> FoxyResult<String> {
    rest.links.clear();
    let bytes = codec::write(MediaType::HalJson, &rest)?;
    String::from_utf8(bytes).map_err(|e| FoxyError::Internal {
        detail: format!("the codec wrote invalid utf-8: {e}"),
    })
}

/// Reads `extra_json` back into the resource a record starts from.
fn extra_resource(text: &str) -> FoxyResult<Resource> {
    if text.trim().is_empty() {
        return Ok(Resource::new());
    }
    codec::parse(MediaType::HalJson, text.as_bytes())
        .map_err(|e| FoxyError::input(format!("extra_json: {e}")))
}

/// Declares records: their fields (with the model value type each is read
/// as), the typed embedded lists, and the conversions to and from a
/// resource and the core model.
macro_rules! records {
    ($(
        $(#[$doc:meta])*
        $name:ident for $model:ty {
            $( $(#[$fdoc:meta])* $field:ident: $kind:ty => $ffi:ty, )*
        }
        embedded {
            $( $(#[$edoc:meta])* $emb:ident: $ety:ident = $erel:expr, )*
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
        pub struct $name {
            /// The href of the `self` link (`nil` for a record built in code).
            #[uniffi(default)]
            pub href: Option<String>,
            $(
                $(#[$fdoc])*
                #[uniffi(default)]
                pub $field: Option<$ffi>,
            )*
            $(
                $(#[$edoc])*
                #[uniffi(default)]
                pub $emb: Vec<$ety>,
            )*
            /// The first href of each relation by compact name (`fx:items`).
            #[uniffi(default)]
            pub links: HashMap<String, String>,
            /// Everything else (properties and embedded resources this record
            /// does not model) as a HAL+JSON object, written back unchanged.
            #[uniffi(default = "{}")]
            pub extra_json: String,
        }

        // Not every record is handed back to Rust (a session, a payment method).
        #[allow(dead_code)]
        impl $name {
            /// Reads a resource; what is not a field goes to `extra_json`.
            pub(crate) fn from_resource(mut resource: Resource) -> FoxyResult<$name> {
                let mut properties = std::mem::take(&mut resource.properties);
                let href = resource.self_href().map(str::to_owned);
                let links = link_map(&resource);
                $(
                    let $field = take::<$kind>(&mut properties, stringify!($field))?;
                )*
                $(
                    let $emb = resource
                        .embedded
                        .shift_remove(&$erel)
                        .unwrap_or_default()
                        .into_iter()
                        .map($ety::from_resource)
                        .collect::<FoxyResult<Vec<$ety>>>()?;
                )*
                resource.properties = properties;
                Ok($name {
                    href,
                    $( $field, )*
                    $( $emb, )*
                    links,
                    extra_json: extra_json(resource)?,
                })
            }

            /// Writes the record as a resource (validating money and dates).
            pub(crate) fn to_resource(&self) -> FoxyResult<Resource> {
                let mut resource = extra_resource(&self.extra_json)?;
                set_links(&mut resource, self.href.as_ref(), &self.links);
                $(
                    put::<$kind>(&mut resource, stringify!($field), self.$field.as_ref())?;
                )*
                $(
                    if !self.$emb.is_empty() {
                        let children = self
                            .$emb
                            .iter()
                            .map($ety::to_resource)
                            .collect::<FoxyResult<Vec<Resource>>>()?;
                        resource.embedded.insert($erel, children);
                    }
                )*
                Ok(resource)
            }

            /// The record of a typed model value.
            pub(crate) fn from_model(value: &$model) -> FoxyResult<$name> {
                $name::from_resource(value.to_resource())
            }

            /// The core's typed model of this record (validated there).
            pub(crate) fn to_model(&self) -> FoxyResult<$model> {
                Ok(<$model>::from_resource(&self.to_resource()?)?)
            }
        }
    )*};
}

records! {
    /// A cart: the items a customer is about to buy, with addresses and totals.
    Cart for model::Cart {
        /// The full API URI of the customer the cart belongs to (`""` for none).
        customer_uri: String => String,
        /// The customer's email address.
        customer_email: String => String,
        /// The full API URI of the cart's template set (`""` for the default).
        template_set_uri: String => String,
        /// The full API URI of the payment method to charge.
        payment_method_uri: String => String,
        /// The language of the template set.
        language: String => String,
        /// The locale code (`en_US`).
        locale_code: String => String,
        /// Whether the customer's shipping address is used.
        use_customer_shipping_address: Flag => bool,
        /// Billing first name.
        billing_first_name: String => String,
        /// Billing last name.
        billing_last_name: String => String,
        /// Billing company.
        billing_company: String => String,
        /// Billing street address.
        billing_address1: String => String,
        /// Billing street address, second line.
        billing_address2: String => String,
        /// Billing city.
        billing_city: String => String,
        /// Billing state or region.
        billing_state: String => String,
        /// Billing postal code.
        billing_postal_code: String => String,
        /// Billing country (ISO 3166-1 alpha-2).
        billing_country: String => String,
        /// Billing phone number.
        billing_phone: String => String,
        /// Shipping first name.
        shipping_first_name: String => String,
        /// Shipping last name.
        shipping_last_name: String => String,
        /// Shipping company.
        shipping_company: String => String,
        /// Shipping street address.
        shipping_address1: String => String,
        /// Shipping street address, second line.
        shipping_address2: String => String,
        /// Shipping city.
        shipping_city: String => String,
        /// Shipping state or region.
        shipping_state: String => String,
        /// Shipping postal code.
        shipping_postal_code: String => String,
        /// Shipping country (ISO 3166-1 alpha-2).
        shipping_country: String => String,
        /// Shipping phone number.
        shipping_phone: String => String,
        /// Total of the items, an exact decimal string (read only).
        total_item_price: Money => String,
        /// Total tax, an exact decimal string (read only).
        total_tax: Money => String,
        /// Total shipping, an exact decimal string.
        total_shipping: Money => String,
        /// Shipping of future subscription items, an exact decimal string.
        total_future_shipping: Money => String,
        /// Order total, an exact decimal string (read only).
        total_order: Money => String,
        /// The currency (`USD`).
        currency_code: String => String,
        /// When the cart was created (read only).
        date_created: Date => String,
        /// When the cart was last modified (read only).
        date_modified: Date => String,
    }
    embedded {
        /// The items, when zoomed (`items`) or to create with the cart.
        items: Item = Rel::ITEMS,
        /// The cart's attributes, when zoomed (`attributes`).
        attributes: Attribute = Rel::ATTRIBUTES,
        /// The custom fields, when zoomed (`custom_fields`).
        custom_fields: CustomField = Rel::CUSTOM_FIELDS,
    }

    /// A product in a cart or transaction.
    Item for model::Item {
        /// The full API URI of the item's category.
        item_category_uri: String => String,
        /// The product name.
        name: String => String,
        /// The price of one unit, an exact decimal string (`"10.50"`).
        price: Money => String,
        /// How many units.
        quantity: Count => u64,
        /// The smallest quantity allowed (0: no limit).
        quantity_min: Count => u64,
        /// The largest quantity allowed (0: no limit).
        quantity_max: Count => u64,
        /// The weight of one unit, an exact decimal string.
        weight: Measure => String,
        /// The product code (SKU).
        code: String => String,
        /// The code of the parent item this one is bundled with.
        parent_code: String => String,
        /// The name of the item's discount.
        discount_name: String => String,
        /// The discount type (`quantity_amount`, `price_percentage`...).
        discount_type: String => String,
        /// The discount tiers (`incremental|2-1|5-2`).
        discount_details: String => String,
        /// How often the subscription renews (`1m`, `2w`, `1y`).
        subscription_frequency: String => String,
        /// When the subscription starts.
        subscription_start_date: Date => String,
        /// When the subscription next bills.
        subscription_next_transaction_date: Date => String,
        /// When the subscription ends.
        subscription_end_date: Date => String,
        /// Whether this line is a future subscription payment.
        is_future_line_item: Flag => bool,
        /// The name of the shipping address this item ships to.
        shipto: String => String,
        /// The product page URL.
        url: String => String,
        /// The product image URL.
        image: String => String,
        /// The length of one unit, an exact decimal string.
        length: Measure => String,
        /// The width of one unit, an exact decimal string.
        width: Measure => String,
        /// The height of one unit, an exact decimal string.
        height: Measure => String,
        /// Minutes the item may stay in a cart (0: no expiry).
        expires: Count => u64,
        /// When the item was created.
        date_created: Date => String,
        /// When the item was last modified.
        date_modified: Date => String,
    }
    embedded {
        /// The item's options, when zoomed (`items:item_options`) or to create with it.
        item_options: ItemOption = Rel::ITEM_OPTIONS,
        /// The item's attributes, when zoomed (`items:attributes`).
        attributes: Attribute = Rel::ATTRIBUTES,
    }

    /// An option of an item (`size: xl`), adjusting its price and weight.
    ItemOption for model::ItemOption {
        /// The option's name (`size`).
        name: String => String,
        /// The option's value (`xl`).
        value: String => String,
        /// Added to the item's price, an exact decimal string (may be negative).
        price_mod: Money => String,
        /// Added to the item's weight, an exact decimal string.
        weight_mod: Measure => String,
        /// When the option was created.
        date_created: Date => String,
        /// When the option was last modified.
        date_modified: Date => String,
    }
    embedded {}

    /// A named value attached to a cart, item, customer, transaction or store.
    Attribute for model::Attribute {
        /// The attribute's name.
        name: String => String,
        /// The attribute's value.
        value: String => String,
        /// Who may see it.
        visibility: Visibility => AttributeVisibility,
        /// When the attribute was created.
        date_created: Date => String,
        /// When the attribute was last modified.
        date_modified: Date => String,
    }
    embedded {}

    /// A checkout form field stored on a cart or transaction.
    CustomField for model::CustomField {
        /// The field's name.
        name: String => String,
        /// The field's value.
        value: String => String,
        /// Whether it is hidden from the customer's receipt.
        is_hidden: Flag => bool,
        /// When the field was created.
        date_created: Date => String,
        /// When the field was last modified.
        date_modified: Date => String,
    }
    embedded {}

    /// A customer of the store (password fields, when present, stay in `extra_json`).
    Customer for model::Customer {
        /// First name.
        first_name: String => String,
        /// Last name.
        last_name: String => String,
        /// Email address (unique in the store).
        email: String => String,
        /// Tax identifier.
        tax_id: String => String,
        /// When the customer last logged in.
        last_login_date: Date => String,
        /// Whether this is a guest customer.
        is_anonymous: Flag => bool,
        /// When the customer was created.
        date_created: Date => String,
        /// When the customer was last modified.
        date_modified: Date => String,
    }
    embedded {
        /// The customer's attributes, when zoomed (`attributes`).
        attributes: Attribute = Rel::ATTRIBUTES,
        /// The customer's addresses, when zoomed (`customer_addresses`).
        customer_addresses: CustomerAddress = Rel::CUSTOMER_ADDRESSES,
    }

    /// A saved address of a customer.
    CustomerAddress for model::CustomerAddress {
        /// The address's name (`Default Billing Address`).
        address_name: String => String,
        /// First name.
        first_name: String => String,
        /// Last name.
        last_name: String => String,
        /// Company.
        company: String => String,
        /// Street address.
        address1: String => String,
        /// Street address, second line.
        address2: String => String,
        /// City.
        city: String => String,
        /// State or region.
        region: String => String,
        /// Postal code.
        postal_code: String => String,
        /// Country (ISO 3166-1 alpha-2).
        country: String => String,
        /// Phone number.
        phone: String => String,
        /// Whether this is the default billing address.
        is_default_billing: Flag => bool,
        /// Whether this is the default shipping address.
        is_default_shipping: Flag => bool,
        /// Whether address restrictions are skipped for it.
        ignore_address_restrictions: Flag => bool,
        /// When the address was created.
        date_created: Date => String,
        /// When the address was last modified.
        date_modified: Date => String,
    }
    embedded {}

    /// A customer's saved card (masked; the full number and CVV are never read back).
    DefaultPaymentMethod for model::DefaultPaymentMethod {
        /// Whether a card is saved.
        save_cc: Flag => bool,
        /// The card type (`Visa`).
        cc_type: String => String,
        /// The masked number (`xxxxxxxxxxxx4242`).
        cc_number_masked: String => String,
        /// Expiry month (`01`..`12`).
        cc_exp_month: String => String,
        /// Expiry year (`2030`).
        cc_exp_year: String => String,
        /// When the payment method was created.
        date_created: Date => String,
        /// When the payment method was last modified.
        date_modified: Date => String,
    }
    embedded {}

    /// A completed order (created by charging a cart).
    Transaction for model::Transaction {
        /// The number shown to customers.
        display_id: Count => u64,
        /// Whether it was a test transaction.
        is_test: Flag => bool,
        /// Whether it can still be edited.
        is_editable: Flag => bool,
        /// Whether it is hidden in the admin.
        hide_transaction: Flag => bool,
        /// Whether it was sent to the datafeeds.
        data_is_fed: Flag => bool,
        /// The full API URI of its folder.
        folder_uri: String => String,
        /// When it happened.
        transaction_date: Date => String,
        /// The locale code (`en_US`).
        locale_code: String => String,
        /// Customer first name.
        customer_first_name: String => String,
        /// Customer last name.
        customer_last_name: String => String,
        /// Customer tax identifier.
        customer_tax_id: String => String,
        /// Customer email.
        customer_email: String => String,
        /// Customer IP address.
        customer_ip: String => String,
        /// Country of the customer's IP address.
        ip_country: String => String,
        /// The customer's browser.
        user_agent: String => String,
        /// Total of the items, an exact decimal string.
        total_item_price: Money => String,
        /// Total tax, an exact decimal string.
        total_tax: Money => String,
        /// Total shipping, an exact decimal string.
        total_shipping: Money => String,
        /// Shipping of future subscription items, an exact decimal string.
        total_future_shipping: Money => String,
        /// Order total, an exact decimal string.
        total_order: Money => String,
        /// The currency (`USD`).
        currency_code: String => String,
        /// The currency symbol (`$`).
        currency_symbol: String => String,
        /// The status (`captured`, `declined`...; empty when approved).
        status: String => String,
        /// Where it came from (`cit_ecommerce`, `mit_api`...).
        source: String => String,
        /// When it was created.
        date_created: Date => String,
        /// When it was last modified.
        date_modified: Date => String,
    }
    embedded {
        /// The items, when zoomed (`items`).
        items: Item = Rel::ITEMS,
        /// The attributes, when zoomed (`attributes`).
        attributes: Attribute = Rel::ATTRIBUTES,
        /// The custom fields, when zoomed (`custom_fields`).
        custom_fields: CustomField = Rel::CUSTOM_FIELDS,
    }

    /// A browser session for a cart (from its `fx:create_session` link).
    CartSession for model::CartSession {
        /// The session id (`fcsid`).
        session_id: String => String,
        /// The URL that opens the cart in a browser with this session.
        cart_link: String => String,
    }
    embedded {}
}

/// Declares the page record of each member type.
macro_rules! pages {
    ($( $(#[$doc:meta])* $name:ident of $member:ident as $model:ty; )*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
        pub struct $name {
            /// The members on this page.
            pub members: Vec<$member>,
            /// How many members the whole collection has.
            pub total_items: Option<u64>,
            /// How many members this page has.
            pub returned_items: Option<u64>,
            /// The page size asked for.
            pub limit: Option<u64>,
            /// The position of the first member of this page.
            pub offset: Option<u64>,
            /// The href of the next page (`nil` on the last page).
            pub next_href: Option<String>,
            /// The href of this page.
            pub href: Option<String>,
        }

        impl $name {
            /// The page record of a typed collection page.
            pub(crate) fn from_model(page: &model::Collection<$model>) -> FoxyResult<$name> {
                Ok($name {
                    members: page
                        .members
                        .iter()
                        .map($member::from_model)
                        .collect::<FoxyResult<Vec<$member>>>()?,
                    total_items: page.total_items(),
                    returned_items: page.returned_items(),
                    limit: page.limit(),
                    offset: page.offset(),
                    next_href: page.next_href().map(str::to_owned),
                    href: page.extras().link(&Rel::SELF).map(|l| l.href.clone()),
                })
            }
        }
    )*};
}

pages! {
    /// One page of carts.
    CartPage of Cart as model::Cart;
    /// One page of items.
    ItemPage of Item as model::Item;
    /// One page of item options.
    ItemOptionPage of ItemOption as model::ItemOption;
    /// One page of attributes.
    AttributePage of Attribute as model::Attribute;
    /// One page of custom fields.
    CustomFieldPage of CustomField as model::CustomField;
    /// One page of customers.
    CustomerPage of Customer as model::Customer;
    /// One page of customer addresses.
    CustomerAddressPage of CustomerAddress as model::CustomerAddress;
    /// One page of transactions.
    TransactionPage of Transaction as model::Transaction;
}

/// Any resource, for navigation by relation: its `self` href, its links and
/// the whole document as HAL+JSON text (exact numbers kept).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Document {
    /// The href of the `self` link.
    pub href: Option<String>,
    /// The first href of each relation by compact name (`fx:carts`).
    pub links: HashMap<String, String>,
    /// The whole resource as HAL+JSON.
    pub json: String,
}

impl Document {
    /// The document of a resource.
    pub(crate) fn from_resource(resource: &Resource) -> FoxyResult<Document> {
        let bytes = codec::write(MediaType::HalJson, resource)?;
        Ok(Document {
            href: resource.self_href().map(str::to_owned),
            links: link_map(resource),
            json: String::from_utf8(bytes).map_err(|e| FoxyError::Internal {
                detail: format!("the codec wrote invalid utf-8: {e}"),
            })?,
        })
    }
}

/// Reads a JSON object (`{"billing_city":"Boston"}`) into properties, for a
/// PATCH; numbers keep their exact text.
pub(crate) fn properties_of(json: &str) -> FoxyResult<Map> {
    let resource = codec::parse(MediaType::HalJson, json.as_bytes())
        .map_err(|e| FoxyError::input(format!("changes: {e}")))?;
    Ok(resource.properties)
}

/// Reads a HAL+JSON document (for a PUT or a POST body).
pub(crate) fn resource_of(json: &str) -> FoxyResult<Resource> {
    codec::parse(MediaType::HalJson, json.as_bytes())
        .map_err(|e| FoxyError::input(format!("document: {e}")))
}
