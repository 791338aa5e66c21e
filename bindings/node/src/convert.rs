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
/// property is left out), refusing numbers that are not safe integers.
pub fn to_value(v: &Unknown<'_>, path: &str, depth: usize) -> Result<Value, Failure> {
    if depth > MAX_DEPTH {
        return Err(Error::invalid(path, format!("{path} is nested too deeply")).into());
    }
    match v.get_type()? {
        ValueType::Null | ValueType::Undefined => Ok(Value::Null),
        ValueType::Boolean => Ok(Value::Bool(v.coerce_to_bool()?)),
        ValueType::Number => Ok(number(v.coerce_to_number()?.get_double()?, path)?),
        ValueType::String => Ok(Value::String(v.coerce_to_string()?.into_utf8()?.into_owned()?)),
        ValueType::Object => {
            let obj = v.coerce_to_object()?;
            if obj.is_array()? {
                let n = obj.get_array_length()?;
                let mut items = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
                for i in 0..n {
                    let item: Unknown<'_> = obj.get_element(i)?;
                    items.push(to_value(&item, &format!("{path}[{i}]"), depth + 1)?);
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
                let key = key.coerce_to_string()?.into_utf8()?.into_owned()?;
                let item: Unknown<'_> = obj.get_named_property(&key)?;
                if item.get_type()? == ValueType::Undefined {
                    continue;
                }
                let value = to_value(&item, &format!("{path}.{key}"), depth + 1)?;
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
