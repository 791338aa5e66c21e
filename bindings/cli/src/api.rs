//! The commands: `eval`, `rules`, `parameters`, `messages`, `describe`.

use std::io::{BufRead, Write};

use serde_json::Value;
use shftu_rules::msg::{Lang, Render};
use shftu_rules::{Engine, Limit, Limits, TraceMode};

use crate::convert::{request_text, Framing, Reader, Unit};
use crate::error::CliError;

pub const HELP: &str = "\
shftu-rules — the rules of the Shanghai FTU 2023 worker-service plan (沪工总办〔2023〕15号)

USAGE:
    shftu-rules eval [OPTIONS]      evaluate requests read on stdin (see `shftu-rules eval --help`)
    shftu-rules rules [--lang L]    list every rule id, what it answers and its clause
    shftu-rules parameters          list every parameter of every edition with its clause (TSV)
    shftu-rules messages [--lang L] the message catalogue of a language (en, zh-CN), one text per id
    shftu-rules describe            the registry as JSON: rules, input and result shapes, codes, limits
    shftu-rules --help | -h         this text
    shftu-rules --version

A request is {\"rule\": \"<rule id>\", \"input\": {...}, \"edition\": \"2023\", \"lang\": \"zh-CN\"} (edition, lang
and trace optional). A request that cannot be evaluated gets an {\"ok\": false, ...} answer; eval never stops
on a bad request.

EXAMPLE:
    echo '{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[{\"package\":\"L1\",\"count\":2}]}}' | shftu-rules eval
";

pub const EVAL_HELP: &str = "\
shftu-rules eval — evaluate requests of the wire contract read on stdin

USAGE:
    shftu-rules eval [OPTIONS] < requests

By default stdin is JSON Lines: one request per line and exactly one response line for every input line, in
order — a blank or whitespace-only line included (it is answered invalid_json), so a program that writes one
line can always wait for one line.

FRAMING (one of):
    --skip-blank         JSON Lines, but lines of only whitespace get no response
    --json-seq           RFC 7464 JSON text sequences: each request starts with the record separator 0x1E and
                         may span lines (pretty-printed requests); one response line each
    --array              stdin is one JSON array of requests (pretty-printed or not); one response line each
    --stream             stdin holds JSON requests one after another, separated by whitespace

OPTIONS:
    --lang en|zh-CN      the language of notes and messages for requests that do not name one (default en)
    --trace notes|full|off
                         how much trace for requests that do not say (default notes; full adds the
                         parameters each step read)
    --explain            print a plain-text explanation of each answer (for a clerk) instead of its JSON; each
                         explanation ends with a blank line
    --exit-zero          exit 0 even when some requests were not answered ok
    --max-request-bytes N, --max-values N, --max-claims N, --max-changes N, --max-quote-lines N, --max-items N
                         the limits (defaults: 4194304 bytes, 100000 values, 1000 claims, 20 changes, 10000
                         quote lines, 10000 items); a request past one is answered limit_exceeded, and a request
                         longer than --max-request-bytes is skipped to its end without being held in memory
    -h, --help           this text

EXIT STATUS:
    0  every request was answered ok (or --exit-zero)
    1  some request was answered ok: false (or reading stdin failed)
    2  usage error (unknown option, bad value)
    141  stdout was closed before the end (e.g. `| head`): the command ends quietly
";

/// Runs the command `args`; the exit status on success.
pub fn run(args: &[String], input: &mut dyn BufRead, out: &mut dyn Write) -> Result<u8, CliError> {
    let w = |out: &mut dyn Write, s: &str| out.write_all(s.as_bytes()).map_err(CliError::write);
    match args.first().map(String::as_str) {
        Some("eval") => {
            let rest = args.get(1..).unwrap_or(&[]);
            if rest.iter().any(|a| a == "--help" || a == "-h") {
                w(out, EVAL_HELP)?;
                return Ok(0);
            }
            eval(&EvalOptions::parse(rest)?, input, out)
        }
        Some("rules") => {
            let lang = lang_option(args.get(1..).unwrap_or(&[]))?;
            rules(out, lang).map(|()| 0)
        }
        Some("parameters") if args.len() == 1 => parameters(out).map(|()| 0),
        Some("messages") => {
            let lang = lang_option(args.get(1..).unwrap_or(&[]))?;
            messages(out, lang).map(|()| 0)
        }
        Some("describe") if args.len() == 1 => {
            w(out, &format!("{}\n", shftu_rules::describe::describe()))?;
            Ok(0)
        }
        Some("--help" | "-h" | "help") | None => {
            w(out, HELP)?;
            Ok(0)
        }
        Some("--version" | "-V") => {
            w(out, &format!("shftu-rules {}\n", env!("CARGO_PKG_VERSION")))?;
            Ok(0)
        }
        Some(_) => Err(CliError::Usage(format!("unknown command {:?}", args.join(" ")))),
    }
}

fn lang_option(rest: &[String]) -> Result<Lang, CliError> {
    match rest {
        [] => Ok(Lang::En),
        [flag, v] if flag == "--lang" => parse_lang(v),
        other => Err(CliError::Usage(format!("unknown arguments {:?}", other.join(" ")))),
    }
}

fn parse_lang(v: &str) -> Result<Lang, CliError> {
    Lang::parse(v).ok_or_else(|| CliError::Usage(format!("--lang {v:?}: use en or zh-CN")))
}

/// The options of `eval`.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    framing: Framing,
    skip_blank: bool,
    lang: Option<Lang>,
    trace: Option<TraceMode>,
    explain: bool,
    exit_zero: bool,
    limits: Limits,
}

