//! The compact bytes that cross between Java and Rust: a tree of tagged values, little-endian.
//!
//! | tag | value | written by |
//! | --- | --- | --- |
//! | `0` | null | both |
//! | `1`, `2` | false, true | both |
//! | `3` | a whole number: `i64` | both |
//! | `4` | text: `u32` byte length, UTF-8 | both |
//! | `5` | array: `u32` count, the values | both |
//! | `6` | object: `u32` count, then per member its key (text, tag `4`; or tag `10`: a Java `null`) and its value | both |
//! | `7` | a date: `i32` year, `u8` month, `u8` day (a `java.time.LocalDate`) | Java |
//! | `8` | an exact decimal: `u32` length, its text (a `java.math.BigDecimal`) | Java |
//! | `9` | an array of `u32` count whose elements were not sent: the count is past its limit | Java |
//! | `10` | the key of an object member that is a Java `null` (no bytes follow the tag) | Java |
//! | `11` | a number's decimal text: `u32` length, ASCII (serde_json's arbitrary-precision numbers) | Rust |
//!
//! Java writes a rule's input with the generated encoder (`Codec.java`); [`Tree`] reads it and is a
//! [`Source`] the core's own reader reads the rule input from, exactly as it reads JSON (same checks,
//! messages and paths). Rust writes a rule's result with [`to_bytes`], a serde serializer, and the
//! generated decoder reads it into the Java classes. `bindings/jvm/java/src/main/java/org/shftu/rules/Wire.java`
//! holds the same table.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::ser::{self, Serialize};
use shftu_rules::msg::m;
use shftu_rules::read::{Kind, Path, Source};
use shftu_rules::Error;

/// null
pub const NULL: u8 = 0;
/// false
pub const FALSE: u8 = 1;
/// true
pub const TRUE: u8 = 2;
/// i64
pub const INT: u8 = 3;
/// UTF-8 text
pub const STR: u8 = 4;
/// array
pub const ARR: u8 = 5;
/// object
pub const OBJ: u8 = 6;
/// a date (Java's LocalDate)
pub const DATE: u8 = 7;
/// an exact decimal's text (Java's BigDecimal)
pub const DEC: u8 = 8;
/// an array whose elements were not sent (its count is past its limit)
pub const ELIDED: u8 = 9;
/// an object member whose key is null
pub const NULL_KEY: u8 = 10;
/// a number's decimal text
pub const NUM: u8 = 11;

/// How deep Java's values may nest (the deepest rule input nests four levels).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy)]
struct Node {
    tag: u8,
    /// The member's key in the buffer (offset, length), for a value inside an object.
    key: (u32, u32),
    /// STR/DEC: offset; ARR/OBJ: first child in `kids`; INT: low 32 bits; DATE: the year's bits.
    a: u32,
    /// STR/DEC: length; ARR/OBJ/ELIDED: count; INT: high 32 bits; DATE: month << 8 | day.
    b: u32,
}

/// Why bytes could not be read as a tree.
#[derive(Debug)]
pub enum TreeError {
    /// The bytes are not a tree (a bug of the Java side, or a hand-made call of the internal API).
    Malformed(&'static str),
    /// An input error the Java side left to be reported here (a null key of a map).
    Input(Box<Error>),
}

/// A tree read from Java's bytes: every value a node, containers pointing at their children.
#[derive(Debug)]
pub struct Tree<'b> {
    buf: &'b [u8],
    nodes: Vec<Node>,
    kids: Vec<u32>,
}

struct Cursor<'b> {
    buf: &'b [u8],
    pos: usize,
}

