//! Column kernels for population-scale work (350,000 enrolments, millions of claims).
//!
//! The typed rules build a decimal and a trace per call; these kernels run the same rules over whole
//! columns in fixed-point fen (`i64`) into caller-provided buffers, with no allocation per row. Each
//! kernel answers exactly what its typed rule answers for the same row — `core/tests/batch.rs` proves it
//! on random rows — and reads the same edition parameters. A row that cannot be evaluated is marked in the
//! `ok` column (false) with zeros in its outputs; it never stops the batch.
//!
//! Amount columns are fen in any integer type that holds every `i64` ([`Fen`]: `i64`, or `i128` — an
//! Arrow `decimal128` with scale 2 *is* fen in an `i128`, so a binding's decimal column is written in
//! place without a second pass). Arithmetic is checked in `i64` either way.

use chrono::{Datelike, Months, NaiveDate};

use crate::checkup::Package;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::mutual_aid::Tier;
use crate::params::Edition;

fn fen(m: Money) -> Result<i64> {
    m.to_fen()
        .ok_or_else(|| Error::invalid("edition", "an edition amount does not fit the batch kernels"))
}

/// An integer type the kernels write fen into: one that holds every `i64` exactly.
pub trait Fen: Copy + From<i64> {}
impl Fen for i64 {}
impl Fen for i128 {}

fn same_len(lens: &[usize]) -> Result<usize> {
    let n = lens.first().copied().unwrap_or(0);
    if lens.iter().all(|&l| l == n) {
        Ok(n)
    } else {
        Err(Error::invalid("input", "the columns of a batch must all have the same length"))
    }
}

/// The checkup table of an edition in fen, indexed by the position of the package in [`Package::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckupFen {
    price: [i64; 9],
    subsidy: [i64; 9],
    payable: [i64; 9],
}

impl CheckupFen {
    /// The edition's table (`checkup.packages`) in fen.
    pub fn new(ed: &Edition) -> Result<CheckupFen> {
        let mut t = CheckupFen {
            price: [0; 9],
            subsidy: [0; 9],
            payable: [0; 9],
        };
        for (i, p) in Package::ALL.iter().enumerate() {
            let row = crate::checkup::package_row(ed, *p)
                .ok_or_else(|| Error::invalid("edition", alloc::format!("the edition has no row for package {p}")))?;
            if let (Some(a), Some(b), Some(c)) = (t.price.get_mut(i), t.subsidy.get_mut(i), t.payable.get_mut(i)) {
                (*a, *b, *c) = (fen(row.price)?, fen(row.subsidy)?, fen(row.payable)?);
            }
        }
        Ok(t)
    }

    /// The code of a package for [`checkup_split`]: its position in [`Package::ALL`].
    pub fn code(p: Package) -> u8 {
        let i = Package::ALL.iter().position(|x| *x == p).unwrap_or(usize::MAX);
        u8::try_from(i).unwrap_or(u8::MAX)
    }
}

/// `checkup.quote` per row: package code (see [`CheckupFen::code`]; any other value is a bad row) and
/// count (1 when `count` is `None`; any integer column type, read in place: a count below 0 or above
/// `u32::MAX`, as the typed rule takes, is a bad row) → price, subsidy and payable in fen.
pub fn checkup_split<F: Fen, C: Copy + Into<i64>>(
    t: &CheckupFen,
    package: &[u8],
    count: Option<&[C]>,
    price: &mut [F],
    subsidy: &mut [F],
    payable: &mut [F],
    ok: &mut [bool],
) -> Result<()> {
    let n = same_len(&[
        package.len(),
        count.map_or(package.len(), <[C]>::len),
        price.len(),
        subsidy.len(),
        payable.len(),
        ok.len(),
    ])?;
    for i in 0..n {
        let (Some(&code), Some(p), Some(s), Some(y), Some(k)) = (
            package.get(i),
            price.get_mut(i),
            subsidy.get_mut(i),
            payable.get_mut(i),
            ok.get_mut(i),
        ) else {
            break;
        };
        let c: i64 = count.and_then(|c| c.get(i).copied()).map_or(1, Into::into);
        let idx = if (0..=i64::from(u32::MAX)).contains(&c) {
            usize::from(code)
        } else {
            usize::MAX
        };
        match (t.price.get(idx), t.subsidy.get(idx), t.payable.get(idx)) {
            (Some(&a), Some(&b), Some(&d)) => match (a.checked_mul(c), b.checked_mul(c), d.checked_mul(c)) {
                (Some(x), Some(z), Some(w)) => (*p, *s, *y, *k) = (x.into(), z.into(), w.into(), true),
                _ => (*p, *s, *y, *k) = (zero(), zero(), zero(), false),
            },
            _ => (*p, *s, *y, *k) = (zero(), zero(), zero(), false),
        }
    }
    Ok(())
}

fn zero<F: Fen>() -> F {
    F::from(0)
}

