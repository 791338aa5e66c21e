//! What the JNI entry points answer, as plain functions of bytes (testable without a JVM).
//!
//! Every function runs inside [`guard`]: a Rust panic becomes the status [`INTERNAL`] with the panic's
//! text, never an unwind into the JVM. Nothing here decides anything: requests go to the core's engine,
//! typed inputs to the core's reader (through [`Tree`], a [`shftu_rules::read::Source`]) and the rule
//! the registry names, results out through serde.
//!
//! Statuses (the first byte of a typed answer): [`OK`], [`ERR`] (an error tree `{code, path, message}`),
//! [`INTERNAL`] (a text). Languages and trace modes are the indexes of `Lang::ALL` and of
//! `off, notes, full`, as the generated `Lang` and the hand-written `TraceMode` of Java number them.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use shftu_rules::engine::{error_envelope, TraceMode};
use shftu_rules::msg::{m, Render};
use shftu_rules::read::Expected;
use shftu_rules::registry::{each_rule, Ctx, Rule, VisitEach};
use shftu_rules::{Engine, Error, Lang, Limit, Trace, TraceStep, RULES};

use crate::tree::{self, At, Out, Tree, TreeError, WriteError, ARR, OBJ};

/// The answer holds a result (and its trace), or the edition's index.
pub const OK: u8 = 0;
/// The answer holds an error: `{code, path, message}`.
pub const ERR: u8 = 1;
/// The answer holds the text of a bug caught at the boundary (`internal_error`).
pub const INTERNAL: u8 = 2;

/// The engine every call uses: the built-in editions, calendar and limits.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// The language of index `i` (`Lang::ALL`); English for any other.
pub fn lang(i: i32) -> Lang {
    usize::try_from(i).ok().and_then(|i| Lang::ALL.get(i).copied()).unwrap_or(Lang::En)
}

/// The trace mode of index `i`: `off`, `notes`, `full`.
pub fn trace_mode(i: i32) -> TraceMode {
    match i {
        0 => TraceMode::Off,
        2 => TraceMode::Full,
        _ => TraceMode::Notes,
    }
}

/// The text of a panic payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// `[INTERNAL]` followed by the message.
pub fn internal(text: &str) -> Vec<u8> {
    let msg = format!("internal error in shftu-rules (please report it): {text}");
    let mut out = Vec::with_capacity(msg.len() + 1);
    out.push(INTERNAL);
    out.extend_from_slice(msg.as_bytes());
    out
}

/// Runs `f`, turning a panic inside it into an [`INTERNAL`] answer.
pub fn guard(f: impl FnOnce() -> Vec<u8>) -> Vec<u8> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| internal(&panic_text(p.as_ref())))
}

fn render_for(edition: Option<&shftu_rules::Edition>, lang: Lang) -> Render<'static> {
    edition.map_or_else(|| shftu_rules::render(lang), |e| e.render(lang))
}

/// `[ERR] {code, path, message}` for `e`, its message in `r`.
pub fn error(e: &Error, r: Render<'_>) -> Vec<u8> {
    let mut out = Out::with_capacity(128);
    out.tag(ERR);
    if write_error(&mut out, e, r).is_err() {
        return internal("an error could not be written");
    }
    out.buf
}

fn write_error(out: &mut Out, e: &Error, r: Render<'_>) -> Result<(), WriteError> {
    let at = out.open(OBJ);
    out.key("code")?;
    out.str(e.code())?;
    out.key("path")?;
    out.opt_str(e.path())?;
    out.key("message")?;
    out.str(&e.message(r))?;
    out.close(at, 3)
}

// -------------------------------------------------------------------------------------------------
// The wire contract on text.

/// How Java marks a request it did not send as text.
#[derive(Debug, Clone, Copy)]
pub enum Refused {
    /// A lone surrogate at this index of the Java string: not Unicode text.
    LoneSurrogate(i64),
    /// The request's UTF-8 length, past the request-size limit (the text was not copied).
    TooLarge(i64),
    /// A Java null.
    Null,
}

