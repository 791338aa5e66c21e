//! The functions of `shftu_rules._native`: `evaluate`, one typed function per rule, and the Arrow batch
//! functions. Each converts its arguments (`convert`), calls the core's typed function, and converts the
//! result back; errors go through `error::to_py`, panics through `error::guard`.
//!
//! Adding a rule: one line in `dispatch` (the same as in the core's `rules.rs`), then
//! `tools/gen_typed.py` writes its typed Python wrapper. The hand-written functions (`mutual_aid_enroll`,
//! …) convert each argument in Rust for the most used rules; `call` serves every rule.

use std::collections::HashMap;

use arrow_array::{ArrayRef, RecordBatch};
use chrono::NaiveDate;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use pyo3_arrow::PyTable;
use serde_json::Value;
use shftu_rules::mutual_aid::{
    self, AdjudicateInput, Adjudication, Benefit, ChangeInput, ChangeOutcome, Channel, Claim, ClaimDeadline, ClaimDeadlineInput,
    ClaimDecision, ClaimStatus, DeadlineBasis, EnrollInput, Enrollment, FeeKind, Industry, Policy, Reason, Tier, TierChange,
};
use shftu_rules::wire::{FromWire, Path};
use shftu_rules::{
    calendar, checkup, health_point, labor_relations, love_shanghai, recuperation, Calendar, Edition, Error, Trace, EDITIONS,
};

use crate::convert::{
    choice, count, date, flag, in_chunks, in_parts, list, money, opt, part, to_value, u32_column, validity, with_errors, BadRow, Cell,
    Columns, Counts, FenColumn, FenOut, Kind, Obj, OutCols, PartError, PySer, Staged, ToPy, V,
};
use crate::error::{guard, to_py};
use crate::{py_enums, py_record};

py_enums!(
    Tier,
    Channel,
    Industry,
    FeeKind,
    Reason,
    Benefit,
    ClaimStatus,
    DeadlineBasis,
    checkup::Package,
    health_point::PointKind,
    health_point::MatchLevel,
    love_shanghai::TripKind,
    love_shanghai::Violation,
    recuperation::Programme,
    recuperation::Reason,
    labor_relations::Reason,
    recuperation::PriorityGroup,
    recuperation::StayStatus,
);

py_record! {
    Enrollment { accepted, reasons, coverage_start, coverage_end, months, fee, fee_kind }
    ChangeOutcome { accepted, reasons, fee, effective_from }
    ClaimDeadline { last_day, basis, period }
    ClaimDecision { status, payable, reasons }
    Adjudication { decisions, total_payable }
    calendar::AddWorkingDays { date }
    checkup::QuotedLine { package, count, unit_price, unit_subsidy, unit_payable, price, subsidy, payable }
    checkup::QuoteTotal { price, subsidy, payable }
    checkup::Quote { lines, total }
    health_point::Shortfall { level, amount }
    health_point::Funding { city_subsidy, min_district_match, min_street_match, min_total, compliant, shortfalls }
    love_shanghai::TripCheck { compliant, violations, per_person_cap, max_total, max_meal_cost }
    love_shanghai::GoodsCheck { compliant, cap, remaining_before, excess }
    recuperation::Subsidy { accepted, reasons, subsidy_per_person, subsidy_total, covered, not_covered }
    labor_relations::GuidanceSubsidy { subsidy }
    labor_relations::Reporting { target_ok, reasons, min_target, report_due_dates, next_report_due, target_complete_by }
    recuperation::StaySettlement { status, due, paid, reasons }
    recuperation::Allocation { stays, due_total, paid_total, left }
}

/// The edition called `name`, or `UnknownEdition`.
fn edition(py: Python<'_>, name: &str) -> PyResult<&'static Edition> {
    shftu_rules::edition(name).ok_or_else(|| {
        let known = EDITIONS.iter().map(|e| e.name).collect::<Vec<_>>().join(", ");
        to_py(
            py,
            &Error::UnknownEdition {
                edition: name.to_owned(),
                known,
            },
        )
    })
}

/// Runs a rule with a recording trace: `(result as a dict, [(clause, note), …])`.
fn answer<'py, O: ToPy>(py: Python<'py>, f: impl FnOnce(&mut Trace) -> PyResult<Result<O, Error>>) -> PyResult<Bound<'py, PyTuple>> {
    guard(py, || {
        let mut trace = Trace::new();
        let out = f(&mut trace)?.map_err(|e| to_py(py, &e))?;
        PyTuple::new(py, [out.to_py(py)?, trace.into_steps().to_py(py)?])
    })
}

/// Answers one request of the wire contract, as `shftu_rules::evaluate` does.
#[pyfunction]
pub fn evaluate(py: Python<'_>, request: &str) -> PyResult<String> {
    guard(py, || Ok(shftu_rules::evaluate(request)))
}

/// The rule ids, in the plan's order.
#[pyfunction]
pub fn rules() -> Vec<&'static str> {
    shftu_rules::RULES.iter().map(|r| r.id).collect()
}

/// Makes a Rust panic on purpose, inside the boundary guard: lets the tests prove that a panic
/// reaches Python as `InternalError`, never as `PanicException`.
#[pyfunction]
#[allow(clippy::panic)] // The one deliberate panic: the test of the boundary guard.
pub fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || std::panic::panic_any("a panic raised on purpose by _panic_for_test"))
}

// ---------------------------------------------------------------------------------------------------
// mutual_aid

/// `mutual_aid.enroll`.
#[pyfunction]
#[pyo3(signature = (*, tier, channel, date, industry, birth_date, platform_worker=None, renewing_2022_plan=None, edition="2023"))]
#[allow(clippy::too_many_arguments)]
pub fn mutual_aid_enroll<'py>(
    py: Python<'py>,
    tier: &Bound<'py, PyAny>,
    channel: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
    industry: &Bound<'py, PyAny>,
    birth_date: &Bound<'py, PyAny>,
    platform_worker: Option<&Bound<'py, PyAny>>,
    renewing_2022_plan: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = EnrollInput {
            tier: choice(tier, &Path::Root("input.tier"))?,
            channel: choice(channel, &Path::Root("input.channel"))?,
            date: self::date(date, &Path::Root("input.date"))?,
            industry: choice(industry, &Path::Root("input.industry"))?,
            birth_date: self::date(birth_date, &Path::Root("input.birth_date"))?,
            platform_worker: opt(platform_worker, &Path::Root("input.platform_worker"), flag)?.unwrap_or(false),
            renewing_2022_plan: opt(renewing_2022_plan, &Path::Root("input.renewing_2022_plan"), flag)?.unwrap_or(false),
        };
        Ok(mutual_aid::enroll(ed, &input, t))
    })
}

