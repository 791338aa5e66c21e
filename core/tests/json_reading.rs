//! The borrowed JSON reader (`shftu_rules::json`) answers every request exactly as the `serde_json::Value`
//! path does: the same bytes on every conformance request (in each language and trace mode), on the sample
//! requests, and on malformed and unusual inputs (escapes, unicode, big numbers, duplicate keys, deep
//! nesting, trailing garbage, limits). Where it does not answer (`evaluate_borrowed` is `None`), `evaluate`
//! takes the `Value` path, which is compared too.

use std::path::Path;

use serde_json::Value;
use shftu_rules::json::Doc;
use shftu_rules::read::{Kind, Source};
use shftu_rules::{Engine, Limit, Limits};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The request through the `Value` path alone, as `evaluate` answered it before the borrowed reader.
fn by_value(engine: &Engine, request: &str) -> String {
    match engine.parse(request) {
        Ok(v) => engine.evaluate_value(&v),
        Err(e) => shftu_rules::engine::error_envelope(None, &e, shftu_rules::msg::Render::EN),
    }
}

/// Checks one request; whether the borrowed reader answered it.
fn same(engine: &Engine, request: &str) -> bool {
    let old = by_value(engine, request);
    assert_eq!(engine.evaluate(request), old, "evaluate differs on {request}");
    match engine.evaluate_borrowed(request) {
        Some(new) => {
            assert_eq!(new, old, "the borrowed reader differs on {request}");
            true
        }
        None => false,
    }
}