/// The `ok: false` response for a request Java did not send.
pub fn refused(why: Refused) -> String {
    let e = match why {
        Refused::LoneSurrogate(i) => Error::InvalidJson {
            detail: format!("character {i} of the request is a lone surrogate, which is not unicode text"),
        },
        Refused::TooLarge(n) => Error::LimitExceeded {
            limit: Limit::RequestBytes,
            value: u64::try_from(n).unwrap_or(0),
            max: u64::try_from(engine().limits().request_bytes).unwrap_or(u64::MAX),
            path: "request".to_owned(),
        },
        Refused::Null => Error::InvalidJson {
            detail: "the request is null".to_owned(),
        },
    };
    error_envelope(None, &e, Render::EN)
}

/// Answers one request (UTF-8 text): the core's response, as UTF-8.
pub fn evaluate_text(request: &[u8]) -> String {
    match std::str::from_utf8(request) {
        Ok(s) => engine().evaluate(s),
        Err(e) => error_envelope(None, &Error::InvalidJson { detail: e.to_string() }, Render::EN),
    }
}

/// The answer of `evaluate`: the response's UTF-8 bytes (they start with `{`), or [`internal`].
pub fn evaluate(request: &[u8]) -> Vec<u8> {
    guard(|| evaluate_text(request).into_bytes())
}

/// The answer of `evaluate` for a request Java did not send.
pub fn evaluate_refused(why: Refused) -> Vec<u8> {
    guard(|| refused(why).into_bytes())
}

fn take<const N: usize>(buf: &[u8], pos: &mut usize) -> Option<[u8; N]> {
    let end = pos.checked_add(N)?;
    let b = buf.get(*pos..end)?;
    *pos = end;
    b.try_into().ok()
}

/// One request of a batch, as Java sent it.
enum Item<'b> {
    Text(&'b [u8]),
    Refused(Refused),
}

fn parse_batch(batch: &[u8]) -> Option<Vec<Item<'_>>> {
    let mut pos = 0usize;
    let n = take::<4>(batch, &mut pos).map(u32::from_le_bytes)?;
    // Every request takes four bytes at least: a count past the bytes sent is not a batch.
    if usize::try_from(n).ok()? > batch.len() / 4 {
        return None;
    }
    let mut items = Vec::with_capacity(usize::try_from(n).ok()?);
    for _ in 0..n {
        let len = take::<4>(batch, &mut pos).map(i32::from_le_bytes)?;
        items.push(match len {
            -1 => Item::Refused(Refused::LoneSurrogate(take::<8>(batch, &mut pos).map(i64::from_le_bytes)?)),
            -2 => Item::Refused(Refused::TooLarge(take::<8>(batch, &mut pos).map(i64::from_le_bytes)?)),
            -3 => Item::Refused(Refused::Null),
            n if n >= 0 => {
                let end = pos.checked_add(usize::try_from(n).ok()?)?;
                let text = batch.get(pos..end)?;
                pos = end;
                Item::Text(text)
            }
            _ => return None,
        });
    }
    Some(items)
}

fn answer(item: &Item<'_>) -> String {
    match item {
        Item::Text(t) => evaluate_text(t),
        Item::Refused(r) => refused(*r),
    }
}

/// Below this many requests a batch is answered on the calling thread.
const PARALLEL_FROM: usize = 64;

/// Answers many requests in one crossing, on up to `threads` threads (scoped to the call; the answers in
/// the requests' order). In: a `u32` count, then per request an `i32`: its UTF-8 length and the bytes, or
/// `-1` and an `i64` index (a lone surrogate), `-2` and an `i64` UTF-8 length (too large), `-3` (null).
/// Out: `[OK]`, then per response its `u32` length and UTF-8 bytes; or [`internal`] (a malformed batch, or
/// a panic on any thread).
pub fn evaluate_many(batch: &[u8], threads: usize) -> Vec<u8> {
    guard(|| {
        let Some(items) = parse_batch(batch) else {
            return internal("a malformed batch");
        };
        let threads = threads.clamp(1, 64).min(items.len() / PARALLEL_FROM).max(1);
        let answers: Vec<String> = if threads == 1 {
            items.iter().map(answer).collect()
        } else {
            let chunk = items.len().div_ceil(threads);
            let parts: Vec<std::thread::Result<Vec<String>>> = std::thread::scope(|s| {
                let handles: Vec<_> = items
                    .chunks(chunk)
                    .map(|part| s.spawn(move || part.iter().map(answer).collect::<Vec<String>>()))
                    .collect();
                handles.into_iter().map(|h| h.join()).collect()
            });
            let mut all = Vec::with_capacity(items.len());
            for p in parts {
                match p {
                    Ok(v) => all.extend(v),
                    Err(payload) => return internal(&panic_text(payload.as_ref())),
                }
            }
            all
        };
        let size = answers.iter().map(|a| a.len() + 4).sum::<usize>() + 1;
        let mut out = Vec::with_capacity(size);
        out.push(OK);
        for a in &answers {
            let Ok(l) = u32::try_from(a.len()) else {
                return internal("a response too long to send");
            };
            out.extend_from_slice(&l.to_le_bytes());
            out.extend_from_slice(a.as_bytes());
        }
        out
    })
}

