//! Conversions between Python values, Arrow columns and the core's types. No rule logic lives here.
//!
//! Inputs: money is a `decimal.Decimal`, an `int` or a `str` (a `float` is a `TypeError` naming the
//! field); a date is a `datetime.date` (a `datetime.datetime` is a `TypeError`); a choice is a `str`;
//! a count is an `int`; a flag is a `bool`. Range and format checks are the core's own (the same
//! messages and paths as the wire contract). Outputs: money as `decimal.Decimal`, dates as
//! `datetime.date`, choices as `str`.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Date32Builder, Decimal128Builder, ListBuilder, StringBuilder, UInt32Builder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Date64Type, Decimal128Type, Int64Type};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field as ArrowField, Schema};
use chrono::{Datelike, NaiveDate};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyType};
use pyo3::IntoPyObjectExt;
use serde_json::Value;
use shftu_rules::wire::{Field, Path};
use shftu_rules::{Error, Money, TraceStep};

use crate::error::to_py;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

fn type_error(path: &Path<'_>, expected: &str, v: &Bound<'_, PyAny>) -> PyErr {
    let got = v
        .get_type()
        .fully_qualified_name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an unknown type".to_owned());
    PyTypeError::new_err(format!("{path} must be {expected}, not {got}"))
}

/// Reads a value through the core's own field reader (for its messages and checks).
fn via_core<T: Field>(py: Python<'_>, v: &Value, path: &Path<'_>) -> PyResult<T> {
    T::from_value(v, path).map_err(|e| to_py(py, &e))
}

