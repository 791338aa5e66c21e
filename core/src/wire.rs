//! The JSON wire contract (`spec/contract.md`): reading inputs with exact money and dates, and the
//! `evaluate` envelope that every binding answers byte for byte alike.
//!
//! Input values are read with a path to every field, so that an error names the field to blame
//! (`input.claims[2].amount`). Money arrives as a string or a JSON number and is read from its text,
//! never through binary floating point.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::params::{Edition, EDITIONS};
use crate::rules::RULES;
use crate::trace::{Trace, TraceStep};

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

/// A JSON value of one field type (money, date, count, flag, enum).
pub trait Field: Sized {
    /// What the field is, for messages: "a date (YYYY-MM-DD)".
    const EXPECTED: &'static str;
    /// Reads the value at `path`.
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self>;
}

/// What a JSON value is, for messages: "a number", "an array", …
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `invalid_input` at `path`: it must be `expected`, not what it is.
pub fn wrong(path: &Path<'_>, expected: &str, v: &Value) -> Error {
    Error::invalid(path.to_string(), format!("{path} must be {expected}, not {}", kind_of(v)))
}

impl Field for Money {
    const EXPECTED: &'static str = "an amount of money (a decimal string such as \"155.00\")";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        let text: String = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => return Err(wrong(path, Self::EXPECTED, v)),
        };
        Money::parse(&text).map_err(|e| Error::invalid(path.to_string(), format!("{path} {:?} {}", truncate(&text), e.message())))
    }
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(40) {
        Some((i, _)) => s.get(..i).unwrap_or(s),
        None => s,
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

impl Field for NaiveDate {
    const EXPECTED: &'static str = "a date (\"YYYY-MM-DD\")";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        match v {
            Value::String(s) => parse_date(s).ok_or_else(|| {
                Error::invalid(
                    path.to_string(),
                    format!("{path} {:?} is not a date that exists, as \"YYYY-MM-DD\"", truncate(s)),
                )
            }),
            _ => Err(wrong(path, Self::EXPECTED, v)),
        }
    }
}

impl Field for bool {
    const EXPECTED: &'static str = "true or false";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        v.as_bool().ok_or_else(|| wrong(path, Self::EXPECTED, v))
    }
}

impl Field for u32 {
    const EXPECTED: &'static str = "a whole number, zero or more";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        let Value::Number(n) = v else {
            return Err(wrong(path, Self::EXPECTED, v));
        };
        let text = n.to_string();
        if text.starts_with('-') {
            return Err(Error::invalid(
                path.to_string(),
                format!("{path} must be zero or more, not {}", truncate(&text)),
            ));
        }
        if !text.bytes().all(|c| c.is_ascii_digit()) {
            return Err(Error::invalid(
                path.to_string(),
                format!("{path} must be a whole number, not {}", truncate(&text)),
            ));
        }
        text.parse::<u32>()
            .map_err(|_| Error::invalid(path.to_string(), format!("{path} is too large (at most {})", u32::MAX)))
    }
}

/// A whole number that may be negative (rubric points: `-6`, `4`).
impl Field for i32 {
    const EXPECTED: &'static str = "a whole number";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        let Value::Number(n) = v else {
            return Err(wrong(path, Self::EXPECTED, v));
        };
        let text = n.to_string();
        let digits = text.strip_prefix('-').unwrap_or(&text);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return Err(Error::invalid(
                path.to_string(),
                format!("{path} must be a whole number, not {}", truncate(&text)),
            ));
        }
        text.parse::<i32>().map_err(|_| {
            Error::invalid(
                path.to_string(),
                format!("{path} is out of range (a whole number from {} to {})", i32::MIN, i32::MAX),
            )
        })
    }
}

impl Field for String {
    const EXPECTED: &'static str = "a string";
    fn from_value(v: &Value, path: &Path<'_>) -> Result<Self> {
        v.as_str()
            .map(alloc::borrow::ToOwned::to_owned)
            .ok_or_else(|| wrong(path, Self::EXPECTED, v))
    }
}

