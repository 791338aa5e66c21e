//! The JNI crate without a JVM: the compact bytes read by the core's reader exactly as JSON is (same errors and
//! paths), results written and read back, hostile bytes refused without a panic, the typed call through the
//! registry equal to `evaluate`, and the generator's output (names, one method per rule, deterministic).

#![allow(clippy::unwrap_used, reason = "test helpers: a failed step is the test failing")]

use shftu_rules::engine::TraceMode;
use shftu_rules::Lang;
use shftu_rules_jvm::api;
use shftu_rules_jvm::tree::{self, Out, Tree, TreeError, ARR, DATE, DEC, NULL_KEY, OBJ};

fn rule_index(id: &str) -> i32 {
    shftu_rules::RULES
        .iter()
        .position(|r| r.id == id)
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
}

/// `{"from": <date>, "days": n}` as Java writes it (the date natively).
fn add_days(y: i32, m: u8, d: u8, days: i64) -> Vec<u8> {
    let mut o = Out::default();
    let at = o.open(OBJ);
    o.key("from").unwrap();
    o.tag(DATE);
    o.buf.extend_from_slice(&y.to_le_bytes());
    o.buf.extend_from_slice(&[m, d]);
    o.key("days").unwrap();
    o.int(days);
    o.close(at, 2).unwrap();
    o.buf
}

#[test]
fn a_typed_call_answers_ok_with_its_trace_then_the_result() {
    let answer = api::call(
        rule_index("calendar.add_working_days"),
        0,
        Lang::En,
        TraceMode::Notes,
        &add_days(2023, 9, 28, 3),
    );
    assert_eq!(answer.first(), Some(&api::OK));
    let text = String::from_utf8_lossy(&answer);
    assert!(text.contains("2023-10-09"), "{text}");
    assert!(text.contains("working days"), "the trace's note: {text}");
}

#[test]
fn input_errors_are_the_cores_with_their_paths_in_the_language() {
    // days: a negative count, as on the wire.
    let answer = api::call(
        rule_index("calendar.add_working_days"),
        0,
        Lang::En,
        TraceMode::Notes,
        &add_days(2023, 9, 28, -1),
    );
    assert_eq!(answer.first(), Some(&api::ERR));
    let text = String::from_utf8_lossy(&answer);
    assert!(text.contains("invalid_input") && text.contains("input.days"), "{text}");
    let wire = shftu_rules::evaluate(r#"{"rule":"calendar.add_working_days","input":{"from":"2023-09-28","days":-1}}"#);
    let wire_msg = wire.split("\"message\":\"").nth(1).and_then(|m| m.split('"').next()).unwrap();
    assert!(text.contains(wire_msg), "the wire's message {wire_msg} in {text}");
    // An impossible native date is read as its text and refused like the wire's.
    let answer = api::call(
        rule_index("calendar.add_working_days"),
        0,
        Lang::ZhCn,
        TraceMode::Notes,
        &add_days(2023, 2, 30, 1),
    );
    let text = String::from_utf8_lossy(&answer);
    assert_eq!(answer.first(), Some(&api::ERR));
    assert!(text.contains("input.from") && text.contains("2023-02-30"), "{text}");
}

#[test]
fn money_crosses_as_exact_decimal_text() {
    let mut o = Out::default();
    let at = o.open(OBJ);
    o.key("spent_per_person").unwrap();
    o.tag(DEC);
    o.u32(4);
    o.buf.extend_from_slice(b"1.05");
    o.key("amount_per_person").unwrap();
    o.tag(DEC);
    o.u32(5);
    o.buf.extend_from_slice(b"1.005");
    o.close(at, 2).unwrap();
    let answer = api::call(rule_index("love_shanghai.goods_check"), 0, Lang::En, TraceMode::Off, &o.buf);
    let text = String::from_utf8_lossy(&answer);
    assert_eq!(answer.first(), Some(&api::ERR), "{text}");
    assert!(
        text.contains("input.amount_per_person") && text.contains("more than two decimals"),
        "{text}"
    );
}

#[test]
fn an_elided_list_is_limit_exceeded_at_its_path() {
    let mut o = Out::default();
    let at = o.open(OBJ);
    o.key("lines").unwrap();
    o.tag(tree::ELIDED);
    o.u32(1_000_000);
    o.close(at, 1).unwrap();
    let answer = api::call(rule_index("checkup.quote"), 0, Lang::En, TraceMode::Notes, &o.buf);
    let text = String::from_utf8_lossy(&answer);
    assert!(text.contains("limit_exceeded") && text.contains("input.lines"), "{text}");
}

#[test]
fn a_null_key_is_invalid_input_at_the_maps_path() {
    let mut o = Out::default();
    let at = o.open(OBJ);
    o.key("items").unwrap();
    let m = o.open(OBJ);
    o.tag(NULL_KEY);
    o.int(1);
    o.close(m, 1).unwrap();
    o.close(at, 1).unwrap();
    let answer = api::call(rule_index("labor_relations.score"), 0, Lang::En, TraceMode::Notes, &o.buf);
    let text = String::from_utf8_lossy(&answer);
    assert_eq!(answer.first(), Some(&api::ERR), "{text}");
    assert!(text.contains("input.items"), "{text}");
}

#[test]
fn hostile_bytes_are_malformed_never_a_panic_nor_a_huge_allocation() {
    assert!(matches!(Tree::parse(&[], "input"), Err(TreeError::Malformed(_))));
    assert!(matches!(
        Tree::parse(&[ARR, 0xff, 0xff, 0xff, 0xff], "input"),
        Err(TreeError::Malformed(_))
    ));
    assert!(matches!(Tree::parse(&[42], "input"), Err(TreeError::Malformed(_))));
    assert!(matches!(
        Tree::parse(&[tree::STR, 2, 0, 0, 0, 0xff, 0xfe], "input"),
        Err(TreeError::Malformed(_))
    ));
    // Nesting past 64 levels.
    let mut deep = Vec::new();
    for _ in 0..100 {
        deep.extend_from_slice(&[ARR, 1, 0, 0, 0]);
    }
    deep.push(tree::NULL);
    assert!(matches!(Tree::parse(&deep, "input"), Err(TreeError::Malformed(_))));
    // Every prefix and a pseudo-random walk over bytes: an answer, never a panic.
    let good = add_days(2023, 9, 28, 3);
    for n in 0..good.len() {
        let answer = api::call(
            rule_index("calendar.add_working_days"),
            0,
            Lang::En,
            TraceMode::Notes,
            good.get(..n).unwrap(),
        );
        assert_eq!(answer.first(), Some(&api::INTERNAL), "prefix of {n} bytes");
    }
    let mut x: u32 = 12345;
    for _ in 0..2000 {
        let mut bytes = good.clone();
        for _ in 0..3 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            let i = (x >> 8) as usize % bytes.len();
            if let Some(b) = bytes.get_mut(i) {
                *b = (x >> 16) as u8;
            }
        }
        let answer = api::call(rule_index("calendar.add_working_days"), 0, Lang::En, TraceMode::Notes, &bytes);
        assert!(matches!(answer.first(), Some(&(0..=2))));
    }
    assert_eq!(api::call(-1, 0, Lang::En, TraceMode::Notes, &good).first(), Some(&api::INTERNAL));
    assert_eq!(api::call(0, 99, Lang::En, TraceMode::Notes, &good).first(), Some(&api::INTERNAL));
}

