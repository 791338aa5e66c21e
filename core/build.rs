//! Generates the edition tables and the holiday calendar from the data in `spec/`.
//!
//! Every parameter of the plan lives in `spec/editions/<edition>/<family>.toml`, one table per parameter
//! with its kind, value, unit, seed clause and the Chinese words it comes from. This script turns each
//! edition folder into a Rust constant, and derives the parameter structs (with doc comments citing the
//! clause) from the first edition; every other edition must have exactly the same parameters and kinds.
//! The PRC holiday calendar comes from `spec/calendar/cn-holidays.json`.
//!
//! A malformed file stops the build with a message naming the file and the parameter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "build/messages.rs"]
mod messages;

type R<T> = Result<T, String>;

fn main() {
    if let Err(e) = run() {
        println!("cargo::error=spec data: {e}");
        std::process::exit(1);
    }
}

fn run() -> R<()> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").map_err(|e| e.to_string())?);
    let spec = manifest.join("..").join("spec");
    let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|e| e.to_string())?);
    println!("cargo::rerun-if-changed={}", spec.join("editions").display());
    println!("cargo::rerun-if-changed={}", spec.join("calendar").display());

    let editions = read_editions(&spec.join("editions"))?;
    let code = gen_editions(&editions)?;
    std::fs::write(out.join("editions.rs"), code).map_err(|e| e.to_string())?;

    let cal = gen_calendar(&spec.join("calendar").join("cn-holidays.json"))?;
    std::fs::write(out.join("calendar_data.rs"), cal).map_err(|e| e.to_string())?;

    messages::generate(&spec.join("messages"), &out)?;
    Ok(())
}

struct Param {
    name: String,
    kind: String,
    unit: String,
    clause: String,
    zh: String,
    doc: String,
    value: toml::Value,
    /// For `table` parameters: record type name and its columns (name, kind).
    record: Option<(String, Vec<(String, String)>)>,
}

struct Family {
    name: String,
    title: String,
    params: Vec<Param>,
}

struct EditionData {
    name: String,
    families: Vec<Family>,
}

fn read_editions(dir: &Path) -> R<Vec<EditionData>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    names.sort();
    let mut out = Vec::new();
    for d in names {
        let name = file_name(&d)?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(&d)
            .map_err(|e| format!("{}: {e}", d.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut families = Vec::new();
        for f in files {
            println!("cargo::rerun-if-changed={}", f.display());
            families.push(read_family(&f)?);
        }
        out.push(EditionData { name, families });
    }
    if out.is_empty() {
        return Err(format!("no edition folders under {}", dir.display()));
    }
    Ok(out)
}

fn file_name(p: &Path) -> R<String> {
    p.file_stem()
        .and_then(|s| s.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("bad file name {}", p.display()))
}

fn read_family(path: &Path) -> R<Family> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let name = file_name(path)?;
    let mut title = String::new();
    let mut params = Vec::new();
    // Keep the file's order of parameters: toml tables are sorted, so order by first appearance in the text.
    let mut order: Vec<(usize, String)> = Vec::new();
    for (k, v) in &doc {
        match v {
            toml::Value::String(s) if k == "title" => title = s.clone(),
            toml::Value::Table(_) => {
                let pos = text.find(&format!("[{k}]")).unwrap_or(usize::MAX);
                order.push((pos, k.clone()));
            }
            _ => return Err(format!("{}: unexpected top-level key {k}", path.display())),
        }
    }
    order.sort();
    for (_, k) in order {
        let t = doc.get(&k).and_then(|v| v.as_table()).ok_or("internal")?;
        let ctx = format!("{} [{k}]", path.display());
        let s = |f: &str| -> R<String> {
            t.get(f)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
                .ok_or_else(|| format!("{ctx}: missing string field `{f}`"))
        };
        for key in t.keys() {
            if !["kind", "value", "unit", "clause", "zh", "doc", "record", "columns"].contains(&key.as_str()) {
                return Err(format!("{ctx}: unknown field `{key}`"));
            }
        }
        let kind = s("kind")?;
        let record = if kind == "table" {
            let rec = s("record")?;
            let cols = t
                .get("columns")
                .and_then(|v| v.as_array())
                .ok_or_else(|| format!("{ctx}: table needs columns = [[name, kind], ...]"))?
                .iter()
                .map(|c| {
                    let a = c.as_array().ok_or("column must be [name, kind]")?;
                    match (a.first().and_then(|v| v.as_str()), a.get(1).and_then(|v| v.as_str())) {
                        (Some(n), Some(k)) => Ok((n.to_owned(), k.to_owned())),
                        _ => Err("column must be [name, kind]".to_owned()),
                    }
                })
                .collect::<R<Vec<_>>>()
                .map_err(|e| format!("{ctx}: {e}"))?;
            Some((rec, cols))
        } else {
            None
        };
        params.push(Param {
            name: k.clone(),
            kind,
            unit: s("unit")?,
            clause: s("clause")?,
            zh: s("zh")?,
            doc: t.get("doc").and_then(|v| v.as_str()).unwrap_or("").to_owned(),
            value: t.get("value").cloned().ok_or_else(|| format!("{ctx}: missing `value`"))?,
            record,
        });
    }
    Ok(Family { name, title, params })
}

