"""The GoRules JDM decisions of the peer comparison, built from the values the ``shftu_rules`` library answers.

``run.py --write-models`` writes them to ``benches/peers/zen/*.json`` (open them in the GoRules editor);
every run rebuilds them from the library and stops if a file differs, so no figure in them is typed by hand.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Tuple


def _node(id_: str, type_: str, name: str, x: int, content: Any = None) -> Dict[str, Any]:
    n: Dict[str, Any] = {"id": id_, "type": type_, "name": name, "position": {"x": x, "y": 0}}
    if content is not None:
        n["content"] = content
    return n


def _graph(nodes: List[Dict[str, Any]]) -> Dict[str, Any]:
    edges = [{"id": f"e{i}", "sourceId": a["id"], "targetId": b["id"], "type": "edge"}
             for i, (a, b) in enumerate(zip(nodes, nodes[1:]))]
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}


def _expressions(pairs: List[Tuple[str, str]], pass_through: bool) -> Dict[str, Any]:
    return {"expressions": [{"id": f"x{i}", "key": k, "value": v} for i, (k, v) in enumerate(pairs)],
            "passThrough": pass_through, "inputField": None, "outputPath": None, "executionMode": "single"}


def _money(x: Decimal) -> str:
    return format(x, "f")


def checkup_split(lib: Mapping[str, Any]) -> Dict[str, Any]:
    """package, count → price, subsidy, payable: a decision table of the packages, then the line's products."""
    rules = [{"_id": f"r{i}", "package": json.dumps(p), "unit_price": _money(lib["price"][p]),
              "unit_subsidy": _money(lib["subsidy"][p]), "unit_payable": _money(lib["payable"][p])}
             for i, p in enumerate(lib["packages"])]
    table = {"hitPolicy": "first", "passThrough": True, "inputField": None, "outputPath": None,
             "executionMode": "single",
             "inputs": [{"id": "package", "name": "Package", "field": "package"}],
             "outputs": [{"id": c, "name": c, "field": c} for c in ("unit_price", "unit_subsidy", "unit_payable")],
             "rules": rules}
    line = _expressions([("price", "unit_price * count"), ("subsidy", "unit_subsidy * count"),
                         ("payable", "unit_payable * count")], pass_through=False)
    return _graph([_node("request", "inputNode", "Request", 0),
                   _node("packages", "decisionTableNode", "§9 五 体检计划汇总表", 250, table),
                   _node("line", "expressionNode", "Line amounts", 500, line),
                   _node("response", "outputNode", "Response", 750)])


def e_premium(lib: Mapping[str, Any]) -> Dict[str, Any]:
    """coverage_start (YYYY-MM-DD) → premium: months covered to the coverage end, then the §5 一(五)3 table."""
    end = lib["coverage_end"].isoformat()
    months = _expressions([("months_covered", f'(d("{end}").year() - d(coverage_start).year()) * 12'
                                               f' + d("{end}").month() - d(coverage_start).month() + 1')],
                          pass_through=False)
    half = int(lib["e_half_year_months"])
    table = {"hitPolicy": "first", "passThrough": False, "inputField": None, "outputPath": None,
             "executionMode": "single",
             "inputs": [{"id": "months", "name": "Months covered", "field": "months_covered"}],
             "outputs": [{"id": "premium", "name": "Premium", "field": "premium"}],
             "rules": [{"_id": "full", "months": f"> {half}", "premium": _money(lib["e_premium_full"])},
                       {"_id": "half", "months": f"<= {half}", "premium": _money(lib["e_premium_half"])}]}
    return _graph([_node("request", "inputNode", "Request", 0),
                   _node("months", "expressionNode", "Months covered", 250, months),
                   _node("premium", "decisionTableNode", "§5 一(五)3 tier E premium", 500, table),
                   _node("response", "outputNode", "Response", 750)])


def hospital_days(lib: Mapping[str, Any]) -> Dict[str, Any]:
    """days, used_days (paid earlier on the policy, carried by the caller) → paid_days, payable."""
    limit, daily = int(lib["hospital_max_days"]), _money(lib["hospital_daily"])
    paid = _expressions([("paid_days", f"min([days, max([0, {limit} - used_days])])")], pass_through=True)
    pay = _expressions([("paid_days", "paid_days"), ("payable", f"paid_days * {daily}")], pass_through=False)
    return _graph([_node("request", "inputNode", "Request", 0),
                   _node("days", "expressionNode", "§5 一(二) 住院: day limit", 250, paid),
                   _node("amount", "expressionNode", "Daily amount", 500, pay),
                   _node("response", "outputNode", "Response", 750)])


def build(lib: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    """Every decision, by file stem."""
    return {"checkup_split": checkup_split(lib), "e_premium": e_premium(lib), "hospital_days": hospital_days(lib)}


def dumps(model: Dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, indent=2) + "\n"
