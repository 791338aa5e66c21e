//! §3 一(二)–(四)3: the activities — 看上海 trips and 品上海 goods.

use alloc::vec::Vec;

use chrono::NaiveDate;

use rust_decimal::Decimal;

use crate::error::{overflow, Error, Result};
use crate::money::{Money, Rounding};
use crate::msg::m::love_shanghai as m;
use crate::msg::Arg;
use crate::params::p::love_shanghai as p;
use crate::params::Edition;
use crate::trace::Trace;

crate::wire_enum! {
    "love_shanghai.trip_kind" =>
    /// What a 看上海 trip is.
    pub enum TripKind {
        /// 2天1晚: two days, one night.
        TwoDay = "two_day",
        /// 1日游: a day trip.
        OneDay = "one_day",
    }
}

crate::wire_enum! {
    "love_shanghai.violation" =>
    /// Why a trip's spending is not within the rules (stable codes, listed in `spec/reasons.md`).
    pub enum Violation {
        /// The total cost is above the per-person cap times the participants (§3 一(四)1–2).
        OverPerPersonCap = "over_per_person_cap",
        /// Meals are above their share of the total cost (§3 一(四)1–2).
        MealShareExceeded = "meal_share_exceeded",
        /// The trip's date is outside the activity period (即日起至2023年12月31日, §3 一(二)).
        OutsideActivityPeriod = "outside_activity_period",
        /// Longer than 2 days or 1 night (一次不超过2天1晚, §3 一(三)1).
        OverDuration = "over_duration",
        /// The days and nights are not those of the trip's kind: a 1日游 of more than a day or with a night,
        /// or a 2天1晚 trip that is one day without a night (a 1日游) (§3 一(三)1, 一(四)1–2).
        DurationNotOfKind = "duration_not_of_kind",
        /// The base union already held its 看上海 activity this year (开展一次, §3 一(三)1).
        AlreadyHeldThisYear = "already_held_this_year",
    }
}

/// Input of `love_shanghai.trip_check`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct TripInput {
    /// Two-day or day trip.
    pub kind: TripKind,
    /// The members the trip is organised for (at least 1).
    pub participants: u32,
    /// The trip's total cost (总支出), meals included.
    pub total_cost: Money,
    /// The meals' cost (餐费), at most `total_cost`.
    pub meal_cost: Money,
    /// The trip's days, if known (at least 1).
    #[wire(since = "0.2")]
    pub days: Option<u32>,
    /// The trip's nights, if known (at most `days`).
    #[wire(since = "0.2")]
    pub nights: Option<u32>,
    /// The trip's (first) day, if known: a date of the plan, in the activity period (即日起至2023年12月31日).
    #[wire(since = "0.2")]
    pub date: Option<NaiveDate>,
    /// How many 看上海 activities the base union already held this year, before this one, if known
    /// (batches of one activity for different members are one activity, `spec/readings.md` LS7).
    #[wire(since = "0.2")]
    pub held_this_year: Option<u32>,
}

/// Result of `love_shanghai.trip_check`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct TripCheck {
    /// Within every rule?
    pub compliant: bool,
    /// What is broken.
    pub violations: Vec<Violation>,
    /// The cap per participant.
    pub per_person_cap: Money,
    /// The cap times the participants.
    pub max_total: Money,
    /// The meals' share of the given total cost, cut down to the fen.
    pub max_meal_cost: Money,
}

