//! Batch semantics for population-scale work (350,000 enrolments, millions of claims): one column kernel
//! or row driver per batch-capable rule, owned here so that every host (the Python/Arrow batch API, Spark,
//! Node, the JVM) answers a table exactly alike and no binding decides a business outcome.
//!
//! * Inputs are columns: slices with an optional Arrow-style validity bitmap ([`Col`]). A null in a required
//!   column is a row error naming the row and the column — never a default value (a null `count` is not a
//!   count of one).
//! * Outputs are the result's columns (the caller chooses which amount columns it wants and in what integer
//!   type — `i64` fen, or `i128`, which is an Arrow `decimal128(_, 2)` in place) plus, per row, a status
//!   ([`RowStatus`]: ok, or the error and the column to blame) and, where the rule has them, reason codes.
//! * Each kernel answers exactly what its typed rule answers for the same row (`core/tests/batch.rs`
//!   proves it on random rows) and reads the same edition parameters. A bad row never stops the batch.

use alloc::string::String;
use alloc::vec::Vec;

use chrono::{Datelike, Months, NaiveDate};

use crate::calendar::Calendar;
use crate::checkup::Package;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::msg::{m::batch as m, Arg};
use crate::mutual_aid::{self, AdjudicateInput, Adjudication, Claim, ClaimDecision, EnrollInput, Enrollment, Policy, Reason, Tier};
use crate::params::Edition;
use crate::trace::Trace;

fn fen(m: Money) -> Result<i64> {
    m.to_fen().ok_or_else(|| Error::invalid("edition", m::edition_amount()))
}

/// An integer type the kernels write fen into: one that holds every `i64` exactly.
pub trait Fen: Copy + From<i64> {}
impl Fen for i64 {}
impl Fen for i128 {}

/// An Arrow-style validity bitmap: bit `offset + i` (least significant bit first) is 1 when row `i` is
/// valid (not null).
#[derive(Debug, Clone, Copy)]
pub struct Bitmap<'a> {
    /// The bytes.
    pub bytes: &'a [u8],
    /// The bit of row 0.
    pub offset: usize,
}

impl Bitmap<'_> {
    /// Is row `i` valid?
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        let j = self.offset.saturating_add(i);
        self.bytes.get(j / 8).is_some_and(|b| (b >> (j % 8)) & 1 == 1)
    }
}

/// A column: its values and, when it may hold nulls, its validity.
#[derive(Debug, Clone, Copy)]
pub struct Col<'a, T> {
    /// The values (a null row's value is ignored).
    pub values: &'a [T],
    /// The validity; `None` when no row is null.
    pub validity: Option<Bitmap<'a>>,
}

impl<'a, T: Copy> Col<'a, T> {
    /// A column with no nulls.
    pub fn dense(values: &'a [T]) -> Self {
        Col { values, validity: None }
    }
    /// The value of row `i`; `None` when it is null (or past the end).
    #[inline]
    pub fn get(&self, i: usize) -> Option<T> {
        match &self.validity {
            Some(b) if !b.get(i) => None,
            _ => self.values.get(i).copied(),
        }
    }
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// Is it empty?
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// Why a row could not be evaluated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum RowError {
    /// A required value is null.
    Null = 1,
    /// A value out of the rule's range (a negative or too large count, zero days).
    OutOfRange = 2,
    /// A code that is not one of the rule's (a package, a tier).
    UnknownCode = 3,
    /// An amount too large to evaluate exactly.
    Overflow = 4,
    /// A date outside what the rule answers for (a cover start after the cover's end).
    OutsideDates = 5,
}

/// The outcome of one row: `0` when it was evaluated, else the error (high byte) and the index of the
/// column to blame in the kernel's column list (low byte).
pub type RowStatus = u16;

/// The status of an evaluated row.
pub const ROW_OK: RowStatus = 0;

/// The status for `error` in column `column`.
#[inline]
pub fn row_status(error: RowError, column: usize) -> RowStatus {
    (u16::from(error as u8) << 8) | u16::try_from(column).unwrap_or(0xff)
}

