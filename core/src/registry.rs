//! The rule registry: one line per rule — its id, family, clause, input and result types, whether it has
//! a column kernel, and how it is evaluated. Everything else that lists rules derives from it: the
//! engine's dispatch ([`with_rule`]), `shftu-rules rules`, the catalogue checks, the typed functions of
//! the Python, Node, JVM and WASM bindings (each visits the rules generically, [`Visit`]), the per-rule
//! benches, the JSON Schemas, the TypeScript declarations and the Python stubs (`shftu-rules describe`).
//!
//! Adding a rule is one line here (CONTRIBUTING.md walks through the rest).

use crate::calendar::Calendar;
use crate::error::Result;
use crate::msg::Lang;
use crate::params::Edition;
use crate::read::Wire;
use crate::shape::{Described, Shape};
use crate::trace::Trace;
use crate::{
    calendar, checkup, deadlines, fitness_station, health_point, health_point_ops, labor_relations, love_shanghai, metro_safety,
    model_worker, mutual_aid, programmes, recuperation, reference, rest_room,
};

/// What a rule sees besides its input: the edition and the calendar.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The edition of the plan selected by the request.
    pub edition: &'a Edition,
    /// The working-day calendar.
    pub calendar: &'a Calendar,
}

/// A rule of the plan, as the registry declares it (each is a zero-sized type in [`rules`]).
pub trait Rule: 'static {
    /// The rule id, e.g. `mutual_aid.enroll`.
    const ID: &'static str;
    /// The family (module and parameter file), e.g. `mutual_aid`.
    const FAMILY: &'static str;
    /// The clause of the plan it implements.
    const CLAUSE: &'static str;
    /// Does `batch` have a column kernel for it?
    const BATCH: bool;
    /// Its input.
    type Input: Wire;
    /// Its result.
    type Output: serde::Serialize + Described;
    /// Evaluates the typed input.
    fn eval(cx: &Ctx<'_>, input: &Self::Input, trace: &mut Trace) -> Result<Self::Output>;
}

/// Something done with one rule, generically: the engine reads JSON with it, a binding reads its host's
/// values with it. [`with_rule`] calls [`Visit::visit`] with the rule a request names.
pub trait Visit {
    /// What the visit gives.
    type Out;
    /// Visits rule `R`.
    fn visit<R: Rule>(self) -> Self::Out;
}

/// Something done with every rule in turn ([`each_rule`]).
pub trait VisitEach {
    /// Visits rule `R`.
    fn visit<R: Rule>(&mut self);
}

/// One rule, as listed.
#[derive(Clone, Copy)]
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: &'static str,
    /// The family.
    pub family: &'static str,
    /// The clause of the plan it implements.
    pub clause: &'static str,
    /// Does it have a column kernel?
    pub batch: bool,
    /// The shape of its input.
    pub input: fn() -> Shape,
    /// The shape of its result.
    pub output: fn() -> Shape,
}

impl RuleInfo {
    /// What it answers, in one line, in `lang` (the catalogue's `rule."<id>"`).
    pub fn title(&self, lang: Lang) -> &'static str {
        crate::msg::rule_title(self.id, lang).unwrap_or("")
    }
    /// What it answers, in English.
    pub fn summary(&self) -> &'static str {
        self.title(Lang::En)
    }
    /// The name of its typed function in the bindings (`mutual_aid_enroll`).
    pub fn function_name(&self) -> alloc::string::String {
        self.id.replace('.', "_")
    }
}

impl core::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("id", &self.id)
            .field("clause", &self.clause)
            .finish()
    }
}

