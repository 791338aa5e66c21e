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

#[test]
fn a_date_the_edition_cannot_answer_for_is_invalid_input() -> TestResult {
    // Issue 18.4: the date asked about is a reference date ("as of"), held to the edition's answer dates
    // (2022-12-01..2025-12-31): 2024 is answered (no phase; the 2023 target missed with 48 stations), 2099 is refused.
    let late = phase(
        ed(),
        &PhaseInput {
            date: d("2024-03-15"),
            stations_accepted: Some(48),
        },
        &mut Trace::off(),
    )?;
    assert_eq!(late.reasons, [FitnessReason::NoPhase, FitnessReason::TargetMissed]);
    for date in ["2099-03-15", "2022-11-30"] {
        let err = phase(
            ed(),
            &PhaseInput {
                date: d(date),
                stations_accepted: None,
            },
            &mut Trace::off(),
        )
        .err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.date"), "{date}");
    }
    Ok(())
}

#[test]
fn more_than_fifty_stations_meet_the_target() -> TestResult {
    // §2 引言 不少于 50 家 (at least 50): 53 accepted by 2023-09-30 meet the target, none remaining.
    let out = phase(
        ed(),
        &PhaseInput {
            date: d("2023-09-30"),
            stations_accepted: Some(53),
        },
        &mut Trace::off(),
    )?;
    assert_eq!((out.target_met, out.remaining), (Some(true), Some(0)));
    assert!(out.reasons.is_empty());
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
