//! Conversion between JavaScript values and the core's values.
//!
//! Inputs: [`Js`] implements the core's [`Source`] over JavaScript values, so that the typed API reads
//! and validates a rule input with the core's own reader (`Engine::read`) — the same messages, the same
//! JSON paths and the same limits as `evaluate` — with no JSON text in between. What the binding adds
//! is only what a JavaScript value is: a number is exact when it is a safe integer, and is otherwise a
//! binary floating-point value (`is_float`), which the core refuses for money and counts; a property
//! whose value is `undefined` is left out, as `JSON.stringify` leaves it out.
//!
//! Results: a rule's result is `serde::Serialize`; [`to_js`] writes it as plain JavaScript objects
//! (money and dates as the strings the wire contract writes).
//!
//! Node-API is called directly here (a handful of calls per value: the typed functions are meant to
//! answer in a microsecond or two); every call's status is checked, and a JavaScript exception raised
//! while reading (a throwing getter or proxy trap) is remembered and handed back to the caller
//! unchanged ([`Reader::finish`]).
#![allow(
    unsafe_code,
    reason = "Node-API is a C API; each call below is made with values it handed us, on its thread"
)]

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::ptr;

use napi::bindgen_prelude::*;
use napi::sys;
use serde::Serialize;
use shftu_rules::read::{Kind, Source};

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Keys of one object read at most (far above any input's fields or the `items` limit): a hostile
/// object with millions of keys is not copied whole; the reader sees this many and refuses it.
const MAX_KEYS: u32 = 1 << 20;

/// What reading one input shares: the environment, and the first failure of Node-API (a pending
/// JavaScript exception) met while reading.
pub struct Reader {
    env: sys::napi_env,
    failed: Cell<Option<sys::napi_status>>,
}

impl Reader {
    /// A reader in `env`.
    pub fn new(env: &Env) -> Reader {
        Reader {
            env: env.raw(),
            failed: Cell::new(None),
        }
    }

    /// The source of `value`. An omitted value (`undefined` or `null`) is an empty object when
    /// `omitted_is_empty`, for the rules whose fields are all optional.
    pub fn source(&self, value: sys::napi_value, omitted_is_empty: bool) -> Js<'_> {
        let js = Js::new(self, value);
        if omitted_is_empty && js.kind == Kind::Null {
            return Js {
                kind: Kind::Object,
                keys: OnceCell::from(Vec::new()),
                ..js
            };
        }
        js
    }

    /// `Err` when Node-API failed while reading (a getter or proxy trap threw): the caller's exception,
    /// still pending, goes back to JavaScript in place of whatever the reader concluded.
    pub fn finish(&self) -> napi::Result<()> {
        match self.failed.get() {
            None => Ok(()),
            Some(status) => Err(napi::Error::new(Status::from(status), "reading the input failed")),
        }
    }

    /// Checks a Node-API status: `true` when it is ok; otherwise remembers the first failure.
    fn ok(&self, status: sys::napi_status) -> bool {
        if status == sys::Status::napi_ok {
            return true;
        }
        if self.failed.get().is_none() {
            self.failed.set(Some(status));
        }
        false
    }

    fn type_of(&self, v: sys::napi_value) -> Option<sys::napi_valuetype> {
        let mut t = 0;
        self.ok(unsafe { sys::napi_typeof(self.env, v, &mut t) }).then_some(t)
    }

    fn is_array(&self, v: sys::napi_value) -> bool {
        let mut b = false;
        self.ok(unsafe { sys::napi_is_array(self.env, v, &mut b) }) && b
    }

    /// A string value as UTF-8 (a lone surrogate becomes U+FFFD, as Node-API writes it).
    fn string(&self, v: sys::napi_value) -> Option<String> {
        // Most strings of an input are short: one copy through a buffer on the stack.
        let mut buf = [0u8; 128];
        let mut len = 0usize;
        if !self.ok(unsafe { sys::napi_get_value_string_utf8(self.env, v, buf.as_mut_ptr().cast(), buf.len(), &mut len) }) {
            return None;
        }
        // Node-API stops before a character that does not fit: a copy well short of the buffer is whole.
        if len + 4 < buf.len() {
            return buf.get(..len).map(|b| String::from_utf8_lossy(b).into_owned());
        }
        if !self.ok(unsafe { sys::napi_get_value_string_utf8(self.env, v, ptr::null_mut(), 0, &mut len) }) {
            return None;
        }
        let mut bytes = vec![0u8; len + 1];
        let mut written = 0usize;
        if !self.ok(unsafe { sys::napi_get_value_string_utf8(self.env, v, bytes.as_mut_ptr().cast(), bytes.len(), &mut written) }) {
            return None;
        }
        bytes.truncate(written);
        Some(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }
}

/// A JavaScript value as a [`Source`] of the core's reader.
pub struct Js<'r> {
    r: &'r Reader,
    v: sys::napi_value,
    kind: Kind,
    /// An object's own enumerable string keys whose values are not `undefined`, with their values:
    /// read once, when the reader first asks for the keys.
    keys: OnceCell<Vec<(String, sys::napi_value)>>,
}

