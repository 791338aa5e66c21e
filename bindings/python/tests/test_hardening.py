"""Hardening through the Python binding (issue 8): threads, memory over many calls, hostile input.

Each test checks an answer, not just survival: threads must agree with a sequential run, resident memory
must stay within a bound after a warm-up, and every hostile request must come back as a typed answer.
"""
from __future__ import annotations

import json
import math
import pathlib
import threading
from decimal import Decimal
from typing import Any, Dict, List

import pytest

import shftu_rules

ROOT = pathlib.Path(__file__).resolve().parents[3]
SAMPLES: List[str] = [l for l in (ROOT / "spec/examples/requests.jsonl").read_text().splitlines() if l.strip()]


def canonical(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


def test_eight_threads_agree_with_a_sequential_run() -> None:
    expected = [canonical(shftu_rules.evaluate(s)) for s in SAMPLES]
    per_thread = 100_000 // len(SAMPLES) + 1
    mismatches: List[str] = []
    errors: List[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(per_thread):
                j = (i + k) % len(SAMPLES)
                got = canonical(shftu_rules.evaluate(SAMPLES[j]))
                if got != expected[j]:
                    mismatches.append(SAMPLES[j])
        except BaseException as e:  # a thread's failure must fail the test
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert not mismatches, mismatches[:3]


def _rss_kib() -> int:
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    pytest.skip("no /proc/self/status on this platform")
    return 0


def test_resident_memory_stays_flat_over_many_evaluations() -> None:
    reqs = SAMPLES + ['{"rule": "nope"}', "not json", '{"rule":"checkup.quote","input":{"lines":[{"package":"L9","count":1}]}}']
    for i in range(20_000):  # warm-up: allocator pools, interned strings
        shftu_rules.evaluate(reqs[i % len(reqs)])
    before = _rss_kib()
    # 1,000,000 evaluations: the native entry point on text (what `evaluate` calls), then 100,000 more
    # through `evaluate` with its dict conversion and a typed call each.
    native = shftu_rules._native.evaluate
    for i in range(1_000_000):
        native(reqs[i % len(reqs)])
    for i in range(100_000):
        shftu_rules.evaluate(reqs[i % len(reqs)])
        shftu_rules.checkup.quote(lines=[{"package": "L1", "count": i % 7}])
    grown = _rss_kib() - before
    assert grown < 32 * 1024, f"resident memory grew by {grown} KiB over 1,100,000 evaluations"


HOSTILE: List[str] = [
    "[" * 10_000 + "]" * 10_000,
    '{"rule":"calendar.add_working_days","input":{"from":"' + "x" * 10_000_000 + '","days":1}}',
    "",
    "\ufeff" + SAMPLES[0],
    '{"rule":"calendar.add_working_days","rule":"mutual_aid.enroll","input":{}}',
    '{"rule":"love_shanghai.goods_check","input":{"spent_per_person":1e30,"amount_per_person":1}}',
    '{"rule":"love_shanghai.goods_check","input":{"spent_per_person":"123456789012345678901234567890","amount_per_person":1}}',
    '{"rule":"checkup.quote","input":{"lines":[{"package":"L1","count":9223372036854775807}]}}',
    '{"rule":"checkup.quote","input":{"lines":[{"package":"L1","count":null}]}}',
    '{"rule":"checkup.quote","input":{"lines":null}}',
]


@pytest.mark.parametrize("request_text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_hostile_text_answers_with_an_envelope(request_text: str) -> None:
    resp = shftu_rules.evaluate(request_text)
    assert isinstance(resp.get("ok"), bool)
    if not resp["ok"]:
        assert resp["error"]["code"] in {"invalid_json", "invalid_input", "unknown_rule", "limit_exceeded"}


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, 0.1])
def test_floats_for_money_in_the_typed_api_are_refused(value: float) -> None:
    with pytest.raises(shftu_rules.InvalidInput, match="input.spent_per_person") as e:
        shftu_rules.love_shanghai.goods_check(spent_per_person=value, amount_per_person=Decimal("1"))  # type: ignore[arg-type]
    assert e.value.path == "input.spent_per_person"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("1E+100000"), Decimal("-0.01"), "1e5", "１２"])
def test_hostile_decimals_and_text_are_invalid_input(value: object) -> None:
    with pytest.raises(shftu_rules.InvalidInput) as e:
        shftu_rules.love_shanghai.goods_check(spent_per_person=value, amount_per_person=Decimal("1"))  # type: ignore[arg-type]
    assert e.value.path == "input.spent_per_person"


def test_an_over_limit_request_is_refused_before_it_is_read() -> None:
    limit = shftu_rules.describe()["limits"]["request_bytes"]
    text = "x" * (limit + 1)
    r = shftu_rules.evaluate(text)
    assert r["error"]["code"] == "limit_exceeded" and r["error"]["path"] == "request"
    # A str of fewer code points but more UTF-8 bytes than the limit: the core's own check.
    wide = "中" * (limit // 3 + 1)
    assert shftu_rules.evaluate(wide)["error"]["code"] == "limit_exceeded"


def test_a_million_claims_in_one_request_are_refused_by_the_claims_limit() -> None:
    claim: Dict[str, Any] = {"benefit": "accident_consolation", "event_date": "2023-03-01", "filed_on": "2023-04-01"}
    policy = {"tier": "E", "coverage_start": "2023-01-01", "coverage_end": "2023-12-31"}
    resp = shftu_rules.evaluate({"rule": "mutual_aid.adjudicate", "input": {"policy": policy, "claims": [claim] * 1_000_000}})
    assert resp["ok"] is False and resp["error"]["code"] == "limit_exceeded" and resp["error"]["path"] == "input.claims"
    with pytest.raises(shftu_rules.LimitExceeded):
        shftu_rules.mutual_aid.adjudicate(policy=policy, claims=[claim] * 1_001)  # type: ignore[list-item]
    ok = shftu_rules.mutual_aid.adjudicate(policy=policy, claims=[claim] * 1_000)  # type: ignore[list-item]
    assert ok.total_payable == Decimal("6000.00")  # 500 a claim, 6,000 a period (E)


def test_batch_without_pyarrow_says_to_install_the_extra() -> None:
    import subprocess
    import sys

    code = "import sys; sys.modules['pyarrow'] = None\ntry:\n    import shftu_rules.batch\nexcept ImportError as e:\n    print(e)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install 'shftu-rules[batch]'" in out
