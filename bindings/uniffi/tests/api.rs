//! The Rust side of the binding: `evaluate` is exactly the core's answer, every rule has a typed
//! method, conversions keep money exact and report the core's paths, and a panic is `Internal`.

use shftu_rules_uniffi::api::{self, AddWorkingDaysInput, Claim, TripInput, TripKind, TYPED_RULES};
use shftu_rules_uniffi::convert::{IsoDate, Money, ToCore, ToFfi};
use shftu_rules_uniffi::error::guard;
use shftu_rules_uniffi::{evaluate, evaluate_many, Rules, ShftuError};

fn date(s: &str) -> IsoDate {
    IsoDate(s.to_owned())
}

#[test]
fn every_rule_has_a_typed_method() {
    let ids: Vec<&str> = shftu_rules::RULES.iter().map(|r| r.id).collect();
    for id in &ids {
        assert!(
            TYPED_RULES.contains(id),
            "no typed method for {id}: add it in bindings/uniffi/src/api.rs"
        );
    }
    for id in TYPED_RULES {
        assert!(ids.contains(id), "{id} is listed as typed but the core has no such rule");
    }
}

#[test]
fn evaluate_is_the_core_answer() {
    let reqs = [
        r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-01-15","industry":"courier","birth_date":"1985-06-01"}}"#,
        r#"{"rule":"checkup.quote","input":{"lines":[{"package":"L1","count":2}]}}"#,
        "{not json",
        r#"{"rule":"nope","input":{}}"#,
    ];
    for r in reqs {
        assert_eq!(evaluate(r.to_owned()).unwrap(), shftu_rules::evaluate(r));
    }
    let many = evaluate_many(reqs.iter().map(|s| (*s).to_owned()).collect()).unwrap();
    let one: Vec<String> = reqs.iter().map(|r| shftu_rules::evaluate(r)).collect();
    assert_eq!(many, one);
}

#[test]
fn typed_money_is_exact_and_errors_carry_the_path() {
    let rules = Rules::new("2023".to_owned()).unwrap();
    let out = rules
        .love_shanghai_trip_check(TripInput {
            kind: TripKind::TwoDay,
            participants: 10,
            total_cost: Money("8000".to_owned()),
            meal_cost: Money("3200.01".to_owned()),
        })
        .unwrap();
    assert_eq!(out.max_meal_cost, Money("3200.00".to_owned()));
    assert!(!out.compliant);

    let err = rules
        .love_shanghai_trip_check(TripInput {
            kind: TripKind::OneDay,
            participants: 1,
            total_cost: Money("1.005".to_owned()),
            meal_cost: Money("0".to_owned()),
        })
        .unwrap_err();
    match err {
        ShftuError::InvalidInput { code, path, detail } => {
            assert_eq!(code, "invalid_input");
            assert_eq!(path.as_deref(), Some("input.total_cost"));
            assert!(detail.contains("more than two decimals"), "{detail}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }

    let err = rules
        .calendar_add_working_days(AddWorkingDaysInput {
            from: date("2023-01-01"),
            days: -1,
        })
        .unwrap_err();
    assert!(
        matches!(err, ShftuError::InvalidInput { path: Some(ref p), .. } if p == "input.days"),
        "{err:?}"
    );
}

#[test]
fn nested_paths_and_impossible_dates() {
    let claims = vec![Claim {
        benefit: api::Benefit::HospitalDays,
        event_date: date("2023-02-30"),
        filed_on: date("2023-04-01"),
        days: Some(3),
        grade: None,
        amount: None,
    }];
    let path = shftu_rules::wire::Path::Root("input");
    let claims_path = path.key("claims");
    let err = claims.to_core(&claims_path).unwrap_err();
    assert_eq!(err.path(), Some("input.claims[0].event_date"));
}

#[test]
fn unknown_edition_and_calendar_errors_map_one_to_one() {
    let err = Rules::new("1999".to_owned()).unwrap_err();
    assert!(
        matches!(err, ShftuError::UnknownEdition { path: Some(ref p), .. } if p == "edition"),
        "{err:?}"
    );
    let rules = Rules::new("2023".to_owned()).unwrap();
    let err = rules
        .calendar_add_working_days(AddWorkingDaysInput {
            from: date("2031-01-05"),
            days: 3,
        })
        .unwrap_err();
    assert!(matches!(err, ShftuError::CalendarUnavailable { .. }), "{err:?}");
}

#[test]
fn outputs_print_money_with_two_decimals_and_iso_dates() {
    assert_eq!(shftu_rules::Money::from_yuan(72).to_ffi(), Money("72.00".to_owned()));
    let d = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    assert_eq!(d.to_ffi(), date("2023-01-01"));
}

#[test]
fn a_panic_is_internal_not_an_abort() {
    let err = guard::<()>(|| std::panic::panic_any("boom")).unwrap_err();
    match err {
        ShftuError::Internal { code, path, detail } => {
            assert_eq!(code, "internal_error");
            assert_eq!(path, None);
            assert!(detail.contains("boom"));
        }
        other => panic!("expected Internal, got {other:?}"),
    }
}

/// Every conformance vector of a rule, through its typed method: the input read by the core's wire reader
/// and converted to the method's record, the record's result written back as the contract's JSON, must be
/// the recorded `result` (or the recorded error's code and path). This checks each method is wired to its
/// rule and each result record mirrors the core's result field by field.
#[test]
fn every_typed_method_answers_every_vector_like_evaluate() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/cases");
    let rules = Rules::new("2023".to_owned()).unwrap();
    let (mut checked, mut failures) = (0, Vec::new());
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let cases: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in cases.as_array().unwrap() {
            let (Some(req), Some(resp)) = (case.get("request"), case.get("response")) else {
                continue;
            };
            let (Some(rule), Some(input)) = (req.get("rule").and_then(|r| r.as_str()), req.get("input")) else {
                continue;
            };
            if req.get("edition").is_some_and(|e| e != "2023")
                || req
                    .as_object()
                    .is_some_and(|o| o.keys().any(|k| !["rule", "input", "edition"].contains(&k.as_str())))
            {
                continue;
            }
            let Some(got) = rules.typed_json(rule, input) else { continue };
            let name = case["name"].as_str().unwrap_or("?");
            checked += 1;
            match (got, resp["ok"].as_bool()) {
                (Ok(result), Some(true)) if result == resp["result"] => {}
                (Err(e), Some(false)) => {
                    let (code, path) = match &e {
                        ShftuError::InvalidJson { code, path, .. }
                        | ShftuError::UnknownRule { code, path, .. }
                        | ShftuError::UnknownEdition { code, path, .. }
                        | ShftuError::InvalidInput { code, path, .. }
                        | ShftuError::CalendarUnavailable { code, path, .. }
                        | ShftuError::Internal { code, path, .. } => (code.clone(), path.clone()),
                    };
                    let want_path = resp["error"]["path"].as_str().map(str::to_owned);
                    if resp["error"]["code"] != code.as_str() || want_path != path {
                        failures.push(format!(
                            "{rule} / {name}: typed error {code} at {path:?}, recorded {}",
                            resp["error"]
                        ));
                    }
                }
                (got, _) => failures.push(format!("{rule} / {name}: typed {got:?}, recorded {resp}")),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} vectors differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 300, "only {checked} vectors went through the typed API");
    eprintln!("{checked} vectors through the typed API");
}
