//! The shapes of rule inputs and results: field names, types, which are required, their documentation
//! and limits. Derived from the declarations (`#[derive(Wire)]`, `#[derive(Described)]`), so that the JSON
//! Schemas, the TypeScript declarations, the Python stubs and the Java classes are generated from the same
//! source as the readers (`shftu-rules describe` prints them all as JSON).

use alloc::string::String;
use alloc::vec::Vec;
use chrono::NaiveDate;

use crate::limits::Limit;
use crate::money::Money;

/// The shape of a value.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// Money: a decimal string with two decimals (`"155.00"`).
    Money,
    /// A date `YYYY-MM-DD`.
    Date,
    /// A date and time `YYYY-MM-DDTHH:MM`.
    DateTime,
    /// `true` / `false`.
    Bool,
    /// A whole number ≥ 0 (u32).
    Count,
    /// A whole number (i32).
    Int,
    /// A whole number (i64) in a result.
    Long,
    /// A decimal number in a result (a ratio, a percentage).
    Decimal,
    /// A string.
    Text,
    /// A code of a closed set.
    Enum(&'static EnumShape),
    /// An array.
    Array(fn() -> Shape),
    /// An object with string keys and values of one shape.
    Map(fn() -> Shape),
    /// An object of known fields.
    Object(&'static ObjectShape),
}

/// A closed set of codes.
#[derive(Debug)]
pub struct EnumShape {
    /// The Rust type's name (`Tier`).
    pub name: &'static str,
    /// The label kind in the message catalogue (`mutual_aid.tier`).
    pub kind: &'static str,
    /// The codes, in order.
    pub codes: &'static [&'static str],
}

/// An object's fields.
#[derive(Debug)]
pub struct ObjectShape {
    /// The Rust type's name (`EnrollInput`).
    pub name: &'static str,
    /// Its documentation.
    pub doc: &'static str,
    /// The fields, in order.
    pub fields: &'static [FieldShape],
}

/// One field of an object.
#[derive(Debug)]
pub struct FieldShape {
    /// The wire name.
    pub name: &'static str,
    /// Its shape (of the value when present).
    pub shape: fn() -> Shape,
    /// Must it be given (inputs) / is it always written (results)?
    pub required: bool,
    /// May it be `null` (results)?
    pub nullable: bool,
    /// Its documentation (the doc comment, which cites the clause).
    pub doc: &'static str,
    /// The limit on its length, for an array.
    pub limit: Option<Limit>,
    /// The release that added it to an input that existed before (`#[wire(since = "0.2")]`), so that a host's
    /// constructors of the earlier release can be kept; `None`: there from the start.
    pub since: Option<&'static str>,
}

/// A type with a shape.
pub trait Described {
    /// The shape.
    fn shape() -> Shape;
}

macro_rules! described {
    ($($t:ty => $s:expr),* $(,)?) => {$(
        impl Described for $t { fn shape() -> Shape { $s } }
    )*};
}

described! {
    Money => Shape::Money,
    NaiveDate => Shape::Date,
    bool => Shape::Bool,
    u32 => Shape::Count,
    u8 => Shape::Count,
    u16 => Shape::Count,
    i32 => Shape::Int,
    i64 => Shape::Long,
    u64 => Shape::Long,
    rust_decimal::Decimal => Shape::Decimal,
    String => Shape::Text,
    &'static str => Shape::Text,
}

impl<T: Described> Described for Vec<T> {
    fn shape() -> Shape {
        Shape::Array(T::shape)
    }
}

impl<T: Described> Described for Option<T> {
    fn shape() -> Shape {
        T::shape()
    }
}

impl<T: Described> Described for alloc::collections::BTreeMap<String, T> {
    fn shape() -> Shape {
        Shape::Map(T::shape)
    }
}

impl<T: Described> Described for &'static [T] {
    fn shape() -> Shape {
        Shape::Array(T::shape)
    }
}

impl Shape {
    /// The shape as JSON (for `shftu-rules describe` and the generators of stubs and schemas).
    pub fn to_json(self) -> serde_json::Value {
        use serde_json::{json, Value};
        match self {
            Shape::Money => json!({"type": "money"}),
            Shape::Date => json!({"type": "date"}),
            Shape::DateTime => json!({"type": "datetime"}),
            Shape::Bool => json!({"type": "bool"}),
            Shape::Count => json!({"type": "count"}),
            Shape::Int => json!({"type": "int"}),
            Shape::Long => json!({"type": "long"}),
            Shape::Decimal => json!({"type": "decimal"}),
            Shape::Text => json!({"type": "text"}),
            Shape::Enum(e) => json!({"type": "enum", "name": e.name, "kind": e.kind, "codes": e.codes}),
            Shape::Array(f) => json!({"type": "array", "items": f().to_json()}),
            Shape::Map(f) => json!({"type": "map", "values": f().to_json()}),
            Shape::Object(o) => {
                let fields: Vec<Value> = o
                    .fields
                    .iter()
                    .map(|f| {
                        let mut j = json!({
                            "name": f.name,
                            "shape": (f.shape)().to_json(),
                            "required": f.required,
                            "nullable": f.nullable,
                            "doc": f.doc,
                            "limit": f.limit.map(Limit::name),
                        });
                        if let (Some(since), Some(m)) = (f.since, j.as_object_mut()) {
                            m.insert("since".into(), Value::from(since));
                        }
                        j
                    })
                    .collect();
                json!({"type": "object", "name": o.name, "doc": o.doc, "fields": fields})
            }
        }
    }

    /// Calls `f` on every closed set this shape reaches, once per visit path.
    pub fn for_each_enum(self, f: &mut dyn FnMut(&'static EnumShape)) {
        match self {
            Shape::Enum(e) => f(e),
            Shape::Array(s) | Shape::Map(s) => s().for_each_enum(f),
            Shape::Object(o) => {
                for fl in o.fields {
                    (fl.shape)().for_each_enum(f);
                }
            }
            _ => {}
        }
    }
}
