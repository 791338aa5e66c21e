//! §1 health points: worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::health_point::{funding, FundingInput, FundingReason, MatchLevel, PointKind};
use shftu_rules::{Money, Trace};

mod common;
use common::{ed, traced, TestResult};

#[test]
fn worked_example_the_plans_twenty_new_points_with_a_short_street_match() -> TestResult {
    // §1 四(四): 20 new points × 15,000 = 300,000 from the city; district and street each at least
    // 300,000 (不低于1:1:1). The streets raise 280,000: 20,000 short.
    let input = FundingInput {
        kind: PointKind::New,
        points: 20,
        district_match: Some(Money::from_yuan(300_000)),
        street_match: Some(Money::from_yuan(280_000)),
        funded_before: None,
    };
    let out = traced(|t| funding(ed(), &input, t))?;
    assert_eq!(out.result.city_subsidy, Money::from_yuan(300_000));
    assert_eq!(out.result.min_total, Money::from_yuan(900_000));
    assert_eq!(out.result.compliant, Some(false));
    assert_eq!(out.result.shortfalls.len(), 1);
    assert_eq!(out.result.shortfalls[0].level, MatchLevel::Street);
    assert_eq!(out.result.shortfalls[0].amount, Money::from_yuan(20_000));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_one_upgrade_without_matches() -> TestResult {
    // One upgraded point: 10,000 from the city, at least 10,000 each from district and street;
    // without matches nothing is judged.
    let input = FundingInput {
        kind: PointKind::Upgrade,
        points: 1,
        district_match: None,
        street_match: None,
        funded_before: None,
    };
    let out = traced(|t| funding(ed(), &input, t))?;
    assert_eq!(out.result.city_subsidy, Money::from_yuan(10_000));
    assert_eq!(out.result.compliant, None);
    assert!(out.result.shortfalls.is_empty());
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn zero_points_is_invalid_input() {
    let input = FundingInput {
        kind: PointKind::New,
        points: 0,
        district_match: None,
        street_match: None,
        funded_before: None,
    };
    let err = funding(ed(), &input, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.points"));
}

#[test]
fn points_beyond_the_plans_twenty_are_reported_not_refused() -> TestResult {
    // §1 一, 四(四): the plan funds 20 new points this year. 15 funded before and 8 asked now: 23 in all,
    // so 3 of the 8 lie beyond the plan; the request is still priced (8 × 15,000 = 120,000).
    let input = FundingInput {
        kind: PointKind::New,
        points: 8,
        district_match: None,
        street_match: None,
        funded_before: Some(15),
    };
    let out = traced(|t| funding(ed(), &input, t))?;
    assert_eq!(out.result.city_subsidy, Money::from_yuan(120_000));
    assert_eq!(out.result.plan_points, 20);
    assert_eq!(out.result.running_total, 23);
    assert_eq!(out.result.over_plan, 3);
    assert_eq!(out.result.reasons, [FundingReason::PointsBeyondPlan]);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn a_request_alone_is_compared_with_the_plans_fifty_upgrades() -> TestResult {
    // Without funded_before the request is taken alone: 50 upgrades fit, 51 do not (one beyond).
    let mk = |points| FundingInput {
        kind: PointKind::Upgrade,
        points,
        district_match: None,
        street_match: None,
        funded_before: None,
    };
    let fifty = funding(ed(), &mk(50), &mut Trace::off())?;
    assert_eq!((fifty.plan_points, fifty.over_plan), (50, 0));
    assert!(fifty.reasons.is_empty());
    let fifty_one = funding(ed(), &mk(51), &mut Trace::off())?;
    assert_eq!(fifty_one.over_plan, 1);
    // Every point beyond when the plan's 50 are already funded.
    let after = funding(
        ed(),
        &FundingInput {
            funded_before: Some(60),
            ..mk(4)
        },
        &mut Trace::off(),
    )?;
    assert_eq!((after.running_total, after.over_plan), (64, 4));
    Ok(())
}

#[test]
fn funded_before_that_overflows_the_count_is_invalid_input() {
    let input = FundingInput {
        kind: PointKind::New,
        points: 2,
        district_match: None,
        street_match: None,
        funded_before: Some(u32::MAX),
    };
    let err = funding(ed(), &input, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.funded_before"));
}

fn any_money(max_yuan: i64) -> impl Strategy<Value = Money> {
    (0..=max_yuan * 100).prop_map(Money::from_fen)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn minimums_equal_the_city_subsidy_and_shortfalls_are_exact(
        kind in prop::sample::select(PointKind::ALL.to_vec()),
        points in prop_oneof![1u32..200, 1u32..=u32::MAX],
        district in prop::option::of(any_money(3_000_000)),
        street in prop::option::of(any_money(3_000_000)),
    ) {
        let p = &ed().health_point;
        let input = FundingInput { kind, points, district_match: district, street_match: street, funded_before: None };
        let out = funding(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let per = if kind == PointKind::New { p.new_point_subsidy } else { p.upgrade_point_subsidy };
        prop_assert_eq!(Some(out.city_subsidy), per.checked_mul_count(u64::from(points)));
        // 1:1:1 — each minimum match is the city subsidy itself.
        prop_assert_eq!(out.min_district_match, out.city_subsidy);
        prop_assert_eq!(out.min_street_match, out.city_subsidy);
        prop_assert_eq!(Some(out.min_total), out.city_subsidy.checked_mul_count(3));
        match (district, street) {
            (None, None) => {
                prop_assert_eq!(out.compliant, None);
                prop_assert!(out.shortfalls.is_empty());
            }
            _ => {
                let d = district.unwrap_or(Money::ZERO);
                let s = street.unwrap_or(Money::ZERO);
                prop_assert_eq!(out.compliant, Some(d >= out.min_district_match && s >= out.min_street_match));
                prop_assert_eq!(out.compliant, Some(out.shortfalls.is_empty()));
                for sf in &out.shortfalls {
                    let given = if sf.level == MatchLevel::District { d } else { s };
                    prop_assert!(!sf.amount.is_zero());
                    prop_assert_eq!(given.checked_add(sf.amount), Some(out.city_subsidy));
                }
            }
        }
    }

    #[test]
    fn points_beyond_the_plan_are_those_past_its_count(
        kind in prop::sample::select(PointKind::ALL.to_vec()),
        points in 1u32..200,
        before in prop::option::of(0u32..200),
    ) {
        let p = &ed().health_point;
        let plan = if kind == PointKind::New { p.plan_new_points } else { p.plan_upgrade_points };
        let input = FundingInput { kind, points, district_match: None, street_match: None, funded_before: before };
        let out = funding(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let total = before.unwrap_or(0) + points;
        prop_assert_eq!(out.plan_points, plan);
        prop_assert_eq!(out.running_total, total);
        prop_assert!(out.over_plan <= points);
        // The request's points within the plan never take the total past the plan's count (the points funded
        // before may already have).
        let within = points - out.over_plan;
        prop_assert!(before.unwrap_or(0) + within <= plan.max(before.unwrap_or(0)));
        prop_assert_eq!(out.over_plan, total.saturating_sub(plan).min(points));
        prop_assert_eq!(out.reasons.contains(&FundingReason::PointsBeyondPlan), out.over_plan > 0);
    }
}
