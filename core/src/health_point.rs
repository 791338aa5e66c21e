//! §1 新建 20 家园区（楼宇）健康服务点，升级优化 50 家现有服务点功能: workplace health points.
//!
//! * [`funding`] — the city union's one-off subsidy for new or upgraded points and the matching funds
//!   the district (区总工会 / 局(产业)工会) and street (街镇(园区、楼宇)工会) unions owe, 不低于1:1:1 (四(四)).

use alloc::format;
use alloc::vec::Vec;

use crate::error::{overflow, Error, Result};
use crate::money::{Money, Rounding};
use crate::params::Edition;
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
}

/// Rule `health_point.funding`: the city subsidy (15,000 per new point, 10,000 per upgraded point),
/// the minimum district and street matches (不低于1:1:1), and whether the given matches meet them.
pub fn funding(ed: &Edition, input: &FundingInput, trace: &mut Trace) -> Result<Funding> {
    let p = &ed.health_point;
    if input.points == 0 {
        return Err(Error::invalid("input.points", "input.points must be at least 1"));
    }
    let of = || overflow("input.points");
    let per_point = match input.kind {
        PointKind::New => p.new_point_subsidy,
        PointKind::Upgrade => p.upgrade_point_subsidy,
    };
    let city = per_point.checked_mul_count(u64::from(input.points)).ok_or_else(of)?;
    trace.step(CLAUSE, || {
        format!(
            "{} point(s) of kind {}: city subsidy {per_point} × {} = {city}",
            input.points, input.kind, input.points
        )
    });
    let min_district = city.checked_mul_ratio(p.district_match_ratio, Rounding::HalfUp).ok_or_else(of)?;
    let min_street = city.checked_mul_ratio(p.street_match_ratio, Rounding::HalfUp).ok_or_else(of)?;
    let min_total = city
        .checked_add(min_district)
        .and_then(|t| t.checked_add(min_street))
        .ok_or_else(of)?;
    trace.step(CLAUSE, || {
        format!(
            "不低于1:1:1: district match at least {city} × {} = {min_district}, street match at least {city} × {} = {min_street}; at least {min_total} in all",
            p.district_match_ratio, p.street_match_ratio
        )
    });
    let mut shortfalls = Vec::new();
    let compliant = if input.district_match.is_none() && input.street_match.is_none() {
        trace.step(CLAUSE, || "no match given: compliance not judged");
        None
    } else {
        for (level, given, min) in [
            (MatchLevel::District, input.district_match, min_district),
            (MatchLevel::Street, input.street_match, min_street),
        ] {
            let got = given.unwrap_or(Money::ZERO);
            if got < min {
                let amount = min.checked_sub(got).ok_or_else(of)?;
                trace.step(CLAUSE, || match given {
                    Some(g) => format!("{level} match {g} < {min}: short by {amount}"),
                    None => format!("{level} match not given (counts as none): short by {amount}"),
                });
                shortfalls.push(Shortfall { level, amount });
            } else {
                trace.step(CLAUSE, || format!("{level} match {got} ≥ {min}"));
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
    })
}