#[test]
fn evaluate_and_evaluate_many_are_the_engines() {
    let reqs = [
        r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-01-15","industry":"courier","birth_date":"1985-06-01"}}"#,
        "{not json",
    ];
    for r in reqs {
        assert_eq!(api::evaluate(r.as_bytes()), shftu_rules::evaluate(r).into_bytes());
    }
    let mut batch = Vec::new();
    batch.extend_from_slice(&3u32.to_le_bytes());
    for r in reqs {
        batch.extend_from_slice(&i32::try_from(r.len()).unwrap().to_le_bytes());
        batch.extend_from_slice(r.as_bytes());
    }
    batch.extend_from_slice(&(-3i32).to_le_bytes());
    let out = api::evaluate_many(&batch, 1);
    assert_eq!(api::evaluate_many(&batch, 4), out);
    assert_eq!(out.first(), Some(&api::OK));
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("\"ok\":true") && text.contains("invalid_json") && text.contains("the request is null"),
        "{text}"
    );
    assert_eq!(api::evaluate_many(&[1, 0], 1).first(), Some(&api::INTERNAL));
    assert!(String::from_utf8_lossy(&api::evaluate_refused(api::Refused::TooLarge(5_000_000))).contains("limit_exceeded"));
}

#[test]
fn a_panic_is_internal() {
    let out = api::panic_for_test();
    assert_eq!(out.first(), Some(&api::INTERNAL));
    assert!(String::from_utf8_lossy(&out).contains("on purpose"));
}

#[test]
fn the_selftest_of_cross_builds_passes_here() {
    assert_eq!(shftu_rules_jvm::shftu_rules_jvm_selftest(), 0);
}

#[test]
fn the_generator_writes_one_method_per_rule_and_is_deterministic() {
    let d = shftu_rules::describe::describe();
    let a = shftu_rules_jvm::gen::generate(&d).unwrap();
    let b = shftu_rules_jvm::gen::generate(&d).unwrap();
    assert_eq!(a, b);
    let rules = &a.iter().find(|(n, _)| n == "GeneratedRules.java").unwrap().1;
    for r in shftu_rules::RULES {
        assert!(rules.contains(&format!("\"{}\"", r.id)), "a typed method for {}", r.id);
    }
    let names: Vec<String> = shftu_rules_jvm::gen::names(&d).unwrap().into_iter().map(|(_, j)| j).collect();
    assert!(
        names.contains(&"CheckupPackage".to_owned()),
        "Package clashes with java.lang.Package: {names:?}"
    );
    assert!(!names.contains(&"Package".to_owned()));
    assert!(!names.iter().any(|n| n == "Reason"), "shared names are prefixed with their family");
}

#[test]
fn a_large_batch_answers_alike_on_threads_and_in_order() {
    let reqs: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"rule":"calendar.add_working_days","input":{{"from":"2023-09-28","days":{}}}}}"#,
                i % 40
            )
        })
        .collect();
    let mut batch = Vec::new();
    batch.extend_from_slice(&u32::try_from(reqs.len()).unwrap().to_le_bytes());
    for r in &reqs {
        batch.extend_from_slice(&i32::try_from(r.len()).unwrap().to_le_bytes());
        batch.extend_from_slice(r.as_bytes());
    }
    let one = api::evaluate_many(&batch, 1);
    assert_eq!(api::evaluate_many(&batch, 2), one);
    assert_eq!(api::evaluate_many(&batch, 8), one);
    let mut expected = vec![api::OK];
    for r in &reqs {
        let a = shftu_rules::evaluate(r);
        expected.extend_from_slice(&u32::try_from(a.len()).unwrap().to_le_bytes());
        expected.extend_from_slice(a.as_bytes());
    }
    assert_eq!(one, expected);
}