/// The error and column of a status (`None` when the row is ok).
pub fn row_error(status: RowStatus) -> Option<(RowError, usize)> {
    let e = match status >> 8 {
        1 => RowError::Null,
        2 => RowError::OutOfRange,
        3 => RowError::UnknownCode,
        4 => RowError::Overflow,
        5 => RowError::OutsideDates,
        _ => return None,
    };
    Some((e, usize::from(status & 0xff)))
}

/// The error of row `row` with status `status` of a kernel whose columns are `columns`, as the library's
/// [`Error`] (`invalid_input` at `rows[<row>].<column>`, a message of the catalogue). `None` when ok.
pub fn status_error(status: RowStatus, row: usize, columns: &[&'static str]) -> Option<Error> {
    let (e, c) = row_error(status)?;
    let column = columns.get(c).copied().unwrap_or("?");
    let path = alloc::format!("rows[{row}].{column}");
    let msg = match e {
        RowError::Null => m::null(row, column),
        RowError::OutOfRange => m::out_of_range(row, column),
        RowError::UnknownCode => m::unknown_code(row, column),
        RowError::Overflow => m::overflow(row, column),
        RowError::OutsideDates => m::outside_dates(row, column),
    };
    Some(Error::invalid(path, msg))
}

fn same_len(lens: &[usize]) -> Result<usize> {
    let n = lens.first().copied().unwrap_or(0);
    if lens.iter().all(|&l| l == n) {
        Ok(n)
    } else {
        Err(Error::invalid(
            "rows",
            m::lengths_differ(lens.iter().map(|l| Arg::from(*l)).collect::<Vec<_>>()),
        ))
    }
}

// ---- checkup.quote ----------------------------------------------------------------------------------

/// The checkup table of an edition in fen, indexed by the position of the package in [`Package::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckupFen {
    price: [i64; 9],
    subsidy: [i64; 9],
    payable: [i64; 9],
    /// The largest count whose price, subsidy and payable fit in fen (`i64`).
    most: [i64; 9],
}

impl CheckupFen {
    /// The edition's table (`checkup.packages`) in fen.
    pub fn new(ed: &Edition) -> Result<CheckupFen> {
        let mut t = CheckupFen {
            price: [0; 9],
            subsidy: [0; 9],
            payable: [0; 9],
            most: [0; 9],
        };
        for (i, p) in Package::ALL.iter().enumerate() {
            let row = crate::checkup::package_row(ed, *p).ok_or_else(|| Error::invalid("edition", m::edition_row(p.as_str())))?;
            if let (Some(a), Some(b), Some(c), Some(most)) =
                (t.price.get_mut(i), t.subsidy.get_mut(i), t.payable.get_mut(i), t.most.get_mut(i))
            {
                (*a, *b, *c) = (fen(row.price)?, fen(row.subsidy)?, fen(row.payable)?);
                *most = [*a, *b, *c].iter().map(|u| most_count(*u)).min().unwrap_or(0);
            }
        }
        Ok(t)
    }

    /// The code of a package for [`checkup_split`]: its position in [`Package::ALL`].
    pub fn code(p: Package) -> u8 {
        let i = Package::ALL.iter().position(|x| *x == p).unwrap_or(usize::MAX);
        u8::try_from(i).unwrap_or(u8::MAX)
    }

    /// The code of a package named by its code or one of the catalogue's names (`心功能`); `None` when it
    /// is not a package.
    pub fn code_of(name: &str) -> Option<u8> {
        let code = Package::parse(name).or_else(|| crate::msg::alias(Package::KIND, name).and_then(Package::parse))?;
        Some(Self::code(code))
    }

    /// The unit price, subsidy and payable of package code `code`, in fen.
    pub fn unit(&self, code: u8) -> Option<(i64, i64, i64)> {
        let i = usize::from(code);
        Some((*self.price.get(i)?, *self.subsidy.get(i)?, *self.payable.get(i)?))
    }
}

/// The largest count `c` for which `unit × c` fits in an `i64` (`c ≥ 0`): `i64::MAX` when every count does.
fn most_count(unit: i64) -> i64 {
    match unit {
        0 => i64::MAX,
        u if u > 0 => i64::MAX.checked_div(u).unwrap_or(0),
        // A negative unit: the product must stay at or above i64::MIN.
        u => i64::MIN.checked_div(u).unwrap_or(i64::MAX),
    }
}

