//! The clocks and the random seed a client passes to foxy-proto's machines.

use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Instant, SystemTime};

use foxy_proto::retry::{Jitter, SplitMix};
use foxy_proto::step::Now;

/// Monotonic time since the client was built, the wall clock, and a
/// per-client random seed for back-off jitter.
#[derive(Debug)]
pub(crate) struct Clock {
    origin: Instant,
    seed: u64,
    calls: AtomicU64,
}

impl Clock {
    /// A clock starting now, with a fresh random seed.
    pub(crate) fn new() -> Clock {
        Clock {
            origin: Instant::now(),
            seed: RandomState::new().hash_one(0x5eed_u64),
            calls: AtomicU64::new(0),
        }
    }

    /// Both clocks: monotonic since the client was built, and the wall clock.
    pub(crate) fn now(&self) -> Now {
        Now::new(self.origin.elapsed(), SystemTime::now())
    }

    /// The random seed (for a [`foxy_proto::context::Context`]).
    pub(crate) fn seed(&self) -> u64 {
        self.seed
    }

    /// A jitter source for one call (splitmix64 from the seed and a call counter).
    pub(crate) fn jitter(&self) -> Box<dyn Jitter> {
        let seed = self.seed.wrapping_add(
            self.calls
                .fetch_add(1, Ordering::Relaxed)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        Box::new(SplitMix::new(seed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_call_gets_its_own_jitter_and_time_moves_forward() {
        let clock = Clock::new();
        let (mut a, mut b) = (clock.jitter(), clock.jitter());
        assert_ne!(a.next_u64(), b.next_u64());
        let first = clock.now();
        assert!(clock.now().elapsed >= first.elapsed);
    }
}
