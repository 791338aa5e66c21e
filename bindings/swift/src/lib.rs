//! # shftu-rules-swift
//!
//! The Swift binding of `shftu-rules`, made with uniffi's proc-macros (library mode): the wire contract
//! (`evaluate`, `evaluateMany`), `explain`, the registry (`describe`) and `Rules`, an object bound to an
//! edition, a language and a trace mode whose `call(rule:inputJson:)` answers any rule's typed call.
//!
//! The Swift a developer uses is generated at build time, never checked in (`bindings/swift/generate.sh`):
//! uniffi's bindings for the exports below, and [`gen`]'s typed layer — `Codable` structs and enums for every
//! rule's input and result and one method per rule on `Rules` — from the registry as data (`describe`).
//! `tests/swift.rs` regenerates both and compares their digest with `generated.sha256`.
//!
//! Nothing here names a rule: a typed call is a request of the wire contract built from its parts, answered by
//! the core's engine; errors map one to one to `ShftuError` (code, path, message in the `Rules`' language).

uniffi::setup_scaffolding!("shftu_rules");

pub mod gen;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use serde_json::{Map, Value};
use shftu_rules::engine::TraceMode;
use shftu_rules::{Engine, Lang};

/// Why a call could not be answered: one case per error code of the wire contract, plus `Internal` (a Rust
/// panic caught at the boundary). Each carries the code, the JSON path of the field to blame (or nil) and the
/// message in the language asked for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ShftuError {
    /// `invalid_json`: the text is not JSON, or not an object.
    #[error("{detail}")]
    InvalidJson {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `unknown_rule`.
    #[error("{detail}")]
    UnknownRule {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `unknown_edition` (path `edition`).
    #[error("{detail}")]
    UnknownEdition {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `invalid_input`: a field is missing, of the wrong type or out of range (its JSON path).
    #[error("{detail}")]
    InvalidInput {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `calendar_unavailable`.
    #[error("{detail}")]
    CalendarUnavailable {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `limit_exceeded`.
    #[error("{detail}")]
    LimitExceeded {
        code: String,
        path: Option<String>,
        detail: String,
    },
    /// `internal_error`: a bug caught at the boundary.
    #[error("{detail}")]
    Internal {
        code: String,
        path: Option<String>,
        detail: String,
    },
}

impl ShftuError {
    fn of(code: &str, path: Option<String>, detail: String) -> ShftuError {
        let code_s = code.to_owned();
        match code {
            "invalid_json" => ShftuError::InvalidJson {
                code: code_s,
                path,
                detail,
            },
            "unknown_rule" => ShftuError::UnknownRule {
                code: code_s,
                path,
                detail,
            },
            "unknown_edition" => ShftuError::UnknownEdition {
                code: code_s,
                path,
                detail,
            },
            "invalid_input" => ShftuError::InvalidInput {
                code: code_s,
                path,
                detail,
            },
            "calendar_unavailable" => ShftuError::CalendarUnavailable {
                code: code_s,
                path,
                detail,
            },
            "limit_exceeded" => ShftuError::LimitExceeded {
                code: code_s,
                path,
                detail,
            },
            _ => ShftuError::Internal {
                code: "internal_error".into(),
                path,
                detail,
            },
        }
    }

    fn internal(payload: &(dyn std::any::Any + Send)) -> ShftuError {
        let text = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        ShftuError::Internal {
            code: "internal_error".into(),
            path: None,
            detail: format!("internal error in shftu-rules (please report it): {text}"),
        }
    }

    /// The error of an `ok: false` response.
    fn of_response(v: &Value) -> ShftuError {
        let e = v.get("error");
        let s = |k: &str| e.and_then(|e| e.get(k)).and_then(Value::as_str).map(str::to_owned);
        ShftuError::of(&s("code").unwrap_or_default(), s("path"), s("message").unwrap_or_default())
    }
}

fn guard<T>(f: impl FnOnce() -> Result<T, ShftuError>) -> Result<T, ShftuError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(ShftuError::internal(p.as_ref())))
}

fn engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(Engine::builtin)
}

/// Answers one request of the wire contract: exactly the core's response, `ok: false` included.
#[uniffi::export]
pub fn evaluate(request_json: String) -> Result<String, ShftuError> {
    guard(|| Ok(engine().evaluate(&request_json)))
}

/// Answers many requests in one crossing, in order (a bad request gets its `ok: false` response).
#[uniffi::export]
pub fn evaluate_many(requests: Vec<String>) -> Result<Vec<String>, ShftuError> {
    guard(|| Ok(requests.iter().map(|r| engine().evaluate(r)).collect()))
}

/// A clerk-ready explanation of a response, in `lang` (`"en"`, `"zh-CN"`).
#[uniffi::export]
pub fn explain(response_json: String, lang: String) -> Result<String, ShftuError> {
    guard(|| {
        let l = Lang::parse(&lang).unwrap_or_default();
        shftu_rules::explain::explain(&response_json, l).map_err(|e| {
            ShftuError::of(
                e.code(),
                e.path().map(str::to_owned),
                e.message(shftu_rules::msg::Render::new(l, "")),
            )
        })
    })
}

/// The registry as JSON (`shftu-rules describe`).
#[uniffi::export]
pub fn describe() -> String {
    shftu_rules::describe::describe().to_string()
}

/// The rule ids, in the plan's order.
#[uniffi::export]
pub fn rule_ids() -> Vec<String> {
    shftu_rules::RULES.iter().map(|r| r.id.to_owned()).collect()
}

/// The editions of the plan the library holds.
#[uniffi::export]
pub fn editions() -> Vec<String> {
    engine().editions().iter().map(|e| e.name.to_owned()).collect()
}

/// The rules of one edition, in one language, with one trace mode. Immutable: one object serves any number
/// of threads; each answer carries its own trace.
#[derive(Debug, uniffi::Object)]
pub struct Rules {
    edition: String,
    lang: Lang,
    trace: TraceMode,
}

#[uniffi::export]
impl Rules {
    /// `Rules(edition: nil, lang: "zh-CN", trace: nil)`: the edition (nil: the default), the language (`en`,
    /// `zh-CN`; nil: English) and the trace mode (`notes`, `full`, `off`; nil: notes).
    #[uniffi::constructor(default(edition = None, lang = None, trace = None))]
    pub fn new(edition: Option<String>, lang: Option<String>, trace: Option<String>) -> Result<Arc<Self>, ShftuError> {
        guard(|| {
            // The options are read as the wire contract reads them: an empty request answers their errors.
            let mut req = Map::new();
            if let Some(e) = &edition {
                req.insert("edition".into(), Value::String(e.clone()));
            }
            if let Some(l) = &lang {
                req.insert("lang".into(), Value::String(l.clone()));
            }
            if let Some(t) = &trace {
                req.insert("trace".into(), Value::String(t.clone()));
            }
            req.insert("rule".into(), Value::String("calendar.add_working_days".into()));
            req.insert("input".into(), serde_json::json!({"from": "2023-01-02", "days": 0}));
            let v: Value = serde_json::from_str(&engine().evaluate_value(&Value::Object(req))).unwrap_or(Value::Null);
            if v.get("ok").and_then(Value::as_bool) != Some(true) {
                return Err(ShftuError::of_response(&v));
            }
            let edition = v
                .get("edition")
                .and_then(Value::as_str)
                .unwrap_or(shftu_rules::DEFAULT_EDITION)
                .to_owned();
            Ok(Arc::new(Rules {
                edition,
                lang: lang.as_deref().and_then(Lang::parse).unwrap_or_default(),
                trace: trace.as_deref().and_then(TraceMode::parse).unwrap_or_default(),
            }))
        })
    }

    /// The edition's name.
    pub fn edition(&self) -> String {
        self.edition.clone()
    }

    /// The language's tag.
    pub fn lang(&self) -> String {
        self.lang.tag().to_owned()
    }

    /// Answers rule `rule` on its input (JSON text): the whole response (`result` and `trace`), or the error.
    /// The generated typed methods (`rules.mutualAidEnroll(input)`) call this with `Codable` values.
    pub fn call(&self, rule: String, input_json: String) -> Result<String, ShftuError> {
        guard(|| {
            let input: Value = serde_json::from_str(&input_json)
                .map_err(|e| ShftuError::of("invalid_json", None, format!("the input is not valid json: {e}")))?;
            let mode = match self.trace {
                TraceMode::Off => "off",
                TraceMode::Notes => "notes",
                TraceMode::Full => "full",
            };
            let req = serde_json::json!({
                "rule": rule, "input": input, "edition": self.edition, "lang": self.lang.tag(), "trace": mode,
            });
            let response = engine().evaluate_value(&req);
            if response.starts_with("{\"ok\":true") {
                return Ok(response);
            }
            let v: Value = serde_json::from_str(&response).unwrap_or(Value::Null);
            Err(ShftuError::of_response(&v))
        })
    }
}
