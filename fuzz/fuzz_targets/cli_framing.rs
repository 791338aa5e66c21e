//! The CLI's framing (`bindings/cli/src/convert.rs`: JSON Lines, `--json-seq`, `--array`, `--stream`) and its
//! `eval` loop (`bindings/cli/src/api.rs`), compiled here from the CLI's own sources (the CLI is a binary
//! crate: nothing is copied). Input is read through a `BufReader` of a random small capacity, so that every
//! request straddles buffer boundaries. Checked:
//! * JSON Lines and JSON text sequences split exactly as a plain reference split does (a unit per line or
//!   record, over-long ones skipped with their length, a trailing CR — or LF in a record — removed);
//! * `--array` and `--stream` give back exactly the values they were made of, pretty-printed or not;
//! * on any bytes: every unit fits the bound or is skipped as too long, the reader ends;
//! * `eval` answers one valid response line per unit (none for a blank line with `--skip-blank`), the same
//!   whatever the buffer size, and exits 0 exactly when every line was answered ok.
#![no_main]
#![allow(dead_code, reason = "the CLI's modules are compiled whole; the harness uses part of them")]

#[path = "../../bindings/cli/src/api.rs"]
#[rustfmt::skip] // the CLI's own sources, formatted with its crate
mod api;
#[path = "../../bindings/cli/src/convert.rs"]
#[rustfmt::skip] // the CLI's own sources, formatted with its crate
mod convert;
#[path = "../../bindings/cli/src/error.rs"]
#[rustfmt::skip] // the CLI's own sources, formatted with its crate
mod error;

use std::io::BufReader;

use arbitrary::Unstructured;
use convert::{Framing, Reader, Unit};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shftu_rules_fuzz::check::response;
use shftu_rules_fuzz::gen::Gen;

#[derive(Debug, Clone, PartialEq, Eq)]
enum U {
    Text(Vec<u8>),
    Long(usize),
}

/// The units the CLI's reader gives for `data`, read through a buffer of `cap` bytes.
fn units(data: &[u8], framing: Framing, max: usize, cap: usize) -> Vec<U> {
    let mut input = BufReader::with_capacity(cap, data);
    let mut reader = Reader::new(&mut input, framing, max);
    let mut out = Vec::new();
    // Each unit consumes at least one byte: more units than bytes is a reader that does not end.
    for _ in 0..=data.len() {
        match reader.next_unit() {
            Ok(None) => return out,
            Ok(Some(Unit::Text(t))) => {
                assert!(t.len() <= max, "a unit of {} bytes past the bound {max}", t.len());
                out.push(U::Text(t));
            }
            Ok(Some(Unit::TooLong(n))) => {
                assert!(n > max, "skipped as too long at {n} bytes, within the bound {max}");
                out.push(U::Long(n));
            }
            Err(e) => panic!("reading from a slice failed: {e}"),
        }
    }
    panic!("the reader gives more units than there are bytes");
}

/// The reference split of JSON Lines (`delim` b'\n') and JSON text sequences (0x1E).
fn reference(data: &[u8], delim: u8, max: usize) -> Vec<U> {
    let mut parts: Vec<&[u8]> = data.split(|b| *b == delim).collect();
    if parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    let seq = delim == 0x1e;
    parts
        .into_iter()
        .filter_map(|p| {
            if p.len() > max {
                return Some(U::Long(p.len()));
            }
            let mut t = p.to_vec();
            while matches!(t.last(), Some(b'\r')) || (seq && matches!(t.last(), Some(b'\n'))) {
                t.pop();
            }
            (!(seq && t.iter().all(u8::is_ascii_whitespace))).then_some(U::Text(t))
        })
        .collect()
}

