//! §3 二 长三角及协作区域疗休养: recuperation trips (疗休养) in the Yangtze delta, to paired regions, and at
//! the city union's own sanatoria.
//!
//! * [`subsidy`] — the city union's subsidy per programme (二(四)).
//! * [`sanatorium_allocation`] — settling sanatorium stays against an allocated total (二(四)3
//!   总额控制+按实结算), the priority groups of 二(一) first.
//!
//! Fields per programme (`spec/readings.md`): `yangtze_delta` takes `participants` only;
//! `paired_region` requires `days` and `nights`; `direct_sanatorium` requires `cost_per_person`. A field
//! the programme does not use is `invalid_input`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{overflow, Error, Result};
use crate::money::Money;
use crate::msg::m::recuperation as m;
use crate::msg::Arg;
use crate::params::p::recuperation as p;
use crate::params::Edition;
use crate::trace::Trace;

crate::wire_enum! {
    "recuperation.programme" =>
    /// The three programmes of §3 二(三).
    pub enum Programme {
        /// 组织万名职工开展长三角区域疗休养交流活动: the four unions subsidise board, meals and visits in full.
        YangtzeDelta = "yangtze_delta",
        /// 组织万名职工赴对口合作区域疗休养: at most 4 days and 3 nights, 200 per person.
        PairedRegion = "paired_region",
        /// 组织5万名职工赴市总直管院所疗休养: the actual cost per person, up to 400.
        DirectSanatorium = "direct_sanatorium",
    }
}

crate::wire_enum! {
    "recuperation.reason" =>
    /// Why a recuperation trip gets no subsidy (stable codes, listed in `spec/reasons.md`).
    pub enum Reason {
        /// A paired-region trip longer than 4 days or 3 nights (§3 二(三)2).
        OverDuration = "over_duration",
        /// The allocated total (总额控制) is used up, or cut the stay's subsidy (§3 二(四)3).
        AllocationExhausted = "allocation_exhausted",
    }
}

/// Input of `recuperation.subsidy`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct SubsidyInput {
    /// The programme.
    pub programme: Programme,
    /// The members taking part (at least 1).
    pub participants: u32,
    /// Days of the trip (`paired_region` only, at least 1).
    pub days: Option<u32>,
    /// Nights of the trip (`paired_region` only).
    pub nights: Option<u32>,
    /// The actual cost per person (`direct_sanatorium` only).
    pub cost_per_person: Option<Money>,
}

/// Result of `recuperation.subsidy`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Subsidy {
    /// Does the trip get the programme's subsidy?
    pub accepted: bool,
    /// Why not.
    pub reasons: Vec<Reason>,
    /// The city union's subsidy per person (null for yangtze_delta, which has no fixed amount, and when refused).
    pub subsidy_per_person: Option<Money>,
    /// The subsidy per person × participants (null likewise).
    pub subsidy_total: Option<Money>,
    /// The expenses the programme covers (yangtze_delta; empty otherwise).
    pub covered: Vec<&'static str>,
    /// The expenses it leaves to the district union (yangtze_delta; empty otherwise).
    pub not_covered: Vec<&'static str>,
}

fn applies(path: &'static str, has: bool, wanted: bool, programme: Programme) -> Result<()> {
    match (has, wanted) {
        (false, true) => Err(Error::invalid(path, m::required_for(path, programme))),
        (true, false) => Err(Error::invalid(path, m::does_not_apply(path, programme))),
        _ => Ok(()),
    }
}

/// The expenses of the Yangtze delta exchange as message arguments (their Chinese names in Chinese).
fn expenses(list: &'static [&'static str]) -> Vec<Arg> {
    list.iter().map(|e| Arg::Code("recuperation.expense", e)).collect()
}

