//! §10 metro safety: `metro_safety.sessions` — worked examples (insta snapshot, reviewed by hand) and the
//! invariants of the session split (proptest): within the band when it can be kept, else the closest split
//! with a warning (约30-50人); rounds bounded by the trainers and the sites.

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
    // 51–59 people: one session is too big, two are too small. 约30-50人 is approximate, so sessions are
    // formed all the same — whichever is closer to the band: 51–53 one session (1–3 over 50), 54–59 two
    // sessions (27+27 … 30+29: 3 … 1 under 30) — with the warning `no_even_split`.
    for (n, sessions, sizes) in [
        (51, 1, (51, 51)),
        (52, 1, (52, 52)),
        (53, 1, (53, 53)),
        (54, 2, (27, 27)),
        (55, 2, (28, 27)),
        (56, 2, (28, 28)),
        (59, 2, (30, 29)),
    ] {
        let out = sessions_of(n)?;
        assert!(!out.feasible, "{n}");
        assert_eq!(out.reasons, [SessionReason::NoEvenSplit], "{n}");
        let s = out.split.ok_or("a split is always formed")?;
        assert_eq!((s.sessions, (s.larger_size, s.smaller_size)), (sessions, sizes), "{n}");
        assert_eq!(out.min_rounds, Some(1));
    }
    Ok(())
}

#[test]
fn fewer_than_thirty_make_one_smaller_session() -> TestResult {
    // 约30-50人: 12 people still get a session of 12, with the warning `too_few_participants`.
    let out = sessions_of(12)?;
    assert_eq!(out.reasons, [SessionReason::TooFewParticipants]);
    assert_eq!(out.split.map(|s| (s.sessions, s.smaller_size)), Some((1, 12)));
    let none = sessions_of(0)?;
    assert_eq!(none.reasons, [SessionReason::NoParticipants]);
    assert_eq!((none.split, none.min_rounds), (None, None));
    Ok(())
}

#[test]
fn trainers_and_sites_bound_the_sessions_held_at_once() -> TestResult {
    // §10 二(二): 40 trainers and 25 sites, one of each per session: 25 at a time. 3,000 people make 60
    // sessions of 50, so at least 3 rounds; with only 20 trainers, 20 at a time and 3 rounds; with 10, 6.
    let out = sessions_of(3000)?;
    assert_eq!((out.parallel_sessions, out.min_rounds), (25, Some(3)));
    let mut e = ed().clone();
    e.metro_safety.trainers = 20;
    let twenty = sessions(&e, &input(3000), &mut Trace::off())?;
    assert_eq!((twenty.parallel_sessions, twenty.min_rounds), (20, Some(3)));
    e.metro_safety.trainers = 10;
    let ten = sessions(&e, &input(3000), &mut Trace::off())?;
    assert_eq!((ten.parallel_sessions, ten.min_rounds), (10, Some(6)));
    e.metro_safety.trainers = 0;
    assert_eq!(
        sessions(&e, &input(3000), &mut Trace::off()).err().map(|e| e.code()),
        Some("invalid_input")
    );
    Ok(())
}

#[test]
fn dates_outside_the_plan_are_refused() {
    // 18.4: the application and the training are dates of the plan (2022-12-01..2023-12-31).
    for (applied, planned, path) in [
        (Some("2024-02-20"), None, "input.applied_on"),
        (None, Some("2099-04-18"), "input.planned_date"),
        (Some("2022-11-30"), Some("2023-04-18"), "input.applied_on"),
    ] {
        let i = SessionsInput {
            participants: 40,
            applied_on: applied.map(d),
            planned_date: planned.map(d),
        };
        let err = sessions(ed(), &i, &mut Trace::off()).err();
        assert_eq!(err.as_ref().map(|e| e.code()), Some("invalid_input"));
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path));
    }
}

fn input(n: u32) -> SessionsInput {
    SessionsInput {
        participants: n,
        applied_on: None,
        planned_date: None,
    }
}

fn sessions_of(n: u32) -> Result<shftu_rules::metro_safety::Sessions, shftu_rules::Error> {
    sessions(ed(), &input(n), &mut Trace::off())
}

#[test]
fn the_twenty_five_sites() {
    let sites = ed().metro_safety.sites;
    assert_eq!(sites.len(), 25);
    assert!(sites.iter().zip(1u32..).all(|(s, n)| s.no == n));
}

/// How far an even split of `n` into `k` lies outside 30..=50.
fn off_band(n: u32, k: u32) -> u32 {
    let (small, large) = (n / k, n.div_ceil(k));
    large.saturating_sub(50) + 30u32.saturating_sub(small)
}

proptest! {
    #[test]
    fn feasible_splits_stay_within_thirty_to_fifty(n in 0u32..5000) {
        let out = match sessions_of(n) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        // Some k with 30k ≤ n ≤ 50k exists exactly when the rule says feasible.
        let exists = (1..=n / 30).any(|k| n <= 50 * k);
        prop_assert_eq!(out.feasible, exists);
        prop_assert_eq!(out.split.is_some(), n > 0);
        if let Some(s) = out.split {
            // The split always adds up, is even, and needs ⌈sessions / 25⌉ rounds.
            prop_assert_eq!(s.larger_sessions * s.larger_size + s.smaller_sessions * s.smaller_size, n);
            prop_assert_eq!(s.larger_sessions + s.smaller_sessions, s.sessions);
            prop_assert!(s.larger_size - s.smaller_size <= 1);
            prop_assert_eq!(out.min_rounds, Some(s.sessions.div_ceil(25)));
        }
        if let (Some(lo), Some(hi), Some(s)) = (out.min_sessions, out.max_sessions, out.split) {
            prop_assert!(lo <= hi);
            prop_assert_eq!(s.sessions, lo);
            prop_assert!(s.smaller_size >= 30 && s.larger_size <= 50);
            prop_assert!(n <= 50 * lo && (lo == 1 || n > 50 * (lo - 1)));
            prop_assert!(n >= 30 * hi && n < 30 * (hi + 1));
        } else {
            prop_assert!(!out.feasible);
        }
    }

    #[test]
    fn outside_the_band_the_split_is_the_closest(n in 1u32..400) {
        // 约: when no split keeps 30–50, none is closer to the band than the one given (and none as close
        // with fewer sessions).
        let out = match sessions_of(n) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let s = match out.split { Some(s) => s, None => return Err(TestCaseError::fail("no split")) };
        let best = off_band(n, s.sessions);
        prop_assert_eq!(best == 0, out.feasible);
        for k in 1..=n {
            let d = off_band(n, k);
            prop_assert!(d > best || (d == best && k >= s.sessions), "{} sessions: {} off vs {} off in {}", k, d, best, s.sessions);
        }
    }
}
