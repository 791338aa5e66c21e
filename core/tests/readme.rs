//! The README's `$ echo '<request>' | shftu-rules eval` examples answer exactly what the README shows.

#[test]
fn readme_cli_examples_answer_as_shown() {
    let readme = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap_or_default();
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line.strip_prefix("$ echo '") else { continue };
        let Some(request) = rest.strip_suffix("' | shftu-rules eval") else {
            continue;
        };
        let shown = lines.get(i + 1).copied().unwrap_or_default();
        assert_eq!(shftu_rules::evaluate(request), shown, "README example on line {}", i + 1);
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} README examples found");
}
