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

use super::DatafeedError;

/// An RC4 key stream.
#[derive(Clone)]
pub struct Rc4 {
    state: [u8; 256],
    i: u8,
    j: u8,
}

impl fmt::Debug for Rc4 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Rc4 { .. }")
    }
}

impl Rc4 {
    /// Runs the key schedule.
    ///
    /// # Errors
    /// [`DatafeedError::EmptyKey`] for an empty key.
    pub fn new(key: &[u8]) -> Result<Rc4, DatafeedError> {
        if key.is_empty() {
            return Err(DatafeedError::EmptyKey);
        }
        let mut state = [0u8; 256];
        for (slot, value) in state.iter_mut().zip(0u8..=255) {
            *slot = value;
        }
        let mut j = 0u8;
        for i in 0..256 {
            j = j.wrapping_add(state[i]).wrapping_add(key[i % key.len()]);
            state.swap(i, usize::from(j));
        }
        Ok(Rc4 { state, i: 0, j: 0 })
    }

    /// XORs the next bytes of the key stream into `data`.
    pub fn apply(&mut self, data: &mut [u8]) {
        for byte in data {
            self.i = self.i.wrapping_add(1);
            self.j = self.j.wrapping_add(self.state[usize::from(self.i)]);
            self.state.swap(usize::from(self.i), usize::from(self.j));
            let k = self.state[usize::from(
                self.state[usize::from(self.i)].wrapping_add(self.state[usize::from(self.j)]),
            )];
            *byte ^= k;
        }
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
}
