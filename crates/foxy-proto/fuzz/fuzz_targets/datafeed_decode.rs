//! Fuzz the XML datafeed decoder. The input is read three ways: as a posted
//! form value (decrypted with a fixed key), as plaintext encrypted and then
//! decoded (so the decryption's checks see the fuzzer's text), and as a
//! decrypted document. A document that parses writes back and reads back
//! equal, also through encryption.
#![no_main]

use foxy_proto::Secret;
use foxy_proto::datafeed::{self, FoxyData};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = Secret::new("fuzzing datafeed key");
    let _ = datafeed::decode(data, &key);
    if let Ok(cipher) = datafeed::rc4(key.as_bytes(), data) {
        let form = datafeed::url_encode(&cipher);
        let _ = datafeed::decode(form.as_bytes(), &key);
    }
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(feed) = FoxyData::parse(xml) else {
        return;
    };
    let written = feed.to_xml();
    let again = FoxyData::parse(&written)
        .unwrap_or_else(|e| panic!("written feed re-reads: {e}\n{written}"));
    assert_eq!(again, feed, "{written}");
    let form = datafeed::encode(&feed, &key).expect("a key is set");
    assert_eq!(
        datafeed::decode(form.as_bytes(), &key).expect("own feed decodes"),
        feed
    );
});
