//! uniffi's generator, for library mode: `generate --library <libshftu_rules_uniffi.so> --language kotlin|swift`.
fn main() {
    uniffi::uniffi_bindgen_main();
}