impl EvalOptions {
    fn parse(args: &[String]) -> Result<EvalOptions, CliError> {
        let mut o = EvalOptions {
            framing: Framing::Lines,
            skip_blank: false,
            lang: None,
            trace: None,
            explain: false,
            exit_zero: false,
            limits: Limits::DEFAULT,
        };
        let mut framings = 0;
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = |name: &str| it.next().cloned().ok_or_else(|| CliError::Usage(format!("{name} needs a value")));
            match a.as_str() {
                "--skip-blank" => o.skip_blank = true,
                "--json-seq" => (o.framing, framings) = (Framing::JsonSeq, framings + 1),
                "--array" => (o.framing, framings) = (Framing::Array, framings + 1),
                "--stream" => (o.framing, framings) = (Framing::Stream, framings + 1),
                "--explain" => o.explain = true,
                "--exit-zero" => o.exit_zero = true,
                "--lang" => o.lang = Some(parse_lang(&value("--lang")?)?),
                "--trace" => {
                    let v = value("--trace")?;
                    o.trace = Some(TraceMode::parse(&v).ok_or_else(|| CliError::Usage(format!("--trace {v:?}: use notes, full or off")))?);
                }
                flag if flag.starts_with("--max-") => {
                    let name = flag.trim_start_matches("--max-").replace('-', "_");
                    let limit = Limit::parse(&name).ok_or_else(|| CliError::Usage(format!("unknown limit {flag}")))?;
                    let v = value(flag)?;
                    let n: usize = v
                        .parse()
                        .map_err(|_| CliError::Usage(format!("{flag} {v:?}: a whole number is needed")))?;
                    o.limits = o.limits.with(limit, n);
                }
                other => return Err(CliError::Usage(format!("unknown option {other:?} of eval"))),
            }
        }
        if framings > 1 || (o.skip_blank && o.framing != Framing::Lines) {
            return Err(CliError::Usage(
                "choose one of --skip-blank, --json-seq, --array, --stream".to_owned(),
            ));
        }
        Ok(o)
    }
}

fn eval(o: &EvalOptions, input: &mut dyn BufRead, out: &mut dyn Write) -> Result<u8, CliError> {
    let engine = Engine::builtin().with_limits(o.limits);
    let mut reader = Reader::new(input, o.framing, o.limits.request_bytes);
    let mut all_ok = true;
    while let Some(unit) = reader.next_unit()? {
        let response = match unit {
            Unit::TooLong(len) => {
                let e = shftu_rules::Error::LimitExceeded {
                    limit: Limit::RequestBytes,
                    value: u64::try_from(len).unwrap_or(u64::MAX),
                    max: u64::try_from(o.limits.request_bytes).unwrap_or(u64::MAX),
                    path: "request".to_owned(),
                };
                shftu_rules::engine::error_envelope(None, &e, render(o.lang))
            }
            Unit::Text(bytes) => {
                if o.skip_blank && bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match request_text(&bytes) {
                    Ok(text) => answer(&engine, o, text),
                    Err(e) => shftu_rules::engine::error_envelope(None, &e, render(o.lang)),
                }
            }
        };
        all_ok &= response.starts_with("{\"ok\":true");
        if o.explain {
            let lang = o.lang.unwrap_or(Lang::En);
            let text = shftu_rules::explain::explain(&response, lang).unwrap_or_else(|e| e.to_string());
            out.write_all(text.as_bytes()).map_err(CliError::write)?;
        } else {
            out.write_all(response.as_bytes()).map_err(CliError::write)?;
        }
        out.write_all(b"\n").map_err(CliError::write)?;
    }
    out.flush().map_err(CliError::write)?;
    Ok(if all_ok || o.exit_zero { 0 } else { 1 })
}

