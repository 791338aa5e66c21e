//! `mutual_aid.enroll` (§5 一(一), 一(三)–(五), 二(四)).

use alloc::format;
use alloc::vec::Vec;
use chrono::{Months, NaiveDate};

use super::{first_of_next_month, months_inclusive, params, tier_listed, Industry, Reason, Tier};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::params::Edition;
use crate::trace::Trace;

crate::wire_enum! {
    "mutual_aid.channel" =>
    /// How a worker joins (参保方式, §5 一(三)).
    pub enum Channel {
        /// 团体参保: the district union confirms a list.
        Group = "group",
        /// 个人参保: the worker pays online (E only, platform workers only).
        Individual = "individual",
    }
}

crate::wire_enum! {
    "mutual_aid.fee_kind" =>
    /// What the fee is (§5 一(五)).
    pub enum FeeKind {
        /// C: no fee.
        None = "none",
        /// D: a one-off union due (工会会费).
        UnionDues = "union_dues",
        /// E: a premium (保障费用).
        Premium = "premium",
    }
}

/// Input of `mutual_aid.enroll`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct EnrollInput {
    /// The tier applied for.
    pub tier: Tier,
    /// Group or individual.
    pub channel: Channel,
    /// The day the district union confirmed the list (group) or the online payment succeeded (individual).
    pub date: NaiveDate,
    /// The worker's industry.
    pub industry: Industry,
    /// The worker's date of birth.
    pub birth_date: NaiveDate,
    /// Registered with a platform and taking orders under its name (§5 一(三)2).
    #[wire(default)]
    pub platform_worker: bool,
    /// A member of the 2022 plan covered to 2023-06-30, renewed by the district union (§5 二(四)).
    #[wire(default)]
    pub renewing_2022_plan: bool,
}

/// Result of `mutual_aid.enroll`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Enrollment {
    /// Accepted?
    pub accepted: bool,
    /// Why not (empty when accepted).
    pub reasons: Vec<Reason>,
    /// First day of cover (起保日).
    pub coverage_start: Option<NaiveDate>,
    /// Last day of cover (满期日).
    pub coverage_end: Option<NaiveDate>,
    /// Calendar months covered.
    pub months: Option<u32>,
    /// The fee.
    pub fee: Option<Money>,
    /// What the fee is.
    pub fee_kind: Option<FeeKind>,
}

const WINDOWS: &str = "§5 一(四)";

