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
        already_enrolled: false,
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
    // 80% of 150,000; a grade-10 disability of 5 March filed on 1 December, after its 180 days, is
    // refused. The claims are decided by event day (the March disability second), answered in the
    // request's order.
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
                benefit: Benefit::AccidentDisability,
                event_date: d("2023-03-05"),
                filed_on: d("2023-12-01"),
                days: None,
                grade: Some(10),
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
        coverage_start: None,
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

// ---- readings of the plan (issue 15) and dates inside the edition (issue 18.4) -----------------

fn policy(tier: Tier, start: &str, end: &str, changes: &[(Tier, &str)]) -> Policy {
    Policy {
        tier,
        coverage_start: d(start),
        coverage_end: d(end),
        changes: changes
            .iter()
            .map(|(to, from)| TierChange {
                to: *to,
                effective_from: d(from),
            })
            .collect(),
    }
}

fn claim(benefit: Benefit, event: &str, filed: &str) -> Claim {
    Claim {
        benefit,
        event_date: d(event),
        filed_on: d(filed),
        days: (benefit == Benefit::HospitalDays).then_some(3),
        grade: (benefit == Benefit::AccidentDisability).then_some(10),
        amount: (benefit == Benefit::CiMedicalSubsidy).then_some(Money::from_yuan(2_000)),
    }
}

#[test]
fn the_order_of_claims_does_not_change_what_is_paid() -> TestResult {
    // §5 一(六) 按就高原则进行给付，不叠加给付 (readings R27). D→E from 1 July: an E medical subsidy of
    // 80,000 in August and a D grade-1 disability in March. Sent E first, the old reading (R7) cut the
    // disability to D's total cap less the subsidy (10,800); now each is paid on its own tier's terms in
    // either order: 60,000 under D, then 80,000 under E.
    let sub = Claim {
        amount: Some(Money::from_yuan(80_000)),
        ..claim(Benefit::CiMedicalSubsidy, "2023-08-10", "2023-08-20")
    };
    let dis = Claim {
        grade: Some(1),
        ..claim(Benefit::AccidentDisability, "2023-03-10", "2023-04-01")
    };
    let pol = policy(Tier::D, "2023-01-01", "2023-12-31", &[(Tier::E, "2023-07-01")]);
    let run = |claims: Vec<Claim>| {
        adjudicate(
            ed(),
            &Calendar::builtin(),
            &AdjudicateInput {
                policy: pol.clone(),
                claims,
            },
            &mut Trace::off(),
        )
    };
    let e_first = run(vec![sub.clone(), dis.clone()])?;
    let d_first = run(vec![dis, sub])?;
    let pays = |a: &shftu_rules::mutual_aid::Adjudication| a.decisions.iter().map(|x| x.payable.to_string()).collect::<Vec<_>>();
    assert_eq!(pays(&e_first), ["80000.00", "60000.00"]);
    assert_eq!(pays(&d_first), ["60000.00", "80000.00"]);
    assert_eq!(e_first.total_payable, d_first.total_payable);
    // The trace still names claims by their number in the request, and says in which order they were decided.
    let t = traced(|t| {
        adjudicate(
            ed(),
            &Calendar::builtin(),
            &AdjudicateInput {
                policy: pol.clone(),
                claims: vec![
                    claim(Benefit::CriticalIllness, "2023-08-01", "2023-09-01"),
                    claim(Benefit::CriticalIllness, "2023-03-01", "2023-04-01"),
                ],
            },
            t,
        )
    })?;
    let notes: Vec<String> = t.trace.iter().map(|s| s.note(shftu_rules::msg::Render::EN)).collect();
    assert!(notes[0].ends_with(": 2, 1"), "{notes:?}");
    assert!(notes[1].starts_with("claim 2, tier D critical_illness: 10000.00"), "{notes:?}");
    assert_eq!(pays(&t.result), ["10000.00", "10000.00"]);
    assert_eq!(t.result.decisions[0].reasons, vec![Reason::BenefitCapReached]);
    Ok(())
}

