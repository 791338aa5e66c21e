//! §3 一(四)4–7: paying for the theme activities and keeping their accounts.
//!
//! * [`surplus_use`] — a base union short of the year's funds draws on its accumulated surplus (历年结余)
//!   outside the usual 10% limit, in its budget; special subsidies are spent on the purpose only and used
//!   up by 12-31 (一(四)4–5).
//! * [`ledger_account`] — the account (会计科目) an item is recorded in (一(四)6–7).

use alloc::vec::Vec;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{overflow, Error, Result};
use crate::money::{Money, Rounding};
use crate::msg::m::love_shanghai as m;
use crate::params::p::love_shanghai as p;
use crate::params::{Edition, Param};
use crate::trace::Trace;

crate::wire_enum! {
    "love_shanghai.surplus_reason" =>
    /// Why the funding of the theme activities is not within the rules (stable codes, listed in
    /// `spec/reasons.md`).
    pub enum SurplusReason {
        /// The year's drawing is more than the accumulated surplus (§3 一(四)4).
        DrawAboveSurplus = "draw_above_surplus",
        /// What counts against the usual limit (drawing for other purposes, and for the theme activities
        /// beyond the shortfall) is above 10% of the surplus (原则上, §3 一(四)4).
        OverUsualSurplusLimit = "over_usual_surplus_limit",
        /// The drawing for the theme activities is not in the budget (纳入预算管理, §3 一(四)4).
        NotInBudget = "not_in_budget",
        /// Part of the special subsidies was spent on something else (专款专用, §3 一(四)5).
        SubsidyUsedElsewhere = "subsidy_used_elsewhere",
        /// The special subsidies were not used up by 12-31 (当年12月31日前使用完毕, §3 一(四)5).
        SubsidyNotUsedByDeadline = "subsidy_not_used_by_deadline",
    }
}

/// Input of `love_shanghai.surplus_use`: a base union's figures for the year's theme activities.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct SurplusUseInput {
    /// The year's cost of the theme activities (看上海, 品上海) the base union pays for.
    pub activity_cost: Money,
    /// What the year's own funds (当年度经费) pay towards it.
    pub year_funds: Money,
    /// The accumulated surplus (历年结余) at the start of the year.
    pub surplus: Money,
    /// What the union draws from the surplus for the theme activities.
    pub surplus_drawn: Money,
    /// What it draws from the surplus this year for anything else (zero when absent).
    pub other_surplus_drawn: Option<Money>,
    /// Is the drawing in the union's budget (纳入预算管理)? Not judged when absent.
    pub in_budget: Option<bool>,
    /// The special subsidies received for the theme activities: the upper-level union's 专项补助 and
    /// administrative 定向补贴 (none when absent).
    pub subsidy_received: Option<Money>,
    /// Of them, what was spent on the theme activities (zero when absent; needs `subsidy_received`).
    pub subsidy_spent: Option<Money>,
    /// Of them, what was spent on anything else (zero when absent; needs `subsidy_received`).
    pub subsidy_spent_elsewhere: Option<Money>,
    /// The day the figures are as of (at its end), if known; needs `subsidy_received`.
    pub as_of: Option<NaiveDate>,
}

/// Result of `love_shanghai.surplus_use`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct SurplusUse {
    /// Within every rule?
    pub compliant: bool,
    /// What is not.
    pub reasons: Vec<SurplusReason>,
    /// What the year's funds and the special subsidies leave unpaid of the activities' cost (当年度经费不足;
    /// never below zero).
    pub shortfall: Money,
    /// The most the union may draw from the surplus for the theme activities outside the usual limit: the
    /// shortfall, within the surplus.
    pub exempt_max: Money,
    /// The usual limit on a year's drawing: 10% of the surplus, cut down to the fen.
    pub usual_limit: Money,
    /// What counts against the usual limit: the drawing for other purposes and the drawing for the theme
    /// activities beyond the shortfall.
    pub counted_against_limit: Money,
    /// What is left of the special subsidies (null without `subsidy_received`).
    pub subsidy_unspent: Option<Money>,
    /// The last day to use them (null without `subsidy_received`).
    pub subsidy_use_by: Option<NaiveDate>,
}

