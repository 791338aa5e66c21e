//! The Swift package's sources are generated at build time and never checked in (no Swift compiler on the
//! Linux CI): this test runs uniffi's generator in library mode on the cdylib `cargo test` built and the typed
//! layer's generator on the registry, checks what a reviewer relies on (money is `Decimal`, errors are a Swift
//! `Error` with a case per code, one typed method per rule), and compares the SHA-256 of the generated files
//! with `generated.sha256`, so that a change of the Swift API shows in review.
//!
//! `SHFTU_BLESS=1` rewrites `generated.sha256`; `SHFTU_SWIFT_WRITE=1` also writes the sources into
//! `bindings/swift/Sources/` (what `generate.sh` does for `swift build` on a Mac).

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use camino::Utf8PathBuf;
use sha2::{Digest, Sha256};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The cdylib cargo built for this test run (the test binary sits in `target/<profile>/deps`).
fn cdylib() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let deps = exe.parent().ok_or("test binary has no directory")?;
    for dir in [Some(deps), deps.parent()].into_iter().flatten() {
        for name in ["libshftu_rules_swift.so", "libshftu_rules_swift.dylib"] {
            let p = dir.join(name);
            if p.exists() {
                return Ok(p);
            }
        }
    }
    Err(format!("no libshftu_rules_swift next to {}", exe.display()).into())
}

fn generate(out: &Path) -> Result<()> {
    let source = Utf8PathBuf::from_path_buf(cdylib()?).map_err(|p| format!("not utf-8: {}", p.display()))?;
    let out_dir = Utf8PathBuf::from_path_buf(out.to_path_buf()).map_err(|p| format!("not utf-8: {}", p.display()))?;
    uniffi::generate_swift_bindings(uniffi::SwiftBindingsOptions {
        generate_swift_sources: true,
        generate_headers: true,
        generate_modulemap: true,
        source,
        out_dir,
        xcframework: false,
        module_name: Some("shftu_rulesFFI".to_owned()),
        modulemap_filename: Some("module.modulemap".to_owned()),
        metadata_no_deps: true,
        link_frameworks: Vec::new(),
        config: None,
    })?;
    Ok(())
}

#[test]
fn swift_sources_are_generated_and_their_digest_is_the_snapshot() -> Result<()> {
    let out = std::env::temp_dir().join(format!("shftu-swift-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    generate(&out)?;
    let swift = fs::read_to_string(out.join("ShftuRules.swift"))?;
    let header = fs::read_to_string(out.join("shftu_rulesFFI.h"))?;
    let modulemap = fs::read_to_string(out.join("module.modulemap"))?;
    let typed = shftu_rules_swift::gen::swift(&shftu_rules::describe::describe());
    let _ = fs::remove_dir_all(&out);

    // What a reviewer relies on.
    assert!(swift.contains("enum ShftuError: Swift.Error"), "errors are a Swift Error enum");
    for case in ["InvalidInput", "LimitExceeded", "Internal", "UnknownEdition"] {
        assert!(swift.contains(&format!("case {case}(")), "ShftuError.{case}");
    }
    assert!(swift.contains("func call(rule: String, inputJson: String) throws"), "Rules.call");
    assert!(
        typed.contains("public struct Money: Codable") && typed.contains("public var value: Decimal"),
        "money is Decimal"
    );
    assert!(!typed.contains("Double"), "no binary floats in the typed layer");
    for r in shftu_rules::RULES {
        let f = r.function_name();
        let camel: String = f
            .split('_')
            .enumerate()
            .map(|(i, p)| {
                if i == 0 {
                    p.to_owned()
                } else {
                    let mut c = p.chars();
                    c.next().map(|x| x.to_uppercase().chain(c).collect()).unwrap_or_default()
                }
            })
            .collect();
        assert!(
            typed.contains(&format!("public func {camel}(_ input: ")),
            "a typed method for {}",
            r.id
        );
    }

    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = [
        ("Sources/ShftuRules/ShftuRules.swift", swift),
        ("Sources/ShftuRules/ShftuRulesTyped.swift", typed),
        ("Sources/shftu_rulesFFI/include/shftu_rulesFFI.h", header),
        ("Sources/shftu_rulesFFI/include/module.modulemap", modulemap),
    ];
    let mut digest = String::new();
    for (name, text) in &files {
        digest.push_str(&format!("{:x}  {name}\n", Sha256::digest(text.as_bytes())));
        if std::env::var_os("SHFTU_SWIFT_WRITE").is_some() {
            let p = here.join(name);
            fs::create_dir_all(p.parent().ok_or("no parent")?)?;
            fs::write(&p, text)?;
        }
    }
    let snapshot = here.join("generated.sha256");
    if std::env::var_os("SHFTU_BLESS").is_some() {
        fs::write(&snapshot, &digest)?;
    }
    let recorded = fs::read_to_string(&snapshot).map_err(|e| format!("{}: {e} (SHFTU_BLESS=1 writes it)", snapshot.display()))?;
    assert_eq!(
        recorded, digest,
        "the generated Swift changed: review it (SHFTU_SWIFT_WRITE=1 writes it to bindings/swift/Sources), then \
         SHFTU_BLESS=1 cargo test -p shftu-rules-swift --test swift"
    );
    Ok(())
}

#[test]
fn a_typed_call_answers_as_the_wire_contract() -> Result<()> {
    let rules = shftu_rules_swift::Rules::new(None, Some("zh-CN".into()), None)?;
    let response = rules.call(
        "mutual_aid.enroll".into(),
        r#"{"tier":"E","channel":"group","date":"2023-01-15","industry":"courier","birth_date":"1985-06-01"}"#.into(),
    )?;
    let wire = shftu_rules_swift::evaluate(
        r#"{"rule":"mutual_aid.enroll","lang":"zh-CN","input":{"tier":"E","channel":"group","date":"2023-01-15","industry":"courier","birth_date":"1985-06-01"}}"#.into(),
    )?;
    assert_eq!(response, wire);
    let err = rules.call(
        "love_shanghai.goods_check".into(),
        r#"{"spent_per_person":"1.005","amount_per_person":"1"}"#.into(),
    );
    match err {
        Err(shftu_rules_swift::ShftuError::InvalidInput { code, path, detail }) => {
            assert_eq!(code, "invalid_input");
            assert_eq!(path.as_deref(), Some("input.spent_per_person"));
            assert!(!detail.is_ascii(), "the message is in Chinese: {detail}");
        }
        other => return Err(format!("expected InvalidInput, got {other:?}").into()),
    }
    assert!(matches!(
        shftu_rules_swift::Rules::new(Some("1999".into()), None, None),
        Err(shftu_rules_swift::ShftuError::UnknownEdition { .. })
    ));
    Ok(())
}
