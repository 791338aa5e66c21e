//! Shared inputs of the benchmarks: deterministic synthetic populations, and [`rule_benches`], every rule
//! of the core as a typed call over the inputs of its conformance cases (`spec/cases/<rule>.json`) and
//! sample requests (`spec/examples/requests.jsonl`).

use std::hint::black_box;

use serde_json::Value;
use shftu_rules::mutual_aid::{AdjudicateInput, Benefit, Channel, Claim, EnrollInput, Industry, Policy, Tier};
use shftu_rules::registry::{each_rule, Ctx, Rule, VisitEach};
use shftu_rules::{Calendar, Edition, Engine, Money, Trace};

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
    let base = shftu_rules::read::parse_date("2022-12-01").unwrap_or_default();
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
            already_enrolled: false,
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

/// A claims population: `n` policies of every tier, each with one to four claims of any benefit filed
/// within 0–59 days of the event (so most are decided on their merits, a few reach a cap or a window).
pub fn policies(n: usize, rng: &mut Rng) -> Vec<AdjudicateInput> {
    (0..n)
        .map(|_| {
            let k = 1 + usize::try_from(rng.below(4)).unwrap_or(0);
            let mut one = claims(k, rng);
            for c in &mut one.claims {
                c.filed_on = c.event_date + chrono::Days::new(rng.below(60));
            }
            one.policy.tier = *pick(Tier::ALL, rng);
            one
        })
        .collect()
}

fn pick<'a, T>(xs: &'a [T], rng: &mut Rng) -> &'a T {
    let i = usize::try_from(rng.below(xs.len() as u64)).unwrap_or(0);
    xs.get(i).or(xs.first()).unwrap_or_else(|| unreachable_empty())
}

#[allow(clippy::panic, reason = "a bench input generator with an empty list is a bug in the bench")]
fn unreachable_empty() -> ! {
    panic!("pick from an empty list")
}

/// One rule benched through its typed function: every input, one call each, each with a fresh [`Trace`].
pub struct RuleBench<'a> {
    /// The rule family: the core module the rule lives in, and the criterion group it is benched in.
    pub family: &'static str,
    /// The rule id, as in [`shftu_rules::RULES`].
    pub id: &'static str,
    /// How many inputs one [`RuleBench::run`] evaluates (the criterion throughput).
    pub inputs: usize,
    /// How many case inputs could not be read as the rule's typed input (0 unless a case drifted).
    pub unreadable: usize,
    run: Box<dyn Fn(bool) -> usize + 'a>,
}

impl RuleBench<'_> {
    /// Evaluates every input once, with a trace that records (`trace`) or is off; how many answered `Ok`.
    pub fn run(&self, trace: bool) -> usize {
        (self.run)(trace)
    }
}

/// The inputs `rule` is benched with: the input of every conformance case of `spec/cases/<rule>.json`
/// that the rule answers (`"ok": true`, default edition) and of every sample request for it, without repeats.
pub fn case_inputs(rule: &str) -> Vec<Value> {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec");
    let read = |path: String| std::fs::read_to_string(path).unwrap_or_default();
    let cases: Vec<Value> = serde_json::from_str(&read(format!("{spec}/cases/{rule}.json"))).unwrap_or_default();
    let answered = cases
        .into_iter()
        .filter(|c| c.pointer("/response/ok") == Some(&Value::Bool(true)))
        .filter_map(|c| c.get("request").cloned());
    let samples = read(format!("{spec}/examples/requests.jsonl"))
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .collect::<Vec<_>>();
    let mut inputs: Vec<Value> = Vec::new();
    for req in answered.chain(samples) {
        let default_edition = req.get("edition").is_none_or(|e| e == "2023");
        if req.get("rule").and_then(Value::as_str) == Some(rule) && default_edition {
            if let Some(input) = req.get("input").filter(|i| !inputs.contains(i)) {
                inputs.push(input.clone());
            }
        }
    }
    inputs
}

/// Every rule of the registry as a [`RuleBench`], by family in the order of the plan — derived from the
/// registry ([`shftu_rules::registry::each_rule`]), so a new rule is benched with no line here (the `batch`
/// family's column kernels are benched on their own, with synthetic columns of 1M and 20M rows).
pub fn rule_benches<'a>(ed: &'a Edition, cal: &'a Calendar) -> Vec<RuleBench<'a>> {
    struct Collect<'a> {
        cx: Ctx<'a>,
        engine: Engine,
        out: Vec<RuleBench<'a>>,
    }
    impl<'a> VisitEach for Collect<'a> {
        fn visit<R: Rule>(&mut self) {
            let raw = case_inputs(R::ID);
            let inputs: Vec<R::Input> = raw.iter().filter_map(|v| self.engine.read::<R, _>(&v).ok()).collect();
            let cx = self.cx;
            self.out.push(RuleBench {
                family: R::FAMILY,
                id: R::ID,
                inputs: inputs.len(),
                unreadable: raw.len() - inputs.len(),
                run: Box::new(move |trace| {
                    inputs
                        .iter()
                        .filter(|i| {
                            let mut t = if trace { Trace::new() } else { Trace::off() };
                            black_box(R::eval(&cx, black_box(i), &mut t)).is_ok()
                        })
                        .count()
                }),
            });
        }
    }
    let mut c = Collect {
        cx: Ctx {
            edition: ed,
            calendar: cal,
        },
        engine: Engine::builtin(),
        out: Vec::new(),
    };
    each_rule(&mut c);
    c.out
}

/// The families of `benches`, each once, in the order they first appear.
pub fn families(benches: &[RuleBench<'_>]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for b in benches {
        if !out.contains(&b.family) {
            out.push(b.family);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule of the catalogue is benched, once, under its family, with inputs it answers.
    #[test]
    fn every_rule_is_benched() {
        let ed = shftu_rules::edition("2023").expect("the 2023 edition");
        let cal = Calendar::builtin();
        let benches = rule_benches(ed, &cal);
        let mut benched: Vec<&str> = benches.iter().map(|b| b.id).collect();
        let mut rules: Vec<&str> = shftu_rules::RULES.iter().map(|r| r.id).collect();
        benched.sort_unstable();
        rules.sort_unstable();
        let missing: Vec<&&str> = rules.iter().filter(|r| !benched.contains(r)).collect();
        assert!(missing.is_empty(), "rules without a bench: {missing:?}");
        assert_eq!(benched, rules, "every rule benched exactly once, and no bench of an unknown rule");
        for b in &benches {
            let prefix = b.id.split('.').next().unwrap_or_default();
            assert!(b.family.starts_with(prefix), "{} benched under family {}", b.id, b.family);
            assert_eq!(b.unreadable, 0, "{}: a case input is not a typed input of the rule", b.id);
            assert!(b.inputs > 0, "{}: no case input to bench with", b.id);
            assert_eq!(b.run(false), b.inputs, "{}: every case input answered, trace off", b.id);
            assert_eq!(b.run(true), b.inputs, "{}: every case input answered, with trace", b.id);
        }
        let mut fams: Vec<&str> = Vec::new();
        for r in shftu_rules::RULES {
            if !fams.contains(&r.family) {
                fams.push(r.family);
            }
        }
        assert_eq!(families(&benches), fams);
    }
}