/// The columns of [`checkup_split`], for [`status_error`].
pub const CHECKUP_COLUMNS: &[&str] = &["package", "count"];

/// The output columns of [`checkup_split`]: each is written when given (the caller chooses).
#[derive(Debug, Default)]
pub struct SplitOut<'a, F: Fen = i64> {
    /// 价格 (元/人) of the row's package.
    pub unit_price: Option<&'a mut [F]>,
    /// The row's price: unit price × count.
    pub price: Option<&'a mut [F]>,
    /// The row's 市总补贴.
    pub subsidy: Option<&'a mut [F]>,
    /// The row's 实付.
    pub payable: Option<&'a mut [F]>,
}

#[inline]
fn put<F: Fen>(col: &mut Option<&mut [F]>, i: usize, v: i64) {
    if let Some(slot) = col.as_mut().and_then(|c| c.get_mut(i)) {
        *slot = F::from(v);
    }
}

/// One row of `checkup.quote` (§9 五 体检计划汇总表), checked: the row's package (its index in the table)
/// and count when its price, subsidy (市总补贴) and payable (实付) — the unit amounts times the count —
/// fit in fen, else the row's status. `package` is `None` when null (a code that is no package is an
/// unknown code); `count` is `None` when null, and must lie in the typed rule's range (0 to
/// `u32::MAX`). The package's error is named before the count's; an amount that does not fit is an
/// overflow of the count (checked against the
/// largest count each package's amounts allow, [`most_count`]). [`times`] then gives the amounts.
#[inline(always)]
fn split_row(t: &CheckupFen, package: Option<u8>, count: Option<i64>) -> core::result::Result<(u8, i64), RowStatus> {
    let code = package.ok_or(row_status(RowError::Null, 0))?;
    // The count above which an amount of the package would not fit (`None`: no package).
    let most = t.most.get(usize::from(code)).copied().ok_or(row_status(RowError::UnknownCode, 0))?;
    match count {
        None => Err(row_status(RowError::Null, 1)),
        Some(c) if !(0..=i64::from(u32::MAX)).contains(&c) => Err(row_status(RowError::OutOfRange, 1)),
        Some(c) if c > most => Err(row_status(RowError::Overflow, 1)),
        Some(c) => Ok((code, c)),
    }
}

/// A unit amount times a count that [`split_row`] has checked fits (so it never saturates).
#[inline(always)]
fn times(unit: i64, count: i64) -> i64 {
    unit.saturating_mul(count)
}

/// `checkup.quote` per row (§9 五): package code ([`CheckupFen::code`]) and count → the row's amounts in
/// fen. A null or unknown package, a null count, or a count below 0 or above `u32::MAX` (the typed rule's
/// range) is a bad row (zeros in its outputs). `count` is `None` only when the table has no count column
/// at all, which the API documents as one checkup per row. `status` gets one [`RowStatus`] per row
/// (columns: [`CHECKUP_COLUMNS`]).
pub fn checkup_split<F: Fen, C: Copy + Into<i64>>(
    t: &CheckupFen,
    package: Col<'_, u8>,
    count: Option<Col<'_, C>>,
    mut out: SplitOut<'_, F>,
    status: &mut [RowStatus],
) -> Result<()> {
    let n = package.len();
    let mut lens: Vec<usize> = alloc::vec![n, status.len()];
    lens.extend(count.as_ref().map(Col::len));
    for c in [&out.unit_price, &out.price, &out.subsidy, &out.payable].into_iter().flatten() {
        lens.push(c.len());
    }
    same_len(&lens)?;
    for (i, st) in status.iter_mut().enumerate().take(n) {
        let c = match &count {
            None => Some(1),
            Some(col) => col.get(i).map(Into::into),
        };
        let (s, [u, p, z, y]) = match split_row(t, package.get(i), c).map(|(code, c)| (t.unit(code), c)) {
            Ok((Some((a, b, d)), c)) => (ROW_OK, [a, times(a, c), times(b, c), times(d, c)]),
            Ok((None, _)) => (row_status(RowError::UnknownCode, 0), [0; 4]),
            Err(s) => (s, [0; 4]),
        };
        put(&mut out.unit_price, i, u);
        put(&mut out.price, i, p);
        put(&mut out.subsidy, i, z);
        put(&mut out.payable, i, y);
        *st = s;
    }
    Ok(())
}

