//! The batch kernels of `shftu_rules::batch` on random columns with random validity bitmaps (any offset,
//! bitmaps shorter than the column) and, now and then, columns of different lengths. Checked: a length
//! mismatch is an error and equal lengths are not; a null in a required column is always a row error
//! (naming the row and a column of the kernel); a bad row writes zeros; the `i64` and `i128` outputs agree;
//! an ok row answers what the typed rule answers (`checkup::quote`, `mutual_aid::adjudicate`); the
//! hospital-day counters add up; a population's answers per policy do not depend on the other policies'
//! rows; no panic.
#![no_main]
use arbitrary::{Result, Unstructured};
use chrono::Days;
use libfuzzer_sys::fuzz_target;
use shftu_rules::batch::{
    adjudicate_population, checkup_split, e_premium_by_start, hospital_days, row_error, status_error, Bitmap, CheckupFen, ClaimRow, Col,
    HospitalDaysOut, RowError, SplitOut, CHECKUP_COLUMNS, E_PREMIUM_COLUMNS, HOSPITAL_COLUMNS, ROW_OK,
};
use shftu_rules::checkup::{quote, Package, QuoteInput, QuoteLine};
use shftu_rules::mutual_aid::{adjudicate, AdjudicateInput, Benefit, Claim, ClaimDecision, Policy, Tier, TierChange};
use shftu_rules::{Calendar, Edition, Error, Money, Trace};

/// A column's values and validity bytes.
struct Column<T> {
    values: Vec<T>,
    validity: Option<(Vec<u8>, usize)>,
}

impl<T: Copy> Column<T> {
    fn gen(u: &mut Unstructured<'_>, n: usize, value: &mut dyn FnMut(&mut Unstructured<'_>) -> Result<T>) -> Result<Self> {
        // Now and then a column one row shorter or longer than the others.
        let n = match u.int_in_range(0u8..=31)? {
            0 => n.saturating_sub(1),
            1 => n + 1,
            _ => n,
        };
        let values = (0..n).map(|_| value(u)).collect::<Result<Vec<T>>>()?;
        let validity = match u.int_in_range(0u8..=3)? {
            0 => None,
            _ => {
                let offset = u.int_in_range(0..=17)?;
                // Mostly long enough; now and then short (the rows past its end are null).
                let len = match u.int_in_range(0u8..=7)? {
                    0 => u.int_in_range(0..=(n + offset).div_ceil(8))?,
                    _ => (n + offset).div_ceil(8),
                };
                let bytes = (0..len).map(|_| u.arbitrary::<u8>()).collect::<Result<Vec<u8>>>()?;
                Some((bytes, offset))
            }
        };
        Ok(Column { values, validity })
    }
    fn col(&self) -> Col<'_, T> {
        Col {
            values: &self.values,
            validity: self.validity.as_ref().map(|(bytes, offset)| Bitmap { bytes, offset: *offset }),
        }
    }
}

fn ed() -> &'static Edition {
    shftu_rules::edition(shftu_rules::DEFAULT_EDITION).unwrap_or(&shftu_rules::EDITIONS[0])
}

