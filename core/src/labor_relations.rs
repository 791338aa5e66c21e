//! §6 对万家企业实施和谐劳动关系建设优化指导服务: the harmonious-labour-relations guidance service.
//!
//! * [`score`] — an enterprise's score and grade on the rubric of the annex (附件 2-6-1, 评价标准一览表).
//! * [`guidance_subsidy`] — the city union's subsidy for on-site guidance (四 经费保障).
//! * [`reporting`] — a district union's target (不低于上一年度指标数) and its reporting dates
//!   (3月、6月、9月、11月底), 五(一)–(二).
//!
//! Every rubric item, its value and its Chinese title is the edition's table `labor_relations.items`
//! (`spec/editions/2023/labor_relations.toml`), in printed order.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::limits::Limit;
use crate::read::{Kind, Path, ReadCx, Source, Wire};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::error::{overflow, Error, Result};
use crate::money::Money;
use crate::msg::{m::labor_relations as m, Arg, Msg};
use crate::params::{p::labor_relations as p, Edition, RubricItem};
use crate::trace::Trace;

const GRADES: &str = "§6 附件 评价标准 总体评价";

crate::wire_enum! {
    "labor_relations.grade" =>
    /// The overall grade (总体评价).
    pub enum Grade {
        /// 示范: 120 points or more.
        Exemplary = "exemplary",
        /// 达标: 90 or more.
        Compliant = "compliant",
        /// 基本达标: 70 or more.
        BasicallyCompliant = "basically_compliant",
        /// 未达标: below 70.
        NonCompliant = "non_compliant",
    }
}

/// Input of `labor_relations.score`: the points of each item scored; an item left out scores 0.
#[derive(Debug, Clone, PartialEq, Eq, Default, crate::Wire)]
pub struct ScoreInput {
    /// Item id (`1-1-1` … `5-3-4`; group 4-1 numbered 4-1-1 … 4-1-12 in printed order) → points.
    #[wire(with = read_items)]
    pub items: BTreeMap<String, i32>,
}

/// Result of `labor_relations.score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Score {
    /// 合规类指标 (1-x-x), at most 50.
    pub compliance: u32,
    /// 建制类指标 (2-x-x), at most 50.
    pub institution: u32,
    /// 发展类指标 (3-x-x), at most 30.
    pub development: u32,
    /// 加分类指标 (4-x-x) before the cap.
    pub bonus_uncapped: u32,
    /// The bonus, capped at 20 (封顶 20 分).
    pub bonus: u32,
    /// 减分类指标 (5-x-x): zero or less.
    pub deductions: i32,
    /// compliance + institution + development + bonus + deductions.
    pub total: i32,
    /// The grade of the total.
    pub grade: Grade,
}

fn item_path(id: &str) -> String {
    format!("input.items.{id}")
}

/// What `item` allows, for the message of a refused value: 0 and its steps (negative for a deduction),
/// "0, 2, 4 or 6".
fn allowed_values(item: &RubricItem, negative: bool) -> Msg {
    let mut values: Vec<Arg> = alloc::vec![Arg::from(0i64)];
    values.extend(item.steps.iter().map(|s| {
        let v = i64::from(*s);
        Arg::from(if negative { -v } else { v })
    }));
    match values.split_last() {
        Some((last, rest)) if !rest.is_empty() => m::allowed_list(rest.to_vec(), last.clone()),
        _ => m::allowed_one(0i64),
    }
}

/// Are `points` allowed for `item`? `Err` with the message naming what is allowed.
fn check_points(item: &RubricItem, points: i32) -> Result<()> {
    let path = item_path(item.id);
    let ok = match item.scoring {
        "range" => u32::try_from(points).is_ok_and(|p| p <= item.value),
        "choice" => points == 0 || u32::try_from(points).is_ok_and(|p| item.steps.contains(&p)),
        "deduct" => points == 0 || (points < 0 && item.steps.contains(&points.unsigned_abs())),
        other => return Err(Error::invalid(path, m::unknown_scoring(item.id, Arg::quoted(other)))),
    };
    if ok {
        return Ok(());
    }
    let allowed = match item.scoring {
        "range" => m::allowed_range(item.value),
        "choice" => allowed_values(item, false),
        _ => allowed_values(item, true),
    };
    Err(Error::invalid(path.clone(), m::bad_points(path, allowed, item.id, item.zh, points)))
}

