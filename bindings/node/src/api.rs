//! The functions of the addon: the wire contract as text (`evaluateJson`, `evaluateManyJson`), one typed
//! entry for every rule of the registry (`typedCall`), `explain`, the registry as data (`describe`,
//! `rules`, `editions`, `errorCodes`), and the batch kernels (`batch`).
//!
//! There is no per-rule code here: `typedCall` visits the rule the registry has at an index
//! ([`shftu_rules::registry::with_rule`]), reads its input from the JavaScript object with the core's
//! reader ([`crate::convert::Js`]), evaluates it and writes the result as plain objects. `index.js`
//! makes one JavaScript function per rule from `rules()` at load time (`mutual_aid.enroll` →
//! `mutualAidEnroll`), and `scripts/generate.mjs` writes their TypeScript declarations from `describe()`.

use std::sync::LazyLock;

use napi::bindgen_prelude::*;
use napi::{sys, JsString, JsValue, ValueType};
use napi_derive::napi;
use shftu_rules::engine::{error_envelope, trace_json};
use shftu_rules::limits::Limit;
use shftu_rules::msg::{m, Arg, Lang, Render};
use shftu_rules::read::Kind;
use shftu_rules::registry::{with_rule, Ctx, Rule, Visit};
use shftu_rules::{Engine, Error, Trace, TraceMode, RULES};
use std::result::Result;

use crate::convert::{init_helpers as keep_helpers, js_string, object, to_js, utf8, utf8_len, Js, Reader};
use crate::error::{guard, Failure};
use shftu_rules::read::Source;

/// The engine every call uses: the built-in editions, calendar and limits.
pub(crate) static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

/// The request text of a JavaScript string, or the response to give when it is past the request-size
/// limit: checked on the string's UTF-8 length before it is copied into Rust.
fn request_text(env: &Env, s: sys::napi_value) -> napi::Result<Result<String, String>> {
    let len = utf8_len(env, s)?;
    let max = ENGINE.limits().request_bytes;
    if len > max {
        let e = Error::LimitExceeded {
            limit: Limit::RequestBytes,
            value: u64::try_from(len).unwrap_or(u64::MAX),
            max: u64::try_from(max).unwrap_or(u64::MAX),
            path: String::from("request"),
        };
        return Ok(Err(error_envelope(None, &e, Render::EN)));
    }
    Ok(Ok(utf8(env, s, len)?))
}

/// Answers one request of the wire contract (JSON text) with the response text, exactly as the core's
/// `evaluate` does. A request past the size limit is answered `limit_exceeded` before its text is
/// copied. `evaluate` in `index.js` takes an object or a string and parses the response.
#[napi]
pub fn evaluate_json<'e>(env: &'e Env, request: JsString<'_>) -> napi::Result<Unknown<'e>> {
    guard(env, || {
        let response = match request_text(env, request.raw())? {
            Ok(text) => ENGINE.evaluate(&text),
            Err(response) => response,
        };
        Ok(js_string(env, &response)?)
    })
}

/// `evaluateJson` over many requests, in order; a bad request gets its `ok: false` response.
#[napi]
pub fn evaluate_many_json<'e>(env: &'e Env, requests: Array<'_>) -> napi::Result<Array<'e>> {
    guard(env, || {
        let n = requests.len();
        let mut out = env.create_array(n)?;
        for i in 0..n {
            let item: Unknown<'_> = requests.get_element(i)?;
            if item.get_type()? != ValueType::String {
                return Err(napi::Error::new(Status::StringExpected, format!("requests[{i}] must be a string")).into());
            }
            let response = match request_text(env, item.raw())? {
                Ok(text) => ENGINE.evaluate(&text),
                Err(response) => response,
            };
            out.set(i, js_string(env, &response)?)?;
        }
        Ok(out)
    })
}

/// Keeps `index.js`'s helpers (`entries`, `makeFactory`: see `convert::Helper`), with which the typed
/// functions read inputs and write results in fewer crossings. Called once per environment by `index.js`.
#[napi]
pub fn init_helpers(env: &Env, entries: Function<'_>, make_factory: Function<'_>) -> napi::Result<()> {
    keep_helpers(env, entries.raw(), make_factory.raw())
}

/// One rule of the registry.
#[napi(object)]
pub struct RuleInfo {
    /// The rule id, e.g. `mutual_aid.enroll`.
    pub id: String,
    /// What it answers, in one line.
    pub summary: String,
    /// The clause of the plan it implements.
    pub clause: String,
    /// Its family, e.g. `mutual_aid`.
    pub family: String,
    /// Does the core have a column kernel for it?
    pub batch: bool,
}

