//! Conversions between Python values and the core's: a [`Source`] over Python objects (so the core's
//! own readers read and validate a typed call exactly as `evaluate` reads JSON), and a serializer that
//! writes a rule's result as Python objects, guided by the result's shape (money → `Decimal`, dates →
//! `datetime.date`, objects → the generated result classes). No rule logic lives here.

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDate, PyDateAccess, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple, PyType};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize};
use shftu_rules::read::{Kind, Source};
use shftu_rules::shape::Shape;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static TUPLE_NEW: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `decimal.Decimal`.
pub fn decimal_type(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A Python value read as a rule input: `dict` (or any mapping) → object, `list`/`tuple` → array,
/// `int` → number, `float` → a binary float (refused for money and counts), `Decimal` → exact decimal,
/// `datetime.date` → date (a `datetime` is not a date), `str`, `bool`, `None` → null.
#[derive(Clone)]
pub struct PySrc<'py>(pub Bound<'py, PyAny>, OnceCell<Vec<(Bound<'py, PyString>, Bound<'py, PyAny>)>>);

impl<'py> PySrc<'py> {
    /// The value `v` as a source.
    pub fn new(v: Bound<'py, PyAny>) -> Self {
        PySrc(v, OnceCell::new())
    }
    fn is_decimal(&self) -> bool {
        decimal_type(self.0.py()).is_ok_and(|t| self.0.is_instance(t).unwrap_or(false))
    }
    /// A dict's items, read once (a rule's reader asks for each of its fields in turn: a short scan of
    /// the items beats hashing a new key string for each).
    fn items(&self) -> Option<&[(Bound<'py, PyString>, Bound<'py, PyAny>)]> {
        let d = self.0.cast::<PyDict>().ok()?;
        Some(self.1.get_or_init(|| {
            d.iter()
                .map(|(k, v)| {
                    let k = k
                        .cast_into::<PyString>()
                        .unwrap_or_else(|k| PyString::new(d.py(), &k.into_inner().to_string()));
                    (k, v)
                })
                .collect()
        }))
    }
}