/// An object of known fields at a path. Unknown fields are refused when it is made.
pub struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: Path<'a>,
}

impl<'a> Obj<'a> {
    /// Reads `v` at `path` as an object whose keys are all in `fields`.
    pub fn new(v: &'a Value, path: Path<'a>, fields: &[&str]) -> Result<Obj<'a>> {
        let Value::Object(map) = v else {
            return Err(wrong(&path, "an object", v));
        };
        for k in map.keys() {
            if !fields.contains(&k.as_str()) {
                return Err(Error::invalid(
                    format!("{path}.{k}"),
                    format!(
                        "{path} has an unknown field {:?}; its fields are {}",
                        truncate(k),
                        fields.join(", ")
                    ),
                ));
            }
        }
        Ok(Obj { map, path })
    }

    /// The object's path.
    pub fn path(&self) -> &Path<'a> {
        &self.path
    }

    /// The raw value of `key`, `None` when absent or `null`.
    pub fn raw(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// A required field.
    pub fn req<T: Field>(&self, key: &str) -> Result<T> {
        let p = self.path.key(key);
        match self.raw(key) {
            Some(v) => T::from_value(v, &p),
            None => Err(Error::invalid(p.to_string(), format!("{p} is required: {}", T::EXPECTED))),
        }
    }

    /// An optional field (`null` counts as absent).
    pub fn opt<T: Field>(&self, key: &str) -> Result<Option<T>> {
        let p = self.path.key(key);
        self.raw(key).map(|v| T::from_value(v, &p)).transpose()
    }

    /// A required array, each element read by `each` with its own path.
    pub fn array<T>(&self, key: &str, each: impl Fn(&Value, &Path<'_>) -> Result<T>) -> Result<Vec<T>> {
        let p = self.path.key(key);
        match self.raw(key) {
            Some(Value::Array(a)) => a.iter().enumerate().map(|(i, v)| each(v, &p.index(i))).collect(),
            Some(v) => Err(wrong(&p, "an array", v)),
            None => Err(Error::invalid(p.to_string(), format!("{p} is required: an array"))),
        }
    }

    /// An optional array.
    pub fn opt_array<T>(&self, key: &str, each: impl Fn(&Value, &Path<'_>) -> Result<T>) -> Result<Option<Vec<T>>> {
        if self.raw(key).is_none() {
            return Ok(None);
        }
        self.array(key, each).map(Some)
    }

    /// A required nested object.
    pub fn object<T: FromWire>(&self, key: &str) -> Result<T> {
        let p = self.path.key(key);
        match self.raw(key) {
            Some(v) => T::from_value_at(v, &p),
            None => Err(Error::invalid(p.to_string(), format!("{p} is required: an object"))),
        }
    }
}

/// A rule input (or a nested object of one) read from JSON.
pub trait FromWire: Sized {
    /// Every field the object may have.
    const FIELDS: &'static [&'static str];
    /// Reads the fields.
    fn from_obj(o: &Obj<'_>) -> Result<Self>;
    /// Reads `v` at `path`.
    fn from_value_at(v: &Value, path: &Path<'_>) -> Result<Self> {
        let o = Obj::new(v, *path, Self::FIELDS)?;
        Self::from_obj(&o)
    }
}

/// Declares a closed set of wire strings as a Rust enum (parse, `as_str`, `ALL`, `CODES`, serde as the string).
#[macro_export]
#[doc(hidden)]
macro_rules! wire_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $v),+ }
        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// Every wire string, in the order of [`Self::ALL`].
            pub const CODES: &'static [&'static str] = &[$($s),+];
            /// The wire string.
            pub const fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
            /// From the wire string.
            pub fn parse(s: &str) -> Option<$name> { match s { $($s => Some($name::$v),)+ _ => None } }
        }
        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result { f.write_str(self.as_str()) }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> core::result::Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }
        impl $crate::wire::Field for $name {
            const EXPECTED: &'static str = concat!("one of ", $("\"", $s, "\" "),+);
            fn from_value(v: &serde_json::Value, path: &$crate::wire::Path<'_>) -> $crate::error::Result<Self> {
                use alloc::string::ToString;
                match v.as_str() {
                    Some(s) => $name::parse(s).ok_or_else(|| $crate::Error::invalid(path.to_string(),
                        alloc::format!("{path} {:?} is not {}", s.chars().take(40).collect::<alloc::string::String>(), <Self as $crate::wire::Field>::EXPECTED.trim_end()))),
                    None => Err($crate::Error::invalid(path.to_string(),
                        alloc::format!("{path} must be {}", <Self as $crate::wire::Field>::EXPECTED.trim_end()))),
                }
            }
        }
    };
}

