//! §10 推进千企共促安全文明出行: metro commuting safety training.
//!
//! * [`sessions`] — how many sessions of about 30–50 people a group of participants can make (二(二)),
//!   with the application deadline and the activity window (三(二), 附件 2-10-1).
//!
//! The 25 training sites (附件 2-10-2) are a parameter table; `reference.metro_sites` lists them.

use alloc::vec::Vec;
use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::msg::m::metro_safety as m;
use crate::params::{p::metro_safety as p, Edition};
use crate::trace::Trace;

crate::wire_enum! {
    "metro_safety.session_reason" =>
    /// Why no sessions can be formed or the dates are off (stable codes, listed in `spec/reasons.md`).
    pub enum SessionReason {
        /// No participants.
        NoParticipants = "no_participants",
        /// Fewer participants than one session's minimum (§10 二(二)).
        TooFewParticipants = "too_few_participants",
        /// No number of sessions keeps every session within 30–50 (e.g. 51–59 people).
        NoEvenSplit = "no_even_split",
        /// The application was sent after 2023-02-28 (§10 三(二)).
        AppliedAfterDeadline = "applied_after_deadline",
        /// The planned date is outside March–October 2023 (附件 2-10-1 注2).
        OutsideActivityWindow = "outside_activity_window",
    }
}

/// Input of `metro_safety.sessions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct SessionsInput {
    /// How many workers will attend.
    pub participants: u32,
    /// When the unit's application form was sent, if known.
    pub applied_on: Option<NaiveDate>,
    /// The planned training date, if known.
    pub planned_date: Option<NaiveDate>,
}

/// The most even split into a number of sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Split {
    /// Sessions in all.
    pub sessions: u32,
    /// Sessions of the larger size.
    pub larger_sessions: u32,
    /// The larger size.
    pub larger_size: u32,
    /// Sessions of the smaller size.
    pub smaller_sessions: u32,
    /// The smaller size (equal to `larger_size` when the split is exact).
    pub smaller_size: u32,
}

/// Result of `metro_safety.sessions`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Sessions {
    /// Can the participants be split into sessions of `session_min`..`session_max`?
    pub feasible: bool,
    /// The fewest sessions (null when not feasible).
    pub min_sessions: Option<u32>,
    /// The most sessions (null when not feasible).
    pub max_sessions: Option<u32>,
    /// The most even split into `min_sessions` sessions (null when not feasible).
    pub split: Option<Split>,
    /// The smallest session.
    pub session_min: u32,
    /// The largest session.
    pub session_max: u32,
    /// Was the application sent by the deadline? Null without `applied_on`.
    pub applied_on_time: Option<bool>,
    /// Is the planned date in the activity window? Null without `planned_date`.
    pub in_activity_window: Option<bool>,
    /// Reason codes.
    pub reasons: Vec<SessionReason>,
}

/// The most even split of `n` into `k` sessions.
pub(crate) fn even_split(n: u32, k: u32) -> Option<Split> {
    let q = n.checked_div(k)?;
    let r = n.checked_rem(k)?;
    Some(Split {
        sessions: k,
        larger_sessions: r,
        larger_size: if r == 0 { q } else { q.checked_add(1)? },
        smaller_sessions: k.checked_sub(r)?,
        smaller_size: q,
    })
}

/// Rule `metro_safety.sessions` (§10 二(二)): sessions of 30–50 people. `k` sessions fit when
/// ⌈N/50⌉ ≤ k ≤ ⌊N/30⌋; the split given is the most even one into the fewest sessions.
pub fn sessions(ed: &Edition, input: &SessionsInput, trace: &mut Trace) -> Result<Sessions> {
    let ms = &ed.metro_safety;
    let (lo, hi) = (ms.session_min, ms.session_max);
    if lo == 0 || lo > hi {
        return Err(Error::invalid("input.participants", m::no_session_size(ed.name, lo, hi)));
    }
    let n = input.participants;
    let mut reasons = Vec::new();
    let min_k = n.div_ceil(hi);
    let max_k = n / lo;
    let feasible = n > 0 && min_k <= max_k;
    if n == 0 {
        reasons.push(SessionReason::NoParticipants);
    } else if n < lo {
        reasons.push(SessionReason::TooFewParticipants);
    } else if !feasible {
        reasons.push(SessionReason::NoEvenSplit);
    }
    let split = if feasible { even_split(n, min_k) } else { None };
    trace.step_reads("§10 二(二)", &[p::SESSION_MIN, p::SESSION_MAX], || {
        if feasible {
            m::sessions_feasible(n, lo, hi, min_k, max_k)
        } else {
            m::sessions_infeasible(n, lo, hi)
        }
    });
    let applied_on_time = input.applied_on.map(|d| {
        let ok = d <= ms.application_deadline;
        trace.step_reads("§10 三(二)", &[p::APPLICATION_DEADLINE], || {
            if ok {
                m::applied_on_time(d, ms.application_deadline)
            } else {
                m::applied_late(d, ms.application_deadline)
            }
        });
        ok
    });
    if applied_on_time == Some(false) {
        reasons.push(SessionReason::AppliedAfterDeadline);
    }
    let in_activity_window = input.planned_date.map(|d| {
        let ok = ms.activity_window.contains(d);
        trace.step_reads("§10 附件 2-10-1 注2", &[p::ACTIVITY_WINDOW], || {
            let w = ms.activity_window;
            if ok {
                m::planned_inside(d, w.first, w.last)
            } else {
                m::planned_outside(d, w.first, w.last)
            }
        });
        ok
    });
    if in_activity_window == Some(false) {
        reasons.push(SessionReason::OutsideActivityWindow);
    }
    Ok(Sessions {
        feasible,
        min_sessions: feasible.then_some(min_k),
        max_sessions: feasible.then_some(max_k),
        split,
        session_min: lo,
        session_max: hi,
        applied_on_time,
        in_activity_window,
        reasons,
    })
}
