//! Per-rule throughput of the core: every rule through its typed function (trace off and with a trace),
//! one criterion group per rule family, over the inputs of its conformance cases; synthetic mutual-aid
//! populations; the JSON `evaluate`; and the `batch` column kernels.
//! Run: cargo bench -p shftu-rules-benches   (figures go to benches/README.md)

use criterion::measurement::WallTime;
use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput};
use shftu_rules::{mutual_aid, Calendar, Edition, Trace};
use shftu_rules_benches::{claims, enrolments, families, policies, rule_benches, Rng};

/// One group per rule family; each rule over its case inputs, trace off and with a trace.
fn rule_families(c: &mut Criterion) {
    let Some(ed) = shftu_rules::edition("2023") else { return };
    let cal = Calendar::builtin();
    let benches = rule_benches(ed, &cal);
    for family in families(&benches) {
        let mut g = c.benchmark_group(family);
        for b in benches.iter().filter(|b| b.family == family) {
            g.throughput(Throughput::Elements(b.inputs as u64));
            g.bench_function(format!("{} trace off", b.id), |x| x.iter(|| b.run(false)));
            g.bench_function(format!("{} with trace", b.id), |x| x.iter(|| b.run(true)));
        }
        if family == "mutual_aid" {
            mutual_aid_populations(&mut g, ed, &cal);
        }
        g.finish();
    }
}

/// Enrolment and adjudication at population scale: 10,000 synthetic enrolments and claims.
fn mutual_aid_populations(g: &mut BenchmarkGroup<'_, WallTime>, ed: &Edition, cal: &Calendar) {
    let mut rng = Rng::new(7);
    let people = enrolments(10_000, &mut rng);
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
        b.iter(|| mutual_aid::adjudicate(ed, cal, &input, &mut Trace::off()).map(|a| a.total_payable))
    });
    // The shape of a year's claims: 10,000 policies of one to four claims each, one call per policy.
    let population = policies(10_000, &mut rng);
    g.throughput(Throughput::Elements(population.iter().map(|p| p.claims.len() as u64).sum()));
    g.bench_function("adjudicate typed, trace off (10k policies, 1-4 claims each)", |b| {
        b.iter(|| {
            population
                .iter()
                .filter_map(|p| mutual_aid::adjudicate(ed, cal, p, &mut Trace::off()).ok())
                .map(|a| a.decisions.len())
                .sum::<usize>()
        })
    });
}

fn evaluate(c: &mut Criterion) {
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

fn kernels(c: &mut Criterion) {
    use shftu_rules::batch::{
        checkup_split, checkup_split_keys, days_from_epoch, e_premium_by_start, hospital_days, CheckupFen, Col, HospitalDaysOut, SplitCols,
        SplitOut,
    };
    use shftu_rules::mutual_aid::Tier;
    let Some(ed) = shftu_rules::edition("2023") else { return };
    let Ok(table) = CheckupFen::new(ed) else { return };
    let mut rng = Rng::new(11);
    let mut g = c.benchmark_group("kernels");
    g.sample_size(10);
    for n in [1_000_000usize, 20_000_000] {
        let codes: Vec<u8> = (0..n).map(|_| u8::try_from(rng.below(9)).unwrap_or(0)).collect();
        let counts: Vec<u32> = (0..n).map(|_| 1 + u32::try_from(rng.below(3)).unwrap_or(0)).collect();
        let (mut p, mut s, mut y, mut st) = (vec![0i64; n], vec![0i64; n], vec![0i64; n], vec![0u16; n]);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("checkup_split {n}"), |b| {
            b.iter(|| {
                let out = SplitOut {
                    unit_price: None,
                    price: Some(&mut p[..]),
                    subsidy: Some(&mut s[..]),
                    payable: Some(&mut y[..]),
                };
                checkup_split(&table, Col::dense(&codes), Some(Col::dense(&counts)), out, &mut st)
            })
        });
        // The same rows as dictionary keys (a dictionary of the nine package codes), appended to columns
        // whose memory is kept from call to call, as the Python binding's allocator does.
        let keys: Vec<i32> = codes.iter().map(|c| i32::from(*c)).collect();
        let dict: Vec<u8> = (0..9).collect();
        let (mut p2, mut s2, mut y2, mut bad) = (Vec::<i64>::new(), Vec::<i64>::new(), Vec::<i64>::new(), Vec::new());
        g.bench_function(format!("checkup_split_keys {n}"), |b| {
            b.iter(|| {
                for v in [&mut p2, &mut s2, &mut y2] {
                    v.clear();
                }
                bad.clear();
                let out = SplitCols {
                    unit_price: None,
                    price: Some(&mut p2),
                    subsidy: Some(&mut s2),
                    payable: Some(&mut y2),
                };
                checkup_split_keys(&table, &dict, Col::dense(&keys), Some(Col::dense(&counts)), out, &mut bad)
            })
        });
        let base = days_from_epoch(shftu_rules::read::parse_date("2023-01-01").unwrap_or_default());
        let starts: Vec<i32> = (0..n).map(|_| base + i32::try_from(rng.below(365)).unwrap_or(0)).collect();
        let mut prem = vec![0i64; n];
        g.bench_function(format!("e_premium_by_start {n}"), |b| {
            b.iter(|| e_premium_by_start(ed, Col::dense(&starts), &mut prem, &mut st))
        });
        let policies = 350_000u64;
        let pol: Vec<u32> = (0..n).map(|_| u32::try_from(rng.below(policies)).unwrap_or(0)).collect();
        let days: Vec<u32> = (0..n).map(|_| 1 + u32::try_from(rng.below(30)).unwrap_or(0)).collect();
        let (mut used, mut pd, mut pay, mut rs) = (vec![[0u32; 3]; policies as usize], vec![0u32; n], vec![0i64; n], vec![0u8; n]);
        g.bench_function(format!("hospital_days_cap {n}"), |b| {
            b.iter(|| {
                used.iter_mut().for_each(|u| *u = [0; 3]);
                hospital_days(
                    ed,
                    Col::dense(&pol),
                    Col::dense(&days),
                    None,
                    Tier::E,
                    &mut used,
                    HospitalDaysOut {
                        paid_days: &mut pd,
                        payable: &mut pay,
                        reason: &mut rs,
                        status: &mut st,
                    },
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, rule_families, evaluate, kernels);
criterion_main!(benches);