/// Money: `Decimal`, `int` or `str`; a `float` (or a `bool`) is a `TypeError`.
pub fn money(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Money> {
    let py = v.py();
    let text: String = if v.is_instance_of::<PyBool>() || v.is_instance_of::<PyFloat>() {
        return Err(type_error(
            path,
            "an amount of money as decimal.Decimal, int or str (never a float)",
            v,
        ));
    } else if v.is_instance_of::<PyString>() {
        v.extract()?
    } else if v.is_instance_of::<PyInt>() {
        v.str()?.extract()?
    } else if v.is_instance(DECIMAL.import(py, "decimal", "Decimal")?)? {
        // Fixed-point text, never an exponent: Decimal("1E+2") is "100".
        py.import("builtins")?.getattr("format")?.call1((v, "f"))?.extract()?
    } else {
        return Err(type_error(
            path,
            "an amount of money as decimal.Decimal, int or str (never a float)",
            v,
        ));
    };
    via_core(py, &Value::String(text), path)
}

/// A date: `datetime.date`, not a `datetime.datetime`.
pub fn date(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<NaiveDate> {
    if v.is_instance_of::<PyDateTime>() || !v.is_instance_of::<PyDate>() {
        return Err(type_error(path, "a datetime.date (not a datetime)", v));
    }
    let y: i32 = v.getattr("year")?.extract()?;
    let m: u32 = v.getattr("month")?.extract()?;
    let d: u32 = v.getattr("day")?.extract()?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| PyValueError::new_err(format!("{path} is not a date")))
}

/// A choice among the wire strings of a core enum.
pub fn choice<T: Field>(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<T> {
    if !v.is_instance_of::<PyString>() {
        return Err(type_error(path, "a str", v));
    }
    let s: String = v.extract()?;
    via_core(v.py(), &Value::String(s), path)
}

/// A count: a non-negative `int` (not a `bool`).
pub fn count(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<u32> {
    whole(v, path)
}

fn whole<T: Field>(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<T> {
    if v.is_instance_of::<PyBool>() || !v.is_instance_of::<PyInt>() {
        return Err(type_error(path, "an int", v));
    }
    let text: String = v.str()?.extract()?;
    let n: Value = serde_json::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))?;
    via_core(v.py(), &n, path)
}

/// A flag: a `bool`.
pub fn flag(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<bool> {
    if !v.is_instance_of::<PyBool>() {
        return Err(type_error(path, "a bool", v));
    }
    v.extract()
}

/// An optional argument: `None` is absent.
pub fn opt<'py, T>(
    v: Option<&Bound<'py, PyAny>>,
    path: &Path<'_>,
    f: impl FnOnce(&Bound<'py, PyAny>, &Path<'_>) -> PyResult<T>,
) -> PyResult<Option<T>> {
    match v {
        Some(x) if !x.is_none() => f(x, path).map(Some),
        _ => Ok(None),
    }
}

/// A nested object given as a mapping: its keys must be among `fields` (as on the wire).
pub struct Obj<'py, 'a> {
    map: Bound<'py, PyMapping>,
    path: Path<'a>,
}

impl<'py, 'a> Obj<'py, 'a> {
    /// Reads `v` at `path` as a mapping whose keys are all in `fields`.
    pub fn new(v: &Bound<'py, PyAny>, path: Path<'a>, fields: &[&str]) -> PyResult<Obj<'py, 'a>> {
        let map = v.cast::<PyMapping>().map_err(|_| type_error(&path, "a mapping (dict)", v))?.clone();
        for k in map.keys()?.iter() {
            let key: String = k.str()?.extract()?;
            if !fields.contains(&key.as_str()) {
                let e = Error::invalid(
                    format!("{path}.{key}"),
                    format!("{path} has an unknown field {key:?}; its fields are {}", fields.join(", ")),
                );
                return Err(to_py(v.py(), &e));
            }
        }
        Ok(Obj { map, path })
    }

    /// The value of `key`, `None` when absent or `None`.
    pub fn get(&self, key: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        if !self.map.contains(key)? {
            return Ok(None);
        }
        let v = self.map.get_item(key)?;
        Ok(if v.is_none() { None } else { Some(v) })
    }

    /// A required field read by `f` (its message when missing is the wire reader's).
    pub fn req<T: Field>(&self, key: &str, f: impl FnOnce(&Bound<'py, PyAny>, &Path<'_>) -> PyResult<T>) -> PyResult<T> {
        let p = Path::Key(&self.path, key);
        match self.get(key)? {
            Some(v) => f(&v, &p),
            None => Err(to_py(
                self.map.py(),
                &Error::invalid(p.to_string(), format!("{p} is required: {}", T::EXPECTED)),
            )),
        }
    }

    /// An optional field read by `f`.
    pub fn opt<T>(&self, key: &str, f: impl FnOnce(&Bound<'py, PyAny>, &Path<'_>) -> PyResult<T>) -> PyResult<Option<T>> {
        let p = Path::Key(&self.path, key);
        match self.get(key)? {
            Some(v) => f(&v, &p).map(Some),
            None => Ok(None),
        }
    }
}

/// A sequence at `path`, each element read by `f` with its own path (`path[i]`).
pub fn list<'py, T>(
    v: &Bound<'py, PyAny>,
    path: &Path<'_>,
    mut f: impl FnMut(&Bound<'py, PyAny>, Path<'_>) -> PyResult<T>,
) -> PyResult<Vec<T>> {
    if v.is_instance_of::<PyString>() || v.is_instance_of::<PyDict>() {
        return Err(type_error(path, "a list", v));
    }
    let items = v.try_iter().map_err(|_| type_error(path, "a list", v))?;
    let mut out = Vec::new();
    for (i, item) in items.enumerate() {
        out.push(f(&item?, Path::Index(path, i))?);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------------
// Results to Python values.

/// A core value as a Python value.
pub trait ToPy {
    /// The Python value.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

impl ToPy for Money {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        DECIMAL.import(py, "decimal", "Decimal")?.call1((self.to_string(),))
    }
}

impl ToPy for NaiveDate {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyDate::new(py, self.year(), u8::try_from(self.month())?, u8::try_from(self.day())?)?.into_any())
    }
}

impl ToPy for bool {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyBool::new(py, *self).to_owned().into_any())
    }
}

impl ToPy for u32 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}

impl ToPy for i32 {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.into_pyobject(py)?.into_any())
    }
}

impl ToPy for String {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}

impl ToPy for &str {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(PyString::new(py, self).into_any())
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = self.iter().map(|v| v.to_py(py)).collect::<PyResult<Vec<_>>>()?;
        Ok(PyList::new(py, items)?.into_any())
    }
}

impl ToPy for TraceStep {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok((self.clause, self.note.as_str()).into_pyobject(py)?.into_any())
    }
}

/// `ToPy` for core enums: their wire string.
#[macro_export]
macro_rules! py_enums {
    ($($t:ty),+ $(,)?) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                Ok(pyo3::types::PyString::new(py, self.as_str()).into_any())
            }
        }
    )+};
}

