//! §7 百名劳模工匠服务千家企业和校园: model workers and craftsmen serve enterprises and schools.
//!
//! * [`dispatch_due`] — the last working day for the service office to send a team (三(三)), and what the
//!   unit served pays: nothing (四 2).

use alloc::vec::Vec;
use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::msg::m::model_worker as m;
use crate::params::{p::model_worker as p, Edition};
use crate::trace::Trace;

crate::wire_enum! {
    "model_worker.dispatch_reason" =>
    /// Why a dispatch is not as the plan asks (stable codes, listed in `spec/reasons.md`).
    pub enum DispatchReason {
        /// The team went out after the 15th working day (§7 三(三), 原则上: a guideline, so a flag, not a refusal).
        DispatchLate = "dispatch_late",
    }
}

/// Input of `model_worker.dispatch_due`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct DispatchDueInput {
    /// The day the service office (服务办公室) received the request form (需求申请表): a date of the plan.
    pub received_on: NaiveDate,
    /// The day the team served, when known: a date the edition answers for (it may run into the next
    /// year for a December request).
    pub served_on: Option<NaiveDate>,
}

/// Result of `model_worker.dispatch_due`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct DispatchDue {
    /// The last day the team should go out: the 15th working day after `received_on`.
    pub last_day: NaiveDate,
    /// The number of working days allowed.
    pub working_days: u32,
    /// Working days from `received_on` (not counted) to `served_on` (counted); null without `served_on`.
    pub working_days_taken: Option<u32>,
    /// Was the team out on or before `last_day`? Null without `served_on`.
    pub on_time: Option<bool>,
    /// Reason codes.
    pub reasons: Vec<DispatchReason>,
    /// What the unit served pays for the service: nothing (本项目不向被服务单位收取费用).
    pub fee: Money,
}

/// Working days after `from` (not counted) up to and including `to`.
pub(crate) fn working_days_between(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> Result<u32> {
    let mut n: u32 = 0;
    let mut day = from;
    while day < to {
        day = day
            .succ_opt()
            .ok_or_else(|| Error::invalid("input", m::dates_too_far_in_the_future()))?;
        if cal.is_working_day(day)? {
            n = n.checked_add(1).ok_or_else(|| Error::invalid("input", m::dates_too_far_apart()))?;
        }
    }
    Ok(n)
}

/// Rule `model_worker.dispatch_due` (§7 三(三), 四): the service office sends a team within 15 working days
/// of receiving the request (原则上), counted from the day after receipt; the unit served pays nothing.
pub fn dispatch_due(ed: &Edition, cal: &Calendar, input: &DispatchDueInput, trace: &mut Trace) -> Result<DispatchDue> {
    let n = ed.model_worker.dispatch_working_days;
    ed.check_plan_date(input.received_on, "input.received_on")?;
    if let Some(served) = input.served_on {
        ed.check_answer_date(served, "input.served_on")?;
        if served < input.received_on {
            return Err(Error::invalid(
                "input.served_on",
                m::served_before_received("input.served_on", served, input.received_on),
            ));
        }
    }
    let last_day = cal
        .add_working_days(input.received_on, n)
        .map_err(|e| e.at_path("input.received_on"))?;
    trace.step_reads("§7 三(三)", &[p::DISPATCH_WORKING_DAYS], || {
        m::dispatch_window(n, input.received_on, last_day)
    });
    let (working_days_taken, on_time) = match input.served_on {
        Some(served) => {
            let taken = working_days_between(cal, input.received_on, served).map_err(|e| e.at_path("input.served_on"))?;
            let ok = served <= last_day;
            trace.step_reads("§7 三(三)", &[p::DISPATCH_WORKING_DAYS], || {
                if ok {
                    m::served_on_time(served, taken)
                } else {
                    m::served_late(served, taken)
                }
            });
            (Some(taken), Some(ok))
        }
        None => (None, None),
    };
    let mut reasons = Vec::new();
    if on_time == Some(false) {
        reasons.push(DispatchReason::DispatchLate);
    }
    let mw = &ed.model_worker;
    trace.step_reads("§7 四", &[p::SERVICE_FEE, p::FUNDED_FROM], || {
        m::free_of_charge(mw.service_fee, mw.funded_from)
    });
    Ok(DispatchDue {
        last_day,
        working_days: n,
        working_days_taken,
        on_time,
        reasons,
        fee: mw.service_fee,
    })
}
