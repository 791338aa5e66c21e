//! §1 园区（楼宇）健康服务点: running a health point (the subsidy amounts are in [`crate::health_point`]).
//!
//! * [`service_check`] — does a point's schedule meet the regular consultation, visit and lecture
//!   standards and their notices (二(三)–(五))?
//! * [`application_check`] — a district's application: deadline, minimum numbers, large groups (四(一)).
//! * [`card`] — the yellow and red card (整改通知书 / 摘牌通知书) state machine (四(三)).
//! * [`fund_use`] — may this level's money pay for this purpose (四(四))?

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use chrono::{Datelike, Days, NaiveDate};

use crate::error::{Error, Result};
use crate::msg::{m::health_point_ops as m, Arg, Msg};
use crate::params::{p::health_point_ops as p, Edition, HealthPointOpsParams};
pub use crate::read::DateTime;
use crate::trace::Trace;

fn params(ed: &Edition) -> &HealthPointOpsParams {
    &ed.health_point_ops
}

fn too_far(path: &'static str) -> Error {
    Error::invalid(path, m::dates_too_far(path))
}

// ---- service_check ---------------------------------------------------------------------------------

crate::wire_enum! {
    "health_point_ops.standard" =>
    /// A standard of the 两固三定 schedule (§1 二(三)–(五)).
    pub enum Standard {
        /// 定期咨询: at least one half-day a week.
        Consultation = "consultation",
        /// 定期访视: at least one half-day visit a calendar month.
        Visits = "visits",
        /// 定期讲座: at least one lecture every two months.
        Lectures = "lectures",
        /// Visits posted at least 1 week ahead (提前1至2周).
        VisitNotices = "visit_notices",
        /// Lectures posted at least 1 week ahead (提前1至2周).
        LectureNotices = "lecture_notices",
    }
}

crate::wire_enum! {
    "health_point_ops.service_reason" =>
    /// Why a schedule misses a standard (stable codes, listed in `spec/reasons.md`).
    pub enum ServiceReason {
        /// A complete week with fewer consultation half-days than the minimum (§1 二(三)).
        ConsultationBelowMinimum = "consultation_below_minimum",
        /// A calendar month without a visit (§1 二(四)).
        VisitMissing = "visit_missing",
        /// A two-month period without a lecture (§1 二(五)).
        LectureMissing = "lecture_missing",
        /// A notice posted less than one week ahead (§1 二(四), 二(五)). Earlier than two weeks is not a breach.
        NoticeTooLate = "notice_too_late",
    }
}

/// A visit or lecture and the day its notice went up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct Event {
    /// The day of the visit or lecture.
    pub date: NaiveDate,
    /// The day the notice was posted.
    pub notice_date: NaiveDate,
}

/// Input of `health_point.service_check`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct ServiceCheckInput {
    /// The first day of the period checked.
    pub period_start: NaiveDate,
    /// The last day of the period checked.
    pub period_end: NaiveDate,
    /// Consultation half-days in each week of the period, week 1 starting on `period_start`.
    pub consultation_half_days: Vec<u32>,
    /// The half-day visits.
    #[wire(default)]
    pub visits: Vec<Event>,
    /// The lectures.
    #[wire(default)]
    pub lectures: Vec<Event>,
}

/// One standard's verdict.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct StandardCheck {
    /// The standard.
    pub standard: Standard,
    /// Met; null when the period holds no complete unit to judge (no whole week, month or two-month period; no event).
    pub met: Option<bool>,
    /// How many units (weeks, months, two-month periods, notices) were judged.
    pub checked: u32,
    /// The units missed: a week's first day, a month `YYYY-MM`, a period `YYYY-MM..YYYY-MM`, an event's date.
    pub missed: Vec<String>,
}

/// Result of `health_point.service_check`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct ServiceCheck {
    /// No judged standard is missed.
    pub meets_all: bool,
    /// Each standard, in the plan's order.
    pub standards: Vec<StandardCheck>,
    /// Reason codes of the misses.
    pub reasons: Vec<ServiceReason>,
}

