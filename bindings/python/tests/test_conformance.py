"""Every conformance vector of spec/cases through `evaluate` (JSON text, bytes and a dict), in English
and — where the case records one — in Chinese (`response_zh-CN`); and the typed API (`call`, the
generated functions) against the same vectors: the same result, trace, error code, path and message."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List, Tuple

import pytest

import shftu_rules

from conftest import CASES_DIR, canonical, load_cases

CASES = load_cases()
assert CASES, f"no conformance vectors under {CASES_DIR}"


def _ids(cases: Any) -> Any:
    return [c[0] for c in cases]


def _with_lang(request: Any, lang: str) -> Any:
    if isinstance(request, dict):
        return {**request, "lang": lang}
    return None


LANG_CASES: List[Tuple[str, Dict[str, Any], str]] = []
for cid, case in CASES:
    if "response" in case:
        LANG_CASES.append((cid, case, "en"))
    if "response_zh-CN" in case and _with_lang(case["request"], "zh-CN") is not None:
        LANG_CASES.append((cid + " zh-CN", case, "zh-CN"))


@pytest.mark.parametrize("case,lang", [(c, lang) for _, c, lang in LANG_CASES], ids=[c[0] for c in LANG_CASES])
def test_vector_through_evaluate(case: Dict[str, Any], lang: str) -> None:
    if lang == "en":
        request, want = case["request"], canonical(case["response"])
    else:
        request, want = _with_lang(case["request"], lang), canonical(case["response_zh-CN"])
    as_text = request if isinstance(request, str) else json.dumps(request, ensure_ascii=False)
    assert canonical(shftu_rules.evaluate(as_text)) == want
    assert canonical(shftu_rules.evaluate(as_text.encode("utf-8"))) == want
    if isinstance(request, dict):
        # As Python objects: JSON numbers with a fraction as Decimal (a float is refused on purpose).
        obj = json.loads(as_text, parse_float=Decimal)
        assert canonical(shftu_rules.evaluate(obj)) == want


def _typed_cases() -> List[Tuple[str, Dict[str, Any], str]]:
    out = []
    for cid, case, lang in LANG_CASES:
        req = case["request"]
        if not isinstance(req, dict) or not isinstance(req.get("input"), dict) or req.get("rule") not in shftu_rules.rules():
            continue
        if set(req) - {"rule", "input", "edition", "lang"} or not isinstance(req.get("edition", ""), str):
            continue
        if not isinstance(req.get("lang", "en"), str) or req.get("lang", "en") not in ("en", "zh-CN"):
            continue
        out.append((cid, case, lang))
    return out


TYPED = _typed_cases()


def _has_fraction(v: Any) -> bool:
    if isinstance(v, Decimal):
        return True
    if isinstance(v, dict):
        return any(_has_fraction(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_fraction(x) for x in v)
    return False


@pytest.mark.parametrize("via", ["call", "typed"])
@pytest.mark.parametrize("case,lang", [(c, lang) for _, c, lang in TYPED], ids=[c[0] for c in TYPED])
def test_vector_through_typed_api(case: Dict[str, Any], lang: str, via: str) -> None:
    req = json.loads(json.dumps(case["request"], ensure_ascii=False), parse_float=Decimal)
    want = case["response"] if lang == "en" else case["response_zh-CN"]
    lang = req.get("lang", lang)
    rule, edition = req["rule"], req.get("edition", "2023")
    try:
        if via == "call":
            out = shftu_rules._native.call(rule, req["input"], edition, lang)
        else:
            family, short = rule.split(".", 1)
            fn = getattr(getattr(shftu_rules, family), short)
            kwargs = {(k + "_" if k in ("from",) else k): v for k, v in req["input"].items()}
            out = fn(**kwargs, edition=edition, lang=lang)
    except TypeError:
        # A field the rule does not have: a keyword function cannot be called with it.
        assert via == "typed" and want["ok"] is False and want["error"]["code"] == "invalid_input"
        return
    except shftu_rules.ShftuError as e:
        assert want["ok"] is False, f"typed API raised {e!r} where evaluate answered ok"
        if _has_fraction(req["input"]):
            # A JSON number with a fraction comes in as a Decimal: the same code and field.
            assert (e.code, e.path) == (want["error"]["code"], want["error"]["path"])
            return
        assert (e.code, e.path, str(e)) == (want["error"]["code"], want["error"]["path"], want["error"]["message"])
        return
    assert want["ok"] is True, f"typed API answered {out!r} where evaluate refused: {want['error']}"
    assert canonical(out.to_response()) == canonical(want)


def test_every_rule_has_a_typed_function_and_vectors() -> None:
    for rid in shftu_rules.rules():
        family, short = rid.split(".", 1)
        assert callable(getattr(getattr(shftu_rules, family), short))
    assert {c["request"]["rule"] for _, c, _ in TYPED} == set(shftu_rules.rules())
