//! The functions of the addon: `evaluateJson` and `evaluateManyJson` (the wire contract, as text),
//! one typed function per rule, and the catalogue (`rules`, `enumValues`, `errorCodes`).
//!
//! A typed function reads its input object (`convert`), builds the core's typed input with the core's
//! own reader, calls the core's typed function and returns its result as a plain object. The second
//! argument, `options`, may name an `edition` (default `"2023"`) and pass a `trace` array, to which
//! the steps of the decision (`{clause, note}`) are appended.
//!
//! Adding a rule: one `typed!` entry below and its interfaces in `ts/header.d.ts`.

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use napi_derive::napi;
use serde::Serialize;
use shftu_rules::error::Result as CoreResult;
use shftu_rules::wire::{FromWire, Path};
use shftu_rules::{
    calendar, checkup, deadlines, fitness_station, health_point, health_point_ops, labor_relations, love_shanghai, metro_safety,
    model_worker, mutual_aid, programmes, recuperation, reference, rest_room, Calendar, Edition, Error, Trace, EDITIONS,
};

use crate::convert::to_value;
use crate::error::{guard, Failure};

/// Answers one request of the wire contract (JSON text) with the response text, exactly as the core's
/// `evaluate` does. `evaluate` in `index.js` takes an object or a string and parses the response.
#[napi]
pub fn evaluate_json(env: &Env, request: String) -> napi::Result<String> {
    guard(env, || Ok(shftu_rules::evaluate(&request)))
}

/// `evaluateJson` over many requests, in order; a bad request gets its `ok: false` response.
#[napi]
pub fn evaluate_many_json(env: &Env, requests: Vec<String>) -> napi::Result<Vec<String>> {
    guard(env, || Ok(requests.iter().map(|r| shftu_rules::evaluate(r)).collect()))
}

/// One rule of the catalogue.
#[napi(object)]
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: String,
    /// What it answers, in one line.
    pub summary: String,
    /// The seed clause it implements.
    pub clause: String,
}

/// Every rule the wire contract answers, in the plan's order.
#[napi]
pub fn rules() -> Vec<RuleInfo> {
    shftu_rules::RULES
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_owned(),
            summary: r.summary.to_owned(),
            clause: r.clause.to_owned(),
        })
        .collect()
}

/// The editions of the plan the library holds.
#[napi]
pub fn editions() -> Vec<String> {
    EDITIONS.iter().map(|e| e.name.to_owned()).collect()
}

/// Every error code of the wire contract (`invalid_json`, …), in the order of the core's variants.
#[napi]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| (*c).to_owned()).collect()
}

macro_rules! enum_values {
    ($($name:literal => $ty:ty),+ $(,)?) => {
        /// The values of every closed set of strings the typed API uses (the string-literal unions of
        /// `index.d.ts`), from the core: `{"Tier": ["C", "D", "E"], …}`.
        #[napi(ts_return_type = "Record<string, string[]>")]
        pub fn enum_values(env: &Env) -> napi::Result<Unknown<'_>> {
            let mut map = serde_json::Map::new();
            $(map.insert($name.to_owned(), <$ty>::ALL.iter().map(|v| serde_json::Value::from(v.as_str())).collect());)+
            env.to_js_value(&map)
        }
    };
}

enum_values! {
    "Tier" => mutual_aid::Tier,
    "Channel" => mutual_aid::Channel,
    "Industry" => mutual_aid::Industry,
    "FeeKind" => mutual_aid::FeeKind,
    "Benefit" => mutual_aid::Benefit,
    "MutualAidReason" => mutual_aid::Reason,
    "ClaimStatus" => mutual_aid::ClaimStatus,
    "DeadlineBasis" => mutual_aid::DeadlineBasis,
    "Package" => checkup::Package,
    "PackageKind" => checkup::PackageKind,
    "PointKind" => health_point::PointKind,
    "MatchLevel" => health_point::MatchLevel,
    "TripKind" => love_shanghai::TripKind,
    "TripViolation" => love_shanghai::Violation,
    "Programme" => recuperation::Programme,
    "RecuperationReason" => recuperation::Reason,
    "PriorityGroup" => recuperation::PriorityGroup,
    "StayStatus" => recuperation::StayStatus,
    "Grade" => labor_relations::Grade,
    "ReportingReason" => labor_relations::Reason,
    "HealthPointStandard" => health_point_ops::Standard,
    "HealthPointServiceReason" => health_point_ops::ServiceReason,
    "InHouseMedical" => health_point_ops::InHouseMedical,
    "HealthPointApplicationReason" => health_point_ops::ApplicationReason,
    "CardState" => health_point_ops::CardState,
    "InspectionOutcome" => health_point_ops::InspectionOutcome,
    "CardReason" => health_point_ops::CardReason,
    "FundSource" => health_point_ops::FundSource,
    "FundPurpose" => health_point_ops::FundPurpose,
    "FundReason" => health_point_ops::FundReason,
    "FitnessReason" => fitness_station::FitnessReason,
    "RestRoomReason" => rest_room::RestRoomReason,
    "PaymentReason" => mutual_aid::PaymentReason,
    "District" => reference::District,
    "DispatchReason" => model_worker::DispatchReason,
    "SessionReason" => metro_safety::SessionReason,
}

