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

/// A request of every rule to try things with: the sample requests of `spec/examples/requests.jsonl`, and
/// for a rule without one, the request of its first conformance case answered ok (so a new rule needs no
/// sample of its own). In the registry's order for the rules without a sample.
pub fn sample_requests() -> Vec<serde_json::Value> {
    use serde_json::Value;
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut out: Vec<Value> = std::fs::read_to_string(spec.join("examples/requests.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    for r in shftu_rules::RULES {
        if out.iter().any(|s| s.get("rule").and_then(Value::as_str) == Some(r.id)) {
            continue;
        }
        let cases: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(spec.join(format!("cases/{}.json", r.id))).unwrap_or_default())
                .unwrap_or_default();
        if let Some(req) = cases
            .iter()
            .find(|c| c.pointer("/response/ok") == Some(&Value::Bool(true)) && c.get("request").is_some_and(Value::is_object))
            .and_then(|c| c.get("request"))
        {
            out.push(req.clone());
        }
    }
    out
}
