//! The zoom tree: which related resources to embed in a response.
//!
//! `zoom=items,items:item_options,customer` is the tree
//! `{items: {item_options}, customer}`. The tree is written pre-order, each
//! node as its full colon-separated path, so every ancestor is listed before
//! its children, as Foxy's examples do.

use std::fmt;
use std::str::FromStr;

use indexmap::IndexMap;

use super::{QueryError, check_name};

/// A tree of relation names to embed.
///
/// ```
/// use foxy_proto::query::Zoom;
/// let zoom: Zoom = "items:item_options,customer".parse().unwrap();
/// assert_eq!(zoom.to_string(), "items,items:item_options,customer");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Zoom {
    children: IndexMap<String, Zoom>,
}

impl Zoom {
    /// An empty tree (no zoom).
    pub fn new() -> Zoom {
        Zoom::default()
    }

    /// Adds a path such as `items:item_options` (every ancestor is added too).
    pub fn add(&mut self, path: &str) -> Result<(), QueryError> {
        let mut node = self;
        for segment in path.split(':') {
            check_name(segment, path)?;
            node = node.children.entry(segment.to_owned()).or_default();
        }
        Ok(())
    }

    /// Adds a path and returns the tree, for building in one expression.
    pub fn with(mut self, path: &str) -> Result<Zoom, QueryError> {
        self.add(path)?;
        Ok(self)
    }

    /// Adds a path given as already-validated segments.
    pub(crate) fn add_segments(&mut self, segments: &[&str]) {
        let mut node = self;
        for segment in segments {
            node = node.children.entry((*segment).to_owned()).or_default();
        }
    }

    /// Whether nothing is zoomed.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty()
    }

    /// The subtree under a direct child, if zoomed.
    pub fn child(&self, name: &str) -> Option<&Zoom> {
        self.children.get(name)
    }

    /// Every node as its full path, pre-order (`items`, `items:item_options`, ...).
    pub fn paths(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect("", &mut out);
        out
    }

    fn collect(&self, prefix: &str, out: &mut Vec<String>) {
        for (name, child) in &self.children {
            let path = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}:{name}")
            };
            out.push(path.clone());
            child.collect(&path, out);
        }
    }
}

impl fmt::Display for Zoom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.paths().join(","))
    }
}

impl FromStr for Zoom {
    type Err = QueryError;

    /// Parses a comma-separated list of paths; empty entries are refused.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut zoom = Zoom::new();
        for path in s.split(',') {
            zoom.add(path.trim())?;
        }
        Ok(zoom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_ancestors_first_without_duplicates() {
        let zoom: Zoom = "items:item_options,items,customer,items:attributes"
            .parse()
            .expect("valid");
        assert_eq!(
            zoom.to_string(),
            "items,items:item_options,items:attributes,customer"
        );
        assert!(
            zoom.child("items")
                .and_then(|z| z.child("item_options"))
                .is_some()
        );
    }

    #[test]
    fn refuses_empty_segments() {
        assert!("items,".parse::<Zoom>().is_err());
        assert!("items::x".parse::<Zoom>().is_err());
        assert!("it ems".parse::<Zoom>().is_err());
        assert!(Zoom::new().is_empty());
    }
}