fn render(lang: Option<Lang>) -> Render<'static> {
    match lang {
        Some(l) => shftu_rules::render(l),
        None => Render::EN,
    }
}

/// One request: the options' defaults for `lang` and `trace` go into a request that names none.
fn answer(engine: &Engine, o: &EvalOptions, text: &str) -> String {
    if o.lang.is_none() && o.trace.is_none() {
        return engine.evaluate(text);
    }
    match engine.parse(text) {
        Ok(mut v) => {
            if let Value::Object(map) = &mut v {
                if let Some(l) = o.lang {
                    map.entry("lang").or_insert_with(|| Value::String(l.tag().into()));
                }
                if let Some(t) = o.trace {
                    let tag = match t {
                        TraceMode::Off => "off",
                        TraceMode::Notes => "notes",
                        TraceMode::Full => "full",
                    };
                    map.entry("trace").or_insert_with(|| Value::String(tag.into()));
                }
            }
            engine.evaluate_value(&v)
        }
        Err(e) => shftu_rules::engine::error_envelope(None, &e, render(o.lang)),
    }
}

fn rules(out: &mut dyn Write, lang: Lang) -> Result<(), CliError> {
    let w = shftu_rules::RULES.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let r = render(Some(lang));
    for rule in shftu_rules::RULES {
        writeln!(
            out,
            "{:w$}  {}  [{}]",
            rule.id,
            rule.title(lang),
            shftu_rules::msg::clause(rule.clause, r)
        )
        .map_err(CliError::write)?;
    }
    Ok(())
}

fn parameters(out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "edition\tid\tkind\tunit\tclause\tzh").map_err(CliError::write)?;
    for p in shftu_rules::PARAMETERS {
        writeln!(out, "{}\t{}\t{}\t{}\t{}\t{}", p.edition, p.id, p.kind, p.unit, p.clause, p.zh).map_err(CliError::write)?;
    }
    Ok(())
}

