//! An explanation a clerk can hand over: a short plain-text account of a response — the decision, the
//! figures, the clauses applied in order, and what to do next (e.g. the last day to claim) — readable by a
//! worker who has never seen the wire format. Every word comes from the message catalogue
//! (`spec/messages/explain.toml` for the frame and the field names; the rules' own notes for the reasons).
//!
//! `explain` reads a response of any rule: the rule's result shape (from the registry) tells which figures
//! are money, dates or codes, so each is written the way the language writes it.

use alloc::borrow::Cow;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::money::Money;
use crate::msg::{self, m::explain as m, Arg, Lang, Msg, MsgId, Render};
use crate::read::{parse_date, parse_datetime};
use crate::registry::rule;
use crate::shape::Shape;

/// The label kind of result fields in the catalogue.
const FIELD: &str = "explain.field";

/// The fields that carry a rule's decision, in order of preference.
const DECISIONS: &[&str] = &["accepted", "compliant", "on_time", "target_ok", "all_met", "ok"];

/// Explains a response (the JSON text a rule answered) in `lang`.
pub fn explain(response: &str, lang: Lang) -> Result<String> {
    let v: Value = serde_json::from_str(response).map_err(|e| Error::InvalidJson { detail: e.to_string() })?;
    explain_value(&v, lang)
}

/// [`explain`] of a parsed response.
pub fn explain_value(v: &Value, lang: Lang) -> Result<String> {
    let bad = || Error::InvalidJson {
        detail: String::from("not a response of shftu-rules (no \"ok\" field)"),
    };
    let ok = v.get("ok").and_then(Value::as_bool).ok_or_else(bad)?;
    let rule_id = v.get("rule").and_then(Value::as_str);
    let edition = v.get("edition").and_then(Value::as_str).unwrap_or(crate::DEFAULT_EDITION);
    let document = crate::edition(edition).map_or("", |e| e.meta.document);
    let r = Render::new(lang, document);
    let info = rule_id.and_then(rule);
    let title = info.map_or("", |i| i.title(lang));
    let mut out = String::new();
    let heading = match rule_id {
        Some(id) => m::heading(title, String::from(id), String::from(edition)),
        None => m::heading_no_rule(),
    };
    line(&mut out, &heading.render(r));
    if !ok {
        let err = v.get("error").ok_or_else(bad)?;
        let s = |k: &str| err.get(k).and_then(Value::as_str).unwrap_or("");
        line(
            &mut out,
            &m::could_not(String::from(s("code")), String::from(s("message"))).render(r),
        );
        if let Some(p) = err.get("path").and_then(Value::as_str) {
            line(&mut out, &m::check_field(String::from(p)).render(r));
        }
        return Ok(out);
    }
    let result = v.get("result").ok_or_else(bad)?;
    let shape = info.map(|i| (i.output)());
    // The decision first, when the result carries one.
    if let (Some(Shape::Object(o)), Value::Object(map)) = (shape, result) {
        if let Some((name, yes)) = DECISIONS.iter().find_map(|d| {
            o.fields
                .iter()
                .find(|f| f.name == *d)
                .and_then(|f| map.get(f.name)?.as_bool().map(|b| (f.name, b)))
        }) {
            let code = alloc::format!("{name}_{}", if yes { "yes" } else { "no" });
            let verdict = msg::label("explain.decision", &code, lang).map_or_else(|| code.clone(), String::from);
            line(&mut out, &m::decision(verdict).render(r));
        }
    }
    line(&mut out, &m::result_heading().render(r));
    match shape {
        Some(Shape::Object(o)) => {
            for f in o.fields {
                let Some(val) = result.get(f.name) else { continue };
                if val.is_null() || val.as_array().is_some_and(Vec::is_empty) {
                    continue;
                }
                let text = value_text(val, (f.shape)(), r, 1);
                line(&mut out, &alloc::format!("- {}{}{text}", field_label(f.name, lang), colon(lang)));
            }
        }
        _ => line(&mut out, &alloc::format!("- {result}")),
    }
    if let Some(steps) = v.get("trace").and_then(Value::as_array).filter(|s| !s.is_empty()) {
        line(&mut out, &m::why_heading().render(r));
        for (i, s) in steps.iter().enumerate() {
            let c = s.get("clause").and_then(Value::as_str).unwrap_or("");
            let n = s.get("note").and_then(Value::as_str).unwrap_or("");
            line(&mut out, &alloc::format!("{}. {c}{}{n}", i + 1, colon(lang)));
        }
    }
    if let (Some(info), Value::Object(map)) = (info, result) {
        if let Some(next) = next_step(info, map, shape, r) {
            line(&mut out, &m::next_heading(next).render(r));
        }
    }
    Ok(out)
}

fn line(out: &mut String, s: &str) {
    out.push_str(s);
    out.push('\n');
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ": ",
        Lang::ZhCn => "：",
    }
}

/// The label of a result field: the catalogue's (`[label.field]` of `spec/messages/explain.toml`, or of the
/// rule family's own file, so a new rule's new fields are named beside its messages), else the name with
/// spaces.
pub fn field_label(name: &str, lang: Lang) -> String {
    match catalogue_field_label(name, lang) {
        Some(l) => String::from(l),
        None => name.replace('_', " "),
    }
}

