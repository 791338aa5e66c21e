//! `spec/plan/2023.md`: the plan (沪工总办〔2023〕15号) in its own words, clause by clause, each sentence annotated with
//! the rules, parameters and readings that implement it, or why no rule computes it — and `spec/catalogue.csv`,
//! generated from it.
//!
//! The format (the file's own introduction says the same for its readers):
//! - `### <clause> — <title>`: a clause heading; `<clause>` is the clause id the library cites (`§5 一(七)3`,
//!   `§6 附件 评价标准`, `附件 1 第6项`, `文件头`); the title after ` — ` is free.
//! - `> text`: one sentence (or one table row, cells separated by ` | `) of the plan, quoted; consecutive quoted lines
//!   form one item.
//! - after an item, its annotations, one per line: `- rule: <ids>`, `- param: <ids>`, `- reading: <ids>`,
//!   `- test: <test functions>` (ids separated by `,`), `- none: <why no rule computes it>`, `- note: <remark>`.
//! - anything else is commentary.
//!
//! The checks ([`the_plan_is_annotated_clause_by_clause`]) fail when
//! (a) an item has a sentence carrying a number, a date, a ratio, a count or a deadline, and no `rule`, `param` or
//!     `none` annotation;
//! (b) an annotation names a rule not in [`shftu_rules::RULES`], a parameter not in [`shftu_rules::PARAMETERS`], a
//!     reading that is not a heading id of `spec/readings.md`, or a test no file of `core/tests/` defines;
//! (c) a rule's or parameter's cited clause (`RuleInfo.clause`, `ParameterInfo.clause`) does not cover the clause it
//!     is annotated under, or a clause it cites has no heading where it is annotated;
//! (d) a rule of the registry or a parameter of the edition is annotated nowhere;
//! and when an item names a rule without a test, or a parameter without the rule that applies it there (or `none`).
//! [`the_clauses_of_table_rows_are_clauses_of_the_plan`] holds the rows of the edition's tables that carry their own
//! clause (`deadlines.items`, `programmes.targets`, …) to the same: within their parameter's citation, and a clause
//! where the parameter is annotated.
//!
//! Clause matching: a citation is a list of clauses separated by `,` or `;`; a clause without its own programme
//! (`一(三)`, `附表 …`) is of the programme of the one before; `附件 2-N-k` is of §N, `附件 1` is the list, `附件 2`
//! every programme; a part that starts with a Latin letter (`JR/T 0083—2013`) is a reference outside the plan and
//! is skipped; `…个工作日内 (§5 二(三), §7 三(三))` cites what is in its parentheses. Ranges expand: `一(三)–(五)` is
//! `一(三)`, `一(四)`, `一(五)`; `一(二)–(三)1` is `一(二)`, `一(三)1`. A clause covers a heading when it is the heading or
//! one of its ancestors (`§5 一(四)` covers `§5 一(四)1(1)`); a clause inside a table or an attachment covers the
//! heading of that table (`§5 一(二) 表 住院` is a row of `§5 一(二) 表`, `§6 附件 评价标准 1` of `§6 附件 评价标准`).
//!
//! [`the_catalogue_is_generated_from_the_plan`] writes `spec/catalogue.csv` with `SHFTU_BLESS=1` and otherwise fails
//! when it is not what the plan gives: one row for each quoted sentence that carries a figure (or, for an annotated
//! item without one, one row for the item), with its clause, its words, its rules, parameters and tests, a status
//! (`rule`; `reference` when every rule is a `reference.*` table; `not_a_rule` without a rule) and a note (the
//! `none` and `note` lines, then the readings).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;
use common::TestResult;

/// The annotation keys.
const KEYS: [&str; 6] = ["rule", "param", "reading", "test", "none", "note"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

// ---------------------------------------------------------------------------------------------------------------
// Clauses and citations

/// A clause of the plan: its root (`§5`, `附件 1`, `附件 2` = every programme, `文件头`) and its path below the root
/// (`["一", "(七)", "3"]`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Clause {
    root: String,
    path: Vec<String>,
}

impl std::fmt::Display for Clause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.root)?;
        let mut after_number = false;
        for t in &self.path {
            let number = numbered(t).is_some();
            // 一(七)3 runs together; a label (表, 注2, 附件 2-10-1) and what follows it are set apart
            if !(number && after_number && !t.chars().next().is_some_and(is_cn_numeral)) {
                f.write_str(" ")?;
            }
            f.write_str(t)?;
            after_number = number;
        }
        Ok(())
    }
}

