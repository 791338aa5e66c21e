//! §5 mutual aid: worked examples (insta snapshots, reviewed by hand), invariants (proptest), and the
//! proof that answers change with the edition's data alone.

use chrono::NaiveDate;
use proptest::prelude::*;
use shftu_rules::mutual_aid::{
    adjudicate, change, claim_deadline, enroll, AdjudicateInput, Benefit, ChangeInput, Channel, Claim, ClaimDeadlineInput, ClaimStatus,
    EnrollInput, Industry, Policy, Reason, Tier, TierChange,
};
use shftu_rules::{Calendar, Edition, Engine, Money, Trace};

mod common;
use common::{d, ed, traced, TestResult};

fn enroll_input(tier: Tier, channel: Channel, date: &str) -> EnrollInput {
    EnrollInput {
        tier,
        channel,
        date: d(date),
        industry: Industry::FoodDelivery,
        birth_date: d("1990-04-01"),
        platform_worker: true,
        renewing_2022_plan: false,
    }
}

// ---- worked examples -------------------------------------------------------------------------

#[test]
fn worked_example_individual_rider_joins_in_august() -> TestResult {
    // A food-delivery rider pays online on 2023-08-20: cover from 1 September, 4 months, so the
    // half-year premium of 36 (§5 一(四)2, 一(五)3(2)).
    let out = traced(|t| enroll(ed(), &enroll_input(Tier::E, Channel::Individual, "2023-08-20"), t))?;
    assert_eq!(out.result.coverage_start, Some(d("2023-09-01")));
    assert_eq!(out.result.fee, Some(Money::from_yuan(36)));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_upgrade_then_hospital_and_accident() -> TestResult {
    // A D member upgrades to E from 1 June. 150 hospital days in March are paid at 60 a day; 40 days in
    // July at 300 a day, but only 30 of the 180 days are left; a grade-3 disability in July pays
    // 80% of 150,000; a late consolation claim (filed 2026) is refused.
    let input = AdjudicateInput {
        policy: Policy {
            tier: Tier::D,
            coverage_start: d("2023-01-01"),
            coverage_end: d("2023-12-31"),
            changes: vec![TierChange {
                to: Tier::E,
                effective_from: d("2023-06-01"),
            }],
        },
        claims: vec![
            Claim {
                benefit: Benefit::HospitalDays,
                event_date: d("2023-03-01"),
                filed_on: d("2023-04-01"),
                days: Some(150),
                grade: None,
                amount: None,
            },
            Claim {
                benefit: Benefit::HospitalDays,
                event_date: d("2023-07-01"),
                filed_on: d("2023-08-01"),
                days: Some(40),
                grade: None,
                amount: None,
            },
            Claim {
                benefit: Benefit::AccidentDisability,
                event_date: d("2023-07-10"),
                filed_on: d("2023-09-01"),
                days: None,
                grade: Some(3),
                amount: None,
            },
            Claim {
                benefit: Benefit::AccidentConsolation,
                event_date: d("2023-07-10"),
                filed_on: d("2026-01-05"),
                days: None,
                grade: None,
                amount: None,
            },
        ],
    };
    let out = traced(|t| adjudicate(ed(), &Calendar::builtin(), &input, t))?;
    let pays: Vec<String> = out.result.decisions.iter().map(|x| x.payable.to_string()).collect();
    assert_eq!(pays, ["9000.00", "9000.00", "120000.00", "0.00"]);
    assert_eq!(out.result.total_payable.to_string(), "138000.00");
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_disease_death_deadline_moves_past_the_weekend() -> TestResult {
    let input = ClaimDeadlineInput {
        benefit: Benefit::DiseaseDeath,
        coverage_end: d("2023-12-31"),
        event_date: None,
    };
    let out = traced(|t| claim_deadline(ed(), &Calendar::builtin(), &input, t))?;
    assert_eq!(out.result.last_day, d("2024-07-01"));
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_change_d_to_e() -> TestResult {
    let input = ChangeInput {
        from: Tier::D,
        to: Tier::E,
        date: d("2023-09-12"),
        coverage_end: None,
    };
    let out = traced(|t| change(ed(), &input, t))?;
    assert_eq!(out.result.effective_from, Some(d("2023-10-01")));
    insta::assert_json_snapshot!(out);
    Ok(())
}

// ---- parameters are data ---------------------------------------------------------------------

fn edition_with_e_premium_80() -> Edition {
    let mut e = ed().clone();
    e.name = "test-e80";
    e.mutual_aid.e_premium_full = Money::from_yuan(80);
    e
}

#[test]
fn the_e_premium_comes_from_the_edition() -> TestResult {
    let input = enroll_input(Tier::E, Channel::Group, "2023-01-10");
    let base = enroll(ed(), &input, &mut Trace::off())?;
    let other = enroll(&edition_with_e_premium_80(), &input, &mut Trace::off())?;
    assert_eq!(base.fee, Some(Money::from_yuan(72)));
    assert_eq!(other.fee, Some(Money::from_yuan(80)));
    Ok(())
}

#[test]
fn an_engine_selects_a_host_edition_by_name() {
    let engine = Engine::builtin().with_edition(edition_with_e_premium_80());
    let req = r#"{"rule":"mutual_aid.enroll","edition":"test-e80","input":{"tier":"E","channel":"group","date":"2023-01-10","industry":"courier","birth_date":"1990-01-01"}}"#;
    let out = engine.evaluate(req);
    assert!(out.contains(r#""edition":"test-e80""#), "{out}");
    assert!(out.contains(r#""fee":"80.00""#), "{out}");
    assert!(shftu_rules::evaluate(req).contains(r#""code":"unknown_edition""#));
}

#[test]
fn a_lower_total_cap_cuts_with_total_cap_reached() -> TestResult {
    // With 2023's figures the total caps cannot bind before the per-benefit and accident caps do
    // (spec/readings.md R7), so the reason is shown with an edition whose total cap is lower.
    let mut e = ed().clone();
    e.mutual_aid.total_cap.e = Some(Money::from_yuan(25_000));
    let claim = |b| Claim {
        benefit: b,
        event_date: d("2023-03-01"),
        filed_on: d("2023-04-01"),
        days: None,
        grade: None,
        amount: None,
    };
    let input = AdjudicateInput {
        policy: Policy {
            tier: Tier::E,
            coverage_start: d("2023-01-01"),
            coverage_end: d("2023-12-31"),
            changes: vec![],
        },
        claims: vec![claim(Benefit::CriticalIllness), claim(Benefit::DiseaseDeath)],
    };
    let out = adjudicate(&e, &Calendar::builtin(), &input, &mut Trace::off())?;
    assert_eq!(out.decisions[1].status, ClaimStatus::PartiallyPaid);
    assert_eq!(out.decisions[1].payable, Money::from_yuan(5_000));
    assert_eq!(out.decisions[1].reasons, vec![Reason::TotalCapReached]);
    Ok(())
}

#[test]
fn the_tier_tables_match_their_printed_limits() {
    // The seed prints both the per-day amount and the period limit (60 × 180 = 10,800; 300 × 180 = 54,000).
    let p = &ed().mutual_aid;
    for t in Tier::ALL {
        if let (Some(daily), Some(days), Some(cap)) = (t.of(&p.hospital_daily), t.of(&p.hospital_max_days), t.of(&p.hospital_cap)) {
            assert_eq!(daily.checked_mul_count(u64::from(days)), Some(cap), "tier {t}");
        }
        // 合计 = 住院 + 重疾 + 意外 + 疾病身故 as printed (E adds the medical subsidy and counts one death).
        let sum = [p.hospital_cap, p.critical_illness, p.accident_cap, p.disease_death]
            .iter()
            .filter_map(|x| t.of(x))
            .try_fold(Money::ZERO, Money::checked_add);
        if *t != Tier::E {
            assert_eq!(sum, t.of(&p.total_cap), "tier {t}");
        }
    }
    assert_eq!(p.claim_windows.len(), Benefit::ALL.len());
    let industries: Vec<&str> = p.industries.iter().map(|i| i.id).collect();
    let enum_ids: Vec<&str> = Industry::ALL.iter().map(|i| i.as_str()).collect();
    assert_eq!(industries, enum_ids);
}

// ---- the catalogue ---------------------------------------------------------------------------

#[test]
fn every_code_of_the_family_has_a_chinese_label_and_the_plans_words_as_aliases() {
    use shftu_rules::msg::{alias, label, rule_title};
    use shftu_rules::mutual_aid::{ClaimStatus, DeadlineBasis, FeeKind, PaymentReason};
    let sets: [(&str, &[&str]); 9] = [
        (Tier::KIND, Tier::CODES),
        (Channel::KIND, Channel::CODES),
        (Industry::KIND, Industry::CODES),
        (Benefit::KIND, Benefit::CODES),
        (FeeKind::KIND, FeeKind::CODES),
        (Reason::KIND, Reason::CODES),
        (ClaimStatus::KIND, ClaimStatus::CODES),
        (DeadlineBasis::KIND, DeadlineBasis::CODES),
        (PaymentReason::KIND, PaymentReason::CODES),
    ];
    for (kind, codes) in sets {
        for code in codes {
            let zh = label(kind, code, shftu_rules::Lang::ZhCn);
            assert!(zh.is_some_and(|z| !z.is_empty()), "{kind} {code} has no zh-CN label");
        }
    }
    // The thirteen industries by the plan's names (§5 一(一)), as the edition's table spells them.
    for row in ed().mutual_aid.industries {
        assert_eq!(label(Industry::KIND, row.id, shftu_rules::Lang::ZhCn), Some(row.zh), "{}", row.id);
        assert_eq!(alias(Industry::KIND, row.zh), Some(row.id));
    }
    for (name, code) in [("E类", "E"), ("D类", "D"), ("C类", "C")] {
        assert_eq!(alias(Tier::KIND, name), Some(code));
    }
    for (name, code) in [("团体参保", "group"), ("个人参保", "individual")] {
        assert_eq!(alias(Channel::KIND, name), Some(code));
    }
    for (name, code) in [
        ("住院天数补助金", "hospital_days"),
        ("特种重病保障金", "critical_illness"),
        ("十二类重大疾病", "critical_illness"),
        ("重大疾病住院医疗补助金", "ci_medical_subsidy"),
        ("意外身故保障金", "accident_death"),
        ("意外伤残保障金", "accident_disability"),
        ("意外慰问金", "accident_consolation"),
        ("疾病身故保障金", "disease_death"),
    ] {
        assert_eq!(alias(Benefit::KIND, name), Some(code));
    }
    for r in shftu_rules::RULES.iter().filter(|r| r.id.starts_with("mutual_aid.")) {
        assert!(rule_title(r.id, shftu_rules::Lang::ZhCn).is_some_and(|t| !t.is_empty()), "{}", r.id);
    }
}

#[test]
fn a_request_may_name_tiers_benefits_and_industries_in_the_plans_words() {
    let req = r#"{"rule":"mutual_aid.enroll","input":{"tier":"E类","channel":"个人参保","date":"2023-08-20","industry":"网约送餐","birth_date":"1990-04-01","platform_worker":true}}"#;
    let out = shftu_rules::evaluate(req);
    assert!(out.contains(r#""accepted":true"#) && out.contains(r#""fee":"36.00""#), "{out}");
    let req = r#"{"rule":"mutual_aid.claim_deadline","lang":"zh-CN","input":{"benefit":"疾病身故保障金","coverage_end":"2023-12-31"}}"#;
    let out = shftu_rules::evaluate(req);
    assert!(
        out.contains(r#""last_day":"2024-07-01""#) && out.contains("疾病身故保障金：自保障期满之日"),
        "{out}"
    );
}

// ---- invariants ------------------------------------------------------------------------------

fn any_date(from: &str, days: u32) -> impl Strategy<Value = NaiveDate> {
    let base = d(from);
    (0..=days).prop_map(move |n| base + chrono::Days::new(u64::from(n)))
}

fn any_tier() -> impl Strategy<Value = Tier> {
    prop::sample::select(Tier::ALL.to_vec())
}

fn any_claim() -> impl Strategy<Value = Claim> {
    (
        prop::sample::select(Benefit::ALL.to_vec()),
        any_date("2022-12-01", 420),
        0u32..900,
        1u32..200,
        1u32..=10,
        2_000i64..=80_000,
    )
        .prop_map(|(benefit, event_date, delay, days, grade, yuan)| Claim {
            benefit,
            event_date,
            filed_on: event_date + chrono::Days::new(u64::from(delay)),
            days: (benefit == Benefit::HospitalDays).then_some(days),
            grade: (benefit == Benefit::AccidentDisability).then_some(grade),
            amount: (benefit == Benefit::CiMedicalSubsidy).then_some(Money::from_yuan(yuan)),
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn claims_never_pay_above_any_cap(
        tier in any_tier(),
        upgrade in prop::option::of((any_tier(), any_date("2023-01-01", 364))),
        claims in prop::collection::vec(any_claim(), 0..40),
    ) {
        let policy = Policy {
            tier,
            coverage_start: d("2023-01-01"),
            coverage_end: d("2023-12-31"),
            changes: upgrade.map(|(to, effective_from)| TierChange { to, effective_from }).into_iter().collect(),
        };
        let top = policy.changes.iter().map(|c| c.to).fold(tier, Ord::max);
        let input = AdjudicateInput { policy, claims };
        let out = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off());
        prop_assert!(out.is_ok(), "{:?}", out);
        let out = out.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let p = &ed().mutual_aid;
        let mut by = std::collections::BTreeMap::<Benefit, Money>::new();
        let (mut accident, mut total, mut deaths) = (Money::ZERO, Money::ZERO, 0);
        for (c, dec) in input.claims.iter().zip(&out.decisions) {
            let e = by.entry(c.benefit).or_default();
            *e = e.checked_add(dec.payable).unwrap_or(Money::ZERO);
            if c.benefit.is_accident() { accident = accident.checked_add(dec.payable).unwrap_or(Money::ZERO); }
            total = total.checked_add(dec.payable).unwrap_or(Money::ZERO);
            if c.benefit.is_death() && !dec.payable.is_zero() { deaths += 1; }
            prop_assert_eq!(dec.status == ClaimStatus::Rejected, dec.payable.is_zero());
        }
        prop_assert!(deaths <= 1);
        prop_assert_eq!(total, out.total_payable);
        let cap = |t: &shftu_rules::Tiered<Option<Money>>| top.of(t).unwrap_or(Money::ZERO);
        prop_assert!(accident <= cap(&p.accident_cap));
        prop_assert!(total <= cap(&p.total_cap));
        for (b, paid) in by {
            let limit = match b {
                Benefit::HospitalDays => cap(&p.hospital_cap),
                Benefit::CriticalIllness => cap(&p.critical_illness),
                Benefit::CiMedicalSubsidy => cap(&p.ci_medical_cap),
                Benefit::AccidentDeath => cap(&p.accident_death),
                Benefit::AccidentDisability => cap(&p.accident_disability_sum),
                Benefit::AccidentConsolation => cap(&p.consolation_cap),
                Benefit::DiseaseDeath => cap(&p.disease_death),
            };
            prop_assert!(paid <= limit, "{} paid {} over {}", b, paid, limit);
        }
    }

    #[test]
    fn enrolment_start_is_before_end_and_the_fee_is_one_of_the_plans(
        tier in any_tier(),
        channel in prop::sample::select(Channel::ALL.to_vec()),
        date in any_date("2022-10-01", 500),
        age_days in 6_000u32..30_000,
        industry in prop::sample::select(Industry::ALL.to_vec()),
        platform_worker in any::<bool>(),
        renewing_2022_plan in any::<bool>(),
    ) {
        let input = EnrollInput { tier, channel, date, industry, birth_date: date - chrono::Days::new(u64::from(age_days)), platform_worker, renewing_2022_plan };
        let out = enroll(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.accepted, out.reasons.is_empty());
        if let (Some(s), Some(e), Some(fee)) = (out.coverage_start, out.coverage_end, out.fee) {
            prop_assert!(s <= e);
            prop_assert!(["0.00", "120.00", "36.00", "72.00"].contains(&fee.to_string().as_str()));
            prop_assert_eq!(chrono::Datelike::day(&s), 1, "cover starts on the 1st of a month");
        } else {
            prop_assert!(!out.accepted);
        }
    }

    #[test]
    fn a_deadline_is_never_before_its_base_and_lands_on_a_working_day(
        benefit in prop::sample::select(Benefit::ALL.to_vec()),
        coverage_end in any_date("2022-01-01", 1000),
        event in any_date("2022-01-01", 1000),
    ) {
        let input = ClaimDeadlineInput { benefit, coverage_end, event_date: Some(event) };
        let cal = Calendar::builtin();
        match claim_deadline(ed(), &cal, &input, &mut Trace::off()) {
            Ok(out) => {
                let base = if benefit == Benefit::AccidentDisability { event } else { coverage_end };
                prop_assert!(out.last_day > base);
                prop_assert_eq!(cal.is_working_day(out.last_day).ok(), Some(true));
            }
            Err(e) => prop_assert_eq!(e.code(), "calendar_unavailable"),
        }
    }

    #[test]
    fn add_working_days_lands_on_a_working_day_with_exactly_n_between(from in any_date("2022-01-01", 1300), n in 0u32..60) {
        let cal = Calendar::builtin();
        if let Ok(to) = cal.add_working_days(from, n) {
            let mut count = 0;
            let mut day = from;
            while day < to {
                day = day.succ_opt().unwrap_or(day);
                if cal.is_working_day(day).unwrap_or(false) { count += 1; }
            }
            prop_assert_eq!(count, n);
            if n > 0 { prop_assert_eq!(cal.is_working_day(to).ok(), Some(true)); }
        }
    }
}
