//! The driver loops every client shares: poll a machine, send and sleep as
//! told, wrap each request in a [`trace`] span.
//!
//! Every machine they run checks the [`TransportPolicy`] before a request
//! goes out and retries through foxy-proto's `Retry`: the hypermedia flows
//! ([`Flow`](crate::Flow)), and the legacy API and `/cart` requests
//! ([`Guarded`], [`LegacyMachine`]), whose policies a [`Guard`] holds.

use foxy_proto::flow::Guarded;
use foxy_proto::legacy::LegacyMachine;
use foxy_proto::retry::RetryPolicy;
use foxy_proto::step::{Machine, Now, Step};

use crate::clock::Clock;
use crate::trace;
use crate::transport::{Transport, TransportPolicy};

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

/// What the legacy API and `/cart` clients send under: the
/// [`TransportPolicy`], the [`RetryPolicy`] and the clock giving jitter.
#[derive(Debug)]
pub(crate) struct Guard {
    /// Which URIs may be sent to.
    pub(crate) policy: TransportPolicy,
    /// When to send again.
    pub(crate) retry: RetryPolicy,
    pub(crate) clock: Clock,
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

impl Driven for Guarded {
    fn label(&self) -> &str {
        Guarded::label(self)
    }

    fn attempt(&self) -> u32 {
        self.attempts()
    }
}

impl<T> Driven for LegacyMachine<T> {
    fn label(&self) -> &str {
        LegacyMachine::label(self)
    }

    fn attempt(&self) -> u32 {
        self.attempts()
    }
}
