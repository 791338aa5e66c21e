//! Compiles the message catalogue `spec/messages/<family>.toml` into tables and one constructor per message.
//!
//! A family file holds, each text in every language side by side:
//! * `[rule."<rule id>"]` — the rule's title (`en`, `zh-CN`);
//! * `[msg.<name>]` — a message `<family>.<name>`: `args = [...]` (the constructor's parameters, in order),
//!   `en`, `zh-CN`; `{arg}` marks an argument, `{arg:sep}` a list joined by `sep`, `{{` and `}}` a brace;
//! * `[label.<kind>]` — the codes of a closed set `<family>.<kind>`: `code = { zh-CN = "…", en = "…"?,
//!   aliases = [...]? }` (the English label defaults to the code itself; aliases are other names a request
//!   may use for the code);
//! * `[clause]` — clauses the catalogue words itself in Chinese: `"all programmes" = "全部项目"`.
//!
//! The build stops on a message without both languages, a text naming an undeclared argument, a
//! duplicate alias, or an unknown key.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

type R<T> = Result<T, String>;

struct Message {
    id: String,
    args: Vec<String>,
    texts: [Vec<Seg>; 2],
}

enum Seg {
    Lit(String),
    Arg(usize, String),
}

fn parse_template(t: &str, args: &[String], ctx: &str) -> R<Vec<Seg>> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(ch) => inner.push(ch),
                        None => return Err(format!("{ctx}: unclosed {{ in {t:?}")),
                    }
                }
                let (name, sep) = match inner.split_once(':') {
                    Some((n, s)) => (n.to_owned(), s.to_owned()),
                    None => (inner.clone(), String::new()),
                };
                let i = args
                    .iter()
                    .position(|a| *a == name)
                    .ok_or_else(|| format!("{ctx}: the text names {{{name}}}, which is not among its args {args:?}"))?;
                if !lit.is_empty() {
                    out.push(Seg::Lit(std::mem::take(&mut lit)));
                }
                out.push(Seg::Arg(i, sep));
            }
            '}' => return Err(format!("{ctx}: a lone }} in {t:?} (write }}}} for a brace)")),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Seg::Lit(lit));
    }
    Ok(out)
}

/// A rule's declaration in the registry (the keys of `[rule."<id>"]` besides its titles).
struct RuleDecl {
    id: String,
    family: String,
    clause: String,
    function: String,
    input: String,
    output: String,
    calendar: bool,
    edition: bool,
    batch: bool,
    order: i64,
    file_index: usize,
    position: usize,
}

struct Catalogue {
    decls: Vec<RuleDecl>,
    messages: Vec<Message>,
    /// (kind, code) -> (en, zh, aliases)
    labels: BTreeMap<(String, String), (String, String, Vec<String>)>,
    /// (kind, code) -> what the code means, in English (a reason's meaning, for the generated reference)
    label_docs: BTreeMap<(String, String), String>,
    /// label codes in file order, for the alias listing order
    label_order: Vec<(String, String)>,
    rules: Vec<(String, String, String)>,
    clauses: Vec<(String, String)>,
    families: Vec<String>,
}

fn texts(t: &toml::Table, ctx: &str) -> R<[String; 2]> {
    let get = |l: &str| -> R<String> {
        t.get(l)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .ok_or_else(|| format!("{ctx}: no `{l}` text"))
    };
    Ok([get("en")?, get("zh-CN")?])
}