/// `ToPy` for a core result struct: a dict of its fields, in the contract's order.
#[macro_export]
macro_rules! py_record {
    ($($t:ty { $($f:ident),+ $(,)? })+) => {$(
        impl $crate::convert::ToPy for $t {
            fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                use pyo3::types::PyDictMethods;
                let d = pyo3::types::PyDict::new(py);
                $( d.set_item(stringify!($f), $crate::convert::ToPy::to_py(&self.$f, py)?)?; )+
                Ok(d.into_any())
            }
        }
    )+};
}

// ---------------------------------------------------------------------------------------------------
// Arrow columns in and out (the batch API).

/// The table's columns by name, for reading row by row.
pub struct Columns {
    batch: RecordBatch,
    by_name: HashMap<String, usize>,
}

/// A column read as text (any string type, dictionary-encoded or not, or a type Arrow casts to text).
/// A dictionary keeps its encoding: its keys index the decoded values.
pub struct TextCol(Option<ArrayRef>, Option<ArrayRef>);

fn text_at(a: &ArrayRef, i: usize) -> Option<&str> {
    if i >= a.len() || a.is_null(i) {
        return None;
    }
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(a.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(a.as_string_view().value(i)),
        _ => None,
    }
}

impl TextCol {
    /// The text at `row`, `None` when null or the column is absent.
    pub fn get(&self, row: usize) -> Option<&str> {
        match (&self.0, &self.1) {
            (Some(keys), Some(values)) => {
                if row >= keys.len() || keys.is_null(row) {
                    return None;
                }
                let k = usize::try_from(keys.as_primitive::<Int64Type>().value(row)).ok()?;
                text_at(values, k)
            }
            (Some(a), None) => text_at(a, row),
            _ => None,
        }
    }
}

/// A text column of a core enum: each distinct string is read once by the core's wire reader.
pub struct EnumCol<T> {
    text: TextCol,
    seen: std::cell::RefCell<Vec<(String, Result<T, Error>)>>,
}

impl<T: Field + Clone> EnumCol<T> {
    /// The value at `row`, read as the wire reads it; `path` names the field in the row's error.
    pub fn get(&self, row: usize, path: &'static str) -> Cell<T> {
        let Some(s) = self.text.get(row) else { return Ok(None) };
        if let Ok(seen) = self.seen.try_borrow() {
            if let Some((_, r)) = seen.iter().find(|(k, _)| k == s) {
                return r.clone().map(Some);
            }
        }
        let r = T::from_value(&Value::String(s.to_owned()), &Path::Root(path));
        if let Ok(mut seen) = self.seen.try_borrow_mut() {
            if seen.len() < 64 {
                seen.push((s.to_owned(), r.clone()));
            }
        }
        r.map(Some)
    }
}

/// A date column (date32, date64 or ISO text).
pub enum DateCol {
    /// Absent.
    Absent,
    /// date32 / date64, as days since 1970-01-01.
    Days(ArrayRef),
    /// `YYYY-MM-DD` text.
    Text(TextCol),
}

/// A reading of one cell that may be wrong: the error belongs to the row.
pub type Cell<T> = Result<Option<T>, Error>;

const EPOCH_DAYS_CE: i32 = 719_163;

impl DateCol {
    /// The date at `row`; `path` names the field in the row's error.
    pub fn get(&self, row: usize, path: &str) -> Cell<NaiveDate> {
        match self {
            DateCol::Absent => Ok(None),
            DateCol::Days(a) => {
                if a.is_null(row) {
                    return Ok(None);
                }
                let days = match a.data_type() {
                    DataType::Date32 => Some(a.as_primitive::<Date32Type>().value(row)),
                    DataType::Date64 => i32::try_from(a.as_primitive::<Date64Type>().value(row).div_euclid(86_400_000)).ok(),
                    _ => None,
                };
                days.and_then(|d| d.checked_add(EPOCH_DAYS_CE))
                    .and_then(NaiveDate::from_num_days_from_ce_opt)
                    .map(Some)
                    .ok_or_else(|| Error::invalid(path, format!("{path} is not a date that exists")))
            }
            DateCol::Text(t) => match t.get(row) {
                None => Ok(None),
                Some(s) => shftu_rules::wire::parse_date(s)
                    .map(Some)
                    .ok_or_else(|| Error::invalid(path, format!("{path} {s:?} is not a date that exists, as \"YYYY-MM-DD\""))),
            },
        }
    }
}

