//! §10 metro safety: `metro_safety.sessions` — a worked example (insta snapshot, reviewed by hand) and the
//! invariants of the session split (proptest).

use proptest::prelude::*;
use shftu_rules::metro_safety::{sessions, SessionReason, SessionsInput};
use shftu_rules::Trace;

mod common;
use common::{d, ed, traced, TestResult};

#[test]
fn worked_example_enterprise_of_120() -> TestResult {
    // §10 二(二): 120 workers in sessions of about 30–50: 3 or 4 sessions; the fewest is 3 sessions of 40.
    // Applied 2023-02-20 (by 02-28), training planned 2023-04-18 (March–October).
    let out = traced(|t| {
        sessions(
            ed(),
            &SessionsInput {
                participants: 120,
                applied_on: Some(d("2023-02-20")),
                planned_date: Some(d("2023-04-18")),
            },
            t,
        )
    })?;
    assert_eq!((out.result.min_sessions, out.result.max_sessions), (Some(3), Some(4)));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn gaps_between_fifty_and_sixty() -> TestResult {
    // 51–59 people: one session is too big, two are too small.
    for n in 51..60 {
        let out = sessions(
            ed(),
            &SessionsInput {
                participants: n,
                applied_on: None,
                planned_date: None,
            },
            &mut Trace::off(),
        )?;
        assert!(!out.feasible);
        assert_eq!(out.reasons, [SessionReason::NoEvenSplit]);
    }
    Ok(())
}

#[test]
fn the_twenty_five_sites() {
    let sites = ed().metro_safety.sites;
    assert_eq!(sites.len(), 25);
    assert!(sites.iter().zip(1u32..).all(|(s, n)| s.no == n));
}

proptest! {
    #[test]
    fn feasible_splits_stay_within_thirty_to_fifty(n in 0u32..5000) {
        let out = match sessions(ed(), &SessionsInput { participants: n, applied_on: None, planned_date: None }, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        // Some k with 30k ≤ n ≤ 50k exists exactly when the rule says feasible.
        let exists = (1..=n / 30).any(|k| n <= 50 * k);
        prop_assert_eq!(out.feasible, exists);
        if let (Some(lo), Some(hi), Some(s)) = (out.min_sessions, out.max_sessions, out.split) {
            prop_assert!(lo <= hi);
            prop_assert_eq!(s.sessions, lo);
            prop_assert_eq!(s.larger_sessions * s.larger_size + s.smaller_sessions * s.smaller_size, n);
            prop_assert_eq!(s.larger_sessions + s.smaller_sessions, lo);
            prop_assert!(s.smaller_size >= 30 && s.larger_size <= 50);
            prop_assert!(s.larger_size - s.smaller_size <= 1);
            prop_assert!(n <= 50 * lo && (lo == 1 || n > 50 * (lo - 1)));
            prop_assert!(n >= 30 * hi && n < 30 * (hi + 1));
        } else {
            prop_assert!(!out.feasible && out.split.is_none());
        }
    }
}
