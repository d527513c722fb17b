//! Benchmarks that need more than `cargo bench`: `peers` compares the SDK in
//! every language with the clients people would use without it.

pub mod peers;