/// Every rule the wire contract answers, in the plan's order (the registry's).
#[napi]
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_owned(),
            summary: r.summary().to_owned(),
            clause: r.clause.to_owned(),
            family: r.family.to_owned(),
            batch: r.batch,
        })
        .collect()
}

/// The editions of the plan the library holds.
#[napi]
pub fn editions() -> Vec<String> {
    ENGINE.editions().iter().map(|e| e.name.to_owned()).collect()
}

/// Every error code of the wire contract (`invalid_json`, …), in the order of the core's variants.
#[napi]
pub fn error_codes() -> Vec<String> {
    Error::CODES.iter().map(|c| (*c).to_owned()).collect()
}

/// The registry as data (`shftu-rules describe`): every rule with its titles and the shapes of its input
/// and result, every closed set of codes with its labels and other names, the errors, the limits and the
/// languages, as JSON text.
#[napi]
pub fn describe_json() -> String {
    shftu_rules::describe::describe().to_string()
}

/// A clerk-ready plain-text account of a response (its JSON text) in `lang` (`en`, `zh-CN`).
#[napi]
pub fn explain_json(env: &Env, response: String, lang: Option<String>) -> napi::Result<String> {
    guard(env, || {
        let lang = parse_lang(lang.as_deref())?;
        shftu_rules::explain::explain(&response, lang).map_err(|e| Failure::Core(e, shftu_rules::render(lang)))
    })
}

pub(crate) fn parse_lang(tag: Option<&str>) -> Result<Lang, Failure> {
    match tag {
        None => Ok(Lang::En),
        Some(t) => Lang::parse(t).ok_or_else(|| {
            let langs: Vec<Arg> = Lang::ALL.iter().map(|l| Arg::quoted(l.tag())).collect();
            Error::invalid("lang", m::engine::unknown_lang(Arg::quoted(t), langs)).into()
        }),
    }
}

/// Makes a Rust panic on purpose inside the boundary guard, so that the tests can prove a panic
/// reaches JavaScript as `InternalError` and never aborts the process. Only in a test build (the
/// `test-panic` feature), never in the package.
#[cfg(feature = "test-panic")]
#[napi(js_name = "__panicForTest")]
#[allow(clippy::panic, reason = "the deliberate panic is the point of this test-only function")]
pub fn panic_for_test(env: &Env) -> napi::Result<()> {
    guard(env, || std::panic::panic_any("a panic raised on purpose by __panicForTest"))
}

// ---- the typed entry -----------------------------------------------------------------------------

/// The options of a typed call: `{ edition?, lang?, trace? }`.
struct CallOptions<'e> {
    edition: Option<String>,
    lang: Lang,
    trace: TraceMode,
    /// The array of the deprecated `trace: []` option, to which the steps are appended.
    sink: Option<Object<'e>>,
}

fn read_options<'e>(env: &'e Env, options: Option<&Unknown<'e>>) -> Result<CallOptions<'e>, Failure> {
    let mut out = CallOptions {
        edition: None,
        lang: Lang::En,
        trace: TraceMode::Off,
        sink: None,
    };
    let Some(o) = options else { return Ok(out) };
    // Read as the core reads a source: one crossing for the object's fields.
    let reader = Reader::new(env);
    let src = reader.source(o.raw(), false);
    match src.kind() {
        Kind::Null => return Ok(out),
        Kind::Object => {}
        k => return Err(Error::invalid("options", m::read::wrong_type("options", m::read::expected_object(), k)).into()),
    }
    let text = |key: &str| src.get(key).filter(|v| v.kind() != Kind::Null);
    // The language first, so that the errors after it are written in it.
    if let Some(lang) = text("lang") {
        match lang.as_str() {
            Some(tag) => out.lang = parse_lang(Some(&tag))?,
            None => return Err(Error::invalid("lang", m::read::wrong_type("lang", m::engine::expected_lang(), lang.kind())).into()),
        }
    }
    let render = shftu_rules::render(out.lang);
    let fail = |e: Error| Err(Failure::Core(e, render));
    if let Some(edition) = text("edition") {
        match edition.as_str() {
            Some(name) => out.edition = Some(name.into_owned()),
            None => {
                return fail(Error::invalid(
                    "edition",
                    m::read::wrong_type("edition", m::engine::expected_edition(), edition.kind()),
                ))
            }
        }
    }
    if let Some(trace) = text("trace") {
        match (trace.kind(), trace.as_str()) {
            (Kind::String, Some(mode)) => match TraceMode::parse(&mode) {
                Some(t) => out.trace = t,
                None => return fail(Error::invalid("trace", m::engine::unknown_trace_mode(Arg::quoted(&mode)))),
            },
            (Kind::Array, _) => {
                out.trace = TraceMode::Notes;
                out.sink = Some(object(env, trace.raw())?);
            }
            (k, _) => return fail(Error::invalid("trace", m::engine::unknown_trace_mode(Arg::from(k)))),
        }
    }
    reader.finish()?;
    Ok(out)
}