fn camel(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn rust_type(kind: &str, p: Option<&Param>) -> R<String> {
    Ok(match kind {
        "money" => "crate::Money".into(),
        "decimal" => "rust_decimal::Decimal".into(),
        "int" => "u32".into(),
        "bool" => "bool".into(),
        "date" => "chrono::NaiveDate".into(),
        "datetime" => "chrono::NaiveDateTime".into(),
        "period" => "crate::period::Period".into(),
        "text" => "&'static str".into(),
        "text_list" => "&'static [&'static str]".into(),
        "int_list" => "&'static [u32]".into(),
        "date_range" => "crate::DateRange".into(),
        "tiered_money" => "crate::Tiered<Option<crate::Money>>".into(),
        "tiered_int" => "crate::Tiered<Option<u32>>".into(),
        "table" => {
            let (rec, _) = p.and_then(|p| p.record.as_ref()).ok_or("table without record")?;
            format!("&'static [{rec}]")
        }
        other => return Err(format!("unknown kind `{other}`")),
    })
}

fn lit(kind: &str, v: &toml::Value, p: Option<&Param>) -> R<String> {
    let err = || format!("value {v:?} is not a valid `{kind}`");
    Ok(match kind {
        "money" => {
            let s = v.as_str().ok_or_else(err)?;
            format!("crate::Money::from_fen({})", fen(s).ok_or_else(err)?)
        }
        "decimal" => {
            let s = v.as_str().ok_or_else(err)?;
            let (m, sc) = decimal(s).ok_or_else(err)?;
            format!("crate::params::dec({m}, {sc})")
        }
        "int" => {
            let i = v.as_integer().ok_or_else(err)?;
            u32::try_from(i).map_err(|_| err())?.to_string()
        }
        "bool" => v.as_bool().ok_or_else(err)?.to_string(),
        "date" => {
            let (y, m, d) = date(v.as_str().ok_or_else(err)?).ok_or_else(err)?;
            format!("crate::params::ymd({y}, {m}, {d})")
        }
        "datetime" => {
            let s = v.as_str().ok_or_else(err)?;
            let (ds, ts) = s.split_once('T').ok_or_else(err)?;
            let (y, m, d) = date(ds).ok_or_else(err)?;
            let (h, mi) = ts.split_once(':').ok_or_else(err)?;
            let h: u32 = h.parse().map_err(|_| err())?;
            let mi: u32 = mi.parse().map_err(|_| err())?;
            if h > 23 || mi > 59 {
                return Err(err());
            }
            format!("crate::params::ymd_hm({y}, {m}, {d}, {h}, {mi})")
        }
        "period" => {
            let s = v.as_str().ok_or_else(err)?;
            let body = s.strip_prefix('P').ok_or_else(err)?;
            let (n, unit) = body.split_at(body.len().saturating_sub(1));
            let n: u32 = n.parse().map_err(|_| err())?;
            let variant = match unit {
                "Y" => "Years",
                "M" => "Months",
                "D" => "Days",
                _ => return Err(err()),
            };
            format!("crate::period::Period::{variant}({n})")
        }
        "text" => format!("{:?}", v.as_str().ok_or_else(err)?),
        "text_list" => {
            let a = v.as_array().ok_or_else(err)?;
            let items: R<Vec<String>> = a.iter().map(|x| lit("text", x, None)).collect();
            format!("&[{}]", items?.join(", "))
        }
        "int_list" => {
            let a = v.as_array().ok_or_else(err)?;
            let items: R<Vec<String>> = a.iter().map(|x| lit("int", x, None)).collect();
            format!("&[{}]", items?.join(", "))
        }
        "date_range" => {
            let a = v.as_array().ok_or_else(err)?;
            let (Some(f), Some(l), 2) = (a.first(), a.get(1), a.len()) else {
                return Err(err());
            };
            let (fs, ls) = (f.as_str().ok_or_else(err)?, l.as_str().ok_or_else(err)?);
            if fs > ls {
                return Err(format!("{}: first after last", err()));
            }
            format!(
                "crate::DateRange {{ first: {}, last: {} }}",
                lit("date", f, None)?,
                lit("date", l, None)?
            )
        }
        "tiered_money" | "tiered_int" => {
            let t = v.as_table().ok_or_else(err)?;
            let inner = if kind == "tiered_money" { "money" } else { "int" };
            for k in t.keys() {
                if !["C", "D", "E"].contains(&k.as_str()) {
                    return Err(format!("{}: tier `{k}`", err()));
                }
            }
            let one = |k: &str| -> R<String> {
                Ok(match t.get(k) {
                    Some(x) => format!("Some({})", lit(inner, x, None)?),
                    None => "None".into(),
                })
            };
            format!("crate::Tiered {{ c: {}, d: {}, e: {} }}", one("C")?, one("D")?, one("E")?)
        }
        "table" => {
            let (rec, cols) = p.and_then(|p| p.record.as_ref()).ok_or("table without record")?;
            let rows = v.as_array().ok_or_else(err)?;
            let mut s = String::from("&[\n");
            for (i, row) in rows.iter().enumerate() {
                let t = row.as_table().ok_or_else(|| format!("row {i} is not a table"))?;
                for k in t.keys() {
                    if !cols.iter().any(|(c, _)| c == k) {
                        return Err(format!("row {i}: unknown column `{k}`"));
                    }
                }
                let mut fields = Vec::new();
                for (c, ck) in cols {
                    let cv = t.get(c).ok_or_else(|| format!("row {i}: missing column `{c}`"))?;
                    fields.push(format!("{c}: {}", lit(ck, cv, None).map_err(|e| format!("row {i}: {e}"))?));
                }
                let _ = writeln!(s, "            {rec} {{ {} }},", fields.join(", "));
            }
            s.push_str("        ]");
            s
        }
        other => return Err(format!("unknown kind `{other}`")),
    })
}

/// "72.00" or "72" -> 7200 fen; at most two decimals, no sign.
fn fen(s: &str) -> Option<i64> {
    let (m, sc) = decimal(s)?;
    match sc {
        0 => m.checked_mul(100),
        1 => m.checked_mul(10),
        2 => Some(m),
        _ => None,
    }
}

fn decimal(s: &str) -> Option<(i64, u32)> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if s.contains('.') && frac.is_empty() {
        return None;
    }
    let m: i64 = format!("{int}{frac}").parse().ok()?;
    Some((m, u32::try_from(frac.len()).ok()?))
}

