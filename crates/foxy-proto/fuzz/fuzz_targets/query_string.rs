//! Fuzz the query-string readers: `Query::parse` (zoom, filters, order,
//! limit, offset, fields) and the /cart endpoint's `CartCommand::parse`.
//! Any text gives a value or a typed error; a parsed query encodes to text
//! that parses back equal.
#![no_main]

use foxy_proto::cart_endpoint::CartCommand;
use foxy_proto::query::Query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = CartCommand::parse(text);
    let Ok(query) = Query::parse(text) else {
        return;
    };
    if let Ok(encoded) = query.encode() {
        let again = Query::parse(&encoded)
            .unwrap_or_else(|e| panic!("encoded query {encoded:?} re-reads: {e}"));
        assert_eq!(again, query, "{encoded}");
    }
});