impl Source for PySrc<'_> {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_none() {
            Kind::Null
        } else if v.is_instance_of::<PyString>() {
            Kind::String
        } else if v.is_instance_of::<PyBool>() {
            Kind::Bool
        } else if v.is_instance_of::<PyInt>() || v.is_instance_of::<PyFloat>() {
            Kind::Number
        } else if v.is_instance_of::<PyDict>() {
            Kind::Object
        } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
            Kind::Array
        } else if v.is_instance_of::<PyDateTime>() {
            Kind::Other
        } else if v.is_instance_of::<PyDate>() {
            Kind::Date
        } else if self.is_decimal() {
            Kind::Decimal
        } else if v.cast::<PyMapping>().is_ok() {
            Kind::Object
        } else {
            Kind::Other
        }
    }
    fn as_bool(&self) -> Option<bool> {
        self.0.cast::<PyBool>().ok().map(|b| b.is_true())
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        let v = &self.0;
        if v.is_instance_of::<PyBool>() {
            return None;
        }
        if let Ok(i) = v.cast::<PyInt>() {
            return match i.extract::<i64>() {
                Ok(n) => Some(Cow::Owned(n.to_string())),
                Err(_) => i.str().ok().and_then(|s| s.to_str().ok().map(|t| Cow::Owned(t.to_owned()))),
            };
        }
        let r = v.cast::<PyFloat>().ok()?.repr().ok()?;
        Some(Cow::Owned(r.to_str().ok()?.to_owned()))
    }
    fn is_float(&self) -> bool {
        self.0.is_instance_of::<PyFloat>()
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        let s = self.0.cast::<PyString>().ok()?;
        s.to_str().ok().map(|t| Cow::Owned(t.to_owned()))
    }
    fn native_date(&self) -> Option<NaiveDate> {
        if self.0.is_instance_of::<PyDateTime>() {
            return None;
        }
        let d = self.0.cast::<PyDate>().ok()?;
        NaiveDate::from_ymd_opt(d.get_year(), u32::from(d.get_month()), u32::from(d.get_day()))
    }
    fn native_decimal(&self) -> Option<String> {
        if !self.is_decimal() {
            return None;
        }
        let text = self.0.str().ok()?.to_str().ok()?.to_owned();
        // `str` writes an exponent for some values (`Decimal("1E+2")`): the fixed-point text is then
        // asked for, unless the exponent is large enough to make that text a hostile size.
        match text.find(['E', 'e']) {
            None => Some(text),
            Some(i) => {
                let small = text.get(i + 1..).and_then(|e| e.parse::<i64>().ok()).is_some_and(|e| e.abs() <= 40);
                if !small {
                    return Some(text);
                }
                let builtins = self.0.py().import("builtins").ok()?;
                builtins.getattr("format").ok()?.call1((&self.0, "f")).ok()?.extract().ok()
            }
        }
    }
    fn array_len(&self) -> Option<usize> {
        if let Ok(l) = self.0.cast::<PyList>() {
            return Some(l.len());
        }
        self.0.cast::<PyTuple>().ok().map(|t| t.len())
    }
    fn at(&self, i: usize) -> Option<Self> {
        if let Ok(l) = self.0.cast::<PyList>() {
            return l.get_item(i).ok().map(PySrc::new);
        }
        self.0.cast::<PyTuple>().ok()?.get_item(i).ok().map(PySrc::new)
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        if let Some(items) = self.items() {
            return items.iter().filter_map(|(k, _)| k.to_str().ok().map(Cow::Borrowed)).collect();
        }
        match self.0.cast::<PyMapping>().map_err(PyErr::from).and_then(|m| m.keys()) {
            Ok(keys) => keys
                .iter()
                .filter_map(|k| k.str().ok().and_then(|s| s.to_str().ok().map(|t| Cow::Owned(t.to_owned()))))
                .collect(),
            Err(_) => Vec::new(),
        }
    }
    fn get(&self, key: &str) -> Option<Self> {
        if let Some(items) = self.items() {
            return items
                .iter()
                .find(|(k, _)| k.to_str().is_ok_and(|t| t == key))
                .map(|(_, v)| PySrc::new(v.clone()));
        }
        let m = self.0.cast::<PyMapping>().ok()?;
        m.contains(key).unwrap_or(false).then(|| m.get_item(key).ok().map(PySrc::new))?
    }
}

// ---------------------------------------------------------------------------------------------------
// Results to Python values

/// The result classes generated from `describe` (`python/shftu_rules/generated`), by the name of the
/// shape they stand for; an object without one becomes a `dict`.
static CLASSES: Mutex<Option<HashMap<String, Py<PyAny>>>> = Mutex::new(None);

/// Money already made into `Decimal`, by amount in fen (a direct-mapped cache): a `Decimal` is immutable,
/// so one object serves every result that carries the same amount.
static MONEY: Mutex<Vec<Option<CachedMoney>>> = Mutex::new(Vec::new());

/// An amount in fen and its `Decimal`.
type CachedMoney = (i64, Py<PyAny>);
const MONEY_CACHE: usize = 1 << 12;

/// Registers the result classes (`{shape name: class}`).
pub fn register_classes(classes: &Bound<'_, PyDict>) -> PyResult<()> {
    let map = classes
        .iter()
        .map(|(k, v)| Ok((k.extract::<String>()?, v.unbind())))
        .collect::<PyResult<_>>()?;
    if let Ok(mut g) = CLASSES.lock() {
        *g = Some(map);
    }
    Ok(())
}

fn class_of<'py>(py: Python<'py>, name: &'static str) -> Option<Bound<'py, PyAny>> {
    // By the address of the shape's name (a static string): no hashing on the way of every result.
    static BY_NAME: Mutex<Vec<(usize, Option<Py<PyAny>>)>> = Mutex::new(Vec::new());
    let key = name.as_ptr() as usize;
    let mut g = BY_NAME.lock().ok()?;
    if let Some((_, c)) = g.iter().find(|(k, _)| *k == key) {
        return c.as_ref().map(|c| c.bind(py).clone());
    }
    let c = CLASSES.lock().ok()?.as_ref().and_then(|m| m.get(name)).map(|c| c.clone_ref(py));
    g.push((key, c.as_ref().map(|c| c.clone_ref(py))));
    c.map(|c| c.into_bound(py))
}

