//! The JSON cart the `/cart` endpoint answers with (`output=json`).
//!
//! ```json
//! {"session_name":"fcsid","session_id":"fcsid_3f..","item_count":2,
//!  "total_item_price":20.00,"total_discount":0,"total_shipping":0,"total_tax":0,
//!  "total_price":20.00,"total_weight":0,
//!  "items":[{"id":12,"name":"Sprocket","code":"spr","parent_code":"","category":"DEFAULT",
//!            "price":10.00,"price_each":10.00,"quantity":2,"weight":0,"sub_frequency":"",
//!            "options":[{"name":"color","value":"red","price_mod":0,"weight_mod":0}]}],
//!  "messages":{"errors":[],"warnings":[],"info":[]}}
//! ```
//!
//! Money is exact ([`Decimal`]), written as JSON numbers with their scale.
//! An error answer has a non-2xx status and `messages.errors`.

use http::Response;
use rust_decimal::Decimal;

use super::{CartEndpointError, SESSION_NAME, bad, decimal, integer, strings, text};
use crate::codec::json;
use crate::value::{Map, Number, Value};

/// A product option of a cart item.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartOption {
    /// The option name (`color`).
    pub name: String,
    /// Its value (`red`), without modifiers.
    pub value: String,
    /// What the option adds to the unit price.
    pub price_mod: Decimal,
    /// What the option adds to the unit weight.
    pub weight_mod: Decimal,
}

/// One item of the cart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartItem {
    /// The item id (use it in quantity updates).
    pub id: i64,
    /// `name`.
    pub name: String,
    /// `code`.
    pub code: String,
    /// `parent_code`.
    pub parent_code: String,
    /// The item category code.
    pub category: String,
    /// The unit price before options.
    pub price: Decimal,
    /// The unit price with the options' modifiers.
    pub price_each: Decimal,
    /// The quantity.
    pub quantity: u64,
    /// The unit weight.
    pub weight: Decimal,
    /// The subscription frequency (`""` for a one-off item).
    pub sub_frequency: String,
    /// The product options.
    pub options: Vec<CartOption>,
}

/// The messages of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartMessages {
    /// Errors: the request was refused.
    pub errors: Vec<String>,
    /// Warnings.
    pub warnings: Vec<String>,
    /// Information.
    pub info: Vec<String>,
}

/// The session's cart, as the endpoint answers it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CartSession {
    /// The session id (`fcsid`): send it to modify this cart again.
    pub session_id: String,
    /// The items.
    pub items: Vec<CartItem>,
    /// Σ quantities.
    pub item_count: u64,
    /// Σ price_each × quantity.
    pub total_item_price: Decimal,
    /// Discounts (negative or zero).
    pub total_discount: Decimal,
    /// Shipping.
    pub total_shipping: Decimal,
    /// Tax.
    pub total_tax: Decimal,
    /// The order total.
    pub total_price: Decimal,
    /// Σ (weight + Σ weight_mod) × quantity.
    pub total_weight: Decimal,
    /// The answer's messages.
    pub messages: CartMessages,
}

fn money(d: Decimal) -> Value {
    let mut d = d;
    if d.scale() < 2 && !d.is_zero() {
        d.rescale(2);
    }
    d.to_string()
        .parse::<Number>()
        .map_or(Value::Null, Value::Number)
}

fn texts(list: &[String]) -> Value {
    Value::Array(list.iter().map(|s| Value::from(s.as_str())).collect())
}

fn messages_value(m: &CartMessages) -> Value {
    let mut map = Map::new();
    map.insert("errors".into(), texts(&m.errors));
    map.insert("warnings".into(), texts(&m.warnings));
    map.insert("info".into(), texts(&m.info));
    Value::Object(map)
}

