//! `mutual_aid.adjudicate` (§5 一(二), 一(六), 一(七)): what a set of claims pays.
//!
//! Each claim is paid on the terms of the tier in force on its event day (新的保障待遇从次月1日开始). The
//! claims are decided in an order of their own, not the request's — by event day, then filing day, then
//! benefit, then the claim's figures — each seeing what those before it were paid, so the same claims pay
//! the same whatever order they are sent in (按就高原则进行给付，不叠加给付; readings R27). Caps are per
//! coverage period and counted once across a change of tier: what was paid under a lower tier counts
//! against the higher tier's caps, never added to them. One death benefit per person (意外身故与疾病身故互斥).
//!
//! The work is O((claims + changes) log(claims + changes)): the claims are sorted once, and the tier in
//! force on a day is found by binary search over the changes sorted by their first day.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use chrono::NaiveDate;

use super::deadline::window;
use super::{params, Benefit, DeadlineBasis, Reason, Tier};
use crate::calendar::{Calendar, Period};
use crate::error::{overflow, Error, Result};
use crate::money::{Money, Rounding};
use crate::msg::m::mutual_aid as m;
use crate::params::{p::mutual_aid as p, Edition, Param};
use crate::trace::Trace;

/// A change of tier in force from a day on.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct TierChange {
    /// The new tier.
    pub to: Tier,
    /// Its first day.
    pub effective_from: NaiveDate,
}

/// The policy the claims are made under.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct Policy {
    /// The tier enrolled in.
    pub tier: Tier,
    /// First day of cover.
    pub coverage_start: NaiveDate,
    /// Last day of cover.
    pub coverage_end: NaiveDate,
    /// Upgrades during the period.
    #[wire(default, limit = Changes)]
    pub changes: Vec<TierChange>,
}

/// One claim.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct Claim {
    /// The benefit claimed.
    pub benefit: Benefit,
    /// The day of the event (admission, diagnosis, accident, death).
    pub event_date: NaiveDate,
    /// The day the claim was filed.
    pub filed_on: NaiveDate,
    /// Days in hospital (`hospital_days` only).
    pub days: Option<u32>,
    /// Disability grade 1..10 (`accident_disability` only).
    pub grade: Option<u32>,
    /// The assessed amount (`ci_medical_subsidy` only).
    pub amount: Option<Money>,
}

/// Input of `mutual_aid.adjudicate`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct AdjudicateInput {
    /// The policy.
    pub policy: Policy,
    /// The claims (their order does not matter: they are decided by event day, readings R27).
    #[wire(limit = Claims)]
    pub claims: Vec<Claim>,
}

crate::wire_enum! {
    "mutual_aid.claim_status" =>
    /// The outcome of one claim.
    pub enum ClaimStatus {
        /// Paid in full.
        Paid = "paid",
        /// A cap cut the amount.
        PartiallyPaid = "partially_paid",
        /// Nothing payable.
        Rejected = "rejected",
    }
}

/// The decision on one claim.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct ClaimDecision {
    /// Paid, partially paid or rejected.
    pub status: ClaimStatus,
    /// What is paid.
    pub payable: Money,
    /// Why it is cut or refused.
    pub reasons: Vec<Reason>,
}

/// Result of `mutual_aid.adjudicate`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Adjudication {
    /// One decision per claim, in the request's order.
    pub decisions: Vec<ClaimDecision>,
    /// The sum of what is paid.
    pub total_payable: Money,
}

/// What has been paid so far in the period.
#[derive(Default)]
struct Paid {
    by_benefit: [Money; 7],
    hospital_days: u32,
    accident: Money,
    total: Money,
    death: bool,
}

fn slot(b: Benefit) -> usize {
    match b {
        Benefit::HospitalDays => 0,
        Benefit::CriticalIllness => 1,
        Benefit::CiMedicalSubsidy => 2,
        Benefit::AccidentDeath => 3,
        Benefit::AccidentDisability => 4,
        Benefit::AccidentConsolation => 5,
        Benefit::DiseaseDeath => 6,
    }
}

fn claim_path(i: usize, field: &str) -> String {
    format!("input.claims[{i}].{field}")
}