fn read_catalogue(dir: &Path) -> R<Catalogue> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut cat = Catalogue {
        decls: Vec::new(),
        messages: Vec::new(),
        labels: BTreeMap::new(),
        label_docs: BTreeMap::new(),
        label_order: Vec::new(),
        rules: Vec::new(),
        clauses: Vec::new(),
        families: Vec::new(),
    };
    for (file_index, f) in files.into_iter().enumerate() {
        println!("cargo::rerun-if-changed={}", f.display());
        let family = f
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("bad file name {}", f.display()))?
            .to_owned();
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let doc: toml::Table = text.parse().map_err(|e| format!("{}: {e}", f.display()))?;
        cat.families.push(family.clone());
        for (section, v) in &doc {
            let t = v
                .as_table()
                .ok_or_else(|| format!("{}: `{section}` must be a table", f.display()))?;
            match section.as_str() {
                "rule" => {
                    for (id, rv) in t {
                        let ctx = format!("{} rule.{id}", f.display());
                        let rt = rv.as_table().ok_or_else(|| format!("{ctx}: a table"))?;
                        for k in rt.keys() {
                            if ![
                                "en", "zh-CN", "clause", "function", "input", "output", "calendar", "edition", "batch", "order",
                            ]
                            .contains(&k.as_str())
                            {
                                return Err(format!("{ctx}: unknown key `{k}`"));
                            }
                        }
                        let [en, zh] = texts(rt, &ctx)?;
                        cat.rules.push((id.clone(), en, zh));
                        let st = |k: &str| -> R<String> {
                            rt.get(k)
                                .and_then(|v| v.as_str())
                                .map(str::to_owned)
                                .ok_or_else(|| format!("{ctx}: no `{k}` (the registry needs clause, input, output)"))
                        };
                        let flag = |k: &str, default: bool| rt.get(k).and_then(|v| v.as_bool()).unwrap_or(default);
                        let clause = st("clause")?;
                        let order = match rt.get("order").and_then(|v| v.as_integer()) {
                            Some(o) => o,
                            None => clause
                                .split('§')
                                .nth(1)
                                .and_then(|x| x.chars().take_while(char::is_ascii_digit).collect::<String>().parse::<i64>().ok())
                                .map_or(1000, |n| n * 100),
                        };
                        let local = id.split_once('.').map_or(id.as_str(), |(_, l)| l).to_owned();
                        cat.decls.push(RuleDecl {
                            id: id.clone(),
                            family: family.clone(),
                            clause,
                            function: rt.get("function").and_then(|v| v.as_str()).map_or(local, str::to_owned),
                            input: st("input")?,
                            output: st("output")?,
                            calendar: flag("calendar", false),
                            edition: flag("edition", true),
                            batch: flag("batch", false),
                            order,
                            file_index,
                            position: text.find(&format!("[rule.\"{id}\"]")).unwrap_or(usize::MAX),
                        });
                    }
                }
                "msg" => {
                    // Keep the file's order (toml tables are sorted): order by first appearance.
                    let mut names: Vec<(usize, &String)> = t
                        .keys()
                        .map(|k| (text.find(&format!("[msg.{k}]")).unwrap_or(usize::MAX), k))
                        .collect();
                    names.sort();
                    for (_, name) in names {
                        let ctx = format!("{} msg.{name}", f.display());
                        let mt = t.get(name).and_then(|v| v.as_table()).ok_or_else(|| format!("{ctx}: a table"))?;
                        for k in mt.keys() {
                            if !["args", "en", "zh-CN", "doc"].contains(&k.as_str()) {
                                return Err(format!("{ctx}: unknown key `{k}`"));
                            }
                        }
                        let args: Vec<String> = match mt.get("args") {
                            None => Vec::new(),
                            Some(a) => a
                                .as_array()
                                .ok_or_else(|| format!("{ctx}: args must be a list"))?
                                .iter()
                                .map(|x| x.as_str().map(str::to_owned).ok_or_else(|| format!("{ctx}: args are names")))
                                .collect::<R<_>>()?,
                        };
                        let [en, zh] = texts(mt, &ctx)?;
                        let texts = [
                            parse_template(&en, &args, &format!("{ctx} en"))?,
                            parse_template(&zh, &args, &format!("{ctx} zh-CN"))?,
                        ];
                        cat.messages.push(Message {
                            id: format!("{family}.{name}"),
                            args,
                            texts,
                        });
                    }
                }
                "label" => {
                    for (kind, kv) in t {
                        let kt = kv.as_table().ok_or_else(|| format!("{}: label.{kind}", f.display()))?;
                        let full_kind = format!("{family}.{kind}");
                        // The file's order of codes, searched from the table's header on (two tables of one
                        // file may share a code).
                        let from = text
                            .find(&format!("[label.{kind}]"))
                            .or_else(|| text.find(&format!("[label.\"{kind}\"]")))
                            .unwrap_or(0);
                        let rest = text.get(from..).unwrap_or("");
                        let mut codes: Vec<(usize, &String)> = kt
                            .keys()
                            .map(|k| {
                                let pat1 = format!("\n{k} =");
                                let pat2 = format!("\n\"{k}\" =");
                                (rest.find(&pat1).or_else(|| rest.find(&pat2)).unwrap_or(usize::MAX), k)
                            })
                            .collect();
                        codes.sort();
                        for (_, code) in codes {
                            let ctx = format!("{} label.{kind}.{code}", f.display());
                            let ct = kt.get(code).and_then(|v| v.as_table()).ok_or_else(|| format!("{ctx}: a table"))?;
                            for k in ct.keys() {
                                if !["en", "zh-CN", "aliases", "doc"].contains(&k.as_str()) {
                                    return Err(format!("{ctx}: unknown key `{k}`"));
                                }
                            }
                            let zh = ct
                                .get("zh-CN")
                                .and_then(|v| v.as_str())
                                .ok_or_else(|| format!("{ctx}: no zh-CN text"))?
                                .to_owned();
                            let en = ct.get("en").and_then(|v| v.as_str()).unwrap_or("").to_owned();
                            let aliases: Vec<String> = match ct.get("aliases") {
                                None => Vec::new(),
                                Some(a) => a
                                    .as_array()
                                    .ok_or_else(|| format!("{ctx}: aliases must be a list"))?
                                    .iter()
                                    .map(|x| x.as_str().map(str::to_owned).ok_or_else(|| format!("{ctx}: aliases are strings")))
                                    .collect::<R<_>>()?,
                            };
                            let key = (full_kind.clone(), code.clone());
                            if cat.labels.contains_key(&key) {
                                return Err(format!("{ctx}: declared twice"));
                            }
                            cat.label_order.push(key.clone());
                            if let Some(doc) = ct.get("doc").and_then(|v| v.as_str()) {
                                cat.label_docs.insert(key.clone(), doc.to_owned());
                            }
                            cat.labels.insert(key, (en, zh, aliases));
                        }
                    }
                }
                "clause" => {
                    for (en, zh) in t {
                        let zh = zh.as_str().ok_or_else(|| format!("{}: clause.{en}", f.display()))?;
                        cat.clauses.push((en.clone(), zh.to_owned()));
                    }
                }
                other => return Err(format!("{}: unknown section `{other}`", f.display())),
            }
        }
    }
    Ok(cat)
}