const CN_DIGITS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

fn is_cn_numeral(c: char) -> bool {
    CN_DIGITS.contains(&c)
}

/// 一 … 九十九 as a number.
fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| CN_DIGITS.iter().position(|&d| d == c).and_then(|i| u32::try_from(i + 1).ok());
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn cn_text(n: u32) -> String {
    let d = |i: u32| {
        CN_DIGITS
            .get(usize::try_from(i).unwrap_or(usize::MAX).wrapping_sub(1))
            .copied()
            .unwrap_or('?')
    };
    match n {
        1..=10 => d(n).to_string(),
        11..=19 => format!("十{}", d(n - 10)),
        20..=99 if n % 10 == 0 => format!("{}十", d(n / 10)),
        20..=99 => format!("{}十{}", d(n / 10), d(n % 10)),
        _ => n.to_string(),
    }
}

/// The kind and number of a path token that can bound a range: 一 (section), (一), 1, (1).
fn numbered(t: &str) -> Option<(u8, u32)> {
    if let Some(inner) = t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        if let Some(n) = cn_value(inner) {
            return Some((1, n));
        }
        return inner.parse().ok().map(|n| (3, n));
    }
    if let Some(n) = cn_value(t) {
        return Some((0, n));
    }
    t.parse().ok().map(|n| (2, n))
}

fn renumber(kind: u8, n: u32) -> String {
    match kind {
        0 => cn_text(n),
        1 => format!("({})", cn_text(n)),
        3 => format!("({n})"),
        _ => n.to_string(),
    }
}

/// The path tokens of one word: `一(七)3` → `一`, `(七)`, `3`; `(三)–(五)` → `(三)`, `–`, `(五)`; anything that is not a
/// number (`表`, `注2`, `第9项`, `E类`, `二季度、三季度`) is one label token with the rest of the word.
fn word_tokens(w: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = w.chars().collect();
    let rest = |i: usize| chars.iter().skip(i);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let n = if c == '(' {
            rest(i).position(|&x| x == ')').ok_or_else(|| format!("unclosed ( in {w:?}"))? + 1
        } else if c == '–' {
            1
        } else if c.is_ascii_digit() {
            rest(i).take_while(|x| x.is_ascii_digit() || **x == '-').count()
        } else if is_cn_numeral(c) {
            let n = rest(i).take_while(|x| is_cn_numeral(**x)).count();
            let next = chars.get(i + n).copied();
            if matches!(next, None | Some('(' | '–')) || next.is_some_and(|x| x.is_ascii_digit()) {
                n
            } else {
                chars.len() - i // 二季度、三季度: a label
            }
        } else {
            chars.len() - i // 表, 注2, 第9项, E类: a label
        };
        out.push(rest(i).take(n).collect());
        i += n;
    }
    Ok(out)
}

fn normalise(s: &str) -> String {
    s.replace('（', "(")
        .replace('）', ")")
        .replace("附件", " 附件 ")
        .replace('；', ";")
        .replace('，', ",")
}

/// One clause of a citation or a heading: its root (or `None` when it has none of its own) and its tokens, a range
/// mark `–` included.
fn clause_tokens(part: &str) -> Result<(Option<String>, Vec<String>), String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let mut root = None;
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words.get(i).copied().unwrap_or("");
        if let Some(n) = w.strip_prefix('§') {
            if i != 0 {
                return Err(format!("§ in the middle of {part:?}"));
            }
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            if digits.is_empty() {
                return Err(format!("no programme number after § in {part:?}"));
            }
            root = Some(format!("§{digits}"));
            tokens.extend(word_tokens(&n[digits.len()..])?);
        } else if w == "附件" {
            let next = words
                .get(i + 1)
                .copied()
                .ok_or_else(|| format!("附件 without its name in {part:?}"))?;
            i += 1;
            if i == 1 && (next == "1" || next == "2") {
                root = Some(format!("附件 {next}"));
            } else if let Some(rest) = next.strip_prefix("2-") {
                let prog: String = rest.chars().take_while(char::is_ascii_digit).collect();
                if i == 1 {
                    root = Some(format!("§{prog}"));
                }
                let name: String = next.chars().take_while(|c| c.is_ascii_digit() || *c == '-').collect();
                tokens.push(format!("附件 {name}"));
                tokens.extend(word_tokens(&next[name.len()..])?);
            } else {
                tokens.push(format!("附件 {next}"));
            }
        } else if i == 0 && w == "文件头" {
            root = Some(w.to_owned());
        } else {
            tokens.extend(word_tokens(w)?);
        }
        i += 1;
    }
    Ok((root, tokens))
}

