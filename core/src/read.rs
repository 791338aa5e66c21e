//! Reading rule inputs: from the wire contract's JSON, and from any host's own values.
//!
//! A rule input is read from a [`Source`] — a JSON value here, a Python dict or a JavaScript object in a
//! binding — by a reader derived from its declaration (`#[derive(Wire)]`), with a path to every field, so
//! that an error names the field to blame (`input.claims[2].amount`) in every host alike. Money is read
//! from its decimal text, never through binary floating point; dates strictly as `YYYY-MM-DD`.
//!
//! This module depends only on the ground floor (errors, messages, money, limits): the engine and the
//! rule modules use it, never the other way round.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};
use crate::money::{Money, MoneyParseError};
use crate::msg::{m, Arg, Msg};

/// The JSON path of a field, built without allocating until an error needs it.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The top: `input`.
    Root(&'static str),
    /// `parent.key`.
    Key(&'a Path<'a>, &'a str),
    /// `parent[i]`.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// `self.key`.
    pub fn key(&'a self, k: &'a str) -> Path<'a> {
        Path::Key(self, k)
    }
    /// `self[i]`.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path::Index(self, i)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(r) => f.write_str(r),
            Path::Key(p, k) => write!(f, "{p}.{k}"),
            Path::Index(p, i) => write!(f, "{p}[{i}]"),
        }
    }
}

impl From<&Path<'_>> for Arg {
    fn from(p: &Path<'_>) -> Arg {
        Arg::Text(Cow::Owned(p.to_string()))
    }
}

/// What a value is, in the wire contract's terms (for messages: "must be a date, not a number").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `null` (or a host's `None`).
    Null,
    /// `true` / `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array (a host's list).
    Array,
    /// An object (a host's dict or record).
    Object,
    /// A host's date value.
    Date,
    /// A host's exact decimal value.
    Decimal,
    /// Anything else a host may pass.
    Other,
}

impl Kind {
    /// The code of the kind in the catalogue (`read.json_kind`).
    pub const fn code(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
            Kind::Date => "date",
            Kind::Decimal => "decimal",
            Kind::Other => "other",
        }
    }
}

impl From<Kind> for Arg {
    fn from(k: Kind) -> Arg {
        Arg::Code("read.json_kind", k.code())
    }
}

/// A value a rule input is read from: JSON, or a host's own values.
///
/// Hosts implement it over their objects (`bindings/*/src/convert.rs`), so that the typed API of every
/// binding reads and validates exactly as `evaluate` does.
pub trait Source: Sized {
    /// What the value is.
    fn kind(&self) -> Kind;
    /// The boolean, if it is one.
    fn as_bool(&self) -> Option<bool>;
    /// The number's exact decimal text, if it is a number (`"80.5"`, `"3"`).
    fn number_text(&self) -> Option<Cow<'_, str>>;
    /// Is the number a binary floating-point value of the host (a Python `float`, a JavaScript number that
    /// is not a safe integer)? Such a number cannot hold an exact amount of money.
    fn is_float(&self) -> bool {
        false
    }
    /// The string, if it is one.
    fn as_str(&self) -> Option<Cow<'_, str>>;
    /// The host's own date value, if it is one.
    fn native_date(&self) -> Option<NaiveDate> {
        None
    }
    /// The exact text of the host's own decimal value (a Python `Decimal`), if it is one.
    fn native_decimal(&self) -> Option<String> {
        None
    }
    /// The length, if it is an array.
    fn array_len(&self) -> Option<usize>;
    /// Element `i` of an array.
    fn at(&self, i: usize) -> Option<Self>;
    /// The keys of an object (in any order).
    fn keys(&self) -> Vec<Cow<'_, str>>;
    /// Of the object's keys not in `fields`, the first in sorted order (the same one whatever the order the
    /// host keeps keys in).
    fn first_unknown_key(&self, fields: &[&str]) -> Option<String> {
        self.keys()
            .into_iter()
            .filter(|k| !fields.contains(&k.as_ref()))
            .min()
            .map(Cow::into_owned)
    }
    /// The value of `key` in an object; `None` when absent.
    fn get(&self, key: &str) -> Option<Self>;
}

