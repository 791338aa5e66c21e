//! §2 fitness stations: `fitness_station.phase` — a worked example (insta snapshot, reviewed by hand) and
//! invariants (proptest).

use proptest::prelude::*;
use shftu_rules::fitness_station::{phase, FitnessReason, PhaseInput};
use shftu_rules::Trace;

mod common;
use common::{d, ed, traced, TestResult};

#[test]
fn worked_example_september_with_45_stations() -> TestResult {
    // §2 三(三)–(四): on 2023-09-15, building and acceptance are under way; 45 of the 50 stations are
    // accepted, 5 to go before the end of the third quarter; funds and plaques come next, in October.
    let out = traced(|t| {
        phase(
            ed(),
            &PhaseInput {
                date: d("2023-09-15"),
                stations_accepted: Some(45),
            },
            t,
        )
    })?;
    assert_eq!(out.result.remaining, Some(5));
    insta::assert_json_snapshot!(out);
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
