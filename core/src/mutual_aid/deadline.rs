//! `mutual_aid.claim_deadline` (§5 一(七)3): the last day to file a claim.

use alloc::string::String;
use chrono::NaiveDate;

use super::{params, Benefit};
use crate::calendar::{Calendar, Period};
use crate::error::{Error, Result};
use crate::msg::m::mutual_aid as m;
use crate::params::{p::mutual_aid as p, Edition};
use crate::trace::Trace;

crate::wire_enum! {
    "mutual_aid.deadline_basis" =>
    /// What a claim window counts from.
    pub enum DeadlineBasis {
        /// 保障期满之日: the last day of cover.
        CoverageEnd = "coverage_end",
        /// 意外伤害事故发生之日: the day of the accident.
        EventDate = "event_date",
    }
}

/// Input of `mutual_aid.claim_deadline`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct ClaimDeadlineInput {
    /// The benefit claimed.
    pub benefit: Benefit,
    /// The last day of cover.
    pub coverage_end: NaiveDate,
    /// The day of the accident (required for `accident_disability`).
    pub event_date: Option<NaiveDate>,
}

/// Result of `mutual_aid.claim_deadline`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct ClaimDeadline {
    /// The last day a claim is accepted.
    pub last_day: NaiveDate,
    /// What the period counts from.
    pub basis: DeadlineBasis,
    /// The period, ISO 8601 (`P2Y`, `P6M`, `P180D`).
    pub period: String,
}

/// The window of `benefit`: its period and what it counts from.
pub(crate) fn window(ed: &Edition, benefit: Benefit) -> Result<(Period, DeadlineBasis)> {
    params(ed)
        .claim_windows
        .iter()
        .find(|w| w.benefit == benefit.as_str())
        .and_then(|w| DeadlineBasis::parse(w.basis).map(|b| (w.period, b)))
        .ok_or_else(|| Error::invalid("input.benefit", m::no_claim_window(ed.name, benefit)))
}

/// Rule `mutual_aid.claim_deadline`: the last day to claim `benefit`, counted as the Civil Code says
/// (start day not counted; a rest-day last day moves to the next working day).
pub fn claim_deadline(ed: &Edition, cal: &Calendar, input: &ClaimDeadlineInput, trace: &mut Trace) -> Result<ClaimDeadline> {
    ed.check_plan_date(input.coverage_end, "input.coverage_end")?;
    if let Some(e) = input.event_date {
        ed.check_plan_date(e, "input.event_date")?;
    }
    let (period, basis) = window(ed, input.benefit)?;
    let (base, base_path) = match basis {
        DeadlineBasis::CoverageEnd => (input.coverage_end, "input.coverage_end"),
        DeadlineBasis::EventDate => (
            input
                .event_date
                .ok_or_else(|| Error::invalid("input.event_date", m::event_date_required("input.event_date", input.benefit)))?,
            "input.event_date",
        ),
    };
    let nominal = period
        .nominal_last_day(base)
        .ok_or_else(|| Error::invalid(base_path, m::date_too_far(base_path)))?;
    let last_day = cal.period_last_day(base, period).map_err(|e| e.at_path(base_path))?;
    trace.step_reads("§5 一(七)3", &[p::CLAIM_WINDOWS], || {
        m::window(input.benefit, period, base, basis, nominal)
    });
    if last_day != nominal {
        trace.step("民法典 第二百零三条", || m::rest_day_moves(nominal, last_day));
    }
    Ok(ClaimDeadline {
        last_day,
        basis,
        period: period.iso(),
    })
}