macro_rules! registry {
    ($(
        $(#[$m:meta])*
        $ty:ident = $id:literal, $family:ident, $clause:literal, batch: $batch:literal,
            $input:ty => $output:ty, |$cx:ident, $i:ident, $t:ident| $body:expr;
    )*) => {
        /// One zero-sized type per rule, implementing [`Rule`].
        pub mod rules {
            #[allow(unused_imports, reason = "the rule bodies name the families")]
            use super::*;
            $(
                $(#[$m])*
                #[derive(Debug, Clone, Copy)]
                pub struct $ty;
                impl Rule for $ty {
                    const ID: &'static str = $id;
                    const FAMILY: &'static str = stringify!($family);
                    const CLAUSE: &'static str = $clause;
                    const BATCH: bool = $batch;
                    type Input = $input;
                    type Output = $output;
                    #[allow(unused_variables, reason = "not every rule reads the calendar")]
                    fn eval($cx: &Ctx<'_>, $i: &$input, $t: &mut Trace) -> Result<$output> {
                        $body
                    }
                }
            )*
        }

        /// Every rule, in the order of the plan.
        pub static RULES: &[RuleInfo] = &[$(
            RuleInfo {
                id: $id,
                family: stringify!($family),
                clause: $clause,
                batch: $batch,
                input: <$input as Described>::shape,
                output: <$output as Described>::shape,
            },
        )*];

        /// Visits the rule called `id`; `None` when there is none.
        pub fn with_rule<V: Visit>(id: &str, v: V) -> Option<V::Out> {
            match id {
                $($id => Some(v.visit::<rules::$ty>()),)*
                _ => None,
            }
        }

        /// Visits every rule, in the order of the plan.
        pub fn each_rule<V: VisitEach>(v: &mut V) {
            $(v.visit::<rules::$ty>();)*
        }
    };
}

registry! {
    /// §1 四(四): city subsidy and the 1:1:1 matches.
    HealthPointFunding = "health_point.funding", health_point, "§1 四(四)", batch: false,
        health_point::FundingInput => health_point::Funding, |cx, i, t| health_point::funding(cx.edition, i, t);
    /// §1 二(三)–(五): the service schedule.
    HealthPointServiceCheck = "health_point.service_check", health_point_ops, "§1 二(三)–(五)", batch: false,
        health_point_ops::ServiceCheckInput => health_point_ops::ServiceCheck, |cx, i, t| health_point_ops::service_check(cx.edition, i, t);
    /// §1 四(一): a district's application.
    HealthPointApplicationCheck = "health_point.application_check", health_point_ops, "§1 四(一)", batch: false,
        health_point_ops::ApplicationCheckInput => health_point_ops::ApplicationCheck, |cx, i, t| health_point_ops::application_check(cx.edition, i, t);
    /// §1 四(三): yellow and red cards.
    HealthPointCard = "health_point.card", health_point_ops, "§1 四(三)", batch: false,
        health_point_ops::CardInput => health_point_ops::CardOutcome, |cx, i, t| health_point_ops::card(cx.edition, i, t);
    /// §1 四(四): what each level's money may pay for.
    HealthPointFundUse = "health_point.fund_use", health_point_ops, "§1 四(四)", batch: false,
        health_point_ops::FundUseInput => health_point_ops::FundUse, |cx, i, t| health_point_ops::fund_use(cx.edition, i, t);
    /// §2 三: the fitness stations' timetable.
    FitnessStationPhase = "fitness_station.phase", fitness_station, "§2 三", batch: false,
        fitness_station::PhaseInput => fitness_station::PhaseOutcome, |cx, i, t| fitness_station::phase(cx.edition, i, t);
    /// §3 一(四)1–2: a 看上海 trip.
    LoveShanghaiTripCheck = "love_shanghai.trip_check", love_shanghai, "§3 一(四)1–2", batch: false,
        love_shanghai::TripInput => love_shanghai::TripCheck, |cx, i, t| love_shanghai::trip_check(cx.edition, i, t);
    /// §3 一(四)3: 品上海 goods.
    LoveShanghaiGoodsCheck = "love_shanghai.goods_check", love_shanghai, "§3 一(四)3", batch: false,
        love_shanghai::GoodsInput => love_shanghai::GoodsCheck, |cx, i, t| love_shanghai::goods_check(cx.edition, i, t);
    /// §3 一(四)4–5: drawing on the surplus; special subsidies.
    LoveShanghaiSurplusUse = "love_shanghai.surplus_use", love_shanghai, "§3 一(四)4–5", batch: false,
        love_shanghai::SurplusUseInput => love_shanghai::SurplusUse, |cx, i, t| love_shanghai::surplus_use(cx.edition, i, t);
    /// §3 一(四)6–7: the accounts.
    LoveShanghaiLedgerAccount = "love_shanghai.ledger_account", love_shanghai, "§3 一(四)6–7", batch: false,
        love_shanghai::LedgerInput => love_shanghai::LedgerAccount, |cx, i, t| love_shanghai::ledger_account(cx.edition, i, t);
    /// §3 二(三), 二(四): recuperation subsidies.
    RecuperationSubsidy = "recuperation.subsidy", recuperation, "§3 二(三), 二(四)", batch: false,
        recuperation::SubsidyInput => recuperation::Subsidy, |cx, i, t| recuperation::subsidy(cx.edition, i, t);
    /// §3 二(一), 二(四)3: sanatorium stays under a fixed total.
    RecuperationSanatoriumAllocation = "recuperation.sanatorium_allocation", recuperation, "§3 二(一), 二(四)3", batch: false,
        recuperation::AllocationInput => recuperation::Allocation, |cx, i, t| recuperation::sanatorium_allocation(cx.edition, i, t);
    /// §4 三(四), 四(一), 四(四): rest rooms.
    RestRoomChecklist = "rest_room.checklist", rest_room, "§4 三(四), 四(一), 四(四)", batch: false,
        rest_room::ChecklistInput => rest_room::Checklist, |cx, i, t| rest_room::checklist(cx.edition, i, t);
    /// §5 一(一), 一(三)–(五), 二(四): enrolment.
    MutualAidEnroll = "mutual_aid.enroll", mutual_aid, "§5 一(一), 一(三)–(五), 二(四)", batch: true,
        mutual_aid::EnrollInput => mutual_aid::Enrollment, |cx, i, t| mutual_aid::enroll(cx.edition, i, t);
    /// §5 一(六): moving up a tier.
    MutualAidChange = "mutual_aid.change", mutual_aid, "§5 一(六)", batch: false,
        mutual_aid::ChangeInput => mutual_aid::ChangeOutcome, |cx, i, t| mutual_aid::change(cx.edition, i, t);
    /// §5 一(七)3: the last day to claim.
    MutualAidClaimDeadline = "mutual_aid.claim_deadline", mutual_aid, "§5 一(七)3", batch: false,
        mutual_aid::ClaimDeadlineInput => mutual_aid::ClaimDeadline, |cx, i, t| mutual_aid::claim_deadline(cx.edition, cx.calendar, i, t);
    /// §5 一(二), 一(六), 一(七): claims under the caps.
    MutualAidAdjudicate = "mutual_aid.adjudicate", mutual_aid, "§5 一(二), 一(六), 一(七)", batch: true,
        mutual_aid::AdjudicateInput => mutual_aid::Adjudication, |cx, i, t| mutual_aid::adjudicate(cx.edition, cx.calendar, i, t);
    /// §5 二(三): paying for a submitted list.
    MutualAidPaymentDue = "mutual_aid.payment_due", mutual_aid, "§5 二(三)", batch: false,
        mutual_aid::PaymentDueInput => mutual_aid::PaymentDue, |cx, i, t| mutual_aid::payment_due(cx.edition, cx.calendar, i, t);
    /// §5 附表: the district service centres.
    ReferenceServiceCentres = "reference.service_centres", reference, "§5 附表", batch: false,
        reference::LookupInput => reference::ServiceCentres, |cx, i, t| reference::service_centres(cx.edition, i, t);
    /// §6 附件: the labour-relations rubric.
    LaborRelationsScore = "labor_relations.score", labor_relations, "§6 附件 评价标准", batch: false,
        labor_relations::ScoreInput => labor_relations::Score, |cx, i, t| labor_relations::score(cx.edition, i, t);
    /// §6 四: the guidance subsidy.
    LaborRelationsGuidanceSubsidy = "labor_relations.guidance_subsidy", labor_relations, "§6 四", batch: false,
        labor_relations::GuidanceInput => labor_relations::GuidanceSubsidy, |cx, i, t| labor_relations::guidance_subsidy(cx.edition, i, t);
    /// §6 五(一)–(二): targets and reporting dates.
    LaborRelationsReporting = "labor_relations.reporting", labor_relations, "§6 五(一)–(二)", batch: false,
        labor_relations::ReportingInput => labor_relations::Reporting, |cx, i, t| labor_relations::reporting(cx.edition, i, t);
    /// §7 三(三): dispatching a model-worker team.
    ModelWorkerDispatchDue = "model_worker.dispatch_due", model_worker, "§7 三(三)", batch: false,
        model_worker::DispatchDueInput => model_worker::DispatchDue, |cx, i, t| model_worker::dispatch_due(cx.edition, cx.calendar, i, t);
    /// §9 五: a checkup quote.
    CheckupQuote = "checkup.quote", checkup, "§9 五", batch: true,
        checkup::QuoteInput => checkup::Quote, |cx, i, t| checkup::quote(cx.edition, i, t);
    /// §9 二, 五: the packages on offer.
    CheckupPackages = "checkup.packages", checkup, "§9 二, 五; 附件 1", batch: false,
        checkup::PackagesInput => checkup::Packages, |cx, i, t| checkup::packages(cx.edition, i, t);
    /// §10 二(二), 三(二): metro-safety sessions.
    MetroSafetySessions = "metro_safety.sessions", metro_safety, "§10 二(二), 三(二)", batch: false,
        metro_safety::SessionsInput => metro_safety::Sessions, |cx, i, t| metro_safety::sessions(cx.edition, i, t);
    /// §10 附件 2-10-2: the metro training sites.
    ReferenceMetroSites = "reference.metro_sites", reference, "§10 附件 2-10-2", batch: false,
        reference::LookupInput => reference::MetroSites, |cx, i, t| reference::metro_sites(cx.edition, i, t);
    /// 附件 1: progress against the targets.
    ProgrammesProgress = "programmes.progress", programmes, "附件 1", batch: false,
        programmes::ProgressInput => programmes::Progress, |cx, i, t| programmes::progress(cx.edition, i, t);
    /// Every dated deadline of the plan.
    DeadlinesUpcoming = "deadlines.upcoming", deadlines, "all programmes", batch: false,
        deadlines::UpcomingInput => deadlines::Upcoming, |cx, i, t| deadlines::upcoming(cx.edition, i, t);
    /// Working days on the PRC holiday calendar.
    CalendarAddWorkingDays = "calendar.add_working_days", calendar, "…个工作日内 (§1 申报, §5 二(三), §7 三(三))", batch: false,
        calendar::AddWorkingDaysInput => calendar::AddWorkingDays, |cx, i, t| calendar::add_working_days(cx.calendar, i, t);
}

/// The rule called `id`.
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.id == id)
}

