//! Building `/cart` requests: products, session, emptying and quantity updates,
//! as a `GET` with a query string or a `POST` form, optionally signed.
//!
//! The first product's fields carry no prefix, the following ones `2:`, `3:`...
//! (the multi-product convention of cart links). Signing uses
//! [`crate::signing::sign_url`], so a signed request is exactly what a signed
//! cart link would send.
//!
//! ```
//! use foxy_proto::cart_endpoint::{CartMethod, CartRequest, Product};
//! use rust_decimal::Decimal;
//!
//! let request = CartRequest::new("https://example.foxycart.com")?
//!     .session("abc")
//!     .product(Product::new("Sprocket", Decimal::new(1000, 2)).with_code("spr"))
//!     .product(Product::new("Cog", Decimal::new(250, 2)).with_option("color", "red"));
//! assert_eq!(
//!     request.query(None)?,
//!     "output=json&fcsid=abc&name=Sprocket&price=10.00&quantity=1&code=spr\
//!      &2:name=Cog&2:price=2.50&2:quantity=1&2:color=red",
//! );
//! // Adding twice adds twice; a view or a quantity update can be sent again.
//! assert!(!request.is_repeatable());
//! let view = CartRequest::new("https://example.foxycart.com")?.session("abc");
//! assert!(view.is_repeatable() && view.clone().update_quantity(7, 2).is_repeatable());
//! let post = request.method(CartMethod::Post).to_http(None)?;
//! assert_eq!(post.uri(), "https://example.foxycart.com/cart");
//! # Ok::<(), foxy_proto::cart_endpoint::CartEndpointError>(())
//! ```

use http::{Method, Request, Uri, header};
use rust_decimal::Decimal;

use super::{CartEndpointError, SESSION_NAME};
use crate::form::encode_unreserved;
use crate::signing::{Secret, sign_url};

/// One product to add: the fields of a cart link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    /// `name` (required by the endpoint).
    pub name: String,
    /// `price`: the price of one unit, exact.
    pub price: Decimal,
    /// `quantity` (at least 1).
    pub quantity: u64,
    /// `code`: needed to sign the product.
    pub code: Option<String>,
    /// `parent_code`: the product this one is bundled with.
    pub parent_code: Option<String>,
    /// `category`: an item category code.
    pub category: Option<String>,
    /// `weight` of one unit.
    pub weight: Option<Decimal>,
    /// `sub_frequency` (`1m`, `2w`...): makes the item a subscription.
    pub sub_frequency: Option<String>,
    /// Product options (`color=red`; a value may carry modifiers, `red{p+2}`).
    pub options: Vec<(String, String)>,
}

impl Product {
    /// A product with a name and a unit price, quantity 1.
    pub fn new(name: impl Into<String>, price: Decimal) -> Product {
        Product {
            name: name.into(),
            price,
            quantity: 1,
            code: None,
            parent_code: None,
            category: None,
            weight: None,
            sub_frequency: None,
            options: Vec::new(),
        }
    }

    /// Sets the product code.
    pub fn with_code(mut self, code: impl Into<String>) -> Product {
        self.code = Some(code.into());
        self
    }

    /// Sets the quantity.
    pub fn with_quantity(mut self, quantity: u64) -> Product {
        self.quantity = quantity;
        self
    }

    /// Sets the parent product's code.
    pub fn with_parent_code(mut self, code: impl Into<String>) -> Product {
        self.parent_code = Some(code.into());
        self
    }

    /// Sets the item category code.
    pub fn with_category(mut self, category: impl Into<String>) -> Product {
        self.category = Some(category.into());
        self
    }

    /// Sets the weight of one unit.
    pub fn with_weight(mut self, weight: Decimal) -> Product {
        self.weight = Some(weight);
        self
    }

    /// Makes the item a subscription renewing at `frequency` (`1m`).
    pub fn with_subscription(mut self, frequency: impl Into<String>) -> Product {
        self.sub_frequency = Some(frequency.into());
        self
    }

    /// Adds a product option.
    pub fn with_option(mut self, name: impl Into<String>, value: impl Into<String>) -> Product {
        self.options.push((name.into(), value.into()));
        self
    }

    fn pairs(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        let mut push = |name: &str, value: String| out.push((format!("{prefix}{name}"), value));
        push("name", self.name.clone());
        push("price", self.price.to_string());
        push("quantity", self.quantity.to_string());
        let optional = [
            ("code", self.code.clone()),
            ("parent_code", self.parent_code.clone()),
            ("category", self.category.clone()),
            ("weight", self.weight.map(|w| w.to_string())),
            ("sub_frequency", self.sub_frequency.clone()),
        ];
        for (name, value) in optional {
            if let Some(value) = value {
                push(name, value);
            }
        }
        for (name, value) in &self.options {
            push(name, value.clone());
        }
    }
}

/// How the request is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CartMethod {
    /// `GET /cart?...` (the default).
    #[default]
    Get,
    /// `POST /cart` with a form-urlencoded body.
    Post,
}

/// One request to the `/cart` endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartRequest {
    endpoint: Uri,
    method: CartMethod,
    session: Option<String>,
    empty: bool,
    products: Vec<Product>,
    updates: Vec<(i64, u64)>,
}

