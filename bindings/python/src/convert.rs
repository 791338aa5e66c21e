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

    /// The column called `name` as it is (`None` when absent and not required).
    pub fn column(&self, name: &str, required: bool) -> PyResult<Option<ArrayRef>> {
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

    /// A dictionary-encoded text column as its keys (in their own integer type) and its values as text;
    /// `None` for a column that is not dictionary-encoded.
    pub fn dictionary_text(&self, name: &str) -> PyResult<Option<(ArrayRef, ArrayRef)>> {
        let Some(a) = self.column(name, true)? else {
            return Ok(None);
        };
        let Some(d) = a.as_any_dictionary_opt() else {
            return Ok(None);
        };
        let values = Arc::clone(d.values());
        if is_float(values.data_type()) {
            return Err(PyTypeError::new_err(format!("column {name:?} must hold text, not floats")));
        }
        let values = if is_text(values.data_type()) {
            values
        } else {
            cast(&values, &DataType::Utf8, name)?
        };
        Ok(Some((arrow_array::make_array(d.keys().to_data()), values)))
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

// ---------------------------------------------------------------------------------------------------
// Whole columns for the core's column kernels (`shftu_rules::batch`): plain slices in, plain vectors
// out, no per-row objects. A cell that cannot be read is a bad row `(row, error)`; the kernel still gets
// a placeholder value for it, and the caller masks its outputs.

/// A bad row: its index and its error.
pub type BadRow = (usize, Error);

/// The rows whose cell is null, each with "`name` at row i is required".
fn null_rows(a: &dyn Array, name: &str, bad: &mut Vec<BadRow>) {
    if let Some(nulls) = a.logical_nulls().filter(|n| n.null_count() > 0) {
        for (row, valid) in nulls.iter().enumerate() {
            if !valid {
                bad.push((row, Error::invalid(name, format!("{name} at row {row} is required"))));
            }
        }
    }
}

/// A date column as days since 1970-01-01 (Arrow `date32`): the column's own values buffer when it is
/// `date32`, else each cell read as [`Columns::date`] reads it.
pub struct DaysCol {
    zero_copy: Option<arrow_array::Date32Array>,
    owned: Vec<i32>,
}

impl DaysCol {
    /// The days, one per row (a placeholder for a bad row).
    pub fn values(&self) -> &[i32] {
        match &self.zero_copy {
            Some(a) => a.values(),
            None => &self.owned,
        }
    }
}

/// A count column as `u32`: the column's own values buffer when it is `uint32` without nulls, else
/// converted (a null or out-of-range cell is a bad row, with the placeholder 0).
pub struct U32Col {
    zero_copy: Option<arrow_array::UInt32Array>,
    owned: Vec<u32>,
}

impl U32Col {
    /// The counts, one per row.
    pub fn values(&self) -> &[u32] {
        match &self.zero_copy {
            Some(a) => a.values(),
            None => &self.owned,
        }
    }
}

/// An optional count column for a kernel that reads any integer type in place: the column's own values
/// when it is `uint32`, `int32` or `int64` without nulls and every value is a count (one read-only
/// pass), else converted cell by cell as [`Columns::counts`] does (its bad rows reported).
pub enum Counts {
    /// No column: every row has the default.
    Absent,
    /// In place.
    U32(arrow_buffer::ScalarBuffer<u32>),
    /// In place.
    I32(arrow_buffer::ScalarBuffer<i32>),
    /// In place.
    I64(arrow_buffer::ScalarBuffer<i64>),
    /// Converted.
    Owned(Vec<u32>),
}

impl Columns {
    /// The optional count column `name` (see [`Counts`]); a null is `null_as`.
    pub fn counts_in_place(&self, name: &str, path: &'static str, null_as: u32, bad: &mut Vec<BadRow>) -> PyResult<Counts> {
        use arrow_array::types::{Int32Type, UInt32Type};
        let Some(a) = self.column(name, false)? else {
            return Ok(Counts::Absent);
        };
        if a.null_count() == 0 {
            let max = i64::from(u32::MAX);
            match a.data_type() {
                DataType::UInt32 => return Ok(Counts::U32(a.as_primitive::<UInt32Type>().values().clone())),
                DataType::Int32 => {
                    let v = a.as_primitive::<Int32Type>().values();
                    if v.iter().fold(true, |all, x| all & (*x >= 0)) {
                        return Ok(Counts::I32(v.clone()));
                    }
                }
                DataType::Int64 => {
                    let v = a.as_primitive::<Int64Type>().values();
                    if v.iter().fold(true, |all, x| all & (0..=max).contains(x)) {
                        return Ok(Counts::I64(v.clone()));
                    }
                }
                _ => {}
            }
        }
        Ok(Counts::Owned(self.counts(name, path, Some(null_as), bad)?.values().to_vec()))
    }
}

/// Dense numbers `0..count` for the distinct values of a key column, in order of first appearance
/// (or `value - min` when integer keys span a range not much longer than the column). Null keys are bad
/// rows and get `u32::MAX`, which no kernel state slot has.
pub struct DenseKeys {
    /// The dense number of each row's key.
    pub dense: Vec<u32>,
    /// How many dense numbers there are (the kernel's state length).
    pub count: usize,
}

/// A fast hasher for key densification (the multiply-rotate of rustc's FxHasher).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits (the table's bucket) poorly mixed: fold the high bits in
        // (murmur3's finaliser).
        let mut h = self.0;
        h = (h ^ (h >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            for (w, b) in word.iter_mut().zip(chunk) {
                *w = *b;
            }
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(SEED);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(u64::try_from(i).unwrap_or(u64::MAX));
    }
    fn write_i64(&mut self, i: i64) {
        self.write_u64(u64::from_ne_bytes(i.to_ne_bytes()));
    }
}

type KeyMap<K> = HashMap<K, u32, std::hash::BuildHasherDefault<KeyHasher>>;

fn dense_number(count: usize, name: &str) -> Result<u32, PyErr> {
    u32::try_from(count).map_err(|_| PyValueError::new_err(format!("column {name:?} has more than 2^32 distinct keys")))
}

/// Dense numbers for integer keys (`nulls`: the rows without a key, already bad rows).
fn dense_ints<N: Copy + Into<i64>>(values: &[N], nulls: Option<&arrow_buffer::NullBuffer>, name: &str) -> PyResult<DenseKeys> {
    let n = values.len();
    let nulls = nulls.filter(|x| x.null_count() > 0);
    let valid = |row: usize| nulls.is_none_or(|x| x.is_valid(row));
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    match nulls {
        None => {
            for v in values {
                let v: i64 = (*v).into();
                (lo, hi) = (lo.min(v), hi.max(v));
            }
        }
        Some(_) => {
            for (row, v) in values.iter().enumerate() {
                if valid(row) {
                    let v: i64 = (*v).into();
                    (lo, hi) = (lo.min(v), hi.max(v));
                }
            }
        }
    }
    let limit = n.saturating_mul(4).saturating_add(1024).min(u32::MAX as usize);
    let span = hi.checked_sub(lo).and_then(|s| usize::try_from(s).ok()).filter(|s| *s < limit);
    if let Some(span) = span {
        // Keys in a short range: the offset from the smallest is the dense number (below `limit`, so
        // it fits a u32).
        let offset = |v: N| -> u32 { Into::<i64>::into(v).wrapping_sub(lo) as u32 };
        let dense = match nulls {
            None => values.iter().map(|v| offset(*v)).collect(),
            Some(_) => values
                .iter()
                .enumerate()
                .map(|(row, v)| if valid(row) { offset(*v) } else { u32::MAX })
                .collect(),
        };
        return Ok(DenseKeys { dense, count: span + 1 });
    }
    let mut seen: KeyMap<i64> = KeyMap::with_capacity_and_hasher(n.min(1 << 22), Default::default());
    let mut dense = Vec::with_capacity(n);
    for (row, v) in values.iter().enumerate() {
        let d = if valid(row) {
            let next = dense_number(seen.len(), name)?;
            *seen.entry((*v).into()).or_insert(next)
        } else {
            u32::MAX
        };
        dense.push(d);
    }
    Ok(DenseKeys { dense, count: seen.len() })
}

/// Integer cells as `u32` counts; a null (already a bad row) or out-of-range cell gets 0.
/// Integer cells as `u32` counts; a null cell gets `null_as` (0 for a bad row), an out-of-range cell is a
/// bad row (the wire reader's message at `path`) with 0.
fn counts_of<T>(a: &arrow_array::PrimitiveArray<T>, path: &'static str, null_as: u32, bad: &mut Vec<BadRow>) -> Vec<u32>
where
    T: arrow_array::ArrowPrimitiveType,
    T::Native: TryInto<u32> + std::fmt::Display,
{
    let nulls = a.logical_nulls().filter(|n| n.null_count() > 0);
    // The common case first: every cell a count (one pass, no per-row error branch).
    let mut all_counts = true;
    let mut out: Vec<u32> = a
        .values()
        .iter()
        .map(|v| {
            let k: Result<u32, _> = (*v).try_into();
            all_counts &= k.is_ok();
            k.unwrap_or(0)
        })
        .collect();
    if all_counts {
        if let Some(n) = &nulls {
            for (k, valid) in out.iter_mut().zip(n.iter()) {
                if !valid {
                    *k = null_as;
                }
            }
        }
        return out;
    }
    out.clear();
    for (row, v) in a.values().iter().enumerate() {
        let k = match (*v).try_into() {
            Ok(k) => k,
            Err(_) if nulls.as_ref().is_some_and(|n| n.is_null(row)) => 0,
            Err(_) => {
                let wire = serde_json::from_str::<Value>(&v.to_string())
                    .map_err(|e| Error::invalid(path, e.to_string()))
                    .and_then(|n| u32::from_value(&n, &Path::Root(path)));
                let message = match wire {
                    Err(e) => format!("{e} (row {row})"),
                    Ok(_) => format!("{path} is {v} (row {row}): it must be a count from 0 to {}", u32::MAX),
                };
                bad.push((row, Error::invalid(path, message)));
                0
            }
        };
        out.push(k);
    }
    if let Some(n) = nulls {
        for (k, valid) in out.iter_mut().zip(n.iter()) {
            if !valid {
                *k = null_as;
            }
        }
    }
    out
}

impl Columns {
    /// A date column for a kernel (date32 zero-copy; date64, dictionary and ISO text read per cell).
    pub fn days(&self, name: &str, bad: &mut Vec<BadRow>) -> PyResult<DaysCol> {
        let a = self
            .column(name, true)?
            .ok_or_else(|| PyValueError::new_err(format!("the table has no column {name:?}")))?;
        if a.data_type() == &DataType::Date32 {
            null_rows(&a, name, bad);
            return Ok(DaysCol {
                zero_copy: Some(a.as_primitive::<Date32Type>().clone()),
                owned: Vec::new(),
            });
        }
        let col = self.date(name, true)?;
        let owned = (0..self.rows())
            .map(|row| match col.get(row, name) {
                Ok(Some(d)) => d.num_days_from_ce().saturating_sub(EPOCH_DAYS_CE),
                Ok(None) => {
                    bad.push((row, Error::invalid(name, format!("{name} at row {row} is required"))));
                    0
                }
                Err(e) => {
                    bad.push((row, e));
                    0
                }
            })
            .collect();
        Ok(DaysCol { zero_copy: None, owned })
    }

    /// A count column for a kernel: any integer type (uint32 without nulls zero-copy). With `null_as`
    /// the column is optional and a null is that count; without, a null is a bad row. `path` names the
    /// field in the messages of out-of-range cells.
    pub fn counts(&self, name: &str, path: &'static str, null_as: Option<u32>, bad: &mut Vec<BadRow>) -> PyResult<U32Col> {
        use arrow_array::types::{Int16Type, Int32Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type};
        let Some(a) = self.column(name, null_as.is_none())? else {
            // An optional column that is absent: every row has the default.
            return Ok(U32Col {
                zero_copy: None,
                owned: vec![null_as.unwrap_or(0); self.rows()],
            });
        };
        if a.data_type() == &DataType::UInt32 && a.null_count() == 0 {
            return Ok(U32Col {
                zero_copy: Some(a.as_primitive::<UInt32Type>().clone()),
                owned: Vec::new(),
            });
        }
        if !a.data_type().is_integer() {
            return Err(PyTypeError::new_err(format!(
                "column {name:?} must hold integers, not {}",
                a.data_type()
            )));
        }
        if null_as.is_none() {
            null_rows(&a, name, bad);
        }
        let d = null_as.unwrap_or(0);
        let owned = match a.data_type() {
            DataType::Int8 => counts_of(a.as_primitive::<Int8Type>(), path, d, bad),
            DataType::Int16 => counts_of(a.as_primitive::<Int16Type>(), path, d, bad),
            DataType::Int32 => counts_of(a.as_primitive::<Int32Type>(), path, d, bad),
            DataType::UInt8 => counts_of(a.as_primitive::<UInt8Type>(), path, d, bad),
            DataType::UInt16 => counts_of(a.as_primitive::<UInt16Type>(), path, d, bad),
            DataType::UInt32 => counts_of(a.as_primitive::<UInt32Type>(), path, d, bad),
            DataType::UInt64 => counts_of(a.as_primitive::<UInt64Type>(), path, d, bad),
            _ => counts_of(cast(&a, &DataType::Int64, name)?.as_primitive::<Int64Type>(), path, d, bad),
        };
        Ok(U32Col { zero_copy: None, owned })
    }

    /// A key column densified for a kernel's per-key state: any integer type, or text (any string type,
    /// dictionary-encoded or not, or a type Arrow casts to text).
    pub fn dense_keys(&self, name: &str, bad: &mut Vec<BadRow>) -> PyResult<DenseKeys> {
        use arrow_array::types::{Int16Type, Int32Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type};
        let a = self
            .column(name, true)?
            .ok_or_else(|| PyValueError::new_err(format!("the table has no column {name:?}")))?;
        match a.data_type() {
            DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64 => {
                null_rows(&a, name, bad);
                let nulls = a.logical_nulls();
                let nulls = nulls.as_ref();
                return match a.data_type() {
                    DataType::Int8 => dense_ints(a.as_primitive::<Int8Type>().values(), nulls, name),
                    DataType::Int16 => dense_ints(a.as_primitive::<Int16Type>().values(), nulls, name),
                    DataType::Int32 => dense_ints(a.as_primitive::<Int32Type>().values(), nulls, name),
                    DataType::UInt8 => dense_ints(a.as_primitive::<UInt8Type>().values(), nulls, name),
                    DataType::UInt16 => dense_ints(a.as_primitive::<UInt16Type>().values(), nulls, name),
                    DataType::UInt32 => dense_ints(a.as_primitive::<UInt32Type>().values(), nulls, name),
                    // u64 keys as i64 by their bits: a one-to-one map, which is all densifying needs.
                    DataType::UInt64 => {
                        let bits: Vec<i64> = a
                            .as_primitive::<UInt64Type>()
                            .values()
                            .iter()
                            .map(|v| i64::from_ne_bytes(v.to_ne_bytes()))
                            .collect();
                        dense_ints(&bits, nulls, name)
                    }
                    _ => dense_ints(a.as_primitive::<Int64Type>().values(), nulls, name),
                };
            }
            _ => {}
        }
        let text = self.text(name, true)?;
        let required = |row: usize| Error::invalid(name, format!("{name} at row {row} is required"));
        if let TextCol(Some(keys), Some(values)) = &text {
            // Dictionary-encoded: a dense number per distinct dictionary value, then per key.
            let mut seen: KeyMap<&str> = KeyMap::default();
            let mut of_value = Vec::with_capacity(values.len());
            for i in 0..values.len() {
                of_value.push(match text_at(values, i) {
                    Some(k) => {
                        let next = dense_number(seen.len(), name)?;
                        *seen.entry(k).or_insert(next)
                    }
                    None => u32::MAX,
                });
            }
            let keys = keys.as_primitive::<Int64Type>();
            let mut dense = Vec::with_capacity(keys.len());
            for (row, k) in keys.iter().enumerate() {
                let d = k
                    .and_then(|k| usize::try_from(k).ok())
                    .and_then(|k| of_value.get(k).copied())
                    .unwrap_or(u32::MAX);
                if d == u32::MAX {
                    bad.push((row, required(row)));
                }
                dense.push(d);
            }
            return Ok(DenseKeys { dense, count: seen.len() });
        }
        let mut seen: KeyMap<&str> = KeyMap::with_capacity_and_hasher(self.rows().min(1 << 22), Default::default());
        let mut dense = Vec::with_capacity(self.rows());
        for row in 0..self.rows() {
            let d = match text.get(row) {
                None => {
                    bad.push((row, required(row)));
                    u32::MAX
                }
                Some(k) => {
                    let next = dense_number(seen.len(), name)?;
                    *seen.entry(k).or_insert(next)
                }
            };
            dense.push(d);
        }
        Ok(DenseKeys { dense, count: seen.len() })
    }
}

impl Columns {
    /// A column of a core enum as a kernel's `u8` codes (`code` of each value): each distinct string
    /// read once by the core's wire reader, its error (at `path`) given to every row that has it. A null
    /// or bad cell is a bad row with the code `u8::MAX`.
    pub fn choice_codes<T: Field>(
        &self,
        name: &str,
        path: &'static str,
        code: impl Fn(T) -> u8,
        bad: &mut Vec<BadRow>,
    ) -> PyResult<Vec<u8>> {
        let read = |s: &str| T::from_value(&Value::String(s.to_owned()), &Path::Root(path)).map(&code);
        let required = || Error::invalid(path, format!("{path} is required"));
        if let Some((keys, values)) = self.dictionary_text(name)? {
            // Dictionary-encoded: each dictionary value read once, then one table lookup per row over the
            // keys in their own integer type (no widened copy).
            let of_value: Vec<Option<Result<u8, Error>>> = (0..values.len()).map(|i| text_at(&values, i).map(read)).collect();
            let lut: Vec<u8> = of_value
                .iter()
                .map(|v| v.as_ref().and_then(|r| r.as_ref().ok()).copied().unwrap_or(u8::MAX))
                .collect();
            let out = dictionary_codes(&keys, &lut);
            if out.contains(&u8::MAX) {
                // Some rows are bad: say why, reading their keys widened (the slow path, bad rows only).
                let wide = cast(&keys, &DataType::Int64, name)?;
                let wide = wide.as_primitive::<Int64Type>();
                for (row, c) in out.iter().enumerate() {
                    if *c != u8::MAX {
                        continue;
                    }
                    let k = if wide.is_null(row) {
                        None
                    } else {
                        usize::try_from(wide.value(row)).ok()
                    };
                    match k.and_then(|k| of_value.get(k)).and_then(Option::as_ref) {
                        Some(Err(e)) => bad.push((row, e.clone())),
                        Some(Ok(_)) => {}
                        None => bad.push((row, required())),
                    }
                }
            }
            return Ok(out);
        }
        let text = self.text(name, true)?;
        let mut out = Vec::with_capacity(self.rows());
        let mut seen: KeyMap<&str> = KeyMap::default();
        let mut answers: Vec<Result<u8, Error>> = Vec::new();
        for row in 0..self.rows() {
            let Some(s) = text.get(row) else {
                bad.push((row, required()));
                out.push(u8::MAX);
                continue;
            };
            let next = dense_number(seen.len(), name)?;
            let i = *seen.entry(s).or_insert(next);
            if usize::try_from(i).ok() == Some(answers.len()) {
                answers.push(read(s));
            }
            out.push(match usize::try_from(i).ok().and_then(|i| answers.get(i)) {
                Some(Ok(c)) => *c,
                Some(Err(e)) => {
                    bad.push((row, e.clone()));
                    u8::MAX
                }
                None => u8::MAX,
            });
        }
        Ok(out)
    }
}

/// The `lut` code of each dictionary key (`u8::MAX` for a null key or one out of range).
fn dictionary_codes(keys: &ArrayRef, lut: &[u8]) -> Vec<u8> {
    use arrow_array::types::{Int16Type, Int32Type, Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type};
    use arrow_buffer::ArrowNativeType;
    fn by<K: arrow_array::ArrowPrimitiveType>(k: &arrow_array::PrimitiveArray<K>, lut: &[u8]) -> Vec<u8> {
        let mut out: Vec<u8> = k
            .values()
            .iter()
            .map(|v| v.to_usize().and_then(|i| lut.get(i)).copied().unwrap_or(u8::MAX))
            .collect();
        if let Some(nulls) = k.logical_nulls().filter(|n| n.null_count() > 0) {
            for (c, valid) in out.iter_mut().zip(nulls.iter()) {
                if !valid {
                    *c = u8::MAX;
                }
            }
        }
        out
    }
    match keys.data_type() {
        DataType::Int8 => by(keys.as_primitive::<Int8Type>(), lut),
        DataType::Int16 => by(keys.as_primitive::<Int16Type>(), lut),
        DataType::Int32 => by(keys.as_primitive::<Int32Type>(), lut),
        DataType::UInt8 => by(keys.as_primitive::<UInt8Type>(), lut),
        DataType::UInt16 => by(keys.as_primitive::<UInt16Type>(), lut),
        DataType::UInt32 => by(keys.as_primitive::<UInt32Type>(), lut),
        DataType::UInt64 => by(keys.as_primitive::<UInt64Type>(), lut),
        _ => by(keys.as_primitive::<Int64Type>(), lut),
    }
}

/// The validity of a kernel's outputs: its `ok` column, with the bad rows cleared.
pub fn validity(mut ok: Vec<bool>, bad: &[BadRow]) -> Option<arrow_buffer::NullBuffer> {
    for (row, _) in bad {
        if let Some(k) = ok.get_mut(*row) {
            *k = false;
        }
    }
    if ok.iter().all(|k| *k) {
        None
    } else {
        Some(arrow_buffer::NullBuffer::from(ok))
    }
}

/// How a batch answers amounts (the `money` keyword): `decimal128(18, 2)` columns (`"decimal"`, the
/// default) or `int64` columns of fen named `<name>_fen` (`"fen"`, for numpy-speed arithmetic).
pub trait FenColumn: shftu_rules::batch::Fen + arrow_buffer::ArrowNativeType {
    /// The column name of the amount `name`.
    fn name(name: &str) -> String;
    /// The column of amounts in fen, `valid` marking the rows with an amount.
    fn column(fen: Vec<Self>, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<ArrayRef>;
}

impl FenColumn for i128 {
    fn name(name: &str) -> String {
        name.to_owned()
    }
    fn column(fen: Vec<i128>, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<ArrayRef> {
        decimal(fen.into(), valid)
    }
}

impl FenColumn for i64 {
    fn name(name: &str) -> String {
        format!("{name}_fen")
    }
    fn column(fen: Vec<i64>, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<ArrayRef> {
        Ok(Arc::new(arrow_array::Int64Array::new(fen.into(), valid)))
    }
}

/// A kernel's output column built chunk by chunk with [`in_chunks`]: the kernel writes a chunk into a
/// small scratch buffer that stays in the cache, which is then appended to the column — so each line of
/// the column is written to memory once, never zeroed first.
pub struct Staged<T: Copy> {
    out: Vec<T>,
    scratch: Vec<T>,
}

impl<T: Copy> Staged<T> {
    /// Room for `n` values, none written yet.
    pub fn new(n: usize, zero: T) -> Staged<T> {
        Staged {
            out: Vec::with_capacity(n),
            scratch: vec![zero; CHUNK_ROWS.min(n)],
        }
    }

    /// The scratch for the next chunk of `len` rows (at most [`CHUNK_ROWS`]), for the kernel to write.
    pub fn chunk(&mut self, len: usize) -> &mut [T] {
        self.scratch.get_mut(..len).unwrap_or_default()
    }

    /// Appends the chunk of `len` rows the kernel wrote.
    pub fn commit(&mut self, len: usize) {
        if let Some(s) = self.scratch.get(..len) {
            self.out.extend_from_slice(s);
        }
    }

    /// The values.
    pub fn into_vec(self) -> Vec<T> {
        self.out
    }
}

/// A kernel's output column of amounts in fen ([`Staged`]): an `i128` column is a `decimal128(18, 2)`
/// as it stands (value = fen, scale 2).
pub struct FenOut<F: FenColumn>(Staged<F>);

impl<F: FenColumn> FenOut<F> {
    /// Room for `n` amounts, none written yet.
    pub fn new(n: usize) -> FenOut<F> {
        FenOut(Staged::new(n, F::from(0)))
    }

    /// The scratch for the next chunk of `len` rows.
    pub fn chunk(&mut self, len: usize) -> &mut [F] {
        self.0.chunk(len)
    }

    /// Appends the chunk of `len` rows the kernel wrote.
    pub fn commit(&mut self, len: usize) {
        self.0.commit(len);
    }

    /// The column named for `name`, `valid` marking the rows with an amount.
    pub fn into_column(self, name: &str, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<(String, ArrayRef)> {
        Ok((F::name(name), F::column(self.0.into_vec(), valid)?))
    }

    /// The column named for `name` from amounts already in place.
    pub fn column_of(fen: Vec<F>, name: &str, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<(String, ArrayRef)> {
        Ok((F::name(name), F::column(fen, valid)?))
    }
}

/// Rows per kernel call in [`in_chunks`]: a chunk's scratch buffers ([`Staged`]) stay in the cache.
const CHUNK_ROWS: usize = 1 << 10;

/// Calls `f` on `0..n` in ranges of [`CHUNK_ROWS`] rows, in order.
pub fn in_chunks<E>(n: usize, mut f: impl FnMut(std::ops::Range<usize>) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    while start < n {
        let end = start.saturating_add(CHUNK_ROWS).min(n);
        f(start..end)?;
        start = end;
    }
    Ok(())
}

/// The fewest rows worth a thread of their own in [`in_parts`].
const PART_MIN_ROWS: usize = 1 << 17;

/// `f` on `0..n` split into consecutive parts, each on a thread of its own (as many as the machine runs
/// at once, at most 8, each of at least [`PART_MIN_ROWS`] rows; one part, on this thread, for a short
/// batch): the parts' answers in row order. A panic on a part's thread resumes on this one.
pub fn in_parts<T: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).min(8);
    let parts = (n / PART_MIN_ROWS).clamp(1, threads);
    if parts == 1 {
        return vec![f(0..n)];
    }
    let step = n.div_ceil(parts);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..parts)
            .map(|i| {
                let rows = i.saturating_mul(step).min(n)..i.saturating_add(1).saturating_mul(step).min(n);
                s.spawn(move || f(rows))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|payload| std::panic::resume_unwind(payload)))
            .collect()
    })
}

/// A failure in a part of a batch run off the GIL: a core error (given its exception class once the GIL
/// is held again) or a Python one.
pub enum PartError {
    /// From the core.
    Core(Error),
    /// From Arrow or the binding.
    Py(PyErr),
}

impl From<PyErr> for PartError {
    fn from(e: PyErr) -> Self {
        PartError::Py(e)
    }
}

impl From<Error> for PartError {
    fn from(e: Error) -> Self {
        PartError::Core(e)
    }
}

/// The rows `rows` of an input column (empty when out of range).
pub fn part<'a, T>(v: &'a [T], rows: &std::ops::Range<usize>) -> &'a [T] {
    v.get(rows.clone()).unwrap_or_default()
}

fn decimal(values: arrow_buffer::ScalarBuffer<i128>, valid: Option<arrow_buffer::NullBuffer>) -> PyResult<ArrayRef> {
    let a = arrow_array::Decimal128Array::try_new(values, valid)
        .and_then(|a| a.with_precision_and_scale(18, 2))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(Arc::new(a))
}

/// A `uint32` column from a kernel's output.
pub fn u32_column(v: Vec<u32>, valid: Option<arrow_buffer::NullBuffer>) -> ArrayRef {
    Arc::new(arrow_array::UInt32Array::new(v.into(), valid))
}

/// A record batch of `cols` plus `error_code` and `error` (text, null except on the bad rows).
pub fn with_errors<S: Into<String>>(n: usize, cols: Vec<(S, ArrayRef)>, mut bad: Vec<BadRow>) -> PyResult<RecordBatch> {
    let (code, message): (ArrayRef, ArrayRef) = if bad.is_empty() {
        // No bad row: both columns share one all-null array.
        let none: ArrayRef = Arc::new(arrow_array::StringArray::new_null(n));
        (Arc::clone(&none), none)
    } else {
        // One error per row: the first one found (input errors are found before the kernel's).
        bad.sort_by_key(|(row, _)| *row);
        bad.dedup_by_key(|(row, _)| *row);
        let (mut code, mut message) = (
            StringBuilder::with_capacity(n, bad.len() * 16),
            StringBuilder::with_capacity(n, bad.len() * 64),
        );
        let mut next = bad.iter().peekable();
        for row in 0..n {
            match next.next_if(|(r, _)| *r == row) {
                Some((_, e)) => {
                    code.append_value(e.code());
                    message.append_value(e.to_string());
                }
                None => {
                    code.append_null();
                    message.append_null();
                }
            }
        }
        (Arc::new(code.finish()), Arc::new(message.finish()))
    };
    let mut fields = Vec::new();
    let mut arrays = Vec::new();
    let cols = cols.into_iter().map(|(name, a)| (name.into(), a));
    for (name, a) in cols.chain([("error_code".to_owned(), code), ("error".to_owned(), message)]) {
        fields.push(ArrowField::new(name, a.data_type().clone(), true));
        arrays.push(a);
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).map_err(|e| PyValueError::new_err(e.to_string()))
}