/// The package codes of a dictionary's values, for [`checkup_split_keys`]: each value's code
/// ([`CheckupFen::code_of`]: a package's code or one of the catalogue's names), `u8::MAX` (no package)
/// for a value that names none or is null.
pub fn key_codes<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> Vec<u8> {
    names
        .into_iter()
        .map(|n| n.and_then(CheckupFen::code_of).unwrap_or(u8::MAX))
        .collect()
}

/// The output columns of [`checkup_split_keys`]: each given column gets one value per row appended
/// (written once, never zeroed first; the caller chooses which).
#[derive(Debug, Default)]
pub struct SplitCols<'a, F: Fen = i64> {
    /// 价格 (元/人) of the row's package.
    pub unit_price: Option<&'a mut Vec<F>>,
    /// The row's price: unit price × count.
    pub price: Option<&'a mut Vec<F>>,
    /// The row's 市总补贴.
    pub subsidy: Option<&'a mut Vec<F>>,
    /// The row's 实付.
    pub payable: Option<&'a mut Vec<F>>,
}

/// Rows per stage of [`checkup_split_keys`]: a stage's packages and counts stay in the core's cache while
/// each output column is written from them.
const STAGE: usize = 2048;

/// The package index of a bad row in [`checkup_split_keys`]' stage: its amounts are 0.
const NO_ROW: u8 = 15;

/// [`checkup_split`] on a dictionary-encoded package column, read in place (§9 五): `keys` are the rows'
/// dictionary keys (Arrow's `dictionary<int32, _>` indices) and `codes` the package code of each
/// dictionary value ([`key_codes`]); a null key is a null package, a key outside the dictionary or whose
/// value names no package an unknown one. Each row's amounts are appended to the given columns of `out`
/// (zeros on a bad row) and each bad row's index and [`RowStatus`] to `bad`, in row order (columns:
/// [`CHECKUP_COLUMNS`]); an ok row is not listed. The answer is [`checkup_split`]'s for the same rows:
/// each row is checked by the same [`split_row`], a stage of rows at a time, then each column is written
/// from the stage in one pass (a table look-up and a multiplication per row).
pub fn checkup_split_keys<F: Fen, C: Copy + Into<i64>>(
    t: &CheckupFen,
    codes: &[u8],
    keys: Col<'_, i32>,
    count: Option<Col<'_, C>>,
    mut out: SplitCols<'_, F>,
    bad: &mut Vec<(usize, RowStatus)>,
) -> Result<()> {
    let n = keys.len();
    let mut lens: Vec<usize> = alloc::vec![n];
    lens.extend(count.as_ref().map(Col::len));
    same_len(&lens)?;
    // Each column's amount per package index; index NO_ROW (and every index past the table) is 0.
    let mut tables = [[0_i64; 16]; 3];
    for (i, row) in tables.iter_mut().enumerate() {
        for (code, v) in (0_u8..).zip(row.iter_mut()) {
            if let Some(u) = t.unit(code) {
                *v = [u.0, u.1, u.2].get(i).copied().unwrap_or(0);
            }
        }
    }
    let [price, subsidy, payable] = tables;
    // The unit price is the table's (no count); the others are the table's times the count.
    let mut cols = [
        (out.unit_price.take(), price, false),
        (out.price.take(), price, true),
        (out.subsidy.take(), subsidy, true),
        (out.payable.take(), payable, true),
    ];
    for c in cols.iter_mut().filter_map(|c| c.0.as_mut()) {
        c.reserve(n);
    }
    let (mut pk, mut cn) = ([0_u8; STAGE], [0_i64; STAGE]);
    let code = |k: &i32| usize::try_from(*k).ok().and_then(|k| codes.get(k)).copied().unwrap_or(u8::MAX);
    for (s, ks) in keys.values.chunks(STAGE).enumerate() {
        let first = s.saturating_mul(STAGE);
        let counts = count.map(|c| (c.values.get(first..).unwrap_or(&[]), from_bit(c.validity, first)));
        check_stage(t, &code, &mut pk, &mut cn, ks, from_bit(keys.validity, first), counts, first, bad);
        let len = ks.len();
        let (p, c) = (pk.get(..len).unwrap_or(&[]), cn.get(..len).unwrap_or(&[]));
        let at = |tab: &[i64; 16], p: &u8| tab.get(usize::from(*p & 15)).copied().unwrap_or(0);
        for (o, tab, by_count) in cols.iter_mut() {
            match (o, *by_count) {
                (Some(o), true) => o.extend(p.iter().zip(c).map(|(p, c)| F::from(times(at(tab, p), *c)))),
                (Some(o), false) => o.extend(p.iter().map(|p| F::from(at(tab, p)))),
                (None, _) => {}
            }
        }
    }
    Ok(())
}

