"""Writes spec/schema/contract.schema.json: the JSON Schema of the wire contract (spec/contract.md and every rule
of spec/contract-additions.md). Run: python3 spec/schema/make_schema.py
The prose wins where the two differ; tests/schema/check.py validates every conformance vector against it."""
import json
import pathlib
import tomllib

messages = pathlib.Path(__file__).resolve().parents[1] / "messages"


def names(family, kind):
    """The other names (aliases) the catalogue gives the codes of `family.kind`, which readers also take."""
    labels = tomllib.loads((messages / f"{family}.toml").read_text()).get("label", {}).get(kind, {})
    return [a for code in labels.values() for a in code.get("aliases", [])]

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
text = {"type": "string"}
programme_no = {"type": "integer", "minimum": 1, "maximum": 10}
package_kind = enum("routine", "special")
priority_group = enum("model_worker", "craftsman", "epidemic_frontline", "epidemic_on_duty", "industrial_worker")
recuperation_reasons = arr(enum("over_duration", "allocation_exhausted"))
event = obj({"date": date, "notice_date": date}, ["date", "notice_date"])
datetime_in = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?$", "description": "Shanghai time, seconds optional"}
datetime_out = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$"}
application_reasons = arr(enum("after_deadline", "too_few_new_points", "too_few_upgrade_points", "too_few_employees", "has_adequate_medical_service",
                               "large_group_not_eligible"))
card_state = enum("good_standing", "yellow_card", "red_card")
fund_purpose = enum("basic_equipment", "daily_operations", "consultation_subsidy", "lecture_subsidy", "visit_subsidy", "other")
phase = obj({"id": enum("meeting", "applications", "building", "acceptance", "funds_and_plaques"), "clause": text, "zh": text, "first": date, "last": date},
            ["id", "clause", "zh", "first", "last"])
dimension = enum("staff", "facilities", "rules", "signage", "service", "records", "environment", "effectiveness")
district = enum("pudong", "xuhui", "changning", "putuo", "hongkou", "yangpu", "huangpu", "jingan", "baoshan", "minhang", "jiading", "fengxian",
                "songjiang", "jinshan", "qingpu", "chongming")
district_in = enum(*district["enum"], *names("reference", "district"))
target_id = enum("health_points_new", "health_points_upgraded", "fitness_stations", "love_shanghai_workers", "yangtze_delta_workers", "paired_region_workers",
                 "sanatorium_workers", "gig_workers_insured", "enterprises_guided", "congress_coverage", "bargaining_coverage", "model_workers",
                 "units_served", "lunch_parks", "lunch_workers", "checkups", "checkup_districts", "metro_safety_enterprises")