/// Reads, evaluates and writes one rule, generically.
struct Typed<'a, 'e> {
    env: &'e Env,
    reader: &'a Reader,
    input: Js<'a>,
    cx: Ctx<'static>,
    trace: TraceMode,
}

impl<'e> Visit for Typed<'_, 'e> {
    type Out = Result<(Unknown<'e>, Trace), Failure>;
    fn visit<R: Rule>(self) -> Self::Out {
        let input = ENGINE.read::<R, _>(&self.input);
        // A JavaScript exception raised while reading (a throwing getter) is the caller's answer.
        self.reader.finish()?;
        let input = input?;
        let mut trace = if self.trace == TraceMode::Off { Trace::off() } else { Trace::new() };
        let out = R::eval(&self.cx, &input, &mut trace)?;
        Ok((to_js(self.env, &out)?, trace))
    }
}

/// Evaluates the rule at `rule` (its index in `rules()`) on a JavaScript input object with `options`
/// (`{ edition?, lang?, trace? }`); the result as plain objects, with its trace as the non-enumerable
/// property `trace` when one was asked for. `index.js` makes the typed functions from it.
#[napi]
pub fn typed_call<'e>(env: &'e Env, rule: u32, input: Unknown<'e>, options: Option<Unknown<'e>>) -> napi::Result<Unknown<'e>> {
    guard(env, || {
        let opts = read_options(env, options.as_ref())?;
        let render = shftu_rules::render(opts.lang);
        let info = usize::try_from(rule).ok().and_then(|i| RULES.get(i));
        let Some(info) = info else {
            return Err(Failure::Core(Error::UnknownRule { rule: rule.to_string() }, render));
        };
        let engine: &'static Engine = &ENGINE;
        let cx = engine.ctx(opts.edition.as_deref()).map_err(|e| Failure::Core(e, render))?;
        let render = cx.edition.render(opts.lang);
        let reader = Reader::new(env);
        let visit = Typed {
            env,
            reader: &reader,
            input: reader.source(input.raw(), true),
            cx,
            trace: opts.trace,
        };
        let (result, trace) = match with_rule(info.id, visit) {
            Some(Ok(v)) => v,
            Some(Err(Failure::Core(e, _))) => return Err(Failure::Core(e, render)),
            Some(Err(f)) => return Err(f),
            None => return Err(Failure::Core(Error::UnknownRule { rule: info.id.to_owned() }, render)),
        };
        if opts.trace != TraceMode::Off {
            attach_trace(env, &result, &trace.into_steps(), &cx, opts.trace, render, opts.sink)?;
        }
        Ok(result)
    })
}

/// One step of a trace as `trace: "notes"` gives it.
#[derive(serde::Serialize)]
struct NoteStep {
    clause: String,
    note: String,
}

/// Renders the steps as the wire contract writes them, and attaches them to the result as its
/// non-enumerable `trace` (so that the result's own fields, `JSON.stringify` and deep equality are those of
/// the wire contract's `result`); the deprecated `trace: []` option gets them appended. `"notes"` is
/// written step by step; `"full"` (with each step's parameters) as the engine writes it (`trace_json`).
fn attach_trace(
    env: &Env,
    result: &Unknown<'_>,
    steps: &[shftu_rules::TraceStep],
    cx: &Ctx<'_>,
    mode: TraceMode,
    render: Render<'_>,
    sink: Option<Object<'_>>,
) -> Result<(), Failure> {
    let trace = if mode == TraceMode::Notes {
        let notes: Vec<NoteStep> = steps
            .iter()
            .map(|s| NoteStep {
                clause: s.clause_text(render),
                note: s.note(render),
            })
            .collect();
        to_js(env, &notes)?
    } else {
        let value: serde_json::Value = serde_json::from_str(&trace_json(steps, cx.edition, mode, render)).unwrap_or_default();
        to_js(env, &value)?
    };
    if let Some(mut sink) = sink {
        let items = trace.coerce_to_object()?;
        let start = sink.get_array_length()?;
        for i in 0..items.get_array_length()? {
            let step: Unknown<'_> = items.get_element(i)?;
            // A frozen array cannot be appended to; the result still carries its trace.
            if sink.set_element(start.saturating_add(i), step).is_err() {
                break;
            }
        }
    }
    if result.get_type()? == ValueType::Object {
        let mut obj = result.coerce_to_object()?;
        obj.define_properties(&[Property::new()
            .with_utf8_name("trace")?
            .with_value(&trace)
            .with_property_attributes(PropertyAttributes::Default)])?;
    }
    Ok(())
}