/// Rule `mutual_aid.enroll`: may this worker join this tier through this channel on this date; when
/// does cover start and end; what is the fee.
pub fn enroll(ed: &Edition, input: &EnrollInput, trace: &mut Trace) -> Result<Enrollment> {
    let p = params(ed);
    if input.birth_date > input.date {
        return Err(Error::invalid("input.birth_date", "input.birth_date is after input.date"));
    }
    let mut reasons = Vec::new();
    let start: Option<NaiveDate> = match (input.channel, input.renewing_2022_plan) {
        (Channel::Group, false) => {
            if p.group_concentrated_window.contains(input.date) {
                trace.step("§5 一(四)1(1)", || {
                    format!(
                        "group list confirmed {} in the concentrated window {}..{}: cover from {}",
                        input.date, p.group_concentrated_window.first, p.group_concentrated_window.last, p.group_concentrated_start
                    )
                });
                Some(p.group_concentrated_start)
            } else if p.group_instant_window.contains(input.date) {
                let s = first_of_next_month(input.date);
                trace.step("§5 一(四)1(2)", || {
                    format!(
                        "group list confirmed {} in the instant window {}..{}: cover from the 1st of the next month",
                        input.date, p.group_instant_window.first, p.group_instant_window.last
                    )
                });
                s
            } else {
                trace.step(WINDOWS, || {
                    format!("group list confirmed {}: outside both group windows", input.date)
                });
                reasons.push(Reason::OutsideEnrollmentWindow);
                None
            }
        }
        (Channel::Group, true) => {
            if !tier_listed(p.renewal_tiers, input.tier) {
                trace.step("§5 二(四)", || {
                    format!("the 2022 plan's members are renewed into tier {} only", p.renewal_tiers.join("/"))
                });
                reasons.push(Reason::TierNotOffered);
            }
            if p.renewal_windows.iter().any(|w| w.first <= input.date && input.date <= w.last) {
                trace.step("§5 二(四)", || {
                    format!(
                        "2022 plan renewal confirmed {}: cover from {} (the 2022 plan covers to the day before)",
                        input.date, p.renewal_start
                    )
                });
                Some(p.renewal_start)
            } else {
                trace.step("§5 二(四)", || {
                    format!("2022 plan renewal confirmed {}: outside the renewal windows", input.date)
                });
                reasons.push(Reason::OutsideEnrollmentWindow);
                None
            }
        }
        (Channel::Individual, renewing) => {
            if !tier_listed(p.individual_tiers, input.tier) {
                trace.step("§5 一(三)2", || {
                    format!("individual enrolment offers tier {} only", p.individual_tiers.join("/"))
                });
                reasons.push(Reason::TierNotOffered);
            }
            if renewing || !input.platform_worker || !p.individual_industries.contains(&input.industry.as_str()) {
                trace.step("§5 一(三)2", || {
                    format!(
                        "individual enrolment is for platform workers in {} only (renewals of the 2022 plan go through the district union)",
                        p.individual_industries.join(", ")
                    )
                });
                reasons.push(Reason::ChannelNotEligible);
            }
            let s = first_of_next_month(input.date).filter(|s| p.individual_start_range.contains(*s));
            match s {
                Some(s) => trace.step("§5 一(四)2", || format!("paid online {}: cover from {s}", input.date)),
                None => {
                    trace.step("§5 一(四)2", || {
                        format!(
                            "paid online {}: cover would start outside {}..{}",
                            input.date, p.individual_start_range.first, p.individual_start_range.last
                        )
                    });
                    reasons.push(Reason::OutsideEnrollmentWindow);
                }
            }
            s
        }
    };
    if let Some(s) = start {
        let sixtieth = input
            .birth_date
            .checked_add_months(Months::new(p.age_limit_years.saturating_mul(12)));
        if sixtieth.is_none_or(|b| b <= s) {
            trace.step("§5 一(一)", || {
                format!("born {}: not under {} on {s}", input.birth_date, p.age_limit_years)
            });
            reasons.push(Reason::AgeLimit);
        } else {
            trace.step("§5 一(一)", || {
                format!("born {}: under {} on {s}", input.birth_date, p.age_limit_years)
            });
        }
    }
    reasons.sort();
    reasons.dedup();
    let (Some(start), true) = (start, reasons.is_empty()) else {
        return Ok(Enrollment {
            accepted: false,
            reasons,
            coverage_start: None,
            coverage_end: None,
            months: None,
            fee: None,
            fee_kind: None,
        });
    };
    let end = p.coverage_end;
    let months = months_inclusive(start, end);
    let (fee, kind) = match input.tier {
        Tier::C => (p.fee_c, FeeKind::None),
        Tier::D => (p.union_dues_d, FeeKind::UnionDues),
        Tier::E if months > p.e_half_year_months => (p.e_premium_full, FeeKind::Premium),
        Tier::E => (p.e_premium_half, FeeKind::Premium),
    };
    trace.step("§5 一(五)", || match input.tier {
        Tier::C => format!("tier C: no fee ({fee})"),
        Tier::D => format!("tier D: one-off union dues {fee}"),
        Tier::E => format!(
            "tier E: {months} months covered ({start}..{end}) {} {} months, premium {fee}",
            if months > p.e_half_year_months { ">" } else { "≤" },
            p.e_half_year_months
        ),
    });
    Ok(Enrollment {
        accepted: true,
        reasons,
        coverage_start: Some(start),
        coverage_end: Some(end),
        months: Some(months),
        fee: Some(fee),
        fee_kind: Some(kind),
    })
}

