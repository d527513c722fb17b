//! Clients of the legacy XML API (`POST https://STORE/api`): one typed method
//! per action, blocking ([`LegacyClient`]) or async ([`AsyncLegacyClient`]).
//!
//! Each method builds a [`LegacyCall`] (pure, in [`foxy_proto::legacy`]),
//! runs it as a [`LegacyMachine`] (the store secret sent as `api_token`)
//! and reads the `<foxydata>` answer: an `ERROR` result is
//! [`Error::Legacy`] with the answer's messages
//! ([`Error::legacy_messages`]). The secret never appears in `Debug` output
//! or errors.
//!
//! Every request passes the [`TransportPolicy`](crate::TransportPolicy)
//! first (plain http only to loopback unless allowed: the secret is in the
//! body) and goes through foxy-proto's retry machine: a read
//! ([`Action::is_read`]) is retried like a `GET`; a write is retried only
//! while it provably never left or was refused with a 429, never once the
//! store may have seen it.
//!
//! ```
//! use foxy::legacy::LegacyClient;
//! use foxy_proto::Secret;
//!
//! let transport = |request: http::Request<Vec<u8>>| {
//!     assert!(request.body().starts_with(b"api_token=s3cret&api_action=category_list"));
//!     let xml = "<foxydata><result>SUCCESS</result><categories><category><id>1</id>\
//!                <code>DEFAULT</code></category></categories></foxydata>";
//!     Ok(http::Response::new(xml.as_bytes().to_vec()))
//! };
//! let client = LegacyClient::new(transport, "https://example.foxycart.com", Secret::new("s3cret"));
//! let categories = client.category_list()?;
//! assert_eq!(categories[0].code.as_deref(), Some("DEFAULT"));
//! assert!(!format!("{client:?}").contains("s3cret"));
//! # Ok::<(), foxy::Error>(())
//! ```

use std::fmt;

use foxy_proto::Secret;
use foxy_proto::datafeed::{Attribute, Subscription, Transaction};
use foxy_proto::legacy::{
    Action, ApiResponse, AttributeTarget, Category, CustomerAddress, CustomerRecord, Downloadable,
    LegacyCall, LegacyMachine, Listing, Lookup, StoreIncludes,
};

use crate::drive::{self, Guard, guard_settings};
use crate::error::Error;
#[cfg(feature = "async")]
use crate::transport::AsyncTransport;
use crate::transport::Transport;