/// `mutual_aid.change`.
#[pyfunction]
#[pyo3(signature = (*, from_, to, date, coverage_end=None, edition="2023"))]
pub fn mutual_aid_change<'py>(
    py: Python<'py>,
    from_: &Bound<'py, PyAny>,
    to: &Bound<'py, PyAny>,
    date: &Bound<'py, PyAny>,
    coverage_end: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = ChangeInput {
            from: choice(from_, &Path::Root("input.from"))?,
            to: choice(to, &Path::Root("input.to"))?,
            date: self::date(date, &Path::Root("input.date"))?,
            coverage_end: opt(coverage_end, &Path::Root("input.coverage_end"), self::date)?,
        };
        Ok(mutual_aid::change(ed, &input, t))
    })
}

/// `mutual_aid.claim_deadline`.
#[pyfunction]
#[pyo3(signature = (*, benefit, coverage_end, event_date=None, edition="2023"))]
pub fn mutual_aid_claim_deadline<'py>(
    py: Python<'py>,
    benefit: &Bound<'py, PyAny>,
    coverage_end: &Bound<'py, PyAny>,
    event_date: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = ClaimDeadlineInput {
            benefit: choice(benefit, &Path::Root("input.benefit"))?,
            coverage_end: date(coverage_end, &Path::Root("input.coverage_end"))?,
            event_date: opt(event_date, &Path::Root("input.event_date"), date)?,
        };
        Ok(mutual_aid::claim_deadline(ed, &Calendar::builtin(), &input, t))
    })
}

fn read_policy(v: &Bound<'_, PyAny>) -> PyResult<Policy> {
    let o = Obj::new(
        v,
        Path::Root("input.policy"),
        &["tier", "coverage_start", "coverage_end", "changes"],
    )?;
    Ok(Policy {
        tier: o.req("tier", choice)?,
        coverage_start: o.req("coverage_start", date)?,
        coverage_end: o.req("coverage_end", date)?,
        changes: o
            .opt("changes", |v, p| {
                list(v, p, |c, p| {
                    let c = Obj::new(c, p, &["to", "effective_from"])?;
                    Ok(TierChange {
                        to: c.req("to", choice)?,
                        effective_from: c.req("effective_from", date)?,
                    })
                })
            })?
            .unwrap_or_default(),
    })
}

fn read_claim(v: &Bound<'_, PyAny>, p: Path<'_>) -> PyResult<Claim> {
    let o = Obj::new(v, p, &["benefit", "event_date", "filed_on", "days", "grade", "amount"])?;
    Ok(Claim {
        benefit: o.req("benefit", choice)?,
        event_date: o.req("event_date", date)?,
        filed_on: o.req("filed_on", date)?,
        days: o.opt("days", count)?,
        grade: o.opt("grade", count)?,
        amount: o.opt("amount", money)?,
    })
}

/// `mutual_aid.adjudicate`: `policy` a mapping, `claims` a sequence of mappings (keys as on the wire).
#[pyfunction]
#[pyo3(signature = (*, policy, claims, edition="2023"))]
pub fn mutual_aid_adjudicate<'py>(
    py: Python<'py>,
    policy: &Bound<'py, PyAny>,
    claims: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = AdjudicateInput {
            policy: read_policy(policy)?,
            claims: list(claims, &Path::Root("input.claims"), read_claim)?,
        };
        Ok(mutual_aid::adjudicate(ed, &Calendar::builtin(), &input, t))
    })
}

// ---------------------------------------------------------------------------------------------------
// checkup, health_point, love_shanghai, recuperation, labor_relations

/// `checkup.quote`: `lines` a sequence of mappings `{"package": …, "count": …}`.
#[pyfunction]
#[pyo3(signature = (*, lines, edition="2023"))]
pub fn checkup_quote<'py>(py: Python<'py>, lines: &Bound<'py, PyAny>, edition: &str) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = checkup::QuoteInput {
            lines: list(lines, &Path::Root("input.lines"), |v, p| {
                let o = Obj::new(v, p, &["package", "count"])?;
                Ok(checkup::QuoteLine {
                    package: o.req("package", choice)?,
                    count: o.req("count", count)?,
                })
            })?,
        };
        Ok(checkup::quote(ed, &input, t))
    })
}

/// `health_point.funding`.
#[pyfunction]
#[pyo3(signature = (*, kind, points, district_match=None, street_match=None, edition="2023"))]
pub fn health_point_funding<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    points: &Bound<'py, PyAny>,
    district_match: Option<&Bound<'py, PyAny>>,
    street_match: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = health_point::FundingInput {
            kind: choice(kind, &Path::Root("input.kind"))?,
            points: count(points, &Path::Root("input.points"))?,
            district_match: opt(district_match, &Path::Root("input.district_match"), money)?,
            street_match: opt(street_match, &Path::Root("input.street_match"), money)?,
        };
        Ok(health_point::funding(ed, &input, t))
    })
}

/// `love_shanghai.trip_check`.
#[pyfunction]
#[pyo3(signature = (*, kind, participants, total_cost, meal_cost, edition="2023"))]
pub fn love_shanghai_trip_check<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    participants: &Bound<'py, PyAny>,
    total_cost: &Bound<'py, PyAny>,
    meal_cost: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = love_shanghai::TripInput {
            kind: choice(kind, &Path::Root("input.kind"))?,
            participants: count(participants, &Path::Root("input.participants"))?,
            total_cost: money(total_cost, &Path::Root("input.total_cost"))?,
            meal_cost: money(meal_cost, &Path::Root("input.meal_cost"))?,
        };
        Ok(love_shanghai::trip_check(ed, &input, t))
    })
}