/// Every set of reason codes a rule can answer with, by family: `(family, codes)`, one entry per reason
/// enum (the codes of a result's `reasons` or `violations`), in the order of the rules. Derived from the
/// results' shapes; `spec/reasons.md` lists each code with its meaning (`core/tests/reasons.rs`).
pub fn reason_codes() -> alloc::vec::Vec<(&'static str, &'static [&'static str])> {
    use crate::shape::Shape;
    fn walk(s: Shape, out: &mut alloc::vec::Vec<&'static crate::shape::EnumShape>) {
        match s {
            Shape::Object(o) => {
                for f in o.fields {
                    let inner = (f.shape)();
                    if matches!(f.name, "reasons" | "violations") {
                        if let Shape::Array(e) = inner {
                            if let Shape::Enum(e) = e() {
                                if !out.iter().any(|x| core::ptr::eq(*x, e)) {
                                    out.push(e);
                                }
                            }
                        }
                    }
                    walk(inner, out);
                }
            }
            Shape::Array(f) | Shape::Map(f) => walk(f(), out),
            _ => {}
        }
    }
    let mut enums = alloc::vec::Vec::new();
    for r in RULES {
        walk((r.output)(), &mut enums);
    }
    enums
        .into_iter()
        .map(|e| (e.kind.split('.').next().unwrap_or(""), e.codes))
        .collect()
}
