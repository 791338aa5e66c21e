//! `explain` golden files: for one request of every rule (its first sample in `spec/examples/requests.jsonl`,
//! else its first conformance case answered ok)
//! the clerk-ready explanation in English and in Chinese, recorded in `spec/explain/<rule>.<lang>.txt`. Every
//! binding's `explain` gives the same text (their tests read these files). Refresh with
//! `SHFTU_BLESS=1 cargo test -p shftu-rules --test explain`, then read the diff as a clerk would.

use std::path::{Path, PathBuf};

use serde_json::Value;
use shftu_rules::explain::explain;
use shftu_rules::msg::Lang;

mod common;
use common::TestResult;

fn spec() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// The first sample request of each rule (or its first conformance case answered ok), without a `lang`.
fn samples() -> Result<Vec<(String, Value)>, Box<dyn std::error::Error>> {
    let mut out: Vec<(String, Value)> = Vec::new();
    for mut v in common::sample_requests() {
        let Some(rule) = v.get("rule").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        if let Some(m) = v.as_object_mut() {
            m.remove("lang");
        }
        if !out.iter().any(|(r, _)| *r == rule) {
            out.push((rule, v));
        }
    }
    Ok(out)
}

#[test]
fn every_rule_is_explained_in_both_languages_as_recorded() -> TestResult {
    let bless = std::env::var("SHFTU_BLESS").is_ok_and(|v| v == "1");
    let samples = samples()?;
    let mut failures = Vec::new();
    for r in shftu_rules::RULES {
        let Some((_, req)) = samples.iter().find(|(id, _)| id == r.id) else {
            failures.push(format!("{}: no sample request and no ok conformance case", r.id));
            continue;
        };
        for lang in Lang::ALL {
            let mut req = req.clone();
            if let Some(m) = req.as_object_mut() {
                m.insert("lang".into(), Value::String(lang.tag().into()));
            }
            let response = shftu_rules::evaluate(&serde_json::to_string(&req)?);
            let text = explain(&response, lang)?;
            if !response.starts_with("{\"ok\":true") {
                failures.push(format!("{} ({}): the sample is not answered ok: {response}", r.id, lang.tag()));
            }
            let path = spec().join(format!("explain/{}.{}.txt", r.id, lang.tag()));
            if bless {
                std::fs::write(&path, &text)?;
            } else {
                match std::fs::read_to_string(&path) {
                    Ok(recorded) if recorded == text => {}
                    Ok(recorded) => failures.push(format!("{} differs:\n--- recorded\n{recorded}\n--- actual\n{text}", path.display())),
                    Err(_) => failures.push(format!("{} is missing (SHFTU_BLESS=1 writes it)", path.display())),
                }
            }
            if lang == Lang::ZhCn && !text.contains("依据") {
                failures.push(format!("{}: the Chinese explanation lists no clauses", r.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[test]
fn an_error_is_explained_with_the_field_to_fix() -> TestResult {
    let response = shftu_rules::evaluate(
        r#"{"rule":"mutual_aid.enroll","lang":"zh-CN","input":{"tier":"E","channel":"group","date":"2023-02-30","industry":"courier","birth_date":"1990-01-01"}}"#,
    );
    let text = explain(&response, Lang::ZhCn)?;
    assert!(text.contains("无法计算") && text.contains("input.date"), "{text}");
    Ok(())
}
