//! One insta golden file per rule, derived from the registry: the rule's sample request (or its first
//! conformance case answered ok) with its answer in English and in Chinese — so a new rule gets its golden
//! file from its vectors, with no test to write (`cargo insta accept` records it; review it as a clerk would).
//! The worked examples of each family's own test file go further.

use serde_json::{json, Value};

mod common;

#[test]
fn every_rule_has_a_worked_example_in_both_languages() {
    let samples = common::sample_requests();
    for r in shftu_rules::RULES {
        let Some(mut req) = samples
            .iter()
            .find(|s| s.get("rule").and_then(Value::as_str) == Some(r.id))
            .cloned()
        else {
            continue; // the wire test fails on a rule without a sample
        };
        let answer = |req: &Value| -> Value {
            serde_json::from_str(&shftu_rules::evaluate(&serde_json::to_string(req).unwrap_or_default())).unwrap_or(Value::Null)
        };
        if let Some(m) = req.as_object_mut() {
            m.remove("lang");
        }
        let en = answer(&req);
        if let Some(m) = req.as_object_mut() {
            m.insert("lang".into(), Value::String("zh-CN".into()));
        }
        let zh = answer(&req);
        if let Some(m) = req.as_object_mut() {
            m.remove("lang");
        }
        insta::assert_json_snapshot!(r.id, json!({ "request": req, "en": en, "zh-CN": zh }));
    }
}
