//! The batch functions: Arrow columns in, Arrow columns out, every answer from `shftu_rules::batch`.
//!
//! The binding converts: Arrow columns to the core's column slices (in place where the type allows), a
//! table row to a [`Source`] (so a row is read exactly as a request's input is), the core's per-row
//! statuses and errors to nullable `error_code` / `error` columns (messages in the call's language), and
//! the answers back to Arrow (money as `decimal128(18, 2)` — the core's `i128` fen, written in place — or
//! `int64` fen). It decides nothing: which rows are bad, and why, is the core's answer.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use arrow_array::builder::{BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Decimal128Type, Int32Type, Int64Type, UInt8Type};
use arrow_array::{
    new_null_array, Array, ArrayRef, ArrowPrimitiveType, DictionaryArray, PrimitiveArray, RecordBatch, StringArray, UInt32Array, UInt8Array,
};
use arrow_buffer::{BooleanBuffer, NullBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema};
use chrono::{Days, NaiveDate};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3_arrow::{PyArray, PyTable};
use serde::Serialize;
use serde_json::Value;
use shftu_rules::batch::{self as kernels, Bitmap, CheckupFen, Col, Fen, RowStatus, SplitCols, ROW_OK};
use shftu_rules::msg::Render;
use shftu_rules::mutual_aid::{Claim, EnrollInput, Policy, Tier};
use shftu_rules::read::{Kind, Path, ReadCx, Source, Wire};
use shftu_rules::registry::{with_rule, Rule, Visit};
use shftu_rules::shape::{Described, FieldShape, ObjectShape, Shape};
use shftu_rules::{Edition, Error, Trace};

use crate::api::{edition, lang, ENGINE};
use crate::convert::PySrc;
use crate::error::{guard, to_py};

/// Rows per kernel call (`e_premium`): the outputs are staged in cache-sized scratch and appended, so each output
/// byte is written once and never zeroed first.
const CHUNK: usize = 4096;
/// From this many rows, a kernel batch is split over the machine's cores (the GIL released).
const PARALLEL_ROWS: usize = 1 << 18;

fn bad(msg: impl Into<String>) -> PyErr {
    PyValueError::new_err(msg.into())
}

/// The options every batch call takes.
struct Opts {
    ed: &'static Edition,
    render: Render<'static>,
    fen: bool,
}

fn opts(py: Python<'_>, ed: Option<&str>, lang_tag: &str, fen: bool) -> PyResult<Opts> {
    let l = lang(py, lang_tag)?;
    let ed = edition(py, ed, l)?;
    Ok(Opts {
        ed,
        render: ed.render(l),
        fen,
    })
}

fn validity(a: &dyn Array) -> Option<Bitmap<'_>> {
    a.nulls().map(|n| Bitmap {
        bytes: n.validity(),
        offset: n.offset(),
    })
}

/// A bitmap seen from row `start` on.
fn from_row(b: Option<Bitmap<'_>>, start: usize) -> Option<Bitmap<'_>> {
    b.map(|b| Bitmap {
        bytes: b.bytes,
        offset: b.offset.saturating_add(start),
    })
}

fn prim<'a, T: ArrowPrimitiveType>(a: &'a ArrayRef, name: &str) -> PyResult<(&'a [T::Native], Option<Bitmap<'a>>)> {
    let p = a
        .as_primitive_opt::<T>()
        .ok_or_else(|| bad(format!("column {name}: expected {:?}, got {}", T::DATA_TYPE, a.data_type())))?;
    Ok((p.values().as_ref(), validity(a)))
}

fn part<'a, T>(v: &'a [T], r: &Range<usize>) -> &'a [T] {
    v.get(r.clone()).unwrap_or(&[])
}

/// Runs `f` over `n` rows: in one part, or split over the cores with the GIL released. The parts run on
/// rayon's threads, which live from call to call: each keeps its allocator heap, so the output buffers a
/// call frees are the next call's, without faulting in new pages.
fn in_parts<T: Send>(py: Python<'_>, n: usize, f: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    use rayon::prelude::*;
    // The CPUs this process may run on now (a process pinned to one runs one part).
    let cpus = std::thread::available_parallelism().map_or(1, |c| c.get());
    let cores = rayon::current_num_threads().min(cpus).min(8);
    if n < PARALLEL_ROWS || cores < 2 {
        return vec![f(0..n)];
    }
    let size = n.div_ceil(cores);
    let parts: Vec<Range<usize>> = (0..cores).map(|k| (k * size).min(n)..((k + 1) * size).min(n)).collect();
    py.detach(|| parts.into_par_iter().map(&f).collect())
}