/// `love_shanghai.goods_check`.
#[pyfunction]
#[pyo3(signature = (*, spent_per_person, amount_per_person, edition="2023"))]
pub fn love_shanghai_goods_check<'py>(
    py: Python<'py>,
    spent_per_person: &Bound<'py, PyAny>,
    amount_per_person: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = love_shanghai::GoodsInput {
            spent_per_person: money(spent_per_person, &Path::Root("input.spent_per_person"))?,
            amount_per_person: money(amount_per_person, &Path::Root("input.amount_per_person"))?,
        };
        Ok(love_shanghai::goods_check(ed, &input, t))
    })
}

/// `recuperation.subsidy`.
#[pyfunction]
#[pyo3(signature = (*, programme, participants, days=None, nights=None, cost_per_person=None, edition="2023"))]
pub fn recuperation_subsidy<'py>(
    py: Python<'py>,
    programme: &Bound<'py, PyAny>,
    participants: &Bound<'py, PyAny>,
    days: Option<&Bound<'py, PyAny>>,
    nights: Option<&Bound<'py, PyAny>>,
    cost_per_person: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = recuperation::SubsidyInput {
            programme: choice(programme, &Path::Root("input.programme"))?,
            participants: count(participants, &Path::Root("input.participants"))?,
            days: opt(days, &Path::Root("input.days"), count)?,
            nights: opt(nights, &Path::Root("input.nights"), count)?,
            cost_per_person: opt(cost_per_person, &Path::Root("input.cost_per_person"), money)?,
        };
        Ok(recuperation::subsidy(ed, &input, t))
    })
}

/// `labor_relations.guidance_subsidy`.
#[pyfunction]
#[pyo3(signature = (*, person_days, edition="2023"))]
pub fn labor_relations_guidance_subsidy<'py>(
    py: Python<'py>,
    person_days: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = labor_relations::GuidanceInput {
            person_days: count(person_days, &Path::Root("input.person_days"))?,
        };
        Ok(labor_relations::guidance_subsidy(ed, &input, t))
    })
}

/// `recuperation.sanatorium_allocation`: `stays` a sequence of mappings
/// `{"participants", "cost_per_person", "priority_group"?}`.
#[pyfunction]
#[pyo3(signature = (*, allocated_total, stays, edition="2023"))]
pub fn recuperation_sanatorium_allocation<'py>(
    py: Python<'py>,
    allocated_total: &Bound<'py, PyAny>,
    stays: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = recuperation::AllocationInput {
            allocated_total: money(allocated_total, &Path::Root("input.allocated_total"))?,
            stays: list(stays, &Path::Root("input.stays"), |v, p| {
                let o = Obj::new(v, p, &["participants", "cost_per_person", "priority_group"])?;
                Ok(recuperation::Stay {
                    participants: o.req("participants", count)?,
                    cost_per_person: o.req("cost_per_person", money)?,
                    priority_group: o.opt("priority_group", choice)?,
                })
            })?,
        };
        Ok(recuperation::sanatorium_allocation(ed, &input, t))
    })
}

/// `labor_relations.reporting`.
#[pyfunction]
#[pyo3(signature = (*, last_year_target, target, as_of=None, edition="2023"))]
pub fn labor_relations_reporting<'py>(
    py: Python<'py>,
    last_year_target: &Bound<'py, PyAny>,
    target: &Bound<'py, PyAny>,
    as_of: Option<&Bound<'py, PyAny>>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        let ed = self::edition(py, edition)?;
        let input = labor_relations::ReportingInput {
            last_year_target: count(last_year_target, &Path::Root("input.last_year_target"))?,
            target: count(target, &Path::Root("input.target"))?,
            as_of: opt(as_of, &Path::Root("input.as_of"), date)?,
        };
        Ok(labor_relations::reporting(ed, &input, t))
    })
}

// ---------------------------------------------------------------------------------------------------
// calendar

/// `calendar.add_working_days`.
#[pyfunction]
#[pyo3(signature = (*, from_, days, edition="2023"))]
pub fn calendar_add_working_days<'py>(
    py: Python<'py>,
    from_: &Bound<'py, PyAny>,
    days: &Bound<'py, PyAny>,
    edition: &str,
) -> PyResult<Bound<'py, PyTuple>> {
    answer(py, |t| {
        self::edition(py, edition)?;
        let input = calendar::AddWorkingDaysInput {
            from: date(from_, &Path::Root("input.from"))?,
            days: count(days, &Path::Root("input.days"))?,
        };
        Ok(calendar::add_working_days(&Calendar::builtin(), &input, t))
    })
}

// ---------------------------------------------------------------------------------------------------
// Batch (Arrow): one row in, one row out; a bad row gets `error_code`/`error` and nulls, never an abort.

fn one_batch(table: PyTable) -> PyResult<Columns> {
    let (mut batches, schema) = table.into_inner();
    if batches.len() == 1 {
        if let Some(b) = batches.pop() {
            return Ok(Columns::new(b));
        }
    }
    let batch = arrow_select::concat::concat_batches(&schema, &batches)
        .map_err(|e| PyValueError::new_err(format!("the table could not be read: {e}")))?;
    Ok(Columns::new(batch))
}

fn to_table(py: Python<'_>, batch: RecordBatch) -> PyResult<Bound<'_, PyAny>> {
    let schema = batch.schema();
    PyTable::try_new(vec![batch], schema)?.into_pyarrow(py)
}

/// A required cell.
fn req<T>(c: Cell<T>, path: &str) -> Result<T, Error> {
    c?.ok_or_else(|| Error::invalid(path, format!("{path} is required")))
}

fn money_v(m: Option<shftu_rules::Money>) -> V<'static> {
    m.map_or(V::Null, V::Money)
}

fn date_v(d: Option<NaiveDate>) -> V<'static> {
    d.map_or(V::Null, V::Date)
}

