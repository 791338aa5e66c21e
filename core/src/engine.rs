//! The engine: the wire contract's envelope (`spec/contract.md`) — request options (`edition`, `lang`,
//! `trace`), the limits in force, dispatch through the registry, and the `ok` / error responses that
//! every binding answers byte for byte alike.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::Value;

use crate::calendar::Calendar;
use crate::error::{Error, Result};
use crate::limits::{Limit, Limits};
use crate::msg::{m, Arg, Lang, Render};
use crate::params::{Edition, EDITIONS};
use crate::read::{read_input, Kind, ReadCx, Source};
use crate::registry::{with_rule, Ctx, Rule, Visit};
use crate::trace::{Trace, TraceStep};

/// How much of the trace a response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TraceMode {
    /// No trace (`"trace": []`): for bulk work.
    Off,
    /// Each step's clause and note (the default).
    #[default]
    Notes,
    /// Each step's clause, note, message code and the edition parameters it read (id, value, clause).
    Full,
}

impl TraceMode {
    /// From the request's `trace` option.
    pub fn parse(s: &str) -> Option<TraceMode> {
        match s {
            "off" => Some(TraceMode::Off),
            "notes" => Some(TraceMode::Notes),
            "full" => Some(TraceMode::Full),
            _ => None,
        }
    }
}

/// The options of one evaluation besides the rule and its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// The language of notes and messages.
    pub lang: Lang,
    /// How much trace to answer with.
    pub trace: TraceMode,
}

/// The top-level fields of a request.
pub const REQUEST_FIELDS: &[&str] = &["rule", "input", "edition", "lang", "trace"];

/// A host's set of editions, calendar and limits. [`evaluate`] uses the built-in ones; a host that adds
/// a year's holiday notice or an edition of its own, or sets its own limits, evaluates through an `Engine`.
#[derive(Debug, Clone)]
pub struct Engine {
    editions: Cow<'static, [Edition]>,
    calendar: Calendar,
    limits: Limits,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::builtin()
    }
}

/// A decided request: the rule, the edition, the result as JSON and the trace.
pub type Answer<'e> = (&'static str, &'e Edition, String, Vec<TraceStep>);