#[test]
fn a_claim_on_the_first_day_of_cover_is_payable() -> TestResult {
    // 均不设免责期 (§5 一(四)): no waiting period, so an event on the first day of cover is covered, for
    // every tier and every benefit the tier has; the day before is outside cover (readings R22).
    for tier in Tier::ALL {
        for b in Benefit::ALL {
            let pol = policy(*tier, "2023-07-01", "2023-12-31", &[]);
            let input = AdjudicateInput {
                policy: pol.clone(),
                claims: vec![claim(*b, "2023-07-01", "2023-07-15")],
            };
            let out = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off())?;
            let dec = &out.decisions[0];
            assert!(
                dec.status == ClaimStatus::Paid || dec.reasons == [Reason::NotCovered],
                "{tier} {b} on the first day: {dec:?}"
            );
            let input = AdjudicateInput {
                policy: pol,
                claims: vec![claim(*b, "2023-06-30", "2023-07-15")],
            };
            let out = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off())?;
            assert!(
                out.decisions[0].reasons.contains(&Reason::EventOutsideCoverage),
                "{tier} {b} the day before"
            );
        }
    }
    Ok(())
}

#[test]
fn a_second_policy_in_the_period_is_refused() -> TestResult {
    // 一个保障期内每位劳动者只能参保一份，超出份数无效 (§5 一(三)2; readings R21).
    let mut input = enroll_input(Tier::E, Channel::Group, "2023-05-15");
    assert!(enroll(ed(), &input, &mut Trace::off())?.accepted);
    input.already_enrolled = true;
    let out = enroll(ed(), &input, &mut Trace::off())?;
    assert!(!out.accepted);
    assert_eq!(out.reasons, vec![Reason::AlreadyEnrolled]);
    assert_eq!((out.fee, out.coverage_start), (None, None));
    // Absent, the flag is false: old requests keep their answers.
    let req = r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}}"#;
    assert!(shftu_rules::evaluate(req).contains(r#""accepted":true"#));
    Ok(())
}

#[test]
fn a_platform_worker_of_any_of_the_thirteen_industries_may_enrol_individually() -> TestResult {
    // §5 一(三)2 从事网约送餐、货运驾驶、物流快递、网约车司机等行业: 等 leaves the list open; the platform
    // conditions (platform_worker) close it (readings R23).
    for industry in Industry::ALL {
        let mut input = EnrollInput {
            industry: *industry,
            ..enroll_input(Tier::E, Channel::Individual, "2023-03-10")
        };
        let out = enroll(ed(), &input, &mut Trace::off())?;
        assert!(out.accepted, "{industry}: {out:?}");
        assert_eq!(out.coverage_start, Some(d("2023-04-01")));
        input.platform_worker = false;
        assert_eq!(
            enroll(ed(), &input, &mut Trace::off())?.reasons,
            vec![Reason::ChannelNotEligible],
            "{industry}"
        );
        input.platform_worker = true;
        input.renewing_2022_plan = true;
        assert_eq!(
            enroll(ed(), &input, &mut Trace::off())?.reasons,
            vec![Reason::ChannelNotEligible],
            "{industry}"
        );
    }
    Ok(())
}

#[test]
fn an_industry_the_edition_does_not_list_is_refused() -> TestResult {
    // The edition's table of the thirteen industries (§5 一(一) 保障对象) drives enrolment: an edition
    // without 街面雇员 refuses its workers (industry_not_covered) and keeps the others (issue 15.6).
    let mut e = ed().clone();
    e.name = "test-12-industries";
    let rows: Vec<_> = ed()
        .mutual_aid
        .industries
        .iter()
        .filter(|r| r.id != "street_staff")
        .cloned()
        .collect();
    e.mutual_aid.industries = Box::leak(rows.into_boxed_slice());
    let input = EnrollInput {
        industry: Industry::StreetStaff,
        ..enroll_input(Tier::D, Channel::Group, "2023-01-10")
    };
    let out = traced(|t| enroll(&e, &input, t))?;
    assert_eq!(out.result.reasons, vec![Reason::IndustryNotCovered]);
    assert!(out.trace[0]
        .note(shftu_rules::msg::Render::EN)
        .starts_with("street_staff is not one of the plan's industries (物流快递, "));
    let other = EnrollInput {
        industry: Industry::Sanitation,
        ..input
    };
    assert!(enroll(&e, &other, &mut Trace::off())?.accepted);
    Ok(())
}

#[test]
fn a_change_outside_cover_is_refused() -> TestResult {
    // 在保障期内,已参保人员可在保障项目间进行变更 (§5 一(六); readings R20).
    let change_on = |date: &str, start: Option<&str>, end: Option<&str>| {
        change(
            ed(),
            &ChangeInput {
                from: Tier::D,
                to: Tier::E,
                date: d(date),
                coverage_start: start.map(d),
                coverage_end: end.map(d),
            },
            &mut Trace::off(),
        )
    };
    assert_eq!(
        change_on("2023-04-30", Some("2023-05-01"), None)?.reasons,
        vec![Reason::BeforeCoverageStart]
    );
    let first_day = change_on("2023-05-01", Some("2023-05-01"), None)?;
    assert_eq!((first_day.accepted, first_day.effective_from), (true, Some(d("2023-06-01"))));
    assert_eq!(
        change_on("2023-07-01", Some("2023-01-01"), Some("2023-06-30"))?.reasons,
        vec![Reason::AfterCoverageEnd]
    );
    // Without coverage_start, as before: nothing is known of the start.
    assert!(change_on("2022-12-15", None, None)?.accepted);
    let bad = change_on("2023-04-30", Some("2023-08-01"), Some("2023-06-30"));
    assert_eq!(
        bad.err().and_then(|e| e.path().map(str::to_owned)).as_deref(),
        Some("input.coverage_end")
    );
    Ok(())
}

#[test]
fn dates_outside_the_edition_are_refused() {
    // Issue 18.4 (readings R25): the plan's dates (2022-12-01..2023-12-31) for cover, enrolment, event,
    // change and list days; filing and payment days are not bounded above (a late one is answered late);
    // birth dates are neither.
    let cases = [
        (
            r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2099-05-15","industry":"courier","birth_date":"1990-01-01"}}"#,
            "input.date",
        ),
        (
            r#"{"rule":"mutual_aid.change","input":{"from":"D","to":"E","date":"2023-05-15","coverage_end":"2099-12-31"}}"#,
            "input.coverage_end",
        ),
        (
            r#"{"rule":"mutual_aid.claim_deadline","input":{"benefit":"hospital_days","coverage_end":"2099-12-31"}}"#,
            "input.coverage_end",
        ),
        (
            r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"E","coverage_start":"2099-01-01","coverage_end":"2099-12-31"},"claims":[]}}"#,
            "input.policy.coverage_start",
        ),
        (
            r#"{"rule":"mutual_aid.payment_due","input":{"submitted_on":"2099-05-10"}}"#,
            "input.submitted_on",
        ),
    ];
    for (req, path) in cases {
        let out: serde_json::Value = serde_json::from_str(&shftu_rules::evaluate(req)).unwrap_or_default();
        assert_eq!(out["error"]["code"], "invalid_input", "{req}");
        assert_eq!(out["error"]["path"], path, "{req}");
    }
    // Filing and payment days are not bounded above: a filing in 2026 is too late, a payment in 2026 late.
    let late: serde_json::Value = serde_json::from_str(&shftu_rules::evaluate(
        r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"E","coverage_start":"2023-01-01","coverage_end":"2023-12-31"},"claims":[{"benefit":"critical_illness","event_date":"2023-03-01","filed_on":"2026-01-05"}]}}"#,
    ))
    .unwrap_or_default();
    assert_eq!(late["result"]["decisions"][0]["reasons"][0], "claim_window_expired", "{late}");
    let paid: serde_json::Value = serde_json::from_str(&shftu_rules::evaluate(
        r#"{"rule":"mutual_aid.payment_due","input":{"submitted_on":"2023-05-10","paid_on":"2026-01-05"}}"#,
    ))
    .unwrap_or_default();
    assert_eq!(paid["result"]["paid_on_time"], false, "{paid}");
    // A birth date is no date of the plan: a worker born in 1930 is simply too old.
    let old = EnrollInput {
        birth_date: d("1930-06-01"),
        ..enroll_input(Tier::C, Channel::Group, "2023-01-10")
    };
    assert_eq!(
        enroll(ed(), &old, &mut Trace::off()).map(|e| e.reasons).ok(),
        Some(vec![Reason::AgeLimit])
    );
}