/// `enroll` over a table: columns `tier`, `channel`, `date`, `industry`, `birth_date`, optional
/// `platform_worker`, `renewing_2022_plan`.
#[pyfunction]
#[pyo3(signature = (table, *, edition="2023"))]
pub fn batch_enroll<'py>(py: Python<'py>, table: PyTable, edition: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let c = one_batch(table)?;
        let tier = c.choice("tier", true)?;
        let channel = c.choice("channel", true)?;
        let day = c.date("date", true)?;
        let industry = c.choice("industry", true)?;
        let birth = c.date("birth_date", true)?;
        let platform = c.flag("platform_worker")?;
        let renewing = c.flag("renewing_2022_plan")?;
        let mut out = OutCols::new(
            &[
                ("accepted", Kind::Bool),
                ("reasons", Kind::TextList),
                ("coverage_start", Kind::Date),
                ("coverage_end", Kind::Date),
                ("months", Kind::U32),
                ("fee", Kind::Money),
                ("fee_kind", Kind::Text),
            ],
            c.rows(),
        )?;
        for row in 0..c.rows() {
            let r = (|| -> Result<Enrollment, Error> {
                let input = EnrollInput {
                    tier: req(tier.get(row, "input.tier"), "input.tier")?,
                    channel: req(channel.get(row, "input.channel"), "input.channel")?,
                    date: req(day.get(row, "input.date"), "input.date")?,
                    industry: req(industry.get(row, "input.industry"), "input.industry")?,
                    birth_date: req(birth.get(row, "input.birth_date"), "input.birth_date")?,
                    platform_worker: platform.get(row).unwrap_or(false),
                    renewing_2022_plan: renewing.get(row).unwrap_or(false),
                };
                mutual_aid::enroll(ed, &input, &mut Trace::off())
            })();
            match r {
                Ok(e) => out.row(
                    &[
                        V::Bool(e.accepted),
                        V::TextList(e.reasons.iter().map(|r| r.as_str()).collect()),
                        date_v(e.coverage_start),
                        date_v(e.coverage_end),
                        e.months.map_or(V::Null, V::U32),
                        money_v(e.fee),
                        e.fee_kind.map_or(V::Null, |k| V::Text(k.as_str())),
                    ],
                    None,
                )?,
                Err(e) => out.error_row(&e)?,
            }
        }
        to_table(py, out.finish()?)
    })
}

/// The claim index in a core error path `input.claims[k]…`.
fn claim_index(path: Option<&str>) -> Option<usize> {
    let rest = path?.strip_prefix("input.claims[")?;
    let end = rest.find(']')?;
    rest.get(..end)?.parse().ok()
}

/// `adjudicate` over a table of claims: rows grouped by `policy_id` (in order of first appearance) and
/// decided in row order within each policy. Policy columns `tier`, `coverage_start`, `coverage_end`
/// repeat on every row; claim columns `benefit`, `event_date`, `filed_on`, optional `days`, `grade`,
/// `amount`. A row that cannot be read, or that the core refuses, gets an error and is left out of its
/// policy's sequence; the other rows are decided without it.
#[pyfunction]
#[pyo3(signature = (table, *, edition="2023"))]
pub fn batch_adjudicate<'py>(py: Python<'py>, table: PyTable, edition: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let cal = Calendar::builtin();
        let c = one_batch(table)?;
        let n = c.rows();
        let policy_id = c.text("policy_id", true)?;
        let tier = c.choice("tier", true)?;
        let start = c.date("coverage_start", true)?;
        let end = c.date("coverage_end", true)?;
        let benefit = c.choice("benefit", true)?;
        let event = c.date("event_date", true)?;
        let filed = c.date("filed_on", true)?;
        let days = c.count("days", false)?;
        let grade = c.count("grade", false)?;
        let amount = c.money("amount", false)?;

        let mut results: Vec<Option<Result<ClaimDecision, Error>>> = vec![None; n];
        // Per policy: the policy, the rows of its claims and the claims, in row order.
        let mut groups: Vec<(Policy, Vec<usize>, Vec<Claim>)> = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        for row in 0..n {
            let read = (|| -> Result<(&str, Policy, Claim), Error> {
                let id = policy_id
                    .get(row)
                    .ok_or_else(|| Error::invalid("policy_id", "policy_id is required"))?;
                let policy = Policy {
                    tier: req(tier.get(row, "input.policy.tier"), "input.policy.tier")?,
                    coverage_start: req(start.get(row, "input.policy.coverage_start"), "input.policy.coverage_start")?,
                    coverage_end: req(end.get(row, "input.policy.coverage_end"), "input.policy.coverage_end")?,
                    changes: Vec::new(),
                };
                let claim = Claim {
                    benefit: req(benefit.get(row, "input.claims[].benefit"), "input.claims[].benefit")?,
                    event_date: req(event.get(row, "input.claims[].event_date"), "input.claims[].event_date")?,
                    filed_on: req(filed.get(row, "input.claims[].filed_on"), "input.claims[].filed_on")?,
                    days: days.get(row, "input.claims[].days")?,
                    grade: grade.get(row, "input.claims[].grade")?,
                    amount: amount.get(row, "input.claims[].amount")?,
                };
                Ok((id, policy, claim))
            })();
            match read {
                Err(e) => {
                    if let Some(slot) = results.get_mut(row) {
                        *slot = Some(Err(e));
                    }
                }
                Ok((id, policy, claim)) => {
                    let g = *by_id.entry(id).or_insert_with(|| {
                        groups.push((policy.clone(), Vec::new(), Vec::new()));
                        groups.len() - 1
                    });
                    match groups.get_mut(g) {
                        Some((p, rows, claims)) if *p == policy => {
                            rows.push(row);
                            claims.push(claim);
                        }
                        _ => {
                            if let Some(slot) = results.get_mut(row) {
                                *slot = Some(Err(Error::invalid(
                                    "input.policy",
                                    "the policy columns (tier, coverage_start, coverage_end) differ from the first row of this policy_id",
                                )));
                            }
                        }
                    }
                }
            }
        }
        for (policy, mut rows, claims) in groups {
            let mut input = AdjudicateInput { policy, claims };
            loop {
                match mutual_aid::adjudicate(ed, &cal, &input, &mut Trace::off()) {
                    Ok(a) => {
                        for (row, d) in rows.iter().zip(a.decisions) {
                            if let Some(slot) = results.get_mut(*row) {
                                *slot = Some(Ok(d));
                            }
                        }
                        break;
                    }
                    Err(e) => match claim_index(e.path()).filter(|k| *k < rows.len()) {
                        // One claim is to blame: it gets the error, the others are decided without it.
                        Some(k) => {
                            let row = rows.remove(k);
                            input.claims.remove(k);
                            if let Some(slot) = results.get_mut(row) {
                                *slot = Some(Err(e));
                            }
                        }
                        None => {
                            for row in &rows {
                                if let Some(slot) = results.get_mut(*row) {
                                    *slot = Some(Err(e.clone()));
                                }
                            }
                            break;
                        }
                    },
                }
            }
        }
        let mut out = OutCols::new(&[("status", Kind::Text), ("payable", Kind::Money), ("reasons", Kind::TextList)], n)?;
        for r in results {
            match r {
                Some(Ok(d)) => out.row(
                    &[
                        V::Text(d.status.as_str()),
                        V::Money(d.payable),
                        V::TextList(d.reasons.iter().map(|r| r.as_str()).collect()),
                    ],
                    None,
                )?,
                Some(Err(e)) => out.error_row(&e)?,
                None => out.error_row(&Error::invalid("input", "the row was not decided"))?,
            }
        }
        to_table(py, out.finish()?)
    })
}

