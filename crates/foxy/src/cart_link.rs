//! A client of the store's `/cart` endpoint: add products to a session cart
//! server-side, keep the session (`fcsid`), read the JSON cart.
//!
//! [`CartLink`] blocks on a [`Transport`], [`AsyncCartLink`] awaits an
//! [`AsyncTransport`]. Requests are built and answers read by
//! [`foxy_proto::cart_endpoint`]; with [`CartLink::with_secret`] every
//! product field is HMAC-signed with the store secret, as stores that
//! require signed carts expect. The first answer's session id is kept and
//! sent with every later call; an answer saying the session is unknown
//! (expired, or its cart was charged) forgets it, so the next call starts a
//! new session.
//!
//! Every request passes the [`TransportPolicy`](crate::TransportPolicy)
//! first and goes through foxy-proto's retry machine: a view, `empty` or a
//! quantity update is retried like a `GET`; a request adding products is
//! never sent again once the store may have seen it (it would add them twice).
//!
//! ```
//! use foxy::cart_link::CartLink;
//! use foxy_proto::cart_endpoint::{CartSession, Product};
//! use rust_decimal::Decimal;
//!
//! let transport = |request: http::Request<Vec<u8>>| {
//!     assert!(request.uri().query().unwrap_or_default().contains("name=Sprocket"));
//!     let cart = CartSession { session_id: "fcsid_1".into(), item_count: 1, ..CartSession::default() };
//!     Ok(http::Response::new(cart.to_json()))
//! };
//! let mut cart = CartLink::new(transport, "https://example.foxycart.com");
//! let session = cart.add(Product::new("Sprocket", Decimal::new(1000, 2)))?;
//! assert_eq!((session.item_count, cart.session_id()), (1, Some("fcsid_1")));
//! # Ok::<(), foxy::cart_link::CartLinkError>(())
//! ```

use std::fmt;

use foxy_proto::Secret;
use foxy_proto::cart_endpoint::{CartEndpointError, CartMethod, CartRequest, CartSession, Product};

use crate::drive::{Guard, guard_settings};
#[cfg(feature = "async")]
use crate::transport::AsyncTransport;
use crate::transport::{Outcome, PolicyError, Transport, TransportFailure};

/// Why a `/cart` call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CartLinkError {
    /// The request could not be built, the endpoint refused it, or its answer
    /// is not a JSON cart.
    #[error(transparent)]
    Endpoint(#[from] CartEndpointError),
    /// The request did not get an answer.
    #[error(transparent)]
    Transport(#[from] TransportFailure),
    /// The [`TransportPolicy`](crate::TransportPolicy) refused the store URL;
    /// nothing was sent.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl CartLinkError {
    /// Whether the endpoint did not know the session sent.
    pub fn is_unknown_session(&self) -> bool {
        matches!(self, CartLinkError::Endpoint(e) if e.is_unknown_session())
    }
}

/// What both clients hold: the store, the secret, the session, the method.
#[derive(Clone)]
struct Link {
    store_url: String,
    secret: Option<Secret>,
    session: Option<String>,
    method: CartMethod,
}

impl fmt::Debug for Link {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CartLink")
            .field("store_url", &self.store_url)
            .field("signed", &self.secret.is_some())
            .field("session", &self.session)
            .field("method", &self.method)
            .finish()
    }
}

impl Link {
    fn new(store_url: String) -> Link {
        Link {
            store_url,
            secret: None,
            session: None,
            method: CartMethod::Get,
        }
    }

    /// The request, and whether it may be sent again once the store may have seen it.
    fn request(
        &self,
        build: impl FnOnce(CartRequest) -> CartRequest,
    ) -> Result<(http::Request<Vec<u8>>, bool), CartLinkError> {
        let mut request = CartRequest::new(&self.store_url)?.method(self.method);
        if let Some(session) = &self.session {
            request = request.session(session.clone());
        }
        let request = build(request);
        let http = request.to_http(self.secret.as_ref())?;
        Ok((http, request.is_repeatable()))
    }

    fn finish(&mut self, sent: Result<Outcome, PolicyError>) -> Result<CartSession, CartLinkError> {
        match CartSession::from_http(&sent??) {
            Ok(session) => {
                if !session.session_id.is_empty() {
                    self.session = Some(session.session_id.clone());
                }
                Ok(session)
            }
            Err(e) => {
                if e.is_unknown_session() {
                    self.session = None;
                }
                Err(e.into())
            }
        }
    }
}