/// `n` claims of every benefit over 2023 and `n` changes of tier spread over the year.
fn big_input(n: usize) -> AdjudicateInput {
    let base = d("2023-01-01");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % m
    };
    let changes = (0..n)
        .map(|_| TierChange {
            to: Tier::ALL.get(usize::try_from(next(3)).unwrap_or(0)).copied().unwrap_or(Tier::E),
            effective_from: base + chrono::Days::new(next(365)),
        })
        .collect();
    let claims = (0..n)
        .map(|_| {
            let b = Benefit::ALL
                .get(usize::try_from(next(7)).unwrap_or(0))
                .copied()
                .unwrap_or(Benefit::HospitalDays);
            let event = base + chrono::Days::new(next(365));
            Claim {
                event_date: event,
                filed_on: event + chrono::Days::new(next(150)),
                ..claim(b, "2023-01-01", "2023-01-01")
            }
        })
        .collect();
    AdjudicateInput {
        policy: Policy {
            changes,
            ..policy(Tier::C, "2023-01-01", "2023-12-31", &[])
        },
        claims,
    }
}

#[test]
fn adjudication_time_grows_about_linearly() -> TestResult {
    // Issue 18.3: O((claims + changes) log n). Doubling the claims and the changes at most about doubles
    // the time (a scan of every change for every claim would quadruple it). Each round times n then 2n
    // back to back, so both meet the same load on a busy machine; the ratio counted is the lower of the
    // rounds' median ratio and the ratio of the best times (both near 2 when linear, both near 4 when not:
    // a scan of the changes for each claim measured 4.00 here). SHFTU_SCALE_N sets n (default 8,000).
    let n: usize = std::env::var("SHFTU_SCALE_N").ok().and_then(|v| v.parse().ok()).unwrap_or(8_000);
    let cal = Calendar::builtin();
    let time = |input: &AdjudicateInput| -> Result<f64, shftu_rules::Error> {
        let t = std::time::Instant::now();
        let out = adjudicate(ed(), &cal, input, &mut Trace::off())?;
        std::hint::black_box(out.total_payable);
        Ok(t.elapsed().as_secs_f64())
    };
    let (small, large) = (big_input(n), big_input(2 * n));
    time(&small)?; // warm up
    time(&large)?;
    let (mut ratios, mut best_small, mut best_large) = (Vec::new(), f64::MAX, f64::MAX);
    for _ in 0..9 {
        let t1 = time(&small)?;
        let t2 = time(&large)?;
        ratios.push(t2 / t1.max(1e-9));
        best_small = best_small.min(t1);
        best_large = best_large.min(t2);
    }
    ratios.sort_by(f64::total_cmp);
    let median = ratios[ratios.len() / 2];
    let best = best_large / best_small.max(1e-9);
    eprintln!("adjudicate n = {n} and 2n: ratios {ratios:.2?}, median {median:.2}, best times {best:.2}");
    assert!(
        median.min(best) < 3.0,
        "doubling the input multiplied the time by {median:.2} (median), {best:.2} (best times); ratios {ratios:.2?}"
    );
    Ok(())
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
        any_date("2022-12-01", 395),
        0u32..900,
        1u32..200,
        1u32..=10,
        2_000i64..=80_000,
    )
        .prop_map(|(benefit, event_date, delay, days, grade, yuan)| Claim {
            benefit,
            event_date,
            filed_on: (event_date + chrono::Days::new(u64::from(delay))).min(d("2025-12-31")),
            days: (benefit == Benefit::HospitalDays).then_some(days),
            grade: (benefit == Benefit::AccidentDisability).then_some(grade),
            amount: (benefit == Benefit::CiMedicalSubsidy).then_some(Money::from_yuan(yuan)),
        })
}

