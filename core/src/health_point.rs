//! §1 新建 20 家园区（楼宇）健康服务点，升级优化 50 家现有服务点功能: workplace health points.
//!
//! * [`funding`] — the city union's one-off subsidy for new or upgraded points and the matching funds
//!   the district (区总工会 / 局(产业)工会) and street (街镇(园区、楼宇)工会) unions owe, 不低于1:1:1 (四(四)),
//!   and whether the points fit in the 20 new and 50 upgraded points the plan funds (一, 四(四)).

use alloc::vec::Vec;

use crate::error::{overflow, Error, Result};
use crate::money::{Money, Rounding};
use crate::msg::m::health_point as m;
use crate::params::{p::health_point as p, Edition, Param};
use crate::trace::Trace;

const CLAUSE: &str = "§1 四(四)";

crate::wire_enum! {
    "health_point.point_kind" =>
    /// What the points are.
    pub enum PointKind {
        /// 新建: a point created this year (1.5万元/服务点).
        New = "new",
        /// 升级优化: an existing point upgraded (1万元/服务点).
        Upgrade = "upgrade",
    }
}

crate::wire_enum! {
    "health_point.match_level" =>
    /// A level of union that matches the city subsidy.
    pub enum MatchLevel {
        /// 区总工会、各局（产业）工会.
        District = "district",
        /// 街镇（园区、楼宇）工会.
        Street = "street",
    }
}

/// Input of `health_point.funding`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct FundingInput {
    /// New or upgraded points.
    pub kind: PointKind,
    /// How many points (at least 1).
    pub points: u32,
    /// The district (or bureau/industry) union's match, in total over the points.
    pub district_match: Option<Money>,
    /// The street/town (park, building) union's match, in total over the points.
    pub street_match: Option<Money>,
    /// Points of this kind the city has already funded this year before this request, for a running total
    /// across requests and districts; absent: the request is taken alone (as if it were the first).
    #[wire(since = "0.2")]
    pub funded_before: Option<u32>,
}

crate::wire_enum! {
    "health_point.funding_reason" =>
    /// What a clerk should know about a funding request (stable codes, listed in `spec/reasons.md`).
    pub enum FundingReason {
        /// Some of the points lie beyond the 20 new or 50 upgraded points the plan funds this year (§1 一, 四(四)).
        PointsBeyondPlan = "points_beyond_plan",
    }
}

/// A match below its minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Shortfall {
    /// Which union.
    pub level: MatchLevel,
    /// How much is missing.
    pub amount: Money,
}

/// Result of `health_point.funding`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Funding {
    /// The city union's subsidy for the points.
    pub city_subsidy: Money,
    /// The district union's minimum match.
    pub min_district_match: Money,
    /// The street union's minimum match.
    pub min_street_match: Money,
    /// City subsidy plus both minimum matches.
    pub min_total: Money,
    /// Are the given matches enough? Null when no match is given; a match not given counts as none.
    pub compliant: Option<bool>,
    /// Each match below its minimum, district first.
    pub shortfalls: Vec<Shortfall>,
    /// The points of this kind the plan funds this year, city-wide (20 new, 50 upgraded).
    pub plan_points: u32,
    /// `funded_before` plus this request's points.
    pub running_total: u32,
    /// How many of this request's points lie beyond `plan_points` (0 when all fit). They are priced like the
    /// others in `city_subsidy`; the plan's budget does not cover them.
    pub over_plan: u32,
    /// `points_beyond_plan` when `over_plan` is not 0.
    pub reasons: Vec<FundingReason>,
}