/// A money column of fen as Arrow: `decimal128(18, 2)` (`i128` fen in place) or `int64` fen.
trait MoneyCol: Fen + Send + Default {
    fn column(v: Vec<Self>, nulls: Option<NullBuffer>) -> PyResult<ArrayRef>;
}
impl MoneyCol for i64 {
    fn column(v: Vec<Self>, nulls: Option<NullBuffer>) -> PyResult<ArrayRef> {
        Ok(Arc::new(PrimitiveArray::<Int64Type>::new(ScalarBuffer::from(v), nulls)))
    }
}
impl MoneyCol for i128 {
    fn column(v: Vec<Self>, nulls: Option<NullBuffer>) -> PyResult<ArrayRef> {
        let a = PrimitiveArray::<Decimal128Type>::new(ScalarBuffer::from(v), nulls)
            .with_precision_and_scale(18, 2)
            .map_err(|e| bad(e.to_string()))?;
        Ok(Arc::new(a))
    }
}

/// The answer of one part of a kernel batch: its columns and the statuses of its bad rows (by row
/// within the part; kept sparse, as bad rows are few and the rest are ok).
struct Part<F> {
    rows: Range<usize>,
    cols: Vec<(String, Vec<F>)>,
    extra: Vec<(String, ArrayRef)>,
    bad: Vec<(usize, RowStatus)>,
}

/// The bad rows of `status`, from row `first` on.
fn bad_of(status: &[RowStatus], first: usize, into: &mut Vec<(usize, RowStatus)>) {
    if status.iter().any(|s| *s != ROW_OK) {
        let bad = status.iter().enumerate().filter(|(_, s)| **s != ROW_OK);
        into.extend(bad.map(|(i, s)| (first.saturating_add(i), *s)));
    }
}

/// The parts as a table: money columns (named `X`, or `X_fen` with `fen`), nulls on bad rows, and the
/// `error_code` / `error` columns from the core's row statuses.
fn kernel_table<'py, F: MoneyCol>(
    py: Python<'py>,
    parts: Vec<Result<Part<F>, Error>>,
    o: &Opts,
    columns: &'static [&'static str],
) -> PyResult<Bound<'py, PyAny>> {
    let mut batches = Vec::new();
    for p in parts {
        let p = p.map_err(|e| to_py(py, &e, o.render))?;
        let n = p.rows.len();
        let nulls = (!p.bad.is_empty()).then(|| {
            let mut valid = vec![true; n];
            p.bad
                .iter()
                .for_each(|(i, _)| valid.get_mut(*i).into_iter().for_each(|v| *v = false));
            NullBuffer::new(BooleanBuffer::from(valid))
        });
        let mut fields = Vec::new();
        let mut arrays = Vec::new();
        for (name, v) in p.cols {
            let name = if o.fen { format!("{name}_fen") } else { name };
            let a = F::column(v, nulls.clone())?;
            fields.push(Field::new(name, a.data_type().clone(), true));
            arrays.push(a);
        }
        for (name, a) in p.extra {
            let a = match &nulls {
                Some(n) => with_nulls(a, n)?,
                None => a,
            };
            fields.push(Field::new(name, a.data_type().clone(), true));
            arrays.push(a);
        }
        let bad_rows: Vec<(usize, Error)> = p
            .bad
            .iter()
            .filter_map(|(i, s)| kernels::status_error(*s, p.rows.start.saturating_add(*i), columns).map(|e| (*i, e)))
            .collect();
        let (code, msg) = error_columns(n, &bad_rows, o.render);
        fields.push(Field::new("error_code", DataType::Utf8, true));
        fields.push(Field::new("error", DataType::Utf8, true));
        arrays.push(code);
        arrays.push(msg);
        batches.push(RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| bad(e.to_string()))?);
    }
    to_table(py, batches)
}

fn with_nulls(a: ArrayRef, n: &NullBuffer) -> PyResult<ArrayRef> {
    let data = a
        .to_data()
        .into_builder()
        .nulls(Some(n.clone()))
        .build()
        .map_err(|e| bad(e.to_string()))?;
    Ok(arrow_array::make_array(data))
}

