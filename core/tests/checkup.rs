//! §9 checkups: worked examples (insta snapshots, reviewed by hand), the table as printed, and
//! invariants (proptest).

use proptest::prelude::*;
use shftu_rules::checkup::{package_row, quote, Package, QuoteInput, QuoteLine};
use shftu_rules::{Money, Trace};

mod common;
use common::{ed, traced, yuan, TestResult};

#[test]
fn worked_example_two_l1_and_a_cardio_pack() -> TestResult {
    // §9 五: L1 is 310 a person, of which the city union pays 155 and the worker's side 155; the
    // cardio pack (心功能专项包) is 200 = 100 + 100. Two L1 and one cardio: 820 = 410 + 410.
    let input = QuoteInput {
        lines: vec![
            QuoteLine {
                package: Package::L1,
                count: 2,
            },
            QuoteLine {
                package: Package::Cardio,
                count: 1,
            },
        ],
    };
    let out = traced(|t| quote(ed(), &input, t))?;
    assert_eq!(out.result.total.price, yuan("820.00"));
    assert_eq!(out.result.total.subsidy, yuan("410.00"));
    assert_eq!(out.result.total.payable, yuan("410.00"));
    assert_eq!(out.result.lines[0].price, yuan("620.00"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_l4_is_the_2022_l6_plan() -> TestResult {
    // L4 (同2022年L6计划): 810, half (405) from the city union; 4 people 3240 = 1620 + 1620.
    let input = QuoteInput {
        lines: vec![QuoteLine {
            package: Package::L4,
            count: 4,
        }],
    };
    let out = traced(|t| quote(ed(), &input, t))?;
    assert_eq!(out.result.total.price, yuan("3240.00"));
    assert_eq!(out.result.total.subsidy, yuan("1620.00"));
    assert_eq!(package_row(ed(), Package::L4).map(|r| r.plan_2022), Some("L6"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn the_table_is_the_seeds() {
    // The printed table (价格 / 市总补贴 / 实付), row by row, and each row adds up.
    let printed = [
        ("L1", 310, 155, "L1"),
        ("L2", 460, 230, "L2"),
        ("L3", 660, 330, "L3"),
        ("L4", 810, 405, "L6"),
        ("cardio", 200, 100, ""),
        ("blood", 200, 100, ""),
        ("female_two", 200, 100, ""),
        ("tumor", 300, 150, ""),
        ("stroke", 300, 150, ""),
    ];
    let rows = ed().checkup.packages;
    assert_eq!(rows.len(), printed.len());
    assert_eq!(Package::ALL.len(), printed.len());
    for ((id, price, subsidy, plan), (row, pkg)) in printed.iter().zip(rows.iter().zip(Package::ALL)) {
        assert_eq!(row.id, *id);
        assert_eq!(pkg.as_str(), *id, "the enum follows the table's order");
        assert_eq!(row.price, Money::from_yuan(*price), "{id}");
        assert_eq!(row.subsidy, Money::from_yuan(*subsidy), "{id}");
        assert_eq!(
            row.subsidy.checked_add(row.payable),
            Some(row.price),
            "{id}: 市总补贴 + 实付 = 价格"
        );
        assert_eq!(row.plan_2022, *plan, "{id}");
    }
}

#[test]
fn prices_come_from_the_edition() -> TestResult {
    let mut e = ed().clone();
    e.name = "test-cheaper-l1";
    let mut rows = e.checkup.packages.to_vec();
    rows[0].price = Money::from_yuan(300);
    rows[0].payable = Money::from_yuan(145);
    e.checkup.packages = Box::leak(rows.into_boxed_slice());
    let input = QuoteInput {
        lines: vec![QuoteLine {
            package: Package::L1,
            count: 1,
        }],
    };
    let out = quote(&e, &input, &mut Trace::off())?;
    assert_eq!(out.total.price, Money::from_yuan(300));
    assert_eq!(out.total.payable, Money::from_yuan(145));
    Ok(())
}

fn any_line() -> impl Strategy<Value = QuoteLine> {
    (prop::sample::select(Package::ALL.to_vec()), prop_oneof![0u32..50, 0u32..=u32::MAX])
        .prop_map(|(package, count)| QuoteLine { package, count })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, .. ProptestConfig::default() })]

    #[test]
    fn totals_are_the_sums_of_the_lines_and_every_line_adds_up(lines in prop::collection::vec(any_line(), 0..30)) {
        let input = QuoteInput { lines };
        let out = quote(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.lines.len(), input.lines.len());
        let (mut price, mut subsidy, mut payable) = (Money::ZERO, Money::ZERO, Money::ZERO);
        for (l, q) in input.lines.iter().zip(&out.lines) {
            prop_assert_eq!(q.package, l.package);
            prop_assert_eq!(q.count, l.count);
            prop_assert_eq!(q.unit_subsidy.checked_add(q.unit_payable), Some(q.unit_price));
            prop_assert_eq!(q.subsidy.checked_add(q.payable), Some(q.price));
            prop_assert_eq!(q.unit_price.checked_mul_count(u64::from(l.count)), Some(q.price));
            prop_assert!(q.subsidy <= q.price);
            price = price.checked_add(q.price).unwrap_or(Money::ZERO);
            subsidy = subsidy.checked_add(q.subsidy).unwrap_or(Money::ZERO);
            payable = payable.checked_add(q.payable).unwrap_or(Money::ZERO);
        }
        prop_assert_eq!(out.total.price, price);
        prop_assert_eq!(out.total.subsidy, subsidy);
        prop_assert_eq!(out.total.payable, payable);
        prop_assert_eq!(out.total.subsidy.checked_add(out.total.payable), Some(out.total.price));
    }
}

// ---- checkup.packages (issue 4) ----------------------------------------------------------------

use shftu_rules::checkup::{packages, PackageKind, PackagesInput};

#[test]
fn worked_example_the_routine_packages() -> TestResult {
    // §9 二/五: four routine packages; L1–L3 continue the 2022 plans of the same name, L4 the 2022 L6.
    let out = traced(|t| {
        packages(
            ed(),
            &PackagesInput {
                kind: Some(PackageKind::Routine),
            },
            t,
        )
    })?;
    let plans: Vec<Option<&str>> = out.result.packages.iter().map(|p| p.plan_2022).collect();
    assert_eq!(plans, [Some("L1"), Some("L2"), Some("L3"), Some("L6")]);
    assert_eq!(out.result.target_people, 20_000);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn the_list_agrees_with_the_quote_and_only_female_two_is_in_hospital() -> TestResult {
    let all = packages(ed(), &PackagesInput::default(), &mut Trace::off())?;
    assert_eq!(all.packages.len(), Package::ALL.len());
    let in_hospital: Vec<Package> = all.packages.iter().filter(|p| p.in_hospital_only).map(|p| p.package).collect();
    assert_eq!(in_hospital, [Package::FemaleTwo]);
    for info in &all.packages {
        let q = quote(
            ed(),
            &QuoteInput {
                lines: vec![QuoteLine {
                    package: info.package,
                    count: 1,
                }],
            },
            &mut Trace::off(),
        )?;
        assert_eq!(
            (q.total.price, q.total.subsidy, q.total.payable),
            (info.price, info.subsidy, info.payable)
        );
        assert_eq!(info.plan_2022.is_some(), info.kind == PackageKind::Routine, "{}", info.package);
    }
    // The two filters split the list.
    let routine = packages(
        ed(),
        &PackagesInput {
            kind: Some(PackageKind::Routine),
        },
        &mut Trace::off(),
    )?;
    let special = packages(
        ed(),
        &PackagesInput {
            kind: Some(PackageKind::Special),
        },
        &mut Trace::off(),
    )?;
    assert_eq!((routine.packages.len(), special.packages.len()), (4, 5));
    Ok(())
}