/// `a + b` or an overflow error at `path`.
fn add(a: Money, b: Money, path: &str) -> Result<Money> {
    a.checked_add(b).ok_or_else(|| overflow(path))
}

/// Rule `love_shanghai.surplus_use` (§3 一(四)4–5): may a base union draw on its surplus for the theme
/// activities, and are its special subsidies used as the plan says? Comparisons are exact;
/// `usual_limit` is the 10% cut down to the fen.
pub fn surplus_use(ed: &Edition, input: &SurplusUseInput, trace: &mut Trace) -> Result<SurplusUse> {
    let ps = &ed.love_shanghai;
    // Validation: the subsidy's figures need the subsidy, and cannot spend more than it.
    if input.subsidy_received.is_none() {
        for (path, given) in [
            ("input.subsidy_spent", input.subsidy_spent.is_some()),
            ("input.subsidy_spent_elsewhere", input.subsidy_spent_elsewhere.is_some()),
            ("input.as_of", input.as_of.is_some()),
        ] {
            if given {
                return Err(Error::invalid(
                    "input.subsidy_received",
                    m::needs_subsidy_received("input.subsidy_received", path),
                ));
            }
        }
    }
    if let Some(d) = input.as_of {
        ed.check_answer_date(d, "input.as_of")?;
    }
    let received = input.subsidy_received.unwrap_or(Money::ZERO);
    let spent = input.subsidy_spent.unwrap_or(Money::ZERO);
    let elsewhere = input.subsidy_spent_elsewhere.unwrap_or(Money::ZERO);
    let spent_all = add(spent, elsewhere, "input.subsidy_spent_elsewhere")?;
    if spent_all > received {
        let path = if input.subsidy_spent_elsewhere.is_some() {
            "input.subsidy_spent_elsewhere"
        } else {
            "input.subsidy_spent"
        };
        return Err(Error::invalid(path, m::subsidy_overspent(path, spent, elsewhere, received)));
    }
    let other = input.other_surplus_drawn.unwrap_or(Money::ZERO);
    let mut reasons = Vec::new();

    // 当年度经费不足的: what the year's funds and the subsidies leave unpaid.
    let covered = add(input.year_funds, received, "input.subsidy_received")?;
    let shortfall = input.activity_cost.saturating_sub(covered);
    trace.step("§3 一(四)4", || {
        if shortfall.is_zero() {
            m::no_shortfall(input.activity_cost, input.year_funds, received)
        } else {
            m::shortfall(input.activity_cost, input.year_funds, received, shortfall)
        }
    });

    // 可动用历年结余，不受…10%限制: the drawing up to the shortfall is free of the usual limit.
    let exempt_max = shortfall.min(input.surplus);
    let exempt = input.surplus_drawn.min(shortfall);
    let beyond = input.surplus_drawn.saturating_sub(shortfall);
    let drawn_all = add(input.surplus_drawn, other, "input.other_surplus_drawn")?;
    if drawn_all > input.surplus {
        trace.step("§3 一(四)4", || {
            m::draw_above_surplus(input.surplus_drawn, other, drawn_all, input.surplus)
        });
        reasons.push(SurplusReason::DrawAboveSurplus);
    }
    const LIMIT: &[Param] = &[p::SURPLUS_USUAL_DRAW_SHARE_MAX];
    let share = ps.surplus_usual_draw_share_max;
    let percent = share.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(share).normalize();
    if !input.surplus_drawn.is_zero() {
        trace.step_reads("§3 一(四)4", LIMIT, || {
            let (drawn, surplus) = (input.surplus_drawn, input.surplus);
            if beyond.is_zero() {
                m::drawn_all_exempt(drawn, surplus, percent)
            } else if exempt.is_zero() {
                m::drawn_none_exempt(drawn, surplus, percent)
            } else {
                m::drawn_part_exempt(drawn, surplus, exempt, beyond, percent)
            }
        });
    }

    // 年度动用历年结余原则上不超过10%: the rest of the year's drawing.
    let counted = add(other, beyond, "input.surplus_drawn")?;
    let exact_limit = input
        .surplus
        .to_decimal()
        .checked_mul(share)
        .ok_or_else(|| overflow("input.surplus"))?;
    let usual_limit = input
        .surplus
        .checked_mul_ratio(share, Rounding::Down)
        .ok_or_else(|| overflow("input.surplus"))?;
    if counted.to_decimal() > exact_limit {
        trace.step_reads("§3 一(四)4", LIMIT, || {
            m::over_usual_limit(counted, other, beyond, share, percent, input.surplus, usual_limit)
        });
        reasons.push(SurplusReason::OverUsualSurplusLimit);
    } else if !counted.is_zero() {
        trace.step_reads("§3 一(四)4", LIMIT, || {
            m::within_usual_limit(counted, other, beyond, share, percent, input.surplus, usual_limit)
        });
    }

    // 并纳入预算管理.
    if !input.surplus_drawn.is_zero() {
        match input.in_budget {
            Some(true) => trace.step("§3 一(四)4", || m::in_budget(input.surplus_drawn)),
            Some(false) => {
                trace.step("§3 一(四)4", || m::not_in_budget(input.surplus_drawn));
                reasons.push(SurplusReason::NotInBudget);
            }
            None => trace.step("§3 一(四)4", || m::budget_reminder(input.surplus_drawn)),
        }
    }

    // 须专款专用，并在当年12月31日前使用完毕.
    let (subsidy_unspent, subsidy_use_by) = match input.subsidy_received {
        None => (None, None),
        Some(received) => {
            let unspent = received.saturating_sub(spent_all);
            let by = ps.subsidy_use_by;
            trace.step_reads("§3 一(四)5", &[p::SUBSIDY_USE_BY], || {
                m::subsidy(received, spent, elsewhere, unspent, by)
            });
            if !elsewhere.is_zero() {
                trace.step("§3 一(四)5", || m::subsidy_elsewhere(elsewhere));
                reasons.push(SurplusReason::SubsidyUsedElsewhere);
            }
            if let Some(d) = input.as_of {
                if d >= by && !unspent.is_zero() {
                    trace.step_reads("§3 一(四)5", &[p::SUBSIDY_USE_BY], || {
                        m::subsidy_not_used_by_deadline(d, unspent, by)
                    });
                    reasons.push(SurplusReason::SubsidyNotUsedByDeadline);
                } else if !unspent.is_zero() {
                    trace.step_reads("§3 一(四)5", &[p::SUBSIDY_USE_BY], || m::subsidy_still_to_use(d, unspent, by));
                }
            }
            (Some(unspent), Some(by))
        }
    };
    Ok(SurplusUse {
        compliant: reasons.is_empty(),
        reasons,
        shortfall,
        exempt_max,
        usual_limit,
        counted_against_limit: counted,
        subsidy_unspent,
        subsidy_use_by,
    })
}

