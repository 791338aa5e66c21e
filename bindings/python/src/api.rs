//! The functions of `shftu_rules._native`: `evaluate`, `call` (every rule, typed, through the registry's
//! generic visitor), `rules`, `describe`, `explain`. Each converts (`convert`), calls the core and
//! converts back; errors go through `error::to_py`, panics through `error::guard`.

use std::sync::LazyLock;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDate, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde_json::{Map, Value};
use shftu_rules::engine::error_envelope;
use shftu_rules::msg::{m, Arg, Render};
use shftu_rules::read::Source;
use shftu_rules::registry::{with_rule, Rule, Visit};
use shftu_rules::shape::Described;
use shftu_rules::{Edition, Engine, Error, Lang, Limit, Trace, TraceStep};

use crate::convert::{self, PySrc};
use crate::error::{guard, to_py};

/// The engine every call uses: the built-in editions, calendar and limits.
pub static ENGINE: LazyLock<Engine> = LazyLock::new(Engine::builtin);

/// Requests longer than this are answered with the GIL released.
const DETACH_BYTES: usize = 64 << 10;

/// The language called `tag`, or `InvalidInput` at `lang` (the envelope's own error).
pub fn lang(py: Python<'_>, tag: &str) -> PyResult<Lang> {
    Lang::parse(tag).ok_or_else(|| {
        let langs: Vec<Arg> = Lang::ALL.iter().map(|l| Arg::quoted(l.tag())).collect();
        let e = Error::invalid("lang", m::engine::unknown_lang(Arg::quoted(tag), langs));
        to_py(py, &e, Render::EN)
    })
}

/// The edition called `name` (the default when `None`) and the render of `lang` for it.
pub fn edition(py: Python<'_>, name: Option<&str>, lang: Lang) -> PyResult<&'static Edition> {
    ENGINE
        .ctx(name)
        .map(|cx| cx.edition)
        .map_err(|e| to_py(py, &e, ENGINE.editions().first().map_or(Render::new(lang, ""), |e| e.render(lang))))
}

fn limit_envelope(len: usize) -> String {
    let e = Error::LimitExceeded {
        limit: Limit::RequestBytes,
        value: u64::try_from(len).unwrap_or(u64::MAX),
        max: u64::try_from(ENGINE.limits().request_bytes).unwrap_or(u64::MAX),
        path: String::from("request"),
    };
    error_envelope(None, &e, Render::EN)
}

fn evaluate_text(py: Python<'_>, text: &str) -> String {
    if text.len() > DETACH_BYTES {
        py.detach(|| ENGINE.evaluate(text))
    } else {
        ENGINE.evaluate(text)
    }
}

/// Answers one request of the wire contract: JSON text (`str` or `bytes`) or a `dict`. The answer is the
/// response's JSON text, byte for byte the core's. A request over the `request_bytes` limit is refused
/// before it is parsed or copied.
#[pyfunction]
pub fn evaluate(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    guard(py, || answer(py, request))
}

/// As [`evaluate`], the response as Python values: `json.loads` of its text, without the text.
#[pyfunction]
pub fn evaluate_dict<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || convert::json_to_py(py, &answer(py, request)?))
}

fn answer(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<String> {
    let max = ENGINE.limits().request_bytes;
    if let Ok(s) = request.cast::<PyString>() {
        // A str of more code points than the limit has more UTF-8 bytes than the limit too.
        let chars = s.len()?;
        if chars > max {
            return Ok(limit_envelope(chars));
        }
        return Ok(evaluate_text(py, s.to_str()?));
    }
    if let Ok(b) = request.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        if bytes.len() > max {
            return Ok(limit_envelope(bytes.len()));
        }
        return Ok(match std::str::from_utf8(bytes) {
            Ok(t) => evaluate_text(py, t),
            Err(e) => error_envelope(None, &Error::InvalidJson { detail: e.to_string() }, Render::EN),
        });
    }
    evaluate_object(request)
}

/// A request given as Python objects: read as JSON values (`Decimal` as its exact text, `date` as
/// `YYYY-MM-DD`). A binary `float` cannot carry exact money or a count: when the input holds one, the
/// input is read as the typed API reads it, which refuses it with the core's message and path.
fn evaluate_object(request: &Bound<'_, PyAny>) -> PyResult<String> {
    let mut floats = false;
    let v = to_value(request, &mut floats)?;
    let answer = ENGINE.evaluate_value(&v);
    if !floats {
        return Ok(answer);
    }
    let envelope_ok = serde_json::from_str::<Value>(&answer).is_ok_and(|a| {
        a.get("ok") == Some(&Value::Bool(true))
            || a.pointer("/error/path")
                .and_then(Value::as_str)
                .is_some_and(|p| p.starts_with("input"))
    });
    let (Some(rule), Some(input), true) = (v.get("rule").and_then(Value::as_str), request.get_item("input").ok(), envelope_ok) else {
        return Ok(answer);
    };
    let lang = v.get("lang").and_then(Value::as_str).and_then(Lang::parse).unwrap_or_default();
    let render = ENGINE
        .ctx(v.get("edition").and_then(Value::as_str))
        .map_or(Render::new(lang, ""), |cx| cx.edition.render(lang));
    match with_rule(rule, ReadOnly(PySrc::new(input))) {
        Some((id, Err(e))) => Ok(error_envelope(Some(id), &e, render)),
        _ => Ok(answer),
    }
}