/// Rule `love_shanghai.trip_check`: is a 看上海 trip's spending within the per-person cap and the meals'
/// share of the total? Comparisons are exact; `max_meal_cost` is the share cut down to the fen. When given,
/// the trip's date, length and the activities already held this year are checked too (§3 一(二)–(三)1).
pub fn trip_check(ed: &Edition, input: &TripInput, trace: &mut Trace) -> Result<TripCheck> {
    let ps = &ed.love_shanghai;
    if input.participants == 0 {
        return Err(Error::invalid(
            "input.participants",
            m::participants_at_least_one("input.participants"),
        ));
    }
    if input.meal_cost > input.total_cost {
        return Err(Error::invalid(
            "input.meal_cost",
            m::meals_above_total("input.meal_cost", input.meal_cost, input.total_cost),
        ));
    }
    if input.days == Some(0) {
        return Err(Error::invalid("input.days", m::days_at_least_one("input.days")));
    }
    if let (Some(days), Some(nights)) = (input.days, input.nights) {
        if nights > days {
            return Err(Error::invalid(
                "input.nights",
                m::more_nights_than_days("input.nights", nights, days),
            ));
        }
    }
    if let Some(d) = input.date {
        ed.check_plan_date(d, "input.date")?;
    }
    let mut violations = Vec::new();
    eligibility(ed, input, trace, &mut violations);
    let (clause, cap, share, cap_p, share_p) = match input.kind {
        TripKind::TwoDay => (
            "§3 一(四)1",
            ps.two_day_per_person_cap,
            ps.two_day_meal_share_max,
            &[p::TWO_DAY_PER_PERSON_CAP],
            &[p::TWO_DAY_MEAL_SHARE_MAX],
        ),
        TripKind::OneDay => (
            "§3 一(四)2",
            ps.one_day_per_person_cap,
            ps.one_day_meal_share_max,
            &[p::ONE_DAY_PER_PERSON_CAP],
            &[p::ONE_DAY_MEAL_SHARE_MAX],
        ),
    };
    let max_total = cap
        .checked_mul_count(u64::from(input.participants))
        .ok_or_else(|| overflow("input.participants"))?;
    if input.total_cost > max_total {
        trace.step_reads(clause, cap_p, || {
            m::trip_over_cap(input.kind, input.total_cost, cap, input.participants, max_total)
        });
        violations.push(Violation::OverPerPersonCap);
    } else {
        trace.step_reads(clause, cap_p, || {
            m::trip_within_cap(input.kind, input.total_cost, cap, input.participants, max_total)
        });
    }
    let exact_share: Decimal = input
        .total_cost
        .to_decimal()
        .checked_mul(share)
        .ok_or_else(|| overflow("input.total_cost"))?;
    let max_meal_cost = input
        .total_cost
        .checked_mul_ratio(share, Rounding::Down)
        .ok_or_else(|| overflow("input.total_cost"))?;
    if input.meal_cost.to_decimal() > exact_share {
        trace.step_reads(clause, share_p, || {
            m::meals_over_share(
                input.meal_cost,
                share,
                percent(share),
                input.total_cost,
                show(exact_share),
                max_meal_cost,
            )
        });
        violations.push(Violation::MealShareExceeded);
    } else {
        trace.step_reads(clause, share_p, || {
            m::meals_within_share(input.meal_cost, share, percent(share), input.total_cost, show(exact_share))
        });
    }
    Ok(TripCheck {
        compliant: violations.is_empty(),
        violations,
        per_person_cap: cap,
        max_total,
        max_meal_cost,
    })
}

