//! The column kernels answer exactly what the typed rules answer, row by row.

use chrono::Days;
use proptest::prelude::*;
use shftu_rules::batch::{checkup_split, days_from_epoch, e_premium_by_start, hospital_days_cap, CheckupFen, HospitalDaysOut};
use shftu_rules::checkup::{quote, Package, QuoteInput, QuoteLine};
use shftu_rules::mutual_aid::{adjudicate, enroll, AdjudicateInput, Benefit, Channel, Claim, EnrollInput, Industry, Policy, Tier};
use shftu_rules::{Calendar, Trace};

mod common;
use common::{d, ed};

proptest! {
    #[test]
    fn checkup_split_is_the_quote_of_each_row(rows in prop::collection::vec((0u8..10, prop::option::of(0u32..5_000)), 0..200)) {
        let t = CheckupFen::new(ed()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let codes: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let counts: Vec<u32> = rows.iter().map(|r| r.1.unwrap_or(1)).collect();
        let n = rows.len();
        let (mut p, mut s, mut y, mut ok) = (vec![0_i64; n], vec![0; n], vec![0; n], vec![false; n]);
        checkup_split(&t, &codes, Some(&counts), &mut p, &mut s, &mut y, &mut ok).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The same rows into i128 columns (a decimal128 with scale 2 is fen in an i128): the same fen.
        let (mut p2, mut s2, mut y2, mut ok2) = (vec![0_i128; n], vec![0; n], vec![0; n], vec![false; n]);
        checkup_split(&t, &codes, Some(&counts), &mut p2, &mut s2, &mut y2, &mut ok2).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let wide = |v: &[i64]| v.iter().map(|x| i128::from(*x)).collect::<Vec<_>>();
        prop_assert_eq!((wide(&p), wide(&s), wide(&y), &ok), (p2, s2, y2, &ok2));
        for i in 0..n {
            match Package::ALL.get(usize::from(codes[i])) {
                Some(pkg) => {
                    let q = quote(ed(), &QuoteInput { lines: vec![QuoteLine { package: *pkg, count: counts[i] }] }, &mut Trace::off())
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert!(ok[i]);
                    prop_assert_eq!(Some(p[i]), q.total.price.to_fen());
                    prop_assert_eq!(Some(s[i]), q.total.subsidy.to_fen());
                    prop_assert_eq!(Some(y[i]), q.total.payable.to_fen());
                    prop_assert_eq!(p[i], s[i] + y[i]);
                }
                None => prop_assert!(!ok[i]),
            }
        }
    }

    #[test]
    fn e_premium_by_start_is_the_fee_of_an_accepted_enrolment(offset in 0u64..396, channel in prop::sample::select(Channel::ALL.to_vec())) {
        let date = d("2022-12-01") + Days::new(offset); // the plan's dates (an enrolment outside them is invalid_input)
        let input = EnrollInput { tier: Tier::E, channel, date, industry: Industry::Courier, birth_date: d("1990-01-01"), platform_worker: true, renewing_2022_plan: false, already_enrolled: false };
        let out = enroll(ed(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let (Some(start), Some(fee)) = (out.coverage_start, out.fee) {
            let (mut prem, mut ok) = (vec![0i64], vec![false]);
            e_premium_by_start(ed(), &[days_from_epoch(start)], &mut prem, &mut ok).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(ok[0]);
            prop_assert_eq!(Some(prem[0]), fee.to_fen());
        }
    }

    #[test]
    fn hospital_days_cap_is_adjudicate_for_hospital_claims(tier in prop::sample::select(Tier::ALL.to_vec()), days in prop::collection::vec(1u32..120, 0..12)) {
        let claims: Vec<Claim> = days.iter().enumerate().map(|(i, &n)| {
            let ev = d("2023-01-05") + Days::new(i as u64 * 20);
            Claim { benefit: Benefit::HospitalDays, event_date: ev, filed_on: ev + Days::new(30), days: Some(n), grade: None, amount: None }
        }).collect();
        let input = AdjudicateInput { policy: Policy { tier, coverage_start: d("2023-01-01"), coverage_end: d("2023-12-31"), changes: vec![] }, claims };
        let typed = adjudicate(ed(), &Calendar::builtin(), &input, &mut Trace::off()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let n = days.len();
        let (mut used, mut pd, mut pay, mut ok) = (vec![0u32; 1], vec![0u32; n], vec![0i64; n], vec![false; n]);
        hospital_days_cap(ed(), tier, &vec![0; n], &days, &mut used, HospitalDaysOut { paid_days: &mut pd, payable: &mut pay, ok: &mut ok }).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, dec) in typed.decisions.iter().enumerate() {
            if tier == Tier::C {
                prop_assert!(!ok[i]);
            } else {
                prop_assert!(ok[i]);
                prop_assert_eq!(Some(pay[i]), dec.payable.to_fen());
            }
        }
    }
}

#[test]
fn bad_rows_are_marked_and_lengths_must_agree() {
    let t = CheckupFen::new(ed()).unwrap_or_else(|e| unreachable(&e.to_string()));
    let (mut p, mut s, mut y, mut ok) = (vec![1_i64; 2], vec![1; 2], vec![1; 2], vec![true; 2]);
    assert!(checkup_split(&t, &[0, 200], None::<&[u32]>, &mut p, &mut s, &mut y, &mut ok).is_ok());
    assert_eq!((p, ok), (vec![31_000, 0], vec![true, false]));
    let (mut p1, mut s1, mut y1, mut ok1) = (vec![0_i64; 1], vec![0; 1], vec![0; 1], vec![false; 1]);
    let err = checkup_split(&t, &[0, 1], None::<&[u32]>, &mut p1, &mut s1, &mut y1, &mut ok1).err();
    assert_eq!(err.map(|e| e.code()), Some("invalid_input"));
    // Counts of any integer type, read in place: below 0 or above u32::MAX is a bad row.
    let (mut p2, mut s2, mut y2, mut ok2) = (vec![9_i64; 4], vec![9; 4], vec![9; 4], vec![true; 4]);
    let counts: [i64; 4] = [2, -1, 1 << 32, 0];
    assert!(checkup_split(&t, &[0, 0, 0, 0], Some(&counts[..]), &mut p2, &mut s2, &mut y2, &mut ok2).is_ok());
    assert_eq!((p2, ok2), (vec![62_000, 0, 0, 0], vec![true, false, false, true]));
    let (mut prem, mut ok) = (vec![0i64; 1], vec![true; 1]);
    assert!(e_premium_by_start(ed(), &[days_from_epoch(d("2024-01-01"))], &mut prem, &mut ok).is_ok());
    assert!(!ok[0], "a start after the coverage end is a bad row");
}

#[allow(clippy::panic)]
fn unreachable(msg: &str) -> ! {
    panic!("{msg}")
}