macro_rules! typed_methods {
    (async $($(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Errors
            /// [`Error`].
            pub async fn $name(&self $(, $arg: $ty)*) -> Result<$out, Error> {
                self.execute(LegacyCall::$name($($arg),*)).await
            }
        )*
    };
    ($($(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Errors
            /// [`Error`].
            pub fn $name(&self $(, $arg: $ty)*) -> Result<$out, Error> {
                self.execute(LegacyCall::$name($($arg),*))
            }
        )*
    };
}

macro_rules! all_actions {
    ($($prefix:tt)?) => {
        typed_methods! { $($prefix)?
            /// `customer_get` by id or email.
            customer_get(by: Lookup) -> CustomerRecord;
            /// `customer_save`: creates or updates; the customer id.
            customer_save(by: Lookup, fields: &[(&str, &str)]) -> u64;
            /// `customer_list` with `*_filter`, `pagination_start`, `entries_per_page`.
            customer_list(filters: &[(&str, &str)]) -> Listing<CustomerRecord>;
            /// `customer_address_get` by address id or name.
            customer_address_get(customer: Lookup, address: Lookup) -> CustomerAddress;
            /// `customer_address_save` with `shipto_*` fields.
            customer_address_save(customer: Lookup, address: Lookup, fields: &[(&str, &str)]) -> CustomerAddress;
            /// `transaction_get`.
            transaction_get(id: u64) -> Transaction;
            /// `transaction_list` with filters.
            transaction_list(filters: &[(&str, &str)]) -> Listing<Transaction>;
            /// `transaction_modify`: `data_is_fed` and/or `hide_transaction`.
            transaction_modify(id: u64, data_is_fed: Option<bool>, hide_transaction: Option<bool>) -> ();
            /// `transaction_datafeed`: re-send the transaction's datafeed.
            transaction_datafeed(id: u64) -> ();
            /// `transaction_send_receipt`.
            transaction_send_receipt(id: u64) -> ();
            /// `subscription_get` by `sub_token` or its URL.
            subscription_get(sub_token: &str) -> Subscription;
            /// `subscription_cancel`: ends the subscription tomorrow.
            subscription_cancel(sub_token: &str) -> ();
            /// `subscription_modify` with the fields to change.
            subscription_modify(sub_token: &str, changes: &[(&str, &str)]) -> ();
            /// `subscription_list` with filters.
            subscription_list(filters: &[(&str, &str)]) -> Listing<Subscription>;
            /// `subscription_datafeed`.
            subscription_datafeed() -> ();
            /// `attribute_save`: the record's attributes afterwards.
            attribute_save(on: AttributeTarget, attributes: &[(&str, &str)], append: bool) -> Vec<Attribute>;
            /// `attribute_list`.
            attribute_list(on: AttributeTarget) -> Vec<Attribute>;
            /// `attribute_delete` of one name, or all (`None`): the attributes left.
            attribute_delete(on: AttributeTarget, name: Option<&str>) -> Vec<Attribute>;
            /// `category_list`.
            category_list() -> Vec<Category>;
            /// `downloadable_list`.
            downloadable_list() -> Vec<Downloadable>;
            /// `store_template_cache`.
            store_template_cache(template_type: &str, template_url: Option<&str>) -> ();
            /// `store_includes_get`.
            store_includes_get(javascript_library: Option<&str>, cart_type: Option<&str>) -> StoreIncludes;
        }
    };
}

/// The store and secret both clients call with, and what they send under.
struct Target {
    store_url: String,
    token: Secret,
    guard: Guard,
}

impl Target {
    fn new(store_url: String, token: Secret) -> Target {
        Target {
            store_url,
            token,
            guard: Guard::new(),
        }
    }

    /// The client's clocks.
    fn now(&self) -> foxy_proto::step::Now {
        self.guard.clock.now()
    }

    /// The machine sending `call` (its answer must be `SUCCESS`).
    fn typed<T: Send + 'static>(&self, call: LegacyCall<T>) -> Result<LegacyMachine<T>, Error> {
        let guard = &self.guard;
        let (retry, policy, jitter) = (guard.retry.clone(), guard.policy, guard.clock.jitter());
        Ok(LegacyMachine::typed(
            call,
            &self.store_url,
            self.token.clone(),
            retry,
            policy,
            jitter,
        )?)
    }

    /// The machine sending a raw action (its answer handed back even when `ERROR`).
    fn raw(
        &self,
        action: Action,
        params: &[(&str, &str)],
    ) -> Result<LegacyMachine<ApiResponse>, Error> {
        Ok(self.typed(LegacyCall::raw(action, params))?.raw())
    }
}

/// A legacy client type over transports bounded by `$bound`: the struct,
/// `Debug` without the secret, `new`, and the policy settings.
macro_rules! legacy_type {
    ($(#[$doc:meta])* $name:ident: $bound:path) => {
        $(#[$doc])*
        pub struct $name<T> {
            transport: T,
            target: Target,
        }

        impl<T> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("store_url", &self.target.store_url)
                    .finish_non_exhaustive()
            }
        }

        impl<T: $bound> $name<T> {
            /// A client of the store at `store_url`, authenticated by its secret.
            pub fn new(transport: T, store_url: impl Into<String>, token: Secret) -> $name<T> {
                $name {
                    transport,
                    target: Target::new(store_url.into(), token),
                }
            }

            guard_settings!(target.guard);
        }
    };
}

legacy_type! {
    /// The blocking legacy API client.
    LegacyClient: Transport
}

impl<T: Transport> LegacyClient<T> {
    /// Sends any typed call.
    ///
    /// # Errors
    /// [`Error`].
    pub fn execute<R: Send + 'static>(&self, call: LegacyCall<R>) -> Result<R, Error> {
        let machine = self.target.typed(call)?;
        Ok(drive::blocking(&self.transport, machine, || {
            self.target.now()
        })?)
    }

    /// Sends an action with raw parameters; the answer even when it is `ERROR`.
    ///
    /// # Errors
    /// Transport failures and unreadable answers.
    pub fn raw(&self, action: Action, params: &[(&str, &str)]) -> Result<ApiResponse, Error> {
        let machine = self.target.raw(action, params)?;
        Ok(drive::blocking(&self.transport, machine, || {
            self.target.now()
        })?)
    }

    all_actions!();
}

#[cfg(feature = "async")]
legacy_type! {
    /// The async legacy API client.
    AsyncLegacyClient: AsyncTransport
}

#[cfg(feature = "async")]
impl<T: AsyncTransport> AsyncLegacyClient<T> {
    /// Sends any typed call.
    ///
    /// # Errors
    /// [`Error`].
    pub async fn execute<R: Send + 'static>(&self, call: LegacyCall<R>) -> Result<R, Error> {
        let machine = self.target.typed(call)?;
        Ok(drive::asynchronous(&self.transport, machine, || self.target.now()).await?)
    }

    /// Sends an action with raw parameters; the answer even when it is `ERROR`.
    ///
    /// # Errors
    /// Transport failures and unreadable answers.
    pub async fn raw(&self, action: Action, params: &[(&str, &str)]) -> Result<ApiResponse, Error> {
        let machine = self.target.raw(action, params)?;
        Ok(drive::asynchronous(&self.transport, machine, || self.target.now()).await?)
    }

    all_actions!(async);
}