impl Engine {
    /// The built-in editions and calendar, with the default limits.
    pub fn builtin() -> Engine {
        Engine {
            editions: Cow::Borrowed(EDITIONS),
            calendar: Calendar::builtin(),
            limits: Limits::DEFAULT,
        }
    }
    /// This engine with `edition` added (replacing one of the same name).
    pub fn with_edition(mut self, edition: Edition) -> Engine {
        let eds = self.editions.to_mut();
        eds.retain(|e| e.name != edition.name);
        eds.push(edition);
        self
    }
    /// This engine with another calendar.
    pub fn with_calendar(mut self, calendar: Calendar) -> Engine {
        self.calendar = calendar;
        self
    }
    /// This engine with other limits.
    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }
    /// The calendar.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }
    /// The limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
    /// The edition called `name`.
    pub fn edition(&self, name: &str) -> Option<&Edition> {
        self.editions.iter().find(|e| e.name == name)
    }
    /// The editions.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// What a rule sees for the edition called `name` (the default edition when `None`).
    pub fn ctx(&self, name: Option<&str>) -> Result<Ctx<'_>> {
        let name = name.unwrap_or(crate::DEFAULT_EDITION);
        let edition = self.edition(name).ok_or_else(|| Error::UnknownEdition {
            edition: crate::msg::cut(name).to_string(),
            known: self.editions.iter().map(|e| e.name).collect::<Vec<_>>().join(", "),
        })?;
        Ok(Ctx {
            edition,
            calendar: &self.calendar,
        })
    }

    /// Reads a rule's input from any source (a JSON value, a host's own values) with this engine's limits.
    pub fn read<R: Rule, S: Source>(&self, input: &S) -> Result<R::Input> {
        read_input::<R::Input, S>(input, &ReadCx { limits: &self.limits })
    }

    /// Answers one request of the wire contract.
    pub fn evaluate(&self, request: &str) -> String {
        // A plain request is read from a borrowed tree; any other (and any error, so that every error is
        // worded as before) through `serde_json::Value`. The answers are the same text.
        if let Some(Ok(out)) = self.evaluate_borrowed_inner(request) {
            return out;
        }
        match self.parse(request) {
            Ok(v) => self.evaluate_value(&v),
            Err(e) => error_envelope(None, &e, Render::EN),
        }
    }

    /// Parses a request's text within the limits: its size (`request_bytes`) and the number of JSON values
    /// it holds (`values`, counted before parsing), so that no request costs more memory than the limits
    /// allow. A leading byte-order mark is skipped.
    pub fn parse(&self, request: &str) -> Result<Value> {
        self.check_size(request.len())?;
        let text = request.strip_prefix('\u{feff}').unwrap_or(request);
        // Each value takes a byte and a separator: a text shorter than twice the limit cannot pass it.
        if text.len() / 2 >= self.limits.values {
            let values = count_values(text, self.limits.values);
            if values > self.limits.values {
                return Err(exceeded(Limit::Values, values, self.limits.values, "request"));
            }
        }
        serde_json::from_str::<Value>(text).map_err(|e| Error::InvalidJson { detail: e.to_string() })
    }

    /// `limit_exceeded` when a request of `len` bytes is past `request_bytes` (hosts check this before
    /// copying a request's text).
    pub fn check_size(&self, len: usize) -> Result<()> {
        if len > self.limits.request_bytes {
            return Err(exceeded(Limit::RequestBytes, len, self.limits.request_bytes, "request"));
        }
        Ok(())
    }

    /// [`Engine::evaluate`] through the borrowed reader alone ([`crate::json`]): `None` when the request is
    /// not one it answers — not within the limits, not JSON it reads plainly, or an envelope that is not
    /// plain (an unknown field, rule, language or trace mode, an option of the wrong type, no input). A
    /// rule's error is answered. For tests that compare it with [`Engine::evaluate_value`].
    #[doc(hidden)]
    pub fn evaluate_borrowed(&self, request: &str) -> Option<String> {
        self.evaluate_borrowed_inner(request).map(|r| r.unwrap_or_else(|e| e))
    }

    /// The borrowed reader's answer: `Ok` the response, `Err` an error response.
    fn evaluate_borrowed_inner(&self, request: &str) -> Option<core::result::Result<String, String>> {
        if request.len() > self.limits.request_bytes {
            return None;
        }
        let text = request.strip_prefix('\u{feff}').unwrap_or(request);
        if text.len() / 2 >= self.limits.values && count_values(text, self.limits.values) > self.limits.values {
            return None;
        }
        let doc = crate::json::Doc::parse(text)?;
        let root = doc.root();
        if root.kind() != Kind::Object || root.raw_keys().any(|k| !REQUEST_FIELDS.contains(&k)) {
            return None;
        }
        let plain = |key: &str| -> Option<Option<&str>> {
            match root.get(key) {
                None => Some(None),
                Some(v) if v.is_null() => Some(None),
                Some(v) => v.str().map(Some),
            }
        };
        let rule = crate::registry::rule(root.get("rule")?.str()?)?.id;
        let lang = match plain("lang")? {
            None => Lang::En,
            Some(s) => Lang::parse(s)?,
        };
        let trace = match plain("trace")? {
            None => TraceMode::Notes,
            Some(s) => TraceMode::parse(s)?,
        };
        let edition_name = plain("edition")?;
        let input = root.get("input")?;
        let cx = self.ctx(edition_name).ok()?;
        let render = Render::new(lang, cx.edition.meta.document);
        let mut steps = if trace == TraceMode::Off { Trace::off() } else { Trace::new() };
        // The envelope's head, then the result written straight after it, then the trace.
        let mut out = String::with_capacity(1024);
        ok_head(&mut out, rule, cx.edition);
        let result = with_rule(
            rule,
            JsonVisit {
                engine: self,
                cx: &cx,
                input,
                trace: &mut steps,
                out: &mut out,
            },
        )?;
        Some(match result {
            Ok(()) => {
                ok_tail(&mut out, steps.steps(), cx.edition, trace, render);
                Ok(out)
            }
            Err(e) => Err(error_envelope(Some(rule), &e, render)),
        })
    }

    /// [`Engine::evaluate`] on a parsed request.
    pub fn evaluate_value(&self, request: &Value) -> String {
        let (rule, opts, doc) = match self.envelope(request) {
            Ok(x) => x,
            Err((rule, e, r)) => return error_envelope(rule, &e, r),
        };
        let render = Render::new(opts.lang, doc);
        match self.answer(request, rule, opts) {
            Ok((rule, edition, result, trace)) => ok_envelope(rule, edition, &result, &trace, opts, render),
            Err(e) => error_envelope(Some(rule), &e, render),
        }
    }

    /// Reads the envelope: the rule (known), the options, and the language to answer errors in.
    #[allow(clippy::type_complexity, reason = "a private step of evaluate_value")]
    fn envelope<'s>(
        &'s self,
        request: &Value,
    ) -> core::result::Result<(&'static str, Options, &'s str), (Option<&'static str>, Error, Render<'s>)> {
        let Value::Object(map) = request else {
            return Err((
                None,
                Error::InvalidJson {
                    detail: String::from("the request must be a json object"),
                },
                Render::EN,
            ));
        };
        // The rule, when it is named and known, is echoed in every error that follows.
        let known_rule = match map.get("rule") {
            Some(Value::String(s)) => crate::registry::rule(s).map(|r| r.id),
            _ => None,
        };
        // The language first, so that the errors after it are written in it.
        let lang = match map.get("lang") {
            None | Some(Value::Null) => Lang::En,
            Some(Value::String(s)) => match Lang::parse(s) {
                Some(l) => l,
                None => {
                    let langs: Vec<Arg> = Lang::ALL.iter().map(|l| Arg::quoted(l.tag())).collect();
                    return Err((
                        known_rule,
                        Error::invalid("lang", m::engine::unknown_lang(Arg::quoted(s), langs)),
                        Render::EN,
                    ));
                }
            },
            Some(v) => {
                return Err((
                    known_rule,
                    Error::invalid("lang", m::read::wrong_type("lang", m::engine::expected_lang(), v.kind())),
                    Render::EN,
                ))
            }
        };
        let doc = self
            .editions
            .iter()
            .find(|e| {
                e.name
                    == match map.get("edition") {
                        Some(Value::String(s)) => s.as_str(),
                        _ => crate::DEFAULT_EDITION,
                    }
            })
            .or_else(|| self.editions.first())
            .map_or("", |e| e.meta.document);
        let r = Render::new(lang, doc);
        let fail = |e: Error| Err((known_rule, e, r));
        if let Some(k) = map.keys().filter(|k| !REQUEST_FIELDS.contains(&k.as_str())).min() {
            let fields: Vec<Arg> = REQUEST_FIELDS.iter().map(|f| Arg::from(*f)).collect();
            return fail(Error::invalid(k.clone(), m::engine::unknown_request_field(Arg::quoted(k), fields)));
        }
        let rule = match map.get("rule") {
            #[cfg(feature = "panic-hook")]
            Some(Value::String(s)) if s == "test.panic" => test_panic(),
            Some(Value::String(s)) => match known_rule {
                Some(id) => id,
                None => {
                    return fail(Error::UnknownRule {
                        rule: crate::msg::cut(s).to_string(),
                    })
                }
            },
            Some(v) => {
                return fail(Error::invalid(
                    "rule",
                    m::read::wrong_type("rule", m::engine::expected_rule_id(), v.kind()),
                ))
            }
            None => return fail(Error::invalid("rule", m::engine::rule_required())),
        };
        let trace = match map.get("trace") {
            None | Some(Value::Null) => TraceMode::Notes,
            Some(Value::String(s)) => match TraceMode::parse(s) {
                Some(t) => t,
                None => return fail(Error::invalid("trace", m::engine::unknown_trace_mode(Arg::quoted(s)))),
            },
            Some(v) => return fail(Error::invalid("trace", m::engine::unknown_trace_mode(Arg::from(v.kind())))),
        };
        Ok((rule, Options { lang, trace }, doc))
    }

    fn answer(&self, request: &Value, rule: &'static str, opts: Options) -> Result<Answer<'_>> {
        let edition_name = match request.get("edition") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(v) => {
                return Err(Error::invalid(
                    "edition",
                    m::read::wrong_type("edition", m::engine::expected_edition(), v.kind()),
                ))
            }
        };
        let cx = self.ctx(edition_name)?;
        let input = request
            .get("input")
            .ok_or_else(|| Error::invalid("input", m::engine::input_required()))?;
        let mut trace = if opts.trace == TraceMode::Off { Trace::off() } else { Trace::new() };
        let mut result = String::new();
        with_rule(
            rule,
            JsonVisit {
                engine: self,
                cx: &cx,
                input,
                trace: &mut trace,
                out: &mut result,
            },
        )
        .ok_or_else(|| Error::UnknownRule { rule: rule.to_string() })??;
        Ok((rule, cx.edition, result, trace.into_steps()))
    }
}

