//! 附件 1 清单: the ten programmes of 2023 and their targets.
//!
//! * [`progress`] — what each target has achieved, what remains, and the share done.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{Error, Result};
use crate::limits::Limit;
use crate::msg::{m::programmes as m, Arg};
use crate::params::{p::programmes as p, Edition};
use crate::read::{Kind, Path, ReadCx, Source, Wire};
use crate::trace::Trace;

/// Decimal places of a progress percentage (presentation, rounded down).
const PERCENT_DECIMALS: u32 = 2;

/// Input of `programmes.progress`.
#[derive(Debug, Clone, PartialEq, Eq, Default, crate::Wire)]
pub struct ProgressInput {
    /// Achieved count by target id (`health_points_new`, …); targets not given are not reported.
    #[wire(with = read_achieved, optional)]
    pub achieved: BTreeMap<String, u32>,
}

/// The progress of one target.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct TargetProgress {
    /// The target id.
    pub id: &'static str,
    /// The programme's number in the plan's list (1–10).
    pub programme: u32,
    /// The seed clause.
    pub clause: &'static str,
    /// The seed's words.
    pub zh: &'static str,
    /// `at_least` or `about`.
    pub bound: &'static str,
    /// The target count.
    pub target: u32,
    /// What is counted.
    pub unit: &'static str,
    /// The count achieved; null when not reported.
    pub achieved: Option<u32>,
    /// Target minus achieved, not below zero; null when not reported.
    pub remaining: Option<u32>,
    /// Achieved ÷ target × 100, cut down to two decimals (a string, e.g. `"45.00"`); null when not reported.
    pub percent: Option<String>,
    /// Achieved ≥ target; null when not reported.
    pub met: Option<bool>,
}

/// Result of `programmes.progress`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Progress {
    /// Every target of the plan, in the plan's order.
    pub targets: Vec<TargetProgress>,
    /// How many targets were reported.
    pub reported: u32,
    /// How many reported targets are met.
    pub met: u32,
    /// Are all targets reported and met?
    pub all_met: bool,
}

/// `achieved / target × 100`, cut down to [`PERCENT_DECIMALS`].
fn percent(achieved: u32, target: u32) -> Option<String> {
    let hundred = Decimal::from(100u32);
    let p = Decimal::from(achieved)
        .checked_mul(hundred)?
        .checked_div(Decimal::from(target))?
        .round_dp_with_strategy(PERCENT_DECIMALS, RoundingStrategy::ToZero);
    let mut p = p;
    p.rescale(PERCENT_DECIMALS);
    Some(p.to_string())
}

/// Rule `programmes.progress`: each target of the ten programmes against the count achieved.
pub fn progress(ed: &Edition, input: &ProgressInput, trace: &mut Trace) -> Result<Progress> {
    let table = ed.programmes.targets;
    for id in input.achieved.keys() {
        if !table.iter().any(|t| t.id == id.as_str()) {
            let ids: Vec<&'static str> = table.iter().map(|t| t.id).collect();
            return Err(Error::invalid(
                format!("input.achieved.{id}"),
                m::unknown_target("input.achieved", Arg::quoted(id), ids),
            ));
        }
    }
    let mut targets = Vec::new();
    let (mut reported, mut met_count) = (0u32, 0u32);
    for t in table {
        let achieved = input.achieved.get(t.id).copied();
        let (remaining, pct, met) = match achieved {
            Some(a) => {
                if t.target == 0 {
                    return Err(Error::invalid(format!("input.achieved.{}", t.id), m::zero_target(ed.name, t.id)));
                }
                let pct = percent(a, t.target).ok_or_else(|| crate::error::overflow("input.achieved"))?;
                let met = a >= t.target;
                reported = reported.saturating_add(1);
                if met {
                    met_count = met_count.saturating_add(1);
                }
                trace.step_reads(t.clause, &[p::TARGETS], || {
                    m::target_progress(t.id, t.zh, a, t.target, t.unit, t.unit_zh, pct.clone(), met.then(m::met))
                });
                (Some(t.target.saturating_sub(a)), Some(pct), Some(met))
            }
            None => (None, None, None),
        };
        targets.push(TargetProgress {
            id: t.id,
            programme: t.programme,
            clause: t.clause,
            zh: t.zh,
            bound: t.bound,
            target: t.target,
            unit: t.unit,
            achieved,
            remaining,
            percent: pct,
            met,
        });
    }
    let total = u32::try_from(table.len()).unwrap_or(u32::MAX);
    let all_met = reported == total && met_count == total;
    trace.step_reads("附件 1", &[p::TARGETS], || m::summary(reported, total, met_count));
    Ok(Progress {
        targets,
        reported,
        met: met_count,
        all_met,
    })
}

/// Reads `achieved`: an object of target id to count; a null count is not reported.
fn read_achieved<S: Source>(v: Option<S>, path: &Path<'_>, cx: &ReadCx<'_>) -> Result<BTreeMap<String, u32>> {
    let Some(v) = v else {
        return Ok(BTreeMap::new());
    };
    if v.kind() != Kind::Object {
        return Err(Error::invalid(
            path.to_string(),
            crate::msg::m::read::wrong_type(path, m::expected_achieved(), v.kind()),
        ));
    }
    let keys = v.keys();
    cx.check(Limit::Items, keys.len(), path)?;
    let mut achieved = BTreeMap::new();
    for k in keys {
        if let Some(x) = v.get(&k).filter(|x| x.kind() != Kind::Null) {
            achieved.insert(k.to_string(), u32::read(&x, &path.key(&k), cx, None)?);
        }
    }
    Ok(achieved)
}