fn requests() -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(root.join("spec/cases"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    for f in files {
        let cases: Value = serde_json::from_str(&std::fs::read_to_string(&f)?)?;
        for c in cases.as_array().into_iter().flatten() {
            match c.get("request") {
                Some(Value::String(s)) => out.push(s.clone()),
                Some(r @ Value::Object(m)) => {
                    out.push(serde_json::to_string(r)?);
                    out.push(serde_json::to_string_pretty(r)?);
                    for (k, v) in [("lang", "zh-CN"), ("trace", "full"), ("trace", "off"), ("lang", "zh")] {
                        let mut m = m.clone();
                        m.insert(k.into(), Value::from(v));
                        out.push(serde_json::to_string(&m)?);
                    }
                }
                _ => {}
            }
        }
    }
    for line in std::fs::read_to_string(root.join("spec/examples/requests.jsonl"))?.lines() {
        if !line.trim().is_empty() {
            out.push(line.to_string());
        }
    }
    Ok(out)
}

#[test]
fn every_conformance_and_sample_request_reads_the_same() -> TestResult {
    let engine = Engine::builtin();
    let reqs = requests()?;
    assert!(reqs.len() > 500, "only {} requests", reqs.len());
    let answered = reqs.iter().filter(|r| same(&engine, r)).count();
    // Most are plain requests that the borrowed reader answers itself.
    assert!(
        answered * 2 > reqs.len(),
        "the borrowed reader answered {answered} of {}",
        reqs.len()
    );
    Ok(())
}

const ENROLL_INPUT: &str = r#"{"tier":"E","channel":"group","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}"#;

fn enroll_with(input: &str) -> String {
    format!(r#"{{"rule":"mutual_aid.enroll","input":{input}}}"#)
}

fn days(v: &str) -> String {
    format!(r#"{{"rule":"calendar.add_working_days","input":{{"from":"2023-09-28","days":{v}}}}}"#)
}

#[test]
fn malformed_and_unusual_requests_read_the_same() {
    let engine = Engine::builtin();
    let deep_array = format!("{}{}", "[".repeat(150), "]".repeat(150));
    let deep_ok = format!("{}{}", "[".repeat(90), "]".repeat(90));
    let mut reqs: Vec<String> = vec![
        String::new(),
        " ".into(),
        "{".into(),
        "}".into(),
        "[]".into(),
        "null".into(),
        "\"rule\"".into(),
        "{}".into(),
        r#"{"rule":"mutual_aid.enroll"}"#.into(),
        r#"{"rule":"nope.rule","input":{}}"#.into(),
        r#"{"rule":7,"input":{}}"#.into(),
        r#"{"rule":null,"input":{}}"#.into(),
        r#"{"input":{}}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"extra":1}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"lang":"fr"}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"lang":3}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"trace":"some"}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"trace":true}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"edition":"1999"}"#.into(),
        r#"{"rule":"mutual_aid.enroll","input":{},"edition":2023}"#.into(),
        format!(r#"{{"rule":"mutual_aid.enroll","input":{ENROLL_INPUT},"edition":null,"lang":null,"trace":null}}"#),
        format!(r#"{{"rule":"mutual_aid.enroll","input":{ENROLL_INPUT}}} x"#),
        format!(r#"{{"rule":"mutual_aid.enroll","input":{ENROLL_INPUT}}},"#),
        format!("\u{feff}{{\"rule\":\"mutual_aid.enroll\",\"input\":{ENROLL_INPUT}}}"),
        format!(" \t\r\n{{ \"rule\" : \"mutual_aid.enroll\" , \"input\" : {ENROLL_INPUT} }} \n"),
        format!(r#"{{"rule":"mutual_aid.enroll","input":{ENROLL_INPUT}"#),
        // Duplicate keys: the last wins, at the top and inside the input.
        format!(r#"{{"rule":"mutual_aid.change","rule":"mutual_aid.enroll","input":{ENROLL_INPUT}}}"#),
        enroll_with(r#"{"tier":"A","tier":"E","channel":"group","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}"#),
        enroll_with(r#"{"tier":"E","zz":1,"aa":2,"aa":3}"#),
        // Escapes and unicode in strings and keys.
        r#"{"rule":"mutual_aid.\u0065nroll","input":{}}"#.into(),
        enroll_with(r#"{"t\u0069er":"\u0045","channel":"gro\/up","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}"#),
        enroll_with(r#"{"tier":"\ud83d\ude00 é ü \u00e9 \"q\" \\ \b\f\n\r\t","channel":"group"}"#),
        enroll_with(r#"{"tier":"\ud800","channel":"group"}"#),
        enroll_with(r#"{"tier":"\udc00","channel":"group"}"#),
        enroll_with(r#"{"tier":"\ud800\u0041","channel":"group"}"#),
        enroll_with(r#"{"tier":"\x41","channel":"group"}"#),
        enroll_with(r#"{"tier":"\u12","channel":"group"}"#),
        enroll_with("{\"tier\":\"E\u{1}\",\"channel\":\"group\"}"),
        enroll_with("{\"tier\":\"\u{7f}\",\"channel\":\"group\"}"),
        enroll_with(r#"{"tier":"心功能","channel":"团体"}"#),
        // Literals.
        enroll_with(r#"{"tier":true,"channel":false,"date":null}"#),
        enroll_with(r#"{"tier":tru}"#),
        enroll_with(r#"{"tier":nul}"#),
        enroll_with(r#"{"tier":"E",}"#),
        enroll_with(r#"{"tier" "E"}"#),
        enroll_with(r#"{tier:"E"}"#),
        enroll_with(r#"["E",]"#),
        enroll_with(r#"[1 2]"#),
        // Nesting: within the borrowed reader's depth, past it, past serde_json's.
        enroll_with(&deep_ok),
        enroll_with(&deep_array),
        enroll_with(&format!(r#"{{"tier":{deep_ok}}}"#)),
    ];
    // Numbers: plain, signed, fractional, exponents, big, malformed.
    for v in [
        "3",
        "0",
        "-0",
        "-3",
        "3.0",
        "3.50",
        "1e2",
        "1E2",
        "1e+2",
        "1e-2",
        "-1.5e3",
        "01",
        "00",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e400",
        "-1e400",
        "4294967295",
        "4294967296",
        "18446744073709551616",
        "123456789012345678901234567890",
        "3 ",
        "3x",
        "0x10",
        "1-2",
        "NaN",
        "Infinity",
    ] {
        reqs.push(days(v));
    }
    for (i, r) in reqs.iter().enumerate() {
        let _ = same(&engine, r);
        // Also with the options around the input, and as the value of a field of the input.
        let _ = same(
            &engine,
            &format!(r#"{{"trace":"full","lang":"zh-CN","rule":"mutual_aid.enroll","input":{r}}}"#),
        );
        assert!(i < 10_000);
    }
}

#[test]
fn limits_read_the_same() {
    let claims = |n: usize| {
        let one = r#"{"benefit":"hospital_days","event_date":"2023-03-01","filed_on":"2023-04-01","days":3}"#;
        format!(
            r#"{{"rule":"mutual_aid.adjudicate","input":{{"policy":{{"tier":"D","coverage_start":"2023-01-01","coverage_end":"2023-12-31"}},"claims":[{}]}}}}"#,
            vec![one; n].join(",")
        )
    };
    for limits in [
        Limits::DEFAULT,
        Limits::DEFAULT.with(Limit::Claims, 3),
        Limits::DEFAULT.with(Limit::Values, 40),
        Limits::DEFAULT.with(Limit::RequestBytes, 300),
    ] {
        let engine = Engine::builtin().with_limits(limits);
        for n in [0, 1, 3, 4, 20] {
            let _ = same(&engine, &claims(n));
        }
        let _ = same(&engine, &enroll_with(ENROLL_INPUT));
    }
}

#[test]
fn the_tree_reads_as_serde_json_does() -> TestResult {
    let text = r#" {"b":[1,"x\n",null,true,{"k":-2.50}],"a":"é\u00e9","a":"last","n":12345678901234567890123} "#;
    let doc = Doc::parse(text).ok_or("unread")?;
    let value: Value = serde_json::from_str(text)?;
    let (t, v) = (doc.root(), &value);
    assert_eq!(t.kind(), Kind::Object);
    assert_eq!(t.keys(), Source::keys(&v));
    assert_eq!(t.first_unknown_key(&["b"]), Some("a".into()));
    assert_eq!(t.get("a").and_then(|x| x.as_str().map(|s| s.into_owned())), Some("last".into()));
    assert_eq!(
        t.get("n").and_then(|x| x.number_text().map(|s| s.into_owned())),
        Source::get(&v, "n").and_then(|x| x.number_text().map(|s| s.into_owned()))
    );
    let (tb, vb) = (t.get("b").ok_or("b")?, Source::get(&v, "b").ok_or("b")?);
    assert_eq!(tb.array_len(), vb.array_len());
    for i in 0..5 {
        let (x, y) = (tb.at(i).ok_or("item")?, vb.at(i).ok_or("item")?);
        assert_eq!(x.kind(), y.kind());
        assert_eq!(x.as_str().as_deref(), Source::as_str(&y).as_deref());
        assert_eq!(x.as_bool(), y.as_bool());
        assert_eq!(x.number_text(), y.number_text());
    }
    let k = tb.at(4).and_then(|o| o.get("k")).ok_or("k")?;
    assert_eq!(k.number_text().as_deref(), Some("-2.50"));
    assert!(tb.at(5).is_none());
    for bad in ["", "{", r#"{"a":1}x"#, r#"{"a":01}"#, r#""\ud800""#, "[1,]", "nul"] {
        assert!(Doc::parse(bad).is_none(), "{bad}");
    }
    Ok(())
}