impl Source for &Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        Value::as_str(self).map(Cow::Borrowed)
    }
    fn array_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn at(&self, i: usize) -> Option<Self> {
        self.as_array().and_then(|a| a.get(i))
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        match self {
            Value::Object(m) => m.keys().map(|k| Cow::Borrowed(k.as_str())).collect(),
            _ => Vec::new(),
        }
    }
    fn first_unknown_key(&self, fields: &[&str]) -> Option<String> {
        // The map keeps its keys sorted: the first unknown one met is the smallest.
        match self {
            Value::Object(m) => m.keys().find(|k| !fields.contains(&k.as_str())).cloned(),
            _ => None,
        }
    }
    fn get(&self, key: &str) -> Option<Self> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }
}

/// What reading needs besides the value: the limits in force.
#[derive(Debug, Clone, Copy)]
pub struct ReadCx<'a> {
    /// The limits every input is held to.
    pub limits: &'a Limits,
}

impl ReadCx<'static> {
    /// The default limits.
    pub const DEFAULT: ReadCx<'static> = ReadCx { limits: &Limits::DEFAULT };
}

impl ReadCx<'_> {
    /// `limit_exceeded` at `path` when `value` is past `limit`.
    pub fn check(&self, limit: Limit, value: usize, path: &Path<'_>) -> Result<()> {
        let max = self.limits.get(limit);
        if value > max {
            return Err(Error::LimitExceeded {
                limit,
                value: u64::try_from(value).unwrap_or(u64::MAX),
                max: u64::try_from(max).unwrap_or(u64::MAX),
                path: path.to_string(),
            });
        }
        Ok(())
    }
}

/// What a field must be, for "must be …" and "is required: …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// An object of known fields.
    Object,
    /// An array.
    Array,
    /// Money.
    Money,
    /// A date.
    Date,
    /// A date and time.
    DateTime,
    /// A boolean.
    Bool,
    /// A count (whole number ≥ 0).
    Count,
    /// A whole number.
    Int,
    /// A string.
    Text,
    /// One of the codes of a closed set.
    OneOf(&'static [&'static str]),
}

impl Expected {
    /// The words of the catalogue.
    pub fn msg(self) -> Msg {
        match self {
            Expected::Object => m::read::expected_object(),
            Expected::Array => m::read::expected_array(),
            Expected::Money => m::read::expected_money(),
            Expected::Date => m::read::expected_date(),
            Expected::DateTime => m::read::expected_datetime(),
            Expected::Bool => m::read::expected_bool(),
            Expected::Count => m::read::expected_count(),
            Expected::Int => m::read::expected_int(),
            Expected::Text => m::read::expected_text(),
            Expected::OneOf(codes) => m::read::expected_one_of(quoted_codes(codes)),
        }
    }
}

fn quoted_codes(codes: &[&str]) -> Vec<Arg> {
    codes.iter().map(|c| Arg::quoted(c)).collect()
}

/// A value readable from a [`Source`]: a field type (money, date, count, code, …), an array of them, or
/// a rule input (derived with `#[derive(Wire)]`).
pub trait Wire: Sized + crate::shape::Described {
    /// Reads the value at `path`. `limit` bounds an array's length (`Limit::Items` when `None`).
    fn read<S: Source>(s: &S, path: &Path<'_>, cx: &ReadCx<'_>, limit: Option<Limit>) -> Result<Self>;
    /// What it must be, for messages.
    fn expected() -> Expected;
}

/// `invalid_input` at `path` with a message of the catalogue.
pub fn invalid(path: &Path<'_>, msg: Msg) -> Error {
    Error::invalid(path.to_string(), msg)
}

