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
