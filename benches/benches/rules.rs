//! Per-rule throughput of the core (typed API with and without a trace, and the JSON `evaluate`).
//! Run: cargo bench -p shftu-rules-benches   (figures go to benches/README.md)

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use shftu_rules::{mutual_aid, Calendar, Trace};
use shftu_rules_benches::{claims, enrolments, Rng};

fn mutual_aid_rules(c: &mut Criterion) {
    let Some(ed) = shftu_rules::edition("2023") else { return };
    let cal = Calendar::builtin();
    let mut rng = Rng::new(7);
    let people = enrolments(10_000, &mut rng);
    let mut g = c.benchmark_group("mutual_aid");
    g.throughput(Throughput::Elements(people.len() as u64));
    g.bench_function("enroll typed, trace off (10k)", |b| {
        b.iter(|| {
            people
                .iter()
                .filter(|p| mutual_aid::enroll(ed, p, &mut Trace::off()).is_ok_and(|e| e.accepted))
                .count()
        })
    });
    g.bench_function("enroll typed, with trace (10k)", |b| {
        b.iter(|| {
            people
                .iter()
                .filter(|p| mutual_aid::enroll(ed, p, &mut Trace::new()).is_ok_and(|e| e.accepted))
                .count()
        })
    });
    let input = claims(10_000, &mut rng);
    g.throughput(Throughput::Elements(input.claims.len() as u64));
    g.bench_function("adjudicate typed, trace off (10k claims)", |b| {
        b.iter(|| mutual_aid::adjudicate(ed, &cal, &input, &mut Trace::off()).map(|a| a.total_payable))
    });
    g.finish();

    let mut g = c.benchmark_group("evaluate");
    let req = r#"{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-05-15","industry":"courier","birth_date":"1990-01-01"}}"#;
    g.throughput(Throughput::Elements(1));
    g.bench_function("mutual_aid.enroll json", |b| b.iter(|| shftu_rules::evaluate(req)));
    let lines = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/examples/requests.jsonl")).unwrap_or_default();
    let reqs: Vec<&str> = lines.lines().collect();
    g.throughput(Throughput::Elements(reqs.len() as u64));
    g.bench_function("every sample request json", |b| {
        b.iter_batched(
            || reqs.clone(),
            |rs| rs.iter().map(|r| shftu_rules::evaluate(r).len()).sum::<usize>(),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

criterion_group!(benches, mutual_aid_rules);
criterion_main!(benches);
