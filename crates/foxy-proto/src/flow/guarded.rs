//! One request without a bearer token (the legacy XML API, the `/cart`
//! endpoint): each attempt checked against the [`TransportPolicy`], then
//! sent and retried as the [`Retry`] machine decides.

use http::{Request, Response};

use crate::error::Error;
use crate::policy::TransportPolicy;
use crate::retry::{Jitter, Retry, RetryPolicy};
use crate::step::{Machine, Now, Outcome, Step};

/// One request: each attempt checked against the policy, then sent and
/// retried. Ends with the last response (any status), the transport's
/// failure, or the policy's refusal before anything was sent.
pub struct Guarded {
    retry: Retry,
    policy: TransportPolicy,
    label: &'static str,
    over: bool,
}

impl std::fmt::Debug for Guarded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guarded")
            .field("retry", &self.retry)
            .field("policy", &self.policy)
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

impl Guarded {
    /// The machine sending `request`; `repeatable` says whether it may be
    /// sent again after the server may have seen it (a read, an idempotent
    /// update), `label` what it is for (an action name).
    pub fn new(
        request: Request<Vec<u8>>,
        repeatable: bool,
        retry: RetryPolicy,
        policy: TransportPolicy,
        jitter: Box<dyn Jitter>,
        label: &'static str,
    ) -> Guarded {
        Guarded {
            retry: Retry::new(request, retry, jitter).with_repeatable(repeatable),
            policy,
            label,
            over: false,
        }
    }

    /// What the request is for.
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// Requests sent so far.
    pub fn attempts(&self) -> u32 {
        self.retry.attempts()
    }
}

impl Machine for Guarded {
    type Output = Result<Response<Vec<u8>>, Error>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        if self.over {
            return Step::Done(Err(Error::Driver("polled after done")));
        }
        match self.retry.poll(now) {
            Step::Send(request) => match self.policy.check(request.uri()) {
                Ok(()) => Step::Send(request),
                Err(refused) => {
                    self.over = true;
                    Step::Done(Err(refused.into()))
                }
            },
            Step::Wait(delay) => Step::Wait(delay),
            Step::Done(result) => {
                self.over = true;
                Step::Done(result)
            }
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        self.retry.feed(outcome, now);
    }
}
