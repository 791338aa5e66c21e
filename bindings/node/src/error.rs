//! Errors: the one exhaustive mapping of [`shftu_rules::Error`] to the JavaScript classes, and the
//! guard that turns a Rust panic into `InternalError` instead of aborting Node.
//!
//! The addon throws a plain `Error` carrying `code` (the wire contract's error code), `path` (the JSON
//! path of the field to blame, or `null`) and `shftuClass` (the name of its class), its message in the
//! language the call asked for; `index.js` re-throws it as an instance of that class
//! (`InvalidInputError`, …), each a subclass of `ShftuError`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use napi::bindgen_prelude::*;
use shftu_rules::msg::Render;
use shftu_rules::Error;
use std::result::Result;

/// The code of `InternalError`: not a wire code, since the core never panics on any request.
pub const INTERNAL: &str = "internal_error";

/// Why a call failed: an error of the core (with the language to write it in), or of Node-API itself
/// (a JavaScript exception may be pending: it is the one the caller gets).
pub enum Failure {
    /// Input that cannot be evaluated.
    Core(Error, Render<'static>),
    /// A Node-API call failed (or a JavaScript exception is pending).
    Napi(napi::Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Core(e, Render::EN)
    }
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Napi(e)
    }
}

/// The JavaScript class of a core error: the one exhaustive mapping of [`Error`] variants.
pub fn class_of(e: &Error) -> &'static str {
    match e {
        Error::InvalidJson { .. } => "InvalidJsonError",
        Error::UnknownRule { .. } => "UnknownRuleError",
        Error::UnknownEdition { .. } => "UnknownEditionError",
        Error::InvalidInput { .. } => "InvalidInputError",
        Error::CalendarUnavailable { .. } => "CalendarUnavailableError",
        Error::LimitExceeded { .. } => "LimitExceededError",
    }
}

/// A JavaScript error to throw, with `code`, `path` and `shftuClass`.
fn js_error(env: &Env, class: &str, code: &str, path: Option<&str>, message: String) -> napi::Error {
    let built = env
        .create_error(napi::Error::new(Status::GenericFailure, message))
        .and_then(|mut obj| {
            obj.set_named_property("code", code)?;
            obj.set_named_property("path", path)?;
            obj.set_named_property("shftuClass", class)?;
            Ok(napi::Error::from(obj.to_unknown()))
        });
    built.unwrap_or_else(|e| e)
}

/// The error to throw for `f`.
pub fn to_js(env: &Env, f: Failure) -> napi::Error {
    match f {
        Failure::Core(e, r) => js_error(env, class_of(&e), e.code(), e.path(), e.message(r)),
        Failure::Napi(e) => e,
    }
}

/// Runs `f`, turning a Rust panic inside it into `InternalError` and a [`Failure`] into its error.
pub fn guard<T>(env: &Env, f: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(failure)) => Err(to_js(env, failure)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            Err(js_error(
                env,
                "InternalError",
                INTERNAL,
                None,
                format!("internal error in shftu-rules (please report it): {what}"),
            ))
        }
    }
}
