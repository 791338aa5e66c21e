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
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;
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

    /// A string value as UTF-8 (a lone surrogate becomes U+FFFD, as Node-API writes it). Read as UTF-16,
    /// which V8 copies as it holds it, and made UTF-8 here.
    fn string(&self, v: sys::napi_value) -> Option<String> {
        // Most strings of an input are short: one copy through a buffer on the stack.
        let mut buf = [0u16; 64];
        let mut len = 0usize;
        if !self.ok(unsafe { sys::napi_get_value_string_utf16(self.env, v, buf.as_mut_ptr(), buf.len(), &mut len) }) {
            return None;
        }
        if len + 1 < buf.len() {
            return buf.get(..len).map(from_utf16);
        }
        if !self.ok(unsafe { sys::napi_get_value_string_utf16(self.env, v, ptr::null_mut(), 0, &mut len) }) {
            return None;
        }
        let mut units = vec![0u16; len + 1];
        let mut written = 0usize;
        if !self.ok(unsafe { sys::napi_get_value_string_utf16(self.env, v, units.as_mut_ptr(), units.len(), &mut written) }) {
            return None;
        }
        units.get(..written).map(from_utf16)
    }
}

/// UTF-16 code units as UTF-8; an unpaired surrogate becomes U+FFFD (as Node-API's UTF-8 writes it).
fn from_utf16(units: &[u16]) -> String {
    if units.iter().all(|u| *u < 0x80) {
        let bytes: Vec<u8> = units.iter().map(|u| u8::try_from(*u).unwrap_or(b'?')).collect();
        return String::from_utf8(bytes).unwrap_or_default();
    }
    String::from_utf16_lossy(units)
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
        if self.kind != Kind::Object {
            return None;
        }
        match helper(self.r.env, Helper::Entries) {
            Some(entries) => self.entries_by_helper(entries),
            None => self.entries_by_napi(),
        }
    }

    /// The entries, from `index.js`'s helper (`Object.keys` and a read of each, in JavaScript, where V8
    /// does it fastest): `[names, v0, v1, …]` with the names of the fields that are not `undefined` joined
    /// by NUL, or `[null, k0, v0, k1, v1, …]` when a name holds a NUL; `null` for an ArrayBuffer view,
    /// whose elements are no fields.
    fn entries_by_helper(&self, helper: sys::napi_value) -> Option<Vec<(String, sys::napi_value)>> {
        let (r, env) = (self.r, self.r.env);
        let mut global = ptr::null_mut();
        let mut flat = ptr::null_mut();
        if !r.ok(unsafe { sys::napi_get_global(env, &mut global) })
            || !r.ok(unsafe { sys::napi_call_function(env, global, helper, 1, &self.v, &mut flat) })
        {
            return None;
        }
        if r.type_of(flat)? != sys::ValueType::napi_object {
            return None;
        }
        let mut n = 0u32;
        let mut head = ptr::null_mut();
        if !r.ok(unsafe { sys::napi_get_array_length(env, flat, &mut n) })
            || !r.ok(unsafe { sys::napi_get_element(env, flat, 0, &mut head) })
        {
            return None;
        }
        let element = |i: u32| {
            let mut v = ptr::null_mut();
            r.ok(unsafe { sys::napi_get_element(env, flat, i, &mut v) }).then_some(v)
        };
        let fields = n.saturating_sub(1).min(MAX_KEYS.saturating_mul(2));
        if r.type_of(head)? == sys::ValueType::napi_string {
            let names = r.string(head)?;
            let mut out = Vec::with_capacity(usize::try_from(fields).unwrap_or(0));
            if fields > 0 {
                for (i, name) in (1..=fields).zip(names.split('\0')) {
                    out.push((name.to_owned(), element(i)?));
                }
            }
            return Some(out);
        }
        let pairs = fields / 2;
        let mut out = Vec::with_capacity(usize::try_from(pairs).unwrap_or(0));
        for i in 0..pairs {
            let key = element(1 + 2 * i)?;
            let value = element(2 + 2 * i)?;
            out.push((r.string(key)?, value));
        }
        Some(out)
    }

    /// The entries through Node-API alone (when the addon is used without `index.js`).
    fn entries_by_napi(&self) -> Option<Vec<(String, sys::napi_value)>> {
        let (r, env) = (self.r, self.r.env);
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

// ---- the helpers of index.js ---------------------------------------------------------------------

/// A function `index.js` hands the addon at load (`initHelpers`): V8 runs a few things far faster in
/// JavaScript than through Node-API call by call. The addon works without them (through Node-API alone),
/// only slower.
#[derive(Clone, Copy)]
pub enum Helper {
    /// `(o) => [k0, v0, k1, v1, …]`: an object's own enumerable string keys and their values, without the
    /// `undefined` ones; `null` for an ArrayBuffer view.
    Entries,
    /// `(keys) => (v0, v1, …) => ({ [keys[0]]: v0, … })`: a function that makes an object of these keys
    /// from its arguments (an object literal, which V8 builds in one step, not key by key).
    MakeFactory,
}

/// The helpers and the object factories of one Node-API environment (one per thread: the main thread and
/// each worker).
struct Helpers {
    env: sys::napi_env,
    entries: sys::napi_ref,
    make_factory: sys::napi_ref,
    /// The factory of each kind of result object, by the address of its type's name and of its first key
    /// (`'static` strings) and its number of keys; the keys are kept to tell apart types that share those.
    factories: HashMap<(usize, usize, usize), Vec<Factory>>,
}

/// The keys of a kind of result object, and its factory.
type Factory = (Vec<&'static str>, sys::napi_ref);

thread_local! {
    static HELPERS: RefCell<Option<Helpers>> = const { RefCell::new(None) };
}

/// Keeps `index.js`'s helpers for `env` (a reference each, for the life of the environment).
pub fn init_helpers(env: &Env, entries: sys::napi_value, make_factory: sys::napi_value) -> napi::Result<()> {
    let env = env.raw();
    let mut refs = [ptr::null_mut(); 2];
    for (slot, f) in refs.iter_mut().zip([entries, make_factory]) {
        let status = unsafe { sys::napi_create_reference(env, f, 1, slot) };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(Status::from(status), "initHelpers takes two functions"));
        }
    }
    let [entries, make_factory] = refs;
    HELPERS.with(|h| {
        *h.borrow_mut() = Some(Helpers {
            env,
            entries,
            make_factory,
            factories: HashMap::new(),
        })
    });
    Ok(())
}