fn ym(y: i32, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// The first day of month `m0` (0-based) of year `y`.
fn month_start(y: i32, m0: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m0.checked_add(1)?, 1)
}

/// A block of whole calendar months: its first and last day and its label (`YYYY-MM` or `YYYY-MM..YYYY-MM`).
struct Block {
    first: NaiveDate,
    last: NaiveDate,
    label: String,
}

impl Block {
    /// The block as a trace names it: `"2023-05"` in English, 2023年5月 (or 2023年3—4月) in Chinese.
    fn msg(&self) -> Msg {
        if self.first.month() == self.last.month() {
            m::month(self.label.clone(), self.first.year(), self.first.month())
        } else {
            m::months(self.label.clone(), self.first.year(), self.first.month(), self.last.month())
        }
    }
}

/// Calendar blocks of `len` months (aligned to January) lying wholly in `start..=end`.
fn month_blocks(start: NaiveDate, end: NaiveDate, len: u32) -> Option<Vec<Block>> {
    let mut out = Vec::new();
    if len == 0 || len > 12 || 12 % len != 0 {
        return None;
    }
    let mut y = start.year();
    let mut m0 = (start.month0() / len).checked_mul(len)?;
    loop {
        let first = month_start(y, m0)?;
        let (ny, nm0) = if m0.checked_add(len)? >= 12 {
            (y.checked_add(1)?, 0)
        } else {
            (y, m0.checked_add(len)?)
        };
        let last = month_start(ny, nm0)?.pred_opt()?;
        if first > end {
            break;
        }
        if first >= start && last <= end {
            let label = if len == 1 {
                ym(y, m0.checked_add(1)?)
            } else {
                format!("{}..{}", ym(y, m0.checked_add(1)?), ym(last.year(), last.month()))
            };
            out.push(Block { first, last, label });
        }
        y = ny;
        m0 = nm0;
    }
    Some(out)
}

impl StandardCheck {
    /// The verdict on `checked` units of which `missed` fell short: met when none did, null when none were judged.
    fn new(standard: Standard, checked: u32, missed: Vec<String>) -> StandardCheck {
        StandardCheck {
            standard,
            met: (checked > 0).then_some(missed.is_empty()),
            checked,
            missed,
        }
    }
}

/// Which wording a standard's trace step takes.
#[derive(Clone, Copy)]
enum Verdict {
    /// Nothing to judge.
    None,
    /// Every unit judged meets the standard.
    Met,
    /// Some units miss it.
    Missed,
}

impl Verdict {
    fn of(check: &StandardCheck) -> Verdict {
        if check.checked == 0 {
            Verdict::None
        } else if check.missed.is_empty() {
            Verdict::Met
        } else {
            Verdict::Missed
        }
    }
}

/// A frequency standard (二(四) visits, 二(五) lectures): each block needs at least `min` events; any block
/// short adds `missing` to `reasons`. Returns the verdict and the blocks missed.
fn check_frequency<'b>(
    standard: Standard,
    blocks: &'b [Block],
    events: &[Event],
    min: u32,
    missing: ServiceReason,
    reasons: &mut Vec<ServiceReason>,
) -> (StandardCheck, Vec<&'b Block>) {
    // One pass over the events (each found by binary search among the sorted blocks), one over the blocks.
    let mut counts = alloc::vec![0u32; blocks.len()];
    for e in events {
        let i = blocks.partition_point(|b| b.last < e.date);
        if blocks.get(i).is_some_and(|b| b.first <= e.date) {
            if let Some(c) = counts.get_mut(i) {
                *c = c.saturating_add(1);
            }
        }
    }
    let missed: Vec<&Block> = blocks.iter().zip(&counts).filter(|(_, n)| **n < min).map(|(b, _)| b).collect();
    if !missed.is_empty() {
        reasons.push(missing);
    }
    let labels = missed.iter().map(|b| b.label.clone()).collect();
    (
        StandardCheck::new(standard, u32::try_from(blocks.len()).unwrap_or(u32::MAX), labels),
        missed,
    )
}