fn run(args: &[String], data: &[u8], cap: usize) -> (u8, String) {
    let mut input = BufReader::with_capacity(cap, data);
    let mut out = Vec::new();
    let status = api::run(args, &mut input, &mut out).unwrap_or_else(|e| panic!("eval {args:?} failed: {e}"));
    (
        status,
        String::from_utf8(out).unwrap_or_else(|e| panic!("eval wrote bytes that are not utf-8: {e}")),
    )
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let (Ok(mode), Ok(cap), Ok(max)) = (u.int_in_range(0u8..=3), u.int_in_range(1usize..=64), u.int_in_range(0usize..=400)) else {
        return;
    };
    let framing = [Framing::Lines, Framing::JsonSeq, Framing::Array, Framing::Stream][usize::from(mode)];
    let made = u.arbitrary::<bool>().unwrap_or(false) && matches!(framing, Framing::Array | Framing::Stream);
    let skip_blank = framing == Framing::Lines && u.arbitrary::<bool>().unwrap_or(false);
    let zh_full = u.arbitrary::<bool>().unwrap_or(false);
    // Either values written out (for --array and --stream), or the rest of the bytes as they are.
    let mut values: Vec<Vec<u8>> = Vec::new();
    let bytes: Vec<u8> = if made {
        let mut g = Gen::new(&mut u);
        let n = g.u.int_in_range(0..=5).unwrap_or(0);
        let mut text = Vec::new();
        if framing == Framing::Array {
            text.extend_from_slice(b" [");
        }
        for i in 0..n {
            let v = match g.rule() {
                Ok(rule) if g.u.arbitrary::<bool>().unwrap_or(false) => g.request(rule).unwrap_or(Value::Null),
                _ => g.any(0).unwrap_or(Value::Null),
            };
            let pretty = g.u.arbitrary::<bool>().unwrap_or(false);
            let one = if pretty {
                serde_json::to_vec_pretty(&v)
            } else {
                serde_json::to_vec(&v)
            }
            .unwrap_or_default();
            if i > 0 && framing == Framing::Array {
                text.push(b',');
            }
            text.extend_from_slice(if g.u.arbitrary::<bool>().unwrap_or(false) { b"\n\t " } else { b" " });
            text.extend_from_slice(&one);
            values.push(one);
        }
        if framing == Framing::Array {
            text.extend_from_slice(b"\n]\n");
        }
        text
    } else {
        u.take_rest().to_vec()
    };
    let got = units(&bytes, framing, max, cap);
    assert_eq!(got, units(&bytes, framing, max, 1 << 16), "the units depend on the buffer size");
    match framing {
        Framing::Lines => assert_eq!(got, reference(&bytes, b'\n', max), "JSON Lines split otherwise than the reference"),
        Framing::JsonSeq => assert_eq!(
            got,
            reference(&bytes, 0x1e, max),
            "JSON text sequences split otherwise than the reference"
        ),
        _ if made => {
            let want: Vec<U> = values
                .iter()
                .map(|v| if v.len() > max { U::Long(v.len()) } else { U::Text(v.clone()) })
                .collect();
            assert_eq!(
                got,
                want,
                "the values written out do not come back\ninput: {:?}",
                String::from_utf8_lossy(&bytes)
            );
        }
        _ => {}
    }
    // The eval loop, with the same framing and bound, through a small buffer and a large one.
    let mut args: Vec<String> = vec!["eval".into(), "--max-request-bytes".into(), max.to_string()];
    match framing {
        Framing::Lines if skip_blank => args.push("--skip-blank".into()),
        Framing::Lines => {}
        Framing::JsonSeq => args.push("--json-seq".into()),
        Framing::Array => args.push("--array".into()),
        Framing::Stream => args.push("--stream".into()),
    }
    if zh_full {
        args.extend(["--lang".into(), "zh-CN".into(), "--trace".into(), "full".into()]);
    }
    let (status, out) = run(&args, &bytes, cap);
    assert_eq!(
        run(&args, &bytes, 1 << 16),
        (status, out.clone()),
        "eval answers depend on the buffer size"
    );
    let answered: Vec<&U> = got
        .iter()
        .filter(|x| !(skip_blank && matches!(x, U::Text(t) if t.iter().all(u8::is_ascii_whitespace))))
        .collect();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        answered.len(),
        "eval wrote {} lines for {} requests",
        lines.len(),
        answered.len()
    );
    let mut all_ok = true;
    for (line, unit) in lines.iter().zip(answered) {
        let r = response(line);
        all_ok &= r.ok;
        if let U::Long(_) = unit {
            assert_eq!(
                r.code.as_deref(),
                Some("limit_exceeded"),
                "an over-long request answered otherwise: {line}"
            );
        }
    }
    assert_eq!(
        status,
        if all_ok { 0 } else { 1 },
        "exit status {status} with every line ok: {all_ok}"
    );
    // --explain on the same input: a text for each, never a failure.
    args.push("--explain".into());
    run(&args, &bytes, cap);
});