/// Expands the one range of a clause's tokens, if any.
fn expand(root: &str, tokens: &[String]) -> Result<Vec<Clause>, String> {
    let Some(dash) = tokens.iter().position(|t| t == "–") else {
        return Ok(vec![Clause {
            root: root.to_owned(),
            path: tokens.to_vec(),
        }]);
    };
    let bad = || format!("cannot read the range in {root} {}", tokens.join(""));
    let (left, right) = (tokens.get(..dash).ok_or_else(bad)?, tokens.get(dash + 1..).ok_or_else(bad)?);
    if right.contains(&"–".to_owned()) {
        return Err(bad());
    }
    let (kind, to) = right.first().and_then(|t| numbered(t)).ok_or_else(bad)?;
    let at = left
        .iter()
        .rposition(|t| numbered(t).is_some_and(|(k, _)| k == kind))
        .ok_or_else(bad)?;
    let (_, from) = left.get(at).and_then(|t| numbered(t)).ok_or_else(bad)?;
    if from >= to {
        return Err(bad());
    }
    let (shared, first) = left.split_at_checked(at).ok_or_else(bad)?;
    let mut out = Vec::new();
    for n in from..=to {
        let mut path = shared.to_vec();
        if n == from {
            path.extend_from_slice(first);
        } else if n == to {
            path.extend_from_slice(right);
        } else {
            path.push(renumber(kind, n));
        }
        out.push(Clause {
            root: root.to_owned(),
            path,
        });
    }
    Ok(out)
}

/// The clauses a citation names, ranges expanded; references outside the plan are skipped.
fn citation(text: &str) -> Result<Vec<Clause>, String> {
    let mut text = text.trim();
    let starts_plan = ["§", "附件", "附表", "文件头"].iter().any(|p| text.starts_with(p));
    if !starts_plan {
        if let (Some(open), Some(close)) = (text.find("(§").or_else(|| text.find("（§")), text.rfind([')', '）'])) {
            let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
            text = &text[open + open_len..close];
        }
    }
    let norm = normalise(text);
    let mut root: Option<String> = None;
    let mut out = Vec::new();
    for part in norm.split([',', ';']).map(str::trim).filter(|p| !p.is_empty()) {
        if part.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue; // a reference outside the plan (JR/T 0083—2013, shared/reference/…)
        }
        let (own, tokens) = clause_tokens(part)?;
        let r = match own {
            Some(r) => r,
            None => root.clone().ok_or_else(|| format!("{part:?} has no programme (in {text:?})"))?,
        };
        out.extend(expand(&r, &tokens)?);
        root = Some(r);
    }
    if out.is_empty() {
        return Err(format!("{text:?} names no clause of the plan"));
    }
    Ok(out)
}

/// The clause of a heading (its text before ` — `): one clause with a root, no range.
fn heading_clause(text: &str) -> Result<Clause, String> {
    let id = text.split(" — ").next().unwrap_or("").trim();
    let (root, tokens) = clause_tokens(&normalise(id))?;
    let root = root.ok_or_else(|| format!("heading {id:?} names no programme, 附件 1 or 文件头"))?;
    if tokens.iter().any(|t| t == "–") {
        return Err(format!("heading {id:?} is a range: give each clause its heading"));
    }
    Ok(Clause { root, path: tokens })
}

/// Is a token a table or an attachment, whose rows a citation may name below the heading?
fn tabular(t: &str) -> bool {
    t.starts_with("附件") || t.starts_with("附表") || t.ends_with('表')
}