/// `invalid_input` at `path`: it must be `expected`, not what it is.
pub fn wrong<S: Source>(path: &Path<'_>, expected: Expected, s: &S) -> Error {
    invalid(path, m::read::wrong_type(path, expected.msg(), s.kind()))
}

/// Reads a whole rule input at `input`.
pub fn read_input<T: Wire, S: Source>(s: &S, cx: &ReadCx<'_>) -> Result<T> {
    T::read(s, &Path::Root("input"), cx, None)
}

/// An object of known fields at a path. Unknown fields are refused when it is made.
pub struct Obj<'a, 'c, S: Source> {
    src: &'a S,
    path: Path<'a>,
    cx: &'a ReadCx<'c>,
}

impl<'a, 'c, S: Source> Obj<'a, 'c, S> {
    /// Reads `s` at `path` as an object whose keys are all in `fields`. Of several unknown keys, the
    /// first in sorted order is named (the same one whatever the order the host keeps keys in).
    pub fn new(s: &'a S, path: Path<'a>, fields: &'static [&'static str], cx: &'a ReadCx<'c>) -> Result<Obj<'a, 'c, S>> {
        if s.kind() != Kind::Object {
            return Err(wrong(&path, Expected::Object, s));
        }
        if let Some(k) = s.first_unknown_key(fields) {
            return Err(Error::invalid(
                alloc::format!("{path}.{k}"),
                m::read::unknown_field(&path, Arg::quoted(&k), fields.to_vec()),
            ));
        }
        Ok(Obj { src: s, path, cx })
    }

    /// The object's path.
    pub fn path(&self) -> &Path<'a> {
        &self.path
    }

    /// The read context.
    pub fn cx(&self) -> &ReadCx<'c> {
        self.cx
    }

    /// The value of `key`; `None` when absent or `null`.
    pub fn raw(&self, key: &str) -> Option<S> {
        self.src.get(key).filter(|v| v.kind() != Kind::Null)
    }

    /// A required field.
    pub fn req<T: Wire>(&self, key: &str, limit: Option<Limit>) -> Result<T> {
        let p = self.path.key(key);
        match self.raw(key) {
            Some(v) => T::read(&v, &p, self.cx, limit),
            None => Err(invalid(&p, m::read::required(&p, T::expected().msg()))),
        }
    }

    /// An optional field (`null` counts as absent).
    pub fn opt<T: Wire>(&self, key: &str, limit: Option<Limit>) -> Result<Option<T>> {
        let p = self.path.key(key);
        self.raw(key).map(|v| T::read(&v, &p, self.cx, limit)).transpose()
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn read<S: Source>(s: &S, path: &Path<'_>, cx: &ReadCx<'_>, limit: Option<Limit>) -> Result<Self> {
        let Some(n) = s.array_len() else {
            return Err(wrong(path, Expected::Array, s));
        };
        cx.check(limit.unwrap_or(Limit::Items), n, path)?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let p = path.index(i);
            let v = s.at(i).ok_or_else(|| wrong(&p, T::expected(), s))?;
            out.push(T::read(&v, &p, cx, None)?);
        }
        Ok(out)
    }
    fn expected() -> Expected {
        Expected::Array
    }
}

impl Wire for Money {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        let text: Cow<'_, str> = if let Some(d) = s.native_decimal() {
            Cow::Owned(d)
        } else if let Some(t) = s.as_str() {
            t
        } else if let Some(t) = s.number_text() {
            if s.is_float() {
                return Err(invalid(path, m::read::money_float(path, t.into_owned())));
            }
            t
        } else {
            return Err(wrong(path, Expected::Money, s));
        };
        Money::parse(&text).map_err(|e| {
            let q = Arg::quoted(&text);
            invalid(
                path,
                match e {
                    MoneyParseError::NotANumber => m::read::not_money(path, q),
                    MoneyParseError::Negative => m::read::money_negative(path, q),
                    MoneyParseError::TooManyDecimals => m::read::money_decimals(path, q),
                    MoneyParseError::TooLarge => m::read::money_too_large(path, q),
                },
            )
        })
    }
    fn expected() -> Expected {
        Expected::Money
    }
}

