//! Reason codes ([`shftu_rules::registry::reason_codes()`]): every code is snake_case and says what it means (the
//! `doc` of its label in the catalogue, which `spec/generated/rules.md` prints); `spec/reasons.md`, the prose
//! overview by family, names no stale code and gives each code it lists the catalogue's words.

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
fn every_reason_code_says_what_it_means() {
    // The meaning is the `doc` of the code's label in the catalogue (spec/messages/<family>.toml), which
    // spec/generated/rules.md prints beside the Chinese name.
    let mut missing = Vec::new();
    for e in shftu_rules::registry::reason_sets() {
        for code in e.codes {
            if shftu_rules::msg::label_doc(e.kind, code).is_none_or(str::is_empty) {
                missing.push(format!("{}.{code}", e.kind));
            }
        }
    }
    assert!(missing.is_empty(), "reason codes without a `doc` in the catalogue: {missing:?}");
}

#[test]
fn every_family_section_of_reasons_md_is_a_family() {
    let families: BTreeSet<&str> = reason_codes().iter().map(|(f, _)| *f).collect();
    for (f, _) in SECTIONS {
        assert!(families.contains(f), "SECTIONS names {f}, which has no reason codes");
    }
}

#[test]
fn reasons_md_says_what_the_catalogue_says() -> TestResult {
    // spec/reasons.md is the prose overview, by family; where it lists a code, its words after the code are the
    // code's `doc` in the catalogue, so the two never drift (a new code may be listed in the catalogue alone:
    // spec/generated/rules.md shows it).
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/reasons.md"))?;
    let sets = shftu_rules::registry::reason_sets();
    let mut differ = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.strip_prefix("- `") else { continue };
        let Some((code, meaning)) = rest.split_once("` — ") else {
            continue;
        };
        let docs: Vec<&str> = sets
            .iter()
            .filter(|e| e.codes.contains(&code))
            .filter_map(|e| shftu_rules::msg::label_doc(e.kind, code))
            .collect();
        if !docs.is_empty() && !docs.contains(&meaning) {
            differ.push(format!("`{code}`: reasons.md says {meaning:?}, the catalogue {docs:?}"));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
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