/// What a rule sees besides its input: the edition and the calendar.
pub struct Ctx<'a> {
    /// The edition of the plan selected by the request.
    pub edition: &'a Edition,
    /// The working-day calendar.
    pub calendar: &'a Calendar,
}

/// Reads the input, runs the typed rule and writes its result as JSON.
pub(crate) fn run<I: FromWire, O: serde::Serialize>(
    input: &Value,
    trace: &mut Trace,
    f: impl FnOnce(&I, &mut Trace) -> Result<O>,
) -> Result<String> {
    let i = I::from_value_at(input, &Path::Root("input"))?;
    let out = f(&i, trace)?;
    serde_json::to_string(&out).map_err(|e| Error::invalid("input", format!("the result could not be written: {e}")))
}

/// A host's set of editions and calendar. [`evaluate`] uses the built-in ones; a host that adds a
/// year's holiday notice or an edition of its own evaluates through an `Engine`.
#[derive(Debug, Clone)]
pub struct Engine {
    editions: Vec<Edition>,
    calendar: Calendar,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::builtin()
    }
}

impl Engine {
    /// The built-in editions and calendar.
    pub fn builtin() -> Engine {
        Engine {
            editions: EDITIONS.to_vec(),
            calendar: Calendar::builtin(),
        }
    }
    /// This engine with `edition` added (replacing one of the same name).
    pub fn with_edition(mut self, edition: Edition) -> Engine {
        self.editions.retain(|e| e.name != edition.name);
        self.editions.push(edition);
        self
    }
    /// This engine with another calendar.
    pub fn with_calendar(mut self, calendar: Calendar) -> Engine {
        self.calendar = calendar;
        self
    }
    /// The calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
    /// The edition called `name`.
    pub fn edition(&self, name: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.name == name)
    }
    /// Answers one request of the wire contract.
    pub fn evaluate(&self, request: &str) -> String {
        evaluate_in(&self.editions, &self.calendar, request)
    }
}

/// Answers one request of the wire contract (`spec/contract.md`) with the built-in editions and
/// calendar. Never panics; a request that cannot be evaluated gets an `ok: false` response.
pub fn evaluate(request: &str) -> String {
    evaluate_in(EDITIONS, &Calendar::builtin(), request)
}

/// [`evaluate`] on a parsed request.
pub fn evaluate_value(request: &Value) -> String {
    let cal = Calendar::builtin();
    match answer(EDITIONS, &cal, request) {
        Ok((rule, edition, result, trace)) => ok_envelope(rule, edition, &result, &trace),
        Err((rule, e)) => error_envelope(rule, &e),
    }
}

fn evaluate_in(editions: &[Edition], calendar: &Calendar, request: &str) -> String {
    let parsed: Value = match serde_json::from_str(request.strip_prefix('\u{feff}').unwrap_or(request)) {
        Ok(v) => v,
        Err(e) => return error_envelope(None, &Error::InvalidJson { detail: e.to_string() }),
    };
    match answer(editions, calendar, &parsed) {
        Ok((rule, edition, result, trace)) => ok_envelope(rule, edition, &result, &trace),
        Err((rule, e)) => error_envelope(rule, &e),
    }
}

