//! `mutual_aid.payment_due` (§5 二(三)): the last day for a district union to transfer the fees and upload
//! the voucher after it submits its list.

use alloc::format;
use alloc::vec::Vec;
use chrono::NaiveDate;

use super::{first_of_next_month, params};
use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::params::Edition;
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
    let p = params(ed);
    if let Some(paid) = input.paid_on {
        if paid < input.submitted_on {
            return Err(Error::invalid(
                "input.paid_on",
                format!(
                    "input.paid_on {paid} is before input.submitted_on {}: fees are transferred after the list is submitted",
                    input.submitted_on
                ),
            ));
        }
    }
    let n = p.payment_working_days;
    let last_day = cal
        .add_working_days(input.submitted_on, n)
        .map_err(|e| e.at_path("input.submitted_on"))?;
    trace.step("§5 二(三)", || {
        format!(
            "fees and voucher within {n} working days of submitting the list on {} (not counted): last day {last_day}",
            input.submitted_on
        )
    });
    let mut reasons = Vec::new();
    let concentrated = p.group_concentrated_window.first <= input.submitted_on && input.submitted_on <= p.concentrated_list_deadline;
    let coverage_start = if concentrated {
        trace.step("§5 二(三)", || {
            format!(
                "submitted within the concentrated enrolment ({}..{}): cover from {}",
                p.group_concentrated_window.first, p.concentrated_list_deadline, p.group_concentrated_start
            )
        });
        Some(p.group_concentrated_start)
    } else if p.group_instant_window.contains(input.submitted_on) {
        reasons.push(PaymentReason::AfterConcentratedDeadline);
        let start = first_of_next_month(input.submitted_on)
            .ok_or_else(|| Error::invalid("input.submitted_on", "input.submitted_on is too far in the future"))?;
        trace.step("§5 一(四)1(2)", || {
            format!(
                "submitted after {}: an instant enrolment, cover from the 1st of the next month, {start}",
                p.concentrated_list_deadline
            )
        });
        Some(start)
    } else {
        if input.submitted_on > p.concentrated_list_deadline {
            reasons.push(PaymentReason::AfterConcentratedDeadline);
        }
        reasons.push(PaymentReason::OutsideEnrollmentWindow);
        trace.step("§5 一(四)1", || {
            format!(
                "{} is outside the group enrolment windows ({}..{}, {}..{}): no cover start",
                input.submitted_on,
                p.group_concentrated_window.first,
                p.concentrated_list_deadline,
                p.group_instant_window.first,
                p.group_instant_window.last
            )
        });
        None
    };
    let paid_on_time = input.paid_on.map(|paid| {
        let ok = paid <= last_day;
        trace.step("§5 二(三)", || {
            format!(
                "paid on {paid}: {}",
                if ok { "on or before the last day" } else { "after the last day" }
            )
        });
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