/// Rule `recuperation.subsidy`: what the city union pays towards a recuperation trip of each programme.
pub fn subsidy(ed: &Edition, input: &SubsidyInput, trace: &mut Trace) -> Result<Subsidy> {
    let ps = &ed.recuperation;
    let prog = input.programme;
    if input.participants == 0 {
        return Err(Error::invalid(
            "input.participants",
            m::participants_at_least_one("input.participants"),
        ));
    }
    let paired = prog == Programme::PairedRegion;
    applies("input.days", input.days.is_some(), paired, prog)?;
    applies("input.nights", input.nights.is_some(), paired, prog)?;
    applies(
        "input.cost_per_person",
        input.cost_per_person.is_some(),
        prog == Programme::DirectSanatorium,
        prog,
    )?;
    if input.days == Some(0) {
        return Err(Error::invalid("input.days", m::at_least_one("input.days")));
    }
    let total = |per: Money| {
        per.checked_mul_count(u64::from(input.participants))
            .ok_or_else(|| overflow("input.participants"))
    };
    match prog {
        Programme::YangtzeDelta => {
            trace.step_reads("§3 二(四)1", &[p::YANGTZE_DELTA_COVERED, p::YANGTZE_DELTA_NOT_COVERED], || {
                m::yangtze_delta(expenses(ps.yangtze_delta_covered), expenses(ps.yangtze_delta_not_covered))
            });
            Ok(Subsidy {
                accepted: true,
                reasons: Vec::new(),
                subsidy_per_person: None,
                subsidy_total: None,
                covered: ps.yangtze_delta_covered.to_vec(),
                not_covered: ps.yangtze_delta_not_covered.to_vec(),
            })
        }
        Programme::PairedRegion => {
            let days = input.days.unwrap_or(0);
            let nights = input.nights.unwrap_or(0);
            let (max_d, max_n) = (ps.paired_region_max_days, ps.paired_region_max_nights);
            const DURATION: &[crate::params::Param] = &[p::PAIRED_REGION_MAX_DAYS, p::PAIRED_REGION_MAX_NIGHTS];
            if days > max_d || nights > max_n {
                trace.step_reads("§3 二(三)2", DURATION, || m::paired_too_long(days, nights, max_d, max_n));
                return Ok(Subsidy {
                    accepted: false,
                    reasons: alloc::vec![Reason::OverDuration],
                    subsidy_per_person: None,
                    subsidy_total: None,
                    covered: Vec::new(),
                    not_covered: Vec::new(),
                });
            }
            trace.step_reads("§3 二(三)2", DURATION, || m::paired_within(days, nights, max_d, max_n));
            let per = ps.paired_region_subsidy;
            let t = total(per)?;
            trace.step_reads("§3 二(四)2", &[p::PAIRED_REGION_SUBSIDY], || {
                m::paired_subsidy(per, input.participants, t)
            });
            Ok(Subsidy {
                accepted: true,
                reasons: Vec::new(),
                subsidy_per_person: Some(per),
                subsidy_total: Some(t),
                covered: Vec::new(),
                not_covered: Vec::new(),
            })
        }
        Programme::DirectSanatorium => {
            let cost = input.cost_per_person.unwrap_or(Money::ZERO);
            let cap = ps.sanatorium_subsidy_cap;
            let per = cost.min(cap);
            let t = total(per)?;
            trace.step_reads("§3 二(四)3", &[p::SANATORIUM_SUBSIDY_CAP], || {
                m::sanatorium_subsidy(cost, cap, per, input.participants, t)
            });
            Ok(Subsidy {
                accepted: true,
                reasons: Vec::new(),
                subsidy_per_person: Some(per),
                subsidy_total: Some(t),
                covered: Vec::new(),
                not_covered: Vec::new(),
            })
        }
    }
}

crate::wire_enum! {
    "recuperation.priority_group" =>
    /// The groups the 2023 plan names for recuperation to favour (§3 二(一) 重点向…等群体倾斜). Their codes
    /// are the ids of the edition's `recuperation.priority_groups`, which is what the rule reads; a stay's
    /// `priority_group` is text (`spec/readings.md` P5).
    pub enum PriorityGroup {
        /// 劳模先进.
        ModelWorker = "model_worker",
        /// 工匠技师.
        Craftsman = "craftsman",
        /// 抗疫一线工作者.
        EpidemicFrontline = "epidemic_frontline",
        /// 疫情期间坚守岗位职工.
        EpidemicOnDuty = "epidemic_on_duty",
        /// 产业工人.
        IndustrialWorker = "industrial_worker",
    }
}

crate::wire_enum! {
    "recuperation.stay_status" =>
    /// How much of a stay's subsidy is paid.
    pub enum StayStatus {
        /// All of it.
        Paid = "paid",
        /// Part: the allocation ran short.
        PartiallyPaid = "partially_paid",
        /// None: the allocation was used up.
        Rejected = "rejected",
    }
}

/// One sanatorium stay (a group of members at one of the city union's sanatoria).
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct Stay {
    /// Members on the stay (at least 1).
    pub participants: u32,
    /// The actual cost per person (按实结算).
    pub cost_per_person: Money,
    /// The group of workers the stay is for, if any: one the plan names (§3 二(一) 劳模先进、工匠技师、
    /// 抗疫一线工作者、疫情期间坚守岗位职工、产业工人 — its id, its words or another name) is settled first;
    /// any other is an ordinary stay.
    pub priority_group: Option<String>,
}

/// Input of `recuperation.sanatorium_allocation`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct AllocationInput {
    /// The total the city union allocated (总额控制).
    pub allocated_total: Money,
    /// The stays, in the order they were booked.
    pub stays: Vec<Stay>,
}

/// The settlement of one stay.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct StaySettlement {
    /// Paid in full, in part, or not at all.
    pub status: StayStatus,
    /// The subsidy the stay is due: min(actual cost, 400) × participants.
    pub due: Money,
    /// What the allocation pays.
    pub paid: Money,
    /// Why less than due.
    pub reasons: Vec<Reason>,
}

