//! A `serde` serializer that writes a rule's result as JSON straight into the response's text, as
//! `serde_json`'s compact writer writes it (the same keys in the same order, the same escapes), without its
//! string adapter or an intermediate string.
//!
//! It writes the values results are made of — structs, options, sequences, maps with string keys, strings,
//! booleans and whole numbers. Anything else (a float, bytes, a map key that is not a string, an enum
//! variant with data) is refused, and [`write_json`] then writes the value with `serde_json` itself.

use alloc::string::String;
use core::fmt;

use serde::ser::{self, Serialize};

use crate::text::{find_special, push_i128, push_json_str, push_json_str_contents, push_u128, push_u64};

/// Why a value was not written here (then `serde_json` writes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unwritable;

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value the direct writer does not write")
    }
}

impl ser::StdError for Unwritable {}

impl ser::Error for Unwritable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Unwritable
    }
}

/// Appends `value` as compact JSON to `out`, exactly as `serde_json::to_string` writes it; `serde_json`'s
/// error when it cannot write it (and then `out` is as it was).
pub fn write_json<T: Serialize + ?Sized>(out: &mut String, value: &T) -> Result<(), serde_json::Error> {
    let mark = out.len();
    if value.serialize(&mut Writer { out: &mut *out }).is_ok() {
        return Ok(());
    }
    out.truncate(mark);
    out.push_str(&serde_json::to_string(value)?);
    Ok(())
}

/// The serializer: writes into `out`.
pub struct Writer<'o> {
    out: &'o mut String,
}

type Res = Result<(), Unwritable>;

impl<'a, 'o> ser::Serializer for &'a mut Writer<'o> {
    type Ok = ();
    type Error = Unwritable;
    type SerializeSeq = Compound<'a, 'o>;
    type SerializeTuple = Compound<'a, 'o>;
    type SerializeTupleStruct = Compound<'a, 'o>;
    type SerializeTupleVariant = ser::Impossible<(), Unwritable>;
    type SerializeMap = Compound<'a, 'o>;
    type SerializeStruct = Compound<'a, 'o>;
    type SerializeStructVariant = ser::Impossible<(), Unwritable>;

    fn serialize_bool(self, v: bool) -> Res {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Res {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Res {
        push_i128(self.out, i128::from(v));
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Res {
        push_i128(self.out, v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Res {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Res {
        push_u64(self.out, v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Res {
        push_u128(self.out, v);
        Ok(())
    }
    fn serialize_f32(self, _: f32) -> Res {
        Err(Unwritable)
    }
    fn serialize_f64(self, _: f64) -> Res {
        Err(Unwritable)
    }
    fn serialize_char(self, v: char) -> Res {
        let mut buf = [0u8; 4];
        push_json_str(self.out, v.encode_utf8(&mut buf));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Res {
        push_json_str(self.out, v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Res {
        Err(Unwritable)
    }
    fn serialize_none(self) -> Res {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Res {
        self.out.push_str("null");
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Res {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Res {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Res {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Res {
        Err(Unwritable)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Unwritable> {
        self.out.push('[');
        Ok(Compound { w: self, first: true })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a, 'o>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'o>, Unwritable> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unwritable> {
        Err(Unwritable)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a, 'o>, Unwritable> {
        self.out.push('{');
        Ok(Compound { w: self, first: true })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a, 'o>, Unwritable> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unwritable> {
        Err(Unwritable)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Res {
        use fmt::Write as _;
        // Written as it is, then escaped only if it holds a byte to escape (dates and amounts never do).
        self.out.push('"');
        let mark = self.out.len();
        write!(self.out, "{value}").map_err(|_| Unwritable)?;
        if self.out.as_bytes().get(mark..).and_then(find_special).is_some() {
            let text = self.out.split_off(mark);
            push_json_str_contents(self.out, &text);
        }
        self.out.push('"');
        Ok(())
    }
}

/// An array or an object being written.
pub struct Compound<'a, 'o> {
    w: &'a mut Writer<'o>,
    first: bool,
}

impl Compound<'_, '_> {
    fn comma(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.w.out.push(',');
        }
    }
}

impl ser::SerializeSeq for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        self.comma();
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        self.w.out.push(']');
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Res {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Res {
        self.comma();
        // A key is written as a string value is; any other key is left to serde_json.
        let mark = self.w.out.len();
        key.serialize(&mut *self.w)?;
        if self.w.out.as_bytes().get(mark) != Some(&b'"') {
            return Err(Unwritable);
        }
        self.w.out.push(':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Res {
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        self.w.out.push('}');
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_, '_> {
    type Ok = ();
    type Error = Unwritable;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Res {
        self.comma();
        push_json_str(self.w.out, key);
        self.w.out.push(':');
        value.serialize(&mut *self.w)
    }
    fn end(self) -> Res {
        self.w.out.push('}');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::collections::BTreeMap;
    use alloc::string::ToString;
    use alloc::vec;
    use alloc::vec::Vec;

    fn same<T: Serialize>(v: &T) {
        let mut out = String::from("x");
        assert!(write_json(&mut out, v).is_ok());
        assert_eq!(out.get(1..), serde_json::to_string(v).ok().as_deref());
    }

    #[derive(serde::Serialize)]
    struct S {
        a: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        b: Option<i64>,
        c: Option<&'static str>,
        d: Vec<bool>,
        #[serde(rename = "e\"")]
        e: BTreeMap<String, i32>,
        f: (u8, char),
        g: (),
        h: f64,
    }

    #[test]
    fn as_serde_json_writes() {
        let mut m = BTreeMap::new();
        m.insert("k\n".to_string(), -3);
        m.insert("a".to_string(), 0);
        same(&S {
            a: 7,
            b: None,
            c: Some("q\"\\\u{1}é"),
            d: vec![true, false],
            e: m.clone(),
            f: (255, '"'),
            g: (),
            h: 1.5,
        });
        same(&S {
            a: u32::MAX,
            b: Some(i64::MIN),
            c: None,
            d: vec![],
            e: BTreeMap::new(),
            f: (0, 'x'),
            g: (),
            h: f64::NAN,
        });
        let mut int_keys = BTreeMap::new();
        int_keys.insert(3u32, "three");
        same(&int_keys);
        same(&m);
        same(&u128::MAX);
        same(&i128::MIN);
        same(&chrono::NaiveDate::from_ymd_opt(2023, 5, 15));
        same(&rust_decimal::Decimal::new(-12345, 3));
    }
}
