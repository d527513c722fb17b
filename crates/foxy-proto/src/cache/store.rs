//! The pluggable store: where entries live, behind a three-method trait.

use std::sync::Arc;

use super::entry::Entry;
use super::key::CacheKey;

/// Where a [`Cache`](super::Cache) keeps its entries.
///
/// The rules (what to store, when an entry answers, what a write makes
/// outdated) are the cache's; a store only files entries by key, bounds
/// its size and drops what it is told to. It is shared by every clone of
/// a client, so it synchronizes itself. [`MemoryCache`](super::MemoryCache)
/// is the default.
pub trait CacheStore: Send + Sync {
    /// The entry under `key` (marking it recently used).
    fn get(&self, key: &CacheKey) -> Option<Arc<Entry>>;

    /// Stores `entry` under `key`, replacing any; the store may evict
    /// others, or refuse an entry too large for it.
    fn put(&self, key: CacheKey, entry: Arc<Entry>);

    /// Drops the entry under `key`, if any.
    fn remove(&self, key: &CacheKey);

    /// Drops every entry of `partition` whose resource
    /// ([`CacheKey::resource`]) is one of `resources`, or whose body names
    /// one of them ([`Entry::mentions`]).
    fn invalidate(&self, partition: &str, resources: &[String]);
}