fn ident(s: &str) -> String {
    let s: String = s.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    match s.as_str() {
        "type" | "match" | "move" | "ref" | "fn" | "mod" | "use" | "loop" | "for" | "in" | "if" | "else" | "self" | "super" | "crate"
        | "as" | "where" | "box" | "dyn" | "impl" | "trait" | "struct" | "enum" | "const" | "static" | "return" | "break" | "continue"
        | "let" | "mut" | "pub" | "true" | "false" | "async" | "await" | "unsafe" | "extern" => {
            format!("r#{s}")
        }
        _ => s,
    }
}

pub fn generate(dir: &Path, out: &Path) -> R<()> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let cat = read_catalogue(dir)?;
    let mut s = String::from("// @generated by core/build.rs from spec/messages. Do not edit.\n\n");
    let mut seen = std::collections::HashSet::new();
    for m in &cat.messages {
        if !seen.insert(m.id.clone()) {
            return Err(format!("message {} declared twice", m.id));
        }
    }
    if cat.messages.len() > usize::from(u16::MAX) {
        return Err("too many messages".into());
    }
    let _ = writeln!(s, "pub(crate) static MSG_IDS: &[&str] = &[");
    for m in &cat.messages {
        let _ = writeln!(s, "    {:?},", m.id);
    }
    s.push_str("];\n\npub(crate) static MSG_ARGS: &[&[&str]] = &[\n");
    for m in &cat.messages {
        let _ = writeln!(s, "    &{:?},", m.args);
    }
    s.push_str("];\n\npub(crate) static MSG_TEXT: &[[&[Seg]; 2]] = &[\n");
    for m in &cat.messages {
        s.push_str("    [");
        for segs in &m.texts {
            s.push_str("&[");
            for seg in segs {
                match seg {
                    Seg::Lit(t) => {
                        let _ = write!(s, "Seg::Lit({t:?}), ");
                    }
                    Seg::Arg(i, sep) => {
                        let _ = write!(s, "Seg::Arg({i}, {sep:?}), ");
                    }
                }
            }
            s.push_str("], ");
        }
        s.push_str("],\n");
    }
    s.push_str("];\n\n");
    // Labels sorted by (kind, code) for binary search.
    s.push_str("pub(crate) static LABELS: &[(&str, &str, &str, &str)] = &[\n");
    for ((k, c), (en, zh, _)) in &cat.labels {
        let _ = writeln!(s, "    ({k:?}, {c:?}, {en:?}, {zh:?}),");
    }
    s.push_str("];\n\n");
    s.push_str("pub(crate) static LABEL_DOCS: &[(&str, &str, &str)] = &[\n");
    for ((k, c), d) in &cat.label_docs {
        let _ = writeln!(s, "    ({k:?}, {c:?}, {d:?}),");
    }
    s.push_str("];\n\n");
    // The kinds that name some code in English (most show their codes as they are): checked before a search.
    let mut en_kinds: Vec<&String> = cat
        .labels
        .iter()
        .filter(|(_, (en, _, _))| !en.is_empty())
        .map(|((k, _), _)| k)
        .collect();
    en_kinds.dedup();
    s.push_str("pub(crate) static EN_LABEL_KINDS: &[&str] = &[\n");
    for k in en_kinds {
        let _ = writeln!(s, "    {k:?},");
    }
    s.push_str("];\n\n");
    let mut aliases: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut alias_order = Vec::new();
    for key in &cat.label_order {
        let (kind, code) = key;
        let Some((_, _, al)) = cat.labels.get(key) else { continue };
        for a in al {
            if let Some(prev) = aliases.insert((kind.clone(), a.clone()), code.clone()) {
                return Err(format!("alias {a:?} of {kind} names both {prev} and {code}"));
            }
            if cat.labels.contains_key(&(kind.clone(), a.clone())) && a != code {
                return Err(format!("alias {a:?} of {kind} is also a code"));
            }
            alias_order.push((kind.clone(), a.clone(), code.clone()));
        }
    }
    s.push_str("pub(crate) static ALIASES: &[(&str, &str, &str)] = &[\n");
    for ((k, a), c) in &aliases {
        let _ = writeln!(s, "    ({k:?}, {a:?}, {c:?}),");
    }
    s.push_str("];\n\npub(crate) static ALIAS_ORDER: &[(&str, &str, &str)] = &[\n");
    for (k, a, c) in &alias_order {
        let _ = writeln!(s, "    ({k:?}, {a:?}, {c:?}),");
    }
    s.push_str("];\n\npub(crate) static RULE_TITLES: &[(&str, &str, &str)] = &[\n");
    for (id, en, zh) in &cat.rules {
        let _ = writeln!(s, "    ({id:?}, {en:?}, {zh:?}),");
    }
    s.push_str("];\n\npub(crate) static CLAUSES: &[(&str, &str)] = &[\n");
    for (en, zh) in &cat.clauses {
        let _ = writeln!(s, "    ({en:?}, {zh:?}),");
    }
    s.push_str("];\n\n");
    // Constructors, one module per family.
    s.push_str("/// One constructor per message of the catalogue, by family (`m::checkup::quote_total(…)`).\npub mod m {\n");
    for fam in &cat.families {
        let _ = writeln!(
            s,
            "    /// The messages of `spec/messages/{fam}.toml`.\n    #[allow(clippy::too_many_arguments, reason = \"one parameter per argument of the message\")]\n    pub mod {} {{\n        #[allow(unused_imports, reason = \"a family may have no messages\")]\n        use crate::msg::{{Arg, Msg, MsgId}};",
            ident(fam)
        );
        for (i, m) in cat.messages.iter().enumerate() {
            let Some(name) = m.id.strip_prefix(&format!("{fam}.")) else {
                continue;
            };
            let en = m.texts.first().map(|segs| {
                segs.iter()
                    .map(|seg| match seg {
                        Seg::Lit(t) => t.clone(),
                        Seg::Arg(j, _) => format!("{{{}}}", m.args.get(*j).cloned().unwrap_or_default()),
                    })
                    .collect::<String>()
            });
            let params: Vec<String> = m.args.iter().map(|a| format!("{}: impl Into<Arg>", ident(a))).collect();
            let vals: Vec<String> = m.args.iter().map(|a| format!("{}.into()", ident(a))).collect();
            let _ = writeln!(
                s,
                "        /// `{}`: {}\n        pub fn {}({}) -> Msg {{\n            Msg::new(MsgId({i}), alloc::vec![{}])\n        }}",
                m.id,
                en.unwrap_or_default().replace('\n', " "),
                ident(name),
                params.join(", "),
                vals.join(", ")
            );
        }
        s.push_str("    }\n");
    }
    s.push_str("}\n");
    std::fs::write(out.join("messages.rs"), s).map_err(|e| e.to_string())?;
    std::fs::write(out.join("registry_table.rs"), registry_table(cat.decls)?).map_err(|e| e.to_string())
}