fn validate(ed: &Edition, input: &AdjudicateInput) -> Result<()> {
    let pa = params(ed);
    let pol = &input.policy;
    // Cover, change and event days are days of the plan. A filing day is not bounded above: every claim
    // window of the edition closes within its answer dates, so a later filing is answered as too late
    // (逾期不予受理), never refused as input. Readings R25.
    ed.check_plan_date(pol.coverage_start, "input.policy.coverage_start")?;
    ed.check_plan_date(pol.coverage_end, "input.policy.coverage_end")?;
    if pol.coverage_start > pol.coverage_end {
        return Err(Error::invalid(
            "input.policy.coverage_end",
            m::coverage_ends_before_start("input.policy.coverage_end", "input.policy.coverage_start"),
        ));
    }
    for (i, c) in pol.changes.iter().enumerate() {
        if !ed.meta.plan_dates.contains(c.effective_from) {
            ed.check_plan_date(c.effective_from, &format!("input.policy.changes[{i}].effective_from"))?;
        }
    }
    for (i, c) in input.claims.iter().enumerate() {
        if !ed.meta.plan_dates.contains(c.event_date) {
            ed.check_plan_date(c.event_date, &claim_path(i, "event_date"))?;
        }
        if c.filed_on < c.event_date {
            return Err(Error::invalid(
                claim_path(i, "filed_on"),
                m::filed_before_event(claim_path(i, "filed_on"), c.event_date),
            ));
        }
        let needs = |field: &str, has: bool, wanted: bool| -> Result<()> {
            match (has, wanted) {
                (false, true) => Err(Error::invalid(
                    claim_path(i, field),
                    m::field_required_for(claim_path(i, field), c.benefit),
                )),
                (true, false) => Err(Error::invalid(
                    claim_path(i, field),
                    m::field_not_for(claim_path(i, field), c.benefit),
                )),
                _ => Ok(()),
            }
        };
        needs("days", c.days.is_some(), c.benefit == Benefit::HospitalDays)?;
        needs("grade", c.grade.is_some(), c.benefit == Benefit::AccidentDisability)?;
        needs("amount", c.amount.is_some(), c.benefit == Benefit::CiMedicalSubsidy)?;
        if c.days == Some(0) {
            return Err(Error::invalid(claim_path(i, "days"), m::days_at_least_one(claim_path(i, "days"))));
        }
        if let Some(g) = c.grade {
            if !pa.disability_ratios.iter().any(|r| r.grade == g) {
                let grades = pa.disability_ratios.iter().map(|r| r.grade);
                let (min, max) = (grades.clone().min().unwrap_or(0), grades.max().unwrap_or(0));
                return Err(Error::invalid(
                    claim_path(i, "grade"),
                    m::grade_out_of_range(claim_path(i, "grade"), min, max),
                ));
            }
        }
        if let Some(a) = c.amount {
            if a < pa.ci_medical_min || a > pa.ci_medical_max {
                return Err(Error::invalid(
                    claim_path(i, "amount"),
                    m::subsidy_out_of_range(claim_path(i, "amount"), pa.ci_medical_min, pa.ci_medical_max),
                ));
            }
        }
    }
    Ok(())
}

/// The tiers in force over the period: the changes sorted by their first day, each with the highest tier
/// reached by then (the policy's tier raised by every change effective on or before it; a change to a
/// lower or equal tier changes nothing, readings R18).
struct TierSchedule {
    /// `(first day, tier in force from that day)`, sorted by day; the tier never falls.
    steps: Vec<(NaiveDate, Tier)>,
    base: Tier,
}

impl TierSchedule {
    fn new(policy: &Policy) -> TierSchedule {
        let mut steps: Vec<(NaiveDate, Tier)> = policy.changes.iter().map(|c| (c.effective_from, c.to)).collect();
        steps.sort_unstable();
        let mut top = policy.tier;
        for (_, t) in &mut steps {
            top = top.max(*t);
            *t = top;
        }
        TierSchedule { steps, base: policy.tier }
    }

    /// The tier in force on `day` (binary search).
    fn on(&self, day: NaiveDate) -> Tier {
        let k = self.steps.partition_point(|(from, _)| *from <= day);
        match k.checked_sub(1).and_then(|j| self.steps.get(j)) {
            Some((_, t)) => *t,
            None => self.base,
        }
    }
}

/// The order claims are decided in (readings R27): by event day, then filing day, then benefit (in the
/// order of the plan's table), then the claim's own figures (days, grade, amount); claims equal in all of
/// these are interchangeable and keep the request's order among themselves.
fn decision_order(claims: &[Claim]) -> Vec<(usize, Claim)> {
    // The keys hold the whole claim (and the request's index last, so the order is total): sorted once,
    // they are then read in order, with no jumps back into the request.
    let mut keys: Vec<_> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.event_date, c.filed_on, c.benefit, c.days, c.grade, c.amount, i))
        .collect();
    keys.sort_unstable();
    keys.into_iter()
        .map(|(event_date, filed_on, benefit, days, grade, amount, i)| {
            (
                i,
                Claim {
                    benefit,
                    event_date,
                    filed_on,
                    days,
                    grade,
                    amount,
                },
            )
        })
        .collect()
}

