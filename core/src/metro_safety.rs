//! §10 推进千企共促安全文明出行: metro commuting safety training.
//!
//! * [`sessions`] — how many sessions of about 30–50 people a group of participants makes (二(二)): the
//!   fewest within the band, or, as 约 allows, the split closest to it with a warning; how many can run
//!   at once with the 40 trainers and the 25 sites (二(二)); the application deadline and the activity
//!   window (三(二), 附件 2-10-1).
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
    /// Warnings on the sessions and the dates (stable codes, listed in `spec/reasons.md`). None is a
    /// refusal: 约30-50人 is approximate, so sessions are formed all the same.
    pub enum SessionReason {
        /// No participants: no sessions.
        NoParticipants = "no_participants",
        /// Fewer participants than one session's minimum: one smaller session (§10 二(二) 约30-50人).
        TooFewParticipants = "too_few_participants",
        /// No number of sessions keeps every session within 30–50 (e.g. 51–59 people): the split closest
        /// to the band is given (§10 二(二) 约30-50人).
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
    /// The fewest sessions within the band (null when there is no such split).
    pub min_sessions: Option<u32>,
    /// The most sessions within the band (null when there is no such split).
    pub max_sessions: Option<u32>,
    /// The sessions formed: the most even split into `min_sessions` sessions when the band can be kept;
    /// otherwise (约: approximate) the most even split closest to the band, flagged in `reasons`
    /// (`too_few_participants`, `no_even_split`). Null only without participants.
    pub split: Option<Split>,
    /// The smallest session of the band (about).
    pub session_min: u32,
    /// The largest session of the band (about).
    pub session_max: u32,
    /// How many sessions can run at the same time: each needs one of the trainers and one of the
    /// training sites (the fewer of the two).
    pub parallel_sessions: u32,
    /// The fewest rounds (sessions held at the same time) the split needs at that pace; null without a split.
    pub min_rounds: Option<u32>,
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

/// How far the split's sizes lie outside `lo..=hi` (0 when within).
fn off_band(s: &Split, lo: u32, hi: u32) -> u32 {
    s.larger_size.saturating_sub(hi).saturating_add(lo.saturating_sub(s.smaller_size))
}

/// The even split of `n` (> 0) closest to `lo..=hi`: the least distance outside the band, then the fewest
/// sessions. Within the band that is the fewest sessions, ⌈n/hi⌉; the best split outside it is always
/// ⌊n/lo⌋ or ⌈n/hi⌉ sessions (sizes only shrink as sessions are added), so those are the candidates.
pub(crate) fn closest_split(n: u32, lo: u32, hi: u32) -> Option<Split> {
    [n / hi, n.div_ceil(hi), n / lo, n.div_ceil(lo)]
        .into_iter()
        .filter(|k| (1..=n).contains(k))
        .filter_map(|k| even_split(n, k))
        .min_by_key(|s| (off_band(s, lo, hi), s.sessions))
}

/// Rule `metro_safety.sessions` (§10 二(二)): sessions of about 30–50 people. `k` sessions keep the band
/// when ⌈N/50⌉ ≤ k ≤ ⌊N/30⌋; the split given is the most even one into the fewest such sessions, or, when
/// no `k` keeps it (fewer than 30, or 51–59), the even split closest to it with a warning (约 is
/// approximate: outside the band is a warning, not a refusal). Sessions run at most min(trainers, sites)
/// at a time.
pub fn sessions(ed: &Edition, input: &SessionsInput, trace: &mut Trace) -> Result<Sessions> {
    let ms = &ed.metro_safety;
    let (lo, hi) = (ms.session_min, ms.session_max);
    if lo == 0 || lo > hi {
        return Err(Error::invalid("input.participants", m::no_session_size(ed.name, lo, hi)));
    }
    if let Some(d) = input.applied_on {
        ed.check_plan_date(d, "input.applied_on")?;
    }
    if let Some(d) = input.planned_date {
        ed.check_plan_date(d, "input.planned_date")?;
    }
    let sites = u32::try_from(ms.sites.len()).unwrap_or(u32::MAX);
    let parallel = ms.trainers.min(sites);
    if parallel == 0 {
        return Err(Error::invalid(
            "input.participants",
            m::no_trainers_or_sites(ed.name, ms.trainers, sites),
        ));
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
    let split = if feasible {
        even_split(n, min_k)
    } else if n > 0 {
        closest_split(n, lo, hi)
    } else {
        None
    };
    trace.step_reads("§10 二(二)", &[p::SESSION_MIN, p::SESSION_MAX], || {
        if feasible {
            m::sessions_feasible(n, lo, hi, min_k, max_k)
        } else {
            m::sessions_infeasible(n, lo, hi)
        }
    });
    if let (false, Some(s)) = (feasible, split) {
        trace.step_reads("§10 二(二)", &[p::SESSION_MIN, p::SESSION_MAX], || {
            if s.larger_sessions == 0 {
                m::sessions_about(s.sessions, s.smaller_size, lo, hi)
            } else {
                m::sessions_about_uneven(
                    s.sessions,
                    s.larger_sessions,
                    s.larger_size,
                    s.smaller_sessions,
                    s.smaller_size,
                    lo,
                    hi,
                )
            }
        });
    }
    let min_rounds = split.map(|s| s.sessions.div_ceil(parallel));
    if let (Some(s), Some(r)) = (split, min_rounds) {
        trace.step_reads("§10 二(二)", &[p::TRAINERS, p::SITES], || {
            m::rounds(s.sessions, parallel, ms.trainers, sites, r)
        });
    }
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
        parallel_sessions: parallel,
        min_rounds,
        applied_on_time,
        in_activity_window,
        reasons,
    })
}