/// `error_code` and `error` for `n` rows, `bad` the bad rows (in row order) and their errors.
fn error_columns(n: usize, bad: &[(usize, Error)], r: Render<'_>) -> (ArrayRef, ArrayRef) {
    if bad.is_empty() {
        let none = no_errors(n);
        return (none.clone(), none);
    }
    let (mut code, mut msg) = (
        StringBuilder::with_capacity(n, bad.len() * 16),
        StringBuilder::with_capacity(n, bad.len() * 64),
    );
    let mut next = bad.iter().peekable();
    for i in 0..n {
        match next.next_if(|(row, _)| *row == i) {
            Some((_, e)) => {
                code.append_value(e.code());
                msg.append_value(e.message(r));
            }
            None => {
                code.append_null();
                msg.append_null();
            }
        }
    }
    (Arc::new(code.finish()), Arc::new(msg.finish()))
}

/// An all-null `Utf8` column of `n` rows: a slice of one kept for every call (Arrow arrays are immutable),
/// so a batch without bad rows writes nothing for its error columns.
fn no_errors(n: usize) -> ArrayRef {
    static NULLS: Mutex<Option<ArrayRef>> = Mutex::new(None);
    let Ok(mut g) = NULLS.lock() else {
        return new_null_array(&DataType::Utf8, n);
    };
    match g.as_ref() {
        Some(a) if a.len() >= n => a.slice(0, n),
        _ => {
            let a = new_null_array(&DataType::Utf8, n.max(1 << 16));
            *g = Some(a.clone());
            a.slice(0, n)
        }
    }
}

fn to_table(py: Python<'_>, batches: Vec<RecordBatch>) -> PyResult<Bound<'_, PyAny>> {
    let schema = batches
        .first()
        .map(RecordBatch::schema)
        .unwrap_or_else(|| Arc::new(Schema::empty()));
    PyTable::try_new(batches, schema)?.into_pyarrow(py)
}

// ---- checkup.quote ------------------------------------------------------------------------------------

/// A count column read in place.
#[derive(Clone, Copy)]
enum Counts<'a> {
    I32(Col<'a, i32>),
    I64(Col<'a, i64>),
}

const CHECKUP_OUT: [&str; 4] = ["unit_price", "price", "subsidy", "payable"];

/// `checkup.quote` per row, by the core's `batch::checkup_split_keys`: `package` a `dictionary<int32,
/// string>` column (codes or the catalogue's names), `count` an `int32`/`int64` column or absent (one
/// checkup per row), `columns` the amount columns to write.
#[pyfunction]
#[pyo3(signature = (package, count, columns, *, fen=false, edition=None, lang="en"))]
#[allow(clippy::too_many_arguments, reason = "the keyword arguments of the Python function")]
fn checkup<'py>(
    py: Python<'py>,
    package: PyArray,
    count: Option<PyArray>,
    columns: Vec<String>,
    fen: bool,
    edition: Option<&str>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let t = CheckupFen::new(o.ed).map_err(|e| to_py(py, &e, o.render))?;
        let want: Vec<usize> = columns
            .iter()
            .map(|c| {
                CHECKUP_OUT
                    .iter()
                    .position(|x| x == c)
                    .ok_or_else(|| bad(format!("no output column {c}")))
            })
            .collect::<PyResult<_>>()?;
        let pkg = package.array();
        let dict = pkg
            .as_dictionary_opt::<Int32Type>()
            .ok_or_else(|| bad("package: expected dictionary<int32, string>"))?;
        let names = dict
            .values()
            .as_string_opt::<i32>()
            .ok_or_else(|| bad("package: expected string values"))?;
        let codes = kernels::key_codes(names.iter());
        let keys = Col {
            values: dict.keys().values().as_ref(),
            validity: validity(dict.keys()),
        };
        let counts = match count.as_ref().map(PyArray::array) {
            None => None,
            Some(a) => Some(match a.data_type() {
                DataType::Int32 => prim::<Int32Type>(a, "count").map(|(v, b)| Counts::I32(Col { values: v, validity: b }))?,
                _ => prim::<Int64Type>(a, "count").map(|(v, b)| Counts::I64(Col { values: v, validity: b }))?,
            }),
        };
        macro_rules! run {
            ($f:ty) => {{
                let parts = in_parts(py, keys.len(), |rows| {
                    checkup_part::<$f>(&t, &codes, keys, counts, &want, rows)
                });
                kernel_table::<$f>(py, parts, &o, kernels::CHECKUP_COLUMNS)
            }};
        }
        if fen {
            run!(i64)
        } else {
            run!(i128)
        }
    })
}

/// A column's rows `r`.
fn rows_of<'a, T: Copy>(c: Col<'a, T>, r: &Range<usize>) -> Col<'a, T> {
    Col {
        values: part(c.values, r),
        validity: from_row(c.validity, r.start),
    }
}

