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

    /// Adds every path of `other` (as [`Zoom::add`] of each of its
    /// [`Zoom::paths`] would, in the same order) without writing them out:
    /// its names were checked when it was built.
    pub(crate) fn merge(&mut self, other: Zoom) {
        if self.children.is_empty() {
            self.children = other.children;
            return;
        }
        for (name, child) in other.children {
            self.children.entry(name).or_default().merge(child);
        }
    }

    /// Writes the paths as [`fmt::Display`] does (`items,items:item_options`),
    /// each name through `name` (to percent-encode it, or not).
    pub(crate) fn write_paths(&self, out: &mut String, name: &mut impl FnMut(&mut String, &str)) {
        let mut prefix = Vec::new();
        let mut first = true;
        self.write_under(&mut prefix, &mut first, out, name);
    }

    fn write_under<'a>(
        &'a self,
        prefix: &mut Vec<&'a str>,
        first: &mut bool,
        out: &mut String,
        name: &mut impl FnMut(&mut String, &str),
    ) {
        for (segment, child) in &self.children {
            if !std::mem::take(first) {
                out.push(',');
            }
            for ancestor in prefix.iter() {
                name(out, ancestor);
                out.push(':');
            }
            name(out, segment);
            prefix.push(segment);
            child.write_under(prefix, first, out, name);
            prefix.pop();
        }
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
        let mut text = String::new();
        self.write_paths(&mut text, &mut |out, name| out.push_str(name));
        f.write_str(&text)
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
    fn merging_adds_the_paths_in_order() {
        let cases = [
            ("", "items:item_options,customer"),
            (
                "customer",
                "items:item_options,customer:default_billing_address",
            ),
            (
                "items:attributes,payments",
                "items:item_options,items,x:y:z,payments",
            ),
        ];
        for (mine, theirs) in cases {
            let parse = |text: &str| -> Zoom {
                if text.is_empty() {
                    Zoom::new()
                } else {
                    text.parse().expect("valid")
                }
            };
            let mut by_paths = parse(mine);
            for path in parse(theirs).paths() {
                by_paths.add(&path).expect("valid");
            }
            let mut merged = parse(mine);
            merged.merge(parse(theirs));
            assert_eq!(merged, by_paths);
            assert_eq!(merged.to_string(), by_paths.paths().join(","));
        }
    }

    #[test]
    fn refuses_empty_segments() {
        assert!("items,".parse::<Zoom>().is_err());
        assert!("items::x".parse::<Zoom>().is_err());
        assert!("it ems".parse::<Zoom>().is_err());
        assert!(Zoom::new().is_empty());
    }
}
