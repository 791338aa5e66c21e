//! The errors of the library: input that cannot be evaluated.
//!
//! Every variant has a stable snake_case [`Error::code`] (listed in `spec/errors.md`), a message from the
//! catalogue written for the person who sent the request (in English or Chinese, [`Error::message`]),
//! and, where one field is to blame, the JSON path of that field ([`Error::path`]), e.g.
//! `input.claims[2].amount`.

use alloc::string::String;
use chrono::NaiveDate;

use crate::limits::Limit;
use crate::msg::{m, Arg, Msg, Render};

/// Why a request could not be evaluated. A business "no" is never an error: it is a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The request is not JSON (or not an object at the top).
    InvalidJson {
        /// What the parser saw.
        detail: String,
    },
    /// The request names a rule the library does not have.
    UnknownRule {
        /// The rule id as sent.
        rule: String,
    },
    /// The request names an edition of the plan the library does not have.
    UnknownEdition {
        /// The edition as sent.
        edition: String,
        /// The editions the library has, comma-separated.
        known: String,
    },
    /// A field is missing, of the wrong type, unknown, or out of range.
    InvalidInput {
        /// JSON path of the bad field, e.g. `input.claims[2].amount`.
        path: String,
        /// What is wrong and what would be right.
        msg: Msg,
    },
    /// A date falls in a year whose holiday calendar the library does not hold.
    CalendarUnavailable {
        /// The date that could not be placed.
        date: NaiveDate,
        /// The years the calendar holds, e.g. `2022–2025`.
        known: String,
        /// JSON path of the field the date came from, when one did.
        path: Option<String>,
    },
    /// A request is past one of the limits in force (`spec/errors.md` lists them).
    LimitExceeded {
        /// Which limit.
        limit: Limit,
        /// The request's value.
        value: u64,
        /// The limit's value.
        max: u64,
        /// JSON path of the field (or `request` for the request's size).
        path: String,
    },
}

impl core::fmt::Display for Error {
    /// The English message.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message(Render::EN))
    }
}

impl core::error::Error for Error {}

impl Error {
    /// Every error code, in the order of the variants.
    pub const CODES: [&'static str; 6] = [
        "invalid_json",
        "unknown_rule",
        "unknown_edition",
        "invalid_input",
        "calendar_unavailable",
        "limit_exceeded",
    ];

    /// The stable snake_case code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidJson { .. } => "invalid_json",
            Error::UnknownRule { .. } => "unknown_rule",
            Error::UnknownEdition { .. } => "unknown_edition",
            Error::InvalidInput { .. } => "invalid_input",
            Error::CalendarUnavailable { .. } => "calendar_unavailable",
            Error::LimitExceeded { .. } => "limit_exceeded",
        }
    }

    /// The JSON path of the field to blame, when there is one.
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::InvalidJson { .. } => None,
            Error::UnknownRule { .. } => Some("rule"),
            Error::UnknownEdition { .. } => Some("edition"),
            Error::InvalidInput { path, .. } | Error::LimitExceeded { path, .. } => Some(path),
            Error::CalendarUnavailable { path, .. } => path.as_deref(),
        }
    }

    /// The message as a message of the catalogue.
    pub fn msg(&self) -> Msg {
        match self {
            Error::InvalidJson { detail } => m::engine::invalid_json(detail.clone()),
            Error::UnknownRule { rule } => m::engine::unknown_rule(Arg::quoted(rule)),
            Error::UnknownEdition { edition, known } => m::engine::unknown_edition(Arg::quoted(edition), known.clone()),
            Error::InvalidInput { msg, .. } => msg.clone(),
            Error::CalendarUnavailable { date, known, .. } => m::engine::calendar_unavailable(*date, known.clone()),
            Error::LimitExceeded { limit, value, max, path } => m::engine::limit_exceeded(path.clone(), *value, *max, limit.name()),
        }
    }

    /// The message in a language.
    pub fn message(&self, r: Render<'_>) -> String {
        self.msg().render(r)
    }

    /// An `invalid_input` error at `path`.
    pub fn invalid(path: impl Into<String>, msg: impl Into<Msg>) -> Self {
        Error::InvalidInput {
            path: path.into(),
            msg: msg.into(),
        }
    }

    /// The same error with its path moved from under `from` to under `to` (`input.date` → `rows[3].date`
    /// for a batch row), in the path and in the message that names it. Paths elsewhere are kept.
    pub fn rerooted(self, from: &str, to: &str) -> Self {
        let f = |p: &str| -> Option<String> {
            let rest = p.strip_prefix(from)?;
            (rest.is_empty() || rest.starts_with('.') || rest.starts_with('[')).then(|| alloc::format!("{to}{rest}"))
        };
        match self {
            Error::InvalidInput { path, msg } => Error::InvalidInput {
                path: f(&path).unwrap_or(path),
                msg: msg.map_text(f),
            },
            Error::LimitExceeded { limit, value, max, path } => Error::LimitExceeded {
                limit,
                value,
                max,
                path: f(&path).unwrap_or(path),
            },
            Error::CalendarUnavailable { date, known, path } => Error::CalendarUnavailable {
                date,
                known,
                path: path.map(|p| f(&p).unwrap_or(p)),
            },
            other => other,
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
    Error::invalid(path, m::read::too_large(String::from(path)))
}
