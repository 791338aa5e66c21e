//! `mutual_aid.change` (§5 一(六)): moving up a tier during the period.

use alloc::vec::Vec;
use chrono::NaiveDate;

use super::{first_of_next_month, params, Reason, Tier};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::msg::{m::mutual_aid as m, Arg, Msg};
use crate::params::{p::mutual_aid as p, Edition, Param};
use crate::trace::Trace;

/// Input of `mutual_aid.change`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct ChangeInput {
    /// The tier now.
    pub from: Tier,
    /// The tier asked for.
    pub to: Tier,
    /// The day the list was confirmed or the payment succeeded.
    pub date: NaiveDate,
    /// The last day of cover (default: the edition's coverage end, 2023-12-31).
    pub coverage_end: Option<NaiveDate>,
    /// The first day of cover, when known: a change requested before it is refused (§5 一(六) 在保障期内).
    #[wire(since = "0.2")]
    pub coverage_start: Option<NaiveDate>,
}

/// Result of `mutual_aid.change`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct ChangeOutcome {
    /// Accepted?
    pub accepted: bool,
    /// Why not.
    pub reasons: Vec<Reason>,
    /// The fee of the change (null when refused).
    pub fee: Option<Money>,
    /// The first day of the new tier (null when refused).
    pub effective_from: Option<NaiveDate>,
}

/// Rule `mutual_aid.change`: the fee of a change of tier and the day it takes effect (the 1st of the
/// next month); a change that does not raise the tier, or would start after cover ends, is refused.
pub fn change(ed: &Edition, input: &ChangeInput, trace: &mut Trace) -> Result<ChangeOutcome> {
    let pa = params(ed);
    ed.check_plan_date(input.date, "input.date")?;
    if let Some(s) = input.coverage_start {
        ed.check_plan_date(s, "input.coverage_start")?;
    }
    if let Some(e) = input.coverage_end {
        ed.check_plan_date(e, "input.coverage_end")?;
    }
    if let (Some(s), Some(e)) = (input.coverage_start, input.coverage_end) {
        if s > e {
            return Err(Error::invalid(
                "input.coverage_end",
                m::coverage_ends_before_start("input.coverage_end", "input.coverage_start"),
            ));
        }
    }
    let (end, end_reads): (NaiveDate, &'static [Param]) = match input.coverage_end {
        Some(e) => (e, &[]),
        None => (pa.coverage_end, &[p::COVERAGE_END]),
    };
    let mut reasons = Vec::new();
    let fee = pa
        .change_fees
        .iter()
        .find(|f| f.from == input.from.as_str() && f.to == input.to.as_str())
        .map(|f| f.fee);
    match fee {
        Some(fee) => trace.step_reads("§5 一(六)", &[p::CHANGE_FEES], || m::change_fee(input.from, input.to, fee)),
        None => {
            trace.step_reads("§5 一(六)", &[p::CHANGE_FEES], || {
                let pairs: Vec<Msg> = pa
                    .change_fees
                    .iter()
                    .map(|f| m::change_pair(tier_arg(f.from), tier_arg(f.to)))
                    .collect();
                m::not_a_change(input.from, input.to, pairs)
            });
            reasons.push(Reason::NotAnUpgrade);
        }
    }
    let eff = first_of_next_month(input.date).ok_or_else(|| Error::invalid("input.date", m::too_far("input.date")))?;
    // 在保障期内: a change is made during cover. One requested before cover starts is refused; one requested
    // after cover has ended would take effect after it too (after_coverage_end). Readings R20.
    if let Some(start) = input.coverage_start.filter(|s| input.date < *s) {
        trace.step("§5 一(六)", || m::change_before_start(input.date, start));
        reasons.push(Reason::BeforeCoverageStart);
    }
    if eff > end {
        trace.step_reads("§5 一(六)", end_reads, || m::change_after_end(input.date, eff, end));
        reasons.push(Reason::AfterCoverageEnd);
    } else {
        trace.step("§5 一(六)", || m::change_effective(eff));
    }
    if reasons.is_empty() {
        Ok(ChangeOutcome {
            accepted: true,
            reasons,
            fee,
            effective_from: Some(eff),
        })
    } else {
        Ok(ChangeOutcome {
            accepted: false,
            reasons,
            fee: None,
            effective_from: None,
        })
    }
}

/// A tier named by the edition's table as a message argument.
fn tier_arg(t: &'static str) -> Arg {
    match Tier::parse(t) {
        Some(tier) => tier.into(),
        None => t.into(),
    }
}
