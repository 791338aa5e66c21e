//! A host's own values, as a binding sees them (a Python dict with `datetime.date` and `Decimal` values, a
//! JavaScript object with keys in insertion order), behind the core's [`Source`] trait: reading them must
//! answer exactly as reading the same request as JSON does.

use std::borrow::Cow;

use arbitrary::{Result, Unstructured};
use chrono::NaiveDate;
use serde_json::Value;
use shftu_rules::read::{parse_date, Kind, Source};
use shftu_rules::shape::Shape;

/// A host value.
#[derive(Debug, Clone)]
pub enum Host {
    /// `None` / `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An exact number (a Python `int`, a JavaScript safe integer), by its text.
    Num(String),
    /// A string.
    Str(String),
    /// A native date.
    Date(NaiveDate),
    /// A native exact decimal, by its text.
    Decimal(String),
    /// A list.
    List(Vec<Host>),
    /// An object, its keys in the host's order.
    Dict(Vec<(String, Host)>),
}

impl Host {
    /// The JSON value `v` as a host would hold it, guided by `shape`: where the shape is a date and the
    /// value a date string, now and then a native date; where it is money and the value a string, now and
    /// then a native decimal with that text; objects with their keys in an order drawn from `u`.
    pub fn from_json(v: &Value, shape: Option<Shape>, u: &mut Unstructured<'_>) -> Result<Host> {
        Ok(match v {
            Value::Null => Host::Null,
            Value::Bool(b) => Host::Bool(*b),
            Value::Number(n) => Host::Num(n.to_string()),
            Value::String(s) => match shape {
                Some(Shape::Date) if u.arbitrary::<bool>()? => parse_date(s).map_or_else(|| Host::Str(s.clone()), Host::Date),
                Some(Shape::Money) if u.arbitrary::<bool>()? => Host::Decimal(s.clone()),
                _ => Host::Str(s.clone()),
            },
            Value::Array(a) => {
                let item = match shape {
                    Some(Shape::Array(f)) => Some(f()),
                    _ => None,
                };
                Host::List(a.iter().map(|x| Host::from_json(x, item, u)).collect::<Result<_>>()?)
            }
            Value::Object(m) => {
                let mut entries = Vec::with_capacity(m.len());
                for (k, x) in m {
                    let s = match shape {
                        Some(Shape::Object(o)) => o.fields.iter().find(|f| f.name == k).map(|f| (f.shape)()),
                        Some(Shape::Map(f)) => Some(f()),
                        _ => None,
                    };
                    entries.push((k.clone(), Host::from_json(x, s, u)?));
                }
                // The host's own order of keys: reversed or rotated.
                if u.arbitrary::<bool>()? {
                    entries.reverse();
                }
                if !entries.is_empty() {
                    let r = u.int_in_range(0..=entries.len() - 1)?;
                    entries.rotate_left(r);
                }
                Host::Dict(entries)
            }
        })
    }
}

impl Source for &Host {
    fn kind(&self) -> Kind {
        match self {
            Host::Null => Kind::Null,
            Host::Bool(_) => Kind::Bool,
            Host::Num(_) => Kind::Number,
            Host::Str(_) => Kind::String,
            Host::Date(_) => Kind::Date,
            Host::Decimal(_) => Kind::Decimal,
            Host::List(_) => Kind::Array,
            Host::Dict(_) => Kind::Object,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Host::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Host::Num(t) => Some(Cow::Borrowed(t)),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        match self {
            Host::Str(s) => Some(Cow::Borrowed(s)),
            _ => None,
        }
    }
    fn native_date(&self) -> Option<NaiveDate> {
        match self {
            Host::Date(d) => Some(*d),
            _ => None,
        }
    }
    fn native_decimal(&self) -> Option<String> {
        match self {
            Host::Decimal(t) => Some(t.clone()),
            _ => None,
        }
    }
    fn array_len(&self) -> Option<usize> {
        match self {
            Host::List(a) => Some(a.len()),
            _ => None,
        }
    }
    fn at(&self, i: usize) -> Option<Self> {
        match self {
            Host::List(a) => a.get(i),
            _ => None,
        }
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        match self {
            Host::Dict(m) => m.iter().map(|(k, _)| Cow::Borrowed(k.as_str())).collect(),
            _ => Vec::new(),
        }
    }
    fn get(&self, key: &str) -> Option<Self> {
        match self {
            Host::Dict(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}
