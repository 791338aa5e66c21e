"""`evaluate` builds its dict in Rust (`_native.evaluate_dict`, issue 19.4): for every request it must be
exactly `json.loads` of the text answer — the same keys in the same order, the same types (`True` is not
`1`), the same text — for the conformance vectors, the example requests and random requests and junk."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from typing import Any, List

import pytest
from hypothesis import given
from hypothesis import strategies as st

import shftu_rules
from shftu_rules import _native

from conftest import load_cases

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLES: List[str] = [l for l in (ROOT / "spec/examples/requests.jsonl").read_text().splitlines() if l.strip()]
CASES = load_cases(parse_float=Decimal)


def _same(got: Any, want: Any) -> None:
    """Equal, keys in the same order, and the same types at every level."""
    assert got == want
    assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
    assert _types(got) == _types(want)


def _types(v: Any) -> Any:
    if isinstance(v, dict):
        return ("dict", [(type(k).__name__, _types(x)) for k, x in v.items()])
    if isinstance(v, list):
        return ("list", [_types(x) for x in v])
    return type(v).__name__


def _check(request: Any) -> None:
    want = json.loads(shftu_rules.evaluate_json(request))
    _same(shftu_rules.evaluate(request), want)
    _same(_native.evaluate_dict(request), want)


def _forms(request: Any) -> List[Any]:
    if not isinstance(request, (dict, list)):
        return [request]
    text = json.dumps(request, ensure_ascii=False, default=str)
    return [request, text, text.encode("utf-8"), json.dumps(request, default=str)]


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_every_vector_in_every_language(case: Any) -> None:
    request = case["request"]
    for form in _forms(request):
        _check(form)
    if isinstance(request, dict):
        for form in _forms({**request, "lang": "zh-CN"}):
            _check(form)


@pytest.mark.parametrize("line", SAMPLES)
def test_every_example_request(line: str) -> None:
    _check(line)
    _check(json.loads(line))


@given(st.one_of(st.text(), st.binary()))
def test_junk(junk: Any) -> None:
    _check(junk)


# Requests built from the vectors' own: a field's value, the rule, the edition or the language replaced
# with arbitrary text (quotes, backslashes, control characters, Chinese, emoji: echoed in the messages).
_REQUESTS = [c["request"] for _, c in CASES if isinstance(c["request"], dict)]
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(), kids, max_size=3),
    max_leaves=8,
)


@given(st.sampled_from(_REQUESTS), st.sampled_from(["input", "rule", "edition", "lang", None]), st.text(), _JSON, st.booleans())
def test_requests_with_arbitrary_values(request: Any, where: Any, text: str, value: Any, as_text: bool) -> None:
    req = dict(request)
    if where == "input" and isinstance(req.get("input"), dict) and req["input"]:
        field = sorted(req["input"])[len(text) % len(req["input"])]
        req["input"] = {**req["input"], field: value}
    elif where is not None:
        req[where] = text
    else:
        req[text] = value
    _check(json.dumps(req, ensure_ascii=False, default=str) if as_text else req)


def test_raise_on_error_is_unchanged() -> None:
    with pytest.raises(shftu_rules.InvalidJson) as e:
        shftu_rules.evaluate("{not json", raise_on_error=True)
    assert e.value.code == "invalid_json"
    with pytest.raises(shftu_rules.UnknownRule) as u:
        shftu_rules.evaluate('{"rule":"nope.\\"引号\\"","input":{}}', raise_on_error=True)
    assert u.value.code == "unknown_rule" and "引号" in str(u.value)
    ok = shftu_rules.evaluate(SAMPLES[0], raise_on_error=True)
    assert ok["ok"] is True and list(ok) == list(json.loads(shftu_rules.evaluate_json(SAMPLES[0])))