/// `"1234.50"` (a result's money, always two decimals) → fen.
pub fn fen_of(text: &str) -> Option<i64> {
    let t = text.strip_prefix('-').unwrap_or(text);
    let neg = t.len() < text.len();
    let (int, frac) = t.split_once('.')?;
    if frac.len() != 2 || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = int.parse::<i64>().ok()?.checked_mul(100)?.checked_add(frac.parse::<i64>().ok()?)?;
    Some(if neg { -v } else { v })
}

/// A `Decimal` with two places for `fen` (cached per amount).
pub fn money(py: Python<'_>, fen: i64) -> PyResult<Bound<'_, PyAny>> {
    let slot = usize::try_from(fen.rem_euclid(1 << 12)).unwrap_or(0);
    if let Ok(g) = MONEY.lock() {
        if let Some(Some((f, d))) = g.get(slot) {
            if *f == fen {
                return Ok(d.bind(py).clone());
            }
        }
    }
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    let d = decimal_type(py)?.call1((format!("{sign}{}.{:02}", abs / 100, abs % 100),))?;
    if let Ok(mut g) = MONEY.lock() {
        g.resize_with(MONEY_CACHE, || None);
        if let Some(s) = g.get_mut(slot) {
            *s = Some((fen, d.clone().unbind()));
        }
    }
    Ok(d)
}

fn date<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let d = shftu_rules::read::parse_date(text).ok_or_else(|| pyo3::exceptions::PyValueError::new_err(format!("not a date: {text}")))?;
    let (m, day) = (u8::try_from(d.month()).unwrap_or(1), u8::try_from(d.day()).unwrap_or(1));
    Ok(PyDate::new(py, d.year(), m, day)?.into_any())
}

/// A serialisation error: the Python exception.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SerError(#[from] pub PyErr);

impl ser::Error for SerError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerError(pyo3::exceptions::PyValueError::new_err(msg.to_string()))
    }
}

/// A result value written as Python objects, `shape` telling what its strings and objects stand for.
#[derive(Clone, Copy)]
pub struct ToPy<'py> {
    /// The interpreter.
    pub py: Python<'py>,
    /// The shape of the value.
    pub shape: Shape,
}

/// `value` (of shape `shape`) as Python objects.
pub fn to_py<'py, T: Serialize + ?Sized>(py: Python<'py>, value: &T, shape: Shape) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(ToPy { py, shape }).map_err(|e| e.0)
}

type R<'py> = Result<Bound<'py, PyAny>, SerError>;

impl<'py> ToPy<'py> {
    fn int<T: IntoPyObject<'py>>(self, v: T) -> R<'py> {
        use pyo3::BoundObject;
        Ok(v.into_pyobject(self.py).map_err(Into::into)?.into_any().into_bound())
    }
    /// The writer of an array's items (`map` none) or of a map's values.
    fn items(self, n: usize, map: Option<Bound<'py, PyDict>>) -> Seq<'py> {
        let shape = match self.shape {
            Shape::Array(f) | Shape::Map(f) => f(),
            other => other,
        };
        let (to, items) = (ToPy { shape, ..self }, Vec::with_capacity(n));
        Seq { to, items, map, key: None }
    }
}

/// An array or a map being written.
pub struct Seq<'py> {
    to: ToPy<'py>,
    items: Vec<Bound<'py, PyAny>>,
    map: Option<Bound<'py, PyDict>>,
    key: Option<Bound<'py, PyAny>>,
}

/// An object being written: its values in the order of its shape's fields.
pub struct Obj<'py> {
    to: ToPy<'py>,
    values: Vec<Option<Bound<'py, PyAny>>>,
}

macro_rules! ints {
    ($($f:ident: $t:ty),*) => {$(
        fn $f(self, v: $t) -> R<'py> {
            self.int(v)
        }
    )*};
}

