//! §4 建设改善医务、公共交通、公厕职工工间休息室: workers' rest rooms.
//!
//! * [`checklist`] — which of the eight dimensions (八字律) a rest room meets, whether it applied in time,
//!   and the quarter of the city union's random checks a date falls in (三(四), 四(一), 四(四)).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::params::Edition;
use crate::trace::Trace;

crate::wire_enum! {
    "rest_room.rest_room_reason" =>
    /// Why a rest room falls short (stable codes, listed in `spec/reasons.md`).
    pub enum RestRoomReason {
        /// At least one of the eight dimensions is not met (§4 三(四)).
        DimensionNotMet = "dimension_not_met",
        /// The application was submitted after 2023-02-15 (§4 四(一)).
        AppliedAfterDeadline = "applied_after_deadline",
    }
}

/// Input of `rest_room.checklist`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct ChecklistInput {
    /// The ids of the dimensions met (`staff`, `facilities`, `rules`, `signage`, `service`, `records`,
    /// `environment`, `effectiveness`).
    pub met: Vec<String>,
    /// When the application was submitted, if known.
    pub applied_on: Option<NaiveDate>,
    /// A date whose random-check quarter is wanted, if any.
    pub date: Option<NaiveDate>,
}

/// One dimension's verdict.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct DimensionCheck {
    /// The id.
    pub id: &'static str,
    /// The character of the 八字律.
    pub char: &'static str,
    /// The seed's words.
    pub zh: &'static str,
    /// Met?
    pub met: bool,
}

/// A period of the random checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct CheckPeriod {
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day.
    pub last: NaiveDate,
}

/// Result of `rest_room.checklist`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Checklist {
    /// Are all eight dimensions met?
    pub all_met: bool,
    /// How many dimensions are met.
    pub met_count: u32,
    /// How many dimensions there are.
    pub total: u32,
    /// Each dimension in the seed's order.
    pub dimensions: Vec<DimensionCheck>,
    /// The ids of the dimensions not met.
    pub missing: Vec<&'static str>,
    /// Submitted by the deadline? Null without `applied_on`.
    pub applied_on_time: Option<bool>,
    /// The quarter of random checks `date` falls in; null without `date`.
    pub check_period: Option<CheckPeriod>,
    /// Reason codes.
    pub reasons: Vec<RestRoomReason>,
}

fn period_of(d: NaiveDate, months: u32) -> Option<CheckPeriod> {
    if months == 0 || months > 12 || 12 % months != 0 {
        return None;
    }
    let m0 = (d.month0() / months).checked_mul(months)?;
    let first = NaiveDate::from_ymd_opt(d.year(), m0.checked_add(1)?, 1)?;
    let next = m0.checked_add(months)?;
    let after = if next >= 12 {
        NaiveDate::from_ymd_opt(d.year().checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(d.year(), next.checked_add(1)?, 1)?
    };
    Some(CheckPeriod {
        first,
        last: after.pred_opt()?,
    })
}

/// Rule `rest_room.checklist` (§4 三(四)): the eight dimensions 人员齐、设施全、制度明、标识亮、服务精、台账细、
/// 环境优、效能佳, the application deadline (四(一)) and the quarterly random checks (四(四)).
pub fn checklist(ed: &Edition, input: &ChecklistInput, trace: &mut Trace) -> Result<Checklist> {
    let p = &ed.rest_room;
    for (i, id) in input.met.iter().enumerate() {
        if !p.dimensions.iter().any(|d| d.id == id.as_str()) {
            let ids: Vec<&str> = p.dimensions.iter().map(|d| d.id).collect();
            return Err(Error::invalid(
                format!("input.met[{i}]"),
                format!("input.met[{i}] {id:?} is not a dimension; the dimensions are {}", ids.join(", ")),
            ));
        }
        if input.met.iter().take(i).any(|x| x == id) {
            return Err(Error::invalid(
                format!("input.met[{i}]"),
                format!("input.met[{i}] {id:?} is listed twice"),
            ));
        }
    }
    let dimensions: Vec<DimensionCheck> = p
        .dimensions
        .iter()
        .map(|d| DimensionCheck {
            id: d.id,
            char: d.char,
            zh: d.zh,
            met: input.met.iter().any(|m| m == d.id),
        })
        .collect();
    let missing: Vec<&'static str> = dimensions.iter().filter(|d| !d.met).map(|d| d.id).collect();
    let total = u32::try_from(dimensions.len()).unwrap_or(u32::MAX);
    let met_count = total.saturating_sub(u32::try_from(missing.len()).unwrap_or(u32::MAX));
    trace.step("§4 三(四)", || {
        let chars: String = dimensions.iter().filter(|d| d.met).map(|d| d.char).collect();
        format!("{met_count} of {total} dimensions met ({chars}); missing {missing:?}")
    });
    let mut reasons = Vec::new();
    if !missing.is_empty() {
        reasons.push(RestRoomReason::DimensionNotMet);
    }
    let applied_on_time = input.applied_on.map(|d| {
        let ok = d <= p.application_deadline;
        trace.step("§4 四(一)", || {
            format!(
                "submitted {d}, deadline {}: {}",
                p.application_deadline,
                if ok { "on time" } else { "late" }
            )
        });
        ok
    });
    if applied_on_time == Some(false) {
        reasons.push(RestRoomReason::AppliedAfterDeadline);
    }
    let check_period = match input.date {
        Some(d) => {
            let cp = period_of(d, p.random_check_months).ok_or_else(|| {
                Error::invalid(
                    "input.date",
                    format!("the edition {} has a check period that does not divide the year", ed.name),
                )
            })?;
            trace.step("§4 四(四)", || {
                format!(
                    "random checks every {} months: {d} falls in {}..{}",
                    p.random_check_months, cp.first, cp.last
                )
            });
            Some(cp)
        }
        None => None,
    };
    Ok(Checklist {
        all_met: missing.is_empty(),
        met_count,
        total,
        dimensions,
        missing,
        applied_on_time,
        check_period,
        reasons,
    })
}

