//! §3 二 recuperation: worked examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::recuperation::{subsidy, Programme, Reason, SubsidyInput};
use shftu_rules::{Money, Trace};

mod common;
use common::{ed, traced, TestResult};

fn input(programme: Programme, participants: u32) -> SubsidyInput {
    SubsidyInput {
        programme,
        participants,
        days: None,
        nights: None,
        cost_per_person: None,
    }
}

#[test]
fn worked_example_paired_region_four_days_three_nights() -> TestResult {
    // §3 二(三)2, 二(四)2: 25 members to Lu'an for 4 days and 3 nights: 200 each, 5,000.
    let i = SubsidyInput {
        days: Some(4),
        nights: Some(3),
        ..input(Programme::PairedRegion, 25)
    };
    let out = traced(|t| subsidy(ed(), &i, t))?;
    assert!(out.result.accepted);
    assert_eq!(out.result.subsidy_total, Some(Money::from_yuan(5_000)));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_paired_region_five_days_is_too_long() -> TestResult {
    let i = SubsidyInput {
        days: Some(5),
        nights: Some(4),
        ..input(Programme::PairedRegion, 25)
    };
    let out = traced(|t| subsidy(ed(), &i, t))?;
    assert_eq!(out.result.reasons, vec![Reason::OverDuration]);
    assert_eq!(out.result.subsidy_per_person, None);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_sanatorium_above_the_cap() -> TestResult {
    // §3 二(四)3: a stay costing 520 a person at 屏风山 is subsidised 400 (不超过400元/人), 12 people 4,800.
    let i = SubsidyInput {
        cost_per_person: Some(Money::from_yuan(520)),
        ..input(Programme::DirectSanatorium, 12)
    };
    let out = traced(|t| subsidy(ed(), &i, t))?;
    assert_eq!(out.result.subsidy_per_person, Some(Money::from_yuan(400)));
    assert_eq!(out.result.subsidy_total, Some(Money::from_yuan(4_800)));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_yangtze_delta() -> TestResult {
    // §3 二(四)1: board, meals and visits subsidised in full by the four unions; travel and insurance not.
    let out = traced(|t| subsidy(ed(), &input(Programme::YangtzeDelta, 40), t))?;
    assert_eq!(out.result.covered, vec!["accommodation", "meals", "visits"]);
    assert_eq!(out.result.not_covered, vec!["travel", "insurance"]);
    assert_eq!(out.result.subsidy_total, None);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn required_and_foreign_fields_name_themselves() {
    let cases = [
        (input(Programme::PairedRegion, 1), "input.days"),
        (
            SubsidyInput {
                days: Some(2),
                ..input(Programme::PairedRegion, 1)
            },
            "input.nights",
        ),
        (input(Programme::DirectSanatorium, 1), "input.cost_per_person"),
        (
            SubsidyInput {
                nights: Some(1),
                ..input(Programme::YangtzeDelta, 1)
            },
            "input.nights",
        ),
        (input(Programme::YangtzeDelta, 0), "input.participants"),
    ];
    for (i, path) in cases {
        let err = subsidy(ed(), &i, &mut Trace::off()).err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(path), "{i:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn no_subsidy_above_its_cap(
        participants in prop_oneof![1u32..100, 1u32..=u32::MAX],
        days in 1u32..10,
        nights in 0u32..10,
        cost in (0i64..200_000).prop_map(Money::from_fen),
    ) {
        let p = &ed().recuperation;
        let paired = subsidy(ed(), &SubsidyInput { days: Some(days), nights: Some(nights), ..input(Programme::PairedRegion, participants) }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let within = days <= p.paired_region_max_days && nights <= p.paired_region_max_nights;
        prop_assert_eq!(paired.accepted, within);
        prop_assert_eq!(paired.reasons.is_empty(), within);
        prop_assert_eq!(paired.subsidy_per_person, within.then_some(p.paired_region_subsidy));
        let sana = subsidy(ed(), &SubsidyInput { cost_per_person: Some(cost), ..input(Programme::DirectSanatorium, participants) }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let per = sana.subsidy_per_person.unwrap_or(Money::ZERO);
        prop_assert!(per <= p.sanatorium_subsidy_cap);
        prop_assert!(per <= cost);
        prop_assert!(per == cost || per == p.sanatorium_subsidy_cap);
        for out in [&paired, &sana] {
            if let Some(per) = out.subsidy_per_person {
                prop_assert_eq!(out.subsidy_total, per.checked_mul_count(u64::from(participants)));
            } else {
                prop_assert_eq!(out.subsidy_total, None);
            }
        }
    }
}

// ---- recuperation.sanatorium_allocation (issue 4) ----------------------------------------------

use shftu_rules::recuperation::{priority_group_of, sanatorium_allocation, AllocationInput, PriorityGroup, Stay, StayStatus};

#[test]
fn worked_example_a_short_allocation_favours_the_priority_groups() -> TestResult {
    // §3 二(四)3 总额控制+按实结算, §3 二(一) 重点向…倾斜: 10,000 allocated. Stay 1: 15 office staff at
    // 420 (400 each, 6,000 due). Stay 2: 12 industrial workers at 350 (4,200). Stay 3: 5 craftsmen at 500
    // (2,000). The priority stays (2, 3) are settled first: 4,200 + 2,000; stay 1 gets the 3,800 left. The
    // group is given by its id or by the plan's words (工匠技师).
    let stay = |participants, yuan, priority_group: Option<&str>| Stay {
        participants,
        cost_per_person: Money::from_yuan(yuan),
        priority_group: priority_group.map(String::from),
    };
    let input = AllocationInput {
        allocated_total: Money::from_yuan(10_000),
        stays: vec![
            stay(15, 420, None),
            stay(12, 350, Some("industrial_worker")),
            stay(5, 500, Some("工匠技师")),
        ],
    };
    let out = traced(|t| sanatorium_allocation(ed(), &input, t))?;
    let paid: Vec<Money> = out.result.stays.iter().map(|s| s.paid).collect();
    assert_eq!(paid, [Money::from_yuan(3_800), Money::from_yuan(4_200), Money::from_yuan(2_000)]);
    assert_eq!(out.result.stays[0].status, StayStatus::PartiallyPaid);
    assert_eq!(out.result.left, Money::ZERO);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn the_priority_groups_are_the_seeds() {
    let ids: Vec<&str> = ed().recuperation.priority_groups.iter().map(|g| g.id).collect();
    let enum_ids: Vec<&str> = PriorityGroup::ALL.iter().map(|g| g.as_str()).collect();
    assert_eq!(ids, enum_ids);
    let zh: Vec<&str> = ed().recuperation.priority_groups.iter().map(|g| g.zh).collect();
    assert_eq!(zh, ["劳模先进", "工匠技师", "抗疫一线工作者", "疫情期间坚守岗位职工", "产业工人"]);
}

/// A group as a request may give it: a code, the plan's words, or a group the plan does not name.
fn any_group() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(PriorityGroup::ALL.to_vec()).prop_map(|g| g.as_str().to_owned()),
        prop::sample::select(
            ed().recuperation
                .priority_groups
                .iter()
                .map(|g| g.zh.to_owned())
                .collect::<Vec<_>>()
        ),
        prop::sample::select(vec!["manager", "退休职工", "", "model worker"]).prop_map(String::from),
    ]
}

fn any_stay() -> impl Strategy<Value = Stay> {
    (1u32..60, 0i64..80_000, prop::option::of(any_group())).prop_map(|(participants, fen, priority_group)| Stay {
        participants,
        cost_per_person: Money::from_fen(fen),
        priority_group,
    })
}

#[test]
fn a_group_the_plan_does_not_name_is_an_ordinary_stay() -> TestResult {
    // §3 二(一) 须重点向…等群体倾斜: a tilt, not a closed list. 退休职工 is not refused; it is settled with the
    // ordinary stays, after the model workers' stay booked after it.
    let stay = |participants, priority_group: Option<&str>| Stay {
        participants,
        cost_per_person: Money::from_yuan(400),
        priority_group: priority_group.map(String::from),
    };
    let input = AllocationInput {
        allocated_total: Money::from_yuan(4_000),
        stays: vec![stay(10, Some("退休职工")), stay(10, Some("劳模先进"))],
    };
    let out = traced(|t| sanatorium_allocation(ed(), &input, t))?;
    assert_eq!(out.result.stays[0].status, StayStatus::Rejected);
    assert_eq!(out.result.stays[1].status, StayStatus::Paid);
    insta::assert_json_snapshot!(out);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, .. ProptestConfig::default() })]

    #[test]
    fn never_above_the_allocation_nor_400_a_person(
        allocated in (0i64..5_000_000).prop_map(Money::from_fen),
        stays in prop::collection::vec(any_stay(), 0..12),
    ) {
        let cap = ed().recuperation.sanatorium_subsidy_cap;
        let input = AllocationInput { allocated_total: allocated, stays };
        let out = sanatorium_allocation(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.stays.len(), input.stays.len());
        prop_assert!(out.paid_total <= allocated);
        prop_assert_eq!(out.paid_total.checked_add(out.left), Some(allocated));
        prop_assert_eq!(out.paid_total, out.due_total.min(allocated));
        let mut sum = Money::ZERO;
        for (s, o) in input.stays.iter().zip(&out.stays) {
            prop_assert_eq!(Some(o.due), s.cost_per_person.min(cap).checked_mul_count(u64::from(s.participants)));
            prop_assert!(o.paid <= o.due);
            prop_assert_eq!(o.reasons.is_empty(), o.paid == o.due);
            sum = sum.checked_add(o.paid).unwrap_or(Money::ZERO);
        }
        prop_assert_eq!(sum, out.paid_total);
        // A stay outside the priority groups is paid only once every priority stay is paid in full.
        let named = |s: &Stay| s.priority_group.as_deref().and_then(|g| priority_group_of(ed(), g)).is_some();
        let others_paid = input.stays.iter().zip(&out.stays).any(|(s, o)| !named(s) && !o.paid.is_zero());
        if others_paid {
            for (s, o) in input.stays.iter().zip(&out.stays) {
                if named(s) {
                    prop_assert_eq!(o.paid, o.due);
                }
            }
        }
        // A group the plan does not name settles exactly as no group.
        let plain = AllocationInput {
            stays: input.stays.iter().map(|s| Stay { priority_group: if named(s) { s.priority_group.clone() } else { None }, ..s.clone() }).collect(),
            ..input.clone()
        };
        let same = sanatorium_allocation(ed(), &plain, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(same, out);
    }
}
