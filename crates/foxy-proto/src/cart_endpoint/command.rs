//! Reading a `/cart` request (the store's side): session, `empty`, products
//! with their options and modifiers, quantity updates; and checking the
//! products' signatures.
//!
//! Fields are grouped by product prefix (`2:name`). Product fields the cart
//! knows (`name`, `price`, `quantity`, `code`, `parent_code`, `category`,
//! `weight`, `sub_frequency`, `sub_startdate`, `sub_enddate`) are read; the
//! presentation fields `image`, `url`, `length`, `width`, `height`, `shipto`,
//! `expires`, `quantity_min`, `quantity_max` and `discount_*` are accepted and
//! ignored; any other field is a product option. Option values may end with
//! modifiers: `red{p+2.50|w-1}` adds 2.50 to the price and removes 1 from the
//! weight (`c` and `y` modifiers are accepted and ignored). Session-level
//! fields (`customer_*`, `billing_*`, `shipping_*`, `h:`, `x:`, `__`, `utm_`,
//! `coupon`, `redirect`, `callback`, `locale`, `template_set`) are ignored.
//! Signatures (`name||<hash>`, `red||<hash>`) are stripped; check them with
//! [`check_signatures`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{CartEndpointError, CartOption, SESSION_NAME};
use crate::signing::{FailureReason, FieldName, Secret, is_signable, split_signature, verify_url};

use crate::form::decode_str as decode_component;

/// A product to add, as read from a request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductInput {
    /// The product number (the `2` of `2:name`).
    pub product: u32,
    /// `name`.
    pub name: String,
    /// `price` (0 when absent).
    pub price: Decimal,
    /// `quantity` (1 when absent).
    pub quantity: u64,
    /// `code`.
    pub code: String,
    /// `parent_code`.
    pub parent_code: String,
    /// `category` (item category code; `""` for the default).
    pub category: String,
    /// `weight` (0 when absent).
    pub weight: Decimal,
    /// `sub_frequency` (`""` for a one-off item).
    pub sub_frequency: String,
    /// `sub_startdate`.
    pub sub_startdate: String,
    /// `sub_enddate`.
    pub sub_enddate: String,
    /// The options, modifiers applied to `price_mod` and `weight_mod`.
    pub options: Vec<CartOption>,
}

/// A `cart=update` quantity change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuantityUpdate {
    /// The item id.
    pub id: i64,
    /// The new quantity (0 removes the item).
    pub quantity: u64,
}

/// A whole `/cart` request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartCommand {
    /// `fcsid`: the session to modify.
    pub session: Option<String>,
    /// `empty=true` (or `1`, `reset`): remove every item first.
    pub empty: bool,
    /// `output` (`json`).
    pub output: Option<String>,
    /// The products to add, by product number.
    pub products: Vec<ProductInput>,
    /// The quantity changes of a `cart=update` request.
    pub updates: Vec<QuantityUpdate>,
}

const IGNORED_PRODUCT_FIELDS: &[&str] = &[
    "image",
    "url",
    "length",
    "width",
    "height",
    "shipto",
    "expires",
    "quantity_min",
    "quantity_max",
];

const SESSION_FIELDS: &[&str] = &["coupon", "redirect", "callback", "locale", "template_set"];

const IGNORED_PREFIXES: &[&str] = &[
    "customer_",
    "billing_",
    "shipping_",
    "h:",
    "x:",
    "__",
    "utm_",
    "discount_",
];

