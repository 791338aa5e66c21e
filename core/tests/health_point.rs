//! §1 health points: worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::health_point::{funding, FundingInput, MatchLevel, PointKind};
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
    };
    let err = funding(ed(), &input, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.points"));
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
        let input = FundingInput { kind, points, district_match: district, street_match: street };
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
}
