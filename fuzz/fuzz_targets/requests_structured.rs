//! Requests of every rule of the registry, each input generated from the rule's input shape
//! (`shftu_rules_fuzz::gen`). For each: the response is a valid envelope; English and Chinese answer the same
//! (`ok`, result, error code and path) in a trace mode drawn from the input (`notes`, `full`, `off`); `explain` takes the response in both languages;
//! the typed path (`Engine::read::<R>` then `R::eval`, through `registry::with_rule`) gives exactly the result
//! or error `evaluate` gave; and a host's own values (native dates and decimals, keys in another order, read
//! through the `Source` trait) read exactly as the JSON does.
#![no_main]
use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use shftu_rules::msg::Render;
use shftu_rules::registry::{with_rule, Ctx, Rule, Visit};
use shftu_rules::{Engine, Error, Lang, Trace};
use shftu_rules_fuzz::check::{explains, response, same_answer, trace_mode};
use shftu_rules_fuzz::gen::{with_options, Gen};
use shftu_rules_fuzz::host::Host;

/// Reads an input with the engine's readers from a JSON value and from a host value, and evaluates it.
struct Typed<'a> {
    engine: &'a Engine,
    json: &'a Value,
    host: &'a Host,
}

type Outcome = Result<String, Error>;

impl Visit for Typed<'_> {
    type Out = (Outcome, Outcome);
    fn visit<R: Rule>(self) -> (Outcome, Outcome) {
        let eval = |input: Result<R::Input, Error>| -> Outcome {
            let cx: Ctx<'_> = self.engine.ctx(None)?;
            let out = R::eval(&cx, &input?, &mut Trace::off())?;
            Ok(serde_json::to_string(&out).unwrap_or_default())
        };
        (
            eval(self.engine.read::<R, _>(&self.json)),
            eval(self.engine.read::<R, _>(&self.host)),
        )
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let mut g = Gen::new(&mut u);
    let Ok(rule) = g.rule() else { return };
    let Ok(request) = g.request(rule) else { return };
    let engine = Engine::builtin();
    let text = request.to_string();
    let first = engine.evaluate(&text);
    let r = response(&first);
    explains(&first);
    // English and Chinese, in a trace mode drawn from the input.
    let Ok(trace) = u.choose(&["notes", "full", "off"]) else { return };
    {
        let answers: Vec<_> = ["en", "zh-CN"]
            .iter()
            .filter_map(|lang| with_options(&request, lang, trace))
            .map(|req| {
                let out = engine.evaluate_value(&req);
                let resp = response(&out);
                trace_mode(&resp, trace, &text);
                resp
            })
            .collect();
        if let [en, zh] = &answers[..] {
            same_answer(en, zh, &text);
        }
    }
    // The typed path and the host's values, for a request with only the rule and its input (edition and
    // options at their defaults).
    let Some(input) = request.get("input") else { return };
    // (The generator may have broken the rule's id: then evaluate's answer is about `rule`, not the input.)
    if request.as_object().map(|m| m.len()) != Some(2) || request.get("rule").and_then(|v| v.as_str()) != Some(rule.id) {
        return;
    }
    let Ok(host) = Host::from_json(input, Some((rule.input)()), &mut u) else {
        return;
    };
    let Some((json_out, host_out)) = with_rule(
        rule.id,
        Typed {
            engine: &engine,
            json: input,
            host: &host,
        },
    ) else {
        panic!("with_rule does not know {}", rule.id);
    };
    match &json_out {
        Ok(result) => {
            assert!(
                r.ok,
                "the typed path answered ok, evaluate did not\nrequest: {text}\nresponse: {first}"
            );
            let typed: Value = serde_json::from_str(result).unwrap_or(Value::Null);
            assert_eq!(
                Some(&typed),
                r.result.as_ref(),
                "typed and evaluate results differ\nrequest: {text}"
            );
        }
        Err(e) => {
            assert!(
                !r.ok,
                "the typed path failed ({e}), evaluate did not\nrequest: {text}\nresponse: {first}"
            );
            assert_eq!(
                (Some(e.code()), e.path()),
                (r.code.as_deref(), r.path.as_deref()),
                "typed and evaluate errors differ\nrequest: {text}"
            );
            let doc = engine.ctx(None).map_or("", |cx| cx.edition.meta.document);
            let message = e.message(Render::new(Lang::En, doc));
            assert_eq!(Some(message), r.message, "typed and evaluate messages differ\nrequest: {text}");
        }
    }
    assert_eq!(
        json_out, host_out,
        "a host's values read differently from JSON\nrequest: {text}\nhost: {host:?}"
    );
});
