//! The typed Swift layer, generated from the registry as data (`shftu_rules::describe::describe()`): a
//! `Codable` struct per object shape (inputs and results), a `String`-backed enum per closed set of codes
//! (with labels and the Chinese names the reader accepts), and one method per rule on `Rules`, which encodes
//! the input, calls `Rules.call(rule:inputJson:)` and decodes the response into `RuleResponse<Result>`
//! (the result and its own trace). Money is `Money` (a `Decimal` that crosses as its decimal text), dates are
//! ISO strings. No rule is named here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;

const SWIFT_KEYWORDS: &[&str] = &[
    "associatedtype",
    "class",
    "deinit",
    "enum",
    "extension",
    "fileprivate",
    "func",
    "import",
    "init",
    "inout",
    "internal",
    "let",
    "open",
    "operator",
    "private",
    "protocol",
    "public",
    "rethrows",
    "static",
    "struct",
    "subscript",
    "typealias",
    "var",
    "break",
    "case",
    "continue",
    "default",
    "defer",
    "do",
    "else",
    "fallthrough",
    "for",
    "guard",
    "if",
    "in",
    "repeat",
    "return",
    "switch",
    "where",
    "while",
    "as",
    "Any",
    "catch",
    "false",
    "is",
    "nil",
    "super",
    "self",
    "Self",
    "throw",
    "throws",
    "true",
    "try",
    "Type",
];

/// Names the generated types must not take (Swift's and the module's own).
const RESERVED: &[&str] = &[
    "Package",
    "Error",
    "Data",
    "Date",
    "Decimal",
    "String",
    "Int",
    "Bool",
    "Array",
    "Dictionary",
    "Set",
    "Result",
    "Rules",
    "ShftuError",
    "Money",
    "TraceStep",
    "TraceParam",
    "RuleResponse",
    "Lang",
    "Optional",
    "Never",
];

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'v>(v: &'v Value, k: &str) -> &'v [Value] {
    v.get(k).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn upper_camel(x: &str) -> String {
    let mut out = String::new();
    for part in x.split(['_', '.', '-', ' ']) {
        let mut c = part.chars();
        if let Some(f) = c.next() {
            out.extend(f.to_uppercase());
            out.push_str(c.as_str());
        }
    }
    out
}

fn lower_camel(x: &str) -> String {
    let u = upper_camel(x);
    let mut c = u.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => u,
    }
}

/// An identifier: lower camel case, escaped when it is a keyword or starts with a digit.
fn ident(x: &str) -> String {
    let mut id: String = lower_camel(&x.replace(|c: char| !c.is_ascii_alphanumeric(), "_"));
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert(0, '_');
    }
    if SWIFT_KEYWORDS.contains(&id.as_str()) {
        format!("`{id}`")
    } else {
        id
    }
}

