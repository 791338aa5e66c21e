"""Writes spec/schema/contract.schema.json: the JSON Schema of the wire contract (spec/contract.md, and the
rules of spec/contract-additions.md that have a schema here). Run: python3 spec/schema/make_schema.py
The prose wins where the two differ; tests/schema/check.py validates every conformance vector against it."""
import json
import pathlib

money = {"$ref": "#/$defs/money"}
money_in = {"$ref": "#/$defs/money_in"}
date = {"$ref": "#/$defs/date"}
count = {"type": "integer", "minimum": 0, "maximum": 4294967295}
pos = {"type": "integer", "minimum": 1, "maximum": 4294967295}
boolean = {"type": "boolean"}


def obj(props, required=(), nullable=()):
    p = {k: ({"anyOf": [v, {"type": "null"}]} if k in nullable else v) for k, v in props.items()}
    return {"type": "object", "properties": p, "required": list(required), "additionalProperties": False}


def enum(*xs):
    return {"type": "string", "enum": list(xs)}


def nul(x):
    return {"anyOf": [x, {"type": "null"}]}


def arr(x):
    return {"type": "array", "items": x}


tier = enum("C", "D", "E")
benefit = enum("hospital_days", "critical_illness", "ci_medical_subsidy", "accident_death", "accident_disability", "accident_consolation", "disease_death")
industry = enum("courier", "freight_driver", "food_delivery", "ride_hailing", "caregiver", "domestic_service", "mall_info", "real_estate_agent",
                "property_management", "construction_casual", "farm_casual", "sanitation", "street_staff")
ma_reasons = arr(enum("age_limit", "outside_enrollment_window", "tier_not_offered", "channel_not_eligible", "not_an_upgrade", "after_coverage_end", "not_covered",
                      "event_outside_coverage", "claim_window_expired", "benefit_cap_reached", "accident_cap_reached", "total_cap_reached", "death_benefit_already_paid"))
package = enum("L1", "L2", "L3", "L4", "cardio", "blood", "female_two", "tumor", "stroke")
line_out = obj({k: money for k in ("unit_price", "unit_subsidy", "unit_payable", "price", "subsidy", "payable")} | {"package": package, "count": count},
               ["package", "count", "unit_price", "unit_subsidy", "unit_payable", "price", "subsidy", "payable"])
rubric_item = {"type": "integer", "minimum": -6, "maximum": 6}

