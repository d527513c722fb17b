//! Fuzz the legacy XML API's response reader: any text gives an answer or a
//! typed error; an answer writes back and reads back equal.
#![no_main]

use foxy_proto::legacy::ApiResponse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(xml) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(answer) = ApiResponse::parse(xml) else {
        return;
    };
    let written = answer.to_xml();
    let again = ApiResponse::parse(&written)
        .unwrap_or_else(|e| panic!("written answer re-reads: {e}\n{written}"));
    assert_eq!(again, answer, "{written}");
});
