//! `mutual_aid.payment_due` (§5 二(三)): the last day for a district union to transfer the fees and upload
//! the voucher after it submits its list.

use alloc::vec::Vec;
use chrono::NaiveDate;

use super::{first_of_next_month, params};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::msg::m::mutual_aid as m;
use crate::params::{p::mutual_aid as p, Edition};
use crate::trace::Trace;

crate::wire_enum! {
    "mutual_aid.payment_reason" =>
    /// Why a list's payment or cover is not as hoped (stable codes, listed in `spec/reasons.md`).
    pub enum PaymentReason {
        /// The list was submitted after the concentrated deadline (2023-02-28): it is an instant enrolment (§5 二(三), 一(四)1(2)).
        AfterConcentratedDeadline = "after_concentrated_deadline",
        /// The list was submitted outside every group enrolment window: no cover start (§5 一(四)1).
        OutsideEnrollmentWindow = "outside_enrollment_window",
        /// The fees were transferred after the 15th working day (§5 二(三)).
        PaymentLate = "payment_late",
    }
}

/// Input of `mutual_aid.payment_due`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct PaymentDueInput {
    /// The day the district union confirmed and submitted the formal list (提交正式参保名单).
    pub submitted_on: NaiveDate,
    /// The day the fees were transferred and the voucher uploaded, when known.
    pub paid_on: Option<NaiveDate>,
}

/// Result of `mutual_aid.payment_due`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct PaymentDue {
    /// The last day to transfer the fees and upload the voucher: the 15th working day after `submitted_on`.
    pub last_day: NaiveDate,
    /// The number of working days allowed.
    pub working_days: u32,
    /// Was the list submitted within the concentrated enrolment (on or before 2023-02-28)?
    pub concentrated: bool,
    /// The start of cover the list gives (2023-01-01 when concentrated, else the 1st of the next month), or null.
    pub coverage_start: Option<NaiveDate>,
    /// Was the payment on or before `last_day`? Null when `paid_on` is not given.
    pub paid_on_time: Option<bool>,
    /// Reason codes.
    pub reasons: Vec<PaymentReason>,
}

/// Rule `mutual_aid.payment_due`: the 15th working day after the list is submitted (the submission day not
/// counted), whether the list is part of the concentrated enrolment, and whether a payment was on time.
pub fn payment_due(ed: &Edition, cal: &Calendar, input: &PaymentDueInput, trace: &mut Trace) -> Result<PaymentDue> {
    let pa = params(ed);
    ed.check_plan_date(input.submitted_on, "input.submitted_on")?;
    // A payment day is not bounded above: a payment after the last day is late whenever it is (readings R25).
    if let Some(paid) = input.paid_on {
        if paid < input.submitted_on {
            return Err(Error::invalid(
                "input.paid_on",
                m::paid_before_submitted("input.paid_on", paid, "input.submitted_on", input.submitted_on),
            ));
        }
    }
    let n = pa.payment_working_days;
    let last_day = cal
        .add_working_days(input.submitted_on, n)
        .map_err(|e| e.at_path("input.submitted_on"))?;
    trace.step_reads("§5 二(三)", &[p::PAYMENT_WORKING_DAYS], || {
        m::payment_last_day(n, input.submitted_on, last_day)
    });
    let mut reasons = Vec::new();
    let concentrated = pa.group_concentrated_window.first <= input.submitted_on && input.submitted_on <= pa.concentrated_list_deadline;
    let coverage_start = if concentrated {
        trace.step_reads(
            "§5 二(三)",
            &[
                p::GROUP_CONCENTRATED_WINDOW,
                p::CONCENTRATED_LIST_DEADLINE,
                p::GROUP_CONCENTRATED_START,
            ],
            || {
                m::list_concentrated(
                    pa.group_concentrated_window.first,
                    pa.concentrated_list_deadline,
                    pa.group_concentrated_start,
                )
            },
        );
        Some(pa.group_concentrated_start)
    } else if pa.group_instant_window.contains(input.submitted_on) {
        reasons.push(PaymentReason::AfterConcentratedDeadline);
        let start = first_of_next_month(input.submitted_on)
            .ok_or_else(|| Error::invalid("input.submitted_on", m::too_far("input.submitted_on")))?;
        trace.step_reads(
            "§5 一(四)1(2)",
            &[p::CONCENTRATED_LIST_DEADLINE, p::GROUP_INSTANT_WINDOW],
            || m::list_instant(pa.concentrated_list_deadline, start),
        );
        Some(start)
    } else {
        if input.submitted_on > pa.concentrated_list_deadline {
            reasons.push(PaymentReason::AfterConcentratedDeadline);
        }
        reasons.push(PaymentReason::OutsideEnrollmentWindow);
        trace.step_reads(
            "§5 一(四)1",
            &[p::GROUP_CONCENTRATED_WINDOW, p::CONCENTRATED_LIST_DEADLINE, p::GROUP_INSTANT_WINDOW],
            || {
                m::list_outside(
                    input.submitted_on,
                    pa.group_concentrated_window.first,
                    pa.concentrated_list_deadline,
                    pa.group_instant_window.first,
                    pa.group_instant_window.last,
                )
            },
        );
        None
    };
    let paid_on_time = input.paid_on.map(|paid| {
        let ok = paid <= last_day;
        trace.step("§5 二(三)", || if ok { m::paid_in_time(paid) } else { m::paid_late(paid) });
        ok
    });
    if paid_on_time == Some(false) {
        reasons.push(PaymentReason::PaymentLate);
    }
    Ok(PaymentDue {
        last_day,
        working_days: n,
        concentrated,
        coverage_start,
        paid_on_time,
        reasons,
    })
}
