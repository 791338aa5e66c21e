//! The column kernels answer exactly what the typed rules answer, row by row; a null is an error naming
//! the row and the column, never a default value.

use chrono::Days;
use proptest::prelude::*;
use shftu_rules::batch::{
    adjudicate_population, checkup_split, days_from_epoch, e_premium_by_start, enroll_rows, hospital_days, reason_of, row_error,
    status_error, tier_code, Bitmap, CheckupFen, ClaimRow, Col, HospitalDaysOut, RowError, SplitOut, CHECKUP_COLUMNS, ROW_OK,
};
use shftu_rules::checkup::{quote, Package, QuoteInput, QuoteLine};
use shftu_rules::mutual_aid::{adjudicate, enroll, AdjudicateInput, Benefit, Channel, Claim, EnrollInput, Industry, Policy, Tier};
use shftu_rules::{Calendar, Trace};

mod common;
use common::{d, ed};

fn bits(valid: &[bool]) -> Vec<u8> {
    let mut out = vec![0u8; valid.len().div_ceil(8)];
    for (i, v) in valid.iter().enumerate() {
        if let (true, Some(byte)) = (*v, out.get_mut(i / 8)) {
            *byte |= 1 << (i % 8);
        }
    }
    out
}

proptest! {
    #[test]
    fn checkup_split_is_the_quote_of_each_row(rows in prop::collection::vec((0u8..10, prop::option::of(0u32..5_000)), 0..200)) {
        let t = CheckupFen::new(ed()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let codes: Vec<u8> = rows.iter().map(|r| r.0).collect();
        // A null count is a null, not a count of one.
        let counts: Vec<u32> = rows.iter().map(|r| r.1.unwrap_or(7)).collect();
        let valid: Vec<bool> = rows.iter().map(|r| r.1.is_some()).collect();
        let validity = bits(&valid);
        let count = Col { values: &counts[..], validity: Some(Bitmap { bytes: &validity, offset: 0 }) };
        let n = rows.len();
        let (mut p, mut s, mut y, mut st) = (vec![0_i64; n], vec![0; n], vec![0; n], vec![0u16; n]);
        checkup_split(&t, Col::dense(&codes), Some(count), SplitOut { unit_price: None, price: Some(&mut p), subsidy: Some(&mut s), payable: Some(&mut y) }, &mut st)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The same rows into i128 columns (a decimal128 with scale 2 is fen in an i128): the same fen.
        let (mut p2, mut s2, mut y2, mut st2) = (vec![0_i128; n], vec![0; n], vec![0; n], vec![0u16; n]);
        checkup_split(&t, Col::dense(&codes), Some(count), SplitOut { unit_price: None, price: Some(&mut p2), subsidy: Some(&mut s2), payable: Some(&mut y2) }, &mut st2)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let wide = |v: &[i64]| v.iter().map(|x| i128::from(*x)).collect::<Vec<_>>();
        prop_assert_eq!((wide(&p), wide(&s), wide(&y), &st), (p2, s2, y2, &st2));
        for i in 0..n {
            match (Package::ALL.get(usize::from(codes[i])), rows[i].1) {
                // The first column's error is named first.
                (None, _) => prop_assert_eq!(row_error(st[i]), Some((RowError::UnknownCode, 0))),
                (Some(_), None) => {
                    prop_assert_eq!(row_error(st[i]), Some((RowError::Null, 1)));
                    let e = status_error(st[i], i, CHECKUP_COLUMNS).map(|e| (e.code(), e.path().map(str::to_owned)));
                    prop_assert_eq!(e, Some(("invalid_input", Some(format!("rows[{i}].count")))));
                    prop_assert_eq!((p[i], s[i], y[i]), (0, 0, 0));
                }
                (Some(pkg), Some(c)) => {
                    let q = quote(ed(), &QuoteInput { lines: vec![QuoteLine { package: *pkg, count: c }] }, &mut Trace::off())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(st[i], ROW_OK);
                    prop_assert_eq!(Some(p[i]), q.total.price.to_fen());
                    prop_assert_eq!(Some(s[i]), q.total.subsidy.to_fen());
                    prop_assert_eq!(Some(y[i]), q.total.payable.to_fen());
                    prop_assert_eq!(p[i], s[i] + y[i]);
                }
            }
        }
    }

    #[test]
    fn e_premium_by_start_is_the_fee_of_an_accepted_enrolment(offset in 0u64..420, channel in prop::sample::select(Channel::ALL.to_vec())) {
        let date = d("2022-11-15") + Days::new(offset);
        let input = EnrollInput { tier: Tier::E, channel, date, industry: Industry::Courier, birth_date: d("1990-01-01"), platform_worker: true, renewing_2022_plan: false, already_enrolled: false };
        let out = enroll(ed(), &input, &mut Trace::off());
        if let Ok(out) = out {
            if let (Some(start), Some(fee)) = (out.coverage_start, out.fee) {
                let (mut prem, mut st) = (vec![0i64], vec![0u16]);
                e_premium_by_start(ed(), Col::dense(&[days_from_epoch(start)]), &mut prem, &mut st).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(st[0], ROW_OK);
                prop_assert_eq!(Some(prem[0]), fee.to_fen());
            }
        }
    }

    #[test]
    fn hospital_days_is_adjudicate_for_hospital_claims(tier in prop::sample::select(Tier::ALL.to_vec()), days in prop::collection::vec(1u32..120, 0..12)) {
        let claims: Vec<Claim> = days.iter().enumerate().map(|(i, &n)| {
            let ev = d("2023-01-05") + Days::new(i as u64 * 20);
            Claim { benefit: Benefit::HospitalDays, event_date: ev, filed_on: ev + Days::new(30), days: Some(n), grade: None, amount: None }
        }).collect();
        let input = AdjudicateInput { policy: Policy { tier, coverage_start: d("2023-01-01"), coverage_end: d("2023-12-31"), changes: vec![] }, claims };
        let typed = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let n = days.len();
        let (mut used, mut pd, mut pay, mut rs, mut st) = (vec![[0u32; 3]; 1], vec![0u32; n], vec![0i64; n], vec![0u8; n], vec![0u16; n]);
        let tiers = vec![tier_code(tier); n];
        hospital_days(ed(), Col::dense(&vec![0; n]), Col::dense(&days), Some(Col::dense(&tiers)), Tier::E, &mut used,
            HospitalDaysOut { paid_days: &mut pd, payable: &mut pay, reason: &mut rs, status: &mut st }).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, dec) in typed.decisions.iter().enumerate() {
            prop_assert_eq!(st[i], ROW_OK);
            prop_assert_eq!(Some(pay[i]), dec.payable.to_fen());
            prop_assert_eq!(reason_of(rs[i]).into_iter().collect::<Vec<_>>(), dec.reasons.clone());
        }
    }
}

