//! # shftu-rules-jvm
//!
//! The JVM binding of `shftu-rules`: a small JNI library for the Java classes of
//! `bindings/jvm/java` (Maven artifact `org.shftu:shftu-rules`).
//!
//! * [`jni`]: the entry points of the package-private Java class `org.shftu.rules.Native`. Only byte
//!   arrays cross: request and response texts as UTF-8, typed inputs and results as [`tree`]s.
//! * [`api`]: what each entry point answers, as plain functions of bytes, each guarded against panics.
//! * [`tree`]: the compact bytes. A typed input is read by the core's own reader (a [`tree::Tree`] is a
//!   `Source`), a result written by serde; the Java side encodes and decodes with classes generated
//!   from the registry (`shftu-rules-jvm-gen`, run by the Maven build).
//!
//! No rule, edition or message is named here: the typed calls go through the registry
//! (`each_rule`), the texts come from the core's catalogue.

pub mod api;
pub mod gen;
pub mod tree;

/// mimalloc: the typed call's tree, the trace's notes and the answer are many small allocations, and glibc's
/// malloc and free were a fifth of a call's time (perf over the JMH loop).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[allow(
    unsafe_code,
    reason = "JNI entry points must be exported under their unmangled Java_… names (#[no_mangle]); the module has no other unsafe code"
)]
pub mod jni;

/// A C entry point for smoke tests of a cross-built library (e.g. the linux-aarch64 one under qemu,
/// where no JVM runs): answers the sample enrolment through the engine and a typed call through the
/// registry; 0 when both answer as expected.
#[allow(unsafe_code, reason = "exported under its unmangled name for a C caller (#[no_mangle])")]
#[no_mangle]
pub extern "C" fn shftu_rules_jvm_selftest() -> i32 {
    let response = api::evaluate(
        br#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-01-15","industry":"courier","birth_date":"1985-06-01"}}"#,
    );
    if !response.starts_with(br#"{"ok":true,"rule":"mutual_aid.enroll""#) {
        return 1;
    }
    let Some(i) = shftu_rules::RULES.iter().position(|r| r.id == "calendar.add_working_days") else {
        return 2;
    };
    let mut input = tree::Out::default();
    let at = input.open(tree::OBJ);
    let ok = input.key("from").is_ok() && input.str("2023-09-28").is_ok() && input.key("days").is_ok() && {
        input.int(3);
        input.close(at, 2).is_ok()
    };
    if !ok {
        return 3;
    }
    let answer = api::call(
        i32::try_from(i).unwrap_or(-1),
        0,
        shftu_rules::Lang::En,
        shftu_rules::TraceMode::Notes,
        &input.buf,
    );
    // [OK] trace {date: "2023-10-09"}: the result follows the trace.
    let want: &[u8] = b"\x06\x01\x00\x00\x00\x04\x04\x00\x00\x00date\x04\x0a\x00\x00\x002023-10-09";
    if answer.first() == Some(&api::OK) && answer.windows(want.len()).any(|w| w == want) {
        0
    } else {
        4
    }
}