/// Parses `YYYY-MM-DD` strictly.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

/// Parses `YYYY-MM-DDTHH:MM` (seconds optional) strictly.
pub fn parse_datetime(s: &str) -> Option<NaiveDateTime> {
    let (d, t) = s.split_once('T')?;
    let date = parse_date(d)?;
    let num = |x: &str| -> Option<u32> {
        (x.len() == 2 && x.bytes().all(|c| c.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let mut parts = t.split(':');
    let h = num(parts.next()?)?;
    let mi = num(parts.next()?)?;
    let sec = match parts.next() {
        Some(x) => num(x)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(NaiveDateTime::new(date, NaiveTime::from_hms_opt(h, mi, sec)?))
}

impl Wire for NaiveDate {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        if let Some(d) = s.native_date() {
            return Ok(d);
        }
        match s.as_str() {
            Some(t) => parse_date(&t).ok_or_else(|| invalid(path, m::read::not_a_date(path, Arg::quoted(&t)))),
            None => Err(wrong(path, Expected::Date, s)),
        }
    }
    fn expected() -> Expected {
        Expected::Date
    }
}

/// A date and time to the minute (`"2023-02-06T15:30"`, seconds optional), Shanghai time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(pub NaiveDateTime);

impl DateTime {
    /// `YYYY-MM-DDTHH:MM`.
    pub fn to_wire(self) -> String {
        use chrono::Timelike;
        alloc::format!("{}T{:02}:{:02}", self.0.date(), self.0.hour(), self.0.minute())
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_wire())
    }
}

impl crate::shape::Described for DateTime {
    fn shape() -> crate::shape::Shape {
        crate::shape::Shape::DateTime
    }
}

impl From<DateTime> for Arg {
    fn from(d: DateTime) -> Arg {
        Arg::DateTime(d.0)
    }
}

impl Wire for DateTime {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        match s.as_str() {
            Some(t) => parse_datetime(&t)
                .map(DateTime)
                .ok_or_else(|| invalid(path, m::read::not_a_datetime(path, Arg::quoted(&t)))),
            None => Err(invalid(path, m::read::must_be(path, Expected::DateTime.msg()))),
        }
    }
    fn expected() -> Expected {
        Expected::DateTime
    }
}

impl Wire for bool {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        s.as_bool().ok_or_else(|| wrong(path, Expected::Bool, s))
    }
    fn expected() -> Expected {
        Expected::Bool
    }
}

impl Wire for u32 {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        let Some(text) = s.number_text() else {
            return Err(wrong(path, Expected::Count, s));
        };
        if s.is_float() {
            return Err(invalid(path, m::read::number_float(path, text.into_owned())));
        }
        if text.starts_with('-') {
            return Err(invalid(path, m::read::not_zero_or_more(path, String::from(crate::msg::cut(&text)))));
        }
        if !text.bytes().all(|c| c.is_ascii_digit()) {
            return Err(invalid(path, m::read::not_whole(path, String::from(crate::msg::cut(&text)))));
        }
        text.parse::<u32>()
            .map_err(|_| invalid(path, m::read::count_too_large(path, u32::MAX)))
    }
    fn expected() -> Expected {
        Expected::Count
    }
}

/// A whole number that may be negative (rubric points: `-6`, `4`).
impl Wire for i32 {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        let Some(text) = s.number_text() else {
            return Err(wrong(path, Expected::Int, s));
        };
        if s.is_float() {
            return Err(invalid(path, m::read::number_float(path, text.into_owned())));
        }
        let digits = text.strip_prefix('-').unwrap_or(&text);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(invalid(path, m::read::not_whole(path, String::from(crate::msg::cut(&text)))));
        }
        text.parse::<i32>()
            .map_err(|_| invalid(path, m::read::int_out_of_range(path, i32::MIN, i32::MAX)))
    }
    fn expected() -> Expected {
        Expected::Int
    }
}