fn date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i32, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (d >= 1 && d <= dim).then_some((y, m, d))
}

fn doc_line(s: &str) -> String {
    s.replace('\n', " ")
}

fn gen_editions(eds: &[EditionData]) -> R<String> {
    let reference = eds.first().ok_or("no editions")?;
    let mut s = String::from("// @generated by core/build.rs from spec/editions. Do not edit.\n\n");
    // Parameter structs, from the reference edition.
    let mut records: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for fam in &reference.families {
        let st = format!("{}Params", camel(&fam.name));
        let _ = writeln!(
            s,
            "/// Parameters of {} (`spec/editions/<edition>/{}.toml`).",
            doc_line(&fam.title),
            fam.name
        );
        let _ = writeln!(s, "#[derive(Debug, Clone, PartialEq, serde::Serialize)]\npub struct {st} {{");
        for p in &fam.params {
            let _ = writeln!(s, "    /// {} — {}", doc_line(&p.clause), doc_line(&p.zh));
            if !p.doc.is_empty() {
                let _ = writeln!(s, "    ///\n    /// {}", doc_line(&p.doc));
            }
            let _ = writeln!(s, "    ///\n    /// Unit: {}. Id `{}.{}`.", doc_line(&p.unit), fam.name, p.name);
            let _ = writeln!(s, "    pub {}: {},", p.name, rust_type(&p.kind, Some(p))?);
            if let Some((rec, cols)) = &p.record {
                if let Some(prev) = records.get(rec) {
                    if prev != cols {
                        return Err(format!("record {rec} declared twice with different columns"));
                    }
                }
                records.insert(rec.clone(), cols.clone());
            }
        }
        s.push_str("}\n\n");
    }
    for (rec, cols) in &records {
        let _ = writeln!(
            s,
            "/// One row of a parameter table.\n#[derive(Debug, Clone, PartialEq, serde::Serialize, crate::Described)]\npub struct {rec} {{"
        );
        for (c, k) in cols {
            let _ = writeln!(
                s,
                "    #[allow(missing_docs, reason = \"the columns are documented by the table's doc\")]\n    pub {c}: {},",
                rust_type(k, None)?
            );
        }
        s.push_str("}\n\n");
    }
    s.push_str("/// One edition of the plan: every amount, ratio, cap, date and window, by rule family.\n");
    s.push_str("#[derive(Debug, Clone, PartialEq, serde::Serialize)]\npub struct Edition {\n    /// The edition's name, as requests select it (`\"2023\"`).\n    pub name: &'static str,\n");
    for fam in &reference.families {
        let _ = writeln!(
            s,
            "    /// {}\n    pub {}: {}Params,",
            doc_line(&fam.title),
            fam.name,
            camel(&fam.name)
        );
    }
    s.push_str("}\n\n");

    // Values of every edition, checked against the reference's shape.
    let _ = writeln!(
        s,
        "/// Every edition built into the library, oldest first.\npub static EDITIONS: &[Edition] = &["
    );
    let mut meta =
        String::from("/// Every parameter of every built-in edition, with its citation.\npub static PARAMETERS: &[ParameterInfo] = &[\n");
    for ed in eds {
        let _ = writeln!(s, "    Edition {{\n        name: {:?},", ed.name);
        if ed.families.len() != reference.families.len() {
            return Err(format!(
                "edition {} has a different set of families from {}",
                ed.name, reference.name
            ));
        }
        for (fam, rfam) in ed.families.iter().zip(&reference.families) {
            if fam.name != rfam.name || fam.params.len() != rfam.params.len() {
                return Err(format!(
                    "edition {} family {} differs in shape from edition {}",
                    ed.name, fam.name, reference.name
                ));
            }
            let _ = writeln!(s, "        {}: {}Params {{", fam.name, camel(&fam.name));
            for (p, rp) in fam.params.iter().zip(&rfam.params) {
                if p.name != rp.name || p.kind != rp.kind || p.record != rp.record {
                    return Err(format!(
                        "edition {} parameter {}.{} differs from edition {}",
                        ed.name, fam.name, p.name, reference.name
                    ));
                }
                let v = lit(&p.kind, &p.value, Some(p)).map_err(|e| format!("{}/{}.{}: {e}", ed.name, fam.name, p.name))?;
                let _ = writeln!(s, "            {}: {v},", p.name);
                let _ = writeln!(
                    meta,
                    "    ParameterInfo {{ edition: {:?}, id: {:?}, kind: {:?}, unit: {:?}, clause: {:?}, zh: {:?} }},",
                    ed.name,
                    format!("{}.{}", fam.name, p.name),
                    p.kind,
                    p.unit,
                    p.clause,
                    p.zh
                );
            }
            s.push_str("        },\n");
        }
        s.push_str("    },\n");
    }
    s.push_str("];\n\n");
    meta.push_str("];\n");
    s.push_str(&meta);

    // Parameter ids: one constant per parameter, and its value in any edition as JSON.
    let mut ids = Vec::new();
    for fam in &reference.families {
        for p in &fam.params {
            ids.push((fam.name.clone(), p.name.clone()));
        }
    }
    s.push_str("\npub(crate) static PARAM_IDS: &[&str] = &[\n");
    for (f, n) in &ids {
        let _ = writeln!(s, "    \"{f}.{n}\",");
    }
    s.push_str("];\n\n/// The value of parameter `i` of `ed`, as JSON.\npub(crate) fn param_value(ed: &Edition, i: u16) -> serde_json::Value {\n    let v = match i {\n");
    for (i, (f, n)) in ids.iter().enumerate() {
        let _ = writeln!(s, "        {i} => serde_json::to_value(ed.{f}.{n}),");
    }
    s.push_str("        _ => Ok(serde_json::Value::Null),\n    };\n    v.unwrap_or(serde_json::Value::Null)\n}\n\n");
    s.push_str("/// One constant per parameter of the plan, by family: `p::mutual_aid::E_PREMIUM_FULL` is\n/// `mutual_aid.e_premium_full`. A trace step lists the ones it read.\npub mod p {\n");
    for fam in &reference.families {
        let _ = writeln!(
            s,
            "    /// The parameters of `spec/editions/<edition>/{}.toml`.\n    pub mod {} {{\n        use crate::params::Param;",
            fam.name, fam.name
        );
        for p in &fam.params {
            let i = ids.iter().position(|(f, n)| *f == fam.name && *n == p.name).ok_or("internal")?;
            let _ = writeln!(
                s,
                "        /// `{}.{}` — {}\n        pub const {}: Param = Param({i});",
                fam.name,
                p.name,
                doc_line(&p.clause),
                p.name.to_uppercase()
            );
        }
        s.push_str("    }\n");
    }
    s.push_str("}\n");
    Ok(s)
}

