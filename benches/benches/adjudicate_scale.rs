//! `mutual_aid.adjudicate` at scale (issue 18.3): one policy with 10^5 claims and 10^5 changes of tier,
//! through the typed function (the wire's default limits are 1,000 claims and 20 changes a request).
//! Goal: under 100 ms. The rule sorts the claims once and finds the tier in force on each event day by
//! binary search over the changes, so the work is O((claims + changes) log n).
//! Run: cargo bench -p shftu-rules-benches --bench adjudicate_scale

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use shftu_rules::mutual_aid::{adjudicate, AdjudicateInput, Benefit, Claim, Policy, Tier, TierChange};
use shftu_rules::{Calendar, Money, Trace};

/// A small deterministic generator (xorshift), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// `claims` claims of every benefit with events over 2023, filed within their windows, and `changes`
/// changes of tier spread over the year, on a tier-C policy.
fn input(claims: usize, changes: usize) -> Option<AdjudicateInput> {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1)?;
    let end = chrono::NaiveDate::from_ymd_opt(2023, 12, 31)?;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tiers = [Tier::C, Tier::D, Tier::E];
    let changes = (0..changes)
        .map(|_| TierChange {
            to: tiers.get(rng.below(3) as usize).copied().unwrap_or(Tier::E),
            effective_from: start + chrono::Days::new(rng.below(365)),
        })
        .collect();
    let claims = (0..claims)
        .map(|_| {
            let benefit = Benefit::ALL
                .get(rng.below(Benefit::ALL.len() as u64) as usize)
                .copied()
                .unwrap_or(Benefit::HospitalDays);
            let event_date = start + chrono::Days::new(rng.below(365));
            Claim {
                benefit,
                event_date,
                filed_on: event_date + chrono::Days::new(rng.below(150)),
                days: (benefit == Benefit::HospitalDays).then(|| 1 + rng.below(30) as u32),
                grade: (benefit == Benefit::AccidentDisability).then(|| 1 + rng.below(10) as u32),
                amount: (benefit == Benefit::CiMedicalSubsidy).then(|| Money::from_yuan(2_000 + rng.below(78_000) as i64)),
            }
        })
        .collect();
    Some(AdjudicateInput {
        policy: Policy {
            tier: Tier::C,
            coverage_start: start,
            coverage_end: end,
            changes,
        },
        claims,
    })
}

fn adjudicate_scale(c: &mut Criterion) {
    let Some(ed) = shftu_rules::edition("2023") else { return };
    let cal = Calendar::builtin();
    let mut g = c.benchmark_group("mutual_aid.adjudicate scale");
    g.sample_size(20);
    for (claims, changes) in [(1_000, 20), (100_000, 0), (100_000, 100_000)] {
        let Some(inp) = input(claims, changes) else { return };
        g.throughput(Throughput::Elements((claims + changes) as u64));
        g.bench_function(format!("{claims} claims x {changes} changes, trace off"), |b| {
            b.iter_batched(
                || (),
                |()| adjudicate(ed, &cal, black_box(&inp), &mut Trace::off()).map(|a| a.total_payable),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, adjudicate_scale);
criterion_main!(benches);