/// The `money` keyword of the kernel-backed batch functions: `"decimal"` (`decimal128(18, 2)` columns) or
/// `"fen"` (`int64` columns of fen named `<name>_fen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MoneyAs {
    Decimal,
    Fen,
}

fn money_as(py: Python<'_>, money: &str) -> PyResult<MoneyAs> {
    match money {
        "decimal" => Ok(MoneyAs::Decimal),
        "fen" => Ok(MoneyAs::Fen),
        other => Err(to_py(
            py,
            &Error::invalid("money", format!("money must be \"decimal\" or \"fen\", not {other:?}")),
        )),
    }
}

/// `checkup.quote` over a table: column `package`, optional `count` (default 1) → `unit_price`,
/// `price`, `subsidy`, `payable` (the row's totals for its count). The amounts come from the core's
/// column kernel `batch::checkup_split` (fixed-point fen, the same answers as `checkup::quote`).
#[pyfunction]
#[pyo3(signature = (table, *, edition="2023", money="decimal"))]
pub fn batch_checkup_quote<'py>(py: Python<'py>, table: PyTable, edition: &str, money: &str) -> PyResult<Bound<'py, PyAny>> {
    use shftu_rules::batch::CheckupFen;
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let money = money_as(py, money)?;
        let kernel = CheckupFen::new(ed).map_err(|e| to_py(py, &e))?;
        let c = one_batch(table)?;
        let n = c.rows();
        let mut bad: Vec<BadRow> = Vec::new();
        let codes = c.choice_codes("package", "input.lines[0].package", CheckupFen::code, &mut bad)?;
        let cnt = c.counts_in_place("count", "input.lines[0].count", 1, &mut bad)?;
        let codes = &codes;
        // One instance per amount type and count column type (read in place).
        macro_rules! answer {
            ($f:ty, $rows:expr, $bad:expr) => {
                match &cnt {
                    Counts::Absent => checkup_columns::<$f, u32>(ed, &kernel, part(codes, &$rows), None, $bad),
                    Counts::U32(v) => checkup_columns::<$f, u32>(ed, &kernel, part(codes, &$rows), Some(part(v, &$rows)), $bad),
                    Counts::I32(v) => checkup_columns::<$f, i32>(ed, &kernel, part(codes, &$rows), Some(part(v, &$rows)), $bad),
                    Counts::I64(v) => checkup_columns::<$f, i64>(ed, &kernel, part(codes, &$rows), Some(part(v, &$rows)), $bad),
                    Counts::Owned(v) => checkup_columns::<$f, u32>(ed, &kernel, part(codes, &$rows), Some(part(v, &$rows)), $bad),
                }
            };
        }
        parted_table(py, n, &bad, |rows, bad| match money {
            MoneyAs::Decimal => answer!(i128, rows, bad),
            MoneyAs::Fen => answer!(i64, rows, bad),
        })
    })
}

/// A kernel-backed batch answered in parts of rows on threads of their own, the GIL released:
/// `columns(rows, bad)` answers the rows `rows` (its `bad` holds the input errors of those rows, at
/// their index within the part, and takes its own). The table has one record batch per part.
fn parted_table<'py>(
    py: Python<'py>,
    n: usize,
    bad: &[BadRow],
    columns: impl Fn(std::ops::Range<usize>, &mut Vec<BadRow>) -> Result<Vec<(String, ArrayRef)>, PartError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let parts = py.detach(|| {
        in_parts(n, |rows| {
            let mut local: Vec<BadRow> = bad
                .iter()
                .filter(|(r, _)| rows.contains(r))
                .map(|(r, e)| (r.saturating_sub(rows.start), e.clone()))
                .collect();
            let cols = columns(rows.clone(), &mut local)?;
            Ok::<_, PartError>(with_errors(rows.len(), cols, local)?)
        })
    });
    let mut batches = Vec::with_capacity(parts.len());
    for p in parts {
        batches.push(p.map_err(|e| match e {
            PartError::Core(e) => to_py(py, &e),
            PartError::Py(e) => e,
        })?);
    }
    let schema = match batches.first() {
        Some(b) => b.schema(),
        None => return Err(PyValueError::new_err("a batch without parts")),
    };
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

/// The kernel's answer for [`batch_checkup_quote`], amounts as `F`.
fn checkup_columns<F: FenColumn, C: Copy + Into<i64>>(
    ed: &Edition,
    kernel: &shftu_rules::batch::CheckupFen,
    codes: &[u8],
    cnt: Option<&[C]>,
    bad: &mut Vec<BadRow>,
) -> Result<Vec<(String, ArrayRef)>, PartError> {
    let n = codes.len();
    // The unit price of each package code, in fen (the edition's table, by `CheckupFen::code`).
    let unit_fen: Vec<Option<i64>> = checkup::Package::ALL
        .iter()
        .map(|p| checkup::package_row(ed, *p).and_then(|r| r.price.to_fen()))
        .collect();
    let (mut price, mut subsidy, mut payable, mut unit) = (FenOut::<F>::new(n), FenOut::new(n), FenOut::new(n), FenOut::new(n));
    let mut ok = Staged::new(n, false);
    in_chunks(n, |rows| {
        let (codes, len) = (part(codes, &rows), rows.len());
        let k = ok.chunk(len);
        let (p, s, y) = (price.chunk(len), subsidy.chunk(len), payable.chunk(len));
        shftu_rules::batch::checkup_split(kernel, codes, cnt.map(|c| part(c, &rows)), p, s, y, k)?;
        for ((u, k), code) in unit.chunk(len).iter_mut().zip(k.iter_mut()).zip(codes) {
            *u = match unit_fen.get(usize::from(*code)).copied().flatten() {
                Some(f) => F::from(f),
                None => {
                    *k = false;
                    F::from(0)
                }
            };
        }
        [&mut price, &mut subsidy, &mut payable, &mut unit]
            .into_iter()
            .for_each(|c| c.commit(len));
        ok.commit(len);
        Ok::<_, PartError>(())
    })?;
    let ok = ok.into_vec();
    for (row, k) in ok.iter().enumerate() {
        if !*k {
            bad.push((
                row,
                Error::invalid("input.lines[0].count", "the amounts are too large to evaluate exactly"),
            ));
        }
    }
    let valid = validity(ok, bad);
    Ok(vec![
        unit.into_column("unit_price", valid.clone())?,
        price.into_column("price", valid.clone())?,
        subsidy.into_column("subsidy", valid.clone())?,
        payable.into_column("payable", valid)?,
    ])
}

