//! §1 health points: service standards, applications, the card system and the use of funds — worked
//! examples (insta snapshots, reviewed by hand) and invariants (proptest).

use proptest::prelude::*;
use shftu_rules::health_point_ops::{
    application_check, card, fund_use, service_check, ApplicationCheckInput, ApplicationReason, CardInput, CardState, DateTime, Event,
    FundPurpose, FundSource, FundUseInput, InHouseMedical, InspectionOutcome, LargeGroup, ServiceCheckInput, ServiceReason,
};
use shftu_rules::Trace;

mod common;
use common::{d, ed, traced, TestResult, Traced};

fn ev(date: &str, notice: &str) -> Event {
    Event {
        date: d(date),
        notice_date: d(notice),
    }
}

fn at(s: &str) -> DateTime {
    let (day, time) = s.split_once('T').unwrap_or((s, "00:00"));
    let (h, m) = time.split_once(':').unwrap_or(("0", "0"));
    let t = chrono::NaiveTime::from_hms_opt(h.parse().unwrap_or(0), m.parse().unwrap_or(0), 0).unwrap_or(chrono::NaiveTime::MIN);
    DateTime(d(day).and_time(t))
}

#[test]
fn worked_example_quarter_of_a_health_point() -> TestResult {
    // §1 二(三)–(五), Q2 2023 (13 whole weeks from 04-01): consultation every week but
    // one (the Labour Day week), visits in April and June but not May, a lecture in May (for May–June)
    // but none in April (for Mar–Apr, not wholly in the period); one lecture notice posted 3 days ahead.
    let input = ServiceCheckInput {
        period_start: d("2023-04-01"),
        period_end: d("2023-06-30"),
        consultation_half_days: vec![1, 2, 1, 1, 0, 1, 1, 2, 1, 1, 1, 1, 1],
        visits: vec![ev("2023-04-20", "2023-04-10"), ev("2023-06-08", "2023-05-29")],
        lectures: vec![ev("2023-05-25", "2023-05-22")],
    };
    let out = traced(|t| service_check(ed(), &input, t))?;
    assert!(!out.result.meets_all);
    assert_eq!(
        out.result.reasons,
        [
            ServiceReason::ConsultationBelowMinimum,
            ServiceReason::VisitMissing,
            ServiceReason::NoticeTooLate
        ]
    );
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn worked_example_district_application() -> TestResult {
    // §1 四(一): a district sends 2 new and 3 upgraded points at 15:45 on 2023-02-06, with one enterprise
    // group of 1,200 employees and a rudimentary clinic: accepted.
    let input = ApplicationCheckInput {
        submitted_at: at("2023-02-06T15:45"),
        new_points: 2,
        upgrade_points: 3,
        large_groups: vec![LargeGroup {
            employees: 1200,
            in_house_medical: InHouseMedical::Rudimentary,
        }],
    };
    let out = traced(|t| application_check(ed(), &input, t))?;
    assert!(out.result.accepted);
    insta::assert_json_snapshot!(out);
    Ok(())
}

#[test]
fn application_deadline_is_exclusive_at_sixteen_hundred() -> TestResult {
    let mk = |s: &str| ApplicationCheckInput {
        submitted_at: at(s),
        new_points: 1,
        upgrade_points: 3,
        large_groups: vec![],
    };
    assert!(application_check(ed(), &mk("2023-02-06T15:59"), &mut Trace::off())?.on_time);
    let late = application_check(ed(), &mk("2023-02-06T16:00"), &mut Trace::off())?;
    assert!(!late.on_time);
    assert_eq!(late.reasons, [ApplicationReason::AfterDeadline]);
    Ok(())
}

#[test]
fn worked_example_yellow_then_red_card() -> TestResult {
    // §1 四(三): a point that does not provide its services gets a yellow card (整改通知书); still
    // non-compliant at the next inspection (整改无效) it gets a red card (摘牌通知书) and loses its plaque.
    let mut t = Trace::new();
    let first = card(
        ed(),
        &CardInput {
            state: CardState::GoodStanding,
            outcome: InspectionOutcome::NonCompliant,
        },
        &mut t,
    )?;
    let second = card(
        ed(),
        &CardInput {
            state: first.state,
            outcome: InspectionOutcome::NonCompliant,
        },
        &mut t,
    )?;
    assert_eq!(first.notice, Some("整改通知书"));
    assert_eq!(second.state, CardState::RedCard);
    assert!(second.qualification_cancelled);
    insta::assert_json_snapshot!(Traced {
        result: vec![first, second],
        trace: t.into_steps()
    });
    Ok(())
}

#[test]
fn card_transitions_cover_every_state_and_outcome() -> TestResult {
    for s in CardState::ALL {
        for o in InspectionOutcome::ALL {
            let out = card(ed(), &CardInput { state: *s, outcome: *o }, &mut Trace::off())?;
            // A red card is final; a serious case is always red; a compliant point never gets a card.
            if *s == CardState::RedCard || *o == InspectionOutcome::Serious {
                assert_eq!(out.state, CardState::RedCard, "{s} {o}");
            }
            if *o == InspectionOutcome::Compliant && *s != CardState::RedCard {
                assert_eq!(out.state, CardState::GoodStanding, "{s} {o}");
                assert_eq!(out.notice, None);
            }
        }
    }
    Ok(())
}

#[test]
fn worked_example_fund_use_table() -> TestResult {
    // §1 四(四): every source against every purpose.
    let mut rows = Vec::new();
    for s in FundSource::ALL {
        for p in FundPurpose::ALL {
            let out = fund_use(ed(), &FundUseInput { source: *s, purpose: *p }, &mut Trace::off())?;
            let reasons: Vec<&str> = out.reasons.iter().map(|r| r.as_str()).collect();
            rows.push(format!("{s} {p}: {} [{}]", out.allowed, reasons.join(", ")));
        }
    }
    insta::assert_json_snapshot!(rows);
    Ok(())
}

proptest! {
    #[test]
    fn service_check_judges_only_whole_units(start in 0i64..700, len in 0i64..120, fill in 0u32..3) {
        let period_start = d("2023-01-01") + chrono::Duration::days(start);
        let period_end = period_start + chrono::Duration::days(len);
        let weeks = (len + 1 + 6) / 7;
        let input = ServiceCheckInput {
            period_start,
            period_end,
            consultation_half_days: vec![fill; usize::try_from(weeks).unwrap_or(0)],
            visits: vec![],
            lectures: vec![],
        };
        let out = match service_check(ed(), &input, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let consult = out.standards.first().map(|s| (s.checked, s.met));
        let whole_weeks = u32::try_from((len + 1) / 7).unwrap_or(0);
        prop_assert_eq!(consult.map(|c| c.0), Some(whole_weeks));
        // With no visits or lectures, every whole month and two-month period is missed.
        for s in out.standards.iter().skip(1).take(2) {
            prop_assert_eq!(s.missed.len(), s.checked as usize);
        }
        prop_assert_eq!(out.meets_all, out.standards.iter().all(|s| s.met != Some(false)));
    }

    #[test]
    fn large_groups_need_more_than_a_thousand_and_no_proper_clinic(employees in 0u32..5000, m in 0usize..3) {
        let medical = InHouseMedical::ALL.get(m).copied().unwrap_or(InHouseMedical::None);
        let input = ApplicationCheckInput {
            submitted_at: at("2023-02-01T09:00"),
            new_points: 1,
            upgrade_points: 3,
            large_groups: vec![LargeGroup { employees, in_house_medical: medical }],
        };
        let out = match application_check(ed(), &input, &mut Trace::off()) {
            Ok(o) => o,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let eligible = out.large_groups.first().map(|g| g.eligible);
        prop_assert_eq!(eligible, Some(employees > 1000 && medical != InHouseMedical::Adequate));
        prop_assert_eq!(out.accepted, eligible == Some(true));
    }
}
