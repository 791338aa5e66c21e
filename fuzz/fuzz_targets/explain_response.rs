//! `explain` on arbitrary responses: arbitrary bytes (never a panic), and responses shaped like the engine's
//! — a rule of the registry, a result generated from the rule's result shape (now and then of the wrong
//! type), a trace of random steps, or an error — which `explain` must turn into a text in both languages.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};
use shftu_rules::explain::explain;
use shftu_rules::Lang;
use shftu_rules_fuzz::gen::Gen;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode & 1 == 0 {
        let text = String::from_utf8_lossy(rest);
        for lang in Lang::ALL {
            let _ = explain(&text, lang);
        }
        return;
    }
    let mut u = Unstructured::new(rest);
    let mut g = Gen::new(&mut u);
    let Ok(rule) = g.rule() else { return };
    let rule_value = match g.u.int_in_range(0u8..=15) {
        Ok(0) => g.any(0).unwrap_or(Value::Null),
        Ok(1) => json!("no.such_rule"),
        _ => json!(rule.id),
    };
    let edition = match g.u.int_in_range(0u8..=7) {
        Ok(0) => g.any(2).unwrap_or(Value::Null),
        _ => json!(shftu_rules::DEFAULT_EDITION),
    };
    let response = if mode & 2 == 0 {
        let Ok(result) = g.value((rule.output)(), 0) else { return };
        let n = g.u.int_in_range(0..=4).unwrap_or(0);
        let trace: Vec<Value> = (0..n)
            .map(|_| {
                let clause = g.any(3).unwrap_or(Value::Null);
                let note = g.any(3).unwrap_or(Value::Null);
                json!({"clause": clause, "note": note})
            })
            .collect();
        json!({"ok": true, "rule": rule_value, "edition": edition, "result": result, "trace": trace})
    } else {
        let code = g.u.choose(&shftu_rules::Error::CODES).map(|c| json!(c)).unwrap_or(Value::Null);
        let message = g.any(3).unwrap_or(Value::Null);
        let path = g.any(3).unwrap_or(Value::Null);
        json!({"ok": false, "rule": rule_value, "error": {"code": code, "message": message, "path": path}})
    };
    let text = response.to_string();
    for lang in Lang::ALL {
        if let Err(e) = explain(&text, lang) {
            panic!("explain refused a well-formed response ({e})\nresponse: {text}");
        }
    }
});