/// The notices of `events`: returns the verdict and the dates of the events whose notice misses the standard.
fn check_notices(
    p: &HealthPointOpsParams,
    standard: Standard,
    events: &[Event],
    reasons: &mut Vec<ServiceReason>,
) -> (StandardCheck, Vec<NaiveDate>) {
    let mut missed = Vec::new();
    for e in events {
        let ahead = e.date.signed_duration_since(e.notice_date).num_days();
        if ahead < i64::from(p.notice_min_days) {
            missed.push(e.date);
            if !reasons.contains(&ServiceReason::NoticeTooLate) {
                reasons.push(ServiceReason::NoticeTooLate);
            }
        }
    }
    let labels = missed.iter().map(ToString::to_string).collect();
    (
        StandardCheck::new(standard, u32::try_from(events.len()).unwrap_or(u32::MAX), labels),
        missed,
    )
}

fn check_events(ed: &Edition, events: &[Event], field: &str, input: &ServiceCheckInput) -> Result<()> {
    for (i, e) in events.iter().enumerate() {
        ed.check_plan_date(e.notice_date, &format!("input.{field}[{i}].notice_date"))?;
        if e.date < input.period_start || e.date > input.period_end {
            let path = format!("input.{field}[{i}].date");
            return Err(Error::invalid(
                path.clone(),
                m::event_outside_period(path, e.date, input.period_start, input.period_end),
            ));
        }
        if e.notice_date > e.date {
            let path = format!("input.{field}[{i}].notice_date");
            return Err(Error::invalid(path.clone(), m::notice_after_event(path, e.notice_date, e.date)));
        }
    }
    Ok(())
}

