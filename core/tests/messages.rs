//! The message catalogue (`spec/messages/`) is complete in both languages: every message, every rule title,
//! every code of every closed set a rule reads or answers with, and every result field `explain` names has
//! a text in English and in Chinese, and no text names an argument its message does not carry. (The build
//! already refuses a message without both texts or with an undeclared argument; this test checks what the
//! build cannot see: the codes and fields the rules use.)

use shftu_rules::describe::{enums, output_field_names};
use shftu_rules::msg::{self, Lang, MsgId};

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| ('\u{3400}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
}

#[test]
fn every_message_has_both_texts_naming_only_its_arguments() {
    let mut problems = Vec::new();
    let mut count = 0;
    for id in MsgId::all() {
        count += 1;
        for lang in Lang::ALL {
            let t = msg::template(id, lang);
            // `template` writes each argument as {name}: every name must be declared (the build guarantees it;
            // an empty English text would be a message that says nothing).
            let unescaped = t.replace("{{", "").replace("}}", "");
            for part in unescaped.split('{').skip(1) {
                let name = part.split('}').next().unwrap_or("");
                if !id.arg_names().contains(&name) {
                    problems.push(format!("{} ({}): names {{{name}}}, not an argument", id.name(), lang.tag()));
                }
            }
            let raw = id.name() == "engine.raw";
            if t.trim().is_empty() && !raw && !id.arg_names().is_empty() {
                continue;
            }
            if t.trim().is_empty() && !raw {
                problems.push(format!("{} ({}): empty text", id.name(), lang.tag()));
            }
        }
    }
    assert!(count > 100, "the catalogue holds {count} messages");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_a_title_in_both_languages() {
    for r in shftu_rules::RULES {
        let en = r.title(Lang::En);
        let zh = r.title(Lang::ZhCn);
        assert!(!en.is_empty(), "{} has no English title", r.id);
        assert!(has_cjk(zh), "{} has no Chinese title: {zh:?}", r.id);
    }
}

#[test]
fn every_code_of_every_closed_set_has_a_chinese_label() {
    let mut missing = Vec::new();
    let all = enums();
    assert!(all.len() > 20, "{} closed sets", all.len());
    for e in all {
        for code in e.codes {
            match msg::label(e.kind, code, Lang::ZhCn) {
                Some(l) if !l.is_empty() => {}
                _ => missing.push(format!("{}.{code}", e.kind)),
            }
        }
    }
    assert!(missing.is_empty(), "codes without a zh-CN label in spec/messages: {missing:?}");
}

#[test]
fn every_result_field_has_a_label_for_explain() {
    let missing: Vec<&str> = output_field_names()
        .into_iter()
        .filter(|f| shftu_rules::explain::catalogue_field_label(f, Lang::ZhCn).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "result fields without a label ([label.field] of spec/messages/explain.toml or the family's file): {missing:?}"
    );
}

#[test]
fn the_plans_own_words_are_accepted_for_the_codes_issue_16_names() {
    // 心功能, 血液疾病, 女性两病筛查, 肿瘤筛查, 脑卒中; C类/D类/E类; the thirteen industries; 新建/升级.
    let pairs = [
        ("checkup.package", "心功能", "cardio"),
        ("checkup.package", "血液疾病", "blood"),
        ("checkup.package", "女性两病筛查", "female_two"),
        ("checkup.package", "肿瘤筛查", "tumor"),
        ("checkup.package", "脑卒中", "stroke"),
        ("mutual_aid.tier", "C类", "C"),
        ("mutual_aid.tier", "D类", "D"),
        ("mutual_aid.tier", "E类", "E"),
        ("mutual_aid.industry", "物流快递", "courier"),
        ("mutual_aid.industry", "街面雇员", "street_staff"),
        ("health_point.point_kind", "新建", "new"),
        ("health_point.point_kind", "升级", "upgrade"),
    ];
    for (kind, name, code) in pairs {
        assert_eq!(msg::alias(kind, name), Some(code), "{kind}: {name}");
    }
}