impl<'py> ser::Serializer for ToPy<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Seq<'py>;
    type SerializeStruct = Obj<'py>;
    type SerializeStructVariant = Obj<'py>;

    fn serialize_bool(self, v: bool) -> R<'py> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    ints!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> R<'py> {
        Ok(PyFloat::new(self.py, f64::from(v)).into_any())
    }
    fn serialize_f64(self, v: f64) -> R<'py> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> R<'py> {
        Ok(PyString::new(self.py, v.encode_utf8(&mut [0; 4])).into_any())
    }
    fn serialize_str(self, v: &str) -> R<'py> {
        let py = self.py;
        Ok(match self.shape {
            Shape::Money => match fen_of(v) {
                Some(f) => money(py, f)?,
                None => decimal_type(py)?.call1((v,))?,
            },
            Shape::Decimal => decimal_type(py)?.call1((v,))?,
            Shape::Date => date(py, v)?,
            _ => PyString::new(py, v).into_any(),
        })
    }
    fn serialize_bytes(self, v: &[u8]) -> R<'py> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> R<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R<'py> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> R<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R<'py> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R<'py> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, v: &T) -> R<'py> {
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'py>, SerError> {
        Ok(self.items(len.unwrap_or(0), None))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, len: usize) -> Result<Seq<'py>, SerError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Seq<'py>, SerError> {
        Ok(self.items(0, Some(PyDict::new(self.py))))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Obj<'py>, SerError> {
        let values = vec![None; if let Shape::Object(o) = self.shape { o.fields.len() } else { len }];
        Ok(Obj { to: self, values })
    }
    fn serialize_struct_variant(self, name: &'static str, _: u32, _: &'static str, len: usize) -> Result<Obj<'py>, SerError> {
        self.serialize_struct(name, len)
    }
}

impl<'py> Seq<'py> {
    fn push<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        self.items.push(v.serialize(self.to)?);
        Ok(())
    }
    fn done(self) -> R<'py> {
        match self.map {
            Some(m) => Ok(m.into_any()),
            None => Ok(PyTuple::new(self.to.py, self.items)?.into_any()),
        }
    }
}

macro_rules! seq_impls {
    ($($t:ident :: $f:ident),*) => {$(
        impl<'py> ser::$t for Seq<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerError;
            fn $f<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
                self.push(v)
            }
            fn end(self) -> R<'py> {
                self.done()
            }
        }
    )*};
}
seq_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'py> ser::SerializeMap for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), SerError> {
        let to = ToPy {
            py: self.to.py,
            shape: Shape::Text,
        };
        self.key = Some(k.serialize(to)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), SerError> {
        let v = v.serialize(self.to)?;
        if let (Some(m), Some(k)) = (&self.map, self.key.take()) {
            m.set_item(k, v)?;
        }
        Ok(())
    }
    fn end(self) -> R<'py> {
        self.done()
    }
}

impl<'py> Obj<'py> {
    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), SerError> {
        let py = self.to.py;
        if let Shape::Object(o) = self.to.shape {
            if let Some((i, f)) = o.fields.iter().enumerate().find(|(_, f)| f.name == key) {
                let value = v.serialize(ToPy { py, shape: (f.shape)() })?;
                if let Some(slot) = self.values.get_mut(i) {
                    *slot = Some(value);
                }
            }
        }
        Ok(())
    }
    fn done(self) -> R<'py> {
        let py = self.to.py;
        let Shape::Object(o) = self.to.shape else {
            return Ok(PyDict::new(py).into_any());
        };
        let values = self.values.into_iter().map(|v| v.unwrap_or_else(|| py.None().into_bound(py)));
        match class_of(py, o.name) {
            Some(cls) => {
                let new = TUPLE_NEW.get_or_try_init(py, || py.get_type::<PyTuple>().getattr("__new__").map(Bound::unbind))?;
                Ok(new.bind(py).call1((cls, PyTuple::new(py, values)?))?)
            }
            None => {
                let d = PyDict::new(py);
                for (f, v) in o.fields.iter().zip(values) {
                    d.set_item(f.name, v)?;
                }
                Ok(d.into_any())
            }
        }
    }
}

