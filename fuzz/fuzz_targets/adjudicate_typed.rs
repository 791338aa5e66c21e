//! The typed `mutual_aid::adjudicate` on arbitrary claim sequences: never a panic, never above a cap.
#![no_main]
use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use shftu_rules::mutual_aid::{adjudicate, AdjudicateInput, Benefit, Claim, Policy, Tier, TierChange};
use shftu_rules::{Calendar, Money, Trace};

#[derive(Arbitrary, Debug)]
struct RawClaim {
    benefit: u8,
    event: u16,
    delay: u16,
    days: u32,
    grade: u8,
    amount_fen: u32,
}

#[derive(Arbitrary, Debug)]
struct Raw {
    tier: u8,
    start: u16,
    len: u16,
    upgrade: Option<(u8, u16)>,
    claims: Vec<RawClaim>,
}

fn tier(x: u8) -> Tier {
    Tier::ALL.get(usize::from(x) % Tier::ALL.len()).copied().unwrap_or(Tier::C)
}

fuzz_target!(|raw: Raw| {
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN);
    let day = |n: u16| base + Days::new(u64::from(n % 1400));
    let start = day(raw.start);
    let end = start + Days::new(u64::from(raw.len % 400));
    let policy = Policy {
        tier: tier(raw.tier),
        coverage_start: start,
        coverage_end: end,
        changes: raw
            .upgrade
            .map(|(t, d)| TierChange {
                to: tier(t),
                effective_from: day(d),
            })
            .into_iter()
            .collect(),
    };
    let claims = raw
        .claims
        .iter()
        .take(64)
        .map(|c| {
            let benefit = Benefit::ALL
                .get(usize::from(c.benefit) % Benefit::ALL.len())
                .copied()
                .unwrap_or(Benefit::HospitalDays);
            let event_date = day(c.event);
            Claim {
                benefit,
                event_date,
                filed_on: event_date + Days::new(u64::from(c.delay % 1200)),
                days: (benefit == Benefit::HospitalDays).then_some(c.days % 400),
                grade: (benefit == Benefit::AccidentDisability).then_some(u32::from(c.grade % 12)),
                amount: (benefit == Benefit::CiMedicalSubsidy).then_some(Money::from_fen(i64::from(c.amount_fen))),
            }
        })
        .collect();
    let ed = shftu_rules::edition("2023").unwrap_or(&shftu_rules::EDITIONS[0]);
    let input = AdjudicateInput { policy, claims };
    if let Ok(out) = adjudicate(ed, &Calendar::builtin(), &input, &mut Trace::new()) {
        let top = input.policy.changes.iter().map(|c| c.to).fold(input.policy.tier, Ord::max);
        let cap = top.of(&ed.mutual_aid.total_cap).unwrap_or(Money::ZERO);
        assert!(out.total_payable <= cap, "{} over {}", out.total_payable, cap);
        assert_eq!(out.decisions.len(), input.claims.len());
    }
});