/// Rule `health_point.service_check` (§1 二(三)–(五)): which of the regular-service standards a point's
/// schedule meets over a period. Only whole units are judged: complete weeks from `period_start`, calendar
/// months and calendar two-month periods (Jan–Feb, Mar–Apr, …) lying wholly in the period.
pub fn service_check(ed: &Edition, input: &ServiceCheckInput, trace: &mut Trace) -> Result<ServiceCheck> {
    let hp = params(ed);
    // Dates outside the edition are refused before any work: the longest period is then the plan's 13 months.
    ed.check_plan_date(input.period_start, "input.period_start")?;
    ed.check_plan_date(input.period_end, "input.period_end")?;
    if input.period_end < input.period_start {
        return Err(Error::invalid(
            "input.period_end",
            m::period_end_before_start("input.period_end", input.period_end, input.period_start),
        ));
    }
    let days = input
        .period_end
        .signed_duration_since(input.period_start)
        .num_days()
        .checked_add(1)
        .ok_or_else(|| too_far("input.period_end"))?;
    let week = i64::from(hp.week_days);
    if week == 0 {
        return Err(Error::invalid("input", m::zero_day_week(ed.name)));
    }
    let weeks = days.checked_add(week - 1).ok_or_else(|| too_far("input.period_end"))? / week;
    let given = i64::try_from(input.consultation_half_days.len()).unwrap_or(i64::MAX);
    if given != weeks {
        return Err(Error::invalid(
            "input.consultation_half_days",
            m::weeks_mismatch("input.consultation_half_days", weeks, input.period_start, given),
        ));
    }
    check_events(ed, &input.visits, "visits", input)?;
    check_events(ed, &input.lectures, "lectures", input)?;

    let mut reasons = Vec::new();
    let mut standards = Vec::new();

    // 二(三) consultation: every complete week.
    let mut missed = Vec::new();
    let mut short_weeks = Vec::new();
    let mut checked = 0u32;
    let mut start = input.period_start;
    for n in &input.consultation_half_days {
        let last = start
            .checked_add_days(Days::new(u64::from(hp.week_days.saturating_sub(1))))
            .ok_or_else(|| too_far("input.period_end"))?;
        if last <= input.period_end {
            checked = checked.saturating_add(1);
            if *n < hp.consultation_min_half_days_per_week {
                missed.push(start.to_string());
                short_weeks.push(start);
            }
        }
        start = last.succ_opt().ok_or_else(|| too_far("input.period_end"))?;
    }
    if !missed.is_empty() {
        reasons.push(ServiceReason::ConsultationBelowMinimum);
    }
    let c = StandardCheck::new(Standard::Consultation, checked, missed);
    trace.step_reads("§1 二(三)", &[p::CONSULTATION_MIN_HALF_DAYS_PER_WEEK, p::WEEK_DAYS], || {
        let min = hp.consultation_min_half_days_per_week;
        match Verdict::of(&c) {
            Verdict::None => m::consultation_none(min, c.checked, c.missed.len()),
            Verdict::Met => m::consultation_met(min, c.checked, c.missed.len()),
            Verdict::Missed => m::consultation_missed(min, c.checked, c.missed.len(), days_msg(&short_weeks)),
        }
    });
    standards.push(c);

    // 二(四) visits: every calendar month.
    let months = month_blocks(input.period_start, input.period_end, 1).ok_or_else(|| too_far("input.period_end"))?;
    let (v, missed) = check_frequency(
        Standard::Visits,
        &months,
        &input.visits,
        hp.visits_per_month,
        ServiceReason::VisitMissing,
        &mut reasons,
    );
    trace.step_reads("§1 二(四)", &[p::VISITS_PER_MONTH], || match Verdict::of(&v) {
        Verdict::None => m::visits_none(hp.visits_per_month, v.checked),
        Verdict::Met => m::visits_met(hp.visits_per_month, v.checked),
        Verdict::Missed => m::visits_missed(hp.visits_per_month, v.checked, missed.iter().map(|b| b.msg()).collect::<Vec<_>>()),
    });
    standards.push(v);

    // 二(五) lectures: every calendar two-month period.
    let pairs = month_blocks(input.period_start, input.period_end, hp.lecture_every_months)
        .ok_or_else(|| Error::invalid("input", m::lecture_period_not_dividing_year(ed.name)))?;
    let (l, missed) = check_frequency(
        Standard::Lectures,
        &pairs,
        &input.lectures,
        hp.lectures_per_period,
        ServiceReason::LectureMissing,
        &mut reasons,
    );
    let (n, every) = (hp.lectures_per_period, hp.lecture_every_months);
    trace.step_reads(
        "§1 二(五)",
        &[p::LECTURES_PER_PERIOD, p::LECTURE_EVERY_MONTHS],
        || match Verdict::of(&l) {
            Verdict::None => m::lectures_none(n, every, l.checked),
            Verdict::Met => m::lectures_met(n, every, l.checked),
            Verdict::Missed => m::lectures_missed(n, every, l.checked, missed.iter().map(|b| b.msg()).collect::<Vec<_>>()),
        },
    );
    standards.push(l);

    // Notices at least 1 week ahead (提前1至2周: earlier than 2 weeks is not a breach), visits' then lectures'.
    let lo = hp.notice_min_days;
    let (vn, missed) = check_notices(hp, Standard::VisitNotices, &input.visits, &mut reasons);
    trace.step_reads("§1 二(四)", &[p::NOTICE_MIN_DAYS], || match Verdict::of(&vn) {
        Verdict::None => m::visit_notices_none(lo, vn.checked),
        Verdict::Met => m::visit_notices_met(lo, vn.checked),
        Verdict::Missed => m::visit_notices_missed(lo, vn.checked, days_msg(&missed)),
    });
    standards.push(vn);
    let (ln, missed) = check_notices(hp, Standard::LectureNotices, &input.lectures, &mut reasons);
    trace.step_reads("§1 二(五)", &[p::NOTICE_MIN_DAYS], || match Verdict::of(&ln) {
        Verdict::None => m::lecture_notices_none(lo, ln.checked),
        Verdict::Met => m::lecture_notices_met(lo, ln.checked),
        Verdict::Missed => m::lecture_notices_missed(lo, ln.checked, days_msg(&missed)),
    });
    standards.push(ln);

    let meets_all = standards.iter().all(|s| s.met != Some(false));
    Ok(ServiceCheck {
        meets_all,
        standards,
        reasons,
    })
}

