//! §6 labour relations: the rubric as printed, worked examples (insta snapshots, reviewed by hand) and
//! invariants (proptest).

use std::collections::BTreeMap;

use proptest::prelude::*;
use shftu_rules::labor_relations::{guidance_subsidy, score, Grade, GuidanceInput, ScoreInput};
use shftu_rules::params::RubricItem;
use shftu_rules::{Money, Trace};

mod common;
use common::{d, ed, traced, TestResult};

fn items(pairs: &[(&str, i32)]) -> ScoreInput {
    ScoreInput {
        items: pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
    }
}

fn rubric() -> &'static [RubricItem] {
    ed().labor_relations.items
}

#[test]
fn the_rubric_is_the_seeds() {
    let p = &ed().labor_relations;
    let items = rubric();
    // Items per category as printed: 24, 26, 24, 15 (4-1 has twelve), 9.
    let count = |c: u32| items.iter().filter(|i| i.category == c).count();
    assert_eq!([count(1), count(2), count(3), count(4), count(5)], [24, 26, 24, 15, 9]);
    // The values of categories 1–3 add up to their printed headings (50分, 50分, 30分).
    let sum = |c: u32| items.iter().filter(|i| i.category == c).map(|i| i.value).sum::<u32>();
    assert_eq!(sum(1), p.compliance_cap);
    assert_eq!(sum(2), p.institution_cap);
    assert_eq!(sum(3), p.development_cap);
    assert_eq!(sum(4), 30, "12 × 1 + 3 × 6 before the cap of 20");
    assert!(sum(4) > p.bonus_cap);
    // Ids are unique, follow the group and category they sit in, and run 1, 2, 3 … inside each group.
    let mut seen = std::collections::BTreeSet::new();
    let mut last: BTreeMap<&str, u32> = BTreeMap::new();
    for i in items {
        assert!(seen.insert(i.id), "{} twice", i.id);
        assert!(i.id.starts_with(&format!("{}-", i.group)), "{}", i.id);
        assert!(i.group.starts_with(&format!("{}-", i.category)), "{}", i.id);
        assert!(p.groups.iter().any(|g| g.id == i.group), "{}", i.group);
        let n: u32 = i.id.rsplit('-').next().and_then(|s| s.parse().ok()).unwrap_or(0);
        let prev = last.insert(i.group, n).unwrap_or(0);
        assert_eq!(n, prev + 1, "{} follows {}", i.id, prev);
        assert!(!i.zh.is_empty());
        let expected_scoring = match i.category {
            5 => "deduct",
            _ if i.group == "4-2" => "choice",
            _ => "range",
        };
        assert_eq!(i.scoring, expected_scoring, "{}", i.id);
    }
    // Group 4-1 as printed: …, 4-1-9, 4-1-11, 4-1-10, 4-1-11 → ids 4-1-10, 4-1-11, 4-1-12.
    let g41: Vec<(&str, &str)> = items.iter().filter(|i| i.group == "4-1").map(|i| (i.id, i.printed)).collect();
    assert_eq!(g41.len(), 12);
    assert_eq!(&g41[9..], &[("4-1-10", "4-1-11"), ("4-1-11", "4-1-10"), ("4-1-12", "4-1-11")]);
    let by_id = |id: &str| items.iter().find(|i| i.id == id).map(|i| i.zh);
    assert_eq!(
        by_id("4-1-10"),
        Some("企业内部薪酬分配向科技人才、高技能人才和生产服务一线岗位倾斜")
    );
    assert_eq!(by_id("4-1-11"), Some("企业与职工沟通顺畅"));
    assert_eq!(by_id("4-1-12"), Some("能参与企业民主管理"));
    // Printed values spot-checked: 1-1-2 3分, 2-2-6 3分, 3-2-8 2分, 4-2-x +2/4/6, 5-1-1 -6, 5-3-4 -1/2/3.
    let item = |id: &str| items.iter().find(|i| i.id == id);
    assert_eq!(item("1-1-2").map(|i| i.value), Some(3));
    assert_eq!(item("2-2-6").map(|i| i.value), Some(3));
    assert_eq!(item("3-2-8").map(|i| i.value), Some(2));
    assert_eq!(item("4-2-3").map(|i| i.steps), Some(&[2u32, 4, 6][..]));
    assert_eq!(item("5-1-1").map(|i| i.steps), Some(&[6u32][..]));
    assert_eq!(item("5-3-4").map(|i| i.steps), Some(&[1u32, 2, 3][..]));
}