macro_rules! obj_impls {
    ($($t:ident),*) => {$(
        impl<'py> ser::$t for Obj<'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = SerError;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), SerError> {
                self.field(key, v)
            }
            fn end(self) -> R<'py> {
                self.done()
            }
        }
    )*};
}
obj_impls!(SerializeStruct, SerializeStructVariant);

// ---------------------------------------------------------------------------------------------------
// A response's JSON text to Python values

/// Short strings already made into Python strings, direct-mapped by a cheap hash: a response's keys,
/// codes and dates are a few dozen, met again in every response.
static KEYS: Mutex<[Option<CachedKey>; 512]> = Mutex::new([const { None }; 512]);
type CachedKey = (Box<str>, Py<PyString>);
type Keys = RefCell<Option<std::sync::MutexGuard<'static, [Option<CachedKey>; 512]>>>;

/// A response's JSON text as Python values, equal to `json.loads(text)`: objects as `dict` in the text's
/// order, arrays as `list`, integers as `int`. What this reader does not take (a number past 64 bits or
/// with a fraction, a lone surrogate, text that is not JSON) is read by `json.loads` itself.
pub fn json_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    // `try_lock`: a finalizer run by the collector during the walk may evaluate again; it goes uncached.
    let keys = RefCell::new(KEYS.try_lock().ok());
    let (mut de, json) = (serde_json::Deserializer::from_str(text), Json { py, keys: &keys });
    match json.deserialize(&mut de).and_then(|v| de.end().map(|()| v)) {
        Ok(v) => Ok(v),
        Err(_) => py.import("json")?.call_method1("loads", (text,)),
    }
}

/// A JSON value read as a Python value.
#[derive(Clone, Copy)]
struct Json<'py, 'k> {
    py: Python<'py>,
    keys: &'k Keys,
}

type V<'py, E> = Result<Bound<'py, PyAny>, E>;

impl<'de, 'py> DeserializeSeed<'de> for Json<'py, '_> {
    type Value = Bound<'py, PyAny>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> V<'py, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for Json<'py, '_> {
    type Value = Bound<'py, PyAny>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> V<'py, E> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn visit_i64<E>(self, v: i64) -> V<'py, E> {
        Ok(v.into_pyobject(self.py).unwrap_or_else(|e| match e {}).into_any())
    }
    fn visit_u64<E>(self, v: u64) -> V<'py, E> {
        Ok(v.into_pyobject(self.py).unwrap_or_else(|e| match e {}).into_any())
    }
    fn visit_str<E>(self, v: &str) -> V<'py, E> {
        Ok(cached(self, v).into_any())
    }
    fn visit_unit<E>(self) -> V<'py, E> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> V<'py, A::Error> {
        let mut items = Vec::new();
        while let Some(v) = a.next_element_seed(self)? {
            items.push(v);
        }
        Ok(PyList::new(self.py, items).map_err(de::Error::custom)?.into_any())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> V<'py, A::Error> {
        let d = PyDict::new(self.py);
        // A key is borrowed from the text (one with an escape is read by json.loads), and serde_json's
        // arbitrary-precision number (a fraction, an exponent, past 64 bits) is json.loads's too.
        while let Some(k) = a.next_key::<&'de str>()? {
            if k.starts_with("$serde_json::") {
                return Err(de::Error::custom("for json.loads"));
            }
            d.set_item(cached(self, k), a.next_value_seed(self)?).map_err(de::Error::custom)?;
        }
        Ok(d.into_any())
    }
}

/// A Python string, cached when short (keys, codes, dates: met again in every response).
fn cached<'py>(json: Json<'py, '_>, k: &str) -> Bound<'py, PyString> {
    let mix = |h: usize, c: u8| h.wrapping_mul(31).wrapping_add(usize::from(c));
    let h = k.bytes().take(16).fold(k.len(), mix) % 512;
    let mut keys = json.keys.borrow_mut();
    match keys.as_mut().filter(|_| k.len() <= 64).and_then(|c| c.get_mut(h)) {
        Some(Some((t, s))) if **t == *k => s.bind(json.py).clone(),
        slot => {
            let s = PyString::new(json.py, k);
            if let Some(slot) = slot {
                *slot = Some((k.into(), s.clone().unbind()));
            }
            s
        }
    }
}