crate::wire_enum! {
    "love_shanghai.recorder" =>
    /// Who records the item.
    pub enum Recorder {
        /// 基层工会: the base union that holds the activities.
        BaseUnion = "base_union",
        /// 上级工会: the upper-level union that subsidises it.
        UpperUnion = "upper_union",
    }
}

crate::wire_enum! {
    "love_shanghai.ledger_item" =>
    /// What the item is.
    pub enum LedgerItem {
        /// Spending on the theme activities (支出).
        Spending = "spending",
        /// A special subsidy (专项补助) passing from the upper-level union to the base union.
        Subsidy = "subsidy",
    }
}

crate::wire_enum! {
    "love_shanghai.funds" =>
    /// Whose money pays for a spending.
    pub enum Funds {
        /// 自有工会经费: the base union's own funds.
        OwnFunds = "own_funds",
        /// 上级工会补助: the upper-level union's subsidy.
        UpperSubsidy = "upper_subsidy",
    }
}

crate::wire_enum! {
    "love_shanghai.side" =>
    /// Which side of a subsidy the recorder is on.
    pub enum Side {
        /// 对下专项补助: paying it down.
        PayingDown = "paying_down",
        /// 收到专项补助: receiving it.
        Receiving = "receiving",
    }
}

crate::wire_enum! {
    "love_shanghai.ledger_reason" =>
    /// Why no account is given (stable codes, listed in `spec/reasons.md`).
    pub enum LedgerReason {
        /// The plan names no account for this item as this recorder keeps it (§3 一(四)6–7).
        NotNamedByPlan = "not_named_by_plan",
    }
}