/// The tier E premium by cover start, over a table: column `coverage_start` (date32 read in place,
/// or date64 / ISO text) → `premium`. The core's column kernel `batch::e_premium_by_start` decides every
/// row (the fee `mutual_aid.enroll` gives an accepted tier-E enrolment starting that day); a start it
/// refuses (after the edition's coverage end) or a null is a bad row.
#[pyfunction]
#[pyo3(signature = (table, *, edition="2023", money="decimal"))]
pub fn batch_e_premium<'py>(py: Python<'py>, table: PyTable, edition: &str, money: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let money = money_as(py, money)?;
        let c = one_batch(table)?;
        let n = c.rows();
        let mut bad: Vec<BadRow> = Vec::new();
        let start = c.days("coverage_start", &mut bad)?;
        let start = start.values();
        parted_table(py, n, &bad, |rows, bad| match money {
            MoneyAs::Decimal => premium_columns::<i128>(ed, part(start, &rows), rows.start, bad),
            MoneyAs::Fen => premium_columns::<i64>(ed, part(start, &rows), rows.start, bad),
        })
    })
}

/// The kernel's answer for [`batch_e_premium`], amounts as `F`.
/// `first_row` is the table row of `start[0]`, for the messages.
fn premium_columns<F: FenColumn>(
    ed: &Edition,
    start: &[i32],
    first_row: usize,
    bad: &mut Vec<BadRow>,
) -> Result<Vec<(String, ArrayRef)>, PartError> {
    let n = start.len();
    let (mut premium, mut ok) = (FenOut::<F>::new(n), Staged::new(n, false));
    in_chunks(n, |rows| {
        let len = rows.len();
        shftu_rules::batch::e_premium_by_start(ed, part(start, &rows), premium.chunk(len), ok.chunk(len))?;
        premium.commit(len);
        ok.commit(len);
        Ok::<_, PartError>(())
    })?;
    let ok = ok.into_vec();
    let end = ed.mutual_aid.coverage_end;
    for (row, k) in ok.iter().enumerate() {
        if !*k {
            bad.push((
                row,
                Error::invalid(
                    "coverage_start",
                    format!(
                        "coverage_start at row {} is after the coverage end of edition {} ({end})",
                        row.saturating_add(first_row),
                        ed.name
                    ),
                ),
            ));
        }
    }
    let valid = validity(ok, bad);
    Ok(vec![premium.into_column("premium", valid)?])
}

/// Hospital-day claims under the period's day limit, over a table: columns `policy_id` (any integer
/// or text column, densified here) and `days`, optional `tier` (else the `tier` argument) → `paid_days`,
/// `payable`. The core's column kernel `batch::hospital_days_cap` decides the rows of each tier in row
/// order, carrying the days paid per policy; rows of different tiers are separate sequences (a policy's
/// day count is kept per tier). A null or unreadable cell, or a row the kernel refuses, is a bad row and
/// is left out of its policy's sequence.
#[pyfunction]
#[pyo3(signature = (table, *, tier="E", edition="2023", money="decimal"))]
pub fn batch_hospital_days<'py>(py: Python<'py>, table: PyTable, tier: &str, edition: &str, money: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let money = money_as(py, money)?;
        let default_tier = <Tier as shftu_rules::wire::Field>::from_value(&Value::String(tier.to_owned()), &Path::Root("tier"))
            .map_err(|e| to_py(py, &e))?;
        let c = one_batch(table)?;
        let n = c.rows();
        let mut bad: Vec<BadRow> = Vec::new();
        let keys = c.dense_keys("policy_id", &mut bad)?;
        let days = c.counts("days", "days", None, &mut bad)?;
        // A bad row goes to the kernel with 0 days, which it refuses without touching the policy's state.
        let mut day_values: Option<Vec<u32>> = None;
        if !bad.is_empty() {
            let mut d = days.values().to_vec();
            for (row, _) in &bad {
                if let Some(x) = d.get_mut(*row) {
                    *x = 0;
                }
            }
            day_values = Some(d);
        }
        let day_slice: &[u32] = day_values.as_deref().unwrap_or(days.values());
        // Each row's tier: the column when present, else the argument.
        let tiers: Option<Vec<Option<Tier>>> = match c.column("tier", false)? {
            None => None,
            Some(_) => {
                let col = c.choice::<Tier>("tier", false)?;
                let mut t = Vec::with_capacity(n);
                for row in 0..n {
                    t.push(match col.get(row, "tier") {
                        Ok(Some(x)) => Some(x),
                        Ok(None) => {
                            bad.push((row, Error::invalid("tier", format!("tier at row {row} is required"))));
                            None
                        }
                        Err(e) => {
                            bad.push((row, e));
                            None
                        }
                    });
                }
                Some(t)
            }
        };
        let claims = HospitalClaims {
            policy: &keys.dense,
            policies: keys.count,
            days: day_slice,
            tiers: tiers.as_deref(),
            default_tier,
        };
        let cols = match money {
            MoneyAs::Decimal => hospital_columns::<i128>(py, ed, &claims, &mut bad)?,
            MoneyAs::Fen => hospital_columns::<i64>(py, ed, &claims, &mut bad)?,
        };
        to_table(py, with_errors(n, cols, bad)?)
    })
}

