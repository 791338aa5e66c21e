"""The generated typed API is the registry's: regenerating it from the installed extension gives no
difference, and `call` reaches every rule."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

import shftu_rules

GEN = pathlib.Path(__file__).resolve().parents[1] / "tools" / "gen_typed.py"


def test_generated_files_are_current() -> None:
    r = subprocess.run([sys.executable, str(GEN), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, f"run {GEN} to refresh: {r.stdout}{r.stderr}"


@pytest.mark.parametrize("rule", shftu_rules.rules())
def test_call_reaches_every_rule(rule: str) -> None:
    # An empty input: the rule's own reader answers (invalid_input, or a result for all-optional input),
    # never unknown_rule.
    try:
        r = shftu_rules.call(rule)
    except shftu_rules.InvalidInput:
        return
    assert r.rule == rule


def test_call_unknown_rule_and_result_shape() -> None:
    with pytest.raises(shftu_rules.UnknownRule):
        shftu_rules.call("nope.nothing")
    r = shftu_rules.call("labor_relations.guidance_subsidy", person_days=3)
    assert r == shftu_rules.labor_relations.guidance_subsidy(person_days=3)
    assert type(r).__name__ == shftu_rules.describe()["rules"][
        shftu_rules.rules().index("labor_relations.guidance_subsidy")]["output"]["name"]
    with pytest.raises(shftu_rules.InvalidInput, match="floating-point"):
        shftu_rules.call("love_shanghai.goods_check", spent_per_person=1.5, amount_per_person=0)
