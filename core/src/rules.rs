//! The catalogue of rules the wire contract answers: id, summary, clause, and how to evaluate it.

use alloc::string::String;
use serde_json::Value;

use crate::error::Result;
use crate::trace::Trace;
use crate::wire::{run, Ctx};
use crate::{calendar, mutual_aid};

/// One rule of the contract.
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: &'static str,
    /// What it answers, in one line.
    pub summary: &'static str,
    /// The seed clause it implements.
    pub clause: &'static str,
    pub(crate) eval: fn(&Ctx<'_>, &Value, &mut Trace) -> Result<String>,
}

impl core::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("id", &self.id)
            .field("clause", &self.clause)
            .finish()
    }
}

/// Every rule, in the order of the plan.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "health_point.funding",
        summary: "city subsidy for new or upgraded health points and the district and street matches (1:1:1)",
        clause: "§1 四(四)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::health_point::funding(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "health_point.service_check",
        summary: "does a health point's schedule meet the weekly consultation, monthly visit, two-monthly lecture and notice standards",
        clause: "§1 二(三)–(五)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::health_point_ops::service_check(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "health_point.application_check",
        summary: "a district's health-point application: the 2023-02-06 16:00 deadline, 1 new and 3 upgraded points, large groups",
        clause: "§1 四(一)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::health_point_ops::application_check(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "health_point.card",
        summary: "the yellow-card / red-card standing of a health point after an inspection",
        clause: "§1 四(三)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::health_point_ops::card(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "health_point.fund_use",
        summary: "may this level's money (city, district, industry, street) pay for this purpose",
        clause: "§1 四(四)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::health_point_ops::fund_use(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "fitness_station.phase",
        summary: "which phase of the fitness stations' timetable a date falls in, and the 50 stations by the third quarter",
        clause: "§2 三",
        eval: |ctx, v, t| run(v, t, |i, t| crate::fitness_station::phase(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "love_shanghai.trip_check",
        summary: "is a 看上海 trip within the per-person cap and the meals' share",
        clause: "§3 一(四)1–2",
        eval: |ctx, v, t| run(v, t, |i, t| crate::love_shanghai::trip_check(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "love_shanghai.goods_check",
        summary: "does a 品上海 instalment keep the year's spending per person within the yearly cap",
        clause: "§3 一(四)3",
        eval: |ctx, v, t| run(v, t, |i, t| crate::love_shanghai::goods_check(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "recuperation.subsidy",
        summary: "the city union's subsidy for a recuperation trip of each programme",
        clause: "§3 二(三), 二(四)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::recuperation::subsidy(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "recuperation.sanatorium_allocation",
        summary: "settle sanatorium stays at actual cost up to the per-person cap within an allocated total",
        clause: "§3 二(一), 二(四)3",
        eval: |ctx, v, t| run(v, t, |i, t| crate::recuperation::sanatorium_allocation(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "rest_room.checklist",
        summary: "which of the eight dimensions (八字律) a rest room meets; application deadline; quarter of random checks",
        clause: "§4 三(四), 四(一), 四(四)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::rest_room::checklist(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.enroll",
        summary: "may a gig worker join tier C/D/E on this date; cover start and end, months, fee",
        clause: "§5 一(一), 一(三)–(五), 二(四)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::enroll(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.change",
        summary: "fee and effective date of moving up a tier (C→D, C→E, D→E)",
        clause: "§5 一(六)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::change(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.claim_deadline",
        summary: "last day to file a claim for each benefit, counted as the Civil Code says",
        clause: "§5 一(七)3",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::claim_deadline(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.adjudicate",
        summary: "decide a sequence of claims under the per-benefit, accident and total caps",
        clause: "§5 一(二), 一(六), 一(七)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::adjudicate(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.payment_due",
        summary: "last working day to transfer the fees for a submitted list; concentrated or instant; paid on time",
        clause: "§5 二(三)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::payment_due(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "reference.service_centres",
        summary: "the district service centres where claims are filed (name, phone, address), by district",
        clause: "§5 附表",
        eval: |ctx, v, t| run(v, t, |i, t| crate::reference::service_centres(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "labor_relations.score",
        summary: "an enterprise's score and grade on the harmonious-labour-relations rubric",
        clause: "§6 附件 评价标准",
        eval: |ctx, v, t| run(v, t, |i, t| crate::labor_relations::score(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "labor_relations.guidance_subsidy",
        summary: "the city union's subsidy for on-site guidance person-days",
        clause: "§6 四",
        eval: |ctx, v, t| run(v, t, |i, t| crate::labor_relations::guidance_subsidy(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "labor_relations.reporting",
        summary: "is a district union's target at least last year's; its reporting dates",
        clause: "§6 五(一)–(二)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::labor_relations::reporting(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "model_worker.dispatch_due",
        summary: "last working day for the service office to send a model-worker team after a request",
        clause: "§7 三(三)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::model_worker::dispatch_due(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "checkup.quote",
        summary: "price, city-union subsidy and payable of a list of checkup packages",
        clause: "§9 五",
        eval: |ctx, v, t| run(v, t, |i, t| crate::checkup::quote(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "checkup.packages",
        summary: "the checkup packages on offer, the 2022 plan each continues, hospital-only packs, the year's target",
        clause: "§9 二, 五; 附件 1",
        eval: |ctx, v, t| run(v, t, |i, t| crate::checkup::packages(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "metro_safety.sessions",
        summary: "how many metro-safety sessions of 30–50 people N participants make; application deadline and activity window",
        clause: "§10 二(二), 三(二)",
        eval: |ctx, v, t| run(v, t, |i, t| crate::metro_safety::sessions(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "reference.metro_sites",
        summary: "the 25 metro training sites, by district",
        clause: "§10 附件 2-10-2",
        eval: |ctx, v, t| run(v, t, |i, t| crate::reference::metro_sites(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "programmes.progress",
        summary: "each target of the ten programmes against what is achieved",
        clause: "附件 1",
        eval: |ctx, v, t| run(v, t, |i, t| crate::programmes::progress(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "deadlines.upcoming",
        summary: "the plan's dated deadlines and windows seen from a date: next due, open, overdue",
        clause: "all programmes",
        eval: |ctx, v, t| run(v, t, |i, t| crate::deadlines::upcoming(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "calendar.add_working_days",
        summary: "the N-th working day after a date, on the PRC holiday calendar",
        clause: "…个工作日内 (§1 申报, §5 二(三), §7 三(三))",
        eval: |ctx, v, t| run(v, t, |i, t| calendar::add_working_days(ctx.calendar, i, t)),
    },
];

/// Every reason code a rule can answer with, by family: `(family, codes)`, where the family is the rule
/// module (and its `spec/editions/<edition>/<family>.toml`) and the codes are the wire strings of one
/// reason enum (a `wire_enum!` in a result's `reasons` or `violations`), in its order. A family with more
/// than one reason enum has one entry for each; the families come in the order of the plan.
///
/// Codes are stable and snake_case, and each is listed under its family's section of `spec/reasons.md`;
/// `core/tests/reasons.rs` checks both, and that the document lists no code missing here.
pub static REASON_CODES: &[(&str, &[&str])] = &[
    ("health_point_ops", crate::health_point_ops::ServiceReason::CODES),
    ("health_point_ops", crate::health_point_ops::ApplicationReason::CODES),
    ("health_point_ops", crate::health_point_ops::CardReason::CODES),
    ("health_point_ops", crate::health_point_ops::FundReason::CODES),
    ("fitness_station", crate::fitness_station::FitnessReason::CODES),
    ("love_shanghai", crate::love_shanghai::Violation::CODES),
    ("recuperation", crate::recuperation::Reason::CODES),
    ("rest_room", crate::rest_room::RestRoomReason::CODES),
    ("mutual_aid", mutual_aid::Reason::CODES),
    ("mutual_aid", mutual_aid::PaymentReason::CODES),
    ("labor_relations", crate::labor_relations::Reason::CODES),
    ("model_worker", crate::model_worker::DispatchReason::CODES),
    ("metro_safety", crate::metro_safety::SessionReason::CODES),
];
