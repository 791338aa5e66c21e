//! 附件 1: the ten programmes' targets and `programmes.progress` — a worked example (insta snapshot,
//! reviewed by hand) and the consistency of the progress figures (proptest).

use std::collections::BTreeMap;

use proptest::prelude::*;
use shftu_rules::programmes::{progress, ProgressInput};
use shftu_rules::Trace;

mod common;
use common::{ed, traced, TestResult};

#[test]
fn the_targets_are_the_seeds() {
    // 附件 1 and the programmes' own texts, one figure each.
    let got: Vec<(&str, u32, u32)> = ed().programmes.targets.iter().map(|t| (t.id, t.programme, t.target)).collect();
    assert_eq!(
        got,
        [
            ("health_points_new", 1, 20),
            ("health_points_upgraded", 1, 50),
            ("fitness_stations", 2, 50),
            ("love_shanghai_workers", 3, 1_000_000),
            ("yangtze_delta_workers", 3, 10_000),
            ("paired_region_workers", 3, 10_000),
            ("sanatorium_workers", 3, 50_000),
            ("gig_workers_insured", 5, 350_000),
            ("enterprises_guided", 6, 10_000),
            ("model_workers", 7, 300),
            ("units_served", 7, 1_000),
            ("lunch_parks", 8, 10),
            ("lunch_workers", 8, 20_000),
            ("checkups", 9, 20_000),
            ("metro_safety_enterprises", 10, 1_000),
        ]
    );
}

#[test]
fn worked_example_mid_year_progress() -> TestResult {
    // By mid-year: 12 of 20 new health points (60%), 280,000 of 350,000 gig workers insured (80%), 301 model
    // workers in the team (about 300: met), 9 of 10 lunch parks.
    let mut achieved = BTreeMap::new();
    achieved.insert("health_points_new".to_owned(), 12);
    achieved.insert("gig_workers_insured".to_owned(), 280_000);
    achieved.insert("model_workers".to_owned(), 301);
    achieved.insert("lunch_parks".to_owned(), 9);
    let out = traced(|t| progress(ed(), &ProgressInput { achieved }, t))?;
    assert_eq!(out.result.reported, 4);
    assert_eq!(out.result.met, 1);
    let first = out.result.targets.first().ok_or("no targets")?;
    assert_eq!(first.percent.as_deref(), Some("60.00"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

proptest! {
    #[test]
    fn progress_ratios_are_consistent(counts in proptest::collection::vec(proptest::option::of(0u32..2_000_000), 15)) {
        let ids: Vec<&str> = ed().programmes.targets.iter().map(|t| t.id).collect();
        let achieved: BTreeMap<String, u32> = ids
            .iter()
            .zip(&counts)
            .filter_map(|(id, c)| c.map(|c| ((*id).to_owned(), c)))
            .collect();
        let out = match progress(ed(), &ProgressInput { achieved: achieved.clone() }, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let mut met = 0;
        for t in &out.targets {
            match (achieved.get(t.id), t.achieved, t.remaining, t.met, &t.percent) {
                (Some(a), Some(b), Some(rem), Some(m), Some(pct)) => {
                    prop_assert_eq!(*a, b);
                    prop_assert_eq!(m, b >= t.target);
                    prop_assert_eq!(rem + b.min(t.target), t.target);
                    let p: f64 = pct.parse().unwrap_or(-1.0);
                    let exact = f64::from(b) * 100.0 / f64::from(t.target);
                    prop_assert!(p <= exact + 1e-9 && exact - p < 0.01 + 1e-9, "{} vs {}", p, exact);
                    prop_assert_eq!(p >= 100.0, m);
                    if m { met += 1; }
                }
                (None, None, None, None, None) => {}
                other => prop_assert!(false, "inconsistent {:?}", other),
            }
        }
        prop_assert_eq!(out.met, met);
        prop_assert_eq!(out.reported as usize, achieved.len());
        prop_assert_eq!(out.all_met, met == 15);
    }
}