/// Dates as a trace lists them (`"2023-05-25"` in English).
fn days_msg(dates: &[NaiveDate]) -> Vec<Msg> {
    dates.iter().map(|d| m::day(*d)).collect()
}

// ---- application_check -----------------------------------------------------------------------------

crate::wire_enum! {
    "health_point_ops.in_house_medical" =>
    /// The in-house medical service of a large park or enterprise group (§1 四(一)).
    pub enum InHouseMedical {
        /// 没有内部医务设施.
        None = "none",
        /// 虽有内部医务设施，但条件简陋、服务内容过于简单.
        Rudimentary = "rudimentary",
        /// A proper in-house medical service.
        Adequate = "adequate",
    }
}

crate::wire_enum! {
    "health_point_ops.application_reason" =>
    /// Why an application falls short (stable codes, listed in `spec/reasons.md`).
    pub enum ApplicationReason {
        /// Submitted at or after 2023-02-06 16:00 (§1 申报表 注).
        AfterDeadline = "after_deadline",
        /// Fewer new points than each district must put forward (§1 四(一)).
        TooFewNewPoints = "too_few_new_points",
        /// Fewer upgraded points than each district must put forward (§1 四(一)).
        TooFewUpgradePoints = "too_few_upgrade_points",
        /// A large group with 1,000 employees or fewer (§1 四(一): 超过1000人).
        TooFewEmployees = "too_few_employees",
        /// A large group whose in-house medical service is adequate (§1 四(一)).
        HasAdequateMedicalService = "has_adequate_medical_service",
        /// A large group in the application is not eligible (§1 四(一)).
        LargeGroupNotEligible = "large_group_not_eligible",
    }
}

/// A large park or enterprise group put forward beside the district's points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct LargeGroup {
    /// Employees (职工人数).
    pub employees: u32,
    /// Its in-house medical service.
    pub in_house_medical: InHouseMedical,
}

crate::wire_enum! {
    "health_point_ops.applicant" =>
    /// Who puts the points forward (§1 四(一) 由各区总工会、各局(产业)工会统一推荐申报).
    pub enum Applicant {
        /// 区总工会: held to the per-district minimums (每区至少申报).
        District = "district",
        /// 局(产业)工会: not a district, so not held to the per-district minimums.
        Industry = "industry",
    }
}

/// Input of `health_point.application_check`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct ApplicationCheckInput {
    /// When the district's form was sent.
    pub submitted_at: DateTime,
    /// Who applies: a district union (the default) or a bureau/industry union.
    #[wire(since = "0.2")]
    pub applicant: Option<Applicant>,
    /// New points put forward.
    pub new_points: u32,
    /// Existing points put forward for upgrade.
    pub upgrade_points: u32,
    /// Large parks or enterprise groups put forward (也可申报).
    #[wire(default)]
    pub large_groups: Vec<LargeGroup>,
}

/// The verdict on one large group.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct LargeGroupCheck {
    /// May it apply?
    pub eligible: bool,
    /// Reason codes when not.
    pub reasons: Vec<ApplicationReason>,
}

/// Result of `health_point.application_check`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct ApplicationCheck {
    /// Does the application meet every requirement?
    pub accepted: bool,
    /// Reason codes.
    pub reasons: Vec<ApplicationReason>,
    /// Sent before the deadline?
    pub on_time: bool,
    /// The deadline (exclusive).
    pub deadline: DateTime,
    /// The minimum new points per district.
    pub min_new: u32,
    /// The minimum upgraded points per district.
    pub min_upgrade: u32,
    /// How many existing points the city will upgrade.
    pub upgrade_places: u32,
    /// How many points exist to choose from.
    pub existing_points: u32,
    /// Each large group, in input order.
    pub large_groups: Vec<LargeGroupCheck>,
}

