//! The wire contract for every rule at once: bad input names its field, random input never panics,
//! every error code is listed.

use std::path::Path;

use proptest::prelude::*;
use serde_json::{json, Map, Value};

mod common;

/// The sample requests, and a conformance case's request for each rule without one.
fn samples() -> Vec<Value> {
    common::sample_requests()
}

fn eval(v: &Value) -> Value {
    let text = serde_json::to_string(v).unwrap_or_default();
    serde_json::from_str(&shftu_rules::evaluate(&text)).unwrap_or(Value::Null)
}

/// Every (path, value) in the input, objects and arrays included, with its JSON path.
fn walk(v: &Value, path: String, out: &mut Vec<(String, Vec<Step>, Value)>, steps: Vec<Step>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let mut s = steps.clone();
                s.push(Step::Key(k.clone()));
                out.push((format!("{path}.{k}"), s.clone(), x.clone()));
                walk(x, format!("{path}.{k}"), out, s);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut s = steps.clone();
                s.push(Step::Index(i));
                out.push((format!("{path}[{i}]"), s.clone(), x.clone()));
                walk(x, format!("{path}[{i}]"), out, s);
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    let mut cur = v;
    for s in steps {
        cur = match s {
            Step::Key(k) => cur.get_mut(k.as_str())?,
            Step::Index(i) => cur.get_mut(*i)?,
        };
    }
    Some(cur)
}

fn error_of(resp: &Value) -> Option<(String, Option<String>)> {
    if resp.get("ok") == Some(&Value::Bool(false)) {
        let e = resp.get("error")?;
        Some((
            e.get("code")?.as_str()?.to_owned(),
            e.get("path").and_then(Value::as_str).map(str::to_owned),
        ))
    } else {
        None
    }
}

#[test]
fn every_sample_request_answers_ok_and_every_rule_has_one() {
    let samples = samples();
    for r in shftu_rules::RULES {
        assert!(
            samples.iter().any(|s| s.get("rule").and_then(Value::as_str) == Some(r.id)),
            "no sample request or ok conformance case for {}",
            r.id
        );
    }
    for s in &samples {
        let resp = eval(s);
        assert_eq!(resp.get("ok"), Some(&Value::Bool(true)), "{s} -> {resp}");
        assert!(
            resp.get("trace").and_then(Value::as_array).is_some_and(|t| !t.is_empty()),
            "no trace: {resp}"
        );
    }
}

