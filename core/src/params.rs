//! The edition tables: every parameter of the plan, generated at build time from `spec/editions/`.
//!
//! Each family of rules reads its own struct (`edition.mutual_aid`, `edition.checkup`, …). The doc
//! comment of every field cites the seed clause and the Chinese words the value comes from; the same
//! citations are available at run time in [`PARAMETERS`].

use alloc::borrow::ToOwned;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

/// A window of dates, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DateRange {
    /// The first day of the window.
    pub first: NaiveDate,
    /// The last day of the window.
    pub last: NaiveDate,
}

impl DateRange {
    /// Does the window hold `d`?
    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }
}

/// A value for each mutual-aid tier (C, D, E); `None` where the tier has no such benefit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Tiered<T> {
    /// C 类.
    pub c: T,
    /// D 类.
    pub d: T,
    /// E 类.
    pub e: T,
}

/// The citation of one parameter of one built-in edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ParameterInfo {
    /// The edition (`"2023"`).
    pub edition: &'static str,
    /// `family.name`, e.g. `mutual_aid.e_premium_full_year`.
    pub id: &'static str,
    /// The kind of value (`money`, `date`, `tiered_money`, `table`, …).
    pub kind: &'static str,
    /// The unit.
    pub unit: &'static str,
    /// The seed clause.
    pub clause: &'static str,
    /// The Chinese words of the seed the value comes from.
    pub zh: &'static str,
}

/// A decimal from mantissa and scale, for the generated tables.
pub(crate) const fn dec(mantissa: i64, scale: u32) -> Decimal {
    let neg = mantissa < 0;
    let abs = mantissa.unsigned_abs();
    #[allow(clippy::cast_possible_truncation, reason = "the words of a u64, masked by the casts on purpose")]
    let (lo, mid) = (abs as u32, (abs >> 32) as u32);
    Decimal::from_parts(lo, mid, 0, neg, scale)
}

/// A date for the generated tables; the build script has already checked that it exists.
pub(crate) const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(x) => x,
        None => NaiveDate::MIN,
    }
}

/// A date and time (to the minute) for the generated tables.
#[allow(dead_code, reason = "used only when an edition has a date-and-time parameter")]
pub(crate) const fn ymd_hm(y: i32, m: u32, d: u32, h: u32, mi: u32) -> NaiveDateTime {
    let t = match NaiveTime::from_hms_opt(h, mi, 0) {
        Some(t) => t,
        None => NaiveTime::MIN,
    };
    NaiveDateTime::new(ymd(y, m, d), t)
}

include!(concat!(env!("OUT_DIR"), "/editions.rs"));

/// A parameter of the plan (`p::mutual_aid::E_PREMIUM_FULL`), as a trace step names what it read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Param(pub(crate) u16);

impl Param {
    /// The id, `family.name`.
    pub fn id(self) -> &'static str {
        PARAM_IDS.get(usize::from(self.0)).copied().unwrap_or("")
    }

    /// Its value in `ed`, as JSON (money as a decimal string, a table as an array of rows).
    pub fn value(self, ed: &Edition) -> serde_json::Value {
        param_value(ed, self.0)
    }

    /// Its citation in `ed` (the built-in edition's, else the first edition's).
    pub fn info(self, ed: &Edition) -> Option<&'static ParameterInfo> {
        let id = self.id();
        PARAMETERS
            .iter()
            .find(|p| p.edition == ed.name && p.id == id)
            .or_else(|| PARAMETERS.iter().find(|p| p.id == id))
    }
}

impl Edition {
    /// How messages, money, dates and clauses are written for this edition in `lang` (Chinese cites the
    /// clauses by the edition's document number), for hosts that render errors and traces themselves.
    pub fn render(&self, lang: crate::msg::Lang) -> crate::msg::Render<'static> {
        crate::msg::Render::new(lang, self.meta.document)
    }

    /// `invalid_input` at `path` unless `d` is a date the plan governs (`meta.plan_dates`: the dates of
    /// its enrolments, cover, activities and deadlines). The 2023 caps are never applied to 2099.
    pub fn check_plan_date(&self, d: NaiveDate, path: &str) -> crate::error::Result<()> {
        let r = self.meta.plan_dates;
        if r.contains(d) {
            return Ok(());
        }
        Err(crate::Error::invalid(
            path,
            crate::msg::m::read::outside_plan_dates(path.to_owned(), d, self.name, r.first, r.last),
        ))
    }

    /// `invalid_input` at `path` unless `d` is a date the edition can answer for (`meta.answer_dates`:
    /// the plan's dates and the claim windows that run past them).
    pub fn check_answer_date(&self, d: NaiveDate, path: &str) -> crate::error::Result<()> {
        let r = self.meta.answer_dates;
        if r.contains(d) {
            return Ok(());
        }
        Err(crate::Error::invalid(
            path,
            crate::msg::m::read::outside_answer_dates(path.to_owned(), d, self.name, r.first, r.last),
        ))
    }
}
