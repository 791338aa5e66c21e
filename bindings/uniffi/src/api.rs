//! The exported API: `evaluate` and `evaluateMany` (the wire contract, exactly the core's answer) and
//! `Rules`, an object bound to one edition with one typed method per rule. Each typed method converts its
//! input record (`convert`), calls the core's typed function and converts the result back; errors go
//! through `error`, panics through `error::guard`.
//!
//! Adding a rule: its enums in `ffi_enum!`, its input in `ffi_input!`, its result in `ffi_output!`, and a
//! `typed!` line with its rule id (the test `every_rule_has_a_typed_method` compares them with the core's).

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use shftu_rules::wire::Path;
use shftu_rules::{
    calendar, checkup, deadlines, fitness_station, health_point, health_point_ops, labor_relations, love_shanghai, metro_safety,
    model_worker, mutual_aid, params, programmes, recuperation, reference, rest_room, Calendar, Edition, Trace, EDITIONS,
};

use crate::convert::{IsoDate, IsoDateTime, Money, ToCore, ToFfi};
use crate::error::{guard, internal, ShftuError};
use crate::{ffi_enum, ffi_input, ffi_output};

/// Answers one request of the wire contract (`{"rule", "input", "edition"?}`): exactly the core's
/// response, `ok: false` included. Throws only `ShftuError::Internal` (a caught panic).
#[uniffi::export]
pub fn evaluate(request_json: String) -> Result<String, ShftuError> {
    guard(|| Ok(shftu_rules::evaluate(&request_json)))
}

/// Answers many requests, one response per request, in order (a bad request gets its `ok: false`
/// response, never an exception). One call across the boundary for the whole list.
#[uniffi::export]
pub fn evaluate_many(requests: Vec<String>) -> Result<Vec<String>, ShftuError> {
    requests
        .iter()
        .map(|r| catch_unwind(AssertUnwindSafe(|| shftu_rules::evaluate(r))).map_err(|p| internal(p.as_ref())))
        .collect()
}

/// The rule ids of the wire contract, in the plan's order.
#[uniffi::export]
pub fn rule_ids() -> Vec<String> {
    shftu_rules::RULES.iter().map(|r| r.id.to_owned()).collect()
}

/// Test hook: panics on purpose inside the boundary guard, so that the foreign tests can prove a Rust
/// panic arrives as `ShftuError::Internal` (Kotlin `ShftuException.Internal`), never as a crash.
#[uniffi::export]
#[allow(clippy::panic)] // the one deliberate panic: what this hook is for
pub fn panic_for_test() -> Result<(), ShftuError> {
    guard(|| std::panic::panic_any("a panic raised on purpose by panic_for_test"))
}

/// The editions of the plan the library holds (`"2023"`).
#[uniffi::export]
pub fn editions() -> Vec<String> {
    EDITIONS.iter().map(|e| e.name.to_owned()).collect()
}

/// One step of a decision's trace: the seed clause and what it found.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TraceStep {
    /// The seed clause, e.g. `§5 一(五)`.
    pub clause: String,
    /// The figures.
    pub note: String,
}

/// The rules of one edition of the plan, as typed methods. `Rules("2023")`; an unknown edition throws
/// `UnknownEdition`. Every method throws `InvalidInput` (with the JSON path of the field, as the wire
/// contract names it: `input.claims[2].amount`) or `CalendarUnavailable`; a business "no" is a result.
#[derive(Debug, uniffi::Object)]
pub struct Rules {
    edition: &'static Edition,
    calendar: Calendar,
    last_trace: std::sync::Mutex<Vec<shftu_rules::TraceStep>>,
}

impl Rules {
    fn run<I: ToCore, O: ToFfi>(
        &self,
        input: I,
        f: impl FnOnce(&Edition, &Calendar, &I::Core, &mut Trace) -> shftu_rules::error::Result<O>,
    ) -> Result<O::Ffi, ShftuError> {
        guard(|| {
            let core = input.to_core(&Path::Root("input"))?;
            let mut trace = Trace::new();
            let out = f(self.edition, &self.calendar, &core, &mut trace)?;
            if let Ok(mut last) = self.last_trace.lock() {
                *last = trace.into_steps();
            }
            Ok(out.to_ffi())
        })
    }
}

