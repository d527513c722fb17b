//! Secrets (store secret, webhook key, single sign-on secret) and the keyed
//! digests computed with them.
//!
//! A [`Secret`] never shows its contents in `Debug` output, and it has no
//! `Display`, so it cannot leak into logs or error messages by accident.
//!
//! ```
//! use foxy_proto::signing::Secret;
//!
//! let secret = Secret::new("my store secret");
//! assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
//! assert_eq!(secret.expose(), "my store secret");
//! ```

use std::fmt;

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A secret key: the store secret (cart signing, datafeed, legacy API
/// token), a webhook encryption key or a single sign-on secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Secret {
        Secret(secret.into())
    }

    /// The secret text, for code that must send or hash it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The secret as bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Secret {
        Secret::new(secret)
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Secret {
        Secret::new(secret)
    }
}

/// HMAC-SHA256 of `message` under `key`.
///
/// The key is brought to the SHA-256 block size exactly as RFC 2104 says
/// (hashed when longer than a block, zero-padded otherwise), which makes the
/// keyed constructor infallible.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > block.len() {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let mut mac = <Hmac<Sha256> as KeyInit>::new(&block.into());
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// Lowercase hex of HMAC-SHA256 of `message` under `key`.
pub(crate) fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    hex::encode(hmac_sha256(key, message))
}

/// Compares two byte strings in constant time (for equal lengths).
pub(crate) fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_keys_match_the_hmac_crate() {
        let key = vec![7u8; 100];
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any length");
        mac.update(b"message");
        let expected: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(hmac_sha256(&key, b"message"), expected);
    }

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("hunter2");
        assert!(!format!("{s:?}").contains("hunter2"));
    }

    #[test]
    fn constant_time_comparison() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }
}
