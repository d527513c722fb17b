//! The default store: in memory, least recently used evicted first, bounded
//! in bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use super::entry::Entry;
use super::key::CacheKey;
use super::store::CacheStore;

/// An in-memory [`CacheStore`] holding at most `capacity` bytes of entries
/// ([`Entry::size`]), evicting the least recently used first. An entry
/// larger than the whole capacity is not stored.
#[derive(Debug)]
pub struct MemoryCache {
    capacity: usize,
    state: Mutex<Lru>,
}

#[derive(Debug, Default)]
struct Lru {
    slots: HashMap<CacheKey, Slot>,
    /// Keys by last use, oldest first.
    order: BTreeMap<u64, CacheKey>,
    tick: u64,
    bytes: usize,
}

#[derive(Debug)]
struct Slot {
    entry: Arc<Entry>,
    used: u64,
}

impl Lru {
    fn touch(&mut self, key: &CacheKey) -> Option<Arc<Entry>> {
        self.tick += 1;
        let tick = self.tick;
        let slot = self.slots.get_mut(key)?;
        self.order.remove(&slot.used);
        slot.used = tick;
        self.order.insert(tick, key.clone());
        Some(slot.entry.clone())
    }

    fn remove(&mut self, key: &CacheKey) {
        if let Some(slot) = self.slots.remove(key) {
            self.order.remove(&slot.used);
            self.bytes -= slot.entry.size();
        }
    }

    fn evict_to(&mut self, capacity: usize) {
        while self.bytes > capacity {
            let Some((_, oldest)) = self.order.pop_first() else {
                return;
            };
            if let Some(slot) = self.slots.remove(&oldest) {
                self.bytes -= slot.entry.size();
            }
        }
    }
}

impl MemoryCache {
    /// The default bound: 8 MiB.
    pub const DEFAULT_CAPACITY: usize = 8 * 1024 * 1024;

    /// A store bounded to `capacity` bytes.
    pub fn new(capacity: usize) -> MemoryCache {
        MemoryCache {
            capacity,
            state: Mutex::new(Lru::default()),
        }
    }

    /// Entries held.
    pub fn len(&self) -> usize {
        self.lock().slots.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held ([`Entry::size`] summed).
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }

    /// Drops every entry.
    pub fn clear(&self) {
        *self.lock() = Lru::default();
    }

    fn lock(&self) -> MutexGuard<'_, Lru> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Default for MemoryCache {
    fn default() -> Self {
        MemoryCache::new(MemoryCache::DEFAULT_CAPACITY)
    }
}

impl CacheStore for MemoryCache {
    fn get(&self, key: &CacheKey) -> Option<Arc<Entry>> {
        self.lock().touch(key)
    }

    fn put(&self, key: CacheKey, entry: Arc<Entry>) {
        let mut lru = self.lock();
        lru.remove(&key);
        if entry.size() > self.capacity {
            return;
        }
        lru.tick += 1;
        let tick = lru.tick;
        lru.bytes += entry.size();
        lru.order.insert(tick, key.clone());
        lru.slots.insert(key, Slot { entry, used: tick });
        lru.evict_to(self.capacity);
    }

    fn remove(&self, key: &CacheKey) {
        self.lock().remove(key);
    }

    fn invalidate(&self, partition: &str, resources: &[String]) {
        let mut lru = self.lock();
        let doomed: Vec<CacheKey> = lru
            .slots
            .iter()
            .filter(|(key, slot)| {
                key.partition == partition
                    && resources
                        .iter()
                        .any(|r| key.resource() == r || slot.entry.mentions(r))
            })
            .map(|(key, _)| key.clone())
            .collect();
        for key in &doomed {
            lru.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderMap, StatusCode};

    fn key(url: &str) -> CacheKey {
        CacheKey {
            partition: String::new(),
            url: url.to_owned(),
            accept: "application/hal+json".to_owned(),
        }
    }

    fn entry(bytes: usize, embeds: &[&str]) -> Arc<Entry> {
        let mut body = vec![b'x'; bytes];
        for href in embeds {
            body.extend_from_slice(format!("\"{href}\"").as_bytes());
        }
        Arc::new(Entry::new(None, StatusCode::OK, HeaderMap::new(), body))
    }

    #[test]
    fn least_recently_used_goes_first_within_the_bound() {
        let one = entry(1000, &[]).size();
        let cache = MemoryCache::new(one * 2);
        cache.put(key("https://h/a"), entry(1000, &[]));
        cache.put(key("https://h/b"), entry(1000, &[]));
        assert!(cache.get(&key("https://h/a")).is_some(), "a used last");
        cache.put(key("https://h/c"), entry(1000, &[]));
        assert!(cache.get(&key("https://h/b")).is_none(), "b evicted");
        assert!(cache.get(&key("https://h/a")).is_some());
        assert!(cache.get(&key("https://h/c")).is_some());
        assert_eq!(cache.bytes(), one * 2);
        // Too large for the whole store: not kept, nothing evicted.
        cache.put(key("https://h/d"), entry(one * 3, &[]));
        assert_eq!(cache.len(), 2);
        // Replacing an entry counts its bytes once.
        cache.put(key("https://h/a"), entry(1000, &[]));
        assert_eq!(cache.bytes(), one * 2);
    }

    #[test]
    fn invalidation_drops_every_variant_and_every_embedder() {
        let cache = MemoryCache::default();
        cache.put(key("https://h/carts/5"), entry(10, &[]));
        cache.put(
            key("https://h/carts/5?zoom=items"),
            entry(10, &["https://h/items/1"]),
        );
        cache.put(
            key("https://h/stores/8/carts"),
            entry(10, &["https://h/carts/5"]),
        );
        cache.put(key("https://h/carts/6"), entry(10, &[]));
        // A link to carts/50 is not one to carts/5.
        cache.put(
            key("https://h/stores/8/carts?offset=20"),
            entry(10, &["https://h/carts/50"]),
        );
        let mut other = key("https://h/carts/5");
        other.partition = "other".to_owned();
        cache.put(other.clone(), entry(10, &[]));
        cache.invalidate("", &["https://h/carts/5".to_owned()]);
        assert!(cache.get(&key("https://h/carts/5")).is_none());
        assert!(cache.get(&key("https://h/carts/5?zoom=items")).is_none());
        assert!(cache.get(&key("https://h/stores/8/carts")).is_none());
        assert!(cache.get(&key("https://h/carts/6")).is_some());
        assert!(
            cache
                .get(&key("https://h/stores/8/carts?offset=20"))
                .is_some()
        );
        assert!(cache.get(&other).is_some(), "another partition is kept");
        cache.clear();
        assert!(cache.is_empty());
    }
}
