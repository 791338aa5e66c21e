//! The trace of a decision: the clauses applied, the figures in between and the parameters of the plan
//! each step read, so that a clerk can explain the answer to a worker and an auditor can see which figure
//! of the plan produced each amount.
//!
//! A step is structured — a clause, a message of the catalogue with its arguments, the parameters read —
//! and rendered in a language only when it is shown.

use alloc::string::String;
use alloc::vec::Vec;

use crate::msg::{Msg, Render};
use crate::params::Param;

/// One step of a decision: the clause it applies, what it found, and the parameters it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceStep {
    /// The clause of the plan (or of another text it leans on), e.g. `§5 一(五)3`.
    pub clause: &'static str,
    /// What it found, e.g. `tier E: 6 months covered (2023-07-01..2023-12-31) ≤ 6 months, premium 36.00`.
    pub msg: Msg,
    /// The edition parameters the step read.
    pub reads: &'static [Param],
}

impl TraceStep {
    /// The note in a language.
    pub fn note(&self, r: Render<'_>) -> String {
        self.msg.render(r)
    }

    /// The clause as the language cites it.
    pub fn clause_text(&self, r: Render<'_>) -> String {
        crate::msg::clause(self.clause, r)
    }
}

/// The steps of a decision. A trace can be switched off ([`Trace::off`]) for batch work, where the
/// notes are then never built.
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

    /// Does it record?
    pub fn is_on(&self) -> bool {
        !self.off
    }

    /// Records a step; `note` is only called when the trace records.
    pub fn step<M: Into<Msg>>(&mut self, clause: &'static str, note: impl FnOnce() -> M) {
        if !self.off {
            self.steps.push(TraceStep {
                clause,
                msg: note().into(),
                reads: &[],
            });
        }
    }

    /// Records a step that read the parameters `reads`.
    pub fn step_reads<M: Into<Msg>>(&mut self, clause: &'static str, reads: &'static [Param], note: impl FnOnce() -> M) {
        if !self.off {
            self.steps.push(TraceStep {
                clause,
                msg: note().into(),
                reads,
            });
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

impl serde::Serialize for TraceStep {
    /// `{"clause", "note"}` in English (the wire contract renders other languages through the engine).
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let r = Render::EN;
        let mut st = s.serialize_struct("TraceStep", 2)?;
        st.serialize_field("clause", &self.clause_text(r))?;
        st.serialize_field("note", &self.note(r))?;
        st.end()
    }
}
