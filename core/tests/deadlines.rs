//! Every dated deadline and window of the plan (`deadlines.upcoming`): the data against the seed, a worked
//! example (insta snapshot, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::deadlines::{upcoming, UpcomingInput};
use shftu_rules::Trace;

mod common;
use common::{d, ed, traced, TestResult};

#[test]
fn the_dates_agree_with_the_rules_parameters() {
    // The deadlines table repeats dates that rule families hold as their own parameters: they must agree.
    let e = ed();
    let find = |id: &str| e.deadlines.items.iter().find(|i| i.id == id).map(|i| (i.first, i.last));
    let hp = e.health_point_ops.application_deadline.date();
    assert_eq!(find("health_point_application"), Some((hp, hp)));
    assert_eq!(
        find("rest_room_application"),
        Some((e.rest_room.application_deadline, e.rest_room.application_deadline))
    );
    assert_eq!(
        find("mutual_aid_concentrated_lists"),
        Some((e.mutual_aid.concentrated_list_deadline, e.mutual_aid.concentrated_list_deadline))
    );
    assert_eq!(
        find("mutual_aid_concentrated_enrolment"),
        Some((
            e.mutual_aid.group_concentrated_window.first,
            e.mutual_aid.group_concentrated_window.last
        ))
    );
    assert_eq!(
        find("mutual_aid_instant_enrolment"),
        Some((e.mutual_aid.group_instant_window.first, e.mutual_aid.group_instant_window.last))
    );
    assert_eq!(
        find("metro_safety_application"),
        Some((e.metro_safety.application_deadline, e.metro_safety.application_deadline))
    );
    assert_eq!(
        find("metro_safety_activities"),
        Some((e.metro_safety.activity_window.first, e.metro_safety.activity_window.last))
    );
    for ph in e.fitness_station.phases {
        assert_eq!(find(&format!("fitness_{}", ph.id)), Some((ph.first, ph.last)), "{}", ph.id);
    }
    for i in e.deadlines.items {
        assert!(i.first <= i.last, "{}", i.id);
        assert!(i.kind == "window" || (i.kind == "deadline" && i.first == i.last), "{}", i.id);
    }
}

#[test]
fn worked_example_mid_february() -> TestResult {
    // On 2023-02-20 the health-point forms (2-06 16:00) and the rest-room forms (2-15) are overdue; the
    // concentrated mutual-aid lists and the metro-safety forms are due on 2-28, 8 days away.
    let out = traced(|t| {
        upcoming(
            ed(),
            &UpcomingInput {
                date: d("2023-02-20"),
                programme: None,
            },
            t,
        )
    })?;
    let next: Vec<&str> = out.result.next.iter().map(|i| i.id).collect();
    assert_eq!(
        next,
        [
            "mutual_aid_concentrated_enrolment",
            "mutual_aid_concentrated_lists",
            "metro_safety_application"
        ]
    );
    let overdue: Vec<&str> = out.result.overdue.iter().map(|i| i.id).collect();
    assert_eq!(overdue, ["health_point_application", "rest_room_application"]);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn today_is_a_date_the_edition_answers_for() -> TestResult {
    // 18.4: "today" may be any day from 2022-12-01 to 2025-12-31 (the claim windows run that far);
    // outside, the 2023 plan has nothing to say and the date is refused at input.date.
    let last = upcoming(
        ed(),
        &UpcomingInput {
            date: d("2025-12-31"),
            programme: None,
        },
        &mut Trace::off(),
    )?;
    assert!(last.upcoming.is_empty());
    for bad in ["2022-11-30", "2026-01-01", "2099-06-01"] {
        let err = upcoming(
            ed(),
            &UpcomingInput {
                date: d(bad),
                programme: None,
            },
            &mut Trace::off(),
        )
        .err();
        assert_eq!(err.as_ref().map(|e| e.code()), Some("invalid_input"), "{bad}");
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.date"), "{bad}");
    }
    Ok(())
}

#[test]
fn lunch_has_its_survey_deadline_and_its_quarters() {
    // §8 五, 六(二): Q1 survey, the districts' survey by 2023-03-03, solutions in Q2–Q3, the ten best in Q4.
    let e = ed();
    let find = |id: &str| e.deadlines.items.iter().find(|i| i.id == id).map(|i| (i.kind, i.first, i.last));
    assert_eq!(find("lunch_survey"), Some(("window", d("2023-01-01"), d("2023-03-31"))));
    assert_eq!(find("lunch_district_survey"), Some(("deadline", d("2023-03-03"), d("2023-03-03"))));
    assert_eq!(find("lunch_solutions"), Some(("window", d("2023-04-01"), d("2023-09-30"))));
    assert_eq!(find("lunch_best_ten"), Some(("window", d("2023-10-01"), d("2023-12-31"))));
    // The ten parks are due when the solutions window closes (programmes.progress).
    let due = e.programmes.due_dates.iter().find(|t| t.id == "lunch_parks").map(|t| t.due);
    assert_eq!(due, find("lunch_solutions").map(|(_, _, last)| last));
}

proptest! {
    #[test]
    fn every_item_is_upcoming_or_overdue_and_next_is_the_earliest(n in 0i64..1127, programme in proptest::option::of(1u32..=10)) {
        // Any date the edition answers for (2022-12-01..2025-12-31).
        let date = d("2022-12-01") + chrono::Duration::days(n);
        let out = match upcoming(ed(), &UpcomingInput { date, programme }, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let all = ed().deadlines.items.iter().filter(|i| programme.is_none_or(|p| i.programme == p)).count();
        prop_assert_eq!(out.upcoming.len() + out.overdue.len(), all);
        for i in &out.upcoming {
            prop_assert!(i.last >= date && i.days_to_last >= 0);
        }
        for i in &out.overdue {
            prop_assert!(i.last < date && i.days_to_last < 0);
        }
        let earliest = out.upcoming.iter().map(|i| i.last).min();
        prop_assert_eq!(out.next.is_empty(), earliest.is_none());
        for i in &out.next {
            prop_assert_eq!(Some(i.last), earliest);
        }
        for i in &out.open {
            prop_assert!(i.kind == "window" && i.first <= date && date <= i.last);
        }
        prop_assert!(out.upcoming.windows(2).all(|w| matches!(w, [a, b] if a.last <= b.last)));
    }
}
