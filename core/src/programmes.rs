//! 附件 1 清单: the ten programmes of 2023 and their targets.
//!
//! * [`progress`] — what each target has achieved, what remains, the share done, and, for the targets the
//!   plan dates, whether the date has passed with the target unmet. A target of full coverage (全覆盖, §6:
//!   职工代表大会、集体协商建制) counts against the enterprises guided as reported.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::error::{overflow, Error, Result};
use crate::limits::Limit;
use crate::msg::{m::programmes as m, Arg, Msg};
use crate::params::{p::programmes as p, Edition, ProgrammeTarget};
use crate::read::{Kind, Path, ReadCx, Source, Wire};
use crate::trace::Trace;

/// Decimal places of a progress percentage (presentation, rounded down).
const PERCENT_DECIMALS: u32 = 2;

/// The label kind of the target ids in the message catalogue (their Chinese names and other names).
const TARGET_KIND: &str = "programmes.target";

/// Input of `programmes.progress`.
#[derive(Debug, Clone, PartialEq, Eq, Default, crate::Wire)]
pub struct ProgressInput {
    /// Achieved count by target id (`health_points_new`, …, or a target's name in the plan's words, such as
    /// `职代会建制`); targets not given are not reported.
    #[wire(with = read_achieved, optional)]
    pub achieved: BTreeMap<String, u32>,
    /// The day asked about, for the dated targets (optional): a date the edition answers for.
    #[wire(since = "0.2")]
    pub as_of: Option<NaiveDate>,
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
    /// `at_least`, `about` or `all` (全覆盖: every one of the target `of`).
    pub bound: &'static str,
    /// The target count; for `all`, the count of `of` (as reported, else its target).
    pub target: u32,
    /// For `all`: the target whose count is to be covered in full; null otherwise.
    pub of: Option<&'static str>,
    /// What is counted.
    pub unit: &'static str,
    /// The count achieved; null when not reported.
    pub achieved: Option<u32>,
    /// Target minus achieved, not below zero; null when not reported.
    pub remaining: Option<u32>,
    /// Achieved ÷ target × 100, cut down to two decimals (a string, e.g. `"45.00"`); null when not reported.
    /// For `all`, the coverage rate.
    pub percent: Option<String>,
    /// Achieved ≥ target; null when not reported.
    pub met: Option<bool>,
    /// The day the plan sets for the target (the last day, included); null when it sets none.
    pub due: Option<NaiveDate>,
    /// With `as_of`: is the due day past (`as_of` after it) and the target not met? Null without `as_of`,
    /// without a due day or when not reported.
    pub overdue: Option<bool>,
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

/// The count a target asks for, and, for full coverage, the count it covers and whether that was reported.
fn count_target(ed: &Edition, t: &ProgrammeTarget, achieved: &BTreeMap<String, u32>) -> Result<(u32, Option<(u32, bool)>)> {
    if t.bound != "all" {
        return Ok((t.target, None));
    }
    let path = format!("input.achieved.{}", t.id);
    let base = ed
        .programmes
        .targets
        .iter()
        .find(|b| b.id == t.of && b.bound != "all")
        .ok_or_else(|| Error::invalid(path.clone(), m::no_base(ed.name, t.id, Arg::quoted(t.of))))?;
    let (count, reported) = match achieved.get(base.id) {
        Some(a) => (*a, true),
        None => (base.target, false),
    };
    // `target` is the share in percent (100: 全覆盖), rounded up to whole units.
    let n = u64::from(count)
        .checked_mul(u64::from(t.target))
        .map(|x| x.div_ceil(100))
        .and_then(|x| u32::try_from(x).ok())
        .ok_or_else(|| overflow(&path))?;
    Ok((n, Some((count, reported))))
}

/// Rule `programmes.progress`: each target of the ten programmes against the count achieved; full coverage
/// (全覆盖) against the count it covers; with `as_of`, the dated targets past their day and unmet.
pub fn progress(ed: &Edition, input: &ProgressInput, trace: &mut Trace) -> Result<Progress> {
    let table = ed.programmes.targets;
    if let Some(d) = input.as_of {
        ed.check_answer_date(d, "input.as_of")?;
    }
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
        let (target, covers) = count_target(ed, t, &input.achieved)?;
        let due = ed.programmes.due_dates.iter().find(|d| d.id == t.id);
        let (remaining, pct, met) = match achieved {
            Some(a) => {
                if t.target == 0 {
                    return Err(Error::invalid(format!("input.achieved.{}", t.id), m::zero_target(ed.name, t.id)));
                }
                if let Some((base, true)) = covers {
                    if a > base {
                        return Err(Error::invalid(
                            format!("input.achieved.{}", t.id),
                            m::more_than_covered(format!("input.achieved.{}", t.id), a, Arg::Code(TARGET_KIND, t.of), base),
                        ));
                    }
                }
                // Nothing to cover (none guided yet) is covered in full.
                let pct = if target == 0 { percent(1, 1) } else { percent(a, target) }.ok_or_else(|| overflow("input.achieved"))?;
                let met = a >= target;
                reported = reported.saturating_add(1);
                if met {
                    met_count = met_count.saturating_add(1);
                }
                trace.step_reads(t.clause, &[p::TARGETS], || match covers {
                    Some((base, true)) => m::coverage_progress(
                        t.id,
                        t.zh,
                        a,
                        base,
                        Arg::Code(TARGET_KIND, t.of),
                        t.unit_zh,
                        pct.clone(),
                        met.then(m::met),
                    ),
                    Some((base, false)) => m::coverage_of_target(
                        t.id,
                        t.zh,
                        a,
                        base,
                        Arg::Code(TARGET_KIND, t.of),
                        t.unit_zh,
                        pct.clone(),
                        met.then(m::met),
                    ),
                    None => m::target_progress(t.id, t.zh, a, target, t.unit, t.unit_zh, pct.clone(), met.then(m::met)),
                });
                (Some(target.saturating_sub(a)), Some(pct), Some(met))
            }
            None => (None, None, None),
        };
        let overdue = match (input.as_of, due, met) {
            (Some(d), Some(due), Some(met)) => {
                let late = d > due.due && !met;
                trace.step_reads(due.clause, &[p::DUE_DATES], || {
                    let verdict: Msg = if late {
                        m::due_passed_unmet()
                    } else if met {
                        m::due_met()
                    } else {
                        m::due_open()
                    };
                    m::due(t.id, Arg::Code(TARGET_KIND, t.id), due.due, d, verdict)
                });
                Some(late)
            }
            _ => None,
        };
        targets.push(TargetProgress {
            id: t.id,
            programme: t.programme,
            clause: t.clause,
            zh: t.zh,
            bound: t.bound,
            target,
            of: Some(t.of).filter(|o| !o.is_empty()),
            unit: t.unit,
            achieved,
            remaining,
            percent: pct,
            met,
            due: due.map(|d| d.due),
            overdue,
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
    let mut keys = v.keys();
    cx.check(Limit::Items, keys.len(), path)?;
    // In sorted order, so that of several bad entries the same one is named whatever the order the host
    // keeps keys in (a JSON object's are sorted; a Python dict's are in insertion order).
    keys.sort_unstable();
    let mut achieved = BTreeMap::new();
    for k in keys {
        if let Some(x) = v.get(&k).filter(|x| x.kind() != Kind::Null) {
            let count = u32::read(&x, &path.key(&k), cx, None)?;
            // A target's name in the plan's words stands for its id.
            let id = crate::msg::alias(TARGET_KIND, &k).map_or_else(|| k.to_string(), String::from);
            if achieved.insert(id.clone(), count).is_some() {
                return Err(Error::invalid(path.key(&k).to_string(), m::given_twice(&path.key(&k), id)));
            }
        }
    }
    Ok(achieved)
}