/// A bitmap seen from bit `first` on.
fn from_bit(b: Option<Bitmap<'_>>, first: usize) -> Option<Bitmap<'_>> {
    b.map(|b| Bitmap {
        bytes: b.bytes,
        offset: b.offset.saturating_add(first),
    })
}

/// A stage of [`checkup_split_keys`] (rows `first…`): each row's package and count checked by
/// [`split_row`] into `pk` and `cn` (a bad row: [`NO_ROW`] and 0, its status to `bad`). Columns without
/// nulls have their own loops, which read no bitmap.
#[inline(always)]
#[allow(clippy::too_many_arguments, reason = "the stage's columns and where its answers go")]
fn check_stage<C: Copy + Into<i64>>(
    t: &CheckupFen,
    code: &impl Fn(&i32) -> u8,
    pk: &mut [u8; STAGE],
    cn: &mut [i64; STAGE],
    keys: &[i32],
    kvalid: Option<Bitmap<'_>>,
    counts: Option<(&[C], Option<Bitmap<'_>>)>,
    first: usize,
    bad: &mut Vec<(usize, RowStatus)>,
) {
    let mut put = |j: usize, (p, c): (&mut u8, &mut i64), row| {
        (*p, *c) = match row {
            Ok(v) => v,
            Err(st) => {
                bad.push((first.saturating_add(j), st));
                (NO_ROW, 0)
            }
        };
    };
    let slots = pk.iter_mut().zip(cn.iter_mut());
    match (kvalid, counts) {
        (None, None) => {
            for (j, (o, k)) in slots.zip(keys).enumerate() {
                put(j, o, split_row(t, Some(code(k)), Some(1)));
            }
        }
        (None, Some((cs, None))) => {
            // An index loop: the compiler keeps the row's values in registers.
            for j in 0..keys.len().min(cs.len()).min(STAGE) {
                let (Some(k), Some(c), Some(p), Some(n)) = (keys.get(j), cs.get(j), pk.get_mut(j), cn.get_mut(j)) else {
                    break;
                };
                put(j, (p, n), split_row(t, Some(code(k)), Some((*c).into())));
            }
        }
        (kvalid, counts) => {
            let valid = |b: Option<Bitmap<'_>>, j: usize| b.is_none_or(|b| b.get(j));
            for (j, (o, k)) in pk.iter_mut().zip(cn.iter_mut()).zip(keys).enumerate() {
                let package = valid(kvalid, j).then(|| code(k));
                let count = match counts {
                    None => Some(1),
                    Some((cs, v)) => cs.get(j).filter(|_| valid(v, j)).map(|c| (*c).into()),
                };
                put(j, o, split_row(t, package, count));
            }
        }
    }
}

// ---- the tier E premium -------------------------------------------------------------------------------

/// Days since 1970-01-01 (Arrow's `date32`).
pub fn days_from_epoch(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or(NaiveDate::MIN);
    i32::try_from(d.signed_duration_since(epoch).num_days()).unwrap_or(i32::MIN)
}

/// The columns of [`e_premium_by_start`].
pub const E_PREMIUM_COLUMNS: &[&str] = &["coverage_start"];

/// The E premium for cover starting on each day (Arrow `date32`) and ending on the edition's coverage end
/// (§5 一(五)3): the full-year premium when more than six calendar months are covered, else the half-year
/// one — the fee `mutual_aid.enroll` gives an accepted tier-E enrolment. A null start, or one outside the
/// plan's dates or after the coverage end, is a bad row.
pub fn e_premium_by_start<F: Fen>(ed: &Edition, start: Col<'_, i32>, premium: &mut [F], status: &mut [RowStatus]) -> Result<()> {
    let n = same_len(&[start.len(), premium.len(), status.len()])?;
    let p = &ed.mutual_aid;
    let end = p.coverage_end;
    // Covering more than `half` calendar months means starting before the 1st of the month `half - 1`
    // months before the end's month.
    let end_month = NaiveDate::from_ymd_opt(end.year(), end.month(), 1).ok_or_else(|| Error::invalid("edition", m::edition_dates()))?;
    let threshold = end_month
        .checked_sub_months(Months::new(p.e_half_year_months.saturating_sub(1)))
        .ok_or_else(|| Error::invalid("edition", m::edition_dates()))?;
    let first = days_from_epoch(ed.meta.plan_dates.first);
    let (threshold, end) = (days_from_epoch(threshold), days_from_epoch(end));
    let (full, half) = (F::from(fen(p.e_premium_full)?), F::from(fen(p.e_premium_half)?));
    for i in 0..n {
        let (Some(out), Some(st)) = (premium.get_mut(i), status.get_mut(i)) else {
            break;
        };
        (*out, *st) = match start.get(i) {
            None => (F::from(0), row_status(RowError::Null, 0)),
            Some(s) if s > end || s < first => (F::from(0), row_status(RowError::OutsideDates, 0)),
            Some(s) if s < threshold => (full, ROW_OK),
            Some(_) => (half, ROW_OK),
        };
    }
    Ok(())
}

// ---- hospital-day benefits ----------------------------------------------------------------------------

/// The columns of [`hospital_days`].
pub const HOSPITAL_COLUMNS: &[&str] = &["policy_id", "days", "tier"];

/// The output columns of [`hospital_days`].
pub struct HospitalDaysOut<'a, F: Fen = i64> {
    /// Days paid per row.
    pub paid_days: &'a mut [u32],
    /// Payable per row, in fen.
    pub payable: &'a mut [F],
    /// The row's reason (a [`Reason`] code's position in [`Reason::ALL`] plus one; 0 when none): the
    /// tier has no hospital-day benefit (`not_covered`) or the days are used up (`benefit_cap_reached`).
    pub reason: &'a mut [u8],
    /// Per row: ok or the error and column.
    pub status: &'a mut [RowStatus],
}

/// The reason code of [`HospitalDaysOut::reason`] value `v`.
pub fn reason_of(v: u8) -> Option<Reason> {
    Reason::ALL.get(usize::from(v).checked_sub(1)?).copied()
}

fn reason_code(r: Reason) -> u8 {
    Reason::ALL
        .iter()
        .position(|x| *x == r)
        .and_then(|i| u8::try_from(i + 1).ok())
        .unwrap_or(0)
}

/// Hospital-day claims under the period's day limit (§5 一(二) 住院: a daily amount, at most 180 days a
/// period), decided in row order. Per row: a dense policy number below `used.len()` (`used` carries the days
/// already paid per policy and tier in and out; start with zeros), the days, and the tier (a column, or
/// `default_tier` for every row). The days a policy has used are counted per tier (each tier's rows form
/// their own sequences; a tier change within a period is for `mutual_aid.adjudicate`). A tier without the
/// benefit is a business "no" (`not_covered`), days beyond the limit are cut (`benefit_cap_reached`); a
/// null or out-of-range value or zero days is a bad row (as the typed rule refuses zero days).
pub fn hospital_days<F: Fen>(
    ed: &Edition,
    policy: Col<'_, u32>,
    days: Col<'_, u32>,
    tier: Option<Col<'_, u8>>,
    default_tier: Tier,
    used: &mut [[u32; 3]],
    out: HospitalDaysOut<'_, F>,
) -> Result<()> {
    let HospitalDaysOut {
        paid_days,
        payable,
        reason,
        status,
    } = out;
    let mut lens = alloc::vec![policy.len(), days.len(), paid_days.len(), payable.len(), reason.len(), status.len()];
    lens.extend(tier.as_ref().map(Col::len));
    let n = same_len(&lens)?;
    let p = &ed.mutual_aid;
    // Per tier: the daily amount in fen and the days payable in a period (the day limit binds before the
    // money limit when daily × days ≤ cap, which the 2023 figures give; otherwise the cap's days).
    let mut terms: [Option<(i64, u32)>; 3] = [None; 3];
    for (k, t) in Tier::ALL.iter().enumerate() {
        if let (Some(daily), Some(max_days), Some(cap)) = (t.of(&p.hospital_daily), t.of(&p.hospital_max_days), t.of(&p.hospital_cap)) {
            let (daily, cap) = (fen(daily)?, fen(cap)?);
            let by_money = u32::try_from(cap.checked_div(daily).unwrap_or(0)).unwrap_or(u32::MAX);
            if let Some(slot) = terms.get_mut(k) {
                *slot = Some((daily, max_days.min(by_money)));
            }
        }
    }
    for i in 0..n {
        let (Some(pd), Some(out), Some(rs), Some(st)) = (paid_days.get_mut(i), payable.get_mut(i), reason.get_mut(i), status.get_mut(i))
        else {
            break;
        };
        (*pd, *out, *rs) = (0, F::from(0), 0);
        let t = match &tier {
            None => Some(Tier::ALL.iter().position(|x| *x == default_tier).unwrap_or(0)),
            Some(c) => match c.get(i) {
                None => {
                    *st = row_status(RowError::Null, 2);
                    continue;
                }
                Some(v) if usize::from(v) < Tier::ALL.len() => Some(usize::from(v)),
                Some(_) => {
                    *st = row_status(RowError::UnknownCode, 2);
                    continue;
                }
            },
        };
        let (Some(pol), Some(d)) = (policy.get(i), days.get(i)) else {
            *st = row_status(RowError::Null, if policy.get(i).is_none() { 0 } else { 1 });
            continue;
        };
        if d == 0 {
            *st = row_status(RowError::OutOfRange, 1);
            continue;
        }
        let Some(counter) = usize::try_from(pol).ok().and_then(|x| used.get_mut(x)) else {
            *st = row_status(RowError::OutOfRange, 0);
            continue;
        };
        *st = ROW_OK;
        let k = t.unwrap_or(0);
        let Some((daily, max_days)) = terms.get(k).copied().flatten() else {
            *rs = reason_code(Reason::NotCovered);
            continue;
        };
        let Some(u) = counter.get_mut(k) else { continue };
        let pay = d.min(max_days.saturating_sub(*u));
        match daily.checked_mul(i64::from(pay)) {
            Some(amount) => {
                *u = u.saturating_add(pay);
                (*pd, *out) = (pay, F::from(amount));
                if pay < d {
                    *rs = reason_code(Reason::BenefitCapReached);
                }
            }
            None => *st = row_status(RowError::Overflow, 1),
        }
    }
    Ok(())
}

/// The tier code of [`hospital_days`]' `tier` column: its position in [`Tier::ALL`].
pub fn tier_code(t: Tier) -> u8 {
    u8::try_from(Tier::ALL.iter().position(|x| *x == t).unwrap_or(0)).unwrap_or(0)
}

// ---- enrolment ----------------------------------------------------------------------------------------

/// `mutual_aid.enroll` over rows: `read(i)` gives row `i`'s input (or the error of a row that cannot be
/// read, with its field path), `write(i, answer)` takes its answer. Rows are decided without a trace; an
/// error in one row never stops the others, and names its row (`rows[3].date`, where one request would say
/// `input.date`).
pub fn enroll_rows(
    ed: &Edition,
    n: usize,
    mut read: impl FnMut(usize) -> Result<EnrollInput>,
    mut write: impl FnMut(usize, Result<Enrollment>),
) {
    let mut trace = Trace::off();
    for i in 0..n {
        let r = read(i).and_then(|input| mutual_aid::enroll(ed, &input, &mut trace).map_err(|e| at_row(e, i)));
        write(i, r);
    }
}

// ---- adjudication over a population of policies -------------------------------------------------------

/// One claim row of a population: the policy it belongs to (`key`, any id of the host's, and the policy
/// itself, repeated on each of its rows) and the claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow<K> {
    /// The policy's id.
    pub key: K,
    /// The policy (tier, cover, changes).
    pub policy: Policy,
    /// The claim.
    pub claim: Claim,
}

