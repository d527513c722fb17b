//! HTTP caching as Foxy asks its clients to do: ETags and a local cache.
//!
//! Foxy sends an `ETag` (and usually `Last-Modified`) with its answers
//! and `Cache-Control: private, must-revalidate`; a client sends the tag
//! back in `If-None-Match` and uses its stored copy when the answer is
//! `304 Not Modified`. [`Cache`] holds the rules, pure functions of the
//! request, the response and the wall-clock time passed in; a
//! [`CacheStore`] holds the entries ([`MemoryCache`], an LRU bounded in
//! bytes, by default). [`Cached`] is the machine that applies the rules
//! around one call.
//!
//! - A GET with a stored answer: a fresh one (explicit `max-age` or
//!   `Expires`) answers without a request; otherwise the request carries
//!   the stored validators, and a 304 is answered from the store.
//!   Freshness and validation follow RFC 9111 through
//!   `http-cache-semantics`, as a private cache with heuristic freshness
//!   off: an answer without an explicit lifetime (every Foxy answer) is
//!   revalidated each time, never guessed fresh from its `Last-Modified`.
//! - A 200 to a GET is stored when RFC 9111 allows (`no-store` is
//!   honoured) and it has a validator or a lifetime. Under
//!   [`CacheMode::PreferCached`] the resources it embeds (a zoom, a
//!   collection's members) also seed entries of their own, keyed by their
//!   `self` href, to answer a later GET of that href without a request; a
//!   seed has no validator, so a revalidating cache neither cuts nor uses
//!   them, and a seed never replaces a validated entry.
//! - A write (POST, PUT, PATCH, DELETE), whatever its outcome, drops the
//!   entries of the resource written (every query of it), of its parent
//!   path, of the `Location`, `Content-Location` and `self` href of the
//!   answer, and every entry whose body names one of them (the collection
//!   page listing a cart, the zoomed cart holding an item).
//!
//! `http-cache-semantics` 2.1 is used rather than 3.0: 3.0 needs `time`
//! 0.3.46, which needs Rust 1.88, above this workspace's 1.85. Its
//! policies keep the request headers they were made from, so the rules
//! hand them a copy without `Authorization` or cookies ([`bare`]): no
//! token reaches a store or a `Debug` output.

mod entry;
mod key;
mod lru;
mod machine;
mod rules;
mod seed;
mod store;

use std::sync::Arc;

pub use entry::Entry;
pub use key::{CacheKey, normalize, parent_of, resource_of};
pub use lru::MemoryCache;
pub use machine::Cached;
pub(crate) use machine::head_of;
pub use rules::{Lookup, bare};
pub use store::CacheStore;

/// When a stored answer is used without asking the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum CacheMode {
    /// RFC 9111: only a fresh answer (an explicit lifetime) is used as it
    /// is; any other is revalidated with its validator first.
    #[default]
    Revalidate,
    /// Any stored answer, fresh or not, validated or seeded from an
    /// embedded resource, is used without a request (the "cache-only"
    /// option: fewer requests, possibly outdated data); a GET with nothing
    /// stored goes to the server.
    PreferCached,
}

/// The cache of a client: a store, the mode, and the partition its keys
/// are filed under. Cheap to clone (the store is shared).
#[derive(Clone)]
pub struct Cache {
    store: Arc<dyn CacheStore>,
    mode: CacheMode,
    partition: String,
}

impl Cache {
    /// A cache keeping its entries in `store`.
    pub fn new(store: Arc<dyn CacheStore>) -> Cache {
        Cache {
            store,
            mode: CacheMode::default(),
            partition: String::new(),
        }
    }

    /// A cache in a fresh [`MemoryCache`] of `capacity` bytes.
    pub fn memory(capacity: usize) -> Cache {
        Cache::new(Arc::new(MemoryCache::new(capacity)))
    }

    /// The same cache used in `mode`.
    pub fn with_mode(mut self, mode: CacheMode) -> Cache {
        self.mode = mode;
        self
    }

    /// The same cache filing its keys under `partition` (for a store
    /// shared by clients that must not see each other's answers).
    pub fn with_partition(mut self, partition: impl Into<String>) -> Cache {
        self.partition = partition.into();
        self
    }

    /// The mode.
    pub fn mode(&self) -> CacheMode {
        self.mode
    }

    /// The partition.
    pub fn partition(&self) -> &str {
        &self.partition
    }

    /// The store.
    pub fn store(&self) -> &Arc<dyn CacheStore> {
        &self.store
    }
}

impl Default for Cache {
    /// A [`MemoryCache`] of [`MemoryCache::DEFAULT_CAPACITY`], revalidating.
    fn default() -> Self {
        Cache::memory(MemoryCache::DEFAULT_CAPACITY)
    }
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cache")
            .field("mode", &self.mode)
            .field("partition", &self.partition)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod walk_tests;
