//! A borrowed JSON tree: a request parsed into a few flat arrays of nodes that borrow their strings and
//! numbers from the request's text (a string is copied only when it holds an escape), read through the same
//! [`Source`] trait as a `serde_json::Value`.
//!
//! It reads a strict subset of what `serde_json` reads: anything it does not read plainly (a syntax error,
//! a lone surrogate, a number that is not a plain whole number and that `serde_json` refuses, nesting deeper
//! than [`MAX_DEPTH`]) makes [`Doc::parse`] answer `None`, and the engine then takes the `serde_json::Value`
//! path, so that every error is worded as before. What it reads, it reads as `serde_json` does: a number's
//! text as `serde_json::Number` writes it, the last of two equal keys of an object, the keys in sorted order.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::read::{Kind, Source};

/// The deepest nesting read here (`serde_json` allows 128; deeper requests take its path).
pub const MAX_DEPTH: usize = 100;

/// A string or a number's text: a slice of the request, or one of the document's own strings.
#[derive(Debug, Clone, Copy)]
enum Text<'a> {
    Raw(&'a str),
    Owned(u32),
}

/// One value.
#[derive(Debug, Clone, Copy)]
enum Node<'a> {
    Null,
    Bool(bool),
    Num(Text<'a>),
    Str(Text<'a>),
    /// The elements: `len` nodes of `items` from `start`.
    Arr(u32, u32),
    /// The members: `len` pairs of `members` from `start`.
    Obj(u32, u32),
}

/// A parsed request.
#[derive(Debug)]
pub struct Doc<'a> {
    items: Vec<Node<'a>>,
    members: Vec<(Text<'a>, Node<'a>)>,
    owned: Vec<String>,
    root: Node<'a>,
}

/// A value of a [`Doc`], read through [`Source`].
#[derive(Debug, Clone, Copy)]
pub struct Json<'d, 'a> {
    doc: &'d Doc<'a>,
    node: Node<'a>,
}

impl<'a> Doc<'a> {
    /// Parses `text` (one JSON value, whitespace around it); `None` when it is not read plainly here.
    pub fn parse(text: &'a str) -> Option<Doc<'a>> {
        // Room for a small request's values at once (a member takes ten bytes or more of text).
        let members = (text.len() / 10).clamp(8, 1024);
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            doc: Doc {
                items: Vec::new(),
                members: Vec::with_capacity(members),
                owned: Vec::new(),
                root: Node::Null,
            },
            item_stack: Vec::new(),
            member_stack: Vec::with_capacity(members),
        };
        p.ws();
        let root = p.value(0)?;
        p.ws();
        if p.pos != p.bytes.len() {
            return None;
        }
        p.doc.root = root;
        Some(p.doc)
    }

    /// The top value.
    pub fn root(&self) -> Json<'_, 'a> {
        Json {
            doc: self,
            node: self.root,
        }
    }

    fn text(&self, t: Text<'a>) -> &str {
        match t {
            Text::Raw(s) => s,
            Text::Owned(i) => self.owned.get(usize::try_from(i).unwrap_or(usize::MAX)).map_or("", String::as_str),
        }
    }

    fn range<T>(v: &[T], start: u32, len: u32) -> &[T] {
        let s = usize::try_from(start).unwrap_or(usize::MAX);
        let n = usize::try_from(len).unwrap_or(0);
        v.get(s..s.saturating_add(n)).unwrap_or(&[])
    }
}

impl<'d, 'a> Json<'d, 'a> {
    fn members(&self) -> &'d [(Text<'a>, Node<'a>)] {
        match self.node {
            Node::Obj(s, n) => Doc::range(&self.doc.members, s, n),
            _ => &[],
        }
    }

    /// The string, borrowed from the document.
    pub fn str(&self) -> Option<&'d str> {
        match self.node {
            Node::Str(t) => Some(self.doc.text(t)),
            _ => None,
        }
    }

    /// Is it `null`?
    pub fn is_null(&self) -> bool {
        matches!(self.node, Node::Null)
    }

    /// The object's keys in the order written (with any repeated).
    pub fn raw_keys(&self) -> impl Iterator<Item = &'d str> + '_ {
        let doc = self.doc;
        self.members().iter().map(move |(k, _)| doc.text(*k))
    }
}