/// Input of `love_shanghai.ledger_account`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct LedgerInput {
    /// Who records it.
    pub recorder: Recorder,
    /// What it is.
    pub item: LedgerItem,
    /// Whose money pays (`spending` only).
    pub funds: Option<Funds>,
    /// Which side of the subsidy (`subsidy` only).
    pub side: Option<Side>,
}

/// Result of `love_shanghai.ledger_account`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct LedgerAccount {
    /// Does the plan name an account for the item?
    pub named: bool,
    /// Why not.
    pub reasons: Vec<LedgerReason>,
    /// The account, in the plan's words (null when not named).
    pub account: Option<&'static str>,
    /// The project it is kept under in the detailed accounts (项目明细核算), when the plan says so.
    pub project_detail: Option<&'static str>,
}

/// `invalid_input` unless `path` is given exactly when `item` uses it.
fn applies(path: &'static str, given: bool, wanted: bool, item: LedgerItem) -> Result<()> {
    match (given, wanted) {
        (false, true) => Err(Error::invalid(path, m::required_for_item(path, item))),
        (true, false) => Err(Error::invalid(path, m::does_not_apply_to_item(path, item))),
        _ => Ok(()),
    }
}

/// Rule `love_shanghai.ledger_account` (§3 一(四)6–7): the account an item of the theme activities is
/// recorded in, by who records it, whose money pays and which side of a subsidy it is.
pub fn ledger_account(ed: &Edition, input: &LedgerInput, trace: &mut Trace) -> Result<LedgerAccount> {
    let ps = &ed.love_shanghai;
    let spending = input.item == LedgerItem::Spending;
    applies("input.funds", input.funds.is_some(), spending, input.item)?;
    applies("input.side", input.side.is_some(), !spending, input.item)?;
    // (clause, parameters read, account, kept under the project in the detailed accounts?)
    let found: Option<(&'static str, &'static [Param], &'static str, bool)> = match (input.recorder, input.item, input.funds, input.side) {
        (Recorder::BaseUnion, LedgerItem::Spending, Some(Funds::OwnFunds), _) => {
            Some(("§3 一(四)6", &[p::ACCOUNT_OWN_FUNDS_SPENDING], ps.account_own_funds_spending, false))
        }
        (Recorder::BaseUnion, LedgerItem::Spending, Some(Funds::UpperSubsidy), _) => Some((
            "§3 一(四)6",
            &[p::ACCOUNT_SUBSIDY_SPENDING, p::PROJECT_DETAIL],
            ps.account_subsidy_spending,
            true,
        )),
        (Recorder::UpperUnion, LedgerItem::Subsidy, _, Some(Side::PayingDown)) => {
            Some(("§3 一(四)7", &[p::ACCOUNT_SUBSIDY_PAID_DOWN], ps.account_subsidy_paid_down, false))
        }
        (Recorder::BaseUnion, LedgerItem::Subsidy, _, Some(Side::Receiving)) => Some((
            "§3 一(四)7",
            &[p::ACCOUNT_SUBSIDY_RECEIVED, p::PROJECT_DETAIL],
            ps.account_subsidy_received,
            true,
        )),
        _ => None,
    };
    let what = || match (input.funds, input.side) {
        (Some(f), _) => m::item_spending(input.recorder, f),
        (_, Some(s)) => m::item_subsidy(input.recorder, s),
        (None, None) => m::item_spending(input.recorder, Funds::OwnFunds),
    };
    match found {
        Some((clause, reads, account, detail)) => {
            let project_detail = detail.then_some(ps.project_detail);
            trace.step_reads(clause, reads, || match project_detail {
                Some(project) => m::account_with_detail(what(), account, project),
                None => m::account(what(), account),
            });
            Ok(LedgerAccount {
                named: true,
                reasons: Vec::new(),
                account: Some(account),
                project_detail,
            })
        }
        None => {
            trace.step("§3 一(四)6–7", || m::account_not_named(what()));
            Ok(LedgerAccount {
                named: false,
                reasons: alloc::vec![LedgerReason::NotNamedByPlan],
                account: None,
                project_detail: None,
            })
        }
    }
}