rules = {
    "mutual_aid.enroll": (
        obj({"tier": tier, "channel": enum("group", "individual"), "date": date, "industry": industry, "birth_date": date,
             "platform_worker": boolean, "renewing_2022_plan": boolean},
            ["tier", "channel", "date", "industry", "birth_date"], ["platform_worker", "renewing_2022_plan"]),
        obj({"accepted": boolean, "reasons": ma_reasons, "coverage_start": nul(date), "coverage_end": nul(date), "months": nul(count),
             "fee": nul(money), "fee_kind": nul(enum("none", "union_dues", "premium"))},
            ["accepted", "reasons", "coverage_start", "coverage_end", "months", "fee", "fee_kind"])),
    "mutual_aid.change": (
        obj({"from": tier, "to": tier, "date": date, "coverage_end": date}, ["from", "to", "date"], ["coverage_end"]),
        obj({"accepted": boolean, "reasons": ma_reasons, "fee": nul(money), "effective_from": nul(date)}, ["accepted", "reasons", "fee", "effective_from"])),
    "mutual_aid.claim_deadline": (
        obj({"benefit": benefit, "coverage_end": date, "event_date": date}, ["benefit", "coverage_end"], ["event_date"]),
        obj({"last_day": date, "basis": enum("coverage_end", "event_date"), "period": enum("P2Y", "P6M", "P180D")}, ["last_day", "basis", "period"])),
    "mutual_aid.adjudicate": (
        obj({"policy": obj({"tier": tier, "coverage_start": date, "coverage_end": date,
                            "changes": arr(obj({"to": tier, "effective_from": date}, ["to", "effective_from"]))},
                           ["tier", "coverage_start", "coverage_end"], ["changes"]),
             "claims": arr(obj({"benefit": benefit, "event_date": date, "filed_on": date, "days": pos, "grade": {"type": "integer", "minimum": 1, "maximum": 10},
                                "amount": money_in}, ["benefit", "event_date", "filed_on"], ["days", "grade", "amount"]))},
            ["policy", "claims"]),
        obj({"decisions": arr(obj({"status": enum("paid", "partially_paid", "rejected"), "payable": money, "reasons": ma_reasons}, ["status", "payable", "reasons"])),
             "total_payable": money}, ["decisions", "total_payable"])),
    "calendar.add_working_days": (obj({"from": date, "days": count}, ["from", "days"]), obj({"date": date}, ["date"])),
    "checkup.quote": (
        obj({"lines": arr(obj({"package": package, "count": count}, ["package", "count"]))}, ["lines"]),
        obj({"lines": arr(line_out), "total": obj({"price": money, "subsidy": money, "payable": money}, ["price", "subsidy", "payable"])}, ["lines", "total"])),
    "health_point.funding": (
        obj({"kind": enum("new", "upgrade"), "points": pos, "district_match": money_in, "street_match": money_in}, ["kind", "points"], ["district_match", "street_match"]),
        obj({"city_subsidy": money, "min_district_match": money, "min_street_match": money, "min_total": money, "compliant": nul(boolean),
             "shortfalls": arr(obj({"level": enum("district", "street"), "amount": money}, ["level", "amount"]))},
            ["city_subsidy", "min_district_match", "min_street_match", "min_total", "compliant", "shortfalls"])),
    "love_shanghai.trip_check": (
        obj({"kind": enum("two_day", "one_day"), "participants": pos, "total_cost": money_in, "meal_cost": money_in, "days": count, "nights": count, "date": date},
            ["kind", "participants", "total_cost", "meal_cost"], ["days", "nights", "date"]),
        {"type": "object", "required": ["compliant", "violations", "per_person_cap", "max_total", "max_meal_cost"],
         "properties": {"compliant": boolean, "violations": arr({"type": "string"}), "per_person_cap": money, "max_total": money, "max_meal_cost": money}}),
    "love_shanghai.goods_check": (
        obj({"spent_per_person": money_in, "amount_per_person": money_in}, ["spent_per_person", "amount_per_person"]),
        obj({"compliant": boolean, "cap": money, "remaining_before": money, "excess": money}, ["compliant", "cap", "remaining_before", "excess"])),
    "recuperation.subsidy": (
        obj({"programme": enum("yangtze_delta", "paired_region", "direct_sanatorium"), "participants": count, "days": count, "nights": count, "cost_per_person": money_in},
            ["programme", "participants"], ["days", "nights", "cost_per_person"]),
        obj({"accepted": boolean, "reasons": arr({"type": "string"}), "subsidy_per_person": nul(money), "subsidy_total": nul(money),
             "covered": arr({"type": "string"}), "not_covered": arr({"type": "string"})},
            ["accepted", "reasons", "subsidy_per_person", "subsidy_total", "covered", "not_covered"])),
    "labor_relations.score": (
        obj({"items": {"type": "object", "propertyNames": {"pattern": "^[1-5]-[0-9]-[0-9]{1,2}$"}, "additionalProperties": nul(rubric_item)}}, ["items"]),
        obj({k: {"type": "integer"} for k in ("compliance", "institution", "development", "bonus_uncapped", "bonus", "deductions", "total")}
            | {"grade": enum("exemplary", "compliant", "basically_compliant", "non_compliant")},
            ["compliance", "institution", "development", "bonus_uncapped", "bonus", "deductions", "total", "grade"])),
    "labor_relations.guidance_subsidy": (obj({"person_days": count}, ["person_days"]), obj({"subsidy": money}, ["subsidy"])),
}

schema = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://shftu-rules.invalid/spec/schema/contract.schema.json",
    "title": "shftu-rules wire contract, version 1",
    "description": "Requests and responses of `evaluate` (spec/contract.md). The prose wins where the two differ. Generated by spec/schema/make_schema.py.",
    "$defs": {
        "money": {"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$", "description": "yuan with exactly two decimals"},
        "money_in": {"anyOf": [{"type": "string", "pattern": "^[0-9]+(\\.[0-9]{1,2})?$"}, {"type": "number", "minimum": 0}],
                     "description": "a decimal string or a JSON number read from its text; at most two decimals"},
        "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "format": "date"},
        "trace": arr(obj({"clause": {"type": "string"}, "note": {"type": "string"}}, ["clause", "note"])),
        "request": obj({"rule": {"type": "string"}, "input": {}, "edition": {"type": "string"}}, ["rule", "input"]),
        "error_response": obj({"ok": {"const": False}, "rule": nul({"type": "string"}),
                               "error": obj({"code": enum("invalid_json", "unknown_rule", "unknown_edition", "invalid_input", "calendar_unavailable"),
                                             "message": {"type": "string"}, "path": nul({"type": "string"})}, ["code", "message", "path"])},
                              ["ok", "rule", "error"]),
        "ok_response": obj({"ok": {"const": True}, "rule": {"type": "string"}, "edition": {"type": "string"}, "result": {"type": "object"},
                            "trace": {"$ref": "#/$defs/trace"}}, ["ok", "rule", "edition", "result", "trace"]),
        "rules": {rid: {"input": i, "result": r} for rid, (i, r) in rules.items()},
    },
    "oneOf": [{"$ref": "#/$defs/ok_response"}, {"$ref": "#/$defs/error_response"}],
}
out = pathlib.Path(__file__).with_name("contract.schema.json")
out.write_text(json.dumps(schema, ensure_ascii=False, indent=1) + "\n")
