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

/// Each exception class: its base and its docstring.
macro_rules! exceptions {
    ($($name:ident($base:ident): $doc:literal;)*) => {$(create_exception!(shftu_rules, $name, $base, $doc);)*};
}
exceptions! {
    ShftuError(PyException): "Base class of every error of shftu_rules.";
    InvalidJson(ShftuError): "The request is not JSON, or not a JSON object.";
    UnknownRule(ShftuError): "The request names a rule the library does not have.";
    UnknownEdition(ShftuError): "The request names an edition the library does not have.";
    InvalidInput(ShftuError): "A field is missing, ill-typed, unknown or out of range.";
    CalendarUnavailable(ShftuError): "A date falls in a year the holiday calendar does not hold.";
    LimitExceeded(ShftuError): "A request is past one of the limits in force.";
    InternalError(ShftuError): "A bug in the library (a Rust panic, caught at the boundary).";
}

/// The code of [`InternalError`]: the bindings' own (the core never panics on any request).
pub const INTERNAL: &str = "internal_error";

/// The class of each code, in the order of `Error::CODES`, then `internal_error`.
fn class_of<'py>(py: Python<'py>, code: &str) -> Bound<'py, PyType> {
    match code {
        "invalid_json" => py.get_type::<InvalidJson>(),
        "unknown_rule" => py.get_type::<UnknownRule>(),
        "unknown_edition" => py.get_type::<UnknownEdition>(),
        "invalid_input" => py.get_type::<InvalidInput>(),
        "calendar_unavailable" => py.get_type::<CalendarUnavailable>(),
        "limit_exceeded" => py.get_type::<LimitExceeded>(),
        INTERNAL => py.get_type::<InternalError>(),
        _ => py.get_type::<ShftuError>(),
    }
}

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
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(raise(
            py,
            INTERNAL,
            None,
            &format!("internal error in shftu-rules (please report it): {what}"),
        ))
    })
}

/// Registers the exception classes on the module, each with a class-level `code` and `path = None`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("ShftuError", py.get_type::<ShftuError>())?;
    py.get_type::<ShftuError>().setattr("code", None::<&str>)?;
    py.get_type::<ShftuError>().setattr("path", None::<&str>)?;
    for code in Error::CODES.iter().copied().chain([INTERNAL]) {
        let ty = class_of(py, code);
        ty.setattr("code", code)?;
        ty.setattr("path", None::<&str>)?;
        m.add(ty.name()?, ty)?;
    }
    Ok(())
}
