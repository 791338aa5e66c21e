//! `mutual_aid.enroll` (§5 一(一), 一(三)–(五), 二(四)).

use alloc::vec::Vec;
use chrono::{Months, NaiveDate};

use super::{first_of_next_month, listed_tiers, months_inclusive, params, tier_listed, Industry, Reason, Tier};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::msg::m::mutual_aid as m;
use crate::params::{p::mutual_aid as p, Edition, Param};
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
    /// The worker already holds a policy of the plan for the period (§5 一(三)2: 一个保障期内每位劳动者只能参保一份).
    #[wire(default)]
    #[wire(since = "0.2")]
    pub already_enrolled: bool,
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
    let pa = params(ed);
    ed.check_plan_date(input.date, "input.date")?;
    if input.birth_date > input.date {
        return Err(Error::invalid("input.birth_date", m::born_after("input.birth_date", "input.date")));
    }
    let mut reasons = Vec::new();
    if !pa.industries.iter().any(|r| r.id == input.industry.as_str()) {
        trace.step_reads("§5 一(一)", &[p::INDUSTRIES], || {
            let listed: Vec<&'static str> = pa.industries.iter().map(|r| r.zh).collect();
            m::industry_not_covered(input.industry, listed)
        });
        reasons.push(Reason::IndustryNotCovered);
    }
    if input.already_enrolled {
        trace.step("§5 一(三)2", m::already_enrolled);
        reasons.push(Reason::AlreadyEnrolled);
    }
    let start: Option<NaiveDate> = match (input.channel, input.renewing_2022_plan) {
        (Channel::Group, false) => {
            if pa.group_concentrated_window.contains(input.date) {
                trace.step_reads(
                    "§5 一(四)1(1)",
                    &[p::GROUP_CONCENTRATED_WINDOW, p::GROUP_CONCENTRATED_START],
                    || {
                        m::group_concentrated(
                            input.date,
                            pa.group_concentrated_window.first,
                            pa.group_concentrated_window.last,
                            pa.group_concentrated_start,
                        )
                    },
                );
                Some(pa.group_concentrated_start)
            } else if pa.group_instant_window.contains(input.date) {
                let s = first_of_next_month(input.date);
                trace.step_reads("§5 一(四)1(2)", &[p::GROUP_INSTANT_WINDOW], || {
                    let start: crate::msg::Arg = match s {
                        Some(d) => d.into(),
                        None => Vec::<crate::msg::Arg>::new().into(),
                    };
                    m::group_instant(input.date, pa.group_instant_window.first, pa.group_instant_window.last, start)
                });
                s
            } else {
                trace.step_reads(WINDOWS, &[p::GROUP_CONCENTRATED_WINDOW, p::GROUP_INSTANT_WINDOW], || {
                    m::group_outside(input.date)
                });
                reasons.push(Reason::OutsideEnrollmentWindow);
                None
            }
        }
        (Channel::Group, true) => {
            if !tier_listed(pa.renewal_tiers, input.tier) {
                trace.step_reads("§5 二(四)", &[p::RENEWAL_TIERS], || {
                    m::renewal_tiers_only(listed_tiers(pa.renewal_tiers))
                });
                reasons.push(Reason::TierNotOffered);
            }
            if pa.renewal_windows.iter().any(|w| w.first <= input.date && input.date <= w.last) {
                trace.step_reads("§5 二(四)", &[p::RENEWAL_WINDOWS, p::RENEWAL_START], || {
                    m::renewal_in_window(input.date, pa.renewal_start)
                });
                Some(pa.renewal_start)
            } else {
                trace.step_reads("§5 二(四)", &[p::RENEWAL_WINDOWS], || m::renewal_outside(input.date));
                reasons.push(Reason::OutsideEnrollmentWindow);
                None
            }
        }
        (Channel::Individual, renewing) => {
            if !tier_listed(pa.individual_tiers, input.tier) {
                trace.step_reads("§5 一(三)2", &[p::INDIVIDUAL_TIERS], || {
                    m::individual_tiers_only(listed_tiers(pa.individual_tiers))
                });
                reasons.push(Reason::TierNotOffered);
            }
            // §5 一(三)2 names 网约送餐、货运驾驶、物流快递、网约车司机 "等": the list is open, and what closes it are
            // the conditions (registered on a platform and taking orders, using transport, in the platform
            // enterprise's name), which `platform_worker` attests (readings R23).
            if renewing {
                trace.step("§5 一(三)2; 二(四)", m::individual_renewal);
                reasons.push(Reason::ChannelNotEligible);
            } else if !input.platform_worker {
                trace.step("§5 一(三)2", m::individual_not_platform_worker);
                reasons.push(Reason::ChannelNotEligible);
            }
            let s = first_of_next_month(input.date).filter(|s| pa.individual_start_range.contains(*s));
            match s {
                Some(s) => trace.step_reads("§5 一(四)2", &[p::INDIVIDUAL_START_RANGE], || m::individual_start(input.date, s)),
                None => {
                    trace.step_reads("§5 一(四)2", &[p::INDIVIDUAL_START_RANGE], || {
                        m::individual_outside(input.date, pa.individual_start_range.first, pa.individual_start_range.last)
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
            .checked_add_months(Months::new(pa.age_limit_years.saturating_mul(12)));
        if sixtieth.is_none_or(|b| b <= s) {
            trace.step_reads("§5 一(一)", &[p::AGE_LIMIT_YEARS], || {
                m::not_under_age(input.birth_date, pa.age_limit_years, s)
            });
            reasons.push(Reason::AgeLimit);
        } else {
            trace.step_reads("§5 一(一)", &[p::AGE_LIMIT_YEARS], || {
                m::under_age(input.birth_date, pa.age_limit_years, s)
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
    let end = pa.coverage_end;
    let months = months_inclusive(start, end);
    let full = months > pa.e_half_year_months;
    let (fee, kind) = match input.tier {
        Tier::C => (pa.fee_c, FeeKind::None),
        Tier::D => (pa.union_dues_d, FeeKind::UnionDues),
        Tier::E if full => (pa.e_premium_full, FeeKind::Premium),
        Tier::E => (pa.e_premium_half, FeeKind::Premium),
    };
    let reads: &'static [Param] = match input.tier {
        Tier::C => &[p::FEE_C],
        Tier::D => &[p::UNION_DUES_D],
        Tier::E if full => &[p::COVERAGE_END, p::E_HALF_YEAR_MONTHS, p::E_PREMIUM_FULL],
        Tier::E => &[p::COVERAGE_END, p::E_HALF_YEAR_MONTHS, p::E_PREMIUM_HALF],
    };
    trace.step_reads("§5 一(五)", reads, || match input.tier {
        Tier::C => m::fee_c(fee),
        Tier::D => m::fee_d(fee),
        Tier::E if full => m::fee_e_full(months, start, end, pa.e_half_year_months, fee),
        Tier::E => m::fee_e_half(months, start, end, pa.e_half_year_months, fee),
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