impl CartRequest {
    /// A request to the store at `store_url` (any path is replaced by `/cart`).
    ///
    /// # Errors
    /// [`CartEndpointError::InvalidUrl`] when `store_url` has no scheme and host.
    pub fn new(store_url: &str) -> Result<CartRequest, CartEndpointError> {
        let invalid = || CartEndpointError::InvalidUrl(store_url.to_owned());
        let base: Uri = store_url.parse().map_err(|_| invalid())?;
        let (Some(scheme), Some(authority)) = (base.scheme(), base.authority()) else {
            return Err(invalid());
        };
        let endpoint = Uri::builder()
            .scheme(scheme.clone())
            .authority(authority.clone())
            .path_and_query("/cart")
            .build()
            .map_err(|_| invalid())?;
        Ok(CartRequest {
            endpoint,
            method: CartMethod::Get,
            session: None,
            empty: false,
            products: Vec::new(),
            updates: Vec::new(),
        })
    }

    /// Modifies the cart of session `fcsid` (without one, a new session starts).
    pub fn session(mut self, fcsid: impl Into<String>) -> CartRequest {
        self.session = Some(fcsid.into());
        self
    }

    /// Sends as `GET` or `POST`.
    pub fn method(mut self, method: CartMethod) -> CartRequest {
        self.method = method;
        self
    }

    /// Empties the cart before adding (`empty=true`).
    pub fn empty(mut self, empty: bool) -> CartRequest {
        self.empty = empty;
        self
    }

    /// Adds a product.
    pub fn product(mut self, product: Product) -> CartRequest {
        self.products.push(product);
        self
    }

    /// Sets the quantity of the cart item `item_id` (`cart=update`; 0 removes it).
    pub fn update_quantity(mut self, item_id: i64, quantity: u64) -> CartRequest {
        self.updates.push((item_id, quantity));
        self
    }

    /// Whether sending this request twice leaves the cart as sending it once
    /// does: a view, `empty=true`, quantity updates. Adding products is not.
    pub fn is_repeatable(&self) -> bool {
        self.products.is_empty()
    }

    /// The parameters, unsigned, in order.
    pub fn pairs(&self) -> Vec<(String, String)> {
        let mut out = vec![("output".to_owned(), "json".to_owned())];
        if let Some(session) = &self.session {
            out.push((SESSION_NAME.to_owned(), session.clone()));
        }
        if self.empty {
            out.push(("empty".to_owned(), "true".to_owned()));
        }
        if !self.updates.is_empty() {
            out.push(("cart".to_owned(), "update".to_owned()));
        }
        for (index, (id, quantity)) in self.updates.iter().enumerate() {
            let prefix = prefix(index);
            out.push((format!("{prefix}id"), id.to_string()));
            out.push((format!("{prefix}quantity"), quantity.to_string()));
        }
        for (index, product) in self.products.iter().enumerate() {
            product.pairs(&prefix(index), &mut out);
        }
        out
    }

    /// The form-encoded parameters; product fields signed with `secret` when given.
    ///
    /// # Errors
    /// [`CartEndpointError::InvalidParameter`] when products and quantity
    /// updates are mixed, or a product has no name;
    /// [`CartEndpointError::Sign`] when a product to sign has no code.
    pub fn query(&self, secret: Option<&Secret>) -> Result<String, CartEndpointError> {
        if !self.updates.is_empty() && !self.products.is_empty() {
            return Err(CartEndpointError::invalid(
                "cart",
                "quantity updates and new products go in separate requests",
            ));
        }
        if let Some(index) = self.products.iter().position(|p| p.name.trim().is_empty()) {
            return Err(CartEndpointError::invalid(
                &format!("{}name", prefix(index)),
                "a product needs a name",
            ));
        }
        let plain = self
            .pairs()
            .iter()
            .map(|(n, v)| {
                format!(
                    "{}={}",
                    encode_unreserved(n.as_bytes()).replace("%3A", ":"),
                    encode_unreserved(v.as_bytes())
                )
            })
            .collect::<Vec<_>>()
            .join("&");
        match secret {
            Some(secret) if !self.products.is_empty() => {
                let signed = sign_url(secret, &format!("?{plain}"))?;
                Ok(signed.trim_start_matches('?').to_owned())
            }
            _ => Ok(plain),
        }
    }

    /// The HTTP request: `GET /cart?...` or `POST /cart` with a form body.
    ///
    /// # Errors
    /// Those of [`CartRequest::query`].
    pub fn to_http(&self, secret: Option<&Secret>) -> Result<Request<Vec<u8>>, CartEndpointError> {
        let query = self.query(secret)?;
        let builder = Request::builder().header(header::ACCEPT, "application/json");
        let built = match self.method {
            CartMethod::Get => builder
                .method(Method::GET)
                .uri(format!("{}?{query}", self.endpoint))
                .body(Vec::new()),
            CartMethod::Post => builder
                .method(Method::POST)
                .uri(self.endpoint.clone())
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(query.into_bytes()),
        };
        built.map_err(|e| CartEndpointError::InvalidUrl(e.to_string()))
    }
}

/// The field prefix of the product at `index` (`""`, `"2:"`, `"3:"`...).
fn prefix(index: usize) -> String {
    if index == 0 {
        String::new()
    } else {
        format!("{}:", index + 1)
    }
}
