//! The generator of the Java classes, from the registry as data (`shftu_rules::describe::describe()`,
//! the JSON `shftu-rules describe` prints). The Maven build runs it (`shftu-rules-jvm-gen <out dir>`)
//! before compiling, so the classes always match the library they are packed with; nothing it writes
//! is checked in.
//!
//! It writes, in package `org.shftu.rules`:
//! * `Lang` (the catalogue's languages), one `enum` per closed set of codes (with each code's labels and
//!   the Chinese names the reader accepts), one class per object shape (inputs with constructors,
//!   results with getters and `toJson()`; a rule's result extends `RuleResult`, which carries its trace);
//! * `GeneratedRules`, the package-private base of `Rules` with one typed method per rule;
//! * `Codec`, package-private: the encoders of inputs and decoders of results over `Wire`'s compact
//!   bytes, and the tables of codes and limits.
//!
//! Names: a Rust type's name, prefixed with its family (`MutualAidReason`, `CheckupPackage`) when two
//! types share it or it would clash with `java.lang` or the runtime's own classes. No rule is named here.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::Value;

/// The Java package.
pub const PACKAGE: &str = "org.shftu.rules";

/// Classes of `java.lang` (and of the runtime) a generated name must not take.
const RESERVED: &[&str] = &[
    "Appendable",
    "AutoCloseable",
    "Boolean",
    "Byte",
    "CharSequence",
    "Character",
    "Class",
    "ClassLoader",
    "ClassValue",
    "Cloneable",
    "Comparable",
    "Compiler",
    "Deprecated",
    "Double",
    "Enum",
    "Error",
    "Exception",
    "Float",
    "FunctionalInterface",
    "InheritableThreadLocal",
    "Integer",
    "Iterable",
    "Long",
    "Math",
    "Module",
    "ModuleLayer",
    "Number",
    "Object",
    "Override",
    "Package",
    "Process",
    "ProcessBuilder",
    "ProcessHandle",
    "Readable",
    "Record",
    "Runnable",
    "Runtime",
    "RuntimePermission",
    "SafeVarargs",
    "SecurityManager",
    "Short",
    "StackTraceElement",
    "StackWalker",
    "StrictMath",
    "String",
    "StringBuffer",
    "StringBuilder",
    "SuppressWarnings",
    "System",
    "Thread",
    "ThreadGroup",
    "ThreadLocal",
    "Throwable",
    "Void",
    "List",
    "Map",
    "Objects",
    "Optional",
    "BigDecimal",
    "LocalDate",
    "LocalDateTime",
    // The runtime's own classes.
    "Rules",
    "Shftu",
    "ShftuException",
    "RuleResult",
    "TraceStep",
    "TraceParam",
    "TraceMode",
    "Lang",
    "Native",
    "Wire",
    "Codec",
    "GeneratedRules",
    "Utf8",
    "Shftu_rulesKt",
    "Json",
];

/// Java's reserved words (a field called `char` is a parameter `char_`).
const KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "record",
    "var",
    "yield",
    "sealed",
    "permits",
];

type Files = Vec<(String, String)>;

fn s<'v>(v: &'v Value, k: &str) -> &'v str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

fn arr<'v>(v: &'v Value, k: &str) -> &'v [Value] {
    v.get(k).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// `mutual_aid` → `MutualAid`; `two_day` → `TwoDay`.
pub fn upper_camel(x: &str) -> String {
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

/// `mutual_aid_enroll` → `mutualAidEnroll`.
pub fn lower_camel(x: &str) -> String {
    let u = upper_camel(x);
    let mut c = u.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => u,
    }
}

