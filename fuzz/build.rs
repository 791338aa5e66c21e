//! Collects every string (key or value) of the requests of the conformance corpus (`spec/cases/*.json`) into
//! `$OUT_DIR/case_strings.rs`: the generator of requests draws text fields and map keys from them (rubric
//! item ids, checklist dimensions, … — values an edition defines that no shape lists).
use std::collections::BTreeSet;
use std::path::Path;

fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                out.insert(k.clone());
                walk(x, out);
            }
        }
        _ => {}
    }
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/cases");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut strings = BTreeSet::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for f in files.iter().filter(|f| f.extension().is_some_and(|x| x == "json")) {
        let text = std::fs::read_to_string(f).unwrap_or_default();
        let cases: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        for c in cases.as_array().into_iter().flatten() {
            if let Some(r) = c.get("request") {
                walk(r, &mut strings);
            }
        }
    }
    let body: String = strings.iter().map(|s| format!("    {s:?},\n")).collect();
    let out = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("case_strings.rs");
    std::fs::write(
        out,
        format!("/// Every string of the conformance corpus's requests.\npub static CASE_STRINGS: &[&str] = &[\n{body}];\n"),
    )
    .unwrap_or_else(|e| panic!("writing case_strings.rs: {e}"));
}
