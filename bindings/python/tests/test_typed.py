"""The typed API: keyword functions generated from the registry, immutable results with their trace,
exact money, dates as `date` or ISO text, the plan's Chinese names, `lang`, `explain`, every error class."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import pytest

import shftu_rules
from shftu_rules import calendar, checkup, love_shanghai, mutual_aid

D = datetime.date


def enroll_e(**over: Any) -> mutual_aid.Enrollment:
    kw: dict = dict(tier="E", channel="group", date=D(2023, 5, 15), industry="courier", birth_date=D(1990, 1, 1))
    kw.update(over)
    return mutual_aid.enroll(**kw)


def wire(rule: str, **input: Any) -> dict:
    return shftu_rules.evaluate({"rule": rule, "input": input})


def test_enroll_result_is_typed_and_exact() -> None:
    r = enroll_e()
    assert r.accepted is True
    assert r.reasons == ()
    assert r.coverage_start == D(2023, 6, 1) and r.coverage_end == D(2023, 12, 31)
    assert r.months == 7
    assert r.fee == Decimal("72.00") and isinstance(r.fee, Decimal) and str(r.fee) == "72.00"
    assert r.fee_kind == "premium"
    steps = wire("mutual_aid.enroll", tier="E", channel="group", date="2023-05-15", industry="courier", birth_date="1990-01-01")["trace"]
    assert [s._asdict() for s in r.trace] == steps
    assert isinstance(r.trace[0], shftu_rules.TraceStep)
    assert (r.rule, r.edition, r.lang) == ("mutual_aid.enroll", "2023", "en")


def test_results_are_immutable_comparable_and_printable() -> None:
    a, b = enroll_e(), enroll_e()
    assert a == b and hash(a) == hash(b)
    assert a != enroll_e(date=D(2023, 8, 15))
    with pytest.raises(AttributeError):
        a.fee = Decimal("0")  # type: ignore[misc]
    assert repr(a).startswith("Enrollment(accepted=True, reasons=(), coverage_start=datetime.date(2023, 6, 1)")
    assert "trace" not in repr(a)
    # The trace is not part of the figures: the same figures in Chinese are equal.
    assert enroll_e(lang="zh-CN") == a


def test_to_dict_matches_the_wire_result() -> None:
    r = enroll_e()
    w = wire("mutual_aid.enroll", tier="E", channel="group", date=D(2023, 5, 15), industry="courier", birth_date=D(1990, 1, 1))
    d = r.to_dict()
    assert d["fee"] == Decimal("72.00") and d["coverage_start"] == D(2023, 6, 1) and d["reasons"] == []
    assert json.dumps(d, default=str, sort_keys=True) == json.dumps(w["result"], sort_keys=True)
    assert r.to_response() == w


def test_dates_as_iso_text_and_chinese_names() -> None:
    assert enroll_e(date="2023-05-15", birth_date="1990-01-01") == enroll_e()
    q = checkup.quote(lines=[{"package": "心功能", "count": 2}])
    assert q.lines[0].package == "cardio"  # the answer echoes the code
    assert q == checkup.quote(lines=[{"package": "cardio", "count": 2}])


def test_refusal_is_a_result_with_reasons() -> None:
    r = enroll_e(channel="individual", tier="D")
    assert r.accepted is False and r.fee is None
    assert "tier_not_offered" in r.reasons and "channel_not_eligible" in r.reasons


@pytest.mark.parametrize("amount", [Decimal("5000.5"), Decimal("5000.50"), "5000.50", "5000.5", Decimal("0.50005E+4")])
def test_money_in_as_decimal_or_str(amount: object) -> None:
    a = mutual_aid.adjudicate(
        policy={"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)},
        claims=[{"benefit": "ci_medical_subsidy", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "amount": amount}],  # type: ignore[typeddict-item]
    )
    assert a.decisions[0].payable == Decimal("5000.50")
    assert a.total_payable == Decimal("5000.50")


def test_money_in_as_int_and_typed_dict_inputs() -> None:
    a = mutual_aid.adjudicate(
        policy=mutual_aid.Policy(tier="E", coverage_start=D(2023, 1, 1), coverage_end=D(2023, 12, 31)),
        claims=[mutual_aid.Claim(benefit="ci_medical_subsidy", event_date=D(2023, 3, 1), filed_on=D(2023, 4, 1), amount=5000)],
    )
    assert a.decisions[0] == mutual_aid.ClaimDecision(status="paid", payable=Decimal("5000.00"), reasons=())


def test_float_money_is_refused_with_the_cores_message() -> None:
    with pytest.raises(shftu_rules.InvalidInput, match=r"input\.total_cost is 900\.0, a binary floating-point") as e:
        love_shanghai.trip_check(kind="one_day", participants=3, total_cost=900.0, meal_cost=Decimal("100"))  # type: ignore[arg-type]
    assert e.value.path == "input.total_cost"
    with pytest.raises(shftu_rules.InvalidInput) as e2:
        mutual_aid.adjudicate(
            policy={"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)},
            claims=[
                {"benefit": "hospital_days", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "days": 2},
                {"benefit": "ci_medical_subsidy", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "amount": 5000.0},  # type: ignore[typeddict-item]
            ],
        )
    assert e2.value.path == "input.claims[1].amount"


def test_evaluate_refuses_float_money_in_a_dict_request() -> None:
    req = {"rule": "love_shanghai.goods_check", "input": {"spent_per_person": 120.5, "amount_per_person": Decimal("100")}}
    r = shftu_rules.evaluate(req)
    assert r["ok"] is False and r["error"]["code"] == "invalid_input"
    assert r["error"]["path"] == "input.spent_per_person" and "floating-point" in r["error"]["message"]
    zh = shftu_rules.evaluate({**req, "lang": "zh-CN"})
    assert "浮点" in zh["error"]["message"]
    # The envelope's own errors come first, as the core orders them.
    assert shftu_rules.evaluate({**req, "rule": "nope.x"})["error"]["code"] == "unknown_rule"


def test_datetime_and_other_wrong_types_are_invalid_input() -> None:
    with pytest.raises(shftu_rules.InvalidInput, match=r"input\.date must be a date") as e:
        enroll_e(date=datetime.datetime(2023, 5, 15, 12, 0))
    assert e.value.path == "input.date"
    for kw, path in [({"tier": 3}, "input.tier"), ({"platform_worker": "yes"}, "input.platform_worker"),
                     ({"birth_date": "1990-02-30"}, "input.birth_date")]:
        with pytest.raises(shftu_rules.InvalidInput) as e2:
            enroll_e(**kw)
        assert e2.value.path == path
    with pytest.raises(shftu_rules.InvalidInput) as e3:
        calendar.add_working_days(from_=D(2023, 9, 28), days=True)  # type: ignore[arg-type]
    assert e3.value.path == "input.days"


def test_errors_match_evaluate_code_path_and_message() -> None:
    with pytest.raises(shftu_rules.InvalidInput) as e:
        enroll_e(tier="F")
    w = wire("mutual_aid.enroll", tier="F", channel="group", date="2023-05-15", industry="courier", birth_date="1990-01-01")
    assert (e.value.code, e.value.path, str(e.value)) == (w["error"]["code"], w["error"]["path"], w["error"]["message"])
    assert isinstance(e.value, shftu_rules.ShftuError)
    with pytest.raises(shftu_rules.InvalidInput) as e3:
        checkup.quote(lines=[{"package": "L1", "count": 1, "colour": "red"}])  # type: ignore[typeddict-unknown-key]
    assert e3.value.path == "input.lines[0].colour"


def test_lang_zh_cn_for_trace_and_errors() -> None:
    r = enroll_e(lang="zh-CN")
    w = shftu_rules.evaluate({"rule": "mutual_aid.enroll", "lang": "zh-CN", "input": {
        "tier": "E", "channel": "group", "date": "2023-05-15", "industry": "courier", "birth_date": "1990-01-01"}})
    assert [s._asdict() for s in r.trace] == w["trace"]
    assert r.lang == "zh-CN"
    with pytest.raises(shftu_rules.InvalidInput) as e:
        checkup.quote(lines=[{"package": "L9", "count": 1}], lang="zh-CN")  # type: ignore[typeddict-item]
    zh = shftu_rules.evaluate({"rule": "checkup.quote", "lang": "zh-CN", "input": {"lines": [{"package": "L9", "count": 1}]}})
    assert str(e.value) == zh["error"]["message"]
    with pytest.raises(shftu_rules.InvalidInput) as e2:
        enroll_e(lang="fr")
    assert e2.value.path == "lang"


def test_explain_in_both_languages() -> None:
    r = enroll_e()
    en, zh = shftu_rules.explain(r), shftu_rules.explain(r, lang="zh-CN")
    assert "72.00" in en and "72.00元" in zh
    w = wire("mutual_aid.enroll", tier="E", channel="group", date="2023-05-15", industry="courier", birth_date="1990-01-01")
    assert shftu_rules.explain(w, "zh-CN") == zh == shftu_rules.explain(json.dumps(w), "zh-CN")


def test_negative_money_and_counts_are_invalid_input() -> None:
    with pytest.raises(shftu_rules.InvalidInput, match="negative"):
        love_shanghai.goods_check(spent_per_person=-1, amount_per_person=0)
    with pytest.raises(shftu_rules.InvalidInput) as e:
        calendar.add_working_days(from_=D(2023, 9, 28), days=-1)
    assert e.value.path == "input.days"


def test_unknown_edition() -> None:
    with pytest.raises(shftu_rules.UnknownEdition) as e:
        enroll_e(edition="1999")
    assert e.value.code == "unknown_edition" and e.value.path == "edition"


def test_calendar_unavailable() -> None:
    r = wire("calendar.add_working_days", **{"from": "2025-12-01", "days": 60})
    with pytest.raises(shftu_rules.ShftuError) as e:
        calendar.add_working_days(from_=D(2025, 12, 1), days=60)
    assert (e.value.code, e.value.path, str(e.value)) == (r["error"]["code"], r["error"]["path"], r["error"]["message"])


def test_invalid_json_unknown_rule_and_limits_from_evaluate() -> None:
    r = shftu_rules.evaluate("{not json")
    assert r["ok"] is False and r["error"]["code"] == "invalid_json"
    with pytest.raises(shftu_rules.InvalidJson) as e:
        shftu_rules.evaluate("{not json", raise_on_error=True)
    assert e.value.code == "invalid_json" and e.value.path is None
    with pytest.raises(shftu_rules.UnknownRule) as e2:
        shftu_rules.evaluate({"rule": "nope.nothing", "input": {}}, raise_on_error=True)
    assert e2.value.code == "unknown_rule" and e2.value.path == "rule"
    with pytest.raises(shftu_rules.UnknownEdition):
        shftu_rules.evaluate({"rule": "mutual_aid.enroll", "input": {}, "edition": "1999"}, raise_on_error=True)
    with pytest.raises(shftu_rules.InvalidInput):
        shftu_rules.evaluate({"rule": "mutual_aid.enroll", "input": {}}, raise_on_error=True)
    big = " " * (4 * 1024 * 1024 + 1)
    for req in (big, big.encode()):
        with pytest.raises(shftu_rules.LimitExceeded) as e3:
            shftu_rules.evaluate(req, raise_on_error=True)
        assert e3.value.code == "limit_exceeded" and e3.value.path == "request"
    assert shftu_rules.evaluate(b'{"rule":"checkup.packages","input":{}}')["ok"] is True


def test_a_rust_panic_is_internal_error_not_panic_exception() -> None:
    with pytest.raises(shftu_rules.InternalError) as e:
        shftu_rules._native._panic_for_test()
    assert e.value.code == "internal_error" and e.value.path is None
    assert "on purpose" in str(e.value)
    assert type(e.value).__mro__[1] is shftu_rules.ShftuError


def test_error_classes_carry_class_level_codes() -> None:
    assert shftu_rules.InvalidInput.code == "invalid_input"
    assert shftu_rules.CalendarUnavailable.code == "calendar_unavailable"
    assert shftu_rules.LimitExceeded.code == "limit_exceeded"
    assert shftu_rules.ShftuError.code is None


def test_evaluate_dict_reads_decimal_and_date() -> None:
    req = {
        "rule": "love_shanghai.goods_check",
        "input": {"spent_per_person": Decimal("120.5"), "amount_per_person": Decimal("1E+2")},
    }
    r = shftu_rules.evaluate(req)
    assert r["ok"] is True, r
    text = json.dumps({"rule": req["rule"], "input": {"spent_per_person": "120.5", "amount_per_person": "100"}})
    assert json.dumps(r, sort_keys=True) == json.dumps(shftu_rules.evaluate(text), sort_keys=True)
    with pytest.raises(TypeError):
        shftu_rules.evaluate({"rule": "x", "input": {"d": datetime.datetime(2023, 1, 1)}})


def test_change_and_claim_deadline() -> None:
    c = mutual_aid.change(from_="C", to="E", date=D(2023, 6, 10))
    assert c.accepted and c.fee == Decimal("72.00") and c.effective_from == D(2023, 7, 1)
    d = mutual_aid.claim_deadline(benefit="disease_death", coverage_end=D(2023, 12, 31))
    assert d.last_day == D(2024, 7, 1) and d.period == "P6M" and d.basis == "coverage_end"


def test_checkup_quote_nested_records() -> None:
    q = checkup.quote(lines=[checkup.QuoteLine(package="L1", count=2), {"package": "cardio", "count": 1}])
    assert len(q.lines) == 2 and isinstance(q.lines[0], checkup.QuotedLine)
    assert q.total.price == sum((line.price for line in q.lines), Decimal(0))
    assert q.to_dict()["total"]["payable"] == q.total.payable


def test_the_typed_functions_are_the_registry() -> None:
    described = {r["id"]: r for r in shftu_rules.describe()["rules"]}
    assert list(described) == shftu_rules.rules()
    for rid, r in described.items():
        family, short = rid.split(".", 1)
        fn = getattr(getattr(shftu_rules, family), short)
        params = set(fn.__code__.co_varnames[: fn.__code__.co_kwonlyargcount])
        want = {f["name"] + ("_" if f["name"] in ("from", "in", "class") else "") for f in r["input"]["fields"]}
        assert params == want | {"edition", "lang"}, rid


def test_import_of_a_family_module() -> None:
    import shftu_rules.mutual_aid as ma

    assert ma.enroll is mutual_aid.enroll


def test_a_lazy_trace_is_the_calls_own() -> None:
    # A flat call's trace is computed when first asked for, from a copy of the call's arguments.
    args: dict = {"tier": "E", "channel": "group", "date": D(2023, 5, 15), "industry": "courier", "birth_date": D(1990, 1, 1)}
    r = shftu_rules.call("mutual_aid.enroll", **args)
    args["date"] = D(2023, 8, 15)
    assert r.trace == enroll_e().trace and r.trace[0].note.startswith("group list confirmed 2023-05-15")
    nested = checkup.quote(lines=[{"package": "L1", "count": 2}])
    assert nested.trace and nested.trace == checkup.quote(lines=[{"package": "L1", "count": 2}]).trace


def test_evaluate_json_is_the_response_text() -> None:
    line = '{"rule":"checkup.quote","lang":"zh-CN","input":{"lines":[{"package":"心功能","count":2}]}}'
    text = shftu_rules.evaluate_json(line)
    assert isinstance(text, str)
    assert json.loads(text) == shftu_rules.evaluate(line)
    assert text.startswith('{"ok":true,"rule":"checkup.quote","edition":"2023","result":')
    assert "市总补贴" in text
    bad = shftu_rules.evaluate_json(b'{"rule":"checkup.quote","input":{"lines":[{"package":"L9","count":1}]}}')
    assert json.loads(bad)["error"]["code"] == "invalid_input"