/// A money column (decimal, integer or text).
pub enum MoneyCol {
    /// Absent.
    Absent,
    /// decimal128 of this scale.
    Decimal(ArrayRef, i8),
    /// Whole yuan.
    Int(ArrayRef),
    /// Decimal text.
    Text(TextCol),
}

impl MoneyCol {
    /// The amount at `row`, checked by the core as on the wire.
    pub fn get(&self, row: usize, path: &'static str) -> Cell<Money> {
        let text = match self {
            MoneyCol::Absent => return Ok(None),
            MoneyCol::Decimal(a, scale) => {
                if a.is_null(row) {
                    return Ok(None);
                }
                let v = a.as_primitive::<Decimal128Type>().value(row);
                decimal_text(v, *scale)
            }
            MoneyCol::Int(a) => {
                if a.is_null(row) {
                    return Ok(None);
                }
                a.as_primitive::<Int64Type>().value(row).to_string()
            }
            MoneyCol::Text(t) => match t.get(row) {
                None => return Ok(None),
                Some(s) => s.to_owned(),
            },
        };
        Money::from_value(&Value::String(text), &Path::Root(path)).map(Some)
    }
}

/// The plain text of a decimal128 value with `scale` decimals ("-1.50", "100").
fn decimal_text(v: i128, scale: i8) -> String {
    if scale <= 0 {
        let mut s = v.to_string();
        s.extend(std::iter::repeat_n('0', usize::from(scale.unsigned_abs())));
        return s;
    }
    let neg = v < 0;
    let digits = v.unsigned_abs().to_string();
    let scale = usize::from(scale.unsigned_abs());
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    // Trailing zeros past the fen are not decimals the amount has.
    let frac = frac.trim_end_matches('0');
    let frac = if frac.len() < 2 { format!("{frac:0<2}") } else { frac.to_owned() };
    format!("{}{int}.{frac}", if neg { "-" } else { "" })
}

/// A count column (any integer type).
pub struct CountCol(Option<ArrayRef>);

impl CountCol {
    /// The count at `row`, checked as on the wire.
    pub fn get(&self, row: usize, path: &'static str) -> Cell<u32> {
        let Some(a) = &self.0 else { return Ok(None) };
        if a.is_null(row) {
            return Ok(None);
        }
        let v = a.as_primitive::<Int64Type>().value(row);
        match u32::try_from(v) {
            Ok(n) => Ok(Some(n)),
            // Out of range: the wire reader's own refusal and message.
            Err(_) => u32::from_value(&Value::Number(serde_json::Number::from(v)), &Path::Root(path)).map(Some),
        }
    }
}

/// A boolean column.
pub struct FlagCol(Option<ArrayRef>);

impl FlagCol {
    /// The flag at `row`.
    pub fn get(&self, row: usize) -> Option<bool> {
        let a = self.0.as_ref()?;
        if a.is_null(row) {
            None
        } else {
            Some(a.as_boolean().value(row))
        }
    }
}

