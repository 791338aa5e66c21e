//! The one error type of the binding and the one mapping from the core's [`shftu_rules::Error`].
//!
//! Kotlin/Java: `ShftuException` (sealed) with a subclass per variant, each carrying `code` (the wire
//! contract's error code), `path` (the JSON path of the field to blame, or null) and `detail` (the core's
//! message). Swift: `ShftuError`, an `Error` enum with the same cases. `Internal` is a Rust panic caught
//! at the boundary (the core never panics on any request; this is the seat belt).

use std::panic::{catch_unwind, AssertUnwindSafe};

/// Why a call could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ShftuError {
    /// The request is not JSON, or not a JSON object.
    #[error("{detail}")]
    InvalidJson {
        /// `invalid_json`.
        code: String,
        /// Always null.
        path: Option<String>,
        /// The message.
        detail: String,
    },
    /// The request names a rule the library does not have.
    #[error("{detail}")]
    UnknownRule {
        /// `unknown_rule`.
        code: String,
        /// `rule`.
        path: Option<String>,
        /// The message.
        detail: String,
    },
    /// The request names an edition of the plan the library does not have.
    #[error("{detail}")]
    UnknownEdition {
        /// `unknown_edition`.
        code: String,
        /// `edition`.
        path: Option<String>,
        /// The message.
        detail: String,
    },
    /// A field is missing, ill-typed, unknown or out of range.
    #[error("{detail}")]
    InvalidInput {
        /// `invalid_input`.
        code: String,
        /// The JSON path of the field, e.g. `input.claims[2].amount`.
        path: Option<String>,
        /// The message.
        detail: String,
    },
    /// A date falls in a year the holiday calendar does not hold.
    #[error("{detail}")]
    CalendarUnavailable {
        /// `calendar_unavailable`.
        code: String,
        /// The JSON path of the date's field, when one is to blame.
        path: Option<String>,
        /// The message.
        detail: String,
    },
    /// A bug in the library: a Rust panic caught at the boundary.
    #[error("{detail}")]
    Internal {
        /// `internal_error` (not a wire code).
        code: String,
        /// Always null.
        path: Option<String>,
        /// The message.
        detail: String,
    },
}

/// The code of [`ShftuError::Internal`].
pub const INTERNAL: &str = "internal_error";

impl From<shftu_rules::Error> for ShftuError {
    fn from(e: shftu_rules::Error) -> Self {
        use shftu_rules::Error as E;
        let code = e.code().to_owned();
        let path = e.path().map(str::to_owned);
        let detail = e.to_string();
        match e {
            E::InvalidJson { .. } => ShftuError::InvalidJson { code, path, detail },
            E::UnknownRule { .. } => ShftuError::UnknownRule { code, path, detail },
            E::UnknownEdition { .. } => ShftuError::UnknownEdition { code, path, detail },
            E::InvalidInput { .. } => ShftuError::InvalidInput { code, path, detail },
            E::CalendarUnavailable { .. } => ShftuError::CalendarUnavailable { code, path, detail },
        }
    }
}

/// The text of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The [`ShftuError::Internal`] for a caught panic.
pub fn internal(payload: &(dyn std::any::Any + Send)) -> ShftuError {
    ShftuError::Internal {
        code: INTERNAL.to_owned(),
        path: None,
        detail: format!("internal error in shftu-rules (please report it): {}", panic_text(payload)),
    }
}

/// Runs `f`, turning a Rust panic inside it into [`ShftuError::Internal`].
pub fn guard<T>(f: impl FnOnce() -> Result<T, ShftuError>) -> Result<T, ShftuError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| Err(internal(payload.as_ref())))
}
