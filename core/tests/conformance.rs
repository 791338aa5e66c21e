//! The conformance vectors of `spec/cases/*.json`, the corpus every binding runs.
//!
//! Each case has a `request`, an `expect` written by hand from the seed (a subset of the response that
//! must hold) and the full `response`, compared byte for byte after canonical JSON (sorted keys, compact).
//! `SHFTU_BLESS=1 cargo test -p shftu-rules --test conformance` writes the current responses into the
//! files (review the diff); `expect` is never written by the tool.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::TestResult;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/cases")
}

/// Does `actual` hold everything `expect` says? Objects match on the keys given; arrays element by element.
fn holds(expect: &Value, actual: &Value, at: &str, errs: &mut Vec<String>) {
    match (expect, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => holds(ev, av, &format!("{at}.{k}"), errs),
                    None => errs.push(format!("{at}.{k}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                errs.push(format!("{at}: {} elements expected, {} found", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                holds(ev, av, &format!("{at}[{i}]"), errs);
            }
        }
        (e, a) if e == a => {}
        (e, a) => errs.push(format!("{at}: expected {e}, found {a}")),
    }
}

#[test]
fn every_case_answers_as_recorded() -> TestResult {
    let bless = std::env::var("SHFTU_BLESS").is_ok_and(|v| v == "1");
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut count = 0;
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        let mut cases: Vec<Value> = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        let rule = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        for case in cases.iter_mut() {
            count += 1;
            let name = case.get("name").and_then(Value::as_str).unwrap_or("?").to_owned();
            let request = case
                .get("request")
                .cloned()
                .ok_or_else(|| format!("{}: case {name} has no request", f.display()))?;
            let request = &request;
            let request_text = match request {
                Value::String(s) => s.clone(), // a raw request line, e.g. one that is not valid JSON
                v => serde_json::to_string(v)?,
            };
            if let Some(r) = request.get("rule").and_then(Value::as_str) {
                if r != rule && !name.starts_with("envelope") {
                    failures.push(format!("{rule} / {name}: request names rule {r}, not the file's"));
                }
            }
            let actual: Value = serde_json::from_str(&shftu_rules::evaluate(&request_text))?;
            let mut errs = Vec::new();
            match case.get("expect") {
                Some(e) => holds(e, &actual, "response", &mut errs),
                None => errs.push("no hand-written `expect`".into()),
            }
            if bless {
                if let Some(obj) = case.as_object_mut() {
                    obj.insert("response".into(), actual.clone());
                }
            } else {
                match case.get("response") {
                    Some(r) if serde_json::to_string(r)? == serde_json::to_string(&actual)? => {}
                    Some(r) => errs.push(format!("response differs:\n  recorded {r}\n  actual   {actual}")),
                    None => errs.push("no recorded `response` (run with SHFTU_BLESS=1 and review)".into()),
                }
            }
            // The same request in Chinese: recorded as `response_zh-CN`, and every note and message in it is
            // written in Chinese (a text with no CJK character is an untranslated message).
            if let Some(zh_text) = zh_request(request)? {
                let actual_zh: Value = serde_json::from_str(&shftu_rules::evaluate(&zh_text))?;
                for t in texts(&actual_zh) {
                    if !t
                        .chars()
                        .any(|c| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
                    {
                        errs.push(format!("zh-CN text without Chinese: {t}"));
                    }
                }
                if bless {
                    if let Some(obj) = case.as_object_mut() {
                        obj.insert("response_zh-CN".into(), actual_zh);
                    }
                } else {
                    match case.get("response_zh-CN") {
                        Some(r) if serde_json::to_string(r)? == serde_json::to_string(&actual_zh)? => {}
                        Some(r) => errs.push(format!("zh-CN response differs:\n  recorded {r}\n  actual   {actual_zh}")),
                        None => errs.push("no recorded `response_zh-CN` (run with SHFTU_BLESS=1 and review)".into()),
                    }
                }
            }
            for e in errs {
                failures.push(format!("{rule} / {name}: {e}"));
            }
        }
        if bless {
            std::fs::write(f, serde_json::to_string_pretty(&cases)? + "\n")?;
        }
    }
    assert!(count > 0, "no conformance cases found in {}", cases_dir().display());
    assert!(
        failures.is_empty(),
        "{} of {count} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
    Ok(())
}

/// The request with `"lang": "zh-CN"` added, for an object request that names no language.
fn zh_request(request: &Value) -> Result<Option<String>, Box<dyn std::error::Error>> {
    match request {
        Value::Object(m) if !m.contains_key("lang") => {
            let mut m = m.clone();
            m.insert("lang".into(), Value::String("zh-CN".into()));
            Ok(Some(serde_json::to_string(&Value::Object(m))?))
        }
        _ => Ok(None),
    }
}

/// The texts a person reads in a response: trace notes and the error message.
fn texts(response: &Value) -> Vec<String> {
    let mut out: Vec<String> = response
        .get("trace")
        .and_then(Value::as_array)
        .map(|steps| steps.iter().filter_map(|s| s.get("note")?.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    if let Some(m) = response.pointer("/error/message").and_then(Value::as_str) {
        // An invalid_json error carries the JSON parser's own (English) detail after the catalogue's words.
        out.push(m.to_owned());
    }
    out
}

#[test]
fn every_rule_has_conformance_cases() {
    for r in shftu_rules::RULES {
        let p = cases_dir().join(format!("{}.json", r.id));
        assert!(p.exists(), "rule {} has no conformance vectors at {}", r.id, p.display());
    }
}