impl Wire for String {
    fn read<S: Source>(s: &S, path: &Path<'_>, _: &ReadCx<'_>, _: Option<Limit>) -> Result<Self> {
        s.as_str().map(Cow::into_owned).ok_or_else(|| wrong(path, Expected::Text, s))
    }
    fn expected() -> Expected {
        Expected::Text
    }
}

/// Reads a code of a closed set: the code itself or, where the catalogue gives the set other names
/// (the plan's own words: 心功能, C类, 物流快递), one of those.
pub fn read_code<S: Source>(s: &S, path: &Path<'_>, kind: &'static str, codes: &'static [&'static str]) -> Result<&'static str> {
    let Some(text) = s.as_str() else {
        return Err(invalid(path, m::read::must_be(path, Expected::OneOf(codes).msg())));
    };
    if let Some(c) = codes.iter().find(|c| **c == text) {
        return Ok(c);
    }
    if let Some(code) = crate::msg::alias(kind, &text) {
        if let Some(c) = codes.iter().find(|c| **c == code) {
            return Ok(c);
        }
    }
    let names: Vec<Arg> = crate::msg::names_of(kind)
        .into_iter()
        .map(|a| Arg::Text(Cow::Borrowed(a)))
        .collect();
    let q = Arg::quoted(&text);
    Err(invalid(
        path,
        if names.is_empty() {
            m::read::not_one_of(path, q, quoted_codes(codes))
        } else {
            m::read::not_one_of_names(path, q, quoted_codes(codes), names)
        },
    ))
}

/// Declares a closed set of wire strings as a Rust enum: parse, `as_str`, `ALL`, `CODES`, serde as the
/// string, a reader that also takes the catalogue's other names for the codes (`kind` is the label kind
/// of `spec/messages`, e.g. `"checkup.package"`), and a message argument that shows the code in English
/// and its name in Chinese.
#[macro_export]
#[doc(hidden)]
macro_rules! wire_enum {
    ($kind:literal => $(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// Every wire string, in the order of [`Self::ALL`].
            pub const CODES: &'static [&'static str] = &[$($s),+];
            /// The label kind of the codes in the message catalogue.
            pub const KIND: &'static str = $kind;
            /// The wire string.
            pub const fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            /// From the wire string (the code only; readers also take the catalogue's other names).
            pub fn parse(s: &str) -> Option<$name> { match s { $($s => Some($name::$v),)+ _ => None } }
        }
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.as_str()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }
        impl From<$name> for $crate::msg::Arg {
            fn from(v: $name) -> $crate::msg::Arg { $crate::msg::Arg::Code($kind, v.as_str()) }
        }
        impl $crate::shape::Described for $name {
            fn shape() -> $crate::shape::Shape {
                static ENUM: $crate::shape::EnumShape = $crate::shape::EnumShape {
                    name: stringify!($name),
                    kind: $kind,
                    codes: &[$($s),+],
                };
                $crate::shape::Shape::Enum(&ENUM)
            }
        }
        impl $crate::read::Wire for $name {
            fn read<S: $crate::read::Source>(
                s: &S,
                path: &$crate::read::Path<'_>,
                _: &$crate::read::ReadCx<'_>,
                _: Option<$crate::limits::Limit>,
            ) -> $crate::error::Result<Self> {
                let code = $crate::read::read_code(s, path, $kind, Self::CODES)?;
                Self::parse(code).ok_or_else(|| $crate::read::wrong(path, Self::expected(), s))
            }
            fn expected() -> $crate::read::Expected {
                $crate::read::Expected::OneOf(Self::CODES)
            }
        }
    };
}
