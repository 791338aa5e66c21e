//! §2 fitness stations: `fitness_station.phase` — a worked example (insta snapshot, reviewed by hand) and
//! invariants (proptest).

use chrono::NaiveDate;
use proptest::prelude::*;
use shftu_rules::fitness_station::{phase, FitnessReason, PhaseInput};
use shftu_rules::{Edition, Trace};

type TestResult = Result<(), Box<dyn std::error::Error>>;

#[derive(serde::Serialize)]
struct Traced<T> {
    result: T,
    trace: Vec<shftu_rules::TraceStep>,
}

fn d(s: &str) -> NaiveDate {
    shftu_rules::wire::parse_date(s).unwrap_or(NaiveDate::MIN)
}

#[allow(clippy::expect_used)]
fn ed() -> &'static Edition {
    shftu_rules::edition("2023").expect("the 2023 edition is built in")
}

#[test]
fn worked_example_september_with_45_stations() -> TestResult {
    // §2 三(三)–(四): on 2023-09-15, building and acceptance are under way; 45 of the 50 stations are
    // accepted, 5 to go before the end of the third quarter; funds and plaques come next, in October.
    let mut t = Trace::new();
    let out = phase(
        ed(),
        &PhaseInput {
            date: d("2023-09-15"),
            stations_accepted: Some(45),
        },
        &mut t,
    )?;
    assert_eq!(out.remaining, Some(5));
    insta::assert_json_snapshot!(Traced {
        result: out,
        trace: t.into_steps()
    });
    Ok(())
}

proptest! {
    #[test]
    fn a_date_is_in_a_phase_or_flagged(day in 0i64..365, accepted in proptest::option::of(0u32..80)) {
        let date = d("2023-01-01") + chrono::Duration::days(day);
        let out = match phase(ed(), &PhaseInput { date, stations_accepted: accepted }, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(out.phases.is_empty(), out.reasons.contains(&FitnessReason::NoPhase));
        for p in &out.phases {
            prop_assert!(p.first <= date && date <= p.last);
        }
        for n in &out.next {
            prop_assert!(n.first > date);
        }
        let missed = accepted.is_some_and(|a| a < 50) && date > d("2023-09-30");
        prop_assert_eq!(out.reasons.contains(&FitnessReason::TargetMissed), missed);
    }
}
