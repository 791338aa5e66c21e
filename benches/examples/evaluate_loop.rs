//! Evaluates one kind of request N times through `shftu_rules::evaluate`, for instruction counts
//! (`valgrind --tool=callgrind`) and quick timings of the JSON envelope (benches/README.md, "Core evaluate
//! speed").
//!
//! `cargo run --release -p shftu-rules-benches --example evaluate_loop -- <enroll|adjudicate4|samples> [N]`
//! (or `dump`: each line of stdin evaluated, one response a line)
//! prints the total bytes answered (so the work is not optimised away) and the time per request.

use std::hint::black_box;
use std::time::Instant;

/// One `mutual_aid.enroll` request (the bench `evaluate/mutual_aid.enroll json`).
pub const ENROLL: &str = r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}}"#;

/// A `mutual_aid.adjudicate` request of four claims.
pub const ADJUDICATE4: &str = r#"{"rule":"mutual_aid.adjudicate","input":{"policy":{"tier":"D","coverage_start":"2023-01-01","coverage_end":"2023-12-31","changes":[{"to":"E","effective_from":"2023-06-01"}]},"claims":[{"benefit":"hospital_days","event_date":"2023-03-01","filed_on":"2023-04-01","days":150},{"benefit":"hospital_days","event_date":"2023-07-01","filed_on":"2023-08-01","days":40},{"benefit":"accident_disability","event_date":"2023-07-01","filed_on":"2023-09-01","grade":3},{"benefit":"ci_medical_subsidy","event_date":"2023-08-10","filed_on":"2023-08-20","amount":"80000.00"}]}}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| String::from("enroll"));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let samples = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/examples/requests.jsonl")).unwrap_or_default();
    if which == "dump" {
        // Each line of stdin evaluated, its response on a line of stdout (for comparing builds).
        use std::io::{BufRead, Write};
        let mut out = std::io::stdout().lock();
        for line in std::io::stdin().lock().lines().map_while(Result::ok) {
            let _ = writeln!(out, "{}", shftu_rules::evaluate(&line));
        }
        return;
    }
    let reqs: Vec<&str> = match which.as_str() {
        "enroll" => vec![ENROLL],
        "adjudicate4" => vec![ADJUDICATE4],
        "samples" => samples.lines().filter(|l| !l.trim().is_empty()).collect(),
        other => {
            eprintln!("unknown request set {other:?}: enroll, adjudicate4 or samples");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let mut bytes = 0usize;
    for _ in 0..n {
        for r in &reqs {
            bytes += black_box(shftu_rules::evaluate(black_box(r))).len();
        }
    }
    let per = start.elapsed().as_secs_f64() * 1e9 / (n * reqs.len()).max(1) as f64;
    println!("{which}: {} requests, {bytes} bytes answered, {per:.0} ns/request", n * reqs.len());
}
