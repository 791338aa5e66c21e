"""Type-checks with `mypy --strict` (bindings/python/ci.sh): the typed API with its Literal types."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import List

import shftu_rules
from shftu_rules import checkup, mutual_aid

tier: mutual_aid.TierName = "E"
r: mutual_aid.Enrollment = mutual_aid.enroll(
    tier=tier, channel="group", date=datetime.date(2023, 5, 15), industry="courier", birth_date="1990-01-01", lang="zh-CN"
)
fee: Decimal | None = r.fee
kind: mutual_aid.FeeKind | None = r.fee_kind
reasons: List[mutual_aid.Reason] = list(r.reasons)
lines: List[checkup.QuoteLine] = [{"package": "L1", "count": 2}, {"package": "心功能", "count": 1}]
q = checkup.quote(lines=lines)
package: checkup.Package = q.lines[0].package
total: Decimal = q.total.payable
text: str = shftu_rules.explain(q, lang="zh-CN")
steps = [(s.clause, s.note) for s in q.trace]
