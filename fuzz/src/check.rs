//! The invariants of every response of the wire contract (`spec/contract.md`, `spec/errors.md`), asserted
//! cheaply: a finding panics with the response, which libFuzzer records as a crash.

use serde_json::Value;
use shftu_rules::{Error, Lang, RULES};

/// A response, read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Resp {
    /// `ok`.
    pub ok: bool,
    /// `rule` (a string when ok; the rule id or `null` when not).
    pub rule: Option<String>,
    /// `edition` (ok only).
    pub edition: Option<String>,
    /// `result` (ok only).
    pub result: Option<Value>,
    /// `trace` (ok only).
    pub trace: Vec<Value>,
    /// `error.code` (not ok only).
    pub code: Option<String>,
    /// `error.path` (not ok only).
    pub path: Option<String>,
    /// `error.message` (not ok only).
    pub message: Option<String>,
}

fn fail(why: &str, text: &str) -> ! {
    panic!("response invariant broken: {why}\nresponse: {text}");
}

fn string_or_null(v: Option<&Value>, what: &str, text: &str) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) => None,
        _ => fail(&format!("{what} is neither a string nor null"), text),
    }
}

/// Reads a response: valid JSON, an object with a boolean `ok`; when ok exactly `ok rule edition result
/// trace` with a known rule and a trace of steps with a `clause` and a `note`; when not, exactly `ok rule
/// error` with `error.code` one of the documented codes, a non-empty message and a path (string or null).
pub fn response(text: &str) -> Resp {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => fail(&format!("not JSON ({e})"), text),
    };
    let Value::Object(map) = &v else { fail("not an object", text) };
    let Some(ok) = map.get("ok").and_then(Value::as_bool) else {
        fail("no boolean ok", text)
    };
    let keys: Vec<&str> = map.keys().map(String::as_str).collect();
    if ok {
        if keys != ["edition", "ok", "result", "rule", "trace"] {
            fail("an ok response has other keys than edition, ok, result, rule, trace", text);
        }
        let rule = string_or_null(map.get("rule"), "rule", text);
        if !rule.as_deref().is_some_and(|r| RULES.iter().any(|x| x.id == r)) {
            fail("an ok response names no known rule", text);
        }
        let Some(Value::String(edition)) = map.get("edition") else {
            fail("edition is not a string", text)
        };
        let Some(Value::Array(trace)) = map.get("trace") else {
            fail("trace is not an array", text)
        };
        for step in trace {
            if !step.get("clause").is_some_and(Value::is_string) || !step.get("note").is_some_and(Value::is_string) {
                fail("a trace step without clause and note strings", text);
            }
        }
        Resp {
            ok,
            rule,
            edition: Some(edition.clone()),
            result: map.get("result").cloned(),
            trace: trace.clone(),
            code: None,
            path: None,
            message: None,
        }
    } else {
        if keys != ["error", "ok", "rule"] {
            fail("an error response has other keys than error, ok, rule", text);
        }
        let rule = string_or_null(map.get("rule"), "rule", text);
        if rule.as_deref().is_some_and(|r| !RULES.iter().any(|x| x.id == r)) {
            fail("an error response names a rule that is not known", text);
        }
        let Some(Value::Object(err)) = map.get("error") else {
            fail("error is not an object", text)
        };
        let ekeys: Vec<&str> = err.keys().map(String::as_str).collect();
        if ekeys != ["code", "message", "path"] {
            fail("error has other keys than code, message, path", text);
        }
        let Some(Value::String(code)) = err.get("code") else {
            fail("error.code is not a string", text)
        };
        if !Error::CODES.contains(&code.as_str()) {
            fail("error.code is not one of the documented codes", text);
        }
        let Some(Value::String(message)) = err.get("message") else {
            fail("error.message is not a string", text)
        };
        if message.trim().is_empty() {
            fail("error.message is empty", text);
        }
        let path = string_or_null(err.get("path"), "error.path", text);
        if code == "invalid_json" && path.is_some() {
            fail("invalid_json has a path", text);
        }
        if code == "limit_exceeded" && path.is_none() {
            fail("limit_exceeded names no path", text);
        }
        Resp {
            ok,
            rule,
            edition: None,
            result: None,
            trace: Vec::new(),
            code: Some(code.clone()),
            path,
            message: Some(message.clone()),
        }
    }
}

/// The same request answered in English and in Chinese: the same `ok`, rule, edition, result, error code
/// and path, and as many trace steps (each with the same message code in full mode).
pub fn same_answer(en: &Resp, zh: &Resp, request: &str) {
    let key = |r: &Resp| {
        (
            r.ok,
            r.rule.clone(),
            r.edition.clone(),
            r.result.clone(),
            r.code.clone(),
            r.path.clone(),
        )
    };
    assert!(
        key(en) == key(zh),
        "en and zh-CN answer differently\nrequest: {request}\nen: {en:?}\nzh-CN: {zh:?}"
    );
    assert_eq!(
        en.trace.len(),
        zh.trace.len(),
        "en and zh-CN traces differ in length\nrequest: {request}"
    );
    for (a, b) in en.trace.iter().zip(&zh.trace) {
        assert_eq!(a.get("code"), b.get("code"), "en and zh-CN trace codes differ\nrequest: {request}");
        let ids = |s: &Value| -> Option<Vec<Value>> {
            Some(
                s.get("params")?
                    .as_array()?
                    .iter()
                    .map(|p| p.get("id").cloned().unwrap_or(Value::Null))
                    .collect(),
            )
        };
        assert_eq!(ids(a), ids(b), "en and zh-CN trace params differ\nrequest: {request}");
    }
}

/// The trace as the mode asks: none when off, a `code` and `params` in each step when full, neither when
/// notes.
pub fn trace_mode(r: &Resp, mode: &str, request: &str) {
    if !r.ok {
        return;
    }
    match mode {
        "off" => assert!(r.trace.is_empty(), "trace off but steps given\nrequest: {request}"),
        "full" => assert!(
            r.trace
                .iter()
                .all(|s| s.get("code").is_some_and(Value::is_string) && s.get("params").is_some_and(Value::is_array)),
            "trace full without code and params\nrequest: {request}"
        ),
        _ => assert!(
            r.trace.iter().all(|s| s.get("code").is_none() && s.get("params").is_none()),
            "trace notes with code or params\nrequest: {request}"
        ),
    }
}

/// `explain` of a response the engine gave: a text in both languages, never an error.
pub fn explains(text: &str) {
    for lang in Lang::ALL {
        match shftu_rules::explain::explain(text, lang) {
            Ok(t) => assert!(!t.trim().is_empty(), "explain gave an empty text\nresponse: {text}"),
            Err(e) => panic!("explain refused a response of the engine ({e})\nresponse: {text}"),
        }
    }
}