/// Rule `health_point.application_check` (§1 四(一)): a district's application against the deadline
/// (before 2023-02-06 16:00), the minimum of 1 new and 3 upgraded points, and the large-group condition.
pub fn application_check(ed: &Edition, input: &ApplicationCheckInput, trace: &mut Trace) -> Result<ApplicationCheck> {
    let hp = params(ed);
    ed.check_plan_date(input.submitted_at.0.date(), "input.submitted_at")?;
    if input.upgrade_points > hp.existing_points {
        return Err(Error::invalid(
            "input.upgrade_points",
            m::more_upgrades_than_exist("input.upgrade_points", input.upgrade_points, hp.existing_points),
        ));
    }
    let deadline = DateTime(hp.application_deadline);
    let mut reasons = Vec::new();
    let on_time = input.submitted_at < deadline;
    trace.step_reads("§1 申报表 注", &[p::APPLICATION_DEADLINE], || {
        if on_time {
            m::sent_on_time(input.submitted_at, deadline)
        } else {
            m::sent_late(input.submitted_at, deadline)
        }
    });
    if !on_time {
        reasons.push(ApplicationReason::AfterDeadline);
    }
    // 每区至少: the minimums hold a district union's application, not a bureau/industry union's.
    let district = input.applicant.unwrap_or(Applicant::District) == Applicant::District;
    if district && input.new_points < hp.min_new_per_district {
        reasons.push(ApplicationReason::TooFewNewPoints);
    }
    if district && input.upgrade_points < hp.min_upgrade_per_district {
        reasons.push(ApplicationReason::TooFewUpgradePoints);
    }
    trace.step_reads(
        "§1 四(一)",
        &[
            p::MIN_NEW_PER_DISTRICT,
            p::MIN_UPGRADE_PER_DISTRICT,
            p::UPGRADE_PLACES,
            p::EXISTING_POINTS,
        ],
        || {
            let (new, min_new, upgrade, min_upgrade) = (
                input.new_points,
                hp.min_new_per_district,
                input.upgrade_points,
                hp.min_upgrade_per_district,
            );
            if district {
                m::point_counts(new, min_new, upgrade, min_upgrade, hp.upgrade_places, hp.existing_points)
            } else {
                m::point_counts_industry(new, min_new, upgrade, min_upgrade, hp.upgrade_places, hp.existing_points)
            }
        },
    );
    let mut groups = Vec::new();
    for (i, g) in input.large_groups.iter().enumerate() {
        let mut r = Vec::new();
        if g.employees <= hp.large_group_min_employees {
            r.push(ApplicationReason::TooFewEmployees);
        }
        if !hp.large_group_medical_allowed.contains(&g.in_house_medical.as_str()) {
            r.push(ApplicationReason::HasAdequateMedicalService);
        }
        let eligible = r.is_empty();
        trace.step_reads(
            "§1 四(一)",
            &[p::LARGE_GROUP_MIN_EMPLOYEES, p::LARGE_GROUP_MEDICAL_ALLOWED],
            || {
                let n = i.saturating_add(1);
                let min = hp.large_group_min_employees;
                if eligible {
                    m::large_group_eligible(i, n, g.employees, min, g.in_house_medical)
                } else {
                    m::large_group_not_eligible(i, n, g.employees, min, g.in_house_medical)
                }
            },
        );
        groups.push(LargeGroupCheck { eligible, reasons: r });
    }
    if groups.iter().any(|g| !g.eligible) {
        reasons.push(ApplicationReason::LargeGroupNotEligible);
    }
    Ok(ApplicationCheck {
        accepted: reasons.is_empty(),
        reasons,
        on_time,
        deadline,
        min_new: hp.min_new_per_district,
        min_upgrade: hp.min_upgrade_per_district,
        upgrade_places: hp.upgrade_places,
        existing_points: hp.existing_points,
        large_groups: groups,
    })
}

// ---- card ------------------------------------------------------------------------------------------

