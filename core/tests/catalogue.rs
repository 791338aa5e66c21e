//! `spec/catalogue.csv`: one row for every numeric or dated item of the seed, with the rule(s), parameter(s)
//! and test(s) that carry it, or why it is deliberately not a rule (`status` = `not_a_rule`).
//!
//! The catalogue is generated from the annotated plan, `spec/plan/2023.md` (`core/tests/plan.rs` writes it with
//! `SHFTU_BLESS=1` and fails when it is stale); edit the plan's annotations, not the CSV.
//!
//! Fails when a row names a rule not in [`shftu_rules::RULES`], a parameter not in
//! [`shftu_rules::PARAMETERS`], or a test function that no file of `core/tests/` defines; when a rule has
//! no row; or when a rule or reference row names no rule or no test.

use std::collections::BTreeSet;
use std::path::Path;

mod common;
use common::TestResult;

const COLUMNS: [&str; 7] = ["clause", "zh", "rule_ids", "parameter_ids", "test", "status", "note"];
const STATUSES: [&str; 3] = ["rule", "reference", "not_a_rule"];

/// Splits one CSV line (RFC 4180 quoting; the catalogue has no line breaks inside fields).
fn split_csv(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if cur.is_empty() => quoted = true,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    if quoted {
        return Err(format!("unterminated quote in {line:?}"));
    }
    fields.push(cur);
    Ok(fields)
}

fn ids(field: &str) -> impl Iterator<Item = &str> {
    field.split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// Every `fn name` in the files of `core/tests/`.
fn test_functions() -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut names = BTreeSet::new();
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p)?;
            for part in text.split("fn ").skip(1) {
                let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        }
    }
    Ok(names)
}

#[test]
fn every_catalogue_row_names_real_rules_parameters_and_tests_and_every_rule_has_a_row() -> TestResult {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/catalogue.csv");
    let text = std::fs::read_to_string(&path)?;
    let mut lines = text.lines();
    let header = split_csv(lines.next().ok_or("empty catalogue")?)?;
    assert_eq!(header, COLUMNS, "catalogue columns");
    let rules: BTreeSet<&str> = shftu_rules::RULES.iter().map(|r| r.id).collect();
    let params: BTreeSet<&str> = shftu_rules::PARAMETERS.iter().map(|p| p.id).collect();
    let tests = test_functions()?;
    let mut covered = BTreeSet::new();
    let mut errors = Vec::new();
    let mut count = 0;
    for (n, line) in lines.enumerate() {
        let row_no = n + 2;
        let f = split_csv(line)?;
        let [clause, zh, rule_ids, parameter_ids, test, status, _note] = f.as_slice() else {
            errors.push(format!("row {row_no}: {} fields, not {}", f.len(), COLUMNS.len()));
            continue;
        };
        count += 1;
        if clause.is_empty() || zh.is_empty() {
            errors.push(format!("row {row_no}: no clause or no words"));
        }
        if !STATUSES.contains(&status.as_str()) {
            errors.push(format!("row {row_no}: status {status:?} is not one of {STATUSES:?}"));
        }
        for r in ids(rule_ids) {
            if rules.contains(r) {
                if status != "not_a_rule" {
                    covered.insert(r.to_owned());
                }
            } else {
                errors.push(format!("row {row_no} ({clause}): rule {r} is not in RULES"));
            }
        }
        for p in ids(parameter_ids) {
            if !params.contains(p) {
                errors.push(format!("row {row_no} ({clause}): parameter {p} is not in PARAMETERS"));
            }
        }
        for t in ids(test) {
            if !tests.contains(t) {
                errors.push(format!("row {row_no} ({clause}): no test function {t} in core/tests/*.rs"));
            }
        }
        if status != "not_a_rule" && (ids(rule_ids).next().is_none() || ids(test).next().is_none()) {
            errors.push(format!("row {row_no} ({clause}): a {status} row must name a rule and a test"));
        }
    }
    for r in &rules {
        if !covered.contains(*r) {
            errors.push(format!("rule {r} has no row in the catalogue"));
        }
    }
    assert!(count > 0, "the catalogue has no rows");
    assert!(
        errors.is_empty(),
        "{} problems in {}:\n{}",
        errors.len(),
        path.display(),
        errors.join("\n")
    );
    Ok(())
}

#[test]
fn every_parameter_of_the_edition_is_catalogued() -> TestResult {
    // The other direction for parameters: each parameter of the 2023 edition is cited by some row.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/catalogue.csv"))?;
    let mut cited = BTreeSet::new();
    for line in text.lines().skip(1) {
        if let Some(p) = split_csv(line)?.get(3) {
            cited.extend(ids(p).map(str::to_owned));
        }
    }
    let missing: Vec<&str> = shftu_rules::PARAMETERS
        .iter()
        .filter(|p| p.edition == "2023" && !cited.contains(p.id))
        .map(|p| p.id)
        .collect();
    assert!(missing.is_empty(), "parameters without a catalogue row: {missing:?}");
    Ok(())
}
