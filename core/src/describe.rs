//! The registry as data: every rule with its titles and the shapes of its input and result, every closed
//! set of codes with its labels and other names, the error codes, the limits and the languages. The CLI
//! prints it (`shftu-rules describe`); the generators of the JSON Schemas, the TypeScript declarations,
//! the Python stubs and the Java classes read it, so that no binding keeps a list of its own.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::{json, Map, Value};

use crate::error::Error;
use crate::limits::{Limit, Limits};
use crate::msg::{self, Lang};
use crate::params::EDITIONS;
use crate::registry::RULES;
use crate::shape::{EnumShape, Shape};

/// The version of the description's format.
pub const DESCRIBE_VERSION: u32 = 1;

/// Every closed set of codes the rules read or answer with, by label kind, in the order first met.
pub fn enums() -> Vec<&'static EnumShape> {
    let mut out: Vec<&'static EnumShape> = Vec::new();
    for r in RULES {
        for s in [(r.input)(), (r.output)()] {
            s.for_each_enum(&mut |e| {
                if !out.iter().any(|x| x.kind == e.kind) {
                    out.push(e);
                }
            });
        }
    }
    out
}

fn enum_json(e: &EnumShape) -> Value {
    let mut labels = Map::new();
    for c in e.codes {
        let mut l = Map::new();
        for lang in Lang::ALL {
            l.insert(lang.tag().into(), Value::String(msg::label(e.kind, c, lang).unwrap_or(c).into()));
        }
        labels.insert((*c).into(), Value::Object(l));
    }
    let docs: Map<String, Value> = e
        .codes
        .iter()
        .filter_map(|c| msg::label_doc(e.kind, c).map(|d| (String::from(*c), Value::String(d.into()))))
        .collect();
    let aliases: Map<String, Value> = msg::aliases_of(e.kind)
        .map(|(a, c)| (String::from(a), Value::String(c.into())))
        .collect();
    json!({
        "name": e.name,
        "kind": e.kind,
        "codes": e.codes,
        "labels": labels,
        "docs": docs,
        "aliases": aliases,
    })
}

/// The description as JSON.
pub fn describe() -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let mut titles = Map::new();
            for lang in Lang::ALL {
                titles.insert(lang.tag().into(), Value::String(r.title(lang).into()));
            }
            json!({
                "id": r.id,
                "family": r.family,
                "clause": r.clause,
                "function": r.function_name(),
                "batch": r.batch,
                "title": titles,
                "input": (r.input)().to_json(),
                "output": (r.output)().to_json(),
            })
        })
        .collect();
    let enums: BTreeMap<String, Value> = enums().into_iter().map(|e| (String::from(e.kind), enum_json(e))).collect();
    let limits: Map<String, Value> = Limit::ALL
        .iter()
        .map(|l| (String::from(l.name()), json!(Limits::DEFAULT.get(*l))))
        .collect();
    json!({
        "version": DESCRIBE_VERSION,
        "langs": Lang::ALL.iter().map(|l| l.tag()).collect::<Vec<_>>(),
        "default_edition": crate::DEFAULT_EDITION,
        "editions": EDITIONS.iter().map(|e| e.name).collect::<Vec<_>>(),
        "errors": Error::CODES,
        "limits": limits,
        "rules": rules,
        "enums": enums,
    })
}

/// The names of every field of every rule's result (for the catalogue's field labels).
pub fn output_field_names() -> Vec<&'static str> {
    fn walk(s: Shape, out: &mut Vec<&'static str>) {
        match s {
            Shape::Object(o) => {
                for f in o.fields {
                    if !out.contains(&f.name) {
                        out.push(f.name);
                    }
                    walk((f.shape)(), out);
                }
            }
            Shape::Array(f) | Shape::Map(f) => walk(f(), out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for r in RULES {
        walk((r.output)(), &mut out);
    }
    out
}
