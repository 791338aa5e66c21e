//! Conversions between the foreign-language types and the core's. No rule logic lives here.
//!
//! * Money crosses as a decimal string ([`Money`]): `java.math.BigDecimal` in Kotlin/Java, `Decimal` in
//!   Swift, never a float. Inputs are read by the core's own money reader, so a third decimal or a negative
//!   amount is the same `invalid_input` (same message, same path) as on the wire.
//! * Dates cross as `YYYY-MM-DD` ([`IsoDate`]): `java.time.LocalDate` in Kotlin/Java; date-times as
//!   `YYYY-MM-DDTHH:MM` ([`IsoDateTime`]): `java.time.LocalDateTime`.
//! * Enums mirror the core's wire enums variant by variant ([`ffi_enum!`]); records mirror the core's
//!   inputs ([`ffi_input!`], read with the JSON path of every field) and results ([`ffi_output!`]).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde_json::Value;
use shftu_rules::wire::{Field, Path};
use shftu_rules::Error;

/// An amount of money in yuan, as its decimal text (`"155.00"`). Kotlin: `BigDecimal`; Swift: `Decimal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money(pub String);

/// A date as `YYYY-MM-DD`. Kotlin: `java.time.LocalDate`; Swift: `String`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoDate(pub String);

/// A date and time as `YYYY-MM-DDTHH:MM`. Kotlin: `java.time.LocalDateTime`; Swift: `String`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsoDateTime(pub String);

uniffi::custom_type!(Money, String, {
    lower: |m| m.0,
    try_lift: |s| Ok(Money(s)),
});
uniffi::custom_type!(IsoDate, String, {
    lower: |d| d.0,
    try_lift: |s| Ok(IsoDate(s)),
});
uniffi::custom_type!(IsoDateTime, String, {
    lower: |d| d.0,
    try_lift: |s| Ok(IsoDateTime(s)),
});

/// A foreign value read into the core's type, with the JSON path of the field for errors.
pub trait ToCore {
    /// The core's type.
    type Core;
    /// Reads the value; a bad one is the core's own `invalid_input` at `path`.
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error>;
}

/// A core value written as its foreign counterpart.
pub trait ToFfi {
    /// The foreign type.
    type Ffi;
    /// Converts.
    fn to_ffi(self) -> Self::Ffi;
}

/// A foreign value written as the wire contract's JSON (used by the tests that check every typed method
/// against `evaluate` on every conformance vector).
pub trait ToJson {
    /// The JSON the wire contract gives for this value.
    fn to_json(&self) -> Value;
}

impl ToJson for Money {
    fn to_json(&self) -> Value {
        Value::String(self.0.clone())
    }
}
impl ToJson for IsoDate {
    fn to_json(&self) -> Value {
        Value::String(self.0.clone())
    }
}
impl ToJson for IsoDateTime {
    fn to_json(&self) -> Value {
        Value::String(self.0.clone())
    }
}
impl ToJson for String {
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
}
impl ToJson for bool {
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
}
impl ToJson for i32 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}
impl ToJson for i64 {
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
}
impl<T: ToJson> ToJson for Option<T> {
    fn to_json(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToJson::to_json)
    }
}
impl<T: ToJson> ToJson for Vec<T> {
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(ToJson::to_json).collect())
    }
}

/// Reads a string through the core's field reader (same checks, messages and paths as the wire).
fn via_core<T: Field>(text: String, path: &Path<'_>) -> Result<T, Error> {
    T::from_value(&Value::String(text), path)
}

impl ToCore for Money {
    type Core = shftu_rules::Money;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        via_core(self.0, path)
    }
}

impl ToCore for IsoDate {
    type Core = NaiveDate;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        via_core(self.0, path)
    }
}

impl ToCore for IsoDateTime {
    type Core = shftu_rules::health_point_ops::DateTime;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        via_core(self.0, path)
    }
}

macro_rules! same {
    ($($t:ty),*) => {$(
        impl ToCore for $t {
            type Core = $t;
            fn to_core(self, _: &Path<'_>) -> Result<$t, Error> { Ok(self) }
        }
        impl ToFfi for $t {
            type Ffi = $t;
            fn to_ffi(self) -> $t { self }
        }
    )*};
}
same!(bool, i32, String);

/// Counts cross as `i64` (Kotlin `Long`, Java `long`: Kotlin's `UInt` cannot be called from Java); the
/// core's own count reader turns a negative or too large one into `invalid_input` at its path.
impl ToCore for i64 {
    type Core = u32;
    fn to_core(self, path: &Path<'_>) -> Result<u32, Error> {
        u32::from_value(&Value::from(self), path)
    }
}

impl ToFfi for u32 {
    type Ffi = i64;
    fn to_ffi(self) -> i64 {
        i64::from(self)
    }
}

impl ToFfi for i64 {
    type Ffi = i64;
    fn to_ffi(self) -> i64 {
        self
    }
}

impl<T: ToCore> ToCore for Option<T> {
    type Core = Option<T::Core>;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        self.map(|v| v.to_core(path)).transpose()
    }
}