/// The claims of [`batch_hospital_days`] as read from the table.
struct HospitalClaims<'a> {
    policy: &'a [u32],
    policies: usize,
    days: &'a [u32],
    tiers: Option<&'a [Option<Tier>]>,
    default_tier: Tier,
}

/// The payable column of [`hospital_columns`]: built chunk by chunk, or written in place row by row.
enum Payable<F: FenColumn> {
    Staged(FenOut<F>),
    InPlace(Vec<F>),
}

/// The kernel's answer for [`batch_hospital_days`], amounts as `F`.
fn hospital_columns<F: FenColumn>(
    py: Python<'_>,
    ed: &Edition,
    claims: &HospitalClaims<'_>,
    bad: &mut Vec<BadRow>,
) -> PyResult<Vec<(String, ArrayRef)>> {
    use shftu_rules::batch::{hospital_days_cap, HospitalDaysOut};
    let n = claims.policy.len();
    let mut used = vec![0_u32; claims.policies];
    let single = match claims.tiers {
        None => Some(claims.default_tier),
        Some(t) => {
            let first = t.iter().flatten().next().copied();
            first.filter(|f| t.iter().all(|x| x.as_ref() == Some(f)))
        }
    };
    let (paid, payable, ok) = if let Some(t) = single {
        let (mut paid, mut payable, mut ok) = (Staged::new(n, 0_u32), FenOut::<F>::new(n), Staged::new(n, false));
        in_chunks(n, |rows| {
            let len = rows.len();
            let out = HospitalDaysOut {
                paid_days: paid.chunk(len),
                payable: payable.chunk(len),
                ok: ok.chunk(len),
            };
            hospital_days_cap(ed, t, part(claims.policy, &rows), part(claims.days, &rows), &mut used, out).map_err(|e| to_py(py, &e))?;
            paid.commit(len);
            payable.commit(len);
            ok.commit(len);
            Ok::<_, PyErr>(())
        })?;
        (paid.into_vec(), Payable::Staged(payable), ok.into_vec())
    } else {
        let (mut paid, mut payable, mut ok) = (vec![0_u32; n], vec![F::from(0); n], vec![false; n]);
        // Mixed tiers: one kernel call per tier over that tier's rows, each with its own state.
        let row_tiers = claims.tiers.unwrap_or(&[]);
        for t in Tier::ALL.iter().copied() {
            let rows: Vec<usize> = (0..n).filter(|r| row_tiers.get(*r).copied().flatten() == Some(t)).collect();
            if rows.is_empty() {
                continue;
            }
            let pol: Vec<u32> = rows.iter().map(|r| claims.policy.get(*r).copied().unwrap_or(u32::MAX)).collect();
            let ds: Vec<u32> = rows.iter().map(|r| claims.days.get(*r).copied().unwrap_or(0)).collect();
            let m = rows.len();
            let (mut p, mut y, mut k) = (vec![0_u32; m], vec![F::from(0); m], vec![false; m]);
            used.iter_mut().for_each(|u| *u = 0);
            let out = HospitalDaysOut {
                paid_days: &mut p,
                payable: &mut y,
                ok: &mut k,
            };
            hospital_days_cap(ed, t, &pol, &ds, &mut used, out).map_err(|e| to_py(py, &e))?;
            for (r, ((pi, yi), ki)) in rows.iter().zip(p.into_iter().zip(y).zip(k)) {
                if let (Some(a), Some(b), Some(o)) = (paid.get_mut(*r), payable.get_mut(*r), ok.get_mut(*r)) {
                    (*a, *b, *o) = (pi, yi, ki);
                }
            }
        }
        (paid, Payable::InPlace(payable), ok)
    };
    // The rows the kernel refused that were read without error: its refusals are zero days, a tier
    // without the benefit, and an amount beyond i64 fen (a policy number is never out of range here).
    let tier_of = |row: usize| claims.tiers.map_or(Some(claims.default_tier), |t| t.get(row).copied().flatten());
    for (row, k) in ok.iter().enumerate() {
        if *k {
            continue;
        }
        let t = tier_of(row);
        let e = if claims.days.get(row) == Some(&0) {
            Error::invalid("days", format!("days at row {row} must be at least 1"))
        } else if let Some(t) = t.filter(|t| t.of(&ed.mutual_aid.hospital_daily).is_none()) {
            Error::invalid(
                "tier",
                format!(
                    "row {row} cannot be decided: tier {} has no hospital-day benefit in edition {}",
                    t.as_str(),
                    ed.name
                ),
            )
        } else {
            Error::invalid("days", format!("the payable at row {row} is too large to evaluate exactly"))
        };
        bad.push((row, e));
    }
    let valid = validity(ok, bad);
    let payable = match payable {
        Payable::Staged(p) => p.into_column("payable", valid.clone())?,
        Payable::InPlace(p) => FenOut::column_of(p, "payable", valid.clone())?,
    };
    Ok(vec![(String::from("paid_days"), u32_column(paid, valid)), payable])
}

/// `claim_deadline` over a table: columns `benefit`, `coverage_end`, optional `event_date` →
/// `last_day`, `basis`, `period`.
#[pyfunction]
#[pyo3(signature = (table, *, edition="2023"))]
pub fn batch_claim_deadline<'py>(py: Python<'py>, table: PyTable, edition: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let ed = self::edition(py, edition)?;
        let cal = Calendar::builtin();
        let c = one_batch(table)?;
        let benefit = c.choice("benefit", true)?;
        let end = c.date("coverage_end", true)?;
        let event = c.date("event_date", false)?;
        let mut out = OutCols::new(&[("last_day", Kind::Date), ("basis", Kind::Text), ("period", Kind::Text)], c.rows())?;
        for row in 0..c.rows() {
            let r = (|| -> Result<ClaimDeadline, Error> {
                let input = ClaimDeadlineInput {
                    benefit: req(benefit.get(row, "input.benefit"), "input.benefit")?,
                    coverage_end: req(end.get(row, "input.coverage_end"), "input.coverage_end")?,
                    event_date: event.get(row, "input.event_date")?,
                };
                mutual_aid::claim_deadline(ed, &cal, &input, &mut Trace::off())
            })();
            match r {
                Ok(d) => out.row(&[V::Date(d.last_day), V::Text(d.basis.as_str()), V::Text(d.period.as_str())], None)?,
                Err(e) => out.error_row(&e)?,
            }
        }
        to_table(py, out.finish()?)
    })
}

