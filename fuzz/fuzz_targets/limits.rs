//! The engine's limits: requests of every rule (from the registry's shapes, with arrays longer than the
//! small limits drawn here) through an engine with small `Limits` (`Engine::with_limits`) and through the
//! default engine. A request past a limit is answered `limit_exceeded` naming the limit and a path; any
//! other answer is exactly the default engine's; a text past `request_bytes` or with more JSON values than
//! `values` is refused at `request`; no panic.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use shftu_rules::engine::count_values;
use shftu_rules::{Engine, Limit, Limits};
use shftu_rules_fuzz::check::response;
use shftu_rules_fuzz::gen::Gen;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut limits = Limits::DEFAULT;
    for l in Limit::ALL {
        let small = match l {
            Limit::RequestBytes => u.int_in_range(0usize..=600),
            Limit::Values => u.int_in_range(0usize..=80),
            _ => u.int_in_range(0usize..=4),
        };
        let Ok(v) = small else { return };
        // Each limit small or at its default.
        if u.arbitrary::<bool>().unwrap_or(false) {
            limits = limits.with(l, v);
        }
    }
    let mut g = Gen::new(&mut u);
    g.max_len = 8;
    let Ok(rule) = g.rule() else { return };
    let Ok(request) = g.request(rule) else { return };
    let text = request.to_string();
    let small = Engine::builtin().with_limits(limits).evaluate(&text);
    let big = Engine::builtin().evaluate(&text);
    let (s, b) = (response(&small), response(&big));
    if s == b {
        return;
    }
    assert_eq!(
        s.code.as_deref(),
        Some("limit_exceeded"),
        "small limits answered otherwise than the defaults\nlimits: {limits:?}\nrequest: {text}\nsmall: {small}\ndefault: {big}"
    );
    let msg = s.message.clone().unwrap_or_default();
    assert!(
        Limit::ALL.iter().any(|l| msg.contains(l.name())),
        "limit_exceeded names no limit: {small}"
    );
    if text.len() > limits.request_bytes || count_values(&text, limits.values) > limits.values {
        assert_eq!(
            s.path.as_deref(),
            Some("request"),
            "a request past request_bytes or values: {small}"
        );
    } else {
        assert!(
            s.path.as_deref().is_some_and(|p| p.starts_with("input")),
            "a field past its limit names no input path: {small}"
        );
    }
});