/// The body of an error answer: `{"messages":{"errors":[...],...}}`.
pub fn error_body(errors: &[String]) -> Vec<u8> {
    let mut map = Map::new();
    map.insert(
        "messages".into(),
        messages_value(&CartMessages {
            errors: errors.to_vec(),
            ..CartMessages::default()
        }),
    );
    json::to_vec(&Value::Object(map))
}

impl CartItem {
    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), Value::from(self.id));
        for (k, v) in [
            ("name", &self.name),
            ("code", &self.code),
            ("parent_code", &self.parent_code),
            ("category", &self.category),
        ] {
            m.insert(k.into(), Value::from(v.as_str()));
        }
        m.insert("price".into(), money(self.price));
        m.insert("price_each".into(), money(self.price_each));
        m.insert("quantity".into(), Value::from(self.quantity));
        m.insert("weight".into(), money(self.weight));
        m.insert(
            "sub_frequency".into(),
            Value::from(self.sub_frequency.as_str()),
        );
        let options = self
            .options
            .iter()
            .map(|o| {
                let mut om = Map::new();
                om.insert("name".into(), Value::from(o.name.as_str()));
                om.insert("value".into(), Value::from(o.value.as_str()));
                om.insert("price_mod".into(), money(o.price_mod));
                om.insert("weight_mod".into(), money(o.weight_mod));
                Value::Object(om)
            })
            .collect();
        m.insert("options".into(), Value::Array(options));
        Value::Object(m)
    }

    fn from_value(v: &Value) -> Result<CartItem, CartEndpointError> {
        let m = v
            .as_object()
            .ok_or_else(|| bad("an item is not an object"))?;
        let options = match m.get("options") {
            Some(Value::Array(list)) => list
                .iter()
                .map(|o| {
                    let om = o
                        .as_object()
                        .ok_or_else(|| bad("an option is not an object"))?;
                    Ok(CartOption {
                        name: text(om, "name"),
                        value: text(om, "value"),
                        price_mod: decimal(om, "price_mod")?,
                        weight_mod: decimal(om, "weight_mod")?,
                    })
                })
                .collect::<Result<_, CartEndpointError>>()?,
            _ => Vec::new(),
        };
        Ok(CartItem {
            id: integer(m, "id")?,
            name: text(m, "name"),
            code: text(m, "code"),
            parent_code: text(m, "parent_code"),
            category: text(m, "category"),
            price: decimal(m, "price")?,
            price_each: decimal(m, "price_each")?,
            quantity: u64::try_from(integer(m, "quantity")?)
                .map_err(|_| bad("a negative quantity"))?,
            weight: decimal(m, "weight")?,
            sub_frequency: text(m, "sub_frequency"),
            options,
        })
    }
}