/// The edition parameters that give `benefit`'s amount.
fn amount_reads(benefit: Benefit) -> &'static [Param] {
    match benefit {
        Benefit::HospitalDays => &[p::HOSPITAL_DAILY],
        Benefit::CriticalIllness => &[p::CRITICAL_ILLNESS],
        Benefit::CiMedicalSubsidy => &[p::CI_MEDICAL_CAP],
        Benefit::AccidentDeath => &[p::ACCIDENT_DEATH],
        Benefit::AccidentDisability => &[p::ACCIDENT_DISABILITY_SUM],
        Benefit::AccidentConsolation => &[p::CONSOLATION_PER_CLAIM],
        Benefit::DiseaseDeath => &[p::DISEASE_DEATH],
    }
}

/// The edition parameters that give `benefit`'s own cap for the period.
fn cap_reads(benefit: Benefit) -> &'static [Param] {
    match benefit {
        Benefit::HospitalDays => &[p::HOSPITAL_DAILY, p::HOSPITAL_MAX_DAYS, p::HOSPITAL_CAP],
        Benefit::CriticalIllness => &[p::CRITICAL_ILLNESS],
        Benefit::CiMedicalSubsidy => &[p::CI_MEDICAL_CAP],
        Benefit::AccidentDeath => &[p::ACCIDENT_DEATH],
        Benefit::AccidentDisability => &[p::ACCIDENT_DISABILITY_SUM],
        Benefit::AccidentConsolation => &[p::CONSOLATION_CAP],
        Benefit::DiseaseDeath => &[p::DISEASE_DEATH],
    }
}

/// Which cap cut a claim.
#[derive(Clone, Copy)]
enum Cap {
    Benefit,
    Accident,
    Total,
}

