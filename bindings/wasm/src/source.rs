//! The core's `Source` over JavaScript values, so that a typed call reads its input object with the
//! core's own reader (same checks, messages, JSON paths and limits as `evaluate`).
//!
//! A value is seen as `JSON.stringify` would see it: own enumerable string keys, a property whose value
//! is `undefined` left out. A JavaScript number is an exact count only when it is a safe integer; any
//! other number has been through binary floating point (`is_float`), and the core refuses it for money
//! and counts. A `bigint` is an exact whole number. Every call into JavaScript that can run the caller's
//! code (getters, proxies) is made through an import that catches, so a throwing getter or a revoked
//! proxy reads as an absent value instead of unwinding through the module.

use std::borrow::Cow;

use js_sys::{Array, JsString};
use shftu_rules::read::{Kind, Source};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(v: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(v: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getOwnPropertyDescriptor)]
    fn own_property(target: &JsValue, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Number, js_name = isSafeInteger)]
    fn is_safe_integer(v: &JsValue) -> bool;
    #[wasm_bindgen(js_name = String)]
    fn js_string(v: &JsValue) -> JsString;
}

/// A JavaScript value as the core's reader sees it.
pub struct Js(JsValue);

impl Js {
    /// Wraps a value.
    pub fn new(v: JsValue) -> Js {
        Js(v)
    }

    fn is_array(&self) -> bool {
        is_array(&self.0).unwrap_or(false)
    }

    /// `Reflect.get(self, key)`, `None` when the getter throws.
    fn prop(&self, key: &JsValue) -> Option<JsValue> {
        reflect_get(&self.0, key).ok()
    }
}

impl Source for Js {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.is_null() || v.is_undefined() {
            Kind::Null
        } else if v.as_bool().is_some() {
            Kind::Bool
        } else if v.as_f64().is_some() || v.is_bigint() {
            Kind::Number
        } else if v.is_string() {
            Kind::String
        } else if v.is_function() || v.is_symbol() {
            Kind::Other
        } else if self.is_array() {
            Kind::Array
        } else if v.is_object() {
            Kind::Object
        } else {
            Kind::Other
        }
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn number_text(&self) -> Option<Cow<'_, str>> {
        let v = &self.0;
        if let Some(n) = v.as_f64() {
            if is_safe_integer(v) {
                // A safe integer converts exactly (|n| < 2^53).
                return Some(Cow::Owned(format!("{}", n as i64)));
            }
            // As JavaScript writes it (`0.1`, `1e+21`, `NaN`), for the message that refuses it.
            return Some(Cow::Owned(String::from(js_string(v))));
        }
        if v.is_bigint() {
            return Some(Cow::Owned(String::from(js_string(v))));
        }
        None
    }

    fn is_float(&self) -> bool {
        self.0.as_f64().is_some() && !is_safe_integer(&self.0)
    }

    fn as_str(&self) -> Option<Cow<'_, str>> {
        self.0.as_string().map(Cow::Owned)
    }

    fn array_len(&self) -> Option<usize> {
        if !self.is_array() {
            return None;
        }
        let n = self.prop(&JsValue::from_str("length"))?.as_f64()?;
        // An array's length is a whole number below 2^32.
        (n.is_finite() && n >= 0.0).then_some(n as usize)
    }

    fn at(&self, i: usize) -> Option<Self> {
        let i = u32::try_from(i).ok()?;
        self.prop(&JsValue::from(i)).map(Js)
    }

    fn keys(&self) -> Vec<Cow<'_, str>> {
        if self.0.is_function() || !self.0.is_object() {
            return Vec::new();
        }
        let Ok(keys) = object_keys(&self.0) else {
            return Vec::new();
        };
        keys.iter()
            .filter(|k| self.prop(k).is_some_and(|v| !v.is_undefined()))
            .filter_map(|k| k.as_string().map(Cow::Owned))
            .collect()
    }

    fn get(&self, key: &str) -> Option<Self> {
        if self.0.is_function() || !self.0.is_object() {
            return None;
        }
        // Own enumerable properties only, as JSON.stringify reads an object.
        let desc = own_property(&self.0, key).ok()?;
        if desc.is_undefined() {
            return None;
        }
        let enumerable = reflect_get(&desc, &JsValue::from_str("enumerable")).ok()?;
        if enumerable.as_bool() != Some(true) {
            return None;
        }
        let v = self.prop(&JsValue::from_str(key))?;
        (!v.is_undefined()).then_some(Js(v))
    }
}