/// Reads a rule's input, nothing more (for [`evaluate_object`]).
struct ReadOnly<'py>(PySrc<'py>);

impl Visit for ReadOnly<'_> {
    type Out = (&'static str, Result<(), Error>);
    fn visit<R: Rule>(self) -> Self::Out {
        (R::ID, ENGINE.read::<R, _>(&self.0).map(|_| ()))
    }
}

/// Python objects as a JSON value; `floats` is set when a `float` is met.
fn to_value(v: &Bound<'_, PyAny>, floats: &mut bool) -> PyResult<Value> {
    let src = PySrc::new(v.clone());
    Ok(if v.is_none() {
        Value::Null
    } else if let Ok(b) = v.cast::<PyBool>() {
        Value::Bool(b.is_true())
    } else if v.is_instance_of::<PyInt>() {
        let text = src.number_text().unwrap_or_default();
        serde_json::from_str(&text).unwrap_or(Value::Null)
    } else if let Ok(f) = v.cast::<PyFloat>() {
        *floats = true;
        serde_json::Number::from_f64(f.value()).map_or(Value::Null, Value::Number)
    } else if let Ok(s) = v.cast::<PyString>() {
        Value::String(s.to_str()?.to_owned())
    } else if v.is_instance_of::<PyDateTime>() {
        return Err(PyTypeError::new_err(
            "a datetime is not a date: pass a datetime.date (or an ISO date string)",
        ));
    } else if v.is_instance_of::<PyDate>() {
        Value::String(v.call_method0("isoformat")?.extract()?)
    } else if let Some(d) = src.native_decimal() {
        // A Decimal is a JSON number, its exact text kept (serde_json's arbitrary precision).
        d.parse::<serde_json::Number>().map_or(Value::String(d), Value::Number)
    } else if v.is_instance_of::<PyList>() || v.is_instance_of::<PyTuple>() {
        Value::Array(v.try_iter()?.map(|x| to_value(&x?, floats)).collect::<PyResult<_>>()?)
    } else if let Ok(map) = v.cast::<PyMapping>() {
        let mut out = Map::new();
        for item in map.items()?.iter() {
            let (k, x): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item.extract()?;
            out.insert(k.str()?.to_string(), to_value(&x, floats)?);
        }
        Value::Object(out)
    } else {
        let name = v.get_type().name().map_or_else(|_| String::from("?"), |n| n.to_string());
        return Err(PyTypeError::new_err(format!("{name} cannot be sent in a request")));
    })
}

/// The trace of a typed call, rendered when it is first asked for. A call whose arguments are all
/// immutable values (text, numbers, dates, `Decimal`) is answered without recording its trace (recording
/// costs more than the rule): the rule is run again with a recording trace — a pure function of the same
/// arguments — when the trace is asked for. Other calls record it as they run.
#[pyclass(frozen, module = "shftu_rules._native")]
pub struct Trace_ {
    steps: Option<Vec<TraceStep>>,
    input: Option<Py<PyAny>>,
    edition: &'static Edition,
    lang: Lang,
    /// The rule that answered.
    #[pyo3(get)]
    rule: &'static str,
}

#[pymethods]
impl Trace_ {
    /// The steps as `(clause, note)` pairs in the call's language.
    fn steps(&self, py: Python<'_>) -> PyResult<Vec<(String, String)>> {
        let r = self.edition.render(self.lang);
        let render = |steps: &[TraceStep]| steps.iter().map(|s| (s.clause_text(r), s.note(r))).collect();
        match (&self.steps, &self.input) {
            (Some(steps), _) => Ok(render(steps)),
            (None, Some(input)) => {
                let again = Typed {
                    input: PySrc::new(input.bind(py).clone()),
                    edition: self.edition,
                    lang: self.lang,
                    record: true,
                };
                let steps = with_rule(self.rule, Retrace(again)).unwrap_or_else(|| Ok(Vec::new()))?;
                Ok(render(&steps))
            }
            (None, None) => Ok(Vec::new()),
        }
    }
    /// The edition that answered.
    #[getter]
    fn edition(&self) -> &'static str {
        self.edition.name
    }
    /// The language of the call.
    #[getter]
    fn lang(&self) -> &'static str {
        self.lang.tag()
    }
}