/// Rule `health_point.funding`: the city subsidy (15,000 per new point, 10,000 per upgraded point),
/// the minimum district and street matches (不低于1:1:1), whether the given matches meet them, and whether
/// the points (with those funded before) fit in the 20 new or 50 upgraded points the plan funds.
pub fn funding(ed: &Edition, input: &FundingInput, trace: &mut Trace) -> Result<Funding> {
    let hp = &ed.health_point;
    if input.points == 0 {
        return Err(Error::invalid("input.points", m::points_at_least_one("input.points")));
    }
    let of = || overflow("input.points");
    let (per_point, per_point_param): (Money, &'static [Param]) = match input.kind {
        PointKind::New => (hp.new_point_subsidy, &[p::NEW_POINT_SUBSIDY]),
        PointKind::Upgrade => (hp.upgrade_point_subsidy, &[p::UPGRADE_POINT_SUBSIDY]),
    };
    let city = per_point.checked_mul_count(u64::from(input.points)).ok_or_else(of)?;
    trace.step_reads(CLAUSE, per_point_param, || {
        m::city_subsidy(input.points, input.kind, per_point, city)
    });

    // 一, 四(四): the plan funds 20 new and 50 upgraded points this year.
    let (plan_points, plan_param): (u32, &'static [Param]) = match input.kind {
        PointKind::New => (hp.plan_new_points, &[p::PLAN_NEW_POINTS]),
        PointKind::Upgrade => (hp.plan_upgrade_points, &[p::PLAN_UPGRADE_POINTS]),
    };
    let before = input.funded_before.unwrap_or(0);
    let running_total = before
        .checked_add(input.points)
        .ok_or_else(|| Error::invalid("input.funded_before", m::too_many_points("input.funded_before")))?;
    let over_plan = running_total.saturating_sub(plan_points).min(input.points);
    let mut reasons = Vec::new();
    if over_plan > 0 {
        reasons.push(FundingReason::PointsBeyondPlan);
    }
    trace.step_reads(CLAUSE, plan_param, || {
        let before = input.funded_before.map(m::funded_before);
        if over_plan > 0 {
            m::beyond_plan(plan_points, input.kind, before, running_total, over_plan)
        } else {
            m::within_plan(plan_points, input.kind, before, running_total)
        }
    });
    let min_district = city.checked_mul_ratio(hp.district_match_ratio, Rounding::HalfUp).ok_or_else(of)?;
    let min_street = city.checked_mul_ratio(hp.street_match_ratio, Rounding::HalfUp).ok_or_else(of)?;
    let min_total = city
        .checked_add(min_district)
        .and_then(|t| t.checked_add(min_street))
        .ok_or_else(of)?;
    trace.step_reads(CLAUSE, &[p::DISTRICT_MATCH_RATIO, p::STREET_MATCH_RATIO], || {
        m::minimum_matches(
            city,
            hp.district_match_ratio,
            hp.street_match_ratio,
            min_district,
            min_street,
            min_total,
        )
    });
    let mut shortfalls = Vec::new();
    let compliant = if input.district_match.is_none() && input.street_match.is_none() {
        trace.step(CLAUSE, m::no_match_given);
        None
    } else {
        let district_ratio: &'static [Param] = &[p::DISTRICT_MATCH_RATIO];
        let street_ratio: &'static [Param] = &[p::STREET_MATCH_RATIO];
        for (level, given, min, reads) in [
            (MatchLevel::District, input.district_match, min_district, district_ratio),
            (MatchLevel::Street, input.street_match, min_street, street_ratio),
        ] {
            let got = given.unwrap_or(Money::ZERO);
            if got < min {
                let amount = min.checked_sub(got).ok_or_else(of)?;
                trace.step_reads(CLAUSE, reads, || match given {
                    Some(g) => m::match_short(level, g, min, amount),
                    None => m::match_not_given(level, amount),
                });
                shortfalls.push(Shortfall { level, amount });
            } else {
                trace.step_reads(CLAUSE, reads, || m::match_met(level, got, min));
            }
        }
        Some(shortfalls.is_empty())
    };
    Ok(Funding {
        city_subsidy: city,
        min_district_match: min_district,
        min_street_match: min_street,
        min_total,
        compliant,
        shortfalls,
        plan_points,
        running_total,
        over_plan,
        reasons,
    })
}
