//! §2 新建和改建 50 家职工健身驿站: workers' fitness stations.
//!
//! * [`phase`] — which phase of the year's timetable a date falls in (三(一)–(五)), and whether the 50
//!   stations are done by the end of the third quarter.

use alloc::vec::Vec;
use chrono::NaiveDate;

use crate::error::Result;
use crate::msg::m::fitness_station as m;
use crate::params::{p::fitness_station as p, Edition, FitnessPhase};
use crate::trace::Trace;

crate::wire_enum! {
    "fitness_station.fitness_reason" =>
    /// Why the programme is off its timetable (stable codes, listed in `spec/reasons.md`).
    pub enum FitnessReason {
        /// The date is in no phase of the timetable.
        NoPhase = "no_phase",
        /// After the end of the third quarter, fewer stations accepted than the target (§2 三(四)).
        TargetMissed = "target_missed",
    }
}

/// Input of `fitness_station.phase`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct PhaseInput {
    /// The date asked about.
    pub date: NaiveDate,
    /// Stations built and accepted so far, if known.
    pub stations_accepted: Option<u32>,
}

/// A phase of the timetable.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Phase {
    /// The phase id (`meeting`, `applications`, `building`, `acceptance`, `funds_and_plaques`).
    pub id: &'static str,
    /// The seed clause.
    pub clause: &'static str,
    /// The seed's words.
    pub zh: &'static str,
    /// Its first day.
    pub first: NaiveDate,
    /// Its last day.
    pub last: NaiveDate,
}

/// Result of `fitness_station.phase`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct PhaseOutcome {
    /// The phases `date` falls in (building and acceptance run together).
    pub phases: Vec<Phase>,
    /// The phases that start next after `date` (empty after the last).
    pub next: Vec<Phase>,
    /// Stations to be built and accepted.
    pub target_stations: u32,
    /// By when.
    pub target_date: NaiveDate,
    /// Stations still to go; null without `stations_accepted`.
    pub remaining: Option<u32>,
    /// Is the target met? Null without `stations_accepted`.
    pub target_met: Option<bool>,
    /// Reason codes.
    pub reasons: Vec<FitnessReason>,
}

fn phase_of(p: &FitnessPhase) -> Phase {
    Phase {
        id: p.id,
        clause: p.clause,
        zh: p.zh,
        first: p.first,
        last: p.last,
    }
}

/// Rule `fitness_station.phase` (§2 三): the phases of the year's timetable on `date` — meeting in March,
/// applications March–June, building and acceptance July–September (50 stations by the end of the third
/// quarter), funds and plaques in October.
pub fn phase(ed: &Edition, input: &PhaseInput, trace: &mut Trace) -> Result<PhaseOutcome> {
    // The date asked about is a reference date ("as of"): any day the edition answers for.
    ed.check_answer_date(input.date, "input.date")?;
    let fs = &ed.fitness_station;
    let d = input.date;
    let phases: Vec<Phase> = fs.phases.iter().filter(|x| x.first <= d && d <= x.last).map(phase_of).collect();
    let next_first = fs.phases.iter().filter(|x| x.first > d).map(|x| x.first).min();
    let next: Vec<Phase> = fs.phases.iter().filter(|x| Some(x.first) == next_first).map(phase_of).collect();
    let mut reasons = Vec::new();
    for x in &phases {
        trace.step_reads(x.clause, &[p::PHASES], || m::in_phase(d, x.id, x.zh, x.first, x.last));
    }
    if phases.is_empty() {
        reasons.push(FitnessReason::NoPhase);
        trace.step_reads("§2 三", &[p::PHASES], || m::no_phase(d));
    }
    let (remaining, target_met) = match input.stations_accepted {
        Some(n) => {
            let met = n >= fs.target_stations;
            let late = !met && d > fs.target_date;
            if late {
                reasons.push(FitnessReason::TargetMissed);
            }
            trace.step_reads("§2 三(四)", &[p::TARGET_STATIONS, p::TARGET_DATE], || {
                let (target, due) = (fs.target_stations, fs.target_date);
                if met {
                    m::target_met(n, target, due)
                } else if late {
                    m::target_missed(n, target, due)
                } else {
                    m::target_pending(n, target, due)
                }
            });
            (Some(fs.target_stations.saturating_sub(n)), Some(met))
        }
        None => (None, None),
    };
    Ok(PhaseOutcome {
        phases,
        next,
        target_stations: fs.target_stations,
        target_date: fs.target_date,
        remaining,
        target_met,
        reasons,
    })
}
