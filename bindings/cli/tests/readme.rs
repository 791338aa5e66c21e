//! The README's examples are what the command answers: each `$ echo '<request>' | shftu-rules eval [options]`
//! line is run through the built binary with those options, and its output must be the lines the README shows
//! under it, up to the end of the code block.

use std::io::Write;
use std::process::{Command, Stdio};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const EXE: &str = env!("CARGO_BIN_EXE_shftu-rules");

/// One example: the request, the options after `shftu-rules eval`, the output shown, its line in the README.
struct Example {
    request: String,
    args: Vec<String>,
    shown: String,
    line: usize,
}

fn examples(readme: &str) -> Vec<Example> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("$ echo '") else { continue };
        let Some((request, command)) = rest.split_once("' | shftu-rules eval") else {
            continue;
        };
        let shown: Vec<&str> = lines.iter().skip(i + 1).take_while(|l| !l.starts_with("```")).copied().collect();
        out.push(Example {
            request: request.to_owned(),
            args: command.split_whitespace().map(str::to_owned).collect(),
            shown: shown.join("\n"),
            line: i + 1,
        });
    }
    out
}

fn answer(e: &Example) -> Result<String, Box<dyn std::error::Error>> {
    let mut child = Command::new(EXE)
        .arg("eval")
        .args(&e.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()?;
    child
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(format!("{}\n", e.request).as_bytes())?;
    let out = child.wait_with_output()?;
    Ok(String::from_utf8(out.stdout)?)
}

#[test]
fn readme_examples_answer_as_shown() -> TestResult {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))?;
    let examples = examples(&readme);
    assert!(examples.len() >= 6, "only {} README examples found", examples.len());
    assert!(
        examples.iter().any(|e| e.args.iter().any(|a| a == "--explain")),
        "no --explain example"
    );
    assert!(
        examples.iter().any(|e| e.request.contains("\"lang\":\"zh-CN\"")),
        "no request in Chinese"
    );
    for e in &examples {
        let got = answer(e)?;
        assert_eq!(got.trim_end(), e.shown.trim_end(), "README example on line {}", e.line);
    }
    Ok(())
}
