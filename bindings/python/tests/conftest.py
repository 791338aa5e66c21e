"""Shared helpers: the repository's conformance vectors."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal
from typing import Any, Dict, List, Tuple

REPO = pathlib.Path(__file__).resolve().parents[3]
CASES_DIR = REPO / "spec" / "cases"


def load_cases(parse_float: Any = float) -> List[Tuple[str, Dict[str, Any]]]:
    """Every case of spec/cases/*.json as (id, case)."""
    out = []
    for f in sorted(CASES_DIR.glob("*.json")):
        cases = json.loads(f.read_text(encoding="utf-8"), parse_float=parse_float)
        for i, case in enumerate(cases):
            out.append((f"{f.stem}[{i}] {case.get('name', '')}", case))
    return out


def canonical(v: Any) -> str:
    return json.dumps(v, sort_keys=True, ensure_ascii=False, default=str)


__all__ = ["CASES_DIR", "Decimal", "canonical", "load_cases"]

from hypothesis import settings as _settings

# No example database on disk (CI runs in a fresh clone; nothing to keep between runs).
_settings.register_profile("shftu", database=None, deadline=None)
_settings.load_profile("shftu")