impl<'r> Js<'r> {
    fn new(r: &'r Reader, v: sys::napi_value) -> Js<'r> {
        let kind = match r.type_of(v) {
            Some(sys::ValueType::napi_undefined | sys::ValueType::napi_null) => Kind::Null,
            Some(sys::ValueType::napi_boolean) => Kind::Bool,
            Some(sys::ValueType::napi_number) => Kind::Number,
            Some(sys::ValueType::napi_string) => Kind::String,
            Some(sys::ValueType::napi_object) if r.is_array(v) => Kind::Array,
            Some(sys::ValueType::napi_object) => Kind::Object,
            _ => Kind::Other,
        };
        Js {
            r,
            v,
            kind,
            keys: OnceCell::new(),
        }
    }

    fn number(&self) -> Option<f64> {
        if self.kind != Kind::Number {
            return None;
        }
        let mut d = 0f64;
        self.r
            .ok(unsafe { sys::napi_get_value_double(self.r.env, self.v, &mut d) })
            .then_some(d)
    }

    fn entries(&self) -> &[(String, sys::napi_value)] {
        self.keys.get_or_init(|| self.read_entries().unwrap_or_default())
    }

    fn read_entries(&self) -> Option<Vec<(String, sys::napi_value)>> {
        let (r, env) = (self.r, self.r.env);
        if self.kind != Kind::Object {
            return None;
        }
        // A typed array's elements are keys too, possibly billions of them: it is no object of fields.
        let mut typed = false;
        if !r.ok(unsafe { sys::napi_is_typedarray(env, self.v, &mut typed) }) || typed {
            return None;
        }
        let mut names = ptr::null_mut();
        let filter = sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols;
        if !r.ok(unsafe {
            sys::napi_get_all_property_names(
                env,
                self.v,
                sys::KeyCollectionMode::own_only,
                filter,
                sys::KeyConversion::numbers_to_strings,
                &mut names,
            )
        }) {
            return None;
        }
        let mut n = 0u32;
        if !r.ok(unsafe { sys::napi_get_array_length(env, names, &mut n) }) {
            return None;
        }
        let n = n.min(MAX_KEYS);
        let mut out = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
        for i in 0..n {
            let mut key = ptr::null_mut();
            let mut value = ptr::null_mut();
            // The property is read by the key itself, not by its UTF-8 text, so that a key holding a NUL
            // or a lone surrogate is read (and refused as an unknown field) like any other.
            if !r.ok(unsafe { sys::napi_get_element(env, names, i, &mut key) })
                || !r.ok(unsafe { sys::napi_get_property(env, self.v, key, &mut value) })
            {
                return None;
            }
            if r.type_of(value)? == sys::ValueType::napi_undefined {
                continue; // left out, as JSON.stringify leaves it out
            }
            out.push((r.string(key)?, value));
        }
        Some(out)
    }
}

impl Source for Js<'_> {
    fn kind(&self) -> Kind {
        self.kind
    }

