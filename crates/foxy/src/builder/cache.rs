//! The builder's HTTP cache settings (see [`foxy_proto::cache`]).
//!
//! By default each built client gets its own revalidating
//! [`MemoryCache`](foxy_proto::cache::MemoryCache) of 8 MiB, shared by its
//! clones: every GET with a stored answer carries `If-None-Match`, and a
//! 304 is answered from the store, as Foxy asks its clients to do. Nothing
//! stored is used without asking the server unless the answer said how
//! long it stays fresh, or the mode is [`CacheMode::PreferCached`].

use foxy_proto::cache::{Cache, CacheMode};

use super::ClientBuilder;

/// What cache a built client gets.
#[derive(Debug, Clone)]
pub(super) enum CacheChoice {
    /// A fresh default store per build, in this mode.
    Default(CacheMode),
    /// None at all.
    Off,
    /// This one (its store shared by every client built with it).
    Given(Cache),
}

impl Default for CacheChoice {
    fn default() -> Self {
        CacheChoice::Default(CacheMode::Revalidate)
    }
}

impl CacheChoice {
    /// The cache of a client being built.
    pub(super) fn build(&self) -> Option<Cache> {
        match self {
            CacheChoice::Default(mode) => Some(Cache::default().with_mode(*mode)),
            CacheChoice::Off => None,
            CacheChoice::Given(cache) => Some(cache.clone()),
        }
    }
}

impl<K> ClientBuilder<K> {
    /// The HTTP cache to use: a store ([`foxy_proto::cache::CacheStore`],
    /// for example a [`MemoryCache`](foxy_proto::cache::MemoryCache) of
    /// another size), a mode and a partition (for a store shared by
    /// clients of different stores). Clients built with it share it.
    pub fn cache(mut self, cache: Cache) -> Self {
        self.cache = CacheChoice::Given(cache);
        self
    }

    /// When a stored answer is used without a request:
    /// [`CacheMode::Revalidate`] (default) or [`CacheMode::PreferCached`]
    /// (any stored answer, an embedded resource's included: fewer
    /// requests, possibly outdated data).
    pub fn cache_mode(mut self, mode: CacheMode) -> Self {
        self.cache = match self.cache {
            CacheChoice::Default(_) => CacheChoice::Default(mode),
            CacheChoice::Off => CacheChoice::Off,
            CacheChoice::Given(cache) => CacheChoice::Given(cache.with_mode(mode)),
        };
        self
    }

    /// No HTTP cache: every GET is sent as it is, without validators.
    pub fn no_cache(mut self) -> Self {
        self.cache = CacheChoice::Off;
        self
    }
}
