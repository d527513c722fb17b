//! `uniffi-bindgen`: generates the Swift, Kotlin and Python sources of
//! `foxy-ffi` from the built library, with the same uniffi version the
//! library was built with (`cargo run -p uniffi-bindgen -- generate ...`).

fn main() {
    uniffi::uniffi_bindgen_main()
}