/// Splits value modifiers: `red{p+2.50|w-1}` is `("red", 2.50, -1)`.
///
/// # Errors
/// [`CartEndpointError::InvalidParameter`] for a malformed modifier or an
/// absolute one (`p:`/`w:`), which the endpoint does not support.
pub fn split_modifiers(
    field: &str,
    value: &str,
) -> Result<(String, Decimal, Decimal), CartEndpointError> {
    let Some(body) = value.strip_suffix('}') else {
        return Ok((value.to_owned(), Decimal::ZERO, Decimal::ZERO));
    };
    let Some(open) = body.rfind('{') else {
        return Ok((value.to_owned(), Decimal::ZERO, Decimal::ZERO));
    };
    let (base, mods) = (&body[..open], &body[open + 1..]);
    let (mut price, mut weight) = (Decimal::ZERO, Decimal::ZERO);
    for part in mods.split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        let (kind, op) = (chars.next(), chars.next());
        let amount = chars.as_str();
        let target = match kind {
            Some('p') => &mut price,
            Some('w') => &mut weight,
            Some('c' | 'y') => continue,
            _ => {
                return Err(CartEndpointError::invalid(
                    field,
                    format!("unknown modifier {part:?}"),
                ));
            }
        };
        let parsed = amount.parse::<Decimal>().map_err(|_| {
            CartEndpointError::invalid(field, format!("bad modifier amount {part:?}"))
        })?;
        match op {
            Some('+') => *target += parsed,
            Some('-') => *target -= parsed,
            _ => {
                return Err(CartEndpointError::invalid(
                    field,
                    format!("unsupported modifier {part:?} (use + or -)"),
                ));
            }
        }
    }
    Ok((base.to_owned(), price, weight))
}

fn decimal(field: &str, value: &str) -> Result<Decimal, CartEndpointError> {
    value
        .trim()
        .parse::<Decimal>()
        .map_err(|_| CartEndpointError::invalid(field, format!("{value:?} is not a decimal")))
}

fn whole(field: &str, value: &str) -> Result<u64, CartEndpointError> {
    value
        .trim()
        .parse::<u64>()
        .map_err(|_| CartEndpointError::invalid(field, format!("{value:?} is not a whole number")))
}

#[derive(Default)]
struct Group {
    input: ProductInput,
    fields: Vec<String>,
    has_name: bool,
    id: Option<i64>,
    quantity: Option<u64>,
}

impl CartCommand {
    /// Reads a form-encoded query or body.
    ///
    /// # Errors
    /// [`CartEndpointError::InvalidParameter`] for undecodable fields,
    /// malformed prices, quantities or modifiers, products without a name,
    /// a zero quantity when adding, and updates without an item id.
    pub fn parse(query: &str) -> Result<CartCommand, CartEndpointError> {
        let mut command = CartCommand::default();
        let mut update = false;
        let mut groups: BTreeMap<u32, Group> = BTreeMap::new();
        for raw in query.split('&').filter(|p| !p.is_empty()) {
            let (raw_name, raw_value) = raw.split_once('=').unwrap_or((raw, ""));
            let (Some(name), Some(value)) =
                (decode_component(raw_name), decode_component(raw_value))
            else {
                return Err(CartEndpointError::invalid(
                    raw_name,
                    "not percent-encoded utf-8",
                ));
            };
            let name = name.replace(' ', "_");
            let name = split_signature(&name).map_or(name.as_str(), |(base, _)| base);
            let value = split_signature(&value).map_or(value.as_str(), |(base, _)| base);
            let field = FieldName::parse(name);
            if IGNORED_PREFIXES
                .iter()
                .any(|p| name.starts_with(p) || field.name.starts_with(p))
            {
                continue;
            }
            match (field.prefix.is_empty(), field.name) {
                (true, n) if n == SESSION_NAME => command.session = Some(value.to_owned()),
                (true, "empty") => {
                    command.empty = matches!(value, "true" | "1" | "reset");
                }
                (true, "output") => command.output = Some(value.to_owned()),
                (true, "cart") => update = value == "update",
                (_, n) if SESSION_FIELDS.contains(&n) || n.is_empty() => {}
                (_, n) if IGNORED_PRODUCT_FIELDS.contains(&n) => {}
                (_, n) => {
                    let group = groups.entry(field.product).or_default();
                    group.fields.push(name.to_owned());
                    read_field(group, name, n, value)?;
                }
            }
        }
        for (product, group) in groups {
            if update {
                let id = group.id.ok_or_else(|| {
                    CartEndpointError::invalid(
                        &format!("{product}:id"),
                        "cart=update needs an item id",
                    )
                })?;
                command.updates.push(QuantityUpdate {
                    id,
                    quantity: group.quantity.unwrap_or(0),
                });
                continue;
            }
            if !group.has_name {
                let first = group.fields.first().cloned().unwrap_or_default();
                return Err(CartEndpointError::invalid(
                    &first,
                    "the product has no name",
                ));
            }
            let mut input = group.input;
            input.product = product;
            input.quantity = group.quantity.unwrap_or(1);
            if input.quantity == 0 {
                return Err(CartEndpointError::invalid("quantity", "must be at least 1"));
            }
            command.products.push(input);
        }
        Ok(command)
    }

