//! §3 一 看上海 / 品上海: worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::love_shanghai::{goods_check, trip_check, GoodsInput, TripInput, TripKind, Violation};
use shftu_rules::{Money, Trace};

mod common;
use common::{ed, traced, yuan, TestResult};

#[test]
fn worked_example_two_day_trip_meals_one_fen_over() -> TestResult {
    // §3 一(四)1: 10 people, 8000 in all — exactly 800 a person, allowed; meals 3200.01 are one fen
    // above 40% of 8000 (3200.00).
    let input = TripInput {
        kind: TripKind::TwoDay,
        participants: 10,
        total_cost: yuan("8000.00"),
        meal_cost: yuan("3200.01"),
    };
    let out = traced(|t| trip_check(ed(), &input, t))?;
    assert!(!out.result.compliant);
    assert_eq!(out.result.violations, vec![Violation::MealShareExceeded]);
    assert_eq!(out.result.max_total, yuan("8000.00"));
    assert_eq!(out.result.max_meal_cost, yuan("3200.00"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_day_trip_over_the_cap_with_a_half_fen_share() -> TestResult {
    // §3 一(四)2: 3 people, 900.01 — above 300 × 3; half of 900.01 is 450.005, cut down to 450.00,
    // and meals of 450.00 are within (450.00 ≤ 450.005).
    let input = TripInput {
        kind: TripKind::OneDay,
        participants: 3,
        total_cost: yuan("900.01"),
        meal_cost: yuan("450.00"),
    };
    let out = traced(|t| trip_check(ed(), &input, t))?;
    assert_eq!(out.result.violations, vec![Violation::OverPerPersonCap]);
    assert_eq!(out.result.max_meal_cost, yuan("450.00"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_goods_in_two_instalments() -> TestResult {
    // §3 一(四)3: 500 a person a year, 可分段使用: 320 spent in spring, 200 in autumn is 20 over.
    let input = GoodsInput {
        spent_per_person: yuan("320.00"),
        amount_per_person: yuan("200.00"),
    };
    let out = traced(|t| goods_check(ed(), &input, t))?;
    assert!(!out.result.compliant);
    assert_eq!(out.result.remaining_before, yuan("180.00"));
    assert_eq!(out.result.excess, yuan("20.00"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn meals_above_the_total_are_invalid_input() {
    let input = TripInput {
        kind: TripKind::TwoDay,
        participants: 1,
        total_cost: yuan("100.00"),
        meal_cost: yuan("100.01"),
    };
    let err = trip_check(ed(), &input, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.meal_cost"));
    let none = TripInput {
        participants: 0,
        meal_cost: Money::ZERO,
        ..input
    };
    let err = trip_check(ed(), &none, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.participants"));
}

#[test]
fn caps_come_from_the_edition() -> TestResult {
    let mut e = ed().clone();
    e.love_shanghai.two_day_per_person_cap = Money::from_yuan(900);
    let input = TripInput {
        kind: TripKind::TwoDay,
        participants: 10,
        total_cost: yuan("8500.00"),
        meal_cost: yuan("100.00"),
    };
    assert!(!trip_check(ed(), &input, &mut Trace::off())?.compliant);
    assert!(trip_check(&e, &input, &mut Trace::off())?.compliant);
    Ok(())
}

fn money(max_fen: i64) -> impl Strategy<Value = Money> {
    (0..=max_fen).prop_map(Money::from_fen)
}

/// A valid trip: a total, meals within it, participants ≥ 1.
fn any_trip() -> impl Strategy<Value = TripInput> {
    (
        prop::sample::select(TripKind::ALL.to_vec()),
        1u32..40,
        money(4_000_000),
        0.0f64..=1.0,
    )
        .prop_map(|(kind, participants, total_cost, f)| {
            let total = total_cost.to_fen().unwrap_or(0);
            // Truncating a fraction of the total to whole fen.
            #[allow(clippy::cast_possible_truncation)]
            let meal = ((total as f64) * f) as i64;
            TripInput {
                kind,
                participants,
                total_cost,
                meal_cost: Money::from_fen(meal.clamp(0, total)),
            }
        })
}

/// A trip within both rules: the total at most the cap × participants, meals at most their share
/// (cut down to the fen).
fn compliant_trip() -> impl Strategy<Value = TripInput> {
    (prop::sample::select(TripKind::ALL.to_vec()), 1u32..40)
        .prop_flat_map(|(kind, participants)| {
            let p = &ed().love_shanghai;
            let cap = match kind {
                TripKind::TwoDay => p.two_day_per_person_cap,
                TripKind::OneDay => p.one_day_per_person_cap,
            };
            let max = cap.checked_mul_count(u64::from(participants)).and_then(Money::to_fen).unwrap_or(0);
            (Just(kind), Just(participants), money(max))
        })
        .prop_flat_map(|(kind, participants, total_cost)| {
            let p = &ed().love_shanghai;
            let share = match kind {
                TripKind::TwoDay => p.two_day_meal_share_max,
                TripKind::OneDay => p.one_day_meal_share_max,
            };
            let max_meal = total_cost
                .checked_mul_ratio(share, shftu_rules::Rounding::Down)
                .and_then(Money::to_fen)
                .unwrap_or(0);
            (Just(kind), Just(participants), Just(total_cost), money(max_meal))
        })
        .prop_map(|(kind, participants, total_cost, meal_cost)| TripInput {
            kind,
            participants,
            total_cost,
            meal_cost,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn trip_answers_are_consistent(t in any_trip()) {
        let p = &ed().love_shanghai;
        let out = trip_check(ed(), &t, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (cap, share) = match t.kind {
            TripKind::TwoDay => (p.two_day_per_person_cap, p.two_day_meal_share_max),
            TripKind::OneDay => (p.one_day_per_person_cap, p.one_day_meal_share_max),
        };
        prop_assert_eq!(out.compliant, out.violations.is_empty());
        prop_assert_eq!(out.per_person_cap, cap);
        prop_assert_eq!(Some(out.max_total), cap.checked_mul_count(u64::from(t.participants)));
        prop_assert_eq!(out.violations.contains(&Violation::OverPerPersonCap), t.total_cost > out.max_total);
        // max_meal_cost is the share cut down to the fen: not above it, and within one fen of it.
        let exact = t.total_cost.to_decimal() * share;
        prop_assert!(out.max_meal_cost.to_decimal() <= exact);
        prop_assert!(exact - out.max_meal_cost.to_decimal() < Money::from_fen(1).to_decimal());
        // Meals are in fen, so within the exact share exactly when within the share cut to the fen.
        prop_assert_eq!(out.violations.contains(&Violation::MealShareExceeded), t.meal_cost > out.max_meal_cost);
    }

    #[test]
    fn lowering_a_cost_never_breaks_compliance(t in compliant_trip(), cut in money(4_000_000), extra in 0u32..10) {
        let before = trip_check(ed(), &t, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(before.compliant, "{:?} -> {:?}", t, before);
        // Fewer meals (the total as it is).
        let fewer_meals = TripInput { meal_cost: t.meal_cost.saturating_sub(cut), ..t.clone() };
        // A meal expense cut: meals and the total both lower by the same amount.
        let d = cut.min(t.meal_cost);
        let cheaper_meal = TripInput {
            meal_cost: t.meal_cost.saturating_sub(d),
            total_cost: t.total_cost.saturating_sub(d),
            ..t.clone()
        };
        // More participants for the same cost.
        let more_people = TripInput { participants: t.participants + extra, ..t.clone() };
        for after in [fewer_meals, cheaper_meal, more_people] {
            let out = trip_check(ed(), &after, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(out.compliant, "{:?} -> {:?}", after, out);
        }
    }

    #[test]
    fn goods_never_allow_more_than_the_cap(spent in money(100_000), amount in money(100_000)) {
        let cap = ed().love_shanghai.goods_annual_cap;
        let out = goods_check(ed(), &GoodsInput { spent_per_person: spent, amount_per_person: amount }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let year = spent.checked_add(amount).unwrap_or(Money::ZERO);
        prop_assert_eq!(out.cap, cap);
        prop_assert!(out.remaining_before <= cap);
        prop_assert_eq!(out.compliant, year <= cap);
        prop_assert_eq!(out.compliant, out.excess.is_zero());
        if out.compliant {
            prop_assert!(amount <= out.remaining_before);
        } else {
            prop_assert_eq!(Some(year), cap.checked_add(out.excess));
        }
    }
}
