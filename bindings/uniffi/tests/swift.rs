//! The Swift bindings, reviewed as a snapshot (no Swift compiler on the Linux CI).
//!
//! Runs uniffi's generator in library mode on the cdylib that `cargo test` just built, snapshots the
//! generated `ShftuRules.swift` with insta (`cargo insta review` after a change to the exported API), and
//! checks that the Swift package in `bindings/uniffi/swift/` holds exactly what the generator makes.
//! `SHFTU_BLESS=1 cargo test -p shftu-rules-uniffi --features cli --test swift` rewrites the package's files.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use camino::Utf8PathBuf;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The cdylib cargo built for this test run (the test binary sits in `target/<profile>/deps`).
fn cdylib() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let deps = exe.parent().ok_or("test binary has no directory")?;
    for dir in [Some(deps), deps.parent()].into_iter().flatten() {
        for name in ["libshftu_rules_uniffi.so", "libshftu_rules_uniffi.dylib"] {
            let p = dir.join(name);
            if p.exists() {
                return Ok(p);
            }
        }
    }
    Err(format!("no libshftu_rules_uniffi next to {}", exe.display()).into())
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
fn swift_bindings_snapshot_and_package() -> Result<()> {
    let out = std::env::temp_dir().join(format!("shftu-uniffi-swift-{}", std::process::id()));
    let _ = fs::remove_dir_all(&out);
    generate(&out)?;
    let swift = fs::read_to_string(out.join("ShftuRules.swift"))?;
    let header = fs::read_to_string(out.join("shftu_rulesFFI.h"))?;
    let modulemap = fs::read_to_string(out.join("module.modulemap"))?;

    // The Swift API a reviewer reads: money is Foundation.Decimal, never Double.
    assert!(swift.contains("public typealias Money = Decimal"), "Money is Decimal in Swift");
    assert!(swift.contains("enum ShftuError: Swift.Error"), "errors are a Swift Error enum");
    insta::assert_snapshot!("ShftuRules.swift", swift);

    let pkg = Path::new(env!("CARGO_MANIFEST_DIR")).join("swift");
    let files = [
        (pkg.join("Sources/ShftuRules/ShftuRules.swift"), swift),
        (pkg.join("Sources/shftu_rulesFFI/include/shftu_rulesFFI.h"), header),
        (pkg.join("Sources/shftu_rulesFFI/include/module.modulemap"), modulemap),
    ];
    let bless = std::env::var_os("SHFTU_BLESS").is_some();
    for (path, text) in files {
        if bless {
            fs::create_dir_all(path.parent().ok_or("no parent")?)?;
            fs::write(&path, &text)?;
        }
        let committed = fs::read_to_string(&path).map_err(|e| format!("{}: {e} (SHFTU_BLESS=1 writes it)", path.display()))?;
        assert!(
            committed == text,
            "{} is not what the generator makes: run SHFTU_BLESS=1 cargo test -p shftu-rules-uniffi --features cli --test swift",
            path.display()
        );
    }
    let _ = fs::remove_dir_all(&out);
    Ok(())
}
