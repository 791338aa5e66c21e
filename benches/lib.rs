//! Shared inputs of the benchmarks: deterministic synthetic populations.

use shftu_rules::mutual_aid::{AdjudicateInput, Benefit, Channel, Claim, EnrollInput, Industry, Policy, Tier};
use shftu_rules::Money;

/// A small deterministic generator (xorshift), so every run measures the same inputs.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    /// The next number below `n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn date(days_after_2022_12_01: u64) -> chrono::NaiveDate {
    let base = shftu_rules::wire::parse_date("2022-12-01").unwrap_or_default();
    base + chrono::Days::new(days_after_2022_12_01)
}

/// `n` enrolment requests spread over the windows, tiers, channels and industries.
pub fn enrolments(n: usize, rng: &mut Rng) -> Vec<EnrollInput> {
    (0..n)
        .map(|_| EnrollInput {
            tier: *pick(Tier::ALL, rng),
            channel: *pick(Channel::ALL, rng),
            date: date(rng.below(365)),
            industry: *pick(Industry::ALL, rng),
            birth_date: date(0) - chrono::Days::new(7000 + rng.below(15000)),
            platform_worker: rng.below(2) == 0,
            renewing_2022_plan: rng.below(10) == 0,
        })
        .collect()
}

/// A policy with `claims` claims of every benefit.
pub fn claims(n: usize, rng: &mut Rng) -> AdjudicateInput {
    let claims = (0..n)
        .map(|_| {
            let benefit = *pick(Benefit::ALL, rng);
            let event_date = date(31 + rng.below(360));
            Claim {
                benefit,
                event_date,
                filed_on: event_date + chrono::Days::new(rng.below(200)),
                days: (benefit == Benefit::HospitalDays).then(|| 1 + u32::try_from(rng.below(30)).unwrap_or(0)),
                grade: (benefit == Benefit::AccidentDisability).then(|| 1 + u32::try_from(rng.below(10)).unwrap_or(0)),
                amount: (benefit == Benefit::CiMedicalSubsidy)
                    .then(|| Money::from_yuan(2000 + i64::try_from(rng.below(78000)).unwrap_or(0))),
            }
        })
        .collect();
    AdjudicateInput {
        policy: Policy {
            tier: Tier::E,
            coverage_start: date(31),
            coverage_end: date(395),
            changes: vec![],
        },
        claims,
    }
}

fn pick<'a, T>(xs: &'a [T], rng: &mut Rng) -> &'a T {
    let i = usize::try_from(rng.below(xs.len() as u64)).unwrap_or(0);
    xs.get(i).or(xs.first()).unwrap_or_else(|| unreachable_empty())
}

#[allow(clippy::panic)]
fn unreachable_empty() -> ! {
    panic!("pick from an empty list")
}