fn deref(env: sys::napi_env, r: sys::napi_ref) -> Option<sys::napi_value> {
    let mut v = ptr::null_mut();
    let status = unsafe { sys::napi_get_reference_value(env, r, &mut v) };
    (status == sys::Status::napi_ok && !v.is_null()).then_some(v)
}

/// A helper of `env`, when `index.js` gave them.
fn helper(env: sys::napi_env, which: Helper) -> Option<sys::napi_value> {
    HELPERS.with(|h| {
        let h = h.borrow();
        let h = h.as_ref().filter(|h| h.env == env)?;
        deref(
            env,
            match which {
                Helper::Entries => h.entries,
                Helper::MakeFactory => h.make_factory,
            },
        )
    })
}

/// The factory of objects of type `name` with `keys` (made, and kept, the first time).
fn factory(env: sys::napi_env, name: &'static str, keys: &[&'static str]) -> Option<sys::napi_value> {
    let first = keys.first()?;
    let id = (name.as_ptr() as usize, first.as_ptr() as usize, keys.len());
    let same = |ks: &Vec<&'static str>| ks.len() == keys.len() && ks.iter().zip(keys).all(|(a, b)| a == b);
    let known = HELPERS.with(|h| {
        let h = h.borrow();
        let h = h.as_ref().filter(|h| h.env == env)?;
        h.factories.get(&id)?.iter().find(|(ks, _)| same(ks)).map(|(_, r)| *r)
    });
    if let Some(r) = known {
        return deref(env, r);
    }
    // Made from the keys by index.js's helper; an environment that refuses code generation gets none.
    let make = helper(env, Helper::MakeFactory)?;
    let mut array = ptr::null_mut();
    if unsafe { sys::napi_create_array_with_length(env, keys.len(), &mut array) } != sys::Status::napi_ok {
        return None;
    }
    for (i, k) in keys.iter().enumerate() {
        let key = string_value(env, k)?;
        if unsafe { sys::napi_set_element(env, array, u32::try_from(i).ok()?, key) } != sys::Status::napi_ok {
            return None;
        }
    }
    let (mut global, mut made) = (ptr::null_mut(), ptr::null_mut());
    if unsafe { sys::napi_get_global(env, &mut global) } != sys::Status::napi_ok
        || unsafe { sys::napi_call_function(env, global, make, 1, &array, &mut made) } != sys::Status::napi_ok
    {
        // A pending exception (code generation refused) is cleared: the object is made key by key.
        let mut e = ptr::null_mut();
        unsafe { sys::napi_get_and_clear_last_exception(env, &mut e) };
        return None;
    }
    let mut r = ptr::null_mut();
    if unsafe { sys::napi_create_reference(env, made, 1, &mut r) } != sys::Status::napi_ok {
        return None;
    }
    HELPERS.with(|h| {
        if let Some(h) = h.borrow_mut().as_mut().filter(|h| h.env == env) {
            h.factories.entry(id).or_default().push((keys.to_vec(), r));
        }
    });
    Some(made)
}