/// A code as a Java constant: `two_day` → `TWO_DAY`, `L1` → `L1`, `1-1` → `_1_1`.
fn constant(code: &str) -> String {
    let mut out: String = code
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

fn param(name: &str) -> String {
    let p = lower_camel(name);
    if KEYWORDS.contains(&p.as_str()) {
        format!("{p}_")
    } else {
        p
    }
}

/// A Java string literal.
fn lit(x: &str) -> String {
    let mut out = String::from("\"");
    for c in x.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for javadoc: HTML-escaped, `code` spans kept as `{@code …}`.
fn doc(x: &str) -> String {
    let esc = x
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("*/", "*&#47;")
        .replace('@', "&#64;");
    // `code` → {@code code}
    let mut out = String::new();
    let mut inside = false;
    for part in esc.split('`') {
        if inside {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
        inside = !inside;
    }
    out
}

/// The UTF-8 bytes of `x` as a Java `byte[]` initialiser.
fn utf8_array(x: &str) -> String {
    let bytes: Vec<String> = x.bytes().map(|b| (b as i8).to_string()).collect();
    format!("{{{}}}", bytes.join(", "))
}

struct Enum {
    java: String,
    kind: String,
    codes: Vec<String>,
    labels: BTreeMap<String, BTreeMap<String, String>>,
    aliases: Vec<(String, String)>,
}

struct Obj {
    java: String,
    rust: String,
    shape: Value,
    /// Is it (or does it sit inside) a rule's input?
    input: bool,
    /// The rules whose result it is.
    result_of: Vec<String>,
    /// The rules it is met in (input or result), for the docs.
    rules: BTreeSet<String>,
}

struct Gen {
    langs: Vec<String>,
    limits: BTreeMap<String, u64>,
    enums: BTreeMap<String, Enum>,
    objs: Vec<Obj>,
    rules: Vec<Value>,
}

fn family_of_kind(kind: &str) -> &str {
    kind.split('.').next().unwrap_or(kind)
}

impl Gen {
    fn new(d: &Value) -> Result<Gen, String> {
        let langs: Vec<String> = arr(d, "langs").iter().filter_map(Value::as_str).map(str::to_owned).collect();
        let limits: BTreeMap<String, u64> = d
            .get("limits")
            .and_then(Value::as_object)
            .map(|m| m.iter().filter_map(|(k, v)| v.as_u64().map(|n| (k.clone(), n))).collect())
            .unwrap_or_default();
        let rules: Vec<Value> = arr(d, "rules").to_vec();
        if rules.is_empty() {
            return Err("the description has no rules".into());
        }
        // Every object shape, by Rust name (identical shapes of one name count once).
        let mut objs: Vec<Obj> = Vec::new();
        fn walk(shape: &Value, rule: &str, input: bool, objs: &mut Vec<Obj>, result_of: Option<&str>) -> Result<(), String> {
            match s(shape, "type") {
                "object" => {
                    let name = s(shape, "name").to_owned();
                    let existing = objs.iter().position(|o| o.rust == name && o.shape == *shape);
                    let i = match existing {
                        Some(i) => i,
                        None => {
                            objs.push(Obj {
                                java: String::new(),
                                rust: name,
                                shape: shape.clone(),
                                input,
                                result_of: Vec::new(),
                                rules: BTreeSet::new(),
                            });
                            objs.len() - 1
                        }
                    };
                    if let Some(o) = objs.get_mut(i) {
                        o.input |= input;
                        o.rules.insert(rule.to_owned());
                        if let Some(r) = result_of {
                            o.result_of.push(r.to_owned());
                        }
                    }
                    for f in arr(shape, "fields") {
                        walk(f.get("shape").unwrap_or(&Value::Null), rule, input, objs, None)?;
                    }
                }
                "array" => walk(shape.get("items").unwrap_or(&Value::Null), rule, input, objs, None)?,
                "map" => walk(shape.get("values").unwrap_or(&Value::Null), rule, input, objs, None)?,
                _ => {}
            }
            Ok(())
        }
        for r in &rules {
            let id = s(r, "id");
            walk(r.get("input").unwrap_or(&Value::Null), id, true, &mut objs, None)?;
            walk(r.get("output").unwrap_or(&Value::Null), id, false, &mut objs, Some(id))?;
        }
        let mut enums: BTreeMap<String, Enum> = BTreeMap::new();
        if let Some(m) = d.get("enums").and_then(Value::as_object) {
            for (kind, e) in m {
                let labels = e
                    .get("labels")
                    .and_then(Value::as_object)
                    .map(|l| {
                        l.iter()
                            .map(|(code, by_lang)| {
                                let m: BTreeMap<String, String> = by_lang
                                    .as_object()
                                    .map(|x| {
                                        x.iter()
                                            .filter_map(|(lang, t)| t.as_str().map(|t| (lang.clone(), t.to_owned())))
                                            .collect()
                                    })
                                    .unwrap_or_default();
                                (code.clone(), m)
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let aliases = e
                    .get("aliases")
                    .and_then(Value::as_object)
                    .map(|a| {
                        a.iter()
                            .filter_map(|(name, code)| code.as_str().map(|c| (name.clone(), c.to_owned())))
                            .collect()
                    })
                    .unwrap_or_default();
                enums.insert(
                    kind.clone(),
                    Enum {
                        java: String::new(),
                        kind: kind.clone(),
                        codes: arr(e, "codes").iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                        labels,
                        aliases,
                    },
                );
                if let Some(en) = enums.get_mut(kind) {
                    en.java = s(e, "name").to_owned();
                }
            }
        }
        // Java names: the Rust name unless it is shared or reserved, then prefixed with the family.
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for e in enums.values() {
            *count.entry(e.java.clone()).or_default() += 1;
        }
        for o in &objs {
            *count.entry(o.rust.clone()).or_default() += 1;
        }
        let clash = |n: &str| count.get(n).copied().unwrap_or(0) > 1 || RESERVED.contains(&n);
        let rule_family: BTreeMap<String, String> = rules.iter().map(|r| (s(r, "id").to_owned(), s(r, "family").to_owned())).collect();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for e in enums.values_mut() {
            if clash(&e.java) {
                let new = format!("{}{}", upper_camel(family_of_kind(&e.kind)), e.java);
                renamed.push((e.java.clone(), new.clone()));
                e.java = new;
            }
        }
        for o in &mut objs {
            o.java = if clash(&o.rust) {
                let fam = o.rules.iter().next().and_then(|r| rule_family.get(r)).cloned().unwrap_or_default();
                format!("{}{}", upper_camel(&fam), o.rust)
            } else {
                o.rust.clone()
            };
        }
        let mut seen = BTreeSet::new();
        for n in enums.values().map(|e| &e.java).chain(objs.iter().map(|o| &o.java)) {
            if !seen.insert(n.clone()) || RESERVED.contains(&n.as_str()) {
                return Err(format!("two generated types would be called {n}"));
            }
        }
        Ok(Gen {
            langs,
            limits,
            enums,
            objs,
            rules,
        })
    }

    fn obj(&self, shape: &Value) -> Option<&Obj> {
        self.objs.iter().find(|o| o.rust == s(shape, "name") && o.shape == *shape)
    }

    fn enum_of(&self, shape: &Value) -> Option<&Enum> {
        self.enums.get(s(shape, "kind"))
    }

    fn enum_name(&self, shape: &Value) -> String {
        self.enum_of(shape).map_or_else(|| "Object".to_owned(), |e| e.java.clone())
    }

    /// The Java type of a value of `shape`; `boxed` for a value that may be null (or in a collection).
    fn jtype(&self, shape: &Value, boxed: bool) -> String {
        let t = s(shape, "type");
        let prim = |p: &str, b: &str| if boxed { b.to_owned() } else { p.to_owned() };
        match t {
            "money" | "decimal" => "BigDecimal".into(),
            "date" => "LocalDate".into(),
            "datetime" => "LocalDateTime".into(),
            "bool" => prim("boolean", "Boolean"),
            "count" | "long" => prim("long", "Long"),
            "int" => prim("int", "Integer"),
            "text" => "String".into(),
            "enum" => self.enum_name(shape),
            "array" => format!("List<{}>", self.jtype(shape.get("items").unwrap_or(&Value::Null), true)),
            "map" => format!("Map<String, {}>", self.jtype(shape.get("values").unwrap_or(&Value::Null), true)),
            "object" => self.obj(shape).map_or_else(|| "Object".to_owned(), |o| o.java.clone()),
            _ => "Object".into(),
        }
    }

    fn limit_of(&self, field: &Value) -> u64 {
        let name = field.get("limit").and_then(Value::as_str).unwrap_or("items");
        self.limits.get(name).copied().unwrap_or(u64::from(u32::MAX))
    }

    // ---------------------------------------------------------------------------------------------
    // Expressions

    /// A `Wire.Enc<T>` for a value of `shape` (lambda or method reference); `d` names nested lambdas' parameters.
    fn enc_fn(&self, shape: &Value, limit: u64, d: usize) -> String {
        match s(shape, "type") {
            "money" | "decimal" => "Wire.Writer::money".into(),
            "date" => "Wire.Writer::date".into(),
            "datetime" => "Wire.Writer::dateTime".into(),
            "bool" => "Wire.Writer::bool".into(),
            "count" | "long" => "Wire.Writer::int64".into(),
            "int" => "Wire.Writer::int32".into(),
            "text" => "Wire.Writer::str".into(),
            "enum" => format!("Codec::encode{}", self.enum_name(shape)),
            "array" => {
                let inner = self.enc_fn(shape.get("items").unwrap_or(&Value::Null), self.items_limit(), d + 1);
                format!("($w{d}, $v{d}) -> $w{d}.list($v{d}, {limit}L, {inner})")
            }
            "map" => {
                let inner = self.enc_fn(shape.get("values").unwrap_or(&Value::Null), self.items_limit(), d + 1);
                format!("($w{d}, $v{d}) -> $w{d}.map($v{d}, {inner})")
            }
            "object" => {
                let n = self.obj(shape).map_or("Object".into(), |o| o.java.clone());
                format!("Codec::encode{n}")
            }
            _ => "(w, v) -> w.nul()".into(),
        }
    }

    fn items_limit(&self) -> u64 {
        self.limits.get("items").copied().unwrap_or(u64::from(u32::MAX))
    }

    /// A statement writing `expr` (of `shape`) with writer `w`.
    fn enc_stmt(&self, shape: &Value, expr: &str, limit: u64) -> String {
        match s(shape, "type") {
            "array" => {
                let inner = self.enc_fn(shape.get("items").unwrap_or(&Value::Null), self.items_limit(), 0);
                format!("w.list({expr}, {limit}L, {inner});")
            }
            "map" => {
                let inner = self.enc_fn(shape.get("values").unwrap_or(&Value::Null), self.items_limit(), 0);
                format!("w.map({expr}, {inner});")
            }
            "enum" => format!("encode{}(w, {expr});", self.enum_name(shape)),
            "object" => {
                let n = self.obj(shape).map_or("Object".into(), |o| o.java.clone());
                format!("encode{n}(w, {expr});")
            }
            "money" | "decimal" => format!("w.money({expr});"),
            "date" => format!("w.date({expr});"),
            "datetime" => format!("w.dateTime({expr});"),
            "bool" => format!("w.bool({expr});"),
            "count" | "long" => format!("w.int64({expr});"),
            "int" => format!("w.int32({expr});"),
            "text" => format!("w.str({expr});"),
            _ => "w.nul();".into(),
        }
    }

    /// A `Wire.Dec<T>` for a value of `shape`; `d` names nested lambdas' parameters.
    fn dec_fn(&self, shape: &Value, d: usize) -> String {
        match s(shape, "type") {
            "money" | "decimal" => "Wire.Reader::money".into(),
            "date" => "Wire.Reader::date".into(),
            "datetime" => "Wire.Reader::dateTime".into(),
            "bool" => "Wire.Reader::boolOrNull".into(),
            "count" | "long" => "Wire.Reader::int64OrNull".into(),
            "int" => "Wire.Reader::int32OrNull".into(),
            "text" => "Wire.Reader::str".into(),
            "enum" => format!("Codec::decode{}", self.enum_name(shape)),
            "array" => format!(
                "$x{d} -> $x{d}.list({})",
                self.dec_fn(shape.get("items").unwrap_or(&Value::Null), d + 1)
            ),
            "map" => format!(
                "$x{d} -> $x{d}.map({})",
                self.dec_fn(shape.get("values").unwrap_or(&Value::Null), d + 1)
            ),
            "object" => {
                let n = self.obj(shape).map_or("Object".into(), |o| o.java.clone());
                format!("Codec::decode{n}")
            }
            _ => "Wire.Reader::any".into(),
        }
    }

    /// An expression reading a value of `shape` from reader `$r`; `boxed` when it may be null.
    fn dec_expr(&self, shape: &Value, boxed: bool) -> String {
        match s(shape, "type") {
            "bool" if !boxed => "$r.bool()".into(),
            "count" | "long" if !boxed => "$r.int64()".into(),
            "int" if !boxed => "$r.int32()".into(),
            "bool" => "$r.boolOrNull()".into(),
            "count" | "long" => "$r.int64OrNull()".into(),
            "int" => "$r.int32OrNull()".into(),
            "money" | "decimal" => "$r.money()".into(),
            "date" => "$r.date()".into(),
            "datetime" => "$r.dateTime()".into(),
            "text" => "$r.str()".into(),
            "enum" => format!("decode{}($r)", self.enum_name(shape)),
            "array" => format!("$r.list({})", self.dec_fn(shape.get("items").unwrap_or(&Value::Null), 0)),
            "map" => format!("$r.map({})", self.dec_fn(shape.get("values").unwrap_or(&Value::Null), 0)),
            "object" => {
                let n = self.obj(shape).map_or("Object".into(), |o| o.java.clone());
                format!("decode{n}($r)")
            }
            _ => "$r.any()".into(),
        }
    }

    /// A `Json.Put<T>` for a value of `shape`; `d` names nested lambdas' parameters.
    fn json_fn(&self, shape: &Value, d: usize) -> String {
        match s(shape, "type") {
            "money" | "decimal" => "Json::money".into(),
            "date" | "datetime" => "Json::temporal".into(),
            "bool" | "count" | "long" | "int" => "Json::number".into(),
            "text" => "Json::str".into(),
            "enum" => "Json::code".into(),
            "array" => format!(
                "($s{d}, $v{d}) -> Json.list($s{d}, $v{d}, {})",
                self.json_fn(shape.get("items").unwrap_or(&Value::Null), d + 1)
            ),
            "map" => format!(
                "($s{d}, $v{d}) -> Json.map($s{d}, $v{d}, {})",
                self.json_fn(shape.get("values").unwrap_or(&Value::Null), d + 1)
            ),
            "object" => format!("($s{d}, $v{d}) -> $v{d}.writeJson($s{d})"),
            _ => "Json::any".into(),
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Files

    fn header(&self) -> String {
        format!("// Generated by shftu-rules-jvm-gen from the registry (`shftu-rules describe`): do not edit.\npackage {PACKAGE};\n\n")
    }

    fn lang_file(&self) -> String {
        let mut o = self.header();
        o.push_str(
            "/**\n * A language of the message catalogue: every note, reason, error and label exists in each.\n */\npublic enum Lang {\n",
        );
        for (i, l) in self.langs.iter().enumerate() {
            let sep = if i + 1 == self.langs.len() { ";" } else { "," };
            let _ = writeln!(
                o,
                "    /** The language tagged {}. */\n    {}({}){sep}",
                doc(&format!("`{l}`")),
                constant(l),
                lit(l)
            );
        }
        o.push_str(
            r#"
    private final String tag;

    Lang(String tag) {
        this.tag = tag;
    }

    /** The language tag, as the wire contract's {@code "lang"} writes it ({@code "zh-CN"}). */
    public String tag() {
        return tag;
    }

    /**
     * The language tagged {@code tag}.
     *
     * @param tag a language tag, e.g. {@code "zh-CN"}
     * @return the language
     * @throws IllegalArgumentException when the catalogue has no such language
     */
    public static Lang of(String tag) {
        for (Lang l : values()) {
            if (l.tag.equals(tag)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no language " + tag + " in the catalogue; its languages are " + java.util.Arrays.toString(values()));
    }
}
"#,
        );
        o
    }

    fn enum_file(&self, e: &Enum) -> String {
        let mut o = self.header();
        let family = family_of_kind(&e.kind);
        let users: Vec<String> = self
            .rules
            .iter()
            .filter(|r| {
                let mut found = false;
                for part in ["input", "output"] {
                    if let Some(sh) = r.get(part) {
                        found |= mentions_enum(sh, &e.kind);
                    }
                }
                found
            })
            .map(|r| format!("<code>{}</code> ({})", s(r, "id"), doc(s(r, "clause"))))
            .collect();
        let _ = writeln!(
            o,
            "import java.util.Optional;\n\n/**\n * The codes of {} ({}), read and answered by {}.\n *\n * <p>Each constant has its wire code ({{@link #code()}}) and a label in every language of the catalogue\n * ({{@link #label(Lang)}}); {{@link #of(String)}} also takes the names the plan itself writes (the Chinese names\n * of the catalogue), as the wire contract's reader does.\n */\npublic enum {} {{",
            doc(&format!("`{}`", e.kind)),
            doc(family),
            users.join(", "),
            e.java
        );
        for (i, c) in e.codes.iter().enumerate() {
            let labels = e.labels.get(c).cloned().unwrap_or_default();
            let label_args: Vec<String> = self
                .langs
                .iter()
                .map(|l| lit(labels.get(l).map_or(c.as_str(), String::as_str)))
                .collect();
            let label_doc: Vec<String> = self
                .langs
                .iter()
                .filter_map(|l| labels.get(l).map(|t| format!("{l}: {}", doc(t))))
                .collect();
            let sep = if i + 1 == e.codes.len() { ";" } else { "," };
            let _ = writeln!(
                o,
                "    /** {} — {}. */\n    {}({}, new String[] {{{}}}){sep}",
                doc(&format!("`{c}`")),
                label_doc.join("; "),
                constant(c),
                lit(c),
                label_args.join(", ")
            );
        }
        let mut alias_cases = String::new();
        for (name, code) in &e.aliases {
            if e.codes.contains(code) {
                let _ = writeln!(alias_cases, "            case {} -> {};", lit(name), constant(code));
            }
        }
        let _ = write!(
            o,
            r#"
    private final String code;
    private final String[] labels;

    {name}(String code, String[] labels) {{
        this.code = code;
        this.labels = labels;
    }}

    /** The wire code ({{@code {first}}}). */
    public String code() {{
        return code;
    }}

    /**
     * The label of the code in a language.
     *
     * @param lang the language
     * @return the label
     */
    public String label(Lang lang) {{
        return labels[lang.ordinal()];
    }}

    /**
     * The constant of a code or of one of the catalogue's names for it (the plan's own words).
     *
     * @param codeOrName a code ({{@code {first}}}) or a name of the catalogue
     * @return the constant, or empty
     */
    public static Optional<{name}> find(String codeOrName) {{
        if (codeOrName == null) {{
            return Optional.empty();
        }}
        for ({name} v : values()) {{
            if (v.code.equals(codeOrName)) {{
                return Optional.of(v);
            }}
        }}
        return Optional.ofNullable(switch (codeOrName) {{
{alias_cases}            default -> null;
        }});
    }}

    /**
     * The constant of a code or of one of the catalogue's names for it.
     *
     * @param codeOrName a code or a name of the catalogue
     * @return the constant
     * @throws IllegalArgumentException when it is neither
     */
    public static {name} of(String codeOrName) {{
        return find(codeOrName).orElseThrow(() -> new IllegalArgumentException(
                codeOrName + " is not one of the codes " + java.util.Arrays.toString(CODES) + " nor a name of them"));
    }}

    private static final String[] CODES = {{{codes}}};

    @Override
    public String toString() {{
        return code;
    }}
}}
"#,
            name = e.java,
            first = e.codes.first().map(String::as_str).unwrap_or(""),
            alias_cases = alias_cases,
            codes = e.codes.iter().map(|c| lit(c)).collect::<Vec<_>>().join(", "),
        );
        o
    }

    fn obj_file(&self, ob: &Obj) -> String {
        let mut o = self.header();
        let fields = arr(&ob.shape, "fields");
        let name = &ob.java;
        let is_result = !ob.result_of.is_empty();
        o.push_str("import java.math.BigDecimal;\nimport java.time.LocalDate;\nimport java.time.LocalDateTime;\nimport java.util.List;\nimport java.util.Map;\nimport java.util.Objects;\n\n");
        // Class doc: the shape's doc, the rules and their clauses.
        let rules: Vec<String> = ob
            .rules
            .iter()
            .filter_map(|id| self.rules.iter().find(|r| s(r, "id") == id))
            .map(|r| {
                let titles = r.get("title");
                let zh = titles.and_then(|t| t.get("zh-CN")).and_then(Value::as_str).unwrap_or("");
                let en = titles.and_then(|t| t.get("en")).and_then(Value::as_str).unwrap_or("");
                format!(
                    "<code>{}</code>{} (沪工总办〔2023〕15号 {})",
                    s(r, "id"),
                    title_part(en, zh),
                    doc(s(r, "clause"))
                )
            })
            .collect();
        let role = if is_result {
            "The result of a rule: its figures, and the trace of the decision ({@link RuleResult#getTrace()})."
        } else if ob.input {
            "A rule's input (or part of one): built by the caller, read by the core's own reader when the rule is\n * called, so that a bad field is a {@link ShftuException.InvalidInput} naming its JSON path, as on the wire."
        } else {
            "Part of a rule's result."
        };
        let _ = writeln!(
            o,
            "/**\n * {}\n *\n * <p>{role}\n *\n * <p>Rules: {}.\n */",
            doc(s(&ob.shape, "doc")),
            rules.join("; ")
        );
        let extends = if is_result { " extends RuleResult" } else { "" };
        let _ = writeln!(o, "public final class {name}{extends} {{");
        // Fields.
        let boxed_of = |f: &Value| -> bool {
            let required = f.get("required").and_then(Value::as_bool).unwrap_or(false);
            let nullable = f.get("nullable").and_then(Value::as_bool).unwrap_or(false);
            if ob.input {
                !required
            } else {
                nullable || !required
            }
        };
        for f in fields {
            let sh = f.get("shape").unwrap_or(&Value::Null);
            let _ = writeln!(o, "    private final {} {};", self.jtype(sh, boxed_of(f)), param(s(f, "name")));
        }
        o.push('\n');
        // Constructors.
        let decl = |f: &Value| {
            format!(
                "{} {}",
                self.jtype(f.get("shape").unwrap_or(&Value::Null), boxed_of(f)),
                param(s(f, "name"))
            )
        };
        let params: Vec<String> = fields.iter().map(decl).collect();
        let mut ctor_doc = String::new();
        for f in fields {
            let required = f.get("required").and_then(Value::as_bool).unwrap_or(false);
            let extra = if ob.input && !required {
                " (optional: null leaves it out)"
            } else {
                ""
            };
            let _ = writeln!(ctor_doc, "     * @param {} {}{extra}", param(s(f, "name")), doc(s(f, "doc")));
        }
        let assigns: String = fields
            .iter()
            .map(|f| {
                let p = param(s(f, "name"));
                let sh = f.get("shape").unwrap_or(&Value::Null);
                match s(sh, "type") {
                    "array" => format!("        this.{p} = Wire.copyList({p});\n"),
                    "map" => format!("        this.{p} = Wire.copyMap({p});\n"),
                    _ => format!("        this.{p} = {p};\n"),
                }
            })
            .collect();
        let _ = writeln!(o, "    /**\n     * Builds it from every field.\n     *\n{ctor_doc}     */");
        let _ = writeln!(o, "    public {name}({}) {{", params.join(", "));
        if is_result {
            o.push_str("        super(null);\n");
        }
        o.push_str(&assigns);
        o.push_str("    }\n\n");
        if is_result {
            let _ = writeln!(
                o,
                "    /** As decoded from the library's answer, with its trace. */\n    {name}(RuleResult.Meta meta{}{}) {{\n        super(meta);\n{assigns}    }}\n",
                if params.is_empty() { "" } else { ", " },
                params.join(", ")
            );
        }
        if ob.input {
            let required: Vec<&Value> = fields
                .iter()
                .filter(|f| f.get("required").and_then(Value::as_bool).unwrap_or(false))
                .collect();
            if required.len() < fields.len() {
                let rparams: Vec<String> = required
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {}",
                            self.jtype(f.get("shape").unwrap_or(&Value::Null), false),
                            param(s(f, "name"))
                        )
                    })
                    .collect();
                let args: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if f.get("required").and_then(Value::as_bool).unwrap_or(false) {
                            param(s(f, "name"))
                        } else {
                            "null".to_owned()
                        }
                    })
                    .collect();
                let mut rdoc = String::new();
                for f in &required {
                    let _ = writeln!(rdoc, "     * @param {} {}", param(s(f, "name")), doc(s(f, "doc")));
                }
                let _ = writeln!(
                    o,
                    "    /**\n     * Builds it from the required fields, the optional ones left out.\n     *\n{rdoc}     */\n    public {name}({}) {{\n        this({});\n    }}\n",
                    rparams.join(", "),
                    args.join(", ")
                );
            }
            // The constructor of the release before fields were added (`since`), kept so that its callers compile.
            let earlier: Vec<&Value> = fields.iter().filter(|f| f.get("since").is_none()).collect();
            let added: Vec<String> = fields
                .iter()
                .filter(|f| f.get("since").is_some())
                .map(|f| format!("<code>{}</code>", param(s(f, "name"))))
                .collect();
            let same_as_required =
                earlier.len() == required.len() && earlier.iter().zip(&required).all(|(a, b)| s(a, "name") == s(b, "name"));
            if !added.is_empty() && !same_as_required {
                let eparams: Vec<String> = earlier.iter().map(|f| decl(f)).collect();
                let args: Vec<String> = fields
                    .iter()
                    .map(|f| {
                        if f.get("since").is_some() {
                            "null".to_owned()
                        } else {
                            param(s(f, "name"))
                        }
                    })
                    .collect();
                let mut edoc = String::new();
                for f in &earlier {
                    let _ = writeln!(edoc, "     * @param {} {}", param(s(f, "name")), doc(s(f, "doc")));
                }
                let since = fields.iter().find_map(|f| f.get("since").and_then(Value::as_str)).unwrap_or("");
                let _ = writeln!(
                    o,
                    "    /**\n     * Builds it from the fields it had before {since} ({} left out).\n     *\n{edoc}     * @deprecated since {since}: the constructor of every field takes the fields added since too.\n     */\n    @Deprecated\n    public {name}({}) {{\n        this({});\n    }}\n",
                    added.join(", "),
                    eparams.join(", "),
                    args.join(", ")
                );
            }
        }
        // Getters.
        for f in fields {
            let sh = f.get("shape").unwrap_or(&Value::Null);
            let t = self.jtype(sh, boxed_of(f));
            let p = param(s(f, "name"));
            let nullable = boxed_of(f) && !matches!(s(sh, "type"), "array" | "map");
            let null_doc = if nullable { " (may be null)" } else { "" };
            let _ = writeln!(
                o,
                "    /**\n     * {}{null_doc}\n     *\n     * @return the field {}\n     */\n    public {t} get{}() {{\n        return {p};\n    }}\n",
                doc(s(f, "doc")),
                doc(&format!("`{}`", s(f, "name"))),
                upper_camel(s(f, "name"))
            );
        }
        // toJson.
        let _ = writeln!(
            o,
            "    /**\n     * The value as the wire contract's JSON (compact, fields in the order the library writes them).\n     *\n     * @return the JSON text\n     */\n    {}public String toJson() {{\n        StringBuilder sb = new StringBuilder(128);\n        writeJson(sb);\n        return sb.toString();\n    }}\n",
            if is_result { "@Override\n    " } else { "" }
        );
        let mut wj = String::from("    void writeJson(StringBuilder $sb) {\n        $sb.append('{');\n");
        let always: Vec<bool> = fields
            .iter()
            .map(|f| ob.input || f.get("required").and_then(Value::as_bool).unwrap_or(false))
            .collect();
        // Fields left out when null (results' optional fields) need a separator decided at run time.
        wj.push_str("        boolean $first = true;\n");
        for (f, always) in fields.iter().zip(&always) {
            let sh = f.get("shape").unwrap_or(&Value::Null);
            let p = param(s(f, "name"));
            let key = lit(&format!("\"{}\":", s(f, "name")));
            let put = self.json_fn(sh, 0);
            let boxed = boxed_of(f) || !matches!(s(sh, "type"), "bool" | "count" | "long" | "int");
            let value = if boxed {
                format!("Json.put($sb, {p}, {put});")
            } else {
                format!("Json.number($sb, {p});")
            };
            let value = if !boxed && s(sh, "type") == "bool" {
                format!("$sb.append({p});")
            } else {
                value
            };
            if *always || !boxed {
                let _ = writeln!(
                    wj,
                    "        if (!$first) {{\n            $sb.append(',');\n        }}\n        $first = false;\n        $sb.append({key});\n        {value}"
                );
            } else {
                let _ = writeln!(
                    wj,
                    "        if ({p} != null) {{\n            if (!$first) {{\n                $sb.append(',');\n            }}\n            $first = false;\n            $sb.append({key});\n            {value}\n        }}"
                );
            }
        }
        wj.push_str("        $sb.append('}');\n    }\n\n");
        o.push_str(&wj);
        // equals, hashCode, toString.
        let names: Vec<String> = fields.iter().map(|f| param(s(f, "name"))).collect();
        let eq: Vec<String> = names.iter().map(|n| format!("Objects.equals({n}, $that.{n})")).collect();
        let meta_eq = if is_result { " && sameMeta($that)" } else { "" };
        let _ = writeln!(
            o,
            "    @Override\n    public boolean equals(Object o) {{\n        if (this == o) {{\n            return true;\n        }}\n        if (!(o instanceof {name} $that)) {{\n            return false;\n        }}\n        return {}{meta_eq};\n    }}\n",
            if eq.is_empty() { "true".to_owned() } else { eq.join("\n                && ") }
        );
        let _ = writeln!(
            o,
            "    @Override\n    public int hashCode() {{\n        return Objects.hash({});\n    }}\n",
            names.join(", ")
        );
        let ts: Vec<String> = names.iter().map(|n| format!("\"{n}=\" + {n}")).collect();
        let _ = writeln!(
            o,
            "    @Override\n    public String toString() {{\n        return \"{name}{{\" + {} + \"}}\";\n    }}\n}}",
            if ts.is_empty() {
                "\"\"".to_owned()
            } else {
                ts.join(" + \", \" + ")
            }
        );
        o
    }

    fn rules_file(&self) -> String {
        let mut o = self.header();
        o.push_str("/**\n * The typed methods of {@link Rules}: one per rule of the registry.\n */\nabstract class GeneratedRules {\n");
        let ids: Vec<String> = self.rules.iter().map(|r| format!("{}\\n", s(r, "id"))).collect();
        let _ = writeln!(
            o,
            "    /** The rule ids, one a line, in the registry's order (checked against the native library's). */\n    static final String RULE_IDS = \"{}\";\n",
            ids.join("")
        );
        o.push_str("    GeneratedRules() {}\n\n    abstract <I, O extends RuleResult> O call(int rule, String id, I input, Wire.Enc<I> enc, Codec.Decoder<O> dec) throws ShftuException;\n\n");
        for (i, r) in self.rules.iter().enumerate() {
            let id = s(r, "id");
            let input = r.get("input").unwrap_or(&Value::Null);
            let output = r.get("output").unwrap_or(&Value::Null);
            let (Some(ib), Some(ob)) = (self.obj(input), self.obj(output)) else {
                continue;
            };
            let titles = r.get("title");
            let en = titles.and_then(|t| t.get("en")).and_then(Value::as_str).unwrap_or("");
            let zh = titles.and_then(|t| t.get("zh-CN")).and_then(Value::as_str).unwrap_or("");
            let _ = writeln!(
                o,
                "    /**\n     * <code>{id}</code>{}.\n     *\n     * <p>Implements 沪工总办〔2023〕15号 {}. A business \"no\" is a result (its reasons), never an exception.\n     *\n     * @param input the rule's input ({})\n     * @return the result, with the trace of the decision\n     * @throws ShftuException.InvalidInput when a field is missing, of the wrong type or out of range (its JSON path in\n     *     {{@link ShftuException#getPath()}}, e.g. {{@code input.claims[2].amount}})\n     * @throws ShftuException.LimitExceeded when a list is past its limit\n     * @throws ShftuException.CalendarUnavailable when a date falls in a year the holiday calendar does not hold\n     * @throws ShftuException when the library fails otherwise ({{@link ShftuException.Internal}})\n     */\n    public final {} {}({} input) throws ShftuException {{\n        return call({i}, {}, input, Codec::encode{}, Codec::decode{}Result);\n    }}\n",
                title_part(en, zh),
                doc(s(r, "clause")),
                doc(s(input, "doc")),
                ob.java,
                lower_camel(s(r, "function")),
                ib.java,
                lit(id),
                ib.java,
                ob.java,
            );
        }
        o.push_str("}\n");
        o
    }

    fn codec_file(&self) -> String {
        let mut o = self.header();
        o.push_str("import java.math.BigDecimal;\nimport java.time.LocalDate;\nimport java.time.LocalDateTime;\nimport java.util.List;\nimport java.util.Map;\n\n");
        o.push_str("/** The generated encoders of inputs and decoders of results (internal: not part of the API). */\nfinal class Codec {\n    private Codec() {}\n\n");
        o.push_str("    /** Decodes a rule's result. */\n    @FunctionalInterface\n    interface Decoder<O> {\n        O decode(Wire.Reader r, RuleResult.Meta meta);\n    }\n\n");
        // Limits.
        for (k, v) in &self.limits {
            let _ = writeln!(
                o,
                "    /** The limit {}. */\n    static final long LIMIT_{} = {v}L;",
                doc(&format!("`{k}`")),
                constant(k)
            );
        }
        o.push('\n');
        // Enum tables.
        for e in self.enums.values() {
            let c = constant(&e.java);
            let codes: Vec<String> = e.codes.iter().map(|x| utf8_array(x)).collect();
            let _ = writeln!(
                o,
                "    static final byte[][] {c}_CODES = {{{}}};\n    static final {j}[] {c}_VALUES = {j}.values();\n\n    static void encode{j}(Wire.Writer w, {j} v) {{\n        w.code({c}_CODES, v);\n    }}\n\n    static {j} decode{j}(Wire.Reader r) {{\n        return r.code({c}_CODES, {c}_VALUES);\n    }}\n",
                codes.join(", "),
                j = e.java,
            );
        }
        o.push('\n');
        for ob in &self.objs {
            let fields = arr(&ob.shape, "fields");
            let name = &ob.java;
            let keys: Vec<String> = fields.iter().map(|f| utf8_array(s(f, "name"))).collect();
            let kc = constant(name);
            let _ = writeln!(o, "    private static final byte[][] {kc}_KEYS = {{{}}};\n", keys.join(", "));
            if ob.input {
                let _ = writeln!(o, "    static void encode{name}(Wire.Writer w, {name} v) {{\n        if (v == null) {{\n            w.nul();\n            return;\n        }}\n        w.object({});", fields.len());
                for (j, f) in fields.iter().enumerate() {
                    let sh = f.get("shape").unwrap_or(&Value::Null);
                    let getter = format!("v.get{}()", upper_camel(s(f, "name")));
                    let _ = writeln!(
                        o,
                        "        w.key({kc}_KEYS[{j}]);\n        {}",
                        self.enc_stmt(sh, &getter, self.limit_of(f))
                    );
                }
                o.push_str("    }\n\n");
            }
            if !ob.input || !ob.result_of.is_empty() {
                let boxed_of = |f: &Value| -> bool {
                    let required = f.get("required").and_then(Value::as_bool).unwrap_or(false);
                    let nullable = f.get("nullable").and_then(Value::as_bool).unwrap_or(false);
                    nullable || !required
                };
                let mut body = String::new();
                for f in fields {
                    let sh = f.get("shape").unwrap_or(&Value::Null);
                    let t = self.jtype(sh, boxed_of(f));
                    let init = match t.as_str() {
                        "boolean" => "false",
                        "long" | "int" => "0",
                        _ if s(sh, "type") == "array" => "List.of()",
                        _ if s(sh, "type") == "map" => "Map.of()",
                        _ => "null",
                    };
                    let _ = writeln!(body, "        {t} {} = {init};", param(s(f, "name")));
                }
                body.push_str("        int $n = $r.object();\n        for (int $i = 0; $i < $n; $i++) {\n            switch ($r.field(");
                let _ = writeln!(body, "{kc}_KEYS, $i)) {{");
                for (j, f) in fields.iter().enumerate() {
                    let sh = f.get("shape").unwrap_or(&Value::Null);
                    let _ = writeln!(
                        body,
                        "                case {j} -> {} = {};",
                        param(s(f, "name")),
                        self.dec_expr(sh, boxed_of(f))
                    );
                }
                body.push_str("                default -> $r.skip();\n            }\n        }\n");
                let args: Vec<String> = fields.iter().map(|f| param(s(f, "name"))).collect();
                if !ob.result_of.is_empty() {
                    let _ = writeln!(
                        o,
                        "    static {name} decode{name}Result(Wire.Reader $r, RuleResult.Meta $meta) {{\n{body}        return new {name}($meta{}{});\n    }}\n",
                        if args.is_empty() { "" } else { ", " },
                        args.join(", ")
                    );
                }
                let _ = writeln!(
                    o,
                    "    static {name} decode{name}(Wire.Reader $r) {{\n        if ($r.nullNext()) {{\n            return null;\n        }}\n{body}        return new {name}({});\n    }}\n",
                    args.join(", ")
                );
            }
        }
        o.push_str("}\n");
        o
    }

    fn files(&self) -> Files {
        let mut out: Files = Vec::new();
        out.push(("Lang.java".into(), self.lang_file()));
        for e in self.enums.values() {
            out.push((format!("{}.java", e.java), self.enum_file(e)));
        }
        for ob in &self.objs {
            out.push((format!("{}.java", ob.java), self.obj_file(ob)));
        }
        out.push(("GeneratedRules.java".into(), self.rules_file()));
        out.push(("Codec.java".into(), self.codec_file()));
        out
    }
}

/// `: title (标题)` when the catalogue has titles.
fn title_part(en: &str, zh: &str) -> String {
    match (en.is_empty(), zh.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(": {}", doc(en)),
        (true, false) => format!(": {}", doc(zh)),
        (false, false) => format!(": {} ({})", doc(en), doc(zh)),
    }
}

fn mentions_enum(shape: &Value, kind: &str) -> bool {
    match s(shape, "type") {
        "enum" => s(shape, "kind") == kind,
        "array" => shape.get("items").is_some_and(|x| mentions_enum(x, kind)),
        "map" => shape.get("values").is_some_and(|x| mentions_enum(x, kind)),
        "object" => arr(shape, "fields")
            .iter()
            .any(|f| f.get("shape").is_some_and(|x| mentions_enum(x, kind))),
        _ => false,
    }
}

/// The Java files (name, text) for the registry described by `describe`.
pub fn generate(describe: &Value) -> Result<Files, String> {
    Ok(Gen::new(describe)?.files())
}

/// The Java type names the generator gives: `(rust name or enum kind, java name)`, for the docs and tests.
pub fn names(describe: &Value) -> Result<Vec<(String, String)>, String> {
    let g = Gen::new(describe)?;
    let mut out: Vec<(String, String)> = g.enums.values().map(|e| (e.kind.clone(), e.java.clone())).collect();
    out.extend(g.objs.iter().map(|o| (o.rust.clone(), o.java.clone())));
    Ok(out)
}
