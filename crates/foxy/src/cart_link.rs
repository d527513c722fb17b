//! A client of the store's `/cart` endpoint: add products to a session cart
//! server-side, keep the session (`fcsid`), read the JSON cart.
//!
//! [`CartLink`] blocks on a [`Transport`], [`AsyncCartLink`] awaits an
//! [`AsyncTransport`]. Requests are built and answers read by
//! [`foxy_proto::cart_endpoint`], the session kept by
//! [`foxy_proto::cart_session::CartLinkSession`]; with
//! [`CartLink::with_secret`] every product field is HMAC-signed with the
//! store secret, as stores that require signed carts expect. The first
//! answer's session id is kept and sent with every later call; an answer
//! saying the session is unknown (expired, or its cart was charged) forgets
//! it ([`Error::is_unknown_session`]), so the next call starts a new session.
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
//! # Ok::<(), foxy::Error>(())
//! ```

use std::fmt;

use foxy_proto::Secret;
use foxy_proto::cart_endpoint::{CartMethod, CartRequest, CartSession, Product};
use foxy_proto::cart_session::CartLinkSession;
use foxy_proto::flow::Guarded;

use crate::drive::{self, Guard, guard_settings};
use crate::error::Error;
#[cfg(feature = "async")]
use crate::transport::AsyncTransport;
use crate::transport::Transport;

/// The machine sending the request `build` makes of the session's base request.
fn machine(
    link: &CartLinkSession,
    guard: &Guard,
    build: impl FnOnce(CartRequest) -> CartRequest,
) -> Result<Guarded, Error> {
    let jitter = guard.clock.jitter();
    Ok(link.machine(build, guard.retry.clone(), guard.policy, jitter)?)
}

macro_rules! settings {
    () => {
        /// Signs every product field with the store secret.
        pub fn with_secret(mut self, secret: Secret) -> Self {
            self.link.set_secret(secret);
            self
        }

        /// Continues the session `fcsid` (from a cart link or an earlier call).
        pub fn with_session(mut self, fcsid: impl Into<String>) -> Self {
            self.link.set_session(fcsid);
            self
        }

        /// Sends `GET` (the default) or `POST` requests.
        pub fn with_method(mut self, method: CartMethod) -> Self {
            self.link.set_method(method);
            self
        }

        /// The session id held, if any.
        pub fn session_id(&self) -> Option<&str> {
            self.link.session_id()
        }

        /// Forgets the session: the next call starts a new cart.
        pub fn forget_session(&mut self) {
            self.link.forget();
        }
    };
}

/// A `/cart` client type over transports bounded by `$bound`: the struct,
/// `Debug` without the secret, `new`, and the session and policy settings.
macro_rules! cart_link_type {
    ($(#[$doc:meta])* $name:ident: $bound:path) => {
        $(#[$doc])*
        pub struct $name<T> {
            transport: T,
            link: CartLinkSession,
            guard: Guard,
        }

        impl<T> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.link.fmt(f)
            }
        }

        impl<T: $bound> $name<T> {
            /// A client of the store at `store_url` (`https://example.foxycart.com`).
            pub fn new(transport: T, store_url: impl Into<String>) -> $name<T> {
                $name {
                    transport,
                    link: CartLinkSession::new(store_url),
                    guard: Guard::new(),
                }
            }

            settings!();
            guard_settings!(guard);
        }
    };
}

/// The requests every `/cart` client makes of its `send` (`verbs!(async; .await)`
/// for the async one).
macro_rules! verbs {
    ($($async:ident)?; $($await:tt)*) => {
        /// Adds one product.
        ///
        /// # Errors
        /// [`Error`].
        pub $($async)? fn add(&mut self, product: Product) -> Result<CartSession, Error> {
            self.send(|r| r.product(product)) $($await)*
        }

        /// Adds several products in one request (`2:name`, `3:name`...).
        ///
        /// # Errors
        /// [`Error`].
        pub $($async)? fn add_all(
            &mut self,
            products: impl IntoIterator<Item = Product>,
        ) -> Result<CartSession, Error> {
            self.send(|r| products.into_iter().fold(r, CartRequest::product)) $($await)*
        }

        /// Reads the cart without changing it.
        ///
        /// # Errors
        /// [`Error`].
        pub $($async)? fn view(&mut self) -> Result<CartSession, Error> {
            self.send(|r| r) $($await)*
        }

        /// Removes every item (`empty=true`).
        ///
        /// # Errors
        /// [`Error`].
        pub $($async)? fn empty(&mut self) -> Result<CartSession, Error> {
            self.send(|r| r.empty(true)) $($await)*
        }

        /// Sets an item's quantity (0 removes it).
        ///
        /// # Errors
        /// [`Error`].
        pub $($async)? fn set_quantity(
            &mut self,
            item_id: i64,
            quantity: u64,
        ) -> Result<CartSession, Error> {
            self.send(|r| r.update_quantity(item_id, quantity)) $($await)*
        }
    };
}

cart_link_type! {
    /// The blocking `/cart` client.
    CartLink: Transport
}

impl<T: Transport> CartLink<T> {
    /// Sends a request built from the session's base request.
    ///
    /// # Errors
    /// [`Error`].
    pub fn send(
        &mut self,
        build: impl FnOnce(CartRequest) -> CartRequest,
    ) -> Result<CartSession, Error> {
        let machine = machine(&self.link, &self.guard, build)?;
        let clock = &self.guard.clock;
        let sent = drive::blocking(&self.transport, machine, || clock.now());
        Ok(self.link.finish(sent)?)
    }

    verbs!(;);
}

#[cfg(feature = "async")]
cart_link_type! {
    /// The async `/cart` client.
    AsyncCartLink: AsyncTransport
}

#[cfg(feature = "async")]
impl<T: AsyncTransport> AsyncCartLink<T> {
    /// Sends a request built from the session's base request.
    ///
    /// # Errors
    /// [`Error`].
    pub async fn send(
        &mut self,
        build: impl FnOnce(CartRequest) -> CartRequest,
    ) -> Result<CartSession, Error> {
        let machine = machine(&self.link, &self.guard, build)?;
        let clock = &self.guard.clock;
        let sent = drive::asynchronous(&self.transport, machine, || clock.now()).await;
        Ok(self.link.finish(sent)?)
    }

    verbs!(async; .await);
}