// ---- results as JavaScript values ------------------------------------------------------------------

/// A result as plain JavaScript values: objects, arrays, strings (money, dates, codes), numbers,
/// booleans and null — written straight from the result's `Serialize`, with no JSON text in between.
pub fn to_js<'e, T: Serialize + ?Sized>(env: &'e Env, value: &T) -> napi::Result<Unknown<'e>> {
    let v = value.serialize(Ser { env: env.raw() })?;
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), v) })
}

fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            Status::from(status),
            "a Node-API call failed while writing a result",
        ))
    }
}

fn string_value(env: sys::napi_env, s: &str) -> Option<sys::napi_value> {
    let mut v = ptr::null_mut();
    let status = unsafe { sys::napi_create_string_utf8(env, s.as_ptr().cast(), s.len() as isize, &mut v) };
    (status == sys::Status::napi_ok).then_some(v)
}

/// A fixed buffer that text is formatted into (money and dates are short), falling back to the heap.
struct Buf {
    bytes: [u8; 64],
    len: usize,
    spill: Option<String>,
}

impl std::fmt::Write for Buf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if let Some(spill) = self.spill.as_mut() {
            spill.push_str(s);
            return Ok(());
        }
        match self.bytes.get_mut(self.len..self.len + s.len()) {
            Some(dst) => {
                dst.copy_from_slice(s.as_bytes());
                self.len += s.len();
            }
            None => {
                let mut spill = String::from_utf8_lossy(self.bytes.get(..self.len).unwrap_or_default()).into_owned();
                spill.push_str(s);
                self.spill = Some(spill);
            }
        }
        Ok(())
    }
}

/// The serde serializer that writes JavaScript values.
#[derive(Clone, Copy)]
struct Ser {
    env: sys::napi_env,
}

impl Ser {
    fn value(self, f: impl FnOnce(sys::napi_env, &mut sys::napi_value) -> sys::napi_status) -> napi::Result<sys::napi_value> {
        let mut v = ptr::null_mut();
        check(f(self.env, &mut v))?;
        Ok(v)
    }
    fn number(self, d: f64) -> napi::Result<sys::napi_value> {
        self.value(|e, v| unsafe { sys::napi_create_double(e, d, v) })
    }
    fn null(self) -> napi::Result<sys::napi_value> {
        self.value(|e, v| unsafe { sys::napi_get_null(e, v) })
    }
    fn str(self, s: &str) -> napi::Result<sys::napi_value> {
        raw_string(self.env, s)
    }
}