/// `mutual_aid.adjudicate` over a population: rows are grouped by policy (`key`, in order of first
/// appearance) and each policy's claims are decided together, as one request would decide them (the
/// answer does not depend on the rows' order). A row that cannot be read (`Err` in `rows`), a row whose
/// policy differs from the first row of its key, or a claim the rule refuses as input (a filing before the
/// event, a field that does not apply) gets its error and is left out of its policy's claims; the others
/// are decided without it. One answer per row, in row order; a rule's error names the row ([`at_row`]), a
/// row that could not be read keeps its own error.
pub fn adjudicate_population<K: Ord + Clone>(ed: &Edition, cal: &Calendar, rows: Vec<Result<ClaimRow<K>>>) -> Vec<Result<ClaimDecision>> {
    let n = rows.len();
    let mut answers: Vec<Option<Result<ClaimDecision>>> = alloc::vec![None; n];
    // Policies in order of first appearance: (policy, rows, claims).
    let mut groups: Vec<(Policy, Vec<usize>, Vec<Claim>)> = Vec::new();
    let mut index: alloc::collections::BTreeMap<K, usize> = alloc::collections::BTreeMap::new();
    for (row, r) in rows.into_iter().enumerate() {
        match r {
            Err(e) => set(&mut answers, row, Err(e)),
            Ok(ClaimRow { key, policy, claim }) => {
                let g = *index.entry(key).or_insert_with(|| {
                    groups.push((policy.clone(), Vec::new(), Vec::new()));
                    groups.len() - 1
                });
                match groups.get_mut(g) {
                    Some((p, rs, cs)) if *p == policy => {
                        rs.push(row);
                        cs.push(claim);
                    }
                    _ => set(
                        &mut answers,
                        row,
                        Err(at_row(Error::invalid("input.policy", m::policy_differs()), row)),
                    ),
                }
            }
        }
    }
    let mut trace = Trace::off();
    for (policy, mut rs, claims) in groups {
        let mut input = AdjudicateInput { policy, claims };
        loop {
            match mutual_aid::adjudicate(ed, cal, &input, &mut trace) {
                Ok(Adjudication { decisions, .. }) => {
                    for (row, d) in rs.iter().zip(decisions) {
                        set(&mut answers, *row, Ok(d));
                    }
                    break;
                }
                Err(e) => match claim_index(e.path()).filter(|k| *k < rs.len()) {
                    // One claim is to blame: it gets the error, the others are decided without it.
                    Some(k) => {
                        let row = rs.remove(k);
                        input.claims.remove(k);
                        set(&mut answers, row, Err(at_row(e, row)));
                    }
                    None => {
                        for row in &rs {
                            set(&mut answers, *row, Err(at_row(e.clone(), *row)));
                        }
                        break;
                    }
                },
            }
        }
    }
    answers
        .into_iter()
        .map(|a| a.unwrap_or_else(|| Err(Error::invalid("input", m::not_decided()))))
        .collect()
}