fn is_float(t: &DataType) -> bool {
    match t {
        DataType::Float16 | DataType::Float32 | DataType::Float64 => true,
        DataType::Dictionary(_, v) => is_float(v),
        _ => false,
    }
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn cast(a: &ArrayRef, to: &DataType, name: &str) -> PyResult<ArrayRef> {
    arrow_cast::cast(a, to).map_err(|e| PyTypeError::new_err(format!("column {name:?} cannot be read as {to}: {e}")))
}

impl Columns {
    /// The batch's columns.
    pub fn new(batch: RecordBatch) -> Columns {
        let by_name = batch
            .schema()
            .fields()
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name().clone(), i))
            .collect();
        Columns { batch, by_name }
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.batch.num_rows()
    }

    fn column(&self, name: &str, required: bool) -> PyResult<Option<ArrayRef>> {
        match self.by_name.get(name).and_then(|i| self.batch.columns().get(*i)) {
            Some(a) => Ok(Some(Arc::clone(a))),
            None if required => Err(PyValueError::new_err(format!(
                "the table has no column {name:?}; its columns are {}",
                self.by_name.keys().cloned().collect::<Vec<_>>().join(", ")
            ))),
            None => Ok(None),
        }
    }

    /// A text column (dictionary-encoded strings keep their encoding; other types are cast to text).
    pub fn text(&self, name: &str, required: bool) -> PyResult<TextCol> {
        let Some(a) = self.column(name, required)? else {
            return Ok(TextCol(None, None));
        };
        if is_float(a.data_type()) {
            return Err(PyTypeError::new_err(format!("column {name:?} must hold text, not floats")));
        }
        if is_text(a.data_type()) {
            return Ok(TextCol(Some(a), None));
        }
        if let Some(d) = a.as_any_dictionary_opt() {
            let values = Arc::clone(d.values());
            let values = if is_text(values.data_type()) {
                values
            } else {
                cast(&values, &DataType::Utf8, name)?
            };
            let keys: ArrayRef = arrow_array::make_array(d.keys().to_data());
            return Ok(TextCol(Some(cast(&keys, &DataType::Int64, name)?), Some(values)));
        }
        Ok(TextCol(Some(cast(&a, &DataType::Utf8, name)?), None))
    }

    /// A text column of a core enum.
    pub fn choice<T>(&self, name: &str, required: bool) -> PyResult<EnumCol<T>> {
        Ok(EnumCol {
            text: self.text(name, required)?,
            seen: std::cell::RefCell::new(Vec::new()),
        })
    }

    /// A date column: date32, date64 or ISO text; a timestamp is a `TypeError`.
    pub fn date(&self, name: &str, required: bool) -> PyResult<DateCol> {
        let Some(a) = self.column(name, required)? else {
            return Ok(DateCol::Absent);
        };
        match a.data_type() {
            DataType::Date32 | DataType::Date64 => Ok(DateCol::Days(a)),
            DataType::Dictionary(_, v) if matches!(**v, DataType::Date32 | DataType::Date64) => Ok(DateCol::Days(cast(&a, v, name)?)),
            DataType::Timestamp(..) => Err(PyTypeError::new_err(format!(
                "column {name:?} holds timestamps; pass dates (date32), e.g. pandas `.dt.date` or polars `.dt.date()`"
            ))),
            t if is_float(t) => Err(PyTypeError::new_err(format!("column {name:?} must hold dates, not floats"))),
            _ => Ok(DateCol::Text(self.text(name, required)?)),
        }
    }

    /// A money column: decimal, integer or text; floats are a `TypeError` naming the column.
    pub fn money(&self, name: &str, required: bool) -> PyResult<MoneyCol> {
        let Some(a) = self.column(name, required)? else {
            return Ok(MoneyCol::Absent);
        };
        let t = match a.data_type() {
            DataType::Dictionary(_, v) => (**v).clone(),
            t => t.clone(),
        };
        match t {
            t if is_float(&t) => Err(PyTypeError::new_err(format!(
                "column {name:?} holds floats; money must be decimal, integer or text (never a float)"
            ))),
            DataType::Decimal32(_, s) | DataType::Decimal64(_, s) | DataType::Decimal128(_, s) => {
                let p = 38;
                Ok(MoneyCol::Decimal(cast(&a, &DataType::Decimal128(p, s), name)?, s))
            }
            DataType::Decimal256(_, _) => Err(PyTypeError::new_err(format!("column {name:?} is decimal256; use decimal128"))),
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => Ok(MoneyCol::Int(cast(&a, &DataType::Int64, name)?)),
            _ => Ok(MoneyCol::Text(self.text(name, required)?)),
        }
    }

    /// A count column: any integer type.
    pub fn count(&self, name: &str, required: bool) -> PyResult<CountCol> {
        let Some(a) = self.column(name, required)? else {
            return Ok(CountCol(None));
        };
        if !a.data_type().is_integer() {
            return Err(PyTypeError::new_err(format!(
                "column {name:?} must hold integers, not {}",
                a.data_type()
            )));
        }
        Ok(CountCol(Some(cast(&a, &DataType::Int64, name)?)))
    }

    /// A boolean column.
    pub fn flag(&self, name: &str) -> PyResult<FlagCol> {
        let Some(a) = self.column(name, false)? else {
            return Ok(FlagCol(None));
        };
        if a.data_type() != &DataType::Boolean {
            return Err(PyTypeError::new_err(format!(
                "column {name:?} must hold booleans, not {}",
                a.data_type()
            )));
        }
        Ok(FlagCol(Some(a)))
    }
}

/// The output columns of a batch: built cell by cell, then finished into a record batch.
pub struct OutCols {
    fields: Vec<ArrowField>,
    builders: Vec<Builder>,
}