/// Rule `labor_relations.score`: the enterprise's points per category, the capped bonus, the
/// deductions, the total and the grade (示范 ≥ 120, 达标 ≥ 90, 基本达标 ≥ 70, else 未达标).
pub fn score(ed: &Edition, input: &ScoreInput, trace: &mut Trace) -> Result<Score> {
    let p = &ed.labor_relations;
    // Validate every given item first: an unknown id or points the item does not allow.
    for (id, &points) in &input.items {
        let item = p
            .items
            .iter()
            .find(|i| i.id == id.as_str())
            .ok_or_else(|| Error::invalid(item_path(id), m::not_an_item(item_path(id))))?;
        check_points(item, points)?;
    }
    // Sum per category, in printed order.
    let mut sums = [0i64; 5];
    let mut scored: [Vec<(&'static str, &'static str, i32)>; 5] = Default::default();
    for item in p.items {
        let pts = input.items.get(item.id).copied().unwrap_or(0);
        let slot = usize::try_from(item.category)
            .ok()
            .and_then(|c| c.checked_sub(1))
            .filter(|c| *c < sums.len())
            .ok_or_else(|| Error::invalid(item_path(item.id), m::no_category(item.id)))?;
        if let (Some(sum), Some(list)) = (sums.get_mut(slot), scored.get_mut(slot)) {
            *sum = sum.saturating_add(i64::from(pts));
            if pts != 0 {
                list.push((item.id, item.zh, pts));
            }
        }
    }
    let [c1, c2, c3, c4, c5] = sums;
    let [l1, l2, l3, l4, l5] = &scored;
    let of = || overflow("input.items");
    let capped = |sum: i64, cap: u32| -> Result<u32> { u32::try_from(sum.min(i64::from(cap))).map_err(|_| of()) };
    let compliance = capped(c1, p.compliance_cap)?;
    let institution = capped(c2, p.institution_cap)?;
    let development = capped(c3, p.development_cap)?;
    let bonus_uncapped = u32::try_from(c4).map_err(|_| of())?;
    let bonus = capped(c4, p.bonus_cap)?;
    let deductions = i32::try_from(c5).map_err(|_| of())?;
    let show = |l: &[(&'static str, &'static str, i32)]| -> Msg {
        if l.is_empty() {
            m::none_scored()
        } else {
            m::scored_items(
                l.iter()
                    .map(|(id, title, pts)| m::item_points(*id, *title, *pts))
                    .collect::<Vec<_>>(),
            )
        }
    };
    trace.step_reads("§6 附件 评价标准 1 合规类指标", &[p::COMPLIANCE_CAP, p::ITEMS], || {
        m::compliance(compliance, p.compliance_cap, show(l1))
    });
    trace.step_reads("§6 附件 评价标准 2 建制类指标", &[p::INSTITUTION_CAP, p::ITEMS], || {
        m::institution(institution, p.institution_cap, show(l2))
    });
    trace.step_reads("§6 附件 评价标准 3 发展类指标", &[p::DEVELOPMENT_CAP, p::ITEMS], || {
        m::development(development, p.development_cap, show(l3))
    });
    trace.step_reads("§6 附件 评价标准 4 加分类指标", &[p::BONUS_CAP, p::ITEMS], || {
        let cap = if bonus_uncapped > p.bonus_cap {
            m::bonus_capped(p.bonus_cap)
        } else {
            m::bonus_within_cap(p.bonus_cap)
        };
        m::bonus(bonus_uncapped, cap, show(l4))
    });
    trace.step_reads("§6 附件 评价标准 5 减分类指标", &[p::ITEMS], || {
        m::deductions(deductions, show(l5))
    });
    let total64 = i64::from(compliance) + i64::from(institution) + i64::from(development) + i64::from(bonus) + i64::from(deductions);
    let total = i32::try_from(total64).map_err(|_| of())?;
    let grade = if total64 >= i64::from(p.exemplary_min) {
        Grade::Exemplary
    } else if total64 >= i64::from(p.compliant_min) {
        Grade::Compliant
    } else if total64 >= i64::from(p.basically_compliant_min) {
        Grade::BasicallyCompliant
    } else {
        Grade::NonCompliant
    };
    trace.step_reads(GRADES, &[p::EXEMPLARY_MIN, p::COMPLIANT_MIN, p::BASICALLY_COMPLIANT_MIN], || {
        m::grade(
            compliance,
            institution,
            development,
            bonus,
            deductions,
            total,
            grade,
            p.exemplary_min,
            p.compliant_min,
            p.basically_compliant_min,
        )
    });
    Ok(Score {
        compliance,
        institution,
        development,
        bonus_uncapped,
        bonus,
        deductions,
        total,
        grade,
    })
}

/// Reads `items`: an object of item ids and points. A null item scores nothing, like an omitted one, but
/// its id is still checked.
fn read_items<S: Source>(v: Option<S>, path: &Path<'_>, cx: &ReadCx<'_>) -> Result<BTreeMap<String, i32>> {
    let Some(v) = v else {
        return Err(Error::invalid(path.to_string(), m::items_required(path)));
    };
    if v.kind() != Kind::Object {
        return Err(Error::invalid(path.to_string(), m::items_not_object(path)));
    }
    let mut keys = v.keys();
    cx.check(Limit::Items, keys.len(), path)?;
    // In sorted order, so that of several bad entries the same one is named whatever the order the host
    // keeps keys in (a JSON object's are sorted; a Python dict's are in insertion order).
    keys.sort_unstable();
    let mut items = BTreeMap::new();
    for k in keys {
        let points = match v.get(&k).filter(|x| x.kind() != Kind::Null) {
            None => 0,
            Some(x) => i32::read(&x, &path.key(&k), cx, None)?,
        };
        items.insert(k.into_owned(), points);
    }
    Ok(items)
}