    /// Whether the request adds products (and so must pass signature checks).
    pub fn adds_products(&self) -> bool {
        !self.products.is_empty()
    }
}

fn read_field(
    group: &mut Group,
    raw: &str,
    name: &str,
    value: &str,
) -> Result<(), CartEndpointError> {
    let p = &mut group.input;
    match name {
        "name" => {
            group.has_name = !value.trim().is_empty();
            p.name = value.to_owned();
        }
        "price" => p.price = decimal(raw, value)?,
        "quantity" => group.quantity = Some(whole(raw, value)?),
        "code" => p.code = value.to_owned(),
        "parent_code" => p.parent_code = value.to_owned(),
        "category" => p.category = value.to_owned(),
        "weight" => p.weight = decimal(raw, value)?,
        "sub_frequency" => p.sub_frequency = value.to_owned(),
        "sub_startdate" => p.sub_startdate = value.to_owned(),
        "sub_enddate" => p.sub_enddate = value.to_owned(),
        "id" => {
            group.id = Some(value.trim().parse::<i64>().map_err(|_| {
                CartEndpointError::invalid(raw, format!("{value:?} is not an item id"))
            })?);
        }
        option => {
            let (value, price_mod, weight_mod) = split_modifiers(raw, value)?;
            p.options.push(CartOption {
                name: option.to_owned(),
                value,
                price_mod,
                weight_mod,
            });
        }
    }
    Ok(())
}

/// Checks the product signatures of a request adding products.
///
/// A field whose signature does not match (a tampered price) is always
/// refused. Unsigned product fields, and products without a `code`, are
/// refused only when `required` (the store requires signed carts).
///
/// # Errors
/// [`CartEndpointError::SignatureRejected`] with the failing fields;
/// [`CartEndpointError::Sign`] for undecodable fields.
pub fn check_signatures(
    secret: &Secret,
    query: &str,
    required: bool,
) -> Result<(), CartEndpointError> {
    let report = verify_url(secret, &format!("?{query}"))?;
    let failures: Vec<_> = report
        .failures
        .into_iter()
        .filter(|f| required || f.reason == FailureReason::Mismatch)
        .filter(|f| is_signable(&f.name))
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CartEndpointError::SignatureRejected { failures })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_options_and_modifiers() {
        let command = CartCommand::parse(
            "output=json&fcsid=abc&name=Sprocket&price=10.00&color=red%7Bp%2B2.50%7Cw-1%7D\
             &2:name=Cog&2:price=1&2:quantity=3&customer_email=x%40y.test&h:note=hi",
        )
        .expect("parses");
        assert_eq!(command.session.as_deref(), Some("abc"));
        assert_eq!(command.products.len(), 2);
        let first = &command.products[0];
        assert_eq!((first.quantity, first.price), (1, Decimal::new(1000, 2)));
        assert_eq!(first.options[0].value, "red");
        assert_eq!(first.options[0].price_mod, Decimal::new(250, 2));
        assert_eq!(first.options[0].weight_mod, Decimal::from(-1));
        assert_eq!(
            (command.products[1].product, command.products[1].quantity),
            (2, 3)
        );
    }

    #[test]
    fn bad_input_is_refused() {
        for query in [
            "name=A&price=ten",
            "name=A&quantity=-1",
            "name=A&quantity=0",
            "price=1",
            "name=A&size=xl%7Bp%3A5%7D",
            "cart=update&quantity=2",
            "name=%FF",
        ] {
            assert!(
                matches!(
                    CartCommand::parse(query),
                    Err(CartEndpointError::InvalidParameter { .. })
                ),
                "{query}"
            );
        }
        let update =
            CartCommand::parse("cart=update&id=4&quantity=0&2:id=5&2:quantity=2").expect("updates");
        assert_eq!(
            update.updates,
            [
                QuantityUpdate { id: 4, quantity: 0 },
                QuantityUpdate { id: 5, quantity: 2 }
            ]
        );
    }
}