/// Makes a Rust panic on purpose inside the boundary guard, so that the tests can prove a panic
/// reaches JavaScript as `InternalError` and never aborts the process. Not part of the API.
#[napi(js_name = "__panicForTest")]
#[allow(clippy::panic)] // the deliberate panic is the point of this function
pub fn panic_for_test(env: &Env) -> napi::Result<()> {
    guard(env, || std::panic::panic_any("a panic raised on purpose by __panicForTest"))
}

/// The edition and trace array of a typed call's `options`.
struct Options<'e> {
    edition: &'static Edition,
    trace: Option<Object<'e>>,
}

fn read_options<'e>(options: Option<&Unknown<'e>>) -> std::result::Result<Options<'e>, Failure> {
    let mut edition_name = shftu_rules::DEFAULT_EDITION.to_owned();
    let mut trace = None;
    let options = match options {
        None => None,
        Some(o) => match o.get_type()? {
            ValueType::Undefined | ValueType::Null => None,
            ValueType::Object => Some(o.coerce_to_object()?),
            _ => return Err(Error::invalid("options", "options must be an object: {edition?, trace?}").into()),
        },
    };
    if let Some(o) = options {
        let e: Unknown<'_> = o.get_named_property("edition")?;
        match e.get_type()? {
            ValueType::Undefined | ValueType::Null => {}
            ValueType::String => edition_name = e.coerce_to_string()?.into_utf8()?.into_owned()?,
            _ => return Err(Error::invalid("edition", "edition must be an edition name such as \"2023\"").into()),
        }
        let t: Unknown<'e> = o.get_named_property("trace")?;
        match t.get_type()? {
            ValueType::Undefined | ValueType::Null => {}
            ValueType::Object if t.is_array()? => trace = Some(t.coerce_to_object()?),
            _ => return Err(Error::invalid("trace", "trace must be an array, to which the steps are appended").into()),
        }
    }
    let Some(edition) = shftu_rules::edition(&edition_name) else {
        let known = EDITIONS.iter().map(|e| e.name).collect::<Vec<_>>().join(", ");
        // Named in at most 40 characters, as the core's wire reader names it.
        return Err(Error::UnknownEdition {
            edition: edition_name.chars().take(40).collect(),
            known,
        }
        .into());
    };
    Ok(Options { edition, trace })
}

/// Runs one typed rule: input object → core input → core function → result object.
fn typed<'e, I: FromWire, O: Serialize>(
    env: &'e Env,
    input: Unknown<'e>,
    options: Option<Unknown<'e>>,
    rule: impl FnOnce(&Edition, &Calendar, &I, &mut Trace) -> CoreResult<O>,
) -> napi::Result<Unknown<'e>> {
    guard(env, || {
        let opts = read_options(options.as_ref())?;
        // An omitted input (undefined or null) is an empty object, for rules whose fields are all optional.
        let value = match input.get_type()? {
            ValueType::Undefined | ValueType::Null => serde_json::Value::Object(serde_json::Map::new()),
            _ => to_value(&input, "input")?,
        };
        let input = I::from_value_at(&value, &Path::Root("input"))?;
        let mut trace = if opts.trace.is_some() { Trace::new() } else { Trace::off() };
        let out = rule(opts.edition, &Calendar::builtin(), &input, &mut trace)?;
        if let Some(mut sink) = opts.trace {
            let start = sink.get_array_length()?;
            for (i, step) in trace.into_steps().iter().enumerate() {
                let at = start.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                sink.set_element(at, env.to_js_value(step)?)?;
            }
        }
        Ok(env.to_js_value(&out)?)
    })
}

macro_rules! typed {
    ($($doc:literal $name:ident($input:ty) -> $ts_in:literal, $ts_out:literal = |$ed:ident, $cal:ident, $i:ident, $t:ident| $call:expr;)+) => {$(
        #[doc = $doc]
        #[napi(ts_args_type = $ts_in, ts_return_type = $ts_out)]
        pub fn $name<'e>(env: &'e Env, input: Unknown<'e>, options: Option<Unknown<'e>>) -> napi::Result<Unknown<'e>> {
            #[allow(unused_variables)]
            typed::<$input, _>(env, input, options, |$ed, $cal, $i, $t| $call)
        }
    )+};
}

