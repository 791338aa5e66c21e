//! The column kernels answer exactly what the typed rules answer, row by row; a null is an error naming
//! the row and the column, never a default value.

use chrono::Days;
use proptest::prelude::*;
use shftu_rules::batch::{
    adjudicate_population, checkup_split, checkup_split_keys, days_from_epoch, e_premium_by_start, enroll_rows, hospital_days, key_codes,
    reason_of, row_error, row_status, status_error, tier_code, Bitmap, CheckupFen, ClaimRow, Col, HospitalDaysOut, RowError, SplitCols,
    SplitOut, CHECKUP_COLUMNS, ROW_OK,
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
    fn checkup_split_keys_is_checkup_split_and_the_quote(
        names in prop::collection::vec(prop::option::of(0usize..64), 0..12),
        rows in prop::collection::vec((prop::option::of(-2i32..14), prop::option::of(prop_oneof![-3i64..3_000, Just(1i64 << 32), Just(i64::MAX)])), 0..2_500),
        has_count in any::<bool>(),
        want in prop::array::uniform4(any::<bool>()),
        offset in 0usize..8,
    ) {
        let t = CheckupFen::new(ed()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The dictionary: packages by code and by the catalogue's names, names of nothing, nulls.
        let mut pool: Vec<&str> = Package::ALL.iter().map(|p| p.as_str()).collect();
        pool.extend(shftu_rules::msg::aliases_of("checkup.package").map(|(a, _)| a));
        pool.extend(["", "nope", "L9", "CARDIO"]);
        let dict: Vec<Option<&str>> = names.iter().map(|n| n.map(|i| pool[i % pool.len()])).collect();
        let codes = key_codes(dict.iter().copied());
        prop_assert_eq!(codes.len(), dict.len());
        let n = rows.len();
        // The columns start `offset` rows into their bitmaps, as a sliced Arrow array does.
        let mut kv = vec![true; offset];
        kv.extend(rows.iter().map(|r| r.0.is_some()));
        let mut cv = vec![true; offset];
        cv.extend(rows.iter().map(|r| r.1.is_some()));
        let (kbits, cbits) = (bits(&kv), bits(&cv));
        let keys: Vec<i32> = rows.iter().map(|r| r.0.unwrap_or(-7)).collect();
        let counts: Vec<i64> = rows.iter().map(|r| r.1.unwrap_or(5)).collect();
        let kcol = Col { values: &keys[..], validity: Some(Bitmap { bytes: &kbits, offset }) };
        let ccol = has_count.then_some(Col { values: &counts[..], validity: Some(Bitmap { bytes: &cbits, offset }) });
        // checkup_split on the rows' package codes: a null key a null package, a key outside the dictionary
        // no package.
        let pcodes: Vec<u8> = keys.iter().map(|k| usize::try_from(*k).ok().and_then(|k| codes.get(k)).copied().unwrap_or(u8::MAX)).collect();
        let (mut u, mut p, mut s, mut y, mut st) = (vec![0_i64; n], vec![0; n], vec![0; n], vec![0; n], vec![0u16; n]);
        checkup_split(&t, Col { values: &pcodes[..], validity: kcol.validity }, ccol, SplitOut { unit_price: Some(&mut u), price: Some(&mut p), subsidy: Some(&mut s), payable: Some(&mut y) }, &mut st)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        // The keys kernel, only the columns wanted (appended after what the outputs already hold), in i64
        // and in i128.
        let mut outs: [Vec<i64>; 4] = std::array::from_fn(|_| vec![-1]);
        let mut wide: [Vec<i128>; 4] = std::array::from_fn(|_| Vec::new());
        let mut bad = vec![];
        let mut bad2 = vec![];
        {
            let [a, b, c, d] = &mut outs;
            let pick = |w: bool, v| w.then_some(v);
            let out = SplitCols { unit_price: pick(want[0], a), price: pick(want[1], b), subsidy: pick(want[2], c), payable: pick(want[3], d) };
            checkup_split_keys(&t, &codes, kcol, ccol, out, &mut bad).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let [a, b, c, d] = &mut wide;
            let out = SplitCols { unit_price: Some(a), price: Some(b), subsidy: Some(c), payable: Some(d) };
            checkup_split_keys(&t, &codes, kcol, ccol, out, &mut bad2).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        for (i, (o, x)) in outs.iter().zip([&u, &p, &s, &y]).enumerate() {
            if want[i] {
                prop_assert_eq!(o.first(), Some(&-1));
                prop_assert_eq!(&o[1..], &x[..]);
            } else {
                prop_assert_eq!(o, &vec![-1]);
            }
            prop_assert_eq!(&wide[i], &x.iter().map(|v| i128::from(*v)).collect::<Vec<_>>());
        }
        let dense: Vec<(usize, u16)> = st.iter().copied().enumerate().filter(|(_, s)| *s != ROW_OK).collect();
        prop_assert_eq!(&bad, &dense);
        prop_assert_eq!(&bad2, &dense);
        // The ok rows are the typed rule's quote.
        for i in 0..n {
            if st[i] != ROW_OK {
                continue;
            }
            let pkg = Package::ALL[usize::from(pcodes[i])];
            let c = if has_count { u32::try_from(counts[i]).map_err(|e| TestCaseError::fail(e.to_string()))? } else { 1 };
            let q = quote(ed(), &QuoteInput { lines: vec![QuoteLine { package: pkg, count: c }] }, &mut Trace::off())
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!((Some(p[i]), Some(s[i]), Some(y[i])), (q.total.price.to_fen(), q.total.subsidy.to_fen(), q.total.payable.to_fen()));
            prop_assert_eq!(Some(u[i]), q.lines[0].unit_price.to_fen());
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
    // The keys kernel: a key outside the dictionary, a null value and a name that is no package are unknown
    // packages; the column lengths must agree.
    let codes = key_codes([Some("L1"), None, Some("心功能"), Some("nope")]);
    assert_eq!(codes, vec![0, u8::MAX, CheckupFen::code_of("cardio").unwrap_or(0), u8::MAX]);
    let (mut p3, mut bad) = (vec![], vec![]);
    let out = SplitCols {
        price: Some(&mut p3),
        ..Default::default()
    };
    let keys = [0, 1, 2, 3, 4, -1];
    assert!(checkup_split_keys::<i64, i64>(&t, &codes, Col::dense(&keys), None, out, &mut bad).is_ok());
    assert_eq!(p3, vec![31_000, 0, 20_000, 0, 0, 0]);
    let unknown = row_status(RowError::UnknownCode, 0);
    assert_eq!(bad, vec![(1, unknown), (3, unknown), (4, unknown), (5, unknown)]);
    let out = SplitCols {
        price: Some(&mut p3),
        ..Default::default()
    };
    let err = checkup_split_keys(&t, &codes, Col::dense(&keys), Some(Col::dense(&[1_i32][..])), out, &mut bad).err();
    assert_eq!(err.map(|e| e.code()), Some("invalid_input"));
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
