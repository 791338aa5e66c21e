//! The exceptions of the Python package and the one mapping from the core's [`shftu_rules::Error`].
//!
//! `ShftuError` is the base; each error code has its own subclass, and `InternalError` stands for a Rust
//! panic caught at the boundary (a panic never reaches Python as `PanicException`). Every instance carries
//! `.code` (the wire contract's error code), `.path` (the JSON path of the field to blame, or `None`) and
//! the core's message in the language of the call.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyType;
use shftu_rules::msg::Render;
use shftu_rules::Error;

/// Each exception class (its base, its code, its docstring), and `class_of`: the class of each code
/// (`ShftuError` for any other).
macro_rules! exceptions {
    ($($name:ident($base:ident, $code:expr): $doc:literal;)*) => {
        $(create_exception!(shftu_rules, $name, $base, $doc);)*
        fn class_of<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
            $(if Some(code) == $code { return py.get_type::<$name>(); })*
            py.get_type::<ShftuError>()
        }
    };
}
exceptions! {
    ShftuError(PyException, None): "Base class of every error of shftu_rules.";
    InvalidJson(ShftuError, Some("invalid_json")): "The request is not JSON, or not a JSON object.";
    UnknownRule(ShftuError, Some("unknown_rule")): "The request names a rule the library does not have.";
    UnknownEdition(ShftuError, Some("unknown_edition")): "The request names an edition the library does not have.";
    InvalidInput(ShftuError, Some("invalid_input")): "A field is missing, ill-typed, unknown or out of range.";
    CalendarUnavailable(ShftuError, Some("calendar_unavailable")): "A date falls in a year the holiday calendar does not hold.";
    LimitExceeded(ShftuError, Some("limit_exceeded")): "A request is past one of the limits in force.";
    InternalError(ShftuError, Some(INTERNAL)): "A bug in the library (a Rust panic, caught at the boundary).";
}

/// The code of [`InternalError`]: the bindings' own (the core never panics on any request).
pub const INTERNAL: &str = "internal_error";

/// An exception of the class of `code`, with `.code`, `.path` and `message`.
pub fn raise(py: Python<'_>, code: &str, path: Option<&str>, message: &str) -> PyErr {
    let built = class_of(py, code).call1((message,)).and_then(|exc| {
        exc.setattr("code", code)?;
        exc.setattr("path", path)?;
        Ok(PyErr::from_value(exc))
    });
    built.unwrap_or_else(|e| e)
}

/// The Python exception for a core error, its message in the language of `r`.
pub fn to_py(py: Python<'_>, e: &Error, r: Render<'_>) -> PyErr {
    raise(py, e.code(), e.path(), &e.message(r))
}

/// Runs `f`, turning a Rust panic inside it into [`InternalError`].
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let text = payload.downcast_ref::<String>().map_or("a panic without a message", String::as_str);
        let what = payload.downcast_ref::<&str>().copied().unwrap_or(text);
        let message = format!("internal error in shftu-rules (please report it): {what}");
        Err(raise(py, INTERNAL, None, &message))
    })
}

/// Registers the exception classes on the module, each with a class-level `code` and `path = None`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // `ShftuError` first (the class of no code: `code` None), then a class per code.
    for code in [None].into_iter().chain(Error::CODES.iter().copied().chain([INTERNAL]).map(Some)) {
        let ty = class_of(py, code.unwrap_or_default());
        ty.setattr("code", code)?;
        ty.setattr("path", None::<&str>)?;
        m.add(ty.name()?, ty)?;
    }
    Ok(())
}