impl<'b> Cursor<'b> {
    fn bytes(&mut self, n: usize) -> Result<&'b [u8], TreeError> {
        let end = self.pos.checked_add(n).ok_or(TreeError::Malformed("length overflow"))?;
        let s = self.buf.get(self.pos..end).ok_or(TreeError::Malformed("truncated"))?;
        self.pos = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, TreeError> {
        let b = self.bytes(1)?;
        b.first().copied().ok_or(TreeError::Malformed("truncated"))
    }
    fn u32(&mut self) -> Result<u32, TreeError> {
        let b = self.bytes(4)?;
        let arr: [u8; 4] = b.try_into().map_err(|_| TreeError::Malformed("truncated"))?;
        Ok(u32::from_le_bytes(arr))
    }
    fn i64(&mut self) -> Result<i64, TreeError> {
        let b = self.bytes(8)?;
        let arr: [u8; 8] = b.try_into().map_err(|_| TreeError::Malformed("truncated"))?;
        Ok(i64::from_le_bytes(arr))
    }
    /// A length-prefixed span, as (offset, length), checked to be UTF-8 when `utf8`.
    fn span(&mut self, utf8: bool) -> Result<(u32, u32), TreeError> {
        let len = self.u32()?;
        let off = u32::try_from(self.pos).map_err(|_| TreeError::Malformed("too long"))?;
        let s = self.bytes(usize::try_from(len).map_err(|_| TreeError::Malformed("too long"))?)?;
        if utf8 && std::str::from_utf8(s).is_err() {
            return Err(TreeError::Malformed("text that is not UTF-8"));
        }
        Ok((off, len))
    }
    fn remaining(&self) -> usize {
        self.buf.len().saturating_sub(self.pos)
    }
}

fn idx(i: usize) -> Result<u32, TreeError> {
    u32::try_from(i).map_err(|_| TreeError::Malformed("too many values"))
}

impl<'b> Tree<'b> {
    /// Reads the tree in `buf`, whose root is the rule input at JSON path `root` (`input`). The whole
    /// buffer must be one value.
    pub fn parse(buf: &'b [u8], root: &'static str) -> Result<Tree<'b>, TreeError> {
        let mut t = Tree {
            buf,
            nodes: Vec::with_capacity(16),
            kids: Vec::with_capacity(16),
        };
        let mut c = Cursor { buf, pos: 0 };
        t.value(&mut c, (0, 0), 0, &Path::Root(root))?;
        if c.remaining() != 0 {
            return Err(TreeError::Malformed("bytes after the value"));
        }
        Ok(t)
    }

    /// The root value.
    pub fn root(&self) -> At<'_, 'b> {
        At { t: self, i: 0 }
    }

    fn value(&mut self, c: &mut Cursor<'b>, key: (u32, u32), depth: usize, path: &Path<'_>) -> Result<u32, TreeError> {
        if depth > MAX_DEPTH {
            return Err(TreeError::Malformed("nested too deeply"));
        }
        let at = self.nodes.len();
        let tag = c.u8()?;
        let mut node = Node { tag, key, a: 0, b: 0 };
        match tag {
            NULL | FALSE | TRUE => {}
            INT => {
                let v = c.i64()?.to_le_bytes();
                let (lo, hi) = v.split_at(4);
                node.a = u32::from_le_bytes(lo.try_into().map_err(|_| TreeError::Malformed("int"))?);
                node.b = u32::from_le_bytes(hi.try_into().map_err(|_| TreeError::Malformed("int"))?);
            }
            STR => (node.a, node.b) = c.span(true)?,
            DEC | NUM => (node.a, node.b) = c.span(true)?,
            DATE => {
                let y = c.bytes(4)?;
                node.a = u32::from_le_bytes(y.try_into().map_err(|_| TreeError::Malformed("date"))?);
                let m = c.u8()?;
                let d = c.u8()?;
                node.b = (u32::from(m) << 8) | u32::from(d);
            }
            ELIDED => node.b = c.u32()?,
            ARR | OBJ => {
                let n = c.u32()?;
                let count = usize::try_from(n).map_err(|_| TreeError::Malformed("count"))?;
                // Every element takes a byte at least: a count past the bytes left is not a tree (and
                // is not allowed to reserve memory for it).
                if count > c.remaining() {
                    return Err(TreeError::Malformed("a count past the bytes sent"));
                }
                node.b = n;
                node.a = idx(self.kids.len())?;
                self.nodes.push(node);
                let start = self.kids.len();
                self.kids.resize(start.saturating_add(count), 0);
                for j in 0..count {
                    let child = if tag == ARR {
                        self.value(c, (0, 0), depth + 1, &path.index(j))?
                    } else {
                        let k = c.u8()?;
                        match k {
                            STR => {
                                let span = c.span(true)?;
                                let name = self.str_at(span);
                                self.value(c, span, depth + 1, &path.key(name))?
                            }
                            NULL_KEY => {
                                let msg =
                                    m::read::wrong_type(format!("{path} (a key)"), shftu_rules::read::Expected::Text.msg(), Kind::Null);
                                return Err(TreeError::Input(Box::new(Error::invalid(path.to_string(), msg))));
                            }
                            _ => return Err(TreeError::Malformed("a key that is not text")),
                        }
                    };
                    if let Some(slot) = self.kids.get_mut(start.saturating_add(j)) {
                        *slot = child;
                    }
                }
                return idx(at);
            }
            _ => return Err(TreeError::Malformed("an unknown tag")),
        }
        self.nodes.push(node);
        idx(at)
    }

    fn str_at(&self, (off, len): (u32, u32)) -> &'b str {
        let (off, len) = (off as usize, len as usize);
        self.buf
            .get(off..off.saturating_add(len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn bytes_at(&self, (off, len): (u32, u32)) -> &'b [u8] {
        let (off, len) = (off as usize, len as usize);
        self.buf.get(off..off.saturating_add(len)).unwrap_or_default()
    }

    fn node(&self, i: u32) -> Option<&Node> {
        self.nodes.get(i as usize)
    }

    fn kid(&self, n: &Node, j: usize) -> Option<u32> {
        if j >= n.b as usize {
            return None;
        }
        self.kids.get((n.a as usize).saturating_add(j)).copied()
    }
}

