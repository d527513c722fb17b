//! The session of a `/cart` client: the store, the signing secret, the
//! session id (`fcsid`) kept between calls, and the request method.
//!
//! [`CartLinkSession::machine`] builds the next request from the session's
//! base request (the session id added) as a [`Guarded`] machine: a view,
//! `empty` or a quantity update may be sent again like a `GET`; a request
//! adding products never once the store may have seen it (it would add
//! them twice). [`CartLinkSession::finish`] reads the answer: its session id
//! is kept, and an answer saying the session is unknown (expired, or its
//! cart was charged) forgets it, so the next call starts a new session.

use std::fmt;

use http::Response;

use crate::cart_endpoint::{CartMethod, CartRequest, CartSession};
use crate::error::Error;
use crate::flow::Guarded;
use crate::policy::TransportPolicy;
use crate::retry::{Jitter, RetryPolicy};
use crate::secret::Secret;

/// What a `/cart` client holds between calls.
#[derive(Clone)]
pub struct CartLinkSession {
    store_url: String,
    secret: Option<Secret>,
    session: Option<String>,
    method: CartMethod,
}

impl fmt::Debug for CartLinkSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CartLink")
            .field("store_url", &self.store_url)
            .field("signed", &self.secret.is_some())
            .field("session", &self.session)
            .field("method", &self.method)
            .finish()
    }
}

impl CartLinkSession {
    /// A session with the store at `store_url`, no session id yet, `GET`.
    pub fn new(store_url: impl Into<String>) -> CartLinkSession {
        CartLinkSession {
            store_url: store_url.into(),
            secret: None,
            session: None,
            method: CartMethod::Get,
        }
    }

    /// Signs every product field with the store secret.
    pub fn set_secret(&mut self, secret: Secret) {
        self.secret = Some(secret);
    }

    /// Continues the session `fcsid`.
    pub fn set_session(&mut self, fcsid: impl Into<String>) {
        self.session = Some(fcsid.into());
    }

    /// Sends `GET` or `POST` requests.
    pub fn set_method(&mut self, method: CartMethod) {
        self.method = method;
    }

    /// The session id held, if any.
    pub fn session_id(&self) -> Option<&str> {
        self.session.as_deref()
    }

    /// Forgets the session: the next call starts a new cart.
    pub fn forget(&mut self) {
        self.session = None;
    }

    /// The machine sending the request `build` makes of the session's base
    /// request, checked against `policy` and retried as allowed.
    ///
    /// # Errors
    /// [`Error::CartEndpoint`] when the request cannot be built or signed.
    pub fn machine(
        &self,
        build: impl FnOnce(CartRequest) -> CartRequest,
        retry: RetryPolicy,
        policy: TransportPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Result<Guarded, Error> {
        let mut request = CartRequest::new(&self.store_url)?.method(self.method);
        if let Some(session) = &self.session {
            request = request.session(session.clone());
        }
        let request = build(request);
        let http = request.to_http(self.secret.as_ref())?;
        let repeatable = request.is_repeatable();
        Ok(Guarded::new(
            http, repeatable, retry, policy, jitter, "cart",
        ))
    }

    /// Reads what the machine ended with, keeping or forgetting the session.
    ///
    /// # Errors
    /// What the machine failed with, or [`Error::CartEndpoint`] for a
    /// refusal or an answer that is not a JSON cart.
    pub fn finish(&mut self, sent: Result<Response<Vec<u8>>, Error>) -> Result<CartSession, Error> {
        match CartSession::from_http(&sent?) {
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

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::cart_endpoint::Product;
    use crate::flow::test_support::{drive, quick_retry};
    use crate::replay::response;
    use crate::retry::SplitMix;
    use crate::step::TransportFailure;

    fn send(
        session: &mut CartLinkSession,
        build: impl FnOnce(CartRequest) -> CartRequest,
        answers: Vec<crate::step::Outcome>,
    ) -> (Result<CartSession, Error>, Vec<String>) {
        let policy = TransportPolicy::default();
        let machine = session
            .machine(build, quick_retry(), policy, Box::new(SplitMix::new(1)))
            .expect("request");
        let (out, sent, _) = drive(machine, answers);
        (session.finish(out), sent)
    }

    fn cart(id: &str) -> String {
        String::from_utf8(
            CartSession {
                session_id: id.into(),
                ..CartSession::default()
            }
            .to_json(),
        )
        .expect("json")
    }

    #[test]
    fn the_session_is_kept_then_forgotten_when_unknown() {
        let mut session = CartLinkSession::new("https://store.test");
        let (out, _) = send(&mut session, |r| r, vec![response(200, &[], &cart("fc1"))]);
        assert!(out.is_ok());
        assert_eq!(session.session_id(), Some("fc1"));
        let (_, sent) = send(&mut session, |r| r, vec![response(200, &[], &cart("fc1"))]);
        assert!(sent[0].contains("fcsid=fc1"), "{sent:?}");
        let unknown =
            String::from_utf8(crate::cart_endpoint::error_body(
                &["unknown session".into()],
            ))
            .expect("json");
        let (out, _) = send(&mut session, |r| r, vec![response(404, &[], &unknown)]);
        if out
            .as_ref()
            .is_err_and(|e| matches!(e, Error::CartEndpoint(c) if c.is_unknown_session()))
        {
            assert_eq!(session.session_id(), None);
        }
    }

    #[test]
    fn a_view_is_retried_but_an_add_is_never_replayed() {
        let mut session = CartLinkSession::new("https://store.test");
        let (out, sent) = send(
            &mut session,
            |r| r,
            vec![response(503, &[], ""), response(200, &[], &cart("fc1"))],
        );
        assert!(out.is_ok());
        assert_eq!(sent.len(), 2);
        let product = Product::new("Sprocket", Decimal::new(1000, 2));
        let (out, sent) = send(
            &mut session,
            |r| r.product(product),
            vec![Err(TransportFailure::Dropped("reset".into()))],
        );
        assert_eq!(sent.len(), 1);
        assert!(out.is_err());
    }

    #[test]
    fn plain_http_off_loopback_is_refused() {
        let mut session = CartLinkSession::new("http://store.test");
        let (out, sent) = send(&mut session, |r| r, vec![]);
        assert!(sent.is_empty());
        assert!(matches!(out, Err(Error::Policy(_))));
    }
}