// -------------------------------------------------------------------------------------------------
// Editions, explanations, the registry.

/// Opens an edition by name (`None`: the default edition, as a null `edition` on the wire):
/// `[OK]` and its `u32` index, or the `unknown_edition` error in `lang`.
pub fn open(name: Option<&[u8]>, lang: Lang) -> Vec<u8> {
    guard(|| {
        let name = match name.map(std::str::from_utf8) {
            None => shftu_rules::DEFAULT_EDITION.to_owned(),
            Some(Ok(s)) => s.to_owned(),
            Some(Err(_)) => String::from_utf8_lossy(name.unwrap_or_default()).into_owned(),
        };
        let engine = engine();
        let r = render_for(None, lang);
        match engine.ctx(Some(&name)) {
            Ok(cx) => {
                let i = engine
                    .editions()
                    .iter()
                    .position(|e| std::ptr::eq(e, cx.edition))
                    .and_then(|i| u32::try_from(i).ok())
                    .unwrap_or(0);
                let mut out = vec![OK];
                out.extend_from_slice(&i.to_le_bytes());
                out
            }
            Err(e) => error(&e, r),
        }
    })
}

/// The name of the edition of index `i`.
pub fn edition_name(i: usize) -> Option<&'static str> {
    engine().editions().get(i).map(|e| e.name)
}

/// `explain(response, lang)`: `[OK]` and the text (UTF-8), or the error (`invalid_json` for text
/// that is not a response).
pub fn explain(response: &[u8], lang: Lang) -> Vec<u8> {
    guard(|| {
        let text = match std::str::from_utf8(response) {
            Ok(s) => s,
            Err(e) => return error(&Error::InvalidJson { detail: e.to_string() }, render_for(None, lang)),
        };
        match shftu_rules::explain::explain(text, lang) {
            Ok(s) => {
                let mut out = Vec::with_capacity(s.len() + 1);
                out.push(OK);
                out.extend_from_slice(s.as_bytes());
                out
            }
            Err(e) => error(&e, render_for(None, lang)),
        }
    })
}

/// The registry as JSON (`shftu-rules describe`).
pub fn describe() -> Vec<u8> {
    guard(|| shftu_rules::describe::describe().to_string().into_bytes())
}

/// The rule ids, one a line, in the registry's order (the generated Java checks it was generated
/// from this library's registry).
pub fn rule_ids() -> Vec<u8> {
    guard(|| {
        let mut s = String::new();
        for r in RULES {
            s.push_str(r.id);
            s.push('\n');
        }
        s.into_bytes()
    })
}

/// `[ERR]` for a required argument of the Java API given as null (`requests`, …): the core's
/// "is required" message at `path`, in `lang`.
pub fn required(path: &str, expected: i32, lang: Lang) -> Vec<u8> {
    guard(|| {
        let ex = match expected {
            1 => Expected::Object,
            2 => Expected::Text,
            _ => Expected::Array,
        };
        let e = Error::invalid(path, m::read::required(path.to_owned(), ex.msg()));
        error(&e, render_for(None, lang))
    })
}

// -------------------------------------------------------------------------------------------------
// Typed calls through the registry.

/// A rule's typed call failed.
enum Fail {
    /// The core's error.
    Core(Error),
    /// The result could not be written (a bug).
    Write(WriteError),
}

impl From<Error> for Fail {
    fn from(e: Error) -> Fail {
        Fail::Core(e)
    }
}
impl From<WriteError> for Fail {
    fn from(e: WriteError) -> Fail {
        Fail::Write(e)
    }
}

type Runner = fn(&Engine, &Ctx<'_>, At<'_, '_>, TraceMode, Render<'_>, &mut Out) -> Result<(), Fail>;