fn lit(x: &str) -> String {
    let mut out = String::from("\"");
    for c in x.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn doc(x: &str) -> String {
    x.replace('\n', " ")
}

struct Gen {
    enums: BTreeMap<String, (String, Value)>,
    objs: Vec<(String, Value, bool)>,
    rules: Vec<Value>,
    langs: Vec<String>,
}

impl Gen {
    fn new(d: &Value) -> Gen {
        let rules: Vec<Value> = arr(d, "rules").to_vec();
        let mut objs: Vec<(String, Value, bool)> = Vec::new();
        fn walk(shape: &Value, input: bool, objs: &mut Vec<(String, Value, bool)>) {
            match s(shape, "type") {
                "object" => {
                    if let Some(o) = objs.iter_mut().find(|(_, v, _)| v == shape) {
                        o.2 |= input;
                    } else {
                        objs.push((s(shape, "name").to_owned(), shape.clone(), input));
                    }
                    for f in arr(shape, "fields") {
                        walk(f.get("shape").unwrap_or(&Value::Null), input, objs);
                    }
                }
                "array" => walk(shape.get("items").unwrap_or(&Value::Null), input, objs),
                "map" => walk(shape.get("values").unwrap_or(&Value::Null), input, objs),
                _ => {}
            }
        }
        let mut fam: BTreeMap<String, String> = BTreeMap::new();
        for r in &rules {
            let before = objs.len();
            walk(r.get("input").unwrap_or(&Value::Null), true, &mut objs);
            walk(r.get("output").unwrap_or(&Value::Null), false, &mut objs);
            for (n, _, _) in objs.iter().skip(before) {
                fam.entry(n.clone()).or_insert_with(|| s(r, "family").to_owned());
            }
        }
        let mut enums: BTreeMap<String, (String, Value)> = BTreeMap::new();
        if let Some(m) = d.get("enums").and_then(Value::as_object) {
            for (kind, e) in m {
                enums.insert(kind.clone(), (s(e, "name").to_owned(), e.clone()));
            }
        }
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for (n, _) in enums.values() {
            *count.entry(n.clone()).or_default() += 1;
        }
        for (n, _, _) in &objs {
            *count.entry(n.clone()).or_default() += 1;
        }
        let clash = |n: &str| count.get(n).copied().unwrap_or(0) > 1 || RESERVED.contains(&n);
        for (kind, (name, _)) in enums.iter_mut() {
            if clash(name) {
                *name = format!("{}{}", upper_camel(kind.split('.').next().unwrap_or("")), name);
            }
        }
        for (name, _, _) in objs.iter_mut() {
            if clash(name) {
                *name = format!("{}{}", upper_camel(fam.get(name.as_str()).map_or("", String::as_str)), name);
            }
        }
        Gen {
            enums,
            objs,
            rules,
            langs: arr(d, "langs").iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        }
    }

    fn obj_name(&self, shape: &Value) -> String {
        self.objs
            .iter()
            .find(|(_, v, _)| v == shape)
            .map_or_else(|| "AnyCodable".to_owned(), |(n, _, _)| n.clone())
    }

    fn ty(&self, shape: &Value) -> String {
        match s(shape, "type") {
            "money" | "decimal" => "Money".into(),
            "date" | "datetime" | "text" => "String".into(),
            "bool" => "Bool".into(),
            "count" | "long" => "Int64".into(),
            "int" => "Int32".into(),
            "enum" => self.enums.get(s(shape, "kind")).map_or("String".into(), |(n, _)| n.clone()),
            "array" => format!("[{}]", self.ty(shape.get("items").unwrap_or(&Value::Null))),
            "map" => format!("[String: {}]", self.ty(shape.get("values").unwrap_or(&Value::Null))),
            "object" => self.obj_name(shape),
            _ => "String".into(),
        }
    }

    fn enum_text(&self, name: &str, e: &Value) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "/// The codes of `{}`.\npublic enum {name}: String, Codable, CaseIterable, Sendable {{",
            s(e, "kind")
        );
        let codes: Vec<&str> = arr(e, "codes").iter().filter_map(Value::as_str).collect();
        for c in &codes {
            let _ = writeln!(o, "    case {} = {}", ident(c), lit(c));
        }
        let _ = writeln!(o, "\n    /// The code's label in a language of the catalogue.\n    public func label(_ lang: Lang) -> String {{\n        switch (self, lang) {{");
        for c in &codes {
            for l in &self.langs {
                let label = e
                    .get("labels")
                    .and_then(|x| x.get(*c))
                    .and_then(|x| x.get(l))
                    .and_then(Value::as_str)
                    .unwrap_or(c);
                let _ = writeln!(o, "        case (.{}, .{}): return {}", ident(c), ident(l), lit(label));
            }
        }
        o.push_str("        }\n    }\n\n    /// The case of a code or of one of the catalogue's names for it (the plan's own words).\n");
        let _ = writeln!(o, "    public static func from(_ codeOrName: String) -> {name}? {{\n        if let v = {name}(rawValue: codeOrName) {{ return v }}\n        switch codeOrName {{");
        if let Some(a) = e.get("aliases").and_then(Value::as_object) {
            for (alias, code) in a {
                if let Some(c) = code.as_str() {
                    let _ = writeln!(o, "        case {}: return .{}", lit(alias), ident(c));
                }
            }
        }
        o.push_str("        default: return nil\n        }\n    }\n}\n\n");
        o
    }

    fn obj_text(&self, name: &str, shape: &Value, input: bool) -> String {
        let mut o = String::new();
        let fields = arr(shape, "fields");
        let _ = writeln!(
            o,
            "/// {}\npublic struct {name}: Codable, Equatable, Sendable {{",
            doc(s(shape, "doc"))
        );
        let mut params = Vec::new();
        let mut inits = String::new();
        let mut keys = String::new();
        for f in fields {
            let fname = s(f, "name");
            let id = ident(fname);
            let bare = id.trim_matches('`').to_owned();
            let required = f.get("required").and_then(Value::as_bool).unwrap_or(false);
            let nullable = f.get("nullable").and_then(Value::as_bool).unwrap_or(false);
            let optional = if input { !required } else { nullable || !required };
            let t = format!(
                "{}{}",
                self.ty(f.get("shape").unwrap_or(&Value::Null)),
                if optional { "?" } else { "" }
            );
            let _ = writeln!(o, "    /// {}\n    public var {id}: {t}", doc(s(f, "doc")));
            params.push(format!("{bare}: {t}{}", if optional { " = nil" } else { "" }));
            let _ = writeln!(inits, "        self.{bare} = {bare}");
            let _ = writeln!(keys, "        case {id} = {}", lit(fname));
        }
        let _ = writeln!(o, "\n    public init({}) {{\n{inits}    }}\n", params.join(", "));
        if fields.is_empty() {
            o.push_str("}\n\n");
        } else {
            let _ = writeln!(o, "    enum CodingKeys: String, CodingKey {{\n{keys}    }}\n}}\n");
        }
        o
    }

    fn text(&self) -> String {
        let mut o = String::from(
            r#"// Generated by shftu-rules-swift's generator from the registry (`shftu-rules describe`): do not edit.
// The typed layer over `Rules.call(rule:inputJson:)`: one Codable type per input and result, one method per rule.
import Foundation

/// An amount of money in yuan: a `Decimal` that crosses as its decimal text ("155.00"), never a binary float.
public struct Money: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    public var value: Decimal
    public init(_ value: Decimal) { self.value = value }
    /// From decimal text; nil when it is not a decimal.
    public init?(_ text: String) {
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        self.value = d
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a decimal: \(text)")
        }
        self.value = d
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(NSDecimalNumber(decimal: value).stringValue)
    }
    public var description: String { NSDecimalNumber(decimal: value).stringValue }
}

