//! §3 一 看上海 / 品上海: worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::love_shanghai::{goods_check, trip_check, GoodsInput, TripInput, TripKind, Violation};
use shftu_rules::{Money, Trace};

mod common;
use common::{d, ed, traced, yuan, TestResult};

/// A trip with only the required fields (a two-day trip for 1 person, nothing spent).
fn trip() -> TripInput {
    TripInput {
        kind: TripKind::TwoDay,
        participants: 1,
        total_cost: Money::ZERO,
        meal_cost: Money::ZERO,
        days: None,
        nights: None,
        date: None,
        held_this_year: None,
    }
}

#[test]
fn worked_example_two_day_trip_meals_one_fen_over() -> TestResult {
    // §3 一(四)1: 10 people, 8000 in all — exactly 800 a person, allowed; meals 3200.01 are one fen
    // above 40% of 8000 (3200.00).
    let input = TripInput {
        kind: TripKind::TwoDay,
        participants: 10,
        total_cost: yuan("8000.00"),
        meal_cost: yuan("3200.01"),
        ..trip()
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
        ..trip()
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
        ..trip()
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
        ..trip()
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
            #[allow(clippy::cast_possible_truncation, reason = "a fraction of the total, cut to whole fen on purpose")]
            let meal = ((total as f64) * f) as i64;
            TripInput {
                kind,
                participants,
                total_cost,
                meal_cost: Money::from_fen(meal.clamp(0, total)),
                ..trip()
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
            ..trip()
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

// ---- love_shanghai.trip_check: length, date, one a year (§3 一(二)–(三)1, issue 15) -------------

#[test]
fn worked_example_a_second_trip_of_three_days() -> TestResult {
    // §3 一(三)1 开展一次不超过2天1晚的文旅活动: a base union that already held its 看上海 trip this year
    // organises another, of 3 days and 2 nights, in October; the money is within the 2天1晚 caps.
    let input = TripInput {
        kind: TripKind::TwoDay,
        participants: 20,
        total_cost: yuan("16000.00"),
        meal_cost: yuan("6000.00"),
        days: Some(3),
        nights: Some(2),
        date: Some(d("2023-10-14")),
        held_this_year: Some(1),
    };
    let out = traced(|t| trip_check(ed(), &input, t))?;
    assert!(!out.result.compliant);
    assert_eq!(out.result.violations, vec![Violation::OverDuration, Violation::AlreadyHeldThisYear]);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn the_kind_must_fit_the_length() -> TestResult {
    // A 1日游 with a night is a 2天1晚 trip; a 2天1晚 trip of one day without a night is a 1日游.
    let day_with_night = TripInput {
        kind: TripKind::OneDay,
        days: Some(2),
        nights: Some(1),
        ..trip()
    };
    let out = trip_check(ed(), &day_with_night, &mut Trace::off())?;
    assert_eq!(out.violations, vec![Violation::DurationNotOfKind]);
    let two_day_without_night = TripInput {
        days: Some(1),
        nights: Some(0),
        ..trip()
    };
    let out = trip_check(ed(), &two_day_without_night, &mut Trace::off())?;
    assert_eq!(out.violations, vec![Violation::DurationNotOfKind]);
    // 2 days 1 night as a 2天1晚 trip, 1 day as a 1日游: fine.
    for (kind, days, nights) in [(TripKind::TwoDay, 2, 1), (TripKind::OneDay, 1, 0)] {
        let ok = TripInput {
            kind,
            days: Some(days),
            nights: Some(nights),
            held_this_year: Some(0),
            date: Some(d("2023-12-31")),
            ..trip()
        };
        assert!(trip_check(ed(), &ok, &mut Trace::off())?.compliant, "{ok:?}");
    }
    Ok(())
}

#[test]
fn the_activity_period_runs_from_2023_01_01_to_2023_12_31() -> TestResult {
    // §3 一(二) 即日起至2023年12月31日, 即日起 read as 2023-01-01 (readings LS7): December 2022 is a date of
    // the plan (the enrolments of §5 begin then) but not of this activity; 2024 is no date of the plan.
    let on = |day: &str| TripInput {
        date: Some(d(day)),
        ..trip()
    };
    assert_eq!(
        trip_check(ed(), &on("2022-12-31"), &mut Trace::off())?.violations,
        vec![Violation::OutsideActivityPeriod]
    );
    for day in ["2023-01-01", "2023-12-31"] {
        assert!(trip_check(ed(), &on(day), &mut Trace::off())?.compliant, "{day}");
    }
    let err = trip_check(ed(), &on("2024-01-01"), &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.date"));
    Ok(())
}

#[test]
fn new_trip_inputs_name_themselves_when_bad() {
    let cases = [
        (TripInput { days: Some(0), ..trip() }, "input.days"),
        (
            TripInput {
                days: Some(1),
                nights: Some(2),
                ..trip()
            },
            "input.nights",
        ),
        (
            TripInput {
                date: Some(d("2024-01-02")),
                ..trip()
            },
            "input.date",
        ),
        (
            TripInput {
                date: Some(d("2022-11-30")),
                ..trip()
            },
            "input.date",
        ),
    ];
    for (i, path) in cases {
        let err = trip_check(ed(), &i, &mut Trace::off()).err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path), "{i:?}");
    }
}

// ---- love_shanghai.surplus_use (§3 一(四)4–5) ---------------------------------------------------

use shftu_rules::love_shanghai::{surplus_use, SurplusReason, SurplusUseInput};

fn funds(cost: &str, year: &str, surplus: &str, drawn: &str) -> SurplusUseInput {
    SurplusUseInput {
        activity_cost: yuan(cost),
        year_funds: yuan(year),
        surplus: yuan(surplus),
        surplus_drawn: yuan(drawn),
        other_surplus_drawn: None,
        in_budget: None,
        subsidy_received: None,
        subsidy_spent: None,
        subsidy_spent_elsewhere: None,
        as_of: None,
    }
}

#[test]
fn worked_example_drawing_on_the_surplus() -> TestResult {
    // §3 一(四)4–5: a base union's 看上海 and 品上海 cost 120,000 this year; its year's funds pay 60,000 and
    // the district union's 专项补助 20,000, so 40,000 is short. Its surplus is 200,000: it draws 40,000 —
    // 20% of the surplus, above the usual 10% (20,000) but all of it makes up the shortfall, so no limit
    // applies — plus 15,000 for other purposes (≤ 20,000). In the budget. By 2023-12-31 it had spent
    // 18,000 of the subsidy on the activities and 2,000 on a staff canteen: 专款专用 is broken.
    let input = SurplusUseInput {
        other_surplus_drawn: Some(yuan("15000.00")),
        in_budget: Some(true),
        subsidy_received: Some(yuan("20000.00")),
        subsidy_spent: Some(yuan("18000.00")),
        subsidy_spent_elsewhere: Some(yuan("2000.00")),
        as_of: Some(d("2023-12-31")),
        ..funds("120000.00", "60000.00", "200000.00", "40000.00")
    };
    let out = traced(|t| surplus_use(ed(), &input, t))?;
    assert_eq!(out.result.shortfall, yuan("40000.00"));
    assert_eq!(out.result.exempt_max, yuan("40000.00"));
    assert_eq!(out.result.usual_limit, yuan("20000.00"));
    assert_eq!(out.result.counted_against_limit, yuan("15000.00"));
    assert_eq!(out.result.reasons, vec![SurplusReason::SubsidyUsedElsewhere]);
    assert_eq!(out.result.subsidy_unspent, Some(Money::ZERO));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn drawing_beyond_the_shortfall_counts_against_the_usual_limit() -> TestResult {
    // 100,000 surplus, 30,000 short; 55,000 drawn: 30,000 free, 25,000 beyond > 10,000.
    let out = surplus_use(ed(), &funds("90000.00", "60000.00", "100000.00", "55000.00"), &mut Trace::off())?;
    assert_eq!(out.counted_against_limit, yuan("25000.00"));
    assert_eq!(out.reasons, vec![SurplusReason::OverUsualSurplusLimit]);
    // No shortfall at all: the whole drawing counts; 10,000.00 is within, 10,000.01 not.
    let ok = surplus_use(ed(), &funds("50000.00", "60000.00", "100000.00", "10000.00"), &mut Trace::off())?;
    assert!(ok.compliant);
    let over = surplus_use(ed(), &funds("50000.00", "60000.00", "100000.00", "10000.01"), &mut Trace::off())?;
    assert_eq!(over.reasons, vec![SurplusReason::OverUsualSurplusLimit]);
    Ok(())
}

#[test]
fn the_subsidy_is_used_up_by_the_last_day_of_the_year() -> TestResult {
    let with = |as_of: &str, spent: &str| SurplusUseInput {
        subsidy_received: Some(yuan("5000.00")),
        subsidy_spent: Some(yuan(spent)),
        as_of: Some(d(as_of)),
        ..funds("5000.00", "0.00", "0.00", "0.00")
    };
    // Still time on 2023-12-30; not on 2023-12-31 (at its end) nor later; used up: fine whenever.
    assert!(surplus_use(ed(), &with("2023-12-30", "4000.00"), &mut Trace::off())?.compliant);
    for day in ["2023-12-31", "2024-01-15"] {
        let out = surplus_use(ed(), &with(day, "4000.00"), &mut Trace::off())?;
        assert_eq!(out.reasons, vec![SurplusReason::SubsidyNotUsedByDeadline], "{day}");
    }
    assert!(surplus_use(ed(), &with("2024-01-15", "5000.00"), &mut Trace::off())?.compliant);
    Ok(())
}

#[test]
fn surplus_inputs_name_themselves_when_bad() {
    let cases = [
        (
            SurplusUseInput {
                subsidy_spent: Some(yuan("1.00")),
                ..funds("0", "0", "0", "0")
            },
            "input.subsidy_received",
        ),
        (
            SurplusUseInput {
                as_of: Some(d("2023-06-01")),
                ..funds("0", "0", "0", "0")
            },
            "input.subsidy_received",
        ),
        (
            SurplusUseInput {
                subsidy_received: Some(yuan("100.00")),
                subsidy_spent: Some(yuan("80.00")),
                subsidy_spent_elsewhere: Some(yuan("20.01")),
                ..funds("0", "0", "0", "0")
            },
            "input.subsidy_spent_elsewhere",
        ),
        (
            SurplusUseInput {
                subsidy_received: Some(yuan("100.00")),
                as_of: Some(d("2026-01-01")),
                ..funds("0", "0", "0", "0")
            },
            "input.as_of",
        ),
    ];
    for (i, path) in cases {
        let err = surplus_use(ed(), &i, &mut Trace::off()).err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path), "{i:?}");
    }
}

// ---- love_shanghai.ledger_account (§3 一(四)6–7) ------------------------------------------------

use shftu_rules::love_shanghai::{ledger_account, Funds, LedgerInput, LedgerItem, LedgerReason, Recorder, Side};

#[test]
fn worked_example_the_four_accounts() -> TestResult {
    // §3 一(四)6–7, verbatim: a base union's spending of its own funds and of the upper-level subsidy, the
    // upper-level union paying the subsidy down, the base union receiving it.
    let items = [
        (Recorder::BaseUnion, LedgerItem::Spending, Some(Funds::OwnFunds), None),
        (Recorder::BaseUnion, LedgerItem::Spending, Some(Funds::UpperSubsidy), None),
        (Recorder::UpperUnion, LedgerItem::Subsidy, None, Some(Side::PayingDown)),
        (Recorder::BaseUnion, LedgerItem::Subsidy, None, Some(Side::Receiving)),
    ];
    let mut outs = Vec::new();
    for (recorder, item, funds, side) in items {
        outs.push(traced(|t| {
            ledger_account(
                ed(),
                &LedgerInput {
                    recorder,
                    item,
                    funds,
                    side,
                },
                t,
            )
        })?);
    }
    let accounts: Vec<Option<&str>> = outs.iter().map(|o| o.result.account).collect();
    assert_eq!(
        accounts,
        [
            Some("职工活动支出—会员活动支出—一般性会员活动支出—爱上海主题活动"),
            Some("职工活动支出—会员活动支出—专项会员活动支出"),
            Some("补助下级支出—专项转移支付补助—爱上海主题活动"),
            Some("上级补助收入—专项转移支付补助"),
        ]
    );
    let details: Vec<Option<&str>> = outs.iter().map(|o| o.result.project_detail).collect();
    assert_eq!(details, [None, Some("爱上海主题活动"), None, Some("爱上海主题活动")]);
    insta::assert_json_snapshot!(outs);
    Ok(())
}

#[test]
fn every_combination_answers_with_an_account_or_not_named() -> TestResult {
    let mut named = 0;
    for recorder in Recorder::ALL {
        for funds in Funds::ALL {
            let out = ledger_account(
                ed(),
                &LedgerInput {
                    recorder: *recorder,
                    item: LedgerItem::Spending,
                    funds: Some(*funds),
                    side: None,
                },
                &mut Trace::off(),
            )?;
            assert_eq!(out.named, out.account.is_some());
            assert_eq!(out.named, out.reasons.is_empty());
            named += usize::from(out.named);
        }
        for side in Side::ALL {
            let out = ledger_account(
                ed(),
                &LedgerInput {
                    recorder: *recorder,
                    item: LedgerItem::Subsidy,
                    funds: None,
                    side: Some(*side),
                },
                &mut Trace::off(),
            )?;
            assert_eq!(out.named, out.account.is_some());
            if !out.named {
                assert_eq!(out.reasons, vec![LedgerReason::NotNamedByPlan]);
            }
            named += usize::from(out.named);
        }
    }
    assert_eq!(named, 4, "the plan names four accounts");
    // A field the item does not use, or one it needs, names itself.
    let bad = LedgerInput {
        recorder: Recorder::BaseUnion,
        item: LedgerItem::Subsidy,
        funds: Some(Funds::OwnFunds),
        side: Some(Side::Receiving),
    };
    let err = ledger_account(ed(), &bad, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.funds"));
    let bad = LedgerInput {
        item: LedgerItem::Spending,
        funds: None,
        side: None,
        ..bad
    };
    let err = ledger_account(ed(), &bad, &mut Trace::off()).err();
    assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.funds"));
    Ok(())
}

fn any_funds() -> impl Strategy<Value = SurplusUseInput> {
    (
        money(50_000_000),
        money(50_000_000),
        money(50_000_000),
        money(50_000_000),
        prop::option::of(money(10_000_000)),
        prop::option::of(any::<bool>()),
        prop::option::of((money(5_000_000), 0.0f64..=1.0, 0.0f64..=1.0)),
    )
        .prop_map(|(cost, year, surplus, drawn, other, in_budget, subsidy)| {
            let (subsidy_received, subsidy_spent, subsidy_spent_elsewhere) = match subsidy {
                None => (None, None, None),
                Some((r, a, b)) => {
                    let total = r.to_fen().unwrap_or(0);
                    // Truncating fractions of the subsidy to whole fen.
                    #[allow(clippy::cast_possible_truncation, reason = "a fraction of the subsidy, in fen")]
                    let spent = ((total as f64) * a) as i64;
                    #[allow(clippy::cast_possible_truncation, reason = "a fraction of what is left, in fen")]
                    let elsewhere = (((total - spent) as f64) * b) as i64;
                    (Some(r), Some(Money::from_fen(spent)), Some(Money::from_fen(elsewhere)))
                }
            };
            SurplusUseInput {
                activity_cost: cost,
                year_funds: year,
                surplus,
                surplus_drawn: drawn,
                other_surplus_drawn: other,
                in_budget,
                subsidy_received,
                subsidy_spent,
                subsidy_spent_elsewhere,
                as_of: None,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn surplus_answers_are_consistent(i in any_funds()) {
        let out = surplus_use(ed(), &i, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let share = ed().love_shanghai.surplus_usual_draw_share_max;
        prop_assert_eq!(out.compliant, out.reasons.is_empty());
        // The free drawing never exceeds the shortfall nor the surplus; the usual limit never exceeds 10%.
        prop_assert!(out.exempt_max <= out.shortfall && out.exempt_max <= i.surplus);
        prop_assert!(out.usual_limit.to_decimal() <= i.surplus.to_decimal() * share);
        prop_assert!(out.shortfall <= i.activity_cost);
        // What counts against the limit is the other drawing plus the drawing beyond the shortfall.
        let other = i.other_surplus_drawn.unwrap_or(Money::ZERO);
        prop_assert_eq!(Some(out.counted_against_limit), other.checked_add(i.surplus_drawn.saturating_sub(out.shortfall)));
        prop_assert_eq!(
            out.reasons.contains(&SurplusReason::OverUsualSurplusLimit),
            out.counted_against_limit > out.usual_limit
        );
        // Drawing only within the free part, nothing else, in the budget (or not said), no subsidy: fine.
        if i.surplus_drawn <= out.exempt_max && other.is_zero() && i.in_budget != Some(false) && i.subsidy_received.is_none() {
            prop_assert!(out.compliant, "{:?} -> {:?}", i, out);
        }
        // The deadline is the edition's, whatever the figures.
        prop_assert_eq!(out.subsidy_use_by.is_some(), i.subsidy_received.is_some());
        if let Some(by) = out.subsidy_use_by {
            prop_assert_eq!(by, ed().love_shanghai.subsidy_use_by);
        }
    }
}