fn exceeded(limit: Limit, value: usize, max: usize, path: &str) -> Error {
    Error::LimitExceeded {
        limit,
        value: u64::try_from(value).unwrap_or(u64::MAX),
        max: u64::try_from(max).unwrap_or(u64::MAX),
        path: String::from(path),
    }
}

/// An upper bound of the JSON values in `text` — one per `[`, `{` and `,` outside strings, plus one —
/// counted without parsing; stops counting past `max`.
pub fn count_values(text: &str, max: usize) -> usize {
    let mut n: usize = 1;
    let (mut in_str, mut escaped) = (false, false);
    for b in text.bytes() {
        if in_str {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_str = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' | b',' => {
                n = n.saturating_add(1);
                if n > max {
                    return n;
                }
            }
            _ => {}
        }
    }
    n
}

/// Reads a rule's input from JSON, evaluates it and writes its result as JSON.
struct JsonVisit<'a, 't, S: Source> {
    engine: &'a Engine,
    cx: &'a Ctx<'a>,
    input: S,
    trace: &'t mut Trace,
    /// Where the result is written.
    out: &'t mut String,
}

impl<S: Source> Visit for JsonVisit<'_, '_, S> {
    type Out = Result<()>;
    fn visit<R: Rule>(self) -> Result<()> {
        let input = self.engine.read::<R, _>(&self.input)?;
        let out = R::eval(self.cx, &input, self.trace)?;
        crate::ser::write_json(self.out, &out).map_err(|e| Error::invalid("input", m::engine::result_unwritable(e.to_string())))
    }
}

