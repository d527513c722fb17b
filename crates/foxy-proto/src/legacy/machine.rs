//! One legacy API call as a machine: the request sent through [`Guarded`]
//! (the transport policy, then retries), the answer read into its result.
//!
//! A read ([`Action::is_read`](super::Action::is_read)) is retried like a
//! `GET` (on a 503, a dropped connection...); a write only while it
//! provably never left or was refused with a 429, never once the store may
//! have seen it. The store secret travels in the body: a plain-http store
//! URL off loopback is refused before anything is sent.

use http::Response;

use super::{ApiResponse, LegacyCall, LegacyError};
use crate::error::Error;
use crate::flow::Guarded;
use crate::policy::TransportPolicy;
use crate::retry::{Jitter, RetryPolicy};
use crate::secret::Secret;
use crate::step::{Machine, Now, Outcome, Step};

/// The `<foxydata>` answer of a response; an error status whose body is
/// not one is [`LegacyError::Status`].
///
/// # Errors
/// [`LegacyError::Status`], and those of [`ApiResponse::from_http`].
pub fn read_answer(response: &Response<Vec<u8>>) -> Result<ApiResponse, LegacyError> {
    match ApiResponse::from_http(response) {
        Ok(answer) => Ok(answer),
        Err(_) if !response.status().is_success() => {
            Err(LegacyError::Status(response.status().as_u16()))
        }
        Err(e) => Err(e),
    }
}

type Finish<T> = Box<dyn FnOnce(ApiResponse) -> Result<T, LegacyError> + Send>;

/// One legacy call: sent, retried as its action allows, its answer read.
pub struct LegacyMachine<T> {
    guarded: Guarded,
    finish: Option<Finish<T>>,
}

impl<T> std::fmt::Debug for LegacyMachine<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LegacyMachine")
            .field("guarded", &self.guarded)
            .finish_non_exhaustive()
    }
}

impl<T: Send + 'static> LegacyMachine<T> {
    /// The machine sending `call` to `store_url` with `token` as `api_token`;
    /// its answer must be `SUCCESS` ([`LegacyError::Api`] otherwise).
    ///
    /// # Errors
    /// [`Error::Legacy`] when the request cannot be built.
    pub fn typed(
        call: LegacyCall<T>,
        store_url: &str,
        token: Secret,
        retry: RetryPolicy,
        policy: TransportPolicy,
        jitter: Box<dyn Jitter>,
    ) -> Result<LegacyMachine<T>, Error> {
        let request = call.request(store_url, token)?.to_http()?;
        let action = call.action();
        let guarded = Guarded::new(
            request,
            action.is_read(),
            retry,
            policy,
            jitter,
            action.as_str(),
        );
        Ok(LegacyMachine {
            guarded,
            finish: Some(Box::new(move |answer| call.finish(answer))),
        })
    }
}

impl LegacyMachine<ApiResponse> {
    /// The same machine handing back the answer as read, even when it is
    /// `ERROR` (for [`LegacyCall::raw`] calls).
    pub fn raw(mut self) -> LegacyMachine<ApiResponse> {
        self.finish = Some(Box::new(Ok));
        self
    }
}

impl<T> LegacyMachine<T> {
    /// The action's name.
    pub fn label(&self) -> &'static str {
        self.guarded.label()
    }

    /// Requests sent so far.
    pub fn attempts(&self) -> u32 {
        self.guarded.attempts()
    }
}

impl<T> Machine for LegacyMachine<T> {
    type Output = Result<T, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        match self.guarded.poll(now) {
            Step::Send(request) => Step::Send(request),
            Step::Wait(delay) => Step::Wait(delay),
            Step::Done(Err(e)) => Step::Done(Err(e)),
            Step::Done(Ok(response)) => match self.finish.take() {
                Some(finish) => {
                    Step::Done(read_answer(&response).and_then(finish).map_err(Error::from))
                }
                None => Step::Done(Err(Error::Driver("polled after done"))),
            },
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        self.guarded.feed(outcome, now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::test_support::{drive, quick_retry};
    use crate::legacy::Lookup;
    use crate::replay::response;
    use crate::step::TransportFailure;

    const CATEGORIES: &str = "<foxydata><result>SUCCESS</result><categories><category>\
        <id>1</id><code>DEFAULT</code></category></categories></foxydata>";

    fn machine<T: Send + 'static>(call: LegacyCall<T>, store: &str) -> LegacyMachine<T> {
        let jitter = Box::new(crate::retry::SplitMix::new(3));
        LegacyMachine::typed(
            call,
            store,
            Secret::new("s3cret"),
            quick_retry(),
            TransportPolicy::default(),
            jitter,
        )
        .expect("request")
    }

    #[test]
    fn a_read_is_retried_on_503() {
        let call = LegacyCall::category_list();
        let (out, sent, slept) = drive(
            machine(call, "https://store.test"),
            vec![response(503, &[], "busy"), response(200, &[], CATEGORIES)],
        );
        assert_eq!(out.expect("categories")[0].code.as_deref(), Some("DEFAULT"));
        assert_eq!(sent.len(), 2);
        assert!(slept > std::time::Duration::ZERO);
    }

    #[test]
    fn a_charge_like_write_is_never_replayed() {
        let fields = [("customer_first_name", "Grace")];
        for answer in [
            response(503, &[], "busy"),
            Err(TransportFailure::Dropped("reset".into())),
        ] {
            let call = LegacyCall::customer_save(Lookup::Id(3), &fields);
            let (out, sent, _) = drive(machine(call, "https://store.test"), vec![answer]);
            assert_eq!(sent.len(), 1, "{sent:?}");
            assert!(out.is_err());
        }
        let call = LegacyCall::customer_save(Lookup::Id(3), &fields);
        let (out, _, _) = drive(
            machine(call, "https://store.test"),
            vec![response(503, &[], "busy")],
        );
        assert_eq!(out, Err(Error::Legacy(LegacyError::Status(503))));
    }

    #[test]
    fn an_error_answer_is_an_api_error_but_raw_hands_it_back() {
        let error = "<foxydata><result>ERROR</result><messages><message>Bad token</message>\
            </messages></foxydata>";
        let (out, _, _) = drive(
            machine(LegacyCall::category_list(), "https://store.test"),
            vec![response(200, &[], error)],
        );
        assert!(matches!(out, Err(Error::Legacy(LegacyError::Api { .. }))));
        let raw = LegacyCall::raw(crate::legacy::Action::CategoryList, &[]);
        let raw = machine(raw, "https://store.test").raw();
        let (out, _, _) = drive(raw, vec![response(200, &[], error)]);
        assert_eq!(out.expect("answer").messages, ["Bad token"]);
    }

    #[test]
    fn plain_http_off_loopback_is_refused_before_the_secret_leaves() {
        let (out, sent, _) = drive(
            machine(LegacyCall::category_list(), "http://store.test"),
            vec![],
        );
        assert!(sent.is_empty());
        assert!(matches!(out, Err(Error::Policy(_))));
    }
}
