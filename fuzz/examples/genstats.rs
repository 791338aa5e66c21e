use arbitrary::Unstructured;
use shftu_rules_fuzz::gen::Gen;
use std::collections::BTreeMap;
fn main() {
    let mut seed: u64 = 0x1234_5678;
    let mut stats: BTreeMap<&str, (u32, u32, BTreeMap<String, u32>)> = BTreeMap::new();
    for _ in 0..60000 {
        let data: Vec<u8> = (0..600)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let mut u = Unstructured::new(&data);
        let mut g = Gen::new(&mut u);
        let Ok(rule) = g.rule() else { continue };
        let Ok(mut req) = g.request(rule) else { continue };
        let m = req.as_object_mut().unwrap();
        m.retain(|k, _| k == "rule" || k == "input");
        let out = shftu_rules::evaluate(&req.to_string());
        let r = shftu_rules_fuzz::check::response(&out);
        let e = stats.entry(rule.id).or_default();
        e.0 += 1;
        if r.ok {
            e.1 += 1
        } else {
            let p = r.path.clone().unwrap_or_default();
            let p: String = p.chars().filter(|c| !c.is_ascii_digit()).collect();
            *e.2.entry(format!("{}@{}", r.code.unwrap(), p)).or_default() += 1;
        }
    }
    for (id, (n, ok, errs)) in stats {
        let mut top: Vec<_> = errs.into_iter().collect();
        top.sort_by_key(|x| std::cmp::Reverse(x.1));
        top.truncate(3);
        println!("{id:40} {n:5} ok {:5.1}%  {:?}", 100.0 * ok as f64 / n as f64, top);
    }
}