/// For every field of every sample: a wrong type, a bad scalar, a removal and an unknown sibling each
/// give `invalid_input` naming exactly that field (a removal may also be fine: optional fields).
#[test]
fn every_field_of_every_rule_names_itself_when_bad() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for sample in samples() {
        let rule = sample.get("rule").and_then(Value::as_str).unwrap_or("?").to_owned();
        let Some(input) = sample.get("input") else { continue };
        let mut fields = Vec::new();
        walk(input, "input".into(), &mut fields, vec![Step::Key("input".into())]);
        for (path, steps, value) in fields {
            let in_map_of_ids = path.starts_with("input.items.");
            let mut variants: Vec<(&str, Value)> = vec![];
            let wrong = match &value {
                Value::Object(_) => json!("not an object"),
                Value::Array(_) => json!({"not": "an array"}),
                _ => json!({"not": "a scalar"}),
            };
            variants.push(("wrong type", wrong));
            // Free text: a priority group the plan does not name is an ordinary stay (readings P5); an
            // unlisted spending line's description (readings HF1).
            let free_text = path.ends_with(".priority_group") || path.ends_with(".description");
            if let (Value::String(s), false) = (&value, free_text) {
                let bad = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
                    "2023-02-30"
                } else {
                    "1.234"
                };
                variants.push(("bad string", json!(bad)));
            }
            if value.is_number() {
                variants.push(("fraction", json!(1.234)));
                variants.push(("negative", json!(-1)));
            }
            for (what, v) in variants {
                let mut req = sample.clone();
                if let Some(slot) = at(&mut req, &steps) {
                    *slot = v.clone();
                }
                let resp = eval(&req);
                checked += 1;
                match error_of(&resp) {
                    Some((code, Some(p))) if code == "invalid_input" && p == path => {}
                    // a negative number is fine where the rubric allows deductions
                    None if what == "negative" && in_map_of_ids => {}
                    other => failures.push(format!("{rule} {path} {what} {v}: {other:?}")),
                }
            }
            // Removal: fine when optional, else invalid_input naming the field.
            let mut req = sample.clone();
            let removed = match (steps.split_last(), at(&mut req, &steps[..steps.len().saturating_sub(1)])) {
                (Some((Step::Key(k), _)), Some(Value::Object(m))) => m.remove(k).is_some(),
                _ => false,
            };
            if removed {
                checked += 1;
                let resp = eval(&req);
                match error_of(&resp) {
                    None => {}
                    Some((code, Some(p))) if code == "invalid_input" && p == path => {}
                    other => failures.push(format!("{rule} {path} removed: {other:?}")),
                }
            }
        }
        // An unknown field in every object.
        let mut objects = vec![("input".to_owned(), vec![Step::Key("input".into())])];
        let mut fields = Vec::new();
        walk(input, "input".into(), &mut fields, vec![Step::Key("input".into())]);
        objects.extend(fields.into_iter().filter(|(_, _, v)| v.is_object()).map(|(p, s, _)| (p, s)));
        for (path, steps) in objects {
            let mut req = sample.clone();
            if let Some(Value::Object(m)) = at(&mut req, &steps) {
                m.insert("zz_unknown".into(), json!(1));
            }
            checked += 1;
            match error_of(&eval(&req)) {
                Some((code, Some(p))) if code == "invalid_input" && p == format!("{path}.zz_unknown") => {}
                other => failures.push(format!("{rule} {path} unknown field: {other:?}")),
            }
        }
    }
    assert!(checked > 50, "only {checked} variants checked");
    assert!(
        failures.is_empty(),
        "{} of {checked} bad inputs misreported:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn error_codes_are_stable_and_listed() {
    assert_eq!(
        shftu_rules::Error::CODES,
        [
            "invalid_json",
            "unknown_rule",
            "unknown_edition",
            "invalid_input",
            "calendar_unavailable",
            "limit_exceeded"
        ]
    );
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/errors.md")).unwrap_or_default();
    for code in shftu_rules::Error::CODES {
        assert!(doc.contains(&format!("`{code}`")), "spec/errors.md does not list {code}");
    }
    let examples = [
        ("{", "invalid_json"),
        (r#"{"rule":"x.y","input":{}}"#, "unknown_rule"),
        (
            r#"{"rule":"calendar.add_working_days","edition":"1999","input":{}}"#,
            "unknown_edition",
        ),
        (r#"{"rule":"calendar.add_working_days","input":{}}"#, "invalid_input"),
        (
            r#"{"rule":"calendar.add_working_days","input":{"from":"2030-01-01","days":1}}"#,
            "calendar_unavailable",
        ),
    ];
    for (req, code) in examples {
        let resp: Value = serde_json::from_str(&shftu_rules::evaluate(req)).unwrap_or(Value::Null);
        assert_eq!(resp.pointer("/error/code").and_then(Value::as_str), Some(code), "{req} -> {resp}");
        let msg = resp.pointer("/error/message").and_then(Value::as_str).unwrap_or("");
        assert!(
            msg.chars().next().is_some_and(|c| !c.is_uppercase()),
            "message starts in lowercase: {msg}"
        );
        for rust_word in ["Error", "Option", "Some(", "None", "NaiveDate", "Decimal", "serde", "u32", "String"] {
            assert!(!msg.contains(rust_word), "message names a Rust type ({rust_word}): {msg}");
        }
    }
}

#[test]
fn hostile_envelopes_answer_without_panicking() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let big = format!(
        r#"{{"rule":"calendar.add_working_days","input":{{"from":"{}","days":1}}}}"#,
        "x".repeat(1_000_000)
    );
    let cases = [
        deep.as_str(),
        big.as_str(),
        "",
        "null",
        r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"E","coverage_start":"2023-01-01","coverage_end":"2023-12-31"},"claims":[{"benefit":"ci_medical_subsidy","event_date":"2023-03-01","filed_on":"2023-04-01","amount":1e30}]}}"#,
        r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"E","coverage_start":"2023-01-01","coverage_end":"2023-12-31"},"claims":[{"benefit":"hospital_days","event_date":"2023-03-01","filed_on":"2023-04-01","days":9223372036854775807}]}}"#,
        r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"E","coverage_start":"2023-01-01","coverage_end":"2023-12-31"},"claims":[{"benefit":"ci_medical_subsidy","event_date":"2023-03-01","filed_on":"2023-04-01","amount":"123456789012345678901234567890"}]}}"#,
        r#"{"rule":"calendar.add_working_days","rule":"mutual_aid.enroll","input":{}}"#,
        r#"{"rule":"calendar.add_working_days","input":{"from":"+002023-01-01","days":1}}"#,
        r#"{"rule":"calendar.add_working_days","input":{"from":"2023-01-01","days":4294967295}}"#,
    ];
    for c in cases {
        let resp: Value = serde_json::from_str(&shftu_rules::evaluate(c)).unwrap_or(Value::Null);
        assert!(resp.get("ok").is_some_and(Value::is_boolean), "{} -> {resp}", &c[..c.len().min(80)]);
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        "[a-z0-9_.:-]{0,12}".prop_map(Value::String),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]".prop_map(Value::String),
        "[0-9]{1,7}(\\.[0-9]{1,3})?".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn random_input_to_any_rule_answers_an_envelope(rule in prop::sample::select(shftu_rules::RULES.iter().map(|r| r.id).collect::<Vec<_>>()), input in arb_json()) {
        let req = json!({"rule": rule, "input": input});
        let resp = eval(&req);
        prop_assert!(resp.get("ok").is_some_and(Value::is_boolean), "{} -> {}", req, resp);
    }

    #[test]
    fn random_mutation_of_a_sample_answers_an_envelope(pick in any::<prop::sample::Index>(), field in any::<prop::sample::Index>(), value in arb_json()) {
        let samples = samples();
        prop_assume!(!samples.is_empty());
        let mut req = pick.get(&samples).clone();
        let mut fields = Vec::new();
        if let Some(input) = req.get("input") { walk(input, "input".into(), &mut fields, vec![Step::Key("input".into())]); }
        if !fields.is_empty() {
            let (_, steps, _) = field.get(&fields).clone();
            if let Some(slot) = at(&mut req, &steps) { *slot = value; }
        }
        let resp = eval(&req);
        prop_assert!(resp.get("ok").is_some_and(Value::is_boolean), "{} -> {}", req, resp);
    }

    #[test]
    fn random_bytes_answer_an_envelope(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let resp: Value = serde_json::from_str(&shftu_rules::evaluate(&text)).unwrap_or(Value::Null);
        prop_assert!(resp.get("ok").is_some_and(Value::is_boolean));
    }
}

