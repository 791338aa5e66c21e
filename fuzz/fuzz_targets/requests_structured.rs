//! Valid-shaped requests for every rule: each field drawn from values of the right type, near misses and
//! wrong types, so the fuzzer spends its time inside the rules rather than in the JSON parser.
#![no_main]
use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const WORDS: &[&str] = &[
    "E", "D", "C", "group", "individual", "courier", "caregiver", "hospital_days", "accident_death", "accident_disability",
    "accident_consolation", "disease_death", "critical_illness", "ci_medical_subsidy", "new", "upgrade", "two_day", "one_day",
    "L1", "L4", "cardio", "female_two", "yangtze_delta", "paired_region", "direct_sanatorium", "district", "street",
];
const KEYS: &[&str] = &[
    "tier", "channel", "date", "industry", "birth_date", "platform_worker", "renewing_2022_plan", "from", "to", "coverage_end",
    "benefit", "event_date", "policy", "claims", "coverage_start", "changes", "effective_from", "filed_on", "days", "grade",
    "amount", "lines", "package", "count", "kind", "points", "district_match", "street_match", "participants", "total_cost",
    "meal_cost", "spent_per_person", "amount_per_person", "programme", "nights", "cost_per_person", "items", "person_days",
];

fn date(u: &mut Unstructured<'_>) -> arbitrary::Result<Value> {
    let y = u.int_in_range(2021..=2026)?;
    let m = u.int_in_range(1..=13)?;
    let d = u.int_in_range(1..=31)?;
    Ok(json!(format!("{y:04}-{m:02}-{d:02}")))
}

fn value(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Value> {
    Ok(match u.int_in_range(0..=10)? {
        0 => json!(*u.choose(WORDS)?),
        1 | 2 => date(u)?,
        3 => json!(u.int_in_range(0u32..=400)?),
        4 => json!(format!("{}.{:02}", u.int_in_range(0u32..=400_000)?, u.int_in_range(0u32..=99)?)),
        5 => json!(bool::arbitrary(u)?),
        6 => json!(i64::arbitrary(u)?),
        7 => Value::Null,
        8 if depth < 3 => {
            let n = u.int_in_range(0..=6)?;
            Value::Array((0..n).map(|_| value(u, depth + 1)).collect::<arbitrary::Result<_>>()?)
        }
        _ if depth < 3 => object(u, depth + 1)?,
        _ => json!(String::arbitrary(u)?),
    })
}

fn object(u: &mut Unstructured<'_>, depth: u32) -> arbitrary::Result<Value> {
    let n = u.int_in_range(0..=8)?;
    let mut m = Map::new();
    for _ in 0..n {
        m.insert((*u.choose(KEYS)?).to_owned(), value(u, depth)?);
    }
    Ok(Value::Object(m))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(rule) = u.choose(shftu_rules::RULES) else { return };
    let Ok(input) = object(&mut u, 0) else { return };
    let req = json!({"rule": rule.id, "input": input}).to_string();
    let out = shftu_rules::evaluate(&req);
    let v: Value = serde_json::from_str(&out).unwrap_or(Value::Null);
    assert!(v.get("ok").is_some_and(Value::is_boolean), "{req} -> {out}");
});