/// Rows `rows` of a checkup call, by the core's `batch::checkup_split_keys`: the columns of `want` only.
fn checkup_part<F: MoneyCol>(
    t: &CheckupFen,
    codes: &[u8],
    keys: Col<'_, i32>,
    counts: Option<Counts<'_>>,
    want: &[usize],
    rows: Range<usize>,
) -> Result<Part<F>, Error> {
    let mut outs: [Option<Vec<F>>; 4] = std::array::from_fn(|i| want.contains(&i).then(Vec::new));
    let [a, b, c, d] = &mut outs;
    let out = SplitCols {
        unit_price: a.as_mut(),
        price: b.as_mut(),
        subsidy: c.as_mut(),
        payable: d.as_mut(),
    };
    let (keys, mut bad) = (rows_of(keys, &rows), Vec::new());
    match counts {
        None => kernels::checkup_split_keys::<F, i64>(t, codes, keys, None, out, &mut bad)?,
        Some(Counts::I32(c)) => kernels::checkup_split_keys(t, codes, keys, Some(rows_of(c, &rows)), out, &mut bad)?,
        Some(Counts::I64(c)) => kernels::checkup_split_keys(t, codes, keys, Some(rows_of(c, &rows)), out, &mut bad)?,
    }
    // A column asked for twice is written once and copied.
    let cols = want
        .iter()
        .enumerate()
        .filter_map(|(j, w)| {
            let o = outs.get_mut(*w)?;
            let v = if want.get(j + 1..).is_some_and(|r| r.contains(w)) {
                o.clone()
            } else {
                o.take()
            };
            Some((CHECKUP_OUT.get(*w).copied().unwrap_or("?").to_owned(), v?))
        })
        .collect();
    Ok(Part {
        rows,
        cols,
        extra: Vec::new(),
        bad,
    })
}

// ---- the tier E premium -------------------------------------------------------------------------------

/// The tier E premium by cover start (`date32`), by the core's `batch::e_premium_by_start`.
#[pyfunction]
#[pyo3(signature = (coverage_start, *, fen=false, edition=None, lang="en"))]
fn e_premium<'py>(py: Python<'py>, coverage_start: PyArray, fen: bool, edition: Option<&str>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let (start, valid) = prim::<Date32Type>(coverage_start.array(), "coverage_start")?;
        macro_rules! run {
            ($f:ty) => {{
                let parts = in_parts(py, start.len(), |rows| premium_part::<$f>(o.ed, start, valid, rows));
                kernel_table::<$f>(py, parts, &o, kernels::E_PREMIUM_COLUMNS)
            }};
        }
        if fen {
            run!(i64)
        } else {
            run!(i128)
        }
    })
}

fn premium_part<F: MoneyCol>(ed: &Edition, start: &[i32], valid: Option<Bitmap<'_>>, rows: Range<usize>) -> Result<Part<F>, Error> {
    let n = rows.len();
    let (mut out, mut bad) = (Vec::with_capacity(n), Vec::new());
    let (mut scratch, mut st) = (vec![F::default(); CHUNK], vec![ROW_OK; CHUNK]);
    let mut s = rows.start;
    while s < rows.end {
        let r = s..(s + CHUNK).min(rows.end);
        let len = r.len();
        let col = Col {
            values: part(start, &r),
            validity: from_row(valid, r.start),
        };
        let (p, q) = (scratch.get_mut(..len).unwrap_or(&mut []), st.get_mut(..len).unwrap_or(&mut []));
        kernels::e_premium_by_start(ed, col, p, q)?;
        out.extend_from_slice(p);
        bad_of(q, r.start.saturating_sub(rows.start), &mut bad);
        s = r.end;
    }
    Ok(Part {
        rows,
        cols: vec![(String::from("premium"), out)],
        extra: Vec::new(),
        bad,
    })
}

// ---- hospital-day benefits ----------------------------------------------------------------------------