/// Days since 1970-01-01 (Arrow's `date32`).
pub fn days_from_epoch(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from(d.signed_duration_since(epoch).num_days()).unwrap_or(i32::MIN)
}

/// The E premium for cover starting on each day (Arrow `date32`) and ending on the edition's coverage end
/// (§5 一(五)3): the full-year premium when more than six calendar months are covered, else the half-year
/// one — the fee `mutual_aid.enroll` gives an accepted tier-E enrolment. A start after the coverage end is
/// a bad row.
pub fn e_premium_by_start<F: Fen>(ed: &Edition, start: &[i32], premium: &mut [F], ok: &mut [bool]) -> Result<()> {
    let n = same_len(&[start.len(), premium.len(), ok.len()])?;
    let p = &ed.mutual_aid;
    let end = p.coverage_end;
    // Covering more than `half` calendar months means starting before the 1st of the month `half - 1`
    // months before the end's month.
    let end_month = NaiveDate::from_ymd_opt(end.year(), end.month(), 1).ok_or_else(|| Error::invalid("edition", "bad coverage end"))?;
    let threshold = end_month
        .checked_sub_months(Months::new(p.e_half_year_months.saturating_sub(1)))
        .ok_or_else(|| Error::invalid("edition", "bad half-year length"))?;
    let (threshold, end) = (days_from_epoch(threshold), days_from_epoch(end));
    let (full, half) = (F::from(fen(p.e_premium_full)?), F::from(fen(p.e_premium_half)?));
    for i in 0..n {
        let (Some(&s), Some(out), Some(k)) = (start.get(i), premium.get_mut(i), ok.get_mut(i)) else {
            break;
        };
        (*out, *k) = if s > end {
            (zero(), false)
        } else if s < threshold {
            (full, true)
        } else {
            (half, true)
        };
    }
    Ok(())
}

/// The output columns of [`hospital_days_cap`].
pub struct HospitalDaysOut<'a, F: Fen = i64> {
    /// Days paid per row.
    pub paid_days: &'a mut [u32],
    /// Payable per row, in fen.
    pub payable: &'a mut [F],
    /// False for a bad row.
    pub ok: &'a mut [bool],
}

/// Hospital-day claims of one tier under the period's day limit (§5 一(二) 住院: a daily amount, at most
/// 180 days a period), decided in row order. `policy` holds dense policy numbers below `used.len()`;
/// `used` carries the days already paid per policy in and out (start with zeros). Per row: the days paid
/// and the payable in fen. A zero-day row, a policy number out of range, a tier without the benefit (every
/// row refused) or an amount beyond `i64` fen is a bad row. This is `mutual_aid.adjudicate` for sequences of in-time, in-cover hospital-day claims.
pub fn hospital_days_cap<F: Fen>(
    ed: &Edition,
    tier: Tier,
    policy: &[u32],
    days: &[u32],
    used: &mut [u32],
    out: HospitalDaysOut<'_, F>,
) -> Result<()> {
    let HospitalDaysOut { paid_days, payable, ok } = out;
    let n = same_len(&[policy.len(), days.len(), paid_days.len(), payable.len(), ok.len()])?;
    let p = &ed.mutual_aid;
    let (Some(daily), Some(max_days), Some(cap)) = (tier.of(&p.hospital_daily), tier.of(&p.hospital_max_days), tier.of(&p.hospital_cap))
    else {
        ok.iter_mut().for_each(|k| *k = false);
        paid_days.iter_mut().for_each(|d| *d = 0);
        payable.iter_mut().for_each(|d| *d = zero());
        return Ok(());
    };
    let daily = fen(daily)?;
    // The day limit binds before the money limit when daily × days ≤ cap, which the edition's figures give.
    let max_days = if daily
        .checked_mul(i64::from(max_days))
        .is_some_and(|m| m <= fen(cap).unwrap_or(i64::MAX))
    {
        max_days
    } else {
        u32::try_from(fen(cap)?.checked_div(daily).unwrap_or(0)).unwrap_or(0)
    };
    for i in 0..n {
        let (Some(&pol), Some(&d), Some(pd), Some(out), Some(k)) =
            (policy.get(i), days.get(i), paid_days.get_mut(i), payable.get_mut(i), ok.get_mut(i))
        else {
            break;
        };
        let slot = usize::try_from(pol).ok().and_then(|x| used.get_mut(x));
        match slot {
            Some(u) if d > 0 => {
                let pay = d.min(max_days.saturating_sub(*u));
                match daily.checked_mul(i64::from(pay)) {
                    Some(amount) => {
                        *u = u.saturating_add(pay);
                        (*pd, *out, *k) = (pay, amount.into(), true);
                    }
                    None => (*pd, *out, *k) = (0, zero(), false),
                }
            }
            _ => (*pd, *out, *k) = (0, zero(), false),
        }
    }
    Ok(())
}
