//! The commands.

use std::io::{BufRead, Write};

use crate::convert::{read_line, request_text};
use crate::error::CliError;

pub const HELP: &str = "\
shftu-rules — the rules of the Shanghai FTU 2023 worker-service plan (沪工总办〔2023〕15号)

USAGE:
    shftu-rules eval            read JSON Lines requests on stdin, write one response line each
    shftu-rules rules           list every rule id, what it answers and its clause
    shftu-rules parameters      list every parameter of every edition with its clause (TSV)
    shftu-rules --help | -h     this text
    shftu-rules --version

A request is {\"rule\": \"<rule id>\", \"input\": {...}, \"edition\": \"2023\"} (edition optional).
A line that cannot be evaluated gets an {\"ok\": false, ...} line; eval never stops on a bad line.

EXAMPLE:
    echo '{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[{\"package\":\"L1\",\"count\":2}]}}' | shftu-rules eval
";

pub fn run(args: &[String], input: &mut dyn BufRead, out: &mut dyn Write) -> Result<(), CliError> {
    match args.first().map(String::as_str) {
        Some("eval") if args.len() == 1 => eval(input, out),
        Some("rules") if args.len() == 1 => rules(out),
        Some("parameters") if args.len() == 1 => parameters(out),
        Some("describe") if args.len() == 1 => {
            writeln!(out, "{}", shftu_rules::describe::describe()).map_err(CliError::Io)
        }
        Some("--help" | "-h" | "help") | None => out.write_all(HELP.as_bytes()).map_err(CliError::Io),
        Some("--version" | "-V") => writeln!(out, "shftu-rules {}", env!("CARGO_PKG_VERSION")).map_err(CliError::Io),
        Some(_) => Err(CliError::Usage(args.join(" "))),
    }
}

fn eval(input: &mut dyn BufRead, out: &mut dyn Write) -> Result<(), CliError> {
    let mut buf = Vec::new();
    while read_line(input, &mut buf)? {
        let response = match request_text(&buf) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => shftu_rules::evaluate(text),
            Err(e) => shftu_rules::engine::error_envelope(None, &e, shftu_rules::msg::Render::EN),
        };
        out.write_all(response.as_bytes()).map_err(CliError::Io)?;
        out.write_all(b"\n").map_err(CliError::Io)?;
    }
    out.flush().map_err(CliError::Io)
}

fn rules(out: &mut dyn Write) -> Result<(), CliError> {
    let w = shftu_rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in shftu_rules::RULES {
        writeln!(out, "{:w$}  {}  [{}]", r.id, r.summary(), r.clause).map_err(CliError::Io)?;
    }
    Ok(())
}

fn parameters(out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "edition\tid\tkind\tunit\tclause\tzh").map_err(CliError::Io)?;
    for p in shftu_rules::PARAMETERS {
        writeln!(out, "{}\t{}\t{}\t{}\t{}\t{}", p.edition, p.id, p.kind, p.unit, p.clause, p.zh).map_err(CliError::Io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str], stdin: &[u8]) -> Result<String, CliError> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        run(&args, &mut &stdin[..], &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn eval_answers_every_line_in_order_and_survives_bad_ones() -> Result<(), CliError> {
        let stdin = b"{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":1}}\nnot json\n\xff\xfe\n\n{\"rule\":\"nope\",\"input\":{}}\n";
        let out = call(&["eval"], stdin)?;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        assert!(
            lines[0].starts_with("{\"ok\":true,\"rule\":\"calendar.add_working_days\""),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("\"date\":\"2023-10-07\""), "the make-up Saturday: {}", lines[0]);
        assert!(lines[1].contains("\"code\":\"invalid_json\""));
        assert!(lines[2].contains("\"code\":\"invalid_json\""));
        assert!(lines[3].contains("\"code\":\"unknown_rule\""));
        Ok(())
    }

    #[test]
    fn rules_lists_every_rule() -> Result<(), CliError> {
        let out = call(&["rules"], b"")?;
        for r in shftu_rules::RULES {
            assert!(out.lines().any(|l| l.starts_with(r.id)), "{} missing", r.id);
        }
        Ok(())
    }

    #[test]
    fn unknown_command_is_a_usage_error() {
        assert!(matches!(call(&["frobnicate"], b""), Err(CliError::Usage(_))));
        assert!(matches!(call(&["eval", "extra"], b""), Err(CliError::Usage(_))));
    }

    #[test]
    fn help_names_the_commands() -> Result<(), CliError> {
        let out = call(&["--help"], b"")?;
        assert!(out.contains("shftu-rules eval") && out.contains("shftu-rules rules"));
        Ok(())
    }
}