/// Hospital-day claims by the core's `batch::hospital_days`: `policy` dense policy numbers (`int32`,
/// below `policies`), `days` an `int64` column, `tier` a `dictionary<int32, string>` column or `None`
/// (every row `default_tier`).
#[pyfunction]
#[pyo3(signature = (policy, policies, days, tier, default_tier, *, fen=false, edition=None, lang="en"))]
#[allow(clippy::too_many_arguments, reason = "the keyword arguments of the Python function")]
fn hospital_days<'py>(
    py: Python<'py>,
    policy: PyArray,
    policies: usize,
    days: PyArray,
    tier: Option<PyArray>,
    default_tier: &Bound<'py, PyAny>,
    fen: bool,
    edition: Option<&str>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let cx = ReadCx { limits: ENGINE.limits() };
        let default_tier =
            Tier::read(&PySrc::new(default_tier.clone()), &Path::Root("tier"), &cx, None).map_err(|e| to_py(py, &e, o.render))?;
        let (pol, pvalid) = prim::<Int32Type>(policy.array(), "policy_id")?;
        let pol: Vec<u32> = pol.iter().map(|p| u32::try_from(*p).unwrap_or(u32::MAX)).collect();
        let (d, dvalid) = prim::<Int64Type>(days.array(), "days")?;
        // A day count a u32 cannot hold is out of the rule's range: the row is bad, the kernel skips it.
        let out_of_range: Vec<bool> = d.iter().map(|x| u32::try_from(*x).is_err()).collect();
        let d32: Vec<u32> = d.iter().map(|x| u32::try_from(*x).unwrap_or(0)).collect();
        let dnulls: Option<BooleanBuffer> = (dvalid.is_some() || out_of_range.contains(&true)).then(|| {
            (0..d.len())
                .map(|i| !out_of_range.get(i).copied().unwrap_or(true) && dvalid.is_none_or(|b| b.get(i)))
                .collect()
        });
        let dcol = Col {
            values: &d32,
            validity: dnulls.as_ref().map(|b| Bitmap {
                bytes: b.values(),
                offset: b.offset(),
            }),
        };
        let tier_codes: Option<(Vec<u8>, Option<Bitmap<'_>>)> = match tier.as_ref().map(PyArray::array) {
            None => None,
            Some(a) => {
                let dict = a
                    .as_dictionary_opt::<Int32Type>()
                    .ok_or_else(|| bad("tier: expected dictionary<int32, string>"))?;
                let names = dict
                    .values()
                    .as_string_opt::<i32>()
                    .ok_or_else(|| bad("tier: expected string values"))?;
                let lut: Vec<u8> = names
                    .iter()
                    .map(|t| {
                        t.and_then(|t| Tier::read(&PySrc::new(PyString::new(py, t).into_any()), &Path::Root("tier"), &cx, None).ok())
                            .map_or(u8::MAX, kernels::tier_code)
                    })
                    .collect();
                let codes = dict
                    .keys()
                    .values()
                    .iter()
                    .map(|k| usize::try_from(*k).ok().and_then(|k| lut.get(k)).copied().unwrap_or(u8::MAX))
                    .collect();
                Some((codes, validity(dict.keys())))
            }
        };
        let tcol = tier_codes.as_ref().map(|(v, b)| Col {
            values: v.as_slice(),
            validity: *b,
        });
        let n = pol.len();
        let mut used = vec![[0_u32; 3]; policies];
        let (mut paid, mut reason, mut status) = (vec![0_u32; n], vec![0_u8; n], vec![ROW_OK; n]);
        macro_rules! run {
            ($f:ty) => {{
                let mut payable = vec![<$f>::default(); n];
                let out = kernels::HospitalDaysOut {
                    paid_days: &mut paid,
                    payable: &mut payable,
                    reason: &mut reason,
                    status: &mut status,
                };
                let r = kernels::hospital_days(
                    o.ed,
                    Col {
                        values: &pol,
                        validity: pvalid,
                    },
                    dcol,
                    tcol,
                    default_tier,
                    &mut used,
                    out,
                );
                for (i, s) in status.iter_mut().enumerate() {
                    let null_days = *s == kernels::row_status(kernels::RowError::Null, 1);
                    if null_days && out_of_range.get(i) == Some(&true) && dvalid.is_none_or(|b| b.get(i)) {
                        *s = kernels::row_status(kernels::RowError::OutOfRange, 1);
                    }
                }
                // The reason codes as a dictionary column: the kernel's code per row, the names once.
                let codes = (1..=u8::MAX).map_while(kernels::reason_of).map(|r| r.as_str());
                let names: StringArray = std::iter::once("").chain(codes).map(Some).collect();
                let valid = NullBuffer::from(reason.iter().map(|k| *k != 0).collect::<Vec<bool>>());
                let keys = UInt8Array::new(ScalarBuffer::from(std::mem::take(&mut reason)), Some(valid));
                let reasons = DictionaryArray::<UInt8Type>::try_new(keys, Arc::new(names)).map_err(|e| bad(e.to_string()))?;
                let extra: Vec<(String, ArrayRef)> = vec![
                    (
                        String::from("paid_days"),
                        Arc::new(UInt32Array::from(std::mem::take(&mut paid))),
                    ),
                    (String::from("reason"), Arc::new(reasons)),
                ];
                let p = r.map(|()| Part {
                    rows: 0..n,
                    cols: vec![(String::from("payable"), payable)],
                    extra,
                    bad: {
                        let mut bad = Vec::new();
                        bad_of(&status, 0, &mut bad);
                        bad
                    },
                });
                kernel_table::<$f>(py, vec![p], &o, kernels::HOSPITAL_COLUMNS)
            }};
        }
        if fen {
            run!(i64)
        } else {
            run!(i128)
        }
    })
}