/// The status of a bad row names the row and one of the kernel's columns.
fn named(status: u16, row: usize, columns: &[&'static str]) {
    let (_, c) = row_error(status).unwrap_or_else(|| panic!("status {status:#x} of row {row} is neither ok nor an error"));
    assert!(c < columns.len(), "status {status:#x} names column {c} of {columns:?}");
    let e = status_error(status, row, columns).unwrap_or_else(|| panic!("no error for status {status:#x}"));
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(e.path().map(str::to_owned), Some(format!("rows[{row}].{}", columns[c])));
}

fn checkup(u: &mut Unstructured<'_>, n: usize) -> Result<()> {
    let t = CheckupFen::new(ed()).unwrap_or_else(|e| panic!("the edition's checkup table: {e}"));
    let kinds = Package::ALL.len() as u8;
    let package = Column::gen(u, n, &mut |u| u.int_in_range(0..=kinds + 1))?;
    let count: Option<Column<i64>> = match u.int_in_range(0u8..=5)? {
        0 => None,
        _ => Some(Column::gen(u, n, &mut |u| {
            Ok(match u.int_in_range(0u8..=15)? {
                0 => u.arbitrary::<i64>()?,
                1 => i64::from(u32::MAX) + i64::from(u.int_in_range(0u8..=1)?),
                2 => -1,
                _ => u.int_in_range(0..=50)?,
            })
        })?),
    };
    let lens = |k: usize| -> Vec<usize> {
        [package.values.len(), n]
            .into_iter()
            .chain(count.as_ref().map(|c| c.values.len()))
            .chain([k])
            .collect()
    };
    let out_len = match u.int_in_range(0u8..=31)? {
        0 => n + 1,
        _ => n,
    };
    let (mut up, mut p, mut s, mut y, mut st) = (
        vec![7i64; out_len],
        vec![7i64; out_len],
        vec![7i64; out_len],
        vec![7i64; out_len],
        vec![0xffffu16; n],
    );
    let (mut p2, mut st2) = (vec![7i128; out_len], vec![0xffffu16; n]);
    let r = checkup_split(
        &t,
        package.col(),
        count.as_ref().map(Column::col),
        SplitOut {
            unit_price: Some(&mut up),
            price: Some(&mut p),
            subsidy: Some(&mut s),
            payable: Some(&mut y),
        },
        &mut st,
    );
    let r2 = checkup_split(
        &t,
        package.col(),
        count.as_ref().map(Column::col),
        SplitOut {
            unit_price: None,
            price: Some(&mut p2),
            subsidy: None,
            payable: None,
        },
        &mut st2,
    );
    let equal = lens(out_len).windows(2).all(|w| w[0] == w[1]);
    assert_eq!(r.is_ok(), equal, "checkup_split: lengths {:?} answered {r:?}", lens(out_len));
    assert_eq!(r2.is_ok(), equal);
    if !equal {
        return Ok(());
    }
    assert_eq!(st, st2, "the i64 and i128 runs give other statuses");
    for i in 0..n {
        assert_eq!(i128::from(p[i]), p2[i], "row {i}: i64 and i128 prices differ");
        let pkg = package.col().get(i);
        let c = count.as_ref().map(|c| c.col().get(i));
        if pkg.is_none() {
            assert_eq!(row_error(st[i]), Some((RowError::Null, 0)), "row {i}: a null package");
        }
        if matches!(c, Some(None)) {
            assert_ne!(st[i], ROW_OK, "row {i}: a null count is not a row error");
        }
        if st[i] != ROW_OK {
            named(st[i], i, CHECKUP_COLUMNS);
            assert_eq!((up[i], p[i], s[i], y[i]), (0, 0, 0, 0), "row {i}: a bad row with amounts");
            continue;
        }
        let (Some(code), Some(count)) = (pkg, c.unwrap_or(Some(1))) else {
            panic!("row {i}: ok with a null")
        };
        let package = Package::ALL[usize::from(code)];
        let q = quote(
            ed(),
            &QuoteInput {
                lines: vec![QuoteLine {
                    package,
                    count: u32::try_from(count).unwrap_or(u32::MAX),
                }],
            },
            &mut Trace::off(),
        );
        match q {
            Ok(q) => {
                assert_eq!(
                    (Some(p[i]), Some(s[i]), Some(y[i])),
                    (q.total.price.to_fen(), q.total.subsidy.to_fen(), q.total.payable.to_fen()),
                    "row {i}: kernel and quote differ"
                );
            }
            Err(e) => panic!("row {i}: the kernel answered, the quote refused ({e})"),
        }
    }
    Ok(())
}

fn e_premium(u: &mut Unstructured<'_>, n: usize) -> Result<()> {
    let first = shftu_rules::batch::days_from_epoch(ed().meta.plan_dates.first);
    let start = Column::gen(u, n, &mut |u| {
        Ok(match u.int_in_range(0u8..=7)? {
            0 => u.arbitrary::<i32>()?,
            _ => first.saturating_add(u.int_in_range(-30..=420)?),
        })
    })?;
    let (mut prem, mut st) = (vec![7i64; n], vec![0xffffu16; n]);
    let r = e_premium_by_start(ed(), start.col(), &mut prem, &mut st);
    assert_eq!(r.is_ok(), start.values.len() == n, "e_premium_by_start: {r:?}");
    if r.is_err() {
        return Ok(());
    }
    let (full, half) = (ed().mutual_aid.e_premium_full.to_fen(), ed().mutual_aid.e_premium_half.to_fen());
    let mut ok: Vec<(i32, i64)> = Vec::new();
    for i in 0..n {
        match start.col().get(i) {
            None => assert_eq!(row_error(st[i]), Some((RowError::Null, 0)), "row {i}: a null start"),
            Some(s) if st[i] == ROW_OK => {
                assert!(
                    Some(prem[i]) == full || Some(prem[i]) == half,
                    "row {i}: premium {} is neither full nor half",
                    prem[i]
                );
                ok.push((s, prem[i]));
            }
            Some(_) => {}
        }
        if st[i] != ROW_OK {
            named(st[i], i, E_PREMIUM_COLUMNS);
            assert_eq!(prem[i], 0);
        }
    }
    ok.sort_unstable();
    assert!(ok.windows(2).all(|w| w[0].1 >= w[1].1), "a later start pays more: {ok:?}");
    Ok(())
}

fn hospital(u: &mut Unstructured<'_>, n: usize) -> Result<()> {
    let policies = u.int_in_range(0usize..=6)?;
    let policy = Column::gen(u, n, &mut |u| u.int_in_range(0..=7))?;
    let days = Column::gen(u, n, &mut |u| {
        Ok(match u.int_in_range(0u8..=15)? {
            0 => u.arbitrary::<u32>()?,
            1 => 0,
            _ => u.int_in_range(1..=200)?,
        })
    })?;
    let tier = match u.arbitrary::<bool>()? {
        false => None,
        true => Some(Column::gen(u, n, &mut |u| u.int_in_range(0..=4))?),
    };
    let default_tier = *u.choose(Tier::ALL)?;
    let mut used: Vec<[u32; 3]> = (0..policies)
        .map(|_| Ok([u.int_in_range(0..=200)?, u.int_in_range(0..=200)?, u.int_in_range(0..=200)?]))
        .collect::<Result<_>>()?;
    let before = used.clone();
    let (mut pd, mut pay, mut rs, mut st) = (vec![7u32; n], vec![7i64; n], vec![7u8; n], vec![0xffffu16; n]);
    let r = hospital_days(
        ed(),
        policy.col(),
        days.col(),
        tier.as_ref().map(Column::col),
        default_tier,
        &mut used,
        HospitalDaysOut {
            paid_days: &mut pd,
            payable: &mut pay,
            reason: &mut rs,
            status: &mut st,
        },
    );
    let equal = policy.values.len() == n && days.values.len() == n && tier.as_ref().is_none_or(|t| t.values.len() == n);
    assert_eq!(r.is_ok(), equal, "hospital_days: {r:?}");
    if !equal {
        assert_eq!(used, before, "a refused batch changed the counters");
        return Ok(());
    }
    let p = &ed().mutual_aid;
    let mut paid = vec![[0u64; 3]; policies];
    for i in 0..n {
        let null = policy.col().get(i).is_none() || days.col().get(i).is_none() || tier.as_ref().is_some_and(|t| t.col().get(i).is_none());
        if null {
            assert_ne!(st[i], ROW_OK, "row {i}: a null is not a row error");
        }
        if st[i] != ROW_OK {
            named(st[i], i, HOSPITAL_COLUMNS);
            assert_eq!((pd[i], pay[i], rs[i]), (0, 0, 0), "row {i}: a bad row with figures");
            continue;
        }
        let (Some(pol), Some(d)) = (policy.col().get(i), days.col().get(i)) else {
            panic!("row {i}: ok with a null")
        };
        let k = match &tier {
            None => Tier::ALL.iter().position(|t| *t == default_tier).unwrap_or(0),
            Some(t) => usize::from(t.col().get(i).unwrap_or(0)),
        };
        assert!(pd[i] <= d, "row {i}: {} days paid of {d}", pd[i]);
        let daily = Tier::ALL[k].of(&p.hospital_daily).and_then(Money::to_fen).unwrap_or(0);
        assert_eq!(
            i128::from(pay[i]),
            i128::from(daily) * i128::from(pd[i]),
            "row {i}: payable is not daily × days"
        );
        paid[pol as usize][k] += u64::from(pd[i]);
    }
    for (q, (b, a)) in before.iter().zip(&used).enumerate() {
        for k in 0..3 {
            assert_eq!(
                u64::from(a[k]),
                u64::from(b[k]) + paid[q][k],
                "policy {q} tier {k}: the counter does not add up"
            );
            let max = Tier::ALL[k].of(&p.hospital_max_days).unwrap_or(0);
            if paid[q][k] > 0 {
                assert!(a[k] <= max, "policy {q} tier {k}: {} days used past {max}", a[k]);
            }
        }
    }
    Ok(())
}

fn population(u: &mut Unstructured<'_>, n: usize) -> Result<()> {
    let ed = ed();
    let base = ed.meta.plan_dates.first;
    let day = |u: &mut Unstructured<'_>| -> Result<chrono::NaiveDate> { Ok(base + Days::new(u.int_in_range(0..=500)?)) };
    let mut policies = Vec::new();
    for _ in 0..u.int_in_range(1..=3)? {
        let start = day(u)?;
        let changes = match u.int_in_range(0u8..=3)? {
            0 => vec![TierChange {
                to: *u.choose(Tier::ALL)?,
                effective_from: day(u)?,
            }],
            _ => Vec::new(),
        };
        policies.push(Policy {
            tier: *u.choose(Tier::ALL)?,
            coverage_start: start,
            coverage_end: start + Days::new(u.int_in_range(0..=400)?),
            changes,
        });
    }
    let mut rows: Vec<shftu_rules::error::Result<ClaimRow<u8>>> = Vec::with_capacity(n);
    for _ in 0..n {
        if u.int_in_range(0u8..=15)? == 0 {
            rows.push(Err(Error::invalid("input.claims", shftu_rules::msg::m::batch::not_decided())));
            continue;
        }
        let key = u.int_in_range(0u8..=3)?;
        let policy = u.choose(&policies)?.clone();
        let benefit = *u.choose(Benefit::ALL)?;
        let event_date = day(u)?;
        let any = u.int_in_range(0u8..=7)? == 0;
        let claim = Claim {
            benefit,
            event_date,
            filed_on: event_date + Days::new(u.int_in_range(0..=800)?),
            days: (any || benefit == Benefit::HospitalDays)
                .then(|| u.int_in_range(0..=200))
                .transpose()?,
            grade: (any || benefit == Benefit::AccidentDisability)
                .then(|| u.int_in_range(0..=11))
                .transpose()?,
            amount: (any || benefit == Benefit::CiMedicalSubsidy)
                .then(|| Ok::<_, arbitrary::Error>(Money::from_fen(u.int_in_range(0..=10_000_000)?)))
                .transpose()?,
        };
        rows.push(Ok(ClaimRow { key, policy, claim }));
    }
    let answers = adjudicate_population(ed, &Calendar::builtin(), rows.clone());
    assert_eq!(answers.len(), rows.len(), "one answer per row");
    for (i, (row, a)) in rows.iter().zip(&answers).enumerate() {
        if let Err(e) = row {
            assert_eq!(a.as_ref().err(), Some(e), "row {i}: an unread row's error is not kept");
        }
    }
    // Each policy alone answers as in the population, and as the typed rule when none of its rows failed.
    let mut keys: Vec<u8> = rows.iter().filter_map(|r| r.as_ref().ok().map(|r| r.key)).collect();
    keys.sort_unstable();
    keys.dedup();
    for k in keys {
        let idx: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].as_ref().is_ok_and(|r| r.key == k)).collect();
        let alone = adjudicate_population(ed, &Calendar::builtin(), idx.iter().map(|i| rows[*i].clone()).collect());
        let here: Vec<_> = idx.iter().map(|i| answers[*i].clone()).collect();
        // The same answers, errors named at the rows they hold in each run.
        let named = |a: &[shftu_rules::error::Result<ClaimDecision>], rows: &dyn Fn(usize) -> usize| -> Vec<_> {
            a.iter()
                .enumerate()
                .map(|(j, r)| r.clone().map_err(|e| (e.code(), e.to_string().replacen(&format!("rows[{}]", rows(j)), "rows[_]", 1))))
                .collect()
        };
        assert_eq!(
            named(&alone, &|j| j),
            named(&here, &|j| idx[j]),
            "policy {k}: the answers depend on the other policies' rows"
        );
        if here.iter().all(Result::is_ok) {
            let first = rows[idx[0]].as_ref().map(|r| r.policy.clone()).unwrap_or_else(|_| unreachable!());
            let claims: Vec<Claim> = idx.iter().filter_map(|i| rows[*i].as_ref().ok().map(|r| r.claim.clone())).collect();
            let typed = adjudicate(
                ed,
                &Calendar::builtin(),
                &AdjudicateInput { policy: first, claims },
                &mut Trace::off(),
            );
            let typed = typed.unwrap_or_else(|e| panic!("policy {k}: every row decided, the typed rule refused ({e})"));
            let here: Vec<_> = here.into_iter().map(|d| d.unwrap_or_else(|_| unreachable!())).collect();
            assert_eq!(here, typed.decisions, "policy {k}: population and typed rule differ");
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(kernel) = u.int_in_range(0u8..=3) else { return };
    let Ok(n) = u.int_in_range(0usize..=if kernel == 3 { 24 } else { 96 }) else {
        return;
    };
    let _ = match kernel {
        0 => checkup(&mut u, n),
        1 => e_premium(&mut u, n),
        2 => hospital(&mut u, n),
        _ => population(&mut u, n),
    };
});
