//! `shftu-rules-jvm-gen <out dir>`: writes the generated Java classes (`shftu_rules_jvm::gen`) for the
//! registry of the core this binary is built with, under `<out dir>/org/shftu/rules/`. Files it wrote
//! before and no longer writes are removed; a file whose text is unchanged is not touched.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(out) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: shftu-rules-jvm-gen <out dir>");
        return ExitCode::from(2);
    };
    let dir = out.join(shftu_rules_jvm::gen::PACKAGE.replace('.', "/"));
    let files = match shftu_rules_jvm::gen::generate(&shftu_rules::describe::describe()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("shftu-rules-jvm-gen: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = write(&dir, &files) {
        eprintln!("shftu-rules-jvm-gen: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!("shftu-rules-jvm-gen: {} files in {}", files.len(), dir.display());
    ExitCode::SUCCESS
}

fn write(dir: &std::path::Path, files: &[(String, String)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".java") && !files.iter().any(|(f, _)| f == name) {
            std::fs::remove_file(&p)?;
        }
    }
    for (name, text) in files {
        let p = dir.join(name);
        if std::fs::read_to_string(&p).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&p, text)?;
        }
    }
    Ok(())
}