// ---- rows: a table row read as a rule's input -------------------------------------------------------

/// The columns of a table, by name.
struct Table {
    names: Vec<String>,
    cols: Vec<ArrayRef>,
    rows: usize,
}

impl Table {
    fn new(t: PyTable) -> PyResult<Table> {
        let (batches, schema) = t.into_inner();
        let names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let mut cols = Vec::new();
        for i in 0..names.len() {
            let parts: Vec<&dyn Array> = batches.iter().filter_map(|b| b.columns().get(i)).map(|a| a.as_ref()).collect();
            // The Python side hands over one record batch (`combine_chunks`).
            let a = match parts.as_slice() {
                [one] => arrow_array::make_array(one.to_data()),
                [] => new_null_array(schema.field(i).data_type(), 0),
                many => return Err(bad(format!("expected one record batch, got {}", many.len()))),
            };
            cols.push(a);
        }
        let rows = batches.iter().map(RecordBatch::num_rows).sum();
        Ok(Table { names, cols, rows })
    }
    fn col(&self, name: &str) -> Option<&ArrayRef> {
        self.names.iter().position(|n| n == name).and_then(|i| self.cols.get(i))
    }
}

/// Row `row` of a table as an object of the fields `fields` (the other columns are not its), or one of
/// its cells. The Python side hands over text as `utf8` (money and decimals too), counts as `int64`,
/// dates as `date32` or text, flags as `bool`.
enum Src<'a> {
    Row(&'a Table, usize, &'static [FieldShape]),
    Cell(&'a ArrayRef, usize),
}

impl Src<'_> {
    fn cell(&self) -> Option<(&ArrayRef, usize)> {
        match self {
            Src::Cell(a, row) if !a.is_null(*row) => Some((a, *row)),
            _ => None,
        }
    }
}

impl Source for Src<'_> {
    fn kind(&self) -> Kind {
        if let Src::Row(..) = self {
            return Kind::Object;
        }
        match self.cell().map(|(a, _)| a.data_type()) {
            None | Some(DataType::Null) => Kind::Null,
            Some(DataType::Utf8) => Kind::String,
            Some(DataType::Boolean) => Kind::Bool,
            Some(DataType::Date32) => Kind::Date,
            Some(DataType::Int64) => Kind::Number,
            Some(_) => Kind::Other,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        self.cell().and_then(|(a, r)| a.as_boolean_opt().map(|b| b.value(r)))
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        self.cell()
            .and_then(|(a, r)| a.as_primitive_opt::<Int64Type>().map(|p| Cow::Owned(p.value(r).to_string())))
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.cell()
            .and_then(|(a, r)| a.as_string_opt::<i32>().map(|s| Cow::Borrowed(s.value(r))))
    }
    fn native_date(&self) -> Option<NaiveDate> {
        let days = self
            .cell()
            .and_then(|(a, r)| a.as_primitive_opt::<Date32Type>().map(|d| d.value(r)))?;
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1)?;
        match u64::try_from(days) {
            Ok(p) => epoch.checked_add_days(Days::new(p)),
            Err(_) => epoch.checked_sub_days(Days::new(u64::from(days.unsigned_abs()))),
        }
    }
    fn array_len(&self) -> Option<usize> {
        None
    }
    fn at(&self, _: usize) -> Option<Self> {
        None
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        let Src::Row(t, _, fields) = self else { return Vec::new() };
        let known = t.names.iter().filter(|n| fields.iter().any(|f| f.name == n.as_str()));
        known.map(|n| Cow::Borrowed(n.as_str())).collect()
    }
    fn get(&self, key: &str) -> Option<Self> {
        let Src::Row(t, row, fields) = self else { return None };
        fields
            .iter()
            .any(|f| f.name == key)
            .then(|| t.col(key))
            .flatten()
            .map(|a| Src::Cell(a, *row))
    }
}

