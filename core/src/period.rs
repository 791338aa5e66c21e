//! Periods as the Civil Code counts them (民法典 第二百零一条至第二百零二条): years, months, days.

use alloc::format;
use alloc::string::String;
use chrono::{Days, Months, NaiveDate};

/// A length of time as the Civil Code counts it. Serialised in its ISO 8601 form (`P6M`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `n` years (`P2Y`).
    Years(u32),
    /// `n` months (`P6M`).
    Months(u32),
    /// `n` days (`P180D`).
    Days(u32),
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl Period {
    /// The ISO 8601 form: `P2Y`, `P6M`, `P180D`.
    pub fn iso(self) -> String {
        match self {
            Period::Years(n) => format!("P{n}Y"),
            Period::Months(n) => format!("P{n}M"),
            Period::Days(n) => format!("P{n}D"),
        }
    }

    /// The nominal last day of the period that starts after `start` (民法典 第二百零一、二百零二条):
    /// the start day is not counted; a year or month period ends on the same-numbered day of the final
    /// month, or that month's last day when it has none. `None` past the end of the representable dates.
    pub fn nominal_last_day(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Years(n) => start.checked_add_months(Months::new(n.checked_mul(12)?)),
            Period::Months(n) => start.checked_add_months(Months::new(n)),
            Period::Days(n) => start.checked_add_days(Days::new(u64::from(n))),
        }
    }
}

impl crate::shape::Described for Period {
    fn shape() -> crate::shape::Shape {
        crate::shape::Shape::Text
    }
}