/// A value of a [`Tree`]: what the core's reader reads.
#[derive(Debug, Clone, Copy)]
pub struct At<'t, 'b> {
    t: &'t Tree<'b>,
    i: u32,
}

impl At<'_, '_> {
    fn n(&self) -> Node {
        self.t.node(self.i).copied().unwrap_or(Node {
            tag: NULL,
            key: (0, 0),
            a: 0,
            b: 0,
        })
    }
    fn int(n: &Node) -> i64 {
        let mut b = [0u8; 8];
        let (lo, hi) = b.split_at_mut(4);
        lo.copy_from_slice(&n.a.to_le_bytes());
        hi.copy_from_slice(&n.b.to_le_bytes());
        i64::from_le_bytes(b)
    }
    fn date(n: &Node) -> Option<NaiveDate> {
        let year = i32::from_le_bytes(n.a.to_le_bytes());
        NaiveDate::from_ymd_opt(year, n.b >> 8, n.b & 0xff)
    }
}

impl Source for At<'_, '_> {
    fn kind(&self) -> Kind {
        match self.n().tag {
            NULL => Kind::Null,
            FALSE | TRUE => Kind::Bool,
            INT | NUM => Kind::Number,
            STR => Kind::String,
            ARR | ELIDED => Kind::Array,
            OBJ => Kind::Object,
            DATE => Kind::Date,
            DEC => Kind::Decimal,
            _ => Kind::Other,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self.n().tag {
            FALSE => Some(false),
            TRUE => Some(true),
            _ => None,
        }
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        let n = self.n();
        match n.tag {
            INT => Some(Cow::Owned(Self::int(&n).to_string())),
            NUM => Some(Cow::Borrowed(self.t.str_at((n.a, n.b)))),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        let n = self.n();
        match n.tag {
            STR => Some(Cow::Borrowed(self.t.str_at((n.a, n.b)))),
            // A date out of the calendar's range is read as its text, which the date reader refuses
            // with the same message as on the wire.
            DATE => Some(Cow::Owned(format!(
                "{:04}-{:02}-{:02}",
                i32::from_le_bytes(n.a.to_le_bytes()),
                n.b >> 8,
                n.b & 0xff
            ))),
            _ => None,
        }
    }
    fn native_date(&self) -> Option<NaiveDate> {
        let n = self.n();
        if n.tag == DATE {
            Self::date(&n)
        } else {
            None
        }
    }
    fn native_decimal(&self) -> Option<String> {
        let n = self.n();
        if n.tag == DEC {
            Some(self.t.str_at((n.a, n.b)).to_owned())
        } else {
            None
        }
    }
    fn array_len(&self) -> Option<usize> {
        let n = self.n();
        match n.tag {
            ARR | ELIDED => Some(n.b as usize),
            _ => None,
        }
    }
    fn at(&self, i: usize) -> Option<Self> {
        let n = self.n();
        if n.tag != ARR {
            return None;
        }
        self.t.kid(&n, i).map(|k| At { t: self.t, i: k })
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        let n = self.n();
        if n.tag != OBJ {
            return Vec::new();
        }
        (0..n.b as usize)
            .filter_map(|j| self.t.kid(&n, j))
            .filter_map(|k| self.t.node(k))
            .map(|c| Cow::Borrowed(self.t.str_at(c.key)))
            .collect()
    }
    fn get(&self, key: &str) -> Option<Self> {
        let n = self.n();
        if n.tag != OBJ {
            return None;
        }
        // The last member of a name counts, as in JSON. Keys are compared as bytes (checked UTF-8 once, when read).
        let want = key.as_bytes();
        (0..n.b as usize)
            .rev()
            .filter_map(|j| self.t.kid(&n, j))
            .find(|&k| self.t.node(k).is_some_and(|c| self.t.bytes_at(c.key) == want))
            .map(|k| At { t: self.t, i: k })
    }
}

// -------------------------------------------------------------------------------------------------
// Writing: a serde serializer of results (and a few hand-written envelopes) into the same format.

/// Appends tree values to a buffer.
#[derive(Debug, Default)]
pub struct Out {
    /// The bytes.
    pub buf: Vec<u8>,
}

impl Out {
    /// An empty buffer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Out {
        Out {
            buf: Vec::with_capacity(n),
        }
    }
    /// A tag.
    pub fn tag(&mut self, t: u8) {
        self.buf.push(t);
    }
    /// A `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn len32(&mut self, n: usize) -> Result<(), WriteError> {
        self.u32(u32::try_from(n).map_err(|_| WriteError("a value too long to send".into()))?);
        Ok(())
    }
    /// Text, tagged.
    pub fn str(&mut self, s: &str) -> Result<(), WriteError> {
        self.tag(STR);
        self.raw_str(s)
    }
    /// An object member's key (text).
    pub fn key(&mut self, s: &str) -> Result<(), WriteError> {
        self.str(s)
    }
    /// Text, untagged.
    fn raw_str(&mut self, s: &str) -> Result<(), WriteError> {
        self.len32(s.len())?;
        self.buf.extend_from_slice(s.as_bytes());
        Ok(())
    }
    /// Text or null.
    pub fn opt_str(&mut self, s: Option<&str>) -> Result<(), WriteError> {
        match s {
            Some(s) => self.str(s),
            None => {
                self.tag(NULL);
                Ok(())
            }
        }
    }
    /// An `i64`, tagged.
    pub fn int(&mut self, v: i64) {
        self.tag(INT);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Starts a container of a count to be patched; returns where the count is.
    pub fn open(&mut self, tag: u8) -> usize {
        self.tag(tag);
        let at = self.buf.len();
        self.u32(0);
        at
    }
    /// Patches the count of the container opened at `at`.
    pub fn close(&mut self, at: usize, count: usize) -> Result<(), WriteError> {
        let n = u32::try_from(count).map_err(|_| WriteError("too many values to send".into()))?;
        if let Some(slot) = self.buf.get_mut(at..at.saturating_add(4)) {
            slot.copy_from_slice(&n.to_le_bytes());
        }
        Ok(())
    }
}

/// A value serde could not write as a tree.
#[derive(Debug)]
pub struct WriteError(pub String);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for WriteError {}
impl ser::Error for WriteError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        WriteError(msg.to_string())
    }
}