#[test]
fn the_edition_names_its_document() {
    let ed = shftu_rules::edition("2023").map(|e| (e.meta.document, e.meta.plan_title));
    assert_eq!(ed, Some(("沪工总办〔2023〕15号", "2023年上海市总工会服务职工实事项目实施方案")));
}

#[test]
fn dates_outside_the_edition_are_refused() {
    let r: serde_json::Value = serde_json::from_str(&shftu_rules::evaluate(
        r#"{"rule":"mutual_aid.claim_deadline","input":{"benefit":"disease_death","coverage_end":"2099-12-31"}}"#,
    ))
    .unwrap_or_default();
    assert_eq!(r.pointer("/error/code").and_then(|c| c.as_str()), Some("invalid_input"), "{r}");
    let ed = shftu_rules::edition("2023");
    let d = |s| shftu_rules::read::parse_date(s).unwrap_or_default();
    assert!(ed.is_some_and(|e| e.check_plan_date(d("2023-12-31"), "x").is_ok()));
    assert!(ed.is_some_and(|e| e.check_plan_date(d("2024-01-01"), "x").is_err()));
    assert!(ed.is_some_and(|e| e.check_answer_date(d("2025-12-31"), "x").is_ok()));
    assert!(ed.is_some_and(|e| e.check_answer_date(d("2026-01-01"), "x").is_err()));
}

proptest! {
    /// The envelope's own JSON writer escapes strings exactly as serde_json does.
    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them(s in ".*", c in "[\u{0}-\u{1f}\"\\\\a-z]{0,20}") {
        for t in [s.as_str(), c.as_str()] {
            let mut out = String::new();
            shftu_rules::engine::push_json_str(&mut out, t);
            prop_assert_eq!(out, serde_json::to_string(t).unwrap_or_default());
        }
    }
}