typed! {
    "`health_point.funding` (§1 四(四)): the city subsidy for new or upgraded health points and the minimum district and street matches (1:1:1)."
    health_point_funding(health_point::FundingInput) -> "input: HealthPointFundingInput, options?: Options", "HealthPointFundingResult"
        = |ed, cal, i, t| health_point::funding(ed, i, t);
    "`love_shanghai.trip_check` (§3 一(四)1–2): is a 看上海 trip within the per-person cap and the meals' share."
    love_shanghai_trip_check(love_shanghai::TripInput) -> "input: LoveShanghaiTripCheckInput, options?: Options", "LoveShanghaiTripCheckResult"
        = |ed, cal, i, t| love_shanghai::trip_check(ed, i, t);
    "`love_shanghai.goods_check` (§3 一(四)3): does a 品上海 instalment keep the year within 500 a person."
    love_shanghai_goods_check(love_shanghai::GoodsInput) -> "input: LoveShanghaiGoodsCheckInput, options?: Options", "LoveShanghaiGoodsCheckResult"
        = |ed, cal, i, t| love_shanghai::goods_check(ed, i, t);
    "`recuperation.subsidy` (§3 二(四)): the city union's subsidy for a recuperation trip."
    recuperation_subsidy(recuperation::SubsidyInput) -> "input: RecuperationSubsidyInput, options?: Options", "RecuperationSubsidyResult"
        = |ed, cal, i, t| recuperation::subsidy(ed, i, t);
    "`recuperation.sanatorium_allocation` (§3 二(一), 二(四)3): settle sanatorium stays within an allocation."
    recuperation_sanatorium_allocation(recuperation::AllocationInput) -> "input: RecuperationSanatoriumAllocationInput, options?: Options", "RecuperationSanatoriumAllocationResult"
        = |ed, cal, i, t| recuperation::sanatorium_allocation(ed, i, t);
    "`mutual_aid.enroll` (§5 一(三)–(五), 二(四)): may a gig worker join tier C/D/E on this date."
    mutual_aid_enroll(mutual_aid::EnrollInput) -> "input: MutualAidEnrollInput, options?: Options", "MutualAidEnrollResult"
        = |ed, cal, i, t| mutual_aid::enroll(ed, i, t);
    "`mutual_aid.change` (§5 一(六)): fee and effective date of moving up a tier."
    mutual_aid_change(mutual_aid::ChangeInput) -> "input: MutualAidChangeInput, options?: Options", "MutualAidChangeResult"
        = |ed, cal, i, t| mutual_aid::change(ed, i, t);
    "`mutual_aid.claim_deadline` (§5 一(七)3): the last day to file a claim, counted as the Civil Code says."
    mutual_aid_claim_deadline(mutual_aid::ClaimDeadlineInput) -> "input: MutualAidClaimDeadlineInput, options?: Options", "MutualAidClaimDeadlineResult"
        = |ed, cal, i, t| mutual_aid::claim_deadline(ed, cal, i, t);
    "`mutual_aid.adjudicate` (§5 一(二), 一(六), 一(七)): decide a sequence of claims under the caps."
    mutual_aid_adjudicate(mutual_aid::AdjudicateInput) -> "input: MutualAidAdjudicateInput, options?: Options", "MutualAidAdjudicateResult"
        = |ed, cal, i, t| mutual_aid::adjudicate(ed, cal, i, t);
    "`labor_relations.score` (§6 附件): an enterprise's score and grade on the rubric."
    labor_relations_score(labor_relations::ScoreInput) -> "input: LaborRelationsScoreInput, options?: Options", "LaborRelationsScoreResult"
        = |ed, cal, i, t| labor_relations::score(ed, i, t);
    "`labor_relations.guidance_subsidy` (§6 四): the subsidy for on-site guidance person-days."
    labor_relations_guidance_subsidy(labor_relations::GuidanceInput) -> "input: LaborRelationsGuidanceSubsidyInput, options?: Options", "LaborRelationsGuidanceSubsidyResult"
        = |ed, cal, i, t| labor_relations::guidance_subsidy(ed, i, t);
    "`labor_relations.reporting` (§6 五(一)–(二)): is a district union's target at least last year's; its reporting dates."
    labor_relations_reporting(labor_relations::ReportingInput) -> "input: LaborRelationsReportingInput, options?: Options", "LaborRelationsReportingResult"
        = |ed, cal, i, t| labor_relations::reporting(ed, i, t);
    "`checkup.quote` (§9 五): price, city-union subsidy and payable of a list of checkup packages."
    checkup_quote(checkup::QuoteInput) -> "input: CheckupQuoteInput, options?: Options", "CheckupQuoteResult"
        = |ed, cal, i, t| checkup::quote(ed, i, t);
    "`checkup.packages` (§9 二, 五; 附件 1): the packages on offer and the year's target."
    checkup_packages(checkup::PackagesInput) -> "input?: CheckupPackagesInput, options?: Options", "CheckupPackagesResult"
        = |ed, cal, i, t| checkup::packages(ed, i, t);
    "`health_point.service_check` (§1): does a health point meet the service standards over a period."
    health_point_service_check(health_point_ops::ServiceCheckInput) -> "input: HealthPointServiceCheckInput, options?: Options", "HealthPointServiceCheckResult"
        = |ed, cal, i, t| health_point_ops::service_check(ed, i, t);
    "`health_point.application_check` (§1): does a district's application meet the deadline and minimums."
    health_point_application_check(health_point_ops::ApplicationCheckInput) -> "input: HealthPointApplicationCheckInput, options?: Options", "HealthPointApplicationCheckResult"
        = |ed, cal, i, t| health_point_ops::application_check(ed, i, t);
    "`health_point.card` (§1): the yellow/red card standing after an inspection."
    health_point_card(health_point_ops::CardInput) -> "input: HealthPointCardInput, options?: Options", "HealthPointCardResult"
        = |ed, cal, i, t| health_point_ops::card(ed, i, t);
    "`health_point.fund_use` (§1): may this source's money pay for this purpose."
    health_point_fund_use(health_point_ops::FundUseInput) -> "input: HealthPointFundUseInput, options?: Options", "HealthPointFundUseResult"
        = |ed, cal, i, t| health_point_ops::fund_use(ed, i, t);
    "`fitness_station.phase` (§2): the phases of the year a date falls in, and the target."
    fitness_station_phase(fitness_station::PhaseInput) -> "input: FitnessStationPhaseInput, options?: Options", "FitnessStationPhaseResult"
        = |ed, cal, i, t| fitness_station::phase(ed, i, t);
    "`rest_room.checklist` (§4): the eight dimensions of a rest room, the deadline and the check quarter."
    rest_room_checklist(rest_room::ChecklistInput) -> "input: RestRoomChecklistInput, options?: Options", "RestRoomChecklistResult"
        = |ed, cal, i, t| rest_room::checklist(ed, i, t);
    "`mutual_aid.payment_due` (§5 二(三)): the last day to pay a group's fees."
    mutual_aid_payment_due(mutual_aid::PaymentDueInput) -> "input: MutualAidPaymentDueInput, options?: Options", "MutualAidPaymentDueResult"
        = |ed, cal, i, t| mutual_aid::payment_due(ed, cal, i, t);
    "`reference.service_centres`: the district unions' worker service centres."
    reference_service_centres(reference::LookupInput) -> "input?: ReferenceServiceCentresInput, options?: Options", "ReferenceServiceCentresResult"
        = |ed, cal, i, t| reference::service_centres(ed, i, t);
    "`model_worker.dispatch_due` (§7): the last day a model-worker team should go out."
    model_worker_dispatch_due(model_worker::DispatchDueInput) -> "input: ModelWorkerDispatchDueInput, options?: Options", "ModelWorkerDispatchDueResult"
        = |ed, cal, i, t| model_worker::dispatch_due(ed, cal, i, t);
    "`metro_safety.sessions` (§10): split participants into training sessions; deadlines."
    metro_safety_sessions(metro_safety::SessionsInput) -> "input: MetroSafetySessionsInput, options?: Options", "MetroSafetySessionsResult"
        = |ed, cal, i, t| metro_safety::sessions(ed, i, t);
    "`reference.metro_sites`: the metro safety training sites."
    reference_metro_sites(reference::LookupInput) -> "input?: ReferenceMetroSitesInput, options?: Options", "ReferenceMetroSitesResult"
        = |ed, cal, i, t| reference::metro_sites(ed, i, t);
    "`programmes.progress`: the plan's targets against what was achieved."
    programmes_progress(programmes::ProgressInput) -> "input?: ProgrammesProgressInput, options?: Options", "ProgrammesProgressResult"
        = |ed, cal, i, t| programmes::progress(ed, i, t);
    "`deadlines.upcoming`: the plan's deadlines and windows around a date."
    deadlines_upcoming(deadlines::UpcomingInput) -> "input: DeadlinesUpcomingInput, options?: Options", "DeadlinesUpcomingResult"
        = |ed, cal, i, t| deadlines::upcoming(ed, i, t);
    "`calendar.add_working_days`: the N-th working day after a date, on the PRC holiday calendar."
    calendar_add_working_days(calendar::AddWorkingDaysInput) -> "input: CalendarAddWorkingDaysInput, options?: Options", "CalendarAddWorkingDaysResult"
        = |ed, cal, i, t| calendar::add_working_days(cal, i, t);
}