target_id_in = enum(*target_id["enum"], *names("programmes", "target"))
dated_item = obj({"id": text, "programme": programme_no, "clause": text, "kind": enum("deadline", "window"), "first": date, "last": date,
                  "time": nul({"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$"}), "zh": text, "days_to_last": {"type": "integer"}},
                 ["id", "programme", "clause", "kind", "first", "last", "time", "zh", "days_to_last"])

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
        obj({"kind": enum("two_day", "one_day"), "participants": pos, "total_cost": money_in, "meal_cost": money_in},
            ["kind", "participants", "total_cost", "meal_cost"]),
        obj({"compliant": boolean, "violations": arr(enum("over_per_person_cap", "meal_share_exceeded")), "per_person_cap": money, "max_total": money,
             "max_meal_cost": money}, ["compliant", "violations", "per_person_cap", "max_total", "max_meal_cost"])),
    "love_shanghai.goods_check": (
        obj({"spent_per_person": money_in, "amount_per_person": money_in}, ["spent_per_person", "amount_per_person"]),
        obj({"compliant": boolean, "cap": money, "remaining_before": money, "excess": money}, ["compliant", "cap", "remaining_before", "excess"])),
    "recuperation.subsidy": (
        obj({"programme": enum("yangtze_delta", "paired_region", "direct_sanatorium"), "participants": count, "days": count, "nights": count, "cost_per_person": money_in},
            ["programme", "participants"], ["days", "nights", "cost_per_person"]),
        obj({"accepted": boolean, "reasons": recuperation_reasons, "subsidy_per_person": nul(money), "subsidy_total": nul(money),
             "covered": arr({"type": "string"}), "not_covered": arr({"type": "string"})},
            ["accepted", "reasons", "subsidy_per_person", "subsidy_total", "covered", "not_covered"])),
    "labor_relations.score": (
        obj({"items": {"type": "object", "propertyNames": {"pattern": "^[1-5]-[0-9]-[0-9]{1,2}$"}, "additionalProperties": nul(rubric_item)}}, ["items"]),
        obj({k: {"type": "integer"} for k in ("compliance", "institution", "development", "bonus_uncapped", "bonus", "deductions", "total")}
            | {"grade": enum("exemplary", "compliant", "basically_compliant", "non_compliant")},
            ["compliance", "institution", "development", "bonus_uncapped", "bonus", "deductions", "total", "grade"])),
    "labor_relations.guidance_subsidy": (obj({"person_days": count}, ["person_days"]), obj({"subsidy": money}, ["subsidy"])),
    "labor_relations.reporting": (
        obj({"last_year_target": count, "target": count, "as_of": date}, ["last_year_target", "target"], ["as_of"]),
        obj({"target_ok": boolean, "reasons": arr(enum("below_last_year_target")), "min_target": count, "report_due_dates": arr(date),
             "next_report_due": nul(date), "target_complete_by": date},
            ["target_ok", "reasons", "min_target", "report_due_dates", "next_report_due", "target_complete_by"])),
    "recuperation.sanatorium_allocation": (
        obj({"allocated_total": money_in,
             "stays": arr(obj({"participants": pos, "cost_per_person": money_in, "priority_group": priority_group},
                              ["participants", "cost_per_person"], ["priority_group"]))},
            ["allocated_total", "stays"]),
        obj({"stays": arr(obj({"status": enum("paid", "partially_paid", "rejected"), "due": money, "paid": money, "reasons": recuperation_reasons},
                              ["status", "due", "paid", "reasons"])),
             "due_total": money, "paid_total": money, "left": money},
            ["stays", "due_total", "paid_total", "left"])),
    "checkup.packages": (
        obj({"kind": package_kind}, [], ["kind"]),
        obj({"packages": arr(obj({"package": package, "zh": text, "kind": package_kind, "price": money, "subsidy": money, "payable": money,
                                  "plan_2022": nul(text), "in_hospital_only": boolean},
                                 ["package", "zh", "kind", "price", "subsidy", "payable", "plan_2022", "in_hospital_only"])),
             "target_people": count},
            ["packages", "target_people"])),
    "health_point.service_check": (
        obj({"period_start": date, "period_end": date, "consultation_half_days": arr(count), "visits": arr(event), "lectures": arr(event)},
            ["period_start", "period_end", "consultation_half_days"], ["visits", "lectures"]),
        obj({"meets_all": boolean,
             "standards": arr(obj({"standard": enum("consultation", "visits", "lectures", "visit_notices", "lecture_notices"), "met": nul(boolean),
                                   "checked": count, "missed": arr(text)}, ["standard", "met", "checked", "missed"])),
             "reasons": arr(enum("consultation_below_minimum", "visit_missing", "lecture_missing", "notice_too_late", "notice_too_early"))},
            ["meets_all", "standards", "reasons"])),
    "health_point.application_check": (
        obj({"submitted_at": datetime_in, "new_points": count, "upgrade_points": count,
             "large_groups": arr(obj({"employees": count, "in_house_medical": enum("none", "rudimentary", "adequate")}, ["employees", "in_house_medical"]))},
            ["submitted_at", "new_points", "upgrade_points"], ["large_groups"]),
        obj({"accepted": boolean, "reasons": application_reasons, "on_time": boolean, "deadline": datetime_out, "min_new": count, "min_upgrade": count,
             "upgrade_places": count, "existing_points": count,
             "large_groups": arr(obj({"eligible": boolean, "reasons": application_reasons}, ["eligible", "reasons"]))},
            ["accepted", "reasons", "on_time", "deadline", "min_new", "min_upgrade", "upgrade_places", "existing_points", "large_groups"])),
    "health_point.card": (
        obj({"state": card_state, "outcome": enum("compliant", "non_compliant", "serious")}, ["state", "outcome"]),
        obj({"state": card_state, "notice": nul(enum("整改通知书", "摘牌通知书")), "qualification_cancelled": boolean,
             "reasons": {**arr(enum("non_compliance", "serious_case", "rectification_failed", "rectified", "already_delisted")), "maxItems": 1}},
            ["state", "notice", "qualification_cancelled", "reasons"])),
    "health_point.fund_use": (
        obj({"source": enum("city", "district", "industry", "street"), "purpose": fund_purpose}, ["source", "purpose"]),
        obj({"allowed": boolean, "reasons": arr(enum("purpose_for_other_source", "purpose_not_listed")), "basis": nul(text), "allowed_purposes": arr(fund_purpose)},
            ["allowed", "reasons", "basis", "allowed_purposes"])),
    "fitness_station.phase": (
        obj({"date": date, "stations_accepted": count}, ["date"], ["stations_accepted"]),
        obj({"phases": arr(phase), "next": arr(phase), "target_stations": count, "target_date": date, "remaining": nul(count), "target_met": nul(boolean),
             "reasons": arr(enum("no_phase", "target_missed"))},
            ["phases", "next", "target_stations", "target_date", "remaining", "target_met", "reasons"])),
    "rest_room.checklist": (
        obj({"met": {**arr(dimension), "uniqueItems": True}, "applied_on": date, "date": date}, ["met"], ["applied_on", "date"]),
        obj({"all_met": boolean, "met_count": count, "total": count,
             "dimensions": arr(obj({"id": dimension, "char": {"type": "string", "minLength": 1, "maxLength": 1}, "zh": text, "met": boolean},
                                   ["id", "char", "zh", "met"])),
             "missing": arr(dimension), "applied_on_time": nul(boolean), "check_period": nul(obj({"first": date, "last": date}, ["first", "last"])),
             "reasons": arr(enum("dimension_not_met", "applied_after_deadline"))},
            ["all_met", "met_count", "total", "dimensions", "missing", "applied_on_time", "check_period", "reasons"])),
    "mutual_aid.payment_due": (
        obj({"submitted_on": date, "paid_on": date}, ["submitted_on"], ["paid_on"]),
        obj({"last_day": date, "working_days": count, "concentrated": boolean, "coverage_start": nul(date), "paid_on_time": nul(boolean),
             "reasons": arr(enum("after_concentrated_deadline", "outside_enrollment_window", "payment_late"))},
            ["last_day", "working_days", "concentrated", "coverage_start", "paid_on_time", "reasons"])),
    "reference.service_centres": (
        obj({"district": district_in}, [], ["district"]),
        obj({"centres": arr(obj({"no": pos, "district": district, "district_zh": text, "name": text, "phone": text, "address": text},
                                ["no", "district", "district_zh", "name", "phone", "address"]))}, ["centres"])),
    "model_worker.dispatch_due": (
        obj({"received_on": date, "served_on": date}, ["received_on"], ["served_on"]),
        obj({"last_day": date, "working_days": count, "working_days_taken": nul(count), "on_time": nul(boolean), "reasons": arr(enum("dispatch_late")),
             "fee": money},
            ["last_day", "working_days", "working_days_taken", "on_time", "reasons", "fee"])),
    "metro_safety.sessions": (
        obj({"participants": count, "applied_on": date, "planned_date": date}, ["participants"], ["applied_on", "planned_date"]),
        obj({"feasible": boolean, "min_sessions": nul(pos), "max_sessions": nul(pos),
             "split": nul(obj({"sessions": pos, "larger_sessions": count, "larger_size": count, "smaller_sessions": count, "smaller_size": count},
                              ["sessions", "larger_sessions", "larger_size", "smaller_sessions", "smaller_size"])),
             "session_min": count, "session_max": count, "parallel_sessions": pos, "min_rounds": nul(pos),
             "applied_on_time": nul(boolean), "in_activity_window": nul(boolean),
             "reasons": arr(enum("no_participants", "too_few_participants", "no_even_split", "applied_after_deadline", "outside_activity_window"))},
            ["feasible", "min_sessions", "max_sessions", "split", "session_min", "session_max", "parallel_sessions", "min_rounds", "applied_on_time",
             "in_activity_window", "reasons"])),
    "reference.metro_sites": (
        obj({"district": district_in}, [], ["district"]),
        obj({"sites": arr(obj({"no": pos, "district": district, "district_zh": text, "name": text, "address": text},
                              ["no", "district", "district_zh", "name", "address"]))}, ["sites"])),
    "programmes.progress": (
        obj({"achieved": {"type": "object", "propertyNames": target_id_in, "additionalProperties": nul(count)}, "as_of": date}, [], ["achieved", "as_of"]),
        obj({"targets": arr(obj({"id": target_id, "programme": programme_no, "clause": text, "zh": text, "bound": enum("at_least", "about", "all"),
                                 "target": count, "of": nul(target_id), "unit": text, "achieved": nul(count), "remaining": nul(count),
                                 "percent": nul({"type": "string", "pattern": "^[0-9]+\\.[0-9]{2}$"}), "met": nul(boolean), "due": nul(date),
                                 "overdue": nul(boolean)},
                                ["id", "programme", "clause", "zh", "bound", "target", "of", "unit", "achieved", "remaining", "percent", "met", "due",
                                 "overdue"])),
             "reported": count, "met": count, "all_met": boolean},
            ["targets", "reported", "met", "all_met"])),
    "deadlines.upcoming": (
        obj({"date": date, "programme": programme_no}, ["date"], ["programme"]),
        obj({"date": date, "next": arr(dated_item), "open": arr(dated_item), "upcoming": arr(dated_item), "overdue": arr(dated_item)},
            ["date", "next", "open", "upcoming", "overdue"])),
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
