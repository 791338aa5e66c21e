//! Arbitrary bytes into `evaluate`: always a valid envelope (`ok`, then `result` and `trace` or an
//! `error.code` of the documented list), never a panic. When the bytes are a JSON object, the same request
//! with `"lang": "zh-CN"` and with `"lang": "en"`, in a trace mode (`notes`, `full`, `off`: by the input's length), answers the
//! same `ok`, result, error code and path, and `explain` takes every answer.
#![no_main]
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shftu_rules_fuzz::check::{explains, response, same_answer, trace_mode};
use shftu_rules_fuzz::gen::with_options;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = shftu_rules::evaluate(&text);
    response(&out);
    explains(&out);
    let Ok(request @ Value::Object(_)) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    // The trace mode from the input's length, so that every mode is met without costing three runs.
    {
        let trace = ["notes", "full", "off"][data.len() % 3];
        let answers: Vec<_> = ["en", "zh-CN"]
            .iter()
            .filter_map(|lang| with_options(&request, lang, trace))
            .map(|req| {
                let out = shftu_rules::evaluate_value(&req);
                let resp = response(&out);
                trace_mode(&resp, trace, &text);
                resp
            })
            .collect();
        if let [en, zh] = &answers[..] {
            same_answer(en, zh, &text);
        }
    }
});