/// A parameter of the edition a step read (trace mode "full").
public struct TraceParam: Decodable, Equatable, Sendable {
    public let id: String
    public let clause: String
}

/// One step of a decision: the clause applied and what it found, in the `Rules`' language.
public struct TraceStep: Decodable, Equatable, Sendable {
    public let clause: String
    public let note: String
    public let code: String?
    public let params: [TraceParam]?
}

/// A rule's answer: the result and the trace of its own decision.
public struct RuleResponse<R: Decodable>: Decodable {
    public let rule: String
    public let edition: String
    public let result: R
    public let trace: [TraceStep]
}

"#,
        );
        let _ = writeln!(
            o,
            "/// A language of the message catalogue.\npublic enum Lang: String, Codable, CaseIterable, Sendable {{"
        );
        for l in &self.langs {
            let _ = writeln!(o, "    case {} = {}", ident(l), lit(l));
        }
        o.push_str("}\n\n");
        for (name, e) in self.enums.values() {
            o.push_str(&self.enum_text(name, e));
        }
        for (name, shape, input) in &self.objs {
            o.push_str(&self.obj_text(name, shape, *input));
        }
        o.push_str(
            r#"func shftuTypedCall<I: Encodable, O: Decodable>(_ rules: Rules, _ rule: String, _ input: I) throws -> RuleResponse<O> {
    let data = try JSONEncoder().encode(input)
    let response = try rules.call(rule: rule, inputJson: String(decoding: data, as: UTF8.self))
    return try JSONDecoder().decode(RuleResponse<O>.self, from: Data(response.utf8))
}

extension Rules {
"#,
        );
        let mut seen = BTreeSet::new();
        for r in &self.rules {
            let f = lower_camel(s(r, "function"));
            if !seen.insert(f.clone()) {
                continue;
            }
            let i = self.obj_name(r.get("input").unwrap_or(&Value::Null));
            let out = self.obj_name(r.get("output").unwrap_or(&Value::Null));
            let _ = writeln!(
                o,
                "    /// `{}` (沪工总办〔2023〕15号 {}): its result and the trace of the decision.\n    public func {f}(_ input: {i}) throws -> RuleResponse<{out}> {{\n        try shftuTypedCall(self, {}, input)\n    }}\n",
                s(r, "id"),
                s(r, "clause"),
                lit(s(r, "id"))
            );
        }
        o.push_str("}\n");
        o
    }
}

/// The typed Swift layer for the registry described by `describe`.
pub fn swift(describe: &Value) -> String {
    Gen::new(describe).text()
}