fn object_of<T: Described>() -> Option<&'static ObjectShape> {
    match T::shape() {
        Shape::Object(o) => Some(o),
        _ => None,
    }
}

/// Reads row `row` as a `T` (its path `rows[<row>]`).
fn read_row<T: Wire>(t: &Table, row: usize) -> Result<T, Error> {
    let src = Src::Row(t, row, object_of::<T>().map_or(&[], |o| o.fields));
    let root = Path::Root("rows");
    T::read(&src, &Path::Index(&root, row), &ReadCx { limits: ENGINE.limits() }, None)
}

/// Answers (one per row) as a table: the result's fields as columns, by their shape, and the errors.
fn answers_table<'py, T: Serialize>(
    py: Python<'py>,
    shape: &ObjectShape,
    answers: Vec<Result<T, Error>>,
    o: &Opts,
) -> PyResult<Bound<'py, PyAny>> {
    let n = answers.len();
    let values: Vec<Option<Value>> = answers
        .iter()
        .map(|a| a.as_ref().ok().and_then(|x| serde_json::to_value(x).ok()))
        .collect();
    let mut fields = Vec::new();
    let mut arrays: Vec<ArrayRef> = Vec::new();
    for f in shape.fields {
        let cells = values
            .iter()
            .map(|v| v.as_ref().and_then(|v| v.get(f.name)).filter(|x| !x.is_null()));
        let (a, name) = column((f.shape)(), cells, n, o.fen, f.name)?;
        fields.push(Field::new(name, a.data_type().clone(), true));
        arrays.push(a);
    }
    let bad_rows: Vec<(usize, Error)> = answers
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.as_ref().err().map(|e| (i, e.clone())))
        .collect();
    let (code, msg) = error_columns(n, &bad_rows, o.render);
    fields.push(Field::new("error_code", DataType::Utf8, true));
    fields.push(Field::new("error", DataType::Utf8, true));
    arrays.push(code);
    arrays.push(msg);
    let b = RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| bad(e.to_string()))?;
    to_table(py, vec![b])
}

/// One result field over the rows, as an Arrow column of its shape.
fn column<'v>(
    shape: Shape,
    cells: impl Iterator<Item = Option<&'v Value>>,
    n: usize,
    fen: bool,
    name: &str,
) -> PyResult<(ArrayRef, String)> {
    let text = |v: &Value| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string());
    Ok(match shape {
        Shape::Money => {
            let fens = cells.map(|c| c.and_then(Value::as_str).and_then(crate::convert::fen_of));
            if fen {
                let mut b = Int64Builder::with_capacity(n);
                fens.for_each(|f| b.append_option(f));
                (Arc::new(b.finish()), format!("{name}_fen"))
            } else {
                let mut b = Decimal128Builder::with_capacity(n);
                fens.for_each(|f| b.append_option(f.map(i128::from)));
                let a = b.finish().with_precision_and_scale(18, 2).map_err(|e| bad(e.to_string()))?;
                (Arc::new(a), name.to_owned())
            }
        }
        Shape::Date => {
            let mut b = Date32Builder::with_capacity(n);
            cells.for_each(|c| {
                b.append_option(
                    c.and_then(Value::as_str)
                        .and_then(shftu_rules::read::parse_date)
                        .map(kernels::days_from_epoch),
                )
            });
            (Arc::new(b.finish()), name.to_owned())
        }
        Shape::Bool => {
            let mut b = BooleanBuilder::with_capacity(n);
            cells.for_each(|c| b.append_option(c.and_then(Value::as_bool)));
            (Arc::new(b.finish()), name.to_owned())
        }
        Shape::Count | Shape::Int | Shape::Long => {
            let mut b = Int64Builder::with_capacity(n);
            cells.for_each(|c| b.append_option(c.and_then(Value::as_i64)));
            (Arc::new(b.finish()), name.to_owned())
        }
        Shape::Array(inner) if matches!(inner(), Shape::Enum(_) | Shape::Text) => {
            let mut b = ListBuilder::new(StringBuilder::new());
            for c in cells {
                match c.and_then(Value::as_array) {
                    Some(items) => {
                        items.iter().for_each(|x| b.values().append_value(text(x)));
                        b.append(true);
                    }
                    None => b.append(false),
                }
            }
            (Arc::new(b.finish()), name.to_owned())
        }
        // Codes, text, date-times, ratios as text; a nested object or list as its JSON text.
        _ => {
            let a: StringArray = cells.map(|c| c.map(text)).collect();
            (Arc::new(a), name.to_owned())
        }
    })
}