/// One output column under construction.
pub enum Builder {
    /// bool
    Bool(BooleanBuilder),
    /// uint32
    U32(UInt32Builder),
    /// utf8
    Text(StringBuilder),
    /// date32
    Date(Date32Builder),
    /// decimal128(18, 2)
    Money(Decimal128Builder),
    /// list<utf8>
    TextList(ListBuilder<StringBuilder>),
}

/// What one output column holds.
#[derive(Clone, Copy)]
pub enum Kind {
    /// bool
    Bool,
    /// uint32
    U32,
    /// utf8
    Text,
    /// date32
    Date,
    /// decimal128(18, 2)
    Money,
    /// list<utf8>
    TextList,
}

/// A value written to an output column.
pub enum V<'a> {
    /// null
    Null,
    /// bool
    Bool(bool),
    /// uint32
    U32(u32),
    /// text
    Text(&'a str),
    /// date
    Date(NaiveDate),
    /// money
    Money(Money),
    /// a list of texts
    TextList(Vec<&'a str>),
}

impl OutCols {
    /// Columns of these names and kinds, plus `error_code` and `error` (nullable text).
    pub fn new(cols: &[(&str, Kind)], rows: usize) -> PyResult<OutCols> {
        let mut fields = Vec::new();
        let mut builders = Vec::new();
        for (name, kind) in cols.iter().copied().chain([("error_code", Kind::Text), ("error", Kind::Text)]) {
            let (dt, b) = match kind {
                Kind::Bool => (DataType::Boolean, Builder::Bool(BooleanBuilder::with_capacity(rows))),
                Kind::U32 => (DataType::UInt32, Builder::U32(UInt32Builder::with_capacity(rows))),
                Kind::Text => (DataType::Utf8, Builder::Text(StringBuilder::with_capacity(rows, rows * 8))),
                Kind::Date => (DataType::Date32, Builder::Date(Date32Builder::with_capacity(rows))),
                Kind::Money => {
                    let b = Decimal128Builder::with_capacity(rows)
                        .with_precision_and_scale(18, 2)
                        .map_err(|e| PyValueError::new_err(e.to_string()))?;
                    (DataType::Decimal128(18, 2), Builder::Money(b))
                }
                Kind::TextList => {
                    let b = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(ArrowField::new("item", DataType::Utf8, true)));
                    (
                        DataType::List(Arc::new(ArrowField::new("item", DataType::Utf8, true))),
                        Builder::TextList(b),
                    )
                }
            };
            fields.push(ArrowField::new(name, dt, true));
            builders.push(b);
        }
        Ok(OutCols { fields, builders })
    }

    /// Appends a row: `values` for the result columns in order, then the error (code, message) if any.
    pub fn row(&mut self, values: &[V<'_>], error: Option<&Error>) -> PyResult<()> {
        let n = self.builders.len().saturating_sub(2);
        let msg = error.map(ToString::to_string);
        let tail = [
            error.map_or(V::Null, |e| V::Text(e.code())),
            msg.as_deref().map_or(V::Null, V::Text),
        ];
        for (i, b) in self.builders.iter_mut().enumerate() {
            let v = if i < n { values.get(i) } else { tail.get(i - n) };
            push(b, v.unwrap_or(&V::Null))?;
        }
        Ok(())
    }

    /// A row of nulls with an error.
    pub fn error_row(&mut self, e: &Error) -> PyResult<()> {
        self.row(&[], Some(e))
    }

    /// The finished record batch.
    pub fn finish(self) -> PyResult<RecordBatch> {
        let cols: Vec<ArrayRef> = self
            .builders
            .into_iter()
            .map(|b| -> ArrayRef {
                match b {
                    Builder::Bool(mut b) => Arc::new(b.finish()),
                    Builder::U32(mut b) => Arc::new(b.finish()),
                    Builder::Text(mut b) => Arc::new(b.finish()),
                    Builder::Date(mut b) => Arc::new(b.finish()),
                    Builder::Money(mut b) => Arc::new(b.finish()),
                    Builder::TextList(mut b) => Arc::new(b.finish()),
                }
            })
            .collect();
        RecordBatch::try_new(Arc::new(Schema::new(self.fields)), cols).map_err(|e| PyValueError::new_err(e.to_string()))
    }
}

fn mismatch() -> PyErr {
    PyValueError::new_err("internal: an output value does not match its column")
}

fn push(b: &mut Builder, v: &V<'_>) -> PyResult<()> {
    match (b, v) {
        (Builder::Bool(b), V::Null) => b.append_null(),
        (Builder::U32(b), V::Null) => b.append_null(),
        (Builder::Text(b), V::Null) => b.append_null(),
        (Builder::Date(b), V::Null) => b.append_null(),
        (Builder::Money(b), V::Null) => b.append_null(),
        (Builder::TextList(b), V::Null) => b.append_null(),
        (Builder::Bool(b), V::Bool(x)) => b.append_value(*x),
        (Builder::U32(b), V::U32(x)) => b.append_value(*x),
        (Builder::Text(b), V::Text(x)) => b.append_value(x),
        (Builder::Date(b), V::Date(d)) => {
            let days = d.num_days_from_ce().checked_sub(EPOCH_DAYS_CE).ok_or_else(mismatch)?;
            b.append_value(days);
        }
        (Builder::Money(b), V::Money(m)) => b.append_value(i128::from(m.to_fen().ok_or_else(mismatch)?)),
        (Builder::TextList(b), V::TextList(xs)) => {
            for x in xs {
                b.values().append_value(x);
            }
            b.append(true);
        }
        _ => return Err(mismatch()),
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// Any result (`serde::Serialize`) to Python values, and keyword arguments to a wire value.

/// A serde error carrying a Python exception.
#[derive(Debug)]
pub struct SerError(pub PyErr);

impl std::fmt::Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for SerError {}

impl serde::ser::Error for SerError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerError(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

/// Serialises a core result straight into Python objects: structs and maps as dicts, sequences as
/// lists, money as `Decimal`, dates as `datetime.date`, enums as their wire strings.
pub struct PySer<'py>(pub Python<'py>);

/// A list under construction.
pub struct SeqSer<'py>(Python<'py>, Vec<Bound<'py, PyAny>>);

/// A dict under construction.
pub struct MapSer<'py>(Python<'py>, Bound<'py, PyDict>, Option<Bound<'py, PyAny>>);

type Ser<'py> = Result<Bound<'py, PyAny>, SerError>;

impl<'py> PySer<'py> {
    fn obj<T: IntoPyObject<'py>>(&self, v: T) -> Ser<'py> {
        v.into_bound_py_any(self.0).map_err(SerError)
    }
}

impl<'py> serde::Serializer for PySer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = SeqSer<'py>;
    type SerializeTuple = SeqSer<'py>;
    type SerializeTupleStruct = SeqSer<'py>;
    type SerializeTupleVariant = SeqSer<'py>;
    type SerializeMap = MapSer<'py>;
    type SerializeStruct = MapSer<'py>;
    type SerializeStructVariant = MapSer<'py>;

    fn serialize_bool(self, v: bool) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_i8(self, v: i8) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_i16(self, v: i16) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_i32(self, v: i32) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_i64(self, v: i64) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_u8(self, v: u8) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_u16(self, v: u16) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_u32(self, v: u32) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_u64(self, v: u64) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_f32(self, v: f32) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_f64(self, v: f64) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_char(self, v: char) -> Ser<'py> {
        self.obj(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Ser<'py> {
        self.obj(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Ser<'py> {
        self.obj(v.to_vec())
    }
    fn serialize_none(self) -> Ser<'py> {
        Ok(self.0.None().into_bound(self.0))
    }
    fn serialize_some<T: ?Sized + serde::Serialize>(self, v: &T) -> Ser<'py> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Ser<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Ser<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Ser<'py> {
        self.obj(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(self, _: &'static str, v: &T) -> Ser<'py> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(self, _: &'static str, _: u32, variant: &'static str, v: &T) -> Ser<'py> {
        let d = PyDict::new(self.0);
        d.set_item(variant, v.serialize(PySer(self.0))?)?;
        Ok(d.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer<'py>, SerError> {
        Ok(SeqSer(self.0, Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqSer<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, len: usize) -> Result<SeqSer<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapSer<'py>, SerError> {
        Ok(MapSer(self.0, PyDict::new(self.0), None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapSer<'py>, SerError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<MapSer<'py>, SerError> {
        self.serialize_map(None)
    }
    /// Money and dates serialise through `collect_str`; their type tells them apart from text.
    fn collect_str<T: ?Sized + std::fmt::Display>(self, v: &T) -> Ser<'py> {
        let text = v.to_string();
        let ty = std::any::type_name::<T>();
        if ty.ends_with("::Money") {
            return Ok(DECIMAL.import(self.0, "decimal", "Decimal")?.call1((text,))?);
        }
        if ty.contains("NaiveDate") && !ty.contains("NaiveDateTime") {
            if let Some(d) = shftu_rules::wire::parse_date(&text) {
                return Ok(d.to_py(self.0)?);
            }
        }
        self.obj(text)
    }
}

impl<'py> serde::ser::SerializeSeq for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), SerError> {
        self.1.push(v.serialize(PySer(self.0))?);
        Ok(())
    }
    fn end(self) -> Ser<'py> {
        Ok(PyList::new(self.0, self.1)?.into_any())
    }
}

impl<'py> serde::ser::SerializeTuple for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), SerError> {
        serde::ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Ser<'py> {
        serde::ser::SerializeSeq::end(self)
    }
}

impl<'py> serde::ser::SerializeTupleStruct for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), SerError> {
        serde::ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Ser<'py> {
        serde::ser::SerializeSeq::end(self)
    }
}