impl Source for Json<'_, '_> {
    fn kind(&self) -> Kind {
        match self.node {
            Node::Null => Kind::Null,
            Node::Bool(_) => Kind::Bool,
            Node::Num(_) => Kind::Number,
            Node::Str(_) => Kind::String,
            Node::Arr(..) => Kind::Array,
            Node::Obj(..) => Kind::Object,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self.node {
            Node::Bool(b) => Some(b),
            _ => None,
        }
    }
    fn number_text(&self) -> Option<Cow<'_, str>> {
        match self.node {
            Node::Num(t) => Some(Cow::Borrowed(self.doc.text(t))),
            _ => None,
        }
    }
    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.str().map(Cow::Borrowed)
    }
    fn array_len(&self) -> Option<usize> {
        match self.node {
            Node::Arr(_, n) => usize::try_from(n).ok(),
            _ => None,
        }
    }
    fn at(&self, i: usize) -> Option<Self> {
        match self.node {
            Node::Arr(s, n) => Doc::range(&self.doc.items, s, n).get(i).map(|node| Json {
                doc: self.doc,
                node: *node,
            }),
            _ => None,
        }
    }
    fn keys(&self) -> Vec<Cow<'_, str>> {
        // As a `serde_json::Map` holds them: sorted, each once.
        let mut keys: Vec<Cow<'_, str>> = self.raw_keys().map(Cow::Borrowed).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
    fn first_unknown_key(&self, fields: &[&str]) -> Option<String> {
        self.raw_keys().filter(|k| !fields.contains(k)).min().map(ToString::to_string)
    }
    fn get(&self, key: &str) -> Option<Self> {
        // The last of equal keys, as `serde_json` keeps it.
        self.members()
            .iter()
            .rev()
            .find(|(k, _)| self.doc.text(*k) == key)
            .map(|(_, node)| Json {
                doc: self.doc,
                node: *node,
            })
    }
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    doc: Doc<'a>,
    item_stack: Vec<Node<'a>>,
    member_stack: Vec<(Text<'a>, Node<'a>)>,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.pos = self.pos.saturating_add(1);
        }
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        let end = self.pos.checked_add(lit.len())?;
        (self.bytes.get(self.pos..end)? == lit).then(|| self.pos = end)
    }

    fn value(&mut self, depth: usize) -> Option<Node<'a>> {
        match self.peek()? {
            b'{' => self.object(depth.checked_add(1).filter(|d| *d <= MAX_DEPTH)?),
            b'[' => self.array(depth.checked_add(1).filter(|d| *d <= MAX_DEPTH)?),
            b'"' => self.string().map(Node::Str),
            b't' => self.eat(b"true").map(|()| Node::Bool(true)),
            b'f' => self.eat(b"false").map(|()| Node::Bool(false)),
            b'n' => self.eat(b"null").map(|()| Node::Null),
            b'-' | b'0'..=b'9' => self.number().map(Node::Num),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Node<'a>> {
        self.pos = self.pos.saturating_add(1);
        let mark = self.item_stack.len();
        self.ws();
        if self.peek() == Some(b']') {
            self.pos = self.pos.saturating_add(1);
        } else {
            loop {
                let v = self.value(depth)?;
                self.item_stack.push(v);
                if self.closed(b']')? {
                    break;
                }
            }
        }
        let start = u32::try_from(self.doc.items.len()).ok()?;
        let len = u32::try_from(self.item_stack.len().checked_sub(mark)?).ok()?;
        self.doc.items.extend(self.item_stack.drain(mark..));
        Some(Node::Arr(start, len))
    }

    fn object(&mut self, depth: usize) -> Option<Node<'a>> {
        self.pos = self.pos.saturating_add(1);
        let mark = self.member_stack.len();
        self.ws();
        if self.peek() == Some(b'}') {
            self.pos = self.pos.saturating_add(1);
        } else {
            loop {
                if self.peek()? != b'"' {
                    return None;
                }
                let k = self.string()?;
                self.ws();
                self.eat(b":")?;
                self.ws();
                let v = self.value(depth)?;
                self.member_stack.push((k, v));
                if self.closed(b'}')? {
                    break;
                }
            }
        }
        let start = u32::try_from(self.doc.members.len()).ok()?;
        let len = u32::try_from(self.member_stack.len().checked_sub(mark)?).ok()?;
        self.doc.members.extend(self.member_stack.drain(mark..));
        Some(Node::Obj(start, len))
    }

    /// After an element: `,` (more follow: `false`) or `close` (the end: `true`), spaces around; else `None`.
    fn closed(&mut self, close: u8) -> Option<bool> {
        self.ws();
        let b = self.peek()?;
        self.pos = self.pos.saturating_add(1);
        if b == close {
            return Some(true);
        }
        (b == b',').then(|| self.ws()).map(|()| false)
    }

    fn own(&mut self, s: String) -> Option<Text<'a>> {
        let i = u32::try_from(self.doc.owned.len()).ok()?;
        self.doc.owned.push(s);
        Some(Text::Owned(i))
    }

    /// A string at `"`: borrowed when it holds no escape.
    fn string(&mut self) -> Option<Text<'a>> {
        let start = self.pos.checked_add(1)?;
        let n = crate::text::find_special(self.bytes.get(start..)?)?;
        let end = start.checked_add(n)?;
        match self.bytes.get(end)? {
            b'"' => {
                self.pos = end.checked_add(1)?;
                self.text.get(start..end).map(Text::Raw)
            }
            b'\\' => {
                let mut s = String::from(self.text.get(start..end)?);
                self.pos = end;
                self.unescape(&mut s)?;
                self.own(s)
            }
            _ => None,
        }
    }

    /// The rest of a string with escapes, from `self.pos`, into `s`.
    fn unescape(&mut self, s: &mut String) -> Option<()> {
        loop {
            let n = crate::text::find_special(self.bytes.get(self.pos..)?)?;
            let end = self.pos.checked_add(n)?;
            s.push_str(self.text.get(self.pos..end)?);
            self.pos = end.checked_add(1)?;
            match self.bytes.get(end)? {
                b'"' => return Some(()),
                b'\\' => {
                    let e = self.peek()?;
                    self.pos = self.pos.checked_add(1)?;
                    match e {
                        b'"' => s.push('"'),
                        b'\\' => s.push('\\'),
                        b'/' => s.push('/'),
                        b'b' => s.push('\u{8}'),
                        b'f' => s.push('\u{c}'),
                        b'n' => s.push('\n'),
                        b'r' => s.push('\r'),
                        b't' => s.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let c = match hi {
                                0xD800..=0xDBFF => {
                                    self.eat(b"\\u")?;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&lo) {
                                        return None;
                                    }
                                    let cp = 0x10000u32
                                        .checked_add((hi.checked_sub(0xD800)?) << 10)?
                                        .checked_add(lo.checked_sub(0xDC00)?)?;
                                    char::from_u32(cp)?
                                }
                                _ => char::from_u32(hi)?,
                            };
                            s.push(c);
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.pos.checked_add(4)?;
        let digits = self.bytes.get(self.pos..end)?;
        let mut v: u32 = 0;
        for b in digits {
            let d = char::from(*b).to_digit(16)?;
            v = v.checked_mul(16)?.checked_add(d)?;
        }
        self.pos = end;
        Some(v)
    }

    /// A number: a plain whole number (`0`, `[1-9][0-9]*`) borrowed as written; any other kept as
    /// `serde_json::Number` reads and writes it (`None` when it refuses it).
    fn number(&mut self) -> Option<Text<'a>> {
        let start = self.pos;
        let n = self
            .bytes
            .get(start..)?
            .iter()
            .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .unwrap_or(self.bytes.len().saturating_sub(start));
        let end = start.checked_add(n)?;
        let lit = self.text.get(start..end)?;
        self.pos = end;
        let b = lit.as_bytes();
        let plain = match b.first()? {
            b'0' => b.len() == 1,
            b'1'..=b'9' => b.iter().all(u8::is_ascii_digit),
            _ => false,
        };
        if plain {
            return Some(Text::Raw(lit));
        }
        let num: serde_json::Number = serde_json::from_str(lit).ok()?;
        self.own(num.to_string())
    }
}