/// The checks of §3 一(二)–(三)1 on the optional inputs: the date in the activity period (即日起至2023年12月31日), the
/// length (一次不超过2天1晚; a 1日游 is one day without a night) and one activity a year (开展一次). Nothing is
/// checked or traced for an input not given.
fn eligibility(ed: &Edition, input: &TripInput, trace: &mut Trace, violations: &mut Vec<Violation>) {
    let ps = &ed.love_shanghai;
    if let Some(d) = input.date {
        let r = ps.activity_period;
        let within = r.contains(d);
        trace.step_reads("§3 一(二)", &[p::ACTIVITY_PERIOD], || {
            if within {
                m::date_within_period(d, r.first, r.last)
            } else {
                m::date_outside_period(d, r.first, r.last)
            }
        });
        if !within {
            violations.push(Violation::OutsideActivityPeriod);
        }
    }
    if input.days.is_some() || input.nights.is_some() {
        const LENGTH: &[crate::params::Param] = &[
            p::ACTIVITY_MAX_DAYS,
            p::ACTIVITY_MAX_NIGHTS,
            p::ONE_DAY_MAX_DAYS,
            p::ONE_DAY_MAX_NIGHTS,
        ];
        let (max_d, max_n) = (ps.activity_max_days, ps.activity_max_nights);
        let over = input.days.is_some_and(|d| d > max_d) || input.nights.is_some_and(|n| n > max_n);
        // A day trip's length: one day, no night.
        let longer_than_a_day =
            input.days.is_some_and(|d| d > ps.one_day_max_days) || input.nights.is_some_and(|n| n > ps.one_day_max_nights);
        let not_of_kind = match input.kind {
            TripKind::OneDay => longer_than_a_day,
            // A 2天1晚 trip known to have no night and to last no longer than a day is a 1日游.
            TripKind::TwoDay => input.nights.is_some_and(|n| n <= ps.one_day_max_nights) && !longer_than_a_day,
        };
        let length = || match (input.days, input.nights) {
            (Some(d), Some(0)) => m::length_days_no_night(d),
            (Some(d), Some(n)) => m::length_days_nights(d, n),
            (Some(d), None) => m::length_days(d),
            (None, Some(n)) => m::length_nights(n),
            (None, None) => m::length_days_nights(0u32, 0u32),
        };
        trace.step_reads("§3 一(三)1", LENGTH, || {
            if over {
                m::length_over(length(), max_d, max_n)
            } else {
                m::length_within(length(), max_d, max_n)
            }
        });
        if over {
            violations.push(Violation::OverDuration);
        }
        if not_of_kind {
            trace.step_reads("§3 一(三)1, 一(四)1–2", LENGTH, || match input.kind {
                TripKind::OneDay => m::day_trip_too_long(input.kind, length(), ps.one_day_max_days, TripKind::TwoDay),
                TripKind::TwoDay => m::two_day_without_night(input.kind, length(), TripKind::OneDay),
            });
            violations.push(Violation::DurationNotOfKind);
        }
    }
    if let Some(held) = input.held_this_year {
        let max = ps.activities_per_year;
        trace.step_reads("§3 一(三)1", &[p::ACTIVITIES_PER_YEAR], || {
            if held >= max {
                m::already_held(held, max)
            } else if held == 0 {
                m::none_held_yet(held, max)
            } else {
                m::not_yet_held(held, max)
            }
        });
        if held >= max {
            violations.push(Violation::AlreadyHeldThisYear);
        }
    }
}

/// An exact amount for a trace: as money when it is whole fen, else every decimal it has.
fn show(d: Decimal) -> Arg {
    match Money::from_decimal(d) {
        Some(m) => Arg::Money(m),
        None => Arg::from(m::exact_amount(d.normalize())),
    }
}

/// A share as a percentage (0.40 → 40), for the Chinese text (餐费不得超过总支出的40%).
fn percent(share: Decimal) -> Decimal {
    share.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(share).normalize()
}

/// Input of `love_shanghai.goods_check`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct GoodsInput {
    /// What was spent per person on 品上海 goods earlier this year.
    pub spent_per_person: Money,
    /// This instalment, per person.
    pub amount_per_person: Money,
}

/// Result of `love_shanghai.goods_check`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct GoodsCheck {
    /// Does the year's spending, this instalment included, stay within the cap?
    pub compliant: bool,
    /// The cap per person per year.
    pub cap: Money,
    /// What was left of the cap before this instalment (never below zero).
    pub remaining_before: Money,
    /// How far the year's spending, this instalment included, goes above the cap (zero when within).
    pub excess: Money,
}

/// Rule `love_shanghai.goods_check`: does a 品上海 instalment keep the year's spending per person within
/// the cap (500/person/year, 可分段使用)?
pub fn goods_check(ed: &Edition, input: &GoodsInput, trace: &mut Trace) -> Result<GoodsCheck> {
    let cap = ed.love_shanghai.goods_annual_cap;
    let year = input
        .spent_per_person
        .checked_add(input.amount_per_person)
        .ok_or_else(|| overflow("input.amount_per_person"))?;
    let remaining_before = cap.saturating_sub(input.spent_per_person);
    let excess = year.saturating_sub(cap);
    let compliant = excess.is_zero();
    trace.step_reads("§3 一(四)3", &[p::GOODS_ANNUAL_CAP], || {
        let (spent, amount) = (input.spent_per_person, input.amount_per_person);
        if compliant {
            m::goods_within_cap(spent, remaining_before, cap, amount, year)
        } else {
            m::goods_over_cap(spent, remaining_before, cap, amount, year, excess)
        }
    });
    Ok(GoodsCheck {
        compliant,
        cap,
        remaining_before,
        excess,
    })
}