impl CartSession {
    /// The answer as a JSON value.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("session_name".into(), Value::from(SESSION_NAME));
        m.insert("session_id".into(), Value::from(self.session_id.as_str()));
        m.insert("item_count".into(), Value::from(self.item_count));
        for (k, d) in [
            ("total_item_price", self.total_item_price),
            ("total_discount", self.total_discount),
            ("total_shipping", self.total_shipping),
            ("total_tax", self.total_tax),
            ("total_price", self.total_price),
            ("total_weight", self.total_weight),
        ] {
            m.insert(k.into(), money(d));
        }
        let items = self.items.iter().map(CartItem::to_value).collect();
        m.insert("items".into(), Value::Array(items));
        m.insert("messages".into(), messages_value(&self.messages));
        Value::Object(m)
    }

    /// The answer's JSON bytes.
    pub fn to_json(&self) -> Vec<u8> {
        json::to_vec(&self.to_value())
    }

    /// Reads a JSON cart value (`session_id`, or `fcsid`, names the session).
    ///
    /// # Errors
    /// [`CartEndpointError::InvalidResponse`] when a member has the wrong type.
    pub fn from_value(value: &Value) -> Result<CartSession, CartEndpointError> {
        let m = value
            .as_object()
            .ok_or_else(|| bad("the answer is not a JSON object"))?;
        let session_id = [text(m, "session_id"), text(m, SESSION_NAME)]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        let items = match m.get("items") {
            Some(Value::Array(list)) => list
                .iter()
                .map(CartItem::from_value)
                .collect::<Result<_, _>>()?,
            _ => Vec::new(),
        };
        let msgs = m.get("messages").and_then(Value::as_object);
        Ok(CartSession {
            session_id,
            items,
            item_count: u64::try_from(integer(m, "item_count")?)
                .map_err(|_| bad("a negative item_count"))?,
            total_item_price: decimal(m, "total_item_price")?,
            total_discount: decimal(m, "total_discount")?,
            total_shipping: decimal(m, "total_shipping")?,
            total_tax: decimal(m, "total_tax")?,
            total_price: decimal(m, "total_price")?,
            total_weight: decimal(m, "total_weight")?,
            messages: CartMessages {
                errors: strings(msgs, "errors"),
                warnings: strings(msgs, "warnings"),
                info: strings(msgs, "info"),
            },
        })
    }

    /// Parses JSON bytes.
    ///
    /// # Errors
    /// [`CartEndpointError::InvalidResponse`] for malformed JSON or members.
    pub fn parse(bytes: &[u8]) -> Result<CartSession, CartEndpointError> {
        let value = json::parse_value(bytes).map_err(|e| bad(&e.to_string()))?;
        CartSession::from_value(&value)
    }

    /// Reads an HTTP answer: the cart, or the error it reports.
    ///
    /// # Errors
    /// [`CartEndpointError::Rejected`] for a non-2xx status or an answer with
    /// errors; [`CartEndpointError::InvalidResponse`] for a body that is not a
    /// JSON cart.
    pub fn from_http(response: &Response<Vec<u8>>) -> Result<CartSession, CartEndpointError> {
        let status = response.status();
        let parsed = CartSession::parse(response.body());
        match parsed {
            Ok(session) if status.is_success() && session.messages.errors.is_empty() => Ok(session),
            Ok(session) => Err(CartEndpointError::Rejected {
                status: status.as_u16(),
                errors: session.messages.errors,
            }),
            Err(_) if !status.is_success() => Err(CartEndpointError::Rejected {
                status: status.as_u16(),
                errors: vec![String::from_utf8_lossy(response.body()).trim().to_owned()],
            }),
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_exactly() {
        let session = CartSession {
            session_id: "fcsid_1".into(),
            items: vec![CartItem {
                id: 7,
                name: "Sprocket".into(),
                price: Decimal::new(1000, 2),
                price_each: Decimal::new(1250, 2),
                quantity: 2,
                options: vec![CartOption {
                    name: "color".into(),
                    value: "red".into(),
                    price_mod: Decimal::new(250, 2),
                    weight_mod: Decimal::ZERO,
                }],
                ..CartItem::default()
            }],
            item_count: 2,
            total_item_price: Decimal::new(2500, 2),
            total_price: Decimal::new(2500, 2),
            ..CartSession::default()
        };
        let bytes = session.to_json();
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(text.contains("\"price_each\":12.50"), "{text}");
        assert_eq!(CartSession::parse(&bytes), Ok(session));
    }

    #[test]
    fn error_answers_are_rejections() {
        let mut response = Response::new(error_body(&["price was tampered with".into()]));
        *response.status_mut() = http::StatusCode::BAD_REQUEST;
        let err = CartSession::from_http(&response).expect_err("rejected");
        assert_eq!(
            err,
            CartEndpointError::Rejected {
                status: 400,
                errors: vec!["price was tampered with".into()]
            }
        );
        *response.status_mut() = http::StatusCode::NOT_FOUND;
        assert!(
            CartSession::from_http(&response)
                .expect_err("404")
                .is_unknown_session()
        );
        assert!(matches!(
            CartSession::parse(b"{\"items\":[{\"price\":\"ten\"}]}"),
            Err(CartEndpointError::InvalidResponse(_))
        ));
    }
}
