//! The errors of the library: input that cannot be evaluated.
//!
//! Every variant has a stable snake_case [`Error::code`] (listed in `spec/errors.md`), a lowercase
//! message written for the person who sent the request, and, where one field is to blame, the JSON path
//! of that field ([`Error::path`]), e.g. `input.claims[2].amount`.

use alloc::string::String;
use chrono::NaiveDate;

/// Why a request could not be evaluated. A business "no" is never an error: it is a result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The request is not JSON (or not an object at the top).
    #[error("the request is not valid json: {detail}")]
    InvalidJson {
        /// What the parser saw.
        detail: String,
    },
    /// The request names a rule the library does not have.
    #[error("there is no rule called {rule:?}; `shftu-rules rules` lists them")]
    UnknownRule {
        /// The rule id as sent.
        rule: String,
    },
    /// The request names an edition of the plan the library does not have.
    #[error("there is no edition {edition:?} of the plan; this library knows {known}")]
    UnknownEdition {
        /// The edition as sent.
        edition: String,
        /// The editions the library has, comma-separated.
        known: String,
    },
    /// A field is missing, of the wrong type, unknown, or out of range.
    #[error("{message}")]
    InvalidInput {
        /// JSON path of the bad field, e.g. `input.claims[2].amount`.
        path: String,
        /// What is wrong and what would be right.
        message: String,
    },
    /// A date falls in a year whose holiday calendar the library does not hold.
    #[error(
        "no holiday calendar for {date} (the library holds the state council notices for {known}); add the year's notice to the calendar"
    )]
    CalendarUnavailable {
        /// The date that could not be placed.
        date: NaiveDate,
        /// The years the calendar holds, e.g. `2022–2025`.
        known: String,
        /// JSON path of the field the date came from, when one did.
        path: Option<String>,
    },
}

impl Error {
    /// Every error code, in the order of the variants.
    pub const CODES: [&'static str; 5] = [
        "invalid_json",
        "unknown_rule",
        "unknown_edition",
        "invalid_input",
        "calendar_unavailable",
    ];

    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "invalid_json",
            Error::UnknownRule { .. } => "unknown_rule",
            Error::UnknownEdition { .. } => "unknown_edition",
            Error::InvalidInput { .. } => "invalid_input",
            Error::CalendarUnavailable { .. } => "calendar_unavailable",
        }
    }

    /// The JSON path of the field to blame, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson { .. } => None,
            Error::UnknownRule { .. } => Some("rule"),
            Error::UnknownEdition { .. } => Some("edition"),
            Error::InvalidInput { path, .. } => Some(path),
            Error::CalendarUnavailable { path, .. } => path.as_deref(),
        }
    }

    /// An `invalid_input` error at `path`.
    pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::InvalidInput {
            path: path.into(),
            message: message.into(),
        }
    }

    /// Attaches `path` to a calendar error that has none yet; other errors pass through.
    pub fn at_path(self, p: impl Into<String>) -> Self {
        match self {
            Error::CalendarUnavailable { date, known, path: None } => Error::CalendarUnavailable {
                date,
                known,
                path: Some(p.into()),
            },
            other => other,
        }
    }
}

/// `Result` with the library's [`Error`].
pub type Result<T> = core::result::Result<T, Error>;

/// An arithmetic result that would not fit: reported against the input as too large to evaluate.
pub(crate) fn overflow(path: &str) -> Error {
    Error::invalid(path, "the amounts are too large to evaluate exactly")
}