/// Answers one request of the wire contract (`spec/contract.md`) with the built-in editions, calendar
/// and limits. Never panics; a request that cannot be evaluated gets an `ok: false` response.
pub fn evaluate(request: &str) -> String {
    Engine::builtin().evaluate(request)
}

/// [`evaluate`] on a parsed request.
pub fn evaluate_value(request: &Value) -> String {
    Engine::builtin().evaluate_value(request)
}

/// With the test-only `panic-hook` feature, the rule id `test.panic` panics inside the core, so that each
/// binding's tests can prove a panic becomes its internal-error exception instead of crashing the host.
#[cfg(feature = "panic-hook")]
#[allow(clippy::panic, reason = "the deliberate panic is what the test hook is for")]
fn test_panic() -> ! {
    panic!("test.panic: a deliberate panic inside the core (panic-hook feature)");
}

pub use crate::text::push_json_str;

/// The trace as the response carries it: `[{"clause", "note"}]`, and in full mode also the message `code`
/// and the `params` each step read (`{"clause", "id", "value"}`), keys in sorted order as everywhere in the
/// contract. Written straight into the text, with no intermediate JSON tree.
pub fn trace_json(trace: &[TraceStep], edition: &Edition, mode: TraceMode, r: Render<'_>) -> String {
    let mut out = String::with_capacity(64 + trace.len() * 160);
    write_trace(&mut out, trace, edition, mode, r);
    out
}