/// Does the cited clause `a` cover the heading `h`?
fn covers(a: &Clause, h: &Clause) -> bool {
    let roots = a.root == h.root || (a.root == "附件 2" && h.root.starts_with('§'));
    if !roots {
        return false;
    }
    if h.path.starts_with(&a.path) {
        return true;
    }
    // a row of a table or an attachment, cited below the heading of the table
    a.path.starts_with(&h.path) && h.path.last().is_some_and(|t| tabular(t))
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences that carry a figure

/// Numerals that count before a measure word (十三类, 两年, 一次, 半天, 五个).
const NUMERALS: &str = "零〇一二两三四五六七八九十百千万亿半";
/// Measure words and units after a Chinese numeral.
const MEASURES: [&str; 38] = [
    "类", "年", "次", "天", "日", "月", "周", "个", "家", "名", "人", "项", "套", "份", "晚", "季度", "级", "倍", "元", "区", "所", "部分",
    "场", "条", "期", "届", "维度", "省", "市", "地", "种", "批", "分", "位", "小时", "支", "佳", "张",
];
/// Words of bounds, ratios, deadlines and periods.
const WORDS: [&str; 43] = [
    "%",
    "％",
    "以前",
    "之前",
    "日前",
    "底前",
    "月前",
    "截止",
    "截至",
    "工作日内",
    "期满",
    "满期",
    "之日起",
    "逾期",
    "次月",
    "即日起",
    "到期",
    "每周",
    "每月",
    "每两月",
    "每季度",
    "每年",
    "每区",
    "每场",
    "每位",
    "一次性",
    "不超过",
    "不低于",
    "不少于",
    "至少",
    "最高",
    "最低",
    "及以上",
    "及以下",
    "以内",
    "左右",
    "封顶",
    "全覆盖",
    "全额",
    "百万",
    "千企",
    "半年",
    "半天",
];

/// A sentence without the number of its list item (`1. `, `（一）`, `(1)`, `一、`, `注：1、`), which is not a figure.
fn without_enumerator(s: &str) -> &str {
    let s = s.trim_start();
    let s = s.strip_prefix("注：").or_else(|| s.strip_prefix("注:")).unwrap_or(s).trim_start();
    let cn_or_digit = |c: char| c.is_ascii_digit() || is_cn_numeral(c);
    for (open, close) in [('(', ')'), ('（', '）')] {
        if let Some(rest) = s.strip_prefix(open) {
            let n: usize = rest.chars().take_while(|c| cn_or_digit(*c)).map(char::len_utf8).sum();
            if n > 0 {
                if let Some(after) = rest.get(n..).and_then(|r| r.strip_prefix(close)) {
                    return after.trim_start();
                }
            }
        }
    }
    let n: usize = s.chars().take_while(|c| cn_or_digit(*c)).map(char::len_utf8).sum();
    let rest = s.get(n..).unwrap_or("");
    let digits = s.starts_with(|c: char| c.is_ascii_digit());
    match rest.chars().next() {
        Some('、') if n > 0 => rest.get('、'.len_utf8()..).unwrap_or("").trim_start(),
        Some('.' | '．') if digits => rest.get(rest.chars().next().map_or(1, char::len_utf8)..).unwrap_or("").trim_start(),
        _ => s,
    }
}

/// What makes a sentence carry a number, a date, a ratio, a count or a deadline, if anything.
fn figure(s: &str) -> Option<String> {
    let s = without_enumerator(s);
    if let Some(c) = s.chars().find(|c| c.is_ascii_digit() || ('０'..='９').contains(c)) {
        return Some(c.to_string());
    }
    if let Some(w) = WORDS.iter().find(|w| s.contains(**w)) {
        return Some((*w).to_owned());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if NUMERALS.contains(chars.get(i).copied().unwrap_or(' ')) {
            let n = chars.iter().skip(i).take_while(|c| NUMERALS.contains(**c)).count();
            let rest: String = chars.iter().skip(i + n).take(2).collect();
            if let Some(m) = MEASURES.iter().find(|m| rest.starts_with(**m)) {
                return Some(format!("{}{m}", chars.iter().skip(i).take(n).collect::<String>()));
            }
            i += n;
        } else {
            i += 1;
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------------------------
// The annotated plan

struct Heading {
    text: String,
    line: usize,
    clause: Clause,
}

struct Item {
    heading: usize,
    line: usize,
    quotes: Vec<String>,
    /// `(key, value, line)`
    notes: Vec<(String, String, usize)>,
}

impl Item {
    fn values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.notes.iter().filter(move |(k, _, _)| k == key).map(|(_, v, _)| v.as_str())
    }
    /// The ids of a key (`rule`, `param`, `reading`, `test`), split at `,` and `;`.
    fn ids<'a>(&'a self, key: &'a str) -> Vec<&'a str> {
        self.values(key)
            .flat_map(|v| v.split([',', ';', '，']))
            .map(|s| s.trim().trim_matches('`'))
            .filter(|s| !s.is_empty())
            .collect()
    }
}

struct Plan {
    headings: Vec<Heading>,
    items: Vec<Item>,
}

fn plan_path() -> PathBuf {
    repo().join("spec/plan/2023.md")
}

/// Parses the annotated plan; format errors are collected with their line numbers.
fn parse(text: &str) -> (Plan, Vec<String>) {
    let mut plan = Plan {
        headings: Vec::new(),
        items: Vec::new(),
    };
    let mut errors = Vec::new();
    // where we are: in an item's quotes, in its annotations, or elsewhere
    #[derive(PartialEq)]
    enum At {
        Quotes,
        Notes,
        Prose,
    }
    let mut at = At::Prose;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.trim_end();
        if let Some(h) = line.strip_prefix("### ") {
            match heading_clause(h) {
                Ok(clause) => plan.headings.push(Heading {
                    text: h.trim().to_owned(),
                    line: line_no,
                    clause,
                }),
                Err(e) => errors.push(format!("line {line_no}: {e}")),
            }
            at = At::Prose;
        } else if line.starts_with('#') {
            at = At::Prose;
        } else if let Some(q) = line.strip_prefix('>') {
            let q = q.trim();
            if plan.headings.is_empty() {
                errors.push(format!("line {line_no}: a quote before the first clause heading"));
                continue;
            }
            if q.is_empty() {
                errors.push(format!("line {line_no}: an empty quote line"));
                continue;
            }
            if at != At::Quotes {
                plan.items.push(Item {
                    heading: plan.headings.len() - 1,
                    line: line_no,
                    quotes: Vec::new(),
                    notes: Vec::new(),
                });
            }
            if let Some(item) = plan.items.last_mut() {
                item.quotes.push(q.to_owned());
            }
            at = At::Quotes;
        } else if let Some((key, value)) = line
            .strip_prefix("- ")
            .and_then(|b| b.split_once(':'))
            .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        {
            if plan.headings.is_empty() {
                continue; // the introduction may show the format
            }
            if !KEYS.contains(&key) {
                errors.push(format!("line {line_no}: unknown annotation {key:?} (one of {KEYS:?})"));
            } else if at == At::Prose {
                errors.push(format!("line {line_no}: `- {key}:` is not under a quote"));
            } else if value.trim().is_empty() {
                errors.push(format!("line {line_no}: `- {key}:` says nothing"));
            } else if let Some(item) = plan.items.last_mut() {
                item.notes.push((key.to_owned(), value.trim().to_owned(), line_no));
            }
            at = At::Notes;
        } else if line.is_empty() {
            if at == At::Quotes {
                at = At::Notes;
            }
        } else {
            at = At::Prose;
        }
    }
    (plan, errors)
}

/// The reading ids of `spec/readings.md` (the first word of each `### ` heading), with how often each occurs.
fn readings() -> Result<BTreeMap<String, usize>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(repo().join("spec/readings.md"))?;
    let mut ids = BTreeMap::new();
    for h in text.lines().filter_map(|l| l.strip_prefix("### ")) {
        if let Some(id) = h.split_whitespace().next() {
            *ids.entry(id.to_owned()).or_insert(0) += 1;
        }
    }
    Ok(ids)
}

/// Every `fn name` in the files of `core/tests/`.
fn test_functions() -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    let mut names = BTreeSet::new();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests"))? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p)?;
            for part in text.split("fn ").skip(1) {
                let name: String = part.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    names.insert(name);
                }
            }
        }
    }
    Ok(names)
}