crate::wire_enum! {
    "health_point_ops.card_state" =>
    /// A health point's standing under the red and yellow card system (§1 四(三)).
    pub enum CardState {
        /// No card.
        GoodStanding = "good_standing",
        /// 黄牌: a 整改通知书 is out; the point must put things right.
        YellowCard = "yellow_card",
        /// 红牌: 摘牌通知书 — qualification cancelled, plaque recovered (final).
        RedCard = "red_card",
    }
}

crate::wire_enum! {
    "health_point_ops.inspection_outcome" =>
    /// What an inspection found.
    pub enum InspectionOutcome {
        /// The point provides the services and follows the rules.
        Compliant = "compliant",
        /// 未按要求提供服务或不执行相关规定要求.
        NonCompliant = "non_compliant",
        /// 情况严重.
        Serious = "serious",
    }
}

crate::wire_enum! {
    "health_point_ops.card_reason" =>
    /// Why the standing changed or did not (stable codes, listed in `spec/reasons.md`).
    pub enum CardReason {
        /// Services not provided or rules not followed: a yellow card (整改通知书).
        NonCompliance = "non_compliance",
        /// A serious case: a red card (摘牌通知书) at once.
        SeriousCase = "serious_case",
        /// Still non-compliant under a yellow card (整改无效): a red card.
        RectificationFailed = "rectification_failed",
        /// Compliant again under a yellow card: back to good standing.
        Rectified = "rectified",
        /// Already delisted: a red card is final.
        AlreadyDelisted = "already_delisted",
    }
}

/// Input of `health_point.card`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, crate::Wire)]
pub struct CardInput {
    /// The standing before the inspection.
    pub state: CardState,
    /// What the inspection found.
    pub outcome: InspectionOutcome,
}

/// Result of `health_point.card`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct CardOutcome {
    /// The standing after the inspection.
    pub state: CardState,
    /// The notice issued now: `整改通知书` (yellow), `摘牌通知书` (red), or null.
    pub notice: Option<&'static str>,
    /// Is the point's qualification cancelled (取消服务点资格、收回铭牌)?
    pub qualification_cancelled: bool,
    /// Why (at most one code).
    pub reasons: Vec<CardReason>,
}

/// Rule `health_point.card` (§1 四(三)): the next standing from the current one and an inspection's outcome.
pub fn card(ed: &Edition, input: &CardInput, trace: &mut Trace) -> Result<CardOutcome> {
    let row = params(ed)
        .card_transitions
        .iter()
        .find(|t| t.from == input.state.as_str() && t.outcome == input.outcome.as_str())
        .ok_or_else(|| Error::invalid("input.outcome", m::no_card_rule(ed.name, input.outcome, input.state)))?;
    let state =
        CardState::parse(row.to).ok_or_else(|| Error::invalid("input.state", m::unknown_card_state(ed.name, Arg::quoted(row.to))))?;
    let reasons = if row.reason.is_empty() {
        Vec::new()
    } else {
        let r = CardReason::parse(row.reason)
            .ok_or_else(|| Error::invalid("input.outcome", m::unknown_card_reason(ed.name, Arg::quoted(row.reason))))?;
        alloc::vec![r]
    };
    let notice = (!row.notice.is_empty()).then_some(row.notice);
    trace.step_reads("§1 四(三)", &[p::CARD_TRANSITIONS], || {
        m::card_step(input.state, input.outcome, state, notice.map(m::issue_notice))
    });
    Ok(CardOutcome {
        state,
        notice,
        qualification_cancelled: state == CardState::RedCard,
        reasons,
    })
}

// ---- fund_use --------------------------------------------------------------------------------------

crate::wire_enum! {
    "health_point_ops.fund_source" =>
    /// Whose money pays (§1 四(四)).
    pub enum FundSource {
        /// 市总工会.
        City = "city",
        /// 区总工会.
        District = "district",
        /// 局(产业)工会.
        Industry = "industry",
        /// 街镇(园区、楼宇)工会.
        Street = "street",
    }
}