fn camel(id: &str) -> String {
    id.split(['.', '_'])
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// The `registry!` invocation: one line per rule, in the plan's order (the programme of the rule's first
/// clause `§N`, unless `order` says otherwise; then the order of the files and of the rules in them).
fn registry_table(mut decls: Vec<RuleDecl>) -> R<String> {
    decls.sort_by_key(|d| (d.order, d.file_index, d.position));
    let mut seen = std::collections::HashSet::new();
    let mut s =
        String::from("// @generated by core/build.rs from the `[rule.\"<id>\"]` entries of spec/messages. Do not edit.\n\nregistry! {\n");
    for d in &decls {
        if !seen.insert(d.id.clone()) {
            return Err(format!("rule {} declared twice", d.id));
        }
        let args = match (d.edition, d.calendar) {
            (true, true) => "cx.edition, cx.calendar, i, t",
            (true, false) => "cx.edition, i, t",
            (false, true) => "cx.calendar, i, t",
            (false, false) => "i, t",
        };
        let _ = writeln!(
            s,
            "    /// `{}` ({}).\n    {} = {:?}, {}, {:?}, batch: {},\n        crate::{fam}::{} => crate::{fam}::{}, |cx, i, t| crate::{fam}::{}({args});",
            d.id,
            d.clause,
            camel(&d.id),
            d.id,
            d.family,
            d.clause,
            d.batch,
            d.input,
            d.output,
            d.function,
            fam = d.family
        );
    }
    s.push_str("}\n");
    Ok(s)
}