/// A JavaScript string of `text` (see [`js_string`]).
fn raw_string(env: sys::napi_env, text: &str) -> napi::Result<sys::napi_value> {
    let mut v = ptr::null_mut();
    let len = |n: usize| isize::try_from(n).map_err(|_| unsupported("a text too long for a string"));
    if text.is_ascii() {
        check(unsafe { sys::napi_create_string_latin1(env, text.as_ptr().cast(), len(text.len())?, &mut v) })?;
    } else {
        let units = utf16(text);
        check(unsafe { sys::napi_create_string_utf16(env, units.as_ptr(), len(units.len())?, &mut v) })?;
    }
    Ok(v)
}

fn unsupported(what: &str) -> napi::Error {
    napi::Error::new(
        Status::InvalidArg,
        format!("a result holds {what}, which the binding does not write"),
    )
}

impl serde::Serializer for Ser {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = serde::ser::Impossible<sys::napi_value, napi::Error>;
    type SerializeMap = Map;
    type SerializeStruct = Struct;
    type SerializeStructVariant = serde::ser::Impossible<sys::napi_value, napi::Error>;

    fn serialize_bool(self, b: bool) -> napi::Result<sys::napi_value> {
        self.value(|e, v| unsafe { sys::napi_get_boolean(e, b, v) })
    }
    fn serialize_i8(self, n: i8) -> napi::Result<sys::napi_value> {
        self.serialize_i32(i32::from(n))
    }
    fn serialize_i16(self, n: i16) -> napi::Result<sys::napi_value> {
        self.serialize_i32(i32::from(n))
    }
    fn serialize_i32(self, n: i32) -> napi::Result<sys::napi_value> {
        self.value(|e, v| unsafe { sys::napi_create_int32(e, n, v) })
    }
    fn serialize_i64(self, n: i64) -> napi::Result<sys::napi_value> {
        // A whole number a result carries is far inside the safe integers (counts, days, points).
        #[allow(clippy::cast_precision_loss, reason = "results' whole numbers are safe integers")]
        self.number(n as f64)
    }
    fn serialize_u8(self, n: u8) -> napi::Result<sys::napi_value> {
        self.serialize_u32(u32::from(n))
    }
    fn serialize_u16(self, n: u16) -> napi::Result<sys::napi_value> {
        self.serialize_u32(u32::from(n))
    }
    fn serialize_u32(self, n: u32) -> napi::Result<sys::napi_value> {
        self.value(|e, v| unsafe { sys::napi_create_uint32(e, n, v) })
    }
    fn serialize_u64(self, n: u64) -> napi::Result<sys::napi_value> {
        #[allow(clippy::cast_precision_loss, reason = "results' whole numbers are safe integers")]
        self.number(n as f64)
    }
    fn serialize_f32(self, n: f32) -> napi::Result<sys::napi_value> {
        self.number(f64::from(n))
    }
    fn serialize_f64(self, n: f64) -> napi::Result<sys::napi_value> {
        self.number(n)
    }
    fn serialize_char(self, c: char) -> napi::Result<sys::napi_value> {
        self.str(c.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, s: &str) -> napi::Result<sys::napi_value> {
        self.str(s)
    }
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> napi::Result<sys::napi_value> {
        use std::fmt::Write as _;
        let mut buf = Buf {
            bytes: [0; 64],
            len: 0,
            spill: None,
        };
        write!(buf, "{value}").map_err(|_| unsupported("text that cannot be written"))?;
        match &buf.spill {
            Some(s) => self.str(s),
            None => self.str(std::str::from_utf8(buf.bytes.get(..buf.len).unwrap_or_default()).unwrap_or_default()),
        }
    }
    fn serialize_bytes(self, _: &[u8]) -> napi::Result<sys::napi_value> {
        Err(unsupported("bytes"))
    }
    fn serialize_none(self) -> napi::Result<sys::napi_value> {
        self.null()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> napi::Result<sys::napi_value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> napi::Result<sys::napi_value> {
        self.null()
    }
    fn serialize_unit_struct(self, _: &'static str) -> napi::Result<sys::napi_value> {
        self.null()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> napi::Result<sys::napi_value> {
        self.str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> napi::Result<sys::napi_value> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> napi::Result<sys::napi_value> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_seq(self, len: Option<usize>) -> napi::Result<Seq> {
        let array = self.value(|e, v| unsafe { sys::napi_create_array_with_length(e, len.unwrap_or(0), v) })?;
        Ok(Seq { ser: self, array, n: 0 })
    }
    fn serialize_tuple(self, len: usize) -> napi::Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> napi::Result<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> napi::Result<Self::SerializeTupleVariant> {
        Err(unsupported("an enum with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> napi::Result<Map> {
        let object = self.value(|e, v| unsafe { sys::napi_create_object(e, v) })?;
        Ok(Map {
            ser: self,
            object,
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> napi::Result<Struct> {
        Ok(Struct {
            ser: self,
            name,
            keys: Vec::with_capacity(len),
            values: Vec::with_capacity(len),
        })
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> napi::Result<Self::SerializeStructVariant> {
        Err(unsupported("an enum with data"))
    }
}

/// An array being written.
struct Seq {
    ser: Ser,
    array: sys::napi_value,
    n: u32,
}

impl serde::ser::SerializeSeq for Seq {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> napi::Result<()> {
        let v = value.serialize(self.ser)?;
        check(unsafe { sys::napi_set_element(self.ser.env, self.array, self.n, v) })?;
        self.n = self.n.saturating_add(1);
        Ok(())
    }
    fn end(self) -> napi::Result<sys::napi_value> {
        Ok(self.array)
    }
}

impl serde::ser::SerializeTuple for Seq {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> napi::Result<()> {
        serde::ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> napi::Result<sys::napi_value> {
        Ok(self.array)
    }
}

impl serde::ser::SerializeTupleStruct for Seq {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> napi::Result<()> {
        serde::ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> napi::Result<sys::napi_value> {
        Ok(self.array)
    }
}

/// An object of string keys being written (a map of a result).
struct Map {
    ser: Ser,
    object: sys::napi_value,
    key: Option<sys::napi_value>,
}

impl serde::ser::SerializeMap for Map {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> napi::Result<()> {
        self.key = Some(key.serialize(self.ser)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> napi::Result<()> {
        let key = self.key.take().ok_or_else(|| unsupported("a map value without its key"))?;
        let v = value.serialize(self.ser)?;
        check(unsafe { sys::napi_set_property(self.ser.env, self.object, key, v) })
    }
    fn end(self) -> napi::Result<sys::napi_value> {
        Ok(self.object)
    }
}

/// An object of known fields being written: its values are gathered, then the object is made in one step
/// by its factory (or, without one, key by key).
struct Struct {
    ser: Ser,
    name: &'static str,
    keys: Vec<&'static str>,
    values: Vec<sys::napi_value>,
}

impl serde::ser::SerializeStruct for Struct {
    type Ok = sys::napi_value;
    type Error = napi::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> napi::Result<()> {
        self.values.push(value.serialize(self.ser)?);
        self.keys.push(key);
        Ok(())
    }
    fn end(self) -> napi::Result<sys::napi_value> {
        let env = self.ser.env;
        // Factories are made per set of keys; a result that left a field out has a set of its own.
        if let Some(f) = factory(env, self.name, &self.keys) {
            let (mut global, mut out) = (ptr::null_mut(), ptr::null_mut());
            check(unsafe { sys::napi_get_global(env, &mut global) })?;
            check(unsafe { sys::napi_call_function(env, global, f, self.values.len(), self.values.as_ptr(), &mut out) })?;
            return Ok(out);
        }
        let object = self.ser.value(|e, v| unsafe { sys::napi_create_object(e, v) })?;
        for (k, v) in self.keys.iter().zip(&self.values) {
            let key = self.ser.str(k)?;
            check(unsafe { sys::napi_set_property(env, object, key, *v) })?;
        }
        Ok(object)
    }
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

// ---- columns of the batch functions ----------------------------------------------------------------

/// A column argument of a batch function: a typed array (borrowed where the kernels read it as it is),
/// a JavaScript array, or nothing.
pub enum Column<'a> {
    /// `undefined` or `null`: no column.
    Missing,
    /// An `Int32Array`.
    I32(&'a [i32]),
    /// A `Uint32Array`.
    U32(&'a [u32]),
    /// A `Uint8Array`.
    U8(&'a [u8]),
    /// A `Float64Array`.
    F64(&'a [f64]),
    /// Another typed array, as whole numbers (`None` for a value that is not one: a fraction, NaN).
    Ints(Vec<Option<i64>>),
    /// A JavaScript array of `n` elements.
    Array(sys::napi_value, u32),
    /// Anything else, for the message.
    Other(Kind),
}

/// Reads a column argument. The typed arrays' memory is borrowed for the call (no JavaScript runs while
/// the kernels read it).
pub fn column<'a>(env: &'a Env, v: &Unknown<'a>) -> napi::Result<Column<'a>> {
    let (env, v) = (env.raw(), v.raw());
    let mut t = 0;
    check(unsafe { sys::napi_typeof(env, v, &mut t) })?;
    match t {
        sys::ValueType::napi_undefined | sys::ValueType::napi_null => return Ok(Column::Missing),
        sys::ValueType::napi_object => {}
        sys::ValueType::napi_string => return Ok(Column::Other(Kind::String)),
        sys::ValueType::napi_number => return Ok(Column::Other(Kind::Number)),
        sys::ValueType::napi_boolean => return Ok(Column::Other(Kind::Bool)),
        _ => return Ok(Column::Other(Kind::Other)),
    }
    let mut is_array = false;
    check(unsafe { sys::napi_is_array(env, v, &mut is_array) })?;
    if is_array {
        let mut n = 0u32;
        check(unsafe { sys::napi_get_array_length(env, v, &mut n) })?;
        return Ok(Column::Array(v, n));
    }
    let mut typed = false;
    check(unsafe { sys::napi_is_typedarray(env, v, &mut typed) })?;
    if !typed {
        return Ok(Column::Other(Kind::Object));
    }
    let (mut ty, mut len, mut data, mut buffer, mut offset) = (0, 0usize, ptr::null_mut(), ptr::null_mut(), 0usize);
    check(unsafe { sys::napi_get_typedarray_info(env, v, &mut ty, &mut len, &mut data, &mut buffer, &mut offset) })?;
    if len == 0 || data.is_null() {
        return Ok(Column::Ints(Vec::new()));
    }
    // A typed array's data is aligned for its element type and holds `len` elements.
    macro_rules! slice {
        ($t:ty) => {
            unsafe { std::slice::from_raw_parts(data.cast::<$t>().cast_const(), len) }
        };
    }
    let whole = |d: f64| {
        is_safe_integer(d).then(|| {
            #[allow(clippy::cast_possible_truncation, reason = "a safe integer fits an i64 exactly")]
            let i = d as i64;
            i
        })
    };
    Ok(match ty {
        sys::TypedarrayType::int32_array => Column::I32(slice!(i32)),
        sys::TypedarrayType::uint32_array => Column::U32(slice!(u32)),
        sys::TypedarrayType::uint8_array | sys::TypedarrayType::uint8_clamped_array => Column::U8(slice!(u8)),
        sys::TypedarrayType::float64_array => Column::F64(slice!(f64)),
        sys::TypedarrayType::int8_array => Column::Ints(slice!(i8).iter().map(|x| Some(i64::from(*x))).collect()),
        sys::TypedarrayType::int16_array => Column::Ints(slice!(i16).iter().map(|x| Some(i64::from(*x))).collect()),
        sys::TypedarrayType::uint16_array => Column::Ints(slice!(u16).iter().map(|x| Some(i64::from(*x))).collect()),
        sys::TypedarrayType::float32_array => Column::Ints(slice!(f32).iter().map(|x| whole(f64::from(*x))).collect()),
        sys::TypedarrayType::bigint64_array => Column::Ints(slice!(i64).iter().map(|x| Some(*x)).collect()),
        sys::TypedarrayType::biguint64_array => Column::Ints(slice!(u64).iter().map(|x| i64::try_from(*x).ok()).collect()),
        _ => Column::Other(Kind::Object),
    })
}

/// One element of a JavaScript array, as the core's reader sees it.
pub fn element<'r>(r: &'r Reader, array: sys::napi_value, i: u32) -> Option<Js<'r>> {
    let mut v = ptr::null_mut();
    r.ok(unsafe { sys::napi_get_element(r.env, array, i, &mut v) })
        .then(|| Js::new(r, v))
}

/// The object `v` (a value the reader found to be an object).
pub fn object<'e>(env: &'e Env, v: sys::napi_value) -> napi::Result<Object<'e>> {
    unsafe { Object::from_napi_value(env.raw(), v) }
}

impl<'r> Js<'r> {
    /// The JavaScript value.
    pub fn raw(&self) -> sys::napi_value {
        self.v
    }

    /// The number, when this is a number.
    pub fn as_number(&self) -> Option<f64> {
        self.number()
    }

    /// This object seen with only `fields` (a row that holds the fields of several inputs).
    pub fn only(&self, fields: &[&str]) -> Js<'r> {
        let entries: Vec<(String, sys::napi_value)> = self
            .entries()
            .iter()
            .filter(|(k, _)| fields.contains(&k.as_str()))
            .cloned()
            .collect();
        Js {
            r: self.r,
            v: self.v,
            kind: self.kind,
            keys: OnceCell::from(entries),
        }
    }

    /// The keys of this object that are not in `fields`.
    pub fn other_keys(&self, fields: &[&str]) -> Vec<String> {
        self.entries()
            .iter()
            .filter(|(k, _)| !fields.contains(&k.as_str()))
            .map(|(k, _)| k.clone())
            .collect()
    }
}

/// Result columns being written row by row: one JavaScript array per field of a result type, in the order
/// of its shape; a row's result fills its slot in each.
pub struct RowColumns {
    env: sys::napi_env,
    /// The fields' names, and their arrays.
    pub columns: Vec<(&'static str, sys::napi_value)>,
}

impl RowColumns {
    /// Arrays of `n` rows for the fields of `shape` (an object shape).
    pub fn new(env: &Env, shape: shftu_rules::shape::Shape, n: usize) -> napi::Result<RowColumns> {
        let names: Vec<&'static str> = match shape {
            shftu_rules::shape::Shape::Object(o) => o.fields.iter().map(|f| f.name).collect(),
            _ => Vec::new(),
        };
        let env = env.raw();
        let mut columns = Vec::with_capacity(names.len());
        for name in names {
            let mut a = ptr::null_mut();
            check(unsafe { sys::napi_create_array_with_length(env, n, &mut a) })?;
            columns.push((name, a));
        }
        Ok(RowColumns { env, columns })
    }

    /// Row `row`'s result.
    pub fn put<T: Serialize>(&self, row: usize, value: &T) -> napi::Result<()> {
        let row = u32::try_from(row).map_err(|_| unsupported("more rows than an array holds"))?;
        value.serialize(RowSer { cols: self, row })
    }

    /// Row `row` has no result: null in every column.
    pub fn null(&self, row: usize) -> napi::Result<()> {
        let row = u32::try_from(row).map_err(|_| unsupported("more rows than an array holds"))?;
        let null = Ser { env: self.env }.null()?;
        for (_, a) in &self.columns {
            check(unsafe { sys::napi_set_element(self.env, *a, row, null) })?;
        }
        Ok(())
    }

    /// The arrays, by field.
    pub fn arrays(&self) -> impl Iterator<Item = (&'static str, Unknown<'_>)> + '_ {
        self.columns
            .iter()
            .map(|(k, a)| (*k, unsafe { Unknown::from_raw_unchecked(self.env, *a) }))
    }
}

/// Writes one result into the columns (only a struct is a row).
struct RowSer<'a> {
    cols: &'a RowColumns,
    row: u32,
}

impl serde::ser::SerializeStruct for RowSer<'_> {
    type Ok = ();
    type Error = napi::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> napi::Result<()> {
        let Some((_, array)) = self.cols.columns.iter().find(|(k, _)| *k == key) else {
            return Err(unsupported("a field its shape does not list"));
        };
        let v = value.serialize(Ser { env: self.cols.env })?;
        check(unsafe { sys::napi_set_element(self.cols.env, *array, self.row, v) })
    }
    fn end(self) -> napi::Result<()> {
        Ok(())
    }
}

macro_rules! not_a_row {
    ($($f:ident($($t:ty),*)),* $(,)?) => {$(
        fn $f(self, $(_: $t),*) -> napi::Result<()> { Err(unsupported("a row that is not an object")) }
    )*};
}

impl<'a> serde::Serializer for RowSer<'a> {
    type Ok = ();
    type Error = napi::Error;
    type SerializeSeq = serde::ser::Impossible<(), napi::Error>;
    type SerializeTuple = serde::ser::Impossible<(), napi::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), napi::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), napi::Error>;
    type SerializeMap = serde::ser::Impossible<(), napi::Error>;
    type SerializeStruct = RowSer<'a>;
    type SerializeStructVariant = serde::ser::Impossible<(), napi::Error>;
    not_a_row! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_f32(f32),
        serialize_f64(f64), serialize_char(char), serialize_str(&str), serialize_bytes(&[u8]), serialize_none(),
        serialize_unit(), serialize_unit_struct(&'static str), serialize_unit_variant(&'static str, u32, &'static str),
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> napi::Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> napi::Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(self, _: &'static str, _: u32, _: &'static str, _: &T) -> napi::Result<()> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_seq(self, _: Option<usize>) -> napi::Result<Self::SerializeSeq> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_tuple(self, _: usize) -> napi::Result<Self::SerializeTuple> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> napi::Result<Self::SerializeTupleStruct> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> napi::Result<Self::SerializeTupleVariant> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_map(self, _: Option<usize>) -> napi::Result<Self::SerializeMap> {
        Err(unsupported("a row that is not an object"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> napi::Result<Self::SerializeStruct> {
        Ok(self)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> napi::Result<Self::SerializeStructVariant> {
        Err(unsupported("a row that is not an object"))
    }
}

// ---- response text ---------------------------------------------------------------------------------

/// A JavaScript string of `text`, made without V8 decoding UTF-8: ASCII text is copied as Latin-1, other
/// text is widened to UTF-16 here (a response is mostly ASCII, with a few characters such as `§` or a
/// clause's Chinese numerals, so the ASCII runs are widened eight bytes at a time).
pub fn js_string<'e>(env: &'e Env, text: &str) -> napi::Result<Unknown<'e>> {
    let v = raw_string(env.raw(), text)?;
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), v) })
}

/// `text` as UTF-16.
fn utf16(text: &str) -> Vec<u16> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut out: Vec<u16> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(rest) = bytes.get(i..) {
        if rest.is_empty() {
            break;
        }
        if let Some(chunk) = rest.first_chunk::<8>() {
            if u64::from_le_bytes(*chunk) & HIGH == 0 {
                out.extend(chunk.iter().map(|b| u16::from(*b)));
                i += 8;
                continue;
            }
        }
        // A character (ASCII or not) at a character boundary: `i` only ever moves by whole characters.
        match text.get(i..).and_then(|s| s.chars().next()) {
            Some(c) => {
                let mut buf = [0u16; 2];
                out.extend_from_slice(c.encode_utf16(&mut buf));
                i += c.len_utf8();
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::utf16;

    #[test]
    fn utf16_is_what_the_standard_library_encodes() {
        for text in [
            "",
            "a",
            "§5 一(四)1(2)",
            "abcdefgh",
            "abcdefgh§ijklmnopq",
            "😀 x 😀😀 — 0123456789abcdef\u{7f}",
        ] {
            assert_eq!(utf16(text), text.encode_utf16().collect::<Vec<u16>>(), "{text}");
        }
    }
}
