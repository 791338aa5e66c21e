//! `mutual_aid.change` (§5 一(六)): moving up a tier during the period.

use alloc::format;
use alloc::vec::Vec;
use chrono::NaiveDate;

use super::{first_of_next_month, params, Reason, Tier};
use crate::error::{Error, Result};
use crate::money::Money;
use crate::params::Edition;
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
    let p = params(ed);
    let end = input.coverage_end.unwrap_or(p.coverage_end);
    let mut reasons = Vec::new();
    let fee = p
        .change_fees
        .iter()
        .find(|f| f.from == input.from.as_str() && f.to == input.to.as_str())
        .map(|f| f.fee);
    match fee {
        Some(fee) => trace.step("§5 一(六)", || format!("{} → {}: fee {fee}", input.from, input.to)),
        None => {
            trace.step("§5 一(六)", || {
                format!("{} → {} is not one of the plan's changes (C→D, C→E, D→E)", input.from, input.to)
            });
            reasons.push(Reason::NotAnUpgrade);
        }
    }
    let eff = first_of_next_month(input.date).ok_or_else(|| Error::invalid("input.date", "input.date is too far in the future"))?;
    if eff > end {
        trace.step("§5 一(六)", || {
            format!("a change on {} takes effect {eff}, after cover ends {end}", input.date)
        });
        reasons.push(Reason::AfterCoverageEnd);
    } else {
        trace.step("§5 一(六)", || {
            format!("the new tier applies from the 1st of the next month: {eff}")
        });
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

