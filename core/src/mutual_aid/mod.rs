//! §5 组织 35 万名新就业形态劳动者（灵活就业人员）参加互助保障: the gig workers' mutual-aid plan
//! (新就业专享计划) with its C, D and E tiers.
//!
//! * [`enroll`] — who may join, when cover starts and ends, and the fee (一(一), 一(三)–(五), 二(四)).
//! * [`change`] — moving up a tier mid-period (一(六)).
//! * [`claim_deadline`] — the last day to file each benefit's claim (一(七)3).
//! * [`adjudicate`] — what a sequence of claims pays under the tier caps (一(二), 一(六), 一(七)).
//! * [`payment_due`] — the last working day to pay for a submitted list (二(三)).

mod adjudicate;
mod change;
mod deadline;
mod enroll;
mod payment;

pub use adjudicate::{adjudicate, AdjudicateInput, Adjudication, Claim, ClaimDecision, ClaimStatus, Policy, TierChange};
pub use change::{change, ChangeInput, ChangeOutcome};
pub use deadline::{claim_deadline, ClaimDeadline, ClaimDeadlineInput, DeadlineBasis};
pub use enroll::{enroll, Channel, EnrollInput, Enrollment, FeeKind};
pub use payment::{payment_due, PaymentDue, PaymentDueInput, PaymentReason};

use alloc::vec::Vec;
use chrono::{Datelike, NaiveDate};

use crate::params::{Edition, Tiered};

crate::wire_enum! {
    "mutual_aid.tier" =>
    /// A tier of the plan (保障层级): C, D or E, in rising order of cover.
    pub enum Tier {
        /// C 类: accident cover only, free.
        C = "C",
        /// D 类: for 120 union dues.
        D = "D",
        /// E 类: for a premium of 72 (36 for half a year or less).
        E = "E",
    }
}

impl Tier {
    /// This tier's value of a per-tier parameter.
    pub fn of<T: Copy>(self, t: &Tiered<T>) -> T {
        match self {
            Tier::C => t.c,
            Tier::D => t.d,
            Tier::E => t.e,
        }
    }
}

crate::wire_enum! {
    "mutual_aid.industry" =>
    /// One of the thirteen industries of §5 一(一) (names in `spec/editions/2023/mutual_aid.toml`).
    pub enum Industry {
        /// 物流快递
        Courier = "courier",
        /// 货运驾驶
        FreightDriver = "freight_driver",
        /// 网约送餐
        FoodDelivery = "food_delivery",
        /// 网约车司机
        RideHailing = "ride_hailing",
        /// 护工护理
        Caregiver = "caregiver",
        /// 家政服务
        DomesticService = "domestic_service",
        /// 商场信息
        MallInfo = "mall_info",
        /// 房产中介
        RealEstateAgent = "real_estate_agent",
        /// 物业管理
        PropertyManagement = "property_management",
        /// 工地短工
        ConstructionCasual = "construction_casual",
        /// 农业临工
        FarmCasual = "farm_casual",
        /// 保洁环卫
        Sanitation = "sanitation",
        /// 街面雇员
        StreetStaff = "street_staff",
    }
}

crate::wire_enum! {
    "mutual_aid.benefit" =>
    /// A benefit of the plan (保障内容).
    pub enum Benefit {
        /// 住院天数补助金: per day in hospital.
        HospitalDays = "hospital_days",
        /// 特种重病保障金: twelve critical illnesses, lump sum.
        CriticalIllness = "critical_illness",
        /// 重大疾病住院医疗补助金 (E only): an assessed amount.
        CiMedicalSubsidy = "ci_medical_subsidy",
        /// 意外身故保障金.
        AccidentDeath = "accident_death",
        /// 意外伤残保障金: the sum times the grade's ratio.
        AccidentDisability = "accident_disability",
        /// 意外慰问金: per claim.
        AccidentConsolation = "accident_consolation",
        /// 疾病身故保障金.
        DiseaseDeath = "disease_death",
    }
}