/// Result of `recuperation.sanatorium_allocation`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Allocation {
    /// One settlement per stay, in input order.
    pub stays: Vec<StaySettlement>,
    /// The sum of what the stays are due.
    pub due_total: Money,
    /// The sum paid, never above the allocated total.
    pub paid_total: Money,
    /// What is left of the allocated total.
    pub left: Money,
}

/// The edition's priority group (`recuperation.priority_groups`) that `text` names: by its id, its words
/// (劳模先进) or another name the catalogue gives it; `None` for a group the plan does not name.
pub fn priority_group_of<'e>(ed: &'e Edition, text: &str) -> Option<&'e crate::params::PriorityGroup> {
    let text = text.trim();
    let code = crate::msg::alias(PriorityGroup::KIND, text).unwrap_or(text);
    ed.recuperation.priority_groups.iter().find(|r| r.id == code || r.zh == text)
}

/// Rule `recuperation.sanatorium_allocation`: settles sanatorium stays at their actual cost per person up
/// to 400 (按实结算) within an allocated total (总额控制); stays for the groups the plan names in §3 二(一)
/// (the edition's `priority_groups`) are settled first, then the others, each in booking order. A group
/// the plan does not name is an ordinary stay.
pub fn sanatorium_allocation(ed: &Edition, input: &AllocationInput, trace: &mut Trace) -> Result<Allocation> {
    let ps = &ed.recuperation;
    for (i, st) in input.stays.iter().enumerate() {
        if st.participants == 0 {
            let path = format!("input.stays[{i}].participants");
            return Err(Error::invalid(path.clone(), m::participants_at_least_one(path)));
        }
    }
    let cap = ps.sanatorium_subsidy_cap;
    // The group each stay is for, as the edition lists it (None: an ordinary stay).
    let groups: Vec<Option<&crate::params::PriorityGroup>> = input
        .stays
        .iter()
        .map(|s| s.priority_group.as_deref().and_then(|g| priority_group_of(ed, g)))
        .collect();
    // Settlement order: priority stays first, then the rest, each in input order.
    let mut order: Vec<usize> = (0..input.stays.len()).collect();
    order.sort_by_key(|&i| groups.get(i).is_none_or(Option::is_none));
    let mut settled: Vec<Option<StaySettlement>> = alloc::vec![None; input.stays.len()];
    let mut left = input.allocated_total;
    let mut due_total = Money::ZERO;
    let mut paid_total = Money::ZERO;
    trace.step_reads("§3 二(四)3", &[p::SANATORIUM_SUBSIDY_CAP], || {
        m::allocation_start(input.allocated_total, cap)
    });
    for i in order {
        let Some(st) = input.stays.get(i) else { continue };
        let path = format!("input.stays[{i}].participants");
        let per = st.cost_per_person.min(cap);
        let due = per.checked_mul_count(u64::from(st.participants)).ok_or_else(|| overflow(&path))?;
        let paid = due.min(left);
        left = left.checked_sub(paid).ok_or_else(|| overflow(&path))?;
        due_total = due_total.checked_add(due).ok_or_else(|| overflow(&path))?;
        paid_total = paid_total.checked_add(paid).ok_or_else(|| overflow(&path))?;
        let (status, reasons) = if paid == due {
            (StayStatus::Paid, Vec::new())
        } else if paid.is_zero() {
            (StayStatus::Rejected, alloc::vec![Reason::AllocationExhausted])
        } else {
            (StayStatus::PartiallyPaid, alloc::vec![Reason::AllocationExhausted])
        };
        let row = groups.get(i).copied().flatten();
        let (clause, reads): (&'static str, &'static [crate::params::Param]) = if st.priority_group.is_some() {
            ("§3 二(一), 二(四)3", &[p::PRIORITY_GROUPS, p::SANATORIUM_SUBSIDY_CAP])
        } else {
            ("§3 二(四)3", &[p::SANATORIUM_SUBSIDY_CAP])
        };
        trace.step_reads(clause, reads, || {
            let group = match (row, st.priority_group.as_deref()) {
                (Some(r), _) => Some(m::stay_group_first(r.id, r.zh)),
                (None, Some(text)) => Some(m::stay_group_not_named(Arg::quoted(text))),
                (None, None) => None,
            };
            m::stay_settled(i + 1, group, st.participants, st.cost_per_person, cap, due, paid, status, left, per)
        });
        if let Some(slot) = settled.get_mut(i) {
            *slot = Some(StaySettlement {
                status,
                due,
                paid,
                reasons,
            });
        }
    }
    Ok(Allocation {
        stays: settled.into_iter().flatten().collect(),
        due_total,
        paid_total,
        left,
    })
}
