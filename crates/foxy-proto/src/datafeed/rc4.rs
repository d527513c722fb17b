//! The RC4 stream cipher, as the legacy XML datafeed uses it (key: the store
//! secret). Encryption and decryption are the same operation.
//!
//! RC4 is long broken as a cipher; it is here only because the legacy
//! datafeed is defined with it.
//!
//! ```
//! use foxy_proto::datafeed::rc4;
//!
//! let cipher = rc4(b"Key", b"Plaintext")?;
//! assert_eq!(hex::encode(&cipher), "bbf316e8d940af0ad3");
//! assert_eq!(rc4(b"Key", &cipher)?, b"Plaintext");
//! # Ok::<(), foxy_proto::datafeed::DatafeedError>(())
//! ```

use std::fmt;

use rc4::{KeyInit as _, StreamCipher as _};

use super::DatafeedError;

/// The longest key the RC4 key schedule reads: it cycles through the key
/// for 256 steps, so bytes after the 256th never change the key stream.
const KEY_SCHEDULE_LEN: usize = 256;

/// An RC4 key stream (RustCrypto's `rc4` crate).
pub struct Rc4(rc4::Rc4);

impl fmt::Debug for Rc4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Rc4 { .. }")
    }
}

impl Rc4 {
    /// Runs the key schedule. A key longer than 256 bytes gives the key
    /// stream of its first 256 bytes, as RC4 defines.
    ///
    /// # Errors
    /// [`DatafeedError::EmptyKey`] for an empty key.
    pub fn new(key: &[u8]) -> Result<Rc4, DatafeedError> {
        let key = key.get(..KEY_SCHEDULE_LEN).unwrap_or(key);
        rc4::Rc4::new_from_slice(key)
            .map(Rc4)
            .map_err(|_| DatafeedError::EmptyKey)
    }

    /// XORs the next bytes of the key stream into `data`.
    pub fn apply(&mut self, data: &mut [u8]) {
        // RC4's key stream never ends (the crate's `check_remaining` always
        // succeeds), so this cannot fail or panic whatever the length.
        self.0.apply_keystream(data);
    }
}

/// Encrypts (or decrypts) `data` with `key`.
///
/// # Errors
/// [`DatafeedError::EmptyKey`] for an empty key.
pub fn rc4(key: &[u8], data: &[u8]) -> Result<Vec<u8>, DatafeedError> {
    let mut out = data.to_vec();
    Rc4::new(key)?.apply(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_keys_are_rejected() {
        assert_eq!(rc4(b"", b"x"), Err(DatafeedError::EmptyKey));
    }

    #[test]
    fn streaming_matches_one_shot() {
        let mut stream = Rc4::new(b"Wiki").expect("key");
        let mut data = *b"pedia";
        let (a, b) = data.split_at_mut(2);
        stream.apply(a);
        stream.apply(b);
        assert_eq!(hex::encode(data), "1021bf0420");
        assert_eq!(format!("{stream:?}"), "Rc4 { .. }");
    }

    #[test]
    fn bytes_after_the_256th_do_not_change_the_stream() {
        let long: Vec<u8> = (0..300u16).map(|i| (i % 251) as u8).collect();
        let data = [0u8; 64];
        assert_eq!(rc4(&long, &data), rc4(&long[..256], &data));
        assert_ne!(rc4(&long[..255], &data), rc4(&long[..256], &data));
    }
}