/// Input of `labor_relations.guidance_subsidy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct GuidanceInput {
    /// Person-days of on-site guidance (入户指导服务).
    pub person_days: u32,
}

/// Result of `labor_relations.guidance_subsidy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct GuidanceSubsidy {
    /// The city union's subsidy.
    pub subsidy: Money,
}

/// Rule `labor_relations.guidance_subsidy`: the city union pays 150 per on-site person-day (四 经费保障).
pub fn guidance_subsidy(ed: &Edition, input: &GuidanceInput, trace: &mut Trace) -> Result<GuidanceSubsidy> {
    let per = ed.labor_relations.guidance_subsidy_per_day;
    let subsidy = per
        .checked_mul_count(u64::from(input.person_days))
        .ok_or_else(|| overflow("input.person_days"))?;
    trace.step_reads("§6 四", &[p::GUIDANCE_SUBSIDY_PER_DAY], || {
        m::guidance(per, input.person_days, subsidy)
    });
    Ok(GuidanceSubsidy { subsidy })
}

crate::wire_enum! {
    "labor_relations.reason" =>
    /// Why a district union's target is not acceptable (stable codes, listed in `spec/reasons.md`).
    pub enum Reason {
        /// Fewer enterprises than last year's target (§6 五(一) 原则上不低于上一年度指标数).
        BelowLastYearTarget = "below_last_year_target",
    }
}

/// Input of `labor_relations.reporting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct ReportingInput {
    /// Last year's target (上一年度指标数), in enterprises.
    pub last_year_target: u32,
    /// This year's target, in enterprises.
    pub target: u32,
    /// The day asked about, for the next reporting date (optional): a date the edition answers for.
    pub as_of: Option<NaiveDate>,
}

/// Result of `labor_relations.reporting`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Reporting {
    /// Is the target at least last year's?
    pub target_ok: bool,
    /// Why not.
    pub reasons: Vec<Reason>,
    /// The smallest acceptable target.
    pub min_target: u32,
    /// The reporting dates of the year (汇总表 and 补贴申报表).
    pub report_due_dates: Vec<NaiveDate>,
    /// The first reporting date on or after `as_of` (null without `as_of`, or after the last one).
    pub next_report_due: Option<NaiveDate>,
    /// The day by which the year's target is to be met.
    pub target_complete_by: NaiveDate,
}

/// Rule `labor_relations.reporting`: is a district union's target at least last year's, and when are
/// its summaries and subsidy claims due?
pub fn reporting(ed: &Edition, input: &ReportingInput, trace: &mut Trace) -> Result<Reporting> {
    let p_ = &ed.labor_relations;
    if let Some(d) = input.as_of {
        ed.check_answer_date(d, "input.as_of")?;
    }
    let floor = Decimal::from(input.last_year_target)
        .checked_mul(p_.target_floor_ratio)
        .map(|d| d.ceil())
        .and_then(|d| u32::try_from(d).ok())
        .ok_or_else(|| overflow("input.last_year_target"))?;
    let mut reasons = Vec::new();
    if input.target < floor {
        trace.step_reads("§6 五(一)", &[p::TARGET_FLOOR_RATIO], || {
            m::target_below_floor(input.target, input.last_year_target, p_.target_floor_ratio, floor)
        });
        reasons.push(Reason::BelowLastYearTarget);
    } else {
        trace.step_reads("§6 五(一)", &[p::TARGET_FLOOR_RATIO], || {
            m::target_at_least_floor(input.target, input.last_year_target, p_.target_floor_ratio, floor)
        });
    }
    let due: Vec<NaiveDate> = p_.report_due_dates.iter().map(|r| r.due).collect();
    let next = input.as_of.and_then(|d| due.iter().copied().find(|x| *x >= d));
    trace.step_reads("§6 五(二)", &[p::REPORT_DUE_DATES, p::TARGET_COMPLETE_BY], || {
        match (input.as_of, next) {
            (Some(d), Some(n)) => m::reports_due_next(due.clone(), d, n, p_.target_complete_by),
            (Some(d), None) => m::reports_due_none_left(due.clone(), d, p_.target_complete_by),
            (None, _) => m::reports_due(due.clone(), p_.target_complete_by),
        }
    });
    Ok(Reporting {
        target_ok: reasons.is_empty(),
        reasons,
        min_target: floor,
        report_due_dates: due,
        next_report_due: next,
        target_complete_by: p_.target_complete_by,
    })
}
