//! The working-day calendar: the notices' figures, Civil Code periods, and a host adding a year as data.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use shftu_rules::calendar::{Period, YearNotice};
use shftu_rules::{Calendar, Engine};

mod common;
use common::d;

#[test]
fn working_days_per_year_match_the_notices() {
    // shared/reference/legal-facts.md: 2023 has 249 working days, 2024 251, 2025 248.
    let cal = Calendar::builtin();
    for (year, expected) in [(2023, 249), (2024, 251), (2025, 248)] {
        let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        let mut n = 0;
        while day.year() == year {
            if cal.is_working_day(day).unwrap_or(false) {
                n += 1;
            }
            day = day.succ_opt().unwrap_or(NaiveDate::MAX);
        }
        assert_eq!(n, expected, "{year}");
    }
}

#[test]
fn each_year_cites_its_notice() {
    let cal = Calendar::builtin();
    let notices: Vec<(i32, &str)> = cal.notices().iter().map(|n| (n.year, n.notice.as_ref())).collect();
    assert_eq!(
        notices,
        [
            (2022, "国办发明电〔2021〕11号"),
            (2023, "国办发明电〔2022〕16号"),
            (2024, "国办发明电〔2023〕7号"),
            (2025, "国办发明电〔2024〕12号")
        ]
    );
}

#[test]
fn civil_code_periods() {
    // 第二百零二条: no corresponding day → the month's last day.
    assert_eq!(Period::Months(1).nominal_last_day(d("2023-01-31")), Some(d("2023-02-28")));
    assert_eq!(Period::Years(1).nominal_last_day(d("2024-02-29")), Some(d("2025-02-28")));
    assert_eq!(Period::Days(180).nominal_last_day(d("2023-03-01")), Some(d("2023-08-28")));
    // 第二百零三条: a last day on a rest day moves to the next working day; a make-up Sunday is a working day.
    let cal = Calendar::builtin();
    assert_eq!(cal.period_last_day(d("2023-12-31"), Period::Months(6)).ok(), Some(d("2024-07-01")));
    assert_eq!(cal.period_last_day(d("2023-09-01"), Period::Months(1)).ok(), Some(d("2023-10-07")));
    assert_eq!(cal.period_last_day(d("2023-09-08"), Period::Months(1)).ok(), Some(d("2023-10-08")));
    assert_eq!(cal.is_working_day(d("2023-10-08")).ok(), Some(true));
    assert_eq!(cal.is_working_day(d("2022-12-31")).ok(), Some(false));
}

#[test]
fn a_host_adds_a_year_as_data() {
    let cal = Calendar::builtin();
    assert_eq!(
        cal.add_working_days(d("2025-12-30"), 2).map_err(|e| e.code()),
        Err("calendar_unavailable")
    );
    // A made-up notice for 2026 (the test needs only its shape): New Year's Day off, one make-up Sunday.
    let cal = cal.with_year(YearNotice {
        year: 2026,
        notice: Cow::Borrowed("test notice"),
        rest_days: Cow::Owned(vec![d("2026-01-01")]),
        makeup_working_days: Cow::Owned(vec![d("2026-01-04")]),
    });
    // 2025-12-31 (Wed) is the first; 2026-01-01 is off; 01-02 (Fri) the second.
    assert_eq!(cal.add_working_days(d("2025-12-30"), 2).ok(), Some(d("2026-01-02")));
    assert_eq!(cal.is_working_day(d("2026-01-04")).ok(), Some(true));
    let engine = Engine::builtin().with_calendar(cal);
    let out = engine.evaluate(r#"{"rule":"calendar.add_working_days","input":{"from":"2025-12-30","days":3}}"#);
    assert!(out.contains(r#""date":"2026-01-04""#), "{out}");
}

#[test]
fn the_rule_is_bounded_by_the_calendar_not_the_edition() {
    // 18.4: calendar.add_working_days answers for every year the holiday calendar holds (2022–2025), not
    // only the plan's; a start in a year it does not hold is calendar_unavailable at input.from, even for
    // zero days, and a count that runs past it at input.days.
    let engine = Engine::builtin();
    let ask = |from: &str, days: u32| {
        engine.evaluate(&format!(
            r#"{{"rule":"calendar.add_working_days","input":{{"from":"{from}","days":{days}}}}}"#
        ))
    };
    assert!(ask("2022-03-01", 1).contains(r#""date":"2022-03-02""#));
    assert!(ask("2025-06-03", 0).contains(r#""date":"2025-06-03""#));
    for (from, days, path) in [
        ("2026-01-05", 0, "input.from"),
        ("2021-06-01", 1, "input.from"),
        ("2025-12-30", 5, "input.days"),
    ] {
        let out = ask(from, days);
        assert!(out.contains(r#""code":"calendar_unavailable""#), "{out}");
        assert!(out.contains(&format!(r#""path":"{path}""#)), "{out}");
    }
}
