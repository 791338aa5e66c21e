//! Conversion between JavaScript values and the core's JSON values.
//!
//! Inputs of the typed API are read into a `serde_json::Value` here and then by the core's own wire
//! reader ([`shftu_rules::wire::FromWire`]), so the typed API validates exactly as `evaluate` does and
//! names the same JSON paths. The one rule the binding adds: a JavaScript number is accepted only as a
//! safe integer. A fractional number (or one beyond 2^53) has been through binary floating point and
//! cannot carry exact fen, so it is `invalid_input` at its path; money travels as a decimal string.

use napi::bindgen_prelude::*;
use napi::{JsValue, ValueType};
use serde_json::{Map, Value};
use shftu_rules::Error;
use std::result::Result;

use crate::error::Failure;

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// How deep an input may nest (the deepest rule input nests four levels).
const MAX_DEPTH: usize = 64;

/// How many values, at every level, an input may hold: far above any real request (a million claims
/// are some four million values), and low enough that a hostile object (a sparse array of length
/// 2^32 − 1, or one array shared at every level) is refused at once instead of exhausting memory,
/// which would abort the process.
const MAX_VALUES: usize = 1 << 24;

/// A JavaScript number as a JSON number: only a safe integer is accepted.
pub fn number(v: f64, path: &str) -> Result<Value, Error> {
    if v.is_finite() && v.fract() == 0.0 && v.abs() <= MAX_SAFE_INTEGER {
        // In range and whole: the conversion is exact.
        #[allow(clippy::cast_possible_truncation)]
        let i = v as i64;
        return Ok(Value::from(i));
    }
    let what = if v.is_finite() && v.fract() != 0.0 {
        "a fractional number, which cannot carry exact fen"
    } else {
        "not a safe integer"
    };
    Err(Error::invalid(
        path,
        format!(
            "{path} is {v}, {what}: a JavaScript number is accepted only as a safe integer; write amounts of money as decimal strings such as \"155.50\""
        ),
    ))
}

/// Reads a JavaScript value at `path` as JSON, as `JSON.stringify` would see it (an `undefined`
/// property is left out), refusing numbers that are not safe integers, and inputs nested deeper than
/// [`MAX_DEPTH`] or holding more than [`MAX_VALUES`] values.
pub fn to_value(v: &Unknown<'_>, path: &str) -> Result<Value, Failure> {
    let mut budget = MAX_VALUES;
    read(v, path, 0, &mut budget)
}

/// The input error for a value that does not fit in what is left of the budget.
fn too_many(path: &str) -> Failure {
    Error::invalid(path, format!("{path} is too large: an input holds at most {MAX_VALUES} values")).into()
}

/// [`to_value`] at `depth`, with `budget` values left to read.
fn read(v: &Unknown<'_>, path: &str, depth: usize, budget: &mut usize) -> Result<Value, Failure> {
    if depth > MAX_DEPTH {
        return Err(Error::invalid(path, format!("{path} is nested too deeply")).into());
    }
    *budget = budget.checked_sub(1).ok_or_else(|| too_many(path))?;
    match v.get_type()? {
        ValueType::Null | ValueType::Undefined => Ok(Value::Null),
        ValueType::Boolean => Ok(Value::Bool(v.coerce_to_bool()?)),
        ValueType::Number => Ok(number(v.coerce_to_number()?.get_double()?, path)?),
        ValueType::String => Ok(Value::String(v.coerce_to_string()?.into_utf8()?.into_owned()?)),
        ValueType::Object => {
            let obj = v.coerce_to_object()?;
            if obj.is_array()? {
                let n = obj.get_array_length()?;
                // The length is the caller's to choose (`a.length = 2 ** 32 - 1` makes a sparse array):
                // it is checked against the budget before anything is allocated for it.
                let len = usize::try_from(n).unwrap_or(usize::MAX);
                if len > *budget {
                    return Err(too_many(path));
                }
                let mut items = Vec::with_capacity(len.min(4096));
                for i in 0..n {
                    let item: Unknown<'_> = obj.get_element(i)?;
                    items.push(read(&item, &format!("{path}[{i}]"), depth + 1, budget)?);
                }
                return Ok(Value::Array(items));
            }
            let keys = obj.get_all_property_names(KeyCollectionMode::OwnOnly, KeyFilter::Enumerable, KeyConversion::NumbersToStrings)?;
            let n = keys.get_array_length()?;
            let mut map = Map::new();
            for i in 0..n {
                let key: Unknown<'_> = keys.get_element(i)?;
                if key.get_type()? != ValueType::String {
                    continue; // a symbol key: JSON has none
                }
                // The property is read by the key itself, not by its UTF-8 text: a key with a NUL or
                // a lone surrogate (which UTF-8 writes as U+FFFD) is read, and refused as an unknown
                // field, instead of failing in Node-API or being skipped as `undefined`.
                let item: Unknown<'_> = obj.get_property_unchecked(key)?;
                let key = key.coerce_to_string()?.into_utf8()?.into_owned()?;
                if item.get_type()? == ValueType::Undefined {
                    continue;
                }
                let value = read(&item, &format!("{path}.{key}"), depth + 1, budget)?;
                map.insert(key, value);
            }
            Ok(Value::Object(map))
        }
        other => {
            let what = match other {
                ValueType::BigInt => "a bigint (write amounts of money as decimal strings such as \"155.50\")",
                ValueType::Function => "a function",
                ValueType::Symbol => "a symbol",
                _ => "not a JSON value",
            };
            Err(Error::invalid(path, format!("{path} must be a JSON value, not {what}")).into())
        }
    }
}