impl Benefit {
    /// Is it one of the accident benefits (意外), which share the accident cap?
    pub fn is_accident(self) -> bool {
        matches!(
            self,
            Benefit::AccidentDeath | Benefit::AccidentDisability | Benefit::AccidentConsolation
        )
    }
    /// Is it a death benefit (one per person)?
    pub fn is_death(self) -> bool {
        matches!(self, Benefit::AccidentDeath | Benefit::DiseaseDeath)
    }
}

crate::wire_enum! {
    "mutual_aid.reason" =>
    /// Why an enrolment, change or claim is refused or cut (stable codes, listed in `spec/reasons.md`).
    pub enum Reason {
        /// The worker is 60 or older on the coverage start date (§5 一(一)).
        AgeLimit = "age_limit",
        /// The worker's industry is not one of the edition's industries (§5 一(一) 十三类行业).
        IndustryNotCovered = "industry_not_covered",
        /// The date is outside every enrolment window of the channel (§5 一(四), 二(四)).
        OutsideEnrollmentWindow = "outside_enrollment_window",
        /// The channel does not offer this tier (§5 一(三)2, 二(四)).
        TierNotOffered = "tier_not_offered",
        /// The worker may not use this channel (§5 一(三)2: individual cover is for platform workers only).
        ChannelNotEligible = "channel_not_eligible",
        /// The worker already holds a policy for the period (§5 一(三)2: 一个保障期内每位劳动者只能参保一份).
        AlreadyEnrolled = "already_enrolled",
        /// A change that does not raise the tier (§5 一(六)).
        NotAnUpgrade = "not_an_upgrade",
        /// A change requested before the worker's cover has started (§5 一(六) 在保障期内).
        BeforeCoverageStart = "before_coverage_start",
        /// A change that would take effect after cover ends (§5 一(六)).
        AfterCoverageEnd = "after_coverage_end",
        /// The tier in force has no such benefit (§5 一(二)).
        NotCovered = "not_covered",
        /// The event happened outside the coverage period (§5 一(四)).
        EventOutsideCoverage = "event_outside_coverage",
        /// The claim was filed after its window closed (§5 一(七)3).
        ClaimWindowExpired = "claim_window_expired",
        /// The benefit's own cap for the period is used up (§5 一(二)).
        BenefitCapReached = "benefit_cap_reached",
        /// The accident benefits' joint cap is used up (§5 一(二)).
        AccidentCapReached = "accident_cap_reached",
        /// The plan's total cap is used up (§5 一(二)).
        TotalCapReached = "total_cap_reached",
        /// A death benefit was already paid (§5 一(二): 意外身故与疾病身故互斥).
        DeathBenefitAlreadyPaid = "death_benefit_already_paid",
    }
}

/// The first day of the month after `d`.
pub(crate) fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    let (y, m) = if d.month() == 12 {
        (d.year().checked_add(1)?, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
}

/// Calendar months from `start` to `end`, both months counted (2023-07-01..2023-12-31 is 6).
pub(crate) fn months_inclusive(start: NaiveDate, end: NaiveDate) -> u32 {
    let s = i64::from(start.year()) * 12 + i64::from(start.month0());
    let e = i64::from(end.year()) * 12 + i64::from(end.month0());
    u32::try_from(e - s + 1).unwrap_or(0)
}

/// The edition's list of tier names as message arguments (a tier's code in English, 「E类」 in Chinese).
pub(crate) fn listed_tiers(list: &[&'static str]) -> Vec<crate::msg::Arg> {
    list.iter()
        .map(|t| match Tier::parse(t) {
            Some(tier) => tier.into(),
            None => (*t).into(),
        })
        .collect()
}

/// Is `tier` in the edition's list of tier names?
pub(crate) fn tier_listed(list: &[&str], tier: Tier) -> bool {
    list.contains(&tier.as_str())
}

/// The edition's parameters of this family.
pub(crate) fn params(ed: &Edition) -> &crate::params::MutualAidParams {
    &ed.mutual_aid
}
