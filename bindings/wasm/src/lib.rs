//! The WebAssembly binding of shftu-rules: the very core every other host runs, in the browser.
//!
//! The exports here are the low-level surface that the package's JavaScript (`js/api.js` and the
//! `rules.js` generated from `describe`) wraps:
//!
//! * `evaluate(request) -> response` — the wire contract, text in, text out, byte for byte the core's;
//! * `call(rule, input, lang, trace)` — one typed rule: the input is read from the JavaScript object by
//!   the core's own reader ([`source::Js`] implements the core's `Source`), so it validates exactly as
//!   `evaluate` does, with the same messages and paths; the result comes back as JSON text (money as
//!   decimal strings, dates as `YYYY-MM-DD`) and, when asked, the trace rendered in `lang`;
//! * `explain(response, lang)`, `describe()`, and what the wrapper needs to refuse an over-long request
//!   before copying it into the module's memory (`requestBytes`, `oversizeResponse`).
//!
//! No rule is named here and no edition is chosen: the registry names the rules, the core decides.
//! Errors cross as a thrown JSON text `{"code", "message", "path"}` that the wrapper turns into its
//! error classes. A panic cannot unwind on wasm32 (`panic = "abort"`): the panic hook hands its message
//! to the wrapper (`setPanicSink`), the instance traps, and the wrapper answers `InternalError` and
//! resets the instance, so the next call is answered by a fresh one.
#![cfg(target_arch = "wasm32")]

mod source;

use std::cell::RefCell;

use serde_json::json;
use shftu_rules::engine::{error_envelope, trace_json};
use shftu_rules::msg::{m, Arg, Lang, Render};
use shftu_rules::registry::{with_rule, Rule, Visit};
use shftu_rules::{Engine, Error, Limit, Trace, TraceMode};
use wasm_bindgen::prelude::*;

use crate::source::Js;

thread_local! {
    /// Where the panic hook reports (set by the wrapper after every (re)initialisation).
    static PANIC_SINK: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated (again after a reset): installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        // `try_with`/`try_borrow`: the hook must not panic itself, whatever state the instance is in.
        let _ = PANIC_SINK.try_with(|s| {
            if let Ok(sink) = s.try_borrow() {
                if let Some(f) = sink.as_ref() {
                    let _ = f.call1(&JsValue::NULL, &JsValue::from_str(&text));
                }
            }
        });
    }));
}

/// Registers the function the panic hook hands a panic's message to.
#[wasm_bindgen(js_name = setPanicSink)]
pub fn set_panic_sink(sink: js_sys::Function) {
    let _ = PANIC_SINK.try_with(|s| {
        if let Ok(mut slot) = s.try_borrow_mut() {
            *slot = Some(sink);
        }
    });
}

/// The version of the library.
#[wasm_bindgen]
pub fn version() -> String {
    String::from(env!("CARGO_PKG_VERSION"))
}

/// Answers one request of the wire contract (JSON text) with the response text, exactly as the core's
/// `evaluate` does.
#[wasm_bindgen]
pub fn evaluate(request: &str) -> String {
    shftu_rules::evaluate(request)
}

/// The largest request `evaluate` reads, in UTF-8 bytes (the core's `request_bytes` limit). The wrapper
/// refuses a longer string before it is copied into the module's memory.
#[wasm_bindgen(js_name = requestBytes)]
pub fn request_bytes() -> f64 {
    // A usize of wasm32 fits a JavaScript number exactly.
    Engine::builtin().limits().request_bytes as f64
}

/// The response the core gives to a request of `bytes` UTF-8 bytes that is over the `request_bytes`
/// limit (the wrapper calls it instead of copying such a request in).
#[wasm_bindgen(js_name = oversizeResponse)]
pub fn oversize_response(bytes: f64) -> String {
    let engine = Engine::builtin();
    let max = engine.limits().get(Limit::RequestBytes);
    // `bytes` is a string's length, a whole number well inside u64; a saturating cast.
    let value = if bytes.is_finite() && bytes >= 0.0 {
        bytes as u64
    } else {
        u64::MAX
    };
    let e = Error::LimitExceeded {
        limit: Limit::RequestBytes,
        value,
        max: u64::try_from(max).unwrap_or(u64::MAX),
        path: String::from("request"),
    };
    error_envelope(None, &e, Render::EN)
}