macro_rules! typed {
    ($($(#[$m:meta])* fn $name:ident($id:literal, $input:ty) -> $out:ty = |$ed:ident, $cal:ident, $i:ident, $t:ident| $body:expr;)*) => {
        #[uniffi::export]
        impl Rules {
            /// The rules of the edition called `edition` (`"2023"`).
            #[uniffi::constructor]
            pub fn new(edition: String) -> Result<Arc<Self>, ShftuError> {
                let ed = shftu_rules::edition(&edition).ok_or_else(|| {
                    ShftuError::from(shftu_rules::Error::UnknownEdition {
                        edition: edition.clone(),
                        known: EDITIONS.iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
                    })
                })?;
                Ok(Arc::new(Rules { edition: ed, calendar: Calendar::builtin(), last_trace: Default::default() }))
            }

            /// The edition's name.
            pub fn edition(&self) -> String {
                self.edition.name.to_owned()
            }

            /// The trace of the last successful typed call on this object: the clauses applied and the figures.
            pub fn last_trace(&self) -> Vec<TraceStep> {
                self.last_trace.lock().map(|t| t.clone().to_ffi()).unwrap_or_default()
            }

            $(
                $(#[$m])*
                #[allow(unused_variables)]
                pub fn $name(&self, input: $input) -> Result<$out, ShftuError> {
                    self.run(input, |$ed, $cal, $i, $t| $body)
                }
            )*
        }

        /// The rule ids that have a typed method on `Rules`, in the plan's order.
        pub const TYPED_RULES: &[&str] = &[$($id),*];

        impl Rules {
            /// Test plumbing, not part of the foreign API: reads `input` (the wire contract's JSON) with the
            /// core's reader, converts it to the typed method's record, calls the typed method of `rule` and
            /// writes its result as the contract's JSON. `None` when `rule` has no typed method.
            #[doc(hidden)]
            pub fn typed_json(&self, rule: &str, input: &serde_json::Value) -> Option<Result<serde_json::Value, ShftuError>> {
                use shftu_rules::wire::FromWire;
                use crate::convert::ToJson;
                match rule {
                    $($id => Some((|| {
                        let core = <<$input as ToCore>::Core as FromWire>::from_value_at(input, &Path::Root("input"))?;
                        let ffi: $input = core.to_ffi();
                        Ok(self.$name(ffi)?.to_json())
                    })()),)*
                    _ => None,
                }
            }
        }
    };
}

typed! {
    /// `health_point.funding` (§1 四(四)).
    fn health_point_funding("health_point.funding", FundingInput) -> Funding = |e, c, i, t| health_point::funding(e, i, t);
    /// `health_point.service_check` (§1 二(三)–(五)).
    fn health_point_service_check("health_point.service_check", ServiceCheckInput) -> ServiceCheck = |e, c, i, t| health_point_ops::service_check(e, i, t);
    /// `health_point.application_check` (§1 四(一)).
    fn health_point_application_check("health_point.application_check", ApplicationCheckInput) -> ApplicationCheck = |e, c, i, t| health_point_ops::application_check(e, i, t);
    /// `health_point.card` (§1 四(三)).
    fn health_point_card("health_point.card", CardInput) -> CardOutcome = |e, c, i, t| health_point_ops::card(e, i, t);
    /// `health_point.fund_use` (§1 四(四)).
    fn health_point_fund_use("health_point.fund_use", FundUseInput) -> FundUse = |e, c, i, t| health_point_ops::fund_use(e, i, t);
    /// `fitness_station.phase` (§2 三).
    fn fitness_station_phase("fitness_station.phase", PhaseInput) -> PhaseOutcome = |e, c, i, t| fitness_station::phase(e, i, t);
    /// `love_shanghai.trip_check` (§3 一(四)1–2).
    fn love_shanghai_trip_check("love_shanghai.trip_check", TripInput) -> TripCheck = |e, c, i, t| love_shanghai::trip_check(e, i, t);
    /// `love_shanghai.goods_check` (§3 一(四)3).
    fn love_shanghai_goods_check("love_shanghai.goods_check", GoodsInput) -> GoodsCheck = |e, c, i, t| love_shanghai::goods_check(e, i, t);
    /// `recuperation.subsidy` (§3 二(四)).
    fn recuperation_subsidy("recuperation.subsidy", SubsidyInput) -> Subsidy = |e, c, i, t| recuperation::subsidy(e, i, t);
    /// `recuperation.sanatorium_allocation` (§3 二(一), 二(四)3).
    fn recuperation_sanatorium_allocation("recuperation.sanatorium_allocation", AllocationInput) -> Allocation = |e, c, i, t| recuperation::sanatorium_allocation(e, i, t);
    /// `rest_room.checklist` (§4 三(四), 四(一), 四(四)).
    fn rest_room_checklist("rest_room.checklist", ChecklistInput) -> Checklist = |e, c, i, t| rest_room::checklist(e, i, t);
    /// `mutual_aid.enroll` (§5 一(一), 一(三)–(五), 二(四)).
    fn mutual_aid_enroll("mutual_aid.enroll", EnrollInput) -> Enrollment = |e, c, i, t| mutual_aid::enroll(e, i, t);
    /// `mutual_aid.change` (§5 一(六)).
    fn mutual_aid_change("mutual_aid.change", ChangeInput) -> ChangeOutcome = |e, c, i, t| mutual_aid::change(e, i, t);
    /// `mutual_aid.claim_deadline` (§5 一(七)3).
    fn mutual_aid_claim_deadline("mutual_aid.claim_deadline", ClaimDeadlineInput) -> ClaimDeadline = |e, c, i, t| mutual_aid::claim_deadline(e, c, i, t);
    /// `mutual_aid.adjudicate` (§5 一(二), 一(六), 一(七)).
    fn mutual_aid_adjudicate("mutual_aid.adjudicate", AdjudicateInput) -> Adjudication = |e, c, i, t| mutual_aid::adjudicate(e, c, i, t);
    /// `mutual_aid.payment_due` (§5 二(三)).
    fn mutual_aid_payment_due("mutual_aid.payment_due", PaymentDueInput) -> PaymentDue = |e, c, i, t| mutual_aid::payment_due(e, c, i, t);
    /// `reference.service_centres` (§5 附表).
    fn reference_service_centres("reference.service_centres", LookupInput) -> ServiceCentres = |e, c, i, t| reference::service_centres(e, i, t);
    /// `labor_relations.score` (§6 附件 评价标准).
    fn labor_relations_score("labor_relations.score", ScoreInput) -> Score = |e, c, i, t| labor_relations::score(e, i, t);
    /// `labor_relations.guidance_subsidy` (§6 四).
    fn labor_relations_guidance_subsidy("labor_relations.guidance_subsidy", GuidanceInput) -> GuidanceSubsidy = |e, c, i, t| labor_relations::guidance_subsidy(e, i, t);
    /// `labor_relations.reporting` (§6 五(一)–(二)).
    fn labor_relations_reporting("labor_relations.reporting", ReportingInput) -> Reporting = |e, c, i, t| labor_relations::reporting(e, i, t);
    /// `model_worker.dispatch_due` (§7 三(三)).
    fn model_worker_dispatch_due("model_worker.dispatch_due", DispatchDueInput) -> DispatchDue = |e, c, i, t| model_worker::dispatch_due(e, c, i, t);
    /// `checkup.quote` (§9 五).
    fn checkup_quote("checkup.quote", QuoteInput) -> Quote = |e, c, i, t| checkup::quote(e, i, t);
    /// `checkup.packages` (§9 二, 五; 附件 1).
    fn checkup_packages("checkup.packages", PackagesInput) -> Packages = |e, c, i, t| checkup::packages(e, i, t);
    /// `metro_safety.sessions` (§10 二(二), 三(二)).
    fn metro_safety_sessions("metro_safety.sessions", SessionsInput) -> Sessions = |e, c, i, t| metro_safety::sessions(e, i, t);
    /// `reference.metro_sites` (§10 附件 2-10-2).
    fn reference_metro_sites("reference.metro_sites", LookupInput) -> MetroSites = |e, c, i, t| reference::metro_sites(e, i, t);
    /// `programmes.progress` (附件 1).
    fn programmes_progress("programmes.progress", ProgressInput) -> Progress = |e, c, i, t| programmes::progress(e, i, t);
    /// `deadlines.upcoming` (all programmes).
    fn deadlines_upcoming("deadlines.upcoming", UpcomingInput) -> Upcoming = |e, c, i, t| deadlines::upcoming(e, i, t);
    /// `calendar.add_working_days` (…个工作日内).
    fn calendar_add_working_days("calendar.add_working_days", AddWorkingDaysInput) -> AddWorkingDays = |e, c, i, t| calendar::add_working_days(c, i, t);
}

// ---------------------------------------------------------------------------------------------------
// Enums (wire strings in the core; enum classes in Kotlin, enums in Swift)

ffi_enum! {
    /// A tier of the mutual-aid plan: C, D or E.
    Tier = mutual_aid::Tier { C, D, E }
    /// How a worker joins: group or individual.
    Channel = mutual_aid::Channel { Group, Individual }
    /// One of the thirteen industries of §5 一(一).
    Industry = mutual_aid::Industry {
        Courier, FreightDriver, FoodDelivery, RideHailing, Caregiver, DomesticService, MallInfo, RealEstateAgent,
        PropertyManagement, ConstructionCasual, FarmCasual, Sanitation, StreetStaff,
    }
    /// What the enrolment fee is.
    FeeKind = mutual_aid::FeeKind { None, UnionDues, Premium }
    /// A benefit of the mutual-aid plan.
    Benefit = mutual_aid::Benefit {
        HospitalDays, CriticalIllness, CiMedicalSubsidy, AccidentDeath, AccidentDisability, AccidentConsolation, DiseaseDeath,
    }
    /// Why an enrolment, change or claim is refused or cut.
    MutualAidReason = mutual_aid::Reason {
        AgeLimit, OutsideEnrollmentWindow, TierNotOffered, ChannelNotEligible, NotAnUpgrade, AfterCoverageEnd, NotCovered,
        EventOutsideCoverage, ClaimWindowExpired, BenefitCapReached, AccidentCapReached, TotalCapReached, DeathBenefitAlreadyPaid,
    }
    /// What a claim's deadline is counted from.
    DeadlineBasis = mutual_aid::DeadlineBasis { CoverageEnd, EventDate }
    /// A claim's decision.
    ClaimStatus = mutual_aid::ClaimStatus { Paid, PartiallyPaid, Rejected }
    /// Why a payment is late or refused.
    PaymentReason = mutual_aid::PaymentReason { AfterConcentratedDeadline, OutsideEnrollmentWindow, PaymentLate }
    /// A health point: new or upgraded.
    PointKind = health_point::PointKind { New, Upgrade }
    /// The level of a match (district or street).
    MatchLevel = health_point::MatchLevel { District, Street }
    /// A health point's service standard.
    Standard = health_point_ops::Standard { Consultation, Visits, Lectures, VisitNotices, LectureNotices }
    /// Why a health point's schedule misses a standard.
    ServiceReason = health_point_ops::ServiceReason {
        ConsultationBelowMinimum, VisitMissing, LectureMissing, NoticeTooLate, NoticeTooEarly,
    }
    /// A large group's in-house medical service.
    InHouseMedical = health_point_ops::InHouseMedical { None, Rudimentary, Adequate }
    /// Why a health-point application falls short.
    ApplicationReason = health_point_ops::ApplicationReason {
        AfterDeadline, TooFewNewPoints, TooFewUpgradePoints, TooFewEmployees, HasAdequateMedicalService, LargeGroupNotEligible,
    }
    /// A health point's card standing.
    CardState = health_point_ops::CardState { GoodStanding, YellowCard, RedCard }
    /// An inspection's outcome.
    InspectionOutcome = health_point_ops::InspectionOutcome { Compliant, NonCompliant, Serious }
    /// Why a card changes.
    CardReason = health_point_ops::CardReason { NonCompliance, SeriousCase, RectificationFailed, Rectified, AlreadyDelisted }
    /// Whose money.
    FundSource = health_point_ops::FundSource { City, District, Industry, Street }
    /// What the money pays for.
    FundPurpose = health_point_ops::FundPurpose {
        BasicEquipment, DailyOperations, ConsultationSubsidy, LectureSubsidy, VisitSubsidy, Other,
    }
    /// Why a use of funds is not allowed.
    FundReason = health_point_ops::FundReason { PurposeForOtherSource, PurposeNotListed }
    /// Why a fitness-station date has no phase or misses the target.
    FitnessReason = fitness_station::FitnessReason { NoPhase, TargetMissed }
    /// A 看上海 trip: two days or one.
    TripKind = love_shanghai::TripKind { TwoDay, OneDay }
    /// What a trip breaks.
    Violation = love_shanghai::Violation { OverPerPersonCap, MealShareExceeded }
    /// A recuperation programme.
    Programme = recuperation::Programme { YangtzeDelta, PairedRegion, DirectSanatorium }
    /// Why a recuperation subsidy is refused or cut.
    RecuperationReason = recuperation::Reason { OverDuration, AllocationExhausted }
    /// A priority group of the sanatorium stays.
    PriorityGroup = recuperation::PriorityGroup {
        ModelWorker, Craftsman, EpidemicFrontline, EpidemicOnDuty, IndustrialWorker,
    }
    /// A stay's settlement.
    StayStatus = recuperation::StayStatus { Paid, PartiallyPaid, Rejected }
    /// Why a rest room falls short.
    RestRoomReason = rest_room::RestRoomReason { DimensionNotMet, AppliedAfterDeadline }
    /// A district of Shanghai.
    District = reference::District {
        Pudong, Xuhui, Changning, Putuo, Hongkou, Yangpu, Huangpu, Jingan, Baoshan, Minhang, Jiading, Fengxian,
        Songjiang, Jinshan, Qingpu, Chongming,
    }
    /// A labour-relations grade.
    Grade = labor_relations::Grade { Exemplary, Compliant, BasicallyCompliant, NonCompliant }
    /// Why a district's target falls short.
    LaborRelationsReason = labor_relations::Reason { BelowLastYearTarget }
    /// Why a model-worker dispatch is late.
    DispatchReason = model_worker::DispatchReason { DispatchLate }
    /// A checkup package.
    Package = checkup::Package { L1, L2, L3, L4, Cardio, Blood, FemaleTwo, Tumor, Stroke }
    /// Routine or special checkup package.
    PackageKind = checkup::PackageKind { Routine, Special }
    /// Why metro-safety sessions are not feasible or late.
    SessionReason = metro_safety::SessionReason {
        NoParticipants, TooFewParticipants, NoEvenSplit, AppliedAfterDeadline, OutsideActivityWindow,
    }
}

// ---------------------------------------------------------------------------------------------------
// Inputs

ffi_input! {
    /// Input of `health_point.funding`.
    FundingInput = health_point::FundingInput {
        kind: PointKind, points: i64,
        #[uniffi(default)] district_match: Option<Money>,
        #[uniffi(default)] street_match: Option<Money>,
    }
    /// An event of a health point's schedule and the day its notice went out.
    Event = health_point_ops::Event { date: IsoDate, notice_date: IsoDate }
    /// Input of `health_point.service_check`.
    ServiceCheckInput = health_point_ops::ServiceCheckInput {
        period_start: IsoDate, period_end: IsoDate, consultation_half_days: Vec<i64>, visits: Vec<Event>, lectures: Vec<Event>,
    }
    /// A large group of a health-point application.
    LargeGroup = health_point_ops::LargeGroup { employees: i64, in_house_medical: InHouseMedical }
    /// Input of `health_point.application_check`.
    ApplicationCheckInput = health_point_ops::ApplicationCheckInput {
        submitted_at: IsoDateTime, new_points: i64, upgrade_points: i64, #[uniffi(default)] large_groups: Vec<LargeGroup>,
    }
    /// Input of `health_point.card`.
    CardInput = health_point_ops::CardInput { state: CardState, outcome: InspectionOutcome }
    /// Input of `health_point.fund_use`.
    FundUseInput = health_point_ops::FundUseInput { source: FundSource, purpose: FundPurpose }
    /// Input of `fitness_station.phase`.
    PhaseInput = fitness_station::PhaseInput { date: IsoDate, #[uniffi(default)] stations_accepted: Option<i64> }
    /// Input of `love_shanghai.trip_check`.
    TripInput = love_shanghai::TripInput { kind: TripKind, participants: i64, total_cost: Money, meal_cost: Money }
    /// Input of `love_shanghai.goods_check`.
    GoodsInput = love_shanghai::GoodsInput { spent_per_person: Money, amount_per_person: Money }
    /// Input of `recuperation.subsidy`.
    SubsidyInput = recuperation::SubsidyInput {
        programme: Programme, participants: i64,
        #[uniffi(default)] days: Option<i64>,
        #[uniffi(default)] nights: Option<i64>,
        #[uniffi(default)] cost_per_person: Option<Money>,
    }
    /// A sanatorium stay to settle.
    Stay = recuperation::Stay { participants: i64, cost_per_person: Money, #[uniffi(default)] priority_group: Option<PriorityGroup> }
    /// Input of `recuperation.sanatorium_allocation`.
    AllocationInput = recuperation::AllocationInput { allocated_total: Money, stays: Vec<Stay> }
    /// Input of `rest_room.checklist`.
    ChecklistInput = rest_room::ChecklistInput {
        met: Vec<String>, #[uniffi(default)] applied_on: Option<IsoDate>, #[uniffi(default)] date: Option<IsoDate>,
    }
    /// Input of `mutual_aid.enroll`.
    EnrollInput = mutual_aid::EnrollInput {
        tier: Tier, channel: Channel, date: IsoDate, industry: Industry, birth_date: IsoDate,
        #[uniffi(default = false)] platform_worker: bool,
        #[uniffi(default = false)] renewing_2022_plan: bool,
    }
    /// Input of `mutual_aid.change`.
    ChangeInput = mutual_aid::ChangeInput { from: Tier, to: Tier, date: IsoDate, #[uniffi(default)] coverage_end: Option<IsoDate> }
    /// Input of `mutual_aid.claim_deadline`.
    ClaimDeadlineInput = mutual_aid::ClaimDeadlineInput {
        benefit: Benefit, coverage_end: IsoDate, #[uniffi(default)] event_date: Option<IsoDate>,
    }
    /// A change of tier in a policy.
    TierChange = mutual_aid::TierChange { to: Tier, effective_from: IsoDate }
    /// The policy claims are decided under.
    Policy = mutual_aid::Policy {
        tier: Tier, coverage_start: IsoDate, coverage_end: IsoDate, #[uniffi(default)] changes: Vec<TierChange>,
    }
    /// A claim.
    Claim = mutual_aid::Claim {
        benefit: Benefit, event_date: IsoDate, filed_on: IsoDate,
        #[uniffi(default)] days: Option<i64>,
        #[uniffi(default)] grade: Option<i64>,
        #[uniffi(default)] amount: Option<Money>,
    }
    /// Input of `mutual_aid.adjudicate`.
    AdjudicateInput = mutual_aid::AdjudicateInput { policy: Policy, claims: Vec<Claim> }
    /// Input of `mutual_aid.payment_due`.
    PaymentDueInput = mutual_aid::PaymentDueInput { submitted_on: IsoDate, #[uniffi(default)] paid_on: Option<IsoDate> }
    /// Input of `reference.service_centres` and `reference.metro_sites`.
    LookupInput = reference::LookupInput { #[uniffi(default)] district: Option<District> }
    /// Input of `labor_relations.score`: points by item id (`"1-1-1"`).
    ScoreInput = labor_relations::ScoreInput { items: HashMap<String, i32> }
    /// Input of `labor_relations.guidance_subsidy`.
    GuidanceInput = labor_relations::GuidanceInput { person_days: i64 }
    /// Input of `labor_relations.reporting`.
    ReportingInput = labor_relations::ReportingInput {
        last_year_target: i64, target: i64, #[uniffi(default)] as_of: Option<IsoDate>,
    }
    /// Input of `model_worker.dispatch_due`.
    DispatchDueInput = model_worker::DispatchDueInput { received_on: IsoDate, #[uniffi(default)] served_on: Option<IsoDate> }
    /// One line of a checkup quote.
    QuoteLine = checkup::QuoteLine { package: Package, count: i64 }
    /// Input of `checkup.quote`.
    QuoteInput = checkup::QuoteInput { lines: Vec<QuoteLine> }
    /// Input of `checkup.packages`.
    PackagesInput = checkup::PackagesInput { #[uniffi(default)] kind: Option<PackageKind> }
    /// Input of `metro_safety.sessions`.
    SessionsInput = metro_safety::SessionsInput {
        participants: i64, #[uniffi(default)] applied_on: Option<IsoDate>, #[uniffi(default)] planned_date: Option<IsoDate>,
    }
    /// Input of `programmes.progress`: achieved figures by target id.
    ProgressInput = programmes::ProgressInput { achieved: HashMap<String, i64> }
    /// Input of `deadlines.upcoming`.
    UpcomingInput = deadlines::UpcomingInput { date: IsoDate, #[uniffi(default)] programme: Option<i64> }
    /// Input of `calendar.add_working_days`.
    AddWorkingDaysInput = calendar::AddWorkingDaysInput { from: IsoDate, days: i64 }
}

// ---------------------------------------------------------------------------------------------------
// Results

ffi_output! {
    /// A match that falls short.
    Shortfall = health_point::Shortfall { level: MatchLevel, amount: Money }
    /// Result of `health_point.funding`.
    Funding = health_point::Funding {
        city_subsidy: Money, min_district_match: Money, min_street_match: Money, min_total: Money,
        compliant: Option<bool>, shortfalls: Vec<Shortfall>,
    }
    /// One standard of a service check.
    StandardCheck = health_point_ops::StandardCheck { standard: Standard, met: Option<bool>, checked: i64, missed: Vec<String> }
    /// Result of `health_point.service_check`.
    ServiceCheck = health_point_ops::ServiceCheck { meets_all: bool, standards: Vec<StandardCheck>, reasons: Vec<ServiceReason> }
    /// One large group's check.
    LargeGroupCheck = health_point_ops::LargeGroupCheck { eligible: bool, reasons: Vec<ApplicationReason> }
    /// Result of `health_point.application_check`.
    ApplicationCheck = health_point_ops::ApplicationCheck {
        accepted: bool, reasons: Vec<ApplicationReason>, on_time: bool, deadline: IsoDateTime, min_new: i64,
        min_upgrade: i64, upgrade_places: i64, existing_points: i64, large_groups: Vec<LargeGroupCheck>,
    }
    /// Result of `health_point.card`.
    CardOutcome = health_point_ops::CardOutcome {
        state: CardState, notice: Option<String>, qualification_cancelled: bool, reasons: Vec<CardReason>,
    }
    /// Result of `health_point.fund_use`.
    FundUse = health_point_ops::FundUse {
        allowed: bool, reasons: Vec<FundReason>, basis: Option<String>, allowed_purposes: Vec<FundPurpose>,
    }
    /// A phase of the fitness stations' timetable.
    Phase = fitness_station::Phase { id: String, clause: String, zh: String, first: IsoDate, last: IsoDate }
    /// Result of `fitness_station.phase`.
    PhaseOutcome = fitness_station::PhaseOutcome {
        phases: Vec<Phase>, next: Vec<Phase>, target_stations: i64, target_date: IsoDate, remaining: Option<i64>,
        target_met: Option<bool>, reasons: Vec<FitnessReason>,
    }
    /// Result of `love_shanghai.trip_check`.
    TripCheck = love_shanghai::TripCheck {
        compliant: bool, violations: Vec<Violation>, per_person_cap: Money, max_total: Money, max_meal_cost: Money,
    }
    /// Result of `love_shanghai.goods_check`.
    GoodsCheck = love_shanghai::GoodsCheck { compliant: bool, cap: Money, remaining_before: Money, excess: Money }
    /// Result of `recuperation.subsidy`.
    Subsidy = recuperation::Subsidy {
        accepted: bool, reasons: Vec<RecuperationReason>, subsidy_per_person: Option<Money>, subsidy_total: Option<Money>,
        covered: Vec<String>, not_covered: Vec<String>,
    }
    /// One stay's settlement.
    StaySettlement = recuperation::StaySettlement { status: StayStatus, due: Money, paid: Money, reasons: Vec<RecuperationReason> }
    /// Result of `recuperation.sanatorium_allocation`.
    Allocation = recuperation::Allocation { stays: Vec<StaySettlement>, due_total: Money, paid_total: Money, left: Money }
    /// One dimension of the rest-room checklist.
    DimensionCheck = rest_room::DimensionCheck { id: String, char: String, zh: String, met: bool }
    /// A quarter of random checks.
    CheckPeriod = rest_room::CheckPeriod { first: IsoDate, last: IsoDate }
    /// Result of `rest_room.checklist`.
    Checklist = rest_room::Checklist {
        all_met: bool, met_count: i64, total: i64, dimensions: Vec<DimensionCheck>, missing: Vec<String>,
        applied_on_time: Option<bool>, check_period: Option<CheckPeriod>, reasons: Vec<RestRoomReason>,
    }
    /// Result of `mutual_aid.enroll`.
    Enrollment = mutual_aid::Enrollment {
        accepted: bool, reasons: Vec<MutualAidReason>, coverage_start: Option<IsoDate>, coverage_end: Option<IsoDate>,
        months: Option<i64>, fee: Option<Money>, fee_kind: Option<FeeKind>,
    }
    /// Result of `mutual_aid.change`.
    ChangeOutcome = mutual_aid::ChangeOutcome {
        accepted: bool, reasons: Vec<MutualAidReason>, fee: Option<Money>, effective_from: Option<IsoDate>,
    }
    /// Result of `mutual_aid.claim_deadline`.
    ClaimDeadline = mutual_aid::ClaimDeadline { last_day: IsoDate, basis: DeadlineBasis, period: String }
    /// One claim's decision.
    ClaimDecision = mutual_aid::ClaimDecision { status: ClaimStatus, payable: Money, reasons: Vec<MutualAidReason> }
    /// Result of `mutual_aid.adjudicate`.
    Adjudication = mutual_aid::Adjudication { decisions: Vec<ClaimDecision>, total_payable: Money }
    /// Result of `mutual_aid.payment_due`.
    PaymentDue = mutual_aid::PaymentDue {
        last_day: IsoDate, working_days: i64, concentrated: bool, coverage_start: Option<IsoDate>,
        paid_on_time: Option<bool>, reasons: Vec<PaymentReason>,
    }
    /// A district service centre.
    ServiceCentre = params::ServiceCentre {
        no: i64, district: String, district_zh: String, name: String, phone: String, address: String,
    }
    /// Result of `reference.service_centres`.
    ServiceCentres = reference::ServiceCentres { centres: Vec<ServiceCentre> }
    /// A metro training site.
    MetroSite = params::MetroSite { no: i64, district: String, district_zh: String, name: String, address: String }
    /// Result of `reference.metro_sites`.
    MetroSites = reference::MetroSites { sites: Vec<MetroSite> }
    /// Result of `labor_relations.score`.
    Score = labor_relations::Score {
        compliance: i64, institution: i64, development: i64, bonus_uncapped: i64, bonus: i64, deductions: i32,
        total: i32, grade: Grade,
    }
    /// Result of `labor_relations.guidance_subsidy`.
    GuidanceSubsidy = labor_relations::GuidanceSubsidy { subsidy: Money }
    /// Result of `labor_relations.reporting`.
    Reporting = labor_relations::Reporting {
        target_ok: bool, reasons: Vec<LaborRelationsReason>, min_target: i64, report_due_dates: Vec<IsoDate>,
        next_report_due: Option<IsoDate>, target_complete_by: IsoDate,
    }
    /// Result of `model_worker.dispatch_due`.
    DispatchDue = model_worker::DispatchDue {
        last_day: IsoDate, working_days: i64, working_days_taken: Option<i64>, on_time: Option<bool>,
        reasons: Vec<DispatchReason>,
    }
    /// One line of a quote.
    QuotedLine = checkup::QuotedLine {
        package: Package, count: i64, unit_price: Money, unit_subsidy: Money, unit_payable: Money, price: Money,
        subsidy: Money, payable: Money,
    }
    /// A quote's totals.
    QuoteTotal = checkup::QuoteTotal { price: Money, subsidy: Money, payable: Money }
    /// Result of `checkup.quote`.
    Quote = checkup::Quote { lines: Vec<QuotedLine>, total: QuoteTotal }
    /// A checkup package on offer.
    PackageInfo = checkup::PackageInfo {
        package: Package, zh: String, kind: PackageKind, price: Money, subsidy: Money, payable: Money,
        plan_2022: Option<String>, in_hospital_only: bool,
    }
    /// Result of `checkup.packages`.
    Packages = checkup::Packages { packages: Vec<PackageInfo>, target_people: i64 }
    /// How participants split into sessions.
    Split = metro_safety::Split {
        sessions: i64, larger_sessions: i64, larger_size: i64, smaller_sessions: i64, smaller_size: i64,
    }
    /// Result of `metro_safety.sessions`.
    Sessions = metro_safety::Sessions {
        feasible: bool, min_sessions: Option<i64>, max_sessions: Option<i64>, split: Option<Split>, session_min: i64,
        session_max: i64, applied_on_time: Option<bool>, in_activity_window: Option<bool>, reasons: Vec<SessionReason>,
    }
    /// One target's progress.
    TargetProgress = programmes::TargetProgress {
        id: String, programme: i64, clause: String, zh: String, bound: String, target: i64, unit: String,
        achieved: Option<i64>, remaining: Option<i64>, percent: Option<String>, met: Option<bool>,
    }
    /// Result of `programmes.progress`.
    Progress = programmes::Progress { targets: Vec<TargetProgress>, reported: i64, met: i64, all_met: bool }
    /// A dated deadline or window of the plan.
    DatedItem = deadlines::DatedItem {
        id: String, programme: i64, clause: String, kind: String, first: IsoDate, last: IsoDate, time: Option<String>,
        zh: String, days_to_last: i64,
    }
    /// Result of `deadlines.upcoming`.
    Upcoming = deadlines::Upcoming {
        date: IsoDate, next: Vec<DatedItem>, open: Vec<DatedItem>, upcoming: Vec<DatedItem>, overdue: Vec<DatedItem>,
    }
    /// Result of `calendar.add_working_days`.
    AddWorkingDays = calendar::AddWorkingDays { date: IsoDate }
}