macro_rules! settings {
    () => {
        /// Signs every product field with the store secret.
        pub fn with_secret(mut self, secret: Secret) -> Self {
            self.link.secret = Some(secret);
            self
        }

        /// Continues the session `fcsid` (from a cart link or an earlier call).
        pub fn with_session(mut self, fcsid: impl Into<String>) -> Self {
            self.link.session = Some(fcsid.into());
            self
        }

        /// Sends `GET` (the default) or `POST` requests.
        pub fn with_method(mut self, method: CartMethod) -> Self {
            self.link.method = method;
            self
        }

        /// The session id held, if any.
        pub fn session_id(&self) -> Option<&str> {
            self.link.session.as_deref()
        }

        /// Forgets the session: the next call starts a new cart.
        pub fn forget_session(&mut self) {
            self.link.session = None;
        }
    };
}

/// The blocking `/cart` client.
pub struct CartLink<T> {
    transport: T,
    link: Link,
    guard: Guard,
}

impl<T> fmt::Debug for CartLink<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.link.fmt(f)
    }
}

impl<T: Transport> CartLink<T> {
    /// A client of the store at `store_url` (`https://example.foxycart.com`).
    pub fn new(transport: T, store_url: impl Into<String>) -> CartLink<T> {
        CartLink {
            transport,
            link: Link::new(store_url.into()),
            guard: Guard::new(),
        }
    }

    settings!();
    guard_settings!(guard);

    /// Sends a request built from the session's base request.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn send(
        &mut self,
        build: impl FnOnce(CartRequest) -> CartRequest,
    ) -> Result<CartSession, CartLinkError> {
        let (request, repeatable) = self.link.request(build)?;
        let sent = self
            .guard
            .send(&self.transport, request, repeatable, "cart");
        self.link.finish(sent)
    }

    /// Adds one product.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn add(&mut self, product: Product) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.product(product))
    }

    /// Adds several products in one request (`2:name`, `3:name`...).
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn add_all(
        &mut self,
        products: impl IntoIterator<Item = Product>,
    ) -> Result<CartSession, CartLinkError> {
        self.send(|r| products.into_iter().fold(r, CartRequest::product))
    }

    /// Reads the cart without changing it.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn view(&mut self) -> Result<CartSession, CartLinkError> {
        self.send(|r| r)
    }

    /// Removes every item (`empty=true`).
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn empty(&mut self) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.empty(true))
    }

    /// Sets an item's quantity (0 removes it).
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub fn set_quantity(
        &mut self,
        item_id: i64,
        quantity: u64,
    ) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.update_quantity(item_id, quantity))
    }
}

/// The async `/cart` client.
#[cfg(feature = "async")]
pub struct AsyncCartLink<T> {
    transport: T,
    link: Link,
    guard: Guard,
}

#[cfg(feature = "async")]
impl<T> fmt::Debug for AsyncCartLink<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.link.fmt(f)
    }
}

#[cfg(feature = "async")]
impl<T: AsyncTransport> AsyncCartLink<T> {
    /// A client of the store at `store_url` (`https://example.foxycart.com`).
    pub fn new(transport: T, store_url: impl Into<String>) -> AsyncCartLink<T> {
        AsyncCartLink {
            transport,
            link: Link::new(store_url.into()),
            guard: Guard::new(),
        }
    }

    settings!();
    guard_settings!(guard);

    /// Sends a request built from the session's base request.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn send(
        &mut self,
        build: impl FnOnce(CartRequest) -> CartRequest,
    ) -> Result<CartSession, CartLinkError> {
        let (request, repeatable) = self.link.request(build)?;
        let sent = self
            .guard
            .send_async(&self.transport, request, repeatable, "cart");
        self.link.finish(sent.await)
    }

    /// Adds one product.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn add(&mut self, product: Product) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.product(product)).await
    }

    /// Adds several products in one request.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn add_all(
        &mut self,
        products: impl IntoIterator<Item = Product>,
    ) -> Result<CartSession, CartLinkError> {
        self.send(|r| products.into_iter().fold(r, CartRequest::product))
            .await
    }

    /// Reads the cart without changing it.
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn view(&mut self) -> Result<CartSession, CartLinkError> {
        self.send(|r| r).await
    }

    /// Removes every item (`empty=true`).
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn empty(&mut self) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.empty(true)).await
    }

    /// Sets an item's quantity (0 removes it).
    ///
    /// # Errors
    /// [`CartLinkError`].
    pub async fn set_quantity(
        &mut self,
        item_id: i64,
        quantity: u64,
    ) -> Result<CartSession, CartLinkError> {
        self.send(|r| r.update_quantity(item_id, quantity)).await
    }
}
