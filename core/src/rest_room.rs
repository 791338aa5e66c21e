//! §4 建设改善医务、公共交通、公厕职工工间休息室: workers' rest rooms.
//!
//! * [`checklist`] — which of the eight dimensions (八字律) a rest room meets, whether it applied in time,
//!   and the quarter of the city union's random checks a date falls in (三(四), 四(一), 四(四)).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::msg::m::rest_room as m;
use crate::msg::Arg;
use crate::params::p::rest_room as p;
use crate::params::Edition;
use crate::trace::Trace;

/// The label kind of the dimensions in the message catalogue (their Chinese names and other names:
/// `齐`, `人员齐` for `staff`).
const DIMENSION: &str = "rest_room.dimension";

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
    /// The dimensions met, by id (`staff`, `facilities`, `rules`, `signage`, `service`, `records`,
    /// `environment`, `effectiveness`), character (齐, 全, 明, 亮, 精, 细, 优, 佳) or words (人员齐 … 效能佳).
    pub met: Vec<String>,
    /// When the application was submitted, if known (a date of the plan).
    pub applied_on: Option<NaiveDate>,
    /// A date whose random-check quarter is wanted, if any (a date of the plan).
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
    let ps = &ed.rest_room;
    // Each entry as the id of a dimension of the edition: the id itself, or one of its other names (齐, 人员齐).
    let id_of = |text: &str| -> Option<&'static str> {
        let code = crate::msg::alias(DIMENSION, text).unwrap_or(text);
        ps.dimensions.iter().find(|d| d.id == code).map(|d| d.id)
    };
    let mut met: Vec<&'static str> = Vec::with_capacity(input.met.len());
    for (i, text) in input.met.iter().enumerate() {
        let path = format!("input.met[{i}]");
        let Some(id) = id_of(text) else {
            let ids: Vec<Arg> = ps.dimensions.iter().map(|d| Arg::from(d.id)).collect();
            let names: Vec<Arg> = ps.dimensions.iter().map(|d| Arg::from(d.zh)).collect();
            let msg = m::not_a_dimension(path.clone(), Arg::quoted(text), ids, names);
            return Err(Error::invalid(path, msg));
        };
        if met.contains(&id) {
            return Err(Error::invalid(path.clone(), m::dimension_twice(path, Arg::quoted(text))));
        }
        met.push(id);
    }
    // The application and the random check are events of the plan: dates the 2023 plan governs.
    if let Some(d) = input.applied_on {
        ed.check_plan_date(d, "input.applied_on")?;
    }
    if let Some(d) = input.date {
        ed.check_plan_date(d, "input.date")?;
    }
    let dimensions: Vec<DimensionCheck> = ps
        .dimensions
        .iter()
        .map(|d| DimensionCheck {
            id: d.id,
            char: d.char,
            zh: d.zh,
            met: met.contains(&d.id),
        })
        .collect();
    let missing: Vec<&'static str> = dimensions.iter().filter(|d| !d.met).map(|d| d.id).collect();
    let total = u32::try_from(dimensions.len()).unwrap_or(u32::MAX);
    let met_count = total.saturating_sub(u32::try_from(missing.len()).unwrap_or(u32::MAX));
    trace.step_reads("§4 三(四)", &[p::DIMENSIONS], || {
        let chars: Vec<Arg> = dimensions.iter().filter(|d| d.met).map(|d| Arg::from(d.char)).collect();
        let quoted: Vec<Arg> = missing.iter().map(|id| Arg::quoted(id)).collect();
        if missing.is_empty() {
            m::dimensions_all_met(met_count, total, chars, quoted)
        } else {
            let zh: Vec<Arg> = dimensions.iter().filter(|d| !d.met).map(|d| Arg::from(d.zh)).collect();
            if met_count == 0 {
                m::dimensions_none_met(met_count, total, chars, quoted, zh)
            } else {
                m::dimensions_some_missing(met_count, total, chars, quoted, zh)
            }
        }
    });
    let mut reasons = Vec::new();
    if !missing.is_empty() {
        reasons.push(RestRoomReason::DimensionNotMet);
    }
    let applied_on_time = input.applied_on.map(|d| {
        let ok = d <= ps.application_deadline;
        trace.step_reads("§4 四(一)", &[p::APPLICATION_DEADLINE], || {
            if ok {
                m::applied_on_time(d, ps.application_deadline)
            } else {
                m::applied_late(d, ps.application_deadline)
            }
        });
        ok
    });
    if applied_on_time == Some(false) {
        reasons.push(RestRoomReason::AppliedAfterDeadline);
    }
    let check_period = match input.date {
        Some(d) => {
            let cp = period_of(d, ps.random_check_months)
                .ok_or_else(|| Error::invalid("input.date", m::check_period_does_not_divide(ed.name)))?;
            trace.step_reads("§4 四(四)", &[p::RANDOM_CHECK_MONTHS], || {
                m::check_period(ps.random_check_months, d, cp.first, cp.last)
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