fn load() -> Result<(Plan, Vec<String>), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(plan_path())?;
    Ok(parse(&text))
}

fn report(what: &str, errors: &[String]) {
    assert!(
        errors.is_empty(),
        "{} {what} in spec/plan/2023.md:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn the_plan_is_annotated_clause_by_clause() -> TestResult {
    let (plan, mut errors) = load()?;
    assert!(
        plan.items.len() > 100,
        "only {} quoted items in spec/plan/2023.md",
        plan.items.len()
    );
    let rules: BTreeMap<&str, &str> = shftu_rules::RULES.iter().map(|r| (r.id, r.clause)).collect();
    let params: BTreeMap<&str, &str> = shftu_rules::PARAMETERS.iter().map(|p| (p.id, p.clause)).collect();
    let readings = readings()?;
    let tests = test_functions()?;

    // the citations, parsed once
    let mut cited: BTreeMap<(&str, &str), Vec<Clause>> = BTreeMap::new();
    for (kind, table) in [("rule", &rules), ("param", &params)] {
        for (id, clause) in table.iter() {
            match citation(clause) {
                Ok(c) => {
                    cited.insert((kind, id), c);
                }
                Err(e) => errors.push(format!("{kind} {id}: its clause {clause:?} cannot be read: {e}")),
            }
        }
    }
    // where each rule and parameter is annotated
    let mut annotated: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    let mut seen_headings = BTreeMap::new();
    for h in &plan.headings {
        if let Some(first) = seen_headings.insert(h.clause.clone(), h.line) {
            errors.push(format!("line {}: heading {} repeats the clause of line {first}", h.line, h.clause));
        }
    }

    for item in &plan.items {
        let Some(h) = plan.headings.get(item.heading) else { continue };
        let at = format!("line {} (### {})", item.line, h.text);
        // (a) a figure needs a rule, a parameter, or why there is none
        let answered = ["rule", "param", "none"].iter().any(|k| item.values(k).next().is_some());
        if !answered {
            for q in &item.quotes {
                if let Some(f) = figure(q) {
                    errors.push(format!("{at}: «{q}» carries «{f}» and has no `rule`, `param` or `none` annotation"));
                }
            }
        }
        if item.values("rule").next().is_some() && item.ids("test").is_empty() {
            errors.push(format!("{at}: names a rule and no test"));
        }
        if item.values("rule").next().is_none() && item.values("none").next().is_none() && !item.ids("param").is_empty() {
            errors.push(format!(
                "{at}: names a parameter and no rule: name the rule that applies it here, or say `none`"
            ));
        }
        // (b) names that exist; (c) citations that cover the heading
        for (key, table) in [("rule", &rules), ("param", &params)] {
            for id in item.ids(key) {
                if !table.contains_key(id) {
                    let whose = if key == "rule" {
                        "shftu_rules::RULES"
                    } else {
                        "shftu_rules::PARAMETERS"
                    };
                    errors.push(format!("{at}: {key} {id} is not in {whose}"));
                    continue;
                }
                annotated.entry((key, id)).or_default().push(item.heading);
                if let Some(c) = cited.get(&(key, id)) {
                    if !c.iter().any(|a| covers(a, &h.clause)) {
                        let text = table.get(id).copied().unwrap_or("");
                        errors.push(format!(
                            "{at}: {key} {id} cites «{text}», which does not cover {}: fix the annotation, or the citation",
                            h.clause
                        ));
                    }
                }
            }
        }
        for r in item.ids("reading") {
            match readings.get(r) {
                None => errors.push(format!("{at}: reading {r} is not a heading of spec/readings.md")),
                Some(n) if *n > 1 => errors.push(format!("{at}: reading {r} is {n} headings of spec/readings.md")),
                Some(_) => {}
            }
        }
        for t in item.ids("test") {
            if !tests.contains(t) {
                errors.push(format!("{at}: no test function {t} in core/tests/*.rs"));
            }
        }
    }

    // (c) the other way: every clause a rule or a parameter cites has a heading, covered by it, where it is annotated;
    // (d) every rule and parameter is annotated somewhere
    for ((kind, id), clauses) in &cited {
        let Some(heads) = annotated.get(&(*kind, *id)) else {
            let whose = if *kind == "rule" {
                "rule of the registry"
            } else {
                "parameter of the edition"
            };
            errors.push(format!("{kind} {id}: a {whose} annotated nowhere"));
            continue;
        };
        for a in clauses {
            let found = heads.iter().filter_map(|i| plan.headings.get(*i)).any(|h| covers(a, &h.clause));
            if !found {
                let under: BTreeSet<String> = heads
                    .iter()
                    .filter_map(|i| plan.headings.get(*i))
                    .map(|h| h.clause.to_string())
                    .collect();
                let text = if *kind == "rule" { rules.get(id) } else { params.get(id) }.copied().unwrap_or("");
                errors.push(format!(
                    "{kind} {id} cites {a} (in «{text}»), but is annotated under no heading it covers; it is annotated \
                     under: {}",
                    under.into_iter().collect::<Vec<_>>().join("; ")
                ));
            }
        }
    }
    report("problems", &errors);
    Ok(())
}

#[test]
fn the_clauses_of_table_rows_are_clauses_of_the_plan() -> TestResult {
    // A table of the edition whose rows carry their own clause (deadlines.items, programmes.targets, …): each row's
    // clause is within its parameter's citation and is a clause of the plan where the parameter is annotated.
    let (plan, mut errors) = load()?;
    let dir = repo().join("spec/editions/2023");
    let mut checked = 0;
    for e in std::fs::read_dir(&dir)? {
        let path = e?.path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let family = path.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_owned();
        let doc: toml::Table = std::fs::read_to_string(&path)?.parse()?;
        for (name, table) in &doc {
            let Some(rows) = table.get("value").and_then(toml::Value::as_array) else {
                continue;
            };
            let id = format!("{family}.{name}");
            let Some(info) = shftu_rules::PARAMETERS.iter().find(|p| p.id == id) else {
                continue;
            };
            let cited = citation(info.clause).unwrap_or_default();
            let heads: Vec<&Heading> = plan
                .items
                .iter()
                .filter(|i| i.ids("param").contains(&id.as_str()))
                .filter_map(|i| plan.headings.get(i.heading))
                .collect();
            for row in rows {
                let Some(clause) = row.get("clause").and_then(toml::Value::as_str) else {
                    continue;
                };
                let row_id = row.get("id").and_then(toml::Value::as_str).unwrap_or("?");
                checked += 1;
                let atoms = match citation(clause) {
                    Ok(a) => a,
                    Err(e) => {
                        errors.push(format!("{id} row {row_id}: its clause {clause:?} cannot be read: {e}"));
                        continue;
                    }
                };
                for a in &atoms {
                    if !cited.iter().any(|c| covers(c, a)) {
                        errors.push(format!(
                            "{id} row {row_id}: {a} is not within the parameter's clause «{}»",
                            info.clause
                        ));
                    }
                    if !heads.iter().any(|h| covers(a, &h.clause)) {
                        errors.push(format!("{id} row {row_id}: {a} is no clause of the plan where {id} is annotated"));
                    }
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} rows with a clause");
    report("problems with the clauses of table rows", &errors);
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// The catalogue

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `spec/catalogue.csv` as the plan gives it.
fn catalogue(plan: &Plan) -> String {
    let mut out = String::from("clause,zh,rule_ids,parameter_ids,test,status,note\n");
    for item in &plan.items {
        let Some(h) = plan.headings.get(item.heading) else { continue };
        let rules = item.ids("rule");
        let params = item.ids("param");
        let none: Vec<&str> = item.values("none").collect();
        if rules.is_empty() && params.is_empty() && none.is_empty() {
            continue;
        }
        let status = if rules.is_empty() {
            "not_a_rule"
        } else if rules.iter().all(|r| r.starts_with("reference.")) {
            "reference"
        } else {
            "rule"
        };
        let mut note: Vec<String> = none.iter().map(|s| (*s).to_owned()).collect();
        note.extend(item.values("note").map(str::to_owned));
        let readings = item.ids("reading");
        if !readings.is_empty() {
            note.push(format!("readings {}", readings.join(", ")));
        }
        let clause = h.text.split(" — ").next().unwrap_or("").trim();
        let rest = [
            rules.join(";"),
            params.join(";"),
            item.ids("test").join(";"),
            status.to_owned(),
            note.join("; "),
        ];
        let with_figures: Vec<&String> = item.quotes.iter().filter(|q| figure(q).is_some()).collect();
        let words: Vec<String> = if with_figures.is_empty() {
            vec![item.quotes.join(" ")]
        } else {
            with_figures.into_iter().cloned().collect()
        };
        for zh in words {
            let fields: Vec<String> = [clause.to_owned(), zh].iter().chain(rest.iter()).map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_catalogue_is_generated_from_the_plan() -> TestResult {
    let (plan, errors) = load()?;
    report("format errors", &errors);
    let want = catalogue(&plan);
    let path = repo().join("spec/catalogue.csv");
    if std::env::var_os("SHFTU_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &want)?;
        return Ok(());
    }
    let have = std::fs::read_to_string(&path)?;
    if have != want {
        let first = have
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(have.lines().count().min(want.lines().count()));
        panic!(
            "spec/catalogue.csv is not what spec/plan/2023.md gives (first difference on line {}: {:?} instead of {:?}); \
             regenerate it with `SHFTU_BLESS=1 cargo test -p shftu-rules --test plan`",
            first + 1,
            have.lines().nth(first).unwrap_or(""),
            want.lines().nth(first).unwrap_or("")
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------------
// The reader itself

#[test]
fn citations_expand_and_cover_as_documented() -> TestResult {
    let c = |s: &str| citation(s).map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>());
    assert_eq!(
        c("§5 一(一), 一(三)–(五), 二(四)")?,
        ["§5 一(一)", "§5 一(三)", "§5 一(四)", "§5 一(五)", "§5 二(四)"]
    );
    assert_eq!(
        c("§3 一(二)–(三)1, 一(四)1–2")?,
        ["§3 一(二)", "§3 一(三)1", "§3 一(四)1", "§3 一(四)2"]
    );
    assert_eq!(
        c("§10 二(二), 三(二); 附件 2-10-1 注2")?,
        ["§10 二(二)", "§10 三(二)", "§10 附件 2-10-1 注2"]
    );
    assert_eq!(c("…个工作日内 (§5 二(三), §7 三(三))")?, ["§5 二(三)", "§7 三(三)"]);
    assert_eq!(c("§9 二, 五; 附件 1")?, ["§9 二", "§9 五", "附件 1"]);
    assert_eq!(
        c("§5 一(二) 表 意外; JR/T 0083—2013 (shared/reference/legal-facts.md)")?,
        ["§5 一(二) 表 意外"]
    );
    assert_eq!(
        c("§5 一(七)1; 附表 各区工会职工服务中心信息")?,
        ["§5 一(七)1", "§5 附表 各区工会职工服务中心信息"]
    );
    assert_eq!(c("§2 三(一)–(五)")?.len(), 5);
    assert_eq!(c("§6 五(一)–(二)")?, ["§6 五(一)", "§6 五(二)"]);
    let h = |s: &str| heading_clause(s);
    let covers_heading = |cite: &str, head: &str| -> Result<bool, String> {
        let head = h(head)?;
        Ok(citation(cite)?.iter().any(|a| covers(a, &head)))
    };
    assert!(covers_heading("§5 一(一), 一(三)–(五), 二(四)", "§5 一(四)1(1)")?);
    assert!(covers_heading("§5 一(一), 一(三)–(五), 二(四)", "§5 二(四)")?);
    assert!(!covers_heading("§5 一(一), 一(三)–(五), 二(四)", "§5 一(二) 表")?);
    assert!(covers_heading("§5 一(二) 表 住院", "§5 一(二) 表 — the benefit table")?);
    assert!(!covers_heading("§3 二(三)2", "§3 二(三)")?);
    assert!(covers_heading("§6 附件 评价标准 总体评价", "§6 附件 评价标准")?);
    assert!(covers_heading("附件 2", "§8 六(二)")?);
    assert!(!covers_heading("附件 1", "§8 六(二)")?);
    assert!(covers_heading("附件 1", "附件 1 第6项")?);
    assert!(covers_heading("§10 二(二); 附件 2-10-2", "§10 附件 2-10-2")?);
    assert!(!covers_heading("§1 二(四), 二(五)", "§1 二(三)")?);
    assert!(heading_clause("§5 一(三)–(五)").is_err());
    Ok(())
}

#[test]
fn figures_are_found_generously() {
    for s in [
        "十三类行业",
        "两年内不行使即告丧失",
        "开展一次不超过2天1晚",
        "每周至少安排1至2个半天",
        "完成率 100%",
        "次月 1 日",
        "覆盖千家大中型企业",
        "组织百万职工",
        "在保障期满之日起",
        "八个维度",
        "1. “看上海”2天1晚",
        "（1）集中参保：在 2022 年 12 月",
    ] {
        assert!(figure(s).is_some(), "{s}");
    }
    for s in [
        "为贯彻落实党的二十大精神",
        "进一步加强面向产业工人的公共服务",
        "一线职工",
        "统一签订协议",
        "“一企一策”",
        "1. 提供线上科学健身服务。",
        "（一）进一步拓展职工体育健身阵地。",
        "(2) 团体参保人员因意外身故或疾病身故的",
        "注：1、每个组织活动的单位填写活动申报表",
        "一、工作目标",
    ] {
        assert_eq!(figure(s), None, "{s}");
    }
}