    fn as_bool(&self) -> Option<bool> {
        if self.kind != Kind::Bool {
            return None;
        }
        let mut b = false;
        self.r
            .ok(unsafe { sys::napi_get_value_bool(self.r.env, self.v, &mut b) })
            .then_some(b)
    }

    fn number_text(&self) -> Option<Cow<'_, str>> {
        let d = self.number()?;
        if is_safe_integer(d) {
            // In range and whole: the conversion is exact.
            #[allow(clippy::cast_possible_truncation, reason = "a safe integer fits an i64 exactly")]
            let i = d as i64;
            return Some(Cow::Owned(i.to_string()));
        }
        // Not exact: the number as JavaScript writes it (`80.5`, `1e+30`, `NaN`), for the message.
        let mut s = ptr::null_mut();
        if !self.r.ok(unsafe { sys::napi_coerce_to_string(self.r.env, self.v, &mut s) }) {
            return None;
        }
        self.r.string(s).map(Cow::Owned)
    }

    fn is_float(&self) -> bool {
        self.number().is_some_and(|d| !is_safe_integer(d))
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        if self.kind != Kind::String {
            return None;
        }
        self.r.string(self.v).map(Cow::Owned)
    }

    fn array_len(&self) -> Option<usize> {
        if self.kind != Kind::Array {
            return None;
        }
        let mut n = 0u32;
        self.r
            .ok(unsafe { sys::napi_get_array_length(self.r.env, self.v, &mut n) })
            .then(|| usize::try_from(n).ok())
            .flatten()
    }

    fn at(&self, i: usize) -> Option<Self> {
        let i = u32::try_from(i).ok()?;
        let mut v = ptr::null_mut();
        self.r
            .ok(unsafe { sys::napi_get_element(self.r.env, self.v, i, &mut v) })
            .then(|| Js::new(self.r, v))
    }

    fn keys(&self) -> Vec<Cow<'_, str>> {
        self.entries().iter().map(|(k, _)| Cow::Borrowed(k.as_str())).collect()
    }

    fn get(&self, key: &str) -> Option<Self> {
        self.entries().iter().find(|(k, _)| k == key).map(|(_, v)| Js::new(self.r, *v))
    }
}

/// Is `d` an integer a JavaScript number holds exactly?
pub fn is_safe_integer(d: f64) -> bool {
    d.is_finite() && d.fract() == 0.0 && d.abs() <= MAX_SAFE_INTEGER
}

/// A result as plain JavaScript values: objects, arrays, strings (money, dates, codes), numbers,
/// booleans and null.
pub fn to_js<'e, T: Serialize + ?Sized>(env: &'e Env, value: &T) -> napi::Result<Unknown<'e>> {
    env.to_js_value(&value)
}

/// The UTF-8 length of a JavaScript string, without copying it.
pub fn utf8_len(env: &Env, s: sys::napi_value) -> napi::Result<usize> {
    let mut len = 0usize;
    let status = unsafe { sys::napi_get_value_string_utf8(env.raw(), s, ptr::null_mut(), 0, &mut len) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(Status::from(status), "expected a string"));
    }
    Ok(len)
}

/// A JavaScript string as UTF-8 of the length [`utf8_len`] gave.
pub fn utf8(env: &Env, s: sys::napi_value, len: usize) -> napi::Result<String> {
    let mut bytes = vec![0u8; len + 1];
    let mut written = 0usize;
    let status = unsafe { sys::napi_get_value_string_utf8(env.raw(), s, bytes.as_mut_ptr().cast(), bytes.len(), &mut written) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(Status::from(status), "expected a string"));
    }
    bytes.truncate(written);
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}
