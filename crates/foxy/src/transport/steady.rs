//! Socket time limits that stay put from one read to the next.
//!
//! With a whole-request limit set, ureq hands every read and write the time
//! that remains, which differs on every call, so its TCP transport sets the
//! socket's timeout (a `setsockopt`) before nearly every read and write: two
//! system calls per small request that a bare agent, without limits, never
//! makes. [`SteadyTimeouts`] sits on top of the connector chain (TLS
//! included) and hands the socket the limit it already holds while that is
//! at least the time remaining and at most a little more: a limit is never
//! enforced early, and at most [`slack`] late (a thirty-second of what
//! remained, at most a second).

use std::time::Duration;

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Connector, NextTimeout, Transport as UreqIo,
};

/// The most a limit is enforced late, whatever remains.
const MAX_SLACK: Duration = Duration::from_secs(1);

/// How late a limit `remaining` away may be enforced.
pub(super) fn slack(remaining: Duration) -> Duration {
    (remaining / 32).min(MAX_SLACK)
}

/// The timeout to hand the socket, which holds `held`, for `timeout`:
/// `held` when it lies between the time remaining and that plus its
/// [`slack`], else the time remaining plus half its slack (so that the next
/// calls, with a little less remaining, can keep it). No limit, or one
/// already reached, is handed on as it is.
pub(super) fn steady(held: &mut Option<Duration>, timeout: NextTimeout) -> NextTimeout {
    let UreqDuration::Exact(remaining) = timeout.after else {
        *held = None;
        return timeout;
    };
    if remaining.is_zero() {
        return timeout;
    }
    let slack = slack(remaining);
    let kept = held.filter(|h| *h >= remaining && *h - remaining <= slack);
    let after = kept.unwrap_or(remaining + slack / 2);
    *held = Some(after);
    NextTimeout {
        after: UreqDuration::Exact(after),
        ..timeout
    }
}

/// The connector wrapping each connection of the chain before it in a
/// [`Steady`] transport.
#[derive(Debug, Default)]
pub(super) struct SteadyTimeouts;

impl Connector<Box<dyn UreqIo>> for SteadyTimeouts {
    type Out = Steady;

    fn connect(
        &self,
        _details: &ConnectionDetails<'_>,
        chained: Option<Box<dyn UreqIo>>,
    ) -> Result<Option<Steady>, ::ureq::Error> {
        Ok(chained.map(|inner| Steady {
            inner,
            read: None,
            write: None,
        }))
    }
}

/// A connection whose reads and writes get [`steady`] limits.
#[derive(Debug)]
pub(super) struct Steady {
    inner: Box<dyn UreqIo>,
    /// The limit last handed on for reads and for writes.
    read: Option<Duration>,
    write: Option<Duration>,
}

impl UreqIo for Steady {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(
        &mut self,
        amount: usize,
        timeout: NextTimeout,
    ) -> Result<(), ::ureq::Error> {
        let timeout = steady(&mut self.write, timeout);
        self.inner.transmit_output(amount, timeout)
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ::ureq::Error> {
        let timeout = steady(&mut self.read, timeout);
        self.inner.await_input(timeout)
    }

    fn is_open(&mut self) -> bool {
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(after: UreqDuration) -> NextTimeout {
        NextTimeout {
            after,
            ..NextTimeout::default()
        }
    }

    fn handed(held: &mut Option<Duration>, remaining: Duration) -> Duration {
        match steady(held, limit(UreqDuration::Exact(remaining))).after {
            UreqDuration::Exact(d) => d,
            UreqDuration::NotHappening => panic!("a limit was dropped"),
        }
    }

    #[test]
    fn a_limit_is_kept_while_it_is_within_the_slack() {
        let mut held = None;
        let first = handed(&mut held, Duration::from_secs(60));
        assert_eq!(first, Duration::from_millis(60_500));
        // The next request on the connection, or the next read: a little less remains.
        for remaining_ms in [59_999, 59_700, 59_600] {
            assert_eq!(
                handed(&mut held, Duration::from_millis(remaining_ms)),
                first
            );
        }
        // The first read of a later request: a whole minute remains again.
        assert_eq!(handed(&mut held, Duration::from_secs(60)), first);
    }

    #[test]
    fn a_limit_is_never_early_and_at_most_its_slack_late() {
        let mut held = None;
        for remaining_ms in (1..=60_000u64).rev().step_by(7) {
            let remaining = Duration::from_millis(remaining_ms);
            let after = handed(&mut held, remaining);
            assert!(
                after >= remaining,
                "{after:?} is earlier than {remaining:?}"
            );
            assert!(
                after - remaining <= slack(remaining),
                "{after:?} is too late for {remaining:?}"
            );
        }
    }

    #[test]
    fn no_limit_and_a_reached_limit_pass_unchanged() {
        let mut held = Some(Duration::from_secs(5));
        let none = steady(&mut held, limit(UreqDuration::NotHappening));
        assert_eq!(none.after, UreqDuration::NotHappening);
        assert_eq!(held, None);
        let zero = steady(&mut held, limit(UreqDuration::Exact(Duration::ZERO)));
        assert_eq!(zero.after, UreqDuration::Exact(Duration::ZERO));
    }
}