fn set(answers: &mut [Option<Result<ClaimDecision>>], row: usize, a: Result<ClaimDecision>) {
    if let Some(slot) = answers.get_mut(row) {
        *slot = Some(a);
    }
}

/// A core error about one request (`input.date`), one claim of a policy (`input.claims[k].amount`) or the
/// policy (`input.policy.tier`), named at the row it came from (`rows[7].date`, `rows[7].amount`,
/// `rows[7].tier`), in its path and in its message. An error already naming a row is kept.
pub fn at_row(e: Error, row: usize) -> Error {
    let Some(path) = e.path() else { return e };
    let from = if path.starts_with("input.claims[") {
        path.find(']').and_then(|i| path.get(..=i)).unwrap_or("input")
    } else if path.starts_with("input.policy") {
        "input.policy"
    } else if path.starts_with("input") {
        "input"
    } else {
        return e;
    };
    let from = String::from(from);
    e.rerooted(&from, &alloc::format!("rows[{row}]"))
}

/// The claim index in a core error path `input.claims[k]…`.
fn claim_index(path: Option<&str>) -> Option<usize> {
    let rest = path?.strip_prefix("input.claims[")?;
    let end = rest.find(']')?;
    rest.get(..end)?.parse().ok()
}

/// The path of a row's field, as batch errors name it: `rows[3].count`.
pub fn row_path(row: usize, column: &str) -> String {
    alloc::format!("rows[{row}].{column}")
}
