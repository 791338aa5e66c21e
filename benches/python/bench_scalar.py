#!/usr/bin/env python3
"""Scalar calls through the Python binding, measured with pyperf (issue 19.4: typed ``mutual_aid.enroll``
≤ 2 µs, ``evaluate(str)`` ≤ 3 µs on this machine).

    python benches/python/bench_scalar.py -o target/bench-scalar.json      # pyperf's own options apply
    python -m pyperf stats target/bench-scalar.json
    python benches/python/bench_scalar.py --cpu                              # CPU time per call

Benchmarks: the typed ``mutual_aid.enroll`` (dates as ``date``, and as ISO text), the same with
``lang="zh-CN"``, the trace rendered (``.trace`` asked for), ``checkup.quote`` of two lines,
``evaluate`` of the enrolment request as JSON text, and ``evaluate_json`` (the text answer, without
``json.loads`` of it).
"""

from __future__ import annotations

import datetime

import pyperf

import shftu_rules
from shftu_rules import checkup, mutual_aid

D = datetime.date
REQ = ('{"rule":"mutual_aid.enroll","input":{"tier":"E","channel":"group","date":"2023-05-15",'
       '"industry":"courier","birth_date":"1990-01-01"}}')


def enroll() -> object:
    return mutual_aid.enroll(tier="E", channel="group", date=D(2023, 5, 15), industry="courier", birth_date=D(1990, 1, 1))


def enroll_iso() -> object:
    return mutual_aid.enroll(tier="E", channel="group", date="2023-05-15", industry="courier", birth_date="1990-01-01")


def enroll_zh() -> object:
    return mutual_aid.enroll(tier="E", channel="group", date=D(2023, 5, 15), industry="courier",
                             birth_date=D(1990, 1, 1), lang="zh-CN")


def enroll_trace() -> object:
    return enroll().trace  # type: ignore[attr-defined]


LINES = [{"package": "L1", "count": 2}, {"package": "cardio", "count": 1}]


def quote() -> object:
    return checkup.quote(lines=LINES)  # type: ignore[arg-type]


def evaluate() -> object:
    return shftu_rules.evaluate(REQ)


def native_evaluate() -> object:
    return shftu_rules.evaluate_json(REQ)


def cpu_times() -> None:
    """CPU time of this process per call (`time.process_time()`, best of 7 × 20,000): on a machine shared
    with other work, a figure that waiting for a core does not inflate."""
    import time

    for name, f in CASES:
        best = float("inf")
        for _ in range(7):
            t = time.process_time()
            for _ in range(20_000):
                f()
            best = min(best, (time.process_time() - t) / 20_000)
        print(f"{name}: {best * 1e6:.2f} µs CPU")


CASES = [
    ("typed mutual_aid.enroll", enroll),
    ("typed mutual_aid.enroll, ISO dates", enroll_iso),
    ("typed mutual_aid.enroll, lang=zh-CN", enroll_zh),
    ("typed mutual_aid.enroll + .trace", enroll_trace),
    ("typed checkup.quote, 2 lines", quote),
    ("evaluate(str) -> dict", evaluate),
    ("evaluate_json(str) -> str", native_evaluate),
]


def main() -> None:
    import sys

    if "--cpu" in sys.argv:
        cpu_times()
        return
    runner = pyperf.Runner()
    runner.metadata["shftu_rules"] = shftu_rules.__version__
    for name, f in CASES:
        runner.bench_func(name, f)


if __name__ == "__main__":
    main()
