//! The PRC working-day calendar and the Civil Code's rules for counting periods.
//!
//! * A day is a **working day** when it is a make-up working day (调休上班日), or a Monday to Friday that
//!   no State Council notice lists as a rest day (`spec/calendar/cn-holidays.json`, one notice a year).
//! * A **period** of years, months or days (民法典 第二百零一条至第二百零三条) does not count its start
//!   day; a year or month period ends on the same-numbered day of the final month, or on that month's
//!   last day when it has none; a last day that is a rest day moves to the next working day.
//!
//! A date in a year the calendar holds no notice for is [`Error::CalendarUnavailable`]; a host adds a
//! year's notice as data with [`Calendar::with_year`].

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::{Error, Result};
use crate::trace::Trace;

/// One year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearNotice {
    /// The year the notice is for.
    pub year: i32,
    /// The notice's number, e.g. `国办发明电〔2022〕16号`.
    pub notice: Cow<'static, str>,
    /// The days off it lists (sorted); they may spill into the year before (2022-12-31 in 2023's).
    pub rest_days: Cow<'static, [NaiveDate]>,
    /// The weekend days it makes working days (调休上班), sorted.
    pub makeup_working_days: Cow<'static, [NaiveDate]>,
}

include!(concat!(env!("OUT_DIR"), "/calendar_data.rs"));

pub use crate::period::Period;

/// The working-day calendar: the State Council notices the library (or its host) holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    years: Cow<'static, [YearNotice]>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::builtin()
    }
}

impl Calendar {
    /// The notices built into the library (2022–2025).
    pub const fn builtin() -> Calendar {
        Calendar {
            years: Cow::Borrowed(BUILTIN_YEARS),
        }
    }

    /// This calendar with `notice` added (replacing any notice for the same year).
    pub fn with_year(self, mut notice: YearNotice) -> Calendar {
        notice.rest_days.to_mut().sort_unstable();
        notice.makeup_working_days.to_mut().sort_unstable();
        let mut years: Vec<YearNotice> = self.years.into_owned();
        years.retain(|y| y.year != notice.year);
        years.push(notice);
        years.sort_by_key(|y| y.year);
        Calendar { years: Cow::Owned(years) }
    }

    /// The notices, by year.
    pub fn notices(&self) -> &[YearNotice] {
        &self.years
    }

    fn known(&self) -> String {
        let ys: Vec<i32> = self.years.iter().map(|y| y.year).collect();
        match (ys.first(), ys.last()) {
            (Some(a), Some(b)) if ys.windows(2).all(|w| matches!(w, [x, y] if y - x == 1)) => format!("{a}–{b}"),
            _ => ys.iter().map(|y| format!("{y}")).collect::<Vec<_>>().join(", "),
        }
    }

    fn unavailable(&self, date: NaiveDate) -> Error {
        Error::CalendarUnavailable {
            date,
            known: self.known(),
            path: None,
        }
    }

    /// Is `d` a working day? `CalendarUnavailable` when no notice covers its year.
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool> {
        if !self.years.iter().any(|y| y.year == d.year()) {
            return Err(self.unavailable(d));
        }
        if self.years.iter().any(|y| y.makeup_working_days.binary_search(&d).is_ok()) {
            return Ok(true);
        }
        if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            return Ok(false);
        }
        Ok(!self.years.iter().any(|y| y.rest_days.binary_search(&d).is_ok()))
    }

    /// `d` itself when it is a working day, else the next working day.
    pub fn working_day_on_or_after(&self, d: NaiveDate) -> Result<NaiveDate> {
        let mut day = d;
        while !self.is_working_day(day)? {
            day = day.succ_opt().ok_or_else(|| self.unavailable(day))?;
        }
        Ok(day)
    }

    /// The `n`-th working day after `from`, `from` not counted (`n = 0` gives `from`).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().ok_or_else(|| self.unavailable(day))?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The last day of `period` counted from `start` (民法典 第二百零一条至第二百零三条): the nominal last
    /// day, moved to the next working day when it is a rest day.
    pub fn period_last_day(&self, start: NaiveDate, period: Period) -> Result<NaiveDate> {
        let nominal = period.nominal_last_day(start).ok_or_else(|| self.unavailable(start))?;
        self.working_day_on_or_after(nominal)
    }
}

/// Input of `calendar.add_working_days`.
#[derive(Debug, Clone, PartialEq, Eq, crate::Wire)]
pub struct AddWorkingDaysInput {
    /// The start day (not counted).
    pub from: NaiveDate,
    /// How many working days.
    pub days: u32,
}

/// Result of `calendar.add_working_days`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, crate::Described)]
pub struct AddWorkingDays {
    /// The `days`-th working day after `from`.
    pub date: NaiveDate,
}

/// The clause of `calendar.add_working_days`: the plan's two working-day deadlines it counts.
const WORKING_DAYS: &str = "…个工作日内 (§5 二(三), §7 三(三))";

/// Rule `calendar.add_working_days`: the N-th working day after `from` (`from` not counted), skipping
/// weekends and statutory holidays and counting make-up working days — the count of the plan's
/// "…个工作日内" (§5 二(三) payment, §7 三(三) dispatch). Bounded by the holiday calendar, not the edition:
/// a `from` in a year no notice covers is `calendar_unavailable` at `input.from`, a count that runs past
/// the calendar at `input.days`.
pub fn add_working_days(calendar: &Calendar, input: &AddWorkingDaysInput, trace: &mut Trace) -> Result<AddWorkingDays> {
    calendar.is_working_day(input.from).map_err(|e| e.at_path("input.from"))?;
    let date = calendar
        .add_working_days(input.from, input.days)
        .map_err(|e| e.at_path("input.days"))?;
    trace.step(WORKING_DAYS, || {
        crate::msg::m::calendar::working_days_after(input.days, input.from, date)
    });
    Ok(AddWorkingDays { date })
}