crate::wire_enum! {
    "health_point_ops.fund_purpose" =>
    /// What a spending line pays for.
    pub enum FundPurpose {
        /// 基本物品配置.
        BasicEquipment = "basic_equipment",
        /// 日常运营.
        DailyOperations = "daily_operations",
        /// 医务人员（团队）的咨询补助.
        ConsultationSubsidy = "consultation_subsidy",
        /// 医务人员（团队）的讲座补助.
        LectureSubsidy = "lecture_subsidy",
        /// 医务人员（团队）的访视补助.
        VisitSubsidy = "visit_subsidy",
        /// A purpose the plan does not name (describe it in `description`): needs a reviewer's decision.
        Other = "other",
    }
}

crate::wire_enum! {
    "health_point_ops.fund_reason" =>
    /// Why a spending line is not simply allowed (stable codes, listed in `spec/reasons.md`).
    pub enum FundReason {
        /// Not allowed: the purpose is one the plan gives to another level's money.
        PurposeForOtherSource = "purpose_for_other_source",
        /// Needs review: the plan names the purpose for no level's money, and its lists are open (主要…等).
        PurposeNotListed = "purpose_not_listed",
    }
}

/// Input of `health_point.fund_use`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct FundUseInput {
    /// Whose money.
    pub source: FundSource,
    /// For what: a purpose the plan names, or `other`.
    pub purpose: FundPurpose,
    /// The spending line in words (what `other` stands for, e.g. 医务人员交通补贴); shown in the trace.
    #[wire(since = "0.2")]
    pub description: Option<String>,
}

/// Result of `health_point.fund_use`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct FundUse {
    /// Is the line an allowed use? True when the plan names the purpose for this source's money, false when
    /// it names it for another level's money only, null when it names it for no level's money (the lists
    /// are open, 主要…等: a reviewer decides).
    pub allowed: Option<bool>,
    /// True when a reviewer must decide (`allowed` is null, `purpose_not_listed`).
    pub needs_review: bool,
    /// Reason codes when not simply allowed.
    pub reasons: Vec<FundReason>,
    /// The seed's words that allow it, or null.
    pub basis: Option<&'static str>,
    /// Every purpose this source's money may pay for.
    pub allowed_purposes: Vec<FundPurpose>,
}

/// Rule `health_point.fund_use` (§1 四(四)): the city's money is for basic equipment and daily operations; the
/// district, industry and street unions' matching money for the medical team's consultation, lecture and
/// visit subsidies. A purpose named for another level's money is not allowed; one the plan names for no
/// level needs review (its lists end in 等).
pub fn fund_use(ed: &Edition, input: &FundUseInput, trace: &mut Trace) -> Result<FundUse> {
    let table = params(ed).fund_uses;
    let row = table
        .iter()
        .find(|r| r.source == input.source.as_str() && r.purpose == input.purpose.as_str());
    let allowed_purposes: Vec<FundPurpose> = FundPurpose::ALL
        .iter()
        .copied()
        .filter(|p| table.iter().any(|r| r.source == input.source.as_str() && r.purpose == p.as_str()))
        .collect();
    let mut reasons = Vec::new();
    let allowed = if row.is_some() {
        Some(true)
    } else if table.iter().any(|r| r.purpose == input.purpose.as_str()) {
        reasons.push(FundReason::PurposeForOtherSource);
        Some(false)
    } else {
        reasons.push(FundReason::PurposeNotListed);
        None
    };
    trace.step_reads("§1 四(四)", &[p::FUND_USES], || {
        let described = input.description.as_deref().map(|d| m::described(Arg::quoted(d)));
        match (row, allowed) {
            (Some(r), _) => m::fund_allowed(input.source, input.purpose, described, r.zh),
            (None, Some(_)) => m::fund_not_allowed(input.source, input.purpose, described),
            (None, None) => m::fund_needs_review(input.source, input.purpose, described),
        }
    });
    Ok(FundUse {
        allowed,
        needs_review: allowed.is_none(),
        reasons,
        basis: row.map(|r| r.zh),
        allowed_purposes,
    })
}