/// Is every value of the input mapping immutable (so the rule can be run again on it, for its trace)?
fn flat(input: &Bound<'_, PyAny>) -> bool {
    let Ok(d) = input.cast::<PyDict>() else { return false };
    d.values().iter().all(|v| {
        v.is_none()
            || v.is_instance_of::<PyString>()
            || v.is_instance_of::<PyInt>()
            || v.is_instance_of::<PyFloat>()
            || (v.is_instance_of::<PyDate>() && !v.is_instance_of::<PyDateTime>())
            || convert::decimal_type(v.py()).is_ok_and(|t| v.get_type().is(t))
    })
}

/// Reads and evaluates one rule's call.
struct Typed<'py> {
    input: PySrc<'py>,
    edition: &'static Edition,
    lang: Lang,
    record: bool,
}

impl Typed<'_> {
    fn run<R: Rule>(&self, trace: &mut Trace) -> PyResult<R::Output> {
        let py = self.input.0.py();
        let r = self.edition.render(self.lang);
        let input = ENGINE.read::<R, _>(&self.input).map_err(|e| to_py(py, &e, r))?;
        let (edition, calendar) = (self.edition, ENGINE.calendar());
        let cx = shftu_rules::registry::Ctx { edition, calendar };
        R::eval(&cx, &input, trace).map_err(|e| to_py(py, &e, r))
    }
}

/// A typed call run again for its trace.
struct Retrace<'py>(Typed<'py>);

impl Visit for Retrace<'_> {
    type Out = PyResult<Vec<TraceStep>>;
    fn visit<R: Rule>(self) -> Self::Out {
        let mut trace = Trace::new();
        self.0.run::<R>(&mut trace)?;
        Ok(trace.into_steps())
    }
}

impl<'py> Visit for Typed<'py> {
    type Out = PyResult<Bound<'py, PyAny>>;
    fn visit<R: Rule>(self) -> Self::Out {
        let py = self.input.0.py();
        let mut trace = if self.record { Trace::new() } else { Trace::off() };
        let out = self.run::<R>(&mut trace)?;
        let obj = convert::to_py(py, &out, <R::Output as Described>::shape())?;
        let t = Trace_ {
            steps: self.record.then(|| trace.into_steps()),
            // A copy of the flat mapping: the caller may change theirs afterwards.
            input: match self.record {
                true => None,
                false => Some(self.input.0.cast::<PyDict>().map_err(PyErr::from)?.copy()?.into_any().unbind()),
            },
            edition: self.edition,
            lang: self.lang,
            rule: R::ID,
        };
        obj.setattr(pyo3::intern!(py, "_t"), Bound::new(py, t)?)?;
        Ok(obj)
    }
}

/// Any rule by id: `input` a mapping of its fields (money `Decimal`/`int`/`str`, never a `float`; dates
/// `datetime.date` or ISO text; codes or the plan's Chinese names). Returns the result as the generated
/// class (its `_t` the trace).
#[pyfunction]
#[pyo3(signature = (rule, input, edition=None, lang="en"))]
pub fn call<'py>(py: Python<'py>, rule: &str, input: &Bound<'py, PyAny>, edition: Option<&str>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
    guard(py, || {
        let lang = self::lang(py, lang)?;
        let ed = self::edition(py, edition, lang)?;
        let typed = Typed {
            input: PySrc::new(input.clone()),
            edition: ed,
            lang,
            record: !flat(input),
        };
        with_rule(rule, typed).unwrap_or_else(|| {
            let rule = shftu_rules::msg::cut(rule).to_owned();
            let e = Error::UnknownRule { rule };
            Err(to_py(py, &e, ed.render(lang)))
        })
    })
}

/// Registers the generated result classes (`{shape name: class}`).
#[pyfunction]
pub fn register_classes(classes: &Bound<'_, PyDict>) -> PyResult<()> {
    convert::register_classes(classes)
}

/// The rule ids, in the plan's order.
#[pyfunction]
pub fn rules() -> Vec<&'static str> {
    shftu_rules::RULES.iter().map(|r| r.id).collect()
}

/// The registry as JSON (`shftu-rules describe`): rules, shapes, closed sets, errors, limits, languages.
#[pyfunction]
pub fn describe() -> String {
    shftu_rules::describe::describe().to_string()
}

/// A clerk-ready text of a response (its JSON text) in `lang`.
#[pyfunction]
#[pyo3(signature = (response, lang="en"))]
pub fn explain(py: Python<'_>, response: &str, lang: &str) -> PyResult<String> {
    guard(py, || {
        let l = self::lang(py, lang)?;
        shftu_rules::explain::explain(response, l).map_err(|e| to_py(py, &e, Render::new(l, "")))
    })
}

/// Makes a Rust panic on purpose, inside the boundary guard: lets the tests prove that a panic reaches
/// Python as `InternalError`, never as `PanicException`.
#[pyfunction]
#[allow(clippy::panic, reason = "the one deliberate panic: the test of the boundary guard")]
pub fn _panic_for_test(py: Python<'_>) -> PyResult<()> {
    guard(py, || std::panic::panic_any("a panic raised on purpose by _panic_for_test"))
}
