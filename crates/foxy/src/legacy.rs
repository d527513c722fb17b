//! Clients of the legacy XML API (`POST https://STORE/api`): one typed method
//! per action, blocking ([`LegacyClient`]) or async ([`AsyncLegacyClient`]).
//!
//! Each method builds a [`LegacyCall`] (pure, in [`foxy_proto::legacy`]),
//! sends its request with the store secret as `api_token`, and reads the
//! `<foxydata>` answer: an `ERROR` result is [`LegacyClientError::Api`] with
//! the answer's messages. The secret never appears in `Debug` output or errors.
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
//! # Ok::<(), foxy::legacy::LegacyClientError>(())
//! ```

use std::fmt;

use foxy_proto::Secret;
use foxy_proto::datafeed::{Attribute, Subscription, Transaction};
use foxy_proto::legacy::{
    Action, ApiResponse, AttributeTarget, Category, CustomerAddress, CustomerRecord, Downloadable,
    LegacyCall, LegacyError, Listing, Lookup, StoreIncludes,
};

use crate::drive::{Guard, guard_settings};
#[cfg(feature = "async")]
use crate::transport::AsyncTransport;
use crate::transport::{Outcome, PolicyError, Transport, TransportFailure};

/// Why a legacy API call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LegacyClientError {
    /// The answer's result is `ERROR`.
    #[error("the legacy api answered ERROR: {}", messages.join("; "))]
    Api {
        /// The answer's messages.
        messages: Vec<String>,
    },
    /// The request could not be built, or the answer is not a `<foxydata>` document.
    #[error(transparent)]
    Protocol(LegacyError),
    /// The answer's HTTP status is not a success (and its body not a document).
    #[error("the legacy api answered http {0}")]
    Status(u16),
    /// The request did not get an answer.
    #[error(transparent)]
    Transport(#[from] TransportFailure),
    /// The [`TransportPolicy`](crate::TransportPolicy) refused the store URL;
    /// nothing was sent.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl From<LegacyError> for LegacyClientError {
    fn from(e: LegacyError) -> Self {
        match e {
            LegacyError::Api { messages } => LegacyClientError::Api { messages },
            other => LegacyClientError::Protocol(other),
        }
    }
}

fn read<T>(call: &LegacyCall<T>, outcome: Outcome) -> Result<T, LegacyClientError> {
    Ok(call.finish(answer(&outcome?)?)?)
}

/// The `<foxydata>` answer of a response; an error status whose body is
/// not one is [`LegacyClientError::Status`].
fn answer(response: &http::Response<Vec<u8>>) -> Result<ApiResponse, LegacyClientError> {
    match ApiResponse::from_http(response) {
        Ok(answer) => Ok(answer),
        Err(_) if !response.status().is_success() => {
            Err(LegacyClientError::Status(response.status().as_u16()))
        }
        Err(e) => Err(e.into()),
    }
}

macro_rules! typed_methods {
    (async $($(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Errors
            /// [`LegacyClientError`].
            pub async fn $name(&self $(, $arg: $ty)*) -> Result<$out, LegacyClientError> {
                self.execute(LegacyCall::$name($($arg),*)).await
            }
        )*
    };
    ($($(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) -> $out:ty;)*) => {
        $(
            $(#[$doc])*
            ///
            /// # Errors
            /// [`LegacyClientError`].
            pub fn $name(&self $(, $arg: $ty)*) -> Result<$out, LegacyClientError> {
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

    fn request<T>(
        &self,
        call: &LegacyCall<T>,
    ) -> Result<http::Request<Vec<u8>>, LegacyClientError> {
        Ok(call
            .request(&self.store_url, self.token.clone())?
            .to_http()?)
    }
}

/// The blocking legacy API client.
pub struct LegacyClient<T> {
    transport: T,
    target: Target,
}

impl<T> fmt::Debug for LegacyClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LegacyClient")
            .field("store_url", &self.target.store_url)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> LegacyClient<T> {
    /// A client of the store at `store_url`, authenticated by its secret.
    pub fn new(transport: T, store_url: impl Into<String>, token: Secret) -> LegacyClient<T> {
        LegacyClient {
            transport,
            target: Target::new(store_url.into(), token),
        }
    }

    guard_settings!(target.guard);

    fn send<R>(&self, call: &LegacyCall<R>) -> Result<Outcome, LegacyClientError> {
        let request = self.target.request(call)?;
        let action = call.action();
        let guard = &self.target.guard;
        Ok(guard.send(&self.transport, request, action.is_read(), action.as_str())?)
    }

    /// Sends any typed call.
    ///
    /// # Errors
    /// [`LegacyClientError`].
    pub fn execute<R>(&self, call: LegacyCall<R>) -> Result<R, LegacyClientError> {
        read(&call, self.send(&call)?)
    }

    /// Sends an action with raw parameters; the answer even when it is `ERROR`.
    ///
    /// # Errors
    /// Transport failures and unreadable answers.
    pub fn raw(
        &self,
        action: Action,
        params: &[(&str, &str)],
    ) -> Result<ApiResponse, LegacyClientError> {
        let call = LegacyCall::raw(action, params);
        answer(&self.send(&call)??)
    }

    all_actions!();
}

/// The async legacy API client.
#[cfg(feature = "async")]
pub struct AsyncLegacyClient<T> {
    transport: T,
    target: Target,
}

#[cfg(feature = "async")]
impl<T> fmt::Debug for AsyncLegacyClient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsyncLegacyClient")
            .field("store_url", &self.target.store_url)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "async")]
impl<T: AsyncTransport> AsyncLegacyClient<T> {
    /// A client of the store at `store_url`, authenticated by its secret.
    pub fn new(transport: T, store_url: impl Into<String>, token: Secret) -> AsyncLegacyClient<T> {
        AsyncLegacyClient {
            transport,
            target: Target::new(store_url.into(), token),
        }
    }

    guard_settings!(target.guard);

    async fn send<R>(&self, call: &LegacyCall<R>) -> Result<Outcome, LegacyClientError> {
        let request = self.target.request(call)?;
        let (action, guard) = (call.action(), &self.target.guard);
        let sent = guard.send_async(&self.transport, request, action.is_read(), action.as_str());
        Ok(sent.await?)
    }

    /// Sends any typed call.
    ///
    /// # Errors
    /// [`LegacyClientError`].
    pub async fn execute<R>(&self, call: LegacyCall<R>) -> Result<R, LegacyClientError> {
        read(&call, self.send(&call).await?)
    }

    /// Sends an action with raw parameters; the answer even when it is `ERROR`.
    ///
    /// # Errors
    /// Transport failures and unreadable answers.
    pub async fn raw(
        &self,
        action: Action,
        params: &[(&str, &str)],
    ) -> Result<ApiResponse, LegacyClientError> {
        let call = LegacyCall::raw(action, params);
        answer(&self.send(&call).await??)
    }

    all_actions!(async);
}
