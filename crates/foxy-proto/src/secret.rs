//! A string that never shows itself: access and refresh tokens, client
//! secrets, store secrets, webhook keys and single sign-on secrets.

use std::fmt;

/// A secret string. `Debug` and `Display` print `****`; the value is only
/// reachable through [`Secret::expose`], so it cannot end up in a log line or
/// an error message by accident.
///
/// ```
/// use foxy_proto::Secret;
/// let token = Secret::new("abc123");
/// assert_eq!(format!("{token:?}"), "Secret(****)");
/// assert_eq!(token.expose(), "abc123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret value; use only where it must go on the wire or into a store.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret as bytes, for keyed digests.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(****)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("****")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?} {s} {s:#?}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2");
        assert!(Secret::new("").is_empty());
    }
}
