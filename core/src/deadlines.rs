//! Every dated deadline and window of the 2023 plan (`spec/editions/2023/deadlines.toml`).
//!
//! * [`upcoming`] — given a date, what falls due next, which windows are open, and what is overdue.

use alloc::vec::Vec;
use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::msg::m::deadlines as m;
use crate::params::{p::deadlines as p, Edition, PlanDate};
use crate::trace::Trace;

/// Input of `deadlines.upcoming`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct UpcomingInput {
    /// "Today": a date the edition answers for.
    pub date: NaiveDate,
    /// Only this programme's items (1–10 in the plan's list), when given.
    pub programme: Option<u32>,
}

/// One deadline or window, seen from `date`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct DatedItem {
    /// The item id.
    pub id: &'static str,
    /// The programme's number (1–10).
    pub programme: u32,
    /// The seed clause.
    pub clause: &'static str,
    /// `deadline` or `window`.
    pub kind: &'static str,
    /// The first day (a deadline's first day is its last).
    pub first: NaiveDate,
    /// The last day.
    pub last: NaiveDate,
    /// A clock time on the last day (`"16:00"`: before that time), or null.
    pub time: Option<&'static str>,
    /// The seed's words.
    pub zh: &'static str,
    /// Days from `date` to `last` (negative when overdue).
    pub days_to_last: i64,
}

/// Result of `deadlines.upcoming`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct Upcoming {
    /// The date asked about.
    pub date: NaiveDate,
    /// The items whose last day is the earliest on or after `date`.
    pub next: Vec<DatedItem>,
    /// The windows open on `date`.
    pub open: Vec<DatedItem>,
    /// Every item whose last day is on or after `date`, by last day.
    pub upcoming: Vec<DatedItem>,
    /// Every item whose last day is before `date`, by last day.
    pub overdue: Vec<DatedItem>,
}

fn item(p: &PlanDate, date: NaiveDate) -> DatedItem {
    DatedItem {
        id: p.id,
        programme: p.programme,
        clause: p.clause,
        kind: p.kind,
        first: p.first,
        last: p.last,
        time: if p.time.is_empty() { None } else { Some(p.time) },
        zh: p.zh,
        days_to_last: p.last.signed_duration_since(date).num_days(),
    }
}

/// Rule `deadlines.upcoming`: the plan's dated items seen from `date` — a last day on `date` is still
/// upcoming (an item with a clock time too: the date carries no time).
pub fn upcoming(ed: &Edition, input: &UpcomingInput, trace: &mut Trace) -> Result<Upcoming> {
    let table = ed.deadlines.items;
    ed.check_answer_date(input.date, "input.date")?;
    if let Some(n) = input.programme {
        let max = ed.programmes.targets.iter().map(|t| t.programme).max().unwrap_or(0);
        if n == 0 || n > max {
            return Err(Error::invalid("input.programme", m::not_a_programme("input.programme", max, n)));
        }
    }
    let mut chosen: Vec<&PlanDate> = table.iter().filter(|p| input.programme.is_none_or(|n| p.programme == n)).collect();
    chosen.sort_by_key(|p| (p.last, p.first));
    let date = input.date;
    let upcoming: Vec<DatedItem> = chosen.iter().filter(|p| p.last >= date).map(|p| item(p, date)).collect();
    let overdue: Vec<DatedItem> = chosen.iter().filter(|p| p.last < date).map(|p| item(p, date)).collect();
    let open: Vec<DatedItem> = chosen
        .iter()
        .filter(|p| p.kind == "window" && p.first <= date && date <= p.last)
        .map(|p| item(p, date))
        .collect();
    let next_last = upcoming.first().map(|i| i.last);
    let next: Vec<DatedItem> = upcoming.iter().filter(|i| Some(i.last) == next_last).cloned().collect();
    let title = |id: &str| table.iter().find(|p| p.id == id).map_or("", |p| p.title);
    for i in &next {
        trace.step_reads(i.clause, &[p::ITEMS], || {
            m::next_due(i.id, title(i.id), i.last, i.time.map(m::before_time), i.days_to_last, date)
        });
    }
    for i in &open {
        trace.step_reads(i.clause, &[p::ITEMS], || m::open(i.id, title(i.id), i.first, i.last));
    }
    trace.step_reads("附件 2", &[p::ITEMS], || {
        m::summary(upcoming.len(), open.len(), overdue.len(), date)
    });
    Ok(Upcoming {
        date,
        next,
        open,
        upcoming,
        overdue,
    })
}
