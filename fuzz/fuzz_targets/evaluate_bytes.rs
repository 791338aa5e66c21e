//! Arbitrary bytes into `evaluate`: always an envelope, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = shftu_rules::evaluate(&text);
    assert!(out.starts_with("{\"ok\":"), "not an envelope: {out}");
});