#[test]
fn bad_rows_are_marked_and_lengths_must_agree() {
    let t = CheckupFen::new(ed()).unwrap_or_else(|e| unreachable(&e.to_string()));
    let (mut p, mut st) = (vec![1_i64; 2], vec![9u16; 2]);
    let out = SplitOut {
        price: Some(&mut p[..]),
        ..Default::default()
    };
    assert!(checkup_split(&t, Col::dense(&[0, 200]), None::<Col<'_, u32>>, out, &mut st).is_ok());
    assert_eq!(p, vec![31_000, 0]);
    assert_eq!(st[0], ROW_OK);
    assert_eq!(row_error(st[1]), Some((RowError::UnknownCode, 0)));
    let (mut p1, mut st1) = (vec![0_i64; 1], vec![0u16; 1]);
    let out = SplitOut {
        price: Some(&mut p1[..]),
        ..Default::default()
    };
    let err = checkup_split(&t, Col::dense(&[0, 1]), None::<Col<'_, u32>>, out, &mut st1).err();
    assert_eq!(err.map(|e| e.code()), Some("invalid_input"));
    // Counts of any integer type, read in place: below 0 or above u32::MAX is a bad row.
    let (mut p2, mut st2) = (vec![9_i64; 4], vec![9u16; 4]);
    let counts: [i64; 4] = [2, -1, 1 << 32, 0];
    let out = SplitOut {
        price: Some(&mut p2[..]),
        ..Default::default()
    };
    assert!(checkup_split(&t, Col::dense(&[0, 0, 0, 0]), Some(Col::dense(&counts[..])), out, &mut st2).is_ok());
    assert_eq!(p2, vec![62_000, 0, 0, 0]);
    assert_eq!(
        st2.iter().map(|s| row_error(*s).map(|e| e.0)).collect::<Vec<_>>(),
        vec![None, Some(RowError::OutOfRange), Some(RowError::OutOfRange), None]
    );
    let (mut prem, mut st3) = (vec![0i64; 1], vec![0u16; 1]);
    assert!(e_premium_by_start(ed(), Col::dense(&[days_from_epoch(d("2024-01-01"))]), &mut prem, &mut st3).is_ok());
    assert_eq!(
        row_error(st3[0]),
        Some((RowError::OutsideDates, 0)),
        "a start after the coverage end is a bad row"
    );
}

#[test]
fn a_population_is_decided_per_policy_whatever_the_rows_order() {
    let policy = |tier| Policy {
        tier,
        coverage_start: d("2023-01-01"),
        coverage_end: d("2023-12-31"),
        changes: vec![],
    };
    let claim = |b, ev: &str, days| Claim {
        benefit: b,
        event_date: d(ev),
        filed_on: d("2023-12-01"),
        days,
        grade: None,
        amount: None,
    };
    let rows = vec![
        Ok(ClaimRow {
            key: "a",
            policy: policy(Tier::E),
            claim: claim(Benefit::HospitalDays, "2023-03-01", Some(100)),
        }),
        Ok(ClaimRow {
            key: "b",
            policy: policy(Tier::D),
            claim: claim(Benefit::HospitalDays, "2023-03-01", Some(100)),
        }),
        Ok(ClaimRow {
            key: "a",
            policy: policy(Tier::E),
            claim: claim(Benefit::HospitalDays, "2023-05-01", Some(100)),
        }),
        // The policy differs from the first row of "b": an error for this row only.
        Ok(ClaimRow {
            key: "b",
            policy: policy(Tier::E),
            claim: claim(Benefit::HospitalDays, "2023-05-01", Some(10)),
        }),
        // A field that does not apply: this claim only.
        Ok(ClaimRow {
            key: "b",
            policy: policy(Tier::D),
            claim: claim(Benefit::DiseaseDeath, "2023-05-01", Some(3)),
        }),
    ];
    let out = adjudicate_population(ed(), &Calendar::builtin(), rows);
    let payable: Vec<Option<String>> = out.iter().map(|r| r.as_ref().ok().map(|d| d.payable.to_string())).collect();
    assert_eq!(
        payable,
        vec![Some("30000.00".into()), Some("6000.00".into()), Some("24000.00".into()), None, None]
    );
    // Errors name the row, not the request the kernel made of its policy.
    assert_eq!(out[3].as_ref().err().map(|e| e.path()), Some(Some("rows[3]")));
    let e4 = out[4].as_ref().err();
    assert_eq!(e4.map(|e| e.path()), Some(Some("rows[4].days")));
    assert!(e4.is_some_and(|e| e.to_string().starts_with("rows[4].days ")), "{e4:?}");
}

#[test]
fn an_enrolment_row_error_names_its_row_in_path_and_message() {
    let input = |date: &str| EnrollInput {
        tier: Tier::C,
        channel: Channel::Group,
        date: d(date),
        industry: Industry::Courier,
        birth_date: d("2000-01-01"),
        platform_worker: false,
        renewing_2022_plan: false,
        already_enrolled: false,
    };
    let rows = [input("2023-03-01"), input("2022-11-01")];
    let mut out = Vec::new();
    enroll_rows(ed(), rows.len(), |i| Ok(rows[i].clone()), |_, a| out.push(a));
    assert!(out[0].is_ok());
    let single = enroll(ed(), &rows[1], &mut Trace::off()).err().map(|e| e.to_string());
    let row = out[1].as_ref().err();
    assert_eq!(row.map(|e| e.path()), Some(Some("rows[1].date")));
    assert_eq!(row.map(|e| e.to_string()), single.map(|s| s.replacen("input.", "rows[1].", 1)));
    assert!(
        row.is_some_and(|e| e.to_string().starts_with("rows[1].date 2022-11-01 is outside")),
        "{row:?}"
    );
}

#[allow(clippy::panic, reason = "a test helper")]
fn unreachable(msg: &str) -> ! {
    panic!("{msg}")
}