/// The catalogue's label of a result field in `lang`, if it has one.
pub fn catalogue_field_label(name: &str, lang: Lang) -> Option<&'static str> {
    msg::label(FIELD, name, lang).or_else(|| {
        msg::labels()
            .iter()
            .find(|(k, c, _, _)| *c == name && k.ends_with(".field") && *k != FIELD)
            .and_then(|(k, c, _, _)| msg::label(k, c, lang))
    })
}

/// A value of the result as the language writes it, guided by its shape.
fn value_text(v: &Value, shape: Shape, r: Render<'_>, depth: usize) -> String {
    let zh = r.lang == Lang::ZhCn;
    match (shape, v) {
        (_, Value::Null) => m::none().render(r),
        (Shape::Money, Value::String(s)) => match Money::parse(s) {
            Ok(mo) => Arg::Money(mo).render_alone(r),
            Err(_) => s.clone(),
        },
        (Shape::Date, Value::String(s)) => match parse_date(s) {
            Some(d) => Arg::Date(d).render_alone(r),
            None => s.clone(),
        },
        (Shape::DateTime, Value::String(s)) => match parse_datetime(s) {
            Some(d) => Arg::DateTime(d).render_alone(r),
            None => s.clone(),
        },
        (Shape::Bool, Value::Bool(b)) => if *b { m::yes() } else { m::no() }.render(r),
        (Shape::Enum(e), Value::String(s)) => match msg::label(e.kind, s, r.lang) {
            Some(l) => String::from(l),
            None if zh => s.clone(),
            None => s.replace('_', " "),
        },
        (Shape::Array(item), Value::Array(a)) => {
            let inner = item();
            if matches!(inner, Shape::Object(_)) {
                let mut s = String::new();
                for (i, x) in a.iter().enumerate() {
                    let _ = write!(s, "\n{}{}. {}", "  ".repeat(depth), i + 1, value_text(x, inner, r, depth + 1));
                }
                s
            } else {
                let sep = if zh { "、" } else { ", " };
                a.iter().map(|x| value_text(x, inner, r, depth)).collect::<Vec<_>>().join(sep)
            }
        }
        (Shape::Object(o), Value::Object(map)) => {
            let sep = if zh { "，" } else { "; " };
            o.fields
                .iter()
                .filter_map(|f| {
                    let x = map.get(f.name)?;
                    if x.is_null() || x.as_array().is_some_and(Vec::is_empty) {
                        return None;
                    }
                    Some(alloc::format!(
                        "{}{}{}",
                        field_label(f.name, r.lang),
                        if zh { "：" } else { " " },
                        value_text(x, (f.shape)(), r, depth + 1)
                    ))
                })
                .collect::<Vec<_>>()
                .join(sep)
        }
        (Shape::Map(item), Value::Object(map)) => {
            let sep = if zh { "，" } else { "; " };
            map.iter()
                .map(|(k, x)| alloc::format!("{k} {}", value_text(x, item(), r, depth + 1)))
                .collect::<Vec<_>>()
                .join(sep)
        }
        // A period of the Civil Code in its ISO form (`P6M`): 6个月 in Chinese.
        (Shape::Text, Value::String(s)) if zh && iso_period(s).is_some() => iso_period(s).map_or_else(|| s.clone(), msg::period_zh),
        (_, Value::String(s)) => s.clone(),
        (_, x) => x.to_string(),
    }
}

/// `P2Y`, `P6M`, `P180D` as a period.
fn iso_period(s: &str) -> Option<crate::period::Period> {
    let body = s.strip_prefix('P')?;
    let unit = body.chars().last()?;
    let n: u32 = body.get(..body.len().checked_sub(1)?)?.parse().ok()?;
    match unit {
        'Y' => Some(crate::period::Period::Years(n)),
        'M' => Some(crate::period::Period::Months(n)),
        'D' => Some(crate::period::Period::Days(n)),
        _ => None,
    }
}

/// The "what to do next" line: the catalogue's `explain.next_<function>` (or `_no` when the decision is
/// no), its arguments filled from the result's fields of the same names.
fn next_step(info: &crate::registry::RuleInfo, map: &serde_json::Map<String, Value>, shape: Option<Shape>, r: Render<'_>) -> Option<Msg> {
    let name = info.function_name();
    let declined = DECISIONS.iter().any(|d| map.get(*d).and_then(Value::as_bool) == Some(false));
    let id = if declined {
        find(&alloc::format!("explain.next_{name}_no")).or_else(|| find(&alloc::format!("explain.next_{name}")))
    } else {
        find(&alloc::format!("explain.next_{name}"))
    }?;
    let args: Vec<Arg> = id
        .arg_names()
        .iter()
        .map(|a| {
            // `total.payable`: a field of an object field.
            let (mut val, mut sh) = (None::<&Value>, shape);
            let mut obj = Some(map);
            for part in a.split('.') {
                let fields = match sh {
                    Some(Shape::Object(o)) => o.fields,
                    _ => &[],
                };
                val = obj.and_then(|m| m.get(part));
                sh = fields.iter().find(|f| f.name == part).map(|f| (f.shape)());
                obj = val.and_then(Value::as_object);
            }
            let val = val.unwrap_or(&Value::Null);
            Arg::Text(Cow::Owned(match sh {
                Some(s) => value_text(val, s, r, 1),
                None => match val {
                    Value::String(s) => s.clone(),
                    x => x.to_string(),
                },
            }))
        })
        .collect();
    Some(Msg::new(id, args))
}

fn find(name: &str) -> Option<MsgId> {
    MsgId::all().find(|i| i.name() == name)
}
