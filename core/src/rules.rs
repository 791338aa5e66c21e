//! The catalogue of rules the wire contract answers: id, summary, clause, and how to evaluate it.

use alloc::string::String;
use serde_json::Value;

use crate::error::Result;
use crate::trace::Trace;
use crate::wire::{run, Ctx};
use crate::{calendar, mutual_aid};

/// One rule of the contract.
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: &'static str,
    /// What it answers, in one line.
    pub summary: &'static str,
    /// The seed clause it implements.
    pub clause: &'static str,
    pub(crate) eval: fn(&Ctx<'_>, &Value, &mut Trace) -> Result<String>,
}

impl core::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("id", &self.id)
            .field("clause", &self.clause)
            .finish()
    }
}

/// Every rule, in the order of the plan.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "mutual_aid.enroll",
        summary: "may a gig worker join tier C/D/E on this date; cover start and end, months, fee",
        clause: "§5 一(一), 一(三)–(五), 二(四)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::enroll(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.change",
        summary: "fee and effective date of moving up a tier (C→D, C→E, D→E)",
        clause: "§5 一(六)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::change(ctx.edition, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.claim_deadline",
        summary: "last day to file a claim for each benefit, counted as the Civil Code says",
        clause: "§5 一(七)3",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::claim_deadline(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "mutual_aid.adjudicate",
        summary: "decide a sequence of claims under the per-benefit, accident and total caps",
        clause: "§5 一(二), 一(六), 一(七)",
        eval: |ctx, v, t| run(v, t, |i, t| mutual_aid::adjudicate(ctx.edition, ctx.calendar, i, t)),
    },
    RuleInfo {
        id: "calendar.add_working_days",
        summary: "the N-th working day after a date, on the PRC holiday calendar",
        clause: "…个工作日内 (§1 申报, §5 二(三), §7 三(三))",
        eval: |ctx, v, t| run(v, t, |i, t| calendar::add_working_days(ctx.calendar, i, t)),
    },
];
