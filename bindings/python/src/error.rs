//! The exceptions of the Python package and the one mapping from the core's [`shftu_rules::Error`].
//!
//! `ShftuError` is the base; each core error variant has its own subclass, and `InternalError` stands for
//! a Rust panic caught at the boundary (a panic never reaches Python as `PanicException`). Every instance
//! carries `.code` (the wire contract's error code), `.path` (the JSON path of the field to blame, or
//! `None`) and the core's message.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyType;
use shftu_rules::Error;

create_exception!(shftu_rules, ShftuError, PyException, "Base class of every error of shftu_rules.");
create_exception!(
    shftu_rules,
    InvalidInput,
    ShftuError,
    "A field is missing, ill-typed, unknown or out of range."
);
create_exception!(
    shftu_rules,
    InvalidJson,
    ShftuError,
    "The request is not JSON, or not a JSON object."
);
create_exception!(
    shftu_rules,
    UnknownRule,
    ShftuError,
    "The request names a rule the library does not have."
);
create_exception!(
    shftu_rules,
    UnknownEdition,
    ShftuError,
    "The request names an edition of the plan the library does not have."
);
create_exception!(
    shftu_rules,
    CalendarUnavailable,
    ShftuError,
    "A date falls in a year the holiday calendar does not hold."
);
create_exception!(
    shftu_rules,
    InternalError,
    ShftuError,
    "A bug in the library (a Rust panic, caught at the boundary)."
);

/// The code of [`InternalError`] (not a wire code: the core never panics on any request).
pub const INTERNAL: &str = "internal_error";

/// An exception of class `ty` with `.code`, `.path` and `message`.
fn raise(ty: Bound<'_, PyType>, code: &str, path: Option<&str>, message: String) -> PyErr {
    let built = ty.call1((message.as_str(),)).and_then(|exc| {
        exc.setattr("code", code)?;
        exc.setattr("path", path)?;
        Ok(PyErr::from_value(exc))
    });
    built.unwrap_or_else(|_| ShftuError::new_err(message))
}

/// The Python exception for a core error: the one exhaustive mapping of [`Error`] variants to classes.
pub fn to_py(py: Python<'_>, e: &Error) -> PyErr {
    let ty = match e {
        Error::InvalidJson { .. } => py.get_type::<InvalidJson>(),
        Error::UnknownRule { .. } => py.get_type::<UnknownRule>(),
        Error::UnknownEdition { .. } => py.get_type::<UnknownEdition>(),
        Error::InvalidInput { .. } => py.get_type::<InvalidInput>(),
        Error::CalendarUnavailable { .. } => py.get_type::<CalendarUnavailable>(),
    };
    raise(ty, e.code(), e.path(), e.to_string())
}

/// Runs `f`, turning a Rust panic inside it into [`InternalError`].
pub fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic without a message".to_owned());
            Err(raise(
                py.get_type::<InternalError>(),
                INTERNAL,
                None,
                format!("internal error in shftu-rules (please report it): {what}"),
            ))
        }
    }
}

/// Registers the exception classes on the module, each with class-level `code` and `path = None`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let classes: [(&str, Bound<'_, PyType>, Option<&str>); 7] = [
        ("ShftuError", py.get_type::<ShftuError>(), None),
        ("InvalidInput", py.get_type::<InvalidInput>(), Some("invalid_input")),
        ("InvalidJson", py.get_type::<InvalidJson>(), Some("invalid_json")),
        ("UnknownRule", py.get_type::<UnknownRule>(), Some("unknown_rule")),
        ("UnknownEdition", py.get_type::<UnknownEdition>(), Some("unknown_edition")),
        (
            "CalendarUnavailable",
            py.get_type::<CalendarUnavailable>(),
            Some("calendar_unavailable"),
        ),
        ("InternalError", py.get_type::<InternalError>(), Some(INTERNAL)),
    ];
    for (name, ty, code) in classes {
        ty.setattr("code", code)?;
        ty.setattr("path", None::<&str>)?;
        m.add(name, ty)?;
    }
    Ok(())
}
