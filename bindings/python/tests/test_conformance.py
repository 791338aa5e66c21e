"""Every conformance vector of spec/cases through `evaluate` (as a dict and as JSON text), and the
typed API against the same vectors: same result, same trace, same error code, path and message."""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from typing import Any, Callable, Dict

import pytest

import shftu_rules
from shftu_rules import calendar, checkup, health_point, labor_relations, love_shanghai, mutual_aid, recuperation

from conftest import CASES_DIR, canonical, load_cases

CASES = load_cases()
assert CASES, f"no conformance vectors under {CASES_DIR}"


def _ids(cases: Any) -> Any:
    return [c[0] for c in cases]


@pytest.mark.parametrize("case", [c[1] for c in CASES], ids=_ids(CASES))
def test_vector_through_evaluate(case: Dict[str, Any]) -> None:
    if "response" not in case:
        pytest.skip("the case has no recorded response yet")
    request = case["request"]
    want = canonical(case["response"])
    as_text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    assert canonical(shftu_rules.evaluate(as_text)) == want
    if isinstance(request, dict):
        assert canonical(shftu_rules.evaluate(request)) == want


TYPED: Dict[str, Callable[..., shftu_rules.Result]] = {
    "mutual_aid.enroll": mutual_aid.enroll,
    "mutual_aid.change": mutual_aid.change,
    "mutual_aid.claim_deadline": mutual_aid.claim_deadline,
    "mutual_aid.adjudicate": mutual_aid.adjudicate,
    "calendar.add_working_days": calendar.add_working_days,
    "checkup.quote": checkup.quote,
    "health_point.funding": health_point.funding,
    "love_shanghai.trip_check": love_shanghai.trip_check,
    "love_shanghai.goods_check": love_shanghai.goods_check,
    "recuperation.subsidy": recuperation.subsidy,
    "labor_relations.score": labor_relations.score,
    "labor_relations.guidance_subsidy": labor_relations.guidance_subsidy,
    "labor_relations.reporting": labor_relations.reporting,
    "recuperation.sanatorium_allocation": recuperation.sanatorium_allocation,
}
# The generated wrappers (tools/gen_typed.py): `_rules.<family>_<rule>`.
TYPED.update(
    {
        rule: getattr(shftu_rules._rules, rule.replace(".", "_"))
        for rule in shftu_rules.rules()
        if rule not in TYPED and hasattr(shftu_rules._rules, rule.replace(".", "_"))
    }
)


def test_typed_api_covers_every_rule() -> None:
    missing = sorted(set(shftu_rules.rules()) - set(TYPED))
    if missing:
        pytest.skip(f"rules without a typed function yet: {', '.join(missing)}")

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _typed_value(v: Any) -> Any:
    """Wire values as the typed API takes them: ISO dates as date, JSON numbers stay exact."""
    if isinstance(v, str) and _DATE.match(v):
        try:
            return datetime.date.fromisoformat(v)
        except ValueError:
            return v  # an impossible date: the typed API gets the str and refuses it as a type
    if isinstance(v, dict):
        return {k: _typed_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_typed_value(x) for x in v]
    return v


def _wire(v: Any) -> Any:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_wire(x) for x in v]
    if isinstance(v, dict):
        return {k: _wire(x) for k, x in v.items()}
    return v


def _params(fn: Callable[..., Any]) -> set:
    import inspect

    return {("from" if p == "from_" else p) for p in inspect.signature(fn).parameters}


# Cases that send a field the rule does not know: a keyword function cannot even be called with it.
_PARAMS = {rule: _params(fn) for rule, fn in TYPED.items()}

TYPED_CASES = [
    c
    for c in load_cases(parse_float=Decimal)
    if isinstance(c[1].get("request"), dict)
    and c[1]["request"].get("rule") in TYPED
    and not (set(c[1]["request"]["input"]) - _PARAMS.get(c[1]["request"]["rule"], set()) if isinstance(c[1]["request"].get("input"), dict) else False)
    and isinstance(c[1]["request"].get("input"), dict)
    and set(c[1]["request"]) <= {"rule", "input", "edition"}
    and "response" in c[1]
]


def _has_fraction(v: Any) -> bool:
    if isinstance(v, Decimal):
        return True
    if isinstance(v, dict):
        return any(_has_fraction(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_fraction(x) for x in v)
    return False


def _generic(rule: str) -> Callable[..., Any]:
    return lambda **kw: shftu_rules.call(rule, **kw)


@pytest.mark.parametrize("via", ["typed", "call"])
@pytest.mark.parametrize("case", [c[1] for c in TYPED_CASES], ids=_ids(TYPED_CASES))
def test_vector_through_typed_api(case: Dict[str, Any], via: str) -> None:
    req = case["request"]
    want = case["response"]
    fn = TYPED[req["rule"]] if via == "typed" else _generic(req["rule"])
    kwargs = {("from_" if k == "from" else k): _typed_value(v) for k, v in req["input"].items()}
    if "edition" in req:
        kwargs["edition"] = req["edition"]
    if any(isinstance(v, (float, bool)) and not isinstance(v, bool) for v in kwargs.values()):
        pytest.skip("a float input: the typed API refuses it by design")
    try:
        out = fn(**kwargs)
    except TypeError:
        # Ill-typed on the wire (a number for a date, a str for a count…): the typed API refuses the
        # argument's Python type before the core sees it. The wire answer must be an error too.
        assert want["ok"] is False
        return
    except shftu_rules.ShftuError as e:
        assert want["ok"] is False, f"typed API raised {e!r} where evaluate answered ok"
        if _has_fraction(req["input"]):
            # A JSON number with a fraction arrives as a Decimal, which the typed API sends as exact
            # text: the same refusal, worded for a string.
            assert e.code == want["error"]["code"]
            return
        assert (e.code, e.path, str(e)) == (
            want["error"]["code"],
            want["error"]["path"],
            want["error"]["message"],
        )
        return
    assert want["ok"] is True, f"typed API answered {out!r} where evaluate refused: {want['error']}"
    assert canonical(_wire(out.to_dict())) == canonical(want["result"])
    assert [{"clause": s.clause, "note": s.note} for s in out.trace] == want["trace"]
