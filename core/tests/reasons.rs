//! `spec/reasons.md` and [`shftu_rules::rules::reason_codes()`] list the same reason codes: every code of a
//! family's reason enums is a bullet (`` - `code` — meaning — clause ``) of that family's section, every
//! code a bullet names is a code of the section's family (no stale entries), and every code is snake_case.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use shftu_rules::registry::reason_codes;

mod common;
use common::TestResult;

/// Each family's sections of `spec/reasons.md`: the `## ` headings' text before any ` (§…)`.
const SECTIONS: &[(&str, &[&str])] = &[
    ("health_point", &["Health points"]),
    ("health_point_ops", &["Health-point operations"]),
    ("fitness_station", &["Fitness stations"]),
    ("love_shanghai", &["Love Shanghai"]),
    ("recuperation", &["Recuperation"]),
    ("rest_room", &["Rest rooms"]),
    ("mutual_aid", &["Mutual aid", "Mutual-aid payment"]),
    ("labor_relations", &["Labour relations"]),
    ("model_worker", &["Model workers"]),
    ("metro_safety", &["Metro safety"]),
];

fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('_')
        && !s.ends_with('_')
        && !s.contains("__")
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

/// The backticked words of a line.
fn backticked(line: &str) -> impl Iterator<Item = &str> {
    line.split('`').skip(1).step_by(2)
}

/// The bullets' backticked snake_case codes of `spec/reasons.md`, by section heading (without its clause).
fn documented() -> Result<BTreeMap<String, Vec<String>>, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/reasons.md");
    let text = std::fs::read_to_string(path)?;
    let mut sections: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        if let Some(h) = line.strip_prefix("## ") {
            let name = h.split(" (").next().unwrap_or(h).trim().to_owned();
            sections.entry(name.clone()).or_default();
            current = Some(name);
        } else if line.starts_with("- ") {
            let section = current.clone().ok_or_else(|| format!("a bullet before any section: {line}"))?;
            let codes = sections.entry(section).or_default();
            codes.extend(backticked(line).filter(|w| is_snake_case(w)).map(str::to_owned));
        }
    }
    Ok(sections)
}

fn family_codes(family: &str) -> BTreeSet<&'static str> {
    reason_codes()
        .iter()
        .filter(|(f, _)| *f == family)
        .flat_map(|(_, codes)| codes.iter().copied())
        .collect()
}

#[test]
fn reason_codes_are_snake_case_and_unique_within_an_enum() {
    assert!(!reason_codes().is_empty());
    for (family, codes) in reason_codes() {
        assert!(!codes.is_empty(), "{family}: an empty reason enum");
        for code in codes {
            assert!(is_snake_case(code), "{family}: {code:?} is not snake_case");
        }
        let unique: BTreeSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len(), "{family}: a code repeats in {codes:?}");
    }
}

#[test]
fn every_family_has_a_section() {
    let families: BTreeSet<&str> = reason_codes().iter().map(|(f, _)| *f).collect();
    let mapped: BTreeSet<&str> = SECTIONS.iter().map(|(f, _)| *f).collect();
    assert_eq!(families, mapped, "reason_codes()'s families and this test's SECTIONS differ");
}

#[test]
fn every_reason_code_is_listed_under_its_family() -> TestResult {
    let doc = documented()?;
    for (family, headings) in SECTIONS {
        let mut listed = BTreeSet::new();
        for h in *headings {
            let codes = doc
                .get(*h)
                .ok_or_else(|| format!("spec/reasons.md has no section \"## {h}\" for {family}"))?;
            listed.extend(codes.iter().map(String::as_str));
        }
        for code in family_codes(family) {
            assert!(
                listed.contains(code),
                "{family}: `{code}` is not listed under {headings:?} in spec/reasons.md"
            );
        }
    }
    Ok(())
}

#[test]
fn reasons_md_lists_no_stale_code() -> TestResult {
    let doc = documented()?;
    for (heading, codes) in &doc {
        let family = SECTIONS.iter().find(|(_, hs)| hs.contains(&heading.as_str())).map(|(f, _)| *f);
        for code in codes {
            let known = family.map(family_codes).unwrap_or_default();
            assert!(
                known.contains(code.as_str()),
                "spec/reasons.md, \"## {heading}\": `{code}` is not a reason code of {} in reason_codes()",
                family.unwrap_or("any family (the section maps to none in this test's SECTIONS)")
            );
        }
    }
    Ok(())
}
