//! The driver loops every client shares, and the guarded one-request
//! machine the legacy API and `/cart` clients run through them.
//!
//! A driver polls a machine, sends and sleeps as told, and wraps each
//! request in a [`trace`] span. [`Guard`] holds what a request without a
//! bearer token is sent under: the [`TransportPolicy`] (checked before each
//! request goes out, as [`Flow`](crate::Flow) does) and foxy-proto's
//! [`Retry`] machine with a [`RetryPolicy`].

use foxy_proto::error::Error as ProtoError;
use foxy_proto::retry::{Retry, RetryPolicy};
use foxy_proto::step::{Machine, Now, Outcome, Step, TransportFailure};
use http::Request;

use crate::clock::Clock;
use crate::trace;
use crate::transport::{PolicyError, Transport, TransportPolicy};

/// A machine a driver runs: it says what its current request is for and
/// how many requests its current call has sent, for the request spans.
pub(crate) trait Driven: Machine {
    /// What the current request is for (a relation, an operation, an action).
    fn label(&self) -> &str;
    /// Requests sent so far by the current call.
    fn attempt(&self) -> u32;
}

/// Runs `machine` to completion on a blocking transport.
pub(crate) fn blocking<M, T>(transport: &T, mut machine: M, now: impl Fn() -> Now) -> M::Output
where
    M: Driven,
    T: Transport + ?Sized,
{
    loop {
        match machine.poll(now()) {
            Step::Send(request) => {
                let span = trace::span(&request, machine.label(), machine.attempt());
                let outcome = span.in_scope(|| transport.send(request));
                trace::record(&span, &outcome);
                machine.feed(outcome, now());
            }
            Step::Wait(delay) => std::thread::sleep(delay),
            Step::Done(output) => return output,
        }
    }
}

/// Runs `machine` to completion on an async transport, sleeping with tokio.
#[cfg(feature = "async")]
pub(crate) async fn asynchronous<M, T>(
    transport: &T,
    mut machine: M,
    now: impl Fn() -> Now,
) -> M::Output
where
    M: Driven,
    T: crate::transport::AsyncTransport + ?Sized,
{
    use tracing::Instrument as _;
    loop {
        match machine.poll(now()) {
            Step::Send(request) => {
                let span = trace::span(&request, machine.label(), machine.attempt());
                let outcome = transport.send(request).instrument(span.clone()).await;
                trace::record(&span, &outcome);
                machine.feed(outcome, now());
            }
            Step::Wait(delay) => tokio::time::sleep(delay).await,
            Step::Done(output) => return output,
        }
    }
}

/// What the legacy API and `/cart` clients send under.
#[derive(Debug)]
pub(crate) struct Guard {
    /// Which URIs may be sent to.
    pub(crate) policy: TransportPolicy,
    /// When to send again.
    pub(crate) retry: RetryPolicy,
    clock: Clock,
}

impl Guard {
    /// The default policies: https, or plain http to loopback; 4 attempts.
    pub(crate) fn new() -> Guard {
        Guard {
            policy: TransportPolicy::default(),
            retry: RetryPolicy::default(),
            clock: Clock::new(),
        }
    }

    /// The machine sending `request`; `repeatable` says whether it may be
    /// sent again after the server may have seen it.
    pub(crate) fn machine(
        &self,
        request: Request<Vec<u8>>,
        repeatable: bool,
        label: &'static str,
    ) -> Guarded {
        let retry = Retry::new(request, self.retry.clone(), self.clock.jitter())
            .with_repeatable(repeatable);
        Guarded {
            retry,
            policy: self.policy,
            label,
        }
    }

    /// Sends `request` on a blocking transport (see [`Guard::machine`]).
    pub(crate) fn send<T: Transport + ?Sized>(
        &self,
        transport: &T,
        request: Request<Vec<u8>>,
        repeatable: bool,
        label: &'static str,
    ) -> Result<Outcome, PolicyError> {
        let machine = self.machine(request, repeatable, label);
        blocking(transport, machine, || self.clock.now())
    }

    /// Sends `request` on an async transport (see [`Guard::machine`]).
    #[cfg(feature = "async")]
    pub(crate) async fn send_async<T: crate::transport::AsyncTransport + ?Sized>(
        &self,
        transport: &T,
        request: Request<Vec<u8>>,
        repeatable: bool,
        label: &'static str,
    ) -> Result<Outcome, PolicyError> {
        let machine = self.machine(request, repeatable, label);
        asynchronous(transport, machine, || self.clock.now()).await
    }
}

/// `with_policy` and `with_retry` for a client whose [`Guard`] is at
/// `self.$path` (`guard_settings!(guard)`).
macro_rules! guard_settings {
    ($($path:ident).+) => {
        /// Which URIs may be sent to (plain http only to loopback by default).
        pub fn with_policy(mut self, policy: $crate::transport::TransportPolicy) -> Self {
            self.$($path).+.policy = policy;
            self
        }

        /// When to send a request again (4 attempts by default; a write that
        /// may have reached the server is never sent again).
        pub fn with_retry(mut self, retry: foxy_proto::retry::RetryPolicy) -> Self {
            self.$($path).+.retry = retry;
            self
        }
    };
}
pub(crate) use guard_settings;

/// One request: each attempt checked against the policy, then sent and
/// retried as the [`Retry`] machine decides. Ends with the last outcome, or
/// with the policy's refusal before anything was sent.
pub(crate) struct Guarded {
    retry: Retry,
    policy: TransportPolicy,
    label: &'static str,
}

/// The transport failure a finished [`Retry`] reports; a driver misuse (a
/// bug) counts as a request that may have been sent, never as a safe one.
fn failure(error: ProtoError) -> TransportFailure {
    match error {
        ProtoError::Transport(failure) => failure,
        ProtoError::Timeout => TransportFailure::TimedOut,
        other => TransportFailure::Dropped(other.to_string()),
    }
}

impl Machine for Guarded {
    type Output = Result<Outcome, PolicyError>;

    fn poll(&mut self, now: Now) -> Step<Self::Output> {
        match self.retry.poll(now) {
            Step::Send(request) => match self.policy.check(request.uri()) {
                Ok(()) => Step::Send(request),
                Err(refused) => Step::Done(Err(refused)),
            },
            Step::Wait(delay) => Step::Wait(delay),
            Step::Done(result) => Step::Done(Ok(result.map_err(failure))),
        }
    }

    fn feed(&mut self, outcome: Outcome, now: Now) {
        self.retry.feed(outcome, now);
    }
}

impl Driven for Guarded {
    fn label(&self) -> &str {
        self.label
    }

    fn attempt(&self) -> u32 {
        self.retry.attempts()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misuse_is_never_reported_as_unsent() {
        assert!(failure(ProtoError::Driver("polled after done")).may_have_been_sent());
        assert_eq!(failure(ProtoError::Timeout), TransportFailure::TimedOut);
        let refused = TransportFailure::NotSent("refused".into());
        assert_eq!(failure(ProtoError::Transport(refused.clone())), refused);
    }
}