fn gen_calendar(path: &Path) -> R<String> {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let obj = v.as_object().ok_or("calendar must be an object of years")?;
    let mut s = String::from("// @generated by core/build.rs from spec/calendar/cn-holidays.json. Do not edit.\n\n");
    s.push_str(
        "/// The State Council holiday notices built into the library, by year.\npub(crate) static BUILTIN_YEARS: &[YearNotice] = &[\n",
    );
    for (year, y) in obj {
        let yr: i32 = year.parse().map_err(|_| format!("bad year key {year}"))?;
        let notice = y.get("notice").and_then(|n| n.as_str()).ok_or_else(|| format!("{year}: notice"))?;
        let list = |k: &str| -> R<String> {
            let mut ds: Vec<(i32, u32, u32)> = y
                .get(k)
                .and_then(|a| a.as_array())
                .ok_or_else(|| format!("{year}: {k}"))?
                .iter()
                .map(|d| d.as_str().and_then(date).ok_or_else(|| format!("{year}: bad date in {k}")))
                .collect::<R<_>>()?;
            ds.sort();
            ds.dedup();
            Ok(ds
                .iter()
                .map(|(y, m, d)| format!("crate::params::ymd({y}, {m}, {d})"))
                .collect::<Vec<_>>()
                .join(", "))
        };
        let _ = writeln!(
            s,
            "    YearNotice {{ year: {yr}, notice: alloc::borrow::Cow::Borrowed({notice:?}), rest_days: alloc::borrow::Cow::Borrowed(&[{}]), makeup_working_days: alloc::borrow::Cow::Borrowed(&[{}]) }},",
            list("rest_days")?,
            list("makeup_working_days")?
        );
    }
    s.push_str("];\n");
    Ok(s)
}
