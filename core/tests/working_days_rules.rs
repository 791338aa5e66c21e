//! The working-day deadlines: `mutual_aid.payment_due` (§5 二(三)) and `model_worker.dispatch_due`
//! (§7 三(三)) — worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use chrono::{Datelike, NaiveDate};
use proptest::prelude::*;
use shftu_rules::model_worker::{dispatch_due, DispatchDueInput, DispatchReason};
use shftu_rules::mutual_aid::{payment_due, PaymentDueInput, PaymentReason};
use shftu_rules::{Calendar, Trace};

mod common;
use common::{d, ed, traced, TestResult};

/// Working days after `from` (not counted) up to `to` (counted), by walking the calendar.
fn count_working_days(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Result<u32, shftu_rules::Error> {
    let mut n = 0;
    let mut day = from;
    while day < to {
        day = day.succ_opt().unwrap_or(to);
        if cal.is_working_day(day)? {
            n += 1;
        }
    }
    Ok(n)
}

#[test]
fn worked_example_concentrated_list_spring_festival() -> TestResult {
    // §5 二(三): a district submits its concentrated list on Friday 2023-01-20, the eve of the Spring
    // Festival break (01-21..01-27 off; Saturday 01-28 and Sunday 01-29 are make-up working days). The
    // 15th working day after it is 2023-02-15; the transfer on 02-14 is on time and cover runs from 01-01.
    let out = traced(|t| {
        payment_due(
            ed(),
            &Calendar::builtin(),
            &PaymentDueInput {
                submitted_on: d("2023-01-20"),
                paid_on: Some(d("2023-02-14")),
            },
            t,
        )
    })?;
    assert_eq!(out.result.last_day, d("2023-02-15"));
    assert_eq!(out.result.coverage_start, Some(d("2023-01-01")));
    assert_eq!(out.result.paid_on_time, Some(true));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_instant_list_late_payment() -> TestResult {
    // §5 二(三), 一(四)1(2): a list submitted on 2023-09-25 (after the concentrated deadline) is an instant
    // enrolment from 2023-10-01; the National Day break pushes the 15th working day to 2023-10-20, so a
    // transfer on 2023-10-23 is late.
    let out = traced(|t| {
        payment_due(
            ed(),
            &Calendar::builtin(),
            &PaymentDueInput {
                submitted_on: d("2023-09-25"),
                paid_on: Some(d("2023-10-23")),
            },
            t,
        )
    })?;
    assert_eq!(out.result.last_day, d("2023-10-20"));
    assert_eq!(
        out.result.reasons,
        [PaymentReason::AfterConcentratedDeadline, PaymentReason::PaymentLate]
    );
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_dispatch_over_labour_day() -> TestResult {
    // §7 三(三): the service office receives a request on Thursday 2023-04-20. Sunday 04-23 is a make-up
    // working day, 04-29..05-03 are off, Saturday 05-06 works: the 15th working day is 2023-05-12. The team
    // went out on 2023-05-10, the 13th working day.
    let out = traced(|t| {
        dispatch_due(
            ed(),
            &Calendar::builtin(),
            &DispatchDueInput {
                received_on: d("2023-04-20"),
                served_on: Some(d("2023-05-10")),
            },
            t,
        )
    })?;
    assert_eq!(out.result.last_day, d("2023-05-12"));
    assert_eq!(out.result.working_days_taken, Some(13));
    assert_eq!(out.result.on_time, Some(true));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn dispatch_late_is_flagged_not_refused() -> TestResult {
    let out = dispatch_due(
        ed(),
        &Calendar::builtin(),
        &DispatchDueInput {
            received_on: d("2023-09-27"),
            served_on: Some(d("2023-10-25")),
        },
        &mut Trace::off(),
    )?;
    assert_eq!(out.reasons, [DispatchReason::DispatchLate]);
    assert_eq!(out.working_days_taken, Some(16));
    Ok(())
}

#[test]
fn working_day_counts_follow_the_edition() -> TestResult {
    // The 15 days are data: an edition with 10 gives an earlier day.
    let mut e = ed().clone();
    e.mutual_aid.payment_working_days = 10;
    e.model_worker.dispatch_working_days = 10;
    let cal = Calendar::builtin();
    let p = payment_due(
        &e,
        &cal,
        &PaymentDueInput {
            submitted_on: d("2023-02-28"),
            paid_on: None,
        },
        &mut Trace::off(),
    )?;
    assert_eq!(p.last_day, d("2023-03-14"));
    let m = dispatch_due(
        &e,
        &cal,
        &DispatchDueInput {
            received_on: d("2023-02-28"),
            served_on: None,
        },
        &mut Trace::off(),
    )?;
    assert_eq!(m.last_day, d("2023-03-14"));
    Ok(())
}

fn day_2022_2024() -> impl Strategy<Value = NaiveDate> {
    (0i64..(365 * 3)).prop_map(|n| d("2022-01-01") + chrono::Duration::days(n))
}

/// A date of the plan (2022-12-01..2023-12-31, the edition's `meta.plan_dates`).
fn plan_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..396).prop_map(|n| d("2022-12-01") + chrono::Duration::days(n))
}

#[test]
fn the_service_is_free_of_charge() -> TestResult {
    // §7 四 2: 本项目不向被服务单位收取费用 — the unit served pays 0.00, whatever the timing.
    for served in [None, Some(d("2023-03-02")), Some(d("2023-06-30"))] {
        let out = dispatch_due(
            ed(),
            &Calendar::builtin(),
            &DispatchDueInput {
                received_on: d("2023-03-01"),
                served_on: served,
            },
            &mut Trace::off(),
        )?;
        assert_eq!(out.fee, shftu_rules::Money::ZERO);
    }
    assert_eq!(ed().model_worker.service_fee, shftu_rules::Money::ZERO);
    Ok(())
}

#[test]
fn dispatch_dates_are_the_plans_and_the_editions() -> TestResult {
    // 18.4: the request is a date of the plan; the service day a date the edition answers for, so a
    // December request may be served in January 2024.
    let cal = Calendar::builtin();
    let run = |received: &str, served: Option<&str>| {
        dispatch_due(
            ed(),
            &cal,
            &DispatchDueInput {
                received_on: d(received),
                served_on: served.map(d),
            },
            &mut Trace::off(),
        )
    };
    let december = run("2023-12-20", Some("2024-01-10"))?;
    assert_eq!(december.last_day, d("2024-01-11"));
    assert_eq!(december.on_time, Some(true));
    for (received, served, path) in [
        ("2024-01-05", None, "input.received_on"),
        ("2022-11-30", None, "input.received_on"),
        ("2023-09-27", Some("2026-01-05"), "input.served_on"),
    ] {
        let err = run(received, served).err();
        assert_eq!(err.as_ref().map(|e| e.code()), Some("invalid_input"), "{received}");
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path), "{received}");
    }
    Ok(())
}

