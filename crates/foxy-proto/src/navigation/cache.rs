//! The href each relation path resolved to, so that following `fx:store`
//! then `fx:carts` twice reads the home and the store once.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::Rel;

/// Resolved hrefs by relation path (`|fx:store|fx:carts` from the home,
/// `https://api.test/carts/1|fx:items` from an href). Shared by every clone
/// of a client.
#[derive(Debug, Default)]
pub struct HrefCache {
    hrefs: Mutex<HashMap<String, String>>,
}

impl HrefCache {
    /// The key of the path `parent` followed by `rel` (the home's key is "").
    pub fn key(parent: &str, rel: &Rel) -> String {
        format!("{parent}|{}", rel.compact())
    }

    /// The href a relation path resolved to, if known.
    pub fn get(&self, key: &str) -> Option<String> {
        self.hrefs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(key)
            .cloned()
    }

    /// Remembers the href a relation path resolved to.
    pub fn insert(&self, key: String, href: String) {
        self.hrefs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, href);
    }

    /// How many paths are known.
    pub fn len(&self) -> usize {
        self.hrefs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no path is known yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