impl<'py> serde::ser::SerializeTupleVariant for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), SerError> {
        serde::ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Ser<'py> {
        serde::ser::SerializeSeq::end(self)
    }
}

impl<'py> serde::ser::SerializeMap for MapSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: ?Sized + serde::Serialize>(&mut self, k: &T) -> Result<(), SerError> {
        self.2 = Some(k.serialize(PySer(self.0))?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), SerError> {
        let k = self
            .2
            .take()
            .ok_or_else(|| SerError(PyValueError::new_err("a map value without a key")))?;
        self.1.set_item(k, v.serialize(PySer(self.0))?)?;
        Ok(())
    }
    fn end(self) -> Ser<'py> {
        Ok(self.1.into_any())
    }
}

impl<'py> serde::ser::SerializeStruct for MapSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, k: &'static str, v: &T) -> Result<(), SerError> {
        self.1.set_item(k, v.serialize(PySer(self.0))?)?;
        Ok(())
    }
    fn end(self) -> Ser<'py> {
        Ok(self.1.into_any())
    }
}

impl<'py> serde::ser::SerializeStructVariant for MapSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, k: &'static str, v: &T) -> Result<(), SerError> {
        serde::ser::SerializeStruct::serialize_field(self, k, v)
    }
    fn end(self) -> Ser<'py> {
        Ok(self.1.into_any())
    }
}