fn write_trace(out: &mut String, trace: &[TraceStep], edition: &Edition, mode: TraceMode, r: Render<'_>) {
    out.push('[');
    if mode != TraceMode::Off {
        for (i, s) in trace.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str("{\"clause\":");
            if r.lang == Lang::En {
                push_json_str(out, s.clause);
            } else {
                push_json_str(out, &s.clause_text(r));
            }
            if mode == TraceMode::Full {
                out.push_str(",\"code\":");
                push_json_str(out, s.msg.id().name());
            }
            out.push_str(",\"note\":\"");
            // Rendered in place, and escaped only if it holds a byte to escape.
            let mark = out.len();
            s.msg.render_into(r, out);
            if out.as_bytes().get(mark..).and_then(crate::text::find_special).is_some() {
                let note = out.split_off(mark);
                crate::text::push_json_str_contents(out, &note);
            }
            out.push('"');
            if mode == TraceMode::Full {
                out.push_str(",\"params\":[");
                for (j, p) in s.reads.iter().enumerate() {
                    if j > 0 {
                        out.push(',');
                    }
                    out.push_str("{\"clause\":");
                    let clause = p.info(edition).map_or("", |i| i.clause);
                    push_json_str(out, &crate::msg::clause(clause, r));
                    out.push_str(",\"id\":");
                    push_json_str(out, p.id());
                    out.push_str(",\"value\":");
                    out.push_str(&serde_json::to_string(&p.value(edition)).unwrap_or_else(|_| String::from("null")));
                    out.push('}');
                }
                out.push(']');
            }
            out.push('}');
        }
    }
    out.push(']');
}

fn ok_envelope(rule: &str, edition: &Edition, result: &str, trace: &[TraceStep], opts: Options, r: Render<'_>) -> String {
    let mut out = String::with_capacity(64 + result.len() + trace.len() * 160);
    ok_head(&mut out, rule, edition);
    out.push_str(result);
    ok_tail(&mut out, trace, edition, opts.trace, r);
    out
}

/// The `ok: true` envelope up to its result.
fn ok_head(out: &mut String, rule: &str, edition: &Edition) {
    out.push_str("{\"ok\":true,\"rule\":");
    push_json_str(out, rule);
    out.push_str(",\"edition\":");
    push_json_str(out, edition.name);
    out.push_str(",\"result\":");
}

/// The `ok: true` envelope after its result: the trace.
fn ok_tail(out: &mut String, trace: &[TraceStep], edition: &Edition, mode: TraceMode, r: Render<'_>) {
    out.push_str(",\"trace\":");
    write_trace(out, trace, edition, mode, r);
    out.push('}');
}

/// The `ok: false` envelope for `e` in a language (bindings use it for errors they raise themselves).
pub fn error_envelope(rule: Option<&str>, e: &Error, r: Render<'_>) -> String {
    let mut out = String::with_capacity(160);
    out.push_str("{\"ok\":false,\"rule\":");
    match rule {
        Some(rule) => push_json_str(&mut out, rule),
        None => out.push_str("null"),
    }
    out.push_str(",\"error\":{\"code\":");
    push_json_str(&mut out, e.code());
    out.push_str(",\"message\":");
    push_json_str(&mut out, &e.message(r));
    out.push_str(",\"path\":");
    match e.path() {
        Some(path) => push_json_str(&mut out, path),
        None => out.push_str("null"),
    }
    out.push_str("}}");
    out
}