/// The registry as JSON text (`shftu-rules describe`): rules, input and result shapes, enums with their
/// labels in every language, errors, limits, languages.
#[wasm_bindgen]
pub fn describe() -> String {
    shftu_rules::describe::describe().to_string()
}

/// The error as the wrapper receives it: `{"code", "message", "path"}` (JSON text, thrown).
fn error_value(e: &Error, r: Render<'_>) -> JsValue {
    JsValue::from_str(
        &json!({
            "code": e.code(),
            "message": e.message(r),
            "path": e.path(),
        })
        .to_string(),
    )
}

/// Reads a language option: a tag of the catalogue (`en`, `zh-CN`); an empty string is the default.
fn lang_option(tag: &str) -> Result<Lang, Error> {
    if tag.is_empty() {
        return Ok(Lang::En);
    }
    Lang::parse(tag).ok_or_else(|| {
        let langs: Vec<Arg> = Lang::ALL.iter().map(|l| Arg::quoted(l.tag())).collect();
        Error::invalid("lang", m::engine::unknown_lang(Arg::quoted(tag), langs))
    })
}

/// A clerk-ready text of a response (JSON text) in `lang` (the core's `explain`).
#[wasm_bindgen]
pub fn explain(response: &str, lang: &str) -> Result<String, JsValue> {
    let lang = lang_option(lang).map_err(|e| error_value(&e, Render::EN))?;
    let r = shftu_rules::render(lang);
    shftu_rules::explain::explain(response, lang).map_err(|e| error_value(&e, r))
}

/// Evaluates one rule from a JavaScript object: reads it with the core's reader, evaluates, and writes
/// the result as JSON text.
struct Typed<'a> {
    engine: &'a Engine,
    input: &'a JsValue,
    trace: bool,
    render: Render<'a>,
}

impl Visit for Typed<'_> {
    type Out = Result<String, Error>;
    fn visit<R: Rule>(self) -> Result<String, Error> {
        let cx = self.engine.ctx(None)?;
        let input = self.engine.read::<R, _>(&Js::new(self.input.clone()))?;
        let mut trace = if self.trace { Trace::new() } else { Trace::off() };
        let out = R::eval(&cx, &input, &mut trace)?;
        let result = serde_json::to_string(&out).map_err(|e| Error::invalid("input", m::engine::result_unwritable(e.to_string())))?;
        let mode = if self.trace { TraceMode::Notes } else { TraceMode::Off };
        let steps = trace_json(&trace.into_steps(), cx.edition, mode, self.render);
        Ok(format!("{{\"result\":{result},\"trace\":{steps}}}"))
    }
}

/// One typed rule: `rule` is a rule id of the registry, `input` a plain object. Answers the JSON text
/// `{"result": …, "trace": [{"clause", "note"}, …]}` (the trace empty unless `trace`); throws the
/// error's JSON text, its message in `lang`.
#[wasm_bindgen]
pub fn call(rule: &str, input: JsValue, lang: &str, trace: bool) -> Result<String, JsValue> {
    let engine = Engine::builtin();
    let lang = lang_option(lang).map_err(|e| error_value(&e, Render::EN))?;
    let render = shftu_rules::render(lang);
    let typed = Typed {
        engine: &engine,
        input: &input,
        trace,
        render,
    };
    match with_rule(rule, typed) {
        Some(Ok(text)) => Ok(text),
        Some(Err(e)) => Err(error_value(&e, render)),
        None => Err(error_value(
            &Error::UnknownRule {
                rule: String::from(shftu_rules::msg::cut(rule)),
            },
            render,
        )),
    }
}