// ---------------------------------------------------------------------------------------------------
// Every rule by id, typed: keyword arguments → the rule's input (read by the core's own wire reader from
// an in-memory value, so checks and messages are the contract's), the core's typed function, and its
// result serialised straight into Python objects. Adding a rule is one line here (the same line as in
// the core's `rules.rs`).

fn typed<'py, I: FromWire, O: serde::Serialize>(
    py: Python<'py>,
    v: &Value,
    t: &mut Trace,
    f: impl FnOnce(&I, &mut Trace) -> Result<O, Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let input = I::from_value_at(v, &Path::Root("input")).map_err(|e| to_py(py, &e))?;
    let out = f(&input, t).map_err(|e| to_py(py, &e))?;
    serde::Serialize::serialize(&out, PySer(py)).map_err(|e| e.0)
}

fn dispatch<'py>(py: Python<'py>, rule: &str, ed: &Edition, cal: &Calendar, v: &Value, t: &mut Trace) -> PyResult<Bound<'py, PyAny>> {
    match rule {
        "health_point.funding" => typed(py, v, t, |i, t| shftu_rules::health_point::funding(ed, i, t)),
        "health_point.service_check" => typed(py, v, t, |i, t| shftu_rules::health_point_ops::service_check(ed, i, t)),
        "health_point.application_check" => typed(py, v, t, |i, t| shftu_rules::health_point_ops::application_check(ed, i, t)),
        "health_point.card" => typed(py, v, t, |i, t| shftu_rules::health_point_ops::card(ed, i, t)),
        "health_point.fund_use" => typed(py, v, t, |i, t| shftu_rules::health_point_ops::fund_use(ed, i, t)),
        "fitness_station.phase" => typed(py, v, t, |i, t| shftu_rules::fitness_station::phase(ed, i, t)),
        "love_shanghai.trip_check" => typed(py, v, t, |i, t| shftu_rules::love_shanghai::trip_check(ed, i, t)),
        "love_shanghai.goods_check" => typed(py, v, t, |i, t| shftu_rules::love_shanghai::goods_check(ed, i, t)),
        "recuperation.subsidy" => typed(py, v, t, |i, t| shftu_rules::recuperation::subsidy(ed, i, t)),
        "recuperation.sanatorium_allocation" => typed(py, v, t, |i, t| shftu_rules::recuperation::sanatorium_allocation(ed, i, t)),
        "rest_room.checklist" => typed(py, v, t, |i, t| shftu_rules::rest_room::checklist(ed, i, t)),
        "mutual_aid.enroll" => typed(py, v, t, |i, t| shftu_rules::mutual_aid::enroll(ed, i, t)),
        "mutual_aid.change" => typed(py, v, t, |i, t| shftu_rules::mutual_aid::change(ed, i, t)),
        "mutual_aid.claim_deadline" => typed(py, v, t, |i, t| shftu_rules::mutual_aid::claim_deadline(ed, cal, i, t)),
        "mutual_aid.adjudicate" => typed(py, v, t, |i, t| shftu_rules::mutual_aid::adjudicate(ed, cal, i, t)),
        "mutual_aid.payment_due" => typed(py, v, t, |i, t| shftu_rules::mutual_aid::payment_due(ed, cal, i, t)),
        "reference.service_centres" => typed(py, v, t, |i, t| shftu_rules::reference::service_centres(ed, i, t)),
        "labor_relations.score" => typed(py, v, t, |i, t| shftu_rules::labor_relations::score(ed, i, t)),
        "labor_relations.guidance_subsidy" => typed(py, v, t, |i, t| shftu_rules::labor_relations::guidance_subsidy(ed, i, t)),
        "labor_relations.reporting" => typed(py, v, t, |i, t| shftu_rules::labor_relations::reporting(ed, i, t)),
        "model_worker.dispatch_due" => typed(py, v, t, |i, t| shftu_rules::model_worker::dispatch_due(ed, cal, i, t)),
        "checkup.quote" => typed(py, v, t, |i, t| shftu_rules::checkup::quote(ed, i, t)),
        "checkup.packages" => typed(py, v, t, |i, t| shftu_rules::checkup::packages(ed, i, t)),
        "metro_safety.sessions" => typed(py, v, t, |i, t| shftu_rules::metro_safety::sessions(ed, i, t)),
        "reference.metro_sites" => typed(py, v, t, |i, t| shftu_rules::reference::metro_sites(ed, i, t)),
        "programmes.progress" => typed(py, v, t, |i, t| shftu_rules::programmes::progress(ed, i, t)),
        "deadlines.upcoming" => typed(py, v, t, |i, t| shftu_rules::deadlines::upcoming(ed, i, t)),
        "calendar.add_working_days" => typed(py, v, t, |i, t| shftu_rules::calendar::add_working_days(cal, i, t)),
        other => Err(to_py(py, &Error::UnknownRule { rule: other.to_owned() })),
    }
}

/// Any rule by id: `input` a mapping of its fields (as on the wire; money `Decimal`/`int`/`str`, never a
/// float; dates `datetime.date`). Returns `(result as a dict, [(clause, note), …])`.
#[pyfunction]
#[pyo3(signature = (rule, input, *, edition="2023", trace=true))]
pub fn call<'py>(py: Python<'py>, rule: &str, input: &Bound<'py, PyAny>, edition: &str, trace: bool) -> PyResult<Bound<'py, PyTuple>> {
    guard(py, || {
        if !shftu_rules::RULES.iter().any(|r| r.id == rule) {
            return Err(to_py(py, &Error::UnknownRule { rule: rule.to_owned() }));
        }
        let ed = self::edition(py, edition)?;
        let v = to_value(input, &Path::Root("input"))?;
        let mut t = if trace { Trace::new() } else { Trace::off() };
        let out = dispatch(py, rule, ed, &Calendar::builtin(), &v, &mut t)?;
        PyTuple::new(py, [out, t.into_steps().to_py(py)?])
    })
}