impl<T: ToCore> ToCore for Vec<T> {
    type Core = Vec<T::Core>;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        self.into_iter().enumerate().map(|(i, v)| v.to_core(&path.index(i))).collect()
    }
}

impl<V: ToCore> ToCore for HashMap<String, V> {
    type Core = BTreeMap<String, V::Core>;
    fn to_core(self, path: &Path<'_>) -> Result<Self::Core, Error> {
        let mut out = BTreeMap::new();
        for (k, v) in self {
            let c = v.to_core(&path.key(&k))?;
            out.insert(k, c);
        }
        Ok(out)
    }
}

impl ToFfi for shftu_rules::Money {
    type Ffi = Money;
    fn to_ffi(self) -> Money {
        Money(self.to_string())
    }
}

impl ToFfi for NaiveDate {
    type Ffi = IsoDate;
    fn to_ffi(self) -> IsoDate {
        IsoDate(self.format("%Y-%m-%d").to_string())
    }
}

impl ToFfi for shftu_rules::health_point_ops::DateTime {
    type Ffi = IsoDateTime;
    fn to_ffi(self) -> IsoDateTime {
        IsoDateTime(self.to_wire())
    }
}

impl ToFfi for &'static str {
    type Ffi = String;
    fn to_ffi(self) -> String {
        self.to_owned()
    }
}

impl<T: ToFfi> ToFfi for Option<T> {
    type Ffi = Option<T::Ffi>;
    fn to_ffi(self) -> Self::Ffi {
        self.map(ToFfi::to_ffi)
    }
}

impl<T: ToFfi> ToFfi for Vec<T> {
    type Ffi = Vec<T::Ffi>;
    fn to_ffi(self) -> Self::Ffi {
        self.into_iter().map(ToFfi::to_ffi).collect()
    }
}

impl<V: ToFfi> ToFfi for BTreeMap<String, V> {
    type Ffi = HashMap<String, V::Ffi>;
    fn to_ffi(self) -> Self::Ffi {
        self.into_iter().map(|(k, v)| (k, v.to_ffi())).collect()
    }
}

impl ToFfi for shftu_rules::TraceStep {
    type Ffi = crate::api::TraceStep;
    fn to_ffi(self) -> Self::Ffi {
        crate::api::TraceStep {
            clause: self.clause.to_owned(),
            note: self.note,
        }
    }
}

/// A foreign enum mirroring a core wire enum, variant by variant, with conversions both ways.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_enum {
    ($($(#[$m:meta])* $name:ident = $core:path { $($v:ident),+ $(,)? })*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name { $($v),+ }
        impl $crate::convert::ToCore for $name {
            type Core = $core;
            fn to_core(self, _: &shftu_rules::wire::Path<'_>) -> Result<$core, shftu_rules::Error> {
                use $core as C;
                Ok(match self { $($name::$v => C::$v),+ })
            }
        }
        impl $crate::convert::ToFfi for $core {
            type Ffi = $name;
            fn to_ffi(self) -> $name {
                use $core as C;
                match self { $(C::$v => $name::$v),+ }
            }
        }
        impl $crate::convert::ToJson for $name {
            fn to_json(&self) -> serde_json::Value {
                use $core as C;
                serde_json::Value::from(match self { $($name::$v => C::$v.as_str()),+ })
            }
        }
    )*};
}

/// A foreign record mirroring a core rule input; each field is read with its JSON path (`input.claims[2].amount`).
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_input {
    ($($(#[$m:meta])* $name:ident = $core:path { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? })*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $name { $($(#[$fm])* pub $f: $t),* }
        impl $crate::convert::ToCore for $name {
            type Core = $core;
            #[allow(unused_variables)]
            fn to_core(self, path: &shftu_rules::wire::Path<'_>) -> Result<$core, shftu_rules::Error> {
                type C = $core;
                Ok(C { $($f: $crate::convert::ToCore::to_core(self.$f, &path.key(stringify!($f)))?),* })
            }
        }
        impl $crate::convert::ToFfi for $core {
            type Ffi = $name;
            fn to_ffi(self) -> $name {
                $name { $($f: $crate::convert::ToFfi::to_ffi(self.$f)),* }
            }
        }
    )*};
}

/// A foreign record mirroring a core rule result.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_output {
    ($($(#[$m:meta])* $name:ident = $core:path { $($(#[$fm:meta])* $f:ident : $t:ty),* $(,)? })*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, uniffi::Record)]
        pub struct $name { $($(#[$fm])* pub $f: $t),* }
        impl $crate::convert::ToFfi for $core {
            type Ffi = $name;
            fn to_ffi(self) -> $name {
                $name { $($f: $crate::convert::ToFfi::to_ffi(self.$f)),* }
            }
        }
        impl $crate::convert::ToJson for $name {
            fn to_json(&self) -> serde_json::Value {
                let mut m = serde_json::Map::new();
                $(m.insert(stringify!($f).to_owned(), $crate::convert::ToJson::to_json(&self.$f));)*
                serde_json::Value::Object(m)
            }
        }
    )*};
}
