//! The trace of a decision: the clauses applied and the figures in between, so that a clerk can
//! explain the answer to a worker.

use alloc::string::String;
use alloc::vec::Vec;

/// One step of a decision: the seed clause it applies and what it found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TraceStep {
    /// The seed clause, e.g. `§5 一(五)3`.
    pub clause: &'static str,
    /// The figures, e.g. `E premium: 6 months covered (2023-07-01..2023-12-31) ≤ 6, so 36.00`.
    pub note: String,
}

/// The steps of a decision. A trace can be switched off ([`Trace::off`]) for batch work, where the
/// notes are then never formatted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    off: bool,
    steps: Vec<TraceStep>,
}

impl Trace {
    /// A trace that records.
    pub fn new() -> Self {
        Trace {
            off: false,
            steps: Vec::new(),
        }
    }

    /// A trace that records nothing (for batch work).
    pub fn off() -> Self {
        Trace {
            off: true,
            steps: Vec::new(),
        }
    }

    /// Records a step; `note` is only called when the trace records.
    pub fn step(&mut self, clause: &'static str, note: impl FnOnce() -> String) {
        if !self.off {
            self.steps.push(TraceStep { clause, note: note() });
        }
    }

    /// The steps so far.
    pub fn steps(&self) -> &[TraceStep] {
        &self.steps
    }

    /// The steps, taken out.
    pub fn into_steps(self) -> Vec<TraceStep> {
        self.steps
    }
}
