//! Helpers shared by the test files of `core/tests/` (each includes this module with `mod common;`).
//!
//! Not every test file uses every helper, hence `dead_code` is allowed here.

#![allow(dead_code, reason = "each test file uses some of the helpers")]

use chrono::NaiveDate;
use shftu_rules::{Edition, Money, Trace, TraceStep};

/// What a test returns: `?` on a rule's error fails the test with its message.
pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The built-in 2023 edition.
#[allow(clippy::expect_used, reason = "the built-in edition exists; a test may stop here")]
pub fn ed() -> &'static Edition {
    shftu_rules::edition("2023").expect("the 2023 edition is built in")
}

/// A date from `YYYY-MM-DD` (`NaiveDate::MIN` when it is not one, which no assertion expects).
pub fn d(s: &str) -> NaiveDate {
    shftu_rules::wire::parse_date(s).unwrap_or(NaiveDate::MIN)
}

/// An amount of money from its decimal text (zero when it is not one, which no assertion expects).
pub fn yuan(s: &str) -> Money {
    Money::parse(s).unwrap_or(Money::ZERO)
}

/// A rule's result with the trace that explains it: what the insta snapshots of worked examples record.
#[derive(serde::Serialize)]
pub struct Traced<T> {
    /// The typed result.
    pub result: T,
    /// The trace steps, in order.
    pub trace: Vec<TraceStep>,
}

/// Runs `f` with a fresh trace and keeps its steps beside the result.
pub fn traced<T>(f: impl FnOnce(&mut Trace) -> shftu_rules::error::Result<T>) -> Result<Traced<T>, shftu_rules::Error> {
    let mut t = Trace::new();
    let result = f(&mut t)?;
    Ok(Traced {
        result,
        trace: t.into_steps(),
    })
}