/// Rule `mutual_aid.adjudicate`: decides each claim on the terms of the tier in force on its event day,
/// under the per-benefit, accident and total caps, counted once per period across changes of tier, with
/// one death benefit per person; the claims are decided by event day whatever their order in the request
/// (readings R27), and the decisions are answered in the request's order.
pub fn adjudicate(ed: &Edition, cal: &Calendar, input: &AdjudicateInput, trace: &mut Trace) -> Result<Adjudication> {
    validate(ed, input)?;
    let pa = params(ed);
    let pol = &input.policy;
    let tiers = TierSchedule::new(pol);
    let order = decision_order(&input.claims);
    if order.iter().enumerate().any(|(k, (i, _))| k != *i) {
        trace.step("§5 一(六)", || {
            m::decision_order(order.iter().map(|(i, _)| i + 1).collect::<Vec<usize>>())
        });
    }
    let mut paid = Paid::default();
    // The decisions in the order they are made; put back in the request's order at the end.
    let mut decided: Vec<ClaimDecision> = Vec::with_capacity(order.len());
    let mut total_payable = Money::ZERO;
    // Per benefit, read on first use: its claim window and, for a window counted from the coverage end,
    // the window's nominal last day (the same for every claim of the policy).
    let mut windows: [Option<(Period, DeadlineBasis, Option<NaiveDate>)>; 7] = [None; 7];
    for (i, c) in &order {
        let (i, n) = (*i, i + 1);
        let tier = tiers.on(c.event_date);
        let mut reasons = Vec::new();
        if c.event_date < pol.coverage_start || c.event_date > pol.coverage_end {
            trace.step("§5 一(四)", || {
                m::event_outside_cover(n, c.benefit, c.event_date, pol.coverage_start, pol.coverage_end)
            });
            reasons.push(Reason::EventOutsideCoverage);
        }
        let cached = windows.get(slot(c.benefit)).copied().flatten();
        let (period, basis, from_end) = match cached {
            Some(w) => w,
            None => {
                let (period, basis) = window(ed, c.benefit)?;
                let from_end = match basis {
                    DeadlineBasis::CoverageEnd => period.nominal_last_day(pol.coverage_end),
                    DeadlineBasis::EventDate => None,
                };
                if let Some(w) = windows.get_mut(slot(c.benefit)) {
                    *w = Some((period, basis, from_end));
                }
                (period, basis, from_end)
            }
        };
        let base = match basis {
            DeadlineBasis::CoverageEnd => pol.coverage_end,
            DeadlineBasis::EventDate => c.event_date,
        };
        let nominal = match from_end {
            Some(d) => Some(d),
            None => period.nominal_last_day(base),
        }
        .ok_or_else(|| {
            let path = claim_path(i, "event_date");
            Error::invalid(path.clone(), m::date_too_far(path))
        })?;
        // Moving a rest-day last day forward only lengthens the window, so the calendar is only
        // consulted for claims filed after the nominal last day.
        if c.filed_on > nominal {
            let last = cal
                .working_day_on_or_after(nominal)
                .map_err(|e| e.at_path(claim_path(i, "filed_on")))?;
            if c.filed_on > last {
                trace.step_reads("§5 一(七)3", &[p::CLAIM_WINDOWS], || {
                    m::filed_late(n, c.benefit, c.filed_on, last, period, base)
                });
                reasons.push(Reason::ClaimWindowExpired);
            }
        }
        let per = match c.benefit {
            Benefit::HospitalDays => tier.of(&pa.hospital_daily),
            Benefit::CriticalIllness => tier.of(&pa.critical_illness),
            Benefit::CiMedicalSubsidy => tier.of(&pa.ci_medical_cap).and(c.amount),
            Benefit::AccidentDeath => tier.of(&pa.accident_death),
            Benefit::AccidentDisability => tier.of(&pa.accident_disability_sum),
            Benefit::AccidentConsolation => tier.of(&pa.consolation_per_claim),
            Benefit::DiseaseDeath => tier.of(&pa.disease_death),
        };
        if per.is_none() {
            trace.step_reads("§5 一(二)", amount_reads(c.benefit), || m::not_covered(n, tier, c.benefit));
            reasons.push(Reason::NotCovered);
        }
        if c.benefit.is_death() && paid.death {
            trace.step("§5 一(二)", || m::death_already_paid(n, c.benefit));
            reasons.push(Reason::DeathBenefitAlreadyPaid);
        }
        // The order of spec/reasons.md, as every rule of the family lists its reasons (readings R11).
        reasons.sort();
        let Some(per) = per.filter(|_| reasons.is_empty()) else {
            decided.push(ClaimDecision {
                status: ClaimStatus::Rejected,
                payable: Money::ZERO,
                reasons,
            });
            continue;
        };
        let of = || overflow(&claim_path(i, "amount"));
        let s = slot(c.benefit);
        let before = paid.by_benefit.get(s).copied().unwrap_or(Money::ZERO);
        // What the claim asks, and the benefit's own cap for the tier in force.
        let (asked, benefit_cap, days_paid) = match c.benefit {
            Benefit::HospitalDays => {
                let days = c.days.unwrap_or(0);
                let max_days = tier.of(&pa.hospital_max_days).unwrap_or(0);
                let left = max_days.saturating_sub(paid.hospital_days);
                let pay_days = days.min(left);
                let asked = per.checked_mul_count(u64::from(days)).ok_or_else(of)?;
                let by_days = per.checked_mul_count(u64::from(pay_days)).ok_or_else(of)?;
                let cap = tier.of(&pa.hospital_cap).unwrap_or(Money::ZERO);
                let money_left = cap.saturating_sub(before);
                trace.step_reads("§5 一(二) 表 住院", &[p::HOSPITAL_DAILY, p::HOSPITAL_MAX_DAYS], || {
                    m::hospital_days(n, tier, per, pay_days, days, paid.hospital_days, max_days)
                });
                (asked, by_days.min(money_left).checked_add(before).ok_or_else(of)?, pay_days)
            }
            Benefit::AccidentDisability => {
                let g = c.grade.unwrap_or(0);
                let ratio = pa
                    .disability_ratios
                    .iter()
                    .find(|r| r.grade == g)
                    .map(|r| r.ratio)
                    .unwrap_or_default();
                let asked = per.checked_mul_ratio(ratio, Rounding::Down).ok_or_else(of)?;
                trace.step_reads(
                    "§5 一(二) 表 意外; JR/T 0083—2013",
                    &[p::ACCIDENT_DISABILITY_SUM, p::DISABILITY_RATIOS],
                    || m::disability(n, tier, g, per, ratio, asked),
                );
                (asked, per, 0)
            }
            Benefit::CiMedicalSubsidy => {
                let cap = tier.of(&pa.ci_medical_cap).unwrap_or(Money::ZERO);
                trace.step_reads("§5 一(二) 表 重大疾病", &[p::CI_MEDICAL_CAP], || {
                    m::ci_medical(n, tier, per, before, cap)
                });
                (per, cap, 0)
            }
            Benefit::AccidentConsolation => {
                let cap = tier.of(&pa.consolation_cap).unwrap_or(Money::ZERO);
                trace.step_reads("§5 一(二) 表 意外", &[p::CONSOLATION_PER_CLAIM, p::CONSOLATION_CAP], || {
                    m::consolation(n, tier, per, before, cap)
                });
                (per, cap, 0)
            }
            b => {
                trace.step_reads("§5 一(二)", amount_reads(b), || m::lump_sum(n, tier, b, per, before));
                (per, per, 0)
            }
        };
        let mut payable = asked;
        let mut cut = |limit: Money, cap: Cap, reasons: &mut Vec<Reason>, payable: &mut Money| {
            if *payable > limit {
                let (reads, reason): (&'static [Param], Reason) = match cap {
                    Cap::Benefit => (cap_reads(c.benefit), Reason::BenefitCapReached),
                    Cap::Accident => (&[p::ACCIDENT_CAP], Reason::AccidentCapReached),
                    Cap::Total => (&[p::TOTAL_CAP], Reason::TotalCapReached),
                };
                let asked = *payable;
                trace.step_reads("§5 一(二)", reads, || match cap {
                    Cap::Benefit => m::cut_benefit_cap(n, limit, asked),
                    Cap::Accident => m::cut_accident_cap(n, limit, asked),
                    Cap::Total => m::cut_total_cap(n, limit, asked),
                });
                *payable = limit;
                reasons.push(reason);
            }
        };
        cut(benefit_cap.saturating_sub(before), Cap::Benefit, &mut reasons, &mut payable);
        if c.benefit.is_accident() {
            let cap = tier.of(&pa.accident_cap).unwrap_or(Money::ZERO);
            cut(cap.saturating_sub(paid.accident), Cap::Accident, &mut reasons, &mut payable);
        }
        let total_cap = tier.of(&pa.total_cap).unwrap_or(Money::ZERO);
        cut(total_cap.saturating_sub(paid.total), Cap::Total, &mut reasons, &mut payable);

        let status = if payable.is_zero() {
            ClaimStatus::Rejected
        } else if payable < asked {
            ClaimStatus::PartiallyPaid
        } else {
            ClaimStatus::Paid
        };
        if !payable.is_zero() {
            if let Some(slot) = paid.by_benefit.get_mut(s) {
                *slot = slot.checked_add(payable).ok_or_else(of)?;
            }
            if c.benefit == Benefit::HospitalDays {
                let credited = if payable < asked {
                    days_paid.min(days_for(payable, per))
                } else {
                    days_paid
                };
                paid.hospital_days = paid.hospital_days.saturating_add(credited);
            }
            if c.benefit.is_accident() {
                paid.accident = paid.accident.checked_add(payable).ok_or_else(of)?;
            }
            paid.total = paid.total.checked_add(payable).ok_or_else(of)?;
            paid.death |= c.benefit.is_death();
            total_payable = total_payable.checked_add(payable).ok_or_else(of)?;
        }
        trace.step("§5 一(二)", || m::decided(n, status, payable, paid.total));
        decided.push(ClaimDecision { status, payable, reasons });
    }
    Ok(Adjudication {
        decisions: in_request_order(&order, decided),
        total_payable,
    })
}

/// The decisions, made in the order of `order`, put back in the request's order: where each claim of the
/// request was decided, then one gathering pass.
fn in_request_order(order: &[(usize, Claim)], mut decided: Vec<ClaimDecision>) -> Vec<ClaimDecision> {
    let mut at = alloc::vec![0usize; order.len()];
    for (k, (i, _)) in order.iter().enumerate() {
        if let Some(a) = at.get_mut(*i) {
            *a = k;
        }
    }
    at.iter()
        .map(|k| {
            let empty = ClaimDecision {
                status: ClaimStatus::Rejected,
                payable: Money::ZERO,
                reasons: Vec::new(),
            };
            match decided.get_mut(*k) {
                Some(d) => core::mem::replace(d, empty),
                None => empty,
            }
        })
        .collect()
}

/// The hospital days a payment covers, a part day counted as a day.
fn days_for(payable: Money, daily: Money) -> u32 {
    match (payable.to_fen(), daily.to_fen()) {
        (Some(a), Some(d)) if d > 0 => u32::try_from(a.div_euclid(d) + i64::from(a.rem_euclid(d) != 0)).unwrap_or(u32::MAX),
        _ => 0,
    }
}