/// Reads rule `R`'s input from the tree with the core's reader, evaluates it, writes the result and
/// the trace.
fn run<R: Rule>(engine: &Engine, cx: &Ctx<'_>, input: At<'_, '_>, mode: TraceMode, r: Render<'_>, out: &mut Out) -> Result<(), Fail> {
    let input = engine.read::<R, _>(&input)?;
    let mut trace = if mode == TraceMode::Off { Trace::off() } else { Trace::new() };
    let result = R::eval(cx, &input, &mut trace)?;
    out.tag(OK);
    write_trace(out, trace.steps(), cx.edition, mode, r)?;
    tree::write(out, &result)?;
    Ok(())
}

struct Runners(Vec<Runner>);

impl VisitEach for Runners {
    fn visit<R: Rule>(&mut self) {
        self.0.push(run::<R>);
    }
}

/// One runner per rule, in the registry's order.
fn runners() -> &'static [Runner] {
    static RUNNERS: OnceLock<Vec<Runner>> = OnceLock::new();
    RUNNERS.get_or_init(|| {
        let mut v = Runners(Vec::with_capacity(RULES.len()));
        each_rule(&mut v);
        v.0
    })
}

/// The trace as an array of `{clause, note}` (and `code`, `params` when full), in the language.
pub fn write_trace(
    out: &mut Out,
    steps: &[TraceStep],
    edition: &shftu_rules::Edition,
    mode: TraceMode,
    r: Render<'_>,
) -> Result<(), WriteError> {
    let at = out.open(ARR);
    if mode == TraceMode::Off {
        return out.close(at, 0);
    }
    for s in steps {
        let full = mode == TraceMode::Full;
        let o = out.open(OBJ);
        out.key("clause")?;
        out.str(&s.clause_text(r))?;
        out.key("note")?;
        out.str(&s.note(r))?;
        if full {
            out.key("code")?;
            out.str(s.msg.id().name())?;
            out.key("params")?;
            let p = out.open(ARR);
            for param in s.reads {
                let po = out.open(OBJ);
                out.key("id")?;
                out.str(param.id())?;
                out.key("value")?;
                tree::write(out, &param.value(edition))?;
                out.key("clause")?;
                let clause = param.info(edition).map_or("", |i| i.clause);
                out.str(&shftu_rules::msg::clause(clause, r))?;
                out.close(po, 3)?;
            }
            out.close(p, s.reads.len())?;
        }
        out.close(o, if full { 4 } else { 2 })?;
    }
    out.close(at, steps.len())
}

/// A typed call: rule of index `rule`, edition of index `edition`, in `lang`, with the trace `mode`,
/// its input the tree `input`. `[OK]` trace-tree result-tree, `[ERR]` error-tree, or [`internal`].
pub fn call(rule: i32, edition: i32, lang: Lang, mode: TraceMode, input: &[u8]) -> Vec<u8> {
    guard(|| {
        let engine = engine();
        let Some(runner) = usize::try_from(rule).ok().and_then(|i| runners().get(i)) else {
            return internal("a rule index the registry does not have");
        };
        let Some(ed) = usize::try_from(edition).ok().and_then(|i| engine.editions().get(i)) else {
            return internal("an edition index the engine does not have");
        };
        let cx = Ctx {
            edition: ed,
            calendar: engine.calendar(),
        };
        let r = ed.render(lang);
        let tree = match Tree::parse(input, "input") {
            Ok(t) => t,
            Err(TreeError::Input(e)) => return error(&e, r),
            Err(TreeError::Malformed(what)) => return internal(&format!("the typed input is not a tree: {what}")),
        };
        let mut out = Out::with_capacity(512);
        match runner(engine, &cx, tree.root(), mode, r, &mut out) {
            Ok(()) => out.buf,
            Err(Fail::Core(e)) => error(&e, r),
            Err(Fail::Write(e)) => internal(&format!("the result could not be written: {e}")),
        }
    })
}

/// Test hook (reached only from the Java package's own tests): panics inside [`guard`].
#[allow(clippy::panic, reason = "the deliberate panic is what the test hook is for")]
pub fn panic_for_test() -> Vec<u8> {
    guard(|| panic!("a panic raised on purpose by the test hook"))
}