proptest! {
    #[test]
    fn payment_deadline_is_a_working_day_after_the_submission(sub in day_2022_2024(), extra in 0i64..40) {
        let cal = Calendar::builtin();
        let paid = sub + chrono::Duration::days(extra);
        let out = payment_due(ed(), &cal, &PaymentDueInput { submitted_on: sub, paid_on: Some(paid) }, &mut Trace::off());
        // A list submitted outside the plan's dates is invalid_input (readings R25, issue 18.4).
        if !ed().meta.plan_dates.contains(sub) {
            prop_assert_eq!(out.err().map(|e| e.code()), Some("invalid_input"));
            return Ok(());
        }
        let out = match out { Ok(o) => o, Err(e) => return Err(TestCaseError::fail(e.to_string())) };
        prop_assert!(out.last_day > sub);
        prop_assert!(cal.is_working_day(out.last_day).unwrap_or(false));
        prop_assert_eq!(count_working_days(&cal, sub, out.last_day).ok(), Some(out.working_days));
        prop_assert_eq!(out.paid_on_time, Some(paid <= out.last_day));
        prop_assert_eq!(out.reasons.contains(&PaymentReason::PaymentLate), paid > out.last_day);
        if let Some(start) = out.coverage_start {
            prop_assert_eq!(start.day(), 1);
        }
    }

    #[test]
    fn dispatch_deadline_is_a_working_day_and_on_time_matches_the_count(rec in plan_day(), extra in 0i64..40) {
        let cal = Calendar::builtin();
        let served = rec + chrono::Duration::days(extra);
        let out = dispatch_due(ed(), &cal, &DispatchDueInput { received_on: rec, served_on: Some(served) }, &mut Trace::off());
        let out = match out { Ok(o) => o, Err(e) => return Err(TestCaseError::fail(e.to_string())) };
        prop_assert!(out.last_day > rec);
        prop_assert!(cal.is_working_day(out.last_day).unwrap_or(false));
        let taken = out.working_days_taken.unwrap_or(u32::MAX);
        // On time exactly when served on or before the last day; then no more than 15 working days were used.
        prop_assert_eq!(out.on_time, Some(served <= out.last_day));
        if served <= out.last_day {
            prop_assert!(taken <= out.working_days);
        } else {
            prop_assert!(taken >= out.working_days);
        }
    }
}