type Answer<'e> = (&'static str, &'e str, String, Vec<TraceStep>);

fn answer<'e>(
    editions: &'e [Edition],
    calendar: &Calendar,
    req: &Value,
) -> core::result::Result<Answer<'e>, (Option<&'static str>, Error)> {
    let Value::Object(map) = req else {
        return Err((
            None,
            Error::InvalidJson {
                detail: "the request must be a json object".to_string(),
            },
        ));
    };
    for k in map.keys() {
        if !["rule", "input", "edition"].contains(&k.as_str()) {
            return Err((
                None,
                Error::invalid(
                    truncate(k).to_string(),
                    format!(
                        "the request has an unknown field {:?}; its fields are rule, input, edition",
                        truncate(k)
                    ),
                ),
            ));
        }
    }
    let rule_name = match map.get("rule") {
        Some(Value::String(s)) => s,
        Some(v) => return Err((None, wrong(&Path::Root("rule"), "a rule id such as \"checkup.quote\"", v))),
        None => {
            return Err((
                None,
                Error::invalid("rule", "rule is required: a rule id such as \"checkup.quote\""),
            ))
        }
    };
    #[cfg(feature = "panic-hook")]
    test_panic(rule_name);
    let Some(rule) = RULES.iter().find(|r| r.id == rule_name) else {
        return Err((
            None,
            Error::UnknownRule {
                rule: truncate(rule_name).to_string(),
            },
        ));
    };
    let edition_name = match map.get("edition") {
        None | Some(Value::Null) => crate::DEFAULT_EDITION,
        Some(Value::String(s)) => s.as_str(),
        Some(v) => return Err((Some(rule.id), wrong(&Path::Root("edition"), "an edition name such as \"2023\"", v))),
    };
    let Some(edition) = editions.iter().find(|e| e.name == edition_name) else {
        let known = editions.iter().map(|e| e.name).collect::<Vec<_>>().join(", ");
        return Err((
            Some(rule.id),
            Error::UnknownEdition {
                edition: truncate(edition_name).to_string(),
                known,
            },
        ));
    };
    let input = match map.get("input") {
        Some(v) => v,
        None => return Err((Some(rule.id), Error::invalid("input", "input is required: an object"))),
    };
    let ctx = Ctx { edition, calendar };
    let mut trace = Trace::new();
    match (rule.eval)(&ctx, input, &mut trace) {
        Ok(result) => Ok((rule.id, edition.name, result, trace.into_steps())),
        Err(e) => Err((Some(rule.id), e)),
    }
}

/// With the test-only `panic-hook` feature, the rule id `test.panic` panics inside the core, so that each
/// binding's tests can prove a panic becomes its internal-error exception instead of crashing the host.
#[cfg(feature = "panic-hook")]
#[allow(clippy::panic)]
fn test_panic(rule: &str) {
    if rule == "test.panic" {
        panic!("test.panic: a deliberate panic inside the core (panic-hook feature)");
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

fn ok_envelope(rule: &str, edition: &str, result: &str, trace: &[TraceStep]) -> String {
    let trace = serde_json::to_string(trace).unwrap_or_else(|_| String::from("[]"));
    format!(
        "{{\"ok\":true,\"rule\":{},\"edition\":{},\"result\":{result},\"trace\":{trace}}}",
        json_str(rule),
        json_str(edition)
    )
}

/// The `ok: false` envelope for `e` (bindings use it for errors they raise themselves).
pub fn error_envelope(rule: Option<&str>, e: &Error) -> String {
    let rule = rule.map_or_else(|| String::from("null"), json_str);
    let path = e.path().map_or_else(|| String::from("null"), json_str);
    format!(
        "{{\"ok\":false,\"rule\":{rule},\"error\":{{\"code\":{},\"message\":{},\"path\":{path}}}}}",
        json_str(e.code()),
        json_str(&e.to_string())
    )
}