#[test]
fn worked_example_a_typical_enterprise() -> TestResult {
    // A firm with a full compliance record except probation management (1-1-4: 1 of 2), a union and a
    // workers' congress but no collective contract, some development items, two bonus points from the
    // satisfaction survey, media coverage (+2) and many labour disputes (-2).
    let mut pairs: Vec<(&str, i32)> = rubric()
        .iter()
        .filter(|i| i.category == 1)
        .map(|i| (i.id, i32::try_from(i.value).unwrap_or(0)))
        .collect();
    for p in &mut pairs {
        if p.0 == "1-1-4" {
            p.1 = 1;
        }
    }
    pairs.extend([
        ("2-2-1", 3),
        ("2-2-6", 3),
        ("2-4-1", 3),
        ("2-4-3", 3),
        ("3-1-1", 2),
        ("3-2-2", 1),
        ("3-2-8", 2),
        ("4-1-5", 1),
        ("4-1-12", 1),
        ("4-2-3", 2),
        ("5-3-2", -2),
    ]);
    let out = traced(|t| score(ed(), &items(&pairs), t))?;
    // 49 + 12 + 5 + 4 − 2 = 68: below 70, 未达标.
    assert_eq!(out.result.compliance, 49);
    assert_eq!(out.result.institution, 12);
    assert_eq!(out.result.development, 5);
    assert_eq!(out.result.bonus, 4);
    assert_eq!(out.result.deductions, -2);
    assert_eq!(out.result.total, 68);
    assert_eq!(out.result.grade, Grade::NonCompliant);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_the_bonus_is_capped() -> TestResult {
    // All twelve satisfaction items (12) and two honours at 6: 24 bonus points, capped at 20.
    let mut pairs: Vec<(&str, i32)> = rubric().iter().filter(|i| i.group == "4-1").map(|i| (i.id, 1)).collect();
    pairs.extend([("4-2-1", 6), ("4-2-2", 6), ("5-1-1", -6)]);
    let out = traced(|t| score(ed(), &items(&pairs), t))?;
    assert_eq!(out.result.bonus_uncapped, 24);
    assert_eq!(out.result.bonus, 20);
    assert_eq!(out.result.total, 14);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_guidance_subsidy() -> TestResult {
    // §6 四: 150 a person-day; two guides at one firm for three days are 6 person-days, 900.
    let out = traced(|t| guidance_subsidy(ed(), &GuidanceInput { person_days: 6 }, t))?;
    assert_eq!(out.result.subsidy, Money::from_yuan(900));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn thresholds_come_from_the_edition() -> TestResult {
    let mut e = ed().clone();
    e.labor_relations.basically_compliant_min = 60;
    let pairs: Vec<(&str, i32)> = rubric()
        .iter()
        .filter(|i| i.category == 1 || i.group == "3-1")
        .map(|i| (i.id, i32::try_from(i.value).unwrap_or(0)))
        .collect();
    let input = items(&pairs); // 50 + 9 = 59, then + 1
    let mut more = input.clone();
    more.items.insert("3-2-2".into(), 1);
    assert_eq!(score(ed(), &more, &mut Trace::off())?.grade, Grade::NonCompliant);
    assert_eq!(score(&e, &more, &mut Trace::off())?.grade, Grade::BasicallyCompliant);
    assert_eq!(score(&e, &input, &mut Trace::off())?.grade, Grade::NonCompliant);
    Ok(())
}

#[test]
fn bad_points_and_unknown_ids_name_the_item() {
    for (id, pts) in [
        ("1-1-1", 3),
        ("1-1-1", -1),
        ("4-2-1", 1),
        ("4-2-1", 8),
        ("5-1-2", -1),
        ("5-2-1", 6),
        ("5-3-3", -6),
        ("5-3-3", 2),
        ("4-1-13", 1),
        ("0-0-0", 0),
    ] {
        let err = score(ed(), &items(&[(id, pts)]), &mut Trace::off()).err();
        let want = format!("input.items.{id}");
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some(want.as_str()), "{id} = {pts}");
        assert_eq!(err.as_ref().map(|e| e.code()), Some("invalid_input"));
    }
}

fn rank(g: Grade) -> u8 {
    match g {
        Grade::NonCompliant => 0,
        Grade::BasicallyCompliant => 1,
        Grade::Compliant => 2,
        Grade::Exemplary => 3,
    }
}

/// Any valid points for `item`.
fn allowed(item: &RubricItem) -> Vec<i32> {
    let steps = item.steps.iter().filter_map(|s| i32::try_from(*s).ok());
    match item.scoring {
        "range" => (0..=i32::try_from(item.value).unwrap_or(0)).collect(),
        "choice" => std::iter::once(0).chain(steps).collect(),
        _ => std::iter::once(0).chain(steps.map(|s| -s)).collect(),
    }
}

fn any_scores() -> impl Strategy<Value = ScoreInput> {
    let per_item: Vec<_> = rubric()
        .iter()
        .map(|i| prop::option::of(prop::sample::select(allowed(i))).prop_map(move |p| (i.id, p)))
        .collect();
    per_item.prop_map(|v| ScoreInput {
        items: v.into_iter().filter_map(|(id, p)| p.map(|p| (id.to_owned(), p))).collect(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn totals_stay_within_the_rubric_and_add_up(input in any_scores()) {
        let p = &ed().labor_relations;
        let out = score(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!((-42..=150).contains(&out.total), "{}", out.total);
        prop_assert!(out.compliance <= p.compliance_cap && out.institution <= p.institution_cap && out.development <= p.development_cap);
        prop_assert_eq!(out.bonus, out.bonus_uncapped.min(p.bonus_cap));
        prop_assert!(out.deductions <= 0 && out.deductions >= -42);
        let sum = |c: u32| rubric().iter().filter(|i| i.category == c).map(|i| i64::from(*input.items.get(i.id).unwrap_or(&0))).sum::<i64>();
        prop_assert_eq!(i64::from(out.compliance), sum(1));
        prop_assert_eq!(i64::from(out.institution), sum(2));
        prop_assert_eq!(i64::from(out.development), sum(3));
        prop_assert_eq!(i64::from(out.bonus_uncapped), sum(4));
        prop_assert_eq!(i64::from(out.deductions), sum(5));
        prop_assert_eq!(
            i64::from(out.total),
            i64::from(out.compliance) + i64::from(out.institution) + i64::from(out.development) + i64::from(out.bonus) + i64::from(out.deductions)
        );
    }

    #[test]
    fn the_grade_is_monotone_in_the_total(a in any_scores(), b in any_scores()) {
        let x = score(ed(), &a, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let y = score(ed(), &b, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if x.total <= y.total {
            prop_assert!(rank(x.grade) <= rank(y.grade), "{} {:?} vs {} {:?}", x.total, x.grade, y.total, y.grade);
        }
        if x.total == y.total {
            prop_assert_eq!(x.grade, y.grade);
        }
    }

    #[test]
    fn points_outside_the_allowed_set_are_refused(idx in any::<prop::sample::Index>(), pts in -10i32..=10) {
        let item = idx.get(rubric());
        let out = score(ed(), &items(&[(item.id, pts)]), &mut Trace::off());
        let want = format!("input.items.{}", item.id);
        if allowed(item).contains(&pts) {
            prop_assert!(out.is_ok());
        } else {
            let err = out.err();
            prop_assert_eq!(err.as_ref().and_then(|e| e.path()), Some(want.as_str()));
        }
    }

    #[test]
    fn guidance_subsidy_is_150_a_person_day(days in any::<u32>()) {
        let out = guidance_subsidy(ed(), &GuidanceInput { person_days: days }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Some(out.subsidy), ed().labor_relations.guidance_subsidy_per_day.checked_mul_count(u64::from(days)));
    }
}

// ---- labor_relations.reporting (issue 4) ---------------------------------------------------------

use shftu_rules::labor_relations::{reporting, Reason, ReportingInput};

#[test]
fn worked_example_a_target_below_last_year() -> TestResult {
    // §6 五(一)–(二): last year 150 enterprises, this year 140 planned — too few; asked on 2023-04-03 the
    // next report is due at the end of June.
    let input = ReportingInput {
        last_year_target: 150,
        target: 140,
        as_of: Some(d("2023-04-03")),
    };
    let out = traced(|t| reporting(ed(), &input, t))?;
    assert!(!out.result.target_ok);
    assert_eq!(out.result.reasons, vec![Reason::BelowLastYearTarget]);
    assert_eq!(out.result.next_report_due, Some(d("2023-06-30")));
    assert_eq!(
        out.result.report_due_dates,
        [d("2023-03-31"), d("2023-06-30"), d("2023-09-30"), d("2023-11-30")]
    );
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn as_of_is_a_date_the_edition_answers_for() {
    // 18.4: the day asked about is a filing date: 2022-12-01..2025-12-31, else refused at input.as_of.
    for bad in ["2022-11-30", "2026-01-01"] {
        let input = ReportingInput {
            last_year_target: 10,
            target: 10,
            as_of: Some(d(bad)),
        };
        let err = reporting(ed(), &input, &mut Trace::off()).err();
        assert_eq!(err.as_ref().and_then(|e| e.path()), Some("input.as_of"), "{bad}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn the_target_and_the_next_report(last in any::<u32>(), target in any::<u32>(), day in 0u32..500) {
        let as_of = d("2022-12-01") + chrono::Days::new(u64::from(day));
        let out = reporting(ed(), &ReportingInput { last_year_target: last, target, as_of: Some(as_of) }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.min_target, last);
        prop_assert_eq!(out.target_ok, target >= last);
        prop_assert_eq!(out.target_ok, out.reasons.is_empty());
        match out.next_report_due {
            Some(n) => {
                prop_assert!(n >= as_of);
                prop_assert!(out.report_due_dates.iter().all(|x| *x < as_of || *x >= n));
            }
            None => prop_assert!(out.report_due_dates.iter().all(|x| *x < as_of)),
        }
    }
}
