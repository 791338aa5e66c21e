//! The JNI entry points of `org.shftu.rules.Native` (a package-private Java class): each copies its
//! byte arrays in, calls [`crate::api`], and hands the answer back as a new `byte[]`. Nothing else
//! crosses: no Java object is read or built here, so the only JNI calls are array copies.
//!
//! `with_env` catches a panic of jni-rs itself; the API's own panics are caught by [`crate::api::guard`]
//! and answered as `internal_error`. A JNI failure (the JVM out of memory for the answer) throws a
//! `RuntimeException`, which the Java side reports as `ShftuException.Internal`.

use jni::errors::ThrowRuntimeExAndDefault;
use jni::objects::{JByteArray, JClass};
use jni::sys::{jbyteArray, jint, jlong};
use jni::{Env, EnvUnowned};

use crate::api::{self, Refused};

fn bytes(env: &Env<'_>, a: &JByteArray<'_>) -> jni::errors::Result<Option<Vec<u8>>> {
    if a.is_null() {
        return Ok(None);
    }
    env.convert_byte_array(a).map(Some)
}

fn answer<'l>(env: &mut Env<'l>, out: &[u8]) -> jni::errors::Result<JByteArray<'l>> {
    env.byte_array_from_slice(out)
}

/// Runs `f` with the JNI environment, returning its answer as a `byte[]` (null after an exception).
fn with<'l>(mut env: EnvUnowned<'l>, f: impl FnOnce(&mut Env<'l>) -> jni::errors::Result<Vec<u8>>) -> jbyteArray {
    env.with_env(|env| -> jni::errors::Result<_> {
        let out = f(env)?;
        answer(env, &out)
    })
    .resolve::<ThrowRuntimeExAndDefault>()
    .into_raw()
}

/// `static native byte[] evaluate(byte[] utf8)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_evaluate<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    request: JByteArray<'l>,
) -> jbyteArray {
    with(env, |env| Ok(api::evaluate(&bytes(env, &request)?.unwrap_or_default())))
}

/// `static native byte[] evaluateRefused(int why, long value)`: 1 a lone surrogate at `value`, 2 too
/// large (`value` UTF-8 bytes), 3 null.
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_evaluateRefused<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    why: jint,
    value: jlong,
) -> jbyteArray {
    let why = match why {
        1 => Refused::LoneSurrogate(value),
        2 => Refused::TooLarge(value),
        _ => Refused::Null,
    };
    with(env, |_| Ok(api::evaluate_refused(why)))
}

/// `static native byte[] evaluateMany(byte[] batch, int threads)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_evaluateMany<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    batch: JByteArray<'l>,
    threads: jint,
) -> jbyteArray {
    with(env, |env| {
        let batch = bytes(env, &batch)?.unwrap_or_default();
        Ok(api::evaluate_many(&batch, usize::try_from(threads).unwrap_or(1)))
    })
}

/// `static native byte[] call(int rule, int edition, int lang, int trace, byte[] input)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_call<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    rule: jint,
    edition: jint,
    lang: jint,
    trace: jint,
    input: JByteArray<'l>,
) -> jbyteArray {
    with(env, |env| {
        let input = bytes(env, &input)?.unwrap_or_default();
        Ok(api::call(rule, edition, api::lang(lang), api::trace_mode(trace), &input))
    })
}

/// `static native byte[] open(byte[] editionOrNull, int lang)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_open<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    name: JByteArray<'l>,
    lang: jint,
) -> jbyteArray {
    with(env, |env| {
        let name = bytes(env, &name)?;
        Ok(api::open(name.as_deref(), api::lang(lang)))
    })
}

/// `static native byte[] editionName(int index)`: UTF-8, empty for an unknown index.
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_editionName<'l>(env: EnvUnowned<'l>, _c: JClass<'l>, index: jint) -> jbyteArray {
    with(env, |_| {
        Ok(api::guard(|| {
            usize::try_from(index)
                .ok()
                .and_then(api::edition_name)
                .unwrap_or("")
                .as_bytes()
                .to_vec()
        }))
    })
}

/// `static native byte[] explain(byte[] response, int lang)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_explain<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    response: JByteArray<'l>,
    lang: jint,
) -> jbyteArray {
    with(env, |env| {
        let text = bytes(env, &response)?.unwrap_or_default();
        Ok(api::explain(&text, api::lang(lang)))
    })
}

/// `static native byte[] describe()`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_describe<'l>(env: EnvUnowned<'l>, _c: JClass<'l>) -> jbyteArray {
    with(env, |_| Ok(api::describe()))
}

/// `static native byte[] ruleIds()`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_ruleIds<'l>(env: EnvUnowned<'l>, _c: JClass<'l>) -> jbyteArray {
    with(env, |_| Ok(api::rule_ids()))
}

/// `static native byte[] required(byte[] path, int expected, int lang)`
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_required<'l>(
    env: EnvUnowned<'l>,
    _c: JClass<'l>,
    path: JByteArray<'l>,
    expected: jint,
    lang: jint,
) -> jbyteArray {
    with(env, |env| {
        let path = bytes(env, &path)?.unwrap_or_default();
        Ok(api::required(&String::from_utf8_lossy(&path), expected, api::lang(lang)))
    })
}

/// `static native byte[] panicForTest()`: the test hook of the Java package's own tests.
#[no_mangle]
pub extern "system" fn Java_org_shftu_rules_Native_panicForTest<'l>(env: EnvUnowned<'l>, _c: JClass<'l>) -> jbyteArray {
    with(env, |_| Ok(api::panic_for_test()))
}