/// A Python argument as a wire value, with the typed API's strictness: a `float` or a `datetime`
/// is a `TypeError` naming the field; `Decimal` becomes its exact text; `date` its ISO text.
pub fn to_value(v: &Bound<'_, PyAny>, path: &Path<'_>) -> PyResult<Value> {
    let py = v.py();
    if v.is_none() {
        Ok(Value::Null)
    } else if v.is_instance_of::<PyBool>() {
        Ok(Value::Bool(v.extract()?))
    } else if v.is_instance_of::<PyInt>() {
        let text: String = v.str()?.extract()?;
        serde_json::from_str(&text).map_err(|e| PyValueError::new_err(e.to_string()))
    } else if v.is_instance_of::<PyFloat>() {
        Err(type_error(path, "a Decimal, int or str (never a float)", v))
    } else if v.is_instance_of::<PyString>() {
        Ok(Value::String(v.extract()?))
    } else if v.is_instance_of::<PyDateTime>() {
        Err(type_error(path, "a datetime.date (not a datetime)", v))
    } else if v.is_instance_of::<PyDate>() {
        Ok(Value::String(v.call_method0("isoformat")?.extract()?))
    } else if v.is_instance(DECIMAL.import(py, "decimal", "Decimal")?)? {
        Ok(Value::String(py.import("builtins")?.getattr("format")?.call1((v, "f"))?.extract()?))
    } else if let Ok(m) = v.cast::<PyMapping>() {
        let mut out = serde_json::Map::new();
        for k in m.keys()?.iter() {
            let key: String = k.str()?.extract()?;
            let item = m.get_item(&k)?;
            let p = Path::Key(path, &key);
            let value = to_value(&item, &p)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<pyo3::types::PyTuple>() {
        list(v, path, |x, p| to_value(x, &p)).map(Value::Array)
    } else {
        Err(type_error(path, "a str, int, bool, Decimal, date, list or dict", v))
    }
}