/// Writes `v` as a tree value.
pub fn write<T: Serialize + ?Sized>(out: &mut Out, v: &T) -> Result<(), WriteError> {
    v.serialize(&mut *out)
}

/// The name serde_json gives the struct an arbitrary-precision number serializes as.
const SERDE_JSON_NUMBER: &str = "$serde_json::private::Number";

/// A container being written: where its count goes and how many values it has so far.
pub struct Compound<'o> {
    out: &'o mut Out,
    at: usize,
    n: usize,
    /// serde_json's arbitrary-precision number (a struct of one field holding its text).
    number: bool,
}

impl Compound<'_> {
    fn finish(self) -> Result<(), WriteError> {
        self.out.close(self.at, self.n)
    }
}

impl<'o> ser::Serializer for &'o mut Out {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = Compound<'o>;
    type SerializeTuple = Compound<'o>;
    type SerializeTupleStruct = Compound<'o>;
    type SerializeTupleVariant = Compound<'o>;
    type SerializeMap = Compound<'o>;
    type SerializeStruct = Compound<'o>;
    type SerializeStructVariant = Compound<'o>;

    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
        self.int(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), WriteError> {
        match i64::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.number(&v.to_string())?,
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
        self.int(i64::from(v));
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
        match i64::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.number(&v.to_string())?,
        }
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), WriteError> {
        match i64::try_from(v) {
            Ok(i) => self.int(i),
            Err(_) => self.number(&v.to_string())?,
        }
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), WriteError> {
        self.number(&v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<(), WriteError> {
        self.number(&v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.str(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.str(v)
    }
    /// Dates, money and codes written with `Display`: formatted straight into the buffer.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, v: &T) -> Result<(), WriteError> {
        use std::io::Write as _;
        let at = self.open(STR);
        let start = self.buf.len();
        write!(self.buf, "{v}").map_err(|e| WriteError(e.to_string()))?;
        let len = self.buf.len().saturating_sub(start);
        self.close(at, len)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), WriteError> {
        let at = self.open(ARR);
        for b in v {
            self.int(i64::from(*b));
        }
        self.close(at, v.len())
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        self.tag(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), WriteError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        self.tag(NULL);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        self.tag(NULL);
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), WriteError> {
        self.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), WriteError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), WriteError> {
        let at = self.open(OBJ);
        self.key(variant)?;
        v.serialize(&mut *self)?;
        self.close(at, 1)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'o>, WriteError> {
        let at = self.open(ARR);
        Ok(Compound {
            out: self,
            at,
            n: 0,
            number: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'o>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'o>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, len: usize) -> Result<Compound<'o>, WriteError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'o>, WriteError> {
        let at = self.open(OBJ);
        Ok(Compound {
            out: self,
            at,
            n: 0,
            number: false,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'o>, WriteError> {
        if name == SERDE_JSON_NUMBER {
            return Ok(Compound {
                out: self,
                at: 0,
                n: 0,
                number: true,
            });
        }
        self.serialize_map(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Compound<'o>, WriteError> {
        self.serialize_map(None)
    }
}

impl Out {
    fn number(&mut self, text: &str) -> Result<(), WriteError> {
        self.tag(NUM);
        self.raw_str(text)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), WriteError> {
        self.n += 1;
        v.serialize(&mut *self.out)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}
impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}
impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}
impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), WriteError> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}

/// A map key: text only (JSON's keys).
struct KeyOut<'o>(&'o mut Out);

impl ser::Serializer for KeyOut<'_> {
    type Ok = ();
    type Error = WriteError;
    type SerializeSeq = ser::Impossible<(), WriteError>;
    type SerializeTuple = ser::Impossible<(), WriteError>;
    type SerializeTupleStruct = ser::Impossible<(), WriteError>;
    type SerializeTupleVariant = ser::Impossible<(), WriteError>;
    type SerializeMap = ser::Impossible<(), WriteError>;
    type SerializeStruct = ser::Impossible<(), WriteError>;
    type SerializeStructVariant = ser::Impossible<(), WriteError>;
    fn serialize_str(self, v: &str) -> Result<(), WriteError> {
        self.0.key(v)
    }
    fn serialize_bool(self, v: bool) -> Result<(), WriteError> {
        self.0.key(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Result<(), WriteError> {
        self.0.key(&v.to_string())
    }
    fn serialize_f32(self, _: f32) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_f64(self, _: f64) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_char(self, v: char) -> Result<(), WriteError> {
        self.0.key(v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_none(self) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), WriteError> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), WriteError> {
        self.0.key(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), WriteError> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> Result<(), WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, WriteError> {
        Err(WriteError("a map key that is not text".into()))
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), WriteError> {
        self.n += 1;
        k.serialize(KeyOut(&mut *self.out))
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), WriteError> {
        v.serialize(&mut *self.out)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}
impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), WriteError> {
        if self.number {
            // The number's text, written as a string by serde_json's Number.
            let mut text = Out::default();
            v.serialize(&mut text)?;
            let s = text
                .buf
                .get(5..)
                .and_then(|b| std::str::from_utf8(b).ok())
                .ok_or_else(|| WriteError("a number without its text".into()))?;
            return self.out.number(s);
        }
        self.n += 1;
        self.out.key(key)?;
        v.serialize(&mut *self.out)
    }
    fn end(self) -> Result<(), WriteError> {
        if self.number {
            return Ok(());
        }
        self.finish()
    }
}
impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = WriteError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), WriteError> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> Result<(), WriteError> {
        self.finish()
    }
}
