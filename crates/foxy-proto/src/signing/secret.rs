//! The keyed digests computed with a [`Secret`] (store secret, webhook key,
//! single sign-on secret): HMAC-SHA256 and constant-time comparison.

use hmac::digest::KeyInit;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub use crate::secret::Secret;

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
    fn constant_time_comparison() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"ab"));
    }
}
