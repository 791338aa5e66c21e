"""The typed API: keyword functions, immutable results, exact money, strict types, every error class."""

from __future__ import annotations

import dataclasses
import datetime
import json
from decimal import Decimal

import pytest

import shftu_rules
from shftu_rules import calendar, checkup, love_shanghai, mutual_aid

D = datetime.date


def enroll_e(**over: object) -> mutual_aid.Enrollment:
    kw: dict = dict(tier="E", channel="group", date=D(2023, 5, 15), industry="courier", birth_date=D(1990, 1, 1))
    kw.update(over)
    return mutual_aid.enroll(**kw)


def test_enroll_result_is_typed_and_exact() -> None:
    r = enroll_e()
    assert r.accepted is True
    assert r.reasons == ()
    assert r.coverage_start == D(2023, 6, 1) and r.coverage_end == D(2023, 12, 31)
    assert r.months == 7
    assert r.fee == Decimal("72.00") and isinstance(r.fee, Decimal) and str(r.fee) == "72.00"
    assert r.fee_kind == "premium"
    assert [s.clause for s in r.trace] == ["§5 一(四)1(2)", "§5 一(一)", "§5 一(五)"]
    assert isinstance(r.trace[0], shftu_rules.TraceStep)


def test_results_are_immutable_comparable_and_printable() -> None:
    a, b = enroll_e(), enroll_e()
    assert a == b and hash(a) == hash(b)
    assert a != enroll_e(date=D(2023, 8, 15))
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.fee = Decimal("0")  # type: ignore[misc]
    assert repr(a).startswith("Enrollment(accepted=True, reasons=(), coverage_start=datetime.date(2023, 6, 1)")
    assert "trace" not in repr(a)


def test_to_dict_matches_the_wire_result() -> None:
    r = enroll_e()
    wire = shftu_rules.evaluate(
        {
            "rule": "mutual_aid.enroll",
            "input": {"tier": "E", "channel": "group", "date": D(2023, 5, 15), "industry": "courier", "birth_date": D(1990, 1, 1)},
        }
    )
    d = r.to_dict()
    assert d["fee"] == Decimal("72.00") and d["coverage_start"] == D(2023, 6, 1) and d["reasons"] == []
    assert json.dumps(d, default=str, sort_keys=True) == json.dumps(wire["result"], sort_keys=True)


def test_refusal_is_a_result_with_reasons() -> None:
    r = enroll_e(channel="individual", tier="D")
    assert r.accepted is False and r.fee is None
    assert "tier_not_offered" in r.reasons and "channel_not_eligible" in r.reasons


@pytest.mark.parametrize("amount", [Decimal("5000.5"), Decimal("5000.50"), "5000.50", "5000.5"])
def test_money_in_as_decimal_or_str(amount: object) -> None:
    a = mutual_aid.adjudicate(
        policy={"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)},
        claims=[{"benefit": "ci_medical_subsidy", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "amount": amount}],
    )
    assert a.decisions[0].payable == Decimal("5000.50")
    assert a.total_payable == Decimal("5000.50")


def test_money_in_as_int_and_dataclass_inputs() -> None:
    a = mutual_aid.adjudicate(
        policy=mutual_aid.Policy(tier="E", coverage_start=D(2023, 1, 1), coverage_end=D(2023, 12, 31)),
        claims=[mutual_aid.Claim(benefit="ci_medical_subsidy", event_date=D(2023, 3, 1), filed_on=D(2023, 4, 1), amount=5000)],
    )
    assert a.decisions[0] == mutual_aid.ClaimDecision(status="paid", payable=Decimal("5000.00"), reasons=())


def test_float_money_is_a_type_error_naming_the_field() -> None:
    with pytest.raises(TypeError, match=r"input\.total_cost .*float"):
        love_shanghai.trip_check(kind="one_day", participants=3, total_cost=900.0, meal_cost=Decimal("100"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"input\.claims\[1\]\.amount"):
        mutual_aid.adjudicate(
            policy={"tier": "E", "coverage_start": D(2023, 1, 1), "coverage_end": D(2023, 12, 31)},
            claims=[
                {"benefit": "hospital_days", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "days": 2},
                {"benefit": "ci_medical_subsidy", "event_date": D(2023, 3, 1), "filed_on": D(2023, 4, 1), "amount": 5000.0},
            ],
        )


def test_datetime_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"input\.date .*datetime"):
        enroll_e(date=datetime.datetime(2023, 5, 15, 12, 0))
    with pytest.raises(TypeError, match=r"input\.birth_date"):
        enroll_e(birth_date="1990-01-01")


def test_other_type_errors() -> None:
    with pytest.raises(TypeError, match=r"input\.days"):
        calendar.add_working_days(from_=D(2023, 9, 28), days=True)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"input\.tier"):
        enroll_e(tier=3)
    with pytest.raises(TypeError, match=r"input\.platform_worker"):
        enroll_e(platform_worker="yes")


def test_invalid_input_has_code_path_and_message() -> None:
    with pytest.raises(shftu_rules.InvalidInput) as e:
        enroll_e(tier="F")
    assert e.value.code == "invalid_input" and e.value.path == "input.tier"
    assert str(e.value) == 'input.tier "F" is not one of "C" "D" "E"'
    assert isinstance(e.value, shftu_rules.ShftuError)
    with pytest.raises(shftu_rules.InvalidInput) as e2:
        love_shanghai.goods_check(spent_per_person="1.005", amount_per_person=0)
    assert e2.value.path == "input.spent_per_person"
    with pytest.raises(shftu_rules.InvalidInput) as e3:
        checkup.quote(lines=[{"package": "L1", "count": 1, "colour": "red"}])
    assert e3.value.path == "input.lines[0].colour"


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
    with pytest.raises(shftu_rules.CalendarUnavailable) as e:
        calendar.add_working_days(from_=D(2025, 12, 1), days=60)
    assert e.value.code == "calendar_unavailable" and e.value.path == "input.days"


def test_invalid_json_and_unknown_rule_from_evaluate() -> None:
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


def test_a_rust_panic_is_internal_error_not_panic_exception() -> None:
    with pytest.raises(shftu_rules.InternalError) as e:
        shftu_rules._native._panic_for_test()
    assert e.value.code == "internal_error" and e.value.path is None
    assert "on purpose" in str(e.value)
    assert type(e.value).__mro__[1] is shftu_rules.ShftuError


def test_error_classes_carry_class_level_codes() -> None:
    assert shftu_rules.InvalidInput.code == "invalid_input"
    assert shftu_rules.CalendarUnavailable.code == "calendar_unavailable"
    assert shftu_rules.ShftuError.code is None


def test_evaluate_dict_serialises_decimal_and_date() -> None:
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
    q = checkup.quote(lines=[checkup.QuoteLine("L1", 2), {"package": "cardio", "count": 1}])
    assert len(q.lines) == 2 and isinstance(q.lines[0], checkup.QuotedLine)
    assert q.total.price == sum((line.price for line in q.lines), Decimal(0))
    assert q.to_dict()["total"]["payable"] == q.total.payable


def test_generated_wrappers_are_as_strict_about_dates() -> None:
    from shftu_rules import mutual_aid as ma

    ok = ma.payment_due(submitted_on=D(2023, 3, 1))
    assert isinstance(ok.last_day, D)
    with pytest.raises(TypeError, match=r"input\.submitted_on"):
        ma.payment_due(submitted_on=datetime.datetime(2023, 3, 1, 9, 0))
    with pytest.raises(TypeError, match=r"input\.submitted_on"):
        ma.payment_due(submitted_on="2023-03-01")  # type: ignore[arg-type]