/// The catalogue of one language: every message (`id = "text"`, `{arg}` marking its arguments), every
/// label (`label kind.code = "text"`) and every rule title.
fn messages(out: &mut dyn Write, lang: Lang) -> Result<(), CliError> {
    let q = |s: &str| serde_json::to_string(s).unwrap_or_default();
    writeln!(out, "# shftu-rules message catalogue, {}", lang.tag()).map_err(CliError::write)?;
    for rule in shftu_rules::RULES {
        writeln!(out, "rule.{} = {}", rule.id, q(rule.title(lang))).map_err(CliError::write)?;
    }
    for id in shftu_rules::msg::MsgId::all() {
        writeln!(out, "{} = {}", id.name(), q(&shftu_rules::msg::template(id, lang))).map_err(CliError::write)?;
    }
    for (kind, code, _, _) in shftu_rules::msg::labels() {
        let text = shftu_rules::msg::label(kind, code, lang).unwrap_or(code);
        writeln!(out, "label.{kind}.{code} = {}", q(text)).map_err(CliError::write)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(args: &[&str], stdin: &[u8]) -> Result<(u8, String), CliError> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        let status = run(&args, &mut &stdin[..], &mut out)?;
        Ok((status, String::from_utf8_lossy(&out).into_owned()))
    }

    #[test]
    fn eval_answers_every_line_in_order_and_survives_bad_ones() -> Result<(), CliError> {
        let stdin = b"{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":1}}\nnot json\n\xff\xfe\n\n{\"rule\":\"nope\",\"input\":{}}\n";
        let (status, out) = call(&["eval"], stdin)?;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 5, "{out}");
        assert_eq!(status, 1, "some lines failed");
        assert!(
            lines[0].starts_with("{\"ok\":true,\"rule\":\"calendar.add_working_days\""),
            "{}",
            lines[0]
        );
        assert!(lines[0].contains("\"date\":\"2023-10-07\""), "the make-up Saturday: {}", lines[0]);
        assert!(lines[1].contains("\"code\":\"invalid_json\""));
        assert!(lines[2].contains("\"code\":\"invalid_json\""));
        assert!(
            lines[3].contains("\"code\":\"invalid_json\""),
            "a blank line is answered: {}",
            lines[3]
        );
        assert!(lines[4].contains("\"code\":\"unknown_rule\""));
        Ok(())
    }

    #[test]
    fn skip_blank_leaves_blank_lines_unanswered() -> Result<(), CliError> {
        let (status, out) = call(&["eval", "--skip-blank"], b"  \n\t\n\n")?;
        assert_eq!((status, out.as_str()), (0, ""));
        Ok(())
    }

    #[test]
    fn array_and_seq_take_pretty_printed_requests() -> Result<(), CliError> {
        let req = "{\n  \"rule\": \"calendar.add_working_days\",\n  \"input\": {\"from\": \"2023-09-28\", \"days\": 1}\n}";
        let (s1, out1) = call(&["eval", "--array"], format!("[\n{req},\n{req}\n]\n").as_bytes())?;
        assert_eq!((s1, out1.lines().count()), (0, 2), "{out1}");
        let (s2, out2) = call(&["eval", "--json-seq"], format!("\x1e{req}\n\x1e{req}\n").as_bytes())?;
        assert_eq!((s2, out2.lines().count()), (0, 2), "{out2}");
        let (s3, out3) = call(&["eval", "--stream"], format!("{req}\n\n{req}").as_bytes())?;
        assert_eq!((s3, out3.lines().count()), (0, 2), "{out3}");
        assert_eq!(out1, out2);
        assert_eq!(out2, out3);
        Ok(())
    }

    #[test]
    fn an_over_long_line_is_skipped_and_answered() -> Result<(), CliError> {
        let long = format!("{{\"rule\":\"x\",\"input\":\"{}\"}}\n", "a".repeat(200));
        let ok = "{\"rule\":\"calendar.add_working_days\",\"input\":{\"from\":\"2023-09-28\",\"days\":1}}\n";
        let (status, out) = call(&["eval", "--max-request-bytes", "100"], format!("{long}{ok}").as_bytes())?;
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(status, 1);
        assert!(
            lines[0].contains("\"code\":\"limit_exceeded\"") && lines[0].contains("request_bytes"),
            "{}",
            lines[0]
        );
        assert!(lines[1].starts_with("{\"ok\":true"), "{}", lines[1]);
        Ok(())
    }

    #[test]
    fn lang_and_explain() -> Result<(), CliError> {
        let req =
            b"{\"rule\":\"checkup.quote\",\"input\":{\"lines\":[{\"package\":\"\xe5\xbf\x83\xe5\x8a\x9f\xe8\x83\xbd\",\"count\":2}]}}\n";
        let (_, out) = call(&["eval", "--lang", "zh-CN"], req)?;
        assert!(
            out.contains("沪工总办〔2023〕15号") && out.contains("\"package\":\"cardio\""),
            "{out}"
        );
        let (_, text) = call(&["eval", "--lang", "zh-CN", "--explain"], req)?;
        assert!(text.contains("依据") && text.contains("400.00元"), "{text}");
        Ok(())
    }

    #[test]
    fn rules_lists_every_rule() -> Result<(), CliError> {
        let (_, out) = call(&["rules"], b"")?;
        for r in shftu_rules::RULES {
            assert!(out.lines().any(|l| l.starts_with(r.id)), "{} missing", r.id);
        }
        Ok(())
    }

    #[test]
    fn usage_errors_exit_2() {
        for args in [
            &["frobnicate"][..],
            &["eval", "extra"],
            &["eval", "--lang", "fr"],
            &["eval", "--max-claims", "x"],
            &["eval", "--array", "--json-seq"],
        ] {
            let r = call(args, b"");
            assert!(matches!(r, Err(CliError::Usage(_))), "{args:?}: {r:?}");
            assert_eq!(r.err().map(|e| e.exit_code()), Some(2));
        }
    }

    #[test]
    fn help_names_the_commands_and_eval_has_its_own() -> Result<(), CliError> {
        let (_, out) = call(&["--help"], b"")?;
        assert!(out.contains("shftu-rules eval") && out.contains("shftu-rules rules"));
        let (_, eval) = call(&["eval", "--help"], b"")?;
        assert!(eval.contains("EXIT STATUS") && eval.contains("--skip-blank"));
        Ok(())
    }
}