/// `mutual_aid.enroll` per row, by the core's `batch::enroll_rows`.
#[pyfunction]
#[pyo3(signature = (table, *, fen=false, edition=None, lang="en"))]
fn enroll<'py>(py: Python<'py>, table: PyTable, fen: bool, edition: Option<&str>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let t = Table::new(table)?;
        let mut answers = Vec::with_capacity(t.rows);
        py.detach(|| kernels::enroll_rows(o.ed, t.rows, |i| read_row::<EnrollInput>(&t, i), |_, a| answers.push(a)));
        let shape = object_of::<shftu_rules::mutual_aid::Enrollment>().ok_or_else(|| bad("no result shape"))?;
        answers_table(py, shape, answers, &o)
    })
}

/// `mutual_aid.adjudicate` over a population, by the core's `batch::adjudicate_population`: each row a
/// claim of the policy numbered `key` (dense, from the `policy_id` column), its policy columns repeated.
#[pyfunction]
#[pyo3(signature = (table, key, *, fen=false, edition=None, lang="en"))]
fn adjudicate<'py>(
    py: Python<'py>,
    table: PyTable,
    key: PyArray,
    fen: bool,
    edition: Option<&str>,
    lang: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let t = Table::new(table)?;
        let (keys, kvalid) = prim::<Int32Type>(key.array(), "policy_id")?;
        let answers = py.detach(|| {
            let rows = (0..t.rows)
                .map(|i| {
                    if kvalid.is_some_and(|b| !b.get(i)) {
                        return Err(
                            kernels::status_error(kernels::row_status(kernels::RowError::Null, 0), i, &["policy_id"])
                                .unwrap_or_else(|| Error::invalid("rows", "null policy_id")),
                        );
                    }
                    Ok(kernels::ClaimRow {
                        key: keys.get(i).copied().unwrap_or(-1),
                        policy: read_row::<Policy>(&t, i)?,
                        claim: read_row::<Claim>(&t, i)?,
                    })
                })
                .collect();
            kernels::adjudicate_population(o.ed, ENGINE.calendar(), rows)
        });
        let shape = object_of::<shftu_rules::mutual_aid::ClaimDecision>().ok_or_else(|| bad("no result shape"))?;
        answers_table(py, shape, answers, &o)
    })
}

/// Any rule per row (`rule` by id; a row is read as the rule's input): the rules without a column kernel
/// (`mutual_aid.claim_deadline`, …), decided row by row without a trace.
#[pyfunction]
#[pyo3(signature = (rule, table, *, fen=false, edition=None, lang="en"))]
fn rows<'py>(py: Python<'py>, rule: &str, table: PyTable, fen: bool, edition: Option<&str>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let o = opts(py, edition, lang, fen)?;
        let t = Table::new(table)?;
        let r = with_rule(rule, Rows { py, t: &t, o: &o });
        r.unwrap_or_else(|| {
            Err(to_py(
                py,
                &Error::UnknownRule {
                    rule: shftu_rules::msg::cut(rule).to_owned(),
                },
                o.render,
            ))
        })
    })
}

struct Rows<'a, 'py> {
    py: Python<'py>,
    t: &'a Table,
    o: &'a Opts,
}

impl<'py> Visit for Rows<'_, 'py> {
    type Out = PyResult<Bound<'py, PyAny>>;
    fn visit<R: Rule>(self) -> Self::Out {
        let cx = shftu_rules::registry::Ctx {
            edition: self.o.ed,
            calendar: ENGINE.calendar(),
        };
        let mut trace = Trace::off();
        let answers: Vec<Result<R::Output, Error>> = (0..self.t.rows)
            .map(|i| read_row::<R::Input>(self.t, i).and_then(|x| R::eval(&cx, &x, &mut trace)))
            .collect();
        let shape = object_of::<R::Output>().ok_or_else(|| bad("no result shape"))?;
        answers_table(self.py, shape, answers, self.o)
    }
}

/// Registers the batch functions on the module (as `batch_<name>`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for f in [
        wrap_pyfunction!(checkup, m)?,
        wrap_pyfunction!(e_premium, m)?,
        wrap_pyfunction!(hospital_days, m)?,
        wrap_pyfunction!(enroll, m)?,
        wrap_pyfunction!(adjudicate, m)?,
        wrap_pyfunction!(rows, m)?,
    ] {
        let name: String = f.getattr("__name__")?.extract()?;
        m.add(format!("batch_{name}"), f)?;
    }
    Ok(())
}
