//! §4 rest rooms: `rest_room.checklist` — a worked example (insta snapshot, reviewed by hand) and invariants
//! (proptest).

use proptest::prelude::*;
use shftu_rules::rest_room::{checklist, ChecklistInput, RestRoomReason};
use shftu_rules::Trace;

mod common;
use common::{d, ed, traced, TestResult};

const ALL: [&str; 8] = [
    "staff",
    "facilities",
    "rules",
    "signage",
    "service",
    "records",
    "environment",
    "effectiveness",
];

#[test]
fn the_eight_dimensions_are_the_seeds() {
    let chars: String = ed().rest_room.dimensions.iter().map(|x| x.char).collect();
    assert_eq!(chars, "齐全明亮精细优佳");
    let ids: Vec<&str> = ed().rest_room.dimensions.iter().map(|x| x.id).collect();
    assert_eq!(ids, ALL);
}

#[test]
fn worked_example_bus_depot_rest_room() -> TestResult {
    // §4 三(四), 四(一), 四(四): a bus depot's rest room has staff, facilities, rules, signage, service and a
    // clean environment, but no ledger and no measure of effectiveness yet; it applied on 2023-02-14; a
    // random check in late May falls in the second quarter.
    let out = traced(|t| {
        checklist(
            ed(),
            &ChecklistInput {
                met: ["staff", "facilities", "rules", "signage", "service", "environment"]
                    .map(String::from)
                    .to_vec(),
                applied_on: Some(d("2023-02-14")),
                date: Some(d("2023-05-28")),
            },
            t,
        )
    })?;
    assert_eq!(out.result.missing, ["records", "effectiveness"]);
    assert_eq!(out.result.reasons, [RestRoomReason::DimensionNotMet]);
    insta::assert_json_snapshot!(out);
    Ok(())
}

proptest! {
    #[test]
    fn met_and_missing_partition_the_eight(mask in 0u8..=255, day in 0i64..365) {
        let met: Vec<String> = ALL.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| (*s).to_owned()).collect();
        let date = d("2023-01-01") + chrono::Duration::days(day);
        let out = match checklist(ed(), &ChecklistInput { met: met.clone(), applied_on: None, date: Some(date) }, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        prop_assert_eq!(out.met_count as usize + out.missing.len(), 8);
        prop_assert_eq!(out.met_count as usize, met.len());
        prop_assert_eq!(out.all_met, met.len() == 8);
        let cp = out.check_period.ok_or_else(|| TestCaseError::fail("no check period"))?;
        prop_assert!(cp.first <= date && date <= cp.last);
        prop_assert!((cp.last - cp.first).num_days() < 92);
    }
}

#[test]
fn a_dimension_may_be_given_by_its_character_or_its_words() -> TestResult {
    // §4 三(四) 八字律: 齐 is 人员齐 is `staff`; the same dimension twice is refused whatever its name.
    let by = |met: &[&str]| ChecklistInput {
        met: met.iter().map(|s| (*s).to_owned()).collect(),
        applied_on: None,
        date: None,
    };
    let out = checklist(
        ed(),
        &by(&["齐", "设施全", "rules", "亮", "精", "细", "优", "效能佳"]),
        &mut Trace::off(),
    )?;
    assert!(out.all_met);
    let err = checklist(ed(), &by(&["staff", "人员齐"]), &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.met[1]"));
    Ok(())
}

#[test]
fn dates_are_dates_of_the_plan() {
    // §4 四(一), 四(四): an application or a random check outside the dates the 2023 plan governs is
    // invalid_input naming its field (issue 18.4).
    for (applied_on, date, path) in [
        (Some(d("2024-02-15")), None, "input.applied_on"),
        (Some(d("2022-11-30")), None, "input.applied_on"),
        (None, Some(d("2024-01-01")), "input.date"),
    ] {
        let err = checklist(
            ed(),
            &ChecklistInput {
                met: vec![],
                applied_on,
                date,
            },
            &mut Trace::off(),
        )
        .err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path));
    }
}