/// Policies with the changes of tier the plan allows: none, D→E, C→E, C→D, C→D→E (effective days in 2023).
fn any_policy_with_changes() -> impl Strategy<Value = Policy> {
    (0..6usize, any_date("2023-02-01", 300), any_date("2023-02-01", 300), any_tier()).prop_map(|(k, a, b, t)| {
        let (a, b) = (a.min(b), a.max(b));
        let (tier, changes) = match k {
            0 => (Tier::D, vec![(Tier::E, a)]),
            1 => (Tier::C, vec![(Tier::E, a)]),
            2 => (Tier::C, vec![(Tier::D, a), (Tier::E, b)]),
            3 => (Tier::C, vec![(Tier::D, a)]),
            4 => (Tier::C, vec![(Tier::E, b), (Tier::D, a)]),
            _ => (t, vec![]),
        };
        Policy {
            tier,
            coverage_start: d("2023-01-01"),
            coverage_end: d("2023-12-31"),
            changes: changes
                .into_iter()
                .map(|(to, effective_from)| TierChange { to, effective_from })
                .collect(),
        }
    })
}

/// What a set of claims was paid stays within the caps of the highest tier the policy reaches: per
/// benefit, the accident benefits together, in all, and one death benefit.
fn within_the_top_tiers_caps(policy: &Policy, claims: &[Claim], out: &shftu_rules::mutual_aid::Adjudication) -> Result<(), TestCaseError> {
    let top = policy.changes.iter().map(|c| c.to).fold(policy.tier, Ord::max);
    let p = &ed().mutual_aid;
    let mut by = std::collections::BTreeMap::<Benefit, Money>::new();
    let (mut accident, mut total, mut deaths) = (Money::ZERO, Money::ZERO, 0);
    for (c, dec) in claims.iter().zip(&out.decisions) {
        let e = by.entry(c.benefit).or_default();
        *e = e.checked_add(dec.payable).unwrap_or(Money::ZERO);
        if c.benefit.is_accident() {
            accident = accident.checked_add(dec.payable).unwrap_or(Money::ZERO);
        }
        total = total.checked_add(dec.payable).unwrap_or(Money::ZERO);
        if c.benefit.is_death() && !dec.payable.is_zero() {
            deaths += 1;
        }
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
    Ok(())
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
        let input = AdjudicateInput { policy, claims };
        let out = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off());
        prop_assert!(out.is_ok(), "{:?}", out);
        let out = out.map_err(|e| TestCaseError::fail(e.to_string()))?;
        within_the_top_tiers_caps(&input.policy, &input.claims, &out)?;
    }

    #[test]
    fn any_order_of_the_claims_pays_the_same(
        (pol, claims, shuffled) in any_policy_with_changes().prop_flat_map(|pol| {
            prop::collection::vec(any_claim(), 0..30).prop_flat_map(move |v| (Just(pol.clone()), Just(v.clone()), Just(v).prop_shuffle()))
        }),
    ) {
        // §5 一(六) 按就高原则进行给付，不叠加给付 (readings R27): any permutation of a set of claims, across
        // D→E, C→E and C→D→E changes, pays the same in total and per benefit, with the same decision for
        // each claim (identical claims are interchangeable), never above the highest tier's caps.
        let cal = Calendar::builtin();
        let a = adjudicate(ed(), &cal, &AdjudicateInput { policy: pol.clone(), claims: claims.clone() }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = adjudicate(ed(), &cal, &AdjudicateInput { policy: pol.clone(), claims: shuffled.clone() }, &mut Trace::off())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a.total_payable, b.total_payable);
        let pairs = |cs: &[Claim], ds: &[shftu_rules::mutual_aid::ClaimDecision]| {
            let mut v: Vec<String> = cs.iter().zip(ds).map(|(c, x)| format!("{c:?} => {x:?}")).collect();
            v.sort();
            v
        };
        prop_assert_eq!(pairs(&claims, &a.decisions), pairs(&shuffled, &b.decisions));
        let per_benefit = |cs: &[Claim], ds: &[shftu_rules::mutual_aid::ClaimDecision]| {
            let mut m = std::collections::BTreeMap::<Benefit, Money>::new();
            for (c, x) in cs.iter().zip(ds) {
                let e = m.entry(c.benefit).or_default();
                *e = e.checked_add(x.payable).unwrap_or(Money::ZERO);
            }
            m
        };
        prop_assert_eq!(per_benefit(&claims, &a.decisions), per_benefit(&shuffled, &b.decisions));
        within_the_top_tiers_caps(&pol, &shuffled, &b)?;
    }

    #[test]
    fn enrolment_start_is_before_end_and_the_fee_is_one_of_the_plans(
        tier in any_tier(),
        channel in prop::sample::select(Channel::ALL.to_vec()),
        date in any_date("2022-12-01", 395),
        age_days in 6_000u32..30_000,
        industry in prop::sample::select(Industry::ALL.to_vec()),
        platform_worker in any::<bool>(),
        renewing_2022_plan in any::<bool>(),
        already_enrolled in any::<bool>(),
    ) {
        let input = EnrollInput { tier, channel, date, industry, birth_date: date - chrono::Days::new(u64::from(age_days)), platform_worker, renewing_2022_plan, already_enrolled };
        let out = enroll(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(out.accepted, out.reasons.is_empty());
        if let (Some(s), Some(e), Some(fee)) = (out.coverage_start, out.coverage_end, out.fee) {
            prop_assert!(s <= e);
            prop_assert!(["0.00", "120.00", "36.00", "72.00"].contains(&fee.to_string().as_str()));
            prop_assert_eq!(chrono::Datelike::day(&s), 1, "cover starts on the 1st of a month");
        } else {
            prop_assert!(!out.accepted);
        }
        prop_assert_eq!(already_enrolled, out.reasons.contains(&Reason::AlreadyEnrolled));
        if channel == Channel::Individual {
            // §5 一(三)2 (readings R23): a platform worker of any of the thirteen industries, never a renewal.
            prop_assert_eq!(!platform_worker || renewing_2022_plan, out.reasons.contains(&Reason::ChannelNotEligible));
        }
    }

    #[test]
    fn a_deadline_is_never_before_its_base_and_lands_on_a_working_day(
        benefit in prop::sample::select(Benefit::ALL.to_vec()),
        coverage_end in any_date("2022-10-01", 500),
        event in any_date("2022-10-01", 500),
    ) {
        let input = ClaimDeadlineInput { benefit, coverage_end, event_date: Some(event) };
        let cal = Calendar::builtin();
        let plan = ed().meta.plan_dates;
        match claim_deadline(ed(), &cal, &input, &mut Trace::off()) {
            Ok(out) => {
                let base = if benefit == Benefit::AccidentDisability { event } else { coverage_end };
                prop_assert!(plan.contains(coverage_end) && plan.contains(event));
                prop_assert!(out.last_day > base);
                prop_assert_eq!(cal.is_working_day(out.last_day).ok(), Some(true));
            }
            // A cover or accident day outside the plan's dates (readings R25); inside them the holiday
            // calendar always reaches the last day.
            Err(e) => {
                prop_assert_eq!(e.code(), "invalid_input");
                prop_assert!(!plan.contains(coverage_end) || !plan.contains(event));
            }
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
